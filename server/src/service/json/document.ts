import { parseTree, printParseErrorCode, type Node as TreeNode, type ParseError } from 'jsonc-parser';
import { ExactLocator, type Located, type Span } from './scanner';
import { duplicateKeysOf, findDuplicateKeys, type DuplicateKey } from './duplicates';
import type { Steps } from '../steps';
import { setOwn, type JsonPath } from './values';

export type { Located, Span } from './scanner';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit offset in the line, as in LSP. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Where the text changed between two versions: [start, oldEnd) of the old text became [start, newEnd) of the new. */
export interface ChangedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export interface SyntaxProblem {
  offset: number;
  length: number;
  message: string;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'This is not valid JSON here.',
  InvalidNumberFormat: 'This number is not valid JSON (no leading zeros, no trailing dot, no NaN or Infinity).',
  PropertyNameExpected: 'A member name in double quotes is expected here.',
  ValueExpected: 'A value is expected here.',
  ColonExpected: 'A colon (:) is expected after the member name.',
  CommaExpected: 'A comma is expected between members or array items.',
  CloseBraceExpected: 'A closing brace (}) is expected: this object is not closed.',
  CloseBracketExpected: 'A closing bracket (]) is expected: this array is not closed.',
  EndOfFileExpected: 'Only one JSON value is allowed in a file; the text after it is not expected.',
  InvalidCommentToken: 'Comments are not allowed in JSON payloads.',
  UnexpectedEndOfComment: 'This comment is not closed (and comments are not allowed in JSON payloads).',
  UnexpectedEndOfString: 'This string is not closed: a double quote (") is missing.',
  UnexpectedEndOfNumber: 'This number is incomplete.',
  InvalidUnicode: 'This \\u escape needs four hexadecimal digits.',
  InvalidEscapeCharacter: 'This escape sequence is not valid in JSON (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX).',
  InvalidCharacter: 'Control characters must be escaped inside JSON strings.',
};

/** Maximum nesting the tolerant parser may follow; deeper input is reported, never recursed into. */
const MAX_TOLERANT_DEPTH = 1000;

/**
 * One parse of one version of a document, shared by every feature.
 *
 * The fast path is `JSON.parse` plus a lazy locator; only when the text is not valid JSON (the user is
 * typing) do we build jsonc-parser's tolerant tree, so that what does parse can still be checked.
 */
