import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Analysis, Entity, EntityType, Quote } from '../../server/src/engine/types';
import type { AnnotationsModel, LoadedAnnotations, SourceInput } from '../../server/src/engine/annotations/api';
import { checkSource, checkAnchors, anchorClaims, normalizePath, resolveSourceFile, FINDING_RULES, wordDiff, wordingSummary } from '../../server/src/engine/annotations/check';
import { DEFAULT_CLAIM_THRESHOLD } from '../../server/src/engine/annotations/worthiness';
import { analyze } from '../../server/src/engine/analyze';
import { claimHoverMarkdown, quoteDiffMarkdown, worthinessMarkdown } from '../../server/src/engine/annotations/present';

// ----------------------------------------------------------------------------------------------
// Fixture: a short article written for these tests, and a hand-built analysis of it.

const ARTICLE = [
  'Mayor Jane Okafor said on Monday that the new bridge cost 40 million euros.',
  'The city has the longest bridge in the region.',
  'Okafor\'s office said traffic fell by 30 percent because of the bridge.',
  'Critics said the bridge was built illegally on protected wetland in 2019.',
  'The river carries more than 2,000 barges a year, the port authority said.',
  '"We built this bridge for the next hundred years," Okafor told reporters.',
  'Opposition leader Tom Briggs said: "This project was a waste of public money from day one."',
  'Jane Okafur, who took office in 2016, did not comment on the wetland.',
  'Is the bridge safe?',
].join('\n');

function spanOf(text: string, s: string, from = 0) {
  const start = text.indexOf(s, from);
  assert.ok(start >= 0, `fixture: "${s}" not in text`);
  return { start, end: start + s.length };
}

function analysisOf(
  text: string,
  ents: Array<[string, EntityType]>,
  quotes: Array<{ text: string; speaker: string | null; mention?: string }>,
): Analysis {
  const sentences: Analysis['sentences'] = [];
  let offset = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim()) sentences.push({ start: offset, end: offset + line.length, text: line, paragraph: i });
    offset += line.length + 1;
  });
  const entities: Entity[] = [];
  for (const [s, type] of ents) {
    let i = text.indexOf(s);
    while (i >= 0) {
      entities.push({ start: i, end: i + s.length, text: s, type, clusterId: `${type}:${s}` });
      i = text.indexOf(s, i + 1);
    }
  }
  entities.sort((a, b) => a.start - b.start);
  const qs: Quote[] = quotes.map((q) => {
    const sp = spanOf(text, q.text);
    // The speaker mention: the nearest occurrence after the quote, else the last one before it.
    const after = q.mention ? text.indexOf(q.mention, sp.end) : -1;
    const mStart = !q.mention ? -1 : after >= 0 ? after : text.lastIndexOf(q.mention, sp.start);
    const m = q.mention && mStart >= 0 ? { start: mStart, end: mStart + q.mention.length } : undefined;
    return {
      ...sp,
      text: q.text,
      open: sp.start - 1,
      close: sp.end,
      speaker: q.speaker,
      speakerMention: m ? { ...m, text: q.mention as string } : undefined,
      partial: false,
      nested: false,
    };
  });
  return { length: text.length, entities, clusters: [], quotes: qs, sentences };
}

