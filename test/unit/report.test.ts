/**
 * The compliance report on a fixture workspace (test/fixtures/report-workspace, described in its README):
 * its Markdown from mim-check, the same report from the engine's own walk (the language server's path), the
 * HTML page (self-contained, escaped, a bar per MIM, the edition switch), and the command-line options.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli';
import { createNodeRuntime } from '../../server/src/node/runtime';
import { DEFAULT_SETTINGS, ModelCatalog, PAYLOAD_KINDS } from '../../server/src/service/index';
import { KIND_MIMS, type ReportFile } from '../../server/src/service/report/facts';
import { renderReportHtml } from '../../server/src/service/report/html';
import { renderReportMarkdown } from '../../server/src/service/report/markdown';
import { buildReport, type ComplianceReport } from '../../server/src/service/report/model';
import { checkWorkspace, listJsonFiles } from '../../server/src/service/report/workspace';
import { VERSION } from '../../server/src/service/version';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'report-workspace');
const FIXTURE_URI = pathToFileURL(FIXTURE).toString();

async function cli(args: string[], cwd = FIXTURE) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

/** The report from the engine's own walk of the fixture, as the language server makes it. */
async function engineReport(): Promise<ComplianceReport> {
  const runtime = createNodeRuntime();
  const catalog = new ModelCatalog({ workspaceFolders: [FIXTURE_URI], modelFolders: [], modelSchemas: [], sdmRoot: undefined, download: false, baseUrl: 'https://smart-data-models.github.io/' }, runtime);
  const checked = await checkWorkspace({
    runtime,
    folders: [FIXTURE_URI],
    settings: DEFAULT_SETTINGS,
    catalog,
    displayPath: (uri) => decodeURIComponent(uri.slice(FIXTURE_URI.length + 1)),
  });
  assert.ok(checked);
  return buildReport(checked.files, {
    tool: { name: 'mim-check', version: VERSION },
    generatedAt: '2026-11-27T10:00:00.000Z',
    roots: ['.'],
    contextStatus: (url) => catalog.contexts.describe(url),
    unreadable: checked.unreadable,
  });
}

const withoutDate = (markdown: string) => markdown.replace(/^Generated .*? by /m, 'Generated (date) by ');

