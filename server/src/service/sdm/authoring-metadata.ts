/**
 * The root of a data model's schema: the metadata the Smart Data Models contribution check reads
 * (SDM-002 to SDM-012) and the shape every model shares (SDM-013, SDM-014).
 */
import type { CheckContext } from '../context';
import { isObject, preview, type JsonObject } from '../json/values';
import type { Fix } from '../problem';
import { COMMON_SCHEMA, SCHEMA_2020_12, expectedId, has, isModelFolder, topLevelAttributes, type ModelPlace } from './authoring-model';
import type { RefResolver } from './authoring-refs';

/** The opening brace of the root: where a missing root member is reported. */
const ROOT = { path: [] as const, inner: { start: 0, end: 1 } };

const VERSION = /^\d{1,2}\.\d{1,2}\.\d{1,2}$/;
const URL_LIKE = /^https?:\/\/[^\s/]+\.[^\s]*$/;
const SPDX_ID = /^[A-Za-z0-9][A-Za-z0-9.+-]*$/;

export function checkMetadata(ctx: CheckContext, root: JsonObject, place: ModelPlace): void {
  checkSchemaUri(ctx, root);
  checkId(ctx, root, place);
  checkVersion(ctx, root);
  checkTitle(ctx, root);
  checkDescription(ctx, root);
  checkModelTags(ctx, root);
  checkDerivedFrom(ctx, root);
  checkLicense(ctx, root);
  checkRequired(ctx, root);
  checkRootType(ctx, root);
}

/** SDM-002 */
function checkSchemaUri(ctx: CheckContext, root: JsonObject): void {
  if (!has(root, '$schema')) {
    ctx.report({
      code: 'sdm-schema/schema-uri',
      ...ROOT,
      message: `The schema does not say which JSON Schema it is written in: Smart Data Models require "$schema": "${SCHEMA_2020_12}".`,
      fixes: [{ kind: 'add-member', title: 'Add the 2020-12 "$schema"', path: [], key: '$schema', value: SCHEMA_2020_12, first: true, safe: true }],
    });
    return;
  }
  const value = root.$schema;
  if (value === SCHEMA_2020_12) return;
  const old = typeof value === 'string' && /json-schema\.org\/(?:schema|draft-0\d\/schema|draft\/2019-09\/schema|draft\/2020-12\/schema)/.test(value);
  ctx.report({
    code: 'sdm-schema/schema-uri',
    path: ['$schema'],
    message: old
      ? `Smart Data Models schemas are JSON Schema 2020-12: "$schema" must be exactly "${SCHEMA_2020_12}" (the contribution check compares the text), not ${preview(value, 60)}.`
      : `"$schema" must be "${SCHEMA_2020_12}", not ${preview(value, 60)}.`,
    fixes: [{ kind: 'set-value', title: 'Change to the 2020-12 URI', path: ['$schema'], value: SCHEMA_2020_12, safe: true }],
  });
}

/** SDM-003 and SDM-004 */
function checkId(ctx: CheckContext, root: JsonObject, place: ModelPlace): void {
  const expected = expectedId(place, root.$id);
  if (!has(root, '$id') || typeof root.$id !== 'string' || root.$id.trim() === '') {
    const fixes: Fix[] = [];
    if (expected) {
      fixes.push(
        has(root, '$id')
          ? { kind: 'set-value', title: 'Set the "$id" of the model\'s folder', path: ['$id'], value: expected }
          : { kind: 'add-member', title: 'Add the "$id" of the model\'s folder', path: [], key: '$id', value: expected },
      );
    }
    ctx.report({
      code: 'sdm-schema/id',
      ...(has(root, '$id') ? { path: ['$id'] } : ROOT),
      message: `The schema needs an "$id": the URL it is published at${expected ? ` (${expected})` : ''}. Other schemas and tools name the model by it.`,
      ...(fixes.length > 0 ? { fixes } : {}),
    });
    return;
  }
  if (!expected || root.$id === expected) return;
  ctx.report({
    code: 'sdm-schema/id-url',
    path: ['$id'],
    message: `The "$id" should be the URL this model is published at, ${expected} (from its folders ${place.repo}/${place.folder}), not ${root.$id}.`,
    fixes: [{ kind: 'set-value', title: 'Change to the URL of the model\'s folder', path: ['$id'], value: expected }],
  });
}