const ANALYSIS = analysisOf(
  ARTICLE,
  [
    ['Jane Okafor', 'person'],
    ['Okafor', 'person'],
    ['Jane Okafur', 'person'],
    ['Tom Briggs', 'person'],
    ['40 million euros', 'number'],
    ['30 percent', 'number'],
    ['2,000', 'number'],
    ['Monday', 'date'],
    ['2019', 'date'],
    ['2016', 'date'],
  ].filter(([s]) => s !== 'Okafor') as Array<[string, EntityType]>,
  [
    { text: 'We built this bridge for the next hundred years,', speaker: 'Jane Okafor', mention: 'Okafor' },
    { text: 'This project was a waste of public money from day one.', speaker: 'Tom Briggs', mention: 'Tom Briggs' },
  ],
);
// The bare "Okafor" mentions (after the full name) as a separate pass so "Jane Okafor" is not doubled.
for (const m of ARTICLE.matchAll(/(?<!Jane )Okafor(?!')/g)) {
  ANALYSIS.entities.push({ start: m.index as number, end: (m.index as number) + 6, text: 'Okafor', type: 'person', clusterId: 'person:Jane Okafor' });
}
ANALYSIS.entities.sort((a, b) => a.start - b.start);

const YAML_PATH = '/work/ws/checks/annotations.yaml';
const SRC_PATH = '/work/ws/articles/bridge.txt';
const SRC: SourceInput = { path: SRC_PATH, text: ARTICLE, analysis: ANALYSIS };

function model(over: Partial<AnnotationsModel> = {}): AnnotationsModel {
  return {
    scale: [
      { id: 'false', label: 'False', value: 1, class: 'refuted' },
      { id: 'misleading', label: 'Misleading', value: 2, class: 'disputed' },
      { id: 'unproven', label: 'Unproven', value: 3, class: 'unproven' },
      { id: 'true', label: 'True', value: 5, class: 'supported' },
    ],
    sources: [
      { id: 'bridge', file: '../articles/bridge.txt', outlet: 'City Gazette', published: '2025-01-10' },
      { id: 'minutes', file: '../articles/minutes.txt', outlet: 'Council minutes' },
    ],
    entities: [
      { id: 'okafor', name: 'Jane Okafor', type: 'person', aliases: ['Mayor Okafor'] },
      { id: 'briggs', name: 'Tom Briggs', type: 'person', aliases: [] },
    ],
    claims: [],
    quotes: [],
    dismissals: [],
    ...over,
  };
}

function loaded(m: AnnotationsModel, text = ''): LoadedAnnotations {
  return { path: YAML_PATH, text, model: m, problems: [] };
}

const COST = 'Mayor Jane Okafor said on Monday that the new bridge cost 40 million euros.';
const LONGEST = 'The city has the longest bridge in the region.';
const TRAFFIC = "Okafor's office said traffic fell by 30 percent because of the bridge.";
const ILLEGAL = 'Critics said the bridge was built illegally on protected wetland in 2019.';
const BARGES = 'The river carries more than 2,000 barges a year, the port authority said.';

type Claim = AnnotationsModel['claims'][number];
function claim(id: string, text: string, over: Partial<Claim> = {}): Claim {
  return { id, text, source: 'bridge', evidence: [], ...over };
}
const SUPPORTING = [{ source: 'minutes', passage: 'The final cost was EUR 40m.', stance: 'supports' as const }];
const CONTRA = [{ source: 'minutes', passage: 'The final cost was EUR 55m.', stance: 'contradicts' as const }];

function codes<T extends { code: string }>(fs: T[], code: string): T[] {
  return fs.filter((f) => f.code === code);
}
function textOf(f: { start: number; end: number }) {
  return ARTICLE.slice(f.start, f.end);
}

// ----------------------------------------------------------------------------------------------

test('paths: sources[].file resolves relative to the YAML directory; normalisation', () => {
  assert.equal(resolveSourceFile(YAML_PATH, '../articles/bridge.txt'), SRC_PATH);
  assert.equal(resolveSourceFile('C:\\ws\\a.yaml', 'b\\c.txt'), 'c:/ws/b/c.txt');
  assert.equal(normalizePath('/a/./b/../c//d/'), '/a/c/d');
  assert.equal(resolveSourceFile(YAML_PATH, '/abs/x.txt'), '/abs/x.txt');
});

test('FM001 claim-refuted: error at the claim, with verdict and ids in data', () => {
  const m = model({ claims: [claim('c-cost', COST, { verdict: 'false', explanation: 'Council minutes put the cost at 55 million. Other detail.', evidence: CONTRA })] });
  const fs = checkSource(SRC, [loaded(m)]);
  const f = codes(fs, 'FM001');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].rule, 'claim-refuted');
  assert.equal(textOf(f[0]), COST);
  assert.match(f[0].message, /^Refuted claim: rated "False" \(1\/5\)\. Council minutes put the cost at 55 million\.$/);
  assert.doesNotMatch(f[0].message, /c-cost/, 'the message names no YAML id (it is in data)');
  assert.equal(f[0].data?.explanation, 'Council minutes put the cost at 55 million. Other detail.');
  assert.equal(f[0].data?.claimId, 'c-cost');
  assert.equal(f[0].data?.annotations, YAML_PATH);
  assert.equal(f[0].data?.ratingValue, 1);
  assert.equal(f[0].data?.bestRating, 5);
  assert.equal(f[0].data?.worstRating, 1);
  // The covered sentence is not also reported as unsupported.
  assert.equal(fs.filter((x) => x.code === 'FM004' && x.start === f[0].start).length, 0);
});

test('FM002 claim-disputed: warning for a disputed rating', () => {
  const m = model({ claims: [claim('c-traffic', TRAFFIC, { verdict: 'misleading', evidence: CONTRA })] });
  const f = codes(checkSource(SRC, [loaded(m)]), 'FM002');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].rule, 'claim-disputed');
  assert.equal(textOf(f[0]), TRAFFIC);
});

test('FM003 claim-needs-evidence: no verdict, unproven, or true without supporting evidence', () => {
  const m = model({
    claims: [
      claim('c-none', LONGEST, { status: 'draft' }),
      claim('c-unproven', ILLEGAL, { verdict: 'unproven' }),
      claim('c-true-bare', BARGES, { verdict: 'true' }),
    ],
  });
  const f = codes(checkSource(SRC, [loaded(m)]), 'FM003');
  assert.deepEqual(
    f.map((x) => [x.data?.claimId, x.data?.reason]),
    [
      ['c-none', 'no-verdict'],
      ['c-unproven', 'unproven'],
      ['c-true-bare', 'no-supporting-evidence'],
    ],
  );
  assert.ok(f.every((x) => x.severity === 'info' && x.rule === 'claim-needs-evidence'));
  assert.match(f[0].message, /^Claim needs evidence: not yet rated \(status: draft\)\.$/);
});

