// The workspace boundary (Node only; shared by the language server and the CLI). An annotations
// file may name any path in `sources[].file` — `../../etc/passwd`, an absolute path, a symlink out
// of the repository — and a pull request can add such a file. Reading it would let FM103/FM104
// tell whether the file exists and whether given text occurs in it, and `factmark check` echo its
// characters into a CI log. So every path is resolved (realpath, symlinks followed) and only those
// inside the boundary are read: the annotations file's workspace folder in the editor, the CLI's
// root (the current folder, or --root) on the command line.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** realpath of a path, or of its nearest existing ancestor joined with the rest (a missing file). */
export function realpathLenient(p: string): string {
  let cur = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return rest.length ? path.join(fs.realpathSync(cur), ...rest) : fs.realpathSync(cur);
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.resolve(p);
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

/** Is `child` equal to or inside directory `dir` (both already absolute)? */
export function within(dir: string, child: string): boolean {
  const rel = path.relative(dir, child);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

/** Is `p` (symlinks resolved) inside one of `roots` (symlinks resolved)? */
export function insideAny(roots: readonly string[], p: string): boolean {
  const real = realpathLenient(p);
  return roots.some((r) => within(realpathLenient(r), real));
}

/**
 * The loader's fileStatus for an annotations file at `yamlPath` that may read inside `roots`
 * (null: no boundary, e.g. the CLI's --allow-outside). Outside paths are never stat'ed.
 */
export function fileStatusFor(yamlPath: string, roots: readonly string[] | null): (rel: string) => 'exists' | 'missing' | 'outside' {
  const dir = path.dirname(path.resolve(yamlPath));
  const realRoots = roots ? roots.map((r) => realpathLenient(r)) : null;
  return (rel: string) => {
    const abs = path.resolve(dir, rel);
    if (realRoots && !realRoots.some((r) => within(r, realpathLenient(abs)))) return 'outside';
    return fs.existsSync(abs) ? 'exists' : 'missing';
  };
}
