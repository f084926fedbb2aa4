/**
 * The NGSI-LD Query Language (`q`, ETSI GS CIM 009 clause 4.9), parsed into a syntax tree with offsets.
 *
 * Grammar (4.9, v1.9), as accepted here:
 *   Query      = Term *(LogicalOp Term)             ; ";" AND binds tighter than "|" OR; "(" Query ")" nests
 *   Term       = Attribute / "!" Attribute / Attribute Operator Value
 *   Attribute  = AttrName "{" [EntityType *("," EntityType) ":"] Attribute "}"   ; linked entity (4.5.23)
 *              / AttrName *("." AttrName) ["[" Member *("." Member) "]"]          ; sub-attributes, JSON path
 *   Operator   = "==" / "!=" / ">=" / "<=" / ">" / "<" / "~=" / "!~="
 *   Value      = Number / "quoted string" / true / false / DateTime / Date / Time / URI
 *              / Value ".." Value (range) / Value *("," Value) (list)
 *
 * Decisions where the spec is loose (each says why):
 * - A bare attribute (`temperature`) is a valid existence test; `!temperature` tests non-existence.
 * - Attribute names follow the name grammar (letter first, then letters, digits, `_`), with an optional
 *   `prefix:` (a compact IRI, expanded by the @context like any term). A full IRI is an error: 4.9 says the
 *   attribute path "is always a composition of short hand names and not fully qualified ones".
 * - Strings are JSON strings in double quotes. Single quotes are an error (not in the grammar; Stellio's own
 *   documentation says "must be double-quoted").
 * - `~=`/`!~=`: the ABNF writes RegExp unquoted, but an unquoted pattern ends at the first `;`, `|` or
 *   unbalanced `)`, and brokers differ. A quoted pattern is clean; an unquoted one gets a warning. The
 *   pattern is compiled (never run) with a leading `(?i)`-style flag group and possessive/atomic forms
 *   accepted, as the brokers' engines (PCRE, Java, PostgreSQL) accept them.
 * - An unquoted word after `==`/`!=` (`gender==Male`) is a vocabulary term that only matches with
 *   `expandValues` (4.9 example 12): a warning that says so. After `>`/`<` it is an error.
 * - Lists may also hold URIs (`ref==urn:a:1,urn:a:2`), as the spec's semantics for Relationships describe,
 *   although the ABNF's ValueList leaves them out. Ranges and lists only go with `==`/`!=`.
 * - `,` between whole terms is the pre-1.2 way of writing OR: accepted with a warning.
 * - Spaces are not in the grammar: each run of spaces outside strings gets a warning and is skipped,
 *   except after a list comma, where the spec's own examples put one.
 *
 * The parser is a loop with an explicit stack of open parentheses (no recursion), so hostile input
 * (deep nesting, megabytes) costs linear time and no stack. At most MAX_PROBLEMS problems are reported.
 */

// ---------------------------------------------------------------------------------------------------------
// Shared by the query parsers: problems, name grammar, characters. (4.10, 4.19 and 4.21 all refer to the
// AttrName of 4.9, so the name grammar lives here.)

export type Severity = 'error' | 'warning';

/** A problem inside a query string: offsets are 0-based UTF-16 indexes into the string, end exclusive. */
export interface QueryError {
  start: number;
  end: number;
  message: string;
  severity: Severity;
}

/** A name found in a query string, with its offsets. */
export interface NameRef {
  name: string;
  start: number;
  end: number;
}

/** Hostile input can produce one problem per character; nobody reads more than this many. */
export const MAX_PROBLEMS = 50;

/** Deeper nesting than this is refused: no real query needs it, and consumers may walk the tree recursively. */
export const MAX_NESTING = 200;

/** Collects problems, up to MAX_PROBLEMS, and remembers whether any error (not only warnings) was seen. */
export class ProblemList {
  readonly items: QueryError[] = [];
  errorCount = 0;

  add(start: number, end: number, message: string, severity: Severity = 'error'): void {
    if (severity === 'error') this.errorCount++;
    if (this.items.length < MAX_PROBLEMS) this.items.push({ start, end, message, severity });
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }
}

const LETTER = /\p{L}/u;
const NAME_CHAR = /[\p{L}\p{N}_]/u;
const SPACE = /\s/;

export function isLetterCode(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return LETTER.test(String.fromCodePoint(cp));
}

export function isNameCharCode(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || cp === 0x5f || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return NAME_CHAR.test(String.fromCodePoint(cp));
}

export function isSpaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && SPACE.test(String.fromCharCode(c)));
}

/** How a character is named in a message: visible ones quoted, invisible ones described. */
export function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (ch === '\t') return 'a tab';
  if (ch === '\n' || ch === '\r') return 'a line break';
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || SPACE.test(ch)) return `the invisible character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${ch}"`;
}

/** The character at `i` (a whole surrogate pair where there is one), for messages. */
export function charAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** An absolute IRI rather than a term or compact IRI: a scheme, then `//`, `/`, `#` or a second `:`. */
export function looksLikeIri(name: string): boolean {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(name);
  if (!m) return false;
  const rest = name.slice(m[0].length);
  return rest.startsWith('//') || /[/#:]/.test(rest);
}

export interface NameProblem {
  start: number;
  end: number;
  message: string;
  /** The name is a full IRI (callers decide whether that is an error, a warning or fine). */
  iri: boolean;
}

/**
 * Checks `text[start, end)` against the NGSI-LD name grammar (4.6.2): a letter, then letters, digits and `_`;
 * with `allowPrefix`, optionally `prefix:name`. Returns the first problem, placed on the offending character.
 * `what` names the thing in messages ("attribute name", "scope level"...).
 */
export function checkName(text: string, start: number, end: number, what: string, allowPrefix: boolean): NameProblem | undefined {
  const name = text.slice(start, end);
  if (start >= end) return { start, end, message: `${capitalize(what)} is expected here.`, iri: false };
  if (allowPrefix && looksLikeIri(name)) {
    return { start, end, message: `"${shorten(name)}" is a full IRI, not ${article(what)} ${what}.`, iri: true };
  }
  let atSegmentStart = true;
  let prefixSeen = false;
  for (let i = start; i < end; ) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const ch = String.fromCodePoint(cp);
    if (cp === 0x3a && allowPrefix && !prefixSeen && !atSegmentStart) {
      prefixSeen = true;
      atSegmentStart = true;
    } else if (atSegmentStart) {
      if (!isLetterCode(cp)) {
        const where = prefixSeen ? `the part after "${text.slice(start, i)}"` : `"${shorten(name)}"`;
        const message = isNameCharCode(cp)
          ? `${capitalize(article(what))} ${what} must start with a letter, but ${where} starts with "${ch}".`
          : `${capitalize(article(what))} ${what} must start with a letter, but ${where} starts with ${describeChar(ch)}.${encodingHint(text, i)}`;
        return { start: i, end: i + len, message, iri: false };
      }
      atSegmentStart = false;
    } else if (!isNameCharCode(cp)) {
      const allowed = allowPrefix ? 'letters, digits and "_", with an optional "prefix:"' : 'letters, digits and "_"';
      return {
        start: i,
        end: i + len,
        message: `"${shorten(name)}" is not a valid ${what}: ${describeChar(ch)} is not allowed (use ${allowed}).${encodingHint(text, i)}`,
        iri: false,
      };
    }
    i += len;
  }
  if (atSegmentStart) {
    return { start: end - 1, end, message: `A name is expected after the prefix "${name}".`, iri: false };
  }
  return undefined;
}

