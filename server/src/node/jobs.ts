// The per-file work of `analyze` and `check`, the same in-process and in a pool worker: read one
// file, analyse (and check) it, and serialise its part of the output. Only strings (and, for the few
// sources an annotations file lists, their analysis) travel back to the main thread.
import * as fs from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyze } from '../engine/analyze';
import type { CheckOptions, LoadedAnnotations, SourceInput } from '../engine/annotations/api';
import { analysisToJson, analysisToText } from './analyzeFormat';
import { loadAnnotationsFromDisk } from './annotations';
import { annotationsResolver, checkOneSource, type CrossSource, countSeverities, fileToJson, fileToText, isMarkdown, type SeverityCounts } from './checkFile';
import { readSource, type SourceFile } from './files';
import { element, layout, lateValue, STREAMED_ARRAY, type JsonLayout } from './jsonStream';
import { cores, mapOrdered, serveWorker, WORKER_MARK, type WorkerBoot } from './pool';
import { knownRules, sarifLog, sarifResults } from './sarif';
import type { Shard } from './shard';

export type AnalyzeFormat = 'json' | 'text';
export type CheckFormat = 'text' | 'json' | 'sarif';

export interface AnalyzeSpec {
  command: 'analyze';
  format: AnalyzeFormat;
}

export interface CheckSpec {
  command: 'check';
  format: CheckFormat;
  cwd: string;
  annotationFiles: string[];
  opts: CheckOptions;
  docsUrl?: string;
  /** Where annotations files may read sources (null: anywhere, --allow-outside). */
  boundary?: { root: string } | null;
  /** text: one line per finding, without the detail lines (--brief). */
  brief?: boolean;
}

export type JobSpec = AnalyzeSpec | CheckSpec;

export interface FileTask extends SourceFile {
  /** analyze: the reference date (UTC ms) relative dates resolve against. */
  published?: number;
  /** check: path shown in the output. */
  shown?: string;
  /** check: an annotations file lists this source; send its analysis back for the anchoring checks. */
  keep?: boolean;
}

export interface FileResult {
  /** Serialised output pieces (JSON array elements, or text); null when the file was skipped. */
  items: string[] | null;
  /** A note for stderr (a skipped binary file). */
  warn?: string;
  counts?: SeverityCounts;
  kept?: SourceInput;
}

// Layouts: the documents' skeletons, with the streamed array as a placeholder.

export function analyzeJsonTemplate(shard?: Shard) {
  return { files: STREAMED_ARRAY, ...(shard ? { shard } : {}) };
}

export function checkJsonTemplate(annotations: string[], shard?: Shard) {
  return { annotations, files: STREAMED_ARRAY, summary: lateValue('summary'), ...(shard ? { shard } : {}) };
}

export function sarifTemplate(cwd: string, docsUrl: string | undefined, shard?: Shard) {
  return sarifLog(knownRules(), cwd, docsUrl, STREAMED_ARRAY, shard ? { factmarkShard: shard } : undefined);
}

export function specLayout(spec: JobSpec): JsonLayout | null {
  if (spec.command === 'analyze') return spec.format === 'json' ? layout(analyzeJsonTemplate(), 0) : null;
  if (spec.format === 'json') return layout(checkJsonTemplate([]), 2);
  if (spec.format === 'sarif') return layout(sarifTemplate(spec.cwd, spec.docsUrl), 2);
  return null;
}

