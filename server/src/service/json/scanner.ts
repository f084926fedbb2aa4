/**
 * A lazy locator over text that is known to be valid JSON.
 *
 * JSON.parse gives us the values an order of magnitude faster than a syntax tree, but no positions.
 * Problems are reported on few nodes, so positions are found on demand: we skip over sibling values
 * without decoding them and remember, per container, where each child starts and ends. A batch of
 * thousands of entities is indexed once (one linear pass) and every later lookup into it is a map hit.
 */

export interface Span {
  /** Offset of the first character of the node. */
  start: number;
  /** Offset just after the node. */
  end: number;
}

export interface Located {
  /** The value of the node. */
  value: Span;
  /** The member name (with its quotes) when the node is an object member. */
  key?: Span;
}

interface MemberEntry {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

type ContainerIndex = Map<string, MemberEntry> | MemberEntry[];

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

export class ExactLocator {
  private readonly containers = new Map<number, ContainerIndex>();
  private rootSpan: Span | null | undefined;

  constructor(private readonly text: string) {}

  /** The span of the whole value; found on first use, since a file without problems never needs it. */
  root(): Span | undefined {
    if (this.rootSpan === undefined) {
      const start = this.skipWhitespace(0);
      this.rootSpan = start < this.text.length ? { start, end: this.skipValue(start) } : null;
    }
    return this.rootSpan ?? undefined;
  }

  locate(path: readonly (string | number)[]): Located | undefined {
    const root = this.root();
    if (!root) return undefined;
    let current: Located = { value: root };
    for (const segment of path) {
      const next = this.child(current.value, segment);
      if (!next) return undefined;
      current = next;
    }
    return current;
  }

  /**
   * A locator for `text`, the same document after an edit inside item `edited` of the root array: the root
   * span and the item index are carried over, shifted by `delta` after the edit; everything else is found
   * again on demand. Undefined when this locator has not indexed its root array.
   */
  shifted(text: string, edited: number, editedSpan: Span, delta: number): ExactLocator | undefined {
    const root = this.rootSpan;
    if (!root) return undefined;
    const items = this.containers.get(root.start);
    if (!Array.isArray(items)) return undefined;
    const next = new ExactLocator(text);
    next.rootSpan = { start: root.start, end: root.end + delta };
    next.containers.set(
      root.start,
      items.map((e, i) =>
        i < edited ? e : i === edited ? { keyStart: -1, keyEnd: -1, valueStart: editedSpan.start, valueEnd: editedSpan.end } : { keyStart: -1, keyEnd: -1, valueStart: e.valueStart + delta, valueEnd: e.valueEnd + delta },
      ),
    );
    return next;
  }

  /** The item index of the root array, built on demand (for an incremental update of the document). */
  rootItems(): readonly Span[] | undefined {
    const root = this.root();
    if (!root || this.text.charCodeAt(root.start) !== OPEN_BRACKET) return undefined;
    const index = this.indexOf(root);
    return Array.isArray(index) ? index.map((e) => ({ start: e.valueStart, end: e.valueEnd })) : undefined;
  }

  /** The spans of the items of the array at `span`, in order. */
  itemSpans(span: Span): Span[] {
    const index = this.indexOf(span);
    return Array.isArray(index) ? index.map((e) => ({ start: e.valueStart, end: e.valueEnd })) : [];
  }

  /** The member names of the object at `span`, in document order, with duplicates (for duplicate checks). */
  memberKeys(span: Span): { key: string; keySpan: Span }[] {
    const out: { key: string; keySpan: Span }[] = [];
    const text = this.text;
    if (text.charCodeAt(span.start) !== OPEN_BRACE) return out;
    let j = this.skipWhitespace(span.start + 1);
    while (j < span.end && text.charCodeAt(j) === QUOTE) {
      const keyEnd = this.skipString(j);
      out.push({ key: this.decodeKey(j, keyEnd), keySpan: { start: j, end: keyEnd } });
      j = this.skipWhitespace(keyEnd);
      if (text.charCodeAt(j) !== COLON) break;
      j = this.skipWhitespace(j + 1);
      j = this.skipWhitespace(this.skipValue(j));
      if (text.charCodeAt(j) !== COMMA) break;
      j = this.skipWhitespace(j + 1);
    }
    return out;
  }

