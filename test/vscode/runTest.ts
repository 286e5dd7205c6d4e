// `npm run test:vscode`: the extension-host suite in desktop VS Code via @vscode/test-electron
// (downloads VS Code into .vscode-test/; works on desktops and hosted CI, not on machines without
// access to update.code.visualstudio.com — there use `npm run test:e2e`, code-server).
// The extension under test is the packaged .vsix, unpacked; the workspace is a temp copy of seeds/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ensureVsix, seedsCopy, unpackVsix } from '../e2e/vsix';

async function main(): Promise<void> {
  const vsix = ensureVsix();
  const extensionDevelopmentPath = unpackVsix(vsix);
  const workspace = seedsCopy();
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
      extensionDevelopmentPath,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [workspace, '--disable-extensions'],
    });
  } finally {
    fs.rmSync(path.dirname(extensionDevelopmentPath), { recursive: true, force: true });
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
  }
}

main().catch((e) => {
  const msg = e instanceof Error ? e.message : String(e);
  console.error(msg);
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|update\.code\.visualstudio\.com/.test(msg)) {
    console.error('test:vscode: VS Code could not be downloaded here; run the same suite in code-server with `npm run test:e2e`.');
  }
  process.exit(1);
});
