import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createNodeRuntime } from '../../server/src/node/runtime';
import { ModelCatalog, type CatalogConfig } from '../../server/src/service/index';
import { SDM_ROOT_URI, SHARED, WORKSPACE_URI, catalogFor, checkWithModels, memoryRuntime } from '../helpers/engine';

const weather = (extra = '') =>
  `{"id": "urn:ngsi-ld:WeatherObserved:1", "type": "WeatherObserved", "dateObserved": "2024-05-01T10:00:00Z", "location": {"type": "Point", "coordinates": [-4.75, 41.64]}${extra}}`;

const OWN_MODEL = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $schemaVersion: '0.0.1',
  title: 'A bike counter of our own',
  type: 'object',
  required: ['id', 'type', 'count'],
  properties: { type: { type: 'string', enum: ['BikeCounter'] }, count: { type: 'integer', minimum: 0, description: 'Property. Bikes counted. Units:\'bikes\'' } },
});

describe('data model catalog: local sources', () => {
  it('finds a model of the workspace by its folder name and checks against it', async () => {
    const files = { 'models/BikeCounter/schema.json': OWN_MODEL };
    const result = await checkWithModels('counter.json', '{"id": "urn:ngsi-ld:BikeCounter:1", "type": "BikeCounter", "count": -2}', { files });
    assert.deepEqual(result.problems.map((p) => [p.code, p.message]), [['sdm/range', '"count" must be at least 0 in the BikeCounter data model; here it is -2.']]);
    assert.deepEqual(result.models, [
      { type: 'BikeCounter', state: 'ready', title: 'A bike counter of our own', version: '0.0.1', source: 'the workspace', schemaUri: `${WORKSPACE_URI}/models/BikeCounter/schema.json` },
    ]);
  });

  it('prefers the workspace over mim.sdm.root for the same type', async () => {
    const own = JSON.stringify({ type: 'object', properties: { type: { enum: ['WeatherObserved'] }, temperature: { type: 'string' } } });
    const result = await checkWithModels('w.json', weather(', "temperature": 20'), { sdm: true, files: { 'WeatherObserved/schema.json': own } });
    assert.equal(result.models[0]!.source, 'the workspace');
    // Its own model defines neither dateObserved nor location: two hints, and temperature is a string there.
    assert.deepEqual(result.problems.map((p) => p.code), ['sdm/unknown-attribute', 'sdm/unknown-attribute', 'sdm/value-type']);
  });

  it('takes folders and single schemas from mim.dataModels', async () => {
    const runtime = memoryRuntime({ 'file:///models/BikeCounter/schema.json': OWN_MODEL, 'file:///single/counter-schema.json': OWN_MODEL.replace('BikeCounter', 'Counter') });
    for (const config of [{ modelFolders: ['file:///models'] }, { modelSchemas: ['file:///single/counter-schema.json'] }]) {
      const catalog = catalogFor({ runtime, config });
      const type = config.modelFolders ? 'BikeCounter' : 'Counter';
      const result = await checkWithModels('c.json', `{"id": "urn:ngsi-ld:${type}:1", "type": "${type}", "count": 1.5}`, {}, catalog);
      assert.deepEqual(result.problems.map((p) => p.code), ['sdm/value-type'], JSON.stringify(config));
      assert.equal(result.models[0]!.source, 'mim.dataModels');
    }
  });

  it('says nothing about types no source knows, and reports the model it cannot use', async () => {
    const unknown = await checkWithModels('x.json', '{"id": "urn:ngsi-ld:Gizmo:1", "type": "Gizmo", "size": 1}', { sdm: true });
    assert.deepEqual(unknown.problems, []);
    assert.deepEqual(unknown.models, [{ type: 'Gizmo', state: 'unknown' }]);
    const broken = await checkWithModels('x.json', '{"id": "urn:ngsi-ld:Gizmo:1", "type": "Gizmo"}', { files: { 'Gizmo/schema.json': '{"type": "object",' } });
    assert.deepEqual(broken.problems.map((p) => p.code), ['sdm/model-error']);
    assert.match(broken.problems[0]!.message, /is not valid JSON/);
  });

  it('follows an edited schema: the editor\'s unsaved text counts', async () => {
    const catalog = catalogFor({ files: { 'BikeCounter/schema.json': OWN_MODEL } });
    const payload = '{"id": "urn:ngsi-ld:BikeCounter:1", "type": "BikeCounter", "count": 5}';
    assert.deepEqual((await checkWithModels('c.json', payload, {}, catalog)).problems, []);
    catalog.invalidate(`${WORKSPACE_URI}/BikeCounter/schema.json`, OWN_MODEL.replace('"minimum":0', '"minimum":10'));
    assert.deepEqual((await checkWithModels('c.json', payload, {}, catalog)).problems.map((p) => p.code), ['sdm/range']);
    catalog.invalidate(`${WORKSPACE_URI}/BikeCounter/schema.json`, undefined);
    assert.deepEqual((await checkWithModels('c.json', payload, {}, catalog)).problems, []);
  });

  it('resolves the absolute $refs of a model opened from a checkout of the repositories', async () => {
    // The workspace is the snapshot itself, with no mim.sdm.root: refs resolve next to the model's repository.
    const catalog = new ModelCatalog(
      { workspaceFolders: [SDM_ROOT_URI], modelFolders: [], modelSchemas: [], sdmRoot: undefined, download: false, baseUrl: 'https://smart-data-models.github.io/' },
      createNodeRuntime(),
    );
    const result = await checkWithModels('w.json', weather(', "precipitation": -3'), {}, catalog);
    assert.deepEqual(result.problems.map((p) => p.code), ['sdm/range']);
    const lookup = catalog.lookup('WeatherObserved');
    assert.ok(lookup.state === 'ready' && lookup.model.unresolved.length === 0);
  });
});

