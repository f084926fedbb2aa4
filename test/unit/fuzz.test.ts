/**
 * Fuzzing the engine: generated payloads, corpus files and random text, each as it is and mutated, go through
 * everything the server does with a document (check with data models, outline, hover, completion, quick fixes,
 * fix-all, conversions). Nothing may throw, every problem must point inside the text with a known code, safe
 * fixes and conversions of valid JSON must give valid JSON, and no document may take longer than a generous
 * bound (a hang, not a speed, is what that catches).
 *
 * Fixed seed here; `npm run fuzz` runs the same properties longer with a fresh seed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { convertDocument } from '../../server/src/actions';
import {
  applyEdits,
  checkDocument,
  complete,
  DEFAULT_SETTINGS,
  describeDocument,
  editsForFix,
  fixAll,
  hover,
  isRuleCode,
  JsonDocument,
  outline,
  parseDocument,
  quickFixes,
  type CheckResult,
} from '../../server/src/service/index';
import { catalogFor, WORKSPACE_URI } from '../helpers/engine';
import { applyValueChange, batch, changedRegion, corpusInput, fuzzParameters, generatedInput, layout, noise, valueChange, write, type FuzzFile } from '../helpers/fuzz';

/** Far above what any of these documents needs (a few milliseconds): only a hang or a blow-up reaches it. */
const HANG_BOUND_MS = 5_000;

const catalog = catalogFor({ sdm: true });
const options = { models: catalog, contexts: catalog.contexts, files: catalog.files };
const settings = DEFAULT_SETTINGS;

function assertProblemsWellFormed(doc: JsonDocument, result: CheckResult): void {
  const lines = doc.text.split(/\r\n|\r|\n/).length;
  for (const p of result.problems) {
    assert.ok(isRuleCode(p.code), `a known rule code: ${p.code}`);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(p.severity), `a severity: ${p.severity}`);
    assert.ok(p.message.length > 0, `${p.code} has a message`);
    const { start, end } = p.offsets;
    assert.ok(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= doc.text.length, `${p.code} offsets ${start}-${end} inside ${doc.text.length}`);
    assert.deepEqual(p.range.start, doc.positionAt(start), `${p.code}: range start matches its offset`);
    assert.deepEqual(p.range.end, doc.positionAt(end), `${p.code}: range end matches its offset`);
    assert.ok(p.range.end.line < lines, `${p.code}: line ${p.range.end.line} of ${lines}`);
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Everything the server does with one document; returns what it found for the properties to look at. */
async function exercise(file: FuzzFile, offsets: readonly number[]): Promise<void> {
  const started = performance.now();
  const uri = `${WORKSPACE_URI}/${file.name}`;
  const doc = parseDocument(uri, 1, file.text);
  const check = (d: JsonDocument) => checkDocument(d, settings, options);
  check(doc);
  await catalog.settle();
  const result = check(doc);
  assertProblemsWellFormed(doc, result);

  const { detection } = describeDocument(doc, settings);
  outline(doc, detection);
  for (const fraction of offsets) {
    const offset = Math.floor(fraction * (doc.text.length + 1));
    await hover(doc, offset, { detection, models: catalog, contexts: catalog.contexts, prepareModel: (t) => catalog.prepare([t]) });
    await complete(doc, offset, {
      detection,
      representation: result.representation,
      models: catalog,
      prepareModel: (t) => catalog.prepare([t]),
      knownTypes: () => catalog.knownTypes(),
      contextUrls: (t) => catalog.contextUrls(t),
    });
  }

  // Every fix yields edits inside the text; the safe ones, all applied, keep valid JSON valid.
  for (const fix of quickFixes(doc, result.problems, 0, doc.text.length)) {
    for (const edit of fix.edits) {
      assert.ok(0 <= edit.start && edit.start <= edit.end && edit.end <= doc.text.length, `fix "${fix.title}" edits inside the text`);
    }
  }
  for (const problem of result.problems) for (const fix of problem.fixes ?? []) editsForFix(doc, fix);
  const fixed = fixAll(doc, check);
  if (isJson(doc.text)) assert.ok(isJson(fixed.text), `fix-all keeps valid JSON valid (applied: ${fixed.applied.map((a) => a.code).join(', ')})`);

  // Conversions of valid JSON give valid JSON.
  for (const to of ['normalized', 'concise', 'simplified'] as const) {
    const converted = convertDocument(doc, detection, to, () => undefined, undefined);
    if (converted.edits.length === 0) continue;
    const text = applyEdits(doc.text, converted.edits);
    if (isJson(doc.text)) assert.ok(isJson(text), `conversion to ${to} keeps valid JSON valid`);
  }

  const took = performance.now() - started;
  assert.ok(took < HANG_BOUND_MS, `${file.name} (${file.text.length} characters) took ${Math.round(took)} ms`);
}

const offsets = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 });

