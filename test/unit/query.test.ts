import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import {
  checkGeoQuery,
  checkRegex,
  parseAttrList,
  parseGeorel,
  parseProjection,
  parseQ,
  parseScopeQ,
  type GeoQueryFinding,
  type QNode,
  type QTerm,
  type QueryError,
} from '../../server/src/service/ngsi-ld/query/index';

// Helpers: every problem is asserted with its exact offsets, its severity, and words of its message that
// say what is expected.

type Result = { errors: QueryError[] };

function clean(r: Result, what = ''): void {
  assert.deepEqual(r.errors, [], `unexpected problems ${what}: ${JSON.stringify(r.errors)}`);
}

/** Exactly one problem, at [start, end), whose message matches every pattern. */
function one(r: Result, start: number, end: number, patterns: RegExp[], severity: 'error' | 'warning' = 'error'): QueryError {
  assert.equal(r.errors.length, 1, `expected one problem, got ${JSON.stringify(r.errors)}`);
  const e = r.errors[0]!;
  assert.deepEqual([e.start, e.end, e.severity], [start, end, severity], e.message);
  for (const p of patterns) assert.match(e.message, p);
  return e;
}

/** A compact picture of a q tree: terms as their text, groups in parentheses, and/or as arrays. */
function shape(text: string, node: QNode): unknown {
  switch (node.type) {
    case 'term':
      return text.slice(node.start, node.end);
    case 'group':
      return ['()', shape(text, node.child)];
    default:
      return [node.type, ...node.children.map((c) => shape(text, c))];
  }
}

function term(text: string): QTerm {
  const r = parseQ(text);
  assert.ok(r.ast && r.ast.type === 'term', JSON.stringify(r.errors));
  return r.ast;
}

// ---------------------------------------------------------------------------------------------------------

describe('q: terms and logical operators', () => {
  it('accepts a bare attribute as an existence test (NGSI-Q-002)', () => {
    for (const q of ['temperature', 'isMonitoredBy', 'invalidQuery']) {
      const r = parseQ(q);
      clean(r, q);
      assert.equal((r.ast as QTerm).test, 'exists');
    }
  });

  it('accepts !attr as a non-existence test, and refuses "!" with an operator or without a name', () => {
    assert.equal(term('!temperature').test, 'notExists');
    one(parseQ('!speed>5'), 0, 1, [/does not exist/, /speed!=value/]);
    one(parseQ('!'), 0, 1, [/"!" must be followed by an attribute name/]);
    one(parseQ('!(a)'), 0, 2, [/attribute name/, /found "\("/]);
  });

  it('accepts every operator', () => {
    for (const op of ['==', '!=', '>=', '<=', '>', '<']) {
      const t = term(`speed${op}50`);
      assert.deepEqual([t.operator?.op, t.operator?.start, t.operator?.end], [op, 5, 5 + op.length]);
    }
    for (const op of ['~=', '!~=']) assert.equal(term(`name${op}"^Eiffel"`).operator?.op, op);
  });

  it('refuses operators that are not in the grammar, saying which one is meant', () => {
    one(parseQ('speed=50'), 5, 6, [/"=" is not an operator/, /"=="/]);
    one(parseQ('speed=>50'), 5, 7, [/write ">="/]);
    one(parseQ('speed<>50'), 5, 7, [/"!="/]);
    one(parseQ('name~"x"'), 4, 5, [/"~="/]);
    one(parseQ('speed!50'), 5, 6, [/"!=" .* or "!~="/]);
    one(parseQ('speed$50'), 5, 6, [/not allowed/]); // "$" is read as part of the name
  });

  it('reads ";" (AND) as binding tighter than "|" (OR)', () => {
    const text = 'a;b|c;d|e';
    const r = parseQ(text);
    clean(r);
    assert.deepEqual(shape(text, r.ast!), ['or', ['and', 'a', 'b'], ['and', 'c', 'd'], 'e']);
  });

  it('refuses dangling and doubled logical operators', () => {
    one(parseQ('a;;b'), 2, 3, [/Two logical operators in a row/, /query term is expected between/]);
    one(parseQ(';a'), 0, 1, [/cannot start with ";"/, /query term is expected before/]);
    one(parseQ('a|'), 1, 2, [/query term is expected after "\|" \(OR\)/]);
    one(parseQ('a;'), 1, 2, [/query term is expected after ";" \(AND\)/]);
  });

  it('accepts "," between terms as the old OR, with a warning', () => {
    const r = parseQ('a>1,b<2');
    one(r, 3, 4, [/old way of writing OR/, /"\|"/], 'warning');
    assert.deepEqual(shape('a>1,b<2', r.ast!), ['or', 'a>1', 'b<2']);
  });

  it('refuses an empty query', () => {
    one(parseQ(''), 0, 0, [/empty/, /attribute name is expected/]);
    one(parseQ('  '), 0, 2, [/empty/]);
  });

  it('refuses something else where a logical operator is expected', () => {
    const spaced = parseQ('a==1 b==2');
    assert.deepEqual(spaced.errors.map((e) => [e.start, e.end, e.severity]), [[4, 5, 'warning'], [5, 6, 'error']]);
    assert.match(spaced.errors[1]!.message, /Expected ";" \(AND\), "\|" \(OR\) or "\)" after the query term, but found "b"/);
    const r = parseQ('a==1(b)');
    assert.deepEqual(r.errors.map((e) => [e.start, e.end]), [[4, 5]]);
    assert.match(r.errors[0]!.message, /Expected ";" \(AND\), "\|" \(OR\) or "\)"/);
  });
});

