import { defineRules } from '../rule-definition';

/** A data model's schema.json, as its author writes it (MIM2). */
export const sdmAuthoringRules = defineRules({
  'sdm-schema/required': {
    mim: 'MIM2',
    severity: 'error',
    title: 'A data model requires id and type',
    docs:
      'The root `required` list of a data model names at least `id` and `type` (and, ideally, little more: every ' +
      'required attribute is one more thing each payload must carry). The Smart Data Models contribution check ' +
      'fails a model without them.',
    source: 'SDM-011 (Smart Data Models test_schema_metadata)',
    valid: { file: 'BikeCounter/schema.json', text: '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["id", "type"]}' },
    invalid: { file: 'BikeCounter/schema.json', text: '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ⟦["id", "count"]⟧}' },
    fix: 'Add "type"',
  },
});
