// Scaling (issue 12 item 2): each pathological but ordinary-looking input is run through the whole
// engine (analyze + check, so check-worthiness runs too) at two sizes; doubling the size may cost at
// most 3.5x (a ratio, never an absolute time). A quadratic pass shows as a ratio near 4 or more at these
// sizes. Each size is grown until the smaller run takes tens of milliseconds (a tiny time is mostly
// noise); each time is the best of three runs, and a failing ratio is measured up to twice more.
// Each pattern is also compared with ordinary prose of the same length (MAX_VS_PROSE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { checkSource } from '../../server/src/engine/annotations/check';

function run(text: string): void {
  const analysis = analyze(text);
  checkSource({ path: '/w/scaling.txt', text, analysis }, []);
}

function best(text: string): number {
  let t = Infinity;
  for (let i = 0; i < 3; i++) {
    const s = process.hrtime.bigint();
    run(text);
    t = Math.min(t, Number(process.hrtime.bigint() - s) / 1e6);
  }
  return t;
}

/** Repeat `unit` to about `size` characters. */
function rep(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
}

// Linear work doubles (ratio ~2, more with GC); quadratic work quadruples, so the bound sits between.
const MAX_RATIO = 3.5;

// Prose costs more per character than most degenerate inputs (it has names, quotes, dates); the
// slowest linear pattern here is a few times prose. A quadratic one is hundreds of times slower.
const MAX_VS_PROSE = 12;

const PROSE =
  'The minister said on Tuesday that the new bridge would open next year, according to officials in the capital. ' +
  '"We will finish it on time," she told reporters, adding that 40 million euros had been spent since March 2024.\n\n';
const proseTimes = new Map<number, number>();
function proseTime(size: number): number {
  let t = proseTimes.get(size);
  if (t === undefined) {
    t = best(rep(PROSE, size));
    proseTimes.set(size, t);
  }
  return t;
}

const PATTERNS: Array<[string, (n: number) => string, number]> = [
  // [name, generator of about n characters, smaller n]
  ['headline list with no sentence-final punctuation', (n) => rep('Markets rally as Central Bank holds rates at 4 percent\n', n), 150_000],
  ['CSV table', (n) => rep('2024-01-05,Berlin,Germany,1234,56.7\n', n), 150_000],
  ['run of periods', (n) => 'It ended' + '.'.repeat(n) + ' Then', 40_000],
  ['run of .!?…', (n) => 'Why' + rep('?!.…', n) + ' So', 40_000],
  ['long digit run', (n) => 'The code is ' + '7'.repeat(n) + ' and more.', 40_000],
  ['digits and capitals', (n) => rep('1A', n), 40_000],
  ['sentence full of numbers', (n) => 'In total there were ' + rep('12 cases, 15 deaths and 300 wounded in 2019 and ', n) + 'more.', 40_000],
  ['sentence full of dates', (n) => 'It happened ' + rep('on May 5, 2020 and on 6 June 2021 and ', n) + 'again.', 40_000],
  // typed as a person ("President X said"), so coreference builds its consonant skeleton
  ['one long capitalised name', (n) => 'President B' + rep('cdfgjklmnpqrstvxz', n) + ' said on Monday that talks would go on.', 100_000],
  ['one long capitalised name with vowels', (n) => 'President S' + rep('haraa', n) + ' said on Monday that talks would go on.', 100_000],
  ['two long names', (n) => 'Mr. B' + rep('cdfgjklmnpqrstvxz', n / 2) + ' met Mr. B' + rep('cdfgjklmnpqrstvxz', n / 2) + 'x.', 100_000],
  ['long run of capitals', (n) => 'He said ' + rep('ABCDEFGHIJ', n) + ' today.', 100_000],
  ['capitals separated by spaces', (n) => 'He said ' + rep('A ', n) + 'today.', 40_000],
  ['Title Case words without punctuation', (n) => rep('Minister Of State Visits Town ', n), 100_000],
  ['hyphens', (n) => 'A ' + '-'.repeat(n) + ' b.', 100_000],
  ['hyphenated capitalised word', (n) => 'He met ' + rep('Al-', n) + 'Sharaa.', 40_000],
  ['apostrophes', (n) => "It's " + "'".repeat(n) + ' ok.', 100_000],
  ['apostrophes inside a name', (n) => 'He met ' + rep("O'", n) + 'Brien.', 40_000],
  ['spaces', (n) => 'A' + ' '.repeat(n) + 'b.', 100_000],
  ['blank lines', (n) => 'A.' + '\n'.repeat(n) + 'B.', 100_000],
  ['straight quote marks', (n) => 'He said ' + '"'.repeat(n) + ' ok.', 40_000],
  ['curly quote marks', (n) => 'He said ' + '“'.repeat(n) + ' ok.', 40_000],
  ['alternating quotes', (n) => rep('“Yes,” he said. ', n), 100_000],
  ['unclosed quotes', (n) => rep('He said “yes and ', n), 40_000],
  ['parentheses', (n) => 'See ' + '('.repeat(n) + 'X' + ')'.repeat(n) + '.', 40_000],
  ['dots between capitals', (n) => 'The ' + rep('U.', n) + ' said.', 40_000],
];

for (const [name, gen, n] of PATTERNS) {
  test(`scaling: ${name} (2x the size costs at most 3.5x)`, (t) => {
    // Grow the size until the smaller run is long enough to time (tiny times are mostly noise).
    let size = n;
    run(gen(size)); // warm up
    let ts = best(gen(size));
    while (ts < 40 && size < 16 * n) {
      size *= 2;
      ts = best(gen(size));
    }
    const small = gen(size);
    const large = gen(2 * size);
    let tl = best(large);
    ts = best(small);
    let ratio = tl / Math.max(ts, 1);
    for (let attempt = 0; attempt < 2 && ratio > MAX_RATIO; attempt++) {
      // The machine is shared: measure again before concluding (quadratic work fails every time).
      ts = best(small);
      tl = best(large);
      ratio = Math.min(ratio, tl / Math.max(ts, 1));
    }
    const what = `${name}: ${small.length} chars ${ts.toFixed(1)} ms, ${large.length} chars ${tl.toFixed(1)} ms: ratio ${ratio.toFixed(2)}`;
    t.diagnostic(what);
    assert.ok(ratio <= MAX_RATIO, `${what} > ${MAX_RATIO}`);
    // And against ordinary prose of the same length: a pass that is quadratic only up to some cap
    // (or whose quadratic part hides behind fixed costs at these sizes) still shows here.
    const tp = proseTime(large.length);
    const vsProse = tl / Math.max(tp, 1);
    t.diagnostic(`${name}: ${vsProse.toFixed(1)}x the time of prose of the same length (${tp.toFixed(1)} ms)`);
    assert.ok(vsProse <= MAX_VS_PROSE, `${name}: ${tl.toFixed(1)} ms, ${vsProse.toFixed(1)}x prose of the same length (${tp.toFixed(1)} ms) > ${MAX_VS_PROSE}`);
  });
}
