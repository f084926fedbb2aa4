import { geoRules } from './geo/rules';
import { jsonRules } from './json/rules';
import { mim5Rules } from './mim5/rules';
import { entityRules } from './ngsi-ld/rules';
import { requestRules } from './ngsi-ld/rules-requests';
import { odrlRules } from './odrl/rules';
import { sdmRules } from './sdm/rules';
import { sdmAuthoringRules } from './sdm/authoring-rules';
import { sdmExampleRules } from './sdm/example-rules';
import type { RuleDefinition } from './rule-definition';

export type { RuleDefinition, RuleExample } from './rule-definition';

/** The registry: every rule the engine can report, by its stable code. */
const ALL_RULES = {
  ...jsonRules,
  ...entityRules,
  ...requestRules,
  ...geoRules,
  ...sdmRules,
  ...sdmAuthoringRules,
  ...sdmExampleRules,
  ...odrlRules,
  ...mim5Rules,
} satisfies Record<string, RuleDefinition>;

export type RuleCode = keyof typeof ALL_RULES;

export const RULES: Readonly<Record<RuleCode, RuleDefinition>> = ALL_RULES;

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULES, code);
}

export function ruleOf(code: RuleCode): RuleDefinition {
  return RULES[code];
}

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

/** The id of a rule's section in docs/rules.md ("ngsi-ld/entity-id" → "ngsi-ld-entity-id"). */
export function ruleAnchor(code: string): string {
  return code.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}
