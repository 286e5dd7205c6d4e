// Document symbols (outline): "Quotes" grouped by speaker, "Entities" grouped by type.
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import type { EntityType, Span } from '../engine/types';
import type { SourceState } from './context';
import { spanToRange } from './convert';

const TYPE_GROUP: Record<EntityType, { label: string; kind: SymbolKind }> = {
  person: { label: 'People', kind: SymbolKind.Object },
  place: { label: 'Places', kind: SymbolKind.Module },
  organization: { label: 'Organizations', kind: SymbolKind.Class },
  date: { label: 'Dates and times', kind: SymbolKind.Event },
  number: { label: 'Numbers and quantities', kind: SymbolKind.Number },
};
const TYPE_ORDER: EntityType[] = ['person', 'place', 'organization', 'date', 'number'];

function cover(spans: Span[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const s of spans) {
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return { start, end };
}

function shorten(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

function group(state: SourceState, name: string, detail: string, kind: SymbolKind, children: DocumentSymbol[], spans: Span[]): DocumentSymbol {
  const range = spanToRange(state.doc, cover(spans));
  return { name, detail, kind, range, selectionRange: children[0]?.selectionRange ?? range, children };
}

export function documentSymbols(state: SourceState): DocumentSymbol[] {
  const analysis = state.analysis;
  if (!analysis) return [];
  const out: DocumentSymbol[] = [];

  // Quotes by speaker (in order of first quote), unknown speaker last.
  if (analysis.quotes.length > 0) {
    const bySpeaker = new Map<string, Array<(typeof analysis.quotes)[number]>>();
    for (const q of analysis.quotes) {
      const key = q.speaker ?? '';
      const list = bySpeaker.get(key) ?? [];
      list.push(q);
      bySpeaker.set(key, list);
    }
    const keys = [...bySpeaker.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : 0));
    const speakerGroups: DocumentSymbol[] = [];
    const allQuoteSpans: Span[] = [];
    for (const key of keys) {
      const quotes = bySpeaker.get(key)!;
      const spans: Span[] = [];
      const children: DocumentSymbol[] = quotes.map((q) => {
        const span = { start: Math.min(q.open, q.start), end: q.close !== null ? Math.max(q.end, q.close + 1) : q.end };
        spans.push(span);
        const range = spanToRange(state.doc, span);
        return {
          name: `“${shorten(q.text)}”`,
          detail: [q.cue?.text, q.partial ? 'partial' : ''].filter(Boolean).join(' · '),
          kind: SymbolKind.String,
          range,
          selectionRange: spanToRange(state.doc, { start: q.start, end: q.end }),
        };
      });
      for (const sp of spans) allQuoteSpans.push(sp); // (no spread: lists can be huge)
      speakerGroups.push(
        group(state, key || 'Speaker unknown', `${quotes.length} quote${quotes.length === 1 ? '' : 's'}`, SymbolKind.Object, children, spans),
      );
    }
    out.push(group(state, 'Quotes', `${analysis.quotes.length}`, SymbolKind.Namespace, speakerGroups, allQuoteSpans));
  }

  // Entities by type; each cluster once, at its first mention.
  if (analysis.clusters.length > 0) {
    const firstMention = new Map<string, Span>();
    for (const e of analysis.entities) {
      if (!firstMention.has(e.clusterId)) firstMention.set(e.clusterId, e);
    }
    const typeGroups: DocumentSymbol[] = [];
    const allSpans: Span[] = [];
    for (const type of TYPE_ORDER) {
      const clusters = analysis.clusters.filter((c) => c.type === type && firstMention.has(c.id));
      if (clusters.length === 0) continue;
      clusters.sort((a, b) => firstMention.get(a.id)!.start - firstMention.get(b.id)!.start);
      const spans: Span[] = [];
      const children: DocumentSymbol[] = clusters.map((c) => {
        const first = firstMention.get(c.id)!;
        spans.push(first);
        const others = c.spellings.filter((s) => s !== c.canonical);
        return {
          name: c.canonical,
          detail: `${c.mentions} mention${c.mentions === 1 ? '' : 's'}${others.length ? ` · also ${others.join(', ')}` : ''}`,
          kind: TYPE_GROUP[type].kind,
          range: spanToRange(state.doc, first),
          selectionRange: spanToRange(state.doc, first),
        };
      });
      for (const sp of spans) allSpans.push(sp);
      typeGroups.push(group(state, TYPE_GROUP[type].label, `${clusters.length}`, SymbolKind.Namespace, children, spans));
    }
    if (typeGroups.length > 0) out.push(group(state, 'Entities', `${analysis.clusters.length}`, SymbolKind.Namespace, typeGroups, allSpans));
  }
  return out;
}

/** Flat fallback for clients without hierarchical symbol support. */
export function flatSymbols(state: SourceState, symbols: DocumentSymbol[]): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const walk = (list: DocumentSymbol[], container?: string) => {
    for (const s of list) {
      out.push({ name: s.name, kind: s.kind, location: { uri: state.uri, range: s.selectionRange }, containerName: container });
      if (s.children) walk(s.children, s.name);
    }
  };
  walk(symbols);
  return out;
}
