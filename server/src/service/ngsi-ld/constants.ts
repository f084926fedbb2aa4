/** The NGSI-LD vocabulary the rules are written against (ETSI GS CIM 009 v1.6 to v1.9). */

export const ATTRIBUTE_KINDS = [
  'Property',
  'Relationship',
  'GeoProperty',
  'LanguageProperty',
  'VocabProperty',
  'ListProperty',
  'ListRelationship',
  'JsonProperty',
] as const;

export type AttributeKind = (typeof ATTRIBUTE_KINDS)[number];


export function isAttributeKind(value: unknown): value is AttributeKind {
  // Compared, not hashed: the strings come fresh from JSON.parse, and hashing each costs more than this.
  switch (value) {
    case 'Property':
    case 'Relationship':
    case 'GeoProperty':
    case 'LanguageProperty':
    case 'VocabProperty':
    case 'ListProperty':
    case 'ListRelationship':
    case 'JsonProperty':
      return true;
    default:
      return false;
  }
}

/** The member that carries the content of each kind. */
export const MAIN_MEMBER: Readonly<Record<AttributeKind, string>> = {
  Property: 'value',
  Relationship: 'object',
  GeoProperty: 'value',
  LanguageProperty: 'languageMap',
  VocabProperty: 'vocab',
  ListProperty: 'valueList',
  ListRelationship: 'objectList',
  JsonProperty: 'json',
};

export const MAIN_MEMBERS = ['value', 'object', 'languageMap', 'vocab', 'valueList', 'objectList', 'json'] as const;
const MAIN_MEMBER_SET: ReadonlySet<string> = new Set(MAIN_MEMBERS);

export function isMainMember(name: string): boolean {
  return MAIN_MEMBER_SET.has(name);
}

/** Which kind a concise attribute has, from the main member it carries (REP-002). */
export const KIND_OF_MAIN_MEMBER: Readonly<Record<string, AttributeKind>> = {
  value: 'Property',
  object: 'Relationship',
  languageMap: 'LanguageProperty',
  vocab: 'VocabProperty',
  valueList: 'ListProperty',
  objectList: 'ListRelationship',
  json: 'JsonProperty',
};

/**
 * Members of an attribute instance that are not sub-attributes (SUB-005). Everything else inside an
 * attribute is a sub-attribute and follows the attribute rules itself.
 */
export const ATTRIBUTE_META_MEMBERS: ReadonlySet<string> = new Set([
  'type',
  ...MAIN_MEMBERS,
  'objectType',
  'observedAt',
  'unitCode',
  'datasetId',
  'instanceId',
  'createdAt',
  'modifiedAt',
  'deletedAt',
  'lang',
]);

/** Members that only appear in notifications with showChanges (SUB-006). */
export const NOTIFICATION_ONLY_MEMBERS: ReadonlySet<string> = new Set([
  'previousValue',
  'previousObject',
  'previousLanguageMap',
  'previousVocab',
  'previousValueList',
  'previousObjectList',
  'previousJson',
]);

/** Entity members that are not attributes (ENT-008). */
export const ENTITY_RESERVED_MEMBERS: ReadonlySet<string> = new Set([
  '@context',
  'id',
  '@id',
  'type',
  '@type',
  'scope',
  'createdAt',
  'modifiedAt',
  'deletedAt',
]);

export const SYSTEM_ATTRIBUTES: ReadonlySet<string> = new Set(['createdAt', 'modifiedAt', 'deletedAt']);

/** Attribute names reserved for GeoProperties (ENT-006). */
export const GEO_PROPERTY_NAMES: ReadonlySet<string> = new Set(['location', 'observationSpace', 'operationSpace']);

export const NGSI_LD_NULL = 'urn:ngsi-ld:null';

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];
const GEOMETRY_SET: ReadonlySet<string> = new Set(GEOMETRY_TYPES);

export function isGeometryType(value: unknown): value is GeometryType {
  return typeof value === 'string' && GEOMETRY_SET.has(value);
}

/** GeoJSON object types that are valid GeoJSON but not a GeoProperty value (GEO-001). */
export const OTHER_GEOJSON_TYPES: ReadonlySet<string> = new Set(['GeometryCollection', 'Feature', 'FeatureCollection']);

/**
 * NGSI-v2 attribute types and the NGSI-LD kind each one becomes. `Relationship` is spelt the same in both
 * and is left out: it says nothing about the flavour.
 */
export const NGSI_V2_TYPES: Readonly<Record<string, AttributeKind>> = {
  Text: 'Property',
  TextUnrestricted: 'Property',
  Number: 'Property',
  Integer: 'Property',
  Float: 'Property',
  Boolean: 'Property',
  DateTime: 'Property',
  Date: 'Property',
  Time: 'Property',
  URL: 'Property',
  StructuredValue: 'Property',
  Array: 'ListProperty',
  array: 'ListProperty',
  Object: 'Property',
  None: 'Property',
  'geo:json': 'GeoProperty',
  'geo:point': 'GeoProperty',
  'geo:line': 'GeoProperty',
  'geo:box': 'GeoProperty',
  'geo:polygon': 'GeoProperty',
};

export function isNgsiV2Type(value: unknown): boolean {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(NGSI_V2_TYPES, value);
}

/** Payload `type` values of the NGSI-LD data types that are not entities. */
export const NON_ENTITY_TYPES: Readonly<Record<string, string>> = {
  Subscription: 'subscription',
  ContextSourceRegistration: 'registration',
  CSourceRegistration: 'registration',
  Notification: 'notification',
  ContextSourceNotification: 'notification',
  Query: 'query',
};

export const PROBLEM_DETAILS_PREFIX = 'https://uri.etsi.org/ngsi-ld/errors/';