/** SDM-005 */
function checkVersion(ctx: CheckContext, root: JsonObject): void {
  if (!has(root, '$schemaVersion')) {
    ctx.report({
      code: 'sdm-schema/schema-version',
      ...ROOT,
      message: 'The schema has no "$schemaVersion": Smart Data Models version every model as N.N.N (a new model starts at 0.0.1).',
      fixes: [{ kind: 'add-member', title: 'Add "$schemaVersion": "0.0.1"', path: [], key: '$schemaVersion', value: '0.0.1' }],
    });
    return;
  }
  const value = root.$schemaVersion;
  if (typeof value === 'string' && VERSION.test(value)) return;
  const numeric = typeof value === 'number' && VERSION.test(String(value) + '.0') ? String(value) + '.0' : undefined;
  ctx.report({
    code: 'sdm-schema/schema-version',
    path: ['$schemaVersion'],
    message: `"$schemaVersion" must be a string of three numbers of one or two digits, such as "0.1.2"; ${preview(value)} is not.`,
    ...(numeric ? { fixes: [{ kind: 'set-value', title: `Write "${numeric}"`, path: ['$schemaVersion'], value: numeric } as Fix] } : {}),
  });
}

/** SDM-006 */
function checkTitle(ctx: CheckContext, root: JsonObject): void {
  if (!has(root, 'title')) {
    ctx.report({ code: 'sdm-schema/title', ...ROOT, message: 'The schema has no "title": Smart Data Models ask for a title of at least 15 characters.' });
    return;
  }
  const title = root.title;
  if (typeof title !== 'string') {
    ctx.report({ code: 'sdm-schema/title', path: ['title'], message: `"title" must be a string of at least 15 characters, not ${preview(title)}.` });
  } else if (title.length < 15) {
    ctx.report({ code: 'sdm-schema/title', path: ['title'], message: `The title has ${title.length} characters; Smart Data Models ask for at least 15 (for example "Smart Data Models - ${title || 'Model'}").` });
  }
}

/** SDM-007 */
function checkDescription(ctx: CheckContext, root: JsonObject): void {
  if (!has(root, 'description')) {
    ctx.report({ code: 'sdm-schema/description', ...ROOT, message: 'The schema has no "description": say in at least 50 characters what the entity is.' });
    return;
  }
  const description = root.description;
  if (typeof description !== 'string') {
    ctx.report({ code: 'sdm-schema/description', path: ['description'], message: `"description" must be a string, not ${preview(description)}.` });
  } else if (description.length < 50) {
    ctx.report({ code: 'sdm-schema/description', path: ['description'], message: `The model's description has ${description.length} characters; the contribution check asks for at least 50 that say what the entity is.` });
  }
}

/** SDM-008 */
function checkModelTags(ctx: CheckContext, root: JsonObject): void {
  if (!has(root, 'modelTags')) {
    ctx.report({
      code: 'sdm-schema/model-tags',
      ...ROOT,
      message: 'The schema has no "modelTags": the contribution check requires the member, even empty ("modelTags": "").',
      fixes: [{ kind: 'add-member', title: 'Add "modelTags": ""', path: [], key: 'modelTags', value: '', safe: true }],
    });
    return;
  }
  const tags = root.modelTags;
  if (tags === '' || (Array.isArray(tags) && tags.length === 0)) {
    ctx.report({ code: 'sdm-schema/model-tags', path: ['modelTags'], severity: 'hint', message: '"modelTags" is empty: tags (for example "IUDX" or "GSMA") help people find the model.' });
  } else if (typeof tags !== 'string' && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
    ctx.report({ code: 'sdm-schema/model-tags', path: ['modelTags'], message: `"modelTags" is a string (or a list of strings), not ${preview(tags)}.` });
  }
}

