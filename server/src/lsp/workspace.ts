// File-system side of the language server: URI ↔ path, glob matching (shared with the CLI), and the scan of
// workspace folders for annotation files and sources (skipping node_modules/.git, bounded).
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { matchesAny } from '../node/glob';

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

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.vscode-test']);

export interface ScanOptions {
  /** Stop after visiting this many directory entries (a huge home folder must not freeze us). */
  maxEntries?: number;
  /** Files larger than this are not returned (bytes). */
  maxFileBytes?: number;
}

/** Recursively lists files under `root` whose path relative to root satisfies `accept`. */
export async function scanFolder(
  root: string,
  accept: (relPath: string) => boolean,
  options: ScanOptions = {},
): Promise<string[]> {
  const maxEntries = options.maxEntries ?? 50_000;
  const found: string[] = [];
  let visited = 0;
  const stack = [root];
  while (stack.length > 0 && visited < maxEntries) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (++visited > maxEntries) break;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) stack.push(full);
      } else if (e.isFile()) {
        const rel = path.relative(root, full);
        if (accept(rel)) found.push(full);
      }
    }
  }
  found.sort();
  return found;
}

export async function readTextFile(p: string): Promise<string | null> {
  try {
    return await fs.promises.readFile(p, 'utf8');
  } catch {
    return null;
  }
}

/** Is `child` equal to or inside directory `dir`? */
export function isInside(dir: string, child: string): boolean {
  const rel = path.relative(dir, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
