/**
 * Completion that knows where the cursor is: attribute names from the entity's data model, shaped for the
 * representation in use; the NGSI-LD members valid in an attribute or in a subscription; entity types,
 * attribute kinds, unit codes, @context URLs and enum values; attribute names inside q strings.
 */
import type { Detection } from './detect';
import type { JsonDocument, Span } from './json/document';
import { locationAt } from './json/location';
import { registerCompletions } from './mim5/assist';
import { hasOwn, isObject, type JsonObject, type JsonPath } from './json/values';
import { ATTRIBUTE_KINDS, KIND_OF_MAIN_MEMBER, MAIN_MEMBER, MAIN_MEMBERS, isAttributeKind, isMainMember, type AttributeKind } from './ngsi-ld/constants';
import { DATA_TYPES, type DataTypeName, type MemberCheck, type MemberSpec } from './ngsi-ld/data-types';
import { parseQ } from './ngsi-ld/query/index';
import { KIND_DOCS, KIND_MEMBERS, MEMBER_DOCS } from './ngsi-ld/vocabulary';
import { dataTypeAt, entityAt, selectorTypes } from './navigation';
import { policyCompletions } from './odrl/assist';
import { representationOf } from './ngsi-ld/entity';
import type { AttributeInfo, ModelDescription } from './sdm/model-info';
import { attributePlaceholder, type Representation } from './sdm/placeholders';
import { shortTypeName, type ModelProvider } from './sdm/validate';
import { UNITS, unitCodeFromText } from './units';
import { literal, memberText } from './snippet-text';

export interface CompletionContext {
  detection: Detection;
  representation?: string;
  models?: ModelProvider;
  /** Waits (briefly) until the model of a type is loaded, so that the first completion already knows it. */
  prepareModel?: (type: string) => Promise<void>;
  /** Entity types the data model sources know. */
  knownTypes?: () => Promise<string[]>;
  /** @context URLs worth offering for an entity of this type (the core context is always offered). */
  contextUrls?: (type?: string) => Promise<string[]>;
}

export type CompletionKind = 'property' | 'value' | 'enum' | 'keyword' | 'unit' | 'class' | 'reference' | 'field';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Snippet syntax (${1:placeholder}). */
  insertText: string;
  /** The text replaced: the token under the cursor, or an empty span at the cursor. */
  replace: Span;
  filterText?: string;
  sortText?: string;
}

const CORE_CONTEXTS = [
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld',
  ...['1.8', '1.7', '1.6', '1.9'].map((v) => `https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v${v}.jsonld`),
];

