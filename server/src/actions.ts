/**
 * Code actions and the requests behind the fix and conversion commands, as LSP shapes. The engine decides
 * what to change (fixes as data, conversions); this file turns it into workspace edits for one document
 * version, with snippet edits for clients that take them.
 */
import type { CodeAction, Diagnostic, Range, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver';
import {
  fixAll,
  formatJson,
  layoutOf,
  quickFixes,
  type CheckResult,
  type Detection,
  type JsonDocument,
  type Problem,
  type QuickFix,
  type TextEdit,
} from './service/index';
import { convertEntity, modelFor, type Loss, type ModelOf, type Representation } from './service/convert';
import { isObject, type JsonObject, type JsonPath } from './service/json/values';
import { representationOf } from './service/ngsi-ld/entity';
import { ENTITY_RESERVED_MEMBERS } from './service/ngsi-ld/constants';

export const FIX_ALL_KIND = 'source.fixAll.mim';

export interface EditTarget {
  uri: string;
  version: number;
  /** The client applies snippet edits (LSP 3.18 SnippetTextEdit). */
  snippets: boolean;
}

function toLspEdits(doc: JsonDocument, edits: readonly TextEdit[], snippets: boolean): LspTextEdit[] {
  return edits.map((e) => {
    const range = doc.rangeOf({ start: e.start, end: e.end });
    if (snippets && e.snippet !== undefined) return { range, snippet: { kind: 'snippet', value: e.snippet } } as unknown as LspTextEdit;
    return { range, newText: e.newText };
  });
}

export function workspaceEdit(doc: JsonDocument, edits: readonly TextEdit[], target: EditTarget): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: target.uri, version: target.version }, edits: toLspEdits(doc, edits, target.snippets) }] };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Quick fixes for the problems under `range`, one action per fix, with the diagnostics they repair. */
export function quickFixActions(doc: JsonDocument, result: CheckResult, range: Range, diagnostics: readonly Diagnostic[], target: EditTarget, check: (d: JsonDocument) => CheckResult): CodeAction[] {
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const fixes = quickFixes(doc, result.problems, start, end);
  const actions: CodeAction[] = [];
  const diagnosticsOf = (p: Problem) => diagnostics.filter((d) => d.code === p.code && sameRange(d.range, p.range));
  for (const fix of fixes) {
    const action: CodeAction = { title: fix.title, kind: 'quickfix', edit: workspaceEdit(doc, fix.edits, target) };
    const matched = diagnosticsOf(fix.problem);
    if (matched.length) action.diagnostics = matched;
    if (fix.preferred) action.isPreferred = true;
    actions.push(action);
  }
  actions.push(...groupedActions(doc, result, fixes, target, check));
  return actions;
}

/** "Add every missing required attribute" and "Fix all <code> problems in the file", where they add something. */
function groupedActions(doc: JsonDocument, result: CheckResult, here: QuickFix[], target: EditTarget, check: (d: JsonDocument) => CheckResult): CodeAction[] {
  const out: CodeAction[] = [];
  // All required attributes of the entity under the cursor, in one go.
  const required = here.find((f) => f.code === 'sdm/required');
  if (required) {
    const entityPath = JSON.stringify(required.problem.path);
    const all = quickFixes(doc, result.problems, 0, doc.text.length, new Set(['sdm/required'])).filter((f) => JSON.stringify(f.problem.path) === entityPath);
    if (all.length > 1) {
      const merged = mergeAdditions(all);
      if (merged) out.push({ title: `Add the ${all.length} attributes the data model requires`, kind: 'quickfix', edit: workspaceEdit(doc, merged, target) });
    }
  }
  // Every safe fix of the same rule in the file.
  for (const code of new Set(here.filter((f) => f.safe).map((f) => f.code))) {
    const count = result.problems.filter((p) => p.code === code && p.fixes?.some((f) => f.safe)).length;
    if (count < 2) continue;
    let first = true;
    // The first round reuses the check already made; later rounds check the fixed text.
    const fixed = fixAll(doc, (d) => (first ? ((first = false), result) : check(d)), new Set([code]));
    if (fixed.edit) out.push({ title: `Fix all ${count} ${code} problems in this file`, kind: 'quickfix', edit: workspaceEdit(doc, [fixed.edit], target) });
  }
  return out;
}

