/**
 * Reading ODRL in JSON-LD as it is written: plain terms under the ODRL context, `odrl:`-prefixed terms (as
 * FIWARE's ODRL-PAP writes them) or full IRIs; and what makes an object a policy.
 */
import { hasOwn, isObject, type JsonObject, type JsonPath } from '../json/values';
import { CORE_POLICY_CLASSES, ODRL_CONTEXT_URLS, ODRL_NAMESPACE, POLICY_CLASSES, PROPERTIES, RULE_PROPERTIES } from './vocabulary';

/** The ODRL term a member name or value stands for, or undefined when it belongs to another vocabulary. */
export function odrlTerm(name: string): string | undefined {
  if (name.startsWith('odrl:')) return name.slice(5);
  if (name.startsWith(ODRL_NAMESPACE)) return name.slice(ODRL_NAMESPACE.length);
  if (name.startsWith('@') || name.includes(':')) return undefined;
  return name;
}

/** The first member of `obj` that stands for ODRL term `term`. */
export function memberOf(obj: JsonObject, term: string): { key: string; value: unknown } | undefined {
  for (const key of Object.keys(obj)) if (odrlTerm(key) === term) return { key, value: obj[key] };
  return undefined;
}

/** A node reference or plain value: the string it carries (`"x"`, `{"@id": "x"}`, `{"@value": "x"}`), and where. */
export function stringAt(value: unknown, path: JsonPath): { text: string; path: JsonPath } | undefined {
  if (typeof value === 'string') return { text: value, path };
  if (isObject(value)) {
    if (typeof value['@id'] === 'string') return { text: value['@id'], path: [...path, '@id'] };
    if (typeof value['@value'] === 'string') return { text: value['@value'], path: [...path, '@value'] };
  }
  return undefined;
}

/** Items of a member that may hold one value or an array of them. */
export function itemsOf(value: unknown, path: JsonPath): { value: unknown; path: JsonPath }[] {
  return Array.isArray(value) ? value.map((v, i) => ({ value: v, path: [...path, i] })) : [{ value, path }];
}

export function typesOf(obj: JsonObject): string[] {
  const raw = hasOwn(obj, '@type') ? obj['@type'] : obj.type;
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => odrlTerm(t) ?? t);
}

function contextNamesOdrl(context: unknown): boolean {
  const items = Array.isArray(context) ? context : [context];
  return items.some((item) => {
    if (typeof item === 'string') return ODRL_CONTEXT_URLS.includes(item);
    if (!isObject(item)) return false;
    const prefix = item.odrl;
    const iri = typeof prefix === 'string' ? prefix : isObject(prefix) && typeof prefix['@id'] === 'string' ? prefix['@id'] : undefined;
    return (iri !== undefined && iri.startsWith(ODRL_NAMESPACE)) || item['@vocab'] === ODRL_NAMESPACE;
  });
}

/** Why an object reads as an ODRL policy, or undefined when it does not. */
export function odrlPolicyEvidence(obj: JsonObject): string | undefined {
  const odrlContext = hasOwn(obj, '@context') && contextNamesOdrl(obj['@context']);
  const types = typesOf(obj);
  const coreClass = types.find((t) => (CORE_POLICY_CLASSES as readonly string[]).includes(t));
  const anyClass = types.find((t) => hasOwn(POLICY_CLASSES, t));
  const rule = RULE_PROPERTIES.find((r) => memberOf(obj, r) !== undefined);
  if (rule && odrlContext) return `its @context names ODRL and it has a ${rule}`;
  if (rule && coreClass) return `its type is the ODRL policy class ${coreClass} and it has a ${rule}`;
  if (odrlContext && anyClass) return `its @context names ODRL and its type is the policy class ${anyClass}`;
  // A policy being started: nothing yet but ODRL terms.
  const odrlOnly = Object.keys(obj).every((k) => k === '@context' || k === '@id' || k === '' || hasOwn(PROPERTIES, odrlTerm(k) ?? ''));
  if (odrlContext && odrlOnly) return 'its @context names ODRL and its members are ODRL terms';
  return undefined;
}
