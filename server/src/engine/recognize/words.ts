// Per-process interning of word texts: every occurrence of the same characters (in any text) gets
// the same strings, so hot paths neither slice nor lower-case per occurrence, and the Set/Map
// lookups made on those strings reuse one cached hash. Pure: results depend on the characters only.

/**
 * A word's text, its lower-case form and capital flag, shared by every occurrence of the same
 * characters (in any text): no slice or toLowerCase per token, and the strings' hashes are computed
 * once for the many Set/Map lookups made on them. Bounded: cleared when it grows large.
 */
export interface Word {
  w: string;
  lw: string;
  cap: boolean;
}
// Open-addressing table (linear probing) over the 32-bit hash of the characters: no Map entry or
// boxed hash key per lookup. Cleared when it holds more than WORD_LIMIT words.
const WORD_LIMIT = 50000;
const SLOTS = 1 << 17; // > 2 * WORD_LIMIT: probes stay short
const MASK = SLOTS - 1;
const slotHash = new Int32Array(SLOTS);
let slotWord: Array<Word | undefined> = new Array<Word | undefined>(SLOTS).fill(undefined);
let wordCount = 0;
export function internWord(text: string, s: number, e: number): Word {
  const len = e - s;
  let h = len;
  for (let i = s; i < e; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  let i = (h ^ (h >>> 15)) & MASK;
  for (;;) {
    const hit = slotWord[i];
    if (hit === undefined) break;
    if (slotHash[i] === h && hit.w.length === len && text.startsWith(hit.w, s)) return hit;
    i = (i + 1) & MASK;
  }
  // Kept across documents: a long slice would be a view that keeps the whole text alive, so it
  // is copied (concatenating then slicing flattens it into a string of its own).
  const w = len >= 13 ? (text.slice(s, e) + '\u0000').slice(0, len) : text.slice(s, e);
  // Most words are plain lower-case ASCII: skip toLowerCase (and its copy) for them.
  let plain = true;
  for (let x = s; x < e; x++) {
    const cc = text.charCodeAt(x);
    if (!((cc >= 97 && cc <= 122) || (cc >= 48 && cc <= 57) || cc === 0x2d || cc === 0x27 || cc === 0x2e)) {
      plain = false;
      break;
    }
  }
  const lw = plain ? w : w.toLowerCase();
  const word: Word = { w, lw, cap: !plain && w !== lw && w[0] !== lw[0] };
  if (wordCount >= WORD_LIMIT) {
    slotWord = new Array<Word | undefined>(SLOTS).fill(undefined);
    wordCount = 0;
    i = (h ^ (h >>> 15)) & MASK;
  }
  wordCount++;
  slotHash[i] = h;
  slotWord[i] = word;
  return word;
}
