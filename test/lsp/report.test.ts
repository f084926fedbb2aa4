/**
 * "MIM: Show compliance report" as the server answers it (mim/report): the report mim-check prints, for the
 * workspace or one folder, with the editor's unsaved text; a page for the webview; cancellable; the server
 * answering other requests while it works; and the same through the web server, which reads files through
 * the client.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { runCli } from '../../server/src/cli';
import { OpenLocationCommand, type ReportResult } from '../../server/src/protocol';
import { TestClient } from '../helpers/lsp';
import { WEB_SERVER, WebTestClient } from '../helpers/web';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'report-workspace');
const FIXTURE_URI = pathToFileURL(FIXTURE).toString();

/** The Markdown of mim-check over the fixture, with what differs by design (date, tool, folder name) blanked. */
async function cliMarkdown(): Promise<string> {
  let stdout = '';
  await runCli(['--report', 'md', '.'], { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: FIXTURE });
  return comparable(stdout);
}

function comparable(markdown: string): string {
  return markdown.replace(/^Generated .*?: /m, 'Generated (when, by what, over what): ');
}

describe('language server: the compliance report', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ workspaceFolders: [FIXTURE_URI] });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
  });

  it('reports on the workspace as mim-check does, with a page for the webview', async () => {
    const result = await client.request<ReportResult>('mim/report', { nonce: 'abc123', cspSource: 'https://webview.test' });
    assert.equal(result.reason, undefined);
    assert.equal(result.files, 11);
    assert.equal(result.filesWithErrors, 3);
    assert.deepEqual([result.errors, result.warnings], [6, 5]);
    assert.equal(comparable(result.markdown!), await cliMarkdown());
    assert.match(result.markdown!, /^Generated .* by MIM-aware [\d.]+ over `report-workspace`: 11 JSON files read/m);
    const html = result.html!;
    assert.match(html, /content="default-src 'none'; style-src 'nonce-abc123' https:\/\/webview\.test;/);
    assert.ok(!/<script/i.test(html));
    // Each problem links to its place with a command URI the webview allows.
    const args = encodeURIComponent(JSON.stringify([`${FIXTURE_URI}/payloads/streetlight.json`, 2, 9]));
    assert.ok(html.includes(`<a href="command:${OpenLocationCommand}?${args}"><code>payloads/streetlight.json:2:9</code></a>`));
    assert.equal(OpenLocationCommand, 'mim.openLocation');
  });

  it('reports on one folder, with the unsaved text of open files', async () => {
    const streetlight = `${FIXTURE_URI}/payloads/streetlight.json`;
    client.open(streetlight, '{"id": "urn:ngsi-ld:Streetlight:12", "type": "Streetlight", "powerState": {"type": "Property", "value": "on"}}');
    const result = await client.request<ReportResult>('mim/report', { folders: [`${FIXTURE_URI}/payloads`] });
    assert.equal(result.files, 4);
    assert.deepEqual([result.filesWithErrors, result.errors], [1, 1], 'only the BikeCounter with its negative count is left');
    assert.match(result.markdown!, /over `report-workspace\/payloads`: 4 JSON files read/);
    assert.ok(result.markdown!.includes('| `streetlight.json` | conforms | 0 | 0 |'));
    client.close(streetlight);
  });

  it('says why there is no report when no folder is open', async () => {
    const empty = new TestClient();
    try {
      await empty.initialize();
      const result = await empty.request<ReportResult>('mim/report', {});
      assert.deepEqual([result.html, result.reason], [null, 'no folder is open']);
    } finally {
      await empty.stop();
    }
  });
});

