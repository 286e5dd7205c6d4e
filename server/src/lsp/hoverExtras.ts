// Hover sections kept apart from hover.ts: the annotated entity (with a link to its YAML entry,
// also for a misspelt mention), the resolved value of a date, and the one-line claim summary shown
// when the cursor is on an entity inside an annotated or check-worthy sentence.
import { pathToFileURL } from 'url';
import type { AnnotationsModel } from '../engine/annotations/api';
import { sourceIdFor } from '../engine/annotations/check';
import { datelineDate, parseIsoDay, resolveDateEntity } from '../engine/recognize/resolve-dates';
import type { Entity, Finding } from '../engine/types';
import { annotatedEntityOf, annotatedTypeOf } from './annotatedTypes';
import type { SourceState } from './context';
import { mdCode, mdLink, mdText } from '../engine/markdown';

const TYPE_LABEL: Record<string, string> = {
  person: 'Person',
  place: 'Place',
  organization: 'Organization',
  date: 'Date / time',
  number: 'Number / quantity',
};

const md = mdText;

/** "Place" for Kremlin when the annotations record it as a place, whatever the recogniser guessed. */
export function entityTypeLabel(state: SourceState, mention: Entity): string {
  const t = annotatedTypeOf(state, mention) ?? mention.type;
  return TYPE_LABEL[t] ?? t;
}

/** file: URI of a line of the annotations file in scope ("…/annotations.yaml#L12"). */
export function yamlLink(state: SourceState, offset: number | undefined): string | undefined {
  const ann = state.annotations?.good;
  if (!ann || offset === undefined) return undefined;
  let line = 1;
  for (let i = 0; i < offset && i < ann.text.length; i++) if (ann.text.charCodeAt(i) === 10) line++;
  return `${pathToFileURL(ann.path).toString()}#L${line}`;
}

/** The annotated entity section of an entity hover (also for a misspelling of it), or null. */
export function annotatedEntityMarkdown(state: SourceState, mention: Entity): string | null {
  const hit = annotatedEntityOf(state, mention);
  if (!hit) return null;
  const ent = hit.entity;
  const idx = state.annotations?.good?.index?.entity?.[ent.id];
  const link = yamlLink(state, idx?.idSpan?.start ?? idx?.span.start);
  const name = link ? mdLink(ent.name, link, true) : md(ent.name);
  const wd = ent.wikidata ? ` · ${mdLink(`Wikidata ${ent.wikidata}`, `https://www.wikidata.org/wiki/${encodeURIComponent(ent.wikidata)}`)}` : '';
  const lines = [`Annotations: **${name}** (${mdCode(ent.id)}, ${md(ent.type)})${wd}`];
  if (hit.misspelt) lines.push('', `“${md(mention.text)}” is not a recorded spelling of this entity (see the spelling finding below).`);
  if (ent.description) lines.push('', md(ent.description));
  if (ent.aliases.length > 0) lines.push('', `Known spellings: ${ent.aliases.map((a) => `“${md(a)}”`).join(', ')}`);
  return lines.join('\n');
}

/** The publication date relative dates of this source resolve against, and where it comes from. */
export function referenceDate(state: SourceState): { day: number; from: string } | undefined {
  const ann = state.annotations?.good;
  const model = ann?.model;
  if (ann && model && state.path) {
    const id = sourceIdFor(ann, state.path);
    const src = id ? model.sources.find((s) => s.id === id) : undefined;
    const day = parseIsoDay(src?.published);
    if (day !== undefined) return { day, from: `published ${src!.published!.slice(0, 10)}${src!.outlet ? ` (${src!.outlet})` : ''}, from the annotations` };
  }
  if (!state.analysis) return undefined;
  const d = datelineDate(state.analysis, state.text);
  return d === undefined ? undefined : { day: d, from: `the dateline date ${new Date(d).toISOString().slice(0, 10)}` };
}

/** "Wednesday → Wed 15 Oct 2025" for a date mention (relative ones against the publication date). */
export function dateValueMarkdown(state: SourceState, mention: Entity): string | null {
  if (mention.type !== 'date' || !state.analysis) return null;
  const ref = referenceDate(state);
  const r = resolveDateEntity(mention, state.text, state.analysis, ref?.day);
  if (r) {
    const head = `${md(mention.text)} → **${md(r.label)}** (${mdCode(r.value)})`;
    return r.relative && ref ? `${head}\n\nRelative to the publication date: ${md(ref.from)}.` : head;
  }
  if (!ref && resolveDateEntity(mention, state.text, state.analysis, Date.UTC(2000, 0, 5))) {
    return `Relative date: no publication date known for this source (add \`published\` to its entry in the annotations).`;
  }
  return null;
}

const CLASS_ICON: Record<string, string> = { refuted: '❌', disputed: '⚠️', unproven: '❔', supported: '✅' };

/** One line for the claim a sentence makes (entity hovers): its verdict and a link to the entry. */
export function claimLineMarkdown(state: SourceState, model: AnnotationsModel | null, claimId: string): string | null {
  const claim = model?.claims.find((c) => c.id === claimId);
  if (!model || !claim) return null;
  const rating = claim.verdict ? model.scale.find((s) => s.id === claim.verdict) : undefined;
  const verdict = rating ? `${CLASS_ICON[rating.class] ?? ''} **${md(rating.label)}**`.trim() : claim.verdict ? `verdict ${mdCode(claim.verdict)}` : '**not yet rated**';
  const idx = state.annotations?.good?.index?.claim?.[claimId];
  const link = yamlLink(state, idx?.idSpan?.start ?? idx?.span.start);
  return `In a claim rated ${verdict} — hover the sentence outside a name for the verdict and evidence${link ? ` · ${mdLink(`open claim ${claimId}`, link, true)}` : ''}`;
}

/** One line for an unannotated check-worthy sentence (FM004) around an entity. */
export function worthyLineMarkdown(f: Finding): string {
  const score = typeof f.data?.score === 'number' ? ` (check-worthiness ${f.data.score.toFixed(2)})` : '';
  return `In a check-worthy sentence not yet checked${score} — hover the sentence outside a name for why it counts.`;
}
