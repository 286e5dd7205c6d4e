// Entity spelling clusters across sources: the per-document coreference clusters of all sources
// joined when their names are variants of one another — transliterations ("Ahmed"/"Ahmad",
// "Sharaa"/"Shareh"), particles ("Al Sharaa"/"al-Sharaa"), one-edit typos ("Shaara") — using the
// consonant skeleton of recognize/names (as coreference does within a document) plus a bounded
// spelling distance, so that people who merely share a skeleton are not merged.
import { fold, PARTICLES } from '../recognize/lexicon';
import { nameKey, skeleton } from '../recognize/names';
import type { CompareAnnotations, EntityGroup, IndexedDocument, IndexedEntityCluster } from './types';
import { boundedLevenshtein } from './text';

interface Group {
  id: string;
  type: IndexedEntityCluster['type'];
  /** Full-name members define the group's name parts. */
  given: string[]; // folded given (and middle) names ([] unknown)
  surname: string; // folded surname
  sk: string; // surname skeleton
  /** The other parts of a double surname ("mensah" of "Mensah-Bonsu"): a name with one of them matches. */
  alts: string[];
  members: Array<{ doc: number; c: IndexedEntityCluster }>;
  key: string; // places/organisations: compact folded key
}

/** Folded name parts of a spelling, particles dropped: "Ahmed Al Sharaa" -> ["ahmed", "sharaa"]. */
export function nameParts(s: string): string[] {
  return nameKey(s.split(/\s+/).filter(Boolean));
}

/** Two surnames are spellings of one name: same consonant skeleton and at most two edits, or a one-edit typo of a long name. */
export function surnamesMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const d = boundedLevenshtein(a, b, 2);
  if (d <= 2 && skeleton(a) === skeleton(b) && a[0] === b[0]) return true;
  // A transposition or one-letter typo in a long name ("Shaara" for "Sharaa" is caught above; "Lavorv").
  return d <= 1 && Math.min(a.length, b.length) >= 5 && a[0] === b[0];
}

/** Given names match when either is unknown, one is an initial of the other, or they are
 *  transliterations (same first letter and consonant skeleton: "Yusuf"/"Youssef"/"Yousef"). Any of
 *  the given/middle names may match ("Omar Nasri" and a name with a leading title word the
 *  recogniser kept). */
function givenMatch(a: string[], b: string[]): boolean {
  if (!a.length || !b.length) return true;
  for (const x of a)
    for (const y of b) {
      if (x === y) return true;
      if (x.length === 1 || y.length === 1) {
        if (x[0] === y[0]) return true;
        continue;
      }
      if (x[0] === y[0] && (skeleton(x) === skeleton(y) || surnamesMatch(x, y))) return true;
    }
  return false;
}

const GEN = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

function personParts(parts: string[], canonical = ''): { given: string[]; surname: string; alts: string[] } {
  let s = parts.length - 1;
  while (s > 0 && GEN.has(parts[s])) s--;
  // A hyphenated double surname ("Kwame Mensah-Bonsu"): its parts are not given names.
  const last = canonical.trim().split(/\s+/).pop() ?? '';
  const double = /[-‐]/.test(last) ? nameParts(last.replace(/[-‐]/g, ' ')) : [];
  if (double.length >= 2 && s >= double.length - 1 && double[double.length - 1] === parts[s]) {
    const alts = double.slice(0, -1);
    return { given: parts.slice(0, Math.max(0, s - alts.length)), surname: parts[s], alts };
  }
  return { given: parts.slice(0, Math.max(0, s)), surname: parts[s] ?? '', alts: [] };
}

/** The group's surname or one part of its double surname matches. */
function groupSurnameMatch(g: Group, surname: string, alts: string[] = []): boolean {
  if (surnamesMatch(g.surname, surname)) return true;
  if (g.alts.some((a) => surnamesMatch(a, surname))) return true;
  return alts.some((a) => surnamesMatch(g.surname, a));
}

