import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  planAddAlias,
  planAnnotateClaim,
  planDismiss,
  planAddQuote,
  planAddEntity,
  planSetPosition,
  applyEdits,
  yamlScalar,
} from '../../server/src/engine/annotations/edits';
import { loadAnnotations } from '../../server/src/engine/annotations/load';
import type { TextEditPlan } from '../../server/src/engine/annotations/api';
import { parse } from 'yaml';

const BASE = `# Team annotations — keep this header
version: 1   # format

# --- sources ---
sources:
  - id: s1   # the wire copy
    file: a.txt
    outlet: "Agence France-Presse"

# --- entities ---
entities:
  - id: putin
    name: Vladimir Putin  # canonical
    type: person
    aliases: [Putin, 'V. Putin']
  - id: lavrov
    name: Sergei Lavrov
    type: person
    aliases:
      - Sergey Lavrov   # Reuters style
      # more spellings to come
  - id: assad
    name: Bashar al-Assad
    type: person

# --- claims ---
claims:
  - id: c1
    text: 'He said: "yes"'
    source: s1
    evidence:
      - source: s1
        passage: foo
        stance: supports
    # reviewer note about c1

# --- quotes ---
quotes: []
`;

/** Every edit is an insertion or replaces only what it must; the rest of the text is byte-identical. */
function assertOnlyInsertions(before: string, edits: TextEditPlan[]): string {
  assert.ok(edits.length > 0);
  for (const e of edits) assert.equal(e.start, e.end, `expected a pure insertion, got ${JSON.stringify(e)}`);
  const after = applyEdits(before, edits);
  // removing the inserted texts gives back the original, byte for byte
  let restored = after;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  for (const e of sorted) {
    const at = e.start + shift;
    assert.equal(restored.slice(at, at + e.newText.length), e.newText);
    restored = restored.slice(0, at) + restored.slice(at + e.newText.length);
  }
  assert.equal(restored, before);
  void shift;
  return after;
}

function loadsClean(text: string) {
  const r = loadAnnotations('/w/annotations.yaml', text);
  assert.deepEqual(
    r.problems.map((p) => p.message),
    [],
    `edited file has problems:\n${text}`,
  );
  assert.ok(r.model);
  return r.model;
}

test('add alias to a flow list keeps the list style and everything else', () => {
  const edits = planAddAlias(BASE, 'putin', 'Poutine');
  const after = assertOnlyInsertions(BASE, edits);
  assert.match(after, /aliases: \[Putin, 'V\. Putin', Poutine\]/);
  assert.deepEqual(loadsClean(after).entities[0].aliases, ['Putin', 'V. Putin', 'Poutine']);
});

test('add alias to a block list goes after the last item, before the trailing comment', () => {
  const after = assertOnlyInsertions(BASE, planAddAlias(BASE, 'lavrov', 'Lavrov'));
  assert.ok(after.includes('      - Sergey Lavrov   # Reuters style\n      - Lavrov\n      # more spellings to come\n'));
  assert.deepEqual(loadsClean(after).entities[1].aliases, ['Sergey Lavrov', 'Lavrov']);
});

test('add alias to an entity without aliases adds the key at the entity indentation', () => {
  const after = assertOnlyInsertions(BASE, planAddAlias(BASE, 'assad', 'Al Assad'));
  assert.ok(after.includes('    type: person\n    aliases: [Al Assad]\n\n# --- claims ---'));
  assert.deepEqual(loadsClean(after).entities[2].aliases, ['Al Assad']);
});

test('alias needing quotes in a flow list is quoted', () => {
  const after = applyEdits(BASE, planAddAlias(BASE, 'putin', 'Putin, V.'));
  assert.deepEqual(loadsClean(after).entities[0].aliases, ['Putin', 'V. Putin', 'Putin, V.']);
});

test('alias already present or equal to the name: nothing to do', () => {
  assert.deepEqual(planAddAlias(BASE, 'putin', 'Putin'), []);
  assert.deepEqual(planAddAlias(BASE, 'putin', 'Vladimir Putin'), []);
  assert.deepEqual(planAddAlias(BASE, 'lavrov', 'Sergey Lavrov'), []);
});

test('unknown entity: a clear error', () => {
  assert.throws(() => planAddAlias(BASE, 'nobody', 'X'), /No entity with id "nobody"/);
  assert.throws(() => planAddQuote(BASE, { speaker: 'nobody', text: 'hello' }), /No entity with id "nobody".*add the speaker to `entities` first/);
});

test('a file with a syntax error is not edited', () => {
  assert.throws(() => planAddAlias('entities:\n  - id: "a\n', 'a', 'b'), /YAML syntax error/);
});

