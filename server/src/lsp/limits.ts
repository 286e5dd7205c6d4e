// Per-document cap on published diagnostics. VS Code shows at most 1,000 problems per document and
// silently drops the rest (and thousands of diagnostics with quick-fix data slow the extension host
// down), so the server publishes the most important `max` findings — errors first, then warnings,
// info, hints; in document order within a severity — plus one FM901 too-many-findings summary that
// says how many were left out and how to see them (raise the cap, or `factmark check`).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE } from './convert';
import { docsHref, type FactmarkSettings } from './settings';

export const DEFAULT_MAX_DIAGNOSTICS = 500;

export interface CappedDiagnostics {
  diagnostics: Diagnostic[];
  /** Findings before the cap (the summary not counted). */
  total: number;
  /** Findings published (the summary not counted). */
  shown: number;
}

function rank(d: Diagnostic): number {
  return d.severity ?? DiagnosticSeverity.Information; // 1 error … 4 hint
}

function before(a: Diagnostic, b: Diagnostic): number {
  return (
    rank(a) - rank(b) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character
  );
}

/** Keeps the `max` most severe diagnostics (in document order) and appends an FM901 summary. */
export function capDiagnostics(all: Diagnostic[], settings: FactmarkSettings, max = settings.diagnostics.max ?? DEFAULT_MAX_DIAGNOSTICS): CappedDiagnostics {
  if (all.length <= max) return { diagnostics: all, total: all.length, shown: all.length };
  const override = settings.diagnostics.severity.FM901;
  const kept = [...all].sort(before).slice(0, max);
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  if (override === 'off') return { diagnostics: kept, total: all.length, shown: kept.length };
  const left = all.length - max;
  const severity =
    override === 'error' ? DiagnosticSeverity.Error : override === 'warning' ? DiagnosticSeverity.Warning : override === 'hint' ? DiagnosticSeverity.Hint : DiagnosticSeverity.Information;
  const counts = new Map<string, number>();
  const keptSet = new Set(kept);
  for (const d of all) if (!keptSet.has(d)) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  const byCode = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${n} ${c}`).join(', ');
  const summary: Diagnostic = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity,
    code: 'FM901',
    codeDescription: { href: docsHref(settings, 'FM901') },
    source: DIAGNOSTIC_SOURCE,
    message:
      `Too many findings: ${all.length.toLocaleString('en-US')} in this document, the ${max.toLocaleString('en-US')} most serious are shown ` +
      `(${left.toLocaleString('en-US')} more: ${byCode}). Raise "factmark.diagnostics.maxPerDocument", turn noisy codes off with ` +
      `"factmark.diagnostics.severity", or run \`factmark check\` for the full list.`,
    data: { rule: 'too-many-findings', total: all.length, shown: max, hidden: left, setting: 'factmark.diagnostics.maxPerDocument' },
  };
  return { diagnostics: [...kept, summary], total: all.length, shown: kept.length };
}

/** Pause in typing after which a still-broken annotations buffer gets its one notification. */
export const BROKEN_NOTICE_DELAY_MS = 4000;

/** Per-document delayed notices: each schedule() restarts the wait; flush() (on save) runs it now. */
export class QuietNotice {
  private timers = new Map<string, { timer: NodeJS.Timeout; run: () => void }>();
  constructor(private readonly delayMs: number) {}

  schedule(uri: string, run: () => void): void {
    this.cancel(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      run();
    }, this.delayMs);
    this.timers.set(uri, { timer, run });
  }

  flush(uri: string): void {
    const t = this.timers.get(uri);
    if (!t) return;
    this.cancel(uri);
    t.run();
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t.timer);
    this.timers.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
  }
}
