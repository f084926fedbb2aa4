/**
 * NGSI-LD geo-queries (ETSI GS CIM 009 clause 4.10): the `georel` grammar, and a check of a whole geo-query
 * (`georel`, `geometry`, `coordinates`, `geoproperty`) as found in a Subscription's or Query's `geoQ`, or
 * in URL parameters.
 *
 *   georel   = "near;" ("maxDistance" / "minDistance") "==" PositiveNumber     ; metres, > 0
 *            / "within" / "contains" / "intersects" / "equals" / "disjoint" / "overlaps"
 *
 * Decisions (each with its reason):
 * - `near` with a geometry other than Point is a warning: the spec defines near as a buffer around any
 *   reference geometry, but Orion-LD only accepts a Point.
 * - `within` with a geometry other than Polygon/MultiPolygon is an error: nothing can lie within a point or
 *   a line, and Orion-LD refuses it.
 * - A distance that is not a whole number (`2000.5`, `2e3`) is a warning: valid per the spec, refused by
 *   Stellio (`^near;(?:minDistance|maxDistance)==\d+$`).
 * - MultiPoint and MultiLineString are warnings: valid per the spec, refused by Scorpio in geo-queries.
 * - `geoproperty` must be a short name: 4.10 says "short hand name and not a fully qualified one".
 * - GeometryCollection is refused, as 4.10 excludes it.
 */

import {
  MAX_PROBLEMS,
  charAt,
  checkName,
  describeChar,
  isSpaceCode,
  shorten,
  type QueryError,
  type Severity,
} from './q';

export const GEO_RELATIONS = ['near', 'within', 'contains', 'intersects', 'equals', 'disjoint', 'overlaps'] as const;
export type GeoRelation = (typeof GEO_RELATIONS)[number];

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

export interface GeoRel {
  relation: GeoRelation;
  /** Offsets of the relation name. */
  start: number;
  end: number;
  /** For `near`: the distance modifier and its value in metres. */
  distance?: {
    modifier: 'maxDistance' | 'minDistance';
    value: number;
    /** The number as written, and its offsets. */
    text: string;
    start: number;
    end: number;
  };
}

export interface GeorelResult {
  /** Present when the georel has no errors (warnings allowed). */
  georel?: GeoRel;
  errors: QueryError[];
}

const RELATION_LIST = 'near;maxDistance==<metres>, near;minDistance==<metres>, within, contains, intersects, equals, disjoint or overlaps';

