import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  CheckModelRequest,
  ConvertRequest,
  FixAllRequest,
  OpenSchemaCommand,
  ReportRequest,
  SchemaContentRequest,
  type CheckModelParams,
  type CheckModelResult,
  type ConvertParams,
  type ConvertResult,
  type FixAllParams,
  type FixAllResult,
  type ReportParams,
  type ReportResult,
  type SchemaContentParams,
} from '../../server/src/protocol';
import type { WorkspaceEdit as LspWorkspaceEdit } from 'vscode-languageclient';

/** The conversion commands and the representation each converts to. */
const CONVERSIONS = [
  ['mim.convertToNormalized', 'normalized'],
  ['mim.convertToConcise', 'concise'],
  ['mim.convertToSimplified', 'simplified'],
] as const;

/** The language client of either platform (node or web), which can restart its server. */
export type MimLanguageClient = BaseLanguageClient & { restart(): Promise<void> };

/** Commands of the palette; each asks the server or opens what the server documents. */
export function registerCommands(context: vscode.ExtensionContext, client: () => MimLanguageClient | undefined, output: vscode.OutputChannel): void {
  // What "Check this data model" found in the model's files that are not open.
  const modelProblems = vscode.languages.createDiagnosticCollection('mim-model');
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
    vscode.commands.registerCommand('mim.fixAll', async () => {
      const running = client();
      const editor = vscode.window.activeTextEditor;
      if (!running || !editor) return;
      const result = await running.sendRequest<FixAllResult>(FixAllRequest, { uri: editor.document.uri.toString() } satisfies FixAllParams);
      if (!result.edit) {
        void vscode.window.showInformationMessage(`MIM-aware: nothing to fix safely in this file${result.remaining ? ` (${result.remaining} problem${result.remaining > 1 ? 's' : ''} need a person)` : ''}.`);
        return;
      }
      const applied = await vscode.workspace.applyEdit(await running.protocol2CodeConverter.asWorkspaceEdit(result.edit as LspWorkspaceEdit));
      if (!applied) {
        void vscode.window.showWarningMessage('MIM-aware: the file changed while the fixes were computed; run the command again.');
        return;
      }
      void vscode.window.setStatusBarMessage(`MIM-aware: ${result.applied} fix${result.applied === 1 ? '' : 'es'} applied, ${result.remaining} problem${result.remaining === 1 ? '' : 's'} left`, 5000);
    }),
    ...CONVERSIONS.map(([command, to]) =>
      vscode.commands.registerCommand(command, async () => {
        const running = client();
        const editor = vscode.window.activeTextEditor;
        if (!running || !editor) return;
        const params: ConvertParams = { uri: editor.document.uri.toString(), to };
        if (!editor.selection.isEmpty) params.range = running.code2ProtocolConverter.asRange(editor.selection);
        const result = await running.sendRequest<ConvertResult>(ConvertRequest, params);
        if (!result.edit) {
          void vscode.window.showInformationMessage(`MIM-aware: nothing converted: ${result.reason ?? `the entities are already ${to}`}.`);
          return;
        }
        if (result.losses.length > 0) {
          // What the target form cannot carry is said before anything changes.
          for (const loss of result.losses) output.appendLine(`[convert] ${editor.document.uri.fsPath}${loss.range ? `:${loss.range.start.line + 1}:${loss.range.start.character + 1}` : ''}: ${loss.message}`);
          const detail = result.losses.slice(0, 3).map((l) => l.message).join(' ');
          const choice = await vscode.window.showWarningMessage(
            `Converting to ${to} drops information from ${result.losses.length} attribute${result.losses.length > 1 ? 's' : ''}. ${detail}${result.losses.length > 3 ? ' …' : ''}`,
            { modal: true },
            'Convert',
            'Show details',
          );
          if (choice === 'Show details') output.show(true);
          if (choice !== 'Convert') return;
        }
        const applied = await vscode.workspace.applyEdit(await running.protocol2CodeConverter.asWorkspaceEdit(result.edit as LspWorkspaceEdit));
        if (!applied) void vscode.window.showWarningMessage('MIM-aware: the file changed while it was converted; run the command again.');
        else void vscode.window.setStatusBarMessage(`MIM-aware: ${result.converted} entit${result.converted === 1 ? 'y' : 'ies'} converted to ${to}`, 5000);
      }),
    ),
    modelProblems,
    vscode.commands.registerCommand('mim.checkModel', async () => {
      const running = client();
      const editor = vscode.window.activeTextEditor;
      if (!running || !editor) return;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'MIM-aware: checking the data model' }, () =>
        running.sendRequest<CheckModelResult>(CheckModelRequest, { uri: editor.document.uri.toString() } satisfies CheckModelParams),
      );
      if (result.reason || !result.model) {
        void vscode.window.showInformationMessage(`MIM-aware: nothing to check: ${result.reason ?? 'no data model'}.`);
        return;
      }
      // Files open in an editor have the server's own diagnostics; the others get the command's.
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      modelProblems.clear();
      output.appendLine(`[check model] ${result.model} (${result.folder}): ${result.summary}`);
      for (const file of result.files) {
        const diagnostics = await running.protocol2CodeConverter.asDiagnostics(file.diagnostics as never);
        for (const d of diagnostics) output.appendLine(`  ${vscode.Uri.parse(file.uri).fsPath}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
        if (!open.has(file.uri)) modelProblems.set(vscode.Uri.parse(file.uri), diagnostics);
      }
      const message = `${result.model}: ${result.summary} (${result.files.length} file${result.files.length === 1 ? '' : 's'}).`;
      const choice = await (result.status === 'errors' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(message, 'Show problems');
      if (choice === 'Show problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    vscode.commands.registerCommand('mim.showReport', async (resource?: unknown) => {
      const running = client();
      if (!running) return;
      // From the explorer's context menu: the folder clicked; from the palette: the whole workspace.
      const folders = resource instanceof vscode.Uri ? [resource] : (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
      if (folders.length === 0) {
        void vscode.window.showInformationMessage('MIM-aware: open a folder first: the compliance report covers the JSON files of the workspace or of a folder.');
        return;
      }
      const title = folders.length === 1 && resource instanceof vscode.Uri ? `MIM report: ${resource.path.replace(/\/+$/, '').split('/').pop()}` : 'MIM compliance report';
      const panel = vscode.window.createWebviewPanel('mim.report', title, vscode.ViewColumn.Active, {
        // No script at all; the links to the places of problems are command URIs, and only this one may run.
        enableScripts: false,
        enableCommandUris: ['mim.openLocation'],
        localResourceRoots: [],
      });
      const nonce = makeNonce();
      panel.webview.html = waitingPage(nonce, panel.webview.cspSource);
      let result: ReportResult;
      try {
        result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'MIM-aware: checking the files for the compliance report', cancellable: true },
          (_progress, token) =>
            running.sendRequest<ReportResult>(ReportRequest, { folders: folders.map((f) => f.toString()), nonce, cspSource: panel.webview.cspSource } satisfies ReportParams, token),
        );
      } catch (error) {
        panel.dispose();
        output.appendLine(`[report] ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (!result.html) {
        panel.dispose();
        void vscode.window.showInformationMessage(`MIM-aware: no compliance report: ${result.reason ?? 'nothing was checked'}.`);
        return;
      }
      panel.webview.html = result.html;
      output.appendLine(`[report] ${folders.map((f) => f.toString()).join(', ')}: ${result.files} JSON files, ${result.errors} errors and ${result.warnings} warnings (${result.filesWithErrors} files with errors)`);
    }),
    vscode.commands.registerCommand('mim.openLocation', async (uri?: unknown, line?: unknown, character?: unknown) => {
      if (typeof uri !== 'string') return;
      const position = new vscode.Position(Math.max(0, (Number(line) || 1) - 1), Math.max(0, (Number(character) || 1) - 1));
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    vscode.commands.registerCommand(OpenSchemaCommand, async (schemaUri?: string) => {
      const uri = schemaUri ?? (await pickSchema());
      if (!uri) return;
      // A file of the workspace, on disk or not (vscode-vfs:// in VS Code for the web), opens as itself.
      if (!/^https?:/i.test(uri)) {
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

/** A nonce for the report page's style element (crypto in both the desktop and the web extension host). */
function makeNonce(): string {
  const bytes = new Uint8Array(18);
  const crypto = (globalThis as { crypto?: { getRandomValues(array: Uint8Array): Uint8Array } }).crypto;
  if (crypto) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the report panel shows while the files are checked. */
function waitingPage(nonce: string, cspSource: string): string {
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}' ${cspSource};">` +
    `<style nonce="${nonce}">body { font-family: var(--vscode-font-family); color: var(--vscode-descriptionForeground); padding: 24px; }</style>` +
    '</head><body><p>Checking the files for the compliance report…</p></body></html>'
  );
}
