/**
 * The state of data models at a glance: the problems of each model's files (its schema.json and its examples)
 * summed up per model and per rule, for the command line and the "Check this data model" command.
 */
import type { Problem, Severity } from '../problem';
import { baseName, parentUri } from '../runtime';

export interface ModelSummary {
  /** The model's name (its folder's). */
  model: string;
  /** The model folder (a file URI, or a path: whatever the files were named with). */
  folder: string;
  files: number;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Problems per rule code. */
  rules: Record<string, number>;
  /** Problems per severity and rule code. */
  bySeverity: Record<Severity, Record<string, number>>;
  status: 'passed' | 'warnings' | 'errors';
}

const isModelFolder = (folder: string) => /^\p{Lu}/u.test(decodeURIComponent(baseName(folder)));

/** The model folder a file belongs to: `<Model>/schema.json` or `<Model>/examples/<file>`; undefined for others. */
export function modelFolderOf(file: string): string | undefined {
  const clean = file.replace(/[?#].*$/, '').replace(/\\/g, '/');
  const dir = parentUri(clean);
  if (baseName(clean) === 'schema.json' && isModelFolder(dir)) return dir;
  if (baseName(dir) === 'examples' && isModelFolder(parentUri(dir)) && /\.json(ld)?$/.test(clean)) return parentUri(dir);
  return undefined;
}

/** One summary per model folder among the files, in the order of their folders. */
export function summarizeModels(results: readonly { file: string; problems: readonly Problem[] }[]): ModelSummary[] {
  const byFolder = new Map<string, ModelSummary>();
  for (const { file, problems } of results) {
    const folder = modelFolderOf(file);
    if (!folder) continue;
    let summary = byFolder.get(folder);
    if (!summary) {
      summary = { model: decodeURIComponent(baseName(folder)), folder, files: 0, errors: 0, warnings: 0, information: 0, hints: 0, rules: {}, bySeverity: { error: {}, warning: {}, information: {}, hint: {} }, status: 'passed' };
      byFolder.set(folder, summary);
    }
    summary.files++;
    for (const p of problems) {
      if (p.severity === 'error') summary.errors++;
      else if (p.severity === 'warning') summary.warnings++;
      else if (p.severity === 'information') summary.information++;
      else summary.hints++;
      summary.rules[p.code] = (summary.rules[p.code] ?? 0) + 1;
      const counts = summary.bySeverity[p.severity];
      counts[p.code] = (counts[p.code] ?? 0) + 1;
    }
  }
  const out = [...byFolder.values()].sort((a, b) => a.folder.localeCompare(b.folder));
  for (const s of out) s.status = s.errors > 0 ? 'errors' : s.warnings > 0 ? 'warnings' : 'passed';
  return out;
}

/** "2 errors (sdm/format 2), 3 warnings (sdm-example/twin 3)", or "passed". */
export function describeSummary(summary: ModelSummary): string {
  const plural = (n: number, word: string) => (word === 'information' ? `${n} information` : `${n} ${word}${n === 1 ? '' : 's'}`);
  const parts = (['error', 'warning', 'information', 'hint'] as const).flatMap((severity) => {
    const counts = Object.entries(summary.bySeverity[severity]).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const n = counts.reduce((sum, [, c]) => sum + c, 0);
    return n === 0 ? [] : [`${plural(n, severity)} (${counts.map(([code, c]) => `${code} ${c}`).join(', ')})`];
  });
  return parts.length ? parts.join(', ') : 'passed';
}
