import type { CheckContext } from '../context';
import { checkGeometry, looksLikeGeometry, looksLikeGeoJson } from '../geo/geojson';
import { childPath, describeType, hasOwn, isObject, member, preview, type JsonObject, type JsonPath } from '../json/values';
import type { Fix } from '../problem';
import {
  ATTRIBUTE_KINDS,
  ATTRIBUTE_META_MEMBERS,
  ENTITY_RESERVED_MEMBERS,
  GEO_PROPERTY_NAMES,
  KIND_OF_MAIN_MEMBER,
  MAIN_MEMBER,
  MAIN_MEMBERS,
  NGSI_LD_NULL,
  NGSI_V2_TYPES,
  NOTIFICATION_ONLY_MEMBERS,
  SYSTEM_ATTRIBUTES,
  isAttributeKind,
  isMainMember,
  isNgsiV2Type,
  type AttributeKind,
} from './constants';
import {
  brokerRefusedUriCharacters,
  checkAbsoluteUri,
  checkDateTime,
  checkName,
  checkScope,
  closest,
  isAbsoluteUri,
  isLanguageTag,
} from './syntax';

/** How the entity is written (REP-001 to REP-006). */
export type Representation = 'normalized' | 'concise' | 'simplified';

export interface EntityOptions {
  /** Creating (and batch operations) needs id and type; a merge or patch body does not. */
  requireIdAndType: boolean;
  /**
   * True when the payload is sent with a merge or partial update, where NGSI-LD Null deletes; a create
   * or replace refuses NGSI-LD Null.
   */
  update: boolean;
  /** The temporal representation: each attribute is an array of instances over time (NGSI-TMP-001). */
  temporal?: boolean;
  /** What a broker sends (notification data): system attributes and previousValue are expected. */
  output?: boolean;
}

interface Scope {
  rep: Representation;
  /** Most attributes carry `type`: bare values are then oversights (REP-006). */
  mostlyNormalized: boolean;
  level: 'attribute' | 'sub-attribute';
  depth: number;
  options: EntityOptions;
}

const MAX_SUB_ATTRIBUTE_DEPTH = 32;
const LIST_KINDS: ReadonlySet<string> = new Set(['ListProperty', 'ListRelationship']);

/** Checks one entity (or one entity fragment, for updates) at `path`; returns how it is written. */
export function checkEntity(ctx: CheckContext, entity: JsonObject, path: JsonPath, options: EntityOptions): Representation {
  const idKey = checkAliases(ctx, entity, path, 'id');
  const typeKey = checkAliases(ctx, entity, path, 'type');
  const typeNames = checkEntityType(ctx, entity, path, typeKey, options);
  checkEntityId(ctx, entity, path, idKey, typeNames, options);
  if (hasOwn(entity, 'scope')) {
    if (options.temporal && isObject(entity.scope)) checkTemporalAttribute(ctx, 'scope', entity.scope, [...path, 'scope'], { rep: 'normalized', mostlyNormalized: false, level: 'attribute', depth: 0, options });
    else checkScopeMember(ctx, entity.scope, [...path, 'scope'], options);
  }

  const { rep, mostlyNormalized } = representationOf(entity);
  const scope: Scope = { rep, mostlyNormalized, level: 'attribute', depth: 0, options };
  for (const key of Object.keys(entity)) {
    if (SYSTEM_ATTRIBUTES.has(key)) {
      if (!options.output) reportSystemAttribute(ctx, [...path, key], key);
      if (typeof entity[key] === 'string') checkDateTimeValue(ctx, entity[key] as string, [...path, key], `"${key}"`);
      continue;
    }
    if (ENTITY_RESERVED_MEMBERS.has(key)) continue;
    const meant = memberMeant(key);
    if (meant) {
      ctx.report({
        code: 'ngsi-ld/member-typo',
        path: [...path, key],
        target: 'key',
        message: `"${key}" is read as an attribute. Did you mean the entity member "${meant}"? Member names are case-sensitive.`,
        fixes: hasOwn(entity, meant) ? undefined : [{ kind: 'rename-key', title: `Rename to "${meant}"`, path: [...path, key], to: meant, safe: true }],
      });
      continue;
    }
    const value = entity[key];
    // Most attributes of a large simplified batch are a number or a plain string with a good name: nothing to
    // report, so nothing to allocate.
    if (!options.temporal && (scope.mostlyNormalized ? isQuietProperty(key, value) : isQuietScalar(key, value, scope.rep) || isQuietConcise(key, value))) continue;
    const attributePath = childPath(path, key);
    if (options.temporal) checkTemporalAttribute(ctx, key, value, attributePath, scope);
    else checkAttribute(ctx, key, value, attributePath, scope);
  }
  return rep;
}

/** Members of the simplified and aggregated temporal representations, which only brokers send. */
const TEMPORAL_OUTPUT_MEMBERS = ['values', 'objects', 'languageMaps', 'vocabs', 'valueLists', 'objectLists', 'jsons', 'totalCount', 'distinctCount', 'sum', 'avg', 'min', 'max', 'stddev', 'sumsq'];

/** NGSI-TMP-001 and -003: an attribute of a temporal entity is an array of instances over time. */
function checkTemporalAttribute(ctx: CheckContext, name: string, value: unknown, path: JsonPath, scope: Scope): void {
  const isOutputForm = (v: unknown) => isObject(v) && TEMPORAL_OUTPUT_MEMBERS.some((m) => Array.isArray(v[m]));
  if (isOutputForm(value) || (Array.isArray(value) && value.some(isOutputForm))) {
    ctx.report({
      code: 'ngsi-ld/temporal-output',
      path,
      message: `"${name}" is in the simplified or aggregated temporal representation ([value, time] pairs), which brokers return; it is not accepted as input.`,
    });
    return;
  }
  if (isObject(value)) {
    ctx.report({
      code: 'ngsi-ld/temporal-instances',
      path,
      message: `In the temporal representation each attribute is an array of instances; "${name}" is a single instance. Write [${'{'}...${'}'}].`,
      fixes: [{ kind: 'set-value', title: 'Put the instance in an array', path, value: [value], safe: true }],
    });
  }
  checkAttribute(ctx, name, value, path, scope);
  const instances = Array.isArray(value) ? value : [value];
  instances.forEach((instance, i) => {
    if (isObject(instance) && !hasOwn(instance, 'observedAt') && !scope.options.output) {
      ctx.report({
        code: 'ngsi-ld/temporal-instances',
        path: Array.isArray(value) ? [...path, i] : path,
        message: `This instance of "${name}" has no "observedAt": temporal queries on observedAt (the default) never find it.`,
      });
    }
  });
}

/** Names whose bare values need no check: a valid name, not an IRI, not a GeoProperty name; and whether it reads as a link. */
const QUIET_NAMES = new Map<string, { quiet: boolean; ref: boolean }>();
const REF_NAME = /^(ref[A-Z_]|has[A-Z_])/;

/**
 * A scalar attribute value that no rule can report on: what checkAttribute and checkBareValue would find
 * nothing in (the same conditions, in the same order, without building a path).
 */
