/**
 * What a strict JSON Schema 2020-12 validator says of a schema before it validates anything (SDM-030):
 * keywords it does not know (typos such as `min`, attribute definitions pasted among keywords, an `allOf`
 * item without its `properties`), formats it does not know, keywords without the `type` they apply to, and
 * keyword values of the wrong shape. The Smart Data Models annotations ($schemaVersion, modelTags,
 * derivedFrom, license, x-ngsi) are known keywords here.
 */
import { backtrackingRisk } from './schema-guards';
import { closest } from '../ngsi-ld/syntax';
import { describeType, isObject, preview, type JsonObject, type JsonPath } from '../json/values';
import type { Fix, Severity } from '../problem';
import type { RuleCode } from '../rules';

/** One problem found in a schema, at a path relative to the root of the walk. */
export interface Finding {
  code: RuleCode;
  path: JsonPath;
  target?: 'key' | 'value';
  message: string;
  severity?: Severity;
  fixes?: Fix[];
}

export type Sink = (finding: Finding) => void;

export const SDM_ANNOTATIONS: ReadonlySet<string> = new Set(['$schemaVersion', 'modelTags', 'derivedFrom', 'license', 'x-ngsi']);

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set(['not', 'if', 'then', 'else', 'contains', 'additionalProperties', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema', 'items']);
/** Keywords whose value is a non-empty array of schemas. */
const SCHEMA_ARRAY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value is an object of schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Applicators whose subschemas apply to the same value (they inherit its type). */
const IN_PLACE = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas']);

const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];
const COUNT_KEYWORDS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains'];
const STRING_KEYWORDS = ['$schema', '$id', '$ref', '$anchor', '$dynamicRef', '$dynamicAnchor', '$comment', 'title', 'description', 'format', 'pattern', 'contentMediaType', 'contentEncoding'];
const BOOLEAN_KEYWORDS = ['uniqueItems', 'deprecated', 'readOnly', 'writeOnly'];

/** Every keyword a 2020-12 validator knows (ajv's `definitions` and `dependencies` included). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  ...SCHEMA_KEYWORDS,
  ...SCHEMA_ARRAY_KEYWORDS,
  ...SCHEMA_MAP_KEYWORDS,
  ...NUMBER_KEYWORDS,
  ...COUNT_KEYWORDS,
  ...STRING_KEYWORDS,
  ...BOOLEAN_KEYWORDS,
  '$vocabulary',
  'dependencies',
  'type',
  'enum',
  'const',
  'multipleOf',
  'required',
  'dependentRequired',
  'default',
  'examples',
]);

/** The JSON type a keyword constrains (ajv's strictTypes): without that type the keyword does nothing. */
const KEYWORD_TYPE: Readonly<Record<string, 'number' | 'string' | 'array' | 'object'>> = {
  minimum: 'number',
  maximum: 'number',
  exclusiveMinimum: 'number',
  exclusiveMaximum: 'number',
  multipleOf: 'number',
  minLength: 'string',
  maxLength: 'string',
  pattern: 'string',
  items: 'array',
  prefixItems: 'array',
  contains: 'array',
  minItems: 'array',
  maxItems: 'array',
  uniqueItems: 'array',
  minContains: 'array',
  maxContains: 'array',
  unevaluatedItems: 'array',
  properties: 'object',
  patternProperties: 'object',
  additionalProperties: 'object',
  propertyNames: 'object',
  required: 'object',
  minProperties: 'object',
  maxProperties: 'object',
  dependentRequired: 'object',
  dependentSchemas: 'object',
  dependencies: 'object',
  unevaluatedProperties: 'object',
};

const TYPE_NAMES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
const TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  int: 'integer',
  long: 'integer',
  float: 'number',
  double: 'number',
  decimal: 'number',
  bool: 'boolean',
  str: 'string',
  text: 'string',
  list: 'array',
  dict: 'object',
  map: 'object',
};

/** Formats of JSON Schema 2020-12 and of ajv-formats. */
export const FORMATS: ReadonlySet<string> = new Set([
  'date-time', 'date', 'time', 'duration', 'email', 'idn-email', 'hostname', 'idn-hostname', 'ipv4', 'ipv6', 'uri',
  'uri-reference', 'iri', 'iri-reference', 'uuid', 'uri-template', 'json-pointer', 'relative-json-pointer', 'regex',
  'url', 'byte', 'int32', 'int64', 'float', 'double', 'password', 'binary', 'iso-time', 'iso-date-time', 'json-pointer-uri-fragment',
]);
const FORMAT_SYNONYMS: Readonly<Record<string, string>> = { datetime: 'date-time', date_time: 'date-time', dateTime: 'date-time', 'e-mail': 'email', URI: 'uri', URL: 'uri' };