describe('language server: a report on a large workspace', () => {
  let client: TestClient;
  let workspace: string;
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'mim-report-large-'));
    mkdirSync(join(workspace, 'batches'));
    const entity = (i: number) =>
      `{"id": "urn:ngsi-ld:Vehicle:${i}", "type": "Vehicle", "speed": {"type": "Property", "value": ${i % 120}, "unitCode": "KMH"}, "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [2.17, 41.38]}}}`;
    const batch = `[${Array.from({ length: 3000 }, (_, i) => entity(i)).join(',\n')}]`;
    for (let n = 0; n < 4; n++) writeFileSync(join(workspace, 'batches', `vehicles-${n}.json`), batch);
    client = new TestClient({ workspaceFolders: [pathToFileURL(workspace).toString()], editor: true });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
  });

  it('answers hover while it checks, and stops when cancelled', async () => {
    const open = pathToFileURL(join(workspace, 'car.json')).toString();
    client.open(open, '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 5}}');
    await client.diagnostics(open);
    let reportDone = false;
    const report = client.request<ReportResult>('mim/report', {}).then((r) => {
      reportDone = true;
      return r;
    });
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: open }, position: { line: 0, character: 50 } });
    assert.ok(hover, 'hover is answered');
    assert.equal(reportDone, false, 'hover was answered before the report was done');
    const result = await report;
    // The files on disk: car.json is open in the editor but was never saved.
    assert.equal(result.files, 4);
    assert.equal(result.errors, 0);

    const source = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest<ReportResult>('mim/report', {}, source.token).then(
      (r) => r,
      (error: unknown) => ({ error }),
    );
    setImmediate(() => source.cancel());
    const answer = await cancelled;
    // The server stops at its next pause and says so (or the client drops the answer as cancelled).
    if ('reason' in answer && answer.reason !== undefined) assert.equal(answer.reason, 'the report was cancelled');
    else assert.ok('error' in answer, JSON.stringify(answer).slice(0, 200));
    // It still answers afterwards.
    assert.ok(await client.request('textDocument/hover', { textDocument: { uri: open }, position: { line: 0, character: 50 } }));
  });
});

describe('web server: the compliance report through the client\'s files', () => {
  let web: WebTestClient;
  const folder = 'vscode-test-web://mount/';
  before(async () => {
    assert.ok(existsSync(WEB_SERVER), 'run npm run build first');
    const files: Record<string, string> = {};
    for (const name of ['payloads/streetlight.json', 'payloads/parking-spot.jsonld', 'subscriptions/alerts.json', 'models/BikeCounter/schema.json', 'payloads/bike-counter.json']) {
      files[folder + name] = readFileSync(join(FIXTURE, name), 'utf8');
    }
    web = new WebTestClient({ workspaceFolders: [folder], files });
    await web.initialize();
  });
  after(async () => {
    await web.stop();
    assert.deepEqual(web.workerErrors, []);
  });

  it('walks the workspace with mim/readDirectory and reads it with mim/readFile', async () => {
    const result = await web.request<ReportResult>('mim/report', { nonce: 'n' });
    assert.equal(result.files, 5);
    assert.ok(result.markdown!.includes('| `payloads/streetlight.json` | **does not conform** | 3 | 0 |'));
    assert.ok(result.markdown!.includes('| `subscriptions/alerts.json` | conforms, with warnings | 0 | 2 |'));
    // The schema is read as a file of the workspace (its definition is listed). Whether payloads can be checked
    // against a model that is not on a file:// URI depends on the catalog (see web.test.ts); the report names it either way.
    assert.ok(result.markdown!.includes('| BikeCounter | 0.1.0 | `models/BikeCounter/schema.json` | models |'));
    assert.match(result.markdown!, /^\| BikeCounter \| (0\.1\.0|—) \| the workspace \(local\) \| models \| 1 \| (used|cannot be used: .*) \|$/m);
    const asked = web.fileRequests.map((r) => `${r.method} ${r.uri}`);
    assert.ok(asked.includes(`mim/readDirectory ${folder}`), asked.join('\n'));
    assert.ok(asked.includes('mim/readFile vscode-test-web://mount/subscriptions/alerts.json'), asked.join('\n'));
    assert.ok(result.html!.includes(`command:mim.openLocation?${encodeURIComponent(JSON.stringify(['vscode-test-web://mount/payloads/streetlight.json', 2, 9]))}`));
  });
});
