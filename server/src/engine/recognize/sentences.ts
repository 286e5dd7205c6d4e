// Paragraph and sentence splitting. Linear scans with precompiled regexes.
import type { Sentence, Span } from '../types';
import { ABBREVIATIONS } from './lexicon';

const LINE_END_PUNCT = /[.!?:;"'”’»)\]…]\s*$/;

/**
 * Paragraphs: separated by blank lines; a single newline also separates paragraphs unless the
 * line looks hard-wrapped (long, does not end a sentence, and the next line goes on in lower case
 * or the line is as long as a typical wrapped line).
 */
export function splitParagraphs(text: string): Span[] {
  const paras: Span[] = [];
  let paraStart = -1;
  let paraEnd = -1;
  let pos = 0;
  const n = text.length;
  while (pos <= n) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    // line = [pos, nl)
    let ls = pos;
    let le = nl;
    while (ls < le && isSpace(text.charCodeAt(ls))) ls++;
    while (le > ls && isSpace(text.charCodeAt(le - 1))) le--;
    if (ls === le) {
      if (paraStart >= 0) paras.push({ start: paraStart, end: paraEnd });
      paraStart = -1;
    } else {
      if (paraStart < 0) paraStart = ls;
      paraEnd = le;
      // Decide whether the newline after this line ends the paragraph.
      if (nl < n) {
        const lineLen = le - ls;
        const endsSentence = LINE_END_PUNCT.test(text.slice(Math.max(ls, le - 3), le));
        let next = nl + 1;
        while (next < n && (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9)) next++;
        const nextCh = next < n ? text.charCodeAt(next) : 0;
        const nextLower = nextCh >= 97 && nextCh <= 122;
        const wrapped = !endsSentence && (nextLower || lineLen >= 60) && !/^[#>*\-+]|^\d+[.)]\s/.test(text.slice(next, next + 3));
        if (!wrapped) {
          paras.push({ start: paraStart, end: paraEnd });
          paraStart = -1;
        }
      }
    }
    pos = nl + 1;
  }
  if (paraStart >= 0) paras.push({ start: paraStart, end: paraEnd });
  return paras;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xa0 || c === 0x2009 || c === 0x202f;
}

// A sentence end: terminal punctuation, optional closing quotes/brackets, then whitespace — the
// regex /[.!?…]+["'”’»)\]]*(?=\s)/, matched by hand so that the search stops at the paragraph's
// end (a regex search runs on to the end of the text: quadratic on a list of lines with no final
// punctuation) and a long run of punctuation is read once (the regex retried it from every dot).
const isEndPunct = (c: number) => c === 46 || c === 33 || c === 63 || c === 0x2026;
const isCloser = (c: number) => c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 41 || c === 93;
const WS_RE = /\s/;

/** The next sentence end at or after `from` that starts before `limit`: [start, end) or null. */
function nextEnd(text: string, from: number, limit: number): [number, number] | null {
  const n = text.length;
  let i = from;
  while (i < limit) {
    if (!isEndPunct(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isEndPunct(text.charCodeAt(j))) j++;
    while (j < n && isCloser(text.charCodeAt(j))) j++;
    if (j < n && WS_RE.test(text[j])) return [i, j];
    i = j; // no end can start inside this run
  }
  return null;
}

/** Sentences within paragraphs; abbreviations ("Oct.", "U.S.", "Mr.") and initials do not end a sentence. */
export function splitSentences(text: string, paragraphs: Span[]): Sentence[] {
  const out: Sentence[] = [];
  for (let p = 0; p < paragraphs.length; p++) {
    const { start: ps, end: pe } = paragraphs[p];
    let sStart = ps;
    let m: [number, number] | null;
    let from = ps;
    while ((m = nextEnd(text, from, pe))) {
      const [mIndex, endPos] = m;
      from = endPos;
      if (endPos >= pe) break;
      if (endPos - mIndex === 1 && text.charCodeAt(mIndex) === 46 && isAbbreviationBefore(text, mIndex, sStart)) continue;
      // Next non-space character must plausibly start a sentence.
      let k = endPos;
      while (k < pe && isSpace(text.charCodeAt(k))) k++;
      const ch = text[k];
      if (!ch || !/[\p{Lu}\p{N}"'“‘«(\[¿¡—–-]/u.test(ch)) continue;
      pushSentence(text, sStart, endPos, p, out);
      sStart = k;
    }
    pushSentence(text, sStart, pe, p, out);
  }
  return out;
}

function isAbbreviationBefore(text: string, dot: number, min: number): boolean {
  // The word (letters and inner dots) right before the period.
  let b = dot;
  while (b > min && dot - b < 12) {
    const c = text.charCodeAt(b - 1);
    if (c === 46 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && /\p{L}/u.test(text[b - 1]))) b--;
    else break;
  }
  if (b === dot) return false;
  const w = text.slice(b, dot);
  const c0 = w.charCodeAt(0);
  if (w.length === 1) return (c0 >= 65 && c0 <= 90) || (c0 > 127 && w !== w.toLowerCase()); // initial "J."
  if (w.indexOf('.') > 0 && /^(?:\p{L}\.)+\p{L}$/u.test(w)) return true; // "U.S", "e.g"
  return ABBREVIATIONS.has(w.toLowerCase());
}

function pushSentence(text: string, s: number, e: number, paragraph: number, out: Sentence[]): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e, text: text.slice(s, e), paragraph });
}
