/**
 * mim-check: the engine on the command line, for CI.
 *
 *   mim-check [--format text|json] [--report md|html [--output FILE]] [--sdm-root DIR] [--rule CODE=SEVERITY] [--kind GLOB=KIND] PATH...
 *
 * Exit 0 when no file has an error, 1 when one has, 2 for a usage or read error (the other files are
 * still checked).
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DEFAULT_SETTINGS,
  PAYLOAD_KINDS,
  checkDocument,
  isRuleCode,
  normalizeSettings,
  parseDocument,
  type ModelUse,
  type Problem,
  type Settings,
} from './service/index';
import { CatalogRegistry } from './catalogs';
import { describeSummary, summarizeModels, type ModelSummary } from './service/sdm/summary';
import type { Edition } from './service/mims';
import type { ContextStore } from './service/ngsi-ld/jsonld-context';
import { fileFacts, type ReportFile } from './service/report/facts';
import { renderReportHtml } from './service/report/html';
import { renderReportMarkdown } from './service/report/markdown';
import { buildReport } from './service/report/model';
import { VERSION } from './service/version';
import { defaultCacheDir, resolveSettingPath } from './node/paths';
import { createNodeRuntime } from './node/runtime';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const USAGE = `Usage: mim-check [options] PATH...

Checks NGSI-LD payloads and Smart Data Models files against the MIM rules.
Folders are walked for .json and .jsonld files (node_modules and hidden folders such as .git and .vscode are skipped).

Options:
  --format text|json      output format (default: text)
  --summary               print only the summary: one line per data model found (its schema.json and examples)
  --report md|html        print a compliance report per MIM instead (Markdown, or one self-contained HTML page)
  --output FILE           write the report to FILE; the usual output is printed as well
  --edition new-format|2022
                          name the MIM requirements by this edition in the report (default: new-format)
  --max-file-size MB      files larger than this are not checked (default: 10)
  --sdm-root DIR          a local checkout of Smart Data Models repositories
  --data-models DIR       a folder of data models of your own (a folder with schema.json per model; repeatable)
  --download              download data models and @contexts missing locally (Smart Data Models and ETSI sites; cached)
  --context URL=FILE      read the @context at URL from a local file (repeatable)
  --sdm-base-url URL      where that site is (default: https://smart-data-models.github.io/)
  --cache-dir DIR         where downloads are cached (default: $MIM_CACHE_DIR or ~/.cache/mim-aware)
  --rule CODE=SEVERITY    set a rule to error, warning, information, hint or off (repeatable)
  --kind GLOB=KIND        treat matching files as this payload kind (repeatable), e.g. --kind "**/patch/*.json=entity-update"
  -h, --help              show this help
  --version               show the version

Exit status: 0 no errors, 1 errors found, 2 usage or read error.`;

interface Options {
  format: 'text' | 'json';
  summary: boolean;
  report?: 'md' | 'html';
  output?: string;
  edition: Edition;
  settings: Settings;
  paths: string[];
  cacheDir: string;
}

class UsageError extends Error {}

function parseArgs(args: string[]): Options | 'help' | 'version' {
  let format: 'text' | 'json' = 'text';
  let summary = false;
  let report: 'md' | 'html' | undefined;
  let output: string | undefined;
  let edition: Edition = 'new-format';
  let maxFileSize: number | undefined;
  const rules: Record<string, string> = {};
  const payloadKinds: Record<string, string> = {};
  let sdmRoot: string | undefined;
  let download = false;
  let sdmBaseUrl: string | undefined;
  let cacheDir = defaultCacheDir();
  const dataModelFolders: string[] = [];
  const contextMap: Record<string, string> = {};
  const paths: string[] = [];
  const value = (i: number, flag: string): string => {
    const v = args[i];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value.`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    let arg = args[i]!;
    let inline: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = (flag: string) => inline ?? value(++i, flag);
    switch (arg) {
      case '-h':
      case '--help':
        return 'help';
      case '--version':
        return 'version';
      case '--format': {
        const f = next('--format');
        if (f !== 'text' && f !== 'json') throw new UsageError(`--format is text or json, not "${f}".`);
        format = f;
        break;
      }
      case '--summary':
        summary = true;
        break;
      case '--report': {
        const r = next('--report');
        if (r !== 'md' && r !== 'html') throw new UsageError(`--report is md or html, not "${r}".`);
        report = r;
        break;
      }
      case '--output':
        output = next('--output');
        break;
      case '--edition': {
        const e = next('--edition');
        if (e !== 'new-format' && e !== '2022') throw new UsageError(`--edition is new-format or 2022, not "${e}".`);
        edition = e;
        break;
      }
      case '--max-file-size': {
        const mb = Number(next('--max-file-size'));
        if (!Number.isFinite(mb) || mb <= 0) throw new UsageError('--max-file-size takes a positive number of megabytes.');
        maxFileSize = mb;
        break;
      }
      case '--sdm-root':
        sdmRoot = next('--sdm-root');
        break;
      case '--data-models':
        dataModelFolders.push(next('--data-models'));
        break;
      case '--download':
        download = true;
        break;
      case '--sdm-base-url': {
        const url = next('--sdm-base-url');
        if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`--sdm-base-url takes an http(s) URL, not "${url}".`);
        sdmBaseUrl = url;
        break;
      }
      case '--context': {
        const spec = next('--context');
        const at = spec.lastIndexOf('=');
        if (at <= 0 || !/^https?:\/\//.test(spec)) throw new UsageError(`--context takes URL=FILE, not "${spec}".`);
        contextMap[spec.slice(0, at)] = spec.slice(at + 1);
        break;
      }
      case '--cache-dir':
        cacheDir = next('--cache-dir');
        break;
      case '--rule': {
        const spec = next('--rule');
        const at = spec.lastIndexOf('=');
        const code = spec.slice(0, at);
        const severity = spec.slice(at + 1);
        if (at <= 0 || !isRuleCode(code)) throw new UsageError(`--rule takes CODE=SEVERITY with a known rule code; "${spec}" is not one (see docs/rules.md).`);
        if (!['error', 'warning', 'information', 'hint', 'off'].includes(severity)) {
          throw new UsageError(`--rule ${code}: the severity is error, warning, information, hint or off, not "${severity}".`);
        }
        rules[code] = severity;
        break;
      }
      case '--kind': {
        const spec = next('--kind');
        const at = spec.lastIndexOf('=');
        const kind = spec.slice(at + 1);
        if (at <= 0 || !(PAYLOAD_KINDS as readonly string[]).includes(kind)) {
          throw new UsageError(`--kind takes GLOB=KIND with KIND one of ${PAYLOAD_KINDS.join(', ')}; "${spec}" is not.`);
        }
        payloadKinds[spec.slice(0, at)] = kind;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option ${arg}.`);
        paths.push(arg);
    }
  }
  if (paths.length === 0) throw new UsageError('No PATH given: name the files or folders to check.');
  if (output !== undefined && !report) throw new UsageError('--output names the file for --report md|html; give --report too.');
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    ...normalizeSettings({ rules, payloadKinds, sdm: { root: sdmRoot, baseUrl: sdmBaseUrl }, download: { enable: download }, contexts: { map: contextMap }, dataModels: { folders: dataModelFolders }, ...(maxFileSize !== undefined ? { maxFileSize } : {}) }),
  };
  return { format, summary, settings, paths, cacheDir, edition, ...(report ? { report } : {}), ...(output !== undefined ? { output } : {}) };
}

/** Files to check under each path, in a stable order; unreadable paths are reported and skipped. */
function collectFiles(paths: string[], cwd: string, onError: (message: string) => void): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (error) {
      onError(`cannot read the folder ${dir}: ${reason(error)}`);
      return;
    }
    for (const name of entries) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = resolve(dir, name);
      let stat;
      try {
        stat = statSync(full);
      } catch (error) {
        onError(`cannot read ${full}: ${reason(error)}`);
        continue;
      }
      if (stat.isDirectory()) walk(full);
      else if (/\.json(ld)?$/i.test(name)) files.push(full);
    }
  };
  for (const p of paths) {
    const full = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(full);
    } catch (error) {
      onError(`cannot read ${p}: ${reason(error)}`);
      continue;
    }
    if (stat.isDirectory()) walk(full);
    else files.push(full);
  }
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Relative to the working folder when the file is inside it, absolute otherwise. */
function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

