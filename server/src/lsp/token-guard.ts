// Last line of defence before semantic tokens leave the server: VS Code's renderer drops (or, in
// some versions, fails on) tokens that go backwards, overlap, have no length, run past the end of
// their line or name a type outside the legend. encodeTokens() is built not to produce those; this
// re-checks the relative encoding in one pass against the snapshot's line lengths and drops any
// offender (re-basing the next token), so an engine bug costs one token's colour, not the editor.
import { lineStarts } from './convert';

export function guardTokens(data: number[], text: string, typeCount: number, modifierBits: number): number[] {
  const starts = lineStarts(text);
  const lineLength = (l: number) => {
    let end = l + 1 < starts.length ? starts[l + 1] : text.length;
    while (end > starts[l] && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    return end - starts[l];
  };
  const out: number[] = [];
  let line = 0;
  let char = 0;
  let outLine = 0;
  let outChar = 0;
  let prevEnd = -1;
  let dropped = 0;
  const maxMods = (1 << modifierBits) - 1;
  for (let i = 0; i + 4 < data.length; i += 5) {
    const dl = data[i];
    const dc = data[i + 1];
    const len = data[i + 2];
    const type = data[i + 3];
    const mods = data[i + 4];
    line += dl;
    char = dl === 0 ? char + dc : dc;
    const ok =
      Number.isInteger(dl) && dl >= 0 && Number.isInteger(dc) && dc >= 0 && Number.isInteger(len) && len > 0 &&
      Number.isInteger(type) && type >= 0 && type < typeCount && Number.isInteger(mods) && mods >= 0 && mods <= maxMods &&
      line < starts.length && char + len <= lineLength(line) &&
      (line > outLine || out.length === 0 || char >= prevEnd);
    if (!ok) {
      dropped++;
      continue;
    }
    const rel = line - outLine;
    out.push(rel, rel === 0 ? char - outChar : char, len, type, mods);
    if (rel !== 0) prevEnd = -1;
    outLine = line;
    outChar = char;
    prevEnd = char + len;
  }
  void dropped;
  return out;
}
