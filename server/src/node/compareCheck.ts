// `factmark check` across sources: the checked sources compared with each other (engine/compare),
// giving FM010/FM011 findings and the corroboration counts FM004 ranks by.
import * as path from 'node:path';
import { compareSources, compareFindings, corroborationOf } from '../engine/compare';
import type { CheckOptions, LoadedAnnotations, SourceInput } from '../engine/annotations/api';
import type { Finding } from '../engine/types';
import { annotationsForCompare, sourceMeta } from './compareCommand';
import type { CrossSource } from './checkFile';

export function crossSourceChecks(inputs: SourceInput[], loaded: LoadedAnnotations[], opts: CheckOptions): CrossSource {
  const byPath = new Map(inputs.map((i) => [i.path, i]));
  if (inputs.length < 2) return { optionsFor: () => opts, findingsFor: (): Finding[] => [], inputFor: (p) => byPath.get(p) };
  const self = new Map(inputs.map((i) => [i.path, i.path]));
  const result = compareSources(
    inputs.map((i) => ({ path: i.path, text: i.text, analysis: i.analysis, ...sourceMeta(loaded, i.path) })),
    annotationsForCompare(loaded, self),
  );
  // Name the outlet, as the editor does: "Agence France-Presse (000_….txt)"; the file alone when unknown.
  const label = (p: string): string => {
    const outlet = result.sources.find((s) => s.path === p)?.outlet;
    return outlet ? `${outlet} (${path.basename(p)})` : path.basename(p);
  };
  return {
    optionsFor: (p: string): CheckOptions => ({ ...opts, corroborate: (start, end) => corroborationOf(result, p, start, end) }),
    findingsFor: (p: string): Finding[] => compareFindings(result, p, { severities: opts.severities, label }),
    inputFor: (p: string) => byPath.get(p),
  };
}
