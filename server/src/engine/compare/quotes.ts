// Quote alignment across sources: the same quoted speech in several outlets (same or compatible
// speakers, overlapping wording), the wording closest to the source of record, and word diffs.
import { diffWords } from 'diff';
import type { CompareAnnotations, EntityGroup, IndexedDocument, IndexedQuote, QuoteGroup, QuoteWording } from './types';
import { contentTerms, normWording, overlapCoefficient, stem } from './text';

/** Wordings sharing at least this share of the shorter one's content terms are the same quote. */
export const QUOTE_MIN_OVERLAP = 0.6;
/** ... and this much when the outlets name different speakers (then reported as FM011). */
export const QUOTE_MIN_OVERLAP_OTHER_SPEAKER = 0.8;
/** Fewer content terms than this: a fragment ("redefine"), aligned only by containment or equality. */
const FULL_MIN_TERMS = 3;
const MAX_COMPARED_MEMBERS = 8;

interface Item {
  doc: number;
  q: IndexedQuote;
  speakerGroup: string | null;
  joined: string;
  full: boolean;
}

interface G {
  id: number;
  members: Item[];
  fragments: Item[];
  /** Distinct stemmed wordings of the members (sources often repeat one wording verbatim). */
  joined: Set<string>;
  /** Members with distinct content-term sets, for similarity (at most MAX_COMPARED_MEMBERS). */
  reps: Item[];
}

export function alignQuotes(docs: IndexedDocument[], groupOf: Map<string, string>, entityGroups: EntityGroup[], ann: CompareAnnotations = {}): QuoteGroup[] {
  const items: Item[] = [];
  for (const d of docs)
    for (const q of d.quotes) {
      const speakerGroup = q.speakerClusterId ? groupOf.get(`${d.index}:${q.speakerClusterId}`) ?? null : null;
      items.push({ doc: d.index, q, speakerGroup, joined: ' ' + q.words.map(stem).join(' ') + ' ', full: q.terms.size >= FULL_MIN_TERMS });
    }
  const groups: G[] = [];
  const byTerm = new Map<string, G[]>();
  const index = (g: G, it: Item) => {
    g.joined.add(it.joined);
    if (g.reps.length < MAX_COMPARED_MEMBERS && !g.reps.some((r) => r.joined === it.joined)) g.reps.push(it);
    for (const t of it.q.terms) {
      const l = byTerm.get(t);
      if (!l) byTerm.set(t, [g]);
      else if (l[l.length - 1] !== g) l.push(g);
    }
  };
  // Speakers named by a group's members (checked for compatibility with a new member).
  const speakersOf = new Map<G, Set<string>>();
  const compatible = (g: G, it: Item, sim: number) => {
    if (sim >= QUOTE_MIN_OVERLAP_OTHER_SPEAKER || !it.speakerGroup) return true;
    const sp = speakersOf.get(g);
    return !sp || [...sp].every((x) => x === it.speakerGroup);
  };

  // Full quotes, longest first (so the first member of a group is its fullest wording).
  const full = items.filter((x) => x.full).sort((a, b) => b.q.terms.size - a.q.terms.size || a.doc - b.doc || a.q.start - b.q.start);
  for (const it of full) {
    const counts = new Map<G, number>();
    for (const t of it.q.terms) for (const g of byTerm.get(t) ?? []) counts.set(g, (counts.get(g) ?? 0) + 1);
    let best: G | null = null;
    let bestSim = 0;
    for (const [g, c] of counts) {
      if (c / it.q.terms.size < QUOTE_MIN_OVERLAP * 0.5) continue;
      let sim = 0;
      for (const r of g.reps) sim = Math.max(sim, overlapCoefficient(it.q.terms, r.q.terms));
      if (sim >= QUOTE_MIN_OVERLAP && sim > bestSim && compatible(g, it, sim)) {
        best = g;
        bestSim = sim;
      }
    }
    if (!best) {
      best = { id: groups.length, members: [], fragments: [], joined: new Set(), reps: [] };
      groups.push(best);
    }
    best.members.push(it);
    if (it.speakerGroup) {
      const sp = speakersOf.get(best);
      if (sp) sp.add(it.speakerGroup);
      else speakersOf.set(best, new Set([it.speakerGroup]));
    }
    index(best, it);
  }
  // Fragments: attached to a fuller wording that contains them, else grouped by equal wording.
  const fragGroups = new Map<string, G>();
  for (const it of items) {
    if (it.full) continue;
    const words = it.q.words.map(stem).join(' ');
    if (!words) continue;
    let target: G | null = null;
    const first = [...it.q.terms][0];
    const needle = ' ' + words + ' ';
    for (const g of first ? byTerm.get(first) ?? [] : []) {
      let hit = false;
      for (const j of g.joined) if (j.includes(needle)) {
        hit = true;
        break;
      }
      if (!hit) continue;
      const sp = speakersOf.get(g);
      if (it.speakerGroup && sp && [...sp].some((x) => x !== it.speakerGroup)) continue;
      target = g;
      break;
    }
    if (target) {
      target.fragments.push(it);
      continue;
    }
    const key = words + '\u0000' + (it.speakerGroup ?? '');
    let g = fragGroups.get(key);
    if (!g) {
      g = { id: groups.length, members: [], fragments: [], joined: new Set(), reps: [] };
      groups.push(g);
      fragGroups.set(key, g);
    }
    g.members.push(it);
  }

  const nameOf = new Map(entityGroups.map((g) => [g.id, g.canonical]));
  const out: QuoteGroup[] = [];
  for (const g of groups) {
    const all = [...g.members, ...g.fragments];
    const docsSeen = new Set(all.map((x) => x.doc));
    if (docsSeen.size < 2) continue;
    const votes = new Map<string, number>();
    for (const x of all) if (x.speakerGroup) votes.set(x.speakerGroup, (votes.get(x.speakerGroup) ?? 0) + (x.full ? 2 : 1));
    const speakerGroup = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
    const record = recordOf(g, docs, ann);
    const recordWords = record.text;
    const diffs = new Map<string, Array<['=' | '+' | '-', string]>>(); // wordings repeat verbatim across sources
    const fragSet = new Set(g.fragments);
    const wordings: QuoteWording[] = all
      .slice()
      .sort((a, b) => a.doc - b.doc || a.q.start - b.q.start)
      .map((x) => {
        let diff = diffs.get(x.q.text);
        if (!diff) diffs.set(x.q.text, (diff = wordDiff(recordWords, x.q.text)));
        return {
          path: docs[x.doc].path,
          start: x.q.start,
          end: x.q.end,
          text: x.q.text,
          speaker: x.speakerGroup ? nameOf.get(x.speakerGroup) ?? x.q.speaker : x.q.speaker,
          speakerGroup: x.speakerGroup,
          // A fragment: a short part attached to a fuller wording, or a wording that is a clearly
          // shorter part of another ("purely humanitarian reasons"), not one that differs by a particle.
          fragment: (!x.full && g.members.length > 0 && fragSet.has(x)) || (x.full && [...g.joined].some((j) => j.length > x.joined.length * 1.4 && j.includes(x.joined))),
          similarity: similarity(diff),
          diff,
        };
      });
    out.push({
      id: `quote#${out.length + 1}`,
      speaker: speakerGroup ? nameOf.get(speakerGroup) ?? null : null,
      speakerGroup,
      wordings,
      record,
      sources: docsSeen.size,
      speakerDiffers: !!speakerGroup && all.some((x) => x.speakerGroup && x.speakerGroup !== speakerGroup),
    });
  }
  out.sort((a, b) => b.sources - a.sources || b.wordings.length - a.wordings.length || firstAt(a) - firstAt(b));
  out.forEach((g, i) => (g.id = `quote#${i + 1}`));
  return out;
}

