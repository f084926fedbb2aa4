#!/usr/bin/env node
// npm run bench: builds the engine as the server ships it (esbuild bundle, dist/bench/engine.js) and the
// server and CLI (dist/), then runs scripts/bench/bench.ts. Pass --quick for fewer rounds.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
await build({
  entryPoints: [join(root, 'scripts', 'bench', 'engine-entry.ts')],
  outfile: join(root, 'dist', 'bench', 'engine.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bench', 'bench.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
