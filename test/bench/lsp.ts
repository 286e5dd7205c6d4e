// Language-server section of the benchmark: drives the built server (node dist/server.js --stdio)
// as an LSP client would. Every wait is bounded; the child is always killed at the end.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import * as YAML from 'yaml';
import { ROOT, SERVER_JS, SEEDS_DIR, buildCorpus, byteLength, firstLine, lineStarts, loadAnalyze, percentile, positionAt, rng, seedFiles, MB } from './common';

const DID_ANALYZE = 'factmark/didAnalyze';
const PUBLISH = 'textDocument/publishDiagnostics';

interface Note {
  method: string;
  params: { uri?: string; version?: number | null; diagnostics?: unknown[]; kind?: string; truncated?: boolean; findings?: number };
  at: number;
}

class Server {
  readonly child: ChildProcess;
  readonly conn: ProtocolConnection;
  readonly notes: Note[] = [];
  private waiters: Array<() => void> = [];
  exited: string | null = null;
  stderr = '';
  readonly spawnedAt: number;

  constructor() {
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-4000);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = `server exited (${signal ?? code})${this.stderr.trim() ? ': ' + this.stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 300) : ''}`;
      this.wake();
    });
    this.child.on('error', (e) => {
      this.exited = `server failed to start: ${e.message}`;
      this.wake();
    });
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    // Requests the server may send to the client.
    this.conn.onRequest('workspace/configuration', (p: { items?: unknown[] }) => (p.items ?? []).map(() => null));
    for (const m of [
      'client/registerCapability',
      'client/unregisterCapability',
      'window/workDoneProgress/create',
      'workspace/semanticTokens/refresh',
      'workspace/diagnostic/refresh',
      'workspace/codeLens/refresh',
      'workspace/inlayHint/refresh',
      'window/showMessageRequest',
    ]) {
      this.conn.onRequest(m, () => null);
    }
    this.conn.onRequest('workspace/workspaceFolders', () => null);
    for (const m of [PUBLISH, DID_ANALYZE]) {
      this.conn.onNotification(m, (params: Note['params']) => {
        this.notes.push({ method: m, params, at: performance.now() });
        this.wake();
      });
    }
    for (const m of ['window/logMessage', 'window/showMessage', '$/progress', 'telemetry/event', '$/logTrace']) this.conn.onNotification(m, () => undefined);
    this.conn.onError(() => undefined);
    this.conn.onClose(() => {
      if (!this.exited) this.exited = 'connection closed';
      this.wake();
    });
    this.conn.listen();
  }

  private wake(): void {
    if (this.exited) for (const f of [...this.exitListeners]) f();
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves with the first notification (from index `from`) matching pred; rejects on timeout/exit. */
  waitNote(pred: (n: Note) => boolean, timeoutMs: number, from = 0): Promise<Note> {
    return this.waitUntil(() => this.notes.slice(from).find(pred), timeoutMs);
  }

  /** Polls `check` whenever a notification arrives until it returns a value. */
  waitUntil<T>(check: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      const poll = () => {
        const v = check();
        if (v !== undefined) {
          clearTimeout(timer);
          resolve(v);
        } else if (this.exited) {
          clearTimeout(timer);
          reject(new Error(this.exited));
        } else this.waiters.push(poll);
      };
      poll();
    });
  }

  private exitListeners = new Set<() => void>();

  request<R>(method: string, params: unknown, timeoutMs: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let done = false;
      const finish = (f: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.exitListeners.delete(onExit);
        f();
      };
      const onExit = () => finish(() => reject(new Error(`${method}: ${this.exited}`)));
      const timer = setTimeout(() => finish(() => reject(new Error(`${method}: no answer within ${timeoutMs / 1000} s`))), timeoutMs);
      if (this.exited) return onExit();
      this.exitListeners.add(onExit);
      this.conn.sendRequest<R>(method, params).then(
        (v) => finish(() => resolve(v)),
        (e: unknown) => finish(() => reject(e instanceof Error ? e : new Error(String(e)))),
      );
    });
  }

  async initialize(workspace: string, timeoutMs = 20_000): Promise<{ ms: number; result: { capabilities?: Record<string, unknown> } }> {
    const uri = pathToFileURL(workspace).toString();
    const result = await this.request<{ capabilities?: Record<string, unknown> }>(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'factmark-bench' },
        rootUri: uri,
        workspaceFolders: [{ uri, name: path.basename(workspace) }],
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: false } },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            semanticTokens: {
              requests: { full: true, range: false },
              tokenTypes: ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property', 'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'modifier', 'comment', 'string', 'number', 'regexp', 'operator', 'decorator'],
              tokenModifiers: ['declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async', 'modification', 'documentation', 'defaultLibrary'],
              formats: ['relative'],
            },
          },
        },
        initializationOptions: {},
      },
      timeoutMs,
    );
    const ms = performance.now() - this.spawnedAt;
    await this.conn.sendNotification('initialized', {});
    return { ms, result };
  }

  async stop(): Promise<void> {
    try {
      if (!this.exited) {
        await this.request('shutdown', null, 3000).catch(() => undefined);
        await Promise.race([this.conn.sendNotification('exit').catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
        await new Promise<void>((r) => {
          const t = setTimeout(r, 1000);
          this.child.once('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
    } finally {
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
      this.conn.dispose();
    }
  }
}

export interface LspResult {
  skipped?: string;
  initializeMs?: number;
  bigDoc?: {
    bytes: number;
    lines: number;
    firstDiagnosticsMs?: number;
    diagnostics?: number;
    diagnosticsError?: string;
    semanticTokensMs?: number;
    semanticTokens?: number;
    semanticTokensError?: string;
    truncated?: boolean;
  };
  hover?: {
    requested: number;
    answered: number;
    nonEmpty: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    positions: string;
    error?: string;
  };
  yaml?: {
    skipped?: string;
    sources: number;
    annotationsFile: string;
    change: string;
    initializeMs?: number;
    initialCheckMs?: number;
    recheckMs?: number;
    via?: string;
    received?: number;
    error?: string;
  };
}

function tmpWorkspace(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `factmark-bench-${tag}-`));
}

/** Entity positions for hovers: from analyze() when it works, else capitalised words (noted). */
function hoverOffsets(text: string, n: number): { offsets: number[]; how: string } {
  const r = rng(7);
  const a = loadAnalyze();
  let spans: Array<{ start: number; end: number }> = [];
  let how: string;
  if (a.value) {
    spans = a.value(text).entities;
    how = `middle of ${n} random entities from analyze() (${spans.length} in the text)`;
  } else {
    for (const m of text.matchAll(/\b\p{Lu}\p{Ll}{2,}\b/gu)) spans.push({ start: m.index!, end: m.index! + m[0].length });
    how = `capitalised words (analyze() unavailable: ${a.why})`;
  }
  const offsets: number[] = [];
  for (let i = 0; i < n && spans.length; i++) {
    const s = spans[Math.floor(r() * spans.length)];
    offsets.push((s.start + s.end) >> 1);
  }
  return { offsets, how };
}

async function bigDocument(res: LspResult): Promise<void> {
  const ws = tmpWorkspace('big');
  const server = new Server();
  try {
    const text = buildCorpus(MB);
    const file = path.join(ws, 'big.txt');
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const init = await server.initialize(ws);
    res.initializeMs = init.ms;
    const starts = lineStarts(text);
    const big: NonNullable<LspResult['bigDoc']> = { bytes: byteLength(text), lines: starts.length };
    res.bigDoc = big;

    const t0 = performance.now();
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const diag = server
      .waitNote((n) => n.method === PUBLISH && n.params.uri === uri, 60_000)
      .then((n) => {
        big.firstDiagnosticsMs = n.at - t0;
        big.diagnostics = n.params.diagnostics?.length ?? 0;
      })
      .catch((e: Error) => {
        big.diagnosticsError = e.message;
      });
    const tokens = server
      .request<{ data?: number[] } | null>('textDocument/semanticTokens/full', { textDocument: { uri } }, 60_000)
      .then((r) => {
        big.semanticTokensMs = performance.now() - t0;
        big.semanticTokens = Math.floor((r?.data?.length ?? 0) / 5);
      })
      .catch((e: Error) => {
        big.semanticTokensError = firstLine(e);
      });
    await Promise.all([diag, tokens]);
    const da = server.notes.find((n) => n.method === DID_ANALYZE && n.params.uri === uri);
    if (da) big.truncated = !!da.params.truncated;

    // Hovers, one after the other.
    const { offsets, how } = hoverOffsets(text, 200);
    const times: number[] = [];
    let nonEmpty = 0;
    let error: string | undefined;
    const tHover = performance.now();
    for (const off of offsets) {
      if (performance.now() - tHover > 30_000) {
        error = 'stopped: 30 s budget for hovers reached';
        break;
      }
      const h0 = performance.now();
      try {
        const h = await server.request<{ contents?: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(starts, off) }, 10_000);
        times.push(performance.now() - h0);
        if (h && h.contents) nonEmpty++;
      } catch (e) {
        error = firstLine(e);
        break;
      }
    }
    res.hover = {
      requested: offsets.length,
      answered: times.length,
      nonEmpty,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      maxMs: times.length ? Math.max(...times) : NaN,
      positions: how,
      error,
    };
  } finally {
    await server.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

/** Adds a spelling to the first entity's aliases (a change that matters to every source's check);
 *  keeps the rest of the file as it is (yaml Document API). */
function changeYaml(text: string, n: number): { text: string; what: string } {
  const doc = YAML.parseDocument(text);
  const ents = doc.get('entities');
  if (YAML.isSeq(ents) && ents.items.length > 0 && YAML.isMap(ents.items[0])) {
    const first = ents.items[0];
    const aliases = first.get('aliases');
    const alias = `Bench Alias ${n}`;
    if (YAML.isSeq(aliases)) aliases.add(alias);
    else first.set('aliases', [alias]);
    return { text: doc.toString(), what: `added an alias to entity "${String(first.get('id'))}"` };
  }
  return { text: text + `\n# bench edit ${n}\n`, what: 'appended a comment (no entities to change)' };
}

function minimalYaml(seeds: string[]): string {
  const lines = ['# Minimal annotations written by the bench (seeds/annotations.yaml not found).', 'version: 1', 'sources:'];
  seeds.forEach((f, i) => lines.push(`  - id: s${i}`, `    file: ${path.basename(f)}`));
  lines.push('entities:', '  - id: bench-entity', '    name: Bench Entity', '    type: person', '    aliases: []', 'claims: []', 'quotes: []');
  return lines.join('\n') + '\n';
}

async function yamlRecheck(res: LspResult): Promise<void> {
  const seeds = seedFiles();
  const yamlSrc = path.join(SEEDS_DIR, 'annotations.yaml');
  const haveYaml = fs.existsSync(yamlSrc);
  const y: NonNullable<LspResult['yaml']> = {
    sources: 100,
    annotationsFile: haveYaml ? 'seeds/annotations.yaml (copied)' : 'minimal file written by the bench (seeds/annotations.yaml not found)',
    change: '',
  };
  res.yaml = y;
  if (seeds.length === 0) {
    y.skipped = 'no seeds';
    return;
  }
  const ws = tmpWorkspace('yaml');
  const server = new Server();
  try {
    // The five seeds under their own names (as the annotations' sources refer to them) + 95 copies.
    const docs: Array<{ uri: string; text: string }> = [];
    fs.mkdirSync(path.join(ws, 'copies'));
    for (let i = 0; i < 100; i++) {
      const seed = seeds[i % seeds.length];
      const file = i < seeds.length ? path.join(ws, path.basename(seed)) : path.join(ws, 'copies', `${String(i).padStart(3, '0')}_${path.basename(seed)}`);
      const text = fs.readFileSync(seed, 'utf8');
      fs.writeFileSync(file, text);
      docs.push({ uri: pathToFileURL(file).toString(), text });
    }
    const yamlText = haveYaml ? fs.readFileSync(yamlSrc, 'utf8') : minimalYaml(seeds);
    const yamlFile = path.join(ws, 'annotations.yaml');
    fs.writeFileSync(yamlFile, yamlText);
    const yamlUri = pathToFileURL(yamlFile).toString();

    const init = await server.initialize(ws);
    y.initializeMs = init.ms;
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: yamlUri, languageId: 'yaml', version: 1, text: yamlText } });
    const uris = new Set(docs.map((d) => d.uri));
    const tOpen = performance.now();
    for (const d of docs) {
      await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'plaintext', version: 1, text: d.text } });
    }
    const doneSince = (from: number, method: string) => {
      const seen = new Set<string>();
      for (let i = from; i < server.notes.length; i++) {
        const n = server.notes[i];
        if (n.method === method && n.params.uri && uris.has(n.params.uri)) seen.add(n.params.uri);
      }
      return seen.size;
    };
    // Initial check of the 100 sources (either notification counts until we know which one arrives).
    const method = await server.waitUntil(() => {
      if (doneSince(0, DID_ANALYZE) >= uris.size) return DID_ANALYZE;
      if (doneSince(0, PUBLISH) >= uris.size && !server.notes.some((n) => n.method === DID_ANALYZE)) return PUBLISH;
      return undefined;
    }, 60_000);
    y.initialCheckMs = Math.max(...server.notes.filter((n) => n.method === method).map((n) => n.at)) - tOpen;
    y.via = method;
    // Let it settle: 500 ms without notifications (at most 5 s).
    const tSettle = performance.now();
    while (performance.now() - tSettle < 5000) {
      const last = server.notes.length ? server.notes[server.notes.length - 1].at : 0;
      if (performance.now() - last > 500) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const change = changeYaml(yamlText, 1);
    y.change = change.what;
    const from = server.notes.length;
    const t0 = performance.now();
    await server.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: yamlUri, version: 2 },
      contentChanges: [{ text: change.text }],
    });
    try {
      await server.waitUntil(() => (doneSince(from, method) >= uris.size ? true : undefined), 60_000);
      const last = Math.max(...server.notes.slice(from).filter((n) => n.method === method).map((n) => n.at));
      y.recheckMs = last - t0;
    } catch (e) {
      y.error = firstLine(e);
    }
    y.received = doneSince(from, method);
  } catch (e) {
    y.error = firstLine(e);
  } finally {
    await server.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

export async function runLsp(): Promise<LspResult> {
  const res: LspResult = {};
  if (!fs.existsSync(SERVER_JS)) return { skipped: `${path.relative(ROOT, SERVER_JS)} not built (server/src/server.ts missing or the bundle failed)` };
  try {
    await bigDocument(res);
  } catch (e) {
    if (res.initializeMs === undefined) return { skipped: `language server did not initialize: ${firstLine(e)}` };
    res.hover = res.hover ?? { requested: 0, answered: 0, nonEmpty: 0, p50Ms: NaN, p99Ms: NaN, maxMs: NaN, positions: '', error: firstLine(e) };
  }
  await yamlRecheck(res);
  return res;
}
