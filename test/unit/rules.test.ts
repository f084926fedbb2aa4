import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES, RULE_CODES } from '../../server/src/service/index';
import { problems, unmark } from '../helpers/engine';

// Every rule documents a valid and an invalid example; the examples are the first test of the rule, so the
// documentation cannot drift from the code. The invalid example marks with ⟦ ⟧ where the problem must be.
describe('rule registry examples', () => {
  for (const code of RULE_CODES) {
    const rule = RULES[code];
    describe(code, () => {
      it('reports nothing on the valid example', () => {
        const found = problems(rule.valid.file, rule.valid.text);
        const serious = found.filter((p) => p.code === code || p.severity === 'error' || p.severity === 'warning');
        assert.deepEqual(serious.map((p) => `${p.code} ${p.message}`), []);
      });
      it('reports the invalid example at the marked range with the default severity', () => {
        const { text, ranges } = unmark(rule.invalid.text);
        assert.equal(ranges.length, 1, 'the invalid example marks one range');
        const found = problems(rule.invalid.file, text);
        const hit = found.find((p) => p.code === code);
        assert.ok(hit, `expected ${code}, got ${found.map((p) => p.code).join(', ') || 'nothing'}`);
        assert.deepEqual(
          { text: text.slice(hit.offsets.start, hit.offsets.end), severity: hit.severity },
          { text: text.slice(ranges[0]!.start, ranges[0]!.end), severity: rule.severity },
        );
      });
    });
  }
});
