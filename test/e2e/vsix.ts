// The packaged extension: builds factmark-<version>.vsix with `npm run package` when it is missing
// or older than what goes into it, unpacks it, and prepares a temporary copy of seeds/.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './code-server';
import { extractZip } from './zip';

export function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')).version;
}

export function vsixPath(): string {
  return path.join(repoRoot(), `factmark-${packageVersion()}.vsix`);
}

function mtime(p: string): number {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

/** Inputs of the package: when any is newer than the .vsix, it is rebuilt. */
function packageInputs(): string[] {
  const root = repoRoot();
  const files = ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'dist/extension.js', 'dist/server.js', 'dist/cli.js'].map(
    (f) => path.join(root, f),
  );
  for (const dir of ['syntaxes', 'server/schema', 'client/media']) {
    const abs = path.join(root, dir);
    if (fs.existsSync(abs)) for (const f of fs.readdirSync(abs)) files.push(path.join(abs, f));
  }
  return files;
}

/** Runs `npm run package` (vsce package --no-dependencies); returns the .vsix path. */
export function packageVsix(): string {
  const root = repoRoot();
  for (const f of ['dist/extension.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(root, f))) throw new Error(`packaging: ${f} is missing; run \`npm run build\` first`);
  }
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });
  const out = vsixPath();
  if (r.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`npm run package failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return out;
}

/** The .vsix, rebuilt when missing or stale. */
export function ensureVsix(): string {
  const out = vsixPath();
  const built = mtime(out);
  if (built && packageInputs().every((f) => mtime(f) <= built)) return out;
  return packageVsix();
}

/** Unpacks a .vsix into a fresh temp folder; returns the extension root (the zip's `extension/`). */
export function unpackVsix(vsix: string, into = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-vsix-'))): string {
  extractZip(vsix, into);
  const ext = path.join(into, 'extension');
  if (!fs.existsSync(path.join(ext, 'package.json'))) throw new Error(`${vsix}: no extension/package.json inside`);
  return ext;
}

/** A temporary copy of the repository's seeds/ (tests edit annotations.yaml there). */
export function seedsCopy(parent = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-ws-'))): string {
  const dest = path.join(parent, 'seeds');
  fs.cpSync(path.join(repoRoot(), 'seeds'), dest, { recursive: true });
  return dest;
}