/** `%3D` where a name was expected: the user pasted a URL-encoded query. */
function encodingHint(text: string, i: number): string {
  const m = /^%([0-9A-Fa-f]{2})/.exec(text.slice(i, i + 3));
  if (!m) return '';
  return ` "${m[0]}" is URL encoding: write the query unencoded here ("${String.fromCharCode(parseInt(m[1]!, 16))}").`;
}

export function shorten(s: string, max = 40): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

// ---------------------------------------------------------------------------------------------------------
// The q syntax tree.

export type QOperator = '==' | '!=' | '>=' | '<=' | '>' | '<' | '~=' | '!~=';

export type QName = NameRef;

export interface QAttributePath {
  start: number;
  end: number;
  /** The path as written. */
  text: string;
  /** Relationships followed into linked entities (`sensor{Device:humidity}`), outermost first. */
  links: { relationship: QName; entityTypes: QName[] }[];
  /** The attribute, then its sub-attributes (`temperature.observedAt`), in the innermost entity. */
  names: QName[];
  /** The trailing `[a.b]` path inside a JSON value, or a language (`name[en]`, `name[*]`). */
  member?: QName[];
}

interface Span {
  start: number;
  end: number;
}

export type QScalar =
  | (Span & { kind: 'number'; value: number; text: string })
  | (Span & { kind: 'string'; value: string; text: string })
  | (Span & { kind: 'boolean'; value: boolean; text: string })
  /** DateTime, Date, Time and URI keep their text; `term` is an unquoted word (a vocabulary term). */
  | (Span & { kind: 'dateTime' | 'date' | 'time' | 'uri' | 'term'; value: string; text: string });

export type QValue =
  | QScalar
  | (Span & { kind: 'range'; from: QScalar; to: QScalar })
  | (Span & { kind: 'list'; items: QScalar[] })
  | (Span & { kind: 'regex'; pattern: string; quoted: boolean });

export interface QTerm extends Span {
  type: 'term';
  /** `exists` for `attr`, `notExists` for `!attr`, `compare` for `attr op value`. */
  test: 'exists' | 'notExists' | 'compare';
  attribute: QAttributePath;
  operator?: Span & { op: QOperator };
  value?: QValue;
}

export interface QLogical extends Span {
  type: 'and' | 'or';
  children: QNode[];
}

export interface QGroup extends Span {
  type: 'group';
  child: QNode;
}

export type QNode = QTerm | QLogical | QGroup;

/** Where an attribute name sits in the path: what a hover or completion offers depends on it. */
export interface QAttributeRef extends NameRef {
  role: 'attribute' | 'sub-attribute' | 'linked-attribute';
}

export interface QResult {
  /** Present when the query has no errors (warnings allowed). */
  ast?: QNode;
  errors: QueryError[];
  /** Every attribute name the query uses (top-level, sub-attributes, attributes of linked entities). */
  attributes: QAttributeRef[];
}

// ---------------------------------------------------------------------------------------------------------
// The parser.

const enum Ch {
  Bang = 0x21,
  Quote = 0x22,
  Apos = 0x27,
  LParen = 0x28,
  RParen = 0x29,
  Comma = 0x2c,
  Dot = 0x2e,
  Colon = 0x3a,
  Semi = 0x3b,
  Lt = 0x3c,
  Eq = 0x3d,
  Gt = 0x3e,
  LBracket = 0x5b,
  Backslash = 0x5c,
  RBracket = 0x5d,
  LBrace = 0x7b,
  Pipe = 0x7c,
  RBrace = 0x7d,
  Tilde = 0x7e,
}

/** Characters that end an attribute name: structure, operators, quotes. */
function endsName(c: number): boolean {
  switch (c) {
    case Ch.Dot: case Ch.LBracket: case Ch.RBracket: case Ch.LBrace: case Ch.RBrace: case Ch.LParen: case Ch.RParen:
    case Ch.Comma: case Ch.Semi: case Ch.Pipe: case Ch.Quote: case Ch.Apos: case Ch.Eq: case Ch.Bang: case Ch.Lt:
    case Ch.Gt: case Ch.Tilde: case Ch.Colon:
      return true;
    default:
      return isSpaceCode(c);
  }
}

function isOperatorChar(c: number): boolean {
  return c === Ch.Eq || c === Ch.Bang || c === Ch.Lt || c === Ch.Gt || c === Ch.Tilde;
}

