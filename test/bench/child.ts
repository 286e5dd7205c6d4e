// Benchmark tasks that run in their own `node --expose-gc` process (started by common.runChild), so
// that peak memory is isolated per measurement and a hang or crash costs one section only.
// Usage: node --expose-gc out/test/bench/child.js <task> '<json args>'
// Prints exactly one line "BENCH_RESULT:<json>" on stdout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis } from '../../server/src/engine/types';
import {
  RE3D_DIR,
  buildCorpus,
  byteLength,
  firstLine,
  loadAnalyze,
  loadExport,
  median,
  percentile,
  mean,
  rng,
  sliceText,
  MB,
} from './common';

declare const gc: undefined | (() => void);

function collect(): void {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

function emit(value: unknown): void {
  process.stdout.write('BENCH_RESULT:' + JSON.stringify(value) + '\n');
}

// ---------------------------------------------------------------------------------------------
// compromise (devDependency, comparison only)

interface CompromiseMatch {
  text: string;
  offset?: { start: number; length: number };
}
interface CompromiseView {
  json(opts?: Record<string, unknown>): CompromiseMatch[];
}
type CompromiseDoc = Record<string, unknown> & {
  people(): CompromiseView;
  places(): CompromiseView;
  organizations(): CompromiseView;
  quotations(): CompromiseView;
};

function loadCompromise(): (text: string) => CompromiseDoc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('compromise') as (text: string) => CompromiseDoc;
}

/** compromise's equivalent of Factmark's full markup: people, places, organisations, quotations,
 *  numbers (and dates when the build has them — the core build does not; compromise-dates is a plugin). */
