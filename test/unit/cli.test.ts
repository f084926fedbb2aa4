import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../../server/src/cli';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

describe('mim-check', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mim-check-'));
    mkdirSync(join(dir, 'payloads', 'nested'), { recursive: true });
    mkdirSync(join(dir, 'payloads', 'node_modules'));
    writeFileSync(join(dir, 'payloads', 'good.json'), '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 5}}');
    writeFileSync(join(dir, 'payloads', 'nested', 'bad.jsonld'), '{"id": "urn:ngsi-ld:Car:2",\n "type": "Car",\n "owner": {"type": "Relationship", "value": "urn:ngsi-ld:P:1"}}');
    writeFileSync(join(dir, 'payloads', 'node_modules', 'ignored.json'), '{"id": "x", "type": "Car", "a": {"type": "Property"}}');
    // Editor settings are JSON with comments: hidden folders are not walked.
    mkdirSync(join(dir, 'payloads', '.vscode'));
    writeFileSync(join(dir, 'payloads', '.vscode', 'settings.json'), '{\n  // comment\n  "mim.enable": true\n}');
    writeFileSync(join(dir, 'payloads', 'notes.txt'), 'not json');
    writeFileSync(join(dir, 'hint.json'), '{"id": "https://example.org/cars/1", "type": "Car", "speed": {"type": "Property", "value": 5}}');
  });

  it('walks folders for .json and .jsonld files and prints problems in text', async () => {
    const { code, stdout, stderr } = await run(['payloads'], dir);
    assert.equal(code, 1);
    assert.equal(stderr, '');
    const lines = stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, -1), [
      'payloads/nested/bad.jsonld:1:1: error ngsi-ld/context-missing: This JSON-LD payload (.jsonld) has no "@context": a broker refuses application/ld+json without one. Add "@context", or save the file as .json and send the context in a Link header.',
      'payloads/nested/bad.jsonld:3:36: error ngsi-ld/relationship-object: A Relationship needs "object" (a URI), not "value": written as "value", the link is not stored. Rename "value" to "object".',
    ]);
    assert.equal(lines.at(-1), '2 files checked: 2 errors, 0 warnings, 0 information, 0 hints in 1 file.');
  });

  it('prints JSON with 0-based LSP ranges', async () => {
    const { code, stdout } = await run(['--format', 'json', 'payloads/nested/bad.jsonld', 'payloads/good.json'], dir);
    assert.equal(code, 1);
    const out = JSON.parse(stdout) as { files: { path: string; problems: { code: string; severity: string; message: string; range: unknown }[] }[] };
    assert.deepEqual(out.files.map((f) => f.path), ['payloads/nested/bad.jsonld', 'payloads/good.json']);
    const problem = out.files[0]!.problems[1]!;
    assert.deepEqual(Object.keys(problem), ['code', 'severity', 'message', 'range']);
    assert.deepEqual(problem.range, { start: { line: 2, character: 35 }, end: { line: 2, character: 42 } });
    assert.equal(problem.severity, 'error');
    assert.deepEqual(out.files[1]!.problems, []);
  });

  it('exits 0 when there are problems but no errors', async () => {
    const { code, stdout } = await run(['hint.json'], dir);
    assert.equal(code, 0);
    assert.match(stdout, /information ngsi-ld\/entity-id-form/);
  });

  it('lets rules be switched off and kinds be declared', async () => {
    const off = await run(['--rule', 'ngsi-ld/context-missing=off', '--rule=ngsi-ld/relationship-object=warning', 'payloads/nested'], dir);
    assert.equal(off.code, 0);
    assert.match(off.stdout, /warning ngsi-ld\/relationship-object/);
    const declared = await run(['--kind', '*.json=none', '--format', 'json', 'hint.json'], dir);
    assert.deepEqual(JSON.parse(declared.stdout).files[0].problems, []);
  });

  it('exits 2 on a read error and still checks the other files', async () => {
    const { code, stdout, stderr } = await run(['missing.json', 'payloads/nested/bad.jsonld'], dir);
    assert.equal(code, 2);
    assert.equal(stderr, 'mim-check: cannot read missing.json: no such file or folder\n');
    assert.match(stdout, /relationship-object/);
  });

  it('exits 2 with a clear message on usage errors', async () => {
    for (const args of [[], ['--format', 'xml', 'a.json'], ['--rule', 'nope=off', 'a.json'], ['--rule', 'ngsi-ld/entity-id=loud', 'a.json'], ['--kind', 'x=thing', 'a.json'], ['--bogus', 'a.json'], ['--format']]) {
      const { code, stderr } = await run(args, dir);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^mim-check: .+\n\nUsage: mim-check/);
    }
    const help = await run(['--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: mim-check/);
  });

  it('reports an unreadable file and goes on', { skip: process.getuid?.() === 0 ? 'root reads everything' : false }, async () => {
    const locked = join(dir, 'locked.json');
    writeFileSync(locked, '{}');
    chmodSync(locked, 0o000);
    const { code, stderr } = await run(['locked.json'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /cannot read locked.json: permission denied/);
  });

  it('runs as the built dist/cli.js with the same exit codes', () => {
    const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
    const bad = spawnSync(process.execPath, [cli, 'payloads'], { cwd: dir, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /ngsi-ld\/relationship-object/);
    const good = spawnSync(process.execPath, [cli, 'payloads/good.json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(good.status, 0);
    const usage = spawnSync(process.execPath, [cli], { cwd: dir, encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });
});

describe('mim-check over a repository of data models', () => {
  let repo: string;
  // A complete model, with its commons in the subject's own shared schema (dataModel.Test/test-schema.json).
  const schema = (type: string) =>
    JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $schemaVersion: '0.0.1',
      $id: `https://smart-data-models.github.io/dataModel.Test/${type}/schema.json`,
      title: `Smart Data Models - ${type}`,
      description: 'A data model of the command-line tests: an entity with a count and nothing else.',
      modelTags: 'test',
      derivedFrom: '',
      license: 'https://spdx.org/licenses/MIT.html',
      type: 'object',
      allOf: [
        { $ref: 'https://smart-data-models.github.io/dataModel.Test/test-schema.json#/definitions/GSMA-Commons' },
        { properties: { type: { type: 'string', enum: [type], description: `Property. It has to be ${type}` }, count: { type: 'integer', description: 'Property. Things counted' } } },
      ],
      required: ['id', 'type'],
    });
  before(() => {
    repo = mkdtempSync(join(tmpdir(), 'mim-repo-'));
    mkdirSync(join(repo, 'dataModel.Test'));
    const commons = { type: 'object', properties: { id: { type: 'string', description: 'Property. Unique identifier of the entity' } } };
    writeFileSync(join(repo, 'dataModel.Test', 'test-schema.json'), JSON.stringify({ definitions: { 'GSMA-Commons': commons } }));
    for (const model of ['Alpha', 'Beta']) {
      mkdirSync(join(repo, 'dataModel.Test', model, 'examples'), { recursive: true });
      writeFileSync(join(repo, 'dataModel.Test', model, 'schema.json'), schema(model));
      writeFileSync(join(repo, 'dataModel.Test', model, 'notes.yaml'), 'notes: []\n');
      writeFileSync(join(repo, 'dataModel.Test', model, 'ADOPTERS.yaml'), 'currentAdopters: []\n');
      const v2 = (count: string) => `{"id": "${model}-1", "type": "${model}", "count": ${count}}`;
      const context = `{"${model}": "https://example.org/${model}", "count": "https://example.org/count"}`;
      const ld = (count: string) => `{"id": "urn:ngsi-ld:${model}:1", "type": "${model}", "count": ${count}, "@context": [${context}, "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}`;
      writeFileSync(join(repo, 'dataModel.Test', model, 'examples', 'example.json'), v2(model === 'Beta' ? '"many"' : '3'));
      writeFileSync(join(repo, 'dataModel.Test', model, 'examples', 'example-normalized.json'), v2('{"type": "Number", "value": 3}'));
      writeFileSync(join(repo, 'dataModel.Test', model, 'examples', 'example.jsonld'), ld('3'));
      writeFileSync(join(repo, 'dataModel.Test', model, 'examples', 'example-normalized.jsonld'), ld('{"type": "Property", "value": 3}'));
    }
  });

  it('ends with one line per data model, and --summary prints only those', async () => {
    const full = await run(['dataModel.Test'], repo);
    assert.equal(full.code, 1);
    const lines = full.stdout.trim().split('\n');
    assert.ok(lines.some((l) => l.startsWith('dataModel.Test/Beta/examples/example.json:1:') && l.includes('error sdm/value-type')), full.stdout);
    const summary = await run(['--summary', 'dataModel.Test'], repo);
    assert.equal(summary.code, 1, 'the exit status does not depend on what is printed');
    assert.deepEqual(summary.stdout.trim().split('\n'), [
      '2 data models: 1 passed, 0 with warnings only, 1 with errors.',
      '  dataModel.Test/Alpha  passed',
      '  dataModel.Test/Beta   1 error (sdm/value-type 1), 2 warnings (sdm-example/twin 2)',
      '',
      '11 files checked: 1 error, 2 warnings, 0 information, 0 hints in 2 files.',
    ]);
  });

  it('gives the summaries in JSON too', async () => {
    const { stdout } = await run(['--format', 'json', '--summary', 'dataModel.Test'], repo);
    const out = JSON.parse(stdout) as { files?: unknown; dataModels: { model: string; status: string; files: number; errors: number; rules: Record<string, number> }[] };
    assert.equal(out.files, undefined);
    assert.deepEqual(
      out.dataModels.map((m) => [m.model, m.status, m.files, m.errors, m.rules]),
      [
        ['Alpha', 'passed', 5, 0, {}],
        ['Beta', 'errors', 5, 1, { 'sdm/value-type': 1, 'sdm-example/twin': 2 }],
      ],
    );
  });
});
