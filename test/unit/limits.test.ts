/**
 * Input at the edges: very large files, deep nesting, huge numbers, long strings, duplicate member names, a
 * byte order mark. Each gets an answer with a clear message, in bounded time, and nothing throws.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDocument, DEFAULT_SETTINGS, normalizeSettings, parseDocument } from '../../server/src/service/index';
import fc from 'fast-check';
import { duplicateKeysOf, findDuplicateKeys } from '../../server/src/service/json/duplicates';
import { runSteps } from '../../server/src/service/steps';

const check = (text: string, file = 'car.jsonld', settings: Record<string, unknown> = {}) => {
  const merged = { ...DEFAULT_SETTINGS, ...normalizeSettings(settings) };
  return checkDocument(parseDocument(`file:///w/${file}`, 1, text, undefined, merged), merged);
};
const entity = (members: string) => `{"id": "urn:ngsi-ld:Car:1", "type": "Car", ${members}, "@context": "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"}`;

describe('limits', () => {
  it('does not parse a file above mim.maxFileSize, and says so once', () => {
    const text = entity(`"note": {"type": "Property", "value": "${'x'.repeat(2 * 1024 * 1024)}"}`);
    const result = check(text, 'big.jsonld', { maxFileSize: 1 });
    assert.deepEqual(result.problems.map((p) => [p.code, p.severity, p.offsets]), [['json/too-large', 'information', { start: 0, end: 1 }]]);
    assert.match(result.problems[0]!.message, /about 2\.0 MB\) is larger than mim\.maxFileSize \(1 MB\)/);
    assert.equal(result.detection.kind, 'none');
    assert.equal(parseDocument('file:///w/big.jsonld', 1, text, undefined, { maxFileSize: 1 }).root, undefined, 'never parsed');
    assert.deepEqual(check(text, 'big.jsonld', { maxFileSize: 3 }).problems, [], 'under a higher limit it is checked');
  });

  it('survives deep nesting, valid or broken, inside values and sub-attributes', () => {
    const deepValue = entity(`"a": {"type": "Property", "value": ${'{"x": '.repeat(100_000)}1${'}'.repeat(100_000)}}`);
    assert.deepEqual(check(deepValue).problems, []);
    const deepArray = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    assert.deepEqual(check(deepArray, 'array.json').problems, []);
    const broken = entity(`"a": ${'{"x": '.repeat(100_000)}`);
    const result = check(broken);
    assert.deepEqual(result.problems.map((p) => p.code), ['json/syntax']);
    assert.match(result.problems[0]!.message, /nested more than 1000 levels deep/);
    const deepSub = entity(`"a": ${'{"type": "Property", "value": 1, "s": '.repeat(3000)}{"type": "Property", "value": 1}${'}'.repeat(3000)}`);
    assert.ok(check(deepSub).problems.length <= 1, 'one note at most about the depth');
  });

  it('takes huge numbers and long strings', () => {
    const result = check(entity(`"a": {"type": "Property", "value": 1${'0'.repeat(400)}}, "b": {"type": "Property", "value": "${'y'.repeat(5_000_000)}"}`));
    assert.deepEqual(result.problems, []);
  });

  it('reports a member name that appears twice, on the value that is lost', () => {
    const text = entity('"speed": {"type": "Property", "value": 5}, "owner": {"type": "Relationship", "object": "urn:ngsi-ld:P:1", "object": "urn:ngsi-ld:P:2"}, "speed": {"type": "Property", "value": 6}');
    const result = check(text);
    assert.deepEqual(
      result.problems.map((p) => [p.code, text.slice(p.offsets.start, p.offsets.end), p.severity]),
      [
        ['json/duplicate-key', '"speed"', 'warning'],
        ['json/duplicate-key', '"object"', 'warning'],
      ],
    );
    assert.match(result.problems[0]!.message, /"speed" appears again later in this object \(line 1\); JSON parsers keep the last value/);
    assert.equal(text.indexOf('"speed"'), result.problems[0]!.offsets.start, 'the first one, which is lost');
  });

  it('finds duplicates by their decoded names, and not across objects or in strings', () => {
    assert.deepEqual(findDuplicateKeys('{"a": 1, "\\u0061": 2}').map((d) => d.name), ['a']);
    assert.deepEqual(findDuplicateKeys('[{"a": 1}, {"a": 2}]'), []);
    assert.deepEqual(findDuplicateKeys('{"a": "\\"a\\": 1", "b": {"a": 1}}'), []);
    assert.deepEqual(findDuplicateKeys('{"a": [{"a": 1, "a": 2}]}').map((d) => d.name), ['a']);
  });

  it('knows a text without duplicates by counting colons, and scans the rest', () => {
    const of = (text: string) => runSteps(duplicateKeysOf(text, JSON.parse(text))).map((d) => [d.name, d.first.start, d.last.start]);
    assert.deepEqual(of('{"a": "x:y", "b:c": {"d": ":"}}'), []);
    assert.deepEqual(of('{"a": 1, "b": "::", "a": 2}'), [['a', 1, 20]]);
    // The lost value held colons the parsed value does not: still a duplicate.
    assert.deepEqual(of('{"a": "1:2:3", "a": 2}'), [['a', 1, 15]]);
    // An escaped colon in a kept string would balance a lost member in the count: such a text is scanned.
    assert.deepEqual(of('{"a": 1, "b": "\\u003a", "a": 2}'), [['a', 1, 24]]);
  });

  it('finds by counting exactly what the scan finds, on generated objects with repeated names', () => {
    const name = fc.constantFrom('a', 'b', 'c:d', '\\u0061', 'id', ':');
    const value = fc.letrec<{ v: string }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('1', 'null', '"x"', '"x:y"', '"\\u003a"', '":"'),
        fc.array(tie('v'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
        fc.array(fc.tuple(name, tie('v')), { maxLength: 4 }).map((members) => `{${members.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`),
      ),
    })).v;
    fc.assert(
      fc.property(value, (text) => {
        const exact = findDuplicateKeys(text);
        const counted = runSteps(duplicateKeysOf(text, JSON.parse(text)));
        assert.deepEqual(counted, exact, text);
      }),
      { seed: 20261127, numRuns: 2000 },
    );
  });

  it('checks what follows a byte order mark', () => {
    const result = check(`\uFEFF${entity('"speed": {"type": "Relationship", "value": "urn:ngsi-ld:X:1"}')}`);
    assert.deepEqual(result.problems.map((p) => p.code), ['json/byte-order-mark', 'ngsi-ld/relationship-object']);
  });
});
