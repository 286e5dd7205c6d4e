// Compare the sources in the editor: the workspace's sources indexed once per version
// (engine/compare), FM010/FM011 and FM004 corroboration for each open source, hover sections on
// quotes, names and figures, the *Add these spellings as aliases* quick fix, and the
// `factmark/compareSources` request behind the *Factmark: Compare Sources* view.
import * as path from 'path';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection } from 'vscode-languageserver/node';
import type { Analysis, Finding } from '../engine/types';
import {
  compareFindings,
  compareIndexed,
  corroborationOf,
  entityGroupMarkdown,
  figureGroupMarkdown,
  groupsAt,
  indexDocument,
  quoteGroupMarkdown,
  type CompareAnnotations,
  type CompareResult,
  type Corroboration,
  type IndexedDocument,
} from '../engine/compare';
import { applyEdits, planAddAlias, planAddEntity } from '../engine/annotations/edits';
import type { TextEditPlan } from '../engine/annotations/api';
import { yamlWorkspaceEdit } from './actions';
import type { ServerContext, SourceState } from './context';
import { entityAt } from './match';
import type { FactmarkSettings } from './settings';
import { normalizeUri, pathToUri, uriToPath } from './workspace';
import type { AnnotationsStore } from './annotations';

/** Custom request: the comparison of the workspace's sources, for the comparison view. */
export const COMPARE_REQUEST = 'factmark/compareSources';
/** Sources beyond this many are left out of the comparison (and the user is told in the view). */
export const MAX_COMPARED_SOURCES = 2000;

interface Entry {
  text: string;
  indexed: IndexedDocument;
  /** Offsets of line starts, for links to passages. */
  lines?: number[];
}

/** What a source state carries for hovers (the comparison it was checked against). */
export interface CompareView {
  result: CompareResult;
  path: string;
  link: (p: string, start: number, end: number) => string | undefined;
  label: (p: string) => string;
}

/** The workspace's sources, indexed for comparison; the comparison is cached per generation. */
export class CompareCorpus {
  private entries = new Map<string, Entry>();
  generation = 0;
  private cached: { key: string; result: CompareResult } | null = null;
  skipped = 0;

  /** Add or replace a source (by URI). Returns true when the corpus changed. */
  update(uri: string, text: string, analysis: Analysis): boolean {
    const key = normalizeUri(uri);
    const prev = this.entries.get(key);
    if (prev && prev.text === text) return false;
    if (!prev && this.entries.size >= MAX_COMPARED_SOURCES) {
      this.skipped++;
      return false;
    }
    this.entries.set(key, { text, indexed: indexDocument(0, { path: key, text, analysis }) });
    this.generation++;
    return true;
  }

  has(uri: string): boolean {
    return this.entries.has(normalizeUri(uri));
  }

  size(): number {
    return this.entries.size;
  }

  /** The comparison of every source in the corpus (with the annotations' names, quotes, outlets and dates). */
  result(store: AnnotationsStore): CompareResult {
    const key = `${this.generation}|${store.generation}`;
    if (this.cached?.key === key) return this.cached.result;
    const { ann, meta } = annotationsOf(store);
    const all = [...this.entries.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    // The outlets are the sources the annotations list; a writer's draft is not one of them.
    const listed = all.filter(([uri]) => meta.has(uri));
    const docs = (listed.length ? listed : all).map(([uri, e], i) => ({ ...e.indexed, index: i, ...(meta.get(uri) ?? {}) }));
    const result = compareIndexed(docs, ann);
    this.cached = { key, result };
    return result;
  }

  /** file: URI#Lline,col of an offset of a source (VS Code opens hover links there). */
  link(uri: string, start: number): string | undefined {
    const e = this.entries.get(uri);
    if (!e) return undefined;
    const lines = (e.lines ??= lineStarts(e.text));
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid] <= start) lo = mid;
      else hi = mid - 1;
    }
    return `${uri}#L${lo + 1},${start - lines[lo] + 1}`;
  }

  text(uri: string): string | undefined {
    return this.entries.get(uri)?.text;
  }
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

/** Entity names, canonical quotes and source outlets/dates of every annotations file in the workspace. */
function annotationsOf(store: AnnotationsStore): { ann: CompareAnnotations; meta: Map<string, { outlet?: string; published?: string }> } {
  const ann: CompareAnnotations = { entities: [], quotes: [] };
  const meta = new Map<string, { outlet?: string; published?: string }>();
  for (const entry of store.all()) {
    const m = entry.good?.model;
    if (!m) continue;
    const dir = path.dirname(entry.path);
    const uriOf = (id?: string) => {
      const s = id ? m.sources.find((x) => x.id === id) : undefined;
      return s?.file ? pathToUri(path.resolve(dir, s.file)) : undefined;
    };
    for (const s of m.sources) {
      if (!s.file) continue;
      meta.set(pathToUri(path.resolve(dir, s.file)), { ...(s.outlet ? { outlet: s.outlet } : {}), ...(s.published ? { published: s.published } : {}) });
    }
    for (const e of m.entities) ann.entities!.push({ id: e.id, name: e.name, type: e.type, aliases: e.aliases });
    for (const q of m.quotes) {
      const sourcePath = uriOf(q.source);
      ann.quotes!.push({ id: q.id, text: q.text, speaker: q.speaker, ...(sourcePath ? { sourcePath } : {}) });
    }
  }
  return { ann, meta };
}

