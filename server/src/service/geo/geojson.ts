import type { CheckContext } from '../context';
import { GEOMETRY_TYPES, OTHER_GEOJSON_TYPES, isGeometryType, type GeometryType } from '../ngsi-ld/constants';
import { closest } from '../ngsi-ld/syntax';
import { describeType, hasOwn, isObject, member, preview, type JsonPath } from '../json/values';

/** True when the value is shaped like a GeoJSON geometry (what concise inference calls a GeoProperty). */
export function looksLikeGeometry(value: unknown): boolean {
  return isObject(value) && isGeometryType(member(value, 'type')) && hasOwn(value, 'coordinates');
}

/** True when the value is any GeoJSON object, geometry or not. */
export function looksLikeGeoJson(value: unknown): boolean {
  if (!isObject(value)) return false;
  const type = member(value, 'type');
  return (isGeometryType(type) && hasOwn(value, 'coordinates')) || (typeof type === 'string' && OTHER_GEOJSON_TYPES.has(type));
}

type Position = number[];

/**
 * The common case, told at once: {"type": "Point", "coordinates": [longitude, latitude]} with nothing else,
 * both numbers in range (what the full check would accept without a word).
 */
function isPlainPoint(value: unknown): boolean {
  if (!isObject(value) || value.type !== 'Point') return false;
  const c = value.coordinates;
  if (!Array.isArray(c) || c.length !== 2) return false;
  const [lon, lat] = c as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) return false;
  let members = 0;
  for (const key in value) {
    if (key !== 'type' && key !== 'coordinates') return false;
    members++;
  }
  return members === 2;
}

/** Nesting depth of positions in `coordinates` for each geometry type. */
const DEPTH: Record<GeometryType, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

const SHAPE: Record<GeometryType, string> = {
  Point: 'one position [longitude, latitude]',
  MultiPoint: 'an array of positions',
  LineString: 'an array of at least two positions',
  MultiLineString: 'an array of LineStrings (arrays of at least two positions)',
  Polygon: 'an array of linear rings (arrays of at least four positions, the last equal to the first)',
  MultiPolygon: 'an array of Polygons (arrays of linear rings)',
};

/**
 * GEO-001 to GEO-006: `value` is the value of a GeoProperty at `path`. Returns true when the geometry is
 * well formed (the caller may then trust it).
 */
export function checkGeometry(ctx: CheckContext, value: unknown, path: JsonPath): boolean {
  if (isPlainPoint(value)) return true;
  if (!isObject(value)) {
    const fixes = typeof value === 'string' ? pointFromText(value, path) : undefined;
    ctx.report({
      code: 'geo/not-an-object',
      path,
      message:
        typeof value === 'string'
          ? `A geometry is a GeoJSON object such as {"type": "Point", "coordinates": [longitude, latitude]}, not the text ${preview(value)}.`
          : `A geometry is a GeoJSON object such as {"type": "Point", "coordinates": [longitude, latitude]}, not ${describeType(value)}.`,
      fixes,
    });
    return false;
  }
  const type = member(value, 'type');
  if (!isGeometryType(type)) {
    reportGeometryType(ctx, value, type, path);
    return false;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'type' && key !== 'coordinates') {
      ctx.report({
        code: 'geo/extra-member',
        path: [...path, key],
        target: 'key',
        message: `"${key}" is not allowed in a GeoProperty value: Orion-LD refuses any member besides "type" and "coordinates".`,
        fixes: [{ kind: 'remove', title: `Remove "${key}"`, path: [...path, key], safe: false }],
      });
    }
  }
  if (!hasOwn(value, 'coordinates')) {
    ctx.report({ code: 'geo/coordinates', path, message: `A ${type} needs "coordinates": ${SHAPE[type]}.` });
    return false;
  }
  const coordinates = value.coordinates;
  const coordinatesPath = [...path, 'coordinates'];
  if (!checkShape(ctx, type, coordinates, coordinatesPath)) return false;
  return checkPositions(ctx, type, coordinates, coordinatesPath);
}

