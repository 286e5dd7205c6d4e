// Output of `factmark analyze`: the stable JSON contract and a readable text report.
import type { Analysis, Entity, Quote } from '../engine/types';
import { lineColMapper } from './files';
import { datelineDate, resolveDateEntity } from '../engine/recognize/resolve-dates';

/**
 * JSON contract (stable; extra fields may be added after these keys, never removed):
 *   {"files":[{"path", "entities":[{"text","type","start","end", ...}], "quotes":[{"text","start","end","speaker", ...}]}]}
 */
export interface AnalyzeFileJson {
  path: string;
  entities: Array<{ text: string; type: string; start: number; end: number; canonical?: string; role?: string; value?: string }>;
  quotes: Array<{ text: string; start: number; end: number; speaker: string | null; partial?: boolean; cue?: string }>;
}

/** `text` and `published` (UTC day, ms) enable `value` on date entities: the ISO 8601 date or
 *  interval they denote, relative ones resolved against `published`, else the dateline date. */
export function analysisToJson(path: string, analysis: Analysis, text?: string, published?: number): AnalyzeFileJson {
  const canonicalById = new Map(analysis.clusters.map((c) => [c.id, c.canonical]));
  const ref = text === undefined ? undefined : (published ?? datelineDate(analysis, text));
  return {
    path,
    entities: analysis.entities.map((e: Entity) => {
      const out: AnalyzeFileJson['entities'][number] = { text: e.text, type: e.type, start: e.start, end: e.end };
      const canonical = canonicalById.get(e.clusterId);
      if (canonical !== undefined) out.canonical = canonical;
      if (e.role) out.role = e.role;
      if (text !== undefined && e.type === 'date') {
        const v = resolveDateEntity(e, text, analysis, ref);
        if (v) out.value = v.value;
      }
      return out;
    }),
    quotes: analysis.quotes.map((q: Quote) => {
      const out: AnalyzeFileJson['quotes'][number] = { text: q.text, start: q.start, end: q.end, speaker: q.speaker ?? null };
      out.partial = !!q.partial;
      if (q.cue && q.cue.kind !== 'unknown') out.cue = q.cue.kind;
      return out;
    }),
  };
}

const TYPE_ORDER = ['person', 'place', 'organization', 'date', 'number'];

function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/** Readable report: entities grouped by type (with counts and spellings), then quotes with speaker and line:col. */
export function analysisToText(path: string, text: string, analysis: Analysis): string {
  const pos = lineColMapper(text);
  const lines: string[] = [];
  const distinct = new Set(analysis.entities.map((e) => e.clusterId || `${e.type}:${e.text}`)).size;
  lines.push(
    `${path}: ${analysis.entities.length} entity mention${analysis.entities.length === 1 ? '' : 's'} ` +
      `(${distinct} distinct), ${analysis.quotes.length} quote${analysis.quotes.length === 1 ? '' : 's'}`,
  );
  const byType = new Map<string, Entity[]>();
  for (const e of analysis.entities) {
    const list = byType.get(e.type) ?? [];
    list.push(e);
    byType.set(e.type, list);
  }
  const types = [...byType.keys()].sort((a, b) => {
    const ia = TYPE_ORDER.indexOf(a);
    const ib = TYPE_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  const clusters = new Map(analysis.clusters.map((c) => [c.id, c]));
  for (const type of types) {
    const mentions = byType.get(type)!;
    // Group mentions by cluster (or by surface text when no cluster is known).
    const groups = new Map<string, { name: string; count: number; spellings: Set<string>; first: number; role: boolean }>();
    for (const e of mentions) {
      const cluster = clusters.get(e.clusterId);
      const key = cluster ? cluster.id : `text:${e.text}`;
      const g = groups.get(key) ?? { name: cluster?.canonical ?? e.text, count: 0, spellings: new Set<string>(), first: e.start, role: false };
      g.count++;
      g.spellings.add(e.text);
      if (e.role === 'actor') g.role = true;
      groups.set(key, g);
    }
    lines.push('');
    lines.push(`${type} (${mentions.length} mention${mentions.length === 1 ? '' : 's'}, ${groups.size} distinct)`);
    const sorted = [...groups.values()].sort((a, b) => b.count - a.count || a.first - b.first);
    for (const g of sorted) {
      const others = [...g.spellings].filter((s) => s !== g.name);
      const { line, col } = pos(g.first);
      lines.push(
        `  ${String(g.count).padStart(3)} × ${g.name}` +
          (others.length ? `  (also: ${others.join(', ')})` : '') +
          (g.role ? '  [also as actor]' : '') +
          `  first at ${line}:${col}`,
      );
    }
  }
  lines.push('');
  lines.push(`quotes (${analysis.quotes.length})`);
  for (const q of analysis.quotes) {
    const { line, col } = pos(q.start);
    const who = q.speaker ?? 'speaker unknown';
    const how = q.cue && q.cue.kind !== 'unknown' ? ` (${q.cue.kind}${q.cue.text ? `: "${clip(q.cue.text, 30)}"` : ''})` : '';
    lines.push(`  ${line}:${col}  ${who}${how}${q.partial ? ' [partial]' : ''}: “${clip(q.text, 100)}”`);
  }
  return lines.join('\n') + '\n';
}