describe('data model catalog: downloads from the published site', () => {
  let server: Server;
  let baseUrl: string;
  const requests: string[] = [];
  before(async () => {
    // The site layout: /dataModel.X/Model/schema.json and /data-models/..., served from ../shared/sdm.
    const root = join(SHARED, 'sdm');
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
      requests.push(path);
      const file = join(root, path);
      if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });
  after(() => {
    server.close();
  });

  const config = (download: boolean): CatalogConfig => ({ workspaceFolders: [], modelFolders: [], modelSchemas: [], sdmRoot: undefined, download, baseUrl });

  it('downloads nothing unless allowed', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mim-cache-'));
    const catalog = new ModelCatalog(config(false), createNodeRuntime({ network: true, cacheDir }));
    const result = await checkWithModels('w.json', weather(', "precipitation": -3'), {}, catalog);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.models, [{ type: 'WeatherObserved', state: 'unknown' }]);
    assert.deepEqual(requests, []);
  });

  it('downloads the model and its references, caches them, and works offline afterwards', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mim-cache-'));
    const online = new ModelCatalog(config(true), createNodeRuntime({ network: true, cacheDir }));
    const first = await checkWithModels('w.json', weather(', "precipitation": -3'), {}, online);
    assert.deepEqual(first.problems.map((p) => p.code), ['sdm/range']);
    assert.equal(first.models[0]!.source, 'the Smart Data Models site (downloaded)');
    assert.deepEqual([...new Set(requests)].sort(), [
      '/data-models/common-schema.json',
      '/data-models/specs/AllSubjects/official_list_data_models.json',
      // weather-schema.json refers to the Environment subject's shared schema.
      '/dataModel.Environment/Environment-schema.json',
      '/dataModel.Weather/WeatherObserved/schema.json',
      '/dataModel.Weather/weather-schema.json',
    ]);
    assert.equal(readdirSync(cacheDir).length, 5, 'five documents cached');

    await new Promise<void>((resolve) => server.close(() => resolve()));
    requests.length = 0;
    const offline = new ModelCatalog(config(true), createNodeRuntime({ network: true, cacheDir }));
    const again = await checkWithModels('w.json', weather(', "precipitation": -3'), {}, offline);
    assert.deepEqual(again.problems.map((p) => p.code), ['sdm/range']);
    assert.deepEqual(requests, []);
  });
});
