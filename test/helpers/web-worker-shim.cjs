// Runs a web worker bundle (dist/web/server.js) in a node worker thread as a browser would: the bundle gets
// `self` (message events in, postMessage out, bridged to parentPort) and none of node's own globals, so
// anything node-only in the bundle fails here as it would in the browser.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { runInThisContext } = require('node:vm');

const code = readFileSync(workerData.bundle, 'utf8');
const proc = process;
const listeners = new Map();

function dispatch(type, event) {
  for (const listener of listeners.get(type) ?? []) listener(event);
}

// A bug that escapes the bundle's handlers is an 'error' event in a worker, as in a browser; the test hears of it too.
proc.on('uncaughtException', (error) => {
  dispatch('error', { type: 'error', error, message: String(error && error.message) });
  parentPort.postMessage({ shimError: String((error && error.stack) || error) });
});
proc.on('unhandledRejection', (reason) => {
  dispatch('unhandledrejection', { type: 'unhandledrejection', reason });
  parentPort.postMessage({ shimError: `unhandled rejection: ${String((reason && reason.stack) || reason)}` });
});

globalThis.self = globalThis;
globalThis.onmessage = null;
globalThis.postMessage = (message) => parentPort.postMessage(message);
globalThis.addEventListener = (type, listener) => {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type).add(listener);
};
globalThis.removeEventListener = (type, listener) => listeners.get(type)?.delete(listener);
globalThis.close = () => proc.exit(0);
parentPort.on('message', (data) => {
  const event = { type: 'message', data };
  if (typeof globalThis.onmessage === 'function') globalThis.onmessage(event);
  dispatch('message', event);
});

// What a browser worker does not have. The web APIs node shares with browsers stay (fetch, URL,
// TextDecoder, AbortController, timers, queueMicrotask, structuredClone, crypto).
for (const name of ['process', 'Buffer', 'global', 'require', 'module', 'exports', '__filename', '__dirname', 'setImmediate', 'clearImmediate']) {
  if (name in globalThis) delete globalThis[name];
  if (name in globalThis) throw new Error(`the shim cannot remove node's ${name}`);
}

try {
  runInThisContext(code, { filename: workerData.bundle });
} catch (error) {
  // The bundle does not even load (a node global it expects, a syntax error): the worker has nothing to run.
  parentPort.postMessage({ shimError: `the bundle does not load: ${String((error && error.stack) || error)}` });
  proc.exit(1);
}
