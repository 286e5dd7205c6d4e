// Status bar item for the active document: counts from the server's `factmark/didAnalyze` notification.
import * as vscode from 'vscode';
import type { DidAnalyzeParams } from '../../server/src/protocol';

export interface AnalyzedInfo {
  uri: string;
  /** Document version the results belong to (0 for an annotations file that is not open). */
  version: number;
  entities: number;
  quotes: number;
  findings: number;
  truncated?: boolean;
  /** 'source' for news text, 'annotations' for an annotations YAML file. */
  kind?: 'source' | 'annotations';
  /** Annotations file in scope (absolute path), if any. */
  annotationsPath?: string | null;
}

export type { DidAnalyzeParams } from '../../server/src/protocol';

function count(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (Array.isArray(v)) return v.length;
  return 0;
}

/** The notification's params as received: checked field by field (a server of another version may differ). */
export function toInfo(p: DidAnalyzeParams): AnalyzedInfo {
  return {
    uri: String(p.uri),
    version: typeof p.version === 'number' ? p.version : 0,
    entities: count(p.entities),
    quotes: count(p.quotes),
    findings: count(p.findings),
    truncated: p.truncated === true ? true : undefined,
    kind: p.kind === 'annotations' ? 'annotations' : p.kind === 'source' ? 'source' : undefined,
    annotationsPath: typeof p.annotationsPath === 'string' ? p.annotationsPath : p.annotationsPath === null ? null : undefined,
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export class FactmarkStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private state: 'starting' | 'ready' | 'stopped' | 'failed' = 'starting';

  constructor(private readonly lookup: (uri: string) => AnalyzedInfo | undefined, private readonly isTracked: (doc: vscode.TextDocument) => boolean) {
    this.item = vscode.window.createStatusBarItem('factmark.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Factmark';
    this.item.command = 'factmark.showOutput';
  }

  setState(state: 'starting' | 'ready' | 'stopped' | 'failed'): void {
    this.state = state;
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document;
    if (!doc || !this.isTracked(doc)) {
      this.item.hide();
      return;
    }
    this.item.backgroundColor = undefined;
    if (this.state === 'failed' || this.state === 'stopped') {
      this.item.text = '$(error) Factmark: server stopped';
      this.item.tooltip = 'The Factmark language server is not running. Click to show its output; run "Factmark: Restart Server" to start it again.';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.show();
      return;
    }
    const info = this.lookup(doc.uri.toString());
    if (!info) {
      this.item.text = '$(sync~spin) Factmark';
      this.item.tooltip = this.state === 'starting' ? 'Factmark: starting the language server…' : 'Factmark: analysing…';
      this.item.show();
      return;
    }
    const tooltip = new vscode.MarkdownString('', true);
    if (info.kind === 'annotations') {
      this.item.text = `$(book) Factmark annotations: ${plural(info.findings, 'problem', 'problems')}`;
      tooltip.appendMarkdown(
        `**Factmark annotations file** — ${vscode.workspace.asRelativePath(doc.uri)}\n\n` +
          `- ${plural(info.findings, 'problem', 'problems')} in this file (see the Problems panel)\n`,
      );
    } else {
      const parts = [plural(info.entities, 'entity', 'entities'), plural(info.quotes, 'quote', 'quotes'), plural(info.findings, 'finding', 'findings')];
      tooltip.appendMarkdown(
        `**Factmark** — ${vscode.workspace.asRelativePath(doc.uri)}\n\n` +
          `- ${plural(info.entities, 'entity mention', 'entity mentions')}\n` +
          `- ${plural(info.quotes, 'quote', 'quotes')}\n` +
          `- ${plural(info.findings, 'finding', 'findings')} (see the Problems panel)\n`,
      );
      if (info.annotationsPath) {
        tooltip.appendMarkdown(`\nChecked against \`${vscode.workspace.asRelativePath(info.annotationsPath)}\`.\n`);
      } else if (info.kind === 'source') {
        tooltip.appendMarkdown('\nNo annotations file in scope: run **Factmark: Open Annotations File** to create one.\n');
      }
      if (info.truncated) {
        this.item.text = `$(warning) Factmark: file too large`;
        tooltip.appendMarkdown('\n$(warning) The document is larger than `factmark.maxFileSize`: it was not analysed.');
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      } else {
        this.item.text = `$(book) Factmark: ${parts.join(' · ')}`;
      }
    }
    if (info.version !== doc.version) tooltip.appendMarkdown('\n\n_Updating…_');
    tooltip.appendMarkdown('\n\nClick to show the Factmark output.');
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
