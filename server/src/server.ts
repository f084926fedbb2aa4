/**
 * LSP wiring: capabilities, document sync, settings per resource, debounced push diagnostics and pull
 * diagnostics. Every handler is guarded: no input may crash the server or leave a document unanswered.
 */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type DocumentSymbol,
  type SymbolInformation,
  type Hover,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ChangedRegion } from './service/json/document';
import { FIX_ALL_KIND, conversionActions, convertDocument, fixAllEdit, lossRange, quickFixActions, workspaceEdit, type EditTarget } from './actions';
import { CatalogRegistry } from './catalogs';
import { baseName, joinUri } from './service/runtime';
import { describeSummary, modelFolderOf, summarizeModels } from './service/sdm/summary';
import { renderReportHtml } from './service/report/html';
import { renderReportMarkdown } from './service/report/markdown';
import { buildReport } from './service/report/model';
import { checkWorkspace } from './service/report/workspace';
import { VERSION } from './service/version';
import {
  CheckModelRequest,
  ConvertRequest,
  DocumentInfoRequest,
  FixAllRequest,
  OpenLocationCommand,
  OpenSchemaCommand,
  ReportRequest,
  SchemaContentRequest,
  StatusChangedNotification,
  WorkspaceTrustNotification,
  type DocumentInfo,
  type CheckModelParams,
  type CheckModelResult,
  type ConvertParams,
  type ConvertResult,
  type DocumentInfoParams,
  type FixAllParams,
  type FixAllResult,
  type ReportParams,
  type ReportResult,
  type SchemaContentParams,
  type StatusChangedParams,
  type WorkspaceTrustParams,
} from './protocol';
import {
  DEFAULT_SETTINGS,
  PAYLOAD_KIND_LABELS,
  checkDocument,
  checkDocumentPaced,
  maxLengthOf,
  complete,
  describeDocument,
  hover,
  normalizeSettings,
  outline,
  ruleAnchor,
  type CompletionKind,
  type OutlineKind,
  type OutlineSymbol,
  parseDocument,
  type CheckResult,
  JsonDocument,
  type Problem,
  type Runtime,
  type Settings,
} from './service/index';

export interface ServerOptions {
  /** Files, folders and downloads for the data model catalog. */
  runtime: Runtime;
  /** Where the documentation of a rule is, for the link on each diagnostic. */
  ruleDocumentation?: (code: string) => string | undefined;
  /** Delay between the last keystroke and push diagnostics, in milliseconds. */
  debounceMs?: number;
  /** Where the server runs, for the first line of the log ("node v20.11.0", "a browser worker"). */
  platform?: string;
  /** Turns a path from the settings into a file URI, relative to a workspace folder (file URI). */
  resolvePath?: (path: string, folder: string | undefined) => string | undefined;
}

/** What the client tells the server at start (initializationOptions). */
interface InitializationOptions {
  settings?: unknown;
  /** The workspace is trusted: downloads may happen where settings allow them. */
  workspaceTrusted?: boolean;
  /** False when the editor reports JSON syntax errors itself (VS Code does): they are not said twice. */
  syntaxErrors?: boolean;
  /**
   * Where the extension's docs/rules.md is (a URI the editor can open), when the server cannot find it
   * itself: in VS Code for the web the server runs in a worker and knows no path of the extension.
   */
  ruleDocs?: string;
}

interface CachedDocument {
  version: number;
  parsed: JsonDocument;
  result?: CheckResult;
  resultSettings?: Settings;
  /** Bumped when what the check depends on changes (data models, @contexts): a running check is dropped. */
  generation: number;
  /** The size limit the text was parsed under (mim.maxFileSize). */
  maxLength: number;
  pending?: { settings: Settings; generation: number; promise: Promise<CheckResult | undefined> };
}

/** How long a slice of a check may run before the server answers other requests. */
const CHECK_SLICE_MS = 8;

/** Lets the event loop answer what is waiting, then goes on. */
const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

const SEVERITY: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  keyword: CompletionItemKind.Keyword,
  unit: CompletionItemKind.Unit,
  class: CompletionItemKind.Class,
  reference: CompletionItemKind.Reference,
  field: CompletionItemKind.Field,
};

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  entity: SymbolKind.Object,
  property: SymbolKind.Property,
  relationship: SymbolKind.Interface,
  geo: SymbolKind.Struct,
  language: SymbolKind.String,
  list: SymbolKind.Array,
  json: SymbolKind.Object,
  vocab: SymbolKind.EnumMember,
  member: SymbolKind.Field,
  object: SymbolKind.Module,
  array: SymbolKind.Array,
};

