// `factmark merge`: combine the JSON / SARIF outputs of `--shard I/N` runs (one per CI job) into the
// output of one unsharded run. Shards are ordered by the marker each output carries ("shard" in
// JSON, run.properties.factmarkShard in SARIF), which the merged output drops; outputs of runs
// without --shard are combined in the order given. One input is held in memory at a time.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Severity } from '../engine/types';
import { InputError } from './files';
import { analyzeJsonTemplate, bufferedWriter, checkJsonTemplate } from './jobs';
import { element, JsonStreamWriter, layout, STREAMED_ARRAY } from './jsonStream';
import { SEVERITY_RANK } from './rules';
import type { Shard } from './shard';

export const MERGE_HELP = `Usage: factmark merge [--fail-on error|warning|info|none] FILE...

Combines the outputs of \`factmark analyze --format json\`, \`factmark check --format json\` or
\`factmark check --format sarif\` run with --shard I/N (e.g. one CI job per shard) into what the same
command prints without --shard: the files in the same order, check's summary recounted, one SARIF
run with every result. Each output records its shard, so the FILEs may be given in any order, but
every shard from 1 to N must be there exactly once. Outputs of runs without --shard are combined in
the order given. The result goes to stdout.

Options:
  --fail-on error|warning|info|none
                       Exit with code 1 when a merged check finding has at least this severity
                       (default: none).
  -h, --help           Show this help.

Exit codes: 0 merged; 1 a finding reached --fail-on; 2 bad input (unreadable or not a factmark
output, outputs of different kinds or settings, a shard missing or given twice).
`;

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };
type Kind = 'analyze' | 'check' | 'sarif';

interface Doc {
  file: string;
  kind: Kind;
  shard?: Shard;
  value: Record<string, unknown>;
}

function bad(message: string): InputError {
  return new InputError(`merge: ${message}`);
}

function isShard(v: unknown): v is Shard {
  const s = v as Shard;
  return !!s && typeof s === 'object' && Number.isInteger(s.index) && Number.isInteger(s.total) && s.index >= 1 && s.index <= s.total;
}

