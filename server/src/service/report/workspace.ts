/**
 * Checks every JSON file of some folders for the compliance report, through the Runtime (so the same code
 * reads a local disk in the node server and the editor's file system in a browser worker). The work is paced:
 * it pauses between files, so that the language server keeps answering while it runs, and it stops when the
 * caller no longer wants the result.
 */
import { checkDocument, checkDocumentPaced, parseDocument, type CheckOptions, type CheckResult } from '../index';
import type { ContextStore } from '../ngsi-ld/jsonld-context';
import type { ModelFiles } from '../sdm/files';
import type { ModelProvider } from '../sdm/validate';
import type { Pacing } from '../steps';
import type { JsonDocument } from '../json/document';
import { joinUri, type Runtime } from '../runtime';
import type { Settings } from '../settings';
import { fileFacts, type ReportFile } from './facts';

export interface WorkspaceCheck {
  runtime: Runtime;
  /** The folders to walk (URIs). */
  folders: readonly string[];
  settings: Settings;
  /** Data models, @contexts and the files around them: a ModelCatalog. */
  catalog: ModelProvider & { contexts: ContextStore; files: ModelFiles; settle(): Promise<void> };
  /** The text an editor holds for a file, unsaved changes included; the file is read otherwise. */
  openText?: (uri: string) => string | undefined;
  /** How a file is named in the report. */
  displayPath: (uri: string) => string;
  /** How the work is paced (the language server's slices); without it each file is checked in one go. */
  pacing?: Pacing;
  /** Reports progress: files done of files found. */
  progress?: (done: number, total: number) => void;
  /** How long to wait for data models and @contexts still loading, in milliseconds. */
  settleMs?: number;
  /** At most this many files are checked (the rest are named as not read). */
  maxFiles?: number;
}

export interface WorkspaceCheckResult {
  files: ReportFile[];
  unreadable: { path: string; reason: string }[];
}

const SKIPPED = (name: string) => name === 'node_modules' || name.startsWith('.');

/** The .json and .jsonld files under the folders, in a stable order (node_modules and hidden folders skipped, as mim-check does). */
export async function listJsonFiles(runtime: Runtime, folders: readonly string[], cancelled: () => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 32 || cancelled()) return;
    const entries = await runtime.readDirectory(dir);
    if (!entries) return;
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (SKIPPED(entry.name)) continue;
      const uri = joinUri(dir, entry.name);
      if (entry.kind === 'directory') await walk(uri, depth + 1);
      else if (/\.json(ld)?$/i.test(entry.name) && !seen.has(uri)) {
        seen.add(uri);
        out.push(uri);
      }
    }
  };
  for (const folder of folders) await walk(folder, 0);
  return out;
}

/** Checks the files of the folders; undefined when it was cancelled. */
export async function checkWorkspace(options: WorkspaceCheck): Promise<WorkspaceCheckResult | undefined> {
  const pacing = options.pacing;
  const cancelled = pacing?.cancelled ?? (() => false);
  const pause = pacing?.pause ?? (() => Promise.resolve());
  const all = await listJsonFiles(options.runtime, options.folders, cancelled);
  if (cancelled()) return undefined;
  const max = options.maxFiles ?? 10_000;
  const uris = all.slice(0, max);
  const unreadable: { path: string; reason: string }[] = all.slice(max).map((uri) => ({ path: options.displayPath(uri), reason: `not read: the report reads at most ${max} files` }));
  const checkOptions: CheckOptions = { models: options.catalog, contexts: options.catalog.contexts, files: options.catalog.files, syntaxErrors: 'always' };
  const check = async (doc: JsonDocument): Promise<CheckResult | undefined> =>
    pacing ? checkDocumentPaced(doc, options.settings, checkOptions, pacing) : checkDocument(doc, options.settings, checkOptions);
  const docs: JsonDocument[] = [];
  // A first pass asks for the data models and @contexts the files need; they load while the files are read.
  for (const uri of uris) {
    const text = options.openText?.(uri) ?? (await options.runtime.readFile(uri));
    if (text === undefined) {
      unreadable.push({ path: options.displayPath(uri), reason: 'it cannot be read' });
      continue;
    }
    const doc = parseDocument(uri, 0, text, undefined, options.settings);
    await check(doc);
    if (cancelled()) return undefined;
    docs.push(doc);
    options.progress?.(docs.length, uris.length * 2);
    await pause();
    if (cancelled()) return undefined;
  }
  await waitAtMost(options.catalog.settle(), options.settleMs ?? 20_000);
  if (cancelled()) return undefined;
  const files: ReportFile[] = [];
  for (const doc of docs) {
    const result = await check(doc);
    if (!result) return undefined;
    files.push(fileFacts(doc, result, options.displayPath(doc.uri)));
    options.progress?.(docs.length + files.length, uris.length * 2);
    await pause();
    if (cancelled()) return undefined;
  }
  return { files, unreadable };
}

function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
