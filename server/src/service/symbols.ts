/**
 * Document outline: entities with their attributes (and the kind each is written as), subscriptions and
 * registrations with their main parts. In a batch of thousands, each entity is one symbol whose children
 * are built from the entity's own object, never from a walk of the whole tree.
 */
import type { Detection } from './detect';
import type { JsonDocument, Span } from './json/document';
import { isObject, type JsonObject, type JsonPath } from './json/values';
import { isAttributeKind } from './ngsi-ld/constants';

export type OutlineKind = 'entity' | 'property' | 'relationship' | 'geo' | 'language' | 'list' | 'json' | 'vocab' | 'member' | 'object' | 'array';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** The whole member or item. */
  span: Span;
  /** The name (or, for array items, the value). */
  selection: Span;
  children?: OutlineSymbol[];
}

/** At most this many entities of a batch get their attributes listed; the rest are listed by id only. */
const DETAILED_ITEMS = 2000;

export function outline(doc: JsonDocument, detection: Detection): OutlineSymbol[] {
  const root = doc.root;
  if (root === undefined) return [];
  switch (detection.kind) {
    case 'batch':
    case 'batch-delete':
    case 'temporal':
      if (Array.isArray(root)) return batchOutline(doc, root, []);
      return isObject(root) ? [entitySymbol(doc, root, [], true)].filter((s): s is OutlineSymbol => !!s) : [];
    case 'entity':
    case 'entity-update':
    case 'ngsi-v2':
      return isObject(root) ? [entitySymbol(doc, root, [], true)].filter((s): s is OutlineSymbol => !!s) : [];
    case 'notification': {
      if (!isObject(root)) return [];
      const members = memberSymbols(doc, root, [], (key) => key !== 'data');
      const data = root.data;
      const located = doc.locate(['data']);
      if (Array.isArray(data) && located?.key) {
        members.push({ name: 'data', detail: `${data.length} entit${data.length === 1 ? 'y' : 'ies'}`, kind: 'array', span: spanOf(located.key, located.value), selection: located.key, children: batchOutline(doc, data, ['data']) });
      }
      return members;
    }
    default:
      return isObject(root) ? memberSymbols(doc, root, [], () => true, 2) : [];
  }
}

function batchOutline(doc: JsonDocument, items: unknown[], path: JsonPath): OutlineSymbol[] {
  const spans = doc.itemSpans(path);
  const out: OutlineSymbol[] = [];
  items.forEach((item, i) => {
    const span = spans[i];
    if (!span) return;
    if (typeof item === 'string') {
      out.push({ name: item, kind: 'entity', span, selection: span });
      return;
    }
    if (!isObject(item)) return;
    const symbol = entitySymbol(doc, item, [...path, i], i < DETAILED_ITEMS, span);
    if (symbol) out.push(symbol);
  });
  return out;
}

function entitySymbol(doc: JsonDocument, entity: JsonObject, path: JsonPath, detailed: boolean, itemSpan?: Span): OutlineSymbol | undefined {
  const located = itemSpan ? { value: itemSpan } : doc.locate(path);
  if (!located) return undefined;
  const id = typeof entity.id === 'string' ? entity.id : typeof entity.id === 'object' ? undefined : entity.id === undefined ? undefined : String(entity.id);
  const type = typeof entity.type === 'string' ? entity.type : Array.isArray(entity.type) ? entity.type.join(', ') : undefined;
  const idSpan = id !== undefined ? doc.locate([...path, 'id'])?.value : undefined;
  const symbol: OutlineSymbol = {
    name: id ?? (type ? `(${type} without id)` : '(entity)'),
    detail: type,
    kind: 'entity',
    span: located.value,
    selection: idSpan ?? { start: located.value.start, end: located.value.start + 1 },
  };
  if (detailed) symbol.children = attributeSymbols(doc, entity, path);
  return symbol;
}

function attributeSymbols(doc: JsonDocument, entity: JsonObject, path: JsonPath): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const { key, keySpan } of doc.memberKeys(path)) {
    if (key === 'id' || key === 'type' || key === '@context') continue;
    const value = entity[key];
    const located = doc.locate([...path, key]);
    if (!located) continue;
    const instances = Array.isArray(value) && value.length > 0 && value.every(isObject) && value.some((v) => isAttributeKind((v as JsonObject).type)) ? (value as JsonObject[]) : [value];
    const first = instances[0];
    const kind = isObject(first) && isAttributeKind(first.type) ? first.type : undefined;
    out.push({
      name: key,
      detail: [kind, instances.length > 1 ? `${instances.length} instances` : undefined, preview(first)].filter(Boolean).join(' · ') || undefined,
      kind: symbolKindOf(kind, first, key),
      span: spanOf(keySpan, located.value),
      selection: keySpan,
    });
  }
  return out;
}

function memberSymbols(doc: JsonDocument, object: JsonObject, path: JsonPath, include: (key: string) => boolean, depth = 1): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const { key, keySpan } of doc.memberKeys(path)) {
    if (!include(key)) continue;
    const located = doc.locate([...path, key]);
    if (!located) continue;
    const value = object[key];
    const symbol: OutlineSymbol = {
      name: key,
      detail: preview(value),
      kind: isObject(value) ? 'object' : Array.isArray(value) ? 'array' : 'member',
      span: spanOf(keySpan, located.value),
      selection: keySpan,
    };
    if (depth > 1 && isObject(value)) symbol.children = memberSymbols(doc, value, [...path, key], () => true, depth - 1);
    out.push(symbol);
  }
  return out;
}

function symbolKindOf(kind: string | undefined, value: unknown, name: string): OutlineKind {
  switch (kind) {
    case 'Relationship':
    case 'ListRelationship':
      return 'relationship';
    case 'GeoProperty':
      return 'geo';
    case 'LanguageProperty':
      return 'language';
    case 'ListProperty':
      return 'list';
    case 'JsonProperty':
      return 'json';
    case 'VocabProperty':
      return 'vocab';
    case 'Property':
      return 'property';
  }
  if (isObject(value) && 'object' in value) return 'relationship';
  if (isObject(value) && typeof value.type === 'string' && 'coordinates' in value) return 'geo';
  if (name === 'location') return 'geo';
  return 'property';
}

/** A short view of a scalar value, for the outline's detail column. */
function preview(value: unknown): string | undefined {
  let v = value;
  if (isObject(v)) {
    if ('value' in v) v = v.value;
    else if ('object' in v) v = v.object;
    else if ('vocab' in v) v = v.vocab;
    else if (typeof v.type === 'string' && 'coordinates' in v) return v.type;
  }
  if (typeof v === 'string') return v.length > 40 ? `${v.slice(0, 39)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return undefined;
}

function spanOf(key: Span, value: Span): Span {
  return { start: key.start, end: value.end };
}