function isQuietScalar(name: string, value: unknown, rep: Representation): boolean {
  const t = typeof value;
  if (t !== 'number' && t !== 'boolean' && t !== 'string') return false;
  let known = QUIET_NAMES.get(name);
  if (!known) {
    const verdict = checkName(name);
    known = { quiet: verdict.ok && !verdict.iri && !GEO_PROPERTY_NAMES.has(name), ref: REF_NAME.test(name) };
    if (QUIET_NAMES.size >= 4096) QUIET_NAMES.clear();
    QUIET_NAMES.set(name, known);
  }
  if (!known.quiet) return false;
  if (t !== 'string') return true;
  const text = value as string;
  if (text === NGSI_LD_NULL || RESTRICTED_CONTENT.test(text)) return false;
  return !(known.ref && rep === 'concise');
}

/**
 * {"type": "Property", "value": <number, boolean or plain string>} and nothing else, under a good name: the
 * commonest attribute of a normalized batch, with nothing to report.
 */
function isQuietProperty(name: string, value: unknown): boolean {
  if (!isObject(value) || value.type !== 'Property') return false;
  const v = value.value;
  const t = typeof v;
  if (t !== 'number' && t !== 'boolean' && (t !== 'string' || v === NGSI_LD_NULL || RESTRICTED_CONTENT.test(v as string))) return false;
  let members = 0;
  for (const key in value) {
    if (key !== 'type' && key !== 'value') return false;
    members++;
  }
  if (members !== 2) return false;
  return isQuietScalar(name, 0, 'normalized');
}

/** The concise twin of isQuietProperty: {"value": <number, boolean or plain string>} alone. */
function isQuietConcise(name: string, value: unknown): boolean {
  if (!isObject(value)) return false;
  const v = value.value;
  const t = typeof v;
  if (t !== 'number' && t !== 'boolean' && (t !== 'string' || v === NGSI_LD_NULL || RESTRICTED_CONTENT.test(v as string))) return false;
  for (const key in value) if (key !== 'value') return false;
  return isQuietScalar(name, 0, 'concise');
}

/** The entity member a name is a case slip of ("Id", "TYPE"), remembered per name: batches repeat their names. */
const MEANT_BY_NAME = new Map<string, string | null>();
function memberMeant(key: string): string | undefined {
  let meant = MEANT_BY_NAME.get(key);
  if (meant === undefined) {
    meant = ENTITY_MEMBER_BY_LOWER_CASE.get(key.toLowerCase()) ?? null;
    if (MEANT_BY_NAME.size >= 4096) MEANT_BY_NAME.clear();
    MEANT_BY_NAME.set(key, meant);
  }
  return meant ?? undefined;
}

const ENTITY_MEMBER_BY_LOWER_CASE: ReadonlyMap<string, string> = new Map(
  ['id', 'type', 'scope', '@context', '@id', '@type', 'createdAt', 'modifiedAt'].map((m) => [m.toLowerCase(), m]),
);

/** ENT-008: `id`/`@id` and `type`/`@type` are aliases; returns the key in use. */
function checkAliases(ctx: CheckContext, entity: JsonObject, path: JsonPath, name: 'id' | 'type'): string | undefined {
  const alias = '@' + name;
  const hasPlain = hasOwn(entity, name);
  const hasAlias = hasOwn(entity, alias);
  if (hasPlain && hasAlias) {
    ctx.report({
      code: 'ngsi-ld/duplicate-alias',
      path: [...path, alias],
      target: 'key',
      message: `"${alias}" is an alias of "${name}", and this entity has both: brokers refuse the duplicate. Keep one.`,
      fixes: [{ kind: 'remove', title: `Remove "${alias}"`, path: [...path, alias], safe: true }],
    });
  }
  return hasPlain ? name : hasAlias ? alias : undefined;
}

function checkEntityType(ctx: CheckContext, entity: JsonObject, path: JsonPath, typeKey: string | undefined, options: EntityOptions): string[] {
  if (typeKey === undefined) {
    if (options.requireIdAndType) {
      ctx.report({
        code: 'ngsi-ld/entity-type-missing',
        path,
        message: 'This entity has no "type". Creating an entity needs a type, for example "type": "Vehicle".',
        fixes: [{ kind: 'add-member', title: 'Add a type', path, key: 'type', value: 'Thing', snippet: '"${1:Type}"', first: true }],
      });
    }
    return [];
  }
  const typePath = [...path, typeKey];
  const value = entity[typeKey];
  if (isObject(value) && (isAttributeKind(member(value, 'type')) || MAIN_MEMBERS.some((m) => hasOwn(value, m)))) {
    ctx.report({
      code: 'ngsi-ld/reserved-name',
      path: typePath,
      message: `"${typeKey}" is the entity type and cannot be an attribute. Give the attribute another name (for example "category") and set "type" to the entity type name.`,
    });
    return [];
  }
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!names) {
    ctx.report({ code: 'ngsi-ld/entity-type', path: typePath, message: `The entity type is a string (or an array of strings), not ${describeType(value)}.` });
    return [];
  }
  if (Array.isArray(value) && value.length === 0) {
    ctx.report({ code: 'ngsi-ld/entity-type', path: typePath, message: 'The entity type array is empty: it needs at least one type name.' });
    return [];
  }
  const valid: string[] = [];
  names.forEach((name, i) => {
    const itemPath = Array.isArray(value) ? [...typePath, i] : typePath;
    if (typeof name !== 'string') {
      ctx.report({ code: 'ngsi-ld/entity-type', path: itemPath, message: `Each entity type is a string, not ${describeType(name)}.` });
      return;
    }
    if (name === 'type' || name === '@type' || name === 'id' || name === '@id') {
      ctx.report({
        code: 'ngsi-ld/entity-type',
        path: itemPath,
        message: `"${name}" cannot be an entity type: the core @context maps it to a JSON-LD keyword, so it does not expand to a type IRI.`,
      });
      return;
    }
    const verdict = checkName(name);
    if (!verdict.ok) {
      ctx.report({
        code: 'ngsi-ld/entity-type',
        path: itemPath,
        message: `"${preview(name, 60).slice(1, -1)}" is not a valid entity type: ${verdict.reason}. A type starts with a letter and goes on with letters, digits and _ (or is an absolute IRI).`,
      });
      return;
    }
    valid.push(name);
  });
  return valid;
}

