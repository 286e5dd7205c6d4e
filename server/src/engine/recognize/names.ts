// Proper-name recognition (person, place, organization) by general rules over capitalised
// word groups: titles/roles, organisation and place heads, particles, acronyms, context cues,
// gazetteers kept as data, and document-level consistency (a bare surname or a sentence-initial
// word counts when the same name is established elsewhere in the document).
import type { EntityType, Span } from '../types';
import { rawEntity, type RawEntity } from './raw';
import { refineNames } from './name-rules';
import { geoContext, geoReason, geoTier } from './gazetteer';
import { internWord } from './words';
import {
  ACTOR_VERBS, COMMON_WORDS, COUNTRIES, DEMONYMS, FUNCTION_WORDS, GIVEN_NAMES, HONORIFICS, MAX_PHRASE_WORDS, MONTHS, ORG_HEADS,
  ORG_HEADS_OF, ORG_PRE_CUES, PARTICLES, PLACE_HEADS, PLACE_PREFIXES, PLACE_PRE_PREPS, TITLES, TITLE_MODIFIERS,
  WEAK_PLACE_PREFIXES, WEEKDAYS, NON_ORG_ACRONYMS, COMPANY_HEADS, POST_NOMINALS, PHRASES, TRANSLIT_ORG_HEADS, FEMALE_TITLES, MALE_TITLES, ABBREVIATIONS, fold, lookupPhrase, lookupSpan, lookupWord, stripDot, type PhraseInfo,
} from './lexicon';

interface Tok {
  s: number;
  e: number;
  /** Surface text (trailing sentence period removed). */
  t: string;
  /** Folded, trailing dot removed. */
  f: string;
  /** Connector text between the previous token of the group and this one ('' for the first). */
  gap: string;
  /** First word of a sentence (or right after an opening quote / in a headline): capital may be positional. */
  uncertain: boolean;
  /** In a headline (or footer) line: capitals are positional throughout. */
  headline?: boolean;
  /** The interned entry for this token's text (caches what depends on t alone); valid only while t === x.t. */
  x?: Lex;
}

// Capitalised words are found with a fast ASCII-first scan (Unicode property classes in a global
// regex cost ~10x more), then extended by hand: internal apostrophe + letter ("O'Brien", "Da'esh"
// but not the possessive "'s"), hyphenated parts, a lower-case Arabic article prefix ("al-Assad"),
// dotted acronyms ("U.S."), and a final period (kept later only on abbreviations and initials).
// (?<!\d): an ordinal is tried from the first digit of a run only; retrying from every digit of a
// long run made the search quadratic, and a later digit cannot succeed where the first failed.
const CAP_START_RE = /[A-Z\u00c0-\u00de\u0100-\u024f\u0370-\u03ff\u0400-\u04ff]|(?<!\d)\d+(?:st|nd|rd|th) (?=[A-Z])/g;
const WORD_CACHE = new Uint8Array(65536);
export function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  let v = WORD_CACHE[c];
  if (!v) {
    v = /[\p{L}\p{M}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_CACHE[c] = v;
  }
  return v === 1;
}
function isUpperCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = text[i];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
function isLowerLetterCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 97 && c <= 122;
  const ch = text[i];
  return isWordCode(c) && ch !== ch.toUpperCase();
}
const isHyphen = (c: number) => c === 45 || c === 8208 || c === 8209;
const isApos = (c: number) => c === 39 || c === 8217;
const ARTICLE_PREFIX_RE = /(?:^|[^\p{L}\p{M}\p{N}_])((?:al|el|ad|ash|as|at|ar|an|az|ud|ul|bin|ibn|abu|abd)[-\u2010\u2011])$/u;

/** Start of the digit run ending at `last` (inclusive), not before `from`. */
function ordinalStart(text: string, last: number, from: number): number {
  let i = last;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    if (c < 48 || c > 57) break;
    i--;
  }
  return i;
}

/** The token found by the last successful nextCapToken() (no tuple allocated per token). */
let capStart = 0;
let capEnd = 0;
function setCap(s: number, e: number): true {
  capStart = s;
  capEnd = e;
  return true;
}

/** Next capitalised token after re.lastIndex: true with [capStart, capEnd), or false. */
function nextCapToken(text: string, re: RegExp): boolean {
  const n = text.length;
  // test() instead of exec() (no match array per capital). A match is either one capital letter,
  // or an ordinal "\d+(st|nd|rd|th) " (the only kind that ends in a space), which starts at the
  // first digit of its run but not before where the search began (the regex finds the leftmost).
  for (let from = re.lastIndex; re.test(text); from = re.lastIndex) {
    const end = re.lastIndex;
    let i = end - 1;
    const mIndex = text.charCodeAt(i) === 32 ? ordinalStart(text, end - 4, from) : i;
    if (mIndex !== i) {
      i = mIndex;
      // ordinal before a capitalised word: "3rd Battalion"
      if (i > 0 && isWordCode(text.charCodeAt(i - 1))) continue;
      return setCap(i, end - 1);
    }
    if (!isUpperCode(text, i)) continue;
    if (i > 0) {
      const pc = text.charCodeAt(i - 1);
      if (isHyphen(pc) && !(i >= 2 && text.charCodeAt(i - 2) === 46)) {
        const pm = ARTICLE_PREFIX_RE.exec(text.slice(Math.max(0, i - 6), i));
        if (!pm) {
          // inside a lower-case-initial hyphenated word ("pro-Russian"): skip the whole word
          let j = i;
          while (j < n && (isWordCode(text.charCodeAt(j)) || (isHyphen(text.charCodeAt(j)) && isWordCode(text.charCodeAt(j + 1))))) j++;
          re.lastIndex = j;
          continue;
        }
        i -= pm[1].length;
      } else if (isWordCode(pc) || isApos(pc)) continue;
    }
    let j = mIndex;
    // Dotted acronym: U.S., U.N., E.U.
    let dots = 0;
    while (j + 1 < n && isUpperCode(text, j) && text.charCodeAt(j + 1) === 46) {
      j += 2;
      dots++;
    }
    if (dots >= 2) {
      re.lastIndex = j;
      return setCap(i, j);
    }
    j = mIndex + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isWordCode(c)) j++;
      else if (isApos(c) && j + 1 < n) {
        if (isUpperCode(text, j + 1)) j += 2;
        else if (isLowerLetterCode(text, j + 1) && !(text.charCodeAt(j + 1) === 115 && !isWordCode(text.charCodeAt(j + 2)))) j += 2;
        else break;
      } else if (isHyphen(c) && j + 1 < n && isWordCode(text.charCodeAt(j + 1))) j += 2;
      else break;
    }
    if (j + 4 < n && text.charCodeAt(j) === 46 && text.charCodeAt(j + 1) === 99 && text.startsWith('.com', j) && !isWordCode(text.charCodeAt(j + 4))) j += 4; // "Amazon.com"
    if (j < n && text.charCodeAt(j) === 46 && (j + 1 >= n || !isWordCode(text.charCodeAt(j + 1)))) j++;
    re.lastIndex = j;
    return setCap(i, j);
  }
  return false;
}

/**
 * Per-document string interning of token texts: a repeated token comes back as the same string
 * object, found by a hash over the text's char codes (no slice), so later Map/Set lookups on it
 * reuse one cached hash instead of hashing a fresh slice each time. Same contents as text.slice.
 */
class Interner {
  // Open addressing (linear probing) on the 32-bit hash: no Map entry or boxed key per lookup.
  private hashes = new Int32Array(4096);
  private lexes: Array<Lex | undefined> = new Array<Lex | undefined>(4096).fill(undefined);
  private mask = 4095;
  private count = 0;
  get(text: string, s: number, e: number): Lex {
    const len = e - s;
    let h = len;
    for (let i = s; i < e; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    const mask = this.mask;
    let i = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const hit = this.lexes[i];
      if (hit === undefined) break;
      if (this.hashes[i] === h && sameText(hit.t, text, s, len)) return hit;
      i = (i + 1) & mask;
    }
    const lx = new Lex(text.slice(s, e));
    this.hashes[i] = h;
    this.lexes[i] = lx;
    if (++this.count * 2 > mask) this.grow();
    return lx;
  }
  private grow(): void {
    const oldH = this.hashes;
    const oldL = this.lexes;
    const size = oldL.length * 2;
    this.hashes = new Int32Array(size);
    this.lexes = new Array<Lex | undefined>(size).fill(undefined);
    this.mask = size - 1;
    for (let k = 0; k < oldL.length; k++) {
      const lx = oldL[k];
      if (lx === undefined) continue;
      const h = oldH[k];
      let i = (h ^ (h >>> 15)) & this.mask;
      while (this.lexes[i] !== undefined) i = (i + 1) & this.mask;
      this.hashes[i] = h;
      this.lexes[i] = lx;
    }
  }
}
/** One distinct token text of the document, with what is derived from the text alone (computed once). */
class Lex {
  /** Folded, trailing dot removed (as Tok.f); null until first needed. */
  f: string | null = null;
  /** tokType() of a token with this text: -1 until computed, then 0 other, 1 function, 2 month. */
  tt = -1;
  /** titleFirst() of a token with this text: -1 until computed, then 0 / 1. */
  title = -1;
  /** For a text ending in a full stop: -1 unknown, 1 abbreviation or initial, 2 company suffix ("Inc."), 0 neither. */
  dot = -1;
  /** lookupWord(t): undefined until computed, then the entry or null. */
  phrase: PhraseInfo | null | undefined = undefined;
  /** flagsOf(f) for this text's folded form: -1 until computed. */
  fl = -1;
  constructor(readonly t: string) {}
}

// Lexicon membership of a token's folded text as bits, computed once per distinct token text
// (instead of a Set/Map lookup at each of the many tests made on a token).
const F_DEMONYM = 1;
const F_TITLE_MOD = 2;
const F_ORG_HEAD = 4;
const F_GIVEN = 8;
const F_COMMON = 16;
const F_PLACE_HEAD = 32;
const F_ORG_HEAD_OF = 64;
const F_GENERIC = 128;
const F_MISC = 256;
const F_COMPANY = 512;
const F_TRAILING_ROLE = 1024;
const F_NOT_NAME_PREFIX = 2048;
/** ORG_HEADS has f, or f ends with a full stop and ORG_HEADS has f without it. */
const F_ORG_HEAD_DOTTED = 4096;
function flagsOf(f: string): number {
  let v = 0;
  if (DEMONYMS.has(f)) v |= F_DEMONYM;
  if (TITLE_MODIFIERS.has(f)) v |= F_TITLE_MOD;
  if (ORG_HEADS.has(f)) v |= F_ORG_HEAD | F_ORG_HEAD_DOTTED;
  else if (f.endsWith('.') && ORG_HEADS.has(f.slice(0, -1))) v |= F_ORG_HEAD_DOTTED;
  if (GIVEN_NAMES.has(f)) v |= F_GIVEN;
  if (COMMON_WORDS.has(f)) v |= F_COMMON;
  if (PLACE_HEADS.has(f)) v |= F_PLACE_HEAD;
  if (ORG_HEADS_OF.has(f)) v |= F_ORG_HEAD_OF;
  if (GENERIC_HEADS.has(f)) v |= F_GENERIC;
  if (MISC_HEADS.has(f)) v |= F_MISC;
  if (COMPANY_HEADS.has(f)) v |= F_COMPANY;
  if (TRAILING_ROLES.has(f)) v |= F_TRAILING_ROLE;
  if (NOT_NAME_PREFIX.has(f)) v |= F_NOT_NAME_PREFIX;
  return v;
}
/** flagsOf(tok.f), from the token's interned entry when it is for the same folded text. */
function fl(tok: Tok): number {
  const x = tok.x;
  if (x === undefined || x.f !== tok.f) return flagsOf(tok.f);
  let v = x.fl;
  if (v < 0) v = x.fl = flagsOf(tok.f);
  return v;
}
function sameText(str: string, text: string, s: number, len: number): boolean {
  if (str.length !== len) return false;
  for (let i = 0; i < len; i++) if (str.charCodeAt(i) !== text.charCodeAt(s + i)) return false;
  return true;
}

