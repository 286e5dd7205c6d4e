// Factmark benchmark: `npm run bench`. Reports, never fails on timing.
//  1. engine throughput (analyze(), full markup) on ~1 MB and ~10 MB, peak memory, vs compromise and
//     wink-nlp, and the ratio to a typed-array tokenizer pass over the same text
//  2. entity quality (P/R/F1 by type, overlap match) on ../shared/bench/re3d, vs compromise
//  3. language server: start, first diagnostics / semantic tokens on 1 MB, hover p50/p99,
//     re-checking 100 open sources after a change to the annotations YAML
//  4. anchoring 1,000 annotations in a 1 MB source (exact and fuzzy paths)
//  5. the CLI in cold processes: 10 MB file (MB/s, startup subtracted), 10,000 articles of 5 KB
//     (fixed cost per document, peak RSS), folder speed-up with the worker pool
//  7. comparing 1,000 sources of 5 KB (test/bench/compare.ts)
// Each section prints "skipped: <why>" when the piece it measures is not there (yet).
// Raw numbers: test-artifacts/bench.json.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ARTIFACTS_DIR, MB, ROOT, fmt, fmtMB, fmtMs, runChild, table, type ChildResult } from './common';
import type { MatchingResult } from './matching';
import type { AnchorGroup, AnchorResult, Counts, QualityResult, ThroughputResult } from './child';
import { runLsp, type LspResult } from './lsp';
import { runCliBench, type CliResult, type CliSeries } from './cli';
import { compareSection } from './compare';

const TARGET_MBPS = 30;

function say(s = ''): void {
  process.stdout.write(s + '\n');
}

function skipped(why: string): void {
  say(`  skipped: ${why}`);
}

function heading(s: string): void {
  say();
  say(s);
}

// ---------------------------------------------------------------------------------------------

interface ThroughputSection {
  factmark: Array<ThroughputResult | { bytes: number; skipped: string }>;
  compromise: Array<ThroughputResult | { bytes: number; skipped: string }>;
  wink: Array<ThroughputResult | { bytes: number; skipped: string }>;
  tokenizer: Array<ThroughputResult | { bytes: number; skipped: string }>;
  /** Full markup time over the typed tokenizer pass's time, per size. */
  tokenizerRatio?: Array<{ bytes: number; ratio: number }>;
  compromiseNote?: string;
  compromiseGrowth?: { exponent: number; predicted1MBms: number };
  verdict?: string;
}

function fromChild(r: ChildResult<ThroughputResult>, bytes: number): ThroughputResult | { bytes: number; skipped: string } {
  if (!r.ok || !r.value) return { bytes, skipped: r.why ?? 'failed' };
  if (r.value.skipped) return { bytes, skipped: r.value.skipped };
  return r.value;
}

