// Factmark engine entry point: analyse a news text into sentences, zones, entities, coreference
// clusters and quoted speech. Pure TypeScript; positions are UTF-16 offsets, end exclusive.
//
// Pipeline: paragraphs/sentences (recognize/sentences) -> zones: headline, dateline, byline, footer,
// boilerplate (recognize/zones) -> dates and numbers (recognize/temporal) -> person/place/organization
// names (recognize/names) -> overlap resolution -> acronyms defined in parentheses -> coreference
// clusters (recognize/coref) -> quoted speech and speakers (recognize/quotes).
//
// Typing policy: points in time are `date` ("Wednesday", "December 2024", "late 2019", "a decade
// ago"); amounts, including durations ("10 months", "14-year", "two and a half hours"), are `number`.
// Countries and cities stay `place` even when they act ("Moscow said": role 'actor'). A country or
// demonym followed by army/government/forces etc. ("the Syrian army", "U.S. forces") is an
// `organization`. Demonyms used as adjectives ("Syrian civil war") are not entities.
import type { Analysis, AnalyzeOptions, Span } from './types';
import { rawEntity, type RawEntity } from './recognize/raw';
import { splitParagraphs, splitSentences } from './recognize/sentences';
import { detectZones } from './recognize/zones';
import { findDates, findNumbers } from './recognize/temporal';
import { findNames } from './recognize/names';
import { buildClusters } from './recognize/coref';
import { lookupPhrase } from './recognize/lexicon';
import { findQuotes } from './recognize/quotes';

