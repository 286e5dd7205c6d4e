// The one place where engine offsets become LSP positions and findings become diagnostics.
import {
  Diagnostic,
  DiagnosticSeverity,
  Range,
  TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Span } from '../engine/types';
import { docsHref, type FactmarkSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'factmark';

/** Minimal text holder for offset↔position conversion (TextDocument or a plain one built on demand). */
export type PositionSource = Pick<TextDocument, 'positionAt' | 'offsetAt'>;

export function spanToRange(doc: PositionSource, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Effective severity: the user's override (diagnostics.severity) wins; 'off' drops the finding. */
export function effectiveSeverity(finding: Finding, settings: FactmarkSettings): DiagnosticSeverity | null {
  const override = settings.diagnostics.severity[finding.code];
  if (override === 'off') return null;
  return SEVERITY[override ?? finding.severity] ?? DiagnosticSeverity.Information;
}

export interface DiagnosticContext {
  /** URI of the document the diagnostic is published on. */
  uri: string;
  /** Annotations file in scope (absolute path), when there is one. */
  annotationsPath: string | null;
}

/** What we put into Diagnostic.data: the finding's own data plus where it came from. */
export interface DiagnosticData extends Record<string, unknown> {
  rule: string;
  uri: string;
  annotationsPath: string | null;
  /** Offsets of the finding in the analysed text (the code actions must not re-run the check). */
  start: number;
  end: number;
}

export function findingToDiagnostic(
  doc: PositionSource,
  finding: Finding,
  settings: FactmarkSettings,
  ctx: DiagnosticContext,
): Diagnostic | null {
  const severity = effectiveSeverity(finding, settings);
  if (severity === null) return null;
  const data: DiagnosticData = {
    ...(finding.data ?? {}),
    rule: finding.rule,
    uri: ctx.uri,
    annotationsPath: ctx.annotationsPath,
    start: finding.start,
    end: finding.end,
  };
  return {
    range: spanToRange(doc, finding),
    severity,
    code: finding.code,
    codeDescription: { href: docsHref(settings, finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
}

export function planToTextEdit(doc: PositionSource, plan: { start: number; end: number; newText: string }): TextEdit {
  return { range: spanToRange(doc, plan), newText: plan.newText };
}

/** Line start offsets of a text (for splitting multi-line tokens and fast position math). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
