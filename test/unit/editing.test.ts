/**
 * Completion, hover and outline at the engine level: what is offered at a caret (‸), what inserting it gives,
 * and that the inserted text parses and passes the checks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, hover, outline, parseDocument, type CompletionEntry } from '../../server/src/service/index';
import { catalogFor, checkWithModels, WORKSPACE_URI } from '../helpers/engine';

const catalog = catalogFor({ sdm: true });

async function at(file: string, marked: string) {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'the text has a caret');
  const text = marked.replace('‸', '');
  const result = await checkWithModels(file, text, {}, catalog);
  const doc = parseDocument(`${WORKSPACE_URI}/${file}`, 1, text);
  return { doc, text, offset, result };
}

async function completions(file: string, marked: string): Promise<{ entries: CompletionEntry[]; text: string }> {
  const { doc, text, offset, result } = await at(file, marked);
  const entries = await complete(doc, offset, {
    detection: result.detection,
    representation: result.representation,
    models: catalog,
    prepareModel: (type) => catalog.prepare([type]),
    knownTypes: () => catalog.knownTypes(),
    contextUrls: (type) => catalog.contextUrls(type),
  });
  return { entries, text };
}

/** Snippet text with every placeholder at its default and every choice at its first option. */
function expand(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|((?:\\.|[^,|])*)[,|][^}]*\}/g, (_, first: string) => first.replace(/\\(.)/g, '$1'))
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

function apply(text: string, entry: CompletionEntry): string {
  return text.slice(0, entry.replace.start) + expand(entry.insertText) + text.slice(entry.replace.end);
}

function find(entries: CompletionEntry[], label: string): CompletionEntry {
  const entry = entries.find((e) => e.label === label);
  assert.ok(entry, `"${label}" is offered (offered: ${entries.map((e) => e.label).slice(0, 30).join(', ')})`);
  return entry;
}

const weather = (members: string) => `{"id": "urn:ngsi-ld:WeatherObserved:1", "type": "WeatherObserved", ${members}}`;

describe('completion of attributes from the data model', () => {
  it('offers the model attributes not yet written, shaped as normalized attributes', async () => {
    const { entries, text } = await completions('w.json', weather('"temperature": {"type": "Property", "value": 3.3},\n  "‸"'));
    assert.ok(!entries.some((e) => e.label === 'temperature'), 'an attribute already written is not offered again');
    const dewPoint = find(entries, 'dewPoint');
    assert.match(dewPoint.detail ?? '', /number/);
    assert.match(dewPoint.documentation ?? '', /dew point/i);
    const required = find(entries, 'dateObserved');
    assert.match(required.detail ?? '', /^required/);
    assert.ok(required.sortText! < dewPoint.sortText!, 'required attributes come first');
    const after = apply(text, dewPoint);
    const parsed = JSON.parse(after) as Record<string, unknown>;
    assert.deepEqual(parsed.dewPoint, { type: 'Property', value: 0, unitCode: 'CEL' });
    const checked = await checkWithModels('w.json', after, {}, catalog);
    assert.deepEqual(checked.problems.filter((p) => p.path.includes('dewPoint')).map((p) => p.code), []);
  });

  it('writes a Relationship for a ref attribute and a GeoProperty for location', async () => {
    const { entries, text } = await completions('w.json', weather('"temperature": {"type": "Property", "value": 3.3}, ‸'));
    const refDevice = JSON.parse(apply(text, find(entries, 'refDevice'))) as Record<string, unknown>;
    assert.deepEqual(refDevice.refDevice, { type: 'Relationship', object: 'urn:ngsi-ld:Device:001' });
    const location = JSON.parse(apply(text, find(entries, 'location'))) as Record<string, unknown>;
    assert.deepEqual(location.location, { type: 'GeoProperty', value: { type: 'Point', coordinates: [-3.7038, 40.4168] } });
  });

  it('writes bare values in a simplified entity and keeps enum choices', async () => {
    const { entries, text } = await completions('w.json', weather('"temperature": 3.3, "‸"'));
    const tendency = find(entries, 'pressureTendency');
    assert.match(tendency.insertText, /\$\{1\|falling,raising,steady\|\}/);
    const after = apply(text, tendency);
    assert.equal((JSON.parse(after) as Record<string, unknown>).pressureTendency, 'falling');
    const checked = await checkWithModels('w.json', after, {}, catalog);
    assert.deepEqual(checked.problems.filter((p) => p.path.includes('pressureTendency')).map((p) => p.code), []);
  });

  it('writes {"value", "unitCode"} in a concise entity when the model names a unit', async () => {
    const { entries, text } = await completions('w.json', weather('"temperature": {"value": 3.3}, ‸'));
    const after = apply(text, find(entries, 'dewPoint'));
    assert.deepEqual((JSON.parse(after) as Record<string, unknown>).dewPoint, { value: 0, unitCode: 'CEL' });
  });

  it('replaces an unclosed name up to the caret only', async () => {
    const { entries, text } = await completions('w.json', weather('"temperature": 3.3, "dewP‸'));
    const entry = find(entries, 'dewPoint');
    assert.equal(text.slice(entry.replace.start, entry.replace.end), '"dewP');
  });

  it('adds a comma when a member follows, and only the name when a colon follows', async () => {
    const before = await completions('w.json', weather('‸\n"temperature": 3.3'));
    assert.match(find(before.entries, 'dewPoint').insertText, /,$/);
    JSON.parse(apply(before.text, find(before.entries, 'dewPoint')));
    const rename = await completions('w.json', weather('"dewPo‸": 3'));
    const entry = find(rename.entries, 'dewPoint');
    assert.equal(entry.insertText, '"dewPoint"');
    assert.equal(rename.text.slice(entry.replace.start, entry.replace.end), '"dewPo"');
    assert.equal((JSON.parse(apply(rename.text, entry)) as Record<string, unknown>).dewPoint, 3);
  });

  it('uses the data model of the entity under the caret in a batch', async () => {
    const { entries } = await completions(
      'batch.json',
      `[${weather('"temperature": 1')}, {"id": "urn:ngsi-ld:OffStreetParking:1", "type": "OffStreetParking", "‸"}]`,
    );
    find(entries, 'availableSpotNumber');
    assert.ok(!entries.some((e) => e.label === 'dewPoint'), 'attributes of the other entity are not offered');
  });
});

describe('completion of NGSI-LD members and values', () => {
  it('offers the members of the attribute kind, not those already written', async () => {
    const { entries } = await completions('w.json', weather('"temperature": {"type": "Property", "value": 3, ‸}'));
    const labels = entries.map((e) => e.label);
    for (const member of ['observedAt', 'unitCode', 'datasetId']) assert.ok(labels.includes(member), member);
    for (const member of ['value', 'type', 'object']) assert.ok(!labels.includes(member), member);
  });

  it('fills an empty attribute with a kind and the member that kind requires', async () => {
    const { entries, text } = await completions('w.json', weather('"temperature": {"type": "Property", "value": 3}, "refDevice": {‸}'));
    const entry = find(entries, 'type: Relationship');
    assert.deepEqual((JSON.parse(apply(text, entry)) as Record<string, unknown>).refDevice, { type: 'Relationship', object: 'urn:ngsi-ld:Thing:001' });
    assert.deepEqual((JSON.parse(apply(text, find(entries, 'type: LanguageProperty'))) as Record<string, unknown>).refDevice, { type: 'LanguageProperty', languageMap: { en: '' } });
  });

  it('offers nothing NGSI-LD inside a structured value', async () => {
    const { entries } = await completions('w.json', weather('"address": {"type": "Property", "value": {‸}}'));
    assert.deepEqual(entries, []);
  });

  it('offers the members of a Relationship', async () => {
    const { entries } = await completions('w.json', weather('"refDevice": {"type": "Relationship", ‸}'));
    const labels = entries.map((e) => e.label);
    assert.ok(labels.includes('object') && labels.includes('objectType'));
    assert.ok(!labels.includes('value') && !labels.includes('unitCode'));
  });

  it('offers the attribute kinds as the value of an attribute type', async () => {
    const { entries } = await completions('w.json', weather('"temperature": {"type": "‸", "value": 3}'));
    assert.deepEqual(entries.map((e) => e.label).sort(), ['GeoProperty', 'JsonProperty', 'LanguageProperty', 'ListProperty', 'ListRelationship', 'Property', 'Relationship', 'VocabProperty']);
  });

  it('offers the entity types the data model sources know', async () => {
    const { entries, text } = await completions('t.json', '{"id": "urn:ngsi-ld:X:1", "type": "Weath‸"}');
    const entry = find(entries, 'WeatherObserved');
    assert.equal(text.slice(entry.replace.start, entry.replace.end), '"Weath"');
    assert.equal(JSON.parse(apply(text, entry)).type, 'WeatherObserved');
  });

  it('offers unit codes with the model unit first', async () => {
    const { entries } = await completions('w.json', weather('"dewPoint": {"type": "Property", "value": 3, "unitCode": "‸"}'));
    const sorted = [...entries].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    assert.equal(sorted[0]!.label, 'CEL');
    assert.match(sorted[0]!.detail ?? '', /degree Celsius/);
    find(entries, 'KMH');
  });

  it('offers the @context of the data model subject first, then the core context', async () => {
    const { entries } = await completions('w.jsonld', weather('"@context": [‸]'));
    const sorted = [...entries].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.equal(sorted[0]!.label, 'https://raw.githubusercontent.com/smart-data-models/dataModel.Weather/master/context.jsonld');
    assert.ok(sorted.some((e) => e.label === 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld'));
  });

  it('offers the members of a subscription and of its notification', async () => {
    const root = await completions('s.json', '{"id": "urn:ngsi-ld:Subscription:1", "type": "Subscription", ‸}');
    const labels = root.entries.map((e) => e.label);
    for (const member of ['entities', 'notification', 'watchedAttributes', 'q', 'expiresAt']) assert.ok(labels.includes(member), member);
    assert.ok(!labels.includes('type') && !labels.includes('id'), 'members already written are not offered');
    const notification = find(root.entries, 'notification');
    const entities = find(root.entries, 'entities');
    const caret = notification.replace.start;
    const filled = root.text.slice(0, caret) + expand(notification.insertText) + ', ' + expand(entities.insertText) + root.text.slice(caret);
    const subscription = JSON.parse(filled) as Record<string, unknown>;
    assert.deepEqual(subscription.notification, { endpoint: { uri: 'https://example.org' } });
    assert.deepEqual(subscription.entities, [{ type: 'Type' }]);
    const checked = await checkWithModels('s.json', filled, {}, catalog);
    assert.deepEqual(checked.problems.filter((p) => p.severity === 'error').map((p) => p.code), []);
    const nested = await completions('s.json', '{"type": "Subscription", "entities": [{"type": "X"}], "notification": {"format": "‸"}}');
    const formats = nested.entries.map((e) => e.label);
    for (const format of ['normalized', 'concise', 'simplified', 'keyValues']) assert.ok(formats.includes(format), format);
    assert.ok(nested.entries.every((e) => e.kind === 'enum'));
  });

  it('offers the attributes of the selected entity types in watchedAttributes and in q', async () => {
    const sub = (members: string) => `{"type": "Subscription", "entities": [{"type": "WeatherObserved"}], ${members}, "notification": {"endpoint": {"uri": "https://example.org"}}}`;
    const list = await completions('s.json', sub('"watchedAttributes": ["temperature", "‸"]'));
    const dewPoint = find(list.entries, 'dewPoint');
    assert.equal(dewPoint.insertText, '"dewPoint"');
    assert.ok(!list.entries.some((e) => e.label === 'temperature'), 'a name already listed is not offered');
    const q = await completions('s.json', sub('"q": "temperature>30;dew‸"'));
    const inQ = find(q.entries, 'dewPoint');
    assert.equal(q.text.slice(inQ.replace.start, inQ.replace.end), 'dew');
    assert.ok(!q.entries.some((e) => e.label === 'dew'), 'the word being typed is not offered as a name');
  });

  it('offers attribute names inside a q string, replacing the word under the caret only', async () => {
    const { entries, text } = await completions('s.json', '{"type": "Subscription", "entities": [{"type": "X"}], "q": "speed>50;temp‸", "notification": {"endpoint": {"uri": "https://example.org"}}}');
    const entry = find(entries, 'speed');
    assert.equal(text.slice(entry.replace.start, entry.replace.end), 'temp');
  });
});

describe('hover', () => {
  async function hoverAt(file: string, marked: string) {
    const { doc, offset, result } = await at(file, marked);
    return hover(doc, offset, { detection: result.detection, models: catalog, contexts: catalog.contexts, prepareModel: (type) => catalog.prepare([type]) });
  }

  it('explains an attribute from its data model', async () => {
    const found = await hoverAt('w.json', weather('"dew‸Point": {"type": "Property", "value": 3}'));
    assert.ok(found);
    assert.match(found.contents, /\*\*dewPoint\*\*/);
    assert.match(found.contents, /Celsius degrees/);
    assert.match(found.contents, /From the \[WeatherObserved [\d.]+\]\(file:\/\/\S+\/dataModel\.Weather\/WeatherObserved\/schema\.json\) data model \(the local Smart Data Models checkout/);
    assert.match(found.contents, /Written here as a Property/);
  });

  it('says when the data model does not define an attribute', async () => {
    const found = await hoverAt('w.json', weather('"temprature‸": 3'));
    assert.match(found!.contents, /does not define this attribute/);
  });

  it('names the unit of a unit code', async () => {
    const found = await hoverAt('w.json', weather('"dewPoint": {"type": "Property", "value": 3, "unitCode": "CE‸L"}'));
    assert.match(found!.contents, /degree Celsius/);
  });

  it('explains an attribute kind and an entity type', async () => {
    const kind = await hoverAt('w.json', weather('"refDevice": {"type": "Relation‸ship", "object": "urn:ngsi-ld:Device:1"}'));
    assert.match(kind!.contents, /object/);
    const type = await hoverAt('w.json', '{"id": "urn:ngsi-ld:WeatherObserved:1", "type": "Weather‸Observed"}');
    assert.match(type!.contents, /schema\.json/);
  });

  it('tells where a name expands with the core context only', async () => {
    const found = await hoverAt('w.jsonld', weather('"temprature‸": {"type": "Property", "value": 3}, "@context": "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"'));
    assert.match(found!.contents, /default vocabulary/);
    assert.match(found!.contents, /https:\/\/uri\.etsi\.org\/ngsi-ld\/default-context\/temprature/);
  });

  it('explains an attribute inside a q string from the selected type', async () => {
    const found = await hoverAt('s.json', '{"type": "Subscription", "entities": [{"type": "WeatherObserved"}], "q": "dewPo‸int>3", "notification": {"endpoint": {"uri": "https://example.org"}}}');
    assert.match(found!.contents, /\*\*dewPoint\*\* in q: an attribute/);
    assert.match(found!.contents, /dew point/i);
  });

  it('explains operators inside a q string', async () => {
    const found = await hoverAt('s.json', '{"type": "Subscription", "entities": [{"type": "X"}], "q": "speed>=‸50", "notification": {"endpoint": {"uri": "https://example.org"}}}');
    assert.match(found!.contents, /greater than or equal/);
    const member = await hoverAt('s.json', '{"type": "Subscription", "entities": [{"type": "X"}], "watched‸Attributes": ["speed"]}');
    assert.match(member!.contents, /clause/);
  });
});

describe('outline', () => {
  it('lists each entity of a batch by id, with its attributes and kinds', async () => {
    const text = `[${weather('"temperature": {"type": "Property", "value": 3.3}, "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:1"}')}, {"id": "urn:ngsi-ld:WeatherObserved:2", "type": "WeatherObserved", "temperature": {"type": "Property", "value": 4}}]`;
    const result = await checkWithModels('b.json', text, {}, catalog);
    const doc = parseDocument(`${WORKSPACE_URI}/b.json`, 1, text);
    const symbols = outline(doc, result.detection);
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [
      ['urn:ngsi-ld:WeatherObserved:1', 'WeatherObserved'],
      ['urn:ngsi-ld:WeatherObserved:2', 'WeatherObserved'],
    ]);
    assert.deepEqual(symbols[0]!.children!.map((c) => [c.name, c.kind, c.detail]), [
      ['temperature', 'property', 'Property · 3.3'],
      ['refDevice', 'relationship', 'Relationship · urn:ngsi-ld:Device:1'],
    ]);
    assert.equal(text.slice(symbols[0]!.selection.start, symbols[0]!.selection.end), '"urn:ngsi-ld:WeatherObserved:1"');
    const child = symbols[0]!.children![1]!;
    assert.ok(text.slice(child.span.start, child.span.end).startsWith('"refDevice": {'));
  });

  it('lists the members of a subscription, nested one level', async () => {
    const text = '{"id": "urn:ngsi-ld:Subscription:1", "type": "Subscription", "entities": [{"type": "X"}], "notification": {"format": "normalized", "endpoint": {"uri": "https://example.org"}}}';
    const result = await checkWithModels('s.json', text, {}, catalog);
    const symbols = outline(parseDocument(`${WORKSPACE_URI}/s.json`, 1, text), result.detection);
    assert.deepEqual(symbols.map((s) => s.name), ['id', 'type', 'entities', 'notification']);
    assert.deepEqual(symbols[3]!.children!.map((s) => s.name), ['format', 'endpoint']);
  });
});

describe('completion while the payload is being typed', () => {
  it('keeps the normalized form when the new member makes the text invalid JSON', async () => {
    // VS Code auto-closes the quote: the member has a name and no colon yet.
    const { entries, text } = await completions('w.json', '{\n  "id": "urn:ngsi-ld:WeatherObserved:1",\n  "type": "WeatherObserved",\n  "temperature": {"type": "Property", "value": 3},\n  "‸"\n  "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:1"}\n}');
    const entry = find(entries, 'dewPoint');
    assert.equal(expand(entry.insertText), '"dewPoint": {"type": "Property", "value": 0, "unitCode": "CEL"},');
    assert.equal(text.slice(entry.replace.start, entry.replace.end), '""');
  });
});
