// One-edit typos of a known name at every position and of every kind, and the words that look
// like typos but are something else (demonyms, plurals, given names, ordinary words).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnnotationsModel, LoadedAnnotations } from '../../server/src/engine/annotations/api';
import { checkSource } from '../../server/src/engine/annotations/check';
import { isOneEditTypo, oneEditKind, typoGuard } from '../../server/src/engine/annotations/typos';
import { analyze } from '../../server/src/engine/analyze';

const NAME = 'Sharaa';

function typos(word: string): Array<{ kind: string; at: number; typo: string }> {
  const out: Array<{ kind: string; at: number; typo: string }> = [];
  for (let i = 0; i < word.length; i++) {
    out.push({ kind: 'dropped', at: i, typo: word.slice(0, i) + word.slice(i + 1) });
    out.push({ kind: 'doubled', at: i, typo: word.slice(0, i + 1) + word[i] + word.slice(i + 1) });
    const sub = word[i].toLowerCase() === 'e' ? 'o' : 'e';
    out.push({ kind: 'substituted', at: i, typo: word.slice(0, i) + sub + word.slice(i + 1) });
    if (i + 1 < word.length && word[i].toLowerCase() !== word[i + 1].toLowerCase()) out.push({ kind: 'swapped', at: i, typo: word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) });
  }
  // A typed word starts with a capital as the name does.
  const seen = new Set<string>();
  return out
    .map((t) => ({ ...t, typo: t.typo[0].toUpperCase() + t.typo.slice(1).toLowerCase() }))
    .filter((t) => t.typo.toLowerCase() !== word.toLowerCase() && !seen.has(t.typo) && seen.add(t.typo));
}

function model(entities: AnnotationsModel['entities']): LoadedAnnotations {
  const m: AnnotationsModel = { scale: [], sources: [], entities, claims: [], quotes: [], dismissals: [] };
  return { path: '/ws/annotations.yaml', text: '', model: m, problems: [] };
}

const SHARAA = model([{ id: 'sharaa', name: 'Ahmed al-Sharaa', type: 'person', aliases: [] }]);

test('oneEditKind names the edit: dropped, doubled, added, swapped, substituted', () => {
  assert.equal(oneEditKind('shara', 'sharaa'), 'dropped');
  assert.equal(oneEditKind('sharraa', 'sharaa'), 'doubled');
  assert.equal(oneEditKind('sharra', 'sharaa'), 'substituted');
  assert.equal(oneEditKind('sharaxa', 'sharaa'), 'added');
  assert.equal(oneEditKind('shaara', 'sharaa'), 'swapped');
  assert.equal(oneEditKind('sherza', 'sharaa'), null, 'two edits');
  assert.equal(oneEditKind('sharea', 'sharaa'), 'substituted');
  assert.equal(oneEditKind('sharaa', 'sharaa'), null);
});

test('every one-edit typo of a name word, at every position, is flagged (FM007) with the canonical spelling', () => {
  const all = typos(NAME);
  // every kind at every position it can occur
  for (const kind of ['dropped', 'doubled', 'substituted']) assert.equal(all.filter((t) => t.kind === kind).length >= NAME.length - 1, true, kind);
  assert.ok(all.some((t) => t.kind === 'swapped' && t.at === 0) && all.some((t) => t.kind === 'swapped' && t.at === NAME.length - 3));
  const missed: string[] = [];
  for (const t of all) {
    assert.equal(isOneEditTypo(t.typo, NAME, 'person') !== null, t.typo.length >= 5, `${t.kind}@${t.at} ${t.typo}`);
    if (t.typo.length < 5) continue;
    // In running text, on its own (the recogniser may or may not see a name) and in the full name.
    for (const text of [
      `Ahmed al-Sharaa arrived in Moscow on Monday. Later ${t.typo} told reporters the talks went well.`,
      `President Ahmed al-${t.typo} arrived in Moscow on Monday for talks.`,
    ]) {
      const f = checkSource({ path: '/ws/a.txt', text, analysis: analyze(text) }, [SHARAA]).filter((x) => x.code === 'FM007');
      const hit = f.find((x) => text.slice(x.start, x.end).includes(t.typo));
      if (!hit) missed.push(`${t.kind}@${t.at} "${t.typo}" in: ${text}`);
      else assert.match(String(hit.data?.replacement), /Sharaa/);
    }
  }
  assert.deepEqual(missed, []);
});

test('not typos: demonyms and adjectives of places, plurals, given names, ordinary words, other names', () => {
  const places = model([
    { id: 'syria', name: 'Syria', type: 'place', aliases: [] },
    { id: 'israel', name: 'Israel', type: 'place', aliases: [] },
    { id: 'korea', name: 'South Korea', type: 'place', aliases: [] },
    { id: 'maria', name: 'Maria Santos', type: 'person', aliases: [] },
    { id: 'baker', name: 'James Baker', type: 'person', aliases: [] },
  ]);
  const text = [
    'Syrian officials met Israeli and Korean envoys in Syria.',
    'Syrians voted. Marie Curie was mentioned by Maria Santos.',
    'Bakers protested outside, James Baker said.',
    'Later the Korea talks resumed.',
  ].join(' ');
  const f = checkSource({ path: '/ws/a.txt', text, analysis: analyze(text) }, [places]).filter((x) => x.code === 'FM007');
  assert.deepEqual(f.map((x) => text.slice(x.start, x.end)), []);
  assert.equal(typoGuard('syrian', 'syria', 'place'), 'a derived form (demonym or adjective)');
  assert.equal(typoGuard('syrians', 'syrian', 'place'), 'a plural or possessive form');
  assert.equal(typoGuard('marie', 'maria', 'person'), 'another given name');
  assert.equal(typoGuard('shar', 'shara', 'person'), 'too short to tell');
  // A person's name that happens to end like a derived form is still a typo ("Putinn" is doubled).
  assert.equal(isOneEditTypo('Putinn', 'Putin', 'person'), 'doubled');
  assert.equal(isOneEditTypo('Syriaa', 'Syria', 'place'), 'doubled');
});
