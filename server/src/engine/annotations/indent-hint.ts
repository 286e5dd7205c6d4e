// A key indented deeper than the keys of its entry ("  - id: b" then "      text: …") makes the
// `yaml` parser report "Nested mappings are not allowed in compact mappings" on the line ABOVE,
// which reads as a quoting problem. This finds the line that is really wrong and says what to do.
import type { Span } from '../types';

interface KeyLine {
  start: number;
  keyCol: number;
  key: string;
  /** the line ends after "key:" (a nested block may follow) */
  opens: boolean;
}

const KEY_RE = /^(\s*)(-\s+)?([A-Za-z_][\w.-]*|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/;

function keyLine(text: string, start: number, end: number): KeyLine | null {
  const line = text.slice(start, end).replace(/\r$/, '');
  const m = KEY_RE.exec(line);
  if (!m) return null;
  const value = (m[4] ?? '').replace(/(^|\s)#.*$/, '').trim();
  return { start, keyCol: m[1].length + (m[2]?.length ?? 0), key: m[3], opens: value === '' || /^[|>]/.test(value) };
}

/** The key line near `offset` indented deeper than the key above it that holds a plain value. */
export function misindentedKey(text: string, offset: number): { span: Span; message: string } | null {
  let lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  let prev: KeyLine | null = null;
  for (let n = 0; n < 4 && lineStart < text.length; n++) {
    const nl = text.indexOf('\n', lineStart);
    const end = nl < 0 ? text.length : nl;
    const body = text.slice(lineStart, end);
    if (body.trim() !== '' && !body.trim().startsWith('#')) {
      const cur = keyLine(text, lineStart, end);
      if (prev && cur && !prev.opens && cur.keyCol > prev.keyCol && !/^\s*-/.test(body)) {
        const keyStart = cur.start + cur.keyCol;
        const lineNo = text.slice(0, keyStart).split('\n').length;
        return {
          span: { start: keyStart, end: keyStart + cur.key.length },
          message:
            `\`${cur.key}:\` on line ${lineNo} is indented ${cur.keyCol} spaces, deeper than \`${prev.key}:\` on the line above (${prev.keyCol}): ` +
            `keys of the same entry must start in the same column — indent it by ${prev.keyCol} spaces.`,
        };
      }
      prev = cur;
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return null;
}
