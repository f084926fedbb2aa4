/**
 * Validation of entities against their data model, in every representation, with messages in plain words
 * and each problem on the value the user wrote.
 */
import type { CheckContext } from '../context';
import { ENTITIES_PER_STEP, runSteps, type Steps } from '../steps';
import { describeType, hasOwn, preview, type JsonObject, type JsonPath } from '../json/values';
import { ENTITY_RESERVED_MEMBERS } from '../ngsi-ld/constants';
import { closest } from '../ngsi-ld/syntax';
import { identityProjection, projectToSimplified, type Projection } from '../representation';
import type { ErrorObject, LoadedModel, ModelEntry, ModelLookup } from './catalog';
import { attributePlaceholder } from './placeholders';
import { MAX_PATTERN_INPUT, patternSkips } from './schema-guards';

/** What the checks need from the catalog. */
export interface ModelProvider {
  lookup(type: string): ModelLookup;
  describeSource(entry: ModelEntry): string;
  /**
   * The entity types the sources know, from what is loaded, without waiting: undefined until they have been
   * listed (listing starts then, and the caller is told to check again when it ends). Once a lookup has found
   * a type unknown, the list is there.
   */
  knownTypesNow?(): readonly string[] | undefined;
}

/** One entity of the document, as the NGSI rules read it. */
export interface EntityRef {
  path: JsonPath;
  entity: JsonObject;
  /** How its attributes are written: simplified entities are validated as they are. */
  simplified: boolean;
  /** The representation the NGSI-LD rules read, when they did. */
  representation?: 'normalized' | 'concise' | 'simplified';
  /** A merge or update body: the model's required attributes do not apply. */
  partial: boolean;
  /** One of the model's own example files: an attribute the model does not define is an error there. */
  modelExample?: boolean;
}

/** Which model checked which type, for the status item and the JSON output. */
export interface ModelUse {
  type: string;
  state: ModelLookup['state'];
  title?: string;
  version?: string;
  source?: string;
  schemaUri?: string;
  reason?: string;
}

/** Where a type name comes from in an entity's `type` member. */
function typeNames(entity: JsonObject): { name: string; path: JsonPath }[] {
  const key = hasOwn(entity, 'type') ? 'type' : '@type';
  const type = entity[key];
  if (typeof type === 'string') return [{ name: shortTypeName(type), path: [key] }];
  if (Array.isArray(type)) return type.flatMap((t, i) => (typeof t === 'string' ? [{ name: shortTypeName(t), path: [key, i] }] : []));
  return [];
}

