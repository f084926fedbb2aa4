import type { MimId, RuleRequirements } from './mims';
import type { Severity } from './problem';

export interface RuleExample {
  /** File name; its extension decides the media type (.json: application/json, .jsonld: application/ld+json). */
  file: string;
  /** In an invalid example, ⟦ and ⟧ mark the range the problem is reported on. */
  text: string;
  /** Other files of the example's workspace (data models), by path relative to the workspace folder. */
  files?: Readonly<Record<string, string>>;
  /** `mim.*` settings the example is checked with (without the `mim.` prefix, as an object). */
  settings?: Readonly<Record<string, unknown>>;
}

/** One entry of the rule registry. The docs page, the settings and the tests are derived from these. */
export interface RuleDefinition {
  /** The MIM the rule serves, by its 2022 number. */
  mim: MimId;
  /**
   * The requirements of that MIM (and of others it touches) the rule supports, in both editions; the MIM
   * itself where it has no numbered requirement that fits. The rules page and the compliance report
   * group problems by them.
   */
  requirements: RuleRequirements;
  severity: Severity;
  /** One line, shown in the docs index and the settings description. */
  title: string;
  /** What is checked and why, and how ambiguous cases are decided (Markdown). */
  docs: string;
  /** Where the rule comes from: spec clauses, checklist ids, broker behaviour. */
  source: string;
  /** The error type a broker answers with (ETSI GS CIM 009 ProblemDetails). */
  brokerError?: 'InvalidRequest' | 'BadRequestData';
  valid: RuleExample;
  invalid: RuleExample;
  /** Title of the quick fix, when the problem carries one. */
  fix?: string;
  /** The examples name Smart Data Models: they are checked with a Smart Data Models checkout at hand. */
  needsSmartDataModels?: boolean;
}

export function defineRules<T extends Record<string, RuleDefinition>>(rules: T): T {
  return rules;
}
