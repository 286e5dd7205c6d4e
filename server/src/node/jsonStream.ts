// Streaming JSON output: a document whose big array is written element by element, byte-identical
// to `JSON.stringify(whole, null, indent)` of the same document held in memory.
//
// A *template* is the document with a placeholder string where the streamed array goes (and, for
// values only known at the end such as check's summary, placeholders for those too). It is
// serialised once; each element is serialised on its own (in a worker thread or in-process) with
// the indentation of its depth, so the writer only concatenates strings.

const STREAM = '\u0000factmark:stream\u0000';

/** Placeholder for the streamed array (`files`, SARIF `results`). */
export const STREAMED_ARRAY = STREAM + 'array';

/** Placeholder for a value filled in by `end()` (e.g. `summary`). */
export function lateValue(name: string): string {
  return `${STREAM}late:${name}`;
}

export interface JsonLayout {
  /** Text before the streamed array's `[`. */
  prefix: string;
  /** Text after its `]`, with late placeholders still in it (serialised as JSON strings). */
  suffix: string;
  /** Indent unit (spaces) or 0 for compact output. */
  indent: number;
  /** Indentation of the array's elements (a newline plus spaces), '' when compact. */
  elementIndent: string;
  /** Indentation of the array's closing bracket. */
  closeIndent: string;
}

/** Splits a serialised template at the streamed array's placeholder. */
export function layout(template: unknown, indent: number): JsonLayout {
  const text = JSON.stringify(template, null, indent || undefined);
  const marker = JSON.stringify(STREAMED_ARRAY);
  const at = text.indexOf(marker);
  if (at < 0) throw new Error('template has no streamed array');
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const keyIndent = indent ? /^ */.exec(text.slice(lineStart))![0] : '';
  return {
    prefix: text.slice(0, at),
    suffix: text.slice(at + marker.length),
    indent,
    elementIndent: indent ? '\n' + keyIndent + ' '.repeat(indent) : '',
    closeIndent: indent ? '\n' + keyIndent : '',
  };
}

/** One element serialised for `layout` (the same bytes JSON.stringify writes for it inside the whole). */
export function element(value: unknown, l: JsonLayout): string {
  if (!l.indent) return JSON.stringify(value);
  // JSON.stringify never puts a raw newline inside a string, so every newline is structural.
  return JSON.stringify(value, null, l.indent).replace(/\n/g, l.elementIndent);
}

/** Writes the document: `begin()`, `add()` pre-serialised elements in order, `end(late values)`. */
export class JsonStreamWriter {
  private count = 0;
  constructor(
    private readonly l: JsonLayout,
    private readonly write: (s: string) => void,
  ) {}

  begin(): void {
    this.write(this.l.prefix + '[');
  }

  add(serialised: string): void {
    this.write((this.count++ ? ',' : '') + this.l.elementIndent + serialised);
  }

  get length(): number {
    return this.count;
  }

  end(late: Record<string, unknown> = {}, trailer = '\n'): void {
    let suffix = this.l.suffix;
    for (const [name, value] of Object.entries(late)) {
      const marker = JSON.stringify(lateValue(name));
      const at = suffix.indexOf(marker);
      if (at < 0) throw new Error(`template has no late value ${name}`);
      const lineStart = suffix.lastIndexOf('\n', at) + 1;
      const keyIndent = this.l.indent ? /^ */.exec(suffix.slice(lineStart))![0] : '';
      const text = this.l.indent ? JSON.stringify(value, null, this.l.indent).replace(/\n/g, '\n' + keyIndent) : JSON.stringify(value);
      suffix = suffix.slice(0, at) + text + suffix.slice(at + marker.length);
    }
    this.write((this.count ? this.l.closeIndent : '') + ']' + suffix + trailer);
  }
}