export async function complete(doc: JsonDocument, offset: number, ctx: CompletionContext): Promise<CompletionEntry[]> {
  const loc = locationAt(doc, offset);
  const replace: Span = loc.token ?? { start: offset, end: offset };
  const root = doc.root;
  const kind = ctx.detection.kind;
  if (kind === 'algorithm-register') return registerCompletions(doc, loc, replace);
  if (kind === 'odrl-policy') return policyCompletions(doc, loc, replace, ctx);
  const at = entityAt(kind, root, loc.atKey ? loc.path.slice(0, -1) : loc.path);
  if (at) {
    const type = typeof at.entity.type === 'string' ? shortTypeName(at.entity.type) : undefined;
    if (type && ctx.prepareModel) await ctx.prepareModel(type);
    if (loc.atKey) {
      // The member being typed (and anything half-written) does not decide how the entity is written.
      const typing = at.rest.length === 0 ? loc.path[loc.path.length - 1] : undefined;
      const settled = Object.fromEntries(Object.entries(at.entity).filter(([k, v]) => k !== typing && v !== undefined));
      return entityKeys(doc, at.entity, at.rest, replace, { ...ctx, representation: representationOf(settled).rep });
    }
    return entityValues(at.entity, at.rest, replace, ctx, loc.string);
  }
  const path = Array.isArray(root) && typeof loc.path[0] === 'number' ? loc.path.slice(1) : loc.path;
  if (ctx.prepareModel) await Promise.all(selectorTypes(root).map((t) => ctx.prepareModel!(t)));
  if (loc.atKey) {
    const type = dataTypeAt(kind, path.slice(0, -1));
    if (!type) return kind === 'none' ? [] : [];
    const present = objectAt(Array.isArray(root) ? root[loc.path[0] as number] : root, path.slice(0, -1));
    return Object.entries(DATA_TYPES[type].members)
      .filter(([name, m]) => !m.output && !(present && hasOwn(present, name)))
      .map(([name, m]) => memberEntry(doc, name, m, replace));
  }
  const key = path[path.length - 1];
  // An item of a list of attribute names (watchedAttributes, attrs, propertyNames...).
  if (typeof key === 'number' && typeof path[path.length - 2] === 'string') {
    const listOwner = dataTypeAt(kind, path.slice(0, -2));
    const list = listOwner ? DATA_TYPES[listOwner].members[path[path.length - 2] as string] : undefined;
    if (list?.check.kind === 'names') {
      const present = new Set(arrayAt(Array.isArray(root) ? root[loc.path[0] as number] : root, path.slice(0, -1)));
      return attributeEntries(selectorModels(root, ctx), replace).filter((e) => !present.has(e.label));
    }
  }
  const owner = dataTypeAt(kind, path.slice(0, -1));
  if (owner && typeof key === 'string') {
    const member = DATA_TYPES[owner].members[key];
    if (member?.check.kind === 'enum') {
      return member.check.values.map((v) => ({ label: v, kind: 'enum' as const, insertText: literal(JSON.stringify(v)), replace, documentation: member.doc }));
    }
    if ((member?.check.kind === 'names' || member?.check.kind === 'q') && loc.string) return attributeNamesInString(loc.string, replace, ctx, selectorModels(root, ctx));
    if (member?.check.kind === 'type-name') return typeEntries(await ctx.knownTypes?.(), replace);
  }
  return [];
}

