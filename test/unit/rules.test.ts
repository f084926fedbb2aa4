import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES, RULE_CODES, applyEdits, editsForFix, parseDocument, type RuleDefinition } from '../../server/src/service/index';
import type { RuleExample } from '../../server/src/service/rules';
import { WORKSPACE_URI, checkWithModels, unmark } from '../helpers/engine';

// Every rule documents a valid and an invalid example; the examples are the first test of the rule, so the
// documentation cannot drift from the code. The invalid example marks with ⟦ ⟧ where the problem must be.
// Examples that name Smart Data Models are checked with ../shared/sdm as the local checkout.

function example(file: string): string {
  return file.includes(':') ? file : `${WORKSPACE_URI}/${file}`;
}

async function run(rule: RuleDefinition, example: RuleExample, text: string) {
  return (await checkWithModels(example.file, text, { sdm: rule.needsSmartDataModels, files: example.files, settings: example.settings })).problems;
}

describe('rule registry examples', () => {
  for (const code of RULE_CODES) {
    const rule = RULES[code];
    describe(code, () => {
      it('reports nothing on the valid example', async () => {
        const found = await run(rule, rule.valid, rule.valid.text);
        const serious = found.filter((p) => p.code === code || p.severity === 'error' || p.severity === 'warning');
        assert.deepEqual(serious.map((p) => `${p.code} ${p.message}`), []);
      });
      it('reports the invalid example at the marked range with the default severity', async () => {
        const { text, ranges } = unmark(rule.invalid.text);
        assert.equal(ranges.length, 1, 'the invalid example marks one range');
        const found = await run(rule, rule.invalid, text);
        const hit = found.find((p) => p.code === code);
        assert.ok(hit, `expected ${code}, got ${found.map((p) => `${p.code} ${p.message}`).join('; ') || 'nothing'}`);
        assert.deepEqual(
          { text: text.slice(hit.offsets.start, hit.offsets.end), severity: hit.severity },
          { text: text.slice(ranges[0]!.start, ranges[0]!.end), severity: rule.severity },
        );
      });
      if (rule.fix) {
        it(`"${rule.fix}" repairs the invalid example without a new error`, async () => {
          const { text } = unmark(rule.invalid.text);
          const before = await run(rule, rule.invalid, text);
          const hit = before.find((p) => p.code === code)!;
          const fix = hit.fixes?.[0];
          assert.ok(fix, `the problem carries a fix (${rule.fix})`);
          const doc = parseDocument(example(rule.invalid.file), 1, text);
          const edits = editsForFix(doc, fix);
          assert.ok(edits && edits.length > 0, 'the fix turns into edits');
          const fixed = applyEdits(text, edits);
          const after = await run(rule, rule.invalid, fixed);
          const key = (p: { code: string; path: readonly unknown[] }) => `${p.code} ${JSON.stringify(p.path)}`;
          assert.ok(!after.some((p) => key(p) === key(hit)), `${code} is gone after the fix:\n${fixed}`);
          const errorsBefore = new Set(before.filter((p) => p.severity === 'error').map((p) => p.code));
          const newErrors = after.filter((p) => p.severity === 'error' && !errorsBefore.has(p.code));
          assert.deepEqual(newErrors.map((p) => `${p.code} ${p.message}`), [], `no new error after the fix:\n${fixed}`);
        });
      }
    });
  }
});
