// The Factmark language server: document sync, debounce, stale-version dropping, size cap,
// annotation files (disk + buffers), settings, diagnostics and the custom didAnalyze notification.
// Feature handlers (hover, tokens, symbols, actions, navigation) live in their own modules.
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type Disposable,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../engine/analyze';
import type { SourceInput } from '../engine/annotations/api';
import type { Finding } from '../engine/types';
import type { EditCapabilities } from './actions';
import { AnnotationsStore, type AnnotationsEntry } from './annotations';
import { anchorFindings, sourceFindings } from './check';
import { findingToDiagnostic } from './convert';
import { DID_ANALYZE, type DidAnalyzeParams, type ServerContext, type SourceState, type WorkspaceSource } from './context';
import { registerFeatures } from './features';
import { CHECK_WORKSPACE, checkWorkspace } from './checkWorkspace';
import { setSourceTextProvider } from './passage-links';
import { BROKEN_NOTICE_DELAY_MS, capDiagnostics, QuietNotice } from './limits';
import { SERVER_COMMANDS } from './yaml-features';
import { LEGEND } from './tokens';
import { WorkQueue } from './queue';
import { defaultSettings, parseSettings, type FactmarkSettings } from './settings';
import { normalizeUri, pathToUri, scanFolder, uriToPath } from './workspace';
import { CompareCorpus, compareForSource } from './compare';

/** languageIds analysed as news text ('text' is what Neovim calls plain text). */
export const SOURCE_LANGUAGES = new Set(['plaintext', 'markdown', 'newstext', 'text']);
/** File extensions of sources on disk (find references, anchors). */
const SOURCE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.news', '.newstext']);

type DocKind = 'source' | 'annotations';

