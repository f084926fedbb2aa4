import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DocumentInfoRequest, StatusChangedNotification, type DocumentInfo, type StatusChangedParams } from '../../server/src/protocol';

/** A language status item that says what the server took the active file for. */
export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: BaseLanguageClient) {
    this.item = vscode.languages.createLanguageStatusItem('mim.status', [{ language: 'json' }]);
    this.item.name = 'MIM-aware';
    this.item.text = 'MIM';
    this.item.command = { title: 'Rules', command: 'mim.openRules' };
  }

  start(): void {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      this.client.onNotification(StatusChangedNotification, (params: StatusChangedParams) => {
        if (params.uri === vscode.window.activeTextEditor?.document.uri.toString()) void this.refresh();
      }),
    );
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    let info: DocumentInfo | null = null;
    try {
      info = await this.client.sendRequest<DocumentInfo | null>(DocumentInfoRequest, { uri: editor.document.uri.toString() });
    } catch {
      info = null;
    }
    if (!info || info.kind === 'none') {
      this.item.text = 'MIM: not NGSI';
      this.item.detail = info?.reason;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const representation = info.representation ? ` (${info.representation})` : '';
    const ready = info.models.filter((m) => m.state === 'ready');
    const model = ready.length === 1 ? ` · ${ready[0]!.type}${ready[0]!.version ? ' ' + ready[0]!.version : ''}` : ready.length > 1 ? ` · ${ready.length} data models` : '';
    this.item.text = `MIM: ${info.label}${representation}${model}`;
    const sources = info.models.map((m) =>
      m.state === 'ready' ? `${m.type} from ${m.source}` : m.state === 'error' ? `${m.type}: ${m.reason}` : m.state === 'unknown' ? `no data model found for ${m.type}` : `${m.type}: loading`,
    );
    // The popup is narrow: the kind's reason goes to the tooltip-like detail only when there is no model to name.
    this.item.detail = sources.length > 0 ? sources.join('; ') : info.mediaType ? `sent as ${info.mediaType}` : undefined;
    this.item.accessibilityInformation = { label: `${this.item.text}. ${info.reason}. ${sources.join('. ')}` };
    this.item.command = ready.length > 0 ? { title: 'Open the data model', command: 'mim.openSchema' } : { title: 'Rules', command: 'mim.openRules' };
    this.item.severity =
      info.errors > 0 ? vscode.LanguageStatusSeverity.Error : info.warnings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
