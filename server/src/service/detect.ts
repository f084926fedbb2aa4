import type { MediaType } from './context';
import { looksLikeGeoJson } from './geo/geojson';
import { hasOwn, isObject, member, type JsonObject } from './json/values';
import { registerEntryEvidence, registerListEvidence } from './mim5/register';
import {
  ENTITY_RESERVED_MEMBERS,
  MAIN_MEMBERS,
  NON_ENTITY_TYPES,
  PROBLEM_DETAILS_PREFIX,
  isAttributeKind,
  isNgsiV2Type,
} from './ngsi-ld/constants';
import { DATA_TYPES } from './ngsi-ld/data-types';
import { odrlPolicyEvidence } from './odrl/terms';

/**
 * What a file holds. Entity payloads are checked now; the other NGSI-LD kinds are recognised so that
 * they are never checked as if they were entities.
 */
export const PAYLOAD_KINDS = [
  'entity',
  'entity-update',
  'attribute',
  'batch',
  'batch-delete',
  'temporal',
  'subscription',
  'registration',
  'notification',
  'query',
  'problem-details',
  'context',
  'geojson',
  'expanded',
  'ngsi-v2',
  'data-model-schema',
  'algorithm-register',
  'odrl-policy',
  'none',
] as const;

export type PayloadKind = (typeof PAYLOAD_KINDS)[number];

export const PAYLOAD_KIND_LABELS: Readonly<Record<PayloadKind, string>> = {
  entity: 'NGSI-LD entity',
  'entity-update': 'NGSI-LD entity update (merge or patch)',
  attribute: 'NGSI-LD attribute',
  batch: 'NGSI-LD batch of entities',
  'batch-delete': 'NGSI-LD batch delete (entity ids)',
  temporal: 'NGSI-LD temporal representation',
  subscription: 'NGSI-LD subscription',
  registration: 'NGSI-LD context source registration',
  notification: 'NGSI-LD notification',
  query: 'NGSI-LD query',
  'problem-details': 'NGSI-LD error response',
  context: 'JSON-LD @context document',
  geojson: 'GeoJSON',
  expanded: 'expanded JSON-LD',
  'ngsi-v2': 'NGSI-v2 payload',
  'data-model-schema': 'Smart Data Models schema',
  'algorithm-register': 'Algorithm register entry (ATS v0.3.1)',
  'odrl-policy': 'ODRL policy',
  none: 'not an NGSI payload',
};

export interface Detection {
  kind: PayloadKind;
  /** True when the kind comes from the user's settings. */
  declared: boolean;
  /** Why the kind was chosen, in words (shown in the status item and in the JSON output). */
  reason: string;
}

