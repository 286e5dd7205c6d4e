// Dates/times and numbers/quantities, by precompiled regular expressions (one pass each).
//
// Typing policy (documented in README "Recognition"): points in time and calendar expressions are
// `date` ("Wednesday", "on Monday" -> "Monday", "2025-10-15", "December 2024", "last December",
// "late 2019", "in 2015" -> "2015", "Oct 15", "a decade ago", "last year"). Amounts — including
// durations such as "10 months", "14-year", "two and a half hours" — are `number` quantities.
import { ACTOR_VERBS, FUNCTION_WORDS, NUMBERS_DATA } from './lexicon';
import { rawEntity, type RawEntity } from './raw';

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MOD = '(?:(?:[Ee]arly|[Mm]id|[Ll]ate|[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)[ -])';
const PART = '(?: (?:morning|afternoon|evening|night))';
const B = '(?<![A-Za-z0-9_\\u00c0-\\u024f])';
const E = '(?![A-Za-z0-9_\\u00c0-\\u024f])';

const NUM_WORD = '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?';
const SCALE_WORD = '(?:hundred|thousand|million|billion|trillion)';
const NUM_WORDS = `(?:(?:a|one|two|three|four|five|six|seven|eight|nine|several|a few|a couple of)[ -]dozen|${NUM_WORD}(?:[ -](?:and )?(?:${NUM_WORD}|${SCALE_WORD}|and a half|and a quarter))*|(?:a |one )?half(?: a)?(?= ${SCALE_WORD}| dozen)|a (?:hundred|thousand|million|billion|dozen))`;
const DIGITS = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const SCALE = '(?:[ -]?(?:hundred|thousand|million|billion|trillion|mn|bn|tn)\\b|(?<=\\d)(?:m|bn|k)\\b)';
const CURRENCY_PRE = '(?:US\\$|A\\$|C\\$|HK\\$|[$€£¥₽₹₺₩])';
const units = [...NUMBERS_DATA.units, ...NUMBERS_DATA.currencyWords, ...NUMBERS_DATA.currencyCodes]
  .sort((a, b) => b.length - a.length)
  .map((u) => u.replace(/[.*+?^${}()|[\]\\/]/g, (c) => '\\' + c));
const UNIT = `(?:(?:\\s?%)|\\s(?:${units.join('|')})(?![A-Za-z\\u00c0-\\u024f]))`;
const TIME_UNIT = '(?:years?|months?|weeks?|days?|decades?|centuries|century|hours?|minutes?|seconds?|fortnights?)';
const ADJ_SUFFIX = `(?:-(?:plus|odd|year|month|week|day|hour|minute|second|decade|century|mile|kilometre|kilometer|km|metre|meter|foot|ton|tonne|man|member|nation|point|page|storey|story|strong|seat|time)(?:-old|-long)?)`;

const DATE_RE = new RegExp(
  [
    // ISO date / datetime
    `${B}\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:Z|[+-]\\d{2}:?\\d{2})?)?${E}`,
    // 15/10/2025, 10.15.2025
    `${B}\\d{1,2}[/.]\\d{1,2}[/.](?:\\d{4}|\\d{2})${E}`,
    // (last) Wednesday (morning) (, Oct 15(, 2025))
    `${B}${MOD}?${WEEKDAY}${PART}?(?:,? ${MONTH} ${DAY}(?:,? ${YEAR})?|,? ${DAY} ${MONTH}(?:,? ${YEAR})?)?${E}`,
    // 15 October 2025, 15th of October
    `${B}${DAY} (?:of )?${MONTH}(?:,? ${YEAR})?${E}`,
    // October 15(, 2025) / Oct. 15 / December 2024 / (last) December
    `${B}${MOD}?${MONTH}(?: ${DAY}(?!\\d|,\\d))?(?:,? ${YEAR})?${E}`,
    // late 2019 / mid-2019 / 1990s / 2011-2015 / in 2015
    `${B}${MOD}?${YEAR}(?:s|[-–]${YEAR}|[-–]\\d\\d(?!\\d))?${E}(?![,.]\\d|\\s?%|-(?:year|month|plus))`,
    // today, yesterday ...
    `${B}(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)${E}`,
    // last year, this week, next month, earlier this year, the past decade
    `${B}(?:(?:[Ee]arlier|[Ll]ater) )?(?:[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast) (?:year|month|week|weekend|decade|century|summer|winter|spring|autumn|fall|morning|afternoon|evening|night)${E}`,
    // times: 10:30, 3 p.m., 5pm GMT
    `${B}\\d{1,2}(?::\\d{2})? ?(?:a\\.m\\.|p\\.m\\.|am|pm)(?: (?:GMT|UTC|local time))?(?![A-Za-z\\u00c0-\\u024f])`,
    `${B}\\d{1,2}:\\d{2}(?: ?(?:GMT|UTC|local time))?${E}`,
    // the second quarter (of 2024), the first half of the year, noon, midnight
    `${B}(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]inal) (?:quarter(?: of (?:${YEAR}|the year|this year|last year|next year))?|half of (?:${YEAR}|the year|this year|last year|next year))(?![-A-Za-z0-9])`,
    `${B}(?:[Nn]oon|[Mm]idnight)${E}`,
    // the end of the year, the beginning of March
    `${B}(?:[Ee]nd|[Bb]eginning|[Ss]tart|[Mm]iddle) of (?:the |this |next |last )?(?:year|month|week|decade|${YEAR}|${MONTH})${E}`,
  ].join('|'),
  'y',
);

