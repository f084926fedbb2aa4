/**
 * Turns the fixes problems carry (data: rename this key, set this value, remove this member, add that
 * member) into text edits on the document they were found in. Nothing is parsed again: the document's
 * index locates each node, and the edits keep the file's own layout (one line or indented, its indent unit,
 * its line ends, commas where JSON needs them).
 */
import type { JsonDocument, Span } from './json/document';
import { isObject } from './json/values';
import type { Fix } from './problem';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /** The same edit in snippet syntax, with placeholders, when the fix offers one. */
  snippet?: string;
}

export interface Layout {
  /** One level of indentation: two spaces, four, a tab... */
  indent: string;
  eol: '\n' | '\r\n';
}

/** The indent unit and line end the document uses. */
export function layoutOf(text: string): Layout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sample = text.slice(0, 64 * 1024);
  let indent = '  ';
  const match = /\n([ \t]+)["{[\]}]/.exec(sample);
  if (match) indent = match[1]!.startsWith('\t') ? '\t' : match[1]!.length >= 4 && match[1]!.length % 4 === 0 ? '    ' : match[1]!.length === 1 ? ' ' : '  ';
  return { indent, eol };
}

/**
 * JSON text of a value. On one line, the way people write payloads by hand (`{"type": "Property", "value": 1}`);
 * multi-line with `base` as the indentation of the line it starts on. Arrays of scalars (coordinates) always stay
 * on one line.
 */