/** Names people write for a keyword (the closest-name search finds the other typos). */
const KEYWORD_SYNONYMS: Readonly<Record<string, string>> = {
  min: 'minimum',
  max: 'maximum',
  minValue: 'minimum',
  maxValue: 'maximum',
  exclusiveMin: 'exclusiveMinimum',
  exclusiveMax: 'exclusiveMaximum',
  enums: 'enum',
  desc: 'description',
  require: 'required',
  unique: 'uniqueItems',
  ref: '$ref',
  schema: '$schema',
  defs: '$defs',
};

/** Keys that make an object look like a schema (an attribute definition) rather than a value. */
const SCHEMA_MARKERS = ['type', 'description', '$ref', 'properties', 'items', 'enum', 'anyOf', 'oneOf', 'allOf', 'format', 'const'];

export function looksLikeSchema(value: unknown): value is JsonObject {
  return isObject(value) && SCHEMA_MARKERS.some((k) => Object.prototype.hasOwnProperty.call(value, k));
}

export interface KeywordWalk {
  /** The walk starts at a model's root, whose type the metadata rules check. */
  modelRoot?: boolean;
  /** Called for every subschema (after its keywords are checked). */
  visit?: (schema: JsonObject, path: JsonPath) => void;
  /** Called for every `$ref` string. */
  ref?: (ref: string, path: JsonPath, schema: JsonObject) => void;
}

const MAX_DEPTH = 200;

/** Checks every subschema of `schema` (at `path`) and reports to `sink`. */
export function checkKeywords(schema: unknown, path: JsonPath, sink: Sink, walk: KeywordWalk = {}): void {
  checkSchema(schema, path, [], sink, walk, 0, walk.modelRoot === true ? 'root' : 'schema');
}

/** Where a subschema stands: the model's root, an allOf item, or anywhere else. */
type Role = 'root' | 'allOf-item' | 'schema';

function typesOf(schema: JsonObject): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function checkSchema(schema: unknown, path: JsonPath, context: string[], sink: Sink, walk: KeywordWalk, depth: number, role: Role): void {
  if (typeof schema === 'boolean') return;
  if (!isObject(schema)) {
    sink({ code: 'sdm-schema/meta-schema', path, message: `A schema is expected here (an object, or true/false), not ${describeType(schema)}.` });
    return;
  }
  if (depth > MAX_DEPTH) return;
  const own = typesOf(schema);
  const types = own.length > 0 ? own : context;
  checkUnknownKeywords(schema, path, sink, role === 'allOf-item');
  checkValues(schema, path, sink, role === 'root');
  if (role !== 'root') checkTypes(schema, path, own, context, sink);
  if (typeof schema.$ref === 'string') walk.ref?.(schema.$ref, [...path, '$ref'], schema);
  walk.visit?.(schema, path);
  for (const [key, value] of Object.entries(schema)) {
    if (!KEYWORDS.has(key)) continue;
    // Under a root without a type, the root's own problem (sdm-schema/root-type) is said once, not in every allOf item.
    const inherited = IN_PLACE.has(key) ? (role === 'root' && types.length === 0 ? ['object'] : types) : [];
    if (SCHEMA_KEYWORDS.has(key)) {
      if (key === 'items' && Array.isArray(value)) {
        value.forEach((item, i) => checkSchema(item, [...path, key, i], [], sink, walk, depth + 1, 'schema'));
      } else {
        checkSchema(value, [...path, key], inherited, sink, walk, depth + 1, 'schema');
      }
    } else if (SCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(value)) {
      value.forEach((item, i) => checkSchema(item, [...path, key, i], inherited, sink, walk, depth + 1, key === 'allOf' ? 'allOf-item' : 'schema'));
    } else if ((SCHEMA_MAP_KEYWORDS.has(key) || key === 'dependencies') && isObject(value)) {
      for (const [name, sub] of Object.entries(value)) {
        if (key === 'dependencies' && Array.isArray(sub)) continue;
        checkSchema(sub, [...path, key, name], inherited, sink, walk, depth + 1, 'schema');
      }
    }
  }
}

