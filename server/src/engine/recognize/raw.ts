// Internal mention record used while recognising (before clusters are assigned).
import type { EntityType } from '../types';

export interface RawEntity {
  start: number;
  end: number;
  type: EntityType;
  reason?: string;
  role?: 'actor';
  /** Person/org name tokens without titles (used for coreference). */
  nameTokens?: string[];
  /** Gender hint from a title or given name. */
  gender?: 'male' | 'female';
  /** Confidence class: 'strong' (lexicon/title/head) or 'weak' (default guesses). */
  strength?: 'strong' | 'weak';
  // Used by name recognition before document-level resolution (see names.ts):
  /** Unknown single-word name: resolved at document level. */
  unresolved?: boolean;
  uncertain?: boolean;
  cue?: EntityType | 'actor';
  /** Followed by 's: "Karimov's forces". */
  possessive?: boolean;
}

/**
 * Every mention record is built here, with all fields in one order (absent ones undefined), so all
 * of them (names, dates, numbers, datelines) share one object shape and the passes over them
 * (overlap resolution, clustering) stay monomorphic.
 */
export function rawEntity(
  start: number, end: number, type: EntityType, reason: string, nameTokens?: string[], strength?: 'strong' | 'weak',
  uncertain?: boolean, unresolved?: boolean, cue?: EntityType | 'actor', possessive?: boolean, gender?: 'male' | 'female',
): RawEntity {
  return { start, end, type, reason, role: undefined, nameTokens, gender, strength, unresolved, uncertain, cue, possessive };
}