/** Organisation heads too generic to stand alone as a name. */
const GENERIC_HEADS = new Set(['press', 'news', 'post', 'times', 'media', 'network', 'service', 'services', 'systems', 'group', 'team', 'unit', 'units', 'office', 'board', 'center', 'centre', 'school', 'college', 'hospital', 'bank', 'company', 'fund', 'trust', 'club', 'church', 'project', 'program', 'programme', 'initiative', 'mission', 'watch', 'exchange', 'reserve', 'radio', 'television', 'tv', 'channel', 'journal', 'herald', 'tribune', 'gazette', 'telegraph', 'observer', 'corp', 'corp.', 'inc', 'inc.', 'ltd', 'ltd.', 'llc', 'plc', 'gmbh', 'co', 'co.', 'holdings', 'partners', 'industries', 'enterprises', 'technologies', 'airlines', 'airways', 'broadcasting', 'society', 'foundation', 'institute', 'institution', 'academy', 'university']);
const TITLE_FIRST_WORDS = new Set<string>();
for (const t of TITLES) {
  TITLE_FIRST_WORDS.add(t.split(' ')[0]);
  TITLE_FIRST_WORDS.add(t.split(/[ -]/)[0]);
}
const STRONG_GAPS = new Set([' ', '\u00a0']);
const PARTICLE_GAPS = new Set<string>();
for (const p of ['al', 'el', 'bin', 'ibn', 'bint', 'abu', 'von', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'das', 'du', 'la', 'le', 'ter', 'ten', 'zu', 'y', 'ó', 'ben', 'mac']) {
  PARTICLE_GAPS.add(' ' + p + ' ');
}
PARTICLE_GAPS.add(' von der ');
PARTICLE_GAPS.add(' van der ');
PARTICLE_GAPS.add(' van den ');
PARTICLE_GAPS.add(' de la ');
PARTICLE_GAPS.add(' de los ');
PARTICLE_GAPS.add(' bin al ');
const WEAK_GAPS = new Set([' of ', ' of the ', ' for ', ' for the ', ' on ', ' and ', ' & ', ' and the ']);
const OF_GAPS = new Set([' of ', ' of the ', ' for ', ' for the ', ' on ']);
const AND_GAPS = new Set([' and ', ' & ', ' and the ']);

const ACRONYM_STOP = new Set(['I', 'A', 'OK', 'TV', 'AM', 'PM', 'GMT', 'UTC', 'ID', 'CEO', 'PHD', 'II', 'III', 'IV', 'VI', 'VII', 'VIII', 'IX', 'XI', 'XII', 'AD', 'BC', 'DC', 'FAQ', 'PDF', 'URL', 'USD', 'EUR', 'GBP', 'KM', 'MW', 'GW']);
const NOT_NAME_PREFIX = new Set(['operation', 'exercise', 'uss', 'hms', 'hmas', 'hmcs', 'hmnzs', 'ins', 'fs', 'frs', 'rfs', 'mv', 'ss', 'project', 'resolution', 'article', 'chapter', 'section']);
const MISC_HEADS = new Set(['resolution', 'resolutions', 'code', 'act', 'agreement', 'accord', 'accords', 'treaty', 'communique', 'communiqué', 'declaration', 'protocol', 'convention', 'dialogue', 'conference', 'summit', 'forum', 'order', 'phase', 'day', 'time', 'site', 'award', 'prize', 'cup', 'games', 'championship', 'olympics', 'war', 'crisis', 'revolution', 'spring', 'uprising', 'doctrine', 'strategy', 'report', 'index', 'law', 'bill', 'constitution', 'charter', 'plan', 'programme', 'stratotanker', 'falcon', 'falcons', 'hawk', 'eagle']);
/** Role words that end a capitalised run without a name after them ("Legal Affairs Correspondent", "Fianna Fáil TD"). */
const TRAILING_ROLES = new Set(['correspondent', 'editor', 'reporter', 'writer', 'columnist', 'analyst', 'economist', 'strategist', 'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman', 'minister', 'secretary', 'officer', 'coach', 'manager', 'director', 'commissioner', 'ambassador', 'envoy', 'president', 'leader']);
/** Lower-case nouns after a person's name that make the whole an organisation ("the Assad regime"). */
const PERSON_ORG_AFTER_RE = /^[ \u00a0](regime|administration|government)(?![\p{L}\p{N}])/u;
/** Company suffixes written with a full stop ("Inc.", "Corp.", "Ltd."). */
const CORP_DOT = new Set(['inc', 'corp', 'co', 'ltd', 'bros']);
/** Lower-case suffixes of place/organisation adjectives ("North Carolina-based"). */
const ADJ_SUFFIX_RE = /[-‐‑](?:based|born|led|backed|owned|run|linked|allied|controlled|held|made|funded|registered|headquartered)$/;
/** Second words of lexicon names that start with "The" ("the hague" -> "hague"). */
const THE_NEXT = new Set<string>();
for (const k of PHRASES.keys()) if (k.startsWith('the ')) THE_NEXT.add(k.split(' ')[1]);
/** Legal-form suffixes of company names (folded, no final dot). */
const CORP_SUFFIXES = new Set(['inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'gmbh', 'ag', 'se', 'sa', 'nv', 'spa', 'ab', 'asa', 'oyj', 'llp', 'group', 'holdings']);
/** A job noun then "at": the name after is an employer ("a research director at Omdia"). */
const ROLE_BEFORE_AT_RE = /(?:analyst|economist|strategist|director|researcher|professor|lecturer|fellow|scientist|engineer|executive|manager|partner|official|spokesman|spokeswoman|spokesperson|lawyer|trader|adviser|advisor|chief|head|editor|reporter|consultant|employee|worker|student)s? at[ \u00a0]+$/;
const GEN_SUFFIX = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v']);
const MIL_GOV_LOWER = /^[ \u00a0](armed forces|security forces|special forces|air force|coast guard|military police|army|military|navy|forces|government|regime|parliament|police|intelligence|authorities|troops|cabinet|administration)(?![A-Za-z\u00c0-\u024f])/;
const ORG_AFTER_RE = /^[ \u00a0](?:news agency|agency|news|group|militia|party|movement|newspaper|daily|channel|broadcaster|television|network|website|company|firm|organisation|organization|alliance|coalition|faction|outlet|radio|TV)(?![A-Za-z\u00c0-\u024f])/;
const PLACE_AFTER_RE = /^[ \u00a0](?:air base|naval base|military base|border crossing|province|provinces|city|town|village|ward|constituency|parish|borough|district|governorate|region|area|airbase|base|port|coast|border|airport|river|valley|camp|neighbou?rhood|square|street|county|municipality|countryside|suburbs?|crossing|dam|desert|plains?|mountains|islands?|peninsula|oblast|prefecture)(?![A-Za-z\u00c0-\u024f])/;
const ORG_AFTER_Y = new RegExp(ORG_AFTER_RE.source.slice(1), 'y');
const PLACE_AFTER_Y = new RegExp(PLACE_AFTER_RE.source.slice(1), 'y');
const ACRONYM_DEF_RE = /^[ \u00a0]*\((\p{Lu}[\p{Lu}\p{N}&\-]{1,9})\)/u;

export interface NameContext {
  text: string;
  /** Sorted sentence starts (offsets of the first character). */
  sentenceStarts: number[];
  /** Sorted headline (and footer) spans: every capital there is positional. */
  headlines: Array<Span & { kind?: string }>;
  /** Spans already claimed (datelines, dates, numbers): tokens inside are skipped. */
  claimed: Span[];
}

/** A mention found by name recognition (the pending-only fields are declared on RawEntity). */
type Pending = RawEntity;

function mkPending(
  start: number, end: number, type: EntityType, reason: string, nameTokens: string[], strength: 'strong' | 'weak',
  uncertain: boolean | undefined, unresolved?: boolean, cue?: EntityType | 'actor', possessive?: boolean, gender?: 'male' | 'female',
): Pending {
  return rawEntity(start, end, type, reason, nameTokens, strength, uncertain, unresolved, cue, possessive, gender);
}

const isUpperWord = (t: string) => t.length >= 2 && t === t.toUpperCase() && t !== t.toLowerCase();

/** Same first letter, similar length and at most two edits apart ("sharaa"/"shaara"). */
export function closeSpelling(a: string, b: string): boolean {
  if (a === b) return true;
  if (a[0] !== b[0] || Math.abs(a.length - b.length) > 2) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length] <= 2;
}

/** Consonant skeleton used to match transliteration variants ("Sharaa"/"Shareh"/"Shaara"). */
const SKELETON_CACHE = new Map<string, string>();
export function skeleton(word: string): string {
  // Memoised: a pure function of the word, called for every person mention.
  const hit = SKELETON_CACHE.get(word);
  if (hit !== undefined) return hit;
  const out = skeletonUncached(word);
  if (SKELETON_CACHE.size > 100000) SKELETON_CACHE.clear();
  SKELETON_CACHE.set(word, out);
  return out;
}
function skeletonUncached(word: string): string {
  const f = fold(word).replace(/^(?:al|el|ad|as|ash|at|ar|an|az)[-' ]/, '').replace(/[^a-z]/g, '');
  if (!f) return '';
  // Built in an array: indexing the last character of a growing string flattens it every time
  // (quadratic on one 200,000-letter token).
  const out: string[] = [f[0]];
  let last = f.charCodeAt(0);
  for (let i = 1; i < f.length; i++) {
    const c = f.charCodeAt(i);
    // a e i o u y h w
    if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121 || c === 104 || c === 119) continue;
    if (last === c) continue;
    out.push(f[i]);
    last = c;
  }
  if (out.length > 1 && last === 104) out.pop();
  return out.join('');
}

/** Folded name with particles and punctuation removed: "Bashar al-Assad" -> "bashar assad". */
export function nameKey(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const parts = nameKeyParts(t);
    for (let k = 0; k < parts.length; k++) out.push(parts[k]);
  }
  return out;
}
/** The key parts of one token (memoised: a pure function of the token; callers never mutate it). */
const NAME_KEY_CACHE = new Map<string, string[]>();
function nameKeyParts(t: string): string[] {
  const hit = NAME_KEY_CACHE.get(t);
  if (hit !== undefined) return hit;
  const out: string[] = [];
  for (const part of fold(t).split(/[\s-]+/)) {
    const p = part.replace(/[^a-z0-9']/g, '').replace(/'s$/, '');
    if (!p || PARTICLES.has(p)) continue;
    out.push(p);
  }
  if (NAME_KEY_CACHE.size > 100000) NAME_KEY_CACHE.clear();
  NAME_KEY_CACHE.set(t, out);
  return out;
}

export function findNames(ctx: NameContext): RawEntity[] {
  const { text } = ctx;
  const pending: Pending[] = [];
  // Each group is classified as soon as it is complete (in text order, as before), so its tokens
  // die young instead of all surviving until the whole text is scanned.
  buildGroups(ctx, (g) => classifyGroup(g, ctx, pending));
  resolveDocument(ctx, pending);
  const refined = refineNames(text, pending); // name-rules.ts
  for (const p of refined) {
    if (p.unresolved || p.type !== 'person' || text.charCodeAt(p.end) !== 32) continue;
    const c1 = text.charCodeAt(p.end + 1); // r(egime), a(dministration), g(overnment)
    if (c1 !== 114 && c1 !== 97 && c1 !== 103) continue;
    const m = PERSON_ORG_AFTER_RE.exec(text.slice(p.end, p.end + 16));
    if (m) {
      p.type = 'organization';
      p.end += m[0].length;
      p.reason = 'person + ' + m[1];
      p.nameTokens = [...(p.nameTokens ?? []), m[1]];
    }
  }
  return refined.filter((p) => !p.unresolved);
}

// ---------------------------------------------------------------------------------------------

function buildGroups(ctx: NameContext, onGroup: (g: Tok[]) => void): void {
  const { text, sentenceStarts, headlines, claimed } = ctx;
  let cur: Tok[] = [];
  let prevEnd = -1;
  let prevBreak = true;
  let si = 0;
  let hi = 0;
  let ci = 0;
  const re = new RegExp(CAP_START_RE.source, 'g');
  const intern = new Interner();
  
  while (nextCapToken(text, re)) {
    const s = capStart;
    let e = capEnd;
    let lx = intern.get(text, s, e);
    let t = lx.t;
    while (ci < claimed.length && claimed[ci].end <= s) ci++;
    if (ci < claimed.length && claimed[ci].start < e && s < claimed[ci].end) {
      if (cur.length) onGroup(cur);
      cur = [];
      prevBreak = true;
      continue;
    }
    // A final period is kept only on abbreviations and initials.
    let endsSentence = false;
    if (t.endsWith('.') && !(t.length >= 4 && t.charCodeAt(t.length - 3) === 46)) {
      // (what depends on the text alone is worked out once per distinct token text)
      if (lx.dot < 0) {
        const core = t.slice(0, -1);
        const lc = core.toLowerCase();
        lx.dot = core.length === 1 || ABBREVIATIONS.has(lc) || HONORIFICS.has(lc) ? 1 : CORP_DOT.has(lc) ? 2 : 0;
      }
      const isAbbr = lx.dot === 1;
      // "Apple Inc.": the company suffix keeps its full stop (and ends the name).
      const corpDot = !isAbbr && cur.length > 0 && s - prevEnd === 1 && lx.dot === 2;
      if (corpDot) endsSentence = true;
      else if (!isAbbr) {
        lx = intern.get(text, s, e - 1);
        t = lx.t;
        e--;
        endsSentence = true;
      }
    }
    while (si < sentenceStarts.length && sentenceStarts[si] < s) si++;
    while (hi < headlines.length && headlines[hi].end <= s) hi++;
    const inZone = hi < headlines.length && headlines[hi].start <= s;
    const inHeadline = inZone && headlines[hi].kind !== 'footer';
    let uncertain = inZone || isSentenceInitial(text, s, sentenceStarts, si);
    // Gaps longer than the longest connector (" van der ") can never join: don't slice them.
    // A single space (the usual case) needs no slice.
    // Every connector that joins (STRONG_GAPS, PARTICLE_GAPS, WEAK_GAPS) starts with a space or a
    // no-break space: any other gap (", ", ". ", "\n") is not sliced or looked up at all.
    let gap = '';
    let joins = false;
    if (!prevBreak && prevEnd >= 0 && s - prevEnd <= 10) {
      const g0 = text.charCodeAt(prevEnd);
      if (g0 === 32 || g0 === 0xa0) {
        gap = s - prevEnd === 1 && g0 === 32 ? ' ' : text.slice(prevEnd, s);
        joins = gap === ' ' || STRONG_GAPS.has(gap) || PARTICLE_GAPS.has(gap) || WEAK_GAPS.has(gap);
      }
    }
    // Lower-case particle before the token after a break: "... talks with al Assad" is handled by gap.
    const f = lx.f ?? (lx.f = stripDot(fold(t)));
    const tok: Tok = { s, e, t, f, gap: joins ? gap : '', uncertain, headline: inHeadline, x: lx };
    // Hyphenated compound of known names: "Damascus-Moscow" -> two tokens.
    const parts = splitKnownCompound(t);
    if (parts) {
      if (cur.length) onGroup(cur);
      cur = [];
      for (const pt of partsToToks(parts, tok)) onGroup([{ ...pt, gap: '' }]);
    } else if (joins) cur.push(tok);
    else {
      if (cur.length) onGroup(cur);
      cur = [tok];
    }
    prevEnd = e;
    prevBreak = endsSentence;
  }
  if (cur.length) onGroup(cur);
}

function partsToToks(parts: string[] | null, tok: Tok): Tok[] {
  if (!parts) return [tok];
  const out: Tok[] = [];
  let s = tok.s;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    out.push({ s, e: s + p.length, t: p, f: fold(p), gap: i === 0 ? tok.gap : '-', uncertain: tok.uncertain, x: undefined });
    s += p.length + 1;
  }
  return out;
}

function splitKnownCompound(t: string): string[] | null {
  // One pass for the first hyphen (-, U+2010, U+2011); most tokens have none.
  let h = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 45 || c === 0x2010 || c === 0x2011) {
      h = i;
      break;
    }
  }
  if (h < 0) return null;
  // Quick reject: every part must start with an upper-case letter, so an ASCII non-capital at the
  // start or right after the first hyphen rules it out ("al-Assad", "Russian-backed").
  const c0 = t.charCodeAt(0);
  const c1 = t.charCodeAt(h + 1);
  if ((c0 < 128 && !(c0 >= 65 && c0 <= 90)) || (c1 < 128 && !(c1 >= 65 && c1 <= 90))) return null;
  const parts = t.split(/[-‐‑]/);
  if (parts.length < 2 || parts.some((p) => !/^\p{Lu}/u.test(p))) return null;
  if (lookupPhrase(t)) return null;
  for (const p of parts) {
    const k = lookupPhrase(p);
    if (!k || (k.type !== 'place' && k.type !== 'organization')) return null;
  }
  return parts;
}

