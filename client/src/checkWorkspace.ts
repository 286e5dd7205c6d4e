// *Factmark: Check Workspace*: asks the server to check every source and draft of the workspace
// (factmark/checkWorkspace), with a cancellable progress notification fed by the server's
// factmark/checkWorkspaceProgress notifications. The Problems panel fills as files are checked.
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface Result {
  checked: number;
  total: number;
  cancelled: boolean;
  counts: { error: number; warning: number; info: number; hint: number };
  files: number;
}

export async function checkWorkspaceCommand(lc: LanguageClient, ready: Promise<void>): Promise<Result | undefined> {
  await ready;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Factmark: checking the workspace', cancellable: true },
    async (progress, token) => {
      let done = 0;
      const sub = lc.onNotification('factmark/checkWorkspaceProgress', (p: { done: number; total: number; path: string }) => {
        const step = p.total ? ((p.done - done) / p.total) * 100 : 0;
        done = p.done;
        progress.report({ increment: step, message: `${p.done}/${p.total} — ${path.basename(p.path)}` });
      });
      try {
        const r = await lc.sendRequest<Result>('factmark/checkWorkspace', {}, token);
        const c = r.counts;
        const summary = `${r.checked} of ${r.total} documents checked${r.cancelled ? ' (cancelled)' : ''}: ${c.error} errors, ${c.warning} warnings, ${c.info} infos in ${r.files} files.`;
        void vscode.window.showInformationMessage(`Factmark: ${summary}`, 'Show Problems').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
        return r;
      } catch (e) {
        if (token.isCancellationRequested) return undefined;
        void vscode.window.showErrorMessage(`Factmark: Check Workspace failed (${(e as Error).message}).`);
        return undefined;
      } finally {
        sub.dispose();
      }
    },
  );
}