/** Parses a georel string such as `near;maxDistance==2000` or `within`. */
export function parseGeorel(text: string): GeorelResult {
  const errors: QueryError[] = [];
  const add = (start: number, end: number, message: string, severity: Severity = 'error') => errors.push({ start, end, message, severity });
  const hasError = () => errors.some((e) => e.severity === 'error');

  let from = 0;
  let to = text.length;
  while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
  while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--;
  if (from === to) {
    add(0, text.length, `georel is empty: expected one of ${RELATION_LIST}.`);
    return { errors };
  }
  if (from > 0) add(0, from, 'georel has no spaces: remove them.');
  if (to < text.length) add(to, text.length, 'georel has no spaces: remove them.');

  let pos = from;
  const readWord = (): string => {
    const s = pos;
    while (pos < to && /[A-Za-z]/.test(text[pos]!)) pos++;
    return text.slice(s, pos);
  };

  const wordStart = pos;
  const word = readWord();
  if (!word) {
    const ch = charAt(text, pos);
    add(pos, pos + ch.length, `georel starts with a relation, e.g. near;maxDistance==2000 or within, but found ${describeChar(ch)}.`);
    return { errors };
  }
  const relation = GEO_RELATIONS.find((r) => r === word);
  if (!relation) {
    const sameLetters = GEO_RELATIONS.find((r) => r.toLowerCase() === word.toLowerCase());
    const near = sameLetters ?? closest(word, GEO_RELATIONS);
    const message = sameLetters
      ? `georel names are case-sensitive: write "${sameLetters}".`
      : `"${shorten(word)}" is not a georel${near ? `; did you mean "${near}"?` : '.'} Expected one of ${RELATION_LIST}.`;
    add(wordStart, pos, message);
    return { errors };
  }
  const georel: GeoRel = { relation, start: wordStart, end: pos };

  if (relation !== 'near') {
    if (pos < to) {
      const message = text[pos] === ';'
        ? `Only near takes a distance: "${relation}" is written alone.`
        : `Unexpected text after "${relation}": it is written alone.`;
      add(pos, to, message);
    }
    return hasError() ? { errors } : { georel, errors };
  }

  if (pos >= to) {
    add(wordStart, pos, 'near needs a distance: write near;maxDistance==<metres> or near;minDistance==<metres>.');
    return { errors };
  }
  if (text[pos] !== ';') {
    const ch = charAt(text, pos);
    add(pos, pos + ch.length, `Expected ";" after "near", then maxDistance==<metres> or minDistance==<metres>, but found ${describeChar(ch)}.`);
    return { errors };
  }
  pos++;
  const modifierStart = pos;
  const modifierWord = readWord();
  let modifier: 'maxDistance' | 'minDistance' | undefined;
  if (modifierWord === 'maxDistance' || modifierWord === 'minDistance') modifier = modifierWord;
  else {
    const sameLetters = ['maxDistance', 'minDistance'].find((m) => m.toLowerCase() === modifierWord.toLowerCase());
    const end = modifierWord ? pos : Math.min(to, pos + 1);
    add(modifierStart, end, sameLetters
      ? `Distance names are case-sensitive: write "${sameLetters}".`
      : `Expected maxDistance or minDistance after "near;"${modifierWord ? `, not "${shorten(modifierWord)}"` : ''}, e.g. near;maxDistance==2000.`);
    return { errors };
  }
  if (!text.startsWith('==', pos)) {
    const opEnd = text[pos] === '=' || text[pos] === ':' ? pos + 1 : pos;
    add(pos, Math.min(to, Math.max(opEnd, pos + 1)), `"==" is expected after "${modifier}", e.g. near;${modifier}==2000.`);
    if (opEnd === pos) return { errors };
    pos = opEnd;
  } else pos += 2;

  const numberStart = pos;
  pos = to;
  const numberText = text.slice(numberStart, pos);
  if (!numberText) {
    add(numberStart - 2, numberStart, `A distance in metres is expected after "==", e.g. near;${modifier}==2000.`);
    return { errors };
  }
  const numberMatch = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(numberText);
  if (!numberMatch) {
    add(numberStart, pos, `"${shorten(numberText)}" is not a number: the distance is a number of metres, e.g. 2000.`);
    return { errors };
  }
  const numberEnd = numberStart + numberMatch[0].length;
  if (numberEnd < pos) {
    add(numberEnd, pos, `Unexpected text after the distance ${numberMatch[0]}: the distance is a number of metres, nothing follows it.`);
  }
  const value = Number(numberMatch[0]);
  if (!(value > 0)) {
    add(numberStart, numberEnd, `The distance must be a number of metres greater than 0, not ${numberMatch[0]}.`);
  } else if (!/^\d+$/.test(numberMatch[0])) {
    add(numberStart, numberEnd, `Stellio accepts only whole numbers of metres here: write ${Math.round(value)} instead of ${numberMatch[0]}.`, 'warning');
  }
  georel.distance = { modifier, value, text: numberMatch[0], start: numberStart, end: numberEnd };
  return hasError() ? { errors } : { georel, errors };
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 64) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

// ---------------------------------------------------------------------------------------------------------
// A whole geo-query.

export type GeoQueryMember = 'georel' | 'geometry' | 'coordinates' | 'geoproperty' | 'geoQ';

/**
 * A problem in a geo-query. `member` says which member it belongs to (`geoQ` for a missing member: anchor
 * it on the geoQ object). For a member given as a string (georel, geometry, geoproperty, and coordinates
 * written as a string), `start`/`end` are offsets inside that string; for `coordinates` given as a JSON
 * array, `path` is the index path inside it (e.g. [0, 3] = 4th position of the first ring). Never both;
 * neither for a member whose JSON type is wrong (anchor it on the member's value).
 */
export interface GeoQueryFinding {
  member: GeoQueryMember;
  severity: Severity;
  message: string;
  start?: number;
  end?: number;
  path?: number[];
}

/** The members of a geo-query, as already-parsed JSON values (or URL parameter strings). */
export interface GeoQueryInput {
  georel?: unknown;
  geometry?: unknown;
  coordinates?: unknown;
  geoproperty?: unknown;
}

export interface GeoQueryResult {
  findings: GeoQueryFinding[];
  georel?: GeoRel;
  geometry?: GeometryType;
}

