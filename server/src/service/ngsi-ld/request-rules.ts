/** Rules shared by subscriptions, registrations and queries. */
import type { CheckContext } from '../context';
import { hasOwn, isObject, type JsonObject, type JsonPath } from '../json/values';
import { checkDateTime } from './syntax';

/** Two members that exclude each other: reported on the second. */
export function checkExclusive(ctx: CheckContext, obj: JsonObject, path: JsonPath, [a, b]: [string, string], why: string): void {
  if (hasOwn(obj, a) && hasOwn(obj, b) && obj[a] !== null && obj[b] !== null) {
    ctx.report({ code: 'ngsi-ld/exclusive-members', path: [...path, b], target: 'key', message: `"${a}" and "${b}" cannot be used together: ${why}.` });
  }
}

/** expiresAt in the past (SUB-S-007, CSR-005): the clock differs when the payload is sent, so a warning. */
export function checkExpiry(ctx: CheckContext, value: unknown, path: JsonPath, what: string): void {
  if (typeof value !== 'string') return;
  const verdict = checkDateTime(value);
  const at = Date.parse(verdict.ok ? value : (verdict.fixed ?? ''));
  if (Number.isFinite(at) && at <= ctx.now()) {
    ctx.report({ code: 'ngsi-ld/expires-at', path, message: `This ${what} expires at ${value}, which is already in the past: the broker refuses it (or it never fires).` });
  }
}

/** EntitySelectors: id and idPattern exclude each other (SUB-S-003). */
export function checkSelectors(ctx: CheckContext, selectors: unknown, path: JsonPath): void {
  if (!Array.isArray(selectors)) return;
  selectors.forEach((selector, i) => {
    if (isObject(selector)) checkExclusive(ctx, selector, [...path, i], ['id', 'idPattern'], 'a selector names one entity by id or many by idPattern');
  });
}

/** The same member in pick and in omit (ETSI 028_08_01). */
export function checkPickOmitOverlap(ctx: CheckContext, obj: JsonObject, path: JsonPath): void {
  const names = (v: unknown) => (typeof v === 'string' ? v.split(/[,|]/).map((s) => s.replace(/\{.*$/, '').trim()) : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
  if (!hasOwn(obj, 'pick') || !hasOwn(obj, 'omit')) return;
  const picked = new Set(names(obj.pick));
  const both = names(obj.omit).filter((n) => picked.has(n));
  if (both.length > 0) {
    ctx.report({
      code: 'ngsi-ld/exclusive-members',
      path: [...path, 'omit'],
      message: `${both.map((n) => `"${n}"`).join(', ')} ${both.length > 1 ? 'are' : 'is'} both picked and omitted; brokers refuse the contradiction.`,
    });
  }
}

