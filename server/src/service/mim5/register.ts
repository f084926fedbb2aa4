/**
 * Algorithm register entries (MIM5, Algorithmic Transparency Standard v0.3.1): what makes a file one, and
 * the checks. The standard's own JSON schema writes `"required": true` inside each property, where schema
 * validators ignore it; here the required fields are enforced, with the value checks and the cross-field
 * rules the standard states in words.
 */
import type { CheckContext } from '../context';
import { describeType, hasOwn, isObject, preview, type JsonObject, type JsonPath } from '../json/values';
import { closest } from '../ngsi-ld/syntax';
import type { Fix } from '../problem';
import {
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  DISTINCTIVE_FIELDS,
  FIELD_NAMES,
  SHORT_DESCRIPTION_MAX,
  STANDARD_VERSION,
  englishValue,
  registerField,
  type RegisterField,
} from './fields';

/** With `standard_version`, this many other fields of the standard make an object an entry. */
export const FIELDS_WITH_VERSION = 3;
/** Without it, this many of the standard's distinctive (underscored) field names do. */
export const DISTINCTIVE_WITHOUT_VERSION = 5;

/** Why an object reads as a register entry, or undefined when it does not. */
export function registerEntryEvidence(obj: JsonObject): string | undefined {
  let fields = 0;
  let distinctive = 0;
  for (const key of Object.keys(obj)) {
    if (key === 'standard_version' || !registerField(key)) continue;
    fields++;
    if (DISTINCTIVE_FIELDS.has(key)) distinctive++;
  }
  if (hasOwn(obj, 'standard_version') && fields >= FIELDS_WITH_VERSION) {
    return `it has "standard_version" and ${fields} fields of the Algorithmic Transparency Standard`;
  }
  if (distinctive >= DISTINCTIVE_WITHOUT_VERSION) return `it has ${distinctive} fields of the Algorithmic Transparency Standard (such as "risk_category" and "human_intervention")`;
  return undefined;
}

/** Why an array reads as a list of register entries: most of its first items are entries. */
export function registerListEvidence(items: readonly unknown[]): string | undefined {
  const sample = items.slice(0, 50).filter(isObject);
  if (sample.length === 0) return undefined;
  const entries = sample.filter((o) => registerEntryEvidence(o) !== undefined).length;
  return entries * 2 > sample.length ? 'an array of algorithm register entries' : undefined;
}

/** Checks an entry, or every entry of a list. */
export function checkAlgorithmRegister(ctx: CheckContext, root: unknown): void {
  if (Array.isArray(root)) {
    root.forEach((item, i) => {
      if (isObject(item)) checkEntry(ctx, item, [i]);
      else ctx.report({ code: 'mim5/field-type', path: [i], message: `Each item of a register list is an entry (an object), not ${describeType(item)}.` });
    });
  } else if (isObject(root)) {
    checkEntry(ctx, root, []);
  }
}

/** Members an entry may carry besides the standard's fields. */
const ALLOWED_EXTRA = new Set(['$schema']);

function checkEntry(ctx: CheckContext, entry: JsonObject, path: JsonPath): void {
  const lang = typeof entry.lang === 'string' ? entry.lang.trim().toLowerCase() : undefined;
  checkRequired(ctx, entry, path);
  for (const key of Object.keys(entry)) {
    const at = [...path, key];
    const field = registerField(key);
    if (!field) {
      if (!ALLOWED_EXTRA.has(key)) reportUnknown(ctx, entry, key, at);
      continue;
    }
    checkValue(ctx, field, entry[key], at, lang);
  }
  checkDateOrder(ctx, entry, path);
  checkImpactAssessments(ctx, entry, path);
}

function checkRequired(ctx: CheckContext, entry: JsonObject, path: JsonPath): void {
  const missing: RegisterField[] = [];
  for (const name of FIELD_NAMES) {
    const field = registerField(name)!;
    if (field.required && !hasOwn(entry, name)) missing.push(field);
  }
  if (missing.length === 0) return;
  const list = missing.map((f) => `"${f.name}"`);
  const named = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  ctx.report({
    code: 'mim5/required-field',
    path,
    message:
      `The entry lacks ${named}: the Algorithmic Transparency Standard v${STANDARD_VERSION} requires ${missing.length === 1 ? 'it' : 'them'}` +
      ` (${missing.length === 1 ? missing[0]!.label.toLowerCase() : `${missing.length} fields`}). Its published JSON schema does not enforce required fields, so other validators let this pass.`,
    // One quick fix per missing field, while there are few; completion offers the required fields first.
    fixes: missing.length <= 5 ? missing.map((f) => addFieldFix(f, path, ctx)) : undefined,
  });
}

