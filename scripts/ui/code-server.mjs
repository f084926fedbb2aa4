// Starts and stops a real VS Code (code-server) for the UI tests and the demo.
//
//   const vscode = await startCodeServer({ workspace, vsix, settings });
//   ... open vscode.url in a browser ...
//   await vscode.stop();
//
// Each start gets a fresh temporary home: user data, extensions, config and XDG folders, so nothing leaks
// between runs or into the user's own home. code-server binds to 127.0.0.1 only, without a password.
// code-server forks helpers (extension host, file watcher, pty host, agent host) and some outlive their
// parent; stop() ends every process of the run: its process group, its descendants, and any process whose
// environment carries this run's marker.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerEnv, prepare } from './prepare.mjs';

const HOST = '127.0.0.1';
const MARKER = 'MIM_UI_RUN';

function say(message) {
  process.stderr.write(`[ui:code-server] ${message}\n`);
}

/** A port that is free now on the loopback interface. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Status code of GET url, or undefined when nothing answers. */
function httpStatus(url) {
  return new Promise((resolveStatus) => {
    const request = get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolveStatus(response.statusCode);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolveStatus(undefined));
  });
}

/** Every live process as { pid, ppid, pgrp }, read from /proc. */
function processTable() {
  const table = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: read the fields after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue; // zombies are already gone, only waiting to be reaped
      table.push({ pid: Number(name), ppid: Number(fields[1]), pgrp: Number(fields[2]) });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

function carriesMarker(pid, token) {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`${MARKER}=${token}`);
  } catch {
    return false;
  }
}

/** The processes of one run: the group led by rootPid, its descendants, and processes carrying the token. */
function processesOfRun(rootPids, token) {
  const table = processTable();
  const found = new Set();
  for (const p of table) {
    if (rootPids.includes(p.pid) || rootPids.includes(p.pgrp) || carriesMarker(p.pid, token)) found.add(p.pid);
  }
  // Descendants, even those that started a group or session of their own.
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of table) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  found.delete(process.pid);
  return [...found];
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Ends every process of a run: SIGTERM, a grace period, then SIGKILL for what is left. */
async function endRun(rootPids, token, graceMs = 5000) {
  let pids = processesOfRun(rootPids, token);
  if (pids.length === 0) return 0;
  const total = pids.length;
  for (const root of rootPids) signal(-root, 'SIGTERM');
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(100);
    pids = pids.filter((pid) => processTable().some((p) => p.pid === pid));
    if (pids.length === 0) return total;
  }
  // Look again: a helper may have been started during the shutdown.
  pids = processesOfRun(rootPids, token);
  for (const root of rootPids) signal(-root, 'SIGKILL');
  for (const pid of pids) signal(pid, 'SIGKILL');
  return total;
}

/** Runs code-server once to completion (for --install-extension), in its own process group. */
function runToCompletion(command, args, env, token, logStream) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      logStream.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', async (code, sig) => {
      await endRun([child.pid], token, 2000); // helpers of the install step, if any
      resolveRun({ code: code ?? sig, output });
    });
  });
}

/**
 * Starts code-server with a fresh user-data and extensions folder, installs `vsix` (optional), opens
 * `workspace`, and resolves once it answers HTTP. Returns { url, port, workspace, tmp, logFile, stop }.
 *
 * @param {object} options
 * @param {string} options.workspace  folder to open
 * @param {string} [options.vsix]     extension package to install first
 * @param {Record<string, unknown>} [options.settings]  user settings added to "workbench.startupEditor": "none"
 * @param {number} [options.port]     port to bind on 127.0.0.1 (default: a free one)
 * @param {number} [options.timeoutMs] how long to wait for it to answer (default 90 s)
 * @param {boolean} [options.keep]    keep the temporary folder after stop() (default: $MIM_UI_KEEP is set)
 */
