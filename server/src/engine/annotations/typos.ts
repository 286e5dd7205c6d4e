// One-edit typos of a known name's word ("Shara", "Sharra", "Shaara", "Sahraa", "Aharaa" for
// "Sharaa"): a dropped, doubled, added, swapped or substituted letter at any position — guarded by
// the type of the entity and by what the word already is in English (a demonym, a country, a
// plural or possessive, a given name, an ordinary word), so "Syrian" is never a typo of "Syria".
// Pure TypeScript over the engine's lexicons (data files with their sources noted).
import { COMMON_WORDS, COUNTRIES, DEMONYMS, GIVEN_NAMES, fold, lookupWord } from '../recognize/lexicon';

export type TypoKind = 'dropped' | 'doubled' | 'added' | 'swapped' | 'substituted';

/** How `typed` differs from `known` by exactly one edit (optimal string alignment), else null.
 *  Both are compared as given (callers fold case and diacritics). */
export function oneEditKind(typed: string, known: string): TypoKind | null {
  if (typed === known) return null;
  const n = typed.length;
  const m = known.length;
  if (Math.abs(n - m) > 1) return null;
  let i = 0;
  while (i < n && i < m && typed[i] === known[i]) i++;
  if (n === m) {
    if (typed.slice(i + 1) === known.slice(i + 1)) return 'substituted';
    if (i + 1 < n && typed[i] === known[i + 1] && typed[i + 1] === known[i] && typed.slice(i + 2) === known.slice(i + 2)) return 'swapped';
    return null;
  }
  if (n < m) return typed.slice(i) === known.slice(i + 1) ? 'dropped' : null;
  // one letter more: doubled when it repeats a neighbour ("Sharraa"), else added
  if (typed.slice(i + 1) !== known.slice(i)) return null;
  return typed[i] === typed[i - 1] || typed[i] === typed[i + 1] ? 'doubled' : 'added';
}

/** Suffixes that make another word, not a typo: plural/possessive everywhere; demonyms and
 *  adjectives of places ("Syria" → "Syrian", "Iraq" → "Iraqi"). */
const DERIVED_ANY = ['s'];
const DERIVED_PLACE = ['n', 'i'];

/**
 * Why `typed` (a word of the text) is not to be called a typo of `known` (a word of an entity of
 * `entityType`), or null when it may be one. Both folded (lower case, no diacritics).
 */
export function typoGuard(typed: string, known: string, entityType: string): string | null {
  if (typed.length < 5 || known.length < 5) return 'too short to tell';
  const longer = typed.length > known.length ? typed : known;
  const shorter = longer === typed ? known : typed;
  if (longer.startsWith(shorter)) {
    const suffix = longer.slice(shorter.length);
    if (DERIVED_ANY.includes(suffix)) return 'a plural or possessive form';
    const placeLike = entityType === 'place' || entityType === 'organization' || entityType === 'other' || entityType === 'event' || !entityType;
    if (placeLike && DERIVED_PLACE.includes(suffix)) return 'a derived form (demonym or adjective)';
  }
  // The word is already something else: a demonym or country ("Syrian", "Iran" for "Iraq"), a given
  // name ("Marie" for "Maria"), a known place or organisation, or an ordinary English word.
  if (DEMONYMS.has(typed)) return 'a demonym';
  if (COUNTRIES.has(typed)) return 'a country name';
  if (GIVEN_NAMES.has(typed) && GIVEN_NAMES.has(known)) return 'another given name';
  if (COMMON_WORDS.has(typed)) return 'an ordinary word';
  if (lookupWord(typed) && !lookupWord(known)) return 'a known place or organisation';
  return null;
}

/** Is `typed` a one-edit typo of `known` (both any case; folded here) for an entity of that type? */
export function isOneEditTypo(typed: string, known: string, entityType: string): TypoKind | null {
  const a = fold(typed);
  const b = fold(known);
  const kind = oneEditKind(a, b);
  if (!kind) return null;
  return typoGuard(a, b, entityType) ? null : kind;
}
