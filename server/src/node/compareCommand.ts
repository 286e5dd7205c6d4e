// `factmark compare`: quotes aligned across outlets, names clustered across outlets, figures that
// disagree — the engine's compareSources() over files on disk, as JSON or text.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../engine/analyze';
import { compareSources, type CompareAnnotations, type CompareResult, type CompareSource } from '../engine/compare';
import type { LoadedAnnotations } from '../engine/annotations/api';
import { listedSources, loadAnnotationsFromDisk } from './annotations';
import { DEFAULT_ANNOTATION_GLOBS, findAnnotationFiles, findSourceFiles, lineColMapper, matchesAny, readSource } from './files';

export const COMPARE_HELP = `Usage: factmark compare [PATHS...] [--format json|text] [--annotations FILE]

Compares the sources with each other, without annotating first: the same quote in several outlets
(aligned by speaker and wording, with a word diff against the wording of record), spelling variants
of one name across outlets, and figures that disagree (the same quantity — matched by what is
counted, not by the number — with different values or qualifiers), or that one outlet alone reports.

PATHS are source files or folders (expanded to .txt, .md, .markdown, .news, .newstext files). When
an annotations file is found (as for "factmark check"), its canonical quote wordings, entity names,
outlets and publication dates are used; it is not required.

Options:
  --format json|text   json: {"sources":[...],"quotes":[{"speaker","wordings":[{"path","start","end","text",...}],...}],
                              "entities":[{"canonical","spellings":[{"text","path","count",...}],...}],
                              "figures":[{"what","values":[{"text","value","unit","path","start","end",...}],...}]}
                       (start/end: UTF-16 offsets, end exclusive). Default: text.
  --annotations FILE   Use this annotations file (repeatable) instead of discovering one.
  -h, --help           Show this help.
`;

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

function usage(message: string): Error {
  const e = new Error(message);
  (e as Error & { code: string }).code = 'ERR_PARSE_ARGS_FACTMARK';
  return e;
}

export function runCompare(argv: string[], out: Out): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string', default: 'text' }, annotations: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    out.stdout(COMPARE_HELP);
    return 0;
  }
  const format = values.format as string;
  if (format !== 'json' && format !== 'text') throw usage(`--format must be json or text (got "${format}")`);
  const paths = positionals.filter((p) => !(/\.ya?ml$/i.test(p) && matchesAny(path.basename(p), DEFAULT_ANNOTATION_GLOBS)));
  const yamlArgs = [...(values.annotations ?? []), ...positionals.filter((p) => !paths.includes(p))];
  if (!paths.length) throw usage('compare needs at least one source FILE or folder');
  let files = findSourceFiles(paths);

  const annFiles = yamlArgs.length ? yamlArgs.map((p) => path.resolve(p)) : findAnnotationFiles(paths.map((p) => path.resolve(p)), DEFAULT_ANNOTATION_GLOBS);
  const loaded: LoadedAnnotations[] = [];
  for (const f of [...new Set(annFiles)]) {
    const a = loadAnnotationsFromDisk(f);
    if (a.model) loaded.push(a);
    else {
      const p = a.problems[0];
      const lc = p ? lineColMapper(a.text)(p.start) : { line: 1, col: 1 };
      out.stderr(`factmark: ${f}:${lc.line}:${lc.col}: annotations not used (${p?.message ?? 'cannot be parsed'})\n`);
    }
  }

  files = outletsOnly(files, loaded, out);
  const sources: CompareSource[] = [];
  const byAbs = new Map<string, string>();
  for (const f of files) {
    const text = readSource(f, out.stderr);
    if (text === null) continue;
    const meta = sourceMeta(loaded, f.abs);
    sources.push({ path: f.path, text, analysis: analyze(text, { markdown: /\.(md|markdown|mdown|mkd)$/i.test(f.path) }), ...meta });
    byAbs.set(f.abs, f.path);
  }
  const result = compareSources(sources, annotationsForCompare(loaded, byAbs));
  out.stdout(format === 'json' ? JSON.stringify(comparisonToJson(result)) + '\n' : comparisonToText(result));
  return 0;
}

/**
 * The outlets compared: when the annotations list some of the files as sources, only those — a
 * writer's draft (a file the annotations do not list) is checked against the claims, not compared
 * as one more outlet. Without such a list, every file is a source.
 */
export function outletsOnly<T extends { path: string; abs: string }>(files: T[], loaded: LoadedAnnotations[], out?: { stderr: (s: string) => void }): T[] {
  const listed = new Set(loaded.flatMap((a) => listedSources(a)));
  if (!files.some((f) => listed.has(f.abs))) return files;
  const drafts = files.filter((f) => !listed.has(f.abs));
  if (drafts.length && out) {
    const names = drafts.slice(0, 3).map((f) => f.path).join(', ') + (drafts.length > 3 ? ` and ${drafts.length - 3} more` : '');
    out.stderr(`factmark: note: not compared as outlets (not listed in the annotations' sources): ${names}\n`);
  }
  return files.filter((f) => listed.has(f.abs));
}