describe('q: parentheses', () => {
  it('nests groups (4.9 examples 6 and 7)', () => {
    const text = '((speed>50|rpm>3000);brandName=="Mercedes")';
    const r = parseQ(text);
    clean(r);
    assert.deepEqual(shape(text, r.ast!), ['()', ['and', ['()', ['or', 'speed>50', 'rpm>3000']], 'brandName=="Mercedes"']]);
    const seven = '(temperature>=20;temperature<=25)|capacity<=10';
    assert.deepEqual(shape(seven, parseQ(seven).ast!), ['or', ['()', ['and', 'temperature>=20', 'temperature<=25']], 'capacity<=10']);
  });

  it('refuses unbalanced and empty parentheses, at the parenthesis', () => {
    one(parseQ('(speed>5'), 0, 1, [/never closed/, /"\)" is expected/]);
    one(parseQ('speed>5)'), 7, 8, [/no matching "\("/]);
    one(parseQ('a;()'), 2, 4, [/Empty parentheses/, /query term is expected inside/]);
    one(parseQ('(a;)'), 2, 3, [/query term is expected after ";"/, /before "\)"/]);
    const r = parseQ('((a)');
    one(r, 0, 1, [/never closed/]);
  });

  it('reports each unclosed parenthesis, innermost first', () => {
    const r = parseQ('(a;(b');
    assert.deepEqual(r.errors.map((e) => [e.start, e.end]), [[3, 4], [0, 1]]);
  });
});

describe('q: attribute paths', () => {
  it('reads dotted sub-attribute paths (4.9 example 8)', () => {
    const t = term('temperature.observedAt>=2017-12-24T12:00:00Z');
    assert.deepEqual(t.attribute.names.map((n) => [n.name, n.start, n.end]), [['temperature', 0, 11], ['observedAt', 12, 22]]);
    assert.equal(t.value?.kind, 'dateTime');
  });

  it('refuses an empty name in a dotted path', () => {
    one(parseQ('a.==1'), 1, 2, [/attribute name is expected after "\."/]);
    one(parseQ('a..b==1'), 1, 2, [/attribute name is expected after "\.", but found "\."/]);
  });

  it('reads a [ ] path into a JSON value or a language (examples 9, 10)', () => {
    assert.deepEqual(term('address[city]=="Berlin"').attribute.member?.map((m) => m.name), ['city']);
    const t = term('sensor.rawdata[airquality.particulate]==40');
    assert.deepEqual([t.attribute.names.map((n) => n.name), t.attribute.member?.map((m) => [m.name, m.start, m.end])], [['sensor', 'rawdata'], [['airquality', 15, 25], ['particulate', 26, 37]]]);
    assert.deepEqual(term('name[*]=="red"').attribute.member?.map((m) => m.name), ['*']);
    assert.deepEqual(term('name[en-GB]=="red"').attribute.member?.map((m) => m.name), ['en-GB']);
  });

  it('refuses an unclosed "[" once, at the "[", and still checks the rest (NGSI-Q-004)', () => {
    const text = 'address[city=="Madrid"';
    one(parseQ(text), 7, 8, [/"\[" is not closed/, /"\]" is expected after "city"/]);
    const more = parseQ('address[city=="Madrid";x>');
    assert.deepEqual(more.errors.map((e) => [e.start, e.end]), [[7, 8], [24, 25]], 'the rest of the query is still checked');
    one(parseQ('a['), 1, 2, [/not closed/, /member name and "\]" are expected/]);
    one(parseQ('a[]==1'), 1, 3, [/Empty "\[ \]"/, /member name is expected inside/]);
    one(parseQ('a[b][c]==1'), 4, 7, [/Only one "\[ \]" path/, /a\[b\.c\]/]);
  });

  it('reads linked-entity paths with and without entity type hints (examples 13, 14)', () => {
    const plain = term('sensor{humidity}==40').attribute;
    assert.deepEqual([plain.links.map((l) => l.relationship.name), plain.names.map((n) => n.name)], [['sensor'], ['humidity']]);
    const typed = term('sensor{Device,Sensor:humidity}==40').attribute;
    assert.deepEqual(typed.links[0]!.entityTypes.map((t) => [t.name, t.start, t.end]), [['Device', 7, 13], ['Sensor', 14, 20]]);
    assert.deepEqual(term('a{b{c.d[e]}}').attribute.names.map((n) => n.name), ['c', 'd']);
  });

  it('refuses an unclosed "{" and a linked path after a dotted path', () => {
    one(parseQ('sensor{humidity==40'), 6, 7, [/"\{" is not closed/, /"\}" is expected/]);
    one(parseQ('a.b{c}==1'), 3, 4, [/single Relationship name/]);
    one(parseQ('sensor{Device,:humidity}'), 13, 14, [/entity type is expected after ","/]);
  });

  it('checks names against the name grammar, at the offending character', () => {
    clean(parseQ('schema:name=="x"'), 'compact IRI');
    clean(parseQ('température>5;名前=="x"'), 'Unicode letters');
    one(parseQ('air-quality>5'), 3, 4, [/"air-quality" is not a valid attribute name/, /"-" is not allowed/, /letters, digits and "_"/]);
    one(parseQ('2ndFloor'), 0, 1, [/must start with a letter/, /starts with "2"/]);
    one(parseQ('_x'), 0, 1, [/must start with a letter/]);
    one(parseQ('a%3D%3D1'), 1, 2, [/URL encoding/, /"="/]);
  });

  it('refuses a full IRI as an attribute (4.9: short names only)', () => {
    const text = 'https://schema.org/name=="x"';
    one(parseQ(text), 0, 23, [/full IRI/, /short name \(term\)/]);
    one(parseQ('urn:ngsi-ld:speed>3'), 0, 17, [/full IRI/]);
  });

  it('lists the attributes it uses, with offsets and roles', () => {
    const r = parseQ('speed>50;sensor{Device:humidity.observedAt}==1|address[city]=="x"');
    assert.deepEqual(r.attributes.map((a) => [a.name, a.start, a.end, a.role]), [
      ['speed', 0, 5, 'attribute'],
      ['sensor', 9, 15, 'attribute'],
      ['humidity', 23, 31, 'linked-attribute'],
      ['observedAt', 32, 42, 'sub-attribute'],
      ['address', 47, 54, 'attribute'],
    ]);
  });
});

