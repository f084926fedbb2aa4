/**
 * A figure for the data model check of a large batch: 5,000 WeatherObserved entities, simplified and
 * normalized, against the model from ../shared/sdm. Prints medians; asserts nothing.
 *
 *   npx tsx scripts/bench/weather-batch.ts [rounds]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createNodeRuntime } from '../../server/src/node/runtime';
import { DEFAULT_SETTINGS, ModelCatalog, checkDocument, parseDocument } from '../../server/src/service/index';

const SDM = join(__dirname, '..', '..', '..', 'shared', 'sdm');
const rounds = Number(process.argv[2] ?? 7);

function batch(example: string): string {
  const base = JSON.parse(readFileSync(join(SDM, 'dataModel.Weather', 'WeatherObserved', 'examples', example), 'utf8'));
  return JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ ...base, id: `${base.id}-${i}` })), null, 2);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const catalog = new ModelCatalog(
    { workspaceFolders: [], modelFolders: [], modelSchemas: [], sdmRoot: pathToFileURL(SDM).toString(), download: false, baseUrl: 'https://smart-data-models.github.io/' },
    createNodeRuntime(),
  );
  await catalog.prepare(['WeatherObserved']);
  console.log(`5,000 WeatherObserved entities, ${rounds} rounds, median milliseconds`);
  console.log('| form | size | JSON.parse | full check (NGSI-LD rules + data model) | ratio |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [form, example] of [['simplified', 'example.jsonld'], ['normalized', 'example-normalized.jsonld']] as const) {
    const text = batch(example);
    const parse: number[] = [];
    const full: number[] = [];
    let problems = 0;
    for (let r = 0; r < rounds; r++) {
      let t = performance.now();
      JSON.parse(text);
      parse.push(performance.now() - t);
      t = performance.now();
      const result = checkDocument(parseDocument('file:///bench/batch.jsonld', r, text), DEFAULT_SETTINGS, { models: catalog });
      full.push(performance.now() - t);
      problems = result.problems.filter((p) => p.severity === 'error').length;
    }
    console.log(`| ${form} | ${(text.length / 1e6).toFixed(1)} MB | ${median(parse).toFixed(1)} | ${median(full).toFixed(1)} (${problems} errors) | ${(median(full) / median(parse)).toFixed(1)}x |`);
  }
}

void main();
