/**
 * Where a path lies in the structure of a payload: inside which entity (and which attribute), or inside
 * which NGSI-LD data type (a subscription's notification, a selector...). Shared by hover, completion and
 * document symbols.
 */
import type { PayloadKind } from './detect';
import { isObject, type JsonObject, type JsonPath } from './json/values';
import { shortTypeName } from './sdm/validate';
import { DATA_TYPES, type DataTypeName, type MemberCheck, type MemberSpec } from './ngsi-ld/data-types';

export interface EntityAt {
  /** Path of the entity in the document. */
  entityPath: JsonPath;
  entity: JsonObject;
  /** The rest of the path, inside the entity. */
  rest: JsonPath;
}

const ENTITY_KINDS: ReadonlySet<PayloadKind> = new Set(['entity', 'entity-update', 'temporal', 'ngsi-v2']);

/** The entity that holds `path`, for payloads made of entities. */
export function entityAt(kind: PayloadKind, root: unknown, path: JsonPath): EntityAt | undefined {
  if (kind === 'batch' || (kind === 'temporal' && Array.isArray(root))) {
    const index = path[0];
    if (typeof index !== 'number' || !Array.isArray(root) || !isObject(root[index])) return undefined;
    return { entityPath: [index], entity: root[index] as JsonObject, rest: path.slice(1) };
  }
  if (kind === 'notification' && isObject(root) && path[0] === 'data' && typeof path[1] === 'number') {
    const data = root.data;
    if (Array.isArray(data) && isObject(data[path[1]])) return { entityPath: ['data', path[1]], entity: data[path[1]] as JsonObject, rest: path.slice(2) };
  }
  if (ENTITY_KINDS.has(kind) && isObject(root)) return { entityPath: [], entity: root, rest: path };
  return undefined;
}

const ROOT_TYPES: Partial<Record<PayloadKind, DataTypeName>> = {
  subscription: 'Subscription',
  registration: 'ContextSourceRegistration',
  query: 'Query',
  notification: 'Notification',
};

/** The NGSI-LD data type of the object at `path`, following the member tables from the payload's root type. */
export function dataTypeAt(kind: PayloadKind, path: JsonPath): DataTypeName | undefined {
  let type = ROOT_TYPES[kind];
  if (!type) return undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (typeof segment !== 'string') return undefined;
    const current: DataTypeName = type;
    const member: MemberSpec | undefined = DATA_TYPES[current].members[segment];
    if (!member) return undefined;
    const check: MemberCheck = member.check;
    if (check.kind === 'object') type = check.of;
    else if (check.kind === 'array' && typeof path[i + 1] === 'number') {
      type = check.of;
      i++;
    } else return undefined;
  }
  return type;
}

/** The entity types a subscription, query or registration selects. */
export function selectorTypes(root: unknown): string[] {
  if (!isObject(root)) return [];
  const selectors: unknown[] = [];
  if (Array.isArray(root.entities)) selectors.push(...root.entities);
  if (Array.isArray(root.information)) for (const info of root.information) if (isObject(info) && Array.isArray(info.entities)) selectors.push(...info.entities);
  const types = new Set<string>();
  for (const selector of selectors) if (isObject(selector) && typeof selector.type === 'string') types.add(shortTypeName(selector.type));
  return [...types].slice(0, 10);
}
