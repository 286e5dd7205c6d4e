// Quote detection: marks, apostrophes, nesting, partial quotes, paragraphs, robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotes } from '../../server/src/engine/recognize/quotes';
import { quotesOf } from './quotes-helpers';

const noCtx = { entities: [], clusters: [], sentences: [] };
const texts = (t: string) => findQuotes(t, noCtx).map((q) => q.text);

test('straight double quotes: span excludes the marks, open/close are the marks', () => {
  const t = 'He said "we are ready" on Monday.';
  const [q] = findQuotes(t, noCtx);
  assert.equal(q.text, 'we are ready');
  assert.equal(t[q.open], '"');
  assert.equal(t[q.close!], '"');
  assert.equal(q.start, q.open + 1);
  assert.equal(q.end, q.close);
  assert.equal(t.slice(q.start, q.end), q.text);
});

test('curly double and single quotes', () => {
  assert.deepEqual(texts('SANA said talks would be “on bilateral relations.” Later...'), ['on bilateral relations.']);
  assert.deepEqual(texts('Leaders Discuss ‘Redefining’ Ties in First Meeting'), ['Redefining']);
  assert.deepEqual(texts('Putin hails \'special relations\'\nNext line.'), ['special relations']);
});

test('guillemets and low-9 quotes', () => {
  assert.deepEqual(texts('Il a dit «nous sommes prêts» hier.'), ['nous sommes prêts']);
  assert.deepEqual(texts('Er sagte „wir sind bereit“ gestern.'), ['wir sind bereit']);
});

test('single quotes nested in double quotes are marked nested', () => {
  const qs = findQuotes('"He called it \'a special relationship\' and left," she said.', noCtx);
  assert.equal(qs.length, 2);
  const [outer, inner] = qs;
  assert.equal(outer.text, "He called it 'a special relationship' and left,");
  assert.equal(outer.nested, false);
  assert.equal(inner.text, 'a special relationship');
  assert.equal(inner.nested, true);
  // nested quote closing right before the outer closing mark
  const qs2 = findQuotes('“We reject the word ‘terrorists’,” he said.', noCtx);
  assert.deepEqual(qs2.map((q) => [q.text, q.nested]), [['We reject the word ‘terrorists’,', false], ['terrorists', true]]);
});

test('partial quotes embedded in a sentence', () => {
  const [a] = findQuotes('Sharaa said he wanted to "redefine" relations with Moscow.', noCtx);
  assert.equal(a.text, 'redefine');
  assert.equal(a.partial, true);
  const [b] = findQuotes("The leader wanted to 'redefine' ties.", noCtx);
  assert.equal(b.text, 'redefine');
  assert.equal(b.partial, true);
  const [c] = findQuotes('He told reporters: "We will ask the Russian president to hand over everyone who committed crimes."', noCtx);
  assert.equal(c.partial, false);
  const [d] = findQuotes('"We are ready," he said.', noCtx);
  assert.equal(d.partial, false);
});

test('apostrophes are not quote marks', () => {
  const t =
    "Don't forget Sharaa's forces, Russia’s bases, rock 'n' roll, the '90s and ’80s, O'Brien, " +
    "the countries' historic ties, the Joneses' house and goin' home. It's fine.";
  assert.deepEqual(texts(t), []);
});

test('apostrophes inside quotes do not end them', () => {
  assert.deepEqual(texts('"Russia’s role isn\'t over, it\'s the countries\' choice," he said.'), [
    "Russia’s role isn't over, it's the countries' choice,",
  ]);
  assert.deepEqual(texts("Putin hails 'the two countries' historic ties' in Moscow"), ["the two countries' historic ties"]);
  assert.deepEqual(texts('He praised ‘Syria’s sovereignty’ again.'), ['Syria’s sovereignty']);
});

test('a quote spanning paragraphs: one quote per paragraph, close null until the last', () => {
  const t = '"We have come a long way.\n"We are not done yet.\n"We will finish the job," Putin said.\nNext paragraph.';
  const qs = quotesOf(t, [{ type: 'person', names: ['Vladimir Putin', 'Putin'] }]);
  assert.deepEqual(qs.map((q) => q.text), ['We have come a long way.', 'We are not done yet.', 'We will finish the job,']);
  assert.deepEqual(qs.map((q) => q.close === null), [true, true, false]);
  assert.deepEqual(qs.map((q) => q.speaker), ['Vladimir Putin', 'Vladimir Putin', 'Vladimir Putin']);
  // also with blank lines between paragraphs and curly marks
  const t2 = '“First part of the statement.\n\n“Second part,” Lavrov said.';
  const qs2 = quotesOf(t2, [{ type: 'person', names: ['Lavrov'] }]);
  assert.deepEqual(qs2.map((q) => [q.text, q.close === null, q.speaker]), [
    ['First part of the statement.', true, 'Lavrov'],
    ['Second part,', false, 'Lavrov'],
  ]);
});