test('supported claim with supporting evidence: FM008 claim-supported (info), nothing else on it', () => {
  const m = model({ claims: [claim('c-cost', COST, { verdict: 'true', evidence: SUPPORTING })] });
  const fs = checkSource(SRC, [loaded(m)]);
  const head = fs.filter((f) => f.start < ARTICLE.indexOf('\n'));
  assert.deepEqual(head.map((f) => [f.code, f.rule, f.severity]), [['FM008', 'claim-supported', 'info']], JSON.stringify(fs));
  assert.equal(head[0].data?.claimId, 'c-cost');
  assert.equal(codes(fs, 'FM001').length + codes(fs, 'FM002').length + codes(fs, 'FM003').length, 0);
});

test('a claim recorded for another source is checked in this one too (verbatim: data.match exact)', () => {
  const other = model({ claims: [claim('c-cost', COST, { verdict: 'false', source: 'minutes' })] });
  const f = codes(checkSource(SRC, [loaded(other)]), 'FM001');
  assert.equal(f.length, 1);
  assert.equal(f[0].data?.claimId, 'c-cost');
  assert.equal(f[0].data?.match, 'exact');
  assert.equal(f[0].data?.score, 1);
  const anywhere = model({ claims: [claim('c-cost', COST, { verdict: 'false', source: undefined })] });
  assert.equal(codes(checkSource(SRC, [loaded(anywhere)]), 'FM001').length, 1);
});

test('an edited claim sentence is still checked (fuzzy anchor); anchorClaims reports where it is', () => {
  const edited = ARTICLE.replace('the new bridge cost', 'the new river bridge cost');
  const src = { ...SRC, text: edited, analysis: { ...ANALYSIS, sentences: [], entities: [], quotes: [] } };
  const m = model({ claims: [claim('c-cost', COST, { verdict: 'false' })] });
  const f = codes(checkSource(src, [loaded(m)]), 'FM001');
  assert.equal(f.length, 1);
  assert.equal(edited.slice(f[0].start, f[0].end), COST.replace('new bridge', 'new river bridge'));
  assert.equal(f[0].data?.anchor, 'fuzzy');
  const locs = anchorClaims(loaded(m), src);
  assert.deepEqual(locs.map((l) => [l.claimId, l.status, l.start]), [['c-cost', 'fuzzy', 0]]);
});

test('FM004 unsupported-claim: check-worthy sentences nobody annotated, with quick-fix data', () => {
  const fs = codes(checkSource(SRC, [loaded(model())]), 'FM004');
  const texts = fs.map(textOf);
  assert.ok(texts.includes(TRAFFIC), texts.join('\n'));
  assert.ok(texts.includes(BARGES));
  assert.ok(!texts.includes('Is the bridge safe?'), 'questions are not claims');
  const f = fs.find((x) => textOf(x) === TRAFFIC)!;
  assert.equal(f.rule, 'unsupported-claim');
  assert.equal(f.severity, 'info');
  assert.equal(f.data?.exact, TRAFFIC);
  assert.equal(f.data?.sourceId, 'bridge');
  assert.equal(f.data?.annotations, YAML_PATH);
  // context: the text just before/after, about 32 characters, cut at word boundaries (never mid-word)
  const prefix = f.data?.prefix as string;
  const suffix = f.data?.suffix as string;
  assert.equal(prefix, 'longest bridge in the region.\n', 'not "e longest…": the cut word is dropped');
  assert.ok(ARTICLE.slice(0, f.start).endsWith(prefix) && prefix.length <= 32);
  assert.ok(ARTICLE.slice(f.end).startsWith(suffix) && suffix.length <= 32 && suffix.length > 0);
  const after = ARTICLE[f.end + suffix.length];
  assert.ok(after === undefined || !/[\p{L}\p{N}]/u.test(after) || !/[\p{L}\p{N}]/u.test(suffix[suffix.length - 1]), `suffix ends at a word end: "${suffix}"`);
  assert.ok((f.data?.reasons as string[]).some((r) => r.includes('30 percent')));
  assert.ok((f.data?.reasons as string[]).some((r) => r.includes('because')));
  assert.ok(typeof f.data?.score === 'number' && (f.data.score as number) >= DEFAULT_CLAIM_THRESHOLD);
  assert.equal(f.data?.threshold, DEFAULT_CLAIM_THRESHOLD);
  // Ranks are 1..n by score.
  assert.deepEqual(fs.map((x) => x.data?.rank).sort(), fs.map((_, i) => i + 1).sort());
});

