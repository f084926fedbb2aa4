/**
 * The compliance report of a set of checked files: per MIM, which files fall under it, how many conform,
 * which requirements fail where; the data models and @contexts in use; and what the report does not prove.
 * The renderers (Markdown, HTML) only lay this out.
 */
import { baseName, parentUri } from '../runtime';
import { EDITIONS, MIMS, MIM_IDS, REQUIREMENTS, requirementLabel, type Edition, type MimId, type RequirementKey } from '../mims';
import { PAYLOAD_KIND_LABELS } from '../detect';
import type { ContextResolution } from '../ngsi-ld/jsonld-context';
import type { Severity } from '../problem';
import { isRuleCode, mimsServed, RULES, RULE_CODES } from '../rules';
import { sdmLocation } from '../sdm/sources';
import type { ReportFile } from './facts';

export interface ReportOptions {
  /** The tool and its version. */
  tool: { name: string; version: string };
  /** When the report was made (ISO 8601). */
  generatedAt: string;
  /** What was checked, as the reader knows it (folders, paths). */
  roots: readonly string[];
  /** The edition the report names requirements by first; the HTML report switches between both. */
  edition?: Edition;
  /** How each @context URL was read. */
  contextStatus?: (url: string) => ContextResolution;
  /** Rule settings that differ from the defaults (code to severity or "off"). */
  ruleSettings?: Readonly<Record<string, string>>;
  /** Files that could not be read, with the reason. */
  unreadable?: readonly { path: string; reason: string }[];
  /** At most this many problems are listed per requirement (the counts are always complete). */
  maxProblemsPerRequirement?: number;
}

/** One problem, where it is. Lines and characters are 1-based, as editors show them. */
export interface ProblemLocation {
  path: string;
  uri: string;
  line: number;
  character: number;
  code: string;
  severity: Severity;
  message: string;
}

export interface RequirementFindings {
  key: RequirementKey;
  label: string;
  summary: string;
  url: string;
  /** False when the entry names the MIM as a whole (it has no numbered requirement that fits). */
  numbered: boolean;
  /** The rules of this MIM that serve it. */
  rules: string[];
  /** Files with an error of those rules. */
  failingFiles: number;
  /** Files with a warning of those rules and no error. */
  warningFiles: number;
  errors: number;
  warnings: number;
  /** Information and hints, counted but not listed. */
  notes: number;
  /** Errors first, then warnings, in file order; at most maxProblemsPerRequirement. */
  problems: ProblemLocation[];
  /** Problems left out of the list. */
  omitted: number;
}

export interface MimFileVerdict {
  path: string;
  uri: string;
  conforms: boolean;
  errors: number;
  warnings: number;
}

export interface MimSection {
  mim: MimId;
  name2022: string;
  topic: string;
  url: string;
  url2022: string;
  /** How many rules the checker has for this MIM. */
  ruleCount: number;
  files: MimFileVerdict[];
  checked: number;
  conforming: number;
  /** Conforming files that have warnings. */
  conformingWithWarnings: number;
  failing: number;
  errors: number;
  warnings: number;
  /** The requirements its rules serve, per edition: those with problems first. */
  requirements: Record<Edition, RequirementFindings[]>;
  /** Said when the section needs a word: no files, no rules, only hygiene rules. */
  note?: string;
}

export interface ModelInUse {
  type: string;
  title?: string;
  version?: string;
  state: string;
  /** Where the schema came from, in words ("the workspace", "the Smart Data Models site (downloaded)"). */
  source?: string;
  /** local: read from a file; downloaded: from the network or the download cache; none: no model found. */
  origin: 'local' | 'downloaded' | 'none';
  /** The Smart Data Models repository (dataModel.Transportation) or the folder the model is in. */
  repository?: string;
  schemaUri?: string;
  reason?: string;
  /** Files whose entities were checked against it. */
  files: number;
}

export interface ModelDefinition {
  type?: string;
  version?: string;
  title?: string;
  path: string;
  uri: string;
  repository?: string;
}

