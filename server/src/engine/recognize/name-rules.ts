// Refinements of name recognition applied after the document-level pass in names.ts (issue 9):
// general rules over the mentions found, each recorded in the mention's `reason` (its rule id).
//  - demonyms and nationality nouns are no names ("Sri Lankans", "North Macedonian");
//  - an acronym joined by "&" is one organisation ("P&G", "AT&T");
//  - a possessive before an institution head is part of its name ("King's College London",
//    "St Bartholomew's Church");
//  - a sports team or club: a name before a team role ("Ajax winger X", "Brentford head coach X")
//    or starting with a club prefix ("Club Brugge", "FC Porto") is an organisation;
//  - a place name with a compass word after it stays one place ("Kildare South");
//  - document-level consistency: a name settled as an organisation by these rules is one in all
//    its mentions whose type was only guessed.
// Pure functions over the text and the pending mentions; no names from any article.
import orgData from '../lexicons/organizations.json';
import type { RawEntity } from './raw';
import { rawEntity } from './raw';
import { DEMONYMS, NON_ORG_ACRONYMS, ORG_HEADS, PLACE_HEADS, fold, lookupPhrase } from './lexicon';

const TEAM_ROLES = ((orgData as { teamRolesAfter?: string[] }).teamRolesAfter ?? []).map((w) => w.toLowerCase());
const TEAM_ROLE_FIRST = new Set(TEAM_ROLES.map((w) => w.split(' ')[0]));
const TEAM_PREFIXES = new Set(((orgData as { teamPrefixes?: string[] }).teamPrefixes ?? []).map(fold));
const COMPASS = new Set(['North', 'South', 'East', 'West', 'Central', 'Northeast', 'Northwest', 'Southeast', 'Southwest']);
/** Reasons that come from a lexicon or a head word: these types are not overridden. */
const FIRM = /^(?:country|gazetteer|known organisation|organisation head|place head|title|acronym defined|dateline|surname of a person|given name)/;

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
}
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}

/** The demonym (or its plural) the whole mention is, if it is one: "Sri Lankans", "North Macedonian". */
function isDemonymText(t: string): boolean {
  const f = fold(t);
  if (DEMONYMS.has(f)) return !lookupPhrase(t);
  if (f.endsWith('s') && DEMONYMS.has(f.slice(0, -1))) return !lookupPhrase(t);
  // "North Macedonian": a compass word and a demonym.
  const sp = f.indexOf(' ');
  if (sp > 0 && COMPASS.has(t.slice(0, sp)) && (DEMONYMS.has(f.slice(sp + 1)) || (f.endsWith('s') && DEMONYMS.has(f.slice(sp + 1, -1))))) return true;
  return false;
}

/** The next lower-case word (or two) after position e: "winger", "head coach". */
function teamRoleAfter(text: string, e: number): boolean {
  if (text.charCodeAt(e) !== 32) return false;
  let i = e + 1;
  const b = i;
  while (i < text.length && i - b < 14 && ((text.charCodeAt(i) >= 97 && text.charCodeAt(i) <= 122) || text.charCodeAt(i) === 45)) i++;
  if (i === b) return false;
  const w = text.slice(b, i);
  if (!TEAM_ROLE_FIRST.has(w)) return false;
  if (TEAM_ROLES.includes(w)) return !isLetter(text.charCodeAt(i));
  // two-word roles ("head coach")
  let j = i + 1;
  while (j < text.length && j - i < 14 && text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) j++;
  return TEAM_ROLES.includes(text.slice(b, j)) && !isLetter(text.charCodeAt(j));
}