describe('fuzzing the engine', () => {
  it('generated payloads, as they are and mutated', async () => {
    await fc.assert(fc.asyncProperty(generatedInput, offsets, exercise), fuzzParameters(150));
  });

  it('files of the corpora (NGSI-LD payloads, Smart Data Models examples and schemas), as they are and mutated', async () => {
    await fc.assert(fc.asyncProperty(corpusInput(), offsets, exercise), fuzzParameters(150));
  });

  it('random JSON and random text', async () => {
    await fc.assert(fc.asyncProperty(noise, offsets, exercise), fuzzParameters(100));
  });

  const problemsOf = (doc: JsonDocument) => checkDocument(doc, settings).problems.map((p) => [p.code, p.severity, p.offsets, p.range, p.message]);

  it('re-checks an edited batch as a fresh parse of its text would', async () => {
    // The incremental path (JsonDocument.derive) must agree with a fresh parse whatever the edit; `derived`
    // counts how often it was taken, so that the property cannot pass by never taking it.
    let derived = 0;
    const property = fc.property(batch, fc.array(valueChange, { minLength: 1, maxLength: 6 }), layout, fc.boolean(), (entities, changes, how, told) => {
      const uri = `${WORKSPACE_URI}/batch.json`;
      let value: unknown[] = entities;
      let doc = parseDocument(uri, 1, write(value, how));
      problemsOf(doc);
      for (const [i, change] of changes.entries()) {
        value = applyValueChange(value, change);
        const text = write(value, how);
        const next = JsonDocument.derive(doc, i + 2, text, undefined, told ? changedRegion(doc.text, text) : undefined);
        if (next) derived++;
        doc = next ?? parseDocument(uri, i + 2, text);
        assert.deepEqual(problemsOf(doc), problemsOf(parseDocument(uri, i + 2, text)), `after change ${i + 1}`);
      }
    });
    fc.assert(property, fuzzParameters(150));
    assert.ok(derived > 100, `the incremental path was taken ${derived} times`);
  });

  it('re-checks a document after a random edit as a fresh parse of its text would', async () => {
    const property = fc.property(generatedInput, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(20), fc.string({ unit: 'grapheme', maxLength: 8 }), (file, at, length, inserted) => {
      const uri = `${WORKSPACE_URI}/${file.name}`;
      const before = parseDocument(uri, 1, file.text);
      problemsOf(before);
      const start = Math.floor(at * (file.text.length + 1));
      const end = Math.min(file.text.length, start + length);
      const text = file.text.slice(0, start) + inserted + file.text.slice(end);
      const derived = JsonDocument.derive(before, 2, text, undefined, { start, oldEnd: end, newEnd: start + inserted.length }) ?? parseDocument(uri, 2, text);
      assert.deepEqual(problemsOf(derived), problemsOf(parseDocument(uri, 2, text)));
    });
    fc.assert(property, fuzzParameters(200));
  });
});
