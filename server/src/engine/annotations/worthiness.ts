// Check-worthiness of a sentence: does it make a factual claim a fact-checker would want to verify?
// Pure TypeScript. A transparent feature model (no training data): each feature found adds evidence
// with a weight, combined as a noisy-OR (1 − Π(1 − w)), then penalties multiply the score down.
// The reasons are shown in the hover ("why does this count as a claim?").
import type { Analysis, Sentence } from '../types';

export interface WorthinessResult {
  /** 0..1 */
  score: number;
  /** Human-readable reasons, strongest first (penalties are listed too, prefixed "but"). */
  reasons: string[];
}

/** Default threshold for FM004 unsupported-claim (CheckOptions.claimThreshold). */
export const DEFAULT_CLAIM_THRESHOLD = 0.55;

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';

// Numbers and quantities (digits, or quantity words that are claims in themselves).
const NUMBER_RE = /(?:[$€£¥]\s?)?\b\d[\d,.]*(?:\s?(?:%|percent|per cent|million|billion|trillion|thousand|hundred))?(?:-(?:year|month|week|day|hour|kilometre|kilometer|mile)s?)?\b|\b(?:hundreds|thousands|millions|billions|tens of thousands|dozens|a dozen|half|two-thirds|a third|a quarter|majority|minority)\b/gi;
const QUANTITY_WORD_RE = /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|a dozen)\s+(?:[a-z]+\s+){0,3}?(?:[a-z]+s)\b/g;
const SMALL_NUMBER_WORD_RE = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|both|single|couple|a couple|once|twice)$/i;
const YEAR_RE = /^(?:1[89]\d\d|20\d\d)s?$/;
const DATE_RE = new RegExp(
  `\\b(?:\\d{4}-\\d{2}-\\d{2}|(?:${MONTHS})\\.?(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s+(?:1[89]|20)\\d\\d)?|\\d{1,2}\\s+(?:${MONTHS})(?:\\s+(?:1[89]|20)\\d\\d)?|(?:in|since|until|by|of)\\s+(?:1[89]|20)\\d\\d|(?:${WEEKDAYS})|last (?:year|month|week)|(?:a|one|two|three|four|five|six|seven|eight|nine|ten) (?:years?|decades?|months?) ago)\\b`,
  'g',
);
const COMPARISON_RE =
  /\b(?:more than|less than|fewer than|at least|as many as|as much as|up to|twice|double[sd]?|tripled?|largest|biggest|highest|lowest|greatest|smallest|worst|best|longest|shortest|deadliest|oldest|newest|fastest|first|only|the most|most of|the least|record|unprecedented|majority)\b/gi;
const CAUSAL_RE =
  /\b(?:because|due to|led to|leads to|lead to|caused|causing|causes|resulted in|resulting in|as a result|therefore|thanks to|in order to|helped (?:to )?turn|turned the tide|responsible for)\b/gi;
const LEGAL_RE =
  /\b(?:war crimes?|crimes? against humanity|genocide|illegal(?:ly)?|unlawful(?:ly)?|lawful|legal(?:ly)?|extradit(?:e|ed|ion)|asylum|sanctions?|treaty|violat(?:e|ed|ion|ions)|accused|alleged(?:ly)?|convicted|charged|indicted|trial|court|terroris[mt]s?|ceasefire|agreements?|killed|casualties|dead|deaths?|wounded|arrested|detained|ousted|toppled|coup|invasion|occupation|annex(?:ed|ation)?)\b/gi;
const SAY_RE =
  /\b(?:said|says|told|added|stated|claimed|announced|confirmed|denied|insisted|noted|stressed|argued|warned|reported|according to|quoted)\b/i;
const HEDGE_RE = /\b(?:expected to|may|might|could|reportedly|is hoping|was hoping|hopes?|likely|plans? to|will)\b/gi;
const BOILERPLATE_RE =
  /\b(?:subscribe|sign up|newsletter|click here|all rights reserved|copyright|follow us|share this|comments about|please fill|read more|bonus video|your inbox|free trial|advertisement|cookie)\b/i;

