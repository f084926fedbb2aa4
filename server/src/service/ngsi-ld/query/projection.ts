/**
 * Attribute lists and the NGSI-LD Attribute Projection Language (ETSI GS CIM 009 clause 4.21).
 *
 * - `parseAttrList`: `attrs`, and `watchedAttributes` or `notification.attributes` when written as one
 *   string: names separated by ",".
 * - `parseProjection`: `pick` and `omit`:
 *     ProjectionTerm = AttrName ["{" ProjectionTerm "}"] *(("," / "|") ProjectionTerm)
 *   so `id,name`, `name|speed`, `observation{temperature,humidity}`, nested braces.
 *
 * Decisions (each with its reason):
 * - Names follow the name grammar (letter first, then letters, digits, `_`), with an optional `prefix:`.
 * - A full IRI in an attribute list is accepted: list members are expanded with the @context like any
 *   JSON-LD term, and an absolute IRI stays itself (the ETSI suite sends one in `notification.attributes`).
 *   In pick/omit it gets a warning: 4.21 builds on the AttrName of 4.9, which is a short name.
 * - `id` and `type` are entity members, not attributes: refused in attribute lists, allowed in pick/omit
 *   (NGSI-ATTRS-001).
 * - A name listed twice gets a warning.
 * - Spaces are not part of either grammar: a warning per run, then ignored.
 *
 * Both are loops (braces use an explicit stack), so hostile input costs linear time and no stack.
 */

import {
  MAX_NESTING,
  ProblemList,
  checkName,
  isSpaceCode,
  shorten,
  type NameRef,
  type QueryError,
} from './q';

export interface AttrListResult {
  names: NameRef[];
  errors: QueryError[];
}

/** The entity members that an attribute list cannot name. */
const ENTITY_MEMBERS = new Set(['id', 'type', '@id', '@type']);

/** Parses a comma-separated list of attribute names (`attrs`, or `watchedAttributes` as a string). */
export function parseAttrList(text: string): AttrListResult {
  const problems = new ProblemList();
  const names: NameRef[] = [];
  if (/^\s*$/.test(text)) {
    problems.add(0, text.length, 'The list of attribute names is empty: name at least one attribute, e.g. speed,location.');
    return { names, errors: problems.items };
  }
  const seen = new Map<string, NameRef>();
  let pos = 0;
  let lastComma = -1;
  for (;;) {
    pos = skipSpaces(text, pos, problems);
    const start = pos;
    while (pos < text.length && text.charCodeAt(pos) !== 0x2c && !isSpaceCode(text.charCodeAt(pos))) pos++;
    const end = pos;
    pos = skipSpaces(text, pos, problems);
    const atComma = text.charCodeAt(pos) === 0x2c;
    if (start === end) {
      if (atComma && lastComma >= 0) problems.add(pos, pos + 1, 'Two commas in a row: an attribute name is expected between them.');
      else if (atComma) problems.add(pos, pos + 1, 'The list cannot start with ",": an attribute name is expected before it.');
      else if (lastComma >= 0) problems.add(lastComma, lastComma + 1, 'An attribute name is expected after ",": remove the trailing comma.');
    } else {
      const name: NameRef = { name: text.slice(start, end), start, end };
      checkListedName(text, name, problems);
      const before = seen.get(name.name);
      if (before) problems.add(start, end, `"${shorten(name.name)}" is listed twice: list each attribute once.`, 'warning');
      else seen.set(name.name, name);
      names.push(name);
    }
    if (!atComma) {
      if (pos < text.length) {
        // Two names separated only by spaces: the spaces were reported; go on with the next name.
        continue;
      }
      break;
    }
    lastComma = pos++;
  }
  return { names, errors: problems.items };
}

function checkListedName(text: string, name: NameRef, problems: ProblemList): void {
  if (ENTITY_MEMBERS.has(name.name)) {
    problems.add(name.start, name.end, `"${name.name}" is an entity member, not an attribute: attribute lists cannot name it (it is always returned; use pick or omit to choose entity members).`);
    return;
  }
  const bad = /[|;]/.exec(name.name);
  if (bad) {
    const at = name.start + bad.index;
    problems.add(at, at + 1, `Attribute names in this list are separated by ",", not "${bad[0]}".`);
    return;
  }
  const p = checkName(text, name.start, name.end, 'attribute name', true);
  if (p && !p.iri) problems.add(p.start, p.end, p.message);
}

function skipSpaces(text: string, pos: number, problems: ProblemList): number {
  const s = pos;
  while (pos < text.length && isSpaceCode(text.charCodeAt(pos))) pos++;
  if (pos > s) problems.add(s, pos, 'Spaces are not part of the list: remove them.', 'warning');
  return pos;
}

// ---------------------------------------------------------------------------------------------------------

export interface ProjectionTerm extends NameRef {
  /** For `rel{a,b}`: the projection inside the linked entity, and the offsets of the braces. */
  linked?: { terms: ProjectionTerm[]; start: number; end: number };
}

