/**
 * examples/ is the demo workspace and examples/README.md says what each file shows: this test keeps them true.
 * It runs the built command-line checker over the folder, with the @context mapping the workspace settings give.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
const CONTEXT = 'https://example.org/mim-aware/examples/context.jsonld';

const EXPECTED: Record<string, string[]> = {
  'examples/algorithms/cycle-lane-planner.json': ['mim5/impact-assessment', 'mim5/short-description-length'],
  'examples/data-models/BikeCounter/examples/example-normalized.json': [],
  'examples/data-models/BikeCounter/examples/example-normalized.jsonld': [],
  'examples/data-models/BikeCounter/examples/example.json': [],
  'examples/data-models/BikeCounter/examples/example.jsonld': [],
  // A model of our own, offline: it defines id, location and the rest itself instead of pulling in the Smart Data Models commons.
  'examples/data-models/BikeCounter/schema.json': ['sdm-schema/commons', 'sdm-schema/required-short', 'sdm-schema/standard-attribute'],
  'examples/data-models/context.jsonld': [],
  'examples/payloads/bike-counter.json': ['geo/swapped-coordinates', 'ngsi-ld/relationship-object', 'sdm/enum', 'sdm/range', 'sdm/required'],
  'examples/payloads/bike-counters.simplified.json': [],
  'examples/payloads/parking-batch.json': [],
  'examples/payloads/registration.json': ['ngsi-ld/registration-mode'],
  'examples/payloads/streetlight-with-problems.json': ['geo/ring-not-closed', 'ngsi-ld/attribute-kind', 'ngsi-ld/datetime', 'ngsi-ld/entity-id', 'ngsi-ld/null-value', 'ngsi-ld/relationship-object'],
  'examples/payloads/subscription.json': ['ngsi-ld/endpoint-insecure', 'ngsi-ld/expires-at', 'ngsi-ld/geoq', 'ngsi-ld/member-value', 'ngsi-ld/q'],
  'examples/payloads/temporal.json': ['ngsi-ld/datetime', 'ngsi-ld/temporal-instances'],
  'examples/payloads/weather-observed.normalized.jsonld': ['ngsi-ld/context-unavailable'],
  'examples/policies/bike-counts-offer.jsonld': ['odrl/action', 'odrl/entity-type', 'odrl/operator'],
};

describe('the examples workspace', () => {
  it('shows the problems examples/README.md describes, and nothing else', () => {
    const settings = JSON.parse(readFileSync(join(root, 'examples', '.vscode', 'settings.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as Record<string, Record<string, string>>;
    const mapped = settings['mim.contexts.map']![CONTEXT];
    assert.equal(mapped, 'data-models/context.jsonld', 'the workspace maps the example @context');
    const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', 'json', '--context', `${CONTEXT}=examples/${mapped}`, 'examples'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    const files = (JSON.parse(result.stdout) as { files: { path: string; problems: { code: string }[] }[] }).files;
    assert.deepEqual(Object.fromEntries(files.map((f) => [f.path, f.problems.map((p) => p.code).sort()])), EXPECTED);
    const readme = readFileSync(join(root, 'examples', 'README.md'), 'utf8');
    for (const path of Object.keys(EXPECTED).filter((p) => /^examples\/(payloads|policies|algorithms)\//.test(p))) assert.ok(readme.includes(path.slice('examples/'.length)), `examples/README.md describes ${path}`);
  });
});
