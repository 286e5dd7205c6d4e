// Speaker attribution for quoted speech.
//
// For each quote we look for (quotes.ts decides the order; see its header):
//  1. a cue BEFORE the opening mark in the same sentence (nearest verb of saying first):
//     `X said ... "..."`, `X told reporters: "..."`, `according to X, "..."`, `X: "..."`;
//  2. a TRAILING cue after the closing mark in the same sentence:
//     `"...," Putin said.`, `"...," said Putin.`, `"...," he added.`, `"..." X told Y.`;
//  3. a participle clause (`..., hailing the "deep ties"`): the subject of the sentence, or the
//     speaker of the previous quote in the same sentence;
//  4. (in quotes.ts) continuation: the previous quote's speaker in the same paragraph.
// The subject of a cue is a named entity, a capitalised name the recogniser missed, a pronoun
// (resolved to the nearest preceding compatible named person) or a description ("the Russian
// leader", resolved to the person whose titles in the document match it; "the official" with no
// named match gives speaker null: "speaker unknown" rather than a guess).
//
// METONYMY DECISION: a place or organisation used as a speaker ("Moscow said", "the Kremlin said",
// "SANA said") is returned as the speaker (its cluster's canonical name): it is the attributed
// source of the words, and the hover says which type it is. It is never used to resolve "he"/"she".
//
// All work per quote is bounded (windows of at most a few hundred characters, binary searches over
// the entity list), so attribution is linear in the size of the text.

import type { AttributionCue, Entity, EntityCluster, Span } from '../types';
import speechLex from '../lexicons/speech-verbs.json';
import descLex from '../lexicons/speaker-descriptions.json';
import { isSpaceCode, isWordCode } from './quote-marks';
import { DEMONYMS, POST_NOMINALS } from './lexicon';
import { internWord } from './words';

// ---------------------------------------------------------------------------------------------
// Lexicons

const VERBS = new Set<string>(speechLex.verbs);
const SUBJECT_AFTER = new Set<string>(speechLex.subjectAfter);
const PHRASES_BY_FIRST = new Map<string, string[][]>();
for (const ph of speechLex.phrases) {
  const words = ph.split(' ');
  const list = PHRASES_BY_FIRST.get(words[0]) ?? [];
  list.push(words);
  list.sort((a, b) => b.length - a.length);
  PHRASES_BY_FIRST.set(words[0], list);
}

const ROLE_FAMILY = new Map<string, number>(); // single-word role → family index
const ROLE_PHRASES: Array<{ words: string[]; family: number }> = [];
descLex.roleFamilies.forEach((fam, idx) => {
  for (const r of fam) {
    const w = r.split(' ');
    if (w.length === 1) ROLE_FAMILY.set(r, idx);
    else ROLE_PHRASES.push({ words: w, family: idx });
  }
});
const MODIFIERS = new Set<string>(descLex.modifiers);
const SOFT_MODIFIERS = new Set<string>(descLex.softModifiers);
const PAST_MODIFIERS = new Set<string>(descLex.pastModifiers);
const RANK_MODIFIERS = new Set<string>(['vice', 'deputy']);
/** Prepositions linking an unnamed speaker to an organisation or place ("an engineer at X said"). */
const UNNAMED_OF = new Set<string>(['at', 'from', 'with', 'in', 'for']);
const MALE_TITLES = new Set<string>(descLex.maleTitles);
const FEMALE_TITLES = new Set<string>(descLex.femaleTitles);

const PRONOUN_GENDER: Record<string, 'male' | 'female' | 'none'> = {
  he: 'male',
  she: 'female',
  they: 'none',
  it: 'none',
  we: 'none',
  i: 'none',
};

/** Words skipped between a subject and its verb ("Putin later said", "Novak was quoted as saying"). */
const AUX_SKIP = new Set<string>([
  'also', 'later', 'then', 'has', 'had', 'have', 'was', 'were', 'is', 'are', 'been', 'once', 'again',
  'further', 'earlier', 'today', 'yesterday', 'tonight', 'now', 'still', 'already', 'never', 'always',
  'often', 'first', 'last', 'previously', 'had', 'did', 'does', 'do', 'not', 'quoted', 'being',
  'subsequently', 'separately', 'meanwhile', 'too', 'himself', 'herself', 'themselves', 'itself',
]);
const WEEKDAYS = new Set<string>([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'weekend', 'week',
  'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'day',
]);
const TIME_PREPS = new Set<string>(['on', 'last', 'this', 'in', 'late', 'early', 'earlier', 'that', 'on', 'by']);
/** A verb after these is not an attribution (infinitive, modal, noun use). */
const BLOCKS_VERB = new Set<string>([
  'to', 'would', 'will', 'could', 'can', 'may', 'might', 'should', 'must', 'shall', 'cannot',
  'the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'this', 'these', 'those',
  'such', 'no', 'any', 'every', 'each', 'so', 'of', 'whose',
]);
const DETERMINERS = new Set<string>([
  'the', 'a', 'an', 'one', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'our',
  'another', 'two', 'three', 'several', 'some', 'many', 'both',
]);
const NAME_PARTICLES = new Set<string>([
  'al', 'el', 'bin', 'ibn', 'bint', 'abu', 'von', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da',
  'du', 'la', 'le', 'dos', 'das', 'ben', 'ul', 'ó', 'ní', 'mac', 'st',
]);
/** Capitalised words that are not names when they start a phrase. */
const CAP_STOP = new Set<string>([
  'the', 'a', 'an', 'in', 'on', 'at', 'for', 'but', 'and', 'or', 'as', 'after', 'before', 'during',
  'when', 'while', 'if', 'then', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we',
  'i', 'his', 'her', 'their', 'its', 'our', 'there', 'here', 'meanwhile', 'however', 'also', 'still',
  'yet', 'so', 'since', 'until', 'with', 'without', 'from', 'by', 'of', 'to', 'according', 'asked',
  'speaking', 'earlier', 'later', 'today', 'yesterday', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'mr', 'mrs', 'ms', 'dr',
]);
/** Nouns that can head an unnamed speaker description ("the official", "analysts", "sources"). */
const GENERIC_SPEAKERS = new Set<string>(descLex.unnamedSpeakerNouns);
const OF_PLACE = new Set<string>(['of', 'from', 'in', 'at']);
const DOCUMENT_NOUNS = new Set<string>(['statement', 'statements', 'report', 'reports', 'readout', 'communique', 'transcript', 'release', 'post', 'letter']);
/** Words that cannot end a subject noun phrase. */
const FUNCTION_WORDS = new Set<string>([
  'and', 'but', 'or', 'nor', 'that', 'which', 'who', 'whom', 'whose', 'to', 'of', 'in', 'on', 'at',
  'for', 'with', 'by', 'from', 'as', 'than', 'then', 'also', 'not', 'so', 'if', 'when', 'while',
  'because', 'after', 'before', 'about', 'into', 'over', 'under', 'it', 'this', 'there', 'where',
  'what', 'how', 'why', 'once', 'yet', 'still', 'just', 'even', 'again', 'all', 'both', 'being',
  'been', 'be', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'do', 'does', 'did', 'will',
  'would', 'can', 'could', 'may', 'might', 'should', 'must', 'the', 'a', 'an', 'his', 'her', 'their',
  'its', 'our', 'my', 'your', 'him', 'them', 'us', 'me', 'you', 'without', 'through', 'during',
  'against', 'between', 'among', 'since', 'until', 'upon', 'per', 'via', 'whether', 'though',
  'although', 'however', 'instead', 'rather', 'already', 'later', 'earlier', 'today', 'yesterday',
  'now', 'here', 'only', 'later', 'too', 'very',
]);
const OBJECT_MARKERS = new Set<string>([
  'told', 'tell', 'tells', 'telling', 'with', 'to', 'asked', 'urged', 'met', 'meets', 'meeting',
  'hosted', 'hosts', 'hosting', 'greeted', 'greeting', 'welcomed', 'welcoming', 'thanked', 'invited',
  'visited', 'against', 'for', 'about', 'congratulated', 'called', 'phoned', 'toward', 'towards',
  'over', 'from', 'than', 'by', 'oust', 'ousted', 'toppled', 'replaced', 'succeeded', 'accused',
  'criticised', 'criticized', 'praised', 'of', 'between', 'and',
]);

