// File-system side of the language server: URI ↔ path, glob matching (shared with the CLI), and the scan of
// workspace folders for annotation files and sources (skipping node_modules/.git, bounded).
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { matchesAny } from '../node/glob';
import { scanAsync, type ScanOptions } from '../node/scan';

export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return null;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).toString();
}

/** Canonical form of a file URI so that `file:///a%20b` and `file:///a b` compare equal. */
export function normalizeUri(uri: string): string {
  const p = uriToPath(uri);
  return p ? pathToUri(p) : uri;
}

/** Does `relPath` (relative to a workspace folder) match one of the globs (factmark.annotations.files)? */
export function matchesGlobs(relPath: string, globs: readonly string[]): boolean {
  return matchesAny(relPath.split(path.sep).join('/'), globs);
}

export type { ScanOptions } from '../node/scan';

/** Recursively lists regular files under `root` whose path relative to root satisfies `accept`:
 *  the CLI's scanner (node/scan.ts), pausing for the event loop as it goes; sorted. */
export async function scanFolder(
  root: string,
  accept: (relPath: string) => boolean,
  options: ScanOptions = {},
): Promise<string[]> {
  const found = await scanAsync(root, (rel) => accept(rel.split('/').join(path.sep)), { maxEntries: 50_000, ...options });
  return found.sort();
}

/** Largest file the server reads from disk (bytes). */
export const MAX_DISK_BYTES = 64 * 1024 * 1024;

/** Text of a regular file on disk (null when missing, not a regular file, or over the cap): stat'ed
 *  before it is opened, so a FIFO or /dev/zero in the workspace cannot hang or flood the server. */
export async function readTextFile(p: string, maxBytes = MAX_DISK_BYTES): Promise<string | null> {
  try {
    const st = await fs.promises.stat(p);
    if (!st.isFile() || st.size > maxBytes) return null;
    const h = await fs.promises.open(p, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    try {
      const fst = await h.stat();
      if (!fst.isFile() || fst.size > maxBytes) return null;
      return await h.readFile('utf8');
    } finally {
      await h.close();
    }
  } catch {
    return null;
  }
}

/** Is `child` equal to or inside directory `dir`? */
export function isInside(dir: string, child: string): boolean {
  const rel = path.relative(dir, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
