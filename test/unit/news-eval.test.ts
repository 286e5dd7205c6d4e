// Regression floors for recognition quality on the hand-annotated news articles in
// test/fixtures/news (written for Factmark, not taken from any outlet). The scorer is
// test/fixtures/news/score.ts; run it directly for the full table and the list of errors:
//   npx esbuild test/fixtures/news/score.ts --bundle --platform=node --outfile=/tmp/score.js && node /tmp/score.js --verbose
// The floors sit just below the scores achieved when they were set, so a change that makes
// recognition worse on these articles fails here; raise them when recognition improves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate, fixtureDir, heldOutDir, heldOutManifest, loadGold, prf, ruleOf, scoreDoc, summary, emptyScore, TYPES } from '../fixtures/news/score';
import { convertGold, goldJson } from '../fixtures/news/make-gold';
import { analyze } from '../../server/src/engine/analyze';

/**
 * Overlap-match F1 floors per entity type, and quote floors. Achieved when set (16 articles):
 * person 0.973, place 0.983, organization 0.968, date 1.000, number 1.000, all 0.982;
 * quote span F1 1.000, speaker accuracy 0.984. (On the first 13 articles, before the news-evaluation
 * fixes the same engine scored 0.850, 0.926, 0.784, 0.973, 0.994, 0.892; 1.000, 0.642.)
 */
const FLOORS = {
  person: 0.96,
  place: 0.97,
  organization: 0.955,
  date: 0.98,
  number: 0.98,
  all: 0.975,
  quoteSpanF1: 0.98,
  speakerAccuracy: 0.96,
};

/**
 * Articles written after the engine was tuned on the others (UK court, US wildfire, EU-China
 * trade), scored before any change for them: person 0.949, place 1.000, organization 0.955,
 * date 1.000, number 1.000, all 0.976; quote span F1 1.000, speaker accuracy 0.854 (35/41).
 * After the speaker-attribution fixes they score all 0.988, speaker accuracy 1.000 (41/41).
 */
const HELD_OUT = ['uk-court-care-home.txt', 'us-wildfire-response.txt', 'eu-china-ev-dispute.txt'];
const HELD_OUT_FLOORS = { all: 0.975, quoteSpanF1: 0.98, speakerAccuracy: 0.97 };

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

