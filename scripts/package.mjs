#!/usr/bin/env node
// Builds dist/mim-aware.vsix offline: the production bundles first (they carry every dependency, so vsce
// packs no node_modules), then @vscode/vsce's API with dependency detection off. .vscodeignore decides
// which files go in; this script checks the result holds exactly the run-time files.
//
//   node scripts/package.mjs             build + package, prints the vsix path
//   import { packageExtension } from './package.mjs'; const vsix = await packageExtension();

import { createVSIX, listFiles, PackageManager } from '@vscode/vsce';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const VSIX = join(root, 'dist', 'mim-aware.vsix');

// What the extension needs at run time, and nothing else.
export const EXPECTED = [
  'package.json',
  'package.nls.json',
  'README.md',
  'LICENSE',
  'images/icon.png',
  'dist/client.js',
  'dist/server.js',
  'dist/cli.js',
  'dist/web/client.js',
  'dist/web/server.js',
  'docs/rules.md',
];
export const EXPECTED_PATTERNS = [/^syntaxes\/[^/]+\.json$/, /^snippets\/[^/]+\.code-snippets$/];

function say(message) {
  process.stderr.write(`[package] ${message}\n`);
}

/** Checks the files vsce would pack: every run-time file present, nothing else. Throws when not. */
export async function checkFiles() {
  const files = (await listFiles({ cwd: root, packageManager: PackageManager.None })).map((f) => f.replace(/\\/g, '/'));
  const missing = EXPECTED.filter((f) => !files.includes(f));
  const extra = files.filter((f) => !EXPECTED.includes(f) && !EXPECTED_PATTERNS.some((p) => p.test(f)));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `the package would not hold the run-time files only (see .vscodeignore):${missing.length ? ` missing ${missing.join(', ')};` : ''}${extra.length ? ` unexpected ${extra.join(', ')}` : ''}`,
    );
  }
  return files;
}

/** Production build, then dist/mim-aware.vsix. Returns the vsix path. */
export async function packageExtension({ build = true } = {}) {
  if (build) {
    say('production build: node scripts/build.mjs --production');
    const result = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`the production build failed (exit ${result.status ?? result.signal})`);
  }
  const files = await checkFiles();
  rmSync(VSIX, { force: true });
  await createVSIX({
    cwd: root,
    packagePath: VSIX,
    // The bundles already contain the dependencies; do not ask npm for them (offline, and nothing to add).
    dependencies: false,
    useYarn: false,
    // package.json has no repository field; without one vsce would stop and ask.
    allowMissingRepository: true,
    // Relative links in README.md (docs/rules.md) stay relative: no repository to rewrite them against.
    rewriteRelativeLinks: false,
  });
  if (!existsSync(VSIX)) throw new Error(`vsce reported success but ${VSIX} is missing`);
  say(`${VSIX} (${files.length} files, ${(statSync(VSIX).size / 1024).toFixed(0)} KB)`);
  return VSIX;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // No top-level await: the TypeScript tests import this module (as CommonJS, through tsx).
  process.chdir(root);
  packageExtension({ build: !process.argv.includes('--no-build') }).then(
    (vsix) => console.log(vsix),
    (error) => {
      say(`error: ${error?.message ?? error}`);
      process.exit(1);
    },
  );
}
