/**
 * The data model catalog: which schema applies to an entity type, from sources tried in order (the
 * workspace, mim.dataModels, mim.sdm.root, the published site), and the compiled validator for it.
 *
 * Everything that needs the file system or the network is asynchronous and goes through the Runtime; the
 * checks themselves stay synchronous: `lookup` answers from what is loaded and starts loading what is
 * not, and `onChange` tells the caller to check again when a model has arrived.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { baseName, isFileLike, joinUri, parentUri, type Runtime } from '../runtime';
import { isObject, someObject, toPointer, type JsonObject } from '../json/values';
import { describeModel, type ModelDescription } from './model-info';
import { DocumentReader, isSchemaFile, type LoadedDocument } from '../documents';
import { ContextStore } from '../ngsi-ld/jsonld-context';
import { ModelFileStore } from './files';
import { DEFAULT_ALLOWED_HOSTS, SOURCE_LABELS, sdmLocation, type CatalogConfig, type ModelSourceKind } from './sources';
import { findRefCycles, guardedRegExp, MAX_MODEL_DOCUMENTS, MAX_SCHEMA_DEPTH, MAX_SCHEMA_NODES, measure, riskyPatterns } from './schema-guards';

export interface ModelEntry {
  /** The entity type the model describes (its folder name, or the schema's type enum). */
  type: string;
  /** Where the schema is: a file URI, or a URL for downloaded and URL-named schemas. */
  schemaUri: string;
  source: ModelSourceKind;
}

export interface LoadedModel {
  entry: ModelEntry;
  validate: ValidateFunction;
  description: ModelDescription;
  /** `$schemaVersion` of the schema. */
  version: string | undefined;
  title: string | undefined;
  /** `$ref`s that could not be resolved: those parts of the model are not checked. */
  unresolved: string[];
  /** Patterns that may backtrack catastrophically: not applied (see schema-guards.ts). */
  skippedPatterns: { pattern: string; risk: string }[];
  /** Set when validating with the model failed (a `$ref` cycle that recurses without end): it is not used again. */
  failure?: string;
}

export type ModelLookup =
  | { state: 'ready'; model: LoadedModel }
  | { state: 'loading' }
  | { state: 'unknown' }
  | { state: 'error'; entry: ModelEntry; reason: string };

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.cache']);
const MAX_WALK_DEPTH = 6;
const MAX_WALK_ENTRIES = 50_000;

/** SDM keywords unknown to JSON Schema: annotations only. */
const SDM_KEYWORDS = ['$schemaVersion', 'modelTags', 'derivedFrom', 'license', 'x-ngsi'];



export class ModelCatalog {
  private index: Map<string, ModelEntry[]> | undefined;
  private indexing: Promise<void> | undefined;
  private officialList: Map<string, string> | undefined;
  private officialListLoading: Promise<void> | undefined;
  private readonly models = new Map<string, ModelLookup>();
  private readonly loading = new Map<string, Promise<void>>();
  private ajv = createAjv();
  private generation = 0;
  /** The documents models are read from; @contexts are read through it too. */
  readonly documents: DocumentReader;
  /** @contexts, read through the same documents. */
  readonly contexts: ContextStore;
  /** The files around data models ($ref targets, example files, model folders), for the authoring checks. */
  readonly files: ModelFileStore;

  constructor(
    private readonly config: CatalogConfig,
    private readonly runtime: Runtime,
    private readonly onChange: () => void = () => undefined,
  ) {
    this.documents = new DocumentReader(
      {
        roots: [...(config.sdmRoot ? [config.sdmRoot] : []), ...config.workspaceFolders, ...config.modelFolders],
        mappings: config.mappings ?? {},
        download: config.download,
        allowedHosts: config.allowedHosts ?? DEFAULT_ALLOWED_HOSTS,
        baseUrl: config.baseUrl,
        files: config.modelSchemas.filter((s) => isFileLike(s)),
      },
      runtime,
    );
    this.contexts = new ContextStore(this.documents, onChange);
    this.files = new ModelFileStore(this.documents, runtime, onChange);
  }