test('news fixtures: each .gold.json is built from its hand-written .gold file', () => {
  const dir = fixtureDir();
  const txts = fs.readdirSync(dir).filter((f) => f.endsWith('.gold'));
  assert.ok(txts.length >= 8);
  for (const f of txts) {
    const base = f.slice(0, -'.gold'.length);
    const built = convertGold(base + '.txt', fs.readFileSync(path.join(dir, base + '.txt'), 'utf8'), fs.readFileSync(path.join(dir, f), 'utf8'));
    assert.equal(fs.readFileSync(path.join(dir, base + '.gold.json'), 'utf8'), goldJson(built), `${base}.gold.json is stale: run test/fixtures/news/make-gold.ts`);
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
  assert.deepEqual(s.quotes, { pred: 1, gold: 1, exact: 1, overlapR: 1, speakerCorrect: 0, namedGold: 1, namedCorrect: 0 });
  // Precision per rule: every prediction is counted under the rule (reason) that made it.
  const r = scoreDoc(gold, {
    entities: [
      { text: 'Ana Ribeiro', type: 'person', start: 0, end: 11, reason: 'given name: Ana' },
      { text: 'Lisbon', type: 'person', start: 20, end: 26, reason: 'capitalised word' },
    ],
    quotes: [{ text: 'Hi', speaker: 'Ana Ribeiro', start: 30, end: 32, rule: 'colon' }],
  }, emptyScore());
  assert.deepEqual(r.rules, { 'entity:person:given name': { made: 1, right: 1 }, 'entity:person:capitalised word': { made: 1, right: 0 }, 'speaker:colon': { made: 1, right: 1 } });
  assert.equal(ruleOf('title: President'), 'title');
  assert.equal(ruleOf('acronym of World Health Organization'), 'acronym of');
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

test('news fixtures: the later-written articles stay above their own floors', () => {
  const docs = loadGold().filter(({ gold }) => HELD_OUT.includes(gold.file));
  assert.equal(docs.length, HELD_OUT.length);
  const score = emptyScore();
  for (const { gold, text } of docs) {
    const a = analyze(text);
    scoreDoc(gold, { entities: a.entities, quotes: a.quotes.map((q) => ({ text: q.text, start: q.start, end: q.end, speaker: q.speaker })) }, score);
  }
  const s = summary(score);
  assert.ok(s.all.overlap.f1 >= HELD_OUT_FLOORS.all, `overlap F1 ${s.all.overlap.f1.toFixed(3)} < ${HELD_OUT_FLOORS.all}`);
  assert.ok(s.quotes.exact.f1 >= HELD_OUT_FLOORS.quoteSpanF1, `quote span F1 ${s.quotes.exact.f1.toFixed(3)} < ${HELD_OUT_FLOORS.quoteSpanF1}`);
  assert.ok(s.quotes.speakerAccuracy >= HELD_OUT_FLOORS.speakerAccuracy, `speaker accuracy ${s.quotes.speakerAccuracy.toFixed(3)} < ${HELD_OUT_FLOORS.speakerAccuracy}`);
});

/**
 * The held-out set of issue 9 (test/fixtures/news-heldout, 13 articles written and annotated before
 * tuning; person/place/organization and quotes only). Scored before any change for it (engine at
 * 337e929), all 13: person 0.858, place 0.880, organization 0.710, all 0.825; speaker accuracy over
 * named sources 0.734 (69/94). The four sealed articles (never inspected while tuning): all 0.798,
 * named speaker accuracy 0.815 (22/27). After the issue-9 changes, all 13: person 0.951, place 0.943,
 * organization 0.956, all 0.950, named speaker accuracy 0.926 (87/94); sealed four: all 0.888, 0.852 (23/27).
 */
const HELD_OUT_SET_FLOORS = { person: 0.94, place: 0.91, organization: 0.93, all: 0.935, quoteSpanF1: 0.98, namedSpeakerAccuracy: 0.9 };
const SEALED_FLOORS = { all: 0.86, namedSpeakerAccuracy: 0.82 };

test('held-out news set: gold files are consistent and built from their .gold files', () => {
  const dir = heldOutDir();
  const man = heldOutManifest(dir);
  const docs = loadGold(dir); // throws when a gold span does not match its text
  assert.ok(docs.length >= 12, `expected at least 12 held-out articles, found ${docs.length}`);
  for (const f of man.sealed) assert.ok(docs.some(({ gold }) => gold.file === f), `sealed article ${f} missing`);
  for (const { gold } of docs) {
    assert.ok(gold.entities.length > 15, `${gold.file}: too few gold entities`);
    assert.ok(gold.quotes.length > 0, `${gold.file}: no gold quotes`);
    for (const e of gold.entities) assert.ok(man.types.includes(e.type), `${gold.file}: type ${e.type} is not scored in the held-out set`);
  }
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.gold'))) {
    const base = f.slice(0, -'.gold'.length);
    const built = convertGold(base + '.txt', fs.readFileSync(path.join(dir, base + '.txt'), 'utf8'), fs.readFileSync(path.join(dir, f), 'utf8'));
    assert.equal(fs.readFileSync(path.join(dir, base + '.gold.json'), 'utf8'), goldJson(built), `${base}.gold.json is stale: run make-gold.ts on test/fixtures/news-heldout`);
  }
});

test('held-out news set: per-type F1 and speaker accuracy stay above their floors', () => {
  const dir = heldOutDir();
  const man = heldOutManifest(dir);
  const s = summary(evaluate(dir, { types: man.types }));
  for (const t of ['person', 'place', 'organization', 'all'] as const) {
    const f1 = (s[t] as { overlap: { f1: number } }).overlap.f1;
    assert.ok(f1 >= HELD_OUT_SET_FLOORS[t], `held-out ${t}: overlap F1 ${f1.toFixed(3)} fell below ${HELD_OUT_SET_FLOORS[t]}`);
  }
  assert.ok(s.quotes.exact.f1 >= HELD_OUT_SET_FLOORS.quoteSpanF1, `held-out quote span F1 ${s.quotes.exact.f1.toFixed(3)}`);
  assert.ok(s.quotes.namedSpeakerAccuracy >= HELD_OUT_SET_FLOORS.namedSpeakerAccuracy, `held-out speaker accuracy (named sources) ${s.quotes.namedSpeakerAccuracy.toFixed(3)} < ${HELD_OUT_SET_FLOORS.namedSpeakerAccuracy}`);
  const sealed = summary(evaluate(dir, { types: man.types, files: man.sealed }));
  assert.ok(sealed.all.overlap.f1 >= SEALED_FLOORS.all, `sealed articles: overlap F1 ${sealed.all.overlap.f1.toFixed(3)} < ${SEALED_FLOORS.all}`);
  assert.ok(sealed.quotes.namedSpeakerAccuracy >= SEALED_FLOORS.namedSpeakerAccuracy, `sealed articles: speaker accuracy ${sealed.quotes.namedSpeakerAccuracy.toFixed(3)} < ${SEALED_FLOORS.namedSpeakerAccuracy}`);
});

test('news fixtures: every rule that types an entity or picks a speaker is counted (precision per rule)', () => {
  const score = evaluate();
  const rules = Object.entries(score.rules);
  assert.ok(rules.length >= 10, 'expected decisions from at least ten rules');
  const made = rules.reduce((n, [, r]) => n + r.made, 0);
  const preds = TYPES.reduce((n, t) => n + score.byType[t].pred, 0);
  assert.ok(made >= preds, `every entity prediction carries a rule (${made} decisions for ${preds} predictions)`);
  assert.ok(!rules.some(([k]) => k === 'entity:person:none'), 'a person mention without a reason');
});
