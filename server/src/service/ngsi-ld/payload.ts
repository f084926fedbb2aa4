import type { CheckContext } from '../context';
import { ENTITIES_PER_STEP, runSteps, type Steps } from '../steps';
import type { Detection } from '../detect';
import { describeType, hasOwn, isObject, preview, type JsonObject, type JsonPath } from '../json/values';
import type { EntityRef } from '../sdm/validate';
import { checkEntityTerms, type DocumentContexts } from './context-checks';
import { checkAttributeBody, checkEntity, type EntityOptions, type Representation } from './entity';
import { checkNotification } from './notification';
import { checkQuery } from './query';
import { checkRegistration } from './registration';
import { checkSubscription } from './subscription';
import { checkAbsoluteUri } from './syntax';

export const CORE_CONTEXT_URL = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld';

export type DocumentRepresentation = Representation | 'mixed';

export interface PayloadSummary {
  /** How the entities are written. */
  representation?: DocumentRepresentation;
  /** The entities of the payload, for the data model checks. */
  entities: EntityRef[];
}

/** Dispatches the NGSI checks for what the file was detected as. */
export function checkNgsiLdPayload(ctx: CheckContext, root: unknown, detection: Detection, contexts?: DocumentContexts): PayloadSummary {
  return runSteps(checkNgsiLdPayloadSteps(ctx, root, detection, contexts));
}

export function* checkNgsiLdPayloadSteps(ctx: CheckContext, root: unknown, detection: Detection, contexts?: DocumentContexts): Steps<PayloadSummary> {
  const checkContextMember = (obj: JsonObject, path: JsonPath) => {
    checkContextMemberShape(ctx, obj, path);
    return contexts?.check(obj, path);
  };
  const entity = (obj: JsonObject, path: JsonPath, options: EntityOptions) => {
    const context = checkContextMember(obj, path);
    const representation = checkEntity(ctx, obj, path, options);
    if (context) checkEntityTerms(ctx, obj, path, context);
    return representation;
  };
  // A payload that deletes with NGSI-LD Null can only be a merge or update body; unless the user declared
  // the file a create payload, read it as one. (Only a payload that holds NGSI-LD Null ever asks.)
  const deletes = !detection.declared;
  switch (detection.kind) {
    case 'entity': {
      if (!isObject(root)) return { entities: [] };
      const representation = entity(root, [], { requireIdAndType: true, update: deletes });
      return { representation, entities: [{ path: [], entity: root, simplified: representation === 'simplified', representation, partial: false }] };
    }
    case 'entity-update': {
      if (!isObject(root)) return { entities: [] };
      const representation = entity(root, [], { requireIdAndType: false, update: true });
      return { representation, entities: [{ path: [], entity: root, simplified: representation === 'simplified', representation, partial: true }] };
    }
    case 'attribute':
      if (isObject(root)) {
        checkContextMember(root, []);
        checkAttributeBody(ctx, root, [], { requireIdAndType: false, update: true });
      }
      return { entities: [] };
    case 'batch':
      return yield* checkBatch(ctx, root, { requireIdAndType: true, update: deletes }, entity);
    case 'batch-delete':
      checkDeleteBatch(ctx, root);
      return { entities: [] };
    case 'ngsi-v2':
      // NGSI-v2 payloads follow other rules; they are still checked against their data model.
      return { entities: ngsiV2Entities(root) };
    case 'subscription':
      yield* forEachObject(root, (obj, path) => {
        checkContextMember(obj, path);
        checkSubscription(ctx, obj, path, detection.declared);
      });
      return { entities: [] };
    case 'registration':
      yield* forEachObject(root, (obj, path) => {
        checkContextMember(obj, path);
        checkRegistration(ctx, obj, path, detection.declared);
      });
      return { entities: [] };
    case 'query':
      yield* forEachObject(root, (obj, path) => {
        checkContextMember(obj, path);
        checkQuery(ctx, obj, path);
      });
      return { entities: [] };
    case 'notification':
      yield* forEachObject(root, (obj, path) => checkNotification(ctx, obj, path));
      return { entities: [] };
    case 'temporal': {
      // Create or append temporal evolution: instances over time; without an id it is an append (update).
      const entities: EntityRef[] = [];
      yield* forEachObject(root, (obj, path) => {
        const hasId = hasOwn(obj, 'id') || hasOwn(obj, '@id');
        entity(obj, path, { requireIdAndType: hasId || hasOwn(obj, 'type'), update: !hasId, temporal: true });
      });
      return { entities };
    }
    case 'context':
      // The body of POST /jsonldContexts: {"@context": ...}.
      if (isObject(root)) checkContextValue(ctx, root['@context'], ['@context']);
      return { entities: [] };
    default:
      // Error responses, GeoJSON and expanded JSON-LD are recognised and left alone.
      return { entities: [] };
  }
}

