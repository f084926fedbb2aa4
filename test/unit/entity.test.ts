import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Problem } from '../../server/src/service/index';
import { check, codes, covered, problems } from '../helpers/engine';

/** [code, severity, covered text] of each problem, for compact assertions. */
function found(file: string, text: string, settings: Record<string, unknown> = {}): [string, string, string][] {
  return problems(file, text, settings).map((p: Problem) => [p.code, p.severity, covered(text, p)]);
}

const entity = (attrs: string, extra = '') => `{"id": "urn:ngsi-ld:Car:1", "type": "Car"${extra}${attrs ? ', ' + attrs : ''}}`;

describe('entity id and type', () => {
  it('accepts any absolute URI and hints at the recommended form', () => {
    assert.deepEqual(found('a.json', '{"id": "https://example.org/cars/1", "type": "Car", "speed": {"type": "Property", "value": 1}}'), [
      ['ngsi-ld/entity-id-form', 'information', '"https://example.org/cars/1"'],
    ]);
  });

  it('refuses ids that are not absolute URIs, and proposes one', () => {
    for (const id of ['""', '"car 1"', '"car1"', '42', '"urn:"']) {
      const text = `{"id": ${id}, "type": "Car", "speed": {"type": "Property", "value": 1}}`;
      const p = problems('a.json', text).find((x) => x.code === 'ngsi-ld/entity-id');
      assert.ok(p, `no entity-id problem for ${id}`);
      assert.equal(covered(text, p), id);
    }
    const p = problems('a.json', '{"id": "car1", "type": "Car", "speed": {"type": "Property", "value": 1}}')[0]!;
    assert.deepEqual(p.fixes?.[0], { kind: 'set-value', title: 'Use "urn:ngsi-ld:Car:car1"', path: ['id'], value: 'urn:ngsi-ld:Car:car1', safe: false });
  });

  it('warns about ids Orion-LD refuses', () => {
    const text = entity('').replace('Car:1', 'Car:1;x');
    assert.deepEqual(found('a.jsonld', text.replace('}', ', "@context": "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"}')), [
      ['ngsi-ld/uri-characters', 'warning', '"urn:ngsi-ld:Car:1;x"'],
    ]);
  });

  it('checks each type of an array of types', () => {
    const text = '{"id": "urn:ngsi-ld:Car:1", "type": ["Car", "2ndHand", 7], "speed": {"type": "Property", "value": 1}}';
    assert.deepEqual(found('a.json', text), [
      ['ngsi-ld/entity-type', 'error', '"2ndHand"'],
      ['ngsi-ld/entity-type', 'error', '7'],
    ]);
    assert.deepEqual(found('a.json', '{"id": "urn:ngsi-ld:Car:1", "type": [], "speed": {"type": "Property", "value": 1}}'), [['ngsi-ld/entity-type', 'error', '[]']]);
  });

  it('accepts prefixed and IRI types', () => {
    assert.deepEqual(codes('a.json', '{"id": "urn:ngsi-ld:Car:1", "type": ["schema:Car", "https://example.org/Vehicle"], "speed": {"type": "Property", "value": 1}}'), []);
  });

  it('reports a missing type on the entity object', () => {
    const text = '{"id": "urn:ngsi-ld:Car:1", "speed": {"type": "Property", "value": 1}}';
    assert.deepEqual(found('a.json', text), [['ngsi-ld/entity-type-missing', 'error', text]]);
  });

  it('reports misspelt entity members', () => {
    const text = '{"ID": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 1}}';
    const result = found('a.json', text);
    assert.deepEqual(result.filter(([c]) => c === 'ngsi-ld/member-typo'), [['ngsi-ld/member-typo', 'warning', '"ID"']]);
  });

  it('checks scopes, including arrays', () => {
    const text = entity('', ', "scope": ["/Madrid/Centro", "Madrid/2nd", "/a/"]');
    assert.deepEqual(found('a.json', text), [
      ['ngsi-ld/scope', 'error', '"Madrid/2nd"'],
      ['ngsi-ld/scope', 'error', '"/a/"'],
    ]);
  });
});

