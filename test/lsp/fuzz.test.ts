/**
 * Fuzzing the language server over stdio: every document, whatever it holds, is answered (diagnostics, hover,
 * completion, outline, code actions) without an internal error, and random sequences of incremental edits end
 * with exactly the diagnostics a fresh open of the final text gives, positions after surrogate pairs and CRLF
 * line ends included.
 *
 * Fixed seed here; `npm run fuzz` runs the same properties longer with a fresh seed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SHARED } from '../helpers/engine';
import { applyValueChange, batch, changedRegion, corpusInput, fuzzParameters, generatedInput, layout, noise, payloadFile, valueChange, write, type FuzzFile, type Layout } from '../helpers/fuzz';
import { TestClient } from '../helpers/lsp';

const languageOf = (name: string) => (name.endsWith('.jsonld') ? 'jsonld' : 'json');
const baseName = (name: string) => name.slice(name.lastIndexOf('/') + 1);

function comparable(items: readonly Diagnostic[]) {
  return items.map((d) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message }));
}

/** Internal errors the server caught and logged: there must be none. */
function internalErrors(client: TestClient): string[] {
  return client.logs.filter((line) => line.includes('[error]'));
}

describe('fuzzing the language server', () => {
  let client: TestClient;
  let serial = 0;
  before(async () => {
    client = new TestClient({ pull: true, editor: true, settings: () => ({ sdm: { root: join(SHARED, 'sdm') } }) });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
  });

  async function answerAll(file: FuzzFile, fractions: readonly number[]): Promise<void> {
    const uri = `file:///work/fuzz-${++serial}/${baseName(file.name)}`;
    const doc = TextDocument.create(uri, languageOf(file.name), 1, file.text);
    client.open(uri, file.text, 1, languageOf(file.name));
    const report = await client.pull(uri);
    assert.equal(report.kind, 'full');
    for (const d of report.items) {
      assert.ok(doc.offsetAt(d.range.start) <= doc.offsetAt(d.range.end), `${String(d.code)}: a forward range`);
      assert.ok(d.range.end.line < doc.lineCount, `${String(d.code)}: inside the document`);
    }
    const textDocument = { uri };
    for (const fraction of fractions) {
      const position = doc.positionAt(Math.floor(fraction * (file.text.length + 1)));
      await client.request('textDocument/hover', { textDocument, position });
      await client.request('textDocument/completion', { textDocument, position });
    }
    await client.request('textDocument/documentSymbol', { textDocument });
    await client.request('textDocument/codeAction', {
      textDocument,
      range: { start: { line: 0, character: 0 }, end: doc.positionAt(file.text.length) },
      context: { diagnostics: report.items, triggerKind: 1 },
    });
    client.close(uri);
    assert.deepEqual(internalErrors(client), [], 'no internal error was logged');
    assert.equal(client.process.exitCode, null, 'the server is still running');
  }

  const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 });

  it('answers generated payloads, corpus files and noise, as they are and mutated', async () => {
    const input = fc.oneof(generatedInput, corpusInput(), noise);
    await fc.assert(fc.asyncProperty(input, fractions, answerAll), fuzzParameters(120));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Edit consistency

/** Text an edit inserts: characters that move positions differently in UTF-16, in lines, and in JSON. */
const inserted = fc.oneof(
  fc.constantFrom('😀', '👩‍👩‍👧', '𝄞x', 'é', '\r\n', '\n', '\r\n  ', ',', '{', '}', '"', ': ', '"type": "Property"', '"value": 1', 'null', ' ', '\t'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

interface Edit {
  at: number;
  length: number;
  text: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(12), text: inserted });

/** One didChange: one to three edits, sent as the editor sends them (later ones first, ranges in the current text). */
const editGroup = fc.array(edit, { minLength: 1, maxLength: 3 });

/** An offset that does not split a surrogate pair (an editor never places the caret there). */
function codePointBoundary(text: string, offset: number): number {
  const code = text.charCodeAt(offset - 1);
  return offset > 0 && code >= 0xd800 && code <= 0xdbff ? offset - 1 : offset;
}

/** A starting text with surrogate pairs and CRLF in it: a generated payload salted with both. */
const startText = fc
  .record({ file: payloadFile, salt: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('"😀": 1, ', '"note": "𝄞 é", ')), { maxLength: 3 }) })
  .map(({ file, salt }) => {
    let text = file.text;
    for (const [fraction, piece] of salt) {
      // Inserted right after an opening brace, it stays valid JSON when the brace opens an object.
      const braces = [...text.matchAll(/\{/g)].map((m) => m.index);
      if (braces.length === 0) break;
      const at = braces[Math.floor(fraction * braces.length)]! + 1;
      text = text.slice(0, at) + piece + text.slice(at);
    }
    return { name: file.name, text };
  });

/** A batch written out, or a salted payload; with the layout a value-level change is written in. */
const start = fc.oneof(
  fc.record({ entities: batch, how: layout }).map(({ entities, how }) => ({ name: 'batch.json', text: write(entities, how), how })),
  startText.map((file) => ({ ...file, how: { indent: 2, crlf: file.text.includes('\r\n') } as Layout })),
);

/** What a person does next: a change to a member of an entity (as an edit of the text), or raw keystrokes. */
const operation = fc.oneof(
  { weight: 2, arbitrary: valueChange.map((change) => ({ kind: 'value' as const, change })) },
  { weight: 1, arbitrary: editGroup.map((group) => ({ kind: 'raw' as const, group })) },
);

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

describe('edit consistency of the language server', () => {
  let client: TestClient;
  let serial = 0;
  before(async () => {
    client = new TestClient({ pull: true });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
  });

  it('ends a random sequence of incremental edits with the diagnostics of a fresh open', async () => {
    const property = fc.asyncProperty(start, fc.array(operation, { minLength: 1, maxLength: 12 }), fc.boolean(), async (first, operations, pullEachTime) => {
      serial++;
      const name = baseName(first.name);
      const language = languageOf(name);
      const uri = `file:///work/edits-${serial}/${name}`;
      let doc = TextDocument.create(uri, language, 1, first.text);
      client.open(uri, first.text, 1, language);
      await client.pull(uri);
      let version = 1;
      for (const operation of operations) {
        const current = doc.getText();
        const changes: TextDocumentContentChangeEvent[] = [];
        const value = operation.kind === 'value' ? parsed(current) : undefined;
        if (operation.kind === 'value') {
          if (!Array.isArray(value)) continue;
          const next = write(applyValueChange(value, operation.change), first.how);
          const region = changedRegion(current, next);
          if (region.start === region.oldEnd && region.start === region.newEnd) continue;
          changes.push({ range: { start: doc.positionAt(region.start), end: doc.positionAt(region.oldEnd) }, text: next.slice(region.start, region.newEnd) });
        } else {
          // Edits of one event do not overlap: each is placed in its own slice of the text, last slice first.
          const group = operation.group;
          const slice = Math.floor(current.length / group.length);
          group.forEach((e, i) => {
            const from = i * slice;
            const startAt = codePointBoundary(current, from + Math.floor(e.at * slice));
            const endAt = codePointBoundary(current, Math.min(from + slice, startAt + e.length));
            changes.unshift({ range: { start: doc.positionAt(startAt), end: doc.positionAt(Math.max(startAt, endAt)) }, text: e.text });
          });
        }
        version++;
        doc = TextDocument.update(doc, changes, version);
        client.change(uri, version, changes);
        if (pullEachTime) await client.pull(uri);
      }
      await client.pull(uri);
      const freshUri = `file:///work/fresh-${serial}/${name}`;
      client.open(freshUri, doc.getText(), 1, language);
      await client.pull(freshUri);
      // What depends on downloads and files (@contexts, data models) arrives later, in either document; the
      // two are compared once both have seen the same loads: pulled again until they agree or stop changing.
      let edited = await client.pull(uri);
      let fresh = await client.pull(freshUri);
      for (let round = 0; round < 5 && !isDeepStrictEqual(comparable(edited.items), comparable(fresh.items)); round++) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        edited = await client.pull(uri);
        fresh = await client.pull(freshUri);
      }
      client.close(uri);
      client.close(freshUri);
      assert.deepEqual(comparable(edited.items), comparable(fresh.items));
      // Positions are those of the final text: every range lies inside it.
      for (const d of edited.items) assert.ok(d.range.end.line < doc.lineCount);
    });
    await fc.assert(property, fuzzParameters(80));
    assert.deepEqual(internalErrors(client), []);
  });

  it('places diagnostics after surrogate pairs and CRLF line ends in UTF-16 code units', async () => {
    // A known case, so that the property above cannot pass by comparing two wrong answers.
    const uri = 'file:///work/positions/car.json';
    client.open(uri, '{\r\n  "id": "urn:ngsi-ld:Car:1",\r\n  "type": "Car"\r\n}');
    await client.pull(uri);
    const line = '  "n😀": {"type": "Property", "value": "𝄞"}, "speed": {"type": "Property"}';
    client.change(uri, 2, [{ range: { start: { line: 2, character: 15 }, end: { line: 2, character: 15 } }, text: `,\r\n${line}` }]);
    const report = await client.pull(uri);
    const missing = report.items.find((d) => d.code === 'ngsi-ld/main-member-missing');
    assert.ok(missing, `reported: ${report.items.map((d) => d.code).join(', ')}`);
    // Reported on the value of "speed". Two surrogate pairs stand before it on its line: UTF-16 counts each as
    // two code units, so the column is 55 (it would be 53 in code points).
    assert.deepEqual(missing.range.start, { line: 3, character: 55 });
    assert.equal(line.lastIndexOf('{'), 55);
    assert.equal([...line.slice(0, 55)].length, 53);
  });
});
