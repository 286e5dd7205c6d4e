// Commands and client-side UI for annotating: Annotate Claim at Cursor, Export ClaimReview…,
// Next/Previous Finding, and where the server's window/showDocument opens the annotations file
// (beside the source, with the verdict placeholder selected).
import type { ExportResult } from '../../server/src/protocol';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';

/** Server commands (executeCommandProvider in server/src/lsp/). */
export const SERVER_ANNOTATE = 'factmark.server.annotateClaim';
export const SERVER_EXPORT = 'factmark.server.exportClaimReview';

const SOURCE_LANGS = new Set(['plaintext', 'markdown', 'newstext']);

/**
 * window/showDocument from the server (after "Annotate this claim"): an annotations YAML opens
 * beside the source (or where it is already visible), not over it, with the selection revealed.
 */
type ShowDocument = NonNullable<NonNullable<Middleware['window']>['showDocument']>;
export const showDocumentMiddleware: ShowDocument = async (params, next) => {
  const fallback = async () => {
    const r = await next(params, new vscode.CancellationTokenSource().token);
    return r && typeof r === 'object' && 'success' in r ? r : { success: false };
  };
  if (params.external || !/\.ya?ml$/i.test(params.uri)) return fallback();
  try {
    const uri = vscode.Uri.parse(params.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const active = vscode.window.activeTextEditor;
    const column = visible?.viewColumn ?? (active && active.document.uri.toString() !== doc.uri.toString() ? vscode.ViewColumn.Beside : active?.viewColumn);
    const selection = params.selection
      ? new vscode.Range(params.selection.start.line, params.selection.start.character, params.selection.end.line, params.selection.end.character)
      : undefined;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: params.takeFocus === false, preview: false, selection });
    if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { success: true };
  } catch {
    return fallback();
  }
};

export function registerAnnotationCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('factmark.annotateClaimAtCursor', () => annotateAtCursor()),
    vscode.commands.registerCommand('factmark.exportClaimReview', () => exportClaimReview()),
    vscode.commands.registerCommand('factmark.nextFinding', () => gotoFinding(1)),
    vscode.commands.registerCommand('factmark.previousFinding', () => gotoFinding(-1)),
  );
  void client;
}

async function annotateAtCursor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !SOURCE_LANGS.has(editor.document.languageId)) {
    void vscode.window.showInformationMessage('Factmark: put the cursor in a claim of a news text, Markdown or plain-text document (or select the claim) first.');
    return;
  }
  const sel = editor.selection;
  await vscode.commands.executeCommand(SERVER_ANNOTATE, {
    uri: editor.document.uri.toString(),
    range: { start: { line: sel.start.line, character: sel.start.character }, end: { line: sel.end.line, character: sel.end.character } },
  });
}


async function exportClaimReview(): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const result = (await vscode.commands.executeCommand(SERVER_EXPORT, { uri: active?.toString() })) as ExportResult | undefined;
  if (!result) return;
  if (!result.json) {
    void vscode.window.showWarningMessage(`Factmark: ${result.message ?? 'nothing to export.'}`);
    return;
  }
  const first = result.files[0];
  const folder = first ? vscode.Uri.file(path.dirname(first)) : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Export ${result.count} ClaimReview${result.count === 1 ? '' : 's'} (schema.org JSON-LD)`,
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'claimreview.json') : undefined,
    filters: { 'JSON-LD': ['json', 'jsonld'] },
    saveLabel: 'Export',
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(result.json, 'utf8'));
  const notes = [
    result.skipped ? `${result.skipped} claim${result.skipped === 1 ? '' : 's'} without a verdict on the scale left out` : '',
    result.stale.length ? `${result.stale.map((f) => path.basename(f)).join(', ')} does not parse: its last good version was used` : '',
  ].filter(Boolean);
  const choice = await vscode.window.showInformationMessage(
    `Factmark: exported ${result.count} ClaimReview${result.count === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(target)}${notes.length ? ` (${notes.join('; ')})` : ''}.`,
    'Open',
  );
  if (choice === 'Open') await vscode.window.showTextDocument(target);
}

/** Moves to the next (dir 1) or previous (-1) Factmark diagnostic of the active document, wrapping. */
export async function gotoFinding(dir: 1 | -1): Promise<vscode.Diagnostic | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const list = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'factmark' && d.code !== 'FM901' && (typeof d.code !== 'object' || d.code.value !== 'FM901'))
    .sort((a, b) => a.range.start.compareTo(b.range.start) || a.range.end.compareTo(b.range.end));
  if (list.length === 0) {
    void vscode.window.setStatusBarMessage('Factmark: no findings in this document', 3000);
    return undefined;
  }
  const anchor = editor.selection.start;
  let target: vscode.Diagnostic | undefined;
  if (dir === 1) target = list.find((d) => d.range.start.isAfter(anchor)) ?? list[0];
  else target = [...list].reverse().find((d) => d.range.start.isBefore(anchor)) ?? list[list.length - 1];
  editor.selection = new vscode.Selection(target.range.start, target.range.end);
  editor.revealRange(target.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const i = list.indexOf(target) + 1;
  // Kept short: a status bar item wider than the space left is not shown at all.
  const message = target.message.replace(/\s+/g, ' ');
  const brief = message.length > 60 ? `${message.slice(0, 59)}…` : message;
  void vscode.window.setStatusBarMessage(`Factmark: finding ${i} of ${list.length} — ${String(typeof target.code === 'object' ? target.code.value : target.code)}: ${brief}`, 5000);
  return target;
}