describe('attributes in normalized form', () => {
  it('checks every kind with its main member', () => {
    const text = entity(
      [
        '"a": {"type": "Property", "value": {"x": 1}}',
        '"b": {"type": "Relationship", "object": "urn:ngsi-ld:X:1"}',
        '"c": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [1, 2]}}',
        '"d": {"type": "LanguageProperty", "languageMap": {"en": "x", "pt-BR": ["y", "z"], "@none": "w"}}',
        '"e": {"type": "VocabProperty", "vocab": ["a", "b"]}',
        '"f": {"type": "ListProperty", "valueList": [1, "2"]}',
        '"g": {"type": "ListRelationship", "objectList": [{"object": "urn:ngsi-ld:X:1"}, "urn:ngsi-ld:X:2"]}',
        '"h": {"type": "JsonProperty", "json": [{"a": null}]}',
      ].join(', '),
    );
    assert.deepEqual(
      found('a.json', text).filter(([, s]) => s !== 'hint'),
      [],
    );
  });

  it('explains a kind written in the wrong case and offers the right one', () => {
    const text = entity('"speed": {"type": "property", "value": 1}');
    const p = problems('a.json', text)[0]!;
    assert.equal(p.code, 'ngsi-ld/attribute-kind');
    assert.match(p.message, /most likely a Property/);
    assert.deepEqual(p.fixes?.[0]?.kind === 'set-value' ? p.fixes[0].value : undefined, 'Property');
  });

  it('names the Orion-LD spelling VocabularyProperty', () => {
    const text = entity('"c": {"type": "VocabularyProperty", "vocab": "x"}');
    const p = problems('a.json', text)[0]!;
    assert.equal(p.code, 'ngsi-ld/attribute-kind');
    assert.match(p.message, /older Orion-LD spelling/);
  });

  it('reports a Property carrying object (and offers to change the type)', () => {
    const text = entity('"owner": {"type": "Property", "object": "urn:ngsi-ld:P:1"}');
    const [p] = problems('a.json', text);
    assert.equal(p!.code, 'ngsi-ld/forbidden-member');
    assert.equal(covered(text, p!), '"object"');
    assert.deepEqual(p!.fixes?.[0], { kind: 'set-value', title: 'Change the type to Relationship', path: ['owner', 'type'], value: 'Relationship', safe: false });
  });

  it('allows unitCode only on Properties', () => {
    const text = entity('"owner": {"type": "Relationship", "object": "urn:ngsi-ld:P:1", "unitCode": "KMH"}');
    assert.deepEqual(found('a.json', text), [['ngsi-ld/forbidden-member', 'error', '"unitCode"']]);
  });

  it('checks sub-attributes recursively', () => {
    const text = entity('"speed": {"type": "Property", "value": 1, "accuracy": {"type": "Property", "value": 0.1, "source": {"type": "Relationship"}}}');
    assert.deepEqual(found('a.json', text), [['ngsi-ld/main-member-missing', 'error', '{"type": "Relationship"}']]);
  });

  it('points at a misspelt main member', () => {
    const text = entity('"speed": {"type": "Property", "vaule": 1}');
    const result = problems('a.json', text);
    const missing = result.find((p) => p.code === 'ngsi-ld/main-member-missing')!;
    assert.match(missing.message, /"vaule" looks like a misspelling/);
    assert.deepEqual(missing.fixes?.[0], { kind: 'rename-key', title: 'Rename "vaule" to "value"', path: ['speed', 'vaule'], to: 'value', safe: false });
  });

  it('checks the target of a Relationship', () => {
    assert.deepEqual(found('a.json', entity('"r": {"type": "Relationship", "object": {"id": "urn:x:1"}}')), [['ngsi-ld/relationship-target', 'error', '{"id": "urn:x:1"}']]);
    assert.deepEqual(found('a.json', entity('"r": {"type": "Relationship", "object": ["urn:x:1", "bad"]}')), [['ngsi-ld/relationship-target', 'error', '"bad"']]);
  });

  it('reports JSON null and nested nulls', () => {
    const text = entity('"a": null, "b": {"type": "Property", "value": {"x": [1, null]}}');
    assert.deepEqual(found('a.json', text), [
      ['ngsi-ld/null-value', 'error', 'null'],
      ['ngsi-ld/nested-null', 'warning', 'null'],
    ]);
  });

  it('checks language maps', () => {
    const text = entity('"n": {"type": "LanguageProperty", "languageMap": {"": "x", "english": "y", "en": 5}}');
    assert.deepEqual(found('a.json', text), [
      ['ngsi-ld/language-map', 'error', '""'],
      ['ngsi-ld/language-map', 'error', '"english"'],
      ['ngsi-ld/language-map', 'error', '5'],
    ]);
  });

  it('reads typed DateTime values', () => {
    const text = entity('"d": {"type": "Property", "value": {"@type": "DateTime", "@value": "2016-11-30 07:00"}}');
    const [p] = problems('a.json', text);
    assert.equal(p!.code, 'ngsi-ld/datetime');
    assert.equal(covered(text, p!), '"2016-11-30 07:00"');
    assert.match(p!.message, /seconds are missing/);
  });
});

