/**
 * Everything the engine needs from outside, injected. The engine itself never touches the file system or
 * the network: the node server, the CLI, a browser worker and the tests each give it their own Runtime.
 * Paths are file URIs (`file:///...`) so the same engine works where there is no local file system.
 */
export interface DirectoryEntry {
  name: string;
  kind: 'file' | 'directory';
}

export interface FetchResult {
  ok: boolean;
  status?: number;
  text?: string;
  /** Why the download failed or was refused, in words. */
  error?: string;
}

export interface Runtime {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(uri: string): Promise<string | undefined>;
  /** The entries of a folder, or undefined when it does not exist or cannot be read. */
  readDirectory(uri: string): Promise<DirectoryEntry[] | undefined>;
  /** Downloads a document. Absent where the platform has no network access. */
  fetchText?(url: string): Promise<FetchResult>;
  /** A persistent cache for downloaded documents, keyed by URL. */
  cache?: {
    get(url: string): Promise<string | undefined>;
    set(url: string, text: string): Promise<void>;
  };
  /** Milliseconds since the epoch (injected so that tests can fix the clock). */
  now(): number;
}

/** A runtime that knows nothing: the engine still runs every rule that needs no outside data. */
export const EMPTY_RUNTIME: Runtime = {
  readFile: async () => undefined,
  readDirectory: async () => undefined,
  now: () => Date.now(),
};

/** Joins a file URI and relative path segments. */
/**
 * A URI of a file the editor can read: \`file:\`, and the schemes of virtual workspaces (\`vscode-vfs:\`,
 * \`vscode-test-web:\`, ...), as opposed to web addresses and names (\`https:\`, \`urn:\`, \`data:\`).
 */
export function isFileLike(uri: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^(https?|urn|data):/i.test(uri);
}

export function joinUri(base: string, ...segments: string[]): string {
  let out = base.replace(/\/+$/, '');
  for (const segment of segments) out += '/' + segment.split('/').map(encodeURIComponent).join('/');
  return out;
}

/** The parent folder of a file URI. */
export function parentUri(uri: string): string {
  const i = uri.replace(/\/+$/, '').lastIndexOf('/');
  return i > 0 ? uri.slice(0, i) : uri;
}

/** The last segment of a URI or path, decoded. */
export function baseName(uri: string): string {
  const trimmed = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const name = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