function checkEntityId(
  ctx: CheckContext,
  entity: JsonObject,
  path: JsonPath,
  idKey: string | undefined,
  typeNames: string[],
  options: EntityOptions,
): void {
  const typeName = typeNames.length > 0 ? shortName(typeNames[0]!) : undefined;
  if (idKey === undefined) {
    if (options.requireIdAndType) {
      const template = `urn:ngsi-ld:${typeName ?? 'Type'}:`;
      ctx.report({
        code: 'ngsi-ld/entity-id-missing',
        path,
        message: `This entity has no "id". Creating an entity needs an id: an absolute URI such as "${template}001".`,
        fixes: [{ kind: 'add-member', title: 'Add an id', path, key: 'id', value: `${template}001`, snippet: `"${template}\${1:001}"`, first: true }],
      });
    }
    return;
  }
  const idPath = [...path, idKey];
  const id = entity[idKey];
  if (typeof id !== 'string') {
    ctx.report({ code: 'ngsi-ld/entity-id', path: idPath, message: `The entity id is a string holding an absolute URI, not ${describeType(id)}.` });
    return;
  }
  const verdict = checkAbsoluteUri(id);
  if (!verdict.ok) {
    const local = id.trim().replace(/\s+/g, '-');
    const proposal = local && /^[A-Za-z0-9._~%!$&'()*+,;=:@/-]+$/.test(local) ? `urn:ngsi-ld:${typeName ?? 'Thing'}:${local}` : undefined;
    ctx.report({
      code: 'ngsi-ld/entity-id',
      path: idPath,
      message: `The entity id must be an absolute URI, but ${verdict.reason}.${proposal ? ` For example "${proposal}".` : ''}`,
      fixes: proposal ? [{ kind: 'set-value', title: `Use "${proposal}"`, path: idPath, value: proposal, safe: false }] : undefined,
    });
    return;
  }
  const refused = brokerRefusedUriCharacters(id);
  if (refused.length > 0) {
    ctx.report({
      code: 'ngsi-ld/uri-characters',
      path: idPath,
      message: `This id holds ${refused.map((c) => `"${c}"`).join(', ')}, which Orion-LD refuses in entity ids ("Invalid URI - invalid character"). Percent-encode or replace ${refused.length > 1 ? 'them' : 'it'}.`,
    });
  }
  if (!typeName) return;
  const urn = /^urn:ngsi-ld:([^:]*):(.+)$/.exec(id);
  if (!urn) {
    ctx.report({
      code: 'ngsi-ld/entity-id-form',
      path: idPath,
      message: `Entity ids are recommended to read urn:ngsi-ld:${typeName}:<local id>; "${preview(id, 60).slice(1, -1)}" is valid but does not follow that form.`,
    });
  } else if (!typeNames.some((t) => shortName(t) === urn[1])) {
    ctx.report({
      code: 'ngsi-ld/entity-id-form',
      path: idPath,
      message: `This id names the type "${urn[1]}" but the entity type is ${typeNames.map((t) => `"${t}"`).join(' or ')}: check that the id belongs to this entity.`,
    });
  }
}

let lastShortName: { type: string; short: string } | undefined;
function shortName(type: string): string {
  if (lastShortName && lastShortName.type === type) return lastShortName.short;
  const short = computeShortName(type);
  lastShortName = { type, short };
  return short;
}

function computeShortName(type: string): string {
  const hash = Math.max(type.lastIndexOf('/'), type.lastIndexOf('#'));
  if (hash >= 0 && hash < type.length - 1) return type.slice(hash + 1);
  const colon = type.indexOf(':');
  return colon >= 0 && !type.includes('/') ? type.slice(colon + 1) : type;
}

function checkScopeMember(ctx: CheckContext, value: unknown, path: JsonPath, options: EntityOptions): void {
  if (isObject(value)) {
    ctx.report({
      code: 'ngsi-ld/reserved-name',
      path,
      message: '"scope" is the entity\'s scope (a path such as "/Madrid/Centro") and cannot be an attribute. Give the attribute another name.',
    });
    return;
  }
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!items) {
    ctx.report({ code: 'ngsi-ld/scope', path, message: `A scope is a string or an array of strings, not ${describeType(value)}.` });
    return;
  }
  items.forEach((item, i) => {
    const itemPath = Array.isArray(value) ? [...path, i] : path;
    if (typeof item !== 'string') {
      ctx.report({ code: 'ngsi-ld/scope', path: itemPath, message: `Each scope is a string, not ${describeType(item)}.` });
      return;
    }
    if (item === NGSI_LD_NULL) {
      reportNgsiLdNull(ctx, itemPath, 'the scope', options);
      return;
    }
    const verdict = checkScope(item);
    if (!verdict.ok) {
      ctx.report({
        code: 'ngsi-ld/scope',
        path: itemPath,
        message: `"${item}" is not a valid scope: ${verdict.reason}. A scope is a path of levels such as "/Madrid/Centro".`,
      });
    }
  });
}

function reportSystemAttribute(ctx: CheckContext, path: JsonPath, key: string): void {
  ctx.report({
    code: 'ngsi-ld/system-attribute',
    path,
    target: 'key',
    message: `"${key}" is set by the broker: in a create or update payload it is ignored.`,
    fixes: [{ kind: 'remove', title: `Remove "${key}"`, path, safe: true }],
  });
}

function reportNgsiLdNull(ctx: CheckContext, path: JsonPath, what: string, options: EntityOptions): void {
  if (options.update) {
    ctx.report({
      code: 'ngsi-ld/ngsi-ld-null',
      path,
      message: `NGSI-LD Null deletes ${what}. That is valid in merge and partial-update (PATCH) requests only; a create or replace refuses it.`,
    });
    return;
  }
  ctx.report({
    code: 'ngsi-ld/ngsi-ld-null',
    path,
    severity: 'error',
    message: `NGSI-LD Null ("urn:ngsi-ld:null") deletes ${what}, which a create or replace request refuses. Leave the attribute out, or send this as a merge or update request.`,
  });
}

/** How each attribute is written, and what that makes the entity (REP-002, REP-005, REP-006). */
export function representationOf(entity: JsonObject): { rep: Representation; mostlyNormalized: boolean } {
  let normalized = 0;
  let concise = 0;
  let bare = 0;
  for (const key of Object.keys(entity)) {
    if (ENTITY_RESERVED_MEMBERS.has(key)) continue;
    const style = attributeStyle(entity[key]);
    if (style === 'normalized') normalized++;
    else if (style === 'concise') concise++;
    else bare++;
  }
  if (normalized > 0 && concise === 0 && bare === 0) return { rep: 'normalized', mostlyNormalized: true };
  if (normalized === 0 && concise === 0) return { rep: 'simplified', mostlyNormalized: false };
  return { rep: 'concise', mostlyNormalized: normalized > 0 && normalized >= concise + bare };
}

function attributeStyle(value: unknown): 'normalized' | 'concise' | 'bare' {
  if (Array.isArray(value)) {
    // An array of {"value": ...} objects is as likely a simplified value (a list of records) as a concise
    // multi-attribute; only instances that carry NGSI-LD members decide the entity's representation.
    let style: 'normalized' | 'concise' | 'bare' = 'bare';
    for (const item of value) {
      const s = attributeStyle(item);
      if (s === 'normalized') return s;
      if (s === 'concise' && isObject(item) && (MAIN_MEMBERS.some((m) => m !== 'value' && hasOwn(item, m)) || INSTANCE_MEMBERS.some((m) => hasOwn(item, m)))) {
        style = s;
      }
    }
    return style;
  }
  if (!isObject(value)) return 'bare';
  const type = member(value, 'type');
  const hasMain = firstMainMember(value) !== undefined;
  if (isAttributeKind(type) || (typeof type === 'string' && hasMain)) return 'normalized';
  if (hasMain && !isJsonLdValueObject(value)) return 'concise';
  return 'bare';
}

