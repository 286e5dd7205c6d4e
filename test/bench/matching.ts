// Bench task "matching" (run in a child process by bench.ts, section 5): claim matching speed.
//  - 1,000 claims against a draft of 10,000 sentences (target < 1 s), median of 3, with the index
//    build timed apart; baseline in the same run: the same scorer with retrieval pruning switched
//    off (every claim sharing a word is scored), on the first 1,000 sentences, extrapolated;
//  - 10,000 claims against a ~1 MB draft through the index;
//  - the extra latency claim matching adds to checkSource (diagnostics) on a 1 MB document with the
//    seed annotations.
// The claims and drafts are generated from templates with random names (seeded), so they are
// distinct and share vocabulary the way claims of one beat do; 10% of the draft sentences are
// paraphrases of claims (so the scorer runs on real candidates too).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { loadAnnotations } from '../../server/src/engine/annotations/load';
import { checkSource } from '../../server/src/engine/annotations/check';
import type { LoadedAnnotations } from '../../server/src/engine/annotations/api';
import { buildClaimIndex, matchClaims, MATCH_DEFAULTS } from '../../server/src/engine/match';
import { buildCorpus, median, rng, MB, ROOT } from './common';

export interface MatchingResult {
  claims1k: { buildMs: number; matchMs: number[]; sentences: number; matches: number; analyzeMs: number };
  baseline: { sentences: number; ms: number; extrapolatedMs: number; matches: number };
  claims10k: { buildMs: number; matchMs: number; bytes: number; sentences: number; matches: number };
  diagnostics1MB: { bytes: number; checkMs: number[]; matchMs: number[]; claims: number; matches: number };
  skipped?: string;
}

const VERBS = ['build', 'close', 'open', 'fund', 'sell', 'buy', 'export', 'import', 'deploy', 'train'];
const NOUNS = ['schools', 'hospitals', 'bridges', 'tanks', 'turbines', 'ships', 'factories', 'clinics', 'drones', 'reactors'];
const STATS = ['exports', 'imports', 'inflation', 'unemployment', 'output', 'sales', 'prices', 'wages'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const COUNTRIES = ['France', 'Kenya', 'Brazil', 'Japan', 'Canada', 'Egypt', 'Poland', 'Chile', 'India', 'Norway', 'Peru', 'Ghana'];
const CITIES = ['Lyon', 'Mombasa', 'Recife', 'Osaka', 'Calgary', 'Luxor', 'Gdansk', 'Valparaiso', 'Pune', 'Bergen'];

function makeName(r: () => number): string {
  const syl = ['ka', 'ro', 'mi', 'len', 'dra', 'vo', 'sel', 'tan', 'bri', 'ol', 'mar', 'zu', 'pe', 'nik', 'as'];
  const word = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += syl[Math.floor(r() * syl.length)];
    return s[0].toUpperCase() + s.slice(1);
  };
  return `${word(2)} ${word(3)}`;
}

interface Slots {
  p: string;
  c: string;
  v: string;
  n: number;
  noun: string;
  city: string;
  day: string;
  stat: string;
  month: string;
  kind: number;
}

export function slots(r: () => number): Slots {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  return { p: makeName(r), c: pick(COUNTRIES), v: pick(VERBS), n: 2 + Math.floor(r() * 900), noun: pick(NOUNS), city: pick(CITIES), day: pick(DAYS), stat: pick(STATS), month: pick(MONTHS), kind: Math.floor(r() * 3) };
}

export function claimText(s: Slots): string {
  if (s.kind === 0) return `${s.p} said on ${s.day} that ${s.c} would ${s.v} ${s.n} ${s.noun} in ${s.city}.`;
  if (s.kind === 1) return `${s.c}'s ${s.stat} rose ${s.n % 60} percent in ${s.month} from a year earlier, ${s.p} said.`;
  return `${s.p} announced that ${s.c} had agreed to ${s.v} ${s.n} ${s.noun} for the port of ${s.city}.`;
}

export function paraphrase(s: Slots): string {
  if (s.kind === 0) return `${s.c} will ${s.v} ${s.n} ${s.noun} in ${s.city}, ${s.p} said on ${s.day}.`;
  if (s.kind === 1) return `In ${s.month}, ${s.stat} in ${s.c} were ${s.n % 60}% higher than a year earlier, according to ${s.p}.`;
  return `${s.c} has agreed to ${s.v} ${s.n} ${s.noun} for ${s.city}'s port, ${s.p} announced.`;
}

