/**
 * Completion and hover in algorithm register entries: the fields of the standard (required ones first, with
 * what each holds) and the values of the enumerated fields, from the field table.
 */
import type { CompletionEntry } from '../completion';
import type { HoverResult } from '../hover';
import type { JsonDocument, Span } from '../json/document';
import type { CursorLocation } from '../json/location';
import { hasOwn, isObject, type JsonObject, type JsonPath } from '../json/values';
import { CATEGORY_LABELS, REGISTER_FIELDS, STANDARD_VERSION, englishValue, registerField, type RegisterField } from './fields';
import { literal, memberText } from '../snippet-text';

/** The entry the cursor is in, and the path inside it. */
function entryAt(root: unknown, path: JsonPath): { entry: JsonObject; rest: JsonPath } | undefined {
  if (Array.isArray(root)) {
    const i = path[0];
    return typeof i === 'number' && isObject(root[i]) ? { entry: root[i] as JsonObject, rest: path.slice(1) } : undefined;
  }
  return isObject(root) ? { entry: root, rest: path } : undefined;
}

const TYPE_WORDS: Readonly<Record<RegisterField['type'], string>> = {
  string: 'text',
  enum: 'one of a list',
  url: 'http(s) link',
  email: 'e-mail address',
  date: 'date YYYY-MM-DD',
  const: `"${STANDARD_VERSION}"`,
  uuid: 'UUID',
};

function language(entry: JsonObject): string | undefined {
  return typeof entry.lang === 'string' ? entry.lang.trim().toLowerCase() : undefined;
}

export function registerCompletions(doc: JsonDocument, loc: CursorLocation, replace: Span): CompletionEntry[] {
  const at = entryAt(doc.root, loc.path);
  if (!at || at.rest.length !== 1) return [];
  const name = at.rest[0];
  if (typeof name !== 'string') return [];
  if (loc.atKey) {
    return REGISTER_FIELDS.filter((f) => !hasOwn(at.entry, f.name) || f.name === name).map((f, i) => ({
      label: f.name,
      kind: 'field' as const,
      detail: `${f.required ? 'required' : 'optional'} · ${TYPE_WORDS[f.type]} · ${CATEGORY_LABELS[f.category]}`,
      documentation: fieldDocs(f),
      insertText: memberText(doc, replace, f.name, valueSnippet(f)),
      replace,
      // Required fields first, each group in the standard's order.
      sortText: `${f.required ? 0 : 1}${String(i).padStart(2, '0')}`,
    }));
  }
  const field = registerField(name);
  if (!field) return [];
  if (field.type === 'const') return [{ label: field.const!, kind: 'enum', insertText: literal(JSON.stringify(field.const)), replace, documentation: field.doc }];
  if (field.name === 'lang') {
    return ['en', 'nl', 'de', 'fr', 'es', 'it'].map((code, i) => ({ label: code, kind: 'enum' as const, insertText: literal(JSON.stringify(code)), replace, sortText: String(i) }));
  }
  if (!field.values) return [];
  const dutch = language(at.entry) === 'nl' && field.dutch;
  const values = dutch ? [...field.dutch!, ...field.values] : [...field.values];
  return values.map((v, i) => {
    const english = englishValue(field, v);
    return {
      label: v,
      kind: 'enum' as const,
      detail: english !== v ? `Dutch for "${english}"` : field.label,
      documentation: field.doc,
      insertText: literal(JSON.stringify(v)),
      replace,
      sortText: String(i).padStart(2, '0'),
    };
  });
}

export function registerHover(doc: JsonDocument, loc: CursorLocation, span: Span): HoverResult | undefined {
  const at = entryAt(doc.root, loc.path);
  if (!at || at.rest.length !== 1 || typeof at.rest[0] !== 'string') return undefined;
  const field = registerField(at.rest[0]);
  if (!field) return undefined;
  if (loc.atKey) return { contents: fieldDocs(field, true), span };
  const value = at.entry[field.name];
  if (field.values && typeof value === 'string') {
    const english = englishValue(field, value);
    if (english === undefined) return undefined;
    const i = field.values.indexOf(english);
    const dutch = field.dutch?.[i];
    return { contents: `**${value}**: ${english !== value ? `the Dutch value of \`${english}\`` : `a value of \`${field.name}\`${dutch && dutch !== value ? ` (Dutch: \`${dutch}\`)` : ''}`}.\n\n${field.label}: ${field.doc}`, span };
  }
  return undefined;
}

function fieldDocs(field: RegisterField, heading = false): string {
  const lines: string[] = [];
  if (heading) lines.push(`**${field.name}** — ${field.label} (${field.required ? 'required' : 'optional'}, ${TYPE_WORDS[field.type]})`);
  lines.push(field.doc);
  if (field.values) lines.push(`Values: ${field.values.map((v) => `\`${v}\``).join(', ')}${field.dutch ? '; in a Dutch entry (`"lang": "nl"`) also their Dutch values' : ''}.`);
  lines.push(`Algorithmic Transparency Standard v${STANDARD_VERSION} · ${CATEGORY_LABELS[field.category]}${heading ? ' · MIM5 Transparency' : ''}`);
  return lines.join('\n\n');
}

function valueSnippet(field: RegisterField): string {
  switch (field.type) {
    case 'const':
      return JSON.stringify(field.const);
    case 'enum':
      return `"\${1|${field.values!.map((v) => v.replace(/[,|\\$}]/g, '\\$&')).join(',')}|}"`;
    case 'url':
      return '"https://$1"';
    case 'date':
      return '"${1:YYYY-MM-DD}"';
    default:
      return field.name === 'lang' ? '"${1|en,nl|}"' : '"$1"';
  }
}

