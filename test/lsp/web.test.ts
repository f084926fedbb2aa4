import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { createBrowserRuntime, resolveWorkspacePath } from '../../server/src/browser/runtime';
import { TestClient } from '../helpers/lsp';
import { DomWorker, WEB_SERVER, WebTestClient } from '../helpers/web';
import { fakeVscode } from '../helpers/vscode-fake';

// The web extension's server (dist/web/server.js) in a worker without node, spoken to as VS Code for the web
// does: the same answers as the node server, with the workspace's files read through the client.

const ROOT = join(__dirname, '..', '..');

const PAYLOAD = `{
  "id": "car1",
  "type": "Car",
  "owner": {"type": "Relationship", "value": "urn:ngsi-ld:Person:1"},
  "speed": {"type": "Property", "valeu": 50},
  "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [41.38, 170.2]}}
}`;

const MODEL = JSON.stringify({
  title: 'Bike counter',
  $schemaVersion: '1.0.0',
  type: 'object',
  required: ['id', 'type'],
  properties: { id: { type: 'string' }, type: { enum: ['BikeCounter'] }, count: { type: 'integer', minimum: 0 } },
});
const COUNTER = '{"id": "urn:ngsi-ld:BikeCounter:1", "type": "BikeCounter", "count": -1}';

/** What two servers must agree on: everything but the link to the rule's documentation (a file on node). */
function comparable(diagnostics: Diagnostic[]) {
  return diagnostics.map(({ codeDescription: _, ...d }) => d);
}

