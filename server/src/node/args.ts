// Command-line option parsing for the CLI: node:util parseArgs, with its errors turned into a clear
// message (the option, a "did you mean", the command's usage line) instead of Node's raw text.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad usage: exit code 2 (message already user-facing; `usage` is the command's usage line). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Damerau-Levenshtein distance (small strings only). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** The closest known option to an unknown one ("--formt" → "--format"), if close enough. */
export function didYouMean(given: string, options: Options): string | undefined {
  const name = given.replace(/^-+/, '').replace(/=.*$/, '');
  let best: { opt: string; d: number } | undefined;
  for (const opt of Object.keys(options)) {
    const d = opt.startsWith(name) && name.length >= 2 ? 0.5 : distance(name, opt);
    if (d <= Math.max(1, Math.floor(opt.length / 3)) && (!best || d < best.d)) best = { opt, d };
  }
  return best ? `--${best.opt}` : undefined;
}

/**
 * parseArgs for one command; unknown options, missing values and values given to flags become a
 * UsageError naming the option, with a did-you-mean and the command's usage line.
 */
export function parseCommandArgs<T extends Options>(command: string, usage: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    const err = e as Error & { code?: string };
    if (!err.code?.startsWith('ERR_PARSE_ARGS')) throw e;
    const opt = /'(-[^' ]*)/.exec(err.message)?.[1] ?? '';
    let message: string;
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const hint = didYouMean(opt, options);
      message = `unknown option ${opt}${hint ? ` (did you mean ${hint}?)` : ''}`;
    } else if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const o = options[opt.replace(/^-+/, '')] ?? Object.values(options).find((x) => x.short && `-${x.short}` === opt);
      message = o?.type === 'boolean' ? `option ${opt} takes no value` : `option ${opt} needs a value`;
    } else {
      message = err.message.replace(/'/g, '"');
    }
    throw new UsageError(message, usage, command);
  }
}
