// Claim matching: the normalisation slots (numbers, durations, dates, names, cues), the integration
// into checkSource (codes, data, FM009, dismissals naming a claim) and the YAML edits of its quick
// fixes (comments kept). Text written for these tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { loadAnnotations } from '../../server/src/engine/annotations/load';
import { checkSource } from '../../server/src/engine/annotations/check';
import { applyEdits } from '../../server/src/engine/annotations/edits';
import { planAddAlsoIn, planAddAppearance } from '../../server/src/engine/annotations/edits-claims';
import { snapToSentences } from '../../server/src/engine/annotations/matched';
import { buildClaimIndex, matchClaims } from '../../server/src/engine/match';
import { parseDates, parseNumbers, parsePublished, words, sameNumber, cues } from '../../server/src/engine/match/text';
import { claimMatchMarkdown } from '../../server/src/engine/match/present';

const YAML_PATH = '/desk/annotations.yaml';

function yaml(claims: string, extra = ''): string {
  return `# desk file\nversion: 1\nsources:\n  - id: port\n    file: port.txt\n    published: 2026-03-12 # a Thursday\nentities:\n  - id: okafor\n    name: Jane Okafor\n    type: person\n    aliases: [Okafor]\nclaims:\n${claims}${extra}`;
}

const CLAIMS = `  - id: c-bridge
    text: Mayor Jane Okafor said on Tuesday that the new bridge cost 40 million euros.
    source: port
    verdict: "false"
    evidence: []
  - id: c-meeting
    text: The council meeting lasted three quarters of an hour.
    source: port
    verdict: "true"
    evidence:
      - url: https://example.invalid/minutes
        passage: The meeting closed after 45 minutes.
        stance: supports
`;

function check(text: string, y = yaml(CLAIMS), file = '/desk/draft.md') {
  const ann = loadAnnotations(YAML_PATH, y);
  assert.equal(ann.problems.filter((p) => p.severity === 'error').length, 0, JSON.stringify(ann.problems));
  return checkSource({ path: file, text, analysis: analyze(text, { markdown: file.endsWith('.md') }) }, [ann]).filter((f) => f.code !== 'FM004');
}

function numbersOf(s: string) {
  const ws = words(s);
  return parseNumbers(ws, 0, ws.length, new Set());
}

test('numbers: digits and words, fractions, durations in one unit', () => {
  const [a] = numbersOf('within three quarters of an hour');
  const [b] = numbersOf('within 45 minutes');
  assert.equal(a.value, 45);
  assert.equal(a.unit, 'min');
  assert.ok(sameNumber(a, b));
  assert.equal(numbersOf('two and a half hours')[0].value, 150);
  assert.equal(numbersOf('two hours and 30 minutes')[0].value, 150);
  assert.equal(numbersOf('more than 4,000 students')[0].value, 4000);
  assert.equal(numbersOf('more than 4,000 students')[0].qual, '>');
  assert.equal(numbersOf('four thousand students')[0].value, 4000);
  assert.equal(numbersOf('€45m')[0].value, 45e6);
  assert.ok(!sameNumber(numbersOf('more than 4,000')[0], numbersOf('fewer than 4,000')[0]));
  assert.ok(!sameNumber(numbersOf('2.5 hours')[0], numbersOf('3.5 hours')[0]));
});

test('dates: weekdays resolved with the publication date; a different day contradicts', () => {
  const pub = parsePublished('2026-03-12');
  const ws = words('on Tuesday, on 10 March and in 2015');
  const d = parseDates(ws, 0, ws.length, pub, new Set());
  assert.deepEqual(d.map((x) => [x.y, x.m, x.d]), [[2026, 3, 10], [2026, 3, 10], [2015, undefined, undefined]]);
});

test('cues: negation, negated negation, hypothetical', () => {
  const c = (s: string) => {
    const ws = words(s);
    return cues(ws, 0, ws.length);
  };
  assert.ok(c('Russian officials have ruled out such a move').negation > 0);
  assert.equal(c('Russian officials have not ruled out such a move').negation, 0);
  assert.ok(c('If the wall fails, repairs could cost more').hypothetical);
  assert.equal(c('The mayor did not elaborate').negation, 0);
});

test('a draft repeating a refuted claim verbatim or paraphrased gets FM001 with match data', () => {
  const text = [
    'Mayor Jane Okafor said on Tuesday that the new bridge cost 40 million euros.',
    '',
    'The new bridge cost €40 million, Okafor said on 10 March.',
    '',
    'The new bridge cost 14 million euros, Okafor said.',
    '',
    'Did the new bridge cost 40 million euros, as Okafor said?',
    '',
    'Okafor denied that the new bridge cost 40 million euros.',
  ].join('\n');
  const fs = check(text);
  const f1 = fs.filter((f) => f.code === 'FM001');
  assert.deepEqual(
    f1.map((f) => [text.slice(f.start, f.end), f.data?.match]),
    [
      ['Mayor Jane Okafor said on Tuesday that the new bridge cost 40 million euros.', 'exact'],
      ['The new bridge cost €40 million, Okafor said on 10 March.', 'paraphrase'],
    ],
  );
  assert.equal(f1[0].data?.claimId, 'c-bridge');
  assert.equal(f1[0].data?.score, 1);
  assert.ok((f1[1].data?.score as number) >= 0.75 && (f1[1].data?.score as number) <= 1);
  const md = claimMatchMarkdown(f1[1].data as Record<string, unknown>) ?? '';
  assert.match(md, /paraphrase/);
  assert.match(md, /Jane Okafor/);
  assert.match(md, /40 million/);
});

