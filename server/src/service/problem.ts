import type { Range } from './json/document';
import type { JsonPath } from './json/values';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * A repair, described as data so that a quick fix never needs a second parse. Paths are relative to
 * the document root. Every kind is one edit on one node.
 */
export type Fix =
  /** Rename the member at `path` (its key) to `to`. */
  | { kind: 'rename-key'; title: string; path: JsonPath; to: string; safe?: boolean }
  /** Replace the value at `path` with `value`. */
  | { kind: 'set-value'; title: string; path: JsonPath; value: unknown; safe?: boolean }
  /** Remove the member or array item at `path`. */
  | { kind: 'remove'; title: string; path: JsonPath; safe?: boolean }
  /** Add `key` to the object at `path`; `snippet` is the value as an LSP snippet with placeholders. */
  | { kind: 'add-member'; title: string; path: JsonPath; key: string; value: unknown; snippet?: string; first?: boolean; safe?: boolean };

/** What a rule check hands to the reporter. */
export interface ReportedProblem {
  code: string;
  path: JsonPath;
  /** The node the range covers: the member name, or the value (the default). */
  target?: 'key' | 'value';
  /** A span inside the node, relative to the node's value start. */
  inner?: { start: number; end: number };
  /** A span of characters inside a JSON string value (indexes into the decoded string). */
  stringRange?: { start: number; end: number };
  message: string;
  /** Overrides the rule's default severity for this one problem (before user settings apply). */
  severity?: Severity;
  fixes?: Fix[];
}

/** What the engine returns: ready for LSP, the CLI and tests. */
export interface Problem {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Offsets of the range in the text. */
  offsets: { start: number; end: number };
  path: JsonPath;
  fixes?: Fix[];
}
