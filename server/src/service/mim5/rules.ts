import { defineRules } from '../rule-definition';
import { REGISTER_FIELDS } from './fields';

/** A complete, valid register entry; `changes` replace (or, with null, drop) fields as raw JSON text. */
function entry(changes: Readonly<Record<string, string | null>> = {}, extra = ''): string {
  const fields: [string, string][] = Object.entries(BASE).map(([k, v]) => [k, JSON.stringify(v)]);
  const members: string[] = [];
  for (const [key, value] of fields) {
    const changed = Object.prototype.hasOwnProperty.call(changes, key) ? changes[key] : value;
    if (changed !== null && changed !== undefined) members.push(`"${key}": ${changed}`);
  }
  for (const [key, value] of Object.entries(changes)) if (!(key in BASE) && value !== null) members.push(`"${key}": ${value}`);
  if (extra) members.push(extra);
  return `{${members.join(', ')}}`;
}

const BASE: Readonly<Record<string, string>> = {
  standard_version: '0.3.1',
  lang: 'en',
  name: 'Parking permit check',
  description_short: 'Licence plates scanned in permit zones are compared with the parking permit register.',
  organization: 'City of Example',
  department: 'Mobility',
  contact_email: 'algorithms@city.example',
  area: 'Example',
  domain: 'traffic and transportation',
  status: 'operational',
  decision_making_process: 'Enforcement of the municipal parking bylaw',
  goal: 'Fair use of scarce parking space',
  impact: 'Drivers without a permit or a paid session may be fined after an officer has checked the case.',
  risks: 'Misread plates; every match is checked by an officer before a fine.',
  risk_category: 'limited risk',
  proportionality: 'Scanning replaces foot patrols and keeps no data on drivers who have paid.',
  lawful_basis: 'Road Traffic Act; municipal parking bylaw',
  training_data: 'Labelled pictures of licence plates',
  source_data: 'Scanned pictures, the permit register and the payment system',
  connected_data_sources: 'Parking permit register; parking payment system',
  algorithm_type: 'hybrid',
  description:
    'A camera car drives through the permit zones and takes pictures of parked cars. Number plate recognition software reads the licence plate from each picture and keeps only the plate, the time and the place. A rule engine then looks each plate up in the parking permit register and in the payment system. When a car has neither a permit nor a paid parking session, the case goes to a parking officer, who checks the picture and the situation on the street before any fine is issued. Pictures of cars with a permit or a paid session are deleted within 24 hours.',
  monitoring: 'Monthly share of matches an officer overrules',
  type: 'prescriptive',
  human_intervention: 'An officer confirms every case before a fine is issued.',
  objection_procedure: 'Objection to the fine through the municipal objection procedure',
  publication_date: '2024-01-15',
  last_change_date: '2024-06-01',
  revision_date: '2025-06-01',
};

/** The MIM5 requirements a rule serves (MIM5 has not been redrafted in the newer format). */
const serves = (...keys: readonly [Mim5Requirement, ...Mim5Requirement[]]) => ({ '2022': keys, 'new-format': ['MIM5 (not redrafted)'] as const });
type Mim5Requirement = '2022 MIM5 Procedural transparency' | '2022 MIM5 Technical transparency' | '2022 MIM5 Accountability' | '2022 MIM5 Fairness';
const DISCLOSURE = serves('2022 MIM5 Procedural transparency');

const source = (fields: string) => `Algorithmic Transparency Standard v0.3.1 (Eurocities / Algoritmeregister), ${fields}; MIM5 Transparency`;

