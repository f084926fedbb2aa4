import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createNodeRuntime } from '../../server/src/node/runtime';
import { ModelCatalog, type CatalogConfig, type CheckResult, type Runtime } from '../../server/src/service/index';
import { checkDocument, DEFAULT_SETTINGS, normalizeSettings, parseDocument, type Problem, type Settings } from '../../server/src/service/index';

export interface Marked {
  text: string;
  /** Offsets of each ⟦...⟧ pair, in order. */
  ranges: { start: number; end: number }[];
}

/** Removes ⟦ and ⟧ markers and returns where they were. */
export function unmark(marked: string): Marked {
  let text = '';
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (const ch of marked) {
    if (ch === '⟦') open.push(text.length);
    else if (ch === '⟧') ranges.push({ start: open.pop()!, end: text.length });
    else text += ch;
  }
  return { text, ranges };
}

export function check(file: string, text: string, settings: Partial<Settings> | Record<string, unknown> = {}) {
  const doc = parseDocument(file.includes(':') ? file : `file:///work/${file}`, 1, text);
  const merged = { ...DEFAULT_SETTINGS, ...normalizeSettings({ ...settings }) };
  return checkDocument(doc, merged);
}

export function problems(file: string, text: string, settings: Record<string, unknown> = {}): Problem[] {
  return check(file, text, settings).problems;
}

export function codes(file: string, text: string, settings: Record<string, unknown> = {}): string[] {
  return problems(file, text, settings).map((p) => p.code);
}

/** Text covered by a problem, for readable assertions. */
/** The one problem of `code` among `problems` (fails the test when there is none or more than one). */
export function only(problems: Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `one ${code}: ${problems.map((p) => `${p.code} ${p.message}`).join('\n')}`);
  return found[0]!;
}

export function covered(text: string, p: Problem): string {
  return text.slice(p.offsets.start, p.offsets.end);
}


export const SHARED = join(__dirname, '..', '..', '..', 'shared');
export const SDM_ROOT_URI = pathToFileURL(join(SHARED, 'sdm')).toString();
export const WORKSPACE_URI = 'file:///mim-test-workspace';

/** Files held in memory (by file URI) in front of another runtime. */
export function memoryRuntime(files: Record<string, string>, behind: Runtime = createNodeRuntime()): Runtime {
  return {
    ...behind,
    async readFile(uri) {
      return files[uri] ?? behind.readFile(uri);
    },
    async readDirectory(uri) {
      const prefix = uri.replace(/\/$/, '') + '/';
      const names = new Map<string, 'file' | 'directory'>();
      for (const key of Object.keys(files)) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        names.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
      }
      const real = (await behind.readDirectory(uri)) ?? [];
      if (names.size === 0 && real.length === 0) return behind.readDirectory(uri);
      return [...real.filter((e) => !names.has(e.name)), ...[...names].map(([name, kind]) => ({ name, kind }))];
    },
  };
}

export interface ModelOptions {
  /** Syntax errors in which files (the CLI reports them in every file). */
  syntaxErrors?: 'ngsi' | 'always' | 'never';
  /** Use ../shared/sdm as mim.sdm.root. */
  sdm?: boolean;
  /** Workspace files, by path relative to WORKSPACE_URI. */
  files?: Readonly<Record<string, string>>;
  settings?: Record<string, unknown>;
  config?: Partial<CatalogConfig>;
  runtime?: Runtime;
}

export function catalogFor(options: ModelOptions = {}): ModelCatalog {
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(options.files ?? {})) files[`${WORKSPACE_URI}/${path}`] = text;
  const config: CatalogConfig = {
    workspaceFolders: options.files ? [WORKSPACE_URI] : [],
    modelFolders: [],
    modelSchemas: [],
    sdmRoot: options.sdm ? SDM_ROOT_URI : undefined,
    download: false,
    baseUrl: 'https://smart-data-models.github.io/',
    ...options.config,
  };
  return new ModelCatalog(config, memoryRuntime(files, options.runtime));
}

/** Checks with data models: once to ask for them, and again once they are loaded. */
export async function checkWithModels(file: string, text: string, options: ModelOptions = {}, catalog = catalogFor(options)): Promise<CheckResult> {
  const doc = parseDocument(file.includes(':') ? file : `${WORKSPACE_URI}/${file}`, 1, text);
  const settings = { ...DEFAULT_SETTINGS, ...normalizeSettings({ ...options.settings }) };
  const options2 = { models: catalog, contexts: catalog.contexts, files: catalog.files, syntaxErrors: options.syntaxErrors };
  checkDocument(doc, settings, options2);
  await catalog.settle();
  return checkDocument(doc, settings, options2);
}
