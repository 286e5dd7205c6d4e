// Publication dates of sources (Node only): the reference date relative dates are resolved against
// in `factmark analyze` — the annotations' sources[].published for a listed file, else the
// --published date, else the document's own dateline date (found by the engine).
import * as path from 'node:path';
import { parseIsoDay } from '../engine/recognize/resolve-dates';
import { loadAnnotationsFromDisk } from './annotations';
import { findAnnotationFiles } from './files';

/** Absolute source path → publication day (UTC ms) from the annotations files found for `roots`.
 *  Annotations that cannot be read or parsed are ignored here (`check` reports them). */
export function publishedDates(roots: string[]): Map<string, number> {
  const out = new Map<string, number>();
  let files: string[] = [];
  try {
    files = findAnnotationFiles(roots);
  } catch {
    return out;
  }
  for (const f of files) {
    try {
      const ann = loadAnnotationsFromDisk(f);
      for (const s of ann.model?.sources ?? []) {
        const t = parseIsoDay(s.published);
        if (typeof s.file === 'string' && s.file && t !== undefined) {
          const abs = path.resolve(path.dirname(ann.path), s.file);
          if (!out.has(abs)) out.set(abs, t);
        }
      }
    } catch {
      /* unreadable annotations: no dates from them */
    }
  }
  return out;
}
