/** Pure checks of the small grammars NGSI-LD values follow: names, URIs, scopes, DateTimes, language tags. */

const NAME = /^\p{L}[\p{L}\p{N}_]*$/u;
const PREFIXED_NAME = /^\p{L}[\p{L}\p{N}_]*:\p{L}[\p{L}\p{N}_]*$/u;
const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]/u;

export type NameVerdict =
  | { ok: true; iri?: boolean }
  | { ok: false; reason: string; whitespace?: boolean };

/** Verdicts of the names seen lately: a batch repeats the same few attribute names thousands of times. */
const NAME_VERDICTS = new Map<string, NameVerdict>();
const MAX_REMEMBERED_NAMES = 4096;

/** NAME-001/002: `name = letter *(letter / digit / "_")`, optionally `prefix:name`; a full IRI is legal JSON-LD. */
export function checkName(name: string): NameVerdict {
  let verdict = NAME_VERDICTS.get(name);
  if (verdict === undefined) {
    verdict = judgeName(name);
    if (NAME_VERDICTS.size >= MAX_REMEMBERED_NAMES) NAME_VERDICTS.clear();
    NAME_VERDICTS.set(name, verdict);
  }
  return verdict;
}

function judgeName(name: string): NameVerdict {
  if (name.length === 0) return { ok: false, reason: 'it is empty' };
  const space = CONTROL_OR_SPACE.exec(name);
  if (space) {
    return { ok: false, reason: `it contains ${describeChar(space[0])}`, whitespace: true };
  }
  if (NAME.test(name) || PREFIXED_NAME.test(name)) return { ok: true };
  if (isAbsoluteUri(name) && /[/#]/.test(name)) return { ok: true, iri: true };
  const first = [...name][0]!;
  if (!/\p{L}/u.test(first)) return { ok: false, reason: `it starts with ${describeChar(first)}, not a letter` };
  const bad = [...name].find((ch) => !/[\p{L}\p{N}_:]/u.test(ch));
  if (bad) return { ok: false, reason: `it contains ${describeChar(bad)}` };
  return { ok: false, reason: 'it has more than one colon or an empty part around the colon' };
}

function describeChar(ch: string): string {
  switch (ch) {
    case ' ':
      return 'a space';
    case '\t':
      return 'a tab';
    case '\n':
    case '\r':
      return 'a line break';
    case '-':
      return 'a hyphen (-)';
    case '.':
      return 'a dot (.)';
    default: {
      const code = ch.codePointAt(0)!;
      if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      if (/\s/u.test(ch)) return `the white-space character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      return `"${ch}"`;
    }
  }
}

/** An absolute URI: a scheme, a colon and something after it, no spaces or control characters. */
export function isAbsoluteUri(value: string): boolean {
  const m = URI_SCHEME.exec(value);
  return !!m && value.length > m[0].length && !CONTROL_OR_SPACE.test(value);
}

export type UriVerdict = { ok: true } | { ok: false; reason: string };

export function checkAbsoluteUri(value: string): UriVerdict {
  if (value.length === 0) return { ok: false, reason: 'it is empty' };
  const space = CONTROL_OR_SPACE.exec(value);
  if (space) return { ok: false, reason: `it contains ${describeChar(space[0])}` };
  const m = URI_SCHEME.exec(value);
  if (!m) return { ok: false, reason: 'it has no scheme such as "urn:" or "https:"' };
  if (value.length === m[0].length) return { ok: false, reason: 'nothing follows the scheme' };
  return { ok: true };
}

/** Characters a URI may hold that Orion-LD refuses in an entity id (its URI character table lacks them). */
const URI_TABLE_ONLY = /^[A-Za-z0-9%:/?#[\]@!$&'()*+,=\-._~\u0080-\uffff]*$/;

export function brokerRefusedUriCharacters(value: string): string[] {
  if (URI_TABLE_ONLY.test(value)) return [];
  const found = new Set<string>();
  for (const ch of value) {
    if (ch.codePointAt(0)! >= 0x80) continue;
    if (!/[A-Za-z0-9%:/?#[\]@!$&'()*+,=\-._~]/.test(ch)) found.add(ch);
  }
  return [...found];
}

const SCOPE = /^\/?\p{L}[\p{L}\p{N}_]*(\/\p{L}[\p{L}\p{N}_]*)*$/u;

/** ENT-005: `[/]level*(/level)`, each level a letter followed by letters, digits and `_`. */
export function checkScope(scope: string): { ok: true } | { ok: false; reason: string } {
  if (SCOPE.test(scope)) return { ok: true };
  if (scope.length === 0) return { ok: false, reason: 'it is empty' };
  if (/\/\//.test(scope)) return { ok: false, reason: 'it has an empty level (//)' };
  if (scope.endsWith('/')) return { ok: false, reason: 'it ends with a slash' };
  const level = scope.split('/').find((part) => part.length > 0 && !/^\p{L}[\p{L}\p{N}_]*$/u.test(part));
  if (level !== undefined) return { ok: false, reason: `the level "${level}" must start with a letter and hold only letters, digits and _` };
  return { ok: false, reason: 'it does not follow the scope grammar' };
}

export type DateTimeVerdict =
  | { ok: true }
  | {
      ok: false;
      /** What is wrong, in words. */
      reason: string;
      /** The same instant written as the spec wants it, when the input is unambiguous. */
      fixed?: string;
      /** True when `fixed` assumes the time was meant as UTC (no zone was given). */
      assumesUtc?: boolean;
    };

const STRICT_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;
const LOOSE_DATETIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,](\d+))?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

function validCalendar(y: number, mo: number, d: number, h: number, mi: number, s: number): string | undefined {
  if (mo < 1 || mo > 12) return `there is no month ${mo}`;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  if (d < 1 || d > days) return `day ${d} does not exist in month ${mo}`;
  if (h > 23) return `hour ${h} is out of range (00 to 23)`;
  if (mi > 59) return `minute ${mi} is out of range`;
  if (s > 59) return `second ${s} is out of range`;
  return undefined;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * SUB-001: a DateTime is `YYYY-MM-DDThh:mm:ss[.ffffff]Z` in UTC. Offsets, missing seconds and more than six
 * fraction digits are refused by at least one broker, so they are errors; where the instant is clear,
 * `fixed` holds it written correctly.
 */
export function checkDateTime(value: string): DateTimeVerdict {
  const strict = STRICT_DATETIME.exec(value);
  if (strict) {
    const [, y, mo, d, h, mi, s] = strict;
    const bad = validCalendar(+y!, +mo!, +d!, +h!, +mi!, +s!);
    return bad ? { ok: false, reason: bad } : { ok: true };
  }
  const loose = LOOSE_DATETIME.exec(value.trim());
  if (!loose) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { ok: false, reason: 'it is a date without a time' };
    return { ok: false, reason: 'it is not a timestamp' };
  }
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = loose;
  const y = +ys!;
  const mo = +mos!;
  const d = +ds!;
  const h = +hs!;
  const mi = +mis!;
  const s = ss === undefined ? 0 : +ss;
  const bad = validCalendar(y, mo, d, h, mi, s);
  if (bad) return { ok: false, reason: bad };
  const fraction = frac ? '.' + frac.slice(0, 6) : '';
  const reasons: string[] = [];
  if (ss === undefined) reasons.push('the seconds are missing');
  if (frac && frac.length > 6) reasons.push('it has more than six fraction digits');
  if (frac && value.includes(',')) reasons.push('the fraction uses a comma');
  if (!/T/.test(value)) reasons.push('the date and the time must be joined by "T"');
  let offsetMinutes = 0;
  let assumesUtc = false;
  if (zone === undefined) {
    reasons.push('it has no time zone (NGSI-LD DateTimes are in UTC and end in Z)');
    assumesUtc = true;
  } else if (/^[+-]/.test(zone)) {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (+digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2, 4) : 0));
    reasons.push(`it has the offset ${zone}; NGSI-LD DateTimes are in UTC and end in Z (Scorpio refuses offsets)`);
  } else if (zone !== 'Z') {
    reasons.push(`the zone "${zone}" must be written "Z"`);
  }
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi - offsetMinutes, s));
  const fixed =
    `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}` +
    `T${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}${fraction}Z`;
  return { ok: false, reason: reasons.join('; ') || 'it is not in the form YYYY-MM-DDThh:mm:ssZ', fixed, assumesUtc };
}

// BCP 47 also reserves 4 to 8 letter primary subtags, but none is registered: a word such as "english"
// is a mistake, not a tag.
const LANGUAGE_TAG = /^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$|^[Xx](?:-[A-Za-z0-9]{1,8})+$/;

/** ATTR-007: a languageMap key is a BCP 47 tag or `@none`. */
export function isLanguageTag(tag: string): boolean {
  return tag === '@none' || LANGUAGE_TAG.test(tag);
}

/** Damerau-Levenshtein distance, capped: returns `max + 1` as soon as the distance exceeds `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/**
 * The closest candidate, if it is close enough to be a likely typo of `name`. `strict` allows only a case
 * difference or one edit, for places where a near miss may well be a different, legitimate name.
 */
export function closest(name: string, candidates: Iterable<string>, strict = false): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) return undefined;
    const limit = strict || candidate.length <= 4 ? 1 : candidate.length <= 8 ? 2 : 3;
    const distance = candidate.toLowerCase() === lower ? 0.5 : editDistance(lower, candidate.toLowerCase(), limit);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
