// Markdown for hovers (plain strings; the LSP layer wraps them in MarkupContent).
import type { AnnotationsModel } from './api';
import type { WorthinessResult } from './worthiness';
import { wordDiff } from './check';

/** Escape characters that Markdown would interpret. */
export function mdEscape(s: string): string {
  return s.replace(/([\\`*_{}\[\]<>#|~])/g, '\\$1');
}

function quoteBlock(s: string): string {
  return s
    .trim()
    .split(/\r?\n/)
    .map((l) => `> ${mdEscape(l)}`)
    .join('\n');
}

const STANCE: Record<string, string> = {
  supports: '✅ supports',
  contradicts: '❌ contradicts',
  context: 'ℹ️ context',
};

const CLASS_ICON: Record<string, string> = {
  refuted: '❌',
  disputed: '⚠️',
  unproven: '❔',
  supported: '✅',
};

/**
 * Hover for a claim: verdict (label and rating value), explanation, each evidence passage as a
 * blockquote with its stance and source outlet (linked when `sourceLink` gives a link), reviewer and
 * date. Returns undefined when the claim does not exist.
 */
export function claimHoverMarkdown(
  model: AnnotationsModel,
  claimId: string,
  opts: { sourceLink?: (sourceId: string, passage?: string) => string | undefined } = {},
): string | undefined {
  const claim = model.claims.find((c) => c.id === claimId);
  if (!claim) return undefined;
  const lines: string[] = [];
  const rating = claim.verdict ? model.scale.find((s) => s.id === claim.verdict) : undefined;
  const values = model.scale.map((s) => s.value);
  const best = values.length ? Math.max(...values) : undefined;
  if (rating) {
    lines.push(`**${CLASS_ICON[rating.class] ?? ''} ${mdEscape(rating.label)}** — rating ${rating.value}${best !== undefined ? `/${best}` : ''} · claim \`${claim.id}\``);
  } else if (claim.verdict) {
    lines.push(`**Verdict \`${mdEscape(claim.verdict)}\`** (not on the rating scale) · claim \`${claim.id}\``);
  } else {
    lines.push(`**Not yet rated**${claim.status ? ` (${mdEscape(claim.status)})` : ''} · claim \`${claim.id}\``);
  }
  if (claim.claimant) {
    const who = model.entities.find((e) => e.id === claim.claimant);
    lines.push('', `Claimed by ${mdEscape(who?.name ?? claim.claimant)}`);
  }
  if (claim.explanation) lines.push('', mdEscape(claim.explanation.trim()));
  const evidence = claim.evidence ?? [];
  if (evidence.length) {
    lines.push('', `**Evidence** (${evidence.length})`);
    for (const ev of evidence) {
      const src = ev.source ? model.sources.find((s) => s.id === ev.source) : undefined;
      const outlet = src?.outlet ?? src?.title ?? ev.source;
      const link = ev.source ? opts.sourceLink?.(ev.source, ev.passage) : undefined;
      const url = link ?? ev.url ?? src?.url;
      const who = outlet ? (url ? `[${mdEscape(outlet)}](${url})` : mdEscape(outlet)) : url ? `[${url}](${url})` : 'unsourced';
      lines.push('', `${STANCE[ev.stance] ?? ev.stance} — ${who}${src?.published ? `, ${mdEscape(src.published)}` : ''}`, '', quoteBlock(ev.passage));
      if (ev.note) lines.push('', `*${mdEscape(ev.note)}*`);
    }
  } else {
    lines.push('', '*No evidence recorded.*');
  }
  const by = [claim.reviewer ? `Reviewed by ${mdEscape(claim.reviewer)}` : '', claim.date ? `on ${mdEscape(claim.date)}` : ''].filter(Boolean).join(' ');
  if (by || claim.status) lines.push('', '---', [by, claim.status ? `status: ${mdEscape(claim.status)}` : ''].filter(Boolean).join(' · '));
  return lines.join('\n');
}

/** Word-level diff of a quote: ~~removed~~ (canonical only) and **added** (found only). */
export function quoteDiffMarkdown(found: string, canonical: string): string {
  const parts = wordDiff(canonical, found);
  const body = parts
    .map((p) => {
      const t = mdEscape(p.text);
      if (p.op === 'equal' || !p.text.trim()) return t;
      // Keep surrounding spaces outside the markers so Markdown renders them.
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(t) as RegExpExecArray;
      return p.op === 'removed' ? `${m[1]}~~${m[2]}~~${m[3]}` : `${m[1]}**${m[2]}**${m[3]}`;
    })
    .join('');
  return [
    '**Quote wording differs from the canonical wording**',
    '',
    `> ${body}`,
    '',
    '~~struck~~ = canonical wording missing here · **bold** = wording only in this text',
    '',
    'Canonical:',
    '',
    quoteBlock(canonical),
  ].join('\n');
}

/** Why a sentence counts as a check-worthy claim. */
export function worthinessMarkdown(result: WorthinessResult, threshold?: number): string {
  const pos = result.reasons.filter((r) => !r.startsWith('but '));
  const neg = result.reasons.filter((r) => r.startsWith('but '));
  const lines = [
    `**Check-worthy claim** — score ${result.score.toFixed(2)}${threshold !== undefined ? ` (threshold ${threshold.toFixed(2)})` : ''}`,
    '',
    'Counts as a claim because it:',
    ...pos.map((r) => `- ${mdEscape(r)}`),
  ];
  if (neg.length) lines.push('', 'Lowered because:', ...neg.map((r) => `- ${mdEscape(r.replace(/^but /, ''))}`));
  lines.push('', 'No annotation covers it: use **Annotate this claim** to record a verdict, or dismiss it.');
  return lines.join('\n');
}
