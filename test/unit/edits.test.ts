/**
 * Fixes as text edits: each kind of fix on one-line and indented files, commas, CRLF, the byte order mark,
 * and fix-all over several rounds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, checkDocument, DEFAULT_SETTINGS, editsForFix, fixAll, formatJson, layoutOf, minimalEdit, parseDocument, type Fix } from '../../server/src/service/index';

function edit(text: string, fix: Fix): string {
  const doc = parseDocument('file:///w/a.json', 1, text);
  const edits = editsForFix(doc, fix);
  assert.ok(edits, 'the fix turns into edits');
  const out = applyEdits(text, edits);
  JSON.parse(out.replace(/^\uFEFF/, ''));
  return out;
}

describe('fixes as text edits', () => {
  it('renames a key and keeps everything else', () => {
    assert.equal(edit('{"a": {"type": "Relationship", "value": "urn:x:1"}}', { kind: 'rename-key', title: 't', path: ['a', 'value'], to: 'object' }), '{"a": {"type": "Relationship", "object": "urn:x:1"}}');
  });

  it('sets a value on one line where the value was on one line', () => {
    const text = '{\n  "id": "urn:x:1",\n  "brand": "Seat"\n}';
    assert.equal(edit(text, { kind: 'set-value', title: 't', path: ['brand'], value: { type: 'Property', value: 'Seat' } }), '{\n  "id": "urn:x:1",\n  "brand": {"type": "Property", "value": "Seat"}\n}');
  });

  it('sets a value indented like the file where the value spanned lines', () => {
    const text = '{\n    "location": {\n        "type": "Point",\n        "coordinates": [40.4, -3.7]\n    }\n}';
    const out = edit(text, { kind: 'set-value', title: 't', path: ['location'], value: { type: 'Point', coordinates: [-3.7, 40.4] } });
    assert.equal(out, '{\n    "location": {\n        "type": "Point",\n        "coordinates": [-3.7, 40.4]\n    }\n}');
  });

  it('removes the first, a middle, the last and the only member with their commas', () => {
    const text = '{"a": 1, "b": 2, "c": 3}';
    assert.equal(edit(text, { kind: 'remove', title: 't', path: ['a'] }), '{"b": 2, "c": 3}');
    assert.equal(edit(text, { kind: 'remove', title: 't', path: ['b'] }), '{"a": 1, "c": 3}');
    assert.equal(edit(text, { kind: 'remove', title: 't', path: ['c'] }), '{"a": 1, "b": 2}');
    assert.equal(edit('{"x": {\n  "only": null\n}}', { kind: 'remove', title: 't', path: ['x', 'only'] }), '{"x": {}}');
    assert.equal(edit('{\n  "a": 1,\n  "b": 2\n}', { kind: 'remove', title: 't', path: ['b'] }), '{\n  "a": 1\n}');
    assert.equal(edit('[1, 2, 3]', { kind: 'remove', title: 't', path: [1] }), '[1, 3]');
  });

  it('removes the byte order mark', () => {
    assert.equal(edit('\uFEFF{"a": 1}', { kind: 'remove', title: 't', path: [] }), '{"a": 1}');
  });

  it('adds a member at the end, at the start, and into an empty object, as the object writes its members', () => {
    assert.equal(edit('{"id": "urn:x:1", "type": "T"}', { kind: 'add-member', title: 't', path: [], key: 'speed', value: 1 }), '{"id": "urn:x:1", "type": "T", "speed": 1}');
    assert.equal(edit('{"type": "T"}', { kind: 'add-member', title: 't', path: [], key: 'id', value: 'urn:x:1', first: true }), '{"id": "urn:x:1", "type": "T"}');
    assert.equal(edit('{"a": {}}', { kind: 'add-member', title: 't', path: ['a'], key: 'value', value: 0 }), '{"a": {"value": 0}}');
    const indented = '{\n  "id": "urn:x:1",\n  "type": "T"\n}';
    assert.equal(edit(indented, { kind: 'add-member', title: 't', path: [], key: 'speed', value: 1 }), '{\n  "id": "urn:x:1",\n  "type": "T",\n  "speed": 1\n}');
    assert.equal(edit(indented, { kind: 'add-member', title: 't', path: [], key: '@context', value: 'https://x', first: true }), '{\n  "@context": "https://x",\n  "id": "urn:x:1",\n  "type": "T"\n}');
  });

  it('keeps CRLF line ends', () => {
    const text = '{\r\n  "id": "urn:x:1",\r\n  "type": "T"\r\n}';
    const out = edit(text, { kind: 'add-member', title: 't', path: [], key: 'speed', value: { type: 'Property', value: 1, unitCode: 'KMH', observedAt: '2024-01-01T00:00:00Z' } });
    assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
    assert.match(out, /"type": "T",\r\n  "speed": \{\r\n {4}"type": "Property",/);
  });

  it('carries the snippet of an added member, with the text around it escaped', () => {
    const doc = parseDocument('file:///w/a.json', 1, '{"type": "T$"}');
    const [e] = editsForFix(doc, { kind: 'add-member', title: 't', path: [], key: 'id', value: 'urn:ngsi-ld:T:001', snippet: '"urn:ngsi-ld:T:${1:001}"', first: true })!;
    assert.equal(e!.snippet, '"id": "urn:ngsi-ld:T:${1:001}", ');
    assert.equal(e!.newText, '"id": "urn:ngsi-ld:T:001", ');
  });

  it('returns nothing for a node the document no longer has', () => {
    const doc = parseDocument('file:///w/a.json', 1, '{"a": 1}');
    assert.equal(editsForFix(doc, { kind: 'rename-key', title: 't', path: ['b'], to: 'c' }), undefined);
  });
});

describe('layout and formatting', () => {
  it('finds the indent unit and the line end', () => {
    assert.deepEqual(layoutOf('{\n    "a": 1\n}'), { indent: '    ', eol: '\n' });
    assert.deepEqual(layoutOf('{\r\n\t"a": 1\r\n}'), { indent: '\t', eol: '\r\n' });
    assert.deepEqual(layoutOf('{"a": 1}'), { indent: '  ', eol: '\n' });
  });

  it('writes scalar arrays on one line in an indented value', () => {
    assert.equal(formatJson({ type: 'Point', coordinates: [1, 2] }, { indent: '  ', eol: '\n' }, true, '  '), '{\n    "type": "Point",\n    "coordinates": [1, 2]\n  }');
  });

  it('gives one edit for the changed region and never splits a surrogate pair', () => {
    assert.deepEqual(minimalEdit('{"a": 1, "b": 2}', '{"a": 1, "b": 3}'), { start: 14, end: 15, newText: '3' });
    const e = minimalEdit('"\u{1F600}"', '"\u{1F601}"')!;
    assert.deepEqual([e.start, e.end, e.newText], [1, 3, '\u{1F601}']);
    assert.equal(minimalEdit('same', 'same'), undefined);
  });
});

describe('fix-all', () => {
  const check = (d: ReturnType<typeof parseDocument>) => checkDocument(d, DEFAULT_SETTINGS);

  it('applies every safe fix, over as many rounds as it takes, and leaves the unsafe ones', () => {
    const text = JSON.stringify(
      {
        id: 'urn:ngsi-ld:Car:1',
        type: 'Car',
        createdAt: '2024-01-01T00:00:00Z',
        owner: { type: 'Relationship', value: 'urn:ngsi-ld:Person:1' },
        speed: { type: 'Property', value: 3 },
        brand: 'Seat',
        refPark: { type: 'Relationship', object: 'park 1' },
      },
      null,
      2,
    );
    const doc = parseDocument('file:///w/car.json', 1, text);
    const before = check(doc).problems.map((p) => p.code).sort();
    assert.deepEqual(before, ['ngsi-ld/mixed-representation', 'ngsi-ld/relationship-object', 'ngsi-ld/relationship-target', 'ngsi-ld/system-attribute']);
    const fixed = fixAll(doc, check);
    const out = JSON.parse(fixed.text) as Record<string, unknown>;
    assert.equal(out.createdAt, undefined);
    assert.deepEqual(out.owner, { type: 'Relationship', object: 'urn:ngsi-ld:Person:1' });
    assert.deepEqual(out.brand, { type: 'Property', value: 'Seat' });
    assert.deepEqual(fixed.remaining.map((p) => p.code), ['ngsi-ld/relationship-target'], 'a bad target needs a person');
    assert.deepEqual(fixed.applied.map((a) => a.code).sort(), ['ngsi-ld/mixed-representation', 'ngsi-ld/relationship-object', 'ngsi-ld/system-attribute']);
    assert.ok(fixed.edit && fixed.edit.start > 0, 'one edit, starting where the first change is');
    assert.equal(applyEdits(text, [fixed.edit]), fixed.text);
  });

  it('changes nothing in a file without safe fixes', () => {
    const doc = parseDocument('file:///w/car.json', 1, '{"id": "urn:ngsi-ld:Car:1", "type": "Car"}');
    const fixed = fixAll(doc, check);
    assert.equal(fixed.edit, undefined);
    assert.deepEqual(fixed.applied, []);
  });
});
