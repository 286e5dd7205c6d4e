// File-system helpers shared by the CLI and the language server (Node only; never imported by the engine).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchesAny } from './glob';

export { globToRegExp, matchesAny } from './glob';

/** Default `factmark.annotations.files`. */
export const DEFAULT_ANNOTATION_GLOBS = ['**/annotations.yaml', '**/*.annotations.yaml'];

/** Extensions treated as source text when a directory is expanded. */
export const SOURCE_EXTENSIONS = ['.txt', '.md', '.markdown', '.news', '.newstext'];

/** Directories never descended into. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', 'out', 'dist']);

function skipDir(name: string): boolean {
  return SKIP_DIRS.has(name) || (name.startsWith('.') && name !== '.' && name !== '..');
}

/** An input problem the CLI reports with exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Recursively lists files under `dir` (absolute paths), skipping node_modules, .git and hidden folders. */
export function walkFiles(dir: string, accept: (rel: string, abs: string) => boolean, base = dir): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDir(e.name)) out.push(...walkFiles(abs, accept, base));
    } else if (e.isFile() || e.isSymbolicLink()) {
      const rel = path.relative(base, abs).split(path.sep).join('/');
      if (accept(rel, abs)) out.push(abs);
    }
  }
  return out;
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

/**
 * Annotation files that apply to the given paths (files or folders): every file matching `globs`
 * inside each folder (recursively), plus — when a path has none at or below it — the nearest
 * ancestor folder's matching files (walking up until a folder holding `.git`, or the file-system root).
 * Returns absolute paths, sorted, without duplicates. Missing paths are ignored here (the caller
 * reports them).
 */
export function findAnnotationFiles(roots: readonly string[], globs: readonly string[] = DEFAULT_ANNOTATION_GLOBS): string[] {
  const found = new Set<string>();
  for (const root of roots.length ? roots : ['.']) {
    const abs = path.resolve(root);
    const st = statOrNull(abs);
    if (!st) continue;
    let dir: string;
    const here: string[] = [];
    if (st.isDirectory()) {
      dir = abs;
      here.push(...walkFiles(abs, (rel) => matchesAny(rel, globs)));
    } else {
      dir = path.dirname(abs);
      if (matchesAny(path.basename(abs), globs)) here.push(abs);
      else here.push(...walkFiles(dir, (rel) => matchesAny(rel, globs)));
    }
    if (here.length === 0) here.push(...findAbove(dir, globs));
    for (const f of here) found.add(f);
  }
  return [...found].sort();
}

function findAbove(startDir: string, globs: readonly string[]): string[] {
  let dir = startDir;
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return []; // repository root reached (already searched below)
    const parent = path.dirname(dir);
    if (parent === dir) return [];
    dir = parent;
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return [];
    }
    const hits = names
      .filter((n) => matchesAny(n, globs))
      .map((n) => path.join(dir, n))
      .filter((p) => statOrNull(p)?.isFile());
    if (hits.length) return hits.sort();
  }
}

export interface SourceFile {
  /** The path as the user gave it (or joined onto the folder they gave). */
  path: string;
  /** Absolute path. */
  abs: string;
  /** Found by expanding a folder (not named by the user). */
  fromFolder?: boolean;
}

/**
 * Expands folders into the source files inside them (.txt, .md, .markdown, .news, .newstext; skipping
 * node_modules, .git and hidden folders); files are taken as given whatever their extension.
 * Throws InputError for a path that does not exist.
 */
export function findSourceFiles(paths: readonly string[], excludeGlobs: readonly string[] = []): SourceFile[] {
  const out: SourceFile[] = [];
  const seen = new Set<string>();
  const push = (p: string, abs: string, fromFolder = false) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push(fromFolder ? { path: p, abs, fromFolder } : { path: p, abs });
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    const st = statOrNull(abs);
    if (!st) throw new InputError(`${p}: no such file or directory`);
    if (st.isDirectory()) {
      const files = walkFiles(abs, (rel) => {
        const ext = path.extname(rel).toLowerCase();
        return SOURCE_EXTENSIONS.includes(ext) && !(excludeGlobs.length && matchesAny(rel, excludeGlobs));
      });
      for (const f of files) push(path.join(p, path.relative(abs, f)), f, true);
    } else {
      push(p, abs);
    }
  }
  return out;
}

/** Reads a text file as UTF-8 (a leading BOM is kept, so offsets match the file's characters). */
export function readText(p: string): string {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${p}: cannot read file (${err.code ?? err.message})`);
  }
}

/**
 * Reads a source file for analysis. A binary file (a NUL character in its first 8 KB) is not news
 * text: named by the user it is bad input (InputError with its position); found in a folder it is
 * skipped with a note through `warn`, and null is returned.
 */
export function readSource(file: SourceFile, warn: (message: string) => void): string | null {
  const text = readText(file.abs);
  const nul = text.slice(0, 8192).indexOf('\u0000');
  if (nul < 0) return text;
  const { line, col } = lineCol(text, nul);
  if (file.fromFolder) {
    warn(`factmark: skipped ${file.path}: a binary file, not text (NUL byte at ${line}:${col})\n`);
    return null;
  }
  throw new InputError(`${file.path}:${line}:${col}: not a text file (NUL byte); factmark reads plain-text and Markdown sources`);
}

/** 1-based line and column (UTF-16 code units) of an offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: end - lineStart + 1 };
}

/** Offset → 1-based line/col converter with a precomputed line table (for many lookups). */
export function lineColMapper(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    const o = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: o - starts[lo] + 1 };
  };
}
