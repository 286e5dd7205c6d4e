// File-system helpers shared by the CLI and the language server (Node only; never imported by the engine).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchesAny } from './glob';
import { notRegular, scanSync } from './scan';

export { globToRegExp, matchesAny } from './glob';

/** Default `factmark.annotations.files`. */
export const DEFAULT_ANNOTATION_GLOBS = ['**/annotations.yaml', '**/*.annotations.yaml'];

/** Extensions treated as source text when a directory is expanded. */
export const SOURCE_EXTENSIONS = ['.txt', '.md', '.markdown', '.news', '.newstext'];

export { skipDir } from './scan';

/** An input problem the CLI reports with exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Largest source or annotations file read (bytes); the engine's own cap is in characters. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

/** Where the CLI's notes about skipped files go (stderr); the tests and the server may replace it. */
let skipNote: (message: string) => void = (m) => process.stderr.write(m);
export function setSkipNote(fn: (message: string) => void): void {
  skipNote = fn;
}

/**
 * Recursively lists regular files under `dir` (absolute paths) with the one folder scanner
 * (node/scan.ts): skipping node_modules, .git and hidden folders; special files (FIFOs, devices,
 * symlinks to directories or out of the folder) and files over MAX_READ_BYTES are skipped with a note.
 */
export function walkFiles(dir: string, accept: (rel: string, abs: string) => boolean): string[] {
  return scanSync(dir, accept, {
    maxFileBytes: MAX_READ_BYTES,
    onSkip: (abs, reason) => skipNote(`factmark: skipped ${path.relative(process.cwd(), abs) || abs}: ${reason}\n`),
  });
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
      for (const f of walkFiles(abs, (rel) => matchesAny(rel, globs))) here.push(f);
    } else {
      dir = path.dirname(abs);
      if (matchesAny(path.basename(abs), globs)) here.push(abs);
      else for (const f of walkFiles(dir, (rel) => matchesAny(rel, globs))) here.push(f);
    }
    if (here.length === 0) for (const f of findAbove(dir, globs)) here.push(f);
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
    if (!st.isDirectory() && notRegular(st)) throw new InputError(`${p}: ${notRegular(st)}; factmark reads regular files and folders`);
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

/**
 * Reads a text file as UTF-8 (a leading BOM is kept, so offsets match the file's characters). Only
 * regular files are read, up to MAX_READ_BYTES: the path is stat'ed first (a FIFO would block an
 * open, /dev/zero never ends) and the opened descriptor checked again.
 */
export function readText(p: string): string {
  return decodeChecked(p, readBytes(p)).text;
}

/** The bytes of a regular file (InputError otherwise). */
export function readBytes(p: string, maxBytes = MAX_READ_BYTES): Buffer {
  let fd: number | undefined;
  try {
    const st = fs.statSync(p);
    const why = notRegular(st);
    if (why) throw new InputError(`${p}: cannot read file (${why})`);
    if (st.size > maxBytes) throw new InputError(`${p}: cannot read file (${st.size.toLocaleString('en-US')} bytes, more than the ${maxBytes.toLocaleString('en-US')} read at most)`);
    fd = fs.openSync(p, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const fst = fs.fstatSync(fd);
    if (!fst.isFile() || fst.size > maxBytes) throw new InputError(`${p}: cannot read file (it changed while being opened)`);
    return fs.readFileSync(fd);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${p}: cannot read file (${err.code ?? err.message})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Notes about how a file's bytes were read (not UTF-8, CR-only line ends): message and offset. */
export interface ReadNote {
  message: string;
  offset: number;
}

const lastNotes = new Map<string, ReadNote[]>();
/** Notes from the last readText/readSource of `p` (empty when it was clean UTF-8). */
export function readNotes(p: string): ReadNote[] {
  return lastNotes.get(p) ?? [];
}

/** Decodes UTF-8, noting the first byte that is not UTF-8 (Latin-1 text, say) with its position. */
export function decodeChecked(p: string, bytes: Buffer): { text: string; notes: ReadNote[] } {
  const text = bytes.toString('utf8');
  const notes: ReadNote[] = [];
  const bad = text.indexOf('\ufffd');
  if (bad >= 0 && !bytes.includes(Buffer.from([0xef, 0xbf, 0xbd]))) {
    notes.push({
      offset: bad,
      message: 'not valid UTF-8 (Latin-1 or Windows-1252 bytes?): such bytes read as U+FFFD; save the file as UTF-8',
    });
  }
  lastNotes.set(p, notes);
  return { text, notes };
}

/**
 * Reads a source file for analysis. A binary file (a NUL character in its first 8 KB) is not news
 * text: named by the user it is bad input (InputError with its position); found in a folder it is
 * skipped with a note through `warn`, and null is returned.
 */
export function readSource(file: SourceFile, warn: (message: string) => void): string | null {
  const text = readText(file.abs);
  for (const n of readNotes(file.abs)) {
    const { line, col } = lineCol(text, n.offset);
    warn(`factmark: warning: ${file.path}:${line}:${col}: ${n.message}\n`);
  }
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