export interface ContextInUse {
  url: string;
  files: number;
  resolution: ContextResolution;
}

export interface ComplianceReport {
  title: string;
  generatedAt: string;
  tool: { name: string; version: string };
  roots: string[];
  edition: Edition;
  /** JSON files read. */
  filesRead: number;
  /** Files that fall under at least one MIM. */
  filesChecked: number;
  mims: MimSection[];
  models: ModelInUse[];
  definitions: ModelDefinition[];
  contexts: ContextInUse[];
  /** Files with an @context written inline. */
  inlineContexts: number;
  /** JSON files no rule of the checker applies to (package.json, GeoJSON on its own...), with what they were taken for. */
  otherFiles: { path: string; kind: string }[];
  unreadable: { path: string; reason: string }[];
  /** How a verdict is reached. */
  conformance: string;
  /** Rule settings that differ from the defaults, in words. */
  settings: string[];
  /** What the report does not prove. */
  disclaimer: string[];
}

export const DISCLAIMER: readonly string[] = [
  'This report is not a certification. OASC does not certify payloads, and no MIM defines a conformance test for files; ' +
    'the report says what this checker found in the files it read, and nothing more.',
  'Services are not tested: context brokers, APIs, notification receivers and geospatial services may still fail the MIMs ' +
    '(the ETSI NGSI-LD test suite tests brokers; OGC and INSPIRE validators test geospatial services).',
  'Requirements that files cannot show (formally described APIs, access control, documentation, cataloguing, governance) are not assessed. ' +
    'A MIM without rules here, or without files, is reported as such, not as met.',
  'The requirement summaries are ours; the OASC pages linked from each requirement hold the wording that counts.',
];

export const CONFORMANCE =
  'A file conforms to a MIM when the checker found no error of that MIM\'s rules in it. Warnings do not count against ' +
  'conformance; they are counted and listed. Information and hints are counted only. Severities are the ones in force ' +
  '(rule settings included); rules switched off are not run.';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Builds the report from the checked files. */
export function buildReport(files: readonly ReportFile[], options: ReportOptions): ComplianceReport {
  const edition = options.edition ?? 'new-format';
  const max = options.maxProblemsPerRequirement ?? 200;
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const mims = MIM_IDS.map((mim) => mimSection(mim, sorted, max));
  const checked = sorted.filter((f) => f.mims.length > 0);
  return {
    title: 'MIM compliance report',
    generatedAt: options.generatedAt,
    tool: options.tool,
    roots: [...options.roots],
    edition,
    filesRead: sorted.length,
    filesChecked: checked.length,
    mims,
    models: modelsInUse(sorted),
    definitions: sorted
      .filter((f) => f.definition)
      .map((f) => ({ ...f.definition!, path: f.path, uri: f.uri, repository: repositoryOf(f.uri) })),
    contexts: contextsInUse(sorted, options.contextStatus),
    inlineContexts: sorted.filter((f) => f.inlineContext).length,
    otherFiles: sorted.filter((f) => f.mims.length === 0).map((f) => ({ path: f.path, kind: kindLabel(f.kind) })),
    unreadable: [...(options.unreadable ?? [])],
    conformance: CONFORMANCE,
    settings: Object.entries(options.ruleSettings ?? {})
      .filter(([code]) => isRuleCode(code))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, severity]) => (severity === 'off' ? `${code} is switched off` : `${code} is reported as ${severity} (default: ${RULES[code as keyof typeof RULES].severity})`)),
    disclaimer: [...DISCLAIMER],
  };
}

/** "GeoJSON (not checked on its own)", "not an NGSI payload". */
function kindLabel(kind: string): string {
  const label = (PAYLOAD_KIND_LABELS as Readonly<Record<string, string>>)[kind] ?? kind;
  return kind === 'none' ? label : `${label}, not checked`;
}