export async function startCodeServer({ workspace, vsix, settings = {}, port, timeoutMs = 90_000, keep = Boolean(process.env.MIM_UI_KEEP) } = {}) {
  if (!workspace) throw new Error('startCodeServer needs a workspace folder');
  workspace = resolve(workspace);
  const p = await prepare({ quiet: true });
  const tmp = mkdtempSync(join(tmpdir(), 'mim-ui-'));
  const token = tmp; // unique per run; every process of the run inherits it in its environment
  const userDataDir = join(tmp, 'data');
  const extensionsDir = join(tmp, 'extensions');
  const configFile = join(tmp, 'config.yaml');
  const logFile = join(tmp, 'code-server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ 'workbench.startupEditor': 'none', ...settings }, null, 2)}\n`);
  // Its own config file, so code-server neither reads nor writes ~/.config/code-server/config.yaml.
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const env = {
    ...codeServerEnv(p),
    XDG_CONFIG_HOME: join(tmp, 'xdg', 'config'),
    XDG_DATA_HOME: join(tmp, 'xdg', 'data'),
    XDG_CACHE_HOME: join(tmp, 'xdg', 'cache'),
    [MARKER]: token,
  };
  // A password in the environment would turn authentication back on.
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.PORT;
  const logStream = createWriteStream(logFile);
  const common = ['--config', configFile, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  const rootPids = [];
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const ended = await endRun(rootPids, token);
    await new Promise((r) => logStream.end(r));
    if (keep) say(`stopped (${ended} processes); kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    if (vsix) {
      const installed = await runToCompletion(p.nodeBin, [p.codeServerEntry, ...common, '--install-extension', resolve(vsix), '--force'], env, token, logStream);
      if (installed.code !== 0 || !/successfully installed/i.test(installed.output)) {
        throw new Error(`installing ${vsix} failed (exit ${installed.code}):\n${installed.output.trim()}`);
      }
      say(`installed ${vsix}`);
    }

    // A free port can be taken between the probe and the bind: try a few.
    for (let attempt = 1; ; attempt++) {
      const chosen = port ?? (await freePort());
      const args = [
        p.codeServerEntry,
        ...common,
        '--auth',
        'none',
        '--bind-addr',
        `${HOST}:${chosen}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspace,
      ];
      const child = spawn(p.nodeBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      rootPids.push(child.pid);
      let output = '';
      let exited;
      const collect = (chunk) => {
        output += chunk;
        logStream.write(chunk);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('exit', (code, sig) => (exited = code ?? sig));
      child.on('error', (error) => (exited = error.message));

      const base = `http://${HOST}:${chosen}`;
      const deadline = Date.now() + timeoutMs;
      let status;
      while (Date.now() < deadline && exited === undefined) {
        status = await httpStatus(`${base}/healthz`);
        if (status === 200) break;
        await sleep(250);
      }
      if (status === 200 && exited === undefined) {
        say(`listening on ${base} (pid ${child.pid}, log ${logFile})`);
        const url = `${base}/?folder=${encodeURIComponent(workspace)}`;
        return { url, base, port: chosen, workspace, tmp, userDataDir, extensionsDir, logFile, pid: child.pid, stop, log: () => output };
      }
      await endRun([child.pid], token, 2000);
      const inUse = /EADDRINUSE/.test(output);
      if (inUse && port === undefined && attempt < 4) {
        say(`port ${chosen} was taken; trying another`);
        continue;
      }
      throw new Error(
        exited !== undefined
          ? `code-server exited (${exited}) before it answered:\n${output.trim()}`
          : `code-server did not answer ${base}/healthz within ${timeoutMs / 1000} s:\n${output.trim()}`,
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

// node scripts/ui/code-server.mjs [--port N] WORKSPACE [VSIX]: start, print the URL, stop on Ctrl+C.
// (No top-level await: the test runner may load this module as CommonJS.)
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let port;
  const portAt = args.indexOf('--port');
  if (portAt >= 0) {
    port = Number(args[portAt + 1]);
    args.splice(portAt, 2);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      say('usage: node scripts/ui/code-server.mjs [--port N] WORKSPACE [VSIX]');
      process.exit(2);
    }
  }
  const [workspace = process.cwd(), vsix] = args;
  startCodeServer({ workspace, vsix, port }).then(
    (server) => {
      console.log(server.url);
      const shutdown = () => server.stop().then(() => process.exit(0));
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    },
    (error) => {
      say(`error: ${error?.message ?? error}`);
      process.exit(1);
    },
  );
}
