/**
 * The extension in a real VS Code: code-server (VS Code 1.139 in a browser) with the packaged .vsix
 * installed, driven in headless Chromium like a person would. Slow (the first run installs code-server,
 * several minutes; later runs use the cache outside the repository), so it is not part of `npm test`.
 *
 *   npm run build && node --import tsx --test test/ui/ui.test.ts
 *
 * Screenshots of every step land in test-results/ui/. MIM_UI_KEEP=1 keeps code-server's temporary
 * folder (user data, log) for a look afterwards.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCodeServer, type CodeServer } from '../../scripts/ui/code-server.mjs';
import { prepare } from '../../scripts/ui/prepare.mjs';
import { DEFAULT_SETTINGS, checkDocument, fixAll, parseDocument } from '../../server/src/service/index';
import { QUIET_SETTINGS, Workbench } from './driver';

const ROOT = join(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results', 'ui');
const VSIX = join(ROOT, 'dist', 'mim-aware.vsix');
const EXAMPLES = join(ROOT, 'examples');
/** Screenshots the README shows: the step's screenshot name → the file under docs/images/. MIM_UI_DOCS=1 copies them. */
const README_SHOTS: Record<string, string> = {
  squiggles: 'diagnostics.png',
  'problems-panel': 'problems-panel.png',
  'quick-fix-menu': 'quick-fix.png',
  'hover-data-model': 'hover.png',
  'completion-data-model': 'completion.png',
  'convert-losses-dialog': 'convert.png',
  'compliance-report': 'report.png',
};

/** A normalized entity with three known mistakes; illuminanceLevel makes it recognisably NGSI-LD. */
const PAYLOAD = `{
  "id": "streetlight-12",
  "type": "Streetlight",
  "powerState": {"type": "property", "value": "on"},
  "refGroup": {"type": "Relationship", "value": "urn:ngsi-ld:StreetlightGroup:Centro"},
  "illuminanceLevel": {"type": "Property", "value": 0.8}
}
`;
const EXPECTED_CODES = ['ngsi-ld/attribute-kind', 'ngsi-ld/entity-id', 'ngsi-ld/relationship-object'];

interface CliProblem {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number } };
}

/** What the command-line checker (the same engine) reports on the payload: the truth the UI must show. */
function checkWithCli(file: string): CliProblem[] {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'json', file], { encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, `mim-check failed (${result.status}): ${result.stderr}`);
  return (JSON.parse(result.stdout) as { files: { problems: CliProblem[] }[] }).files[0]!.problems;
}

