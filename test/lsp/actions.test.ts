/**
 * Code actions over the protocol: quick fixes with the diagnostics they repair, snippet edits for clients that
 * take them, fix-all (as a source action and as a request), and the conversions.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SHARED } from '../helpers/engine';
import { TestClient } from '../helpers/lsp';

interface DocumentEdit {
  documentChanges: { textDocument: { uri: string; version: number }; edits: (TextEdit | { range: TextEdit['range']; snippet: { kind: string; value: string } })[] }[];
}

/** Applies a workspace edit to a text; snippet edits are applied with their placeholders at their defaults. */
function apply(text: string, edit: DocumentEdit): string {
  const doc = TextDocument.create('file:///x', 'json', 1, text);
  const edits = edit.documentChanges[0]!.edits.map((e) =>
    'snippet' in e ? { range: e.range, newText: e.snippet.value.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1') } : e,
  );
  return TextDocument.applyEdits(doc, edits);
}

describe('language server: quick fixes, fix-all and conversions', () => {
  let editor: TestClient;
  let plain: TestClient;
  let workspace: string;
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'mim-actions-'));
    const options = { workspaceFolders: [pathToFileURL(workspace).toString()], settings: () => ({ sdm: { root: join(SHARED, 'sdm') } }) };
    editor = new TestClient({ ...options, editor: true });
    plain = new TestClient(options);
    await Promise.all([editor.initialize(), plain.initialize()]);
  });
  after(async () => {
    await Promise.all([editor.stop(), plain.stop()]);
  });

  const uriOf = (name: string) => pathToFileURL(join(workspace, name)).toString();

  it('announces quick fixes, fix-all and conversions', () => {
    const provider = editor.initializeResult!.capabilities.codeActionProvider as { codeActionKinds: string[] };
    assert.deepEqual(provider.codeActionKinds, ['quickfix', 'source.fixAll.mim', 'refactor.rewrite.mim']);
  });

  it('offers the fix of a diagnostic, preferred when safe, and its edit repairs the problem', async () => {
    const uri = uriOf('car.json');
    const text = '{\n  "id": "urn:ngsi-ld:Car:1",\n  "type": "Car",\n  "owner": {"type": "Relationship", "value": "urn:ngsi-ld:Person:1"}\n}';
    plain.open(uri, text);
    const published = await plain.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const diagnostic = published.diagnostics.find((d) => d.code === 'ngsi-ld/relationship-object')!;
    const actions = await plain.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
    const action = actions.find((a) => a.title === 'Rename "value" to "object"');
    assert.ok(action, actions.map((a) => a.title).join(', '));
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [diagnostic]);
    const fixed = apply(text, action.edit as DocumentEdit);
    assert.equal(fixed, text.replace('"value": "urn', '"object": "urn'));
    assert.equal((action.edit as DocumentEdit).documentChanges[0]!.textDocument.version, 1);
    const cleared = plain.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'ngsi-ld/relationship-object'));
    plain.change(uri, 2, [{ text: fixed }]);
    await cleared;
  });

  it('adds a missing id as a snippet for an editor that takes snippet edits, as text otherwise', async () => {
    const uri = uriOf('noid.json');
    const text = '{"type": "Car", "speed": {"type": "Property", "value": 3}}';
    for (const client of [editor, plain]) {
      client.open(uri, text);
      const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'ngsi-ld/entity-id-missing'));
      const diagnostic = published.diagnostics.find((d) => d.code === 'ngsi-ld/entity-id-missing')!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      const action = actions.find((a) => a.title === 'Add an id')!;
      const edit = (action.edit as DocumentEdit).documentChanges[0]!.edits[0]!;
      if (client === editor) assert.deepEqual('snippet' in edit && edit.snippet, { kind: 'snippet', value: '"id": "urn:ngsi-ld:Car:${1:001}", ' });
      else assert.deepEqual('newText' in edit && edit.newText, '"id": "urn:ngsi-ld:Car:001", ');
      assert.equal(JSON.parse(apply(text, action.edit as DocumentEdit)).id, 'urn:ngsi-ld:Car:001');
    }
  });

  it('adds the attributes a data model requires, one at a time or all at once', async () => {
    const uri = uriOf('weather.json');
    const text = '{\n  "id": "urn:ngsi-ld:WeatherObserved:1",\n  "type": "WeatherObserved",\n  "temperature": {"type": "Property", "value": 3}\n}';
    editor.open(uri, text);
    const published = await editor.diagnostics(uri, (p) => p.diagnostics.filter((d) => d.code === 'sdm/required').length >= 2);
    const required = published.diagnostics.filter((d) => d.code === 'sdm/required');
    const actions = await editor.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: required[0]!.range, context: { diagnostics: required } });
    const all = actions.find((a) => a.title === `Add the ${required.length} attributes the data model requires`);
    assert.ok(all, actions.map((a) => a.title).join(', '));
    const filled = JSON.parse(apply(text, all.edit as DocumentEdit)) as Record<string, unknown>;
    assert.deepEqual(filled.location, { type: 'GeoProperty', value: { type: 'Point', coordinates: [-3.7038, 40.4168] } });
    assert.deepEqual(filled.dateObserved, { type: 'Property', value: '2024-05-01T10:00:00Z' });
    const snippet = ((all.edit as DocumentEdit).documentChanges[0]!.edits[0] as { snippet: { value: string } }).snippet.value;
    const stops = [...snippet.matchAll(/\$\{(\d+)/g)].map((m) => Number(m[1]));
    assert.deepEqual(stops, [...new Set(stops)], 'each placeholder has its own tab stop');
  });

  it('fixes every safe problem at once: as the source.fixAll.mim action and as a request', async () => {
    const uri = uriOf('many.json');
    const text = JSON.stringify({ id: 'urn:ngsi-ld:Car:1', type: 'Car', createdAt: '2024-01-01T00:00:00Z', owner: { type: 'Relationship', value: 'urn:ngsi-ld:Person:1' }, speed: { type: 'Property', value: 3 }, brand: 'Seat' }, null, 2);
    plain.open(uri, text);
    await plain.diagnostics(uri, (p) => p.diagnostics.length >= 3);
    const actions = await plain.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe MIM problems (3)', 'source.fixAll.mim']]);
    const fixed = JSON.parse(apply(text, actions[0]!.edit as DocumentEdit)) as Record<string, unknown>;
    assert.deepEqual(fixed, { id: 'urn:ngsi-ld:Car:1', type: 'Car', owner: { type: 'Relationship', object: 'urn:ngsi-ld:Person:1' }, speed: { type: 'Property', value: 3 }, brand: { type: 'Property', value: 'Seat' } });
    const viaRequest = await plain.request<{ edit: DocumentEdit; applied: number; remaining: number }>('mim/fixAll', { uri });
    assert.equal(viaRequest.applied, 3);
    assert.equal(viaRequest.remaining, 0);
    assert.equal(apply(text, viaRequest.edit), apply(text, actions[0]!.edit as DocumentEdit));
    const nothing = await plain.request<{ edit: unknown }>('mim/fixAll', { uri: uriOf('not-open.json') });
    assert.equal(nothing.edit, null);
  });

  it('converts a document, tells what the simplified form loses, and converts a selection only', async () => {
    const uri = uriOf('convert.json');
    const text = '[\n  {"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 5, "unitCode": "KMH"}, "owner": {"type": "Relationship", "object": "urn:ngsi-ld:Person:1"}},\n  {"id": "urn:ngsi-ld:Car:2", "type": "Car", "speed": {"type": "Property", "value": 7}}\n]';
    plain.open(uri, text);
    const result = await plain.request<{ edit: DocumentEdit; converted: number; losses: { range: { start: { line: number } }; message: string }[] }>('mim/convert', { uri, to: 'simplified' });
    assert.ok(result.edit, JSON.stringify(result) + plain.logs.join('\n'));
    assert.equal(result.converted, 2);
    assert.deepEqual(JSON.parse(apply(text, result.edit)), [
      { id: 'urn:ngsi-ld:Car:1', type: 'Car', speed: 5, owner: 'urn:ngsi-ld:Person:1' },
      { id: 'urn:ngsi-ld:Car:2', type: 'Car', speed: 7 },
    ]);
    assert.deepEqual(result.losses.map((l) => [l.range.start.line, l.message]), [[1, '"speed": the simplified form keeps only the value; unitCode "KMH" is not carried.']]);
    // A selection inside the second entity: only that entity.
    const second = { start: { line: 2, character: 10 }, end: { line: 2, character: 12 } };
    const selected = await plain.request<{ edit: DocumentEdit; converted: number }>('mim/convert', { uri, to: 'concise', range: second });
    assert.equal(selected.converted, 1);
    const after = JSON.parse(apply(text, selected.edit)) as Record<string, unknown>[];
    assert.deepEqual(after[1], { id: 'urn:ngsi-ld:Car:2', type: 'Car', speed: 7 });
    assert.deepEqual(after[0]!.speed, { type: 'Property', value: 5, unitCode: 'KMH' });
    const refused = await plain.request<{ edit: unknown; reason: string }>('mim/convert', { uri, to: 'keyValuesX' });
    assert.equal(refused.edit, null);
    assert.match(refused.reason, /not a representation/);
  });

  it('offers the conversions of the entity under the cursor as refactorings', async () => {
    const uri = uriOf('refactor.json');
    const text = '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 5, "observedAt": "2024-01-01T00:00:00Z"}}';
    plain.open(uri, text);
    await plain.diagnostics(uri);
    const actions = await plain.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 50 }, end: { line: 0, character: 50 } }, context: { diagnostics: [] as Diagnostic[], only: ['refactor'] } });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [
      ['Convert this entity to concise', 'refactor.rewrite.mim'],
      ['Convert this entity to simplified (1 attribute loses information)', 'refactor.rewrite.mim'],
    ]);
    assert.deepEqual(JSON.parse(apply(text, actions[0]!.edit as DocumentEdit)).speed, { value: 5, observedAt: '2024-01-01T00:00:00Z' });
  });
});
