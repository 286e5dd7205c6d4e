// Regression floors for recognition quality on the hand-annotated news articles in
// test/fixtures/news (written for Factmark, not taken from any outlet). The scorer is
// test/fixtures/news/score.ts; run it directly for the full table and the list of errors:
//   npx esbuild test/fixtures/news/score.ts --bundle --platform=node --outfile=/tmp/score.js && node /tmp/score.js --verbose
// The floors sit just below the scores achieved when they were set, so a change that makes
// recognition worse on these articles fails here; raise them when recognition improves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, loadGold, prf, scoreDoc, summary, emptyScore, TYPES } from '../fixtures/news/score';

/** Overlap-match F1 floors per entity type, and quote floors. */
const FLOORS = {
  person: 0.8,
  place: 0.9,
  organization: 0.74,
  date: 0.95,
  number: 0.95,
  all: 0.86,
  quoteSpanF1: 0.97,
  speakerAccuracy: 0.65,
};

test('news fixtures: gold files are consistent with their articles', () => {
  const docs = loadGold(); // throws when a gold span does not match its text
  assert.ok(docs.length >= 8, `expected at least 8 annotated articles, found ${docs.length}`);
  for (const { gold } of docs) {
    assert.ok(gold.entities.length > 20, `${gold.file}: too few gold entities`);
    assert.ok(gold.quotes.length > 0, `${gold.file}: no gold quotes`);
    for (const e of gold.entities) assert.ok((TYPES as readonly string[]).includes(e.type), `${gold.file}: bad type ${e.type}`);
    let last = -1;
    for (const e of gold.entities) {
      assert.ok(e.start >= last, `${gold.file}: gold entities overlap or are out of order at "${e.text}"`);
      last = e.end;
    }
  }
});

test('news fixtures: scorer counts exact, overlap and speaker matches', () => {
  const gold = {
    file: 't',
    entities: [
      { text: 'Ana Ribeiro', type: 'person', start: 0, end: 11 },
      { text: 'Lisbon', type: 'place', start: 20, end: 26 },
    ],
    quotes: [{ text: 'Hi', speaker: 'Ana Ribeiro', start: 30, end: 32 }],
  };
  const s = scoreDoc(gold, {
    entities: [
      { text: 'President Ana Ribeiro', type: 'person', start: 0, end: 11 },
      { text: 'Lisbon', type: 'organization', start: 20, end: 26 },
    ],
    quotes: [{ text: 'Hi', speaker: null, start: 30, end: 32 }],
  }, emptyScore());
  assert.deepEqual(s.byType.person, { pred: 1, gold: 1, exact: 1, overlapP: 1, overlapR: 1 });
  assert.deepEqual(s.byType.place, { pred: 0, gold: 1, exact: 0, overlapP: 0, overlapR: 0 });
  assert.deepEqual(s.byType.organization, { pred: 1, gold: 0, exact: 0, overlapP: 0, overlapR: 0 });
  assert.deepEqual(s.quotes, { pred: 1, gold: 1, exact: 1, overlapR: 1, speakerCorrect: 0 });
  assert.deepEqual(prf(1, 2, 1, 4), { p: 0.5, r: 0.25, f1: 1 / 3 });
});

test('news fixtures: per-type F1 and quote scores stay above their floors', () => {
  const score = evaluate();
  const s = summary(score);
  const report: string[] = [];
  for (const t of [...TYPES, 'all'] as const) {
    const f1 = (s[t] as { overlap: { f1: number } }).overlap.f1;
    report.push(`${t} ${f1.toFixed(3)}`);
    assert.ok(f1 >= FLOORS[t], `${t}: overlap F1 ${f1.toFixed(3)} fell below ${FLOORS[t]} (${report.join(', ')})`);
  }
  assert.ok(s.quotes.exact.f1 >= FLOORS.quoteSpanF1, `quote span F1 ${s.quotes.exact.f1.toFixed(3)} < ${FLOORS.quoteSpanF1}`);
  assert.ok(s.quotes.speakerAccuracy >= FLOORS.speakerAccuracy, `speaker accuracy ${s.quotes.speakerAccuracy.toFixed(3)} < ${FLOORS.speakerAccuracy}`);
});
