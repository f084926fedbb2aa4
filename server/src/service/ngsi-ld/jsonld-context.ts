/**
 * JSON-LD @context for NGSI-LD payloads: the core context known offline, user contexts read through the
 * DocumentReader (workspace, mim.contexts.map, a local Smart Data Models checkout, the cache, downloads),
 * and the expansion of attribute and type names against them.
 *
 * This is the part of JSON-LD 1.1 context processing the checks need (term definitions, prefixes, @vocab,
 * protected core terms, nested and remote contexts), not a full expansion of the document.
 */
import type { DocumentReader, LoadedDocument } from '../documents';
import { isObject, type JsonPath } from '../json/values';

export const NGSI_LD_PREFIX = 'https://uri.etsi.org/ngsi-ld/';
export const DEFAULT_VOCAB = 'https://uri.etsi.org/ngsi-ld/default-context/';
const GEOJSON_PREFIX = 'https://purl.org/geojson/vocab#';
const CORE_URL = /^https?:\/\/uri\.etsi\.org\/ngsi-ld\/v1\/ngsi-ld-core-context(?:-v(\d+)\.(\d+))?\.jsonld$/;
/** Core context versions published at uri.etsi.org. */
const CORE_VERSIONS = new Set(['1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9']);

export function isCoreContextUrl(url: string): boolean {
  return CORE_URL.test(url);
}

/** The version of a core context URL, "latest" for the unversioned one, undefined for other URLs. */
export function coreContextVersion(url: string): string | undefined {
  const m = CORE_URL.exec(url);
  if (!m) return undefined;
  return m[1] ? `${m[1]}.${m[2]}` : 'latest';
}

export function isKnownCoreVersion(version: string): boolean {
  return version === 'latest' || CORE_VERSIONS.has(version);
}

// The core @context (GS CIM 009 v1.9 Annex B): most terms are ngsi-ld:<term>; these are not.
const HAS_PREFIXED = [
  'value', 'object', 'languageMap', 'vocab', 'valueList', 'objectList', 'json', 'objectType', 'objects', 'objectLists', 'values',
  'valueLists', 'languageMaps', 'vocabs', 'previousValue', 'previousObject', 'previousLanguageMap', 'previousVocab', 'previousValueList',
  'previousObjectList', 'previousJson', 'valueType', 'dataset', 'entityMap', 'joinLevel', 'key',
];
const HAS_IRI: Record<string, string> = {
  json: 'hasJSON',
  previousJson: 'hasPreviousJson',
  dataset: 'hasDataset',
  entityMap: 'hasEntityMap',
  joinLevel: 'hasJoinLevel',
  key: 'hasKey',
};
const GEOJSON_TERMS = ['Feature', 'FeatureCollection', 'GeometryCollection', 'LineString', 'MultiLineString', 'MultiPoint', 'MultiPolygon', 'Point', 'Polygon', 'bbox', 'coordinates', 'features', 'geometry', 'properties'];
const OTHER_CORE_IRIS: Record<string, string> = {
  id: '@id',
  type: '@type',
  'ngsi-ld': NGSI_LD_PREFIX,
  geojson: GEOJSON_PREFIX,
  description: 'http://purl.org/dc/terms/description',
  title: 'http://purl.org/dc/terms/title',
  langString: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString',
  containedBy: `${NGSI_LD_PREFIX}isContainedBy`,
  attributeCount: 'attributeCount',
  attributeDetails: 'attributeDetails',
};
const PLAIN_CORE_TERMS = [
  'Attribute', 'AttributeList', 'ContextSourceIdentity', 'ContextSourceNotification', 'ContextSourceRegistration', 'Date', 'DateTime',
  'EntityType', 'EntityTypeInfo', 'EntityTypeList', 'ExecutionResultDetails', 'GeoProperty', 'JsonProperty', 'LanguageProperty',
  'ListProperty', 'ListRelationship', 'Notification', 'Property', 'Relationship', 'Snapshot', 'SnapshotNotification', 'Subscription',
  'TemporalProperty', 'Time', 'VocabProperty', 'accept', 'aggrMethods', 'aggrParams', 'aggrPeriodDuration', 'attributeList',
  'attributeName', 'attributeNames', 'attributeTypes', 'attributes', 'attrs', 'avg', 'cacheDuration', 'collation', 'contextSourceAlias',
  'contextSourceExtras', 'contextSourceInfo', 'contextSourceTimeAt', 'contextSourceUptime', 'cooldown', 'createdAt', 'csf', 'data',
  'datasetId', 'deletedAt', 'detail', 'distinctCount', 'endAt', 'endTimeAt', 'endpoint', 'entities', 'entity', 'entityCount', 'entityId',
  'entityList', 'error', 'errors', 'expandValues', 'expiresAt', 'format', 'geoQ', 'geoproperty', 'georel', 'idPattern', 'information',
  'instanceId', 'isActive', 'join', 'jsonKeys', 'jsons', 'lang', 'lastFailure', 'lastN', 'lastNotification', 'lastSuccess', 'lastUsedAt',
  'linkedMaps', 'localOnly', 'location', 'management', 'managementInterval', 'max', 'min', 'mode', 'modifiedAt', 'ngsildConformance',
  'ngsildproof', 'notification', 'notificationTrigger', 'notifiedAt', 'notifierInfo', 'notUpdated', 'observationInterval',
  'observationSpace', 'observedAt', 'omit', 'operations', 'operationSpace', 'orderBy', 'ordering', 'pick', 'problemDetails',
  'propertyNames', 'q', 'reason', 'receiverInfo', 'refreshRate', 'registrationId', 'registrationName', 'relationshipNames',
  'resultStatus', 'scope', 'scopeQ', 'showChanges', 'snapshotId', 'snapshotLifetime', 'snapshotPriority', 'snapshotQueries',
  'snapshotQueriesDetails', 'snapshotStatus', 'snapshotTemporalQueries', 'snapshotTemporalQueriesDetails', 'splitEntities', 'startAt',
  'status', 'stddev', 'subscriptionId', 'subscriptionName', 'success', 'sum', 'sumsq', 'sysAttrs', 'temporalQ', 'tenant', 'throttling',
  'timeAt', 'timeInterval', 'timeout', 'timeproperty', 'timerel', 'timesFailed', 'timesSent', 'totalCount', 'triggerReason', 'typeList',
  'typeName', 'typeNames', 'unchanged', 'unitCode', 'updated', 'uri', 'watchedAttributes',
];

