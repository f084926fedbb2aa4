/**
 * The VS Code side on desktop: starts the language server as a node process and shows what it says.
 * No checking logic lives here; what the web client shares with this one is in common.ts.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { startClient, stopClient } from './common';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  // Downloaded data models are cached in the extension's own storage.
  const env = { ...process.env, MIM_CACHE_DIR: vscode.Uri.joinPath(context.globalStorageUri, 'cache').fsPath };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  await startClient(context, (clientOptions) => new LanguageClient('mim', 'MIM-aware', serverOptions, clientOptions));
}

export function deactivate(): Promise<void> {
  return stopClient();
}
