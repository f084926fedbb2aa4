/**
 * The NGSI-LD injection grammar (syntaxes/ngsi-ld.injection.tmLanguage.json) run by the real TextMate engine
 * (vscode-textmate + vscode-oniguruma) on top of VS Code's own JSON grammars (test/fixtures/grammars).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const GRAMMAR_FILES: Record<string, string> = {
  'source.json': 'test/fixtures/grammars/JSON.tmLanguage.json',
  'source.json.comments': 'test/fixtures/grammars/JSONC.tmLanguage.json',
  'ngsi-ld.injection': 'syntaxes/ngsi-ld.injection.tmLanguage.json',
};
const INJECTION = 'ngsi-ld.injection';

const onigLib: Promise<vsctm.IOnigLib> = oniguruma.loadWASM(readFileSync(join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'))).then(() => ({
  createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
  createOnigString: (text: string) => new oniguruma.OnigString(text),
}));

/** A registry as VS Code builds it: our grammar injected into JSON and JSON with comments (package.json `injectTo`). */
function registry(inject: boolean): vsctm.Registry {
  return new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      const file = GRAMMAR_FILES[scopeName];
      return file ? vsctm.parseRawGrammar(readFileSync(join(ROOT, file), 'utf8'), join(ROOT, file)) : null;
    },
    getInjections: (scopeName) => (inject && (scopeName === 'source.json' || scopeName === 'source.json.comments') ? [INJECTION] : undefined),
  });
}

interface Token {
  line: number;
  text: string;
  scopes: string[];
}

let json: vsctm.IGrammar;
let jsonc: vsctm.IGrammar;
let plainJson: vsctm.IGrammar;
let plainJsonc: vsctm.IGrammar;
/** What vscode-textmate reports on the console (for example "Grammar is in an endless loop"). */
const engineComplaints: unknown[][] = [];
const consoleError = console.error;
const consoleWarn = console.warn;

before(async () => {
  console.error = (...args: unknown[]) => void engineComplaints.push(args);
  console.warn = (...args: unknown[]) => void engineComplaints.push(args);
  const injected = registry(true);
  const plain = registry(false);
  json = (await injected.loadGrammar('source.json'))!;
  jsonc = (await injected.loadGrammar('source.json.comments'))!;
  plainJson = (await plain.loadGrammar('source.json'))!;
  plainJsonc = (await plain.loadGrammar('source.json.comments'))!;
  assert.ok(json && jsonc && plainJson && plainJsonc, 'the grammars load');
});

after(() => {
  console.error = consoleError;
  console.warn = consoleWarn;
  assert.deepEqual(engineComplaints, [], 'the TextMate engine did not complain');
});

function tokenize(grammar: vsctm.IGrammar, text: string): Token[] {
  const tokens: Token[] = [];
  let state = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const t of result.tokens) tokens.push({ line, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = result.ruleStack;
  });
  return tokens;
}

/** The scopes of each character (and of each line end), for comparing two tokenizations of one text. */
function scopesPerCharacter(grammar: vsctm.IGrammar, text: string, keep: (scope: string) => boolean = () => true): string[] {
  const out: string[] = [];
  let state = vsctm.INITIAL;
  for (const lineText of text.split(/\r?\n/)) {
    const result = grammar.tokenizeLine(lineText, state);
    for (const t of result.tokens) {
      for (let i = t.startIndex; i < Math.min(t.endIndex, lineText.length); i++) out.push(`${lineText[i]} ${t.scopes.filter(keep).join(' ')}`);
    }
    out.push('⏎');
    state = result.ruleStack;
  }
  return out;
}

/** The `occurrence`-th token whose text is exactly `text`. */
function token(tokens: Token[], text: string, occurrence = 1): Token {
  const found = tokens.filter((t) => t.text === text);
  assert.ok(found.length >= occurrence, `no token ${JSON.stringify(text)} (#${occurrence}) in:\n${tokens.map((t) => JSON.stringify(t.text)).join(' ')}`);
  return found[occurrence - 1]!;
}

/** The token right after the `occurrence`-th token `text`. */
function next(tokens: Token[], text: string, occurrence = 1, skipWhitespace = true): Token {
  let i = tokens.indexOf(token(tokens, text, occurrence)) + 1;
  while (skipWhitespace && i < tokens.length && tokens[i]!.text.trim() === '') i++;
  assert.ok(i < tokens.length, `nothing after ${JSON.stringify(text)}`);
  return tokens[i]!;
}

