// Shared state the LSP feature handlers read (kept apart from server.ts to avoid import cycles).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding } from '../engine/types';
import type { AnnotationsEntry, AnnotationsStore } from './annotations';
import type { FactmarkSettings } from './settings';

/** Custom notification sent after every publish of diagnostics (clients and tests wait on it). */
export const DID_ANALYZE = 'factmark/didAnalyze';

export interface DidAnalyzeParams {
  uri: string;
  /** Document version the published diagnostics belong to (null for a YAML file not open). */
  version: number | null;
  /** 'source' for news text, 'annotations' for an annotations YAML file. */
  kind: 'source' | 'annotations';
  entities: number;
  quotes: number;
  /** Number of diagnostics published. */
  findings: number;
  /** Diagnostics actually published when fewer than `findings` (factmark.diagnostics.maxPerDocument; FM901 says so). */
  shown?: number;
  /** The document was over factmark.maxFileSize and was not analysed. */
  truncated: boolean;
  /** Annotations file in scope (source) or the file itself (annotations), absolute path. */
  annotationsPath: string | null;
}

/** Analysis and findings of one source document at one version (immutable snapshot). */
export interface SourceState {
  uri: string;
  /** Absolute path for file: URIs, else null. */
  path: string | null;
  version: number;
  languageId: string;
  text: string;
  /** Snapshot of the text at this version, for offset↔position conversion. */
  doc: TextDocument;
  /** null when the document is over factmark.maxFileSize. */
  analysis: Analysis | null;
  truncated: boolean;
  findings: Finding[];
  annotations: AnnotationsEntry | null;
}

/** A source known to the workspace (open buffer or file on disk), analysed on demand. */
export interface WorkspaceSource {
  uri: string;
  path: string | null;
  text: string;
  doc: TextDocument;
  analysis: Analysis;
}

export interface ServerContext {
  settings(): FactmarkSettings;
  store: AnnotationsStore;
  /** Open text document by uri (latest version). */
  openDocument(uri: string): TextDocument | undefined;
  /** Current analysis of an open source document (computed now if the cache is older). */
  sourceState(uri: string): SourceState | null;
  /** Snapshot TextDocument of an annotations entry's current text. */
  annotationsDocument(entry: AnnotationsEntry): TextDocument;
  /** Every source in the workspace folders (open buffers win), analysed; cached by mtime. */
  workspaceSources(): Promise<WorkspaceSource[]>;
}