function compromiseMarkup(nlp: (t: string) => CompromiseDoc, text: string): Record<string, CompromiseMatch[]> {
  const doc = nlp(text);
  const out: Record<string, CompromiseMatch[]> = {
    people: doc.people().json({ offset: true }),
    places: doc.places().json({ offset: true }),
    organizations: doc.organizations().json({ offset: true }),
    quotations: doc.quotations().json({ offset: true }),
  };
  for (const extra of ['numbers', 'dates']) {
    const f = doc[extra];
    if (typeof f === 'function') out[extra] = (f.call(doc) as CompromiseView).json({ offset: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// wink-nlp (devDependency, comparison only) with its lite English model (an npm package, MIT)

interface WinkCollection {
  out(f?: unknown): unknown;
  length(): number;
}
interface WinkNlp {
  readDoc(text: string): { entities(): WinkCollection; tokens(): WinkCollection; sentences(): WinkCollection };
  its: Record<string, unknown>;
}

function loadWink(): WinkNlp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const winkNLP = require('wink-nlp') as (model: unknown) => WinkNlp;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return winkNLP(require('wink-eng-lite-web-model'));
}

// ---------------------------------------------------------------------------------------------
// Baseline: the least a tokenizer can do — one pass over the UTF-16 code units writing each
// token's start, end, kind (word, number, punctuation, newline) and a 32-bit FNV-1a hash of its
// lower-cased form into preallocated typed arrays. No objects per token. Full markup's time over
// this pass is the ratio the bench reports.

const K_SPACE = 0;
const K_WORD = 1;
const K_NUM = 2;
const K_PUNCT = 3;
const K_NL = 4;
const ASCII_KIND = new Uint8Array(128).map((_, c) =>
  c === 10 ? K_NL : c <= 32 ? K_SPACE : (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 39 ? K_WORD : c >= 48 && c <= 57 ? K_NUM : K_PUNCT,
);

function kindOf(c: number): number {
  if (c < 128) return ASCII_KIND[c];
  if (c === 0xa0 || c === 0x2028 || (c >= 0x2000 && c <= 0x200b)) return K_SPACE;
  if (c === 0x2019) return K_WORD; // ’ inside words
  if ((c >= 0x2010 && c <= 0x206f) || c === 0xab || c === 0xbb) return K_PUNCT;
  return K_WORD; // letters of other scripts, diacritics
}

export function typedTokenize(text: string): { count: number; start: Int32Array; end: Int32Array; kind: Uint8Array; hash: Int32Array } {
  let cap = (text.length >> 2) + 16;
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let kind = new Uint8Array(cap);
  let hash = new Int32Array(cap);
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    const k = kindOf(c);
    if (k === K_SPACE) {
      i++;
      continue;
    }
    const s = i;
    let h = 0x811c9dc5 | 0;
    if (k === K_WORD || k === K_NUM) {
      while (i < len) {
        const d = text.charCodeAt(i);
        const kd = kindOf(d);
        if (kd !== K_WORD && kd !== K_NUM && !(d === 46 && k === K_NUM)) break;
        h = Math.imul(h ^ (d >= 65 && d <= 90 ? d + 32 : d), 0x01000193);
        i++;
      }
    } else {
      h = Math.imul(h ^ c, 0x01000193);
      i++;
    }
    if (n === cap) {
      cap *= 2;
      const grow = <A extends Int32Array | Uint8Array>(a: A, b: A): A => (b.set(a), b);
      start = grow(start, new Int32Array(cap));
      end = grow(end, new Int32Array(cap));
      kind = grow(kind, new Uint8Array(cap));
      hash = grow(hash, new Int32Array(cap));
    }
    start[n] = s;
    end[n] = i;
    kind[n] = k;
    hash[n] = h;
    n++;
  }
  return { count: n, start, end, kind, hash };
}

// ---------------------------------------------------------------------------------------------
// Task: throughput

interface ThroughputArgs {
  tool: 'factmark' | 'compromise' | 'wink' | 'tokenizer';
  bytes: number;
  runs: number;
  /** Stop adding runs once this much time has been spent on timed runs (at least one run). */
  budgetMs: number;
}

export interface ThroughputResult {
  tool: string;
  bytes: number;
  chars: number;
  runsMs: number[];
  medianMs: number;
  mbPerSec: number;
  warmupMs: number;
  baseRss: number;
  peakRss: number;
  baseHeap: number;
  /** heapUsed right after a run with its result still referenced, minus the baseline. */
  heapDelta: number;
  counts: Record<string, number>;
  markup: string[];
  skipped?: string;
}

function throughput(args: ThroughputArgs): ThroughputResult {
  const corpus = buildCorpus(args.bytes);
  const text = sliceText(corpus, args.bytes + 100_000);
  const res: ThroughputResult = {
    tool: args.tool,
    bytes: byteLength(text),
    chars: text.length,
    runsMs: [],
    medianMs: NaN,
    mbPerSec: NaN,
    warmupMs: NaN,
    baseRss: 0,
    peakRss: 0,
    baseHeap: 0,
    heapDelta: 0,
    counts: {},
    markup: [],
  };
  let run: (t: string) => Record<string, number>;
  if (args.tool === 'factmark') {
    const a = loadAnalyze();
    if (!a.value) return { ...res, skipped: a.why };
    const analyze = a.value;
    res.markup = ['entities', 'clusters', 'quotes (with speakers)', 'sentences'];
    run = (t) => {
      const r: Analysis = analyze(t);
      return { entities: r.entities.length, clusters: r.clusters.length, quotes: r.quotes.length, sentences: r.sentences.length };
    };
  } else if (args.tool === 'tokenizer') {
    res.markup = ['tokens (start, end, kind, word hash) in typed arrays'];
    run = (t) => ({ tokens: typedTokenize(t).count });
  } else if (args.tool === 'wink') {
    let nlp: WinkNlp;
    try {
      nlp = loadWink();
    } catch (e) {
      return { ...res, skipped: `wink-nlp not installed: ${firstLine(e)}` };
    }
    res.markup = ['tokens', 'sentences', 'entities (its lite model: dates, numbers, money, … — no people, places or organisations)', 'POS tags'];
    run = (t) => {
      const doc = nlp.readDoc(t);
      const entities = doc.entities().out(nlp.its.detail) as unknown[];
      const pos = doc.tokens().out(nlp.its.pos) as unknown[];
      return { tokens: pos.length, sentences: doc.sentences().length(), entities: entities.length };
    };
  } else {
    const nlp = loadCompromise();
    run = (t) => {
      const m = compromiseMarkup(nlp, t);
      res.markup = Object.keys(m);
      return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.length]));
    };
  }
  // Warm-up: JIT, lexicon loading. On the full text up to 1 MB, on a 1 MB slice above that;
  // compromise (slow) warms up on 20 KB.
  const warm = args.tool === 'compromise' ? sliceText(text, 20_000) : args.tool === 'wink' ? sliceText(text, 200_000) : sliceText(text, MB);
  // factmark: repeat the warm-up until ~1.5 s were spent (at most 15 runs), so the optimising compiler
  // has settled before the timed runs (a single warm-up left the first timed runs 1.5-2× slower).
  collect();
  let t0 = performance.now();
  for (let i = 0; i < (args.tool === 'compromise' || args.tool === 'wink' ? 1 : 15); i++) {
    run(warm);
    if (performance.now() - t0 > 1500) break;
  }
  res.warmupMs = performance.now() - t0;
  collect();
  const base = process.memoryUsage();
  res.baseRss = base.rss;
  res.baseHeap = base.heapUsed;
  // Memory: one run from a collected heap, measured with its result still referenced.
  {
    const counts = run(text);
    res.heapDelta = process.memoryUsage().heapUsed - res.baseHeap;
    res.counts = counts;
  }
  // Time: steady state, as in an editor session. No forced full GC between the timed runs: a
  // forced gc() shrinks V8's young generation and made the next run up to 2x slower, which is an
  // artefact of the measurement, not something a language server or the CLI ever does.
  let spent = 0;
  for (let i = 0; i < args.runs && (i === 0 || spent < args.budgetMs); i++) {
    t0 = performance.now();
    const counts = run(text);
    const ms = performance.now() - t0;
    spent += ms;
    res.runsMs.push(ms);
    res.counts = counts;
  }
  res.medianMs = median(res.runsMs);
  res.mbPerSec = res.bytes / MB / (res.medianMs / 1000);
  res.peakRss = process.resourceUsage().maxRSS * 1024;
  return res;
}

