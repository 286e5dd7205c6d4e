// Test harness: spawns the bundled language server over stdio and speaks LSP to it with
// vscode-languageserver-protocol. Waits on messages (factmark/didAnalyze, publishDiagnostics,
// window/showMessage), never on sleeps; the timeouts only turn a hang into a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

/** Repository root (this file runs from out/test/protocol or a bundle in a temp folder). */
export function repoRoot(): string {
  if (process.env.FACTMARK_ROOT) return process.env.FACTMARK_ROOT;
  let dir = __dirname;
  for (;;) {
    if (['package.json', 'tsconfig.json', 'seeds'].every((n) => fs.existsSync(path.join(dir, n)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export function serverPath(): string {
  const p = process.env.FACTMARK_SERVER ?? path.join(repoRoot(), 'dist', 'server.js');
  if (!fs.existsSync(p)) throw new Error(`The bundled server ${p} does not exist: run "npm run build:bundle" first.`);
  return p;
}

export function fileUri(p: string): string {
  return pathToFileURL(p).toString();
}

/** Copies seeds/ into a fresh temp folder (the tests never touch the repository's seeds). */
export function tempWorkspace(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return dir;
}

export function copySeeds(target: string): string[] {
  const seeds = path.join(repoRoot(), 'seeds');
  fs.mkdirSync(target, { recursive: true });
  const names = fs
    .readdirSync(seeds, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
  for (const n of names) {
    fs.copyFileSync(path.join(seeds, n), path.join(target, n));
    fs.chmodSync(path.join(target, n), 0o644);
  }
  return names;
}

export interface Received {
  method: string;
  params: any;
}

export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  readonly received: Received[] = [];
  private waiters: Array<{ pred: (m: Received) => boolean; resolve: (m: Received) => void }> = [];
  stderr = '';
  settings: Record<string, unknown> = {};
  exited: Promise<number | null>;

  constructor(args: string[] = ['--stdio']) {
    this.proc = spawn(process.execPath, [serverPath(), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    for (const method of ['textDocument/publishDiagnostics', 'factmark/didAnalyze', 'window/showMessage', 'window/logMessage', 'factmark/checkWorkspaceProgress']) {
      this.conn.onNotification(method, (params: unknown) => this.record({ method, params }));
    }
    this.conn.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'factmark' ? this.settings : null)),
    );
    this.conn.onRequest('client/registerCapability', (params: unknown) => {
      this.record({ method: 'client/registerCapability', params });
      return null;
    });
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('workspace/workspaceFolders', () => null);
    this.conn.listen();
  }

  private record(m: Received): void {
    this.received.push(m);
    for (const w of [...this.waiters]) {
      if (w.pred(m)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  }

  /** Resolves with the first message (already received after `since`, or future) matching `pred`. */
  waitFor(pred: (m: Received) => boolean, what: string, since = 0, timeoutMs = 20000): Promise<Received> {
    const past = this.received.slice(since).find(pred);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`Timed out waiting for ${what}. Received: ${this.received.map((r) => r.method).join(', ')}\nServer stderr: ${this.stderr}`));
      }, timeoutMs);
      const done = (m: Received) => {
        clearTimeout(timer);
        resolve(m);
      };
      this.waiters.push({ pred, resolve: done });
    });
  }

  /** Waits for factmark/didAnalyze of `uri` at `version` (null = any). */
  analyzed(uri: string, version: number | null, since = 0): Promise<Received> {
    return this.waitFor(
      (m) => m.method === 'factmark/didAnalyze' && m.params.uri === uri && (version === null || m.params.version === version),
      `factmark/didAnalyze ${uri} v${version}`,
      since,
    );
  }

  /** The diagnostics published for `uri` most recently (at `version` when given). */
  diagnostics(uri: string, version?: number): any[] {
    for (let i = this.received.length - 1; i >= 0; i--) {
      const m = this.received[i];
      if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version)) {
        return m.params.diagnostics;
      }
    }
    throw new Error(`No diagnostics published for ${uri}${version !== undefined ? ` v${version}` : ''}`);
  }

  /** Index just after a received message (to wait for what follows it). */
  after(m: Received): number {
    return this.received.indexOf(m) + 1;
  }

  mark(): number {
    return this.received.length;
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  open(uri: string, text: string, languageId = 'plaintext', version = 1): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  kill(): void {
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}

/** Client capabilities of a typical full-featured editor. */
export const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true },
    semanticTokens: {
      requests: { full: true, range: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
      multilineTokenSupport: false,
      overlappingTokenSupport: false,
    },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
  },
  window: { showMessage: {} },
};

/** Decodes LSP semantic tokens (relative encoding) into absolute tokens. */
export function decodeTokens(data: number[], legend: { tokenTypes: string[]; tokenModifiers: string[] }) {
  const out: Array<{ line: number; char: number; length: number; type: string; modifiers: string[] }> = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    out.push({
      line,
      char,
      length: data[i + 2],
      type: legend.tokenTypes[data[i + 3]],
      modifiers: legend.tokenModifiers.filter((_, bit) => (data[i + 4] & (1 << bit)) !== 0),
    });
  }
  return out;
}

/** Position (UTF-16 line/character) of an offset in a text. */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

export function positionOfText(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in text`);
  return positionOf(text, i + delta);
}

/** Applies LSP TextEdits to a text (edits must not overlap). */
export function applyTextEdits(text: string, edits: Array<{ range: { start: any; end: any }; newText: string }>): string {
  const lines = lineOffsets(text);
  const off = (p: { line: number; character: number }) => (p.line < lines.length ? lines[p.line] + p.character : text.length);
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

function lineOffsets(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}
