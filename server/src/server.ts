/**
 * LSP wiring: capabilities, document sync, settings per resource, debounced push diagnostics and pull
 * diagnostics. Every handler is guarded: no input may crash the server or leave a document unanswered.
 */
import {
  DiagnosticSeverity,
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
import {
  DocumentInfoRequest,
  StatusChangedNotification,
  type DocumentInfo,
  type DocumentInfoParams,
  type StatusChangedParams,
} from './protocol';
import {
  DEFAULT_SETTINGS,
  PAYLOAD_KIND_LABELS,
  checkDocument,
  normalizeSettings,
  parseDocument,
  type CheckResult,
  type JsonDocument,
  type Problem,
  type Settings,
} from './service/index';

export interface ServerOptions {
  /** Where the documentation of a rule is, for the link on each diagnostic. */
  ruleDocumentation?: (code: string) => string | undefined;
  /** Delay between the last keystroke and push diagnostics, in milliseconds. */
  debounceMs?: number;
}

interface CachedDocument {
  version: number;
  parsed: JsonDocument;
  result?: CheckResult;
  resultSettings?: Settings;
}

const SEVERITY: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, CachedDocument>();
  const settingsCache = new Map<string, Promise<Settings>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const debounceMs = options.debounceMs ?? 200;
  let pullDiagnostics = false;
  let configurationRequests = false;
  let dynamicConfiguration = false;
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
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings !== undefined) globalSettings = readSettings(init.settings, 'initializationOptions');
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
        },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: 'mim-aware', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mim' }).catch(() => undefined);
    }
  });

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
  const parsedDocument = (document: TextDocument): CachedDocument => {
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const entry: CachedDocument = {
      version: document.version,
      parsed: parseDocument(document.uri, document.version, document.getText(), document.languageId),
    };
    cache.set(document.uri, entry);
    return entry;
  };

  const checkCached = (entry: CachedDocument, settings: Settings): CheckResult => {
    if (entry.result && entry.resultSettings === settings) return entry.result;
    entry.result = checkDocument(entry.parsed, settings);
    entry.resultSettings = settings;
    return entry.result;
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
    const href = options.ruleDocumentation?.(problem.code);
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
      const entry = parsedDocument(current);
      const result = checkCached(entry, settings);
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
      settingsCache.delete(uri);
      if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }),
  );

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
      const raw = (change.settings as { mim?: unknown } | undefined)?.mim;
      if (!configurationRequests && raw !== undefined) globalSettings = readSettings(raw, 'didChangeConfiguration');
      if (pullDiagnostics) {
        void connection.languages.diagnostics.refresh().catch(() => undefined);
      } else {
        for (const document of documents.all()) schedule(document.uri, 0);
      }
    }),
  );

  connection.onRequest(DocumentInfoRequest, async (params: DocumentInfoParams): Promise<DocumentInfo | null> => {
    const document = documents.get(params?.uri);
    if (!document) return null;
    try {
      const settings = await settingsFor(document.uri);
      const result = checkCached(parsedDocument(document), settings);
      return {
        kind: result.detection.kind,
        label: PAYLOAD_KIND_LABELS[result.detection.kind],
        reason: result.detection.reason,
        representation: result.representation,
        mediaType: result.mediaType,
        errors: result.problems.filter((p) => p.severity === 'error').length,
        warnings: result.problems.filter((p) => p.severity === 'warning').length,
      };
    } catch (error) {
      log(`[error] documentInfo ${params.uri}: ${String(error)}`);
      return null;
    }
  });

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
}
