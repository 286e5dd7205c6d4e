// Semantic-token layout of the LSP layer on hand-built analyses: quotes split around the entities
// inside them, multi-line quotes cut per line, speaker mentions, modifiers, range requests.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Analysis, Entity, Quote } from '../../server/src/engine/types';
import { decodeTokens, encodeTokens, LEGEND } from '../../server/src/lsp/tokens';

function entity(text: string, needle: string, type: Entity['type'], extra: Partial<Entity> = {}, from = 0): Entity {
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length, text: needle, type, clusterId: `c-${needle}`, ...extra };
}

function quote(text: string, open: number, close: number | null, extra: Partial<Quote> = {}): Quote {
  const end = close ?? text.indexOf('\n', open);
  return { open, close, start: open + 1, end, text: text.slice(open + 1, end), speaker: null, partial: false, nested: false, ...extra };
}

function analysis(text: string, entities: Entity[], quotes: Quote[]): Analysis {
  return { length: text.length, entities, clusters: [], quotes, sentences: [] };
}

function show(text: string, data: number[]) {
  const lines = text.split('\n');
  return decodeTokens(data, LEGEND).map((t) => `${t.line}:${lines[t.line].slice(t.char, t.char + t.length)}=${t.type}${t.modifiers.length ? '.' + t.modifiers.join('.') : ''}`);
}