const INSTANCE_MEMBERS = ['datasetId', 'observedAt', 'unitCode', 'instanceId'];

/**
 * The first main member an object carries (value, object, languageMap...), in MAIN_MEMBERS order. The names
 * are not Object.prototype members, so a plain read tells presence (JSON never holds undefined).
 */
function firstMainMember(value: JsonObject): (typeof MAIN_MEMBERS)[number] | undefined {
  for (let i = 0; i < MAIN_MEMBERS.length; i++) {
    const m = MAIN_MEMBERS[i]!;
    if (value[m] !== undefined) return m;
  }
  return undefined;
}

/**
 * An array whose items are attribute instances is a multi-attribute; any other array is a value. In a
 * simplified entity only instances with NGSI-LD members count; elsewhere any {"value": ...} item does.
 */
export function isMultiAttribute(value: unknown[], rep: Representation): boolean {
  if (rep === 'simplified') return attributeStyle(value) !== 'bare';
  return value.some((item) => isObject(item) && (isAttributeKind(member(item, 'type')) || MAIN_MEMBERS.some((m) => hasOwn(item, m))));
}

function isJsonLdValueObject(value: JsonObject): boolean {
  return hasOwn(value, '@value') || hasOwn(value, '@id') || hasOwn(value, '@list') || hasOwn(value, '@set');
}

function checkAttributeName(ctx: CheckContext, name: string, path: JsonPath, scope: Scope): void {
  const verdict = checkName(name);
  const what = scope.level === 'attribute' ? 'attribute' : 'sub-attribute';
  if (!verdict.ok) {
    ctx.report({
      code: 'ngsi-ld/attribute-name',
      path,
      target: 'key',
      message:
        `"${name}" is not a valid ${what} name: ${verdict.reason}. Names start with a letter and go on with letters, digits ` +
        `and _ (for example "${suggestName(name)}").`,
      fixes: suggestName(name) !== name ? [{ kind: 'rename-key', title: `Rename to "${suggestName(name)}"`, path, to: suggestName(name), safe: false }] : undefined,
    });
  } else if (verdict.iri) {
    ctx.report({
      code: 'ngsi-ld/attribute-name-iri',
      path,
      target: 'key',
      message: `The full IRI "${name}" as a ${what} name is legal JSON-LD, but Stellio refuses it. Define a short term for it in the @context.`,
    });
  }
}

/** camelCase of the letters and digits of a name, starting with a letter. */
function suggestName(name: string): string {
  const parts = name.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
  let out = parts.map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join('');
  out = out.replace(/^[^\p{L}]+/u, '');
  return out || 'attribute';
}

function checkAttribute(ctx: CheckContext, name: string | undefined, value: unknown, path: JsonPath, scope: Scope, skipName = false): void {
  if (name !== undefined && !skipName) {
    if (name === 'id' || name === '@id' || name === 'type' || name === '@type' || name === 'scope') {
      ctx.report({
        code: 'ngsi-ld/reserved-name',
        path,
        target: 'key',
        message: `"${name}" is reserved and cannot be a ${scope.level === 'attribute' ? 'attribute' : 'sub-attribute'} name.`,
      });
      return;
    }
    checkAttributeName(ctx, name, path, scope);
  }
  if (value === null) {
    ctx.report({
      code: 'ngsi-ld/null-value',
      path,
      message: `${name ? `"${name}" is` : 'This is'} JSON null, which brokers refuse. Leave the attribute out, or delete it in an update with "urn:ngsi-ld:null".`,
      fixes: name !== undefined ? [{ kind: 'remove', title: `Remove "${name}"`, path, safe: false }] : undefined,
    });
    return;
  }
  if (Array.isArray(value)) {
    if (isMultiAttribute(value, scope.rep)) checkMultiAttribute(ctx, name, value, path, scope);
    else checkBareValue(ctx, name, value, path, scope);
    return;
  }
  if (!isObject(value)) {
    checkBareValue(ctx, name, value, path, scope);
    return;
  }
  const type = member(value, 'type');
  const main = firstMainMember(value);
  if (typeof type === 'string') {
    if (isAttributeKind(type)) {
      checkInstance(ctx, name, value, path, type, scope, true);
      return;
    }
    if (main !== undefined && !isJsonLdValueObject(value)) {
      const inferred = inferKind(name, value, main);
      reportWrongKind(ctx, type, [...path, 'type'], inferred);
      checkInstance(ctx, name, value, path, inferred, scope, false, true);
      return;
    }
    // An object with a non-kind type and no kind members is a value (a GeoJSON geometry, a schema.org object...).
    checkObjectValue(ctx, name, value, path, scope);
    return;
  }
  if (type !== undefined && main !== undefined) {
    ctx.report({
      code: 'ngsi-ld/attribute-kind',
      path: [...path, 'type'],
      message: `An attribute "type" is the name of its kind (${ATTRIBUTE_KINDS.join(', ')}), not ${describeType(type)}.`,
    });
  }
  if (main !== undefined && !isJsonLdValueObject(value)) {
    const kind = inferKind(name, value, main);
    if (scope.mostlyNormalized) reportMixed(ctx, name, value, path, kind);
    checkInstance(ctx, name, value, path, kind, scope, false);
    return;
  }
  checkObjectValue(ctx, name, value, path, scope);
}

/** REP-002: the kind of a concise attribute, from its main member. */
function inferKind(name: string | undefined, value: JsonObject, main: string): AttributeKind {
  if (main === 'value' && (looksLikeGeometry(value.value) || (name !== undefined && GEO_PROPERTY_NAMES.has(name) && isObject(value.value)))) {
    return 'GeoProperty';
  }
  return KIND_OF_MAIN_MEMBER[main]!;
}

function reportWrongKind(ctx: CheckContext, type: string, typePath: JsonPath, inferred: AttributeKind): void {
  if (isNgsiV2Type(type)) {
    const kind = NGSI_V2_TYPES[type]!;
    ctx.report({
      code: 'ngsi-ld/ngsi-v2-type',
      path: typePath,
      message: `"${type}" is an NGSI-v2 attribute type; in NGSI-LD this attribute is a ${kind}.`,
      fixes: [{ kind: 'set-value', title: `Change the type to ${kind}`, path: typePath, value: kind, safe: true }],
    });
    return;
  }
  const suggestion =
    type === 'VocabularyProperty' ? 'VocabProperty' : (ATTRIBUTE_KINDS.find((k) => k.toLowerCase() === type.toLowerCase()) ?? closest(type, ATTRIBUTE_KINDS) ?? inferred);
  const because =
    type === 'VocabularyProperty'
      ? ' (VocabularyProperty is an older Orion-LD spelling; the spec says VocabProperty)'
      : '';
  ctx.report({
    code: 'ngsi-ld/attribute-kind',
    path: typePath,
    message: `"${type}" is not an NGSI-LD attribute type${because}. Use one of ${ATTRIBUTE_KINDS.join(', ')}; this one is most likely a ${suggestion}.`,
    fixes: [{ kind: 'set-value', title: `Change the type to ${suggestion}`, path: typePath, value: suggestion, safe: true }],
  });
}

