/**
 * Algorithm register entries (MIM5, Algorithmic Transparency Standard v0.3.1): the field table against the
 * standard's own YAML, detection, every check with its range and fix, completion and hover.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, complete, editsForFix, hover, parseDocument, type Problem } from '../../server/src/service/index';
import { REGISTER_FIELDS, registerField } from '../../server/src/service/mim5/fields';
import { SHARED, check, covered, only } from '../helpers/engine';

const YAML = join(SHARED, 'mim5', 'schema-v0_3_1.yaml');

interface YamlField {
  attribute: string;
  type: string;
  required: boolean;
  const?: string;
  en?: string[];
  nl?: string[];
}

/**
 * A reader for the one YAML file: each property starts at `- attribute:`; its `type`, `required` and `const`
 * sit two spaces in; an enum lists `en: [...]` and `nl: [...]` of quoted strings after `enum:`.
 */
function readStandard(text: string): YamlField[] {
  const blocks = text.split(/^- attribute: /m).slice(1);
  return blocks.map((block) => {
    const attribute = /^"([^"]+)"/.exec(block)![1]!;
    const type = /^ {2}type: *"?([a-z]+)"?\s*$/m.exec(block)![1]!;
    const required = /^ {2}required: *(true|false)/m.exec(block)?.[1] === 'true';
    const field: YamlField = { attribute, type, required };
    const constant = /^ {2}const: *"([^"]*)"/m.exec(block);
    if (constant) field.const = constant[1];
    const enumAt = block.search(/^ {2}enum:/m);
    if (enumAt >= 0) {
      const rest = block.slice(enumAt);
      const list = (lang: string) => [...new RegExp(`^ {4}${lang}: *\\[([\\s\\S]*?)\\]`, 'm').exec(rest)![1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
      field.en = list('en');
      field.nl = list('nl');
    }
    return field;
  });
}

describe('the MIM5 field table', { skip: !existsSync(YAML) && 'the standard\'s YAML is not at ../shared/mim5' }, () => {
  const standard = existsSync(YAML) ? readStandard(readFileSync(YAML, 'utf8')) : [];

  it('reads the 49 properties of the standard', () => {
    assert.equal(standard.length, 49);
  });

  it('has every attribute of the standard, in its order, and no other', () => {
    assert.deepEqual(REGISTER_FIELDS.map((f) => f.name), standard.map((f) => f.attribute));
  });

  it('agrees with the standard on each type, required flag, constant and enum (English and Dutch)', () => {
    for (const yaml of standard) {
      const ours = registerField(yaml.attribute)!;
      assert.equal(ours.type, yaml.type, `${yaml.attribute}: type`);
      assert.equal(ours.required, yaml.required, `${yaml.attribute}: required`);
      assert.equal(ours.const, yaml.const, `${yaml.attribute}: const`);
      assert.deepEqual(ours.values && [...ours.values], yaml.en, `${yaml.attribute}: English values`);
      assert.deepEqual(ours.dutch && [...ours.dutch], yaml.nl, `${yaml.attribute}: Dutch values`);
    }
  });

  it('describes the fields in its own words', () => {
    const text = readFileSync(YAML, 'utf8');
    for (const field of REGISTER_FIELDS) assert.ok(!text.includes(field.doc), `${field.name}: the description is not the standard's text`);
  });
});