/** SDM-009 */
function checkDerivedFrom(ctx: CheckContext, root: JsonObject): void {
  if (!has(root, 'derivedFrom')) {
    ctx.report({
      code: 'sdm-schema/derived-from',
      ...ROOT,
      message: 'The schema has no "derivedFrom": name the standard or model it is derived from, or leave it empty ("derivedFrom": "").',
      fixes: [{ kind: 'add-member', title: 'Add "derivedFrom": ""', path: [], key: 'derivedFrom', value: '' }],
    });
    return;
  }
  const value = root.derivedFrom;
  if (value === '') return;
  if (typeof value !== 'string' || !URL_LIKE.test(value)) {
    ctx.report({ code: 'sdm-schema/derived-from', path: ['derivedFrom'], message: `"derivedFrom" names what the model comes from by URL; ${preview(value, 60)} is not a URL.` });
  }
}

/** SDM-010 */
function checkLicense(ctx: CheckContext, root: JsonObject): void {
  if (!has(root, 'license')) {
    ctx.report({
      code: 'sdm-schema/license',
      ...ROOT,
      severity: 'hint',
      message: 'The schema has no "license": give the URL of the licence the model is published under (usually the LICENSE.md of its folder).',
    });
    return;
  }
  const value = root.license;
  if (typeof value === 'string' && URL_LIKE.test(value)) return;
  if (value === '') {
    ctx.report({ code: 'sdm-schema/license', path: ['license'], message: '"license" is empty: give the URL of the licence the model is published under.' });
    return;
  }
  const spdx = typeof value === 'string' && SPDX_ID.test(value) ? `https://spdx.org/licenses/${value}.html` : undefined;
  ctx.report({
    code: 'sdm-schema/license',
    path: ['license'],
    message: `"license" names the licence by URL; ${preview(value, 60)} is not a URL.${spdx ? ` The SPDX page of ${value} is ${spdx}.` : ''}`,
    ...(spdx ? { fixes: [{ kind: 'set-value', title: `Change to ${spdx}`, path: ['license'], value: spdx } as Fix] } : {}),
  });
}

/** SDM-011 and SDM-012 */
function checkRequired(ctx: CheckContext, root: JsonObject): void {
  if (!has(root, 'required')) {
    ctx.report({
      code: 'sdm-schema/required',
      ...ROOT,
      message: 'The schema has no "required" list: a data model requires at least "id" and "type".',
      fixes: [{ kind: 'add-member', title: 'Add "required": ["id", "type"]', path: [], key: 'required', value: ['id', 'type'] }],
    });
    return;
  }
  const required = root.required;
  if (!Array.isArray(required)) {
    ctx.report({ code: 'sdm-schema/required', path: ['required'], message: '"required" must be an array of attribute names, with at least "id" and "type".' });
    return;
  }
  const missing = ['id', 'type'].filter((name) => !required.includes(name));
  if (missing.length > 0) {
    ctx.report({
      code: 'sdm-schema/required',
      path: ['required'],
      message: `"required" must hold "id" and "type"; ${missing.map((m) => `"${m}"`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing.`,
      fixes: [{ kind: 'set-value', title: `Add ${missing.map((m) => `"${m}"`).join(' and ')}`, path: ['required'], value: [...missing, ...required], safe: true }],
    });
  }
  if (required.length > 4) {
    ctx.report({
      code: 'sdm-schema/required-short',
      path: ['required'],
      message: `${required.length} attributes are required; Smart Data Models keep the list short (ideally "id" and "type"), since every payload must carry each of them and partial updates become impossible.`,
    });
  }
}

/** SDM-013: the root is an object. */
function checkRootType(ctx: CheckContext, root: JsonObject): void {
  if (root.type === 'object') return;
  if (!has(root, 'type')) {
    ctx.report({
      code: 'sdm-schema/root-type',
      ...ROOT,
      message: 'The schema does not say "type": "object": an entity is an object, and without the type its "required" list also accepts any non-object (strict validators reject the schema).',
      fixes: [{ kind: 'add-member', title: 'Add "type": "object"', path: [], key: 'type', value: 'object', safe: true }],
    });
    return;
  }
  ctx.report({
    code: 'sdm-schema/root-type',
    path: ['type'],
    message: `An entity is an object: the root "type" must be "object", not ${preview(root.type)}.`,
    fixes: [{ kind: 'set-value', title: 'Change to "object"', path: ['type'], value: 'object' }],
  });
}

const GSMA = `${COMMON_SCHEMA}#/definitions/GSMA-Commons`;