function reportGeometryType(ctx: CheckContext, value: Record<string, unknown>, type: unknown, path: JsonPath): void {
  const typePath = [...path, 'type'];
  if (type === undefined) {
    ctx.report({ code: 'geo/geometry-type', path, message: `A geometry needs "type": one of ${GEOMETRY_TYPES.join(', ')}.` });
    return;
  }
  if (typeof type !== 'string') {
    ctx.report({ code: 'geo/geometry-type', path: typePath, message: `The geometry "type" is a string, one of ${GEOMETRY_TYPES.join(', ')}; here it is ${describeType(type)}.` });
    return;
  }
  if (type === 'Feature') {
    const geometry = member(value, 'geometry');
    ctx.report({
      code: 'geo/geometry-type',
      path: typePath,
      message: 'A GeoJSON Feature is not a geometry: a GeoProperty value is the geometry itself (the Feature\'s "geometry" member).',
      fixes: isObject(geometry) ? [{ kind: 'set-value', title: 'Use the Feature\'s geometry', path, value: geometry, safe: false }] : undefined,
    });
    return;
  }
  if (OTHER_GEOJSON_TYPES.has(type)) {
    ctx.report({ code: 'geo/geometry-type', path: typePath, message: `${type} is GeoJSON but not a GeoProperty value; NGSI-LD takes ${GEOMETRY_TYPES.join(', ')}.` });
    return;
  }
  const suggestion = closest(type, GEOMETRY_TYPES);
  ctx.report({
    code: 'geo/geometry-type',
    path: typePath,
    message: `"${type}" is not a geometry type${suggestion ? `; did you mean "${suggestion}"?` : `; use one of ${GEOMETRY_TYPES.join(', ')}.`}`,
    fixes: suggestion ? [{ kind: 'set-value', title: `Change to ${suggestion}`, path: typePath, value: suggestion, safe: true }] : undefined,
  });
}

/** Checks the nesting of `coordinates` and the counts each level needs. */
function checkShape(ctx: CheckContext, type: GeometryType, coordinates: unknown, path: JsonPath): boolean {
  const depth = DEPTH[type];
  let ok = true;
  const visit = (node: unknown, level: number, nodePath: JsonPath): void => {
    if (!ok) return;
    if (level === depth) {
      if (!isPositionShape(node)) {
        ok = false;
        ctx.report({
          code: 'geo/coordinates',
          path: nodePath,
          message: `A position is an array of two or three numbers [longitude, latitude(, altitude)]; here it is ${preview(node)}. A ${type} has ${SHAPE[type]}.`,
        });
      }
      return;
    }
    if (!Array.isArray(node)) {
      ok = false;
      ctx.report({ code: 'geo/coordinates', path: nodePath, message: `The coordinates of a ${type} are ${SHAPE[type]}; here the nesting is wrong (${preview(node)}).` });
      return;
    }
    const isRing = (type === 'Polygon' && level === 1) || (type === 'MultiPolygon' && level === 2);
    const isLine = type === 'LineString' || (type === 'MultiLineString' && level === 1);
    if (isRing && node.length < 4) {
      ok = false;
      ctx.report({ code: 'geo/coordinates', path: nodePath, message: `A linear ring needs at least four positions (the last repeating the first); this one has ${node.length}.` });
      return;
    }
    if (isLine && node.length < 2) {
      ok = false;
      ctx.report({ code: 'geo/coordinates', path: nodePath, message: `A LineString needs at least two positions; this one has ${node.length}.` });
      return;
    }
    if (node.length === 0 && level < depth) {
      ok = false;
      ctx.report({ code: 'geo/coordinates', path: nodePath, message: `The coordinates of a ${type} are ${SHAPE[type]}; this array is empty.` });
      return;
    }
    node.forEach((child, i) => visit(child, level + 1, [...nodePath, i]));
  };
  visit(coordinates, 0, path);
  return ok;
}

function isPositionShape(node: unknown): node is Position {
  return Array.isArray(node) && (node.length === 2 || node.length === 3) && node.every((n) => typeof n === 'number' && Number.isFinite(n));
}

interface PositionRef {
  position: Position;
  path: JsonPath;
}

function positionsOf(type: GeometryType, coordinates: unknown, path: JsonPath): PositionRef[] {
  const out: PositionRef[] = [];
  const depth = DEPTH[type];
  const visit = (node: unknown, level: number, nodePath: JsonPath) => {
    if (level === depth) out.push({ position: node as Position, path: nodePath });
    else (node as unknown[]).forEach((child, i) => visit(child, level + 1, [...nodePath, i]));
  };
  visit(coordinates, 0, path);
  return out;
}

