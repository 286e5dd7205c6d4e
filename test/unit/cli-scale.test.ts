// The CLI at scale: output streamed file by file (the same bytes as one JSON.stringify), worker
// threads (--jobs) giving the in-process output, --shard I/N parts whose `factmark merge` is the
// unsharded output, and the exit codes of all of it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRoot } from '../support/root';
import { element, JsonStreamWriter, lateValue, layout, STREAMED_ARRAY } from '../../server/src/node/jsonStream';
import { parseShard, shardSlice } from '../../server/src/node/shard';

const ROOT = findRoot();
const BIN = path.join(ROOT, 'server', 'bin', 'factmark.js');
const NEWS = 'test/fixtures/news';

function run(args: string[], cwd = ROOT): SpawnSyncReturns<string> {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-scale-'));
  assert.equal(run(['--version']).status, 0);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function save(name: string, text: string): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
}

describe('streaming JSON writer', () => {
  const docs: unknown[] = [
    [],
    [{ a: 1 }],
    [{ path: 'x "quoted"\n', entities: [{ text: 'A\u2028B', start: 0, end: 3 }], quotes: [] }, { path: 'y', entities: [], quotes: [{ speaker: null, nested: { deep: [1, [2, []], {}] } }] }],
  ];
  for (const indent of [0, 2]) {
    test(`indent ${indent}: the same bytes as JSON.stringify of the whole document`, () => {
      for (const items of docs) {
        const whole = { head: ['a', 'b'], files: items, summary: { error: 1, files: 2 }, tail: { k: [] } };
        const template = { head: ['a', 'b'], files: STREAMED_ARRAY, summary: lateValue('summary'), tail: { k: [] } };
        const l = layout(template, indent);
        let s = '';
        const w = new JsonStreamWriter(l, (x) => (s += x));
        w.begin();
        for (const x of items as unknown[]) w.add(element(x, l));
        w.end({ summary: { error: 1, files: 2 } });
        assert.equal(s, JSON.stringify(whole, null, indent || undefined) + '\n');
      }
    });
  }
  test('an array nested in arrays (SARIF runs[0].results)', () => {
    const results = [{ ruleId: 'FM001', locations: [{ region: { startLine: 1 } }] }, { ruleId: 'FM004', locations: [] }];
    const l = layout({ version: '2.1.0', runs: [{ tool: { name: 't' }, results: STREAMED_ARRAY }] }, 2);
    let s = '';
    const w = new JsonStreamWriter(l, (x) => (s += x));
    w.begin();
    results.forEach((r) => w.add(element(r, l)));
    w.end();
    assert.equal(s, JSON.stringify({ version: '2.1.0', runs: [{ tool: { name: 't' }, results }] }, null, 2) + '\n');
  });
});

