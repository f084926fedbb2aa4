import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { JsonDocument } from '../../server/src/service/json/document';
import { runSteps } from '../../server/src/service/steps';
import { checkDocument, DEFAULT_SETTINGS, parseDocument } from '../../server/src/service/index';

const slice = (doc: JsonDocument, span: { start: number; end: number } | undefined) => (span ? doc.text.slice(span.start, span.end) : undefined);

describe('JsonDocument, exact path (valid JSON)', () => {
  const text = '[\n  {"id": "urn:a:1", "type": "Car", "speed": {"type": "Property", "value": 5}},\n  {"id": "urn:a:2", "n": [1, [2, 3], {"x": "a\\"b"}]}\n]';
  const doc = new JsonDocument('file:///a.json', 1, text);

  it('parses with JSON.parse and locates values and member names on demand', () => {
    assert.equal(doc.exact, true);
    assert.deepEqual(doc.syntaxErrors, []);
    const speed = doc.locate([0, 'speed', 'value']);
    assert.equal(slice(doc, speed?.value), '5');
    assert.equal(slice(doc, speed?.key), '"value"');
    assert.equal(slice(doc, doc.locate([1, 'n', 1, 1])?.value), '3');
    assert.equal(slice(doc, doc.locate([1, 'n', 2, 'x'])?.value), '"a\\"b"');
    assert.equal(slice(doc, doc.locate([1])?.value), '{"id": "urn:a:2", "n": [1, [2, 3], {"x": "a\\"b"}]}');
    assert.equal(doc.locate([2]), undefined);
    assert.equal(doc.locate([0, 'nope']), undefined);
    assert.equal(doc.locate(['0']), undefined, 'a string segment does not index an array');
  });

  it('converts offsets to LSP positions and back', () => {
    const offset = text.indexOf('"urn:a:2"');
    assert.deepEqual(doc.positionAt(offset), { line: 2, character: 9 });
    assert.equal(doc.offsetAt({ line: 2, character: 9 }), offset);
    assert.deepEqual(doc.positionAt(text.length + 10), doc.positionAt(text.length));
  });

  it('finds the last of duplicate members, as JSON.parse keeps it', () => {
    const dup = new JsonDocument('file:///d.json', 1, '{"a": 1, "b": 2, "a": 3}');
    assert.deepEqual(dup.root, { a: 3, b: 2 });
    assert.equal(slice(dup, dup.locate(['a'])?.value), '3');
    assert.deepEqual(dup.memberKeys([]).map((k) => k.key), ['a', 'b', 'a']);
  });

  it('decodes escaped member names', () => {
    const escaped = new JsonDocument('file:///e.json', 1, '{"sp\\u0065ed": 1}');
    assert.equal(slice(escaped, escaped.locate(['speed'])?.value), '1');
  });

  it('counts UTF-16 code units after surrogate pairs and lines after CRLF', () => {
    const crlf = new JsonDocument('file:///c.json', 1, '{\r\n  "name": "😀😀",\r\n  "n": 1\r\n}');
    const n = crlf.locate(['n'])!;
    assert.deepEqual(crlf.positionAt(n.value.start), { line: 2, character: 7 });
    const emoji = crlf.locate(['name'])!;
    assert.deepEqual(crlf.rangeOf(emoji.value), { start: { line: 1, character: 10 }, end: { line: 1, character: 16 } });
  });

  it('skips a byte order mark and says it was there', () => {
    const bom = new JsonDocument('file:///b.json', 1, '\uFEFF{"a": [1]}');
    assert.equal(bom.exact, true);
    assert.equal(bom.hasBom, true);
    assert.equal(slice(bom, bom.locate(['a', 0])?.value), '1');
  });

  it('indexes a large batch in one pass', () => {
    const items = Array.from({ length: 5000 }, (_, i) => `{"id": "urn:ngsi-ld:Car:${i}", "type": "Car", "speed": {"type": "Property", "value": ${i}}}`);
    const big = new JsonDocument('file:///big.json', 1, '[' + items.join(',\n') + ']');
    assert.equal(slice(big, big.locate([4999, 'speed', 'value'])?.value), '4999');
    assert.equal(slice(big, big.locate([17, 'id'])?.value), '"urn:ngsi-ld:Car:17"');
  });
});

