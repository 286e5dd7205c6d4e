// Hover: entity (type, full name, mentions, spellings, annotated entity), quote (speaker, cue,
// kind, line, wording diff) and claims/findings under the cursor (verdict, evidence, why it counts).
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { AnnotationsModel } from '../engine/annotations/api';
import type { Entity, Finding, Quote } from '../engine/types';
import { claimHoverMarkdown } from '../engine/annotations/present';
import { mdText } from '../engine/markdown';
import { claimLocations, findingHoverMarkdown, sourceLinker } from './check';
import type { SourceState } from './context';
import { spanToRange } from './convert';
import { clusterOf, entityAt, quoteAt } from './match';
import { annotatedEntityMarkdown, claimLineMarkdown, dateValueMarkdown, entityTypeLabel, worthyLineMarkdown } from './hoverExtras';
import { compareHoverSections } from './compare';

const CUE_LABEL: Record<string, string> = {
  'name-before': 'name before the cue ("X said")',
  'name-after': 'name after the cue ("said X")',
  'according-to': '"according to X"',
  colon: 'introduced with a colon',
  pronoun: 'pronoun resolved to the nearest matching person',
  description: 'description resolved to a name in the document',
  continuation: 'continues the same speaker\'s quote',
  unknown: 'no attribution found',
};

/** Escapes text for Markdown inline use (every user value: see engine/markdown.ts). */
export const md = mdText;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function entityHoverMarkdown(state: SourceState, mention: Entity, model: AnnotationsModel | null): string {
  const analysis = state.analysis!;
  const cluster = clusterOf(analysis, mention.clusterId);
  const lines: string[] = [];
  const canonical = cluster?.canonical ?? mention.text;
  lines.push(`**${md(canonical)}** — ${entityTypeLabel(state, mention)}`);
  lines.push('');
  const dateValue = dateValueMarkdown(state, mention);
  if (dateValue) lines.push(dateValue, '');
  if (cluster) {
    lines.push(`Mentioned ${cluster.mentions === 1 ? 'once' : `${cluster.mentions} times`} in this document.`);
    const others = cluster.spellings.filter((s) => s !== canonical);
    if (others.length > 0) {
      lines.push('');
      lines.push(`Also written: ${others.map((s) => `“${md(s)}”`).join(', ')}`);
    }
  }
  if (mention.role === 'actor') {
    lines.push('');
    lines.push(`Here “${md(mention.text)}” stands for an actor (metonymy: a ${mention.type} used as a speaker).`);
  }
  if (mention.reason) {
    lines.push('');
    lines.push(`_Recognised by: ${md(mention.reason)}_`);
  }
  const annotated = model ? annotatedEntityMarkdown(state, mention) : null;
  if (annotated) lines.push('', '---', '', annotated);
  return lines.join('\n');
}

export function quoteHoverMarkdown(state: SourceState, q: Quote): string {
  const lines: string[] = [];
  const words = q.text.trim().split(/\s+/).filter(Boolean).length;
  const kind = q.partial ? 'Partial quote' : q.nested ? 'Nested quote' : 'Quote';
  if (q.speaker) lines.push(`**${kind}** — speaker: **${md(q.speaker)}**`);
  else lines.push(`**${kind}** — speaker unknown`);
  lines.push('');
  if (q.cue && q.cue.kind !== 'unknown') {
    const line = state.doc.positionAt(q.cue.start).line + 1;
    lines.push(`Attribution: “${md(q.cue.text)}” on line ${line} — ${CUE_LABEL[q.cue.kind] ?? q.cue.kind}.`);
  } else {
    lines.push('No attribution cue found: the speaker is left unknown rather than guessed.');
  }
  if (q.speakerMention && q.speaker && q.speakerMention.text !== q.speaker) {
    lines.push('');
    lines.push(`“${md(q.speakerMention.text)}” (line ${state.doc.positionAt(q.speakerMention.start).line + 1}) refers to ${md(q.speaker)}.`);
  }
  lines.push('');
  const startLine = state.doc.positionAt(q.start).line + 1;
  const endLine = state.doc.positionAt(q.end).line + 1;
  lines.push(`${plural(words, 'word')}, ${startLine === endLine ? `line ${startLine}` : `lines ${startLine}–${endLine}`}${q.close === null ? ' (runs on without a closing mark)' : ''}.`);
  return lines.join('\n');
}

export function hover(state: SourceState, position: Position): Hover | null {
  const analysis = state.analysis;
  if (!analysis) return null;
  const offset = state.doc.offsetAt(position);
  const model = state.annotations?.good?.model ?? null;
  const sections: string[] = [];
  let span: { start: number; end: number } | null = null;

  const mention = entityAt(analysis, offset);
  const quote = quoteAt(analysis, offset);
  if (mention) {
    sections.push(entityHoverMarkdown(state, mention, model));
    span = mention;
  } else if (quote) {
    sections.push(quoteHoverMarkdown(state, quote));
    span = { start: Math.min(quote.open, quote.start), end: quote.close !== null ? quote.close + 1 : quote.end };
  }

  // Across sources: other outlets' wordings, spellings and figures (lsp/compare.ts).
  const across = compareHoverSections(state, offset);
  sections.push(...across);
  if (!span && across.length) span = { start: offset, end: offset };

  // Findings (claims, quote wording/speaker, spellings) covering the cursor.
  // (On a name inside a quote, the quote's wording diff is left to the quote's own words.)
  const covering = state.findings.filter(
    (f: Finding) => offset >= f.start && offset <= f.end && f.code !== 'FM900' && !(mention && f.code === 'FM005'),
  );
  for (const f of covering) {
    // On a name inside a claim sentence: the entity, then one line for the claim.
    const claimId = typeof f.data?.claimId === 'string' ? f.data.claimId : undefined;
    const text = mention && claimId ? claimLineMarkdown(state, model, claimId) : mention && f.code === 'FM004' ? worthyLineMarkdown(f) : findingHoverMarkdown(f, state, model);
    if (text) sections.push(text);
    if (!span) span = f;
  }
  // Annotated claims without a finding (supported ones are silent): their verdict and evidence.
  if (model) {
    const shown = new Set(covering.map((f) => f.data?.claimId).filter((id): id is string => typeof id === 'string'));
    for (const c of claimLocations(state)) {
      if (shown.has(c.claimId) || (c.status !== 'exact' && c.status !== 'fuzzy') || c.start === undefined || c.end === undefined) continue;
      if (offset < c.start || offset > c.end) continue;
      const text = mention ? claimLineMarkdown(state, model, c.claimId) : claimHoverMarkdown(model, c.claimId, { sourceLink: sourceLinker(state, model) });
      if (!text) continue;
      shown.add(c.claimId);
      sections.push(text);
      if (!span) span = { start: c.start, end: c.end };
    }
  }
  if (sections.length === 0 || !span) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    range: spanToRange(state.doc, span),
  };
}
