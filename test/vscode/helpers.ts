// Helpers for the extension-host suite: the extension's API, waiting on events (never on fixed
// sleeps), reading Factmark's diagnostics, and the CLI's analysis of a file as the reference for
// where entities and quotes are.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'factmark.factmark';

/** What client/src/extension.ts's activate() returns. */
export interface AnalyzedEvent {
  uri: string;
  version: number;
  entities: unknown;
  quotes: unknown;
  findings: unknown;
  truncated?: boolean;
}
export interface FactmarkApi {
  client: unknown;
  ready: Promise<void>;
  onDidAnalyze: vscode.Event<AnalyzedEvent>;
  whenAnalyzed(uri: string, minVersion?: number): Promise<AnalyzedEvent>;
}

export async function activateFactmark(): Promise<{ ext: vscode.Extension<FactmarkApi>; api: FactmarkApi }> {
  const ext = vscode.extensions.getExtension<FactmarkApi>(EXTENSION_ID);
  if (!ext) {
    const ids = vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id);
    throw new Error(`extension ${EXTENSION_ID} is not installed (non-builtin extensions: ${ids.join(', ') || 'none'})`);
  }
  const api = await ext.activate();
  if (!api || typeof api.whenAnalyzed !== 'function') throw new Error('the extension did not return its API from activate()');
  await withTimeout(api.ready, 60_000, 'the language server to become ready');
  return { ext, api };
}

export function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

/**
 * Resolves with check()'s first truthy result, evaluating it now and again on every event from
 * `events`. Rejects after `ms` (a safety net, not a sleep) with `what` and the last state seen.
 */
export function waitFor<T>(
  what: string,
  check: () => T | undefined | null | false,
  events: Array<vscode.Event<unknown>>,
  ms = 45_000,
  describe?: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subs.forEach((d) => d.dispose());
      fn();
    };
    const attempt = () => {
      try {
        const v = check();
        if (v) finish(() => resolve(v as T));
      } catch (e) {
        finish(() => reject(e));
      }
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${describe ? `; last state: ${describe()}` : ''}`))),
      ms,
    );
    for (const ev of events) subs.push(ev(() => attempt()));
    attempt();
  });
}

/** A progress line in the suite's output (the e2e runner shows these). */
export function log(msg: string): void {
  console.log(`[factmark-suite]     . ${msg}`);
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Factmark's diagnostics for a document (by source name or code shape). */
export function factmarkDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => /factmark/i.test(d.source ?? '') || /^FM\d{3}$/.test(codeOf(d)));
}

/** Hover contents as plain strings (markdown source). */
export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
  const parts: string[] = [];
  for (const h of hovers) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if (c instanceof vscode.MarkdownString) parts.push(c.value);
      else if (c && typeof (c as { value?: unknown }).value === 'string') parts.push((c as { value: string }).value);
    }
  }
  return parts.join('\n---\n');
}

// ---------------------------------------------------------------------------
// The CLI contract (issue 2): the reference for where entities and quotes are.

export interface CliEntity {
  text: string;
  type: string;
  start: number;
  end: number;
}
export interface CliQuote {
  text: string;
  start: number;
  end: number;
  speaker: string | null;
}
export interface CliFile {
  path: string;
  entities: CliEntity[];
  quotes: CliQuote[];
}

/** Runs the packaged CLI (dist/cli.js of the extension under test) on files. */
export function cliAnalyze(extensionPath: string, files: string[]): CliFile[] {
  const candidates = [path.join(extensionPath, 'dist', 'cli.js')];
  const cli = candidates.find((p) => fs.existsSync(p));
  if (!cli) throw new Error(`the packaged extension has no CLI at ${candidates.join(' or ')}`);
  const out = execFileSync(process.execPath, [cli, 'analyze', '--format', 'json', ...files], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const parsed = JSON.parse(out) as { files: CliFile[] };
  return parsed.files;
}

export function fsPathKey(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