function reportMixed(ctx: CheckContext, name: string | undefined, value: unknown, path: JsonPath, kind: AttributeKind): void {
  if (name === undefined) return;
  let wrapped: JsonObject;
  if (isObject(value) && MAIN_MEMBERS.some((m) => hasOwn(value, m))) wrapped = { type: kind, ...value };
  else wrapped = kind === 'Relationship' ? { type: kind, object: value } : { type: kind, value };
  ctx.report({
    code: 'ngsi-ld/mixed-representation',
    path,
    message: `The other attributes of this entity are normalized, but "${name}" is not: brokers read it as concise. Write it as {"type": "${kind}", ...}.`,
    fixes: [{ kind: 'set-value', title: `Write "${name}" as a normalized ${kind}`, path, value: wrapped, safe: true }],
  });
}

/** A value that is not an attribute object: a concise or simplified attribute, or a misplaced value. */
function checkBareValue(ctx: CheckContext, name: string | undefined, value: unknown, path: JsonPath, scope: Scope): void {
  const geoName = name !== undefined && GEO_PROPERTY_NAMES.has(name);
  if (geoName) {
    if (typeof value === 'string' && value !== NGSI_LD_NULL) checkGeometry(ctx, value, path);
    else if (value !== NGSI_LD_NULL)
      ctx.report({ code: 'ngsi-ld/geoproperty-name', path, message: `"${name}" is reserved for a GeoProperty: its value is a GeoJSON geometry, not ${describeType(value)}.` });
    return;
  }
  const isRef = typeof value === 'string' && name !== undefined && /^(ref[A-Z_]|has[A-Z_])/.test(name) && isAbsoluteUri(value) && value !== NGSI_LD_NULL;
  if (scope.mostlyNormalized) {
    reportMixed(ctx, name, value, path, isRef ? 'Relationship' : Array.isArray(value) && name !== undefined && /^(ref[A-Z_]|has[A-Z_])/.test(name) && value.every((v) => typeof v === 'string' && isAbsoluteUri(v)) ? 'ListRelationship' : 'Property');
  } else if (isRef && scope.rep === 'concise') {
    // In a simplified entity (every attribute a bare value) a URI string is how a link is written.
    ctx.report({
      code: 'ngsi-ld/uri-as-property',
      path,
      message: `"${name}" holds an entity id as a plain string, so it is stored as a Property, not a Relationship; linked-entity queries will not follow it. Write {"object": ${preview(value, 80)}} to make it a Relationship.`,
      fixes: [{ kind: 'set-value', title: 'Make it a Relationship', path, value: { object: value }, safe: false }],
    });
  }
  if (value === NGSI_LD_NULL) {
    reportNgsiLdNull(ctx, path, name ? `"${name}"` : 'this attribute', scope.options);
    return;
  }
  checkPlainValue(ctx, value, path);
}

/** An object that is a value, not an attribute: GeoJSON, a JSON-LD value object, or structured data. */
function checkObjectValue(ctx: CheckContext, name: string | undefined, value: JsonObject, path: JsonPath, scope: Scope): void {
  const geoName = name !== undefined && GEO_PROPERTY_NAMES.has(name);
  if (looksLikeGeoJson(value) || geoName) {
    if (scope.mostlyNormalized) reportMixed(ctx, name, value, path, 'GeoProperty');
    checkGeometry(ctx, value, path);
    return;
  }
  if (isJsonLdValueObject(value)) {
    if (scope.mostlyNormalized) reportMixed(ctx, name, value, path, 'Property');
    checkPlainValue(ctx, value, path);
    return;
  }
  if (scope.mostlyNormalized) {
    reportMixed(ctx, name, value, path, 'Property');
  } else if (scope.rep === 'concise' && name !== undefined) {
    ctx.report({
      code: 'ngsi-ld/concise-object',
      path,
      message: `In a concise payload this object is read as an attribute whose members are sub-attributes, not as a value. If it is the value of "${name}", write {"value": {...}}.`,
      fixes: [{ kind: 'set-value', title: 'Wrap the object in "value"', path, value: { value }, safe: false }],
    });
    return;
  }
  checkPlainValue(ctx, value, path);
}

/**
 * One attribute instance of a known kind. `explicit` is false for concise attributes, whose kind was
 * inferred; `kindReported` is true when the kind itself was already reported wrong.
 */
