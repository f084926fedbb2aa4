import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULE_CODES } from '../../server/src/service/index';
import { payloadKindSchema, renderRulesPage, ruleSettingsProperties, updatedNls } from '../../scripts/rules-docs';

const root = join(__dirname, '..', '..');

describe('what is generated from the rule registry', () => {
  it('docs/rules.md is up to date (run npm run docs)', () => {
    const onDisk = readFileSync(join(root, 'docs', 'rules.md'), 'utf8').split('\n');
    const generated = renderRulesPage().split('\n');
    const line = generated.findIndex((l, i) => l !== onDisk[i]);
    assert.ok(line < 0 && onDisk.length === generated.length, `docs/rules.md differs from the registry at line ${line + 1} (run npm run docs):\n  on disk:   ${onDisk[line] ?? '(end)'}\n  generated: ${generated[line] ?? '(end)'}`);
  });

  it('the mim.rules and mim.payloadKinds settings and their strings are up to date (run npm run docs)', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(properties['mim.rules'].properties, ruleSettingsProperties());
    assert.deepEqual(properties['mim.payloadKinds'].additionalProperties, payloadKindSchema());
    const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
    assert.deepEqual(nls, updatedNls(nls));
  });

  it('documents every rule under its own heading', () => {
    const page = renderRulesPage();
    for (const code of RULE_CODES) assert.ok(page.includes(`### \`${code}\``), code);
  });

});
