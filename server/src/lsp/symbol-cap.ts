// Outline size cap: a 3 MB document has thousands of quotes and check-worthy sentences, and sending
// (and converting, in the extension host) tens of thousands of symbols for the Outline and the
// breadcrumbs is what made the extension host unresponsive. Each group keeps its first `max`
// children, in document order, and a last "… N more" entry says what was left out.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';

export const MAX_SYMBOL_CHILDREN = 300;

export function capSymbols(symbols: DocumentSymbol[], max = MAX_SYMBOL_CHILDREN): DocumentSymbol[] {
  return symbols.map((s) => capOne(s, max));
}

function capOne(s: DocumentSymbol, max: number): DocumentSymbol {
  if (!s.children || s.children.length === 0) return s;
  let children = s.children.map((c) => capOne(c, max));
  if (children.length > max) {
    const left = children.length - max;
    const last = children[max - 1];
    children = children.slice(0, max);
    children.push({
      name: `… ${left.toLocaleString('en-US')} more`,
      detail: `only the first ${max} are listed`,
      kind: SymbolKind.Null,
      range: last.range,
      selectionRange: last.selectionRange,
    });
  }
  return { ...s, children };
}
