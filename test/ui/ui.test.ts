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
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCodeServer, type CodeServer } from '../../scripts/ui/code-server.mjs';
import { prepare } from '../../scripts/ui/prepare.mjs';
import { QUIET_SETTINGS, Workbench } from './driver';

const ROOT = join(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results', 'ui');
const VSIX = join(ROOT, 'dist', 'mim-aware.vsix');

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

  step('leaves a screenshot of every step', async () => {
    const shots = readdirSync(RESULTS).filter((f) => f.endsWith('.png'));
    assert.ok(shots.length >= 6, `screenshots: ${shots.join(', ')}`);
  });
});
