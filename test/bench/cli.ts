// Bench section: the CLI (`node dist/cli.js`) in cold processes, as CI runs it.
//  - startup: `factmark --version` (node start + loading the bundle and its lexicons), median;
//  - one 10 MB file: `analyze --format json` → MB/s with the startup subtracted;
//  - a folder of 10,000 articles of ~5 KB and one of 1,000 of ~50 KB (the same text in fewer
//    documents): `analyze --format json` in-process (`--jobs 1`) → fixed cost per document (solving
//    time = documents × fixed + bytes × per-byte for the two), peak RSS;
//  - the same folder with the default worker pool → speed-up over in-process on this machine's cores.
// Output goes to /dev/null (serialised and written as for a real run). Peak RSS is the CLI process's
// own maxRSS (worker threads included), reported by a tiny wrapper on exit.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { MB, ROOT, buildCorpus, median, sliceText } from './common';

/** The CLI bundle measured; FACTMARK_BENCH_CLI_JS=other/cli.js compares another build (e.g. before a change). */
export const CLI_JS = process.env.FACTMARK_BENCH_CLI_JS ? path.resolve(process.env.FACTMARK_BENCH_CLI_JS) : path.join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  wallMs: number;
  /** user + system CPU time of the process (all its threads). */
  cpuMs: number;
  peakRss: number;
  code: number | null;
  stderr: string;
}

export interface CliSeries {
  args: string;
  runsMs: number[];
  medianMs: number;
  cpuMs: number[];
  medianCpuMs: number;
  minMs: number;
  maxMs: number;
  peakRss: number;
  failed?: string;
}

export interface CliResult {
  skipped?: string;
  cores: number;
  jobsSupported: boolean;
  startup?: CliSeries;
  big?: CliSeries & {
    bytes: number;
    /** bytes ÷ (wall − startup wall), MB/s; range over the runs. */
    mbPerSec: number;
    mbPerSecRange: [number, number];
    /** bytes ÷ (CPU − startup CPU): less sensitive to other load on the machine. */
    mbPerCpuSec: number;
  };
  folder?: {
    files: number;
    bytes: number;
    inProcess: CliSeries;
    /** The same text as fewer, bigger documents (the baseline for the fixed cost). */
    fewer?: { files: number; bytes: number; inProcess: CliSeries };
    /**
     * Fixed cost per document, ms: solving time = documents × fixed + bytes × per-byte for the two
     * folders (many small, fewer bigger documents of the same text), from wall and from CPU times.
     */
    fixedMsPerDoc: number;
    fixedCpuMsPerDoc: number;
    pool?: CliSeries;
    speedup?: number;
    speedupRange?: [number, number];
  };
}

const WRAP = `
const fs = require('fs');
process.on('exit', () => { try { const u = process.resourceUsage(); fs.writeSync(2, '\\nBENCH_CLI_RSS:' + u.maxRSS * 1024 + ':' + (u.userCPUTime + u.systemCPUTime) / 1000 + '\\n'); } catch {} });
require(process.env.FACTMARK_BENCH_CLI).run(process.argv.slice(1));
`;

/** One cold `node dist/cli.js ARGS` with stdout to /dev/null. */
export function runCli(args: string[], timeoutMs = 180_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const devnull = fs.openSync('/dev/null', 'w');
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-e', WRAP, '--', ...args], {
      stdio: ['ignore', devnull, 'pipe'],
      env: { ...process.env, FACTMARK_BENCH_CLI: CLI_JS },
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      fs.closeSync(devnull);
      const m = /BENCH_CLI_RSS:(\d+):([\d.]+)/.exec(err);
      resolve({ wallMs, cpuMs: m ? Number(m[2]) : NaN, peakRss: m ? Number(m[1]) : NaN, code, stderr: err.replace(/\n?BENCH_CLI_RSS:[\d:.]+\n?/, '') });
    });
  });
}

async function series(args: string[], runs: number, okCodes = [0]): Promise<CliSeries> {
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  let peakRss = 0;
  for (let i = 0; i < runs; i++) {
    const r = await runCli(args);
    if (r.code === null || !okCodes.includes(r.code)) {
      return { args: args.join(' '), runsMs, cpuMs, medianCpuMs: NaN, medianMs: NaN, minMs: NaN, maxMs: NaN, peakRss, failed: `exit ${r.code}: ${r.stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 300)}` };
    }
    runsMs.push(r.wallMs);
    cpuMs.push(r.cpuMs);
    peakRss = Math.max(peakRss, r.peakRss);
  }
  return { args: args.join(' '), runsMs, cpuMs, medianCpuMs: median(cpuMs), medianMs: median(runsMs), minMs: Math.min(...runsMs), maxMs: Math.max(...runsMs), peakRss };
}

