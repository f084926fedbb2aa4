/**
 * What the node client and the web client share: the client options, the commands, the status item and
 * the workspace trust notice. Each entry point only says how the server is started.
 */
import * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';
import { WorkspaceTrustNotification, type WorkspaceTrustParams } from '../../server/src/protocol';
import { registerCommands, type MimLanguageClient } from './commands';
import { StatusItem } from './status';

let client: MimLanguageClient | undefined;

/** Creates the language client of one platform from the shared options. */
export type ClientFactory = (clientOptions: LanguageClientOptions) => MimLanguageClient;

/** The client options both platforms use. */
export function clientOptions(output: vscode.LogOutputChannel, extensionUri: vscode.Uri): LanguageClientOptions {
  return {
    // VS Code opens .jsonld files as JSON.
    documentSelector: [{ language: 'json' }],
    synchronize: {
      configurationSection: 'mim',
      // Data models in the workspace: a changed schema.json re-checks the payloads that use it.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.json'),
    },
    // VS Code's own JSON support reports syntax errors; the server does not say them twice. The rules page is
    // named for the server of VS Code for the web, which knows no path of the extension.
    initializationOptions: {
      workspaceTrusted: vscode.workspace.isTrusted,
      syntaxErrors: false,
      ruleDocs: vscode.Uri.joinPath(extensionUri, 'docs', 'rules.md').toString(),
    },
    outputChannel: output,
    traceOutputChannel: output,
  };
}

/** Starts the client made by `create`, with the commands and the status item. */
export async function startClient(context: vscode.ExtensionContext, create: ClientFactory): Promise<MimLanguageClient> {
  const output = vscode.window.createOutputChannel('MIM-aware', { log: true });
  context.subscriptions.push(output);
  const started = create(clientOptions(output, context.extensionUri));
  client = started;
  const status = new StatusItem(started);
  context.subscriptions.push(status);
  registerCommands(context, () => client, output);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification(WorkspaceTrustNotification, { trusted: true } satisfies WorkspaceTrustParams);
    }),
  );
  await started.start();
  status.start();
  return started;
}

export async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
