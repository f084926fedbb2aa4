/**
 * The schema.json rules, one describe per rule: what is reported, exactly where (the text under the range),
 * with which severity, and that the quick fix removes the problem. Models are checked in the folder layout
 * of a subject repository (dataModel.Mobility/BikeCounter/schema.json), with ../shared/sdm as the local
 * checkout so that the common-schema.json references resolve.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, checkDocument, DEFAULT_SETTINGS, editsForFix, parseDocument, type Problem } from '../../server/src/service/index';
import { catalogFor, checkWithModels, unmark, WORKSPACE_URI, type ModelOptions } from '../helpers/engine';

const FILE = 'dataModel.Mobility/BikeCounter/schema.json';
const SITE = 'https://smart-data-models.github.io/';
const COMMONS = `${SITE}data-models/common-schema.json#/definitions/`;
const S2020 = 'https://json-schema.org/draft/2020-12/schema';
const ID = `${SITE}dataModel.Mobility/BikeCounter/schema.json`;

const TYPE = { type: 'string', enum: ['BikeCounter'], description: 'Property. NGSI entity type. It has to be BikeCounter' };
const COUNT = { type: 'integer', minimum: 0, description: "Property. Model:'https://schema.org/Number'. Bicycles counted during the observation period" };
const REFS = [{ $ref: `${COMMONS}GSMA-Commons` }, { $ref: `${COMMONS}Location-Commons` }];

interface Shape {
  /** Root members to change (undefined removes one). */
  root?: Record<string, unknown>;
  /** More attributes of the model (undefined removes one). */
  attributes?: Record<string, unknown>;
  /** The allOf references before the model's own properties. */
  refs?: unknown[];
}

/** A complete, valid model, changed as asked, in the indented layout people write. */
function schema(shape: Shape = {}): string {
  const properties: Record<string, unknown> = { type: TYPE, count: COUNT, ...shape.attributes };
  const root: Record<string, unknown> = {
    $schema: S2020,
    $schemaVersion: '0.0.1',
    $id: ID,
    title: 'Smart Data Models - Bike counter',
    description: 'A counter of the bicycles passing one point of a cycle lane, with what it observed last.',
    modelTags: 'mobility',
    derivedFrom: '',
    license: `${SITE}dataModel.Mobility/BikeCounter/LICENSE.md`,
    type: 'object',
    allOf: [...(shape.refs ?? REFS), { properties }],
    required: ['id', 'type'],
    ...shape.root,
  };
  for (const [k, v] of Object.entries(root)) if (v === undefined) delete root[k];
  for (const [k, v] of Object.entries(properties)) if (v === undefined) delete properties[k];
  return JSON.stringify(root, null, 2);
}

/** Marks the first occurrence of `what` (⟦what⟧), or of `what` replaced by the marked `by`. */
function mark(text: string, what: string, by = `⟦${what}⟧`): string {
  assert.ok(text.includes(what), `the text has ${what}`);
  return text.replace(what, by);
}

/** The opening brace of the root marked: where a missing root member is reported. */
const atRoot = (text: string) => `⟦{⟧${text.slice(1)}`;

async function run(text: string, options: ModelOptions = {}, file = FILE): Promise<Problem[]> {
  return (await checkWithModels(file, text, { sdm: true, ...options })).problems;
}

/** Asserts that `code` is reported exactly on the marked ranges (in order), and returns those problems. */
async function expectAt(code: string, marked: string, options: ModelOptions = {}, file = FILE): Promise<Problem[]> {
  const { text, ranges } = unmark(marked);
  const found = (await run(text, options, file)).filter((p) => p.code === code);
  assert.deepEqual(
    found.map((p) => text.slice(p.offsets.start, p.offsets.end)),
    ranges.map((r) => text.slice(r.start, r.end)),
    `${code}: ${found.map((p) => p.message).join(' | ')}`,
  );
  return found;
}

async function expectNone(code: string, text: string, options: ModelOptions = {}, file = FILE): Promise<void> {
  const found = (await run(text, options, file)).filter((p) => p.code === code);
  assert.deepEqual(
    found.map((p) => p.message),
    [],
  );
}

/** Applies the first fix of the first problem of `code`; asserts that the problem is gone; returns the new text. */
async function applyFix(code: string, marked: string, options: ModelOptions = {}, file = FILE): Promise<{ text: string; problem: Problem }> {
  const { text } = unmark(marked);
  const problem = (await run(text, options, file)).find((p) => p.code === code);
  assert.ok(problem?.fixes?.[0], `${code} carries a fix`);
  const doc = parseDocument(`${WORKSPACE_URI}/${file}`, 1, text);
  const edits = editsForFix(doc, problem.fixes[0]);
  assert.ok(edits && edits.length > 0);
  const fixed = applyEdits(text, edits);
  JSON.parse(fixed);
  const after = await run(fixed, options, file);
  assert.ok(!after.some((p) => p.code === code && JSON.stringify(p.path) === JSON.stringify(problem.path)), `${code} is gone after the fix:\n${fixed}`);
  return { text: fixed, problem };
}

