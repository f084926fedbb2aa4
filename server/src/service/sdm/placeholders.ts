/**
 * A placeholder attribute for a data model attribute: of the JSON type the model gives, in the kind the model
 * implies (a reference is a Relationship, `location` a GeoProperty), in the form of the representation in use,
 * with `unitCode` when the model names a unit. Completion inserts it as a snippet; the fix that adds required
 * attributes inserts it too.
 */
import { isObject } from '../json/values';
import { GEO_PROPERTY_NAMES, MAIN_MEMBER, type AttributeKind } from '../ngsi-ld/constants';
import { unitCodeFromText } from '../units';
import type { AttributeInfo } from './model-info';

/** A place the user fills in: its default, and the choices when there are a few. */
interface Slot {
  readonly slot: true;
  value: unknown;
  choices?: readonly string[];
}

type Template = Slot | unknown[] | { [key: string]: Template } | string | number | boolean | null;

export interface Placeholder {
  /** The JSON value with every slot at its default. */
  value: unknown;
  /** The same as an LSP snippet, slots as tab stops. */
  snippet: string;
}

const slot = (value: unknown, choices?: readonly string[]): Slot => (choices ? { slot: true, value, choices } : { slot: true, value });
const isSlot = (t: unknown): t is Slot => isObject(t) && (t as { slot?: unknown }).slot === true;

export type Representation = 'normalized' | 'concise' | 'simplified';

export function attributePlaceholder(info: AttributeInfo, representation: Representation): Placeholder {
  return render(attributeTemplate(info, representation));
}

/** The kind the data model implies for an attribute. */
export function kindOfAttribute(info: Pick<AttributeInfo, 'name' | 'ngsiType' | 'types'>): AttributeKind {
  if (GEO_PROPERTY_NAMES.has(info.name) || info.ngsiType === 'GeoProperty') return 'GeoProperty';
  if (info.ngsiType === 'Relationship') return info.types.includes('array') && !info.types.includes('string') ? 'ListRelationship' : 'Relationship';
  if (/^(ref|has)[A-Z]/.test(info.name) && !info.ngsiType) return 'Relationship';
  if (info.ngsiType === 'LanguageProperty') return 'LanguageProperty';
  return 'Property';
}

function attributeTemplate(info: AttributeInfo, representation: Representation): Template {
  const kind = kindOfAttribute(info);
  const value = valueTemplate(info, kind);
  if (representation === 'simplified') return value;
  const unit = info.units && kind === 'Property' ? unitCodeFromText(info.units) : undefined;
  if (representation === 'concise') {
    if (kind === 'Relationship') return { object: value };
    if (kind === 'ListRelationship') return { objectList: value };
    if (kind === 'LanguageProperty') return { languageMap: { en: slot('') } };
    if (unit) return { value, unitCode: unit };
    // An object value would be read as sub-attributes: it is wrapped.
    return kind === 'Property' && (info.types[0] === 'object' || info.types[0] === 'array') ? { value } : value;
  }
  let main: Template = value;
  if (kind === 'LanguageProperty') main = { en: slot('') };
  if (kind === 'ListRelationship') main = (value as Template[]).map((v) => ({ object: v }));
  const out: { [key: string]: Template } = { type: kind, [MAIN_MEMBER[kind]]: main };
  if (unit) out.unitCode = unit;
  return out;
}

function valueTemplate(info: AttributeInfo, kind: AttributeKind): Template {
  if (kind === 'GeoProperty') return { type: 'Point', coordinates: [slot(-3.7038), slot(40.4168)] };
  if (kind === 'Relationship') return slot(targetFor(info.name));
  if (kind === 'ListRelationship') return [slot(targetFor(info.name))];
  if (info.enum && info.enum.length > 0) {
    const strings = info.enum.filter((v): v is string => typeof v === 'string');
    return strings.length === info.enum.length ? slot(strings[0], strings) : slot(info.enum[0]);
  }
  switch (info.types[0]) {
    case 'number':
    case 'integer':
      return slot(0);
    case 'boolean':
      return slot(true, ['true', 'false']);
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return slot(info.format === 'date-time' ? '2024-05-01T10:00:00Z' : info.format === 'date' ? '2024-05-01' : info.format === 'uri' ? 'https://example.org' : '');
  }
}

/** An entity id of the type a reference names: refDevice → urn:ngsi-ld:Device:001. */
function targetFor(name: string): string {
  const type = /^(?:ref|has)([A-Z][A-Za-z0-9]*)/.exec(name)?.[1] ?? 'Thing';
  return `urn:ngsi-ld:${type}:001`;
}

function render(template: Template): Placeholder {
  let stop = 0;
  const snippetOf = (t: Template): string => {
    if (isSlot(t)) {
      const n = ++stop;
      if (t.choices) {
        const options = t.choices.map((c) => (typeof t.value === 'string' ? JSON.stringify(c).slice(1, -1) : c).replace(/[,|\\]/g, '\\$&')).join(',');
        return typeof t.value === 'string' ? `"\${${n}|${options}|}"` : `\${${n}|${options}|}`;
      }
      if (typeof t.value === 'string') return t.value === '' ? `"$${n}"` : `"\${${n}:${escape(JSON.stringify(t.value).slice(1, -1))}}"`;
      return `\${${n}:${escape(JSON.stringify(t.value))}}`;
    }
    if (Array.isArray(t)) return t.length === 0 ? `[$${++stop}]` : `[${t.map((x) => snippetOf(x as Template)).join(', ')}]`;
    if (isObject(t)) {
      const entries = Object.entries(t);
      return entries.length === 0 ? `{$${++stop}}` : `{${entries.map(([k, v]) => `${escape(JSON.stringify(k))}: ${snippetOf(v as Template)}`).join(', ')}}`;
    }
    return escape(JSON.stringify(t));
  };
  const valueOf = (t: Template): unknown => {
    if (isSlot(t)) return t.value;
    if (Array.isArray(t)) return t.map((x) => valueOf(x as Template));
    if (isObject(t)) return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, valueOf(v as Template)]));
    return t;
  };
  return { value: valueOf(template), snippet: snippetOf(template) };
}

function escape(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}