/** Every term of the core @context and the IRI it expands to. */
export const CORE_TERMS: ReadonlyMap<string, string> = (() => {
  const terms = new Map<string, string>();
  for (const term of PLAIN_CORE_TERMS) terms.set(term, NGSI_LD_PREFIX + term);
  for (const term of HAS_PREFIXED) terms.set(term, NGSI_LD_PREFIX + (HAS_IRI[term] ?? 'has' + term[0]!.toUpperCase() + term.slice(1)));
  for (const term of GEOJSON_TERMS) terms.set(term, GEOJSON_PREFIX + term);
  for (const [term, iri] of Object.entries(OTHER_CORE_IRIS)) terms.set(term, iri);
  return terms;
})();

export interface TermDefinition {
  /** The IRI, compact IRI or term it maps to, as written. */
  target: string;
  /** The context document (URL) or "inline" where it is defined. */
  source: string;
}

export interface UnavailableContext {
  url: string;
  reason: string;
  /** Where the URL is written in the payload. */
  path: JsonPath;
}

export interface ResolvedContext {
  /** Terms the user's contexts define, the later definition winning. */
  terms: Map<string, TermDefinition>;
  /** A user @vocab, if any context sets one. */
  vocab?: string;
  /** Some remote context is still being read. */
  pending: boolean;
  unavailable: UnavailableContext[];
  /** User definitions of core terms, and whether they come after the core context (an error). */
  redefinitions: { term: string; path: JsonPath; afterCore: boolean; source: string }[];
  /** Where the core context is in the top-level @context array, when it is named there. */
  corePosition?: { index: number; last: boolean; url: string; path: JsonPath };
}

export interface Expansion {
  iri: string;
  /** False when no context defines the name: it fell back to the default vocabulary. */
  defined: boolean;
  /** Where the definition comes from: "core", a context URL, or "inline". */
  source?: string;
}

type ContextState = { state: 'ready'; value: unknown; origin?: LoadedDocument['origin']; file?: string } | { state: 'loading' } | { state: 'error'; reason: string };

/** How an @context URL was read, for the compliance report. */
export type ContextResolution =
  | { state: 'built-in' }
  | { state: 'local'; file?: string }
  | { state: 'cached' }
  | { state: 'downloaded' }
  | { state: 'unavailable'; reason: string }
  | { state: 'not read' };

const MAX_DEPTH = 8;