describe('the example model', () => {
  it('raises nothing at all', async () => {
    assert.deepEqual(
      (await run(schema())).map((p) => `${p.code} ${p.message}`),
      [],
    );
  });

  it('is checked only once its references are read: nothing is said while they load', async () => {
    const text = schema({ refs: [{ $ref: `${COMMONS}GSMA-Commonz` }] });
    const catalog = catalogFor({ sdm: true });
    const doc = parseDocument(`${WORKSPACE_URI}/${FILE}`, 1, text);
    const options = { models: catalog, contexts: catalog.contexts, files: catalog.files };
    const first = checkDocument(doc, DEFAULT_SETTINGS, options).problems;
    assert.deepEqual(first.filter((p) => p.code === 'sdm-schema/ref'), []);
    await catalog.settle();
    const second = checkDocument(doc, DEFAULT_SETTINGS, options).problems;
    assert.equal(second.filter((p) => p.code === 'sdm-schema/ref').length, 1);
  });

  it('without the files around it, reports only what the file itself says', async () => {
    const doc = parseDocument(`${WORKSPACE_URI}/${FILE}`, 1, schema({ refs: [{ $ref: `${COMMONS}GSMA-Commons` }, { $ref: '#/definitions/Nowhere' }] }));
    const found = checkDocument(doc, DEFAULT_SETTINGS).problems.map((p) => p.code);
    assert.deepEqual(found, ['sdm-schema/ref']);
  });
});

describe('sdm-schema/schema-uri (SDM-002)', () => {
  it('wants the exact 2020-12 URI, and the fix writes it', async () => {
    const marked = mark(schema(), `"${S2020}"`, '⟦"http://json-schema.org/schema#"⟧');
    const [p] = await expectAt('sdm-schema/schema-uri', marked);
    assert.equal(p!.severity, 'error');
    assert.equal(p!.fixes![0]!.safe, true);
    const { text } = await applyFix('sdm-schema/schema-uri', marked);
    assert.ok(text.includes(`"$schema": "${S2020}"`));
  });
  it('reports a missing $schema on the root, and the fix adds it first', async () => {
    const marked = atRoot(schema({ root: { $schema: undefined } }));
    await expectAt('sdm-schema/schema-uri', marked);
    const { text } = await applyFix('sdm-schema/schema-uri', marked);
    assert.ok(text.startsWith(`{\n  "$schema": "${S2020}",`));
  });
  it('accepts 2020-12', async () => expectNone('sdm-schema/schema-uri', schema()));
});

describe('sdm-schema/id (SDM-003) and sdm-schema/id-url (SDM-004)', () => {
  it('reports a missing $id and adds the URL of the model folder', async () => {
    const marked = atRoot(schema({ root: { $id: undefined } }));
    await expectAt('sdm-schema/id', marked);
    const { text } = await applyFix('sdm-schema/id', marked);
    assert.equal(JSON.parse(text).$id, ID);
  });
  it('reports an empty $id on its value', async () => {
    await expectAt('sdm-schema/id', mark(schema({ root: { $id: '' } }), '""'));
  });
  it('compares the $id with the folders and offers the right URL', async () => {
    const marked = mark(schema(), `"${ID}"`, `⟦"${SITE}dataModel.Mobility/Bikecounter/schema.json"⟧`);
    const [p] = await expectAt('sdm-schema/id-url', marked);
    assert.equal(p!.severity, 'warning');
    await applyFix('sdm-schema/id-url', marked);
  });
  it('does not compare the $id of a model of one\'s own, published elsewhere', async () => {
    const text = schema({ root: { $id: 'https://example.org/models/BikeCounter/schema.json' } });
    await expectNone('sdm-schema/id-url', text, {}, 'models/BikeCounter/schema.json');
    await expectNone('sdm-schema/id', text, {}, 'models/BikeCounter/schema.json');
  });
  it('outside a dataModel folder, takes the repository from a Smart Data Models $id', async () => {
    const marked = mark(schema({ root: { $id: `${SITE}dataModel.Mobility/Counter/schema.json` } }), `"${SITE}dataModel.Mobility/Counter/schema.json"`);
    const [p] = await expectAt('sdm-schema/id-url', marked, {}, 'work/BikeCounter/schema.json');
    assert.ok(p!.message.includes(ID));
  });
});

describe('sdm-schema/schema-version (SDM-005)', () => {
  it('wants N.N.N with one or two digits', async () => {
    for (const version of ['"1.0"', '"0.0.100"', '"v1.0.0"', '1']) {
      await expectAt('sdm-schema/schema-version', schema({ root: { $schemaVersion: '@' } }).replace('"@"', `⟦${version}⟧`));
    }
    await expectNone('sdm-schema/schema-version', schema({ root: { $schemaVersion: '10.2.33' } }));
  });
  it('adds 0.0.1 when it is missing', async () => {
    const marked = atRoot(schema({ root: { $schemaVersion: undefined } }));
    await expectAt('sdm-schema/schema-version', marked);
    const { text } = await applyFix('sdm-schema/schema-version', marked);
    assert.equal(JSON.parse(text).$schemaVersion, '0.0.1');
  });
});

describe('sdm-schema/title (SDM-006) and sdm-schema/description (SDM-007)', () => {
  it('wants a title of 15 characters or more', async () => {
    await expectAt('sdm-schema/title', mark(schema({ root: { title: 'Bike counter' } }), '"Bike counter"'));
    await expectAt('sdm-schema/title', atRoot(schema({ root: { title: undefined } })));
    await expectNone('sdm-schema/title', schema({ root: { title: '123456789012345' } }));
  });
  it('wants a root description of 50 characters or more, as a warning', async () => {
    const short = 'x'.repeat(49);
    const [p] = await expectAt('sdm-schema/description', mark(schema({ root: { description: short } }), `"${short}"`));
    assert.equal(p!.severity, 'warning');
    assert.match(p!.message, /49 characters/);
    await expectNone('sdm-schema/description', schema({ root: { description: 'x'.repeat(50) } }));
  });
});

