// End-to-end: analyze() on the five sample articles, checking the speakers of key quotes.
// (Uses the real entity recogniser; the quote unit tests build their context by hand.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import type { Quote } from '../../server/src/engine/types';

function seedsDir(): string {
  for (const d of [path.resolve(__dirname, '../../../seeds'), path.resolve(__dirname, '../../seeds'), path.resolve(process.cwd(), 'seeds')]) {
    if (fs.existsSync(d)) return d;
  }
  throw new Error('seeds/ folder not found');
}

function quotesOfSeed(prefix: string): { text: string; quotes: Quote[] } {
  const dir = seedsDir();
  const file = fs.readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  assert.ok(file, `seed ${prefix} not found`);
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  return { text, quotes: analyze(text).quotes };
}

function q(quotes: Quote[], prefix: string): Quote {
  const found = quotes.find((x) => x.text.startsWith(prefix));
  assert.ok(found, `no quote starting with ${JSON.stringify(prefix)}; have ${JSON.stringify(quotes.map((x) => x.text.slice(0, 30)))}`);
  return found;
}

test('seed 000 (AFP): speakers of the main quotes', () => {
  const { text, quotes } = quotesOfSeed('000');
  for (const x of quotes) assert.equal(text.slice(x.start, x.end), x.text);
  assert.match(q(quotes, 'We are trying to restore and redefine').speaker ?? '', /Sharaa/);
  assert.match(q(quotes, 'We have granted asylum').speaker ?? '', /Lavrov/);
  assert.match(q(quotes, 'Russian companies have been working').speaker ?? '', /Novak/);
  assert.match(q(quotes, 'Our companies are interested').speaker ?? '', /Novak/);
  const respect = q(quotes, 'We respect all previous agreements');
  assert.match(respect.speaker ?? '', /Sharaa/);
  assert.equal(respect.cue?.kind, 'colon');
  // headline "Putin hails 'special relations'" and "The Russian leader hailed "special relations""
  const special = quotes.filter((x) => x.text === 'special relations');
  assert.equal(special.length, 2);
  for (const s of special) assert.match(s.speaker ?? '', /Putin/);
  assert.equal(special[1].cue?.kind, 'description');
  // the unnamed official: speaker unknown, cue recorded
  const official = q(quotes, 'Sharaa will ask the Russian president');
  assert.equal(official.speaker, null);
  assert.equal(official.cue?.text, 'told');
  // the redefine partial quote
  const redefine = q(quotes, 'redefine');
  assert.equal(redefine.partial, true);
  assert.match(redefine.speaker ?? '', /Sharaa/);
  // apostrophes (Russia's, Sharaa's, countries') never open quotes
  for (const x of quotes) assert.ok(!x.text.startsWith('s '), `apostrophe taken as a quote: ${x.text}`);
});

test('seed 001 (AFP English): pronoun and trailing attributions', () => {
  const { quotes } = quotesOfSeed('001');
  assert.match(q(quotes, 'Throughout all these decades').speaker ?? '', /Putin/);
  assert.match(q(quotes, 'We are very happy to see you').speaker ?? '', /Putin/);
  const added = q(quotes, 'We respect all previous agreements and this great history');
  assert.match(added.speaker ?? '', /Sharaa/);
  assert.equal(added.cue?.kind, 'pronoun');
  assert.equal(added.speakerMention?.text, 'he');
  assert.match(q(quotes, 'There are deposits').speaker ?? '', /Novak/);
  assert.match(q(quotes, 'purely humanitarian reasons').speaker ?? '', /Lavrov/);
  assert.equal(q(quotes, 'all those').speaker, null);
});

test('seed 002: description "The Syrian president" resolves to the interim president', () => {
  const { quotes } = quotesOfSeed('002');
  assert.match(q(quotes, 'We are trying to renew').speaker ?? '', /Shareh|Sharaa/);
  const ties = q(quotes, 'old historical ties');
  assert.match(ties.speaker ?? '', /Shareh|Sharaa/);
  assert.equal(ties.cue?.kind, 'description');
  assert.match(q(quotes, 'Throughout all these decades').speaker ?? '', /Putin/);
  assert.match(q(quotes, 'deep ties that unite').speaker ?? '', /Putin/);
});

test('seed 003: curly-quoted quote from an unnamed official has no speaker', () => {
  const { text, quotes } = quotesOfSeed('003');
  const official = q(quotes, 'al-Sharaa will ask the Russian president');
  assert.equal(official.speaker, null);
  assert.equal(text[official.open], '“');
  assert.equal(text[official.close!], '”');
  assert.match(q(quotes, 'on bilateral relations').speaker ?? '', /SANA/);
  // al-Assad’s / Moscow’s are apostrophes
  assert.equal(quotes.length, 2);
});

test('seed 004: "what he called" resolves to Putin; headline quote found', () => {
  const { quotes } = quotesOfSeed('004');
  assert.match(q(quotes, 'many interesting and useful beginnings').speaker ?? '', /Putin/);
  const head = q(quotes, 'Redefining');
  assert.equal(head.partial, true);
});
