// Checked claims made in any document: runs the claim matcher (engine/match) over a source or draft
// and turns its matches into what checkSource reports (FM001-FM003, FM008 with the match data;
// FM009 when two claims are equally close). Pure TypeScript.
import type { Span } from '../types';
import type { AnnotationsModel, LoadedAnnotations, SourceInput } from './api';
import { buildClaimIndex, matchClaims, type ClaimIndex } from '../match';
import { normalizePath, resolveSourceFile } from './check';

type Claim = AnnotationsModel['claims'][number];

export interface MatchedClaim {
  kind: 'claim' | 'ambiguous';
  ann: LoadedAnnotations;
  claim: Claim;
  span: Span;
  message: string;
  data: Record<string, unknown>;
}

const INDEXES = new WeakMap<LoadedAnnotations, { anns: LoadedAnnotations[]; models: Array<AnnotationsModel | null>; index: ClaimIndex }>();

/** The claim index of these annotations (rebuilt when any of them changes). */
export function claimIndexFor(anns: LoadedAnnotations[]): ClaimIndex {
  const key = anns[0];
  const hit = key ? INDEXES.get(key) : undefined;
  if (hit && hit.anns.length === anns.length && hit.anns.every((a, i) => a === anns[i] && hit.models[i] === a.model)) return hit.index;
  const index = buildClaimIndex(anns);
  if (key) INDEXES.set(key, { anns: anns.slice(), models: anns.map((a) => a.model), index });
  return index;
}

/** Publication date of the document when an annotations file declares it as a source. */
function publishedOf(src: SourceInput, anns: LoadedAnnotations[]): string | undefined {
  const target = normalizePath(src.path);
  for (const ann of anns)
    for (const s of ann.model?.sources ?? []) if (s.file && s.published && resolveSourceFile(ann.path, s.file) === target) return s.published;
  return undefined;
}

/** A span widened to the sentences it overlaps most (so a fuzzy anchor never starts mid-word in the
 *  previous paragraph): sentences with at least half of their length, or half of the span, inside. */
export function snapToSentences(src: SourceInput, span: Span): Span {
  const inside = src.analysis.sentences.filter((s) => {
    const o = Math.min(s.end, span.end) - Math.max(s.start, span.start);
    return o > 0 && (o >= 0.5 * (s.end - s.start) || o >= 0.5 * (span.end - span.start));
  });
  if (!inside.length) return span;
  let start = inside[0].start;
  let end = inside[inside.length - 1].end;
  while (start < end && /\s/.test(src.text[start])) start++;
  while (end > start && /\s/.test(src.text[end - 1])) end--;
  return { start, end };
}

function squash(s: string): string {
  return s.normalize('NFC').replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"').replace(/\s+/g, ' ').trim();
}

function label(model: AnnotationsModel, claim: Claim): string | undefined {
  return claim.verdict ? model.scale.find((s) => s.id === claim.verdict)?.label : undefined;
}

/** Sentences of `src` that make a claim of `anns` (other than where anchoring placed that claim). */
export function matchedClaimsIn(src: SourceInput, anns: LoadedAnnotations[], anchored: Array<{ annotations: string; claimId: string; start: number; end: number }>): MatchedClaim[] {
  const withClaims = anns.filter((a) => a.model && a.model.claims.length);
  if (!withClaims.length) return [];
  const index = claimIndexFor(withClaims);
  // A claim's own evidence passages in this document were read by the desk as evidence, not as
  // another appearance of the claim: they are left alone.
  const excluded = anchored.slice();
  const target0 = normalizePath(src.path);
  for (const ann of withClaims) {
    const model = ann.model as AnnotationsModel;
    const here = new Set(model.sources.filter((s) => s.file && resolveSourceFile(ann.path, s.file) === target0).map((s) => s.id));
    if (!here.size) continue;
    for (const c of model.claims)
      for (const ev of c.evidence ?? []) {
        if (!ev.source || !here.has(ev.source) || !ev.passage) continue;
        const at = src.text.indexOf(ev.passage);
        if (at >= 0) excluded.push({ annotations: ann.path, claimId: c.id, start: at, end: at + ev.passage.length });
      }
  }
  // "Not this claim": dismissals naming a claim take it out of the running for that sentence (so
  // the other claim of an ambiguous pair applies).
  const notThis: Array<{ annotations: string; claimId: string; text: string }> = [];
  for (const ann of withClaims)
    for (const d of ann.model?.dismissals ?? []) {
      if (!d.claim) continue;
      if (d.file && resolveSourceFile(ann.path, d.file) !== target0 && !(ann.model?.sources ?? []).some((s) => s.id === d.file && s.file && resolveSourceFile(ann.path, s.file) === target0)) continue;
      notThis.push({ annotations: ann.path, claimId: d.claim, text: squash(d.text) });
    }
  const exclude = notThis.length ? (a: string, id: string, sentence: string) => notThis.some((n) => n.claimId === id && n.annotations === a && n.text === squash(sentence)) : undefined;
  const matches = matchClaims(index, { text: src.text, analysis: src.analysis, published: publishedOf(src, withClaims), anchored: excluded, exclude });
  const out: MatchedClaim[] = [];
  const target = normalizePath(src.path);
  for (const m of matches) {
    const ann = withClaims.find((a) => a.path === m.annotations);
    const claim = ann?.model?.claims.find((c) => c.id === m.claimId);
    if (!ann || !claim) continue;
    const span = { start: m.start, end: m.end };
    const recorded = (claim.appearances ?? []).some((a) => a.file && resolveSourceFile(ann.path, a.file) === target);
    const base = {
      match: m.match,
      score: m.score,
      why: m.why,
      claimText: claim.text,
      matchedText: src.text.slice(m.start, m.end),
      recordedAppearance: recorded,
    };
    if (m.ambiguous?.length) {
      const all = [{ annotations: m.annotations, claimId: m.claimId, score: m.score }, ...m.ambiguous];
      const candidates = all.map((c) => {
        const a = withClaims.find((x) => x.path === c.annotations);
        const cl = a?.model?.claims.find((x) => x.id === c.claimId);
        return { annotations: c.annotations, claimId: c.claimId, score: c.score, verdict: cl?.verdict, verdictLabel: a?.model && cl ? label(a.model, cl) : undefined, text: cl?.text };
      });
      const names = candidates.map((c) => `${c.claimId}${c.verdictLabel ? ` (${c.verdictLabel})` : ''}`);
      out.push({
        kind: 'ambiguous',
        ann,
        claim,
        span,
        message: `Matches ${candidates.length} checked claims equally well: ${names.join(', ')}; no verdict applied — make the sentence more specific or dismiss the wrong claim.`,
        data: { ...base, annotations: ann.path, claimIds: candidates.map((c) => c.claimId), candidates },
      });
      continue;
    }
    out.push({ kind: 'claim', ann, claim, span, message: '', data: base });
  }
  return out;
}
