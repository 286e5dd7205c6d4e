// What the tests expect of a rating scale, written down once for the UI test and the extension-host
// suite (independent of the engine's own copy, so the tests check it rather than repeat it).

/** The default rating scale: used when an annotations file declares none. */
export const DEFAULT_SCALE = [
  { id: 'false', label: 'False', class: 'refuted' },
  { id: 'misleading', label: 'Misleading', class: 'disputed' },
  { id: 'mixed', label: 'Mixed', class: 'disputed' },
  { id: 'unproven', label: 'Unproven', class: 'unproven' },
  { id: 'mostly-true', label: 'Mostly true', class: 'supported' },
  { id: 'true', label: 'True', class: 'supported' },
];

/** Rating classes that must produce a diagnostic where the claim stands, with its code. */
export const CLASS_CODE: Record<string, string> = { refuted: 'FM001', disputed: 'FM002' };