/** The comparison's part of one source's check: FM010/FM011 and the corroboration FM004 ranks by. */
export function compareForSource(
  corpus: CompareCorpus,
  store: AnnotationsStore,
  uri: string,
  settings: FactmarkSettings,
): { findings: Finding[]; corroborate?: (start: number, end: number) => Corroboration | null; view?: CompareView } {
  const key = normalizeUri(uri);
  if (corpus.size() < 2 || !corpus.has(key)) return { findings: [] };
  const result = corpus.result(store);
  const label = (p: string) => outletLabel(result, p);
  const view: CompareView = { result, path: key, link: (p, start) => corpus.link(p, start), label };
  return {
    findings: compareFindings(result, key, { severities: settings.diagnostics.severity, label }),
    corroborate: (start, end) => corroborationOf(result, key, start, end),
    view,
  };
}

function outletLabel(result: CompareResult, p: string): string {
  const s = result.sources.find((x) => x.path === p);
  const base = decodeURIComponent(p.split('/').pop() ?? p);
  return s?.outlet ? `${s.outlet} (${base})` : base;
}

/** Hover sections about the comparison at an offset of a source (quote, name or figure). */
export function compareHoverSections(state: SourceState & { compare?: CompareView }, offset: number): string[] {
  const view = state.compare;
  if (!view || !state.analysis) return [];
  const mention = entityAt(state.analysis, offset);
  const { entity, quote, wording, figure, value } = groupsAt(view.result, view.path, offset, mention ?? undefined);
  const out: string[] = [];
  if (mention && entity && (entity.sources > 1 || entity.distinct.length > 1)) {
    let text = entityGroupMarkdown(entity, view.link, view.label);
    if (entity.distinct.length > 1) text += '\n\nQuick fix: *Add these spellings as aliases* records them in one entity entry of the annotations.';
    out.push(text);
  }
  if (!mention && quote && wording) out.push(quoteGroupMarkdown(quote, view.path, wording.start, view.link, view.label));
  if (figure && value) out.push(figureGroupMarkdown(figure, view.path, value.start, view.link, view.label));
  return out;
}

/** *Add these spellings as aliases*: on a name spelled several ways across sources. */
export function compareCodeActions(ctx: ServerContext, caps: Parameters<typeof yamlWorkspaceEdit>[1], params: CodeActionParams): CodeAction[] {
  const state = ctx.sourceState(params.textDocument.uri) as (SourceState & { compare?: CompareView }) | null;
  const view = state?.compare;
  if (!state?.analysis || !view) return [];
  const offset = state.doc.offsetAt(params.range.start);
  const mention = entityAt(state.analysis, offset);
  if (!mention || (mention.type !== 'person' && mention.type !== 'place' && mention.type !== 'organization')) return [];
  const { entity } = groupsAt(view.result, view.path, offset, mention);
  if (!entity || entity.distinct.length < 2) return [];
  const sourcePath = uriToPath(params.textDocument.uri);
  const yamlPath = state.annotations?.path ?? (sourcePath ? ctx.store.forSource(sourcePath)?.path ?? ctx.store.newFilePathFor(sourcePath) : undefined);
  if (!yamlPath) return [];
  const model = ctx.store.get(yamlPath)?.good?.model ?? state.annotations?.good?.model ?? null;
  const annotated = entity.annotatedId ? model?.entities.find((e) => e.id === entity.annotatedId) : undefined;
  const name = annotated?.name ?? entity.canonical;
  const known = new Set([name, ...(annotated?.aliases ?? [])].map((s) => s.toLowerCase()));
  const aliases = entity.distinct.filter((s) => !known.has(s.toLowerCase()));
  if (!aliases.length) return [];
  const plan = (yaml: string): TextEditPlan[] => {
    if (annotated) return combine(yaml, aliases.reduce((text, alias) => applyEdits(text, planAddAlias(text, annotated.id, alias)), yaml));
    const type = mention.type as 'person' | 'place' | 'organization';
    return planAddEntity(yaml, { name, type, aliases });
  };
  const edit = yamlWorkspaceEdit(ctx, caps, yamlPath, plan);
  if (!edit) return [];
  const title = `Add these spellings as aliases of ${name} (${aliases.map((a) => `“${a}”`).join(', ')})`;
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix };
  if ('error' in edit) action.disabled = { reason: edit.error };
  else action.edit = edit;
  return [action];
}

/** One minimal edit turning `before` into `after` (the common prefix and suffix kept). */
function combine(before: string, after: string): TextEditPlan[] {
  if (before === after) return [];
  let s = 0;
  while (s < before.length && s < after.length && before[s] === after[s]) s++;
  let e = 0;
  while (e < before.length - s && e < after.length - s && before[before.length - 1 - e] === after[after.length - 1 - e]) e++;
  return [{ start: s, end: before.length - e, newText: after.slice(s, after.length - e) }];
}