function isSentenceInitial(text: string, s: number, starts: number[], si: number): boolean {
  if (si < starts.length && starts[si] === s) return true;
  // Fast path: preceded by a plain space and a lower-case letter, comma or digit.
  if (s >= 2 && text.charCodeAt(s - 1) === 32) {
    const c = text.charCodeAt(s - 2);
    if ((c >= 97 && c <= 122) || c === 44 || (c >= 48 && c <= 57)) return false;
  }
  // Sentence start followed by quotes/brackets/dashes before the token.
  const prevStart = si > 0 ? starts[si - 1] : -1;
  const st = si < starts.length && starts[si] === s ? s : prevStart;
  if (st >= 0 && s - st <= 3 && /^[\s"'“‘«(\[—–-]*$/.test(text.slice(st, s))) return true;
  // Right after an opening quote or a colon.
  const b = text.slice(Math.max(0, s - 3), s);
  return /(?:["“‘«]|:\s|\n\s*)$/.test(b) || /^\s*[-*•]\s+$/.test(b);
}

// ---------------------------------------------------------------------------------------------

interface Piece {
  toks: Tok[];
  connector: string; // weak connector before this piece ('' for the first)
}

const TOK_TYPES = ['other', 'function', 'month'] as const;
function tokType(tok: Tok): 'function' | 'month' | 'other' {
  // A pure function of the token's text: computed once per distinct text.
  const x = tok.x;
  if (x === undefined || x.t !== tok.t) return tokTypeOf(tok);
  if (x.tt < 0) {
    const r = tokTypeOf(tok);
    x.tt = r === 'other' ? 0 : r === 'function' ? 1 : 2;
  }
  return TOK_TYPES[x.tt];
}
function tokTypeOf(tok: Tok): 'function' | 'month' | 'other' {
  if (FUNCTION_WORDS.has(tok.f) && tok.t !== tok.t.toUpperCase()) return 'function';
  if (MONTHS.has(tok.f) && tok.f.length > 3 && tok.f !== 'may') return 'month';
  if (WEEKDAYS.has(tok.f) && tok.f.length > 3) return 'month';
  return 'other';
}

function classifyGroup(group: Tok[], ctx: NameContext, out: Pending[]): void {
  if (group.length === 1 && !group[0].headline) {
    // Fast path: most groups are one capitalised word.
    if (tokType(group[0]) === 'other') classifySegment(group, ctx, out, false);
    return;
  }
  if (group[0].headline) {
    // Title Case headline: only lexicon names and names established in the body count.
    for (let i = 0; i < group.length; ) {
      const tok = group[i];
      if (tokType(tok) !== 'other') {
        i++;
        continue;
      }
      const ph = phraseAt(group, i, ctx.text);
      if (ph && ph.info.type !== 'date') {
        pushKnown(out, ctx, group.slice(i, i + ph.len), ph.info);
        i += ph.len;
        continue;
      }
      if (((fl(tok) & F_ORG_HEAD) !== 0)) {
        i++;
        continue;
      }
      if (!((fl(tok) & F_COMMON) !== 0) && !((fl(tok) & F_DEMONYM) !== 0) && !titleLen(group, i)) {
        // A run of unknown capitalised words ("Tobias Ellwood") is kept together.
        let j = i + 1;
        while (j < group.length && STRONG_GAPS.has(group[j].gap) || (j < group.length && PARTICLE_GAPS.has(group[j].gap))) {
          const g = group[j];
          if (tokType(g) !== 'other' || ((fl(g) & F_COMMON) !== 0) || ((fl(g) & F_DEMONYM) !== 0) || ((fl(g) & F_ORG_HEAD) !== 0) || lookupTok(g)) break;
          j++;
        }
        const run = group.slice(i, j);
        if (run.length >= 2 && ((fl(tok) & F_GIVEN) !== 0) && !((fl(run[1]) & F_GIVEN) !== 0)) {
          // A known given name and the word after it: "Joe Biden Signs ...", "JOE BIDEN SAID".
          let k = 2;
          while (k < run.length && PARTICLE_GAPS.has(run[k].gap)) k++;
          emit(out, ctx, run.slice(0, k), 'person', 'given name: ' + tok.t, { gender: GIVEN_NAMES.get(tok.f) });
          i += k;
          continue;
        }
        out.push(mkPending(tok.s, run[run.length - 1].e, 'person', 'capitalised word', run.map((r) => r.t), 'weak', true, true));
        i = j;
        continue;
      }
      i++;
    }
    return;
  }
  // 1) Split at function words and month/day names (they break names), and at weak connectors.
  const pieces: Piece[] = [];
  let cur: Tok[] = [];
  let conn = '';
  for (let i = 0; i < group.length; i++) {
    const tok = group[i];
    let tt = tokType(tok);
    // "spokesperson He Yadong", ", He Yongqian,": a capitalised "He" inside a sentence is no
    // pronoun; before another capitalised word it is a (Chinese) family name.
    if (tt === 'function' && tok.t === 'He' && !tok.uncertain && !cur.length && i + 1 < group.length && group[i + 1].gap === ' ' && tokType(group[i + 1]) === 'other') tt = 'other';
    if (tt !== 'other') {
      if (cur.length) pieces.push({ toks: cur, connector: conn });
      cur = [];
      conn = '';
      if (tok.f === 'the' && i + 1 < group.length && THE_NEXT.has(group[i + 1].f)) {
        // A known name that starts with "The" ("The Hague", "The Lancet") stays whole.
        const ph = phraseAt(group, i, ctx.text);
        if (ph && ph.len >= 2 && ph.info.type !== 'date') {
          pieces.push({ toks: group.slice(i, i + ph.len), connector: '' });
          i += ph.len - 1;
        }
      }
      continue;
    }
    if (cur.length && WEAK_GAPS.has(tok.gap)) {
      pieces.push({ toks: cur, connector: conn });
      cur = [];
      conn = tok.gap;
    } else if (!cur.length && WEAK_GAPS.has(tok.gap)) {
      conn = '';
    }
    cur.push(tok);
  }
  if (cur.length) pieces.push({ toks: cur, connector: conn });
  if (!pieces.length) return;

  // 2) Known multi-word phrases spanning connectors ("Bosnia and Herzegovina", "Islamic State of Iraq").
  // 3) Merge pieces joined by "of"/"for"/"and" into organisation / place names.
  const merged: Array<{ toks: Tok[]; titleOf?: boolean; amp?: boolean }> = [];
  let acc: Tok[] | null = null;
  let accOrgOf = false;
  let accAmp = false;
  for (const p of pieces) {
    if (acc && p.connector) {
      const last = acc[acc.length - 1];
      const known = lookupSpan(ctx.text, acc[0].s, p.toks[p.toks.length - 1].e);
      if (known) {
        acc = acc.concat(p.toks);
        continue;
      }
      if (OF_GAPS.has(p.connector)) {
        if (((fl(last) & F_ORG_HEAD_OF) !== 0) || ((fl(last) & F_ORG_HEAD) !== 0) || ((fl(last) & F_PLACE_HEAD) !== 0) || last.f === 'republic' || last.f === 'kingdom' || last.f === 'state' && acc.length === 1 && ORG_HEADS_OF.has(acc[0].f)) {
          acc = acc.concat(p.toks);
          accOrgOf = true;
          continue;
        }
        if (isTitleSeq(acc)) {
          // "Minister of Foreign Affairs", "President of Syria": the title is dropped, the rest stands alone.
          for (const t of acc) {
            if (titleLen(acc, acc.indexOf(t)) || ((fl(t) & F_TITLE_MOD) !== 0) || ((fl(t) & F_DEMONYM) !== 0)) continue;
            const info = lookupTok(t);
            if (info) pushKnown(out, ctx, [t], info);
          }
          merged.push({ toks: acc, titleOf: true });
          acc = p.toks;
          accOrgOf = false;
          continue;
        }
      } else if (AND_GAPS.has(p.connector) && accOrgOf && p.toks.length <= 2 && !p.toks.some((t) => lookupTok(t))) {
        acc = acc.concat(p.toks);
        continue;
      } else if (p.connector === ' & ' && ampersandJoins(acc, p.toks)) {
        // "Procter & Gamble", "Johnson & Johnson": an ampersand joins one company name.
        acc = acc.concat(p.toks);
        accAmp = true;
        continue;
      } else if (p.connector === ' and ' && acc.length <= 2 && p.toks.length <= 3 && ((fl(p.toks[p.toks.length - 1]) & F_ORG_HEAD) !== 0) && !((fl(p.toks[p.toks.length - 1]) & F_GENERIC) !== 0 && p.toks.length === 1) && !acc.some((t) => lookupTok(t) || ((fl(t) & F_ORG_HEAD) !== 0) || ((fl(t) & F_DEMONYM) !== 0))) {
        // "Victoria and Albert Museum": the head at the end names both words before it.
        acc = acc.concat(p.toks);
        accOrgOf = true;
        continue;
      }
    }
    if (acc) merged.push(accAmp ? { toks: acc, amp: true } : { toks: acc });
    acc = p.toks;
    accOrgOf = false;
    accAmp = false;
  }
  if (acc) merged.push(accAmp ? { toks: acc, amp: true } : { toks: acc });

  let afterTitle = false;
  for (const seg of merged) {
    if (seg.titleOf) {
      afterTitle = true;
      continue;
    }
    if (seg.amp && !lookupSpan(ctx.text, seg.toks[0].s, seg.toks[seg.toks.length - 1].e)) emit(out, ctx, seg.toks, 'organization', 'ampersand name');
    else classifySegment(seg.toks, ctx, out, afterTitle);
    afterTitle = false;
  }
}

/** "A & B" is one name unless a side is a title, a known place or a demonym ("France & Germany"). */
function ampersandJoins(a: Tok[], b: Tok[]): boolean {
  for (const t of [a[a.length - 1], b[0]]) {
    if (titleFirst(t) || ((fl(t) & F_DEMONYM) !== 0)) return false;
    const k = lookupTok(t);
    if (k && k.type === 'place') return false;
  }
  return true;
}

/** lookupWord(tok.t), computed once per distinct token text. */
function lookupTok(tok: Tok): PhraseInfo | undefined {
  const x = tok.x;
  if (x === undefined || x.t !== tok.t) return lookupWord(tok.t);
  if (x.phrase === undefined) x.phrase = lookupWord(tok.t) ?? null;
  return x.phrase ?? undefined;
}

/** Can a title start with this token (its first word is the first word of some title)? */
function titleFirst(tok: Tok): boolean {
  const x = tok.x;
  if (x === undefined || x.t !== tok.t) return titleFirstOf(tok.f);
  if (x.title < 0) x.title = titleFirstOf(tok.f) ? 1 : 0;
  return x.title === 1;
}
function titleFirstOf(f: string): boolean {
  return TITLE_FIRST_WORDS.has(f.endsWith('.') ? f.slice(0, -1) : f);
}

/** Longest title phrase starting at tokens[i] ("Deputy Prime Minister", "Lt. Gen."), or 0. */
function titleLen(toks: Tok[], i: number): number {
  if (!titleFirst(toks[i])) return 0;
  let best = 0;
  let key = '';
  for (let j = i; j < toks.length && j < i + 5; j++) {
    if (j > i && toks[j].gap !== ' ' && toks[j].gap !== '\u00a0' && toks[j].gap !== '-') break;
    key = j === i ? toks[j].f : key + ' ' + toks[j].f;
    // (replace() only where there is something to replace: most keys have no dot or hyphen)
    const k = key.indexOf('.') >= 0 ? key.replace(/\./g, '') : key;
    if (TITLES.has(k) || (k.indexOf('-') >= 0 && TITLES.has(k.replace(/-/g, ' ')))) best = j - i + 1;
  }
  return best;
}

/** Does a title start at some token from `from` on (cheap first-word test)? */
function titleAhead(toks: Tok[], from: number): boolean {
  for (let j = from; j < toks.length; j++) if (titleFirst(toks[j])) return true;
  return false;
}

function isTitleSeq(toks: Tok[]): boolean {
  let i = 0;
  let sawTitle = false;
  while (i < toks.length) {
    const tl = titleLen(toks, i);
    if (tl) {
      sawTitle = true;
      i += tl;
    } else if (((fl(toks[i]) & F_TITLE_MOD) !== 0) || ((fl(toks[i]) & F_DEMONYM) !== 0) || (!sawTitle && lookupTok(toks[i]))) i++;
    else return false;
  }
  return sawTitle;
}

function genderOfTitle(titleToks: Tok[]): 'male' | 'female' | undefined {
  for (const t of titleToks) {
    const g = HONORIFICS.get(t.f);
    if (g === 'male' || g === 'female') return g;
    if (FEMALE_TITLES.has(t.f)) return 'female';
    if (MALE_TITLES.has(t.f)) return 'male';
  }
  return undefined;
}

function phraseAt(toks: Tok[], i: number, text: string): { len: number; info: PhraseInfo } | null {
  const maxJ = Math.min(toks.length, i + MAX_PHRASE_WORDS + 2);
  for (let j = maxJ - 1; j >= i; j--) {
    const info = i === j ? lookupTok(toks[i]) : lookupSpan(text, toks[i].s, toks[j].e);
    if (info) return { len: j - i + 1, info };
  }
  return null;
}

function emit(out: Pending[], ctx: NameContext, toks: Tok[], type: EntityType, reason: string, extra?: Partial<Pending>): void {
  if (!toks.length) return;
  const start = toks[0].s;
  const end = toks[toks.length - 1].e;
  const nameTokens: string[] = new Array(toks.length);
  for (let k = 0; k < toks.length; k++) nameTokens[k] = toks[k].t;
  const p = mkPending(start, end, type, reason, nameTokens, 'strong', toks[0].uncertain);
  if (extra) Object.assign(p, extra);
  out.push(p);
}

const NO_TOKS: Tok[] = [];

/** Contains an ASCII lower-case letter (then it is not an all-capitals word, whatever is removed). */
function hasAsciiLower(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}
/** Everything after the first character is ASCII without capitals (so lower-casing changes nothing). */
function plainLowerTail(t: string): boolean {
  for (let i = 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 128 || (c >= 65 && c <= 90)) return false;
  }
  return true;
}

function classifySegment(toksIn: Tok[], ctx: NameContext, out: Pending[], afterTitle: boolean): void {
  const { text } = ctx;
  let toks = toksIn;
  // Lower-case-suffixed adjectives ("Russian-backed", "Syrian-led") and demonyms never start a name
  // unless an organisation head follows.
  const last = toks[toks.length - 1];
  const lastIsOrgHead = (fl(last) & F_ORG_HEAD_DOTTED) !== 0;

  // Known name ending in a number ("France 24").
  const d1 = text.charCodeAt(last.e + 1);
  const numAfter = text.charCodeAt(last.e) === 32 && d1 >= 48 && d1 <= 57 ? /^ \d{1,3}(?![\d,.]\d)/.exec(text.slice(last.e, last.e + 5)) : null;
  if (numAfter) {
    const span = text.slice(toks[0].s, last.e) + numAfter[0];
    const k = lookupPhrase(span);
    if (k) {
      out.push(mkPending(toks[0].s, last.e + numAfter[0].length, k.type, k.source, [span], 'strong', undefined));
      return;
    }
  }
  // A role or post-nominal at the end ("Legal Affairs Correspondent", "Andrew Smith KC", "Fianna Fáil
  // TD"): not part of a name; what is left is classified on its own.
  if (toks.length >= 2 && (POST_NOMINALS.has(last.t) || ((fl(last) & F_TRAILING_ROLE) !== 0)) && !lookupSpan(text, toks[0].s, last.e)) {
    let k = toks.length - 1;
    while (k > 0 && (POST_NOMINALS.has(toks[k].t) || ((fl(toks[k]) & F_TRAILING_ROLE) !== 0) || ((fl(toks[k]) & F_TITLE_MOD) !== 0))) k--;
    // "Foreign Office Minister", "Legal Affairs Correspondent": a role phrase as a whole.
    if (((fl(toks[0]) & F_TITLE_MOD) !== 0) || (k === 0 && (((fl(toks[0]) & F_DEMONYM) !== 0) || titleLen(toks, 0)))) return;
    const rest = toks.slice(0, k + 1);
    if (POST_NOMINALS.has(last.t)) {
      // "Andrew Smith KC": the name before the letters.
      classifySegment(rest, ctx, out, afterTitle);
      return;
    }
    // Before a role only a known name counts ("Fianna Fáil TD"); "UN High Commissioner" is a role.
    const ph = phraseAt(rest, 0, text);
    if (ph && ph.info.type !== 'date') pushKnown(out, ctx, rest.slice(0, ph.len), ph.info);
    return;
  }
  // "North Carolina-based": a known place or organisation before an adjective suffix.
  if (last.t.indexOf('-') > 0 && ADJ_SUFFIX_RE.test(last.t)) {
    const cut = last.t.search(ADJ_SUFFIX_RE);
    const lt = last.t.slice(0, cut);
    const stem = text.slice(toks[0].s, last.s) + lt;
    const info = lookupPhrase(stem);
    // (A single word: only a place — "Moscow-based"; "ISIL-held" is no mention of the group.)
    if (info && info.type !== 'date' && (toks.length >= 2 || info.type === 'place')) {
      const t2: Tok = { ...last, e: last.s + cut, t: lt, f: fold(lt) };
      pushKnown(out, ctx, [...toks.slice(0, -1), t2], info);
      return;
    }
    // "Minneapolis-based", "Kochi-born": a place in the gazetteer before the suffix.
    const gt = geoTier(stem);
    if (gt && !DEMONYMS.has(fold(stem))) {
      const t2: Tok = { ...last, e: last.s + cut, t: lt, f: fold(lt) };
      emit(out, ctx, [...toks.slice(0, -1), t2], 'place', geoReason(gt) + ' + suffix');
      return;
    }
  }
  // Whole segment is a known phrase.
  const whole = toks.length === 1 ? lookupTok(toks[0]) : lookupSpan(text, toks[0].s, last.e);
  if (whole) {
    pushKnown(out, ctx, toks, whole);
    return;
  }

  // "the Coalition", "the Ministry": a capitalised organisation head used as a name.
  if (toks.length === 1 && !toks[0].uncertain && ((fl(toks[0]) & F_ORG_HEAD) !== 0) && !((fl(toks[0]) & F_GENERIC) !== 0) && (/\bthe[ \u00a0]+$/i.test(text.slice(Math.max(0, toks[0].s - 5), toks[0].s)) || /^[ \u00a0]+(?:forces|partners|members|nations|troops|officials|advisers|aircraft|strikes|operations|countries|allies|military)\b/.test(text.slice(toks[0].e, toks[0].e + 14)))) {
    emit(out, ctx, toks, 'organization', 'capitalised organisation head', { strength: 'weak' });
    return;
  }
  // Drop leading positional capitals that are common words ("Despite", "Sources", "Earlier").
  // (Not a place prefix before a known place: "Greater Manchester Police", "Southern California".)
  while (toks.length && toks[0].uncertain && isCommonStart(toks, 0, text) && !(toks.length >= 2 && PLACE_PREFIXES.has(toks[0].f) && lookupTok(toks[1])?.type === 'place')) toks = toks.slice(1);
  // A sentence-initial gerund before a known name: "Defeating ISIL", "Protecting NATO".
  if (toks.length >= 2 && toks[0].uncertain && toks[0].t.length >= 6 && toks[0].f.endsWith('ing') && !((fl(toks[0]) & F_GIVEN) !== 0) && (toks.length === 2 ? lookupTok(toks[1]) : lookupSpan(text, toks[1].s, toks[toks.length - 1].e))) toks = toks.slice(1);
  if (!toks.length) return;
  if (toks !== toksIn) {
    const w = toks.length === 1 ? lookupTok(toks[0]) : lookupSpan(text, toks[0].s, toks[toks.length - 1].e);
    if (w) {
      pushKnown(out, ctx, toks, w);
      return;
    }
  }

  // Organisation by head noun: "Russian Army", "Syrian Democratic Forces", "Ministry of Defence".
  const hasOfHead = toks.length > 1 && toks.some((t, i) => i > 0 && OF_GAPS.has(t.gap) && ((fl(toks[i - 1]) & F_ORG_HEAD_OF) !== 0));
  // Country + known organisation: "U.S. Treasury", "UK Labour Party".
  if (toks.length >= 2 && !toks[0].headline) {
    const c0 = lookupTok(toks[0]);
    // ... and a demonym + known organisation: "Scottish Labour", "Welsh Conservatives".
    if ((c0 && c0.type === 'place' && c0.source === 'country') || ((fl(toks[0]) & F_DEMONYM) !== 0)) {
      const rest = lookupSpan(text, toks[1].s, last.e);
      if (rest && rest.type === 'organization') {
        emit(out, ctx, toks, 'organization', 'country + organisation');
        return;
      }
    }
  }
  // Company name ending in an industry word ("Harbor Peak Capital"), unless a given name comes first.
  const lastIsCompanyHead = toks.length >= 2 && ((fl(last) & F_COMPANY) !== 0) && !((fl(toks[0]) & F_GIVEN) !== 0) && !titleLen(toks, 0) && !((fl(toks[toks.length - 2]) & F_TITLE_MOD) !== 0) && !((fl(toks[0]) & F_DEMONYM) !== 0);
  if ((lastIsOrgHead && toks.length >= 2) || hasOfHead || lastIsCompanyHead) {
    // A title phrase at the end ("Foreign Minister") is not an organisation.
    let k = 0;
    while (k < toks.length && (toks[k].f.endsWith('-backed') || toks[k].f.endsWith('-led'))) k++;
    const orgToks = toks.slice(k);
    if (orgToks.length && !(titleLen(orgToks, 0) === orgToks.length)) {
      // Titles before the organisation ("Pentagon Press Secretary"): only the part after a title.
      emit(out, ctx, orgToks, 'organization', 'organisation head: ' + last.t);
      return;
    }
  }

  // Operations, exercises, ships, documents and events are none of our types.
  if (((fl(toks[0]) & F_NOT_NAME_PREFIX) !== 0) && toks.length >= 2) {
    // ... but a title and a name later in the run are a person ("Operation X Commander Lt. Gen. Y").
    for (let k = 2; k < toks.length - 1; k++) {
      const tl = titleLen(toks, k);
      if (tl && k + tl < toks.length) {
        classifySegment(toks.slice(k), ctx, out, false);
        break;
      }
    }
    return;
  }
  if (toks.length >= 2 && ((fl(last) & F_MISC) !== 0)) return;
  // Titles and roles: find the rightmost title that still has a name after it.
  let nameStart = 0;
  let titleToks: Tok[] = NO_TOKS;
  {
    let i = 0;
    let lastTitleEnd = -1;
    let prefix: number[] | null = null; // allocated only when needed (most segments have none)
    while (i < toks.length) {
      const tl = titleLen(toks, i);
      if (tl && i + tl < toks.length) {
        lastTitleEnd = i + tl;
        i += tl;
        continue;
      }
      const t = toks[i];
      // A known name or an organisation head right before a title, with any demonyms before it:
      // "European Commission President X", "Senate Majority Leader X", "SFO Director X".
      // Not after a title modifier ("Foreign Office Minister X", "Pentagon Press Secretary X": the
      // whole is a role), and not when the word itself is one.
      if (i + 2 < toks.length && !((fl(t) & F_TITLE_MOD) !== 0) && !(i > 0 && ((fl(toks[i - 1]) & F_TITLE_MOD) !== 0)) && titleAhead(toks, i + 1)) {
        let ps = i;
        while (ps > 0 && prefix !== null && prefix.includes(ps - 1) && ((fl(toks[ps - 1]) & F_DEMONYM) !== 0)) ps--;
        let done = false;
        for (const st of ps < i ? [ps, i] : [i]) {
          const ph = phraseAt(toks, st, text);
          if (ph && ph.info.type !== 'date' && st + ph.len > i && st + ph.len < toks.length && titleLen(toks, st + ph.len) && st + ph.len + titleLen(toks, st + ph.len) < toks.length) {
            pushKnown(out, ctx, toks.slice(st, st + ph.len), ph.info);
            i = st + ph.len;
            done = true;
            break;
          }
        }
        if (done) continue;
        const tl2 = i + 2 < toks.length && (((fl(toks[i + 1]) & F_PLACE_HEAD) !== 0) || toks[i + 1].f === 'state') ? titleLen(toks, i + 2) : 0;
        if (tl2 && i + 2 + tl2 < toks.length && !((fl(t) & F_GIVEN) !== 0) && !((fl(t) & F_ORG_HEAD) !== 0)) {
          // "Lagos State Governor X", "Sichuan Province Governor X": the place before the title.
          emit(out, ctx, toks.slice(i, i + 2), 'place', 'place before a title');
          i += 2;
          continue;
        }
        const tl1 = i + 1 < toks.length ? titleLen(toks, i + 1) : 0;
        if (tl1 && i + 1 + tl1 < toks.length && (((fl(t) & F_ORG_HEAD) !== 0) || ((fl(t) & F_ORG_HEAD_OF) !== 0)) && !((fl(t) & F_GENERIC) !== 0)) {
          emit(out, ctx, toks.slice(ps, i + 1), 'organization', 'organisation before a title');
          i++;
          continue;
        }
        // An acronym before a title and a name: "ESA Director General Ana Ribeiro".
        if (tl1 && i + 1 + tl1 < toks.length && !t.headline && t.t.length >= 2 && t.t.length <= 6 && isUpperWord(t.t) && !hasAsciiLower(t.t) && !ACRONYM_STOP.has(t.t) && !NON_ORG_ACRONYMS.has(t.t) && !lookupTok(t)) {
          emit(out, ctx, [t], 'organization', 'acronym before a title');
          i++;
          continue;
        }
      }
      if (((fl(t) & F_TITLE_MOD) !== 0) || ((fl(t) & F_DEMONYM) !== 0) || (t.f.indexOf('-') >= 0 && /-(?:backed|led|based|born|allied|held|controlled|run|owned|aligned)$/.test(t.f))) {
        (prefix ??= []).push(i);
        i++;
        continue;
      }
      if (i === 0 && toks.length >= 3 && !((fl(t) & F_TITLE_MOD) !== 0) && titleLen(toks, 1) && 1 + titleLen(toks, 1) < toks.length && !lookupTok(t)) {
        // "Krasnodar Governor Veniamin Kondratyev": a place/organisation name before the title.
        out.push(mkPending(t.s, t.e, 'place', 'name before a title', [t.t], 'weak', t.uncertain, true));
        i++;
        continue;
      }
      const ph = phraseAt(toks, i, text);
      if (ph && ph.info.type !== 'date' && i + ph.len < toks.length && titleLen(toks, i + ph.len)) {
        // "Pentagon Press Secretary ...", "U.S. Defense Secretary ...": the known name stands alone.
        pushKnown(out, ctx, toks.slice(i, i + ph.len), ph.info);
        i += ph.len;
        continue;
      }
      break;
    }
    if (lastTitleEnd > 0) {
      nameStart = lastTitleEnd;
      titleToks = toks.slice(0, lastTitleEnd);
    } else {
      // No title: leading demonyms/adjectives are not part of the name ("Syrian Ahmed ...").
      nameStart = 0;
      while (nameStart < toks.length - 0 && prefix !== null && prefix.includes(nameStart) && (((fl(toks[nameStart]) & F_DEMONYM) !== 0) || /-\p{Ll}/u.test(toks[nameStart].t))) nameStart++;
      // Known phrases consumed as prefix are after demonyms; recompute to skip them.
      while (nameStart < toks.length && out.length && out[out.length - 1].start === toks[nameStart].s) {
        const o = out[out.length - 1];
        let j = nameStart;
        while (j < toks.length && toks[j].e <= o.end) j++;
        nameStart = j;
      }
    }
  }
  // A title later in the run with a name after it, and up to three unknown words before it
  // ("Inherent Resolve Commander Lt. Gen. X"): the person is the name after the title; the words
  // before are classified on their own.
  if (nameStart === 0 && toks.length >= 4 && !((fl(toks[0]) & F_GIVEN) !== 0)) {
    for (let k = 1; k <= 3 && k < toks.length - 1; k++) {
      if (((fl(toks[k]) & F_GIVEN) !== 0) || lookupTok(toks[k])) break;
      const tl = titleLen(toks, k);
      if (tl && k + tl < toks.length && toks.length - (k + tl) <= 4) {
        const left = toks.slice(0, k);
        const ph = phraseAt(left, 0, text);
        if (ph && ph.len === k && ph.info.type !== 'date') pushKnown(out, ctx, left, ph.info);
        else out.push(mkPending(left[0].s, left[k - 1].e, 'person', 'words before a title', left.map((t) => t.t), 'weak', true, true));
        classifySegment(toks.slice(k), ctx, out, false);
        return;
      }
    }
  }
  let name = nameStart === 0 ? toks : toks.slice(nameStart); // never mutated: no copy needed
  if (!name.length) {
    // Demonym or title alone: "the Syrian army" etc. handled by the lower-case head rule.
    if (toks.length === 1 && (((fl(toks[0]) & F_DEMONYM) !== 0) || lookupTok(toks[0])?.type === 'place')) maybeMilGov(out, ctx, toks);
    return;
  }
  // Trailing titles/demonyms can't end a name ("Assad Syrian").
  while (name.length > 1 && ((fl(name[name.length - 1]) & F_DEMONYM) !== 0)) name = name.slice(0, -1);

  if (!titleToks.length && allRoleWords(name)) return; // "Foreign Secretary"
  const hadTitle = titleToks.length > 0;
  const first = name[0];
  const lastN = name[name.length - 1];
  const known = name.length === 1 ? lookupTok(first) : lookupSpan(text, first.s, lastN.e);
  if (known && !hadTitle) {
    pushKnown(out, ctx, name, known);
    return;
  }
  // Acronym defined in parentheses right after: "Hayat Tahrir Al Sham (HTS)" is an organisation
  // unless it is a known place or carries a personal title.
  // An opening parenthesis within two characters of the name (checked in place: no scan ahead).
  const pe = lastN.e;
  const acr = text.charCodeAt(pe) === 40 || text.charCodeAt(pe + 1) === 40 || text.charCodeAt(pe + 2) === 40 ? ACRONYM_DEF_RE.exec(text.slice(lastN.e, lastN.e + 14)) : null;
  if (hadTitle) {
    emit(out, ctx, name, 'person', 'title: ' + titleToks.map((t) => t.t).join(' '), { gender: genderOfTitle(titleToks) ?? givenGender(name) });
    return;
  }
  if (afterTitle && name.length >= 3) {
    // "Minister for the Middle East Tobias Ellwood", "Secretary of State Antony Blinken".
    let k = -1;
    for (let j = name.length - 2; j >= 1; j--) {
      const left = lookupSpan(text, name[0].s, name[j - 1].e);
      if (left) {
        k = j;
        break;
      }
    }
    if (k < 0) for (let j = 1; j <= name.length - 2; j++) if (((fl(name[j]) & F_GIVEN) !== 0)) { k = j; break; }
    if (k < 0 && ((fl(name[0]) & F_TITLE_MOD) !== 0)) k = 1;
    if (k > 0) {
      const left = lookupSpan(text, name[0].s, name[k - 1].e);
      if (left) pushKnown(out, ctx, name.slice(0, k), left);
      emit(out, ctx, name.slice(k), 'person', 'title: ' + titleToks.map((t) => t.t).join(' '), { gender: givenGender(name.slice(k)) });
      return;
    }
  }
  if (afterTitle && name.length >= 1) {
    // "President of Syria", "Commander of U.S. Central Command": the rest is an org/place.
    const info = known; // the same lookup (pure)
    if (info) pushKnown(out, ctx, name, info);
    else emit(out, ctx, name, ((fl(lastN) & F_PLACE_HEAD) !== 0) ? 'place' : 'organization', 'after "title of"');
    return;
  }
  if (((fl(lastN) & F_PLACE_HEAD) !== 0) && name.length >= 2) {
    emit(out, ctx, name, 'place', 'place head: ' + lastN.t);
    return;
  }
  if (PLACE_PREFIXES.has(first.f) && name.length >= 2 && (!WEAK_PLACE_PREFIXES.has(first.f) || lookupSpan(text, name[1].s, lastN.e)?.type === 'place')) {
    emit(out, ctx, name, 'place', 'place prefix: ' + first.t);
    return;
  }
  if (name.length === 1 && !hasAsciiLower(first.t) && isUpperWord(first.t.replace(/[.&\-\d]/g, '')) && first.t.length <= 12 && first.t.replace(/[^\p{L}]/gu, '').length <= 7) {
    if (ACRONYM_STOP.has(first.t.replace(/\./g, '').toUpperCase()) || NON_ORG_ACRONYMS.has(first.t)) return;
    if (first.uncertain && ((fl(first) & F_COMMON) !== 0) && first.t.length > 4) return;
    emit(out, ctx, name, 'organization', 'acronym', { strength: 'weak' });
    return;
  }
  if (acr && !(name.length === 1 && first.t === acr[1])) {
    emit(out, ctx, name, 'organization', 'acronym defined: ' + acr[1]);
    return;
  }
  if (name.length === 1 && first.t.length >= 3 && first.t.endsWith('s') && isUpperWord(first.t.slice(0, -1))) return; // "IEDs": plural acronym of a thing
  // Transliterated organisation head first: "Jabhat Fatah al-Sham", "Harakat Nour al-Din".
  if (name.length >= 2 && TRANSLIT_ORG_HEADS.has(first.f)) {
    emit(out, ctx, name, 'organization', 'organisation head: ' + first.t);
    return;
  }
  // Context cues around the name.
  const cue = contextCue(text, first.s, lastN.e, name.length === 1);
  const gGender = givenGender(name);
  if (name.length >= 2) {
    if (cue === 'organization' || cue === 'place') {
      emit(out, ctx, name, cue, 'context');
      return;
    }
    if (gGender || ((fl(first) & F_GIVEN) !== 0)) {
      emit(out, ctx, name, 'person', 'given name: ' + first.t, { gender: gGender });
      return;
    }
    const particle = name.some((t, i) => (i > 0 && PARTICLE_GAPS.has(t.gap)) || /^(?:al|el|ad|as|ash|bin|ibn|abu)[-‐‑]/i.test(t.t) || (i > 0 && PARTICLES.has(t.f)));
    if (name.every((t) => ((fl(t) & F_COMMON) !== 0))) return;
    // Title Case runs of common words in headlines are not names.
    if (first.uncertain && name.filter((t) => ((fl(t) & F_COMMON) !== 0)).length * 2 >= name.length) {
      out.push(mkPending(first.s, lastN.e, 'person', 'capitalised words', name.map((t) => t.t), 'weak', true, true));
      return;
    }
    // A multi-word place in the gazetteer ("Fort Collins", "Navi Mumbai") rather than a person.
    const gt = particle ? undefined : geoTier(text.slice(first.s, lastN.e));
    if (gt && (gt === 'major' || !first.uncertain)) {
      emit(out, ctx, name, 'place', geoReason(gt), { strength: 'weak' });
      return;
    }
    emit(out, ctx, name, 'person', particle ? 'name particle' : 'capitalised name', { strength: particle ? 'strong' : 'weak', uncertain: first.uncertain });
    return;
  }
  // Single word.
  const w = first;
  const w0 = w.t.charCodeAt(0);
  if ((w0 === 97 || w0 === 101 || w0 === 98 || w0 === 105) && /^(?:al|el|ad|as|ash|bin|ibn|abu)[-‐‑]\p{Lu}/u.test(w.t) && cue !== 'place' && cue !== 'organization') {
    emit(out, ctx, name, 'person', 'name particle', { strength: 'weak', uncertain: w.uncertain });
    return;
  }
  if (((fl(w) & F_COMMON) !== 0) && !cue) return;
  const camel = w.t.length > 3 && !plainLowerTail(w.t) && w.t.slice(1) !== w.t.slice(1).toLowerCase() && /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}/u.test(w.t) && !/^(?:Mc|Mac|De|Di|La|Le|Van|Von|Du|Da)\p{Lu}/u.test(w.t);
  if (camel) {
    // "GlobalPost", "YouTube": a brand/organisation spelling.
    emit(out, ctx, name, 'organization', 'camel-case name', { uncertain: w.uncertain });
    return;
  }
  const pc = text.charCodeAt(w.e);
  const possessive = (pc === 39 || pc === 8217) && /^['’]s?(?![\p{L}])/u.test(text.slice(w.e, w.e + 3));
  // The gazetteer: a major city is a place; a town or region with place context ("from X", ", of X").
  const gt = cue ? undefined : geoTier(w.t);
  let geoCue: EntityType | undefined;
  if (gt && !w.uncertain && (gt === 'major' || geoContext(text, w.s))) geoCue = 'place';
  const p1 = mkPending(w.s, w.e, camel ? 'organization' : 'person', gt && geoCue ? geoReason(gt) : camel ? 'camel-case name' : 'capitalised word', [w.t], 'weak', w.uncertain, true, cue ?? geoCue, possessive);
  out.push(p1);
}

/** Every token is a title modifier or starts a title ("Foreign Secretary"): a loop, no closure per call. */
function allRoleWords(name: Tok[]): boolean {
  for (let i = 0; i < name.length; i++) if (!(((fl(name[i]) & F_TITLE_MOD) !== 0) || titleLen(name, i) > 0)) return false;
  return true;
}

function givenGender(name: Tok[]): 'male' | 'female' | undefined {
  if (name.length < 2) return undefined;
  return GIVEN_NAMES.get(name[0].f);
}

function isCommonStart(toks: Tok[], i: number, text: string): boolean {
  const t = toks[i];
  if (!((fl(t) & F_COMMON) !== 0)) return false;
  if (titleLen(toks, i) || ((fl(t) & F_DEMONYM) !== 0) || ((fl(t) & F_GIVEN) !== 0)) return false;
  if (t.t.length >= 2 && isUpperWord(t.t) && lookupTok(t)) return false; // a known acronym such as WHO
  if (((fl(t) & F_ORG_HEAD) !== 0) && toks.length === 1) return true;
  // Keep if the word begins a known phrase ("New York", "White House").
  const ph = phraseAt(toks, i, text);
  if (ph && ph.len > 1) return false;
  return true;
}

function pushKnown(out: Pending[], ctx: NameContext, toks: Tok[], info: PhraseInfo): void {
  if (info.type === 'date') return;
  const last = toks[toks.length - 1];
  if (info.type === 'place' && toks.length === 1) {
    // "U.S. forces", "Syrian army" style: country + lower-case military/government noun.
    if (maybeMilGov(out, ctx, toks)) return;
  }
  emit(out, ctx, toks, info.type, info.source === 'country' ? 'country' : info.source);
  void last;
}

/** "the Syrian army", "U.S. forces", "Russian government": an organisation. */
function maybeMilGov(out: Pending[], ctx: NameContext, toks: Tok[]): boolean {
  const last = toks[toks.length - 1];
  const c1 = ctx.text.charCodeAt(last.e + 1);
  if (ctx.text.charCodeAt(last.e) !== 32 || c1 < 97 || c1 > 122) return false;
  const m = MIL_GOV_LOWER.exec(ctx.text.slice(last.e, last.e + 24));
  if (!m) return false;
  out.push(mkPending(toks[0].s, last.e + m[0].length, 'organization', 'country + ' + m[1], [...toks.map((t) => t.t), m[1]], 'strong', toks[0].uncertain));
  return true;
}

/** The lower-case word before position s, skipping one "the" ("in the X" -> "in"). */
function prevWord(text: string, s: number): string {
  let j = s - 1;
  for (let pass = 0; pass < 2; pass++) {
    let k = j;
    while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 0xa0)) k--;
    if (k === j) return '';
    let b = k;
    while (b >= 0 && isWordCode(text.charCodeAt(b))) b--;
    if (b === k || k - b > 20) return '';
    const w = internWord(text, b + 1, k + 1).lw; // = the slice lower-cased
    if (w === 'the' && pass === 0) {
      j = b;
      continue;
    }
    return w;
  }
  return '';
}

function contextCue(text: string, s: number, e: number, single = true): EntityType | null {
  const c0 = text.charCodeAt(e);
  if (c0 === 32 || c0 === 0xa0) {
    // Both patterns start with a space: test them only then.
    // Sticky forms tested in place (no slice): every alternative and its look-ahead fit well
    // inside the 24 characters the sliced form saw.
    ORG_AFTER_Y.lastIndex = e;
    if (ORG_AFTER_Y.test(text)) return 'organization';
    PLACE_AFTER_Y.lastIndex = e;
    if (PLACE_AFTER_Y.test(text)) return 'place';
  }
  const cm = text.charCodeAt(e) === 44 ? /^, (\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)?)(?:[,;:.)\n]|$)/u.exec(text.slice(e, e + 30)) : null;
  if (cm && COUNTRIES.has(fold(cm[1]))) return 'place';
  const w = prevWord(text, s);
  if (w) {
    if (ORG_PRE_CUES.has(w)) return 'organization';
    if (w === 'of' && /\d,[ \u00a0]+of[ \u00a0]+$/.test(text.slice(Math.max(0, s - 9), s))) return 'place'; // "Jane Doe, 58, of Guildford"
    if (w === 'of' && /(?:city|town|village|province|region|district|capital|governorate|stronghold|bastion|enclave|port city|island|outskirts|suburbs?|south|north|east|west|northeast|northwest|southeast|southwest|out|liberation|siege|outskirts|centre|center|heart|streets) of[ \u00a0]+$/i.test(text.slice(Math.max(0, s - 24), s))) return 'place';
    if (w === 'to' && /(?:travel(?:l?ed|s)?|flew|fled|moved|returned|deployed|reassigned|sent|went|headed|arrived|trip|visit|road|route|way|back|advanced|withdrew|retreated|evacuated|relocated|came) to[ \u00a0]+$/i.test(text.slice(Math.max(0, s - 24), s))) return 'place';
    if (w === 'at' && single && ROLE_BEFORE_AT_RE.test(text.slice(Math.max(0, s - 28), s))) return 'organization'; // "an analyst at Omdia"
    if (PLACE_PRE_PREPS.has(w) && (single || w !== 'at') && !/\bthe[ \u00a0]+$/.test(text.slice(Math.max(0, s - 6), s))) return 'place';
  }
  return null;
}

