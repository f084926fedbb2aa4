/** The language server over stdio or node IPC: `node dist/server.js --stdio`. */
import { join } from 'node:path';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { ruleDocumentationLinks } from './ruleLinks';
import { defaultCacheDir, resolveSettingPath } from './paths';
import { createNodeRuntime } from './runtime';

const connection = createConnection(ProposedFeatures.all);

// A bug in a rule must not take the server down with the user's other documents.
process.on('uncaughtException', (error) => connection.console.error(`[uncaught] ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`[unhandled rejection] ${String(reason)}`));

startServer(connection, {
  runtime: createNodeRuntime({ network: true, cacheDir: defaultCacheDir() }),
  resolvePath: resolveSettingPath,
  platform: `node ${process.version}`,
  ruleDocumentation: ruleDocumentationLinks(join(__dirname, '..', 'docs', 'rules.md')),
});