function readDoc(file: string): Doc {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw bad(`${file}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw bad(`${file}: not JSON (${(e as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad(`${file}: not a factmark JSON or SARIF output`);
  let kind: Kind;
  let shard: unknown;
  if (Array.isArray(value.runs) && value.version === '2.1.0') {
    kind = 'sarif';
    if (value.runs.length !== 1) throw bad(`${file}: a SARIF log with ${value.runs.length} runs (factmark writes one)`);
    const run = value.runs[0] as Record<string, unknown>;
    if (!Array.isArray(run.results)) throw bad(`${file}: SARIF run without results`);
    shard = (run.properties as Record<string, unknown> | undefined)?.factmarkShard;
  } else if (Array.isArray(value.files) && Array.isArray(value.annotations) && value.summary && typeof value.summary === 'object') {
    kind = 'check';
    shard = value.shard;
  } else if (Array.isArray(value.files) && !('summary' in value)) {
    kind = 'analyze';
    shard = value.shard;
  } else {
    throw bad(`${file}: not the JSON of factmark analyze or check, nor factmark SARIF`);
  }
  if (shard !== undefined && !isShard(shard)) throw bad(`${file}: invalid shard marker ${JSON.stringify(shard)}`);
  return { file, kind, shard: shard as Shard | undefined, value };
}

/** The run of a SARIF log without its results and shard marker (what must agree between shards). */
function sarifFrame(doc: Doc): Record<string, unknown> {
  const log = { ...doc.value };
  const run = { ...(log.runs as Array<Record<string, unknown>>)[0] };
  run.results = STREAMED_ARRAY;
  if (run.properties) {
    const { factmarkShard: _dropped, ...rest } = run.properties as Record<string, unknown>;
    void _dropped;
    if (Object.keys(rest).length) run.properties = rest;
    else delete run.properties;
  }
  log.runs = [run];
  return log;
}

const SARIF_SEVERITY: Record<string, Severity> = { error: 'error', warning: 'warning', note: 'info', none: 'hint' };

export async function runMerge(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { 'fail-on': { type: 'string', default: 'none' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    out.stdout(MERGE_HELP);
    return 0;
  }
  const failOn = values['fail-on'] as string;
  if (!['error', 'warning', 'info', 'hint', 'none'].includes(failOn)) {
    throw Object.assign(new Error(`--fail-on must be error, warning, info or none (got "${failOn}")`), { code: 'ERR_PARSE_ARGS_FACTMARK' });
  }
  if (!positionals.length) throw Object.assign(new Error('merge needs the output files of the shards'), { code: 'ERR_PARSE_ARGS_FACTMARK' });

  // Pass 1: kinds, shard markers and what must agree; nothing is kept but these.
  const heads: Array<{ file: string; kind: Kind; shard?: Shard; annotations?: string[]; frame?: string }> = [];
  for (const file of positionals) {
    const d = readDoc(file);
    heads.push({
      file,
      kind: d.kind,
      shard: d.shard,
      annotations: d.kind === 'check' ? (d.value.annotations as string[]) : undefined,
      frame: d.kind === 'sarif' ? JSON.stringify(sarifFrame(d)) : undefined,
    });
  }
  const kind = heads[0].kind;
  const other = heads.find((h) => h.kind !== kind);
  if (other) throw bad(`${other.file} is ${other.kind} output but ${heads[0].file} is ${kind} output`);
  const sharded = heads.filter((h) => h.shard);
  if (sharded.length && sharded.length !== heads.length) {
    throw bad(`${heads.find((h) => !h.shard)!.file} has no shard marker but ${sharded[0].file} has (run every job with --shard I/N)`);
  }
  if (sharded.length) {
    const total = heads[0].shard!.total;
    const t = heads.find((h) => h.shard!.total !== total);
    if (t) throw bad(`${t.file} is shard ${t.shard!.index}/${t.shard!.total} but ${heads[0].file} is shard ${heads[0].shard!.index}/${total}`);
    const byIndex = new Map<number, string>();
    for (const h of heads) {
      const prev = byIndex.get(h.shard!.index);
      if (prev) throw bad(`shard ${h.shard!.index}/${total} given twice (${prev}, ${h.file})`);
      byIndex.set(h.shard!.index, h.file);
    }
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
    if (missing.length) throw bad(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${total}`).join(', ')} missing`);
    heads.sort((a, b) => a.shard!.index - b.shard!.index);
  }
  if (kind === 'sarif') {
    const f = heads.find((h) => h.frame !== heads[0].frame);
    if (f) throw bad(`${f.file} and ${heads[0].file} come from different factmark versions or settings (tool, rules or base URI differ)`);
  }
  let annotations: string[] = [];
  if (kind === 'check') {
    if (sharded.length) {
      const f = heads.find((h) => JSON.stringify(h.annotations) !== JSON.stringify(heads[0].annotations));
      if (f) throw bad(`${f.file} was checked against ${JSON.stringify(f.annotations)} but ${heads[0].file} against ${JSON.stringify(heads[0].annotations)}`);
      annotations = heads[0].annotations!;
    } else {
      annotations = [...new Set(heads.flatMap((h) => h.annotations!))];
    }
  }

  // Pass 2: write, one input at a time.
  const w = bufferedWriter(out.stdout);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  try {
    const l =
      kind === 'analyze'
        ? layout(analyzeJsonTemplate(), 0)
        : kind === 'check'
          ? layout(checkJsonTemplate(annotations), 2)
          : layout(JSON.parse(heads[0].frame!) as unknown, 2);
    const json = new JsonStreamWriter(l, w.write);
    json.begin();
    let files = 0;
    for (const h of heads) {
      const d = readDoc(h.file);
      const items = kind === 'sarif' ? ((d.value.runs as Array<Record<string, unknown>>)[0].results as unknown[]) : (d.value.files as unknown[]);
      for (const item of items) {
        if (kind === 'check') {
          files++;
          for (const f of ((item as { findings?: Array<{ severity?: string }> }).findings ?? [])) {
            if (f.severity && f.severity in counts) counts[f.severity as Severity]++;
          }
        } else if (kind === 'sarif') {
          const r = item as { level?: string; properties?: { severity?: string } };
          const sev = (r.properties?.severity && r.properties.severity in counts ? r.properties.severity : SARIF_SEVERITY[r.level ?? 'warning']) as Severity | undefined;
          if (sev) counts[sev]++;
        }
        json.add(element(item, l));
      }
    }
    json.end(kind === 'check' ? { summary: { ...counts, files } } : {});
  } finally {
    w.flush();
  }
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn as Severity];
  return (Object.keys(counts) as Severity[]).some((k) => counts[k] > 0 && SEVERITY_RANK[k] >= threshold) ? 1 : 0;
}
