/**
 * The compliance report in Markdown, for CI job summaries and pull requests. Everything that comes from the
 * files checked (paths, messages, URLs, type names) is escaped: file content may be hostile.
 */
import { EDITIONS, EDITION_LABELS, type Edition } from '../mims';
import { conformingShare, describeResolution, type ComplianceReport, type MimSection, type ProblemLocation, type RequirementFindings } from './model';

export interface MarkdownOptions {
  /** Where a problem's link goes (a path relative to the report, with #L<line>); no link when undefined. */
  link?: (problem: ProblemLocation) => string | undefined;
  /** The edition requirements are named by (the report's own by default). */
  edition?: Edition;
}

const BAR_WIDTH = 20;

export function renderReportMarkdown(report: ComplianceReport, options: MarkdownOptions = {}): string {
  const edition = options.edition ?? report.edition;
  const other = EDITIONS.find((e) => e !== edition)!;
  const out: string[] = [];
  out.push(`# ${report.title}`, '');
  out.push(
    `Generated ${text(formatDate(report.generatedAt))} by ${text(report.tool.name)} ${text(report.tool.version)} over ${report.roots.map(code).join(', ') || 'no folder'}: ` +
      `${plural(report.filesRead, 'JSON file')} read, ${report.filesChecked} of them under a MIM.`,
  );
  out.push('');
  out.push(`Requirements are named by ${EDITION_LABELS[edition]}; ${edition === 'new-format' ? 'run with `--edition 2022`' : 'run with `--edition new-format`'} for ${EDITION_LABELS[other]}.`);
  out.push('');
  out.push('> **What this report does not prove.**');
  for (const line of report.disclaimer) out.push(`> - ${text(line)}`);
  out.push('');
  out.push(text(report.conformance));
  out.push('');

  out.push('## At a glance', '');
  out.push('| MIM | files | conform | with errors | errors | warnings | share conforming |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const s of report.mims) {
    const share = s.checked === 0 ? (s.ruleCount === 0 ? 'no rules yet' : 'no files') : `\`${bar(s)}\` ${conformingShare(s)}%`;
    out.push(`| ${s.mim} ${text(s.name2022)} (${text(s.topic)}) | ${s.checked} | ${s.conforming} | ${s.failing} | ${s.errors} | ${s.warnings} | ${share} |`);
  }
  out.push('');

  for (const s of report.mims) out.push(...mimSection(s, edition, options));

  out.push('## Data models in use', '');
  if (report.models.length === 0) out.push('No entity was checked against a data model.', '');
  else {
    out.push('| entity type | version | from | repository | files | state |');
    out.push('| --- | --- | --- | --- | ---: | --- |');
    for (const m of report.models) {
      const from = m.origin === 'none' ? 'no model found' : `${text(m.source ?? '')} (${m.origin})`;
      const state = m.state === 'ready' ? 'used' : m.state === 'error' ? `cannot be used: ${text(m.reason ?? '')}` : m.state === 'unknown' ? 'no data model found' : text(m.state);
      out.push(`| ${cell(m.type)} | ${cell(m.version ?? '—')} | ${from} | ${cell(m.repository ?? '—')} | ${m.files} | ${state} |`);
    }
    out.push('');
  }
  if (report.definitions.length > 0) {
    out.push('### Data models defined in the files checked', '');
    out.push('| entity type | version | schema | repository |');
    out.push('| --- | --- | --- | --- |');
    for (const d of report.definitions) out.push(`| ${cell(d.type ?? '—')} | ${cell(d.version ?? '—')} | ${code(d.path)} | ${cell(d.repository ?? '—')} |`);
    out.push('');
  }

  out.push('## @contexts in use', '');
  if (report.contexts.length === 0) out.push('No file names an @context by URL.', '');
  else {
    out.push('| @context | files | how it was read |');
    out.push('| --- | ---: | --- |');
    for (const c of report.contexts) out.push(`| ${code(c.url)} | ${c.files} | ${cell(describeResolution(c.resolution))} |`);
    out.push('');
  }
  if (report.inlineContexts > 0) out.push(`${plural(report.inlineContexts, 'file')} also write${report.inlineContexts === 1 ? 's' : ''} an @context inline.`, '');

  out.push('## Files and settings', '');
  if (report.otherFiles.length > 0) {
    const shown = report.otherFiles.slice(0, 30);
    out.push(
      `${plural(report.otherFiles.length, 'JSON file')} read ${report.otherFiles.length === 1 ? 'is' : 'are'} under no MIM (no rule of the checker applies): ` +
        `${shown.map((f) => `${code(f.path)} (${text(f.kind)})`).join(', ')}${report.otherFiles.length > shown.length ? `, and ${report.otherFiles.length - shown.length} more` : ''}.`,
      '',
    );
  }
  if (report.unreadable.length > 0) {
    out.push('Files that could not be read:', '');
    for (const u of report.unreadable) out.push(`- ${code(u.path)}: ${text(u.reason)}`);
    out.push('');
  }
  out.push(report.settings.length > 0 ? `Rule settings in force: ${report.settings.map(text).join('; ')}.` : 'Every rule ran with its default severity.', '');
  return out.join('\n');
}