/** `count` articles of about `bytes` bytes each (whole paragraphs of the seed corpus, rotating), 100 per folder. */
export function writeArticles(dir: string, count: number, bytes: number): number {
  const corpus = buildCorpus(2 * MB);
  const paras = corpus.split(/\n\n+/).filter((p) => p.trim());
  let total = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    let len = 0;
    while (len < bytes) {
      const para = paras[p++ % paras.length];
      parts.push(para);
      len += Buffer.byteLength(para) + 2;
    }
    const text = sliceText(parts.join('\n\n') + '\n', bytes);
    const sub = path.join(dir, String(Math.floor(i / 100)).padStart(3, '0'));
    if (i % 100 === 0) fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `a${String(i).padStart(5, '0')}.txt`), text);
    total += Buffer.byteLength(text);
  }
  return total;
}

export async function runCliBench(opts: { articles?: number; articleBytes?: number; bigBytes?: number; runs?: number } = {}): Promise<CliResult> {
  const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  if (!fs.existsSync(CLI_JS)) return { skipped: `${path.relative(ROOT, CLI_JS)} is not built`, cores, jobsSupported: false };
  const runs = opts.runs ?? 3;
  const help = await new Promise<string>((resolve) => {
    const c = spawn(process.execPath, [CLI_JS, 'analyze', '--help'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let s = '';
    c.stdout.on('data', (d: Buffer) => (s += d));
    c.on('close', () => resolve(s));
  });
  const jobsSupported = /--jobs/.test(help);
  const res: CliResult = { cores, jobsSupported };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-bench-cli-'));
  try {
    res.startup = await series(['--version'], Math.max(5, runs));
    const startup = res.startup.medianMs;
    const startupCpu = res.startup.medianCpuMs;
    const bigFile = path.join(tmp, 'big.txt');
    const bigText = sliceText(buildCorpus((opts.bigBytes ?? 10 * MB) + 100_000), opts.bigBytes ?? 10 * MB);
    fs.writeFileSync(bigFile, bigText);
    const bigBytes = Buffer.byteLength(bigText);
    const big = await series(['analyze', '--format', 'json', bigFile], runs);
    const rate = (ms: number) => bigBytes / MB / ((ms - startup) / 1000);
    res.big = { ...big, bytes: bigBytes, mbPerSec: rate(big.medianMs), mbPerSecRange: [rate(big.maxMs), rate(big.minMs)], mbPerCpuSec: bigBytes / MB / ((big.medianCpuMs - startupCpu) / 1000) };

    const jobs1 = jobsSupported ? ['--jobs', '1'] : [];
    const files = opts.articles ?? 10_000;
    const articleBytes = opts.articleBytes ?? 5000;
    const dir = path.join(tmp, 'articles');
    const bytes = writeArticles(dir, files, articleBytes);
    const inProcess = await series(['analyze', '--format', 'json', ...jobs1, dir], Math.max(1, runs - 1));
    const fewerDir = path.join(tmp, 'fewer');
    const fewerFiles = Math.max(1, Math.round(files / 10));
    const fewerBytes = writeArticles(fewerDir, fewerFiles, articleBytes * 10);
    const fewer = await series(['analyze', '--format', 'json', ...jobs1, fewerDir], Math.max(1, runs - 1));
    // t = n·f + b·c for both folders → f.
    const solve = (ta: number, tb: number) => (ta * fewerBytes - tb * bytes) / (files * fewerBytes - fewerFiles * bytes);
    res.folder = {
      files,
      bytes,
      inProcess,
      fewer: { files: fewerFiles, bytes: fewerBytes, inProcess: fewer },
      fixedMsPerDoc: solve(inProcess.medianMs - startup, fewer.medianMs - startup),
      fixedCpuMsPerDoc: solve(inProcess.medianCpuMs - startupCpu, fewer.medianCpuMs - startupCpu),
    };
    if (jobsSupported && cores > 1) {
      const pool = await series(['analyze', '--format', 'json', dir], Math.max(1, runs - 1));
      res.folder.pool = pool;
      res.folder.speedup = (inProcess.medianMs - startup) / (pool.medianMs - startup);
      res.folder.speedupRange = [(inProcess.minMs - startup) / (pool.maxMs - startup), (inProcess.maxMs - startup) / (pool.minMs - startup)];
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return res;
}

// `node out/test/bench/cli.js [articles] [runs]`: this section alone, raw JSON on stdout.
if (require.main === module) {
  const [articles, runs] = process.argv.slice(2).map(Number);
  runCliBench({ articles: articles || undefined, runs: runs || undefined }).then((r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'));
}
