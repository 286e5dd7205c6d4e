// Hardening at the protocol level (issue 12): quick fixes computed from the file as it is when they
// are offered or resolved (never from a stale copy), refused with a message when the file no longer
// allows them; no edits outside the workspace, whatever the diagnostic data says; a server started on
// a workspace holding an alias bomb answers at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { applyTextEdits, CLIENT_CAPABILITIES, fileUri, LspClient, tempWorkspace } from './harness';

const STORY = [
  'HARBORTON - Mayor Helena Markovic said on Tuesday that the new bridge cost 40 million euros, twice the original estimate.',
  'The city council voted 7-2 in March 2024 to order an audit of the project, which has cost 12 million euros more than planned.',
  'Council member Tomas Reyes said the audit would be published before the end of the year.',
  '',
].join('\n');

const YAML = [
  '# desk annotations',
  'sources:',
  '  - id: story',
  '    file: story.txt',
  'entities:',
  '  - id: reyes',
  '    name: Thomas Reyes',
  '    type: person',
  'claims:',
  '  - id: c1',
  '    text: The city council voted 7-2 in March 2024',
  '    source: story',
  '',
].join('\n');

/** The same file after a `git pull` the server was not told about (no watched-file event). */
const PULLED = [
  '# desk annotations',
  '# (edited by a colleague: three more lines at the top',
  '#  so that every offset of the old text is wrong)',
  'sources:',
  '  - id: story',
  '    file: story.txt',
  '    outlet: Harborton Herald',
  'entities:',
  '  - id: reyes',
  '    name: Thomas Reyes',
  '    type: person',
  '    description: Council member.',
  'claims:',
  '  - id: c1',
  '    text: The city council voted 7-2 in March 2024',
  '    source: story',
  '    verdict: "true"',
  '  - id: c2',
  '    text: the audit would be published before the end of the year',
  '    source: story',
  '',
].join('\n');

async function start(root: string, folders: string[], capabilities: unknown = CLIENT_CAPABILITIES, initializationOptions?: unknown): Promise<LspClient> {
  const client = new LspClient(['--stdio']);
  client.settings = { debounceMs: 10, maxFileSize: 1_000_000 };
  await client.request('initialize', {
    processId: process.pid,
    rootUri: fileUri(root),
    capabilities,
    initializationOptions,
    workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: path.basename(f) })),
  });
  await client.notify('initialized', {});
  return client;
}

const RESOLVE_CAPS = {
  ...CLIENT_CAPABILITIES,
  textDocument: {
    ...CLIENT_CAPABILITIES.textDocument,
    codeAction: { ...CLIENT_CAPABILITIES.textDocument.codeAction, resolveSupport: { properties: ['edit'] } },
  },
};