function checkUnknownKeywords(schema: JsonObject, path: JsonPath, sink: Sink, allOfItem: boolean): void {
  const unknown = Object.keys(schema).filter((k) => !KEYWORDS.has(k) && !SDM_ANNOTATIONS.has(k));
  if (unknown.length === 0) return;
  // An allOf item made only of attribute definitions: its "properties" wrapper is missing.
  const unwrapped = allOfItem && unknown.length === Object.keys(schema).length && unknown.every((k) => looksLikeSchema(schema[k]));
  for (const key of unknown) {
    const value = schema[key];
    const at = [...path, key];
    if (unwrapped) {
      sink({
        code: 'sdm-schema/misplaced-property',
        path: at,
        target: 'key',
        message: `"${key}" is the definition of an attribute, but this allOf item has no "properties" around it: validators read "${key}" as an unknown keyword and ignore it (strict ones reject the schema), so the attribute is never checked.`,
        fixes: [{ kind: 'set-value', title: 'Wrap the item\'s attributes in "properties"', path, value: { properties: schema } }],
      });
      continue;
    }
    const typo = keywordFor(key, value);
    if (typo) {
      sink({
        code: 'sdm-schema/unknown-keyword',
        path: at,
        target: 'key',
        message: `"${key}" is not a JSON Schema keyword, so validators ignore it (strict ones reject the schema). Did you mean "${typo}"?`,
        fixes: [{ kind: 'rename-key', title: `Rename to "${typo}"`, path: at, to: typo }],
      });
    } else if (looksLikeSchema(value)) {
      sink({
        code: 'sdm-schema/misplaced-property',
        path: at,
        target: 'key',
        message: `"${key}" looks like the definition of an attribute, but it stands among the keywords of a schema, where it is an unknown keyword: validators ignore it (strict ones reject the schema). Attribute definitions go inside a "properties" object.`,
      });
    } else {
      sink({
        code: 'sdm-schema/unknown-keyword',
        path: at,
        target: 'key',
        message: `"${key}" is not a JSON Schema keyword (nor a Smart Data Models one: $schemaVersion, modelTags, derivedFrom, license, x-ngsi): validators ignore it, and strict ones reject the schema.`,
      });
    }
  }
}

/** The keyword an unknown key most likely means, when its value suits that keyword. */
function keywordFor(key: string, value: unknown): string | undefined {
  if (key === 'id') return undefined;
  const candidate = KEYWORD_SYNONYMS[key] ?? closest(key, KEYWORDS);
  return candidate && valueFits(candidate, value) ? candidate : undefined;
}

/** True when `value` has the form `keyword` takes (so that renaming the key makes a valid keyword). */
function valueFits(keyword: string, value: unknown): boolean {
  if (SCHEMA_KEYWORDS.has(keyword)) return isObject(value) || typeof value === 'boolean';
  if (SCHEMA_MAP_KEYWORDS.has(keyword) || keyword === 'dependentRequired') return isObject(value) && !looksLikeSchema(value);
  if (SCHEMA_ARRAY_KEYWORDS.has(keyword)) return Array.isArray(value);
  if (looksLikeSchema(value)) return false;
  if (NUMBER_KEYWORDS.includes(keyword) || COUNT_KEYWORDS.includes(keyword) || keyword === 'multipleOf') return typeof value === 'number';
  if (STRING_KEYWORDS.includes(keyword)) return typeof value === 'string';
  if (BOOLEAN_KEYWORDS.includes(keyword)) return typeof value === 'boolean';
  if (keyword === 'enum' || keyword === 'required' || keyword === 'examples') return Array.isArray(value);
  if (keyword === 'type') return typeof value === 'string' || Array.isArray(value);
  return true;
}

/** Root members the metadata rules check themselves (SDM-002 to SDM-007, the root type). */
const ROOT_METADATA = new Set(['$schema', '$id', 'title', 'description', 'type']);

