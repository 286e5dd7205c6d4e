// `npm run test:e2e` (part 1): the extension-host mocha suite (test/vscode/) inside real VS Code —
// code-server 4.100.3's workbench in headless Debian Chromium — against the packaged .vsix
// (unpacked, given as extensionDevelopmentPath through the workbench `payload`) and a temporary
// copy of seeds/. The workbench reports the suite's exit code through codeAutomationExit.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from './browser';
import { ensureCodeServer, makeProfile, repoRoot, startCodeServer, workbenchUrl } from './code-server';
import { ensureVsix, seedsCopy, unpackVsix } from './vsix';

const SUITE_TIMEOUT_MS = 8 * 60_000;

test('extension-host suite passes in code-server 4.100.3 + headless Chromium', { timeout: SUITE_TIMEOUT_MS + 4 * 60_000 }, async () => {
  await ensureCodeServer();
  const vsix = ensureVsix();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-host-'));
  const extensionRoot = unpackVsix(vsix, path.join(tmp, 'vsix'));
  const workspace = seedsCopy(tmp);
  const suiteIndex = path.join(__dirname, '..', 'vscode', 'index.js');
  assert.ok(fs.existsSync(suiteIndex), `${suiteIndex} missing: run \`npm run build\` (tsc) first`);

  const failureShot = path.join(repoRoot(), 'test-artifacts', 'screenshots', 'host-suite-failure.png');
  fs.rmSync(failureShot, { force: true });
  const profile = makeProfile(path.join(tmp, 'profile'));
  const server = await startCodeServer({ profile });
  const browser = await launchBrowser();
  const suiteLines = () =>
    browser.console
      .filter((l) => l.includes('[factmark-suite]'))
      .map((l) => l.replace(/%c/g, '').replace(/^.*?\[factmark-suite\]/, '').replace(/\s*color:[^\n]*$/, ''));
  try {
    const exitCode = new Promise<number>((resolve) => {
      void browser.page.exposeFunction('codeAutomationExit', (code: number) => resolve(Number(code)));
    });
    await browser.page.goto(workbenchUrl(server, workspace, { extensionDevelopmentPath: extensionRoot, extensionTestsPath: suiteIndex }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the suite did not finish in ${SUITE_TIMEOUT_MS / 1000} s`)),
        SUITE_TIMEOUT_MS,
      );
    });
    let code: number;
    try {
      code = await Promise.race([exitCode, timeout]);
    } finally {
      clearTimeout(timer);
    }
    const lines = suiteLines();
    process.stdout.write(lines.join('\n') + '\n');
    if (code !== 0) {
      fs.mkdirSync(path.dirname(failureShot), { recursive: true });
      await browser.page.screenshot({ path: failureShot }).catch(() => undefined);
      const other = browser.console.filter((l) => !l.includes('[factmark-suite]') && /error|fail/i.test(l)).slice(-30);
      assert.fail(`extension-host suite exited with ${code}\n${lines.join('\n')}\n--- other console errors ---\n${other.join('\n')}`);
    }
    assert.ok(lines.some((l) => /done: \d+ passing, 0 failing/.test(l)), `mocha summary seen:\n${lines.join('\n')}`);
  } catch (e) {
    if (!(e instanceof assert.AssertionError)) {
      process.stdout.write(suiteLines().join('\n') + '\n');
      process.stdout.write(`# code-server output:\n${server.output().split('\n').slice(-40).map((l) => `#   ${l}`).join('\n')}\n`);
    }
    throw e;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
