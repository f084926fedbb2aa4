/**
 * Guards against hostile or broken schemas from the workspace: a schema is code the checker runs on every
 * keystroke, so one pattern, one `$ref` cycle or one enormous file must not freeze the server.
 *
 * - Regular expressions that can backtrack catastrophically (a repeated group that itself repeats or
 *   alternates: `(a+)+`, `(a|ab)*`) are not run; the schema and the payloads say so.
 * - Patterns with an unbounded repetition are not run on strings longer than MAX_PATTERN_INPUT (even a
 *   "safe" pattern such as `\d*\d*x` is quadratic).
 * - A model of more than MAX_SCHEMA_NODES schema nodes, nested deeper than MAX_SCHEMA_DEPTH, or spread over
 *   more than MAX_MODEL_DOCUMENTS documents, is not compiled (compiling is synchronous, recursive, and grows
 *   faster than linearly).
 * - A validation that recurses without end (`{"$ref": "#"}`) is stopped by the engine's stack limit and the
 *   model is reported as unusable (see validate.ts).
 */
import { isObject, someObject, type JsonObject, type JsonPath } from '../json/values';

/** Keywords whose values are data, not schemas: a `pattern` inside them is not applied. */
const DATA_KEYWORDS: ReadonlySet<string> = new Set(['enum', 'const', 'examples', 'default']);

export const MAX_SCHEMA_NODES = 10_000;
export const MAX_MODEL_DOCUMENTS = 64;
export const MAX_PATTERN_INPUT = 10_000;
export const MAX_SCHEMA_DEPTH = 200;

interface Frame {
  /** A variable-length quantifier appears inside (at any depth). */
  variable: boolean;
  /** Alternatives of this group: the first character of each, or '' when it cannot be told. */
  firsts: string[];
  /** The current alternative has not had its first atom yet. */
  atStart: boolean;
}

/**
 * Why `pattern` may take exponential time on some input, or undefined when it looks linear. A heuristic that
 * errs on the side of caution: a false alarm only means that one pattern is not applied, and that is said.
 */
export function backtrackingRisk(pattern: string): string | undefined {
  const stack: Frame[] = [{ variable: false, firsts: [], atStart: true }];
  const top = () => stack[stack.length - 1]!;
  /** Notes the first atom of the current alternative. */
  const atom = (first: string) => {
    const frame = top();
    if (frame.atStart) {
      frame.firsts.push(first);
      frame.atStart = false;
    }
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    let closed: Frame | undefined;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      // An escaped literal is known; a class escape (\d, \w, ...) or a back reference is not.
      atom(/[dDwWsSbB1-9pPuxck]/.test(next) ? '' : next);
      i += 2;
    } else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      atom('');
      i = j + 1;
    } else if (c === '(') {
      atom('');
      let j = i + 1;
      // (?:...), (?<name>...), lookarounds.
      if (pattern[j] === '?') {
        j++;
        if (pattern[j] === '<' && pattern[j + 1] !== '=' && pattern[j + 1] !== '!') while (j < pattern.length && pattern[j] !== '>') j++;
        j++;
      }
      stack.push({ variable: false, firsts: [], atStart: true });
      i = j;
    } else if (c === ')') {
      if (stack.length > 1) {
        closed = stack.pop()!;
        if (closed.atStart) closed.firsts.push('');
      }
      i++;
    } else if (c === '|') {
      const frame = top();
      if (frame.atStart) frame.firsts.push('');
      frame.atStart = true;
      i++;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      // A quantifier on something that is not a group (a group's quantifier is handled below).
      const q = quantifier(pattern, i);
      if (q.variable) top().variable = true;
      i = q.end;
      continue;
    } else {
      if (c !== '^' && c !== '$') atom(c === '.' ? '' : c);
      i++;
    }
    if (closed) {
      const q = pattern[i] !== undefined && '*+?{'.includes(pattern[i]!) ? quantifier(pattern, i) : undefined;
      // A bounded repetition of many copies, as in (.*a){20}, backtracks like an unbounded one.
      if (q && (q.unbounded || q.max >= 10)) {
        if (closed.variable) return 'a group that repeats without bound holds a repetition of variable length, as in (a+)+';
        if (closed.firsts.length > 1 && overlapping(closed.firsts)) return 'a group that repeats without bound holds alternatives that can start alike, as in (a|ab)*';
      }
      if (closed.variable || q?.variable) top().variable = true;
      if (q) i = q.end;
    }
  }
  return undefined;
}

