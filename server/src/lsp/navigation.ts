// Document highlight (same-cluster mentions), go to definition (source → YAML entry, YAML reference
// → its item) and find references (YAML entity/claim/quote/source → every mention in the workspace).
import * as path from 'path';
import { DocumentHighlightKind, type DocumentHighlight, type Location, type Position } from 'vscode-languageserver/node';
import { nodeAt } from '../engine/annotations/load';
import type { AnnotationKind, IndexEntry, LoadedAnnotations } from '../engine/annotations/api';
import { anchorClaims, matchQuotes } from '../engine/annotations/check';
import type { AnnotationsEntry } from './annotations';
import { claimLocations, quoteMatches } from './check';
import type { ServerContext, SourceState } from './context';
import { spanToRange } from './convert';
import { annotatedEntityFor, clusterOf, entityAt, entityKeys, mentionRefersTo, quoteAt } from './match';
import { normalizeUri, pathToUri } from './workspace';

export function highlights(state: SourceState, position: Position): DocumentHighlight[] {
  const analysis = state.analysis;
  if (!analysis) return [];
  const mention = entityAt(analysis, state.doc.offsetAt(position));
  if (!mention) return [];
  return analysis.entities
    .filter((e) => e.clusterId === mention.clusterId)
    .map((e) => ({ range: spanToRange(state.doc, e), kind: DocumentHighlightKind.Text }));
}

/** The loaded annotations to navigate with: the latest parse when it has an index, else the last good. */
function navigable(entry: AnnotationsEntry): LoadedAnnotations | null {
  if (entry.loaded.index) return entry.loaded;
  return entry.good?.index ? entry.good : null;
}

function entryLocation(ctx: ServerContext, entry: AnnotationsEntry, item: IndexEntry | undefined): Location | null {
  if (!item) return null;
  const loaded = navigable(entry);
  const doc = loaded === entry.loaded ? ctx.annotationsDocument(entry) : null;
  if (!doc) return null;
  return { uri: entry.uri, range: spanToRange(doc, item.span) };
}

/** From a mention, claim or quote in a source to its entry in the annotations file. */
export function definitionInSource(ctx: ServerContext, state: SourceState, position: Position): Location[] {
  const analysis = state.analysis;
  const entry = state.annotations;
  if (!analysis || !entry) return [];
  const loaded = navigable(entry);
  if (!loaded?.index || !loaded.model) return [];
  const offset = state.doc.offsetAt(position);
  const out: Location[] = [];
  const push = (kind: AnnotationKind, id: string | undefined) => {
    if (!id) return;
    const loc = entryLocation(ctx, entry, loaded.index![kind][id]);
    if (loc && !out.some((l) => l.range.start.line === loc.range.start.line)) out.push(loc);
  };

  const mention = entityAt(analysis, offset);
  if (mention) {
    const ent = annotatedEntityFor(loaded.model, clusterOf(analysis, mention.clusterId), mention.text);
    push('entity', ent?.id);
  }
  for (const f of state.findings) {
    if (offset < f.start || offset > f.end) continue;
    const d = f.data ?? {};
    if (typeof d.claimId === 'string') push('claim', d.claimId);
    if (typeof d.quoteId === 'string') push('quote', d.quoteId);
    if (typeof d.entityId === 'string') push('entity', d.entityId);
  }
  for (const c of claimLocations(state)) {
    if ((c.status === 'exact' || c.status === 'fuzzy') && c.start !== undefined && c.end !== undefined && offset >= c.start && offset <= c.end) {
      push('claim', c.claimId);
    }
  }
  const q = quoteAt(analysis, offset);
  if (q) {
    const idx = analysis.quotes.indexOf(q);
    for (const m of quoteMatches(state)) if (m.quoteIndex === idx) push('quote', m.quoteId);
  }
  return out;
}