/** A complete entry; `changes` replace fields (undefined drops one). */
function entry(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    standard_version: '0.3.1',
    lang: 'en',
    name: 'Waste route planner',
    description_short: 'Plans the collection rounds of underground waste containers from their fill levels.',
    organization: 'City of Example',
    department: 'Waste collection',
    contact_email: 'algorithms@city.example',
    area: 'Example',
    domain: 'environment, spacial planning and water',
    status: 'pilot',
    decision_making_process: 'Planning of daily waste collection rounds',
    goal: 'Fewer trips with full trucks and no overflowing containers',
    impact: 'Residents may see containers emptied on other days than before.',
    risks: 'Wrong fill levels; drivers report and correct them.',
    risk_category: 'minimal risk',
    proportionality: 'No personal data; less traffic in the streets.',
    lawful_basis: 'Waste management act; municipal waste bylaw',
    training_data: 'Two years of fill level readings',
    source_data: 'Fill level sensors of the containers',
    connected_data_sources: 'None',
    algorithm_type: 'self-learning',
    description: 'The planner predicts for each container when it will be full, from the readings of its fill level sensor and from the weekday, the season and holidays. '.repeat(4),
    monitoring: 'Weekly count of overflowing containers',
    type: 'predictive',
    human_intervention: 'Planners review every round before it is sent to the drivers.',
    objection_procedure: 'Complaints through the municipal complaints desk',
    publication_date: '2024-02-01',
    last_change_date: '2024-05-01',
    revision_date: '2025-05-01',
  };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

const text = (value: unknown) => JSON.stringify(value, null, 2);

function problemsOf(value: unknown, file = 'register.json') {
  const t = text(value);
  const result = check(file, t);
  return { text: t, problems: result.problems, detection: result.detection };
}

function fixed(t: string, p: Problem, index = 0): string {
  const doc = parseDocument('file:///work/register.json', 1, t);
  const edits = editsForFix(doc, p.fixes![index]!);
  assert.ok(edits);
  return applyEdits(t, edits);
}