function checkInstance(
  ctx: CheckContext,
  name: string | undefined,
  instance: JsonObject,
  path: JsonPath,
  kind: AttributeKind,
  scope: Scope,
  explicit: boolean,
  kindReported = false,
): void {
  const typePath = [...path, 'type'];
  if (explicit && LIST_KINDS.has(kind)) {
    ctx.report({ code: 'ngsi-ld/list-kind-support', path: typePath, message: `${kind} is defined since NGSI-LD v1.8; Scorpio supports it, but some Orion-LD versions refuse it as an invalid type.` });
  }
  if (name !== undefined && GEO_PROPERTY_NAMES.has(name) && kind !== 'GeoProperty' && !kindReported) {
    ctx.report({
      code: 'ngsi-ld/geoproperty-name',
      path: explicit ? typePath : path,
      message: `"${name}" is reserved for a GeoProperty, but this is a ${kind}. Its value must be a GeoJSON geometry with "type": "GeoProperty".`,
      fixes: explicit && kind === 'Property' && looksLikeGeometry(instance.value) ? [{ kind: 'set-value', title: 'Change the type to GeoProperty', path: typePath, value: 'GeoProperty', safe: true }] : undefined,
    });
  }
  const main = MAIN_MEMBER[kind];
  const hasMain = hasOwn(instance, main);
  let mainReported = false;
  const subScope: Scope = { ...scope, level: 'sub-attribute', depth: scope.depth + 1 };
  for (const key of Object.keys(instance)) {
    const memberPath = [...path, key];
    const value = instance[key];
    if (key === 'type' || key === '@context') continue;
    if (isMainMember(key) && key !== main) {
      if (kindReported) continue;
      if (kind === 'Relationship' && key === 'value' && !hasMain) {
        mainReported = true;
        ctx.report({
          code: 'ngsi-ld/relationship-object',
          path: memberPath,
          target: 'key',
          message: 'A Relationship needs "object" (a URI), not "value": written as "value", the link is not stored. Rename "value" to "object".',
          fixes: [{ kind: 'rename-key', title: 'Rename "value" to "object"', path: memberPath, to: 'object', safe: true }],
        });
        if (typeof value === 'string' && value !== NGSI_LD_NULL && !isAbsoluteUri(value)) {
          ctx.report({ code: 'ngsi-ld/relationship-target', path: memberPath, message: `A Relationship points at an entity id, an absolute URI; ${preview(value)} is not one.` });
        }
        continue;
      }
      const matching = key === 'value' ? (looksLikeGeometry(value) ? 'GeoProperty' : 'Property') : KIND_OF_MAIN_MEMBER[key]!;
      const fixes: Fix[] = !hasMain && explicit
        ? [{ kind: 'set-value', title: `Change the type to ${matching}`, path: typePath, value: matching, safe: false }]
        : [{ kind: 'remove', title: `Remove "${key}"`, path: memberPath, safe: false }];
      if (!hasMain) mainReported = true;
      ctx.report({
        code: 'ngsi-ld/forbidden-member',
        path: memberPath,
        target: 'key',
        message: hasMain
          ? `A ${kind} carries "${main}"; "${key}" belongs to a ${matching} and is not allowed here.`
          : `A ${kind} carries "${main}", not "${key}". "${key}" belongs to a ${matching}: change the type, or rename the member to "${main}".`,
        fixes,
      });
      continue;
    }
    if (key === main) {
      checkMainValue(ctx, name, kind, value, memberPath, scope);
      continue;
    }
    switch (key) {
      case 'observedAt':
        checkDateTimeMember(ctx, value, memberPath, key);
        continue;
      case 'createdAt':
      case 'modifiedAt':
      case 'deletedAt':
        if (!scope.options.output) reportSystemAttribute(ctx, memberPath, key);
        checkDateTimeMember(ctx, value, memberPath, key);
        continue;
      case 'instanceId':
        if (!scope.options.output) reportSystemAttribute(ctx, memberPath, key);
        continue;
      case 'unitCode':
        checkUnitCode(ctx, value, memberPath, kind);
        continue;
      case 'datasetId':
        checkDatasetId(ctx, value, memberPath);
        continue;
      case 'objectType':
        checkObjectType(ctx, value, memberPath, kind);
        continue;
      case 'lang':
        continue;
    }
    if (NOTIFICATION_ONLY_MEMBERS.has(key)) {
      if (scope.options.output) continue;
      ctx.report({
        code: 'ngsi-ld/notification-member',
        path: memberPath,
        target: 'key',
        message: `"${key}" appears in notifications sent with showChanges; it is not accepted as input.`,
        fixes: [{ kind: 'remove', title: `Remove "${key}"`, path: memberPath, safe: true }],
      });
      continue;
    }
    const typo = closest(key, ATTRIBUTE_META_MEMBERS, true);
    if (typo && typo !== 'type' && typo !== 'lang') {
      ctx.report({
        code: 'ngsi-ld/member-typo',
        path: memberPath,
        target: 'key',
        message: `"${key}" is read as a sub-attribute. Did you mean the NGSI-LD member "${typo}"?`,
        fixes: [{ kind: 'rename-key', title: `Rename to "${typo}"`, path: memberPath, to: typo, safe: false }],
      });
      continue;
    }
    if (subScope.depth > MAX_SUB_ATTRIBUTE_DEPTH) continue;
    checkAttribute(ctx, key, value, memberPath, subScope);
  }
  if (!hasMain && !mainReported && !kindReported) {
    const placeholder = mainPlaceholder(kind);
    const typo = Object.keys(instance).find((k) => closest(k, [main], true) === main);
    ctx.report({
      code: 'ngsi-ld/main-member-missing',
      path,
      message:
        `A ${kind} needs "${main}"` +
        (typo ? `; "${typo}" looks like a misspelling of it.` : kind === 'Relationship' ? ' (the id of the target entity).' : '.'),
      fixes: typo
        ? [{ kind: 'rename-key', title: `Rename "${typo}" to "${main}"`, path: [...path, typo], to: main, safe: false }]
        : [{ kind: 'add-member', title: `Add "${main}"`, path, key: main, value: placeholder.value, snippet: placeholder.snippet }],
    });
  }
}

function mainPlaceholder(kind: AttributeKind): { value: unknown; snippet: string } {
  switch (kind) {
    case 'Relationship':
      return { value: 'urn:ngsi-ld:Thing:001', snippet: '"${1:urn:ngsi-ld:Type:001}"' };
    case 'GeoProperty':
      return { value: { type: 'Point', coordinates: [0, 0] }, snippet: '{"type": "Point", "coordinates": [${1:longitude}, ${2:latitude}]}' };
    case 'LanguageProperty':
      return { value: { en: '' }, snippet: '{"${1:en}": "${2:text}"}' };
    case 'VocabProperty':
      return { value: '', snippet: '"${1:term}"' };
    case 'ListProperty':
      return { value: [], snippet: '[${1}]' };
    case 'ListRelationship':
      return { value: [], snippet: '[{"object": "${1:urn:ngsi-ld:Type:001}"}]' };
    case 'JsonProperty':
      return { value: {}, snippet: '{${1}}' };
    default:
      return { value: '', snippet: '${1:value}' };
  }
}

function checkMainValue(ctx: CheckContext, name: string | undefined, kind: AttributeKind, value: unknown, path: JsonPath, scope: Scope): void {
  const label = name ? `"${name}"` : 'this attribute';
  if (value === NGSI_LD_NULL) {
    reportNgsiLdNull(ctx, path, label, scope.options);
    return;
  }
  if (value === null) {
    ctx.report({
      code: 'ngsi-ld/null-value',
      path,
      message: `The ${path[path.length - 1]} of ${label} is JSON null, which brokers refuse. Leave the attribute out, or delete it in an update with "urn:ngsi-ld:null".`,
      fixes: name !== undefined && path.length >= 2 ? [{ kind: 'remove', title: `Remove ${label}`, path: path.slice(0, -1), safe: false }] : undefined,
    });
    return;
  }
  switch (kind) {
    case 'Property':
      checkPlainValue(ctx, value, path);
      return;
    case 'GeoProperty':
      checkGeometry(ctx, value, path);
      return;
    case 'Relationship':
      checkRelationshipObject(ctx, value, path);
      return;
    case 'LanguageProperty':
      checkLanguageMap(ctx, value, path, label, scope);
      return;
    case 'VocabProperty':
      if (typeof value === 'string') return;
      if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return;
      ctx.report({ code: 'ngsi-ld/vocab', path, message: `A vocab is a term or IRI (a string), or a non-empty array of them, not ${describeType(value)}.` });
      return;
    case 'ListProperty':
      if (!Array.isArray(value)) {
        ctx.report({
          code: 'ngsi-ld/value-list',
          path,
          message: `A valueList is a JSON array of values, not ${describeType(value)}.`,
          fixes: [{ kind: 'set-value', title: 'Put the value in an array', path, value: [value], safe: false }],
        });
        return;
      }
      checkPlainValue(ctx, value, path);
      return;
    case 'ListRelationship':
      checkObjectList(ctx, value, path);
      return;
    case 'JsonProperty':
      if (!isObject(value) && !Array.isArray(value)) {
        ctx.report({ code: 'ngsi-ld/json-primitive', path, message: `The spec lets "json" hold ${describeType(value)}, but Stellio only accepts an object or an array of objects.` });
      }
      return;
  }
}

