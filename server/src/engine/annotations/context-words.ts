// Prefix/suffix context for a new annotation, cut at word boundaries (never mid-word), so the
// entry a person reads in the YAML ("…the later years of the conflict.") makes sense and still
// disambiguates the claim when anchoring (anchor.ts weighs prefix and suffix).

const WORD = /[\p{L}\p{N}\p{M}'’-]/u;

/** About `size` characters of text before `start`, starting at a word start. */
export function prefixAt(text: string, start: number, size = 32): string {
  let from = Math.max(0, start - size);
  // inside a word: move forward to the next word start (drop the cut word)
  if (from > 0 && WORD.test(text[from - 1] ?? '') && WORD.test(text[from] ?? '')) {
    while (from < start && WORD.test(text[from])) from++;
  }
  while (from < start && /\s/.test(text[from])) from++;
  return text.slice(from, start);
}

/** About `size` characters of text after `end`, ending at a word end. */
export function suffixAt(text: string, end: number, size = 32): string {
  let to = Math.min(text.length, end + size);
  if (to < text.length && WORD.test(text[to] ?? '') && WORD.test(text[to - 1] ?? '')) {
    while (to > end && WORD.test(text[to - 1])) to--;
  }
  while (to > end && /\s/.test(text[to - 1])) to--;
  return text.slice(end, to);
}