describe('web bundle', () => {
  it('is a browser script: no node module is imported and no require is left', () => {
    assert.ok(existsSync(WEB_SERVER), 'run npm run build first');
    const bundle = readFileSync(WEB_SERVER, 'utf8');
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const imported = [...bundle.matchAll(/\b(?:require|import)\s*\(\s*["'`]([^"'`]+)["'`]\s*\)|\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1] ?? m[2]!);
    assert.deepEqual(imported.filter((name) => builtins.has(name)), []);
    // esbuild leaves a require shim behind when a module could not be bundled.
    assert.doesNotMatch(bundle, /typeof require\s*(!==\s*"undefined"|<\s*"u")/);
    assert.doesNotMatch(bundle, /Dynamic require of/);
  });
});

describe('language server in a browser worker', () => {
  let web: WebTestClient;
  let node: TestClient;
  const folder = 'vscode-test-web://mount/';
  before(async () => {
    assert.ok(existsSync(WEB_SERVER), 'run npm run build first');
    web = new WebTestClient({
      workspaceFolders: [folder],
      files: { 'vscode-test-web://mount/BikeCounter/schema.json': MODEL },
      settings: () => ({ dataModels: { folders: ['more/models', '/etc/models'] } }),
    });
    node = new TestClient();
  });
  after(async () => {
    await Promise.all([web.stop(), node.stop()]);
    assert.deepEqual(web.workerErrors, []);
    assert.deepEqual(
      web.logs.filter((l) => /\[(error|uncaught|unhandled rejection)\]|is not defined/.test(l)),
      [],
    );
  });

  it('initializes with the capabilities of the node server and says it runs in a browser worker', async () => {
    const [fromWeb, fromNode] = await Promise.all([web.initialize(), node.initialize()]);
    // Worker messages keep members set to undefined, which JSON over stdio drops.
    assert.deepEqual(JSON.parse(JSON.stringify(fromWeb)), fromNode);
    assert.ok(fromWeb.capabilities.hoverProvider);
    const line = await web.log((l) => l.startsWith('MIM-aware language server'));
    assert.match(line, /^MIM-aware language server [\d.]+ on a browser worker: 1 workspace folder\(s\), restricted workspace, push diagnostics\.$/);
  });

  it('publishes the diagnostics the node server publishes for a payload with mistakes', async () => {
    const payloads = [
      ['car.json', PAYLOAD],
      ['streetlight.json', readFileSync(join(ROOT, 'examples', 'payloads', 'streetlight-with-problems.json'), 'utf8')],
    ];
    for (const [name, text] of payloads) {
      web.open(`vscode-test-web://mount/${name}`, text!);
      node.open(`vscode-test-web://mount/${name}`, text!);
      const [fromWeb, fromNode] = await Promise.all([web.diagnostics(`vscode-test-web://mount/${name}`), node.diagnostics(`vscode-test-web://mount/${name}`)]);
      assert.ok(fromNode.diagnostics.length >= 3, `${name} has mistakes`);
      assert.deepEqual(comparable(fromWeb.diagnostics), comparable(fromNode.diagnostics), name);
    }
    const codes = web.published.get('vscode-test-web://mount/car.json')![0]!.diagnostics.map((d) => d.code);
    for (const code of ['ngsi-ld/entity-id', 'ngsi-ld/relationship-object', 'geo/swapped-coordinates']) assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
  });

  it('finds the data models of the workspace by asking the client for its folders', async () => {
    await web.request('mim/documentInfo', { uri: 'vscode-test-web://mount/car.json' });
    const asked = web.fileRequests.filter((r) => r.method === 'mim/readDirectory').map((r) => r.uri);
    assert.ok(asked.includes(folder), `the workspace folder is listed: ${asked.join(', ')}`);
    assert.ok(asked.includes('vscode-test-web://mount/BikeCounter'), asked.join(', '));
    // mim.dataModels.folders: relative to the workspace folder, whatever its scheme; an absolute path has no disk to be on.
    assert.ok(asked.includes('vscode-test-web://mount/more/models'), asked.join(', '));
    assert.ok(!asked.some((uri) => uri.includes('/etc/models')), asked.join(', '));
  });

  it('checks a payload against a data model read through the client', async () => {
    const uri = 'vscode-test-web://mount/counter.json';
    web.open(uri, COUNTER);
    const published = await web.diagnostics(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('sdm/')), 5000);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['sdm/range']);
    assert.ok(web.fileRequests.some((r) => r.method === 'mim/readFile' && r.uri === 'vscode-test-web://mount/BikeCounter/schema.json'));
  });
});

describe('language server in a browser worker, file:// workspace without a disk', () => {
  // VS Code for the web opens a local folder as file:// URIs, read by the editor: the worker still has no disk.
  const folder = 'file:///mim-web-test/workspace';
  let web: WebTestClient;
  before(async () => {
    assert.ok(!existsSync('/mim-web-test'), 'the workspace must not exist on this machine');
    web = new WebTestClient({ workspaceFolders: [folder], files: { [`${folder}/BikeCounter/schema.json`]: MODEL } });
    await web.initialize();
  });
  after(async () => {
    await web.stop();
    assert.deepEqual(web.workerErrors, []);
  });

  it('checks a payload against the workspace data model, its schema read through the client', async () => {
    const uri = `${folder}/counter.json`;
    web.open(uri, COUNTER);
    const published = await web.diagnostics(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('sdm/')));
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['sdm/range']);
    assert.match(String(published.diagnostics[0]!.message), /"count" must be at least 0 in the BikeCounter data model/);
    assert.ok(web.fileRequests.some((r) => r.method === 'mim/readFile' && r.uri === `${folder}/BikeCounter/schema.json`), 'the schema came from the client');
    const info = await web.request<{ models: { type: string; state: string; source: string }[] }>('mim/documentInfo', { uri });
    assert.deepEqual(info.models.map((m) => [m.type, m.state, m.source]), [['BikeCounter', 'ready', 'the workspace']]);
  });
});

describe('language server in a browser worker, links to the rules page the client names', () => {
  // The worker knows no path of the extension: the client names its docs/rules.md, and each diagnostic links to
  // the rule's section of it.
  const page = 'https://extensions.test/mim-aware/docs/rules.md';
  let web: WebTestClient;
  before(async () => {
    web = new WebTestClient({ initializationOptions: { ruleDocs: page } });
    await web.initialize();
  });
  after(async () => {
    await web.stop();
    assert.deepEqual(web.workerErrors, []);
  });

  it('links every diagnostic to the section of its rule', async () => {
    const uri = 'vscode-test-web://mount/car.json';
    web.open(uri, PAYLOAD);
    const published = await web.diagnostics(uri);
    assert.ok(published.diagnostics.length >= 3);
    const rules = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    for (const d of published.diagnostics) {
      const code = String(d.code);
      const anchor = code.replace(/[/]/g, '-');
      assert.equal(d.codeDescription?.href, `${page}#${anchor}`, code);
      assert.ok(rules.includes(`<a id="${anchor}"></a>\n### \`${code}\``), `docs/rules.md has the section #${anchor}`);
    }
  });
});