export function annotationsWith(claims: string[]): LoadedAnnotations {
  const yaml = ['version: 1', 'claims:', ...claims.flatMap((t, i) => [`  - id: c${i}`, `    text: ${JSON.stringify(t)}`, `    verdict: "${i % 3 === 0 ? 'false' : 'true'}"`, '    evidence: []'])].join('\n') + '\n';
  return loadAnnotations('/bench/annotations.yaml', yaml);
}

export function draftOf(claimSlots: Slots[], sentences: number, r: () => number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    if (r() < 0.1) out.push(paraphrase(claimSlots[Math.floor(r() * claimSlots.length)]));
    else out.push(claimText(slots(r)).replace(' said', ' told reporters'));
  }
  // paragraphs of 5 sentences
  const paras: string[] = [];
  for (let i = 0; i < out.length; i += 5) paras.push(out.slice(i, i + 5).join(' '));
  return paras.join('\n\n');
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

export function matchingTask(): MatchingResult {
  const r = rng(7);
  // 1,000 claims vs 10,000 sentences
  const s1k = Array.from({ length: 1000 }, () => slots(r));
  const ann1k = annotationsWith(s1k.map(claimText));
  const build1k = time(() => buildClaimIndex([ann1k]));
  const draft = draftOf(s1k, 10_000, r);
  const an = time(() => analyze(draft, { markdown: true }));
  const runs: number[] = [];
  let matches = 0;
  for (let k = 0; k < 3; k++) {
    const m = time(() => matchClaims(build1k.value, { text: draft, analysis: an.value }));
    runs.push(m.ms);
    matches = m.value.length;
  }
  // Baseline: no retrieval pruning (every claim that shares any term is scored), first 1,000 sentences.
  const subEnd = an.value.sentences[999]?.end ?? draft.length;
  const sub = draft.slice(0, subEnd);
  const subAn = analyze(sub, { markdown: true });
  const noPrune = { ...build1k.value, maxDf: Infinity };
  const base = time(() => matchClaims(noPrune, { text: sub, analysis: subAn }, { ...MATCH_DEFAULTS, minRetrieval: 0, maxCandidates: 1e9 }));
  const baseline = { sentences: subAn.sentences.length, ms: base.ms, extrapolatedMs: (base.ms * an.value.sentences.length) / Math.max(1, subAn.sentences.length), matches: base.value.length };

  // 10,000 claims vs ~1 MB draft
  const s10k = Array.from({ length: 10_000 }, () => slots(r));
  const ann10k = annotationsWith(s10k.map(claimText));
  const build10k = time(() => buildClaimIndex([ann10k]));
  let big = '';
  while (big.length < MB) big += draftOf(s10k, 500, r) + '\n\n';
  const bigAn = analyze(big, { markdown: true });
  const m10k = time(() => matchClaims(build10k.value, { text: big, analysis: bigAn }));

  // Extra latency on diagnostics: checkSource on 1 MB of seed text with the seed annotations.
  const yamlPath = path.join(ROOT, 'seeds', 'annotations.yaml');
  const seedsAnn = loadAnnotations(yamlPath, fs.readFileSync(yamlPath, 'utf8'));
  const corpus = buildCorpus(MB);
  const cAn = analyze(corpus);
  const src = { path: path.join(ROOT, 'seeds', 'bench-draft.md'), text: corpus, analysis: cAn };
  const idx = buildClaimIndex([seedsAnn]);
  const checkMs: number[] = [];
  const matchMs: number[] = [];
  let cMatches = 0;
  checkSource(src, [seedsAnn]); // warm-up (builds the cached index)
  for (let k = 0; k < 3; k++) {
    checkMs.push(time(() => checkSource(src, [seedsAnn])).ms);
    const m = time(() => matchClaims(idx, { text: corpus, analysis: cAn }));
    matchMs.push(m.ms);
    cMatches = m.value.length;
  }
  return {
    claims1k: { buildMs: build1k.ms, matchMs: runs, sentences: an.value.sentences.length, matches, analyzeMs: an.ms },
    baseline,
    claims10k: { buildMs: build10k.ms, matchMs: m10k.ms, bytes: Buffer.byteLength(big), sentences: bigAn.sentences.length, matches: m10k.value.length },
    diagnostics1MB: { bytes: Buffer.byteLength(corpus), checkMs, matchMs, claims: idx.claims.length, matches: cMatches },
  };
}

export function median3(xs: number[]): number {
  return median(xs);
}