  private child(span: Span, segment: string | number): Located | undefined {
    const index = this.indexOf(span);
    if (!index) return undefined;
    let entry: MemberEntry | undefined;
    if (Array.isArray(index)) {
      if (typeof segment !== 'number') return undefined;
      entry = index[segment];
    } else {
      if (typeof segment !== 'string') return undefined;
      entry = index.get(segment);
    }
    if (!entry) return undefined;
    const value = { start: entry.valueStart, end: entry.valueEnd };
    return entry.keyStart >= 0 ? { value, key: { start: entry.keyStart, end: entry.keyEnd } } : { value };
  }

  private indexOf(span: Span): ContainerIndex | undefined {
    const cached = this.containers.get(span.start);
    if (cached) return cached;
    const c = this.text.charCodeAt(span.start);
    let built: ContainerIndex | undefined;
    if (c === OPEN_BRACE) built = this.indexObject(span.start);
    else if (c === OPEN_BRACKET) built = this.indexArray(span.start);
    if (built) this.containers.set(span.start, built);
    return built;
  }

  private indexObject(start: number): Map<string, MemberEntry> {
    const text = this.text;
    const members = new Map<string, MemberEntry>();
    let j = this.skipWhitespace(start + 1);
    while (j < text.length && text.charCodeAt(j) === QUOTE) {
      const keyStart = j;
      const keyEnd = this.skipString(j);
      const key = this.decodeKey(keyStart, keyEnd);
      j = this.skipWhitespace(keyEnd);
      if (text.charCodeAt(j) !== COLON) break;
      const valueStart = this.skipWhitespace(j + 1);
      const valueEnd = this.skipValue(valueStart);
      // JSON.parse keeps the last of duplicate members, so the last one is the node that holds the value.
      members.set(key, { keyStart, keyEnd, valueStart, valueEnd });
      j = this.skipWhitespace(valueEnd);
      if (text.charCodeAt(j) !== COMMA) break;
      j = this.skipWhitespace(j + 1);
    }
    return members;
  }

  private indexArray(start: number): MemberEntry[] {
    const text = this.text;
    const items: MemberEntry[] = [];
    let j = this.skipWhitespace(start + 1);
    if (text.charCodeAt(j) === CLOSE_BRACKET) return items;
    while (j < text.length) {
      const valueStart = j;
      const valueEnd = this.skipValue(valueStart);
      items.push({ keyStart: -1, keyEnd: -1, valueStart, valueEnd });
      j = this.skipWhitespace(valueEnd);
      if (text.charCodeAt(j) !== COMMA) break;
      j = this.skipWhitespace(j + 1);
    }
    return items;
  }

  private decodeKey(keyStart: number, keyEnd: number): string {
    const raw = this.text.slice(keyStart + 1, keyEnd - 1);
    if (raw.indexOf('\\') < 0) return raw;
    try {
      return JSON.parse(this.text.slice(keyStart, keyEnd)) as string;
    } catch {
      return raw;
    }
  }

  private skipWhitespace(i: number): number {
    const text = this.text;
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
    return i;
  }

  /** `i` is at an opening quote; returns the offset after the closing quote. */
  private skipString(i: number): number {
    return stringEnd(this.text, i);
  }

  private skipValue(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === QUOTE) return this.skipString(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      let depth = 0;
      for (let j = i; j < text.length; j++) {
        const ch = text.charCodeAt(j);
        if (ch === QUOTE) {
          j = this.skipString(j) - 1;
        } else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) {
          depth++;
        } else if (ch === CLOSE_BRACE || ch === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) return j + 1;
        }
      }
      return text.length;
    }
    let j = i;
    while (j < text.length) {
      const ch = text.charCodeAt(j);
      if (ch === COMMA || ch === CLOSE_BRACE || ch === CLOSE_BRACKET || isWhitespace(ch)) break;
      j++;
    }
    return j;
  }
}

/** `start` is at an opening quote of `text`; returns the offset after the closing quote (the end of text if none). */
export function stringEnd(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let b = q - 1; text.charCodeAt(b) === BACKSLASH; b--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}
