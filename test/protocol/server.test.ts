// Protocol tests: the bundled server (dist/server.js) spawned over stdio, driven with
// vscode-languageserver-protocol as an editor would. Two workspace folders: a temp copy of seeds/,
// and a "desk" folder whose story and annotations file are written here (known contents).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import {
  applyTextEdits,
  CLIENT_CAPABILITIES,
  copySeeds,
  decodeTokens,
  fileUri,
  LspClient,
  positionOf,
  positionOfText,
  tempWorkspace,
} from './harness';

const STORY = [
  'HARBORTON - Mayor Helena Markovic said on Tuesday that the new bridge cost 40 million euros, twice the original estimate.',
  '"We delivered the bridge on time and on budget," Markovic told reporters at City Hall.',
  'The city council voted 7-2 in March 2024 to order an audit of the project, which has cost 12 million euros more than planned.',
  'Council member Tomas Reyes said the audit would be published before the end of the year.',
  '',
].join('\n');

const ANNOTATIONS = [
  '# Desk annotations for the protocol tests.',
  '# This comment must survive every quick fix.',
  'version: 1',
  '',
  'sources:',
  '  - id: story',
  '    file: story.txt # the article under review',
  '    outlet: Harborton Herald',
  '',
  'entities:',
  '  - id: markovic',
  '    name: Helena Markovic',
  '    type: person',
  '    aliases: [Markovic]',
  '    description: Mayor of Harborton.',
  '  - id: reyes',
  '    name: Thomas Reyes # as on the council roll',
  '    type: person',
  '',
  'claims:',
  '  # refuted on purpose: the audit says otherwise',
  '  - id: on-budget',
  '    text: We delivered the bridge on time and on budget',
  '    source: story',
  '    verdict: "false"',
  '    explanation: The audit found the bridge cost twice the estimate.',
  '    evidence:',
  '      - source: story',
  '        passage: the new bridge cost 40 million euros, twice the original estimate',
  '        stance: contradicts',
  '  - id: audit-vote',
  '    text: The city council voted 7-2 in March 2024 to order an audit of the project',
  '    source: story',
  '    verdict: "true"',
  '    evidence:',
  '      - source: story',
  '        passage: The city council voted 7-2 in March 2024',
  '        stance: supports',
  '',
  'quotes:',
  '  - id: markovic-budget',
  '    speaker: markovic',
  '    text: We delivered the bridge on time and within budget.',
  '',
].join('\n');

