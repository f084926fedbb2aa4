/**
 * Inputs for the fuzz tests: generators of valid NGSI-LD payloads (entities in the three representations,
 * batches, subscriptions, GeoJSON values), ODRL policies and algorithm register entries, files of the corpora
 * and of examples/, and mutations of both (cut, spliced, truncated,
 * salted with the characters that break positions: surrogate pairs, CRLF, NUL).
 *
 * The number of runs and the seed come from FUZZ_RUNS and FUZZ_SEED; the test suite uses a fixed seed and few
 * runs, `npm run fuzz` many runs and a fresh seed (printed, so that a failure can be replayed).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { SHARED } from './engine';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261126);

/** Runs for a property: `base` in the test suite, scaled up by FUZZ_RUNS (a number of runs for the base 100). */
export function runs(base: number): number {
  const scale = Number(process.env.FUZZ_RUNS ?? 100) / 100;
  return Math.max(1, Math.round(base * scale));
}

export function fuzzParameters(base: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: runs(base), includeErrorInReport: true };
}

export interface FuzzFile {
  /** File name: its extension decides json or jsonld. */
  name: string;
  text: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Valid payloads

const TYPES = ['WeatherObserved', 'ParkingSpot', 'Streetlight', 'Building', 'AirQualityObserved', 'Vehicle', 'Car', 'OffStreetParking'];
const NAMES = [
  'temperature', 'speed', 'name', 'description', 'location', 'address', 'dateObserved', 'refDevice', 'status',
  'category', 'relativeHumidity', 'windDirection', 'NO2', 'occupancy', 'owner', 'isParked', 'observedAt', 'value',
  'type', 'id', '@context', 'object', 'unitCode', 'datasetId', 'languageMap', 'vocab', 'json', '__proto__', 'constructor',
  'toString', 'hasOwnProperty',
];

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const word = fc.oneof(fc.constantFrom(...NAMES), fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,10}$/));
const typeName = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TYPES) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Z][a-zA-Z]{0,10}$/) });
const urn = fc.tuple(typeName, fc.stringMatching(/^[a-z0-9-]{1,8}$/)).map(([t, id]) => `urn:ngsi-ld:${t}:${id}`);
const dateTime = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const scalar = fc.oneof(fc.integer(), finite, text, fc.boolean(), dateTime);
const longitude = fc.double({ min: -180, max: 180, noNaN: true });
const latitude = fc.double({ min: -90, max: 90, noNaN: true });
const position = fc.tuple(longitude, latitude);
const point = position.map((p) => ({ type: 'Point', coordinates: p }));
const lineString = fc.array(position, { minLength: 2, maxLength: 5 }).map((c) => ({ type: 'LineString', coordinates: c }));
const polygon = fc.array(position, { minLength: 3, maxLength: 6 }).map((ring) => ({ type: 'Polygon', coordinates: [[...ring, ring[0]]] }));
const geometry = fc.oneof(point, lineString, polygon);

const property = fc.record(
  { type: fc.constant('Property'), value: fc.oneof(scalar, fc.dictionary(word, scalar, { maxKeys: 3 })), unitCode: fc.constantFrom('CEL', 'KMH', 'P1'), observedAt: dateTime },
  { requiredKeys: ['type', 'value'] },
);
const relationship = fc.record({ type: fc.constant('Relationship'), object: urn, observedAt: dateTime }, { requiredKeys: ['type', 'object'] });
const geoProperty = fc.record({ type: fc.constant('GeoProperty'), value: geometry });
const normalizedAttribute = fc.oneof({ weight: 4, arbitrary: property }, { weight: 2, arbitrary: relationship }, { weight: 1, arbitrary: geoProperty });
const conciseAttribute = fc.oneof(
  scalar,
  fc.record({ value: scalar, unitCode: fc.constantFrom('CEL', 'KMH') }, { requiredKeys: ['value'] }),
  urn.map((object) => ({ object })),
  geometry,
);
const simplifiedAttribute = fc.oneof(scalar, geometry, fc.array(scalar, { maxLength: 3 }));

const CORE = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld';
const context = fc.constantFrom(CORE, [CORE], 'https://smartdatamodels.org/context.jsonld', [
  'https://raw.githubusercontent.com/smart-data-models/dataModel.Weather/master/context.jsonld',
  CORE,
]);