export class JsonDocument {
  readonly root: unknown;
  readonly syntaxErrors: SyntaxProblem[] = [];
  /** Where the tolerant parse filled in a member still being typed (see repairTyping). */
  private readonly repairs: Span[] = [];
  /** True when the text is valid JSON and `root` is exactly what a broker would read. */
  readonly exact: boolean;
  /** True when the text starts with a byte order mark. */
  readonly hasBom: boolean;
  /** The text was above the size limit and was not parsed (see json/too-large). */
  readonly tooLarge: boolean = false;
  /** Member names twice in one object, once scanned (carried over by derive). */
  private duplicates: DuplicateKey[] | undefined;
  private readonly locator: ExactLocator | undefined;
  private readonly tree: TreeNode | undefined;
  private lineStarts: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    readonly languageId?: string,
    derived?: { root: unknown; locator: ExactLocator },
    maxLength?: number,
  ) {
    this.hasBom = text.charCodeAt(0) === 0xfeff;
    if (maxLength !== undefined && text.length > maxLength) {
      // Too large to parse while someone types: the document is known by its size only.
      this.tooLarge = true;
      this.exact = false;
      return;
    }
    if (derived) {
      this.exact = true;
      this.root = derived.root;
      this.locator = derived.locator;
      return;
    }
    const body = this.hasBom ? text.slice(1) : text;
    let parsed: unknown;
    let exact = false;
    if (body.trim().length > 0) {
      try {
        parsed = JSON.parse(body);
        exact = true;
      } catch {
        exact = false;
      }
    }
    this.exact = exact;
    if (exact) {
      this.root = parsed;
      this.locator = new ExactLocator(text);
    } else {
      const { tree, value } = this.tolerantParse();
      this.tree = tree;
      this.root = value;
    }
  }

  /**
   * The next version of a document whose root is an array (a batch), when the edit lies inside one of its
   * items: only that item is parsed again, the other items are the previous version's values (the same
   * objects), and the item index is shifted instead of rebuilt. Undefined when the edit is elsewhere or the
   * edited item is not valid JSON: parse the whole text then.
   */
  static derive(previous: JsonDocument, version: number, text: string, languageId?: string, changed?: ChangedRegion): JsonDocument | undefined {
    if (!previous.exact || !previous.locator || !Array.isArray(previous.root) || previous.hasBom !== (text.charCodeAt(0) === 0xfeff)) return undefined;
    const items = previous.locator.rootItems();
    if (!items || items.length !== previous.root.length || items.length === 0) return undefined;
    const old = previous.text;
    const delta = text.length - old.length;
    // The changed region: as the editor said it, or what lies between the common prefix and suffix.
    let prefix: number;
    let changedEnd: number;
    if (changed) {
      if (changed.newEnd - changed.oldEnd !== delta) return undefined;
      prefix = changed.start;
      changedEnd = changed.oldEnd;
    } else {
      const limit = Math.min(old.length, text.length);
      prefix = 0;
      while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
      let suffix = 0;
      while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
      if (prefix === old.length && prefix === text.length) return undefined;
      changedEnd = old.length - suffix;
    }
    // The item whose braces enclose the change (they themselves unchanged).
    let low = 0;
    let high = items.length - 1;
    let index = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const span = items[mid]!;
      if (prefix <= span.start) high = mid - 1;
      else if (prefix >= span.end) low = mid + 1;
      else {
        index = mid;
        break;
      }
    }
    if (index < 0) return undefined;
    const span = items[index]!;
    if (!(span.start < prefix && changedEnd < span.end)) return undefined;
    const editedSpan = { start: span.start, end: span.end + delta };
    let item: unknown;
    try {
      item = JSON.parse(text.slice(editedSpan.start, editedSpan.end));
    } catch {
      return undefined;
    }
    // A value that starts and ends like the old one: the item did not grow into its neighbours.
    if (typeof item !== typeof previous.root[index] || Array.isArray(item) !== Array.isArray(previous.root[index])) return undefined;
    const locator = previous.locator.shifted(text, index, editedSpan, delta);
    if (!locator) return undefined;
    const root = previous.root.slice();
    root[index] = item;
    const next = new JsonDocument(previous.uri, version, text, languageId ?? previous.languageId, { root, locator });
    if (previous.duplicates) {
      // Duplicates lie inside items: keep the others', shifted, and scan the edited item again.
      const shift = (s: Span) => (s.start >= span.end ? { start: s.start + delta, end: s.end + delta } : s);
      next.duplicates = [
        ...previous.duplicates.filter((d) => d.first.end <= span.start).map((d) => d),
        ...findDuplicateKeys(text, editedSpan.start, editedSpan.end),
        ...previous.duplicates.filter((d) => d.first.start >= span.end).map((d) => ({ name: d.name, first: shift(d.first), last: shift(d.last) })),
      ];
    }
    return next;
  }

  /** Member names that appear twice in one object (valid JSON only), scanned once per version. */
  *duplicateKeys(): Steps<DuplicateKey[]> {
    if (!this.duplicates) this.duplicates = this.exact ? yield* duplicateKeysOf(this.text, this.root) : [];
    return this.duplicates;
  }

  /** Where the node at `path` is, or undefined when the document has no such node. */
  locate(path: JsonPath): Located | undefined {
    if (this.locator) return this.locator.locate(path);
    if (!this.tree) return undefined;
    let node: TreeNode | undefined = this.tree;
    let key: Span | undefined;
    for (const segment of path) {
      if (!node) return undefined;
      if (node.type === 'object' && typeof segment === 'string') {
        let found: TreeNode | undefined;
        for (const prop of node.children ?? []) {
          const keyNode = prop.children?.[0];
          if (keyNode && keyNode.value === segment) found = prop; // the last one wins, as in JSON.parse
        }
        if (!found) return undefined;
        const keyNode = found.children![0]!;
        key = { start: keyNode.offset, end: keyNode.offset + keyNode.length };
        node = found.children?.[1];
        if (!node) return { value: key, key };
      } else if (node.type === 'array' && typeof segment === 'number') {
        node = node.children?.[segment];
        key = undefined;
      } else {
        return undefined;
      }
    }
    if (!node) return undefined;
    const value = { start: node.offset, end: node.offset + node.length };
    return key ? { value, key } : { value };
  }

  /** The spans of the items of the array at `path` (a batch's entities), in order. */
  itemSpans(path: JsonPath): Span[] {
    const located = this.locate(path);
    if (!located) return [];
    if (this.locator) return this.locator.itemSpans(located.value);
    const node = this.nodeAt(located.value.start);
    return node?.type === 'array' ? (node.children ?? []).map((c) => ({ start: c.offset, end: c.offset + c.length })) : [];
  }

  /** The member names of the object at `path` in document order, duplicates included. */
  memberKeys(path: JsonPath): { key: string; keySpan: Span }[] {
    const located = this.locate(path);
    if (!located) return [];
    if (this.locator) return this.locator.memberKeys(located.value);
    const node = this.nodeAt(located.value.start);
    if (!node || node.type !== 'object') return [];
    const out: { key: string; keySpan: Span }[] = [];
    for (const prop of node.children ?? []) {
      const keyNode = prop.children?.[0];
      if (keyNode) out.push({ key: String(keyNode.value), keySpan: { start: keyNode.offset, end: keyNode.offset + keyNode.length } });
    }
    return out;
  }

  positionAt(offset: number): Position {
    const starts = this.getLineStarts();
    offset = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low]! };
  }

  offsetAt(position: Position): number {
    const starts = this.getLineStarts();
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const lineStart = starts[position.line]!;
    const nextStart = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextStart));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** True when a syntax error lies inside the span: the node is incomplete and still being typed. */
  containsSyntaxError(span: Span): boolean {
    for (const error of this.syntaxErrors) {
      if (error.offset >= span.start && error.offset < span.end) return true;
    }
    // A member the parser was helped over is being typed too.
    for (const repair of this.repairs) {
      if (repair.start < span.end && repair.end > span.start) return true;
    }
    return false;
  }

  private getLineStarts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const text = this.text;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    // A lone CR also ends a line (LSP counts \r, \n and \r\n).
    if (text.indexOf('\r') >= 0) {
      const all = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0d) {
          if (text.charCodeAt(i + 1) === 0x0a) i++;
          all.push(i + 1);
        } else if (c === 0x0a) {
          all.push(i + 1);
        }
      }
      this.lineStarts = all;
      return all;
    }
    this.lineStarts = starts;
    return starts;
  }

  private nodeAt(offset: number): TreeNode | undefined {
    let found: TreeNode | undefined;
    const visit = (node: TreeNode) => {
      if (node.offset === offset && node.type !== 'property') found = node;
      if (found) return;
      for (const child of node.children ?? []) {
        if (offset >= child.offset && offset < child.offset + child.length) visit(child);
      }
    };
    if (this.tree) visit(this.tree);
    return found;
  }

  private tolerantParse(): { tree: TreeNode | undefined; value: unknown } {
    const errors: ParseError[] = [];
    let tree: TreeNode | undefined;
    if (this.text.trim().replace(/^\uFEFF/, '').length === 0) {
      this.syntaxErrors.push({ offset: 0, length: 0, message: 'The file is empty: a JSON value is expected.' });
      return { tree: undefined, value: undefined };
    }
    if (nestingDepth(this.text) > MAX_TOLERANT_DEPTH) {
      this.syntaxErrors.push({
        offset: 0,
        length: 1,
        message: `The JSON is broken and nested more than ${MAX_TOLERANT_DEPTH} levels deep; fix the syntax error to get the other checks.`,
      });
      return { tree: undefined, value: undefined };
    }
    try {
      tree = parseTree(this.text, errors, PARSE_OPTIONS);
    } catch {
      this.syntaxErrors.push({ offset: 0, length: 1, message: 'The JSON could not be read.' });
      return { tree: undefined, value: undefined };
    }
    if (errors.length > 0 && this.text.length <= MAX_REPAIRED_LENGTH) {
      const repaired = repairTyping(this.text, errors);
      if (repaired) {
        tree = repaired.tree;
        this.repairs.push(...repaired.spans);
      }
    }
    for (const error of errors) {
      const name = printParseErrorCode(error.error);
      if (name === 'InvalidSymbol' && error.offset === 0 && this.hasBom) continue;
      this.syntaxErrors.push({
        offset: error.offset,
        length: error.length,
        message: SYNTAX_MESSAGES[name] ?? `JSON syntax error (${name}).`,
      });
    }
    if (this.syntaxErrors.length === 0) {
      // jsonc-parser accepted something JSON.parse refused (for example a lone surrogate escape).
      this.syntaxErrors.push({ offset: 0, length: 1, message: 'The text is not valid JSON.' });
    }
    return { tree, value: tree ? nodeValue(tree) : undefined };
  }
}

