/**
 * Conversion between the representations of an entity: normalized, concise and simplified (keyValues).
 *
 * Every attribute is read into one shape (kind, content, metadata, sub-attributes), whatever form it is written
 * in, and written out in the target form. Going to a richer form, the data model decides what a bare value is
 * (a reference is a Relationship, a geometry a GeoProperty) and adds `unitCode` where the model names a unit.
 * What the target form cannot carry (metadata and sub-attributes in the simplified form, the other instances
 * of a multi-attribute) is listed as a loss, never dropped in silence.
 */
import type { PayloadKind } from './detect';
import { hasOwn, isObject, setOwn, type JsonObject, type JsonPath } from './json/values';
import { looksLikeGeometry } from './geo/geojson';
import {
  ENTITY_RESERVED_MEMBERS,
  GEO_PROPERTY_NAMES,
  KIND_OF_MAIN_MEMBER,
  MAIN_MEMBER,
  MAIN_MEMBERS,
  isAttributeKind,
  isMainMember,
  type AttributeKind,
} from './ngsi-ld/constants';
import type { AttributeInfo, ModelDescription } from './sdm/model-info';
import { kindOfAttribute } from './sdm/placeholders';
import { representationOf } from './ngsi-ld/entity';
import { unitCodeFromText } from './units';

export type Representation = 'normalized' | 'concise' | 'simplified';

export const REPRESENTATIONS: readonly Representation[] = ['normalized', 'concise', 'simplified'];

export interface Loss {
  /** Path of the attribute (in the payload) whose information does not survive. */
  path: JsonPath;
  message: string;
}

export interface Conversion {
  value: unknown;
  losses: Loss[];
}

/** The data model of an entity type, when one is known. */
export type ModelOf = (type: string) => ModelDescription | undefined;

/** One attribute instance, whatever form it was written in. */
interface Instance {
  kind: AttributeKind;
  content: unknown;
  /** objectType, observedAt, unitCode, datasetId... as written. */
  meta: JsonObject;
  /** Sub-attributes, read like attributes. */
  subs: Map<string, Instance[]>;
}

const META: ReadonlySet<string> = new Set(['objectType', 'observedAt', 'unitCode', 'datasetId', 'instanceId', 'createdAt', 'modifiedAt', 'deletedAt', 'lang']);
const PROTECTED_ATTRIBUTES: ReadonlySet<string> = new Set(['createdAt', 'modifiedAt', 'deletedAt']);

/** Converts the entities of a payload: one entity, a batch, or the data of a notification. */
export function convertPayload(root: unknown, kind: PayloadKind, target: Representation, modelOf: ModelOf = () => undefined): Conversion {
  const losses: Loss[] = [];
  const one = (entity: unknown, path: JsonPath) => {
    if (!isObject(entity)) return entity;
    const converted = convertEntity(entity, target, modelFor(entity, modelOf), path);
    losses.push(...converted.losses);
    return converted.value;
  };
  if (Array.isArray(root)) return { value: root.map((e, i) => one(e, [i])), losses };
  if (kind === 'notification' && isObject(root) && Array.isArray(root.data)) {
    return { value: { ...root, data: root.data.map((e, i) => one(e, ['data', i])) }, losses };
  }
  return { value: one(root, []), losses };
}

