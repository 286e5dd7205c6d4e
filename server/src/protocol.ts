// Factmark's additions to the Language Server Protocol, shared by the server (server/src/lsp/) and
// the VS Code client (client/src/), which both import this file: one declaration, so the two cannot
// drift apart. Plain types and constants only (no vscode or LSP imports): esbuild inlines it into
// both bundles. Other LSP clients (Neovim, the protocol tests) may listen to the same messages.

/**
 * Server → client notification, sent after every publish of diagnostics for a document (a source
 * or an annotations YAML file). Clients and tests wait on it; the VS Code status bar shows its counts.
 */
export const DID_ANALYZE = 'factmark/didAnalyze';

export interface DidAnalyzeParams {
  uri: string;
  /** Document version the published diagnostics belong to (null for a YAML file not open). */
  version: number | null;
  /** 'source' for news text, 'annotations' for an annotations YAML file. */
  kind: 'source' | 'annotations';
  /** Entity mentions found (source), or entities declared (annotations). */
  entities: number;
  /** Quotes found (source), or quotes declared (annotations). */
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

/** `initialize` params' initializationOptions: the client's `factmark.*` settings. */
export interface FactmarkInitializationOptions {
  settings?: Record<string, unknown>;
}

/** Result of the server command factmark.server.exportClaimReview (client: Export ClaimReview…). */
export interface ExportResult {
  /** JSON-LD text (an array of ClaimReview objects), pretty-printed. */
  json?: string;
  count: number;
  /** Annotations files exported (absolute paths). */
  files: string[];
  /** Claims left out: no verdict, or a verdict not on the scale. */
  skipped: number;
  /** Files whose current text does not parse (the last good version was used). */
  stale: string[];
  message?: string;
}
