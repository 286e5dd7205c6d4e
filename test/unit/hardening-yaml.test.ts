// Hostile annotations YAML (issue 12 items 1, 8, 9): alias amplification, repeated aliased ids,
// floods of problems, deep nesting. Each test fails (or runs out of memory/time) without its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAnnotations } from '../../server/src/engine/annotations/load';
import { MAX_ALIAS_EXPANSION, MAX_PROBLEMS_PER_FILE } from '../../server/src/engine/annotations/limits';
import { claimHoverMarkdown } from '../../server/src/engine/annotations/present';
import { toClaimReview } from '../../server/src/engine/annotations/claimreview';

/** A claim holding `evidence` items, repeated `aliases` times through a YAML alias. */
export function amplifiedYaml(evidence: number, aliases: number): string {
  const lines = ['sources:', '  - id: s1', '    file: a.txt', 'claims:', '  - &c', '    id: c1', '    text: The sky is green.', '    verdict: "false"', '    evidence:'];
  for (let i = 0; i < evidence; i++) lines.push(`      - {source: s1, passage: "p${i}", stance: contradicts}`);
  for (let i = 0; i < aliases; i++) lines.push('  - *c');
  return lines.join('\n') + '\n';
}

test('alias amplification (606 KB, 10^7 values once expanded) is refused with FM100 at the alias, quickly', () => {
  const text = amplifiedYaml(10_000, 999);
  assert.ok(text.length > 500_000 && text.length < 700_000, String(text.length));
  const r = loadAnnotations('/w/annotations.yaml', text);
  assert.equal(r.model, null);
  const f = r.problems.filter((p) => p.code === 'FM100');
  assert.equal(f.length, 1, r.problems.map((p) => p.message).join('\n'));
  assert.match(f[0].message, /aliases expand it from [\d,]+ to [\d,]+ values \(the largest alias is \*c\)/);
  assert.match(f[0].message, new RegExp(`at most ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values may come from aliases`));
  assert.equal(text.slice(f[0].start, f[0].end), '*c');
});

test('billion laughs: nested aliases are measured without being expanded', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  const r = loadAnnotations('/w/annotations.yaml', lines.join('\n'));
  assert.equal(r.model, null);
  assert.ok(r.problems.some((p) => p.code === 'FM100' && /aliases expand it/.test(p.message)), r.problems.map((p) => p.message).join('\n'));
});

test('a few small aliases stay allowed', () => {
  const text = [
    'sources:',
    '  - id: s1',
    '    file: a.txt',
    'claims:',
    '  - id: c1',
    '    text: The sky is green.',
    '    evidence:',
    '      - &ev {source: s1, passage: "blue", stance: contradicts}',
    '  - id: c2',
    '    text: The grass is blue.',
    '    evidence:',
    '      - *ev',
  ].join('\n');
  const r = loadAnnotations('/w/annotations.yaml', text);
  assert.deepEqual(r.problems, []);
  assert.equal(r.model?.claims.length, 2);
  assert.equal(r.model?.claims[1].evidence[0].passage, 'blue');
});

test('an aliased claim repeated in `claims` is FM102 at each alias and kept once in the model', () => {
  const text = amplifiedYaml(2, 3);
  const r = loadAnnotations('/w/annotations.yaml', text);
  const dups = r.problems.filter((p) => p.code === 'FM102');
  assert.equal(dups.length, 3, r.problems.map((p) => p.message).join('\n'));
  for (const d of dups) assert.equal(text.slice(d.start, d.end), '*c');
  assert.match(dups[0].message, /^Duplicate claim id "c1": the alias \*c repeats the claim defined on line 6\./);
  assert.equal(r.model?.claims.length, 1);
});

test('120,000 problems: loadAnnotations does not throw and reports a capped list with a summary', () => {
  const lines = ['entities:'];
  for (let i = 0; i < 40_000; i++) lines.push(`  - {id: e${i}, bogus: 1}`);
  const text = lines.join('\n');
  const r = loadAnnotations('/w/annotations.yaml', text);
  assert.equal(r.problems.length, MAX_PROBLEMS_PER_FILE);
  const last = r.problems[r.problems.length - 1];
  // 3 problems per entity (unknown key, missing name, missing type): 120,000 in all
  assert.match(last.message, /^119,001 more problems in this file are not shown \(at most 1,000 are reported per file, from line \d+ on\)/);
  assert.equal(last.severity, 'error');
});

test('deep nesting gives a human message, not "Maximum call stack size exceeded"', () => {
  const depth = 100_000;
  const text = 'claims: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
  const r = loadAnnotations('/w/annotations.yaml', text);
  assert.equal(r.model, null);
  for (const p of r.problems) assert.doesNotMatch(p.message, /call stack/i);
  assert.ok(r.problems.some((p) => p.code === 'FM100'), JSON.stringify(r.problems.slice(0, 3)));
});

test('no spread of huge arrays: a scale of 300,000 ratings in hovers and ClaimReview export', () => {
  const scale = Array.from({ length: 300_000 }, (_, i) => ({ id: `r${i}`, label: `R${i}`, value: i + 1, class: 'supported' as const }));
  const model = { scale, sources: [], entities: [], claims: [{ id: 'c1', text: 't', verdict: 'r0', evidence: [] }], quotes: [], dismissals: [] };
  assert.match(claimHoverMarkdown(model as never, 'c1')!, /rating 1\/300000/);
  const reviews = toClaimReview(model as never) as Array<{ reviewRating: { bestRating: number } }>;
  assert.equal(reviews[0].reviewRating.bestRating, 300_000);
});