/** Member names inside an entity (rest = []) or inside one of its attributes. */
function entityKeys(doc: JsonDocument, entity: JsonObject, rest: JsonPath, replace: Span, ctx: CompletionContext): CompletionEntry[] {
  const representation = ctx.representation ?? 'normalized';
  if (rest.length === 0) {
    const out: CompletionEntry[] = [];
    for (const member of ['id', 'type', 'scope']) {
      if (!hasOwn(entity, member)) out.push({ label: member, kind: 'keyword', documentation: MEMBER_DOCS[member], insertText: memberText(doc, replace, member, '"$1"'), replace, sortText: `0${member}` });
    }
    if (!hasOwn(entity, '@context') && doc.uri.toLowerCase().endsWith('.jsonld')) {
      out.push({ label: '@context', kind: 'keyword', documentation: MEMBER_DOCS['@context'], insertText: memberText(doc, replace, '@context', `[\${1}"${CORE_CONTEXTS[1]}"]`), replace, sortText: '0@context' });
    }
    const model = modelOf(entity, ctx);
    const required = new Set(model?.required ?? []);
    for (const info of model?.attributes.values() ?? []) {
      if (hasOwn(entity, info.name) || info.name === 'id' || info.name === 'type') continue;
      const isRequired = required.has(info.name);
      out.push({
        label: info.name,
        kind: 'property',
        detail: [isRequired ? 'required' : '', info.ngsiType, info.types.join(' | '), info.units ? `in ${info.units}` : ''].filter(Boolean).join(' · '),
        documentation: info.description,
        insertText: memberText(doc, replace, info.name, attributePlaceholder(info, representationFor(representation)).snippet),
        replace,
        // The model's required attributes first.
        sortText: `${isRequired ? 1 : 2}${info.name}`,
      });
    }
    return out;
  }
  // Inside a value (structured data, a GeoJSON geometry, a JSON object): nothing NGSI-LD to offer.
  if (rest.some((segment) => typeof segment === 'string' && isMainMember(segment))) return [];
  // Inside an attribute instance: its NGSI-LD members.
  const instance = objectAt(entity, rest);
  if (!instance) return [];
  const main = MAIN_MEMBERS.find((m) => hasOwn(instance, m));
  const kind: AttributeKind = isAttributeKind(instance.type) ? instance.type : main ? KIND_OF_MAIN_MEMBER[main]! : 'Property';
  const out: CompletionEntry[] = [];
  // An attribute being written counts as normalized when the entity's other attributes are.
  const normalized = representation === 'normalized' || Object.values(entity).some((v) => isObject(v) && isAttributeKind(v.type));
  if (!hasOwn(instance, 'type') && normalized) {
    if (main) {
      out.push({ label: 'type', kind: 'keyword', documentation: 'The attribute kind.', insertText: memberText(doc, replace, 'type', `"\${1|${ATTRIBUTE_KINDS.join(',')}|}"`), replace, sortText: '0type' });
    } else {
      // An empty attribute: one entry per kind, each with the member the kind requires.
      ATTRIBUTE_KINDS.forEach((k, i) => {
        const value = `"${k}", "${MAIN_MEMBER[k]}": ${memberValueSnippet(MAIN_MEMBER[k]!, k)}`;
        out.push({ label: `type: ${k}`, kind: 'class', detail: `${k} with "${MAIN_MEMBER[k]}"`, documentation: KIND_DOCS[k], insertText: memberText(doc, replace, 'type', value), replace, filterText: `type ${k}`, sortText: `0${i}` });
      });
    }
  }
  for (const member of KIND_MEMBERS[kind]) {
    if (hasOwn(instance, member)) continue;
    if (isMainMember(member) && main) continue;
    out.push({ label: member, kind: 'field', documentation: MEMBER_DOCS[member], insertText: memberText(doc, replace, member, memberValueSnippet(member, kind)), replace, sortText: `${isMainMember(member) ? 0 : 1}${member}` });
  }
  return out;
}

/** Values: entity types, attribute kinds, unit codes, @context URLs, enum values of the model. */
async function entityValues(entity: JsonObject, rest: JsonPath, replace: Span, ctx: CompletionContext, string?: { value: string; index: number }): Promise<CompletionEntry[]> {
  const last = rest[rest.length - 1];
  if (rest.length === 1 && last === 'type') return typeEntries(await ctx.knownTypes?.(), replace);
  if ((rest.length === 1 && last === '@context') || (rest.length === 2 && rest[0] === '@context')) {
    const type = typeof entity.type === 'string' ? shortTypeName(entity.type) : undefined;
    const present = new Set(Array.isArray(entity['@context']) ? entity['@context'].filter((c): c is string => typeof c === 'string') : []);
    const models = (await ctx.contextUrls?.(type)) ?? [];
    // The data model's own context comes first, the core context last (it belongs at the end of the list).
    const urls = [...models, ...CORE_CONTEXTS].filter((url) => !present.has(url));
    return urls.map((url, i) => ({
      label: url,
      kind: 'reference',
      detail: url.startsWith('https://uri.etsi.org/') ? 'NGSI-LD core context' : 'Smart Data Models context',
      insertText: literal(JSON.stringify(url)),
      replace,
      sortText: String(i).padStart(3, '0'),
    }));
  }
  if (rest.length >= 2 && last === 'type') {
    return ATTRIBUTE_KINDS.map((k) => ({ label: k, kind: 'class', documentation: KIND_DOCS[k], insertText: literal(JSON.stringify(k)), replace }));
  }
  if (rest.length >= 2 && last === 'unitCode') {
    const info = modelAttributes(entity, ctx)?.get(String(rest[0]));
    const suggested = info?.units ? unitCodeFromText(info.units) : undefined;
    return UNITS.map((u) => ({
      label: u.code,
      kind: 'unit',
      detail: `${u.name}${u.symbol ? ` (${u.symbol})` : ''}`,
      insertText: literal(JSON.stringify(u.code)),
      replace,
      filterText: `${u.code} ${u.name} ${u.symbol ?? ''}`,
      sortText: u.code === suggested ? '0' : `1${u.code}`,
    }));
  }
  const attribute = typeof rest[0] === 'string' ? rest[0] : undefined;
  const info = attribute ? modelAttributes(entity, ctx)?.get(attribute) : undefined;
  const atValue = rest.length === 1 || (rest.length === 2 && (last === 'value' || last === 'vocab'));
  if (info?.enum && atValue) {
    return info.enum.map((v) => ({ label: String(v), kind: 'enum', detail: `${attribute} in the ${entity.type} data model`, insertText: literal(JSON.stringify(v)), replace }));
  }
  if (string && last === 'q') return attributeNamesInString(string, replace, ctx, entity);
  return [];
}