/** SDM-013: the common attributes come from GSMA-Commons. */
export function checkCommons(ctx: CheckContext, root: JsonObject): void {
  const allOf = root.allOf;
  const refs = Array.isArray(allOf) ? allOf.filter(isObject).map((i) => i.$ref).filter((r): r is string => typeof r === 'string') : [];
  if (refs.some((r) => /#\/definitions\/GSMA-Commons$/.test(r))) return;
  const message =
    'The model does not pull in GSMA-Commons: Smart Data Models get id, name, description, dateCreated, dateModified, source, owner and the other common attributes from it, as the first item of "allOf".';
  if (Array.isArray(allOf)) {
    ctx.report({
      code: 'sdm-schema/commons',
      path: ['allOf'],
      target: 'key',
      message,
      fixes: [{ kind: 'set-value', title: 'Add GSMA-Commons to allOf', path: ['allOf'], value: [{ $ref: GSMA }, ...allOf] }],
    });
  } else {
    ctx.report({ code: 'sdm-schema/commons', ...(has(root, 'properties') ? { path: ['properties'], target: 'key' as const } : ROOT), message });
  }
}

/** SDM-014: a `type` attribute whose single allowed value is the entity type, the model folder's name. */
export function checkEntityType(ctx: CheckContext, root: JsonObject, place: ModelPlace, refs: RefResolver): void {
  const folder = isModelFolder(place.folder) ? place.folder : undefined;
  const attribute = topLevelAttributes(root).find((a) => a.name === 'type');
  if (!attribute) {
    // The attribute may come from a shared definition (Alert's does); only an own list of attributes without it is reported.
    const pulled = Array.isArray(root.allOf) && root.allOf.some((i) => isObject(i) && typeof i.$ref === 'string' && !/GSMA-Commons|Location-Commons/.test(i.$ref));
    if (pulled) return;
    ctx.report({
      code: 'sdm-schema/entity-type',
      ...ROOT,
      severity: 'warning',
      message: `The model defines no "type" attribute: add one with "enum": ["${folder ?? 'EntityType'}"], the entity type payloads carry.`,
    });
    return;
  }
  let definition = attribute.definition;
  let external = false;
  if (isObject(definition) && typeof definition.$ref === 'string') {
    const target = refs.follow(definition, refs.base);
    if (target.state !== 'ready') return;
    definition = target.value;
    external = target.external;
  }
  if (!isObject(definition)) return;
  const values = Array.isArray(definition.enum) ? definition.enum : has(definition, 'const') ? [definition.const] : undefined;
  if (!values) {
    ctx.report({
      code: 'sdm-schema/entity-type',
      path: attribute.path,
      target: 'key',
      severity: 'warning',
      message: `The "type" attribute does not list the entity type: give it "enum": ["${folder ?? 'EntityType'}"], which payload checkers key on.`,
      ...(folder && !external ? { fixes: [{ kind: 'add-member', title: `Add "enum": ["${folder}"]`, path: attribute.path, key: 'enum', value: [folder] } as Fix] } : {}),
    });
    return;
  }
  if (external) return;
  const enumPath = Array.isArray(definition.enum) ? [...attribute.path, 'enum'] : [...attribute.path, 'const'];
  if (values.length !== 1) {
    ctx.report({ code: 'sdm-schema/entity-type', path: enumPath, severity: 'warning', message: `The "type" attribute should allow exactly one value, the entity type${folder ? ` "${folder}"` : ''}; it lists ${values.length}.` });
    return;
  }
  const value = values[0];
  const valuePath = Array.isArray(definition.enum) ? [...enumPath, 0] : enumPath;
  if (folder && value !== folder) {
    ctx.report({
      code: 'sdm-schema/entity-type',
      path: valuePath,
      message: `The entity type is ${preview(value)}, but the model's folder is "${folder}": a model's folder is named after its entity type (a copied schema that kept another type is the usual cause).`,
      fixes: [{ kind: 'set-value', title: 'Change to the name of the model\'s folder', path: valuePath, value: folder }],
    });
  } else if (typeof value !== 'string' || !/^[A-Z]/.test(value)) {
    ctx.report({ code: 'sdm-schema/entity-type', path: valuePath, message: `An entity type starts with a capital letter (UpperCamelCase); ${preview(value)} does not.` });
  }
}
