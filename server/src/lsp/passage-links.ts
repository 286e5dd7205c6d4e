// Links from a hover's evidence to the passage in its source: file URI + "#L<line>,<col>-L<line>,<col>"
// (1-based, as VS Code's opener reads it), so the source opens with the passage selected instead
// of at line 1. The source text comes from the open buffer when there is one, else the file.
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { lineStarts } from './convert';

export type SourceTextProvider = (absPath: string) => string | null;

let provider: SourceTextProvider = (p) => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return null;
  }
};

/** The server installs a provider that prefers open buffers (server.ts). */
export function setSourceTextProvider(p: SourceTextProvider): void {
  provider = p;
}

/** Offsets of `passage` in `text`: exact, else with any run of whitespace matching any other. */
export function findPassage(text: string, passage: string): { start: number; end: number } | null {
  const p = passage.trim();
  if (!p) return null;
  const i = text.indexOf(p);
  if (i >= 0) return { start: i, end: i + p.length };
  const re = new RegExp(p.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

function lineCol(starts: number[], offset: number): string {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return `L${lo + 1},${offset - starts[lo] + 1}`;
}

/** file: URI of the source, with the passage's selection as fragment when it is found. */
export function passageLink(absPath: string, passage?: string): string {
  const uri = pathToFileURL(absPath).toString();
  if (!passage) return uri;
  const text = provider(absPath);
  if (text === null) return uri;
  const at = findPassage(text, passage);
  if (!at) return uri;
  const starts = lineStarts(text);
  return `${uri}#${lineCol(starts, at.start)}-${lineCol(starts, at.end)}`;
}