const NUMBER_RE = new RegExp(
  [
    // currency amounts: $46, US$1.5 billion, €3bn
    `${CURRENCY_PRE} ?${DIGITS}${SCALE}?${E}`,
    // digits with scale/unit/adjectival suffix: 4,000 | 18,000 square kilometers | 14-year | 60-plus | 10 months | 5%
    `${B}(?<![$€£¥₽₹₺₩.,:/-])${DIGITS}(?:[-–]${DIGITS})?${SCALE}?(?:${ADJ_SUFFIX}|\\s${TIME_UNIT}(?![A-Za-z\\u00c0-\\u024f])|${UNIT})?${E}(?![.,:/]\\d)`,
    // tens of thousands, hundreds of millions, hundreds, dozens
    `${B}(?:(?:[Tt]ens|[Hh]undreds|[Tt]housands|[Mm]illions) of )?(?:[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions|[Dd]ozens|[Ss]cores)(?= of)${E}`,
    `${B}(?:[Tt]ens|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions|[Dd]ozens) of (?:thousands|millions|billions)${E}`,
    `${B}(?:[Hh]undreds|[Tt]housands|[Mm]illions|[Dd]ozens)${E}`,
    // number words: two and a half hours, three million, two-week, a dozen
    `${B}(?:${NUM_WORDS})(?:${ADJ_SUFFIX}|\\s${TIME_UNIT}(?![A-Za-z\\u00c0-\\u024f])|${UNIT})?${E}`,
  ].join('|'),
  'yi',
);

const YEAR_ONLY = /^(?:1[5-9]\d\d|20\d\d)$/;
const BARE_ABBR_MONTH = /^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$/;

// Candidate positions: the full patterns are tried (sticky) only where one of these starts.
// (A boundary character is matched first: a leading literal class keeps the scan fast.)
const DATE_WORDS = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast |[Nn]ext |[Tt]his |[Pp]ast |[Cc]oming |[Ee]arly|[Mm]id|[Ll]ate|[Ee]arlier |[Ll]ater |[Ff]irst |[Ss]econd |[Tt]hird |[Ff]ourth |[Ff]inal |[Nn]oon|[Mm]idnight|[Ee]nd of |[Bb]eginning of |[Ss]tart of |[Mm]iddle of )';
// (as /\\d| W|[\\n\\t("“‘\\[—–-]W/g with W the words above, scanned as two simpler regexes)

/**
 * The matches of a trigger regex /C|[ \n...]W/g (C one character class, W words), found as two
 * separate scans merged in order: each is a simple leading literal/class that V8 scans much faster
 * than the alternation. Same protocol as exec() on the combined regex: set lastIndex, call next();
 * it returns the match index (or -1) and sets lastIndex past the match, and `length` to its length.
 * Requires lastIndex never to go back before the previous match's index + 1 (true of the loops
 * below), so that a pending match of the other scan stays valid.
 */
