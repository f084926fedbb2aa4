/**
 * The attributes a data model defines (SDM-015 to SDM-028, SDM-032): their descriptions, the structure of
 * arrays and objects, their names, and the conventions of Smart Data Models for relationships, dates,
 * enumerations, location and address. Only what the schema writes itself is reported; what its `$ref`s
 * pull in is read (to know a description or an attribute is there) but is the shared file's business.
 */
import type { CheckContext } from '../context';
import { isObject, preview, type JsonObject, type JsonPath } from '../json/values';
import type { Fix } from '../problem';
import { descriptionIssues } from './authoring-descriptions';
import type { Sink } from './authoring-keywords';
import { COMMON_SCHEMA, allAttributes, has, ngsiTypeOf, sentences, topLevelAttributes, typesOf, type Attribute } from './authoring-model';
import type { RefResolver } from './authoring-refs';

export function checkAttributes(ctx: CheckContext, root: JsonObject, refs: RefResolver): void {
  const attributes = allAttributes(root);
  for (const attribute of attributes) {
    if (!attribute.inGeometry) checkDescription(ctx, attribute, refs);
    checkStructure((f) => ctx.report(f), attribute.definition, attribute.path, 0);
  }
  const top = topLevelAttributes(root);
  const derivedFrom = typeof root.derivedFrom === 'string' && root.derivedFrom.trim() !== '';
  const inherited = inheritedAttributes(root, refs);
  for (const attribute of top) {
    if (!derivedFrom) checkName(ctx, attribute);
    checkBrokerManaged(ctx, attribute);
    checkRelationship(ctx, attribute, refs);
    checkDate(ctx, attribute);
    checkStandardAttribute(ctx, attribute, inherited);
    checkDuplicate(ctx, attribute, inherited);
  }
}

/** SDM-015 to SDM-018 on one attribute. */
function checkDescription(ctx: CheckContext, attribute: Attribute, refs: RefResolver): void {
  const d = attribute.definition;
  if (!isObject(d)) return;
  if (!has(d, 'description')) {
    if (typeof d.$ref === 'string') {
      // The definition the reference names may describe the attribute.
      const target = refs.follow(d, refs.base);
      if (target.state !== 'ready' || (isObject(target.value) && (has(target.value, 'description') || has(target.value, 'properties')))) return;
      ctx.report({
        code: 'sdm-schema/attribute-description',
        path: attribute.path,
        target: 'key',
        message: `"${attribute.name}" has no description, and neither has the definition its $ref names: add one beside the $ref ("Property. …" or "Relationship. …").`,
      });
      return;
    }
    const kind = has(d, 'properties') ? ' (an object)' : has(d, 'items') ? ' (an array)' : '';
    ctx.report({
      code: 'sdm-schema/attribute-description',
      path: attribute.path,
      target: 'key',
      message: `"${attribute.name}"${kind} has no description: every attribute needs one that starts with its NGSI type, such as "Property. What it means".`,
    });
    return;
  }
  const description = d.description;
  if (typeof description !== 'string') return;
  const at = [...attribute.path, 'description'];
  for (const issue of descriptionIssues(description)) {
    ctx.report({
      code: issue.code,
      path: at,
      stringRange: issue.range,
      message: issue.message,
      ...(issue.severity ? { severity: issue.severity } : {}),
      ...(issue.repair ? { fixes: [{ kind: 'set-value', title: issue.repair.title, path: at, value: issue.repair.description }] } : {}),
    });
  }
}

/** SDM-019 and SDM-020 on a definition and its array items. */
export function checkStructure(report: Sink, d: unknown, path: JsonPath, depth: number): void {
  if (!isObject(d) || typeof d.$ref === 'string' || depth > 16) return;
  const types = typesOf(d);
  const single = types.length === 1 ? types[0] : undefined;
  if (single === 'string') {
    for (const key of ['items', 'properties']) {
      if (!has(d, key)) continue;
      report({
        code: 'sdm-schema/string-members',
        path: [...path, key],
        target: 'key',
        message: `A string has no ${key === 'items' ? 'items' : 'members'}: this "${key}" belongs to an ${key === 'items' ? 'array' : 'object'} and is ignored under "type": "string" (did the type change, or is it meant to be ${key === 'items' ? '"array"' : '"object"'}?).`,
      });
    }
  }
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf'].some((k) => has(d, k));
  if (types.includes('array') && !has(d, 'items') && !has(d, 'prefixItems') && !composed) {
    report({ code: 'sdm-schema/structure', path: [...path, 'type'], message: 'An array attribute says what its items are: add "items" with their schema.' });
  }
  if (types.includes('object') && !['properties', 'patternProperties', 'additionalProperties'].some((k) => has(d, k)) && !composed) {
    report({ code: 'sdm-schema/structure', path: [...path, 'type'], message: 'An object attribute says what its members are: add "properties" with their definitions.' });
  }
  if (isObject(d.items)) checkStructure(report, d.items, [...path, 'items'], depth + 1);
}

