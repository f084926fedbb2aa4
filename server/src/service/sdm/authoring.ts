/**
 * The schema.json of a data model, checked while its author types: the rules the Smart Data Models
 * contribution checker applies (../shared/spec/sdm-rules.md, SDM-0xx), and what a strict JSON Schema validator
 * would reject. Every problem is reported on the keyword, value or description at fault.
 */
import type { CheckContext } from '../context';
import { hasOwn, isObject, type JsonObject } from '../json/values';
import type { ModelFiles } from './files';

export interface SchemaEnvironment {
  /** The schema's own file (a file URI, or a URL for a schema read from the site). */
  uri: string;
  /** The documents its `$ref`s name and the files of its folder; absent when nothing beyond the file can be read. */
  files?: ModelFiles;
}

/** Checks one data model schema. */
export function checkDataModelSchema(ctx: CheckContext, schema: unknown, env: SchemaEnvironment): void {
  if (!isObject(schema)) return;
  checkRequired(ctx, schema);
  void env;
}

/** SDM-011: `required` is an array that holds "id" and "type". */
function checkRequired(ctx: CheckContext, schema: JsonObject): void {
  if (!hasOwn(schema, 'required')) {
    ctx.report({
      code: 'sdm-schema/required',
      path: [],
      inner: { start: 0, end: 1 },
      message: 'The schema has no "required" list: a data model requires at least "id" and "type".',
      fixes: [{ kind: 'add-member', title: 'Add "required": ["id", "type"]', path: [], key: 'required', value: ['id', 'type'] }],
    });
    return;
  }
  const required = schema.required;
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
}
