/**
 * What the authoring checks share: where the model's file stands (its folder is the entity type, the folder
 * above it the subject repository), the attributes the schema defines, and the NGSI type a description names.
 */
import { isObject, type JsonObject, type JsonPath } from '../json/values';

export const SDM_SITE = 'https://smart-data-models.github.io/';
export const SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
export const COMMON_SCHEMA = `${SDM_SITE}data-models/common-schema.json`;

export interface ModelPlace {
  /** The model folder's name: the entity type, by convention. */
  folder: string | undefined;
  /** The folder above it: the subject repository (`dataModel.<Subject>`). */
  repo: string | undefined;
}

/** The model folder and the subject repository folder of a schema's URI. */
export function modelPlace(uri: string): ModelPlace {
  const path = uri.replace(/[?#].*$/, '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const segments = path.split('/').filter((s) => s !== '').map(decode);
  return { folder: segments[segments.length - 2], repo: segments[segments.length - 3] };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A folder named like an entity type (capital first letter, no spaces): a model folder. */
export function isModelFolder(name: string | undefined): name is string {
  return name !== undefined && /^[A-Z][A-Za-z0-9_.-]*$/.test(name);
}

/**
 * The published URL of the model's schema, when the schema belongs to a Smart Data Models subject: its
 * repository folder is `dataModel.<Subject>`, or its declared `$id` already names a place on the site.
 */
export function expectedId(place: ModelPlace, declared: unknown): string | undefined {
  if (!isModelFolder(place.folder)) return undefined;
  let repo = place.repo?.startsWith('dataModel.') ? place.repo : undefined;
  if (!repo && typeof declared === 'string' && declared.startsWith(SDM_SITE)) {
    const first = declared.slice(SDM_SITE.length).split('/')[0];
    if (first) repo = first;
  }
  return repo ? `${SDM_SITE}${repo}/${place.folder}/schema.json` : undefined;
}

export const NGSI_TYPES = ['Property', 'GeoProperty', 'Relationship', 'LanguageProperty', 'ListProperty'] as const;
export type NgsiType = (typeof NGSI_TYPES)[number];

/** The sentences of a description as the Smart Data Models check cuts them: at every ". ". */
export interface Sentence {
  text: string;
  /** Index of its first character in the description. */
  start: number;
  end: number;
}

export function sentences(description: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (;;) {
    const dot = description.indexOf('. ', start);
    const end = dot < 0 ? description.length : dot;
    out.push({ text: description.slice(start, end), start, end });
    if (dot < 0) return out;
    start = dot + 2;
  }
}

/** The NGSI type a description names as a sentence of its own, if any. */
export function ngsiTypeOf(description: unknown): NgsiType | undefined {
  if (typeof description !== 'string') return undefined;
  for (const s of sentences(description)) if ((NGSI_TYPES as readonly string[]).includes(s.text)) return s.text as NgsiType;
  return undefined;
}

/** One attribute the schema defines: a member of a `properties` object, with where it is. */
export interface Attribute {
  name: string;
  definition: unknown;
  /** Path of the definition. */
  path: JsonPath;
  /** 0 for the entity's own attributes; more for members of structured values. */
  depth: number;
  /** Inside the value of a GeoProperty (GeoJSON members, not attributes). */
  inGeometry: boolean;
}

/** The `properties` objects that define the entity's attributes: the root's and those of its allOf/anyOf/oneOf items. */
export function attributeBlocks(root: JsonObject): JsonPath[] {
  const out: JsonPath[] = [];
  const visit = (schema: unknown, path: JsonPath, depth: number) => {
    if (!isObject(schema) || depth > 4) return;
    if (isObject(schema.properties)) out.push([...path, 'properties']);
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const items = schema[key];
      if (Array.isArray(items)) items.forEach((item, i) => visit(item, [...path, key, i], depth + 1));
    }
  };
  visit(root, [], 0);
  return out;
}

export function valueAt(root: unknown, path: JsonPath): unknown {
  let value = root;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isObject(value) && typeof segment === 'string' && Object.prototype.hasOwnProperty.call(value, segment)) value = value[segment];
    else return undefined;
  }
  return value;
}

/** The entity's own attributes (depth 0), in document order. */
export function topLevelAttributes(root: JsonObject): Attribute[] {
  const out: Attribute[] = [];
  for (const block of attributeBlocks(root)) {
    const properties = valueAt(root, block);
    if (!isObject(properties)) continue;
    for (const [name, definition] of Object.entries(properties)) out.push({ name, definition, path: [...block, name], depth: 0, inGeometry: false });
  }
  return out;
}

const MAX_ATTRIBUTE_DEPTH = 32;

/**
 * Every attribute and member of a structured value the schema defines itself: top-level attributes, the
 * `properties` of their values, and those of their array items (as the Smart Data Models description check
 * walks them). References are not followed.
 */
export function allAttributes(root: JsonObject): Attribute[] {
  const out: Attribute[] = [];
  const members = (schema: unknown, path: JsonPath, depth: number, inGeometry: boolean) => {
    if (!isObject(schema) || depth > MAX_ATTRIBUTE_DEPTH) return;
    if (isObject(schema.properties)) {
      for (const [name, definition] of Object.entries(schema.properties)) visit({ name, definition, path: [...path, 'properties', name], depth, inGeometry });
    }
    const items = schema.items;
    if (isObject(items)) {
      members(items, [...path, 'items'], depth, inGeometry);
      for (const key of ['anyOf', 'oneOf']) {
        const options = items[key];
        if (Array.isArray(options)) options.forEach((o, i) => members(o, [...path, 'items', key, i], depth, inGeometry));
      }
    }
  };
  const visit = (attribute: Attribute) => {
    out.push(attribute);
    const d = attribute.definition;
    if (!isObject(d) || typeof d.$ref === 'string') return;
    members(d, attribute.path, attribute.depth + 1, attribute.inGeometry || ngsiTypeOf(d.description) === 'GeoProperty');
  };
  for (const a of topLevelAttributes(root)) visit(a);
  return out;
}

export function typesOf(schema: unknown): string[] {
  if (!isObject(schema)) return [];
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

export function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}