/** Where a term ends: end of text, a logical operator, a closing parenthesis or a comma. */
function endsTerm(c: number): boolean {
  return Number.isNaN(c) || c === Ch.Semi || c === Ch.Pipe || c === Ch.RParen || c === Ch.Comma;
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{}]+$/;
const BARE_WORD = /^\p{L}[\p{L}\p{N}_]*$/u;
const SCHEME_SO_FAR = /^[A-Za-z][A-Za-z0-9+.-]*$/;
/** A full IRI where an attribute should be: a scheme and "//" (https://…), or two colons (urn:ngsi-ld:…). */
const IRI_ATTRIBUTE = /[A-Za-z][A-Za-z0-9+.-]*:(?:\/\/|[^:=!<>~;|()\s"]*:)/y;

const COMPARABLE = new Set<QScalar['kind']>(['number', 'string', 'dateTime', 'date', 'time']);
const KIND_WORDS: Record<QScalar['kind'], string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  dateTime: 'a DateTime',
  date: 'a Date',
  time: 'a Time',
  uri: 'a URI',
  term: 'an unquoted word',
};

/** What may follow each operator, for "a value is expected" messages. */
function expectedAfter(op: QOperator): string {
  switch (op) {
    case '==':
    case '!=':
      return 'a number, a "quoted string", true or false, a DateTime, a URI, a range such as 10..20 or a list such as 1,2,3';
    case '~=':
    case '!~=':
      return 'a regular expression as a "quoted string", e.g. name~="^Eiffel"';
    default:
      return 'a number, a "quoted string" or a DateTime';
  }
}

interface Frame {
  /** Offset of the "(" that opened this frame; -1 for the whole query. */
  open: number;
  or: (QNode | undefined)[];
  and: (QNode | undefined)[];
  /** The logical operator just read, while its right-hand term is still missing. */
  pendingOp?: { char: string; pos: number };
}

type ScalarResult = QScalar | 'missing' | undefined;

class QParser {
  pos = 0;
  readonly problems = new ProblemList();
  readonly attributes: QAttributeRef[] = [];
  private tooDeep = false;

  constructor(readonly text: string) {}

  private code(i = this.pos): number {
    return this.text.charCodeAt(i);
  }

  parse(): QResult {
    const text = this.text;
    if (text.length === 0 || /^\s*$/.test(text)) {
      this.problems.add(0, text.length, 'The query is empty: an attribute name is expected, e.g. speed>50 or temperature.');
      return this.result(undefined);
    }
    const frames: Frame[] = [{ open: -1, or: [], and: [] }];
    let expectTerm = true;
    for (;;) {
      this.skipSpaces();
      const frame = frames[frames.length - 1]!;
      const c = this.code();
      const atEnd = this.pos >= text.length;
      if (expectTerm) {
        if (atEnd) {
          if (frame.pendingOp) this.missingTermAfter(frame.pendingOp, 'but the query ends here');
          // An unclosed "(" right before the end is reported once, below, as unclosed.
          break;
        }
        if (c === Ch.LParen) {
          if (frames.length > MAX_NESTING && !this.tooDeep) {
            this.tooDeep = true;
            this.problems.add(this.pos, this.pos + 1, `Parentheses are nested more than ${MAX_NESTING} levels deep here; no query needs that many. Simplify the query.`);
          }
          frame.pendingOp = undefined;
          frames.push({ open: this.pos, or: [], and: [] });
          this.pos++;
          continue;
        }
        if (c === Ch.RParen) {
          if (frames.length === 1) {
            this.problems.add(this.pos, this.pos + 1, 'This ")" has no matching "(".');
            this.pos++;
            continue;
          }
          if (frame.pendingOp) this.missingTermAfter(frame.pendingOp, 'before ")"');
          else if (frame.and.length === 0 && frame.or.length === 0) {
            this.problems.add(frame.open, this.pos + 1, 'Empty parentheses: a query term is expected inside "( )".');
          }
          this.closeFrame(frames);
          expectTerm = false;
          continue;
        }
        if (c === Ch.Semi || c === Ch.Pipe || c === Ch.Comma) {
          const op = { char: text[this.pos]!, pos: this.pos };
          if (frame.pendingOp) {
            this.problems.add(this.pos, this.pos + 1, `Two logical operators in a row: a query term is expected between "${frame.pendingOp.char}" and "${op.char}".`);
          } else {
            const where = frame.open < 0 ? 'The query' : 'A group in parentheses';
            this.problems.add(this.pos, this.pos + 1, `${where} cannot start with "${op.char}": a query term is expected before it.`);
          }
          frame.pendingOp = op;
          this.pos++;
          continue;
        }
        frame.and.push(this.parseTerm());
        frame.pendingOp = undefined;
        expectTerm = false;
        continue;
      }
      // After a term: a logical operator, ")" or the end.
      if (atEnd) break;
      if (c === Ch.Semi) {
        frame.pendingOp = { char: ';', pos: this.pos };
        this.pos++;
        expectTerm = true;
      } else if (c === Ch.Pipe || c === Ch.Comma) {
        if (c === Ch.Comma) {
          this.problems.add(this.pos, this.pos + 1, '"," between query terms is the old way of writing OR: write "|" (and ";" for AND).', 'warning');
        }
        frame.or.push(andOf(frame.and));
        frame.and = [];
        frame.pendingOp = { char: text[this.pos]!, pos: this.pos };
        this.pos++;
        expectTerm = true;
      } else if (c === Ch.RParen) {
        if (frames.length === 1) {
          this.problems.add(this.pos, this.pos + 1, 'This ")" has no matching "(".');
          this.pos++;
        } else {
          this.closeFrame(frames);
        }
      } else {
        const ch = charAt(text, this.pos);
        this.problems.add(this.pos, this.pos + ch.length, `Expected ";" (AND), "|" (OR) or ")" after the query term, but found ${describeChar(ch)}.`);
        this.recover();
      }
    }
    // Parentheses still open at the end, innermost first.
    for (let i = frames.length - 1; i > 0; i--) {
      this.problems.add(frames[i]!.open, frames[i]!.open + 1, 'This "(" is never closed: a ")" is expected.');
    }
    while (frames.length > 1) this.closeFrame(frames);
    const top = frames[0]!;
    top.or.push(andOf(top.and));
    return this.result(orOf(top.or));
  }

  private result(ast: QNode | undefined): QResult {
    const ok = !this.problems.hasErrors && !this.tooDeep && ast !== undefined;
    return { ...(ok ? { ast } : {}), errors: this.problems.items, attributes: this.attributes };
  }

  private missingTermAfter(op: { char: string; pos: number }, tail: string): void {
    const name = op.char === ';' ? '";" (AND)' : op.char === '|' ? '"|" (OR)' : `"${op.char}"`;
    this.problems.add(op.pos, op.pos + 1, `A query term is expected after ${name}, ${tail}.`);
  }

  /** Pops the innermost frame (at its ")" or at the end) and adds it to its parent as one group node. */
  private closeFrame(frames: Frame[]): void {
    const frame = frames.pop()!;
    const closed = this.code() === Ch.RParen;
    const end = closed ? this.pos + 1 : this.text.length;
    if (closed) this.pos++;
    frame.or.push(andOf(frame.and));
    const child = orOf(frame.or);
    const parent = frames[frames.length - 1]!;
    parent.and.push(child && { type: 'group', start: frame.open, end, child });
    parent.pendingOp = undefined;
  }

  /** Spaces are outside the grammar: warn once per run of them, then go on as if they were not there. */
  private skipSpaces(warn = true): void {
    const start = this.pos;
    while (this.pos < this.text.length && isSpaceCode(this.code())) this.pos++;
    if (warn && this.pos > start) {
      this.problems.add(start, this.pos, 'Spaces are not part of the q grammar outside "quoted strings"; brokers may refuse them. Remove them.', 'warning');
    }
  }

  /**
   * After an error inside a term, skips to where the next term could start: the next ";" or "|" outside
   * strings and outside parentheses opened while skipping (so a stray "(" does not swallow the query).
   */
  private recover(): void {
    const text = this.text;
    let depth = 0;
    while (this.pos < text.length) {
      const c = this.code();
      if (c === Ch.Quote) {
        this.pos = skipString(text, this.pos);
        continue;
      }
      if (c === Ch.LParen) depth++;
      else if (c === Ch.RParen) {
        if (depth === 0) return;
        depth--;
      } else if ((c === Ch.Semi || c === Ch.Pipe) && depth === 0) return;
      this.pos++;
    }
  }

  // --- Terms ------------------------------------------------------------------------------------------

  private parseTerm(): QTerm | undefined {
    const start = this.pos;
    let bang: number | undefined;
    if (this.code() === Ch.Bang) {
      bang = this.pos++;
      this.skipSpaces();
    }
    const attribute = this.parseAttribute(bang);
    if (!attribute) {
      this.recover();
      return undefined;
    }
    this.skipSpaces();
    if (endsTerm(this.code())) {
      return { type: 'term', start, end: attribute.end, test: bang === undefined ? 'exists' : 'notExists', attribute };
    }
    const operator = this.parseOperator(attribute);
    if (!operator) {
      this.recover();
      return undefined;
    }
    if (bang !== undefined) {
      this.problems.add(bang, bang + 1, `"!" tests that an attribute does not exist and cannot be combined with an operator: to compare, write ${attribute.text}!=value.`);
    }
    this.skipSpaces();
    const value = this.parseValue(operator);
    if (!value || bang !== undefined) {
      this.recover();
      return undefined;
    }
    return { type: 'term', start, end: value.end, test: 'compare', attribute, operator, value };
  }

  private parseOperator(attribute: QAttributePath): (Span & { op: QOperator }) | undefined {
    const text = this.text;
    const s = this.pos;
    const two = text.slice(s, s + 2);
    const take = (op: QOperator): Span & { op: QOperator } => {
      this.pos = s + op.length;
      return { op, start: s, end: s + op.length };
    };
    if (text.startsWith('!~=', s)) return take('!~=');
    if (two === '==' || two === '!=' || two === '>=' || two === '<=' || two === '~=') return take(two);
    if (two === '=>' || two === '=<') {
      const fixed = two === '=>' ? '>=' : '<=';
      this.problems.add(s, s + 2, `"${two}" is not an operator: write "${fixed}".`);
      return take(fixed);
    }
    if (two === '<>') {
      this.problems.add(s, s + 2, '"<>" is not an operator: write "!=" for "not equal".');
      return take('!=');
    }
    const c = this.code();
    if (c === Ch.Gt || c === Ch.Lt) return take(c === Ch.Gt ? '>' : '<');
    if (c === Ch.Eq) {
      this.problems.add(s, s + 1, '"=" is not an operator: write "==" to test equality.');
      this.pos = s + 1;
      return { op: '==', start: s, end: s + 1 };
    }
    if (c === Ch.Tilde) {
      this.problems.add(s, s + 1, '"~" is not an operator: write "~=" to match a pattern.');
      this.pos = s + 1;
      return { op: '~=', start: s, end: s + 1 };
    }
    if (c === Ch.Bang) {
      this.problems.add(s, s + 1, '"!" after an attribute must be "!=" (not equal) or "!~=" (does not match).');
      return undefined;
    }
    const ch = charAt(text, s);
    this.problems.add(s, s + ch.length, `Expected an operator (==, !=, >, >=, <, <=, ~=, !~=), ";", "|" or ")" after "${shorten(attribute.text)}", but found ${describeChar(ch)}.`);
    return undefined;
  }

  // --- Attribute paths ---------------------------------------------------------------------------------

  private parseAttribute(bang: number | undefined): QAttributePath | undefined {
    const text = this.text;
    const start = this.pos;
    IRI_ATTRIBUTE.lastIndex = start;
    if (IRI_ATTRIBUTE.test(text)) {
      while (this.pos < text.length && !isOperatorChar(this.code()) && !endsTerm(this.code()) && !isSpaceCode(this.code())) this.pos++;
      const iri = text.slice(start, this.pos);
      this.problems.add(start, this.pos, `"${shorten(iri)}" is a full IRI: attribute paths in q use the short name (term) defined in your @context, not the IRI (4.9).`);
      return { start, end: this.pos, text: iri, links: [], names: [{ name: iri, start, end: this.pos }] };
    }
    const links: QAttributePath['links'] = [];
    const braceOpens: number[] = [];
    let names: QName[] = [];
    for (;;) {
      const inLink = braceOpens.length > 0;
      if (inLink && !this.parseEntityTypes(links[links.length - 1]!.entityTypes)) return undefined;
      const dotted = this.parseDottedPath(inLink, start, bang);
      if (!dotted) return undefined;
      names = dotted;
      if (this.code() !== Ch.LBrace) break;
      if (names.length > 1) {
        this.problems.add(this.pos, this.pos + 1, `A linked-entity path "{…}" follows a single Relationship name, not the dotted path "${names.map((n) => n.name).join('.')}".`);
        return undefined;
      }
      // The name before "{" is a Relationship whose target entities are searched.
      links.push({ relationship: names[0]!, entityTypes: [] });
      braceOpens.push(this.pos++);
    }
    const member = this.code() === Ch.LBracket ? this.parseMemberPath(start) : undefined;
    if (member === null) return undefined;
    for (let k = braceOpens.length - 1; k >= 0; k--) {
      if (this.code() === Ch.RBrace) {
        this.pos++;
        continue;
      }
      const open = braceOpens[k]!;
      this.problems.add(open, open + 1, 'This "{" is not closed: a "}" is expected after the attribute of the linked entity, e.g. sensor{humidity}.');
      break;
    }
    return { start, end: this.pos, text: text.slice(start, this.pos), links, names, ...(member ? { member } : {}) };
  }

  /** Inside "{", an optional entity type hint `Type1,Type2:` before the attribute name. Fills `into`. */
  private parseEntityTypes(into: QName[]): boolean {
    const text = this.text;
    const save = this.pos;
    const first = this.readRun();
    const next = this.code();
    if (this.pos === first || (next !== Ch.Comma && next !== Ch.Colon)) {
      this.pos = save;
      return true;
    }
    const types: QName[] = [{ name: text.slice(first, this.pos), start: first, end: this.pos }];
    while (this.code() === Ch.Comma) {
      this.pos++;
      const s = this.readRun();
      if (s === this.pos) {
        this.problems.add(s - 1, s, 'An entity type is expected after "," in the type hint, e.g. sensor{Device,Sensor:humidity}.');
        return false;
      }
      types.push({ name: text.slice(s, this.pos), start: s, end: this.pos });
    }
    if (this.code() !== Ch.Colon) {
      this.problems.add(save, this.pos, 'An entity type hint inside "{…}" ends with ":" before the attribute name, e.g. sensor{Device:humidity}.');
      return false;
    }
    this.pos++;
    for (const t of types) {
      const p = checkName(text, t.start, t.end, 'entity type', false);
      if (p) this.problems.add(p.start, p.end, p.message);
    }
    into.push(...types);
    return true;
  }

  /** Reads characters up to the next one that ends a name; returns where the run started. */
  private readRun(): number {
    const s = this.pos;
    while (this.pos < this.text.length && !endsName(this.code())) this.pos++;
    return s;
  }

  private parseDottedPath(inLink: boolean, termStart: number, bang: number | undefined): QName[] | undefined {
    const text = this.text;
    const names: QName[] = [];
    for (;;) {
      const s = this.readRun();
      // A compact IRI `prefix:name` (outside "{…}", where "X:" is an entity type hint).
      if (!inLink && this.pos > s && this.code() === Ch.Colon && this.pos + 1 < text.length && !endsName(this.code(this.pos + 1))) {
        this.pos++;
        this.readRun();
      }
      if (this.pos === s) {
        const found = s < text.length ? describeChar(charAt(text, s)) : 'the end of the query';
        const len = s < text.length ? charAt(text, s).length : 0;
        if (names.length > 0) this.problems.add(s - 1, s, `An attribute name is expected after ".", but found ${found}.`);
        else if (bang !== undefined) this.problems.add(bang, s + len, `"!" must be followed by an attribute name (a non-existence test, e.g. !temperature), but found ${found}.`);
        else if (s === termStart && this.code(s) === Ch.Quote) this.problems.add(s, s + 1, 'A query term starts with an attribute name, not a value: write it as attribute==value, e.g. name=="Eiffel Tower".');
        else this.problems.add(s, s + len, `An attribute name is expected here (e.g. speed>50), but found ${found}.`);
        return undefined;
      }
      const p = checkName(text, s, this.pos, 'attribute name', !inLink);
      if (p) this.problems.add(p.start, p.end, p.iri ? `"${shorten(text.slice(s, this.pos))}" is a full IRI: attribute paths in q use the short name (term) defined in your @context (4.9).` : p.message);
      const name: QName = { name: text.slice(s, this.pos), start: s, end: this.pos };
      names.push(name);
      const role = names.length > 1 ? 'sub-attribute' : inLink ? 'linked-attribute' : 'attribute';
      this.attributes.push({ ...name, role });
      if (this.code() !== Ch.Dot) return names;
      this.pos++;
    }
  }

  /** `[city]`, `[airquality.particulate]`, `[en]`, `[*]`; null after an error that ends the term. */
  private parseMemberPath(attributeStart: number): QName[] | null | undefined {
    const text = this.text;
    const open = this.pos++;
    const members: QName[] = [];
    for (;;) {
      const s = this.pos;
      // JSON member names and language tags are freer than attribute names (`en-GB`, `*`).
      while (this.pos < text.length && !isMemberEnd(this.code())) this.pos++;
      if (this.pos === s) {
        if (this.code() === Ch.RBracket && members.length === 0) {
          this.problems.add(open, this.pos + 1, 'Empty "[ ]": a member name is expected inside, e.g. address[city] or name[en].');
          return null;
        }
        if (members.length === 0) {
          this.problems.add(open, open + 1, 'This "[" is not closed: a member name and "]" are expected, e.g. address[city]=="Berlin".');
        } else {
          this.problems.add(s - 1, s, 'A member name is expected after "." inside "[ ]".');
        }
        return null;
      }
      members.push({ name: text.slice(s, this.pos), start: s, end: this.pos });
      const c = this.code();
      if (c === Ch.Dot) {
        this.pos++;
        continue;
      }
      if (c === Ch.RBracket) {
        this.pos++;
        break;
      }
      // Go on as if "]" were there, so the operator and value are still checked.
      this.problems.add(open, open + 1, `This "[" is not closed: a "]" is expected after "${shorten(members.map((m) => m.name).join('.'))}", e.g. address[city]=="Berlin".`);
      return members;
    }
    if (this.code() === Ch.LBracket) {
      const close = text.indexOf(']', this.pos);
      const end = close < 0 ? this.pos + 1 : close + 1;
      this.problems.add(this.pos, end, `Only one "[ ]" path is allowed after an attribute: write the members dot-separated inside it, e.g. ${shorten(text.slice(attributeStart, open))}[${members.map((m) => m.name).join('.')}.${text.slice(this.pos + 1, end - 1) || 'member'}].`);
      return null;
    }
    return members;
  }

  // --- Values ------------------------------------------------------------------------------------------

  private parseValue(operator: Span & { op: QOperator }): QValue | undefined {
    const op = operator.op;
    if (op === '~=' || op === '!~=') return this.parseRegex(operator);
    const equality = op === '==' || op === '!=';
    const first = this.parseScalar();
    if (first === 'missing') {
      this.problems.add(operator.start, operator.end, `A value is expected after "${op}" (${expectedAfter(op)}).`);
      return undefined;
    }
    if (!first) return undefined;

    if (this.text.startsWith('..', this.pos)) {
      const dots = this.pos;
      this.pos += 2;
      const second = this.parseScalar();
      if (second === 'missing') {
        this.problems.add(dots, dots + 2, 'A value is expected after ".." (the upper end of the range, e.g. 10..20).');
        return undefined;
      }
      if (!second) return undefined;
      const range: QValue = { kind: 'range', from: first, to: second, start: first.start, end: second.end };
      let ok = true;
      for (const end of [first, second]) {
        if (!COMPARABLE.has(end.kind)) {
          ok = false;
          this.problems.add(end.start, end.end, `A range goes between two numbers, "quoted strings", Dates, Times or DateTimes, not ${KIND_WORDS[end.kind]}${end.kind === 'term' ? ' (put text in double quotes)' : ''}.`);
        }
      }
      if (ok && first.kind !== second.kind) {
        ok = false;
        this.problems.add(range.start, range.end, `Both ends of a range must be the same kind of value, but this one goes from ${KIND_WORDS[first.kind]} to ${KIND_WORDS[second.kind]}.`);
      }
      if (!equality) {
        ok = false;
        this.problems.add(range.start, range.end, `A range (a..b) can only be used with "==" or "!=", not with "${op}": compare with a single value instead.`);
      }
      if (this.code() === Ch.Comma && this.startsValue(this.pos + 1)) {
        this.problems.add(this.pos, this.pos + 1, 'A range cannot be part of a list of values: write either a range (10..20) or a list (1,2,3).');
        return undefined;
      }
      return ok ? range : undefined;
    }

    if (this.code() === Ch.Comma && (equality || this.startsValue(this.pos + 1))) {
      const items: QScalar[] = [first];
      let ok = this.checkListItem(first);
      while (this.code() === Ch.Comma) {
        const comma = this.pos++;
        this.skipSpaces(false); // the spec's own examples write "black", "red"
        const item = this.parseScalar();
        if (item === 'missing') {
          this.problems.add(comma, comma + 1, 'A value is expected after "," in the list of values.');
          return undefined;
        }
        if (!item) return undefined;
        if (isOperatorChar(this.code())) {
          this.problems.add(comma, comma + 1, `"${shorten(this.text.slice(item.start, this.pos + 2))}…" looks like a new query term, but after "${op}" a "," separates list values: use "|" for OR or ";" for AND between terms.`);
          return undefined;
        }
        if (this.text.startsWith('..', this.pos)) {
          this.problems.add(this.pos, this.pos + 2, 'A list of values cannot hold a range: write either a range (10..20) or a list (1,2,3).');
          return undefined;
        }
        ok = this.checkListItem(item) && ok;
        items.push(item);
      }
      const list: QValue = { kind: 'list', items, start: first.start, end: items[items.length - 1]!.end };
      if (!equality) {
        this.problems.add(list.start, list.end, `A list of values (a,b,c) can only be used with "==" or "!=", not with "${op}".`);
        return undefined;
      }
      return ok ? list : undefined;
    }

    return this.checkSingle(first, op) ? first : undefined;
  }

  /** Whether a value (rather than another term) could start at `i`: a digit, a sign, a quote. */
  private startsValue(i: number): boolean {
    const c = this.code(i);
    return c === Ch.Quote || c === 0x2d || (c >= 0x30 && c <= 0x39);
  }

  private checkSingle(value: QScalar, op: QOperator): boolean {
    const equality = op === '==' || op === '!=';
    if (equality) {
      if (value.kind === 'term') this.warnTerm(value);
      return true;
    }
    switch (value.kind) {
      case 'boolean':
        this.problems.add(value.start, value.end, `true and false can only be compared with "==" or "!=", not with "${op}".`);
        return false;
      case 'uri':
        this.problems.add(value.start, value.end, `A URI can only be compared with "==" or "!=", not with "${op}"; to compare text, put it in double quotes.`);
        return false;
      case 'term':
        this.problems.add(value.start, value.end, `Text must be in double quotes: write "${value.text}". After "${op}" a number, a "quoted string" or a DateTime is expected.`);
        return false;
      default:
        return true;
    }
  }

  private checkListItem(item: QScalar): boolean {
    if (item.kind === 'term') this.warnTerm(item);
    return true;
  }

  private warnTerm(value: QScalar): void {
    this.problems.add(value.start, value.end, `${value.text} is not in quotes, so it is read as a vocabulary term, which only matches with expandValues naming this attribute; for text, write "${value.text}".`, 'warning');
  }

  /** One value: a quoted string or an unquoted token, classified. Reports its own errors. */
  private parseScalar(): ScalarResult {
    const text = this.text;
    const s = this.pos;
    const c = this.code();
    if (Number.isNaN(c) || c === Ch.Semi || c === Ch.Pipe || c === Ch.RParen || c === Ch.Comma) return 'missing';
    if (c === Ch.Quote) {
      const str = this.parseQuoted();
      return str && { kind: 'string', value: str.value, text: text.slice(str.start, str.end), start: str.start, end: str.end };
    }
    if (c === Ch.Apos) {
      this.singleQuoted();
      return undefined;
    }
    if (c === Ch.LParen || isOperatorChar(c)) {
      const ch = charAt(text, s);
      this.problems.add(s, s + ch.length, `A value is expected here, but found ${describeChar(ch)}.`);
      return undefined;
    }
    // An unquoted token ends at structure and, unless it is a URI, at ".." (range) and operator characters.
    let uriLike = false;
    let schemeChecked = false;
    while (this.pos < text.length) {
      const d = this.code();
      if (d === Ch.Semi || d === Ch.Pipe || d === Ch.RParen || d === Ch.Comma || d === Ch.Quote || d === Ch.LParen || isSpaceCode(d)) break;
      if (!uriLike) {
        if (d === Ch.Dot && this.code(this.pos + 1) === Ch.Dot) break;
        if (isOperatorChar(d)) break;
        if (d === Ch.Colon && !schemeChecked) {
          schemeChecked = true;
          uriLike = SCHEME_SO_FAR.test(text.slice(s, this.pos));
        }
      }
      this.pos++;
    }
    const token = text.slice(s, this.pos);
    const made = (kind: QScalar['kind'], value: string | number | boolean): QScalar =>
      ({ kind, value, text: token, start: s, end: this.pos }) as QScalar;
    if (token === 'true' || token === 'false') return made('boolean', token === 'true');
    if (NUMBER.test(token)) return made('number', Number(token));
    const dateTime = DATE_TIME.exec(token);
    if (dateTime) return this.checkCalendar(token, s, dateTime.slice(1)) ? made('dateTime', token) : undefined;
    const date = DATE.exec(token);
    if (date) return this.checkCalendar(token, s, date.slice(1)) ? made('date', token) : undefined;
    const time = TIME.exec(token);
    if (time) return this.checkCalendar(token, s, ['2000', '01', '01', ...time.slice(1)]) ? made('time', token) : undefined;
    if (URI.test(token)) return made('uri', token);
    if (BARE_WORD.test(token)) return made('term', token);
    if (/^[-+.\d]/.test(token)) {
      const message = /^\d{4}-/.test(token)
        ? `"${shorten(token)}" is not a valid Date or DateTime: expected e.g. 2024-01-31 or 2024-01-31T12:00:00Z.`
        : /^\d{1,2}:/.test(token)
          ? `"${shorten(token)}" is not a valid Time: expected e.g. 12:00:00Z.`
          : `"${shorten(token)}" is not a valid number: expected e.g. 42, -3.5 or 1.2e3.`;
      this.problems.add(s, this.pos, message);
      return undefined;
    }
    this.problems.add(s, this.pos, `"${shorten(token)}" is not a valid value: text must be in double quotes ("…"); other values are numbers, true, false, DateTimes and URIs.`);
    return undefined;
  }

  /** Month, day, hour, minute and second ranges of a Date/Time/DateTime: [Y, M, D, h?, m?, s?]. */
  private checkCalendar(token: string, start: number, parts: (string | undefined)[]): boolean {
    const [, month, day, hour, minute, second] = parts.map((p) => (p === undefined ? undefined : Number(p)));
    const bad =
      month! < 1 || month! > 12 ? 'month' : day! < 1 || day! > 31 ? 'day' : hour !== undefined && hour > 23 ? 'hour'
        : minute !== undefined && minute > 59 ? 'minute' : second !== undefined && second > 60 ? 'second' : undefined;
    if (!bad) return true;
    this.problems.add(start, start + token.length, `"${shorten(token)}" is not a valid date or time: the ${bad} is out of range.`);
    return false;
  }

  /** A JSON string at `pos` ('"'). Returns its decoded value, or undefined (reported) when it is not closed. */
  private parseQuoted(): { value: string; start: number; end: number } | undefined {
    const text = this.text;
    const start = this.pos++;
    const parts: string[] = [];
    let chunk = this.pos;
    while (this.pos < text.length) {
      const c = this.code();
      if (c === Ch.Quote) {
        parts.push(text.slice(chunk, this.pos));
        this.pos++;
        return { value: parts.join(''), start, end: this.pos };
      }
      if (c === Ch.Backslash) {
        parts.push(text.slice(chunk, this.pos));
        const e = text[this.pos + 1];
        if (e === undefined) break;
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          parts.push(simple);
          this.pos += 2;
        } else if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(this.pos + 2, this.pos + 6))) {
          parts.push(String.fromCharCode(parseInt(text.slice(this.pos + 2, this.pos + 6), 16)));
          this.pos += 6;
        } else {
          const bad = e === 'u' ? '\\u' + /^[0-9A-Fa-f]{0,3}/.exec(text.slice(this.pos + 2, this.pos + 5))![0] : '\\' + charAt(text, this.pos + 1);
          this.problems.add(this.pos, this.pos + bad.length, `"${bad}" is not a valid escape in a quoted string: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by four hex digits.`);
          parts.push(bad);
          this.pos += bad.length;
        }
        chunk = this.pos;
        continue;
      }
      if (c < 0x20) {
        this.problems.add(this.pos, this.pos + 1, `${capitalize(describeChar(text[this.pos]!))} must be escaped inside a quoted string (e.g. \\n, \\t).`);
      }
      this.pos++;
    }
    this.pos = text.length;
    this.problems.add(start, text.length, 'This string is not closed: a closing " is expected.');
    return undefined;
  }

  /** 'text': not a string delimiter in q. Reports it once and skips to the closing quote. */
  private singleQuoted(): void {
    const text = this.text;
    const s = this.pos;
    const close = text.indexOf("'", s + 1);
    const end = close < 0 ? text.length : close + 1;
    const inner = text.slice(s + 1, close < 0 ? end : close);
    this.problems.add(s, end, `Strings are written in double quotes in q: write "${shorten(inner)}" instead of '${shorten(inner)}'.`);
    this.pos = end;
  }

  private parseRegex(operator: Span & { op: QOperator }): QValue | undefined {
    const text = this.text;
    const c = this.code();
    if (Number.isNaN(c) || c === Ch.Semi || c === Ch.Pipe || c === Ch.RParen) {
      this.problems.add(operator.start, operator.end, `A value is expected after "${operator.op}" (${expectedAfter(operator.op)}).`);
      return undefined;
    }
    if (c === Ch.Apos) {
      this.singleQuoted();
      return undefined;
    }
    if (c === Ch.Quote) {
      const str = this.parseQuoted();
      if (!str) return undefined;
      const problem = checkRegex(str.value);
      if (problem) {
        const from = sourceOffset(text, str.start + 1, problem.start);
        const to = Math.max(from + 1, sourceOffset(text, str.start + 1, problem.end));
        this.problems.add(from, Math.min(to, str.end - 1), problem.message);
        return undefined;
      }
      return { kind: 'regex', pattern: str.value, quoted: true, start: str.start, end: str.end };
    }
    // Unquoted (as the ABNF writes RegExp): ends at ";" or "|" or an unbalanced ")" outside classes.
    const s = this.pos;
    let depth = 0;
    let inClass = false;
    while (this.pos < text.length) {
      const d = this.code();
      if (d === Ch.Backslash) {
        this.pos += 2;
        continue;
      }
      if (inClass) {
        if (d === Ch.RBracket) inClass = false;
      } else if (d === Ch.LBracket) inClass = true;
      else if (d === Ch.LParen) depth++;
      else if (d === Ch.RParen) {
        if (depth === 0) break;
        depth--;
      } else if ((d === Ch.Semi || d === Ch.Pipe) && depth === 0) break;
      else if (isSpaceCode(d)) break;
      this.pos++;
    }
    this.pos = Math.min(this.pos, text.length);
    const pattern = text.slice(s, this.pos);
    this.problems.add(s, this.pos, `Write the pattern as a "quoted string" (${operator.op}"${shorten(pattern)}"): unquoted, a ";", "|" or ")" in it would end it, and brokers read unquoted patterns differently.`, 'warning');
    const problem = checkRegex(pattern);
    if (problem) {
      this.problems.add(s + problem.start, s + Math.max(problem.end, problem.start + 1), problem.message);
      return undefined;
    }
    return { kind: 'regex', pattern, quoted: false, start: s, end: this.pos };
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Offset just past a JSON string starting at `i` (or the end of text when it is not closed). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === Ch.Backslash) j++;
    else if (c === Ch.Quote) return j + 1;
  }
  return text.length;
}

