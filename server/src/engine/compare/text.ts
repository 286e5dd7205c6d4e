// Text helpers for comparing sources: words, content terms, a light stemmer, bounded edit distance.
// Pure TypeScript.
import { fold, FUNCTION_WORDS } from '../recognize/lexicon';

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Folded words of a text, in order ("Sharaa's" -> "sharaa's"; digits kept, "4,000" -> "4", "000"). */
export function words(text: string): string[] {
  const out: string[] = [];
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(text))) out.push(foldWord(m[0]));
  return out;
}

// News repeats its words: each distinct spelling is folded once (bounded, cleared when full).
const FOLD_CACHE = new Map<string, string>();
function foldWord(w: string): string {
  let f = FOLD_CACHE.get(w);
  if (f === undefined) {
    f = fold(w).replace(/['’]s$/, '');
    if (FOLD_CACHE.size > 200000) FOLD_CACHE.clear();
    FOLD_CACHE.set(w, f);
  }
  return f;
}

const STEM_CACHE = new Map<string, string>();
/** A light English stemmer (plurals and common verb endings): "relations" -> "relation", "restoring" -> "restor". */
export function stem(w: string): string {
  const hit = STEM_CACHE.get(w);
  if (hit !== undefined) return hit;
  let s = w;
  if (s.length > 4) {
    if (s.endsWith('ies')) s = s.slice(0, -3) + 'y';
    else if (s.endsWith('sses')) s = s.slice(0, -2);
    else if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
    else if (s.endsWith('ed') && s.length > 5) s = s.slice(0, -2);
    else if (s.endsWith('es') && /(?:ch|sh|x|z)es$/.test(s)) s = s.slice(0, -2);
    else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is')) s = s.slice(0, -1);
  } else if (s.length > 3 && s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us')) s = s.slice(0, -1);
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1); // "restore"/"restored" -> "restor"
  if (STEM_CACHE.size > 200000) STEM_CACHE.clear();
  STEM_CACHE.set(w, s);
  return s;
}

/** Content terms of a text: stems of the words that are not function words. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (!FUNCTION_WORDS.has(w) && !(w.length === 1 && !/\d/.test(w))) out.push(stem(w));
  return out;
}

/** |A ∩ B| / min(|A|, |B|) over sets (0 when either is empty). */
export function overlapCoefficient(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (big.has(x)) n++;
  return n / small.size;
}

/** |A ∩ B| / |A ∪ B|. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / (a.size + b.size - n);
}

/** Levenshtein distance, bounded: returns max+1 as soon as it exceeds `max`. */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev: number[] = new Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = new Array(b.length + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Normalised wording for equality tests: folded words joined by single spaces. */
export function normWording(text: string): string {
  return words(text).join(' ');
}