describe('JsonDocument, tolerant path (broken JSON)', () => {
  it('reports the error where the parser stopped and keeps what parses', () => {
    const text = '{"id": "urn:a:1" "type": "Car", "speed": {"type": "Property", "value": 5}}';
    const doc = new JsonDocument('file:///t.json', 1, text);
    assert.equal(doc.exact, false);
    assert.equal(doc.syntaxErrors.length, 1);
    assert.equal(doc.syntaxErrors[0]!.offset, text.indexOf('"type"'));
    assert.match(doc.syntaxErrors[0]!.message, /comma/);
    assert.deepEqual(doc.root, { id: 'urn:a:1', type: 'Car', speed: { type: 'Property', value: 5 } });
    assert.equal(slice(doc, doc.locate(['speed', 'value'])?.value), '5');
    assert.equal(slice(doc, doc.locate(['speed'])?.key), '"speed"');
  });

  it('refuses comments and trailing commas, which are not JSON', () => {
    const doc = new JsonDocument('file:///c.json', 1, '{"a": 1, // note\n "b": [1, 2,]}');
    assert.equal(doc.exact, false);
    assert.deepEqual(doc.syntaxErrors.map((e) => e.message.split(' ')[0]), ['Comments', 'A']);
    assert.deepEqual(doc.root, { a: 1, b: [1, 2] });
  });

  it('knows an unfinished node contains the error', () => {
    const text = '{"id": "urn:a:1", "speed": {"type": "Property", "val';
    const doc = new JsonDocument('file:///u.json', 1, text);
    const speed = doc.locate(['speed'])!;
    assert.equal(doc.containsSyntaxError(speed.value), true);
    assert.equal(doc.containsSyntaxError(doc.locate(['id'])!.value), false);
  });

  it('says an empty file is empty', () => {
    const doc = new JsonDocument('file:///empty.jsonld', 1, '  \n');
    assert.equal(doc.root, undefined);
    assert.match(doc.syntaxErrors[0]!.message, /empty/);
  });

  it('does not recurse into broken input nested beyond its limit', () => {
    const doc = new JsonDocument('file:///deep.json', 1, '['.repeat(100_000));
    assert.equal(doc.root, undefined);
    assert.match(doc.syntaxErrors[0]!.message, /nested more than/);
  });

  it('reads deeply nested valid JSON on the exact path', () => {
    const doc = new JsonDocument('file:///deep.json', 1, '['.repeat(50_000) + ']'.repeat(50_000));
    assert.equal(doc.exact, true);
    assert.equal(slice(doc, doc.locate([0, 0, 0])?.value)?.length, (50_000 - 3) * 2);
  });
});

describe('a member being typed', () => {
  const entity = (middle: string) => `{\n  "id": "urn:ngsi-ld:Car:1",\n  "type": "Car",\n  "speed": {"type": "Property", "value": 3},\n  ${middle}\n  "owner": {"type": "Relationship", "object": "urn:ngsi-ld:Person:1"}\n}`;

  for (const [state, middle] of [
    ['a name without its colon', '""'],
    ['a name and a colon without a value', '"brand":'],
    ['a finished member without its comma', '"brand": {"type": "Property", "value": "Seat"}'],
  ] as const) {
    it(`keeps the members after ${state} in their object`, () => {
      const doc = parseDocument('file:///w/car.json', 1, entity(middle));
      assert.equal(doc.exact, false);
      const root = doc.root as Record<string, unknown>;
      assert.deepEqual(root.owner, { type: 'Relationship', object: 'urn:ngsi-ld:Person:1' });
      assert.equal('object' in root, false, 'nothing of "owner" leaks into the entity');
      assert.ok(doc.syntaxErrors.length > 0, 'the syntax error is still reported');
      const result = checkDocument(doc, DEFAULT_SETTINGS);
      assert.deepEqual(result.problems.filter((p) => p.code !== 'json/syntax').map((p) => p.code), [], 'no problem on what was filled in');
    });
  }

  it('drops a trailing comma from what the checks read, and still reports it', () => {
    const doc = parseDocument('file:///w/car.json', 1, '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 3},}');
    assert.deepEqual(Object.keys(doc.root as object), ['id', 'type', 'speed']);
    assert.deepEqual(checkDocument(doc, DEFAULT_SETTINGS).problems.map((p) => p.code), ['json/syntax']);
  });
});