/** How long completion and hover wait for a data model still loading before they answer without it. */
const MODEL_WAIT_MS = 1500;

/** The promise, or nothing once `ms` have passed (the timer does not keep the process alive). */
function waitFor(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/** Snippet syntax turned into plain text, for clients without snippet support. */
function plainSnippet(text: string): string {
  return text
    .replace(/\$\{\d+\|([^|]*)\|\}/g, (_, choices: string) => choices.split(',')[0] ?? '')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '');
}

/** A lens over the first entity of each type, naming the data model that checks it. */
function modelLenses(doc: JsonDocument, result: CheckResult): CodeLens[] {
  const lenses: CodeLens[] = [];
  const root = doc.root;
  const entities: { path: (string | number)[]; value: unknown }[] = Array.isArray(root) ? root.slice(0, 10_000).map((value, i) => ({ path: [i], value })) : [{ path: [], value: root }];
  const done = new Set<string>();
  for (const use of result.models) {
    if (done.has(use.type)) continue;
    const at = entities.find(({ value }) => {
      const type = (value as { type?: unknown } | null)?.type;
      return type === use.type || (Array.isArray(type) && type.includes(use.type)) || (typeof type === 'string' && type.endsWith('/' + use.type));
    });
    const located = at ? doc.locate([...at.path, 'type']) : undefined;
    if (!located) continue;
    done.add(use.type);
    const range = doc.rangeOf(located.key ?? located.value);
    if (use.state === 'ready') {
      lenses.push({
        range,
        command: {
          title: `Data model: ${use.type}${use.version ? ` ${use.version}` : ''}, from ${use.source}`,
          command: OpenSchemaCommand,
          arguments: [use.schemaUri],
        },
      });
    } else if (use.state === 'error') {
      lenses.push({ range, command: { title: `Data model ${use.type} cannot be used: see the problem on "type"`, command: '' } });
    }
  }
  return lenses;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  // Where each open document changed since the version last parsed, so that an edit inside one entity of a
  // large batch re-parses that entity only (JsonDocument.derive). Offsets before the region are the same in
  // both versions; offsets after it moved by what the region grew.
  const edits = new Map<string, { baseVersion: number; region?: ChangedRegion; valid: boolean }>();
  const documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update: (document, changes, version) => {
      const track = edits.get(document.uri) ?? { baseVersion: document.version, valid: true };
      let current = document;
      for (const change of changes) {
        if (!('range' in change)) {
          track.valid = false;
        } else if (track.valid) {
          const a = current.offsetAt(change.range.start);
          const b = current.offsetAt(change.range.end);
          const r = track.region;
          if (!r) {
            track.region = { start: a, oldEnd: b, newEnd: a + change.text.length };
          } else {
            const grown = r.newEnd - r.oldEnd;
            const end = Math.max(r.newEnd, b);
            track.region = { start: Math.min(r.start, a), oldEnd: end - grown, newEnd: end + change.text.length - (b - a) };
          }
        }
        current = TextDocument.update(current, [change], version);
      }
      edits.set(document.uri, track);
      return current;
    },
  });
  let workspaceFolders: string[] = [];
  let workspaceTrusted = false;
  let modelsChangedTimer: ReturnType<typeof setTimeout> | undefined;
  const modelsChanged = () => {
    if (modelsChangedTimer) clearTimeout(modelsChangedTimer);
    modelsChangedTimer = undefined;
    invalidateResults();
    recheckAll();
  };
  const catalogs = new CatalogRegistry(options.runtime, () => {
    // A data model arrived or changed: check the open documents again, once for a burst of changes.
    if (modelsChangedTimer) clearTimeout(modelsChangedTimer);
    modelsChangedTimer = setTimeout(modelsChanged, 50);
  });
  /** A result asked for while a change of models waits for its burst to end is not answered from before the change. */
  const flushModelsChanged = () => {
    if (modelsChangedTimer) modelsChanged();
  };
  const cache = new Map<string, CachedDocument>();
  /** What the checks depended on changed (models, contexts, trust, folders): every result is stale. */
  const invalidateResults = () => {
    for (const entry of cache.values()) {
      entry.result = undefined;
      entry.generation++;
    }
  };
  const settingsCache = new Map<string, Promise<Settings>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const debounceMs = options.debounceMs ?? 200;
  let pullDiagnostics = false;
  let configurationRequests = false;
  let dynamicConfiguration = false;
  let workspaceFoldersSupported = false;
  let syntaxErrors: 'ngsi' | 'never' = 'ngsi';
  let ruleDocsFromClient: ((code: string) => string) | undefined;
  let snippetSupport = false;
  let snippetEdits = false;
  let hierarchicalSymbols = false;
  let globalSettings: Settings = DEFAULT_SETTINGS;

  const log = (message: string) => {
    try {
      connection.console.log(message);
    } catch {
      // The connection is gone; nothing left to tell.
    }
  };

  const guard = <T>(what: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      log(`[error] ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = !!capabilities.textDocument?.diagnostic;
    configurationRequests = !!capabilities.workspace?.configuration;
    dynamicConfiguration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    workspaceFoldersSupported = !!capabilities.workspace?.workspaceFolders;
    snippetSupport = !!capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    snippetEdits = !!(capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport && !!capabilities.workspace?.workspaceEdit?.documentChanges;
    hierarchicalSymbols = !!capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    const init = params.initializationOptions as InitializationOptions | undefined;
    if (init?.settings !== undefined) globalSettings = readSettings(init.settings, 'initializationOptions');
    workspaceTrusted = init?.workspaceTrusted === true;
    syntaxErrors = init?.syntaxErrors === false ? 'never' : 'ngsi';
    if (typeof init?.ruleDocs === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(init.ruleDocs)) {
      const page = init.ruleDocs.replace(/#.*$/, '');
      ruleDocsFromClient = (code) => `${page}#${ruleAnchor(code)}`;
    }
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
        },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ':', ' '], resolveProvider: false },
        documentSymbolProvider: { label: 'NGSI-LD' },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND, 'refactor.rewrite.mim'], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'mim-aware', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    log(
      `MIM-aware language server ${VERSION} on ${options.platform ?? 'an unknown platform'}: ${workspaceFolders.length} workspace folder(s), ` +
        `${workspaceTrusted ? 'trusted' : 'restricted'} workspace, ${pullDiagnostics ? 'pull' : 'push'} diagnostics.`,
    );
    if (dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mim' }).catch(() => undefined);
    }
    if (workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((event) =>
        guard('didChangeWorkspaceFolders', undefined, () => {
          const removed = new Set(event.removed.map((f) => f.uri));
          workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri)];
          catalogs.clear();
          invalidateResults();
          recheckAll();
        }),
      );
    }
  });

  connection.onNotification(WorkspaceTrustNotification, (params: WorkspaceTrustParams) =>
    guard('workspaceTrust', undefined, () => {
      workspaceTrusted = params?.trusted === true;
      catalogs.clear();
      invalidateResults();
      recheckAll();
    }),
  );

  connection.onDidChangeWatchedFiles((params) =>
    guard('didChangeWatchedFiles', undefined, () => {
      for (const change of params.changes) if (!documents.get(change.uri)) catalogs.invalidate(change.uri);
    }),
  );

  /** The data model catalog for a document, from its settings. */
  const catalogFor = (uri: string, settings: Settings) => {
    const folder = workspaceFolders.filter((f) => uri.startsWith(f.replace(/\/?$/, '/'))).sort((a, b) => b.length - a.length)[0] ?? workspaceFolders[0];
    return catalogs.catalogFor(settings, {
      workspaceFolders,
      networkAllowed: workspaceTrusted && !!options.runtime.fetchText,
      resolvePath: (path) => (options.resolvePath ? options.resolvePath(path, folder) : path.startsWith('file:') ? path : undefined),
    });
  };

  const readSettings = (raw: unknown, where: string): Settings => {
    const issues: { setting: string; message: string }[] = [];
    const settings = normalizeSettings(raw, issues);
    for (const issue of issues) log(`[settings] ${where}: ${issue.setting}: ${issue.message}`);
    return settings;
  };

  /** Settings of one resource, asked from the client once and cached until they change. */
  const settingsFor = (uri: string): Promise<Settings> => {
    if (!configurationRequests) return Promise.resolve(globalSettings);
    let pending = settingsCache.get(uri);
    if (!pending) {
      pending = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'mim' })
        .then((raw) => readSettings(raw, uri))
        .catch((error: unknown) => {
          log(`[settings] could not read the settings of ${uri}: ${String(error)}`);
          return globalSettings;
        });
      settingsCache.set(uri, pending);
    }
    return pending;
  };

  /** One parse per (uri, version), shared by every feature. */
  const parsedDocument = (document: TextDocument, settings: Settings): CachedDocument => {
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version && cached.maxLength === maxLengthOf(settings)) return cached;
    const text = document.getText();
    // In a large batch, an edit inside one entity parses that entity only.
    const track = edits.get(document.uri);
    const region = cached && track?.valid && track.baseVersion === cached.version ? track.region : undefined;
    const maxLength = maxLengthOf(settings);
    const derived = cached && region && text.length <= maxLength ? JsonDocument.derive(cached.parsed, document.version, text, document.languageId, region) : undefined;
    edits.set(document.uri, { baseVersion: document.version, valid: true });
    const entry: CachedDocument = {
      version: document.version,
      parsed: derived ?? parseDocument(document.uri, document.version, text, document.languageId, settings),
      generation: 0,
      maxLength,
    };
    cache.set(document.uri, entry);
    return entry;
  };

  /**
   * The check of one version of a document, shared by every feature that needs problems. It runs in slices
   * (other requests are answered in between) and stops when a newer version arrives or the models change;
   * undefined then.
   */
  const checkCached = (entry: CachedDocument, settings: Settings): Promise<CheckResult | undefined> => {
    flushModelsChanged();
    if (entry.result && entry.resultSettings === settings) return Promise.resolve(entry.result);
    if (entry.pending && entry.pending.settings === settings && entry.pending.generation === entry.generation) return entry.pending.promise;
    const catalog = catalogFor(entry.parsed.uri, settings);
    const uri = entry.parsed.uri;
    const generation = entry.generation;
    // Stale once the editor holds a newer version, or the models it was checked against changed.
    const stale = () => cache.get(uri) !== entry || entry.generation !== generation || (documents.get(uri)?.version ?? entry.version) !== entry.version;
    const promise = checkDocumentPaced(
      entry.parsed,
      settings,
      { models: catalog, contexts: catalog.contexts, files: catalog.files, syntaxErrors },
      { sliceMs: CHECK_SLICE_MS, pause: yieldToEventLoop, cancelled: stale, now: () => performance.now() },
    ).then((result) => {
      if (entry.pending?.promise === promise) entry.pending = undefined;
      if (!result || stale()) return undefined;
      entry.result = result;
      entry.resultSettings = settings;
      return result;
    });
    entry.pending = { settings, generation, promise };
    return promise;
  };

  /** Check every open document again (settings, trust, folders or data models changed). */
  const recheckAll = () => {
    if (pullDiagnostics) {
      void connection.languages.diagnostics.refresh().catch(() => undefined);
      for (const document of documents.all()) void connection.sendNotification(StatusChangedNotification, { uri: document.uri } satisfies StatusChangedParams);
    } else {
      for (const document of documents.all()) schedule(document.uri, 0);
    }
  };

  const toDiagnostic = (problem: Problem, version: number): Diagnostic => {
    const diagnostic: Diagnostic = {
      range: problem.range,
      severity: SEVERITY[problem.severity],
      code: problem.code,
      source: 'mim',
      message: problem.message,
      data: { path: problem.path, version, fixes: problem.fixes ?? [] },
    };
    const href = options.ruleDocumentation?.(problem.code) ?? ruleDocsFromClient?.(problem.code);
    if (href) diagnostic.codeDescription = { href };
    return diagnostic;
  };

  const internalErrorDiagnostic = (error: unknown): Diagnostic => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: 'mim',
    code: 'internal-error',
    message: `The MIM checker failed on this file and could not check it (${error instanceof Error ? error.message : String(error)}). Please report it with the file; the output channel "MIM-aware" has details.`,
  });

  /** Diagnostics of the document's current version, or undefined when it changed while we waited. */
  const computeDiagnostics = async (document: TextDocument): Promise<{ version: number; diagnostics: Diagnostic[] } | undefined> => {
    const settings = await settingsFor(document.uri);
    const current = documents.get(document.uri);
    if (!current) return undefined;
    const version = current.version;
    try {
      const entry = parsedDocument(current, settings);
      const result = await checkCached(entry, settings);
      // A newer version (or newer models) made this check moot: the next one answers.
      if (!result) return undefined;
      return { version, diagnostics: result.problems.map((p) => toDiagnostic(p, version)) };
    } catch (error) {
      log(`[error] checking ${document.uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { version, diagnostics: [internalErrorDiagnostic(error)] };
    }
  };

  const publish = async (uri: string) => {
    const document = documents.get(uri);
    if (!document) return;
    const computed = await computeDiagnostics(document);
    const now = documents.get(uri);
    // A newer version arrived while we checked: its own validation will publish.
    if (!computed || !now || now.version !== computed.version) return;
    await connection.sendDiagnostics({ uri, version: computed.version, diagnostics: computed.diagnostics });
    void connection.sendNotification(StatusChangedNotification, { uri } satisfies StatusChangedParams);
  };

  const schedule = (uri: string, delay: number) => {
    const existing = timers.get(uri);
    if (existing) clearTimeout(existing);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        publish(uri).catch((error: unknown) => log(`[error] publishing diagnostics of ${uri}: ${String(error)}`));
      }, delay),
    );
  };

  documents.onDidOpen((event) =>
    guard('didOpen', undefined, () => {
      if (!pullDiagnostics) schedule(event.document.uri, 0);
    }),
  );

  documents.onDidChangeContent((event) =>
    guard('didChange', undefined, () => {
      // An open data model counts with its unsaved text.
      if (event.document.uri.endsWith('.json')) catalogs.invalidate(event.document.uri, event.document.getText());
      if (!pullDiagnostics) schedule(event.document.uri, debounceMs);
      else void connection.sendNotification(StatusChangedNotification, { uri: event.document.uri } satisfies StatusChangedParams);
    }),
  );

  documents.onDidClose((event) =>
    guard('didClose', undefined, () => {
      const uri = event.document.uri;
      const timer = timers.get(uri);
      if (timer) clearTimeout(timer);
      timers.delete(uri);
      cache.delete(uri);
      edits.delete(uri);
      settingsCache.delete(uri);
      if (uri.endsWith('.json')) catalogs.invalidate(uri, undefined);
      if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }),
  );

  /**
   * A request about one open document: `fn` gets the document, its settings and the parse of this version. A
   * document that is not open gives `fallback`, and so does an error anywhere (it is logged): every request is
   * answered.
   */
  const withDocument = async <T>(
    what: string,
    uri: string | undefined,
    fallback: T,
    fn: (document: TextDocument, settings: Settings, entry: CachedDocument) => T | Promise<T>,
  ): Promise<T> => {
    const document = uri === undefined ? undefined : documents.get(uri);
    if (!document) return fallback;
    try {
      const settings = await settingsFor(document.uri);
      return await fn(document, settings, parsedDocument(document, settings));
    } catch (error) {
      log(`[error] ${what} ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };

  connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    try {
      const computed = await computeDiagnostics(document);
      return { kind: DocumentDiagnosticReportKind.Full, items: computed?.diagnostics ?? [] };
    } catch (error) {
      log(`[error] pull diagnostics of ${params.textDocument.uri}: ${String(error)}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [internalErrorDiagnostic(error)] };
    }
  });

  connection.onDidChangeConfiguration((change) =>
    guard('didChangeConfiguration', undefined, () => {
      settingsCache.clear();
      catalogs.clear();
      invalidateResults();
      const raw = (change.settings as { mim?: unknown } | undefined)?.mim;
      if (!configurationRequests && raw !== undefined) globalSettings = readSettings(raw, 'didChangeConfiguration');
      recheckAll();
    }),
  );

  connection.onRequest(DocumentInfoRequest, (params: DocumentInfoParams) =>
    withDocument('documentInfo', params?.uri, null, async (_document, settings, entry): Promise<DocumentInfo | null> => {
      const result = await checkCached(entry, settings);
      if (!result) return null;
      return {
        kind: result.detection.kind,
        label: PAYLOAD_KIND_LABELS[result.detection.kind],
        reason: result.detection.reason,
        representation: result.representation,
        mediaType: result.mediaType,
        errors: result.problems.filter((p) => p.severity === 'error').length,
        warnings: result.problems.filter((p) => p.severity === 'warning').length,
        models: result.models,
      };
    }),
  );

  connection.onCodeLens((params) =>
    withDocument('codeLens', params.textDocument.uri, [] as CodeLens[], async (_document, settings, entry) => {
      const result = await checkCached(entry, settings);
      return result ? modelLenses(entry.parsed, result) : [];
    }),
  );

  connection.onHover((params) =>
    withDocument('hover', params.textDocument.uri, null, async (document, settings, entry): Promise<Hover | null> => {
      // Hover needs what the file is, not its problems: it never waits for a check.
      const { detection } = describeDocument(entry.parsed, settings);
      const catalog = catalogFor(document.uri, settings);
      const found = await hover(entry.parsed, entry.parsed.offsetAt(params.position), {
        detection,
        models: catalog,
        contexts: catalog.contexts,
        prepareModel: (type) => waitFor(catalog.prepare([type]), MODEL_WAIT_MS),
      });
      return found ? { contents: { kind: MarkupKind.Markdown, value: found.contents }, range: entry.parsed.rangeOf(found.span) } : null;
    }),
  );

  connection.onCompletion((params) =>
    withDocument('completion', params.textDocument.uri, [] as CompletionItem[], async (document, settings, entry) => {
      // Completion needs what the file is, not its problems: it never waits for a check.
      const { detection } = describeDocument(entry.parsed, settings);
      const catalog = catalogFor(document.uri, settings);
      const doc = entry.parsed;
      const entries = await complete(doc, doc.offsetAt(params.position), {
        detection,
        representation: entry.result?.representation,
        models: catalog,
        prepareModel: (type) => waitFor(catalog.prepare([type]), MODEL_WAIT_MS),
        knownTypes: () => catalog.knownTypes(),
        contextUrls: (type) => catalog.contextUrls(type),
      });
      return entries.map((e): CompletionItem => {
        const item: CompletionItem = {
          label: e.label,
          kind: COMPLETION_KINDS[e.kind],
          textEdit: { range: doc.rangeOf(e.replace), newText: snippetSupport ? e.insertText : plainSnippet(e.insertText) },
          insertTextFormat: snippetSupport ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        };
        if (e.detail) item.detail = e.detail;
        if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
        if (e.sortText) item.sortText = e.sortText;
        // The client filters on the text replaced, which for a member name includes its quote.
        item.filterText = e.filterText ?? (doc.text[e.replace.start] === '"' ? `"${e.label}"` : e.label);
        return item;
      });
    }),
  );

  connection.onDocumentSymbol((params) =>
    withDocument('documentSymbol', params.textDocument.uri, [] as DocumentSymbol[] | SymbolInformation[], (document, settings, entry): DocumentSymbol[] | SymbolInformation[] => {
      const doc = entry.parsed;
      const symbols = outline(doc, describeDocument(doc, settings).detection);
      const toSymbol = (s: OutlineSymbol): DocumentSymbol => ({
        name: s.name || ' ',
        detail: s.detail,
        kind: SYMBOL_KINDS[s.kind],
        range: doc.rangeOf(s.span),
        selectionRange: doc.rangeOf(s.selection),
        children: s.children?.map(toSymbol),
      });
      if (hierarchicalSymbols) return symbols.map(toSymbol);
      const flat: SymbolInformation[] = [];
      const walk = (list: OutlineSymbol[], container?: string) => {
        for (const s of list) {
          flat.push({ name: s.name || ' ', kind: SYMBOL_KINDS[s.kind], location: { uri: document.uri, range: doc.rangeOf(s.span) }, containerName: container });
          if (s.children) walk(s.children, s.name);
        }
      };
      walk(symbols);
      return flat;
    }),
  );

  /** The check of a document's fixed text, with the settings and models of the document. */
  const checkerFor = (uri: string, settings: Settings) => {
    const catalog = catalogFor(uri, settings);
    return (d: JsonDocument) => checkDocument(d, settings, { models: catalog, contexts: catalog.contexts, files: catalog.files, syntaxErrors });
  };

  const modelsOf = (uri: string, settings: Settings) => {
    const catalog = catalogFor(uri, settings);
    return (type: string) => {
      const lookup = catalog.lookup(type);
      return lookup.state === 'ready' ? lookup.model.description : undefined;
    };
  };

  connection.onCodeAction((params) =>
    withDocument('codeAction', params.textDocument.uri, [] as CodeAction[], async (document, settings, entry) => {
      const doc = entry.parsed;
      const target: EditTarget = { uri: document.uri, version: document.version, snippets: snippetEdits };
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
      const actions: CodeAction[] = [];
      if (wants(FIX_ALL_KIND) && only) {
        const fixed = fixAllEdit(doc, checkerFor(document.uri, settings));
        if (fixed.edit) actions.push({ title: `Fix all safe MIM problems (${fixed.applied})`, kind: FIX_ALL_KIND, edit: workspaceEdit(doc, [fixed.edit], { ...target, snippets: false }) });
      }
      if (wants('quickfix')) {
        const result = await checkCached(entry, settings);
        if (result) actions.push(...quickFixActions(doc, result, params.range, params.context.diagnostics, target, checkerFor(document.uri, settings)));
      }
      if (wants('refactor.rewrite.mim')) actions.push(...conversionActions(doc, describeDocument(doc, settings).detection, doc.offsetAt(params.range.start), modelsOf(document.uri, settings), target));
      return actions;
    }),
  );

  connection.onRequest(FixAllRequest, (params: FixAllParams) =>
    withDocument('fixAll', params?.uri, { edit: null, applied: 0, remaining: 0 } as FixAllResult, (document, settings, entry): FixAllResult => {
      const fixed = fixAllEdit(entry.parsed, checkerFor(document.uri, settings));
      return {
        edit: fixed.edit ? workspaceEdit(entry.parsed, [fixed.edit], { uri: document.uri, version: document.version, snippets: false }) : null,
        applied: fixed.applied,
        remaining: fixed.remaining.length,
      };
    }),
  );

  connection.onRequest(ConvertRequest, async (params: ConvertParams): Promise<ConvertResult> => {
    const document = documents.get(params?.uri);
    if (!document) return { edit: null, converted: 0, losses: [], reason: 'the document is not open' };
    if (!['normalized', 'concise', 'simplified'].includes(params.to)) return { edit: null, converted: 0, losses: [], reason: `"${String(params.to)}" is not a representation` };
    try {
      const settings = await settingsFor(document.uri);
      const entry = parsedDocument(document, settings);
      const doc = entry.parsed;
      const { detection } = describeDocument(doc, settings);
      // The data models of the entities decide what a bare value is: wait for them briefly.
      const catalog = catalogFor(document.uri, settings);
      await waitFor(catalog.settle(), MODEL_WAIT_MS);
      const span = params.range ? { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) } : undefined;
      const converted = convertDocument(doc, detection, params.to, modelsOf(document.uri, settings), span && span.start !== span.end ? span : undefined);
      const out: ConvertResult = {
        edit: converted.edits.length ? workspaceEdit(doc, converted.edits, { uri: document.uri, version: document.version, snippets: false }) : null,
        converted: converted.converted,
        losses: converted.losses.map((l) => ({ range: lossRange(doc, l.path), message: l.message })),
      };
      if (converted.reason) out.reason = converted.reason;
      return out;
    } catch (error) {
      log(`[error] convert ${params?.uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { edit: null, converted: 0, losses: [], reason: `the conversion failed (${error instanceof Error ? error.message : String(error)})` };
    }
  });

  connection.onRequest(CheckModelRequest, async (params: CheckModelParams): Promise<CheckModelResult> => {
    const uri = params?.uri;
    const folder = typeof uri === 'string' ? modelFolderOf(uri) : undefined;
    if (!folder) {
      return { reason: 'this file is not part of a data model folder (a folder named after its entity type, holding schema.json and examples/)', files: [] };
    }
    try {
      const settings = await settingsFor(uri);
      const catalog = catalogFor(uri, settings);
      const uris = [joinUri(folder, 'schema.json')];
      const examples = await options.runtime.readDirectory(joinUri(folder, 'examples'));
      for (const e of (examples ?? []).filter((e) => e.kind === 'file' && /\.json(ld)?$/.test(e.name)).sort((a, b) => a.name.localeCompare(b.name))) uris.push(joinUri(folder, 'examples', e.name));
      // Open files count with their unsaved text; the others are read from disk.
      const docs: JsonDocument[] = [];
      for (const file of uris) {
        const open = documents.get(file);
        const text = open ? open.getText() : await options.runtime.readFile(file);
        if (text !== undefined) docs.push(parseDocument(file, open?.version ?? 0, text, undefined, settings));
      }
      const check = (d: JsonDocument) => checkDocument(d, settings, { models: catalog, contexts: catalog.contexts, files: catalog.files, syntaxErrors: 'always' });
      docs.forEach(check);
      await waitFor(catalog.settle(), 10_000);
      const results = docs.map((d) => ({ file: d.uri, problems: check(d).problems }));
      const summary = summarizeModels(results)[0];
      return {
        model: summary?.model ?? baseName(folder),
        folder,
        status: summary?.status ?? 'passed',
        summary: summary ? describeSummary(summary) : 'passed',
        files: results.map((r) => ({ uri: r.file, diagnostics: r.problems.map((p) => toDiagnostic(p, 0)) })),
      };
    } catch (error) {
      log(`[error] checkModel ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { reason: `the check failed (${error instanceof Error ? error.message : String(error)})`, files: [] };
    }
  });

  connection.onRequest(ReportRequest, async (params: ReportParams, token): Promise<ReportResult> => {
    const none = (reason: string): ReportResult => ({ html: null, markdown: null, reason, files: 0, filesWithErrors: 0, errors: 0, warnings: 0 });
    const asked = Array.isArray(params?.folders) ? params.folders.filter((f): f is string => typeof f === 'string' && f.length > 0) : [];
    const folders = asked.length > 0 ? asked : workspaceFolders;
    if (folders.length === 0) return none('no folder is open');
    const roots = folders.map((f) => f.replace(/\/+$/, ''));
    try {
      const settings = await settingsFor(roots[0]!);
      const catalog = catalogFor(roots[0]! + '/', settings);
      // Paths in the report are relative to the folder reported on (named by the workspace folder when there are several).
      const displayPath = (uri: string): string => {
        const root = roots.filter((r) => uri.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0];
        if (!root) return uri;
        const rel = safeDecode(uri.slice(root.length + 1));
        return roots.length > 1 ? `${baseName(root)}/${rel}` : rel;
      };
      const checked = await checkWorkspace({
        runtime: options.runtime,
        folders,
        settings,
        catalog,
        openText: (uri) => documents.get(uri)?.getText(),
        displayPath,
        pacing: { sliceMs: CHECK_SLICE_MS, pause: yieldToEventLoop, cancelled: () => token.isCancellationRequested, now: () => performance.now() },
      });
      if (!checked) return none('the report was cancelled');
      const report = buildReport(checked.files, {
        tool: { name: 'MIM-aware', version: VERSION },
        generatedAt: new Date(options.runtime.now()).toISOString(),
        roots: roots.map((r) => displayRoot(r)),
        contextStatus: (url) => catalog.contexts.describe(url),
        ruleSettings: settings.rules,
        unreadable: checked.unreadable,
      });
      const place = (p: { uri: string; line: number; character: number }) => `command:${OpenLocationCommand}?${encodeURIComponent(JSON.stringify([p.uri, p.line, p.character]))}`;
      const problems = checked.files.flatMap((f) => f.problems);
      return {
        html: renderReportHtml(report, { link: place, nonce: typeof params?.nonce === 'string' ? params.nonce : undefined, cspSource: typeof params?.cspSource === 'string' ? params.cspSource : undefined }),
        markdown: renderReportMarkdown(report, { link: (p) => `${p.path.split('/').map(encodeURIComponent).join('/')}#L${p.line}` }),
        files: checked.files.length,
        filesWithErrors: checked.files.filter((f) => f.problems.some((p) => p.severity === 'error')).length,
        errors: problems.filter((p) => p.severity === 'error').length,
        warnings: problems.filter((p) => p.severity === 'warning').length,
      };
    } catch (error) {
      log(`[error] report ${roots.join(', ')}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return none(`the report failed (${error instanceof Error ? error.message : String(error)})`);
    }
  });

  /** A folder as the reader knows it: its path inside a workspace folder, or its name. */
  const displayRoot = (folder: string): string => {
    const holder = workspaceFolders.map((f) => f.replace(/\/+$/, '')).filter((f) => folder === f || folder.startsWith(f + '/')).sort((a, b) => b.length - a.length)[0];
    if (!holder) return safeDecode(folder.replace(/^file:\/\//, ''));
    return folder === holder ? baseName(holder) : `${baseName(holder)}/${safeDecode(folder.slice(holder.length + 1))}`;
  };

  connection.onRequest(SchemaContentRequest, async (params: SchemaContentParams): Promise<string | null> => {
    for (const catalog of catalogs.all()) {
      const text = await catalog.schemaText(params?.uri);
      if (text !== undefined) return text;
    }
    return null;
  });

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    if (modelsChangedTimer) clearTimeout(modelsChangedTimer);
  });

  documents.listen(connection);
  connection.listen();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
