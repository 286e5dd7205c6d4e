// Engine unit tests for the recognition rules added for issue 9 (speakers for every attributed
// quote, the right type for every name). Every text is written for the tests; names are invented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import type { EntityType } from '../../server/src/engine/types';

const NAMES: EntityType[] = ['person', 'place', 'organization'];
function ents(text: string): Array<[string, string]> {
  return analyze(text)
    .entities.filter((e) => NAMES.includes(e.type))
    .map((e) => [e.text, e.type] as [string, string]);
}
const has = (text: string, pair: [string, string]) => assert.ok(ents(text).some(([t, ty]) => t === pair[0] && ty === pair[1]), `expected ${pair[1]} "${pair[0]}" in ${JSON.stringify(ents(text))}`);
const lacks = (text: string, surface: string) => assert.ok(!ents(text).some(([t]) => t.includes(surface)), `did not expect "${surface}" in ${JSON.stringify(ents(text))}`);
function speakers(text: string): Array<[string, string | null]> {
  return analyze(text).quotes.map((q) => [q.text, q.speaker]);
}

test('a clause ending in a colon introduces the quote: its subject speaks', () => {
  assert.deepEqual(speakers('Councillor Oren Vale was blunt: "The drains were never built for this."'), [['The drains were never built for this.', 'Oren Vale']]);
  assert.deepEqual(speakers('Wales coach Dafydd Price was full of praise for his fly-half: "He ran the game."'), [['He ran the game.', 'Dafydd Price']]);
  // across a paragraph break, and the next paragraph's quote goes on with the same speaker
  assert.deepEqual(speakers('Ines Moreau, a pollster at the University of Lyon, has been in touch:\n\n"Turnout is the story."\n\n"Nobody saw it coming."'), [
    ['Turnout is the story.', 'Ines Moreau'],
    ['Nobody saw it coming.', 'Ines Moreau'],
  ]);
  // another person named in the clause: no guess
  assert.deepEqual(speakers('Lena Ortiz met Paul Grey after the vote:\n\n"It was close."'), [['It was close.', null]]);
});

test('follow-on quote after a sentence of reported speech in the same paragraph', () => {
  assert.deepEqual(speakers('Mrs Petra Lund, 71, said the water reached her kitchen. "You can replace a sofa."'), [['You can replace a sofa.', 'Petra Lund']]);
});

test('trailing attribution after a long apposition, and uncommon reporting verbs', () => {
  assert.deepEqual(
    speakers('"Margins are under pressure everywhere," Tomas Achterberg, head of research at Northfield Securities in Rotterdam who covers the sector, said.'),
    [['Margins are under pressure everywhere,', 'Tomas Achterberg']],
  );
  assert.deepEqual(speakers('"We cannot wait any longer," Maria Collard pleaded.'), [['We cannot wait any longer,', 'Maria Collard']]);
  assert.deepEqual(speakers('"Not a chance," Ivo Brandt scoffed.'), [['Not a chance,', 'Ivo Brandt']]);
});

test('partial quotes: an appositive name, a title inside the commas, "as she puts it"', () => {
  assert.deepEqual(speakers('Her editor at Marlow Books, Alex Boland, calls the novel "the best we have published".'), [['the best we have published', 'Alex Boland']]);
  assert.deepEqual(speakers('The vicar, the Rev Gareth Lowe, said the response had been "extraordinary".'), [['extraordinary', 'Gareth Lowe']]);
  assert.deepEqual(speakers('Nadia Rahman left law before, as she puts it, "running away to poetry".'), [['running away to poetry', 'Nadia Rahman']]);
});

test('an interview: the answer after the interviewer\'s question goes on with the last speaker', () => {
  const t = '"I had no faith in any of it," Nadia Rahman says.\n\nWhere did the book begin?\n\n"With my grandmother\'s ledger."';
  assert.deepEqual(speakers(t), [
    ['I had no faith in any of it,', 'Nadia Rahman'],
    ["With my grandmother's ledger.", 'Nadia Rahman'],
  ]);
});

test('a bare surname shared by two people is the principal one', () => {
  const t = 'Helga Stroud, a weaver, has died. Her son, Piet Stroud, confirmed it. Stroud studied in Leeds, she later said, and "never stopped".';
  assert.ok(speakers(t).some(([, s]) => s === 'Helga Stroud'), JSON.stringify(speakers(t)));
});

