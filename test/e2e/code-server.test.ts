// The code-server installer: installs 4.100.3 on demand into .vscode-test/code-server, reuses it
// afterwards, and names missing Debian packages clearly.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CODE_SERVER_VERSION,
  codeServerDir,
  ensureCodeServer,
  missingDebianPackages,
  remoteUri,
  repoRoot,
  workbenchUrl,
} from './code-server';

test('ensureCodeServer installs code-server 4.100.3 into .vscode-test/code-server and reuses it', { timeout: 15 * 60_000 }, async () => {
  const entry = await ensureCodeServer();
  assert.ok(entry.startsWith(path.join(repoRoot(), '.vscode-test', 'code-server') + path.sep), entry);
  assert.ok(fs.existsSync(entry));
  const again = await ensureCodeServer({ log: (l) => assert.fail(`second call must not install again: ${l}`) });
  assert.equal(again, entry);
  // An explicit empty config: without one code-server writes ~/.config/code-server/config.yaml.
  const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-cs-')), 'config.yaml');
  fs.writeFileSync(config, '');
  const xdg = path.dirname(config);
  const v = spawnSync(process.execPath, [entry, '--config', config, '--version'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, XDG_DATA_HOME: xdg, XDG_CONFIG_HOME: xdg },
  });
  fs.rmSync(path.dirname(config), { recursive: true, force: true });
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, new RegExp(`^${CODE_SERVER_VERSION.replace(/\./g, '\\.')}\\b`));
  assert.ok(fs.existsSync(path.join(codeServerDir(), 'package.json')), 'its own package.json (npm does not touch the repo)');
});

test('missing Debian packages are named', (t) => {
  const probe = spawnSync('dpkg-query', ['--version']);
  if (probe.error) {
    t.skip('not a Debian system (no dpkg-query)');
    return;
  }
  assert.deepEqual(missingDebianPackages(['dpkg', 'factmark-no-such-package']), ['factmark-no-such-package']);
});

test('workbench URLs carry the extension-development payload as vscode-remote URIs', () => {
  const url = new URL(
    workbenchUrl({ url: 'http://127.0.0.1:8123', port: 8123 }, '/tmp/ws dir', {
      extensionDevelopmentPath: '/tmp/ext',
      extensionTestsPath: '/tmp/suite/index.js',
    }),
  );
  assert.equal(url.searchParams.get('folder'), '/tmp/ws dir');
  assert.deepEqual(JSON.parse(url.searchParams.get('payload')!), [
    ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:8123/tmp/ext'],
    ['extensionTestsPath', 'vscode-remote://127.0.0.1:8123/tmp/suite/index.js'],
  ]);
  assert.equal(remoteUri(1, '/a b/c'), 'vscode-remote://127.0.0.1:1/a%20b/c');
});