/** The function that processes one file for `spec` (`loaded`: the annotations, when already parsed). */
export function fileProcessor(spec: JobSpec, loaded?: LoadedAnnotations[], cross?: CrossSource): (task: FileTask) => FileResult {
  const l = specLayout(spec);
  if (spec.command === 'analyze') {
    return (task) => {
      let warn: string | undefined;
      const text = readSource(task, (m) => (warn = (warn ?? '') + m));
      if (text === null) return { items: null, warn };
      const analysis = analyze(text, { markdown: isMarkdown(task.path) });
      const item = spec.format === 'json' ? element(analysisToJson(task.path, analysis, text, task.published), l!) : analysisToText(task.path, text, analysis);
      return { items: [item], ...(warn ? { warn } : {}) };
    };
  }
  const anns = loaded ?? spec.annotationFiles.map((f) => loadAnnotationsFromDisk(f, spec.boundary)).filter((a) => a.model);
  const annotationsOf = annotationsResolver(anns);
  const rules = knownRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  return (task) => {
    let warn: string | undefined;
    const text = readSource(task, (m) => (warn = (warn ?? '') + m));
    if (text === null) return { items: null, warn };
    const { file, input } = checkOneSource(task.abs, task.shown ?? task.path, text, annotationsOf, spec.opts, cross);
    const items =
      spec.format === 'json' ? [element(fileToJson(file), l!)] : spec.format === 'sarif' ? sarifResults(file, ruleIndex).map((r) => element(r, l!)) : [fileToText(file, !spec.brief)];
    return { items, counts: countSeverities(file.findings), ...(task.keep ? { kept: input } : {}), ...(warn ? { warn } : {}) };
  };
}

// ---------------------------------------------------------------------------------------------
// Running the files: in-process or on the worker pool.


let workerScript: string | undefined;

/** The module the pool's workers run (the CLI entry point, which calls `serveIfWorker`). */
export function setWorkerScript(file: string): void {
  workerScript = file;
}

/** In a pool worker: start answering tasks and return true. */
export function serveIfWorker(): boolean {
  const boot = workerData as WorkerBoot<JobSpec> | undefined;
  if (isMainThread || !parentPort || !boot || boot.mark !== WORKER_MARK) return false;
  serveWorker(parentPort, fileProcessor(boot.spec));
  return true;
}

/** Below this much text in total, starting worker threads costs more than it saves. */
export const POOL_MIN_BYTES = 512 * 1024;

/** How many workers to use: `requested` (--jobs) when given, else all cores when there is enough text. */
export function chooseJobs(requested: number | undefined, tasks: readonly FileTask[]): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, tasks.length));
  const n = cores();
  if (n < 2 || tasks.length < 2 || !workerScript) return 1;
  let bytes = 0;
  for (const t of tasks) {
    try {
      bytes += fs.statSync(t.abs).size;
    } catch {
      // reported when the file is read
    }
    if (bytes >= POOL_MIN_BYTES) return Math.min(n, tasks.length);
  }
  return 1;
}

/** Processes `tasks` with `jobs` workers (1: in-process) and calls `each` in task order. */
export async function runFiles(
  spec: JobSpec,
  tasks: readonly FileTask[],
  jobs: number,
  loaded: LoadedAnnotations[] | undefined,
  each: (result: FileResult, task: FileTask) => void,
  cross?: CrossSource,
): Promise<void> {
  if (cross || jobs <= 1 || !workerScript || tasks.length < 2) {
    const run = fileProcessor(spec, loaded, cross);
    for (const t of tasks) each(run(t), t);
    return;
  }
  await mapOrdered<FileTask, FileResult, JobSpec>(workerScript, spec, tasks, jobs, (r, i) => each(r, tasks[i]));
}

/**
 * Files named on the command line (not found in a folder) that are bad input fail the whole run
 * before any output is written, as when the output was written at the end.
 */
export function precheckNamed(tasks: readonly FileTask[]): void {
  for (const t of tasks) if (!t.fromFolder) readSource(t, () => undefined);
}

/** Buffers output into ~64 KB writes. */
export function bufferedWriter(write: (s: string) => void, limit = 1 << 16): { write: (s: string) => void; flush: () => void } {
  let buf = '';
  return {
    write: (s) => {
      buf += s;
      if (buf.length >= limit) {
        write(buf);
        buf = '';
      }
    },
    flush: () => {
      if (buf) write(buf);
      buf = '';
    },
  };
}
