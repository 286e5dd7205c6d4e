// Claim matching, entity slot: which people, places and organisations a text names, as keys that
// agree across spellings. Keys come from the annotations' entities and aliases (any spelling of one
// entity gives the same key), from the country lexicon (country names, short forms and demonyms:
// "Russia", "Russia's", "Russian" → one key; "North Korea" and "South Korea" stay different), and
// otherwise from the name itself in a loose form. Coreference clusters of the document give the
// full name of a short mention ("Assad" → "Bashar al-Assad").
import countries from '../lexicons/countries.json';
import type { AnnotationsModel, LoadedAnnotations } from '../annotations/api';
import type { Analysis } from '../types';
import { stripDiacritics, type Word } from './text';

export interface EntityRef {
  key: string;
  /** person | place | organization | name (unknown type). */
  type: string;
  /** Loose name tokens (for the surname rule between unresolved names). */
  tokens: string[];
  /** From a demonym ("Russian"): counts when present, not required. */
  soft: boolean;
  label: string;
  i: number;
  j: number;
}

const PARTICLES = new Set(['al', 'el', 'ul', 'the', 'of', 'de', 'von', 'van', 'der', 'bin', 'ibn']);

const LOOSE_CACHE = new Map<string, string[]>();

export function looseTokens(s: string): string[] {
  let hit = LOOSE_CACHE.get(s);
  if (!hit) {
    if (LOOSE_CACHE.size > 100000) LOOSE_CACHE.clear();
    hit = computeLoose(s);
    LOOSE_CACHE.set(s, hit);
  }
  return hit;
}

function computeLoose(s: string): string[] {
  return stripDiacritics(s.toLowerCase())
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t && !PARTICLES.has(t));
}

export function loose(s: string): string {
  return looseTokens(s).join(' ');
}

// Countries: name / short form / demonym → key.
const COUNTRY = new Map<string, { key: string; soft: boolean }>();
{
  const c = countries.countries as Record<string, string[]>;
  for (const [name, dems] of Object.entries(c)) {
    const key = 'c:' + loose(name);
    COUNTRY.set(loose(name), { key, soft: false });
    for (const d of dems) if (!COUNTRY.has(loose(d))) COUNTRY.set(loose(d), { key, soft: true });
  }
  for (const [alias, name] of Object.entries(countries.aliases as Record<string, string>)) {
    if (!COUNTRY.has(loose(alias))) COUNTRY.set(loose(alias), { key: 'c:' + loose(name), soft: false });
  }
}
const MAX_NGRAM = 6;

/** Country key of a single loose word (name, short form or demonym), if any. */
export function countryKeyOf(w: string): string | undefined {
  return COUNTRY.get(w)?.key;
}
const FIRST_COUNTRY_WORDS = new Set<string>([...COUNTRY.keys()].map((k) => k.split(' ')[0]));

interface KnownEntity {
  key: string;
  type: string;
  label: string;
  spellings: string[][];
}

/** Entities of the annotations in scope, by loose spelling. */
export class EntityTable {
  readonly bySpelling = new Map<string, KnownEntity>();
  readonly persons: KnownEntity[] = [];
  /** Last name of a person (≥ 4 letters) → the person, when only one person has it. */
  readonly surnames = new Map<string, KnownEntity | null>();
  /** First loose word of every known spelling and country word (a cheap test before n-grams). */
  readonly firstWords = new Set<string>(FIRST_COUNTRY_WORDS);

  constructor(anns: LoadedAnnotations[]) {
    for (const ann of anns) for (const e of (ann.model as AnnotationsModel | null)?.entities ?? []) this.add(e);
  }

  private add(e: AnnotationsModel['entities'][number]): void {
    if (!e.name) return;
    const spellings = [e.name, ...(e.aliases ?? [])].map(looseTokens).filter((t) => t.length);
    if (!spellings.length) return;
    // An annotated country shares the lexicon's key, so its demonyms count too.
    let key = 'e:' + spellings[0].join(' ');
    for (const s of spellings) {
      const c = COUNTRY.get(s.join(' '));
      if (c && !c.soft) key = c.key;
    }
    const known: KnownEntity = { key, type: e.type || 'name', label: e.name, spellings };
    for (const s of spellings) if (!this.bySpelling.has(s.join(' '))) this.bySpelling.set(s.join(' '), known);
    for (const s of spellings) this.firstWords.add(s[0]);
    if (known.type === 'person') {
      this.persons.push(known);
      for (const s of spellings) {
        const last = s[s.length - 1];
        if (last.length < 4) continue;
        const prev = this.surnames.get(last);
        if (prev === undefined) this.surnames.set(last, known);
        else if (prev !== known) this.surnames.set(last, null);
      }
    }
  }