function quantifier(pattern: string, at: number): { unbounded: boolean; variable: boolean; max: number; end: number } {
  const c = pattern[at];
  let end = at + 1;
  let unbounded = false;
  let variable = false;
  let max = 1;
  if (c === '*' || c === '+') {
    unbounded = variable = true;
    max = Infinity;
  } else if (c === '?') variable = true;
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at, at + 40));
    if (!m) return { unbounded: false, variable: false, max: 1, end };
    end = at + m[0].length;
    unbounded = m[2] !== undefined && m[3] === '';
    max = unbounded ? Infinity : Number(m[3] ?? m[1]);
    variable = unbounded || (m[3] !== undefined && Number(m[3]) > Number(m[1]));
  }
  if (pattern[end] === '?') end++; // lazy
  return { unbounded, variable, max, end };
}

function overlapping(firsts: readonly string[]): boolean {
  if (firsts.includes('')) return true;
  return new Set(firsts).size < firsts.length;
}

/** Patterns have an unbounded repetition (their run time on long strings may grow faster than linearly). */
function hasUnboundedRepeat(pattern: string): boolean {
  return /[*+]|\{\d+,\}/.test(pattern);
}

/** What the guarded engine left out; read and reset by the validation of each entity. */
export const patternSkips = { longInputs: 0 };

/**
 * The regular-expression engine the validator uses (ajv's `code.regExp`): the platform's, except for patterns
 * that may backtrack catastrophically, which match everything (they are reported on the schema and in the
 * model's notice), and except for long strings against patterns with an unbounded repetition.
 */
export const guardedRegExp = Object.assign(
  (pattern: string, flags: string): { test(s: string): boolean } => {
    if (backtrackingRisk(pattern)) return { test: () => true };
    const re = new RegExp(pattern, flags);
    if (!hasUnboundedRepeat(pattern)) return re;
    return {
      test(s: string): boolean {
        if (s.length > MAX_PATTERN_INPUT) {
          patternSkips.longInputs++;
          return true;
        }
        return re.test(s);
      },
    };
  },
  { code: 'guardedRegExp' },
);

/** The patterns of a schema (pattern values and patternProperties names) that the guarded engine does not run. */
export function riskyPatterns(schema: unknown): { pattern: string; risk: string }[] {
  const out: { pattern: string; risk: string }[] = [];
  const seen = new Set<string>();
  const note = (pattern: string) => {
    if (seen.has(pattern)) return;
    seen.add(pattern);
    const risk = backtrackingRisk(pattern);
    if (risk) out.push({ pattern, risk });
  };
  someObject(
    schema,
    (node) => {
      if (typeof node.pattern === 'string') note(node.pattern);
      if (isObject(node.patternProperties)) for (const key of Object.keys(node.patternProperties)) note(key);
    },
    { skip: DATA_KEYWORDS },
  );
  return out;
}

/** The number of JSON nodes of a value and how deep they nest, measured without recursion, stopping past `limit` nodes. */
export function measure(value: unknown, limit = Number.MAX_SAFE_INTEGER): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0 && nodes <= limit) {
    const [node, level] = stack.pop()!;
    nodes++;
    if (level > depth) depth = level;
    if (Array.isArray(node)) for (const item of node) stack.push([item, level + 1]);
    else if (isObject(node)) for (const key of Object.keys(node)) stack.push([node[key], level + 1]);
  }
  return { nodes, depth };
}

/** Keywords whose subschemas apply to the same value as the schema that holds them. */
const IN_PLACE_ARRAYS = ['allOf', 'anyOf', 'oneOf'];
const IN_PLACE_SINGLE = ['not', 'if', 'then', 'else'];

/**
 * The `$ref`s of a document that close a loop of schemas applying to the same value (local references only:
 * `#...`, or the document's own `$id` followed by a fragment). Each is given by the path of its `$ref` member.
 */
