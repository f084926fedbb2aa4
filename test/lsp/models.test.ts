import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../helpers/lsp';
import { SHARED } from '../helpers/engine';

// The language server with data models: from mim.sdm.root and from the workspace's own schema.json files.

const MODEL = (minimum: number) =>
  JSON.stringify({ title: 'Bike counter', $schemaVersion: '1.0.0', type: 'object', properties: { type: { enum: ['BikeCounter'] }, count: { type: 'integer', minimum } } });

describe('language server with data models', () => {
  let client: TestClient;
  let workspace: string;
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'mim-ws-'));
    mkdirSync(join(workspace, 'BikeCounter'));
    writeFileSync(join(workspace, 'BikeCounter', 'schema.json'), MODEL(0));
    client = new TestClient({
      workspaceFolders: [pathToFileURL(workspace).toString()],
      settings: () => ({ sdm: { root: join(SHARED, 'sdm') } }),
      env: { ...process.env, MIM_CACHE_DIR: join(workspace, '.cache') },
    });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
  });

  it('checks an entity against its Smart Data Model once the model is loaded', async () => {
    const uri = pathToFileURL(join(workspace, 'light.json')).toString();
    client.open(uri, '{"id": "urn:ngsi-ld:Streetlight:1", "type": "Streetlight", "location": {"type": "Point", "coordinates": [-3.7, 40.41]}, "status": "broken"}');
    const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'sdm/enum'));
    const [d] = published.diagnostics;
    assert.equal(d!.range.start.character, published.diagnostics[0]!.range.start.character);
    assert.match(String(d!.message), /"status" must be one of "brokenLantern", "columnIssue", "defectiveLamp", "ok" in the Streetlight data model/);
    const info = await client.request<{ models: { type: string; state: string; version: string; source: string }[] }>('mim/documentInfo', { uri });
    assert.deepEqual(info.models.map((m) => [m.type, m.state, m.source]), [['Streetlight', 'ready', 'the local Smart Data Models checkout (mim.sdm.root)']]);
    const lenses = await client.request<{ command: { title: string; command: string; arguments: string[] } }[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.match(lenses[0]!.command.title, /^Data model: Streetlight \d+\.\d+\.\d+, from the local Smart Data Models checkout/);
    assert.equal(lenses[0]!.command.command, 'mim.openSchema');
    assert.match(lenses[0]!.command.arguments[0]!, /dataModel\.Streetlighting\/Streetlight\/schema\.json$/);
    const schema = await client.request<string | null>('mim/schemaContent', { uri: lenses[0]!.command.arguments[0] });
    assert.match(schema ?? '', /"Streetlight"/);
  });

  it('re-checks an open payload when its data model is edited in the editor', async () => {
    const payload = pathToFileURL(join(workspace, 'counter.json')).toString();
    const schema = pathToFileURL(join(workspace, 'BikeCounter', 'schema.json')).toString();
    client.open(payload, '{"id": "urn:ngsi-ld:BikeCounter:1", "type": "BikeCounter", "count": -1}');
    const first = await client.diagnostics(payload, (p) => p.diagnostics.some((d) => d.code === 'sdm/range'));
    assert.match(String(first.diagnostics[0]!.message), /"count" must be at least 0 in the BikeCounter data model/);
    const info = await client.request<{ models: { type: string; state: string; source: string }[] }>('mim/documentInfo', { uri: payload });
    assert.deepEqual(info.models.map((m) => [m.type, m.state, m.source]), [['BikeCounter', 'ready', 'the workspace']]);
    // The author lowers the minimum in the open schema.json, unsaved: the payload becomes valid.
    client.open(schema, MODEL(0));
    const cleared = client.nextDiagnostics(payload, (p) => p.diagnostics.length === 0);
    client.change(schema, 2, [{ text: MODEL(-5) }]);
    await cleared;
    const again = client.nextDiagnostics(payload, (p) => p.diagnostics.some((d) => /at least 3 /.test(String(d.message))));
    client.change(schema, 3, [{ text: MODEL(3) }]);
    await again;
  });
});
