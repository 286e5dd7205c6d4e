// Metadata of the diagnostic codes, for SARIF `rules` and CLI help. The codes themselves are defined
// (and documented) in server/src/engine/types.ts and README.md ("Diagnostic codes").
import { FINDING_RULES } from '../engine/annotations/check';
import type { FindingCode, Severity } from '../engine/types';

export interface RuleInfo {
  code: FindingCode;
  rule: string;
  /** Default severity (before `factmark.diagnostics.severity` / --severity overrides). */
  severity: Severity;
  short: string;
}

const OWN_RULES: readonly RuleInfo[] = [
  { code: 'FM001', rule: 'claim-refuted', severity: 'error', short: 'The claim is rated false/refuted in the annotations.' },
  { code: 'FM002', rule: 'claim-disputed', severity: 'warning', short: 'The claim is rated disputed, misleading or mixed in the annotations.' },
  { code: 'FM003', rule: 'claim-needs-evidence', severity: 'info', short: 'The annotated claim has no or insufficient evidence.' },
  { code: 'FM004', rule: 'unsupported-claim', severity: 'hint', short: 'A check-worthy sentence that no annotation covers.' },
  { code: 'FM005', rule: 'quote-wording', severity: 'warning', short: 'The quote differs from its annotated canonical wording.' },
  { code: 'FM006', rule: 'quote-speaker', severity: 'warning', short: 'The quote is attributed to a different speaker than annotated.' },
  { code: 'FM007', rule: 'entity-spelling', severity: 'info', short: 'The name differs from the canonical name and its aliases.' },
  { code: 'FM008', rule: 'claim-supported', severity: 'info', short: 'The sentence makes a claim rated true or mostly true in the annotations.' },
  { code: 'FM009', rule: 'claim-match-ambiguous', severity: 'warning', short: 'The sentence matches two checked claims equally well; no verdict applied.' },
  { code: 'FM010', rule: 'figure-differs', severity: 'info', short: 'Another source reports the same quantity with a different value or qualifier.' },
  { code: 'FM011', rule: 'quote-speaker-differs', severity: 'warning', short: 'Another source attributes the same quote to a different speaker.' },
  { code: 'FM100', rule: 'annotations-syntax', severity: 'error', short: 'YAML syntax error in the annotations file.' },
  { code: 'FM101', rule: 'annotations-schema', severity: 'error', short: 'Wrong type, unknown key or missing field in the annotations file.' },
  { code: 'FM102', rule: 'annotations-duplicate-id', severity: 'error', short: 'The same id is used twice in the annotations file.' },
  { code: 'FM103', rule: 'annotations-unknown-reference', severity: 'error', short: 'Reference to an unknown entity, source, rating or file.' },
  { code: 'FM104', rule: 'annotations-orphan', severity: 'warning', short: 'An annotation whose text is no longer found in its source.' },
  { code: 'FM105', rule: 'annotations-ambiguous', severity: 'warning', short: 'An annotation that matches several places equally well.' },
  { code: 'FM900', rule: 'document-too-large', severity: 'info', short: 'The document is larger than the size cap and is not analysed.' },
  { code: 'FM901', rule: 'too-many-findings', severity: 'info', short: 'More findings than the per-document cap: the most serious are shown, this one summarises the rest (editor only).' },
];

/** The table above, with the checker's own descriptions and default severities where it defines them. */
export const RULES: readonly RuleInfo[] = OWN_RULES.map((r) => {
  const engine = (FINDING_RULES as Record<string, { rule: string; severity: Severity; description: string } | undefined>)[r.code];
  return engine ? { code: r.code, rule: engine.rule, severity: engine.severity, short: engine.description } : r;
});

export const RULES_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };
