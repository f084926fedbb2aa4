/**
 * Every snippet of snippets/ngsi-ld.code-snippets, expanded with its default values (and with each of its other
 * choices), is valid JSON, is read as the payload kind it is meant to be, and the checker finds no error and no
 * warning in it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { checkDocument, DEFAULT_SETTINGS, parseDocument, type PayloadKind, type Problem } from '../../server/src/service/index';

const SNIPPETS_FILE = join(__dirname, '..', '..', 'snippets', 'ngsi-ld.code-snippets');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// VS Code snippet syntax (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar), as far as
// expanding a snippet with chosen values needs it.

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; placeholder?: SnippetNode[]; choices?: string[] }
  | { kind: 'variable'; name: string; placeholder?: SnippetNode[] };

function parseSnippet(body: string): SnippetNode[] {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${at} in snippet body:\n${body}`);
  };
  const parseChoices = (): string[] => {
    const choices: string[] = [];
    let current = '';
    while (at < body.length) {
      const c = body[at]!;
      if (c === '\\' && at + 1 < body.length && ',|\\$}'.includes(body[at + 1]!)) {
        current += body[at + 1];
        at += 2;
      } else if (c === ',') {
        choices.push(current);
        current = '';
        at++;
      } else if (c === '|' && body[at + 1] === '}') {
        choices.push(current);
        at += 2;
        return choices;
      } else {
        current += c;
        at++;
      }
    }
    return fail('unclosed choice');
  };
  const parseNodes = (inPlaceholder: boolean): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (at < body.length) {
      const c = body[at]!;
      const rest = body.slice(at);
      let m: RegExpExecArray | null;
      if (c === '\\' && at + 1 < body.length && '$}\\'.includes(body[at + 1]!)) {
        text += body[at + 1];
        at += 2;
      } else if (c === '}' && inPlaceholder) {
        at++;
        flush();
        return nodes;
      } else if ((m = /^\$(\d+)/.exec(rest)) || (m = /^\$\{(\d+)\}/.exec(rest))) {
        flush();
        nodes.push({ kind: 'tabstop', index: Number(m[1]) });
        at += m[0].length;
      } else if ((m = /^\$\{(\d+):/.exec(rest))) {
        flush();
        at += m[0].length;
        nodes.push({ kind: 'tabstop', index: Number(m[1]), placeholder: parseNodes(true) });
      } else if ((m = /^\$\{(\d+)\|/.exec(rest))) {
        flush();
        at += m[0].length;
        nodes.push({ kind: 'tabstop', index: Number(m[1]), choices: parseChoices() });
      } else if ((m = /^\$([A-Za-z_]\w*)/.exec(rest)) || (m = /^\$\{([A-Za-z_]\w*)\}/.exec(rest))) {
        flush();
        nodes.push({ kind: 'variable', name: m[1]! });
        at += m[0].length;
      } else if ((m = /^\$\{([A-Za-z_]\w*):/.exec(rest))) {
        flush();
        at += m[0].length;
        nodes.push({ kind: 'variable', name: m[1]!, placeholder: parseNodes(true) });
      } else if (rest.startsWith('${')) {
        fail('a "${" that is neither a tabstop, a placeholder, a choice nor a variable (write \\\\$ for a dollar sign)');
      } else {
        text += c;
        at++;
      }
    }
    if (inPlaceholder) fail('unclosed placeholder');
    flush();
    return nodes;
  };
  return parseNodes(false);
}

/** The text a snippet inserts when the user accepts every default (or takes `picked` for some choices). */
function expandSnippet(body: string, picked: ReadonlyMap<number, string> = new Map()): string {
  const nodes = parseSnippet(body);
  // A bare $n mirrors what the placeholder or choice of the same number holds.
  const values = new Map<number, string>();
  const collect = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.kind !== 'tabstop' || values.has(n.index)) continue;
      if (n.choices) values.set(n.index, picked.get(n.index) ?? n.choices[0]!);
      else if (n.placeholder) {
        collect(n.placeholder);
        values.set(n.index, render(n.placeholder));
      }
    }
  };
  const render = (list: SnippetNode[]): string =>
    list
      .map((n) => {
        if (n.kind === 'text') return n.value;
        if (n.kind === 'variable') return n.placeholder ? render(n.placeholder) : '';
        if (n.choices) return picked.get(n.index) ?? n.choices[0]!;
        if (n.placeholder) return render(n.placeholder);
        return values.get(n.index) ?? '';
      })
      .join('');
  collect(nodes);
  return render(nodes);
}

/** Every choice of a snippet: tabstop and options. */
function choicesOf(body: string): { index: number; options: string[] }[] {
  const out: { index: number; options: string[] }[] = [];
  const walk = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop' && n.choices && !out.some((c) => c.index === n.index)) out.push({ index: n.index, options: n.choices });
      if (n.kind !== 'text' && n.placeholder) walk(n.placeholder);
    }
  };
  walk(parseSnippet(body));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

interface Expectation {
  kind: PayloadKind;
  /** A member snippet is typed inside an entity: the test wraps it in one (a .json entity without @context). */
  member?: boolean;
  representation?: 'normalized' | 'concise' | 'simplified';
}

/** What each snippet is meant to produce; every snippet of the file must be listed here. */
const EXPECTED: Readonly<Record<string, Expectation>> = {
  'ngsi-entity-normalized': { kind: 'entity', representation: 'normalized' },
  'ngsi-entity-concise': { kind: 'entity', representation: 'concise' },
  'ngsi-entity-simplified': { kind: 'entity', representation: 'simplified' },
  'ngsi-property': { kind: 'entity', member: true },
  'ngsi-relationship': { kind: 'entity', member: true },
  'ngsi-geoproperty': { kind: 'entity', member: true },
  'ngsi-geoproperty-polygon': { kind: 'entity', member: true },
  'ngsi-languageproperty': { kind: 'entity', member: true },
  'ngsi-vocabproperty': { kind: 'entity', member: true },
  'ngsi-listproperty': { kind: 'entity', member: true },
  'ngsi-listrelationship': { kind: 'entity', member: true },
  'ngsi-jsonproperty': { kind: 'entity', member: true },
  'ngsi-multi-attribute': { kind: 'entity', member: true },
  'ngsi-subscription': { kind: 'subscription' },
  'ngsi-batch': { kind: 'batch' },
  'ngsi-temporal': { kind: 'temporal' },
  'ngsi-registration': { kind: 'registration' },
};

const KIND_OF_MEMBER_SNIPPET: Readonly<Record<string, string>> = {
  'ngsi-property': 'Property',
  'ngsi-relationship': 'Relationship',
  'ngsi-geoproperty': 'GeoProperty',
  'ngsi-geoproperty-polygon': 'GeoProperty',
  'ngsi-languageproperty': 'LanguageProperty',
  'ngsi-vocabproperty': 'VocabProperty',
  'ngsi-listproperty': 'ListProperty',
  'ngsi-listrelationship': 'ListRelationship',
  'ngsi-jsonproperty': 'JsonProperty',
  'ngsi-multi-attribute': 'Property',
};

function loadSnippets(): [string, Snippet][] {
  const errors: ParseError[] = [];
  const file = parseJsonc(readFileSync(SNIPPETS_FILE, 'utf8'), errors, { allowTrailingComma: false }) as Record<string, Snippet>;
  assert.deepEqual(errors, [], 'the snippets file is valid JSON');
  return Object.entries(file);
}

const prefixOf = (s: Snippet) => (Array.isArray(s.prefix) ? s.prefix[0]! : s.prefix);
const bodyOf = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

/** The document the checker sees: the payload itself, or an entity holding the member snippet. */
function payloadOf(prefix: string, text: string): { file: string; text: string } {
  if (EXPECTED[prefix]?.member) {
    const indented = text.replace(/^/gm, '\t');
    return { file: `${prefix}.json`, text: `{\n\t"id": "urn:ngsi-ld:Thing:thing-001",\n\t"type": "Thing",\n${indented}\n}\n` };
  }
  // A payload with @context is sent as application/ld+json (.jsonld); one without it as application/json (.json).
  const parsed = JSON.parse(text) as unknown;
  const items = Array.isArray(parsed) ? parsed : [parsed];
  const ld = items.some((i) => typeof i === 'object' && i !== null && '@context' in i);
  return { file: `${prefix}.${ld ? 'jsonld' : 'json'}`, text };
}

function check(file: string, text: string) {
  return checkDocument(parseDocument(`file:///x/${file}`, 1, text), DEFAULT_SETTINGS);
}

const describeProblems = (problems: Problem[]) => problems.map((p) => `  ${p.severity} ${p.code}: ${p.message}`).join('\n');