async function throughputSection(): Promise<ThroughputSection> {
  heading('1. Engine throughput — full markup (analyze(): entities, clusters, quotes with speakers), text = the five seeds repeated');
  const sec: ThroughputSection = { factmark: [], compromise: [], wink: [], tokenizer: [] };

  const fm1 = fromChild(await runChild<ThroughputResult>('throughput', { tool: 'factmark', bytes: MB, runs: 7, budgetMs: 10_000 }, 90_000), MB);
  sec.factmark.push(fm1);
  if ('skipped' in fm1 && fm1.skipped) {
    sec.factmark.push({ bytes: 10 * MB, skipped: 'see 1 MB' });
  } else {
    const predicted = (fm1 as ThroughputResult).medianMs * 10;
    if (predicted > 20_000) {
      sec.factmark.push({ bytes: 10 * MB, skipped: `predicted ${fmt(predicted / 1000, 0)} s per run from the 1 MB median (bench time limit)` });
    } else {
      sec.factmark.push(fromChild(await runChild<ThroughputResult>('throughput', { tool: 'factmark', bytes: 10 * MB, runs: 3, budgetMs: 15_000 }, 120_000), 10 * MB));
    }
  }

  // compromise: probes on 100 KB and 200 KB (its people()/numbers() grow faster than linearly), then
  // the same 1 MB text when the fitted growth predicts it finishes within ~30 s.
  const probes: ThroughputResult[] = [];
  for (const bytes of [100_000, 200_000]) {
    const p = fromChild(await runChild<ThroughputResult>('throughput', { tool: 'compromise', bytes, runs: 1, budgetMs: 0 }, 45_000), bytes);
    if ('skipped' in p && p.skipped) {
      sec.compromise.push(p);
      break;
    }
    probes.push(p as ThroughputResult);
  }
  if (probes.length === 2) {
    const [a, b] = probes;
    const exponent = Math.max(1, Math.log(b.medianMs / a.medianMs) / Math.log(b.bytes / a.bytes));
    const predicted = b.medianMs * Math.pow(MB / b.bytes, exponent);
    sec.compromiseGrowth = { exponent, predicted1MBms: predicted };
    let full: ThroughputResult | { bytes: number; skipped: string } | undefined;
    if (predicted <= 30_000) {
      full = fromChild(await runChild<ThroughputResult>('throughput', { tool: 'compromise', bytes: MB, runs: 1, budgetMs: 0 }, 32_000), MB);
    }
    const growth = `time grows as size^${fmt(exponent, 2)} between 100 and 200 KB, 1 MB predicted at ${fmt(predicted / 1000, 0)} s`;
    if (full && !('skipped' in full && full.skipped)) {
      sec.compromise.push(full);
      sec.compromiseNote = `compromise measured on the same 1 MB text (1 run after a 20 KB warm-up; ${growth})`;
    } else {
      sec.compromise.push(a, b);
      sec.compromiseNote =
        `compromise measured on ${fmt(a.bytes / 1000, 0)} KB and ${fmt(b.bytes / 1000, 0)} KB slices of the same text, 1 run each: ${growth}` +
        (full ? `, but the 1 MB run failed: ${'skipped' in full ? full.skipped : ''}` : ', over the ~30 s limit');
    }
  } else if (probes.length === 1) {
    sec.compromise.push(probes[0]);
    sec.compromiseNote = `compromise measured on ${fmt(probes[0].bytes / 1000, 0)} KB`;
  }

  // wink-nlp (tokens, sentences, POS, its lite model's entities) on the same 1 MB text, after a 200 KB warm-up.
  sec.wink.push(fromChild(await runChild<ThroughputResult>('throughput', { tool: 'wink', bytes: MB, runs: 3, budgetMs: 8_000 }, 90_000), MB));
  // Baseline: a typed-array tokenizer pass over the same texts.
  for (const r of sec.factmark) {
    if ('skipped' in r && r.skipped) continue;
    sec.tokenizer.push(fromChild(await runChild<ThroughputResult>('throughput', { tool: 'tokenizer', bytes: r.bytes, runs: 7, budgetMs: 5_000 }, 60_000), r.bytes));
  }

  const rows: Array<Array<string>> = [];
  const row = (tool: string, r: ThroughputResult | { bytes: number; skipped: string }) => {
    if ('skipped' in r && r.skipped) {
      rows.push([tool, fmtMB(r.bytes), '—', '—', '—', '—', '—', `skipped: ${r.skipped}`]);
      return;
    }
    const t = r as ThroughputResult;
    const counts = Object.entries(t.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    rows.push([tool, fmtMB(t.bytes), String(t.runsMs.length), fmtMs(t.medianMs), fmt(t.mbPerSec, t.mbPerSec < 1 ? 3 : 1), fmtMB(t.peakRss), fmtMB(t.heapDelta), counts]);
  };
  for (const r of sec.factmark) row('factmark', r);
  for (const r of sec.compromise) row('compromise', r);
  for (const r of sec.wink) row('wink-nlp', r);
  for (const r of sec.tokenizer) row('typed tokenizer', r);
  say(table(['tool', 'text', 'runs', 'median', 'MB/s', 'peak RSS', 'heap Δ', 'found (last run)'], rows));
  say('  runs: steady-state timed runs after a warm-up (no forced GC between them), each size in its own `node --expose-gc` process;');
  say('  peak RSS = that process\'s maxRSS; heap Δ = heapUsed after one run from a collected heap, with its result still referenced.');
  if (sec.compromiseNote) say(`  ${sec.compromiseNote}; compromise markup: ${(sec.compromise.find((r): r is ThroughputResult => !('skipped' in r && r.skipped))?.markup ?? ['—']).join(', ')} (no dates in its core build).`);
  const measured = sec.factmark.filter((r): r is ThroughputResult => !('skipped' in r && r.skipped));
  if (measured.length) {
    const parts = measured.map((r) => `${fmtMB(r.bytes)} ${fmt(r.mbPerSec, 1)} MB/s ${r.mbPerSec >= TARGET_MBPS ? 'PASS' : 'FAIL'}`);
    sec.verdict = measured.every((r) => r.mbPerSec >= TARGET_MBPS) ? 'PASS' : 'FAIL';
    say(`  target ≥ ${TARGET_MBPS} MB/s for factmark: ${sec.verdict} (${parts.join('; ')})`);
    const cps = sec.compromise.filter((r): r is ThroughputResult => !('skipped' in r && r.skipped));
    const cp = cps[cps.length - 1];
    if (cp) {
      say(
        `  factmark is ${fmt(measured[0].mbPerSec / cp.mbPerSec, 0)}× faster than compromise` +
          (Math.abs(cp.bytes - measured[0].bytes) > 0.05 * MB ? ` (factmark on ${fmtMB(measured[0].bytes)}, compromise on ${fmtMB(cp.bytes)}, where it is faster per MB than on 1 MB)` : ' (same text)'),
      );
    }
    const wk = sec.wink.find((r): r is ThroughputResult => !('skipped' in r && r.skipped));
    if (wk) say(`  factmark is ${fmt(measured[0].mbPerSec / wk.mbPerSec, 1)}× faster than wink-nlp on the same 1 MB (wink: ${wk.markup.join(', ')})`);
    else if (sec.wink[0] && 'skipped' in sec.wink[0]) say(`  wink-nlp: skipped: ${sec.wink[0].skipped}`);
    sec.tokenizerRatio = [];
    for (const r of measured) {
      const t = sec.tokenizer.find((x): x is ThroughputResult => !('skipped' in x && x.skipped) && Math.abs(x.bytes - r.bytes) < 0.05 * r.bytes);
      if (t) sec.tokenizerRatio.push({ bytes: r.bytes, ratio: r.medianMs / t.medianMs });
    }
    if (sec.tokenizerRatio.length) {
      say(
        `  full markup ÷ typed tokenizer pass on the same text: ${sec.tokenizerRatio.map((x) => `${fmt(x.ratio, 1)}× on ${fmtMB(x.bytes)}`).join(', ')} (aim ≤ 5×; the pass writes start/end/kind/hash per token into typed arrays, test/bench/child.ts typedTokenize)`,
      );
    }
  } else {
    say(`  target ≥ ${TARGET_MBPS} MB/s for factmark: not measured`);
  }
  return sec;
}

// ---------------------------------------------------------------------------------------------

function prf(c: Counts): { p: number; r: number; f: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

async function qualitySection(): Promise<QualityResult | { skipped: string }> {
  heading('2. Entity quality on re3d (../shared/bench/re3d): Person / Location / Organisation, confidence ≥ 0.5, overlap match');
  const r = await runChild<QualityResult>('quality', {}, 120_000);
  if (!r.ok || !r.value) {
    skipped(r.why ?? 'failed');
    return { skipped: r.why ?? 'failed' };
  }
  const q = r.value;
  if (q.skipped) {
    skipped(q.skipped);
    return q as { skipped: string };
  }
  say(`  ${q.documents} documents (${fmt(q.chars / 1000, 0)} K chars) in ${q.subsets.join(', ')}; gold: Person ${q.gold.Person}, Location ${q.gold.Location}, Organisation ${q.gold.Organisation}` + (q.goldOffsetMismatches ? ` (${q.goldOffsetMismatches} gold spans whose value differs from the text at their offsets)` : ''));
  if (q.factmarkSkipped) say(`  factmark skipped: ${q.factmarkSkipped}`);
  if (q.compromiseSkipped) say(`  compromise skipped: ${q.compromiseSkipped}`);
  const types = ['Person', 'Location', 'Organisation'] as const;
  const rows: string[][] = [];
  const pct = (x: number) => fmt(100 * x, 1);
  const sum = (by: Record<string, Counts>): Counts =>
    types.reduce((a, t) => ({ tp: a.tp + by[t].tp, fp: a.fp + by[t].fp, fn: a.fn + by[t].fn }), { tp: 0, fp: 0, fn: 0 });
  for (const t of [...types, 'all (micro)'] as const) {
    const fc = q.factmark ? (t === 'all (micro)' ? sum(q.factmark.byType) : q.factmark.byType[t]) : undefined;
    const cc = q.compromise ? (t === 'all (micro)' ? sum(q.compromise.byType) : q.compromise.byType[t]) : undefined;
    const f = fc && prf(fc);
    const c = cc && prf(cc);
    const gold = t === 'all (micro)' ? q.gold.Person + q.gold.Location + q.gold.Organisation : q.gold[t];
    rows.push([
      t,
      String(gold),
      f ? pct(f.p) : '—',
      f ? pct(f.r) : '—',
      f ? pct(f.f) : '—',
      c ? pct(c.p) : '—',
      c ? pct(c.r) : '—',
      c ? pct(c.f) : '—',
      f && c ? (f.f > c.f ? 'yes' : 'NO') + ` (${f.f >= c.f ? '+' : ''}${fmt(100 * (f.f - c.f), 1)})` : '—',
    ]);
  }
  say(table(['type', 'gold', 'FM P%', 'FM R%', 'FM F1%', 'comp P%', 'comp R%', 'comp F1%', 'factmark beats compromise (F1 pts)'], rows));
  if (q.factmark && q.compromise) {
    const wins = types.filter((t) => prf(q.factmark!.byType[t]).f > prf(q.compromise!.byType[t]).f);
    say(`  target: beat compromise on every type — ${wins.length === types.length ? 'PASS' : `FAIL (${types.filter((t) => !wins.includes(t)).join(', ')} not better)`}`);
  }
  if (q.compromise) {
    const c = q.compromise;
    say(
      `  compromise offsets (json({offset:true})) checked against the text: ${c.offsetsAgree}/${c.offsetsChecked} agree` +
        (c.offsetExamples.length ? `; e.g. ${c.offsetExamples.join('; ')}` : ''),
    );
  }
  say(`  time: factmark ${q.factmark ? fmtMs(q.factmark.ms) : '—'}, compromise ${q.compromise ? fmtMs(q.compromise.ms) : '—'} (whole set, after loading)`);
  if (q.factmark) {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const errFile = path.join(ARTIFACTS_DIR, 'bench-re3d-errors.json');
    fs.writeFileSync(errFile, JSON.stringify({ falsePositives: q.factmark.topFalsePositives, missed: q.factmark.topMissed }, null, 1) + '\n');
    say(`  factmark's most frequent false positives / misses (for error analysis): ${path.relative(ROOT, errFile)}`);
  }
  say('  note: re3d Person/Organisation also cover descriptions ("rebels"), so name-only recall is capped; compare tools on this scorer.');
  return q;
}

// ---------------------------------------------------------------------------------------------

async function lspSection(): Promise<LspResult> {
  heading('3. Language server (node dist/server.js --stdio over LSP)');
  let r: LspResult;
  try {
    r = await runLsp();
  } catch (e) {
    r = { skipped: e instanceof Error ? e.message : String(e) };
  }
  if (r.skipped) {
    skipped(r.skipped);
    return r;
  }
  const rows: string[][] = [];
  rows.push(['spawn → initialize result', fmtMs(r.initializeMs), '']);
  const b = r.bigDoc;
  if (b) {
    const size = fmtMB(b.bytes);
    rows.push([
      `didOpen ${size} → first publishDiagnostics`,
      b.diagnosticsError ? 'failed' : fmtMs(b.firstDiagnosticsMs),
      b.diagnosticsError ?? `${b.diagnostics} diagnostics; includes the server's debounce (factmark.debounceMs, default settings)${b.truncated ? '; server reports the document as over maxFileSize (not analysed)' : ''}`,
    ]);
    rows.push([`didOpen ${size} → semantic tokens response`, b.semanticTokensError ? 'failed' : fmtMs(b.semanticTokensMs), b.semanticTokensError ?? `${b.semanticTokens} tokens (request sent right after didOpen)`]);
  }
  const h = r.hover;
  if (h) {
    rows.push([
      `hover p50 / p99 (${h.answered}/${h.requested} answered)`,
      h.answered ? `${fmtMs(h.p50Ms)} / ${fmtMs(h.p99Ms)}` : 'failed',
      `${h.nonEmpty} with content; max ${fmtMs(h.maxMs)}${h.error ? '; ' + h.error : ''}`,
    ]);
  }
  const y = r.yaml;
  if (y) {
    if (y.skipped) rows.push(['YAML change → 100 sources re-checked', 'skipped', y.skipped]);
    else {
      rows.push(['  (2nd server) open 100 sources → all checked', fmtMs(y.initialCheckMs), y.via ? `waited on ${y.via}` : y.error ?? '']);
      rows.push([
        'YAML change → 100 open sources re-checked',
        y.recheckMs !== undefined ? fmtMs(y.recheckMs) : 'failed',
        `${y.received ?? 0}/100 notified${y.error ? '; ' + y.error : ''}; ${y.change}; debounced on the YAML, then per source`,
      ]);
    }
  }
  say(table(['measurement', 'time', 'notes'], rows));
  if (h?.positions) say(`  hover positions: ${h.positions}`);
  if (y) say(`  annotations: ${y.annotationsFile}; 100 sources = the five seeds + 95 copies in a temp workspace`);
  return r;
}

// ---------------------------------------------------------------------------------------------

async function anchoringSection(): Promise<AnchorResult | { skipped: string }> {
  heading('4. Anchoring 1,000 annotations (exact text + 32-char prefix/suffix + position) in a 1 MB source');
  const r = await runChild<AnchorResult>('anchoring', { bytes: MB, count: 1000, perturbEvery: 5, rewritten: 50, budgetMs: 60_000 }, 90_000);
  if (!r.ok || !r.value) {
    skipped(r.why ?? 'failed');
    return { skipped: r.why ?? 'failed' };
  }
  const a = r.value;
  if (a.skipped) {
    skipped(a.skipped);
    return a as { skipped: string };
  }
  const statuses = ['exact', 'fuzzy', 'orphan', 'ambiguous'];
  const rows: string[][] = [];
  const row = (name: string, g: AnchorGroup | undefined) => {
    if (!g) return;
    const other = Object.entries(g.status)
      .filter(([k]) => !statuses.includes(k))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    rows.push([
      name,
      `${g.done}/${g.n}`,
      fmtMs(g.totalMs),
      fmtMs(g.meanMs),
      fmtMs(g.p99Ms),
      ...statuses.map((s) => String(g.status[s] ?? 0)),
      String(g.correct),
      String(g.elsewhere) + (other ? ` (${other})` : ''),
    ]);
  };
  row('unchanged → exact path', a.unchanged);
  row('one word changed → fuzzy path', a.perturbed);
  row('extra: rewritten → orphan path', a.rewritten);
  say(table(['annotations', 'done', 'total', 'mean/ann', 'p99/ann', 'exact', 'fuzzy', 'orphan', 'ambiguous', 'right place', 'elsewhere'], rows));
  const total = (a.unchanged?.totalMs ?? 0) + (a.perturbed?.totalMs ?? 0);
  const done = (a.unchanged?.done ?? 0) + (a.perturbed?.done ?? 0);
  say(`  the 1,000: ${done} annotations in ${fmtMs(total)} (${fmtMs(total / Math.max(1, done))} per annotation) on ${fmtMB(a.bytes)}`);
  say(
    `  note: the source repeats the seeds, so ${a.duplicated} of the chosen sentences occur more than once (${a.distinctSentences} distinct of ${a.sentencesInText} sentences);` +
      ' copies share their 32-char context, only the position hint tells them apart — "ambiguous" there is an honest answer, "elsewhere" a mis-anchor.',
  );
  say('  "one word changed": the annotation\'s text has one word replaced (as if the source was edited after annotating), prefix/suffix/position kept.');
  say('  "rewritten" (50 extra, not in the 1,000): word order reversed, so no place should be accepted (orphan); the slowest path: a fuzzy search of the whole text.');
  if (a.stopped) say(`  stopped early: ${a.stopped}`);
  if (a.errors.length) say(`  anchor() threw: ${a.errors.join(' | ')}`);
  return a;
}

// ---------------------------------------------------------------------------------------------

const CLI_TARGET_MBPS = 20;
const CLI_TARGET_FIXED_MS = 0.1;
const CLI_TARGET_RSS = 250 * MB;

async function cliSection(): Promise<CliResult> {
  heading('5. CLI in cold processes (node dist/cli.js analyze --format json > /dev/null), as CI runs it');
  const r = await runCliBench({ runs: 3 });
  if (r.skipped) {
    skipped(r.skipped);
    return r;
  }
  const range = (s: CliSeries) => (s.failed ? `failed: ${s.failed}` : `${fmtMs(s.medianMs)} (${fmtMs(s.minMs)}–${fmtMs(s.maxMs)}, ${s.runsMs.length} runs)`);
  const rows: string[][] = [];
  if (r.startup) rows.push(['startup: factmark --version', range(r.startup), '', fmtMB(r.startup.peakRss), 'node start + loading the bundle (subtracted below)']);
  const b = r.big;
  if (b) {
    rows.push([
      `one file, ${fmtMB(b.bytes)}`,
      range(b),
      b.failed ? '—' : `${fmt(b.mbPerSec, 1)} MB/s (${fmt(b.mbPerSecRange[0], 1)}–${fmt(b.mbPerSecRange[1], 1)}); by CPU time ${fmt(b.mbPerCpuSec, 1)}`,
      fmtMB(b.peakRss),
      b.failed ? '' : `target ≥ ${CLI_TARGET_MBPS} MB/s: ${b.mbPerSec >= CLI_TARGET_MBPS ? 'PASS' : 'FAIL'}`,
    ]);
  }
  const f = r.folder;
  if (f) {
    rows.push([
      `${f.files.toLocaleString('en')} articles, ${fmtMB(f.bytes)}, in-process (--jobs 1)`,
      range(f.inProcess),
      `fixed ${fmt(f.fixedMsPerDoc, 2)} ms/doc; by CPU time ${fmt(f.fixedCpuMsPerDoc, 2)}`,
      fmtMB(f.inProcess.peakRss),
      `target ≤ ${CLI_TARGET_FIXED_MS} ms/doc: ${f.fixedMsPerDoc <= CLI_TARGET_FIXED_MS ? 'PASS' : 'FAIL'}; peak RSS < ${fmtMB(CLI_TARGET_RSS)}: ${f.inProcess.peakRss < CLI_TARGET_RSS ? 'PASS' : 'FAIL'}`,
    ]);
    if (f.fewer) rows.push([`  the same text as ${f.fewer.files.toLocaleString('en')} articles, ${fmtMB(f.fewer.bytes)}`, range(f.fewer.inProcess), '(baseline for the fixed cost)', fmtMB(f.fewer.inProcess.peakRss), '']);
    if (f.pool) {
      rows.push([
        `${f.files.toLocaleString('en')} articles, worker pool (${r.cores} cores)`,
        range(f.pool),
        f.speedup !== undefined ? `speed-up ${fmt(f.speedup, 2)}× (${fmt(f.speedupRange![0], 2)}–${fmt(f.speedupRange![1], 2)})` : '—',
        fmtMB(f.pool.peakRss),
        `peak RSS < ${fmtMB(CLI_TARGET_RSS)}: ${f.pool.peakRss < CLI_TARGET_RSS ? 'PASS' : 'FAIL'}`,
      ]);
    } else {
      rows.push(['worker pool', 'skipped', '', '', r.jobsSupported ? `${r.cores} core: nothing to spread` : 'this CLI has no --jobs']);
    }
  }
  say(table(['run', 'wall time median (range)', 'rate', 'peak RSS', 'notes'], rows));
  say('  MB/s = bytes ÷ (wall time − startup median); fixed cost per document: time − startup = documents × fixed + bytes × per-byte, solved for the two folders;');
  say('  articles = ~5 KB runs of whole seed paragraphs, 100 per folder; peak RSS = the CLI process\'s maxRSS (its worker threads included).');
  say('  Wall times share the machine with whatever else runs: on a loaded machine compare the CPU times in bench.json (cpuMs).');
  return r;
}

async function matchingSection(): Promise<MatchingResult | { skipped: string }> {
  heading('6. Claim matching: 1,000 claims × 10,000 draft sentences; 10,000 claims × 1 MB; extra latency on 1 MB diagnostics');
  const r = await runChild<MatchingResult>('matching', {}, 300_000);
  if (!r.ok || !r.value) {
    skipped(r.why ?? 'failed');
    return { skipped: r.why ?? 'failed' };
  }
  const m = r.value;
  if (m.skipped) {
    skipped(m.skipped);
    return m as { skipped: string };
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const range = (xs: number[]) => `${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))}`;
  const t = med(m.claims1k.matchMs);
  say(
    table(
      ['measurement', 'time', 'range', 'notes'],
      [
        ['1,000 claims: index build', fmtMs(m.claims1k.buildMs), '', 'once per annotations version (cached)'],
        [`1,000 claims × ${m.claims1k.sentences.toLocaleString('en-US')} sentences (median of 3)`, fmtMs(t), range(m.claims1k.matchMs), `${t < 1000 ? 'PASS' : 'FAIL'} (target < 1 s); ${m.claims1k.matches} matches; analysis itself ${fmtMs(m.claims1k.analyzeMs)}`],
        [
          `baseline: no retrieval pruning, ${m.baseline.sentences} sentences`,
          fmtMs(m.baseline.ms),
          '',
          `→ ${fmtMs(m.baseline.extrapolatedMs)} for all sentences; the index is ${fmt(m.baseline.extrapolatedMs / Math.max(1e-9, t), 1)}× faster`,
        ],
        ['10,000 claims: index build', fmtMs(m.claims10k.buildMs), '', ''],
        [`10,000 claims × ${fmtMB(m.claims10k.bytes)} (${m.claims10k.sentences.toLocaleString('en-US')} sentences)`, fmtMs(m.claims10k.matchMs), '', `${m.claims10k.matches} matches`],
        [
          `checkSource, ${fmtMB(m.diagnostics1MB.bytes)} seeds text, ${m.diagnostics1MB.claims} seed claims (median of 3)`,
          fmtMs(med(m.diagnostics1MB.checkMs)),
          range(m.diagnostics1MB.checkMs),
          `of which claim matching ${fmtMs(med(m.diagnostics1MB.matchMs))} (${fmt((100 * med(m.diagnostics1MB.matchMs)) / Math.max(1e-9, med(m.diagnostics1MB.checkMs)), 0)}%), ${m.diagnostics1MB.matches} matches`,
        ],
      ],
    ),
  );
  say('  claims and drafts are generated from templates with random names (seeded); 10% of the draft sentences paraphrase a claim.');
  return m;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = performance.now();
  const cpus = os.cpus();
  const buildRc = process.env.FACTMARK_BUILD_RC;
  const machine = {
    date: new Date().toISOString(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memory: os.totalmem(),
    node: process.version,
    loadavg: os.loadavg(),
  };
  say(`Factmark bench — ${machine.date}`);
  say(`machine: ${machine.cpus} × ${machine.cpuModel}, ${fmt(machine.memory / 2 ** 30, 0)} GiB RAM, ${machine.platform}; node ${machine.node}`);
  say(`load average at start: ${machine.loadavg.map((x) => fmt(x, 2)).join(' ')} (other work on the machine slows every figure below)`);
  if (buildRc !== undefined && buildRc !== '0') say(`WARNING: npm run build exited with ${buildRc}; sections use whatever was built (see the build output above).`);
  say('1 MB = 1,000,000 bytes of UTF-8 text.');

  const results: Record<string, unknown> = { machine, build: buildRc === undefined ? 'not run by the bench script' : buildRc === '0' ? 'ok' : `failed (${buildRc})` };
  const sections: Array<[string, () => Promise<unknown>]> = [
    ['throughput', throughputSection],
    ['quality', qualitySection],
    ['lsp', lspSection],
    ['anchoring', anchoringSection],
    ['cli', cliSection],
    ['matching', matchingSection],
    ['compare', () => compareSection(say)],
  ];
  // FACTMARK_BENCH_SECTIONS=matching,lsp runs only those sections (while developing one).
  const only = process.env.FACTMARK_BENCH_SECTIONS?.split(',').map((x) => x.trim()).filter(Boolean);
  for (const [name, run] of sections) {
    if (only?.length && !only.includes(name)) continue;
    try {
      results[name] = await run();
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      skipped(`${name} section failed: ${why}`);
      results[name] = { skipped: why };
    }
  }
  const totalMs = performance.now() - t0;
  results.totalMs = totalMs;
  results.loadavgAtEnd = os.loadavg();
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const out = path.join(ARTIFACTS_DIR, 'bench.json');
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  say();
  say(`bench took ${fmtMs(totalMs)}; load average at end: ${os.loadavg().map((x) => fmt(x, 2)).join(' ')}; raw numbers in ${path.relative(ROOT, out)}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