/** Asserts that `scopes` holds every one of `expected` (in this order, as a sub-sequence). */
function assertScopes(t: Token, ...expected: string[]): void {
  let at = 0;
  for (const scope of t.scopes) if (scope === expected[at]) at++;
  assert.equal(at, expected.length, `${JSON.stringify(t.text)} has scopes ${t.scopes.join(' ')}; expected ${expected.join(' ')}`);
}

function assertNoNgsiScope(t: Token): void {
  assert.ok(!t.scopes.some((s) => s.endsWith('.ngsi-ld')), `${JSON.stringify(t.text)} should be plain JSON but has ${t.scopes.join(' ')}`);
}

const KEY = ['string.json', 'support.type.property-name.json'];
const VALUE_STRING = 'string.quoted.double.json';
const PAIR = 'punctuation.separator.dictionary.pair.json';

/** A member name, with the quotes as JSON scopes them. */
function assertMember(tokens: Token[], name: string, scope: string, occurrence = 1): void {
  const t = token(tokens, name, occurrence);
  assertScopes(t, 'meta.structure.dictionary.json', ...KEY, scope);
  const i = tokens.indexOf(t);
  assertScopes(tokens[i - 1]!, ...KEY, 'punctuation.support.type.property-name.begin.json');
  assertScopes(tokens[i + 1]!, ...KEY, 'punctuation.support.type.property-name.end.json');
}

const NORMALIZED = `{
  "id": "urn:ngsi-ld:WeatherObserved:Valencia-01",
  "type": "WeatherObserved",
  "scope": "/Spain/Valencia",
  "temperature": {
    "type": "Property",
    "value": 21.5,
    "unitCode": "CEL",
    "observedAt": "2024-05-01T10:00:00Z",
    "datasetId": "urn:ngsi-ld:Dataset:sensor-a"
  },
  "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:thermo-1", "objectType": "Device"},
  "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [-0.37, 39.47]}},
  "name": {"type": "LanguageProperty", "languageMap": {"en": "Harbour", "es": "Puerto"}},
  "category": {"type": "VocabProperty", "vocab": "weather"},
  "readings": {"type": "ListProperty", "valueList": [1, 2]},
  "devices": {"type": "ListRelationship", "objectList": [{"object": "urn:ngsi-ld:Device:a"}]},
  "settings": {"type": "JsonProperty", "json": {"mode": "auto"}},
  "@context": ["https://example.org/context.jsonld", "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]
}`;