const AUX_OR_ADVERB = /ly$|^(?:also|has|had|have|will|would|could|can|may|might|should|must|did|does|do|then|later|previously|again|once|still|already|never|is|was|were|are|had|reportedly|has)$/;
/** End of the word found by the last successful wordAt() (no tuple allocated per call). */
let wordEnd = 0;
/** Next word after position i (skipping spaces), lower-cased: ASCII letters only, at most 20; sets wordEnd. */
function wordAt(text: string, i: number): string | null {
  const n = text.length;
  while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i++;
  const b = i;
  while (i < n && i - b < 20) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) i++;
    else break;
  }
  if (i === b) return null;
  wordEnd = i;
  return internWord(text, b, i).lw; // = the slice lower-cased
}

export function followedByActorVerb(text: string, e: number): boolean {
  let w = wordAt(text, e);
  if (!w && text.charCodeAt(e) === 44) {
    // "Moscow, which ..., said" is not attempted; a comma right after stops here.
    return false;
  }
  if (!w) return false;
  for (let k = 0; k < 2 && AUX_OR_ADVERB.test(w); k++) {
    const w2 = wordAt(text, wordEnd);
    if (!w2) return false;
    w = w2;
  }
  return ACTOR_VERBS.has(w) && !AUX_OR_ADVERB.test(w);
}