export function findRefCycles(root: unknown): JsonPath[] {
  if (!isObject(root)) return [];
  const ownId = typeof root.$id === 'string' ? root.$id.replace(/#.*$/, '') : undefined;
  const resolve = (ref: string): { node: JsonObject; path: JsonPath } | undefined => {
    let fragment: string;
    if (ref.startsWith('#')) fragment = ref.slice(1);
    else if (ownId && ref.startsWith(ownId + '#')) fragment = ref.slice(ownId.length + 1);
    else return undefined;
    if (fragment !== '' && !fragment.startsWith('/')) return undefined;
    let node: unknown = root;
    const path: (string | number)[] = [];
    for (const raw of fragment === '' ? [] : fragment.slice(1).split('/')) {
      let segment: string;
      try {
        segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      } catch {
        return undefined;
      }
      if (Array.isArray(node)) {
        const index = Number(segment);
        if (!Number.isInteger(index)) return undefined;
        node = node[index];
        path.push(index);
      } else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, segment)) {
        node = node[segment];
        path.push(segment);
      } else return undefined;
    }
    return isObject(node) ? { node, path } : undefined;
  };
  /** The schemas applied to the same value as `node`, with the path of the member that leads to each. */
  const successors = (node: JsonObject, path: JsonPath): { node: JsonObject; path: JsonPath; via: JsonPath; isRef: boolean }[] => {
    const out: { node: JsonObject; path: JsonPath; via: JsonPath; isRef: boolean }[] = [];
    if (typeof node.$ref === 'string') {
      const target = resolve(node.$ref);
      if (target) out.push({ ...target, via: [...path, '$ref'], isRef: true });
    }
    for (const key of IN_PLACE_ARRAYS) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((item, i) => isObject(item) && out.push({ node: item, path: [...path, key, i], via: [...path, key, i], isRef: false }));
    }
    for (const key of IN_PLACE_SINGLE) {
      const sub = node[key];
      if (isObject(sub)) out.push({ node: sub, path: [...path, key], via: [...path, key], isRef: false });
    }
    if (isObject(node.dependentSchemas)) {
      for (const [name, sub] of Object.entries(node.dependentSchemas)) if (isObject(sub)) out.push({ node: sub, path: [...path, 'dependentSchemas', name], via: [...path, 'dependentSchemas', name], isRef: false });
    }
    return out;
  };
  // Depth-first over the "applies in place" graph, from every schema reached through a $ref (the loops start
  // there), without recursion. A node met again while it is on the current walk closes a loop.
  const state = new Map<JsonObject, 'open' | 'done'>();
  const cycles: JsonPath[] = [];
  const seenRefs = new Set<string>();
  const starts: { node: JsonObject; path: JsonPath }[] = [{ node: root, path: [] }];
  const collect: unknown[] = [root];
  const paths = new Map<unknown, JsonPath>([[root, []]]);
  while (collect.length > 0) {
    const node = collect.pop();
    const path = paths.get(node)!;
    if (Array.isArray(node)) node.forEach((item, i) => (paths.set(item, [...path, i]), collect.push(item)));
    else if (isObject(node)) {
      if (typeof node.$ref === 'string' && node !== root) starts.push({ node, path });
      for (const [key, value] of Object.entries(node)) {
        if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default') continue;
        if (typeof value === 'object' && value !== null && !paths.has(value)) {
          paths.set(value, [...path, key]);
          collect.push(value);
        }
      }
    }
  }
  for (const start of starts) {
    if (state.has(start.node)) continue;
    const stack: { node: JsonObject; path: JsonPath; next: ReturnType<typeof successors>; i: number }[] = [];
    state.set(start.node, 'open');
    stack.push({ ...start, next: successors(start.node, start.path), i: 0 });
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.i >= frame.next.length) {
        state.set(frame.node, 'done');
        stack.pop();
        continue;
      }
      const edge = frame.next[frame.i++]!;
      const seen = state.get(edge.node);
      if (seen === 'open') {
        // The loop closes here; report its $ref (the edge itself, or the last $ref on the way).
        let via: JsonPath | undefined = edge.isRef ? edge.via : undefined;
        for (let k = stack.length - 1; !via && k >= 0; k--) {
          const f = stack[k]!;
          const taken = f.next[f.i - 1];
          if (taken?.isRef) via = taken.via;
        }
        const key = JSON.stringify(via ?? edge.via);
        if (!seenRefs.has(key)) {
          seenRefs.add(key);
          cycles.push(via ?? edge.via);
        }
        continue;
      }
      if (seen === 'done') continue;
      state.set(edge.node, 'open');
      stack.push({ node: edge.node, path: edge.path, next: successors(edge.node, edge.path), i: 0 });
    }
  }
  return cycles;
}