function checkRelationshipObject(ctx: CheckContext, value: unknown, path: JsonPath): void {
  if (typeof value === 'string') {
    const verdict = checkAbsoluteUri(value);
    if (!verdict.ok) {
      ctx.report({ code: 'ngsi-ld/relationship-target', path, message: `A Relationship points at an entity id, an absolute URI such as "urn:ngsi-ld:Park:1"; here ${verdict.reason}.` });
    }
    return;
  }
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    const bad = value.findIndex((v) => !isAbsoluteUri(v as string));
    if (bad >= 0) {
      ctx.report({ code: 'ngsi-ld/relationship-target', path: [...path, bad], message: `A Relationship points at entity ids, absolute URIs; ${preview(value[bad])} is not one.` });
      return;
    }
    ctx.report({
      code: 'ngsi-ld/relationship-object-array',
      path,
      message: 'Several targets in "object" are an Orion-LD extension; the spec writes an ordered list of targets as a ListRelationship with "objectList".',
    });
    return;
  }
  ctx.report({
    code: 'ngsi-ld/relationship-target',
    path,
    message: `The object of a Relationship is the target entity's id, a URI string, not ${describeType(value)}.`,
    fixes: isObject(value) && typeof value.id === 'string' ? [{ kind: 'set-value', title: `Use "${value.id}"`, path, value: value.id, safe: false }] : undefined,
  });
}

function checkObjectList(ctx: CheckContext, value: unknown, path: JsonPath): void {
  if (!Array.isArray(value)) {
    ctx.report({ code: 'ngsi-ld/object-list', path, message: `An objectList is an array of {"object": "<URI>"} items, not ${describeType(value)}.` });
    return;
  }
  value.forEach((item, i) => {
    const itemPath = [...path, i];
    if (typeof item === 'string') {
      if (!isAbsoluteUri(item)) ctx.report({ code: 'ngsi-ld/relationship-target', path: itemPath, message: `Each target of a ListRelationship is an entity id, an absolute URI; ${preview(item)} is not one.` });
      return;
    }
    if (isObject(item) && hasOwn(item, 'object')) {
      checkRelationshipObject(ctx, item.object, [...itemPath, 'object']);
      return;
    }
    ctx.report({ code: 'ngsi-ld/object-list', path: itemPath, message: `Each item of an objectList is {"object": "<URI>"} (or, concise, the URI itself); ${preview(item)} is neither.` });
  });
}

function checkLanguageMap(ctx: CheckContext, value: unknown, path: JsonPath, label: string, scope: Scope): void {
  if (!isObject(value)) {
    ctx.report({
      code: 'ngsi-ld/language-map',
      path,
      message: `A languageMap is an object from language tags to text, such as {"en": "Park", "es": "Parque"}, not ${describeType(value)}.`,
      fixes: typeof value === 'string' ? [{ kind: 'set-value', title: 'Use the text with no language (@none)', path, value: { '@none': value }, safe: false }] : undefined,
    });
    return;
  }
  if (member(value, '@none') === NGSI_LD_NULL && Object.keys(value).length === 1) {
    reportNgsiLdNull(ctx, path, label, scope.options);
    return;
  }
  for (const tag of Object.keys(value)) {
    const tagPath = [...path, tag];
    if (!isLanguageTag(tag)) {
      ctx.report({
        code: 'ngsi-ld/language-map',
        path: tagPath,
        target: 'key',
        message: tag === '' ? 'A languageMap key cannot be empty: use a language tag such as "en", or "@none".' : `"${tag}" is not a BCP 47 language tag (such as "en", "es", "pt-BR") or "@none".`,
      });
    }
    const text = value[tag];
    if (typeof text === 'string') continue;
    if (Array.isArray(text) && text.every((t) => typeof t === 'string')) continue;
    ctx.report({ code: 'ngsi-ld/language-map', path: tagPath, message: `Each languageMap value is a string or an array of strings, not ${describeType(text)}.` });
  }
}

/** Nested nulls, typed DateTime literals and restricted characters inside any value. */
/**
 * An object of numbers, booleans and plain strings (an address, say): nothing in it for checkPlainValue to
 * report, told without walking it.
 */
function isFlatPlainObject(value: unknown): boolean {
  if (!isObject(value) || value['@value'] !== undefined) return false;
  for (const key in value) {
    const v = value[key];
    const t = typeof v;
    if (t === 'number' || t === 'boolean') continue;
    if (t !== 'string' || RESTRICTED_CONTENT.test(v as string)) return false;
  }
  return true;
}

/** The characters the spec lists as forbidden in string content (content-characters). */
const RESTRICTED_CONTENT = /[<>"'=;()]/;

function checkPlainValue(ctx: CheckContext, value: unknown, path: JsonPath): void {
  // Most values are a number, a boolean or a short string: no walk for them.
  if (typeof value === 'number' || typeof value === 'boolean') return;
  if (typeof value === 'string' && !RESTRICTED_CONTENT.test(value)) return;
  if (isFlatPlainObject(value)) return;
  const stack: { node: unknown; path: JsonPath }[] = [{ node: value, path }];
  let visited = 0;
  while (stack.length > 0 && visited++ < 10_000) {
    const { node, path: nodePath } = stack.pop()!;
    if (typeof node === 'string') {
      const bad = RESTRICTED_CONTENT.exec(node);
      if (bad && node.length < 2000) {
        ctx.report({
          code: 'ngsi-ld/content-characters',
          path: nodePath,
          message: `The character ${bad[0]} is listed as forbidden in string content by the spec; no current broker enforces it, but older systems may refuse it.`,
        });
      }
      continue;
    }
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        if (child === null) reportNestedNull(ctx, [...nodePath, i], true);
        else stack.push({ node: child, path: [...nodePath, i] });
      });
      continue;
    }
    if (!isObject(node)) continue;
    const literalType = member(node, '@type');
    if (hasOwn(node, '@value') && (literalType === 'DateTime' || literalType === 'ngsi-ld:DateTime' || literalType === 'https://uri.etsi.org/ngsi-ld/DateTime')) {
      const literal = node['@value'];
      const literalPath = [...nodePath, '@value'];
      if (typeof literal !== 'string') {
        ctx.report({ code: 'ngsi-ld/datetime', path: literalPath, message: `A DateTime is a string such as "2024-05-01T10:00:00Z", not ${describeType(literal)}.` });
      } else {
        checkDateTimeValue(ctx, literal, literalPath, 'This DateTime');
      }
      continue;
    }
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (child === null) reportNestedNull(ctx, childPath(nodePath, key), false);
      else stack.push({ node: child, path: childPath(nodePath, key) });
    }
  }
}

function reportNestedNull(ctx: CheckContext, path: JsonPath, inArray: boolean): void {
  ctx.report({
    code: 'ngsi-ld/nested-null',
    path,
    message: 'A JSON null inside a value is refused by Stellio and dropped by JSON-LD expansion elsewhere: the data is lost. Leave the member out.',
    fixes: [{ kind: 'remove', title: inArray ? 'Remove the null item' : 'Remove the null member', path, safe: false }],
  });
}

