/**
 * The schema.json of a data model, checked while its author types: the rules the Smart Data Models
 * contribution checker applies (../shared/spec/sdm-rules.md, SDM-0xx), and what a strict JSON Schema validator
 * would reject. Every problem is reported on the keyword, value or description at fault.
 *
 * Problems are reported only in the file being checked. What a `$ref` pulls in from a shared file is read
 * (to know that an attribute is described, or which attributes the commons bring) and is checked the way a
 * strict validator compiles it; what is wrong there is said once, on the first `$ref` of this file that
 * pulls it in. The Smart Data Models conventions (descriptions, names) of shared files are not reported here.
 */
import type { CheckContext } from '../context';
import { isObject, toPointer, type JsonObject, type JsonPath } from '../json/values';
import { findRefCycles, MAX_SCHEMA_DEPTH, MAX_SCHEMA_NODES, measure } from './schema-guards';
import { checkAttributes, checkStructure, checkValues } from './authoring-attributes';
import { checkKeywords, looksLikeSchema, type Finding } from './authoring-keywords';
import { checkCommons, checkEntityType, checkMetadata } from './authoring-metadata';
import { allAttributes, modelPlace } from './authoring-model';
import { RefResolver, type Resolved } from './authoring-refs';
import type { ModelFiles } from './files';
import { sdmLocation } from './sources';

export interface SchemaEnvironment {
  /** The schema's own file (a file URI, or a URL for a schema read from the site). */
  uri: string;
  /** The documents its `$ref`s name and the files of its folder; absent when nothing beyond the file can be read. */
  files?: ModelFiles;
}

/** Checks one data model schema. */
export function checkDataModelSchema(ctx: CheckContext, schema: unknown, env: SchemaEnvironment): void {
  if (!isObject(schema)) return;
  const place = modelPlace(env.uri);
  const refs = new RefResolver(env.uri, typeof schema.$id === 'string' ? schema.$id : undefined, schema, env.files);
  const shared = new Set<string>();
  checkMetadata(ctx, schema, place);
  checkKeywords(schema, [], (f) => ctx.report(f), {
    modelRoot: true,
    visit: (subschema, path) => checkValues(ctx, subschema, path),
    ref: (ref, path) => checkReference(ctx, ref, path, refs, shared),
  });
  checkCommons(ctx, schema);
  checkEntityType(ctx, schema, place, refs);
  checkAttributes(ctx, schema, refs);
  checkGuards(ctx, schema);
}

/** What stops the checker from using the model for payloads: a loop of $refs, or the sheer size. */
function checkGuards(ctx: CheckContext, schema: JsonObject): void {
  for (const path of findRefCycles(schema)) {
    ctx.report({
      code: 'sdm-schema/ref-cycle',
      path,
      message:
        'This $ref leads back to a schema that is already being applied to the same value, without descending into it (through "properties" or "items"): ' +
        'validating recurses without end, validators fail with a stack overflow, and payloads cannot be checked against the model.',
    });
  }
  const size = measure(schema, MAX_SCHEMA_NODES);
  if (size.nodes > MAX_SCHEMA_NODES || size.depth > MAX_SCHEMA_DEPTH) {
    ctx.report({
      code: 'sdm-schema/too-large',
      path: [],
      message:
        size.depth > MAX_SCHEMA_DEPTH
          ? `This schema nests more than ${MAX_SCHEMA_DEPTH} levels deep: the checker does not compile it, so payloads of the model are not checked against it.`
          : `This schema has more than ${MAX_SCHEMA_NODES.toLocaleString('en')} JSON nodes: compiling it would hold up the editor, so payloads of the model are not checked against it.`,
    });
  }
}

const MAP_KEYWORDS = /\/(properties|patternProperties|definitions|\$defs)$/;

