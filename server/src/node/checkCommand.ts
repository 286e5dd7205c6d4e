// `factmark check`: the editor's findings for files on disk, as text, JSON or SARIF 2.1.0.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandArgs } from './args';
import { analyze } from '../engine/analyze';
import { checkAnchors } from '../engine/annotations/check';
import type { CheckOptions, LoadedAnnotations, SourceInput } from '../engine/annotations/api';
import type { Finding, FindingCode, Severity } from '../engine/types';
import { listedSources, loadAnnotationsFromDisk } from './annotations';
import { annotationsResolver, applySeverities, checkOneSource, countSeverities, dedupe, displayPath, fileToJson, fileToText, isMarkdown, type CrossSource, type SeverityCounts } from './checkFile';
import { DEFAULT_ANNOTATION_GLOBS, findAnnotationFiles, findSourceFiles, InputError, lineColMapper, matchesAny, readSource, readText } from './files';
import { bufferedWriter, checkJsonTemplate, chooseJobs, precheckNamed, runFiles, sarifTemplate, specLayout, type CheckFormat, type CheckSpec, type FileTask } from './jobs';
import { parseJobs, scaleOptionsHelp } from './jobsOption';
import { element, JsonStreamWriter, layout } from './jsonStream';
import { SEVERITY_RANK } from './rules';
import { crossSourceChecks } from './compareCheck';
import { outletsOnly } from './compareCommand';
import { knownRules, sarifResults, type ReportedFile } from './sarif';
import { isLastShard, parseShard, shardSlice, type Shard } from './shard';

export const CHECK_USAGE = 'factmark check [PATHS...] [--annotations FILE] [--format text|json|sarif] [--fail-on LEVEL] [--threshold N] [--severity CODE=LEVEL] [--docs-url URL] [--brief]';

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
                        text (default): path:line:col: severity CODE rule: message, then
                        indented detail lines: the word diff of a quote ([-left out-] {+added+})
                        and the claim's full explanation, wrapped
                        json: {"files":[{"path","findings":[...]}],"summary":{...}}
                        sarif: SARIF 2.1.0 for code-scanning upload (columns in UTF-16 units).
  --fail-on error|warning|info|none
                        Exit with code 1 when a finding has at least this severity (default: error).
  --threshold N         Check-worthiness threshold 0..1 for FM004 unsupported-claim.
  --severity CODE=LEVEL Override a code's severity: error, warning, info, hint or off (repeatable),
                        e.g. --severity FM004=off.
  --docs-url URL        SARIF: link each rule to URL#fm001 etc. (e.g. where your team hosts the
                        Factmark README); without it, rules carry their help text only.
  --root DIR            Annotations files may read sources only inside DIR (default: the current
                        folder; an annotations file outside it reads only inside its own folder).
  --allow-outside       Let annotations files read sources anywhere (only for files you trust: a
                        pull request could otherwise make CI print files from the machine).
  --brief               Text: one line per finding, without the detail lines.
${scaleOptionsHelp(24)}  -h, --help            Show this help.