const PARSE_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** Broken documents up to this size get their typing states repaired (each repair parses once more). */
const MAX_REPAIRED_LENGTH = 2 * 1024 * 1024;
const MAX_REPAIRS = 4;

const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * jsonc-parser recovers from a syntax error by skipping tokens, which can move the members after a half-typed
 * one into the wrong object (`"" ⏎ "refDevice": {"object": ...}` leaves "object" in the entity). The states a
 * person passes through while typing a member are repaired in a copy of the text, without changing its
 * length, so every offset still points into the user's text: a name without its colon gets `:0,`, a colon
 * without a value gets `0,`, two members without a comma get one, a trailing comma goes. Each repair must
 * lower the number of errors, or it is undone. The spans returned cover what was filled in.
 */
function repairTyping(original: string, firstErrors: ParseError[]): { tree: TreeNode | undefined; spans: Span[] } | undefined {
  let text = original;
  let errors = firstErrors;
  let tree: TreeNode | undefined;
  const spans: Span[] = [];
  for (let round = 0; round < MAX_REPAIRS && errors.length > 0; round++) {
    let patched: { text: string; span: Span } | undefined;
    for (const error of errors) {
      patched = repairAt(text, error);
      if (patched) break;
    }
    if (!patched) break;
    const next: ParseError[] = [];
    let nextTree: TreeNode | undefined;
    try {
      nextTree = parseTree(patched.text, next, PARSE_OPTIONS);
    } catch {
      break;
    }
    if (next.length >= errors.length) break;
    text = patched.text;
    errors = next;
    tree = nextTree;
    spans.push(patched.span);
  }
  return spans.length > 0 ? { tree, spans } : undefined;
}

