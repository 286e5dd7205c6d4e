// CONTRACT between the annotations engine (server/src/engine/annotations/*) and its callers
// (LSP layer, CLI, bench). Pure TypeScript: no vscode / LSP imports.
//
// CHANGES (annotations-model helper, additive only — all new fields are optional):
//  - AnnotationsModel: `version`, `publisher` (ClaimReview author default);
//    scale[].description; sources[].title/author/language; entities[].type is one of
//    person|place|organization|event|other (string kept for compatibility);
//    claims[].claimant (entity id, who made the claim), claims[].url (published review URL),
//    claims[].alsoIn (other source ids where the same claim appears);
//    evidence[].note; quotes[].prefix/suffix/position/context/variants/note;
//    dismissals[].id (optional stable id).
//  - LoadedAnnotations.index?: AnnotationsIndex — node ranges for go-to-definition / references
//    (spans of every item, of its id value, of its scalar fields, of every reference value, of the
//    evidence passages; `scale` ratings too).
//  - load.ts: loadAnnotations(path, text, opts?: { fileExists?(relPath): boolean }) — never throws;
//    model null on YAML syntax errors (callers keep the last good model) or a non-mapping root;
//    when the file declares no `scale`, model.scale = DEFAULT_SCALE (false/misleading/mixed/
//    unproven/mostly-true/true). nodeAt(loaded, offset) → { kind: 'source'|'entity'|'claim'|'quote'|
//    'dismissal'|'scale', id, span, idSpan?, ref? } (ref: true when on a reference value → target).
//    Also ANNOTATIONS_SCHEMA (the JSON Schema object).
//  - edits.ts: planAddAlias / planAnnotateClaim / planDismiss / planAddQuote / planAddEntity /
//    planSetPosition (TextEditPlan[]; [] when nothing to do; throw Error when the target is missing
//    or the YAML has a syntax error), applyEdits, yamlScalar.
//  - claimreview.ts: toClaimReview(model, { baseUrl }).
//  The JSON Schema lives at server/schema/annotations.schema.json.
//  Quote wordings (`quotes[].text`, variants) exclude the quote marks and the comma that precedes
//  an attribution ("...," he said); compare after trimming trailing punctuation.
import type { Analysis, Finding, Severity, FindingCode, Span } from '../types';

/** Classes a rating belongs to; drives the diagnostic (refuted → FM001, disputed → FM002 ...). */
export type RatingClass = 'refuted' | 'disputed' | 'unproven' | 'supported';
export type EvidenceStance = 'supports' | 'contradicts' | 'context';
/** Review workflow state of a claim. A `draft` claim may have no verdict yet. */
export type ClaimStatus = 'draft' | 'review' | 'published';
export type AnnotationEntityType = 'person' | 'place' | 'organization' | 'event' | 'other';

/** A parsed annotations YAML file (the model; field names follow the YAML, camelCase). */
export interface AnnotationsModel {
  /** Format version (currently 1). */
  version?: number;
  /** Who publishes the reviews (ClaimReview `author` when a claim has no reviewer). */
  publisher?: { name: string; type?: 'Organization' | 'Person'; url?: string };
  /** Rating scale: ordered from worst to best. */
  scale: Array<{ id: string; label: string; value: number; class: RatingClass; description?: string }>;
  sources: Array<{
    id: string;
    /** Path relative to the YAML file's directory (forward slashes). */
    file: string;
    outlet?: string;
    url?: string;
    /** Publication date, ISO 8601 (YYYY-MM-DD or full date-time). */
    published?: string;
    title?: string;
    author?: string;
    language?: string;
  }>;
  entities: Array<{
    id: string;
    name: string;
    type: string; // AnnotationEntityType
    aliases: string[];
    description?: string;
    wikidata?: string;
  }>;
  claims: Array<{
    id: string;
    text: string; // exact wording as it appears
    prefix?: string;
    suffix?: string;
    source?: string; // source id where it appears
    position?: number; // last known offset (hint)
    verdict?: string; // scale id
    explanation?: string;
    evidence: Array<{ source?: string; url?: string; passage: string; stance: EvidenceStance; note?: string }>;
    reviewer?: string;
    date?: string;
    status?: string; // ClaimStatus
    /** Entity id of who made the claim (ClaimReview itemReviewed.author). */
    claimant?: string;
    /** URL of the published review (ClaimReview url). */
    url?: string;
    /** Other source ids where the same claim appears (ClaimReview appearances). */
    alsoIn?: string[];
    /** Other documents (drafts, pages) where the claim was seen, recorded from a match: file
     *  relative to the YAML, the sentence as it appeared there. */
    appearances?: Array<{ file: string; text?: string; date?: string }>;
  }>;
  quotes: Array<{
    id: string;
    speaker: string; // entity id
    text: string; // canonical wording
    source?: string; // source id of record (where `text` appears verbatim)
    prefix?: string;
    suffix?: string;
    position?: number;
    /** Circumstances of the quote ("told Lavrov at the Kremlin"). */
    context?: string;
    /** Wordings of the same quote recorded in other sources (exact text in that source). */
    variants?: Array<{ source: string; text: string; note?: string }>;
    note?: string;
  }>;
  /** `claim`: the dismissal applies only to that claim's match on the text ("Not this claim"). */
  dismissals: Array<{ id?: string; code: string; file?: string; text: string; claim?: string; reason?: string; by?: string; date?: string }>;
}

