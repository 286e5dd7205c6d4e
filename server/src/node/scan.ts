// The one folder scanner, used by the language server (annotation files, workspace sources) and the
// CLI (folders given as PATHS, annotation discovery). Node only; never imported by the engine.
//
// - Depth-first in name order (byte order of the names), skipping node_modules, VCS folders, build
//   output and hidden folders; bounded by a number of directory entries.
// - Never reads anything: it lists. Every candidate is stat'ed (symlinks followed) and only regular
//   files are returned. A FIFO, socket or device (a symlink to /dev/zero, say), a symlink to a
//   directory, a symlink that leads out of the scanned folder, and a file over the size cap are
//   skipped with a note through `onSkip` — a FIFO named `x.txt` would otherwise hang the reader,
//   /dev/zero exhaust its memory, a directory named `x.txt` make the read fail.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { realpathLenient, within } from './boundary';

/** Directories never descended into (besides hidden ones). */
export const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', 'out', 'dist']);

export function skipDir(name: string): boolean {
  return SKIP_DIRS.has(name) || (name.startsWith('.') && name !== '.' && name !== '..');
}

export interface ScanOptions {
  /** Stop after visiting this many directory entries (a huge home folder must not freeze us). */
  maxEntries?: number;
  /** Files larger than this are skipped (bytes). */
  maxFileBytes?: number;
  /** Told about each candidate that is skipped, and why (for a note on stderr / in the log). */
  onSkip?: (abs: string, reason: string) => void;
}

export const DEFAULT_MAX_ENTRIES = 200_000;

/** Why a path is not a readable regular file (null when it is), from a stat that follows symlinks. */
export function notRegular(st: fs.Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe), not a file';
  if (st.isSocket()) return 'a socket, not a file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device, not a file';
  return 'not a regular file';
}

/**
 * Generator over the accepted regular files under `root` (absolute paths), in scan order. `accept`
 * sees the path relative to root with forward slashes (e.g. for globs) before anything is stat'ed.
 */
export function* walk(root: string, accept: (rel: string, abs: string) => boolean, options: ScanOptions = {}): Generator<string> {
  for (const f of walkTicks(root, accept, options)) if (f !== null) yield f;
}

/** walk() that also yields null every 256 directory entries (where an async caller may pause). */
function* walkTicks(root: string, accept: (rel: string, abs: string) => boolean, options: ScanOptions): Generator<string | null> {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const skip = options.onSkip ?? (() => undefined);
  let visited = 0;
  let realRoot: string | null = null;
  // Explicit stack of directory iterators (no recursion: deep trees are fine).
  const stack: Array<{ entries: fs.Dirent[]; i: number; dir: string }> = [];
  const open = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    stack.push({ entries, i: 0, dir });
  };
  open(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.entries.length) {
      stack.pop();
      continue;
    }
    const e = top.entries[top.i++];
    if (++visited > maxEntries) return;
    if (visited % 256 === 0) yield null;
    const abs = path.join(top.dir, e.name);
    if (e.isDirectory()) {
      if (!skipDir(e.name)) open(abs);
      continue;
    }
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (!accept(rel, abs)) continue;
    let st: fs.Stats;
    try {
      st = fs.statSync(abs); // follows symlinks; does not open (a FIFO would block an open)
    } catch {
      if (e.isSymbolicLink()) skip(abs, 'a broken symbolic link');
      continue;
    }
    const why = notRegular(st);
    if (why) {
      skip(abs, e.isSymbolicLink() ? `a symbolic link to ${why.replace(/, not a file$/, '')}` : why);
      continue;
    }
    if (e.isSymbolicLink()) {
      realRoot ??= realpathLenient(root);
      if (!within(realRoot, realpathLenient(abs))) {
        skip(abs, 'a symbolic link to a file outside the folder');
        continue;
      }
    }
    if (options.maxFileBytes !== undefined && st.size > options.maxFileBytes) {
      skip(abs, `larger than ${options.maxFileBytes.toLocaleString('en-US')} bytes`);
      continue;
    }
    yield abs;
  }
}

/** All accepted files under `root`, in scan order. */
export function scanSync(root: string, accept: (rel: string, abs: string) => boolean, options: ScanOptions = {}): string[] {
  return [...walk(root, accept, options)];
}

/** The same scan, yielding to the event loop every 256 entries (the server keeps answering). */
export async function scanAsync(root: string, accept: (rel: string, abs: string) => boolean, options: ScanOptions = {}): Promise<string[]> {
  const out: string[] = [];
  for (const f of walkTicks(root, accept, options)) {
    if (f === null) await new Promise<void>((resolve) => setImmediate(resolve));
    else out.push(f);
  }
  return out;
}