/** Inside the YAML: from a reference value (speaker: x, source: y) to the referenced item. */
export function definitionInAnnotations(ctx: ServerContext, entry: AnnotationsEntry, offset: number): Location[] {
  const loaded = navigable(entry);
  if (!loaded?.index || loaded !== entry.loaded) return [];
  const node = nodeAt(loaded, offset);
  if (!node || !node.ref) return [];
  if (node.kind === 'source') {
    const src = loaded.model?.sources.find((s) => s.id === node.id);
    const item = entryLocation(ctx, entry, loaded.index.source[node.id]);
    const out: Location[] = [];
    if (src?.file) {
      out.push({ uri: pathToUri(path.resolve(path.dirname(entry.path), src.file)), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    }
    if (item) out.push(item);
    return out;
  }
  if (node.kind === 'scale' || node.kind === 'dismissal') return [];
  const loc = entryLocation(ctx, entry, loaded.index[node.kind][node.id]);
  return loc ? [loc] : [];
}

/** From a YAML entity/claim/quote/source (cursor on the item or a reference to it) to every place it occurs. */
export async function referencesFromAnnotations(
  ctx: ServerContext,
  entry: AnnotationsEntry,
  offset: number,
  includeDeclaration: boolean,
): Promise<Location[]> {
  const loaded = navigable(entry);
  if (!loaded?.index || !loaded.model || loaded !== entry.loaded) return [];
  const node = nodeAt(loaded, offset);
  if (!node || node.kind === 'scale' || node.kind === 'dismissal') return [];
  const kind = node.kind as AnnotationKind;
  const id = node.id;
  const doc = ctx.annotationsDocument(entry);
  const out: Location[] = [];
  const item = loaded.index[kind][id];
  if (includeDeclaration && item) out.push({ uri: entry.uri, range: spanToRange(doc, item.idSpan) });
  for (const r of loaded.index.refs) if (r.kind === kind && r.id === id) out.push({ uri: entry.uri, range: spanToRange(doc, r.span) });

  const sources = await ctx.workspaceSources();
  if (kind === 'entity') {
    const ent = loaded.model.entities.find((e) => e.id === id);
    if (ent) {
      const keys = entityKeys(ent);
      for (const s of sources) {
        for (const m of s.analysis.entities) if (mentionRefersTo(s.analysis, m, keys)) out.push({ uri: s.uri, range: spanToRange(s.doc, m) });
      }
    }
  } else if (kind === 'claim') {
    for (const s of sources) {
      if (!s.path) continue;
      for (const c of anchorClaims(loaded, { path: s.path, text: s.text })) {
        if (c.claimId === id && (c.status === 'exact' || c.status === 'fuzzy') && c.start !== undefined && c.end !== undefined) {
          out.push({ uri: s.uri, range: spanToRange(s.doc, { start: c.start, end: c.end }) });
        }
      }
    }
  } else if (kind === 'quote') {
    for (const s of sources) {
      for (const m of matchQuotes([loaded], { path: s.path ?? s.uri, text: s.text, analysis: s.analysis })) {
        if (m.quoteId === id) out.push({ uri: s.uri, range: spanToRange(s.doc, s.analysis.quotes[m.quoteIndex]) });
      }
    }
  } else if (kind === 'source') {
    const src = loaded.model.sources.find((x) => x.id === id);
    if (src?.file) {
      const target = pathToUri(path.resolve(path.dirname(entry.path), src.file));
      const s = sources.find((x) => normalizeUri(x.uri) === target);
      out.push({ uri: s?.uri ?? target, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    }
  }
  return out;
}

/** From an entity mention in a source: same-entity mentions across the workspace when annotated,
 *  else the mentions of its cluster in this document. */
export async function referencesFromSource(ctx: ServerContext, state: SourceState, position: Position): Promise<Location[]> {
  const analysis = state.analysis;
  if (!analysis) return [];
  const mention = entityAt(analysis, state.doc.offsetAt(position));
  if (!mention) return [];
  const model = state.annotations?.good?.model;
  const ent = annotatedEntityFor(model, clusterOf(analysis, mention.clusterId), mention.text);
  if (!ent) {
    return analysis.entities.filter((e) => e.clusterId === mention.clusterId).map((e) => ({ uri: state.uri, range: spanToRange(state.doc, e) }));
  }
  const keys = entityKeys(ent);
  const out: Location[] = [];
  for (const s of await ctx.workspaceSources()) {
    for (const m of s.analysis.entities) if (mentionRefersTo(s.analysis, m, keys)) out.push({ uri: s.uri, range: spanToRange(s.doc, m) });
  }
  return out;
}
