// Anchoring: locate an annotation's text (exact wording + optional prefix/suffix context + position
// hint) in a source text. Pure TypeScript.
//
// Strategy (in the spirit of Hypothesis's anchoring, with the two safeguards it lacks):
//  1. exact occurrences via indexOf; when there are several, they compete on context
//     (prefix, suffix, position);
//  2. if there is no exact occurrence, or the exact occurrences' context looks wrong (the sentence
//     was edited and its wording survives elsewhere), approximate matching with approx-string-match
//     (Myers' bit-parallel edit distance), first in a window around the position hint, then in the
//     whole text;
//  3. every candidate gets a weighted score (quote 50, prefix 20, suffix 20, position 2, normalised
//     by the weights that apply); the best must reach a MINIMUM SCORE, and a runner-up at a different
//     place within the AMBIGUITY MARGIN makes the result 'ambiguous' instead of a guess — unless
//     the tie is between identical exact copies and exactly one still starts at the recorded position.
import search from 'approx-string-match';

export interface AnchorSelector {
  /** The annotated wording as it appeared. */
  exact: string;
  /** Text just before the wording (any length; the last ~32 characters matter). */
  prefix?: string;
  /** Text just after the wording. */
  suffix?: string;
  /** Last known start offset (hint). */
  position?: number;
}

export interface AnchorOptions {
  /** Minimum combined score (0..1) for a match. Default 0.75. */
  minScore?: number;
  /** A runner-up at another place whose score is within this margin of the best makes the result
   *  ambiguous. Default 0.05. */
  margin?: number;
  /** Maximum edit distance for fuzzy matching. Default min(32, floor(exact.length / 4)). */
  maxErrors?: number;
  /** Characters searched either side of the position hint before searching the whole text.
   *  Default max(2000, 4 × exact.length). */
  window?: number;
  /** Disable fuzzy matching (exact occurrences only). */
  fuzzy?: boolean;
}

export interface AnchorCandidate {
  start: number;
  end: number;
  score: number;
}

export type AnchorStatus = 'exact' | 'fuzzy' | 'orphan' | 'ambiguous';

export interface AnchorResult {
  status: AnchorStatus;
  /** Present when status is 'exact' or 'fuzzy'. */
  start?: number;
  end?: number;
  /** Combined score of the chosen (or best) candidate, 0 for orphans. */
  score: number;
  /** Best candidates, best first (at most 5). For 'ambiguous', the competing places. */
  candidates: AnchorCandidate[];
}

const W_QUOTE = 50;
const W_PREFIX = 20;
const W_SUFFIX = 20;
const W_POS = 2;
/** Context length compared on each side. */
const CONTEXT = 32;
/** Maximum number of exact occurrences scored. */
const MAX_EXACT = 500;

interface Scored extends AnchorCandidate {
  quote: number;
  context: number; // average context similarity of the sides given (1 when none given)
  exact: boolean;
}

/** Similarity (0..1) of `pattern` with the best approximate occurrence of it in `text`. */
function textMatchScore(text: string, pattern: string): number {
  if (pattern.length === 0) return 1;
  if (text.length === 0) return 0;
  if (text === pattern || text.endsWith(pattern) || text.startsWith(pattern)) return 1;
  const matches = search(text, pattern, pattern.length);
  if (matches.length === 0) return 0;
  return Math.max(0, 1 - matches[0].errors / pattern.length);
}

class Scorer {
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly hasPos: boolean;
  private readonly total: number;

  constructor(
    private readonly text: string,
    private readonly sel: AnchorSelector,
  ) {
    this.prefix = (sel.prefix ?? '').slice(-CONTEXT);
    this.suffix = (sel.suffix ?? '').slice(0, CONTEXT);
    this.hasPos = typeof sel.position === 'number' && Number.isFinite(sel.position);
    this.total = W_QUOTE + (this.prefix ? W_PREFIX : 0) + (this.suffix ? W_SUFFIX : 0) + (this.hasPos ? W_POS : 0);
  }

  score(start: number, end: number, errors: number): Scored {
    const { text, prefix, suffix } = this;
    const quote = Math.max(0, 1 - errors / Math.max(1, this.sel.exact.length));
    let sum = W_QUOTE * quote;
    let ctx = 0;
    let sides = 0;
    if (prefix) {
      // Allow a little slack so that a changed space or punctuation mark does not shift the window.
      const before = text.slice(Math.max(0, start - prefix.length - 2), start);
      const p = textMatchScore(before, prefix);
      sum += W_PREFIX * p;
      ctx += p;
      sides++;
    }
    if (suffix) {
      const after = text.slice(end, end + suffix.length + 2);
      const s = textMatchScore(after, suffix);
      sum += W_SUFFIX * s;
      ctx += s;
      sides++;
    }
    if (this.hasPos) {
      const d = Math.abs(start - (this.sel.position as number));
      sum += W_POS * (1 - Math.min(1, d / Math.max(1, text.length)));
    }
    return { start, end, score: sum / this.total, quote, context: sides ? ctx / sides : 1, exact: errors === 0 };
  }
}

