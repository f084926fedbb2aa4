/**
 * The compliance report as one self-contained HTML page: inline CSS only, no script, no remote resource, a bar
 * per MIM drawn as inline SVG, and a switch between the two MIM editions that works with CSS alone. The same
 * page is written by mim-check and shown in VS Code's webview (there with the webview's CSP source and a nonce,
 * and links that are command URIs). Every text from the files checked is escaped: file content may be hostile.
 */
import { EDITIONS, EDITION_LABELS, type Edition } from '../mims';
import { conformingShare, describeResolution, type ComplianceReport, type MimSection, type RequirementFindings } from './model';

/** A place to link to: a file, at a line and character (1-based). */
export interface ReportPlace {
  path: string;
  uri: string;
  line: number;
  character: number;
}

export interface HtmlOptions {
  /** Where a place links to; no link when undefined. */
  link?: (place: ReportPlace) => string | undefined;
  /** A nonce for the style element (a webview's CSP); without it the CSP allows the inline style. */
  nonce?: string;
  /** The webview's own CSP source (webview.cspSource), allowed for styles and images. */
  cspSource?: string;
}

const EDITION_NAMES: Readonly<Record<Edition, string>> = { 'new-format': 'capability-and-requirement format', '2022': '2022 edition' };

export function renderReportHtml(report: ComplianceReport, options: HtmlOptions = {}): string {
  const styleSource = options.nonce ? `'nonce-${attr(options.nonce)}'` : `'unsafe-inline'`;
  const csp = `default-src 'none'; style-src ${styleSource}${options.cspSource ? ' ' + attr(options.cspSource) : ''}; img-src data:${options.cspSource ? ' ' + attr(options.cspSource) : ''}; base-uri 'none'; form-action 'none'`;
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${esc(report.title)}</title>`);
  out.push(`<style${options.nonce ? ` nonce="${attr(options.nonce)}"` : ''}>${STYLE}</style>`);
  out.push('</head>');
  out.push('<body>');
  // The edition switch: radio buttons before header and main, so that CSS alone shows one edition's requirements.
  for (const edition of EDITIONS) {
    out.push(`<input type="radio" name="edition" id="edition-${edition}" class="edition-switch"${edition === report.edition ? ' checked' : ''}>`);
  }
  out.push('<header>');
  out.push(`<h1>${esc(report.title)}</h1>`);
  out.push(
    `<p class="meta">Generated ${esc(formatDate(report.generatedAt))} by ${esc(report.tool.name)} ${esc(report.tool.version)} over ${report.roots.map((r) => `<code>${esc(r)}</code>`).join(', ') || 'no folder'}: ` +
      `${plural(report.filesRead, 'JSON file')} read, ${report.filesChecked} of them under a MIM.</p>`,
  );
  out.push(
    `<p class="switch">Requirements named by: ${EDITIONS.map((e) => `<label for="edition-${e}" title="${attr(EDITION_LABELS[e])}">${esc(EDITION_NAMES[e])}</label>`).join(' ')}</p>`,
  );
  out.push('</header>');
  out.push('<main>');

  out.push('<section class="disclaimer" aria-labelledby="disclaimer">');
  out.push('<h2 id="disclaimer">What this report does not prove</h2>');
  out.push(`<ul>${report.disclaimer.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`);
  out.push(`<p>${esc(report.conformance)}</p>`);
  out.push('</section>');

  out.push('<section aria-labelledby="glance">');
  out.push('<h2 id="glance">At a glance</h2>');
  out.push('<table class="glance"><thead><tr><th>MIM</th><th>files conforming</th><th></th><th class="num">errors</th><th class="num">warnings</th></tr></thead><tbody>');
  for (const s of report.mims) {
    const summary = s.checked === 0 ? (s.ruleCount === 0 ? 'no rules yet' : 'no files') : `${s.conforming} of ${s.checked} (${conformingShare(s)}%)`;
    out.push(
      `<tr><td><a href="#${s.mim.toLowerCase()}">${esc(s.mim)}</a> ${esc(s.name2022)} <span class="topic">(${esc(s.topic)})</span></td>` +
        `<td>${bar(s)}</td><td>${esc(summary)}</td><td class="num">${s.errors}</td><td class="num">${s.warnings}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  out.push('<p class="legend"><span class="key ok"></span> conforms <span class="key warn"></span> conforms, with warnings <span class="key fail"></span> does not conform</p>');
  out.push('</section>');

  for (const s of report.mims) out.push(...mimSection(s, options));

  out.push('<section aria-labelledby="models">');
  out.push('<h2 id="models">Data models in use</h2>');
  if (report.models.length === 0) out.push('<p>No entity was checked against a data model.</p>');
  else {
    out.push('<table><thead><tr><th>entity type</th><th>version</th><th>from</th><th>repository</th><th class="num">files</th><th>state</th></tr></thead><tbody>');
    for (const m of report.models) {
      const from = m.origin === 'none' ? 'no model found' : `${esc(m.source ?? '')} (${esc(m.origin)})`;
      const state = m.state === 'ready' ? 'used' : m.state === 'error' ? `cannot be used: ${esc(m.reason ?? '')}` : m.state === 'unknown' ? 'no data model found' : esc(m.state);
      const type = m.schemaUri && !/^https?:/i.test(m.schemaUri) ? placeLink({ path: m.type, uri: m.schemaUri, line: 1, character: 1 }, esc(m.type), options) : m.schemaUri ? `<span title="${attr(m.schemaUri)}">${esc(m.type)}</span>` : esc(m.type);
      out.push(`<tr><td>${type}</td><td>${esc(m.version ?? '—')}</td><td>${from}</td><td>${esc(m.repository ?? '—')}</td><td class="num">${m.files}</td><td>${state}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  if (report.definitions.length > 0) {
    out.push('<h3>Data models defined in the files checked</h3>');
    out.push('<table><thead><tr><th>entity type</th><th>version</th><th>schema</th><th>repository</th></tr></thead><tbody>');
    for (const d of report.definitions) {
      out.push(`<tr><td>${esc(d.type ?? '—')}</td><td>${esc(d.version ?? '—')}</td><td>${placeLink({ path: d.path, uri: d.uri, line: 1, character: 1 }, `<code>${esc(d.path)}</code>`, options)}</td><td>${esc(d.repository ?? '—')}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');

  out.push('<section aria-labelledby="contexts">');
  out.push('<h2 id="contexts">@contexts in use</h2>');
  if (report.contexts.length === 0) out.push('<p>No file names an @context by URL.</p>');
  else {
    out.push('<table><thead><tr><th>@context</th><th class="num">files</th><th>how it was read</th></tr></thead><tbody>');
    for (const c of report.contexts) {
      const cls = c.resolution.state === 'unavailable' ? ' class="bad"' : '';
      out.push(`<tr><td><code>${esc(c.url)}</code></td><td class="num">${c.files}</td><td${cls}>${esc(describeResolution(c.resolution))}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  if (report.inlineContexts > 0) out.push(`<p>${plural(report.inlineContexts, 'file')} also write${report.inlineContexts === 1 ? 's' : ''} an @context inline.</p>`);
  out.push('</section>');

  out.push('<section aria-labelledby="files">');
  out.push('<h2 id="files">Files and settings</h2>');
  if (report.otherFiles.length > 0) {
    out.push(`<details><summary>${plural(report.otherFiles.length, 'JSON file')} read ${report.otherFiles.length === 1 ? 'is' : 'are'} under no MIM (no rule of the checker applies)</summary><ul class="files">`);
    for (const f of report.otherFiles) out.push(`<li><code>${esc(f.path)}</code> (${esc(f.kind)})</li>`);
    out.push('</ul></details>');
  }
  if (report.unreadable.length > 0) {
    out.push('<p>Files that could not be read:</p><ul>');
    for (const u of report.unreadable) out.push(`<li><code>${esc(u.path)}</code>: ${esc(u.reason)}</li>`);
    out.push('</ul>');
  }
  out.push(report.settings.length > 0 ? `<p>Rule settings in force: ${report.settings.map(esc).join('; ')}.</p>` : '<p>Every rule ran with its default severity.</p>');
  out.push('</section>');
  out.push('</main>');
  out.push('</body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}

function mimSection(s: MimSection, options: HtmlOptions): string[] {
  const id = s.mim.toLowerCase();
  const out: string[] = [`<section aria-labelledby="${id}" class="mim">`];
  out.push(`<h2 id="${id}">${esc(s.mim)} ${esc(s.name2022)} <span class="topic">(${esc(s.topic)})</span></h2>`);
  const pages = s.url === s.url2022 ? `<a href="${attr(s.url2022)}">the OASC text</a>` : `<a href="${attr(s.url)}">capability-and-requirement format</a>, <a href="${attr(s.url2022)}">2022 edition</a>`;
  out.push(s.ruleCount > 0 ? `<p>${plural(s.ruleCount, 'rule')} of the checker serve${s.ruleCount === 1 ? 's' : ''} this MIM (${pages}).</p>` : `<p>The OASC text: ${pages}.</p>`);
  if (s.note) out.push(`<p class="note">${esc(s.note)}</p>`);
  if (s.checked === 0) {
    out.push('</section>');
    return out;
  }
  out.push(
    `<p class="verdict">${plural(s.checked, 'file')} checked: <strong>${s.conforming} ${s.conforming === 1 ? 'conforms' : 'conform'}</strong>${s.conformingWithWarnings > 0 ? ` (${s.conformingWithWarnings} of them with warnings)` : ''}, ` +
      `<strong>${s.failing} ${s.failing === 1 ? 'does' : 'do'} not</strong>.</p>`,
  );
  out.push(`<details${s.files.length <= 30 ? ' open' : ''}><summary>The files</summary>`);
  out.push('<table><thead><tr><th>file</th><th>verdict</th><th class="num">errors</th><th class="num">warnings</th></tr></thead><tbody>');
  const ordered = [...s.files].sort((a, b) => Number(a.conforms) - Number(b.conforms) || a.path.localeCompare(b.path));
  for (const f of ordered) {
    const verdict = f.conforms ? (f.warnings > 0 ? '<span class="warn">conforms, with warnings</span>' : '<span class="ok">conforms</span>') : '<span class="fail">does not conform</span>';
    out.push(`<tr><td>${placeLink({ path: f.path, uri: f.uri, line: 1, character: 1 }, `<code>${esc(f.path)}</code>`, options)}</td><td>${verdict}</td><td class="num">${f.errors}</td><td class="num">${f.warnings}</td></tr>`);
  }
  out.push('</tbody></table></details>');
  for (const edition of EDITIONS) {
    out.push(`<div class="ed ed-${edition}">`);
    out.push(`<h3>Requirements (${esc(EDITION_NAMES[edition])})</h3>`);
    const findings = s.requirements[edition];
    for (const f of findings.filter((x) => x.errors + x.warnings > 0)) out.push(...requirementFindings(f, options));
    const met = findings.filter((x) => x.errors + x.warnings === 0);
    if (met.length > 0) out.push(`<p class="met">No problem found for: ${met.map((f) => `<a href="${attr(f.url)}" title="${attr(f.summary)}">${esc(f.label)}</a>`).join(', ')}.</p>`);
    out.push('</div>');
  }
  out.push('</section>');
  return out;
}

function requirementFindings(f: RequirementFindings, options: HtmlOptions): string[] {
  const counts = [f.errors > 0 ? `${plural(f.errors, 'error')} in ${plural(f.failingFiles, 'file')}` : '', f.warnings > 0 ? plural(f.warnings, 'warning') : '']
    .filter(Boolean)
    .join(', ');
  const out = [`<div class="requirement ${f.errors > 0 ? 'fails' : 'warns'}">`];
  out.push(`<h4><a href="${attr(f.url)}">${esc(f.label)}</a>: ${esc(counts)}</h4>`);
  out.push(`<p class="summary">${esc(f.summary)}</p>`);
  out.push('<ul class="problems">');
  for (const p of f.problems) {
    const place = placeLink(p, `<code>${esc(`${p.path}:${p.line}:${p.character}`)}</code>`, options);
    out.push(`<li class="${p.severity}">${place} <span class="severity">${esc(p.severity)}</span> <code>${esc(p.code)}</code>: ${esc(p.message)}</li>`);
  }
  if (f.omitted > 0) out.push(`<li>… and ${f.omitted} more (mim-check --format json lists them all)</li>`);
  if (f.notes > 0) out.push(`<li>and ${plural(f.notes, 'note')} (information or hints), not listed</li>`);
  out.push('</ul></div>');
  return out;
}

/** The label, linked to the place when a link can be made (only relative, http(s) and command links). */
function placeLink(place: ReportPlace, label: string, options: HtmlOptions): string {
  const href = options.link?.(place);
  if (!href || (/^[a-z][a-z0-9+.-]*:/i.test(href) && !/^(https?|command|file|vscode):/i.test(href))) return label;
  return `<a href="${attr(href)}">${label}</a>`;
}

/** A stacked bar: files that conform, conform with warnings, do not conform. Inline SVG, no style attributes. */
function bar(s: MimSection): string {
  const width = 240;
  const height = 14;
  const label = s.checked === 0 ? (s.ruleCount === 0 ? 'no rules yet' : 'no files') : `${s.conforming} of ${s.checked} files conform`;
  if (s.checked === 0) {
    return `<svg class="bar" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${attr(label)}"><rect class="empty" x="0" y="0" width="${width}" height="${height}" rx="3"></rect></svg>`;
  }
  const clean = s.conforming - s.conformingWithWarnings;
  const parts: [string, number][] = [
    ['ok', clean],
    ['warn', s.conformingWithWarnings],
    ['fail', s.failing],
  ];
  let x = 0;
  const rects: string[] = [`<rect class="empty" x="0" y="0" width="${width}" height="${height}" rx="3"></rect>`];
  for (const [cls, n] of parts) {
    if (n === 0) continue;
    const w = Math.max(1, Math.round((n / s.checked) * width));
    const clipped = Math.min(w, width - x);
    rects.push(`<rect class="${cls}" x="${x}" y="0" width="${clipped}" height="${height}"><title>${esc(`${n} ${cls === 'ok' ? 'conform' : cls === 'warn' ? 'conform, with warnings' : 'do not conform'}`)}</title></rect>`);
    x += clipped;
  }
  return `<svg class="bar" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${attr(label)}">${rects.join('')}</svg>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
}

/** Text content, escaped. */
export function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** An attribute value, escaped (always written in double quotes). */
function attr(value: string): string {
  return esc(value).replace(/[\r\n]/g, ' ');
}

const STYLE = `
:root { color-scheme: light dark; }
body { margin: 0; padding: 0 24px 32px; font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 14px);
  color: var(--vscode-foreground, #1f2328); background: var(--vscode-editor-background, #ffffff); line-height: 1.45; }
a { color: var(--vscode-textLink-foreground, #0969da); }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); font-size: 0.95em; overflow-wrap: anywhere; }
header { border-bottom: 1px solid var(--vscode-panel-border, #d0d7de); padding: 8px 0 4px; }
h1 { font-size: 1.6em; margin: 8px 0 4px; }
h2 { font-size: 1.25em; margin: 28px 0 8px; border-bottom: 1px solid var(--vscode-panel-border, #d0d7de); padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 18px 0 6px; }
h4 { font-size: 1em; margin: 14px 0 4px; }
.meta, .topic, .summary, .legend, .met { color: var(--vscode-descriptionForeground, #57606a); }
table { border-collapse: collapse; margin: 6px 0 10px; }
th, td { text-align: left; padding: 3px 10px 3px 0; vertical-align: top; border-bottom: 1px solid var(--vscode-editorWidget-border, #eaeef2); }
th { font-weight: 600; }
.num { text-align: right; }
.disclaimer { border-left: 4px solid var(--vscode-editorWarning-foreground, #bf8700); padding: 2px 14px; margin-top: 16px;
  background: var(--vscode-textBlockQuote-background, #f6f8fa); }
.disclaimer h2 { border: none; margin-top: 10px; }
.edition-switch { position: absolute; opacity: 0; width: 1px; height: 1px; }
.switch label { display: inline-block; padding: 2px 10px; margin-left: 4px; border: 1px solid var(--vscode-button-border, #d0d7de); border-radius: 4px; cursor: pointer; }
#edition-new-format:checked ~ header label[for="edition-new-format"], #edition-2022:checked ~ header label[for="edition-2022"] {
  background: var(--vscode-button-background, #0969da); color: var(--vscode-button-foreground, #ffffff); }
#edition-new-format:focus-visible ~ header label[for="edition-new-format"], #edition-2022:focus-visible ~ header label[for="edition-2022"] {
  outline: 2px solid var(--vscode-focusBorder, #0969da); }
#edition-new-format:checked ~ main .ed-2022, #edition-2022:checked ~ main .ed-new-format { display: none; }
svg.bar rect.empty { fill: var(--vscode-editorWidget-border, #d0d7de); }
svg.bar rect.ok, .key.ok { fill: var(--vscode-testing-iconPassed, #2da44e); background: var(--vscode-testing-iconPassed, #2da44e); }
svg.bar rect.warn, .key.warn { fill: var(--vscode-editorWarning-foreground, #bf8700); background: var(--vscode-editorWarning-foreground, #bf8700); }
svg.bar rect.fail, .key.fail { fill: var(--vscode-testing-iconFailed, #cf222e); background: var(--vscode-testing-iconFailed, #cf222e); }
.key { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; border-radius: 2px; }
.ok { color: var(--vscode-testing-iconPassed, #1a7f37); }
.warn { color: var(--vscode-editorWarning-foreground, #9a6700); }
.fail, .bad { color: var(--vscode-errorForeground, #cf222e); }
.requirement { border-left: 3px solid var(--vscode-editorWidget-border, #d0d7de); padding-left: 12px; margin: 10px 0; }
.requirement.fails { border-left-color: var(--vscode-testing-iconFailed, #cf222e); }
.requirement.warns { border-left-color: var(--vscode-editorWarning-foreground, #bf8700); }
ul.problems { padding-left: 18px; margin: 4px 0; }
ul.problems li { margin: 2px 0; }
.severity { font-variant: small-caps; }
li.error .severity { color: var(--vscode-errorForeground, #cf222e); }
li.warning .severity { color: var(--vscode-editorWarning-foreground, #9a6700); }
.note { font-style: italic; }
summary { cursor: pointer; }
`;
