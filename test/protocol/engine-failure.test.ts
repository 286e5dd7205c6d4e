// When the engine throws on a document, the server stays up, logs the stack, and tells the user
// once that this document's findings are stale (the other documents keep working). The failure is
// simulated by preloading a wrapper around analyze() into the tsc-compiled server (out/), which,
// unlike the bundle, resolves the engine module through require().
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLIENT_CAPABILITIES, fileUri, LspClient, tempWorkspace } from './harness';

const MARKER = 'FACTMARK-SIMULATED-FAILURE';

describe('an engine failure on one document', () => {
  let client: LspClient;
  let root: string;

  before(async () => {
    root = tempWorkspace('factmark-failure-');
    const serverJs = path.join(__dirname, '..', '..', 'server', 'src', 'server.js');
    const engineJs = path.join(__dirname, '..', '..', 'server', 'src', 'engine', 'analyze.js');
    assert.ok(fs.existsSync(serverJs) && fs.existsSync(engineJs), 'tsc output of the server next to the tests');
    const preload = path.join(root, 'fail-preload.js');
    fs.writeFileSync(
      preload,
      `const m = require(${JSON.stringify(engineJs)});\n` +
        'const real = m.analyze;\n' +
        `m.analyze = (text, o) => { if (text.includes(${JSON.stringify(MARKER)})) throw new TypeError('simulated engine failure'); return real(text, o); };\n`,
    );
    const saved = { server: process.env.FACTMARK_SERVER, options: process.env.NODE_OPTIONS };
    process.env.FACTMARK_SERVER = serverJs;
    process.env.NODE_OPTIONS = `${saved.options ?? ''} --require ${JSON.stringify(preload)}`.trim();
    try {
      client = new LspClient(['--stdio']);
    } finally {
      if (saved.server === undefined) delete process.env.FACTMARK_SERVER;
      else process.env.FACTMARK_SERVER = saved.server;
      if (saved.options === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved.options;
    }
    client.settings = { debounceMs: 10 };
    await client.request('initialize', {
      processId: process.pid,
      rootUri: fileUri(root),
      capabilities: CLIENT_CAPABILITIES,
      workspaceFolders: [{ uri: fileUri(root), name: 'failure' }],
    });
    await client.notify('initialized', {});
  });

  after(() => {
    client?.kill();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('the user is told once, the server keeps serving the other documents, and recovery clears it', async () => {
    const bad = fileUri(path.join(root, 'bad.txt'));
    const good = fileUri(path.join(root, 'good.txt'));
    let since = client.mark();
    await client.open(bad, `Mayor Helena Markovic said on Tuesday. ${MARKER}\n`, 'plaintext', 1);
    const told = await client.waitFor((m) => m.method === 'window/showMessage' && /bad\.txt/.test(m.params.message), 'failure notice', since);
    assert.equal(told.params.type, 1, 'an error message');
    assert.match(told.params.message, /could not analyse bad\.txt \(simulated engine failure\).*not up to date/);

    // a second failing edit of the same document does not nag again
    since = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: bad, version: 2 }, contentChanges: [{ text: `Still ${MARKER}\n` }] });
    await client.open(good, 'Mayor Helena Markovic said on Tuesday that the bridge cost 40 million euros.\n', 'plaintext', 1);
    const goodDone = await client.analyzed(good, 1, since);
    assert.ok(goodDone.params.entities > 0, 'the other document is analysed');
    assert.ok(!client.received.slice(since).some((m) => m.method === 'window/showMessage'), 'one notice per failing document');

    // fixed text: analysed again; a later failure would be reported anew
    since = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: bad, version: 3 }, contentChanges: [{ text: 'Mayor Helena Markovic spoke.\n' }] });
    await client.analyzed(bad, 3, since);
    since = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: bad, version: 4 }, contentChanges: [{ text: `Again ${MARKER}\n` }] });
    await client.waitFor((m) => m.method === 'window/showMessage' && /bad\.txt/.test(m.params.message), 'second notice after recovery', since);
    assert.equal(client.proc.exitCode, null, 'the server is still running');
    assert.match(client.stderr + JSON.stringify(client.received.filter((m) => m.method === 'window/logMessage')), /simulated engine failure/);
  });
});