  /** The model for an entity type, from what is loaded; starts loading it when needed. */
  lookup(type: string): ModelLookup {
    const known = this.models.get(type);
    if (known) return known;
    if (!this.loading.has(type)) {
      const promise = this.load(type).finally(() => {
        this.loading.delete(type);
        this.onChange();
      });
      this.loading.set(type, promise);
    }
    return { state: 'loading' };
  }

  /** Resolves once every model that was asked for has been loaded (or found missing). */
  async settle(): Promise<void> {
    while (this.loading.size > 0) await Promise.all([...this.loading.values()]);
    await this.contexts.settle();
    await this.files.settle();
  }

  /** Loads the models of these types (for the CLI and tests, which can wait). */
  async prepare(types: Iterable<string>): Promise<void> {
    const wanted = [...new Set(types)].filter((t) => !this.models.has(t));
    await Promise.all(wanted.map((t) => this.loading.get(t) ?? this.load(t)));
  }

  /** Every entity type the local sources know (for completion). */
  async knownTypes(): Promise<string[]> {
    await this.ensureIndex();
    return [...this.index!.keys()].sort();
  }

  /**
   * The same, and the published models when they have been listed, without waiting: undefined until the
   * sources have been walked (the walk starts then, and onChange tells when it has ended).
   */
  knownTypesNow(): readonly string[] | undefined {
    if (!this.index) {
      if (!this.indexing) void this.ensureIndex().then(this.onChange, () => undefined);
      return undefined;
    }
    return this.officialList ? [...new Set([...this.index.keys(), ...this.officialList.keys()])] : [...this.index.keys()];
  }

  /**
   * @context URLs of the Smart Data Models subjects the sources hold: the subject of `type` first, then the
   * shared context of all models, then the other subjects (for completion of "@context").
   */
  async contextUrls(type?: string): Promise<string[]> {
    await this.ensureIndex();
    const subjectOf = (entry: ModelEntry): string | undefined => {
      const located = sdmLocation(entry.schemaUri, this.config.baseUrl);
      if (located) return located.repo;
      const repo = baseName(parentUri(parentUri(entry.schemaUri)));
      return repo.startsWith('dataModel.') ? repo : undefined;
    };
    const subjects = new Set<string>();
    for (const entries of this.index!.values()) for (const entry of entries) {
      const subject = subjectOf(entry);
      if (subject) subjects.add(subject);
    }
    const first = type ? this.index!.get(type)?.map(subjectOf).find((s) => !!s) : undefined;
    const url = (repo: string) => `https://raw.githubusercontent.com/smart-data-models/${repo}/master/context.jsonld`;
    return [...(first ? [url(first)] : []), url('data-models'), ...[...subjects].filter((s) => s !== first).sort().map(url)];
  }

  /**
   * A file changed on disk, or an editor holds new text for it (`text`; undefined once it is closed).
   * Forget what depended on it; a new schema.json may add a model.
   */
  invalidate(uri?: string, text?: string): void {
    const isSchema = uri !== undefined && baseName(uri) === 'schema.json';
    const used = uri !== undefined && this.documents.wasRead(uri);
    // A file created or deleted on disk changes the listing of its folder (a model's required files).
    if (uri !== undefined && text === undefined && !this.documents.hasOverlay(uri) && this.files.forget(uri)) this.onChange();
    if (uri !== undefined) {
      // Only schema files keep an editor's text: payloads open beside them are not the catalog's business.
      // A file that already has the editor's text keeps following it, read since the last reset or not.
      const followed = isSchema || used || isSchemaFile(uri) || this.documents.hasOverlay(uri);
      const changed = text === undefined ? this.documents.setOverlay(uri, undefined) : followed ? this.documents.setOverlay(uri, text) : false;
      if (text !== undefined && !changed) return;
    }
    if (uri !== undefined && !isSchema && !used) return;
    if (uri === undefined || isSchema) {
      this.index = undefined;
      this.indexing = undefined;
    }
    this.generation++;
    if (uri !== undefined && !used) {
      // Only the index changed: types that had no model may have one now.
      for (const [type, lookup] of this.models) if (lookup.state === 'unknown') this.models.delete(type);
    } else {
      this.models.clear();
      this.documents.reset();
      this.contexts.reset();
      this.files.reset();
      this.ajv = createAjv();
    }
    this.onChange();
  }