function addFieldFix(field: RegisterField, path: JsonPath, ctx: CheckContext): Fix {
  const base = { kind: 'add-member' as const, title: `Add "${field.name}"`, path, key: field.name, safe: false };
  switch (field.type) {
    case 'const':
      return { ...base, value: field.const, snippet: JSON.stringify(field.const) };
    case 'enum':
      return { ...base, value: '', snippet: `"\${1|${field.values!.map((v) => v.replace(/[,|\\$}]/g, '\\$&')).join(',')}|}"` };
    case 'date': {
      const today = new Date(ctx.now()).toISOString().slice(0, 10);
      return { ...base, value: today, snippet: `"\${1:${today}}"` };
    }
    default:
      if (field.name === 'lang') return { ...base, value: 'en', snippet: '"${1:en}"' };
      return { ...base, value: '', snippet: '"$1"' };
  }
}

function reportUnknown(ctx: CheckContext, entry: JsonObject, key: string, path: JsonPath): void {
  const near = closest(key, FIELD_NAMES);
  ctx.report({
    code: 'mim5/unknown-field',
    path,
    target: 'key',
    message: `"${key}" is not a field of the Algorithmic Transparency Standard v${STANDARD_VERSION}${near ? `; did you mean "${near}"?` : '.'} Registers that import entries drop or refuse fields they do not know.`,
    fixes: near && !hasOwn(entry, near) ? [{ kind: 'rename-key', title: `Rename to "${near}"`, path, to: near, safe: false }] : undefined,
  });
}

function checkValue(ctx: CheckContext, field: RegisterField, value: unknown, path: JsonPath, lang: string | undefined): void {
  const name = field.name;
  if (field.type === 'const') return checkStandardVersion(ctx, value, path);
  if (typeof value !== 'string') {
    const hint = Array.isArray(value) && name === 'keywords' ? ' (separate the keywords with commas)' : '';
    ctx.report({ code: 'mim5/field-type', path, message: `"${name}" is text (a JSON string)${hint}, not ${describeType(value)}.` });
    return;
  }
  if (value.trim() === '') {
    if (field.required) {
      ctx.report({ code: 'mim5/required-field', path, message: `"${name}" is required and empty: ${field.doc}` });
    } else if (field.type === 'url' || field.type === 'email' || field.type === 'date' || field.type === 'uuid') {
      // An empty optional link (a spreadsheet export leaves them so) fails the standard's format check.
      ctx.report({
        code: formatRule(field),
        path,
        message: `"${name}" is empty; leave the field out or give ${FORMAT_WORDS[field.type]}.`,
        fixes: [{ kind: 'remove', title: `Remove "${name}"`, path, safe: true }],
      });
    }
    return;
  }
  switch (field.type) {
    case 'enum':
      return checkEnum(ctx, field, value, path, lang);
    case 'url':
      return checkUrl(ctx, name, value, path);
    case 'email':
      return checkEmail(ctx, name, value, path);
    case 'date':
      return checkDate(ctx, name, value, path);
    case 'uuid':
      return checkUuid(ctx, name, value, path);
    default:
      if (name === 'lang') return checkLanguage(ctx, value, path);
      if (name === 'description_short') return checkShortDescription(ctx, value, path);
      if (name === 'description') return checkDescription(ctx, value, path);
  }
}

const FORMAT_WORDS: Readonly<Record<'url' | 'email' | 'date' | 'uuid', string>> = {
  url: 'an http or https URL',
  email: 'an e-mail address',
  date: 'a date written YYYY-MM-DD',
  uuid: 'a UUID',
};

function formatRule(field: RegisterField): 'mim5/url' | 'mim5/email' | 'mim5/date' | 'mim5/uuid' {
  return field.type === 'email' ? 'mim5/email' : field.type === 'date' ? 'mim5/date' : field.type === 'uuid' ? 'mim5/uuid' : 'mim5/url';
}