/** The payload object, or each object of an array of them (a list of subscriptions, of temporal entities). */
function* forEachObject(root: unknown, fn: (obj: JsonObject, path: JsonPath) => void): Steps<void> {
  if (isObject(root)) fn(root, []);
  else if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) {
      const item = root[i];
      if (isObject(item)) fn(item, [i]);
      if (i % ENTITIES_PER_STEP === ENTITIES_PER_STEP - 1) yield;
    }
  }
}

function ngsiV2Entities(root: unknown): EntityRef[] {
  const items: { path: JsonPath; entity: JsonObject }[] = isObject(root)
    ? [{ path: [], entity: root }]
    : Array.isArray(root)
      ? root.flatMap((item, i) => (isObject(item) ? [{ path: [i], entity: item }] : []))
      : [];
  return items.map(({ path, entity }) => ({
    path,
    entity,
    // Normalized NGSI-v2 attributes are {"type": ..., "value": ..., "metadata": ...}.
    simplified: !Object.keys(entity).some((k) => k !== 'id' && k !== 'type' && isObject(entity[k]) && hasOwn(entity[k] as JsonObject, 'value') && (hasOwn(entity[k] as JsonObject, 'type') || hasOwn(entity[k] as JsonObject, 'metadata'))),
    partial: false,
  }));
}

/** NGSI-CTX-001, -002, -004 for one payload object (each entity of a batch is one). */
function checkContextMemberShape(ctx: CheckContext, obj: JsonObject, path: JsonPath): void {
  const has = hasOwn(obj, '@context');
  if (ctx.mediaType === 'application/ld+json' && !has) {
    ctx.report({
      code: 'ngsi-ld/context-missing',
      path,
      message:
        path.length === 0
          ? 'This JSON-LD payload (.jsonld) has no "@context": a broker refuses application/ld+json without one. Add "@context", or save the file as .json and send the context in a Link header.'
          : 'Each entity of a JSON-LD batch carries its own "@context"; this one has none.',
      fixes: [{ kind: 'add-member', title: 'Add the NGSI-LD core @context', path, key: '@context', value: CORE_CONTEXT_URL }],
    });
  }
  if (ctx.mediaType === 'application/json' && has) {
    ctx.report({
      code: 'ngsi-ld/context-in-json',
      path: [...path, '@context'],
      target: 'key',
      message:
        'A plain JSON payload (.json) cannot carry "@context": a broker refuses application/json with one. Send the context in a Link header, or save the file as .jsonld.',
      fixes: [{ kind: 'remove', title: 'Remove "@context"', path: [...path, '@context'], safe: false }],
    });
  }
  if (has) checkContextValue(ctx, obj['@context'], [...path, '@context']);
}

/** Verdicts on context URLs, remembered: every entity of a batch names the same few. */
const CONTEXT_URL_VERDICTS = new Map<string, ReturnType<typeof checkAbsoluteUri>>();
let lastContextUrl: { url: string; verdict: ReturnType<typeof checkAbsoluteUri> } | undefined;
function contextUrlVerdict(url: string): ReturnType<typeof checkAbsoluteUri> {
  // A string compare with the last URL is cheaper than hashing a fresh string for the map.
  if (lastContextUrl && lastContextUrl.url === url) return lastContextUrl.verdict;
  let verdict = CONTEXT_URL_VERDICTS.get(url);
  if (!verdict) {
    verdict = checkAbsoluteUri(url);
    if (CONTEXT_URL_VERDICTS.size >= 1024) CONTEXT_URL_VERDICTS.clear();
    CONTEXT_URL_VERDICTS.set(url, verdict);
  }
  lastContextUrl = { url, verdict };
  return verdict;
}

