// Findings of the comparison in one source: FM010 figure-differs (the same quantity reported with
// another value or qualifier elsewhere) and FM011 quote-speaker-differs (the same quote attributed
// to someone else by another outlet). Pure TypeScript.
import type { Finding, Severity } from '../types';
import type { CompareResult } from './index';

export const COMPARE_RULES = {
  FM010: { rule: 'figure-differs', severity: 'info' as Severity, description: 'The same quantity (matched by what is counted) is reported with a different value or qualifier in another source.' },
  FM011: { rule: 'quote-speaker-differs', severity: 'warning' as Severity, description: 'Another source attributes the same quote to a different speaker.' },
};

export interface CompareFindingOptions {
  severities?: Partial<Record<string, Severity | 'off'>>;
  /** How to name another source in messages (default: the path's last segment). */
  label?: (path: string) => string;
}

const baseName = (p: string) => decodeURIComponent(p.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? p);

/** FM010/FM011 findings of the source `path` (as given in CompareSource.path), sorted by offset. */
export function compareFindings(result: CompareResult, path: string, opts: CompareFindingOptions = {}): Finding[] {
  const out: Finding[] = [];
  const label = opts.label ?? baseName;
  const sev = (code: 'FM010' | 'FM011') => opts.severities?.[code] ?? COMPARE_RULES[code].severity;
  const s10 = sev('FM010');
  if (s10 !== 'off') {
    for (const g of result.figures) {
      if (!g.differs) continue;
      const here = g.values.filter((v) => v.path === path);
      if (!here.length) continue;
      const others = g.values.filter((v) => v.path !== path);
      for (const v of here) {
        const differing = others.filter((o) => o.value !== v.value || o.qualifier !== v.qualifier);
        if (!differing.length) continue;
        const list = uniqBy(differing, (o) => o.path + '\u0000' + o.text)
          .slice(0, 3)
          .map((o) => `"${o.text}" in ${label(o.path)}`)
          .join('; ');
        out.push({
          code: 'FM010',
          rule: COMPARE_RULES.FM010.rule,
          severity: s10,
          start: v.start,
          end: v.end,
          message: `Figure differs between sources for ${g.what}: "${v.text}" here; ${list}${differing.length > 3 ? "; …" : ""}.`,
          data: { rule: COMPARE_RULES.FM010.rule, group: g.id, what: g.what, key: g.key, found: v.text, values: g.values.map((x) => ({ text: x.text, value: x.value, unit: x.unit, qualifier: x.qualifier, path: x.path, start: x.start, end: x.end, sentence: x.sentence })) },
        });
      }
    }
  }
  const s11 = sev('FM011');
  if (s11 !== 'off') {
    for (const q of result.quotes) {
      if (!q.speakerDiffers || !q.speakerGroup) continue;
      for (const w of q.wordings) {
        if (w.path !== path || !w.speakerGroup || w.speakerGroup === q.speakerGroup) continue;
        const others = q.wordings.filter((o) => o.path !== path && o.speakerGroup === q.speakerGroup);
        const n = new Set(others.map((o) => o.path)).size;
        out.push({
          code: 'FM011',
          rule: COMPARE_RULES.FM011.rule,
          severity: s11,
          start: w.start,
          end: w.end,
          message: `Quote attributed here to ${w.speaker ?? 'another speaker'}, but ${n} other source${n === 1 ? '' : 's'} attribute${n === 1 ? 's' : ''} it to ${q.speaker} (${others.slice(0, 3).map((o) => label(o.path)).join(', ')}).`,
          data: { rule: COMPARE_RULES.FM011.rule, group: q.id, foundSpeaker: w.speaker, speaker: q.speaker, others: others.map((o) => ({ path: o.path, start: o.start, end: o.end, text: o.text, speaker: o.speaker })) },
        });
      }
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

function uniqBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