class TriggerScan {
  lastIndex = 0;
  length = 0;
  private c = -2; // next match of the single-character scan at or after cFrom (-1 none, -2 unknown)
  private w = -2;
  private wLen = 0;
  constructor(
    private readonly single: RegExp,
    private readonly words: RegExp,
  ) {}
  reset(): void {
    this.lastIndex = 0;
    this.c = this.w = -2;
  }
  next(text: string): number {
    const L = this.lastIndex;
    if (this.c !== -1 && this.c < L) {
      this.single.lastIndex = L;
      const m = this.single.exec(text);
      this.c = m ? m.index : -1;
    }
    if (this.w !== -1 && this.w < L) {
      this.words.lastIndex = L;
      const m = this.words.exec(text);
      this.w = m ? m.index : -1;
      this.wLen = m ? m[0].length : 0;
    }
    const c = this.c;
    const w = this.w;
    // A position matches only one of the two (a digit/currency sign is not a boundary character).
    if (c >= 0 && (w < 0 || c < w)) {
      this.length = 1;
      this.lastIndex = c + 1;
      return c;
    }
    if (w >= 0) {
      this.length = this.wLen;
      this.lastIndex = w + this.wLen;
      return w;
    }
    return -1;
  }
}
const DATE_TRIGGER = new TriggerScan(/\d/g, new RegExp(`[ \\n\\t("“‘\\[—–-]${DATE_WORDS}`, 'g'));
const AGO_BEFORE_RE = new RegExp(`(?:^|[^A-Za-z0-9])((?:\\d+|${NUM_WORD}|[Aa]|[Aa]n|[Ss]everal|[Aa] few|[Mm]any) (?:years?|months?|weeks?|days?|decades?|centuries|hours?|minutes?) )$`, 'i');