// ---------------------------------------------------------------------------------------------
// Tokens

export interface Tok {
  s: number;
  e: number;
  w: string;
  lw: string;
  /** Starts with an upper-case letter. */
  cap: boolean;
  punct: boolean;
}

/** Abbreviations whose full stop does not end a sentence (lower case, without the final dot). */
const ABBREV_TOKENS = new Set<string>([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'gen', 'lt', 'col', 'sen', 'rep', 'gov', 'prof', 'capt',
  'maj', 'sgt', 'adm', 'rev', 'fr', 'u.s', 'u.k', 'u.n', 'e.u', 'no', 'vs',
]);
const TITLE_ABBREVS = new Set<string>(['mr.', 'mrs.', 'ms.', 'dr.', 'prof.', 'gen.', 'lt.', 'col.', 'sen.', 'rep.', 'gov.', 'capt.', 'maj.', 'sgt.', 'adm.', 'rev.', 'fr.', 'st.']);

/** Abbreviated titles and the role they stand for (for descriptions: "Sen. X" → "the senator"). */
const TITLE_ABBREV_ROLES: Record<string, string> = {
  sen: 'senator', rep: 'representative', gov: 'governor', gen: 'general', pres: 'president',
  amb: 'ambassador', col: 'colonel', adm: 'admiral', lt: 'lieutenant', capt: 'captain', maj: 'major',
  sgt: 'sergeant', prof: 'professor', dr: 'doctor', mr: 'mr', mrs: 'mrs', ms: 'ms',
};

function isTokPunct(c: number): boolean {
  return (
    c === 0x2c || c === 0x3b || c === 0x3a || c === 0x28 || c === 0x29 || c === 0x2014 || c === 0x2013 ||
    c === 0x21 || c === 0x3f || c === 0x2e
  );
}

/** Words (letters/digits, with inner - ' ’ .) and punctuation tokens in text[from, to). Hand-rolled: hot path. */
export function tokenize(text: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  let k = Math.max(0, from);
  const lim = Math.min(to, text.length);
  while (k < lim) {
    const c = text.charCodeAt(k);
    if (isWordCode(c)) {
      const s = k;
      k++;
      for (;;) {
        while (k < lim && isWordCode(text.charCodeAt(k))) k++;
        const x = k < lim ? text.charCodeAt(k) : -1;
        if ((x === 0x2d || x === 0x27 || x === 0x2019 || x === 0x2e) && k + 1 < lim && isWordCode(text.charCodeAt(k + 1))) {
          k++;
          continue;
        }
        break;
      }
      // Title abbreviations and initials keep their full stop: "Mr.", "Dr.", "U.S.", "J."
      if (k < lim && text.charCodeAt(k) === 0x2e) {
        const ab = internWord(text, s, k).lw; // = the slice lower-cased
        if (ABBREV_TOKENS.has(ab) || (k - s === 1 && text[s] !== ab)) k++;
      }
      const word = internWord(text, s, k);
      out.push({ s, e: k, w: word.w, lw: word.lw, cap: word.cap, punct: false });
      continue;
    }
    if (isTokPunct(c)) {
      const w = text[k];
      out.push({ s: k, e: k + 1, w, lw: w, cap: false, punct: true });
    }
    k++;
  }
  return out;
}

/** Does a descriptor hold a word that is neither a role nor a generic modifier (a name: "russian", "bmw")? */
function hasNamedWord(words: Set<string>): boolean {
  for (const w of words) if (!ROLE_FAMILY.has(w) && !MODIFIERS.has(w) && !isRolePhraseWord(w) && !DETERMINERS.has(w)) return true;
  return false;
}

/** Is `lw` written with a capital in `phrase` ("the Google chief": "google" yes, "the shadow chancellor": "shadow" no)? */
function capitalisedIn(phrase: string, lw: string): boolean {
  for (const w of phrase.split(' ')) {
    if (stripPossessive(w.toLowerCase()) === lw) return w[0] !== w[0].toLowerCase();
  }
  return false;
}

/** The age in an "N-year-old" word, else undefined. */
function ageOf(lw: string): number | undefined {
  const n = lw.length;
  if (n < 11 || n > 13 || !lw.endsWith('-year-old')) return undefined;
  const d = lw.slice(0, n - 9);
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  return Number(d);
}

