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
export function covered(text: string, p: Problem): string {
  return text.slice(p.offsets.start, p.offsets.end);
}