/** One same-length repair at an error, or undefined when this error is not a typing state we know. */
function repairAt(text: string, error: ParseError): { text: string; span: Span } | undefined {
  const e = error.offset;
  const name = printParseErrorCode(error.error);
  let before = e - 1;
  while (before >= 0 && isBlank(text[before])) before--;
  const gap = e - before - 1;
  const fill = (at: number, patch: string, length: number) => text.slice(0, at) + patch.padEnd(length, ' ') + text.slice(at + length);
  if (name === 'ColonExpected' && text[before] === '"' && (text[e] === '"' || text[e] === '}')) {
    // "name" ⏎ "next": ... — the name has no colon and no value yet.
    const patch = text[e] === '"' ? ':0,' : ':0';
    if (gap < patch.length) return undefined;
    let keyStart = before - 1;
    while (keyStart > 0 && !(text[keyStart] === '"' && text[keyStart - 1] !== '\\')) keyStart--;
    return { text: fill(before + 1, patch, gap), span: { start: Math.max(0, keyStart), end: e } };
  }
  if (name === 'CommaExpected' && text[e] === ':' && text[before] === '"') {
    // "name": ⏎ "next": ... — the next name was read as the value of the member being typed.
    let keyStart = before - 1;
    while (keyStart > 0 && !(text[keyStart] === '"' && text[keyStart - 1] !== '\\')) keyStart--;
    let colon = keyStart - 1;
    while (colon >= 0 && isBlank(text[colon])) colon--;
    const room = keyStart - colon - 1;
    if (text[colon] === ':' && room >= 2) return { text: fill(colon + 1, '0,', room), span: { start: colon, end: keyStart } };
    if (text[colon] !== ':' && room >= 1 && (text[colon] === '"' || text[colon] === '}' || text[colon] === ']' || /[\w.]/.test(text[colon] ?? ''))) {
      // Two members without a comma between them.
      return { text: fill(colon + 1, ',', room), span: { start: colon + 1, end: keyStart } };
    }
    return undefined;
  }
  if (name === 'ValueExpected' && text[before] === ':' && (text[e] === '}' || text[e] === ',') && gap >= 1) {
    return { text: fill(before + 1, '0', gap), span: { start: before, end: e } };
  }
  if (name === 'PropertyNameExpected' && text[e] === '}' && text[before] === ',') {
    return { text: fill(before, ' ', 1), span: { start: before, end: before + 1 } };
  }
  return undefined;
}

function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return max;
}

/** Value of a tolerant tree; the last of duplicate members wins, as in JSON.parse. */
function nodeValue(node: TreeNode): unknown {
  switch (node.type) {
    case 'object': {
      const obj: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const keyNode = prop.children?.[0];
        const valueNode = prop.children?.[1];
        if (keyNode && valueNode) {
          setOwn(obj, String(keyNode.value), nodeValue(valueNode));
        }
      }
      return obj;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
