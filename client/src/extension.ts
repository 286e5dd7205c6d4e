// Factmark VS Code extension: starts the language server (dist/server.js) over IPC and adds UI
// (status bar, commands). All analysis happens in the server; nothing here imports the engine.
import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DID_ANALYZE, type DidAnalyzeParams } from '../../server/src/protocol';
import { FactmarkStatus, toInfo, type AnalyzedInfo } from './status';
import { checkWorkspaceCommand } from './checkWorkspace';
import { showCompareView } from './compareView';
import { registerAnnotationCommands, showDocumentMiddleware } from './commands';

export { DID_ANALYZE };
export const SOURCE_LANGUAGES = ['plaintext', 'markdown', 'newstext'] as const;
export const DEFAULT_ANNOTATION_GLOBS = ['**/annotations.yaml', '**/*.annotations.yaml'];
const SOURCE_GLOB = '**/*.{txt,md,markdown,news,newstext}';

/** What activate() returns; used by the extension-host tests (and other extensions). */
export interface FactmarkApi {
  client: LanguageClient;
  /** Resolves once the language server has started (initialize handshake done). */
  ready: Promise<void>;
  /** Fires after the server published results for a document (`factmark/didAnalyze`). */
  onDidAnalyze: vscode.Event<AnalyzedInfo>;
  /** Resolves with the first analysis of `uri` whose version is ≥ minVersion (immediately if already
   *  seen). minVersion defaults to the version of the document open in the editor (0 if not open). */
  whenAnalyzed(uri: string, minVersion?: number): Promise<AnalyzedInfo>;
  /** Last analysis received for a document. */
  lastAnalysis(uri: string): AnalyzedInfo | undefined;
}

export function annotationGlobs(): string[] {
  const value = vscode.workspace.getConfiguration('factmark').get<unknown>('annotations.files');
  if (Array.isArray(value)) {
    const globs = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (globs.length) return globs;
  }
  return [...DEFAULT_ANNOTATION_GLOBS];
}

