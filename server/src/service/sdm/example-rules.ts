import { defineRules } from '../rule-definition';

// A small model of our own for the examples: a bike counter with a count and a location.
const BASE = 'dataModel.Mobility/BikeCounter';
const COMMONS = 'https://smart-data-models.github.io/data-models/common-schema.json#/definitions/';
const SCHEMA = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $schemaVersion: '0.1.0',
  modelTags: '',
  $id: `https://smart-data-models.github.io/${BASE}/schema.json`,
  title: 'Smart Data Models - Bike counter',
  description: 'A counter of the bicycles passing one point of a cycle lane, with what it observed last.',
  type: 'object',
  allOf: [
    { $ref: `${COMMONS}GSMA-Commons` },
    { $ref: `${COMMONS}Location-Commons` },
    {
      properties: {
        type: { type: 'string', enum: ['BikeCounter'], description: 'Property. NGSI entity type. It has to be BikeCounter' },
        count: { type: 'integer', minimum: 0, description: 'Property. Bicycles counted during the observation period' },
      },
    },
  ],
  required: ['id', 'type'],
  derivedFrom: '',
  license: `https://smart-data-models.github.io/${BASE}/LICENSE.md`,
});

const v2 = (count: string, extra = '') => `{"id": "BikeCounter-1", "type": "BikeCounter", "count": ${count}${extra}}`;
const ld = (count: string, extra = '') => `{"id": "urn:ngsi-ld:BikeCounter:1", "type": "BikeCounter", "count": ${count}${extra}, "@context": ["https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}`;
const model = (extra: Record<string, string> = {}) => ({ [`${BASE}/schema.json`]: SCHEMA, ...extra });
const EXAMPLES: Record<string, string> = {
  'examples/example.json': v2('3'),
  'examples/example-normalized.json': v2('{"type": "Number", "value": 3}'),
  'examples/example.jsonld': ld('3'),
  'examples/example-normalized.jsonld': ld('{"type": "Property", "value": 3}'),
  'notes.yaml': 'notes: []\n',
  'ADOPTERS.yaml': 'currentAdopters: []\n',
};
/** The model folder's files, without some of them. */
const folder = (...without: string[]) => Object.fromEntries(Object.entries(EXAMPLES).filter(([name]) => !without.includes(name)).map(([name, text]) => [`${BASE}/${name}`, text]));
const exampleFile = (name: string) => `${BASE}/examples/${name}`;

/** A data model's own example files, and the files of its folder (MIM2). */
export const sdmExampleRules = defineRules({
  'sdm-example/undefined-attribute': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.4'] },
    needsSmartDataModels: true,
    severity: 'error',
    title: 'A model\'s own examples use only the attributes it defines',
    docs:
      'In a payload an attribute the model does not define is only a hint (models may be extended), but a model\'s ' +
      'own example files (`<Model>/examples/example*.json[ld]`) show the model itself: every top-level attribute must ' +
      'be defined in the sibling `schema.json`. A typo of a defined name is offered as the fix. Nested members of ' +
      'structured values are not followed (the Smart Data Models check does follow them, by dotted paths).',
    source: 'SDM-031 (Smart Data Models test_duplicated_attributes)',
    valid: { file: exampleFile('example.json'), text: v2('3'), files: model() },
    invalid: { file: exampleFile('example.json'), text: v2('3', ', ⟦"cuont"⟧: 4'), files: model() },
    fix: 'Rename to the model\'s attribute',
  },
  'sdm-example/type': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    needsSmartDataModels: true,
    severity: 'error',
    title: 'A model\'s example has the model\'s type',
    docs: 'The entity type of a model\'s example is the model\'s name, which is the name of its folder (a copied example that kept another type is the usual cause).',
    source: 'SDM-014; Smart Data Models repository layout',
    valid: { file: exampleFile('example.json'), text: v2('3'), files: model() },
    invalid: { file: exampleFile('example.json'), text: v2('3').replace('"type": "BikeCounter"', '"type": ⟦"TrafficCounter"⟧'), files: model() },
    fix: 'Change the type to the model\'s',
  },
  'sdm-example/form': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.3'] },
    needsSmartDataModels: true,
    severity: 'error',
    title: 'Each example file holds the form its name says',
    docs:
      '`example.json` is the NGSI-v2 keyValues form, `example-normalized.json` the NGSI-v2 normalized form ' +
      '(`{"type": "Number", "value": ...}`, never an NGSI-LD kind), `example.jsonld` the NGSI-LD keyValues form and ' +
      '`example-normalized.jsonld` the NGSI-LD normalized form (every attribute with its `type`), each one entity. ' +
      'The two `.json` files are read as NGSI-v2, so the NGSI-LD rules do not apply to them; the `.jsonld` files get ' +
      'every NGSI-LD rule. Mixing the forms up is the commonest slip in contributed models.',
    source: 'SDM-042, SDM-043 (Smart Data Models test_valid_ngsild, test_valid_ngsiv2)',
    valid: { file: exampleFile('example-normalized.json'), text: v2('{"type": "Number", "value": 3}'), files: model() },
    invalid: { file: exampleFile('example-normalized.json'), text: v2('{"type": ⟦"Property"⟧, "value": 3}'), files: model() },
  },
  'sdm-example/twin': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R3.3'] },
    needsSmartDataModels: true,
    severity: 'warning',
    title: 'The normalized and keyValues examples describe the same entity',
    docs:
      '`example.json` and `example-normalized.json` (and the two `.jsonld` files) are the same entity in two forms: ' +
      'once the normalized one is projected to keyValues, they have the same attributes with the same values. A value ' +
      'changed in one file only is reported on both, on the attribute; an attribute in one file only, on the file that ' +
      'has it (and on the id of the other). Re-checked when either file changes.',
    source: 'Smart Data Models examples convention; SDM-045 (normalized2keyvalues)',
    valid: { file: exampleFile('example.json'), text: v2('3'), files: model({ [exampleFile('example-normalized.json')]: v2('{"type": "Number", "value": 3}') }) },
    invalid: { file: exampleFile('example.json'), text: v2('3').replace('"count"', '⟦"count"⟧'), files: model({ [exampleFile('example-normalized.json')]: v2('{"type": "Number", "value": 4}') }) },
  },
  'sdm-schema/model-files': {
    mim: 'MIM2',
    requirements: { '2022': ['2022 MIM2 Clear definitions'], 'new-format': ['Representing R1.1'] },
    needsSmartDataModels: true,
    severity: 'warning',
    title: 'A model folder holds the files a contribution needs',
    docs:
      'Next to `schema.json` a model folder holds `examples/example.json`, `examples/example-normalized.json`, ' +
      '`examples/example.jsonld`, `examples/example-normalized.jsonld`, `notes.yaml` and `ADOPTERS.yaml`; the Smart ' +
      'Data Models contribution check requires them. Reported on the schema, once, listing what is missing; checked ' +
      'again when a file of the folder is created or deleted.',
    source: 'Smart Data Models repository layout (test_file_exists)',
    valid: { file: `${BASE}/schema.json`, text: SCHEMA, files: folder() },
    invalid: { file: `${BASE}/schema.json`, text: `⟦{⟧${SCHEMA.slice(1)}`, files: folder('examples/example-normalized.jsonld', 'ADOPTERS.yaml') },
  },
});