describe('DateTimes', () => {
  const at = (value: string) => entity(`"speed": {"type": "Property", "value": 1, "observedAt": ${JSON.stringify(value)}}`);
  const fixOf = (value: string) => {
    const p = problems('a.json', at(value))[0];
    return p && p.fixes?.[0]?.kind === 'set-value' ? [p.fixes[0].value, p.fixes[0].safe] : p ? 'no fix' : 'valid';
  };
  it('accepts the strict UTC form with up to six fraction digits', () => {
    assert.equal(fixOf('2024-05-01T10:00:00Z'), 'valid');
    assert.equal(fixOf('2024-05-01T10:00:00.123456Z'), 'valid');
    assert.equal(fixOf('2024-02-29T23:59:59Z'), 'valid');
  });
  it('converts offsets to UTC', () => {
    assert.deepEqual(fixOf('2024-05-01T01:30:00+02:00'), ['2024-04-30T23:30:00Z', true]);
    assert.deepEqual(fixOf('2024-05-01T10:00:00-0530'), ['2024-05-01T15:30:00Z', true]);
  });
  it('completes missing seconds and trims fraction digits', () => {
    assert.deepEqual(fixOf('2024-05-01T10:00Z'), ['2024-05-01T10:00:00Z', true]);
    assert.deepEqual(fixOf('2024-05-01T10:00:00.1234567Z'), ['2024-05-01T10:00:00.123456Z', true]);
  });
  it('assumes UTC only as an unsafe fix when no zone is given', () => {
    assert.deepEqual(fixOf('2016-03-15T11:00:00'), ['2016-03-15T11:00:00Z', false]);
  });
  it('refuses impossible dates and text without a fix', () => {
    assert.equal(fixOf('2016-19-08T00:00:00Z'), 'no fix');
    assert.equal(fixOf('2023-02-29T00:00:00Z'), 'no fix');
    assert.equal(fixOf('24:00'), 'no fix');
    assert.equal(fixOf('yesterday'), 'no fix');
  });
});

describe('multi-attributes', () => {
  it('accepts instances with distinct datasetIds and one default', () => {
    const text = entity('"speed": [{"type": "Property", "value": 1}, {"type": "Property", "value": 2, "datasetId": "urn:ngsi-ld:Dataset:a"}]');
    assert.deepEqual(codes('a.json', text), []);
  });
  it('reports a non-URI datasetId with a proposal', () => {
    const text = entity('"speed": {"type": "Property", "value": 1, "datasetId": "gps"}');
    const [p] = problems('a.json', text);
    assert.equal(p!.code, 'ngsi-ld/dataset-id');
    assert.deepEqual(p!.fixes?.[0]?.kind === 'set-value' && p!.fixes[0].value, 'urn:ngsi-ld:Dataset:gps');
  });
  it('reads arrays without attribute instances as values', () => {
    assert.deepEqual(codes('a.json', entity('"tags": {"type": "Property", "value": [1, 2]}')), []);
    assert.deepEqual(codes('a.json', '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "info": [{"name": "a", "value": "1"}, {"name": "b", "value": "2"}]}'), []);
  });
});

