/**
 * Quick fixes and fix-all. A quick fix is the edits of one fix of one problem. Fix-all applies every safe fix,
 * checks the result again and goes on while safe fixes remain (one repair can reveal the next, and fixes on
 * nested nodes cannot be applied in the same round), then returns one edit from the old text to the new.
 */
import type { CheckResult } from './index';
import { applyEdits, disjointEdits, editsForFix, layoutOf, minimalEdit, type TextEdit } from './edits';
import { JsonDocument } from './json/document';
import type { Fix, Problem } from './problem';

export interface QuickFix {
  title: string;
  /** The code of the problem it repairs. */
  code: string;
  problem: Problem;
  fix: Fix;
  edits: TextEdit[];
  /** Safe: it can be applied without a person looking (fix-all applies it). */
  safe: boolean;
  /** The one fix of the problem, or the first and the one to prefer. */
  preferred: boolean;
}

/** The quick fixes of the problems whose range touches [start, end]. */
export function quickFixes(doc: JsonDocument, problems: readonly Problem[], start: number, end: number, codes?: ReadonlySet<string>): QuickFix[] {
  const layout = layoutOf(doc.text);
  const out: QuickFix[] = [];
  for (const problem of problems) {
    if (!problem.fixes?.length) continue;
    if (codes && !codes.has(problem.code)) continue;
    if (problem.offsets.end < start || problem.offsets.start > end) continue;
    problem.fixes.forEach((fix, i) => {
      const edits = editsForFix(doc, fix, layout);
      if (!edits) return;
      out.push({ title: fix.title, code: problem.code, problem, fix, edits, safe: fix.safe === true, preferred: i === 0 && fix.safe === true });
    });
  }
  return out;
}

export interface FixAllResult {
  /** The text with every safe fix applied. */
  text: string;
  /** One edit from the old text to the new, or undefined when nothing changed. */
  edit: TextEdit | undefined;
  /** Titles of the fixes applied, with their problem codes. */
  applied: { code: string; title: string }[];
  /** What the last check still reports. */
  remaining: Problem[];
}

const MAX_ROUNDS = 8;

export type Checker = (doc: JsonDocument) => CheckResult;

/** Applies every safe fix, round after round, until none is left (or the rounds run out). */
export function fixAll(doc: JsonDocument, check: Checker, codes?: ReadonlySet<string>): FixAllResult {
  let current = doc;
  let result = check(current);
  const applied: { code: string; title: string }[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const layout = layoutOf(current.text);
    const groups: { edits: TextEdit[]; code: string; title: string }[] = [];
    for (const problem of result.problems) {
      if (codes && !codes.has(problem.code)) continue;
      const fix = problem.fixes?.find((f) => f.safe === true);
      if (!fix) continue;
      const edits = editsForFix(current, fix, layout);
      if (edits?.length) groups.push({ edits, code: problem.code, title: fix.title });
    }
    if (groups.length === 0) break;
    const kept = disjointEdits(groups.map((g) => g.edits));
    const keptSet = new Set(kept);
    for (const g of groups) if (g.edits.every((e) => keptSet.has(e))) applied.push({ code: g.code, title: g.title });
    const text = applyEdits(current.text, kept);
    if (text === current.text) break;
    current = new JsonDocument(current.uri, current.version, text, current.languageId);
    result = check(current);
  }
  return { text: current.text, edit: minimalEdit(doc.text, current.text), applied, remaining: result.problems };
}
