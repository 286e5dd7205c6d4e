// Relative dates resolved against a reference (publication) date; absolute dates without one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { datelineDate, parseIsoDay, resolveDate, resolveDateEntity } from '../../server/src/engine/recognize/resolve-dates';
import { analyze } from '../../server/src/engine/analyze';

const REF = parseIsoDay('2025-10-15')!; // a Wednesday

test('relative dates against the publication date: weekdays, months, weeks, "ago"', () => {
  const cases: Array<[string, string, string?]> = [
    ['Wednesday', '2025-10-15', 'Wed 15 Oct 2025'],
    ['on Wednesday', '2025-10-15'],
    ['Monday', '2025-10-13', 'Mon 13 Oct 2025'],
    ['Sunday', '2025-10-12'],
    ['last Wednesday', '2025-10-08'],
    ['next Monday', '2025-10-20'],
    ['Wednesday morning', '2025-10-15'],
    ['last December', '2024-12', 'Dec 2024'],
    ['December', '2024-12'],
    ['next March', '2026-03'],
    ['earlier this week', '2025-10-13/2025-10-14', 'Mon 13 Oct 2025 – Tue 14 Oct 2025'],
    ['later this week', '2025-10-16/2025-10-19'],
    ['last week', '2025-10-06/2025-10-12'],
    ['this month', '2025-10'],
    ['earlier this month', '2025-10-01/2025-10-14'],
    ['last year', '2024'],
    ['earlier this year', '2025-01-01/2025-10-14'],
    ['last weekend', '2025-10-11/2025-10-12'],
    ['10 months ago', '2024-12', 'Dec 2024'],
    ['ten months ago', '2024-12'],
    ['a decade ago', '2015'],
    ['two weeks ago', '2025-10-01'],
    ['three days ago', '2025-10-12'],
    ['yesterday', '2025-10-14'],
    ['today', '2025-10-15'],
    ['tomorrow', '2025-10-16'],
    ['October 13', '2025-10-13'],
    ['13 October', '2025-10-13'],
    ['the second quarter of 2024', '2024-04/2024-06'],
    ['first half of the year', '2025-01/2025-06'],
  ];
  for (const [text, value, label] of cases) {
    const r = resolveDate(text.replace(/^the /, ''), REF);
    assert.ok(r, `${text} resolves`);
    assert.equal(r.value, value, text);
    if (label) assert.equal(r.label, label, text);
  }
});

test('a bare weekday or month points forward after a future cue in its sentence', () => {
  assert.equal(resolveDate('Friday', REF, { before: 'The two leaders will meet again on ' })?.value, '2025-10-17');
  assert.equal(resolveDate('Friday', REF, { before: 'The two leaders met on ' })?.value, '2025-10-10');
  assert.equal(resolveDate('December', REF, { before: 'Elections are scheduled for ' })?.value, '2025-12');
});

test('absolute dates need no reference; relative ones without it, or vague ones, stay unresolved', () => {
  assert.equal(resolveDate('15 October 2025', undefined)?.value, '2025-10-15');
  assert.equal(resolveDate('Oct. 15, 2025', undefined)?.value, '2025-10-15');
  assert.equal(resolveDate('2025-10-15T10:00Z', undefined)?.value, '2025-10-15');
  assert.equal(resolveDate('December 2024', undefined)?.value, '2024-12');
  assert.equal(resolveDate('late 2019', undefined)?.value, '2019-09/2019-12');
  assert.equal(resolveDate('1990s', undefined)?.value, '1990/1999');
  assert.equal(resolveDate('2011-2015', undefined)?.value, '2011/2015');
  assert.equal(resolveDate('31/12/2024', undefined)?.value, '2024-12-31');
  assert.equal(resolveDate('05/06/2024', undefined), null, 'day and month could be swapped');
  assert.equal(resolveDate('Wednesday', undefined), null);
  assert.equal(resolveDate('10 months ago', undefined), null);
  assert.equal(resolveDate('several years ago', REF), null);
  assert.equal(resolveDate('3 p.m.', REF), null);
  assert.equal(resolveDate('2025-02-30', undefined), null, 'not a date');
});

test('the dateline date of a document, and its relative dates resolved in context', () => {
  const text = 'MOSCOW, 15 October 2025 (AFP) - The president said on Monday that talks will resume on Friday. He was ousted last December.';
  const a = analyze(text);
  assert.equal(datelineDate(a, text), REF);
  const values = a.entities.filter((e) => e.type === 'date').map((e) => [e.text, resolveDateEntity(e, text, a, REF)?.value]);
  assert.deepEqual(values, [
    ['15 October 2025', '2025-10-15'],
    ['Monday', '2025-10-13'],
    ['Friday', '2025-10-17'],
    ['last December', '2024-12'],
  ]);
  assert.equal(datelineDate(analyze('The talks resumed on Monday.'), 'The talks resumed on Monday.'), undefined);
});
