// The CLI options for large inputs, shared by `analyze` and `check`: --shard and --jobs.
import { cores } from './pool';

const SCALE_OPTIONS: Array<[string, string]> = [
  [
    '--shard I/N',
    'Take only the I-th of N equal, contiguous parts of the input files (listed in the same sorted order on every machine), e.g. one per CI job; combine the jobs\' JSON or SARIF outputs with `factmark merge`.',
  ],
  [
    '--jobs N',
    'Analyse on N worker threads (1: in this thread). Default: one per core when there are at least two files and 512 KB of text, else in this thread. The output is the same, in the same order, whatever N.',
  ],
];

/** Help lines for --shard and --jobs, the descriptions starting at column `col` (0-based). */
export function scaleOptionsHelp(col: number, width = 100): string {
  let out = '';
  for (const [opt, text] of SCALE_OPTIONS) {
    const words = text.split(' ');
    let line = ('  ' + opt).padEnd(col);
    let fresh = true;
    for (const w of words) {
      if (!fresh && line.length + 1 + w.length > width) {
        out += line + '\n';
        line = ' '.repeat(col);
        fresh = true;
      }
      line += (fresh ? '' : ' ') + w;
      fresh = false;
    }
    out += line + '\n';
  }
  return out;
}

/** --jobs N: a whole number from 1 (in-process), capped at 4 × the cores. */
export function parseJobs(value: string | undefined): number | undefined | string {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < 1) return `--jobs must be a whole number from 1 (got "${value}")`;
  return Math.min(n, 4 * cores());
}
