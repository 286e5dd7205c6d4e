// Zones: headline, dateline, byline, footer and boilerplate lines (not prose).
import type { Span } from '../types';
import { COMMON_WORDS, NON_ORG_ACRONYMS, TITLES, fold } from './lexicon';

export type ZoneKind = 'headline' | 'dateline' | 'byline' | 'footer' | 'boilerplate';
export interface Zone extends Span {
  kind: ZoneKind;
}

/** Extra detail for datelines: where the place and the agency are. */
export interface Dateline extends Span {
  place: Span;
  agency?: Span;
}

// "BEIRUT -", "CAIRO, Oct 15 (AP) -", "WASHINGTON (Reuters) —", "DAMASCUS, Syria, Oct. 15 -"
const DATELINE_RE =
  /^[ \t]*(\p{Lu}[\p{Lu}'’.\- ]{1,40}?\p{Lu}\.?)(?:,[ \t]*\p{Lu}[\p{L}.]*(?:[ \t]\p{Lu}[\p{L}.]*)*)?(?:,?[ \t]*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?)?[ \t]*(?:\(([\p{L}][\p{L}\p{N} .&’'-]{0,40})\))?[ \t]*(?:[-–—]{1,2}|:)[ \t]+(?=\S)/u;
// "By Jane Smith", "By Jane Smith and John Doe, Reuters", "By JANE SMITH"
const BYLINE_RE = /^[ \t]*(?:By|BY|Written by|Reporting by|Story by)[ \t]+\p{Lu}[\p{L}'’.\-]*(?:[ \t,&]+(?:and[ \t]+)?\p{Lu}[\p{L}'’.\-]*|[ \t]+(?:de|van|von|al|bin|der|la|le|du)(?=[ \t]))*[ \t]*(?:[|,;–—-].{0,80})?$/u;
// Footers / page furniture.
const FOOTER_RE =
  /^[ \t]*[(\[]?(?:Subscribe\b|Join us\b|Sign up\b|Comments? About\b|Comments?\s*$|Please fill\b|Bonus video\b|Read more\b|Read also\b|Related\s*(?:articles?|stories|:)|Follow us\b|Share this\b|Copyright\b|©|\(c\)\s*\d{4}|All rights reserved\b|Click here\b|Download (?:the|our)\b|Advertisement\s*$|Reporting by\b|Editing by\b|Writing by\b|Additional reporting\b|Compiled by\b|Newsletter\b|Leave a comment\b|Tags?:|Topics?:|More from\b|Recommended\b|Most read\b|Watch:)/i;
const TERMINAL = /(?:[.!?:]["'”’)]?|\bsaid|\bsays)\s*$/;

const isWs = (c: number) => c === 32 || c === 9 || c === 13 || c === 10 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x3000;
function lineSpans(text: string): Span[] {
  const out: Span[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let s = pos;
    let e = nl;
    while (s < e && isWs(text.charCodeAt(s))) s++;
    while (e > s && isWs(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
    pos = nl + 1;
  }
  return out;
}

/** JS `\s` (the class used by split(/\s+/)). */
function isJsSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
/** Same as line.split(/\s+/).length (one piece more than there are whitespace runs), without the array. */
function splitCount(line: string): number {
  let n = 1;
  let inRun = false;
  for (let i = 0; i < line.length; i++) {
    const sp = isJsSpace(line.charCodeAt(i));
    if (sp && !inRun) n++;
    inRun = sp;
  }
  return n;
}

/** Share of words (3+ letters, not function words) that start with a capital. */
function titleCaseRatio(line: string): number {
  const words = line.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  let n = 0;
  let caps = 0;
  for (const w of words) {
    if (w.length < 4) continue;
    n++;
    if (/^\p{Lu}/u.test(w)) caps++;
  }
  return n === 0 ? 0 : caps / n;
}

export function detectZones(text: string, markdown = false): { zones: Zone[]; datelines: Dateline[] } {
  const zones: Zone[] = [];
  const datelines: Dateline[] = [];
  const lines = lineSpans(text);
  const total = text.length;
  let footerFrom = -1;
  for (let i = 0; i < lines.length; i++) {
    const { start, end } = lines[i];
    const line = end - start > 400 ? text.slice(start, start + 400) : text.slice(start, end);
    if (footerFrom >= 0) {
      zones.push({ start, end, kind: 'footer' });
      continue;
    }
    if (markdown && /^#{1,6}\s/.test(line)) {
      zones.push({ start, end, kind: 'headline' });
      continue;
    }
    if (end - start < 300 && FOOTER_RE.test(line)) {
      // Page furniture near the end: everything after it is footer too.
      if (start > total * 0.5) footerFrom = start;
      zones.push({ start, end, kind: 'footer' });
      continue;
    }
    if (end - start < 120 && /^\s*(?:By|BY|Written|Reporting|Story)\b/.test(line) && BYLINE_RE.test(line)) {
      zones.push({ start, end, kind: 'byline' });
      continue;
    }
    if (i < 6 || start < total * 0.2) {
      const dm = DATELINE_RE.exec(line);
      // "SECRETARY KERRY:", "MR KIRBY:" in a transcript are speaker labels, not datelines.
      // "QUESTION:", "ANSWER:", "UPDATE:" in capitals are labels, not places.
      if (dm && dm[1].length >= 3 && dm[1] === dm[1].toUpperCase() && !TITLES.has(fold(dm[1].split(/[\s.]+/)[0])) && !NON_ORG_ACRONYMS.has(dm[1]) && !COMMON_WORDS.has(fold(dm[1]))) {
        const placeStart = start + line.indexOf(dm[1]);
        const dl: Dateline = { start, end: start + dm[0].trimEnd().length, place: { start: placeStart, end: placeStart + dm[1].replace(/[.\s]+$/, '').length } };
        if (dm[2]) {
          const a = line.indexOf('(' + dm[2] + ')');
          if (a >= 0) dl.agency = { start: start + a + 1, end: start + a + 1 + dm[2].length };
        }
        datelines.push(dl);
        zones.push({ start: dl.start, end: dl.end, kind: 'dateline' });
        continue;
      }
    }
    const words = end - start > 200 ? 99 : splitCount(line);
    // Outlet signature: the last line of the text, a short name with no punctuation.
    if (i === lines.length - 1 && i > 0 && words <= 5 && !/[.!?,:;"“”]/.test(line) && titleCaseRatio(line) >= 0.99) {
      zones.push({ start, end, kind: 'boilerplate' });
      continue;
    }
    // Headline: short line without sentence-final punctuation that is mostly Title Case,
    // or the first line of the document standing alone before a blank line.
    // (the cheap word count first: TERMINAL, anchored only at the end, is tried at every position)
    if (words <= 20 && words >= 2 && !TERMINAL.test(line)) {
      const ratio = titleCaseRatio(line);
      const firstAlone = i === 0 && /\n[ \t]*\r?\n/.test(text.slice(end, end + 4));
      if (ratio >= 0.75 || (firstAlone && ratio >= 0.5)) {
        zones.push({ start, end, kind: 'headline' });
        continue;
      }
    }
  }
  return { zones, datelines };
}