Exit codes: 0 no finding reached --fail-on; 1 one did; 2 bad input (unknown option, missing file,
annotations file that cannot be read or parsed — reported as path:line:col on stderr).
`;

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

export interface CheckResult {
  files: ReportedFile[];
  annotations: string[];
}

export async function runCheck(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', CHECK_USAGE, argv, {
      annotations: { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      threshold: { type: 'string' },
      severity: { type: 'string', multiple: true },
      'docs-url': { type: 'string' },
      root: { type: 'string' },
      'allow-outside': { type: 'boolean' },
      shard: { type: 'string' },
      jobs: { type: 'string' },
      brief: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
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

  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') throw usage(shard);
  const jobs = parseJobs(values.jobs);
  if (typeof jobs === 'string') throw usage(jobs);
  const cwd = process.cwd();
  if (values.root !== undefined && !fs.existsSync(values.root)) throw usage(`--root ${values.root}: no such folder`);
  const boundary = values['allow-outside'] ? null : { root: path.resolve(cwd, (values.root as string | undefined) ?? '.') };
  const plan = planCheck(positionals, values.annotations ?? [], cwd, out, shard, boundary);
  if (typeof plan === 'number') return plan;
  precheckNamed(plan.tasks);

  // Output, file by file.
  const spec: CheckSpec = { command: 'check', format: format as CheckFormat, cwd, annotationFiles: plan.loaded.map((a) => a.path), opts, docsUrl, boundary, brief: !!values.brief };
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  const annotations = plan.loaded.map((a) => displayPath(a.path, cwd));
  const w = bufferedWriter(out.stdout);
  let files = 0;
  let sources = 0;
  let emit: (items: string[]) => void;
  let finish: () => void;
  if (format === 'text') {
    emit = (items) => items.forEach(w.write);
    finish = () => w.write(textSummary(counts, sources, annotations));
  } else {
    const json = new JsonStreamWriter(
      format === 'json' ? layout(checkJsonTemplate(annotations, shard), 2) : layout(sarifTemplate(cwd, docsUrl, shard), 2),
      w.write,
    );
    json.begin();
    emit = (items) => items.forEach((i) => json.add(i));
    finish = () => json.end(format === 'json' ? { summary: { ...counts, files } } : {});
  }
  try {
    const kept = new Map<string, SourceInput>();
    const cross = crossSource(plan, opts, out);
    await runFiles(spec, plan.tasks, chooseJobs(jobs, plan.tasks), plan.loaded, (r) => {
      if (r.warn) out.stderr(r.warn);
      if (!r.items) return;
      files++;
      sources++;
      if (r.counts) for (const k of ['error', 'warning', 'info', 'hint'] as const) counts[k] += r.counts[k];
      if (r.kept) kept.set(r.kept.path, r.kept);
      emit(r.items);
    }, cross);
    // The annotations files themselves (their problems, orphaned and ambiguous annotations): last.
    if (isLastShard(shard)) {
      for (const ann of plan.loaded) {
        const file = anchorsReport(ann, kept, opts, cwd);
        files++;
        countSeverities(file.findings, counts);
        emit(format === 'json' ? [element(fileToJson(file), specLayout(spec)!)] : format === 'sarif' ? sarifResults(file, sarifRuleIndex()).map((x) => element(x, specLayout(spec)!)) : [fileToText(file, !values.brief)]);
      }
    }
    finish();
  } finally {
    w.flush();
  }
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn as Severity];
  return (Object.keys(counts) as Severity[]).some((k) => counts[k] > 0 && SEVERITY_RANK[k] >= threshold) ? 1 : 0;
}

function sarifRuleIndex(): Map<string, number> {
  return new Map(knownRules().map((r, i) => [r.id, i]));
}

/** Findings of one annotations file: its own problems and its anchoring in the sources it lists. */
function anchorsReport(ann: LoadedAnnotations, kept: ReadonlyMap<string, SourceInput>, opts: CheckOptions, cwd: string): ReportedFile {
  const own: SourceInput[] = [];
  for (const abs of new Set(listedSources(ann))) {
    const already = kept.get(abs);
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
  return { path: displayPath(ann.path, cwd), abs: ann.path, text: ann.text, findings: dedupe(findings) };
}

/** Check's last text line: the counts and what was checked against what. */
function textSummary(s: SeverityCounts, checked: number, annotations: string[]): string {
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((k) => s[k]).map((k) => `${s[k]} ${k}${s[k] === 1 ? '' : k === 'info' ? '' : 's'}`);
  return (
    `${parts.length ? parts.join(', ') : 'no findings'}; ${checked} source${checked === 1 ? '' : 's'} checked` +
    (annotations.length ? ` against ${annotations.join(', ')}` : ' (no annotations file: only unsupported claims are reported)') +
    '\n'
  );
}

/** Runs the checks in memory (for callers that want the whole result). */
export async function check(
  paths: string[],
  annotationArgs: string[],
  opts: CheckOptions,
  cwd: string,
  out: Out,
  boundary: { root: string } | null = { root: cwd },
): Promise<CheckResult | number> {
  const plan = planCheck(paths, annotationArgs, cwd, out, undefined, boundary);
  if (typeof plan === 'number') return plan;
  const annotationsOf = annotationsResolver(plan.loaded);
  const files: ReportedFile[] = [];
  const kept = new Map<string, SourceInput>();
  const cross = crossSource(plan, opts, out);
  for (const t of plan.tasks) {
    const text = readSource(t, out.stderr);
    if (text === null) continue;
    const { file, input } = checkOneSource(t.abs, t.shown ?? t.path, text, annotationsOf, opts, cross);
    if (t.keep) kept.set(t.abs, input);
    files.push(file);
  }
  for (const ann of plan.loaded) files.push(anchorsReport(ann, kept, opts, cwd));
  return { files, annotations: plan.loaded.map((a) => displayPath(a.path, cwd)) };
}

function usage(message: string): Error {
  const e = new Error(message);
  (e as Error & { code: string }).code = 'ERR_PARSE_ARGS_FACTMARK';
  return e;
}

interface CheckPlan {
  loaded: LoadedAnnotations[];
  tasks: FileTask[];
  /** Every source of the run, before --shard took its part (the cross-source comparison reads them all). */
  all: FileTask[];
}

/** Up to this many sources in one run are compared with each other (FM010/FM011, corroboration);
 *  an archive larger than that is one event no more, and comparing it would cost memory per source. */
export const COMPARE_MAX_SOURCES = 500;

/** The sources of the run compared with each other, or undefined (fewer than 2, or too many). */
function crossSource(plan: CheckPlan, opts: CheckOptions, out: Out): CrossSource | undefined {
  if (plan.all.length < 2) return undefined;
  if (plan.all.length > COMPARE_MAX_SOURCES) {
    out.stderr(`factmark: note: ${plan.all.length} sources: not compared with each other (FM010/FM011, corroboration) above ${COMPARE_MAX_SOURCES}; run factmark compare on one event's folder\n`);
    return undefined;
  }
  const inputs: SourceInput[] = [];
  for (const t of outletsOnly(plan.all, plan.loaded)) {
    let text: string | null;
    try {
      text = readSource(t, () => undefined); // notes and errors are reported when the file is checked
    } catch {
      continue;
    }
    if (text !== null) inputs.push({ path: t.abs, text, analysis: analyze(text, { markdown: isMarkdown(t.abs) }) });
  }
  return crossSourceChecks(inputs, plan.loaded, opts);
}

/** Loads the annotations and lists the sources to check. Returns an exit code (2) after reporting on stderr when the input is bad. */
function planCheck(paths: string[], annotationArgs: string[], cwd: string, out: Out, shard?: Shard, boundary: { root: string } | null = { root: cwd }): CheckPlan | number {
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
      ann = loadAnnotationsFromDisk(file, boundary);
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

  const listed = new Set(loaded.flatMap((a) => listedSources(a)));
  const tasks: FileTask[] = shardSlice(sources, shard).map((s) => ({
    path: s.path,
    abs: s.abs,
    ...(s.fromFolder ? { fromFolder: true } : {}),
    shown: displayPath(s.abs, cwd),
    ...(listed.has(s.abs) ? { keep: true } : {}),
  }));
  const all: FileTask[] = shard ? sources.map((s) => ({ path: s.path, abs: s.abs, ...(s.fromFolder ? { fromFolder: true } : {}) })) : tasks;
  return { loaded, tasks, all };
}
