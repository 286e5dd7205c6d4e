// factmark — command-line interface over the same engine as the language server.
//
//   factmark analyze [--format json|text] FILE...
//   factmark check [PATHS...] [--annotations FILE] [--format text|json|sarif] [--fail-on error|warning|info|none]
//   factmark export --claimreview [--annotations FILE]
//
// Exit codes: 0 ok, 1 findings at or above --fail-on (check), 2 bad input (usage, missing/unreadable
// file, annotations that do not parse). Only the command's output goes to stdout; messages go to stderr.
import * as path from 'node:path';
import { version } from '../../package.json';
import { isMainThread } from 'node:worker_threads';
import { parseIsoDay } from './engine/recognize/resolve-dates';
import { publishedDates } from './node/published';
import { findSourceFiles, InputError } from './node/files';
import { runCheck, CHECK_HELP } from './node/checkCommand';
import { parseCommandArgs, UsageError } from './node/args';
import { analyzeJsonTemplate, bufferedWriter, chooseJobs, precheckNamed, runFiles, serveIfWorker, setWorkerScript, type AnalyzeSpec, type FileTask } from './node/jobs';
import { JsonStreamWriter, layout } from './node/jsonStream';
import { runMerge, MERGE_HELP } from './node/mergeCommand';
import { parseJobs, scaleOptionsHelp } from './node/jobsOption';
import { parseShard, shardSlice } from './node/shard';
import { runExport, EXPORT_HELP } from './node/exportCommand';
import { runCompare } from './node/compareCommand';

export const USAGE = `factmark ${version} — entities, quoted speech and claim checks for news text

Usage:
  factmark analyze [--format json|text] [--shard I/N] [--jobs N] FILE|DIR...
  factmark check [PATHS...] [--annotations FILE] [--format text|json|sarif]
                 [--fail-on error|warning|info|none] [--threshold N] [--severity CODE=LEVEL] [--docs-url URL]
                 [--shard I/N] [--jobs N]
  factmark export --claimreview [--annotations FILE] [--base-url URL]
  factmark compare [PATHS...] [--format json|text] [--annotations FILE]
  factmark merge [--fail-on error|warning|info|none] SHARD_OUTPUT...
  factmark --help | factmark COMMAND --help | factmark --version

Commands:
  analyze   Mark up people, places, organisations, dates, numbers and quoted speech with speakers.
  check     Check sources against the annotations YAML (verdicts, quotes, spellings, unsupported claims).
  export    Print the annotated claims as schema.org ClaimReview JSON-LD.
  compare   Compare the sources: quotes across outlets, name spellings, figures that differ.
  merge     Combine the JSON or SARIF outputs of --shard runs into the output of one unsharded run.

Exit codes: 0 success; 1 a finding reached --fail-on (check); 2 bad input.
`;

const ANALYZE_USAGE = 'factmark analyze [--format json|text] [--published YYYY-MM-DD] [--shard I/N] [--jobs N] FILE|DIR...';

const ANALYZE_HELP = `Usage: ${ANALYZE_USAGE}

Marks up entities (person, place, organization, date, number) and quotes with their speakers.
Folders are expanded to their .txt, .md, .markdown, .news and .newstext files; .md/.markdown files
are analysed as Markdown.

Options:
  --format json|text   json: {"files":[{"path","entities":[{"text","type","start","end"}],
                                         "quotes":[{"text","start","end","speaker"}]}]}
                       (start/end: UTF-16 offsets into the file, end exclusive; quote spans exclude
                       the quote marks; speaker is the resolved name or null). Default: text.
                       Written file by file as each is analysed.
                       Date entities get "value": the ISO 8601 date or interval they denote
                       ("2025-10-15", "2024-12", "2025-10-13/2025-10-14"), relative ones
                       ("Wednesday", "last December", "10 months ago") resolved against the
                       source's publication date: the annotations' sources[].published, else
                       --published, else a date in the dateline; no value when unknown.
  --published YYYY-MM-DD
                       Reference date for files the annotations do not list.
${scaleOptionsHelp(23)}  -h, --help           Show this help.
`;