// ---------------------------------------------------------------------------------------------
// Document-level resolution.

/** The word also occurs in lower case near this position: a common word capitalised by position. */
function lowercaseNearby(text: string, lower: string, pos: number): boolean {
  if (!/^[a-z]+$/.test(lower) || lower.length < 3) return false;
  const from = Math.max(0, pos - 4000);
  const window = text.slice(from, Math.min(text.length, pos + 4000));
  let i = window.indexOf(lower);
  while (i >= 0) {
    const b = i > 0 ? window.charCodeAt(i - 1) : 32;
    const a = window.charCodeAt(i + lower.length);
    if (!isWordCode(b) && !(a >= 97 && a <= 122) && !(a >= 65 && a <= 90)) return true;
    i = window.indexOf(lower, i + 1);
  }
  return false;
}

/**
 * Offset -> pending name, with Map's get/set semantics (the last set wins): open addressing over
 * Int32Arrays, sized for `capacity` keys and grown when half full (thousands of sets per document
 * cost a Map's hashing and growth each time).
 */
class PosTable {
  /** Offset + 1 per slot (0: empty), so a fresh table needs no fill. */
  private keys: Int32Array;
  /** Index into objs of the value per slot. */
  private vals: Int32Array;
  private readonly objs: Pending[] = [];
  private mask: number;
  private size = 0;
  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }
  set(k: number, v: Pending): void {
    if (this.get(k) === v) return; // (places are often set again with the same mention)
    this.objs.push(v);
    this.put(k + 1, this.objs.length - 1);
  }
  get(k: number): Pending | undefined {
    if (k < 0) return undefined;
    const key = k + 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const x = this.keys[i];
      if (x === key) return this.objs[this.vals[i]];
      if (x === 0) return undefined;
      i = (i + 1) & this.mask;
    }
  }
  private put(key: number, vi: number): void {
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const x = this.keys[i];
      if (x === key) {
        this.vals[i] = vi;
        return;
      }
      if (x === 0) {
        this.keys[i] = key;
        this.vals[i] = vi;
        if (++this.size * 2 > this.mask) this.grow();
        return;
      }
      i = (i + 1) & this.mask;
    }
  }
  private grow(): void {
    const { keys, vals } = this;
    const cap = keys.length * 2;
    this.keys = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.put(keys[i], vals[i]);
  }
}

