/**
 * The example files of a data model (`<Model>/examples/example*.json[ld]`), checked as the model's own: by
 * their form (the two .json files are NGSI-v2, the two .jsonld files NGSI-LD; the normalized ones normalized),
 * against the sibling schema (every attribute defined, the type the folder's name), and against their twin in
 * the other representation (same attributes, same values once projected).
 */
import type { CheckContext } from '../context';
import type { Detection } from '../detect';
import { hasOwn, isObject, preview, type JsonObject } from '../json/values';
import { ENTITY_RESERVED_MEMBERS, isAttributeKind } from '../ngsi-ld/constants';
import { projectToSimplified } from '../representation';
import { baseName, joinUri, parentUri } from '../runtime';
import type { ModelFiles } from './files';

export type ExampleName = 'example.json' | 'example-normalized.json' | 'example.jsonld' | 'example-normalized.jsonld';

export interface ModelExample {
  /** The model (the name of its folder, which is the entity type). */
  model: string;
  /** The model folder. */
  folder: string;
  name: ExampleName;
  /** NGSI-v2 (.json) or NGSI-LD (.jsonld). */
  api: 'v2' | 'ld';
  /** The form the file name promises. */
  normalized: boolean;
  /** The same entity in the other form. */
  twin: string;
}

const EXAMPLE_NAMES: readonly ExampleName[] = ['example.json', 'example-normalized.json', 'example.jsonld', 'example-normalized.jsonld'];

/** The files every model folder holds (SDM layout). */
export const MODEL_FILES = ['schema.json', ...EXAMPLE_NAMES.map((n) => `examples/${n}`), 'notes.yaml', 'ADOPTERS.yaml'] as const;

