import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OpenSchemaCommand, SchemaContentRequest, type SchemaContentParams } from '../../server/src/protocol';

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
    vscode.commands.registerCommand(OpenSchemaCommand, async (schemaUri?: string) => {
      const uri = schemaUri ?? (await pickSchema());
      if (!uri) return;
      if (uri.startsWith('file:')) {
        await vscode.window.showTextDocument(vscode.Uri.parse(uri));
        return;
      }
      // A downloaded model has no file of its own: show the copy the server read.
      const text = await client()?.sendRequest<string | null>(SchemaContentRequest, { uri } satisfies SchemaContentParams);
      if (text == null) {
        void vscode.window.showWarningMessage(`MIM-aware: the schema ${uri} is not available.`);
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: text });
      await vscode.window.showTextDocument(doc);
    }),
  );

  async function pickSchema(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const info = await client()?.sendRequest<{ models: { type: string; schemaUri?: string; state: string }[] } | null>('mim/documentInfo', { uri: editor.document.uri.toString() });
    const ready = (info?.models ?? []).filter((m) => m.state === 'ready' && m.schemaUri);
    if (ready.length === 0) {
      void vscode.window.showInformationMessage('MIM-aware: no data model checks this file.');
      return undefined;
    }
    if (ready.length === 1) return ready[0]!.schemaUri;
    const picked = await vscode.window.showQuickPick(ready.map((m) => ({ label: m.type, description: m.schemaUri, uri: m.schemaUri })));
    return picked?.uri;
  }
}