test('FM004 message: no doubled punctuation after a shortened list ("…." never appears)', () => {
  const text = 'Mayor Jane Okafor, Tom Briggs, Ana Lima, Raj Patel and Li Wei said on Monday that 40 million euros, 12 million euros and 3 million euros were spent in 2019, 2020 and 2021.';
  const fs = codes(checkSource({ path: SRC_PATH, text, analysis: analyze(text) }, [], { claimThreshold: 0 }), 'FM004');
  assert.equal(fs.length, 1);
  assert.match(fs[0].message, /^Check-worthy claim, not yet checked: .+ \(check-worthiness \d\.\d\d\)\.$/);
  assert.equal(fs[0].rule, 'unsupported-claim', 'code and rule name unchanged');
  assert.match(fs[0].message, /…/, 'the fixture lists more than three items');
  assert.doesNotMatch(fs[0].message, /…\.|\.\./);
});

test('FM004: at most maxUnsupported findings, the highest-ranked kept', () => {
  const all = codes(checkSource(SRC, [loaded(model())], { claimThreshold: 0.2 }), 'FM004');
  assert.ok(all.length >= 3, String(all.length));
  const top2 = codes(checkSource(SRC, [loaded(model())], { claimThreshold: 0.2, maxUnsupported: 2 }), 'FM004');
  assert.equal(top2.length, 2);
  const best = all.slice().sort((a, b) => (b.data?.score as number) - (a.data?.score as number)).slice(0, 2);
  assert.deepEqual(top2.map((f) => f.start).sort(), best.map((f) => f.start).sort());
  assert.deepEqual(top2.map((f) => f.data?.rank).sort(), [1, 2]);
});

test('FM004: annotating the sentence removes the finding; the threshold is configurable', () => {
  const m = model({ claims: [claim('c-traffic', TRAFFIC, { verdict: 'true', evidence: SUPPORTING })] });
  const fs = checkSource(SRC, [loaded(m)]);
  assert.ok(!codes(fs, 'FM004').map(textOf).includes(TRAFFIC));
  assert.deepEqual(fs.filter((f) => textOf(f) === TRAFFIC).map((f) => f.code), ['FM008']);
  assert.equal(codes(checkSource(SRC, [loaded(model())], { claimThreshold: 0.999 }), 'FM004').length, 0);
  assert.ok(codes(checkSource(SRC, [loaded(model())], { claimThreshold: 0.3 }), 'FM004').length > codes(checkSource(SRC, [loaded(model())]), 'FM004').length);
});

const CANON = 'We built this bridge to last for the next hundred years.';

test('FM005 quote-wording: different wording gives a word diff against the canonical quote', () => {
  const m = model({ quotes: [{ id: 'q-hundred', speaker: 'okafor', text: CANON, source: 'minutes' }] });
  const f = codes(checkSource(SRC, [loaded(m)]), 'FM005');
  assert.equal(f.length, 1);
  assert.equal(f[0].rule, 'quote-wording');
  assert.equal(f[0].severity, 'warning');
  assert.equal(textOf(f[0]), 'We built this bridge for the next hundred years,');
  assert.equal(f[0].data?.quoteId, 'q-hundred');
  assert.equal(f[0].data?.canonical, CANON);
  const diff = f[0].data?.diff as Array<{ op: string; text: string }>;
  assert.ok(diff.some((p) => p.op === 'removed' && /to last/.test(p.text)), JSON.stringify(diff));
  assert.ok(diff.some((p) => p.op === 'equal' && /hundred/.test(p.text)));
});

test('FM005 message: names the changed words when they are few, counts them otherwise (Problems panel)', () => {
  const m = model({ quotes: [{ id: 'q-hundred', speaker: 'okafor', text: CANON, source: 'minutes' }] });
  const f = codes(checkSource(SRC, [loaded(m)]), 'FM005');
  assert.equal(f[0].message, "Quote differs from Jane Okafor's recorded wording (Council minutes): “to last” left out.");
  assert.equal(wordingSummary(wordDiff('on time and within budget', 'on time and on budget')), '“on” instead of “within”');
  assert.equal(wordingSummary(wordDiff('We are proud.', 'We are very proud.')), '“very” added');
  assert.equal(wordingSummary(wordDiff('We are proud.', 'We are proud!')), 'punctuation differs');
  assert.equal(wordingSummary(wordDiff('We have really very deep ties.', 'We have very deep ties really.')), '“really” moved');
  const long = wordingSummary(wordDiff('one two three four five six seven eight nine ten', 'alpha beta gamma delta epsilon zeta eta theta iota'));
  assert.equal(long, '10 words left out, 9 added');
  assert.doesNotMatch(f[0].message, /Canonical:/, 'the wording itself is in the hover, not repeated in the Problems panel');
});

test('FM005: the exact canonical wording, or an exact excerpt of it, gives no finding', () => {
  const m = model({ quotes: [{ id: 'q-hundred', speaker: 'okafor', text: 'We built this bridge for the next hundred years, and we are proud of it.' }] });
  assert.equal(codes(checkSource(SRC, [loaded(m)]), 'FM005').length, 0);
  const m2 = model({ quotes: [{ id: 'q', speaker: 'okafor', text: 'We built this bridge for the next hundred years.' }] });
  assert.equal(codes(checkSource(SRC, [loaded(m2)]), 'FM005').length, 0);
});

