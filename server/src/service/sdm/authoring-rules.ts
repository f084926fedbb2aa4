import { defineRules, type RuleExample } from '../rule-definition';

// The examples are one small model of our own, a bike counter, in the folder layout of a subject repository.
const FILE = 'dataModel.Mobility/BikeCounter/schema.json';
const SITE = 'https://smart-data-models.github.io/';
const COMMONS = `${SITE}data-models/common-schema.json#/definitions/`;
const S2020 = 'https://json-schema.org/draft/2020-12/schema';
const ID = `${SITE}dataModel.Mobility/BikeCounter/schema.json`;

const ROOT =
  `"$schema": "${S2020}", "$schemaVersion": "0.0.1", "$id": "${ID}", "title": "Smart Data Models - Bike counter", ` +
  '"description": "A counter of the bicycles passing one point of a cycle lane, with what it observed last.", ' +
  '"modelTags": "mobility", "type": "object"';
/** The members a contribution only gets hints about when they are missing. */
const LICENSED = `, "derivedFrom": "", "license": "${SITE}dataModel.Mobility/BikeCounter/LICENSE.md"`;
const TYPE = '"type": {"type": "string", "enum": ["BikeCounter"], "description": "Property. NGSI entity type. It has to be BikeCounter"}';
const COUNT = '"count": {"type": "integer", "minimum": 0, "description": "Property. Model:\'https://schema.org/Number\'. Bicycles counted during the observation period"}';
const REFS = `{"$ref": "${COMMONS}GSMA-Commons"}`;

/** The example model: root members, then allOf with the commons and the model's own attributes. */
function model(attributes = COUNT, root = ROOT, refs = REFS): string {
  return `{${root}, "allOf": [${refs}, {"properties": {${TYPE}${attributes ? ', ' + attributes : ''}}}], "required": ["id", "type"]}`;
}

/** The example model with one piece of its text replaced (by text holding the ⟦ ⟧ marks). */
function edited(from: string, to: string, attributes?: string): string {
  const text = model(attributes);
  if (!text.includes(from)) throw new Error(`the example model has no ${from}`);
  return text.replace(from, to);
}

const example = (text: string, files?: Record<string, string>): RuleExample => ({ file: FILE, text, ...(files ? { files } : {}) });
const attribute = (definition: string) => model(`${COUNT}, ${definition}`);

