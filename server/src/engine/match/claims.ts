// Claim matching: which sentences of a document make a claim recorded in the annotations, verbatim
// or paraphrased. Pure TypeScript, no IO.
//
//  1. Index (once per annotations version): every claim becomes a profile — content terms (stop
//     words dropped, multi-word expressions folded, synonyms folded, Porter2 stems), entity keys
//     (annotations' entities and aliases, countries and demonyms), numbers and durations as value +
//     unit, dates as partial calendar dates (weekdays and "last year" resolved with the source's
//     publication date), negation and hypothetical cues — and an inverted index term → claims.
//  2. Retrieval: each sentence's terms look up their postings (BM25 weights, very common terms
//     skipped) and keep the few claims that reach a share of their own BM25 score.
//  3. Scoring: a candidate must agree on the slots that make the claim — every named entity
//     (one may be missing from a claim that names four or more), every figure (a different figure
//     of the same kind is a contradiction), no contradicting date, the same polarity near the
//     matched words, no question or hypothetical frame the claim does not have, no antonym of a
//     claim word — and cover enough of the claim's content words. Below the minimum score: no
//     match; two claims competing for the same words within the margin: ambiguous, never a guess.
import { analyze } from '../analyze';
import type { AnnotationsModel, LoadedAnnotations, RatingClass } from '../annotations/api';
import type { Analysis, Span } from '../types';
import { countryKeyOf, EntityTable, findEntities, mentionsOf, sameName, type EntityRef } from './entities';
import {
  antonymsOf,
  isStopword,
  termOf,
  comparableDates,
  compatibleDates,
  contentTerms,
  cues,
  isQuestion,
  parseDates,
  parseNumbers,
  parsePublished,
  sameNumber,
  stripDiacritics,
  words,
  type Cues,
  type DateValue,
  type NumberValue,
  type Published,
  type Term,
  type Word,
} from './text';

export const MATCH_DEFAULTS = {
  /** Minimum score (0..1) of a paraphrase match. */
  minScore: 0.75,
  /** Minimum weighted share of the claim's content words found in the sentence. */
  minCoverage: 0.6,
  /** A competing claim within this margin of the best makes the match ambiguous. */
  margin: 0.05,
  /** Retrieval: a claim is scored when the sentence reaches this share of its own BM25 score. */
  minRetrieval: 0.3,
  /** Retrieval: at most this many claims scored per sentence. */
  maxCandidates: 12,
};

export interface Profile {
  terms: Term[];
  termSet: Set<string>;
  entities: EntityRef[];
  numbers: NumberValue[];
  dates: DateValue[];
  cues: Cues;
  question: boolean;
}

interface IndexedClaim {
  annotations: string;
  claimId: string;
  text: string;
  norm: string;
  ratingClass?: RatingClass;
  profile: Profile;
  /** Retrieval keys (content terms and entity keys), unique. */
  keys: string[];
  selfScore: number;
}

export interface ClaimIndex {
  claims: IndexedClaim[];
  postings: Map<string, number[]>;
  idf: Map<string, number>;
  avgLen: number;
  table: EntityTable;
  /** Keys present in more than this many claims are too common to retrieve by. */
  maxDf: number;
  /** Any word of a claim's entity name → the entity keys (for the cheap pre-check). */
  nameKeys: Map<string, string[]>;
}

export interface MatchWhy {
  entities: string[];
  numbers: string[];
  dates: string[];
  words: string[];
  missing: string[];
}

export interface ClaimMatch extends Span {
  annotations: string;
  claimId: string;
  match: 'exact' | 'paraphrase';
  score: number;
  why: MatchWhy;
  /** Other claims as close as this one (then the match is ambiguous and not applied). */
  ambiguous?: Array<{ annotations: string; claimId: string; score: number }>;
}

export interface RejectReason {
  claimId: string;
  reason: string;
}

const K1 = 1.2;
const B = 0.75;

