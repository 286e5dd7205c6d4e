// `factmark export --claimreview`: the reviewed claims as schema.org ClaimReview JSON-LD.
import * as path from 'node:path';
import { parseCommandArgs } from './args';
import { toClaimReview } from '../engine/annotations/claimreview';
import { loadAnnotationsFromDisk } from './annotations';
import { findAnnotationFiles, InputError, lineColMapper } from './files';

export const EXPORT_USAGE = 'factmark export --claimreview [--annotations FILE] [--base-url URL] [--pretty|--compact] [PATH...]';

export const EXPORT_HELP = `Usage: ${EXPORT_USAGE}

Prints the claims that have a verdict as schema.org ClaimReview JSON-LD (a JSON array of
ClaimReview objects: claimReviewed, reviewRating with ratingValue/bestRating/worstRating/
alternateName, itemReviewed with its appearances and author, author, datePublished, url).

Options:
  --claimreview         Export format (the only one so far; required).
  --annotations FILE    The annotations file (repeatable). Default: the annotations files found in
                        PATHs (or the current folder) and below, else in the nearest folder above.
  --base-url URL        Base URL of the published reviews: a claim without its own url gets URL#id.
  --pretty / --compact  Indented (default) or single-line JSON.
  -h, --help            Show this help.

Exit codes: 0 ok; 2 bad input (no or invalid annotations file, reported as path:line:col on stderr).
`;

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

function usage(message: string): Error {
  const e = new Error(message);
  (e as Error & { code: string }).code = 'ERR_PARSE_ARGS_FACTMARK';
  return e;
}

export function runExport(argv: string[], out: Out): number {
  const { values, positionals } = parseCommandArgs('export', EXPORT_USAGE, argv, {
      claimreview: { type: 'boolean' },
      annotations: { type: 'string', multiple: true },
      'base-url': { type: 'string' },
      pretty: { type: 'boolean' },
      compact: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out.stdout(EXPORT_HELP);
    return 0;
  }
  if (!values.claimreview) throw usage('export needs a format: --claimreview');
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(baseUrl)) throw usage(`--base-url must be an absolute URL (got "${baseUrl}")`);
  const cwd = process.cwd();
  const files = values.annotations?.length
    ? values.annotations.map((f) => path.resolve(cwd, f))
    : findAnnotationFiles(positionals.length ? positionals.map((p) => path.resolve(cwd, p)) : [cwd]);
  if (files.length === 0) throw new InputError('no annotations file found (annotations.yaml, *.annotations.yaml); pass --annotations FILE');

  const reviews: object[] = [];
  let bad = false;
  for (const file of files) {
    const rel = path.relative(cwd, file).split(path.sep).join('/') || file;
    const ann = loadAnnotationsFromDisk(file);
    const errors = ann.problems.filter((p) => p.severity === 'error');
    if (!ann.model) {
      const pos = lineColMapper(ann.text);
      for (const p of errors.length ? errors : ann.problems) {
        const { line, col } = pos(p.start);
        out.stderr(`${rel}:${line}:${col}: ${p.severity} ${p.code} ${p.rule}: ${p.message}\n`);
      }
      out.stderr(`factmark: ${rel}: invalid annotations file (fix the problems above)\n`);
      bad = true;
      continue;
    }
    if (errors.length) {
      // Exported anyway (invalid items are left out of the model), but say so.
      const pos = lineColMapper(ann.text);
      for (const p of errors) {
        const { line, col } = pos(p.start);
        out.stderr(`${rel}:${line}:${col}: ${p.severity} ${p.code} ${p.rule}: ${p.message} (item skipped where invalid)\n`);
      }
    }
    for (const r of toClaimReview(ann.model, baseUrl ? { baseUrl } : {})) reviews.push(r);
  }
  if (bad) return 2;
  out.stdout((values.compact ? JSON.stringify(reviews) : JSON.stringify(reviews, null, 2)) + '\n');
  return 0;
}
