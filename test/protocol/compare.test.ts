// Protocol test of comparing the sources in the editor: a temp copy of seeds/ as the workspace;
// FM010 on the meeting length, the quote hover listing the other outlets' wordings, the entity
// hover "spelled N ways in M sources" with *Add these spellings as aliases* (one entity entry,
// comments kept), corroboration in the FM004 hover, and the factmark/compareSources request.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { applyTextEdits, CLIENT_CAPABILITIES, copySeeds, fileUri, LspClient, positionOfText, tempWorkspace } from './harness';

describe('comparing the sources over the protocol', () => {
  let client: LspClient;
  let root: string;
  let names: string[];
  const uriOf = (n: string) => fileUri(path.join(root, n));
  const textOf = (n: string) => fs.readFileSync(path.join(root, n), 'utf8');

  before(async () => {
    root = tempWorkspace('factmark-compare-');
    names = copySeeds(root).filter((n) => n.endsWith('.txt'));
    client = new LspClient(['--stdio']);
    client.settings = { debounceMs: 20 };
    await client.request('initialize', { processId: process.pid, rootUri: fileUri(root), capabilities: CLIENT_CAPABILITIES, workspaceFolders: [{ uri: fileUri(root), name: 'seeds' }] });
    await client.notify('initialized', {});
    await client.open(uriOf(names[0]), textOf(names[0]));
  });

  after(() => {
    client?.kill();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('FM010 figure-differs on the meeting length, once the workspace is compared', async () => {
    const m = await client.waitFor(
      (x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uriOf(names[0]) && x.params.diagnostics.some((d: any) => d.code === 'FM010'),
      'FM010 on the first seed',
    );
    const d = m.params.diagnostics.find((x: any) => x.code === 'FM010' && /two and a half hours/.test(x.message));
    assert.ok(d, JSON.stringify(m.params.diagnostics.map((x: any) => x.message)));
    assert.equal(d.severity, 3, 'information');
    assert.match(d.codeDescription.href, /#fm010$/);
    const text = textOf(names[0]);
    assert.equal(text.slice(text.indexOf('more than two and a half hours')).startsWith('more than two and a half hours'), true);
    assert.deepEqual(d.range.start, positionOfText(text, 'more than two and a half hours'));
  });

  it('hover on the quote lists the other outlets\' wordings; hover on the figure lists theirs', async () => {
    const text = textOf(names[0]);
    const h = await client.request('textDocument/hover', { textDocument: { uri: uriOf(names[0]) }, position: positionOfText(text, 'restore and redefine', 3) });
    const md: string = h.contents.value;
    assert.match(md, /Across sources/);
    assert.match(md, /renew/, 'the reworded wording of another outlet');
    assert.match(md, /002_/);
    const f = await client.request('textDocument/hover', { textDocument: { uri: uriOf(names[0]) }, position: positionOfText(text, 'two and a half hours', 2) });
    assert.match(f.contents.value, /sources \*\*differ\*\*/);
    assert.match(f.contents.value, /001_[^\n]*two and a half hours/);
  });

  it('entity hover: spelled N ways in M sources; the quick fix writes one entity entry keeping comments', async () => {
    const text = textOf(names[0]);
    const pos = positionOfText(text, 'Ahmed Al Sharaa', 2);
    const h = await client.request('textDocument/hover', { textDocument: { uri: uriOf(names[0]) }, position: pos });
    assert.match(h.contents.value, /spelled \d+ ways in 5 sources/);
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri: uriOf(names[0]) }, range: { start: pos, end: pos }, context: { diagnostics: [] } });
    const fix = actions.find((a) => /^Add these spellings as aliases/.test(a.title));
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const yamlPath = path.join(root, 'annotations.yaml');
    const yaml = fs.readFileSync(yamlPath, 'utf8');
    const edits = fix.edit.documentChanges ? fix.edit.documentChanges[0].edits : fix.edit.changes[fileUri(yamlPath)];
    const out = applyTextEdits(yaml, edits);
    // Comments kept: every comment line of the original is still there.
    for (const line of yaml.split('\n').filter((l) => /^\s*#/.test(l))) assert.ok(out.includes(line), `comment kept: ${line}`);
    const doc = parseDocument(out).toJS();
    const sharaa = doc.entities.filter((e: any) => /Sharaa/.test(e.name));
    assert.equal(sharaa.length, 1, 'one entity entry');
    for (const s of ['Ahmad al-Shareh', 'Shaara']) assert.ok([sharaa[0].name, ...sharaa[0].aliases].includes(s), `${s} recorded`);
  });

  it('FM004 hover says how many sources report the sentence', async () => {
    const diags = client.diagnostics(uriOf(names[0]));
    const fm4 = diags.filter((d: any) => d.code === 'FM004');
    assert.ok(fm4.length > 0);
    const d = fm4.find((x: any) => x.data?.corroboration) ?? fm4[0];
    assert.ok(d.data.corroboration, 'corroboration in the diagnostic data');
    const h = await client.request('textDocument/hover', { textDocument: { uri: uriOf(names[0]) }, position: { line: d.range.start.line, character: d.range.start.character + 1 } });
    assert.match(h.contents.value, /reported by \d of 5 sources/);
  });

  it('factmark/compareSources: people, quotes and figures as rows, the sources as columns', async () => {
    const vm: any = await client.request('factmark/compareSources', {});
    assert.equal(vm.sources.length, 5);
    const person = vm.rows.find((r: any) => r.kind === 'person' && /Sharaa/.test(r.label));
    assert.ok(person);
    assert.equal(person.cells.length, 5);
    assert.ok(person.cells.every((c: any[]) => c.length > 0));
    const cell = person.cells[2][0];
    assert.ok(cell.uri.startsWith('file://') && typeof cell.range.start.line === 'number');
    assert.ok(vm.rows.some((r: any) => r.kind === 'quote' && /redefine/.test(r.label)));
    assert.ok(vm.rows.some((r: any) => r.kind === 'figure' && r.flag === 'figures differ'));
    assert.ok(vm.rows.some((r: any) => r.kind === 'figure' && r.flag === 'single source'));
  });
});