function checkDateTimeMember(ctx: CheckContext, value: unknown, path: JsonPath, key: string): void {
  if (typeof value !== 'string') {
    ctx.report({
      code: 'ngsi-ld/datetime',
      path,
      message: `"${key}" is a DateTime string such as "2024-05-01T10:00:00Z", not ${isObject(value) ? 'an attribute object' : describeType(value)}.`,
      fixes:
        isObject(value) && typeof value.value === 'string' && checkDateTime(value.value).ok
          ? [{ kind: 'set-value', title: `Use "${value.value}"`, path, value: value.value, safe: false }]
          : undefined,
    });
    return;
  }
  checkDateTimeValue(ctx, value, path, `"${key}"`);
}

function checkDateTimeValue(ctx: CheckContext, value: string, path: JsonPath, label: string): void {
  const verdict = checkDateTime(value);
  if (verdict.ok) return;
  ctx.report({
    code: 'ngsi-ld/datetime',
    path,
    message:
      `${label} must be a UTC DateTime such as "2024-05-01T10:00:00Z", but ${verdict.reason}.` +
      (verdict.fixed ? ` ${verdict.assumesUtc ? 'Read as UTC' : 'In UTC'} it is "${verdict.fixed}".` : ''),
    fixes: verdict.fixed
      ? [{ kind: 'set-value', title: verdict.assumesUtc ? `Assume UTC: "${verdict.fixed}"` : `Convert to UTC: "${verdict.fixed}"`, path, value: verdict.fixed, safe: !verdict.assumesUtc }]
      : undefined,
  });
}

function checkUnitCode(ctx: CheckContext, value: unknown, path: JsonPath, kind: AttributeKind): void {
  if (kind !== 'Property') {
    ctx.report({
      code: 'ngsi-ld/forbidden-member',
      path,
      target: 'key',
      message: `"unitCode" is valid on Properties only; this is a ${kind}.`,
      fixes: [{ kind: 'remove', title: 'Remove "unitCode"', path, safe: false }],
    });
    return;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    ctx.report({
      code: 'ngsi-ld/unit-code',
      path,
      message: `"unitCode" is a UN/CEFACT Common Code string such as "CEL" or "KMH", not ${typeof value === 'string' ? 'an empty string' : describeType(value)}.`,
    });
  }
}

function checkDatasetId(ctx: CheckContext, value: unknown, path: JsonPath): void {
  if (typeof value !== 'string') {
    ctx.report({ code: 'ngsi-ld/dataset-id', path, message: `A datasetId is a string holding an absolute URI, not ${describeType(value)}.` });
    return;
  }
  if (value === NGSI_LD_NULL) {
    ctx.report({ code: 'ngsi-ld/dataset-id', path, message: '"urn:ngsi-ld:null" is not a datasetId: it is the NGSI-LD Null.' });
    return;
  }
  const verdict = checkAbsoluteUri(value);
  if (!verdict.ok) {
    const proposal = /^[A-Za-z0-9._~-]+$/.test(value) ? `urn:ngsi-ld:Dataset:${value}` : undefined;
    ctx.report({
      code: 'ngsi-ld/dataset-id',
      path,
      message: `A datasetId is an absolute URI, but ${verdict.reason}.${proposal ? ` For example "${proposal}".` : ''}`,
      fixes: proposal ? [{ kind: 'set-value', title: `Use "${proposal}"`, path, value: proposal, safe: false }] : undefined,
    });
  }
}

function checkObjectType(ctx: CheckContext, value: unknown, path: JsonPath, kind: AttributeKind): void {
  if (kind !== 'Relationship' && kind !== 'ListRelationship') {
    ctx.report({ code: 'ngsi-ld/object-type', path, target: 'key', message: `"objectType" states the type of a Relationship's target; this is a ${kind}.` });
    return;
  }
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!items || items.some((item) => typeof item !== 'string' || !checkName(item).ok)) {
    ctx.report({ code: 'ngsi-ld/object-type', path, message: `"objectType" is an entity type name or IRI (or an array of them), not ${preview(value)}.` });
  }
}

/** MULTI-001 to MULTI-004. */
function checkMultiAttribute(ctx: CheckContext, name: string | undefined, items: unknown[], path: JsonPath, scope: Scope): void {
  const seen = new Set<string>();
  let defaultSeen = false;
  let firstKind: AttributeKind | undefined;
  items.forEach((item, i) => {
    const itemPath = [...path, i];
    if (!isObject(item)) {
      ctx.report({
        code: 'ngsi-ld/multi-instance',
        path: itemPath,
        message: `"${name ?? 'This attribute'}" is a multi-attribute (an array of instances), so each item must be an attribute object; this one is ${describeType(item)}.`,
      });
      return;
    }
    checkAttribute(ctx, name, item, itemPath, scope, true);
    const kind = kindOf(name, item);
    if (kind) {
      if (firstKind === undefined) firstKind = kind;
      else if (kind !== firstKind) {
        ctx.report({
          code: 'ngsi-ld/multi-kind',
          path: hasOwn(item, 'type') ? [...itemPath, 'type'] : itemPath,
          message: `All instances of "${name ?? 'an attribute'}" must have the same kind: the first is a ${firstKind}, this one a ${kind}.`,
        });
      }
    }
    // In the temporal representation instances repeat over time: their datasetIds repeat too (MULTI-005).
    if (scope.options.temporal) return;
    const datasetId = member(item, 'datasetId');
    if (typeof datasetId === 'string') {
      if (seen.has(datasetId)) {
        ctx.report({ code: 'ngsi-ld/multi-dataset-id', path: [...itemPath, 'datasetId'], message: `Another instance of "${name ?? 'this attribute'}" already has the datasetId "${datasetId}"; each instance needs its own.` });
      }
      seen.add(datasetId);
    } else if (datasetId === undefined) {
      if (defaultSeen) {
        ctx.report({
          code: 'ngsi-ld/multi-default',
          path: itemPath,
          message: `"${name ?? 'This attribute'}" already has a default instance (one without datasetId); every other instance needs its own "datasetId".`,
          fixes: [{ kind: 'add-member', title: 'Add a datasetId', path: itemPath, key: 'datasetId', value: `urn:ngsi-ld:Dataset:${i}`, snippet: `"urn:ngsi-ld:Dataset:\${1:${i}}"` }],
        });
      }
      defaultSeen = true;
    }
  });
}

function kindOf(name: string | undefined, item: JsonObject): AttributeKind | undefined {
  const type = member(item, 'type');
  if (isAttributeKind(type)) return type;
  const main = MAIN_MEMBERS.find((m) => hasOwn(item, m));
  return main ? inferKind(name, item, main) : undefined;
}

/** The body of an attribute replace or partial update: one attribute instance without its name. */
export function checkAttributeBody(ctx: CheckContext, body: JsonObject, path: JsonPath, options: EntityOptions): void {
  const scope: Scope = { rep: 'normalized', mostlyNormalized: false, level: 'attribute', depth: 0, options };
  checkAttribute(ctx, undefined, body, path, scope);
}
