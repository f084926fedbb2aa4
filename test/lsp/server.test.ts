import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { SERVER, TestClient } from '../helpers/lsp';

// These tests speak LSP to the built server (dist/server.js --stdio), as an editor would.

const ENTITY = `{
  "id": "urn:ngsi-ld:Car:1",
  "type": "Car",
  "owner": {"type": "Relationship", "value": "urn:ngsi-ld:Person:1"},
  "speed": {"type": "Property", "value": 50}
}`;

function lineCol(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not in text`);
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}

describe('language server over stdio (push diagnostics)', () => {
  let client: TestClient;
  before(async () => {
    assert.ok(existsSync(SERVER), 'run npm run build first');
    client = new TestClient();
    const result = await client.initialize();
    assert.equal(result.capabilities.diagnosticProvider, undefined, 'no pull diagnostics without the client capability');
    assert.deepEqual(result.capabilities.textDocumentSync, { openClose: true, change: 2 });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('publishes a problem with code, range, severity, documentation link and fix data', async () => {
    const uri = 'file:///work/car.json';
    client.open(uri, ENTITY);
    const published = await client.diagnostics(uri);
    assert.equal(published.version, 1);
    assert.equal(published.diagnostics.length, 1);
    const [d] = published.diagnostics;
    assert.equal(d!.code, 'ngsi-ld/relationship-object');
    assert.equal(d!.severity, 1);
    assert.equal(d!.source, 'mim');
    const start = lineCol(ENTITY, '"value": "urn');
    assert.deepEqual(d!.range, { start, end: { line: start.line, character: start.character + '"value"'.length } });
    assert.match(String(d!.message), /A Relationship needs "object"/);
    assert.match(d!.codeDescription!.href, /^file:\/\/.*\/docs\/rules\.md#L\d+$/);
    const data = d!.data as { fixes: { kind: string; to: string }[] };
    assert.deepEqual(data.fixes.map((f) => [f.kind, f.to]), [['rename-key', 'object']]);
  });

  it('follows incremental edits and clears the problem once fixed', async () => {
    const uri = 'file:///work/car.json';
    const at = lineCol(ENTITY, '"value": "urn');
    client.change(uri, 2, [{ range: { start: { line: at.line, character: at.character + 1 }, end: { line: at.line, character: at.character + 6 } }, text: 'object' }]);
    const published = await client.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(published.diagnostics, []);
  });

  it('reports broken JSON once, at its place, and keeps the other problems while typing', async () => {
    const uri = 'file:///work/typing.json';
    const text = `{
  "id": "car1",
  "type": "Car",
  "speed": {"type": "Property", "value": 50},
  "brand": {"type": "Property", "value": "Seat"}
}`;
    client.open(uri, text);
    const first = await client.diagnostics(uri);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['ngsi-ld/entity-id']);
    // Delete the comma after the speed attribute, as happens mid-edit.
    const comma = lineCol(text, '50},');
    const pos = { line: comma.line, character: comma.character + 3 };
    client.change(uri, 2, [{ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' }]);
    const broken = await client.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(broken.diagnostics.map((d) => d.code).sort(), ['json/syntax', 'ngsi-ld/entity-id']);
    const syntax = broken.diagnostics.find((d) => d.code === 'json/syntax')!;
    assert.deepEqual(syntax.range.start, { line: comma.line + 1, character: 2 });
    assert.match(String(syntax.message), /comma is expected/);
    // Typing the comma back restores the first state.
    client.change(uri, 3, [{ range: { start: pos, end: pos }, text: ',' }]);
    const fixed = await client.diagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(fixed.diagnostics.map((d) => d.code), ['ngsi-ld/entity-id']);
  });

  it('does not check a JSON file that is not NGSI', async () => {
    const uri = 'file:///work/package.json';
    client.open(uri, '{"name": "x", "version": "1.0.0", "scripts": {"test": "node --test"}, "broken": [1,, 2]}');
    const published = await client.diagnostics(uri);
    assert.deepEqual(published.diagnostics, []);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'file:///work/closing.json';
    client.open(uri, '{"id": "x", "type": "Car", "speed": {"type": "Property"}}');
    const open = await client.diagnostics(uri);
    assert.ok(open.diagnostics.length > 0);
    const cleared = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    client.close(uri);
    await cleared;
  });

  it('debounces: a burst of edits publishes for the last version only', async () => {
    const uri = 'file:///work/burst.json';
    client.open(uri, '{"id": "urn:ngsi-ld:Car:1", "type": "Car"}');
    await client.diagnostics(uri);
    const before = client.published.get(uri)!.length;
    for (let v = 2; v <= 6; v++) client.change(uri, v, [{ text: `{"id": "urn:ngsi-ld:Car:1", "type": "Car", "n${v}": {"type": "Property"}}` }]);
    const last = await client.diagnostics(uri, (p) => p.version === 6);
    assert.equal(last.diagnostics[0]!.code, 'ngsi-ld/main-member-missing');
    assert.equal(client.published.get(uri)!.length, before + 1, 'one publication for the burst');
  });

  it('answers every document, whatever it holds, and stays up', async () => {
    const inputs = [
      '',
      '\uFEFF{"id": "urn:ngsi-ld:Car:1", "type": "Car"}',
      '['.repeat(5000),
      '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "x": ' + '['.repeat(3000) + ']'.repeat(3000) + '}',
      '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "location": {"type": "GeoProperty", "value": {"type": "Polygon", "coordinates": [[[1e400, "a"]]]}}}',
      '{"@context": 42, "id": {"a": 1}, "type": [], "__proto__": {"type": "Relationship"}}',
      '\u0000\u0001garbage',
    ];
    for (const [i, text] of inputs.entries()) {
      const uri = `file:///work/hostile-${i}.jsonld`;
      client.open(uri, text);
      const published = await client.diagnostics(uri);
      assert.ok(Array.isArray(published.diagnostics));
    }
    const info = await client.request<{ kind: string } | null>('mim/documentInfo', { uri: 'file:///work/hostile-1.jsonld' });
    assert.equal(info?.kind, 'entity');
  });
});

