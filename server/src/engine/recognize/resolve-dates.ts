// Resolving the recogniser's date mentions to calendar values, relative to a reference date (the
// source's publication date): "Wednesday" → 2025-10-15, "last December" → 2024-12, "earlier this
// week" → 2025-10-13/2025-10-14, "10 months ago" → 2024-12. Absolute dates resolve without one.
//
// Hand-written over the spans temporal.ts already recognises (not a general date parser on the
// whole text): the forms are a closed set, news conventions decide ambiguous cases (a bare weekday
// is the most recent one, or the next one after a future cue such as "will"), and it costs nothing
// during analysis — values are computed on demand for a hover or `analyze --format json`.
// Values are ISO 8601: a day (2025-10-15), a month (2024-12), a year (2019), or an interval of two
// of them (2025-10-13/2025-10-14).
import type { Analysis, Entity } from '../types';
import { MONTHS, NUMBER_WORDS } from './lexicon';

export interface ResolvedDate {
  /** ISO 8601 day, month, year or interval "a/b". */
  value: string;
  /** For people: "Wed 15 Oct 2025", "Dec 2024", "Mon 13 – Tue 14 Oct 2025". */
  label: string;
  /** Needed the reference date (a relative expression). */
  relative: boolean;
}

const DAY_MS = 86_400_000;
const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAY_INDEX: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

/** A calendar day as a UTC midnight timestamp. */
type Day = number;

const day = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d);
const ymd = (t: Day) => {
  const d = new Date(t);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), wd: d.getUTCDay() };
};
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDay = (t: Day) => {
  const { y, m, d } = ymd(t);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
};
const isoMonth = (y: number, m: number) => `${pad(y, 4)}-${pad(m)}`;
const addMonths = (y: number, m: number, n: number) => {
  const k = y * 12 + (m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12) + 1 };
};
const dayLabel = (t: Day) => {
  const { y, m, d, wd } = ymd(t);
  return `${WEEKDAY_NAMES[wd]} ${d} ${MONTH_NAMES[m - 1]} ${y}`;
};
const monthLabel = (y: number, m: number) => `${MONTH_NAMES[m - 1]} ${y}`;

/** Parses "YYYY-MM-DD" (or a longer ISO date-time) to a day; undefined when it is not a valid date. */
export function parseIsoDay(s: string | undefined): Day | undefined {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim()) : null;
  if (!m) return undefined;
  const t = day(+m[1], +m[2], +m[3]);
  const back = ymd(t);
  return back.m === +m[2] && back.d === +m[3] ? t : undefined;
}

function oneDay(t: Day, relative: boolean): ResolvedDate {
  return { value: isoDay(t), label: dayLabel(t), relative };
}
function dayRange(a: Day, b: Day, relative: boolean): ResolvedDate {
  if (a === b) return oneDay(a, relative);
  return { value: `${isoDay(a)}/${isoDay(b)}`, label: `${dayLabel(a)} – ${dayLabel(b)}`, relative };
}
function oneMonth(y: number, m: number, relative: boolean): ResolvedDate {
  return { value: isoMonth(y, m), label: monthLabel(y, m), relative };
}
function monthRange(y1: number, m1: number, y2: number, m2: number, relative: boolean): ResolvedDate {
  return { value: `${isoMonth(y1, m1)}/${isoMonth(y2, m2)}`, label: `${monthLabel(y1, m1)} – ${monthLabel(y2, m2)}`, relative };
}
function oneYear(y: number, relative: boolean): ResolvedDate {
  return { value: pad(y, 4), label: String(y), relative };
}
function yearRange(a: number, b: number, relative: boolean): ResolvedDate {
  return { value: `${pad(a, 4)}/${pad(b, 4)}`, label: `${a}–${b}`, relative };
}

const monthOf = (w: string) => MONTHS.get(w.toLowerCase().replace(/\.$/, ''));
const numberOf = (w: string): number | undefined => {
  const l = w.toLowerCase();
  if (/^\d+$/.test(l)) return +l;
  if (l === 'a' || l === 'an') return 1;
  return NUMBER_WORDS.get(l);
};

/** Monday of the ISO week containing t. */
const mondayOf = (t: Day) => t - ((ymd(t).wd + 6) % 7) * DAY_MS;

/** Words before the date in its sentence that make a bare weekday/month point forward. */
const FUTURE_CUE = /\b(?:will|would|shall|is due|are due|is expected to|are expected to|is scheduled|are scheduled|plans? to|planned for|scheduled for|set to|next|upcoming|until|by)\b/i;

