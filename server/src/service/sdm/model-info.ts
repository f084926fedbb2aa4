/**
 * What a data model says about its attributes, read from its schema with every `$ref` followed: the names
 * it defines, and for each its description, JSON type, enum, format and units. Used to name attributes
 * the model does not define (with a close match), and by hover and completion.
 */
import { isObject, type JsonObject } from '../json/values';

export interface AttributeInfo {
  name: string;
  description?: string;
  /** JSON types the schema allows for the value. */
  types: string[];
  enum?: unknown[];
  format?: string;
  /** The NGSI-LD kind the description names ("Property", "Relationship", "GeoProperty", ...). */
  ngsiType?: string;
  /** The `Units:'...'` part of the description. */
  units?: string;
  /** The `Model:'...'` part of the description (a vocabulary URL). */
  model?: string;
  /** The name of the shared definition it comes from, for example "EntityIdentifierType". */
  definition?: string;
}

export interface ModelDescription {
  attributes: Map<string, AttributeInfo>;
  required: string[];
  description?: string;
}

type Resolve = (url: string) => JsonObject | undefined;

/** Follows a `$ref` (absolute, with an optional JSON Pointer fragment) into a loaded document. */
export function resolveRef(ref: string, resolve: Resolve): unknown {
  const hash = ref.indexOf('#');
  const doc = resolve(hash >= 0 ? ref.slice(0, hash) : ref);
  if (!doc) return undefined;
  if (hash < 0 || hash === ref.length - 1) return doc;
  let node: unknown = doc;
  for (const raw of ref.slice(hash + 2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function describeModel(root: JsonObject, resolve: Resolve): ModelDescription {
  const attributes = new Map<string, AttributeInfo>();
  const required = new Set<string>();
  const seen = new Set<unknown>();
  // Properties come from the root and from the allOf/anyOf/oneOf branches, through references.
  const visit = (node: unknown, depth: number) => {
    if (!isObject(node) || seen.has(node) || depth > 16) return;
    seen.add(node);
    if (typeof node.$ref === 'string') visit(resolveRef(node.$ref, resolve), depth + 1);
    if (Array.isArray(node.required)) for (const r of node.required) if (typeof r === 'string') required.add(r);
    if (isObject(node.properties)) {
      for (const [name, schema] of Object.entries(node.properties)) {
        if (!attributes.has(name)) attributes.set(name, describeAttribute(name, schema, resolve));
      }
    }
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = node[key];
      if (Array.isArray(branches)) for (const branch of branches) visit(branch, depth + 1);
    }
  };
  visit(root, 0);
  return { attributes, required: [...required], description: typeof root.description === 'string' ? root.description : undefined };
}

function describeAttribute(name: string, schema: unknown, resolve: Resolve): AttributeInfo {
  const info: AttributeInfo = { name, types: [] };
  const seen = new Set<unknown>();
  const visit = (node: unknown, depth: number) => {
    if (!isObject(node) || seen.has(node) || depth > 8) return;
    seen.add(node);
    if (typeof node.description === 'string' && !info.description) info.description = node.description;
    if (typeof node.$ref === 'string') {
      const hash = node.$ref.lastIndexOf('/');
      if (!info.definition && node.$ref.includes('#/')) info.definition = node.$ref.slice(hash + 1);
      visit(resolveRef(node.$ref, resolve), depth + 1);
    }
    const types = typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? node.type.filter((t) => typeof t === 'string') : [];
    for (const t of types) if (!info.types.includes(t as string)) info.types.push(t as string);
    if (Array.isArray(node.enum) && !info.enum) info.enum = node.enum;
    if (typeof node.format === 'string' && !info.format) info.format = node.format;
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = node[key];
      if (Array.isArray(branches)) for (const branch of branches) visit(branch, depth + 1);
    }
  };
  visit(schema, 0);
  if (info.description) Object.assign(info, parseDescription(info.description));
  return info;
}

/** The Smart Data Models description convention: "Property. Model:'...'. Text. Units:'...'". */
export function parseDescription(description: string): Pick<AttributeInfo, 'ngsiType' | 'units' | 'model'> {
  const out: Pick<AttributeInfo, 'ngsiType' | 'units' | 'model'> = {};
  const kind = /^\s*(GeoProperty|Property|Relationship|LanguageProperty|ListProperty|VocabProperty|ListRelationship|JsonProperty)\b/.exec(description);
  if (kind) out.ngsiType = kind[1];
  const units = /Units:\s*'([^']*)'/.exec(description);
  if (units) out.units = units[1];
  const model = /Model:\s*'([^']*)'/.exec(description);
  if (model) out.model = model[1];
  return out;
}
