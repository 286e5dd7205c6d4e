// Compare the sources: one index of all documents (sentences, entities with normalised keys,
// quotes with speakers, figures with value + unit + counted noun/event), then quotes aligned across
// outlets, names clustered across outlets, figures that disagree, and corroboration counts.
// Pure TypeScript: no file IO, no LSP types.
import type { Analysis } from '../types';
import { alignQuotes } from './quotes';
import { clusterEntities, nameParts, surnamesMatch } from './entities';
import { extractFigures } from './figures';
import { buildSentenceIndex, corroborate, type SentenceIndex } from './corroborate';
import { contentTerms, words } from './text';
import type { CompareAnnotations, CompareSource, Comparison, Corroboration, FigureGroup, IndexedDocument, IndexedEntityCluster } from './types';

export * from './types';
export { wordDiff } from './quotes';
export { CORROBORATION_MIN_SCORE } from './corroborate';
export { compareFindings, COMPARE_RULES } from './findings';
export * from './present';

/** Index one analysed document. */
export function indexDocument(index: number, src: CompareSource): IndexedDocument {
  const a: Analysis = src.analysis;
  const text = src.text;
  // Sentence terms: content stems, with names replaced by their entity cluster (mapped to the
  // cross-source entity group when the corpus is compared, so "Sharaa" and "Shareh" are one term).
  const named = a.entities.filter((e) => e.type === 'person' || e.type === 'place' || e.type === 'organization');
  let ni = 0;
  const sentences = a.sentences.map((s) => {
    const clusterIds: string[] = [];
    let body = '';
    let at = s.start;
    while (ni < named.length && named[ni].end <= s.start) ni++;
    for (let k = ni; k < named.length && named[k].start < s.end; k++) {
      const e = named[k];
      if (e.start < at) continue;
      body += text.slice(at, e.start) + ' ';
      at = e.end;
      if (!clusterIds.includes(e.clusterId)) clusterIds.push(e.clusterId);
    }
    body += text.slice(at, s.end);
    return { start: s.start, end: s.end, terms: [...new Set(contentTerms(body))], clusterIds };
  });
  const byCluster = new Map<string, IndexedEntityCluster>();
  const clusters = new Map(a.clusters.map((c) => [c.id, c]));
  for (const e of a.entities) {
    if (e.type === 'date' || e.type === 'number') continue;
    const cl = clusters.get(e.clusterId);
    // A person mention whose name does not fit its document cluster's name by the cross-source
    // rules ("Nasri" grouped with "Laila Nassar" by skeleton) is kept apart, so that no
    // unrelated person is merged in through it.
    let id = e.clusterId;
    if (e.type === 'person' && cl && e.text !== cl.canonical && !fitsName(nameParts(cl.canonical), nameParts(e.text))) id = splitId(e.clusterId, e.text);
    let c = byCluster.get(id);
    if (!c) {
      const canonical = id === e.clusterId ? cl?.canonical ?? e.text : e.text;
      c = { clusterId: id, type: e.type, canonical, spellings: new Map(), firstAt: new Map(), mentions: 0, parts: nameParts(canonical) };
      byCluster.set(id, c);
    }
    c.mentions++;
    c.spellings.set(e.text, (c.spellings.get(e.text) ?? 0) + 1);
    if (!c.firstAt.has(e.text)) c.firstAt.set(e.text, { start: e.start, end: e.end });
  }
  const quotes = a.quotes.map((q) => ({
    start: q.start,
    end: q.end,
    text: q.text,
    speaker: q.speaker,
    ...(q.speakerClusterId ? { speakerClusterId: q.speakerClusterId } : {}),
    partial: q.partial,
    words: words(q.text),
    terms: new Set(contentTerms(q.text)),
  }));
  return {
    index,
    path: src.path,
    text,
    ...(src.outlet ? { outlet: src.outlet } : {}),
    ...(src.published ? { published: src.published } : {}),
    sentences,
    entities: [...byCluster.values()],
    quotes,
    figures: extractFigures(text, a),
  };
}

/** Id of the part of a document cluster split off for one spelling. */
export function splitId(clusterId: string, spelling: string): string {
  return `${clusterId}~${spelling}`;
}

/** Does a mention's name fit the cluster's full name (its surname, or one of its given names)? */
function fitsName(full: string[], mention: string[]): boolean {
  if (!full.length || !mention.length) return true;
  const sur = full[full.length - 1];
  const m = mention[mention.length - 1];
  return surnamesMatch(sur, m) || full.slice(0, -1).some((g) => g === m) || mention.every((x) => full.includes(x));
}

/** The cross-source entity group of a mention (its document cluster, or the part split off for its spelling). */
export function groupOfMention(result: CompareResult, docIndex: number, clusterId: string, text: string): string | undefined {
  return result.groupOf.get(`${docIndex}:${splitId(clusterId, text)}`) ?? result.groupOf.get(`${docIndex}:${clusterId}`);
}

/** The comparison of a set of sources, with the index it was built from (for per-document lookups). */
export interface CompareResult extends Comparison {
  docs: IndexedDocument[];
  /** `${docIndex}:${clusterId}` -> entity group id. */
  groupOf: Map<string, string>;
  sentenceIndex: SentenceIndex;
}

/** Compare the sources: quote groups, entity spelling groups and figure groups across them. */
export function compareSources(sources: CompareSource[], ann: CompareAnnotations = {}): CompareResult {
  const docs = sources.map((s, i) => indexDocument(i, s));
  return compareIndexed(docs, ann);
}

