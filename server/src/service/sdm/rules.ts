import { defineRules } from '../rule-definition';

const weather = (attrs: string) =>
  `{"id": "urn:ngsi-ld:WeatherObserved:1", "type": "WeatherObserved", "dateObserved": "2024-05-01T10:00:00Z", "location": {"type": "Point", "coordinates": [-4.75, 41.64]}${attrs ? ', ' + attrs : ''}}`;
const streetlight = (attrs: string) =>
  `{"id": "urn:ngsi-ld:Streetlight:1", "type": "Streetlight", "location": {"type": "Point", "coordinates": [-3.70, 40.41]}${attrs ? ', ' + attrs : ''}}`;

/** Payloads against their Smart Data Model (MIM2). */
export const sdmRules = defineRules({
  'sdm/value-type': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R3.4', 'Representing R1.2a'] },
    severity: 'error',
    title: 'An attribute has the JSON type its data model gives it',
    docs:
      'Every entity whose `type` names a known data model is validated against the model\'s JSON Schema, in any ' +
      'representation: normalized and concise entities are first projected to the simplified form the schemas ' +
      'describe (the value of a Property, the object of a Relationship, the geometry of a GeoProperty...), and each ' +
      'problem is reported on the value inside its wrapper. This rule reports a value of the wrong JSON type.',
    source: 'Smart Data Models schema.json; SDM-040, SDM-045; MIM Representing data R3.4',
    needsSmartDataModels: true,
    valid: { file: 'weather.json', text: weather('"temperature": 18.5') },
    invalid: { file: 'weather.json', text: weather('"temperature": ⟦"hot"⟧') },
  },
  'sdm/enum': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R3.4', 'Representing R1.2a'] },
    severity: 'error',
    title: 'An attribute takes one of the values its data model lists',
    docs: 'Where the model lists the allowed values (an `enum` or `const`), the message names them, with the closest one when the value looks like a typo of it.',
    source: 'Smart Data Models schema.json; SDM-040',
    needsSmartDataModels: true,
    valid: { file: 'streetlight.json', text: streetlight('"status": "ok"') },
    invalid: { file: 'streetlight.json', text: streetlight('"status": ⟦"brokenLanter"⟧') },
    fix: 'Change to the closest allowed value',
  },
  'sdm/format': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R3.4', 'Representing R1.2a'] },
    severity: 'warning',
    title: 'Dates, times, URIs and e-mail addresses have the form their data model names',
    docs:
      'The models name formats (`date-time`, `date`, `time`, `uri`, `email`...). The Smart Data Models checker never ' +
      'checks them, so about one published example in ten breaks one (most often a date-time without a time zone); ' +
      'they are warnings here, not errors.',
    source: 'Smart Data Models schema.json; sdm-corpus measurement; RFC 3339',
    needsSmartDataModels: true,
    valid: { file: 'weather.json', text: weather('') },
    invalid: {
      file: 'weather.json',
      text: '{"id": "urn:ngsi-ld:WeatherObserved:1", "type": "WeatherObserved", "dateObserved": ⟦"2024-05-01T10:00:00"⟧, "location": {"type": "Point", "coordinates": [-4.75, 41.64]}}',
    },
  },
  'sdm/pattern': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R3.4', 'Representing R1.2a'] },
    severity: 'error',
    title: 'A value has the form its data model\'s pattern describes',
    docs: 'Where the model restricts a string with a regular expression, the message says what it means where the model names it (for example `EntityIdentifierType`: an entity id), and shows the expression otherwise.',
    source: 'Smart Data Models schema.json, common-schema.json',
    needsSmartDataModels: true,
    valid: { file: 'weather.json', text: weather('"refDevice": "urn:ngsi-ld:Device:1"') },
    invalid: { file: 'weather.json', text: weather('"refDevice": ⟦"device 1"⟧') },
  },
  'sdm/range': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R3.4', 'Representing R1.2a'] },
    severity: 'error',
    title: 'Numbers, lengths and counts stay within the limits of the data model',
    docs: '`minimum`, `maximum`, `minLength`, `maxLength`, `minItems`, `maxItems` and their kin.',
    source: 'Smart Data Models schema.json',
    needsSmartDataModels: true,
    valid: { file: 'weather.json', text: weather('"precipitation": 0') },
    invalid: { file: 'weather.json', text: weather('"precipitation": ⟦-1⟧') },
  },
  'sdm/required': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R3.4', 'Representing R1.2a'] },
    severity: 'error',
    title: 'An entity has the attributes its data model requires',
    docs:
      'Reported on the entity\'s type (which names the model), naming the missing attribute. Merge and update bodies carry only what changes, so the ' +
      'rule does not apply to them. The fix adds the attribute with a placeholder of the type the model gives, in the ' +
      'kind it implies (Relationship, GeoProperty, Property with `unitCode` when the model names a unit) and the form ' +
      'of the entity (normalized, concise or simplified); the placeholder is yours to fill.',
    source: 'Smart Data Models schema.json `required`; SDM-040',
    needsSmartDataModels: true,
    valid: { file: 'streetlight.json', text: streetlight('"status": "ok"') },
    invalid: { file: 'streetlight.json', text: streetlight('').replace('"Streetlight"', '⟦"Streetlight"⟧') },
    fix: 'Add the required attribute',
  },
  'sdm/schema': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R3.4', 'Representing R1.2a'] },
    severity: 'error',
    title: 'A value has one of the forms its data model allows',
    docs:
      'Everything else the JSON Schema of the model says: for an `anyOf`/`oneOf` the message lists the forms the value ' +
      'could have; when one form came close, its own problems are reported instead.',
    source: 'Smart Data Models schema.json',
    needsSmartDataModels: true,
    valid: { file: 'weather.json', text: weather('"pressureTendency": "steady"') },
    invalid: { file: 'weather.json', text: weather('"pressureTendency": ⟦true⟧') },
  },
  'sdm/unknown-attribute': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R1.2b'] },
    severity: 'hint',
    title: 'Attributes the data model does not define',
    docs:
      'Smart Data Models are open: a payload may carry attributes of its own. An attribute the model does not define ' +
      'gets a hint, naming the model\'s attribute it most likely means when one is close (a typo is the common case).',
    source: 'SDM-031 (test_duplicated_attributes); Smart Data Models guidelines on extending models',
    needsSmartDataModels: true,
    valid: { file: 'weather.json', text: weather('"temperature": 18.5') },
    invalid: { file: 'weather.json', text: weather('⟦"temprature"⟧: 18.5') },
    fix: 'Rename to the model\'s attribute',
  },
  'sdm/model-error': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R3.4'] },
    severity: 'warning',
    title: 'The data model of an entity type can be used',
    docs:
      'When the schema of an entity\'s model cannot be read, is not JSON, or does not compile, the entity is not ' +
      'checked against it; this says so on the entity type, with the reason, instead of skipping the check silently. ' +
      'A schema is also refused when it could freeze the checker: more than 10,000 schema objects or 200 levels of ' +
      'nesting, more than 64 documents through its $refs, or a $ref that leads back to itself without descending ' +
      'into the data (`sdm-schema/too-large` and `sdm-schema/ref-cycle` say where, in the model itself).',
    source: 'checker policy',
    valid: { file: 'thing.json', text: '{"id": "urn:ngsi-ld:Thing:1", "type": "Thing", "size": 3}', files: { 'Thing/schema.json': '{"type": "object", "properties": {"size": {"type": "number"}}}' } },
    invalid: {
      file: 'thing.json',
      text: '{"id": "urn:ngsi-ld:Thing:1", "type": ⟦"Thing"⟧, "size": 3}',
      files: { 'Thing/schema.json': '{"type": "object", "properties": {"size": {"type": "size-in-metres"}}}' },
    },
  },
  'sdm/model-incomplete': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Shared models'], 'new-format': ['Representing R3.4'] },
    severity: 'information',
    title: 'Every part of the data model could be read',
    docs:
      'Smart Data Models reference shared definitions by absolute URL. They are read from the workspace, from ' +
      '`mim.sdm.root`, from the download cache, or downloaded where allowed; the parts that cannot be read offline are ' +
      'left out of the check, and this says which. So are the parts the checker does not apply to payloads: a ' +
      '`pattern` that can take exponential time (see `sdm-schema/pattern-backtracking`), and any pattern on a string ' +
      'longer than 10,000 characters.',
    source: 'SDM-029; sdm-rules.md (absolute $ref URLs)',
    valid: { file: 'thing.json', text: '{"id": "urn:ngsi-ld:Thing:1", "type": "Thing", "size": 3}', files: { 'Thing/schema.json': '{"type": "object", "properties": {"size": {"type": "number"}}}' } },
    invalid: {
      file: 'thing.json',
      text: '{"id": "urn:ngsi-ld:Thing:1", "type": ⟦"Thing"⟧, "size": 3}',
      files: { 'Thing/schema.json': '{"allOf": [{"$ref": "https://example.org/shared.json#/definitions/Commons"}, {"properties": {"size": {"type": "number"}}}]}' },
    },
  },
});
