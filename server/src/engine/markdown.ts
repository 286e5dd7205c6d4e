// Safe Markdown for hovers (pure). Every value that comes from a document or an annotations file —
// names, ids, evidence passages, notes, outlets, URLs — is untrusted: an annotations file from a pull
// request must not be able to put a `command:` or `javascript:` link, an image, raw HTML or broken
// formatting into a reviewer's hover. The LSP layer sends hovers as MarkupContent without trust
// (the client keeps `isTrusted` off), and these helpers make the text inert:
//   mdText(s)      plain text: every character Markdown or HTML could read is backslash-escaped,
//                  line breaks become spaces (a value cannot start a list, heading or quote);
//   mdCode(s)      inline code (ids): a fence longer than any backtick run inside, no line breaks;
//   mdLink(l, u)   a link only when `u` is an absolute http(s) URL or a file: URL the caller
//                  vouches for (inside the workspace); otherwise the label as plain text.

// ASCII punctuation CommonMark lets us escape, minus the harmless ones kept for readability
// ('-' '.' ',' ':' ';' '"' '\'' '/' '?' '=' '@' '%' '$' '^'): none of those can start markup in the
// middle of a line, and line starts are handled below.
const INLINE = /[\\`*_{}[\]()<>#+!|~&]/g;

/** Plain text, escaped for use inside a Markdown paragraph, on one line. */
export function mdText(s: string): string {
  const one = String(s).replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ');
  // a line-start "-", "=", "1." could only matter if the value started a line: make it inert anyway
  return one.replace(INLINE, '\\$&').replace(/^([-=]|\d+[.)])/, (m) => m.replace(/[-=.)]/, '\\$&'));
}

/** Inline code that no backtick inside the value can close early. */
export function mdCode(s: string): string {
  const one = String(s).replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ');
  let longest = 0;
  for (const m of one.match(/`+/g) ?? []) longest = Math.max(longest, m.length);
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || (one.startsWith(' ') && one.endsWith(' ') && one.trim()) ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** The URL if it may be linked from a hover (absolute http/https), else undefined. */
export function safeWebUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (!u.hostname) return undefined;
  return u.href;
}

/** Percent-encodes what would end or confuse a Markdown link destination. */
function linkTarget(href: string): string {
  return href.replace(/[()<>\s"'`\\[\]]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/**
 * `[label](url)` when url is an http(s) URL, or a file: URL and `allowFile` (the caller checked it
 * is inside the workspace); otherwise the escaped label alone.
 */
export function mdLink(label: string, url: string | undefined, allowFile = false): string {
  const text = mdText(label);
  if (!url) return text;
  let href: string | undefined;
  if (/^file:/i.test(url)) {
    if (!allowFile) return text;
    try {
      href = new URL(url).href;
    } catch {
      return text;
    }
  } else href = safeWebUrl(url);
  return href ? `[${text}](${linkTarget(href)})` : text;
}
