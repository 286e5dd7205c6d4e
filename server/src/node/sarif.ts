// SARIF 2.1.0 output for `factmark check --format sarif` (GitHub code scanning accepts it as is).
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { version } from '../../../package.json';
import type { Finding, Severity } from '../engine/types';
import { lineColMapper } from './files';
import { RULES, RULES_BY_CODE } from './rules';

export interface ReportedFile {
  /** Path relative to the working directory (forward slashes), or absolute when outside it. */
  path: string;
  abs: string;
  text: string;
  findings: Finding[];
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** The rule's documentation link: the docs base URL with the code's README anchor (#fm001). */
export function helpUri(code: string, docsUrl: string): string {
  return `${docsUrl.replace(/#.*$/, '')}#${code.toLowerCase()}`;
}

function encodeRelative(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

interface SarifRule {
  id: string;
  name: string;
  short: string;
  level: 'error' | 'warning' | 'note';
}

/** The rules every log lists: the known codes, in the table's order. */
export function knownRules(): SarifRule[] {
  return RULES.map((r) => ({ id: r.code, name: r.rule, short: r.short, level: LEVEL[r.severity] }));
}

/** SARIF `results` of one file (`ruleIndex` is left out for a code the rules list does not have). */
export function sarifResults(f: ReportedFile, ruleIndex: ReadonlyMap<string, number>) {
  const results = [];
  const pos = lineColMapper(f.text);
  const absolute = f.path.startsWith('/') || /^[A-Za-z]:/.test(f.path);
  for (const x of f.findings) {
    const a = pos(x.start);
    const b = pos(Math.max(x.end, x.start));
    const snippet = f.text.slice(x.start, x.end);
    results.push({
      ruleId: x.code,
      ruleIndex: ruleIndex.get(x.code),
      level: LEVEL[x.severity],
      message: { text: x.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: absolute ? { uri: pathToFileURL(f.abs).href } : { uri: encodeRelative(f.path), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: a.line,
              startColumn: a.col,
              endLine: b.line,
              endColumn: b.col,
              charOffset: x.start,
              charLength: Math.max(0, x.end - x.start),
              ...(snippet ? { snippet: { text: snippet } } : {}),
            },
          },
        },
      ],
      partialFingerprints: {
        'factmarkFinding/v1': createHash('sha256').update(`${x.code}\0${f.path}\0${snippet.replace(/\s+/g, ' ')}`).digest('hex').slice(0, 32),
      },
      properties: { rule: x.rule, severity: x.severity },
    });
  }
  return results;
}

/** The log around its results (`results` as given: an array, or a placeholder for streaming). */
export function sarifLog<T>(rules: readonly SarifRule[], cwd: string, docsUrl: string | undefined, results: T, runProperties?: Record<string, unknown>) {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'factmark',
            semanticVersion: version,
            version,
            ...(docsUrl ? { informationUri: docsUrl.replace(/#.*$/, '') } : {}),
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.short },
              fullDescription: { text: `${r.id} ${r.name}: ${r.short}` },
              ...(docsUrl ? { helpUri: helpUri(r.id, docsUrl) } : {}),
              help: { text: `${r.short} See the Factmark README, "Diagnostic codes", ${r.id}.` },
              defaultConfiguration: { level: r.level },
              properties: { tags: ['fact-checking'] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : cwd + '/').href } },
        columnKind: 'utf16CodeUnits' as const,
        results,
        ...(runProperties ? { properties: runProperties } : {}),
      },
    ],
  };
}

/** SARIF 2.1.0 log held in memory. Rules link to `docsUrl` (README anchors) only when one is given: no made-up URLs. */
export function toSarif(files: ReportedFile[], cwd: string, docsUrl?: string) {
  const usedCodes = new Set(files.flatMap((f) => f.findings.map((x) => x.code)));
  // All known rules, plus any code the engine produced that the table does not know yet.
  const rules = [
    ...knownRules(),
    ...[...usedCodes]
      .filter((c) => !RULES_BY_CODE.has(c))
      .sort()
      .map((c) => {
        const sample = files.flatMap((f) => f.findings).find((x) => x.code === c)!;
        return { id: c, name: sample.rule, short: sample.rule, level: LEVEL[sample.severity] };
      }),
  ];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  return sarifLog(rules, cwd, docsUrl, files.flatMap((f) => sarifResults(f, ruleIndex)));
}
