// Shared helpers for the benchmark (npm run bench): paths, corpus building, statistics, tables,
// loading the compiled engine modules one by one (so a missing piece skips one section, not the run)
// and running a task in an isolated child process with a hard timeout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import type { Analysis, AnalyzeOptions } from '../../server/src/engine/types';

/** out/test/bench → repository root. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const OUT_ENGINE = path.join(ROOT, 'out', 'server', 'src', 'engine');
export const SEEDS_DIR = path.join(ROOT, 'seeds');
// FACTMARK_RE3D_DIR overrides the location (e.g. from a git worktree whose parent has no shared/ folder).
export const RE3D_DIR = process.env.FACTMARK_RE3D_DIR ? path.resolve(process.env.FACTMARK_RE3D_DIR) : path.resolve(ROOT, '..', 'shared', 'bench', 're3d');
export const ARTIFACTS_DIR = path.join(ROOT, 'test-artifacts');
export const SERVER_JS = path.join(ROOT, 'dist', 'server.js');

/** 1 MB = 1,000,000 bytes of UTF-8 text. */
export const MB = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Corpus

export function seedFiles(): string[] {
  if (!fs.existsSync(SEEDS_DIR)) return [];
  return fs
    .readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(SEEDS_DIR, f));
}

export function seedTexts(): string[] {
  return seedFiles().map((f) => fs.readFileSync(f, 'utf8').replace(/\r\n?/g, '\n').trim());
}

/**
 * A text of at least `targetBytes` UTF-8 bytes: the five seeds in order, repeated, separated by a
 * blank line (paragraph break). Whole seeds only, so no article is cut in the middle.
 */
export function buildCorpus(targetBytes: number): string {
  const seeds = seedTexts();
  if (seeds.length === 0) throw new Error(`no seeds in ${SEEDS_DIR}`);
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const s = seeds[i % seeds.length];
    parts.push(s);
    bytes += Buffer.byteLength(s, 'utf8') + 2;
  }
  return parts.join('\n\n') + '\n';
}

/** Cut `text` to about `bytes` UTF-8 bytes, at a paragraph break when there is one near the end. */
export function sliceText(text: string, bytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= bytes) return text;
  let cut = Buffer.from(text, 'utf8').subarray(0, bytes).toString('utf8');
  const para = cut.lastIndexOf('\n\n');
  if (para > cut.length * 0.8) cut = cut.slice(0, para + 1);
  return cut;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (the bench must pick the same positions every run)

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1];
}

export function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

// ---------------------------------------------------------------------------------------------
// Formatting

export function fmt(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return '∞';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1) return `${fmt(ms * 1000, 0)} µs`;
  if (ms < 10_000) return `${fmt(ms, ms < 10 ? 2 : 1)} ms`;
  return `${fmt(ms / 1000, 1)} s`;
}

export function fmtMB(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return '—';
  return `${fmt(bytes / MB, bytes < MB ? 2 : 1)} MB`;
}

/** Width in terminal columns (good enough: no wide CJK characters in the bench output). */
function width(s: string): number {
  return [...s].length;
}

/** An aligned text table; columns whose cells look numeric are right-aligned. */
export function table(headers: string[], rows: Array<Array<string | number>>, indent = '  '): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const all = [headers, ...cells];
  const n = headers.length;
  const widths = Array.from({ length: n }, (_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const numeric = Array.from({ length: n }, (_, i) =>
    cells.length > 0 && cells.every((r) => /^[-+]?[\d,.]+( ?[%a-zµ/A-Z]+)?$|^—$|^∞$/.test(r[i] ?? '')),
  );
  const line = (r: string[]) =>
    indent +
    r
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i] - width(c ?? '')));
        return numeric[i] && i > 0 ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  const sep = indent + widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(headers), sep, ...cells.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Engine modules, loaded one by one from the tsc output (out/server/src/engine/...)

export type AnalyzeFn = (text: string, options?: AnalyzeOptions) => Analysis;

export interface Loaded<T> {
  value?: T;
  /** Why it is not available (module missing, export missing, still a stub ...). */
  why?: string;
}

export function loadExport<T>(relModule: string, name: string): Loaded<T> {
  const file = path.join(OUT_ENGINE, relModule + '.js');
  if (!fs.existsSync(file)) return { why: `${path.relative(ROOT, file)} not built (server/src/engine/${relModule}.ts missing or not compiled)` };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    const v = mod[name];
    if (typeof v !== 'function') return { why: `${relModule}.ts does not export ${name}()` };
    return { value: v as T };
  } catch (e) {
    return { why: `loading ${path.relative(ROOT, file)} failed: ${firstLine(e)}` };
  }
}

/** analyze(), or why it cannot be benchmarked (missing, throws, or still the stub that finds nothing). */
export function loadAnalyze(): Loaded<AnalyzeFn> {
  const l = loadExport<AnalyzeFn>('analyze', 'analyze');
  if (!l.value) return l;
  try {
    const probe = seedTexts().join('\n\n');
    const a = l.value(probe);
    if (!a || !Array.isArray(a.entities)) return { why: 'analyze() returned no Analysis' };
    if (a.entities.length === 0 && a.quotes.length === 0) {
      return { why: 'analyze() finds no entities and no quotes on the seeds (still the stub)' };
    }
  } catch (e) {
    return { why: `analyze() throws on the seeds: ${firstLine(e)}` };
  }
  return l;
}

export function firstLine(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.split('\n')[0].slice(0, 200);
}

// ---------------------------------------------------------------------------------------------
// Child processes

export interface ChildResult<T> {
  ok: boolean;
  value?: T;
  /** Why it failed: timeout, exit code, unparsable output. */
  why?: string;
  wallMs: number;
  stderr: string;
}

/**
 * Run out/test/bench/child.js <task> <json args> under `node --expose-gc`, with a hard timeout.
 * The child prints one JSON line prefixed with BENCH_RESULT: on stdout.
 */
export function runChild<T>(task: string, args: unknown, timeoutMs: number, nodeFlags: string[] = []): Promise<ChildResult<T>> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, path.join(__dirname, 'child.js'), task, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT:'));
      if (timedOut) return resolve({ ok: false, why: `timed out after ${fmt(timeoutMs / 1000, 0)} s`, wallMs, stderr: err });
      if (!line) {
        const tail = err.trim().split('\n').slice(-3).join(' | ').slice(0, 300);
        return resolve({ ok: false, why: `child exited (${signal ?? code}) without a result${tail ? ': ' + tail : ''}`, wallMs, stderr: err });
      }
      try {
        resolve({ ok: true, value: JSON.parse(line.slice('BENCH_RESULT:'.length)) as T, wallMs, stderr: err });
      } catch (e) {
        resolve({ ok: false, why: `unparsable child output: ${firstLine(e)}`, wallMs, stderr: err });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Offsets → LSP positions (UTF-16, lines split on \r\n, \n, \r)

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

export function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}
