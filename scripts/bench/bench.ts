/**
 * npm run bench: our engine and the tools a user would otherwise use, on the same files, in one run. Prints
 * medians and ratios; decides nothing. The engine is measured as the bundle esbuild builds for the server
 * (dist/bench/engine.js, built by run.mjs), not through tsx.
 *
 * Workloads: one small entity; 5,000 WeatherObserved entities in the simplified, concise and normalized forms;
 * the whole ../shared/sdm corpus through the CLI; the language server's time from didChange to diagnostics
 * (pull diagnostics, so no debounce) for a 5 KB payload and the 5,000-entity batch; its answers to hovers
 * while it checks the batch; start to first diagnostics; its memory with every model of ../shared/sdm loaded.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { TestClient } from '../../test/helpers/lsp';

type Engine = typeof import('../../server/src/service/index');
type NodeRuntimeModule = typeof import('../../server/src/node/runtime');
type ConvertModule = typeof import('../../server/src/service/convert');

const ROOT = join(__dirname, '..', '..');
const SDM = join(ROOT, '..', 'shared', 'sdm');
const SDM_URI = pathToFileURL(SDM).toString();
const engine = require(join(ROOT, 'dist', 'bench', 'engine.js')) as Engine & Pick<NodeRuntimeModule, 'createNodeRuntime'> & Pick<ConvertModule, 'convertEntity'>;
const quick = process.argv.includes('--quick');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const max = (values: number[]) => Math.max(...values);
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function time(fn: () => unknown, rounds: number): number[] {
  const out: number[] = [];
  fn(); // warm-up
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

function example(model: string, subject: string, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SDM, subject, model, 'examples', file), 'utf8'));
}

/** 5,000 copies of the example with their own ids, written compactly as exports usually are. */
function batch(base: Record<string, unknown>, n = 5000): string {
  return JSON.stringify(Array.from({ length: n }, (_, i) => ({ ...base, id: `urn:ngsi-ld:WeatherObserved:bench-${i}` })));
}

function catalog() {
  return new engine.ModelCatalog(
    { workspaceFolders: [], modelFolders: [], modelSchemas: [], sdmRoot: SDM_URI, download: false, baseUrl: engine.PUBLISHED_SITE },
    engine.createNodeRuntime(),
  );
}

/** vscode-json-languageservice with the model's schema associated, its $refs read from ../shared/sdm. */
function jsonLanguageService(modelSchemaUrl: string, array: boolean) {
  const local = (url: string) => {
    const m = /^https:\/\/smart-data-models\.github\.io\/([^/]+)\/(.*)$/.exec(url) ?? /^https:\/\/raw\.githubusercontent\.com\/smart-data-models\/([^/]+)\/(?:master|main)\/(.*)$/.exec(url);
    return m ? join(SDM, m[1]!, m[2]!) : undefined;
  };
  const service = getLanguageService({
    schemaRequestService: async (url) => {
      const file = local(url);
      if (!file) throw new Error(`not available offline: ${url}`);
      return readFileSync(file, 'utf8');
    },
  });
  service.configure({
    validate: true,
    allowComments: false,
    schemas: [{ uri: 'bench://schema', fileMatch: ['*.json'], schema: array ? { type: 'array', items: { $ref: modelSchemaUrl } } : { $ref: modelSchemaUrl } }],
  });
  return async (text: string) => {
    const doc = TextDocument.create('file:///bench/payload.json', 'json', 1, text);
    return service.doValidation(doc, service.parseJSONDocument(doc));
  };
}