test('organisations: institution heads, "of/for" heads, ampersands, possessive + head, parties', () => {
  has('She studied at the Central School of Weaving and Dyeing in Leeds.', ['Central School of Weaving and Dyeing', 'organization']);
  has('It sold out at the Crafts Centre of Wales.', ['Crafts Centre of Wales', 'organization']);
  has('He works at the Brooks-Harlan Center for Astrophysics.', ['Brooks-Harlan Center for Astrophysics', 'organization']);
  has('The Museum of Modern Glass bought 14 pieces.', ['Museum of Modern Glass', 'organization']);
  has('It bought the Victoria and Albert Museum pieces.', ['Victoria and Albert Museum', 'organization']);
  has('Shares of Harlow & Finch rose.', ['Harlow & Finch', 'organization']);
  has('Shares of P&G slipped.', ['P&G', 'organization']);
  lacks('A Q&A followed the talk.', 'Q&A');
  has('She studied law at King\'s College London.', ["King's College London", 'organization']);
  has('Volunteers from St Edmund\'s Church opened the hall.', ["St Edmund's Church", 'organization']);
  has('Scottish Labour gained the seat.', ['Scottish Labour', 'organization']);
  has('The appeal was backed by Lindqvist Dynamics.', ['Lindqvist Dynamics', 'organization']);
});

test('teams: a name before a team role, a club prefix, and the same name elsewhere', () => {
  const t = 'Hartwell sign Vossberg winger Kofi Amankwah. Hartwell head coach Lee Dunne was pleased. He joined Vossberg from Club Lorient in 2019.';
  has(t, ['Vossberg', 'organization']);
  has(t, ['Club Lorient', 'organization']);
  has(t, ['Hartwell', 'organization']);
  has(t, ['Kofi Amankwah', 'person']);
});

test('not names: demonym nouns and nationality adjectives', () => {
  lacks('The Sri Lankans lost by 74 runs.', 'Sri Lankan');
  lacks('A North Macedonian immigrant runs the bakery.', 'Macedonian');
});

test('places: street and landscape heads, River X, place + compass word, GeoNames towns and cities', () => {
  has('He lives on Mill Lane near the River Ashdown.', ['Mill Lane', 'place']);
  has('He lives on Mill Lane near the River Ashdown.', ['River Ashdown', 'place']);
  has('Homes in Thornby Vale were flooded.', ['Thornby Vale', 'place']);
  has('She won Kildare South in 2020.', ['Kildare South', 'place']);
  // the gazetteer (GeoNames): a city before -based/-born, a town with place context
  has('The Minneapolis-based maker of cereal was sold.', ['Minneapolis', 'place']);
  has('The Kochi-born author spoke.', ['Kochi', 'place']);
  has('A daughter, Anna Hale, of Penzance, survives her.', ['Penzance', 'place']);
  // a gazetteer town that the document uses as a company name stays the company
  has('Halden Foods was sold. Shares of Halden rose 24%.', ['Halden', 'organization']);
  // a gazetteer hit never outvotes a person named in the document
  has('Angela Young spoke. "Enough," Young said.', ['Young', 'person']);
});

test('boundaries: a title later in a run, a gerund before a known name, capitalised labels', () => {
  assert.deepEqual(ents('Operation Iron Shield Commander Lt. Gen. Paul Ferro spoke.'), [['Paul Ferro', 'person']]);
  assert.deepEqual(ents('Defeating ISIS was the aim.'), [['ISIS', 'organization']]);
  assert.deepEqual(ents('QUESTION: Will you resign?\nANSWER: No.'), []);
});

test('headline "quote: Name on …", and "a spokesman for the X said" is no named speaker', () => {
  const t = "'We write about the people nobody photographs': Lidia Moreno on her new novel\n\nLidia Moreno is sitting in a bookshop.";
  assert.deepEqual(speakers(t), [['We write about the people nobody photographs', 'Lidia Moreno']]);
  assert.deepEqual(speakers('A spokesman for the Harbour Observatory, which runs the station, said: "The probe is healthy."'), [['The probe is healthy.', null]]);
});
