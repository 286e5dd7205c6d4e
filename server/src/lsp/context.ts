// Shared state the LSP feature handlers read (kept apart from server.ts to avoid import cycles).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding } from '../engine/types';
import type { AnnotationsEntry, AnnotationsStore } from './annotations';
import type { FactmarkSettings } from './settings';

// The custom notification and its params are declared once, in the protocol module the client shares.
export { DID_ANALYZE, type DidAnalyzeParams } from '../protocol';

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
  /** The workspace folders (absolute paths): the boundary of what is read and edited. */
  workspaceFolders?(): string[];
  /** A quick fix read an annotations file whose disk text differs from the loaded copy (no file
   *  watcher told us): reload it and refresh what depends on it. */
  diskTextChanged?(path: string): void;
}