async function timeAsync(fn: () => Promise<unknown>, rounds: number): Promise<number[]> {
  const out: number[] = [];
  await fn();
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

interface Row {
  workload: string;
  size: string;
  parse: number;
  ajv?: number;
  jsonls?: number;
  ours: number;
  note?: string;
}

async function engineTable(): Promise<Row[]> {
  const models = catalog();
  await models.prepare(['WeatherObserved']);
  const lookup = models.lookup('WeatherObserved');
  if (lookup.state !== 'ready') throw new Error('the WeatherObserved model is not available in ../shared/sdm');
  const validate = lookup.model.validate;
  const schemaUrl = 'https://smart-data-models.github.io/dataModel.Weather/WeatherObserved/schema.json';
  const check = (text: string, file: string) =>
    engine.checkDocument(engine.parseDocument(`file:///bench/${file}`, 1, text), engine.DEFAULT_SETTINGS, { models, contexts: models.contexts, syntaxErrors: 'always' });
  const rows: Row[] = [];
  const small = JSON.stringify(example('WeatherObserved', 'dataModel.Weather', 'example.json'), null, 2);
  {
    const rounds = quick ? 50 : 300;
    const ls = jsonLanguageService(schemaUrl, false);
    rows.push({
      workload: 'one entity (WeatherObserved example.json)',
      size: `${(small.length / 1024).toFixed(1)} KB`,
      parse: median(time(() => JSON.parse(small), rounds)),
      ajv: median(time(() => validate(JSON.parse(small)), rounds)),
      jsonls: median(await timeAsync(() => ls(small), rounds)),
      ours: median(time(() => check(small, 'one.json'), rounds)),
    });
  }
  // The NGSI-LD examples: simplified and normalized as Smart Data Models publishes them, concise converted.
  const simplified = example('WeatherObserved', 'dataModel.Weather', 'example.jsonld');
  const forms: [string, Record<string, unknown>, string][] = [
    ['simplified', simplified, 'batch.jsonld'],
    ['concise', engine.convertEntity(example('WeatherObserved', 'dataModel.Weather', 'example-normalized.jsonld'), 'concise').value as Record<string, unknown>, 'batch.jsonld'],
    ['normalized', example('WeatherObserved', 'dataModel.Weather', 'example-normalized.jsonld'), 'batch.jsonld'],
  ];
  const rounds = quick ? 3 : 9;
  for (const [form, base, file] of forms) {
    const text = batch(base);
    const row: Row = { workload: `5,000 WeatherObserved, ${form}`, size: mb(text.length), parse: median(time(() => JSON.parse(text), rounds)), ours: 0 };
    if (form === 'simplified') {
      row.ajv = median(time(() => (JSON.parse(text) as unknown[]).forEach((e) => validate(e)), rounds));
      const ls = jsonLanguageService(schemaUrl, true);
      row.jsonls = median(await timeAsync(() => ls(text), quick ? 1 : 3));
    } else {
      row.note = 'the schemas describe the simplified form only';
    }
    const errors = check(text, file).problems.filter((p) => p.severity === 'error').length;
    row.ours = median(time(() => check(text, file), rounds));
    if (errors > 0) row.note = `${errors} errors reported`;
    rows.push(row);
  }
  return rows;
}

function cliCorpus(): { seconds: number; files: number } {
  const runs: number[] = [];
  let files = 0;
  for (let r = 0; r < (quick ? 1 : 3); r++) {
    const t = performance.now();
    const out = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--summary', '--sdm-root', SDM, SDM], { encoding: 'utf8' });
    runs.push(performance.now() - t);
    files = Number(/(\d+) files checked/.exec(out.stdout)?.[1] ?? 0);
  }
  return { seconds: median(runs) / 1000, files };
}

async function server(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  // Start to first diagnostics.
  const starts: number[] = [];
  for (let r = 0; r < (quick ? 1 : 3); r++) {
    const t = performance.now();
    const client = new TestClient({ pull: true });
    await client.initialize();
    client.open('file:///bench/first.json', '{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": {"type": "Property", "value": 5}}');
    await client.pull('file:///bench/first.json');
    starts.push(performance.now() - t);
    await client.stop();
  }
  out['server start to first diagnostics'] = `${ms(median(starts))} ms`;

  // didChange to diagnostics, with pull diagnostics (no debounce); the models come from ../shared/sdm.
  const client = new TestClient({ pull: true, settings: () => ({ sdm: { root: SDM } }) });
  await client.initialize();
  const entity = (n: number) => ({ ...example('WeatherObserved', 'dataModel.Weather', 'example-normalized.jsonld'), id: `urn:ngsi-ld:WeatherObserved:bench-${n}` });
  let small = JSON.stringify(entity(0), null, 2);
  while (small.length < 5000) small = JSON.stringify({ ...JSON.parse(small), [`note${small.length}`]: { type: 'Property', value: 'x'.repeat(200) } }, null, 2);
  /** Where a person types: inside an entity (in a batch, one in the middle), between two characters of its id. */
  const typingAt = (text: string) => {
    const at = text.indexOf('bench-', text.length >> 1) + 'bench-'.length;
    const before = text.slice(0, at).split('\n');
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };
  const keystrokes = async (uri: string, text: string, rounds: number) => {
    client.open(uri, text);
    await client.pull(uri);
    const times: number[] = [];
    const at = typingAt(text);
    for (let v = 2; v < rounds + 2; v++) {
      // One character typed into the id, as a person would.
      const t = performance.now();
      client.change(uri, v, [{ range: { start: at, end: at }, text: 'x' }]);
      await client.pull(uri);
      times.push(performance.now() - t);
    }
    return times;
  };
  const smallTimes = await keystrokes('file:///bench/small.jsonld', small, quick ? 10 : 40);
  out[`keystroke to diagnostics, ${(small.length / 1024).toFixed(1)} KB entity`] = `median ${ms(median(smallTimes))} ms, max ${ms(max(smallTimes))} ms`;
  const big = batch(entity(0) as Record<string, unknown>);
  const bigTimes = await keystrokes('file:///bench/big.jsonld', big, quick ? 2 : 5);
  out[`keystroke to diagnostics, 5,000 normalized entities (${mb(big.length)})`] = `median ${ms(median(bigTimes))} ms`;

  // Hovers while the batch is checked: one every 10 ms until its diagnostics arrive.
  const hoverTimes: number[] = [];
  let version = 100;
  const at = typingAt(big);
  for (let r = 0; r < (quick ? 1 : 3); r++) {
    client.change('file:///bench/big.jsonld', ++version, [{ range: { start: at, end: at }, text: 'x' }]);
    let done = false;
    const diagnostics = client.pull('file:///bench/big.jsonld').then(() => (done = true));
    while (!done) {
      const t = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri: 'file:///bench/big.jsonld' }, position: { line: 0, character: 40 } });
      hoverTimes.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await diagnostics;
  }
  out['hover answered while the batch is checked'] = `median ${ms(median(hoverTimes))} ms, max ${ms(max(hoverTimes))} ms (${hoverTimes.length} hovers)`;

  await client.stop();

  // Every model of ../shared/sdm loaded in a fresh server: one entity of each type, then its memory.
  const fresh = new TestClient({ pull: true, settings: () => ({ sdm: { root: SDM } }) });
  await fresh.initialize();
  const index = JSON.parse(readFileSync(join(SDM, 'index.json'), 'utf8')) as { entityType: string }[];
  const all = JSON.stringify([...new Set(index.map((m) => m.entityType))].map((type, i) => ({ id: `urn:ngsi-ld:${type}:${i}`, type })));
  fresh.open('file:///bench/all-models.json', all);
  await fresh.pull('file:///bench/all-models.json');
  // The models load in the background; wait until the document info says they are all ready.
  for (let i = 0; i < 200; i++) {
    const info = await fresh.request<{ models: { state: string }[] } | null>('mim/documentInfo', { uri: 'file:///bench/all-models.json' });
    if (info && info.models.length > 0 && info.models.every((m) => m.state !== 'loading')) {
      out['data models loaded'] = `${info.models.filter((m) => m.state === 'ready').length} of ${info.models.length}`;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const status = readFileSync(`/proc/${fresh.process.pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  out['server memory (resident) with every model loaded'] = mb(rss);
  await fresh.stop();
  return out;
}

async function main() {
  console.log(`# MIM-aware benchmark: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB${quick ? ' (quick)' : ''}`);
  console.log('');
  const rows = await engineTable();
  console.log('| workload | size | JSON.parse | ajv (parse + validate) | vscode-json-languageservice | MIM-aware (NGSI-LD rules + data model) | ours / JSON.parse | ours / json-ls |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.workload} | ${r.size} | ${ms(r.parse)} ms | ${r.ajv !== undefined ? `${ms(r.ajv)} ms` : 'n/a'} | ${r.jsonls !== undefined ? `${ms(r.jsonls)} ms` : 'n/a'} | ${ms(r.ours)} ms${r.note ? ` (${r.note})` : ''} | ${(r.ours / r.parse).toFixed(1)}× | ${r.jsonls !== undefined ? `${(r.ours / r.jsonls).toFixed(3)}×` : 'n/a'} |`,
    );
  }
  const simplified = rows.find((r) => r.workload.endsWith('simplified'))!;
  const normalized = rows.find((r) => r.workload.endsWith('normalized'))!;
  console.log('');
  console.log(`normalized / simplified: ${(normalized.ours / simplified.ours).toFixed(2)}×`);
  const cli = cliCorpus();
  console.log(`mim-check over ../shared/sdm (${cli.files} files, --summary): ${cli.seconds.toFixed(2)} s`);
  console.log('');
  for (const [what, figure] of Object.entries(await server())) console.log(`${what}: ${figure}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
