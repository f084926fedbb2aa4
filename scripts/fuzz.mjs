// The fuzz properties of the test suite, run longer and with a fresh seed: `npm run fuzz [-- --runs N --seed S]`.
// The test suite runs them with a fixed seed and few runs; this is the long run for a quiet afternoon. The seed
// is printed first, so that a failure can be replayed with --seed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const runs = Number(option('runs', process.env.FUZZ_RUNS ?? 5000));
const seed = Number(option('seed', process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31)));
if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S]');
  process.exit(2);
}

console.log(`fuzz: seed ${seed}, ${runs} runs per 100 of the test suite (replay with: npm run fuzz -- --seed ${seed} --runs ${runs})`);
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const started = Date.now();
const test = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/unit/fuzz.test.ts', 'test/lsp/fuzz.test.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed) } },
);
console.log(`fuzz: seed ${seed}, ${runs} runs, ${((Date.now() - started) / 1000).toFixed(0)} s, ${test.status === 0 ? 'no failure' : 'FAILED'}`);
process.exit(test.status ?? 1);