/** Checks a geo-query's members against 4.10, GeoJSON (RFC 7946) and what the brokers accept. */
export function checkGeoQuery(input: GeoQueryInput): GeoQueryResult {
  const findings: GeoQueryFinding[] = [];
  const add = (f: GeoQueryFinding) => {
    if (findings.length < MAX_PROBLEMS) findings.push(f);
  };

  // georel
  let georel: GeoRel | undefined;
  if (input.georel === undefined) add({ member: 'geoQ', severity: 'error', message: `A geo-query needs "georel" (${RELATION_LIST}).` });
  else if (typeof input.georel !== 'string') add({ member: 'georel', severity: 'error', message: `georel must be a string such as "near;maxDistance==2000" or "within", not ${jsonKind(input.georel)}.` });
  else {
    const parsed = parseGeorel(input.georel);
    for (const e of parsed.errors) add({ member: 'georel', ...e });
    georel = parsed.georel;
  }

  // geometry
  let geometry: GeometryType | undefined;
  if (input.geometry === undefined) add({ member: 'geoQ', severity: 'error', message: `A geo-query needs "geometry" (${GEOMETRY_TYPES.join(', ')}).` });
  else if (typeof input.geometry !== 'string') add({ member: 'geometry', severity: 'error', message: `geometry must be the name of a GeoJSON geometry type such as "Point", not ${jsonKind(input.geometry)}.` });
  else {
    geometry = GEOMETRY_TYPES.find((t) => t === input.geometry);
    if (!geometry) add({ member: 'geometry', severity: 'error', start: 0, end: input.geometry.length, message: geometryTypeMessage(input.geometry) });
  }

  // coordinates
  if (input.coordinates === undefined) add({ member: 'geoQ', severity: 'error', message: 'A geo-query needs "coordinates" (a GeoJSON coordinates array, e.g. [8.5, 41.2] for a Point).' });
  else {
    const tree = typeof input.coordinates === 'string' ? readCoordinateString(input.coordinates, add) : readCoordinateValue(input.coordinates, add);
    if (tree && geometry) checkShape(tree, geometry, add);
  }

  // geoproperty (optional; location by default)
  if (input.geoproperty !== undefined) {
    if (typeof input.geoproperty !== 'string') add({ member: 'geoproperty', severity: 'error', message: `geoproperty must be the name of a GeoProperty such as "location", not ${jsonKind(input.geoproperty)}.` });
    else {
      const p = checkName(input.geoproperty, 0, input.geoproperty.length, 'GeoProperty name', true);
      if (p) {
        const message = p.iri ? `geoproperty is the short name of a GeoProperty as defined in your @context, not a full IRI (4.10).` : p.message;
        add({ member: 'geoproperty', severity: 'error', start: p.iri ? 0 : p.start, end: p.iri ? input.geoproperty.length : p.end, message });
      }
    }
  }

  // What the brokers accept together.
  if (georel && geometry) {
    const span = { start: 0, end: geometry.length };
    if (georel.relation === 'near' && geometry !== 'Point') {
      add({ member: 'geometry', severity: 'warning', ...span, message: `Orion-LD accepts near only with a Point; with a ${geometry} it refuses the query (the spec allows a buffer around any geometry).` });
    }
    if (georel.relation === 'within' && geometry !== 'Polygon' && geometry !== 'MultiPolygon') {
      add({ member: 'geometry', severity: 'error', ...span, message: `within needs an area: geometry Polygon or MultiPolygon, not ${geometry} (nothing lies within a ${geometry === 'Point' || geometry === 'MultiPoint' ? 'point' : 'line'}; Orion-LD refuses it).` });
    }
  }
  if (geometry === 'MultiPoint' || geometry === 'MultiLineString') {
    add({ member: 'geometry', severity: 'warning', start: 0, end: geometry.length, message: `Scorpio refuses ${geometry} in geo-queries (it accepts Point, LineString, Polygon and MultiPolygon).` });
  }
  return { findings, ...(georel ? { georel } : {}), ...(geometry ? { geometry } : {}) };
}

