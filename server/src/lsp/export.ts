// "Factmark: Export ClaimReview…": the server builds the JSON-LD with the engine's toClaimReview()
// from the annotations in scope (the YAML buffer as edited); the client asks where to save it.
import * as path from 'path';
import { toClaimReview } from '../engine/annotations/claimreview';
import type { AnnotationsEntry } from './annotations';
import type { ServerContext } from './context';
import { uriToPath } from './workspace';

export const EXPORT_COMMAND = 'factmark.server.exportClaimReview';

import type { ExportResult } from '../protocol';
export type { ExportResult };

/** The annotations of the given document (a YAML file, or the file in scope of a source), else all. */
export function exportClaimReview(ctx: ServerContext, args: { uri?: string; baseUrl?: string } = {}): ExportResult {
  let entries: AnnotationsEntry[] = [];
  const p = args.uri ? uriToPath(args.uri) : null;
  if (p) {
    const own = ctx.store.get(p);
    const scoped = own ?? ctx.store.forSource(p);
    if (scoped) entries = [scoped];
  }
  if (entries.length === 0) entries = ctx.store.all();
  if (entries.length === 0) return { count: 0, files: [], skipped: 0, stale: [], message: 'No annotations file in this workspace: nothing to export.' };
  const reviews: object[] = [];
  let skipped = 0;
  const stale: string[] = [];
  for (const e of entries) {
    const loaded = e.loaded.model ? e.loaded : e.good;
    if (!loaded?.model) {
      stale.push(e.path);
      continue;
    }
    if (loaded !== e.loaded) stale.push(e.path);
    const list = toClaimReview(loaded.model, args.baseUrl ? { baseUrl: args.baseUrl } : {});
    reviews.push(...list);
    skipped += loaded.model.claims.length - list.length;
  }
  const files = entries.map((e) => e.path);
  if (reviews.length === 0) {
    return {
      count: 0,
      files,
      skipped,
      stale,
      message: `No claim with a verdict on the rating scale in ${files.map((f) => path.basename(f)).join(', ')}: nothing to export.`,
    };
  }
  return { json: JSON.stringify(reviews, null, 2) + '\n', count: reviews.length, files, skipped, stale };
}
