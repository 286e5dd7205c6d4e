// The source comparison (engine/compare): quotes aligned across outlets, spelling clusters,
// figures matched by what they count, corroboration, FM010/FM011 — on the seeds and on small texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { compareSources, compareFindings, corroborationOf, type CompareSource } from '../../server/src/engine/compare';
import { parseAmount } from '../../server/src/engine/compare/figures';
import { checkSource, rankWithCorroboration } from '../../server/src/engine/annotations/check';
import { findRoot } from '../support/root';

const root = findRoot();
const seedFiles = fs.readdirSync(path.join(root, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
const src = (p: string, text: string): CompareSource => ({ path: p, text, analysis: analyze(text) });
const seeds = seedFiles.map((f) => src(f, fs.readFileSync(path.join(root, 'seeds', f), 'utf8')));
const seedResult = compareSources(seeds);

test('seeds: the "redefine" quote is aligned across every source that quotes it', () => {
  const carrying = seeds.filter((s) => s.analysis.quotes.some((q) => /redefin/i.test(q.text))).map((s) => s.path);
  assert.ok(carrying.length >= 3);
  const g = seedResult.quotes.find((q) => q.wordings.some((w) => /restore and redefine/.test(w.text)));
  assert.ok(g, 'a group holds the long "restore and redefine" quote');
  const inGroup = new Set(g.wordings.map((w) => w.path));
  for (const p of carrying) assert.ok(inGroup.has(p), `${p} carries "redefine" but is not in the group`);
  assert.ok(g.wordings.some((w) => /renew and redefine/.test(w.text)), 'the reworded "renew and redefine" wording is aligned');
  assert.match(g.speaker ?? '', /Sharaa/);
  assert.equal(g.speakerDiffers, false);
  // The word diff of the reworded wording names the changed word.
  const renew = g.wordings.find((w) => /renew and redefine/.test(w.text))!;
  assert.ok(renew.diff.some(([op, t]) => op === '+' && /renew/.test(t)));
  assert.ok(renew.similarity > 0.4 && renew.similarity < 1);
});

test('seeds: the Sharaa spellings are one cluster with no other person in it', () => {
  const g = seedResult.entities.find((e) => e.distinct.includes('Ahmad al-Shareh'));
  assert.ok(g);
  for (const s of ['Ahmed Al Sharaa', 'Ahmad al-Sharaa', 'Ahmad al-Shareh', 'Ahmed al-Sharaa', 'Shaara', 'Sharaa']) assert.ok(g.distinct.includes(s), `${s} in the cluster`);
  for (const s of g.distinct) assert.match(s, /^(?:Ahm[ae]d )?(?:[Aa]l[- ])?Sha(?:raa|reh|ara)$/, `unexpected spelling "${s}" merged in`);
  assert.equal(g.sources, 5);
  // Assad al-Shaibani (a given name "Assad") stays apart from Bashar al-Assad.
  const assad = seedResult.entities.find((e) => e.distinct.includes('Bashar al-Assad'))!;
  assert.ok(!assad.distinct.some((s) => /Shaibani/.test(s)));
});

test('seeds: the meeting length differs between sources; "4,000 students" is single-source', () => {
  const meeting = seedResult.figures.find((f) => f.values.some((v) => v.text === 'more than two and a half hours'));
  assert.ok(meeting, 'the meeting-length figure is found');
  assert.equal(meeting.differs, true);
  assert.ok(meeting.values.some((v) => v.text === 'two and a half hours' && v.path !== meeting.values[0].path));
  assert.match(meeting.what, /meeting/);
  const students = seedResult.figures.find((f) => f.values.some((v) => /4,000/.test(v.text)));
  assert.ok(students);
  assert.equal(students.singleSource, true);
  assert.equal(students.values[0].value, 4000);
  assert.equal(students.values[0].qualifier, 'more than');
  // FM010 on both sides, default severity info.
  const f0 = compareFindings(seedResult, meeting.values[0].path).filter((f) => f.code === 'FM010');
  assert.ok(f0.some((f) => f.severity === 'info' && /two and a half hours/.test(f.message)));
});

test('amounts: value, unit, qualifier-free parse of number mentions', () => {
  assert.deepEqual(parseAmount('two and a half hours'), { value: 2.5, unit: 'hour', adjectival: false, word: true });
  assert.deepEqual(parseAmount('14-year'), { value: 14, unit: 'year', adjectival: true, word: false });
  assert.equal(parseAmount('4,000')?.value, 4000);
  assert.equal(parseAmount('3 million euros')?.value, 3e6);
  assert.equal(parseAmount('3 million euros')?.unit, 'euro');
  assert.equal(parseAmount('$1.5 billion')?.unit, 'USD');
  assert.equal(parseAmount('$1.5 billion')?.value, 1.5e9);
  assert.equal(parseAmount('Sixty-seven')?.value, 67);
  assert.equal(parseAmount('hundreds')?.value, null);
  assert.equal(parseAmount('12%')?.unit, 'percent');
});

test('figures are matched by what they count, not by the number alone', () => {
  const r = compareSources([
    src('a.txt', 'The talks lasted three hours, officials said. At least 12 people were killed in the fighting. Some 300 soldiers took part.\n'),
    src('b.txt', 'The talks, which lasted nearly four hours, ended late. Twelve people died in the fighting. Three hours later the army withdrew.\n'),
  ]);
  const talks = r.figures.find((f) => f.noun.startsWith('talk'));
  assert.ok(talks && talks.differs, 'the talks durations differ');
  assert.deepEqual(talks.values.map((v) => v.text).sort(), ['nearly four hours', 'three hours']);
  const dead = r.figures.find((f) => f.key.endsWith('|died'));
  assert.ok(dead, 'the death tolls are one figure (killed/died)');
  assert.equal(dead.differs, true, '"at least 12" and "twelve" differ by the qualifier');
  // "Three hours later" measures nothing named: not matched with the talks.
  assert.ok(!talks.values.some((v) => /later/.test(v.sentence) && v.path === 'b.txt' && v.text === 'Three hours'));
  const soldiers = r.figures.find((f) => f.noun.startsWith('soldier'));
  assert.ok(soldiers?.singleSource);
});

test('spelling clusters: transliterations and typos join, different people with similar names do not', () => {
  const r = compareSources([
    src('a.txt', 'Minister Yusuf al-Hamdani spoke. Hamdani said the port was closed. Omar Nasri, a fisherman, watched.\n'),
    src('b.txt', 'Minister Youssef Al Hamdani spoke to Leila Nasser. Nasser said the port was closed.\n'),
    src('c.txt', 'Minister Yousef Hamdany met Laila Nassar. Nasri was not there, said Anton Marchuk.\n'),
  ]);
  const hamdani = r.entities.find((e) => e.distinct.includes('Yusuf al-Hamdani'))!;
  for (const s of ['Youssef Al Hamdani', 'Yousef Hamdany', 'Hamdani']) assert.ok(hamdani.distinct.includes(s), s);
  const nasser = r.entities.find((e) => e.distinct.includes('Leila Nasser'))!;
  assert.ok(nasser.distinct.includes('Laila Nassar'));
  assert.ok(!nasser.distinct.some((s) => /Nasri/.test(s)), 'Nasri is not Nasser');
  const nasri = r.entities.find((e) => e.distinct.includes('Omar Nasri'))!;
  assert.ok(nasri.distinct.includes('Nasri'), 'bare "Nasri" joins the one person of that exact surname');
  assert.equal(hamdani.canonical, 'Yusuf al-Hamdani');
});

test('annotated names and canonical quote wordings are the cluster name and the wording of record', () => {
  const a = src('a.txt', 'Ahmad Shareh said: "We want peace and we want it now," at the palace.\n');
  const b = src('b.txt', 'Ahmed Sharaa said: "We want peace, and we want it now," at the palace.\n');
  const c = src('c.txt', 'Ahmed Sharaa said: "We want peace and we want it today," at the palace.\n');
  const r = compareSources([a, b, c], {
    entities: [{ id: 'sharaa', name: 'Ahmed al-Sharaa', aliases: ['Ahmed Sharaa'] }],
    quotes: [{ id: 'q1', text: 'We want peace and we want it today', sourcePath: 'c.txt' }],
  });
  const e = r.entities.find((x) => x.distinct.includes('Ahmad Shareh'))!;
  assert.equal(e.canonical, 'Ahmed al-Sharaa');
  assert.equal(e.annotatedId, 'sharaa');
  assert.equal(r.quotes.length, 1);
  assert.equal(r.quotes[0].record.basis, 'annotated');
  assert.equal(r.quotes[0].record.path, 'c.txt');
  // Without annotations: the wording most sources use, else the earliest source.
  const r2 = compareSources([a, b, c]);
  assert.equal(r2.quotes[0].record.basis, 'most-common');
  const r3 = compareSources([a, c]);
  assert.equal(r3.quotes[0].record.basis, 'earliest');
  assert.equal(r3.quotes[0].record.path, 'a.txt');
});

test('FM011: a quote another outlet attributes to a different speaker', () => {
  const r = compareSources([
    src('a.txt', 'Leila Nasser leads the rescue. "Every hour that passes lowers the chance of finding survivors," Nasser said.\n'),
    src('b.txt', 'Leila Nasser leads the rescue. "Every hour that passes lowers the chance of finding survivors," Nasser said.\n'),
    src('c.txt', 'Minister Yusuf Hamdani visited. "Every hour that passes lowers the chance of finding survivors," Hamdani said.\n'),
  ]);
  assert.equal(r.quotes.length, 1);
  assert.equal(r.quotes[0].speakerDiffers, true);
  assert.match(r.quotes[0].speaker ?? '', /Nasser/);
  const f = compareFindings(r, 'c.txt');
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'FM011');
  assert.equal(f[0].rule, 'quote-speaker-differs');
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /Hamdani.*2 other sources.*Nasser/);
  assert.deepEqual(compareFindings(r, 'a.txt'), []);
  assert.deepEqual(compareFindings(r, 'c.txt', { severities: { FM011: 'off' } }), []);
});

