/**
 * The language server in a web worker (VS Code for the web): the same server as on node, with files read
 * through the client and downloads made with the worker's fetch. Bundled for the browser: nothing here
 * may need node.
 */
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { createBrowserRuntime, resolveWorkspacePath } from './runtime';

/** What an error event in a worker carries. */
interface ErrorEvent {
  error?: unknown;
  message?: unknown;
  reason?: unknown;
  preventDefault?(): void;
}

/** The worker's global scope: messages in and out, and errors (the DOM types are not in this project). */
declare const self: {
  postMessage(message: unknown): void;
  addEventListener(type: string, listener: (event: ErrorEvent) => void): void;
  onmessage: ((event: { data: unknown }) => void) | null;
};

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));

// A bug in a rule must not take the server down with the user's other documents: it is logged, and kept
// from reaching the client as an error of the worker (the client gives up on a server after a few).
self.addEventListener('error', (event) => {
  event.preventDefault?.();
  connection.console.error(`[uncaught] ${describe(event.error ?? event.message)}`);
});
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault?.();
  connection.console.error(`[unhandled rejection] ${describe(event.reason)}`);
});

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

startServer(connection, {
  runtime: createBrowserRuntime({
    request: (method, params) => connection.sendRequest(method, params),
    fetch: typeof fetch === 'function' ? (url, init) => fetch(url, init) : undefined,
  }),
  resolvePath: resolveWorkspacePath,
  platform: 'a browser worker',
});