// Spans sorted by start, with the longest length, for overlap queries by binary search (an analysis
// of a 1 MB text has tens of thousands of entities; sentences must not each scan all of them).
export interface SortedSpans<T extends { start: number; end: number }> {
  items: T[];
  maxLen: number;
}

/** Index spans for `overlapping`. */
export function spanIndex<T extends { start: number; end: number }>(list: T[]): SortedSpans<T> {
  const items = list.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  let maxLen = 0;
  for (const x of items) maxLen = Math.max(maxLen, x.end - x.start);
  return { items, maxLen };
}

/** Items overlapping [sp.start, sp.end), in start order. */
export function overlapping<T extends { start: number; end: number }>(s: SortedSpans<T>, sp: { start: number; end: number }): T[] {
  const from = sp.start - s.maxLen;
  let lo = 0;
  let hi = s.items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.items[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < s.items.length && s.items[i].start < sp.end; i++) if (s.items[i].end > sp.start) out.push(s.items[i]);
  return out;
}

interface AnalysisIndex {
  entities: SortedSpans<Analysis['entities'][number]>;
  quotes: SortedSpans<Analysis['quotes'][number]>;
  zones: SortedSpans<NonNullable<Analysis['zones']>[number]>;
}

const INDEXES = new WeakMap<Analysis, AnalysisIndex>();

function indexOf(a: Analysis): AnalysisIndex {
  let idx = INDEXES.get(a);
  if (!idx || idx.entities.items.length !== a.entities.length || idx.quotes.items.length !== a.quotes.length) {
    idx = { entities: spanIndex(a.entities), quotes: spanIndex(a.quotes), zones: spanIndex(a.zones ?? []) };
    INDEXES.set(a, idx);
  }
  return idx;
}

function uniq(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of list) {
    const k = x.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

function spans(re: RegExp, s: string, base: number): Array<{ start: number; end: number; text: string }> {
  re.lastIndex = 0;
  const out: Array<{ start: number; end: number; text: string }> = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: base + m.index, end: base + m.index + m[0].length, text: m[0].trim() });
  }
  return out;
}

function matches(re: RegExp, s: string): string[] {
  re.lastIndex = 0;
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    out.push(m[0].trim());
    if (m[0].length === 0) re.lastIndex++;
  }
  return uniq(out);
}

function list(xs: string[], max = 3): string {
  const shown = xs.slice(0, max).map((x) => `"${x}"`);
  return shown.join(', ') + (xs.length > max ? ', …' : '');
}