describe('semantic tokens', () => {
  it('splits a quote around the entities inside it and cuts it at line ends', () => {
    const text = 'Putin said: "Moscow and\nDamascus agree," he added.\n';
    const putin = entity(text, 'Putin', 'person');
    const he = text.indexOf('he added');
    const q = quote(text, text.indexOf('"'), text.lastIndexOf('"'), {
      speaker: 'Putin',
      speakerMention: { start: he, end: he + 2, text: 'he' },
      cue: { start: he + 3, end: he + 8, text: 'added', kind: 'pronoun' },
    });
    const a = analysis(text, [putin, entity(text, 'Moscow', 'place'), entity(text, 'Damascus', 'place', { role: 'actor' })], [q]);
    assert.deepEqual(show(text, encodeTokens(a, text)), [
      '0:Putin=person',
      '0:"=quote',
      '0:Moscow=place.quoted',
      '0: and=quote',
      '1:Damascus=place.actor.quoted',
      '1: agree,"=quote',
      '1:he=speaker',
    ]);
  });

  it('marks entity mentions that are a quote\'s speaker, partial and unattributed quotes', () => {
    const text = "Lavrov said the talks would 'redefine' ties. 'Nobody knows,' a source said.";
    const lavrov = entity(text, 'Lavrov', 'person');
    const partial = quote(text, text.indexOf("'redefine") , text.indexOf("' ties"), { partial: true, speaker: 'Lavrov', speakerMention: { start: 0, end: 6, text: 'Lavrov' } });
    const open2 = text.indexOf("'Nobody");
    const unattributed = quote(text, open2, text.indexOf("'", open2 + 1));
    const out = show(text, encodeTokens(analysis(text, [lavrov], [partial, unattributed]), text));
    assert.deepEqual(out, ['0:Lavrov=person.speaker', "0:'redefine'=quote.partial", "0:'Nobody knows,'=quote.unattributed"]);
  });

  it('gives a nested quote its own token inside the outer one', () => {
    const text = '"He called it \'a new era\' today," she said.';
    const outer = quote(text, 0, text.indexOf('," she') + 1, { speaker: 'X' });
    const inner = quote(text, text.indexOf("'a"), text.indexOf("' today"), { nested: true, speaker: 'X' });
    const out = show(text, encodeTokens(analysis(text, [], [outer, inner]), text));
    assert.deepEqual(out, ['0:"He called it =quote', "0:'a new era'=quote", '0: today,"=quote']);
  });

  it('a run-on quote without a closing mark spans paragraphs, one token per line, blank lines skipped', () => {
    const text = '"First paragraph of the quote.\n\n"Second paragraph ends here."\nAfter.';
    const end = text.lastIndexOf('"');
    const q: Quote = { open: 0, close: end, start: 1, end, text: text.slice(1, end), speaker: 'X', partial: false, nested: false };
    const out = show(text, encodeTokens(analysis(text, [], [q]), text));
    assert.deepEqual(out, ['0:"First paragraph of the quote.=quote', '2:"Second paragraph ends here."=quote']);
  });

  it('handles CRLF line ends and a range request', () => {
    const text = 'Alpha Corp said.\r\nBeta Town is near.\r\nGamma Ltd.\r\n';
    const a = analysis(text, [entity(text, 'Alpha Corp', 'organization'), entity(text, 'Beta Town', 'place'), entity(text, 'Gamma Ltd', 'organization')], []);
    const lines = text.split('\r\n');
    const full = decodeTokens(encodeTokens(a, text), LEGEND).map((t) => lines[t.line].slice(t.char, t.char + t.length));
    assert.deepEqual(full, ['Alpha Corp', 'Beta Town', 'Gamma Ltd']);
    const ranged = decodeTokens(encodeTokens(a, text, { start: { line: 1, character: 0 }, end: { line: 1, character: 100 } }), LEGEND);
    assert.equal(ranged.length, 1);
    assert.equal(ranged[0].line, 1);
    assert.equal(ranged[0].type, 'place');
  });

  it('counts UTF-16 code units (astral characters) and ignores empty spans', () => {
    const text = '😀 Erdoğan met 👍 Putin.';
    const a = analysis(text, [entity(text, 'Erdoğan', 'person'), entity(text, 'Putin', 'person'), { start: 3, end: 3, text: '', type: 'number', clusterId: 'x' }], []);
    const toks = decodeTokens(encodeTokens(a, text), LEGEND);
    assert.deepEqual(
      toks.map((t) => [t.char, t.length]),
      [
        [3, 7],
        [18, 5],
      ],
    );
  });
  it('options: only the highlighted types, the annotated type, and the repeated/quoted/annotated modifiers', () => {
    const text = 'Putin met at the Kremlin. "Putin is here," said Putin on Monday.';
    const p1 = entity(text, 'Putin', 'person', { clusterId: 'putin' });
    const p2 = entity(text, 'Putin', 'person', { clusterId: 'putin' }, p1.end);
    const p3 = entity(text, 'Putin', 'person', { clusterId: 'putin' }, p2.end);
    const kremlin = entity(text, 'Kremlin', 'organization');
    const monday = entity(text, 'Monday', 'date');
    const q = quote(text, text.indexOf('"'), text.lastIndexOf('"'), { speaker: 'Putin' });
    const a = analysis(text, [p1, kremlin, p2, p3, monday], [q]);
    const opts = { typeOf: (e: Entity) => (e.text === 'Kremlin' ? ('place' as const) : undefined), annotated: (e: Entity) => e.type === 'person' };
    assert.deepEqual(show(text, encodeTokens(a, text, undefined, opts)), [
      '0:Putin=person.annotated',
      '0:Kremlin=place',
      '0:"=quote',
      '0:Putin=person.repeated.quoted.annotated',
      '0: is here,"=quote',
      '0:Putin=person.repeated.annotated',
      '0:Monday=date',
    ]);
    // Only people and quotes highlighted: the rest is left to the theme's plain text.
    assert.deepEqual(show(text, encodeTokens(a, text, undefined, { types: new Set(['person', 'quote']) })), [
      '0:Putin=person',
      '0:"=quote',
      '0:Putin=person.repeated.quoted',
      '0: is here,"=quote',
      '0:Putin=person.repeated',
    ]);
    // Existing modifier bits are unchanged (new ones are appended to the legend).
    assert.deepEqual(LEGEND.tokenModifiers.slice(0, 4), ['actor', 'speaker', 'partial', 'unattributed']);
  });
});
