/**
 * Reads the documents that data models and @contexts are made of, by URL: an editor's unsaved text, a
 * local file (a mapping from the settings, or the copy of a Smart Data Models URL in a local checkout),
 * the download cache, and only then, where the settings allow it, the network. Each URL is read once.
 */
import { baseName, isFileLike, type Runtime } from './runtime';
import { downloadUrl, localCandidates, sdmLocation } from './sdm/sources';

export interface DocumentSourceConfig {
  /** Local folders that may hold copies of published documents (checkouts, workspace folders). */
  roots: readonly string[];
  /** URL to local file (file URI), from `mim.contexts.map`. */
  mappings: Readonly<Record<string, string>>;
  /** Downloads are allowed (a setting, and a trusted workspace). */
  download: boolean;
  /** Hosts downloads may come from (Smart Data Models URLs always go to `baseUrl`). */
  allowedHosts: readonly string[];
  /** Where the published Smart Data Models site is. */
  baseUrl: string;
  /** Single local files the settings name (mim.dataModels.schemas), readable wherever they are. */
  files?: readonly string[];
}

export interface LoadedDocument {
  url: string;
  /** The local file it was read from, for resolving references next to it. */
  file: string | undefined;
  json: unknown;
  text: string;
  /** Where the text came from: a local file (or an editor's text of one), the download cache, or a download just now. */
  origin?: 'file' | 'cache' | 'download';
}

export class DocumentReader {
  private readonly documents = new Map<string, Promise<LoadedDocument | undefined>>();
  private readonly overlays = new Map<string, string>();
  private readonly filesRead = new Set<string>();

  constructor(
    private readonly config: DocumentSourceConfig,
    private readonly runtime: Runtime,
  ) {}

  /**
   * The document at `url` (its fragment ignored), or undefined when no source has it. Throws with the
   * reason when a download was tried and failed, or when the text is not JSON.
   */
  read(url: string, nearFile?: string): Promise<LoadedDocument | undefined> {
    const key = url.replace(/#.*$/, '');
    let pending = this.documents.get(key);
    if (!pending) {
      pending = this.fetch(key, nearFile);
      this.documents.set(key, pending);
    }
    return pending;
  }

  /** True when a local file (or its overlay) was read for some document. */
  wasRead(uri: string): boolean {
    return this.filesRead.has(uri);
  }

  /** An editor holds `text` for `uri` (undefined: closed). Returns true when the text changed. */
  setOverlay(uri: string, text: string | undefined): boolean {
    if (text === undefined) return this.overlays.delete(uri);
    if (this.overlays.get(uri) === text) return false;
    this.overlays.set(uri, text);
    return true;
  }

  hasOverlay(uri: string): boolean {
    return this.overlays.has(uri);
  }

  /** Forget every document read (a file they came from changed). */
  reset(): void {
    this.documents.clear();
    this.filesRead.clear();
  }

  /**
   * A local file may be read when it lies in a folder the workspace or the settings name, or when the
   * settings name it: a `$ref` or an @context never makes the server read an arbitrary file of the machine.
   */
  private readable(file: string): boolean {
    const normal = normalFileUri(file);
    if (normal === undefined) return false;
    if (this.overlays.has(file)) return true;
    if (Object.values(this.config.mappings).some((m) => normalFileUri(m) === normal)) return true;
    if (this.config.files?.some((f) => normalFileUri(f) === normal)) return true;
    return this.config.roots.some((root) => {
      const r = normalFileUri(root);
      return r !== undefined && (normal === r || normal.startsWith(r.replace(/\/?$/, '/')));
    });
  }

  private async fetch(url: string, nearFile: string | undefined): Promise<LoadedDocument | undefined> {
    const mapped = this.config.mappings[url];
    if (isFileLike(url) && !mapped && !this.readable(url)) {
      throw new Error(`${url} is a local file outside the workspace and the folders the settings name, which is never read`);
    }
    const candidates = (mapped ? [mapped] : isFileLike(url) ? [url] : localCandidates(url, this.config.roots, nearFile, this.config.baseUrl)).filter((f) => this.readable(f));
    for (const file of candidates) {
      const text = this.overlays.get(file) ?? (await this.runtime.readFile(file));
      if (text !== undefined) {
        this.filesRead.add(file);
        return { ...parseDocument(url, file, text), origin: 'file' };
      }
    }
    if (isFileLike(url)) return undefined;
    const cached = await this.runtime.cache?.get(url);
    if (cached !== undefined) return { ...parseDocument(url, undefined, cached), origin: 'cache' };
    if (!this.config.download || !this.runtime.fetchText) return undefined;
    const location = sdmLocation(url, this.config.baseUrl);
    let target: string;
    if (location) {
      target = downloadUrl(location, this.config.baseUrl);
    } else {
      let host: string;
      try {
        host = new URL(url).host;
      } catch {
        return undefined;
      }
      if (!this.config.allowedHosts.includes(host)) {
        throw new Error(`${url} is on ${host}, which is not in mim.download.allowedHosts`);
      }
      target = url;
    }
    const result = await this.runtime.fetchText(target);
    if (!result.ok || result.text === undefined) throw new Error(`could not download ${url}: ${result.error ?? `HTTP ${result.status}`}`);
    const doc: LoadedDocument = { ...parseDocument(url, undefined, result.text), origin: 'download' };
    await this.runtime.cache?.set(url, result.text);
    return doc;
  }
}

/** A file URI with `.` and `..` resolved and percent-encoding made uniform, or undefined when it is not one. */
function normalFileUri(uri: string): string | undefined {
  if (!isFileLike(uri)) return undefined;
  try {
    return new URL(uri).href;
  } catch {
    return undefined;
  }
}

export function parseDocument(url: string, file: string | undefined, text: string): LoadedDocument {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`${file ?? url} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return { url, file, json, text };
}

/** True for a file name that looks like a JSON Schema of a data model or of shared definitions. */
export function isSchemaFile(uri: string): boolean {
  return baseName(uri).endsWith('schema.json');
}