export interface ResolveContext {
  /** Text of the sentence before the mention (for future cues such as "will"). */
  before?: string;
}

/**
 * The calendar value of a date mention's text, or null when it cannot be resolved (times of day,
 * seasons, a relative expression without a reference date, vague spans such as "a few years ago").
 */
export function resolveDate(mention: string, ref: Day | undefined, ctx: ResolveContext = {}): ResolvedDate | null {
  const s = mention.replace(/\s+/g, ' ').trim().replace(/^(?:on|in|since|from|by|until) /i, '');
  const lower = s.toLowerCase();
  const future = ctx.before ? FUTURE_CUE.test(ctx.before.slice(-80)) : false;
  let m: RegExpExecArray | null;

  // ISO date (time ignored)
  if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s))) {
    const t = parseIsoDay(m[0]);
    return t === undefined ? null : oneDay(t, false);
  }
  // 15/10/2025, 15.10.2025: only when day and month cannot be confused
  if ((m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$/.exec(s))) {
    const a = +m[1];
    const b = +m[2];
    const y = m[3].length === 2 ? 2000 + +m[3] : +m[3];
    if (a > 12 && b <= 12) return validDay(y, b, a);
    if (b > 12 && a <= 12) return validDay(y, a, b);
    return a === b ? validDay(y, a, b) : null;
  }
  // Weekday forms: (last|next|this) Wednesday (morning)(, Oct 15(, 2025) | 15 October (2025))
  if ((m = /^(?:(last|next|this|coming|past) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:morning|afternoon|evening|night))?(?:,? (.*))?$/i.exec(s))) {
    if (m[3]) {
      const explicit = resolveDate(m[3], ref, ctx);
      if (explicit && /^\d{4}-\d{2}-\d{2}$/.test(explicit.value)) return explicit;
    }
    if (ref === undefined) return null;
    const target = WEEKDAY_INDEX[m[2].toLowerCase()];
    const wd = ymd(ref).wd;
    const mod = m[1]?.toLowerCase();
    const back = (wd - target + 7) % 7; // days back to the most recent one (0 = the reference day)
    const fwd = (target - wd + 7) % 7;
    let t: Day;
    if (mod === 'last' || mod === 'past') t = ref - (back === 0 ? 7 : back) * DAY_MS;
    else if (mod === 'next' || mod === 'coming') t = ref + (fwd === 0 ? 7 : fwd) * DAY_MS;
    else if (mod === 'this') t = mondayOf(ref) + ((target + 6) % 7) * DAY_MS;
    else t = future ? ref + fwd * DAY_MS : ref - back * DAY_MS;
    return oneDay(t, true);
  }
  // today / tonight / yesterday / tomorrow
  if (/^(?:today|tonight|overnight)$/.test(lower)) return ref === undefined ? null : oneDay(ref, true);
  if (lower === 'yesterday') return ref === undefined ? null : oneDay(ref - DAY_MS, true);
  if (lower === 'tomorrow') return ref === undefined ? null : oneDay(ref + DAY_MS, true);
  // 15 October (2025), 15th of October
  if ((m = /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([A-Za-z]+\.?),?(?: (\d{4}))?$/.exec(s)) && monthOf(m[2])) {
    return dayOfMonth(monthOf(m[2])!, +m[1], m[3] ? +m[3] : undefined, ref, future);
  }
  // October 15(, 2025) / Oct. 15
  if ((m = /^([A-Za-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$/.exec(s)) && monthOf(m[1])) {
    return dayOfMonth(monthOf(m[1])!, +m[2], m[3] ? +m[3] : undefined, ref, future);
  }
  // (early|mid|late|last|next|this) December (2024)
  if ((m = /^(?:(early|mid|late|last|next|this|past|coming)[ -])?([A-Za-z]+\.?)(?:,? (\d{4}))?$/i.exec(s)) && monthOf(m[2])) {
    const month = monthOf(m[2])!;
    const mod = m[1]?.toLowerCase();
    let y: number;
    let relative = false;
    if (m[3]) y = +m[3];
    else {
      if (ref === undefined) return null;
      relative = true;
      const r = ymd(ref);
      if (mod === 'last' || mod === 'past') y = month < r.m ? r.y : r.y - 1;
      else if (mod === 'next' || mod === 'coming') y = month > r.m ? r.y : r.y + 1;
      else if (mod === 'this') y = r.y;
      else y = future ? (month >= r.m ? r.y : r.y + 1) : month <= r.m ? r.y : r.y - 1;
    }
    if (mod === 'early') return dayRange(day(y, month, 1), day(y, month, 10), relative);
    if (mod === 'mid') return dayRange(day(y, month, 11), day(y, month, 20), relative);
    if (mod === 'late') return dayRange(day(y, month, 21), day(y, month + 1, 0), relative);
    return oneMonth(y, month, relative);
  }
  // years: 2015, late 2019, mid-2019, the 1990s, 2011-2015, 2011-15
  if ((m = /^(?:(early|mid|late)[ -])?(\d{4})(s)?(?:[-–](\d{4}|\d{2}))?$/i.exec(s))) {
    const y = +m[2];
    if (m[3]) return yearRange(y, y + (y % 100 === 0 ? 99 : 9), false);
    if (m[4]) {
      const y2 = m[4].length === 2 ? Math.floor(y / 100) * 100 + +m[4] : +m[4];
      return y2 > y ? yearRange(y, y2, false) : null;
    }
    const mod = m[1]?.toLowerCase();
    if (mod === 'early') return monthRange(y, 1, y, 4, false);
    if (mod === 'mid') return monthRange(y, 5, y, 8, false);
    if (mod === 'late') return monthRange(y, 9, y, 12, false);
    return oneYear(y, false);
  }
  // (earlier|later) (last|next|this|coming|past) year/month/week/weekend/decade/century/morning...
  if ((m = /^(?:(earlier|later) )?(last|next|this|coming|past) (year|month|week|weekend|decade|century|morning|afternoon|evening|night)$/i.exec(s))) {
    if (ref === undefined) return null;
    const edge = m[1]?.toLowerCase();
    const which = m[2].toLowerCase();
    const unit = m[3].toLowerCase();
    const shift = which === 'last' || which === 'past' ? -1 : which === 'next' || which === 'coming' ? 1 : 0;
    const r = ymd(ref);
    if (unit === 'morning' || unit === 'afternoon' || unit === 'evening' || unit === 'night') {
      return oneDay(ref + (which === 'last' ? -DAY_MS : which === 'this' ? 0 : DAY_MS), true);
    }
    let a: Day;
    let b: Day;
    if (unit === 'year') {
      if (which === 'past') return dayRange(day(r.y - 1, r.m, r.d), ref, true);
      a = day(r.y + shift, 1, 1);
      b = day(r.y + shift, 12, 31);
    } else if (unit === 'month') {
      if (which === 'past') return dayRange(ref - 30 * DAY_MS, ref, true);
      const x = addMonths(r.y, r.m, shift);
      a = day(x.y, x.m, 1);
      b = day(x.y, x.m + 1, 0);
    } else if (unit === 'week') {
      if (which === 'past') return dayRange(ref - 7 * DAY_MS, ref, true);
      a = mondayOf(ref) + shift * 7 * DAY_MS;
      b = a + 6 * DAY_MS;
    } else if (unit === 'weekend') {
      // the Saturday before this week's Monday, this week's, or the one after
      const base = mondayOf(ref) + (shift < 0 ? -2 : shift > 0 ? 12 : 5) * DAY_MS;
      a = base;
      b = base + DAY_MS;
    } else if (unit === 'decade') {
      if (which === 'past' || which === 'last') return yearRange(r.y - 10, r.y, true);
      return which === 'this' ? yearRange(r.y - (r.y % 10), r.y - (r.y % 10) + 9, true) : yearRange(r.y, r.y + 10, true);
    } else {
      if (which === 'past' || which === 'last') return yearRange(r.y - 100, r.y, true);
      const c = Math.floor((r.y - 1) / 100) * 100 + 1;
      return which === 'this' ? yearRange(c, c + 99, true) : yearRange(c + 100, c + 199, true);
    }
    // earlier this week: from its start to the day before; later this week: the day after to its end
    if (edge === 'earlier' && shift === 0) b = Math.max(a, ref - DAY_MS);
    else if (edge === 'later' && shift === 0) a = Math.min(b, ref + DAY_MS);
    if (unit === 'year' && !edge) return oneYear(ymd(a).y, true);
    if (unit === 'month' && !edge) return oneMonth(ymd(a).y, ymd(a).m, true);
    return dayRange(a, b, true);
  }
  // N units ago
  if ((m = /^(\S+) (years?|months?|weeks?|days?|decades?|centuries|century|hours?|minutes?) ago$/i.exec(s))) {
    if (ref === undefined) return null;
    const n = numberOf(m[1]);
    if (n === undefined) return null; // "several", "a few", "many": no value
    const unit = m[2].toLowerCase().replace(/s$/, '');
    const r = ymd(ref);
    if (unit === 'year') return oneYear(r.y - n, true);
    if (unit === 'decade') return oneYear(r.y - 10 * n, true);
    if (unit === 'centurie' || unit === 'century') return oneYear(r.y - 100 * n, true);
    if (unit === 'month') {
      const x = addMonths(r.y, r.m, -n);
      return oneMonth(x.y, x.m, true);
    }
    if (unit === 'week') return oneDay(ref - 7 * n * DAY_MS, true);
    if (unit === 'day') return oneDay(ref - n * DAY_MS, true);
    return oneDay(ref, true); // hours / minutes ago: the same day
  }
  // the first/second/third/fourth quarter (of 2024 | of the year | of this/last/next year), first half
  if ((m = /^(first|second|third|fourth|final) (quarter|half) of (?:(\d{4})|the year|this year|(last) year|(next) year)$/i.exec(s))) {
    let y: number;
    if (m[3]) y = +m[3];
    else {
      if (ref === undefined) return null;
      y = ymd(ref).y + (m[4] ? -1 : m[5] ? 1 : 0);
    }
    const n = { first: 1, second: 2, third: 3, fourth: 4, final: 0 }[m[1].toLowerCase() as 'first'] ?? 1;
    const relative = !m[3];
    if (m[2].toLowerCase() === 'quarter') {
      const q = n === 0 ? 4 : n;
      return monthRange(y, 3 * q - 2, y, 3 * q, relative);
    }
    const h = n === 0 ? 2 : n;
    return h > 2 ? null : monthRange(y, h === 1 ? 1 : 7, y, h === 1 ? 6 : 12, relative);
  }
  return null;
}

function validDay(y: number, m: number, d: number): ResolvedDate | null {
  const t = day(y, m, d);
  const back = ymd(t);
  return back.m === m && back.d === d ? oneDay(t, false) : null;
}

/** "15 October" without a year: the occurrence nearest the reference (past unless a future cue). */
function dayOfMonth(month: number, d: number, year: number | undefined, ref: Day | undefined, future: boolean): ResolvedDate | null {
  if (year !== undefined) return validDay(year, month, d);
  if (ref === undefined) return null;
  const r = ymd(ref);
  const candidates = [r.y - 1, r.y, r.y + 1].map((y) => day(y, month, d));
  const pick = future ? candidates.find((t) => t >= ref) : [...candidates].reverse().find((t) => t <= ref);
  const t = pick ?? candidates[1];
  const v = validDay(ymd(t).y, month, d);
  return v ? { ...v, relative: true } : null;
}

/**
 * The reference date a document gives itself: the first full date (day, month and year) in a
 * dateline zone or the first lines of the text ("date 2025-10-15", "MOSCOW, Oct 15, 2025 (AFP) -").
 */
export function datelineDate(analysis: Analysis, text: string): Day | undefined {
  const zones = (analysis.zones ?? []).filter((z) => z.kind === 'dateline' || z.kind === 'byline');
  const head = Math.min(text.length, Math.max(200, text.indexOf('\n') + 1));
  for (const e of analysis.entities) {
    if (e.type !== 'date') continue;
    const inZone = zones.some((z) => e.start >= z.start && e.end <= z.end);
    if (!inZone && e.start > head) break;
    const r = resolveDate(e.text, undefined);
    if (r && /^\d{4}-\d{2}-\d{2}$/.test(r.value)) return parseIsoDay(r.value);
  }
  return undefined;
}

/** Resolve one date entity of a document (with the text before it in its sentence as context). */
export function resolveDateEntity(e: Entity, text: string, analysis: Analysis, ref: Day | undefined): ResolvedDate | null {
  if (e.type !== 'date') return null;
  // binary search for the sentence containing the mention
  const ss = analysis.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ss[mid].start <= e.start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const start = at >= 0 && e.start < ss[at].end ? ss[at].start : Math.max(0, e.start - 80);
  return resolveDate(e.text, ref, { before: text.slice(start, e.start) });
}

export function formatDay(t: Day): string {
  return dayLabel(t);
}
export function isoOfDay(t: Day): string {
  return isoDay(t);
}
