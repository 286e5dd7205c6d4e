// Figures: numbers and quantities with what they count, so the same quantity can be matched across
// sources by its noun and event rather than by the number alone ("more than two and a half hours"
// for the meeting vs "two and a half hours"; "14-year war" vs "almost 14 years of war").
// Pure TypeScript; general English rules plus lexicons/compare.json and lexicons/numbers.json.
import compareData from '../lexicons/compare.json';
import type { Analysis, Entity } from '../types';
import { fold, FUNCTION_WORDS, NUMBER_WORDS, NUMBERS_DATA } from '../recognize/lexicon';
import type { IndexedFigure, Qualifier } from './types';
import { stem } from './text';

const QUALIFIERS = new Map<string, Qualifier>(Object.entries(compareData.qualifiers as Record<string, Qualifier>));
const QUALIFIER_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(${[...QUALIFIERS.keys()].sort((a, b) => b.length - a.length).map((q) => q.replace(/ /g, '\\s+')).join('|')})\\s+$`,
  'iu',
);
const PHRASE_STOPS = new Set<string>(compareData.phraseStops as string[]);
const REFERENCE_DETERMINERS = new Set<string>(compareData.referenceDeterminers as string[]);
const EVENT_HEAD_STOPS = new Set<string>(compareData.eventHeadStops as string[]);
const EVENTS = new Map<string, string>(Object.entries(compareData.events as Record<string, string>));
const EVENT_SKIP = new Set<string>(compareData.eventSkip as string[]);
const COUNT_NOUN_OF_EVENT = compareData.countNounOfEvent as string;
const VAGUE = new Set<string>(NUMBERS_DATA.vague as string[]);
const TIME_UNITS = new Map<string, string>();
for (const u of NUMBERS_DATA.timeUnits as string[]) TIME_UNITS.set(u, u === 'centuries' ? 'century' : u.replace(/s$/, ''));
const CURRENCY_SIGNS: Record<string, string> = { US$: 'USD', A$: 'AUD', C$: 'CAD', HK$: 'HKD', $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₽': 'RUB', '₹': 'INR', '₺': 'TRY', '₩': 'KRW' };
const SCALES: Record<string, number> = { hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, mn: 1e6, m: 1e6, bn: 1e9, b: 1e9, k: 1e3, tn: 1e12 };
const MEASURE_UNITS = new Map<string, string>();
for (const u of [...(NUMBERS_DATA.units as string[]), ...(NUMBERS_DATA.currencyWords as string[]), ...(NUMBERS_DATA.currencyCodes as string[])]) {
  const f = u.toLowerCase();
  const canon = f === '%' || f === 'percent' || f === 'per cent' ? 'percent' : f.replace(/(?<=[a-z]{3})s$/, '').replace(/^kilometer$/, 'kilometre').replace(/^meter$/, 'metre').replace(/^liter$/, 'litre');
  MEASURE_UNITS.set(f, canon);
}
const SMALL_WORD_MAX = 12;
/** Unit words and phrases, longest first, with their canonical unit. */
const UNIT_SUFFIXES: Array<[string, string]> = [...TIME_UNITS, ...MEASURE_UNITS].filter(([u]) => u !== '%').sort((a, b) => b[0].length - a[0].length);
/** Verbs that say an event lasted the duration that follows ("the meeting, which lasted two hours"). */
const DURATION_VERB_RE = /\b(?:last(?:ed|ing|s)?|took|takes|taking|spann?(?:ed|ing|s)?|ran|runs|running|continued|went on|stretched|long)\b/i;

interface Parsed {
  value: number | null;
  vague?: string;
  unit: string;
  /** "14-year", "two-week": the number modifies the noun after it. */
  adjectival: boolean;
  word: boolean;
}

/** Value and unit of a number mention ("two and a half hours" -> 2.5 hour). */
export function parseAmount(raw: string): Parsed | null {
  let t = raw.trim();
  let unit = '';
  let adjectival = false;
  const cur = /^(US\$|A\$|C\$|HK\$|[$€£¥₽₹₺₩])\s?/.exec(t);
  if (cur) {
    unit = CURRENCY_SIGNS[cur[1]];
    t = t.slice(cur[0].length);
  }
  // Adjectival suffix: "14-year", "60-plus", "two-week", "10-member".
  const adj = /-(plus|odd|[a-z]+)(?:-(?:old|long))?$/i.exec(t);
  if (adj && !/^\d/.test(adj[1])) {
    const w = adj[1].toLowerCase();
    if (w !== 'plus' && w !== 'odd' && !NUMBER_WORDS.has(w) && !SCALES[w]) {
      adjectival = true;
      unit = TIME_UNITS.get(w) ?? MEASURE_UNITS.get(w) ?? w;
      t = t.slice(0, adj.index);
    }
  }
  if (!adjectival) {
    const lower = t.toLowerCase();
    if (lower.endsWith('%')) {
      unit = 'percent';
      t = t.slice(0, -1).trim();
    } else {
      for (const [u, canon] of UNIT_SUFFIXES) {
        if (lower.length > u.length && lower.endsWith(u) && /[\s\d]/.test(lower[lower.length - u.length - 1])) {
          unit = canon;
          t = t.slice(0, t.length - u.length).trim();
          break;
        }
      }
    }
  }
  const d = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:[-–](\d[\d,.]*))?\s?-?(hundred|thousand|million|billion|trillion|mn|bn|tn|m|k)?$/i.exec(t);
  if (d) {
    let v = parseFloat(d[1].replace(/,/g, '') + (d[2] ?? ''));
    if (d[4]) v *= SCALES[d[4].toLowerCase()] ?? 1;
    return { value: v, unit, adjectival, word: false };
  }
  const lower = t.toLowerCase();
  if (VAGUE.has(lower) || /^(?:tens|hundreds|thousands|millions|dozens) of (?:thousands|millions|billions)$/.test(lower)) return { value: null, vague: lower, unit, adjectival, word: true };
  const v = wordsValue(lower);
  if (v === null) return null;
  return { value: v, unit, adjectival, word: true };
}

/** "two and a half" -> 2.5, "three million" -> 3e6, "a dozen" -> 12, "twenty-one" -> 21. */
function wordsValue(s: string): number | null {
  const toks = s.split(/[\s-]+/).filter((w) => w && w !== 'and');
  if (!toks.length) return null;
  let total = 0;
  let cur = 0;
  let any = false;
  for (let i = 0; i < toks.length; i++) {
    const w = toks[i];
    if ((w === 'a' || w === 'an') && i + 1 < toks.length) {
      if (toks[i + 1] === 'half') {
        cur += 0.5;
        i++;
        any = true;
        continue;
      }
      if (toks[i + 1] === 'quarter') {
        cur += 0.25;
        i++;
        any = true;
        continue;
      }
      cur = cur || 1;
      continue;
    }
    const scale = SCALES[w];
    if (scale && w.length > 2) {
      cur = (cur || 1) * scale;
      if (scale >= 1000) {
        total += cur;
        cur = 0;
      }
      any = true;
      continue;
    }
    if (w === 'dozen') {
      cur = (cur || 1) * 12;
      any = true;
      continue;
    }
    const n = NUMBER_WORDS.get(w);
    if (n === undefined) return null;
    cur += n;
    any = true;
  }
  return any ? total + cur : null;
}

const WORD_AT_RE = /[\p{L}][\p{L}'’-]*/uy;

/** The words of the phrase starting at `from` (up to `max`, stopping at punctuation or a stop word). */
function phraseAfter(text: string, from: number, limit: number, max = 4): Array<{ w: string; start: number; end: number }> {
  const out: Array<{ w: string; start: number; end: number }> = [];
  let i = from;
  while (out.length < max && i < limit) {
    let j = i;
    while (j < limit && (text[j] === ' ' || text[j] === '\u00a0')) j++;
    if (j === i && out.length) break; // punctuation or line end
    WORD_AT_RE.lastIndex = j;
    const m = WORD_AT_RE.exec(text);
    if (!m || m.index !== j) break;
    const w = m[0].replace(/['’]s?$/, '');
    const lw = fold(w);
    if (PHRASE_STOPS.has(lw) || (FUNCTION_WORDS.has(lw) && lw !== 'of') || (out.length && EVENTS.has(lw))) break;
    if (lw === 'of') break;
    out.push({ w, start: j, end: j + w.length });
    i = j + m[0].length;
  }
  return out;
}

/** Plural nouns that do not end in -s. */
const IRREGULAR_PLURALS = new Set(['people', 'children', 'men', 'women', 'police', 'personnel', 'staff', 'troops', 'cattle', 'feet', 'teeth', 'mice', 'geese', 'data', 'media', 'crew', 'aircraft', 'sheep', 'fish']);

/** The counted noun of the phrase after a number: for more than one, the first plural word
 *  ("300 soldiers took part" -> soldiers; "six crew members" -> members), else the last word. */
function countedHead(ph: Array<{ w: string }>, value: number | null): { w: string } {
  if (value === null || value > 1) {
    for (const x of ph) {
      const f = fold(x.w);
      if (IRREGULAR_PLURALS.has(f) || (/[^su]s$/.test(f) && f.length > 3) || /ies$/.test(f)) {
        // "crew members": a plural right after an irregular plural takes over.
        const next = ph[ph.indexOf(x) + 1];
        if (IRREGULAR_PLURALS.has(f) && next && /[^su]s$/.test(fold(next.w))) return next;
        return x;
      }
    }
  }
  return ph[ph.length - 1];
}

/** The noun an adjectival amount modifies ("nine-day dock strike costs ..." -> strike): the phrase
 *  up to a word ending in -s after it, which is a verb or a new phrase rather than the noun. */
function modifiedHead(ph: Array<{ w: string }>): { w: string } {
  for (let i = 1; i < ph.length; i++) if (/[^su]s$/.test(fold(ph[i].w))) return ph[i - 1];
  return ph[ph.length - 1];
}

/** "a fund of 3 million euros", "a crowd of 5,000", "a death toll of 25": the noun before "of". */
function nounOfBefore(text: string, sentStart: number, at: number): { w: string } | null {
  const m = /(?:^|[^\p{L}])(?:a|an|the|its|their|his|her)\s+(?:[\p{L}-]+\s+)?([\p{L}-]{3,})\s+of\s+$/iu.exec(text.slice(Math.max(sentStart, at - 50), at));
  if (!m) return null;
  const lw = fold(m[1]);
  if (PHRASE_STOPS.has(lw) || FUNCTION_WORDS.has(lw) || EVENT_HEAD_STOPS.has(lw) || /^(?:total|number|maximum|minimum|average|figure|sum|amount|group|lot|couple|handful|series|range|set|rate)$/.test(lw)) return null;
  return { w: m[1] };
}

/** The head noun of the nearest determiner phrase before `at` in the sentence ("the meeting, which lasted ..."). */
function eventBefore(text: string, sentStart: number, at: number): { w: string } | null {
  const before = text.slice(sentStart, at);
  const re = /(?:^|[^\p{L}])(the|a|an|this|that|its|his|her|their|our)\s+((?:[\p{L}][\p{L}'’-]*\s+){0,2}?[\p{L}][\p{L}'’-]*)(?=[\s,;:.)]|$)/giu;
  const cands: Array<{ w: string; end: number }> = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(before))) {
    // Take words up to the first stop word.
    const ws = m[2].split(/\s+/);
    const kept: string[] = [];
    for (const w of ws) {
      const lw = fold(w);
      if (PHRASE_STOPS.has(lw) || FUNCTION_WORDS.has(lw)) break;
      kept.push(w);
    }
    if (!kept.length) continue;
    const end = m.index + m[0].length;
    cands.push({ w: kept[kept.length - 1], end });
    re.lastIndex = m.index + m[0].indexOf(m[2]) + 1;
  }
  for (let k = cands.length - 1; k >= 0; k--) {
    const c = cands[k];
    const gap = before.slice(c.end).trim();
    if (!gap) continue; // "the past 10 months": the determiner belongs to the number
    if (!DURATION_VERB_RE.test(gap) || gap.length > 90) return null; // only an event said to last so long
    const lw = fold(c.w);
    if (EVENT_HEAD_STOPS.has(lw) || /^\p{Lu}/u.test(c.w) || lw.length < 3) continue;
    return c;
  }
  return null;
}

/**
 * The figures of one analysed document: number mentions with their qualifier, value, unit and the
 * noun they count (or the event they measure). Numbers without a recognisable noun are left out
 * (they cannot be matched across sources by what they count); so are small reference numbers
 * ("the two countries") and numbers in bylines, footers and site boilerplate.
 */
export function extractFigures(text: string, analysis: Analysis): IndexedFigure[] {
  const out: IndexedFigure[] = [];
  const zones = (analysis.zones ?? []).filter((z) => z.kind === 'footer' || z.kind === 'boilerplate' || z.kind === 'byline');
  const sentences = analysis.sentences;
  let si = 0;
  for (const e of analysis.entities) {
    if (e.type !== 'number') continue;
    if (zones.some((z) => e.start < z.end && e.end > z.start)) continue;
    while (si + 1 < sentences.length && sentences[si].end <= e.start) si++;
    const sent = sentences[si] && sentences[si].start <= e.start ? sentences[si] : { start: Math.max(0, text.lastIndexOf('\n', e.start) + 1), end: e.end };
    const f = figureOf(text, e, sent.start, Math.max(sent.end, e.end));
    if (f) out.push(f);
  }
  return out;
}

function figureOf(text: string, e: Entity, sentStart: number, sentEnd: number): IndexedFigure | null {
  const p = parseAmount(e.text);
  if (!p) return null;
  const pre = text.slice(Math.max(sentStart, e.start - 40), e.start);
  const prevWord = /([\p{L}]+)\s+$/u.exec(pre)?.[1]?.toLowerCase();
  if (p.word && !p.unit && p.value !== null && p.value <= SMALL_WORD_MAX) {
    if (p.value <= 1) return null;
    if (prevWord && REFERENCE_DETERMINERS.has(prevWord)) return null;
  }
  let start = e.start;
  let qualifier: Qualifier | null = null;
  const q = QUALIFIER_RE.exec(pre);
  if (q) {
    const word = q[1].toLowerCase().replace(/\s+/g, ' ');
    qualifier = QUALIFIERS.get(word) ?? null;
    // "for some two hours" is a qualifier; "some 4,000" too; but "just" and "only" are kept as written.
    start = e.start - (pre.length - (q.index + q[0].indexOf(q[1])));
  }
  // What is counted.
  let nounWord: { w: string } | null = null;
  let from: IndexedFigure['nounFrom'] = 'after';
  const after = text.slice(e.end, Math.min(sentEnd, e.end + 80));
  const ofM = /^\s+of\s+/i.exec(after);
  if (!p.unit || p.adjectival) {
    let at = e.end;
    if (ofM) at = e.end + ofM[0].length; // "hundreds of air strikes", "tens of thousands of civilians"
    const ph = phraseAfter(text, at, sentEnd);
    if (ph.length) nounWord = p.adjectival ? modifiedHead(ph) : countedHead(ph, p.value);
    if (ofM) from = 'of';
  } else {
    if (ofM) {
      const ph = phraseAfter(text, e.end + ofM[0].length, sentEnd);
      if (ph.length) {
        nounWord = ph[ph.length - 1];
        from = 'of';
      }
    }
    if (!nounWord) nounWord = nounOfBefore(text, sentStart, start);
    if (!nounWord) {
      nounWord = eventBefore(text, sentStart, start);
      from = 'event';
    }
  }
  if (!nounWord && (!p.unit || p.adjectival)) nounWord = nounOfBefore(text, sentStart, start);
  if (!nounWord) return null;
  // What happened to what is counted ("23 people died", "killing 23 people", "67 were rescued").
  let event = '';
  if (!p.unit || p.adjectival) {
    const head = EVENTS.get(fold(nounWord.w));
    if (head) {
      event = head; // "at least 23 dead": people who died
      nounWord = { w: COUNT_NOUN_OF_EVENT };
    } else {
      const tail = text.slice(e.end, sentEnd);
      const at = tail.indexOf(nounWord.w);
      const rest = at >= 0 ? tail.slice(at + nounWord.w.length) : '';
      const ws = rest.split(/[^\p{L}'’-]+/u).filter(Boolean).slice(0, 4);
      for (const w of ws) {
        const f = fold(w);
        if (EVENTS.has(f)) {
          event = EVENTS.get(f)!;
          break;
        }
        if (!EVENT_SKIP.has(f)) break;
      }
      if (!event) {
        const before = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(sentStart, start - 20), start))?.[1];
        if (before && EVENTS.has(fold(before))) event = EVENTS.get(fold(before))!;
      }
    }
  }
  const lw = fold(nounWord.w);
  if (FUNCTION_WORDS.has(lw) || lw.length < 3 || TIME_UNITS.has(lw)) return null;
  const noun = stem(lw);
  return {
    start,
    end: e.end,
    text: text.slice(start, e.end),
    value: p.value,
    ...(p.vague ? { vague: p.vague } : {}),
    unit: p.unit,
    qualifier: qualifier === 'exactly' ? null : qualifier,
    noun,
    nounText: nounWord.w,
    nounFrom: from,
    event,
    key: `${p.unit}|${noun}${event ? '|' + event : ''}`,
  };
}