describe('MIM-aware in a real VS Code (code-server in headless Chromium)', { timeout: 30 * 60_000 }, () => {
  let workspace = '';
  let server: CodeServer | undefined;
  let vscode: Workbench | undefined;
  let expected: CliProblem[] = [];
  let broken = false;

  /** One step of the walk-through: skipped once an earlier step failed; a screenshot and the log on failure. */
  function step(name: string, body: (vs: Workbench) => Promise<void>): void {
    it(name, { timeout: 3 * 60_000 }, async (t) => {
      if (broken || !vscode) {
        t.skip('an earlier step failed');
        return;
      }
      try {
        await body(vscode);
      } catch (error) {
        broken = true;
        await vscode.screenshot(`FAILED-${name.slice(0, 40)}`).catch(() => undefined);
        throw error;
      }
    });
  }

  before(
    async () => {
      rmSync(RESULTS, { recursive: true, force: true });
      mkdirSync(RESULTS, { recursive: true });

      const started = Date.now();
      await prepare();
      console.log(`# prepare: ${((Date.now() - started) / 1000).toFixed(1)} s`);

      const packaged = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(packaged.status, 0, `scripts/package.mjs failed:\n${packaged.stdout}\n${packaged.stderr}`);
      assert.ok(existsSync(VSIX), `${VSIX} was not written`);

      workspace = mkdtempSync(join(tmpdir(), 'mim-ui-workspace-'));
      // The demo workspace (examples/, with its data model and settings), plus a payload of the test's own.
      cpSync(EXAMPLES, workspace, { recursive: true });
      writeFileSync(join(workspace, 'problems.json'), PAYLOAD);
      expected = checkWithCli(join(workspace, 'problems.json'));
      assert.deepEqual(
        expected.map((p) => p.code).sort(),
        EXPECTED_CODES,
        'the engine no longer reports the three known problems on the payload; update the payload or EXPECTED_CODES',
      );

      server = await startCodeServer({ workspace, vsix: VSIX, settings: QUIET_SETTINGS });
      vscode = await Workbench.open(server.url, { screenshotsDir: RESULTS });
      await vscode.screenshot('workbench');
    },
    { timeout: 25 * 60_000 },
  );

  after(async () => {
    await vscode?.close();
    if (process.env.MIM_UI_DOCS === '1') {
      // Refresh the README's screenshots from this run.
      mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
      for (const file of readdirSync(RESULTS)) {
        const name = /^\d+-(.+)\.png$/.exec(file)?.[1];
        const target = name ? README_SHOTS[name] : undefined;
        if (target) copyFileSync(join(RESULTS, file), join(ROOT, 'docs', 'images', target));
      }
    }
    if (server) {
      // Keep code-server's log beside the screenshots; it is the first thing to read when a step failed.
      if (existsSync(server.logFile)) copyFileSync(server.logFile, join(RESULTS, 'code-server.log'));
      await server.stop();
    }
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  step('opens problems.json with Ctrl+P and underlines the three errors', async (vs) => {
    await vs.openFile('problems.json');
    assert.ok((await vs.editorLines()).some((line) => line.includes('"streetlight-12"')), 'the editor does not show the payload');
    // The language server starts with the first JSON file: wait for its diagnostics as squiggles.
    await vs.waitForSquiggles(expected.length, 'error');
    assert.equal(await vs.squiggleCount('error'), 3);
    assert.equal(await vs.squiggleCount('warning'), 0);
    await vs.screenshot('squiggles');
  });

  step('lists the problems in the Problems panel (Ctrl+Shift+M) with their codes and places', async (vs) => {
    const rows = await vs.waitForProblems(expected.length);
    await vs.screenshot('problems-panel');
    assert.deepEqual(rows.map((r) => r.code).sort(), EXPECTED_CODES);
    for (const problem of expected) {
      const row = rows.find((r) => r.code === problem.code);
      assert.ok(row, `no row for ${problem.code}`);
      assert.equal(row.severity, 'error', `${problem.code} severity`);
      assert.equal(row.source, 'mim', `${problem.code} source`);
      assert.equal(row.message, problem.message, `${problem.code} message`);
      assert.equal(row.line, problem.range.start.line + 1, `${problem.code} line`);
      assert.equal(row.column, problem.range.start.character + 1, `${problem.code} column`);
      assert.ok(row.ariaLabel.startsWith(`Error: ${problem.message}`), `${problem.code} aria-label: ${row.ariaLabel}`);
    }
  });

  step('shows the message when the mouse rests on a squiggle', async (vs) => {
    const entityId = expected.find((p) => p.code === 'ngsi-ld/entity-id')!;
    const hover = await vs.hoverAt('"streetlight-12"', { expect: entityId.message });
    await vs.screenshot('hover-entity-id');
    assert.ok(hover.includes('ngsi-ld/entity-id'), `the hover does not name the rule: ${hover}`);

    const kind = expected.find((p) => p.code === 'ngsi-ld/attribute-kind')!;
    const kindHover = await vs.hoverAt('"property"', { expect: kind.message });
    assert.ok(kindHover.includes('ngsi-ld/attribute-kind'), `the hover does not name the rule: ${kindHover}`);
    await vs.dismissHover();
  });

  step('runs "MIM: Show the output channel" from the command palette (F1)', async (vs) => {
    await vs.runCommand('MIM: Show the output channel');
    await vs.waitForOutputChannel('MIM-aware');
    await vs.screenshot('output-channel');
    const lines = (await vs.outputLines()).filter((l) => l.trim());
    assert.ok(lines.some((l) => /MIM-aware language server 0\.1\.0 on node/.test(l)), `output channel: ${lines.join(' | ')}`);
  });

  step('names the payload kind in the language status item', async (vs) => {
    const label = await vs.waitForLanguageStatus('MIM:');
    assert.match(label, /MIM: NGSI-LD entity/, `language status: ${label}`);
    const entries = await vs.languageStatus({ close: false });
    await vs.screenshot('language-status');
    await vs.dismissHover();
    const mim = entries.find((e) => e.text.startsWith('MIM:'));
    assert.ok(mim, `no MIM-aware item among ${JSON.stringify(entries)}`);
    assert.equal(mim.text, 'MIM: NGSI-LD entity (normalized)');
    // No data model is configured in this workspace: the detail says so, and the link opens the rules.
    assert.match(mim.detail, /no data model found for Streetlight/);
    assert.deepEqual(mim.links, ['Rules']);
  });

  step('runs "MIM: Show compliance report" and shows the report of the workspace in a webview', async (vs) => {
    // What mim-check finds in the same workspace (no file is modified yet), with the @context mapping of its settings:
    // the webview must say the same.
    const context = 'https://example.org/mim-aware/examples/context.jsonld';
    const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--report', 'md', '--context', `${context}=${join(workspace, 'data-models', 'context.jsonld')}`, '.'], { cwd: workspace, encoding: 'utf8' });
    assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
    const glance = (cli.stdout.match(/^\| MIM\d .*$/gm) ?? []).map((row) => {
      const [, mim, files, conform] = /^\| (MIM\d) .*? \| (\d+) \| (\d+) \|/.exec(row)!;
      return { mim: mim!, summary: files === '0' ? undefined : `${conform} of ${files}` };
    });
    assert.equal(glance.length, 7);

    // The panel below the editors (output) is hidden, so that the report has the room a reader gives it.
    if (await vs.page.locator('.part.panel').isVisible()) await vs.page.keyboard.press('Control+J');
    await vs.runCommand('MIM: Show compliance report');
    const report = await vs.webviewFrame('MIM compliance report');
    await vs.page.locator('.notification-toast-container', { hasText: 'compliance report' }).waitFor({ state: 'hidden', timeout: 15_000 });
    const rows = await report.$$eval('table.glance tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    assert.equal(rows.length, 7, 'a row per MIM');
    for (const [i, row] of rows.entries()) {
      assert.ok(row[0]!.startsWith(glance[i]!.mim), `${row[0]} is ${glance[i]!.mim}`);
      if (glance[i]!.summary) assert.ok(row[2]!.startsWith(glance[i]!.summary!), `${glance[i]!.mim}: the webview says "${row[2]}", mim-check "${glance[i]!.summary}"`);
    }
    assert.equal(await report.locator('svg.bar').count(), 7, 'a bar per MIM');
    assert.equal((await report.locator('#disclaimer').textContent())?.trim(), 'What this report does not prove');
    assert.equal(await report.locator('script').count(), 0, 'no script in the page');
    assert.match((await report.locator('p.meta').textContent()) ?? '', /by MIM-aware [\d.]+ over /);
    await vs.screenshot('compliance-report');

    // The 2022 edition, by CSS alone.
    await report.locator('label[for="edition-2022"]').click();
    await report.locator('.ed-2022 h4').first().waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await report.locator('.ed-new-format h4').first().isVisible(), false);
    assert.match((await report.locator('.ed-2022 h4').first().textContent()) ?? '', /\(2022\)/);
    await vs.screenshot('compliance-report-2022');
    await report.locator('label[for="edition-new-format"]').click();
  });

  step('goes from a problem in the report to its place in the file', async (vs) => {
    const report = await vs.webviewFrame('MIM compliance report');
    const link = report.locator('a', { hasText: 'payloads/streetlight-with-problems.json:2:9' }).first();
    await link.scrollIntoViewIfNeeded();
    await link.click();
    // The file opens beside the report, with the cursor at the problem.
    const deadline = Date.now() + 15_000;
    let tab = await vs.activeTab();
    let at = await vs.cursorPosition();
    while ((!tab.startsWith('streetlight-with-problems.json') || at?.line !== 2 || at.column !== 9) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      tab = await vs.activeTab();
      at = await vs.cursorPosition();
    }
    assert.ok(tab.startsWith('streetlight-with-problems.json'), `the active tab is ${tab}`);
    assert.deepEqual(at, { line: 2, column: 9 }, 'the cursor is at the problem');
    await vs.screenshot('compliance-report-link');
    // Nothing is modified yet: close the report and the editors beside it for the steps that follow.
    await vs.runCommand('View: Close All Editor Groups');
  });

  step('applies a quick fix from the light bulb menu (Ctrl+.) and the problem goes away', async (vs) => {
    await vs.openFile('problems.json');
    await vs.clickText('"value": "urn:ngsi-ld:StreetlightGroup', 3);
    const titles = await vs.quickFixes({ close: false });
    await vs.screenshot('quick-fix-menu');
    await vs.press('Escape');
    assert.ok(titles.some((t) => t.startsWith('Rename "value" to "object"')), `quick fixes: ${titles.join(' | ')}`);
    await vs.applyQuickFix('Rename "value" to "object"');
    await vs.waitForEditorText('"object": "urn:ngsi-ld:StreetlightGroup:Centro"');
    await vs.waitForSquiggles(expected.length - 1, 'error');
    await vs.screenshot('quick-fix-applied');
  });

  step('explains an attribute from the workspace data model on hover', async (vs) => {
    await vs.openFile('bike-counter.json');
    const hover = await vs.hoverAt('averageSpeed', { expect: 'Mean speed of the counted bicycles' });
    await vs.screenshot('hover-data-model');
    assert.match(hover, /units: km\/h/);
    assert.match(hover, /BikeCounter 0\.1\.0/);
    await vs.dismissHover();
  });

  step('completes an attribute of the data model as a normalized Property with its unit', async (vs) => {
    // A new member after "averageSpeed" (line 6): typing a quote opens the completion list.
    await vs.goTo(6, 1);
    await vs.press('End');
    await vs.press('Enter');
    await vs.type('"');
    const labels = await vs.completions({ close: false });
    await vs.screenshot('completion-data-model');
    await vs.press('Escape');
    for (const label of ['temperature', 'dateObserved', 'name']) assert.ok(labels.includes(label), `completions: ${labels.join(' | ')}`);
    assert.ok(!labels.includes('averageSpeed'), 'an attribute already written is not offered again');
    await vs.acceptCompletion('temperature');
    await vs.press('Escape');
    const lines = await vs.waitForEditorText('"temperature": {"type": "Property", "value": 0, "unitCode": "CEL"},');
    assert.ok(lines.some((l) => l.includes('"refDevice"')), 'the next member is still there');
    await vs.screenshot('completion-accepted');
  });

  step('runs "MIM: Fix all safe problems in this file" from the palette', async (vs) => {
    const file = join(workspace, 'payloads', 'streetlight-with-problems.json');
    const doc = parseDocument(`file://${file}`, 1, readFileSync(file, 'utf8'));
    const fixed = fixAll(doc, (d) => checkDocument(d, DEFAULT_SETTINGS));
    assert.ok(fixed.applied.length >= 3, `the engine fixes ${fixed.applied.length} problems of the example`);
    await vs.openFile('streetlight-with-problems.json');
    await vs.waitForSquiggles(checkWithCli(file).filter((p) => p.severity === 'error').length, 'error');
    await vs.runCommand('MIM: Fix all safe problems in this file');
    const want = fixed.text.split('\n').filter((l) => l.trim());
    await vs.waitForEditorText(want.find((l) => l.includes('"object"'))!.trim());
    const shown = (await vs.editorLines()).filter((l) => l.trim());
    assert.deepEqual(shown, want);
    await vs.screenshot('fix-all');
  });

  step('converts a simplified batch to normalized with the data model (palette)', async (vs) => {
    await vs.openFile('bike-counters.simplified.json');
    await vs.runCommand('MIM: Convert entities to normalized');
    const lines = await vs.waitForEditorText('"type": "Relationship"');
    assert.ok(lines.some((l) => l.includes('"unitCode": "KMH"')), `the model's unit is added: ${lines.join('\n')}`);
    await vs.screenshot('convert-normalized');
    // location comes further down: bring it into view.
    await vs.goTo(30, 1);
    await vs.waitForEditorText('"type": "GeoProperty"');
  });

  step('asks before a conversion that loses information, and converts once told to', async (vs) => {
    await vs.openFile('example-normalized.jsonld');
    await vs.runCommand('MIM: Convert entities to simplified (keyValues)');
    const dialog = await vs.waitForDialog();
    await vs.screenshot('convert-losses-dialog');
    assert.match(dialog.message, /drops information from 3 attributes/);
    assert.ok(dialog.buttons.includes('Convert'), `buttons: ${dialog.buttons.join(', ')}`);
    await vs.clickDialogButton('Convert');
    await vs.waitForEditorText('"count": 148,');
  });

  step('leaves a screenshot of every step', async () => {
    const shots = readdirSync(RESULTS).filter((f) => f.endsWith('.png'));
    assert.ok(shots.length >= 13, `screenshots: ${shots.join(', ')}`);
    for (const name of Object.keys(README_SHOTS)) assert.ok(shots.some((f) => f.endsWith(`-${name}.png`)), `no ${name} screenshot`);
  });
});
