import { defineRules } from '../rule-definition';

const CORE = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld';

/** Rules for NGSI-LD payloads as a whole and for entities (MIM1). */
export const entityRules = defineRules({
  'ngsi-ld/context-missing': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Shared concepts', '2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking C2', 'Accessing R1.4'] },
    severity: 'error',
    title: 'A JSON-LD payload carries its @context',
    docs:
      'A body sent as `application/ld+json` must contain `@context`; in a batch, every entity needs its own. ' +
      'The media type is taken from the file extension: `.jsonld` files are JSON-LD. Without a context the broker ' +
      'answers `BadRequestData`.',
    source: 'NGSI-CTX-001, NGSI-BATCH-005; GS CIM 009 clause 6.3.5; ETSI test 001_02_03',
    brokerError: 'BadRequestData',
    valid: { file: 'car.jsonld', text: `{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": [{"Car": "https://example.org/Car"}, "${CORE}"]}` },
    invalid: { file: 'car.jsonld', text: '⟦{"id": "urn:ngsi-ld:Car:1", "type": "Car"}⟧' },
    fix: 'Add the NGSI-LD core @context',
  },
  'ngsi-ld/context-in-json': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R1.1'] },
    severity: 'error',
    title: 'A plain JSON payload has no @context',
    docs:
      'A body sent as `application/json` must not contain `@context`: its context comes from a `Link` header or is ' +
      'the core context. The media type is taken from the file extension: `.json` files are plain JSON. Rename the ' +
      'file to `.jsonld` if it is sent as JSON-LD, or remove `@context` and send it in a Link header.',
    source: 'NGSI-CTX-002; GS CIM 009 clause 6.3.5; ETSI test 001_06_01',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car"}' },
    invalid: { file: 'car.json', text: `{"id": "urn:ngsi-ld:Car:1", "type": "Car", ⟦"@context"⟧: "${CORE}"}` },
    fix: 'Remove @context',
  },
  'ngsi-ld/context-value': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 Shared concepts'], 'new-format': ['Interlinking C2'] },
    severity: 'error',
    title: '@context is a URL, an object, or an array of them',
    docs: 'JSON-LD 1.1 allows a context to be a URL string, an inline context object, or an array of those. Numbers, booleans and null are refused.',
    source: 'NGSI-CTX-004; JSON-LD 1.1 clause 3.1',
    brokerError: 'BadRequestData',
    valid: { file: 'car.jsonld', text: `{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": [{"Car": "https://example.org/Car"}, "${CORE}"]}` },
    invalid: { file: 'car.jsonld', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": ⟦42⟧}' },
  },
  'ngsi-ld/ngsi-v2-type': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'No NGSI-v2 attribute types in an NGSI-LD payload',
    docs:
      'NGSI-v2 attribute types such as `Text`, `Number`, `DateTime`, `StructuredValue` or `geo:json` are not NGSI-LD ' +
      'attribute kinds. A payload without any NGSI-LD sign (no `@context`, no NGSI-LD kinds, no `urn:ngsi-ld:` id) is ' +
      'taken as NGSI-v2 and not checked by the NGSI-LD rules; once the payload is NGSI-LD, each v2 type is an error ' +
      'and the fix names the NGSI-LD kind (`geo:*` becomes `GeoProperty`, the rest `Property`).',
    source: 'NGSI-ATTR-001; Smart Data Models test_valid_ngsild (SDM-042)',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": ⟦"Number"⟧, "value": 50}}' },
    fix: 'Change the type to the NGSI-LD kind',
  },
  'ngsi-ld/batch-empty': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'A batch holds at least one entity',
    docs: 'Batch create, upsert, update, merge and delete refuse an empty array.',
    source: 'NGSI-BATCH-001; GS CIM 009 clauses 5.6.7 to 5.6.10; ETSI test 003_03_02; Stellio BATCH_PAYLOAD_EMPTY',
    brokerError: 'BadRequestData',
    valid: { file: 'batch.json', text: '[{"id": "urn:ngsi-ld:Car:1", "type": "Car"}]' },
    invalid: { file: 'batch.jsonld', text: '⟦[]⟧' },
  },
  'ngsi-ld/batch-item': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'Every batch item is an entity (or, in a delete batch, an entity id)',
    docs:
      'A batch of entities is an array of entity objects; `null`, numbers or strings in it are refused (or fail alone ' +
      'with a 207 answer). A delete batch is an array of entity ids, each an absolute URI.',
    source: 'NGSI-BATCH-002, NGSI-BATCH-003; ETSI fork test 5620_01',
    brokerError: 'BadRequestData',
    valid: { file: 'batch.json', text: '[{"id": "urn:ngsi-ld:Car:1", "type": "Car"}, {"id": "urn:ngsi-ld:Car:2", "type": "Car"}]' },
    invalid: { file: 'batch.json', text: '[{"id": "urn:ngsi-ld:Car:1", "type": "Car"}, ⟦null⟧]' },
    fix: 'Remove the item',
  },
  'ngsi-ld/batch-duplicate-id': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking R1.1'] },
    severity: 'warning',
    title: 'An entity id appears once per batch',
    docs: 'When a batch creates the same id twice, the second entity fails (207 answer) or, in an upsert, silently overwrites the first.',
    source: 'NGSI-BATCH-004; broker behaviour',
    valid: { file: 'batch.json', text: '[{"id": "urn:ngsi-ld:Car:1", "type": "Car"}, {"id": "urn:ngsi-ld:Car:2", "type": "Car"}]' },
    invalid: { file: 'batch.json', text: '[{"id": "urn:ngsi-ld:Car:1", "type": "Car"}, {"id": ⟦"urn:ngsi-ld:Car:1"⟧, "type": "Car"}]' },
  },
  'ngsi-ld/entity-id-missing': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking R1.1'] },
    severity: 'error',
    title: 'An entity has an id',
    docs:
      'Creating an entity needs `id`. An object that has a `type` and attributes but no `id` is read as an entity ' +
      'with its id missing. An object with attributes and neither `id` nor `type`, or with nothing but `type`, is ' +
      'read as the body of a merge or update request, where no id is needed (set `mim.payloadKinds` to say otherwise).',
    source: 'NGSI-ENT-001; GS CIM 009 clauses 5.2.4 and 5.6.1',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50}}' },
    invalid: { file: 'car.json', text: '⟦{"type": "Car", "speed": {"type": "Property", "value": 50}}⟧' },
    fix: 'Add an id',
  },
  'ngsi-ld/entity-id': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking R1.1', 'Interlinking R1.2'] },
    severity: 'error',
    title: 'An entity id is an absolute URI',
    docs:
      'The entity `id` is a string holding an absolute URI: a scheme, a colon and the rest, without spaces. A bare ' +
      'word such as `car1`, an empty string or a number is refused. The fix proposes `urn:ngsi-ld:<Type>:<id>`.',
    source: 'NGSI-ENT-002, NGSI-TMP-002; GS CIM 009 clause 5.2.4 and Annex A; Orion-LD pCheckUri; MIM Interlinking data R1.1',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:car1", "type": "Car"}' },
    invalid: { file: 'car.json', text: '{"id": ⟦"car1"⟧, "type": "Car", "speed": {"type": "Property", "value": 50}}' },
    fix: 'Use urn:ngsi-ld:<Type>:<id>',
  },
  'ngsi-ld/entity-id-form': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking R1.1', 'Interlinking R1.5'] },
    severity: 'information',
    title: 'Entity ids follow urn:ngsi-ld:<Type>:<local id>',
    docs:
      'The recommended form of an entity id is `urn:ngsi-ld:<EntityType>:<local id>`, which keeps ids unique across ' +
      'a city and tells a reader what they point at. Any absolute URI is valid, so this is information only. It also ' +
      'says when a `urn:ngsi-ld:` id names another type than the entity has.',
    source: 'NGSI-ENT-003; GS CIM 009 Annex A.3; Smart Data Models SDM-044',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car"}' },
    invalid: { file: 'car.json', text: '{"id": ⟦"urn:ngsi-ld:Vehicle:1"⟧, "type": "Car"}' },
  },
  'ngsi-ld/uri-characters': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking R1.2'] },
    severity: 'warning',
    title: 'URIs avoid characters that brokers refuse',
    docs:
      'RFC 3986 allows characters such as `;` in a URI, but Orion-LD checks entity ids against a fixed table of ASCII ' +
      'characters that lacks `;`, `"`, `<`, `>`, `\\`, `^`, `` ` ``, `{`, `|` and `}`, and refuses the entity.',
    source: 'NGSI-ENT-002; Orion-LD pCheckUri',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1-a", "type": "Car"}' },
    invalid: { file: 'car.json', text: '{"id": ⟦"urn:ngsi-ld:Car:1;a"⟧, "type": "Car"}' },
  },
  'ngsi-ld/entity-type-missing': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD', '2022 MIM1 Shared concepts'], 'new-format': ['Interlinking C2'] },
    severity: 'error',
    title: 'An entity has a type',
    docs: 'Creating an entity needs `type`. It is reported on the entity object.',
    source: 'NGSI-ENT-001; GS CIM 009 clause 5.2.4',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car"}' },
    invalid: { file: 'car.json', text: '⟦{"id": "urn:ngsi-ld:Car:1", "speed": {"type": "Property", "value": 50}}⟧' },
    fix: 'Add a type',
  },
  'ngsi-ld/entity-type': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking C2'] },
    severity: 'error',
    title: 'An entity type is a valid name or IRI',
    docs:
      'The entity `type` is a string, or (since v1.5) a non-empty array of strings. Each is a name (a letter, then ' +
      'letters, digits or `_`, optionally `prefix:name`) or an absolute IRI. The value `"type"` expands to the JSON-LD ' +
      'keyword `@type` and is refused. Orion-LD refuses arrays of types, although the spec allows them.',
    source: 'NGSI-ENT-004, NGSI-NAME-001; GS CIM 009 clauses 4.6.2 and 5.2.4; ETSI test 001_02_04',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": ["Car", "Vehicle"]}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": ⟦"type"⟧}' },
  },
  'ngsi-ld/scope': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'A scope follows the scope grammar',
    docs:
      '`scope` is a string or an array of strings. Each is a path of levels separated by `/`, optionally starting ' +
      'with `/`; each level starts with a letter and goes on with letters, digits and `_`. `urn:ngsi-ld:null` is only ' +
      'valid in an update, to delete the scope.',
    source: 'NGSI-ENT-005; GS CIM 009 clause 4.18; Stellio scope check',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "scope": "/Madrid/Centro"}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "scope": ⟦"/Madrid//Centro"⟧}' },
  },
  'ngsi-ld/duplicate-alias': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking R1.1'] },
    severity: 'error',
    title: 'id and @id (type and @type) are not both present',
    docs: '`@id` and `@type` are JSON-LD aliases of `id` and `type`. An entity with both forms is refused ("Duplicated field").',
    source: 'NGSI-ENT-008; Orion-LD',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car"}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", ⟦"@id"⟧: "urn:ngsi-ld:Car:2", "type": "Car"}' },
    fix: 'Remove the alias',
  },
  'ngsi-ld/reserved-name': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'id, type and scope are not attributes',
    docs:
      '`id`, `type` and `scope` (and their aliases `@id`, `@type`) are entity members with a fixed meaning; an ' +
      'attribute cannot have these names. Choose another name, for example `vehicleType`.',
    source: 'NGSI-ENT-009; Orion-LD "Forbidden attribute name"',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "carType": {"type": "Property", "value": "van"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "scope": ⟦{"type": "Property", "value": "van"}⟧}' },
  },
  'ngsi-ld/system-attribute': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'System attributes are set by the broker',
    docs:
      '`createdAt`, `modifiedAt`, `deletedAt` and `instanceId` are set by the broker. In a create or update payload ' +
      'they are ignored; they appear in what a broker returns.',
    source: 'NGSI-ENT-007, NGSI-SUB-004; GS CIM 009 clauses 4.8 and 5.2.2',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car"}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", ⟦"createdAt"⟧: "2024-01-01T00:00:00Z"}' },
    fix: 'Remove the system attribute',
  },
  'ngsi-ld/member-typo': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'A member name is not a misspelt NGSI-LD member',
    docs:
      'Inside an attribute every member that is not an NGSI-LD member (`value`, `object`, `observedAt`, `unitCode`, ' +
      '`datasetId`, ...) is a sub-attribute. A misspelt `observedat` or `unitcode` is therefore silently stored as a ' +
      'sub-attribute. At entity level, `ID`, `Type` or `@Context` become attributes. Names that differ from an ' +
      'NGSI-LD member only by case or one or two letters are reported.',
    source: 'NGSI-SUB-005; checker policy',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50, "observedAt": "2024-05-01T10:00:00Z"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50, ⟦"observedat"⟧: "2024-05-01T10:00:00Z"}}' },
    fix: 'Rename to the NGSI-LD member',
  },
  'ngsi-ld/attribute-name': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'Attribute names follow the NGSI-LD name grammar',
    docs:
      'An attribute or sub-attribute name starts with a letter and goes on with letters, digits and `_`, optionally ' +
      'as `prefix:name`. Hyphens, dots, spaces, `/`, `#` or a leading digit are refused by the spec (receivers should ' +
      'answer `BadRequestData`; Stellio does) and make the attribute impossible to query with `q` or `attrs`. Control ' +
      'characters and white space are refused by every broker.',
    source: 'NGSI-NAME-001, NGSI-NAME-002, NGSI-NAME-004; GS CIM 009 clause 4.6.2',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "airQuality": {"type": "Property", "value": 3}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", ⟦"air-quality"⟧: {"type": "Property", "value": 3}}' },
    fix: 'Rename to a valid name',
  },
  'ngsi-ld/attribute-name-iri': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'Full IRIs as attribute names are refused by some brokers',
    docs:
      'A full IRI such as `https://schema.org/name` used as a member name is legal JSON-LD and Orion-LD and Scorpio ' +
      'accept it, but Stellio refuses it. Define a short term for it in your `@context` instead.',
    source: 'NGSI-NAME-001; Stellio 4.6.2 check',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "schema:name": {"type": "Property", "value": "Red"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", ⟦"https://schema.org/name"⟧: {"type": "Property", "value": "Red"}}' },
  },
  'ngsi-ld/content-characters': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R1.1'] },
    severity: 'hint',
    title: 'String values avoid the characters the spec restricts',
    docs:
      'The spec\'s content-restriction clause lists `<`, `>`, `"`, `\'`, `=`, `;`, `(` and `)` as forbidden in string ' +
      'content. No current broker enforces it (Stellio deliberately does not), so this is only a hint for payloads ' +
      'that must also pass older or stricter systems.',
    source: 'NGSI-NAME-003; GS CIM 009 clause 4.6.4; Stellio DataRepresentationUtils',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "name": {"type": "Property", "value": "Main Street"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "name": {"type": "Property", "value": ⟦"<script>"⟧}}' },
  },
  'ngsi-ld/attribute-kind': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'An attribute type is one of the NGSI-LD kinds',
    docs:
      'In the normalized form every attribute carries `type`: one of `Property`, `Relationship`, `GeoProperty`, ' +
      '`LanguageProperty`, `VocabProperty`, `ListProperty`, `ListRelationship`, `JsonProperty`. Spelling matters ' +
      '(`property` is refused). `VocabularyProperty` is the spelling of older Orion-LD versions; the spec says ' +
      '`VocabProperty`. An object whose `type` is not a kind and that has none of the kinds\' members (`value`, ' +
      '`object`, ...) is a plain value, not an attribute.',
    source: 'NGSI-ATTR-001; GS CIM 009 clauses 4.5 and 5.2.5 to 5.2.7',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": ⟦"property"⟧, "value": 50}}' },
    fix: 'Use the NGSI-LD kind',
  },
  'ngsi-ld/main-member-missing': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'An attribute has the member its kind requires',
    docs:
      'A Property and a GeoProperty need `value`, a Relationship `object`, a LanguageProperty `languageMap`, a ' +
      'VocabProperty `vocab`, a ListProperty `valueList`, a ListRelationship `objectList` and a JsonProperty `json`. ' +
      'Without it the broker refuses the attribute at creation. It is reported on the attribute object.',
    source: 'NGSI-ATTR-002; GS CIM 009 clauses 5.2.5, 5.2.6; ETSI fork test 402_01; all three brokers',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": ⟦{"type": "Property", "unitCode": "KMH"}⟧}' },
    fix: 'Add the missing member',
  },
  'ngsi-ld/relationship-object': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking C3'] },
    severity: 'error',
    title: 'A Relationship needs `object`, not `value`',
    docs:
      'The target of a Relationship goes in `object` (a URI). Written as `value`, the broker refuses it or, in a ' +
      'concise payload, stores a plain string Property and the link is lost. The fix renames `value` to `object`.',
    source: 'NGSI-ATTR-002, NGSI-ATTR-003; GS CIM 009 clause 5.2.6; Scorpio "relationships with a value"',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "owner": {"type": "Relationship", "object": "urn:ngsi-ld:Person:1"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "owner": {"type": "Relationship", ⟦"value"⟧: "urn:ngsi-ld:Person:1"}}' },
    fix: 'Rename value to object',
  },
  'ngsi-ld/forbidden-member': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'An attribute carries only the members of its kind',
    docs:
      'Each kind has one main member; the main members of the other kinds are forbidden (a Property with `object`, ' +
      'a LanguageProperty with `value`, ...). `unitCode` belongs to Properties only, `objectType` to Relationships. ' +
      'The fix changes the `type` to the kind that matches the member when that is the only member present.',
    source: 'NGSI-ATTR-003, NGSI-SUB-002; Orion-LD "Forbidden field for a ..."; Scorpio',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50, ⟦"object"⟧: "urn:ngsi-ld:Road:1"}}' },
    fix: 'Change the type to match the member',
  },
  'ngsi-ld/null-value': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'No JSON null as an attribute value',
    docs:
      'JSON `null` is never a valid value, object or member content: brokers answer "null values are not allowed". ' +
      'To delete an attribute in an update use the NGSI-LD Null `"urn:ngsi-ld:null"`; to store a literal null use a ' +
      'JsonProperty.',
    source: 'NGSI-ATTR-004; GS CIM 009 clause 5.2.1; ETSI batch test invalid-json-ld; Smart Data Models SDM-028',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 0}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": ⟦null⟧}}' },
    fix: 'Remove the attribute',
  },
  'ngsi-ld/nested-null': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'No JSON null inside a value',
    docs:
      'A `null` inside a structured value (an object or array value) is refused by Stellio ("NULL_VALUE_IN_CONTENT") ' +
      'and is dropped by JSON-LD expansion elsewhere, so the data is lost either way.',
    source: 'Stellio NULL_VALUE_IN_CONTENT; JSON-LD 1.1 expansion',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "address": {"type": "Property", "value": {"street": "Main"}}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "address": {"type": "Property", "value": {"street": ⟦null⟧}}}' },
    fix: 'Remove the null member',
  },
  'ngsi-ld/relationship-target': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking C3'] },
    severity: 'error',
    title: 'A Relationship points at an absolute URI',
    docs: 'The `object` of a Relationship (and each `object` of a ListRelationship) is the id of the target entity: a string holding an absolute URI.',
    source: 'NGSI-ATTR-005; GS CIM 009 clause 5.2.6; MIM Interlinking data C3',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "parkedAt": {"type": "Relationship", "object": "urn:ngsi-ld:Park:1"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "parkedAt": {"type": "Relationship", "object": ⟦"Park 1"⟧}}' },
  },
  'ngsi-ld/relationship-object-array': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking C3'] },
    severity: 'warning',
    title: 'Several targets belong in a ListRelationship',
    docs:
      'Orion-LD accepts an array of URIs as the `object` of a Relationship, but the spec models an ordered list of ' +
      'targets as a ListRelationship with `objectList`, and other brokers may refuse the array.',
    source: 'GS CIM 009 clause 5.2.6 (v1.8 and later); Orion-LD',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "drivers": {"type": "ListRelationship", "objectList": [{"object": "urn:ngsi-ld:Person:1"}]}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "drivers": {"type": "Relationship", "object": ⟦["urn:ngsi-ld:Person:1", "urn:ngsi-ld:Person:2"]⟧}}' },
  },
  'ngsi-ld/object-type': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking C2', 'Interlinking C3'] },
    severity: 'warning',
    title: 'objectType is a type name on a Relationship',
    docs: '`objectType` (v1.8 and later) states the type of a Relationship\'s target: a type name or IRI, or an array of them. It is only meaningful on a Relationship or ListRelationship.',
    source: 'NGSI-ATTR-006; core @context hasObjectType',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "owner": {"type": "Relationship", "object": "urn:ngsi-ld:Person:1", "objectType": "Person"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "owner": {"type": "Relationship", "object": "urn:ngsi-ld:Person:1", "objectType": ⟦42⟧}}' },
  },
  'ngsi-ld/language-map': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'A languageMap maps language tags to strings',
    docs: 'The `languageMap` of a LanguageProperty is an object whose keys are BCP 47 language tags (or `@none`) and whose values are strings or arrays of strings. An empty key is refused.',
    source: 'NGSI-ATTR-007; GS CIM 009 clause 4.5.18; Orion-LD',
    brokerError: 'BadRequestData',
    valid: { file: 'park.json', text: '{"id": "urn:ngsi-ld:Park:1", "type": "Park", "name": {"type": "LanguageProperty", "languageMap": {"en": "Park", "es": "Parque"}}}' },
    invalid: { file: 'park.json', text: '{"id": "urn:ngsi-ld:Park:1", "type": "Park", "name": {"type": "LanguageProperty", "languageMap": ⟦"Park"⟧}}' },
    fix: 'Use the text with no language (@none)',
  },
  'ngsi-ld/vocab': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1', 'Interlinking C2'] },
    severity: 'error',
    title: 'A vocab is a string or an array of strings',
    docs: 'The `vocab` of a VocabProperty is a term or IRI (a string) or an array of them; each is expanded against the @context.',
    source: 'NGSI-ATTR-008; Stellio and Orion-LD messages',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "category": {"type": "VocabProperty", "vocab": "commercial"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "category": {"type": "VocabProperty", "vocab": ⟦{"x": 1}⟧}}' },
  },
  'ngsi-ld/value-list': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'A valueList is an array',
    docs: 'The `valueList` of a ListProperty is an ordered JSON array of values.',
    source: 'GS CIM 009 clause 5.2.37 (ListProperty, v1.8)',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "readings": {"type": "ListProperty", "valueList": [1, 2, 3]}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "readings": {"type": "ListProperty", "valueList": ⟦"1, 2, 3"⟧}}' },
    fix: 'Put the value in an array',
  },
  'ngsi-ld/object-list': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking C3'] },
    severity: 'error',
    title: 'An objectList is an array of targets',
    docs: 'The `objectList` of a ListRelationship is an array of `{"object": "<URI>"}` objects (normalized) or of URI strings (concise).',
    source: 'GS CIM 009 clause 5.2.38 (ListRelationship, v1.8); Scorpio "Unknown format for object list entry"',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "drivers": {"type": "ListRelationship", "objectList": [{"object": "urn:ngsi-ld:Person:1"}]}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "drivers": {"type": "ListRelationship", "objectList": [⟦{"id": "urn:ngsi-ld:Person:1"}⟧]}}' },
  },
  'ngsi-ld/json-primitive': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'A JsonProperty holds an object or an array',
    docs: 'The spec lets `json` hold any JSON, but Stellio refuses anything but an object or an array of objects.',
    source: 'NGSI-ATTR-009; Stellio "json member that is not a JSON object"',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "config": {"type": "JsonProperty", "json": {"mode": "eco"}}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "config": {"type": "JsonProperty", "json": ⟦3⟧}}' },
  },
  'ngsi-ld/ngsi-ld-null': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'information',
    title: 'NGSI-LD Null only in update payloads',
    docs:
      '`"urn:ngsi-ld:null"` (or `{"@none": "urn:ngsi-ld:null"}` as a languageMap) deletes an attribute. It is valid in ' +
      'merge and partial-update (PATCH) bodies only; a create or replace refuses it. A file cannot say which request ' +
      'it is sent with: a payload that deletes is taken as an update and the deletion is pointed out (information); ' +
      'when the file is declared a create payload (`mim.payloadKinds` maps it to `entity` or `batch`), it is an error.',
    source: 'NGSI-ATTR-011; GS CIM 009 clause 5.2.1; ETSI ngsild-null tests',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": ⟦"urn:ngsi-ld:null"⟧}}' },
  },
  'ngsi-ld/list-kind-support': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'hint',
    title: 'ListProperty and ListRelationship are new',
    docs: 'ListProperty and ListRelationship are defined since v1.8. Scorpio supports them; the Orion-LD snapshot we know refuses them as an invalid type.',
    source: 'broker-checks: Orion-LD October 2024, Scorpio',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "readings": {"type": "Property", "value": [1, 2, 3]}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "readings": {"type": ⟦"ListProperty"⟧, "valueList": [1, 2, 3]}}' },
  },
  'ngsi-ld/datetime': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1', 'Representing R1.1'] },
    severity: 'error',
    title: 'DateTimes are UTC timestamps YYYY-MM-DDThh:mm:ssZ',
    docs:
      '`observedAt`, `createdAt`, `modifiedAt`, `deletedAt` and typed `{"@type": "DateTime", "@value": ...}` values ' +
      'are strings `YYYY-MM-DDThh:mm:ss[.ffffff]Z` in UTC. Scorpio refuses offsets (`+02:00`), missing seconds and ' +
      'more than six fraction digits; Orion-LD and Stellio accept offsets, so the strict form is the portable one. ' +
      'Where the instant is clear the fix rewrites it in UTC; a time without a zone is only fixed on request, ' +
      'because the fix has to assume UTC.',
    source: 'NGSI-SUB-001; GS CIM 009 clause 4.8 and Annex F; Scorpio DATE_TIME_MATCHER; ETSI fork test 408_01',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50, "observedAt": "2024-05-01T10:00:00Z"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50, "observedAt": ⟦"2024-05-01T12:00:00+02:00"⟧}}' },
    fix: 'Convert to UTC',
  },
  'ngsi-ld/unit-code': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1', 'Representing R1.1'] },
    severity: 'error',
    title: 'unitCode is a UN/CEFACT code string',
    docs: '`unitCode` is a string holding a UN/CEFACT Common Code such as `CEL` (degree Celsius), `KMH` or `MTR`.',
    source: 'NGSI-SUB-002; GS CIM 009 clause 5.2.5; Orion-LD',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50, "unitCode": "KMH"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50, "unitCode": ⟦7⟧}}' },
  },
  'ngsi-ld/dataset-id': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking R1.1'] },
    severity: 'error',
    title: 'datasetId is an absolute URI',
    docs: '`datasetId` names one instance of a multi-attribute: a string holding an absolute URI. `urn:ngsi-ld:null` is not a datasetId.',
    source: 'NGSI-SUB-003; GS CIM 009 clauses 5.2.5, 5.2.6; Scorpio, Stellio',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50, "datasetId": "urn:ngsi-ld:Dataset:gps"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50, "datasetId": ⟦"gps"⟧}}' },
    fix: 'Use urn:ngsi-ld:Dataset:<id>',
  },
  'ngsi-ld/notification-member': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'previousValue and its kin are not input',
    docs: '`previousValue`, `previousObject`, `previousLanguageMap` and the other `previous...` members appear in notifications sent with `showChanges`. In a create or update payload they are not accepted as input.',
    source: 'NGSI-SUB-006; core @context v1.9',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50, ⟦"previousValue"⟧: 40}}' },
    fix: 'Remove the member',
  },
  'ngsi-ld/multi-instance': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'Every instance of a multi-attribute is an attribute object',
    docs: 'An attribute written as an array of attribute objects is a multi-attribute: each element is one instance and must itself be an attribute object.',
    source: 'NGSI-MULTI-001; GS CIM 009 clause 4.5.5',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": [{"type": "Property", "value": 50, "datasetId": "urn:ngsi-ld:Dataset:gps"}, {"type": "Property", "value": 52}]}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": [{"type": "Property", "value": 50, "datasetId": "urn:ngsi-ld:Dataset:gps"}, ⟦52⟧]}' },
  },
  'ngsi-ld/multi-default': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'At most one default instance',
    docs: 'Among the instances of a multi-attribute at most one has no `datasetId` (the default instance). Temporal payloads, where instances repeat over time, are not entities and are not checked by this rule.',
    source: 'NGSI-MULTI-002, NGSI-MULTI-005; GS CIM 009 clause 4.5.5; all three brokers',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": [{"type": "Property", "value": 50, "datasetId": "urn:ngsi-ld:Dataset:gps"}, {"type": "Property", "value": 52}]}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": [{"type": "Property", "value": 50}, ⟦{"type": "Property", "value": 52}⟧]}' },
    fix: 'Add a datasetId',
  },
  'ngsi-ld/multi-dataset-id': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking R1.1'] },
    severity: 'error',
    title: 'datasetIds are unique within a multi-attribute',
    docs: 'Two instances of one attribute cannot share a `datasetId`.',
    source: 'NGSI-MULTI-003; GS CIM 009 clause 4.5.5; brokers',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": [{"type": "Property", "value": 50, "datasetId": "urn:ngsi-ld:Dataset:a"}, {"type": "Property", "value": 52, "datasetId": "urn:ngsi-ld:Dataset:b"}]}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": [{"type": "Property", "value": 50, "datasetId": "urn:ngsi-ld:Dataset:a"}, {"type": "Property", "value": 52, "datasetId": ⟦"urn:ngsi-ld:Dataset:a"⟧}]}' },
  },
  'ngsi-ld/multi-kind': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'error',
    title: 'All instances of an attribute have the same kind',
    docs: 'A multi-attribute cannot mix kinds, for example a Property instance with a Relationship instance (Scorpio and Stellio refuse it).',
    source: 'NGSI-MULTI-004; Scorpio, Stellio attributeInconsistentInstanceTypes',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": [{"type": "Property", "value": 50, "datasetId": "urn:ngsi-ld:Dataset:a"}, {"type": "Property", "value": 52}]}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": [{"type": "Property", "value": 50, "datasetId": "urn:ngsi-ld:Dataset:a"}, {"type": ⟦"Relationship"⟧, "object": "urn:ngsi-ld:Road:1"}]}' },
  },
  'ngsi-ld/concise-object': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'In a concise payload an object value is wrapped in value',
    docs:
      'In the concise form, an object with none of the members `value`, `object`, `languageMap`, `vocab`, ' +
      '`valueList`, `objectList`, `json` is read as an attribute whose members are sub-attributes, not as a value. ' +
      'A Property whose value is an object must be written `{"value": {...}}`. A payload is concise when some ' +
      'attributes use those members without `type`; when no attribute does, it is simplified (keyValues) and ' +
      'objects are values.',
    source: 'NGSI-REP-003; GS CIM 009 clause 4.5.3',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"value": 50}, "address": {"value": {"street": "Main"}}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"value": 50}, "address": ⟦{"street": "Main"}⟧}' },
    fix: 'Wrap the object in value',
  },
  'ngsi-ld/uri-as-property': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Interlinking C3'] },
    severity: 'information',
    title: 'A URI string is a Property, not a Relationship',
    docs:
      'In a concise payload a string that looks like an entity id stays a Property; only `object` makes a ' +
      'Relationship. A `ref...` or `has...` attribute holding a URI is most likely meant to be a link; written as a ' +
      'string, no linked-entity query will follow it. An entity written entirely in bare values is read as the ' +
      'simplified (keyValues) form, where a URI string is how a link is written, and is left alone.',
    source: 'NGSI-REP-004, NGSI-REP-005; GS CIM 009 clause 4.5.3',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"value": 50}, "refPark": {"object": "urn:ngsi-ld:Park:1"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"value": 50}, "refPark": ⟦"urn:ngsi-ld:Park:1"⟧}' },
    fix: 'Make it a Relationship',
  },
  'ngsi-ld/mixed-representation': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R2.1'] },
    severity: 'warning',
    title: 'A normalized entity writes every attribute normalized',
    docs:
      'When most attributes of an entity carry `type`, an attribute without it (a bare value, or a concise ' +
      '`{"value": ...}`) is probably an oversight: brokers read it as concise, so a URI string becomes a Property and ' +
      'an object is read as sub-attributes. The fix wraps the value in the normalized form.',
    source: 'NGSI-REP-006, NGSI-SUB-005; checker policy',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50}, "brand": {"type": "Property", "value": "Seat"}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 50}, "brand": ⟦"Seat"⟧}' },
    fix: 'Write the attribute in normalized form',
  },
  'ngsi-ld/geoproperty-name': {
    mim: 'MIM7',
    requirements: { '2022': ['2022 MIM7 Encoding', '2022 MIM1 NGSI-LD'], 'new-format': ['Geospatial R2.1', 'Geospatial R3.1'] },
    severity: 'error',
    title: 'location, observationSpace and operationSpace are GeoProperties',
    docs:
      '`location`, `observationSpace` and `operationSpace` are reserved for GeoProperties: their value is a GeoJSON ' +
      'geometry and, in normalized form, their `type` is `GeoProperty`. Geo-queries only look at GeoProperties.',
    source: 'NGSI-ENT-006; GS CIM 009 clause 4.7.2',
    brokerError: 'BadRequestData',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [2.17, 41.38]}}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "location": {"type": ⟦"Property"⟧, "value": {"type": "Point", "coordinates": [2.17, 41.38]}}}' },
    fix: 'Change the type to GeoProperty',
  },
});