const inRange = (lon: number, lat: number) => lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;

function swapAll(node: unknown, level: number, depth: number): unknown {
  if (level === depth) {
    const p = node as Position;
    return [p[1], p[0], ...p.slice(2)];
  }
  return (node as unknown[]).map((child) => swapAll(child, level + 1, depth));
}

/** Ranges, swapped axes, ring closure, altitude and orientation; the shape is known to be right. */
function checkPositions(ctx: CheckContext, type: GeometryType, coordinates: unknown, path: JsonPath): boolean {
  const positions = positionsOf(type, coordinates, path);
  const outOfRange = positions.filter(({ position: [lon, lat] }) => !inRange(lon!, lat!));
  let ok = outOfRange.length === 0;
  if (outOfRange.length > 0) {
    const swappedValid = positions.every(({ position: [lon, lat] }) => inRange(lat!, lon!));
    if (swappedValid) {
      const first = outOfRange[0]!.position;
      ctx.report({
        code: 'geo/swapped-coordinates',
        path,
        message:
          `Longitude and latitude look swapped: ${first[1]} is not a latitude (it must be within ±90), but [${first[1]}, ${first[0]}] ` +
          'is a valid position. GeoJSON writes [longitude, latitude].',
        fixes: [{ kind: 'set-value', title: 'Swap longitude and latitude', path, value: swapAll(coordinates, 0, DEPTH[type]), safe: true }],
      });
    } else {
      for (const { position, path: positionPath } of outOfRange) {
        const [lon, lat] = position as [number, number];
        if (lon < -180 || lon > 180) {
          ctx.report({ code: 'geo/position-range', path: [...positionPath, 0], message: `Longitude ${lon} is out of range: it must be within -180 and 180.` });
        }
        if (lat < -90 || lat > 90) {
          ctx.report({ code: 'geo/position-range', path: [...positionPath, 1], message: `Latitude ${lat} is out of range: it must be within -90 and 90.` });
        }
      }
    }
  }
  const threeD = positions.find(({ position }) => position.length === 3);
  if (threeD) {
    ctx.report({ code: 'geo/altitude', path: threeD.path, message: 'This position has an altitude; GeoJSON allows it, but Scorpio only accepts two numbers per position.' });
  }
  if (type === 'Polygon' || type === 'MultiPolygon') {
    const polygons: { rings: Position[][]; path: JsonPath }[] =
      type === 'Polygon'
        ? [{ rings: coordinates as Position[][], path }]
        : (coordinates as Position[][][]).map((rings, i) => ({ rings, path: [...path, i] }));
    for (const polygon of polygons) {
      polygon.rings.forEach((ring, r) => {
        const ringPath = [...polygon.path, r];
        const first = ring[0]!;
        const last = ring[ring.length - 1]!;
        if (first.length !== last.length || first.some((n, i) => n !== last[i])) {
          ok = false;
          ctx.report({
            code: 'geo/ring-not-closed',
            path: ringPath,
            message: `This linear ring is not closed: its last position ${preview(last)} must repeat its first ${preview(first)}.`,
            fixes: [{ kind: 'set-value', title: 'Close the ring', path: ringPath, value: [...ring, first], safe: true }],
          });
          return;
        }
        const area = signedArea(ring);
        const outer = r === 0;
        if ((outer && area < 0) || (!outer && area > 0)) {
          ctx.report({
            code: 'geo/ring-orientation',
            path: ringPath,
            message: outer
              ? 'This outer ring runs clockwise; RFC 7946 says outer rings should run counter-clockwise.'
              : 'This hole runs counter-clockwise; RFC 7946 says holes should run clockwise.',
          });
        }
      });
    }
  }
  return ok;
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** `"lat, lon"` text (the NGSI-v2 geo:point form) as a GeoJSON Point. */
function pointFromText(text: string, path: JsonPath) {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return undefined;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (!inRange(lon, lat)) return undefined;
  return [
    {
      kind: 'set-value' as const,
      title: `Write a GeoJSON Point at longitude ${lon}, latitude ${lat}`,
      path,
      value: { type: 'Point', coordinates: [lon, lat] },
      safe: false,
    },
  ];
}