/** "Tartus and Hmeimim", "Raqqa, Tabqa and Manbij": an unknown word listed with a place. */
function coordinatedWithPlace(text: string, p: Pending, placeByEnd: PosTable, placeByStart: PosTable): boolean {
  const listEnd = /^(?:[,;.:)]|[ \u00a0]+(?:and|or)[ \u00a0]|$)/.test(text.slice(p.end, p.end + 5));
  for (let k = p.start - 1; k >= p.start - 7 && k >= 0; k--) {
    const q = placeByEnd.get(k);
    if (q && q.type === 'place' && !q.unresolved && /^(?:,|,?[ \u00a0]+(?:and|or))[ \u00a0]+$/.test(text.slice(k, p.start)) && (listEnd || text.charCodeAt(k) !== 44)) return true;
  }
  for (let k = p.end + 1; k <= p.end + 7 && k <= text.length; k++) {
    const q = placeByStart.get(k);
    if (q && q.type === 'place' && !q.unresolved && /^(?:,|[ \u00a0]+(?:and|or))[ \u00a0]+$/.test(text.slice(p.end, k))) return true;
  }
  return false;
}

/** '=' + word, built once per word (a fresh concatenation would be flattened and hashed per lookup). */
const EQ_KEYS = new Map<string, string>();
function eqKey(w: string): string {
  let k = EQ_KEYS.get(w);
  if (k === undefined) {
    if (EQ_KEYS.size > 100000) EQ_KEYS.clear();
    k = '=' + w;
    EQ_KEYS.set(w, k);
  }
  return k;
}

