// Coreference by name: groups mentions of the same entity within one document.
// Persons: a bare surname ("Assad", "al-Assad", "Al Assad") joins the nearest preceding full name
// with the same surname ("Bashar al-Assad"); transliteration variants are matched by consonant
// skeleton ("Sharaa"/"Shareh"/"Shaara", "Ahmed"/"Ahmad"). Organisations and places: folded name,
// acronyms defined in parentheses, and skeleton matches for long names ("Tartus"/"Tartous").
import type { Entity, EntityCluster, EntityType } from '../types';
import type { RawEntity } from './raw';
import { fold, PARTICLES } from './lexicon';
import { nameKey, skeleton } from './names';

interface Cl {
  id: string;
  type: EntityType;
  given: string; // skeleton of given name ('' unknown)
  surname: string; // skeleton of surname
  surnameExact: string;
  key: string; // org/place/date/number key
  spellings: Map<string, number>;
  order: string[];
  mentions: number;
  male: number;
  female: number;
  titleGender?: 'male' | 'female';
  lastPos: number;
}

const CORP_SUFFIX = new Set(['inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'gmbh', 'ag', 'se', 'sa', 'nv', 'spa', 'ab', 'asa', 'oyj', 'llp', 'holdings']);
const GEN = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v']);

function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Two surnames are variants of one another (same skeleton and close spelling). */
function sameName(a: string, b: string, skA: string, skB: string): boolean {
  if (a === b) return true;
  if (skA !== skB || !skA) return false;
  if (skA.length >= 3) return true;
  return levenshtein(a, b, 2) <= 2 && a[0] === b[0];
}

const PRONOUN_RE = /\b(he|him|his|himself|she|her|hers|herself)\b/i;

export function buildClusters(text: string, raws: RawEntity[], acronyms: Map<number, number>): { entities: Entity[]; clusters: EntityCluster[] } {
  const clusters: Cl[] = [];
  const byKey = new Map<string, Cl>();
  const bySurname = new Map<string, Cl[]>();
  const entities: Entity[] = [];
  const clusterOfRaw: Array<Cl | undefined> = [];
  const personKeys = new Map<string, { n: number; sur: string; sk: string; given: string }>();
  const otherKeys = new Map<string, string>();
  const typedKeys = new Map<EntityType, Map<string, string>>();
  let n = 0;
  const newCl = (type: EntityType, init: Partial<Cl>): Cl => {
    const c: Cl = { id: `${type}-${++n}`, type, given: '', surname: '', surnameExact: '', key: '', spellings: new Map(), order: [], mentions: 0, male: 0, female: 0, lastPos: -1, ...init };
    clusters.push(c);
    return c;
  };

  const personKey = (r: RawEntity, surface: string) => {
    let pk = personKeys.get(surface);
    if (!pk) {
      const toks = nameKey(r.nameTokens ?? [surface]);
      let sIdx = toks.length - 1;
      while (sIdx > 0 && GEN.has(toks[sIdx])) sIdx--;
      const sur0 = toks[sIdx] ?? fold(surface);
      // One written word is one name part even when hyphenated ("Rhodes-Vivour", "Sanwo-Olu").
      const oneWord = toks.length > 1 && !/\s/.test(surface);
      pk = { n: oneWord ? 1 : toks.length, sur: sur0, sk: skeleton(sur0), given: toks.length > 1 && !oneWord ? skeleton(toks[0]) : '' };
      if (pk.n > 1) {
        // Given and middle names of a full name: "Lula" of "Luiz Inácio Lula da Silva".
        surnameSet.add(sur0);
        for (let k = 0; k < sIdx; k++) {
          const prev = otherTok.get(toks[k]);
          if (prev === undefined) otherTok.set(toks[k], { sur: sur0, sk: pk.sk });
          else if (prev && prev.sur !== sur0) otherTok.set(toks[k], null); // ambiguous
        }
      }
      personKeys.set(surface, pk);
    }
    return pk;
  };
  const otherTok = new Map<string, { sur: string; sk: string } | null>();
  const surnameSet = new Set<string>();
  for (const r of raws) if (r.type === 'person' && r.nameTokens && r.nameTokens.length > 1) personKey(r, text.slice(r.start, r.end));

  for (let i = 0; i < raws.length; i++) {
    const r = raws[i];
    const surface = surfaceOf(text, r);
    let cl: Cl | undefined;
    if (acronyms.size) {
      const def = acronyms.get(i);
      if (def !== undefined) cl = clusterOfRaw[def];
    }
    if (!cl && r.type === 'person') {
      const pk = personKey(r, surface);
      const toks = { length: pk.n };
      // A given name used alone joins the one full name it belongs to (unless it is also a surname).
      const alias = pk.n === 1 && otherTok.size && !surnameSet.has(pk.sur) ? otherTok.get(pk.sur) : undefined;
      const sur = alias ? alias.sur : pk.sur;
      const sk = alias ? alias.sk : pk.sk;
      const given = pk.given;
      let cands = bySurname.get(sk) ?? [];
      if (!cands.length && toks.length === 1 && sur.endsWith('s') && bySurname.has(skeleton(sur.slice(0, -1)))) {
        // "the al-Assads": the family of a named person.
        cands = bySurname.get(skeleton(sur.slice(0, -1)))!;
      }
      // Prefer the most recently mentioned compatible cluster; a bare surname shared by people with
      // different given names ("Helena Marsh", her son "Julian Marsh") is the principal one, the
      // most mentioned so far (the first introduced on a tie): news writing names the others in full.
      // A spelling variant ("Nasser" for "Nasri": one skeleton) is a candidate only when no named
      // person carries exactly this surname.
      const exact = cands.some((c) => c.surnameExact === sur && !(given && c.given && c.given !== given));
      let best: Cl | undefined;
      let compatible = 0;
      let principal: Cl | undefined;
      for (const c of cands) {
        if (exact && c.surnameExact !== sur) continue;
        if (!sameName(sur, c.surnameExact, sk, c.surname) && !sameName(sur.slice(0, -1), c.surnameExact, skeleton(sur.slice(0, -1)), c.surname)) continue;
        if (given && c.given && c.given !== given) continue;
        compatible++;
        if (!best || c.lastPos > best.lastPos) best = c;
        if (!principal || c.mentions > principal.mentions) principal = c;
      }
      if (compatible > 1 && !given && pk.n === 1 && principal) best = principal;
      // A one-word mention may also be a given name used alone, or the whole name of someone
      // known by one name; only surnames are matched here.
      cl = best;
      if (!cl) {
        cl = newCl('person', { surname: sk, surnameExact: sur, given });
        const list = bySurname.get(sk);
        if (list) list.push(cl);
        else bySurname.set(sk, [cl]);
      } else if (given && !cl.given) cl.given = given;
    } else if (!cl) {
      // The cluster key per (type, surface) is built once and reused: a freshly concatenated key
      // would be flattened and hashed again on every lookup.
      let keysOfType = typedKeys.get(r.type);
      if (!keysOfType) typedKeys.set(r.type, (keysOfType = new Map()));
      let key = keysOfType.get(surface);
      let compact: string | undefined;
      if (key === undefined) {
        compact = otherKeys.get(surface);
        if (compact === undefined) {
          const f = fold(surface).replace(/^the\s+/, '').replace(/['’]s$/, '');
          const words = f.split(/[^a-z0-9]+/).filter((w) => w && !PARTICLES.has(w));
          // "Apple Inc." and "Apple" are one company.
          if (r.type === 'organization' && words.length > 1 && CORP_SUFFIX.has(words[words.length - 1])) words.pop();
          compact = words.join('');
          otherKeys.set(surface, compact);
        }
        key = r.type + ':' + compact;
        keysOfType.set(surface, key);
      }
      cl = byKey.get(key);
      if (!cl && (r.type === 'place' || r.type === 'organization')) {
        if (compact === undefined) compact = otherKeys.get(surface)!;
        const sk = skeleton(compact);
        if (sk.length >= 4) cl = byKey.get(r.type + '~' + sk);
        if (!cl) {
          cl = newCl(r.type, { key });
          if (sk.length >= 4) byKey.set(r.type + '~' + sk, cl);
        }
      } else if (!cl) cl = newCl(r.type, { key });
      byKey.set(key, cl);
    }
    clusterOfRaw[i] = cl;
    cl.mentions++;
    cl.lastPos = r.start;
    if (!cl.spellings.has(surface)) cl.order.push(surface);
    cl.spellings.set(surface, (cl.spellings.get(surface) ?? 0) + 1);
    if (r.gender && !cl.titleGender) cl.titleGender = r.gender;
    if (r.type === 'person' && !cl.titleGender && cl.male + cl.female < 8) {
      // Pronoun vote: the first personal pronoun after the mention, within the sentence or the next.
      const win = text.slice(r.end, Math.min(text.length, r.end + 160));
      const m = PRONOUN_RE.exec(win);
      if (m) {
        const between = win.slice(0, m.index);
        // Another person-like capitalised name in between makes the vote unreliable.
        if (!/\b\p{Lu}\p{Ll}+\s\p{Lu}\p{Ll}+/u.test(between)) {
          if (/^(?:he|him|his|himself)$/i.test(m[1])) cl.male++;
          else cl.female++;
        }
      }
    }
    // Built whole (same key order as before: optional role, then reason) so no property is added later.
    const id = cl.id;
    const e: Entity = r.role
      ? r.reason
        ? { start: r.start, end: r.end, text: surface, type: r.type, clusterId: id, role: r.role, reason: r.reason }
        : { start: r.start, end: r.end, text: surface, type: r.type, clusterId: id, role: r.role }
      : r.reason
        ? { start: r.start, end: r.end, text: surface, type: r.type, clusterId: id, reason: r.reason }
        : { start: r.start, end: r.end, text: surface, type: r.type, clusterId: id };
    entities.push(e);
  }

  const out: EntityCluster[] = clusters.map((c) => {
    const canonical = pickCanonical(c);
    const spellings = [canonical, ...c.order.filter((s) => s !== canonical)];
    const ec: EntityCluster = { id: c.id, type: c.type, canonical, spellings, mentions: c.mentions };
    if (c.type === 'person') {
      if (c.titleGender) ec.gender = c.titleGender;
      else if (c.male > c.female) ec.gender = 'male';
      else if (c.female > c.male) ec.gender = 'female';
    }
    return ec;
  });
  return { entities, clusters: out };
}

function pickCanonical(c: Cl): string {
  let best = c.order[0];
  let bestScore = -1;
  for (const s of c.order) {
    const words = s.split(/[\s\-‐]+/).filter((w) => w.length > 0 && !PARTICLES.has(w.toLowerCase())).length;
    const upper = s === s.toUpperCase() ? 0 : 1; // prefer "Beirut" to "BEIRUT"
    const score = upper * 1e6 + words * 1e3 + (c.spellings.get(s) ?? 0);
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/**
 * text.slice(r.start, r.end), or the (interned) single name token itself when it spells exactly
 * that: the same contents, with its hash already computed for the Map lookups on it.
 */
function surfaceOf(text: string, r: RawEntity): string {
  const nt = r.nameTokens;
  if (nt !== undefined && nt.length === 1) {
    const w = nt[0];
    if (w.length === r.end - r.start && text.startsWith(w, r.start)) return w;
  }
  return text.slice(r.start, r.end);
}
