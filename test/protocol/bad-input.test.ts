// Bad input never crashes the server: a 0-byte annotations file on disk, an annotations buffer that
// is a YAML list, then broken YAML, an empty source, binary-ish text, a source with only quotes, a
// 300,000-character line and emoji/CRLF text — each is analysed, every feature answers, and the
// process stays alive (it still answers afterwards and exits cleanly on shutdown).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLIENT_CAPABILITIES, decodeTokens, fileUri, LspClient, tempWorkspace } from './harness';

const GOOD_YAML = [
  '# kept in force while the buffer is broken',
  'sources:',
  '  - id: story',
  '    file: story.txt',
  'claims:',
  '  - id: c1',
  '    text: The bridge cost 40 million euros',
  '    source: story',
  '    verdict: "false"',
  '',
].join('\n');

const STORY = 'HARBORTON - The bridge cost 40 million euros, Mayor Helena Markovic said on Tuesday.\n';

describe('bad input never crashes the server', () => {
  let client: LspClient;
  let root: string;
  let legend: { tokenTypes: string[]; tokenModifiers: string[] };

  const everyFeature = async (uri: string, text: string) => {
    const lastLine = text.split(/\r\n|\r|\n/).length - 1;
    const positions = [
      { line: 0, character: 0 },
      { line: 0, character: 5 },
      { line: lastLine, character: 0 },
      { line: 9999, character: 9999 }, // out of range: clamped, not an error
    ];
    for (const position of positions) {
      await client.request('textDocument/hover', { textDocument: { uri }, position });
      await client.request('textDocument/definition', { textDocument: { uri }, position });
      await client.request('textDocument/documentHighlight', { textDocument: { uri }, position });
    }
    const tokens = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: lastLine, character: 0 } },
      context: { diagnostics: client.diagnostics(uri) },
    });
    assert.ok(Array.isArray(symbols) && Array.isArray(actions));
    return decodeTokens(tokens.data, legend);
  };

  before(async () => {
    root = tempWorkspace('factmark-badinput-');
    fs.writeFileSync(path.join(root, 'annotations.yaml'), ''); // 0 bytes on disk
    fs.writeFileSync(path.join(root, 'story.txt'), STORY);
    client = new LspClient(['--stdio']);
    client.settings = { debounceMs: 10, maxFileSize: 1_000_000 };
    const init = await client.request('initialize', {
      processId: process.pid,
      rootUri: fileUri(root),
      capabilities: CLIENT_CAPABILITIES,
      workspaceFolders: [{ uri: fileUri(root), name: 'bad' }],
    });
    legend = init.capabilities.semanticTokensProvider.legend;
    await client.notify('initialized', {});
  });

  after(() => {
    client?.kill();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('a 0-byte annotations file on disk is valid and empty (no diagnostics, no crash)', async () => {
    const yamlUri = fileUri(path.join(root, 'annotations.yaml'));
    await client.analyzed(yamlUri, null);
    assert.deepEqual(client.diagnostics(yamlUri), []);
  });

  it('annotations buffer: a list, then a syntax error — FM101/FM100 in the YAML, a warning, the last good model stays in force', async () => {
    const yamlUri = fileUri(path.join(root, 'annotations.yaml'));
    const storyUri = fileUri(path.join(root, 'story.txt'));
    let since = client.mark();
    await client.open(storyUri, STORY, 'plaintext', 1);
    await client.open(yamlUri, GOOD_YAML, 'yaml', 1);
    await client.analyzed(yamlUri, 1, since);
    await client.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === storyUri && m.params.diagnostics.some((d: any) => d.code === 'FM001'),
      'FM001 from the good buffer',
      since,
    );

    since = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: yamlUri, version: 2 }, contentChanges: [{ text: '- a\n- b\n' }] });
    await client.analyzed(yamlUri, 2, since);
    const listDiags = client.diagnostics(yamlUri, 2);
    assert.ok(listDiags.some((d: any) => d.code === 'FM101' && d.range.start.line === 0), JSON.stringify(listDiags));
    const warning = await client.waitFor((m) => m.method === 'window/showMessage' && /annotations\.yaml/.test(m.params.message), 'warning', since);
    assert.match(warning.params.message, /last good/);
    // the story is re-checked against the last good model: the refuted claim is still reported
    await client.analyzed(storyUri, 1, since);
    assert.ok(client.diagnostics(storyUri).some((d: any) => d.code === 'FM001'));

    since = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: yamlUri, version: 3 }, contentChanges: [{ text: 'claims: [\n  {id: \u0000\n' }] });
    await client.analyzed(yamlUri, 3, since);
    assert.ok(client.diagnostics(yamlUri, 3).some((d: any) => d.code === 'FM100'));
    await everyFeature(yamlUri, 'claims: [\n  {id: \u0000\n');
    await client.notify('textDocument/didClose', { textDocument: { uri: yamlUri } });
  });

  const cases: Array<[string, string]> = [
    ['empty.txt', ''],
    ['binary.txt', Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('') + '\uFFFD\uD800'],
    ['only-quotes.txt', '"One."\n\n\u201CTwo, three.\u201D\n\n\u2018Four\u2019 \u201C\n\n"'],
    ['long-line.txt', 'Paris said "yes" on Monday and 40 people came. '.repeat(6500)],
    ['emoji-crlf.md', '# 😀 Title\r\n\r\n😀 "Great news," said John Smith 😀 in Paris on 3 March 2024.\r\n'],
  ];
  for (const [name, text] of cases) {
    it(`source ${name}: analysed, every feature answers, tokens stay inside their lines`, async () => {
      const uri = fileUri(path.join(root, name));
      const since = client.mark();
      await client.open(uri, text, name.endsWith('.md') ? 'markdown' : 'plaintext', 1);
      await client.analyzed(uri, 1, since);
      const tokens = await everyFeature(uri, text);
      const lines = text.split(/\r\n|\r|\n/);
      for (const t of tokens) {
        assert.ok(t.line < lines.length && t.char + t.length <= lines[t.line].length, `token inside its line: ${JSON.stringify(t)}`);
      }
      // an edit that deletes everything is fine too
      const since2 = client.mark();
      await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '' }] });
      await client.analyzed(uri, 2, since2);
      await client.notify('textDocument/didClose', { textDocument: { uri } });
    });
  }

  it('an unsaved, untitled document (no file path) is analysed and every feature answers', async () => {
    const uri = 'untitled:Untitled-1';
    const text = 'Mayor Helena Markovic said on Tuesday that "the bridge cost 40 million euros".\n';
    const since = client.mark();
    await client.open(uri, text, 'plaintext', 1);
    const done = await client.analyzed(uri, 1, since);
    assert.ok(done.params.entities > 0);
    const tokens = await everyFeature(uri, text);
    assert.ok(tokens.some((t) => t.type === 'person'));
    await client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('the process survived all of it and shuts down cleanly', async () => {
    assert.equal(client.proc.exitCode, null);
    await client.request('shutdown', null);
    await client.notify('exit', null);
    assert.equal(await client.exited, 0);
    assert.doesNotMatch(client.stderr, /TypeError|RangeError|ReferenceError|Maximum call stack/);
  });
});