test('FM005: an ellipsis marking an omission is not a wording change', () => {
  const text = 'Okafor said: "We built this bridge ... for the next hundred years."';
  const a = analysisOf(text, [['Okafor', 'person']], [{ text: 'We built this bridge ... for the next hundred years.', speaker: 'Jane Okafor' }]);
  const m = model({ quotes: [{ id: 'q', speaker: 'okafor', text: 'We built this bridge, with your money, for the next hundred years.' }] });
  assert.equal(codes(checkSource({ path: SRC_PATH, text, analysis: a }, [loaded(m)]), 'FM005').length, 0);
});

test('FM005: a quote recognised through a recorded variant is still compared with the canonical wording', () => {
  const m = model({
    quotes: [
      {
        id: 'q-hundred',
        speaker: 'okafor',
        text: 'This bridge will serve the city for a century.',
        variants: [{ source: 'bridge', text: 'We built this bridge for the next hundred years,', note: 'Paraphrased translation.' }],
      },
    ],
  });
  const f = codes(checkSource(SRC, [loaded(m)]), 'FM005');
  assert.equal(f.length, 1);
  assert.equal(f[0].data?.knownVariant, true);
  assert.equal(f[0].data?.variantNote, 'Paraphrased translation.');
  assert.equal(f[0].data?.canonicalSegment, 'This bridge will serve the city for a century.');
  // The desk recorded this wording: a hint naming the outlets and carrying the note, not a warning.
  assert.equal(f[0].severity, 'hint');
  assert.equal(
    f[0].message,
    "Recorded variant of Jane Okafor's quote (City Gazette); against the canonical wording: 7 words left out, 7 added. Note: Paraphrased translation.",
  );
  // An explicit severity for FM005 still applies; "off" silences it.
  assert.equal(codes(checkSource(SRC, [loaded(m)], { severities: { FM005: 'warning' } }), 'FM005')[0].severity, 'warning');
  assert.equal(codes(checkSource(SRC, [loaded(m)], { severities: { FM005: 'off' } }), 'FM005').length, 0);
});

test('FM005: a quote recognised through a variant but worded differently from it still warns', () => {
  const m = model({
    quotes: [
      {
        id: 'q-hundred',
        speaker: 'okafor',
        text: 'This bridge will serve the city for a century.',
        source: 'minutes',
        variants: [{ source: 'bridge', text: 'We built this bridge for the next two hundred years,' }],
      },
    ],
  });
  const f = codes(checkSource(SRC, [loaded(m)]), 'FM005');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].data?.knownVariant, false);
  assert.match(f[0].message, /^Quote differs from Jane Okafor's recorded wording \(Council minutes\): /);
});

test('FM005: a partial quote is compared with the matching part of the canonical wording', () => {
  const text = 'Lavrov said Assad was living "in the Russian capital" with his family.';
  const a = analysisOf(text, [['Lavrov', 'person']], [{ text: 'in the Russian capital', speaker: 'Jane Okafor' }]);
  a.quotes[0].partial = true;
  const canonical = 'We have granted asylum to him and his family for purely humanitarian reasons. He has no issues residing in our capital';
  const m = model({ quotes: [{ id: 'q', speaker: 'okafor', text: canonical, variants: [{ source: 'minutes', text: 'in the Russian capital', note: 'Paraphrase.' }] }] });
  const f = codes(checkSource({ path: SRC_PATH, text, analysis: a }, [loaded(m)]), 'FM005');
  assert.equal(f.length, 1);
  assert.equal(f[0].data?.canonicalSegment, 'in our capital');
  assert.match(f[0].message, /“the Russian” instead of “our”/);
  assert.doesNotMatch(f[0].message, /words left out/);
  assert.equal(f[0].severity, 'hint', 'a recorded variant');
});

test('FM005: a short quote is matched to the annotation it reproduces best, not to a longer one that contains it', () => {
  const text = 'Okafor said: "Our budget was always fixed and public." Then she left.';
  const a = analysisOf(text, [['Okafor', 'person']], [{ text: 'Our budget was always fixed and public.', speaker: 'Jane Okafor' }]);
  const m = model({
    quotes: [
      { id: 'long', speaker: 'okafor', text: 'Our costs rose, but our budget was always fixed and public, as the minutes show.', variants: [{ source: 'minutes', text: 'Our budget was always fixed and public, and we kept to it.' }] },
      { id: 'short', speaker: 'okafor', text: 'Our budget was always fixed and public.' },
    ],
  });
  assert.equal(codes(checkSource({ path: SRC_PATH, text, analysis: a }, [loaded(m)]), 'FM005').length, 0);
});

