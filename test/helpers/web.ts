/**
 * A client for the web server bundle (dist/web/server.js): the bundle runs in a node worker thread as in a
 * browser worker (web-worker-shim.cjs), and the test speaks LSP to it over the worker's messages. Like VS
 * Code's web client, this client answers `mim/readFile` and `mim/readDirectory` from a workspace it holds
 * in memory: the server has no other way to files.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  Emitter,
  createProtocolConnection,
  type DataCallback,
  type Disposable,
  type Message,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ReadDirectoryEntry, ReadDirectoryParams, ReadFileParams } from '../../server/src/protocol';

export const WEB_SERVER = join(__dirname, '..', '..', 'dist', 'web', 'server.js');
const SHIM = join(__dirname, 'web-worker-shim.cjs');

class WorkerReader extends AbstractMessageReader {
  private readonly emitter = new Emitter<Message>();

  constructor(worker: Worker, onShimError: (message: string) => void) {
    super();
    worker.on('message', (data: unknown) => {
      const shimError = (data as { shimError?: string } | null)?.shimError;
      if (shimError !== undefined) onShimError(shimError);
      else this.emitter.fire(data as Message);
    });
    worker.on('error', (error) => this.fireError(error));
    worker.on('exit', () => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    return this.emitter.event(callback);
  }
}

class WorkerWriter extends AbstractMessageWriter {
  constructor(private readonly worker: Worker) {
    super();
  }

  async write(message: Message): Promise<void> {
    this.worker.postMessage(message);
  }

  end(): void {}
}

export interface WebClientOptions {
  /** Workspace folders (URIs of any scheme). */
  workspaceFolders?: string[];
  /** Files of the workspace the client serves, by URI. */
  files?: Record<string, string>;
  /** Announce pull diagnostics. */
  pull?: boolean;
  /** The `mim` settings returned for workspace/configuration. */
  settings?: (scopeUri: string | undefined) => unknown;
  initializationOptions?: unknown;
}

export class WebTestClient {
  readonly worker: Worker;
  readonly connection: ProtocolConnection;
  readonly logs: string[] = [];
  /** Problems of the worker itself: uncaught exceptions, a bundle that does not load. */
  readonly workerErrors: string[] = [];
  /** Every `mim/readFile` and `mim/readDirectory` the server sent, in order. */
  readonly fileRequests: { method: string; uri: string }[] = [];
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private waiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly failed: Promise<never>;
  private fail: (message: string) => void = () => undefined;
  private stopping = false;
  private logWaiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  private readonly files: Map<string, string>;

