/**
 * Plain-words explanations of the NGSI-LD members and attribute kinds, for hover and completion
 * (ETSI GS CIM 009 clauses 4.5, 5.2.4 to 5.2.7 and the data type clauses).
 */
import type { AttributeKind } from './constants';

export const MEMBER_DOCS: Readonly<Record<string, string>> = {
  id: 'The entity id: an absolute URI, by convention `urn:ngsi-ld:<EntityType>:<local id>`. Mandatory when creating an entity.',
  type: 'The entity type: a name the @context expands to an IRI (or several, as an array). Mandatory when creating an entity. Inside an attribute, `type` is the attribute kind.',
  '@context': 'The JSON-LD context that expands attribute and type names to IRIs: a URL, an inline object, or an array of them, with the NGSI-LD core context last. Only in `application/ld+json` payloads (`.jsonld`).',
  scope: 'Scopes of the entity: paths such as `/Madrid/Centro`, queried with `scopeQ`.',
  value: 'The value of a Property (any JSON but null) or of a GeoProperty (a GeoJSON geometry).',
  object: 'The target of a Relationship: the id (a URI) of another entity.',
  languageMap: 'The text of a LanguageProperty in several languages: `{"en": "...", "es": "..."}`, with BCP 47 tags or `@none`.',
  vocab: 'The value of a VocabProperty: a term (or IRI) the @context expands, or an array of them.',
  valueList: 'The ordered values of a ListProperty (a JSON array).',
  objectList: 'The ordered targets of a ListRelationship: `[{"object": "<URI>"}, ...]`.',
  json: 'The value of a JsonProperty: any JSON, kept as it is (never expanded as JSON-LD).',
  objectType: 'The type of a Relationship\'s target (a type name or IRI), so readers need not fetch it.',
  observedAt: 'When the value was observed: a UTC DateTime such as `2024-05-01T10:00:00Z`. Temporal queries use it by default.',
  unitCode: 'The unit of a Property\'s value: a UN/CEFACT Common Code such as `CEL` (degree Celsius) or `KMH` (kilometre per hour).',
  datasetId: 'Names one instance of a multi-attribute (an absolute URI); the instance without it is the default instance.',
  instanceId: 'Set by the broker for each stored instance (temporal representation); not sent in requests.',
  createdAt: 'Set by the broker when the entity or attribute was created; ignored in requests.',
  modifiedAt: 'Set by the broker when the entity or attribute was last changed; ignored in requests.',
  deletedAt: 'Set by the broker when the entity or attribute was deleted; ignored in requests.',
};

export const KIND_DOCS: Readonly<Record<AttributeKind, string>> = {
  Property: 'A **Property** holds a value about the entity (a number, text, an object...) in `value`, optionally with `observedAt`, `unitCode`, `datasetId` and sub-attributes.',
  Relationship: 'A **Relationship** links the entity to another one: the target\'s id goes in `object`. Linked-entity queries follow it.',
  GeoProperty: 'A **GeoProperty** holds a GeoJSON geometry in `value` (`[longitude, latitude]`). Geo-queries look at GeoProperties; `location` is the default one.',
  LanguageProperty: 'A **LanguageProperty** holds text in several languages in `languageMap`.',
  VocabProperty: 'A **VocabProperty** holds terms of a vocabulary in `vocab`; the @context expands them to IRIs.',
  ListProperty: 'A **ListProperty** holds an ordered list of values in `valueList` (NGSI-LD v1.8).',
  ListRelationship: 'A **ListRelationship** holds an ordered list of targets in `objectList` (NGSI-LD v1.8).',
  JsonProperty: 'A **JsonProperty** holds raw JSON in `json`, never expanded as JSON-LD (NGSI-LD v1.8).',
};

/** The members an attribute of each kind may carry besides its main member (for completion). */
export const KIND_MEMBERS: Readonly<Record<AttributeKind, readonly string[]>> = {
  Property: ['value', 'observedAt', 'unitCode', 'datasetId'],
  Relationship: ['object', 'objectType', 'observedAt', 'datasetId'],
  GeoProperty: ['value', 'observedAt', 'datasetId'],
  LanguageProperty: ['languageMap', 'observedAt', 'datasetId'],
  VocabProperty: ['vocab', 'observedAt', 'datasetId'],
  ListProperty: ['valueList', 'observedAt', 'unitCode', 'datasetId'],
  ListRelationship: ['objectList', 'objectType', 'observedAt', 'datasetId'],
  JsonProperty: ['json', 'observedAt', 'datasetId'],
};
