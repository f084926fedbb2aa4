/**
 * Just enough of the `vscode` API to activate a client bundle outside VS Code: every namespace and class
 * answers anything (a call, a property, `new`) with another stand-in, so the language client can start;
 * the parts a test looks at are given for real (files, messages, commands, settings).
 */

type Anything = Record<string | symbol, unknown>;

/** A stand-in that is a function, a constructor and an object at once; `given` members are real. */
export function anything(given: Record<string, unknown> = {}): Anything {
  // Getters stay getters (window.activeTextEditor changes while a test runs).
  const members: Record<string | symbol, unknown> = Object.defineProperties({}, Object.getOwnPropertyDescriptors(given));
  return new Proxy(function () {}, {
    get(_target, key) {
      if (key in members) return members[key];
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => '';
      if (typeof key === 'symbol') return undefined;
      if (key === 'dispose') return () => undefined;
      return (members[key] = anything());
    },
    set(_target, key, value) {
      members[key] = value;
      return true;
    },
    apply: () => anything(),
    construct: () => anything(),
  }) as unknown as Anything;
}

export interface FakeVscode {
  /** The module, for `require('vscode')`. */
  module: unknown;
  /** Messages shown to the user, and lines of the output channel. */
  messages: string[];
  output: string[];
  /** Resolves with the first line of the output channel (written already or later) that passes `test`. */
  outputLine(test: (line: string) => boolean): Promise<string>;
  /** Commands registered by the extension, by id. */
  commands: Map<string, (...args: unknown[]) => unknown>;
  /** The active editor's document, for commands that act on it. */
  activeDocument: { uri: string } | undefined;
}

/** A vscode API whose workspace.fs serves `files` (by URI) and whose folders are what the file URIs imply. */
export function fakeVscode(files: Record<string, string>): FakeVscode {
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  const fake: FakeVscode = {
    module: undefined,
    messages: [],
    output: [],
    commands: new Map(),
    activeDocument: undefined,
    outputLine: (test) => {
      const line = fake.output.find(test);
      return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
  const uri = (value: string) => ({ scheme: value.slice(0, value.indexOf(':')), path: value.replace(/^[^:]*:\/\/[^/]*/, ''), fsPath: value.replace(/^file:\/\//, ''), toString: () => value });
  const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };
  const notFound = (value: string) => Promise.reject(new Error(`EntryNotFound (FileSystemError): ${value}`));
  const say = (kind: string) => async (message: string) => {
    fake.messages.push(`${kind}: ${message}`);
    return undefined;
  };
  const log = (line: unknown) => {
    const text = String(line);
    fake.output.push(text);
    for (const waiter of waiters.filter((w) => w.test(text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(text);
    }
  };
  const given: Record<string, unknown> = {
    version: '1.91.0',
    FileType,
    Uri: {
      parse: (value: string) => uri(value),
      file: (path: string) => uri(`file://${path}`),
      joinPath: (base: { toString(): string }, ...segments: string[]) => uri([base.toString().replace(/\/+$/, ''), ...segments].join('/')),
    },
    env: { appName: 'Visual Studio Code', language: 'en', uiKind: 2, machineId: 'test', sessionId: 'test' },
    window: anything({
      showErrorMessage: say('error'),
      showWarningMessage: say('warning'),
      showInformationMessage: say('information'),
      setStatusBarMessage: (message: string) => (fake.messages.push(`status: ${message}`), anything()),
      withProgress: (_options: unknown, task: (progress: unknown, token: unknown) => unknown) => task(anything(), anything()),
      createOutputChannel: () => anything({ appendLine: log, append: log, error: log, warn: log, info: log, debug: log, trace: log }),
      get activeTextEditor() {
        return fake.activeDocument ? anything({ document: anything({ uri: uri(fake.activeDocument.uri), languageId: 'json' }), selection: anything({ isEmpty: true }) }) : undefined;
      },
      visibleTextEditors: [],
      tabGroups: anything({ all: [] }),
    }),
    commands: anything({
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
        fake.commands.set(id, handler);
        return anything();
      },
    }),
    workspace: anything({
      isTrusted: false,
      workspaceFolders: undefined,
      textDocuments: [],
      notebookDocuments: [],
      // Settings: every key at its default.
      getConfiguration: () => anything({ get: (_key: string, defaultValue?: unknown) => defaultValue, has: () => false, inspect: () => undefined }),
      fs: {
        readFile: async (target: { toString(): string }) => {
          const text = files[target.toString()];
          return text === undefined ? notFound(target.toString()) : new TextEncoder().encode(text);
        },
        readDirectory: async (target: { toString(): string }) => {
          const prefix = target.toString().replace(/\/+$/, '') + '/';
          const entries = new Map<string, number>();
          for (const file of Object.keys(files).filter((f) => f.startsWith(prefix))) {
            const [name, ...rest] = file.slice(prefix.length).split('/');
            entries.set(name!, rest.length > 0 ? FileType.Directory : FileType.File);
          }
          return entries.size > 0 ? [...entries] : notFound(target.toString());
        },
      },
    }),
  };
  fake.module = new Proxy(
    {},
    {
      get: (_target, key) => (typeof key === 'string' ? (given[key] ??= anything()) : undefined),
      // The bundle copies the module's members (esbuild's `import * as vscode`): list the ones it uses.
      ownKeys: () => [...new Set([...Object.keys(given), ...CLASSES])],
      getOwnPropertyDescriptor: (_target, key) => ({ configurable: true, enumerable: true, value: typeof key === 'string' ? (given[key] ??= anything()) : undefined }),
    },
  );
  return fake;
}

const CLASSES = [
  'CancellationError',
  'CancellationTokenSource',
  'CodeAction',
  'Diagnostic',
  'Disposable',
  'EventEmitter',
  'LanguageStatusSeverity',
  'LogLevel',
  'NotebookCellKind',
  'Position',
  'ProgressLocation',
  'Range',
  'TabInputCustom',
  'TabInputNotebook',
  'TabInputText',
  'TabInputTextDiff',
  'languages',
];
