import { geoRules } from './geo/rules';
import { jsonRules } from './json/rules';
import { mim5Rules } from './mim5/rules';
import { entityRules } from './ngsi-ld/rules';
import { requestRules } from './ngsi-ld/rules-requests';
import { odrlRules } from './odrl/rules';
import { sdmRules } from './sdm/rules';
import { sdmAuthoringRules } from './sdm/authoring-rules';
import { sdmExampleRules } from './sdm/example-rules';
import { EDITIONS, MIM_IDS, REQUIREMENTS, type MimId, type RequirementKey } from './mims';
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

/**
 * The MIMs a rule serves: the one it is filed under, and those whose requirements it serves in either edition
 * (the ODRL rules are filed under MIM3 and serve MIM4's personal-data requirement too).
 */
export function mimsServed(code: RuleCode): readonly MimId[] {
  const rule = RULES[code];
  const out = new Set<MimId>([rule.mim]);
  for (const edition of EDITIONS) for (const key of rule.requirements[edition] as readonly RequirementKey[]) out.add(REQUIREMENTS[key].mim);
  return MIM_IDS.filter((m) => out.has(m));
}