export async function runCli(args: string[], io: CliIo): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mim-check: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (options === 'version') {
    io.stdout(`mim-check ${VERSION}\n`);
    return 0;
  }
  let readError = false;
  const onError = (message: string) => {
    readError = true;
    io.stderr(`mim-check: ${message}\n`);
  };
  const files = collectFiles(options.paths, io.cwd, onError);
  // The folders named on the command line are the workspace: their own data models count.
  const folders = options.paths.map((p) => resolve(io.cwd, p)).filter((p) => isDirectory(p));
  const catalog = new CatalogRegistry(createNodeRuntime({ network: options.settings.download, cacheDir: options.cacheDir }), () => undefined).catalogFor(
    options.settings,
    {
      workspaceFolders: folders.map((f) => pathToFileURL(f).toString()),
      networkAllowed: true,
      resolvePath: (path) => resolveSettingPath(path, pathToFileURL(io.cwd).toString()),
    },
  );
  const results: { path: string; kind: string; problems: Problem[]; models: ModelUse[] }[] = [];
  const facts: ReportFile[] = [];
  const docs: { file: string; doc: ReturnType<typeof parseDocument> }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      onError(`cannot read ${displayPath(io.cwd, file)}: ${reason(error)}`);
      continue;
    }
    const doc = parseDocument(pathToFileURL(file).toString(), 1, text, undefined, options.settings);
    // A first pass asks for the data models; they are loaded before the real check.
    checkDocument(doc, options.settings, { models: catalog, contexts: catalog.contexts, files: catalog.files, syntaxErrors: 'always' });
    docs.push({ file, doc });
  }
  await catalog.settle();
  for (const { file, doc } of docs) {
    const result = checkDocument(doc, options.settings, { models: catalog, contexts: catalog.contexts, files: catalog.files, syntaxErrors: 'always' });
    results.push({ path: displayPath(io.cwd, file), kind: result.detection.kind, problems: result.problems, models: result.models });
    if (options.report) facts.push(fileFacts(doc, result, displayPath(io.cwd, file)));
  }
  const errors = results.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
  const models = summarizeModels(results.map((r) => ({ file: r.path, problems: r.problems })));
  if (options.report) {
    const text = complianceReport(options, facts, io, catalog.contexts);
    if (options.output === undefined) {
      // The report replaces the usual output; the exit status is the same.
      io.stdout(text);
      if (readError) return 2;
      return errors > 0 ? 1 : 0;
    }
    try {
      writeFileSync(resolve(io.cwd, options.output), text);
    } catch (error) {
      onError(`cannot write the report to ${options.output}: ${reason(error)}`);
    }
  }
  if (options.format === 'json') {
    io.stdout(
      JSON.stringify(
        {
          ...(options.summary
            ? {}
            : {
                files: results.map((r) => ({
                  path: r.path,
                  kind: r.kind,
                  ...(r.models.length > 0 ? { models: r.models } : {}),
                  problems: r.problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message, range: p.range })),
                })),
              }),
          ...(models.length > 0 || options.summary
            ? { dataModels: models.map((m) => ({ model: m.model, folder: m.folder, status: m.status, files: m.files, errors: m.errors, warnings: m.warnings, information: m.information, hints: m.hints, rules: m.rules })) }
            : {}),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.stdout(formatText(results, models, options.summary));
  }
  if (readError) return 2;
  return errors > 0 ? 1 : 0;
}