/** The media type a file is sent with, from its name (NGSI-CTX-001/002 depend on it). */
export function mediaTypeOf(uriOrPath: string, languageId?: string): MediaType | undefined {
  const path = uriOrPath.replace(/[?#].*$/, '').toLowerCase();
  if (path.endsWith('.jsonld') || path.endsWith('.json-ld')) return 'application/ld+json';
  if (path.endsWith('.json')) return 'application/json';
  if (languageId === 'jsonld') return 'application/ld+json';
  return undefined;
}

/**
 * A data model's JSON Schema: a file named schema.json that reads as a JSON Schema (the shared
 * `<subject>-schema.json` files hold definitions only and are read as the documents models refer to).
 */
export function detectDataModelSchema(uri: string, root: unknown): Detection | undefined {
  const name = uri.replace(/[?#].*$/, '').replace(/^.*\//, '');
  if (name !== 'schema.json' || !isObject(root)) return undefined;
  const schemaLike = ['$schema', '$schemaVersion', '$id', 'allOf', 'properties', 'required'].some((k) => hasOwn(root, k));
  if (!schemaLike) return undefined;
  return { kind: 'data-model-schema', declared: false, reason: 'a JSON Schema named schema.json: the schema of a data model' };
}

/** Decides what the parsed root of a file is. */
export function detect(root: unknown, mediaType: MediaType | undefined): Detection {
  const other = detectOtherMim(root);
  if (other) return other;
  if (Array.isArray(root)) return detectArray(root, mediaType);
  if (!isObject(root)) return { kind: 'none', declared: false, reason: 'the file holds neither an object nor an array' };
  return detectObject(root, mediaType);
}

/**
 * Files of other MIMs, told by their own members before any NGSI-LD reading: ODRL policies (MIM3/MIM4) and
 * algorithm register entries (MIM5), one or a list of them.
 */
function detectOtherMim(root: unknown): Detection | undefined {
  if (Array.isArray(root)) {
    const list = registerListEvidence(root);
    return list ? { kind: 'algorithm-register', declared: false, reason: list } : undefined;
  }
  if (!isObject(root)) return undefined;
  const policy = odrlPolicyEvidence(root);
  if (policy) return { kind: 'odrl-policy', declared: false, reason: policy };
  const entry = registerEntryEvidence(root);
  return entry ? { kind: 'algorithm-register', declared: false, reason: entry } : undefined;
}

function detectArray(items: unknown[], mediaType: MediaType | undefined): Detection {
  if (items.length === 0) {
    return mediaType === 'application/ld+json'
      ? { kind: 'batch', declared: false, reason: 'an empty array in a JSON-LD file is an (empty) batch' }
      : { kind: 'none', declared: false, reason: 'an empty array' };
  }
  const strings = items.filter((i) => typeof i === 'string') as string[];
  const objects = items.filter(isObject);
  if (strings.length > objects.length) {
    const uriLike = strings.filter((s) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s)).length;
    if (uriLike > 0 && (uriLike === strings.length || mediaType === 'application/ld+json')) {
      return { kind: 'batch-delete', declared: false, reason: 'an array of entity ids is the body of a batch delete' };
    }
    return { kind: 'none', declared: false, reason: 'an array of strings that are not entity ids' };
  }
  // The first items tell what a batch is; classifying thousands of entities one by one would not.
  const kinds = objects.slice(0, 50).map((o) => detectObject(o, mediaType).kind);
  const count = (k: PayloadKind) => kinds.filter((x) => x === k).length;
  if (count('temporal') > 0) return { kind: 'temporal', declared: false, reason: 'an array of entities in the temporal representation' };
  const entityLike = count('entity') + count('entity-update');
  if (entityLike > 0) return { kind: 'batch', declared: false, reason: 'an array of NGSI-LD entities is the body of a batch operation' };
  for (const k of ['subscription', 'registration', 'notification', 'ngsi-v2', 'geojson'] as const) {
    if (count(k) > 0) return { kind: k, declared: false, reason: `an array of ${PAYLOAD_KIND_LABELS[k]} objects` };
  }
  return { kind: 'none', declared: false, reason: 'an array with no NGSI-LD entities in it' };
}

function detectObject(obj: JsonObject, mediaType: MediaType | undefined): Detection {
  const type = member(obj, 'type');
  const hasId = hasOwn(obj, 'id') || hasOwn(obj, '@id');
  if (typeof type === 'string' && Object.prototype.hasOwnProperty.call(NON_ENTITY_TYPES, type)) {
    return { kind: NON_ENTITY_TYPES[type] as PayloadKind, declared: false, reason: `its type is "${type}"` };
  }
  if (typeof type === 'string' && type.startsWith(PROBLEM_DETAILS_PREFIX)) {
    return { kind: 'problem-details', declared: false, reason: 'its type is an NGSI-LD error type' };
  }
  if (Array.isArray(obj['@type']) || (hasOwn(obj, '@id') && Object.keys(obj).some((k) => /^[a-z][a-z0-9+.-]*:\/\//i.test(k)))) {
    return { kind: 'expanded', declared: false, reason: 'it is in expanded JSON-LD form (full IRIs as member names)' };
  }
  if (looksLikeGeoJson(obj)) return { kind: 'geojson', declared: false, reason: `its type is the GeoJSON type "${String(type)}"` };
  if (isAttributeKind(type) && !hasId) {
    return { kind: 'attribute', declared: false, reason: `its type is the attribute kind "${type}"` };
  }
  const main = MAIN_MEMBERS.find((m) => hasOwn(obj, m));
  if (main && !hasId && type === undefined) {
    return { kind: 'attribute', declared: false, reason: `it has "${main}" at the top: the body of an attribute update in concise form` };
  }
  // The shape says more than a wrong type: a subscription typed "RandomType" is still a subscription.
  if (!isAttributeKind(type) && isObject(obj.notification) && (hasOwn(obj, 'entities') || hasOwn(obj, 'watchedAttributes') || hasOwn(obj.notification, 'endpoint'))) {
    return { kind: 'subscription', declared: false, reason: 'it has a "notification" with entities, watched attributes or an endpoint' };
  }
  // An update of a subscription may hold nothing but subscription members (a new notification, isActive...).
  if (!hasId && (type === undefined || type === 'Subscription') && isObject(obj.notification) && Object.keys(obj).every((k) => k in DATA_TYPES.Subscription.members)) {
    return { kind: 'subscription', declared: false, reason: 'it holds only subscription members (the body of a subscription update)' };
  }
  if (!isAttributeKind(type) && Array.isArray(obj.information) && hasOwn(obj, 'endpoint')) {
    return { kind: 'registration', declared: false, reason: 'it has "information" and "endpoint"' };
  }
  if (!hasId && type === undefined) {
    if (typeof obj.subscriptionId === 'string' && Array.isArray(obj.data)) {
      return { kind: 'notification', declared: false, reason: 'it has "subscriptionId" and "data"' };
    }
    if (hasOwn(obj, 'temporalQ') || (Array.isArray(obj.entities) && (hasOwn(obj, 'q') || hasOwn(obj, 'geoQ') || hasOwn(obj, 'attrs')))) {
      return { kind: 'query', declared: false, reason: 'it holds query members' };
    }
  }
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === '@context') return { kind: 'context', declared: false, reason: 'it holds only "@context"' };
  if (keys.length === 0) return { kind: 'none', declared: false, reason: 'an empty object' };

  const evidence = flavourEvidence(obj, mediaType);
  if (evidence.temporal) return { kind: 'temporal', declared: false, reason: evidence.temporal };
  const attributes = keys.filter((k) => !ENTITY_RESERVED_MEMBERS.has(k));
  if (!evidence.ld) {
    if (evidence.v2) return { kind: 'ngsi-v2', declared: false, reason: evidence.v2 };
    if (hasId && typeof type === 'string' && typeof (obj.id ?? obj['@id']) === 'string' && attributes.length > 0) {
      return { kind: 'ngsi-v2', declared: false, reason: 'it has an id that is not an NGSI-LD URN and no @context: read as NGSI-v2 keyValues' };
    }
    return { kind: 'none', declared: false, reason: 'nothing in it is NGSI-LD' };
  }
  if (hasId) return { kind: 'entity', declared: false, reason: `${evidence.ld}` };
  if (type !== undefined && attributes.length > 0) {
    return { kind: 'entity', declared: false, reason: `it has a type and attributes (${evidence.ld})` };
  }
  return { kind: 'entity-update', declared: false, reason: `it has no id, so it is read as the body of a merge or update request (${evidence.ld})` };
}

/** Members of the simplified and aggregated temporal representations (arrays of [value, time...]). */
const TEMPORAL_ARRAY_MEMBERS = [
  'values',
  'objects',
  'languageMaps',
  'vocabs',
  'valueLists',
  'objectLists',
  'jsons',
  'totalCount',
  'distinctCount',
  'sum',
  'avg',
  'min',
  'max',
  'stddev',
  'sumsq',
];

interface Evidence {
  ld?: string;
  v2?: string;
  temporal?: string;
}

/** Signs that an entity-like object is NGSI-LD, NGSI-v2, or a temporal representation. */
function flavourEvidence(obj: JsonObject, mediaType: MediaType | undefined): Evidence {
  const evidence: Evidence = {};
  if (hasOwn(obj, '@context')) evidence.ld = 'it has an @context';
  else if (mediaType === 'application/ld+json') evidence.ld = 'it is a JSON-LD file';
  const id = member(obj, 'id') ?? member(obj, '@id');
  if (!evidence.ld && typeof id === 'string' && id.startsWith('urn:ngsi-ld:')) evidence.ld = 'its id is an NGSI-LD URN';
  if (!evidence.ld && hasOwn(obj, 'scope')) evidence.ld = 'it has a scope';
  for (const key of Object.keys(obj)) {
    if (ENTITY_RESERVED_MEMBERS.has(key) && key !== 'scope') continue;
    const value = obj[key];
    const instances = Array.isArray(value) ? value : [value];
    for (const instance of instances) {
      if (!isObject(instance)) continue;
      const type = member(instance, 'type');
      if (!evidence.ld) {
        if (isAttributeKind(type) && (type !== 'Relationship' || hasOwn(instance, 'object'))) evidence.ld = `its attribute "${key}" is a ${type}`;
        else if (MAIN_MEMBERS.some((m) => m !== 'value' && hasOwn(instance, m))) evidence.ld = `its attribute "${key}" is written in the concise form`;
        else if (hasOwn(instance, 'observedAt') || hasOwn(instance, 'unitCode') || hasOwn(instance, 'datasetId')) evidence.ld = `its attribute "${key}" has NGSI-LD members`;
      }
      if (!evidence.v2 && (hasOwn(instance, 'metadata') || (isNgsiV2Type(type) && hasOwn(instance, 'value')))) {
        evidence.v2 = `its attribute "${key}" is written in NGSI-v2 form${isNgsiV2Type(type) ? ` (type "${type}")` : ' (metadata)'}`;
      }
      for (const temporal of TEMPORAL_ARRAY_MEMBERS) {
        if (!evidence.temporal && Array.isArray(instance[temporal]) && !hasOwn(instance, 'value')) {
          evidence.temporal = `its attribute "${key}" has "${temporal}" (the simplified temporal representation)`;
        }
      }
      if (!evidence.temporal && typeof instance.instanceId === 'string') evidence.temporal = `its attribute "${key}" carries instanceId`;
    }
    if (!evidence.temporal && Array.isArray(value) && repeatsObservations(value)) {
      evidence.temporal = `its attribute "${key}" holds several observations of the same instance (the temporal representation)`;
    }
  }
  return evidence;
}

/** Two or more instances with the same datasetId (or none), each with observedAt: instances over time. */
function repeatsObservations(instances: unknown[]): boolean {
  const seen = new Set<string>();
  for (const instance of instances) {
    if (!isObject(instance) || typeof instance.observedAt !== 'string') continue;
    const key = typeof instance.datasetId === 'string' ? instance.datasetId : '';
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
