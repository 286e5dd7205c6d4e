// Limits on the work an annotations YAML file may cause (pure TypeScript, no IO).
//
// YAML aliases (`*name`) repeat a node without repeating its text: 999 aliases of a claim holding
// 10,000 evidence items are 606 KB of text but ten million values once expanded, enough to exhaust
// the memory of the server and the CLI. The loader therefore measures the *expanded* size of the
// document — every scalar, mapping, sequence and pair counted once per place it appears, aliases
// included — in one linear walk with memoised subtree sizes (so billion-laughs style nesting costs no
// more than the text), before anything is converted to plain data, and refuses the file (FM100) when
// it exceeds the caps below.
import { isAlias, isCollection, isPair, isScalar, type Alias, type Document, type Node as YNode } from 'yaml';

/** Most values (nodes) a file may expand to, aliases included. */
export const MAX_EXPANDED_NODES = 1_000_000;
/** Most values aliases may add on top of those written in the file. */
export const MAX_ALIAS_EXPANSION = 100_000;
/** Most aliases and anchors a file may use (the parser resolves each alias by a scan of the anchors). */
export const MAX_ALIASES = 1_000;
export const MAX_ANCHORS = 10_000;
/** Most problems reported for one annotations file; the rest are summarised in one finding. */
export const MAX_PROBLEMS_PER_FILE = 1_000;

export interface ExpansionReport {
  /** Values written in the text (alias nodes count as one). */
  literal: number;
  /** Values after expanding every alias (capped: stops growing past 2^53). */
  expanded: number;
  aliases: number;
  anchors: number;
  /** The node each alias refers to (the latest anchor of that name before it), for FM102. */
  targets: Map<Alias, YNode>;
  /** The alias whose expansion first pushed the size over a cap, if any. */
  culprit?: Alias;
}

/** Measure the document's literal and expanded size. Linear in the number of nodes written. */
export function measureExpansion(doc: Document): ExpansionReport {
  const anchors = new Map<string, YNode>();
  const memo = new Map<YNode, number>();
  const targets = new Map<Alias, YNode>();
  let literal = 0;
  let aliasCount = 0;
  let anchorCount = 0;
  let biggest: { alias: Alias; size: number } | undefined;
  // Iterative post-order walk (documents may be nested 10^5 deep).
  type Frame = { node: YNode; children: unknown[]; i: number; size: number };
  const stack: Frame[] = [];
  const childrenOf = (node: YNode): unknown[] => {
    if (isCollection(node)) {
      const out: unknown[] = [];
      for (const it of node.items as unknown[]) {
        if (isPair(it)) out.push(it.key, it.value);
        else out.push(it);
      }
      return out;
    }
    return [];
  };
  let result = 0;
  const visit = (n: unknown): number | null => {
    // returns the size directly for leaves, null when a frame was pushed
    if (n === null || n === undefined || typeof n !== 'object') return n === null || n === undefined ? 0 : 1;
    const node = n as YNode;
    if (isAlias(node)) {
      literal++;
      aliasCount++;
      const target = anchors.get(node.source);
      if (!target) return 1;
      targets.set(node, target);
      const size = memo.get(target) ?? 1; // a recursive alias (to an ancestor) counts as one value
      if (!biggest || size > biggest.size) biggest = { alias: node, size };
      return size;
    }
    literal++;
    if (node.anchor) {
      anchorCount++;
      anchors.set(node.anchor, node);
    }
    if (isScalar(node) || !isCollection(node)) {
      memo.set(node, 1);
      return 1;
    }
    stack.push({ node, children: childrenOf(node), i: 0, size: 1 });
    return null;
  };
  const root = doc.contents as unknown;
  const first = visit(root);
  if (first !== null) result = first;
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i < top.children.length) {
      const s = visit(top.children[top.i++]);
      if (s !== null) top.size = Math.min(top.size + s, Number.MAX_SAFE_INTEGER);
      continue;
    }
    stack.pop();
    memo.set(top.node, top.size);
    if (stack.length) {
      const parent = stack[stack.length - 1];
      parent.size = Math.min(parent.size + top.size, Number.MAX_SAFE_INTEGER);
    } else result = top.size;
  }
  const report: ExpansionReport = { literal, expanded: result, targets, aliases: aliasCount, anchors: anchorCount };
  if (biggest && (result > MAX_EXPANDED_NODES || result - literal > MAX_ALIAS_EXPANSION)) report.culprit = biggest.alias;
  return report;
}

/** Why the expansion is refused, or null when within the caps. */
export function expansionProblem(r: ExpansionReport): string | null {
  const name = r.culprit ? ` (the largest alias is *${r.culprit.source})` : '';
  if (r.aliases > MAX_ALIASES || r.anchors > MAX_ANCHORS) {
    return (
      `The annotations file uses ${r.aliases.toLocaleString('en-US')} aliases and ${r.anchors.toLocaleString('en-US')} anchors: at most ` +
      `${MAX_ALIASES.toLocaleString('en-US')} aliases (*name) and ${MAX_ANCHORS.toLocaleString('en-US')} anchors (&name) are read. ` +
      'Write the items out instead. The file is not used; the last good annotations stay in force.'
    );
  }
  if (r.expanded - r.literal > MAX_ALIAS_EXPANSION) {
    return (
      `The annotations file's aliases expand it from ${r.literal.toLocaleString('en-US')} to ${fmt(r.expanded)} values${name}: ` +
      `at most ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values may come from aliases. ` +
      'Write the items out instead of repeating them with *aliases. The file is not used; the last good annotations stay in force.'
    );
  }
  if (r.expanded > MAX_EXPANDED_NODES) {
    return (
      `The annotations file holds ${fmt(r.expanded)} values: at most ${MAX_EXPANDED_NODES.toLocaleString('en-US')} are read. ` +
      'Split it into several annotations files. The file is not used; the last good annotations stay in force.'
    );
  }
  return null;
}

function fmt(n: number): string {
  return n >= Number.MAX_SAFE_INTEGER ? 'more than 9 quadrillion' : n.toLocaleString('en-US');
}
