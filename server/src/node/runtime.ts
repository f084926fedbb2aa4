/**
 * The Runtime on node: files from the local disk, downloads over https (loopback http for tests), and a
 * download cache on disk so that data models keep working offline.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { isIP, type LookupFunction } from 'node:net';
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

const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

/** Loopback, private (RFC 1918, unique local), link-local, unspecified and carrier-grade NAT addresses. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = address.toLowerCase().replace(/^\[|\]$/g, '');
  if (v6.startsWith('::ffff:')) {
    // An IPv4 address mapped into IPv6, written dotted (::ffff:10.1.2.3) or as URL parsing rewrites it (::ffff:a01:203).
    const rest = v6.slice(7);
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
    if (hex) {
      const high = parseInt(hex[1]!, 16);
      const low = parseInt(hex[2]!, 16);
      return isPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
    }
    return isPrivateAddress(rest);
  }
  return v6 === '::1' || v6 === '::' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6);
}

/** DNS resolution that refuses names resolving to this machine or to a private network. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as LookupAddress[];
    const refused = list.find((a) => isPrivateAddress(a.address));
    if (refused || list.length === 0) {
      return callback(Object.assign(new Error(`${hostname} resolves to ${refused?.address ?? 'nothing'}, a private or local address, which is never asked`), { code: 'EPRIVATE' }), '', 0);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Local files larger than this are not read (schemas, contexts and payloads are far smaller). */
export const MAX_LOCAL_FILE_BYTES = 64 * 1024 * 1024;

export function createNodeRuntime(options: NodeRuntimeOptions = {}): Runtime {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const runtime: Runtime = {
    async readFile(uri) {
      const path = toPath(uri);
      if (!path) return undefined;
      try {
        // A file the settings or a $ref name could be anything: nothing above the limit is read into memory.
        if ((await stat(path)).size > MAX_LOCAL_FILE_BYTES) return undefined;
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
  if (!loopback && isIP(unbracket(parsed.hostname)) && isPrivateAddress(unbracket(parsed.hostname))) {
    return Promise.resolve({ ok: false, error: `${parsed.hostname} is a private or link-local address, which is never asked` });
  }
  const get = parsed.protocol === 'https:' ? httpsGet : httpGet;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: FetchResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    // The socket timeout catches silence; the deadline catches a server that drips bytes forever.
    const deadline = setTimeout(() => {
      request.destroy();
      finish({ ok: false, error: `no complete answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    const request = get(parsed, { timeout: timeoutMs, lookup: loopback ? undefined : publicOnlyLookup, headers: { accept: 'application/json, application/ld+json, */*' } }, (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        const next = new URL(response.headers.location, parsed);
        if (next.host !== parsed.host) {
          finish({ ok: false, status, error: `the server redirects to another host (${next.host}), which is refused` });
        } else if (redirects <= 0) {
          finish({ ok: false, status, error: 'too many redirects' });
        } else {
          void download(next.toString(), maxBytes, timeoutMs, redirects - 1).then(finish);
        }
        return;
      }
      if (status !== 200) {
        response.resume();
        finish({ ok: false, status, error: `the server answered HTTP ${status}` });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          request.destroy();
          finish({ ok: false, status, error: `the document is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` });
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => finish({ ok: true, status, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => finish({ ok: false, status, error: error.message }));
    });
    request.on('timeout', () => {
      request.destroy();
      finish({ ok: false, error: `no answer within ${timeoutMs / 1000} s` });
    });
    request.on('error', (error) => finish({ ok: false, error: error.message }));
  });
}