describe('language server settings', () => {
  it('reads settings per resource and re-checks when they change', async () => {
    const client = new TestClient({ settings: () => ({ rules: { 'ngsi-ld/relationship-object': 'warning' } }) });
    try {
      await client.initialize();
      const uri = 'file:///work/settings.json';
      client.open(uri, ENTITY);
      const first = await client.diagnostics(uri);
      assert.equal(first.diagnostics[0]!.severity, 2, 'warning, as the setting says');
      assert.ok(client.configurationRequests >= 1);
      client.settings = () => ({ rules: { 'ngsi-ld/relationship-object': 'off' } });
      const next = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await next;
    } finally {
      await client.stop();
    }
  });

  it('keeps checking with the defaults when a setting is malformed', async () => {
    const client = new TestClient({ settings: () => ({ rules: { 'no/such-rule': 'off', 'ngsi-ld/entity-id': 'loud' }, payloadKinds: 5 }) });
    try {
      await client.initialize();
      const uri = 'file:///work/bad-settings.json';
      client.open(uri, '{"id": "car1", "type": "Car", "speed": {"type": "Property", "value": 1}}');
      const published = await client.diagnostics(uri);
      assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['ngsi-ld/entity-id', 1]]);
    } finally {
      await client.stop();
    }
  });
});

describe('language server (pull diagnostics)', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ pull: true });
    const result = await client.initialize();
    assert.deepEqual(result.capabilities.diagnosticProvider, { interFileDependencies: true, workspaceDiagnostics: false });
  });
  after(async () => {
    await client.stop();
  });

  it('answers textDocument/diagnostic for the current version and does not push', async () => {
    const uri = 'file:///work/pull.json';
    client.open(uri, ENTITY);
    const report = await client.pull(uri);
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items.map((d) => d.code), ['ngsi-ld/relationship-object']);
    client.change(uri, 2, [{ text: ENTITY.replace('"value": "urn', '"object": "urn') }]);
    const after = await client.pull(uri);
    assert.deepEqual(after.items, []);
    assert.equal(client.published.get(uri), undefined, 'nothing pushed in pull mode');
  });

  it('answers with an empty report for a document it does not know', async () => {
    const report = await client.pull('file:///work/never-opened.json');
    assert.deepEqual(report, { kind: 'full', items: [] });
  });
});

