/**
 * Checks an object against an NGSI-LD data type table (data-types.ts): mandatory members, the value of each
 * member, members set by the broker, and unknown members (with the member most likely meant).
 */
import type { CheckContext } from '../context';
import { checkGeometry } from '../geo/geojson';
import { describeType, hasOwn, isObject, preview, type JsonObject, type JsonPath } from '../json/values';
import { DATA_TYPES, type DataTypeName, type MemberCheck, type MemberSpec } from './data-types';
import { checkQueryString, type QueryLanguage } from './query-strings';
import { checkAbsoluteUri, checkDateTime, checkName, closest } from './syntax';

export interface MemberOptions {
  /** An update body: mandatory members may be absent. */
  partial: boolean;
  /** Checking an entity list (notification data) is the caller's business. */
  onEntities?: (value: unknown, path: JsonPath) => void;
}

const DURATION = /^P(?!$)(\d+(?:[.,]\d+)?Y)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?W)?(\d+(?:[.,]\d+)?D)?(T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/;

export function isDuration(value: string): boolean {
  return DURATION.test(value);
}

/** Checks `value` as a `type` at `path`; returns false when it is not even an object. */
export function checkDataType(ctx: CheckContext, value: unknown, path: JsonPath, type: DataTypeName, options: MemberOptions): boolean {
  const spec = DATA_TYPES[type];
  if (!isObject(value)) {
    ctx.report({ code: 'ngsi-ld/member-value', path, message: `A ${spec.name} is an object, not ${describeType(value)}.` });
    return false;
  }
  if (!options.partial) {
    const missing = Object.entries(spec.members).filter(([name, m]) => m.required && !hasOwn(value, name)).map(([name]) => name);
    if (missing.length > 0) {
      ctx.report({
        code: 'ngsi-ld/required-member',
        path,
        message: `A ${spec.name} needs ${missing.map((m) => `"${m}"`).join(' and ')}: ${missing.map((m) => spec.members[m]!.doc.replace(/\.$/, '')).join('; ')}.`,
      });
    }
  }
  for (const key of Object.keys(value)) {
    const memberPath = [...path, key];
    const member = hasOwn(spec.members, key) ? spec.members[key] : undefined;
    if (!member) {
      if (spec.open) continue;
      const near = closest(key, Object.keys(spec.members));
      ctx.report({
        code: 'ngsi-ld/unknown-member',
        path: memberPath,
        target: 'key',
        message: `"${key}" is not a member of a ${spec.name}${near ? `; did you mean "${near}"?` : '.'} Scorpio refuses unknown members; the other brokers ignore them, so the setting has no effect.`,
        fixes: near && !hasOwn(value, near) ? [{ kind: 'rename-key', title: `Rename to "${near}"`, path: memberPath, to: near, safe: false }] : undefined,
      });
      continue;
    }
    if (member.output) {
      ctx.report({
        code: 'ngsi-ld/broker-member',
        path: memberPath,
        target: 'key',
        message: `"${key}" is set by the broker (${member.doc.replace(/\.$/, '')}); in a request it is ignored.`,
        fixes: [{ kind: 'remove', title: `Remove "${key}"`, path: memberPath, safe: true }],
      });
      continue;
    }
    const v = value[key];
    if (v === null) {
      // JSON-LD drops null members, and an update removes them with null; a mandatory one cannot go.
      if (member.required) {
        ctx.report({ code: 'ngsi-ld/required-member', path: memberPath, message: `"${key}" is mandatory in a ${spec.name}; it cannot be null.` });
      }
      continue;
    }
    checkMember(ctx, key, v, memberPath, member, options);
  }
  return true;
}

function checkMember(ctx: CheckContext, key: string, value: unknown, path: JsonPath, member: MemberSpec, options: MemberOptions): void {
  const check: MemberCheck = member.check;
  const wrong = (expected: string) =>
    ctx.report({ code: 'ngsi-ld/member-value', path, message: `"${key}" is ${expected}, not ${describeType(value)}.` });
  switch (check.kind) {
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') wrong('a string');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') wrong('true or false');
      return;
    case 'number': {
      if (typeof value !== 'number') return wrong(check.integer ? 'an integer' : 'a number');
      if (check.integer && !Number.isInteger(value)) {
        ctx.report({ code: 'ngsi-ld/member-value', path, message: `"${key}" is a whole number; ${value} is not.` });
      } else if (check.positive && value <= 0) {
        ctx.report({ code: 'ngsi-ld/member-value', path, message: `"${key}" must be greater than 0; here it is ${value}.` });
      }
      return;
    }
    case 'uri': {
      if (typeof value !== 'string') return wrong('a URI string');
      const verdict = checkAbsoluteUri(value);
      if (!verdict.ok) {
        ctx.report({ code: 'ngsi-ld/member-value', path, message: `"${key}" is an absolute URI, but ${verdict.reason}.` });
        return;
      }
      if (check.schemes) {
        const scheme = value.slice(0, value.indexOf(':')).toLowerCase();
        if (!check.schemes.includes(scheme)) {
          ctx.report({ code: 'ngsi-ld/member-value', path, message: `"${key}" must use ${check.schemes.join(', ')}; brokers do not notify "${scheme}:" URIs.` });
        }
      }
      return;
    }
    case 'datetime': {
      if (typeof value !== 'string') return wrong('a DateTime string such as "2030-01-01T00:00:00Z"');
      const verdict = checkDateTime(value);
      if (!verdict.ok) {
        ctx.report({
          code: 'ngsi-ld/datetime',
          path,
          message: `"${key}" must be a UTC DateTime such as "2030-01-01T00:00:00Z", but ${verdict.reason}.${verdict.fixed ? ` In UTC it is "${verdict.fixed}".` : ''}`,
          fixes: verdict.fixed ? [{ kind: 'set-value', title: `Convert to UTC: "${verdict.fixed}"`, path, value: verdict.fixed, safe: !verdict.assumesUtc }] : undefined,
        });
      }
      return;
    }
    case 'duration':
      if (typeof value !== 'string' || !isDuration(value)) {
        ctx.report({ code: 'ngsi-ld/member-value', path, message: `"${key}" is an ISO 8601 duration such as "PT1H" or "P1D"; ${preview(value)} is not.` });
      }
      return;
    case 'enum':
      if (typeof value !== 'string' || !check.values.includes(value)) {
        const near = typeof value === 'string' ? closest(value, check.values) : undefined;
        ctx.report({
          code: 'ngsi-ld/member-value',
          path,
          message: `"${key}" is one of ${check.values.map((v) => `"${v}"`).join(', ')}; ${preview(value)} is not${near ? ` (did you mean "${near}"?)` : ''}.`,
          fixes: near ? [{ kind: 'set-value', title: `Change to "${near}"`, path, value: near, safe: false }] : undefined,
        });
      }
      return;
    case 'enum-list': {
      const items = typeof value === 'string' && check.allowString ? value.split(',').map((s) => s.trim()) : Array.isArray(value) ? value : undefined;
      if (!items) return wrong(`an array of ${check.values.length > 10 ? 'names' : check.values.map((v) => `"${v}"`).join(', ')}`);
      items.forEach((item, i) => {
        if (typeof item !== 'string' || !check.values.includes(item)) {
          const near = typeof item === 'string' ? closest(item, check.values) : undefined;
          ctx.report({
            code: 'ngsi-ld/member-value',
            path: Array.isArray(value) ? [...path, i] : path,
            message: `${preview(item)} is not one of the values of "${key}"${near ? `; did you mean "${near}"?` : check.values.length <= 10 ? `: ${check.values.join(', ')}.` : '.'}`,
          });
        }
      });
      return;
    }
    case 'names': {
      if (typeof value === 'string' && (check.allowString ?? true)) {
        checkQueryString(ctx, 'attribute-list', value, path, key);
        return;
      }
      if (!Array.isArray(value)) return wrong('an array of attribute names');
      if (check.nonEmpty && value.length === 0) {
        ctx.report({ code: 'ngsi-ld/member-value', path, message: `"${key}" lists at least one name; an empty array is refused.` });
        return;
      }
      value.forEach((name, i) => {
        if (typeof name !== 'string') {
          ctx.report({ code: 'ngsi-ld/member-value', path: [...path, i], message: `Each name in "${key}" is a string, not ${describeType(name)}.` });
          return;
        }
        const verdict = checkName(name);
        if (!verdict.ok) ctx.report({ code: 'ngsi-ld/member-value', path: [...path, i], message: `"${name}" is not a valid attribute name: ${verdict.reason}.` });
      });
      return;
    }
    case 'uris': {
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        const itemPath = Array.isArray(value) ? [...path, i] : path;
        if (typeof item !== 'string' || !checkAbsoluteUri(item).ok) {
          ctx.report({ code: 'ngsi-ld/member-value', path: itemPath, message: `Each entry of "${key}" is an absolute URI; ${preview(item)} is not.` });
        }
      });
      return;
    }
    case 'regex': {
      if (typeof value !== 'string') return wrong('a regular expression (a string)');
      try {
        // Compiled, never run: a pattern cannot hang the checker.
        new RegExp(value);
      } catch (error) {
        ctx.report({
          code: 'ngsi-ld/member-value',
          path,
          message: `"${key}" is not a valid regular expression: ${error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error)}.`,
        });
      }
      return;
    }
    case 'type-name': {
      const names = typeof value === 'string' ? [value] : undefined;
      if (!names) return wrong('an entity type name (a string)');
      // v1.8 allows a type selection expression ("A,B", "(A;B)|C") here: check each name in it.
      for (const name of (value as string).split(/[,;|()]/).map((s) => s.trim()).filter(Boolean)) {
        const verdict = checkName(name);
        if (!verdict.ok) {
          ctx.report({ code: 'ngsi-ld/member-value', path, message: `"${name}" is not a valid entity type: ${verdict.reason}.` });
          return;
        }
      }
      return;
    }
    case 'q':
    case 'scopeq':
    case 'projection': {
      if (typeof value !== 'string') {
        if (check.kind === 'projection' && Array.isArray(value)) {
          checkMember(ctx, key, value, path, { ...member, check: { kind: 'names' } }, options);
          return;
        }
        return wrong('a string');
      }
      const language: QueryLanguage = check.kind === 'q' ? 'q' : check.kind === 'scopeq' ? 'scopeQ' : 'projection';
      checkQueryString(ctx, language, value, path, key);
      return;
    }
    case 'geometry':
      checkGeometry(ctx, value, path);
      return;
    case 'key-values': {
      if (!Array.isArray(value)) return wrong('an array of {"key": ..., "value": ...} pairs');
      value.forEach((pair, i) => {
        if (!isObject(pair) || typeof pair.key !== 'string' || typeof pair.value !== 'string') {
          ctx.report({ code: 'ngsi-ld/member-value', path: [...path, i], message: `Each entry of "${key}" is {"key": "<name>", "value": "<text>"}; ${preview(pair, 60)} is not.` });
        }
      });
      return;
    }
    case 'object':
      // A nested object replaces the old one whole, in an update too: it must be complete.
      checkDataType(ctx, value, path, check.of, { ...options, partial: false });
      return;
    case 'array': {
      if (!Array.isArray(value)) return wrong(`an array of ${DATA_TYPES[check.of].name} objects`);
      if (check.nonEmpty && value.length === 0) {
        ctx.report({ code: 'ngsi-ld/member-value', path, message: `"${key}" needs at least one ${DATA_TYPES[check.of].name}; an empty array is refused.` });
        return;
      }
      value.forEach((item, i) => checkDataType(ctx, item, [...path, i], check.of, { ...options, partial: false }));
      return;
    }
    case 'entities':
      options.onEntities?.(value, path);
      return;
  }
}

/** The value of a member, when it is an object. */
export function objectMember(obj: JsonObject, key: string): JsonObject | undefined {
  const v = obj[key];
  return isObject(v) ? v : undefined;
}
