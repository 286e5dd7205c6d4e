// `factmark check`: the editor's findings for files on disk, as text, JSON or SARIF 2.1.0.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../engine/analyze';
import { checkAnchors, checkSource } from '../engine/annotations/check';
import type { CheckOptions, LoadedAnnotations, SourceInput } from '../engine/annotations/api';
import type { Finding, FindingCode, Severity } from '../engine/types';
import { listedSources, loadAnnotationsFromDisk } from './annotations';
import { DEFAULT_ANNOTATION_GLOBS, findAnnotationFiles, findSourceFiles, InputError, lineColMapper, matchesAny, readSource, readText } from './files';
import { SEVERITY_RANK } from './rules';
import { crossSourceChecks } from './compareCheck';
import { toSarif, type ReportedFile } from './sarif';

export const CHECK_HELP = `Usage: factmark check [PATHS...] [options]

Checks source files against the annotations YAML with the same engine as the editor: refuted and
disputed claims, claims lacking evidence, unsupported check-worthy sentences, quote wording and
speaker, entity spellings, and problems in the annotations file itself (syntax, schema, unknown
references, orphaned or ambiguous annotations).

PATHS are source files or folders (expanded to .txt, .md, .markdown, .news, .newstext files).
Annotations files (annotations.yaml, *.annotations.yaml) are found in the given folders and below,
else in the nearest folder above; an annotations file given as a PATH is used as such. Without PATHS,
the sources listed in the annotations files found from the current folder are checked.

Options:
  --annotations FILE    Use this annotations file (repeatable) instead of discovering them.
  --format text|json|sarif
                        text (default): path:line:col: severity CODE rule: message
                        json: {"files":[{"path","findings":[...]}],"summary":{...}}
                        sarif: SARIF 2.1.0 for code-scanning upload (columns in UTF-16 units).
  --fail-on error|warning|info|none
                        Exit with code 1 when a finding has at least this severity (default: error).
  --threshold N         Check-worthiness threshold 0..1 for FM004 unsupported-claim.
  --severity CODE=LEVEL Override a code's severity: error, warning, info, hint or off (repeatable),
                        e.g. --severity FM004=off.
  --docs-url URL        SARIF: link each rule to URL#fm001 etc. (e.g. where your team hosts the
                        Factmark README); without it, rules carry their help text only.
  -h, --help            Show this help.

Exit codes: 0 no finding reached --fail-on; 1 one did; 2 bad input (unknown option, missing file,
annotations file that cannot be read or parsed — reported as path:line:col on stderr).
`;

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

function isMarkdown(p: string): boolean {
  return /\.(md|markdown|mdown|mkd)$/i.test(p);
}

/** A path for display/SARIF: relative to the working directory with forward slashes when inside it. */
function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The annotations file in scope for a source (same rule as the language server). */
function annotationsFor(source: string, all: LoadedAnnotations[]): LoadedAnnotations | null {
  const listing = all.find((a) => listedSources(a).includes(source));
  if (listing) return listing;
  let best: LoadedAnnotations | null = null;
  for (const a of all) {
    const dir = path.dirname(a.path);
    if (isInside(dir, source) && (!best || path.dirname(best.path).length < dir.length)) best = a;
  }
  if (best) return best;
  return all.length === 1 ? all[0] : null;
}

export interface CheckResult {
  files: ReportedFile[];
  annotations: string[];
}

