/**
 * The VS Code side: starts the language server and shows what it says. No checking logic lives here.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { WorkspaceTrustNotification, type WorkspaceTrustParams } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { StatusItem } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('MIM-aware', { log: true });
  context.subscriptions.push(output);
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  // Downloaded data models are cached in the extension's own storage.
  const env = { ...process.env, MIM_CACHE_DIR: vscode.Uri.joinPath(context.globalStorageUri, 'cache').fsPath };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // VS Code opens .jsonld files as JSON.
    documentSelector: [{ language: 'json' }],
    synchronize: {
      configurationSection: 'mim',
      // Data models in the workspace: a changed schema.json re-checks the payloads that use it.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.json'),
    },
    // VS Code's own JSON support reports syntax errors; the server does not say them twice.
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted, syntaxErrors: false },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient('mim', 'MIM-aware', serverOptions, clientOptions);
  const status = new StatusItem(client);
  context.subscriptions.push(status);
  registerCommands(context, () => client, output);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification(WorkspaceTrustNotification, { trusted: true } satisfies WorkspaceTrustParams);
    }),
  );
  await client.start();
  status.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