test('FM006 quote-speaker: the source attributes the quote to someone else', () => {
  const m = model({ quotes: [{ id: 'q-waste', speaker: 'okafor', text: 'This project was a waste of public money from day one.' }] });
  const fs = checkSource(SRC, [loaded(m)]);
  const f = codes(fs, 'FM006');
  assert.equal(f.length, 1);
  assert.equal(f[0].rule, 'quote-speaker');
  assert.equal(textOf(f[0]), 'Tom Briggs');
  assert.equal(f[0].data?.foundSpeaker, 'Tom Briggs');
  assert.equal(f[0].data?.speakerId, 'okafor');
  assert.equal(codes(fs, 'FM005').length, 0, 'same wording');
  // Right speaker: no FM006.
  const ok = model({ quotes: [{ id: 'q-waste', speaker: 'briggs', text: 'This project was a waste of public money from day one.' }] });
  assert.equal(codes(checkSource(SRC, [loaded(ok)]), 'FM006').length, 0);
});

test('FM007 entity-spelling: a misspelt name of a known entity, with canonical spelling and alias data', () => {
  const fs = codes(checkSource(SRC, [loaded(model())]), 'FM007');
  assert.deepEqual(fs.map(textOf), ['Jane Okafur']);
  const f = fs[0];
  assert.equal(f.severity, 'info');
  assert.equal(f.rule, 'entity-spelling');
  assert.equal(f.data?.entityId, 'okafor');
  assert.equal(f.data?.canonical, 'Jane Okafor');
  assert.equal(f.data?.found, 'Jane Okafur');
  assert.equal(f.data?.replacement, 'Jane Okafor');
  // Recording the spelling as an alias silences it; short forms ("Okafor") never count.
  const withAlias = model();
  withAlias.entities[0].aliases.push('Jane Okafur');
  assert.equal(codes(checkSource(SRC, [loaded(withAlias)]), 'FM007').length, 0);
});

test('FM007: transliteration forms (particles, hyphens, diacritics) and the replacement keeps the canonical form', () => {
  const text = 'Ahmed Al Sharaa met Erdogan. Later Shaara left. Al-Sharaa smiled. Sharaa spoke. Assad fled.';
  const a = analysisOf(text, [['Ahmed Al Sharaa', 'person'], ['Erdogan', 'person'], ['Shaara', 'person'], ['Al-Sharaa', 'person'], ['Sharaa', 'person'], ['Assad', 'person']], []);
  a.entities = a.entities.filter((e) => !(e.text === 'Sharaa' && text[e.start - 1] !== ' ') && !(e.text === 'Sharaa' && text.slice(e.start - 3, e.start) === 'Al '));
  const m = model({
    entities: [
      { id: 'sharaa', name: 'Ahmed al-Sharaa', type: 'person', aliases: [] },
      { id: 'erdogan', name: 'Recep Tayyip Erdoğan', type: 'person', aliases: [] },
      { id: 'assad', name: 'Bashar al-Assad', type: 'person', aliases: [] },
    ],
  });
  const fs = codes(checkSource({ path: SRC_PATH, text, analysis: a }, [loaded(m)]), 'FM007');
  const got = fs.map((f) => [text.slice(f.start, f.end), f.data?.replacement]);
  assert.deepEqual(got, [
    ['Ahmed Al Sharaa', 'Ahmed al-Sharaa'],
    ['Erdogan', 'Erdoğan'],
    ['Shaara', 'Sharaa'],
  ]);
});

test('FM007: a misspelt name the recogniser missed is still reported; ordinary words are not', () => {
  const text = 'Okafro, the mayor, opened it. Briggs objected. Brigss left. Later the brigs sailed. Brigs are ships.';
  const a = analysisOf(text, [['Briggs', 'person']], []);
  const fs = codes(checkSource({ path: SRC_PATH, text, analysis: a }, [loaded(model())]), 'FM007');
  assert.deepEqual(
    fs.map((f) => [text.slice(f.start, f.end), f.data?.entityId, f.data?.replacement, f.data?.recognised]),
    [
      ['Okafro', 'okafor', 'Okafor', false],
      ['Brigss', 'briggs', 'Briggs', false],
    ],
  );
});