describe('NGSI-LD injection grammar: entities', () => {
  it('marks the core members of a normalized entity on top of the JSON property-name scopes', () => {
    const tokens = tokenize(json, NORMALIZED);
    assertMember(tokens, 'id', 'keyword.other.member.entity.ngsi-ld');
    assertMember(tokens, 'type', 'keyword.other.member.entity.ngsi-ld');
    assertMember(tokens, 'scope', 'keyword.other.member.entity.ngsi-ld');
    assertMember(tokens, '@context', 'keyword.other.member.entity.ngsi-ld');
    for (const name of ['value', 'object', 'languageMap', 'vocab', 'valueList', 'objectList', 'json']) {
      assertMember(tokens, name, 'keyword.other.member.attribute.ngsi-ld');
    }
    for (const name of ['unitCode', 'observedAt', 'datasetId', 'objectType']) assertMember(tokens, name, 'keyword.other.member.metadata.ngsi-ld');
    // Attribute names and ordinary members stay plain JSON member names.
    for (const name of ['temperature', 'refDevice', 'name', 'en', 'mode', 'coordinates']) {
      const t = token(tokens, name);
      assertScopes(t, ...KEY);
      assertNoNgsiScope(t);
    }
  });

  it('marks the attribute kinds, urn:ngsi-ld: ids, and leaves other strings alone', () => {
    const tokens = tokenize(json, NORMALIZED);
    for (const kind of ['Property', 'Relationship', 'GeoProperty', 'LanguageProperty', 'VocabProperty', 'ListProperty', 'ListRelationship', 'JsonProperty']) {
      const t = token(tokens, kind);
      assertScopes(t, 'meta.structure.dictionary.value.json', VALUE_STRING, 'entity.name.type.attribute-kind.ngsi-ld');
      const i = tokens.indexOf(t);
      assertScopes(tokens[i - 1]!, VALUE_STRING, 'punctuation.definition.string.begin.json');
      assertScopes(tokens[i + 1]!, VALUE_STRING, 'punctuation.definition.string.end.json');
    }
    // "Property" is the last value of its line: the line end does not stop it being a value.
    assert.equal(token(tokens, 'Property').line, 5);
    for (const id of ['urn:ngsi-ld:WeatherObserved:Valencia-01', 'urn:ngsi-ld:Device:thermo-1', 'urn:ngsi-ld:Device:a', 'urn:ngsi-ld:Dataset:sensor-a']) {
      assertScopes(token(tokens, id), VALUE_STRING, 'constant.other.uri.ngsi-ld', 'markup.underline.link.ngsi-ld');
    }
    for (const text of ['WeatherObserved', 'Point', 'CEL', '2024-05-01T10:00:00Z', 'https://example.org/context.jsonld', 'Harbour']) {
      const t = token(tokens, text);
      assertScopes(t, VALUE_STRING);
      assertNoNgsiScope(t);
    }
    assertScopes(token(tokens, '21.5'), 'constant.numeric.json');
    assertScopes(token(tokens, '-0.37'), 'meta.structure.array.json', 'constant.numeric.json');
  });

  it('reads concise and simplified entities the same way', () => {
    const concise = tokenize(
      json,
      '{"id": "urn:ngsi-ld:Vehicle:A-1", "type": "Vehicle", "speed": {"value": 55, "observedAt": "2024-05-01T10:00:00Z"}, ' +
        '"owner": {"object": "urn:ngsi-ld:Person:p1"}, "brand": "Volvo", "doors": 5, "location": {"type": "Point", "coordinates": [2.1, 41.3]}}',
    );
    assertMember(concise, 'value', 'keyword.other.member.attribute.ngsi-ld');
    assertMember(concise, 'object', 'keyword.other.member.attribute.ngsi-ld');
    assertMember(concise, 'observedAt', 'keyword.other.member.metadata.ngsi-ld');
    assertScopes(token(concise, 'urn:ngsi-ld:Person:p1'), 'constant.other.uri.ngsi-ld');
    assertNoNgsiScope(token(concise, 'Volvo'));
    assertScopes(token(concise, '5'), 'constant.numeric.json');
    assertScopes(next(concise, '5'), PAIR);

    const simplified = tokenize(
      json,
      '{\n  "id": "urn:ngsi-ld:Vehicle:A-2",\n  "type": "Vehicle",\n  "refParking": "urn:ngsi-ld:Parking:P1",\n  "speed": 55,\n  "inService": true\n}',
    );
    assertMember(simplified, 'id', 'keyword.other.member.entity.ngsi-ld');
    assertScopes(token(simplified, 'urn:ngsi-ld:Parking:P1'), VALUE_STRING, 'constant.other.uri.ngsi-ld');
    assertScopes(token(simplified, 'true'), 'constant.language.json');
    assertScopes(token(simplified, '}'), 'punctuation.definition.dictionary.end.json');
  });

  it('marks NGSI-LD Null as a value, and urn:ngsi-ld: strings used as member names stay member names', () => {
    const tokens = tokenize(json, '{"speed": {"type": "Property", "value": "urn:ngsi-ld:null"}, "urn:ngsi-ld:x": 1, "a": "urn:ngsi-ld:\\"odd"}');
    assertScopes(token(tokens, 'urn:ngsi-ld:null'), VALUE_STRING, 'constant.language.null.ngsi-ld');
    const key = token(tokens, 'urn:ngsi-ld:x');
    assertScopes(key, ...KEY);
    assertNoNgsiScope(key);
    // A string with an escape is left to JSON, escape included.
    assertScopes(token(tokens, '\\"'), VALUE_STRING, 'constant.character.escape.json');
  });

  it('reads batches and temporal payloads (objects inside arrays)', () => {
    const tokens = tokenize(
      json,
      '[{"id": "urn:ngsi-ld:Car:1", "type": "Car", "speed": [{"type": "Property", "value": 1, "observedAt": "2024-05-01T10:00:00Z", "instanceId": "urn:ngsi-ld:i:1"}]}]',
    );
    assertMember(tokens, 'instanceId', 'keyword.other.member.metadata.ngsi-ld');
    assertScopes(token(tokens, 'Property'), 'meta.structure.array.json', 'meta.structure.dictionary.json', 'entity.name.type.attribute-kind.ngsi-ld');
    assertScopes(token(tokens, ']', 2), 'punctuation.definition.array.end.json');
  });
});

