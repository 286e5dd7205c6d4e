// `factmark compare`, run as users run it (node server/bin/factmark.js compare ...).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRoot } from '../support/root';

const ROOT = findRoot();
const BIN = path.join(ROOT, 'server', 'bin', 'factmark.js');
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

test('compare seeds --format json: the contract keys, offsets into the files, the seeds targets', () => {
  const r = run(['compare', 'seeds', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j).slice(0, 3), ['quotes', 'entities', 'figures']);
  const texts = new Map<string, string>();
  const text = (p: string) => texts.get(p) ?? (texts.set(p, fs.readFileSync(path.join(ROOT, p), 'utf8')), texts.get(p)!);
  for (const q of j.quotes) {
    assert.deepEqual(Object.keys(q).slice(0, 2), ['speaker', 'wordings']);
    for (const w of q.wordings) {
      assert.deepEqual(Object.keys(w).slice(0, 4), ['path', 'start', 'end', 'text']);
      assert.equal(text(w.path).slice(w.start, w.end), w.text);
    }
  }
  for (const e of j.entities) {
    assert.deepEqual(Object.keys(e).slice(0, 2), ['canonical', 'spellings']);
    for (const s of e.spellings) assert.deepEqual(Object.keys(s).slice(0, 3), ['text', 'path', 'count']);
  }
  for (const f of j.figures) {
    assert.deepEqual(Object.keys(f).slice(0, 2), ['what', 'values']);
    for (const v of f.values) {
      assert.deepEqual(Object.keys(v).slice(0, 6), ['text', 'value', 'unit', 'path', 'start', 'end']);
      assert.equal(text(v.path).slice(v.start, v.end), v.text);
    }
  }
  const redefine = j.quotes.find((q: any) => q.wordings.some((w: any) => /restore and redefine/.test(w.text)));
  assert.ok(redefine && new Set(redefine.wordings.map((w: any) => w.path)).size >= 3);
  const sharaa = j.entities.find((e: any) => e.spellings.some((s: any) => s.text === 'Ahmad al-Shareh'));
  assert.ok(sharaa && sharaa.spellings.some((s: any) => s.text === 'Shaara') && !sharaa.spellings.some((s: any) => /Assad|Putin/.test(s.text)));
  const meeting = j.figures.find((f: any) => f.values.some((v: any) => v.text === 'more than two and a half hours'));
  assert.ok(meeting?.differs);
  assert.ok(j.figures.find((f: any) => f.values.some((v: any) => /4,000/.test(v.text)))?.singleSource);
});

test('compare --format text names the clusters; bad usage is exit 2', () => {
  const r = run(['compare', 'seeds']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Names spelled several ways/);
  assert.match(r.stdout, /Figures that differ between sources \(\d+\):\n {2}meeting/);
  assert.match(r.stdout, /Figures only one source reports/);
  assert.equal(run(['compare']).status, 2);
  assert.equal(run(['compare', 'seeds', '--format', 'xml']).status, 2);
  const missing = run(['compare', 'no-such-folder']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no-such-folder/);
  assert.match(run(['--help']).stdout, /compare/);
});

test('check compares the checked sources: FM010 in text output', () => {
  const r = run(['check', 'seeds', '--fail-on', 'none']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /info FM010 figure-differs: Figure differs between sources for meeting \(hours\)/);
});
