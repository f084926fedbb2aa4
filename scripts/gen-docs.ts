// Writes what is derived from the rule registry: docs/rules.md and the rule settings in package.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { payloadKindSchema, renderRulesPage, ruleSettingsProperties } from './rules-docs';

writeFileSync('docs/rules.md', renderRulesPage());
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const properties = manifest.contributes.configuration.properties;
properties['mim.rules'].properties = ruleSettingsProperties();
properties['mim.payloadKinds'].additionalProperties = payloadKindSchema();
writeFileSync('package.json', JSON.stringify(manifest, null, 2) + '\n');
console.log('wrote docs/rules.md and the mim.rules settings in package.json');