function isPossessive(t: Tok): boolean {
  return /['’]s$/i.test(t.w) || (t.w.endsWith("s'") || t.w.endsWith('s’'));
}

function stripPossessive(lw: string): string {
  // Same as lw.replace(/['’]s$/, ''), without a regex per word.
  const n = lw.length;
  if (n < 2 || lw.charCodeAt(n - 1) !== 0x73) return lw;
  const c = lw.charCodeAt(n - 2);
  return c === 0x27 || c === 0x2019 ? lw.slice(0, -2) : lw;
}

// ---------------------------------------------------------------------------------------------
// Public types

export interface Subject extends Span {
  kind: 'entity' | 'name' | 'pronoun' | 'description';
  text: string;
  entity?: Entity;
  /** For 'name': the cluster the name was matched to, if any. */
  cluster?: EntityCluster;
  /** For descriptions: the words, lower case. */
  words?: string[];
  possessive?: boolean;
  /** Index of the first token of the subject (in the token array it came from). */
  startTok: number;
  /** "the Italian said": a nationality noun standing for the person just named. */
  nearest?: boolean;
  /** "the 54-year-old said": the age the description gives. */
  age?: number;
}

export interface Attribution {
  speaker: string | null;
  speakerClusterId?: string;
  speakerMention?: Span & { text: string };
  cue?: AttributionCue;
}

export interface CueMatch {
  /** Token index range [i, j) of the cue words. */
  i: number;
  j: number;
  subjectAfter: boolean;
  participle: boolean;
}

// ---------------------------------------------------------------------------------------------
// The resolver

export class SpeakerResolver {
  readonly text: string;
  private readonly entities: Entity[];
  private readonly clusterById = new Map<string, EntityCluster>();
  /** Person mentions outside quotes, by start. */
  private readonly persons: Entity[];
  private readonly genderById = new Map<string, 'male' | 'female'>();
  private gendersDone = false;
  private readonly clusters: EntityCluster[];
  private descriptors: Map<string, { words: Set<string>; roles: Set<number>; past: boolean }> | null = null;
  private readonly clusterBySpelling = new Map<string, EntityCluster>();
  private readonly clusterByLastWord = new Map<string, EntityCluster | null>();

  constructor(text: string, entities: Entity[], clusters: EntityCluster[], quoteSpans: Span[]) {
    this.text = text;
    let sorted = true;
    for (let k = 1; k < entities.length && sorted; k++) if (entities[k - 1].start > entities[k].start) sorted = false;
    this.entities = sorted ? entities : entities.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    for (const c of clusters) {
      this.clusterById.set(c.id, c);
      for (const sp of [c.canonical, ...c.spellings]) {
        const k = sp.toLowerCase();
        if (!this.clusterBySpelling.has(k)) this.clusterBySpelling.set(k, c);
      }
      if (c.type === 'person') {
        const parts = c.canonical.split(/\s+/);
        const last = parts[parts.length - 1].toLowerCase().replace(/^(al|el)-/, '');
        if (this.clusterByLastWord.has(last) && this.clusterByLastWord.get(last) !== c) this.clusterByLastWord.set(last, null);
        else this.clusterByLastWord.set(last, c);
      }
    }
    // Person mentions outside quoted text (two-pointer walk: both lists sorted).
    const spans = quoteSpans.slice().sort((a, b) => a.start - b.start);
    const persons: Entity[] = [];
    let q = 0;
    for (const e of this.entities) {
      if (e.type !== 'person') continue;
      while (q < spans.length && spans[q].end <= e.start) q++;
      if (q < spans.length && spans[q].start <= e.start && e.end <= spans[q].end) continue;
      persons.push(e);
    }
    this.persons = persons;
    this.clusters = clusters;
  }

  /** Is there a person mention in [from, to) outside quotes, other than cluster `except`? */
  personBetween(from: number, to: number, except: string | undefined, exceptSpan?: Span): boolean {
    const arr = this.persons;
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (arr[mid].start < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < arr.length && arr[k].start < to; k++) {
      const p = arr[k];
      if (except !== undefined && p.clusterId === except) continue;
      if (exceptSpan && p.start < exceptSpan.end && exceptSpan.start < p.end) continue;
      return true;
    }
    return false;
  }

  cluster(id: string | undefined): EntityCluster | undefined {
    return id === undefined ? undefined : this.clusterById.get(id);
  }

  // -- entity lookup ---------------------------------------------------------------------------

  /** The entity covering offset `pos`, if any (binary search). */
  entityAt(pos: number): Entity | undefined {
    const arr = this.entities;
    const best = lastAtOrBefore(arr, 'start', pos);
    for (let k = best; k >= 0 && k > best - 4; k--) {
      if (arr[k].start <= pos && pos < arr[k].end) return arr[k];
    }
    return undefined;
  }

  // -- gender ----------------------------------------------------------------------------------

  private inferGenders(clusters: EntityCluster[]): void {
    const counts = new Map<string, { m: number; f: number }>();
    const bump = (id: string, g: 'm' | 'f', n = 1) => {
      const c = counts.get(id) ?? { m: 0, f: 0 };
      c[g] += n;
      counts.set(id, c);
    };
    // Titles right before a mention (Mr, Mrs, King, Queen...).
    for (const p of this.persons) {
      let e = p.start;
      while (e > 0 && p.start - e < 3 && (isSpaceCode(this.text.charCodeAt(e - 1)) || this.text.charCodeAt(e - 1) === 0x2e)) e--;
      let b = e;
      while (b > 0 && e - b < 10 && isWordCode(this.text.charCodeAt(b - 1))) b--;
      if (b === e) continue;
      const lw = internWord(this.text, b, e).lw; // = the slice lower-cased
      if (MALE_TITLES.has(lw)) bump(p.clusterId, 'm', 3);
      else if (FEMALE_TITLES.has(lw)) bump(p.clusterId, 'f', 3);
    }
    // Possessive/object pronouns count for the nearest preceding person mention (within 300 chars).
    // Subject he/she are left out: they are what we resolve, and would reinforce a wrong guess.
    const re = /\b(him|his|himself|her|hers|herself)\b/gi;
    let m: RegExpExecArray | null;
    let k = 0;
    const persons = this.persons;
    while ((m = re.exec(this.text))) {
      const pos = m.index;
      while (k < persons.length && persons[k].end <= pos) k++;
      const prev = persons[k - 1];
      if (!prev || pos - prev.end > 300) continue;
      const w = m[1].toLowerCase();
      bump(prev.clusterId, w === 'him' || w === 'his' || w === 'himself' ? 'm' : 'f');
    }
    for (const c of clusters) {
      if (c.type !== 'person') continue;
      if (c.gender) {
        this.genderById.set(c.id, c.gender);
        continue;
      }
      const n = counts.get(c.id);
      if (!n) continue;
      if (n.m > n.f) this.genderById.set(c.id, 'male');
      else if (n.f > n.m) this.genderById.set(c.id, 'female');
    }
  }

  // -- pronouns --------------------------------------------------------------------------------

  /**
   * Names the recogniser did not mark but that were used as speakers ("Netanyahu said" with no
   * entity): they count as persons for later pronouns. Registered in text order by findQuotes.
   */
  private readonly pseudo: Array<{ start: number; end: number; text: string; clusterId?: string }> = [];

  addPseudoPerson(m: { start: number; end: number; text: string; clusterId?: string }): void {
    this.pseudo.push(m);
  }

  /**
   * "it said": the nearest preceding organisation named outside quotes within a short distance
   * (the ministry, the agency, the Kremlin). Places are left out: "it" after a country is too often
   * the country as a thing rather than a speaker.
   */
  resolveIt(pos: number): Entity | undefined {
    const idx = lastAtOrBefore(this.entities, 'end', pos);
    for (let k = idx; k >= 0 && k > idx - 12; k--) {
      const e = this.entities[k];
      if (pos - e.end > 500) break;
      if (e.type === 'person') return undefined; // a person in between: "it" is not about the organisation
      if (e.type === 'organization' && !this.isObjectMention(e)) return e;
    }
    return undefined;
  }

  /** Nearest preceding compatible named person for a he/she pronoun at `pos`. */
  resolvePronoun(pos: number, pronoun: string): Entity | undefined {
    if (pronoun === 'it') return this.resolveIt(pos);
    const p = this.resolvePronounEntity(pos, pronoun);
    // A nearer name used as a speaker that the recogniser missed wins over an older entity.
    for (let k = this.pseudo.length - 1; k >= 0 && k >= this.pseudo.length - 8; k--) {
      const x = this.pseudo[k];
      if (x.end > pos) continue;
      if (p && p.end >= x.end) break;
      if (pos - x.end > 4000) break;
      if (PRONOUN_GENDER[pronoun] !== 'male' && PRONOUN_GENDER[pronoun] !== 'female') break;
      return { start: x.start, end: x.end, text: x.text, type: 'person', clusterId: x.clusterId ?? '' };
    }
    return p;
  }

  private resolvePronounEntity(pos: number, pronoun: string): Entity | undefined {
    if (!this.gendersDone) {
      this.gendersDone = true;
      this.inferGenders(this.clusters);
    }
    const want = PRONOUN_GENDER[pronoun];
    if (want !== 'male' && want !== 'female') return undefined;
    const arr = this.persons;
    const idx = lastAtOrBefore(arr, 'end', pos);
    let fallback: Entity | undefined;
    for (let k = idx; k >= 0 && k > idx - 16; k--) {
      const p = arr[k];
      if (pos - p.end > 4000) break;
      const g = this.genderById.get(p.clusterId);
      if (g && g !== want) continue;
      if (this.isObjectMention(p)) {
        fallback ??= p;
        continue;
      }
      return p;
    }
    return fallback;
  }

  /** The nearest preceding person mention that is not an object, within a short distance. */
  private nearestPerson(pos: number): Entity | undefined {
    const arr = this.persons;
    const idx = lastAtOrBefore(arr, 'end', pos);
    for (let k = idx; k >= 0 && k > idx - 8; k--) {
      const p = arr[k];
      if (pos - p.end > 1500) break;
      if (!this.isObjectMention(p)) return p;
    }
    return undefined;
  }

  /** Is this mention the object of a verb/preposition ("told Putin", "met with Sharaa") or a possessive ("Putin's words")? */
  private isObjectMention(p: Entity): boolean {
    const a = this.text.charCodeAt(p.end);
    if ((a === 0x27 || a === 0x2019) && (this.text.charCodeAt(p.end + 1) | 0x20) === 0x73 && !isWordCode(this.text.charCodeAt(p.end + 2))) return true;
    if (/['’]s$/.test(p.text)) return true;
    // Walk back over titles/demonyms between the marker and the name ("told Russian President X").
    let pos = p.start;
    let w = prevWord(this.text, pos);
    let skipped = 0;
    while (w && skipped < 4 && w.w[0] !== w.w[0].toLowerCase()) {
      pos = w.s;
      w = prevWord(this.text, pos);
      skipped++;
    }
    if (!w) return false;
    const lw = w.w.toLowerCase();
    if (lw === 'to') {
      const w2 = prevWord(this.text, w.s);
      if (w2 && w2.w.toLowerCase() === 'according') return false;
    }
    return OBJECT_MARKERS.has(lw);
  }

  // -- descriptions ----------------------------------------------------------------------------

  private buildDescriptors(): Map<string, { words: Set<string>; roles: Set<number>; past: boolean }> {
    const map = new Map<string, { words: Set<string>; roles: Set<number>; past: boolean }>();
    const seen = new Set<string>();
    const add = (id: string, words: string[]) => {
      const key = id + '\u0000' + words.join(' ');
      if (seen.has(key)) return;
      seen.add(key);
      let d = map.get(id);
      if (!d) {
        d = { words: new Set(), roles: new Set(), past: false };
        map.set(id, d);
      }
      // words arrive nearest-first; put them in text order
      const ws = words.map((w) => stripPossessive(w)).reverse();
      const covered = new Set<number>();
      // (no role phrase can match unless one of its words is here)
      if (ws.some(isRolePhraseWord)) for (const rp of ROLE_PHRASES) {
        for (let i = 0; i + rp.words.length <= ws.length; i++) {
          if (rp.words.every((w, j) => ws[i + j] === w)) {
            d.roles.add(rp.family);
            for (let j = 0; j < rp.words.length; j++) covered.add(i + j);
          }
        }
      }
      for (let i = 0; i < ws.length; i++) {
        const w = ws[i];
        d.words.add(w);
        const f = ROLE_FAMILY.get(w);
        if (f !== undefined && !covered.has(i)) d.roles.add(f);
        if (PAST_MODIFIERS.has(w)) d.past = true;
      }
    };
    for (const e of this.entities) {
      if (e.type !== 'person') continue;
      // Titles before the name: "Russian Foreign Minister Sergei Lavrov", "vice premier Alexander Novak".
      const words: string[] = [];
      let pos = e.start;
      // "his Russian counterpart, Vladimir Putin": description before an appositive comma
      let k = pos;
      while (k > 0 && k > e.start - 3 && this.text.charCodeAt(k - 1) === 32) k--;
      if (k > 0 && this.text.charCodeAt(k - 1) === 0x2c) pos = k - 1;
      while (words.length < 6) {
        // An abbreviated title with its full stop: "Sen. Lindsey Graham", "Gen. X".
        let q = pos;
        while (q > 0 && pos - q < 3 && this.text.charCodeAt(q - 1) === 32) q--;
        if (q > 0 && this.text.charCodeAt(q - 1) === 0x2e) {
          const ab = prevWord(this.text, q - 1, true);
          const full = ab ? TITLE_ABBREV_ROLES[ab.w.toLowerCase()] : undefined;
          if (!ab || !full) break;
          words.push(full);
          pos = ab.s;
          continue;
        }
        const t = prevWord(this.text, pos, true);
        if (!t) break;
        const lw = internWord(this.text, t.s, t.e).lw; // = t.w.toLowerCase(), shared per distinct word
        const base = stripPossessive(lw);
        const cap = t.w[0] !== lw[0];
        if (cap || ROLE_FAMILY.has(base) || MODIFIERS.has(base) || isRolePhraseWord(base)) words.push(lw);
        else break;
        pos = t.s;
      }
      if (words.some((w) => ROLE_FAMILY.has(stripPossessive(w)) || isRolePhraseWord(w))) add(e.clusterId, words);
      // Appositive after the name: "Vladimir Putin, the Russian president, ..."
      if (this.text.charCodeAt(e.end) === 0x2c && appositiveStarts(this.text, e.end + 1)) {
        const after = tokenize(this.text, e.end + 1, Math.min(this.text.length, e.end + 80));
        const aw: string[] = [];
        let closed = false;
        for (const t of after) {
          if (t.punct) {
            closed = t.w === ',' || t.w === '.' || t.w === ')' || t.w === ';';
            break;
          }
          if (aw.length >= 7) break;
          aw.push(t.lw);
        }
        // The appositive must end right after its role word (", the Russian president," — not
        // ", the Syrian president will ask ...", which is the next clause's subject).
        const head = aw.length - 1;
        if (closed && head >= 0 && ROLE_FAMILY.has(stripPossessive(aw[head])) && (DETERMINERS.has(aw[0]) || isPossessiveWord(aw[0]))) {
          add(e.clusterId, aw.slice(0, head + 1).filter((w) => !DETERMINERS.has(w)).reverse());
        }
      }
    }
    return map;
  }

  /** Resolve a description ("the Russian leader") to a person cluster named in the document. */
  resolveDescription(subj: Subject): EntityCluster | undefined {
    if (subj.age !== undefined) return this.resolveAge(subj);
    if (subj.possessive) return undefined;
    const words = (subj.words ?? []).filter((w) => !DETERMINERS.has(w) && w !== 'same');
    if (words.length === 0) return undefined;
    // Head role (last role word/phrase in the description).
    let family = -1;
    let headIdx = -1;
    for (let i = words.length - 1; i >= 0 && family < 0; i--) {
      const f = ROLE_FAMILY.get(words[i]);
      if (f !== undefined) {
        family = f;
        headIdx = i;
      }
    }
    let phrase: string[] | undefined;
    if (words.some(isRolePhraseWord)) for (const rp of ROLE_PHRASES) {
      const n = rp.words.length;
      for (let i = 0; i + n <= words.length; i++) {
        if (rp.words.every((w, j) => words[i + j] === w) && (!phrase || n >= phrase.length)) {
          family = rp.family;
          headIdx = i;
          phrase = rp.words;
        }
      }
    }
    if (family < 0) return undefined;
    if (words[words.length - 1].endsWith('s') && !ROLE_FAMILY.has(words[words.length - 1])) return undefined; // plural
    const generic = descLex.roleFamilies[family].includes('official') || descLex.roleFamilies[family].includes('counterpart');
    if (generic) return undefined;
    const mods = words.filter((w, i) => i !== headIdx && !SOFT_MODIFIERS.has(w) && !ROLE_FAMILY.has(w) && !isRolePhraseWord(w));
    const wantPast = words.some((w) => PAST_MODIFIERS.has(w));
    const w0 = subj.words?.[0];
    const definite = w0 !== 'a' && w0 !== 'an' && w0 !== 'another' && w0 !== 'one';
    this.descriptors ??= this.buildDescriptors();
    if (!this.descriptorsByFamily) {
      // Index by role family (document order kept): a description only looks at clusters with its role.
      this.descriptorsByFamily = new Map();
      for (const entry of this.descriptors) {
        for (const f of entry[1].roles) {
          let list = this.descriptorsByFamily.get(f);
          if (!list) this.descriptorsByFamily.set(f, (list = []));
          list.push(entry);
        }
      }
    }
    let best: { c: EntityCluster; score: number; dist: number } | undefined;
    for (const [id, d] of this.descriptorsByFamily.get(family) ?? []) {
      let ok = true;
      let score = 1;
      for (const m of mods) {
        if (PAST_MODIFIERS.has(m)) continue;
        let hit = false;
        for (const w of d.words) {
          if (wordMatch(m, w)) {
            hit = true;
            break;
          }
        }
        if (!hit) {
          // A proper-noun modifier ("the Google chief") the person's titles say nothing about:
          // no evidence either way when those titles name no organisation or country at all.
          // (Not for "an ASML spokesperson": an indefinite description introduces someone new.)
          // A nationality counts so only with the very role word: "the German chancellor" may be
          // "Chancellor Friedrich Merz", but "the French leader" is not just any president.
          if (definite && !MODIFIERS.has(m) && !hasNamedWord(d.words) && capitalisedIn(subj.text, m) && (!DEMONYMS.has(m) || d.words.has(words[headIdx]))) continue;
          ok = false;
          break;
        }
        score++;
      }
      if (!ok) continue;
      // "the chief financial officer": the person introduced with that very phrase ranks first.
      if (phrase && phrase.every((w) => d.words.has(w))) score++;
      // Rank words the cluster has but the description lacks ("vice premier" ≠ "the leader").
      for (const w of d.words) if (RANK_MODIFIERS.has(w) && !mods.includes(w)) score -= 2;
      if (d.past !== wantPast) score -= 2;
      const c = this.clusterById.get(id);
      if (!c) continue;
      const dist = this.distanceToMention(id, subj.start);
      if (!best || score > best.score || (score === best.score && dist < best.dist)) best = { c, score, dist };
    }
    if (!best || best.score < 1) return undefined;
    return best.c;
  }

  private clustersByAge: Map<number, string[]> | null = null;

  /** "the 54-year-old": the nearest person introduced with that age ("Jane Doe, 54," / "54-year-old Jane Doe"). */
  private resolveAge(subj: Subject): EntityCluster | undefined {
    if (!this.clustersByAge) {
      // One pass over the person mentions, once per document.
      this.clustersByAge = new Map();
      for (const e of this.entities) {
        if (e.type !== 'person') continue;
        let age: number | undefined;
        const m = /^, (\d{1,3})(?![\d.,]\d)/.exec(this.text.slice(e.end, e.end + 6));
        if (m) age = Number(m[1]);
        else {
          const w = prevWord(this.text, e.start, true);
          if (w) age = ageOf(w.w.toLowerCase());
        }
        if (age === undefined) continue;
        const list = this.clustersByAge.get(age) ?? [];
        if (!list.includes(e.clusterId)) list.push(e.clusterId);
        this.clustersByAge.set(age, list);
      }
    }
    let best: { c: EntityCluster; dist: number } | undefined;
    for (const id of this.clustersByAge.get(subj.age!) ?? []) {
      const c = this.clusterById.get(id);
      if (!c) continue;
      const dist = this.distanceToMention(id, subj.start);
      if (!best || dist < best.dist) best = { c, dist };
    }
    return best && best.dist !== Infinity ? best.c : undefined;
  }

  private mentionsByCluster: Map<string, number[]> | null = null;
  private descriptorsByFamily: Map<number, Array<[string, { words: Set<string>; roles: Set<number>; past: boolean }]>> | null = null;

  /** Distance from `pos` to the nearest preceding mention of the cluster (later ones rank after all). */
  private distanceToMention(clusterId: string, pos: number): number {
    if (!this.mentionsByCluster) {
      this.mentionsByCluster = new Map();
      for (const p of this.persons) {
        const arr = this.mentionsByCluster.get(p.clusterId) ?? [];
        arr.push(p.end);
        this.mentionsByCluster.set(p.clusterId, arr);
      }
    }
    const ends = this.mentionsByCluster.get(clusterId);
    if (!ends || ends.length === 0) return Infinity;
    let lo = 0;
    let hi = ends.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= pos) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (idx >= 0) return pos - ends[idx];
    return ends[0] - pos + 1_000_000;
  }

  // -- cues --------------------------------------------------------------------------------------

  /** All cue matches (verbs of saying / phrases) in a token array, left to right. */
  findCues(toks: Tok[], allowCap: () => boolean): CueMatch[] {
    const out: CueMatch[] = [];
    let capOk: boolean | undefined;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.punct) continue;
      // Capitalised verbs only in headlines ("Putin Hails ..."), and sentence-initial "According to X".
      if (t.cap && !(t.lw === 'according' && (i === 0 || toks[i - 1].punct))) {
        if (!VERBS.has(t.lw) && !PHRASES_BY_FIRST.has(t.lw)) continue;
        capOk ??= allowCap();
        if (!capOk) continue;
      }
      const phrases = PHRASES_BY_FIRST.get(t.lw);
      let matched = false;
      if (phrases) {
        for (const ph of phrases) {
          if (i + ph.length > toks.length) continue;
          let ok = true;
          for (let k = 1; k < ph.length; k++) if (toks[i + k].lw !== ph[k]) ok = false;
          if (!ok) continue;
          out.push({ i, j: i + ph.length, subjectAfter: SUBJECT_AFTER.has(ph.join(' ')), participle: false });
          i += ph.length - 1;
          matched = true;
          break;
        }
      }
      if (matched || !VERBS.has(t.lw)) continue;
      const prev = i > 0 ? toks[i - 1] : undefined;
      if (prev && !prev.punct && BLOCKS_VERB.has(prev.lw)) continue;
      const next = toks[i + 1];
      if (t.lw === 'called' && next && ['for', 'on', 'off', 'up', 'in', 'out'].includes(next.lw)) continue;
      if (t.lw.endsWith('ed') && next && next.lw === 'by' && t.lw !== 'told') continue; // passive: "reported by"
      out.push({ i, j: i + 1, subjectAfter: false, participle: t.lw.endsWith('ing') });
    }
    return out;
  }

  /** Skip adverbs, auxiliaries and time phrases backwards from token j. */
  private skipAux(toks: Tok[], j: number, lb: number): number {
    let guard = 0;
    while (j >= lb && guard++ < 8) {
      const t = toks[j];
      if (t.punct) break;
      if (AUX_SKIP.has(t.lw) || (t.lw.endsWith('ly') && !t.cap && t.lw.length > 4)) {
        j--;
        continue;
      }
      // "on Wednesday", "last week", "on Monday afternoon"
      if (WEEKDAYS.has(t.lw)) {
        let k = j - 1;
        if (k >= lb && WEEKDAYS.has(toks[k].lw)) k--;
        if (k >= lb && TIME_PREPS.has(toks[k].lw)) k--;
        j = k;
        continue;
      }
      const ent = this.entityAt(t.s);
      if (ent && (ent.type === 'date' || (ent.type === 'number' && ageOf(t.lw) === undefined))) {
        let k = j - 1;
        while (k >= lb && toks[k].s >= ent.start) k--;
        if (k >= lb && TIME_PREPS.has(toks[k].lw)) k--;
        j = k;
        continue;
      }
      break;
    }
    return j;
  }

  /** The subject of a cue whose first token is toks[idx], looking left (bounded by token lb). */
  subjectBefore(toks: Tok[], idx: number, lb: number): Subject | null {
    const j = this.skipAux(toks, idx - 1, lb);
    if (j < lb) return null;
    // A relative clause without commas: "a Syrian official who requested anonymity told AFP".
    let rel = -1;
    for (let k = j; k >= lb && k >= j - 8; k--) {
      if (toks[k].punct) break;
      if ((toks[k].lw === 'who' && toks[k].w !== 'WHO') || toks[k].lw === 'which' || toks[k].lw === 'whose') {
        rel = k;
        break;
      }
    }
    const cand = this.candidateEndingAt(toks, j, lb, 0);
    if (rel >= 0 && rel < j) {
      if (cand && cand.kind !== 'description' && cand.startTok === rel + 1) return cand; // "who Russia says"
      let r = rel - 1;
      if (r >= lb && toks[r].w === ',') r--;
      if (r < lb) return null;
      return this.candidateEndingAt(toks, r, lb, 0);
    }
    return cand;
  }

  /** A subject phrase (entity, name, pronoun, description) ending at token j. */
  private candidateEndingAt(toks: Tok[], j: number, lb: number, depth: number): Subject | null {
    if (j < lb) return null;
    const t = toks[j];
    if (t.w === ',') {
      // Parenthetical between commas: "Sharaa, accompanied by a delegation, said".
      if (depth > 0) return null;
      for (let k = j - 1; k >= lb && k >= j - 30; k--) {
        const x = toks[k];
        if (x.w === ',') {
          // "Iran's foreign ministry spokesman, Esmaeil Baghaei, said": the parenthetical is the name.
          const inner = j - 1 > k ? this.candidateEndingAt(toks, j - 1, k + 1, depth + 1) : null;
          // Only a determiner and titles may come before the name inside the commas ("The vicar, the Rev X, said").
          let lead = inner ? inner.startTok <= k + 2 : false;
          if (inner && !lead && inner.startTok <= k + 5) {
            lead = true;
            for (let x2 = k + 1; x2 < inner.startTok && lead; x2++) lead = !toks[x2].punct && (toks[x2].cap || DETERMINERS.has(toks[x2].lw) || toks[x2].w === '.');
          }
          if (inner && (inner.kind === 'entity' || inner.kind === 'name') && lead && (inner.kind === 'name' || inner.entity!.type === 'person')) {
            const head = this.candidateEndingAt(toks, k - 1, lb, depth + 1);
            if (!head || head.kind === 'description') return inner;
          }
          return this.candidateEndingAt(toks, k - 1, lb, depth + 1);
        }
        if (x.punct && x.w !== '(' && x.w !== ')') return null;
      }
      return null;
    }
    if (t.w === ')' && depth === 0) {
      // An acronym or aside in parentheses before the verb: "The Federation of ... (BDI) said".
      for (let k = j - 1; k >= lb && k >= j - 6; k--) {
        if (toks[k].w === '(') return k - 1 >= lb ? this.candidateEndingAt(toks, k - 1, lb, depth + 1) : null;
        if (toks[k].punct) break;
      }
      return null;
    }
    if (t.punct) return null;
    // "Andrew Smith KC said": letters after the name.
    if (j - 1 >= lb && t.cap && POST_NOMINALS.has(t.w) && !toks[j - 1].punct) return this.candidateEndingAt(toks, j - 1, lb, depth);
    const pg = PRONOUN_GENDER[t.lw];
    if (pg !== undefined) return { kind: 'pronoun', start: t.s, end: t.e, text: t.w, startTok: j };
    let ent = this.entityAt(t.s);
    // An entity that runs on past this word (a headline "Putin Says Russia" taken as one name) is
    // not trusted: fall back to the capitalised words before the verb.
    if (ent && ent.end > t.e + 1) ent = undefined;
    if (ent && ent.end >= t.e - 2) {
      if (ent.type === 'number' && ageOf(t.lw) !== undefined) return this.descriptionEndingAt(toks, j, lb); // "the 54-year-old said"
      if (ent.type === 'date' || ent.type === 'number') return null;
      if (isPossessive(t)) return null;
      // A common plural the recogniser took for a name ("Economists said").
      if (ent.type === 'person' && GENERIC_SPEAKERS.has(ent.text.toLowerCase())) return this.descriptionEndingAt(toks, j, lb);
      let k = j;
      while (k - 1 >= lb && toks[k - 1].s >= ent.start) k--;
      // "a spokesman for the X said": the article is skipped, the description before it decides.
      if (ent.type !== 'person' && k - 3 >= lb && toks[k - 1].lw === 'the' && UNNAMED_OF.has(toks[k - 2].lw) && GENERIC_SPEAKERS.has(toks[k - 3].lw)) {
        const d = this.descriptionEndingAt(toks, k - 3, lb);
        if (d) return d;
      }
      // "a civil engineer at X University said", "officials in Moscow said": the speaker is the
      // unnamed person before the preposition, not the organisation or place.
      if (ent.type !== 'person' && k - 2 >= lb && UNNAMED_OF.has(toks[k - 1].lw) && !toks[k - 2].punct && !toks[k - 2].cap && !VERBS.has(toks[k - 2].lw) && !AUX_SKIP.has(toks[k - 2].lw)) {
        const d = this.descriptionEndingAt(toks, k - 2, lb);
        if (d) return d;
        let b = k - 2;
        while (b - 1 >= lb && !toks[b - 1].punct && !toks[b - 1].cap && j - b < 8 && !DETERMINERS.has(toks[b].lw)) b--;
        if (DETERMINERS.has(toks[b].lw)) return { kind: 'description', start: toks[b].s, end: toks[k - 2].e, text: this.text.slice(toks[b].s, toks[k - 2].e), words: [], startTok: b };
      }
      // "Senator Chuck Schumer of New York, ..., said": the person, not the place.
      if (ent.type !== 'person' && k - 2 >= lb && OF_PLACE.has(toks[k - 1].lw)) {
        const pe = this.entityAt(toks[k - 2].s);
        if (pe && pe.type === 'person' && pe.end >= toks[k - 2].e - 2) {
          let k2 = k - 2;
          while (k2 - 1 >= lb && toks[k2 - 1].s >= pe.start) k2--;
          return { kind: 'entity', start: pe.start, end: pe.end, text: pe.text, entity: pe, startTok: k2 };
        }
      }
      return { kind: 'entity', start: ent.start, end: ent.end, text: ent.text, entity: ent, startTok: k };
    }
    if (t.cap && !CAP_STOP.has(t.lw)) {
      if (isPossessive(t)) return null;
      // A capitalised name the recogniser did not mark.
      let k = j;
      while (
        k - 1 >= lb &&
        !toks[k - 1].punct &&
        (toks[k - 1].cap || NAME_PARTICLES.has(toks[k - 1].lw)) &&
        !CAP_STOP.has(toks[k - 1].lw) &&
        j - k < 5
      )
        k--;
      // Drop titles/demonyms at the front: "Kremlin spokesman Dmitry Peskov", "Deputy Minister X".
      let first = k;
      for (let x = k; x <= j; x++) {
        const b = stripPossessive(toks[x].lw);
        if (ROLE_FAMILY.has(b) || MODIFIERS.has(b) || TITLE_ABBREVS.has(b)) first = x + 1;
      }
      if (first > j) {
        // Only titles: "President said" — a description.
        return this.descriptionEndingAt(toks, j, lb);
      }
      if (first === j && j - 1 >= lb && toks[j - 1].lw === 'the' && DEMONYMS.has(toks[j].lw)) {
        // "the Italian said": the nationality stands for the person just named.
        return { kind: 'description', start: toks[j - 1].s, end: t.e, text: this.text.slice(toks[j - 1].s, t.e), words: [toks[j].lw], startTok: j - 1, nearest: true };
      }
      const sentenceInitial = first === lb || (first > 0 && toks[first - 1].punct && toks[first - 1].w !== ',');
      const lw = toks[j].lw;
      if (first === j && (GENERIC_SPEAKERS.has(lw) || (sentenceInitial && lw.endsWith('s') && GENERIC_SPEAKERS.has(lw)))) {
        return this.descriptionEndingAt(toks, j, lb);
      }
      const text = this.text.slice(toks[first].s, t.e);
      return { kind: 'name', start: toks[first].s, end: t.e, text, startTok: first, cluster: this.clusterForName(text) };
    }
    return this.descriptionEndingAt(toks, j, lb);
  }

  private descriptionEndingAt(toks: Tok[], j: number, lb: number): Subject | null {
    const head = toks[j];
    if (head.punct) return null;
    const hb = stripPossessive(head.lw);
    const age = ageOf(head.lw);
    if (age !== undefined) {
      // "the 54-year-old said": the person introduced with that age ("Jane Doe, 54,").
      if (j - 1 < lb || !DETERMINERS.has(toks[j - 1].lw)) return null;
      return { kind: 'description', start: toks[j - 1].s, end: head.e, text: this.text.slice(toks[j - 1].s, head.e), words: [toks[j - 1].lw, head.lw], age, startTok: j - 1 };
    }
    if (!(ROLE_FAMILY.has(hb) || GENERIC_SPEAKERS.has(hb) || isRolePhraseTail(toks, j))) return null;
    let k = j;
    let possessive = false;
    while (k - 1 >= lb && j - k < 6) {
      const x = toks[k - 1];
      if (x.punct) break;
      if (DETERMINERS.has(x.lw) || x.lw === 'same') {
        k--;
        if (x.lw === 'same' && k - 1 >= lb && toks[k - 1].lw === 'the') k--;
        break;
      }
      if (isPossessive(x) && x.cap) {
        k--;
        possessive = true;
        break;
      }
      const b = stripPossessive(x.lw);
      if (x.cap || ROLE_FAMILY.has(b) || MODIFIERS.has(b) || GENERIC_SPEAKERS.has(b) || isRolePhraseWord(b) || /^[a-z]+(-[a-z]+)+$/.test(b) || b === 'government' || b === 'state') {
        k--;
        continue;
      }
      break;
    }
    // A lower-case possessive ("the company's chief executive", "the club's coach") points back at
    // an organisation already named: it does not restrict which person is meant, so it is no modifier.
    const words = toks.slice(k, j + 1).filter((x, i) => i === j - k || x.cap || !isPossessive(x)).map((x) => x.lw);
    return {
      kind: 'description',
      start: toks[k].s,
      end: head.e,
      text: this.text.slice(toks[k].s, head.e),
      words,
      possessive,
      startTok: k,
    };
  }

  /**
   * A plain noun right before the verb that names nobody ("crowds chanted", "the document said"):
   * an unnamed subject, so the search for a speaker stops here (speaker null) instead of reaching
   * for an earlier verb of saying with another subject.
   */
  unnamedSubjectBefore(toks: Tok[], idx: number, lb: number): Subject | null {
    const j = this.skipAux(toks, idx - 1, lb);
    if (j < lb) return null;
    const t = toks[j];
    if (t.punct || t.cap || FUNCTION_WORDS.has(t.lw) || /^\d/.test(t.lw) || t.lw.endsWith('ly')) return null;
    let k = j;
    while (k - 1 >= lb && j - k < 4 && !toks[k - 1].punct && !FUNCTION_WORDS.has(toks[k - 1].lw)) {
      if (DETERMINERS.has(toks[k - 1].lw)) {
        k--;
        break;
      }
      k--;
    }
    if (k - 1 >= lb && DETERMINERS.has(toks[k - 1].lw)) k--;
    return {
      kind: 'description',
      start: toks[k].s,
      end: t.e,
      text: this.text.slice(toks[k].s, t.e),
      words: toks.slice(k, j + 1).map((x) => x.lw),
      startTok: k,
    };
  }

  /** A subject after a cue: "said Putin", "according to Novak", "said the Russian leader". */
  subjectAfter(toks: Tok[], idx: number, ub: number): Subject | null {
    let j = idx;
    while (j < ub && AUX_SKIP.has(toks[j].lw)) j++;
    if (j >= ub) return null;
    const t = toks[j];
    if (t.punct) return null;
    const pg = PRONOUN_GENDER[t.lw];
    if (pg !== undefined) return { kind: 'pronoun', start: t.s, end: t.e, text: t.w, startTok: j };
    // "according to the Pentagon": a determiner before a named organisation
    if (t.lw === 'the' && j + 1 < ub) {
      const ent = this.entityAt(toks[j + 1].s);
      if (ent && ent.type !== 'date' && ent.type !== 'number' && ent.type !== 'person') {
        return { kind: 'entity', start: ent.start, end: ent.end, text: ent.text, entity: ent, startTok: j + 1 };
      }
    }
    // Titles then a name: "said Russian Foreign Minister Sergei Lavrov".
    let k = j;
    while (k < ub && k < j + 7 && !toks[k].punct) {
      const ent = this.entityAt(toks[k].s);
      if (ent && ent.type !== 'date' && ent.type !== 'number') {
        return { kind: 'entity', start: ent.start, end: ent.end, text: ent.text, entity: ent, startTok: k };
      }
      const b = stripPossessive(toks[k].lw);
      if (!(toks[k].cap || ROLE_FAMILY.has(b) || MODIFIERS.has(b))) break;
      k++;
    }
    if (t.cap && !CAP_STOP.has(t.lw)) {
      let e = j;
      while (e + 1 < ub && e - j < 5 && !toks[e + 1].punct && (toks[e + 1].cap || NAME_PARTICLES.has(toks[e + 1].lw))) e++;
      let first = j;
      for (let x = j; x <= e; x++) {
        const b = stripPossessive(toks[x].lw);
        if (ROLE_FAMILY.has(b) || MODIFIERS.has(b) || TITLE_ABBREVS.has(b)) first = x + 1;
      }
      if (first <= e) {
        if (isPossessive(toks[e])) return { kind: 'description', start: toks[j].s, end: toks[e].e, text: this.text.slice(toks[j].s, toks[e].e), words: [], possessive: true, startTok: j };
        const text = this.text.slice(toks[first].s, toks[e].e);
        return { kind: 'name', start: toks[first].s, end: toks[e].e, text, startTok: first, cluster: this.clusterForName(text) };
      }
    }
    // "said the 54-year-old"
    if (DETERMINERS.has(t.lw) && j + 1 < ub) {
      const age = ageOf(toks[j + 1].lw);
      if (age !== undefined && (j + 2 >= ub || toks[j + 2].punct)) {
        return { kind: 'description', start: t.s, end: toks[j + 1].e, text: this.text.slice(t.s, toks[j + 1].e), words: [t.lw, toks[j + 1].lw], age, startTok: j };
      }
    }
    // Description: "the Russian leader", "a Kremlin spokesman", "Russia's foreign minister".
    let e = j;
    let possessive = false;
    while (e < ub && e - j < 6 && !toks[e].punct) {
      const x = toks[e];
      if (e > j && (x.lw === 'who' || x.lw === 'which' || x.lw === 'that' || VERBS.has(x.lw))) break;
      if (isPossessive(x) && x.cap) possessive = true;
      const b = stripPossessive(x.lw);
      if (ROLE_FAMILY.has(b) || GENERIC_SPEAKERS.has(b)) {
        // "according to a statement from the Kremlin": the document's author is the source.
        if (DOCUMENT_NOUNS.has(b)) {
          let f = e + 1;
          if (f < ub && toks[f].lw === 'issued') f++;
          if (f < ub && (toks[f].lw === 'from' || toks[f].lw === 'by' || toks[f].lw === 'of')) {
            f++;
            if (f < ub && toks[f].lw === 'the') f++;
            const ent = f < ub ? this.entityAt(toks[f].s) : undefined;
            if (ent && ent.type !== 'date' && ent.type !== 'number') {
              return { kind: 'entity', start: ent.start, end: ent.end, text: ent.text, entity: ent, startTok: f };
            }
          }
        }
        // extend over a multi-word role ("prime minister")
        let end = e;
        if (e + 1 < ub && ROLE_FAMILY.has(toks[e + 1].lw)) end = e + 1;
        // "said one resident, Joan Miller, 72", "said a spokesman for the agency, Tom Brennan.":
        // the name in apposition is the speaker.
        for (let f = end + 1; f < ub && f <= end + 8; f++) {
          if (!toks[f].punct) continue;
          if (toks[f].w !== ',' || f + 1 >= ub) break;
          const ent = this.entityAt(toks[f + 1].s);
          if (!ent || ent.type !== 'person' || ent.start !== toks[f + 1].s) break;
          let g = f + 1;
          while (g < ub && toks[g].s < ent.end) g++;
          if (g < ub && !toks[g].punct) break;
          return { kind: 'entity', start: ent.start, end: ent.end, text: ent.text, entity: ent, startTok: f + 1 };
        }
        const words = toks.slice(j, end + 1).filter((y, i) => i >= e - j || y.cap || !isPossessive(y)).map((y) => y.lw);
        return {
          kind: 'description',
          start: toks[j].s,
          end: toks[end].e,
          text: this.text.slice(toks[j].s, toks[end].e),
          words,
          possessive,
          startTok: j,
        };
      }
      e++;
    }
    return null;
  }

  /** The first person (or he/she pronoun) of a sentence, for participle clauses. */
  sentenceSubject(toks: Tok[], before: number): Subject | null {
    for (let k = 0; k < before && k < 25; k++) {
      const t = toks[k];
      if (t.punct) continue;
      if (t.lw === 'he' || t.lw === 'she') return { kind: 'pronoun', start: t.s, end: t.e, text: t.w, startTok: k };
      const ent = this.entityAt(t.s);
      if (ent && ent.type === 'person') return { kind: 'entity', start: ent.start, end: ent.end, text: ent.text, entity: ent, startTok: k };
    }
    return null;
  }

  private clusterForName(name: string): EntityCluster | undefined {
    const k = name.toLowerCase();
    const c = this.clusterBySpelling.get(k);
    if (c) return c;
    const parts = k.split(/\s+/);
    const last = parts[parts.length - 1].replace(/^(al|el)-/, '');
    return this.clusterByLastWord.get(last) ?? undefined;
  }

  /** Turn a subject into a speaker (name, cluster, mention); null speaker when it cannot be named. */
  speakerOf(subj: Subject): { speaker: string | null; clusterId?: string; resolvedBy: 'name' | 'pronoun' | 'description' | 'unknown' } {
    switch (subj.kind) {
      case 'entity': {
        const e = subj.entity!;
        const c = this.clusterById.get(e.clusterId);
        return { speaker: c ? c.canonical : e.text, clusterId: c?.id, resolvedBy: 'name' };
      }
      case 'name': {
        const c = subj.cluster;
        return { speaker: c ? c.canonical : subj.text, clusterId: c?.id, resolvedBy: 'name' };
      }
      case 'pronoun': {
        const p = this.resolvePronoun(subj.start, subj.text.toLowerCase());
        if (!p) return { speaker: null, resolvedBy: 'unknown' };
        const c = this.clusterById.get(p.clusterId);
        return { speaker: c ? c.canonical : p.text, clusterId: c?.id, resolvedBy: 'pronoun' };
      }
      case 'description': {
        if (subj.nearest) {
          const p = this.nearestPerson(subj.start);
          const pc = p ? this.clusterById.get(p.clusterId) : undefined;
          if (!pc) return { speaker: null, resolvedBy: 'unknown' };
          return { speaker: pc.canonical, clusterId: pc.id, resolvedBy: 'description' };
        }
        const c = this.resolveDescription(subj);
        if (!c) return { speaker: null, resolvedBy: 'unknown' };
        return { speaker: c.canonical, clusterId: c.id, resolvedBy: 'description' };
      }
    }
  }
}

