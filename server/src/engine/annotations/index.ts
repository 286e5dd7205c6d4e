// Public surface of the annotations engine (pure TypeScript).
export * from './api';
export * from './load'; // loadAnnotations, node lookup for definition/references   (owner: annotations-model helper)
export * from './edits'; // YAML edit planners that keep comments/formatting        (owner: annotations-model helper)
export * from './claimreview'; // schema.org ClaimReview JSON-LD export               (owner: annotations-model helper)
export * from './anchor'; // exact + fuzzy anchoring with min score and ambiguity margin (owner: checker helper)
export * from './check'; // findings FM001-FM007 in sources, FM104/FM105 in the YAML   (owner: checker helper)
export * from './worthiness'; // check-worthiness scoring of sentences                 (owner: checker helper)
export * from './present'; // markdown for hovers (claims, evidence, quote diffs)      (owner: checker helper)
