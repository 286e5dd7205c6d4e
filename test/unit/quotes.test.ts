// Speaker attribution for quoted speech (texts written for the tests; entity context built by hand).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { org, person, place, quotesOf, quoteStarting } from './quotes-helpers';

const PUTIN = person('Vladimir Putin', 'Putin');
const SHARAA = person('Ahmed al-Sharaa', 'Al Sharaa', 'Sharaa');
const LAVROV = person('Sergei Lavrov', 'Lavrov');
const NOVAK = person('Alexander Novak', 'Novak');
const MOSCOW = place('Moscow');
const RUSSIA = place('Russia');
const SYRIA = place('Syria');

test('trailing "X said": speaker, mention and cue', () => {
  const t = '"We are ready to help," Putin said.';
  const [q] = quotesOf(t, [PUTIN]);
  assert.equal(q.speaker, 'Vladimir Putin'); // canonical (fullest) name
  assert.equal(q.speakerClusterId, 'c0');
  assert.equal(q.speakerMention?.text, 'Putin');
  assert.equal(t.slice(q.speakerMention!.start, q.speakerMention!.end), 'Putin');
  assert.equal(q.cue?.text, 'said');
  assert.equal(q.cue?.kind, 'name-before');
  assert.equal(t.slice(q.cue!.start, q.cue!.end), 'said');
});

test('trailing "said X" (name after the verb), also with a title before the name', () => {
  const [q] = quotesOf('"We are ready to help," said Putin.', [PUTIN]);
  assert.equal(q.speaker, 'Vladimir Putin');
  assert.equal(q.cue?.kind, 'name-after');
  const [r] = quotesOf('"The door is open," said Russian Foreign Minister Sergei Lavrov.', [LAVROV]);
  assert.equal(r.speaker, 'Sergei Lavrov');
  assert.equal(r.speakerMention?.text, 'Sergei Lavrov');
});

test('"X told Y" attributes to X, not Y', () => {
  const [q] = quotesOf('"We are trying to restore and redefine these relations," Sharaa told Putin.', [SHARAA, PUTIN]);
  assert.equal(q.speaker, 'Ahmed al-Sharaa');
  assert.equal(q.cue?.text, 'told');
});

test('subject before the verb wins over a description after it', () => {
  const t = 'Russian President Vladimir Putin met Syrian President Ahmed al-Sharaa.\n"We have deep ties with the Syrian people," Putin said alongside the Syrian leader during the meeting.';
  const [q] = quotesOf(t, [PUTIN, SHARAA]);
  assert.equal(q.speaker, 'Vladimir Putin');
});

test('colon attribution with the verb before the quote', () => {
  const t = 'Al Sharaa said before the meeting: "We respect all previous agreements," without elaborating.';
  const [q] = quotesOf(t, [SHARAA]);
  assert.equal(q.text, 'We respect all previous agreements,');
  assert.equal(q.speaker, 'Ahmed al-Sharaa');
  assert.equal(q.speakerMention?.text, 'Al Sharaa');
  assert.equal(q.cue?.kind, 'colon');
});

test('"X: quote" without a verb (headline style)', () => {
  const [q] = quotesOf('Putin: "We will never abandon our friends"\nBody text.', [PUTIN]);
  assert.equal(q.speaker, 'Vladimir Putin');
  assert.equal(q.cue?.kind, 'colon');
});

test('according to X, before and after the quote', () => {
  const [a] = quotesOf('"The talks were useful," according to Novak.', [NOVAK]);
  assert.equal(a.speaker, 'Alexander Novak');
  assert.equal(a.cue?.kind, 'according-to');
  const [b] = quotesOf('According to Lavrov, the door remains "wide open" for talks.', [LAVROV]);
  assert.equal(b.speaker, 'Sergei Lavrov');
  assert.equal(b.cue?.kind, 'according-to');
});

test('"X was quoted as saying" and the participle clause after it', () => {
  const t =
    '"Russian companies have been working on the oilfields for a long time," vice premier Alexander Novak was quoted as saying by state news agency TASS, adding that there were new fields where Moscow was "ready to participate".';
  const qs = quotesOf(t, [NOVAK, MOSCOW, org('TASS')]);
  assert.equal(qs.length, 2);
  assert.equal(qs[0].speaker, 'Alexander Novak');
  assert.equal(qs[0].cue?.text, 'was quoted as saying');
  assert.equal(qs[1].text, 'ready to participate');
  assert.equal(qs[1].speaker, 'Alexander Novak');
  assert.equal(qs[1].partial, true);
});

test('"X added", "X concluded", "X noted"', () => {
  const t = '"Welcome to Russia," Putin concluded.\n"This matters," Lavrov added.\nNovak noted that "many" plants need "Russian expertise."';
  const qs = quotesOf(t, [PUTIN, LAVROV, NOVAK]);
  assert.deepEqual(qs.map((q) => q.speaker), ['Vladimir Putin', 'Sergei Lavrov', 'Alexander Novak', 'Alexander Novak']);
});

test('pronoun resolved to the nearest preceding compatible person, skipping places and objects', () => {
  const t =
    'For his part, Sharaa met Putin in Moscow.\n"We respect all previous agreements," he added.\n' +
    'Lavrov spoke to the press in Russia after visiting Syria.\n"The door is open," he said.';
  const qs = quotesOf(t, [SHARAA, PUTIN, LAVROV, MOSCOW, RUSSIA, SYRIA]);
  assert.equal(qs[0].speaker, 'Ahmed al-Sharaa'); // "met Putin": Putin is an object
  assert.equal(qs[0].cue?.kind, 'pronoun');
  assert.equal(qs[0].speakerMention?.text, 'he');
  assert.equal(qs[1].speaker, 'Sergei Lavrov'); // places in between are skipped
});

test('pronoun gender: cluster.gender when set, else inferred from pronoun use', () => {
  const t =
    'Ursula von der Leyen met Olaf Scholz in Berlin.\n"We stand together," she said.\n"So do we," he replied.';
  const qs = quotesOf(t, [
    { type: 'person', names: ['Ursula von der Leyen'], gender: 'female' },
    { type: 'person', names: ['Olaf Scholz'], gender: 'male' },
  ]);
  assert.deepEqual(qs.map((q) => q.speaker), ['Ursula von der Leyen', 'Olaf Scholz']);
  // inferred: "her" after Maria, "his" after Tom
  const t2 = 'Maria Lopez presented her plan. Tom Hart defended his budget.\nMaria Lopez was in the room.\nTom Hart arrived later.\n"It is a good plan," she said.';
  const qs2 = quotesOf(t2, [person('Maria Lopez'), person('Tom Hart')]);
  assert.equal(qs2[0].speaker, 'Maria Lopez');
});

test('description resolved to the person the document introduced with that title', () => {
  const t =
    'Russian President Vladimir Putin hosted Syrian President Ahmed al-Sharaa on Wednesday.\n' +
    'The Russian leader hailed "special relations" between the two countries that "have developed over many decades."\n' +
    '"We will rebuild our country," the Syrian leader said.\n' +
    'Russian Foreign Minister Sergei Lavrov was present.\n"Nothing changes," the Russian foreign minister said.';
  const qs = quotesOf(t, [PUTIN, SHARAA, LAVROV]);
  const sr = quoteStarting(qs, 'special relations');
  assert.equal(sr.speaker, 'Vladimir Putin');
  assert.equal(sr.cue?.kind, 'description');
  assert.equal(sr.speakerMention?.text, 'The Russian leader');
  assert.equal(quoteStarting(qs, 'have developed').speaker, 'Vladimir Putin');
  assert.equal(quoteStarting(qs, 'We will rebuild').speaker, 'Ahmed al-Sharaa');
  assert.equal(quoteStarting(qs, 'Nothing changes').speaker, 'Sergei Lavrov');
});

test('description: a former leader is not the current one', () => {
  const t =
    'Syrian President Ahmed al-Sharaa spoke about former Syrian President Bashar al-Assad.\nThe Syrian president highlighted the "old historical ties" with Russia.';
  const [q] = quotesOf(t, [SHARAA, person('Bashar al-Assad', 'Assad'), RUSSIA]);
  assert.equal(q.speaker, 'Ahmed al-Sharaa');
});

test('an unnamed official gives speaker null but records the cue and the description', () => {
  const t =
    'The official, who requested anonymity as they were not allowed to brief the media, told reporters: "Sharaa will ask the Russian president to hand over all individuals."';
  const [q] = quotesOf(t, [SHARAA]);
  assert.equal(q.speaker, null);
  assert.equal(q.cue?.text, 'told');
  assert.equal(q.cue?.kind, 'unknown');
  assert.equal(q.speakerMention?.text, 'The official');
  const t2 = 'A Syrian government official who met Putin told AFP that Damascus would ask for "all those" who committed crimes.';
  const [q2] = quotesOf(t2, [PUTIN, org('AFP'), place('Damascus')]);
  assert.equal(q2.speaker, null);
  assert.equal(q2.speakerMention?.text, 'A Syrian government official');
});

test('a possessive description is not the possessor: "Putin\'s spokesman said"', () => {
  const [q] = quotesOf('"No comment," Putin\'s spokesman said.', [PUTIN]);
  assert.equal(q.speaker, null);
});

test('metonymy: a place or organisation as the attributed source', () => {
  const [a] = quotesOf('"We are ready to continue our role," Moscow said.', [MOSCOW]);
  assert.equal(a.speaker, 'Moscow');
  const [b] = quotesOf('Assad, who Russia says it is protecting on "humanitarian grounds," lives there.', [person('Assad'), RUSSIA]);
  assert.equal(b.speaker, 'Russia');
  const [c] = quotesOf('Al-Sharaa arrived where SANA said he will hold talks “on bilateral relations.”', [person('Al-Sharaa'), org('SANA')]);
  assert.equal(c.speaker, 'SANA');
});

test('continuation: consecutive quotes in a paragraph without a cue', () => {
  const t = '"We are very happy to see you," Putin said. "Welcome to Russia."\nOther paragraph.';
  const qs = quotesOf(t, [PUTIN]);
  assert.equal(qs[1].speaker, 'Vladimir Putin');
  assert.equal(qs[1].cue?.kind, 'continuation');
  // a partial quote later in the same sentence continues the speaker
  const qs2 = quotesOf('Lavrov said Moscow had given asylum for "humanitarian reasons" and that they live "in the capital."', [LAVROV, MOSCOW]);
  assert.deepEqual(qs2.map((q) => q.speaker), ['Sergei Lavrov', 'Sergei Lavrov']);
});

test('a quote-led paragraph with no cue continues the previous quote-led paragraph', () => {
  const t = '"We will win," Putin said.\n"The enemy will be defeated."';
  const qs = quotesOf(t, [PUTIN]);
  assert.equal(qs[1].speaker, 'Vladimir Putin');
  assert.equal(qs[1].cue?.kind, 'continuation');
});

test('no cue: speaker unknown rather than a guess', () => {
  const [q] = quotesOf('Putin arrived.\nRussia in 2020 placed HTS on its list of recognised "terrorists."', [PUTIN, RUSSIA, org('HTS')]);
  assert.equal(q.speaker, null);
  assert.equal(q.cue, undefined);
  // a new sentence after a quote ending with a full stop is not its attribution
  const [r] = quotesOf('The list named "terrorists." Lavrov said the bases would stay in place for years.', [LAVROV]);
  assert.equal(r.speaker, null);
});