/** The model example a file is, from its place: `<Model>/examples/<one of the four names>`. */
export function modelExampleOf(uri: string): ModelExample | undefined {
  const clean = uri.replace(/[?#].*$/, '');
  const name = baseName(clean) as ExampleName;
  if (!EXAMPLE_NAMES.includes(name)) return undefined;
  const examples = parentUri(clean);
  if (baseName(examples) !== 'examples') return undefined;
  const folder = parentUri(examples);
  const model = baseName(folder);
  if (!/^\p{Lu}/u.test(model)) return undefined;
  const api = name.endsWith('.jsonld') ? 'ld' : 'v2';
  const normalized = name.includes('-normalized');
  const twinName = `example${normalized ? '' : '-normalized'}.${api === 'ld' ? 'jsonld' : 'json'}`;
  return { model, folder, name, api, normalized, twin: joinUri(examples, twinName) };
}

/** The two .json examples are NGSI-v2 by the Smart Data Models convention: read them so, unless settings say otherwise. */
export function detectModelExample(uri: string): Detection | undefined {
  const example = modelExampleOf(uri);
  if (!example || example.api !== 'v2') return undefined;
  return {
    kind: 'ngsi-v2',
    declared: false,
    reason: `${example.name} of the ${example.model} data model holds the NGSI-v2 ${example.normalized ? 'normalized' : 'keyValues'} form`,
  };
}

export interface ExampleEnvironment {
  example: ModelExample;
  files?: ModelFiles;
  /** The representation the NGSI-LD rules read (for the .jsonld files). */
  representation?: string;
}

/** The checks of a model's own example file that look beyond the NGSI rules and the schema. */
export function checkModelExample(ctx: CheckContext, root: unknown, env: ExampleEnvironment): void {
  const { example } = env;
  if (!isObject(root)) {
    if (Array.isArray(root)) {
      ctx.report({ code: 'sdm-example/form', path: [], inner: { start: 0, end: 1 }, message: `${example.name} holds one entity, not an array: the Smart Data Models tools read a single object.` });
    }
    return;
  }
  checkType(ctx, root, example);
  checkForm(ctx, root, example, env.representation);
  checkTwin(ctx, root, example, env.files);
}

/** The entity type is the model's: the folder name (SDM-014). */
function checkType(ctx: CheckContext, entity: JsonObject, example: ModelExample): void {
  if (!hasOwn(entity, 'type') || typeof entity.type !== 'string') return;
  const type = entity.type.replace(/^.*[/#]/, '');
  if (type === example.model) return;
  ctx.report({
    code: 'sdm-example/type',
    path: ['type'],
    message: `This is an example of the ${example.model} data model (its folder), but the entity's type is "${entity.type}".`,
    fixes: [{ kind: 'set-value', title: `Change the type to "${example.model}"`, path: ['type'], value: example.model, safe: false }],
  });
}

/** The form the file name promises (SDM-042, SDM-043). */
function checkForm(ctx: CheckContext, entity: JsonObject, example: ModelExample, representation: string | undefined): void {
  const attributes = Object.keys(entity).filter((k) => !ENTITY_RESERVED_MEMBERS.has(k));
  if (example.api === 'v2' && example.normalized) {
    // NGSI-v2 normalized: every attribute {"type": <v2 type>, "value": ...}.
    for (const key of attributes) {
      const value = entity[key];
      if (isObject(value) && typeof value.type === 'string' && hasOwn(value, 'value') && !isAttributeKind(value.type)) continue;
      const why = !isObject(value)
        ? `it is ${preview(value, 40)}, not an object with "type" and "value"`
        : isAttributeKind(value.type)
          ? `"${value.type}" is an NGSI-LD attribute type; the NGSI-v2 examples of Smart Data Models write "Text", "Number", "DateTime", "StructuredValue", "geo:json"...`
          : !hasOwn(value, 'value')
            ? 'it has no "value"'
            : 'it has no "type"';
      const kindAt = isObject(value) && isAttributeKind(value.type);
      ctx.report({ code: 'sdm-example/form', path: kindAt ? [key, 'type'] : [key], target: kindAt ? 'value' : 'key', message: `example-normalized.json holds the NGSI-v2 normalized form, but "${key}" is not an NGSI-v2 attribute: ${why}.` });
    }
    return;
  }
  if (example.api === 'ld' && example.normalized) {
    if (!hasOwn(entity, '@context')) return; // The NGSI-LD rules already say it.
    if (representation && representation !== 'normalized') {
      const bare = attributes.find((k) => !(isObject(entity[k]) && isAttributeKind((entity[k] as JsonObject).type)) && !(Array.isArray(entity[k]) && (entity[k] as unknown[]).every((i) => isObject(i) && isAttributeKind(i.type))));
      if (bare) ctx.report({ code: 'sdm-example/form', path: [bare], target: 'key', message: `example-normalized.jsonld holds the NGSI-LD normalized form, but "${bare}" has no attribute "type" (the file is read as ${representation}).` });
    }
    return;
  }
  if (!example.normalized && representation === 'normalized' && attributes.length > 0) {
    ctx.report({ code: 'sdm-example/form', path: ['type'], message: `${example.name} holds the keyValues form, but every attribute here is written normalized: that is example-normalized${example.api === 'ld' ? '.jsonld' : '.json'}.` });
  }
}

/** The example and its twin in the other form describe the same entity. */
function checkTwin(ctx: CheckContext, entity: JsonObject, example: ModelExample, files: ModelFiles | undefined): void {
  if (!files) return;
  const twin = files.json(example.twin);
  if (twin.state !== 'ready' || !isObject(twin.value.json)) return;
  const twinName = baseName(example.twin);
  const here = simplifiedValues(entity);
  const there = simplifiedValues(twin.value.json);
  for (const key of Object.keys(entity)) {
    if (key === '@context') continue;
    if (!hasOwn(there, key)) {
      if (ENTITY_RESERVED_MEMBERS.has(key)) continue;
      ctx.report({ code: 'sdm-example/twin', path: [key], target: 'key', message: `${twinName}, the same entity in the other form, has no "${key}".` });
    } else if (!sameValue(here[key], there[key])) {
      ctx.report({ code: 'sdm-example/twin', path: [key], target: 'key', message: `"${key}" is ${preview(here[key], 60)} here but ${preview(there[key], 60)} in ${twinName}, the same entity in the other form.` });
    }
  }
  const missing = Object.keys(there).filter((k) => k !== '@context' && !ENTITY_RESERVED_MEMBERS.has(k) && !hasOwn(entity, k));
  if (missing.length > 0) {
    ctx.report({
      code: 'sdm-example/twin',
      path: hasOwn(entity, 'id') ? ['id'] : [],
      target: hasOwn(entity, 'id') ? 'key' : undefined,
      inner: hasOwn(entity, 'id') ? undefined : { start: 0, end: 1 },
      message: `${twinName}, the same entity in the other form, also has ${missing.map((m) => `"${m}"`).join(', ')}, which this file lacks.`,
    });
  }
}

/** Each member's simplified value (typed literals as their value), for comparing the two forms. */
function simplifiedValues(entity: JsonObject): JsonObject {
  return projectToSimplified(entity).value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameValue(x, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => hasOwn(b as JsonObject, k) && sameValue((a as JsonObject)[k], (b as JsonObject)[k]));
}

/** The files the model folder must hold that it does not, from its listing (undefined while unknown). */
export function missingModelFiles(folder: string, files: ModelFiles): string[] | undefined {
  // Both listings are asked for at once, so that one round of loading answers the question.
  const top = files.folder(folder);
  const examples = files.folder(joinUri(folder, 'examples'));
  if (top.state !== 'ready' || examples.state === 'loading') return undefined;
  const have = new Set([
    ...top.value.filter((e) => e.kind === 'file').map((e) => e.name),
    ...(examples.state === 'ready' ? examples.value.filter((e) => e.kind === 'file').map((e) => `examples/${e.name}`) : []),
  ]);
  return MODEL_FILES.filter((f) => !have.has(f));
}