function entityOf(attribute: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({ id: urn, type: typeName, attributes: fc.dictionary(word, attribute, { maxKeys: 6 }), context: fc.option(context, { nil: undefined }) })
    .map(({ id, type, attributes, context }) => {
      const entity: Record<string, unknown> = { id, type, ...attributes };
      entity.id = id;
      entity.type = type;
      if (context !== undefined) entity['@context'] = context;
      return entity;
    });
}

export const entity = fc.oneof(entityOf(normalizedAttribute), entityOf(conciseAttribute), entityOf(simplifiedAttribute));

const subscription = fc
  .record({
    id: urn,
    entities: fc.array(fc.record({ type: typeName }), { minLength: 1, maxLength: 2 }),
    watchedAttributes: fc.array(word, { maxLength: 3 }),
    q: fc.constantFrom('temperature>20', 'speed<=3;status=="ok"', 'a.b==1|c!=2', 'temperature>'),
    geoQ: fc.record({ georel: fc.constantFrom('near;maxDistance==200', 'within', 'intersects'), geometry: fc.constant('Point'), coordinates: position }),
    endpoint: fc.constantFrom('https://example.org/notify', 'http://localhost:1026/n', 'mqtt://broker/topic', 'not a uri'),
  }, { requiredKeys: ['id', 'entities', 'endpoint'] })
  .map(({ endpoint, ...s }) => ({ ...s, type: 'Subscription', notification: { endpoint: { uri: endpoint, accept: 'application/json' } } }));

/** An ODRL policy (MIM3, MIM4), in the ODRL context or FIWARE's odrl: style, with NGSI-LD entity type constraints. */
const constraint = fc.record({
  leftOperand: fc.constantFrom('ngsi-ld:entityType', 'dateTime', 'purpose', 'datetime', 'count', 'odrl:spatial'),
  operator: fc.constantFrom('eq', 'neq', 'lteq', 'isAnyOf', '<=', 'odrl:eq', 'equals'),
  rightOperand: fc.oneof(typeName, fc.array(typeName, { maxLength: 3 }), dateTime, fc.integer(), fc.record({ '@value': dateTime })),
});
const policyRule = fc.record(
  {
    target: fc.oneof(urn, fc.constant('https://city.example/datasets/parking')),
    action: fc.oneof(fc.constantFrom('use', 'read', 'reed', 'modify', 'odrl:read', 'dome-op:read', 'copy'), fc.record({ 'rdf:value': fc.record({ '@id': fc.constantFrom('odrl:read', 'odrl:use') }) })),
    assignee: fc.constantFrom('https://city.example/', 'urn:ngsi-ld:Organization:1'),
    constraint: fc.array(constraint, { maxLength: 3 }),
    duty: fc.array(fc.record({ action: fc.constantFrom('compensate', 'inform', 'obtainConsent') }), { maxLength: 1 }),
  },
  { requiredKeys: [] },
);
const policy = fc
  .record({
    context: fc.constantFrom('http://www.w3.org/ns/odrl.jsonld', ['http://www.w3.org/ns/odrl.jsonld', { 'ngsi-ld': 'https://uri.etsi.org/ngsi-ld/' }], undefined),
    type: fc.constantFrom('Offer', 'Agreement', 'Set', 'Policy', 'odrl:Policy', 'Polcy'),
    uid: fc.oneof(urn, fc.uuid(), fc.constant('https://city.example/policies/1')),
    rules: fc.dictionary(fc.constantFrom('permission', 'prohibition', 'obligation', 'odrl:permission'), fc.array(policyRule, { maxLength: 3 }), { maxKeys: 2 }),
    assigner: fc.option(fc.constant('https://city.example/'), { nil: undefined }),
  })
  .map(({ context, type, uid, rules, assigner }) => ({
    ...(context === undefined ? {} : { '@context': context }),
    '@type': type,
    uid,
    ...(assigner === undefined ? {} : { assigner }),
    ...rules,
  }));

