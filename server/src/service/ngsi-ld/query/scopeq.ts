/**
 * The NGSI-LD Scope Query Language (`scopeQ`, ETSI GS CIM 009 clause 4.19), parsed into a tree with offsets.
 *
 *   ScopesQ  = Item *(("|" / ",") Item) / "/#"          ; "," is another way to write OR
 *   Item     = "(" Scope *(";" Scope) ")" / Scope ["/#"]
 *   Scope    = "/" Level *("/" Level)
 *   Level    = letter *(letter / digit / "_") / "+"    ; "+" matches exactly one level
 *
 * Decisions (each with its reason):
 * - AND (";") outside parentheses is an error: 4.19 says "for logical and grouping parenthesis are needed".
 * - A scope without its leading "/" gets a warning, not an error: the ABNF needs the "/", but 4.19's own
 *   example 5 writes `|CompanyB`, and an entity's scope may omit it.
 * - Nested parentheses and "|" inside parentheses are accepted: the ABNF is narrower, but the meaning is
 *   plain and the logical operators are "the same as in the NGSI-LD Query Language" (4.9), which nests.
 * - "#" is only allowed as the last level ("/Madrid/#"); "/#" alone matches any non-empty scope.
 *
 * Iterative (an explicit stack for parentheses), so deep nesting and long input cost no stack.
 */

import {
  MAX_NESTING,
  ProblemList,
  charAt,
  checkName,
  describeChar,
  isSpaceCode,
  type QueryError,
} from './q';

export interface ScopeLevel {
  /** The level's name, or "+" for "any one level". */
  name: string;
  start: number;
  end: number;
}

export interface ScopePath {
  type: 'scope';
  /** The scope as written, e.g. "/Madrid/+/Parks/#". */
  text: string;
  start: number;
  end: number;
  levels: ScopeLevel[];
  /** Ends with "/#": the scope and everything below it ("/#" alone: any non-empty scope). */
  descendants: boolean;
}

export interface ScopeLogical {
  type: 'and' | 'or';
  start: number;
  end: number;
  children: ScopeQNode[];
}

export interface ScopeGroup {
  type: 'group';
  start: number;
  end: number;
  child: ScopeQNode;
}

export type ScopeQNode = ScopePath | ScopeLogical | ScopeGroup;

export interface ScopeQResult {
  /** Present when the query has no errors (warnings allowed). */
  ast?: ScopeQNode;
  errors: QueryError[];
  /** Every scope path, with its offsets. */
  scopes: { path: string; start: number; end: number }[];
}

interface Frame {
  open: number;
  or: (ScopeQNode | undefined)[];
  and: (ScopeQNode | undefined)[];
  pendingOp?: { char: string; pos: number };
}

function endsScope(c: number): boolean {
  return Number.isNaN(c) || c === 0x3b || c === 0x7c || c === 0x2c || c === 0x28 || c === 0x29 || isSpaceCode(c);
}