/** Algorithm register entries (MIM5, Algorithmic Transparency Standard v0.3.1). */
export const mim5Rules = defineRules({
  'mim5/required-field': {
    mim: 'MIM5',
    requirements: serves('2022 MIM5 Procedural transparency', '2022 MIM5 Technical transparency', '2022 MIM5 Accountability'),
    severity: 'error',
    title: 'A register entry has every field the standard requires',
    docs:
      `The standard requires ${REGISTER_FIELDS.filter((f) => f.required).length} of its ${REGISTER_FIELDS.length} fields, from \`name\` and \`description_short\` through \`risk_category\`, ` +
      '`lawful_basis` and `human_intervention` to `standard_version`, `lang` and the three dates. Its published JSON ' +
      'schema writes `"required": true` inside each property, where JSON Schema validators ignore it, so a missing ' +
      'field passes every off-the-shelf validation; here it does not. A required field that is empty (only spaces) is ' +
      'reported on its value. With up to five fields missing, each gets a quick fix that adds it with a placeholder; ' +
      'completion offers the required fields first.',
    source: source('`required` of each field'),
    valid: { file: 'register.json', text: entry() },
    invalid: { file: 'register.json', text: '⟦' + entry({ lawful_basis: null }) + '⟧' },
    fix: 'Add the missing field',
  },
  'mim5/unknown-field': {
    mim: 'MIM5',
    requirements: DISCLOSURE,
    severity: 'warning',
    title: 'A register entry carries only the fields of the standard',
    docs:
      'A misspelt field is a field the register does not know: it is dropped on import, or the entry is refused, and ' +
      'the field meant stays missing. The message names the field most likely meant (case, `camelCase` for ' +
      '`snake_case`, a letter or two), and the quick fix renames it. `$schema` is allowed.',
    source: source('the list of fields'),
    valid: { file: 'register.json', text: entry() },
    invalid: { file: 'register.json', text: entry({ lawful_basis: null }, `⟦"lawfull_basis"⟧: ${JSON.stringify(BASE.lawful_basis)}`) },
    fix: 'Rename to the field meant',
  },
  'mim5/field-type': {
    mim: 'MIM5',
    requirements: DISCLOSURE,
    severity: 'error',
    title: 'Every field of a register entry is text',
    docs:
      'All fields of the standard, dates, links and lists of keywords included, are JSON strings. A number, a list or ' +
      'an object where text is expected fails the standard\'s schema. A list of entries holds objects only.',
    source: source('`type` of each field'),
    valid: { file: 'register.json', text: entry({ keywords: '"parking, permits"' }) },
    invalid: { file: 'register.json', text: entry({ keywords: '⟦["parking", "permits"]⟧' }) },
  },
  'mim5/enum-value': {
    mim: 'MIM5',
    requirements: DISCLOSURE,
    severity: 'error',
    title: 'Enumerated fields take one of the standard\'s values',
    docs:
      '`domain` (21 policy domains), `status`, `risk_category`, `algorithm_type` and `type` take one of the values the ' +
      'standard lists, spelt exactly. The standard gives each list in English and in Dutch, value for value: an entry ' +
      'whose `lang` is `nl` may use the Dutch values; any other entry uses the English ones, and a Dutch value there is ' +
      'reported with its English counterpart as the fix. For other values the message names the value most likely meant ' +
      '(case, spacing, a near miss, or the one value that begins so: `high` → `high risk`).',
    source: source('`enum` of domain, status, risk_category, algorithm_type and type'),
    valid: { file: 'register.json', text: entry({ lang: '"nl"', risk_category: '"beperkt risico"' }) },
    invalid: { file: 'register.json', text: entry({ risk_category: '⟦"limited"⟧' }) },
    fix: 'Change to the value meant',
  },
  'mim5/standard-version': {
    mim: 'MIM5',
    requirements: DISCLOSURE,
    severity: 'error',
    title: 'standard_version is "0.3.1"',
    docs:
      'The entry names the version of the standard it follows, and the fields are checked against v0.3.1, whose schema ' +
      'fixes the value to the string `"0.3.1"`. `"v0.3.1"` or a number is reported with a safe fix; another version ' +
      'has other fields, so the fix to `"0.3.1"` is offered but not applied by fix-all.',
    source: source('`standard_version` (const)'),
    valid: { file: 'register.json', text: entry() },
    invalid: { file: 'register.json', text: entry({ standard_version: '⟦"v0.3.1"⟧' }) },
    fix: 'Change to "0.3.1"',
  },
  'mim5/url': {
    mim: 'MIM5',
    requirements: DISCLOSURE,
    severity: 'error',
    title: 'Links start with http:// or https://',
    docs:
      '`website`, `documentation`, `DPIA_url`, `product_information`, `codebase_url`, `product_page` and `AIA_url` are ' +
      'URLs matching `^https?://` in the standard\'s schema. A link written without its scheme (`www.city.example/...`) ' +
      'gets `https://` as the fix; an empty optional link is better left out (fix: remove it).',
    source: source('fields of type url'),
    valid: { file: 'register.json', text: entry({ website: '"https://algorithms.city.example/parking"' }) },
    invalid: { file: 'register.json', text: entry({ website: '⟦"algorithms.city.example/parking"⟧' }) },
    fix: 'Add https://',
  },
  'mim5/email': {
    mim: 'MIM5',
    requirements: serves('2022 MIM5 Accountability'),
    severity: 'error',
    title: 'contact_email is an e-mail address',
    docs: 'The contact address is a plain e-mail address; a `mailto:` link or surrounding spaces are removed by the fix.',
    source: source('`contact_email` (email)'),
    valid: { file: 'register.json', text: entry() },
    invalid: { file: 'register.json', text: entry({ contact_email: '⟦"mailto:algorithms@city.example"⟧' }) },
    fix: 'Write the bare address',
  },
  'mim5/date': {
    mim: 'MIM5',
    requirements: DISCLOSURE,
    severity: 'error',
    title: 'Dates are written YYYY-MM-DD',
    docs:
      '`publication_date`, `last_change_date` and `revision_date` are ISO 8601 calendar dates such as `2024-05-31` ' +
      '(JSON Schema format `date`), and real days. A date-time gets its date as the fix; `31-05-2024` (day first, as ' +
      'written in much of Europe) is read as day, month, year, and the fix says so.',
    source: source('fields of type date'),
    valid: { file: 'register.json', text: entry() },
    invalid: { file: 'register.json', text: entry({ publication_date: '⟦"15-01-2024"⟧' }) },
    fix: 'Write the date as YYYY-MM-DD',
  },
  'mim5/uuid': {
    mim: 'MIM5',
    requirements: DISCLOSURE,
    severity: 'error',
    title: 'uuid is a UUID',
    docs: 'The optional `uuid` identifies the entry across registers: 32 hexadecimal digits in the 8-4-4-4-12 form. A `urn:uuid:` prefix or braces are removed by the fix.',
    source: source('`uuid` (uuid)'),
    valid: { file: 'register.json', text: entry({ uuid: '"0f8fad5b-d9cb-469f-a165-70867728950e"' }) },
    invalid: { file: 'register.json', text: entry({ uuid: '⟦"urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e"⟧' }) },
    fix: 'Remove the prefix',
  },
  'mim5/language': {
    mim: 'MIM5',
    requirements: DISCLOSURE,
    severity: 'warning',
    title: 'lang is a two-letter ISO 639-1 code',
    docs:
      'The language of the entry is an ISO 639-1 code in lower case (`en`, `nl`, `de`...). It also decides whether ' +
      'the Dutch values of the enumerated fields are accepted. A region tag (`en-GB`), capitals or a language name ' +
      '(`English`, `Nederlands`) get the code as the fix.',
    source: source('`lang`'),
    valid: { file: 'register.json', text: entry() },
    invalid: { file: 'register.json', text: entry({ lang: '⟦"EN"⟧' }) },
    fix: 'Use the ISO 639-1 code',
  },
  'mim5/short-description-length': {
    mim: 'MIM5',
    requirements: DISCLOSURE,
    severity: 'warning',
    title: 'description_short has at most 150 characters',
    docs:
      'The short description is what lists and overviews show; the standard allows 150 characters (counted as ' +
      'characters, not bytes). The problem covers the characters past the 150th, so the editor shows where to cut.',
    source: source('`description_short`'),
    valid: { file: 'register.json', text: entry() },
    invalid: {
      file: 'register.json',
      text: entry({
        description_short:
          '"Licence plates scanned by a camera car in the permit zones of the city are compared with the parking permit register and with the payment system daily⟦ in all zones⟧"',
      }),
    },
  },
  'mim5/description-length': {
    mim: 'MIM5',
    requirements: serves('2022 MIM5 Technical transparency'),
    severity: 'information',
    title: 'description explains the algorithm in 500 to 10,000 characters',
    docs:
      'The standard asks for an explanation of the inner workings of 500 to 10,000 characters: enough to understand ' +
      'how the algorithm turns data into a decision or advice. A shorter text is reported on the whole value; beyond ' +
      '10,000 characters, on the excess.',
    source: source('`description`'),
    valid: { file: 'register.json', text: entry() },
    invalid: { file: 'register.json', text: entry({ description: '⟦"Number plate recognition and a rule engine."⟧' }) },
  },
  'mim5/date-order': {
    mim: 'MIM5',
    requirements: serves('2022 MIM5 Procedural transparency', '2022 MIM5 Accountability'),
    severity: 'error',
    title: 'Publication, last change and revision dates come in order',
    docs:
      'An entry is published first, changed later, and due for review after its last change: `publication_date` ≤ ' +
      '`last_change_date` ≤ `revision_date`. The later date of a pair out of order is reported, as it is usually the ' +
      'one not updated.',
    source: source('`publication_date`, `last_change_date`, `revision_date`'),
    valid: { file: 'register.json', text: entry() },
    invalid: { file: 'register.json', text: entry({ revision_date: '⟦"2024-03-01"⟧' }) },
  },
  'mim5/impact-assessment': {
    mim: 'MIM5',
    requirements: { '2022': ['2022 MIM5 Procedural transparency', '2022 MIM5 Fairness', '2022 MIM4'], 'new-format': ['MIM5 (not redrafted)', 'Personal data'] } as const,
    severity: 'warning',
    title: 'A high-risk use links its impact assessments',
    docs:
      'When `risk_category` is `high risk` (or `hoog risico`), the entry is expected to link the full algorithm impact ' +
      'assessment (`AIA_url`, such as a FRAIA/IAMA) and the data protection impact assessment (`DPIA_url`): the AI Act ' +
      'asks public bodies for a fundamental rights impact assessment of high-risk systems, and the GDPR a DPIA of ' +
      'high-risk processing of personal data (MIM4). A summary in `AIA_description` or `DPIA_description` does not replace ' +
      'the link. The problem is reported on the risk category.',
    source: source('`risk_category`, `AIA_url`, `DPIA_url`') + '; EU AI Act art. 27; GDPR art. 35',
    valid: { file: 'register.json', text: entry({ risk_category: '"high risk"', AIA_url: '"https://city.example/aia/parking.pdf"', DPIA_url: '"https://city.example/dpia/parking.pdf"' }) },
    invalid: { file: 'register.json', text: entry({ risk_category: '⟦"high risk"⟧', AIA_url: '"https://city.example/aia/parking.pdf"' }) },
  },
});
