// Semantic tokens from an Analysis. Tokens never overlap and never span lines: a quote token is
// split around the entities (and nested quotes / speaker mentions) inside it, and every token is
// cut at line ends, because most clients do not support multi-line or overlapping tokens.
import type { Range, SemanticTokensLegend } from 'vscode-languageserver/node';
import type { Analysis, Entity, EntityType } from '../engine/types';
import { lineStarts } from './convert';

export const TOKEN_TYPES = ['person', 'place', 'organization', 'date', 'number', 'quote', 'speaker'] as const;
// (New modifiers are appended: the bit of each existing one never changes.) `repeated`: a later
// mention of an entity already mentioned; `quoted`: an entity inside quoted speech; `annotated`:
// an entity the annotations know. Themes can tone any of them down (README, "Highlighting").
export const TOKEN_MODIFIERS = ['actor', 'speaker', 'partial', 'unattributed', 'repeated', 'quoted', 'annotated'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

const TYPE_INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const MOD_BIT = new Map<string, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

/** A token before line splitting: offsets into the text, end exclusive. */
export interface FlatToken {
  start: number;
  end: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

interface Layer {
  start: number;
  end: number;
  /** Higher wins where layers overlap. */
  priority: number;
  seq: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

const ENTITY_TOKEN: Record<EntityType, TokenType> = {
  person: 'person',
  place: 'place',
  organization: 'organization',
  date: 'date',
  number: 'number',
};

/** What the client asked to see and what the annotations say about the entities. */
export interface TokenOptions {
  /** Token types to emit (factmark.highlight.types); absent = all. */
  types?: ReadonlySet<string>;
  /** The type the annotations give an entity ("Kremlin" recorded as a place), if any. */
  typeOf?: (e: Entity) => EntityType | undefined;
  /** Is the entity one the annotations know? */
  annotated?: (e: Entity) => boolean;
}

/** Resolves overlapping layers into non-overlapping tokens (highest priority wins, then innermost). */
export function flatTokens(analysis: Analysis, textLength: number, opts: TokenOptions = {}): FlatToken[] {
  const layers: Layer[] = [];
  const shown = (t: TokenType) => !opts.types || opts.types.has(t);
  let seq = 0;
  const speakerMentionKeys = new Set<string>();
  for (const q of analysis.quotes) {
    if (q.speakerMention) speakerMentionKeys.add(`${q.speakerMention.start}:${q.speakerMention.end}`);
  }
  // Quotes: marks included. Nested quotes get a higher priority than their container.
  for (const q of analysis.quotes) {
    const start = Math.max(0, Math.min(q.open, q.start));
    const closeEnd = q.close !== null && q.close !== undefined ? q.close + 1 : q.end;
    const end = Math.min(textLength, Math.max(q.end, closeEnd));
    if (end <= start) continue;
    const modifiers: TokenModifier[] = [];
    if (q.partial) modifiers.push('partial');
    if (!q.speaker) modifiers.push('unattributed');
    if (!shown('quote')) continue;
    layers.push({ start, end, priority: q.nested ? 1 : 0, seq: seq++, type: 'quote', modifiers });
  }
  // Speaker mentions that are not entity mentions ("he", "the Russian leader").
  const entityKeys = new Set(analysis.entities.map((e) => `${e.start}:${e.end}`));
  for (const q of analysis.quotes) {
    const m = q.speakerMention;
    if (!m || m.end <= m.start || entityKeys.has(`${m.start}:${m.end}`) || !shown('speaker')) continue;
    layers.push({ start: m.start, end: Math.min(m.end, textLength), priority: 2, seq: seq++, type: 'speaker', modifiers: [] });
  }
  // Quote spans sorted by start, for the `quoted` modifier (entities are sorted by start too).
  const quoteSpans = analysis.quotes.map((q) => ({ start: q.start, end: q.end })).sort((a, b) => a.start - b.start);
  let qi = 0;
  let quoteEnd = -1;
  const seenClusters = new Set<string>();
  for (const e of analysis.entities) {
    if (e.end <= e.start) continue;
    const modifiers: TokenModifier[] = [];
    if (e.role === 'actor') modifiers.push('actor');
    if (speakerMentionKeys.has(`${e.start}:${e.end}`)) modifiers.push('speaker');
    if (e.clusterId) {
      if (seenClusters.has(e.clusterId)) modifiers.push('repeated');
      else seenClusters.add(e.clusterId);
    }
    while (qi < quoteSpans.length && quoteSpans[qi].start <= e.start) quoteEnd = Math.max(quoteEnd, quoteSpans[qi++].end);
    if (e.end <= quoteEnd) modifiers.push('quoted');
    if (opts.annotated?.(e)) modifiers.push('annotated');
    const type = ENTITY_TOKEN[opts.typeOf?.(e) ?? e.type] ?? 'number';
    if (!shown(type)) continue;
    layers.push({
      start: e.start,
      end: Math.min(e.end, textLength),
      priority: 3,
      seq: seq++,
      type,
      modifiers,
    });
  }
  if (layers.length === 0) return [];

  // Sweep over boundaries with the set of active layers; the winner of each elementary segment
  // is the highest priority, then the innermost (latest start), then the latest added.
  const boundaries = new Set<number>();
  for (const l of layers) {
    boundaries.add(l.start);
    boundaries.add(l.end);
  }
  const points = [...boundaries].sort((a, b) => a - b);
  const byStart = [...layers].sort((a, b) => a.start - b.start || a.seq - b.seq);
  const active: Layer[] = [];
  const out: FlatToken[] = [];
  let next = 0;
  let current: { layer: Layer; start: number; end: number } | null = null;
  for (let i = 0; i < points.length - 1; i++) {
    const segStart = points[i];
    const segEnd = points[i + 1];
    while (next < byStart.length && byStart[next].start <= segStart) active.push(byStart[next++]);
    for (let k = active.length - 1; k >= 0; k--) if (active[k].end <= segStart) active.splice(k, 1);
    let best: Layer | null = null;
    for (const l of active) {
      if (l.end <= segStart || l.start > segStart) continue;
      if (
        !best ||
        l.priority > best.priority ||
        (l.priority === best.priority && (l.start > best.start || (l.start === best.start && l.seq > best.seq)))
      ) {
        best = l;
      }
    }
    if (current && (best !== current.layer || current.end !== segStart)) {
      out.push({ start: current.start, end: current.end, type: current.layer.type, modifiers: current.layer.modifiers });
      current = null;
    }
    if (best) {
      if (current) current.end = segEnd;
      else current = { layer: best, start: segStart, end: segEnd };
    }
  }
  if (current) out.push({ start: current.start, end: current.end, type: current.layer.type, modifiers: current.layer.modifiers });
  return out;
}

/** Cuts tokens at line breaks (the break itself is never part of a token). */
export function splitByLines(
  tokens: FlatToken[],
  text: string,
  starts: number[] = lineStarts(text),
): Array<{ line: number; char: number; length: number; type: TokenType; modifiers: TokenModifier[] }> {
  const result: Array<{ line: number; char: number; length: number; type: TokenType; modifiers: TokenModifier[] }> = [];
  let line = 0;
  for (const t of tokens) {
    // tokens are sorted by start, so the line index only moves forward
    while (line + 1 < starts.length && starts[line + 1] <= t.start) line++;
    let l = line;
    let s = t.start;
    while (s < t.end) {
      const lineEnd = lineContentEnd(text, starts, l);
      const e = Math.min(t.end, lineEnd);
      if (e > s) result.push({ line: l, char: s - starts[l], length: e - s, type: t.type, modifiers: t.modifiers });
      if (l + 1 >= starts.length) break;
      l++;
      s = Math.max(s, starts[l]);
    }
  }
  return result;
}

function lineContentEnd(text: string, starts: number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  while (end > starts[line] && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end;
}

/** LSP relative encoding (deltaLine, deltaStart, length, type, modifier bits), optionally for a range. */
export function encodeTokens(analysis: Analysis, text: string, range?: Range, opts: TokenOptions = {}): number[] {
  const starts = lineStarts(text);
  const lines = splitByLines(flatTokens(analysis, text.length, opts), text, starts);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of lines) {
    if (range && !inRange(t.line, t.char, t.length, range)) continue;
    const deltaLine = t.line - prevLine;
    const deltaChar = deltaLine === 0 ? t.char - prevChar : t.char;
    let mods = 0;
    for (const m of t.modifiers) mods |= MOD_BIT.get(m) ?? 0;
    data.push(deltaLine, deltaChar, t.length, TYPE_INDEX.get(t.type)!, mods);
    prevLine = t.line;
    prevChar = t.char;
  }
  return data;
}

function inRange(line: number, char: number, length: number, range: Range): boolean {
  if (line < range.start.line || line > range.end.line) return false;
  if (line === range.start.line && char + length <= range.start.character) return false;
  if (line === range.end.line && char >= range.end.character) return false;
  return true;
}

/** Inverse of encodeTokens (used by tests and debugging). */
export function decodeTokens(
  data: number[],
  legend: SemanticTokensLegend = LEGEND,
): Array<{ line: number; char: number; length: number; type: string; modifiers: string[] }> {
  const out: Array<{ line: number; char: number; length: number; type: string; modifiers: string[] }> = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const modifiers = legend.tokenModifiers.filter((_, bit) => (data[i + 4] & (1 << bit)) !== 0);
    out.push({ line, char, length: data[i + 2], type: legend.tokenTypes[data[i + 3]], modifiers });
  }
  return out;
}
