// The CLI against hostile workspaces (issue 12 items 4, 5 and 9): sources outside the root are never
// read or echoed; FIFOs, /dev/zero and directories named *.txt are skipped with a note instead of
// hanging, exhausting memory or failing the run; CR-only YAML and Latin-1 bytes are reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRoot } from '../support/root';

const ROOT = findRoot();
const BIN = path.join(ROOT, 'server', 'bin', 'factmark.js');

function run(args: string[], cwd: string, timeout = 30_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-clih-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SECRET = 'API_TOKEN=s3cr3t-value-from-the-ci-machine\nDB_PASSWORD=hunter2-hunter2\n';

test('sources outside the root: FM103 that reveals nothing, never read, never echoed; --allow-outside reads them', () => {
  const box = path.join(tmp, 'outside');
  const ws = path.join(box, 'repo');
  fs.mkdirSync(ws, { recursive: true });
  fs.writeFileSync(path.join(box, 'secret.env'), SECRET);
  fs.symlinkSync(path.join(box, 'secret.env'), path.join(ws, 'link.txt'));
  fs.writeFileSync(path.join(ws, 'story.txt'), 'The council voted 7-2 in March 2024 to order an audit.\n');
  const yaml = [
    'sources:',
    '  - id: story',
    '    file: story.txt',
    '  - id: up',
    '    file: ../secret.env',
    '  - id: abs',
    `    file: ${path.join(box, 'secret.env')}`,
    '  - id: link',
    '    file: link.txt',
    '  - id: none',
    '    file: ../does-not-exist.env',
    'claims:',
    '  - id: leak',
    '    text: "API_TOKEN=s3dr"',
    '    source: up',
    '    verdict: "false"',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(ws, 'annotations.yaml'), yaml);
  const r = run(['check', '--format', 'json', '--fail-on', 'none'], ws);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!/s3cr3t|hunter2/.test(r.stdout + r.stderr), 'no character of the outside file is printed');
  const json = JSON.parse(r.stdout);
  const yamlFile = json.files.find((f: any) => f.path === 'annotations.yaml');
  const outside = yamlFile.findings.filter((f: any) => f.code === 'FM103' && /outside the folder/.test(f.message));
  assert.deepEqual(outside.map((f: any) => f.text).sort(), ['../does-not-exist.env', '../secret.env', path.join(box, 'secret.env'), 'link.txt'].sort());
  // the same words whether the outside file exists or not
  const words = new Set(outside.map((f: any) => f.message.replace(/^Source file "[^"]*" of source "[^"]*"/, '')));
  assert.equal(words.size, 1);
  assert.deepEqual(json.files.map((f: any) => f.path).sort(), ['annotations.yaml', 'story.txt']);

  const allowed = run(['check', '--format', 'json', '--fail-on', 'none', '--allow-outside'], ws);
  assert.equal(allowed.status, 0, allowed.stderr);
  assert.ok(JSON.parse(allowed.stdout).files.some((f: any) => f.path.endsWith('secret.env')), 'read when allowed');
});

test('a FIFO, /dev/zero and a directory named *.txt in a folder are skipped with a note', { skip: process.platform === 'win32' }, () => {
  const dir = path.join(tmp, 'special');
  fs.mkdirSync(path.join(dir, 'folder.txt'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'good.txt'), 'Mayor Helena Markovic said the bridge cost 40 million euros.\n');
  execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
  fs.mkdirSync(path.join(dir, 'realdir'));
  fs.symlinkSync(path.join(dir, 'realdir'), path.join(dir, 'dirlink.txt'));
  const r = run(['analyze', '--format', 'json', dir], tmp, 20_000);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).files.map((f: any) => path.basename(f.path)), ['good.txt']);
  assert.match(r.stderr, /skipped .*pipe\.txt: a FIFO/);
  assert.match(r.stderr, /skipped .*zero\.txt: a symbolic link to a device/);
  assert.match(r.stderr, /skipped .*dirlink\.txt: a symbolic link to a directory/);
  // named on the command line: bad input with a message, not a hang
  const named = run(['analyze', path.join(dir, 'pipe.txt')], tmp, 20_000);
  assert.equal(named.status, 2);
  assert.match(named.stderr, /a FIFO/);
  // annotations.yaml -> /dev/zero: found in a folder, skipped with a note; named, exit 2 at once
  const ydir = path.join(tmp, 'zeroyaml');
  fs.mkdirSync(ydir);
  fs.symlinkSync('/dev/zero', path.join(ydir, 'annotations.yaml'));
  const z = run(['check', ydir], tmp, 20_000);
  assert.equal(z.status, 0, z.stderr);
  assert.match(z.stderr, /skipped .*annotations\.yaml: a symbolic link to a device/);
  const zn = run(['check', '--annotations', path.join(ydir, 'annotations.yaml'), ydir], tmp, 20_000);
  assert.equal(zn.status, 2, zn.stderr);
  assert.match(zn.stderr, /cannot read file \(a device, not a file\)/);
});

test('CR-only line ends in the YAML are line breaks (with a warning); Latin-1 bytes are reported with their position', () => {
  const dir = path.join(tmp, 'encodings');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'story.txt'), 'The bridge cost 40 million euros, the mayor said.\n');
  const yaml = ['# old Mac file', 'sources:', '  - id: story', '    file: story.txt', 'claims:', '  - id: c1', '    text: The bridge cost 40 million euros', '    verdict: "false"', ''].join('\r');
  fs.writeFileSync(path.join(dir, 'annotations.yaml'), yaml);
  const r = run(['check', '--format', 'json', '--fail-on', 'none'], dir);
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const story = json.files.find((f: any) => f.path === 'story.txt');
  assert.ok(story.findings.some((f: any) => f.code === 'FM001'), 'the claim is read: ' + r.stdout);
  const y = json.files.find((f: any) => f.path === 'annotations.yaml');
  assert.ok(y.findings.some((f: any) => f.code === 'FM100' && f.severity === 'warning' && /carriage return alone/.test(f.message)));

  const latin = path.join(dir, 'latin1.txt');
  fs.writeFileSync(latin, Buffer.concat([Buffer.from('Line one.\nCaf'), Buffer.from([0xe9]), Buffer.from(' society said so.\n')]));
  const a = run(['analyze', 'latin1.txt'], dir);
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stderr, /warning: latin1\.txt:2:4: not valid UTF-8 \(Latin-1/);
});