/** An algorithm register entry (MIM5, ATS v0.3.1): valid values, near misses and wrong types. */
const registerEntry = fc.record(
  {
    standard_version: fc.constantFrom('0.3.1', '0.3', 0.31),
    lang: fc.constantFrom('en', 'nl', 'EN', 'english'),
    name: text,
    description_short: fc.string({ maxLength: 200 }),
    organization: text,
    contact_email: fc.constantFrom('algorithms@city.example', 'algo at city', ''),
    status: fc.constantFrom('pilot', 'operational', 'in gebruik', 'Pilot', 'unknown'),
    risk_category: fc.constantFrom('high risk', 'hoog risico', 'minimal risk', 'hgh'),
    domain: fc.constantFrom('traffic and transportation', 'verkeer en vervoer', 'mobility'),
    publication_date: fc.oneof(dateTime.map((d) => d.slice(0, 10)), fc.constant('01-02-2024')),
    last_change_date: dateTime.map((d) => d.slice(0, 10)),
    revision_date: dateTime.map((d) => d.slice(0, 10)),
    uuid: fc.oneof(fc.uuid(), text),
    website: fc.constantFrom('https://city.example/algorithms/1', 'city.example'),
    human_intervention: fc.oneof(text, fc.integer(), fc.constant(null)),
    AIA_url: fc.constantFrom('https://city.example/aia.pdf', 'aia.pdf'),
  },
  { requiredKeys: ['standard_version', 'name', 'organization'] },
);

/** A valid (or nearly valid) payload value: entity, batch, subscription, bare geometry, policy or register entry. */
export const payload: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: entity },
  { weight: 2, arbitrary: fc.array(entity, { minLength: 0, maxLength: 6 }) },
  { weight: 1, arbitrary: subscription },
  { weight: 1, arbitrary: geometry },
  { weight: 1, arbitrary: policy },
  { weight: 1, arbitrary: fc.oneof(registerEntry, fc.array(registerEntry, { minLength: 1, maxLength: 3 })) },
);

/** A payload written out as a file, compact or indented, with LF or CRLF line ends. */
export const payloadFile: fc.Arbitrary<FuzzFile> = fc
  .record({ value: payload, indent: fc.constantFrom(0, 2, 4), crlf: fc.boolean(), ld: fc.boolean() })
  .map(({ value, indent, crlf, ld }) => {
    let written = JSON.stringify(value, null, indent) ?? 'null';
    if (crlf) written = written.replace(/\n/g, '\r\n');
    return { name: ld ? 'payload.jsonld' : 'payload.json', text: written };
  });

// ---------------------------------------------------------------------------------------------------------------
// Edits a person makes to a batch: one member of one entity set, removed, renamed or added

export type ValueChange =
  | { op: 'set'; which: number; member: number; value: unknown }
  | { op: 'remove'; which: number; member: number }
  | { op: 'rename'; which: number; member: number; to: string }
  | { op: 'add'; which: number; name: string; value: unknown };

const fraction = fc.double({ min: 0, max: 0.999, noNaN: true });
const anyAttribute = fc.oneof(normalizedAttribute, conciseAttribute, simplifiedAttribute);

export const valueChange: fc.Arbitrary<ValueChange> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), which: fraction, member: fraction, value: anyAttribute }),
  fc.record({ op: fc.constant('remove' as const), which: fraction, member: fraction }),
  fc.record({ op: fc.constant('rename' as const), which: fraction, member: fraction, to: word }),
  fc.record({ op: fc.constant('add' as const), which: fraction, name: word, value: anyAttribute }),
);

/** The batch with the change made to one of its entities (the others are the same objects). */
export function applyValueChange(batch: readonly unknown[], change: ValueChange): unknown[] {
  const out = batch.slice();
  if (out.length === 0) return out;
  const index = Math.floor(change.which * out.length);
  const entity = out[index];
  if (entity === null || typeof entity !== 'object' || Array.isArray(entity)) return out;
  const entries = Object.entries(entity);
  const at = Math.floor(('member' in change ? change.member : 0) * entries.length);
  let next: [string, unknown][];
  switch (change.op) {
    case 'set':
      next = entries.map(([k, v], i) => [k, i === at ? change.value : v]);
      break;
    case 'remove':
      next = entries.filter((_, i) => i !== at);
      break;
    case 'rename':
      next = entries.map(([k, v], i) => [i === at ? change.to : k, v]);
      break;
    case 'add':
      next = [...entries, [change.name, change.value]];
      break;
  }
  const rebuilt: Record<string, unknown> = {};
  for (const [k, v] of next) Object.defineProperty(rebuilt, k, { value: v, enumerable: true, writable: true, configurable: true });
  out[index] = rebuilt;
  return out;
}

export interface Layout {
  indent: number;
  crlf: boolean;
}

export const layout: fc.Arbitrary<Layout> = fc.record({ indent: fc.constantFrom(0, 2, 4), crlf: fc.boolean() });