function overlaps(a: AnchorCandidate, b: AnchorCandidate): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Sort best first, and keep only the best candidate of each group of overlapping ones. */
function rank(cands: Scored[]): Scored[] {
  const sorted = cands.slice().sort((a, b) => b.score - a.score || a.start - b.start || a.end - b.end);
  const kept: Scored[] = [];
  for (const c of sorted) if (!kept.some((k) => overlaps(k, c))) kept.push(c);
  return kept;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function publicCands(list: Scored[]): AnchorCandidate[] {
  return list.slice(0, 5).map((c) => ({ start: c.start, end: c.end, score: round(c.score) }));
}

/** Approximate matches of `pattern` in text[from, to): the best ones, plus the best on each side of
 *  them (so that a near-duplicate with a few more errors is still seen as a competitor). */
function fuzzyMatches(text: string, pattern: string, maxErrors: number, from: number, to: number): Array<{ start: number; end: number; errors: number }> {
  const slice = text.slice(from, to);
  const best = search(slice, pattern, maxErrors);
  if (best.length === 0) return [];
  const out = best.map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }));
  const first = best[0];
  const last = best[best.length - 1];
  if (first.start > pattern.length / 2) {
    for (const m of search(slice.slice(0, first.start), pattern, maxErrors)) out.push({ start: m.start + from, end: m.end + from, errors: m.errors });
  }
  if (slice.length - last.end > pattern.length / 2) {
    const off = last.end;
    for (const m of search(slice.slice(off), pattern, maxErrors)) out.push({ start: m.start + off + from, end: m.end + off + from, errors: m.errors });
  }
  return out;
}

/**
 * Locate `sel.exact` in `text`. Never throws; an empty selector is an orphan.
 */
export function anchor(text: string, sel: AnchorSelector, opts: AnchorOptions = {}): AnchorResult {
  const exact = sel.exact ?? '';
  const minScore = opts.minScore ?? 0.75;
  const margin = opts.margin ?? 0.05;
  if (!exact || !text) return { status: 'orphan', score: 0, candidates: [] };
  const scorer = new Scorer(text, sel);

  const decide = (cands: Scored[]): AnchorResult => {
    const ranked = rank(cands);
    const best = ranked[0];
    if (!best || best.score < minScore) {
      return { status: 'orphan', score: best ? round(best.score) : 0, candidates: publicCands(ranked) };
    }
    const second = ranked[1];
    if (second && best.score - second.score < margin) {
      // Identical copies tie on text and context. If exactly one of the tied exact copies still
      // starts at the recorded position, the text has not moved: that copy is the annotated one.
      // (A stale position never breaks a tie: then the answer stays 'ambiguous'.)
      const tied = ranked.filter((c) => best.score - c.score < margin);
      const inPlace = typeof sel.position === 'number' ? tied.filter((c) => c.exact && c.start === sel.position) : [];
      if (inPlace.length === 1 && tied.every((c) => c.exact)) {
        const c = inPlace[0];
        return { status: 'exact', start: c.start, end: c.end, score: round(c.score), candidates: publicCands([c, ...tied.filter((t) => t !== c)]) };
      }
      return {
        status: 'ambiguous',
        score: round(best.score),
        candidates: publicCands(ranked.filter((c) => best.score - c.score < margin)),
      };
    }
    return {
      status: best.exact ? 'exact' : 'fuzzy',
      start: best.start,
      end: best.end,
      score: round(best.score),
      candidates: publicCands(ranked),
    };
  };

  // 1. Exact occurrences.
  const exacts: Scored[] = [];
  for (let i = text.indexOf(exact); i >= 0 && exacts.length < MAX_EXACT; i = text.indexOf(exact, i + 1)) {
    exacts.push(scorer.score(i, i + exact.length, 0));
  }
  // Exact occurrences whose context agrees are trusted without fuzzy search.
  const bestExact = exacts.reduce<Scored | undefined>((b, c) => (!b || c.score > b.score ? c : b), undefined);
  if (bestExact && bestExact.context >= 0.5) return decide(exacts);
  if (opts.fuzzy === false) return decide(exacts);

  // 2. Fuzzy matching.
  const maxErrors = Math.max(0, Math.min(opts.maxErrors ?? Math.min(32, Math.floor(exact.length / 4)), exact.length - 1));
  if (maxErrors === 0) return decide(exacts);
  const toScored = (ms: Array<{ start: number; end: number; errors: number }>) => ms.map((m) => scorer.score(m.start, m.end, m.errors));

  if (typeof sel.position === 'number' && Number.isFinite(sel.position)) {
    const win = opts.window ?? Math.max(2000, 4 * exact.length);
    const from = Math.max(0, Math.min(text.length, sel.position) - win);
    const to = Math.min(text.length, sel.position + exact.length + win);
    if (from > 0 || to < text.length) {
      const local = decide([...exacts, ...toScored(fuzzyMatches(text, exact, maxErrors, from, to))]);
      // A confident, unambiguous local match is accepted; anything else is re-checked on the whole text.
      if ((local.status === 'fuzzy' || local.status === 'exact') && local.score >= Math.max(minScore, 0.85)) return local;
    }
  }
  return decide([...exacts, ...toScored(fuzzyMatches(text, exact, maxErrors, 0, text.length))]);
}

/** Build a selector (exact + ~32 chars of context + position) for text[start, end). */
export function describeSpan(text: string, start: number, end: number, context = CONTEXT): Required<AnchorSelector> {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
    position: start,
  };
}
