// Glob patterns (VS Code style) → RegExp. Node-free, shared by the CLI and the server.
//
// Supported: `**` (any number of path segments), `*` (any run of characters except `/`), `?` (one
// character except `/`), `{a,b}` alternatives (nestable), `[abc]` / `[!abc]` character classes.
// A pattern without a `/` matches the file's base name anywhere ("annotations.yaml" ≡ "**/annotations.yaml"),
// like `files.associations` and `yamlValidation.fileMatch`.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let pattern = glob.replace(/\\/g, '/').trim();
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  if (!pattern.includes('/')) pattern = '**/' + pattern;
  const re = new RegExp('^' + translate(pattern) + '$', process.platform === 'win32' ? 'i' : '');
  cache.set(glob, re);
  return re;
}

function translate(p: string): string {
  let out = '';
  let i = 0;
  let braceDepth = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        // `**/` → zero or more segments; trailing `**` → anything.
        const atSegmentStart = i === 0 || p[i - 1] === '/';
        if (atSegmentStart && p[i + 2] === '/') {
          out += '(?:[^/]*/)*';
          i += 3;
          continue;
        }
        if (atSegmentStart && i + 2 === p.length) {
          out += '.*';
          i += 2;
          continue;
        }
        out += '[^/]*';
        i += 2;
        continue;
      }
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '{') {
      braceDepth++;
      out += '(?:';
      i++;
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
      i++;
    } else if (c === ',' && braceDepth > 0) {
      out += '|';
      i++;
    } else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        i++;
        continue;
      }
      let body = p.slice(i + 1, close);
      let negate = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negate = true;
        body = body.slice(1);
      }
      body = body.replace(/[\\\]]/g, '\\$&');
      out += negate ? `[^/${body}]` : `[${body}]`;
      i = close + 1;
    } else {
      out += c.replace(/[.+^$()|\\\]]/g, '\\$&');
      i++;
    }
  }
  while (braceDepth-- > 0) out += ')';
  return out;
}

/** True when the path (relative, any separator) matches one of the globs. */
export function matchesAny(relPath: string, globs: readonly string[]): boolean {
  const p = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  return globs.some((g) => globToRegExp(g).test(p));
}