describe('representations', () => {
  it('takes an entity without typed attributes as simplified: objects are values', () => {
    const text = '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "address": {"type": "PostalAddress", "street": "Main"}, "speed": 5, "location": {"type": "Point", "coordinates": [2, 41]}}';
    const result = check('a.json', text);
    assert.equal(result.representation, 'simplified');
    assert.deepEqual(result.problems, []);
  });

  it('reads concise attributes and infers their kinds', () => {
    const text = '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"value": 5, "unitCode": "KMH"}, "owner": {"object": "urn:ngsi-ld:P:1"}, "location": {"value": {"type": "Point", "coordinates": [2, 41]}}, "name": {"languageMap": {"en": "x"}}}';
    const result = check('a.json', text);
    assert.equal(result.representation, 'concise');
    assert.deepEqual(result.problems, []);
  });

  it('checks GeoJSON values in concise and simplified entities', () => {
    const text = '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": 5, "location": {"type": "Point", "coordinates": [41.38, 170.2]}}';
    assert.deepEqual(found('a.json', text), [['geo/swapped-coordinates', 'error', '[41.38, 170.2]']]);
  });

  it('reports a geometry given as text, with a Point from "lat, lon"', () => {
    const text = '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": 5, "location": "40.4, -3.7"}';
    const [p] = problems('a.json', text);
    assert.equal(p!.code, 'geo/not-an-object');
    assert.deepEqual(p!.fixes?.[0]?.kind === 'set-value' && p!.fixes[0].value, { type: 'Point', coordinates: [-3.7, 40.4] });
  });

  it('offers the normalized form for a bare value in a mostly normalized entity', () => {
    const text = entity('"speed": {"type": "Property", "value": 1}, "brand": {"type": "Property", "value": "Seat"}, "refPark": "urn:ngsi-ld:Park:1", "tags": ["a"]');
    const result = problems('a.json', text);
    assert.deepEqual(result.map((p) => [p.code, covered(text, p)]), [
      ['ngsi-ld/mixed-representation', '"urn:ngsi-ld:Park:1"'],
      ['ngsi-ld/mixed-representation', '["a"]'],
    ]);
    assert.deepEqual(result[0]!.fixes?.[0]?.kind === 'set-value' && result[0]!.fixes[0].value, { type: 'Relationship', object: 'urn:ngsi-ld:Park:1' });
    assert.deepEqual(result[1]!.fixes?.[0]?.kind === 'set-value' && result[1]!.fixes[0].value, { type: 'Property', value: ['a'] });
  });

  it('reads an entity with more bare than normalized attributes as concise', () => {
    const text = entity('"speed": {"type": "Property", "value": 1}, "refPark": "urn:ngsi-ld:Park:1", "tags": ["a"]');
    const result = check('a.json', text);
    assert.equal(result.representation, 'concise');
    assert.deepEqual(result.problems.map((p) => p.code), ['ngsi-ld/uri-as-property']);
  });

  it('leaves a URI string alone in a simplified entity, where it is how a link is written', () => {
    const text = entity('"speed": 1, "refPark": "urn:ngsi-ld:Park:1"');
    const result = check('a.json', text);
    assert.equal(result.representation, 'simplified');
    assert.deepEqual(result.problems.map((p) => p.code), []);
  });
});