const CORP_SUFFIX = new Set(['inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'gmbh', 'ag', 'sa', 'nv', 'spa', 'ab', 'llp', 'group', 'holdings', 'company']);

/** Folded name without particles, a leading "the" or a company suffix ("Baltor Shipping Co." -> "baltorshipping"). */
function compactKey(s: string): string {
  const ws = fold(s)
    .replace(/^the\s+/, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !PARTICLES.has(w));
  if (ws.length > 1 && CORP_SUFFIX.has(ws[ws.length - 1])) ws.pop();
  return ws.join('');
}

/** Cluster the entities of all documents into cross-source groups. */
export function clusterEntities(docs: IndexedDocument[], ann: CompareAnnotations = {}): { groups: EntityGroup[]; groupOf: Map<string, string> } {
  const groups: Group[] = [];
  const bySk = new Map<string, Group[]>();
  const byKey = new Map<string, Group[]>();
  let n = 0;
  const newGroup = (type: Group['type'], init: Partial<Group>): Group => {
    const g: Group = { id: `${type}#${++n}`, type, given: [], surname: '', sk: '', alts: [], members: [], key: '', ...init };
    groups.push(g);
    return g;
  };
  const singles: Array<{ doc: number; c: IndexedEntityCluster; surname: string }> = [];
  // Full-name groups by surname first letter and length, for the one-edit typo search.
  const byShape = new Map<string, Group[]>();
  const shape = (s: string, len = s.length) => s[0] + len;

  for (const d of docs) {
    for (const c of d.entities) {
      if (c.type === 'date' || c.type === 'number') continue;
      if (c.type === 'person') {
        const { given, surname, alts } = personParts(c.parts, c.canonical);
        if (!surname) continue;
        if (!given.length) {
          singles.push({ doc: d.index, c, surname });
          continue;
        }
        const sk = skeleton(surname);
        let g = (bySk.get(sk) ?? []).find((x) => groupSurnameMatch(x, surname, alts) && givenMatch(x.given, given));
        for (const a of alts) if (!g) g = (bySk.get(skeleton(a)) ?? []).find((x) => groupSurnameMatch(x, surname, alts) && givenMatch(x.given, given));
        if (!g) {
          // A one-edit typo with a different skeleton ("Lavorv"): look among same-first-letter groups.
          for (let len = surname.length - 1; len <= surname.length + 1 && !g; len++) {
            g = (byShape.get(shape(surname, len)) ?? []).find((x) => surnamesMatch(x.surname, surname) && givenMatch(x.given, given));
          }
        }
        if (!g) {
          g = newGroup('person', { given, surname, sk, alts });
          for (const k of [sk, ...alts.map((a) => skeleton(a))]) {
            const list = bySk.get(k);
            if (list) {
              if (!list.includes(g)) list.push(g);
            } else bySk.set(k, [g]);
          }
          const sh = byShape.get(shape(surname));
          if (sh) sh.push(g);
          else byShape.set(shape(surname), [g]);
        }
        g.members.push({ doc: d.index, c });
      } else {
        const key = compactKey(c.canonical);
        if (!key) continue;
        const sk = skeleton(key);
        const cands = [...(byKey.get(c.type + ':' + key) ?? []), ...(sk.length >= 4 ? byKey.get(c.type + '~' + sk) ?? [] : [])];
        let g = cands.find((x) => x.key === key || boundedLevenshtein(x.key, key, 2) <= 2);
        if (!g) {
          g = newGroup(c.type, { key });
          byKey.set(c.type + ':' + key, [g]);
          if (sk.length >= 4) {
            const l = byKey.get(c.type + '~' + sk);
            if (l) l.push(g);
            else byKey.set(c.type + '~' + sk, [g]);
          }
        }
        g.members.push({ doc: d.index, c });
      }
    }
  }
  // One-word names ("Sharaa", "Assad") join the one full-name group with that surname; when several
  // people share it, or none has it, the name stays a group of its own (never a guess).
  for (const s of singles) {
    const sk = skeleton(s.surname);
    const all = (bySk.get(sk) ?? []).filter((g) => g.given.length && groupSurnameMatch(g, s.surname));
    const exact = all.filter((g) => g.surname === s.surname);
    const cands = exact.length ? exact : all;
    let g: Group | undefined;
    if (cands.length === 1) g = cands[0];
    else if (!cands.length) {
      g = (bySk.get(sk) ?? []).find((x) => !x.given.length && surnamesMatch(x.surname, s.surname));
      if (!g) {
        g = newGroup('person', { surname: s.surname, sk });
        const list = bySk.get(sk);
        if (list) list.push(g);
        else bySk.set(sk, [g]);
      }
    }
    if (g) g.members.push({ doc: s.doc, c: s.c });
    else newGroup('person', { surname: s.surname, sk }).members.push({ doc: s.doc, c: s.c });
  }

  const groupOf = new Map<string, string>();
  const out: EntityGroup[] = [];
  const annotated = (ann.entities ?? []).map((e) => ({ e, spellings: new Set([e.name, ...(e.aliases ?? [])].map((x) => fold(x))) }));
  for (const g of groups) {
    if (!g.members.length) continue;
    const spellings: EntityGroup['spellings'] = [];
    const votes = new Map<string, number>();
    const mentions = new Map<string, number>();
    let total = 0;
    const docsSeen = new Set<number>();
    for (const { doc, c } of g.members) {
      groupOf.set(`${doc}:${c.clusterId}`, g.id);
      docsSeen.add(doc);
      votes.set(c.canonical, (votes.get(c.canonical) ?? 0) + 1);
      for (const [sp, count] of c.spellings) {
        const at = c.firstAt.get(sp)!;
        spellings.push({ text: sp, path: docs[doc].path, count, start: at.start, end: at.end });
        mentions.set(sp, (mentions.get(sp) ?? 0) + count);
        total += count;
      }
    }
    const hit = annotated.find((a) => [...mentions.keys()].some((s) => a.spellings.has(fold(s))));
    let canonical: string;
    if (hit) canonical = hit.e.name;
    else {
      // The name most sources use in full; ties go to the fuller name, then to the earliest source.
      const firstDoc = new Map<string, number>();
      for (const { doc, c } of g.members) if (!firstDoc.has(c.canonical) || doc < firstDoc.get(c.canonical)!) firstDoc.set(c.canonical, doc);
      canonical = [...votes.keys()].sort(
        (a, b) => (votes.get(b)! - votes.get(a)!) || nameParts(b).length - nameParts(a).length || firstDoc.get(a)! - firstDoc.get(b)! || (a < b ? -1 : 1),
      )[0];
    }
    // Distinct spellings: letter case alone ("SARVIK" in a dateline, "Al-Sharaa" at a sentence start) is not another spelling.
    const byFold = new Map<string, string>();
    for (const sp of [...mentions.keys()].sort((a, b) => mentions.get(b)! - mentions.get(a)! || (a < b ? -1 : 1))) if (!byFold.has(sp.toLowerCase())) byFold.set(sp.toLowerCase(), sp);
    const distinct = [...byFold.values()];
    out.push({
      id: g.id,
      type: g.type,
      canonical,
      canonicalBasis: hit ? 'annotated' : 'majority',
      ...(hit ? { annotatedId: hit.e.id } : {}),
      spellings,
      distinct,
      sources: docsSeen.size,
      mentions: total,
      members: g.members.map((m) => ({ doc: m.doc, clusterId: m.c.clusterId })),
    });
  }
  return { groups: out, groupOf };
}