describe('the compliance report of a folder (mim-check --report md)', () => {
  it('keeps the exit status of a check and prints the report instead of the problems', async () => {
    const { code, stdout, stderr } = await cli(['--report', 'md', '.']);
    assert.equal(stderr, '');
    assert.equal(code, 1, 'the fixture has errors');
    assert.match(stdout, /^# MIM compliance report\n/);
    assert.ok(!/^\d+ files checked: \d+ errors/m.test(stdout), 'the usual summary line is not printed');
  });

  it('says when and by what it was made, and what it does not prove', async () => {
    const { stdout } = await cli(['--report', 'md', '.']);
    const lines = stdout.split('\n');
    assert.match(lines[2]!, new RegExp(`^Generated \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC by mim-check ${VERSION.replace(/\./g, '\\.')} over \`\\.\`: 11 JSON files read, 9 of them under a MIM\\.$`));
    assert.ok(lines.includes('Requirements are named by the capability-and-requirement format (Accessing, Interlinking, Representing, Geospatial data ...); run with `--edition 2022` for the 2022 edition (MIM1 Context ... MIM7 Places).'));
    assert.ok(lines.includes('> **What this report does not prove.**'));
    assert.ok(lines.some((l) => l.startsWith('> - This report is not a certification.')));
    assert.ok(lines.some((l) => l.startsWith('> - Services are not tested: context brokers')));
    assert.ok(lines.some((l) => l.startsWith('A file conforms to a MIM when the checker found no error of that MIM\'s rules in it. Warnings do not count against conformance')));
  });

  it('sums up every MIM at a glance, with a bar', async () => {
    const { stdout } = await cli(['--report', 'md', '.']);
    const lines = stdout.split('\n');
    const start = lines.indexOf('## At a glance');
    assert.deepEqual(lines.slice(start + 2, start + 11), [
      '| MIM | files | conform | with errors | errors | warnings | share conforming |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
      '| MIM1 Context Information Management (Accessing and interlinking data) | 6 | 5 | 1 | 3 | 3 | `█████████████████░░░` 83% |',
      '| MIM2 Data Models (Representing data) | 2 | 1 | 1 | 1 | 1 | `██████████░░░░░░░░░░` 50% |',
      '| MIM3 Contracts (Ecosystem transaction management) | 1 | 1 | 0 | 0 | 1 | `████████████████████` 100% |',
      '| MIM4 Trust (Personal data) | 1 | 1 | 0 | 0 | 0 | `████████████████████` 100% |',
      '| MIM5 Transparency (Fair AI) | 1 | 0 | 1 | 1 | 0 | `░░░░░░░░░░░░░░░░░░░░` 0% |',
      '| MIM6 Security (Security) | 2 | 2 | 0 | 0 | 2 | `████████████████████` 100% |',
      '| MIM7 Places (Geospatial data) | 3 | 2 | 1 | 1 | 0 | `█████████████░░░░░░░` 67% |',
    ]);
  });

  it('lists per MIM the files checked and their verdicts', async () => {
    const { stdout } = await cli(['--report', 'md', '.']);
    const section = (mim: string) => stdout.slice(stdout.indexOf(`## ${mim} `), stdout.indexOf('\n## ', stdout.indexOf(`## ${mim} `) + 1));
    const mim1 = section('MIM1');
    assert.ok(mim1.includes('6 files checked: 5 conform (2 of them with warnings), 1 does not.'));
    for (const row of [
      '| `payloads/bike-counter.json` | conforms | 0 | 0 |',
      '| `payloads/parking-spot.jsonld` | conforms | 0 | 0 |',
      '| `payloads/streetlight.json` | **does not conform** | 3 | 0 |',
      '| `payloads/weather.jsonld` | conforms, with warnings | 0 | 1 |',
      '| `registrations/counters.json` | conforms | 0 | 0 |',
      // Its MIM6 warnings serve Accessing data C4 too, a MIM1 requirement.
      '| `subscriptions/alerts.json` | conforms, with warnings | 0 | 2 |',
    ]) {
      assert.ok(mim1.includes(row), row);
    }
    const mim2 = section('MIM2');
    assert.ok(mim2.includes('2 files checked: 1 conforms (1 of them with warnings), 1 does not.'));
    assert.ok(mim2.includes('| `models/BikeCounter/schema.json` | conforms, with warnings | 0 | 1 |'));
    assert.ok(mim2.includes('| `payloads/bike-counter.json` | **does not conform** | 1 | 0 |'));
    const mim6 = section('MIM6');
    assert.ok(mim6.includes('2 files checked: 2 conform (1 of them with warnings), 0 do not.'));
    assert.ok(mim6.includes('| `subscriptions/alerts.json` | conforms, with warnings | 0 | 2 |'));
    const mim7 = section('MIM7');
    assert.ok(mim7.includes('3 files checked: 2 conform, 1 does not.'));
    assert.ok(mim7.includes('| `payloads/streetlight.json` | **does not conform** | 1 | 0 |'));
    // An ODRL policy falls under MIM3 and MIM4; a rule filed under MIM3 that serves a MIM1 requirement is listed
    // under it in MIM3, and does not bring the policy under MIM1.
    const mim3 = section('MIM3');
    assert.ok(mim3.includes('1 file checked: 1 conforms (1 of them with warnings), 0 do not.'));
    assert.ok(mim3.includes('| `policies/parking-data.jsonld` | conforms, with warnings | 0 | 1 |'));
    assert.ok(mim3.includes('### Accessing data C4: 1 warning'));
    assert.ok(!mim1.includes('policies/parking-data.jsonld'));
    const mim4 = section('MIM4');
    assert.ok(mim4.includes('4 rules of the checker serve this MIM'));
    assert.ok(mim4.includes('| `policies/parking-data.jsonld` | conforms | 0 | 0 |'));
    const mim5 = section('MIM5');
    assert.ok(mim5.includes('1 file checked: 0 conform, 1 does not.'));
    assert.ok(mim5.includes('| `algorithms/parking-triage.json` | **does not conform** | 1 | 0 |'));
    assert.match(mim5, /- \[`algorithms\/parking-triage\.json:30:20`\]\(algorithms\/parking-triage\.json#L30\) error `mim5\/date-order`: "revision\\_date" \(2025-05-01\) is before "last\\_change\\_date" \(2025-06-01\)/);
  });

  it('says which requirements fail where, with a link to each place', async () => {
    const { stdout } = await cli(['--report', 'md', '.']);
    const lines = stdout.split('\n');
    const block = (heading: string) => {
      const at = lines.indexOf(heading);
      assert.ok(at >= 0, `no heading "${heading}"`);
      const end = lines.findIndex((l, i) => i > at && l.startsWith('#'));
      return lines.slice(at, end < 0 ? undefined : end).filter((l) => l.startsWith('- '));
    };
    assert.deepEqual(block('### Interlinking data R1.1: 1 error in 1 file'), [
      '- [`payloads/streetlight.json:2:9`](payloads/streetlight.json#L2) error `ngsi-ld/entity-id`: The entity id must be an absolute URI, but it has no scheme such as "urn:" or "https:". For example "urn:ngsi-ld:Streetlight:streetlight-12".',
    ]);
    assert.deepEqual(block('### Interlinking data C3: 1 error in 1 file').map((l) => l.slice(0, l.indexOf(':', l.indexOf('`ngsi')))), [
      '- [`payloads/streetlight.json:5:40`](payloads/streetlight.json#L5) error `ngsi-ld/relationship-object`',
    ]);
    // Hostile text from a file is escaped.
    const kind = block('### Accessing data R2.1: 1 error in 1 file');
    assert.equal(kind.length, 1);
    assert.ok(kind[0]!.includes('error `ngsi-ld/attribute-kind`: "&lt;img src=x onerror=alert(1)&gt;" is not an NGSI-LD attribute type.'), kind[0]);
    assert.deepEqual(block('### Representing data R3.4: 1 error in 1 file'), [
      '- [`payloads/bike-counter.json:4:42`](payloads/bike-counter.json#L4) error `sdm/range`: "count" must be at least 0 in the BikeCounter data model; here it is -3.',
    ]);
    assert.deepEqual(block('### Geospatial data R5.1: 1 error in 1 file').map((l) => l.slice(0, l.indexOf(': '))), ['- [`payloads/streetlight.json:6:81`](payloads/streetlight.json#L6) error `geo/swapped-coordinates`']);
    assert.deepEqual(block('### Accessing data C4: 2 warnings').map((l) => l.slice(0, l.indexOf(': '))), [
      '- [`subscriptions/alerts.json:7:15`](subscriptions/alerts.json#L7) warning `ngsi-ld/endpoint-insecure`',
      '- [`subscriptions/alerts.json:9:58`](subscriptions/alerts.json#L9) warning `ngsi-ld/clear-text-credential`',
    ]);
    assert.ok(lines.some((l) => l.startsWith('No problem found for: [Accessing data R1.1](https://mims.oascities.org/accessing-data/capabilities-and-requirements)')));
  });

  it('names the data models in use with their version and source, and the @contexts with how they were read', async () => {
    const { stdout } = await cli(['--report', 'md', '.']);
    const lines = stdout.split('\n');
    for (const row of [
      '| BikeCounter | 0.1.0 | the workspace (local) | models | 1 | used |',
      '| ParkingSpot | — | no model found | — | 1 | no data model found |',
      '| BikeCounter | 0.1.0 | `models/BikeCounter/schema.json` | models |',
      '| `https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld` | 2 | built in (the NGSI-LD core context) |',
    ]) {
      assert.ok(lines.includes(row), `missing: ${row}`);
    }
    assert.ok(lines.some((l) => l.startsWith('| `https://example.org/contexts/weather.jsonld` | 1 | not available: it is not available offline')));
    assert.ok(lines.includes('1 file also writes an @context inline.'));
    assert.ok(lines.includes('2 JSON files read are under no MIM (no rule of the checker applies): `places/district.json` (GeoJSON, not checked), `tool-settings.json` (not an NGSI payload).'));
    assert.ok(lines.includes('Every rule ran with its default severity.'));
  });

  it('names the requirements by the 2022 edition when asked, and says which rules were changed', async () => {
    const { stdout } = await cli(['--report', 'md', '--edition', '2022', '--rule', 'ngsi-ld/endpoint-insecure=off', '.']);
    const lines = stdout.split('\n');
    assert.ok(lines.some((l) => l.startsWith('Requirements are named by the 2022 edition')));
    assert.ok(lines.includes('### MIM1 Context (2022), Specifications: ETSI NGSI-LD: 3 errors in 1 file'), lines.filter((l) => l.startsWith('### ')).join('\n'));
    assert.ok(lines.includes('### MIM7 Places (2022), Specifications: data encoding: 1 error in 1 file'));
    assert.ok(lines.includes('### MIM6 Security (2022): 1 warning'));
    assert.ok(lines.includes('Rule settings in force: ngsi-ld/endpoint-insecure is switched off.'));
  });

  it('writes the report to --output with links relative to it, and prints the usual output', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mim-report-'));
    const file = join(out, 'report.md');
    const { code, stdout } = await cli(['--report', 'md', '--output', file, '.']);
    assert.equal(code, 1);
    assert.match(stdout, /11 files checked: 6 errors, 5 warnings/);
    const written = readFileSync(file, 'utf8');
    const link = /\]\(([^)]*payloads\/streetlight\.json#L2)\)/.exec(written)?.[1];
    assert.ok(link && link.endsWith('test/fixtures/report-workspace/payloads/streetlight.json#L2') && link.startsWith('../'), link);
    const html = join(out, 'report.html');
    assert.equal((await cli(['--report', 'html', '--output', html, '.'])).code, 1);
    assert.match(readFileSync(html, 'utf8'), /^<!DOCTYPE html>/);
  });

  it('refuses --output without --report, and an unknown report format or edition', async () => {
    assert.equal((await cli(['--output', 'x.md', '.'])).code, 2);
    assert.equal((await cli(['--report', 'pdf', '.'])).code, 2);
    assert.equal((await cli(['--report', 'md', '--edition', '2030', '.'])).code, 2);
  });
});

describe('the compliance report from the engine\'s own walk (the language server\'s path)', () => {
  it('is the report mim-check prints', async () => {
    const report = await engineReport();
    const link = (p: { path: string; line: number }) => `${p.path}#L${p.line}`;
    const fromEngine = renderReportMarkdown(report, { link });
    const { stdout } = await cli(['--report', 'md', '.']);
    assert.equal(withoutDate(fromEngine), withoutDate(stdout));
  });

  it('walks .json and .jsonld files, skipping node_modules and hidden folders', async () => {
    const files = await listJsonFiles(createNodeRuntime(), [pathToFileURL(join(ROOT, 'examples')).toString()]);
    assert.ok(files.length > 10);
    assert.ok(files.every((f) => /\.json(ld)?$/.test(f) && !f.includes('/.vscode/') && !f.includes('node_modules')));
  });
});

describe('the compliance report as a page', () => {
  it('is one self-contained page: a strict CSP, inline style, no script, no remote resource', async () => {
    const html = renderReportHtml(await engineReport());
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">/);
    assert.ok(!/<script/i.test(html), 'no script');
    assert.ok(!/<(link|img|iframe|object|embed)\b/i.test(html), 'no remote resources');
    assert.ok(!/ style="/.test(html), 'no style attributes (the webview CSP allows the style element only)');
    assert.equal((html.match(/<svg class="bar"/g) ?? []).length, 7, 'a bar per MIM');
  });

  it('escapes every text from the files', async () => {
    const html = renderReportHtml(await engineReport());
    assert.ok(!html.includes('<img src=x'), 'the hostile attribute type is not markup');
    assert.ok(html.includes('&quot;&lt;img src=x onerror=alert(1)&gt;&quot; is not an NGSI-LD attribute type'));
    const hostile: ReportFile = {
      path: '"><script>alert(1)</script>.json',
      uri: 'file:///w/%22%3E%3Cscript%3E.json',
      kind: 'entity',
      mims: ['MIM1'],
      problems: [{ code: 'ngsi-ld/entity-id', severity: 'error', message: '</li><script>x</script>', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, offsets: { start: 0, end: 1 }, path: ['id'] }],
      models: [{ type: '<b>T</b>', state: 'unknown' }],
      contexts: ['https://x.example/"><script>'],
      inlineContext: false,
    };
    const report = buildReport([hostile], { tool: { name: 't', version: '1' }, generatedAt: '2026-01-01T00:00:00Z', roots: ['<root>'] });
    const page = renderReportHtml(report, { link: () => 'javascript:alert(1)' });
    assert.ok(!/<script/i.test(page) && !page.includes('<b>T</b>') && !page.includes('javascript:'), 'nothing hostile survives');
    const markdown = renderReportMarkdown(report, { link: () => 'javascript:alert(1)' });
    assert.ok(!markdown.includes('javascript:') && !/<script/i.test(markdown.replace(/`[^`]*`/g, '')), 'the Markdown neither');
  });

  it('switches between the editions with CSS alone, starting with the one asked for', async () => {
    const report = await engineReport();
    const html = renderReportHtml(report);
    assert.match(html, /<input type="radio" name="edition" id="edition-new-format" class="edition-switch" checked>\n<input type="radio" name="edition" id="edition-2022" class="edition-switch">/);
    assert.match(html, /#edition-new-format:checked ~ main \.ed-2022, #edition-2022:checked ~ main \.ed-new-format \{ display: none; \}/);
    assert.ok(html.includes('<div class="ed ed-2022">') && html.includes('<div class="ed ed-new-format">'));
    assert.match(renderReportHtml({ ...report, edition: '2022' }), /id="edition-2022" class="edition-switch" checked>/);
  });

  it('takes a nonce and a CSP source, and links each problem to its place', async () => {
    const html = renderReportHtml(await engineReport(), {
      nonce: 'n0nce',
      cspSource: 'https://webview.example',
      link: (p) => `command:mim.openLocation?${encodeURIComponent(JSON.stringify([p.uri, p.line, p.character]))}`,
    });
    assert.match(html, /content="default-src 'none'; style-src 'nonce-n0nce' https:\/\/webview\.example; img-src data: https:\/\/webview\.example;/);
    assert.ok(html.includes('<style nonce="n0nce">'));
    assert.ok(!html.includes('unsafe-inline'));
    const streetlight = encodeURIComponent(JSON.stringify([`${FIXTURE_URI}/payloads/streetlight.json`, 2, 9]));
    assert.ok(html.includes(`<a href="command:mim.openLocation?${streetlight}"><code>payloads/streetlight.json:2:9</code></a>`));
  });
});

describe('the report\'s reading of files', () => {
  it('knows which MIMs every payload kind falls under', () => {
    for (const kind of PAYLOAD_KINDS) assert.ok(Object.prototype.hasOwnProperty.call(KIND_MIMS, kind), `KIND_MIMS has no entry for "${kind}"`);
  });

  it('names the version of package.json', () => {
    assert.equal(VERSION, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});
