// Lexicons loaded once from the JSON data files in ../lexicons (each notes its source in "_source").
// Everything here is general world knowledge or English grammar: no names from any particular article.
import countriesData from '../lexicons/countries.json';
import placesData from '../lexicons/places.json';
import orgData from '../lexicons/organizations.json';
import titlesData from '../lexicons/titles.json';
import calendarData from '../lexicons/calendar.json';
import numbersData from '../lexicons/numbers.json';
import namesData from '../lexicons/given-names.json';
import commonData from '../lexicons/common-words.json';
import type { EntityType } from '../types';

/** Lower-case, strip diacritics, unify apostrophes/hyphens. */
const FOLD_CACHE = new Map<string, string>();
export function fold(s: string): string {
  // Cached: the same folded string object comes back (its hash is computed once for Set lookups).
  const hit = FOLD_CACHE.get(s);
  if (hit !== undefined) return hit;
  const out = foldUncached(s);
  if (FOLD_CACHE.size > 100000) FOLD_CACHE.clear();
  FOLD_CACHE.set(s, out);
  return out;
}
function foldUncached(s: string): string {
  let out = s.toLowerCase();
  // Fast path: only decompose when there is something non-ASCII.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(out)) {
    out = out.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`´]/g, "'").replace(/[‐‑–—]/g, '-');
  }
  return out;
}

export interface PhraseInfo {
  type: EntityType;
  /** Canonical form (countries: short name for aliases). */
  canonical: string;
  /** Match only with exact case (acronyms). */
  exactCase: boolean;
  source: string;
}

/** Phrase lexicon keyed by folded text; value lists every entry with that folding. */
export const PHRASES = new Map<string, PhraseInfo[]>();
/** Max number of words (space separated) in any phrase. */
export let MAX_PHRASE_WORDS = 1;

function isAcronymLike(s: string): boolean {
  return s.length <= 6 && s === s.toUpperCase() && /[A-Z]/.test(s);
}

function addPhrase(text: string, type: EntityType, source: string, canonical = text): void {
  const key = fold(text);
  const info: PhraseInfo = { type, canonical, exactCase: isAcronymLike(text.replace(/[.\s]/g, '')), source };
  const list = PHRASES.get(key);
  if (list) {
    if (!list.some((p) => p.type === type && p.exactCase === info.exactCase)) list.push(info);
  } else PHRASES.set(key, [info]);
  KEY_HASHES.add(keyHash(key));
  LOOKUP_CACHE.clear();
  const words = text.split(/\s+/).length;
  if (words > MAX_PHRASE_WORDS) MAX_PHRASE_WORDS = words;
}

/**
 * Hashes of every phrase key, so a span of plain ASCII text can be ruled out without slicing it:
 * the folded form of ASCII text is its lower-case form, hashed here char by char in place.
 */
const KEY_HASHES = new Set<number>();
function keyHash(key: string): number {
  let h = key.length;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h;
}

/** lookupPhrase(text.slice(s, e)), without the slice when the span is ASCII and no key can match. */
export function lookupSpan(text: string, s: number, e: number): PhraseInfo | undefined {
  let h = e - s;
  for (let i = s; i < e; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return lookupPhrase(text.slice(s, e));
    if (c >= 65 && c <= 90) c += 32;
    h = (Math.imul(h, 31) + c) | 0;
  }
  if (!KEY_HASHES.has(h)) return undefined;
  return lookupPhrase(text.slice(s, e));
}

/** lookupPhrase(word) for a whole token, ruled out by the same hash when it is ASCII. */
export function lookupWord(w: string): PhraseInfo | undefined {
  return lookupSpan(w, 0, w.length);
}

/** Look a phrase up; respects exact-case entries (so "Who" is not "WHO"). */
const LOOKUP_CACHE = new Map<string, PhraseInfo | null>();
export function lookupPhrase(text: string): PhraseInfo | undefined {
  // Memoised: the phrase lexicon is fixed once loaded, and the same spans are looked up repeatedly.
  const hit = LOOKUP_CACHE.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const r = lookupPhraseUncached(text);
  if (LOOKUP_CACHE.size > 100000) LOOKUP_CACHE.clear();
  LOOKUP_CACHE.set(text, r ?? null);
  return r;
}
function lookupPhraseUncached(text: string): PhraseInfo | undefined {
  const list = PHRASES.get(fold(text));
  if (!list) return undefined;
  for (const p of list) {
    if (!p.exactCase || text.replace(/\s+/g, ' ') === p.canonical || text.toUpperCase() === text) return p;
  }
  return undefined;
}

export const DEMONYMS = new Map<string, string>(); // folded demonym -> country
export const COUNTRIES = new Set<string>(); // folded country names

const countries = countriesData.countries as Record<string, string[]>;
for (const [country, dems] of Object.entries(countries)) {
  addPhrase(country, 'place', 'country');
  COUNTRIES.add(fold(country));
  for (const d of dems) if (!DEMONYMS.has(fold(d))) DEMONYMS.set(fold(d), country);
}
for (const alias of Object.keys(countriesData.aliases as Record<string, string>)) {
  addPhrase(alias, 'place', 'country', alias);
  COUNTRIES.add(fold(alias));
}
for (const d of countriesData.otherDemonyms as string[]) if (!DEMONYMS.has(fold(d))) DEMONYMS.set(fold(d), '');
for (const p of placesData.places as string[]) addPhrase(p, 'place', 'gazetteer');
for (const o of orgData.known as string[]) addPhrase(o, 'organization', 'known organisation');
for (const h of calendarData.holidays as string[]) addPhrase(h, 'date', 'holiday');

export const ORG_HEADS = new Set<string>((orgData.heads as string[]).map(fold));
export const ORG_HEADS_OF = new Set<string>((orgData.headsOf as string[]).map(fold));
export const NON_ORG_ACRONYMS = new Set<string>(orgData.nonOrgAcronyms as string[]);
export const TRANSLIT_ORG_HEADS = new Set<string>((orgData.transliteratedHeads as string[]).map((w) => fold(w)));
export const ORG_LOWER_CUES = new Set<string>(orgData.lowercaseHeads as string[]);
/** Industry words ending company names ("Harbor Peak Capital"): an organisation unless a given name comes first. */
export const COMPANY_HEADS = new Set<string>(((orgData as { companyHeads?: string[] }).companyHeads ?? []).map(fold));

export const HONORIFICS = new Map<string, string>(); // folded (no final dot) -> gender or ''
for (const [h, g] of Object.entries(titlesData.honorifics as Record<string, string>)) HONORIFICS.set(stripDot(fold(h)), g);
/** Single- and multi-word titles (folded, final dots removed), e.g. "foreign minister", "lt gen". */
export const TITLES = new Set<string>();
for (const t of [...(titlesData.military as string[]), ...(titlesData.roles as string[])]) TITLES.add(stripDot(fold(t)).replace(/\.\s*/g, ' ').trim());
for (const h of HONORIFICS.keys()) TITLES.add(h.replace(/\./g, ''));
export const TITLE_MODIFIERS = new Set<string>((titlesData.modifiers as string[]).map((m) => fold(m)));
/** Letters after a name that are not part of it ("KC", "MP"), exact case. */
export const POST_NOMINALS = new Set<string>((titlesData as { postNominals?: string[] }).postNominals ?? []);
export const FEMALE_TITLES = new Set<string>((titlesData.femaleRoles as string[]).map(fold));
export const MALE_TITLES = new Set<string>((titlesData.maleRoles as string[]).map(fold));

export const MONTHS = new Map<string, number>(Object.entries(calendarData.months as Record<string, number>));
export const WEEKDAYS = new Set<string>(calendarData.weekdays as string[]);

export const NUMBER_WORDS = new Map<string, number>(Object.entries(numbersData.cardinals as Record<string, number>));
export const NUMBERS_DATA = numbersData;

export const GIVEN_NAMES = new Map<string, 'male' | 'female'>();
for (const n of namesData.male as string[]) GIVEN_NAMES.set(fold(n), 'male');
for (const n of namesData.female as string[]) GIVEN_NAMES.set(fold(n), 'female');

export const FUNCTION_WORDS = new Set<string>(commonData.function as string[]);
export const COMMON_WORDS = new Set<string>([...(commonData.words as string[]), ...(commonData.function as string[])]);
export const ACTOR_VERBS = new Set<string>(commonData.actorVerbs as string[]);

/** Name particles that may appear in lower case inside a personal (or place) name. */
export const PARTICLES = new Set<string>([
  'al', 'el', 'ad', 'ash', 'as', 'at', 'ar', 'an', 'az', 'ud', 'ul', 'bin', 'ibn', 'bint', 'abu', 'abd',
  'von', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'la', 'le', 'ter', 'ten', 'zu', 'y', 'e', 'ó', 'o', 'mac', 'mc', 'bar', 'ben',
]);

/** Lower-case words after a name that make it a place ("Latakia province", "the Hmeimim air base"). */
export const PLACE_LOWER_CUES = new Set<string>([
  'province', 'provinces', 'city', 'town', 'village', 'villages', 'district', 'districts', 'governorate', 'region', 'area', 'airbase', 'air base',
  'naval base', 'military base', 'base', 'port', 'coast', 'border', 'airport', 'river', 'valley', 'camp', 'neighborhood', 'neighbourhood',
  'square', 'street', 'county', 'municipality', 'countryside', 'suburb', 'suburbs', 'crossing', 'dam', 'desert', 'plain', 'plains', 'mountains',
  'island', 'islands', 'peninsula', 'strait', 'gulf', 'bay', 'sea', 'lake', 'oblast', 'canton', 'prefecture', 'state',
]);
/** Capitalised heads that make a place ("Idlib Province", "Red Sea"). */
export const PLACE_HEADS = new Set<string>([
  'province', 'governorate', 'district', 'region', 'county', 'oblast', 'prefecture', 'river', 'sea', 'ocean', 'gulf', 'bay', 'strait', 'straits',
  'mountains', 'mountain', 'mount', 'hills', 'heights', 'valley', 'desert', 'island', 'islands', 'isles', 'peninsula', 'lake', 'canal', 'plateau',
  'coast', 'basin', 'street', 'avenue', 'road', 'square', 'boulevard', 'airport', 'airbase', 'dam', 'bridge', 'border crossing', 'crossing',
  'fault', 'stadium', 'arena', 'palace', 'castle', 'cathedral',
  'city', 'town', 'village', 'camp', 'territory', 'territories', 'highlands', 'delta', 'steppe', 'glacier', 'falls', 'park',
  // British and Irish street and landscape heads ("Mill Lane", "Pendle Vale").
  'airfield', 'gate', 'lane', 'vale', 'crescent', 'terrace', 'wharf', 'quay', 'moor', 'heath', 'fen', 'fens', 'dale', 'glen', 'loch', 'firth', 'estuary',
]);
/** Capitalised first words that make a place ("Mount Hermon", "Lake Assad"). */
export const PLACE_PREFIXES = new Set<string>(['camp', 'river', 'loch', 'mount', 'mt', 'lake', 'cape', 'port', 'fort', 'gulf', 'bay', 'sea', 'strait', 'isle', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'greater', 'new', 'san', 'santa', 'saint', 'st', 'el', 'al', 'ras', 'tel', 'deir', 'jebel', 'jabal', 'wadi', 'ain', 'ayn', 'bir', 'khan', 'kafr', 'beit', 'bab']);
/** Place prefixes that need another place-ish word after them to count (not enough on their own). */
export const WEAK_PLACE_PREFIXES = new Set<string>(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'greater', 'new', 'san', 'santa', 'saint', 'st', 'el', 'al', 'port']);
/** Lower-case words before a name that make it an organisation ("the militant group Hamas"). */
export const ORG_PRE_CUES = new Set<string>(['group', 'militia', 'agency', 'newspaper', 'daily', 'broadcaster', 'channel', 'company', 'firm', 'party', 'movement', 'faction', 'network', 'outlet', 'website', 'organisation', 'organization', 'alliance', 'coalition', 'insurer', 'carrier', 'airline', 'bank', 'lender', 'giant', 'maker', 'manufacturer', 'retailer', 'brand', 'magazine', 'tabloid', 'station', 'watchdog', 'regulator', 'union']);
/** Lower-case words before a name that make it a place ("the town of X", "in X"). */
export const PLACE_PRE_PREPS = new Set<string>(['in', 'at', 'near', 'outside', 'across', 'into', 'towards', 'toward', 'throughout', 'around', 'inside', 'across', 'via', 'between', 'within']);

export function stripDot(s: string): string {
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

/** Abbreviations whose final period does not end a sentence. */
export const ABBREVIATIONS = new Set<string>([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'sgt', 'capt', 'maj', 'adm', 'brig', 'cmdr', 'cpl', 'pvt', 'spc', 'sen', 'rep', 'gov', 'st', 'jr', 'sr',
  'rev', 'mt', 'ft', 'vs', 'v', 'e.g', 'i.e', 'approx', 'dept', 'est', 'fig', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'atty', 'supt', 'insp', 'det', 'hon', 'messrs', 'mme', 'mlle', 'op', 'cit', 'pp', 'vol', 'ed', 'eds', 'ca', 'cf', 'gov', 'univ', 'assn', 'bros', 'dist', 'div', 'ave', 'blvd', 'rd',
]);
