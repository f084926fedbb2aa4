/**
 * Hostile and broken data models from the workspace: patterns that backtrack catastrophically, $ref loops
 * within a document and across documents, enormous, deep and sprawling schemas, schemas that do not compile.
 * Each ends quickly, is reported on the payload (the entity is not checked against the model, and says why)
 * and on the schema itself, and leaves the other checks working.
 *
 * A hang fails a test by its timeout: these tests have one, because a hang is what they look for.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { backtrackingRisk, findRefCycles, riskyPatterns } from '../../server/src/service/sdm/schema-guards';
import { checkWithModels, SHARED } from '../helpers/engine';

const HANG = { timeout: 20_000 };

const thing = (members: string) => `{"id": "urn:ngsi-ld:Thing:1", "type": "Thing"${members}}`;
const model = (properties: string, extra = '') => `{"type": "object", "properties": {"type": {"enum": ["Thing"]}, ${properties}}${extra}}`;

async function checkThing(members: string, files: Record<string, string>) {
  const result = await checkWithModels('thing.json', thing(members), { files });
  return result.problems.map((p) => ({ code: p.code, message: p.message, path: p.path.join('/') }));
}

describe('patterns that backtrack catastrophically', () => {
  it('tells risky patterns from linear ones', () => {
    for (const risky of ['^(a+)+$', '(a*)*', '^(\\w+\\s?)*$', '(a|ab)*c', '(.*a){12}', '^([A-Z0-9]+)+$', '(?:x+y?)+', '((ab)*)+', '([a-z]|[0-9])+$']) {
      assert.ok(backtrackingRisk(risky), `${risky} is risky`);
    }
    for (const safe of ['^[A-Z]{2}$', '^(a|b)*$', '^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$', '^\\d+(\\.\\d+)?$', '^(?:\\d+Y|Y)?(?:\\d+M|M)?$', '^urn:ngsi-ld:[A-Za-z]+:.+$', '(ab)+', '[(]+', '\\(a+\\)+']) {
      assert.equal(backtrackingRisk(safe), undefined, `${safe} is linear`);
    }
  });

  it('finds no risky pattern in the Smart Data Models (no false alarm on real models)', () => {
    const flagged: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.json')) {
          let json: unknown;
          try {
            json = JSON.parse(readFileSync(path, 'utf8'));
          } catch {
            continue;
          }
          for (const p of riskyPatterns(json)) flagged.push(`${path}: ${p.pattern}`);
        }
      }
    };
    walk(join(SHARED, 'sdm'));
    assert.deepEqual(flagged, []);
  });

  it('does not run a risky pattern on a payload, says so, and checks the rest of the model', HANG, async () => {
    const files = { 'Thing/schema.json': model('"code": {"type": "string", "pattern": "^(a+)+$"}, "size": {"type": "number", "minimum": 0}') };
    const problems = await checkThing(`, "code": "${'a'.repeat(60)}!", "size": -1`, files);
    assert.deepEqual(problems.map((p) => p.code).sort(), ['sdm/model-incomplete', 'sdm/range']);
    const notice = problems.find((p) => p.code === 'sdm/model-incomplete')!;
    assert.equal(notice.path, 'type');
    assert.match(notice.message, /"\^\(a\+\)\+\$" \(a group that repeats without bound holds a repetition of variable length/);
  });

  it('does not run a pattern with an unbounded repetition on a very long string, and says so', HANG, async () => {
    const files = { 'Thing/schema.json': model('"digits": {"type": "string", "pattern": "^\\\\d*\\\\d*x$"}') };
    const long = await checkThing(`, "digits": "${'1'.repeat(20_000)}"`, files);
    assert.deepEqual(long.map((p) => p.code), ['sdm/model-incomplete']);
    assert.match(long[0]!.message, /longer than 10,000 characters/);
    const short = await checkThing(', "digits": "123"', files);
    assert.deepEqual(short.map((p) => p.code), ['sdm/pattern'], 'a short string is matched (and fails: no x)');
  });
});

describe('$ref loops', () => {
  it('finds the $ref that closes a loop of in-place schemas, and not a recursion through properties', () => {
    assert.deepEqual(findRefCycles({ $ref: '#' }), [['$ref']]);
    assert.deepEqual(findRefCycles({ $defs: { a: { allOf: [{ $ref: '#/$defs/b' }] }, b: { anyOf: [{ $ref: '#/$defs/a' }] } }, $ref: '#/$defs/a' }).length, 1);
    assert.deepEqual(findRefCycles({ $id: 'https://x.org/s.json', not: { $ref: 'https://x.org/s.json#' } }), [['not', '$ref']]);
    assert.deepEqual(findRefCycles({ type: 'object', properties: { child: { $ref: '#' } } }), []);
    assert.deepEqual(findRefCycles({ $defs: { tree: { items: { $ref: '#/$defs/tree' } } }, $ref: '#/$defs/tree' }), []);
  });

  it('reports a model whose $ref leads back to itself on the payload, and checks nothing against it', HANG, async () => {
    for (const schema of ['{"$ref": "#"}', model('"size": {"$ref": "#/properties/size"}'), '{"allOf": [{"$ref": "#"}]}']) {
      const problems = await checkThing(', "size": 1', { 'Thing/schema.json': schema });
      assert.deepEqual(problems.map((p) => p.code), ['sdm/model-error'], schema);
      assert.match(problems[0]!.message, /leads back to itself without descending into the data/);
    }
  });

  it('reports a loop across two documents on the payload', HANG, async () => {
    const files = {
      'Thing/schema.json': '{"allOf": [{"$ref": "other.json"}]}',
      'Thing/other.json': '{"anyOf": [{"$ref": "schema.json"}]}',
    };
    const problems = await checkThing(', "size": 1', files);
    assert.deepEqual(problems.map((p) => p.code), ['sdm/model-error']);
    assert.match(problems[0]!.message, /lead back to themselves without end|never ends/);
    // The second entity meets the failed model again without running it.
    const again = await checkWithModels('batch.json', `[${thing('')}, ${thing('').replace(':1"', ':2"')}]`, { files });
    assert.deepEqual(again.problems.map((p) => p.code), ['sdm/model-error', 'sdm/model-error']);
  });
});

describe('enormous, deep and sprawling schemas', () => {
  it('does not compile a schema of more than 10,000 nodes, and says why', HANG, async () => {
    const properties = Array.from({ length: 30_000 }, (_, i) => `"p${i}": {"type": "string"}`).join(', ');
    const problems = await checkThing(', "p1": 3', { 'Thing/schema.json': model(properties) });
    assert.deepEqual(problems.map((p) => p.code), ['sdm/model-error']);
    assert.match(problems[0]!.message, /too large to check against: more than 10,000 JSON nodes/);
  });

  it('does not compile a schema nested deeper than 200 levels', HANG, async () => {
    const deep = '{"items": '.repeat(5000) + '{}' + '}'.repeat(5000);
    const problems = await checkThing(', "size": 1', { 'Thing/schema.json': model(`"size": ${deep}`) });
    assert.deepEqual(problems.map((p) => p.code), ['sdm/model-error']);
    assert.match(problems[0]!.message, /nests more than 200 levels deep/);
  });

  it('follows no more than 64 documents', HANG, async () => {
    const files: Record<string, string> = { 'Thing/schema.json': '{"allOf": [{"$ref": "d0.json"}]}' };
    for (let i = 0; i < 300; i++) files[`Thing/d${i}.json`] = `{"allOf": [{"$ref": "d${i + 1}.json"}]}`;
    const problems = await checkThing(', "size": 1', files);
    assert.deepEqual(problems.map((p) => p.code), ['sdm/model-error']);
    assert.match(problems[0]!.message, /references more than 64 documents/);
  });

  it('reports a schema that does not compile, and goes on with the NGSI-LD checks', HANG, async () => {
    const files = { 'Thing/schema.json': model('"size": {"type": "string", "pattern": "("}') };
    const result = await checkWithModels('thing.json', '{"id": "urn:ngsi-ld:Thing:1", "type": "Thing", "size": {"type": "Property"}}', { files });
    assert.deepEqual(result.problems.map((p) => p.code).sort(), ['ngsi-ld/main-member-missing', 'sdm/model-error']);
    assert.match(result.problems.find((p) => p.code === 'sdm/model-error')!.message, /does not compile: Invalid regular expression/);
  });
});

describe('the same problems, reported on the schema', () => {
  const FILE = 'dataModel.Test/Thing/schema.json';
  async function onSchema(text: string) {
    const result = await checkWithModels(FILE, text, { files: { [FILE]: text } });
    return result.problems.filter((p) => ['sdm-schema/pattern-backtracking', 'sdm-schema/ref-cycle', 'sdm-schema/too-large'].includes(p.code));
  }

  it('marks a risky pattern, as a value and as a patternProperties name', async () => {
    const text = model('"code": {"type": "string", "pattern": "^(a+)+$", "description": "Property. Code"}', ', "patternProperties": {"^(x|xy)*$": {"type": "string"}}');
    const problems = await onSchema(text);
    assert.deepEqual(problems.map((p) => [p.code, p.severity, text.slice(p.offsets.start, p.offsets.end)]), [
      ['sdm-schema/pattern-backtracking', 'warning', '"^(a+)+$"'],
      ['sdm-schema/pattern-backtracking', 'warning', '"^(x|xy)*$"'],
    ]);
  });

  it('marks the $ref that closes a loop', async () => {
    const text = '{"type": "object", "$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"oneOf": [{"$ref": "#/$defs/a"}]}}, "properties": {"x": {"$ref": "#/$defs/a"}}}';
    const problems = await onSchema(text);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.code, 'sdm-schema/ref-cycle');
    assert.equal(problems[0]!.severity, 'error');
    assert.match(text.slice(problems[0]!.offsets.start, problems[0]!.offsets.end), /^"#\/\$defs\/[ab]"$/);
  });

  it('marks a schema too large or too deep to check payloads against', HANG, async () => {
    const wide = model(Array.from({ length: 12_000 }, (_, i) => `"p${i}": {"type": "string"}`).join(', '));
    assert.deepEqual((await onSchema(wide)).map((p) => [p.code, p.offsets.start]), [['sdm-schema/too-large', 0]]);
    const deep = model(`"size": ${'{"items": '.repeat(300)}{}${'}'.repeat(300)}`);
    const problems = await onSchema(deep);
    assert.deepEqual(problems.map((p) => p.code), ['sdm-schema/too-large']);
    assert.match(problems[0]!.message, /nests more than 200 levels deep/);
  });
});
