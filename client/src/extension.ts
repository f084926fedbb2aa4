/**
 * The VS Code side: starts the language server and shows what it says. No checking logic lives here.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { StatusItem } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('MIM-aware', { log: true });
  context.subscriptions.push(output);
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'json', scheme: 'file' },
      { language: 'json', scheme: 'untitled' },
      { language: 'jsonld', scheme: 'file' },
      { language: 'jsonld', scheme: 'untitled' },
    ],
    synchronize: { configurationSection: 'mim' },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient('mim', 'MIM-aware', serverOptions, clientOptions);
  const status = new StatusItem(client);
  context.subscriptions.push(status);
  registerCommands(context, () => client, output);
  await client.start();
  status.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
