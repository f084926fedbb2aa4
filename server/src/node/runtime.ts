/**
 * The Runtime on node: files from the local disk, downloads over https (loopback http for tests), and a
 * download cache on disk so that data models keep working offline.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DirectoryEntry, FetchResult, Runtime } from '../service/runtime';

export interface NodeRuntimeOptions {
  /** Where downloaded documents are cached; no cache when undefined. */
  cacheDir?: string;
  /** Downloads are possible at all (the catalog still asks the settings each time). */
  network?: boolean;
  /** Limits for one download. */
  maxBytes?: number;
  timeoutMs?: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function createNodeRuntime(options: NodeRuntimeOptions = {}): Runtime {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const runtime: Runtime = {
    async readFile(uri) {
      const path = toPath(uri);
      if (!path) return undefined;
      try {
        return await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    async readDirectory(uri) {
      const path = toPath(uri);
      if (!path) return undefined;
      try {
        const entries = await readdir(path, { withFileTypes: true });
        const out: DirectoryEntry[] = [];
        for (const e of entries) {
          if (e.isDirectory()) out.push({ name: e.name, kind: 'directory' });
          else if (e.isFile()) out.push({ name: e.name, kind: 'file' });
          else if (e.isSymbolicLink()) {
            const target = await stat(join(path, e.name)).catch(() => undefined);
            if (target?.isDirectory()) out.push({ name: e.name, kind: 'directory' });
            else if (target?.isFile()) out.push({ name: e.name, kind: 'file' });
          }
        }
        return out;
      } catch {
        return undefined;
      }
    },
    now: () => Date.now(),
  };
  if (options.network) runtime.fetchText = (url) => download(url, maxBytes, timeoutMs, 3);
  if (options.cacheDir) {
    const dir = options.cacheDir;
    const fileOf = (url: string) => join(dir, createHash('sha256').update(url).digest('hex') + '.json');
    runtime.cache = {
      async get(url) {
        try {
          return await readFile(fileOf(url), 'utf8');
        } catch {
          return undefined;
        }
      },
      async set(url, text) {
        try {
          await mkdir(dir, { recursive: true });
          // Write then rename, so a reader never sees half a file.
          const file = fileOf(url);
          const temp = `${file}.${process.pid}.tmp`;
          await writeFile(temp, text, 'utf8');
          await rename(temp, file);
        } catch {
          // A cache that cannot be written only costs a download next time.
        }
      },
    };
  }
  return runtime;
}

/** One GET: https anywhere, http only to this machine; same-host redirects only; bounded in size and time. */
function download(url: string, maxBytes: number, timeoutMs: number, redirects: number): Promise<FetchResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, error: `"${url}" is not a URL` });
  }
  const loopback = LOOPBACK.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    return Promise.resolve({ ok: false, error: `only https downloads are allowed, not ${parsed.protocol}` });
  }
  const get = parsed.protocol === 'https:' ? httpsGet : httpGet;
  return new Promise((resolve) => {
    const request = get(parsed, { timeout: timeoutMs, headers: { accept: 'application/json, application/ld+json, */*' } }, (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        const next = new URL(response.headers.location, parsed);
        if (next.host !== parsed.host) {
          resolve({ ok: false, status, error: `the server redirects to another host (${next.host}), which is refused` });
        } else if (redirects <= 0) {
          resolve({ ok: false, status, error: 'too many redirects' });
        } else {
          void download(next.toString(), maxBytes, timeoutMs, redirects - 1).then(resolve);
        }
        return;
      }
      if (status !== 200) {
        response.resume();
        resolve({ ok: false, status, error: `the server answered HTTP ${status}` });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          request.destroy();
          resolve({ ok: false, status, error: `the document is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` });
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ ok: true, status, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => resolve({ ok: false, status, error: error.message }));
    });
    request.on('timeout', () => {
      request.destroy();
      resolve({ ok: false, error: `no answer within ${timeoutMs / 1000} s` });
    });
    request.on('error', (error) => resolve({ ok: false, error: error.message }));
  });
}
