// Cross-document comparison: the corpus index and the comparison results.
// Pure TypeScript. Offsets are UTF-16 code units into each source's text, end exclusive.
//
// The index (CorpusIndex) holds, per document, its sentences with content terms, its entity
// clusters with normalised name keys, its quotes with speakers and its figures with value + unit +
// counted noun/event. It is built once per set of analyses and is meant to be the same structure
// the claim matcher indexes (sentences, entities, quotes, numbers across all documents).
import type { Analysis, EntityType } from '../types';

/** One source to compare: its text and the engine's analysis of it. */
export interface CompareSource {
  /** Path or URI, as the caller wants it reported. */
  path: string;
  text: string;
  analysis: Analysis;
  /** Outlet name if known (annotations `sources[].outlet`), for display. */
  outlet?: string;
  /** Publication date (ISO 8601) if known: "earliest" wording of record. */
  published?: string;
}

/** Annotated knowledge the comparison may use (all optional). */
export interface CompareAnnotations {
  /** Annotated entities: the canonical name is preferred for a cluster that contains one of its spellings. */
  entities?: Array<{ id: string; name: string; type?: string; aliases?: string[] }>;
  /** Annotated canonical quote wordings (the source of record). `sourcePath` is the path of the
   *  source of record as given in CompareSource.path, when known. */
  quotes?: Array<{ id: string; text: string; speaker?: string; speakerName?: string; sourcePath?: string }>;
}

export interface IndexedSentence {
  start: number;
  end: number;
  /** Distinct content-term stems (names left out: see clusterIds). */
  terms: string[];
  /** The document's entity clusters named in the sentence (people, places, organisations). */
  clusterIds: string[];
}

export interface IndexedEntityCluster {
  /** The document's cluster id. */
  clusterId: string;
  type: EntityType;
  canonical: string;
  /** Spelling -> mentions in this document. */
  spellings: Map<string, number>;
  /** First mention offset per spelling. */
  firstAt: Map<string, { start: number; end: number }>;
  mentions: number;
  /** Normalised name key: folded name parts without particles ("ahmed", "sharaa"). */
  parts: string[];
}

export interface IndexedQuote {
  start: number;
  end: number;
  text: string;
  /** Resolved speaker name in this document (its cluster's canonical), or null. */
  speaker: string | null;
  speakerClusterId?: string;
  partial: boolean;
  /** Folded words in order, and their content-term set. */
  words: string[];
  terms: Set<string>;
}

export type Qualifier = 'more than' | 'less than' | 'almost' | 'about' | 'at least' | 'at most' | 'exactly';

export interface IndexedFigure {
  /** The whole figure phrase, qualifier included ("more than two and a half hours"). */
  start: number;
  end: number;
  text: string;
  /** Numeric value (2.5, 4000, 14) or null for vague amounts ("hundreds"). */
  value: number | null;
  /** Vague amount word ("hundreds", "tens of thousands") when value is null. */
  vague?: string;
  /** Unit: "hour", "year", "percent", "USD", "km" ... or "" for a plain count. */
  unit: string;
  qualifier: Qualifier | null;
  /** What is counted or measured: the head noun (stemmed) of the counted phrase or of the event. */
  noun: string;
  /** The noun as written ("Syrians", "meeting"). */
  nounText: string;
  /** Where the noun came from: the phrase after the number, "of X", or the event before it. */
  nounFrom: 'after' | 'of' | 'event';
  /** What happened to what is counted ("died", "rescued"), from the words around it, or ''. */
  event: string;
  /** Matching key: unit + noun (+ event). */
  key: string;
}

export interface IndexedDocument {
  index: number;
  path: string;
  text: string;
  outlet?: string;
  published?: string;
  sentences: IndexedSentence[];
  entities: IndexedEntityCluster[];
  quotes: IndexedQuote[];
  figures: IndexedFigure[];
}

// ------------------------------------------------------------------ results

export interface Passage {
  path: string;
  start: number;
  end: number;
  text: string;
}

export interface EntityGroup {
  id: string;
  type: EntityType;
  /** Annotated name when one matches, else the spelling most documents use as their full name. */
  canonical: string;
  canonicalBasis: 'annotated' | 'majority';
  annotatedId?: string;
  /** One row per (spelling, document). */
  spellings: Array<{ text: string; path: string; count: number; start: number; end: number }>;
  /** Distinct spellings and sources. */
  distinct: string[];
  sources: number;
  mentions: number;
  /** Per document: the document's cluster id (for hovers). */
  members: Array<{ doc: number; clusterId: string }>;
}

export interface QuoteWording extends Passage {
  speaker: string | null;
  /** Cross-source entity group of the speaker, when known. */
  speakerGroup: string | null;
  /** A short fragment attached to a fuller wording it is part of. */
  fragment: boolean;
  /** Word-level similarity to the wording of record (0..1). */
  similarity: number;
  /** Word diff against the wording of record: [op, text] with op '=', '+' (only here), '-' (only there). */
  diff: Array<['=' | '+' | '-', string]>;
}

export interface QuoteGroup {
  id: string;
  /** Speaker (cross-source canonical name) most wordings give, or null. */
  speaker: string | null;
  speakerGroup: string | null;
  wordings: QuoteWording[];
  /** The wording closest to the source of record. */
  record: { basis: 'annotated' | 'most-common' | 'earliest'; text: string; path: string | null; start: number | null; end: number | null; annotationId?: string };
  sources: number;
  /** Wordings attributed to someone other than `speaker` (FM011). */
  speakerDiffers: boolean;
}

export interface FigureValue {
  text: string;
  value: number | null;
  unit: string;
  qualifier: Qualifier | null;
  path: string;
  start: number;
  end: number;
  /** The sentence the figure stands in (context for the hover and the view). */
  sentence: string;
}

export interface FigureGroup {
  id: string;
  /** What is counted: "meeting (hours)", "Syrians", "war (years)". */
  what: string;
  key: string;
  unit: string;
  noun: string;
  values: FigureValue[];
  sources: number;
  /** Sources give different values or qualifiers. */
  differs: boolean;
  /** Only one source reports it (while the comparison has several). */
  singleSource: boolean;
}

export interface Comparison {
  sources: Array<{ path: string; outlet?: string; published?: string }>;
  quotes: QuoteGroup[];
  entities: EntityGroup[];
  figures: FigureGroup[];
}

export interface Corroboration {
  /** Sources reporting the fact, this one included. */
  count: number;
  /** Sources compared. */
  total: number;
  /** The best matching sentence of each other source that reports it, best first (at most 10; `count` covers all). */
  matches: Array<Passage & { score: number }>;
}