  describeSource(entry: ModelEntry): string {
    return SOURCE_LABELS[entry.source];
  }

  /** The text of a schema the catalog has read (to show a downloaded model). */
  async schemaText(uri: string): Promise<string | undefined> {
    try {
      return (await this.documents.read(uri, undefined))?.text;
    } catch {
      return undefined;
    }
  }

  private async load(type: string): Promise<void> {
    // A change while this load runs makes its answer stale; the next lookup starts over.
    const generation = this.generation;
    let entry: ModelEntry | undefined;
    let result: ModelLookup;
    try {
      entry = await this.find(type);
      result = entry ? await this.compile(entry) : { state: 'unknown' };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      result = entry ? { state: 'error', entry, reason } : { state: 'unknown' };
    }
    if (generation === this.generation) this.models.set(type, result);
  }

  private async find(type: string): Promise<ModelEntry | undefined> {
    await this.ensureIndex();
    const local = this.index!.get(type)?.[0];
    if (local) return local;
    if (!this.config.download || !this.runtime.fetchText) return undefined;
    await this.ensureOfficialList();
    const repo = this.officialList?.get(type);
    if (!repo) return undefined;
    return { type, schemaUri: `https://smart-data-models.github.io/${repo}/${type}/schema.json`, source: 'download' };
  }

  private ensureIndex(): Promise<void> {
    if (this.index) return Promise.resolve();
    this.indexing ??= this.buildIndex();
    return this.indexing;
  }

  private async buildIndex(): Promise<void> {
    const index = new Map<string, ModelEntry[]>();
    const add = (entry: ModelEntry) => {
      const list = index.get(entry.type) ?? [];
      if (!list.some((e) => e.schemaUri === entry.schemaUri)) list.push(entry);
      index.set(entry.type, list);
    };
    for (const folder of this.config.workspaceFolders) for (const e of await this.scan(folder, 'workspace')) add(e);
    for (const folder of this.config.modelFolders) for (const e of await this.scan(folder, 'settings')) add(e);
    for (const schema of this.config.modelSchemas) {
      const doc = await this.documents.read(schema, undefined);
      const type = doc ? typeOfSchema(doc.json) : undefined;
      if (type) add({ type, schemaUri: schema, source: 'settings' });
    }
    if (this.config.sdmRoot) for (const e of await this.scan(this.config.sdmRoot, 'sdm-root')) add(e);
    this.index = index;
  }

