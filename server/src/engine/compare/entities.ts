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
  given: string; // folded given name ('' unknown)
  surname: string; // folded surname
  sk: string; // surname skeleton
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

function givenMatch(a: string, b: string): boolean {
  if (!a || !b) return true;
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0]; // an initial
  return surnamesMatch(a, b);
}

const GEN = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

function personParts(parts: string[]): { given: string; surname: string } {
  let s = parts.length - 1;
  while (s > 0 && GEN.has(parts[s])) s--;
  return { given: s > 0 ? parts[0] : '', surname: parts[s] ?? '' };
}

function compactKey(s: string): string {
  return fold(s)
    .replace(/^the\s+/, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !PARTICLES.has(w))
    .join('');
}

/** Cluster the entities of all documents into cross-source groups. */
export function clusterEntities(docs: IndexedDocument[], ann: CompareAnnotations = {}): { groups: EntityGroup[]; groupOf: Map<string, string> } {
  const groups: Group[] = [];
  const bySk = new Map<string, Group[]>();
  const byKey = new Map<string, Group[]>();
  let n = 0;
  const newGroup = (type: Group['type'], init: Partial<Group>): Group => {
    const g: Group = { id: `${type}#${++n}`, type, given: '', surname: '', sk: '', members: [], key: '', ...init };
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
        const { given, surname } = personParts(c.parts);
        if (!surname) continue;
        if (!given) {
          singles.push({ doc: d.index, c, surname });
          continue;
        }
        const sk = skeleton(surname);
        let g = (bySk.get(sk) ?? []).find((x) => surnamesMatch(x.surname, surname) && givenMatch(x.given, given));
        if (!g) {
          // A one-edit typo with a different skeleton ("Lavorv"): look among same-first-letter groups.
          for (let len = surname.length - 1; len <= surname.length + 1 && !g; len++) {
            g = (byShape.get(shape(surname, len)) ?? []).find((x) => surnamesMatch(x.surname, surname) && givenMatch(x.given, given));
          }
        }
        if (!g) {
          g = newGroup('person', { given, surname, sk });
          const list = bySk.get(sk);
          if (list) list.push(g);
          else bySk.set(sk, [g]);
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
    const cands = (bySk.get(sk) ?? []).filter((g) => g.given && surnamesMatch(g.surname, s.surname));
    let g: Group | undefined;
    if (cands.length === 1) g = cands[0];
    else if (!cands.length) {
      g = (bySk.get(sk) ?? []).find((x) => !x.given && surnamesMatch(x.surname, s.surname));
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
      canonical = [...votes.keys()].sort(
        (a, b) => (votes.get(b)! - votes.get(a)!) || nameParts(b).length - nameParts(a).length || (mentions.get(b) ?? 0) - (mentions.get(a) ?? 0) || (a < b ? -1 : 1),
      )[0];
    }
    const distinct = [...mentions.keys()].sort((a, b) => mentions.get(b)! - mentions.get(a)! || (a < b ? -1 : 1));
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
