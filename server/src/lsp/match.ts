// Lookups that join a document's analysis with the annotations model: which mention / quote /
// cluster is at an offset, and which annotated entity a cluster refers to (by name or alias).
import type { AnnotationsModel } from '../engine/annotations/api';
import type { Analysis, Entity, EntityCluster, Quote } from '../engine/types';

/** Case/diacritic/punctuation-insensitive key: "Ahmed al-Sharaa" ≡ "Ahmed Al Sharaa", "Erdoğan" ≡ "Erdogan". */
export function nameKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/[-‐‑–'’.]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Innermost entity mention containing the offset (end inclusive, so a cursor right after a word counts). */
export function entityAt(analysis: Analysis, offset: number): Entity | null {
  let best: Entity | null = null;
  for (const e of analysis.entities) {
    if (offset >= e.start && offset <= e.end && (!best || e.end - e.start < best.end - best.start)) best = e;
  }
  // prefer a mention that strictly contains the offset over one that merely ends there
  if (best && offset === best.end) {
    const strict = analysis.entities.find((e) => offset >= e.start && offset < e.end);
    if (strict) return strict;
  }
  return best;
}

/** Innermost quote (marks included) containing the offset. */
export function quoteAt(analysis: Analysis, offset: number): Quote | null {
  let best: Quote | null = null;
  for (const q of analysis.quotes) {
    const start = Math.min(q.open, q.start);
    const end = Math.max(q.end, q.close !== null ? q.close + 1 : q.end);
    if (offset >= start && offset < end && (!best || end - start < quoteLen(best))) best = q;
  }
  return best;
}

function quoteLen(q: Quote): number {
  return Math.max(q.end, q.close !== null ? q.close + 1 : q.end) - Math.min(q.open, q.start);
}

export function clusterOf(analysis: Analysis, id: string | undefined): EntityCluster | undefined {
  if (!id) return undefined;
  return analysis.clusters.find((c) => c.id === id);
}

export type AnnotatedEntity = AnnotationsModel['entities'][number];

/** The annotated entity a cluster refers to: its canonical name or a spelling equals the entity's
 *  name or an alias (compared with nameKey), mention text first. */
export function annotatedEntityFor(
  model: AnnotationsModel | null | undefined,
  cluster: EntityCluster | undefined,
  mentionText?: string,
): AnnotatedEntity | null {
  if (!model) return null;
  const keys: string[] = [];
  if (mentionText) keys.push(nameKey(mentionText));
  if (cluster) {
    keys.push(nameKey(cluster.canonical));
    for (const s of cluster.spellings) keys.push(nameKey(s));
  }
  for (const key of keys) {
    if (!key) continue;
    for (const ent of model.entities) {
      if (nameKey(ent.name) === key || ent.aliases.some((a) => nameKey(a) === key)) return ent;
    }
  }
  return null;
}

/** All names (name + aliases) of an annotated entity, as keys. */
export function entityKeys(ent: AnnotatedEntity): Set<string> {
  return new Set([ent.name, ...ent.aliases].map(nameKey).filter(Boolean));
}

/** Does a mention (with its cluster) refer to the annotated entity? */
export function mentionRefersTo(analysis: Analysis, mention: Entity, keys: Set<string>): boolean {
  if (keys.has(nameKey(mention.text))) return true;
  const cluster = clusterOf(analysis, mention.clusterId);
  if (!cluster) return false;
  return keys.has(nameKey(cluster.canonical)) || cluster.spellings.some((s) => keys.has(nameKey(s)));
}