/** SDM-021 */
function checkName(ctx: CheckContext, attribute: Attribute): void {
  const name = attribute.name;
  if (name === 'id' || name === 'type' || name.startsWith('@') || !/^[A-Z]/.test(name)) return;
  ctx.report({
    code: 'sdm-schema/attribute-name',
    path: attribute.path,
    target: 'key',
    message: `Attribute names are camelCase and start with a lower-case letter; "${name}" starts with a capital. (Names taken from an external standard keep their spelling: say so with "derivedFrom".)`,
  });
}

const BROKER_MANAGED: Readonly<Record<string, string>> = {
  dateCreated: 'NGSI-v2 brokers',
  dateModified: 'NGSI-v2 brokers',
  createdAt: 'NGSI-LD brokers',
  modifiedAt: 'NGSI-LD brokers',
};

/** SDM-022 */
function checkBrokerManaged(ctx: CheckContext, attribute: Attribute): void {
  const who = BROKER_MANAGED[attribute.name];
  if (!who) return;
  ctx.report({
    code: 'sdm-schema/broker-managed',
    path: attribute.path,
    target: 'key',
    message: `"${attribute.name}" is kept by ${who} themselves, not sent by applications; GSMA-Commons already describes it, so the model does not define it again.`,
    fixes: [{ kind: 'remove', title: `Remove "${attribute.name}"`, path: attribute.path }],
  });
}

const ID_REF = /EntityIdentifierType|\/properties\/id$|\/properties\/ref[A-Z]\w*$/;

/** True when values of the schema are entity ids (strings), as far as can be told without waiting. */
function holdsEntityIds(d: unknown, refs: RefResolver, depth = 0): boolean {
  if (!isObject(d) || depth > 6) return true;
  if (typeof d.$ref === 'string') {
    if (ID_REF.test(d.$ref)) return true;
    const target = refs.follow(d, refs.base);
    return target.state !== 'ready' || holdsEntityIds(target.value, refs, depth + 1);
  }
  for (const key of ['anyOf', 'oneOf']) {
    const options = d[key];
    if (Array.isArray(options)) return options.every((o) => holdsEntityIds(o, refs, depth + 1));
  }
  const types = typesOf(d);
  if (types.length === 0) return true;
  if (types.includes('string')) return true;
  if (types.includes('array')) return holdsEntityIds(d.items, refs, depth + 1);
  return false;
}

/** SDM-023 */
function checkRelationship(ctx: CheckContext, attribute: Attribute, refs: RefResolver): void {
  const d = attribute.definition;
  if (!isObject(d)) return;
  const ngsi = ngsiTypeOf(d.description);
  if (ngsi === 'Relationship' && !holdsEntityIds(d, refs)) {
    ctx.report({
      code: 'sdm-schema/relationship',
      path: attribute.path,
      target: 'key',
      message: `"${attribute.name}" is described as a Relationship, but its values are not entity ids: the object of a Relationship is the id (a URI) of another entity, for example a "$ref" to ${COMMON_SCHEMA}#/definitions/EntityIdentifierType.`,
    });
  } else if (ngsi === 'Property' && /^ref[A-Z]/.test(attribute.name) && typeof d.description === 'string') {
    const description = d.description;
    const typeSentence = sentences(description).find((s) => s.text === 'Property')!;
    const repaired = description.slice(0, typeSentence.start) + 'Relationship' + description.slice(typeSentence.end);
    ctx.report({
      code: 'sdm-schema/relationship',
      path: attribute.path,
      target: 'key',
      message: `"${attribute.name}" is named like a link to another entity (ref…) but described as a Property: a link is a Relationship, so that NGSI-LD payloads carry it with "object".`,
      fixes: [{ kind: 'set-value', title: 'Describe it as a Relationship', path: [...attribute.path, 'description'], value: repaired }],
    });
  }
}

/** SDM-024 */
function checkDate(ctx: CheckContext, attribute: Attribute): void {
  const d = attribute.definition;
  if (!isObject(d) || !/^date(?:[A-Z]|$)/.test(attribute.name)) return;
  if (['$ref', 'format', 'anyOf', 'oneOf', 'allOf', 'enum', 'const', 'pattern'].some((k) => has(d, k))) return;
  const types = typesOf(d);
  if (!(types.length === 1 && types[0] === 'string')) return;
  ctx.report({
    code: 'sdm-schema/date-format',
    path: [...attribute.path, 'type'],
    message: `"${attribute.name}" is named as a date but says no format: dates are ISO 8601 strings with "format": "date-time" (or "date"), so that validators and brokers read them as dates.`,
    fixes: [{ kind: 'add-member', title: 'Add "format": "date-time"', path: attribute.path, key: 'format', value: 'date-time' }],
  });
}