function geometryTypeMessage(value: string): string {
  const sameLetters = GEOMETRY_TYPES.find((t) => t.toLowerCase() === value.toLowerCase());
  if (sameLetters) return `GeoJSON type names are case-sensitive: write "${sameLetters}".`;
  if (value === 'GeometryCollection') return `GeometryCollection is not allowed in a geo-query (4.10): use one of ${GEOMETRY_TYPES.join(', ')}.`;
  if (value === 'Feature' || value === 'FeatureCollection') return `A geo-query takes a geometry type, not a GeoJSON ${value}: use one of ${GEOMETRY_TYPES.join(', ')}.`;
  return `"${shorten(value)}" is not a GeoJSON geometry type: use one of ${GEOMETRY_TYPES.join(', ')}.`;
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

// --- Coordinates: read into one tree, from a JSON value or a string, then checked against the geometry.

/** One number or array in the coordinates. The path is kept as parent + index (built only for a finding). */
interface CoordNode {
  kind: 'array' | 'number';
  items: CoordNode[];
  value: number;
  parent: CoordNode | undefined;
  index: number;
  /** Offsets, when the coordinates came as a string. */
  start?: number;
  end?: number;
}

/** Numbers have no items; sharing one empty array keeps big coordinate arrays cheap. */
const NO_ITEMS: CoordNode[] = [];

function pathOf(node: CoordNode): number[] {
  const path: number[] = [];
  for (let n: CoordNode | undefined = node; n?.parent; n = n.parent) path.push(n.index);
  return path.reverse();
}

type Add = (f: GeoQueryFinding) => void;

/** MultiPolygon needs four levels of arrays; anything much deeper is not coordinates. */
const MAX_COORDINATE_DEPTH = 6;

/** Where a finding about `node` goes: offsets inside the string it came from, or its index path in the JSON array. */
function at(node: CoordNode): Pick<GeoQueryFinding, 'path' | 'start' | 'end'> {
  return node.start === undefined ? { path: pathOf(node) } : { start: node.start, end: node.end! };
}

/** From an already-parsed JSON value. Iterative, and stops at MAX_COORDINATE_DEPTH. */
function readCoordinateValue(value: unknown, add: Add): CoordNode | undefined {
  if (!Array.isArray(value)) {
    add({ member: 'coordinates', severity: 'error', path: [], message: `coordinates must be an array (e.g. [8.5, 41.2] for a Point), not ${jsonKind(value)}.` });
    return undefined;
  }
  const root: CoordNode = { kind: 'array', items: [], value: NaN, parent: undefined, index: 0 };
  const stack: [unknown[], CoordNode, number][] = [[value, root, 0]];
  let ok = true;
  while (stack.length > 0) {
    const [array, node, depth] = stack.pop()!;
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      if (typeof item === 'number' && Number.isFinite(item)) {
        node.items.push({ kind: 'number', items: NO_ITEMS, value: item, parent: node, index: i });
        continue;
      }
      const child: CoordNode = { kind: 'array', items: [], value: NaN, parent: node, index: i };
      if (Array.isArray(item)) {
        if (depth + 1 >= MAX_COORDINATE_DEPTH) {
          add({ member: 'coordinates', severity: 'error', path: pathOf(child), message: 'coordinates are nested too deeply: even a MultiPolygon needs only four levels of arrays.' });
          return undefined;
        }
        node.items.push(child);
        stack.push([item, child, depth + 1]);
      } else {
        ok = false;
        const hint = typeof item === 'string' && item.trim() !== '' && Number.isFinite(Number(item)) ? ` (write ${item} without quotes)` : '';
        add({ member: 'coordinates', severity: 'error', path: pathOf(child), message: `Coordinates hold numbers and arrays only, not ${jsonKind(item)}${hint}.` });
      }
    }
  }
  return ok ? root : undefined;
}

