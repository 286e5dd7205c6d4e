// Markdown for hovers (plain strings; the LSP layer wraps them in MarkupContent).
import type { AnnotationsModel } from './api';
import type { WorthinessResult } from './worthiness';
import { diffChanges, wordDiff } from './check';
import { mdCode, mdLink, mdText } from '../markdown';

/** Escape characters that Markdown would interpret (see ../markdown.ts). */
export const mdEscape = mdText;

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
  const best = values.length ? values.reduce((a, b) => Math.max(a, b), -Infinity) : undefined;
  if (rating) {
    lines.push(`**${CLASS_ICON[rating.class] ?? ''} ${mdEscape(rating.label)}** — rating ${rating.value}${best !== undefined ? `/${best}` : ''} · claim ${mdCode(claim.id)}`);
  } else if (claim.verdict) {
    lines.push(`**Verdict ${mdCode(claim.verdict)}** (not on the rating scale) · claim ${mdCode(claim.id)}`);
  } else {
    lines.push(`**Not yet rated**${claim.status ? ` (${mdEscape(claim.status)})` : ''} · claim ${mdCode(claim.id)}`);
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
      // The workspace file link comes from the caller (inside the workspace); any other URL is
      // linked only when it is http(s), and never put in raw.
      const link = ev.source ? opts.sourceLink?.(ev.source, ev.passage) : undefined;
      const web = ev.url ?? src?.url;
      const who = outlet
        ? link
          ? mdLink(outlet, link, true)
          : mdLink(outlet, web)
        : link
          ? mdLink(ev.source ?? 'source', link, true)
          : web
            ? mdLink(web, web)
            : 'unsourced';
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
  // Each change shows what was left out, then a space, then what replaced it ("~~there is~~
  // **that Syria**"): the words never run together.
  const body = diffChanges(wordDiff(canonical, found))
    .map((p) => {
      if (p.op === 'equal') return mdEscape(p.text);
      const parts = [p.removed.trim() ? `~~${mdEscape(p.removed.trim())}~~` : '', p.added.trim() ? `**${mdEscape(p.added.trim())}**` : ''].filter(Boolean);
      return parts.join(' ');
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
