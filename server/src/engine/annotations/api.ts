// CONTRACT between the annotations engine (server/src/engine/annotations/*) and its callers
// (LSP layer, CLI, bench). Pure TypeScript: no vscode / LSP imports.
import type { Analysis, Finding, Severity, FindingCode } from '../types';

/** A parsed annotations YAML file (the model; field names follow the YAML, camelCase). */
export interface AnnotationsModel {
  /** Rating scale: ordered from worst to best. */
  scale: Array<{ id: string; label: string; value: number; class: 'refuted' | 'disputed' | 'unproven' | 'supported' }>;
  sources: Array<{ id: string; file: string; outlet?: string; url?: string; published?: string }>;
  entities: Array<{ id: string; name: string; type: string; aliases: string[]; description?: string; wikidata?: string }>;
  claims: Array<{
    id: string;
    text: string; // exact wording as it appears
    prefix?: string;
    suffix?: string;
    source?: string; // source id where it appears
    position?: number; // last known offset (hint)
    verdict?: string; // scale id
    explanation?: string;
    evidence: Array<{ source?: string; url?: string; passage: string; stance: 'supports' | 'contradicts' | 'context' }>;
    reviewer?: string;
    date?: string;
    status?: string;
  }>;
  quotes: Array<{ id: string; speaker: string; text: string; source?: string }>;
  dismissals: Array<{ code: string; file?: string; text: string; reason?: string; by?: string; date?: string }>;
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
}

/** Offset-based text edit on the YAML text (LSP layer converts to a WorkspaceEdit). */
export interface TextEditPlan {
  start: number;
  end: number;
  newText: string;
}