test('corroboration: how many sources report a sentence, and single-source facts rank higher', () => {
  const texts = [
    'The ferry was carrying 112 passengers when it capsized near the harbour on Saturday. The captain had sailed the route for twenty years and knew the lake well.',
    'The ferry carried 112 passengers when it capsized close to the harbour on Saturday evening. Police questioned the crew for several hours.',
    'On Saturday the ferry capsized near the harbour with 112 passengers aboard. Divers searched the wreck through the night.',
  ];
  const sources = texts.map((t, i) => src(`${i}.txt`, t + '\n'));
  const r = compareSources(sources);
  const s0 = sources[0].analysis.sentences;
  const c0 = corroborationOf(r, '0.txt', s0[0].start, s0[0].end)!;
  assert.equal(c0.total, 3);
  assert.equal(c0.count, 3, JSON.stringify(c0));
  const c1 = corroborationOf(r, '0.txt', s0[1].start, s0[1].end)!;
  assert.equal(c1.count, 1);
  assert.ok(rankWithCorroboration(0.6, { count: 1, total: 3 }) > rankWithCorroboration(0.6, { count: 3, total: 3 }));
  // In the check, the single-source sentence outranks the corroborated one of equal worthiness.
  const findings = checkSource({ ...sources[0], path: '/x/0.txt' }, [], { claimThreshold: 0.1, corroborate: (s, e) => corroborationOf(r, '0.txt', s, e) });
  const fm4 = findings.filter((f) => f.code === 'FM004');
  assert.ok(fm4.length >= 2);
  const single = fm4.find((f) => (f.data?.corroboration as { count: number }).count === 1)!;
  const multi = fm4.find((f) => (f.data?.corroboration as { count: number }).count === 3)!;
  assert.ok((single.data!.rankScore as number) / (single.data!.score as number) > (multi.data!.rankScore as number) / (multi.data!.score as number));
});