/** From a string holding a JSON array (URL parameter style), keeping offsets. Iterative. */
function readCoordinateString(text: string, add: Add): CoordNode | undefined {
  const fail = (start: number, end: number, message: string): undefined => {
    add({ member: 'coordinates', severity: 'error', start, end, message });
    return undefined;
  };
  let pos = 0;
  const skip = () => {
    while (pos < text.length && isSpaceCode(text.charCodeAt(pos))) pos++;
  };
  skip();
  if (text[pos] !== '[') {
    if (pos >= text.length) return fail(0, text.length, 'coordinates is empty: a JSON array is expected, e.g. [8.5, 41.2] for a Point.');
    return fail(0, text.length, /^-?\d/.test(text.slice(pos))
      ? 'coordinates need square brackets: write them as a JSON array, e.g. [8.5, 41.2] (longitude first).'
      : 'coordinates must hold a JSON array, e.g. [8.5, 41.2] for a Point.');
  }
  const root: CoordNode = { kind: 'array', items: [], value: NaN, parent: undefined, index: 0, start: pos };
  const stack: CoordNode[] = [root];
  pos++;
  // After "[" or ",": an item is expected (or "]" right after "[").
  let expectItem = true;
  let justOpened = true;
  while (stack.length > 0) {
    skip();
    const node = stack[stack.length - 1]!;
    if (pos >= text.length) return fail(node.start!, node.start! + 1, 'This "[" is never closed: a "]" is expected.');
    const c = text[pos]!;
    if (c === ']') {
      if (expectItem && !justOpened) return fail(pos - 1, pos, 'A number or an array is expected after ",", not "]".');
      node.end = ++pos;
      stack.pop();
      expectItem = false;
      justOpened = false;
      continue;
    }
    if (!expectItem) {
      if (c === ',') {
        pos++;
        expectItem = true;
        justOpened = false;
        continue;
      }
      return fail(pos, pos + charAt(text, pos).length, `Expected "," or "]" in the coordinates, but found ${describeChar(charAt(text, pos))}.`);
    }
    const index = node.items.length;
    if (c === '[') {
      if (stack.length >= MAX_COORDINATE_DEPTH) return fail(pos, pos + 1, 'coordinates are nested too deeply: even a MultiPolygon needs only four levels of arrays.');
      const child: CoordNode = { kind: 'array', items: [], value: NaN, parent: node, index, start: pos };
      node.items.push(child);
      stack.push(child);
      pos++;
      expectItem = true;
      justOpened = true;
      continue;
    }
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = pos;
    const found = m.exec(text);
    if (!found) {
      const tokenEnd = findTokenEnd(text, pos);
      const token = text.slice(pos, tokenEnd);
      return fail(pos, tokenEnd, `Coordinates hold numbers and arrays only; ${shorten(token)} is not a number.`);
    }
    node.items.push({ kind: 'number', items: NO_ITEMS, value: Number(found[0]), parent: node, index, start: pos, end: pos + found[0].length });
    pos += found[0].length;
    expectItem = false;
    justOpened = false;
  }
  skip();
  if (pos < text.length) return fail(pos, text.length, 'Unexpected text after the coordinates array.');
  return root;
}

function findTokenEnd(text: string, pos: number): number {
  let end = pos + 1;
  while (end < text.length && !/[,\]\[\s]/.test(text[end]!)) end++;
  return end;
}

/** How many levels of arrays lead from `node` to its first number (following the first item each time). */
function depthOf(node: CoordNode): number | undefined {
  let depth = 0;
  let n: CoordNode | undefined = node;
  while (n && n.kind === 'array') {
    depth++;
    n = n.items[0];
  }
  return n ? depth : undefined; // undefined: an empty array on the way down
}

const EXPECTED_DEPTH: Record<GeometryType, number> = { Point: 1, MultiPoint: 2, LineString: 2, MultiLineString: 3, Polygon: 3, MultiPolygon: 4 };

const SHAPE: Record<GeometryType, string> = {
  Point: 'one position [longitude, latitude]',
  MultiPoint: 'an array of positions [[lon, lat], …]',
  LineString: 'an array of at least two positions [[lon, lat], [lon, lat], …]',
  MultiLineString: 'an array of LineStrings [[[lon, lat], [lon, lat]], …]',
  Polygon: 'an array of linear rings [[[lon, lat], …, the first position again]]',
  MultiPolygon: 'an array of Polygons [[[[lon, lat], …]], …]',
};

const FOUND_DEPTH = ['a number', 'a single position [lon, lat]', 'an array of positions [[lon, lat], …]', 'an array of arrays of positions [[[lon, lat], …]]', 'arrays of positions nested four deep'];

function checkShape(root: CoordNode, geometry: GeometryType, add: Add): void {
  const expected = EXPECTED_DEPTH[geometry];
  const actual = depthOf(root);
  if (actual !== undefined && actual !== expected) {
    const hint = actual === expected - 1 ? ' Add one more pair of [ ] around them.' : actual === expected + 1 ? ' Remove one pair of [ ].' : '';
    add({
      member: 'coordinates',
      severity: 'error',
      ...at(root),
      message: `A ${geometry}'s coordinates are ${SHAPE[geometry]}, but these are ${FOUND_DEPTH[actual] ?? 'nested too deeply'}.${hint}`,
    });
    return;
  }
  switch (geometry) {
    case 'Point':
      checkPosition(root, add);
      return;
    case 'MultiPoint':
      checkPositions(root, 1, 'A MultiPoint', add);
      return;
    case 'LineString':
      checkPositions(root, 2, 'A LineString', add);
      return;
    case 'MultiLineString':
      return eachArray(root, 'A MultiLineString', 'LineString', add, (line) => void checkPositions(line, 2, 'A LineString', add));
    case 'Polygon':
      return checkPolygon(root, add);
    case 'MultiPolygon':
      return eachArray(root, 'A MultiPolygon', 'Polygon', add, (polygon) => checkPolygon(polygon, add));
  }
}