export function sourceMeta(loaded: LoadedAnnotations[], abs: string): { outlet?: string; published?: string } {
  for (const a of loaded) {
    const dir = path.dirname(a.path);
    const s = a.model!.sources.find((x) => x.file && path.resolve(dir, x.file) === abs);
    if (s) return { ...(s.outlet ? { outlet: s.outlet } : {}), ...(s.published ? { published: s.published } : {}) };
  }
  return {};
}

/** Entity names and canonical quote wordings of the annotations, with source paths as displayed. */
export function annotationsForCompare(loaded: LoadedAnnotations[], displayOfAbs: Map<string, string>): CompareAnnotations {
  const out: CompareAnnotations = { entities: [], quotes: [] };
  for (const a of loaded) {
    const m = a.model!;
    const dir = path.dirname(a.path);
    for (const e of m.entities) out.entities!.push({ id: e.id, name: e.name, type: e.type, aliases: e.aliases });
    for (const q of m.quotes) {
      const src = q.source ? m.sources.find((s) => s.id === q.source) : undefined;
      const abs = src?.file ? path.resolve(dir, src.file) : undefined;
      const speakerName = m.entities.find((e) => e.id === q.speaker)?.name;
      out.quotes!.push({ id: q.id, text: q.text, speaker: q.speaker, ...(speakerName ? { speakerName } : {}), ...(abs && displayOfAbs.has(abs) ? { sourcePath: displayOfAbs.get(abs) } : {}) });
    }
  }
  return out;
}

/** The stable JSON form (keys of the contract first, extra fields after). */
export function comparisonToJson(r: CompareResult) {
  return {
    quotes: r.quotes.map((q) => ({
      speaker: q.speaker,
      wordings: q.wordings.map((w) => ({ path: w.path, start: w.start, end: w.end, text: w.text, speaker: w.speaker, fragment: w.fragment, similarity: w.similarity, diff: w.diff })),
      id: q.id,
      sources: q.sources,
      speakerDiffers: q.speakerDiffers,
      record: q.record,
    })),
    entities: r.entities.map((e) => ({
      canonical: e.canonical,
      spellings: e.spellings.map((s) => ({ text: s.text, path: s.path, count: s.count, start: s.start, end: s.end })),
      id: e.id,
      type: e.type,
      canonicalBasis: e.canonicalBasis,
      ...(e.annotatedId ? { annotatedId: e.annotatedId } : {}),
      distinct: e.distinct,
      sources: e.sources,
      mentions: e.mentions,
    })),
    figures: r.figures.map((f) => ({
      what: f.what,
      values: f.values.map((v) => ({ text: v.text, value: v.value, unit: v.unit, path: v.path, start: v.start, end: v.end, qualifier: v.qualifier, sentence: v.sentence })),
      id: f.id,
      key: f.key,
      sources: f.sources,
      differs: f.differs,
      singleSource: f.singleSource,
    })),
    sources: r.sources,
  };
}

function diffText(d: Array<['=' | '+' | '-', string]>): string {
  return d.map(([op, t]) => (op === '=' ? t : op === '+' ? `{+${t.trim()}+}` : `[-${t.trim()}-]`)).join('');
}

export function comparisonToText(r: CompareResult): string {
  const lines: string[] = [];
  const n = r.sources.length;
  lines.push(`Compared ${n} source${n === 1 ? '' : 's'}.`, '');
  const multi = r.entities.filter((e) => e.distinct.length > 1);
  lines.push(`Names spelled several ways (${multi.length}):`);
  for (const e of multi) lines.push(`  ${e.canonical} [${e.type}] — spelled ${e.distinct.length} ways in ${e.sources} source${e.sources === 1 ? '' : 's'}: ${e.distinct.map((s) => `"${s}"`).join(', ')}`);
  lines.push('', `Quotes in several sources (${r.quotes.length}):`);
  for (const q of r.quotes) {
    lines.push(`  ${q.id} ${q.speaker ?? 'speaker unknown'} — ${q.sources} sources${q.speakerDiffers ? ' — SPEAKER DIFFERS' : ''}; of record (${q.record.basis}): "${q.record.text}"`);
    for (const w of q.wordings) lines.push(`    ${w.path}:${w.start}-${w.end}${w.fragment ? ' (fragment)' : ''}${w.speaker !== q.speaker ? ` [speaker: ${w.speaker ?? 'unknown'}]` : ''}: ${w.similarity === 1 ? `"${w.text}"` : diffText(w.diff)}`);
  }
  const differ = r.figures.filter((f) => f.differs);
  const single = r.figures.filter((f) => f.singleSource);
  lines.push('', `Figures that differ between sources (${differ.length}):`);
  for (const f of differ) {
    lines.push(`  ${f.what}:`);
    for (const v of f.values) lines.push(`    ${v.path}:${v.start}-${v.end}: "${v.text}"`);
  }
  lines.push('', `Figures only one source reports (${single.length}):`);
  for (const f of single) lines.push(`  ${f.what}: "${f.values[0].text}" (${f.values[0].path})`);
  return lines.join('\n') + '\n';
}