/** The last @context array found without a problem: the next entity of a batch usually has the same. */
let lastGoodContext: readonly unknown[] | undefined;

function checkContextValue(ctx: CheckContext, value: unknown, path: JsonPath): void {
  if (Array.isArray(value) && lastGoodContext && value.length === lastGoodContext.length && value.every((v, i) => typeof v === 'string' && v === lastGoodContext![i])) return;
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) {
    ctx.report({ code: 'ngsi-ld/context-value', path, message: '"@context" is an empty array: it needs at least one context URL or object.' });
    return;
  }
  items.forEach((item, i) => {
    const itemPath = Array.isArray(value) ? [...path, i] : path;
    if (typeof item === 'string') {
      const verdict = contextUrlVerdict(item);
      if (!verdict.ok) ctx.report({ code: 'ngsi-ld/context-value', path: itemPath, message: `A context URL must be an absolute URL, but ${verdict.reason}.` });
      return;
    }
    if (isObject(item)) return;
    ctx.report({
      code: 'ngsi-ld/context-value',
      path: itemPath,
      message: `"@context" holds context URLs (strings) and context objects, not ${describeType(item)}.`,
    });
  });
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && contextUrlVerdict(v).ok)) lastGoodContext = value;
}

function* checkBatch(
  ctx: CheckContext,
  root: unknown,
  options: EntityOptions,
  entity: (obj: JsonObject, path: JsonPath, options: EntityOptions) => Representation,
): Steps<PayloadSummary> {
  if (!Array.isArray(root)) return { entities: [] };
  if (root.length === 0) {
    ctx.report({ code: 'ngsi-ld/batch-empty', path: [], message: 'This batch is empty: batch operations need at least one entity.' });
    return { entities: [] };
  }
  const ids = new Map<string, number>();
  const entities: EntityRef[] = [];
  let representation: DocumentRepresentation | undefined;
  for (let i = 0; i < root.length; i++) {
    if (i % ENTITIES_PER_STEP === ENTITIES_PER_STEP - 1) yield;
    const item = root[i];
    if (!isObject(item)) {
      ctx.report({
        code: 'ngsi-ld/batch-item',
        path: [i],
        message: `Each item of a batch is an entity object; this one is ${describeType(item)}${typeof item === 'string' ? ' (entity ids alone only make a delete batch)' : ''}.`,
        fixes: [{ kind: 'remove', title: 'Remove the item', path: [i], safe: false }],
      });
      continue;
    }
    const rep = entity(item, [i], options);
    representation = representation === undefined || representation === rep ? rep : 'mixed';
    entities.push({ path: [i], entity: item, simplified: rep === 'simplified', representation: rep, partial: false });
    const id = item.id ?? item['@id'];
    if (typeof id === 'string') {
      const first = ids.get(id);
      if (first !== undefined) {
        ctx.report({
          code: 'ngsi-ld/batch-duplicate-id',
          path: [i, hasOwn(item, 'id') ? 'id' : '@id'],
          message: `Item ${first + 1} of this batch already has the id ${preview(id, 80)}: the second one fails, or in an upsert overwrites the first.`,
        });
      } else {
        ids.set(id, i);
      }
    }
  }
  return representation ? { representation, entities } : { entities };
}

function checkDeleteBatch(ctx: CheckContext, root: unknown): void {
  if (!Array.isArray(root)) return;
  const seen = new Set<string>();
  root.forEach((item, i) => {
    if (typeof item !== 'string') {
      ctx.report({ code: 'ngsi-ld/batch-item', path: [i], message: `A delete batch lists entity ids (strings); this item is ${describeType(item)}.` });
      return;
    }
    const verdict = checkAbsoluteUri(item);
    if (!verdict.ok) {
      ctx.report({ code: 'ngsi-ld/entity-id', path: [i], message: `Each item of a delete batch is an entity id, an absolute URI, but ${verdict.reason}.` });
    } else if (seen.has(item)) {
      ctx.report({ code: 'ngsi-ld/batch-duplicate-id', path: [i], message: `The id ${preview(item, 80)} is already in this batch.` });
    }
    seen.add(item);
  });
}
