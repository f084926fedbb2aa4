/**
 * A data model's own files: which files are its examples, their twins, and the checks that follow edits of the
 * files around them (the editor's unsaved text, files created on disk).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDocument, DEFAULT_SETTINGS, ModelCatalog, parseDocument, PUBLISHED_SITE } from '../../server/src/service/index';
import { modelExampleOf } from '../../server/src/service/sdm/examples';
import { catalogFor, memoryRuntime, WORKSPACE_URI } from '../helpers/engine';

const SCHEMA = JSON.stringify({ type: 'object', required: ['id', 'type'], properties: { type: { enum: ['BikeCounter'] }, count: { type: 'integer' } } });

describe('model example files', () => {
  it('knows the four example files of a model folder and their twins', () => {
    assert.deepEqual(modelExampleOf('file:///repo/dataModel.Mobility/BikeCounter/examples/example-normalized.jsonld'), {
      model: 'BikeCounter',
      folder: 'file:///repo/dataModel.Mobility/BikeCounter',
      name: 'example-normalized.jsonld',
      api: 'ld',
      normalized: true,
      twin: 'file:///repo/dataModel.Mobility/BikeCounter/examples/example.jsonld',
    });
    assert.equal(modelExampleOf('file:///repo/BikeCounter/examples/example.json')?.twin, 'file:///repo/BikeCounter/examples/example-normalized.json');
    assert.equal(modelExampleOf('file:///repo/BikeCounter/example.json'), undefined, 'not in examples/');
    assert.equal(modelExampleOf('file:///repo/templates/examples/example.json'), undefined, 'not a model folder');
    assert.equal(modelExampleOf('file:///repo/BikeCounter/examples/example-geojsonfeature.json'), undefined);
  });

  it('follows every edit of the twin in the editor, read in between or not', async () => {
    const files = { 'BikeCounter/schema.json': SCHEMA, 'BikeCounter/examples/example-normalized.json': '{"id": "b1", "type": "BikeCounter", "count": {"type": "Number", "value": 3}}' };
    const catalog = catalogFor({ files });
    const options = { models: catalog, contexts: catalog.contexts, files: catalog.files };
    const example = parseDocument(`${WORKSPACE_URI}/BikeCounter/examples/example.json`, 1, '{"id": "b1", "type": "BikeCounter", "count": 3}');
    const check = async () => {
      checkDocument(example, DEFAULT_SETTINGS, options);
      await catalog.settle();
      return checkDocument(example, DEFAULT_SETTINGS, options).problems.map((p) => p.message);
    };
    assert.deepEqual(await check(), []);
    const twin = `${WORKSPACE_URI}/BikeCounter/examples/example-normalized.json`;
    // Opened (same text), then edited twice before anything is checked again.
    catalog.invalidate(twin, files['BikeCounter/examples/example-normalized.json']);
    catalog.invalidate(twin, '{"id": "b1", "type": "BikeCounter", "count": {"type": "Number", "value": 4}}');
    catalog.invalidate(twin, '{"id": "b1", "type": "BikeCounter", "count": {"type": "Number", "value": 5}}');
    assert.deepEqual(await check(), ['"count" is 3 here but 5 in example-normalized.json, the same entity in the other form.']);
    // Closed unsaved: the file on disk counts again.
    catalog.invalidate(twin, undefined);
    assert.deepEqual(await check(), []);
  });

  it('sees a file created in the model folder once the file watcher says so', async () => {
    const live: Record<string, string> = { [`${WORKSPACE_URI}/BikeCounter/schema.json`]: SCHEMA };
    const catalog = new ModelCatalog({ workspaceFolders: [WORKSPACE_URI], modelFolders: [], modelSchemas: [], sdmRoot: undefined, download: false, baseUrl: PUBLISHED_SITE }, memoryRuntime(live));
    const options = { models: catalog, contexts: catalog.contexts, files: catalog.files };
    const schema = parseDocument(`${WORKSPACE_URI}/BikeCounter/schema.json`, 1, SCHEMA);
    const lacks = async () => {
      checkDocument(schema, DEFAULT_SETTINGS, options);
      await catalog.settle();
      return checkDocument(schema, DEFAULT_SETTINGS, options).problems.find((p) => p.code === 'sdm-schema/model-files')?.message ?? '';
    };
    assert.match(await lacks(), /lacks examples\/example\.json, examples\/example-normalized\.json, examples\/example\.jsonld, examples\/example-normalized\.jsonld, notes\.yaml, ADOPTERS\.yaml:/);
    const created = `${WORKSPACE_URI}/BikeCounter/notes.yaml`;
    live[created] = 'notes: a bike counter\n';
    assert.match(await lacks(), /notes\.yaml/, 'the listing is kept until the watcher says something changed');
    catalog.invalidate(created);
    assert.doesNotMatch(await lacks(), /notes\.yaml/);
  });
});
