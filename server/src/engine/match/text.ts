// Claim matching, text side: words → comparable terms (stemmed, synonyms folded), numbers and
// durations as value + unit, dates as partial calendar dates, negation / hypothetical / question
// cues. Pure TypeScript; the vocabulary is data (lexicons/claim-matching.json, calendar.json,
// numbers.json).
import stem from 'wink-porter2-stemmer';
import lex from '../lexicons/claim-matching.json';
import calendar from '../lexicons/calendar.json';
import numbers from '../lexicons/numbers.json';

export interface Word {
  /** Lower case, diacritics stripped, curly apostrophes straightened, possessive 's removed. */
  w: string;
  raw: string;
  start: number;
  end: number;
  cap: boolean;
}

const WORD_RE = /[\p{L}\p{N}]+(?:[.,][0-9]+)*(?:['’][\p{L}]+)*|[%$€£¥₽½¼¾?]/gu;

export function stripDiacritics(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Words of `text` (offsets relative to `base`). Hyphenated compounds are separate words. */
export function words(text: string, base = 0): Word[] {
  const out: Word[] = [];
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(text))) {
    let raw = m[0];
    let end = m.index + raw.length;
    // "1,000." at a sentence end: the regex never takes a trailing separator, but "2019," can
    // come as "2019,5" only in real decimals; commas as thousands separators are kept.
    if (/^[\p{L}]/u.test(raw) && /[.,]/.test(raw)) {
      const cut = raw.search(/[.,]/);
      raw = raw.slice(0, cut);
      end = m.index + cut;
      WORD_RE.lastIndex = end;
    }
    let w = stripDiacritics(raw.toLowerCase()).replace(/’/g, "'");
    if (/'s$/.test(w)) w = w.slice(0, -2);
    else if (/s'$/.test(w)) w = w.slice(0, -1);
    out.push({ w, raw, start: base + m.index, end: base + end, cap: /^\p{Lu}/u.test(raw) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Terms

const STOP = new Set<string>(lex.stopwords);
for (const k of lex.keepWords) STOP.delete(k);

interface Phrase {
  words: string[];
  to: string[];
}
const PHRASES = new Map<string, Phrase[]>();
function addPhrase(from: string, to: string): void {
  const ws = from.split(/\s+/);
  const list = PHRASES.get(ws[0]) ?? [];
  list.push({ words: ws, to: to.split(/\s+/) });
  list.sort((a, b) => b.words.length - a.words.length);
  PHRASES.set(ws[0], list);
}
for (const [k, v] of Object.entries(lex.phrases as Record<string, string>)) addPhrase(k, v);

const STEM_CACHE = new Map<string, string>();
export function stemOf(w: string): string {
  let s = STEM_CACHE.get(w);
  if (s === undefined) {
    s = /^[a-z]+$/.test(w) && w.length > 2 ? stem(w) : w;
    if (STEM_CACHE.size > 200000) STEM_CACHE.clear();
    STEM_CACHE.set(w, s);
  }
  return s;
}

/** stem → canonical term of its synonym group (first group wins). */
const SYN = new Map<string, string>();
for (const group of lex.synonyms as string[][]) {
  const canon = stemOf(group[0]);
  for (const member of group) {
    if (/\s/.test(member)) {
      addPhrase(member, group[0]);
      continue;
    }
    const s = stemOf(member.replace(/-/g, ''));
    if (!SYN.has(s)) SYN.set(s, canon);
    if (!SYN.has(member)) SYN.set(member, canon);
  }
}

/** The comparable term of a word: synonym group of its stem, else its stem. */
export function termOf(w: string): string {
  const direct = SYN.get(w);
  if (direct) return direct;
  const s = stemOf(w);
  return SYN.get(s) ?? s;
}

const ANTONYMS = new Map<string, Set<string>>();
for (const [a, b] of lex.antonyms as Array<[string, string]>) {
  const ta = termOf(a);
  const tb = termOf(b);
  if (ta === tb) continue;
  if (!ANTONYMS.has(ta)) ANTONYMS.set(ta, new Set());
  if (!ANTONYMS.has(tb)) ANTONYMS.set(tb, new Set());
  ANTONYMS.get(ta)!.add(tb);
  ANTONYMS.get(tb)!.add(ta);
}
export function antonymsOf(term: string): Set<string> | undefined {
  return ANTONYMS.get(term);
}

export function isStopword(w: string): boolean {
  return STOP.has(w);
}

/** A term of a text with the word index range it came from. */
export interface Term {
  t: string;
  /** The words as written (for explanations). */
  s: string;
  /** Index of the first and last word (inclusive) in the words array. */
  i: number;
  j: number;
}

/**
 * Content terms of words[from..to): multi-word expressions folded, stop words dropped, synonyms
 * folded, stemmed. `skip(i)` excludes words (entity names, numbers, dates are other slots).
 */
export function contentTerms(ws: Word[], from: number, to: number, skip: (i: number) => boolean): Term[] {
  const out: Term[] = [];
  for (let i = from; i < to; i++) {
    if (skip(i)) continue;
    const w = ws[i].w;
    const cands = PHRASES.get(w);
    let matched = false;
    if (cands) {
      for (const p of cands) {
        if (i + p.words.length > to) continue;
        let ok = true;
        for (let k = 1; k < p.words.length && ok; k++) if (ws[i + k].w !== p.words[k] || skip(i + k)) ok = false;
        if (!ok) continue;
        const surface = ws.slice(i, i + p.words.length).map((x) => x.raw).join(' ');
        for (const t of p.to) if (!STOP.has(t)) out.push({ t: termOf(t), s: surface, i, j: i + p.words.length - 1 });
        i += p.words.length - 1;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (STOP.has(w) || /^\d/.test(w) || w.length < 2 || w === '?') continue;
    out.push({ t: termOf(w), s: ws[i].raw, i, j: i });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cues: negation, hypothetical, question

const NEG = new Set<string>(lex.negators.map((w: string) => w.toLowerCase()));
const NEG_PHRASES = (lex.negators as string[]).filter((p) => /\s/.test(p)).map((p) => p.split(/\s+/));
const NEG_PHRASE_FIRST = new Set(NEG_PHRASES.map((p) => p[0]));
const NEG_EXCEPT = (lex.negationExceptions as string[]).map((p) => p.split(/\s+/));
const HYPO_WORDS = new Set<string>((lex.hypothetical as string[]).filter((p) => !/\s/.test(p)));
const HYPO_PHRASES = (lex.hypothetical as string[]).filter((p) => /\s/.test(p)).map((p) => p.split(/\s+/));

function phraseAt(ws: Word[], i: number, p: string[]): boolean {
  if (i + p.length > ws.length) return false;
  for (let k = 0; k < p.length; k++) if (ws[i + k].w !== p[k]) return false;
  return true;
}

/** Words that can start or be a cue (anything else is skipped at once). */
const CUE_WORDS = new Set<string>([...NEG, ...NEG_PHRASE_FIRST, ...HYPO_WORDS, ...HYPO_PHRASES.map((p) => p[0])]);

function isNegator(ws: Word[], i: number): boolean {
  const w = ws[i].w;
  return w !== 'nor' && (NEG.has(w) || /n't$/.test(w) || (NEG_PHRASE_FIRST.has(w) && NEG_PHRASES.some((p) => phraseAt(ws, i, p))));
}

export interface Cues {
  negation: number;
  hypothetical: boolean;
  /** Words that carried the cues (for explanations). */
  cueWords: string[];
}

/** Negation / hypothetical cues among words[from..to). "May" capitalised is the month. */
export function cues(ws: Word[], from: number, to: number): Cues {
  let negation = 0;
  let hypothetical = false;
  const cueWords: string[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, ws.length); i++) {
    const w = ws[i].w;
    if (!CUE_WORDS.has(w) && !w.endsWith("n't")) continue;
    let excepted = false;
    for (const p of NEG_EXCEPT) {
      for (let back = 0; back < p.length && !excepted; back++) if (i - back >= 0 && phraseAt(ws, i - back, p)) excepted = true;
      if (excepted) break;
    }
    if (!excepted && isNegator(ws, i)) {
      // "not ruled out", "never denied": a negated negation within two words asserts the claim.
      let k = i + 1;
      while (k <= i + 2 && k < Math.min(to, ws.length) && !isNegator(ws, k)) k++;
      if (k <= i + 2 && k < Math.min(to, ws.length)) {
        i = k + (ws[k].w === 'ruled' || ws[k].w === 'rule' || ws[k].w === 'rules' || ws[k].w === 'ruling' ? 1 : 0);
        continue;
      }
      negation++;
      cueWords.push(ws[i].raw);
    }
    if (HYPO_WORDS.has(w) && !(w === 'may' && ws[i].cap)) {
      hypothetical = true;
      cueWords.push(ws[i].raw);
    }
    for (const p of HYPO_PHRASES) if (w === p[0] && phraseAt(ws, i, p)) hypothetical = true;
  }
  return { negation, hypothetical, cueWords };
}

/** A question: the text ends with "?" (before closing quotes/brackets). */
export function isQuestion(text: string): boolean {
  return /\?[\s"'”’»)\]]*$/.test(text.trim());
}

// ---------------------------------------------------------------------------------------------
// Numbers and durations

export interface NumberValue {
  value: number;
  /** 'min' for durations (value in minutes), 'percent', a unit word's stem, or '' (a count). */
  unit: string;
  /** '>' more than, '<' less than, '~' about, '~<' almost, '' exact. */
  qual: string;
  vague: boolean;
  text: string;
  /** First word of the qualifier ("more than"), else i. */
  qi: number;
  i: number;
  j: number;
}

const CARD: Record<string, number> = numbers.cardinals as Record<string, number>;
const FRACTIONS: Record<string, number> = lex.fractions as Record<string, number>;
const TIME_UNITS: Record<string, number> = lex.timeUnits as Record<string, number>;
const VAGUE: Record<string, number> = lex.vague as Record<string, number>;
const QUALS = Object.entries(lex.qualifiers as Record<string, string>).map(([k, v]) => ({ ws: k.split(/\s+/), q: v }));
const SCALE: Record<string, number> = { m: 1e6, hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, mn: 1e6, bn: 1e9, tn: 1e12, k: 1e3 };
const OTHER_UNITS = new Set<string>((numbers.units as string[]).filter((u) => !/\s/.test(u)).map((u) => u.toLowerCase()));
const CURRENCY_WORDS = new Set<string>((numbers.currencyWords as string[]).map((u) => u.toLowerCase()));
const CURRENCY_SYMBOLS: Record<string, string> = { $: 'dollar', '€': 'euro', '£': 'pound', '¥': 'yen', '₽': 'rouble' };
const UNICODE_FRACTIONS: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75 };

function cardinal(w: string): number | undefined {
  if (w in CARD && !['half', 'quarter', 'third', 'couple', 'pair', 'score'].includes(w)) return CARD[w];
  return undefined;
}

function digits(w: string): number | undefined {
  const suffixed = /^(\d+(?:\.\d+)?)(k|m|mn|bn|tn)$/.exec(w);
  if (suffixed) return Number(suffixed[1]) * SCALE[suffixed[2]];
  if (!/^\d[\d,]*(\.\d+)?$/.test(w)) return undefined;
  if (/,/.test(w) && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(w)) return undefined;
  return Number(w.replace(/,/g, ''));
}

function unitOf(w: string): { unit: string; factor: number } | undefined {
  if (w in TIME_UNITS) return { unit: 'min', factor: TIME_UNITS[w] };
  if (w === 'percent' || w === '%' || w === 'pc') return { unit: 'percent', factor: 1 };
  if (CURRENCY_WORDS.has(w)) return { unit: 'cur:' + stemOf(w), factor: 1 };
  if (OTHER_UNITS.has(w)) return { unit: stemOf(w), factor: 1 };
  return undefined;
}

/** Words that can start a number or quantity (digits are checked apart). */
const NUMBERISH = new Set<string>([...Object.keys(CARD), ...Object.keys(FRACTIONS), ...Object.keys(VAGUE).map((k) => k.split(' ')[0]), ...Object.keys(UNICODE_FRACTIONS), 'a', 'an']);
const VAGUE_FIRST = new Set<string>(Object.keys(VAGUE).filter((k) => /\s/.test(k)).map((k) => k.split(' ')[0]));

/** Parse a number starting at word i (digits or words, "two and a half", "three quarters"). */
function parseValue(ws: Word[], i: number, to: number): { value: number; j: number } | undefined {
  const w = ws[i]?.w;
  if (w === undefined) return undefined;
  const d = digits(w);
  if (d !== undefined) {
    let value = d;
    let j = i;
    if (i + 1 < to && ws[i + 1].w in SCALE) {
      value *= SCALE[ws[i + 1].w];
      j = i + 1;
    }
    if (j + 1 < to && UNICODE_FRACTIONS[ws[j + 1].w] !== undefined) {
      value += UNICODE_FRACTIONS[ws[j + 1].w];
      j++;
    }
    // "2 and a half"
    if (j + 3 < to && ws[j + 1].w === 'and' && (ws[j + 2].w === 'a' || ws[j + 2].w === 'an') && FRACTIONS[ws[j + 3].w] !== undefined) {
      value += FRACTIONS[ws[j + 3].w];
      j += 3;
    }
    return { value, j };
  }
  if (UNICODE_FRACTIONS[w] !== undefined) return { value: UNICODE_FRACTIONS[w], j: i };
  // Number words: "four thousand", "twenty five", "one hundred and fifty".
  let total = 0;
  let current = 0;
  let j = i - 1;
  let seen = false;
  for (let k = i; k < to; k++) {
    const x = ws[k].w;
    const c = cardinal(x);
    if (c !== undefined) {
      if (c >= 1000) {
        total += (current || 1) * c;
        current = 0;
      } else if (c === 100) current = (current || 1) * 100;
      else current += c;
      seen = true;
      j = k;
      continue;
    }
    if (x === 'and' && seen && k + 1 < to && cardinal(ws[k + 1].w) !== undefined) continue;
    break;
  }
  let value = total + current;
  // "half", "a quarter", "three quarters"
  const fracAt = (k: number) => (k < to ? FRACTIONS[ws[k].w] : undefined);
  if (seen) {
    const f = fracAt(j + 1);
    if (f !== undefined) {
      // "three quarters" = 3 × 0.25
      value = value * f;
      j = j + 1;
    } else if (j + 3 < to && ws[j + 1].w === 'and' && (ws[j + 2].w === 'a' || ws[j + 2].w === 'an') && fracAt(j + 3) !== undefined) {
      value += fracAt(j + 3)!;
      j += 3;
    }
    return { value, j };
  }
  if ((w === 'a' || w === 'an') && fracAt(i + 1) !== undefined) return { value: fracAt(i + 1)!, j: i + 1 };
  if (FRACTIONS[w] !== undefined && (w === 'half' || w === 'quarter')) return { value: FRACTIONS[w], j: i };
  return undefined;
}

/** Numbers and quantities among words[from..to); words used by dates are skipped. */
export function parseNumbers(ws: Word[], from: number, to: number, used: Set<number>): NumberValue[] {
  const out: NumberValue[] = [];
  for (let i = from; i < to; i++) {
    if (used.has(i)) continue;
    const w = ws[i].w;
    const c0 = w.charCodeAt(0);
    if (!(c0 >= 48 && c0 <= 57) && !NUMBERISH.has(w)) continue;
    // vague quantities: "hundreds of", "tens of thousands of"
    const two = VAGUE_FIRST.has(w) && i + 2 < to ? `${w} ${ws[i + 1].w} ${ws[i + 2].w}` : '';
    if (VAGUE[two] !== undefined) {
      out.push({ value: VAGUE[two], unit: '', qual: '~', vague: true, text: two, qi: i, i, j: i + 2 });
      i += 2;
      continue;
    }
    if (VAGUE[w] !== undefined) {
      out.push({ value: VAGUE[w], unit: '', qual: '~', vague: true, text: ws[i].raw, qi: i, i, j: i });
      continue;
    }
    const p = parseValue(ws, i, to);
    if (!p) continue;
    // "a" alone is not a number; "one" as a pronoun ("one of") is a count of 1 only before a unit.
    let j = p.j;
    let value = p.value;
    let unit = '';
    // unit: "hours", "-year", "of an hour", "an hour" after a fraction
    let k = j + 1;
    if (k < to && (ws[k].w === 'of' || ws[k].w === 'an' || ws[k].w === 'a')) k++;
    if (k < to && (ws[k].w === 'an' || ws[k].w === 'a')) k++;
    const u = k < to ? unitOf(ws[k].w) : undefined;
    if (u) {
      value *= u.factor;
      unit = u.unit;
      j = k;
      // "an hour and a half"
      if (j + 3 < to && ws[j + 1].w === 'and' && (ws[j + 2].w === 'a' || ws[j + 2].w === 'an') && FRACTIONS[ws[j + 3].w] !== undefined) {
        value += FRACTIONS[ws[j + 3].w] * u.factor;
        j += 3;
      }
      // "two hours and 30 minutes", "2 hours 19 minutes": one duration
      while (unit === 'min') {
        const k2 = j + 1 < to && ws[j + 1].w === 'and' ? j + 2 : j + 1;
        const p2 = k2 < to ? parseValue(ws, k2, to) : undefined;
        const u2 = p2 && p2.j + 1 < to ? unitOf(ws[p2.j + 1].w) : undefined;
        if (!p2 || !u2 || u2.unit !== 'min' || u2.factor >= u.factor) break;
        value += p2.value * u2.factor;
        j = p2.j + 1;
      }
    } else if (i > 0 && CURRENCY_SYMBOLS[ws[i - 1].w]) unit = 'cur:' + CURRENCY_SYMBOLS[ws[i - 1].w];
    // "a/an hour" with no number word: a single unit ("for an hour") counts only after a qualifier.
    if (ws[i].w === 'one' && !unit) {
      i = j;
      continue;
    }
    let qual = '';
    let qi = i;
    for (const q of QUALS) {
      const s = i - q.ws.length;
      if (s < from) continue;
      let ok = true;
      for (let m = 0; m < q.ws.length && ok; m++) if (ws[s + m].w !== q.ws[m]) ok = false;
      if (ok && (!qual || s < qi)) {
        qual = q.q;
        qi = s;
      }
    }
    const text = ws.slice(qi, j + 1).map((x) => x.raw).join(' ');
    out.push({ value, unit, qual, vague: false, text, qi, i, j });
    i = j;
  }
  return out;
}

/** Do two quantities state the same figure? */
export function sameNumber(a: NumberValue, b: NumberValue): boolean {
  if (a.unit && b.unit && a.unit !== b.unit) return false;
  if (a.vague || b.vague) {
    if (a.vague && b.vague) return a.value === b.value;
    const v = a.vague ? b.value : a.value;
    const mag = a.vague ? a.value : b.value;
    return v >= mag && v < mag * 10;
  }
  const tol = Math.max(Math.abs(a.value), Math.abs(b.value)) * 0.01;
  if (Math.abs(a.value - b.value) > tol) return false;
  const dir = (q: string) => (q === '>' ? 1 : q === '<' || q === '~<' ? -1 : 0);
  // "more than 4,000" and "fewer than 4,000" are different claims.
  return !(dir(a.qual) * dir(b.qual) < 0);
}

/** Can the two quantities be compared at all (a different figure of the same kind)? */
export function comparableNumbers(a: NumberValue, b: NumberValue): boolean {
  return a.unit === b.unit;
}

// ---------------------------------------------------------------------------------------------
// Dates

export interface DateValue {
  y?: number;
  m?: number;
  d?: number;
  /** 0 = Monday ... 6 = Sunday. */
  wd?: number;
  text: string;
  i: number;
  j: number;
}

const MONTHS: Record<string, number> = calendar.months as Record<string, number>;
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function weekdayOf(y: number, m: number, d: number): number {
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export interface Published {
  y: number;
  m: number;
  d: number;
}

export function parsePublished(s: string | undefined): Published | undefined {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s) : null;
  return m ? { y: +m[1], m: +m[2], d: +m[3] } : undefined;
}

function ordinalDay(w: string): number | undefined {
  const m = /^(\d{1,2})(st|nd|rd|th)?$/.exec(w);
  if (!m) return undefined;
  const n = +m[1];
  return n >= 1 && n <= 31 ? n : undefined;
}

/**
 * Dates among words[from..to): "15 October 2025", "October 15", "December 2024", "in 2015",
 * "Wednesday", "last year", "last December". With the publication date, weekdays and relative
 * dates become calendar dates.
 */
export function parseDates(ws: Word[], from: number, to: number, pub: Published | undefined, used: Set<number>): DateValue[] {
  const out: DateValue[] = [];
  const take = (v: Omit<DateValue, 'text'>) => {
    for (let k = v.i; k <= v.j; k++) used.add(k);
    out.push({ ...v, text: ws.slice(v.i, v.j + 1).map((x) => x.raw).join(' ') });
  };
  for (let i = from; i < to; i++) {
    const w = ws[i].w;
    const c0 = w.charCodeAt(0);
    if (!ws[i].cap && !(c0 >= 48 && c0 <= 57) && w !== 'year' && w !== 'month' && w !== 'today' && w !== 'yesterday') continue;
    const raw = ws[i].raw;
    const month = ws[i].cap ? MONTHS[w] : undefined;
    if (month !== undefined && (raw.length > 3 || /^[A-Z][a-z]{2}\.?$/.test(raw))) {
      // "May" is a month only next to a day/year or after a preposition of time.
      if (w === 'may' && !(i + 1 < to && /^\d/.test(ws[i + 1].w)) && !(i > 0 && (/^\d/.test(ws[i - 1].w) || ['in', 'of', 'since', 'until', 'early', 'late', 'mid', 'last', 'next'].includes(ws[i - 1].w)))) continue;
      let d: number | undefined;
      let y: number | undefined;
      let s = i;
      let e = i;
      // "15 October", "15th of October"
      if (i - 1 >= from && ordinalDay(ws[i - 1].w) !== undefined) {
        d = ordinalDay(ws[i - 1].w);
        s = i - 1;
      } else if (i - 2 >= from && ws[i - 1].w === 'of' && ordinalDay(ws[i - 2].w) !== undefined) {
        d = ordinalDay(ws[i - 2].w);
        s = i - 2;
      }
      if (d === undefined && i + 1 < to && ordinalDay(ws[i + 1].w) !== undefined && !/^\d{4}$/.test(ws[i + 1].w)) {
        d = ordinalDay(ws[i + 1].w);
        e = i + 1;
      }
      if (e + 1 < to && /^(1[89]|20)\d\d$/.test(ws[e + 1].w)) {
        y = +ws[e + 1].w;
        e++;
      }
      if (y === undefined && i > from && ws[i - 1].w === 'last' && pub) {
        y = month < pub.m ? pub.y : pub.y - 1;
        s = i - 1;
      }
      if (y === undefined && pub && d !== undefined) y = month <= pub.m ? pub.y : pub.y - 1;
      take({ y, m: month, d, wd: y !== undefined && d !== undefined ? weekdayOf(y, month, d) : undefined, i: s, j: e });
      i = e;
      continue;
    }
    const wd = WEEKDAY_NAMES.indexOf(w);
    if (wd >= 0 && ws[i].cap) {
      if (pub) {
        const pwd = weekdayOf(pub.y, pub.m, pub.d);
        const back = (pwd - wd + 7) % 7;
        const dt = new Date(Date.UTC(pub.y, pub.m - 1, pub.d - back));
        take({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate(), wd, i, j: i });
      } else take({ wd, i, j: i });
      continue;
    }
    if ((w === 'year' || w === 'month') && i > from && ws[i - 1].w === 'last' && pub) {
      if (w === 'year') take({ y: pub.y - 1, i: i - 1, j: i });
      else take({ y: pub.m === 1 ? pub.y - 1 : pub.y, m: pub.m === 1 ? 12 : pub.m - 1, i: i - 1, j: i });
      continue;
    }
    if ((w === 'year' || w === 'month') && i > from && ws[i - 1].w === 'this' && pub) {
      if (w === 'year') take({ y: pub.y, i: i - 1, j: i });
      else take({ y: pub.y, m: pub.m, i: i - 1, j: i });
      continue;
    }
    if ((w === 'today' || w === 'yesterday') && pub) {
      const dt = new Date(Date.UTC(pub.y, pub.m - 1, pub.d - (w === 'yesterday' ? 1 : 0)));
      take({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate(), i, j: i });
      continue;
    }
    // A bare year: 4 digits 1800-2099 with no unit after it.
    if (/^(1[89]|20)\d\d$/.test(w) && !(i + 1 < to && unitOf(ws[i + 1].w))) {
      take({ y: +w, i, j: i });
    }
  }
  return out;
}

/** Could the two dates be the same day/period (no known field differs)? */
export function compatibleDates(a: DateValue, b: DateValue): boolean {
  if (a.y !== undefined && b.y !== undefined && a.y !== b.y) return false;
  if (a.m !== undefined && b.m !== undefined && a.m !== b.m) return false;
  if (a.d !== undefined && b.d !== undefined && a.d !== b.d) return false;
  if (a.wd !== undefined && b.wd !== undefined && a.wd !== b.wd) return false;
  return true;
}

/** Do the two dates share at least one known field (so that a difference is a contradiction)? */
export function comparableDates(a: DateValue, b: DateValue): boolean {
  return (
    (a.y !== undefined && b.y !== undefined) ||
    (a.m !== undefined && b.m !== undefined) ||
    (a.d !== undefined && b.d !== undefined) ||
    (a.wd !== undefined && b.wd !== undefined)
  );
}