export interface ProjectionResult {
  /** Present when the projection has no errors (warnings allowed). */
  terms?: ProjectionTerm[];
  /** Every name, at any depth, with its offsets. */
  names: NameRef[];
  errors: QueryError[];
}

interface BraceFrame {
  /** Offset of "{"; -1 for the whole text. */
  open: number;
  terms: ProjectionTerm[];
  owner?: ProjectionTerm;
}

function isProjectionStop(c: number): boolean {
  return c === 0x2c || c === 0x7c || c === 0x7b || c === 0x7d || isSpaceCode(c);
}

/** Parses a `pick` or `omit` projection. Never throws; problems come back in `errors`. */
export function parseProjection(text: string): ProjectionResult {
  const problems = new ProblemList();
  const names: NameRef[] = [];
  if (/^\s*$/.test(text)) {
    problems.add(0, text.length, 'The projection is empty: name at least one attribute or member, e.g. id,name.');
    return { names, errors: problems.items };
  }
  const frames: BraceFrame[] = [{ open: -1, terms: [] }];
  // What may come next: a name, or (after a name or "}") a separator, "{" or "}".
  let expectName = true;
  let afterBrace = false;
  let lastSeparator: number | undefined;
  let tooDeep = false;
  let pos = 0;
  for (;;) {
    pos = skipSpaces(text, pos, problems);
    const frame = frames[frames.length - 1]!;
    if (pos >= text.length) {
      if (expectName && lastSeparator !== undefined) problems.add(lastSeparator, lastSeparator + 1, `A name is expected after "${text[lastSeparator]}": remove the trailing separator.`);
      break;
    }
    const c = text.charCodeAt(pos);
    if (c === 0x2c || c === 0x7c) {
      if (expectName) {
        if (lastSeparator !== undefined) problems.add(pos, pos + 1, `Two separators in a row: a name is expected between "${text[lastSeparator]}" and "${text[pos]}".`);
        else problems.add(pos, pos + 1, `A name is expected before "${text[pos]}".`);
      }
      lastSeparator = pos++;
      expectName = true;
      afterBrace = false;
      continue;
    }
    if (c === 0x7b) {
      const owner = frame.terms[frame.terms.length - 1];
      if (expectName || afterBrace || !owner) {
        problems.add(pos, pos + 1, afterBrace
          ? 'Only one "{…}" may follow a name: put all the linked attributes inside it, e.g. rel{a,b}.'
          : '"{" must follow a Relationship name: write rel{attribute}, e.g. observation{temperature}.');
      }
      if (frames.length > MAX_NESTING && !tooDeep) {
        tooDeep = true;
        problems.add(pos, pos + 1, `Braces are nested more than ${MAX_NESTING} levels deep here: simplify the projection.`);
      }
      frames.push({ open: pos++, terms: [], ...(owner && !expectName && !afterBrace ? { owner } : {}) });
      expectName = true;
      lastSeparator = undefined;
      afterBrace = false;
      continue;
    }
    if (c === 0x7d) {
      if (frames.length === 1) {
        problems.add(pos, pos + 1, 'This "}" has no matching "{".');
        pos++;
        continue;
      }
      if (expectName && lastSeparator !== undefined) problems.add(lastSeparator, lastSeparator + 1, `A name is expected after "${text[lastSeparator]}", before "}".`);
      else if (frame.terms.length === 0) problems.add(frame.open, pos + 1, 'Empty braces: name at least one attribute of the linked entity inside "{ }".');
      frames.pop();
      if (frame.owner) frame.owner.linked = { terms: frame.terms, start: frame.open, end: pos + 1 };
      pos++;
      expectName = false;
      afterBrace = true;
      lastSeparator = undefined;
      continue;
    }
    // A name.
    const start = pos;
    while (pos < text.length && !isProjectionStop(text.charCodeAt(pos))) pos++;
    if (!expectName) {
      const name = shorten(text.slice(start, pos));
      problems.add(start, pos, afterBrace
        ? `Expected "," or "|" after "}", before "${name}".`
        : `Expected "," or "|" between two names, before "${name}".`);
    }
    const term: ProjectionTerm = { name: text.slice(start, pos), start, end: pos };
    const p = checkName(text, start, pos, 'attribute name', true);
    if (p) {
      if (p.iri) problems.add(start, pos, `"${shorten(term.name)}" is a full IRI: pick and omit take short names (terms from your @context), as in 4.9's AttrName.`, 'warning');
      else problems.add(p.start, p.end, p.message);
    }
    frame.terms.push(term);
    names.push({ name: term.name, start, end: pos });
    expectName = false;
    afterBrace = false;
    lastSeparator = undefined;
  }
  for (let i = frames.length - 1; i > 0; i--) {
    problems.add(frames[i]!.open, frames[i]!.open + 1, 'This "{" is never closed: a "}" is expected.');
  }
  const ok = !problems.hasErrors && !tooDeep;
  return { ...(ok ? { terms: frames[0]!.terms } : {}), names, errors: problems.items };
}
