// Quote-mark pairing: finds stretches of quoted speech in plain text.
//
// One linear pass over the text. Only quote-mark characters and line breaks are looked at; each
// decision looks at a bounded neighbourhood (a few characters, or at most LOOKAHEAD characters for
// the rare ambiguous cases), so the whole scan is O(n).
//
// Marks handled: straight " and ', curly “ ” ‘ ’, low „ ‚ and guillemets « ».
// - Double marks open top-level quotes; single marks open nested quotes inside a double quote, or
//   top-level quotes in headline / British style ("Putin hails 'special relations'").
// - A single mark between two letters/digits is an apostrophe (don't, Russia’s, O'Brien); a
//   trailing one with nothing open is a plural possessive or elision (countries', goin'); elisions
//   at a word start are recognised ('90s, rock 'n' roll, 'em, 'tis).
// - A paragraph is a line (or a run of soft-wrapped lines, see isSoftWrap). A quote never runs past
//   its paragraph, except that a double quote whose closing mark is missing at the end of a
//   paragraph and whose next paragraph starts with an opening mark is a quote spanning paragraphs
//   (newspaper convention). DESIGN DECISION: we report such a quote as one Quote per paragraph,
//   each with close = null except the last, all sharing a `group` number so the speaker found for
//   any part (usually the last) is given to all of them. This keeps every span "inside the marks"
//   and never includes the next paragraph's opening mark.
// - Any other unclosed double quote is capped at the end of its paragraph (close = null), so an
//   unmatched mark never swallows the rest of the document. Unclosed single marks are dropped
//   (they are far more often apostrophes than quotes).

export interface RawQuote {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or null when the quote runs to the end of its paragraph. */
  close: number | null;
  /** Content span (marks excluded). */
  start: number;
  end: number;
  kind: 'double' | 'single';
  nested: boolean;
  /** Paragraph-spanning quotes: all parts share one group number; -1 otherwise. */
  group: number;
  /** Start of the paragraph that holds the opening mark. */
  paraStart: number;
}

interface OpenMark {
  pos: number;
  ch: number;
  kind: 'double' | 'single';
  atParaStart: boolean;
  group: number;
  paraStart: number;
}

const LOOKAHEAD = 240;

// Character codes
const NL = 10;
const DQ = 0x22; // "
const SQ = 0x27; // '
const LSQ = 0x2018; // ‘
const RSQ = 0x2019; // ’
const LOW_SQ = 0x201a; // ‚
const LDQ = 0x201c; // “
const RDQ = 0x201d; // ”
const LOW_DQ = 0x201e; // „
const LAQ = 0xab; // «
const RAQ = 0xbb; // »

const WORD_RE = /[\p{L}\p{N}]/u;

