/**
 * The example files of the 135 models in ../shared/sdm, checked as each model's own (SDM-031, SDM-042/043, the
 * twins), and each model folder's files. The counts and models are those of ../shared/spec/sdm-corpus.md §2;
 * where the corpus notes name a model, the test names it too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CheckResult } from '../../server/src/service/index';
import { catalogFor, checkWithModels, SHARED } from '../helpers/engine';

const SDM = join(SHARED, 'sdm');
const index = JSON.parse(readFileSync(join(SDM, 'index.json'), 'utf8')) as {
  repo: string;
  model: string;
  schema: string;
  examples: Record<string, string>;
  upstreamHasADOPTERS: boolean;
  upstreamHasNotes: boolean;
}[];

describe('Smart Data Models: each model\'s own examples and folder', () => {
  const catalog = catalogFor({ sdm: true });
  const results = new Map<string, CheckResult & { text: string }>();

  before(async () => {
    for (const entry of index) {
      for (const path of [entry.schema, ...Object.values(entry.examples)]) {
        const text = readFileSync(join(SDM, path), 'utf8');
        const uri = pathToFileURL(join(SDM, path)).toString();
        results.set(path, { ...(await checkWithModels(uri, text, { syntaxErrors: 'always' }, catalog)), text });
      }
    }
  });

  const found = (code: string) =>
    [...results].flatMap(([path, r]) => r.problems.filter((p) => p.code === code).map((p) => ({ path, problem: p, text: r.text.slice(p.offsets.start, p.offsets.end) })));

  it('reads the two .json examples as NGSI-v2 and the two .jsonld as NGSI-LD', () => {
    for (const [path, result] of results) {
      if (path.endsWith('examples/example.json') || path.endsWith('examples/example-normalized.json')) assert.equal(result.detection.kind, 'ngsi-v2', path);
      if (path.endsWith('schema.json')) assert.equal(result.detection.kind, 'data-model-schema', path);
    }
  });

  it('finds the attributes example.json uses without the model defining them in the 12 models the corpus notes list (SDM-031)', () => {
    const byModel = new Map<string, string[]>();
    for (const { path, text } of found('sdm-example/undefined-attribute').filter((f) => f.path.endsWith('examples/example.json'))) {
      const model = path.split('/').slice(0, 2).join('/');
      byModel.set(model, [...(byModel.get(model) ?? []), JSON.parse(text) as string]);
    }
    assert.equal(byModel.size, 12);
    // The ones sdm-corpus.md names, with the attribute it names.
    assert.ok(byModel.get('dataModel.Environment/AirQualityObserved')?.includes('typeOfLocation'));
    assert.ok(byModel.get('dataModel.Energy/InverterDevice')?.includes('nominalAmpereDC '), 'the key with a trailing space');
    assert.ok(byModel.get('dataModel.Agrifood/Compartment')?.includes('outputFeed'));
    assert.ok(byModel.get('dataModel.Agrifood/Pen')?.includes('empty'));
    assert.ok(byModel.get('dataModel.Streetlighting/StreetlightGroup')?.includes('refStreetlightCabinetController'));
    assert.ok(byModel.get('dataModel.Transportation/BikeHireDockingStation')?.includes('observationDate'));
    // Every finding is an error on the member name.
    for (const { problem, text } of found('sdm-example/undefined-attribute')) {
      assert.equal(problem.severity, 'error');
      assert.ok(text.startsWith('"'), text);
    }
  });

  it('finds the NGSI-LD type in an NGSI-v2 example-normalized.json of ElectricVehicleMobility only (SDM-043)', () => {
    const form = found('sdm-example/form');
    assert.deepEqual(
      form.map((f) => [f.path, f.problem.range.start.line + 1]),
      [['dataModel.Transportation/ElectricVehicleMobility/examples/example-normalized.json', 33]],
    );
  });

  it('says where the normalized and keyValues examples of a model disagree, on both sides', () => {
    const twins = found('sdm-example/twin');
    // Not a corpus count: sdm-corpus.md compares each file with the schema, not with its twin. These are
    // values changed in one form only (see test/corpus/sdm-conversions.test.ts for the LD pairs).
    assert.ok(twins.length > 500, `${twins.length}`);
    const weather = twins.filter((t) => t.path.startsWith('dataModel.Weather/WeatherForecast/'));
    assert.ok(weather.some((t) => t.text === '"windSpeed"' && /0\.2 here but 0 in example\.jsonld/.test(t.problem.message)), weather.map((t) => t.problem.message).join('\n'));
    for (const twin of twins) assert.equal(twin.problem.severity, 'warning');
    // A pair that agrees raises nothing.
    assert.equal(twins.filter((t) => t.path.startsWith('dataModel.Weather/WeatherObserved/examples/example.jsonld')).length, 0);
  });

  it('lists the files a model folder lacks: ADOPTERS.yaml everywhere (the snapshot left them out), notes.yaml where upstream has none', () => {
    const reports = found('sdm-schema/model-files');
    assert.equal(reports.length, index.length);
    for (const entry of index) {
      const report = reports.find((r) => r.path === entry.schema);
      assert.ok(report, entry.schema);
      const lacks = report.problem.message.replace(/^The model folder lacks (.*): the.*$/, '$1').split(', ');
      assert.deepEqual(lacks, [...(entry.upstreamHasNotes ? [] : ['notes.yaml']), 'ADOPTERS.yaml'], entry.model);
      assert.equal(report.text, '{');
    }
  });
});
