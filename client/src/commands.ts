import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Commands of the palette; each asks the server or opens what the server documents. */
export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, output: vscode.OutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('mim.restartServer', async () => {
      const running = client();
      if (!running) return;
      await running.restart();
      void vscode.window.setStatusBarMessage('MIM-aware: language server restarted', 3000);
    }),
    vscode.commands.registerCommand('mim.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('mim.openRules', async () => {
      const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md');
      await vscode.commands.executeCommand('markdown.showPreview', page);
    }),
  );
}