describe('quick fixes read the annotations file as it is now', () => {
  let root: string;
  let desk: string;
  let yamlPath: string;
  let storyUri: string;
  let yamlUri: string;
  const clients: LspClient[] = [];

  before(() => {
    root = tempWorkspace('factmark-harden-');
    desk = path.join(root, 'desk');
    fs.mkdirSync(desk);
    fs.writeFileSync(path.join(desk, 'story.txt'), STORY);
    yamlPath = path.join(desk, 'annotations.yaml');
    storyUri = fileUri(path.join(desk, 'story.txt'));
    yamlUri = fileUri(yamlPath);
  });
  after(() => {
    for (const c of clients) c.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function opened(capabilities: unknown): Promise<{ client: LspClient; diags: any[] }> {
    fs.writeFileSync(yamlPath, YAML);
    const client = await start(root, [desk], capabilities);
    clients.push(client);
    const since = client.mark();
    await client.open(storyUri, STORY);
    await client.analyzed(storyUri, 1, since);
    return { client, diags: client.diagnostics(storyUri) };
  }

  const annotateAction = async (client: LspClient, d: any) => {
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: storyUri }, range: d.range, context: { diagnostics: [d] } });
    const a = actions.find((x) => x.title === 'Annotate this claim');
    assert.ok(a, actions.map((x) => x.title).join(', '));
    return a;
  };

  it('without resolve: the edit is computed from the disk at request time, not the stale loaded copy', async () => {
    const { client, diags } = await opened(CLIENT_CAPABILITIES);
    const fm004 = diags.find((d: any) => d.code === 'FM004' && /40 million/.test(STORY.split('\n')[d.range.start.line].slice(d.range.start.character)));
    assert.ok(fm004, diags.map((d: any) => d.code).join(', '));
    fs.writeFileSync(yamlPath, PULLED); // no didChangeWatchedFiles: the server is not told
    const a = await annotateAction(client, fm004);
    const updated = applyTextEdits(PULLED, a.edit.changes[yamlUri]);
    const doc = parseDocument(updated);
    assert.deepEqual(doc.errors, [], updated);
    const data = doc.toJS() as any;
    assert.deepEqual(data.claims.map((c: any) => c.id).slice(0, 2), ['c1', 'c2']);
    assert.equal(data.claims.length, 3);
    assert.equal(data.sources[0].outlet, 'Harborton Herald');
    assert.ok(updated.startsWith(PULLED.slice(0, PULLED.indexOf('claims:'))), 'everything before the claims kept byte for byte');
  });

  it('with codeAction/resolve: no edit up front; resolving computes it from the file as it is then', async () => {
    const { client, diags } = await opened(RESOLVE_CAPS);
    const fm004 = diags.find((d: any) => d.code === 'FM004');
    const a = await annotateAction(client, fm004);
    assert.equal(a.edit, undefined, 'edit left for resolve');
    assert.ok(a.data, 'resolve data');
    fs.writeFileSync(yamlPath, PULLED); // changed between offering and applying (git pull)
    const resolved = await client.request('codeAction/resolve', a);
    const updated = applyTextEdits(PULLED, resolved.edit.changes[yamlUri]);
    const doc = parseDocument(updated);
    assert.deepEqual(doc.errors, [], updated);
    assert.equal((doc.toJS() as any).claims.length, 3);
    assert.ok(updated.includes('    outlet: Harborton Herald\n'));
  });

  it('resolving a fix the file no longer allows is refused with a message, no edit', async () => {
    const { client, diags } = await opened(RESOLVE_CAPS);
    const fm007 = diags.find((d: any) => d.code === 'FM007');
    assert.ok(fm007, diags.map((d: any) => d.code).join(', '));
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: storyUri }, range: fm007.range, context: { diagnostics: [fm007] } });
    const alias = actions.find((x) => /as an alias of/.test(x.title));
    assert.ok(alias, actions.map((x) => x.title).join(', '));
    fs.writeFileSync(yamlPath, YAML.replace(/ {2}- id: reyes\n {4}name: Thomas Reyes\n {4}type: person\n/, ''));
    const since = client.mark();
    const resolved = await client.request('codeAction/resolve', alias);
    assert.equal(resolved.edit, undefined);
    const msg = await client.waitFor((m) => m.method === 'window/showMessage', 'refusal message', since);
    assert.match(msg.params.message, /did not apply “Add “Tomas Reyes” as an alias of Thomas Reyes”: annotations\.yaml changed since the fix was offered/);
  });

  it('Restricted Mode (initializationOptions.trusted: false): no quick fix edits the annotations', async () => {
    fs.writeFileSync(yamlPath, YAML);
    const client = await start(root, [desk], CLIENT_CAPABILITIES, { trusted: false });
    clients.push(client);
    const since = client.mark();
    await client.open(storyUri, STORY);
    await client.analyzed(storyUri, 1, since);
    const d = client.diagnostics(storyUri).find((x: any) => x.code === 'FM004');
    const a = await annotateAction(client, d);
    assert.ok(!a.edit && a.disabled, JSON.stringify(a));
    assert.match(a.disabled.reason, /Restricted Mode/);
  });

  it('resolve data naming another file (forged by the client) edits nothing', async () => {
    const { client, diags } = await opened(RESOLVE_CAPS);
    const a = await annotateAction(client, diags.find((d: any) => d.code === 'FM004'));
    const target = path.join(desk, 'story.txt');
    const since = client.mark();
    const resolved = await client.request('codeAction/resolve', { ...a, data: { ...a.data, yamlPath: target } });
    assert.equal(resolved.edit, undefined);
    const msg = await client.waitFor((m) => m.method === 'window/showMessage', 'refusal message', since);
    assert.match(msg.params.message, /not an annotations file/);
  });

  it('an annotationsPath in the diagnostic data does not choose where the edit goes', async () => {
    const { client, diags } = await opened(CLIENT_CAPABILITIES);
    const fm004 = diags.find((d: any) => d.code === 'FM004');
    const outside = path.join(os.tmpdir(), `factmark-forged-${process.pid}`, 'annotations.yaml');
    const forged = { ...fm004, data: { ...fm004.data, annotationsPath: outside } };
    const a = await annotateAction(client, forged);
    assert.deepEqual(Object.keys(a.edit.changes), [yamlUri]);
    assert.ok(!fs.existsSync(path.dirname(outside)));
  });

  it('a source outside every workspace folder gets no fix that creates annotations.yaml next to it', async () => {
    const { client } = await opened(CLIENT_CAPABILITIES);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-outside-'));
    try {
      const uri = fileUri(path.join(elsewhere, 'note.txt'));
      const since = client.mark();
      await client.open(uri, STORY);
      await client.analyzed(uri, 1, since);
      const d = client.diagnostics(uri).find((x: any) => x.code === 'FM004');
      assert.ok(d);
      const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const a = actions.find((x) => x.title === 'Annotate this claim');
      assert.ok(a && !a.edit && a.disabled, JSON.stringify(a));
      assert.match(a.disabled.reason, /outside the workspace folders/);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('a workspace holding an alias bomb', () => {
  it('the server starts, reports FM100 on the file and answers requests', async () => {
    const root = tempWorkspace('factmark-bomb-');
    const lines = ['sources:', '  - id: s1', '    file: story.txt', 'claims:', '  - &c', '    id: c1', '    text: The bridge cost 40 million euros', '    verdict: "false"', '    evidence:'];
    for (let i = 0; i < 10_000; i++) lines.push(`      - {source: s1, passage: "p${i}", stance: contradicts}`);
    for (let i = 0; i < 999; i++) lines.push('  - *c');
    fs.writeFileSync(path.join(root, 'annotations.yaml'), lines.join('\n') + '\n');
    fs.writeFileSync(path.join(root, 'story.txt'), STORY);
    const client = await start(root, [root]);
    try {
      const yamlUri = fileUri(path.join(root, 'annotations.yaml'));
      await client.analyzed(yamlUri, null);
      const d = client.diagnostics(yamlUri);
      assert.ok(d.some((x: any) => x.code === 'FM100' && /aliases expand it/.test(x.message)), JSON.stringify(d.slice(0, 2)));
      const storyUri = fileUri(path.join(root, 'story.txt'));
      const since = client.mark();
      await client.open(storyUri, STORY);
      await client.analyzed(storyUri, 1, since);
      const hover = await client.request('textDocument/hover', { textDocument: { uri: storyUri }, position: { line: 0, character: 20 } });
      assert.ok(hover === null || typeof hover === 'object');
    } finally {
      client.kill();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('responsive during bulk work and typing', () => {
  let root: string;
  let client: LspClient;
  const N = 150;
  const uris: string[] = [];
  let yamlUri: string;

  before(async () => {
    root = tempWorkspace('factmark-bulk-');
    fs.writeFileSync(path.join(root, 'annotations.yaml'), YAML.replace('file: story.txt', 'file: s0.txt'));
    for (let i = 0; i < N; i++) {
      const p = path.join(root, `s${i}.txt`);
      fs.writeFileSync(p, STORY.repeat(20));
      uris.push(fileUri(p));
    }
    yamlUri = fileUri(path.join(root, 'annotations.yaml'));
    client = await start(root, [root]);
    client.settings = { debounceMs: 5, maxFileSize: 1_000_000 };
  });
  after(() => {
    client?.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const sourcesAnalysedSince = (since: number) => client.received.slice(since).filter((m) => m.method === 'factmark/didAnalyze' && m.params.kind === 'source').length;

  it('a hover during the re-check of every open source after a YAML change is answered before most of them', async () => {
    let since = client.mark();
    for (const u of uris) await client.open(u, STORY.repeat(20));
    await client.waitFor(() => sourcesAnalysedSince(since) >= N, `${N} sources analysed`, since, 120_000);
    since = client.mark();
    await client.open(yamlUri, fs.readFileSync(path.join(root, 'annotations.yaml'), 'utf8') + '# touched\n', 'yaml');
    // the YAML opening re-checks every source; ask for a hover while that runs
    await client.waitFor((m) => m.method === 'factmark/didAnalyze' && m.params.uri === yamlUri, 'YAML analysed', since, 60_000);
    const beforeHover = sourcesAnalysedSince(since);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: uris[N - 1] }, position: { line: 0, character: 20 } });
    const analysedBeforeAnswer = sourcesAnalysedSince(since) - beforeHover;
    assert.ok(hover, 'a hover');
    assert.ok(analysedBeforeAnswer < N / 4, `${analysedBeforeAnswer} of ${N} re-checks ran before the hover was answered`);
    await client.waitFor(() => sourcesAnalysedSince(since) >= N, 'all re-checked', since, 120_000);
  });

  it('while typing, a hover answers from the latest completed analysis instead of analysing the new text', async () => {
    const uri = uris[0];
    client.settings = { debounceMs: 400, maxFileSize: 1_000_000 };
    await client.notify('workspace/didChangeConfiguration', { settings: { factmark: client.settings } });
    const since = client.mark();
    const at = STORY.indexOf('Helena Markovic');
    const pos = { line: 0, character: at + 2 };
    // same length, so the position still falls on the name
    await client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at + 'Helena Markovic'.length } }, text: 'Olgaaa Petrovaa' }],
    });
    const during = await client.request('textDocument/hover', { textDocument: { uri }, position: pos });
    assert.match(during.contents.value, /Helena Markovic/, 'answered from the analysis of version 1');
    await client.analyzed(uri, 2, since);
    const afterwards = await client.request('textDocument/hover', { textDocument: { uri }, position: pos });
    assert.match(afterwards.contents.value, /Olgaaa Petrovaa/);
  });
});
