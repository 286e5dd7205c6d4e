// Factmark engine: shared data types.
// The engine is pure TypeScript: nothing under server/src/engine may import `vscode`,
// `vscode-languageserver*` or anything from server/src/lsp. All positions are UTF-16
// code-unit offsets into the analysed text (JavaScript string indices), end exclusive.

export type EntityType = 'person' | 'place' | 'organization' | 'date' | 'number';

export interface Span {
  start: number;
  end: number;
}

/** One mention of a named entity, a date/time or a number/quantity in the text. */
export interface Entity extends Span {
  /** Exact text of the mention (text.slice(start, end)). */
  text: string;
  type: EntityType;
  /** Id of the cluster this mention belongs to (see EntityCluster). */
  clusterId: string;
  /** Metonymy etc.: a place used as a speaker/actor ("Moscow said"). */
  role?: 'actor';
  /** Why the recogniser decided this (for hovers and debugging), e.g. "title: President". */
  reason?: string;
}

/** All mentions of one entity within a document (coreference by name). */
export interface EntityCluster {
  id: string;
  type: EntityType;
  /** Longest/fullest name seen in the document ("Bashar al-Assad" for "Assad"). */
  canonical: string;
  /** Distinct surface spellings seen, canonical first. */
  spellings: string[];
  /** Number of mentions. */
  mentions: number;
  /** Grammatical gender if known from titles/pronouns: used for pronoun resolution. */
  gender?: 'male' | 'female';
}

export interface AttributionCue extends Span {
  /** The cue text, e.g. "said", "told Putin", "according to". */
  text: string;
  /** How the speaker was found. */
  kind:
    | 'name-before' // "X said", "X told Y:"
    | 'name-after' // "said X"
    | 'according-to'
    | 'colon' // "X said before the meeting: "..."" / "X: "...""
    | 'pronoun' // "he said" resolved to nearest compatible person
    | 'description' // "the Russian leader said" resolved to a named entity
    | 'continuation' // follows a quote by the same speaker in the same paragraph
    | 'unknown';
}

/** A stretch of quoted speech. start/end exclude the quote marks. */
export interface Quote extends Span {
  text: string;
  /** Offsets of the opening and closing marks (closing may be absent for run-on quotes). */
  open: number;
  close: number | null;
  /** Resolved speaker name (cluster canonical name), or null when unknown. */
  speaker: string | null;
  speakerClusterId?: string;
  /** The mention of the speaker in the text (the name, pronoun or description). */
  speakerMention?: Span & { text: string };
  cue?: AttributionCue;
  /** Partial quote embedded in a sentence ("wanted to 'redefine' ties"): usually a scare/short quote. */
  partial: boolean;
  /** Nested inside another quote. */
  nested: boolean;
}

export interface Sentence extends Span {
  text: string;
  /** Paragraph index (0-based). */
  paragraph: number;
}

export interface Analysis {
  /** Length of the analysed text. */
  length: number;
  entities: Entity[];
  clusters: EntityCluster[];
  quotes: Quote[];
  sentences: Sentence[];
  /** Lines recognised as dateline/byline/footer/headline etc. (not prose). */
  zones?: Array<Span & { kind: 'headline' | 'dateline' | 'byline' | 'footer' | 'boilerplate' }>;
}

export interface AnalyzeOptions {
  /** Markdown: skip code blocks, link targets, front matter, and treat '#' lines as headlines. */
  markdown?: boolean;
}

// ---------------------------------------------------------------------------
// Findings (diagnostics) — produced by check(), rendered by LSP, CLI and SARIF.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Stable diagnostic codes. Documented in README.md ("Diagnostic codes"). Never rename. */
export type FindingCode =
  | 'FM001' // claim-refuted
  | 'FM002' // claim-disputed (disputed / misleading / mixed / unproven-leaning ratings)
  | 'FM003' // claim-needs-evidence (annotated but no or insufficient evidence)
  | 'FM004' // unsupported-claim (check-worthy sentence no annotation covers)
  | 'FM005' // quote-wording (differs from canonical wording)
  | 'FM006' // quote-speaker (attributed to a different speaker)
  | 'FM007' // entity-spelling (differs from canonical name/aliases)
  | 'FM008' // claim-supported (a sentence makes a claim rated true / mostly true)
  | 'FM009' // claim-match-ambiguous (two checked claims match a sentence equally well)
  | 'FM010' // figure-differs (another source reports the quantity differently; engine/compare)
  | 'FM011' // quote-speaker-differs (another source attributes the quote to someone else)
  | 'FM100' // annotations-syntax (YAML syntax error)
  | 'FM101' // annotations-schema (wrong type / unknown key / missing field)
  | 'FM102' // annotations-duplicate-id
  | 'FM103' // annotations-unknown-reference (entity/source/file/claim)
  | 'FM104' // annotations-orphan (annotation no longer found in its source)
  | 'FM105' // annotations-ambiguous (several equally good places)
  | 'FM900' // document-too-large (analysis skipped / truncated)
  | 'FM901'; // too-many-findings (per-document cap on published diagnostics; LSP only)

export interface Finding extends Span {
  code: FindingCode;
  /** Short rule name, e.g. "claim-refuted". */
  rule: string;
  severity: Severity;
  message: string;
  /** Everything a quick fix or hover needs without re-running the check. */
  data?: Record<string, unknown>;
}