function typeEntries(types: string[] | undefined, replace: Span): CompletionEntry[] {
  return (types ?? []).map((t) => ({ label: t, kind: 'class', detail: 'data model', insertText: literal(JSON.stringify(t)), replace }));
}

/** The data models of the entity types a subscription, query or registration selects. */
function selectorModels(root: unknown, ctx: CompletionContext): ModelDescription[] {
  const models: ModelDescription[] = [];
  for (const type of selectorTypes(root)) {
    const model = modelOf({ type }, ctx);
    if (model && !models.includes(model)) models.push(model);
  }
  return models;
}


/** Attribute names of these models, as JSON strings. */
function attributeEntries(models: ModelDescription[], replace: Span): CompletionEntry[] {
  const seen = new Map<string, CompletionEntry>();
  for (const model of models) {
    for (const info of model.attributes.values()) {
      if (seen.has(info.name) || info.name === 'id' || info.name === 'type') continue;
      seen.set(info.name, { label: info.name, kind: 'property', detail: [info.ngsiType, info.types.join(' | ')].filter(Boolean).join(' · '), documentation: info.description, insertText: literal(JSON.stringify(info.name)), replace });
    }
  }
  return [...seen.values()];
}

/** Attribute names for a name inside a q string or a comma-separated list. */
function attributeNamesInString(string: { value: string; index: number }, replace: Span, ctx: CompletionContext, from: JsonObject | ModelDescription[] | undefined): CompletionEntry[] {
  const models = Array.isArray(from) ? from : from ? [modelOf(from, ctx)].filter((m): m is ModelDescription => !!m) : [];
  // Replace the word under the cursor only, inside the string.
  const before = string.value.slice(0, string.index);
  const word = /[\p{L}\p{N}_:]*$/u.exec(before)![0];
  const start = replace.start + 1 + string.index - word.length;
  const span = { start, end: replace.start + 1 + string.index };
  const out = new Map<string, CompletionEntry>();
  for (const model of models) {
    for (const info of model.attributes.values()) {
      if (info.name === 'id' || info.name === 'type' || out.has(info.name)) continue;
      out.set(info.name, { label: info.name, kind: 'property', detail: [info.ngsiType, info.types.join(' | ')].filter(Boolean).join(' · '), documentation: info.description, insertText: literal(info.name), replace: span });
    }
  }
  // Names the string already uses elsewhere.
  for (const a of parseQ(string.value).attributes) {
    if (a.name === word || out.has(a.name)) continue;
    out.set(a.name, { label: a.name, kind: 'property', insertText: literal(a.name), replace: span });
  }
  return [...out.values()];
}

function memberEntry(doc: JsonDocument, name: string, member: MemberSpec, replace: Span): CompletionEntry {
  let tabstop = 0;
  const next = () => ++tabstop;
  const value = memberValue(name, member.check, next, 2);
  return { label: name, kind: 'field', documentation: member.doc + (member.required ? ' Mandatory.' : ''), insertText: memberText(doc, replace, name, value), replace, sortText: `${member.required ? 0 : 1}${name}` };
}