describe('sdm-schema/model-tags (SDM-008)', () => {
  it('requires the member, and the safe fix inserts it empty', async () => {
    const marked = atRoot(schema({ root: { modelTags: undefined } }));
    const [p] = await expectAt('sdm-schema/model-tags', marked);
    assert.equal(p!.fixes![0]!.safe, true);
    const { text } = await applyFix('sdm-schema/model-tags', marked);
    assert.equal(JSON.parse(text).modelTags, '');
  });
  it('gives only a hint for empty tags', async () => {
    const [p] = await expectAt('sdm-schema/model-tags', mark(schema({ root: { modelTags: '' } }), '"modelTags": ""', '"modelTags": ⟦""⟧'));
    assert.equal(p!.severity, 'hint');
  });
});

describe('sdm-schema/derived-from (SDM-009) and sdm-schema/license (SDM-010)', () => {
  it('hints at a missing derivedFrom, and checks that a value is a URL', async () => {
    const marked = atRoot(schema({ root: { derivedFrom: undefined } }));
    const [p] = await expectAt('sdm-schema/derived-from', marked);
    assert.equal(p!.severity, 'hint');
    await applyFix('sdm-schema/derived-from', marked);
    await expectAt('sdm-schema/derived-from', mark(schema({ root: { derivedFrom: 'GTFS' } }), '"GTFS"'));
    await expectNone('sdm-schema/derived-from', schema({ root: { derivedFrom: 'https://gtfs.org/schedule/reference/' } }));
  });
  it('names the licence by URL: a missing one is a hint, a name or an empty string information', async () => {
    const [missing] = await expectAt('sdm-schema/license', atRoot(schema({ root: { license: undefined } })));
    assert.equal(missing!.severity, 'hint');
    const [empty] = await expectAt('sdm-schema/license', mark(schema({ root: { license: '' } }), '"license": ""', '"license": ⟦""⟧'));
    assert.equal(empty!.severity, 'information');
    const marked = mark(schema({ root: { license: 'MIT' } }), '"MIT"');
    await expectAt('sdm-schema/license', marked);
    const { text } = await applyFix('sdm-schema/license', marked);
    assert.equal(JSON.parse(text).license, 'https://spdx.org/licenses/MIT.html');
  });
});

describe('sdm-schema/required (SDM-011) and sdm-schema/required-short (SDM-012)', () => {
  it('wants id and type, and adds what is missing', async () => {
    const marked = mark(schema({ root: { required: ['id', 'count'] } }), '"required": [\n    "id",\n    "count"\n  ]', '"required": ⟦[\n    "id",\n    "count"\n  ]⟧');
    await expectAt('sdm-schema/required', marked);
    const { text } = await applyFix('sdm-schema/required', marked);
    assert.deepEqual(JSON.parse(text).required, ['type', 'id', 'count']);
    await expectAt('sdm-schema/required', atRoot(schema({ root: { required: undefined } })));
  });
  it('hints when more than four attributes are required', async () => {
    const five = ['id', 'type', 'count', 'location', 'name'];
    const text = schema({ root: { required: five } });
    const start = text.indexOf('"required": ') + '"required": '.length;
    const [p] = await expectAt('sdm-schema/required-short', `${text.slice(0, start)}⟦${text.slice(start, text.indexOf(']', start) + 1)}⟧${text.slice(text.indexOf(']', start) + 1)}`);
    assert.equal(p!.severity, 'hint');
    await expectNone('sdm-schema/required-short', schema({ root: { required: five.slice(0, 4) } }));
  });
});

describe('sdm-schema/root-type and sdm-schema/commons (SDM-013)', () => {
  it('wants "type": "object" at the root, and says it once (not again in every allOf item)', async () => {
    const marked = atRoot(schema({ root: { type: undefined } }));
    await expectAt('sdm-schema/root-type', marked);
    await expectNone('sdm-schema/type-keyword', unmark(marked).text);
    const { text } = await applyFix('sdm-schema/root-type', marked);
    assert.equal(JSON.parse(text).type, 'object');
    await expectAt('sdm-schema/root-type', mark(schema({ root: { type: 'array' } }), '"type": "array"', '"type": ⟦"array"⟧'));
  });
  it('hints when GSMA-Commons is not in allOf, and the fix puts it first', async () => {
    const marked = mark(schema({ refs: [{ $ref: `${COMMONS}Location-Commons` }] }), '"allOf"');
    const [p] = await expectAt('sdm-schema/commons', marked);
    assert.equal(p!.severity, 'hint');
    const { text } = await applyFix('sdm-schema/commons', marked);
    assert.equal(JSON.parse(text).allOf[0].$ref, `${COMMONS}GSMA-Commons`);
  });
  it('reports a model without allOf on its properties', async () => {
    const text = JSON.stringify({ ...JSON.parse(schema()), allOf: undefined, properties: { type: TYPE, count: COUNT } }, null, 2);
    await expectAt('sdm-schema/commons', mark(text, '"properties"'));
  });
});

