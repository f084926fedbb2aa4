/**
 * Hover: what a name or value means. Attributes show their data model's description, type, units and
 * where the model comes from, and the IRI the @context expands them to; NGSI-LD members and kinds get a
 * paragraph; unit codes their unit; names inside q strings are explained like attributes.
 */
import type { Detection } from './detect';
import type { JsonDocument, Span } from './json/document';
import { locationAt } from './json/location';
import { registerHover } from './mim5/assist';
import { isObject, type JsonObject, type JsonPath } from './json/values';
import { ATTRIBUTE_META_MEMBERS, isAttributeKind } from './ngsi-ld/constants';
import { DATA_TYPES } from './ngsi-ld/data-types';
import { expandName, type ContextStore, type ResolvedContext } from './ngsi-ld/jsonld-context';
import { parseQ, type QOperator } from './ngsi-ld/query/index';
import { KIND_DOCS, MEMBER_DOCS } from './ngsi-ld/vocabulary';
import { dataTypeAt, entityAt, selectorTypes } from './navigation';
import { policyHover } from './odrl/assist';
import type { AttributeInfo } from './sdm/model-info';
import { shortTypeName, type ModelProvider } from './sdm/validate';
import { unitByCode } from './units';

export interface HoverContext {
  detection: Detection;
  models?: ModelProvider;
  contexts?: ContextStore;
  /** Waits (briefly) until the model of a type is loaded. */
  prepareModel?: (type: string) => Promise<void>;
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  span: Span;
}

const OPERATORS: Readonly<Record<QOperator, string>> = {
  '==': 'equals (or, with a range `a..b` or a list `a,b`, lies in it)',
  '!=': 'differs from (or lies outside the range or list)',
  '>=': 'is greater than or equal to',
  '<=': 'is less than or equal to',
  '>': 'is greater than',
  '<': 'is less than',
  '~=': 'matches the regular expression',
  '!~=': 'does not match the regular expression',
};

export async function hover(doc: JsonDocument, offset: number, ctx: HoverContext): Promise<HoverResult | undefined> {
  const loc = locationAt(doc, offset);
  if (!loc.token) return undefined;
  const span = loc.token;
  const kind = ctx.detection.kind;
  const root = doc.root;
  if (kind === 'algorithm-register') return registerHover(doc, loc, span);
  if (kind === 'odrl-policy') return policyHover(doc, loc, span, ctx);
  const at = entityAt(kind, root, loc.path);
  if (at) {
    const type = typeof at.entity.type === 'string' ? shortTypeName(at.entity.type) : undefined;
    if (type && ctx.prepareModel) await ctx.prepareModel(type);
    const text = entityHover(at.entity, at.rest, loc.atKey, ctx, loc.string);
    return text ? { contents: text, span } : undefined;
  }
  // Subscriptions, registrations, queries: the member tables, and the query strings.
  const path = Array.isArray(root) ? loc.path.slice(1) : loc.path;
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  const owner = dataTypeAt(kind, path.slice(0, -1));
  if (!owner) return undefined;
  const member = DATA_TYPES[owner].members[key];
  if (!member) return undefined;
  if (!loc.atKey && loc.string && (member.check.kind === 'q')) {
    const types = selectorTypes(root);
    if (ctx.prepareModel) await Promise.all(types.map((t) => ctx.prepareModel!(t)));
    const attributes = new Map<string, AttributeInfo>();
    for (const t of types) {
      const lookup = ctx.models?.lookup(t);
      if (lookup?.state === 'ready') for (const [name, info] of lookup.model.description.attributes) if (!attributes.has(name)) attributes.set(name, info);
    }
    const inside = queryHover(loc.string.value, loc.string.index, attributes, undefined);
    if (inside) return { contents: inside, span };
  }
  return { contents: `**${key}** (${DATA_TYPES[owner].name}, GS CIM 009 clause ${DATA_TYPES[owner].clause})\n\n${member.doc}${member.required ? ' Mandatory.' : ''}`, span };
}