describe('detection of register entries', () => {
  it('reads an entry with standard_version and three or more fields of the standard', () => {
    const { detection } = problemsOf({ standard_version: '0.3.1', name: 'x', organization: 'y', status: 'pilot' });
    assert.equal(detection.kind, 'algorithm-register');
    assert.match(detection.reason, /standard_version/);
  });

  it('reads an entry without standard_version from five of its distinctive fields', () => {
    const { detection } = problemsOf({ risk_category: 'high risk', human_intervention: 'x', objection_procedure: 'x', lawful_basis: 'x', decision_making_process: 'x' });
    assert.equal(detection.kind, 'algorithm-register');
  });

  it('does not take an object with a few generic names of the standard for an entry', () => {
    assert.notEqual(problemsOf({ name: 'x', status: 'pilot', standard_version: '1' }).detection.kind, 'algorithm-register');
    assert.notEqual(problemsOf({ name: 'x', type: 'predictive', status: 'pilot', description: 'x', goal: 'y', risks: 'z' }).detection.kind, 'algorithm-register');
    assert.equal(problemsOf({ id: 'urn:ngsi-ld:Device:1', type: 'Device', name: 'x', status: 'ok', '@context': 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld' }, 'd.jsonld').detection.kind, 'entity');
  });

  it('reads a list of entries, and checks each at its index', () => {
    const { detection, problems, text: t } = problemsOf([entry(), entry({ status: 'live' }), 7]);
    assert.equal(detection.kind, 'algorithm-register');
    const status = only(problems, 'mim5/enum-value');
    assert.deepEqual(status.path, [1, 'status']);
    assert.equal(covered(t, status), '"live"');
    assert.deepEqual(only(problems, 'mim5/field-type').path, [2]);
  });

  it('reports nothing on a complete, valid entry', () => {
    assert.deepEqual(problemsOf(entry()).problems.map((p) => `${p.code} ${p.message}`), []);
  });
});

describe('register entry checks', () => {
  it('names every missing required field on the whole entry, with a fix per field while there are few', () => {
    const { text: t, problems } = problemsOf(entry({ lawful_basis: undefined, risk_category: undefined }));
    const p = only(problems, 'mim5/required-field');
    assert.equal(p.severity, 'error');
    assert.equal(covered(t, p), t);
    assert.match(p.message, /"risk_category" and "lawful_basis"/);
    assert.deepEqual(p.fixes!.map((f) => f.title), ['Add "risk_category"', 'Add "lawful_basis"']);
    const after = fixed(t, p, 1);
    assert.equal(JSON.parse(after).lawful_basis, '');
    const many = problemsOf({ standard_version: '0.3.1', name: 'x', organization: 'y', status: 'pilot' }).problems;
    assert.equal(only(many, 'mim5/required-field').fixes, undefined);
  });

  it('reports a required field left empty on its value', () => {
    const { text: t, problems } = problemsOf(entry({ goal: '  ' }));
    const p = only(problems, 'mim5/required-field');
    assert.equal(covered(t, p), '"  "');
  });

  it('names the field meant for a misspelt one, and renames it', () => {
    const { text: t, problems } = problemsOf(entry({ description_short: undefined, descriptionShort: 'Plans rounds.' }));
    const p = only(problems, 'mim5/unknown-field');
    assert.equal(p.severity, 'warning');
    assert.equal(covered(t, p), '"descriptionShort"');
    assert.match(p.message, /did you mean "description_short"/);
    const after = problemsOf(JSON.parse(fixed(t, p))).problems;
    assert.deepEqual(after.map((x) => x.code), []);
    assert.deepEqual(problemsOf(entry({ $schema: 'https://example.org/s.json' })).problems, []);
    const far = only(problemsOf(entry({ favourite_colour: 'blue' })).problems, 'mim5/unknown-field');
    assert.equal(far.fixes, undefined);
  });

  it('wants text in every field', () => {
    const { text: t, problems } = problemsOf(entry({ keywords: ['waste', 'routes'], name: 12 }));
    const found = problems.filter((p) => p.code === 'mim5/field-type');
    assert.deepEqual(found.map((p) => covered(t, p).replace(/\s+/g, '')), ['12', '["waste","routes"]']);
    assert.match(found[1]!.message, /commas/);
  });

  it('checks enumerated values, with the value meant', () => {
    const cases: [string, unknown, string | undefined][] = [
      ['risk_category', 'High Risk', 'high risk'],
      ['risk_category', 'high', 'high risk'],
      ['algorithm_type', 'rule based', 'rule-based'],
      ['domain', 'traffic and transport', 'traffic and transportation'],
      ['domain', 'environment, spatial planning and water', 'environment, spacial planning and water'],
      ['status', 'in production', undefined],
    ];
    for (const [field, value, meant] of cases) {
      const { text: t, problems } = problemsOf(entry({ [field]: value, AIA_url: 'https://x.example/a', DPIA_url: 'https://x.example/d' }));
      const p = only(problems, 'mim5/enum-value');
      assert.equal(p.severity, 'error');
      assert.equal(covered(t, p), JSON.stringify(value));
      assert.equal(p.fixes?.[0]?.kind === 'set-value' ? p.fixes[0].value : undefined, meant, `${field}: ${value}`);
    }
  });

  it('takes the Dutch values in a Dutch entry, and fixes them to English in any other', () => {
    const dutch = entry({ lang: 'nl', status: 'operationeel', type: 'voorspellend', domain: 'milieu, ruimte en water' });
    assert.deepEqual(problemsOf(dutch).problems.map((p) => p.code), []);
    const { text: t, problems } = problemsOf(entry({ status: 'operationeel' }));
    const p = only(problems, 'mim5/enum-value');
    assert.match(p.message, /Dutch value of "operational"/);
    assert.equal(JSON.parse(fixed(t, p)).status, 'operational');
    // In a Dutch entry the Dutch values are suggested too.
    const typo = only(problemsOf(entry({ lang: 'nl', status: 'operationel' })).problems, 'mim5/enum-value');
    assert.match(typo.message, /did you mean "operationeel"/);
  });

  it('holds standard_version to "0.3.1"', () => {
    const same = only(problemsOf(entry({ standard_version: 'v0.3.1' })).problems, 'mim5/standard-version');
    assert.equal(same.fixes![0]!.safe, true);
    const other = only(problemsOf(entry({ standard_version: '0.2' })).problems, 'mim5/standard-version');
    assert.equal(other.fixes![0]!.safe, false);
    assert.match(other.message, /another version/);
    only(problemsOf(entry({ standard_version: 0.31 })).problems, 'mim5/standard-version');
  });

  it('checks links, e-mail addresses, dates, UUIDs and the language code, with fixes where the intent is plain', () => {
    const cases: [string, unknown, string, string | undefined][] = [
      ['website', 'www.city.example/algorithms', 'mim5/url', 'https://www.city.example/algorithms'],
      ['codebase_url', 'ftp://code.city.example/planner', 'mim5/url', undefined],
      ['contact_email', 'mailto:algorithms@city.example', 'mim5/email', 'algorithms@city.example'],
      ['contact_email', 'the waste team', 'mim5/email', undefined],
      ['publication_date', '2024-02-01T09:00:00Z', 'mim5/date', '2024-02-01'],
      ['publication_date', '01-02-2024', 'mim5/date', '2024-02-01'],
      ['last_change_date', '2024-02-30', 'mim5/date', undefined],
      ['uuid', '{0f8fad5b-d9cb-469f-a165-70867728950e}', 'mim5/uuid', '0f8fad5b-d9cb-469f-a165-70867728950e'],
      ['lang', 'en-GB', 'mim5/language', 'en'],
      ['lang', 'Nederlands', 'mim5/language', 'nl'],
    ];
    for (const [field, value, code, meant] of cases) {
      const { text: t, problems } = problemsOf(entry({ [field]: value }));
      const p = only(problems, code);
      assert.equal(covered(t, p), JSON.stringify(value), `${field}: ${value}`);
      assert.equal(p.fixes?.[0]?.kind === 'set-value' ? p.fixes[0].value : undefined, meant, `${field}: ${value}`);
    }
    const empty = only(problemsOf(entry({ website: '' })).problems, 'mim5/url');
    assert.equal(empty.fixes![0]!.kind, 'remove');
    assert.deepEqual(problemsOf(entry({ uuid: '0f8fad5b-d9cb-469f-a165-70867728950e', website: 'http://city.example' })).problems, []);
  });

  it('marks the characters of description_short past the 150th', () => {
    const short = 'x'.repeat(150) + 'over the top';
    const { text: t, problems } = problemsOf(entry({ description_short: short }));
    const p = only(problems, 'mim5/short-description-length');
    assert.equal(p.severity, 'warning');
    assert.equal(covered(t, p), 'over the top');
    assert.match(p.message, /162 characters/);
    // Characters, not UTF-16 units: 150 emoji are allowed.
    assert.deepEqual(problemsOf(entry({ description_short: '🚮'.repeat(150) })).problems, []);
  });

  it('asks for 500 to 10,000 characters of description', () => {
    const shortDescription = only(problemsOf(entry({ description: 'Predicts fill levels.' })).problems, 'mim5/description-length');
    assert.equal(shortDescription.severity, 'information');
    const long = 'y'.repeat(10_000) + 'tail';
    const { text: t, problems } = problemsOf(entry({ description: long }));
    assert.equal(covered(t, only(problems, 'mim5/description-length')), 'tail');
  });

  it('keeps the dates in order, reporting the later one of a pair', () => {
    const a = problemsOf(entry({ last_change_date: '2024-01-01' }));
    const p = only(a.problems, 'mim5/date-order');
    assert.deepEqual(p.path, ['last_change_date']);
    assert.equal(covered(a.text, p), '"2024-01-01"');
    const b = problemsOf(entry({ revision_date: '2024-04-30' }));
    assert.deepEqual(only(b.problems, 'mim5/date-order').path, ['revision_date']);
    assert.deepEqual(problemsOf(entry({ last_change_date: '2024-02-01', revision_date: '2024-02-01' })).problems, []);
  });

  it('expects a high-risk use to link its impact assessments', () => {
    const { text: t, problems } = problemsOf(entry({ risk_category: 'high risk', AIA_url: 'https://city.example/aia.pdf' }));
    const p = only(problems, 'mim5/impact-assessment');
    assert.equal(p.severity, 'warning');
    assert.equal(covered(t, p), '"high risk"');
    assert.match(p.message, /"DPIA_url" is missing/);
    assert.doesNotMatch(p.message, /AIA_url/);
    // The Dutch value counts the same in a Dutch entry.
    only(problemsOf(entry({ lang: 'nl', risk_category: 'hoog risico' })).problems, 'mim5/impact-assessment');
    assert.deepEqual(problemsOf(entry({ risk_category: 'limited risk' })).problems, []);
  });
});

describe('completion and hover in register entries', () => {
  async function completeAt(marked: string) {
    const offset = marked.indexOf('‸');
    const t = marked.replace('‸', '');
    const doc = parseDocument('file:///work/register.json', 1, t);
    const detection = check('register.json', t).detection;
    assert.equal(detection.kind, 'algorithm-register');
    return { t, entries: await complete(doc, offset, { detection }) };
  }

  const partial = (more: string) => `{"standard_version": "0.3.1", "name": "x", "organization": "y", "status": "pilot", "lang": "en"${more}}`;

  it('offers the fields not yet written, required ones first, with what they hold', async () => {
    const { entries } = await completeAt(partial(', "‸"'));
    assert.ok(!entries.some((e) => e.label === 'name'), 'a field already written is not offered');
    const sorted = [...entries].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.equal(sorted[0]!.label, 'description_short');
    assert.ok(sorted.findIndex((e) => e.label === 'revision_date') < sorted.findIndex((e) => e.label === 'contact_phone'));
    const risk = entries.find((e) => e.label === 'risk_category')!;
    assert.match(risk.detail!, /required · one of a list · Use case/);
    assert.match(risk.documentation!, /`high risk`/);
    assert.equal(risk.insertText, '"risk_category": "${1|minimal risk,limited risk,high risk,unacceptable|}"');
    const domain = entries.find((e) => e.label === 'domain')!;
    assert.match(domain.insertText, /housing\\, living and living environment/);
  });

  it('offers the values of enumerated fields, the Dutch ones in a Dutch entry', async () => {
    const en = await completeAt(partial(', "risk_category": "‸"'));
    assert.deepEqual(en.entries.map((e) => e.label), ['minimal risk', 'limited risk', 'high risk', 'unacceptable']);
    const nl = await completeAt(partial(', "lang": "nl", "risk_category": "h‸"').replace('"lang": "en", ', ''));
    const hoog = nl.entries.find((e) => e.label === 'hoog risico')!;
    assert.equal(hoog.detail, 'Dutch for "high risk"');
    const version = await completeAt(partial(', "uuid": "x"').replace('"standard_version": "0.3.1"', '"standard_version": "‸"'));
    assert.deepEqual(version.entries.map((e) => e.label), ['0.3.1']);
  });

  it('explains a field on hover, and a Dutch value', async () => {
    const marked = partial(', "lang": "nl", "risk_cat‸egory": "hoog risico"').replace('"lang": "en", ', '');
    const offset = marked.indexOf('‸');
    const t = marked.replace('‸', '');
    const doc = parseDocument('file:///work/register.json', 1, t);
    const detection = check('register.json', t).detection;
    const onKey = await hover(doc, offset, { detection });
    assert.match(onKey!.contents, /\*\*risk_category\*\* — Risk category \(required, one of a list\)/);
    assert.match(onKey!.contents, /MIM5/);
    const onValue = await hover(doc, t.indexOf('hoog') + 2, { detection });
    assert.match(onValue!.contents, /Dutch value of `high risk`/);
  });
});