export function documentSelector(globs = annotationGlobs()): DocumentSelector {
  const selector: { scheme: string; language: string; pattern?: string }[] = [];
  for (const language of SOURCE_LANGUAGES) {
    selector.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  }
  for (const pattern of globs) selector.push({ scheme: 'file', language: 'yaml', pattern });
  return selector;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<FactmarkApi> {
  const output = vscode.window.createOutputChannel('Factmark');
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const globs = annotationGlobs();
  const watchers = [
    ...globs.map((g) => vscode.workspace.createFileSystemWatcher(g)),
    vscode.workspace.createFileSystemWatcher(SOURCE_GLOB),
  ];
  context.subscriptions.push(...watchers);

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(globs),
    synchronize: { configurationSection: 'factmark', fileEvents: watchers },
    outputChannel: output,
    // A function: read again on every (re)start, so that trusting the workspace takes effect.
    // `trusted: false` (Restricted Mode): the server offers no quick fix that edits files.
    initializationOptions: () => ({
      settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('factmark'))),
      trusted: vscode.workspace.isTrusted,
    }),
    middleware: { window: { showDocument: showDocumentMiddleware } },
  };
  const lc = new LanguageClient('factmark', 'Factmark', serverOptions, clientOptions);
  client = lc;

  // Results per document, and waiters for whenAnalyzed().
  const analyses = new Map<string, AnalyzedInfo>();
  const emitter = new vscode.EventEmitter<AnalyzedInfo>();
  context.subscriptions.push(emitter);
  const waiters = new Set<{ uri: string; minVersion: number; resolve: (i: AnalyzedInfo) => void }>();

  const isTracked = (doc: vscode.TextDocument) =>
    vscode.languages.match(lc.clientOptions.documentSelector as vscode.DocumentSelector, doc) > 0;
  const status = new FactmarkStatus((uri) => analyses.get(uri), isTracked);
  context.subscriptions.push(status);

  lc.onNotification(DID_ANALYZE, (params: DidAnalyzeParams) => {
    const info = toInfo(params);
    info.uri = normalizeUri(info.uri);
    analyses.set(info.uri, info);
    emitter.fire(info);
    for (const w of [...waiters]) {
      if (w.uri === info.uri && info.version >= w.minVersion) {
        waiters.delete(w);
        w.resolve(info);
      }
    }
    if (vscode.window.activeTextEditor?.document.uri.toString() === info.uri) status.update();
  });
  lc.onDidChangeState((e) => {
    status.setState(e.newState === State.Running ? 'ready' : e.newState === State.Starting ? 'starting' : 'stopped');
  });

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => status.update()),
    vscode.workspace.onDidCloseTextDocument((doc) => analyses.delete(doc.uri.toString())),
  );

  const start = async () => {
    try {
      await lc.start();
      status.setState('ready');
    } catch (e) {
      status.setState('failed');
      output.appendLine(`Factmark: the language server failed to start: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(`Factmark: the language server failed to start (${(e as Error).message}).`, 'Show Output').then((c) => {
        if (c) output.show(true);
      });
      throw e;
    }
  };
  const ready = start();
  ready.catch(() => undefined); // reported above; callers that await `ready` still see the error

  context.subscriptions.push(
    vscode.commands.registerCommand('factmark.restartServer', async () => {
      analyses.clear();
      status.setState('starting');
      (lc.clientOptions as { documentSelector?: DocumentSelector }).documentSelector = documentSelector();
      try {
        if (lc.isRunning()) await lc.restart();
        else await lc.start();
        status.setState('ready');
        output.appendLine('Factmark: language server restarted.');
      } catch (e) {
        status.setState('failed');
        void vscode.window.showErrorMessage(`Factmark: restart failed (${(e as Error).message}).`);
      }
    }),
    vscode.commands.registerCommand('factmark.showOutput', () => output.show(true)),
    // Restricted Mode ends: restart so that quick fixes may edit the annotations again.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void vscode.commands.executeCommand('factmark.restartServer')),
    vscode.commands.registerCommand('factmark.openAnnotations', () => openAnnotations()),
    vscode.commands.registerCommand('factmark.checkWorkspace', () => checkWorkspaceCommand(lc, ready)),
    vscode.commands.registerCommand('factmark.compareSources', async () => {
      try {
        await ready;
        await showCompareView(lc);
      } catch (e) {
        void vscode.window.showErrorMessage(`Factmark: could not compare the sources (${(e as Error).message}).`);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('factmark.annotations.files')) {
        void vscode.window
          .showInformationMessage('Factmark: the annotation file patterns changed. Restart the server to apply them to open editors?', 'Restart')
          .then((c) => {
            if (c) void vscode.commands.executeCommand('factmark.restartServer');
          });
      }
    }),
  );
  registerAnnotationCommands(context, lc);
  status.update();

  const api: FactmarkApi = {
    client: lc,
    ready,
    onDidAnalyze: emitter.event,
    lastAnalysis: (uri) => analyses.get(uri),
    whenAnalyzed(uri: string, minVersion?: number): Promise<AnalyzedInfo> {
      const key = normalizeUri(uri);
      if (minVersion === undefined) {
        // Default: the version currently open in the editor (results for older content don't count).
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
        minVersion = open ? open.version : 0;
      }
      const seen = analyses.get(key);
      if (seen && seen.version >= minVersion) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.add({ uri: key, minVersion, resolve }));
    },
  };
  return api;
}

function normalizeUri(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}

// ---------------------------------------------------------------------------
// Factmark: Open Annotations File

async function openAnnotations(): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder =
    (active && vscode.workspace.getWorkspaceFolder(active)) ??
    (vscode.workspace.workspaceFolders?.length === 1
      ? vscode.workspace.workspaceFolders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder of the annotations file' }));
  if (!folder) {
    void vscode.window.showWarningMessage('Factmark: open a folder first: the annotations file lives in a workspace folder.');
    return;
  }
  const found: vscode.Uri[] = [];
  for (const g of annotationGlobs()) {
    for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, g), '**/node_modules/**', 50)) {
      if (!found.some((f) => f.toString() === uri.toString())) found.push(uri);
    }
  }
  let target: vscode.Uri | undefined;
  if (found.length) {
    // Prefer the file in the nearest folder above the active document, then the shallowest one.
    const activeDir = active ? path.dirname(active.fsPath) : folder.uri.fsPath;
    const scored = found.map((uri) => {
      const dir = path.dirname(uri.fsPath);
      const rel = path.relative(dir, activeDir);
      const above = !rel.startsWith('..') && !path.isAbsolute(rel);
      return { uri, score: above ? rel.split(path.sep).filter(Boolean).length : 1000 + uri.fsPath.split(path.sep).length };
    });
    scored.sort((a, b) => a.score - b.score || a.uri.fsPath.localeCompare(b.uri.fsPath));
    if (found.length > 1 && scored[0].score >= 1000) {
      const pick = await vscode.window.showQuickPick(
        scored.map((s) => ({ label: vscode.workspace.asRelativePath(s.uri), uri: s.uri })),
        { placeHolder: 'Annotations file to open' },
      );
      target = pick?.uri;
      if (!target) return;
    } else {
      target = scored[0].uri;
    }
  } else {
    target = vscode.Uri.joinPath(folder.uri, 'annotations.yaml');
    const sourceRel =
      active && vscode.workspace.getWorkspaceFolder(active)?.uri.toString() === folder.uri.toString() && /\.(txt|md|markdown|news|newstext)$/i.test(active.fsPath)
        ? path.relative(folder.uri.fsPath, active.fsPath).split(path.sep).join('/')
        : undefined;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Factmark: this workspace is in Restricted Mode; trust it to create an annotations file.');
      return;
    }
    await vscode.workspace.fs.writeFile(target, Buffer.from(annotationsTemplate(sourceRel), 'utf8'));
    void vscode.window.showInformationMessage(`Factmark: created ${vscode.workspace.asRelativePath(target)}.`);
  }
  const doc = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(doc, { preview: false });
}

export function annotationsTemplate(sourceFile?: string): string {
  const id = sourceFile
    ? path.basename(sourceFile).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'source-1'
    : undefined;
  return [
    '# Factmark annotations: what the team knows about the sources in this folder.',
    '# Every source is checked against this file as you type (see the README, "The annotations file").',
    'version: 1',
    '',
    '# The articles and drafts that claims and quotes are found in (paths relative to this file).',
    ...(sourceFile ? ['sources:', `  - id: ${id}`, `    file: ${JSON.stringify(sourceFile)}`] : ['sources: []']),
    '',
    '# People, places and organisations: canonical name, type and accepted spellings.',
    'entities: []',
    '',
    '# Reviewed claims: exact wording as it appears, verdict (rating scale id) and evidence.',
    'claims: []',
    '',
    '# Canonical wording of quotes, by speaker (entity id).',
    'quotes: []',
    '',
  ].join('\n');
}