/** SDM-029: the reference resolves; and what it pulls in from another file compiles (SDM-030). */
function checkReference(ctx: CheckContext, ref: string, path: JsonPath, refs: RefResolver, shared: Set<string>): void {
  if (!refs.canRead && !ref.startsWith('#')) return;
  const target = refs.resolve(ref, refs.base);
  if (target.state === 'loading') return;
  if (target.state === 'missing') {
    if (target.what === 'document') {
      ctx.report({
        code: 'sdm-schema/ref',
        path,
        severity: 'warning',
        message: `The document this $ref names cannot be read (${target.reason}), so the part of the model it holds is not checked.${
          sdmLocation(ref) ? ' A local checkout of Smart Data Models (mim.sdm.root) or downloads (mim.download.enable) make it readable.' : ''
        }`,
      });
    } else {
      ctx.report({
        code: 'sdm-schema/ref',
        path,
        message: `This $ref points at nothing: ${target.reason}.${target.suggestion ? ` Did you mean ${target.suggestion}?` : ''}`,
        ...(target.suggestion ? { fixes: [{ kind: 'set-value', title: 'Point at the definition the document has', path, value: target.suggestion }] } : {}),
      });
    }
    return;
  }
  const map = MAP_KEYWORDS.exec(target.pointer);
  if (map && isObject(target.value) && Object.keys(target.value).length > 0 && Object.values(target.value).every(looksLikeSchema)) {
    const fixed = ref.slice(0, ref.length - map[0].length);
    ctx.report({
      code: 'sdm-schema/misplaced-property',
      path,
      message: `This $ref points at the "${map[1]}" of a definition, a list of attribute definitions, not at a schema: ${Object.keys(target.value)
        .slice(0, 4)
        .map((k) => `"${k}"`)
        .join(', ')} are read as unknown keywords and checked nowhere. Point at the definition itself.`,
      fixes: [{ kind: 'set-value', title: 'Point at the definition itself', path, value: fixed }],
    });
    return;
  }
  if (!target.external) return;
  const lint = lintShared(target, refs, 0, new Set());
  if (!lint.complete) return;
  const fresh = lint.findings.filter((f) => !shared.has(f));
  if (fresh.length === 0) return;
  for (const f of fresh) shared.add(f);
  ctx.report({
    code: 'sdm-schema/shared-definition',
    path,
    message: `What this $ref pulls in has ${fresh.length > 1 ? `${fresh.length} problems` : 'a problem'}, in the shared file (said here, where the model uses it): ${fresh[0]}${
      fresh.length > 1 ? ` (and ${fresh.length - 1} more)` : ''
    }`,
  });
}

interface SharedLint {
  /** False when some document it needs is still loading. */
  complete: boolean;
  findings: string[];
}

/** Results per shared document (its parsed root) and fragment; documents read again are new objects. */
const sharedLints = new WeakMap<object, Map<string, SharedLint>>();
const MAX_SHARED_DEPTH = 8;

/** What a strict validator says of a shared definition, through the references it makes in turn. */
function lintShared(target: Extract<Resolved, { state: 'ready' }>, refs: RefResolver, depth: number, seen: Set<string>): SharedLint {
  const key = `${target.url}#${target.pointer}`;
  if (seen.has(key) || depth > MAX_SHARED_DEPTH) return { complete: true, findings: [] };
  seen.add(key);
  const root = isObject(target.root) || Array.isArray(target.root) ? (target.root as object) : undefined;
  const cached = root ? sharedLints.get(root)?.get(target.pointer) : undefined;
  if (cached) return cached;
  const where = (path: JsonPath) => `${fileName(target.url)}#${target.pointer}${toPointer(path)}`;
  const result: SharedLint = { complete: true, findings: [] };
  const add = (f: Finding) => result.findings.push(`${where(f.path)}: ${f.message}`);
  const refsMet: { ref: string; path: JsonPath }[] = [];
  checkKeywords(target.value, [], add, { ref: (ref, path) => refsMet.push({ ref, path }) });
  if (isObject(target.value)) {
    // The definition itself (an attribute's), and the attributes it defines (a commons').
    checkStructure(add, target.value, [], 0);
    for (const a of allAttributes(target.value)) checkStructure(add, a.definition, a.path, 0);
  }
  for (const { ref, path } of refsMet) {
    const next = refs.resolve(ref, target.url);
    if (next.state === 'loading') result.complete = false;
    else if (next.state === 'missing') result.findings.push(`${where(path)}: this $ref cannot be resolved (${next.reason})`);
    else {
      const inner = lintShared(next, refs, depth + 1, seen);
      if (!inner.complete) result.complete = false;
      result.findings.push(...inner.findings);
    }
  }
  if (root && result.complete) {
    let perDocument = sharedLints.get(root);
    if (!perDocument) sharedLints.set(root, (perDocument = new Map()));
    perDocument.set(target.pointer, result);
  }
  return result;
}

function fileName(url: string): string {
  return url.replace(/[?#].*$/, '').replace(/^.*\//, '');
}