test('annotate claim: appends a draft claim after the last claim and adds the missing source', () => {
  const text = 'The war lasted "14 years": a claim # with hash, ’curly’ and “quotes”';
  const edits = planAnnotateClaim(BASE, { text, prefix: 'Before ', suffix: ' after.', sourceFile: './seeds/b.txt', position: 120 });
  const after = assertOnlyInsertions(BASE, edits);
  const model = loadsClean(after);
  assert.deepEqual(model.sources.map((s) => [s.id, s.file]), [
    ['s1', 'a.txt'],
    ['b', 'seeds/b.txt'],
  ]);
  const claim = model.claims[1];
  assert.equal(claim.id, 'claim-2');
  assert.equal(claim.text, text, 'exact text survives the round trip');
  assert.equal(claim.prefix, 'Before ');
  assert.equal(claim.suffix, ' after.');
  assert.equal(claim.source, 'b');
  assert.equal(claim.position, 120);
  assert.equal(claim.status, 'draft');
  assert.equal(claim.verdict, undefined);
  // placed after c1's trailing comment, before the quotes section header
  const iNote = after.indexOf('# reviewer note about c1');
  const iNew = after.indexOf('- id: claim-2');
  const iQuotes = after.indexOf('# --- quotes ---');
  assert.ok(iNote < iNew && iNew < iQuotes);
  assert.ok(after.includes('    # TODO: verdict ('));
});

test('annotate claim: an already listed source is reused, ids stay unique', () => {
  const after1 = applyEdits(BASE, planAnnotateClaim(BASE, { text: 'First.', sourceFile: 'a.txt' }));
  const after2 = applyEdits(after1, planAnnotateClaim(after1, { text: 'Second.', sourceFile: 'a.txt' }));
  const model = loadsClean(after2);
  assert.equal(model.sources.length, 1);
  assert.deepEqual(model.claims.map((c) => [c.id, c.source]), [
    ['c1', 's1'],
    ['claim-2', 's1'],
    ['claim-3', 's1'],
  ]);
  // the same claim twice: nothing to do
  assert.deepEqual(planAnnotateClaim(after2, { text: 'Second.', sourceFile: 'a.txt' }), []);
  assert.throws(() => planAnnotateClaim(BASE, { text: 'x', sourceFile: 'a.txt', id: 'c1' }), /already exists/);
});

test('annotate claim in an empty file creates a fresh, valid file', () => {
  for (const empty of ['', '\n', '# notes\n']) {
    const edits = planAnnotateClaim(empty, { text: 'Russia has 2 bases.', sourceFile: 'news/a.md' });
    assert.equal(edits.length, 1);
    assert.equal(edits[0].start, 0);
    assert.equal(edits[0].end, empty.length);
    const after = applyEdits(empty, edits);
    if (empty.startsWith('#')) assert.ok(after.startsWith('# notes\n'));
    const model = loadsClean(after);
    assert.equal(model.claims[0].text, 'Russia has 2 bases.');
    assert.equal(model.claims[0].source, 'a');
    assert.deepEqual(model.sources, [{ id: 'a', file: 'news/a.md' }]);
  }
});

test('annotate claim creates missing sections in the canonical order', () => {
  const text = '# head\nversion: 1\n\n# the quotes\nquotes: []\n';
  const after = assertOnlyInsertions(text, planAnnotateClaim(text, { text: 'x is 1', sourceFile: 'a.txt' }));
  const keys = Object.keys(parse(after));
  assert.deepEqual(keys, ['version', 'sources', 'claims', 'quotes']);
  assert.ok(after.includes('# the quotes\nquotes: []'), 'the comment stays with its section');
  loadsClean(after);
});

test('dismiss: adds a dismissals section, dedupes', () => {
  const edits = planDismiss(BASE, { code: 'FM004', file: 'a.txt', text: 'Pay only $46 a year: "deal"', reason: 'advert', by: 'desk', date: '2025-10-16' });
  const after = assertOnlyInsertions(BASE, edits);
  const model = loadsClean(after);
  assert.deepEqual(model.dismissals, [{ code: 'FM004', file: 'a.txt', text: 'Pay only $46 a year: "deal"', reason: 'advert', by: 'desk', date: '2025-10-16' }]);
  assert.deepEqual(planDismiss(after, { code: 'FM004', file: 'a.txt', text: 'Pay only $46 a year: "deal"' }), []);
  // a second, different dismissal appends to the list
  const after2 = assertOnlyInsertions(after, planDismiss(after, { code: 'FM007', text: 'Shaara' }));
  assert.equal(loadsClean(after2).dismissals.length, 2);
  assert.throws(() => planDismiss(BASE, { code: 'X1', text: 't' }), /not a Factmark diagnostic code/);
});

test('add quote into an empty flow list turns it into a block list', () => {
  const edits = planAddQuote(BASE, { speaker: 'putin', text: 'We are very happy to see you', sourceFile: 'a.txt' });
  assert.equal(edits.length, 1);
  const after = applyEdits(BASE, edits);
  const model = loadsClean(after);
  assert.deepEqual(model.quotes, [{ id: 'putin-we-are-very-happy', speaker: 'putin', text: 'We are very happy to see you', source: 's1' }]);
  // only the `[]` was replaced
  assert.equal(after.slice(0, edits[0].start), BASE.slice(0, edits[0].start));
  assert.equal(after.slice(edits[0].start + edits[0].newText.length), BASE.slice(edits[0].end));
});