test('participle clause: the subject of the sentence', () => {
  const t = 'Russian President Vladimir Putin welcomed his guest to the Kremlin, hailing the "deep ties that unite Russia and Syria".';
  const [q] = quotesOf(t, [PUTIN, org('Kremlin'), RUSSIA, SYRIA]);
  assert.equal(q.speaker, 'Vladimir Putin');
  const t2 = 'For his part, Sharaa, accompanied by a delegation, said he wanted to "redefine" relations, while also praising the "long-standing historic ties" with Russia.';
  const qs = quotesOf(t2, [SHARAA, RUSSIA]);
  assert.deepEqual(qs.map((q) => q.speaker), ['Ahmed al-Sharaa', 'Ahmed al-Sharaa']);
});

test('"what he called": the pronoun resolves to the subject, not the object of "told"', () => {
  const t = 'Putin told Sharaa that Moscow is committed to acting on what he called “many interesting and useful beginnings,” and praised the links.';
  const [q] = quotesOf(t, [PUTIN, SHARAA, MOSCOW]);
  assert.equal(q.speaker, 'Vladimir Putin');
});

test('headline quote: "Putin hails \'special relations\'"', () => {
  const [q] = quotesOf("Putin hails 'special relations'\nThe Russian leader spoke on Wednesday.", [PUTIN]);
  assert.equal(q.text, 'special relations');
  assert.equal(q.speaker, 'Vladimir Putin');
  assert.equal(q.partial, true);
});

test('nested quotes get no speaker of their own; the outer quote keeps its speaker', () => {
  const qs = quotesOf('"They call us \'terrorists\' but we are not," Sharaa said.', [SHARAA]);
  assert.equal(qs[0].speaker, 'Ahmed al-Sharaa');
  assert.equal(qs[1].nested, true);
  assert.equal(qs[1].speaker, null);
});

test('a name the recogniser missed is still used as the speaker', () => {
  const [q] = quotesOf('"We are watching closely," Kremlin spokesman Dmitry Peskov said.', []);
  assert.equal(q.speaker, 'Dmitry Peskov');
  assert.equal(q.speakerMention?.text, 'Dmitry Peskov');
});

test('unnamed plural sources: "analysts said", "Sources told Reuters"', () => {
  const [a] = quotesOf('"It is a pragmatic stance," analysts said.', []);
  assert.equal(a.speaker, null);
  const [b] = quotesOf('"He asked for support," Sources told Reuters.', [org('Reuters')]);
  assert.equal(b.speaker, null);
});

test('an immediate trailing cue wins over a verb of saying earlier in the sentence', () => {
  const t = 'Lavrov said the talks had failed, but "we are ready to continue," Putin said.';
  const [q] = quotesOf(t, [LAVROV, PUTIN]);
  assert.equal(q.speaker, 'Vladimir Putin');
});

test('appositive name between commas: "Iran\'s foreign ministry spokesman, Esmaeil Baghaei, called ..."', () => {
  const t = "Iran's foreign ministry spokesman, Esmaeil Baghaei, called the attack \"a crime\".";
  const [q] = quotesOf(t, [person('Esmaeil Baghaei'), place('Iran')]);
  assert.equal(q.speaker, 'Esmaeil Baghaei');
  const t2 = 'Mr. Zelensky, who met Mr. Biden last month, told CNN that Ukraine needed "more air defense, now."';
  const [q2] = quotesOf(t2, [person('Zelensky'), person('Biden'), org('CNN'), place('Ukraine')]);
  assert.equal(q2.speaker, 'Zelensky');
});

test('abbreviated titles count for descriptions: "Sen. Lindsey Graham" ... "the senator said"', () => {
  const t = '"Why now?" asked Sen. Lindsey Graham.\nThe senator said Congress should act "immediately."';
  const qs = quotesOf(t, [person('Lindsey Graham'), org('Congress')]);
  assert.deepEqual(qs.map((q) => q.speaker), ['Lindsey Graham', 'Lindsey Graham']);
  assert.equal(qs[0].cue?.kind, 'name-after');
  assert.equal(qs[1].cue?.kind, 'description');
});

