// Markdown for hovers about the comparison (pure: links are built by the caller's `link`).
import type { Corroboration, EntityGroup, FigureGroup, QuoteGroup } from './types';
import type { CompareResult } from './index';

export type Linker = (path: string, start: number, end: number) => string | undefined;

const esc = (s: string) => s.replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1').replace(/\r?\n/g, ' ');
const baseName = (p: string) => decodeURIComponent(p.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? p);

function where(path: string, start: number, end: number, link?: Linker, label = baseName(path)): string {
  const url = link?.(path, start, end);
  return url ? `[${esc(label)}](${url})` : esc(label);
}

function short(s: string, max = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1).replace(/\s+\S*$/, '') + '…';
}

/** "Reported by 3 of 5 sources: a, b" for an FM004 hover. */
export function corroborationMarkdown(c: Corroboration, link?: Linker, label?: (p: string) => string): string {
  const lines = [`**Sources** — reported by ${c.count} of ${c.total} source${c.total === 1 ? '' : 's'}${c.count === 1 ? ' (only this one: check it first)' : ''}.`];
  for (const m of c.matches.slice(0, 5)) lines.push(`- ${where(m.path, m.start, m.end, link, label?.(m.path))} (similarity ${m.score.toFixed(2)}): “${esc(short(m.text))}”`);
  if (c.matches.length > 5) lines.push(`- … and ${c.matches.length - 5} more`);
  return lines.join('\n');
}

/** The entity's spellings across sources. */
export function entityGroupMarkdown(g: EntityGroup, link?: Linker, label?: (p: string) => string): string {
  const lines = [`**Across sources** — ${esc(g.canonical)} is spelled ${g.distinct.length === 1 ? 'one way' : `${g.distinct.length} ways`} in ${g.sources} source${g.sources === 1 ? '' : 's'}${g.canonicalBasis === 'annotated' ? ' (name from the annotations)' : ''}:`];
  const bySpelling = new Map<string, EntityGroup['spellings']>();
  for (const s of g.spellings) bySpelling.set(s.text, [...(bySpelling.get(s.text) ?? []), s]);
  for (const sp of g.distinct.slice(0, 12)) {
    const rows = bySpelling.get(sp) ?? [];
    lines.push(`- “${esc(sp)}” — ${rows.map((r) => `${where(r.path, r.start, r.end, link, label?.(r.path))} ×${r.count}`).join(', ')}`);
  }
  if (g.distinct.length > 12) lines.push(`- … and ${g.distinct.length - 12} more`);
  return lines.join('\n');
}

function diffMarkdown(d: Array<['=' | '+' | '-', string]>): string {
  return d.map(([op, t]) => (op === '=' ? esc(t) : op === '+' ? `**${esc(t.trim())}** ` : `~~${esc(t.trim())}~~ `)).join('');
}

/** The other outlets' wordings of a quote, against the wording of record. */
export function quoteGroupMarkdown(g: QuoteGroup, path: string, start: number, link?: Linker, label?: (p: string) => string): string {
  const basis = g.record.basis === 'annotated' ? 'the annotated canonical wording' : g.record.basis === 'most-common' ? 'the wording most sources use' : 'the earliest source';
  const lines = [
    `**Across sources** — this quote${g.speaker ? ` of ${esc(g.speaker)}` : ''} appears in ${g.sources} sources. Of record (${basis}${g.record.path ? `, ${where(g.record.path, g.record.start ?? 0, g.record.end ?? 0, link, label?.(g.record.path))}` : ''}): “${esc(short(g.record.text, 300))}”`,
    '',
  ];
  for (const w of g.wordings) {
    if (w.path === path && w.start === start) continue;
    const who = w.speaker !== g.speaker ? ` — attributed to **${esc(w.speaker ?? 'unknown')}**` : '';
    const text = w.similarity === 1 ? `“${esc(short(w.text, 300))}” (same wording)` : diffMarkdown(w.diff);
    lines.push(`- ${where(w.path, w.start, w.end, link, label?.(w.path))}${w.fragment ? ' (fragment)' : ''}${who}: ${text}`);
  }
  lines.push('', '_Bold: words only in that wording; struck through: words only in the wording of record._');
  return lines.join('\n');
}

/** The figure across sources (values, or "only this source"). */
export function figureGroupMarkdown(g: FigureGroup, path: string, start: number, link?: Linker, label?: (p: string) => string): string {
  if (g.singleSource) return `**Across sources** — ${esc(g.what)}: only this source reports this figure; no other source gives it.`;
  const lines = [`**Across sources** — ${esc(g.what)}: ${g.differs ? 'the sources **differ**' : `${g.sources} sources agree`}.`];
  for (const v of g.values) {
    const here = v.path === path && v.start === start ? ' (here)' : '';
    lines.push(`- ${where(v.path, v.start, v.end, link, label?.(v.path))}${here}: “${esc(v.text)}” — ${esc(short(v.sentence, 140))}`);
  }
  return lines.join('\n');
}

/** The groups (entity, quote, figure) touching an offset of a source. */
export function groupsAt(result: CompareResult, path: string, offset: number, mention?: { clusterId: string; text: string }) {
  const d = result.docs.find((x) => x.path === path);
  const gid = d && mention ? result.groupOf.get(`${d.index}:${mention.clusterId}~${mention.text}`) ?? result.groupOf.get(`${d.index}:${mention.clusterId}`) : undefined;
  const entity = gid ? result.entities.find((g) => g.id === gid) : undefined;
  const quote = result.quotes.find((g) => g.wordings.some((w) => w.path === path && offset >= w.start && offset <= w.end));
  const wording = quote?.wordings.find((w) => w.path === path && offset >= w.start && offset <= w.end);
  const figure = result.figures.find((g) => g.values.some((v) => v.path === path && offset >= v.start && offset <= v.end));
  const value = figure?.values.find((v) => v.path === path && offset >= v.start && offset <= v.end);
  return { entity, quote, wording, figure, value };
}
