import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAnnotations, nodeAt, ANNOTATIONS_SCHEMA, DEFAULT_SCALE } from '../../server/src/engine/annotations/load';
import type { Finding } from '../../server/src/engine/types';

/** 1-based line and column of an offset, computed independently of the loader. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

function at(text: string, f: Finding): string {
  const { line, col } = lineCol(text, f.start);
  return `${line}:${col}`;
}

function only(problems: Finding[], code: string): Finding[] {
  return problems.filter((p) => p.code === code);
}

const VALID = `# sample
version: 1
scale:
  - id: "false"
    label: "False"
    value: 1
    class: refuted
  - id: "true"
    label: "True"
    value: 2
    class: supported
sources:
  - id: s1
    file: a.txt
    outlet: Agence France-Presse
    published: 2025-10-15
entities:
  - id: putin
    name: Vladimir Putin
    type: person
    aliases: [Putin]
claims:
  - id: c1
    text: The meeting lasted two hours.
    source: s1
    claimant: putin
    verdict: "true"
    evidence:
      - source: s1
        passage: two hours
        stance: supports
quotes:
  - id: q1
    speaker: putin
    text: We are very happy to see you
    source: s1
dismissals:
  - code: FM004
    text: Some sentence.
`;

test('a valid file loads with no problems and a complete model', () => {
  const r = loadAnnotations('/w/annotations.yaml', VALID);
  assert.deepEqual(r.problems, []);
  assert.ok(r.model);
  assert.equal(r.model.version, 1);
  assert.deepEqual(r.model.scale.map((s) => s.id), ['false', 'true']);
  assert.deepEqual(r.model.sources, [{ id: 's1', file: 'a.txt', outlet: 'Agence France-Presse', published: '2025-10-15' }]);
  assert.deepEqual(r.model.entities[0].aliases, ['Putin']);
  assert.equal(r.model.claims[0].verdict, 'true');
  assert.equal(r.model.claims[0].claimant, 'putin');
  assert.deepEqual(r.model.claims[0].evidence, [{ source: 's1', passage: 'two hours', stance: 'supports' }]);
  assert.deepEqual(r.model.quotes[0], { id: 'q1', speaker: 'putin', text: 'We are very happy to see you', source: 's1' });
  assert.deepEqual(r.model.dismissals, [{ code: 'FM004', text: 'Some sentence.' }]);
});

test('the index gives the spans of items, ids, fields, references and evidence passages', () => {
  const r = loadAnnotations('/w/a.yaml', VALID);
  const idx = r.index!;
  assert.ok(idx);
  const c1 = idx.claim.c1;
  assert.equal(VALID.slice(c1.idSpan.start, c1.idSpan.end), 'c1');
  assert.ok(VALID.slice(c1.span.start, c1.span.end).startsWith('id: c1'));
  assert.ok(VALID.slice(c1.span.start, c1.span.end).includes('stance: supports'));
  assert.equal(VALID.slice(c1.fields.text.start, c1.fields.text.end), 'The meeting lasted two hours.');
  assert.equal(VALID.slice(idx.entity.putin.idSpan.start, idx.entity.putin.idSpan.end), 'putin');
  assert.equal(VALID.slice(idx.source.s1.fields.file.start, idx.source.s1.fields.file.end), 'a.txt');
  assert.equal(VALID.slice(idx.scale.true.idSpan.start, idx.scale.true.idSpan.end), '"true"');
  const passages = idx.evidence.c1.map((s) => VALID.slice(s.start, s.end));
  assert.deepEqual(passages, ['two hours']);
  const refs = idx.refs.map((x) => `${x.from.id}->${x.kind}:${x.id}=${VALID.slice(x.span.start, x.span.end)}`);
  assert.deepEqual(refs.sort(), ['c1->entity:putin=putin', 'c1->scale:true="true"', 'c1->source:s1=s1', 'c1->source:s1=s1', 'q1->entity:putin=putin', 'q1->source:s1=s1'].sort());
  assert.equal(idx.dismissal.length, 1);
});

test('nodeAt resolves references to their target and positions to the innermost item', () => {
  const r = loadAnnotations('/w/a.yaml', VALID);
  const speakerAt = VALID.indexOf('speaker: putin') + 'speaker: '.length + 2;
  assert.deepEqual(nodeAt(r, speakerAt), { kind: 'entity', id: 'putin', span: { start: speakerAt - 2, end: speakerAt + 3 }, ref: true });
  const inClaim = nodeAt(r, VALID.indexOf('The meeting lasted'));
  assert.equal(inClaim?.kind, 'claim');
  assert.equal(inClaim?.id, 'c1');
  assert.equal(inClaim?.ref, undefined);
  const entity = nodeAt(r, VALID.indexOf('Vladimir Putin'));
  assert.equal(entity?.kind, 'entity');
  assert.equal(entity?.id, 'putin');
  const dismissal = nodeAt(r, VALID.indexOf('Some sentence.'));
  assert.equal(dismissal?.kind, 'dismissal');
  assert.equal(dismissal?.id, '0');
  assert.equal(nodeAt(r, VALID.indexOf('version')), null);
  assert.equal(nodeAt(r, 0), null);
});

test('unknown keys are reported at the key, with the expected keys and a suggestion', () => {
  const text = 'sources:\n  - id: s1\n    file: a.txt\n    outlt: AFP\n';
  const r = loadAnnotations('/w/a.yaml', text);
  assert.equal(r.problems.length, 1);
  const p = r.problems[0];
  assert.equal(p.code, 'FM101');
  assert.equal(p.rule, 'annotations-schema');
  assert.equal(p.severity, 'error');
  assert.equal(at(text, p), '4:5');
  assert.equal(text.slice(p.start, p.end), 'outlt');
  assert.match(p.message, /Unknown key "outlt" in source "s1"/);
  assert.match(p.message, /Did you mean "outlet"\?/);
  assert.match(p.message, /Expected one of: id, file, outlet, url, published/);
  // the model keeps the valid part of the item
  assert.deepEqual(r.model?.sources, [{ id: 's1', file: 'a.txt' }]);
});

test('unknown top-level keys are reported too', () => {
  const text = 'version: 1\nclams:\n  - id: c1\n';
  const r = loadAnnotations('/w/a.yaml', text);
  assert.equal(r.problems.length, 1);
  assert.equal(at(text, r.problems[0]), '2:1');
  assert.match(r.problems[0].message, /Unknown key "clams" in the top level\. Did you mean "claims"\?/);
});

test('wrong types are reported at the value and say what was expected', () => {
  const text = ['claims:', '  - id: c1', '    text: [a, b]', '    position: -3', '    evidence: none', ''].join('\n');
  const r = loadAnnotations('/w/a.yaml', text);
  const ps = only(r.problems, 'FM101');
  assert.equal(ps.length, 3, ps.map((p) => p.message).join('\n'));
  assert.equal(at(text, ps[0]), '3:11');
  assert.match(ps[0].message, /`text` in claim "c1" must be text, not a list/);
  assert.equal(at(text, ps[1]), '4:15');
  assert.equal(text.slice(ps[1].start, ps[1].end), '-3');
  assert.match(ps[1].message, /`position` in claim "c1" must be >= 0 \(got -3\)/);
  assert.equal(at(text, ps[2]), '5:15');
  assert.match(ps[2].message, /`evidence` in claim "c1" must be a list, not the text "none"/);
  // the claim without a usable text is left out of the model
  assert.deepEqual(r.model?.claims, []);
});

test('enum violations list the allowed values and suggest the closest', () => {
  const text = [
    'entities:',
    '  - id: p',
    '    name: P',
    '    type: persn',
    'claims:',
    '  - id: c',
    '    text: x',
    '    status: publshed',
    '    evidence:',
    '      - url: https://example.org',
    '        passage: y',
    '        stance: support',
    '',
  ].join('\n');
  const r = loadAnnotations('/w/a.yaml', text);
  const ps = only(r.problems, 'FM101');
  assert.equal(ps.length, 3);
  assert.equal(at(text, ps[0]), '4:11');
  assert.match(ps[0].message, /`type` in entity "p" must be one of: "person", "place", "organization", "event", "other" \(got "persn"\)\. Did you mean "person"\?/);
  assert.equal(at(text, ps[1]), '8:13');
  assert.match(ps[1].message, /Did you mean "published"\?/);
  assert.equal(at(text, ps[2]), '12:17');
  assert.match(ps[2].message, /`stance` in evidence #1 of claim "c" must be one of: "supports", "contradicts", "context"/);
  assert.equal((ps[2].data as { suggestion?: string }).suggestion, 'supports');
});

test('missing required keys are reported on the first line of the item', () => {
  const text = 'sources:\n  - id: s1\n    outlet: AFP\n';
  const r = loadAnnotations('/w/a.yaml', text);
  assert.equal(r.problems.length, 1);
  const p = r.problems[0];
  assert.equal(at(text, p), '2:5');
  assert.equal(text.slice(p.start, p.end), 'id: s1');
  assert.match(p.message, /Missing required key "file" in source "s1" — Path of the source file/);
  assert.deepEqual(p.data, { missing: 'file' });
  assert.deepEqual(r.model?.sources, [], 'a source without a file is unusable');
});

test('evidence needs a source or a url: one clear problem, not three', () => {
  const text = 'claims:\n  - id: c\n    text: x\n    evidence:\n      - passage: y\n        stance: supports\n';
  const r = loadAnnotations('/w/a.yaml', text);
  assert.equal(r.problems.length, 1, r.problems.map((p) => p.message).join('\n'));
  assert.equal(at(text, r.problems[0]), '5:9');
  assert.equal(r.problems[0].message, 'Evidence #1 of claim "c" needs one of: "source" or "url".');
});

test('bare YAML booleans and numbers where text is expected get a quoting hint', () => {
  const text = 'scale:\n  - id: true\n    label: Yes\n    value: 1\n    class: supported\n';
  const r = loadAnnotations('/w/a.yaml', text);
  assert.equal(r.problems.length, 1);
  assert.equal(at(text, r.problems[0]), '2:9');
  assert.match(r.problems[0].message, /must be text, not boolean true\. YAML reads bare true as boolean: write it in quotes, "true"\./);
});

test('patterns explain the expected form (ids, dates, wikidata, codes)', () => {
  const text = [
    'sources:',
    '  - id: bad id',
    '    file: a.txt',
    '    published: 15/10/2025',
    'entities:',
    '  - id: e',
    '    name: E',
    '    type: place',
    '    wikidata: 159',
    'dismissals:',
    '  - code: W1',
    '    text: t',
    '',
  ].join('\n');
  const r = loadAnnotations('/w/a.yaml', text);
  const msgs = r.problems.map((p) => `${at(text, p)} ${p.message}`);
  assert.equal(msgs.length, 4, msgs.join('\n'));
  assert.match(msgs[0], /^2:9 `id` in source "bad id" is expected to use only letters, digits/);
  assert.match(msgs[1], /^4:16 `published` in source "bad id" is expected to be a date like 2025-10-15/);
  assert.match(msgs[2], /^9:15 `wikidata` in entity "e" must be text, not number 159/);
  assert.match(msgs[3], /^11:11 `code` in dismissal #1 is expected to be a diagnostic code like "FM004"/);
});

test('duplicate ids are reported at the second id with the line of the first', () => {
  const text = [
    'entities:',
    '  - id: putin',
    '    name: Vladimir Putin',
    '    type: person',
    '  - id: putin',
    '    name: Putin again',
    '    type: person',
    'claims:',
    '  - id: putin',
    "    text: 'not a duplicate: claims have their own ids'",
    '',
  ].join('\n');
  const r = loadAnnotations('/w/a.yaml', text);
  const dups = only(r.problems, 'FM102');
  assert.equal(dups.length, 1, r.problems.map((p) => p.message).join('\n'));
  assert.equal(dups[0].rule, 'annotations-duplicate-id');
  assert.equal(at(text, dups[0]), '5:9');
  assert.equal(dups[0].message, 'Duplicate entity id "putin": already used on line 2. Ids must be unique within `entities`.');
  assert.equal(r.model?.entities.length, 2);
  // the index keeps the first definition
  assert.equal(r.index?.entity.putin.idSpan.start, text.indexOf('putin'));
});

test('unknown references: sources, entities, ratings, alsoIn, evidence, variants', () => {
  const text = [
    'sources:',
    '  - id: afp',
    '    file: a.txt',
    'entities:',
    '  - id: lavrov',
    '    name: Sergei Lavrov',
    '    type: person',
    'claims:',
    '  - id: c1',
    '    text: x',
    '    source: apf',
    '    verdict: flase',
    '    alsoIn: [afp, reuters]',
    '    evidence:',
    '      - source: tass',
    '        passage: y',
    '        stance: supports',
    'quotes:',
    '  - id: q1',
    '    speaker: lavorv',
    '    text: z',
    '    variants:',
    '      - source: ria',
    '        text: w',
    '',
  ].join('\n');
  const r = loadAnnotations('/w/a.yaml', text);
  const refs = only(r.problems, 'FM103');
  assert.deepEqual(
    refs.map((p) => `${at(text, p)} ${text.slice(p.start, p.end)}`),
    ['11:13 apf', '12:14 flase', '13:19 reuters', '15:17 tass', '20:14 lavorv', '23:17 ria'],
  );
  assert.equal(refs[0].message, 'Unknown source "apf" in claim "c1": no source with this id in `sources`. Did you mean "afp"? Known: afp.');
  assert.match(refs[1].message, /Unknown rating "flase" in claim "c1".*no `scale` is declared, so the default scale applies.*Did you mean "false"\?/);
  assert.match(refs[4].message, /Unknown entity "lavorv" in quote "q1".*Did you mean "lavrov"\?/);
  assert.equal(refs.every((p) => p.rule === 'annotations-unknown-reference'), true);
  assert.equal(r.problems.length, refs.length, 'no other problems');
  // the default scale applies when none is declared
  assert.deepEqual(r.model?.scale, DEFAULT_SCALE);
});

test('missing source files are reported when the caller can check files', () => {
  const text = 'sources:\n  - id: a\n    file: here.txt\n  - id: b\n    file: gone.txt\ndismissals:\n  - code: FM004\n    file: gone2.txt\n    text: t\n';
  const r = loadAnnotations('/w/a.yaml', text, { fileExists: (f) => f === 'here.txt' });
  const refs = only(r.problems, 'FM103');
  assert.equal(refs.length, 2);
  assert.equal(at(text, refs[0]), '5:11');
  assert.match(refs[0].message, /Source file "gone.txt" of source "b" not found/);
  assert.equal(refs[1].severity, 'warning');
  assert.equal(at(text, refs[1]), '8:11');
  // without the callback the engine does no IO and reports nothing
  assert.deepEqual(loadAnnotations('/w/a.yaml', text).problems, []);
});

test('syntax errors: FM100 at the parser position, no model, earlier problems still reported, no throw', () => {
  const text = ['sources:', '  - id: s1', '    file: a.txt', '    outlt: x', 'claims:', '  - id: c1', '    text: "unterminated', ''].join('\n');
  const r = loadAnnotations('/w/a.yaml', text);
  assert.equal(r.model, null, 'callers keep the last good model');
  assert.equal(r.index, undefined);
  const syntax = only(r.problems, 'FM100');
  assert.ok(syntax.length >= 1);
  assert.equal(syntax[0].rule, 'annotations-syntax');
  assert.match(syntax[0].message, /^YAML syntax error: /);
  assert.ok(syntax[0].start >= text.indexOf('"unterminated'), `syntax error at ${at(text, syntax[0])}`);
  const schema = only(r.problems, 'FM101');
  assert.equal(schema.length, 1);
  assert.equal(at(text, schema[0]), '4:5');
});

test('a bad indentation error is located on its line', () => {
  const text = 'entities:\n  - id: a\n    name: A\n   type: person\n';
  const r = loadAnnotations('/w/a.yaml', text);
  const syntax = only(r.problems, 'FM100');
  assert.ok(syntax.length >= 1);
  assert.equal(lineCol(text, syntax[0].start).line, 4);
  assert.equal(r.model, null);
});

test('duplicate keys are a schema problem, not a fatal one', () => {
  const text = 'sources:\n  - id: s1\n    file: a.txt\n    file: b.txt\n';
  const r = loadAnnotations('/w/a.yaml', text);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].code, 'FM101');
  assert.equal(at(text, r.problems[0]), '4:5');
  assert.match(r.problems[0].message, /Duplicate key "file"/);
  assert.ok(r.model);
});

test('empty and comment-only files load as an empty model with the default scale', () => {
  for (const text of ['', '\n', '# only a comment\n']) {
    const r = loadAnnotations('/w/a.yaml', text);
    assert.deepEqual(r.problems, []);
    assert.ok(r.model);
    assert.equal(r.model.claims.length, 0);
    assert.equal(r.model.scale.length, DEFAULT_SCALE.length);
  }
});

test('a file that is not a mapping is reported at its root, without a model', () => {
  const text = '- a\n- b\n';
  const r = loadAnnotations('/w/a.yaml', text);
  assert.equal(r.model, null);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].start, 0);
  assert.match(r.problems[0].message, /The annotations file must be a mapping \(key: value\) with keys such as scale, sources/);
});

test('never throws on garbage and always returns positions inside the text', () => {
  const inputs = [
    ':',
    '{',
    '[1, 2',
    'claims: 5',
    'claims:\n  - 5\n  - [x]\n  - {id: 3}',
    '\t- tab',
    'a: *nope',
    'a: &x [*x]',
    '"',
    '---\na: 1\n---\nb: 2\n',
    'entities:\n  - id: e\n    name: E\n    type: person\n    aliases: [E, E]\n',
    'claims:\n  - id: c\n    text: t\n    evidence:\n      - 7\n',
    '\uFEFFversion: 1\n',
    'version: 2\n',
    'x'.repeat(5000) + ': [',
  ];
  for (const text of inputs) {
    const r = loadAnnotations('/w/a.yaml', text);
    for (const p of r.problems) {
      assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end, `bad span for ${JSON.stringify(text.slice(0, 30))}: ${p.start}-${p.end}`);
      assert.ok(p.message.length > 10);
      assert.match(p.code, /^FM10[0-3]$/);
    }
    assert.ok(r.problems.length > 0 || r.model !== null);
  }
});

test('the schema is draft-07, closed, and describes every property', () => {
  assert.equal(ANNOTATIONS_SCHEMA.$schema, 'http://json-schema.org/draft-07/schema#');
  const missing: string[] = [];
  const walk = (s: any, path: string) => {
    if (!s || typeof s !== 'object') return;
    if (s.type === 'object') {
      assert.equal(s.additionalProperties, false, `${path} must reject unknown keys`);
      for (const [k, v] of Object.entries<any>(s.properties ?? {})) {
        if (!v.description) missing.push(`${path}.${k}`);
        walk(v, `${path}.${k}`);
      }
    }
    if (s.items) walk(s.items, `${path}[]`);
  };
  walk(ANNOTATIONS_SCHEMA, '$');
  assert.deepEqual(missing, []);
  const claimProps = (ANNOTATIONS_SCHEMA as any).properties.claims.items.properties;
  assert.deepEqual(claimProps.status.enum, ['draft', 'review', 'published']);
  assert.deepEqual(claimProps.evidence.items.properties.stance.enum, ['supports', 'contradicts', 'context']);
  assert.deepEqual((ANNOTATIONS_SCHEMA as any).properties.entities.items.properties.type.enum, ['person', 'place', 'organization', 'event', 'other']);
});

test('syntax errors point at the cause and say how to fix it; no artefact problems around them', () => {
  const unterminated = 'claims:\n  - id: c\n    text: "He said\n    source: s\n';
  const r1 = loadAnnotations('/w/a.yaml', unterminated);
  assert.equal(r1.problems.length, 1, r1.problems.map((p) => p.message).join('\n'));
  assert.equal(at(unterminated, r1.problems[0]), '3:11', 'at the opening quote');
  assert.equal(unterminated.slice(r1.problems[0].start, r1.problems[0].end), '"He said');
  assert.match(r1.problems[0].message, /Missing closing "quote — the quoted text that starts here is never closed\./);

  const colon = 'sources:\n  - id: s\n    file: a.txt\n    outlet: AFP: wire\n';
  const r2 = loadAnnotations('/w/a.yaml', colon);
  assert.equal(r2.problems.length, 1);
  assert.equal(at(colon, r2.problems[0]), '4:13');
  assert.match(r2.problems[0].message, /put text that contains ": " or " #" in quotes/);

  const tab = 'claims:\n\t- id: x\n';
  const r3 = loadAnnotations('/w/a.yaml', tab);
  assert.equal(at(tab, r3.problems[0]), '2:1');
  assert.match(r3.problems[0].message, /Tabs are not allowed as indentation — indent with spaces\./);

  // bad indentation cuts the entity: its "missing type" is an artefact and is not reported
  const indent = 'entities:\n  - id: a\n    name: A\n   type: person\n';
  const r4 = loadAnnotations('/w/a.yaml', indent);
  assert.deepEqual(r4.problems.map((p) => p.code), ['FM100']);
  assert.match(r4.problems[0].message, /check the indentation of this line/);
});

test('dismissals accept a code or a rule name, and a file path or a source id', () => {
  const text = 'sources:\n  - id: s1\n    file: a.txt\ndismissals:\n  - code: unsupported-claim\n    file: s1\n    text: t\n  - code: FM007\n    text: Shaara\n';
  const r = loadAnnotations('/w/a.yaml', text);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.model?.dismissals.map((d) => d.code), ['unsupported-claim', 'FM007']);
  const bad = loadAnnotations('/w/a.yaml', 'dismissals:\n  - code: Unsupported Claim\n    text: t\n');
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0].message, /diagnostic code like "FM004" or a rule name like "unsupported-claim"/);
});
