/**
 * What the server may fetch and read, against real servers on 127.0.0.1: https only (http to this machine
 * only, for tests), allowed hosts only, no redirects to another host, size and time limits, no private
 * addresses, no local files outside the workspace, nothing at all in an untrusted workspace.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createNodeRuntime, isPrivateAddress, MAX_LOCAL_FILE_BYTES } from '../../server/src/node/runtime';
import { ModelCatalog, type CatalogConfig } from '../../server/src/service/index';
import { checkWithModels } from '../helpers/engine';
import { TestClient } from '../helpers/lsp';

const CONTEXT = JSON.stringify({ '@context': { Car: 'https://vocab.example.org/Car', speed: 'https://vocab.example.org/speed' } });

describe('downloads', () => {
  let server: Server;
  let base: string;
  const requests: string[] = [];
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/ok.jsonld': (_, res) => res.writeHead(200, { 'content-type': 'application/ld+json' }).end(CONTEXT),
    '/same-host-redirect': (_, res) => res.writeHead(302, { location: '/ok.jsonld' }).end(),
    '/other-host-redirect': (_, res) => res.writeHead(302, { location: `http://localhost:${port()}/ok.jsonld` }).end(),
    '/private-redirect': (_, res) => res.writeHead(301, { location: 'https://10.0.0.8/ok.jsonld' }).end(),
    '/loop': (_, res) => res.writeHead(302, { location: '/loop' }).end(),
    '/huge': (_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('"' + 'x'.repeat(3 * 1024 * 1024) + '"');
    },
    '/drip': (_, res) => {
      // Headers at once, then a byte every 100 ms: never silent long enough for a socket timeout.
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    },
    '/silent': () => undefined,
  };
  const port = () => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };

  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      (routes[req.url ?? ''] ?? ((_, r: ServerResponse) => r.writeHead(404).end()))(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${port()}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const fetchText = (url: string, limits: { maxBytes?: number; timeoutMs?: number } = {}) => createNodeRuntime({ network: true, ...limits }).fetchText!(url);

  it('downloads over http from this machine, and follows a redirect on the same host', async () => {
    assert.deepEqual(await fetchText(`${base}/ok.jsonld`), { ok: true, status: 200, text: CONTEXT });
    assert.equal((await fetchText(`${base}/same-host-redirect`)).text, CONTEXT);
  });

  it('refuses a redirect to another host or to a private address, and a redirect loop', async () => {
    const other = await fetchText(`${base}/other-host-redirect`);
    assert.equal(other.ok, false);
    assert.match(other.error!, /redirects to another host \(localhost:\d+\), which is refused/);
    assert.match((await fetchText(`${base}/private-redirect`)).error!, /another host \(10\.0\.0\.8\)/);
    assert.match((await fetchText(`${base}/loop`)).error!, /too many redirects/);
  });

  it('stops at the size limit and at the time limit, even when the server keeps talking', async () => {
    assert.match((await fetchText(`${base}/huge`, { maxBytes: 1024 * 1024 })).error!, /larger than 1 MB/);
    const started = Date.now();
    assert.match((await fetchText(`${base}/drip`, { timeoutMs: 600 })).error!, /no complete answer within 0.6 s/);
    assert.match((await fetchText(`${base}/silent`, { timeoutMs: 600 })).error!, /within 0.6 s/);
    assert.ok(Date.now() - started < 5000);
  });

  it('never asks over plain http elsewhere, nor a private or link-local address', async () => {
    const before = requests.length;
    assert.match((await fetchText('http://example.org/context.jsonld')).error!, /only https downloads are allowed, not http:/);
    assert.match((await fetchText('https://192.168.1.10/context.jsonld')).error!, /private or link-local address/);
    assert.match((await fetchText('https://[fe80::1]/context.jsonld')).error!, /private or link-local address/);
    assert.match((await fetchText('https://[::ffff:10.1.2.3]/context.jsonld')).error!, /private or link-local address/);
    assert.match((await fetchText('ftp://example.org/x')).error!, /only https/);
    assert.equal(requests.length, before);
  });

  it('knows the private, loopback and link-local ranges', () => {
    for (const a of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd12::1', '::ffff:10.0.0.1', '::ffff:a01:203', '::ffff:c0a8:1', '::ffff:7f00:1']) {
      assert.equal(isPrivateAddress(a), true, a);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '193.168.0.1', '2001:db8::1', '100.128.0.1', '::ffff:808:808']) assert.equal(isPrivateAddress(a), false, a);
  });

  it('downloads @contexts only from the allowed hosts, and only when the settings allow it', async () => {
    const config = (download: boolean, allowedHosts: string[]): CatalogConfig => ({
      workspaceFolders: [],
      modelFolders: [],
      modelSchemas: [],
      sdmRoot: undefined,
      download,
      baseUrl: 'https://smart-data-models.github.io/',
      allowedHosts,
    });
    const payload = `{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 5}, "@context": ["${base}/ok.jsonld", "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}`;
    const before = requests.length;
    const off = await checkWithModels('car.jsonld', payload, {}, new ModelCatalog(config(false, [`127.0.0.1:${port()}`]), createNodeRuntime({ network: true })));
    assert.match(off.problems[0]!.message, /not available offline/);
    const elsewhere = await checkWithModels('car.jsonld', payload, {}, new ModelCatalog(config(true, ['uri.etsi.org']), createNodeRuntime({ network: true })));
    assert.match(elsewhere.problems[0]!.message, /not in mim\.download\.allowedHosts/);
    assert.equal(requests.length, before, 'the server was never asked');
    const allowed = await checkWithModels('car.jsonld', payload, {}, new ModelCatalog(config(true, [`127.0.0.1:${port()}`]), createNodeRuntime({ network: true })));
    assert.deepEqual(allowed.problems, []);
    assert.equal(requests.length, before + 1);
  });

  it('downloads nothing for a restricted (untrusted) workspace, whatever its settings say', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'mim-untrusted-'));
    const client = new TestClient({
      workspaceFolders: [pathToFileURL(workspace).toString()],
      initializationOptions: { workspaceTrusted: false },
      settings: () => ({ download: { enable: true, allowedHosts: [`127.0.0.1:${port()}`] } }),
    });
    await client.initialize();
    const uri = pathToFileURL(join(workspace, 'car.jsonld')).toString();
    const before = requests.length;
    client.open(uri, `{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": ["${base}/ok.jsonld", "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}`);
    const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'ngsi-ld/context-unavailable'));
    assert.match(String(published.diagnostics[0]!.message), /not available offline/);
    assert.equal(requests.length, before);
    // Once the user trusts the workspace, the download happens, and the problem goes.
    client.notify('mim/workspaceTrust', { trusted: true });
    for (let i = 0; i < 100 && requests.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(requests.length, before + 1);
    const last = () => client.published.get(uri)!.at(-1)!.diagnostics;
    for (let i = 0; i < 100 && last().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(last(), []);
    await client.stop();
  });
});

describe('local files', () => {
  it('never reads a file outside the workspace that an @context or a $ref names', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mim-outside-'));
    writeFileSync(join(outside, 'context.jsonld'), CONTEXT);
    writeFileSync(join(outside, 'common.json'), JSON.stringify({ definitions: { count: { type: 'integer' } } }));
    const contextUri = pathToFileURL(join(outside, 'context.jsonld')).toString();
    const payload = `{"id": "urn:ngsi-ld:Car:1", "type": "Car", "@context": ["${contextUri}", "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}`;
    const result = await checkWithModels('car.jsonld', payload, {});
    assert.deepEqual(result.problems.map((p) => p.code), ['ngsi-ld/context-unavailable']);
    assert.match(result.problems[0]!.message, /a local file outside the workspace and the folders the settings name, which is never read/);

    const schema = JSON.stringify({ type: 'object', properties: { type: { enum: ['Counter'] }, count: { $ref: `${pathToFileURL(join(outside, 'common.json'))}#/definitions/count` } } });
    const model = await checkWithModels('counter.json', '{"id": "urn:ngsi-ld:Counter:1", "type": "Counter", "count": "many"}', { files: { 'Counter/schema.json': schema } });
    assert.deepEqual(model.problems.map((p) => p.code), ['sdm/model-incomplete'], 'the $ref is left unresolved, so "many" is not checked against it');
    assert.match(model.problems[0]!.message, /common\.json could not be read/);
  });

  it('reads a file outside the workspace when the settings map a context URL to it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mim-mapped-'));
    writeFileSync(join(outside, 'context.jsonld'), CONTEXT);
    const url = 'https://example.org/contexts/cars.jsonld';
    const payload = `{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 5}, "@context": ["${url}", "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}`;
    const result = await checkWithModels('car.jsonld', payload, { config: { mappings: { [url]: pathToFileURL(join(outside, 'context.jsonld')).toString() } } });
    assert.deepEqual(result.problems, []);
  });

  it('does not read a local file larger than 64 MB into memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mim-big-'));
    const big = join(dir, 'context.jsonld');
    const small = join(dir, 'small.jsonld');
    writeFileSync(small, '{"@context": {}}');
    // A sparse file: 65 MB long without taking the disk space.
    writeFileSync(big, '');
    truncateSync(big, MAX_LOCAL_FILE_BYTES + 1024 * 1024);
    const runtime = createNodeRuntime();
    assert.equal(await runtime.readFile(pathToFileURL(big).toString()), undefined);
    assert.equal(await runtime.readFile(pathToFileURL(small).toString()), '{"@context": {}}');
  });
});