/** A placeholder for a member of an NGSI-LD data type; objects come with their own mandatory members. */
function memberValue(name: string, check: MemberCheck, next: () => number, depth: number): string {
  switch (check.kind) {
    case 'enum':
      return `"\${${next()}|${check.values.join(',')}|}"`;
    case 'boolean':
      return `\${${next()}|true,false|}`;
    case 'number':
      return `\${${next()}:1}`;
    case 'object':
      return depth > 0 ? requiredMembers(check.of, next, depth - 1) : `{$${next()}}`;
    case 'array':
      return depth > 0 ? `[${requiredMembers(check.of, next, depth - 1)}]` : `[$${next()}]`;
    case 'names':
    case 'enum-list':
    case 'key-values':
    case 'uris':
    case 'entities':
      return `[$${next()}]`;
    case 'datetime':
      return `"\${${next()}:2030-01-01T00:00:00Z}"`;
    case 'uri':
      return name === 'id' || name === 'subscriptionId' ? `"\${${next()}:urn:ngsi-ld:Thing:1}"` : `"\${${next()}:https://example.org}"`;
    case 'type-name':
      return `"\${${next()}:Type}"`;
    default:
      return name === 'coordinates' ? `[\${${next()}:-3.7038}, \${${next()}:40.4168}]` : `"$${next()}"`;
  }
}

function requiredMembers(type: DataTypeName, next: () => number, depth: number): string {
  const members = Object.entries(DATA_TYPES[type].members).filter(([, m]) => m.required && !m.output);
  if (members.length === 0) return `{$${next()}}`;
  return `{${members.map(([name, m]) => `"${name}": ${memberValue(name, m.check, next, depth)}`).join(', ')}}`;
}

function modelOf(entity: JsonObject, ctx: CompletionContext): ModelDescription | undefined {
  const type = typeof entity.type === 'string' ? shortTypeName(entity.type) : undefined;
  const lookup = type && ctx.models ? ctx.models.lookup(type) : undefined;
  return lookup?.state === 'ready' ? lookup.model.description : undefined;
}

function modelAttributes(entity: JsonObject, ctx: CompletionContext): Map<string, AttributeInfo> | undefined {
  return modelOf(entity, ctx)?.attributes;
}

function memberValueSnippet(member: string, kind: AttributeKind): string {
  switch (member) {
    case 'value':
      return kind === 'GeoProperty' ? '{"type": "Point", "coordinates": [${1:-3.7038}, ${2:40.4168}]}' : '${1:0}';
    case 'object':
      return '"${1:urn:ngsi-ld:Thing:001}"';
    case 'objectType':
      return '"${1:Thing}"';
    case 'observedAt':
      return '"${1:2024-05-01T10:00:00Z}"';
    case 'unitCode':
      return '"${1:CEL}"';
    case 'datasetId':
      return '"urn:ngsi-ld:Dataset:${1:source}"';
    case 'languageMap':
      return '{"${1:en}": "${2}"}';
    case 'vocab':
      return '"${1:term}"';
    case 'valueList':
      return '[$1]';
    case 'objectList':
      return '[{"object": "${1:urn:ngsi-ld:Thing:001}"}]';
    case 'json':
      return '{$1}';
    default:
      return '$1';
  }
}

function representationFor(representation: string): Representation {
  return representation === 'simplified' || representation === 'concise' ? representation : 'normalized';
}


function arrayAt(root: unknown, path: JsonPath): unknown[] {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isObject(node) && typeof segment === 'string') node = node[segment];
    else return [];
  }
  return Array.isArray(node) ? node : [];
}

function objectAt(root: unknown, path: JsonPath): JsonObject | undefined {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isObject(node) && typeof segment === 'string') node = node[segment];
    else return undefined;
  }
  return isObject(node) ? node : undefined;
}