/** Maps an index into the decoded value of a string whose content starts at `contentStart` to a source offset. */
function sourceOffset(text: string, contentStart: number, valueIndex: number): number {
  let src = contentStart;
  for (let v = 0; v < valueIndex && src < text.length; v++) {
    if (text.charCodeAt(src) === Ch.Backslash) src += text[src + 1] === 'u' ? 6 : 2;
    else src++;
  }
  return src;
}

function isMemberEnd(c: number): boolean {
  return c === Ch.Dot || c === Ch.RBracket || c === Ch.LBracket || c === Ch.LBrace || c === Ch.RBrace || c === Ch.LParen || c === Ch.RParen
    || c === Ch.Comma || c === Ch.Semi || c === Ch.Pipe || c === Ch.Quote || isOperatorChar(c) || isSpaceCode(c);
}

function andOf(nodes: (QNode | undefined)[]): QNode | undefined {
  return logical('and', nodes);
}

function orOf(nodes: (QNode | undefined)[]): QNode | undefined {
  return logical('or', nodes);
}

function logical(type: 'and' | 'or', nodes: (QNode | undefined)[]): QNode | undefined {
  if (nodes.length === 0 || nodes.some((n) => n === undefined)) return undefined;
  const children = nodes as QNode[];
  if (children.length === 1) return children[0];
  return { type, children, start: children[0]!.start, end: children[children.length - 1]!.end };
}

