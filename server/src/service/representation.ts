/**
 * Moving between representations. Smart Data Models schemas describe the simplified (keyValues) form
 * only, so normalized and concise entities are projected to it for validation, with a map back from
 * each projected node to the node the user wrote, so every schema problem lands inside its wrapper.
 */
import { hasOwn, isObject, setOwn, type JsonObject, type JsonPath } from './json/values';
import { ENTITY_RESERVED_MEMBERS, KIND_OF_MAIN_MEMBER, MAIN_MEMBERS, isAttributeKind } from './ngsi-ld/constants';

export interface Projection {
  /** The entity in simplified form. */
  value: JsonObject;
  /** The path, in the original entity, of the node at `path` in the projected one. */
  originalPath(path: JsonPath): JsonPath;
}

/** Simplified entities project onto themselves. */
export function identityProjection(entity: JsonObject): Projection {
  return { value: entity, originalPath: (path) => path };
}

/**
 * The simplified form of an NGSI-LD entity (normalized or concise) or of an NGSI-v2 entity (normalized or
 * keyValues): each attribute becomes the content of its main member; sub-attributes, metadata and
 * @context are dropped; typed literals become their value; a multi-attribute becomes its default instance.
 */
export function projectToSimplified(entity: JsonObject): Projection {
  const value: JsonObject = {};
  for (const key of Object.keys(entity)) {
    if (key === '@context') continue;
    if (ENTITY_RESERVED_MEMBERS.has(key)) {
      setOwn(value, key, entity[key]);
      continue;
    }
    setOwn(value, key, projectValue(entity[key]));
  }
  return {
    value,
    // Paths are mapped back only for the few nodes a problem is reported on.
    originalPath(path) {
      const key = path[0];
      if (typeof key !== 'string' || key === '@context' || ENTITY_RESERVED_MEMBERS.has(key) || !hasOwn(entity, key)) return path;
      const prefix = projectAttribute(entity[key]).path;
      return prefix.length > 0 ? [key, ...prefix, ...path.slice(1)] : path;
    },
  };
}

/** The simplified value of one attribute (projectAttribute without the path, which only a problem needs). */
function projectValue(attribute: unknown): unknown {
  if (!isObject(attribute)) return Array.isArray(attribute) && attribute.some(isInstance) ? projectAttribute(attribute).value : attribute;
  const main = mainMemberOf(attribute);
  const content = main ? attribute[main] : attribute;
  if (main === 'objectList' && Array.isArray(content)) return projectAttribute(attribute).value;
  if (isObject(content) && content['@value'] !== undefined) return projectAttribute(attribute).value;
  return content;
}

/** The simplified value of one attribute and the path from the attribute to it. */
function projectAttribute(attribute: unknown): { value: unknown; path: JsonPath } {
  if (Array.isArray(attribute) && attribute.some(isInstance)) {
    // A multi-attribute: its default instance (the one without datasetId), else the first.
    let index = attribute.findIndex((i) => isObject(i) && isInstance(i) && !hasOwn(i, 'datasetId'));
    if (index < 0) index = attribute.findIndex(isInstance);
    const inner = projectAttribute(attribute[index]);
    return { value: inner.value, path: [index, ...inner.path] };
  }
  if (!isObject(attribute)) return { value: attribute, path: [] };
  const main = mainMemberOf(attribute);
  if (main) {
    const content = attribute[main];
    if (main === 'objectList' && Array.isArray(content)) {
      return { value: content.map((item) => (isObject(item) && hasOwn(item, 'object') ? item.object : item)), path: [main] };
    }
    const literal = typedLiteral(content);
    if (literal) return { value: literal.value, path: [main, '@value'] };
    return { value: content, path: [main] };
  }
  const literal = typedLiteral(attribute);
  if (literal) return { value: literal.value, path: ['@value'] };
  return { value: attribute, path: [] };
}

/** The member that carries an attribute's content, in NGSI-LD (normalized, concise) or NGSI-v2 form. */
function mainMemberOf(attribute: JsonObject): string | undefined {
  const type = attribute.type;
  if (isAttributeKind(type)) {
    const main = MAIN_MEMBERS.find((m) => KIND_OF_MAIN_MEMBER[m] === type || (type === 'GeoProperty' && m === 'value'));
    return main && hasOwn(attribute, main) ? main : MAIN_MEMBERS.find((m) => hasOwn(attribute, m));
  }
  if (hasOwn(attribute, 'value') && (typeof type === 'string' || hasOwn(attribute, 'metadata'))) return 'value';
  if (type === undefined) return MAIN_MEMBERS.find((m) => hasOwn(attribute, m));
  return undefined;
}

function isInstance(item: unknown): boolean {
  return isObject(item) && (isAttributeKind(item.type) || MAIN_MEMBERS.some((m) => hasOwn(item, m)));
}

/** `{"@type": "DateTime", "@value": "..."}` and its kin: JSON-LD value objects whose value is the content. */
function typedLiteral(value: unknown): { value: unknown } | undefined {
  if (isObject(value) && hasOwn(value, '@value') && Object.keys(value).every((k) => k === '@value' || k === '@type' || k === '@language')) {
    return { value: value['@value'] };
  }
  return undefined;
}