export function write(value: unknown, how: Layout): string {
  const text = JSON.stringify(value, null, how.indent) ?? 'null';
  return how.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** A batch of two to eight entities, some with emoji in their names. */
export const batch = fc.array(entity, { minLength: 2, maxLength: 8 });

/** The one region in which two texts differ: the old text's [start, oldEnd) became the new text's [start, newEnd). */
export function changedRegion(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < limit - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  let oldEnd = before.length - suffix;
  let newEnd = after.length - suffix;
  // Never between the two halves of a surrogate pair: an editor does not place a caret there.
  const high = (code: number) => code >= 0xd800 && code <= 0xdbff;
  const low = (code: number) => code >= 0xdc00 && code <= 0xdfff;
  if (start > 0 && high(before.charCodeAt(start - 1))) start--;
  if (oldEnd < before.length && low(before.charCodeAt(oldEnd))) {
    oldEnd++;
    newEnd++;
  }
  return { start, oldEnd, newEnd };
}

// ---------------------------------------------------------------------------------------------------------------
// Files of the corpora

function walk(dir: string, out: string[], limit: number): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) walk(path, out, limit);
    else if (/\.jsonld?$/.test(name) && stat.size <= limit) out.push(path);
  }
}

let corpusCache: FuzzFile[] | undefined;

/** NGSI-LD payloads of the corpus, the Smart Data Models examples and schemas, and examples/ (files up to 32 KB). */
export function corpusFiles(): FuzzFile[] {
  if (corpusCache) return corpusCache;
  const paths: string[] = [];
  walk(join(SHARED, 'corpus'), paths, 32 * 1024);
  walk(join(SHARED, 'sdm'), paths, 32 * 1024);
  const shared = paths.length;
  walk(EXAMPLES, paths, 32 * 1024);
  corpusCache = paths.map((path, i) => ({ name: path.slice((i < shared ? SHARED : EXAMPLES).length + 1), text: readFileSync(path, 'utf8') }));
  return corpusCache;
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations

/** Bits of text that break JSON, NGSI-LD and position arithmetic. */
const SALT = [
  '{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\\ud83d', 'null', 'true', '-', '1e999', '-0', '0.', '9007199254740993',
  '"type"', '"Property"', '"Relationship"', '"GeoProperty"', '"value"', '"object"', '"@context"', '"id"', '"coordinates"',
  '"__proto__"', '"constructor"', '"toString"', '"hasOwnProperty"', '"valueOf"', '😀', '👩‍👩‍👧', 'é', '\u0301', '\r\n', '\r', '\n', '\t', '\u0000', '\uFEFF', '\u2028', ' ',
];

export type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'truncate'; at: number };

const salt = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...SALT) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) });

/** Positions are fractions of the text's length, so that one mutation fits every text. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(10_000), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(10_000), text: salt }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(10_000), length: fc.integer({ min: 1, max: 200 }), to: fc.nat(10_000) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat(10_000) }),
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

function place(text: string, at: number): number {
  return Math.floor((at / 10_000) * (text.length + 1));
}

export function mutate(text: string, list: readonly Mutation[]): string {
  let out = text;
  for (const m of list) {
    const at = place(out, m.at);
    switch (m.op) {
      case 'delete':
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case 'insert':
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case 'duplicate': {
        const piece = out.slice(at, at + m.length);
        const to = place(out, m.to);
        out = out.slice(0, to) + piece + out.slice(to);
        break;
      }
      case 'truncate':
        out = out.slice(0, at);
        break;
    }
  }
  return out;
}

/** A corpus file, as it is or mutated. */
export function corpusInput(): fc.Arbitrary<FuzzFile> {
  const files = corpusFiles();
  return fc
    .record({ index: fc.nat(files.length - 1), changes: fc.option(mutations, { freq: 4, nil: undefined }) })
    .map(({ index, changes }) => {
      const file = files[index]!;
      return { name: file.name, text: changes ? mutate(file.text, changes) : file.text };
    });
}

/** A generated payload, as it is or mutated. */
export const generatedInput: fc.Arbitrary<FuzzFile> = fc
  .record({ file: payloadFile, changes: fc.option(mutations, { freq: 3, nil: undefined }) })
  .map(({ file, changes }) => ({ name: file.name, text: changes ? mutate(file.text, changes) : file.text }));

/** Anything at all: random JSON values, random text, or text made of JSON punctuation. */
export const noise: fc.Arbitrary<FuzzFile> = fc.oneof(
  fc.json({ maxDepth: 6 }).map((text) => ({ name: 'noise.json', text })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ name: 'noise.jsonld', text })),
  fc.array(fc.constantFrom(...SALT), { maxLength: 60 }).map((parts) => ({ name: 'noise.json', text: parts.join('') })),
);