const SUBSCRIPTION = String.raw`{
  "id": "urn:ngsi-ld:Subscription:high-speed",
  "type": "Subscription",
  "entities": [{"type": "Vehicle", "idPattern": "^urn:ngsi-ld:Vehicle:.*"}],
  "watchedAttributes": ["speed"],
  "q": "speed>50;(brand==\"Mercedes \\ Benz\"|brand~=\"^Vol\")!=0;address[city]!~=\"x\";a.b<=10..20;name!=\"a;b\",\"c|d\";on==true",
  "csf": "endpoint==\"http://x\"", "scopeQ": "/Madrid/#;(/Spain/+,/Italy)",
  "geoQ": {"georel": "near;maxDistance==2000", "geometry": "Point", "coordinates": [-3.7, 40.4]},
  "notification": {"endpoint": {"uri": "http://localhost:8080/notify", "accept": "application/json"}},
  "description": "vehicles over the limit", "throttling": 5
}`;

describe('NGSI-LD injection grammar: queries inside strings', () => {
  it('highlights the q language inside the string of "q", with escaped quotes', () => {
    const tokens = tokenize(json, SUBSCRIPTION);
    const line = (t: Token) => t.line === 5;
    const q = tokens.filter(line);
    assertMember(q, 'q', 'keyword.other.member.request.ngsi-ld');
    const embedded = ['meta.structure.dictionary.value.json', VALUE_STRING, 'meta.embedded.query.ngsi-ld'];
    assertScopes(token(q, 'speed'), ...embedded, 'variable.other.attribute.ngsi-ld');
    assertScopes(token(q, '>'), ...embedded, 'keyword.operator.comparison.ngsi-ld');
    assertScopes(token(q, '50'), ...embedded, 'constant.numeric.ngsi-ld');
    assertScopes(token(q, ';'), ...embedded, 'keyword.operator.logical.and.ngsi-ld');
    assertScopes(token(q, '('), ...embedded, 'punctuation.section.group.begin.ngsi-ld');
    assertScopes(token(q, ')'), ...embedded, 'punctuation.section.group.end.ngsi-ld');
    assertScopes(token(q, '|'), ...embedded, 'keyword.operator.logical.or.ngsi-ld');
    for (const op of ['==', '!=', '<=']) assertScopes(token(q, op), ...embedded, 'keyword.operator.comparison.ngsi-ld');
    for (const op of ['~=', '!~=']) assertScopes(token(q, op), ...embedded, 'keyword.operator.comparison.pattern.ngsi-ld');
    assertScopes(token(q, '..'), ...embedded, 'keyword.operator.range.ngsi-ld');
    assertScopes(token(q, '.'), ...embedded, 'punctuation.accessor.ngsi-ld');
    assertScopes(token(q, '['), ...embedded, 'punctuation.section.brackets.begin.ngsi-ld');
    assertScopes(token(q, 'city'), ...embedded, 'variable.other.attribute.ngsi-ld');
    assertScopes(token(q, 'true'), ...embedded, 'constant.language.boolean.ngsi-ld');
    assertScopes(token(q, ','), ...embedded, 'punctuation.separator.list.ngsi-ld');

    // A quoted string: \" opens and closes it (a JSON escape and a query quote at once); inside it ; and | are text.
    const open = token(q, '\\"');
    assertScopes(open, ...embedded, 'string.quoted.double.ngsi-ld', 'constant.character.escape.json', 'punctuation.definition.string.begin.ngsi-ld');
    assertScopes(next(q, '\\"'), 'string.quoted.double.ngsi-ld');
    assert.equal(next(q, '\\"').text, 'Mercedes ');
    assertScopes(token(q, '\\\\'), 'string.quoted.double.ngsi-ld', 'constant.character.escape.json');
    assertScopes(token(q, '\\"', 2), 'string.quoted.double.ngsi-ld', 'constant.character.escape.json', 'punctuation.definition.string.end.ngsi-ld');
    assertScopes(token(q, 'a;b'), 'string.quoted.double.ngsi-ld');
    assertScopes(token(q, 'c|d'), 'string.quoted.double.ngsi-ld');

    // The JSON string keeps its own quotes, and JSON goes on after it.
    const quotes = q.filter((t) => t.text === '"');
    assertScopes(quotes[2]!, 'meta.structure.dictionary.value.json', VALUE_STRING, 'punctuation.definition.string.begin.json');
    assertScopes(quotes[3]!, 'meta.structure.dictionary.value.json', VALUE_STRING, 'punctuation.definition.string.end.json');
    assert.ok(!quotes[2]!.scopes.includes('meta.embedded.query.ngsi-ld'));
    const comma = q[q.indexOf(quotes[3]!) + 1]!;
    assert.equal(comma.text, ',');
    assertScopes(comma, 'meta.structure.dictionary.json', 'meta.structure.dictionary.value.json', PAIR);
    assert.deepEqual(comma.scopes, ['source.json', 'meta.structure.dictionary.json', 'meta.structure.dictionary.value.json', PAIR]);
  });

  it('goes on with JSON after the q member: next members, nested objects, the end of the object', () => {
    const tokens = tokenize(json, SUBSCRIPTION);
    assertMember(tokens, 'csf', 'keyword.other.member.request.ngsi-ld');
    assertScopes(token(tokens, 'endpoint'), 'meta.embedded.query.ngsi-ld', 'variable.other.attribute.ngsi-ld');
    assertMember(tokens, 'scopeQ', 'keyword.other.member.request.ngsi-ld');
    assertMember(tokens, 'geoQ', 'keyword.other.member.request.ngsi-ld');
    assertMember(tokens, 'notification', 'keyword.other.member.request.ngsi-ld');
    assertMember(tokens, 'endpoint', 'keyword.other.member.request.ngsi-ld', 2);
    assertMember(tokens, 'uri', 'keyword.other.member.request.ngsi-ld');
    assertMember(tokens, 'watchedAttributes', 'keyword.other.member.request.ngsi-ld');
    assertMember(tokens, 'entities', 'keyword.other.member.request.ngsi-ld');
    assertMember(tokens, 'idPattern', 'keyword.other.member.request.ngsi-ld');
    assertMember(tokens, 'throttling', 'keyword.other.member.request.ngsi-ld');
    assertScopes(token(tokens, 'accept'), ...KEY);
    assertNoNgsiScope(token(tokens, 'description'));
    assert.deepEqual(token(tokens, 'description').scopes, ['source.json', 'meta.structure.dictionary.json', ...KEY]);
    assertScopes(token(tokens, 'http://localhost:8080/notify'), VALUE_STRING);
    assertScopes(token(tokens, '5'), 'meta.structure.dictionary.value.json', 'constant.numeric.json');
    const last = tokens[tokens.length - 1]!;
    assert.equal(last.text, '}');
    assert.deepEqual(last.scopes, ['source.json', 'meta.structure.dictionary.json', 'punctuation.definition.dictionary.end.json']);
    assert.ok(!tokens.some((t) => t.scopes.some((s) => s.startsWith('invalid'))), 'no token is marked invalid');
  });

  it('highlights scopeQ and georel', () => {
    const tokens = tokenize(json, SUBSCRIPTION).filter((t) => t.line === 6 || t.line === 7);
    const scopeQ = ['meta.structure.dictionary.value.json', VALUE_STRING, 'meta.embedded.scope-query.ngsi-ld'];
    assertScopes(token(tokens, '/'), ...scopeQ, 'punctuation.separator.scope.ngsi-ld');
    assertScopes(token(tokens, 'Madrid'), ...scopeQ, 'entity.name.namespace.scope.ngsi-ld');
    assertScopes(token(tokens, '#'), ...scopeQ, 'keyword.operator.wildcard.descendants.ngsi-ld');
    assertScopes(token(tokens, '+'), ...scopeQ, 'keyword.operator.wildcard.level.ngsi-ld');
    assertScopes(token(tokens, ';', 1), ...scopeQ, 'keyword.operator.logical.and.ngsi-ld');
    assertScopes(token(tokens, ',', 2), ...scopeQ, 'keyword.operator.logical.or.ngsi-ld');
    assertScopes(token(tokens, '('), ...scopeQ, 'punctuation.section.group.begin.ngsi-ld');
    const georel = ['meta.structure.dictionary.value.json', VALUE_STRING, 'meta.embedded.georel.ngsi-ld'];
    assertScopes(token(tokens, 'near'), ...georel, 'support.constant.georel.ngsi-ld');
    assertScopes(token(tokens, 'maxDistance'), ...georel, 'variable.parameter.distance.ngsi-ld');
    assertScopes(token(tokens, '2000'), ...georel, 'constant.numeric.ngsi-ld');
    assertNoNgsiScope(token(tokens, 'Point'));
  });

  it('reads unquoted URIs and DateTimes in q', () => {
    const tokens = tokenize(json, '{"q": "refPark==urn:ngsi-ld:Park:1,urn:ngsi-ld:Park:2;observedAt>2024-05-01T10:00:00Z;!broken;schema:name==\\"x\\""}');
    assertScopes(token(tokens, 'urn:ngsi-ld:Park:1'), 'meta.embedded.query.ngsi-ld', 'constant.other.uri.ngsi-ld');
    assertScopes(token(tokens, 'urn:ngsi-ld:Park:2'), 'meta.embedded.query.ngsi-ld', 'constant.other.uri.ngsi-ld');
    assertScopes(token(tokens, '2024-05-01T10:00:00Z'), 'meta.embedded.query.ngsi-ld', 'constant.other.datetime.ngsi-ld');
    assertScopes(token(tokens, '!'), 'meta.embedded.query.ngsi-ld', 'keyword.operator.logical.not.ngsi-ld');
    assertScopes(token(tokens, 'schema:name'), 'meta.embedded.query.ngsi-ld', 'variable.other.attribute.ngsi-ld');
    assertScopes(token(tokens, 'observedAt'), 'meta.embedded.query.ngsi-ld', 'variable.other.attribute.ngsi-ld');
    assert.deepEqual(tokens[tokens.length - 1]!.scopes, ['source.json', 'meta.structure.dictionary.json', 'punctuation.definition.dictionary.end.json']);
  });

  it('keeps the file intact while a q is being typed or holds something else', () => {
    // An unclosed quoted string stops at the quote that closes the JSON string.
    let tokens = tokenize(json, '{"q": "name==\\"Main St", "type": "Subscription",\n "x": [1]}');
    assertScopes(token(tokens, 'Main St'), 'string.quoted.double.ngsi-ld');
    assertScopes(next(tokens, 'Main St'), VALUE_STRING, 'punctuation.definition.string.end.json');
    assertScopes(token(tokens, ',', 1), PAIR);
    assertMember(tokens, 'type', 'keyword.other.member.entity.ngsi-ld');
    assertScopes(token(tokens, '1'), 'meta.structure.array.json', 'constant.numeric.json');

    // q as the last member, before the closing brace, on the same line and on the next.
    for (const text of ['{"a": {"q": "x>1"}, "b": 2}', '{"a": {"q": "x>1"\n}, "b": 2}']) {
      tokens = tokenize(json, text);
      assertScopes(token(tokens, 'x'), 'meta.embedded.query.ngsi-ld', 'variable.other.attribute.ngsi-ld');
      assert.deepEqual(token(tokens, '}').scopes, ['source.json', 'meta.structure.dictionary.json', 'meta.structure.dictionary.value.json', 'meta.structure.dictionary.json', 'punctuation.definition.dictionary.end.json']);
      assertScopes(next(tokens, '}'), PAIR);
      assertScopes(token(tokens, 'b'), ...KEY);
    }

    // q holding something other than a string; "q" as a string in an array; a value on the next line.
    const odd = '{"q": null, "csf": ["a==1"], "scopeQ": {"x": 1}, "attrs": ["q", "scopeQ"], "georel":\n  "within",\n "n": 1}';
    assert.deepEqual(scopesPerCharacter(json, odd, notNgsi), scopesPerCharacter(plainJson, odd));
    tokens = tokenize(json, odd);
    assertNoNgsiScope(token(tokens, 'a==1'));
    assertScopes(token(tokens, 'within'), 'meta.embedded.georel.ngsi-ld', 'support.constant.georel.ngsi-ld');
  });
});