test('a speaker name the recogniser missed is used for a later pronoun', () => {
  // Netanyahu is deliberately not in the context; Lavrov is (and comes earlier).
  const t2 = 'Lavrov was in Cairo.\nNetanyahu, in a video statement, vowed to "keep fighting." "Nothing will deter us," he said.';
  const qs2 = quotesOf(t2, [LAVROV, place('Cairo')]);
  assert.equal(qs2[0].speaker, 'Netanyahu');
  assert.equal(qs2[1].speaker, 'Netanyahu'); // the nearer speaker name wins over the older entity
});

test('a full stop after a title abbreviation does not end the sentence', () => {
  const [q] = quotesOf('Dr. Jane Goodall told the BBC that the forests were "disappearing fast."', [person('Jane Goodall'), org('BBC')]);
  assert.equal(q.speaker, 'Jane Goodall');
});

test('"it said" resolves to a nearby organisation; a dash attribution names the speaker', () => {
  const t = 'The Foreign Ministry issued a statement on Monday.\n"We reject these accusations," it said.';
  const [q] = quotesOf(t, [org('Foreign Ministry')]);
  assert.equal(q.speaker, 'Foreign Ministry');
  assert.equal(q.cue?.kind, 'pronoun');
  const [r] = quotesOf('"Peace is possible" — Vladimir Putin\nNext.', [PUTIN]);
  assert.equal(r.speaker, 'Vladimir Putin');
  assert.equal(r.cue?.kind, 'name-after');
});

test('an explicit unnamed speaker is not overridden by continuation or an earlier named cue', () => {
  const t = '"We are ready," Putin said. "We are not," an aide added.';
  const qs = quotesOf(t, [PUTIN]);
  assert.equal(qs[1].speaker, null);
  assert.equal(qs[1].cue?.text, 'added');
  const t2 = 'Putin said the talks had failed, and an aide told reporters that it was "a disaster."';
  const [q2] = quotesOf(t2, [PUTIN]);
  assert.equal(q2.speaker, null);
  assert.equal(q2.speakerMention?.text, 'an aide');
});

test('"X of Place, the majority leader, called ...": the person, not the place', () => {
  const t = 'Senator Chuck Schumer of New York, the majority leader, called the vote "a victory for the American people."';
  const [q] = quotesOf(t, [person('Chuck Schumer'), place('New York')]);
  assert.equal(q.speaker, 'Chuck Schumer');
});

test('a common plural mistaken for a name is not a speaker', () => {
  const [q] = quotesOf('Economists said the deal avoided "unnecessary damage."', [person('Economists')]);
  assert.equal(q.speaker, null);
});

test('"the Kremlin said" when the recogniser missed the name', () => {
  const [q] = quotesOf('The Kremlin said in a statement: "Any deployment will be met with a response."', []);
  assert.equal(q.speaker, 'Kremlin');
});

test('an unnamed subject right before the nearest verb stops the search for a speaker', () => {
  const t = 'Sharaa, who said last year that he wanted closer ties, arrived in Moscow where crowds chanted "welcome" at him.';
  const [q] = quotesOf(t, [SHARAA, MOSCOW]);
  assert.equal(q.speaker, null);
  assert.equal(q.speakerMention?.text, 'crowds');
});

test('a quote opening the paragraph after a line ending with a colon', () => {
  const t = 'Asked about the talks, Putin said:\n"We are ready for a settlement."\nOther news.';
  const [q] = quotesOf(t, [PUTIN]);
  assert.equal(q.speaker, 'Vladimir Putin');
  assert.equal(q.cue?.kind, 'colon');
});

test('"according to a statement from X": X is the source', () => {
  const [q] = quotesOf('"The talks were constructive," according to a statement from the Kremlin.', [org('Kremlin')]);
  assert.equal(q.speaker, 'Kremlin');
  assert.equal(q.cue?.kind, 'according-to');
});