/** Blank out Markdown syntax that is not prose (code, link targets, front matter, HTML tags), keeping offsets. */
export function maskMarkdown(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  let t = text;
  t = t.replace(/^---\n[\s\S]*?\n---(?=\n|$)/, blank); // front matter
  t = t.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:\n\1[^\n]*|$)/gm, blank); // fenced code
  t = t.replace(/`[^`\n]+`/g, blank); // inline code
  t = t.replace(/\]\([^)\n]*\)/g, (m) => ']' + ' '.repeat(m.length - 1)); // link targets
  t = t.replace(/<\/?[A-Za-z][^>\n]*>/g, blank); // HTML tags
  t = t.replace(/^(\s{0,3})(#{1,6}|>+|[-*+]|\d+[.)])(?=\s)/gm, (m) => ' '.repeat(m.length)); // block markers
  t = t.replace(/(\*\*|__|\*|_)(?=\S)([^*_\n]+?)(?<=\S)\1/g, (m, mark: string, inner: string) => ' '.repeat(mark.length) + inner + ' '.repeat(mark.length));
  return t;
}

const TYPE_PRIORITY: Record<string, number> = { person: 3, place: 3, organization: 3, date: 2, number: 1 };

const byStartThenLongest = (a: RawEntity, b: RawEntity) => a.start - b.start || b.end - a.end;

function resolveOverlaps(list: RawEntity[]): RawEntity[] {
  list.sort(byStartThenLongest);
  return resolveSortedOverlaps(list);
}

/**
 * resolveOverlaps([...a, ...b, ...]): the parts (each almost always in order already) are merged
 * instead of sorting their concatenation — the same order, as the sort is stable and ties are
 * taken from the earlier part first.
 */
function resolveOverlapsOf(parts: RawEntity[][]): RawEntity[] {
  let acc: RawEntity[] = [];
  for (const p of parts) acc = mergeStable(acc, inOrder(p) ? p : p.slice().sort(byStartThenLongest));
  return resolveSortedOverlaps(acc);
}
function inOrder(list: RawEntity[]): boolean {
  for (let i = 1; i < list.length; i++) if (byStartThenLongest(list[i - 1], list[i]) > 0) return false;
  return true;
}
function mergeStable(a: RawEntity[], b: RawEntity[]): RawEntity[] {
  if (!a.length) return b.slice();
  if (!b.length) return a;
  const out: RawEntity[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = byStartThenLongest(b[j], a[i]) < 0 ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

const overlapScore = (x: RawEntity) => (x.strength === 'weak' ? 1.5 : TYPE_PRIORITY[x.type]) * 1000 + (x.end - x.start);

function resolveSortedOverlaps(list: RawEntity[]): RawEntity[] {
  const out: RawEntity[] = [];
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e.end <= e.start) continue;
    const last = out[out.length - 1];
    if (!last || e.start >= last.end) {
      out.push(e);
      continue;
    }
    if (overlapScore(e) > overlapScore(last)) {
      out.pop();
      // The new one may still overlap an earlier kept entity.
      while (out.length && out[out.length - 1].end > e.start) out.pop();
      out.push(e);
    }
  }
  return out;
}

const ACRONYM_PAREN_RE = /^[ \u00a0]*\(\s*$/;

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const work = options.markdown ? maskMarkdown(text) : text;
  const paragraphs = splitParagraphs(work);
  const sentences = splitSentences(work, paragraphs);
  if (work !== text) for (const s of sentences) s.text = text.slice(s.start, s.end);
  const { zones, datelines } = detectZones(text, options.markdown === true);

  const raws: RawEntity[] = [];
  for (const d of datelines) {
    raws.push(rawEntity(d.place.start, d.place.end, 'place', 'dateline', [work.slice(d.place.start, d.place.end)], 'strong'));
    if (d.agency) {
      const a = work.slice(d.agency.start, d.agency.end);
      raws.push(rawEntity(d.agency.start, d.agency.end, lookupPhrase(a)?.type ?? 'organization', 'dateline agency', [a], 'strong'));
    }
  }
  const temporal: RawEntity[] = [];
  findDates(work, temporal);
  const dates = resolveOverlaps(temporal.slice());
  const numbers: RawEntity[] = [];
  findNumbers(work, numbers);

  const claimed: Span[] = [...raws, ...dates].sort((a, b) => a.start - b.start);
  const sentenceStarts = sentences.map((s) => s.start);
  const headlines: Array<Span & { kind?: string }> = zones.filter((z) => z.kind === 'headline' || z.kind === 'footer');
  // Paragraphs written in capitals throughout: every capital is positional, as in a headline.
  const caps = allCapsLines(work);
  if (caps.length) {
    for (const c of caps) headlines.push(c); // (no spread of an unbounded list)
    headlines.sort((a, b) => a.start - b.start);
  }
  const names = findNames({ text: work, sentenceStarts, headlines, claimed });

  const all = resolveOverlapsOf([raws, names, dates, numbers]);

  // Acronyms defined in parentheses: "Hayat Tahrir Al Sham (HTS)"; later bare "HTS" is the same.
  const acronyms = new Map<number, number>(); // index of acronym mention -> index of defining mention
  const acronymDef = new Map<string, number>();
  for (let i = 0; i < all.length; i++) {
    const e = all[i];
    if (e.type === 'date' || e.type === 'number') continue;
    if (acronymDef.size && e.end - e.start <= 10 && isUpperAt(work, e.start) && isUpperAt(work, e.start + 1)) {
      const surface = work.slice(e.start, e.end);
      const def = acronymDef.get(surface);
      if (def !== undefined && def !== i && /^[\p{Lu}\p{N}&\-.]+$/u.test(surface)) {
        e.type = all[def].type;
        acronyms.set(i, def);
        continue;
      }
    }
    const next = all[i + 1];
    if (next && work.charCodeAt(next.start - 1) === 40 && next.type !== 'date' && next.type !== 'number' && ACRONYM_PAREN_RE.test(work.slice(e.end, next.start)) && work[next.end] === ')') {
      const surface = work.slice(e.start, e.end);
      const acr = work.slice(next.start, next.end);
      if (/^[\p{Lu}\p{N}&\-.]{2,10}$/u.test(acr) && !next.reason?.startsWith('dateline') && initialsPlausible(surface, acr)) {
        next.type = e.type;
        next.reason = 'acronym of ' + surface;
        acronymDef.set(acr, i);
      }
    }
  }

  const { entities, clusters } = buildClusters(text, all, acronyms);
  const quotes = findQuotes(text, { entities, clusters, sentences });
  return {
    length: text.length,
    entities,
    clusters,
    quotes,
    sentences,
    zones: zones.map((z) => ({ start: z.start, end: z.end, kind: z.kind })),
  };
}

/** Lines with no lower-case letter and at least four capitalised words (all-caps text). */
function allCapsLines(text: string): Array<Span & { kind: 'headline' }> {
  const out: Array<Span & { kind: 'headline' }> = [];
  let s = 0;
  while (s < text.length) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    if (e - s >= 24) {
      // Most lines have a lower-case letter within the first few characters: stop there.
      let k = s;
      while (k < e) {
        const c = text.charCodeAt(k);
        if (c >= 97 && c <= 122) break;
        k++;
      }
      if (k === e && (text.slice(s, e).match(/\b[A-Z]{2,}/g)?.length ?? 0) >= 4) out.push({ start: s, end: e, kind: 'headline' });
    }
    s = e + 1;
  }
  return out;
}

function isUpperAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return (c >= 65 && c <= 90) || (c > 127 && t[i] !== t[i].toLowerCase());
}

/** "Hayat Tahrir Al Sham" / "HTS": the acronym's letters appear as word initials in order. */
function initialsPlausible(name: string, acr: string): boolean {
  const initials = name.split(/[\s\-‐]+/).filter(Boolean).map((w) => w[0].toUpperCase()).join('');
  const letters = acr.replace(/[^\p{Lu}]/gu, '');
  let j = 0;
  for (let i = 0; i < initials.length && j < letters.length; i++) if (initials[i] === letters[j]) j++;
  return j === letters.length && initials.length >= 2;
}