function firstAt(g: QuoteGroup): number {
  return g.wordings[0]?.start ?? 0;
}

function recordOf(g: G, docs: IndexedDocument[], ann: CompareAnnotations): QuoteGroup['record'] {
  const full = g.members.length ? g.members : g.fragments;
  // 1. The annotated canonical wording.
  for (const a of ann.quotes ?? []) {
    if (!a.text) continue;
    const terms = new Set(contentTerms(a.text));
    if (!full.some((m) => overlapCoefficient(terms, m.q.terms) >= QUOTE_MIN_OVERLAP && (m.q.terms.size >= FULL_MIN_TERMS || terms.size < FULL_MIN_TERMS))) continue;
    const norm = normWording(a.text);
    const at = full.find((m) => normWording(m.q.text) === norm && (!a.sourcePath || docs[m.doc].path === a.sourcePath)) ?? full.find((m) => normWording(m.q.text) === norm);
    return { basis: 'annotated', text: a.text, path: at ? docs[at.doc].path : a.sourcePath ?? null, start: at?.q.start ?? null, end: at?.q.end ?? null, annotationId: a.id };
  }
  // 2. The wording most sources use.
  const counts = new Map<string, Item[]>();
  for (const m of full) {
    const k = normWording(m.q.text);
    const l = counts.get(k);
    if (l) l.push(m);
    else counts.set(k, [m]);
  }
  const ranked = [...counts.values()].map((l) => ({ l, n: new Set(l.map((x) => x.doc)).size })).sort((a, b) => b.n - a.n);
  if (ranked.length && ranked[0].n >= 2 && (ranked.length === 1 || ranked[1].n < ranked[0].n)) {
    const m = ranked[0].l[0];
    return { basis: 'most-common', text: m.q.text, path: docs[m.doc].path, start: m.q.start, end: m.q.end };
  }
  // 3. The earliest published (or, without dates, the first source listed).
  const date = (m: Item) => docs[m.doc].published ?? '\uffff';
  const m = full.slice().sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0) || a.doc - b.doc || a.q.start - b.q.start)[0];
  return { basis: 'earliest', text: m.q.text, path: docs[m.doc].path, start: m.q.start, end: m.q.end };
}

/** Word-level diff from `from` (the wording of record) to `to`. */
export function wordDiff(from: string, to: string): Array<['=' | '+' | '-', string]> {
  const clean = (s: string) => s.replace(/[\s,.;:]+$/, '').replace(/\s+/g, ' ').trim();
  const out: Array<['=' | '+' | '-', string]> = [];
  for (const part of diffWords(clean(from), clean(to), { ignoreCase: true })) {
    const op = part.added ? '+' : part.removed ? '-' : '=';
    const last = out[out.length - 1];
    if (last && last[0] === op) last[1] += part.value;
    else out.push([op, part.value]);
  }
  return out;
}

function similarity(diff: Array<['=' | '+' | '-', string]>): number {
  let same = 0;
  let changed = 0;
  for (const [op, t] of diff) {
    const n = t.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    if (op === '=') same += n;
    else changed += n;
  }
  return same + changed === 0 ? 1 : Math.round((same / (same + changed / 2)) * 1000) / 1000;
}