describe('sdm-schema/entity-type (SDM-014)', () => {
  it('wants the type enum to be the folder name, and the fix writes it', async () => {
    const text = schema({ attributes: { type: { ...TYPE, enum: ['TrafficCounter'] } } });
    const marked = mark(text, '"TrafficCounter"');
    const [p] = await expectAt('sdm-schema/entity-type', marked);
    assert.equal(p!.severity, 'error');
    const { text: fixed } = await applyFix('sdm-schema/entity-type', marked);
    assert.deepEqual(JSON.parse(fixed).allOf[2].properties.type.enum, ['BikeCounter']);
  });
  it('warns when the type attribute lists no value, and adds the folder name', async () => {
    const marked = mark(schema({ attributes: { type: { type: 'string', description: TYPE.description } } }), '"type": {', '⟦"type"⟧: {');
    const [p] = await expectAt('sdm-schema/entity-type', marked);
    assert.equal(p!.severity, 'warning');
    await applyFix('sdm-schema/entity-type', marked);
  });
  it('wants one value, starting with a capital letter', async () => {
    const two = schema({ attributes: { type: { ...TYPE, enum: ['BikeCounter', 'Counter'] } } });
    const open = two.lastIndexOf('[', two.indexOf('"BikeCounter",'));
    const close = two.indexOf(']', open) + 1;
    await expectAt('sdm-schema/entity-type', `${two.slice(0, open)}⟦${two.slice(open, close)}⟧${two.slice(close)}`);
    await expectAt('sdm-schema/entity-type', mark(schema({ attributes: { type: { ...TYPE, enum: ['bikeCounter'] } } }), '"bikeCounter"'), {}, 'models/schema.json');
  });
  it('does not compare with a folder that is not named like an entity type', async () => {
    await expectNone('sdm-schema/entity-type', schema({ attributes: { type: { ...TYPE, enum: ['Counter'] } } }), {}, 'models/schema.json');
  });
});

describe('sdm-schema/attribute-description (SDM-015)', () => {
  it('reports an attribute without description on its name, at any depth', async () => {
    const direction = { type: 'string', enum: ['in', 'out'] };
    const lane = { type: 'object', description: 'Property. The lane the counter watches', properties: { number: { type: 'integer' } } };
    const marked = mark(mark(schema({ attributes: { direction, lane } }), '"direction"'), '"number"');
    const found = await expectAt('sdm-schema/attribute-description', marked);
    assert.ok(found.every((p) => p.severity === 'error'));
  });
  it('reports a description shorter than 15 characters on the description', async () => {
    await expectAt('sdm-schema/attribute-description', schema({ attributes: { speed: { type: 'number', description: 'Property. Fast' } } }).replace('"Property. Fast"', '"⟦Property. Fast⟧"'));
  });
  it('takes the description of what a $ref names, and leaves GeoJSON members alone', async () => {
    const location = { $ref: `${COMMONS}Location-Commons/properties/location` };
    const geo = { type: 'object', description: 'GeoProperty. Where the counter stands', properties: { type: { type: 'string', enum: ['Point'] }, coordinates: { type: 'array', items: { type: 'number' } } } };
    await expectNone('sdm-schema/attribute-description', schema({ refs: [REFS[0]], attributes: { location, area: geo } }));
  });
  it('reports a $ref attribute whose target has no description either', async () => {
    const text = JSON.stringify({ ...JSON.parse(schema({ attributes: { lane: { $ref: '#/definitions/lane' } } })), definitions: { lane: { type: 'integer' } } }, null, 2);
    await expectAt('sdm-schema/attribute-description', mark(text, '"lane": {', '⟦"lane"⟧: {'));
  });
});

/** A model with one more attribute whose description is `description`; the mark is put on `part`. */
function described(description: string, part?: string): string {
  const text = schema({ attributes: { speed: { type: 'number', description } } });
  return part === undefined ? text : text.replace(description, description.replace(part, `⟦${part}⟧`));
}

describe('sdm-schema/ngsi-type (SDM-016)', () => {
  it('wants the NGSI type as a sentence of its own', async () => {
    for (const ok of ['Property. Mean speed', 'Mean speed. Property', 'GeoProperty. Where it is', 'Relationship. The device', 'LanguageProperty. Name in languages', 'ListProperty. Speeds in order']) {
      await expectNone('sdm-schema/ngsi-type', described(ok));
    }
  });
  it('repairs the spelling of the type word', async () => {
    const marked = described('Geoproperty. Where the counter stands', 'Geoproperty');
    await expectAt('sdm-schema/ngsi-type', marked);
    const { text } = await applyFix('sdm-schema/ngsi-type', marked);
    assert.equal(JSON.parse(text).allOf[2].properties.speed.description, 'GeoProperty. Where the counter stands');
  });
  it('repairs a missing space after the type', async () => {
    const marked = described('Property.Mean speed of the bicycles', 'Property.');
    await expectAt('sdm-schema/ngsi-type', marked);
    const { text } = await applyFix('sdm-schema/ngsi-type', marked);
    assert.equal(JSON.parse(text).allOf[2].properties.speed.description, 'Property. Mean speed of the bicycles');
  });
  it('reports the type inside a longer sentence, and a description without one, on the sentence', async () => {
    await expectAt('sdm-schema/ngsi-type', described('Mean speed. This Property is in km/h', 'This Property is in km/h'));
    const [p] = await expectAt('sdm-schema/ngsi-type', described('Mean speed of the bicycles. In km/h', 'Mean speed of the bicycles'));
    assert.equal(p!.fixes, undefined);
  });
});