describe('q: values', () => {
  it('reads JSON strings with their escapes', () => {
    const v = term('name=="a\\"b\\u00e9\\n"').value!;
    assert.deepEqual([v.kind, v.kind === 'string' && v.value, v.start, v.end], ['string', 'a"bé\n', 6, 20]);
    clean(parseQ('name=="Eiffel%20Tower"'));
    clean(parseQ('name=="a;b|c)"'), 'logical characters inside a string');
  });

  it('refuses unclosed strings, bad escapes, raw control characters and single quotes', () => {
    one(parseQ('name=="Eiffel'), 6, 13, [/not closed/, /closing " is expected/]);
    one(parseQ('name=="a\\qb"'), 8, 10, [/"\\q" is not a valid escape/, /\\u followed by four hex digits/]);
    one(parseQ('name=="a\\u12"'), 8, 12, [/"\\u12" is not a valid escape/]);
    one(parseQ('name=="a\tb"'), 8, 9, [/tab must be escaped/]);
    const text = "foodName=='dietary fibres'";
    one(parseQ(text), 10, 26, [/double quotes/, /"dietary fibres"/]);
  });

  it('reads numbers, booleans, DateTimes, Dates, Times and URIs', () => {
    const kinds = (q: string) => {
      const v = term(q).value!;
      return [v.kind, 'value' in v ? v.value : undefined];
    };
    assert.deepEqual(kinds('a==-3.5'), ['number', -3.5]);
    assert.deepEqual(kinds('a>=1.2e3'), ['number', 1200]);
    assert.deepEqual(kinds('a==true'), ['boolean', true]);
    assert.deepEqual(kinds('a!=false'), ['boolean', false]);
    assert.deepEqual(kinds('a<2024-05-01T10:00:00.5Z'), ['dateTime', '2024-05-01T10:00:00.5Z']);
    assert.deepEqual(kinds('a>2024-05-01'), ['date', '2024-05-01']);
    assert.deepEqual(kinds('a>12:00:00Z'), ['time', '12:00:00Z']);
    assert.deepEqual(kinds('isParked==urn:ngsi-ld:OffStreetParking:Downtown1'), ['uri', 'urn:ngsi-ld:OffStreetParking:Downtown1']);
    assert.deepEqual(kinds('a==https://example.org/x?y=1'), ['uri', 'https://example.org/x?y=1']);
  });

  it('refuses malformed numbers and dates, on the value', () => {
    one(parseQ('a==1.2.3'), 3, 8, [/not a valid number/, /expected e\.g\. 42/]);
    one(parseQ('a>05'), 2, 4, [/not a valid number/]);
    one(parseQ('a>2024-13-01'), 2, 12, [/month is out of range/]);
    one(parseQ('a>2024-1-1'), 2, 10, [/not a valid Date or DateTime/, /2024-01-31/]);
    one(parseQ('a>12:61'), 2, 7, [/minute is out of range/]);
  });

  it('refuses a missing value, naming what is expected after each operator', () => {
    one(parseQ('speed>'), 5, 6, [/A value is expected after ">"/, /a number, a "quoted string" or a DateTime/]);
    one(parseQ('a==;b'), 1, 3, [/A value is expected after "=="/, /range/, /list/]);
    one(parseQ('a~='), 1, 3, [/regular expression as a "quoted string"/]);
    const r = parseQ('speed>;brand==');
    assert.deepEqual(r.errors.map((e) => [e.start, e.end]), [[5, 6], [12, 14]], 'two errors, no cascade');
  });

  it('accepts an unquoted word after == as a vocabulary term, with a warning; refuses it after > (4.9 example 12)', () => {
    one(parseQ('gender==Male'), 8, 12, [/vocabulary term/, /expandValues/, /"Male"/], 'warning');
    one(parseQ('brand>Mercedes'), 6, 14, [/double quotes/, /"Mercedes"/]);
    const spaced = parseQ('a==hello world');
    assert.deepEqual(spaced.errors.map((e) => [e.start, e.end, e.severity]), [[3, 8, 'warning'], [8, 9, 'warning'], [9, 10, 'error']]);
  });

  it('refuses booleans and URIs with ordering operators', () => {
    one(parseQ('a>true'), 2, 6, [/true and false can only be compared with "==" or "!="/]);
    one(parseQ('a<=urn:x:1'), 3, 10, [/URI can only be compared with "==" or "!="/]);
  });

  it('reads ranges of numbers, strings and dates; refuses them with other operators (NGSI-Q-003)', () => {
    const v = term('temperature==20..30').value!;
    assert.ok(v.kind === 'range');
    assert.deepEqual([v.from.value, v.to.value, v.start, v.end], [20, 30, 13, 19]);
    clean(parseQ('name!="a".."m"'));
    clean(parseQ('d==2024-01-01..2024-12-31'));
    clean(parseQ('t==2024-01-01T00:00:00Z..2024-01-02T00:00:00Z'));
    one(parseQ('temperature>20..30'), 12, 18, [/range \(a\.\.b\) can only be used with "==" or "!="/]);
    one(parseQ('a==1..'), 4, 6, [/value is expected after "\.\."/, /upper end/]);
    one(parseQ('a==1.."z"'), 3, 9, [/same kind/, /from a number to a string/]);
    const booleans = parseQ('a==true..false');
    assert.deepEqual(booleans.errors.map((e) => [e.start, e.end]), [[3, 7], [9, 14]]);
    assert.match(booleans.errors[0]!.message, /range goes between two numbers, "quoted strings", Dates, Times or DateTimes, not a boolean/);
  });

  it('reads lists; refuses them with other operators and catches a new term after a comma', () => {
    const v = term('color=="black","red"').value!;
    assert.ok(v.kind === 'list');
    assert.deepEqual(v.items.map((i) => i.value), ['black', 'red']);
    clean(parseQ('color=="black", "red"'), 'the spec writes a space after the comma');
    clean(parseQ('a==1,2,3'));
    clean(parseQ('ref==urn:a:1,urn:a:2'), 'URIs in a list');
    one(parseQ('a>1,2'), 2, 5, [/list of values \(a,b,c\) can only be used with "==" or "!="/]);
    one(parseQ('a==1,'), 4, 5, [/value is expected after ","/]);
    one(parseQ('a==1,b==2'), 4, 5, [/looks like a new query term/, /"\|" for OR or ";" for AND/]);
    one(parseQ('a==1,2..3'), 6, 8, [/list of values cannot hold a range/]);
  });

  it('compiles ~= patterns, and reports where they do not compile (never running them)', () => {
    clean(parseQ('name~="^Eiff.*"'));
    clean(parseQ('name!~="(?i)tower"'), 'leading inline flags, as PCRE and Java accept');
    clean(parseQ('name~="a++(?>b)(?i:c)"'), 'possessive, atomic and flag groups');
    clean(parseQ('name~="(a|b);x"'), '";" inside a quoted pattern');
    one(parseQ('name~="(ab"'), 7, 8, [/"\(" that is never closed/, /"\)" is expected/]);
    one(parseQ('name~="ab)"'), 9, 10, [/"\)" without a matching "\("/]);
    one(parseQ('name~="[ab"'), 7, 8, [/"\[" that is never closed/]);
    one(parseQ('name~="*a"'), 7, 8, [/nothing to repeat/]);
    one(parseQ('name~="a\\\\"'), 8, 10, [/lone "\\"/]); // the pattern is a\ : the escape maps back to two characters
    one(parseQ('name~="\\\\d+("'), 11, 12, [/never closed/], 'error'); // offsets map through the string's escapes
    one(parseQ('name~="a{2,1}"'), 7, 13, [/does not compile/]);
    assert.equal(checkRegex('(a+)+$'), undefined);
  });

  it('accepts an unquoted pattern with a warning, ending it at ";" "|" or an unbalanced ")"', () => {
    const text = '(name~=Ei(ff|el).*);b';
    const r = parseQ(text);
    one(r, 7, 18, [/quoted string/], 'warning');
    assert.deepEqual(shape(text, r.ast!), ['and', ['()', 'name~=Ei(ff|el).*'], 'b']);
    const bad = parseQ('name~=(ab');
    assert.deepEqual(bad.errors.map((e) => [e.start, e.end, e.severity]), [[6, 9, 'warning'], [6, 7, 'error']]);
  });

  it('warns about spaces outside strings, once per run', () => {
    one(parseQ('a==1 ;b'), 4, 5, [/Spaces are not part of the q grammar/], 'warning');
    clean(parseQ('a=="x y"'));
  });

  it('collects several independent errors without cascading', () => {
    const r = parseQ('2a>1;b==;c[d==1;e=="x');
    assert.deepEqual(r.errors.map((e) => [e.start, e.end]), [[0, 1], [6, 8], [10, 11], [19, 21]]);
    assert.equal(r.ast, undefined);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('georel', () => {
  it('accepts every relation, and near with either distance', () => {
    for (const g of ['within', 'contains', 'intersects', 'equals', 'disjoint', 'overlaps']) {
      const r = parseGeorel(g);
      clean(r, g);
      assert.equal(r.georel?.relation, g);
    }
    const near = parseGeorel('near;maxDistance==2000');
    clean(near);
    assert.deepEqual(near.georel?.distance, { modifier: 'maxDistance', value: 2000, text: '2000', start: 18, end: 22 });
    assert.equal(parseGeorel('near;minDistance==10').georel?.distance?.modifier, 'minDistance');
  });

  it('refuses unknown relations, with the expected list and a likely fix', () => {
    one(parseGeorel('Within'), 0, 6, [/case-sensitive/, /"within"/]);
    one(parseGeorel('withn'), 0, 5, [/did you mean "within"/, /near;maxDistance==<metres>/]);
    one(parseGeorel('inside'), 0, 6, [/not a georel/, /Expected one of/]);
    one(parseGeorel(''), 0, 0, [/empty/]);
    one(parseGeorel(';near'), 0, 1, [/starts with a relation/]);
  });

  it('needs a distance for near, and none for the others (NGSI-GEOQ-001)', () => {
    one(parseGeorel('near'), 0, 4, [/near needs a distance/, /near;maxDistance==<metres>/]);
    one(parseGeorel('near,maxDistance==5'), 4, 5, [/Expected ";" after "near"/]);
    one(parseGeorel('near;distance==5'), 5, 13, [/Expected maxDistance or minDistance/]);
    one(parseGeorel('near;MaxDistance==5'), 5, 16, [/case-sensitive/, /"maxDistance"/]);
    one(parseGeorel('near;maxDistance=5'), 16, 17, [/"==" is expected after "maxDistance"/]);
    one(parseGeorel('near;maxDistance=='), 16, 18, [/distance in metres is expected after "=="/]);
    one(parseGeorel('within;maxDistance==3'), 6, 21, [/Only near takes a distance/]);
    one(parseGeorel('within '), 6, 7, [/no spaces/]);
  });

  it('needs a positive number of metres; warns about fractions (Stellio: integers only)', () => {
    one(parseGeorel('near;maxDistance==0'), 18, 19, [/greater than 0/]);
    one(parseGeorel('near;maxDistance==-5'), 18, 20, [/greater than 0/]);
    one(parseGeorel('near;maxDistance==abc'), 18, 21, [/not a number/, /metres/]);
    one(parseGeorel('near;maxDistance==12km'), 20, 22, [/Unexpected text after the distance/]);
    one(parseGeorel('near;maxDistance==20.5'), 18, 22, [/Stellio accepts only whole numbers/], 'warning');
    one(parseGeorel('near;maxDistance==2e3'), 18, 21, [/Stellio/], 'warning');
  });
});

describe('geo-query', () => {
  const findings = (f: GeoQueryFinding[]) => f.map((x) => [x.member, x.severity, x.start, x.end, x.path]);

  it('accepts well-formed queries, with coordinates as a JSON array or a string', () => {
    assert.deepEqual(checkGeoQuery({ georel: 'near;maxDistance==2000', geometry: 'Point', coordinates: [-8.52, 41.2], geoproperty: 'location' }).findings, []);
    assert.deepEqual(checkGeoQuery({ georel: 'within', geometry: 'Polygon', coordinates: '[[[100.0, 0.0], [101.0, 0.0], [101.0, 1.0], [100.0, 1.0], [100.0, 0.0]]]' }).findings, []);
    assert.deepEqual(checkGeoQuery({ georel: 'intersects', geometry: 'LineString', coordinates: [[0, 0], [1, 1]] }).findings, []);
    assert.deepEqual(checkGeoQuery({ georel: 'within', geometry: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] }).findings, []);
    assert.deepEqual(checkGeoQuery({ georel: 'near;minDistance==5', geometry: 'Point', coordinates: [1, 2, 30] }).findings, [], 'altitude is allowed');
  });

  it('needs georel, geometry and coordinates, and checks their JSON types', () => {
    const r = checkGeoQuery({ geoproperty: 'location' });
    assert.deepEqual(r.findings.map((f) => [f.member, f.severity]), [['geoQ', 'error'], ['geoQ', 'error'], ['geoQ', 'error']]);
    assert.match(r.findings[0]!.message, /needs "georel"/);
    assert.match(r.findings[1]!.message, /needs "geometry"/);
    assert.match(r.findings[2]!.message, /needs "coordinates"/);
    const types = checkGeoQuery({ georel: 5, geometry: ['Point'], coordinates: { x: 1 }, geoproperty: 3 });
    assert.deepEqual(types.findings.map((f) => f.member), ['georel', 'geometry', 'coordinates', 'geoproperty']);
    assert.match(types.findings[2]!.message, /must be an array/);
  });

  it('passes georel problems on, with offsets inside the string', () => {
    const r = checkGeoQuery({ georel: 'near', geometry: 'Point', coordinates: [1, 2] });
    assert.deepEqual(findings(r.findings), [['georel', 'error', 0, 4, undefined]]);
  });

  it('checks the geometry type', () => {
    const f = (geometry: string) => checkGeoQuery({ georel: 'intersects', geometry, coordinates: [1, 2] }).findings;
    assert.deepEqual(findings(f('point')), [['geometry', 'error', 0, 5, undefined]]);
    assert.match(f('point')[0]!.message, /case-sensitive: write "Point"/);
    assert.match(f('GeometryCollection')[0]!.message, /not allowed in a geo-query/);
    assert.match(f('Circle')[0]!.message, /not a GeoJSON geometry type: use one of Point/);
  });

  it('checks what the brokers accept together (NGSI-GEOQ-002)', () => {
    const nearLine = checkGeoQuery({ georel: 'near;maxDistance==10', geometry: 'LineString', coordinates: [[0, 0], [1, 1]] }).findings;
    assert.deepEqual(findings(nearLine), [['geometry', 'warning', 0, 10, undefined]]);
    assert.match(nearLine[0]!.message, /Orion-LD accepts near only with a Point/);
    const withinPoint = checkGeoQuery({ georel: 'within', geometry: 'Point', coordinates: [0, 0] }).findings;
    assert.deepEqual(findings(withinPoint), [['geometry', 'error', 0, 5, undefined]]);
    assert.match(withinPoint[0]!.message, /Polygon or MultiPolygon/);
    const multi = checkGeoQuery({ georel: 'intersects', geometry: 'MultiPoint', coordinates: [[0, 0]] }).findings;
    assert.deepEqual(findings(multi), [['geometry', 'warning', 0, 10, undefined]]);
    assert.match(multi[0]!.message, /Scorpio/);
  });

  it('checks the nesting of coordinates against the geometry (NGSI-GEOQ-003)', () => {
    const ring = '[[100.0, 0.0], [101.0, 0.0], [101.0, 1.0], [100.0, 1.0], [100.0, 0.0]]';
    const r = checkGeoQuery({ georel: 'within', geometry: 'Polygon', coordinates: ring }).findings;
    assert.deepEqual(findings(r), [['coordinates', 'error', 0, ring.length, undefined]]);
    assert.match(r[0]!.message, /array of linear rings/);
    assert.match(r[0]!.message, /Add one more pair of \[ \]/);
    const point = checkGeoQuery({ georel: 'near;maxDistance==1', geometry: 'Point', coordinates: [[1, 2]] }).findings;
    assert.match(point[0]!.message, /one position \[longitude, latitude\].*Remove one pair/);
  });

  it('checks positions, rings and line lengths, placing each finding at its index path', () => {
    const f = (geometry: string, coordinates: unknown) => findings(checkGeoQuery({ georel: 'intersects', geometry, coordinates }).findings);
    assert.deepEqual(f('Polygon', [[[0, 0], [1, 0], [1, 1], [0, 1]]]), [['coordinates', 'error', undefined, undefined, [0, 3]]]);
    assert.deepEqual(f('Polygon', [[[0, 0], [1, 0], [0, 0]]]), [['coordinates', 'error', undefined, undefined, [0]]]);
    assert.deepEqual(f('LineString', [[0, 0]]), [['coordinates', 'error', undefined, undefined, []]]);
    assert.deepEqual(f('LineString', [[0, 0], [200, 0]]), [['coordinates', 'error', undefined, undefined, [1, 0]]]);
    assert.deepEqual(f('Point', [1]), [['coordinates', 'error', undefined, undefined, []]]);
    assert.deepEqual(f('Point', [1, '2']), [['coordinates', 'error', undefined, undefined, [1]]]);
    const messages = (geometry: string, coordinates: unknown) => checkGeoQuery({ georel: 'intersects', geometry, coordinates }).findings.map((x) => x.message);
    assert.match(messages('Polygon', [[[0, 0], [1, 0], [1, 1], [0, 1]]])[0]!, /not closed: its last position must repeat the first, \[0, 0\]/);
    assert.match(messages('Polygon', [[[0, 0], [1, 0], [0, 0]]])[0]!, /at least 4 positions/);
    assert.match(messages('LineString', [[0, 0]])[0]!, /at least 2 positions/);
    assert.match(messages('Point', [1, '2'])[0]!, /write 2 without quotes/);
    assert.match(messages('MultiPoint', [])[0]!, /at least one position/);
  });

  it('checks longitude and latitude ranges and spots swapped pairs', () => {
    const swapped = checkGeoQuery({ georel: 'near;maxDistance==5', geometry: 'Point', coordinates: [41.38, 120] }).findings;
    assert.deepEqual(findings(swapped), [['coordinates', 'error', undefined, undefined, []]]);
    assert.match(swapped[0]!.message, /look swapped, \[120, 41\.38\]/);
    const far = checkGeoQuery({ georel: 'near;maxDistance==5', geometry: 'Point', coordinates: '[190, 95]' }).findings;
    assert.deepEqual(findings(far), [['coordinates', 'error', 1, 4, undefined], ['coordinates', 'error', 6, 8, undefined]]);
    assert.match(far[0]!.message, /Longitude 190 is out of range/);
    assert.match(far[1]!.message, /Latitude 95 is out of range/);
  });

  it('reads coordinate strings with offsets, and reports JSON mistakes in them', () => {
    const f = (coordinates: string) => checkGeoQuery({ georel: 'near;maxDistance==5', geometry: 'Point', coordinates }).findings;
    assert.deepEqual(findings(f('[1,"x"]')), [['coordinates', 'error', 3, 6, undefined]]);
    assert.match(f('[1,"x"]')[0]!.message, /numbers and arrays only/);
    assert.deepEqual(findings(f('[1,2')), [['coordinates', 'error', 0, 1, undefined]]);
    assert.match(f('[1,2')[0]!.message, /never closed/);
    assert.deepEqual(findings(f('[1,]')), [['coordinates', 'error', 2, 3, undefined]]);
    assert.deepEqual(findings(f('[1 2]')), [['coordinates', 'error', 3, 4, undefined]]);
    assert.match(f('[1 2]')[0]!.message, /Expected "," or "\]"/);
    assert.match(f('40.4,-3.7')[0]!.message, /square brackets/);
    assert.deepEqual(findings(f('[1,2] x')), [['coordinates', 'error', 6, 7, undefined]]);
  });

  it('needs geoproperty to be a short name (4.10)', () => {
    const iri = checkGeoQuery({ georel: 'within', geometry: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]], geoproperty: 'https://uri.etsi.org/ngsi-ld/location' }).findings;
    assert.deepEqual(findings(iri), [['geoproperty', 'error', 0, 37, undefined]]);
    assert.match(iri[0]!.message, /short name/);
    const bad = checkGeoQuery({ georel: 'within', geometry: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]], geoproperty: 'my-location' }).findings;
    assert.deepEqual(findings(bad), [['geoproperty', 'error', 2, 3, undefined]]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('scopeQ', () => {
  it('accepts the 4.19 forms', () => {
    for (const s of ['/Madrid', '/Madrid/Gardens/#', '/Madrid/+/ParqueNorte', '(/Madrid/Districts;/CompanyA)', '(/Madrid/Districts;/CompanyA)|/CompanyB', '(/Madrid/Districts;/CompanyA),/CompanyB', '/#', '/Nantes/+']) {
      clean(parseScopeQ(s), s);
    }
    const r = parseScopeQ('(/a/#;/b/+)|/c');
    assert.ok(r.ast?.type === 'or');
    const group = r.ast.children[0]!;
    assert.ok(group.type === 'group' && group.child.type === 'and');
    const [first, second] = group.child.children;
    assert.ok(first?.type === 'scope' && second?.type === 'scope');
    assert.deepEqual([first.levels.map((l) => l.name), first.descendants, second.levels.map((l) => l.name)], [['a'], true, ['b', '+']]);
    assert.deepEqual(r.scopes, [{ path: '/a/#', start: 1, end: 5 }, { path: '/b/+', start: 6, end: 10 }, { path: '/c', start: 12, end: 14 }]);
  });

  it('refuses empty levels, misplaced "#" and "+", and bad level names', () => {
    one(parseScopeQ('/Madrid//x'), 7, 9, [/Empty scope level/]);
    one(parseScopeQ('/Madrid/'), 7, 8, [/scope level is expected after "\/"/, /does not end with "\/"/]);
    one(parseScopeQ('/'), 0, 1, [/scope level is expected after "\/"/]);
    one(parseScopeQ('/Madrid#'), 7, 8, [/"#" must follow a "\/"/, /\/Madrid\/#/]);
    one(parseScopeQ('/a/#/b'), 3, 4, [/must be the last level/]);
    one(parseScopeQ('/a+b'), 2, 3, [/Expected "\|" or ","/, /found "\+"/]);
    one(parseScopeQ('/+b'), 1, 2, [/one whole level/]);
    one(parseScopeQ('/2nd'), 1, 2, [/must start with a letter/]);
    one(parseScopeQ('/a-b'), 2, 3, [/"-" is not allowed/]);
  });

  it('needs parentheses around AND (4.19), and balanced ones', () => {
    one(parseScopeQ('/a;/b'), 2, 3, [/needs parentheses/, /\(\/Madrid\/Districts;\/CompanyA\)/]);
    one(parseScopeQ('(/a;/b'), 0, 1, [/never closed/]);
    one(parseScopeQ('/a)'), 2, 3, [/no matching "\("/]);
    one(parseScopeQ('()'), 0, 2, [/Empty parentheses/]);
    one(parseScopeQ('/a|'), 2, 3, [/scope is expected after "\|"/]);
    one(parseScopeQ('/a,,/b'), 3, 4, [/Two operators in a row/]);
    one(parseScopeQ(''), 0, 0, [/empty/]);
  });

  it('warns about a scope without its leading "/" (4.19 example 5 writes one)', () => {
    one(parseScopeQ('(/a;/b)|CompanyB'), 8, 16, [/starts with "\/"/, /"\/CompanyB"/], 'warning');
    const r = parseScopeQ('Madrid//');
    assert.deepEqual(r.errors.map((e) => [e.start, e.end, e.severity]), [[0, 6, 'warning'], [6, 8, 'error']]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('attribute lists (attrs, watchedAttributes)', () => {
  it('returns the names with offsets', () => {
    const r = parseAttrList('speed,schema:name,température');
    clean(r);
    assert.deepEqual(r.names.map((n) => [n.name, n.start, n.end]), [['speed', 0, 5], ['schema:name', 6, 17], ['température', 18, 29]]);
    clean(parseAttrList('https://ngsi-ld-test-suite/context#airQualityLevel'), 'a full IRI expands to itself');
  });

  it('refuses empty names, stray separators, entity members and invalid names', () => {
    one(parseAttrList('a,,b'), 2, 3, [/Two commas in a row/, /attribute name is expected between them/]);
    one(parseAttrList(',a'), 0, 1, [/cannot start with ","/]);
    one(parseAttrList('a,'), 1, 2, [/attribute name is expected after ","/]);
    one(parseAttrList(''), 0, 0, [/empty/]);
    one(parseAttrList('id,speed'), 0, 2, [/"id" is an entity member/, /pick or omit/]);
    one(parseAttrList('speed|type'), 5, 6, [/separated by ","/]);
    one(parseAttrList('speed,air-quality'), 9, 10, [/"-" is not allowed/]);
  });

  it('warns about duplicates and spaces', () => {
    one(parseAttrList('a,b,a'), 4, 5, [/listed twice/], 'warning');
    one(parseAttrList('a, b'), 2, 3, [/Spaces/], 'warning');
  });
});

describe('pick and omit projections', () => {
  it('reads names, braces for linked entities (4.21), and both separators', () => {
    const r = parseProjection('id,observation{temperature|humidity{unit}},name');
    clean(r);
    assert.deepEqual(r.terms!.map((t) => t.name), ['id', 'observation', 'name']);
    const linked = r.terms![1]!.linked!;
    assert.deepEqual([linked.start, linked.end, linked.terms.map((t) => t.name)], [14, 42, ['temperature', 'humidity']]);
    assert.deepEqual(linked.terms[1]!.linked!.terms.map((t) => [t.name, t.start, t.end]), [['unit', 36, 40]]);
    assert.deepEqual(r.names.map((n) => n.name), ['id', 'observation', 'temperature', 'humidity', 'unit', 'name']);
  });

  it('refuses unclosed or stray braces, consecutive separators and empty names', () => {
    one(parseProjection('a{b'), 1, 2, [/never closed/, /"\}" is expected/]);
    one(parseProjection('a}'), 1, 2, [/no matching "\{"/]);
    one(parseProjection('a,,b'), 2, 3, [/Two separators in a row/]);
    one(parseProjection('a|,b'), 2, 3, [/Two separators in a row/]);
    one(parseProjection('a,'), 1, 2, [/name is expected after ","/]);
    one(parseProjection('|a'), 0, 1, [/name is expected before "\|"/]);
    one(parseProjection('a{}'), 1, 3, [/Empty braces/]);
    one(parseProjection('{a}'), 0, 1, [/must follow a Relationship name/]);
    one(parseProjection('a{b,}'), 3, 4, [/name is expected after ","/, /before "\}"/]);
    one(parseProjection('a{b}c'), 4, 5, [/Expected "," or "\|" after "\}"/]);
    one(parseProjection('a{b}{c}'), 4, 5, [/Only one "\{…\}"/]);
    one(parseProjection('2a'), 0, 1, [/must start with a letter/]);
  });

  it('warns about a full IRI (4.21 uses the short AttrName)', () => {
    one(parseProjection('https://schema.org/name'), 0, 23, [/full IRI/, /short names/], 'warning');
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('hostile input', () => {
  const N = 100_000;
  const MB = 'x'.repeat(1 << 20);
  const options = { timeout: 30_000 };

  it('survives 100 000 nested parentheses and braces without overflowing the stack', options, () => {
    const deep = parseQ('('.repeat(N) + 'a' + ')'.repeat(N));
    assert.equal(deep.ast, undefined);
    assert.equal(deep.errors.length, 1);
    assert.match(deep.errors[0]!.message, /nested more than 200 levels/);
    const unclosed = parseQ('('.repeat(N));
    assert.equal(unclosed.errors.length, 50, 'problems are capped');
    assert.equal(parseQ(')'.repeat(N)).errors.length, 50);
    assert.equal(parseQ('a{'.repeat(N) + 'b' + '}'.repeat(N) + '==1').errors.length, 0);
    assert.equal(parseScopeQ('('.repeat(N) + '/a' + ')'.repeat(N)).errors.length, 1);
    assert.equal(parseProjection('a{'.repeat(N) + 'b' + '}'.repeat(N)).errors.length, 1);
    assert.equal(checkGeoQuery({ georel: 'within', geometry: 'Polygon', coordinates: '['.repeat(N) }).findings.length, 1);
    let nested: unknown = [0, 0];
    for (let i = 0; i < 1000; i++) nested = [nested];
    assert.equal(checkGeoQuery({ georel: 'within', geometry: 'Polygon', coordinates: nested }).findings.length, 1);
    assert.equal(checkRegex('('.repeat(N) + ')'.repeat(N)), undefined);
  });

  it('reads 1 MB strings in linear time', options, () => {
    clean(parseQ(`a=="${MB}"`));
    assert.equal(parseQ(`a=="${MB}`).errors.length, 1);
    clean(parseQ(`a${MB}`));
    clean(parseQ(`a~="${MB}"`));
    assert.equal(parseQ(';'.repeat(1 << 20)).errors.length, 50);
    assert.equal(parseQ('"'.repeat(1 << 20)).errors.length, 1);
    assert.equal(parseQ(`a${'['.repeat(1 << 20)}`).errors.length, 1);
    clean(parseScopeQ(`/${MB}`));
    clean(parseProjection(`a,${MB}`));
    clean(parseAttrList(`a,${MB}`));
    assert.equal(parseGeorel(`near;maxDistance==${'1'.repeat(1 << 20)}`).errors.length, 0);
    const bigRing = Array.from({ length: 200_000 }, (_, i) => [i % 180, i % 90]);
    bigRing.push([0, 0]);
    assert.deepEqual(checkGeoQuery({ georel: 'within', geometry: 'Polygon', coordinates: [bigRing] }).findings, []);
    assert.deepEqual(checkGeoQuery({ georel: 'within', geometry: 'Polygon', coordinates: JSON.stringify([bigRing]) }).findings, []);
  });

  it('never runs a user pattern: a catastrophic one is only compiled', options, () => {
    clean(parseQ('name~="^(a+)+$"'));
    clean(parseQ(`name~="(${'a*'.repeat(10_000)})*b"`));
  });
});

// ---------------------------------------------------------------------------------------------------------

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

/**
 * Query strings in the corpus that are genuinely invalid, keyed "file#member". Everything else found in a
 * request payload must parse without errors (warnings are allowed).
 */
const INVALID_IN_CORPUS: Record<string, string> = {
  // Single quotes are not string delimiters in q (4.9: quotedStr is a JSON string; Stellio's own docs say
  // "must be double-quoted"). Stellio's fixture relies on its lenient SQL translation.
  'stellio-fixtures/subscription-service/src/test/resources/ngsild/subscription_full.json#q': 'single-quoted string',
  'stellio-fixtures/subscription-service/src/test/resources/ngsild/subscription.jsonld#q': 'single-quoted string',
  // A Polygon given as a single ring [[lon,lat],…] instead of an array of rings [[[lon,lat],…]] (RFC 7946
  // 3.1.6); the .json twin of this fixture has the right nesting.
  'stellio-fixtures/subscription-service/src/test/resources/ngsild/subscription_update.jsonld#geoQ': 'Polygon coordinates nested one level too shallow',
};

interface Found {
  key: string;
  value: unknown;
  errors: string[];
}

function walkFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walkFiles(full, out);
    else if (/\.json(ld)?$/.test(name)) out.push(full);
  }
  return out;
}

/** Every query-language member of a request payload, checked. `@context` subtrees are skipped (terms, not queries). */
function queriesIn(file: string, json: unknown): Found[] {
  const found: Found[] = [];
  const errorsOf = (r: Result) => r.errors.filter((e) => e.severity === 'error').map((e) => e.message);
  const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const stack: [unknown, string | undefined][] = [[json, undefined]];
  while (stack.length > 0) {
    const [node, parentKey] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, parentKey]);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === '@context') continue;
      const add = (errors: string[]) => found.push({ key: `${file}#${key}`, value, errors });
      if (key === 'q' && typeof value === 'string') add(errorsOf(parseQ(value)));
      else if (key === 'scopeQ' && typeof value === 'string') add(errorsOf(parseScopeQ(value)));
      else if (key === 'geoQ' && value && typeof value === 'object') add(checkGeoQuery(value).findings.filter((f) => f.severity === 'error').map((f) => f.message));
      else if (key === 'pick' || key === 'omit') add(strings(value).flatMap((s) => errorsOf(parseProjection(s))));
      else if (key === 'attrs' || key === 'watchedAttributes' || (key === 'attributes' && parentKey === 'notification')) {
        add(strings(value).flatMap((s) => errorsOf(parseAttrList(s))));
      }
      if (value && typeof value === 'object') stack.push([value, key]);
    }
  }
  return found;
}

describe('corpus', () => {
  it('parses every q, geoQ, scopeQ, pick, omit and attribute list in the request payloads', { skip: !existsSync(CORPUS) && 'no ../shared/corpus' }, () => {
    const all: Found[] = [];
    for (const full of walkFiles(CORPUS)) {
      const file = relative(CORPUS, full).split('\\').join('/');
      if (file.includes('/expectations/') || /invalid/i.test(file.split('/').pop()!)) continue;
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(full, 'utf8'));
      } catch {
        continue; // the corpus's intentionally broken JSON files
      }
      all.push(...queriesIn(file, json));
    }
    const failing = Object.fromEntries(all.filter((f) => f.errors.length > 0).map((f) => [f.key, f.errors]));
    assert.deepEqual(Object.keys(failing).sort(), Object.keys(INVALID_IN_CORPUS).sort(), JSON.stringify(failing, null, 1));
    assert.ok(all.length >= 25, `only ${all.length} query members found: is the corpus complete?`);
    const kinds = new Set(all.map((f) => f.key.split('#')[1]));
    for (const k of ['q', 'geoQ', 'scopeQ', 'pick', 'omit', 'watchedAttributes', 'attributes']) assert.ok(kinds.has(k), `no ${k} in the corpus`);
  });
});
