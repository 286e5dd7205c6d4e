import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchor, describeSpan } from '../../server/src/engine/annotations/anchor';

const ARTICLE = [
  'The mayor opened the new bridge over the river on Monday morning.',
  'She said the project cost 40 million euros, twice the original budget.',
  'Critics called the bridge a waste of public money.',
  'The council will vote on next year\'s transport budget in March.',
  'Residents welcomed the shorter commute to the city centre.',
].join(' ');

const CLAIM = 'She said the project cost 40 million euros, twice the original budget.';
const at = ARTICLE.indexOf(CLAIM);
const SEL = describeSpan(ARTICLE, at, at + CLAIM.length);

function found(text: string, r: ReturnType<typeof anchor>): string | undefined {
  return r.start === undefined ? undefined : text.slice(r.start, r.end);
}

test('describeSpan gives the exact text, 32 characters of context and the position', () => {
  assert.equal(SEL.exact, CLAIM);
  assert.equal(SEL.position, at);
  assert.equal(SEL.prefix, ARTICLE.slice(at - 32, at));
  assert.equal(SEL.suffix, ARTICLE.slice(at + CLAIM.length, at + CLAIM.length + 32));
});

test('unchanged text: exact match at the recorded position with score 1', () => {
  const r = anchor(ARTICLE, SEL);
  assert.equal(r.status, 'exact');
  assert.equal(r.start, at);
  assert.equal(r.end, at + CLAIM.length);
  assert.equal(r.score, 1);
});

test('insertions before and after move the anchor with the text', () => {
  const before = 'UPDATED 10:45. A correction was added to this story. ' + ARTICLE;
  const r1 = anchor(before, SEL);
  assert.equal(r1.status, 'exact');
  assert.equal(found(before, r1), CLAIM);
  assert.equal(r1.start, at + 53);

  const after = ARTICLE + ' The mayor did not respond to questions about the overrun on Tuesday.';
  const r2 = anchor(after, SEL);
  assert.equal(r2.status, 'exact');
  assert.equal(r2.start, at);
});

test('rewording a few words re-anchors fuzzily onto the edited sentence', () => {
  const edited = ARTICLE.replace('twice the original budget', 'double the initial budget');
  const r = anchor(edited, SEL);
  assert.equal(r.status, 'fuzzy');
  assert.equal(found(edited, r), 'She said the project cost 40 million euros, double the initial budget.');
  assert.ok(r.score >= 0.75 && r.score < 1, `score ${r.score}`);
});

test('a changed number plus an insertion before still re-anchors', () => {
  const edited = 'Breaking: ' + ARTICLE.replace('40 million', '45 million');
  const r = anchor(edited, SEL);
  assert.equal(r.status, 'fuzzy');
  assert.equal(found(edited, r), CLAIM.replace('40 million', '45 million'));
});

test('deleting the sentence makes the annotation an orphan', () => {
  const edited = ARTICLE.replace(CLAIM + ' ', '');
  const r = anchor(edited, SEL);
  assert.equal(r.status, 'orphan');
  assert.equal(r.start, undefined);
});

test('rewriting the sentence makes the annotation an orphan, not a wrong match', () => {
  const edited = ARTICLE.replace(CLAIM, 'According to her, the bridge ended up far more expensive than planned.');
  const r = anchor(edited, SEL);
  assert.equal(r.status, 'orphan');
});

test('a duplicated sentence next to the original: the copy still at the recorded position is kept', () => {
  const edited = ARTICLE.replace(CLAIM, CLAIM + ' ' + CLAIM);
  const r = anchor(edited, SEL);
  assert.equal(r.status, 'exact');
  assert.equal(r.start, at);
  assert.equal(r.candidates.length, 2);
});

test('a duplicated sentence after an edit moved the text is ambiguous, never silently the wrong copy', () => {
  const edited = 'A new first paragraph was added. ' + ARTICLE.replace(CLAIM, CLAIM + ' ' + CLAIM);
  const r = anchor(edited, SEL);
  assert.equal(r.status, 'ambiguous');
  assert.equal(r.start, undefined);
  assert.equal(r.candidates.length, 2);
  for (const c of r.candidates) assert.equal(edited.slice(c.start, c.end), CLAIM);
});

test('a copy elsewhere with other context does not steal the anchor', () => {
  const edited = ARTICLE + ' In a statement read at the meeting: ' + CLAIM + ' Nobody objected.';
  const r = anchor(edited, SEL);
  assert.equal(r.status, 'exact');
  assert.equal(r.start, at);
  assert.equal(r.candidates.length, 2);
  assert.ok(r.candidates[1].score < r.candidates[0].score - 0.05);
});

test('when the sentence is edited but an old copy survives elsewhere, the edited sentence in place wins', () => {
  const edited = ARTICLE.replace('40 million', '45 million') + ' Last year the paper wrote: ' + CLAIM + ' That was wrong.';
  const r = anchor(edited, SEL);
  assert.equal(r.status, 'fuzzy');
  assert.equal(r.start, at);
  assert.equal(found(edited, r), CLAIM.replace('40 million', '45 million'));
});

test('identical copies with identical context: exact at an unmoved position, ambiguous otherwise', () => {
  const block = 'Intro line here. ' + CLAIM + ' Outro line here.';
  const text = block + '\n\n' + block;
  const sel = { exact: CLAIM, prefix: 'Intro line here. ', suffix: ' Outro line here.' };
  const inPlace = anchor(text, { ...sel, position: 17 });
  assert.equal(inPlace.status, 'exact');
  assert.equal(inPlace.start, 17);
  assert.equal(anchor(text, { ...sel, position: 20 }).status, 'ambiguous', 'a stale position never breaks the tie');
  assert.equal(anchor(text, sel).status, 'ambiguous');
});

test('without context, several exact copies are ambiguous; a single one is exact', () => {
  assert.equal(anchor('a b. Same words here. c d. Same words here.', { exact: 'Same words here.' }).status, 'ambiguous');
  assert.equal(anchor('a b. Same words here. c d.', { exact: 'Same words here.' }).status, 'exact');
});

test('matches beyond the error cap, or with fuzzy matching off, are orphans', () => {
  const text = 'The project cost forty million euros in the end, officials said.';
  const sel = { exact: 'The project cost 40 million euros in the end, officials said.' };
  assert.equal(anchor(text, sel).status, 'fuzzy');
  assert.equal(anchor(text, sel, { maxErrors: 2 }).status, 'orphan');
  assert.equal(anchor(text, sel, { fuzzy: false }).status, 'orphan');
});

test('the position hint window finds an edited sentence in a long text', () => {
  const filler = 'Unrelated paragraph text about the weather and the football results. '.repeat(300);
  const text = filler + ARTICLE.replace('twice the original', 'double the first') + ' ' + filler;
  const sel = { ...SEL, position: SEL.position + filler.length };
  const r = anchor(text, sel);
  assert.equal(r.status, 'fuzzy');
  assert.equal(r.start, filler.length + at);
  assert.match(found(text, r) ?? '', /double the first budget\.$/);
});

test('empty selector or empty text is an orphan', () => {
  assert.equal(anchor(ARTICLE, { exact: '' }).status, 'orphan');
  assert.equal(anchor('', SEL).status, 'orphan');
});

test('UTF-16 offsets: text after astral characters and curly quotes', () => {
  const text = '😀 Emoji first. “Quoted” claim: 3 people died.';
  const r = anchor(text, { exact: '“Quoted” claim: 3 people died.' });
  assert.equal(r.status, 'exact');
  assert.equal(r.start, text.indexOf('“'));
});