type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

async function cmdAnalyze(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseCommandArgs('analyze', ANALYZE_USAGE, argv, {
    format: { type: 'string', default: 'text' },
    published: { type: 'string' },
    shard: { type: 'string' },
    jobs: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out.stdout(ANALYZE_HELP);
    return 0;
  }
  const format = values.format;
  if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text (got "${format}")`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') throw new UsageError(shard);
  const jobs = parseJobs(values.jobs);
  if (typeof jobs === 'string') throw new UsageError(jobs);
  if (positionals.length === 0) throw new UsageError('analyze needs at least one FILE');
  let published: number | undefined;
  if (values.published !== undefined) {
    published = parseIsoDay(values.published);
    if (published === undefined) throw new UsageError(`--published must be a date YYYY-MM-DD (got "${values.published}")`, ANALYZE_USAGE, 'analyze');
  }
  const dates = format === 'json' ? publishedDates(positionals) : new Map<string, number>();
  const tasks: FileTask[] = shardSlice(findSourceFiles(positionals), shard).map((f) => {
    const day = dates.get(path.resolve(f.path)) ?? published;
    return day === undefined ? f : { ...f, published: day };
  });
  precheckNamed(tasks);
  const spec: AnalyzeSpec = { command: 'analyze', format };
  const w = bufferedWriter(out.stdout);
  try {
    if (format === 'json') {
      const json = new JsonStreamWriter(layout(analyzeJsonTemplate(shard), 0), w.write);
      json.begin();
      await runFiles(spec, tasks, chooseJobs(jobs, tasks), undefined, (r) => {
        if (r.warn) out.stderr(r.warn);
        if (r.items) json.add(r.items[0]);
      });
      json.end();
    } else {
      let n = 0;
      await runFiles(spec, tasks, chooseJobs(jobs, tasks), undefined, (r) => {
        if (r.warn) out.stderr(r.warn);
        if (r.items) w.write((n++ ? '\n' : '') + r.items[0]);
      });
    }
  } finally {
    w.flush();
  }
  return 0;
}

export async function main(argv: string[], out: Out): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    if (cmd === undefined || cmd === '-h' || cmd === '--help' || cmd === 'help') {
      if (cmd === 'help' && rest[0]) return main([rest[0], '--help'], out);
      out.stdout(USAGE);
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === '-v' || cmd === '--version' || cmd === 'version') {
      out.stdout(version + '\n');
      return 0;
    }
    switch (cmd) {
      case 'analyze':
        return await cmdAnalyze(rest, out);
      case 'check':
        return await runCheck(rest, out);
      case 'export':
        return runExport(rest, out);
      case 'merge':
        return await runMerge(rest, out);
      case 'compare':
        return runCompare(rest, out);
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof UsageError && e.usage) {
      out.stderr(`factmark ${e.command}: ${err.message}\nUsage: ${e.usage}\nRun "factmark ${e.command} --help" for all options.\n`);
      return 2;
    }
    if (e instanceof UsageError || (err.code && err.code.startsWith('ERR_PARSE_ARGS'))) {
      out.stderr(`factmark: ${err.message}\nRun "factmark --help" for usage.\n`);
      return 2;
    }
    if (e instanceof InputError || err.name === 'InputError') {
      out.stderr(`factmark: ${err.message}\n`);
      return 2;
    }
    out.stderr(`factmark: internal error: ${err.stack ?? err.message}\n`);
    return 3;
  }
}

export { CHECK_HELP, EXPORT_HELP, ANALYZE_HELP, MERGE_HELP };

/** Runs the CLI on process.argv with process stdout/stderr; sets process.exitCode. */
export async function run(argv: string[] = process.argv.slice(2)): Promise<number> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  const code = await main(argv, {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
  });
  process.exitCode = code;
  return code;
}

// The worker pool's threads load this same module (the bundle dist/cli.js, or out/…/cli.js).
setWorkerScript(__filename);
if (!serveIfWorker() && isMainThread && require.main === module) void run();