export class FactmarkServer implements ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  readonly store: AnnotationsStore;
  private current: FactmarkSettings = defaultSettings();
  private folders: string[] = [];
  private states = new Map<string, SourceState>();
  private timers = new Map<string, NodeJS.Timeout>();
  private generations = new Map<string, number>();
  private tooLargeNotified = new Set<string>();
  /** Documents whose last analysis threw and the user was told (cleared when one succeeds). */
  private failedNotified = new Set<string>();
  /** How long the last analysis + check of each document took (ms). */
  private durations = new Map<string, number>();
  /** Debounce timers of YAML re-anchoring (FM104/FM105) after a source edit, by YAML path. */
  private anchorTimers = new Map<string, NodeJS.Timeout>();
  private diskCache = new Map<string, { mtime: number; source: WorkspaceSource }>();
  private settingsGeneration = 0;
  /** Due analyses, run one per event-loop turn with requests answered in between (queue.ts). */
  private queue = new WorkQueue();
  /** Requests waiting for a document's pending analysis to complete (semantic tokens). */
  private analysisWaiters = new Map<string, Array<() => void>>();
  private hasConfiguration = false;
  private hasWatchedFilesDynamic = false;
  private hasWorkspaceFolders = false;
  private initOptions: unknown = undefined;
  private watcherRegistration: Disposable | null = null;
  private readyResolve!: () => void;
  /** Resolves once settings are read and annotation files scanned. */
  readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  private shuttingDown = false;
  /** "cannot be read" notices of YAML buffers, shown after a pause in typing or on save. */
  private readonly brokenNotice = new QuietNotice(BROKEN_NOTICE_DELAY_MS);
  /** What the client can do (read in initialize). */
  /** Every source of the workspace indexed for comparison across sources (FM010/FM011, corroboration). */
  readonly corpus = new CompareCorpus();
  private corpusTimer: NodeJS.Timeout | null = null;
  readonly clientCaps = { hierarchicalSymbols: true, tokensRefresh: false, edits: { documentChanges: false, create: false } as EditCapabilities };

  constructor(readonly connection: Connection) {
    this.store = new AnnotationsStore(
      () => this.folders,
      () => this.current.annotations.files,
      () => Math.min(this.current.maxFileSize, ANNOTATIONS_MAX_CHARS),
    );
  }

  listen(): void {
    const c = this.connection;
    setSourceTextProvider((p) => this.sourceInputFor(p)?.text ?? null);
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => {
      this.shuttingDown = true;
      this.queue.stop();
      for (const t of this.timers.values()) clearTimeout(t);
      for (const t of this.anchorTimers.values()) clearTimeout(t);
      this.timers.clear();
      this.anchorTimers.clear();
      this.brokenNotice.dispose();
    });
    c.onDidChangeConfiguration((params) => void this.configurationChanged(params.settings));
    c.onDidChangeWatchedFiles((params) => void this.watchedFilesChanged(params.changes));

    // The first analysis of a freshly opened document runs at once; edits are debounced.
    const opened = new Set<string>();
    this.documents.onDidOpen((e) => opened.add(e.document.uri));
    this.documents.onDidChangeContent((e) => {
      const uri = e.document.uri;
      if (!this.kindOf(e.document)) return;
      const first = opened.delete(uri);
      if (!first) this.queue.touch(uri); // the document being edited goes before background re-checks
      this.schedule(uri, first ? 0 : undefined);
    });
    this.documents.onDidSave((e) => this.brokenNotice.flush(e.document.uri));
    this.documents.onDidClose((e) => {
      this.brokenNotice.cancel(e.document.uri);
      opened.delete(e.document.uri);
      void this.closed(e.document);
    });
    registerFeatures(c, this);
    c.onRequest(CHECK_WORKSPACE, (_params: unknown, token) =>
      checkWorkspace(
        {
          connection: c,
          store: this.store,
          settings: () => this.current,
          listSources: async () => {
            await this.ready;
            const all: string[] = [];
            for (const folder of this.folders) all.push(...(await scanFolder(folder, (rel) => SOURCE_EXTENSIONS.has(path.extname(rel).toLowerCase()))));
            return [...new Set(all)].sort();
          },
          openDiagnostics: (uri) => {
            const open = this.documents.all().find((d) => normalizeUri(d.uri) === uri);
            if (!open) return null;
            const st = this.sourceState(open.uri);
            if (!st) return [];
            const ann = st.annotations?.path ?? null;
            return st.findings.map((f) => findingToDiagnostic(st.doc, f, this.current, { uri: open.uri, annotationsPath: ann })).filter((d): d is Diagnostic => !!d);
          },
          diskSource: (p) => this.diskSource(p),
        },
        token,
      ),
    );
    this.documents.listen(c);
    c.listen();
  }

  // ------------------------------------------------------------------ lifecycle

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.hasConfiguration = !!caps.workspace?.configuration;
    this.hasWatchedFilesDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.hasWorkspaceFolders = !!caps.workspace?.workspaceFolders;
    this.initOptions = params.initializationOptions;
    this.clientCaps.hierarchicalSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    this.clientCaps.tokensRefresh = !!caps.workspace?.semanticTokens?.refreshSupport;
    this.clientCaps.edits = {
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      create: !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
      resolve: !!caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit'),
      trusted: trustedFrom(params.initializationOptions),
      applyEdit: !!caps.workspace?.applyEdit,
      showDocument: !!caps.window?.showDocument?.support,
    };
    const folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    if (folderUris.length === 0 && params.rootPath) folderUris.push(pathToUri(params.rootPath));
    this.folders = folderUris.map((u) => uriToPath(u)).filter((p): p is string => !!p);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        documentSymbolProvider: true,
        documentHighlightProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: true },
        executeCommandProvider: { commands: [...SERVER_COMMANDS] },
        completionProvider: { triggerCharacters: [':', ' ', '-'] },
        semanticTokensProvider: { legend: LEGEND, full: true, range: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'factmark', version: '0.1.0' },
    };
  }

  private async initialized(): Promise<void> {
    try {
      if (this.hasConfiguration) {
        void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'factmark' }).catch(() => undefined);
      }
      if (this.hasWorkspaceFolders) {
        this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
          const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
          this.folders = this.folders.filter((f) => !removed.has(f));
          for (const f of e.added) {
            const p = uriToPath(f.uri);
            if (p && !this.folders.includes(p)) this.folders.push(p);
          }
          void this.rescan();
        });
      }
      await this.loadSettings();
      await this.store.scan();
      await this.registerWatchers();
      this.publishDiskAnnotations();
      void this.refreshCorpus().catch((err) => this.connection.console.error(`Factmark: comparing the sources failed: ${(err as Error).stack ?? err}`));
    } catch (err) {
      this.connection.console.error(`Factmark: startup problem: ${(err as Error).stack ?? err}`);
    } finally {
      this.readyResolve();
    }
  }

  private async loadSettings(pushed?: unknown): Promise<void> {
    let raw: unknown = undefined;
    if (this.hasConfiguration) {
      try {
        raw = await this.connection.workspace.getConfiguration({ section: 'factmark' });
      } catch {
        raw = undefined;
      }
    }
    if (raw === undefined || raw === null) {
      // Clients without workspace/configuration: pushed settings ({factmark: {...}}), else the
      // initializationOptions ({settings: {...}} as the VS Code client sends them, or the settings object itself).
      const fromPush = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).factmark : undefined;
      const init = this.initOptions && typeof this.initOptions === 'object' ? (this.initOptions as Record<string, unknown>) : undefined;
      raw = fromPush ?? (init && typeof init.settings === 'object' ? init.settings : init);
    }
    this.current = parseSettings(raw);
    this.settingsGeneration++;
  }

  private async configurationChanged(pushed: unknown): Promise<void> {
    await this.ready;
    const before = JSON.stringify(this.current.annotations.files);
    await this.loadSettings(pushed);
    if (JSON.stringify(this.current.annotations.files) !== before) await this.rescan();
    this.recheckAll();
    // maxFileSize may have changed what is analysed: ask the client to re-request tokens.
    if (this.clientCaps.tokensRefresh) void this.connection.languages.semanticTokens.refresh();
  }

  private async rescan(): Promise<void> {
    await this.store.scan();
    await this.registerWatchers();
    this.publishDiskAnnotations();
    this.recheckAll();
  }

  private async registerWatchers(): Promise<void> {
    if (!this.hasWatchedFilesDynamic) return;
    const old = this.watcherRegistration;
    this.watcherRegistration = null;
    old?.dispose();
    try {
      this.watcherRegistration = await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: this.current.annotations.files.map((globPattern) => ({ globPattern })),
      });
    } catch {
      this.watcherRegistration = null;
    }
  }

  private async watchedFilesChanged(changes: Array<{ uri: string; type: number }>): Promise<void> {
    await this.ready;
    let changed = false;
    for (const ch of changes) {
      const p = uriToPath(ch.uri);
      if (!p) continue;
      this.diskCache.delete(p);
      if (!this.store.isAnnotationsPath(p)) continue;
      const before = this.store.get(p);
      const res = await this.store.diskChanged(p, ch.type === FileChangeType.Deleted);
      if (res) {
        changed = true;
        if (!res.entry.buffer) this.publishAnnotations(res.entry, null);
        this.warnBroken(res.entry);
      } else if (before && !this.store.get(p)) {
        changed = true;
        void this.connection.sendDiagnostics({ uri: before.uri, diagnostics: [] });
      }
    }
    if (changed) this.recheckAll();
  }

  private async closed(doc: TextDocument): Promise<void> {
    const uri = doc.uri;
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    this.queue.remove(uri);
    this.releaseWaiters(uri);
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
    this.tooLargeNotified.delete(uri);
    this.failedNotified.delete(uri);
    this.durations.delete(uri);
    const kind = this.kindOf(doc);
    this.states.delete(uri);
    if (kind === 'annotations') {
      const p = uriToPath(uri)!;
      const res = await this.store.closeBuffer(p);
      if (res) {
        this.publishAnnotations(res.entry, null);
        this.warnBroken(res.entry);
      }
      else void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.recheckAll();
    } else if (kind === 'source') {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      // The comparison goes back to the file on disk (unsaved changes were discarded).
      const p = uriToPath(uri);
      const disk = p ? this.diskSource(p) : null;
      if (disk && this.corpus.update(uri, disk.text, disk.analysis)) this.corpusChanged(uri);
    }
  }

  // ------------------------------------------------------------------ scheduling

  kindOf(doc: { uri: string; languageId: string }): DocKind | null {
    const p = uriToPath(doc.uri);
    if (p && (doc.languageId === 'yaml' || /\.ya?ml$/i.test(p)) && this.store.isAnnotationsPath(p)) return 'annotations';
    if (SOURCE_LANGUAGES.has(doc.languageId)) return 'source';
    return null;
  }

  /** Debounced (factmark.debounceMs) analysis + publish of one document. */
  schedule(uri: string, delay = this.debounceFor(uri)): void {
    if (this.shuttingDown) return;
    const gen = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, gen);
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        // Due: queued, not run here (many timers expiring together must not starve requests).
        this.queue.add(uri, () =>
          this.publish(uri, gen).then(
            () => {
              this.failedNotified.delete(uri);
              this.releaseWaiters(uri);
            },
            (err) => {
              this.analysisFailed(uri, err);
              this.releaseWaiters(uri);
            },
          ),
        );
      }, delay),
    );
  }

  /** An analysis that threw: logged with its stack, and the user told once per document (until it
   *  succeeds again) that this document's findings are not up to date — never a silent stale state. */
  private analysisFailed(uri: string, err: unknown): void {
    this.connection.console.error(`Factmark: analysis of ${uri} failed: ${(err as Error)?.stack ?? err}`);
    if (this.shuttingDown || this.failedNotified.has(uri)) return;
    this.failedNotified.add(uri);
    const name = path.basename(uriToPath(uri) ?? uri);
    void this.connection.sendNotification('window/showMessage', {
      type: MessageType.Error,
      message:
        `Factmark could not analyse ${name} (${(err as Error)?.message ?? String(err)}); its highlighting and findings ` +
        `are not up to date. Other documents are unaffected. Details are in the Factmark output; please report it.`,
    });
  }

  /** factmark.debounceMs, stretched for documents whose last analysis took longer (huge files
   *  are then analysed less often while the user types, instead of blocking on every pause). */
  private debounceFor(uri: string): number {
    const last = this.durations.get(uri) ?? 0;
    return Math.max(this.current.debounceMs, Math.min(2000, last));
  }

  /** Re-check every open source (after an annotations change), debounced per document. */
  recheckAll(): void {
    for (const doc of this.documents.all()) if (this.kindOf(doc) === 'source') this.schedule(doc.uri);
  }

  private isStale(uri: string, version: number, gen: number): boolean {
    return this.shuttingDown || this.documents.get(uri)?.version !== version || this.generations.get(uri) !== gen;
  }

  private async publish(uri: string, gen: number): Promise<void> {
    await this.ready;
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    if (this.isStale(uri, version, gen)) return;
    const kind = this.kindOf(doc);
    if (kind === 'annotations') {
      const loadStarted = Date.now();
      const entry = this.freshAnnotationsEntry(uri);
      this.durations.set(uri, Date.now() - loadStarted); // a slow YAML is debounced longer, like a source
      if (!entry || this.isStale(uri, version, gen)) return;
      this.publishAnnotations(entry, version);
      // while typing, a broken buffer is a diagnostic only; the notice comes after a pause or on save
      this.brokenNotice.schedule(uri, () => {
        const latest = this.store.get(entry.path);
        if (latest) this.warnBroken(latest);
      });
      this.recheckAll();
      return;
    }
    if (kind !== 'source') return;
    const state = this.sourceState(uri);
    if (!state || this.isStale(uri, version, gen) || state.version !== version) return;
    const settings = this.current;
    const diagnostics: Diagnostic[] = [];
    const annotationsPath = state.annotations?.path ?? null;
    for (const f of state.findings) {
      const d = findingToDiagnostic(state.doc, f, settings, { uri, annotationsPath });
      if (d) diagnostics.push(d);
    }
    const capped = capDiagnostics(diagnostics, settings);
    void this.connection.sendDiagnostics({ uri, version, diagnostics: capped.diagnostics });
    if (state.truncated && !this.tooLargeNotified.has(uri)) {
      this.tooLargeNotified.add(uri);
      void this.connection.sendNotification('window/showMessage', {
        type: MessageType.Info,
        message: tooLargeMessage(state.path ?? uri, state.text.length, settings.maxFileSize),
      });
    }
    const params: DidAnalyzeParams = {
      uri,
      version,
      kind: 'source',
      entities: state.analysis?.entities.length ?? 0,
      quotes: state.analysis?.quotes.length ?? 0,
      findings: capped.total,
      ...(capped.shown < capped.total ? { shown: capped.shown } : {}),
      truncated: state.truncated,
      annotationsPath,
    };
    void this.connection.sendNotification(DID_ANALYZE, params);
    if (state.annotations && state.path && this.lists(state.annotations, state.path)) this.scheduleAnchors(state.annotations.path);
  }

  /** Does the annotations file declare this source (sources[].file)? */
  private lists(entry: AnnotationsEntry, sourcePath: string): boolean {
    const model = entry.good?.model;
    const dir = path.dirname(entry.path);
    return !!model?.sources.some((s) => typeof s.file === 'string' && path.resolve(dir, s.file) === sourcePath);
  }

  /** An edited source may orphan or re-anchor annotations: refresh the YAML's FM104/FM105 (only
   *  its diagnostics — the sources are not re-checked, so this cannot loop). */
  private scheduleAnchors(yamlPath: string): void {
    if (this.shuttingDown) return;
    const old = this.anchorTimers.get(yamlPath);
    if (old) clearTimeout(old);
    this.anchorTimers.set(
      yamlPath,
      setTimeout(() => {
        this.anchorTimers.delete(yamlPath);
        const entry = this.store.get(yamlPath);
        if (!entry || this.shuttingDown) return;
        const open = entry.buffer ? this.documents.get(entry.uri) : undefined;
        if (entry.buffer && (!open || open.version !== entry.buffer.version)) return; // its own publish is pending
        this.publishAnnotations(entry, entry.buffer?.version ?? null);
      }, this.current.debounceMs),
    );
  }

  /** The store's entry for an annotations URI, brought up to date with the open buffer first. */
  freshAnnotationsEntry(uri: string): AnnotationsEntry | undefined {
    const p = uriToPath(uri);
    if (!p) return undefined;
    const doc = this.documents.get(uri);
    if (doc && this.kindOf(doc) === 'annotations') {
      const e = this.store.get(p);
      if (e && e.buffer?.version === doc.version) return e;
      return this.store.setBuffer(p, doc.getText(), doc.version).entry;
    }
    return this.store.get(p);
  }

  /** Tells the user once per break that a YAML file is unreadable and what stays in force. */
  private warnBroken(entry: AnnotationsEntry): void {
    if (!entry.broken || entry.warned) return;
    entry.warned = true;
    const first = entry.loaded.problems.find((p) => p.code === 'FM100') ?? entry.loaded.problems[0];
    const where = first ? ` (line ${this.annotationsDocument(entry).positionAt(first.start).line + 1}: ${first.message})` : '';
    const fallback = entry.good ? 'the last good version of its annotations stays in use until it parses again' : 'no annotations from it are in use until it parses';
    void this.connection.sendNotification('window/showMessage', {
      type: MessageType.Warning,
      message: `Factmark: ${path.basename(entry.path)} cannot be read${where}; ${fallback}.`,
    });
  }

  /** Publishes the YAML's own problems (FM100-FM103) and anchoring problems (FM104/FM105). */
  private publishAnnotations(entry: AnnotationsEntry, version: number | null): void {
    const doc = this.annotationsDocument(entry);
    const settings = this.current;
    const findings: Finding[] = entry.loaded.problems.slice();
    if (entry.loaded.model) for (const f of anchorFindings(entry.loaded, (p) => this.sourceInputFor(p), settings)) findings.push(f); // (no spread)
    const diagnostics: Diagnostic[] = [];
    for (const f of findings) {
      const d = findingToDiagnostic(doc, f, settings, { uri: entry.uri, annotationsPath: entry.path });
      if (d) diagnostics.push(d);
    }
    void this.connection.sendDiagnostics({ uri: entry.uri, ...(version !== null ? { version } : {}), diagnostics });
    const params: DidAnalyzeParams = {
      uri: entry.uri,
      version,
      kind: 'annotations',
      entities: entry.loaded.model?.entities.length ?? 0,
      quotes: entry.loaded.model?.quotes.length ?? 0,
      findings: diagnostics.length,
      truncated: false,
      annotationsPath: entry.path,
    };
    void this.connection.sendNotification(DID_ANALYZE, params);
  }

  private publishDiskAnnotations(): void {
    for (const e of this.store.all()) {
      if (e.buffer) continue;
      this.publishAnnotations(e, null);
      this.warnBroken(e);
    }
  }

  /** A source for anchoring: the open buffer's analysis first, else the file on disk (cached by mtime). */
  private sourceInputFor(p: string): SourceInput | null {
    const uri = pathToUri(p);
    const open = this.documents.get(uri) ?? this.documents.all().find((d) => normalizeUri(d.uri) === uri);
    if (open) {
      const st = this.sourceState(open.uri);
      return st?.analysis ? { path: p, text: st.text, analysis: st.analysis } : null;
    }
    const source = this.diskSource(p);
    return source ? { path: p, text: source.text, analysis: source.analysis } : null;
  }

  /** A file on disk analysed, cached by mtime (null when missing or over the size cap). */
  private diskSource(p: string): WorkspaceSource | null {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return null;
    }
    const cached = this.diskCache.get(p);
    if (cached && cached.mtime === st.mtimeMs) return cached.source;
    if (!st.isFile() || st.size > this.current.maxFileSize * 4) return null;
    let text: string;
    try {
      text = fs.readFileSync(p, 'utf8');
    } catch {
      return null;
    }
    if (text.length > this.current.maxFileSize) return null;
    const uri = pathToUri(p);
    const languageId = isMarkdown('', p) ? 'markdown' : 'plaintext';
    const source: WorkspaceSource = {
      uri,
      path: p,
      text,
      doc: TextDocument.create(uri, languageId, 0, text),
      analysis: analyze(text, { markdown: languageId === 'markdown' }),
    };
    this.diskCache.set(p, { mtime: st.mtimeMs, source });
    return source;
  }

  // ------------------------------------------------------------------ ServerContext

  settings(): FactmarkSettings {
    return this.current;
  }

  openDocument(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  workspaceFolders(): string[] {
    return this.folders;
  }

  /** Is an analysis of this document pending (debounce timer or queued)? */
  private pending(uri: string): boolean {
    return this.timers.has(uri) || this.queue.has(uri);
  }

  private releaseWaiters(uri: string): void {
    const ws = this.analysisWaiters.get(uri);
    if (!ws) return;
    this.analysisWaiters.delete(uri);
    for (const w of ws) w();
  }

  /**
   * The state requests answer from: the latest completed analysis. While an analysis of a newer
   * version is pending (the user is typing, or a re-check is queued), the request is answered from
   * the previous one instead of analysing on the request (a hover stays instant on a 1 MB document);
   * only a document never analysed yet is analysed now. Marks the document as the one in use.
   */
  latestState(uri: string): SourceState | null {
    this.queue.touch(uri);
    const prev = this.states.get(uri);
    if (prev && this.pending(uri)) return prev;
    return this.sourceState(uri);
  }

  /** Waits (at most `timeoutMs`) for the pending analysis of a document, then its latest state:
   *  semantic tokens must match the text, but are not worth an analysis on the request. */
  async settledState(uri: string, timeoutMs = 3000): Promise<SourceState | null> {
    this.queue.touch(uri);
    if (this.pending(uri) && this.states.has(uri)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        const list = this.analysisWaiters.get(uri) ?? [];
        list.push(() => {
          clearTimeout(timer);
          resolve();
        });
        this.analysisWaiters.set(uri, list);
      });
    }
    return this.latestState(uri);
  }

  diskTextChanged(p: string): void {
    void this.watchedFilesChanged([{ uri: pathToUri(p), type: FileChangeType.Changed }]);
  }

  annotationsDocument(entry: AnnotationsEntry): TextDocument {
    const version = entry.buffer?.version ?? 0;
    return TextDocument.create(entry.uri, 'yaml', version, entry.text);
  }

  sourceState(uri: string): SourceState | null {
    const doc = this.documents.get(uri);
    if (!doc || this.kindOf(doc) !== 'source') return null;
    const settings = this.current;
    const prev = this.states.get(uri);
    const annotations = this.store.forSource(uriToPath(uri));
    const keyOf = () => `${doc.version}|${settings.maxFileSize}|${this.store.generation}|${this.settingsGeneration}|${annotations?.path ?? ''}|${this.corpus.generation}`;
    const key = keyOf();
    if (prev && (prev as SourceState & { key?: string }).key === key) return prev;

    const started = Date.now();
    let state: SourceState & { key?: string };
    if (prev && prev.version === doc.version && prev.truncated === doc.getText().length > settings.maxFileSize) {
      // same text, new annotations/settings: keep the analysis, drop everything derived from annotations
      const { uri: u, path: p, version, languageId, text, doc: snapshot, analysis, truncated } = prev;
      state = { uri: u, path: p, version, languageId, text, doc: snapshot, analysis, truncated, findings: [], annotations };
    } else {
      const text = doc.getText();
      const truncated = text.length > settings.maxFileSize;
      const p = uriToPath(uri);
      state = {
        uri,
        path: p,
        version: doc.version,
        languageId: doc.languageId,
        text,
        doc: TextDocument.create(uri, doc.languageId, doc.version, text),
        analysis: truncated ? null : analyze(text, { markdown: isMarkdown(doc.languageId, p) }),
        truncated,
        findings: [],
        annotations,
      };
    }
    // This source's place in the comparison across sources; other sources re-check when it changed.
    if (state.analysis && this.corpus.update(uri, state.text, state.analysis)) this.corpusChanged(uri);
    const cmp = state.truncated ? { findings: [] } : compareForSource(this.corpus, this.store, uri, settings);
    (state as SourceState & { compare?: unknown }).compare = 'view' in cmp ? cmp.view : undefined;
    state.findings = state.truncated
      ? [tooLargeFinding(state.path ?? uri, state.text.length, settings.maxFileSize)]
      : [
          ...sourceFindings({ path: state.path ?? uri, text: state.text, analysis: state.analysis! }, annotations?.good ?? null, settings, cmp.corroborate),
          ...cmp.findings,
        ].sort((a, b) => a.start - b.start || a.end - b.end);
    state.key = keyOf();
    this.states.set(uri, state);
    this.durations.set(uri, Date.now() - started);
    return state;
  }

  /** Another source changed: re-check the open sources (debounced), their comparison moved on. */
  private corpusChanged(changedUri: string): void {
    if (this.shuttingDown) return;
    if (this.corpusTimer) clearTimeout(this.corpusTimer);
    this.corpusTimer = setTimeout(() => {
      this.corpusTimer = null;
      for (const doc of this.documents.all()) if (doc.uri !== changedUri && this.kindOf(doc) === 'source') this.schedule(doc.uri);
    }, Math.max(300, this.current.debounceMs * 2));
  }

  /** Bring the comparison corpus up to date with the workspace's sources (open buffers and files). */
  async refreshCorpus(): Promise<void> {
    let changed = false;
    for (const s of await this.workspaceSources()) if (this.corpus.update(s.uri, s.text, s.analysis)) changed = true;
    if (changed) this.recheckAll();
  }

  async workspaceSources(): Promise<WorkspaceSource[]> {
    await this.ready;
    const out: WorkspaceSource[] = [];
    const seen = new Set<string>();
    for (const doc of this.documents.all()) {
      if (this.kindOf(doc) !== 'source') continue;
      const st = this.sourceState(doc.uri);
      if (!st?.analysis) continue;
      seen.add(normalizeUri(doc.uri));
      out.push({ uri: st.uri, path: st.path, text: st.text, doc: st.doc, analysis: st.analysis });
    }
    for (const folder of this.folders) {
      const files = await scanFolder(folder, (rel) => SOURCE_EXTENSIONS.has(path.extname(rel).toLowerCase()));
      for (const f of files) {
        const uri = pathToUri(f);
        if (seen.has(uri)) continue;
        seen.add(uri);
        const source = this.diskSource(f);
        if (!source) continue;
        out.push(source);
      }
    }
    return out;
  }
}