/** Parses an NGSI-LD scopeQ. Never throws; problems come back in `errors`. */
export function parseScopeQ(text: string): ScopeQResult {
  const problems = new ProblemList();
  const scopes: ScopeQResult['scopes'] = [];
  if (/^\s*$/.test(text)) {
    problems.add(0, text.length, 'scopeQ is empty: a scope is expected, e.g. /Madrid/Centro or /Madrid/#.');
    return { errors: problems.items, scopes };
  }
  let pos = 0;
  let tooDeep = false;
  const frames: Frame[] = [{ open: -1, or: [], and: [] }];
  let expectScope = true;

  const skipSpaces = () => {
    const s = pos;
    while (pos < text.length && isSpaceCode(text.charCodeAt(pos))) pos++;
    if (pos > s) problems.add(s, pos, 'Spaces are not part of scopeQ: remove them.', 'warning');
  };
  /** After an error in a scope, skip to the next separator or parenthesis. */
  const recover = () => {
    while (pos < text.length && !endsScope(text.charCodeAt(pos))) pos++;
  };
  const closeFrame = () => {
    const frame = frames.pop()!;
    const closed = text.charCodeAt(pos) === 0x29;
    const end = closed ? pos + 1 : text.length;
    if (closed) pos++;
    frame.or.push(combine('and', frame.and));
    const child = combine('or', frame.or);
    const parent = frames[frames.length - 1]!;
    parent.and.push(child && { type: 'group', start: frame.open, end, child });
    parent.pendingOp = undefined;
  };

  /** One scope path at `pos`. Reports its own problems; undefined when it has errors. */
  const parseScope = (): ScopePath | undefined => {
    const start = pos;
    let ok = true;
    if (text[pos] !== '/') {
      // Not in the ABNF, but in 4.19's own example: warn and read it as if "/" were there.
      const c = text.charCodeAt(pos);
      if (c === 0x23 || c === 0x2b || isSpaceCode(c)) {
        const ch = charAt(text, pos);
        problems.add(pos, pos + ch.length, `A scope starts with "/", e.g. /Madrid/Centro or /#, but found ${describeChar(ch)}.`);
        recover();
        return undefined;
      }
      const wordEnd = scanLevel(text, pos);
      problems.add(start, wordEnd, `A scope in scopeQ starts with "/": write "/${text.slice(start, wordEnd)}".`, 'warning');
    } else pos++;
    const levels: ScopeLevel[] = [];
    let descendants = false;
    for (;;) {
      const s = pos;
      const c = text.charCodeAt(pos);
      if (c === 0x23) {
        // "#": everything below; only as the last level.
        pos++;
        descendants = true;
        if (!endsScope(text.charCodeAt(pos))) {
          problems.add(s, s + 1, '"#" matches every level below, so it must be the last level, e.g. /Madrid/#.');
          recover();
          return undefined;
        }
        break;
      }
      if (c === 0x2b) {
        pos++;
        levels.push({ name: '+', start: s, end: pos });
        if (!endsScope(text.charCodeAt(pos)) && text[pos] !== '/') {
          problems.add(s, s + 1, '"+" stands for one whole level, e.g. /Madrid/+/Parks; it cannot be part of a level name.');
          recover();
          return undefined;
        }
      } else {
        pos = scanLevel(text, pos);
        if (pos === s) {
          if (c === 0x2f) problems.add(s - 1, s + 1, 'Empty scope level: "//" needs a level name between the slashes.');
          else if (levels.length === 0 && s - 1 === start && endsScope(c)) problems.add(s - 1, s, 'A scope level is expected after "/", e.g. /Madrid (or /# for any scope).');
          else problems.add(s - 1, s, 'A scope level is expected after "/": a scope does not end with "/".');
          recover();
          return undefined;
        }
        const p = checkName(text, s, pos, 'scope level', false);
        if (p) {
          problems.add(p.start, p.end, p.message);
          ok = false;
        }
        levels.push({ name: text.slice(s, pos), start: s, end: pos });
        if (text[pos] === '#') {
          problems.add(pos, pos + 1, `"#" must follow a "/": write /${text.slice(start + 1, pos)}/#.`);
          recover();
          return undefined;
        }
      }
      if (text[pos] !== '/') break;
      pos++;
    }
    const scope: ScopePath = { type: 'scope', text: text.slice(start, pos), start, end: pos, levels, descendants };
    scopes.push({ path: scope.text, start, end: pos });
    return ok ? scope : undefined;
  };

  for (;;) {
    skipSpaces();
    const frame = frames[frames.length - 1]!;
    const c = text.charCodeAt(pos);
    if (pos >= text.length) {
      if (expectScope && frame.pendingOp) {
        const op = frame.pendingOp;
        problems.add(op.pos, op.pos + 1, `A scope is expected after "${op.char}", but scopeQ ends here.`);
      }
      break;
    }
    if (expectScope) {
      if (c === 0x28) {
        if (frames.length > MAX_NESTING && !tooDeep) {
          tooDeep = true;
          problems.add(pos, pos + 1, `Parentheses are nested more than ${MAX_NESTING} levels deep here: simplify scopeQ.`);
        }
        frame.pendingOp = undefined;
        frames.push({ open: pos++, or: [], and: [] });
        continue;
      }
      if (c === 0x29) {
        if (frames.length === 1) {
          problems.add(pos, pos + 1, 'This ")" has no matching "(".');
          pos++;
          continue;
        }
        if (frame.pendingOp) problems.add(frame.pendingOp.pos, frame.pendingOp.pos + 1, `A scope is expected after "${frame.pendingOp.char}", before ")".`);
        else if (frame.and.length === 0 && frame.or.length === 0) problems.add(frame.open, pos + 1, 'Empty parentheses: a scope is expected inside "( )".');
        closeFrame();
        expectScope = false;
        continue;
      }
      if (c === 0x3b || c === 0x7c || c === 0x2c) {
        const ch = text[pos]!;
        if (frame.pendingOp) problems.add(pos, pos + 1, `Two operators in a row: a scope is expected between "${frame.pendingOp.char}" and "${ch}".`);
        else problems.add(pos, pos + 1, `A scope is expected before "${ch}".`);
        frame.pendingOp = { char: ch, pos: pos++ };
        continue;
      }
      frame.and.push(parseScope());
      frame.pendingOp = undefined;
      expectScope = false;
      continue;
    }
    if (c === 0x3b) {
      if (frames.length === 1) {
        problems.add(pos, pos + 1, 'AND (";") between scopes needs parentheses in scopeQ, e.g. (/Madrid/Districts;/CompanyA).');
      }
      frame.pendingOp = { char: ';', pos: pos++ };
      expectScope = true;
    } else if (c === 0x7c || c === 0x2c) {
      frame.or.push(combine('and', frame.and));
      frame.and = [];
      frame.pendingOp = { char: text[pos]!, pos: pos++ };
      expectScope = true;
    } else if (c === 0x29) {
      if (frames.length === 1) {
        problems.add(pos, pos + 1, 'This ")" has no matching "(".');
        pos++;
      } else closeFrame();
    } else {
      const ch = charAt(text, pos);
      problems.add(pos, pos + ch.length, `Expected "|" or "," (OR), ";" (AND, inside parentheses) or ")" after the scope, but found ${describeChar(ch)}.`);
      pos++;
      recover();
    }
  }
  for (let i = frames.length - 1; i > 0; i--) problems.add(frames[i]!.open, frames[i]!.open + 1, 'This "(" is never closed: a ")" is expected.');
  while (frames.length > 1) closeFrame();
  const top = frames[0]!;
  top.or.push(combine('and', top.and));
  const ast = combine('or', top.or);
  const ok = ast && !problems.hasErrors && !tooDeep;
  return { ...(ok ? { ast } : {}), errors: problems.items, scopes };
}

/** The end of a level name starting at `pos`: up to "/", "#", "+" or anything that ends a scope. */
function scanLevel(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 0x2f || c === 0x23 || c === 0x2b || endsScope(c)) break;
    pos++;
  }
  return pos;
}

function combine(type: 'and' | 'or', nodes: (ScopeQNode | undefined)[]): ScopeQNode | undefined {
  if (nodes.length === 0 || nodes.some((n) => n === undefined)) return undefined;
  const children = nodes as ScopeQNode[];
  if (children.length === 1) return children[0];
  return { type, start: children[0]!.start, end: children[children.length - 1]!.end, children };
}