test('add entity and set position', () => {
  const after = assertOnlyInsertions(BASE, planAddEntity(BASE, { name: 'Alexander Novak', type: 'person', aliases: ['Novak'] }));
  assert.deepEqual(loadsClean(after).entities[3], { id: 'alexander-novak', name: 'Alexander Novak', type: 'person', aliases: ['Novak'] });
  const withPos = assertOnlyInsertions(BASE, planSetPosition(BASE, 'claim', 'c1', 42));
  assert.equal(loadsClean(withPos).claims[0].position, 42);
  const moved = planSetPosition(withPos, 'claim', 'c1', 7);
  assert.equal(moved.length, 1);
  assert.equal(withPos.slice(moved[0].start, moved[0].end), '42');
  assert.equal(loadsClean(applyEdits(withPos, moved)).claims[0].position, 7);
  assert.deepEqual(planSetPosition(withPos, 'claim', 'c1', 42), []);
});

test('yamlScalar reads back as the same string', () => {
  const samples = ['plain', 'true', 'False', 'null', '12', '1e3', '2025-10-15', 'a: b', 'a #b', '#x', '- x', '"q"', "'s'", 'it’s “fine”', ' lead', 'trail ', 'a,b', '[x]', 'x\ny', 'tab\there', '~', 'Ahmed al-Sharaa', 'HTS (Hayat)', ''];
  for (const s of samples) {
    assert.equal(parse(`k: ${yamlScalar(s)}`).k, s, `block ${JSON.stringify(s)} → ${yamlScalar(s)}`);
    assert.deepEqual(parse(`k: [${yamlScalar(s, true)}]`).k, [s], `flow ${JSON.stringify(s)} → ${yamlScalar(s, true)}`);
  }
});

function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      if (fs.existsSync(path.join(dir, 'seeds', 'annotations.yaml')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error('repository root with seeds/annotations.yaml not found');
}

test('edits on the sample annotations file keep all its comments and lines', () => {
  const file = path.join(findRepoRoot(), 'seeds', 'annotations.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const comments = text.split('\n').filter((l) => /^\s*#/.test(l));
  const plans: TextEditPlan[][] = [
    planAddAlias(text, 'sharaa', 'Ahmad al-Chareh'),
    planAddAlias(text, 'putin', 'Vladimir Vladimirovich Putin'),
    planAnnotateClaim(text, { text: 'Moscow has also reportedly sent oil shipments to Syria.', sourceFile: '004_3db1887f22c04c2b.txt' }),
    planDismiss(text, { code: 'FM007', file: '004_3db1887f22c04c2b.txt', text: 'Shaara' }),
    planAddQuote(text, { speaker: 'putin', text: 'We are very happy to see you. Welcome to Russia', sourceFile: '001_9dd7a0d95fc018fd.txt' }),
  ];
  for (const edits of plans) {
    const after = assertOnlyInsertions(text, edits);
    for (const c of comments) assert.ok(after.includes(c + '\n'), `comment lost: ${c}`);
    loadsClean(after);
  }
  const model = loadsClean(applyEdits(text, plans[2]));
  const added = model.claims[model.claims.length - 1];
  assert.equal(added.source, 'globalpost');
  assert.equal(added.status, 'draft');
});

test('sequences with the dash at the key column, CRLF files and flow-style files', () => {
  const compact = 'sources:\n- id: s1\n  file: a.txt\nclaims:\n- id: c1\n  text: x\nentities:\n- id: e\n  name: E\n  type: person\n  aliases:\n  - A';
  const a1 = assertOnlyInsertions(compact, planAnnotateClaim(compact, { text: 'New: claim', sourceFile: 'b.txt' }));
  assert.ok(a1.includes('\n- id: claim-2\n  text: "New: claim"\n  source: b\n'));
  assert.deepEqual(loadsClean(a1).claims.map((c) => c.id), ['c1', 'claim-2']);
  const a2 = assertOnlyInsertions(compact, planAddAlias(compact, 'e', 'Ee'));
  assert.ok(a2.endsWith('  - A\n  - Ee\n'));

  const crlf = 'sources:\r\n  - id: s1\r\n    file: a.txt\r\nentities:\r\n  - id: e\r\n    name: E\r\n    type: person\r\n';
  for (const edits of [planAnnotateClaim(crlf, { text: 'x is 1', sourceFile: 'a.txt' }), planAddAlias(crlf, 'e', 'Ee'), planDismiss(crlf, { code: 'FM004', text: 'x' })]) {
    const after = assertOnlyInsertions(crlf, edits);
    assert.equal(after.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF in a CRLF file');
    loadsClean(after);
  }

  const flow = '{sources: [{id: s1, file: a.txt}], entities: [{id: e, name: E, type: person}]}\n';
  const f1 = loadsClean(applyEdits(flow, planAnnotateClaim(flow, { text: 'New claim', sourceFile: 'b.txt' })));
  assert.deepEqual(f1.sources.map((s) => s.id), ['s1', 'b']);
  assert.deepEqual(f1.claims.map((c) => [c.id, c.source]), [['claim-1', 'b']]);
  assert.deepEqual(loadsClean(applyEdits(flow, planAddAlias(flow, 'e', 'Ee'))).entities[0].aliases, ['Ee']);
});