test('supported claims: FM008 on a paraphrase with another unit of time', () => {
  const fs = check('The council meeting lasted 45 minutes.\n');
  assert.deepEqual(fs.map((f) => [f.code, f.rule, f.data?.claimId]), [['FM008', 'claim-supported', 'c-meeting']]);
});

test('two claims equally close: FM009 names both, no verdict is applied', () => {
  const claims = `  - id: c-a
    text: The council approved the harbour budget for roads.
    verdict: "false"
    evidence: []
  - id: c-b
    text: The council approved the harbour budget for schools.
    verdict: "true"
    evidence: []
`;
  const fs = check('The harbour budget was approved by the council, officials said.\n', yaml(claims));
  assert.deepEqual(fs.map((f) => f.code), ['FM009']);
  assert.deepEqual((fs[0].data?.claimIds as string[]).slice().sort(), ['c-a', 'c-b']);
  // "Not this claim" on one of them: the other applies.
  const dismissed = yaml(claims, `dismissals:\n  - code: FM009\n    file: draft.md\n    text: The harbour budget was approved by the council, officials said.\n    claim: c-b\n`);
  const after = check('The harbour budget was approved by the council, officials said.\n', dismissed);
  assert.deepEqual(after.map((f) => [f.code, f.data?.claimId]), [['FM001', 'c-a']]);
});

test('North and South Korea are different places', () => {
  const y = `version: 1\nclaims:\n  - id: k\n    text: South Korea's exports rose 18 percent in January.\n    verdict: "true"\n    evidence: []\n`;
  const ann = loadAnnotations('/d/a.yaml', y);
  const idx = buildClaimIndex([ann]);
  const m = (s: string) => matchClaims(idx, { text: s, analysis: analyze(s) }).length;
  assert.equal(m("South Korea's exports rose 18% in January."), 1);
  assert.equal(m("North Korea's exports rose 18 percent in January."), 0);
});

test('fuzzy anchors snap to whole sentences', () => {
  const text = 'First paragraph ends here with studies.\n\nThe meeting lasted two hours. Then it ended.';
  const a = analyze(text);
  const s = snapToSentences({ path: '/x', text, analysis: a }, { start: text.indexOf('ies.'), end: text.indexOf(' Then') });
  assert.equal(text.slice(s.start, s.end), 'The meeting lasted two hours.');
});

test('quick-fix edits: appearances and alsoIn entries keep comments and formatting', () => {
  const y = yaml(CLAIMS) + '# trailing comment\n';
  const e1 = planAddAppearance(y, 'c-bridge', { file: 'drafts/today.md', text: 'The new bridge cost €40 million.', date: '2026-03-13' });
  const y1 = applyEdits(y, e1);
  assert.ok(y1.startsWith(y.slice(0, e1[0].start)) && y1.endsWith(y.slice(e1[0].end)), 'only an insertion');
  assert.match(y1, /verdict: "false"\n {4}evidence: \[\]\n {4}appearances:\n {6}- file: drafts\/today.md\n {8}text: "The new bridge cost €40 million."\n {8}date: "2026-03-13"\n/);
  const ann = loadAnnotations(YAML_PATH, y1);
  assert.deepEqual(ann.problems, []);
  assert.equal(ann.model?.claims[0].appearances?.[0].file, 'drafts/today.md');
  // a second appearance goes into the same list; the same one again is a no-op
  const y2 = applyEdits(y1, planAddAppearance(y1, 'c-bridge', { file: 'other.md' }));
  assert.equal(loadAnnotations(YAML_PATH, y2).model?.claims[0].appearances?.length, 2);
  assert.deepEqual(planAddAppearance(y2, 'c-bridge', { file: 'other.md' }), []);
  const y3 = applyEdits(y, planAddAlsoIn(y, 'c-meeting', 'minutes'));
  assert.match(y3, / {4}alsoIn:\n {6}- minutes\n/);
  assert.ok(y3.includes('# desk file') && y3.includes('# a Thursday') && y3.includes('# trailing comment'));
  assert.throws(() => planAddAppearance(y, 'nope', { file: 'x.md' }), /No claim with id "nope"/);
});

test('a dismissal naming an unknown claim is FM103 at the claim value', () => {
  const y = yaml(CLAIMS, `dismissals:\n  - code: FM001\n    text: Some sentence.\n    claim: c-nope\n`);
  const ann = loadAnnotations(YAML_PATH, y, { fileExists: () => true });
  const p = ann.problems.filter((x) => x.code === 'FM103');
  assert.equal(p.length, 1, JSON.stringify(ann.problems));
  assert.equal(y.slice(p[0].start, p[0].end), 'c-nope');
  assert.match(p[0].message, /claim "c-nope"/);
});