// ---------------------------------------------------------------------------------------------------------
// Regular expressions: compiled, never run.

/**
 * Checks that a pattern compiles, without ever matching anything with it (so a catastrophic pattern cannot
 * hang the checker). Offsets are indexes into `pattern`. Broker engines (PCRE, Java, PostgreSQL) accept
 * a leading `(?i)` flag group, inline flag groups, atomic groups and possessive quantifiers, which
 * JavaScript refuses; those are translated before compiling rather than reported.
 */
export function checkRegex(pattern: string): { start: number; end: number; message: string } | undefined {
  const out: string[] = [];
  let chunk = 0;
  let flags = '';
  const lead = /^\(\?([imsx]+)\)/.exec(pattern);
  let i = 0;
  if (lead) {
    flags = lead[1]!;
    i = chunk = lead[0].length;
  }
  const groups: number[] = [];
  let maxDepth = 0;
  let classStart = -1;
  // Whether a quantifier here has something to repeat (not at the start, nor right after "(" or "|").
  let canRepeat = false;
  let lastWasQuantifier = false;
  while (i < pattern.length) {
    const c = pattern.charCodeAt(i);
    if (c === Ch.Backslash) {
      if (i + 1 >= pattern.length) return { start: i, end: i + 1, message: 'The regular expression ends with a lone "\\": escape it as "\\\\" to match a backslash.' };
      i += 2;
      canRepeat = true;
      lastWasQuantifier = false;
      continue;
    }
    if (classStart >= 0) {
      // "]" right after "[" or "[^" is a literal.
      const first = classStart + (pattern[classStart + 1] === '^' ? 2 : 1);
      if (c === Ch.RBracket && i > first) classStart = -1;
      i++;
      continue;
    }
    if (c === Ch.LBracket) {
      classStart = i++;
      canRepeat = true;
      lastWasQuantifier = false;
      continue;
    }
    if (c === Ch.LParen) {
      groups.push(i);
      maxDepth = Math.max(maxDepth, groups.length);
      canRepeat = false;
      lastWasQuantifier = false;
      if (pattern[i + 1] === '?') {
        const inline = /^\(\?[imsx-]+(\)|:)/.exec(pattern.slice(i, i + 12));
        if (pattern[i + 2] === '>') {
          out.push(pattern.slice(chunk, i), '(?:');
          i += 3;
          chunk = i;
          continue;
        }
        if (inline) {
          // Flags that JavaScript cannot switch mid-pattern: compile without them.
          out.push(pattern.slice(chunk, i), inline[1] === ')' ? '(?:)' : '(?:');
          i += inline[0].length;
          chunk = i;
          if (inline[1] === ')') groups.pop();
          continue;
        }
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    if (c === Ch.RParen) {
      if (groups.length === 0) return { start: i, end: i + 1, message: 'The regular expression has a ")" without a matching "(": escape it as "\\)" to match a parenthesis.' };
      groups.pop();
      i++;
      canRepeat = true;
      lastWasQuantifier = false;
      continue;
    }
    if (c === Ch.Pipe) {
      i++;
      canRepeat = false;
      lastWasQuantifier = false;
      continue;
    }
    if (c === 0x2a || c === 0x2b || c === 0x3f) {
      // "*", "+", "?": after a quantifier "?" makes it lazy and "+" possessive (dropped for JavaScript).
      if (lastWasQuantifier) {
        if (c === 0x2b) {
          out.push(pattern.slice(chunk, i));
          chunk = i + 1;
        }
        lastWasQuantifier = false;
        i++;
        continue;
      }
      if (!canRepeat) return { start: i, end: i + 1, message: `"${pattern[i]}" has nothing to repeat here: put it after a character or group, or escape it as "\\${pattern[i]}".` };
      lastWasQuantifier = true;
      i++;
      continue;
    }
    if (c === Ch.LBrace) {
      const m = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i, i + 24));
      if (m) {
        if (!canRepeat) return { start: i, end: i + m[0].length, message: `"${m[0]}" has nothing to repeat here: put it after a character or group.` };
        i += m[0].length;
        lastWasQuantifier = true;
        continue;
      }
    }
    canRepeat = true;
    lastWasQuantifier = false;
    i++;
  }
  if (classStart >= 0) return { start: classStart, end: classStart + 1, message: 'The regular expression has a "[" that is never closed: a "]" is expected.' };
  if (groups.length > 0) {
    const open = groups[groups.length - 1]!;
    return { start: open, end: open + 1, message: 'The regular expression has a "(" that is never closed: a ")" is expected.' };
  }
  // Very deep groups are balanced (checked above); the engine's own parser need not see them.
  if (maxDepth > MAX_NESTING || flags.includes('x')) return undefined;
  out.push(pattern.slice(chunk));
  try {
    new RegExp(out.join(''), flags.replace(/x/g, ''));
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const reason = text.slice(text.lastIndexOf(': ') + 2) || text;
    return { start: 0, end: pattern.length, message: `The regular expression does not compile: ${reason}.` };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------

/** Parses an NGSI-LD q query. Never throws; problems come back in `errors`. */
export function parseQ(text: string): QResult {
  return new QParser(text).parse();
}