/**
 * The word that ends right before `end` (only spaces between; a line break stops the walk when
 * `sameLine` is set). Bounded: looks at most 40 characters back.
 */
export function prevWord(text: string, end: number, sameLine = false): { s: number; e: number; w: string } | null {
  let e = end;
  while (e > 0 && end - e < 4) {
    const c = text.charCodeAt(e - 1);
    if (c === 10 && sameLine) return null;
    if (!isSpaceCode(c)) break;
    e--;
  }
  if (e <= 0 || !isWordCode(text.charCodeAt(e - 1))) return null;
  let s = e - 1;
  while (s > 0 && e - s < 40) {
    const c = text.charCodeAt(s - 1);
    if (isWordCode(c)) s--;
    else if ((c === 0x2d || c === 0x27 || c === 0x2019) && s - 2 >= 0 && isWordCode(text.charCodeAt(s - 2))) s--;
    else break;
  }
  return { s, e, w: text.slice(s, e) };
}

/** Does the text at `pos` (after a comma) start like an appositive: "the ...", "a ...", "Russia's ..."? */
function appositiveStarts(text: string, pos: number): boolean {
  let k = pos;
  while (k < text.length && k - pos < 3 && text.charCodeAt(k) === 32) k++;
  let e = k;
  while (e < text.length && e - k < 30 && (isWordCode(text.charCodeAt(e)) || text.charCodeAt(e) === 0x27 || text.charCodeAt(e) === 0x2019)) e++;
  if (e === k) return false;
  const w = internWord(text, k, e).lw; // = the slice lower-cased
  return DETERMINERS.has(w) || /['’]s$/.test(w);
}

/** Every word of a multi-word role phrase except "of" (a set: tested for each word before a name). */
const ROLE_PHRASE_WORDS = new Set<string>();
for (const rp of ROLE_PHRASES) for (const w of rp.words) if (w !== 'of') ROLE_PHRASE_WORDS.add(w);
function isRolePhraseWord(w: string): boolean {
  return ROLE_PHRASE_WORDS.has(w);
}

/** Role phrases by their last word (only those can end at a given token). */
const ROLE_PHRASES_BY_LAST = new Map<string, Array<{ words: string[]; family: number }>>();
for (const rp of ROLE_PHRASES) {
  const last = rp.words[rp.words.length - 1];
  const list = ROLE_PHRASES_BY_LAST.get(last);
  if (list) list.push(rp);
  else ROLE_PHRASES_BY_LAST.set(last, [rp]);
}
function isRolePhraseTail(toks: Tok[], j: number): boolean {
  const cands = ROLE_PHRASES_BY_LAST.get(toks[j].lw);
  if (cands === undefined) return false;
  for (const rp of cands) {
    const n = rp.words.length;
    if (j - n + 1 < 0) continue;
    let ok = true;
    for (let k = 0; k < n; k++) if (toks[j - n + 1 + k].lw !== rp.words[k]) ok = false;
    if (ok) return true;
  }
  return false;
}

function isPossessiveWord(w: string): boolean {
  return /['’]s$/.test(w);
}

/** Loose word match for descriptions: equal, or demonym/country stem ("russian" ~ "russia's"). */
function wordMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const x = stripPossessive(a);
  const y = stripPossessive(b);
  if (x === y) return true;
  const min = Math.min(x.length, y.length);
  if (min < 4) return false;
  return x.startsWith(y.slice(0, Math.max(4, min - 1))) || y.startsWith(x.slice(0, Math.max(4, min - 1)));
}

/** Is the line around `pos` a headline (short, no sentence-final period)? Bounded scan. */
export function isHeadlineAt(text: string, pos: number): boolean {
  let s = pos;
  while (s > 0 && pos - s < 200 && text.charCodeAt(s - 1) !== 10) s--;
  if (pos - s >= 200) return false;
  let e = pos;
  while (e < text.length && e - pos < 200 && text.charCodeAt(e) !== 10) e++;
  if (e - pos >= 200) return false;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  const last = text[e - 1];
  return e - s <= 160 && last !== '.' && last !== '!' && last !== '?' && last !== ':';
}

/** Index of the last span (sorted by `key`) whose `key` offset is <= pos, or -1 (binary search). */
function lastAtOrBefore(arr: ReadonlyArray<{ start: number; end: number }>, key: 'start' | 'end', pos: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  let idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid][key] <= pos) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return idx;
}
