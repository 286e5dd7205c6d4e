// `npm start`: the one-command demo. (`prestart` runs test/support/setup.sh and `npm run build`.)
// Packages the .vsix, makes sure code-server 4.100.3 is installed, installs the extension into an
// isolated profile under .vscode-test/demo-profile, starts VS Code (code-server) on 127.0.0.1:8080
// (or the next free port; PORT=... to choose) with the repository's seeds/ folder open, prints the
// address, and runs until Ctrl-C.
import * as path from 'node:path';
import { cacheDir, ensureCodeServer, installVsix, makeProfile, repoRoot, startCodeServer } from './code-server';
import { packageVsix } from './vsix';

async function main(): Promise<void> {
  const root = repoRoot();
  const step = (s: string) => console.log(`factmark demo: ${s}`);

  step('packaging the extension (npm run package)');
  const vsix = packageVsix();
  step(`packaged ${path.relative(root, vsix)}`);

  step('making sure code-server is installed (.vscode-test/code-server)');
  await ensureCodeServer({ log: (l) => step(l) });

  const profile = makeProfile(path.join(cacheDir(), 'demo-profile'), { 'editor.wordWrap': 'on', 'editor.stickyScroll.enabled': false });
  step('installing the extension into an isolated profile (.vscode-test/demo-profile)');
  installVsix(profile, vsix);

  const seeds = path.join(root, 'seeds');
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  step('starting VS Code (code-server)');
  const server = await startCodeServer({ profile, folder: seeds, port, preferredPort: 8080, startTimeoutMs: 90_000 });
  const url = `${server.url}/?folder=${encodeURIComponent(seeds)}`;
  console.log(
    [
      '',
      `  Factmark is running in VS Code at:  ${url}`,
      '',
      '  Open it in a browser, then open one of the seed articles (Ctrl+P) and annotations.yaml.',
      '  Desktop VS Code instead:  code --install-extension ' + path.relative(process.cwd(), vsix),
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    step(`${signal}: stopping`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  server.process.on('exit', (code) => {
    if (stopping) return;
    console.error(`factmark demo: code-server exited unexpectedly (${code}):\n${server.output().split('\n').slice(-30).join('\n')}`);
    process.exit(1);
  });
}

main().catch((e) => {
  console.error(`factmark demo: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
