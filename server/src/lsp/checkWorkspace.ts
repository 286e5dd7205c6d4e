// `factmark/checkWorkspace`: checks every source and draft of the workspace folders (not only the
// open editors) and publishes their diagnostics, so the Problems panel lists the whole workspace.
// Reports progress with `factmark/checkWorkspaceProgress` notifications and stops between files
// when the request is cancelled. Open documents keep their own (buffer-based) diagnostics.
import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver/node';
import type { AnnotationsStore } from './annotations';
import { sourceFindings } from './check';
import type { WorkspaceSource } from './context';
import { findingToDiagnostic } from './convert';
import type { FactmarkSettings } from './settings';
import { normalizeUri, pathToUri } from './workspace';

export const CHECK_WORKSPACE = 'factmark/checkWorkspace';
export const CHECK_WORKSPACE_PROGRESS = 'factmark/checkWorkspaceProgress';

export interface CheckWorkspaceResult {
  /** Documents checked (open ones included: their diagnostics are the editor's). */
  checked: number;
  total: number;
  cancelled: boolean;
  counts: { error: number; warning: number; info: number; hint: number };
  /** Files with at least one diagnostic. */
  files: number;
}

export interface CheckWorkspaceHost {
  connection: Connection;
  store: AnnotationsStore;
  settings(): FactmarkSettings;
  /** Source files of the workspace folders (absolute paths). */
  listSources(): Promise<string[]>;
  /** URIs of open documents (normalised) → their published diagnostics count by severity. */
  openDiagnostics(uri: string): Diagnostic[] | null;
  diskSource(p: string): WorkspaceSource | null;
}

const SEVERITY_NAME: Record<number, keyof CheckWorkspaceResult['counts']> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export async function checkWorkspace(host: CheckWorkspaceHost, token: CancellationToken): Promise<CheckWorkspaceResult> {
  const files = await host.listSources();
  const result: CheckWorkspaceResult = { checked: 0, total: files.length, cancelled: false, counts: { error: 0, warning: 0, info: 0, hint: 0 }, files: 0 };
  const settings = host.settings();
  let lastReport = 0;
  for (const p of files) {
    if (token.isCancellationRequested) {
      result.cancelled = true;
      break;
    }
    const uri = pathToUri(p);
    let diagnostics = host.openDiagnostics(normalizeUri(uri));
    if (!diagnostics) {
      const src = host.diskSource(p);
      diagnostics = [];
      if (src) {
        const annotations = host.store.forSource(p);
        const findings = sourceFindings({ path: p, text: src.text, analysis: src.analysis }, annotations?.good ?? null, settings);
        for (const f of findings) {
          const d = findingToDiagnostic(src.doc, f, settings, { uri, annotationsPath: annotations?.path ?? null });
          if (d) diagnostics.push(d);
        }
        void host.connection.sendDiagnostics({ uri, diagnostics });
      }
    }
    result.checked++;
    if (diagnostics.length) result.files++;
    for (const d of diagnostics) result.counts[SEVERITY_NAME[d.severity ?? 1] ?? 'info']++;
    const now = Date.now();
    if (now - lastReport > 100 || result.checked === files.length) {
      lastReport = now;
      void host.connection.sendNotification(CHECK_WORKSPACE_PROGRESS, { done: result.checked, total: files.length, path: p });
    }
    // let other requests (and the cancellation) through between files
    await new Promise((r) => setImmediate(r));
  }
  return result;
}