/** The compliance report of the files checked, in Markdown or HTML, with links relative to where it is written. */
function complianceReport(options: Options, facts: ReportFile[], io: CliIo, contexts: Pick<ContextStore, 'describe'>): string {
  const base = options.output !== undefined ? dirname(resolve(io.cwd, options.output)) : io.cwd;
  const link = (place: { path: string; uri: string; line: number }) => {
    if (!place.uri.startsWith('file:')) return undefined;
    const rel = relative(base, fileURLToPath(place.uri)).split(sep).map(encodeURIComponent).join('/');
    return `${rel}#L${place.line}`;
  };
  const report = buildReport(facts, {
    tool: { name: 'mim-check', version: VERSION },
    generatedAt: new Date().toISOString(),
    roots: options.paths,
    edition: options.edition,
    contextStatus: (url) => contexts.describe(url),
    ruleSettings: options.settings.rules,
  });
  return options.report === 'html' ? renderReportHtml(report, { link }) : renderReportMarkdown(report, { link });
}

function formatText(results: { path: string; problems: Problem[] }[], models: ModelSummary[], summaryOnly: boolean): string {
  const lines: string[] = [];
  const count = { error: 0, warning: 0, information: 0, hint: 0 };
  let filesWithProblems = 0;
  for (const r of results) {
    if (r.problems.length > 0) filesWithProblems++;
    for (const p of r.problems) {
      count[p.severity]++;
      if (!summaryOnly) lines.push(`${r.path}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity} ${p.code}: ${p.message}`);
    }
  }
  if (models.length > 0) {
    // One line per data model: what a maintainer of a subject repository looks at first.
    const passed = models.filter((m) => m.status === 'passed').length;
    const withErrors = models.filter((m) => m.status === 'errors').length;
    if (lines.length > 0) lines.push('');
    lines.push(`${models.length} data model${models.length === 1 ? '' : 's'}: ${passed} passed, ${models.length - passed - withErrors} with warnings only, ${withErrors} with errors.`);
    const width = Math.min(60, Math.max(...models.map((m) => m.folder.length)));
    for (const m of models) lines.push(`  ${m.folder.padEnd(width)}  ${describeSummary(m)}`);
    lines.push('');
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(results.length, 'file')} checked: ${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ` +
      `${count.information} information, ${plural(count.hint, 'hint')}` +
      (filesWithProblems > 0 ? ` in ${plural(filesWithProblems, 'file')}.` : '.'),
  );
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`mim-check: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