describe('language server over stdio', () => {
  let client: LspClient;
  let root: string;
  let seedsDir: string;
  let deskDir: string;
  let seedUri: string;
  let seedText: string;
  let storyUri: string;
  let yamlUri: string;
  let legend: { tokenTypes: string[]; tokenModifiers: string[] };
  let initResult: any;

  before(async () => {
    root = tempWorkspace('factmark-protocol-');
    seedsDir = path.join(root, 'seeds');
    deskDir = path.join(root, 'desk');
    copySeeds(seedsDir);
    fs.mkdirSync(deskDir);
    fs.writeFileSync(path.join(deskDir, 'story.txt'), STORY);
    fs.writeFileSync(path.join(deskDir, 'annotations.yaml'), ANNOTATIONS);
    const seedName = fs.readdirSync(seedsDir).filter((n) => n.endsWith('.txt')).sort()[0];
    seedUri = fileUri(path.join(seedsDir, seedName));
    seedText = fs.readFileSync(path.join(seedsDir, seedName), 'utf8');
    storyUri = fileUri(path.join(deskDir, 'story.txt'));
    yamlUri = fileUri(path.join(deskDir, 'annotations.yaml'));

    client = new LspClient(['--stdio']);
    client.settings = { debounceMs: 20, maxFileSize: 200_000 };
    initResult = await client.request('initialize', {
      processId: process.pid,
      rootUri: fileUri(root),
      capabilities: CLIENT_CAPABILITIES,
      workspaceFolders: [
        { uri: fileUri(seedsDir), name: 'seeds' },
        { uri: fileUri(deskDir), name: 'desk' },
      ],
    });
    await client.notify('initialized', {});
    legend = initResult.capabilities.semanticTokensProvider.legend;
  });

  after(async () => {
    client?.kill();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('initialize announces incremental sync, semantic tokens, hover and the rest', () => {
    const caps = initResult.capabilities;
    assert.equal(caps.textDocumentSync.change, 2, 'incremental sync');
    assert.equal(caps.textDocumentSync.openClose, true);
    assert.deepEqual(legend.tokenTypes, ['person', 'place', 'organization', 'date', 'number', 'quote', 'speaker']);
    assert.ok(legend.tokenModifiers.includes('actor'));
    assert.equal(caps.semanticTokensProvider.full, true);
    assert.equal(caps.semanticTokensProvider.range, true);
    for (const p of ['hoverProvider', 'documentSymbolProvider', 'documentHighlightProvider', 'definitionProvider', 'referencesProvider']) {
      assert.equal(caps[p], true, p);
    }
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix']);
  });

  it('registers file watchers for the annotation globs', async () => {
    const reg = await client.waitFor((m) => m.method === 'client/registerCapability' && m.params.registrations.some((r: any) => r.method === 'workspace/didChangeWatchedFiles'), 'watcher registration');
    const watchers = reg.params.registrations.find((r: any) => r.method === 'workspace/didChangeWatchedFiles').registerOptions.watchers;
    assert.deepEqual(watchers.map((w: any) => w.globPattern), ['**/annotations.yaml', '**/*.annotations.yaml']);
  });

  it('publishes diagnostics of the annotations files found on disk at startup', async () => {
    const seen = await client.waitFor((m) => m.method === 'factmark/didAnalyze' && m.params.uri === yamlUri && m.params.kind === 'annotations', 'desk annotations analysed');
    assert.equal(seen.params.version, null);
    assert.deepEqual(client.diagnostics(yamlUri), [], 'the desk annotations file is valid');
  });

  it('didOpen a seed: semantic tokens mark "Vladimir Putin" as a person, never overlap or span lines', async () => {
    const since = client.mark();
    await client.open(seedUri, seedText, 'plaintext', 1);
    const done = await client.analyzed(seedUri, 1, since);
    assert.equal(done.params.kind, 'source');
    assert.equal(done.params.truncated, false);
    assert.ok(done.params.entities > 10, `entities found: ${done.params.entities}`);
    assert.ok(done.params.quotes > 2, `quotes found: ${done.params.quotes}`);

    const result = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: seedUri } });
    const tokens = decodeTokens(result.data, legend);
    const lines = seedText.split('\n');
    const textOf = (t: { line: number; char: number; length: number }) => lines[t.line].slice(t.char, t.char + t.length);
    const putin = tokens.find((t) => textOf(t) === 'Vladimir Putin');
    assert.ok(putin, `a token covers "Vladimir Putin": ${JSON.stringify(tokens.slice(0, 8))}`);
    assert.equal(putin!.type, 'person');
    assert.ok(tokens.some((t) => t.type === 'quote'), 'quotes are tokens');
    assert.ok(tokens.some((t) => t.type === 'place' && textOf(t) === 'Moscow'), 'Moscow is a place');
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      assert.ok(t.length > 0 && t.char + t.length <= lines[t.line].length, `token ${i} stays on its line`);
      if (i > 0) {
        const p = tokens[i - 1];
        assert.ok(p.line < t.line || p.char + p.length <= t.char, `tokens ${i - 1} and ${i} do not overlap`);
      }
    }
    // range request: only the first line
    const ranged = await client.request('textDocument/semanticTokens/range', {
      textDocument: { uri: seedUri },
      range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
    });
    const rangedTokens = decodeTokens(ranged.data, legend);
    assert.ok(rangedTokens.length > 0 && rangedTokens.every((t) => t.line === 0));
    assert.ok(rangedTokens.some((t) => textOf(t) === 'Vladimir Putin'));
  });

  it('hover on an entity: type, full name, mention count, spellings, annotated entity', async () => {
    const pos = positionOfText(seedText, 'Putin greeted', 1);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: seedUri }, position: pos });
    assert.ok(hover, 'a hover');
    assert.equal(hover.contents.kind, 'markdown');
    const md: string = hover.contents.value;
    assert.match(md, /\*\*Vladimir Putin\*\*/);
    assert.match(md, /Person/);
    assert.match(md, /Mentioned \d+ times/);
    assert.match(md, /Also written: .*Putin/);
    assert.match(md, /President of Russia/, 'the annotated description of the entity');
    assert.match(md, /wikidata\.org\/wiki\/Q7747/);
    assert.equal(hover.range.start.line, pos.line);
  });

  it('go to definition: from a mention in a seed to its entity in the seeds\' annotations file', async () => {
    const defs: any[] = await client.request('textDocument/definition', { textDocument: { uri: seedUri }, position: positionOfText(seedText, 'Vladimir Putin', 3) });
    const seedsYaml = path.join(seedsDir, 'annotations.yaml');
    // Most specific first: the entity; the claim whose sentence contains the name may follow.
    assert.ok(defs.length >= 1, JSON.stringify(defs));
    assert.ok(defs.every((d) => d.uri === fileUri(seedsYaml)), JSON.stringify(defs));
    const yamlLines = fs.readFileSync(seedsYaml, 'utf8').split('\n');
    assert.match(yamlLines[defs[0].range.start.line], /id: putin\b/);
    for (const d of defs.slice(1)) assert.match(yamlLines[d.range.start.line], /id: [\w.-]+/);
  });

  it('hover on a quote: the resolved speaker and the attribution cue', async () => {
    const pos = positionOfText(seedText, 'We are trying to restore', 5);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: seedUri }, position: pos });
    assert.ok(hover, 'a hover');
    const md: string = hover.contents.value;
    assert.match(md, /speaker: \*\*Ahmed Al Sharaa\*\*|speaker: \*\*Ahmed al-Sharaa\*\*/i);
    assert.match(md, /Attribution: “told/);
    assert.match(md, new RegExp(`line ${pos.line + 1}`));
  });

  it('document symbols: quotes grouped by speaker, entities grouped by type', async () => {
    const symbols: any[] = await client.request('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
    const quotes = symbols.find((s) => s.name === 'Quotes');
    const entities = symbols.find((s) => s.name === 'Entities');
    assert.ok(quotes && entities, symbols.map((s) => s.name).join(', '));
    const sharaa = quotes.children.find((s: any) => /Sharaa/.test(s.name));
    assert.ok(sharaa, `speakers: ${quotes.children.map((s: any) => s.name).join(', ')}`);
    assert.ok(sharaa.children.some((q: any) => q.name.includes('We are trying to restore')));
    const people = entities.children.find((s: any) => s.name === 'People');
    assert.ok(people, entities.children.map((s: any) => s.name).join(', '));
    const putin = people.children.find((s: any) => s.name === 'Vladimir Putin');
    assert.ok(putin, people.children.map((s: any) => s.name).join(', '));
    assert.match(putin.detail, /^\d+ mentions/);
    assert.ok(entities.children.some((s: any) => s.name === 'Places'));
  });

  it('document highlight: every mention of the entity under the cursor', async () => {
    const pos = positionOfText(seedText, 'Vladimir Putin', 10);
    const hl: any[] = await client.request('textDocument/documentHighlight', { textDocument: { uri: seedUri }, position: pos });
    const lines = seedText.split('\n');
    const texts = hl.map((h) => lines[h.range.start.line].slice(h.range.start.character, h.range.end.character));
    assert.ok(hl.length >= 5, `mentions: ${texts.join(', ')}`);
    assert.ok(texts.includes('Vladimir Putin') && texts.includes('Putin'));
  });

  it('incremental didChange: a new sentence shows in tokens, hover and symbols; stale versions are not published', async () => {
    const lines = seedText.split('\n');
    const endLine = lines.length - 1;
    const endChar = lines[endLine].length;
    const since = client.mark();
    const part1 = '\nGerman Chancellor Friedrich Merz said: "Europe will ';
    const part2 = 'stand by Syria."\n';
    await client.notify('textDocument/didChange', {
      textDocument: { uri: seedUri, version: 2 },
      contentChanges: [{ range: { start: { line: endLine, character: endChar }, end: { line: endLine, character: endChar } }, text: part1 }],
    });
    const after1 = positionOf(seedText + part1, (seedText + part1).length);
    await client.notify('textDocument/didChange', {
      textDocument: { uri: seedUri, version: 3 },
      contentChanges: [{ range: { start: after1, end: after1 }, text: part2 }],
    });
    await client.analyzed(seedUri, 3, since);
    const published = client.received.slice(since).filter((m) => m.params?.uri === seedUri);
    assert.ok(!published.some((m) => m.params.version === 2), 'version 2 was superseded before analysis and never published');
    assert.ok(published.some((m) => m.method === 'textDocument/publishDiagnostics' && m.params.version === 3));

    const newText = seedText + part1 + part2;
    const newLines = newText.split('\n');
    const tokens = decodeTokens((await client.request('textDocument/semanticTokens/full', { textDocument: { uri: seedUri } })).data, legend);
    const merz = tokens.find((t) => newLines[t.line].slice(t.char, t.char + t.length) === 'Friedrich Merz');
    assert.ok(merz, 'the new name is a token');
    assert.equal(merz!.type, 'person');

    const hover = await client.request('textDocument/hover', { textDocument: { uri: seedUri }, position: positionOfText(newText, 'Friedrich Merz', 3) });
    assert.match(hover.contents.value, /\*\*Friedrich Merz\*\*/);

    const quoteHover = await client.request('textDocument/hover', { textDocument: { uri: seedUri }, position: positionOfText(newText, 'will stand by', 2) });
    assert.match(quoteHover.contents.value, /speaker: \*\*Friedrich Merz\*\*/);

    const symbols: any[] = await client.request('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
    const quotes = symbols.find((s) => s.name === 'Quotes');
    assert.ok(quotes.children.some((s: any) => s.name === 'Friedrich Merz'), quotes.children.map((s: any) => s.name).join(', '));
  });

  it('diagnostics carry code, source, codeDescription, severity and data for quick fixes', async () => {
    const since = client.mark();
    await client.open(storyUri, STORY, 'plaintext', 1);
    await client.analyzed(storyUri, 1, since);
    const diags = client.diagnostics(storyUri, 1);
    const refuted = diags.find((d) => d.code === 'FM001');
    assert.ok(refuted, `codes: ${diags.map((d) => d.code).join(', ')}`);
    assert.equal(refuted.source, 'factmark');
    assert.equal(refuted.severity, 1);
    assert.match(refuted.codeDescription.href, /^file:.*README\.md#fm001$/);
    assert.equal(refuted.data.rule, 'claim-refuted');
    assert.equal(refuted.data.claimId, 'on-budget');
    assert.equal(refuted.data.uri, storyUri);
    assert.equal(refuted.data.annotationsPath, path.join(deskDir, 'annotations.yaml'));
    assert.deepEqual(refuted.range.start, positionOfText(STORY, 'We delivered the bridge'));

    // the claim's hover shows the verdict and the evidence
    const hover = await client.request('textDocument/hover', { textDocument: { uri: storyUri }, position: positionOfText(STORY, 'on time', 1) });
    assert.match(hover.contents.value, /False/);
    assert.match(hover.contents.value, /twice the original estimate/);

    // the quote's wording differs from the annotated wording: FM005 and a word diff in the hover
    const wording = diags.find((d) => d.code === 'FM005');
    assert.ok(wording, `codes: ${diags.map((d) => d.code).join(', ')}`);
    assert.equal(wording.data.quoteId, 'markovic-budget');
    const quoteHover = await client.request('textDocument/hover', { textDocument: { uri: storyUri }, position: positionOfText(STORY, 'delivered', 2) });
    const md: string = quoteHover.contents.value;
    assert.match(md, /^\*\*Quote\*\* — speaker: \*\*Helena Markovic\*\*/);
    assert.match(md, /Quote wording differs from the canonical wording/);
    assert.match(md, /~~within~~/);
    assert.match(md, /\*\*on\*\*/);

    // a supported claim makes no noise, but its hover shows the verdict and the evidence
    const auditLine = STORY.split('\n').findIndex((l) => l.startsWith('The city council'));
    assert.ok(!diags.some((d) => d.range.start.line === auditLine && /^FM00[1-4]$/.test(d.code)), 'no finding on the supported claim');
    const supported = await client.request('textDocument/hover', { textDocument: { uri: storyUri }, position: positionOfText(STORY, 'voted', 1) });
    assert.match(supported.contents.value, /True\*\* — rating 6\/6 · claim `audit-vote`/);
    assert.match(supported.contents.value, /supports/);

    // go to definition: from the claim to its YAML entry
    const defs: any[] = await client.request('textDocument/definition', { textDocument: { uri: storyUri }, position: positionOfText(STORY, 'on budget', 2) });
    const yamlLines = ANNOTATIONS.split('\n');
    const defLines = defs.filter((d) => d.uri === yamlUri).map((d) => d.range.start.line);
    assert.ok(defLines.includes(yamlLines.indexOf('  - id: on-budget')), JSON.stringify(defs));
    assert.ok(defLines.includes(yamlLines.indexOf('  - id: markovic-budget')), 'the quote entry too');
  });

  it('code actions for a spelling (FM007): use the canonical spelling, add it as an alias', async () => {
    const spelling = client.diagnostics(storyUri).find((d: any) => d.code === 'FM007');
    assert.ok(spelling, `codes: ${client.diagnostics(storyUri).map((d: any) => d.code).join(', ')}`);
    assert.equal(spelling.severity, 3);
    assert.equal(spelling.data.entityId, 'reyes');
    const hover = await client.request('textDocument/hover', { textDocument: { uri: storyUri }, position: spelling.range.start });
    assert.match(hover.contents.value, /not a recorded spelling of \*\*Thomas Reyes\*\*/);

    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: storyUri },
      range: spelling.range,
      context: { diagnostics: [spelling] },
    });
    const titles = actions.map((a) => a.title);
    const use = actions.find((a) => a.title === 'Use the canonical spelling “Thomas Reyes”');
    assert.ok(use, titles.join(' | '));
    assert.equal(use.isPreferred, true);
    const sourceChange = use.edit.documentChanges[0];
    assert.deepEqual(sourceChange.textDocument, { uri: storyUri, version: 1 });
    assert.equal(applyTextEdits(STORY, sourceChange.edits), STORY.replace('Tomas Reyes', 'Thomas Reyes'));

    const alias = actions.find((a) => a.title === 'Add “Tomas Reyes” as an alias of Thomas Reyes');
    assert.ok(alias, titles.join(' | '));
    const yamlEdits = alias.edit.changes[yamlUri];
    const updated = applyTextEdits(ANNOTATIONS, yamlEdits);
    assert.ok(updated.includes('    name: Thomas Reyes # as on the council roll'), 'the comment on the entity is kept');
    assert.ok(updated.startsWith('# Desk annotations for the protocol tests.'));
    const model = parseDocument(updated).toJS() as any;
    assert.deepEqual(model.entities.find((e: any) => e.id === 'reyes').aliases, ['Tomas Reyes']);
    assert.ok(titles.some((t) => /^Dismiss this finding \(FM\d{3} [a-z-]+\)$/.test(t)), titles.join(' | '));
  });

  it('find references from a YAML entity to its mentions in the sources', async () => {
    const line = ANNOTATIONS.split('\n').indexOf('  - id: markovic');
    const refs: any[] = await client.request('textDocument/references', {
      textDocument: { uri: yamlUri },
      position: { line, character: 10 },
      context: { includeDeclaration: false },
    });
    const inStory = refs.filter((r) => r.uri === storyUri);
    assert.ok(inStory.length >= 2, JSON.stringify(refs));
    const storyLines = STORY.split('\n');
    const texts = inStory.map((r) => storyLines[r.range.start.line].slice(r.range.start.character, r.range.end.character));
    assert.ok(texts.includes('Helena Markovic') && texts.includes('Markovic'), texts.join(', '));

    // a claim: where it stands in its source, plus the declaration when asked for
    const yamlLines = ANNOTATIONS.split('\n');
    const claimLine = yamlLines.indexOf('  - id: on-budget');
    const claimRefs: any[] = await client.request('textDocument/references', {
      textDocument: { uri: yamlUri },
      position: { line: claimLine, character: 10 },
      context: { includeDeclaration: true },
    });
    assert.ok(claimRefs.some((r) => r.uri === yamlUri && r.range.start.line === claimLine), 'the declaration');
    const inSource = claimRefs.filter((r) => r.uri === storyUri);
    assert.equal(inSource.length, 1, JSON.stringify(claimRefs));
    assert.deepEqual(inSource[0].range.start, positionOfText(STORY, 'We delivered the bridge'));

    // inside the YAML, a reference value goes to its definition (speaker: markovic → the entity)
    const speakerLine = yamlLines.indexOf('    speaker: markovic');
    const defs: any[] = await client.request('textDocument/definition', { textDocument: { uri: yamlUri }, position: { line: speakerLine, character: 15 } });
    assert.equal(defs.length, 1);
    assert.equal(defs[0].range.start.line, yamlLines.indexOf('  - id: markovic'));
  });

  it('diagnostics refresh when the YAML buffer is opened and edited (unsaved)', async () => {
    let since = client.mark();
    await client.open(yamlUri, ANNOTATIONS, 'yaml', 1);
    await client.analyzed(yamlUri, 1, since);
    assert.deepEqual(client.diagnostics(yamlUri, 1), []);

    // the desk changes its verdict in the buffer, without saving: the story's error goes away
    since = client.mark();
    const verdictLine = ANNOTATIONS.split('\n').indexOf('    verdict: "false"');
    await client.notify('textDocument/didChange', {
      textDocument: { uri: yamlUri, version: 2 },
      contentChanges: [{ range: { start: { line: verdictLine, character: 13 }, end: { line: verdictLine, character: 20 } }, text: 'misleading' }],
    });
    const yamlDone = await client.analyzed(yamlUri, 2, since);
    await client.analyzed(storyUri, 1, client.after(yamlDone));
    const codes = client.diagnostics(storyUri).map((d: any) => d.code);
    assert.ok(!codes.includes('FM001') && codes.includes('FM002'), codes.join(', '));
    const hover = await client.request('textDocument/hover', { textDocument: { uri: storyUri }, position: positionOfText(STORY, 'on budget', 1) });
    assert.match(hover.contents.value, /Misleading/);
    assert.doesNotMatch(hover.contents.value, /\*\*❌ False/);
    assert.equal(fs.readFileSync(path.join(deskDir, 'annotations.yaml'), 'utf8'), ANNOTATIONS, 'the disk copy was not touched');
  });

  it('a broken YAML buffer gets FM100 and a warning, and the last good annotations stay in force', async () => {
    const since = client.mark();
    const yamlLines = ANNOTATIONS.split('\n');
    const at = yamlLines.indexOf('claims:');
    await client.notify('textDocument/didChange', {
      textDocument: { uri: yamlUri, version: 3 },
      contentChanges: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: 'broken: [unclosed\n' }],
    });
    const yamlDone = await client.analyzed(yamlUri, 3, since);
    const yamlDiags = client.diagnostics(yamlUri, 3);
    assert.ok(yamlDiags.some((d: any) => d.code === 'FM100' && d.severity === 1), JSON.stringify(yamlDiags));
    const warning = await client.waitFor((m) => m.method === 'window/showMessage' && /annotations\.yaml/.test(m.params.message), 'broken-YAML warning', since);
    assert.equal(warning.params.type, 2);
    assert.match(warning.params.message, /last good/);
    await client.analyzed(storyUri, 1, client.after(yamlDone));
    const codes = client.diagnostics(storyUri).map((d: any) => d.code);
    assert.ok(codes.includes('FM002'), `the last good model (verdict misleading) still applies: ${codes.join(', ')}`);

    // a second broken edit does not warn again
    const since2 = client.mark();
    await client.notify('textDocument/didChange', {
      textDocument: { uri: yamlUri, version: 4 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# still broken\n' }],
    });
    const yamlDone4 = await client.analyzed(yamlUri, 4, since2);
    await client.analyzed(storyUri, 1, client.after(yamlDone4));
    assert.ok(!client.received.slice(since2).some((m) => m.method === 'window/showMessage'), 'one warning per break');

    // repair: replace the whole buffer with the original text
    const since3 = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: yamlUri, version: 5 }, contentChanges: [{ text: ANNOTATIONS }] });
    const yamlDone5 = await client.analyzed(yamlUri, 5, since3);
    assert.deepEqual(client.diagnostics(yamlUri, 5), []);
    await client.analyzed(storyUri, 1, client.after(yamlDone5));
    assert.ok(client.diagnostics(storyUri).some((d: any) => d.code === 'FM001'));
  });

  it('code action "Annotate this claim" returns a versioned WorkspaceEdit that keeps the comments', async () => {
    const diags = client.diagnostics(storyUri);
    const unsupported = diags.find((d: any) => d.code === 'FM004');
    assert.ok(unsupported, `codes: ${diags.map((d: any) => d.code).join(', ')}`);
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: storyUri },
      range: unsupported.range,
      context: { diagnostics: [unsupported], only: ['quickfix'] },
    });
    const annotate = actions.find((a) => a.title === 'Annotate this claim');
    assert.ok(annotate, actions.map((a) => a.title).join(', '));
    assert.ok(actions.some((a) => a.title.startsWith('Dismiss this finding (')));
    const change = annotate.edit.documentChanges[0];
    assert.equal(change.textDocument.uri, yamlUri);
    assert.equal(change.textDocument.version, 5, 'versioned against the open YAML buffer');
    const updated = applyTextEdits(ANNOTATIONS, change.edits);
    assert.ok(updated.includes('# This comment must survive every quick fix.'));
    assert.ok(updated.includes('  # refuted on purpose: the audit says otherwise'));
    assert.ok(updated.includes('file: story.txt # the article under review'));
    const doc = parseDocument(updated);
    assert.deepEqual(doc.errors, []);
    const claims = (doc.toJS() as any).claims;
    assert.equal(claims.length, 3);
    const storyLines = STORY.split('\n');
    const r = unsupported.range;
    assert.equal(claims[2].text, storyLines[r.start.line].slice(r.start.character, r.end.line === r.start.line ? r.end.character : undefined));
    assert.equal(claims[2].source, 'story');
    assert.equal(claims[2].status, 'draft');
  });

  it('code action "Dismiss this finding" on a YAML that is not open returns plain changes', async () => {
    // close the YAML buffer: edits then target the disk copy
    const since = client.mark();
    await client.notify('textDocument/didClose', { textDocument: { uri: yamlUri } });
    await client.waitFor((m) => m.method === 'factmark/didAnalyze' && m.params.uri === yamlUri && m.params.version === null, 'YAML back to disk', since);
    const refuted = client.diagnostics(storyUri).find((d: any) => d.code === 'FM001');
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: storyUri },
      range: refuted.range,
      context: { diagnostics: [refuted] },
    });
    const dismiss = actions.find((a) => a.title.startsWith('Dismiss this finding ('));
    assert.ok(dismiss, actions.map((a) => a.title).join(', '));
    const edits = dismiss.edit.changes[yamlUri];
    const updated = applyTextEdits(ANNOTATIONS, edits);
    assert.ok(updated.startsWith('# Desk annotations for the protocol tests.\n# This comment must survive every quick fix.'));
    const model = parseDocument(updated).toJS() as any;
    assert.equal(model.dismissals.length, 1);
    assert.equal(model.dismissals[0].code, 'FM001');
    assert.equal(model.dismissals[0].file, 'story.txt');
    assert.equal(model.dismissals[0].text, 'We delivered the bridge on time and on budget');
  });

  it('an annotations file changed on disk (watched files) re-checks the open sources', async () => {
    // record the dismissal on disk, as if the edit had been applied and saved
    const yamlPath = path.join(deskDir, 'annotations.yaml');
    const refuted = client.diagnostics(storyUri).find((d: any) => d.code === 'FM001');
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: storyUri }, range: refuted.range, context: { diagnostics: [refuted] } });
    const dismiss = actions.find((a) => a.title.startsWith('Dismiss this finding ('));
    fs.writeFileSync(yamlPath, applyTextEdits(fs.readFileSync(yamlPath, 'utf8'), dismiss.edit.changes[yamlUri]));
    const since = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: yamlUri, type: 2 }] });
    const rechecked = await client.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === storyUri && !m.params.diagnostics.some((d: any) => d.code === 'FM001'),
      'the story re-checked without the dismissed FM001',
      since,
    );
    assert.ok(rechecked.params.diagnostics.some((d: any) => d.code === 'FM004'), 'other findings stay');

    // a new annotations file appearing in a folder is picked up too (and a deleted one dropped)
    const extra = path.join(seedsDir, 'extra.annotations.yaml');
    fs.writeFileSync(extra, 'version: 1\nentities:\n  - id: nobody\n    name: [not a string\n');
    const since2 = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(extra), type: 1 }] });
    await client.waitFor((m) => m.method === 'factmark/didAnalyze' && m.params.uri === fileUri(extra), 'new YAML analysed', since2);
    assert.ok(client.diagnostics(fileUri(extra)).some((d: any) => d.code === 'FM100'));
    fs.unlinkSync(extra);
    const since3 = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(extra), type: 3 }] });
    await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === fileUri(extra) && m.params.diagnostics.length === 0, 'diagnostics of the deleted YAML cleared', since3);
  });

  it('a folder added to the workspace without annotations: "Annotate this claim" creates the file', async () => {
    const fresh = path.join(root, 'fresh');
    fs.mkdirSync(fresh);
    const note = 'The port handled 2.5 million containers in 2023, more than any other port in the region.\n';
    fs.writeFileSync(path.join(fresh, 'note.txt'), note);
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: fileUri(fresh), name: 'fresh' }], removed: [] } });
    const noteUri = fileUri(path.join(fresh, 'note.txt'));
    const since = client.mark();
    await client.open(noteUri, note, 'plaintext', 1);
    const done = await client.analyzed(noteUri, 1, since);
    assert.equal(done.params.annotationsPath, null);
    const claim = client.diagnostics(noteUri, 1).find((d: any) => d.code === 'FM004');
    assert.ok(claim, 'the figure-laden sentence is an unsupported claim');
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: noteUri }, range: claim.range, context: { diagnostics: [claim] } });
    const annotate = actions.find((a) => a.title === 'Annotate this claim');
    assert.ok(annotate, actions.map((a) => a.title).join(', '));
    const [create, edit] = annotate.edit.documentChanges;
    const target = fileUri(path.join(fresh, 'annotations.yaml'));
    assert.deepEqual(create, { kind: 'create', uri: target, options: { ignoreIfExists: true } });
    assert.deepEqual(edit.textDocument, { uri: target, version: null });
    const created = applyTextEdits('', edit.edits);
    const doc = parseDocument(created);
    assert.deepEqual(doc.errors, []);
    const model = doc.toJS() as any;
    assert.equal(model.sources[0].file, 'note.txt');
    assert.equal(model.claims[0].text, note.trim());
    assert.equal(model.claims[0].source, model.sources[0].id);
    assert.ok(!fs.existsSync(path.join(fresh, 'annotations.yaml')), 'the server never writes files itself');
  });

  it('a document over factmark.maxFileSize is skipped with one FM900 notice', async () => {
    const bigUri = fileUri(path.join(seedsDir, 'big.txt'));
    const big = (seedText + '\n').repeat(Math.ceil(250_000 / seedText.length));
    const since = client.mark();
    await client.open(bigUri, big, 'plaintext', 1);
    const done = await client.analyzed(bigUri, 1, since);
    assert.equal(done.params.truncated, true);
    assert.equal(done.params.entities, 0);
    const diags = client.diagnostics(bigUri, 1);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, 'FM900');
    assert.equal(diags[0].severity, 3);
    assert.equal(diags[0].range.start.line, 0);
    const notice = await client.waitFor((m) => m.method === 'window/showMessage' && /big\.txt/.test(m.params.message), 'size notice', since);
    assert.match(notice.params.message, /factmark\.maxFileSize/);

    const since2 = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: bigUri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    await client.analyzed(bigUri, 2, since2);
    assert.ok(!client.received.slice(since2).some((m) => m.method === 'window/showMessage'), 'the notice is shown once per document');
    const tokens = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: bigUri } });
    assert.deepEqual(tokens.data, []);
  });

  it('settings: a severity override and "off" apply after didChangeConfiguration', async () => {
    assert.ok(client.diagnostics(storyUri).some((d: any) => d.code === 'FM004' && d.severity === 3));
    client.settings = { debounceMs: 20, maxFileSize: 200_000, diagnostics: { severity: { FM004: 'hint' } } };
    let since = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { factmark: client.settings } });
    // wait for the story's diagnostics under the new settings (a re-check queued earlier may land first)
    const isStory = (m: any) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === storyUri;
    const fm004 = (m: any) => m.params.diagnostics.filter((d: any) => d.code === 'FM004');
    await client.waitFor((m) => isStory(m) && fm004(m).length > 0 && fm004(m).every((d: any) => d.severity === 4), 'FM004 as hints', since);

    client.settings = { debounceMs: 20, maxFileSize: 200_000, diagnostics: { severity: { FM004: 'off' } } };
    since = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { factmark: client.settings } });
    await client.waitFor((m) => isStory(m) && fm004(m).length === 0, 'FM004 off', since);
  });

  it('rewriting an annotated sentence in the source buffer orphans its claim in the YAML (FM104)', async () => {
    const line = STORY.split('\n').findIndex((l) => l.startsWith('"We delivered'));
    const since = client.mark();
    await client.notify('textDocument/didChange', {
      textDocument: { uri: storyUri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: STORY.split('\n')[line].length } }, text: 'The mayor declined to comment.' }],
    });
    const orphaned = await client.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === yamlUri && m.params.diagnostics.some((d: any) => d.code === 'FM104'),
      'FM104 in the annotations file',
      since,
    );
    const d = orphaned.params.diagnostics.find((x: any) => x.code === 'FM104');
    const yamlLines = fs.readFileSync(path.join(deskDir, 'annotations.yaml'), 'utf8').split('\n');
    assert.match(yamlLines[d.range.start.line], /text: We delivered the bridge/);
    assert.equal(d.data.rule, 'annotations-orphan');
  });

  it('shutdown and exit end the process with code 0', async () => {
    await client.request('shutdown', null);
    await client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });
});
