import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Analysis, Entity, Quote, Sentence } from '../../server/src/engine/types';
import { checkWorthiness, DEFAULT_CLAIM_THRESHOLD } from '../../server/src/engine/annotations/worthiness';

/** One-sentence analysis; `ents` are [text, type] found in the sentence. */
function one(text: string, ents: Array<[string, Entity['type']]> = [], extra: Partial<Analysis> = {}): { s: Sentence; a: Analysis } {
  const s: Sentence = { start: 0, end: text.length, text, paragraph: 0 };
  const entities: Entity[] = ents.map(([t, type]) => {
    const i = text.indexOf(t);
    assert.ok(i >= 0, t);
    return { start: i, end: i + t.length, text: t, type, clusterId: t };
  });
  return { s, a: { length: text.length, entities, clusters: [], quotes: [], sentences: [s], ...extra } };
}

function score(text: string, ents: Array<[string, Entity['type']]> = [], extra: Partial<Analysis> = {}) {
  const { s, a } = one(text, ents, extra);
  return checkWorthiness(s, a, text);
}

test('numbers with a comparison are check-worthy, and the reasons say why', () => {
  const r = score('The ministry said more than 4,000 students are studying abroad this year.', [['4,000', 'number']]);
  assert.ok(r.score >= DEFAULT_CLAIM_THRESHOLD, JSON.stringify(r));
  assert.ok(r.reasons.some((x) => x === 'contains a number ("4,000")'), r.reasons.join(' | '));
  assert.ok(r.reasons.some((x) => x.includes('more than')));
});

test('causal and legal language about named entities counts', () => {
  const r = score('The general was charged with war crimes because his troops shelled hospitals in 2016.', [['2016', 'date']]);
  assert.ok(r.score >= DEFAULT_CLAIM_THRESHOLD, JSON.stringify(r));
  assert.ok(r.reasons.some((x) => x.includes('because')));
  assert.ok(r.reasons.some((x) => x.includes('war crimes')));
  assert.ok(r.reasons.some((x) => x.includes('2016')));
});

test('an attributed statement by a named speaker is a reason', () => {
  const text = '"Unemployment fell by 12 percent last year," Finance Minister Ana Ruiz said.';
  const q: Quote = { start: 1, end: text.indexOf(',"') + 1, text: text.slice(1, text.indexOf(',"') + 1), open: 0, close: text.indexOf(',"') + 1, speaker: 'Ana Ruiz', partial: false, nested: false };
  const r = score(text, [['Ana Ruiz', 'person'], ['12 percent', 'number']], { quotes: [q] });
  assert.ok(r.reasons.includes('attributed statement by Ana Ruiz'), r.reasons.join(' | '));
  assert.ok(r.score >= DEFAULT_CLAIM_THRESHOLD);
});

test('a sentence without factual markers scores low', () => {
  const r = score('The two leaders shook hands warmly in front of the cameras and smiled.');
  assert.ok(r.score < 0.2, JSON.stringify(r));
  assert.ok(r.reasons.some((x) => x.startsWith('no factual markers')));
});

test('questions are penalised', () => {
  const stmt = score('More than 300 people died in the floods in 2021.');
  const q = score('Did more than 300 people die in the floods in 2021?');
  assert.ok(q.score < stmt.score * 0.5 + 0.01, `${q.score} vs ${stmt.score}`);
  assert.ok(q.score < DEFAULT_CLAIM_THRESHOLD);
  assert.ok(q.reasons.includes('but it is a question'));
});

test('very short sentences and headlines are penalised; boilerplate and zones never count', () => {
  assert.equal(score('Prices up 40%.').score < DEFAULT_CLAIM_THRESHOLD, true);
  const head = score('Floods Kill More Than 300 People in 2021');
  assert.ok(head.score < DEFAULT_CLAIM_THRESHOLD && head.reasons.includes('but it looks like a headline or label'), JSON.stringify(head));
  assert.equal(score('Subscribe today and pay only $46 for an annual subscription, less than $4 a month.').score, 0);
  const text = 'More than 300 people died in the floods in 2021, officials said.';
  const zoned = score(text, [], { zones: [{ start: 0, end: text.length, kind: 'footer' }] });
  assert.equal(zoned.score, 0);
  assert.deepEqual(zoned.reasons, ['part of a footer, not prose']);
});

test('digits inside names and dates are not quantities; a year alone is a date', () => {
  const r = score('The broadcaster France 24 reported the meeting on 2025-10-15 in Moscow.', [['France 24', 'organization'], ['Moscow', 'place']]);
  assert.ok(!r.reasons.some((x) => x.startsWith('contains')), r.reasons.join(' | '));
  const y = score('The offensive began in 2011 according to the report.');
  assert.ok(!y.reasons.some((x) => x.startsWith('contains')));
  assert.ok(y.reasons.some((x) => x.includes('2011')));
});

test('scores are within 0..1 and more evidence never lowers the score', () => {
  const a = score('The bridge cost 40 million euros.');
  const b = score('The bridge cost 40 million euros, the largest sum ever spent by the city, because of delays.');
  assert.ok(a.score > 0 && a.score <= 1 && b.score <= 1);
  assert.ok(b.score > a.score);
});
