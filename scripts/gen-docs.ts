// Writes what is derived from the rule registry: docs/rules.md, the rule settings in package.json and their
// user-visible strings in package.nls.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { payloadKindSchema, renderRulesPage, ruleSettingsProperties, updatedNls } from './rules-docs';

writeFileSync('docs/rules.md', renderRulesPage());
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const properties = manifest.contributes.configuration.properties;
properties['mim.rules'].properties = ruleSettingsProperties();
properties['mim.payloadKinds'].additionalProperties = payloadKindSchema();
writeFileSync('package.json', JSON.stringify(manifest, null, 2) + '\n');
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8'));
writeFileSync('package.nls.json', JSON.stringify(updatedNls(nls), null, 2) + '\n');
console.log('wrote docs/rules.md, the mim.rules settings in package.json and their strings in package.nls.json');