/** As compareSources, from documents already indexed (indexDocument), e.g. cached per version. */
export function compareIndexed(docsIn: IndexedDocument[], ann: CompareAnnotations = {}): CompareResult {
  const docs = docsIn.map((d, i) => (d.index === i ? d : { ...d, index: i }));
  const { groups, groupOf } = clusterEntities(docs, ann);
  const quotes = alignQuotes(docs, groupOf, groups, ann);
  const figures = groupFigures(docs);
  const entities = groups
    .filter((g) => g.sources >= 2 || g.distinct.length >= 2)
    .sort((a, b) => b.distinct.length - a.distinct.length || b.sources - a.sources || b.mentions - a.mentions || (a.canonical < b.canonical ? -1 : 1));
  return {
    sources: docs.map((d) => ({ path: d.path, ...(d.outlet ? { outlet: d.outlet } : {}), ...(d.published ? { published: d.published } : {}) })),
    quotes,
    entities,
    figures,
    docs,
    groupOf,
    sentenceIndex: buildSentenceIndex(docs, groupOf),
  };
}

/** Corroboration of the sentence covering [start, end) of source `path` (null when not indexed). */
export function corroborationOf(result: CompareResult, path: string, start: number, end: number): Corroboration | null {
  const d = result.docs.find((x) => x.path === path);
  return d ? corroborate(result.sentenceIndex, d.index, start, end) : null;
}

function groupFigures(docs: IndexedDocument[]): FigureGroup[] {
  // Compounds written apart or together ("air strikes" / "airstrikes") count the same thing.
  const nouns = new Set<string>();
  for (const d of docs) for (const f of d.figures) nouns.add(f.noun);
  const byKey = new Map<string, Array<{ doc: IndexedDocument; f: IndexedDocument['figures'][number] }>>();
  for (const d of docs)
    for (const f of d.figures) {
      let key = f.key;
      const prev = prevWordOfNoun(d.text, f);
      if (prev && nouns.has(prev + f.noun)) key = `${f.unit}|${prev}${f.noun}${f.event ? '|' + f.event : ''}`;
      const l = byKey.get(key);
      if (l) l.push({ doc: d, f });
      else byKey.set(key, [{ doc: d, f }]);
    }
  // A compound counts what its last part counts, when that is the only compound of it among the
  // figures ("workers" in one source, "dockworkers" in another; "strikes" / "airstrikes").
  for (const key of [...byKey.keys()]) {
    const [unit, noun, event = ''] = key.split('|');
    if (noun.length < 5) continue;
    const longer = [...byKey.keys()].filter((k) => {
      const [u, n, ev = ''] = k.split('|');
      return k !== key && u === unit && ev === event && n.length > noun.length && n.endsWith(noun);
    });
    if (longer.length !== 1) continue;
    byKey.get(longer[0])!.push(...byKey.get(key)!);
    byKey.delete(key);
  }
  const out: FigureGroup[] = [];
  const multi = docs.length > 1;
  for (const [key, list] of byKey) {
    const srcs = new Set(list.map((x) => x.doc.index));
    const first = list[0].f;
    const norm = (x: (typeof list)[number]) => `${x.f.value ?? x.f.vague}|${x.f.qualifier ?? ''}`;
    const perSource = new Map<number, Set<string>>();
    for (const x of list) {
      const s = perSource.get(x.doc.index) ?? new Set();
      s.add(norm(x));
      perSource.set(x.doc.index, s);
    }
    const distinct = new Set(list.map(norm));
    const differs = srcs.size >= 2 && distinct.size > 1;
    const unitLabel = first.unit ? ` (${first.unit === 'percent' ? '%' : /^[A-Z]{3}$/.test(first.unit) ? first.unit : first.unit + 's'})` : '';
    out.push({
      id: '',
      what: `${(list.find((x) => x.f.noun === key.split('|')[1]) ?? list[0]).f.nounText}${first.event ? ` ${first.event}` : ''}${unitLabel}`,
      key,
      unit: first.unit,
      noun: key.split('|')[1],
      values: list.map(({ doc, f }) => ({
        text: f.text,
        value: f.value,
        unit: f.unit,
        qualifier: f.qualifier,
        path: doc.path,
        start: f.start,
        end: f.end,
        sentence: sentenceAround(doc, f.start),
      })),
      sources: srcs.size,
      differs,
      singleSource: multi && srcs.size === 1,
    });
  }
  out.sort((a, b) => Number(b.differs) - Number(a.differs) || b.sources - a.sources || (a.key < b.key ? -1 : 1));
  out.forEach((g, i) => (g.id = `figure#${i + 1}`));
  return out;
}

const NOUN_RE = new Map<string, RegExp>();

function prevWordOfNoun(text: string, f: IndexedDocument['figures'][number]): string | null {
  // The word before the counted noun, found after the figure ("hundreds of air strikes" -> "air").
  const tail = text.slice(f.end, f.end + 80);
  let re = NOUN_RE.get(f.nounText);
  if (!re) {
    if (NOUN_RE.size > 10000) NOUN_RE.clear();
    NOUN_RE.set(f.nounText, (re = new RegExp(`(?<![\\p{L}])${escapeRe(f.nounText)}(?![\\p{L}])`, 'u')));
  }
  const i = tail.search(re);
  if (i <= 0) return null;
  const m = /([\p{L}]+)\s+$/u.exec(tail.slice(0, i));
  return m ? m[1].toLowerCase() : null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sentenceAround(doc: IndexedDocument, at: number): string {
  const s = doc.sentences.find((x) => x.start <= at && x.end > at);
  return s ? doc.text.slice(s.start, s.end).trim() : '';
}