describe('sdm-schema/description-tags (SDM-017)', () => {
  const cases: [string, string, string][] = [
    // [description, the sentence reported, the repaired description]
    ["Property. Model: 'https://schema.org/Number'. Mean speed", "Model: 'https://schema.org/Number'", "Property. Model:'https://schema.org/Number'. Mean speed"],
    ["Property. Model:'https://schema.org/Number. Mean speed", "Model:'https://schema.org/Number", "Property. Model:'https://schema.org/Number'. Mean speed"],
    ["Property. Units:'km/h'.Mean speed", "Units:'km/h'.Mean speed", "Property. Units:'km/h'. Mean speed"],
    ["Property. Model:'https://schema.org/Number' Mean speed", "Model:'https://schema.org/Number' Mean speed", "Property. Model:'https://schema.org/Number'. Mean speed"],
    ["Property. Mean speed. Units:'km/h' ", "Units:'km/h' ", "Property. Mean speed. Units:'km/h'"],
    ["Property. Mean speed. Units:'km/h'.", "Units:'km/h'.", "Property. Mean speed. Units:'km/h'"],
    ["Property. Kind. Enum: 'slow', 'fast'", "Enum: 'slow', 'fast'", "Property. Kind. Enum:'slow, fast'"],
    ['Property. Kind. Enum: [slow, fast]', 'Enum: [slow, fast]', "Property. Kind. Enum:'slow, fast'"],
    ["Property. Kind. Enum:'slow, fast", "Enum:'slow, fast", "Property. Kind. Enum:'slow, fast'"],
    ["Property. Mean speed. Privacy: 'High'", "Privacy: 'High'", "Property. Mean speed. Privacy:'High'"],
  ];
  for (const [description, part, repaired] of cases) {
    it(`reports "${part}" and repairs it`, async () => {
      const marked = described(description, part);
      const [p] = await expectAt('sdm-schema/description-tags', marked);
      assert.equal(p!.severity, 'error');
      const { text } = await applyFix('sdm-schema/description-tags', marked);
      assert.equal(JSON.parse(text).allOf[2].properties.speed.description, repaired);
    });
  }
  it('has no fix where the value spans a ". " (the sentence is cut)', async () => {
    const [p] = await expectAt('sdm-schema/description-tags', described("Property. Kind. Enum:'slow. fast, very fast'. Read the docs", "Enum:'slow"));
    assert.equal(p!.fixes, undefined);
    assert.match(p!.message, /cut/);
  });
  it('accepts well-written tags and Multilingual', async () => {
    await expectNone('sdm-schema/description-tags', described("Property. Model:'https://schema.org/Number'. Units:'kilometre per hour (km/h)'. Enum:'1, 2'. Privacy:'Low'. Multilingual. Mean speed"));
  });
  it('warns when Model: names no URL', async () => {
    const [p] = await expectAt('sdm-schema/description-tags', described("Property. Model:'Number'. Mean speed", "Model:'Number'"));
    assert.equal(p!.severity, 'warning');
  });
  it('finds the sentence through escapes in the JSON text', async () => {
    const text = schema({ attributes: { speed: { type: 'number', description: "Property. Caf\u00e9 speed. Model: 'https://schema.org/Number'" } } }).replace('Café', 'Caf\\u00e9');
    const marked = text.replace("Model: 'https://schema.org/Number'", "⟦Model: 'https://schema.org/Number'⟧");
    await expectAt('sdm-schema/description-tags', marked);
  });
});

describe('sdm-schema/units (SDM-018)', () => {
  it('hints at an empty Units', async () => {
    const [p] = await expectAt('sdm-schema/units', described("Property. Units:''. Mean speed", "Units:''"));
    assert.equal(p!.severity, 'hint');
    await expectNone('sdm-schema/units', described("Property. Units:'km/h'. Mean speed"));
  });
});

describe('sdm-schema/string-members (SDM-019) and sdm-schema/structure (SDM-020)', () => {
  it('reports items or properties under a string on the keyword', async () => {
    const lanes = { type: 'string', items: { type: 'string' }, properties: { a: { type: 'string', description: 'Property. A member of it' } }, description: 'Property. Lanes watched' };
    await expectAt('sdm-schema/string-members', mark(mark(schema({ attributes: { lanes } }), '"items"'), '"properties": {\n            "a"', '⟦"properties"⟧: {\n            "a"'));
  });
  it('wants items under an array and properties under an object, also in array items', async () => {
    const lanes = { type: 'array', description: 'Property. Lanes watched' };
    const grid = { type: 'array', items: { type: 'object' }, description: 'Property. Cells of the grid' };
    const text = schema({ attributes: { lanes, grid } });
    const marked = text.replace('"type": "array",\n          "description": "Property. Lanes', '"type": ⟦"array"⟧,\n          "description": "Property. Lanes').replace('"type": "object"\n', '"type": ⟦"object"⟧\n');
    await expectAt('sdm-schema/structure', marked);
  });
  it('accepts maps and compositions', async () => {
    const map = { type: 'object', additionalProperties: { type: 'number' }, description: 'Property. Counts per lane' };
    const either = { type: 'object', anyOf: [{ $ref: `${COMMONS}Location-Commons/properties/address` }], description: 'Property. Where it is' };
    await expectNone('sdm-schema/structure', schema({ attributes: { map, either } }));
  });
});

describe('sdm-schema/attribute-name (SDM-021)', () => {
  const temperature = { type: 'number', description: 'Property. Air temperature' };
  it('hints at a top-level attribute starting with a capital', async () => {
    const [p] = await expectAt('sdm-schema/attribute-name', mark(schema({ attributes: { Temperature: temperature } }), '"Temperature"'));
    assert.equal(p!.severity, 'hint');
  });
  it('leaves members of structured values alone, and models derived from another standard', async () => {
    const phases = { type: 'object', description: 'Property. Current per phase', properties: { L1: temperature, L2: temperature } };
    await expectNone('sdm-schema/attribute-name', schema({ attributes: { phases } }));
    await expectNone('sdm-schema/attribute-name', schema({ root: { derivedFrom: 'https://gtfs.org/' }, attributes: { Temperature: temperature } }));
  });
});