test('an unmatched opening mark is capped at the end of its paragraph', () => {
  const t = 'He said "this never closes.\nThe next paragraph has "a quote" in it.\nAnd "another one" here.';
  const qs = findQuotes(t, noCtx);
  assert.deepEqual(qs.map((q) => [q.text, q.close === null]), [
    ['this never closes.', true],
    ['a quote', false],
    ['another one', false],
  ]);
});

test('a stray closing mark or inch sign is ignored', () => {
  assert.deepEqual(texts('A 15" screen and a 2" pipe.'), []);
  assert.deepEqual(texts('It ended.” Then "a real quote" came.'), ['a real quote']);
});

test('hard-wrapped lines inside a quote continue it', () => {
  assert.deepEqual(texts('"We are trying to restore and\nredefine these relations," he said.'), [
    'We are trying to restore and\nredefine these relations,',
  ]);
  assert.deepEqual(texts('"We are trying to talk to\nMoscow about it," he said.'), ['We are trying to talk to\nMoscow about it,']);
});

test('robust on pathological input: many unmatched marks stay within their lines', () => {
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++) lines.push(i % 2 ? `Line ${i} "never closed` : `Line ${i} with ' and ’ and “ stray`);
  const t = lines.join('\n');
  const qs = findQuotes(t, noCtx);
  assert.ok(qs.length >= 1000);
  for (const q of qs) {
    assert.ok(!t.slice(q.start, q.end).includes('\n'), 'quote crosses a paragraph');
    assert.ok(q.end > q.start);
  }
});

test('empty quotes are dropped', () => {
  assert.deepEqual(texts('He said "" and left.'), []);
});

test('curly opening mark misused as a closing one, and unclosed curly followed by a new quote', () => {
  assert.deepEqual(texts('He said “we are ready“ and left.'), ['we are ready']);
  assert.deepEqual(texts('He said “we are ready and she said “no” today.'), ['we are ready and she said', 'no']);
});

test('fuzz: random texts with marks keep the invariants and never throw', () => {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pieces = ['"', "'", '“', '”', '‘', '’', '«', '»', '„', ' ', ' ', ' ', '\n', '\n\n', 'Putin', 'said', 'he', 'told', 'the', 'Russian', 'leader', ',', '.', ':', "n't", 's', 'according to', 'Moscow', '90s', '—'];
  for (let round = 0; round < 300; round++) {
    let t = '';
    const len = 5 + Math.floor(rnd() * 80);
    for (let i = 0; i < len; i++) t += pieces[Math.floor(rnd() * pieces.length)] + (rnd() < 0.5 ? ' ' : '');
    const specs = [{ type: 'person' as const, names: ['Putin'] }, { type: 'place' as const, names: ['Moscow'] }];
    const qs = quotesOf(t, specs);
    let lastTopEnd = -1;
    for (const q of qs) {
      assert.ok(q.open >= 0 && q.open < q.start && q.start < q.end && q.end <= t.length, JSON.stringify({ t, q }));
      assert.equal(t.slice(q.start, q.end), q.text);
      if (q.close !== null) assert.equal(q.close, q.end);
      if (q.cue) assert.ok(q.cue.start >= 0 && q.cue.end <= t.length && q.cue.start < q.cue.end);
      if (q.speakerMention) assert.equal(t.slice(q.speakerMention.start, q.speakerMention.end), q.speakerMention.text);
      if (!q.nested) {
        assert.ok(q.open >= lastTopEnd, `top-level quotes overlap in ${JSON.stringify(t)}`);
        lastTopEnd = q.close ?? q.end;
      }
    }
  }
});

test('two single-quoted words in a sentence, the first ending in s', () => {
  assert.deepEqual(texts("Badenoch said the plan was 'a shambles' and accused ministers of 'dithering'."), ['a shambles', 'dithering']);
});

test('double quotes of the other style nested inside double quotes', () => {
  const a = findQuotes('“He said "no" to us,” she said.', noCtx);
  assert.deepEqual(a.map((q) => [q.text, q.nested]), [['He said "no" to us,', false], ['no', true]]);
  const b = findQuotes('"He said “no” to us," she said.', noCtx);
  assert.deepEqual(b.map((q) => [q.text, q.nested]), [['He said “no” to us,', false], ['no', true]]);
  // mixed typography: a curly opening closed by a straight mark
  assert.deepEqual(texts('He said “we are ready" and left.'), ['we are ready']);
});

test('CRLF line endings: spans and paragraph caps are the same as with LF', () => {
  const lf = '"First part.\n"Second part," Putin said.\nHe said "unclosed\nNext.';
  const crlf = lf.replace(/\n/g, '\r\n');
  const spec = [{ type: 'person' as const, names: ['Putin'] }];
  const a = quotesOf(lf, spec).map((q) => [q.text, q.close === null, q.speaker]);
  const b = quotesOf(crlf, spec).map((q) => [q.text, q.close === null, q.speaker]);
  assert.deepEqual(b, a);
  assert.deepEqual(a, [
    ['First part.', true, 'Putin'],
    ['Second part,', false, 'Putin'],
    ['unclosed', true, 'Putin'], // "He said" → the nearest person
  ]);
});
