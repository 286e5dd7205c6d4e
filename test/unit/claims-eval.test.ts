// Claim-matching quality floors on the evaluation drafts of test/fixtures/claims (written for the
// tests: verbatim copies, light and heavy paraphrases of the seed claims and of three invented
// articles' claims, and hard negatives — other figures, people, places, dates, the accurate version
// of a disputed claim, questions, hypotheticals, denials, "did not mention", North/South Korea).
// The scorer prints every miss: node out/test/fixtures/claims/score.js --verbose
//
// Held-out drafts (held-1.md, every third labelled sentence), scored once before any tuning:
//   precision 0.966 (28/29), recall 0.933 (28/30), verbatim recall 1.000 (12/12).
// After tuning on the dev drafts only: precision 0.968 (30/31), recall 1.000; the remaining error
// (a double negation "none ... and no ...", counted as an even number of negations) was then fixed
// by treating a negation as cancelled only by another within two words: 1.000 / 1.000.
// dev-3.md was written afterwards for the in-place substitution rule ("car exports" for
// "semiconductor exports"): 5 negatives, 2 positives; 4 of the 5 negatives are rejected (the fifth,
// "civilian" for "military", hides behind a recogniser entity "Russian military"). All drafts now:
// precision 0.989 (90/91), recall 1.000 (90/90); held-out unchanged at 1.000 / 1.000.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateClaims, report } from '../fixtures/claims/score';

test('claim matching: precision ≥ 0.95, recall ≥ 0.85, verbatim recall 1.0 on all drafts', () => {
  const r = evaluateClaims();
  const msg = report(r, 'all') + '\n' + r.errors.join('\n');
  assert.ok(r.positives >= 60 && r.negatives >= 60, `evaluation set too small: ${r.positives} positives, ${r.negatives} negatives`);
  assert.ok(r.precision >= 0.95, msg);
  assert.ok(r.recall >= 0.85, msg);
  assert.equal(r.verbatim.tp, r.verbatim.total, msg);
});

test('claim matching: the held-out drafts keep the same floors', () => {
  const r = evaluateClaims('held');
  const msg = report(r, 'held') + '\n' + r.errors.join('\n');
  assert.ok(r.precision >= 0.95, msg);
  assert.ok(r.recall >= 0.85, msg);
  assert.equal(r.verbatim.tp, r.verbatim.total, msg);
});