export function normForExact(s: string): string {
  return stripDiacritics(s.normalize('NFC'))
    .replace(/[\u2018\u2019\u02BC`]/g, "'")
    .replace(/[\u201C\u201D\u00AB\u00BB]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[\s,;:.!?"']+$/, '')
    .replace(/^[\s"']+/, '');
}

function buildProfile(ws: Word[], from: number, to: number, text: string, table: EntityTable, mentions: ReturnType<typeof mentionsOf>, pub: Published | undefined): Profile {
  const used = new Set<number>();
  const dates = parseDates(ws, from, to, pub, used);
  const numbers = parseNumbers(ws, from, to, used);
  for (const n of numbers) for (let k = n.qi; k <= n.j; k++) used.add(k);
  const entities = findEntities(ws, from, to, table, mentions);
  for (const e of entities) for (let k = e.i; k <= e.j; k++) used.add(k);
  const terms = contentTerms(ws, from, to, (i) => used.has(i));
  return { terms, termSet: new Set(terms.map((t) => t.t)), entities, numbers, dates, cues: cues(ws, from, to), question: isQuestion(text) };
}

const PROFILE_CACHE = new Map<string, { profile: Profile; ws: Word[] }>();

/** Build the claim index of the annotations in scope. */
export function buildClaimIndex(anns: LoadedAnnotations[]): ClaimIndex {
  const table = new EntityTable(anns);
  const claims: IndexedClaim[] = [];
  const mentionsByText = batchMentions(anns, table);
  for (const ann of anns) {
    const model = ann.model as AnnotationsModel | null;
    if (!model) continue;
    const published = new Map(model.sources.map((s) => [s.id, s.published]));
    for (const c of model.claims) {
      if (!c.id || !c.text || !c.text.trim()) continue;
      const pubStr = c.source ? published.get(c.source) : undefined;
      const pub = parsePublished(pubStr);
      // The profile depends on the text, the entity table and the publication date.
      const cacheKey = `${pubStr ?? ''}\u0000${c.text}`;
      let cached = PROFILE_CACHE.get(cacheKey);
      if (!cached || (cached as { table?: EntityTable }).table !== table) {
        const ws = words(c.text);
        const profile = buildProfile(ws, 0, ws.length, c.text, table, mentionsByText.get(c.text) ?? [], pub);
        cached = { profile, ws };
        (cached as { table?: EntityTable }).table = table;
        if (PROFILE_CACHE.size > 50000) PROFILE_CACHE.clear();
        PROFILE_CACHE.set(cacheKey, cached);
      }
      const profile = cached.profile;
      const keys = [...new Set([...profile.termSet, ...profile.entities.map((e) => e.key)])];
      const rating = c.verdict ? model.scale.find((s) => s.id === c.verdict) : undefined;
      claims.push({ annotations: ann.path, claimId: c.id, text: c.text, norm: normForExact(c.text), ratingClass: rating?.class, profile, keys, selfScore: 0 });
    }
  }
  const postings = new Map<string, number[]>();
  claims.forEach((c, idx) => {
    for (const k of c.keys) {
      let p = postings.get(k);
      if (!p) postings.set(k, (p = []));
      p.push(idx);
    }
  });
  const n = claims.length;
  const idf = new Map<string, number>();
  for (const [k, p] of postings) idf.set(k, Math.log(1 + (n - p.length + 0.5) / (p.length + 0.5)));
  const avgLen = n ? claims.reduce((s, c) => s + c.keys.length, 0) / n : 1;
  for (const c of claims) {
    const norm = K1 * (1 - B + (B * c.keys.length) / avgLen);
    c.selfScore = c.keys.reduce((s, k) => s + ((idf.get(k) ?? 0) * (K1 + 1)) / (1 + norm), 0);
  }
  const nameKeys = new Map<string, string[]>();
  for (const c of claims)
    for (const e of c.profile.entities)
      for (const t of e.tokens) {
        const l = nameKeys.get(t) ?? [];
        if (!l.includes(e.key)) l.push(e.key);
        nameKeys.set(t, l);
      }
  return { claims, postings, idf, avgLen, table, maxDf: Math.max(50, Math.ceil(n * 0.05)), nameKeys };
}

/** Named-entity mentions of every claim text not yet profiled, from one analysis per batch of
 *  claims (one paragraph each): one analyze() call per claim costs far more than the text. Each
 *  mention keeps its own wording (no coreference across claims). */
function batchMentions(anns: LoadedAnnotations[], table: EntityTable): Map<string, ReturnType<typeof mentionsOf>> {
  const out = new Map<string, ReturnType<typeof mentionsOf>>();
  const todo: string[] = [];
  for (const ann of anns) {
    const published = new Map((ann.model?.sources ?? []).map((s) => [s.id, s.published]));
    for (const c of ann.model?.claims ?? []) {
      if (!c.text || !c.text.trim() || out.has(c.text)) continue;
      const cached = PROFILE_CACHE.get(`${(c.source ? published.get(c.source) : undefined) ?? ''}\u0000${c.text}`);
      if (cached && (cached as { table?: EntityTable }).table === table) continue;
      out.set(c.text, []);
      todo.push(c.text);
    }
  }
  const BATCH = 200;
  for (let b = 0; b < todo.length; b += BATCH) {
    const texts = todo.slice(b, b + BATCH).map((t) => t.replace(/\n/g, ' '));
    const starts: number[] = [];
    let joined = '';
    for (const t of texts) {
      starts.push(joined.length);
      joined += t + '\n\n';
    }
    const a = analyze(joined);
    let k = 0;
    for (const m of mentionsOf(a)) {
      while (k + 1 < starts.length && starts[k + 1] <= m.start) k++;
      const base = starts[k];
      if (m.end > base + texts[k].length) continue;
      out.get(todo[b + k])!.push({ start: m.start - base, end: m.end - base, text: m.text, type: m.type });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scoring one candidate

interface Scored {
  score: number;
  why: MatchWhy;
  /** Sentence word indices the match used (to tell competing claims from two claims in one sentence). */
  used: Set<number>;
}

function entityPresent(e: EntityRef, s: EntityRef[]): EntityRef | undefined {
  return s.find((x) => x.key === e.key || sameName(e, x));
}

/** Score claim `c` against the sentence profile, or the reason it does not match. */
export function scoreCandidate(c: IndexedClaim, s: Profile, ws: Word[], range: { from: number; to: number }, opts = MATCH_DEFAULTS): Scored | { reject: string } {
  const cp = c.profile;
  if (s.question && !cp.question) return { reject: 'question' };
  const used = new Set<number>();
  const why: MatchWhy = { entities: [], numbers: [], dates: [], words: [], missing: [] };
  // Entities
  const hard = cp.entities.filter((e) => !e.soft);
  const seenKeys = new Set<string>();
  let missingEnt = 0;
  let hardTotal = 0;
  let hardFound = 0;
  for (const e of hard) {
    if (seenKeys.has(e.key)) continue;
    seenKeys.add(e.key);
    hardTotal++;
    const x = entityPresent(e, s.entities);
    if (x) {
      hardFound++;
      why.entities.push(e.label);
      for (let k = x.i; k <= x.j; k++) used.add(k);
    } else {
      missingEnt++;
      why.missing.push(e.label);
    }
  }
  if (missingEnt > (hardTotal >= 4 ? 1 : 0)) return { reject: `entity missing: ${why.missing.join(', ')}` };
  for (const e of cp.entities.filter((x) => x.soft)) {
    const x = entityPresent(e, s.entities);
    if (x) for (let k = x.i; k <= x.j; k++) used.add(k);
  }
  // Numbers: every figure of the claim, the same value and unit.
  for (const n of cp.numbers) {
    const x = s.numbers.find((m) => sameNumber(n, m));
    if (!x) {
      const other = s.numbers.find((m) => m.unit === n.unit);
      return { reject: other ? `figure differs: ${other.text} / ${n.text}` : `figure missing: ${n.text}` };
    }
    why.numbers.push(x.text);
    for (let k = x.i; k <= x.j; k++) used.add(k);
  }
  // Dates: none may contradict.
  let datesFound = 0;
  for (const d of cp.dates) {
    const x = s.dates.find((m) => compatibleDates(d, m));
    if (x) {
      datesFound++;
      why.dates.push(x.text);
      for (let k = x.i; k <= x.j; k++) used.add(k);
      continue;
    }
    const other = s.dates.find((m) => comparableDates(d, m));
    if (other) return { reject: `date differs: ${other.text} / ${d.text}` };
    why.missing.push(d.text);
  }
  // Content words.
  const claimTerms = [...cp.termSet];
  let total = 0;
  let found = 0;
  const sPos = new Map<string, Term>();
  for (const t of s.terms) if (!sPos.has(t.t)) sPos.set(t.t, t);
  for (const t of claimTerms) {
    const w = 1;
    total += w;
    const x = sPos.get(t);
    if (x) {
      found += w;
      for (let k = x.i; k <= x.j; k++) used.add(k);
      why.words.push(cp.terms.find((y) => y.t === t)?.s ?? t);
    } else {
      const anti = antonymsOf(t);
      if (anti) for (const a of anti) if (s.termSet.has(a) && !cp.termSet.has(a)) return { reject: `antonym: ${a} / ${t}` };
      why.missing.push(cp.terms.find((y) => y.t === t)?.s ?? t);
    }
  }
  const sub = substitution(cp, s, sPos);
  if (sub) return { reject: `substitution: ${sub}` };
  const coverage = total ? found / total : 1;
  // Short claims: every content word, or all but one when two other slots (names, figures, dates) agree.
  const slotsFound = hardFound + cp.numbers.length + datesFound;
  if (claimTerms.length <= 3 && found < total - (slotsFound >= 2 && total >= 2 ? 1 : 0)) return { reject: `content words missing (${found}/${total})` };
  if (claimTerms.length > 3 && coverage < opts.minCoverage) return { reject: `coverage ${coverage.toFixed(2)}` };
  // Polarity and frames near the matched words.
  if (used.size) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of used) {
      if (k < lo) lo = k;
      if (k > hi) hi = k;
    }
    const near = cues(ws, Math.max(range.from, lo - 4), Math.min(range.to, hi + 2));
    if (near.negation > 0 !== cp.cues.negation > 0) return { reject: `polarity (${near.cueWords.join(', ') || 'claim negated'})` };
    const hypo = cues(ws, Math.max(range.from, lo - 8), Math.min(range.to, hi + 2)).hypothetical;
    if (hypo && !cp.cues.hypothetical) return { reject: `hypothetical (${near.cueWords.join(', ')})` };
  }
  const entCov = hardTotal ? hardFound / hardTotal : 1;
  const slots = cp.numbers.length + cp.dates.length;
  const slotCov = slots ? (cp.numbers.length + datesFound) / slots : 1;
  const score = 0.5 * coverage + 0.3 * entCov + 0.2 * slotCov;
  if (score < opts.minScore) return { reject: `score ${score.toFixed(2)}` };
  return { score: Math.round(score * 1000) / 1000, why, used };
}

// ---------------------------------------------------------------------------------------------
// Matching a document

export interface MatchInput {
  text: string;
  analysis: Analysis;
  /** Publication date of the document (YYYY-MM-DD) when known: resolves its weekdays. */
  published?: string;
  /** Claims already placed in this document by anchoring: (annotations path, claim id) → spans. */
  anchored?: Array<{ annotations: string; claimId: string; start: number; end: number }>;
  /** Collect why candidates were rejected (for the evaluation scorer). */
  explain?: RejectReason[][];
  /** Claims dismissed for a sentence ("Not this claim"): never matched there. */
  exclude?: (annotations: string, claimId: string, sentence: string) => boolean;
}

function lowerBound(ws: Word[], offset: number): number {
  let lo = 0;
  let hi = ws.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ws[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Trim whitespace from a span. */
function trimSpan(text: string, s: number, e: number): Span {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

/** Every sentence of the document that makes a claim of the index. */
export function matchClaims(index: ClaimIndex, input: MatchInput, opts = MATCH_DEFAULTS): ClaimMatch[] {
  const out: ClaimMatch[] = [];
  if (!index.claims.length) return out;
  const { text, analysis } = input;
  const ws = words(text);
  const pub = parsePublished(input.published);
  const mentions = mentionsOf(analysis);
  // Quote speakers count as named in their sentence ("the Syrian leader said: ...").
  for (const q of analysis.quotes) {
    if (!q.speaker || !q.speakerMention) continue;
    mentions.push({ start: q.speakerMention.start, end: q.speakerMention.end, text: q.speaker, type: 'person', canonical: q.speaker });
  }
  mentions.sort((a, b) => a.start - b.start);
  const anchored = input.anchored ?? [];
  const sentences = analysis.sentences;
  const acc = new Float64Array(index.claims.length);
  const touched: number[] = [];
  let mi = 0;
  for (let si = 0; si < sentences.length; si++) {
    const sent = sentences[si];
    const span = trimSpan(text, sent.start, sent.end);
    if (span.end - span.start < 12) continue;
    const from = lowerBound(ws, span.start);
    let to = from;
    while (to < ws.length && ws[to].start < span.end) to++;
    if (to - from < 3 || to - from > 400) continue;
    while (mi < mentions.length && mentions[mi].end <= span.start) mi++;
    let mj = mi;
    while (mj < mentions.length && mentions[mj].start < span.end) mj++;
    // Cheap pre-retrieval on the words alone (terms, and known names by their first word): most
    // sentences of a long document share too little with any claim to be worth a full profile.
    if (!mayRetrieve(index, ws, from, to, acc, touched, opts)) continue;
    const sText = text.slice(span.start, span.end);
    const sp = buildProfile(ws, from, to, sText, index.table, mentions.slice(mi, mj), pub);
    // Retrieval
    const keys = new Set<string>([...sp.termSet, ...sp.entities.map((e) => e.key)]);
    for (const k of keys) {
      const p = index.postings.get(k);
      if (!p || p.length > index.maxDf) continue;
      const idf = index.idf.get(k) ?? 0;
      for (const ci of p) {
        if (acc[ci] === 0) touched.push(ci);
        const c = index.claims[ci];
        acc[ci] += (idf * (K1 + 1)) / (1 + K1 * (1 - B + (B * c.keys.length) / index.avgLen));
      }
    }
    let cands = touched.filter((ci) => acc[ci] >= opts.minRetrieval * index.claims[ci].selfScore);
    cands.sort((a, b) => acc[b] / index.claims[b].selfScore - acc[a] / index.claims[a].selfScore);
    cands = cands.slice(0, opts.maxCandidates);
    for (const ci of touched) acc[ci] = 0;
    touched.length = 0;
    if (!cands.length) continue;
    const sNorm = normForExact(sText);
    const nextText = si + 1 < sentences.length ? text.slice(span.start, sentences[si + 1].end) : sText;
    const results: Array<{ ci: number; exact: boolean; scored?: Scored; end: number }> = [];
    const reasons: RejectReason[] = [];
    for (const ci of cands) {
      const c = index.claims[ci];
      if (anchored.some((a) => a.claimId === c.claimId && a.annotations === c.annotations && a.start < span.end && a.end > span.start)) continue;
      if (input.exclude?.(c.annotations, c.claimId, sText)) continue;
      let exactEnd = -1;
      if (c.norm.length >= 12 && sNorm.includes(c.norm)) exactEnd = span.end;
      else if (c.norm.length > sNorm.length && si + 1 < sentences.length && normForExact(nextText).includes(c.norm)) exactEnd = trimSpan(text, span.start, sentences[si + 1].end).end;
      if (exactEnd >= 0) {
        // A verbatim copy inside a denial, question or hypothetical is not the claim made.
        const r = exactFrame(c, ws, from, to, sText);
        if (r) {
          reasons.push({ claimId: c.claimId, reason: r });
          continue;
        }
        results.push({ ci, exact: true, end: exactEnd });
        continue;
      }
      const r = scoreCandidate(c, sp, ws, { from, to }, opts);
      if ('reject' in r) reasons.push({ claimId: c.claimId, reason: r.reject });
      else results.push({ ci, exact: false, scored: r, end: span.end });
    }
    if (input.explain) input.explain[si] = reasons;
    if (!results.length) continue;
    const exact = results.filter((r) => r.exact);
    if (exact.length) {
      for (const r of exact) {
        const c = index.claims[r.ci];
        out.push({ annotations: c.annotations, claimId: c.claimId, start: span.start, end: r.end, match: 'exact', score: 1, why: exactWhy(c) });
      }
      continue;
    }
    results.sort((a, b) => (b.scored as Scored).score - (a.scored as Scored).score);
    const taken: Array<{ r: (typeof results)[number]; rivals: typeof results }> = [];
    for (const r of results) {
      const sc = r.scored as Scored;
      // Competes with an already taken match when they use mostly the same words.
      const rival = taken.find((t) => overlap((t.r.scored as Scored).used, sc.used) > 0.5);
      if (rival) {
        if ((rival.r.scored as Scored).score - sc.score <= opts.margin) rival.rivals.push(r);
        continue;
      }
      taken.push({ r, rivals: [] });
    }
    for (const t of taken) {
      const c = index.claims[t.r.ci];
      const sc = t.r.scored as Scored;
      const m: ClaimMatch = { annotations: c.annotations, claimId: c.claimId, start: span.start, end: span.end, match: 'paraphrase', score: sc.score, why: sc.why };
      // Two claims with the same verdict class and wording are not a real ambiguity for the writer,
      // but they still are two claims: report them.
      if (t.rivals.length) m.ambiguous = t.rivals.map((r) => ({ annotations: index.claims[r.ci].annotations, claimId: index.claims[r.ci].claimId, score: (r.scored as Scored).score }));
      out.push(m);
    }
  }
  return out;
}

/**
 * A claim word replaced in place by another word: "car exports" for "semiconductor exports", "Deputy
 * Prime Minister" for "Deputy Minister". The missing word's neighbours in the claim (words or names)
 * are both in the sentence, in the same order and close together, with only words the claim does not
 * have between them. Returns "new / old" or null.
 */
function substitution(cp: Profile, s: Profile, sPos: Map<string, Term>): string | null {
  type Span2 = { i: number; j: number };
  // Claim words (can be replaced), and anchors: names, figures, dates.
  type Unit = { i: number; label: string; find: () => Span2 | undefined; word: boolean; figure: boolean };
  const units: Unit[] = [];
  for (const t of cp.terms) units.push({ i: t.i, label: t.s, find: () => sPos.get(t.t), word: true, figure: false });
  for (const e of cp.entities) units.push({ i: e.i, label: e.label, find: () => entityPresent(e, s.entities), word: false, figure: false });
  for (const n of cp.numbers) units.push({ i: n.qi, label: n.text, find: () => s.numbers.find((m) => sameNumber(n, m)), word: false, figure: true });
  for (const d of cp.dates) units.push({ i: d.i, label: d.text, find: () => s.dates.find((m) => compatibleDates(d, m)), word: false, figure: true });
  units.sort((a, b) => a.i - b.i);
  const at = units.map((u) => u.find());
  for (let k = 0; k + 1 < units.length; k++) {
    if (at[k] || !units[k].word) continue;
    // The word the missing one modifies or names (next in the claim) must be there, and not a figure
    // ("dumped 180 mm" for "dropped 180 mm" is a verb the lexicon lacks, not another subject).
    const r = at[k + 1];
    if (!r || units[k + 1].figure) continue;
    // ... and so must the one before it, in the same order: the new word stands in its place.
    const l = k > 0 ? at[k - 1] : undefined;
    if (!l || l.j >= r.i) continue;
    const lo = l.j;
    if (r.i - lo > 6) continue;
    const between = s.terms.filter((t) => t.i > lo && t.j < r.i);
    if (between.length && between.every((t) => !cp.termSet.has(t.t))) return `${between.map((t) => t.s).join(' ')} / ${units[k].label}`;
  }
  return null;
}

/** An upper bound of the retrieval score from the sentence's words: false when no claim can reach
 *  the retrieval threshold (then the sentence is skipped). Leaves `acc` zeroed. */
function mayRetrieve(index: ClaimIndex, ws: Word[], from: number, to: number, acc: Float64Array, touched: number[], opts: typeof MATCH_DEFAULTS): boolean {
  const seen = new Set<string>();
  const add = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    const p = index.postings.get(k);
    if (!p || p.length > index.maxDf) return;
    const idf = index.idf.get(k) ?? 0;
    for (const ci of p) {
      if (acc[ci] === 0) touched.push(ci);
      acc[ci] += idf * (K1 + 1);
    }
  };
  for (let i = from; i < to; i++) {
    const w = ws[i].w;
    if (isStopword(w)) continue;
    add(termOf(w));
    if (ws[i].cap) {
      for (const k of index.nameKeys.get(w) ?? []) add(k);
      const c = countryKeyOf(w);
      if (c) add(c);
    }
  }
  let any = false;
  for (const ci of touched) {
    // an upper bound: BM25 length normalisation only lowers a claim's score relative to this
    if (!any && acc[ci] >= opts.minRetrieval * index.claims[ci].selfScore * 0.5) any = true;
    acc[ci] = 0;
  }
  touched.length = 0;
  return any;
}

function overlap(a: Set<number>, b: Set<number>): number {
  if (!a.size || !b.size) return 0;
  let n = 0;
  for (const x of b) if (a.has(x)) n++;
  return n / Math.min(a.size, b.size);
}

function exactWhy(c: IndexedClaim): MatchWhy {
  const p = c.profile;
  return {
    entities: [...new Set(p.entities.filter((e) => !e.soft).map((e) => e.label))],
    numbers: p.numbers.map((n) => n.text),
    dates: p.dates.map((d) => d.text),
    words: [...new Set(p.terms.map((t) => t.s))],
    missing: [],
  };
}

/** A verbatim copy framed as a question, a denial or a hypothesis the claim does not make. */
function exactFrame(c: IndexedClaim, ws: Word[], from: number, to: number, sText: string): string | null {
  if (isQuestion(sText) && !c.profile.question) return 'verbatim copy in a question';
  const cw = words(c.text).length;
  // The words of the sentence around the copy: find the copy's word range by the first word.
  const first = words(c.text)[0]?.w;
  let at = -1;
  for (let i = from; i < to; i++) if (ws[i].w === first) {
    at = i;
    break;
  }
  if (at < 0) return null;
  const before = cues(ws, Math.max(from, at - 6), at);
  const inside = cues(ws, at, Math.min(to, at + cw));
  if (before.negation > 0 && inside.negation === c.profile.cues.negation) return `verbatim copy in a denial (${before.cueWords.join(', ')})`;
  if (before.hypothetical && !c.profile.cues.hypothetical) return `verbatim copy in a hypothetical (${before.cueWords.join(', ')})`;
  return null;
}