describe('language server in a browser worker, pull diagnostics', () => {
  let web: WebTestClient;
  let node: TestClient;
  before(async () => {
    web = new WebTestClient({ pull: true });
    node = new TestClient({ pull: true });
    const [fromWeb, fromNode] = await Promise.all([web.initialize(), node.initialize()]);
    assert.deepEqual(JSON.parse(JSON.stringify(fromWeb)), fromNode);
    assert.ok(fromWeb.capabilities.diagnosticProvider);
  });
  after(async () => {
    await Promise.all([web.stop(), node.stop()]);
    assert.deepEqual(web.workerErrors, []);
  });

  it('answers a pull with the diagnostics of the node server', async () => {
    const uri = 'untitled:Untitled-1';
    web.open(uri, PAYLOAD);
    node.open(uri, PAYLOAD);
    const [fromWeb, fromNode] = await Promise.all([
      web.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } }),
      node.pull(uri),
    ]);
    assert.equal(fromWeb.kind, 'full');
    assert.ok(fromWeb.items.length >= 3);
    assert.deepEqual(comparable(fromWeb.items), comparable(fromNode.items));
  });
});

describe('browser runtime', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((request, response) => {
      const url = request.url ?? '';
      if (url === '/model.json') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"title": "Bike counter"}');
      } else if (url === '/moved') {
        response.writeHead(302, { location: '/model.json' });
        response.end();
      } else if (url === '/elsewhere') {
        // Same machine, another host name: a redirect away from the host asked for.
        response.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/model.json` });
        response.end();
      } else if (url === '/large') {
        response.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 10; i++) response.write('x'.repeat(1000));
        response.end();
      } else if (url === '/silent') {
        // Never answers.
      } else if (url === '/drip') {
        // Answers, then sends a byte now and then, forever.
        response.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => response.write(' '), 20);
        response.on('close', () => clearInterval(timer));
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const runtime = (options: { maxBytes?: number; timeoutMs?: number } = {}) =>
    createBrowserRuntime({ request: async () => null, fetch: (url, init) => fetch(url, init), ...options });

  it('downloads with fetch, following a redirect on the same host', async () => {
    assert.deepEqual(await runtime().fetchText!(`${base}/model.json`), { ok: true, status: 200, text: '{"title": "Bike counter"}' });
    assert.deepEqual(await runtime().fetchText!(`${base}/moved`), { ok: true, status: 200, text: '{"title": "Bike counter"}' });
  });

  it('says in words why a download failed, within the size and time limits', async () => {
    assert.deepEqual(await runtime().fetchText!(`${base}/missing`), { ok: false, status: 404, error: 'the server answered HTTP 404' });
    // Too large, streamed (no Content-Length) or said in advance.
    assert.match((await runtime({ maxBytes: 5000 }).fetchText!(`${base}/large`)).error!, /^the document is larger than/);
    assert.match((await runtime({ maxBytes: 10 }).fetchText!(`${base}/model.json`)).error!, /^the document is larger than/);
    assert.deepEqual(await runtime({ timeoutMs: 200 }).fetchText!(`${base}/silent`), { ok: false, error: 'no answer within 0.2 s' });
    assert.deepEqual(await runtime({ timeoutMs: 200 }).fetchText!(`${base}/drip`), { ok: false, error: 'no complete answer within 0.2 s' });
    assert.match((await runtime().fetchText!(`${base}/elsewhere`)).error!, /redirects to another host \(localhost:\d+\), which is refused/);
    assert.deepEqual(await runtime().fetchText!('http://example.org/model.json'), { ok: false, error: 'only https downloads are allowed, not http:' });
    assert.deepEqual(await runtime().fetchText!('not a url'), { ok: false, error: '"not a url" is not a URL' });
    for (const [address, hostname = address] of [['10.0.0.8'], ['192.168.1.1'], ['169.254.169.254'], ['[fd00::1]'], ['[::ffff:10.1.2.3]', '[::ffff:a01:203]']]) {
      assert.deepEqual(await runtime().fetchText!(`https://${address}/model.json`), { ok: false, error: `${hostname} is a private or link-local address, which is never asked` });
    }
    const refused = await runtime().fetchText!('http://127.0.0.1:1/model.json');
    assert.equal(refused.ok, false);
    assert.match(refused.error!, /^the download failed \(.+\); from a browser, the server must also allow cross-origin requests$/);
  });

  it('has no downloads without fetch, and keeps downloads in memory', async () => {
    const offline = createBrowserRuntime({ request: async () => null });
    assert.equal(offline.fetchText, undefined);
    await offline.cache!.set('https://example.org/a.json', '{}');
    assert.equal(await offline.cache!.get('https://example.org/a.json'), '{}');
    assert.equal(await offline.cache!.get('https://example.org/b.json'), undefined);
  });

  it('reads files and folders through the client, and takes a failed or odd answer as no file', async () => {
    const asked: [string, unknown][] = [];
    const answers: Record<string, unknown> = {
      'mim/readFile': 'text',
      'mim/readDirectory': [{ name: 'a.json', kind: 'file' }, { name: 'models', kind: 'directory' }, { name: 'odd', kind: 'socket' }, null, { kind: 'file' }],
    };
    const client = createBrowserRuntime({
      request: async (method, params) => {
        asked.push([method, params]);
        return answers[method];
      },
    });
    assert.equal(await client.readFile('vscode-vfs://github/o/r/a.json'), 'text');
    assert.deepEqual(await client.readDirectory('vscode-vfs://github/o/r'), [{ name: 'a.json', kind: 'file' }, { name: 'models', kind: 'directory' }]);
    assert.deepEqual(asked, [['mim/readFile', { uri: 'vscode-vfs://github/o/r/a.json' }], ['mim/readDirectory', { uri: 'vscode-vfs://github/o/r' }]]);
    answers['mim/readFile'] = null;
    answers['mim/readDirectory'] = { entries: [] };
    assert.equal(await client.readFile('vscode-vfs://github/o/r/b.json'), undefined);
    assert.equal(await client.readDirectory('vscode-vfs://github/o/r/x'), undefined);
    const failing = createBrowserRuntime({ request: () => Promise.reject(new Error('Unhandled method mim/readFile')) });
    assert.equal(await failing.readFile('file:///a.json'), undefined);
    assert.equal(await failing.readDirectory('file:///'), undefined);
  });

  it('resolves setting paths against the workspace folder of any scheme, and refuses absolute file paths', () => {
    assert.equal(resolveWorkspacePath('models', 'vscode-vfs://github/owner/repo'), 'vscode-vfs://github/owner/repo/models');
    assert.equal(resolveWorkspacePath(' ./data/../my models/ ', 'vscode-test-web://mount/'), 'vscode-test-web://mount/my%20models');
    assert.equal(resolveWorkspacePath('sub\\dir', 'file:///ws'), 'file:///ws/sub/dir');
    assert.equal(resolveWorkspacePath('../shared', 'vscode-vfs://github/owner/repo'), 'vscode-vfs://github/owner/shared');
    assert.equal(resolveWorkspacePath('../../..', 'vscode-vfs://github/owner/repo'), undefined);
    assert.equal(resolveWorkspacePath('file:///models', 'vscode-vfs://github/owner/repo'), 'file:///models');
    assert.equal(resolveWorkspacePath('vscode-vfs://github/o/models', undefined), 'vscode-vfs://github/o/models');
    for (const absolute of ['/etc/models', '~/models', '~', 'C:\\models', 'c:/models', '\\\\server\\models']) {
      assert.equal(resolveWorkspacePath(absolute, 'vscode-vfs://github/owner/repo'), undefined, absolute);
    }
    assert.equal(resolveWorkspacePath('models', undefined), undefined);
    assert.equal(resolveWorkspacePath('  ', 'file:///ws'), undefined);
  });
});