function mimSection(mim: MimId, files: readonly ReportFile[], max: number): MimSection {
  const info = MIMS[mim];
  // The rules that serve the MIM: those filed under it, and those serving one of its requirements.
  const rules = RULE_CODES.filter((code) => mimsServed(code).includes(mim));
  const served = new Set<string>(rules);
  const under = files.filter((f) => f.mims.includes(mim));
  const verdicts: MimFileVerdict[] = under.map((f) => {
    const own = f.problems.filter((p) => served.has(p.code));
    const errors = own.filter((p) => p.severity === 'error').length;
    return { path: f.path, uri: f.uri, conforms: errors === 0, errors, warnings: own.filter((p) => p.severity === 'warning').length };
  });
  const requirements = Object.fromEntries(EDITIONS.map((edition) => [edition, requirementFindings(edition, mim, rules, under, max)])) as Record<Edition, RequirementFindings[]>;
  const section: MimSection = {
    mim,
    name2022: info.name2022,
    topic: info.topic,
    url: info.url,
    url2022: info.url2022,
    ruleCount: rules.length,
    files: verdicts,
    checked: verdicts.length,
    conforming: verdicts.filter((v) => v.conforms).length,
    conformingWithWarnings: verdicts.filter((v) => v.conforms && v.warnings > 0).length,
    failing: verdicts.filter((v) => !v.conforms).length,
    errors: verdicts.reduce((n, v) => n + v.errors, 0),
    warnings: verdicts.reduce((n, v) => n + v.warnings, 0),
    requirements,
  };
  if (rules.length === 0) section.note = `The checker has no rules for ${mim} yet: nothing about it is assessed.`;
  else if (verdicts.length === 0) section.note = `No file checked falls under ${mim}.`;
  else if (mim === 'MIM6') section.note = 'MIM6 is a work item without numbered requirements; the checker looks for security slips in subscriptions and registrations only.';
  return section;
}

function requirementFindings(edition: Edition, mim: MimId, rules: readonly string[], files: readonly ReportFile[], max: number): RequirementFindings[] {
  const byKey = new Map<RequirementKey, RequirementFindings>();
  for (const code of rules) {
    const rule = RULES[code as keyof typeof RULES];
    for (const key of rule.requirements[edition] as readonly RequirementKey[]) {
      // A rule filed under this MIM shows all its requirements here; one brought in by a requirement, that one only.
      if (rule.mim !== mim && REQUIREMENTS[key].mim !== mim) continue;
      let findings = byKey.get(key);
      if (!findings) {
        const requirement = REQUIREMENTS[key];
        findings = {
          key,
          label: requirementLabel(requirement),
          summary: requirement.summary,
          url: requirement.url,
          numbered: requirement.id !== undefined,
          rules: [],
          failingFiles: 0,
          warningFiles: 0,
          errors: 0,
          warnings: 0,
          notes: 0,
          problems: [],
          omitted: 0,
        };
        byKey.set(key, findings);
      }
      findings.rules.push(code);
    }
  }
  for (const findings of byKey.values()) {
    const rules = new Set(findings.rules);
    const listed: ProblemLocation[] = [];
    for (const f of files) {
      const own = f.problems.filter((p) => rules.has(p.code));
      if (own.length === 0) continue;
      let errors = 0;
      let warnings = 0;
      for (const p of own) {
        if (p.severity === 'error') errors++;
        else if (p.severity === 'warning') warnings++;
        else findings.notes++;
        if (p.severity === 'error' || p.severity === 'warning') {
          listed.push({ path: f.path, uri: f.uri, line: p.range.start.line + 1, character: p.range.start.character + 1, code: p.code, severity: p.severity, message: p.message });
        }
      }
      findings.errors += errors;
      findings.warnings += warnings;
      if (errors > 0) findings.failingFiles++;
      else if (warnings > 0) findings.warningFiles++;
    }
    // Errors before warnings, each in file order (the files are sorted, and the problems of a file are in document order).
    const ordered = listed.map((p, i) => ({ p, i })).sort((a, b) => SEVERITY_ORDER[a.p.severity] - SEVERITY_ORDER[b.p.severity] || a.i - b.i);
    findings.problems = ordered.slice(0, max).map((x) => x.p);
    findings.omitted = Math.max(0, ordered.length - max);
  }
  // The requirements that fail first, then those with warnings, then those met; each group in catalog order.
  const catalogOrder = Object.keys(REQUIREMENTS);
  return [...byKey.values()].sort(
    (a, b) => rank(a) - rank(b) || catalogOrder.indexOf(a.key) - catalogOrder.indexOf(b.key),
  );
}