describe('snippets', () => {
  const snippets = loadSnippets();

  it('are all listed here, with a unique ngsi- prefix, a description and a body', () => {
    const prefixes = snippets.map(([, s]) => prefixOf(s));
    assert.deepEqual([...prefixes].sort(), Object.keys(EXPECTED).sort());
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const [name, s] of snippets) {
      assert.match(prefixOf(s), /^ngsi-[a-z-]+$/, name);
      assert.ok(s.description && s.description.length > 40, `${name} has a description that says what it inserts`);
      assert.ok(bodyOf(s).trim().length > 0, `${name} has a body`);
    }
  });

  it('expand placeholders, choices, mirrors and escapes as VS Code does', () => {
    assert.equal(expandSnippet('"${1:Vehicle}:$1:${1}" ${2|a,b\\,c|} $2 \\$x \\} ${3:{"a": 1\\}} $0'), '"Vehicle:Vehicle:Vehicle" a a $x } {"a": 1} ');
    assert.equal(expandSnippet('${1|a,b\\,c|}-$1', new Map([[1, 'b,c']])), 'b,c-b,c');
    assert.equal(expandSnippet('${1:outer ${2:inner}} $2'), 'outer inner inner');
    assert.deepEqual(choicesOf('${1|a,b|} ${2:x ${3|c,d|}}'), [
      { index: 1, options: ['a', 'b'] },
      { index: 3, options: ['c', 'd'] },
    ]);
    assert.throws(() => expandSnippet('${1:unclosed'), /unclosed placeholder/);
  });

  for (const [name, snippet] of snippets) {
    const prefix = prefixOf(snippet);
    const expected = EXPECTED[prefix];
    if (!expected) continue;
    const body = bodyOf(snippet);

    it(`${prefix}: valid JSON, read as ${expected.kind}, no error and no warning`, () => {
      const variants: Map<number, string>[] = [new Map()];
      for (const choice of choicesOf(body)) for (const option of choice.options.slice(1)) variants.push(new Map([[choice.index, option]]));
      for (const picked of variants) {
        const text = expandSnippet(body, picked);
        const label = `${name}${picked.size ? ` with choice ${[...picked].map(([i, v]) => `$${i}=${v}`).join(', ')}` : ''}`;
        assert.doesNotThrow(() => JSON.parse(expected.member ? `{${text}}` : text), `${label} expands to valid JSON:\n${text}`);
        const payload = payloadOf(prefix, text);
        assert.doesNotThrow(() => JSON.parse(payload.text));
        const result = check(payload.file, payload.text);
        assert.equal(result.detection.kind, expected.kind, `${label} is read as ${expected.kind}, not ${result.detection.kind} (${result.detection.reason})`);
        if (expected.representation) assert.equal(result.representation, expected.representation, `${label} is ${expected.representation}`);
        const bad = result.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
        assert.deepEqual(bad, [], `${label} (${payload.file}) has no error and no warning:\n${describeProblems(bad)}\n${payload.text}`);
      }
    });

    if (expected.member) {
      it(`${prefix}: inserts one "name": {...} member of kind ${KIND_OF_MEMBER_SNIPPET[prefix]}`, () => {
        const members = JSON.parse(`{${expandSnippet(body)}}`) as Record<string, unknown>;
        const values = Object.values(members);
        assert.equal(values.length, 1);
        const instances = (Array.isArray(values[0]) ? values[0] : [values[0]]) as { type?: string }[];
        for (const instance of instances) assert.equal(instance.type, KIND_OF_MEMBER_SNIPPET[prefix]);
      });
    } else {
      it(`${prefix}: carries @context in every payload object (a .jsonld payload)`, () => {
        const parsed = JSON.parse(expandSnippet(body)) as unknown;
        const items = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
        for (const item of items) assert.equal(item['@context'], 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld');
        // The same payload without @context is what a .json file (application/json) would hold.
        const stripped = JSON.stringify(Array.isArray(parsed) ? items.map(({ '@context': _, ...rest }) => rest) : (({ '@context': _, ...rest }) => rest)(items[0]!), null, 2);
        const asJson = check(`${prefix}.json`, stripped);
        assert.equal(asJson.detection.kind, expected.kind, `without @context, as .json: ${asJson.detection.reason}`);
        const bad = asJson.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
        assert.deepEqual(bad, [], describeProblems(bad));
        // And with @context in a .json file, the media type rule speaks up.
        assert.ok(check(`${prefix}.json`, expandSnippet(body)).problems.some((p) => p.severity === 'error'), 'a .json payload must not carry @context');
      });
    }
  }
});
