// What the annotations say about the entities of a source: the annotated entity a mention refers
// to (by name or alias, or — for a spelling finding, FM007 — the entity it misspells), and the type
// the annotations give it ("Kremlin" recorded as a place), used by hovers and semantic tokens.
import type { Entity, EntityType } from '../engine/types';
import type { SourceState } from './context';
import { annotatedEntityFor, clusterOf, type AnnotatedEntity } from './match';
import type { FactmarkSettings } from './settings';
import type { TokenOptions } from './tokens';

const CACHE = new WeakMap<SourceState, Map<string, AnnotatedEntity | null>>();
/** FM007 findings of a state by span → entity id. */
const SPELLING = new WeakMap<SourceState, Map<string, string>>();

const TYPED: Record<string, EntityType> = { person: 'person', place: 'place', organization: 'organization' };

/** The annotated entity of a mention: by name/alias, else the entity a spelling finding names. */
export function annotatedEntityOf(state: SourceState, mention: Entity): { entity: AnnotatedEntity; misspelt: boolean } | null {
  const model = state.annotations?.good?.model;
  if (!model || !state.analysis) return null;
  let byCluster = CACHE.get(state);
  if (!byCluster) CACHE.set(state, (byCluster = new Map()));
  const key = `${mention.clusterId}\u0000${mention.text}`;
  let ent = byCluster.get(key);
  if (ent === undefined) {
    ent = annotatedEntityFor(model, clusterOf(state.analysis, mention.clusterId), mention.text);
    byCluster.set(key, ent);
  }
  if (ent) return { entity: ent, misspelt: false };
  let spelling = SPELLING.get(state);
  if (!spelling) {
    spelling = new Map();
    for (const f of state.findings) if (f.code === 'FM007' && typeof f.data?.entityId === 'string') spelling.set(`${f.start}:${f.end}`, f.data.entityId);
    SPELLING.set(state, spelling);
  }
  const id = spelling.get(`${mention.start}:${mention.end}`);
  const typo = id ? model.entities.find((e) => e.id === id) : undefined;
  return typo ? { entity: typo, misspelt: true } : null;
}

/** The type the annotations give the mention's entity, when it is a person, place or organisation
 *  and differs from the recogniser's guess. */
export function annotatedTypeOf(state: SourceState, mention: Entity): EntityType | undefined {
  if (mention.type === 'date' || mention.type === 'number') return undefined;
  const t = annotatedEntityOf(state, mention)?.entity.type;
  const typed = t ? TYPED[t] : undefined;
  return typed && typed !== mention.type ? typed : undefined;
}

/** Semantic-token options of a source: the highlighted types, annotated types and modifiers. */
export function tokenOptions(state: SourceState, settings: FactmarkSettings): TokenOptions {
  const hasModel = !!state.annotations?.good?.model;
  return {
    types: new Set(settings.highlight.types),
    typeOf: hasModel ? (e) => annotatedTypeOf(state, e) : undefined,
    annotated: hasModel ? (e) => e.type !== 'date' && e.type !== 'number' && annotatedEntityOf(state, e) !== null : undefined,
  };
}