describe('sdm-schema/broker-managed (SDM-022)', () => {
  it('hints at broker-kept dates among the model\'s own attributes, and removes them', async () => {
    const marked = mark(schema({ attributes: { modifiedAt: { type: 'string', format: 'date-time', description: 'Property. Last change' } } }), '"modifiedAt"');
    await expectAt('sdm-schema/broker-managed', marked);
    const { text } = await applyFix('sdm-schema/broker-managed', marked);
    assert.equal(JSON.parse(text).allOf[2].properties.modifiedAt, undefined);
  });
});

describe('sdm-schema/relationship (SDM-023)', () => {
  it('hints at a Relationship whose values are not entity ids', async () => {
    await expectAt('sdm-schema/relationship', mark(schema({ attributes: { refLane: { type: 'number', description: 'Relationship. The lane' } } }), '"refLane"'));
  });
  it('hints at a ref… attribute described as a Property, and describes it as a Relationship', async () => {
    const marked = mark(schema({ attributes: { refDevice: { type: 'string', format: 'uri', description: 'Property. The sensor' } } }), '"refDevice"');
    await expectAt('sdm-schema/relationship', marked);
    const { text } = await applyFix('sdm-schema/relationship', marked);
    assert.equal(JSON.parse(text).allOf[2].properties.refDevice.description, 'Relationship. The sensor');
  });
  it('accepts entity ids in any of their forms', async () => {
    const attributes = {
      refA: { $ref: `${COMMONS}EntityIdentifierType`, description: 'Relationship. A' },
      refB: { type: 'array', items: { type: 'string', format: 'uri' }, description: 'Relationship. B' },
      refC: { anyOf: [{ type: 'string' }, { type: 'string', format: 'uri' }], description: 'Relationship. C' },
    };
    await expectNone('sdm-schema/relationship', schema({ attributes }));
  });
});

describe('sdm-schema/date-format (SDM-024)', () => {
  it('hints at a date attribute without a format, and adds date-time', async () => {
    const marked = mark(schema({ attributes: { dateObserved: { type: 'string', description: 'Property. End of the period' } } }), '"type": "string",\n          "description": "Property. End', '"type": ⟦"string"⟧,\n          "description": "Property. End');
    await expectAt('sdm-schema/date-format', marked);
    const { text } = await applyFix('sdm-schema/date-format', marked);
    assert.equal(JSON.parse(text).allOf[2].properties.dateObserved.format, 'date-time');
    await expectNone('sdm-schema/date-format', schema({ attributes: { dateObserved: { type: 'string', format: 'date', description: 'Property. Day of the period' } } }));
  });
});

describe('sdm-schema/enum-values (SDM-026)', () => {
  it('hints at enumerated values with spaces, on the value', async () => {
    await expectAt('sdm-schema/enum-values', mark(schema({ attributes: { side: { type: 'string', enum: ['left', 'right side'], description: 'Property. Side of the road' } } }), '"right side"'));
  });
});

describe('sdm-schema/standard-attribute (SDM-027) and sdm-schema/duplicate-attribute (SDM-032)', () => {
  const location = { type: 'object', description: 'GeoProperty. Where the counter stands', properties: { type: { type: 'string', enum: ['Point'] }, coordinates: { type: 'array', items: { type: 'number' } } } };
  it('offers the shared location when the model does not pull in Location-Commons', async () => {
    const marked = mark(schema({ refs: [REFS[0]], attributes: { location } }), '"location"');
    await expectAt('sdm-schema/standard-attribute', marked);
    const { text } = await applyFix('sdm-schema/standard-attribute', marked);
    assert.deepEqual(JSON.parse(text).allOf[1].properties.location, { $ref: `${COMMONS}Location-Commons/properties/location` });
  });
  it('says that Location-Commons already defines it when the model pulls it in', async () => {
    const marked = mark(schema({ attributes: { location } }), '"location"');
    await expectNone('sdm-schema/standard-attribute', unmark(marked).text);
    const [p] = await expectAt('sdm-schema/duplicate-attribute', marked);
    assert.match(p!.message, /Location-Commons/);
  });
  it('hints at an attribute GSMA-Commons defines, unless the model reuses it by $ref', async () => {
    await expectAt('sdm-schema/duplicate-attribute', mark(schema({ attributes: { name: { type: 'string', description: 'Property. Name of it' } } }), '"name"'));
    await expectNone('sdm-schema/duplicate-attribute', schema({ attributes: { name: { $ref: `${COMMONS}GSMA-Commons/properties/name` } } }));
  });
});

describe('sdm-schema/null (SDM-028)', () => {
  it('warns where a schema allows null, and removes it from a type list', async () => {
    const speed = { type: ['number', 'null'], enum: [1, null], description: 'Property. Mean speed' };
    const text = schema({ attributes: { speed } });
    const marked = text.replace('"null"', '⟦"null"⟧').replace('1,\n            null', '1,\n            ⟦null⟧');
    const found = await expectAt('sdm-schema/null', marked);
    assert.ok(found.every((p) => p.severity === 'warning'));
    await applyFix('sdm-schema/null', marked);
  });
});