function rank(f: RequirementFindings): number {
  return f.errors > 0 ? 0 : f.warnings > 0 ? 1 : 2;
}

function modelsInUse(files: readonly ReportFile[]): ModelInUse[] {
  const byKey = new Map<string, ModelInUse>();
  for (const f of files) {
    const seen = new Set<string>();
    for (const use of f.models) {
      const key = `${use.type}\u0000${use.schemaUri ?? ''}\u0000${use.state}`;
      let model = byKey.get(key);
      if (!model) {
        model = {
          type: use.type,
          state: use.state,
          origin: !use.schemaUri ? 'none' : /^https?:/i.test(use.schemaUri) ? 'downloaded' : 'local',
          files: 0,
        };
        if (use.title) model.title = use.title;
        if (use.version) model.version = use.version;
        if (use.source) model.source = use.source;
        if (use.schemaUri) {
          model.schemaUri = use.schemaUri;
          const repository = repositoryOf(use.schemaUri);
          if (repository) model.repository = repository;
        }
        if (use.reason) model.reason = use.reason;
        byKey.set(key, model);
      }
      if (!seen.has(key)) model.files++;
      seen.add(key);
    }
  }
  return [...byKey.values()].sort((a, b) => a.type.localeCompare(b.type) || (a.schemaUri ?? '').localeCompare(b.schemaUri ?? ''));
}

/**
 * The repository a model schema belongs to: the Smart Data Models repository of a published URL, the
 * dataModel.* folder it sits in locally, or else the folder that holds the model folder.
 */
export function repositoryOf(schemaUri: string): string | undefined {
  const published = sdmLocation(schemaUri);
  if (published) return published.repo;
  const clean = schemaUri.replace(/[?#].*$/, '');
  const segments = clean.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const sdm = segments.filter((s) => /^dataModel\./.test(s) || s === 'data-models').pop();
  if (sdm) return sdm;
  const modelFolder = parentUri(clean);
  const holder = baseName(parentUri(modelFolder));
  return holder || undefined;
}

function contextsInUse(files: readonly ReportFile[], status: ReportOptions['contextStatus']): ContextInUse[] {
  const counts = new Map<string, number>();
  for (const f of files) for (const url of f.contexts) counts.set(url, (counts.get(url) ?? 0) + 1);
  return [...counts]
    .map(([url, n]) => ({ url, files: n, resolution: status?.(url) ?? ({ state: 'not read' } as const) }))
    .sort((a, b) => b.files - a.files || a.url.localeCompare(b.url));
}

/** "read from a local file", "downloaded", "not available: <why>" ... */
export function describeResolution(resolution: ContextResolution): string {
  switch (resolution.state) {
    case 'built-in':
      return 'built in (the NGSI-LD core context)';
    case 'local':
      return 'read from a local file';
    case 'cached':
      return 'downloaded earlier (from the download cache)';
    case 'downloaded':
      return 'downloaded';
    case 'unavailable':
      return `not available: ${resolution.reason}`;
    case 'not read':
      return 'not read';
  }
}

/** "5 of 7 conform", the share as a whole percentage (0 when there are no files). */
export function conformingShare(section: Pick<MimSection, 'checked' | 'conforming'>): number {
  return section.checked === 0 ? 0 : Math.round((section.conforming / section.checked) * 100);
}