  constructor(private readonly options: WebClientOptions = {}) {
    this.files = new Map(Object.entries(options.files ?? {}));
    // No --import tsx in the worker: it runs the bundle and nothing else.
    this.worker = new Worker(SHIM, { workerData: { bundle: WEB_SERVER }, execArgv: [], stdout: false, stderr: false });
    // Any failure of the worker ends every wait of the test at once, instead of leaving it hanging.
    this.failed = new Promise<never>((_, reject) => {
      this.fail = (message) => {
        this.workerErrors.push(message);
        reject(new Error(`the worker failed: ${message}`));
      };
    });
    this.failed.catch(() => undefined);
    this.worker.on('error', (error) => this.fail(String(error.stack ?? error)));
    this.worker.on('exit', (code) => {
      if (!this.stopping) this.fail(`the worker exited (code ${code})`);
    });
    this.connection = createProtocolConnection(new WorkerReader(this.worker, (message) => this.fail(message)), new WorkerWriter(this.worker));
    const settings = options.settings ?? (() => ({}));
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string }[] }) => params.items.map((item) => settings(item.scopeUri)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('mim/readFile', (params: ReadFileParams) => {
      this.fileRequests.push({ method: 'mim/readFile', uri: params.uri });
      return this.files.get(params.uri) ?? null;
    });
    this.connection.onRequest('mim/readDirectory', (params: ReadDirectoryParams) => {
      this.fileRequests.push({ method: 'mim/readDirectory', uri: params.uri });
      return this.readDirectory(params.uri);
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.logWaiters = this.logWaiters.filter((w) => {
        if (!w.test(p.message)) return true;
        w.resolve(p.message);
        return false;
      });
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== params.uri || !w.test(params)) return true;
        w.resolve(params);
        return false;
      });
    });
    this.connection.listen();
  }

  /** The entries under a folder URI, from the served files; null when there is no such folder. */
  private readDirectory(uri: string): ReadDirectoryEntry[] | null {
    const prefix = uri.replace(/\/+$/, '') + '/';
    const entries = new Map<string, ReadDirectoryEntry['kind']>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const [name, ...rest] = file.slice(prefix.length).split('/');
      entries.set(decodeURIComponent(name!), rest.length > 0 ? 'directory' : 'file');
    }
    return entries.size > 0 ? [...entries].map(([name, kind]) => ({ name, kind })) : null;
  }

  async initialize(): Promise<InitializeResult> {
    const result = await this.request<InitializeResult>('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: this.options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          ...(this.options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version, text } });
  }

  /** Resolves with the first publication for `uri` (received already or later) that passes `test`. */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const already = (this.published.get(uri) ?? []).find(test);
    if (already) return Promise.resolve(already);
    return this.wait(`diagnostics for ${uri}`, timeoutMs, (resolve) => this.waiters.push({ uri, test, resolve }));
  }

  /** Resolves with the first log line (received already or later) that passes `test`. */
  log(test: (line: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const already = this.logs.find(test);
    if (already !== undefined) return Promise.resolve(already);
    return this.wait('the log line', timeoutMs, (resolve) => this.logWaiters.push({ test, resolve }));
  }

  /** A promise settled by `register`'s callback, by a failure of the worker, or by the timeout. */
  private wait<T>(what: string, timeoutMs: number, register: (resolve: (value: T) => void) => void): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waiting = new Promise<T>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no ${what} within ${timeoutMs} ms; logs:\n${this.logs.join('\n')}\nworker errors:\n${this.workerErrors.join('\n')}`)),
        timeoutMs,
      );
      register(resolve);
    });
    return Promise.race([waiting, this.failed]).finally(() => clearTimeout(timer));
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return Promise.race([this.connection.sendRequest<T>(method, params), this.failed]);
  }

  /** shutdown and exit, then ends the worker (a browser worker does not end itself: its client ends it). */
  async stop(): Promise<void> {
    this.stopping = true;
    try {
      if (this.workerErrors.length === 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer to shutdown within 5 s')), 5000);
        });
        await Promise.race([this.connection.sendRequest('shutdown'), timeout]).finally(() => clearTimeout(timer));
        await this.connection.sendNotification('exit');
      }
    } finally {
      this.connection.dispose();
      await this.worker.terminate();
    }
  }
}

/**
 * A browser's Worker, as the web client creates it (`new Worker(url)`), running the server bundle in a
 * worker thread with the same shim: message events and postMessage, terminate.
 */
export class DomWorker {
  readonly thread: Worker;
  readonly errors: string[] = [];
  terminated = false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  private readonly listeners = new Map<string, Set<(event: unknown) => void>>();

  constructor(
    readonly url: string,
    readonly options?: { name?: string },
  ) {
    if (!url.endsWith('/dist/web/server.js')) throw new Error(`no worker script at ${url}`);
    this.thread = new Worker(SHIM, { workerData: { bundle: WEB_SERVER }, execArgv: [], stdout: false, stderr: false });
    this.thread.on('message', (data: unknown) => {
      const shimError = (data as { shimError?: string } | null)?.shimError;
      if (shimError !== undefined) {
        this.errors.push(shimError);
        this.dispatch('error', { type: 'error', message: shimError });
        return;
      }
      const event = { type: 'message', data };
      this.onmessage?.(event);
      this.dispatch('message', event);
    });
    this.thread.on('error', (error) => {
      this.errors.push(String(error.stack ?? error));
      this.dispatch('error', { type: 'error', error, message: error.message });
    });
  }

  postMessage(message: unknown): void {
    this.thread.postMessage(message);
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  terminate(): void {
    this.terminated = true;
    void this.thread.terminate();
  }

  private dispatch(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