// ------------------------------------------------------------------ the comparison view's data

interface Pos {
  line: number;
  character: number;
}
export interface CompareCell {
  text: string;
  uri: string;
  range: { start: Pos; end: Pos };
  note?: string;
  odd?: boolean;
}
export interface CompareRow {
  kind: 'person' | 'place' | 'organization' | 'quote' | 'figure';
  label: string;
  detail: string;
  flag?: string;
  cells: CompareCell[][];
}
export interface CompareViewModel {
  sources: Array<{ uri: string; label: string }>;
  rows: CompareRow[];
  skipped: number;
  elapsedMs: number;
}

/** The comparison as rows (people, quotes, figures) × columns (sources), each cell a passage. */
export function compareViewModel(corpus: CompareCorpus, store: AnnotationsStore): CompareViewModel {
  const t0 = Date.now();
  const result = corpus.result(store);
  const col = new Map(result.sources.map((s, i) => [s.path, i]));
  const lines = new Map<string, number[]>();
  const pos = (uri: string, off: number): Pos => {
    let ls = lines.get(uri);
    if (!ls) lines.set(uri, (ls = lineStarts(corpus.text(uri) ?? '')));
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: off - ls[lo] };
  };
  const cell = (uri: string, start: number, end: number, text: string, note?: string, odd?: boolean): CompareCell => ({
    text,
    uri,
    range: { start: pos(uri, start), end: pos(uri, end) },
    ...(note ? { note } : {}),
    ...(odd ? { odd } : {}),
  });
  const emptyRow = () => result.sources.map(() => [] as CompareCell[]);
  const rows: CompareRow[] = [];
  for (const e of result.entities) {
    if (e.type !== 'person' && e.type !== 'place' && e.type !== 'organization') continue;
    if (e.sources < 2 && e.distinct.length < 2) continue;
    const cells = emptyRow();
    for (const s of e.spellings) cells[col.get(s.path)!].push(cell(s.path, s.start, s.end, s.text, `×${s.count}`, s.text.toLowerCase() !== e.canonical.toLowerCase()));
    rows.push({ kind: e.type, label: e.canonical, detail: `${e.distinct.length} spelling${e.distinct.length === 1 ? '' : 's'}, ${e.sources} sources`, ...(e.distinct.length > 1 ? { flag: 'spelled differently' } : {}), cells });
  }
  for (const q of result.quotes) {
    const cells = emptyRow();
    for (const w of q.wordings) cells[col.get(w.path)!].push(cell(w.path, w.start, w.end, w.text, w.fragment ? 'fragment' : w.speaker !== q.speaker ? `speaker: ${w.speaker ?? 'unknown'}` : w.similarity < 1 ? 'reworded' : undefined, w.speaker !== q.speaker && !!w.speakerGroup));
    const first = q.record.text.length > 70 ? q.record.text.slice(0, 69) + '…' : q.record.text;
    rows.push({ kind: 'quote', label: `“${first}”`, detail: `${q.speaker ?? 'speaker unknown'} · ${q.sources} sources · of record: ${q.record.basis}`, ...(q.speakerDiffers ? { flag: 'speaker differs' } : q.wordings.some((w) => w.similarity < 1 && !w.fragment) ? { flag: 'worded differently' } : {}), cells });
  }
  for (const f of result.figures) {
    const cells = emptyRow();
    const common = mostCommon(f.values.map((v) => `${v.value}|${v.qualifier ?? ''}`));
    for (const v of f.values) cells[col.get(v.path)!].push(cell(v.path, v.start, v.end, v.text, undefined, f.differs && `${v.value}|${v.qualifier ?? ''}` !== common));
    rows.push({ kind: 'figure', label: f.what, detail: `${f.sources} source${f.sources === 1 ? '' : 's'}`, ...(f.differs ? { flag: 'figures differ' } : f.singleSource ? { flag: 'single source' } : {}), cells });
  }
  return {
    sources: result.sources.map((s) => ({ uri: s.path, label: s.outlet ?? decodeURIComponent(s.path.split('/').pop() ?? s.path) })),
    rows,
    skipped: corpus.skipped,
    elapsedMs: Date.now() - t0,
  };
}

/** The value most sources give, or '' when no value has a majority (then every value is marked). */
function mostCommon(xs: string[]): string {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  const ranked = [...n.entries()].sort((a, b) => b[1] - a[1]);
  return ranked.length && (ranked.length === 1 || ranked[0][1] > ranked[1][1]) ? ranked[0][0] : '';
}

/** Registers the comparison view's request (the corpus is brought up to date with the workspace first). */
export function registerCompare(connection: Connection, server: ServerContext & { corpus: CompareCorpus; refreshCorpus(): Promise<void> }): void {
  connection.onRequest(COMPARE_REQUEST, async () => {
    await server.refreshCorpus();
    return compareViewModel(server.corpus, server.store);
  });
}
