import { defineRules } from '../rule-definition';

export const jsonRules = defineRules({
  'json/syntax': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R1.1'] },
    severity: 'error',
    title: 'The file must be valid JSON',
    docs:
      'A broker refuses a body that is not JSON with `InvalidRequest`. The error is reported once, where the parser ' +
      'stopped; everything that still parses around it is checked as usual, so the other diagnostics do not vanish ' +
      'while you type. Comments and trailing commas are not JSON. Problems inside the unfinished node itself are held ' +
      'back until it is complete.',
    source: 'RFC 8259; NGSI-LD ProblemDetails InvalidRequest; ETSI test 001_02_01',
    brokerError: 'InvalidRequest',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car"}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1" ⟦"type"⟧: "Car"}' },
  },
  'json/byte-order-mark': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R1.1'] },
    severity: 'warning',
    title: 'No byte order mark before the JSON text',
    docs:
      'RFC 8259 forbids a byte order mark (U+FEFF) at the start of JSON text sent over a network. Some parsers ' +
      'ignore it, others refuse the whole body. The rest of the file is checked as if the mark were not there.',
    source: 'RFC 8259 clause 8.1',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car"}' },
    invalid: { file: 'car.json', text: '⟦\uFEFF⟧{"id": "urn:ngsi-ld:Car:1", "type": "Car"}' },
    fix: 'Remove the byte order mark',
  },
  'json/duplicate-key': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R1.1'] },
    severity: 'warning',
    title: 'A member name appears once per object',
    docs:
      'JSON leaves duplicate member names undefined; `JSON.parse`, brokers and nearly every parser keep the last value ' +
      'and drop the first without a word, so data is lost. Reported on the occurrence that is lost, naming the one ' +
      'that wins. The fix removes the lost member.',
    source: 'RFC 8259 clause 4 ("names within an object SHOULD be unique")',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 5}}' },
    invalid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car", ⟦"speed"⟧: {"type": "Property", "value": 5}, "speed": {"type": "Property", "value": 6}}' },
  },
  'json/too-large': {
    mim: 'MIM1',
    requirements: { '2022': ['2022 MIM1 NGSI-LD'], 'new-format': ['Accessing R1.1'] },
    severity: 'information',
    title: 'Files above mim.maxFileSize are not checked',
    docs:
      'A file larger than `mim.maxFileSize` (10 MB by default; `--max-file-size` on the command line) is not parsed: ' +
      'checking it would hold the editor back, and a payload that size is rarely edited by hand. The file gets this ' +
      'one note; raise the setting to check it.',
    source: 'checker policy',
    valid: { file: 'car.json', text: '{"id": "urn:ngsi-ld:Car:1", "type": "Car"}' },
    invalid: { file: 'car.json', text: '⟦{⟧"id": "urn:ngsi-ld:Car:1", "type": "Car", "note": "' + 'x'.repeat(2000) + '"}', settings: { maxFileSize: 0.001 } },
  },
});