test('checkAnchors: FM104 orphan and FM105 ambiguous located at the claim text in the YAML', () => {
  const yaml = [
    '# fact-check notes',
    'claims:',
    '  - id: c-gone',
    '    source: bridge',
    '    text: "The bridge was opened by the king in a golden carriage."',
    '  - id: c-twice',
    '    source: bridge',
    '    text: The bridge is safe.',
    '  - id: c-here',
    '    source: bridge',
    `    text: "${LONGEST}"`,
    '',
  ].join('\n');
  const text = ARTICLE + '\nThe bridge is safe.\nThe bridge is safe.';
  const m = model({
    claims: [
      claim('c-gone', 'The bridge was opened by the king in a golden carriage.'),
      claim('c-twice', 'The bridge is safe.'),
      claim('c-here', LONGEST),
    ],
  });
  const fs = checkAnchors(loaded(m, yaml), [{ path: SRC_PATH, text, analysis: ANALYSIS }]);
  assert.deepEqual(fs.map((f) => [f.code, f.rule, f.severity, f.data?.id]), [
    ['FM104', 'annotations-orphan', 'warning', 'c-gone'],
    ['FM105', 'annotations-ambiguous', 'warning', 'c-twice'],
  ]);
  assert.equal(yaml.slice(fs[0].start, fs[0].end), '"The bridge was opened by the king in a golden carriage."');
  assert.equal(yaml.slice(fs[1].start, fs[1].end), 'The bridge is safe.');
  assert.equal((fs[1].data?.candidates as unknown[]).length, 2);
  // Sources not given are not judged; the index is used when the loader provides one.
  assert.equal(checkAnchors(loaded(m, yaml), []).length, 0);
  const withIndex = loaded(m, yaml);
  withIndex.index = { source: {}, entity: {}, quote: {}, scale: {}, dismissal: [], refs: [], evidence: {}, claim: { 'c-gone': { span: { start: 1, end: 9 }, idSpan: { start: 2, end: 3 }, fields: { text: { start: 4, end: 8 } } } } };
  assert.deepEqual(checkAnchors(withIndex, [{ path: SRC_PATH, text, analysis: ANALYSIS }]).map((f) => [f.code, f.start, f.end])[0], ['FM104', 4, 8]);
});

test('checkAnchors: a quote whose source of record no longer contains it is an orphan; found quotes are not', () => {
  const yaml = 'quotes:\n  - id: q1\n    speaker: okafor\n    source: bridge\n    text: "Nothing like this was ever said here at all."\n  - id: q2\n    speaker: okafor\n    source: bridge\n    text: "We built this bridge for the next hundred years,"\n';
  const m = model({
    quotes: [
      { id: 'q1', speaker: 'okafor', source: 'bridge', text: 'Nothing like this was ever said here at all.' },
      { id: 'q2', speaker: 'okafor', source: 'bridge', text: 'We built this bridge for the next hundred years,' },
    ],
  });
  const fs = checkAnchors(loaded(m, yaml), [SRC]);
  assert.deepEqual(fs.map((f) => [f.code, f.data?.kind, f.data?.id]), [['FM104', 'quote', 'q1']]);
});

test('dismissals suppress the matching finding only (code + file + text)', () => {
  const base = model({ claims: [claim('c-cost', COST, { verdict: 'false' })] });
  const before = checkSource(SRC, [loaded(base)]);
  const dismissed = model({
    claims: base.claims,
    dismissals: [
      { code: 'FM004', file: '../articles/bridge.txt', text: TRAFFIC, reason: 'sourced in the caption' },
      { code: 'FM007', file: 'bridge', text: 'Jane  Okafur' },
      { code: 'FM004', file: '../articles/other.txt', text: BARGES },
      { code: 'FM002', text: COST },
    ],
  });
  const after = checkSource(SRC, [loaded(dismissed)]);
  const key = (f: { code: string; start: number }) => `${f.code}@${f.start}`;
  const removed = before.filter((f) => !after.some((g) => key(g) === key(f))).map((f) => [f.code, textOf(f)]);
  assert.deepEqual(removed, [
    ['FM004', TRAFFIC],
    ['FM007', 'Jane Okafur'],
  ]);
});

test('severity overrides and "off"', () => {
  const m = model({ claims: [claim('c-cost', COST, { verdict: 'false' })] });
  const fs = checkSource(SRC, [loaded(m)], { severities: { FM001: 'warning', FM004: 'off', FM007: 'hint' } });
  assert.equal(codes(fs, 'FM001')[0].severity, 'warning');
  assert.equal(codes(fs, 'FM004').length, 0);
  assert.equal(codes(fs, 'FM007')[0].severity, 'hint');
  const anchors = checkAnchors(loaded(model({ claims: [claim('x', 'Not in the text at all, not even close.')] }), 'claims: []'), [SRC], { severities: { FM104: 'error' } });
  assert.equal(anchors[0].severity, 'error');
});

test('findings are sorted by position and deterministic; no annotations files still gives FM004 only', () => {
  const m = model({ claims: [claim('c-cost', COST, { verdict: 'false' }), claim('c-traffic', TRAFFIC, { verdict: 'misleading' })] });
  const a = checkSource(SRC, [loaded(m)]);
  const b = checkSource(SRC, [loaded(m)]);
  assert.deepEqual(a, b);
  for (let i = 1; i < a.length; i++) assert.ok(a[i - 1].start <= a[i].start);
  const bare = checkSource(SRC, []);
  assert.ok(bare.length > 0 && bare.every((f) => f.code === 'FM004'));
  const broken: LoadedAnnotations = { path: YAML_PATH, text: ':', model: null, problems: [] };
  assert.deepEqual(checkSource(SRC, [broken]).map((f) => f.code), bare.map((f) => f.code));
});

test('every rule has a name, a default severity and a description', () => {
  for (const [code, r] of Object.entries(FINDING_RULES)) {
    assert.match(code, /^FM\d{3}$/);
    assert.match(r.rule, /^[a-z-]+$/);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(r.severity));
    assert.ok(r.description.length > 20);
  }
});