describe('sdm-schema/ref (SDM-029)', () => {
  it('reports a fragment that points at nothing, with the closest name as the fix', async () => {
    const marked = mark(schema({ refs: [{ $ref: `${COMMONS}GSMA-Common` }, REFS[1]] }), `"${COMMONS}GSMA-Common"`);
    const [p] = await expectAt('sdm-schema/ref', marked);
    assert.equal(p!.severity, 'error');
    const { text } = await applyFix('sdm-schema/ref', marked);
    assert.equal(JSON.parse(text).allOf[0].$ref, `${COMMONS}GSMA-Commons`);
  });
  it('resolves local references, and reports those that miss', async () => {
    const base = JSON.parse(schema({ attributes: { lane: { $ref: '#/definitions/lane' }, side: { $ref: '#/definitions/sides' } } }));
    const text = JSON.stringify({ ...base, definitions: { lane: { type: 'integer', description: 'Property. The lane' } } }, null, 2);
    await expectAt('sdm-schema/ref', mark(text, '"#/definitions/sides"'));
  });
  it('warns, naming the reason, when the document cannot be read', async () => {
    const [p] = await expectAt('sdm-schema/ref', mark(schema({ attributes: { lane: { $ref: 'https://example.org/shared.json#/definitions/lane' } } }), '"https://example.org/shared.json#/definitions/lane"'));
    assert.equal(p!.severity, 'warning');
    assert.match(p!.message, /example\.org\/shared\.json/);
  });
  it('resolves a published URL through the folder next to the model', async () => {
    const files = { 'dataModel.Mobility/mobility-schema.json': JSON.stringify({ definitions: { lane: { type: 'integer', description: 'Property. The lane' } } }) };
    await expectNone('sdm-schema/ref', schema({ attributes: { lane: { $ref: `${SITE}dataModel.Mobility/mobility-schema.json#/definitions/lane` } } }), { files });
  });
});

