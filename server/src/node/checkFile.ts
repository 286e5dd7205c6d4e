// `factmark check`, one file at a time: the findings of one source (run in-process or in a worker
// thread) and their JSON / SARIF / text forms, so the output can be streamed file by file.
import * as path from 'node:path';
import { analyze } from '../engine/analyze';
import { checkSource, diffChanges } from '../engine/annotations/check';
import type { CheckOptions, LoadedAnnotations, SourceInput } from '../engine/annotations/api';
import type { Finding, Severity } from '../engine/types';
import { listedSources } from './annotations';
import { lineColMapper } from './files';
import type { ReportedFile } from './sarif';

export type SeverityCounts = Record<Severity, number>;

export function isMarkdown(p: string): boolean {
  return /\.(md|markdown|mdown|mkd)$/i.test(p);
}

/** A path for display/SARIF: relative to the working directory with forward slashes when inside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Picks the annotations file in scope for a source (same rule as the language server). */
export function annotationsResolver(all: readonly LoadedAnnotations[]): (source: string) => LoadedAnnotations | null {
  const listed = all.map((a) => new Set(listedSources(a)));
  return (source) => {
    const i = listed.findIndex((s) => s.has(source));
    if (i >= 0) return all[i];
    let best: LoadedAnnotations | null = null;
    for (const a of all) {
      const dir = path.dirname(a.path);
      if (isInside(dir, source) && (!best || path.dirname(best.path).length < dir.length)) best = a;
    }
    if (best) return best;
    return all.length === 1 ? all[0] : null;
  };
}

export function applySeverities(findings: Finding[], opts: CheckOptions): Finding[] {
  const overrides = opts.severities ?? {};
  const outList: Finding[] = [];
  for (const f of findings) {
    const o = overrides[f.code];
    if (o === 'off') continue;
    outList.push(o ? { ...f, severity: o } : f);
  }
  return outList;
}

export function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const k = `${f.code}|${f.start}|${f.end}|${f.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}

/** The sources of one check run compared with each other (node/compareCheck.ts), in-process only. */
export interface CrossSource {
  optionsFor(abs: string): CheckOptions;
  findingsFor(abs: string): Finding[];
  /** The analysis made for the comparison, reused instead of analysing the text again. */
  inputFor(abs: string): SourceInput | undefined;
}

/** Analyses and checks one source text (with the cross-source findings when `cross` is given). */
export function checkOneSource(
  abs: string,
  shownPath: string,
  text: string,
  annotationsOf: (source: string) => LoadedAnnotations | null,
  opts: CheckOptions,
  cross?: CrossSource,
): { file: ReportedFile; input: SourceInput } {
  const known = cross?.inputFor(abs);
  const input: SourceInput = known && known.text === text ? known : { path: abs, text, analysis: analyze(text, { markdown: isMarkdown(abs) }) };
  const ann = annotationsOf(abs);
  const own = checkSource(input, ann ? [ann] : [], cross ? cross.optionsFor(abs) : opts);
  const findings = applySeverities(cross ? [...own, ...cross.findingsFor(abs)] : own, opts);
  return { file: { path: shownPath, abs, text, findings: dedupe(findings) }, input };
}

export function countSeverities(findings: readonly Finding[], into: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 }): SeverityCounts {
  for (const x of findings) into[x.severity]++;
  return into;
}

/** One entry of check's JSON `files`. */
export function fileToJson(f: ReportedFile) {
  const pos = lineColMapper(f.text);
  return {
    path: f.path,
    findings: f.findings.map((x) => {
      const a = pos(x.start);
      const b = pos(x.end);
      return {
        code: x.code,
        rule: x.rule,
        severity: x.severity,
        message: x.message,
        start: x.start,
        end: x.end,
        line: a.line,
        column: a.col,
        endLine: b.line,
        endColumn: b.col,
        text: f.text.slice(x.start, x.end),
        ...(x.data ? { data: x.data } : {}),
      };
    }),
  };
}

/** Check's text lines for one file (compiler style), each ending with a newline. */
export function fileToText(f: ReportedFile, details = true): string {
  let s = '';
  const pos = lineColMapper(f.text);
  for (const x of f.findings) {
    const { line, col } = pos(x.start);
    s += `${f.path}:${line}:${col}: ${x.severity} ${x.code} ${x.rule}: ${x.message}\n`;
    if (details) for (const d of findingDetails(x)) s += d + '\n';
  }
  return s;
}

/** Wraps text at `width` columns, every line indented by `indent`. */
export function wrap(text: string, indent: string, width = 100): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out;
}

/** Detail lines printed under a finding in text output: the word diff of a quote (git's word-diff
 *  notation: [-left out-] {+added+}) and a claim's full explanation. */
export function findingDetails(f: Finding): string[] {
  const d = f.data ?? {};
  const lines: string[] = [];
  if (Array.isArray(d.diff)) {
    const text = diffChanges(d.diff as Parameters<typeof diffChanges>[0])
      .map((p) => (p.op === 'equal' ? p.text : [p.removed && `[-${p.removed.trim()}-]`, p.added && `{+${p.added.trim()}+}`].filter(Boolean).join(' ')))
      .join('');
    lines.push(...wrap(`wording: ${text}`, '    '));
    if (typeof d.variantNote === 'string' && d.knownVariant !== true) lines.push(...wrap(`recorded variant note: ${d.variantNote}`, '    '));
  }
  if (f.code === 'FM004' && Array.isArray(d.reasons)) {
    // the message names the top three reasons; the rest, and what lowered the score, below it
    const reasons = (d.reasons as unknown[]).filter((r): r is string => typeof r === 'string');
    const more = reasons.filter((r) => !r.startsWith('but ')).slice(3);
    const lowered = reasons.filter((r) => r.startsWith('but ')).map((r) => r.slice(4));
    if (more.length) lines.push(...wrap(`also: ${more.join('; ')}`, '    '));
    if (lowered.length) lines.push(...wrap(`lowered because: ${lowered.join('; ')}`, '    '));
  }
  if (typeof d.explanation === 'string' && d.explanation && !f.message.includes(d.explanation)) lines.push(...wrap(`explanation: ${d.explanation}`, '    '));
  return lines;
}