describe('language server with a large batch', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ editor: true });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
  });

  const batch = (n: number, speed: number) =>
    JSON.stringify(
      Array.from({ length: n }, (_, i) => ({ id: `urn:ngsi-ld:Car:${i}`, type: 'Car', speed: { type: 'Property', value: speed }, owner: { type: 'Relationship', value: `urn:ngsi-ld:Person:${i}` } })),
    );

  it('answers a hover while the batch is being checked, before the diagnostics arrive', async () => {
    const uri = 'file:///work/large-hover.json';
    client.open(uri, batch(20_000, 1));
    let publishedBeforeHover = -1;
    const hover = client
      .request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 60 } })
      .then((answer) => {
        publishedBeforeHover = client.published.get(uri)?.length ?? 0;
        return answer;
      });
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0, 60_000);
    const answer = await hover;
    assert.equal(publishedBeforeHover, 0, 'the hover was answered while the check ran');
    assert.match(answer!.contents.value, /Property/);
    assert.equal(published.diagnostics.filter((d) => d.code === 'ngsi-ld/relationship-object').length, 20_000);
  });

  it('drops the check of a version the user has already changed', async () => {
    const uri = 'file:///work/large-edits.json';
    client.open(uri, batch(20_000, 1));
    // Edits arrive while version 1 is checked: only the last version is published.
    client.change(uri, 2, [{ text: batch(20_000, 2) }]);
    client.change(uri, 3, [{ text: '[{"id": "urn:ngsi-ld:Car:1", "type": "Car", "owner": {"type": "Relationship", "value": "urn:ngsi-ld:Person:1"}}]' }]);
    const published = await client.diagnostics(uri, (p) => p.version === 3, 60_000);
    assert.equal(published.diagnostics.length, 1);
    assert.deepEqual(client.published.get(uri)!.map((p) => p.version), [3], 'versions 1 and 2 were never published');
  });
});

describe('language server: typing inside a batch', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ pull: true });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
  });

  it('gives after every keystroke the diagnostics a full check of the text gives', async () => {
    const { checkDocument, parseDocument, DEFAULT_SETTINGS } = await import('../../server/src/service/index');
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    const uri = 'file:///work/typing-batch.json';
    const initial = JSON.stringify(
      Array.from({ length: 40 }, (_, i) => ({ id: `urn:ngsi-ld:Car:${i}`, type: 'Car', speed: { type: 'Property', value: i } })),
      null,
      2,
    );
    let doc = TextDocument.create(uri, 'json', 1, initial);
    client.open(uri, initial);
    await client.pull(uri);
    // Keystrokes inside entities: a member renamed, ids typed into, and one event with two edits.
    const speedOf7 = initial.indexOf('"speed"', initial.indexOf('Car:7'));
    const edits: { start: number; end: number; text: string }[][] = [[{ start: speedOf7, end: speedOf7 + 7, text: '"owner"' }]];
    for (const [i, id] of [[2, 'Car:12'], [3, 'Car:30']] as const) {
      const at = initial.indexOf(id) + id.length;
      edits.push([{ start: at, end: at, text: `-x${i}` }]);
    }
    const twelve = initial.indexOf('"value": 12');
    edits.push([
      { start: twelve + 9, end: twelve + 11, text: '"twelve"' },
      { start: initial.indexOf('"value": 3,') + 9, end: initial.indexOf('"value": 3,') + 10, text: 'null' },
    ]);
    let version = 1;
    for (const group of edits) {
      version++;
      // Each group is sent as one didChange, ranges in the text as it is when the change is applied.
      const changes = [];
      for (const e of [...group].sort((a, b) => b.start - a.start)) {
        const range = { start: doc.positionAt(e.start), end: doc.positionAt(e.end) };
        changes.push({ range, text: e.text });
      }
      doc = TextDocument.update(doc, changes, version);
      client.change(uri, version, changes);
      const report = await client.pull(uri);
      const expected = checkDocument(parseDocument(uri, version, doc.getText()), DEFAULT_SETTINGS, {}).problems;
      assert.deepEqual(
        report.items.map((d) => [d.code, d.range]),
        expected.map((p) => [p.code, p.range]),
        `after edit ${version}`,
      );
    }
  });
});