describe('--shard I/N', () => {
  test('parsing: I/N with 1 ≤ I ≤ N, else a message', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, total: 3 });
    for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0', '-1/2']) assert.equal(typeof parseShard(bad), 'string', bad);
  });
  test('the shards are contiguous, disjoint, cover every input in order and differ in size by at most one', () => {
    for (let n = 0; n <= 23; n++) {
      const items = Array.from({ length: n }, (_, i) => i);
      for (let total = 1; total <= 7; total++) {
        const parts = Array.from({ length: total }, (_, i) => shardSlice(items, { index: i + 1, total }));
        assert.deepEqual(parts.flat(), items, `n=${n} total=${total}`);
        const sizes = parts.map((p) => p.length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`);
      }
    }
  });
});

describe('CLI: workers, shards and merge give the unsharded, in-process output', () => {
  test('analyze --format json|text: --jobs 2 (worker threads) prints exactly what --jobs 1 (in-process) prints', () => {
    for (const format of ['json', 'text']) {
      const one = run(['analyze', '--format', format, '--jobs', '1', NEWS, 'seeds']);
      const two = run(['analyze', '--format', format, '--jobs', '2', NEWS, 'seeds']);
      assert.equal(one.status, 0, one.stderr);
      assert.equal(two.status, 0, two.stderr);
      assert.ok(one.stdout.length > 10_000);
      assert.equal(two.stdout, one.stdout, format);
    }
    const parsed = JSON.parse(run(['analyze', '--format', 'json', '--jobs', '2', NEWS]).stdout) as { files: Array<{ path: string }> };
    assert.equal(parsed.files.length, fs.readdirSync(path.join(ROOT, NEWS)).filter((f) => f.endsWith('.txt')).length);
  });

  test('check --format json|sarif|text: worker output identical to in-process, exit code 1 unchanged', () => {
    for (const format of ['json', 'sarif', 'text']) {
      const one = run(['check', 'seeds', '--format', format, '--jobs', '1']);
      const two = run(['check', 'seeds', '--format', format, '--jobs', '2']);
      assert.equal(one.status, 1, `the seeds have refuted claims: ${one.stderr}`);
      assert.equal(two.status, 1);
      assert.equal(two.stdout, one.stdout, format);
    }
    const json = JSON.parse(run(['check', 'seeds', '--format', 'json', '--jobs', '2']).stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['annotations', 'files', 'summary'], 'the summary comes last, after the streamed files');
  });

  test('analyze: the merged shards are byte-identical to the unsharded output, whatever order the shard files are given in', () => {
    const whole = run(['analyze', '--format', 'json', NEWS, 'seeds']);
    const total = (JSON.parse(whole.stdout) as { files: unknown[] }).files.length;
    const shards = [1, 2, 3, 4].map((i) => {
      const r = run(['analyze', '--format', 'json', '--shard', `${i}/4`, NEWS, 'seeds']);
      assert.equal(r.status, 0, r.stderr);
      const parsed = JSON.parse(r.stdout) as { files: unknown[]; shard: unknown };
      assert.deepEqual(parsed.shard, { index: i, total: 4 });
      assert.ok(Math.abs(parsed.files.length - total / 4) < 1, `${total} files in 4 shards: ${parsed.files.length}`);
      return save(`analyze-${i}.json`, r.stdout);
    });
    const merged = run(['merge', shards[2], shards[0], shards[3], shards[1]]);
    assert.equal(merged.status, 0, merged.stderr);
    assert.equal(merged.stdout, whole.stdout);
  });

  test('check: merged JSON and SARIF shards equal the unsharded output; each shard keeps its own exit code', () => {
    for (const format of ['json', 'sarif']) {
      const whole = run(['check', 'seeds', '--format', format]);
      const codes: number[] = [];
      const files = [1, 2, 3].map((i) => {
        const r = run(['check', 'seeds', '--format', format, '--shard', `${i}/3`]);
        codes.push(r.status!);
        return save(`check-${i}.${format}`, r.stdout);
      });
      assert.ok(codes.includes(1), `some shard holds an error finding: ${codes}`);
      const merged = run(['merge', ...files.reverse()]);
      assert.equal(merged.status, 0, merged.stderr);
      assert.equal(merged.stdout, whole.stdout, format);
      assert.equal(run(['merge', '--fail-on', 'error', ...files]).status, 1, '--fail-on on the merged findings');
    }
  });

  test('bad input is exit 2 with a message: --shard, --jobs, missing or repeated shards, mixed outputs', () => {
    const a1 = save('m-a1.json', run(['analyze', '--format', 'json', '--shard', '1/2', 'seeds']).stdout);
    const a2 = save('m-a2.json', run(['analyze', '--format', 'json', '--shard', '2/2', 'seeds']).stdout);
    const c1 = save('m-c1.json', run(['check', 'seeds', '--format', 'json', '--shard', '1/2']).stdout);
    const cases: Array<[string[], RegExp]> = [
      [['analyze', '--shard', '3/2', 'seeds'], /--shard INDEX must be from 1 to TOTAL/],
      [['check', 'seeds', '--shard', 'x'], /--shard expects INDEX\/TOTAL/],
      [['analyze', '--jobs', '0', 'seeds'], /--jobs must be a whole number/],
      [['merge', a1], /shard 2\/2 missing/],
      [['merge', a1, a1, a2], /given twice/],
      [['merge', a1, c1], /is check output but .* is analyze output/],
      [['merge', save('m-bad.json', '{"x":1}')], /not the JSON of factmark analyze or check/],
      [['merge', path.join(tmp, 'nope.json')], /cannot read file/],
      [['merge'], /merge needs the output files/],
    ];
    for (const [args, re] of cases) {
      const r = run(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re, args.join(' '));
      assert.equal(r.stdout, '', `${args.join(' ')}: nothing on stdout`);
    }
  });

  test('a binary file named on the command line is still exit 2 before any output, with workers', () => {
    const dir = path.join(tmp, 'bin');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(ROOT, 'seeds', fs.readdirSync(path.join(ROOT, 'seeds')).find((f) => f.endsWith('.txt'))!), path.join(dir, 'a.txt'));
    fs.writeFileSync(path.join(dir, 'photo.txt'), 'GIF89a\n\u0000\u0001');
    const r = run(['analyze', '--format', 'json', '--jobs', '2', path.join(dir, 'a.txt'), path.join(dir, 'photo.txt')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /photo\.txt:2:1: not a text file \(NUL byte\)/);
    assert.equal(r.stdout, '');
  });
});
