import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAnnotations } from '../../server/src/engine/annotations/load';
import { toClaimReview } from '../../server/src/engine/annotations/claimreview';
import type { AnnotationsModel } from '../../server/src/engine/annotations/api';

function findSeeds(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      const seeds = path.join(dir, 'seeds');
      if (fs.existsSync(path.join(seeds, 'annotations.yaml')) && fs.existsSync(path.join(dir, 'package.json'))) return seeds;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error('seeds/annotations.yaml not found above ' + __dirname);
}

const SEEDS = findSeeds();
const YAML_PATH = path.join(SEEDS, 'annotations.yaml');
const YAML_TEXT = fs.readFileSync(YAML_PATH, 'utf8');
const loaded = loadAnnotations(YAML_PATH, YAML_TEXT, { fileExists: (f) => fs.existsSync(path.join(SEEDS, f)) });
const model = loaded.model as AnnotationsModel;
const sourceText = new Map(model ? model.sources.map((s) => [s.id, fs.readFileSync(path.join(SEEDS, s.file), 'utf8')]) : []);

function occurrences(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) n++;
  return n;
}

test('the sample annotations load with zero problems', () => {
  assert.deepEqual(
    loaded.problems.map((p) => `${p.code} ${p.message}`),
    [],
  );
  assert.ok(model);
  assert.ok(loaded.index);
});

test('the five seeds are the sources, with outlets and the publication date', () => {
  const seedFiles = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
  assert.equal(seedFiles.length, 5);
  assert.deepEqual(model.sources.map((s) => s.file).sort(), seedFiles);
  for (const s of model.sources) {
    assert.ok(s.outlet && s.outlet.length > 2, `${s.id} has an outlet`);
    assert.equal(s.published, '2025-10-15');
  }
  // the outlets the texts name themselves
  const byFile = new Map(model.sources.map((s) => [s.file, s]));
  assert.equal(byFile.get('000_36b7db209ad6e638.txt')?.outlet, 'Agence France-Presse');
  assert.equal(byFile.get('004_3db1887f22c04c2b.txt')?.outlet, 'GlobalPost');
  assert.ok(sourceText.get(byFile.get('000_36b7db209ad6e638.txt')!.id)!.trimEnd().endsWith('Agence France-Presse'));
  assert.ok(sourceText.get(byFile.get('004_3db1887f22c04c2b.txt')!.id)!.includes('GlobalPost'));
});

test('at least 15 claims with verdicts; every claim text is verbatim, and unique, in its source', () => {
  const withVerdict = model.claims.filter((c) => c.verdict);
  assert.ok(withVerdict.length >= 15, `${withVerdict.length} claims with verdicts`);
  const classes = new Set(withVerdict.map((c) => model.scale.find((s) => s.id === c.verdict)!.class));
  for (const k of ['refuted', 'disputed', 'unproven', 'supported']) assert.ok(classes.has(k as never), `a claim of class ${k}`);
  for (const c of model.claims) {
    assert.ok(c.source, `${c.id} names its source`);
    const text = sourceText.get(c.source)!;
    assert.equal(occurrences(text, c.text), 1, `claim ${c.id}: text must occur exactly once in ${c.source}: ${c.text}`);
    if (c.prefix) assert.ok(text.includes(c.prefix + c.text), `${c.id}: prefix is right before the text`);
    if (c.suffix) assert.ok(text.includes(c.text + c.suffix), `${c.id}: suffix is right after the text`);
  }
});

test('every evidence passage is verbatim in the cited source, which is another seed', () => {
  let n = 0;
  for (const c of model.claims) {
    for (const e of c.evidence) {
      assert.ok(e.source, `${c.id}: evidence cites a seed`);
      assert.notEqual(e.source, c.source, `${c.id}: evidence comes from another seed`);
      assert.ok(sourceText.get(e.source!)!.includes(e.passage), `${c.id}: passage not found verbatim in ${e.source}: ${e.passage}`);
      n++;
    }
    if (c.verdict && c.verdict !== 'unproven') assert.ok(c.evidence.length > 0, `${c.id}: a verdict other than unproven needs evidence`);
  }
  assert.ok(n >= 25, `${n} evidence passages`);
});

test('quotes: canonical wording verbatim in the source of record, variants verbatim in theirs', () => {
  assert.ok(model.quotes.length >= 4);
  const entityIds = new Set(model.entities.map((e) => e.id));
  for (const q of model.quotes) {
    assert.ok(entityIds.has(q.speaker));
    assert.ok(sourceText.get(q.source!)!.includes(q.text), `quote ${q.id} not verbatim in ${q.source}`);
    for (const v of q.variants ?? []) assert.ok(sourceText.get(v.source)!.includes(v.text), `variant of ${q.id} not verbatim in ${v.source}: ${v.text}`);
  }
  // the quotes that several outlets word differently
  const multi = model.quotes.filter((q) => (q.variants ?? []).some((v) => v.text.length > 30));
  assert.ok(multi.length >= 3, 'redefine, guided-by-one-thing and hand-over quotes have full variants');
});

test('entity aliases cover the spellings the outlets use; typos are left to be reported', () => {
  const all = [...sourceText.values()].join('\n');
  const sharaa = model.entities.find((e) => e.name === 'Ahmed al-Sharaa')!;
  for (const v of ['Ahmed Al Sharaa', 'Ahmad al-Sharaa', 'Ahmad al-Shareh', 'al-Sharaa', 'Al-Sharaa', 'Sharaa']) {
    assert.ok(sharaa.aliases.includes(v), `alias ${v}`);
    assert.ok(all.includes(v), `${v} occurs in the seeds`);
  }
  assert.ok(all.includes('Shaara') && !sharaa.aliases.includes('Shaara'), 'the typo "Shaara" is not an accepted spelling');
  const byName = (n: string) => model.entities.find((e) => e.name === n)!;
  assert.ok(byName('Sergei Lavrov').aliases.includes('Sergey Lavrov'));
  assert.ok(byName('Tartus').aliases.includes('Tartous'));
  assert.ok(byName('Bashar al-Assad').aliases.includes('Bashar Al Assad'));
  assert.ok(byName('Hayat Tahrir al-Sham').aliases.includes('HTS'));
  for (const e of model.entities) if (e.wikidata) assert.match(e.wikidata, /^Q\d+$/);
});

test('dismissals refer to text that is in their file', () => {
  for (const d of model.dismissals) {
    assert.ok(d.file, 'seed dismissals name their file');
    assert.ok(fs.readFileSync(path.join(SEEDS, d.file!), 'utf8').includes(d.text));
  }
});

test('the sample exports as ClaimReview JSON-LD', () => {
  const reviews = toClaimReview(model) as any[];
  assert.equal(reviews.length, model.claims.filter((c) => c.verdict).length);
  const novak = reviews.find((r) => r.claimReviewed === 'Russian Deputy Minister Alexander Novak');
  assert.equal(novak.reviewRating.alternateName, 'False');
  assert.equal(novak.reviewRating.worstRating, 1);
  assert.equal(novak.reviewRating.bestRating, 6);
  assert.equal(novak.itemReviewed.appearance[0].datePublished, '2025-10-15');
  assert.deepEqual(novak.author, { '@type': 'Organization', name: 'Factmark sample desk' });
});