/** Remote contexts by URL, read once; `resolve` answers from what is read and starts reading the rest. */
export class ContextStore {
  private readonly states = new Map<string, ContextState>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly reader: DocumentReader,
    private readonly onChange: () => void = () => undefined,
  ) {}

  async settle(): Promise<void> {
    while (this.loading.size > 0) await Promise.all([...this.loading.values()]);
  }

  reset(): void {
    this.states.clear();
  }

  /** How `url` was read, from what is known now (nothing is read by asking). */
  describe(url: string): ContextResolution {
    if (isCoreContextUrl(url)) return { state: 'built-in' };
    const known = this.states.get(url);
    if (!known || known.state === 'loading') return { state: 'not read' };
    if (known.state === 'error') return { state: 'unavailable', reason: known.reason };
    if (known.origin === 'cache') return { state: 'cached' };
    if (known.origin === 'download') return { state: 'downloaded' };
    return known.file ? { state: 'local', file: known.file } : { state: 'local' };
  }

  /** The active context of a payload whose @context is `value` (at `path`). */
  resolve(value: unknown, path: JsonPath): ResolvedContext {
    const resolved: ResolvedContext = { terms: new Map(), pending: false, unavailable: [], redefinitions: [] };
    let coreSeen = false;
    const visit = (node: unknown, source: string, at: JsonPath, depth: number, seen: Set<string>) => {
      if (depth > MAX_DEPTH) return;
      if (Array.isArray(node)) {
        node.forEach((item, i) => {
          if (depth === 0 && typeof item === 'string' && isCoreContextUrl(item)) {
            resolved.corePosition = { index: i, last: i === node.length - 1, url: item, path: [...at, i] };
          }
          visit(item, source, depth === 0 ? [...at, i] : at, depth, seen);
        });
        return;
      }
      if (typeof node === 'string') {
        if (isCoreContextUrl(node)) {
          coreSeen = true;
          if (depth === 0 && !resolved.corePosition) resolved.corePosition = { index: 0, last: true, url: node, path: at };
          return;
        }
        if (seen.has(node)) return;
        const state = this.state(node);
        if (state.state === 'loading') resolved.pending = true;
        else if (state.state === 'error') resolved.unavailable.push({ url: node, reason: state.reason, path: at });
        else visit(state.value, node, at, depth + 1, new Set([...seen, node]));
        return;
      }
      if (!isObject(node)) return;
      for (const [term, definition] of Object.entries(node)) {
        if (term === '@vocab' && typeof definition === 'string') {
          resolved.vocab = definition;
          continue;
        }
        if (term.startsWith('@')) continue;
        const target = typeof definition === 'string' ? definition : isObject(definition) && typeof definition['@id'] === 'string' ? definition['@id'] : undefined;
        if (definition === null) {
          resolved.terms.delete(term);
          continue;
        }
        if (target === undefined) continue;
        if (CORE_TERMS.has(term) && CORE_TERMS.get(term) !== expandTarget(target, resolved)) {
          resolved.redefinitions.push({ term, path: source === 'inline' ? [...at, term] : at, afterCore: coreSeen, source });
        }
        resolved.terms.set(term, { target, source });
      }
    };
    visit(value, 'inline', path, 0, new Set());
    return resolved;
  }

  private state(url: string): ContextState {
    const known = this.states.get(url);
    if (known) return known;
    if (!this.loading.has(url)) {
      const promise = this.load(url).finally(() => {
        this.loading.delete(url);
        this.onChange();
      });
      this.loading.set(url, promise);
    }
    return { state: 'loading' };
  }

  private async load(url: string): Promise<void> {
    try {
      const doc = await this.reader.read(url);
      if (!doc) {
        this.states.set(url, { state: 'error', reason: 'it is not available offline: map it to a local file (mim.contexts.map) or allow downloads (mim.download.enable)' });
      } else if (!isObject(doc.json) || !('@context' in doc.json)) {
        this.states.set(url, { state: 'error', reason: 'the document is not a JSON-LD context: it has no "@context" member' });
      } else {
        this.states.set(url, { state: 'ready', value: doc.json['@context'], origin: doc.origin, file: doc.file });
      }
    } catch (error) {
      this.states.set(url, { state: 'error', reason: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** A term definition's target as an IRI: compact IRIs through the prefixes defined. */
function expandTarget(target: string, context: ResolvedContext, depth = 0): string {
  if (target.startsWith('@')) return target;
  const colon = target.indexOf(':');
  if (colon > 0 && !target.startsWith('//', colon + 1)) {
    const prefix = target.slice(0, colon);
    const definition = context.terms.get(prefix)?.target ?? CORE_TERMS.get(prefix);
    if (definition && depth < 5) return expandTarget(definition, context, depth + 1) + target.slice(colon + 1);
    return target;
  }
  if (colon > 0) return target;
  const term = context.terms.get(target);
  if (term && depth < 5 && term.target !== target) return expandTarget(term.target, context, depth + 1);
  return (context.vocab ?? DEFAULT_VOCAB) + target;
}

/** How a name used in a payload (attribute, type) expands. The core context is always in force, last. */
export function expandName(name: string, context: ResolvedContext): Expansion {
  if (name.startsWith('@')) return { iri: name, defined: true, source: 'core' };
  const core = CORE_TERMS.get(name);
  if (core) return { iri: core, defined: true, source: 'core' };
  const term = context.terms.get(name);
  if (term) return { iri: expandTarget(term.target, context), defined: true, source: term.source };
  const colon = name.indexOf(':');
  if (colon > 0) {
    const prefix = name.slice(0, colon);
    const definition = context.terms.get(prefix)?.target ?? CORE_TERMS.get(prefix);
    if (definition) return { iri: expandTarget(definition, context) + name.slice(colon + 1), defined: true, source: context.terms.get(prefix)?.source ?? 'core' };
    return { iri: name, defined: true };
  }
  if (context.vocab) return { iri: expandTarget(context.vocab, context) + name, defined: true, source: 'a @vocab' };
  return { iri: DEFAULT_VOCAB + name, defined: false };
}
