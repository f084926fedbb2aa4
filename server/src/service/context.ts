import type { JsonDocument } from './json/document';
import type { JsonPath } from './json/values';
import type { Fix, ReportedProblem, Severity } from './problem';
import type { RuleCode } from './rules';

export type MediaType = 'application/json' | 'application/ld+json';

/** What every rule check receives: the document, what it was detected as, and where to report. */
export interface CheckContext {
  readonly doc: JsonDocument;
  /** The media type the file would be sent with, from its extension; undefined when it cannot be told. */
  readonly mediaType: MediaType | undefined;
  report(problem: RuleProblem): void;
  /** Milliseconds since the epoch (from the runtime, so tests can fix the clock). */
  now(): number;
}

export interface RuleProblem extends ReportedProblem {
  code: RuleCode;
  path: JsonPath;
  message: string;
  severity?: Severity;
  fixes?: Fix[];
}
