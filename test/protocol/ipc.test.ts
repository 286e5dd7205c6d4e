// The transport VS Code uses: the bundled server forked with --node-ipc. Also covers a client with
// no optional capabilities (no workspace/configuration, no folders) and an untitled document.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { serverPath } from './harness';

describe('language server over node IPC', () => {
  it('initializes, analyses an untitled newstext buffer, answers hover, shuts down', async () => {
    const proc = fork(serverPath(), ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    let stderr = '';
    proc.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    const conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    const uri = 'untitled:Untitled-1';
    const analyzed = new Promise<any>((resolve) => conn.onNotification('factmark/didAnalyze', (p: any) => p.uri === uri && resolve(p)));
    conn.listen();
    try {
      // no workspace/configuration: settings come from initializationOptions, as the VS Code client sends them
      const init: any = await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        workspaceFolders: null,
        initializationOptions: { settings: { maxFileSize: 100 } },
      });
      assert.equal(init.serverInfo.name, 'factmark');
      await conn.sendNotification('initialized', {});
      const text = 'BERLIN - Chancellor Olaf Scholz said on Monday: "We will help."';
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'newstext', version: 1, text } });
      const done = await analyzed;
      assert.equal(done.version, 1);
      assert.equal(done.annotationsPath, null);
      assert.ok(done.entities >= 1 && done.quotes === 1, JSON.stringify(done));
      const hover: any = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: text.indexOf('Scholz') } });
      assert.match(hover.contents.value, /\*\*Olaf Scholz\*\* — Person/);
      // without hierarchical symbol support the outline comes flat
      const symbols: any[] = await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(symbols.some((s) => s.name === 'Olaf Scholz' && s.containerName === 'People' && s.location.uri === uri), JSON.stringify(symbols));
      // the setting is in force: a longer buffer is over factmark.maxFileSize
      const big = 'untitled:Untitled-2';
      const bigDone = new Promise<any>((resolve) => conn.onNotification('factmark/didAnalyze', (p: any) => p.uri === big && resolve(p)));
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'plaintext', version: 1, text: text.repeat(3) } });
      assert.equal((await bigDone).truncated, true);
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      assert.equal(await exited, 0, stderr);
    } finally {
      conn.dispose();
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
  });
});