export function runCheck(argv: string[], out: Out): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      annotations: { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      threshold: { type: 'string' },
      severity: { type: 'string', multiple: true },
      'docs-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out.stdout(CHECK_HELP);
    return 0;
  }
  const format = values.format as string;
  if (!['text', 'json', 'sarif'].includes(format)) throw usage(`--format must be text, json or sarif (got "${format}")`);
  const failOn = values['fail-on'] as string;
  if (!['error', 'warning', 'info', 'hint', 'none'].includes(failOn)) throw usage(`--fail-on must be error, warning, info or none (got "${failOn}")`);
  const opts: CheckOptions = {};
  if (values.threshold !== undefined) {
    const n = Number(values.threshold);
    if (!Number.isFinite(n) || n < 0 || n > 1 || values.threshold.trim() === '') throw usage(`--threshold must be a number from 0 to 1 (got "${values.threshold}")`);
    opts.claimThreshold = n;
  }
  const severities: Partial<Record<FindingCode, Severity | 'off'>> = {};
  for (const s of values.severity ?? []) {
    const m = /^(FM\d{3})=(\w+)$/i.exec(s.trim());
    if (!m || !SEVERITIES.includes(m[2].toLowerCase())) throw usage(`--severity expects CODE=LEVEL with LEVEL one of ${SEVERITIES.join(', ')} (got "${s}")`);
    severities[m[1].toUpperCase() as FindingCode] = m[2].toLowerCase() as Severity | 'off';
  }
  if (Object.keys(severities).length) opts.severities = severities;

  const docsUrl = values['docs-url'] as string | undefined;
  if (docsUrl !== undefined && !/^https?:\/\/\S+$/.test(docsUrl)) throw usage(`--docs-url must be an http(s) URL (got "${docsUrl}")`);

  const cwd = process.cwd();
  const result = check(positionals, values.annotations ?? [], opts, cwd, out);
  if (typeof result === 'number') return result;

  // Output
  const all = result.files.flatMap((f) => f.findings);
  if (format === 'json') {
    out.stdout(JSON.stringify(toJson(result), null, 2) + '\n');
  } else if (format === 'sarif') {
    out.stdout(JSON.stringify(toSarif(result.files, cwd, docsUrl), null, 2) + '\n');
  } else {
    out.stdout(toText(result));
  }
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn as Severity];
  return all.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

function usage(message: string): Error {
  const e = new Error(message);
  (e as Error & { code: string }).code = 'ERR_PARSE_ARGS_FACTMARK';
  return e;
}