describe('NGSI-v2 and mixed payloads', () => {
  it('recognises an NGSI-v2 payload and leaves it alone', () => {
    const text = '{"id": "Car1", "type": "Car", "speed": {"type": "Number", "value": 5, "metadata": {}}, "refOwner": {"type": "Relationship", "value": "Person1"}}';
    const result = check('a.json', text);
    assert.equal(result.detection.kind, 'ngsi-v2');
    assert.deepEqual(result.problems, []);
  });

  it('flags v2 types inside an NGSI-LD payload, naming the kind', () => {
    const text = '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Number", "value": 5}, "location": {"type": "geo:json", "value": {"type": "Point", "coordinates": [1, 2]}}, "@context": "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"}';
    const result = problems('a.jsonld', text);
    assert.deepEqual(result.map((p) => [p.code, covered(text, p), p.fixes?.[0]?.kind === 'set-value' && p.fixes[0].value]), [
      ['ngsi-ld/ngsi-v2-type', '"Number"', 'Property'],
      ['ngsi-ld/ngsi-v2-type', '"geo:json"', 'GeoProperty'],
    ]);
  });
});

describe('NGSI-LD Null and update payloads', () => {
  const withNull = entity('"speed": {"type": "Property", "value": "urn:ngsi-ld:null"}');
  it('takes a payload that deletes as an update and says so', () => {
    assert.deepEqual(found('a.json', withNull), [['ngsi-ld/ngsi-ld-null', 'information', '"urn:ngsi-ld:null"']]);
  });
  it('is an error in a file declared a create payload', () => {
    assert.deepEqual(found('a.json', withNull, { payloadKinds: { '*.json': 'entity' } }), [['ngsi-ld/ngsi-ld-null', 'error', '"urn:ngsi-ld:null"']]);
  });
  it('needs no id or type in a merge body', () => {
    const text = '{"speed": {"type": "Property", "value": 3}, "@context": "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"}';
    const result = check('a.jsonld', text);
    assert.equal(result.detection.kind, 'entity-update');
    assert.deepEqual(result.problems, []);
  });
  it('checks an attribute body', () => {
    const text = '{"type": "Relationship", "value": "urn:ngsi-ld:P:1"}';
    const result = check('a.json', text);
    assert.equal(result.detection.kind, 'attribute');
    assert.deepEqual(result.problems.map((p) => p.code), ['ngsi-ld/relationship-object']);
  });
});

describe('batches', () => {
  it('checks every entity and reports the failing one at its place', () => {
    const text = '[{"id": "urn:ngsi-ld:Car:1", "type": "Car"}, {"id": "urn:ngsi-ld:Car:2", "type": "Car", "speed": {"type": "Property"}}, 5]';
    assert.deepEqual(found('a.json', text), [
      ['ngsi-ld/main-member-missing', 'error', '{"type": "Property"}'],
      ['ngsi-ld/batch-item', 'error', '5'],
    ]);
  });
  it('needs @context on each entity of a JSON-LD batch', () => {
    const text = '[{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": "https://example.org/c.jsonld"}, {"id": "urn:ngsi-ld:Car:2", "type": "Car"}]';
    assert.deepEqual(found('a.jsonld', text), [['ngsi-ld/context-missing', 'error', '{"id": "urn:ngsi-ld:Car:2", "type": "Car"}']]);
  });
  it('checks delete batches as lists of ids', () => {
    assert.deepEqual(found('a.json', '["urn:ngsi-ld:Car:1", "urn:ngsi-ld:Car:1", "urn:ngsi-ld:Car:x y"]'), [
      ['ngsi-ld/batch-duplicate-id', 'warning', '"urn:ngsi-ld:Car:1"'],
      ['ngsi-ld/entity-id', 'error', '"urn:ngsi-ld:Car:x y"'],
    ]);
  });
});

describe('settings', () => {
  it('switches a rule off or changes its severity', () => {
    const text = '{"id": "https://example.org/cars/1", "type": "Car", "speed": {"type": "Property", "value": 1}}';
    assert.deepEqual(codes('a.json', text, { rules: { 'ngsi-ld/entity-id-form': 'off' } }), []);
    assert.deepEqual(problems('a.json', text, { rules: { 'ngsi-ld/entity-id-form': 'error' } }).map((p) => p.severity), ['error']);
  });
  it('checks nothing when disabled', () => {
    assert.deepEqual(codes('a.json', '{"id": "x", "type": "Car", "a": {"type": "Property"}}', { enable: false }), []);
  });
});