export function formatJson(value: unknown, layout: Layout, multiline: boolean, base = ''): string {
  const scalarArray = (v: unknown[]) => v.every((x) => !isObject(x) && !Array.isArray(x));
  const inline = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
    if (isObject(v)) {
      const entries = Object.entries(v);
      return entries.length === 0 ? '{}' : `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')}}`;
    }
    return JSON.stringify(v) ?? 'null';
  };
  if (!multiline) return inline(value);
  const block = (v: unknown, indent: string): string => {
    const inner = indent + layout.indent;
    if (Array.isArray(v)) {
      if (v.length === 0 || scalarArray(v)) return inline(v);
      return `[${layout.eol}${v.map((x) => inner + block(x, inner)).join(`,${layout.eol}`)}${layout.eol}${indent}]`;
    }
    if (isObject(v)) {
      const entries = Object.entries(v);
      if (entries.length === 0) return '{}';
      return `{${layout.eol}${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${block(x, inner)}`).join(`,${layout.eol}`)}${layout.eol}${indent}}`;
    }
    return JSON.stringify(v) ?? 'null';
  };
  return block(value, base);
}

/** Text inserted as it is, in snippet syntax. */
export function snippetLiteral(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The indentation of the line `offset` is on. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** The edits of one fix, or undefined when the document no longer has the node it names. */
export function editsForFix(doc: JsonDocument, fix: Fix, layout: Layout = layoutOf(doc.text)): TextEdit[] | undefined {
  const text = doc.text;
  switch (fix.kind) {
    case 'rename-key': {
      const located = doc.locate(fix.path);
      if (!located?.key) return undefined;
      return [{ start: located.key.start, end: located.key.end, newText: JSON.stringify(fix.to) }];
    }
    case 'set-value': {
      const located = doc.locate(fix.path);
      if (!located) return undefined;
      const { start, end } = located.value;
      const multiline = text.slice(start, end).includes('\n');
      return [{ start, end, newText: formatJson(fix.value, layout, multiline, indentAt(text, start)) }];
    }
    case 'remove': {
      if (fix.path.length === 0) return doc.hasBom ? [{ start: 0, end: 1, newText: '' }] : undefined;
      const located = doc.locate(fix.path);
      if (!located) return undefined;
      const span = removalSpan(text, { start: located.key?.start ?? located.value.start, end: located.value.end });
      return [{ ...span, newText: '' }];
    }
    case 'add-member':
      return addMember(doc, fix, layout);
  }
}

/** The member or item with the comma that separates it from its neighbours (and, alone, the space around it). */
function removalSpan(text: string, node: Span): Span {
  let before = node.start - 1;
  while (before >= 0 && isSpace(text[before])) before--;
  let after = node.end;
  while (after < text.length && isSpace(text[after])) after++;
  if (text[before] === ',') return { start: before, end: node.end };
  if (text[after] === ',') {
    after++;
    while (after < text.length && isSpace(text[after])) after++;
    return { start: node.start, end: after };
  }
  // The only member: leave "{}" or "[]".
  return { start: before + 1, end: after };
}

function addMember(doc: JsonDocument, fix: Extract<Fix, { kind: 'add-member' }>, layout: Layout): TextEdit[] | undefined {
  const text = doc.text;
  const located = doc.locate(fix.path);
  if (!located || text[located.value.start] !== '{') return undefined;
  const open = located.value.start;
  const close = located.value.end - 1;
  const keys = doc.memberKeys(fix.path);
  const key = JSON.stringify(fix.key);
  const piece = (indent: string, multiline: boolean) => {
    const value = formatJson(fix.value, layout, multiline && (isObject(fix.value) || Array.isArray(fix.value)) && JSON.stringify(fix.value).length > 60, indent);
    return { text: `${key}: ${value}`, snippet: `${snippetLiteral(key)}: ${fix.snippet ?? snippetLiteral(value)}` };
  };
  if (keys.length === 0) {
    // An object the user has not closed yet has no place to write into.
    if (close <= open || text[close] !== '}') return undefined;
    // An empty object: on one line, or indented like its parent when it spans lines.
    const inner = text.slice(open + 1, close);
    if (inner.includes('\n')) {
      const base = indentAt(text, open);
      const p = piece(base + layout.indent, true);
      const wrap = (s: string) => `${layout.eol}${base}${layout.indent}${s}${layout.eol}${base}`;
      return [{ start: open + 1, end: close, newText: wrap(p.text), snippet: wrap(p.snippet) }];
    }
    const p = piece('', false);
    return [{ start: open + 1, end: close, newText: p.text, snippet: p.snippet }];
  }
  const first = keys[0]!.keySpan;
  // The space between members, as the object already writes it.
  let gap = text.slice(open + 1, first.start);
  if (keys.length > 1) {
    const lastKey = keys[keys.length - 1]!.keySpan;
    let comma = lastKey.start - 1;
    while (comma > open && text[comma] !== ',') comma--;
    gap = text.slice(comma + 1, lastKey.start);
  }
  if (!/^\s*$/.test(gap)) gap = ' ';
  const multiline = gap.includes('\n');
  const indent = multiline ? gap.slice(gap.lastIndexOf('\n') + 1) : '';
  const p = piece(indent, multiline);
  if (fix.first) {
    const separator = multiline ? `,${gap.includes('\r\n') ? '\r\n' : '\n'}${indent}` : ', ';
    return [{ start: first.start, end: first.start, newText: p.text + separator, snippet: p.snippet + snippetLiteral(separator) }];
  }
  // After the last member's value.
  const last = doc.locate([...fix.path, keys[keys.length - 1]!.key]);
  if (!last) return undefined;
  const separator = multiline ? `,${layout.eol}${indent}` : ', ';
  return [{ start: last.value.end, end: last.value.end, newText: separator + p.text, snippet: snippetLiteral(separator) + p.snippet }];
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Keeps the groups of edits that touch nothing an earlier group touched (in the order given). */
export function disjointEdits(groups: readonly TextEdit[][]): TextEdit[] {
  const kept: TextEdit[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) => (a.start < b.end && b.start < a.end) || a.start === b.start;
  for (const group of groups) {
    if (group.some((e) => kept.some((k) => overlaps(e, k)))) continue;
    kept.push(...group);
  }
  return kept;
}

/** One edit that turns `before` into `after`: the region between their common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isHighSurrogate(before.charCodeAt(before.length - end - 1))) end--;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