function checkStandardVersion(ctx: CheckContext, value: unknown, path: JsonPath): void {
  if (value === STANDARD_VERSION) return;
  const written = typeof value === 'string' ? value.trim().replace(/^v/i, '') : typeof value === 'number' ? String(value) : undefined;
  const sameVersion = written === STANDARD_VERSION;
  ctx.report({
    code: 'mim5/standard-version',
    path,
    message: sameVersion
      ? `"standard_version" is the string "${STANDARD_VERSION}", written exactly so; ${preview(value)} is not.`
      : `"standard_version" is "${STANDARD_VERSION}", the version whose fields this entry is checked against; ${preview(value)} is another version or no version. Entries of other versions have other fields.`,
    fixes: [{ kind: 'set-value', title: `Change to "${STANDARD_VERSION}"`, path, value: STANDARD_VERSION, safe: sameVersion }],
  });
}

function checkEnum(ctx: CheckContext, field: RegisterField, value: string, path: JsonPath, lang: string | undefined): void {
  const values = field.values!;
  if (values.includes(value)) return;
  const english = englishValue(field, value);
  if (english !== undefined) {
    // A Dutch value: right in a Dutch entry, a slip in any other.
    if (lang === 'nl') return;
    ctx.report({
      code: 'mim5/enum-value',
      path,
      message: `"${value}" is the Dutch value of "${english}"; this entry's language is ${lang ? `"${lang}"` : 'not Dutch (no "lang")'}, so "${field.name}" takes the English value.`,
      fixes: [{ kind: 'set-value', title: `Change to "${english}"`, path, value: english, safe: true }],
    });
    return;
  }
  const accepted = lang === 'nl' && field.dutch ? [...field.dutch, ...values] : values;
  const near = suggestValue(value, accepted);
  const shown = values.length <= 8 ? `: ${values.map((v) => `"${v}"`).join(', ')}` : ` (${values.length} values; completion lists them)`;
  ctx.report({
    code: 'mim5/enum-value',
    path,
    message: `"${value}" is not a value of "${field.name}"${near ? `; did you mean "${near}"?` : '.'} The standard allows${shown}${lang === 'nl' && field.dutch ? ', or their Dutch values' : ''}.`,
    fixes: near ? [{ kind: 'set-value', title: `Change to "${near}"`, path, value: near, safe: false }] : undefined,
  });
}

/** The value most likely meant: the same but for case or spacing, a near miss, or the one value it begins. */
export function suggestValue(value: string, candidates: readonly string[]): string | undefined {
  const plain = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  const wanted = plain(value);
  const same = candidates.find((c) => plain(c) === wanted);
  if (same) return same;
  const near = closest(value.trim(), candidates);
  if (near) return near;
  if (wanted.length < 3) return undefined;
  const starting = candidates.filter((c) => plain(c).startsWith(wanted));
  return starting.length === 1 ? starting[0] : undefined;
}

function checkUrl(ctx: CheckContext, name: string, value: string, path: JsonPath): void {
  let reason: string | undefined;
  let fixed: string | undefined;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) {
    reason = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? `it uses "${trimmed.slice(0, trimmed.indexOf(':') + 1)}"` : 'it has no http:// or https:// in front';
    if (/^(www\.|[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$))/i.test(trimmed)) fixed = `https://${trimmed}`;
  } else {
    try {
      new URL(trimmed);
      if (/\s/.test(trimmed)) reason = 'it contains spaces';
      else if (trimmed !== value) {
        reason = 'it has spaces around it';
        fixed = trimmed;
      }
    } catch {
      reason = 'it is not a well-formed URL';
    }
  }
  if (!reason) return;
  ctx.report({
    code: 'mim5/url',
    path,
    message: `"${name}" is a link starting with http:// or https://, but ${reason}.`,
    fixes: fixed ? [{ kind: 'set-value', title: `Change to "${fixed}"`, path, value: fixed, safe: false }] : undefined,
  });
}