const notNgsi = (scope: string) => !scope.endsWith('.ngsi-ld');
const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
/** JSON with comments names its scopes "….json.comments"; ours are "….json" there too. */
const asJson = (scopes: string) => scopes.replace(/\.json\.comments(?= |$)/g, '.json');

describe('NGSI-LD injection grammar: other JSON files', () => {
  const PLAIN = `{
  "name": "some-tool",
  "version": "1.0.0",
  "scripts": {"build": "tsc -p .", "test": "node --test"},
  "nested": [{"a": 1, "b": [true, false, null]}, "text with \\"quotes\\" and \\\\ and \\u00e9", -1.5e3],
  "quoted": "\\"id\\": \\"Property\\"",
  "empty": {}, "list": []
}`;

  it('leaves a JSON file without NGSI-LD members exactly as the JSON grammar colours it', () => {
    assert.deepEqual(scopesPerCharacter(json, PLAIN), scopesPerCharacter(plainJson, PLAIN));
  });

  it('only adds scopes: every character keeps the JSON scopes, in NGSI-LD payloads and in the repository files', () => {
    const texts = [NORMALIZED, SUBSCRIPTION, PLAIN];
    for (const file of ['package.json', 'examples/payloads/parking-batch.json', 'examples/payloads/weather-observed.normalized.jsonld']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      // Broken JSON may differ (see the next test); these files are meant to be valid.
      if (isJson(text)) texts.push(text);
    }
    for (const text of texts) assert.deepEqual(scopesPerCharacter(json, text, notNgsi), scopesPerCharacter(plainJson, text));
  });

  it('recovers like JSON from a missing comma, one member later at most', () => {
    // Without the comma, JSON reads the next member as part of the previous value until the next comma; a core
    // member name there is still marked as a member name, and a "q" member takes that comma with it.
    for (const text of ['{"a": 1\n "id": "x", "b": 2, "c": 3}', '{"a": 1\n "q": "x>1", "b": 2, "c": 3}']) {
      const tokens = tokenize(json, text);
      assertScopes(token(tokens, 'c'), ...KEY);
      assert.deepEqual(token(tokens, 'c').scopes, ['source.json', 'meta.structure.dictionary.json', ...KEY]);
      assertScopes(token(tokens, '3'), 'constant.numeric.json');
      assert.deepEqual(tokens[tokens.length - 1]!.scopes, ['source.json', 'meta.structure.dictionary.json', 'punctuation.definition.dictionary.end.json']);
    }
  });

  it('is injected into JSON with comments too, without disturbing comments', () => {
    const text = `// a subscription
{
  /* the id */ "id": "urn:ngsi-ld:Subscription:1", // trailing
  "type": "Subscription",
  "q": "speed>50", // after q
  "notification": {"endpoint": {"uri": "http://localhost/n"}}
}`;
    const tokens = tokenize(jsonc, text);
    assertScopes(token(tokens, 'id'), 'meta.structure.dictionary.json.comments', 'keyword.other.member.entity.ngsi-ld');
    assertScopes(token(tokens, 'speed'), 'meta.embedded.query.ngsi-ld', 'variable.other.attribute.ngsi-ld');
    assertScopes(token(tokens, ' after q'), 'comment.line.double-slash.js');
    assertNoNgsiScope(token(tokens, ' the id '));
    assertScopes(token(tokens, 'uri'), 'keyword.other.member.request.ngsi-ld');
    // Same structure as JSON with comments alone; the tokens we produce carry the "….json" names of the scopes.
    const ours = scopesPerCharacter(jsonc, text, notNgsi).map(asJson);
    const theirs = scopesPerCharacter(plainJsonc, text).map(asJson);
    assert.deepEqual(ours, theirs);
  });

  it('never looks inside ordinary strings and comments', () => {
    const text = '{"note": "the \\"id\\": and \\"Property\\" here", "x": "urn:ngsi-ld:Car:1 is inside"}';
    const tokens = tokenize(json, text);
    assert.ok(tokens.filter((t) => t.text.includes('id') || t.text.includes('Property')).every((t) => !t.scopes.some((s) => s.endsWith('.ngsi-ld'))));
    const comment = tokenize(jsonc, '{/* "id": "Property" */ "a": 1}');
    assert.ok(comment.every((t) => !t.scopes.some((s) => s.endsWith('.ngsi-ld'))));
  });
});