// ----------------------------------------------------------------------------------------------
// present.ts

test('claim hover: verdict with rating, explanation, evidence blockquotes with stance, outlet and link, reviewer and date', () => {
  const m = model({
    claims: [
      claim('c-cost', COST, {
        verdict: 'false',
        explanation: 'The council minutes give 55 million.',
        evidence: [...CONTRA, { passage: 'Budget line 4: 55,000,000', stance: 'context', url: 'https://example.org/budget' }],
        reviewer: 'A. Checker',
        date: '2025-01-12',
      }),
    ],
  });
  const md = claimHoverMarkdown(m, 'c-cost', { sourceLink: (id) => (id === 'minutes' ? 'file:///desk/minutes.txt' : undefined) })!;
  assert.match(md, /\*\*❌ False\*\* — rating 1\/5/);
  assert.match(md, /The council minutes give 55 million\./);
  // the caller's workspace file link (hover links are only http(s) and workspace files)
  assert.match(md, /❌ contradicts — \[Council minutes\]\(file:\/\/\/desk\/minutes\.txt\)/);
  assert.match(md, /^> The final cost was EUR 55m\.$/m);
  assert.match(md, /ℹ️ context — \[https:\/\/example\.org\/budget\]\(https:\/\/example\.org\/budget\)/);
  assert.match(md, /Reviewed by A\. Checker on 2025-01-12/);
  assert.equal(claimHoverMarkdown(m, 'nope'), undefined);
  assert.match(claimHoverMarkdown(model({ claims: [claim('c', COST)] }), 'c')!, /Not yet rated[\s\S]*No evidence recorded/);
});

test('quote diff markdown marks removed and added words', () => {
  const md = quoteDiffMarkdown('We built this bridge for the next hundred years', CANON);
  assert.match(md, /~~to last~~/);
  assert.match(md, /We built this bridge/);
  const md2 = quoteDiffMarkdown('We built a bridge', 'We built this bridge');
  assert.match(md2, /~~this~~/);
  assert.match(md2, /\*\*a\*\*/);
});

test('quote diff markdown keeps a space between removed and added words (no "therethat isSyria")', () => {
  const md = quoteDiffMarkdown('relations so that Syria can enjoy its independence', 'relations so there is independence for Syria');
  const line = md.split('\n').find((l) => l.startsWith('> '))!;
  // Rendered text with the markers dropped: every word stays separate.
  const plain = line.slice(2).replace(/~~|\*\*/g, '');
  assert.doesNotMatch(plain, /therethat|isSyria|forenjoy|\w~~\*\*|~~\*\*\w/);
  assert.match(line, /^> relations so ~~there is independence for Syria~~ \*\*that Syria can enjoy its independence\*\*$/, line);
  // Plain-text rendering keeps every word apart.
  for (const w of ['there', 'that', 'is', 'Syria']) assert.ok(plain.split(/\s+/).includes(w), `${w} in ${plain}`);
});

test('worthiness markdown lists the reasons and the penalties', () => {
  const md = worthinessMarkdown({ score: 0.72, reasons: ['contains a number ("30 percent")', 'but it is very short'] }, 0.6);
  assert.match(md, /score 0\.72 \(threshold 0\.60\)/);
  assert.match(md, /- contains a number \\\("30 percent"\\\)/); // parentheses escaped (user text)
  assert.match(md, /Lowered because:\n- it is very short/);
});

// ----------------------------------------------------------------------------------------------
// With the real analyser: invariants only (recognition details belong to the recogniser's tests).

test('checkSource on analyze() output: claims found, findings in bounds, sorted, each with rule, severity and data', () => {
  const text = [
    'PORTVILLE - Mayor Jane Okafor said on Monday that the new bridge cost 40 million euros, the largest sum the city has ever spent.',
    '',
    '"We built this bridge for the next hundred years," Okafor told reporters.',
    '',
    'Critics said traffic fell by only 3 percent in the first year because tolls were introduced in 2024.',
  ].join('\n');
  const analysis = analyze(text);
  const m = model({
    claims: [claim('c-cost', 'the new bridge cost 40 million euros', { verdict: 'misleading', source: undefined })],
    quotes: [{ id: 'q', speaker: 'okafor', text: CANON }],
  });
  const fs = checkSource({ path: SRC_PATH, text, analysis }, [loaded(m)]);
  const f2 = codes(fs, 'FM002');
  assert.equal(f2.length, 1);
  assert.equal(text.slice(f2[0].start, f2[0].end), 'the new bridge cost 40 million euros');
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i];
    assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end, JSON.stringify(f));
    if (i) assert.ok(fs[i - 1].start <= f.start);
    assert.equal(f.rule, FINDING_RULES[f.code as keyof typeof FINDING_RULES].rule);
    assert.ok(f.message.length > 10);
    if (f.code !== 'FM004') assert.equal(f.data?.annotations, YAML_PATH);
  }
});