const SAID_BEFORE_RE = /(?:^|[^\p{L}])(?:said|says|added|asked|explained|wrote)[ \u00a0]+$/u;
/** Is the word before `s` a verb of saying ("said Russell")? */
function saidBefore(text: string, s: number): boolean {
  const c = text.charCodeAt(s - 2);
  return (c === 100 || c === 115 || c === 110 || c === 101) && SAID_BEFORE_RE.test(text.slice(Math.max(0, s - 12), s));
}

/**
 * text.slice(p.start, p.end), but the (interned) name token itself when it is the whole span: the
 * same contents, and its hash is already computed for the Map/Set lookups that follow.
 */
function surfaceOf(text: string, p: Pending): string {
  const nt = p.nameTokens;
  if (nt !== undefined && nt.length === 1) {
    const w = nt[0];
    if (w.length === p.end - p.start && text.startsWith(w, p.start)) return w;
  }
  return text.slice(p.start, p.end);
}

function notCommonOrDemonym(t: string): boolean {
  const ft = fold(t);
  return !COMMON_WORDS.has(ft) && !DEMONYMS.has(ft);
}

function resolveDocument(ctx: NameContext, pending: Pending[]): void {
  const { text } = ctx;
  const byKey = new Map<string, Map<EntityType, number>>();
  const personSurnames = new Map<string, number>();
  const personFirstNames = new Set<string>();
  const surnamesBySkel = new Map<string, string[]>();
  const tokenType = new Map<string, EntityType>();
  const placeParts = new Set<string>();
  /** First words of company names ("Brightwater" of "Brightwater Power"): the word alone is the company. */
  const companyFirst = new Set<string>();
  const selfCounted = new Set<Pending>();
  const add = (k: string, t: EntityType) => {
    let m = byKey.get(k);
    if (!m) byKey.set(k, (m = new Map()));
    m.set(t, (m.get(t) ?? 0) + 1);
  };
  for (const p of pending) {
    if (p.unresolved) continue;
    if (p.strength === 'weak' && p.uncertain && !(p.type === 'person' && !p.unresolved && p.nameTokens && p.nameTokens.length >= 2 && p.nameTokens.length <= 4 && p.nameTokens.every(notCommonOrDemonym))) continue;
    const key = fold(surfaceOf(text, p));
    add(key, p.type);
    if (p.strength === 'weak') selfCounted.add(p);
    if (p.type === 'person' && p.nameTokens) {
      const toks = nameKey(p.nameTokens);
      if (toks.length) {
        let lastTok = toks[toks.length - 1];
        if (GEN_SUFFIX.has(lastTok) && toks.length > 1) lastTok = toks[toks.length - 2];
        const sk = skeleton(lastTok);
        personSurnames.set(sk, (personSurnames.get(sk) ?? 0) + 1);
        personSurnames.set(eqKey(lastTok), 1);
        const lst = surnamesBySkel.get(sk);
        if (!lst) surnamesBySkel.set(sk, [lastTok]);
        else if (!lst.includes(lastTok)) lst.push(lastTok);
        if (toks.length > 1 && p.strength !== 'weak') for (let k = 0; k < toks.length - 1; k++) if (!GEN_SUFFIX.has(toks[k])) personFirstNames.add(toks[k]);
      }
    }
    if (p.type === 'place' && p.nameTokens && p.nameTokens.length > 1) {
      for (const t of p.nameTokens) {
        const ft = fold(t);
        if (!PLACE_HEADS.has(ft) && !PLACE_PREFIXES.has(ft) && !COMMON_WORDS.has(ft) && !DEMONYMS.has(ft)) placeParts.add(ft);
      }
    }
    if ((p.type === 'organization' || p.type === 'place') && p.nameTokens && p.nameTokens.length > 1) {
      for (const t of p.nameTokens) {
        const ft = fold(t);
        if (!COMMON_WORDS.has(ft) && !DEMONYMS.has(ft)) tokenType.set(ft, p.type);
      }
      const lastF = stripDot(fold(p.nameTokens[p.nameTokens.length - 1]));
      const f0 = fold(p.nameTokens[0]);
      // "Brightwater" of "Brightwater Power", "Bayern" of "Bayern Munich": the first word alone is the organisation.
      if (p.type === 'organization' && (COMPANY_HEADS.has(lastF) || CORP_SUFFIXES.has(lastF) || (p.reason === 'known organisation' && !COMMON_WORDS.has(f0) && !ORG_HEADS.has(f0) && !DEMONYMS.has(f0) && !lookupPhrase(p.nameTokens[0])))) {
        companyFirst.add(f0);
        // and any longer front part: "Tokyo Electron" of "Tokyo Electron Ltd"
        let pre = f0;
        for (let k = 1; k < p.nameTokens.length - 1; k++) companyFirst.add((pre += ' ' + fold(p.nameTokens[k])));
      }
    }
  }
  /** The best type of a key counting every mention but one of type `self` (the mention asking). */
  const bestTypeOther = (k: string, self: EntityType): EntityType | undefined => {
    const m = byKey.get(k);
    if (!m) return undefined;
    let best: EntityType | undefined;
    let n = 0;
    m.forEach((c0, t) => {
      const c = t === self ? c0 - 1 : c0;
      if (c > n) {
        best = t;
        n = c;
      }
    });
    return best;
  };
  const bestType = (k: string): EntityType | undefined => {
    const m = byKey.get(k);
    if (!m) return undefined;
    let best: EntityType | undefined;
    let n = 0;
    m.forEach((c, t) => {
      if (c > n) {
        best = t;
        n = c;
      }
    });
    return best;
  };
  // Phase A: unknown words with a context cue ("in X", "X province", "the group X") count as
  // evidence for the same word elsewhere in the document.
  for (const p of pending) {
    // (A gazetteer cue is weaker: it waits until the names in the document have had their say.)
    if (p.unresolved && (p.cue === 'place' || p.cue === 'organization') && !p.reason?.startsWith('geonames')) {
      const toks = nameKey(p.nameTokens ?? [text.slice(p.start, p.end)]);
      if (toks.length === 1 && personSurnames.has(eqKey(toks[0]))) continue;
      p.type = p.cue;
      p.unresolved = false;
      p.reason = p.reason?.startsWith('geonames') ? p.reason : 'context';
      p.strength = 'strong';
      add(fold(surfaceOf(text, p)), p.type);
    }
  }
  // Sized for the places known now (the tables grow if more are added).
  let places = 0;
  for (let i = 0; i < pending.length; i++) if (pending[i].type === 'place' && !pending[i].unresolved) places++;
  const placeByEnd = new PosTable(places);
  const placeByStart = new PosTable(places);
  for (const p of pending) {
    if (p.type === 'place' && !p.unresolved) {
      placeByEnd.set(p.end, p);
      placeByStart.set(p.start, p);
    }
  }
  for (const p of pending) {
    if (p.unresolved && p.uncertain && p.nameTokens && p.nameTokens.length >= 2 && text.startsWith(p.nameTokens[0], p.start)) {
      // A Title Case headline run starting with a surname named in the body: "Mbappé Double Sends ...".
      const k0 = nameKey([p.nameTokens[0]]);
      if (k0.length === 1 && personSurnames.has(eqKey(k0[0]))) {
        p.end = p.start + p.nameTokens[0].length;
        p.nameTokens = [p.nameTokens[0]];
        p.type = 'person';
        p.unresolved = false;
        p.reason = 'surname of a person named in the document';
      }
    }
    if (p.unresolved || p.strength === 'weak') {
      const surface = surfaceOf(text, p);
      const key = fold(surface);
      // (A weak mention counted in byKey does not confirm itself: only other mentions do.)
      const known = selfCounted.has(p) ? bestTypeOther(key, p.type) : bestType(key);
      if (p.type === 'person' && (p.nameTokens?.length ?? 0) >= 2 && companyFirst.has(key)) {
        p.type = 'organization';
        p.unresolved = false;
        p.reason = 'short name of a company named in the document';
      } else if (known) {
        p.type = known;
        p.unresolved = false;
        p.reason = 'same name elsewhere in the document';
      } else if (p.type === 'person' || p.unresolved) {
        const toks = nameKey(p.nameTokens ?? [surface]);
        const lastTok = toks[toks.length - 1] ?? '';
        const sk = skeleton(lastTok);
        if ((toks.length === 1 || p.unresolved) && (personSurnames.has(eqKey(lastTok)) || (sk.length >= 3 && personSurnames.has(sk)) || (sk.length === 2 && (surnamesBySkel.get(sk) ?? []).some((x) => closeSpelling(x, lastTok))))) {
          p.type = 'person';
          p.unresolved = false;
          p.reason = 'surname of a person named in the document';
        } else if (p.unresolved && toks.length === 1 && personFirstNames.has(lastTok) && !COMMON_WORDS.has(lastTok) && !tokenType.has(lastTok)) {
          // "Lula" of "Luiz Inácio Lula da Silva", "Seán" of "Seán Ó Fearghail": a given name used alone.
          p.type = 'person';
          p.unresolved = false;
          p.reason = 'given name of a person named in the document';
        } else if (p.unresolved && toks.length === 1 && companyFirst.has(key)) {
          p.type = 'organization';
          p.unresolved = false;
          p.reason = 'short name of a company named in the document';
        } else if (p.unresolved) {
          const tt = toks.length === 1 ? tokenType.get(lastTok) : undefined;
          if (p.cue === 'place' || p.cue === 'organization') {
            p.type = p.cue;
            p.unresolved = false;
            p.reason = p.reason?.startsWith('geonames') ? p.reason : 'context';
          } else if ((toks.length === 1 && !p.uncertain && coordinatedWithPlace(text, p, placeByEnd, placeByStart)) || (placeParts.has(key) && !personSurnames.has(eqKey(lastTok)))) {
            p.type = 'place';
            p.unresolved = false;
            p.reason = placeParts.has(key) ? 'part of a place name in the document' : 'listed with a place';
            placeByEnd.set(p.end, p);
            placeByStart.set(p.start, p);
          } else if (tt && !p.uncertain) {
            // A word seen inside a longer organisation/place name is not itself a person.
            p.unresolved = true;
          } else if ((followedByActorVerb(text, p.end) || (p.possessive && !p.uncertain)) && !(p.uncertain && (COMMON_WORDS.has(key) || lowercaseNearby(text, key, p.start)))) {
            // (Both tests are pure; the cheap one runs first: lowercaseNearby scans 8,000 characters.)
            p.type = p.type === 'organization' ? 'organization' : 'person';
            p.unresolved = false;
            p.reason = p.possessive ? 'possessive name' : 'subject of a reporting verb';
          } else if (!p.uncertain && p.type === 'person' && saidBefore(text, p.start) && /^[ \u00a0]*[.,;:]/.test(text.slice(p.end, p.end + 3))) {
            // '..., said Russell.': the name after a verb of saying, closing the clause.
            p.unresolved = false;
            p.reason = 'subject after a reporting verb';
          }
          // Otherwise an unknown capitalised word with no evidence at all is left out (precision).
          void personFirstNames;
        }
      }
    }
    if (!p.unresolved && p.type === 'place') {
      if (followedByActorVerb(text, p.end)) p.role = 'actor';
      placeByEnd.set(p.end, p);
      placeByStart.set(p.start, p);
    }
  }
  // Lists read right to left: "Raqqa, Tabqa and Manbij" where only the last is known.
  for (let k = pending.length - 1; k >= 0; k--) {
    const p = pending[k];
    if (!p.unresolved || p.uncertain || p.cue || (p.nameTokens?.length ?? 1) !== 1) continue;
    if (coordinatedWithPlace(text, p, placeByEnd, placeByStart)) {
      p.type = 'place';
      p.unresolved = false;
      p.reason = 'listed with a place';
      placeByEnd.set(p.end, p);
      placeByStart.set(p.start, p);
    }
  }
}
