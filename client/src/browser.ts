/**
 * The VS Code side in VS Code for the web: starts the language server in a web worker. The server has no
 * file system there, so this client reads the workspace's files for it. The rest is shared with the node
 * client (common.ts).
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { startClient, stopClient } from './common';
import { serveWorkspaceFiles } from './workspaceFiles';

/** The web worker of the extension host (the DOM types are not in this project). */
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;

/** A client whose every start runs a fresh worker, and whose stop ends it (a stopped server does not start again). */
class WebLanguageClient extends LanguageClient {
  private worker: ServerWorker | undefined;

  constructor(serverMain: vscode.Uri, clientOptions: ConstructorParameters<typeof LanguageClient>[3]) {
    super(
      'mim',
      'MIM-aware',
      async () => {
        this.worker?.terminate();
        const worker = new Worker(serverMain.toString(true), { name: 'MIM-aware language server' });
        this.worker = worker;
        // The transports, not the worker: the client would test it with `instanceof Worker`, which fails for
        // the worker VS Code for the web makes (its extension host replaces the Worker constructor).
        return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
      },
      clientOptions,
    );
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  override async stop(timeout?: number): Promise<void> {
    try {
      await super.stop(timeout);
    } finally {
      this.worker?.terminate();
      this.worker = undefined;
    }
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  await startClient(context, (clientOptions) => {
    const client = new WebLanguageClient(serverMain, clientOptions);
    serveWorkspaceFiles(client);
    return client;
  });
}

export function deactivate(): Promise<void> {
  return stopClient();
}
