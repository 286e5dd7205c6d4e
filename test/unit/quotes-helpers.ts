// Test helper for the quote tests: builds the entity context by hand, so these tests do not
// depend on the entity recogniser. Each cluster is given as its spellings (canonical first); every
// whole-word occurrence of a spelling in the text becomes a mention (longest spellings win).
import type { Entity, EntityCluster, EntityType, Quote, Sentence } from '../../server/src/engine/types';
import { findQuotes } from '../../server/src/engine/recognize/quotes';

export interface ClusterSpec {
  type: EntityType;
  names: string[];
  gender?: 'male' | 'female';
}

export function ctxFor(text: string, specs: ClusterSpec[]): { entities: Entity[]; clusters: EntityCluster[]; sentences: Sentence[] } {
  const clusters: EntityCluster[] = specs.map((s, i) => ({
    id: `c${i}`,
    type: s.type,
    canonical: s.names[0],
    spellings: s.names.slice(),
    mentions: 0,
    ...(s.gender ? { gender: s.gender } : {}),
  }));
  const cands: Array<{ start: number; end: number; ci: number }> = [];
  specs.forEach((s, ci) => {
    for (const name of s.names) {
      let from = 0;
      for (;;) {
        const k = text.indexOf(name, from);
        if (k < 0) break;
        from = k + 1;
        const before = k > 0 ? text[k - 1] : ' ';
        const after = text[k + name.length] ?? ' ';
        if (/[\p{L}\p{N}-]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) continue;
        cands.push({ start: k, end: k + name.length, ci });
      }
    }
  });
  cands.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const entities: Entity[] = [];
  let lastEnd = -1;
  for (const c of cands) {
    if (c.start < lastEnd) continue;
    entities.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), type: specs[c.ci].type, clusterId: `c${c.ci}` });
    clusters[c.ci].mentions++;
    lastEnd = c.end;
  }
  return { entities, clusters, sentences: naiveSentences(text) };
}

function naiveSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let para = 0;
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], paragraph: para++ });
  }
  return out;
}

export function quotesOf(text: string, specs: ClusterSpec[] = []): Quote[] {
  return findQuotes(text, ctxFor(text, specs));
}

/** The quote whose text starts with `prefix`. */
export function quoteStarting(quotes: Quote[], prefix: string): Quote {
  const q = quotes.find((x) => x.text.startsWith(prefix));
  if (!q) throw new Error(`no quote starting with ${JSON.stringify(prefix)}; have ${JSON.stringify(quotes.map((x) => x.text))}`);
  return q;
}

export const person = (...names: string[]): ClusterSpec => ({ type: 'person', names });
export const place = (...names: string[]): ClusterSpec => ({ type: 'place', names });
export const org = (...names: string[]): ClusterSpec => ({ type: 'organization', names });