export function isSpaceCode(c: number): boolean {
  return (
    c < 0 ||
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 11 ||
    c === 12 ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const WORD_CODE_CACHE = new Uint8Array(65536);

export function isWordCode(c: number): boolean {
  if (c < 0) return false;
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdfff) return true; // astral letters (surrogates): treat as word
  if (c > 0xffff) return WORD_RE.test(String.fromCharCode(c));
  // Memoised per code unit: the Unicode-class regex costs far more than a table lookup.
  let v = WORD_CODE_CACHE[c];
  if (!v) {
    v = WORD_RE.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_CODE_CACHE[c] = v;
  }
  return v === 1;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Characters after which an opening mark may stand (besides whitespace). */
function isOpenPunct(c: number): boolean {
  return (
    c === 0x28 || // (
    c === 0x5b || // [
    c === 0x7b || // {
    c === 0x3c || // <
    c === 0x2f || // /
    c === 0x2d || // -
    c === 0x2013 ||
    c === 0x2014 ||
    c === DQ ||
    c === LDQ ||
    c === LOW_DQ ||
    c === LAQ ||
    c === LSQ ||
    c === LOW_SQ ||
    c === 0x3a // : ("He said:'Go'" without a space)
  );
}

/** Characters that may follow a closing mark (besides whitespace). */
function isClosePunctAfter(c: number): boolean {
  return (
    c === 0x2e || // .
    c === 0x2c || // ,
    c === 0x3b || // ;
    c === 0x3a || // :
    c === 0x21 || // !
    c === 0x3f || // ?
    c === 0x29 || // )
    c === 0x5d || // ]
    c === 0x7d || // }
    c === 0x2d ||
    c === 0x2013 ||
    c === 0x2014 ||
    c === 0x2026 || // …
    c === DQ ||
    c === RDQ ||
    c === SQ ||
    c === RSQ ||
    c === RAQ ||
    c === 0x2a || // * (Markdown emphasis)
    c === 0x5f // _
  );
}

function isDoubleOpenerCode(c: number): boolean {
  return c === DQ || c === LDQ || c === LOW_DQ || c === LAQ;
}

function isSingleOpenerCode(c: number): boolean {
  return c === SQ || c === LSQ || c === LOW_SQ;
}

/**
 * Is the line break at `nl` a soft wrap inside a paragraph (hard-wrapped text)? Only when the line
 * does not end a sentence and the next line starts with a lower-case letter.
 */
function isSoftWrap(text: string, nl: number, nextStart: number): boolean {
  let k = nl - 1;
  while (k >= 0 && isSpaceCode(text.charCodeAt(k)) && text.charCodeAt(k) !== NL) k--;
  if (k < 0 || text.charCodeAt(k) === NL) return false;
  const last = text.charCodeAt(k);
  if (
    last === 0x2e ||
    last === 0x21 ||
    last === 0x3f ||
    last === 0x3a ||
    last === DQ ||
    last === RDQ ||
    last === RSQ ||
    last === SQ ||
    last === RAQ
  )
    return false;
  if (nextStart >= text.length) return false;
  const ch = text[nextStart];
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Elision marks at a word start: '90s, '09, 'n' (rock 'n' roll), 'em, 'tis, 'twas, 'til. Returns marks to skip. */
function elisionLength(text: string, i: number): number {
  const a = text.charCodeAt(i + 1);
  const b = text.charCodeAt(i + 2);
  const c3 = text.charCodeAt(i + 3);
  if (isDigitCode(a) && isDigitCode(b) && (!isWordCode(c3) || c3 === 0x73 /* s */)) return 1;
  const lower = text.slice(i + 1, i + 6).toLowerCase();
  if ((a === 0x6e || a === 0x4e) && (b === SQ || b === RSQ) && !isWordCode(c3)) return 3; // 'n'
  if (/^(em|tis|twas|til)(?![\p{L}\p{N}])/u.test(lower)) return 1;
  return 0;
}

export function scanQuoteMarks(text: string): RawQuote[] {
  const n = text.length;
  const out: RawQuote[] = [];
  const stack: OpenMark[] = [];
  let doubles = 0; // number of double marks on the stack
  let paraStart = 0;
  // First non-space offset of the current paragraph (an opener there may continue a run-on quote).
  let paraFirst = firstNonSpace(text, 0);
  let nextGroup = 0;
  // A run-on quote part was emitted at the end of the previous paragraph: its group and kind.
  let carry: { group: number; kind: 'double' | 'single' } | null = null;

  const emit = (m: OpenMark, close: number | null, end: number, nested: boolean, group: number) => {
    let e = end;
    if (close === null) {
      while (e > m.pos + 1 && isSpaceCode(text.charCodeAt(e - 1))) e--;
    }
    const start = m.pos + 1;
    if (e <= start) return;
    // Skip empty / whitespace-only quotes.
    let k = start;
    while (k < e && isSpaceCode(text.charCodeAt(k))) k++;
    if (k >= e) return;
    out.push({ open: m.pos, close, start, end: e, kind: m.kind, nested, group, paraStart: m.paraStart });
  };

  const push = (i: number, ch: number, kind: 'double' | 'single') => {
    let group = -1;
    if (carry && i === paraFirst && carry.kind === kind) {
      group = carry.group;
      carry = null;
    }
    stack.push({ pos: i, ch, kind, atParaStart: i === paraFirst, group, paraStart });
    if (kind === 'double') doubles++;
  };

  /** Close the innermost open double mark at `i` (single marks above it are dropped as apostrophes). */
  const closeDouble = (i: number) => {
    while (stack.length) {
      const m = stack.pop()!;
      if (m.kind === 'double') {
        doubles--;
        emit(m, i, i, stack.length > 0, m.group);
        return;
      }
    }
  };

  const closeSingle = (i: number) => {
    const m = stack.pop()!;
    emit(m, i, i, stack.length > 0, m.group);
  };

  /** Does the next line close a double quote before opening one? (hard-wrapped quote continuing) */
  const nextLineClosesDouble = (from: number): boolean => {
    const lim = Math.min(n, from + LOOKAHEAD);
    for (let k = from; k < lim; k++) {
      const c = text.charCodeAt(k);
      if (c === NL) return false;
      if (c === RDQ || c === RAQ) return true;
      if (c === LDQ || c === LOW_DQ || c === LAQ) return false;
      if (c === DQ) {
        const p = text.charCodeAt(k - 1);
        const q = k + 1 < n ? text.charCodeAt(k + 1) : -1;
        return !isSpaceCode(p) && (isSpaceCode(q) || isClosePunctAfter(q));
      }
    }
    return false;
  };

  /**
   * End of a paragraph at line break `nl`; `next` is the first non-space offset after it.
   * Returns true when the paragraph actually continues (a hard-wrapped line inside a quote whose
   * closing mark comes on the next line).
   */
  const paragraphBreak = (nl: number, next: number, blank: boolean): boolean => {
    if (stack.length === 0) {
      carry = null;
      return false;
    }
    const nextCh = next < n ? text.charCodeAt(next) : -1;
    if (!blank && doubles > 0 && !isDoubleOpenerCode(nextCh) && nextLineClosesDouble(next)) return true;
    carry = null;
    // The outermost open mark decides run-on behaviour; marks nested in it are capped or dropped.
    const bottom = stack[0];
    for (let s = 0; s < stack.length; s++) {
      const m = stack[s];
      if (m.kind === 'double') {
        const nextOpens = isDoubleOpenerCode(nextCh) || (nextCh === RDQ && isWordCode(text.charCodeAt(next + 1)));
        if (m === bottom && nextOpens) {
          const g = m.group >= 0 ? m.group : nextGroup++;
          emit(m, null, nl, false, g);
          carry = { group: g, kind: 'double' };
        } else {
          emit(m, null, nl, s > 0, m === bottom ? m.group : -1);
        }
      } else if (
        m === bottom &&
        m.atParaStart &&
        ((isSingleOpenerCode(nextCh) && nextCh !== SQ) || (nextCh === SQ && text.charCodeAt(m.pos) === SQ))
      ) {
        // British-style run-on quote in single marks.
        const g = m.group >= 0 ? m.group : nextGroup++;
        emit(m, null, nl, false, g);
        carry = { group: g, kind: 'single' };
      }
      // Other unclosed single marks are dropped: they were apostrophes.
    }
    stack.length = 0;
    doubles = 0;
    return false;
  };

  // Jump from mark to mark (and line break) with a native regex search.
  const MARK_RE = /["'\n\u00ab\u00bb\u2018-\u201e]/g;
  const nextMark = (from: number): number => {
    MARK_RE.lastIndex = from;
    // test() instead of exec(): no match array per mark; every match is one character long.
    return MARK_RE.test(text) ? MARK_RE.lastIndex - 1 : n;
  };
  for (let i = nextMark(0); i < n; i = nextMark(i + 1)) {
    const c = text.charCodeAt(i);

    if (c === NL) {
      // Find the next non-space character and whether a blank line lies between.
      let k = i + 1;
      let blank = false;
      while (k < n && isSpaceCode(text.charCodeAt(k))) {
        if (text.charCodeAt(k) === NL) blank = true;
        k++;
      }
      if (!blank && isSoftWrap(text, i, k)) continue;
      if (paragraphBreak(i, k, blank)) continue;
      paraStart = k;
      paraFirst = k;
      i = k - 1;
      continue;
    }

    const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    const prevSpace = isSpaceCode(prev);
    const nextSpace = isSpaceCode(next);
    const openCtx = (prevSpace || isOpenPunct(prev)) && !nextSpace;
    const closeCtx = !prevSpace && (nextSpace || isClosePunctAfter(next));

    switch (c) {
      case DQ: {
        const top = doubles > 0 ? topDouble(stack) : null;
        // A straight pair nested in curly marks: “He said "no" to us,” she said.
        if (top && top.ch !== DQ && openCtx && !closeCtx) push(i, c, 'double');
        else if (doubles > 0) closeDouble(i);
        else if (openCtx) push(i, c, 'double');
        // else: stray mark (inch sign, typo) — ignored
        break;
      }
      case LDQ: {
        const top = topDouble(stack);
        if (top && top.ch === LOW_DQ) closeDouble(i);
        else if (top && top.ch !== LDQ && openCtx && !closeCtx) push(i, c, 'double'); // curly pair nested in straight marks
        else if (top) {
          if (closeCtx && !openCtx) closeDouble(i); // “ misused as a closing mark
          else {
            // The open quote lost its closing mark: cap it here and start a new one.
            capDoubleAt(i);
            push(i, c, 'double');
          }
        } else push(i, c, 'double');
        break;
      }
      case RDQ: {
        if (doubles > 0) closeDouble(i);
        else if (openCtx && isWordCode(next)) push(i, c, 'double'); // ” misused as opening mark
        break;
      }
      case LOW_DQ:
      case LAQ: {
        push(i, c, 'double');
        break;
      }
      case RAQ: {
        if (doubles > 0) closeDouble(i);
        else if (openCtx) push(i, c, 'double'); // »reversed« style
        break;
      }
      default: {
        // Single marks: ' ‘ ’ ‚
        const prevW = isWordCode(prev);
        const nextW = isWordCode(next);
        if (prevW && nextW) break; // apostrophe inside a word
        const top = stack.length ? stack[stack.length - 1] : null;
        if (openCtx && (c !== RSQ || !isDigitCode(next))) {
          const el = !prevW && nextW ? elisionLength(text, i) : 0;
          if (el > 0) {
            i += el - 1;
            break;
          }
          if (c === RSQ && !(top && top.kind === 'single')) {
            // ’ in opening position: an elision (’em) or a misused opener; open only if it is closed
            // later on the same line by another ’ in closing position.
            if (!closedLaterOnLine(text, i + 1, RSQ)) break;
          }
          push(i, c, 'single');
          break;
        }
        if (closeCtx && c !== LSQ && c !== LOW_SQ) {
          if (top && top.kind === 'single') {
            // "the countries' ties": a plural possessive inside an open single quote — keep the
            // quote open if another closing single mark follows soon on the same line.
            if ((prev === 0x73 || prev === 0x53) && nextSpace && isLowerAt(text, i + 2) && closedLaterOnLine(text, i + 1, c)) break;
            closeSingle(i);
          }
          // else: apostrophe (plural possessive, trailing elision)
        }
        break;
      }
    }
  }
  // End of text: same as a paragraph break with nothing after it.
  paragraphBreak(n, n, true);
  out.sort((a, b) => a.open - b.open);
  return out;

  function capDoubleAt(i: number) {
    // Close the innermost double as unclosed, ending before position i.
    while (stack.length) {
      const m = stack.pop()!;
      if (m.kind === 'double') {
        doubles--;
        emit(m, null, i, stack.length > 0, m.group);
        return;
      }
    }
  }
}

function topDouble(stack: OpenMark[]): OpenMark | null {
  for (let s = stack.length - 1; s >= 0; s--) if (stack[s].kind === 'double') return stack[s];
  return null;
}

function firstNonSpace(text: string, from: number): number {
  let k = from;
  while (k < text.length && isSpaceCode(text.charCodeAt(k))) k++;
  return k;
}

function isLowerAt(text: string, k: number): boolean {
  if (k >= text.length) return false;
  const ch = text[k];
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/**
 * Is the next single mark later on this line (bounded) a closing one (same style as `c`)? An
 * opening single mark met first means the current mark was the closer ("'a shambles' and 'x'").
 */
function closedLaterOnLine(text: string, from: number, c: number): boolean {
  const lim = Math.min(text.length, from + LOOKAHEAD);
  for (let k = from; k < lim; k++) {
    const x = text.charCodeAt(k);
    if (x === NL) return false;
    if (x === SQ || x === RSQ || x === LSQ) {
      const p = text.charCodeAt(k - 1);
      const q = k + 1 < text.length ? text.charCodeAt(k + 1) : -1;
      if (isWordCode(p) && isWordCode(q)) continue; // apostrophe inside a word
      if (isSpaceCode(p) || isOpenPunct(p)) return false; // an opening mark comes first
      if (x === c || (c === RSQ && x === SQ) || (c === SQ && x === RSQ)) {
        if (isSpaceCode(q) || isClosePunctAfter(q)) return true;
      }
    }
  }
  return false;
}
