// factmark — command-line interface over the same engine as the language server.
//
//   factmark analyze [--format json|text] FILE...
//   factmark check [PATHS...] [--annotations FILE] [--format text|json|sarif] [--fail-on error|warning|info|none]
//   factmark export --claimreview [--annotations FILE]
//
// Exit codes: 0 ok, 1 findings at or above --fail-on (check), 2 bad input (usage, missing/unreadable
// file, annotations that do not parse). Only the command's output goes to stdout; messages go to stderr.
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { analyze } from './engine/analyze';
import { analysisToJson, analysisToText } from './node/analyzeFormat';
import { findSourceFiles, InputError, readSource } from './node/files';
import { runCheck, CHECK_HELP } from './node/checkCommand';
import { runExport, EXPORT_HELP } from './node/exportCommand';
import { runCompare } from './node/compareCommand';

export const USAGE = `factmark ${version} — entities, quoted speech and claim checks for news text

Usage:
  factmark analyze [--format json|text] FILE|DIR...
  factmark check [PATHS...] [--annotations FILE] [--format text|json|sarif]
                 [--fail-on error|warning|info|none] [--threshold N] [--severity CODE=LEVEL] [--docs-url URL]
  factmark export --claimreview [--annotations FILE] [--base-url URL]
  factmark compare [PATHS...] [--format json|text] [--annotations FILE]
  factmark --help | factmark COMMAND --help | factmark --version

Commands:
  analyze   Mark up people, places, organisations, dates, numbers and quoted speech with speakers.
  check     Check sources against the annotations YAML (verdicts, quotes, spellings, unsupported claims).
  export    Print the annotated claims as schema.org ClaimReview JSON-LD.
  compare   Compare the sources: quotes across outlets, name spellings, figures that differ.

Exit codes: 0 success; 1 a finding reached --fail-on (check); 2 bad input.
`;

const ANALYZE_HELP = `Usage: factmark analyze [--format json|text] FILE|DIR...

Marks up entities (person, place, organization, date, number) and quotes with their speakers.
Folders are expanded to their .txt, .md, .markdown, .news and .newstext files; .md/.markdown files
are analysed as Markdown.

Options:
  --format json|text   json: {"files":[{"path","entities":[{"text","type","start","end"}],
                                         "quotes":[{"text","start","end","speaker"}]}]}
                       (start/end: UTF-16 offsets into the file, end exclusive; quote spans exclude
                       the quote marks; speaker is the resolved name or null). Default: text.
  -h, --help           Show this help.
`;

/** Error for bad usage (exit code 2). */
class UsageError extends Error {}

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

function isMarkdown(p: string): boolean {
  return /\.(md|markdown|mdown|mkd)$/i.test(p);
}

function cmdAnalyze(argv: string[], out: Out): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    out.stdout(ANALYZE_HELP);
    return 0;
  }
  const format = values.format;
  if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text (got "${format}")`);
  if (positionals.length === 0) throw new UsageError('analyze needs at least one FILE');
  const files = findSourceFiles(positionals);
  const results: ReturnType<typeof analysisToJson>[] = [];
  const texts: string[] = [];
  for (const f of files) {
    const text = readSource(f, out.stderr);
    if (text === null) continue;
    const analysis = analyze(text, { markdown: isMarkdown(f.path) });
    if (format === 'json') results.push(analysisToJson(f.path, analysis));
    else texts.push(analysisToText(f.path, text, analysis));
  }
  if (format === 'json') out.stdout(JSON.stringify({ files: results }) + '\n');
  else out.stdout(texts.join('\n'));
  return 0;
}

export function main(argv: string[], out: Out): number {
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
        return cmdAnalyze(rest, out);
      case 'check':
        return runCheck(rest, out);
      case 'export':
        return runExport(rest, out);
      case 'compare':
        return runCompare(rest, out);
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    const err = e as Error & { code?: string };
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

export { CHECK_HELP, EXPORT_HELP, ANALYZE_HELP };

/** Runs the CLI on process.argv with process stdout/stderr; sets process.exitCode. */
export function run(argv: string[] = process.argv.slice(2)): number {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  const code = main(argv, {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
  });
  process.exitCode = code;
  return code;
}

if (require.main === module) run();
