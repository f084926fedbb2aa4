// Bundles the language server, the VS Code client and the command-line checker with esbuild, and the web
// extension (VS Code for the web): its client and its server, which runs in a browser worker.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { builtinModules } from 'node:module';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
};

// The web bundles get no node polyfills: an import of a node module, from our code or from a dependency,
// fails the build instead of failing in the user's browser.
const NODE_MODULES = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const noNodeModules = {
  name: 'no-node-modules',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.nodeCheck || !NODE_MODULES.has(args.path)) return undefined;
      // A package of that name in node_modules (a browser port such as "events") is fine.
      if (!args.path.startsWith('node:')) {
        const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { nodeCheck: true } });
        if (found.errors.length === 0 && !found.external && found.path.includes('node_modules')) return found;
      }
      return { errors: [{ text: `"${args.path}" is a node module, which a browser does not have (imported by ${args.importer})` }] };
    });
  },
};
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  plugins: [noNodeModules],
  // Browsers have no `process`: the one constant libraries read is replaced at build time.
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

await Promise.all([
  build({ ...common, entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...web, entryPoints: ['client/src/browser.ts'], outfile: 'dist/web/client.js', format: 'cjs', external: ['vscode'] }),
  build({ ...web, entryPoints: ['server/src/browser/main.ts'], outfile: 'dist/web/server.js', format: 'iife' }),
]);
chmodSync('dist/cli.js', 0o755);
console.log(`built dist/server.js, dist/client.js, dist/cli.js, dist/web/client.js, dist/web/server.js${production ? ' (production)' : ''}`);