export function refineNames(text: string, pending: RawEntity[]): RawEntity[] {
  let out = pending;
  // Demonyms and nationality nouns.
  // (Checked on the last name token first: a demonym is the last word of the mention.)
  const lastIsDemonym = (p: RawEntity) => {
    const nt = p.nameTokens;
    if (!nt || !nt.length) return false;
    const f = fold(nt[nt.length - 1]);
    return DEMONYMS.has(f) || (f.endsWith('s') && DEMONYMS.has(f.slice(0, -1))) || DEMONYMS.has(fold(nt.join(' '))) || (f.endsWith('s') && DEMONYMS.has(fold(nt.join(' ')).slice(0, -1)));
  };
  if (out.some((p) => p.type === 'person' && lastIsDemonym(p))) out = out.filter((p) => !(p.type === 'person' && (p.end - p.start) <= 40 && lastIsDemonym(p) && isDemonymText(text.slice(p.start, p.end))));

  const settled = new Map<string, 'organization'>();
  for (const p of out) {
    if (p.type !== 'person' && p.type !== 'place' && !(p.unresolved && p.type === 'organization')) continue;
    const firm = !p.unresolved && p.reason !== undefined && FIRM.test(p.reason) && !p.reason.startsWith('title');
    if (firm) continue;
    // Club names: "Club Brugge", "FC Porto".
    const nt = p.nameTokens;
    if (nt && nt.length >= 2 && TEAM_PREFIXES.has(fold(nt[0])) && p.type === 'person' && !p.reason?.startsWith('title')) {
      p.type = 'organization';
      p.unresolved = false;
      p.reason = 'club prefix';
      settled.set(fold(text.slice(p.start, p.end)), 'organization');
      continue;
    }
    if (p.reason?.startsWith('title')) continue;
    // A team before a team role: "Ajax winger", "Brentford head coach".
    if ((p.unresolved || p.strength === 'weak' || p.type === 'place') && teamRoleAfter(text, p.end) && !(p.type === 'place' && !p.unresolved && p.reason !== 'listed with a place' && p.reason !== 'name before a title')) {
      p.type = 'organization';
      p.unresolved = false;
      p.reason = 'team before a team role';
      settled.set(fold(text.slice(p.start, p.end)), 'organization');
    }
  }
  // Document-level consistency for the names settled here.
  if (settled.size) {
    for (const p of out) {
      if (p.type === 'organization' && !p.unresolved) continue;
      const k = fold(text.slice(p.start, p.end));
      if (!settled.has(k)) continue;
      const firm = !p.unresolved && p.reason !== undefined && FIRM.test(p.reason);
      if (firm) continue;
      p.type = 'organization';
      p.unresolved = false;
      p.reason = 'same name elsewhere in the document';
    }
  }

  const added: RawEntity[] = [];
  const removed = new Set<RawEntity>();
  for (const p of out) {
    if (p.unresolved) continue;
    // "Kildare South": a place and a compass word, one constituency/district name.
    const c1 = text.charCodeAt(p.end + 1);
    if (p.type === 'place' && text.charCodeAt(p.end) === 32 && (c1 === 78 || c1 === 83 || c1 === 69 || c1 === 87 || c1 === 67)) {
      const m = /^ (North|South|East|West|Central)(?![\p{L}\p{N}])(?! \p{Lu})/u.exec(text.slice(p.end, p.end + 12));
      if (m) {
        p.end += m[0].length;
        p.nameTokens = [...(p.nameTokens ?? []), m[1]];
      }
    }
    if (p.type === 'person' && p.nameTokens && p.nameTokens.length === 2 && COMPASS.has(p.nameTokens[1]) && p.strength === 'weak') {
      const k0 = lookupPhrase(p.nameTokens[0]);
      if (!k0 || k0.type === 'place') {
        p.type = 'place';
        p.reason = 'place + compass word';
      }
    }
    // Possessive + institution head: "King's College London", "St Bartholomew's Church".
    const a = text.charCodeAt(p.end);
    // (b) the head starts the mention and a possessive word comes before it: "King's College London".
    if ((p.type === 'person' || p.strength === 'weak') && p.start >= 4 && text.charCodeAt(p.start - 1) === 32 && text.charCodeAt(p.start - 2) === 115 && (text.charCodeAt(p.start - 3) === 39 || text.charCodeAt(p.start - 3) === 0x2019)) {
      const w0 = p.nameTokens?.[0] ?? '';
      if (ORG_HEADS.has(fold(w0))) {
        let b = p.start - 3;
        while (b > 0 && isLetter(text.charCodeAt(b - 1))) b--;
        if (isUpper(text.charCodeAt(b)) && !isLetter(text.charCodeAt(b - 1)) && !lookupPhrase(text.slice(b, p.start - 3)) && !out.some((q) => q !== p && q.end > b && q.start < p.start && !q.unresolved)) {
          p.start = b;
          p.type = 'organization';
          p.reason = 'possessive + head: ' + w0;
          p.nameTokens = [text.slice(b, p.start - 3), ...(p.nameTokens ?? [])];
          continue;
        }
      }
    }
    // (a) a person-like name, then 's and the head: "St Bartholomew's Church".
    if (p.type === 'person' && (a === 39 || a === 0x2019) && text.charCodeAt(p.end + 1) === 115 && text.charCodeAt(p.end + 2) === 32 && isUpper(text.charCodeAt(p.end + 3))) {
      const m = /^['’]s ((?:\p{Lu}[\p{L}\-]*)(?: \p{Lu}[\p{L}\-]*){0,2})/u.exec(text.slice(p.end, p.end + 60));
      if (m) {
        const words = m[1].split(' ');
        let h = -1;
        for (let k = 0; k < words.length; k++) if (ORG_HEADS.has(fold(words[k])) || PLACE_HEADS.has(fold(words[k]))) h = k;
        if (h >= 0 && (h === 0 || h === words.length - 1 || true)) {
          // Keep the head and at most one known place after it ("College London").
          let keep = h + 1;
          if (keep < words.length && lookupPhrase(words[keep])?.type === 'place') keep++;
          const tail = words.slice(0, keep).join(' ');
          const end = p.end + 3 + tail.length;
          const head = fold(words[h]);
          const type = ORG_HEADS.has(head) ? 'organization' : 'place';
          const np = rawEntity(p.start, end, type, 'possessive + head: ' + words[h], [...(p.nameTokens ?? [text.slice(p.start, p.end)]), ...words.slice(0, keep)], 'strong');
          for (const q of out) if (q !== p && q.start >= p.end && q.start < end) removed.add(q);
          removed.add(p);
          added.push(np);
        }
      }
    }
  }
  // "P&G", "AT&T": capitals joined by an ampersand.
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    let s = i;
    while (s > 0 && i - s < 4 && isUpper(text.charCodeAt(s - 1))) s--;
    let e = i + 1;
    while (e < text.length && e - i < 5 && isUpper(text.charCodeAt(e))) e++;
    if (s === i || e === i + 1 || isLetter(text.charCodeAt(s - 1)) || isLetter(text.charCodeAt(e))) continue;
    if (NON_ORG_ACRONYMS.has(text.slice(s, e))) continue; // "Q&A", "R&D", "A&E"
    if (out.some((q) => q.start < e && s < q.end && !q.unresolved)) continue;
    added.push(rawEntity(s, e, 'organization', 'ampersand name', [text.slice(s, e)], 'strong'));
  }
  if (removed.size) out = out.filter((q) => !removed.has(q));
  if (added.length) out = out.concat(added);
  return out;
}