function checkValues(schema: JsonObject, path: JsonPath, sink: Sink, root: boolean): void {
  const bad = (key: string, expected: string, fixes?: Fix[]) =>
    sink({ code: 'sdm-schema/meta-schema', path: [...path, key], message: `"${key}" must be ${expected}, not ${preview(schema[key])}.`, ...(fixes ? { fixes } : {}) });
  for (const [key, value] of Object.entries(schema)) {
    if (root && ROOT_METADATA.has(key)) continue;
    if (key === 'type') checkTypeValue(value, [...path, key], sink);
    else if (NUMBER_KEYWORDS.includes(key) && typeof value !== 'number') bad(key, 'a number', numberFix(value, [...path, key], key));
    else if (key === 'multipleOf' && !(typeof value === 'number' && value > 0)) bad(key, 'a number greater than 0');
    else if (COUNT_KEYWORDS.includes(key) && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) bad(key, 'a whole number, 0 or more', numberFix(value, [...path, key], key));
    else if (STRING_KEYWORDS.includes(key) && typeof value !== 'string') bad(key, 'a string');
    else if (BOOLEAN_KEYWORDS.includes(key) && typeof value !== 'boolean') bad(key, 'true or false');
    else if (key === 'enum' && !Array.isArray(value)) bad(key, 'an array of the allowed values', [{ kind: 'set-value', title: 'Put the value in an array', path: [...path, key], value: [value] }]);
    else if (key === 'examples' && !Array.isArray(value)) bad(key, 'an array of examples', [{ kind: 'set-value', title: 'Put the example in an array', path: [...path, key], value: [value] }]);
    else if (key === 'required') {
      // A root list that is no list is sdm-schema/required's.
      if (!root || Array.isArray(value)) checkNameList(key, value, path, sink);
    }
    else if (SCHEMA_ARRAY_KEYWORDS.has(key) && !(Array.isArray(value) && value.length > 0)) bad(key, 'a non-empty array of schemas');
    else if ((SCHEMA_MAP_KEYWORDS.has(key) || key === 'dependencies' || key === 'dependentRequired') && !isObject(value)) bad(key, 'an object');
    else if (key === 'items' && Array.isArray(value)) {
      sink({ code: 'sdm-schema/meta-schema', path: [...path, key], message: 'In JSON Schema 2020-12 "items" is one schema for every item; a list of schemas per position is written "prefixItems".' });
    } else if (key === 'pattern' && typeof value === 'string') checkPattern(value, [...path, key], sink);
    else if (key === 'patternProperties' && isObject(value)) for (const name of Object.keys(value)) checkPattern(name, [...path, key, name], sink, 'key');
    else if (key === 'format' && typeof value === 'string') checkFormat(value, [...path, key], sink);
  }
}

function numberFix(value: unknown, path: JsonPath, key: string): Fix[] | undefined {
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(Number(value))) return undefined;
  return [{ kind: 'set-value', title: `Write ${key} as the number ${Number(value)}`, path, value: Number(value) }];
}

function checkTypeValue(value: unknown, path: JsonPath, sink: Sink): void {
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!names || names.length === 0 || names.some((n) => typeof n !== 'string')) {
    sink({ code: 'sdm-schema/meta-schema', path, message: `"type" must be one of ${TYPE_NAMES.join(', ')} (or a list of them), not ${preview(value)}.` });
    return;
  }
  names.forEach((name, i) => {
    if (TYPE_NAMES.includes(name as string)) return;
    const meant = TYPE_SYNONYMS[(name as string).toLowerCase()] ?? (TYPE_NAMES.includes((name as string).toLowerCase()) ? (name as string).toLowerCase() : closest(name as string, TYPE_NAMES));
    const at = typeof value === 'string' ? path : [...path, i];
    sink({
      code: 'sdm-schema/meta-schema',
      path: at,
      message: `"${name}" is not a JSON type: "type" takes ${TYPE_NAMES.join(', ')}.${meant ? ` Did you mean "${meant}"?` : ''}`,
      ...(meant ? { fixes: [{ kind: 'set-value', title: `Change to "${meant}"`, path: at, value: meant } as Fix] } : {}),
    });
  });
}

function checkNameList(key: string, value: unknown, path: JsonPath, sink: Sink): void {
  if (!Array.isArray(value)) {
    sink({ code: 'sdm-schema/meta-schema', path: [...path, key], message: `"${key}" must be an array of attribute names, not ${preview(value)}.` });
    return;
  }
  const seen = new Set<string>();
  value.forEach((name, i) => {
    if (typeof name !== 'string') {
      sink({ code: 'sdm-schema/meta-schema', path: [...path, key, i], message: `"${key}" lists attribute names: ${preview(name)} is not a string.` });
    } else if (seen.has(name)) {
      sink({
        code: 'sdm-schema/meta-schema',
        path: [...path, key, i],
        message: `"${name}" is listed twice in "${key}"; JSON Schema wants each name once.`,
        fixes: [{ kind: 'remove', title: 'Remove the repeated name', path: [...path, key, i], safe: true }],
      });
    }
    if (typeof name === 'string') seen.add(name);
  });
}

