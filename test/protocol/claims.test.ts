// Protocol test of claim matching: a writer's draft opened in the server (an unsaved-to-disk buffer
// in the seeds folder) gets FM001 on a paraphrase of the refuted claim and nothing on a hard
// negative (the accurate title); the hover explains the match; the quick fixes edit the YAML with
// its comments kept; factmark/checkWorkspace publishes diagnostics for files that are not open.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyTextEdits, CLIENT_CAPABILITIES, copySeeds, fileUri, LspClient, positionOfText, tempWorkspace } from './harness';

const PARAPHRASE = 'Alexander Novak, a Russian deputy minister, told reporters the talks had gone well.';
const NEGATIVE = 'Russian Deputy Prime Minister Alexander Novak said the delegations discussed energy.';
const DRAFT = `# Notes for Thursday\n\n${PARAPHRASE}\n\n${NEGATIVE}\n`;

describe('claim matching over the protocol', () => {
  let client: LspClient;
  let root: string;
  let seedsDir: string;
  let draftUri: string;

  before(async () => {
    root = tempWorkspace('factmark-claims-');
    seedsDir = path.join(root, 'seeds');
    copySeeds(seedsDir);
    fs.writeFileSync(path.join(seedsDir, 'later.md'), `${NEGATIVE}\n\nRussian Deputy Minister Alexander Novak said the delegations discussed oil.\n`);
    draftUri = fileUri(path.join(seedsDir, 'notes.md'));
    client = new LspClient(['--stdio']);
    client.settings = { debounceMs: 20 };
    await client.request('initialize', { processId: process.pid, rootUri: fileUri(seedsDir), capabilities: CLIENT_CAPABILITIES, workspaceFolders: [{ uri: fileUri(seedsDir), name: 'seeds' }] });
    await client.notify('initialized', {});
  });

  after(() => {
    client?.kill();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('a draft gets FM001 on the refuted paraphrase and nothing on the hard negative', async () => {
    const since = client.mark();
    await client.open(draftUri, DRAFT, 'markdown');
    await client.analyzed(draftUri, 1, since);
    const diags = client.diagnostics(draftUri, 1);
    const lineOf = (s: string) => DRAFT.slice(0, DRAFT.indexOf(s)).split('\n').length - 1;
    const onPara = diags.filter((d: any) => d.range.start.line === lineOf(PARAPHRASE));
    const onNeg = diags.filter((d: any) => d.range.start.line === lineOf(NEGATIVE) && /^FM00[12389]$/.test(d.code));
    assert.deepEqual(onPara.map((d: any) => d.code), ['FM001'], JSON.stringify(diags));
    assert.equal(onPara[0].data.claimId, 'novak-title');
    assert.equal(onPara[0].data.match, 'paraphrase');
    assert.deepEqual(onPara[0].range, { start: { line: lineOf(PARAPHRASE), character: 0 }, end: { line: lineOf(PARAPHRASE), character: PARAPHRASE.length } });
    assert.deepEqual(onNeg, [], JSON.stringify(onNeg));

    const hover: any = await client.request('textDocument/hover', { textDocument: { uri: draftUri }, position: positionOfText(DRAFT, 'told reporters') });
    const md: string = hover.contents.value;
    assert.match(md, /Matches checked claim.*novak-title.*paraphrase/);
    assert.match(md, /Recorded as:/);
    assert.match(md, /Alexander Novak/);
    assert.match(md, /False/);
    assert.match(md, /Deputy Prime Minister of Russia/);

    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: draftUri }, range: onPara[0].range, context: { diagnostics: [onPara[0]] } });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Record this as another appearance of the claim (novak-title)'), titles.join(' | '));
    assert.ok(titles.includes('Not this claim (novak-title)'), titles.join(' | '));
    const yamlPath = path.join(seedsDir, 'annotations.yaml');
    const yaml = fs.readFileSync(yamlPath, 'utf8');
    const rec = actions.find((a) => a.title.startsWith('Record this'));
    const edits = rec.edit.changes?.[fileUri(yamlPath)] ?? rec.edit.documentChanges?.[0]?.edits;
    const after = applyTextEdits(yaml, edits);
    assert.ok(after.includes('# Factmark annotations for the five sample articles'), 'comments kept');
    assert.match(after, / {4}appearances:\n {6}- file: notes\.md\n {8}text: Alexander Novak, a Russian deputy minister, told reporters the talks had gone well\.\n/);
    const not = actions.find((a) => a.title.startsWith('Not this claim'));
    const nEdits = not.edit.changes?.[fileUri(yamlPath)] ?? not.edit.documentChanges?.[0]?.edits;
    assert.match(applyTextEdits(yaml, nEdits), /- code: FM001\n {4}file: notes\.md\n {4}text: Alexander Novak, a Russian deputy minister, told reporters the talks had gone well\.\n {4}claim: novak-title\n/);
  });

  it('factmark/checkWorkspace publishes diagnostics for files that are not open', async () => {
    const since = client.mark();
    const r: any = await client.request('factmark/checkWorkspace', {});
    assert.equal(r.cancelled, false);
    assert.ok(r.total >= 7 && r.checked === r.total, JSON.stringify(r));
    const laterUri = fileUri(path.join(seedsDir, 'later.md'));
    const pub = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === laterUri, 'diagnostics of a closed draft', since);
    const codes = pub.params.diagnostics.filter((d: any) => /^FM00[1-3]$/.test(d.code)).map((d: any) => [d.code, d.range.start.line, d.data.match]);
    assert.deepEqual(codes, [['FM001', 2, 'exact']]);
    const progress = client.received.slice(since).filter((m) => m.method === 'factmark/checkWorkspaceProgress');
    assert.ok(progress.length >= 1);
    assert.deepEqual([progress[progress.length - 1].params.done, progress[progress.length - 1].params.total], [r.total, r.total]);
  });
});