/** Runs the checks. Returns an exit code (2) after reporting on stderr when the input is bad. */
export function check(paths: string[], annotationArgs: string[], opts: CheckOptions, cwd: string, out: Out): CheckResult | number {
  // Annotations given as PATHS are used as annotations files.
  const globs = DEFAULT_ANNOTATION_GLOBS;
  const yamlPaths = paths.filter((p) => /\.ya?ml$/i.test(p) && matchesAny(path.basename(p), globs));
  const sourcePaths = paths.filter((p) => !yamlPaths.includes(p));
  const explicit = [...annotationArgs, ...yamlPaths];
  let annotationFiles: string[];
  if (explicit.length) {
    annotationFiles = explicit.map((p) => path.resolve(cwd, p));
  } else {
    annotationFiles = findAnnotationFiles(sourcePaths.length ? sourcePaths.map((p) => path.resolve(cwd, p)) : [cwd], globs);
  }

  // Load (a file that cannot be read or parsed is bad input: exit 2 with its positions).
  const loaded: LoadedAnnotations[] = [];
  let bad = false;
  for (const file of [...new Set(annotationFiles)]) {
    let ann: LoadedAnnotations;
    try {
      ann = loadAnnotationsFromDisk(file);
    } catch (e) {
      out.stderr(`factmark: ${displayPath(file, cwd)}: ${e instanceof InputError ? e.message.replace(/^.*?: /, '') : (e as Error).message}\n`);
      bad = true;
      continue;
    }
    if (!ann.model) {
      const pos = lineColMapper(ann.text);
      const problems = ann.problems.length ? ann.problems : [{ start: 0, severity: 'error', code: 'FM100', rule: 'annotations-syntax', message: 'The annotations file could not be parsed.' } as Finding];
      for (const p of problems) {
        const { line, col } = pos(p.start);
        out.stderr(`${displayPath(ann.path, cwd)}:${line}:${col}: ${p.severity} ${p.code} ${p.rule}: ${p.message}\n`);
      }
      out.stderr(`factmark: ${displayPath(ann.path, cwd)}: invalid annotations file (fix the problems above)\n`);
      bad = true;
      continue;
    }
    loaded.push(ann);
  }
  if (bad) return 2;

  // Sources
  let sources: { path: string; abs: string; fromFolder?: boolean }[];
  if (sourcePaths.length) {
    sources = findSourceFiles(sourcePaths.map((p) => p)).map((s) => ({ ...s, abs: path.resolve(cwd, s.path) }));
  } else {
    const seen = new Set<string>();
    sources = [];
    for (const ann of loaded) {
      for (const abs of listedSources(ann)) {
        if (seen.has(abs)) continue;
        seen.add(abs);
        try {
          readText(abs);
        } catch {
          continue; // a missing listed source is FM103 in the YAML
        }
        sources.push({ path: displayPath(abs, cwd), abs });
      }
    }
    if (!loaded.length && !paths.length) {
      out.stderr('factmark: no annotations file found here or above (annotations.yaml, *.annotations.yaml); pass PATHS or --annotations FILE\n');
      return 2;
    }
  }

  const inputs: SourceInput[] = [];
  const files: ReportedFile[] = [];
  for (const s of sources) {
    const text = readSource(s, out.stderr);
    if (text === null) continue;
    inputs.push({ path: s.abs, text, analysis: analyze(text, { markdown: isMarkdown(s.abs) }) });
  }
  // Compare the checked sources with each other (FM010/FM011, corroboration of FM004).
  const comparison = crossSourceChecks(inputs, loaded, opts);
  for (const input of inputs) {
    const ann = annotationsFor(input.path, loaded);
    const findings = applySeverities([...checkSource(input, ann ? [ann] : [], comparison.optionsFor(input.path)), ...comparison.findingsFor(input.path)], opts);
    findings.sort((a, b) => a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    files.push({ path: displayPath(input.path, cwd), abs: input.path, text: input.text, findings: dedupe(findings) });
  }
  for (const ann of loaded) {
    const listed = new Set(listedSources(ann));
    const own: SourceInput[] = [];
    for (const abs of listed) {
      const already = inputs.find((i) => i.path === abs);
      if (already) {
        own.push(already);
        continue;
      }
      let text: string;
      try {
        text = readText(abs);
      } catch {
        continue;
      }
      own.push({ path: abs, text, analysis: analyze(text, { markdown: isMarkdown(abs) }) });
    }
    const findings = applySeverities([...ann.problems, ...checkAnchors(ann, own, opts)], opts);
    files.push({ path: displayPath(ann.path, cwd), abs: ann.path, text: ann.text, findings: dedupe(findings) });
  }
  return { files, annotations: loaded.map((a) => displayPath(a.path, cwd)) };
}

function applySeverities(findings: Finding[], opts: CheckOptions): Finding[] {
  const overrides = opts.severities ?? {};
  const outList: Finding[] = [];
  for (const f of findings) {
    const o = overrides[f.code];
    if (o === 'off') continue;
    outList.push(o ? { ...f, severity: o } : f);
  }
  return outList;
}

function dedupe(findings: Finding[]): Finding[] {
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

function summary(result: CheckResult): Record<Severity, number> & { files: number } {
  const s = { error: 0, warning: 0, info: 0, hint: 0, files: result.files.length };
  for (const f of result.files) for (const x of f.findings) s[x.severity]++;
  return s;
}

function toJson(result: CheckResult) {
  return {
    annotations: result.annotations,
    files: result.files.map((f) => {
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
    }),
    summary: summary(result),
  };
}

function toText(result: CheckResult): string {
  const lines: string[] = [];
  for (const f of result.files) {
    const pos = lineColMapper(f.text);
    for (const x of f.findings) {
      const { line, col } = pos(x.start);
      lines.push(`${f.path}:${line}:${col}: ${x.severity} ${x.code} ${x.rule}: ${x.message}`);
    }
  }
  const s = summary(result);
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((k) => s[k]).map((k) => `${s[k]} ${k}${s[k] === 1 ? '' : k === 'info' ? '' : 's'}`);
  const checked = result.files.length - result.annotations.length;
  lines.push(
    `${parts.length ? parts.join(', ') : 'no findings'}; ${checked} source${checked === 1 ? '' : 's'} checked` +
      (result.annotations.length ? ` against ${result.annotations.join(', ')}` : ' (no annotations file: only unsupported claims are reported)'),
  );
  return lines.join('\n') + '\n';
}