  /** Model folders under `root`: a folder holding `schema.json` is a model named after the folder. */
  private async scan(root: string, source: ModelSourceKind): Promise<ModelEntry[]> {
    const found: ModelEntry[] = [];
    let seen = 0;
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > MAX_WALK_DEPTH || seen > MAX_WALK_ENTRIES) return;
      const entries = await this.runtime.readDirectory(dir);
      if (!entries) return;
      seen += entries.length;
      if (entries.some((e) => e.kind === 'file' && e.name === 'schema.json')) {
        const type = baseName(dir);
        if (/^\p{Lu}/u.test(type)) found.push({ type, schemaUri: joinUri(dir, 'schema.json'), source });
      }
      for (const e of entries) {
        if (e.kind === 'directory' && !SKIPPED_FOLDERS.has(e.name) && !e.name.startsWith('.')) await walk(joinUri(dir, e.name), depth + 1);
      }
    };
    await walk(root, 0);
    return found;
  }

  private ensureOfficialList(): Promise<void> {
    if (this.officialList) return Promise.resolve();
    this.officialListLoading ??= (async () => {
      const list = new Map<string, string>();
      const url = 'https://smart-data-models.github.io/data-models/specs/AllSubjects/official_list_data_models.json';
      const doc = await this.documents.read(url, undefined);
      const repos = isObject(doc?.json) && Array.isArray(doc.json.officialList) ? doc.json.officialList : [];
      for (const repo of repos) {
        if (!isObject(repo) || typeof repo.repoName !== 'string' || !Array.isArray(repo.dataModels)) continue;
        for (const model of repo.dataModels) if (typeof model === 'string' && !list.has(model)) list.set(model, repo.repoName);
      }
      this.officialList = list;
    })();
    return this.officialListLoading;
  }

  private async compile(entry: ModelEntry): Promise<ModelLookup> {
    const root = await this.documents.read(entry.schemaUri, undefined);
    if (!root) return { state: 'error', entry, reason: `its schema ${entry.schemaUri} cannot be read` };
    if (!isObject(root.json)) return { state: 'error', entry, reason: `its schema ${entry.schemaUri} is not a JSON object` };
    // The model registers under a key of its own: several models may declare the same $id.
    const rootUrl = canonicalUrl(root);
    const rootKey = `${rootUrl}?model=${hashOf(entry.schemaUri + '\n' + root.text)}`;
    const unresolved: string[] = [];
    const registered = new Map<string, JsonObject>();
    // Load every document the model references, transitively, and register each under the URL asked for.
    const queue: { doc: LoadedDocument; url: string }[] = [{ doc: root, url: rootKey }];
    const prepared = new Map<string, JsonObject>();
    let nodes = 0;
    while (queue.length > 0) {
      const { doc, url } = queue.shift()!;
      if (prepared.has(url)) continue;
      if (prepared.size >= MAX_MODEL_DOCUMENTS) {
        return { state: 'error', entry, reason: `its schema references more than ${MAX_MODEL_DOCUMENTS} documents, more than the checker follows` };
      }
      const size = measure(doc.json, MAX_SCHEMA_NODES);
      if (size.depth > MAX_SCHEMA_DEPTH) {
        return { state: 'error', entry, reason: `${url === rootKey ? 'its schema' : `the schema document ${url}`} nests more than ${MAX_SCHEMA_DEPTH} levels deep, deeper than the checker compiles` };
      }
      nodes += size.nodes;
      if (nodes > MAX_SCHEMA_NODES) {
        return {
          state: 'error',
          entry,
          reason: `its schema is too large to check against: more than ${MAX_SCHEMA_NODES.toLocaleString('en')} JSON nodes across the documents it references (compiling it would hold up the editor)`,
        };
      }
      const copy = structuredClone(doc.json) as JsonObject;
      const refs: string[] = [];
      rewriteRefs(copy, url === rootKey ? rootUrl : url, url, refs);
      prepared.set(url, copy);
      for (const ref of refs) {
        const target = ref.replace(/#.*$/, '');
        if (target === url || prepared.has(target) || queue.some((q) => q.url === target)) continue;
        let loaded: LoadedDocument | undefined;
        try {
          loaded = await this.documents.read(target, doc.file ?? nearFileFor(entry));
        } catch {
          loaded = undefined;
        }
        if (loaded && isObject(loaded.json)) queue.push({ doc: loaded, url: target });
        else if (!unresolved.includes(target)) unresolved.push(target);
      }
    }
    for (const [url, schema] of prepared) {
      if (unresolved.length > 0) dropRefs(schema, unresolved);
      schema.$id = url;
      registered.set(url, schema);
    }
    for (const [url, schema] of registered) {
      const cycle = findRefCycles(schema)[0];
      if (cycle) {
        return {
          state: 'error',
          entry,
          reason: `${url === rootKey ? 'its schema' : `the schema document ${url}`} has a $ref that leads back to itself without descending into the data (at ${toPointer(cycle) || '/'}), so validating would never end`,
        };
      }
    }
    let validate = this.ajv.getSchema(rootKey);
    if (!validate) {
      try {
        for (const [url, schema] of registered) {
          if (url !== rootKey && !this.ajv.getSchema(url)) this.ajv.addSchema(schema, url);
        }
        validate = this.ajv.compile(registered.get(rootKey)!);
      } catch (error) {
        if (error instanceof RangeError) return { state: 'error', entry, reason: 'its schema does not compile: its $refs lead back to themselves without end' };
        return { state: 'error', entry, reason: `its schema does not compile: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    const json = root.json as JsonObject;
    return {
      state: 'ready',
      model: {
        entry,
        validate,
        description: describeModel(registered.get(rootKey)!, (url) => registered.get(url)),
        version: typeof json.$schemaVersion === 'string' ? json.$schemaVersion : undefined,
        title: typeof json.title === 'string' ? json.title : undefined,
        unresolved,
        skippedPatterns: riskyPatterns([...registered.values()]),
      },
    };
  }
}

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    verbose: true,
    addUsedSchema: false,
    logger: false,
    validateSchema: false,
    // A pattern from a schema cannot freeze the checker: see schema-guards.ts.
    code: { regExp: guardedRegExp },
  });
  addFormats(ajv);
  // ajv-formats has no idn-email; Smart Data Models use it for e-mail addresses.
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/u);
  for (const keyword of SDM_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'array', 'object', 'number', 'boolean'] });
  return ajv;
}


/** The URL a model's own references resolve against: its declared $id, else where it was read from. */
function canonicalUrl(doc: LoadedDocument): string {
  const id = isObject(doc.json) ? doc.json.$id : undefined;
  return typeof id === 'string' && /^https?:\/\//.test(id) ? id.replace(/#.*$/, '') : doc.url;
}

function nearFileFor(entry: ModelEntry): string | undefined {
  return isFileLike(entry.schemaUri) ? entry.schemaUri : undefined;
}

/**
 * Makes every `$ref` absolute (fragments against the document itself, `self`; other references against
 * its declared location, `base`) and collects the other documents they point into.
 */
function rewriteRefs(node: unknown, base: string, self: string, refs: string[]): void {
  someObject(
    node,
    (current) => {
      if (typeof current.$ref !== 'string') return;
      const absolute = current.$ref.startsWith('#') ? self + current.$ref : resolveUrl(current.$ref, base);
      current.$ref = absolute;
      if (!absolute.startsWith(self + '#')) refs.push(absolute);
    },
    { skip: DATA_KEYWORDS },
  );
}

/** Keywords whose values are data, not schemas: a `$ref` inside them is no reference. */
const DATA_KEYWORDS: ReadonlySet<string> = new Set(['enum', 'const', 'examples']);

function resolveUrl(ref: string, base: string): string {
  if (ref.startsWith('#')) return base + ref;
  try {
    // Smart Data Models write a stray slash after the file name now and then (".../schema-org.json/#...").
    return new URL(ref, base).toString().replace(/\.json\/#/, '.json#');
  } catch {
    return ref;
  }
}

/** Removes references to documents that could not be loaded, so the rest of the model still applies. */
function dropRefs(node: unknown, unresolved: readonly string[]): void {
  someObject(node, (current) => {
    if (typeof current.$ref === 'string' && unresolved.includes(current.$ref.replace(/#.*$/, ''))) delete current.$ref;
  });
}

/** The entity type a schema describes: the single value of its `type` property's enum. */
export function typeOfSchema(schema: unknown): string | undefined {
  if (!isObject(schema)) return undefined;
  const candidates: unknown[] = [schema.properties, ...(Array.isArray(schema.allOf) ? schema.allOf.map((s) => (isObject(s) ? s.properties : undefined)) : [])];
  for (const properties of candidates) {
    if (!isObject(properties) || !isObject(properties.type)) continue;
    const values = properties.type.enum;
    if (Array.isArray(values) && values.length === 1 && typeof values[0] === 'string') return values[0];
  }
  return undefined;
}

/** A short, stable hash of a string (FNV-1a), for cache keys. */
export function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36) + text.length.toString(36);
}

export type { ErrorObject };
