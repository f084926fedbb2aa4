/** Helpers over parsed JSON values. Objects may come from JSON.parse or from the tolerant tree. */

export type PathSegment = string | number;
export type JsonPath = readonly PathSegment[];
export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The member's value, or undefined when it is absent (never an inherited property). */
export function member(obj: JsonObject, key: string): unknown {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * Visits every object inside `value` (arrays are walked through, not visited), depth-first and without
 * recursion, so that no nesting can overflow the stack. The members named in `skip` are not entered; the walk
 * stops when `visit` returns true (the answer is then true) or after `maxNodes` objects and arrays.
 */
export function someObject(
  value: unknown,
  visit: (obj: JsonObject) => boolean | void,
  options: { skip?: ReadonlySet<string>; maxNodes?: number } = {},
): boolean {
  const max = options.maxNodes ?? Number.POSITIVE_INFINITY;
  const stack: unknown[] = typeof value === 'object' && value !== null ? [value] : [];
  let seen = 0;
  while (stack.length > 0 && seen < max) {
    const node = stack.pop() as object;
    seen++;
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const obj = node as JsonObject;
    if (visit(obj) === true) return true;
    for (const key of Object.keys(obj)) {
      if (options.skip?.has(key)) continue;
      const item = obj[key];
      if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return false;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  return typeof value;
}

/** "a string", "an array", ... for messages. */
export function describeType(value: unknown): string {
  const t = jsonType(value);
  switch (t) {
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'boolean':
      return 'a boolean';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    default:
      return t;
  }
}

/** JSON Pointer (RFC 6901) of a path, for messages and machine output. */
export function toPointer(path: JsonPath): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A short quoted preview of a value for messages. */
export function preview(value: unknown, max = 40): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** Sets an own member, even one named "__proto__" (plain assignment would change the prototype). */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  // defineProperty turns the object into a slow dictionary: only for the one name that needs it.
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** `[...path, segment]`, without the cost of a spread (it runs for every node of a large payload). */
export function childPath(path: JsonPath, segment: PathSegment): JsonPath {
  const n = path.length;
  const out = new Array<PathSegment>(n + 1);
  for (let i = 0; i < n; i++) out[i] = path[i]!;
  out[n] = segment;
  return out;
}
