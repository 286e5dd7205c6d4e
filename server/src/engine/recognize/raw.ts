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
  /** Acronym defined for this entity in parentheses right after it. */
  acronymOf?: number;
}
