// Protocol tests for what a reader sees in hovers and highlighting (issue 10): resolved dates, the
// annotated type of an entity, one line for the claim around a name, word diffs that keep their
// spaces, a misspelt name linked to its entity, factmark.highlight.types and the token modifiers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLIENT_CAPABILITIES, copySeeds, decodeTokens, fileUri, LspClient, positionOfText, tempWorkspace } from './harness';

describe('hovers and highlighting a reader sees', () => {
  let client: LspClient;
  let root: string;
  let legend: { tokenTypes: string[]; tokenModifiers: string[] };
  const seeds: Record<string, { uri: string; text: string }> = {};

  const hoverAt = async (name: string, needle: string, delta = 0): Promise<string> => {
    const s = seeds[name];
    const h = await client.request('textDocument/hover', { textDocument: { uri: s.uri }, position: positionOfText(s.text, needle, delta) });
    assert.ok(h, `a hover at "${needle}"`);
    return (h.contents.value as string).replace(/\\([()])/g, '$1'); // Markdown-escaped parentheses
  };
  const tokensOf = async (name: string) => {
    const s = seeds[name];
    const r = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: s.uri } });
    const lines = s.text.split('\n');
    return decodeTokens(r.data, legend).map((t) => ({ ...t, text: lines[t.line].slice(t.char, t.char + t.length) }));
  };

  before(async () => {
    root = tempWorkspace('factmark-polish-');
    const dir = path.join(root, 'seeds');
    const names = copySeeds(dir).filter((n) => n.endsWith('.txt'));
    client = new LspClient(['--stdio']);
    client.settings = { debounceMs: 20 };
    const init = await client.request('initialize', {
      processId: process.pid,
      rootUri: fileUri(dir),
      capabilities: CLIENT_CAPABILITIES,
      workspaceFolders: [{ uri: fileUri(dir), name: 'seeds' }],
    });
    legend = init.capabilities.semanticTokensProvider.legend;
    await client.notify('initialized', {});
    for (const n of names.slice(0, 3)) {
      const uri = fileUri(path.join(dir, n));
      const text = fs.readFileSync(path.join(dir, n), 'utf8');
      seeds[n.slice(0, 3)] = { uri, text };
      const since = client.mark();
      await client.open(uri, text, 'plaintext', 1);
      await client.analyzed(uri, 1, since);
    }
    // A new draft in the same folder (not listed in the annotations), with a misspelt name.
    const draft = 'MOSCOW, 15 October 2025 - Ahmed al-Shara met Vladimir Putin on Monday.\n';
    const uri = fileUri(path.join(dir, 'draft.txt'));
    seeds.draft = { uri, text: draft };
    const since = client.mark();
    await client.open(uri, draft, 'plaintext', 1);
    await client.analyzed(uri, 1, since);
  });

  after(() => {
    client?.kill();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('a relative date shows its resolved day, against the source\'s publication date', async () => {
    const md = await hoverAt('000', 'Wednesday', 2);
    assert.match(md, /Wednesday → \*\*Wed 15 Oct 2025\*\* \(`2025-10-15`\)/);
    assert.match(md, /published 2025-10-15 \(Agence France-Presse\), from the annotations/);
    const dec = await hoverAt('000', 'last December', 6);
    assert.match(dec, /last December → \*\*Dec 2024\*\* \(`2024-12`\)/);
    // A draft the annotations do not list: the dateline date is the reference.
    const monday = await hoverAt('draft', 'Monday', 1);
    assert.match(monday, /Monday → \*\*Mon 13 Oct 2025\*\*[\s\S]*the dateline date 2025-10-15/);
  });

  it('the annotations\' type wins: "Kremlin" recorded as a place is a Place in the hover and the tokens', async () => {
    const md = await hoverAt('000', 'Kremlin', 2);
    assert.match(md, /^\*\*Kremlin\*\* — Place/);
    assert.match(md, /Annotations: \*\*\[Kremlin\]\(file:\/\/[^)]*annotations\.yaml#L\d+\)\*\* \(`kremlin`, place\)/);
    const k = (await tokensOf('000')).filter((t) => t.text === 'Kremlin');
    assert.ok(k.length > 0 && k.every((t) => t.type === 'place'), JSON.stringify(k));
    assert.ok(k.every((t) => t.modifiers.includes('annotated')));
  });

  it('a name inside an annotated claim: the entity, then one line for the claim with a link (not the verdict and evidence)', async () => {
    const line = seeds['000'].text.split('\n').find((l) => l.startsWith('Al Sharaa said before the meeting'))!;
    assert.ok(line);
    const md = await hoverAt('000', line, 2);
    assert.match(md, /^\*\*Ahmed Al Sharaa\*\* — Person/);
    assert.match(md, /In a claim rated ⚠️ \*\*Mixed\*\* — .*\[open claim agreements-timing\]\(file:\/\/[^)]*annotations\.yaml#L\d+\)/);
    assert.doesNotMatch(md, /\*\*Evidence\*\*|Reviewed by/);
    // Outside the name, the sentence's hover still has the whole verdict and evidence.
    const full = await hoverAt('000', 'before the meeting: "We respect', 3);
    assert.match(full, /\*\*Evidence\*\*/);
  });

  it('the quote word diff keeps spaces between what was left out and what replaced it', async () => {
    const md = await hoverAt('002', 'renew and redefine', 3);
    const diff = md.split('\n').find((l) => l.startsWith('> ') && /~~/.test(l))!;
    assert.ok(diff, md);
    const plain = diff.replace(/~~|\*\*/g, '');
    assert.doesNotMatch(plain, /therethat|isSyria|forenjoy|restorerenew/);
    assert.match(diff, /~~restore~~ \*\*renew\*\*/);
    // A recorded outlet variant: a hint, and the hover says the desk knows it, with the note.
    assert.match(md, /\*\*Recorded variant\*\* \(unknown portal \(translated AP\/AFP copy\)\): the desk already knows this wording — .*renew/);
    const d = client.diagnostics(seeds['002'].uri).find((x: any) => x.code === 'FM005' && /renew/.test(x.data.found));
    assert.equal(d.severity, 4, 'FM005 on a recorded variant is a hint');
  });

  it('a misspelt name ("Ahmed al-Shara") is flagged and its hover links to the annotated entity', async () => {
    const d = client.diagnostics(seeds.draft.uri).find((x: any) => x.code === 'FM007');
    assert.ok(d, JSON.stringify(client.diagnostics(seeds.draft.uri)));
    assert.equal(d.data.replacement, 'Ahmed al-Sharaa');
    const md = await hoverAt('draft', 'al-Shara', 4);
    assert.match(md, /Annotations: \*\*\[Ahmed al-Sharaa\]\(file:\/\/[^)]*annotations\.yaml#L\d+\)\*\* \(`sharaa`, person\)/);
    assert.match(md, /“Ahmed al-Shara” is not a recorded spelling/);
  });

  it('token modifiers let themes tone mentions down; factmark.highlight.types picks the highlighted types', async () => {
    for (const m of ['repeated', 'quoted', 'annotated']) assert.ok(legend.tokenModifiers.includes(m), m);
    const all = await tokensOf('000');
    const putins = all.filter((t) => t.type === 'person' && /Putin/.test(t.text));
    assert.ok(!putins[0].modifiers.includes('repeated') && putins.slice(1).every((t) => t.modifiers.includes('repeated')), JSON.stringify(putins));
    assert.ok(all.some((t) => t.type === 'number') && all.some((t) => t.type === 'date'));

    client.settings = { debounceMs: 20, highlight: { types: ['person', 'quote'] } };
    const since = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { factmark: client.settings } });
    await client.analyzed(seeds['000'].uri, 1, since);
    const some = await tokensOf('000');
    assert.deepEqual([...new Set(some.map((t) => t.type))].sort(), ['person', 'quote']);
    client.settings = { debounceMs: 20 };
  });
});