  /** Resolve a name (mention text or its cluster's full name) to a key. */
  resolve(name: string, type: string): { key: string; type: string; label: string } | undefined {
    const toks = looseTokens(name);
    if (!toks.length) return undefined;
    const l = toks.join(' ');
    const hit = this.bySpelling.get(l);
    if (hit) return hit;
    const c = COUNTRY.get(l);
    if (c) return { key: c.key, type: 'place', label: name };
    if (type === 'person' || type === 'name') {
      // Surname rule: "Alexander Novak" / "Novak"; the mention's words must all be in a spelling
      // and include its last word.
      for (const p of this.persons) {
        for (const s of p.spellings) {
          if (toks[toks.length - 1] !== s[s.length - 1] && !(toks.length === 1 && s.includes(toks[0]) && this.surnames.get(toks[0]) === p)) continue;
          if (toks.every((t) => s.includes(t))) return p;
        }
      }
      // One-letter transliteration differences in a surname ("al-Shara" / "al-Sharaa").
      const last = toks[toks.length - 1];
      if (last.length >= 5) {
        for (const p of this.persons)
          for (const s of p.spellings) {
            const sl = s[s.length - 1];
            if (sl.length >= 5 && sl[0] === last[0] && Math.abs(sl.length - last.length) <= 1 && osa1(sl, last)) return p;
          }
      }
    }
    return undefined;
  }
}

/** Optimal string alignment distance ≤ 1. */
function osa1(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Do two unresolved names refer to the same entity (same words; or a person's surname)? */
export function sameName(a: EntityRef, b: EntityRef): boolean {
  if (a.key === b.key) return true;
  if (a.key.startsWith('n:') && b.key.startsWith('n:')) {
    const [s, l] = a.tokens.length <= b.tokens.length ? [a.tokens, b.tokens] : [b.tokens, a.tokens];
    const personish = (x: EntityRef) => x.type === 'person' || x.type === 'name';
    return personish(a) && personish(b) && s[s.length - 1] === l[l.length - 1] && s.every((t) => l.includes(t));
  }
  return false;
}

const CAP_SKIP = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'after', 'before', 'but', 'and', 'he', 'she', 'it', 'they', 'we', 'i', 'this', 'that', 'his', 'her', 'their', 'our']);

/**
 * Entities named in words[from..to). `mentions` are the recogniser's mentions (with the cluster's
 * full name) inside the range; names it missed are found by scanning for known spellings and
 * country words.
 */
export function findEntities(
  ws: Word[],
  from: number,
  to: number,
  table: EntityTable,
  mentions: Array<{ start: number; end: number; text: string; type: string; canonical?: string }>,
): EntityRef[] {
  const out: EntityRef[] = [];
  const covered = new Set<number>();
  let mi = from;
  const sorted = mentions.slice().sort((a, b) => a.start - b.start);
  for (const m of sorted) {
    if (m.type !== 'person' && m.type !== 'place' && m.type !== 'organization') continue;
    // word range of the mention (mentions are sorted: the scan only moves forward)
    while (mi < to && ws[mi].end <= m.start) mi++;
    let i = mi;
    let j = i;
    while (j + 1 < to && ws[j + 1].start < m.end) j++;
    if (i >= to || ws[i].start >= m.end) continue;
    const r = table.resolve(m.text, m.type) ?? (m.canonical ? table.resolve(m.canonical, m.type) : undefined);
    const full = m.canonical ?? m.text;
    const tokens = looseTokens(full);
    if (!tokens.length) continue;
    for (let k = i; k <= j; k++) covered.add(k);
    const soft = !r && false;
    out.push({ key: r?.key ?? 'n:' + tokens.join(' '), type: r?.type ?? m.type, tokens, soft, label: r?.label ?? full, i, j });
  }
  // Known spellings and country words the recogniser did not report.
  for (let i = from; i < to; i++) {
    if (covered.has(i)) continue;
    if (!ws[i].cap && !/^[A-Z]{2,}$/.test(ws[i].raw)) continue;
    const first = looseTokens(ws[i].raw)[0];
    if (first === undefined || !table.firstWords.has(first)) continue;
    let found = false;
    for (let n = Math.min(MAX_NGRAM, to - i); n >= 1 && !found; n--) {
      let ok = true;
      for (let k = i; k < i + n; k++) if (covered.has(k)) ok = false;
      if (!ok) continue;
      const l = looseTokens(ws.slice(i, i + n).map((w) => w.raw).join(' ')).join(' ');
      if (!l) continue;
      const known = table.bySpelling.get(l);
      const c = COUNTRY.get(l);
      if (!known && !c) continue;
      // A single common word at the sentence start is not a name ("The", "He").
      if (n === 1 && CAP_SKIP.has(ws[i].w)) continue;
      const tokens = l.split(' ');
      // Events and other things ("the Syrian civil war") are named in many ways: they count when present.
      if (known) out.push({ key: known.key, type: known.type, tokens, soft: known.type === 'event' || known.type === 'other', label: known.label, i, j: i + n - 1 });
      else if (c) out.push({ key: c.key, type: 'place', tokens, soft: c.soft, label: ws.slice(i, i + n).map((w) => w.raw).join(' '), i, j: i + n - 1 });
      for (let k = i; k < i + n; k++) covered.add(k);
      found = true;
      i += n - 1;
    }
  }
  return out;
}

/** The recogniser's mentions of an analysis, with each mention's cluster's full name. */
export function mentionsOf(analysis: Analysis): Array<{ start: number; end: number; text: string; type: string; canonical?: string }> {
  const canon = new Map(analysis.clusters.map((c) => [c.id, c.canonical]));
  return analysis.entities
    .filter((e) => e.type === 'person' || e.type === 'place' || e.type === 'organization')
    .map((e) => ({ start: e.start, end: e.end, text: e.text, type: e.type, canonical: canon.get(e.clusterId) }));
}
