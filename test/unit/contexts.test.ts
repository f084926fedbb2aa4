/**
 * @contexts read over the network: served from 127.0.0.1, expanded, cached, and used offline afterwards; a
 * host outside mim.download.allowedHosts is never asked.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createNodeRuntime } from '../../server/src/node/runtime';
import { hover, ModelCatalog, parseDocument, type CatalogConfig } from '../../server/src/service/index';
import { checkWithModels, WORKSPACE_URI } from '../helpers/engine';

const CARS_CONTEXT = JSON.stringify({
  '@context': { Car: 'https://vocab.example.org/Car', speed: 'https://vocab.example.org/speed', brand: { '@id': 'https://vocab.example.org/brand' } },
});

describe('@context downloads', () => {
  let server: Server;
  let host: string;
  const requests: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/ctx/cars.jsonld') {
        res.writeHead(200, { 'content-type': 'application/ld+json' });
        res.end(CARS_CONTEXT);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => {
    server.close();
  });

  const config = (allowedHosts: string[]): CatalogConfig => ({
    workspaceFolders: [],
    modelFolders: [],
    modelSchemas: [],
    sdmRoot: undefined,
    download: true,
    baseUrl: 'https://smart-data-models.github.io/',
    allowedHosts,
  });
  const car = (attribute: string, context: string) =>
    `{"id": "urn:ngsi-ld:Car:1", "type": "Car", "${attribute}": {"type": "Property", "value": 50}, "@context": ["${context}", "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}`;

  it('reads a context from an allowed host, expands names with it and caches it', async () => {
    requests.length = 0;
    const cacheDir = mkdtempSync(join(tmpdir(), 'mim-ctx-'));
    const url = `http://${host}/ctx/cars.jsonld`;
    const catalog = new ModelCatalog(config([host]), createNodeRuntime({ network: true, cacheDir }));
    const good = await checkWithModels('car.jsonld', car('speed', url), {}, catalog);
    assert.deepEqual(good.problems.map((p) => p.code), []);
    const misspelt = await checkWithModels('car.jsonld', car('sped', url), {}, catalog);
    assert.deepEqual(misspelt.problems.map((p) => [p.code, p.fixes?.[0]?.kind === 'rename-key' ? p.fixes[0].to : undefined]), [['ngsi-ld/undefined-term', 'speed']]);
    assert.deepEqual(requests, ['/ctx/cars.jsonld'], 'the context is downloaded once');
    assert.equal(readdirSync(cacheDir).length, 1);

    const text = car('speed', url);
    const doc = parseDocument(`${WORKSPACE_URI}/car.jsonld`, 1, text);
    const found = await hover(doc, text.indexOf('speed') + 1, { detection: good.detection, models: catalog, contexts: catalog.contexts });
    assert.match(found!.contents, /Expands to <https:\/\/vocab\.example\.org\/speed> \(from http:\/\/127\.0\.0\.1:\d+\/ctx\/cars\.jsonld\)/);

    // Offline: a new catalog over the same cache needs no server.
    requests.length = 0;
    const offline = new ModelCatalog(config([host]), createNodeRuntime({ network: false, cacheDir }));
    const again = await checkWithModels('car.jsonld', car('sped', url), {}, offline);
    assert.deepEqual(again.problems.map((p) => p.code), ['ngsi-ld/undefined-term']);
    assert.deepEqual(requests, []);
  });

  it('reports a context it cannot read, once, on its URL, and checks nothing it would define', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mim-ctx-'));
    const url = `http://${host}/ctx/missing.jsonld`;
    const catalog = new ModelCatalog(config([host]), createNodeRuntime({ network: true, cacheDir }));
    const text = car('sped', url);
    const result = await checkWithModels('car.jsonld', text, {}, catalog);
    assert.deepEqual(result.problems.map((p) => [p.code, p.severity, text.slice(p.offsets.start, p.offsets.end)]), [['ngsi-ld/context-unavailable', 'warning', `"${url}"`]]);
    assert.match(result.problems[0]!.message, /HTTP 404/);
  });

  it('never asks a host that is not allowed', async () => {
    requests.length = 0;
    const cacheDir = mkdtempSync(join(tmpdir(), 'mim-ctx-'));
    const url = `http://${host}/ctx/cars.jsonld`;
    const catalog = new ModelCatalog(config(['uri.etsi.org']), createNodeRuntime({ network: true, cacheDir }));
    const result = await checkWithModels('car.jsonld', car('speed', url), {}, catalog);
    assert.deepEqual(result.problems.map((p) => p.code), ['ngsi-ld/context-unavailable']);
    assert.match(result.problems[0]!.message, /mim\.download\.allowedHosts/);
    assert.deepEqual(requests, []);
  });
});