/** Largest annotations YAML read (characters; also capped by factmark.maxFileSize): parsing is
 *  ~1 s per MB, and every keystroke in the YAML re-reads it. */
export const ANNOTATIONS_MAX_CHARS = 2_000_000;

/** initializationOptions.trusted === false: VS Code's Restricted Mode (the client says so). */
function trustedFrom(init: unknown): boolean {
  return !(init && typeof init === 'object' && (init as Record<string, unknown>).trusted === false);
}

function isMarkdown(languageId: string, p: string | null): boolean {
  return languageId === 'markdown' || (!!p && /\.(md|markdown)$/i.test(p));
}

function tooLargeMessage(name: string, length: number, max: number): string {
  return (
    `Factmark skipped ${path.basename(name)}: it has ${length.toLocaleString('en-US')} characters, ` +
    `more than factmark.maxFileSize (${max.toLocaleString('en-US')}). Raise the "factmark.maxFileSize" setting to analyse it.`
  );
}

function tooLargeFinding(name: string, length: number, max: number): Finding {
  return {
    code: 'FM900',
    rule: 'document-too-large',
    severity: 'info',
    start: 0,
    end: 0,
    message: tooLargeMessage(name, length, max),
    data: { length, maxFileSize: max, setting: 'factmark.maxFileSize' },
  };
}

export function startServer(connection: Connection): FactmarkServer {
  const server = new FactmarkServer(connection);
  server.listen();
  return server;
}
