/**
 * The extension manifest and the package: every contributed command is registered, every setting is scoped,
 * described and localisable, the run-time files exist after the build, and the .vsix would hold exactly them.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkFiles, EXPECTED } from '../../scripts/package.mjs';
import { OpenSchemaCommand } from '../../server/src/protocol';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const contributes = manifest.contributes;
const settings = contributes.configuration.properties as Record<string, { scope?: string; description?: string; markdownDescription?: string }>;

/** Every "%key%" string in a JSON value. */
function placeholders(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    const m = /^%([^%]+)%$/.exec(value);
    if (m) out.push(m[1]!);
  } else if (Array.isArray(value)) value.forEach((v) => placeholders(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => placeholders(v, out));
  return out;
}

describe('the manifest', () => {
  it('registers every contributed command in the client, and contributes every command it registers', () => {
    const source = readdirSync(join(root, 'client', 'src'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(root, 'client', 'src', f), 'utf8'))
      .join('\n');
    const named = new Set([...source.matchAll(/'(mim\.[A-Za-z]+)'/g)].map((m) => m[1]!));
    // The schema command's name is shared with the server (the code lens runs it).
    if (source.includes('registerCommand(OpenSchemaCommand')) named.add(OpenSchemaCommand);
    const contributed = (contributes.commands as { command: string; category?: string; title: string }[]).map((c) => c.command);
    for (const command of contributed) assert.ok(named.has(command), `${command} is not registered by the client`);
    const registered = [...source.matchAll(/registerCommand\('(mim\.[A-Za-z]+)'/g)].map((m) => m[1]!);
    for (const command of registered) assert.ok(contributed.includes(command), `${command} is registered but not contributed`);
    for (const command of contributes.commands) assert.equal(command.category, 'MIM', `${command.command} has the MIM category`);
  });

  it('gives every setting a scope and a description', () => {
    for (const [name, setting] of Object.entries(settings)) {
      assert.ok(name.startsWith('mim.'), name);
      assert.ok(setting.scope, `${name} has a scope`);
      const description = setting.description ?? setting.markdownDescription ?? '';
      const text = /^%(.+)%$/.test(description) ? nls[description.slice(1, -1)] : description;
      assert.ok(text && text.length > 20, `${name} has a description`);
    }
  });

  it('takes every user-visible string from package.nls.json, and package.nls.json holds nothing unused', () => {
    const used = placeholders(manifest);
    for (const key of used) assert.ok(key in nls, `%${key}% is not in package.nls.json`);
    const unused = Object.keys(nls).filter((k) => !used.includes(k));
    assert.deepEqual(unused, []);
    for (const field of ['displayName', 'description']) assert.match(manifest[field], /^%.+%$/, `${field} is localisable`);
    for (const command of contributes.commands) assert.match(command.title, /^%.+%$/, `${command.command} title is localisable`);
  });

  it('restricts in untrusted workspaces every setting that reaches outside the workspace', () => {
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const name of restricted) assert.ok(name in settings, `${name} is a setting`);
    for (const name of Object.keys(settings)) {
      const outside = /^mim\.(sdm|download|dataModels|contexts)\./.test(name);
      assert.equal(restricted.includes(name), outside, `${name} ${outside ? 'must' : 'need not'} be restricted`);
    }
  });

  it('activates on JSON files only, never on startup', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:json']);
  });

  it('names run-time files that exist after the build', () => {
    // "browser" is the entry of VS Code for the web (vscode.dev, github.dev): the client that starts the server in a worker.
    assert.equal(manifest.browser, './dist/web/client.js');
    for (const file of [manifest.main, manifest.bin['mim-check'], manifest.icon, manifest.browser]) {
      assert.ok(existsSync(join(root, file)), `${file} exists (npm run build first)`);
    }
    for (const grammar of contributes.grammars) assert.ok(existsSync(join(root, grammar.path)), grammar.path);
    for (const snippets of contributes.snippets) assert.ok(existsSync(join(root, snippets.path)), snippets.path);
    const icon = readFileSync(join(root, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], 'the icon is 128 × 128');
  });
});

describe('the package', () => {
  it('would hold every run-time file and nothing else (.vscodeignore)', async () => {
    const files = await checkFiles();
    for (const file of EXPECTED) assert.ok(files.includes(file), file);
    assert.ok(!files.some((f) => f.startsWith('node_modules/') || f.startsWith('server/') || f.startsWith('test/') || f.endsWith('.map')), files.join(', '));
  });
});
