// Precision/recall floors for the source comparison on the invented ferry corpus
// (test/fixtures/compare: five outlets, hand-made gold.json). Scorer: test/fixtures/compare/score.ts
// (run it directly for the table). Scored first with the engine as it stood before the corpus was
// written (entities P 1.000 R 0.778; quotes P 1.000 R 0.789; speaker-differs P 0.333 R 1.000;
// figures P 0.429 R 0.375), then after general fixes (given-name transliterations, company
// suffixes, what happened to the people counted, "a fund of N"): entities P 1.000 R 0.961; quotes
// P 1.000 R 1.000; speaker-differs P 1.000 R 1.000; figures P 1.000 R 0.625. Floors sit just below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCorpus, scoreEntities, scoreFigures, scoreQuotes } from '../fixtures/compare/score';

const { result, gold, files } = runCorpus();

test('entity spelling clusters: precision and recall floors, nobody merged with someone else', () => {
  const e = scoreEntities(result, gold, files);
  assert.deepEqual(e.merged, [], 'a cluster holds spellings of two different entities');
  assert.ok(e.pr.precision >= 0.98, `entity cluster precision ${e.pr.precision.toFixed(3)}`);
  assert.ok(e.pr.recall >= 0.94, `entity cluster recall ${e.pr.recall.toFixed(3)} (missing: ${e.missing.join(', ')})`);
});

test('quote groups: precision and recall floors; the quote another outlet gives to someone else is found', () => {
  const q = scoreQuotes(result, gold, files);
  assert.ok(q.pr.precision >= 0.95, `quote group precision ${q.pr.precision.toFixed(3)}`);
  assert.ok(q.pr.recall >= 0.95, `quote group recall ${q.pr.recall.toFixed(3)} (missing: ${q.missing.join(', ')})`);
  assert.ok(q.speakerDiffers.precision >= 0.99 && q.speakerDiffers.recall >= 0.99, `speaker-differs P ${q.speakerDiffers.precision} R ${q.speakerDiffers.recall}`);
});

test('figure groups: differing and single-source figures, precision and recall floors', () => {
  const f = scoreFigures(result, gold, files);
  assert.ok(f.pr.precision >= 0.9, `figure precision ${f.pr.precision.toFixed(3)} (extra: ${f.extra.join('; ')})`);
  assert.ok(f.pr.recall >= 0.6, `figure recall ${f.pr.recall.toFixed(3)} (missed: ${f.missed.join(', ')})`);
  for (const id of ['passengers', 'search-hours']) assert.ok(f.found.includes(id), `${id} reported as differing`);
});

// Held out: a second invented event (a dock strike, test/fixtures/compare/heldout), written and
// scored once after the tuning above, before any change for it: entities P 1.000 R 0.660; quotes
// P 1.000 R 1.000; speaker-differs R 0.000 (the recogniser leaves the odd speaker unknown); figures
// P 0.500 R 0.750. Then two general rules (double surnames "Mensah-Bonsu"/"Mensah"; the noun an
// adjectival amount modifies; a compound's last part) gave entities R 0.745 (the rest: "Calvara"
// not recognised in two articles) and figures P 0.750 R 0.750 ("vessels" vs "ships" missed).
const heldout = runCorpus('heldout');

test('held-out corpus: floors on clusters, and Kofi Mensah stays apart from Kwame Mensah-Bonsu', () => {
  const e = scoreEntities(heldout.result, heldout.gold, heldout.files);
  assert.deepEqual(e.merged, []);
  assert.ok(e.pr.precision >= 0.98 && e.pr.recall >= 0.7, `entities P ${e.pr.precision.toFixed(3)} R ${e.pr.recall.toFixed(3)} (missing: ${e.missing.join(', ')})`);
  const q = scoreQuotes(heldout.result, heldout.gold, heldout.files);
  assert.ok(q.pr.precision >= 0.95 && q.pr.recall >= 0.95, `quotes P ${q.pr.precision.toFixed(3)} R ${q.pr.recall.toFixed(3)}`);
  const f = scoreFigures(heldout.result, heldout.gold, heldout.files);
  assert.ok(f.pr.precision >= 0.7 && f.pr.recall >= 0.7, `figures P ${f.pr.precision.toFixed(3)} R ${f.pr.recall.toFixed(3)} (extra: ${f.extra.join('; ')}; missed: ${f.missed.join(', ')})`);
});