export type AnnotationKind = 'source' | 'entity' | 'claim' | 'quote';

/** Ranges of one item in the YAML text. */
export interface IndexEntry {
  /** The whole item (the map node in its sequence). */
  span: Span;
  /** The id value (scalar). */
  idSpan: Span;
  /** Value spans of the item's scalar fields by YAML key (e.g. text, verdict, speaker, source). */
  fields: Record<string, Span>;
}

/** Ranges of the YAML nodes, for go-to-definition / find-references / orphan diagnostics. */
export interface AnnotationsIndex {
  source: Record<string, IndexEntry>;
  entity: Record<string, IndexEntry>;
  claim: Record<string, IndexEntry>;
  quote: Record<string, IndexEntry>;
  /** Ratings of the declared scale (empty when the default scale applies). */
  scale: Record<string, IndexEntry>;
  /** Dismissals in file order (index i = model.dismissals[i]). */
  dismissal: Array<{ span: Span; fields: Record<string, Span> }>;
  /** Every reference value in the file: claim.source, claim.claimant, claim.alsoIn[], evidence.source,
   *  quote.speaker, quote.source, variant.source (→ kind/id), claim.verdict (→ 'scale'). */
  refs: Array<{ kind: AnnotationKind | 'scale'; id: string; span: Span; from: { kind: AnnotationKind; id: string } }>;
  /** Spans of the claims' evidence passages: claimId → one span per evidence item (passage value). */
  evidence: Record<string, Span[]>;
}

/** Result of loading one annotations file. The YAML text is the editor buffer when open. */
export interface LoadedAnnotations {
  /** Absolute filesystem path of the YAML file. */
  path: string;
  text: string;
  /** null when the file could not be parsed at all (then callers keep the last good model). */
  model: AnnotationsModel | null;
  /** Problems located in the YAML (FM100-FM103), offsets into `text`. */
  problems: Finding[];
  /** Node ranges (present whenever model is non-null). */
  index?: AnnotationsIndex;
}

export interface SourceInput {
  /** Absolute filesystem path of the source (used to match annotations `sources[].file`, resolved
   *  relative to the YAML file's directory). */
  path: string;
  text: string;
  analysis: Analysis;
}

export interface CheckOptions {
  /** Minimum check-worthiness score (0..1) for FM004 unsupported-claim. */
  claimThreshold?: number;
  /** Per-code severity overrides ('off' disables). */
  severities?: Partial<Record<FindingCode, Severity | 'off'>>;
  /** At most this many FM004 unsupported-claim findings per source (the highest-ranked are kept).
   *  Default: max(5, 20% of the source's sentences). (Added by the checker helper.) */
  maxUnsupported?: number;
  /** How many sources report the fact of the sentence at [start, end) (engine/compare
   *  corroborationOf): shown with FM004 and used in ranking (a fact only one source reports ranks
   *  higher). (Added by the compare-sources helper.) */
  corroborate?: (start: number, end: number) => { count: number; total: number; matches: Array<{ path: string; start: number; end: number; text: string; score: number }> } | null;
}

/** Offset-based text edit on the YAML text (LSP layer converts to a WorkspaceEdit). */
export interface TextEditPlan {
  start: number;
  end: number;
  newText: string;
}
