// Corroboration: how many other sources report the fact a sentence states. One function
// (`corroborate`) so the scorer can be switched to the claim-matching scorer when it lands; for
// now the score is an IDF-weighted cosine over content terms (stems), numbers included.
import type { Corroboration, IndexedDocument } from './types';

/** Score at or above which two sentences are taken to report the same fact (chosen on the seeds:
 *  paraphrases of one fact score 0.3-0.7, sentences merely about the same people mostly below 0.3). */
export const CORROBORATION_MIN_SCORE = 0.3;
/** Terms in more than this share of all sentences carry no evidence and are not looked up. */
const MAX_DF_SHARE = 0.25;
/** Candidate lookup: at least this many of the rarest terms, then more until this many postings. */
const MIN_LOOKUP_TERMS = 3;
const LOOKUP_BUDGET = 600;
/** Passages returned per corroborated sentence (the count covers all of them). */
export const MAX_MATCHES = 10;

export interface SentenceIndex {
  docs: IndexedDocument[];
  /** term -> postings (doc, sentence index). */
  postings: Map<string, Array<[number, number]>>;
  idf: Map<string, number>;
  /** Per doc, per sentence: the sum of squared idf of its terms. */
  norms: number[][];
  totalSentences: number;
  /** Per doc, per sentence: its terms (content stems + entity-group terms "E:..."). */
  termsOf: string[][][];
  /** Global number of each document's first sentence. */
  offsets: number[];
}

export function buildSentenceIndex(docs: IndexedDocument[], groupOf: Map<string, string>): SentenceIndex {
  const postings = new Map<string, Array<[number, number]>>();
  let total = 0;
  const termsOf: string[][][] = docs.map((d) =>
    d.sentences.map((s) => (s.clusterIds.length ? [...s.terms, ...s.clusterIds.map((c) => 'E:' + (groupOf.get(`${d.index}:${c}`) ?? `${d.index}:${c}`))] : s.terms)),
  );
  for (const d of docs)
    d.sentences.forEach((s, i) => {
      total++;
      for (const t of termsOf[d.index][i]) {
        const l = postings.get(t);
        if (l) l.push([d.index, i]);
        else postings.set(t, [[d.index, i]]);
      }
    });
  const idf = new Map<string, number>();
  for (const [t, l] of postings) idf.set(t, Math.log(1 + total / l.length));
  const norms = termsOf.map((d) => d.map((terms) => terms.reduce((a, t) => a + (idf.get(t) ?? 0) ** 2, 0)));
  const offsets: number[] = [];
  let acc = 0;
  for (const d of docs) {
    offsets.push(acc);
    acc += d.sentences.length;
  }
  return { docs, postings, idf, norms, totalSentences: total, termsOf, offsets };
}

/**
 * How many sources report the fact of the sentence of `doc` that covers [start, end): the sentence
 * with the best score in each other source, counted when at or above CORROBORATION_MIN_SCORE.
 */
export function corroborate(index: SentenceIndex, doc: number, start: number, end: number, minScore = CORROBORATION_MIN_SCORE): Corroboration | null {
  const d = index.docs[doc];
  if (!d) return null;
  const si = sentenceAt(d.sentences, start, end);
  if (si < 0) return null;
  const maxDf = Math.max(3, index.totalSentences * MAX_DF_SHARE);
  // Candidates: the sentences sharing one of the query's rarest terms (a paraphrase of the same fact
  // shares its names and figures); then the exact cosine over all terms for each candidate.
  const weights = new Map<string, number>();
  const rare: Array<{ t: string; n: number }> = [];
  for (const t of index.termsOf[doc][si]) {
    const l = index.postings.get(t);
    if (!l || l.length > maxDf) continue; // too common to be evidence (not in the score either)
    weights.set(t, (index.idf.get(t) ?? 0) ** 2);
    rare.push({ t, n: l.length });
  }
  rare.sort((a, b) => a.n - b.n);
  const seen = scratch(index);
  const touched: number[] = [];
  let budget = 0;
  for (let r = 0; r < rare.length && (r < MIN_LOOKUP_TERMS || budget < LOOKUP_BUDGET); r++) {
    const l = index.postings.get(rare[r].t)!;
    budget += l.length;
    for (let k = 0; k < l.length; k++) {
      const [od, os] = l[k];
      if (od === doc) continue;
      const g = index.offsets[od] + os;
      if (seen[g] === 0) {
        seen[g] = 1;
        touched.push(g);
      }
    }
  }
  const norm = index.norms[doc][si];
  const best = new Map<number, { score: number; sent: number }>();
  for (const g of touched) {
    seen[g] = 0;
    const od = docOfGlobal(index, g);
    const os = g - index.offsets[od];
    let dot = 0;
    for (const t of index.termsOf[od][os]) dot += weights.get(t) ?? 0;
    const score = dot / Math.sqrt(norm * index.norms[od][os] || 1);
    const b = best.get(od);
    if (!b || score > b.score) best.set(od, { score, sent: os });
  }
  // Every source at or above the score counts; the best MAX_MATCHES are returned as passages.
  const hits: Array<{ od: number; score: number; sent: number }> = [];
  for (const [od, b] of best) if (b.score >= minScore) hits.push({ od, score: b.score, sent: b.sent });
  hits.sort((a, b) => b.score - a.score || a.od - b.od);
  const matches: Corroboration['matches'] = hits.slice(0, MAX_MATCHES).map((h) => {
    const o = index.docs[h.od];
    const sent = o.sentences[h.sent];
    return { path: o.path, start: sent.start, end: sent.end, text: o.text.slice(sent.start, sent.end).trim(), score: Math.round(h.score * 1000) / 1000 };
  });
  return { count: hits.length + 1, total: index.docs.length, matches };
}

function sentenceAt(list: Array<{ start: number; end: number }>, start: number, end: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].end <= start) lo = mid + 1;
    else if (list[mid].start >= end) hi = mid - 1;
    else {
      let k = mid;
      while (k > 0 && list[k - 1].end > start && list[k - 1].start < end) k--;
      return k;
    }
  }
  return -1;
}

const SCRATCH = new WeakMap<SentenceIndex, Float64Array>();
function scratch(index: SentenceIndex): Float64Array {
  let a = SCRATCH.get(index);
  if (!a) SCRATCH.set(index, (a = new Float64Array(index.totalSentences)));
  return a;
}

function docOfGlobal(index: SentenceIndex, g: number): number {
  const o = index.offsets;
  let lo = 0;
  let hi = o.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (o[mid] <= g) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
