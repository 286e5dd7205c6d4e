// "Claims" section of a source's Outline: the annotated claims found in it (with their verdict)
// and the check-worthy sentences no annotation covers (FM004), in document order.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { claimLocations } from './check';
import type { SourceState } from './context';
import { spanToRange } from './convert';

function short(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

export function claimSymbols(state: SourceState): DocumentSymbol[] {
  if (!state.analysis) return [];
  const model = state.annotations?.good?.model ?? null;
  const children: Array<DocumentSymbol & { at: number }> = [];
  const seen = new Set<string>();
  if (model) {
    for (const c of claimLocations(state)) {
      if ((c.status !== 'exact' && c.status !== 'fuzzy') || c.start === undefined || c.end === undefined) continue;
      const claim = model.claims.find((x) => x.id === c.claimId);
      if (!claim) continue;
      const rating = claim.verdict ? model.scale.find((s) => s.id === claim.verdict) : undefined;
      const range = spanToRange(state.doc, { start: c.start, end: c.end });
      seen.add(`${c.start}:${c.end}`);
      children.push({
        name: short(state.text.slice(c.start, c.end)),
        detail: `${rating?.label ?? (claim.verdict ? claim.verdict : 'not yet rated')} · ${claim.id}`,
        kind: SymbolKind.Boolean,
        range,
        selectionRange: range,
        at: c.start,
      });
    }
  }
  for (const f of state.findings) {
    if (f.code !== 'FM004' || seen.has(`${f.start}:${f.end}`)) continue;
    const range = spanToRange(state.doc, f);
    const score = typeof f.data?.score === 'number' ? ` ${f.data.score.toFixed(2)}` : '';
    children.push({ name: short(state.text.slice(f.start, f.end)), detail: `check-worthy, not yet checked${score}`, kind: SymbolKind.Event, range, selectionRange: range, at: f.start });
  }
  if (children.length === 0) return [];
  children.sort((a, b) => a.at - b.at);
  const list: DocumentSymbol[] = children.map(({ at: _at, ...s }) => s);
  return [
    {
      name: 'Claims',
      detail: String(list.length),
      kind: SymbolKind.Namespace,
      range: { start: list[0].range.start, end: list[list.length - 1].range.end },
      selectionRange: list[0].selectionRange,
      children: list,
    },
  ];
}
