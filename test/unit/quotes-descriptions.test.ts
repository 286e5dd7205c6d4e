// Speaker attribution through descriptions, ages, embedded partial quotes and unusual names
// (texts written for the tests; the full engine, so entity recognition is part of what is tested).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { org, person, quotesOf } from './quotes-helpers';

function speakerOf(text: string, quoteStart: string): string | null {
  const q = analyze(text).quotes.find((x) => x.text.startsWith(quoteStart));
  assert.ok(q, `no quote starting "${quoteStart}"`);
  return q.speaker;
}

test('"Great," said John Smith. is a whole quote, not a partial one', () => {
  const [q] = analyze('"Great," said John Smith.').quotes;
  assert.equal(q.text, 'Great,');
  assert.equal(q.partial, false);
  assert.equal(q.speaker, 'John Smith');
});

test('organisation + role description: "the European Commission president said"', () => {
  const t =
    'European Commission President Ursula von der Leyen arrived in Brussels. Prime Minister Giorgia Meloni met her there. "We are ready," the European Commission president said.';
  assert.equal(speakerOf(t, 'We are ready'), 'Ursula von der Leyen');
});

test('"the company\'s chief executive" is the person introduced as chief executive', () => {
  const t =
    'The utility\'s chief executive, Thomas Breckner, said on Sunday it was cooperating. Fire Marshal Robert Okafor disagreed. "We will own that," the company\'s chief executive said.';
  assert.equal(speakerOf(t, 'We will own that'), 'Thomas Breckner');
});

test('"the BMW boss" and "the chief financial officer" pick the person with that company or role', () => {
  const t =
    'BMW chief executive Oliver Zipse and chief financial officer Walter Mertl met investors. "Protectionism hurts everyone," the BMW boss said. "Margins held up," the chief financial officer said.';
  assert.equal(speakerOf(t, 'Protectionism'), 'Oliver Zipse');
  assert.equal(speakerOf(t, 'Margins'), 'Walter Mertl');
});

test('an indefinite description ("an ASML spokesperson") names nobody, even when a spokesperson was named', () => {
  const t = [
    { text: '"We oppose this," spokesperson Li Qiang said.', names: [person('Li Qiang', 'Li')] },
  ];
  const text = t[0].text + ' An ASML spokesperson said the company expected "no material impact" on its outlook.';
  const qs = quotesOf(text, [...t[0].names, org('ASML')]);
  assert.equal(qs[0].speaker, 'Li Qiang');
  assert.equal(qs[1].speaker, null);
});

test('"the 54-year-old said" is the person introduced with that age', () => {
  const t =
    'Margaret Oyelaran, 54, denied the charge. Her neighbour, Peter Hall, 61, gave evidence. Giving evidence last month, the 54-year-old said: "I did everything I could."';
  assert.equal(speakerOf(t, 'I did everything'), 'Margaret Oyelaran');
  const t2 = 'Peter Hall, 61, and Maria Lopez, 34, were both evacuated. "We lost everything," said the 61-year-old.';
  assert.equal(speakerOf(t2, 'We lost'), 'Peter Hall');
  // No one of that age: nobody.
  assert.equal(speakerOf('Peter Hall, 61, spoke first. "Enough," the 40-year-old said.', 'Enough'), null);
});

test('a capitalised "He" inside a sentence before a name is a family name, not a pronoun', () => {
  const t =
    'Ursula von der Leyen defended the duties. A spokeswoman for the Commerce Ministry, He Yongqian, said Beijing had responded. "This is a normal investigation," she said.';
  const a = analyze(t);
  assert.ok(a.entities.some((e) => e.type === 'person' && e.text === 'He Yongqian'));
  assert.equal(speakerOf(t, 'This is a normal'), 'He Yongqian');
  // Sentence-initial "He" stays a pronoun.
  assert.ok(!analyze('John Smith spoke. He Said nothing.').entities.some((e) => e.text.startsWith('He')));
});

test('a partial quote with no verb of saying belongs to the sentence subject', () => {
  const t = 'Egyptian Foreign Minister Badr Abdelatty opened the meeting by calling for "a Syrian-led process" in Damascus.';
  assert.equal(speakerOf(t, 'a Syrian-led'), 'Badr Abdelatty');
  // Another person between the subject and the quote: no guess.
  const t2 = 'Badr Abdelatty met Sergei Lavrov and praised the "deep ties" between them.';
  assert.equal(speakerOf(t2, 'deep ties'), null);
});

test('pronouns alternate between two people of the same gender by the nearest speaker', () => {
  const t =
    'Prosecutor Daniel Marsh told jurors the defendant lied. "It was a lie," he said. Defence lawyer Tom Hill disagreed. "There was no lie," Hill said. "My client told the truth," he said.';
  assert.equal(speakerOf(t, 'It was a lie'), 'Daniel Marsh');
  assert.equal(speakerOf(t, 'My client'), 'Tom Hill');
});

test('"said one resident, Joan Miller, 72": the name in apposition to the description speaks', () => {
  const t = '"It\'s a disaster," said one resident, Joan Miller, 72. "We have lost everything."';
  assert.equal(speakerOf(t, "It's a disaster"), 'Joan Miller');
  assert.equal(speakerOf(t, 'We have lost'), 'Joan Miller');
});

test('a lower-case modifier the person lacks ("the shadow chancellor") does not pick the chancellor', () => {
  const t = 'Rachel Reeves, the chancellor, defended the budget. "We made tough choices," Reeves told MPs. "Families will pay," the shadow chancellor said.';
  assert.notEqual(speakerOf(t, 'Families will pay'), 'Rachel Reeves');
});

test('a nationality in a description needs the same role word when the titles do not give one', () => {
  const t = 'President Emmanuel Macron and Chancellor Friedrich Merz met on Friday. "We agree," the French leader said. "We must move faster," the German chancellor said.';
  assert.notEqual(speakerOf(t, 'We agree'), 'Friedrich Merz');
  assert.equal(speakerOf(t, 'We must move'), 'Friedrich Merz');
});

test('a whole-paragraph quote with no cue continues the reported speech of the paragraph before', () => {
  const t = 'Health Secretary Wes Streeting said the strike was unjustified.\n\n"It cannot work. Nobody believes it will."\n\nThe union rejected that.';
  assert.equal(speakerOf(t, 'It cannot work'), 'Wes Streeting');
  const t2 = 'Wes Streeting visited a hospital in Leeds.\n\n"It cannot work. Nobody believes it will."';
  assert.equal(speakerOf(t2, 'It cannot work'), null);
});
