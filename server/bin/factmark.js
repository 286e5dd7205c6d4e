#!/usr/bin/env node
// factmark CLI launcher. Runs dist/cli.js; when it is missing or older than the sources, rebuilds it
// first with esbuild (silently, to a temporary file renamed into place, so parallel runs never see a
// half-written bundle). Nothing but the command's own output reaches stdout.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const entry = path.join(root, 'server', 'src', 'cli.ts');
const bundle = path.join(root, 'dist', 'cli.js');
const watched = [path.join(root, 'server', 'src'), path.join(root, 'server', 'schema'), path.join(root, 'package.json')];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function bundleIsStale() {
  if (!fs.existsSync(entry)) return false; // installed package without sources: use the bundle as shipped
  let built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  return watched.some((p) => newestMtime(p) > built);
}

function build() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    return fs.existsSync(bundle) ? null : 'dist/cli.js is missing and esbuild is not installed (run npm install, then npm run build)';
  }
  const tmp = `${bundle}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(bundle), { recursive: true });
    esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      target: 'node18',
      outfile: tmp,
      logLevel: 'silent',
    });
    fs.renameSync(tmp, bundle);
    return null;
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {}
    const detail = e && e.errors && e.errors.length
      ? e.errors.map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : '') + m.text).join('\n')
      : String(e && e.message ? e.message : e);
    return `could not build dist/cli.js:\n${detail}`;
  }
}

if (bundleIsStale()) {
  const problem = build();
  if (problem) {
    if (fs.existsSync(bundle)) {
      process.stderr.write(`factmark: warning: ${problem}\nfactmark: using the existing (older) dist/cli.js\n`);
    } else {
      process.stderr.write(`factmark: ${problem}\n`);
      process.exit(2);
    }
  }
}

require(bundle).run(process.argv.slice(2));