function mimSection(s: MimSection, edition: Edition, options: MarkdownOptions): string[] {
  const out: string[] = [`## ${s.mim} ${text(s.name2022)} (${text(s.topic)})`, ''];
  const pages = s.url === s.url2022 ? `[the OASC text](${url(s.url2022)})` : `[capability-and-requirement format](${url(s.url)}), [2022 edition](${url(s.url2022)})`;
  out.push(s.ruleCount > 0 ? `${plural(s.ruleCount, 'rule')} of the checker serve${s.ruleCount === 1 ? 's' : ''} this MIM (${pages}).` : `The OASC text: ${pages}.`);
  out.push('');
  if (s.note) out.push(text(s.note), '');
  if (s.checked === 0) return out;
  out.push(
    `${plural(s.checked, 'file')} checked: ${s.conforming} ${s.conforming === 1 ? 'conforms' : 'conform'}${s.conformingWithWarnings > 0 ? ` (${s.conformingWithWarnings} of them with warnings)` : ''}, ` +
      `${s.failing} ${s.failing === 1 ? 'does' : 'do'} not.`,
  );
  out.push('');
  out.push('| file | verdict | errors | warnings |');
  out.push('| --- | --- | ---: | ---: |');
  for (const f of s.files) out.push(`| ${code(f.path)} | ${f.conforms ? (f.warnings > 0 ? 'conforms, with warnings' : 'conforms') : '**does not conform**'} | ${f.errors} | ${f.warnings} |`);
  out.push('');
  const findings = s.requirements[edition];
  const withProblems = findings.filter((f) => f.errors + f.warnings > 0);
  const met = findings.filter((f) => f.errors + f.warnings === 0);
  for (const f of withProblems) out.push(...requirementFindings(f, options));
  if (met.length > 0) out.push(`No problem found for: ${met.map((f) => `[${text(f.label)}](${url(f.url)})`).join(', ')}.`, '');
  return out;
}

function requirementFindings(f: RequirementFindings, options: MarkdownOptions): string[] {
  const counts = [f.errors > 0 ? `${plural(f.errors, 'error')} in ${plural(f.failingFiles, 'file')}` : '', f.warnings > 0 ? plural(f.warnings, 'warning') : '']
    .filter(Boolean)
    .join(', ');
  const out = [`### ${text(f.label)}: ${counts}`, ''];
  out.push(`${text(f.summary)} [OASC](${url(f.url)})`, '');
  for (const p of f.problems) {
    const place = `${p.path}:${p.line}:${p.character}`;
    const href = options.link?.(p);
    out.push(`- ${href ? `[${code(place)}](${url(href)})` : code(place)} ${p.severity} ${code(p.code)}: ${text(p.message)}`);
  }
  if (f.omitted > 0) out.push(`- … and ${f.omitted} more (mim-check --format json lists them all)`);
  if (f.notes > 0) out.push(`- and ${plural(f.notes, 'note')} (information or hints), not listed`);
  out.push('');
  return out;
}

function bar(s: MimSection): string {
  const filled = s.checked === 0 ? 0 : Math.round((s.conforming / s.checked) * BAR_WIDTH);
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
}

/** Text from the files: Markdown punctuation and HTML escaped, on one line. */
export function text(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

/** A table cell: the same. */
function cell(value: string): string {
  return text(value);
}

/** Inline code: backticks in the value are replaced (a code span cannot escape them), pipes escaped for tables. */
function code(value: string): string {
  const clean = value.replace(/[\r\n\t]+/g, ' ').replace(/`/g, 'ˋ').replace(/\|/g, '\\|');
  return '`' + clean + '`';
}

/** A link target: spaces, parentheses and angle brackets encoded, and only http(s), relative and command links kept. */
function url(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^(https?|command|file|vscode):/i.test(value)) return '#';
  return value.replace(/[\s()<>`"'\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}
