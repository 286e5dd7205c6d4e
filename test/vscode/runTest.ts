// `npm run test:vscode`: the extension-host suite in desktop VS Code via @vscode/test-electron
// (downloads VS Code into .vscode-test/; works on desktops and hosted CI, not on machines without
// access to update.code.visualstudio.com — there use `npm run test:e2e`, code-server).
// The extension under test is the packaged .vsix, unpacked; the workspace is a temp copy of seeds/.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ensureVsix, seedsCopy, unpackVsix } from '../e2e/vsix';

async function main(): Promise<void> {
  const vsix = ensureVsix();
  const extensionDevelopmentPath = unpackVsix(vsix);
  const workspace = seedsCopy();
  const code = await runTests({
    version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
    extensionDevelopmentPath,
    extensionTestsPath: path.join(__dirname, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  process.exitCode = code;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