describe('web client: the workspace files it serves to the server', () => {
  type Handler = (params: { uri: string }) => Promise<unknown>;
  const handlers = new Map<string, Handler>();
  const BOM = '\uFEFF';
  const files: Record<string, Uint8Array> = { 'vscode-vfs://github/o/r/a.json': new TextEncoder().encode(`${BOM}{"é": 1}`) };
  const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };
  const folders: Record<string, [string, number][]> = {
    'vscode-vfs://github/o/r': [
      ['a.json', FileType.File],
      ['BikeCounter', FileType.Directory],
      ['linked', FileType.Directory | FileType.SymbolicLink],
      ['link.json', FileType.File | FileType.SymbolicLink],
      ['strange', FileType.Unknown],
    ],
  };
  const vscode = {
    FileType,
    Uri: { parse: (value: string) => ({ value }) },
    workspace: {
      fs: {
        readFile: async (uri: { value: string }) => files[uri.value] ?? Promise.reject(new Error(`EntryNotFound (FileSystemError): ${uri.value}`)),
        readDirectory: async (uri: { value: string }) => folders[uri.value] ?? Promise.reject(new Error(`EntryNotFound (FileSystemError): ${uri.value}`)),
      },
    },
  };

  before(async () => {
    // The module as the web client bundles it, with a stand-in for the vscode API.
    const bundled = await build({ entryPoints: [join(ROOT, 'client', 'src', 'workspaceFiles.ts')], bundle: true, platform: 'browser', format: 'cjs', external: ['vscode'], write: false, logLevel: 'silent' });
    const module = { exports: {} as { serveWorkspaceFiles: (client: unknown) => void } };
    new Function('require', 'module', 'exports', bundled.outputFiles[0]!.text)((name: string) => (name === 'vscode' ? vscode : undefined), module, module.exports);
    module.exports.serveWorkspaceFiles({ onRequest: (method: string, handler: Handler) => handlers.set(method, handler) });
  });

  it('answers mim/readFile with the text, its byte order mark kept, and null for a missing file', async () => {
    const readFile = handlers.get('mim/readFile')!;
    assert.equal(await readFile({ uri: 'vscode-vfs://github/o/r/a.json' }), `${BOM}{"é": 1}`);
    assert.equal(await readFile({ uri: 'vscode-vfs://github/o/r/missing.json' }), null);
  });

  it('answers mim/readDirectory with files and folders, links followed, and null for a missing folder', async () => {
    const readDirectory = handlers.get('mim/readDirectory')!;
    assert.deepEqual(await readDirectory({ uri: 'vscode-vfs://github/o/r' }), [
      { name: 'a.json', kind: 'file' },
      { name: 'BikeCounter', kind: 'directory' },
      { name: 'linked', kind: 'directory' },
      { name: 'link.json', kind: 'file' },
    ]);
    assert.equal(await readDirectory({ uri: 'vscode-vfs://github/o/r/missing' }), null);
  });
});