const LOCATION_COMMONS = `${COMMON_SCHEMA}#/definitions/Location-Commons`;
const STANDARD: Readonly<Record<string, string>> = {
  location: 'a GeoJSON geometry',
  address: 'a schema.org PostalAddress',
};

/** SDM-027: location and address are the shared GeoJSON and PostalAddress definitions. */
function checkStandardAttribute(ctx: CheckContext, attribute: Attribute, inherited: Inherited): void {
  const what = STANDARD[attribute.name];
  const d = attribute.definition;
  if (!what || !isObject(d) || typeof d.$ref === 'string' || inherited.names.has(attribute.name)) return;
  const ref = `${LOCATION_COMMONS}/properties/${attribute.name}`;
  ctx.report({
    code: 'sdm-schema/standard-attribute',
    path: attribute.path,
    target: 'key',
    message: `"${attribute.name}" is defined here by hand; Smart Data Models share one definition of it (${what}): "$ref": "${ref}" (or Location-Commons in "allOf").`,
    fixes: [{ kind: 'set-value', title: 'Use the shared definition', path: attribute.path, value: { $ref: ref } }],
  });
}

interface Inherited {
  /** Attribute names the allOf references define, with the reference that brings each. */
  names: Map<string, string>;
}

/** The attributes the root's allOf references bring in (those still loading are left out). */
function inheritedAttributes(root: JsonObject, refs: RefResolver): Inherited {
  const names = new Map<string, string>();
  const allOf = root.allOf;
  if (!Array.isArray(allOf)) return { names };
  for (const item of allOf) {
    if (!isObject(item) || typeof item.$ref !== 'string') continue;
    const target = refs.follow(item, refs.base);
    if (target.state !== 'ready') continue;
    const label = item.$ref.replace(/^.*#\/(?:definitions|\$defs)\//, '');
    collectNames(target.value, label, names, 0);
  }
  return { names };
}

function collectNames(schema: unknown, label: string, names: Map<string, string>, depth: number): void {
  if (!isObject(schema) || depth > 4) return;
  if (isObject(schema.properties)) for (const name of Object.keys(schema.properties)) if (!names.has(name)) names.set(name, label);
  if (Array.isArray(schema.allOf)) for (const item of schema.allOf) collectNames(item, label, names, depth + 1);
}

/** SDM-032 */
function checkDuplicate(ctx: CheckContext, attribute: Attribute, inherited: Inherited): void {
  const from = inherited.names.get(attribute.name);
  const d = attribute.definition;
  if (!from || attribute.name === 'type' || !isObject(d) || typeof d.$ref === 'string') return;
  ctx.report({
    code: 'sdm-schema/duplicate-attribute',
    path: attribute.path,
    target: 'key',
    message: `"${attribute.name}" is already defined by ${from}, which this model pulls in through allOf: both definitions apply to every payload (allOf), so the model can only narrow the shared one. Use the shared definition, or give the attribute a name of its own.`,
  });
}

/** SDM-026 and SDM-028 on one subschema of the model (called for every subschema). */
export function checkValues(ctx: CheckContext, schema: JsonObject, path: JsonPath): void {
  const values = schema.enum;
  if (Array.isArray(values)) {
    values.forEach((value, i) => {
      if (value === null) nullValue(ctx, [...path, 'enum', i], 'lists null among the allowed values');
      else if (typeof value === 'string' && /\s/.test(value.trim())) {
        ctx.report({
          code: 'sdm-schema/enum-values',
          path: [...path, 'enum', i],
          message: `Enumerated values are single camelCase words; ${preview(value)} has spaces (payloads and queries compare them as they are).`,
        });
      }
    });
  }
  if (has(schema, 'const') && schema.const === null) nullValue(ctx, [...path, 'const'], 'allows only null');
  if (has(schema, 'default') && schema.default === null) nullValue(ctx, [...path, 'default'], 'gives null as the default');
  const type = schema.type;
  if (Array.isArray(type)) {
    const i = type.indexOf('null');
    if (i >= 0) nullValue(ctx, [...path, 'type', i], 'allows null values', type.length > 1 ? [{ kind: 'remove', title: 'Remove "null"', path: [...path, 'type', i] }] : undefined);
  } else if (type === 'null') nullValue(ctx, [...path, 'type'], 'allows only null');
}

function nullValue(ctx: CheckContext, path: JsonPath, what: string, fixes?: Fix[]): void {
  ctx.report({
    code: 'sdm-schema/null',
    path,
    message: `This schema ${what}: NGSI-LD forbids null as a value (an attribute without a value is left out, or deleted).`,
    ...(fixes ? { fixes } : {}),
  });
}