function entityHover(entity: JsonObject, rest: JsonPath, atKey: boolean, ctx: HoverContext, string?: { value: string; index: number }): string | undefined {
  const typeName = typeof entity.type === 'string' ? shortTypeName(entity.type) : undefined;
  const model = typeName && ctx.models ? ctx.models.lookup(typeName) : undefined;
  const context = contextOf(entity, ctx);
  const last = rest[rest.length - 1];
  if (rest.length === 1 && typeof last === 'string') {
    if (last === 'type' && !atKey && model?.state === 'ready') {
      const m = model.model;
      return [
        `**${typeName}**${m.title ? ` — ${m.title}` : ''}${m.version ? ` (version ${m.version})` : ''}`,
        m.description.description ?? '',
        `Data model from ${ctx.models!.describeSource(m.entry)}: [schema.json](${m.entry.schemaUri})`,
        context ? iriLine(typeName!, context) : '',
      ].filter(Boolean).join('\n\n');
    }
    if (MEMBER_DOCS[last] && (last === 'id' || last === 'type' || last === '@context' || last === 'scope')) return `**${last}**\n\n${MEMBER_DOCS[last]}`;
    if (!atKey) return undefined;
    const info = model?.state === 'ready' ? model.model.description.attributes.get(last) : undefined;
    const from = model?.state === 'ready' ? { name: `${typeName} ${model.model.version ?? ''}`.trim(), link: model.model.entry.schemaUri, source: ctx.models!.describeSource(model.model.entry) } : undefined;
    return attributeHover(last, info, from, context, entity[last]);
  }
  if (rest.length >= 2 && typeof last === 'string') {
    const attribute = rest[0] as string;
    if (last === 'type' && !atKey && isObject(valueAt(entity, rest.slice(0, -1)))) {
      const kind = (valueAt(entity, rest.slice(0, -1)) as JsonObject).type;
      if (isAttributeKind(kind)) return KIND_DOCS[kind];
    }
    if (last === 'unitCode' && !atKey) {
      const code = valueAt(entity, rest);
      const unit = typeof code === 'string' ? unitByCode(code) : undefined;
      return unit ? `**${unit.code}**: ${unit.name}${unit.symbol ? ` (${unit.symbol})` : ''} — UN/CEFACT Common Code` : typeof code === 'string' ? `**${code}**: a UN/CEFACT Common Code (not in the list of common city units this extension knows).` : undefined;
    }
    if (atKey && ATTRIBUTE_META_MEMBERS.has(last) && MEMBER_DOCS[last]) return `**${last}**\n\n${MEMBER_DOCS[last]}`;
    if (atKey) return context ? `**${last}** (a sub-attribute of "${attribute}")\n\n${iriLine(last, context)}` : undefined;
    if (string && last === 'q') return queryHover(string.value, string.index, model?.state === 'ready' ? model.model.description.attributes : undefined, context);
  }
  return undefined;
}

function attributeHover(name: string, info: AttributeInfo | undefined, model: { name: string; link: string; source: string } | undefined, context: ResolvedContext | undefined, value: unknown): string {
  const lines = [`**${name}**${info?.ngsiType ? ` (${info.ngsiType})` : ''}`];
  const kind = isObject(value) && isAttributeKind(value.type) ? value.type : undefined;
  if (info?.description) lines.push(plainDescription(info.description));
  const facts: string[] = [];
  if (info?.types.length) facts.push(`type: ${info.types.join(' or ')}${info.format ? ` (${info.format})` : ''}`);
  if (info?.units) facts.push(`units: ${info.units}`);
  if (info?.enum) facts.push(`one of: ${info.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (info?.model) facts.push(`meaning: ${info.model}`);
  if (facts.length) lines.push(facts.join(' · '));
  if (model) lines.push(info ? `From the [${model.name}](${model.link}) data model (${model.source}).` : `The [${model.name}](${model.link}) data model does not define this attribute.`);
  if (kind) lines.push(`Written here as a ${kind}.`);
  if (context) lines.push(iriLine(name, context));
  return lines.join('\n\n');
}

function queryHover(text: string, index: number, attributes: Map<string, AttributeInfo> | undefined, context: ResolvedContext | undefined): string | undefined {
  const parsed = parseQ(text);
  const name = parsed.attributes.find((a) => index >= a.start && index <= a.end);
  if (name) {
    const info = attributes?.get(name.name);
    return [`**${name.name}** in q: ${name.role === 'attribute' ? 'an attribute' : name.role === 'sub-attribute' ? 'a sub-attribute' : 'an attribute of a linked entity'}`, info?.description ? plainDescription(info.description) : '', context ? iriLine(name.name, context) : '']
      .filter(Boolean)
      .join('\n\n');
  }
  const op = (['!~=', '~=', '==', '!=', '>=', '<=', '>', '<'] as QOperator[]).find((o) => {
    for (let i = Math.max(0, index - 3); i <= index; i++) if (text.startsWith(o, i) && index < i + o.length + 1) return true;
    return false;
  });
  if (op) return `\`${op}\` ${OPERATORS[op]}.`;
  if (text[index] === ';' || text[index - 1] === ';') return '`;` — AND: both sides must hold (binds tighter than `|`).';
  if (text[index] === '|' || text[index - 1] === '|') return '`|` — OR: one side must hold.';
  return undefined;
}

/**
 * A Smart Data Models description without its markup: the kind prefix and the Model:'…', Units:'…' and
 * Enum:'…' parts, which the hover shows on a line of their own.
 */
function plainDescription(description: string): string {
  const text = description
    .replace(/^\s*(GeoProperty|Property|Relationship|LanguageProperty|ListProperty|VocabProperty|JsonProperty|ListRelationship)\.\s*/, '')
    .replace(/\b(Model|Units|Enum):\s*'[^']*'\.?\s*/g, '')
    .trim();
  return text || description.trim();
}

function iriLine(name: string, context: ResolvedContext): string {
  const expansion = expandName(name, context);
  return expansion.defined
    ? `Expands to <${expansion.iri}>${expansion.source && expansion.source !== 'core' && expansion.source !== 'inline' ? ` (from ${expansion.source})` : expansion.source === 'core' ? ' (NGSI-LD core context)' : ''}.`
    : `No @context defines it: it expands to <${expansion.iri}> (the default vocabulary).`;
}

function contextOf(entity: JsonObject, ctx: HoverContext): ResolvedContext | undefined {
  if (!ctx.contexts || !('@context' in entity)) return undefined;
  const resolved = ctx.contexts.resolve(entity['@context'], []);
  return resolved.pending || resolved.unavailable.length > 0 ? undefined : resolved;
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isObject(node) && typeof segment === 'string') node = node[segment];
    else return undefined;
  }
  return node;
}
