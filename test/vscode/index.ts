// Entry point of the extension-host suite (the `extensionTestsPath`): VS Code loads this module in
// its extension host and calls run(). Used by both runners: @vscode/test-electron (runTest.ts) and
// code-server + headless Chromium (test/e2e/vscode-host.test.ts).
import * as path from 'node:path';
import Mocha from 'mocha';

/** Mocha reporter writing through console.log: in code-server the extension host's console reaches
 *  the browser console, which is where the e2e runner reads it (process.stdout does not get there). */
function consoleReporter(this: unknown, runner: Mocha.Runner): void {
  const C = Mocha.Runner.constants;
  let passes = 0;
  let failures = 0;
  const started = Date.now();
  runner.on(C.EVENT_SUITE_BEGIN, (s: Mocha.Suite) => {
    if (s.title) console.log(`[factmark-suite] ${s.fullTitle()}`);
  });
  runner.on(C.EVENT_TEST_PASS, (t: Mocha.Test) => {
    passes++;
    console.log(`[factmark-suite]   ok ${t.title} (${t.duration ?? 0} ms)`);
  });
  runner.on(C.EVENT_TEST_FAIL, (t: Mocha.Test, err: Error) => {
    failures++;
    console.log(`[factmark-suite]   FAIL ${t.fullTitle()}\n${(err && (err.stack || err.message)) || String(err)}`);
  });
  runner.on(C.EVENT_TEST_PENDING, (t: Mocha.Test) => console.log(`[factmark-suite]   skip ${t.title}`));
  runner.once(C.EVENT_RUN_END, () => {
    console.log(`[factmark-suite] done: ${passes} passing, ${failures} failing (${Date.now() - started} ms)`);
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 90_000,
    reporter: consoleReporter as unknown as typeof Mocha.reporters.Base,
    // Run a subset while debugging: FACTMARK_SUITE_GREP='quick fix' npm run test:e2e
    ...(process.env.FACTMARK_SUITE_GREP ? { grep: process.env.FACTMARK_SUITE_GREP } : {}),
  });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
