// Packaging: `npm run package` produces factmark-<version>.vsix holding only what runs (bundled
// client, server and CLI, grammar, schema, README, LICENSE, icon, package.json) — no sources,
// tests, seeds or node_modules — within a size limit, and the bundles run with nothing else.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './code-server';
import { packageVsix, packageVersion } from './vsix';
import { listZip, readEntry, type ZipEntry } from './zip';

const MAX_VSIX_BYTES = 5 * 1024 * 1024;

let vsix: string;
let entries: ZipEntry[];
let buf: Buffer;
const names = () => entries.map((e) => e.name);

test('npm run package builds factmark-<version>.vsix', { timeout: 240_000 }, () => {
  vsix = packageVsix();
  assert.equal(path.basename(vsix), `factmark-${packageVersion()}.vsix`);
  buf = fs.readFileSync(vsix);
  entries = listZip(buf);
  assert.ok(entries.length > 0);
});

test('the .vsix holds the runtime files', () => {
  const have = new Set(names());
  for (const f of [
    'extension.vsixmanifest',
    'extension/package.json',
    'extension/readme.md',
    'extension/dist/extension.js',
    'extension/dist/server.js',
    'extension/dist/cli.js',
    'extension/server/schema/annotations.schema.json',
    'extension/client/media/icon.png',
  ]) {
    assert.ok(have.has(f) || [...have].some((h) => h.toLowerCase() === f.toLowerCase()), `${f} in the vsix:\n${names().join('\n')}`);
  }
  assert.ok(names().some((n) => /^extension\/LICENSE(\.txt|\.md)?$/i.test(n)), 'LICENSE in the vsix');
  assert.ok(names().some((n) => /^extension\/syntaxes\/.+\.json$/.test(n)), 'a TextMate grammar in the vsix');
});

test('every file package.json refers to is in the .vsix', () => {
  const pkgEntry = entries.find((e) => e.name === 'extension/package.json')!;
  const pkg = JSON.parse(readEntry(buf, pkgEntry).toString('utf8'));
  const refs: string[] = [pkg.main, pkg.icon];
  const c = pkg.contributes ?? {};
  for (const g of c.grammars ?? []) refs.push(g.path);
  for (const l of c.languages ?? []) if (l.configuration) refs.push(l.configuration);
  for (const j of [...(c.jsonValidation ?? []), ...(c.yamlValidation ?? [])]) if (j.url && !/^\w+:/.test(j.url)) refs.push(j.url);
  assert.ok(c.grammars?.length, 'package.json contributes a grammar');
  const have = new Set(names());
  for (const r of refs.filter(Boolean)) {
    const norm = `extension/${path.posix.normalize(String(r)).replace(/^\.\//, '')}`;
    const withJs = /\.\w+$/.test(norm) ? norm : `${norm}.js`;
    assert.ok(have.has(norm) || have.has(withJs), `package.json refers to ${r}, missing from the vsix`);
  }
});

test('no sources, tests, seeds, source maps or dependencies in the .vsix', () => {
  const bad = names().filter(
    (n) =>
      /\.ts$/.test(n) ||
      /\.map$/.test(n) ||
      /(^|\/)node_modules\//.test(n) ||
      /^extension\/(test|seeds|out|src|client\/src|server\/src|server\/bin|bench|\.vscode-test|test-artifacts|\.ci|\.git)\//.test(n) ||
      /^extension\/(tsconfig\.json|package-lock\.json|\.vscodeignore|\.gitignore)$/.test(n) ||
      /\.vsix$/.test(n),
  );
  assert.deepEqual(bad, [], `unexpected files in the vsix`);
  const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|changelog\.md|LICENSE(\.txt|\.md)?|dist\/(extension|server|cli)\.js|syntaxes\/[^/]+\.json|(client\/)?language-configuration\.json|server\/schema\/annotations\.schema\.json|client\/media\/icon\.png))$/i;
  const extra = names().filter((n) => !allowed.test(n));
  assert.deepEqual(extra, [], 'only runtime files');
});

test(`the .vsix is smaller than ${MAX_VSIX_BYTES / 1024 / 1024} MB`, () => {
  const size = fs.statSync(vsix).size;
  assert.ok(size < MAX_VSIX_BYTES, `vsix is ${(size / 1024 / 1024).toFixed(2)} MB`);
});

test('the packaged CLI runs on its own (bundles need no node_modules)', () => {
  // Unpack into a temp folder with no node_modules above it and run the CLI on a seed.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-pkg-'));
  try {
    for (const e of entries) {
      if (!e.name.startsWith('extension/dist/') || e.name.endsWith('/')) continue;
      const target = path.join(dir, e.name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, readEntry(buf, e));
    }
    const seedDir = path.join(repoRoot(), 'seeds');
    const seed = fs.readdirSync(seedDir).find((f) => f.endsWith('.txt'))!;
    const out = execFileSync(process.execPath, [path.join(dir, 'extension/dist/cli.js'), 'analyze', '--format', 'json', path.join(seedDir, seed)], {
      encoding: 'utf8',
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
    });
    const parsed = JSON.parse(out);
    assert.equal(parsed.files.length, 1);
    assert.ok(parsed.files[0].entities.length > 0, 'entities found by the packaged CLI');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
