// Markdown explaining a claim match (hover on a matched sentence). Plain strings; the LSP layer wraps
// them in MarkupContent.
import { mdEscape } from '../annotations/present';

function list(xs: unknown): string[] {
  return Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string') : [];
}

/** "Matches checked claim …": the claim as recorded, how it matched and why (from a finding's data). */
export function claimMatchMarkdown(data: Record<string, unknown>): string | undefined {
  const match = data.match;
  if (match !== 'exact' && match !== 'paraphrase') return undefined;
  const score = typeof data.score === 'number' ? data.score : undefined;
  const why = (data.why ?? {}) as Record<string, unknown>;
  const lines: string[] = [];
  const how = match === 'exact' ? '**verbatim** copy' : `**paraphrase**${score !== undefined ? ` — similarity ${score.toFixed(2)}` : ''}`;
  lines.push(`**Matches checked claim** \`${String(data.claimId ?? '')}\` · ${how}${data.recordedAppearance ? ' · recorded appearance' : ''}`);
  if (typeof data.claimText === 'string') lines.push('', 'Recorded as:', '', `> ${mdEscape(data.claimText.replace(/\s+/g, ' ').trim())}`);
  const parts: string[] = [];
  const ents = list(why.entities);
  const nums = list(why.numbers);
  const dates = list(why.dates);
  const words = list(why.words);
  if (ents.length) parts.push(`names: ${ents.map((e) => `“${mdEscape(e)}”`).join(', ')}`);
  if (nums.length) parts.push(`figures: ${nums.map((e) => `“${mdEscape(e)}”`).join(', ')}`);
  if (dates.length) parts.push(`dates: ${dates.map((e) => `“${mdEscape(e)}”`).join(', ')}`);
  if (words.length && match === 'paraphrase') parts.push(`key words: ${words.slice(0, 12).map((w) => `*${mdEscape(w)}*`).join(', ')}`);
  if (parts.length) lines.push('', `Why it matched — shared ${parts.join('; ')}.`);
  const missing = list(why.missing);
  if (missing.length && match === 'paraphrase') lines.push('', `Not in this sentence: ${missing.slice(0, 8).map((w) => `*${mdEscape(w)}*`).join(', ')}.`);
  return lines.join('\n');
}

/** FM009: the claims a sentence matches equally well. */
export function ambiguousMatchMarkdown(data: Record<string, unknown>): string | undefined {
  const cands = Array.isArray(data.candidates) ? (data.candidates as Array<Record<string, unknown>>) : [];
  if (!cands.length) return undefined;
  const lines = [`**Matches ${cands.length} checked claims equally well** — no verdict applied (never a guess).`, ''];
  for (const c of cands) {
    const v = typeof c.verdictLabel === 'string' ? ` — ${mdEscape(c.verdictLabel)}` : '';
    const sc = typeof c.score === 'number' ? ` (similarity ${c.score.toFixed(2)})` : '';
    lines.push(`- \`${String(c.claimId)}\`${v}${sc}: ${typeof c.text === 'string' ? mdEscape(c.text.replace(/\s+/g, ' ').trim()) : ''}`);
  }
  lines.push('', 'Use **Not this claim** on the wrong one, or reword the sentence.');
  return lines.join('\n');
}