describe('web client bundle, activated in a stand-in for VS Code for the web', () => {
  const WEB_CLIENT = join(ROOT, 'dist', 'web', 'client.js');
  const workers: DomWorker[] = [];
  const files = {
    'file:///ws/BikeCounter/schema.json': MODEL,
    'file:///ws/BikeCounter/examples/example.json': '{"id": "urn:ngsi-ld:BikeCounter:1", "type": "BikeCounter", "count": 3}',
  };
  const vscode = fakeVscode(files);
  let extension: { activate(context: unknown): Promise<void>; deactivate(): Promise<void> };
  const worker = (globalThis as { Worker?: unknown }).Worker;
  before(() => {
    // The extension host's Worker: the client must not care that it is not the browser's own class.
    (globalThis as { Worker?: unknown }).Worker = function (url: string, options?: { name?: string }) {
      const created = new DomWorker(url, options);
      workers.push(created);
      return created;
    };
    const module = { exports: {} as typeof extension };
    const load = new Function('require', 'module', 'exports', readFileSync(WEB_CLIENT, 'utf8'));
    load((name: string) => {
      if (name === 'vscode') return vscode.module;
      throw new Error(`the web client bundle requires "${name}"`);
    }, module, module.exports);
    extension = module.exports;
  });
  after(async () => {
    (globalThis as { Worker?: unknown }).Worker = worker;
    for (const w of workers) if (!w.terminated) w.terminate();
  });

  it('starts the server in a worker from dist/web/server.js', async () => {
    await extension.activate({ subscriptions: [], extensionUri: { toString: () => 'https://extensions.test/mim-aware' } });
    assert.deepEqual(workers.map((w) => [w.url, w.options?.name]), [['https://extensions.test/mim-aware/dist/web/server.js', 'MIM-aware language server']]);
    assert.match(await vscode.outputLine((line) => line.includes('MIM-aware language server')), /on a browser worker/);
    assert.deepEqual(vscode.messages, []);
  });

  it('answers the server\'s file requests from vscode.workspace.fs ("Check this data model")', async () => {
    vscode.activeDocument = { uri: 'file:///ws/BikeCounter/schema.json' };
    await vscode.commands.get('mim.checkModel')!();
    assert.equal(vscode.messages.length, 1, vscode.messages.join('\n'));
    assert.match(vscode.messages[0]!, /^(information|warning): BikeCounter: .+ \(2 files\)\.$/);
  });

  it('restarts in a fresh worker, and ends it when the extension is deactivated', async () => {
    await vscode.commands.get('mim.restartServer')!();
    assert.equal(workers.length, 2);
    assert.ok(workers[0]!.terminated, 'the first worker is ended');
    await extension.deactivate();
    assert.ok(workers[1]!.terminated, 'the second worker is ended');
    assert.deepEqual(workers.flatMap((w) => w.errors), []);
  });
});