describe('sdm-schema/shared-definition', () => {
  const files = {
    'dataModel.Mobility/mobility-schema.json': JSON.stringify({
      definitions: {
        Lane: { type: 'object', properties: { number: { type: 'integer', min: 1, description: 'Property. Number of the lane' } } },
        Broken: { type: 'object', properties: { other: { $ref: '#/definitions/Nowhere' } } },
      },
    }),
  };
  const lane = `${SITE}dataModel.Mobility/mobility-schema.json#/definitions/Lane`;
  it('says a strict-mode problem of the shared file once, on the first $ref that pulls it in', async () => {
    const text = schema({ attributes: { lane: { $ref: lane }, otherLane: { $ref: lane } } });
    const [p] = await expectAt('sdm-schema/shared-definition', mark(text, `"${lane}"`), { files });
    assert.match(p!.message, /mobility-schema\.json#\/definitions\/Lane\/properties\/number\/min/);
    assert.equal(p!.severity, 'warning');
  });
  it('reports a reference of the shared file that points at nothing', async () => {
    const broken = `${SITE}dataModel.Mobility/mobility-schema.json#/definitions/Broken`;
    const [p] = await expectAt('sdm-schema/shared-definition', mark(schema({ attributes: { broken: { $ref: broken } } }), `"${broken}"`), { files });
    assert.match(p!.message, /Nowhere/);
  });
  it('finds nothing in the Smart Data Models commons', async () => expectNone('sdm-schema/shared-definition', schema()));
});

describe('sdm-schema/unknown-keyword (SDM-030)', () => {
  it('renames likely typos', async () => {
    for (const [typo, meant] of [['min', 'minimum'], ['minimun', 'minimum'], ['maxLenght', 'maxLength'], ['desciption', 'description']] as const) {
      const speed = { type: 'number', [typo]: meant === 'description' || meant === 'maxLength' ? (meant === 'maxLength' ? 3 : 'Property. Mean speed') : 0, description: 'Property. Mean speed' };
      const marked = mark(schema({ attributes: { speed } }), `"${typo}"`);
      const [p] = await expectAt('sdm-schema/unknown-keyword', marked);
      assert.equal(p!.severity, 'warning');
      const { text } = await applyFix('sdm-schema/unknown-keyword', marked);
      assert.ok(meant in JSON.parse(text).allOf[2].properties.speed);
    }
  });
  it('reports other unknown keywords without a fix, and knows the Smart Data Models ones', async () => {
    const [p] = await expectAt('sdm-schema/unknown-keyword', mark(schema({ attributes: { speed: { type: 'number', unit: 'km/h', description: 'Property. Mean speed' } } }), '"unit"'));
    assert.equal(p!.fixes, undefined);
    await expectNone('sdm-schema/unknown-keyword', schema({ attributes: { speed: { type: 'number', 'x-ngsi': { units: 'km/h' }, description: 'Property. Mean speed' } } }));
  });
});

describe('sdm-schema/misplaced-property (SDM-030)', () => {
  const observed = { type: 'string', format: 'date-time', description: 'Property. End of the period' };
  it('wraps an allOf item that lacks its properties', async () => {
    const marked = mark(schema({ refs: [...REFS, { dateObserved: observed }] }), '"dateObserved"');
    const [p] = await expectAt('sdm-schema/misplaced-property', marked);
    assert.equal(p!.severity, 'error');
    const { text } = await applyFix('sdm-schema/misplaced-property', marked);
    assert.deepEqual(JSON.parse(text).allOf[2], { properties: { dateObserved: observed } });
  });
  it('reports an attribute pasted among the keywords of another one', async () => {
    const lane = { type: 'string', enum: ['in', 'out'], description: 'Property. Direction of the lane', laneLength: { type: 'number', description: 'Property. Length of the lane' } };
    const [p] = await expectAt('sdm-schema/misplaced-property', mark(schema({ attributes: { lane } }), '"laneLength"'));
    assert.equal(p!.fixes, undefined);
  });
  it('reports a $ref to the properties of a definition, and points it at the definition', async () => {
    const ref = `${COMMONS}TimeSeriesAggregation/properties`;
    const marked = mark(schema({ attributes: { speedTSA: { type: 'object', description: 'Property. Mean speed over time', $ref: ref } } }), `"${ref}"`);
    await expectAt('sdm-schema/misplaced-property', marked);
    const { text } = await applyFix('sdm-schema/misplaced-property', marked);
    assert.equal(JSON.parse(text).allOf[2].properties.speedTSA.$ref, `${COMMONS}TimeSeriesAggregation`);
  });
});

describe('sdm-schema/format (SDM-030)', () => {
  it('reports unknown formats, with the known name as the fix for a typo', async () => {
    const marked = mark(schema({ attributes: { dateObserved: { type: 'string', format: 'datetime', description: 'Property. End of the period' } } }), '"datetime"');
    await expectAt('sdm-schema/format', marked);
    await applyFix('sdm-schema/format', marked);
    const [p] = await expectAt('sdm-schema/format', mark(schema({ attributes: { picture: { type: 'string', format: 'uuencoded', description: 'Property. A picture' } } }), '"uuencoded"'));
    assert.equal(p!.fixes, undefined);
  });
  it('knows idn-email and the ajv formats', async () => {
    for (const format of ['idn-email', 'email', 'uri', 'date', 'time', 'ipv4', 'ipv6', 'uuid', 'url']) {
      await expectNone('sdm-schema/format', schema({ attributes: { x: { type: 'string', format, description: 'Property. Some value' } } }));
    }
  });
});

describe('sdm-schema/type-keyword (SDM-030)', () => {
  it('reports a keyword without its type, and adds the type', async () => {
    const marked = mark(schema({ attributes: { speed: { minimum: 0, description: 'Property. Mean speed' } } }), '"minimum": 0,\n          "description": "Property. Mean', '⟦"minimum"⟧: 0,\n          "description": "Property. Mean');
    await expectAt('sdm-schema/type-keyword', marked);
    const { text } = await applyFix('sdm-schema/type-keyword', marked);
    assert.equal(JSON.parse(text).allOf[2].properties.speed.type, 'number');
  });
  it('reports a keyword under another type', async () => {
    await expectAt('sdm-schema/type-keyword', mark(schema({ attributes: { lanes: { type: 'string', minItems: 1, description: 'Property. Lanes' } } }), '"minItems"'));
  });
  it('takes the type of the schema around an anyOf', async () => {
    await expectNone('sdm-schema/type-keyword', schema({ attributes: { speed: { type: 'number', anyOf: [{ minimum: 0 }, { maximum: -10 }], description: 'Property. Mean speed' } } }));
  });
});

describe('sdm-schema/meta-schema (SDM-030)', () => {
  it('repairs a type that is not a JSON type', async () => {
    const marked = mark(schema({ attributes: { speed: { type: 'float', description: 'Property. Mean speed' } } }), '"float"');
    await expectAt('sdm-schema/meta-schema', marked);
    const { text } = await applyFix('sdm-schema/meta-schema', marked);
    assert.equal(JSON.parse(text).allOf[2].properties.speed.type, 'number');
  });
  it('repairs a number written as a string', async () => {
    const marked = mark(schema({ attributes: { speed: { type: 'number', minimum: '0', description: 'Property. Mean speed' } } }), '"0"');
    await expectAt('sdm-schema/meta-schema', marked);
    await applyFix('sdm-schema/meta-schema', marked);
  });
  it('reports patterns that do not compile, items as a list, enum that is not a list', async () => {
    await expectAt('sdm-schema/meta-schema', mark(schema({ attributes: { code: { type: 'string', pattern: '^[A-Z', description: 'Property. A code' } } }), '"^[A-Z"'));
    await expectAt('sdm-schema/meta-schema', mark(schema({ attributes: { pair: { type: 'array', items: [{ type: 'number' }], description: 'Property. A pair' } } }), '[\n            {\n              "type": "number"\n            }\n          ]'));
    await expectAt('sdm-schema/meta-schema', mark(schema({ attributes: { side: { type: 'string', enum: 'left', description: 'Property. A side' } } }), '"left"'));
  });
  it('removes a name required twice', async () => {
    const marked = schema({ root: { required: ['id', 'type', 'id'] } }).replace('"type",\n    "id"', '"type",\n    ⟦"id"⟧');
    await expectAt('sdm-schema/meta-schema', marked);
    await applyFix('sdm-schema/meta-schema', marked);
  });
});

describe('robustness', () => {
  it('checks a schema nested deeper than any model without trouble', async () => {
    let value: unknown = { type: 'string', description: 'Property. The innermost' };
    for (let i = 0; i < 500; i++) value = { type: 'object', description: 'Property. A level', properties: { inner: value } };
    const problems = await run(schema({ attributes: { deep: value } }));
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  });
  it('reads long descriptions in linear time', async () => {
    const description = 'Property. ' + "Model:'".repeat(20_000) + ' x'.repeat(20_000);
    const start = Date.now();
    await run(described(description));
    assert.ok(Date.now() - start < 5_000);
  });
  it('checks a half-typed schema and a non-object root without throwing', async () => {
    await run(schema().slice(0, 400));
    await run('[]');
    await run('{"$schema": 5, "allOf": [1, null, {"properties": 3}], "required": "id"}');
  });
});