/** Does the sentence look like a headline or label rather than prose? */
function looksLikeHeadline(text: string): boolean {
  const t = text.trim();
  if (/[.!?…"”’)\]:]$/.test(t)) return false;
  return true;
}

/**
 * Score how check-worthy `sentence` is. `analysis` is the analysis of `text` (entities, quotes,
 * zones); the sentence's offsets are into `text`.
 */
export function checkWorthiness(sentence: Sentence, analysis: Analysis, text: string): WorthinessResult {
  const s = sentence.text ?? text.slice(sentence.start, sentence.end);
  const reasons: string[] = [];
  const weights: number[] = [];
  const add = (w: number, reason: string) => {
    weights.push(w);
    reasons.push(reason);
  };
  const idx = indexOf(analysis);

  // Zones that are not prose never count.
  const zone = overlapping(idx.zones, sentence).find((z) => z.kind !== 'dateline');
  const words = s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (zone) return { score: 0, reasons: [`part of a ${zone.kind}, not prose`] };
  if (BOILERPLATE_RE.test(s)) return { score: 0, reasons: ['site boilerplate, not prose'] };
  if (words.length < 4) return { score: 0, reasons: ['too short to be a claim'] };

  const entities = overlapping(idx.entities, sentence);

  // Numbers / quantities. Dates, and digits inside names ("France 24") or dates, are not quantities.
  const base = sentence.start;
  const nonNumber = entities.filter((e) => e.type !== 'number');
  const dateSpans = spanIndex([...entities.filter((e) => e.type === 'date'), ...spans(DATE_RE, s, base)]);
  const otherSpans = spanIndex(nonNumber.filter((e) => e.type !== 'date'));
  // (indexed: a sentence full of numbers and dates must not compare every number with every date)
  const within = (sp: { start: number; end: number }, idx: SortedSpans<{ start: number; end: number }>) =>
    overlapping(idx, sp).some((x) => sp.start >= x.start && sp.end <= x.end);
  const days = daysOfMonth(s);
  const numberSpans = [
    // Small spelled-out numbers ("the two countries", "one thing") are references, not quantities;
    // QUANTITY_WORD_RE below picks the ones that count things.
    ...entities.filter((e) => e.type === 'number' && !SMALL_NUMBER_WORD_RE.test(e.text.trim())).map((e) => ({ start: e.start, end: e.end, text: e.text })),
    ...spans(NUMBER_RE, s, base),
  ].filter((n) => !isNamePart(s, n.start - base, n.text) && !within(n, otherSpans) && !within(n, dateSpans) && !YEAR_RE.test(n.text) && !(/^\d{1,2}$/.test(n.text) && days.has(n.text)));
  // Spelled-out quantities ("two main military bases", "three years"), but not references such as
  // "the two countries".
  for (const m of s.matchAll(QUANTITY_WORD_RE)) {
    // (the few characters before the match, past any spaces: never the whole sentence per match)
    let b = m.index as number;
    while (b > 0 && WS_RE.test(s[b - 1])) b--;
    const before = s.slice(Math.max(0, b - 12), b);
    if (/(?:\b(?:the|these|those|both|all|its|their|his|her|our|my|your)|['’]s?)$/i.test(before)) continue;
    numberSpans.push({ start: base + (m.index as number), end: base + (m.index as number) + m[0].length, text: m[0] });
  }
  const inner = containedInLonger(numberSpans);
  const numbers = uniq(numberSpans.filter((n) => !inner.has(n)).map((n) => n.text));
  if (numbers.length) {
    add(0.45, `contains ${numbers.length > 1 ? 'numbers' : 'a number'} (${list(numbers)})`);
    if (numbers.length > 1) weights.push(0.1);
  }

  // Dates.
  const dates = uniq([...entities.filter((e) => e.type === 'date').map((e) => e.text), ...matches(DATE_RE, s)]);
  const inDates = fourCharPieces(dates);
  const years = matches(/\b(?:1[89]|20)\d\d\b/g, s).filter((y) => !inDates.has(y));
  const allDates = uniq([...dates, ...years]);
  if (allDates.length) add(allDates.some((d) => /\d/.test(d)) ? 0.2 : 0.1, `gives a date (${list(allDates)})`);

  // Comparisons and superlatives.
  const comps = matches(COMPARISON_RE, s);
  if (comps.length) add(0.3, `makes a comparison or superlative (${list(comps)})`);

  // Causal and legal language.
  const causal = matches(CAUSAL_RE, s);
  if (causal.length) add(0.3, `states a cause or consequence (${list(causal)})`);
  const legal = matches(LEGAL_RE, s);
  if (legal.length) add(legal.length > 1 ? 0.35 : 0.25, `uses legal or conflict language (${list(legal)})`);

  // Attributed statements: quotes with a resolved speaker, or reported speech about named entities.
  const quotes = overlapping(idx.quotes, sentence).filter((q) => !q.partial);
  const speakers = uniq(quotes.map((q) => q.speaker).filter((x): x is string => !!x));
  const named = uniq(entities.filter((e) => e.type === 'person' || e.type === 'organization' || e.type === 'place').map((e) => e.text));
  if (speakers.length) add(0.3, `attributed statement by ${speakers.join(', ')}`);
  else if (SAY_RE.test(s) && named.length) add(0.2, `reported statement involving ${list(named, 2)}`);
  if (named.length >= 2) add(0.1, `names ${named.length} entities (${list(named)})`);

  let score = 1 - weights.reduce((p, w) => p * (1 - w), 1);

  // Penalties.
  const t = s.trim();
  if (/\?["”’)]?$/.test(t)) {
    score *= 0.4;
    reasons.push('but it is a question');
  }
  if (words.length < 8) {
    score *= 0.6;
    reasons.push('but it is very short');
  }
  if (looksLikeHeadline(t)) {
    score *= 0.4;
    reasons.push('but it looks like a headline or label');
  }
  const hedges = matches(HEDGE_RE, s);
  if (hedges.length && !numbers.length) {
    score *= 0.85;
    reasons.push(`but it is hedged or about the future (${list(hedges, 2)})`);
  }
  // A sentence that is only quoted speech is the speaker's opinion more often than a checkable fact.
  const quoted = quotes.reduce((n, q) => n + Math.max(0, Math.min(q.end, sentence.end) - Math.max(q.start, sentence.start)), 0);
  if (quoted > 0.8 * (sentence.end - sentence.start) && !numbers.length) {
    score *= 0.8;
    reasons.push('but it is mostly quoted speech');
  }
  if (!weights.length) reasons.push('no factual markers (numbers, dates, comparisons, causes, attributions)');
  return { score: Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000, reasons };
}

/** A bare integer right after a capitalised word inside the sentence is part of a name
 *  ("France 24", "Resolution 2254", "Channel 4"), not a quantity. */
function isNamePart(s: string, at: number, n: string): boolean {
  if (!/^\d+$/.test(n)) return false;
  // The word before the spaces before `at` (what /(\S+)\s+$/ finds in s.slice(0, at), by hand: the
  // regex retried from every character of the sentence, for every number in it).
  let e = at;
  while (e > 0 && WS_RE.test(s[e - 1])) e--;
  if (e === at || e === 0) return false;
  let b = e;
  while (b > 0 && !WS_RE.test(s[b - 1])) b--;
  if (b === 0) return false;
  const w = s.slice(b, e);
  return /^\p{Lu}[\p{L}\-]*$/u.test(w) && !MONTH_WORD_RE.test(w) && !/^(?:In|On|By|Since|Until|Of)$/.test(w);
}

const WS_RE = /\s/;
const MONTH_WORD_RE = new RegExp(`^(?:${MONTHS})\\.?$`);
const MONTH_DAY_RE = new RegExp(`\\b(?:${MONTHS})\\.?\\s+(\\d+)\\b`, 'g');
const DAY_MONTH_RE = new RegExp(`\\b(\\d+)(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\b`, 'g');

/** Numbers written as a day of a month in the sentence ("on the 14 ..." after a month name, or
 *  "14 October"): a bare 1-2 digit number among them is a day, not a quantity. One pass per sentence
 *  instead of one regex per number. */
function daysOfMonth(s: string): Set<string> {
  const out = new Set<string>();
  for (const re of [MONTH_DAY_RE, DAY_MONTH_RE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) out.add(m[1]);
  }
  return out;
}

/** Spans contained in a strictly longer span of the list (a sweep, not all pairs). */
function containedInLonger<T extends { start: number; end: number }>(list: T[]): Set<T> {
  const sorted = list.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const out = new Set<T>();
  let maxEndBefore = -Infinity; // over spans starting strictly earlier
  let groupStart = NaN;
  let groupMaxEnd = -Infinity; // over spans with the same start seen so far (longest first)
  let pendingMax = -Infinity;
  for (const x of sorted) {
    if (x.start !== groupStart) {
      maxEndBefore = Math.max(maxEndBefore, pendingMax);
      pendingMax = -Infinity;
      groupStart = x.start;
      groupMaxEnd = -Infinity;
    }
    if (maxEndBefore >= x.end || groupMaxEnd > x.end) out.add(x);
    groupMaxEnd = Math.max(groupMaxEnd, x.end);
    pendingMax = Math.max(pendingMax, x.end);
  }
  return out;
}

/** Every 4-character piece of the texts (is a year part of one of the dates?). */
function fourCharPieces(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (let i = 0; i + 4 <= t.length; i++) out.add(t.slice(i, i + 4));
  return out;
}
