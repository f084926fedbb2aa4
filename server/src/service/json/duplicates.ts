/**
 * Member names that appear twice in one object. JSON.parse (and every broker) keeps the last value, so the
 * first is silently lost; the parsed value cannot show it, so the text is scanned once, without recursion.
 */
import type { Span } from './document';
import { runSteps, type Steps } from '../steps';
import { stringEnd } from './scanner';

export interface DuplicateKey {
  /** The member name, decoded. */
  name: string;
  /** The earlier occurrence (its value is lost). */
  first: Span;
  /** The occurrence that wins. */
  last: Span;
}

const QUOTE = 0x22;
const COLON = 0x3a;

/** One open object or array; frames are reused, since a large batch opens hundreds of thousands. */
interface Frame {
  object: boolean;
  /** Names seen in this object and where (small objects: a list searched linearly). */
  names: string[];
  spans: Span[];
  set: Map<string, Span> | undefined;
}

/** At most this many duplicates are reported per document. */
const MAX_REPORTED = 100;
const LINEAR_LIMIT = 24;

/** The duplicate member names of valid JSON text, in document order. */
export function findDuplicateKeys(text: string, from = 0, to = text.length): DuplicateKey[] {
  return runSteps(scanDuplicateKeys(text, from, to));
}

/**
 * The duplicate member names of valid JSON text whose parsed value is `root`. Most documents have none, and
 * that is known without the scan: every colon outside a string stands after one member name, so the colons of
 * the text number the members written plus the colons inside strings; the parsed value has one member fewer
 * for each name written twice, and loses the strings of the value it dropped. When the two counts agree there
 * is no duplicate. A colon written as an escape (\u003a) is a colon in the parsed value only: such a text is
 * scanned.
 */
export function* duplicateKeysOf(text: string, root: unknown): Steps<DuplicateKey[]> {
  if (!/\\u003a/i.test(text)) {
    const written = colonsIn(text);
    const parsed = yield* parsedColons(root);
    if (written === parsed) return [];
  }
  return yield* scanDuplicateKeys(text);
}

function colonsIn(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/** Objects and arrays visited between two pauses. */
const VALUES_PER_STEP = 16 * 1024;

/** The members of every object of `root` plus the colons in its member names and strings. */
function* parsedColons(root: unknown): Steps<number> {
  if (typeof root === 'string') return colonsIn(root);
  let n = 0;
  let visited = 0;
  const stack: object[] = typeof root === 'object' && root !== null ? [root] : [];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (++visited % VALUES_PER_STEP === 0) yield;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string') {
          if (item.indexOf(':') >= 0) n += colonsIn(item);
        } else if (typeof item === 'object' && item !== null) stack.push(item);
      }
    } else {
      // JSON.parse makes plain objects without inherited enumerable members: for-in lists the own names.
      for (const key in v) {
        n++;
        if (key.indexOf(':') >= 0) n += colonsIn(key);
        const item = (v as Record<string, unknown>)[key];
        if (typeof item === 'string') {
          if (item.indexOf(':') >= 0) n += colonsIn(item);
        } else if (typeof item === 'object' && item !== null) stack.push(item);
      }
    }
  }
  return n;
}

/** Characters scanned between two pauses of a long check. */
const CHARS_PER_STEP = 256 * 1024;

/** The same scan, over [from, to) (one value), pausing now and then (see Steps). */
export function* scanDuplicateKeys(text: string, from = 0, to = text.length): Steps<DuplicateKey[]> {
  const out: DuplicateKey[] = [];
  const frames: Frame[] = [];
  let depth = 0;
  const open = (object: boolean) => {
    let frame = frames[depth];
    if (!frame) frames[depth] = frame = { object, names: [], spans: [], set: undefined };
    frame.object = object;
    frame.names.length = 0;
    frame.spans.length = 0;
    frame.set = undefined;
    depth++;
  };
  let i = from;
  const n = to;
  let pause = i + CHARS_PER_STEP;
  while (i < n && out.length < MAX_REPORTED) {
    if (i >= pause) {
      yield;
      pause = i + CHARS_PER_STEP;
    }
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const frame = depth > 0 ? frames[depth - 1]! : undefined;
      if (frame?.object) {
        // A string directly in an object is a member name when a colon follows it.
        let j = end;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) === COLON) {
          const raw = text.slice(i + 1, end - 1);
          const name = raw.indexOf('\\') < 0 ? raw : decode(text.slice(i, end));
          const span = { start: i, end };
          let seen: Span | undefined;
          if (frame.set) {
            seen = frame.set.get(name);
            if (!seen) frame.set.set(name, span);
          } else {
            const at = frame.names.indexOf(name);
            if (at >= 0) seen = frame.spans[at];
            else if (frame.names.length < LINEAR_LIMIT) {
              frame.names.push(name);
              frame.spans.push(span);
            } else {
              frame.set = new Map(frame.names.map((k, x) => [k, frame.spans[x]!]));
              frame.set.set(name, span);
            }
          }
          if (seen) out.push({ name, first: seen, last: span });
        }
      }
      i = end;
      continue;
    }
    if (c === 0x7b /* { */) open(true);
    else if (c === 0x5b /* [ */) open(false);
    else if ((c === 0x7d /* } */ || c === 0x5d) /* ] */ && depth > 0) depth--;
    i++;
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function decode(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