// ---------------------------------------------------------------------------------------------
// Task: entity quality on re3d

type GoldType = 'Person' | 'Location' | 'Organisation';
const GOLD_TYPES: GoldType[] = ['Person', 'Location', 'Organisation'];

interface SpanT {
  start: number;
  end: number;
  type: GoldType;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface QualityResult {
  skipped?: string;
  documents: number;
  chars: number;
  subsets: string[];
  gold: Record<GoldType, number>;
  goldOffsetMismatches: number;
  factmark?: { byType: Record<GoldType, Counts>; ms: number; topFalsePositives: Array<[string, number]>; topMissed: Array<[string, number]> };
  factmarkSkipped?: string;
  compromise?: { byType: Record<GoldType, Counts>; ms: number; offsetsChecked: number; offsetsAgree: number; offsetExamples: string[] };
  compromiseSkipped?: string;
}

function readJsonLines(file: string): Array<Record<string, unknown>> {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** One-to-one overlap matching per type: each prediction takes the unmatched overlapping gold span
 *  of the same type with the largest overlap. */
export function score(gold: SpanT[], pred: SpanT[], acc: Record<GoldType, Counts>, errors?: { text: string; fp: Map<string, number>; fn: Map<string, number> }): void {
  const note = (m: Map<string, number>, sp: SpanT) => {
    const k = `${sp.type}: ${errors!.text.slice(sp.start, sp.end).replace(/\s+/g, ' ')}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const type of GOLD_TYPES) {
    const g = gold.filter((s) => s.type === type);
    const p = pred.filter((s) => s.type === type).sort((a, b) => a.start - b.start || a.end - b.end);
    const used = new Array<boolean>(g.length).fill(false);
    let tp = 0;
    for (const s of p) {
      let best = -1;
      let bestOv = 0;
      for (let i = 0; i < g.length; i++) {
        if (used[i]) continue;
        const ov = Math.min(s.end, g[i].end) - Math.max(s.start, g[i].start);
        if (ov > bestOv) {
          bestOv = ov;
          best = i;
        }
      }
      if (best >= 0) {
        used[best] = true;
        tp++;
      } else if (errors) note(errors.fp, s);
    }
    if (errors) g.forEach((sp, i) => used[i] || note(errors.fn, sp));
    acc[type].tp += tp;
    acc[type].fp += p.length - tp;
    acc[type].fn += g.length - tp;
  }
}

export function emptyCounts(): Record<GoldType, Counts> {
  return { Person: { tp: 0, fp: 0, fn: 0 }, Location: { tp: 0, fp: 0, fn: 0 }, Organisation: { tp: 0, fp: 0, fn: 0 } };
}

const norm = (s: string) => s.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();

function quality(): QualityResult {
  const res: QualityResult = {
    documents: 0,
    chars: 0,
    subsets: [],
    gold: { Person: 0, Location: 0, Organisation: 0 },
    goldOffsetMismatches: 0,
  };
  if (!fs.existsSync(RE3D_DIR)) return { ...res, skipped: '../shared/bench/re3d not found' };
  const docs: Array<{ id: string; text: string }> = [];
  const goldByDoc = new Map<string, SpanT[]>();
  for (const sub of fs.readdirSync(RE3D_DIR).sort()) {
    const dir = path.join(RE3D_DIR, sub);
    const dj = path.join(dir, 'documents.json');
    const ej = path.join(dir, 'entities.json');
    if (!fs.existsSync(dj) || !fs.existsSync(ej)) continue;
    res.subsets.push(sub);
    const texts = new Map<string, string>();
    for (const d of readJsonLines(dj)) {
      const id = String(d._id);
      const text = String(d.text ?? '');
      texts.set(id, text);
      docs.push({ id, text });
    }
    const seen = new Set<string>();
    for (const e of readJsonLines(ej)) {
      const type = e.type as GoldType;
      if (!GOLD_TYPES.includes(type) || Number(e.confidence) < 0.5) continue;
      const id = String(e.documentId);
      const start = Number(e.begin);
      const end = Number(e.end);
      const key = `${id}:${start}:${end}:${type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const text = texts.get(id);
      if (text === undefined) continue;
      if (typeof e.value === 'string' && norm(text.slice(start, end)) !== norm(e.value)) res.goldOffsetMismatches++;
      if (!goldByDoc.has(id)) goldByDoc.set(id, []);
      goldByDoc.get(id)!.push({ start, end, type });
      res.gold[type]++;
    }
  }
  if (docs.length === 0) return { ...res, skipped: `no documents.json/entities.json under ${RE3D_DIR}` };
  res.documents = docs.length;
  res.chars = docs.reduce((n, d) => n + d.text.length, 0);

  // Factmark
  const a = loadAnalyze();
  if (!a.value) res.factmarkSkipped = a.why;
  else {
    const byType = emptyCounts();
    const map: Record<string, GoldType> = { person: 'Person', place: 'Location', organization: 'Organisation' };
    const fp = new Map<string, number>();
    const fn = new Map<string, number>();
    const top = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 60);
    let ms = 0;
    try {
      for (const d of docs) {
        const t0 = performance.now();
        const an = a.value(d.text);
        ms += performance.now() - t0;
        const pred: SpanT[] = [];
        for (const e of an.entities) if (map[e.type]) pred.push({ start: e.start, end: e.end, type: map[e.type] });
        score(goldByDoc.get(d.id) ?? [], pred, byType, { text: d.text, fp, fn });
      }
      res.factmark = { byType, ms, topFalsePositives: top(fp), topMissed: top(fn) };
    } catch (e) {
      res.factmarkSkipped = `analyze() threw: ${firstLine(e)}`;
    }
  }

  // compromise
  try {
    const nlp = loadCompromise();
    const byType = emptyCounts();
    let checked = 0;
    let agree = 0;
    const examples: string[] = [];
    const t0 = performance.now();
    for (const d of docs) {
      const doc = nlp(d.text);
      const pred: SpanT[] = [];
      const views: Array<[CompromiseView, GoldType]> = [
        [doc.people(), 'Person'],
        [doc.places(), 'Location'],
        [doc.organizations(), 'Organisation'],
      ];
      for (const [view, type] of views) {
        for (const m of view.json({ offset: true })) {
          if (!m.offset) continue;
          const start = m.offset.start;
          const end = start + m.offset.length;
          checked++;
          if (norm(d.text.slice(start, end)) === norm(m.text)) agree++;
          else if (examples.length < 3) examples.push(`${JSON.stringify(m.text)} vs text ${JSON.stringify(d.text.slice(start, end))}`);
          pred.push({ start, end, type });
        }
      }
      score(goldByDoc.get(d.id) ?? [], pred, byType);
    }
    res.compromise = { byType, ms: performance.now() - t0, offsetsChecked: checked, offsetsAgree: agree, offsetExamples: examples };
  } catch (e) {
    res.compromiseSkipped = `compromise failed: ${firstLine(e)}`;
  }
  return res;
}

// ---------------------------------------------------------------------------------------------
// Task: anchoring 1,000 annotations in a 1 MB source

interface AnchorArgs {
  bytes: number;
  count: number;
  perturbEvery: number;
  /** how many extra rewritten annotations (orphan path) */
  rewritten: number;
  budgetMs: number;
}

interface AnchorSel {
  exact: string;
  prefix?: string;
  suffix?: string;
  position?: number;
}
interface AnchorRes {
  status: string;
  start?: number;
  end?: number;
  score?: number;
  candidates?: unknown[];
}
type AnchorFn = (text: string, sel: AnchorSel, opts?: Record<string, unknown>) => AnchorRes;

export interface AnchorGroup {
  n: number;
  done: number;
  totalMs: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  /** status counts as returned (exact / fuzzy / orphan / ambiguous / other) */
  status: Record<string, number>;
  /** anchored where the annotation was made */
  correct: number;
  /** anchored somewhere else (e.g. an identical copy of the sentence in another repetition) */
  elsewhere: number;
}

export interface AnchorResult {
  skipped?: string;
  bytes: number;
  sentencesInText: number;
  distinctSentences: number;
  /** how many of the chosen sentences occur more than once in the text */
  duplicated: number;
  unchanged?: AnchorGroup;
  perturbed?: AnchorGroup;
  /** extra: sentences rewritten beyond recognition (word order reversed) → should be orphans;
   *  the slowest path (whole-text fuzzy search). Not part of the 1,000. */
  rewritten?: AnchorGroup;
  stopped?: string;
  errors: string[];
}

/** Bench-local sentence splitter (only used to pick annotation targets). */
function sentences(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const para = m[0];
    const base = m.index;
    const split = /[.!?]["”’']?(?=\s+["“‘']?[A-Z])/g;
    let from = 0;
    for (let s = split.exec(para); s; s = split.exec(para)) {
      const end = s.index + s[0].length;
      out.push({ start: base + from, end: base + end });
      from = end;
      while (from < para.length && /\s/.test(para[from])) from++;
    }
    if (from < para.length) out.push({ start: base + from, end: base + para.trimEnd().length });
  }
  return out;
}

function perturb(exact: string, r: () => number): string | null {
  const words = [...exact.matchAll(/\p{L}{4,}/gu)];
  if (words.length === 0) return null;
  const w = words[Math.floor(r() * words.length)];
  const repl = w[0].toLowerCase() === 'changed' ? 'altered' : 'changed';
  return exact.slice(0, w.index!) + repl + exact.slice(w.index! + w[0].length);
}

function anchoring(args: AnchorArgs): AnchorResult {
  const res: AnchorResult = { bytes: 0, sentencesInText: 0, distinctSentences: 0, duplicated: 0, errors: [] };
  const l = loadExport<AnchorFn>('annotations/anchor', 'anchor');
  if (!l.value) return { ...res, skipped: l.why };
  const anchor = l.value;
  const text = buildCorpus(args.bytes);
  res.bytes = byteLength(text);
  const all = sentences(text).filter((s) => s.end - s.start >= 40 && s.end - s.start <= 400);
  res.sentencesInText = all.length;
  const freq = new Map<string, number>();
  for (const s of all) {
    const k = text.slice(s.start, s.end);
    freq.set(k, (freq.get(k) ?? 0) + 1);
  }
  res.distinctSentences = freq.size;
  const r = rng(42);
  type Kind = 'unchanged' | 'perturbed' | 'rewritten';
  const picked: Array<{ start: number; end: number; sel: AnchorSel; kind: Kind }> = [];
  const selector = (s: { start: number; end: number }): AnchorSel => ({
    exact: text.slice(s.start, s.end),
    prefix: text.slice(Math.max(0, s.start - 32), s.start),
    suffix: text.slice(s.end, s.end + 32),
    position: s.start,
  });
  const step = all.length / args.count;
  for (let i = 0; i < args.count && i * step < all.length; i++) {
    const s = all[Math.floor(i * step)];
    const sel = selector(s);
    if ((freq.get(sel.exact) ?? 0) > 1) res.duplicated++;
    let kind: Kind = 'unchanged';
    if (i % args.perturbEvery === 0) {
      const p = perturb(sel.exact, r);
      if (p) {
        sel.exact = p;
        kind = 'perturbed';
      }
    }
    picked.push({ start: s.start, end: s.end, sel, kind });
  }
  // Extra: rewritten sentences (word order reversed), from the middle of the text.
  for (let i = 0; i < args.rewritten; i++) {
    const s = all[Math.floor(((i + 0.5) * all.length) / Math.max(1, args.rewritten))];
    const sel = selector(s);
    sel.exact = sel.exact.split(/\s+/).reverse().join(' ');
    picked.push({ start: s.start, end: s.end, sel, kind: 'rewritten' });
  }
  const group = (): AnchorGroup & { times: number[] } => ({
    n: 0,
    done: 0,
    totalMs: 0,
    meanMs: NaN,
    p50Ms: NaN,
    p99Ms: NaN,
    status: {},
    correct: 0,
    elsewhere: 0,
    times: [],
  });
  const groups: Record<Kind, ReturnType<typeof group>> = { unchanged: group(), perturbed: group(), rewritten: group() };
  for (const p of picked) groups[p.kind].n++;
  // Unchanged first (exact path), then the perturbed ones (fuzzy path), then the rewritten (orphan path).
  const order = (['unchanged', 'perturbed', 'rewritten'] as Kind[]).flatMap((k) => picked.filter((p) => p.kind === k));
  const tStart = performance.now();
  for (const p of order) {
    if (performance.now() - tStart > args.budgetMs) {
      res.stopped = `time budget of ${args.budgetMs / 1000} s reached`;
      break;
    }
    const g = groups[p.kind];
    const t0 = performance.now();
    let out: AnchorRes;
    try {
      out = anchor(text, p.sel);
    } catch (e) {
      if (res.errors.length < 5) res.errors.push(firstLine(e));
      out = { status: 'error' };
    }
    const ms = performance.now() - t0;
    g.times.push(ms);
    g.totalMs += ms;
    g.done++;
    const st = String(out?.status ?? 'none');
    g.status[st] = (g.status[st] ?? 0) + 1;
    if (typeof out?.start === 'number' && typeof out?.end === 'number' && (st === 'exact' || st === 'fuzzy')) {
      const ov = Math.min(out.end, p.end) - Math.max(out.start, p.start);
      if (ov >= 0.5 * (p.end - p.start)) g.correct++;
      else g.elsewhere++;
    }
  }
  for (const [k, g] of Object.entries(groups) as Array<[Kind, ReturnType<typeof group>]>) {
    g.meanMs = mean(g.times);
    g.p50Ms = percentile(g.times, 50);
    g.p99Ms = percentile(g.times, 99);
    const { times: _t, ...rest } = g;
    void _t;
    if (g.n > 0) res[k] = rest;
  }
  return res;
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const [task, raw] = process.argv.slice(2);
  const args = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  try {
    if (task === 'throughput') emit(throughput(args as unknown as ThroughputArgs));
    else if (task === 'quality') emit(quality());
    else if (task === 'anchoring') emit(anchoring(args as unknown as AnchorArgs));
     
    else if (task === 'matching') emit((require('./matching') as typeof import('./matching')).matchingTask()); // eslint-disable-line @typescript-eslint/no-require-imports
    else throw new Error(`unknown task ${task}`);
  } catch (e) {
    emit({ skipped: `task ${task} failed: ${firstLine(e)}` });
  }
}

if (require.main === module) main();
