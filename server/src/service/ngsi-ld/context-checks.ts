/**
 * @context checks (NGSI-CTX-005 to -007): contexts that cannot be read, core terms redefined, the core
 * context's place, and attribute and type names that no context defines.
 */
import type { CheckContext } from '../context';
import { hasOwn, isObject, type JsonObject, type JsonPath } from '../json/values';
import { ATTRIBUTE_META_MEMBERS, ENTITY_RESERVED_MEMBERS } from './constants';
import { coreContextVersion, expandName, isKnownCoreVersion, type ContextStore, type ResolvedContext } from './jsonld-context';
import { closest } from './syntax';

/** Resolves each distinct @context once per document: a batch shares one context across thousands of entities. */
export class DocumentContexts {
  private readonly cache = new Map<string, ResolvedContext>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly ctx: CheckContext,
    private readonly store: ContextStore,
  ) {}

  /** Checks the @context of `obj` at `path`, and returns it when it is complete enough to judge names by. */
  check(obj: JsonObject, path: JsonPath): ResolvedContext | undefined {
    if (!hasOwn(obj, '@context')) return undefined;
    const value = obj['@context'];
    // Each entity of a batch usually names the same context as the one before: compare with it first.
    if (this.last && sameContextValue(this.last.value, value)) return this.last.usable;
    const at = [...path, '@context'];
    const key = typeof value === 'string' ? value : Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join('\n') : JSON.stringify(value);
    let resolved = this.cache.get(key);
    const first = !resolved;
    if (!resolved) {
      resolved = this.store.resolve(value, at);
      this.cache.set(key, resolved);
    }
    // Problems of a context are said once per document, on its first use.
    if (first) this.reportContextProblems(resolved);
    const usable = resolved.pending || resolved.unavailable.length > 0 ? undefined : resolved;
    this.last = { value, usable };
    return usable;
  }

  private last: { value: unknown; usable: ResolvedContext | undefined } | undefined;

  private reportContextProblems(resolved: ResolvedContext): void {
    for (const missing of resolved.unavailable) {
      if (this.reported.has(missing.url)) continue;
      this.reported.add(missing.url);
      this.ctx.report({
        code: 'ngsi-ld/context-unavailable',
        path: missing.path,
        message: `The @context ${missing.url} cannot be read, so attribute names are not checked against it: ${missing.reason}.`,
      });
    }
    for (const r of resolved.redefinitions) {
      this.ctx.report({
        code: 'ngsi-ld/core-term-redefined',
        path: r.path,
        target: r.source === 'inline' ? 'key' : undefined,
        severity: r.afterCore ? undefined : 'warning',
        message: r.afterCore
          ? `"${r.term}" is a protected term of the NGSI-LD core context; redefining it after the core context fails JSON-LD expansion ("protected term redefinition").`
          : `"${r.term}" is a term of the NGSI-LD core context, which brokers apply last: the core definition wins and this one${r.source === 'inline' ? '' : ` (from ${r.source})`} is ignored. Use another name.`,
      });
    }
    const core = resolved.corePosition;
    if (core) {
      const version = coreContextVersion(core.url)!;
      if (!isKnownCoreVersion(version)) {
        this.ctx.report({ code: 'ngsi-ld/core-context-position', path: core.path, message: `There is no NGSI-LD core context version ${version}; the published versions are 1.3 to 1.9.` });
      } else if (!core.last) {
        this.ctx.report({
          code: 'ngsi-ld/core-context-position',
          path: core.path,
          message: 'The core context should be the last entry of @context, so that user contexts cannot redefine its terms by accident.',
        });
      }
    }
  }
}

/** CTX-007: names that fall back to the default vocabulary, with the defined term most likely meant. */
export function checkEntityTerms(ctx: CheckContext, entity: JsonObject, path: JsonPath, context: ResolvedContext): void {
  const near = (name: string) => closest(name, context.terms.keys());
  const report = (name: string, at: JsonPath, target: 'key' | undefined, what: string) => {
    const meant = near(name);
    ctx.report({
      code: 'ngsi-ld/undefined-term',
      path: at,
      target,
      message:
        `No @context of this payload defines the ${what} "${name}": it expands to the default vocabulary (https://uri.etsi.org/ngsi-ld/default-context/${name}), ` +
        `where queries using your vocabulary will not find it.${meant ? ` Did you mean "${meant}"?` : ''}`,
      fixes: meant && target === 'key' ? [{ kind: 'rename-key', title: `Rename to "${meant}"`, path: at, to: meant, safe: false }] : undefined,
    });
  };
  const typeKey = hasOwn(entity, 'type') ? 'type' : '@type';
  const types = typeof entity[typeKey] === 'string' ? [entity[typeKey]] : Array.isArray(entity[typeKey]) ? (entity[typeKey] as unknown[]) : [];
  types.forEach((type, i) => {
    if (typeof type === 'string' && !isDefined(type, context)) {
      report(type, Array.isArray(entity[typeKey]) ? [...path, typeKey, i] : [...path, typeKey], undefined, 'entity type');
    }
  });
  const subAttributes = (instance: unknown, at: () => JsonPath) => {
    if (!isObject(instance)) return;
    for (const sub of Object.keys(instance)) {
      if (ATTRIBUTE_META_MEMBERS.has(sub) || sub.charCodeAt(0) === 0x40 /* @ */) continue;
      if (!isObject(instance[sub])) continue;
      if (!isDefined(sub, context)) report(sub, [...at(), sub], 'key', 'sub-attribute');
    }
  };
  for (const key of Object.keys(entity)) {
    if (ENTITY_RESERVED_MEMBERS.has(key)) continue;
    if (!isDefined(key, context)) report(key, [...path, key], 'key', 'attribute');
    // Sub-attributes expand the same way.
    const value = entity[key];
    if (Array.isArray(value)) value.forEach((instance, i) => subAttributes(instance, () => [...path, key, i]));
    else subAttributes(value, () => [...path, key]);
  }
}

/** Whether a context defines a name, remembered per context: a batch asks the same names thousands of times. */
const DEFINED = new WeakMap<ResolvedContext, Map<string, boolean>>();
function isDefined(name: string, context: ResolvedContext): boolean {
  let names = DEFINED.get(context);
  if (!names) DEFINED.set(context, (names = new Map()));
  let defined = names.get(name);
  if (defined === undefined) {
    defined = expandName(name, context).defined;
    if (names.size < 4096) names.set(name, defined);
  }
  return defined;
}

/** The same @context: the same URL, or arrays of the same URLs (objects only when they are the same object). */
function sameContextValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] || (typeof a[i] !== 'string' && a[i] !== b[i])) return false;
  return true;
}