/** A data model's schema.json, as its author writes it (MIM2). */
export const sdmAuthoringRules = defineRules({
  'sdm-schema/schema-uri': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'error',
    title: 'A data model is written in JSON Schema 2020-12',
    docs:
      'Every Smart Data Model declares `"$schema": "https://json-schema.org/draft/2020-12/schema"`, and the contribution check ' +
      'compares the text exactly. Older values such as `http://json-schema.org/schema#` made the models unusable in generic ' +
      'validators, which is why they were all replaced. The fix writes the exact URI; nothing in a model needs a newer or ' +
      'older draft, so it is safe to apply.',
    source: 'SDM-002 (Smart Data Models test_schema_metadata)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(edited(`"$schema": "${S2020}"`, '"$schema": ⟦"http://json-schema.org/schema#"⟧')),
    fix: 'Change to the 2020-12 URI',
  },
  'sdm-schema/id': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'error',
    title: 'A data model has an $id',
    docs:
      'The `$id` is the URL a model is published at; other schemas and tools name the model by it, and the contribution check ' +
      'fails a schema without one. Where the folders say where the model belongs (`dataModel.<Subject>/<Model>/schema.json`), ' +
      'the fix adds that URL.',
    source: 'SDM-003 (Smart Data Models test_schema_metadata)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example('⟦{⟧' + model().slice(1).replace(`"$id": "${ID}", `, '')),
    fix: 'Add the "$id" of the model\'s folder',
  },
  'sdm-schema/id-url': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'warning',
    title: 'The $id is the URL of the model\'s folder',
    docs:
      'A model in `dataModel.<Subject>/<Model>/` is published at `https://smart-data-models.github.io/dataModel.<Subject>/<Model>/schema.json`, ' +
      'and its `$id` says so. The URL is compared with the folders, offline (never fetched). One published model in five ' +
      'declares another URL (a misspelt folder, an old repository name); the contribution check only fetches the URL, so this ' +
      'is a warning. A schema outside a `dataModel.*` folder whose `$id` is not on the Smart Data Models site is a model of ' +
      'one\'s own, published elsewhere: its `$id` is not compared.',
    source: 'SDM-004 (test_schema_metadata fetches the $id; pysmartdatamodels compares it)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(edited(`"$id": "${ID}"`, `"$id": ⟦"${SITE}dataModel.Mobility/Bikecounter/schema.json"⟧`)),
    fix: 'Change to the URL of the model\'s folder',
  },
  'sdm-schema/schema-version': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'error',
    title: 'A data model has a $schemaVersion N.N.N',
    docs:
      '`$schemaVersion` is a string of three numbers of one or two digits (`0.1.2`), as the contribution check requires. ' +
      '(pysmartdatamodels allows three digits; the stricter rule is the one that decides a contribution.) A new model starts at `0.0.1`.',
    source: 'SDM-005 (Smart Data Models test_schema_metadata)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example('⟦{⟧' + model().slice(1).replace('"$schemaVersion": "0.0.1", ', '')),
    fix: 'Add "$schemaVersion": "0.0.1"',
  },
  'sdm-schema/title': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'error',
    title: 'A data model has a title of at least 15 characters',
    docs: 'The contribution check fails a title shorter than 15 characters. Most models write "Smart Data Models - <what it is>".',
    source: 'SDM-006 (Smart Data Models test_schema_metadata)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(edited('"title": "Smart Data Models - Bike counter"', '"title": ⟦"Bike counter"⟧')),
  },
  'sdm-schema/description': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'warning',
    title: 'A data model has a description of at least 50 characters',
    docs:
      'The root `description` says what the entity is, in at least 50 characters (the contribution check fails shorter ones; ' +
      'it does not ask for an NGSI type there). A third of the published models have a shorter one, and a short description ' +
      'harms no payload, so this is a warning rather than an error.',
    source: 'SDM-007 (Smart Data Models test_schema_metadata)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(
      edited('"description": "A counter of the bicycles passing one point of a cycle lane, with what it observed last."', '"description": ⟦"A bicycle counter."⟧'),
    ),
  },
  'sdm-schema/model-tags': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'error',
    title: 'A data model has modelTags',
    docs:
      'The contribution check requires the `modelTags` member, even empty (`"modelTags": ""`). An empty one is only a hint: ' +
      'tags help people find the model. The fix inserts the empty member, and may be applied unasked.',
    source: 'SDM-008 (Smart Data Models test_schema_metadata)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example('⟦{⟧' + model().slice(1).replace('"modelTags": "mobility", ', '')),
    fix: 'Add "modelTags": ""',
  },
  'sdm-schema/derived-from': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R1.2b'] },
    severity: 'hint',
    title: 'A data model says what it is derived from',
    docs:
      '`derivedFrom` names, by URL, the standard or model the model adapts; it may be empty. The contribution check only warns ' +
      'when it is missing, and nine published models in ten have none, so this is a hint. A value that is not a URL is reported too.',
    source: 'SDM-009 (test_schema_metadata warning; pysmartdatamodels)',
    needsSmartDataModels: true,
    valid: example(model(COUNT, ROOT + LICENSED)),
    invalid: example('⟦{⟧' + model().slice(1)),
    fix: 'Add "derivedFrom": ""',
  },
  'sdm-schema/license': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'information',
    title: 'A data model names its licence by URL',
    docs:
      '`license` is the URL of the licence the model is published under (usually the `LICENSE.md` of its folder). A name such ' +
      'as `"MIT"` or an empty string is reported; a missing member is only a hint, since most published models have none (the ' +
      'licence then comes from the folder). For an SPDX identifier the fix writes its SPDX page.',
    source: 'SDM-010 (test_schema_metadata warning; pysmartdatamodels)',
    needsSmartDataModels: true,
    valid: example(model(COUNT, ROOT + LICENSED)),
    invalid: example(model(COUNT, ROOT + ', "license": ⟦"MIT"⟧')),
    fix: 'Change to https://spdx.org/licenses/MIT.html',
  },
  'sdm-schema/required': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'error',
    title: 'A data model requires id and type',
    docs:
      'The root `required` list of a data model names at least `id` and `type` (and, ideally, little more: every ' +
      'required attribute is one more thing each payload must carry). The Smart Data Models contribution check ' +
      'fails a model without them.',
    source: 'SDM-011 (Smart Data Models test_schema_metadata)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(edited('"required": ["id", "type"]', '"required": ⟦["id", "count"]⟧')),
    fix: 'Add "type"',
  },
  'sdm-schema/required-short': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.2b'] },
    severity: 'hint',
    title: 'A data model requires few attributes',
    docs:
      'Smart Data Models keep `required` short, ideally `id` and `type` only: every required attribute must be in every payload, ' +
      'which makes partial updates and sparse devices fail validation. More than four is reported.',
    source: 'SDM-012 (pysmartdatamodels, guidelines)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(edited('"required": ["id", "type"]', '"required": ⟦["id", "type", "count", "location", "name"]⟧')),
  },
  'sdm-schema/root-type': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'warning',
    title: 'A data model describes an object',
    docs:
      'An entity is a JSON object: the root says `"type": "object"`. Without it the root `required` list applies to nothing ' +
      'that is not an object, and strict validators reject the schema (a keyword without its type). The fix adds the type and ' +
      'may be applied unasked.',
    source: 'SDM-013 (templates); ajv strictTypes',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example('⟦{⟧' + model().slice(1).replace(', "type": "object"', '')),
    fix: 'Add "type": "object"',
  },
  'sdm-schema/commons': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R1.2a'] },
    severity: 'hint',
    title: 'A data model pulls in GSMA-Commons',
    docs:
      'Smart Data Models get their common attributes (`id`, `name`, `description`, `dateCreated`, `dateModified`, `source`, ' +
      '`owner`...) from `common-schema.json#/definitions/GSMA-Commons`, the first item of the root `allOf`, usually followed by ' +
      '`Location-Commons` and then the model\'s own `properties`. A convention, hence a hint.',
    source: 'SDM-013 (templates, corpus)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(model(COUNT, ROOT, `{"$ref": "${COMMONS}PhysicalObject-Commons"}`).replace('"allOf"', '⟦"allOf"⟧')),
    fix: 'Add GSMA-Commons to allOf',
  },
  'sdm-schema/entity-type': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'error',
    title: 'The type attribute names the entity type, the model\'s folder',
    docs:
      'A model defines its `type` attribute with one allowed value, the entity type, which starts with a capital letter and is ' +
      'the name of the model\'s folder: payload checkers find the model by it. A value that differs from the folder is an ' +
      'error (usually a copied schema); a `type` attribute without the list is a warning. A folder whose name is not an entity ' +
      'type (lower case) is not compared.',
    source: 'SDM-014 (templates, guidelines)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(edited('"enum": ["BikeCounter"]', '"enum": [⟦"TrafficCounter"⟧]')),
    fix: 'Change to the name of the model\'s folder',
  },
  'sdm-schema/attribute-description': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'error',
    title: 'Every attribute has a description of at least 15 characters',
    docs:
      'Every attribute, and every member of a structured value (the `properties` of an object attribute, of array items), has ' +
      'a `description` of at least 15 characters. An attribute defined by a `$ref` takes the description of what it names; ' +
      'only when neither has one is it reported. The members of a GeoJSON geometry are not attributes.',
    source: 'SDM-015 (Smart Data Models test_schema_descriptions)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(attribute('⟦"direction"⟧: {"type": "string", "enum": ["inbound", "outbound"]}')),
  },
  'sdm-schema/ngsi-type': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'error',
    title: 'A description names the NGSI type as a sentence of its own',
    docs:
      'The description is cut into sentences at every `". "`; one of them must be exactly `Property`, `GeoProperty`, ' +
      '`Relationship`, `LanguageProperty` or `ListProperty` (by convention the first: `"Property. Bicycles counted"`). A ' +
      'sentence that only contains the word with more text (`"Property.Bicycles"`, `"A Property of ..."`) does not count. The ' +
      'fix repairs the spelling (`Geoproperty`) or the missing space.',
    source: 'SDM-016 (Smart Data Models test_schema_descriptions)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(attribute('"location": {"$ref": "' + COMMONS + 'Location-Commons/properties/location", "description": "⟦Geoproperty⟧. Where the counter stands"}')),
    fix: 'Spell the NGSI type as a sentence of its own',
  },
  'sdm-schema/description-tags': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'error',
    title: 'Model:, Units:, Enum: and Privacy: carry their value in single quotes',
    docs:
      'A description may carry tagged sentences: `Model:\'<URL of the vocabulary term>\'`, `Units:\'<unit>\'`, `Enum:\'a, b, c\'`, ' +
      '`Privacy:\'...\'`. The value follows the colon directly, in single quotes, and the sentence ends with the closing quote: ' +
      'a space after the colon, a missing quote, text or a space after the closing quote, or a value that contains `". "` (the ' +
      'sentence is cut there) fail the contribution check. Reported on the sentence, with the repaired description as the fix ' +
      'when one small edit repairs it. A `Model:` value that is not a URL is a warning. `Multilingual` is a sentence of its own.',
    source: 'SDM-017 (Smart Data Models test_schema_descriptions)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(model(COUNT.replace("Model:'https://schema.org/Number'", "⟦Model: 'https://schema.org/Number'⟧"))),
    fix: 'Write Model:\'…\' as the contribution check reads it',
  },
  'sdm-schema/units': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'hint',
    title: 'Units:\'…\' names a unit',
    docs:
      'The `Units:` sentence names the unit of a number in words (SI by default, for example `Units:\'kilowatt hour (kWh)\'`); ' +
      'payloads in another unit say so with `unitCode`. An empty `Units:\'\'` is reported; the text is otherwise free.',
    source: 'SDM-018 (guidelines)',
    needsSmartDataModels: true,
    valid: example(attribute('"speed": {"type": "number", "description": "Property. Units:\'kilometre per hour (km/h)\'. Mean speed of the bicycles"}')),
    invalid: example(attribute('"speed": {"type": "number", "description": "Property. ⟦Units:\'\'⟧. Mean speed of the bicycles"}')),
  },
  'sdm-schema/string-members': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'error',
    title: 'A string attribute has no items or properties',
    docs: '`items` and `properties` under `"type": "string"` are ignored by validators: the type or the members are wrong.',
    source: 'SDM-019 (Smart Data Models test_string_incorrect)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(attribute('"lanes": {"type": "string", ⟦"items"⟧: {"type": "string"}, "description": "Property. Lanes the counter watches"}')),
  },
  'sdm-schema/structure': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'error',
    title: 'Arrays say their items, objects their properties',
    docs:
      'An attribute (or member, or array item) of `"type": "array"` has `items`; one of `"type": "object"` has `properties` ' +
      '(or `patternProperties`, `additionalProperties`, or a composition). Otherwise nothing says what the value holds.',
    source: 'SDM-020 (Smart Data Models test_array_object_structure)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(attribute('"lanes": {"type": ⟦"array"⟧, "description": "Property. Lanes the counter watches"}')),
  },
  'sdm-schema/attribute-name': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.2b'] },
    severity: 'hint',
    title: 'Attribute names start with a lower-case letter',
    docs:
      'Attribute names are camelCase. The contribution check only warns about a capital first letter, and names taken from ' +
      'another standard keep their spelling (noise levels `LAeq`, chemical symbols): a hint, not reported at all when the ' +
      'model says what it is derived from (`derivedFrom`). Members of structured values (phases `L1`, `L2`) are not attributes.',
    source: 'SDM-021 (Smart Data Models test_name_attributes)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(attribute('⟦"Temperature"⟧: {"type": "number", "description": "Property. Air temperature at the counter"}')),
  },
  'sdm-schema/broker-managed': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R1.2b'] },
    severity: 'hint',
    title: 'A data model does not define the dates brokers keep',
    docs:
      '`dateCreated` and `dateModified` (NGSI-v2) and `createdAt` and `modifiedAt` (NGSI-LD) are set by brokers, not sent by ' +
      'applications; GSMA-Commons already describes the first two. Only the model\'s own attributes are reported.',
    source: 'SDM-022 (guidelines)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(attribute('⟦"modifiedAt"⟧: {"type": "string", "format": "date-time", "description": "Property. Last change of the entity"}')),
    fix: 'Remove "modifiedAt"',
  },
  'sdm-schema/relationship': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'hint',
    title: 'Relationships hold entity ids',
    docs:
      'An attribute described as `Relationship` holds the id of another entity (a URI string, usually a `$ref` to ' +
      '`EntityIdentifierType`); one named like a link (`refDevice`) but described as a `Property` is probably a Relationship. ' +
      'The naming of relationships (`refX` or `hasX`) is not judged: most published models use `ref`.',
    source: 'SDM-023 (guidelines, common-schema)',
    needsSmartDataModels: true,
    valid: example(attribute('"refDevice": {"type": "string", "format": "uri", "description": "Relationship. The sensor that counts"}')),
    invalid: example(attribute('⟦"refDevice"⟧: {"type": "string", "format": "uri", "description": "Property. The sensor that counts"}')),
    fix: 'Describe it as a Relationship',
  },
  'sdm-schema/date-format': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    severity: 'hint',
    title: 'Date attributes have a date format',
    docs: 'Attributes named `date…` hold ISO 8601 dates: a string with `"format": "date-time"` (or `"date"`), so that validators and brokers read them as dates.',
    source: 'SDM-024 (guidelines)',
    needsSmartDataModels: true,
    valid: example(attribute('"dateObserved": {"type": "string", "format": "date-time", "description": "Property. End of the observation period"}')),
    invalid: example(attribute('"dateObserved": {"type": ⟦"string"⟧, "description": "Property. End of the observation period"}')),
    fix: 'Add "format": "date-time"',
  },
  'sdm-schema/enum-values': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.2b'] },
    severity: 'hint',
    title: 'Enumerated values have no spaces',
    docs: 'The allowed values of an `enum` are single camelCase words (`onStreet`, not `on street`): payloads and queries compare them as written.',
    source: 'SDM-026 (guidelines)',
    needsSmartDataModels: true,
    valid: example(attribute('"direction": {"type": "string", "enum": ["inbound", "outbound"], "description": "Property. Which way the bicycles went"}')),
    invalid: example(attribute('"direction": {"type": "string", "enum": ["inbound", ⟦"out bound"⟧], "description": "Property. Which way the bicycles went"}')),
  },
  'sdm-schema/standard-attribute': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R1.2a'] },
    severity: 'hint',
    title: 'location and address use the shared definitions',
    docs:
      '`location` is a GeoJSON geometry and `address` a schema.org PostalAddress, defined once in `common-schema.json` ' +
      '(`Location-Commons`). A model that does not pull in Location-Commons and defines them by hand is reported; the fix ' +
      'replaces the definition by the shared one.',
    source: 'SDM-027 (guidelines)',
    needsSmartDataModels: true,
    valid: example(model().replace(COUNT, `${COUNT}, "location": {"$ref": "${COMMONS}Location-Commons/properties/location"}`)),
    invalid: example(
      model().replace(
        COUNT,
        `${COUNT}, ⟦"location"⟧: {"type": "object", "description": "GeoProperty. Where the counter stands", "properties": {"type": {"type": "string", "enum": ["Point"]}, "coordinates": {"type": "array", "items": {"type": "number"}}}}`,
      ),
    ),
    fix: 'Use the shared definition',
  },
  'sdm-schema/null': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'warning',
    title: 'A data model allows no null values',
    docs: 'NGSI-LD forbids `null` as a value: an attribute without a value is left out. A schema that allows `null` (in `type`, `enum`, `const` or `default`) is reported.',
    source: 'SDM-028 (guidelines); ETSI GS CIM 009',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(attribute('"speed": {"type": ["number", ⟦"null"⟧], "description": "Property. Mean speed of the bicycles"}')),
    fix: 'Remove "null"',
  },
  'sdm-schema/ref': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'error',
    title: 'Every $ref resolves',
    docs:
      'Each `$ref` is resolved offline: Smart Data Models URLs from the local checkout (`mim.sdm.root`) or the workspace, then the ' +
      'download cache and, where allowed, the network; the fragment is a JSON Pointer into the document. A fragment that points ' +
      'at nothing is an error (with the closest name as the fix); a document that cannot be read is a warning that says why, ' +
      'since the schema may well be right. Nothing is said while a document is still loading.',
    source: 'SDM-029 (pysmartdatamodels, check_schema)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(model(COUNT, ROOT, `{"$ref": ⟦"${COMMONS}GSMA-Common"⟧}`)),
    fix: 'Point at the definition the document has',
  },
  'sdm-schema/shared-definition': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'warning',
    title: 'What a $ref pulls in compiles under a strict validator',
    docs:
      'A shared file (`common-schema.json`, `<subject>-schema.json`) is compiled with every model that uses it. What a strict ' +
      'validator would reject there (the problems of `sdm-schema/unknown-keyword`, `misplaced-property`, `format`, ' +
      '`type-keyword`, `meta-schema` and unresolvable references) is said once, on the first `$ref` of the model that pulls it ' +
      'in: the model\'s author sees what is ignored, and the shared file is where to repair it. Its descriptions and names are ' +
      'not checked from here.',
    source: 'SDM-029, SDM-030 (pysmartdatamodels); ajv strict mode',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(model(COUNT, ROOT, `${REFS}, {"$ref": ⟦"${SITE}dataModel.Mobility/mobility-schema.json#/definitions/Counter-Commons"⟧}`), {
      'dataModel.Mobility/mobility-schema.json': JSON.stringify({
        definitions: { 'Counter-Commons': { type: 'object', properties: { lane: { type: 'integer', min: 1, description: 'Property. Lane of the counter' } } } },
      }),
    }),
  },
  'sdm-schema/unknown-keyword': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'warning',
    title: 'A schema uses only JSON Schema keywords',
    docs:
      'A keyword validators do not know is ignored (and a strict validator rejects the whole schema): `"min": 1` restricts ' +
      'nothing. The Smart Data Models annotations `$schemaVersion`, `modelTags`, `derivedFrom`, `license` and `x-ngsi` are ' +
      'known. For a likely typo (`min`, `max`, `minimun`, `desciption`) the fix renames it.',
    source: 'SDM-030 (pysmartdatamodels meta-schema validation); ajv strict mode',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(edited('"minimum": 0', '⟦"min"⟧: 0')),
    fix: 'Rename to "minimum"',
  },
  'sdm-schema/misplaced-property': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'error',
    title: 'Attribute definitions stand inside properties',
    docs:
      'An attribute definition pasted among the keywords of a schema, an `allOf` item without its `properties` wrapper, or a ' +
      '`$ref` to the `properties` of a definition: validators read the attribute names as unknown keywords and check nothing. ' +
      'The attribute is silently never validated, hence an error. For an `allOf` item the fix adds the wrapper; for a `$ref` ' +
      'it points at the definition itself.',
    source: 'SDM-030; ajv strict mode (real cases: Beach, RoadSegment, MosquitoDensity)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(
      model(COUNT, ROOT, `${REFS}, {⟦"dateObserved"⟧: {"type": "string", "format": "date-time", "description": "Property. End of the observation period"}}`),
    ),
    fix: 'Wrap the item\'s attributes in "properties"',
  },
  'sdm-schema/format': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'warning',
    title: 'Formats are ones validators know',
    docs:
      'An unknown `format` checks nothing (and strict validators reject the schema). The formats of JSON Schema 2020-12 ' +
      '(`idn-email` included) and of ajv-formats are known; `uuencoded` is not a format. For a typo (`datetime`) the fix ' +
      'writes the known name.',
    source: 'SDM-030; ajv strict mode',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(attribute('"dateObserved": {"type": "string", "format": ⟦"datetime"⟧, "description": "Property. End of the observation period"}')),
    fix: 'Change to "date-time"',
  },
  'sdm-schema/type-keyword': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'warning',
    title: 'Type-specific keywords come with their type',
    docs:
      '`minimum` applies to numbers, `minLength` to strings, `items` and `minItems` to arrays, `properties` and `required` to ' +
      'objects. Without the matching `type` (here or in the schema around an `anyOf`), a value of another type passes ' +
      'unchecked, and strict validators reject the schema; with another type the keyword does nothing. The root is checked ' +
      'by `sdm-schema/root-type`, strings with items by `sdm-schema/string-members`.',
    source: 'SDM-030; ajv strictTypes',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(attribute('"speed": {⟦"minimum"⟧: 0, "description": "Property. Mean speed of the bicycles"}')),
    fix: 'Add "type": "number"',
  },
  'sdm-schema/meta-schema': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'error',
    title: 'Keyword values have the form JSON Schema gives them',
    docs:
      '`type` takes the seven JSON type names, `minimum` a number, `minLength` a whole number, `required` a list of names, ' +
      '`enum` a list, `pattern` a regular expression that compiles, and so on, as the 2020-12 meta-schema says: validators ' +
      'refuse to compile the schema otherwise. The fix repairs the obvious cases (`"int"`, a number written as a string).',
    source: 'SDM-030 (pysmartdatamodels validates against the 2020-12 meta-schema)',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(edited('"type": "integer"', '"type": ⟦"int"⟧')),
    fix: 'Change to "integer"',
  },
  'sdm-schema/duplicate-attribute': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R1.2b'] },
    severity: 'hint',
    title: 'A data model does not redefine what its commons define',
    docs:
      'An attribute the model defines that GSMA-Commons, Location-Commons or another `allOf` reference already defines: both ' +
      'definitions apply (allOf), so the model can only narrow the shared one, and readers see two meanings.',
    source: 'SDM-032 (pysmartdatamodels "duplicated attributes")',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(attribute('⟦"name"⟧: {"type": "string", "description": "Property. Name of the counter"}')),
  },
  'sdm-schema/pattern-backtracking': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'warning',
    title: 'A pattern cannot take exponential time',
    docs:
      'A group that repeats without bound and itself holds a repetition of variable length (`(a+)+`, `(\\w*\\s?)*`), or ' +
      'alternatives that can start alike (`(a|ab)*`), makes a backtracking engine try exponentially many ways to match a string ' +
      'that almost matches: one such string freezes a validator, a broker or this editor. The checker does not apply such a ' +
      'pattern to payloads, and says so on each entity of the model. The test is a heuristic that errs on the side of caution; ' +
      'rewriting the pattern without the nested repetition (`a+` for `(a+)+`) settles it.',
    source: 'checker policy (regular-expression denial of service); SDM-030',
    needsSmartDataModels: true,
    valid: example(attribute('"code": {"type": "string", "pattern": "^[A-Z]{2}[0-9]+$", "description": "Property. Code of the counter on the city map"}')),
    invalid: example(attribute('"code": {"type": "string", "pattern": ⟦"^([A-Z0-9]+)+$"⟧, "description": "Property. Code of the counter on the city map"}')),
  },
  'sdm-schema/ref-cycle': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'error',
    title: 'A $ref does not lead back to itself without descending into the data',
    docs:
      'A `$ref` (or a chain of `$ref`s, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`) that arrives back at a schema it ' +
      'started from applies that schema to the same value again, forever: validators end with a stack overflow, and payloads ' +
      'cannot be checked against the model. A recursive definition is fine when it goes through `properties` or `items`, which ' +
      'descend into the value. Reported on the `$ref` that closes the loop; the payloads of the model say that it cannot be used.',
    source: 'JSON Schema 2020-12 Core §9.4.1 (infinite recursion); checker policy',
    needsSmartDataModels: true,
    valid: example(attribute('"zone": {"$ref": "#/$defs/zone"}').replace('"required"', '"$defs": {"zone": {"type": "object", "description": "Property. Zone of the counter, with its sub-zones", "properties": {"sub": {"$ref": "#/$defs/zone"}}}}, "required"')),
    invalid: example(attribute('"zone": {"$ref": "#/$defs/zone"}').replace('"required"', '"$defs": {"zone": {"description": "Property. Zone of the counter, with its sub-zones", "allOf": [{"$ref": ⟦"#/$defs/zone"⟧}]}}, "required"')),
  },
  'sdm-schema/too-large': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    severity: 'warning',
    title: 'A data model is small enough to check payloads against',
    docs:
      'Compiling a schema into a validator takes time that grows faster than its size, and it happens while the user types. A ' +
      'schema of more than 10,000 JSON nodes, or nested more than 200 levels deep, is not compiled: payloads of the model are not ' +
      'checked against it, and say so. The largest Smart Data Models hold about 3,000 nodes with their commons.',
    source: 'checker policy',
    needsSmartDataModels: true,
    valid: example(model()),
    invalid: example(`⟦{${ROOT}${LICENSED}, "allOf": [${REFS}, {"properties": {${TYPE}, ${COUNT}}}], "required": ["id", "type"], "$defs": {"deep": ${'{"items": '.repeat(205)}{}${'}'.repeat(205)}}}⟧`),
  },
});
