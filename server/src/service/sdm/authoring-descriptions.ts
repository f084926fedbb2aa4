/**
 * Attribute descriptions, read the way the Smart Data Models contribution check reads them (SDM-015 to
 * SDM-018): at least 15 characters; cut into sentences at every ". "; one sentence is exactly the NGSI type
 * (Property, GeoProperty, Relationship, LanguageProperty or ListProperty); the tagged sentences Model:,
 * Units:, Enum: and Privacy: carry their value in single quotes right after the colon and end with the
 * closing quote. Problems are reported on the sentence at fault, with the repaired description as the fix
 * when one small edit repairs it.
 */
import { NGSI_TYPES, sentences, type Sentence } from './authoring-model';
import type { RuleCode } from '../rules';
import type { Severity } from '../problem';

export interface DescriptionIssue {
  code: Extract<RuleCode, 'sdm-schema/attribute-description' | 'sdm-schema/ngsi-type' | 'sdm-schema/description-tags' | 'sdm-schema/units'>;
  /** Characters of the description the issue is about. */
  range: { start: number; end: number };
  message: string;
  severity?: Severity;
  /** For a tagged sentence: its tag. */
  tag?: string;
  /** The repaired description, with the title of the fix. */
  repair?: { description: string; title: string };
}

export const MIN_DESCRIPTION = 15;
const TAGS = ['Model:', 'Units:', 'Enum:', 'Privacy:', 'Multilingual:'];
const URL_VALUE = /^https?:\/\/\S+$/;

/** Everything wrong with one attribute description. */
export function descriptionIssues(description: string): DescriptionIssue[] {
  if (description.length < MIN_DESCRIPTION) {
    return [
      {
        code: 'sdm-schema/attribute-description',
        range: { start: 0, end: description.length },
        message: `This description has ${description.length} characters; Smart Data Models ask for at least ${MIN_DESCRIPTION}: the NGSI type and what the attribute means (for example "Property. Number of bicycles counted").`,
      },
    ];
  }
  const parts = sentences(description);
  const issues: DescriptionIssue[] = [];
  const ngsi = ngsiTypeIssue(description, parts);
  if (ngsi) issues.push(ngsi);
  for (const part of parts) {
    const issue = tagIssue(description, part);
    if (issue) issues.push(issue);
  }
  return issues;
}

const isType = (text: string) => (NGSI_TYPES as readonly string[]).includes(text);

function ngsiTypeIssue(description: string, parts: Sentence[]): DescriptionIssue | undefined {
  if (parts.some((p) => isType(p.text))) return undefined;
  const replace = (part: Sentence, text: string) => description.slice(0, part.start) + text + description.slice(part.end);
  const passes = (d: string) => sentences(d).some((p) => isType(p.text));
  const names = NGSI_TYPES.join(', ');
  for (const part of parts) {
    const trimmed = part.text.trim();
    const exact = NGSI_TYPES.find((t) => t.toLowerCase() === trimmed.toLowerCase());
    if (exact) {
      const spaced = trimmed === exact;
      const repaired = replace(part, exact);
      return {
        code: 'sdm-schema/ngsi-type',
        range: { start: part.start, end: part.end },
        message: spaced
          ? `The NGSI type must be a sentence of its own without spaces around it: "${exact}", not "${part.text}".`
          : `"${trimmed}" is spelled "${exact}": the NGSI type is one of ${names}, with this capitalisation.`,
        ...(passes(repaired) ? { repair: { description: repaired, title: 'Spell the NGSI type as a sentence of its own' } } : {}),
      };
    }
    // The type followed by other text in the same sentence ("Property.The ...", "Property: the ...").
    const lead = /^\s*([A-Za-z]+)\s*[.:;,-]?\s*/.exec(part.text);
    const leading = lead ? NGSI_TYPES.find((t) => t.toLowerCase() === lead[1]!.toLowerCase()) : undefined;
    if (lead && leading && lead[0].length < part.text.length) {
      const repaired = replace(part, `${leading}. ${part.text.slice(lead[0].length)}`);
      return {
        code: 'sdm-schema/ngsi-type',
        range: { start: part.start, end: part.start + lead[0].trimEnd().length },
        message: `The NGSI type must be a sentence of its own, followed by ". ": "${leading}. ${part.text.slice(lead[0].length, lead[0].length + 20)}…", not "${part.text.slice(0, lead[0].length + 20)}…".`,
        ...(passes(repaired) ? { repair: { description: repaired, title: 'Spell the NGSI type as a sentence of its own' } } : {}),
      };
    }
  }
  const inside = parts.find((p) => NGSI_TYPES.some((t) => p.text.includes(t)));
  if (inside) {
    const word = NGSI_TYPES.filter((t) => inside.text.includes(t)).sort((a, b) => b.length - a.length)[0]!;
    return {
      code: 'sdm-schema/ngsi-type',
      range: { start: inside.start, end: inside.end },
      message: `This sentence names the NGSI type "${word}" among other words; the contribution check wants it as a sentence of its own ("${word}. …"), so the type is not found.`,
    };
  }
  const first = parts[0]!;
  return {
    code: 'sdm-schema/ngsi-type',
    range: { start: first.start, end: first.end },
    message: `The description does not say the attribute's NGSI type: start it with a sentence that is exactly one of ${names} (for example "Property. ${first.text.slice(0, 30)}…").`,
  };
}

