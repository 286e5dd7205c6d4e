// Engine pieces of issue 10: annotation context cut at word boundaries, a new YAML entry formatted
// like its neighbours, and the hint for a key indented deeper than its entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prefixAt, suffixAt } from '../../server/src/engine/annotations/context-words';
import { applyEdits, planAnnotateClaim } from '../../server/src/engine/annotations/edits';
import { misindentedKey } from '../../server/src/engine/annotations/indent-hint';
import { loadAnnotations } from '../../server/src/engine/annotations/load';

test('prefix/suffix: about 32 characters, never starting or ending inside a word', () => {
  const text = 'It happened in the later years of the conflict.\nDuring the offensive, Moscow carried out hundreds of strikes on the province.';
  const start = text.indexOf('During');
  const p = prefixAt(text, start);
  assert.equal(p, 'later years of the conflict.\n');
  assert.ok(text.slice(0, start).endsWith(p));
  const end = text.indexOf(' Moscow');
  const s = suffixAt(text, end);
  assert.ok(text.slice(end).startsWith(s) && s.length <= 32);
  assert.match(s, /^ Moscow carried out hundreds of$/);
  // at the start / end of the text: whatever there is
  assert.equal(prefixAt(text, 0), '');
  assert.equal(suffixAt(text, text.length), '');
  assert.equal(prefixAt('short one', 6), 'short ');
});

const WITH_BLANKS = ['claims:', '  - id: a', '    text: One', '', '  - id: b', '    text: Two', '', 'quotes: []', ''].join('\n');
const WITHOUT = ['claims:', '  - id: a', '    text: One', '  - id: b', '    text: Two', 'quotes: []', ''].join('\n');

test('a new claim is separated by a blank line when its neighbours are, and not otherwise', () => {
  const input = { text: 'Three', sourceFile: 'story.txt', sourceId: 'story' };
  const a = applyEdits(WITH_BLANKS, planAnnotateClaim(WITH_BLANKS, input));
  assert.match(a, / {4}text: Two\n\n {2}- id: claim-3\n {4}text: Three\n/);
  assert.match(a, /# TODO: verdict[^\n]*\n\nquotes: \[\]/, 'the blank line before the next key stays');
  const b = applyEdits(WITHOUT, planAnnotateClaim(WITHOUT, input));
  assert.match(b, / {4}text: Two\n {2}- id: claim-3\n/);
  for (const t of [a, b]) assert.equal(loadAnnotations('/tmp/x/annotations.yaml', t).problems.filter((p) => p.code === 'FM100').length, 0);
});

test('a key indented deeper than its entry is reported on its own line with the columns', () => {
  const text = ['claims:', '  - id: a', '      text: One', '    status: draft', ''].join('\n');
  const hint = misindentedKey(text, text.indexOf('a\n'));
  assert.ok(hint);
  assert.equal(text.slice(hint.span.start, hint.span.end), 'text');
  assert.match(hint.message, /`text:` on line 3 is indented 6 spaces, deeper than `id:` on the line above \(4\)/);
  const loaded = loadAnnotations('/tmp/x/annotations.yaml', text);
  const fm100 = loaded.problems.filter((p) => p.code === 'FM100');
  assert.equal(fm100.length, 1);
  assert.equal(fm100[0].start, text.indexOf('text: One'));
  // a real quoting problem keeps its quoting hint
  const colon = ['claims:', '  - id: a', '    text: He said: no', ''].join('\n');
  const q = loadAnnotations('/tmp/x/annotations.yaml', colon).problems.find((p) => p.code === 'FM100');
  assert.ok(q && /quotes/.test(q.message), q?.message);
});
