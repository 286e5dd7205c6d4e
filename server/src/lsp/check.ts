// Thin adapter between the LSP layer and the claim checker (engine/annotations/check.ts,
// present.ts): runs the checks with the user's settings and renders finding hovers.
import * as path from 'path';
import type { AnnotationsModel, CheckOptions, LoadedAnnotations, SourceInput } from '../engine/annotations/api';
import { corroborationMarkdown, type Corroboration } from '../engine/compare';
import { anchorClaims, checkAnchors, checkSource, matchQuotes, type ClaimLocation, type QuoteMatch } from '../engine/annotations/check';
import { claimHoverMarkdown, quoteDiffMarkdown, worthinessMarkdown } from '../engine/annotations/present';
import type { Finding } from '../engine/types';
import { mdCode, mdText } from '../engine/markdown';
import { ambiguousMatchMarkdown, claimMatchMarkdown } from '../engine/match/present';
import type { SourceState } from './context';
import { passageLink } from './passage-links';
import type { FactmarkSettings } from './settings';

export function checkOptions(settings: FactmarkSettings) {
  return { claimThreshold: settings.claims.threshold, severities: settings.diagnostics.severity };
}

/** Findings of one source against the annotations in scope (none in scope: FM004 only). */
export function sourceFindings(src: SourceInput, loaded: LoadedAnnotations | null, settings: FactmarkSettings, corroborate?: CheckOptions['corroborate']): Finding[] {
  return checkSource(src, loaded ? [loaded] : [], corroborate ? { ...checkOptions(settings), corroborate } : checkOptions(settings));
}

/** FM104/FM105 of an annotations file, anchoring its claims and quotes in its declared sources. */
export function anchorFindings(
  loaded: LoadedAnnotations,
  sourceFor: (absPath: string) => SourceInput | null,
  settings: FactmarkSettings,
): Finding[] {
  const model = loaded.model;
  if (!model) return [];
  const sources: SourceInput[] = [];
  const seen = new Set<string>();
  for (const s of model.sources) {
    if (typeof s.file !== 'string' || !s.file) continue;
    const abs = path.resolve(path.dirname(loaded.path), s.file);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const input = sourceFor(abs);
    if (input) sources.push(input);
  }
  return checkAnchors(loaded, sources, checkOptions(settings));
}

/** Where the annotated claims are in this source (cached on the state). */
export function claimLocations(state: SourceState): ClaimLocation[] {
  const cache = state as SourceState & { claimLocations?: ClaimLocation[] };
  if (cache.claimLocations) return cache.claimLocations;
  const loaded = state.annotations?.good;
  cache.claimLocations = loaded && state.path ? anchorClaims(loaded, { path: state.path, text: state.text }) : [];
  return cache.claimLocations;
}

/** Which annotated quote each quote of this source reproduces (cached on the state). */
export function quoteMatches(state: SourceState): QuoteMatch[] {
  const cache = state as SourceState & { quoteMatches?: QuoteMatch[] };
  if (cache.quoteMatches) return cache.quoteMatches;
  const loaded = state.annotations?.good;
  cache.quoteMatches =
    loaded && state.analysis ? matchQuotes([loaded], { path: state.path ?? state.uri, text: state.text, analysis: state.analysis }) : [];
  return cache.quoteMatches;
}

/** file: URI of a source declared in the model, for links in hovers. */
export function sourceLinker(state: SourceState, model: AnnotationsModel): (sourceId: string, passage?: string) => string | undefined {
  const yamlPath = state.annotations?.path;
  return (sourceId, passage) => {
    const src = model.sources.find((s) => s.id === sourceId);
    if (!src?.file || !yamlPath) return undefined;
    return passageLink(path.resolve(path.dirname(yamlPath), src.file), passage);
  };
}

const esc = mdText;
const code = (v: unknown) => mdCode(typeof v === 'string' ? v : '');

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Hover text for one finding, built from its data (no re-check). */
export function findingHoverMarkdown(f: Finding, state: SourceState, model: AnnotationsModel | null): string | null {
  const data = f.data ?? {};
  switch (f.code) {
    case 'FM001':
    case 'FM002':
    case 'FM003':
    case 'FM008': {
      const claimId = str(data.claimId);
      // A claim matched here (recorded for another document): how and why it matched first.
      const how = claimMatchMarkdown(data);
      if (model && claimId) {
        const text = claimHoverMarkdown(model, claimId, { sourceLink: sourceLinker(state, model) });
        if (text) return how ? `${how}\n\n${text}` : text;
      }
      return how ? `${how}\n\n${esc(f.message)}` : esc(f.message);
    }
    case 'FM009':
      return ambiguousMatchMarkdown(data) ?? f.message;
    case 'FM004': {
      const reasons = Array.isArray(data.reasons) ? data.reasons.filter((r): r is string => typeof r === 'string') : [];
      const score = typeof data.score === 'number' ? data.score : 0;
      const threshold = typeof data.threshold === 'number' ? data.threshold : undefined;
      const corroboration = data.corroboration as Corroboration | undefined;
      const view = (state as SourceState & { compare?: { link: (p: string, s: number, e: number) => string | undefined; label: (p: string) => string } }).compare;
      return worthinessMarkdown({ score, reasons }, threshold) + (corroboration ? '\n\n' + corroborationMarkdown(corroboration, view?.link, view?.label) : '');
    }
    case 'FM010':
    case 'FM011':
      return null; // the comparison's hover section shows the other sources' figures and wordings
    case 'FM005': {
      const found = str(data.found);
      const canonical = str(data.canonicalSegment) ?? str(data.canonical);
      const who = str(data.speakerName);
      const head = who ? `Canonical quote of **${esc(who)}** (${code(data.quoteId)})\n\n` : '';
      const note = str(data.variantNote);
      const known = data.knownVariant === true ? `**Recorded variant**${str(data.variantOutlet) ? ` (${esc(str(data.variantOutlet)!)})` : ''}: the desk already knows this wording${note ? ` — ${esc(note)}` : ''}\n\n` : '';
      return found && canonical ? known + head + quoteDiffMarkdown(found, canonical) : esc(f.message);
    }
    case 'FM006': {
      const found = str(data.foundSpeaker);
      const recorded = str(data.speakerName);
      if (found && recorded) {
        return `**Speaker differs** — attributed here to **${esc(found)}**, but the annotations record this quote (${code(data.quoteId)}) as said by **${esc(recorded)}**.`;
      }
      return esc(f.message);
    }
    case 'FM007': {
      const found = str(data.found);
      const canonical = str(data.canonical);
      const replacement = str(data.replacement) ?? canonical;
      if (found && canonical) {
        return [
          `**Spelling** — “${esc(found)}” is not a recorded spelling of **${esc(canonical)}** (${code(data.entityId)}).`,
          '',
          `Quick fixes: use “${esc(replacement ?? canonical)}”, or add “${esc(found)}” to the entity's aliases.`,
        ].join('\n');
      }
      return esc(f.message);
    }
    default:
      return `**${f.code}** ${f.rule}: ${esc(f.message)}`;
  }
}