function checkPattern(pattern: string, path: JsonPath, sink: Sink, target?: 'key'): void {
  try {
    // Compiled only (never run): validators compile patterns with the unicode flag.
    new RegExp(pattern, 'u');
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    sink({ code: 'sdm-schema/meta-schema', path, ...(target ? { target } : {}), message: `This pattern is not a valid regular expression (${reason}); validators refuse to compile the schema.` });
    return;
  }
  const risk = backtrackingRisk(pattern);
  if (risk) {
    sink({
      code: 'sdm-schema/pattern-backtracking',
      path,
      ...(target ? { target } : {}),
      message: `This pattern can take exponential time on a string that almost matches: ${risk}. One such value can freeze a validator or a broker; the checker does not apply it to payloads. Write it without the nested repetition.`,
    });
  }
}

function checkFormat(format: string, path: JsonPath, sink: Sink): void {
  if (FORMATS.has(format)) return;
  const meant = FORMAT_SYNONYMS[format] ?? closest(format, FORMATS);
  sink({
    code: 'sdm-schema/format',
    path,
    message: `"${format}" is not a format validators know, so nothing checks it (strict validators reject the schema).${meant ? ` Did you mean "${meant}"?` : ' Known formats include date-time, date, time, uri, email, idn-email, ipv4, ipv6 and uuid.'}`,
    ...(meant ? { fixes: [{ kind: 'set-value', title: `Change to "${meant}"`, path, value: meant } as Fix] } : {}),
  });
}

const TYPE_WORDS: Readonly<Record<string, string>> = { number: 'numbers', string: 'strings', array: 'arrays', object: 'objects' };

/** ajv's strictTypes: a type-specific keyword needs its type, here or around (in allOf/anyOf/oneOf...). */
function checkTypes(schema: JsonObject, path: JsonPath, own: string[], context: string[], sink: Sink): void {
  // A type that is no JSON type is a meta-schema problem of its own.
  if (own.some((t) => !TYPE_NAMES.includes(t))) return;
  if (own.length > 0 && context.length > 0) {
    const outside = own.filter((t) => !context.includes(t) && !(t === 'integer' && context.includes('number')));
    if (outside.length === own.length) {
      sink({
        code: 'sdm-schema/type-keyword',
        path: [...path, 'type'],
        message: `This subschema says ${own.map((t) => `"${t}"`).join(' or ')}, but the schema it belongs to only allows ${context.map((t) => `"${t}"`).join(' or ')}: it can never match.`,
      });
      return;
    }
  }
  const types = own.length > 0 ? own : context;
  const missing = new Map<string, string[]>();
  for (const key of Object.keys(schema)) {
    const needed = KEYWORD_TYPE[key];
    if (!needed) continue;
    if (types.includes(needed) || (needed === 'number' && types.includes('integer'))) continue;
    // A string with items or properties is reported by SDM-019 (sdm-schema/string-members).
    if (types.length === 1 && types[0] === 'string' && (key === 'items' || key === 'properties')) continue;
    missing.set(needed, [...(missing.get(needed) ?? []), key]);
  }
  for (const [needed, keys] of missing) {
    const first = keys[0]!;
    const list = keys.map((k) => `"${k}"`).join(', ');
    const fix: Fix[] = types.length === 0 && missing.size === 1 ? [{ kind: 'add-member', title: `Add "type": "${needed}"`, path, key: 'type', value: needed, first: true }] : [];
    sink({
      code: 'sdm-schema/type-keyword',
      path: [...path, first],
      target: 'key',
      message:
        types.length === 0
          ? `${list} ${keys.length > 1 ? 'apply' : 'applies'} to ${TYPE_WORDS[needed]} only, and this schema names no "type": a value of another type passes unchecked (strict validators reject the schema). Add "type": "${needed}".`
          : `${list} ${keys.length > 1 ? 'apply' : 'applies'} to ${TYPE_WORDS[needed]} only, but this schema is ${types.map((t) => `"${t}"`).join(' or ')}: ${keys.length > 1 ? 'they do' : 'it does'} nothing here.`,
      ...(fix.length > 0 ? { fixes: fix } : {}),
    });
  }
}