/** A full IRI type names its model by its last segment (https://smartdatamodels.org/dataModel.X/Type). */
export function shortTypeName(type: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(type)) return type.includes(':') && !type.startsWith('urn:') ? type.slice(type.indexOf(':') + 1) : type;
  const trimmed = type.replace(/[/#]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('#')) + 1);
}

export function checkEntityModels(ctx: CheckContext, entities: readonly EntityRef[], models: ModelProvider): ModelUse[] {
  return runSteps(checkEntityModelsSteps(ctx, entities, models));
}

/** The same, pausing between slices of a large batch (see Steps). */
export function* checkEntityModelsSteps(ctx: CheckContext, entities: readonly EntityRef[], models: ModelProvider): Steps<ModelUse[]> {
  const uses = new Map<string, ModelUse>();
  for (let i = 0; i < entities.length; i++) {
    if (i % ENTITIES_PER_STEP === ENTITIES_PER_STEP - 1) yield;
    const ref = entities[i]!;
    for (const { name, path: typePath } of typeNames(ref.entity)) {
      const lookup = models.lookup(name);
      if (!uses.has(name)) uses.set(name, useOf(name, lookup, models));
      const at = [...ref.path, ...typePath];
      if (lookup.state === 'error') {
        ctx.report({
          code: 'sdm/model-error',
          path: at,
          message: `The data model of "${name}" (${lookup.entry.schemaUri}, from ${models.describeSource(lookup.entry)}) cannot be used, so this entity is not checked against it: ${lookup.reason}.`,
        });
        continue;
      }
      if (lookup.state !== 'ready') continue;
      if (lookup.model.unresolved.length > 0) {
        ctx.report({
          code: 'sdm/model-incomplete',
          path: at,
          message:
            `Parts of the data model of "${name}" are not checked: ${lookup.model.unresolved.join(', ')} could not be read offline. ` +
            'Set mim.sdm.root to a Smart Data Models checkout, or allow downloads (mim.download.enable).',
        });
      }
      if (lookup.model.skippedPatterns.length > 0) {
        const list = lookup.model.skippedPatterns.map((p) => `${JSON.stringify(p.pattern)} (${p.risk})`).join('; ');
        ctx.report({
          code: 'sdm/model-incomplete',
          path: at,
          message: `Patterns of the data model of "${name}" are not applied, because they can take exponential time on some strings: ${list}. A validator or a broker using them may hang; rewrite them without a repeated group that itself repeats.`,
        });
      }
      if (reportFailedModel(ctx, at, lookup.model, name, models)) continue;
      if (!validateEntity(ctx, ref, lookup.model, name)) reportFailedModel(ctx, at, lookup.model, name, models);
    }
  }
  return [...uses.values()];
}

function useOf(type: string, lookup: ModelLookup, models: ModelProvider): ModelUse {
  if (lookup.state === 'ready') {
    const { model } = lookup;
    return { type, state: 'ready', title: model.title, version: model.version, source: models.describeSource(model.entry), schemaUri: model.entry.schemaUri };
  }
  if (lookup.state === 'error') return { type, state: 'error', source: models.describeSource(lookup.entry), schemaUri: lookup.entry.schemaUri, reason: lookup.reason };
  return { type, state: lookup.state };
}

/**
 * Runs the model's validator. A schema whose `$ref`s lead back to themselves without descending into the data
 * recurses until the engine's stack limit stops it: the model is then marked as failed and not used again.
 */
function runValidator(model: LoadedModel, value: unknown): { valid: boolean; errors: ErrorObject[] } | undefined {
  try {
    const valid = model.validate(value) === true;
    return { valid, errors: model.validate.errors ?? [] };
  } catch (error) {
    model.failure =
      error instanceof RangeError
        ? 'validating with it never ends: a $ref leads back to the schema it is in without descending into the data (as {"$ref": "#"} does)'
        : `validating with it failed (${error instanceof Error ? error.message : String(error)})`;
    return undefined;
  }
}

/** Reports a model that cannot be used; true when it was. */
function reportFailedModel(ctx: CheckContext, at: JsonPath, model: LoadedModel, typeName: string, models: ModelProvider): boolean {
  if (!model.failure) return false;
  ctx.report({
    code: 'sdm/model-error',
    path: at,
    message: `The data model of "${typeName}" (${model.entry.schemaUri}, from ${models.describeSource(model.entry)}) cannot be used, so this entity is not checked against it: ${model.failure}.`,
  });
  return true;
}

function validateEntity(ctx: CheckContext, ref: EntityRef, model: LoadedModel, typeName: string): boolean {
  let projection: Projection = withModelType(ref.simplified ? identityProjection(ref.entity) : projectToSimplified(ref.entity), typeName);
  const skippedBefore = patternSkips.longInputs;
  const first = runValidator(model, projection.value);
  if (!first) return false;
  let { valid, errors } = first;
  if (!valid && ref.representation === 'concise') {
    // A concise entity may also be a simplified one whose object values happen to hold a "value" member
    // ({"value": 33, "maxValue": 50}); the model tells which reading was meant.
    const asWritten = withModelType(identityProjection(ref.entity), typeName);
    const second = runValidator(model, asWritten.value);
    if (!second) return false;
    if (second.valid || second.errors.length < errors.length) {
      projection = asWritten;
      valid = second.valid;
      errors = second.errors;
    }
  }
  if (patternSkips.longInputs > skippedBefore) {
    ctx.report({
      code: 'sdm/model-incomplete',
      path: [...ref.path, 'type'],
      message: `A string of this entity is longer than ${MAX_PATTERN_INPUT.toLocaleString('en')} characters: the patterns of the ${typeName} data model that repeat without bound are not applied to it (their run time could grow faster than the string).`,
    });
  }
  const at = (path: JsonPath) => [...ref.path, ...projection.originalPath(path)];
  if (!valid && errors.length > 0) {
    for (const finding of summarize(errors)) {
      if (finding.error.keyword === 'required' && ref.partial) continue;
      reportFinding(ctx, finding, at, typeName, ref, model);
    }
  }
  checkUnknownAttributes(ctx, ref, model, typeName);
  return true;
}

/**
 * The schemas spell the type by its short name; a payload may give the full IRI (or several types). Compacted
 * with its @context it is the short name, so that is what is validated.
 */
function withModelType(projection: Projection, typeName: string): Projection {
  const type = projection.value.type;
  if (type === typeName || (type === undefined && projection.value['@type'] === undefined)) return projection;
  return { value: { ...projection.value, type: typeName }, originalPath: projection.originalPath };
}

interface Finding {
  error: ErrorObject;
  /** For anyOf/oneOf failures: the forms the value could have had. */
  alternatives?: ErrorObject[];
}

/**
 * Ajv reports every branch of an anyOf/oneOf. Keep, for each failed anyOf/oneOf, the errors of the branch
 * that came closest (whose errors lie deeper inside the value, or are about its format only), or one
 * summary when no branch even had the right type.
 */
function summarize(errors: readonly ErrorObject[]): Finding[] {
  const out: Finding[] = [];
  const consumed = new Set<ErrorObject>();
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  // Outer alternatives first, so nested ones are judged inside the branch that was kept.
  alternatives.sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const alt of alternatives) {
    if (consumed.has(alt)) continue;
    consumed.add(alt);
    const prefix = alt.schemaPath.replace(/\/(anyOf|oneOf)$/, `/${alt.keyword}/`);
    const inside = errors.filter((e) => e !== alt && e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(alt.instancePath));
    for (const e of inside) consumed.add(e);
    if (alt.keyword === 'oneOf' && inside.length === 0) {
      out.push({ error: alt });
      continue;
    }
    const branches = new Map<string, ErrorObject[]>();
    for (const e of inside) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    let best: ErrorObject[] | undefined;
    let bestScore = -Infinity;
    for (const list of branches.values()) {
      const deeper = list.every((e) => e.instancePath.length > alt.instancePath.length || e.keyword === 'format' || e.keyword === 'enum' || e.keyword === 'pattern' || e.keyword === 'required');
      const score = (deeper ? 1000 : 0) - list.length;
      if (deeper && score > bestScore) {
        best = list;
        bestScore = score;
      }
    }
    if (best) {
      for (const f of summarize(best)) out.push(f);
    } else {
      out.push({ error: alt, alternatives: inside });
    }
  }
  for (const e of errors) if (!consumed.has(e) && e.keyword !== 'if') out.push({ error: e });
  // A value of the wrong type says enough: its enum, format and pattern failures on the same node follow.
  const wrongType = new Set(out.filter((f) => f.error.keyword === 'type').map((f) => f.error.instancePath));
  const consequential = new Set(['enum', 'const', 'format', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength']);
  // The same node reported twice for the same reason (two branches of an allOf) is said once.
  const seen = new Set<string>();
  return out.filter((f) => {
    if (consequential.has(f.error.keyword) && wrongType.has(f.error.instancePath)) return false;
    const key = `${f.error.instancePath} ${f.error.keyword} ${JSON.stringify(f.error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pathOf(instancePath: string): JsonPath {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** How a node is named in a message: the attribute, and the path inside its value. */
function label(path: JsonPath): string {
  if (path.length === 0) return 'the entity';
  return `"${path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')}"`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const FORMAT_WORDS: Record<string, string> = {
  'date-time': 'a date and time with its time zone, such as "2024-05-01T10:00:00Z"',
  date: 'a date such as "2024-05-01"',
  time: 'a time with its time zone, such as "10:00:00Z" or "10:00:00+02:00"',
  uri: 'an absolute URI such as "https://example.org/page"',
  'uri-reference': 'a URI reference',
  email: 'an e-mail address such as "name@example.org"',
  'idn-email': 'an e-mail address such as "name@example.org"',
  ipv4: 'an IPv4 address such as "192.168.1.10"',
  ipv6: 'an IPv6 address such as "2001:db8::1"',
  hostname: 'a host name',
  uuid: 'a UUID',
  duration: 'an ISO 8601 duration such as "PT15M"',
};

/** Shared Smart Data Models definitions whose patterns mean something a reader knows. */
const DEFINITION_WORDS: Record<string, string> = {
  EntityIdentifierType: 'an entity id: a URI such as "urn:ngsi-ld:Device:001", or a name of letters, digits and the characters - _ . : without spaces',
  dateYearLess: 'a date without the year, such as "--05-01"',
};

function reportFinding(ctx: CheckContext, finding: Finding, at: (path: JsonPath) => JsonPath, typeName: string, ref: EntityRef, loaded: LoadedModel): void {
  const { error } = finding;
  const path = pathOf(error.instancePath);
  const where = label(path);
  const model = `the ${typeName} data model`;
  const schema = (error.parentSchema ?? {}) as JsonObject;
  const description = typeof schema.description === 'string' ? shorten(schema.description) : undefined;
  const data = error.data;
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty?: string }).missingProperty);
      // A missing attribute is said on the entity's type, which names the model (not over the whole entity).
      const onType = path.length === 0 && hasOwn(ref.entity, 'type');
      const target = path.length === 0 ? ref.path : at(path);
      const info = path.length === 0 ? loaded.description.attributes.get(missing) : undefined;
      const placeholder = info ? attributePlaceholder(info, ref.simplified ? 'simplified' : (ref.representation ?? 'normalized')) : undefined;
      ctx.report({
        code: 'sdm/required',
        path: onType ? [...ref.path, 'type'] : target,
        message: `The ${typeName} data model requires ${path.length === 0 ? `the attribute "${missing}"` : `"${missing}" inside ${where}`}, and it is missing.`,
        fixes: placeholder ? [{ kind: 'add-member', title: `Add "${missing}"`, path: target, key: missing, value: placeholder.value, snippet: placeholder.snippet }] : undefined,
      });
      return;
    }
    case 'type': {
      const expected = String((error.params as { type?: string }).type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ');
      ctx.report({
        code: 'sdm/value-type',
        path: at(path),
        message: `${where} must be ${expected} in ${model}${description ? ` (${description})` : ''}; here it is ${describeType(data)}.`,
      });
      return;
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => preview(v, 60));
      const shown = allowed.length > 12 ? [...allowed.slice(0, 12), `and ${allowed.length - 12} more`] : allowed;
      const near = typeof data === 'string' ? closest(data, allowed.map((a) => a.replace(/^"|"$/g, ''))) : undefined;
      ctx.report({
        code: 'sdm/enum',
        path: at(path),
        message: `${where} must be one of ${shown.join(', ')} in ${model}; ${preview(data, 60)} is not one of them.${near ? ` Did you mean "${near}"?` : ''}`,
        fixes: near ? [{ kind: 'set-value', title: `Change to "${near}"`, path: at(path), value: near, safe: false }] : undefined,
      });
      return;
    }
    case 'format': {
      const format = String((error.params as { format?: string }).format);
      ctx.report({
        code: 'sdm/format',
        path: at(path),
        message: `${where} must be ${FORMAT_WORDS[format] ?? `in the format "${format}"`} (format "${format}" in ${model}); ${preview(data, 60)} is not.`,
      });
      return;
    }
    case 'pattern': {
      const definition = definitionOf(finding, schema);
      const meaning = definition ? DEFINITION_WORDS[definition] : undefined;
      ctx.report({
        code: 'sdm/pattern',
        path: at(path),
        message: meaning
          ? `${where} must be ${meaning} (${model}, ${definition}); ${preview(data, 60)} is not.`
          : `${where} does not have the form ${model} requires${description ? ` for it (${description})` : ''}: it must match the regular expression ${String((error.params as { pattern?: string }).pattern)}; ${preview(data, 60)} does not.`,
      });
      return;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = error.params as { comparison: string; limit: number };
      const words: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' };
      ctx.report({ code: 'sdm/range', path: at(path), message: `${where} must be ${words[comparison] ?? comparison} ${limit} in ${model}; here it is ${preview(data)}.` });
      return;
    }
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const limit = (error.params as { limit: number }).limit;
      const min = error.keyword.startsWith('min');
      const unit = error.keyword.endsWith('Length') ? 'characters' : error.keyword.endsWith('Items') ? 'items' : 'members';
      ctx.report({ code: 'sdm/range', path: at(path), message: `${where} must have ${min ? 'at least' : 'at most'} ${limit} ${unit} in ${model}.` });
      return;
    }
    case 'anyOf':
    case 'oneOf': {
      const forms = finding.alternatives ? describeAlternatives(finding.alternatives, error.schemaPath.replace(/(anyOf|oneOf)$/, `$1/`)) : [];
      ctx.report({
        code: 'sdm/schema',
        path: at(path),
        message:
          error.keyword === 'oneOf' && !finding.alternatives?.length
            ? `${where} matches more than one of the forms ${model} allows${description ? ` for it (${description})` : ''}, and it must match exactly one.`
            : `${where} does not have any of the forms ${model} allows${forms.length ? `: ${forms.join('; or ')}` : ''}; here it is ${preview(data, 60)}.`,
      });
      return;
    }
    case 'additionalProperties': {
      const extra = String((error.params as { additionalProperty?: string }).additionalProperty);
      ctx.report({ code: 'sdm/schema', path: at([...path, extra]), target: 'key', message: `${model} does not allow "${extra}" ${path.length ? `inside ${where}` : 'here'}.` });
      return;
    }
    case 'const':
      ctx.report({ code: 'sdm/enum', path: at(path), message: `${where} must be ${preview((error.params as { allowedValue?: unknown }).allowedValue)} in ${model}; here it is ${preview(data)}.` });
      return;
    default:
      ctx.report({ code: 'sdm/schema', path: at(path), message: `${where} does not satisfy ${model}: it ${error.message ?? 'is not valid'} (JSON Schema keyword "${error.keyword}").` });
  }
}

/** The forms an anyOf/oneOf allows, one per branch: its allowed values where it lists them, else its type. */
function describeAlternatives(errors: readonly ErrorObject[], prefix: string): string[] {
  const branches = new Map<string, string>();
  for (const e of errors) {
    const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
    let text: string | undefined;
    if (e.keyword === 'enum') text = `one of ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => preview(v, 40)).join(', ')}`;
    else if (e.keyword === 'const') text = preview((e.params as { allowedValue?: unknown }).allowedValue);
    else if (e.keyword === 'type' && !branches.has(branch)) text = String((e.params as { type?: string }).type).split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ');
    if (text) branches.set(branch, text);
  }
  return [...new Set(branches.values())].slice(0, 6);
}

function definitionOf(finding: Finding, schema: JsonObject): string | undefined {
  const path = finding.error.schemaPath;
  const m = /#\/definitions\/([^/]+)/.exec(path) ?? /definitions\/([^/]+)/.exec(String(schema.$id ?? ''));
  if (m) return m[1];
  const described = typeof schema.description === 'string' && /identifier/i.test(schema.description) ? 'EntityIdentifierType' : undefined;
  return described;
}

function shorten(description: string): string {
  const text = description
    .replace(/^\s*(GeoProperty|Property|Relationship|LanguageProperty|ListProperty|VocabProperty)\.\s*/, '')
    .replace(/Model:\s*'[^']*'\.?\s*/g, '')
    .replace(/Units:\s*'([^']*)'\.?/g, 'in $1')
    .trim();
  return text.length > 90 ? text.slice(0, 87) + '...' : text;
}

/** SDM-031: attributes the model does not define, with the closest defined name. */
function checkUnknownAttributes(ctx: CheckContext, ref: EntityRef, model: LoadedModel, typeName: string): void {
  const defined = model.description.attributes;
  for (const key of Object.keys(ref.entity)) {
    if (ENTITY_RESERVED_MEMBERS.has(key) || defined.has(key)) continue;
    const near = closest(key, defined.keys());
    ctx.report({
      code: ref.modelExample ? 'sdm-example/undefined-attribute' : 'sdm/unknown-attribute',
      path: [...ref.path, key],
      target: 'key',
      message: ref.modelExample
        ? `The ${typeName} data model does not define "${key}", so its own example may not use it: define it in schema.json${near ? `, or did you mean "${near}"?` : '.'}`
        : `The ${typeName} data model does not define "${key}".${near ? ` Did you mean "${near}"?` : ' Extending a model is allowed; check the name if it was meant to be one of the model\'s attributes.'}`,
      fixes: near ? [{ kind: 'rename-key', title: `Rename to "${near}"`, path: [...ref.path, key], to: near, safe: false }] : undefined,
    });
  }
}