/** Several members added to the same object: one insertion with all of them. */
function mergeAdditions(fixes: QuickFix[]): TextEdit[] | undefined {
  const first = fixes[0]!.edits;
  if (fixes.some((f) => f.edits.length !== 1 || f.edits[0]!.start !== first[0]!.start || f.edits[0]!.end !== first[0]!.end)) return undefined;
  const e = first[0]!;
  if (e.end !== e.start) return undefined; // An empty object is rewritten, not appended to.
  let stop = 0;
  const renumber = (snippet: string) => snippet.replace(/\$(\{)?(\d+)/g, (_, brace: string | undefined, n: string) => `$${brace ?? ''}${Number(n) + stop}`);
  const snippets: string[] = [];
  for (const f of fixes) {
    const s = f.edits[0]!.snippet ?? f.edits[0]!.newText;
    snippets.push(renumber(s));
    stop += Math.max(0, ...[...s.matchAll(/\$\{?(\d+)/g)].map((m) => Number(m[1])));
  }
  return [{ start: e.start, end: e.end, newText: fixes.map((f) => f.edits[0]!.newText).join(''), snippet: snippets.join('') }];
}

/** The fix-all action: every safe fix, applied round after round, as one edit. */
export function fixAllEdit(doc: JsonDocument, check: (d: JsonDocument) => CheckResult): { edit?: TextEdit; applied: number; remaining: Problem[] } {
  const fixed = fixAll(doc, check);
  return { edit: fixed.edit, applied: fixed.applied.length, remaining: fixed.remaining };
}

export interface ConversionResult {
  edits: TextEdit[];
  losses: { path: JsonPath; message: string }[];
  /** How many entities were converted. */
  converted: number;
  /** Why nothing was converted. */
  reason?: string;
}

/**
 * Converts the entities of a payload that `[start, end]` touches (all of them when the span is empty and
 * `whole` is set): within one entity, a selection of some of its attributes converts those only.
 */
export function convertDocument(doc: JsonDocument, detection: Detection, to: Representation, modelOf: ModelOf, span: { start: number; end: number } | undefined): ConversionResult {
  const kind = detection.kind;
  const root = doc.root;
  if (!doc.exact) return { edits: [], losses: [], converted: 0, reason: 'the file is not valid JSON yet' };
  const entities: { path: JsonPath; entity: JsonObject }[] = [];
  if ((kind === 'batch' || kind === 'temporal') && Array.isArray(root)) root.forEach((e, i) => isObject(e) && entities.push({ path: [i], entity: e }));
  else if (kind === 'notification' && isObject(root) && Array.isArray(root.data)) root.data.forEach((e, i) => isObject(e) && entities.push({ path: ['data', i], entity: e }));
  else if ((kind === 'entity' || kind === 'entity-update') && isObject(root)) entities.push({ path: [], entity: root });
  if (kind === 'temporal') return { edits: [], losses: [], converted: 0, reason: 'temporal payloads have representations of their own; only entities, batches and notifications are converted' };
  if (entities.length === 0) return { edits: [], losses: [], converted: 0, reason: 'the file holds no NGSI-LD entity (conversions apply to entities, batches and notifications)' };
  const layout = layoutOf(doc.text);
  const edits: TextEdit[] = [];
  const losses: Loss[] = [];
  let converted = 0;
  for (const { path, entity } of entities) {
    const located = doc.locate(path);
    if (!located) continue;
    const node = located.value;
    let only: Set<string> | undefined;
    if (span) {
      if (span.end < node.start || span.start > node.end) continue;
      // A selection inside the entity: the attributes it touches.
      if (span.start > node.start || span.end < node.end) {
        const touched = doc.memberKeys(path).filter(({ key }) => {
          const member = doc.locate([...path, key]);
          return member && !(span.end < member.key!.start || span.start > member.value.end);
        });
        // Only id, type or @context under the selection: the whole entity.
        const attributes = touched.filter((t) => !ENTITY_RESERVED_MEMBERS.has(t.key));
        if (attributes.length > 0 && span.start !== span.end) only = new Set(attributes.map((t) => t.key));
      }
    }
    const from = representationOf(entity).rep as Representation;
    const conversion = convertEntity(entity, to, modelFor(entity, modelOf), path, only, from);
    losses.push(...conversion.losses);
    const multiline = doc.text.slice(node.start, node.end).includes('\n');
    const lineStart = doc.text.lastIndexOf('\n', node.start - 1) + 1;
    const indent = /^[ \t]*/.exec(doc.text.slice(lineStart, node.start))![0];
    const text = formatJson(conversion.value, layout, multiline, indent);
    if (text !== doc.text.slice(node.start, node.end)) edits.push({ start: node.start, end: node.end, newText: text });
    converted++;
  }
  return { edits, losses, converted };
}

/** Conversion actions for the entity under the cursor (refactor.rewrite). */
export function conversionActions(doc: JsonDocument, detection: Detection, offset: number, modelOf: ModelOf, target: EditTarget): CodeAction[] {
  const out: CodeAction[] = [];
  if (!doc.exact || !['entity', 'entity-update', 'batch', 'notification'].includes(detection.kind)) return out;
  for (const to of ['normalized', 'concise', 'simplified'] as const) {
    const converted = convertDocument(doc, detection, to, modelOf, { start: offset, end: offset });
    if (converted.edits.length === 0) continue;
    const n = converted.losses.length;
    const lost = n ? ` (${n} attribute${n > 1 ? 's lose' : ' loses'} information)` : '';
    out.push({ title: `Convert this entity to ${to}${lost}`, kind: 'refactor.rewrite.mim', edit: workspaceEdit(doc, converted.edits, { ...target, snippets: false }) });
  }
  return out;
}

/** Where a loss is, for the message shown to the user. */
export function lossRange(doc: JsonDocument, path: JsonPath): Range | undefined {
  const located = doc.locate(path);
  return located ? doc.rangeOf(located.key ?? located.value) : undefined;
}