describe('an edit inside one entity of a batch', () => {
  const batch = JSON.stringify(
    Array.from({ length: 50 }, (_, i) => ({ id: `urn:ngsi-ld:Car:${i}`, type: 'Car', speed: { type: 'Property', value: i }, name: `car "${i}"` })),
    null,
    1,
  );
  const edit = (text: string, at: number, remove: number, insert: string) => text.slice(0, at) + insert + text.slice(at + remove);

  it('parses only that entity, keeps the others as they were, and locates like a full parse', () => {
    const previous = new JsonDocument('file:///b.json', 1, batch);
    const at = batch.indexOf('"value": 7') + '"value": '.length;
    const text = edit(batch, at, 1, '70');
    const derived = JsonDocument.derive(previous, 2, text);
    assert.ok(derived, 'the edit is inside one entity');
    const full = new JsonDocument('file:///b.json', 2, text);
    assert.deepEqual(derived.root, full.root);
    assert.equal((derived.root as unknown[])[3], (previous.root as unknown[])[3], 'an untouched entity is the same object');
    assert.notEqual((derived.root as unknown[])[7], (previous.root as unknown[])[7]);
    for (const path of [[7, 'speed', 'value'], [49, 'name'], [0, 'id'], [8, 'speed']]) assert.deepEqual(derived.locate(path), full.locate(path), path.join('/'));
    assert.deepEqual(derived.itemSpans([]), full.itemSpans([]));
  });

  it('falls back to a full parse when the edit crosses entities or breaks the entity', () => {
    const previous = new JsonDocument('file:///b.json', 1, batch);
    const between = batch.indexOf('},\n {') + 1;
    assert.equal(JsonDocument.derive(previous, 2, edit(batch, between, 0, ', {"id": "urn:ngsi-ld:Car:x", "type": "Car"}')), undefined);
    const inside = batch.indexOf('"speed"');
    assert.equal(JsonDocument.derive(previous, 2, edit(batch, inside, 1, '')), undefined, 'broken JSON');
    assert.equal(JsonDocument.derive(new JsonDocument('file:///e.json', 1, '{"id": "x"}'), 2, '{"id": "y"}'), undefined, 'not a batch');
  });

  it('carries the duplicate member names over and finds them again in the edited entity', () => {
    const withDuplicates = batch.replaceAll('"type": "Car",\n  "speed"', '"type": "Car",\n  "name": "first",\n  "speed"');
    const previous = new JsonDocument('file:///b.json', 1, withDuplicates);
    assert.equal(runSteps(previous.duplicateKeys()).length, 50);
    const at = withDuplicates.indexOf('"name": "first"', withDuplicates.indexOf('Car:20'));
    const text = withDuplicates.slice(0, at) + '"label"' + withDuplicates.slice(at + '"name"'.length);
    const derived = JsonDocument.derive(previous, 2, text)!;
    assert.ok(derived);
    const full = new JsonDocument('file:///b.json', 2, text);
    assert.deepEqual(runSteps(derived.duplicateKeys()), runSteps(full.duplicateKeys()));
    assert.equal(runSteps(derived.duplicateKeys()).length, 49);
  });

  it('agrees with a full parse for any edit (property-based)', () => {
    fc.assert(
      fc.property(fc.nat({ max: batch.length - 1 }), fc.nat({ max: 6 }), fc.constantFrom('', '1', 'x', '"', '}', ',', ' ', '{"a": 1}', '\\"'), (at, remove, insert) => {
        const previous = new JsonDocument('file:///b.json', 1, batch);
        runSteps(previous.duplicateKeys());
        const text = edit(batch, at, remove, insert);
        const derived = JsonDocument.derive(previous, 2, text);
        const full = new JsonDocument('file:///b.json', 2, text);
        if (!derived) return;
        assert.ok(full.exact, 'derived only when the whole text is valid JSON');
        assert.deepEqual(derived.root, full.root);
        assert.deepEqual(derived.itemSpans([]), full.itemSpans([]));
        assert.deepEqual(runSteps(derived.duplicateKeys()), runSteps(full.duplicateKeys()));
      }),
      { numRuns: 2000, seed: 20261126 },
    );
  });
});
