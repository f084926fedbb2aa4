/**
 * What the compliance report needs to know about one checked file, besides its problems: which MIMs it falls
 * under, which @contexts it names, and which data model it defines. Read from the parsed document and the
 * result of its check; nothing is checked again.
 */
import type { JsonDocument } from '../json/document';
import { isObject, someObject } from '../json/values';
import { MIMS, type MimId } from '../mims';
import type { Problem } from '../problem';
import { isRuleCode, RULES } from '../rules';
import { typeOfSchema } from '../sdm/catalog';
import { modelExampleOf } from '../sdm/examples';
import type { ModelUse } from '../sdm/validate';

/** One checked file, as the report sees it. */
export interface ReportFile {
  /** How the file is named in the report: relative to the folder checked. */
  path: string;
  /** Where it is (a file URI, or whatever URI the editor gave it). */
  uri: string;
  /** The payload kind the checker took it for ("entity", "subscription", "none", ...). */
  kind: string;
  /** The MIMs the file falls under; empty for a JSON file that is none of the MIMs' business. */
  mims: MimId[];
  problems: Problem[];
  /** The data models its entities were checked against (or why not). */
  models: ModelUse[];
  /** The @context URLs it names. */
  contexts: string[];
  /** It carries an @context written inline (an object). */
  inlineContext: boolean;
  /** The data model the file defines, when it is a schema.json. */
  definition?: { type?: string; version?: string; title?: string };
}

/**
 * The MIMs each kind of file falls under by what it is. Files fall under more MIMs by what they hold (a data
 * model checked, a geometry) and by the problems reported on them.
 */
export const KIND_MIMS: Readonly<Record<string, readonly MimId[]>> = {
  entity: ['MIM1'],
  'entity-update': ['MIM1'],
  attribute: ['MIM1'],
  batch: ['MIM1'],
  'batch-delete': ['MIM1'],
  temporal: ['MIM1'],
  subscription: ['MIM1', 'MIM6'],
  registration: ['MIM1', 'MIM6'],
  notification: ['MIM1'],
  query: ['MIM1'],
  context: ['MIM1'],
  'ngsi-v2': [],
  'data-model-schema': ['MIM2'],
  'algorithm-register': ['MIM5'],
  'odrl-policy': ['MIM3', 'MIM4'],
  // Recognised and left alone: no rule runs on them (GeoJSON is checked inside NGSI-LD payloads only).
  geojson: [],
  'problem-details': [],
  expanded: [],
  none: [],
};

const NO_PAYLOAD = new Set(['none', 'geojson', 'ngsi-v2', 'problem-details', 'expanded', 'data-model-schema', 'algorithm-register', 'odrl-policy']);
const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection', 'Feature', 'FeatureCollection']);
/** How much of a document the look for geometries walks (a batch of thousands of entities is read whole). */
const MAX_NODES = 500_000;

export function fileFacts(doc: JsonDocument, result: { detection: { kind: string }; problems: Problem[]; models: ModelUse[] }, path: string): ReportFile {
  const root = doc.root;
  const kind = result.detection.kind;
  const mims = new Set<MimId>(KIND_MIMS[kind] ?? []);
  if (result.models.some((m) => m.state === 'ready' || m.state === 'error')) mims.add('MIM2');
  if (modelExampleOf(doc.uri)) mims.add('MIM2');
  // Places in NGSI-LD payloads: a GeoProperty, a geometry, a geo-query (the geometry rules run there only).
  if (!mims.has('MIM7') && !NO_PAYLOAD.has(kind) && holdsGeometry(root)) mims.add('MIM7');
  // A problem brings its file under the MIM its rule is filed under; the other MIMs the rule serves count it
  // only in files that fall under them already (a policy is not an NGSI-LD payload for naming a type).
  for (const p of result.problems) if (isRuleCode(p.code)) mims.add(RULES[p.code].mim);
  const { contexts, inline } = contextsOf(root);
  const file: ReportFile = {
    path,
    uri: doc.uri,
    kind,
    mims: (Object.keys(MIMS) as MimId[]).filter((m) => mims.has(m)),
    problems: result.problems,
    models: result.models,
    contexts,
    inlineContext: inline,
  };
  if (kind === 'data-model-schema' && isObject(root)) {
    file.definition = {
      type: typeOfSchema(root),
      version: typeof root.$schemaVersion === 'string' ? root.$schemaVersion : undefined,
      title: typeof root.title === 'string' ? root.title : undefined,
    };
  }
  return file;
}

/** True when a GeoJSON geometry, a Feature or a geo-query appears anywhere in the value. */
export function holdsGeometry(root: unknown): boolean {
  return someObject(
    root,
    (node) =>
      (typeof node.type === 'string' && GEOMETRY_TYPES.has(node.type) && ('coordinates' in node || 'geometry' in node || 'features' in node || 'geometries' in node)) ||
      node.type === 'GeoProperty' ||
      isObject(node.geoQ),
    { maxNodes: MAX_NODES },
  );
}

/** The @context URLs a payload names: its own, or those of each item of an array of payloads. */
function contextsOf(root: unknown): { contexts: string[]; inline: boolean } {
  const urls = new Set<string>();
  let inline = false;
  const visit = (value: unknown, depth: number) => {
    if (typeof value === 'string') urls.add(value);
    else if (Array.isArray(value) && depth === 0) value.forEach((v) => visit(v, 1));
    else if (isObject(value)) inline = true;
  };
  const payloads = Array.isArray(root) ? root : [root];
  for (const payload of payloads) if (isObject(payload) && '@context' in payload) visit(payload['@context'], 0);
  return { contexts: [...urls], inline };
}