/** The tagged sentence's problem, if any: the same test as the contribution check, and a repair. */
function tagIssue(description: string, part: Sentence): DescriptionIssue | undefined {
  const tag = TAGS.find((t) => part.text.startsWith(t));
  if (!tag) return undefined;
  const name = tag.slice(0, -1);
  const value = part.text.slice(tag.length);
  if (tagIsValid(part.text, tag)) {
    const inner = value.slice(1, -1);
    if (tag === 'Model:' && inner !== '' && !URL_VALUE.test(inner)) {
      return {
        code: 'sdm-schema/description-tags',
        tag: name,
        severity: 'warning',
        range: { start: part.start, end: part.end },
        message: `Model:'…' names the vocabulary term the attribute follows by its URL (for example 'https://schema.org/Number'); '${inner}' is not a URL.`,
      };
    }
    if (tag === 'Units:' && inner.trim() === '') {
      return {
        code: 'sdm-schema/units',
        range: { start: part.start, end: part.end },
        message: "Units:'' names no unit: write the unit's name (SI by default, for example Units:'kilowatt hour (kWh)'), or leave the sentence out.",
      };
    }
    return undefined;
  }
  const cause = tagCause(part.text, tag, description, part);
  const repaired = repairTag(description, part, tag);
  return {
    code: 'sdm-schema/description-tags',
    tag: name,
    range: { start: part.start, end: part.end },
    message: `${name}: must be written ${tag}'…', the value in single quotes right after the colon, and the sentence must end with the closing quote; ${cause}.`,
    ...(repaired ? { repair: { description: repaired, title: `Write ${tag}'…' as the contribution check reads it` } } : {}),
  };
}

function tagIsValid(text: string, tag: string): boolean {
  return text.slice(tag.length).startsWith("'") && text.endsWith("'");
}

function tagCause(text: string, tag: string, description: string, part: Sentence): string {
  const value = text.slice(tag.length);
  const bare = value.trim();
  if (/^\[.*\]$/.test(bare)) return 'here the value is in brackets, not in single quotes';
  if (/^[\u2018\u2019\u201c\u201d"]/.test(bare)) return 'here the value is in typographic or double quotes, not in single quotes';
  if (/^'[^']*'(?:\s*,\s*'[^']*')+$/.test(bare)) return 'here each value is quoted on its own; the whole list goes in one pair of quotes';
  if (/^\s+'/.test(value)) return 'here a space stands between the colon and the quote';
  if (!value.startsWith("'")) return 'here the value has no opening quote';
  const close = value.indexOf("'", 1);
  if (close < 0) {
    const cut = description.indexOf("'", part.end) >= 0 ? ' (or the value contains ". ", where the sentence is cut)' : '';
    return `here the closing quote is missing${cut}`;
  }
  const rest = value.slice(close + 1);
  if (rest.trim() === '') return 'here spaces follow the closing quote';
  if (rest.trim() === '.') return 'here a full stop follows the closing quote';
  if (rest.startsWith('.')) return 'here the next sentence follows the closing quote without a space after the dot';
  return `here text follows the closing quote ("${rest.trim().slice(0, 30)}"): end the sentence with ". " first, or quote the whole value`;
}

/** The value after the colon in single quotes, when it is written in another wrapping that says the same. */
function requoted(value: string): string | undefined {
  const bare = value.trim();
  const list = /^'[^']*'(?:\s*,\s*'[^']*')+$/.test(bare) ? bare.split(/'\s*,\s*'/).map((v) => v.replace(/^'|'$/g, '')) : undefined;
  if (list) return `'${list.join(', ')}'`;
  const wrapped = /^(?:\[([^\]'\u2018\u2019\u201c\u201d"]*)\]|[\u2018\u201c"]([^'\u2018\u2019\u201c\u201d"]*)[\u2019\u201d"])$/.exec(bare);
  if (wrapped) return `'${(wrapped[1] ?? wrapped[2] ?? '').trim()}'`;
  return undefined;
}

/** The description with one small edit that makes the tagged sentence pass, if there is one. */
function repairTag(description: string, part: Sentence, tag: string): string | undefined {
  const last = part.end === description.length;
  const candidates: string[] = [];
  const other = requoted(part.text.slice(tag.length));
  if (other) candidates.push(tag + other);
  // A space between the colon and the quote.
  const text = tag + part.text.slice(tag.length).replace(/^\s+(?=')/, '');
  candidates.push(text);
  const value = text.slice(tag.length);
  if (value.startsWith("'")) {
    const close = value.indexOf("'", 1);
    if (close < 0) {
      // The closing quote is missing: add it where no quote follows, or after the URL of a Model.
      const url = tag === 'Model:' && URL_VALUE.test(value.slice(1));
      if (url || description.indexOf("'", part.end) < 0) candidates.push(text.trimEnd() + "'");
    } else {
      const end = tag.length + close + 1;
      const rest = text.slice(end);
      if (rest.trim() === '' || (last && rest.trim() === '.')) candidates.push(text.slice(0, end));
      else if (/^\.\S/.test(rest)) candidates.push(text.slice(0, end) + '. ' + rest.slice(1));
      else if (/^\s+\S/.test(rest) && !/\s/.test(value.slice(1, close))) candidates.push(text.slice(0, end) + '. ' + rest.trimStart());
    }
  }
  for (const candidate of candidates) {
    const repaired = description.slice(0, part.start) + candidate + description.slice(part.end);
    if (repaired === description) continue;
    const again = sentences(repaired).find((p) => p.start === part.start);
    if (again && tagIsValid(again.text, tag) && !sentences(repaired).some((p) => p.start > part.start && tagBroken(p.text))) return repaired;
  }
  return undefined;
}

/** A tagged sentence the check fails. */
function tagBroken(text: string): boolean {
  const tag = TAGS.find((t) => text.startsWith(t));
  return tag !== undefined && !tagIsValid(text, tag);
}