function checkPolygon(polygon: CoordNode, add: Add): void {
  eachArray(polygon, 'A Polygon', 'linear ring', add, (ring) => {
    if (!checkPositions(ring, 4, 'A Polygon ring', add)) return;
    const first = ring.items[0]!;
    const last = ring.items[ring.items.length - 1]!;
    if (!samePosition(first, last)) {
      add({
        member: 'coordinates',
        severity: 'error',
        ...at(last),
        message: `This ring is not closed: its last position must repeat the first, [${first.items.map((n) => n.value).join(', ')}].`,
      });
    }
  });
}

/** Runs `each` on every item of `node`, which must be a non-empty array of arrays. */
function eachArray(node: CoordNode, owner: string, itemName: string, add: Add, each: (item: CoordNode) => void): void {
  if (node.kind !== 'array') return;
  if (node.items.length === 0) {
    add({ member: 'coordinates', severity: 'error', ...at(node), message: `${owner} needs at least one ${itemName}, but this array is empty.` });
    return;
  }
  for (const item of node.items) {
    if (item.kind !== 'array') add({ member: 'coordinates', severity: 'error', ...at(item), message: `${owner} holds ${itemName}s (arrays) here, not a number.` });
    else each(item);
  }
}

/** An array of at least `min` positions; true when every position is well formed. */
function checkPositions(node: CoordNode, min: number, owner: string, add: Add): boolean {
  if (node.kind !== 'array') return false;
  if (node.items.length < min) {
    const what = min === 1 ? 'at least one position' : `at least ${min} positions${min === 4 ? ' (a triangle plus the first position again)' : ''}`;
    add({ member: 'coordinates', severity: 'error', ...at(node), message: `${owner} needs ${what}, but this one has ${node.items.length}.` });
    return false;
  }
  let ok = true;
  for (const item of node.items) ok = checkPosition(item, add) && ok;
  return ok;
}

/** [longitude, latitude] or [longitude, latitude, altitude], in range. */
function checkPosition(node: CoordNode, add: Add): boolean {
  if (node.kind !== 'array') {
    add({ member: 'coordinates', severity: 'error', ...at(node), message: 'A position [longitude, latitude] is expected here, not a single number.' });
    return false;
  }
  const nested = node.items.find((n) => n.kind !== 'number');
  if (nested) {
    add({ member: 'coordinates', severity: 'error', ...at(nested), message: 'A position holds numbers only ([longitude, latitude]), not an array.' });
    return false;
  }
  if (node.items.length < 2 || node.items.length > 3) {
    add({ member: 'coordinates', severity: 'error', ...at(node), message: `A position is [longitude, latitude] (optionally with altitude), but this one has ${node.items.length} number${node.items.length === 1 ? '' : 's'}.` });
    return false;
  }
  const [lon, lat] = node.items as [CoordNode, CoordNode];
  const lonOk = Math.abs(lon.value) <= 180;
  const latOk = Math.abs(lat.value) <= 90;
  if (!latOk && Math.abs(lat.value) <= 180 && Math.abs(lon.value) <= 90) {
    add({
      member: 'coordinates',
      severity: 'error',
      ...at(node),
      message: `Latitude ${lat.value} is out of range (-90 to 90). Positions are [longitude, latitude]: these two look swapped, [${lat.value}, ${lon.value}] is probably meant.`,
    });
    return false;
  }
  if (!lonOk) add({ member: 'coordinates', severity: 'error', ...at(lon), message: `Longitude ${lon.value} is out of range: it must be between -180 and 180.` });
  if (!latOk) add({ member: 'coordinates', severity: 'error', ...at(lat), message: `Latitude ${lat.value} is out of range: it must be between -90 and 90.` });
  return lonOk && latOk;
}

function samePosition(a: CoordNode, b: CoordNode): boolean {
  return a.items.length === b.items.length && a.items.every((n, i) => n.value === b.items[i]!.value);
}