export function modelFor(entity: JsonObject, modelOf: ModelOf): ModelDescription | undefined {
  const type = typeof entity.type === 'string' ? entity.type : Array.isArray(entity.type) && typeof entity.type[0] === 'string' ? entity.type[0] : undefined;
  return type ? modelOf(type.replace(/^.*[/#]/, '').replace(/^[^:/]+:(?!\/\/)/, '')) : undefined;
}

/**
 * Converts one entity; `only` limits the conversion to some attributes. `from` is how the entity is written
 * (read from the entity when not given): in a simplified entity every object is a value, never an attribute.
 */
export function convertEntity(entity: JsonObject, target: Representation, model?: ModelDescription, path: JsonPath = [], only?: ReadonlySet<string>, from?: Representation): Conversion {
  const losses: Loss[] = [];
  const simplified = (from ?? representationOf(entity).rep) === 'simplified';
  const out: JsonObject = {};
  for (const key of Object.keys(entity)) {
    const raw = entity[key];
    if (ENTITY_RESERVED_MEMBERS.has(key) || (only && !only.has(key))) {
      setOwn(out, key, raw);
      continue;
    }
    const instances = readAttribute(key, raw, model?.attributes.get(key), simplified);
    if (!instances) {
      setOwn(out, key, raw);
      continue;
    }
    setOwn(out, key, writeAttribute(key, instances, target, model?.attributes.get(key), [...path, key], losses));
  }
  return { value: out, losses };
}

/** The instances of an attribute (several for a multi-attribute), or undefined when it is not one. */
function readAttribute(name: string, raw: unknown, info: AttributeInfo | undefined, simplified = false): Instance[] | undefined {
  if (simplified) return [readInstance(name, raw, info, true)];
  if (Array.isArray(raw) && raw.length > 0 && raw.every((i) => isObject(i) && (isAttributeKind(i.type) || MAIN_MEMBERS.some((m) => hasOwn(i, m))))) {
    return raw.map((i) => readInstance(name, i, info));
  }
  return [readInstance(name, raw, info)];
}

function readInstance(name: string, raw: unknown, info: AttributeInfo | undefined, simplified = false): Instance {
  if (isObject(raw) && !simplified) {
    const explicit = isAttributeKind(raw.type) ? raw.type : undefined;
    const main = explicit ? (hasOwn(raw, MAIN_MEMBER[explicit]) ? MAIN_MEMBER[explicit] : MAIN_MEMBERS.find((m) => hasOwn(raw, m))) : MAIN_MEMBERS.find((m) => hasOwn(raw, m));
    if (explicit || main) {
      let kind = explicit ?? KIND_OF_MAIN_MEMBER[main!]!;
      if (!explicit && main === 'value' && looksLikeGeometry(raw.value) && isGeoName(name, info)) kind = 'GeoProperty';
      const meta: JsonObject = {};
      const subs = new Map<string, Instance[]>();
      for (const [key, value] of Object.entries(raw)) {
        if (key === 'type' || key === main) continue;
        if (META.has(key) || isMainMember(key)) setOwn(meta, key, value);
        else subs.set(key, readAttribute(key, value, undefined) ?? [readInstance(key, value, undefined)]);
      }
      let content = main ? raw[main] : undefined;
      // A concise objectList may list the targets themselves.
      if (kind === 'ListRelationship' && Array.isArray(content)) content = content.map((t) => (isObject(t) && hasOwn(t, 'object') ? t.object : t));
      return { kind, content, meta, subs };
    }
  }
  if (isObject(raw)) {
    if (looksLikeGeometry(raw)) return { kind: 'GeoProperty', content: raw, meta: {}, subs: new Map() };
    // A structured value, or a language map the model names.
    if (info?.ngsiType === 'LanguageProperty') return { kind: 'LanguageProperty', content: raw, meta: {}, subs: new Map() };
    return { kind: 'Property', content: raw, meta: {}, subs: new Map() };
  }
  // A bare value: the data model (or the name) says whether it is a link.
  const kind = bareKind(name, raw, info);
  return { kind, content: raw, meta: {}, subs: new Map() };
}

function isGeoName(name: string, info: AttributeInfo | undefined): boolean {
  return GEO_PROPERTY_NAMES.has(name) || info?.ngsiType === 'GeoProperty';
}

function bareKind(name: string, raw: unknown, info: AttributeInfo | undefined): AttributeKind {
  const isUri = (v: unknown) => typeof v === 'string' && /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(v) && v !== 'urn:ngsi-ld:null';
  const implied = info ? kindOfAttribute(info) : /^(ref|has)[A-Z_]/.test(name) ? 'Relationship' : 'Property';
  if ((implied === 'Relationship' || implied === 'ListRelationship') && isUri(raw)) return 'Relationship';
  if ((implied === 'Relationship' || implied === 'ListRelationship') && Array.isArray(raw) && raw.length > 0 && raw.every(isUri)) return 'ListRelationship';
  return 'Property';
}

function writeAttribute(name: string, instances: Instance[], target: Representation, info: AttributeInfo | undefined, path: JsonPath, losses: Loss[]): unknown {
  if (target === 'simplified') {
    // The default instance (without datasetId), else the first.
    const index = Math.max(0, instances.findIndex((i) => !hasOwn(i.meta, 'datasetId')));
    const chosen = instances[index]!;
    const lost: string[] = [];
    const metaNames = Object.keys(chosen.meta).filter((k) => !PROTECTED_ATTRIBUTES.has(k));
    if (metaNames.length) lost.push(metaNames.map((k) => `${k} ${preview(chosen.meta[k])}`).join(', '));
    if (chosen.subs.size) lost.push(`the sub-attribute${chosen.subs.size > 1 ? 's' : ''} ${[...chosen.subs.keys()].map((k) => `"${k}"`).join(', ')}`);
    if (instances.length > 1) lost.push(`${instances.length - 1} other instance${instances.length > 2 ? 's' : ''} (datasetId ${instances.filter((_, i) => i !== index).map((i) => preview(i.meta.datasetId)).join(', ')})`);
    let content = chosen.content;
    const literal = typedLiteral(content);
    if (literal) {
      lost.push(`its JSON-LD datatype ${preview(literal.type)}`);
      content = literal.value;
    }
    if (lost.length) losses.push({ path, message: `"${name}": the simplified form keeps only the value; ${lost.join('; ')} ${lost.length > 1 || lost[0]!.includes(',') ? 'are' : 'is'} not carried.` });
    return content;
  }
  const multi = instances.length > 1;
  const written = instances.map((instance) => writeInstance(name, instance, target, info, multi, path, losses));
  return multi ? written : written[0];
}

function writeInstance(name: string, instance: Instance, target: 'normalized' | 'concise', info: AttributeInfo | undefined, inArray: boolean, path: JsonPath, losses: Loss[]): unknown {
  const { kind, content } = instance;
  const meta: JsonObject = { ...instance.meta };
  if (kind === 'Property' && !hasOwn(meta, 'unitCode') && info?.units && typeof content === 'number') {
    const unit = unitCodeFromText(info.units);
    if (unit) meta.unitCode = unit;
  }
  const subs: JsonObject = {};
  for (const [sub, subInstances] of instance.subs) setOwn(subs, sub, writeAttribute(sub, subInstances, target, undefined, [...path, sub], losses));
  const main = MAIN_MEMBER[kind];
  const mainValue = kind === 'ListRelationship' && Array.isArray(content) ? (target === 'normalized' ? content.map((t) => ({ object: t })) : content) : content;
  if (target === 'normalized') return { type: kind, [main]: mainValue, ...meta, ...subs };
  // Concise: the kind goes where the members imply it.
  const extra = Object.keys(meta).length + Object.keys(subs).length > 0;
  if (kind === 'Property') {
    const bareOk = !extra && !inArray && !isObject(content) && !(Array.isArray(content) && content.some((c) => isObject(c))) && content !== null;
    return bareOk ? content : { value: content, ...meta, ...subs };
  }
  if (kind === 'GeoProperty') {
    if (!extra && !inArray && looksLikeGeometry(content)) return content;
    return isGeoName(name, info) && looksLikeGeometry(content) ? { value: content, ...meta, ...subs } : { type: 'GeoProperty', value: content, ...meta, ...subs };
  }
  return { [main]: mainValue, ...meta, ...subs };
}

/** `{"@type": "DateTime", "@value": "..."}`: a JSON-LD value object, whose simplified form is its value. */
function typedLiteral(value: unknown): { value: unknown; type: unknown } | undefined {
  if (isObject(value) && hasOwn(value, '@value') && Object.keys(value).every((k) => k === '@value' || k === '@type' || k === '@language')) {
    return { value: value['@value'], type: value['@type'] ?? value['@language'] };
  }
  return undefined;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