export function findDates(text: string, out: RawEntity[]): void {
  const trig = DATE_TRIGGER;
  trig.reset();
  let t0 = -1;
  let first = true;
  while (first || (t0 = trig.next(text)) >= 0) {
    let at = first ? 0 : t0;
    first = false;
    const c0 = text.charCodeAt(at);
    const digit = c0 >= 48 && c0 <= 57;
    if (!digit && !(c0 >= 65 && c0 <= 90) && !(c0 >= 97 && c0 <= 122)) at++;
    if (at > 0) {
      const pc = text.charCodeAt(at - 1);
      if ((pc >= 48 && pc <= 57) || (pc >= 65 && pc <= 90) || (pc >= 97 && pc <= 122)) continue;
      if (digit && (pc === 44 || pc === 46) && at > 1) {
        const ppc = text.charCodeAt(at - 2);
        if (ppc >= 48 && ppc <= 57) continue; // inside "4,000" / "1.5"
      }
    }
    trig.lastIndex = at + 1;
    DATE_RE.lastIndex = at;
    const m = DATE_RE.exec(text);
    if (!m) continue;
    const s = at;
    let t = m[0];
    trig.lastIndex = at + t.length;
    // Trailing period belongs to the sentence unless it is an abbreviation followed by more date.
    if (t.endsWith('.')) t = t.slice(0, -1);
    if (t.length === 0) continue;
    // Bare month abbreviations ("Mar", "Dec") and "May" alone are too ambiguous.
    if (BARE_ABBR_MONTH.test(t)) continue;
    // "May" alone is a month only after a time preposition ("in May", "since May", "last May").
    if (/^may$/i.test(t) && !(t === 'May' && /\b(?:in|since|until|till|by|of|from|through|during|before|after|early|late|mid|last|next|this)\s$/i.test(text.slice(Math.max(0, s - 8), s)))) continue;
    if (t === 'March' && /^\s+(?:on|to|through|in|against)\b/.test(text.slice(s + t.length, s + t.length + 10))) continue;
    if (YEAR_ONLY.test(t) && /[#№]\s?$/.test(text.slice(Math.max(0, s - 2), s))) continue;
    out.push(rawEntity(s, s + t.length, 'date', 'date pattern'));
  }
  // Every " ago": found by its rarer tail "go" (searching for the leading space stops at every word).
  for (let g = text.indexOf('go', 2); g >= 0; g = text.indexOf('go', g + 2)) {
    if (text.charCodeAt(g - 1) !== 97 || text.charCodeAt(g - 2) !== 32) continue;
    const at = g - 2;
    const c = text.charCodeAt(at + 4);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) continue;
    const m = AGO_BEFORE_RE.exec(text.slice(Math.max(0, at - 29), at + 1));
    if (m) out.push(rawEntity(at + 1 - m[1].length, at + 4, 'date', 'date pattern'));
  }
}

const NUMBER_WORDS_TRIGGER = '(?:US\\$|[ACH]K?\\$|[Zz]ero|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Tt]hirt|[Ff]ift|[Ee]ighteen|[Tt]wenty|[Ff]orty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inet|[Hh]alf|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions|[Dd]ozens|[Ss]cores|[Tt]ens|[Aa] (?:dozen|hundred|thousand|million|billion)|[Ss]everal dozen|[Aa] few dozen|[Aa] couple of dozen)';
// (One combined regex here: split in two like DATE_TRIGGER it measured slower — the currency
// signs make the single-character class a slow scan.)
const NUMBER_TRIGGER_RE = new RegExp(`[0-9$€£¥₽₹₺₩]| ${NUMBER_WORDS_TRIGGER}|[\\n\\t("“‘\\[—–-]${NUMBER_WORDS_TRIGGER}`, 'g');

/** A bare small number word (no unit or scale attached). */
const LONE_SMALL_NUMBER = /^(?:one|two|three|four|five|six|seven|eight|nine|ten)$/;
const DETERMINER_ADJECTIVES = new Set<string>((NUMBERS_DATA as { determinerAdjectives?: string[] }).determinerAdjectives ?? []);

export function findNumbers(text: string, out: RawEntity[]): void {
  NUMBER_TRIGGER_RE.lastIndex = 0;
  let t0: RegExpExecArray | null;
  let first = true;
  while (first || (t0 = NUMBER_TRIGGER_RE.exec(text))) {
    let s = first ? 0 : t0!.index;
    const trig = first ? text.slice(0, 2) : t0![0];
    first = false;
    const c0 = text.charCodeAt(s);
    if (trig.length > 1 && !(c0 >= 65 && c0 <= 90) && !(c0 >= 97 && c0 <= 122) && c0 !== 36 && !(c0 >= 48 && c0 <= 57)) s++;
    if (s > 0) {
      const pc = text.charCodeAt(s - 1);
      if ((pc >= 48 && pc <= 57) || (pc >= 65 && pc <= 90) || (pc >= 97 && pc <= 122) || pc === 95) continue;
    }
    NUMBER_TRIGGER_RE.lastIndex = s + 1;
    NUMBER_RE.lastIndex = s;
    const m = NUMBER_RE.exec(text);
    if (!m) continue;
    let t = m[0];
    NUMBER_TRIGGER_RE.lastIndex = s + t.length;
    if (t.endsWith('.')) t = t.slice(0, -1);
    const lower = t.toLowerCase();
    // Lone "one" is mostly a pronoun/determiner ("one of", "no one", "one another").
    if (lower === 'one') {
      const before = text.slice(Math.max(0, s - 8), s).toLowerCase();
      const after = text.slice(s + 3, s + 12).toLowerCase();
      if (/(?:^|[^a-z])(?:no|any|every|each|the|this|that|which|some|someone|such)\s$/.test(before) || /^\s(?:of|another|day|thing|side|way|hand)\b/.test(after) || /^['’]s/.test(after)) continue;
    }
    // Pronoun-like uses: "The two met", "the two were", "these three, ..." (the ones already named,
    // not an amount; "the two countries" stays a number), and "One tricky issue" / "One key
    // question" (a certain one).
    if (LONE_SMALL_NUMBER.test(lower)) {
      const before = text.slice(Math.max(0, s - 7), s).toLowerCase();
      if (/(?:^|[^a-z])(?:the|these|those)\s$/.test(before)) {
        // used as a pronoun: followed by punctuation, a function word or a past-tense verb
        const next = /^(\s*)([A-Za-z]*)/.exec(text.slice(s + t.length, s + t.length + 24))!;
        const w = next[2].toLowerCase();
        if (!w || FUNCTION_WORDS.has(w) || ACTOR_VERBS.has(w) || /[a-z]ed$/.test(w)) continue;
      }
      if (lower === 'one') {
        const next = /^\s+([a-z]+)/.exec(text.slice(s + 3, s + 24));
        if (next && (DETERMINER_ADJECTIVES.has(next[1]) || /(?:ous|ful|able|ible)$/.test(next[1]))) continue;
      }
    }
    // Capitalised number words at a sentence start in names ("One Direction") are rare; keep.
    out.push(rawEntity(s, s + t.length, 'number', 'number pattern'));
  }
}