const EMAIL = /^[^\s@:;,<>()[\]"]+@[^\s@:;,<>()[\]"]+\.[^\s@:;,<>()[\]"]+$/;

function checkEmail(ctx: CheckContext, name: string, value: string, path: JsonPath): void {
  if (EMAIL.test(value)) return;
  const bare = value.trim().replace(/^mailto:/i, '');
  const fixed = bare !== value && EMAIL.test(bare) ? bare : undefined;
  ctx.report({
    code: 'mim5/email',
    path,
    message: `"${name}" is an e-mail address such as "algorithms@city.example"${fixed ? `, without ${/^\s*mailto:/i.test(value) ? '"mailto:"' : 'spaces'}` : ''}; ${preview(value)} is not.`,
    fixes: fixed ? [{ kind: 'set-value', title: `Change to "${fixed}"`, path, value: fixed, safe: true }] : undefined,
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date of a YYYY-MM-DD string, or why it is not one. */
export function parseIsoDate(value: string): { ok: true; time: number } | { ok: false; reason: string } {
  const m = ISO_DATE.exec(value);
  if (!m) return { ok: false, reason: 'it is not written YYYY-MM-DD' };
  const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  const time = Date.UTC(y, mo - 1, d);
  const back = new Date(time);
  if (mo < 1 || mo > 12 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return { ok: false, reason: 'there is no such day' };
  return { ok: true, time };
}

function checkDate(ctx: CheckContext, name: string, value: string, path: JsonPath): void {
  const parsed = parseIsoDate(value);
  if (parsed.ok) return;
  let fixed: string | undefined;
  let how = '';
  const dateTime = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(value.trim());
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value.trim());
  if (dateTime && parseIsoDate(dateTime[1]!).ok) {
    fixed = dateTime[1];
    how = ' (a date, without the time)';
  } else if (dayFirst) {
    const candidate = `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}`;
    if (parseIsoDate(candidate).ok) {
      fixed = candidate;
      how = ' (read as day, month, year)';
    }
  } else if (value !== value.trim() && parseIsoDate(value.trim()).ok) {
    fixed = value.trim();
  }
  ctx.report({
    code: 'mim5/date',
    path,
    message: `"${name}" is an ISO 8601 date such as "2024-05-31"; ${preview(value)} is not: ${parsed.reason}.${fixed ? ` Written so it is "${fixed}"${how}.` : ''}`,
    fixes: fixed ? [{ kind: 'set-value', title: `Change to "${fixed}"`, path, value: fixed, safe: false }] : undefined,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkUuid(ctx: CheckContext, name: string, value: string, path: JsonPath): void {
  if (UUID.test(value)) return;
  const bare = value.trim().replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1');
  const fixed = UUID.test(bare) ? bare : undefined;
  ctx.report({
    code: 'mim5/uuid',
    path,
    message: `"${name}" is a UUID such as "0f8fad5b-d9cb-469f-a165-70867728950e"${fixed ? ', without a prefix or braces' : ''}; ${preview(value)} is not.`,
    fixes: fixed ? [{ kind: 'set-value', title: `Change to "${fixed}"`, path, value: fixed, safe: true }] : undefined,
  });
}

/** Language names people write instead of the code. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'en', engels: 'en', dutch: 'nl', nederlands: 'nl', german: 'de', deutsch: 'de', duits: 'de', french: 'fr', français: 'fr', frans: 'fr',
  spanish: 'es', español: 'es', italian: 'it', italiano: 'it', finnish: 'fi', suomi: 'fi', swedish: 'sv', svenska: 'sv', danish: 'da', dansk: 'da',
  norwegian: 'no', norsk: 'no', portuguese: 'pt', português: 'pt', catalan: 'ca', català: 'ca', greek: 'el', polish: 'pl', polski: 'pl', czech: 'cs', estonian: 'et',
};

function checkLanguage(ctx: CheckContext, value: string, path: JsonPath): void {
  if (/^[a-z]{2}$/.test(value)) return;
  const trimmed = value.trim();
  const tag = /^([a-z]{2})(?:[-_][a-z0-9]+)*$/i.exec(trimmed);
  const fixed = tag ? tag[1]!.toLowerCase() : LANGUAGE_NAMES[trimmed.toLowerCase()];
  ctx.report({
    code: 'mim5/language',
    path,
    message: `"lang" is a two-letter ISO 639-1 language code in lower case, such as "en" or "nl"; ${preview(value)} is not.${fixed ? ` Did you mean "${fixed}"?` : ''}`,
    fixes: fixed ? [{ kind: 'set-value', title: `Change to "${fixed}"`, path, value: fixed, safe: tag !== null }] : undefined,
  });
}

/** The UTF-16 index where the `n`th character (code point) of `text` starts. */
function indexOfCharacter(text: string, n: number): number {
  let i = 0;
  for (let count = 0; count < n && i < text.length; count++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

function characters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function checkShortDescription(ctx: CheckContext, value: string, path: JsonPath): void {
  const length = characters(value);
  if (length <= SHORT_DESCRIPTION_MAX) return;
  ctx.report({
    code: 'mim5/short-description-length',
    path,
    stringRange: { start: indexOfCharacter(value, SHORT_DESCRIPTION_MAX), end: value.length },
    message: `"description_short" has ${length} characters; the standard allows ${SHORT_DESCRIPTION_MAX}, so the marked ${length - SHORT_DESCRIPTION_MAX} are too many. Registers cut or refuse longer ones; the full text belongs in "description".`,
  });
}

function checkDescription(ctx: CheckContext, value: string, path: JsonPath): void {
  const length = characters(value);
  if (length < DESCRIPTION_MIN) {
    ctx.report({
      code: 'mim5/description-length',
      path,
      message: `"description" has ${length} characters; the standard asks for ${DESCRIPTION_MIN} to ${DESCRIPTION_MAX}, enough to explain how the algorithm turns data into a decision or advice.`,
    });
  } else if (length > DESCRIPTION_MAX) {
    ctx.report({
      code: 'mim5/description-length',
      path,
      stringRange: { start: indexOfCharacter(value, DESCRIPTION_MAX), end: value.length },
      message: `"description" has ${length} characters; the standard asks for at most ${DESCRIPTION_MAX}, so the marked ${length - DESCRIPTION_MAX} are too many.`,
    });
  }
}

/** publication_date ≤ last_change_date ≤ revision_date, reported on the later date of a pair out of order. */
function checkDateOrder(ctx: CheckContext, entry: JsonObject, path: JsonPath): void {
  const date = (name: string) => {
    const value = entry[name];
    if (typeof value !== 'string') return undefined;
    const parsed = parseIsoDate(value);
    return parsed.ok ? { value, time: parsed.time } : undefined;
  };
  const published = date('publication_date');
  const changed = date('last_change_date');
  const revision = date('revision_date');
  if (published && changed && changed.time < published.time) {
    ctx.report({
      code: 'mim5/date-order',
      path: [...path, 'last_change_date'],
      message: `"last_change_date" (${changed.value}) is before "publication_date" (${published.value}): an entry cannot change before it is first published.`,
    });
  }
  if (changed && revision && revision.time < changed.time) {
    ctx.report({
      code: 'mim5/date-order',
      path: [...path, 'revision_date'],
      message: `"revision_date" (${revision.value}) is before "last_change_date" (${changed.value}): the date by which the entry is to be reviewed lies after its last change.`,
    });
  }
}

/** The links a high-risk use is expected to give: the full algorithm and data protection impact assessments. */
export const HIGH_RISK_EXPECTED = ['AIA_url', 'DPIA_url'] as const;

function checkImpactAssessments(ctx: CheckContext, entry: JsonObject, path: JsonPath): void {
  const category = entry.risk_category;
  const field = registerField('risk_category')!;
  if (typeof category !== 'string' || englishValue(field, category) !== 'high risk') return;
  const missing = HIGH_RISK_EXPECTED.filter((name) => typeof entry[name] !== 'string' || (entry[name] as string).trim() === '');
  if (missing.length === 0) return;
  const words = missing.map((m) => `"${m}"`).join(' and ');
  ctx.report({
    code: 'mim5/impact-assessment',
    path: [...path, 'risk_category'],
    message: `A high-risk use is expected to link its impact assessments: ${words} ${missing.length === 1 ? 'is' : 'are'} missing (${missing.map((m) => (m === 'AIA_url' ? 'the algorithm impact assessment, such as a FRAIA/IAMA' : 'the data protection impact assessment')).join('; ')}).`,
  });
}
