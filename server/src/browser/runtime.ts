/**
 * The Runtime in a browser worker: there is no disk, so files and folders are read through the client
 * (`mim/readFile`, `mim/readDirectory`, answered with vscode.workspace.fs), downloads use the worker's
 * `fetch`, and downloaded documents are cached in memory for the life of the worker.
 * Nothing here may need node: this file is bundled for the browser.
 */
import {
  ReadDirectoryRequest,
  ReadFileRequest,
  type ReadDirectoryParams,
  type ReadDirectoryResult,
  type ReadFileParams,
  type ReadFileResult,
} from '../protocol';
import type { DirectoryEntry, FetchResult, Runtime } from '../service/runtime';

/** Sends a request to the client (connection.sendRequest). */
export type ClientRequest = (method: string, params: unknown) => Promise<unknown>;

/** The part of the platform's fetch the runtime uses (the worker's global fetch; a fake one in tests). */
export type FetchFunction = (url: string, init: { signal: AbortSignal; redirect: 'follow'; headers: Record<string, string> }) => Promise<FetchResponse>;

interface FetchResponse {
  status: number;
  url: string;
  headers: { get(name: string): string | null };
  body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> } } | null;
}

export interface BrowserRuntimeOptions {
  /** How the server asks the client for files and folders. */
  request: ClientRequest;
  /** The platform's fetch; no downloads when undefined. */
  fetch?: FetchFunction;
  /** Limits for one download (the same as on node). */
  maxBytes?: number;
  timeoutMs?: number;
  /** How much downloaded text the in-memory cache keeps, in characters. */
  cacheChars?: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function createBrowserRuntime(options: BrowserRuntimeOptions): Runtime {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const runtime: Runtime = {
    async readFile(uri) {
      try {
        const text = (await options.request(ReadFileRequest, { uri } satisfies ReadFileParams)) as ReadFileResult;
        return typeof text === 'string' ? text : undefined;
      } catch {
        // A client that does not answer (another editor, or one being shut down) has no files for us.
        return undefined;
      }
    },
    async readDirectory(uri) {
      try {
        const entries = (await options.request(ReadDirectoryRequest, { uri } satisfies ReadDirectoryParams)) as ReadDirectoryResult;
        if (!Array.isArray(entries)) return undefined;
        return entries.filter(
          (e): e is DirectoryEntry => !!e && typeof e.name === 'string' && e.name !== '' && (e.kind === 'file' || e.kind === 'directory'),
        );
      } catch {
        return undefined;
      }
    },
    now: () => Date.now(),
    cache: memoryCache(options.cacheChars ?? 64 * 1024 * 1024),
  };
  const fetchFunction = options.fetch;
  if (fetchFunction) runtime.fetchText = (url) => download(fetchFunction, url, maxBytes, timeoutMs);
  return runtime;
}

/** Downloaded documents by URL, the oldest dropped once the texts together pass `limit` characters. */
function memoryCache(limit: number): NonNullable<Runtime['cache']> {
  const texts = new Map<string, string>();
  let size = 0;
  return {
    async get(url) {
      return texts.get(url);
    },
    async set(url, text) {
      const old = texts.get(url);
      if (old !== undefined) {
        size -= old.length;
        texts.delete(url);
      }
      if (text.length > limit) return;
      texts.set(url, text);
      size += text.length;
      for (const [key, value] of texts) {
        if (size <= limit) break;
        texts.delete(key);
        size -= value.length;
      }
    },
  };
}

/**
 * One GET: https anywhere, http only to this machine; a redirect may not leave the host; bounded in size
 * and time. The browser follows redirects itself, so the host is checked on the final URL.
 */
async function download(fetchFunction: FetchFunction, url: string, maxBytes: number, timeoutMs: number): Promise<FetchResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: `"${url}" is not a URL` };
  }
  const loopback = LOOPBACK.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    return { ok: false, error: `only https downloads are allowed, not ${parsed.protocol}` };
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!loopback && isPrivateAddress(host)) {
    return { ok: false, error: `${parsed.hostname} is a private or link-local address, which is never asked` };
  }
  const tooLarge = `the document is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`;
  const controller = new AbortController();
  let timedOut = false;
  let answered = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetchFunction(parsed.toString(), {
      signal: controller.signal,
      redirect: 'follow',
      headers: { accept: 'application/json, application/ld+json, */*' },
    });
    answered = true;
    const status = response.status;
    let finalHost = parsed.host;
    try {
      if (response.url) finalHost = new URL(response.url).host;
    } catch {
      // No usable final URL: the request was not redirected as far as we can tell.
    }
    if (finalHost !== parsed.host) {
      controller.abort();
      return { ok: false, status, error: `the server redirects to another host (${finalHost}), which is refused` };
    }
    if (status !== 200) {
      controller.abort();
      return { ok: false, status, error: `the server answered HTTP ${status}` };
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      controller.abort();
      return { ok: false, status, error: tooLarge };
    }
    if (!response.body) return { ok: true, status, text: '' };
    const reader = response.body.getReader();
    const decoder = new TextDecoder('utf-8');
    let size = 0;
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        controller.abort();
        return { ok: false, status, error: tooLarge };
      }
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
    return { ok: true, status, text };
  } catch (error) {
    // The deadline covers the whole download: a server that drips bytes forever is cut off too.
    if (timedOut) return { ok: false, error: `${answered ? 'no complete answer' : 'no answer'} within ${timeoutMs / 1000} s` };
    const message = error instanceof Error ? error.message : String(error);
    // Browsers say no more than "Failed to fetch" for a refused cross-origin request or a network error.
    return { ok: false, error: `the download failed (${message}); from a browser, the server must also allow cross-origin requests` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An IP address (not a name) of this machine, a private network, link-local, unspecified or carrier-grade
 * NAT. A browser resolves names itself, so only addresses written in the URL can be refused here.
 */
function isPrivateAddress(host: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (!host.includes(':')) return false;
  const v6 = host.toLowerCase();
  // An IPv4 address mapped into IPv6; URL writes it in hex ("[::ffff:10.1.2.3]" becomes "[::ffff:a01:203]").
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (mapped) {
    const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
    return isPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6);
}

/**
 * A path from the settings as a URI. There is no local disk in a browser: a URI of any scheme is taken as
 * it is, a relative path resolves against the workspace folder of the resource (whatever its scheme), and
 * absolute or home-relative file paths are refused (undefined).
 */
export function resolveWorkspacePath(path: string, folder: string | undefined): string | undefined {
  const trimmed = path.trim();
  if (trimmed === '') return undefined;
  // A scheme of two letters or more: "C:\models" is a Windows path, not a URI.
  if (/^[a-z][a-z0-9+.-]+:/i.test(trimmed)) return trimmed;
  if (trimmed.startsWith('/') || trimmed.startsWith('\\') || trimmed.startsWith('~') || /^[a-z]:/i.test(trimmed)) return undefined;
  if (!folder) return undefined;
  const cut = folder.search(/[?#]/);
  const base = (cut >= 0 ? folder.slice(0, cut) : folder).replace(/\/+$/, '');
  const suffix = cut >= 0 ? folder.slice(cut) : '';
  // The folder's own path segments, below its scheme and authority ("vscode-vfs://github/owner/repo").
  const authority = /^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i.exec(base)?.[0] ?? '';
  const segments = base.slice(authority.length).split('/').filter((s) => s !== '');
  for (const segment of trimmed.split(/[/\\]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else {
      segments.push(encodeURIComponent(segment));
    }
  }
  return `${authority}/${segments.join('/')}${suffix}`;
}
