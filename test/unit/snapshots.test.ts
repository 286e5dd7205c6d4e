// Output snapshots: `factmark analyze --format json` for every seed and news fixture, and
// `factmark check seeds --format json`. They prove a restructuring did not change the output by
// accident; an intended change is reviewed in the diff of test/snapshots/ after regenerating with
//   UPDATE=1 npm run build:tsc && UPDATE=1 node --test out/test/unit/snapshots.test.js
// Each entity/quote/finding is one line, so the diff shows exactly what moved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { findRoot } from '../support/root';

const root = findRoot();
const snapDir = path.join(root, 'test', 'snapshots');
const update = process.env.UPDATE === '1';

function cli(args: string[]): string {
  try {
    return execFileSync(process.execPath, [path.join(root, 'server', 'bin', 'factmark.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    if (err.status === 1 && typeof err.stdout === 'string') return err.stdout; // check: a finding reached --fail-on
    throw e;
  }
}

/** One JSON value per line for arrays of records, so snapshot diffs are line-per-item. */
function lines(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown, indent: string): void => {
    if (Array.isArray(v) && v.length && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      out.push(`${indent}[`);
      for (const x of v) out.push(`${indent}  ${JSON.stringify(x)}`);
      out.push(`${indent}]`);
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (Array.isArray(x) || (x && typeof x === 'object')) {
          out.push(`${indent}${JSON.stringify(k)}:`);
          walk(x, indent + '  ');
        } else out.push(`${indent}${JSON.stringify(k)}: ${JSON.stringify(x)}`);
      }
    } else out.push(`${indent}${JSON.stringify(v)}`);
  };
  walk(value, '');
  return out.join('\n') + '\n';
}

function compare(name: string, actual: string): void {
  const file = path.join(snapDir, name);
  if (update || !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    if (!update) assert.fail(`snapshot ${name} was missing and has been written; review and commit it`);
    return;
  }
  const expected = fs.readFileSync(file, 'utf8');
  if (expected === actual) return;
  const a = actual.split('\n');
  const b = expected.split('\n');
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && diffs.length < 12; i++) {
    if (a[i] !== b[i]) diffs.push(`line ${i + 1}:\n  - ${b[i] ?? '(none)'}\n  + ${a[i] ?? '(none)'}`);
  }
  assert.fail(`snapshot ${name} differs (regenerate with UPDATE=1 and review the diff):\n${diffs.join('\n')}`);
}

const inputs: string[] = [
  ...fs.readdirSync(path.join(root, 'seeds')).filter((f) => f.endsWith('.txt')).sort().map((f) => `seeds/${f}`),
  ...fs.readdirSync(path.join(root, 'test', 'fixtures', 'news')).filter((f) => f.endsWith('.txt')).sort().map((f) => `test/fixtures/news/${f}`),
];

test('analyze snapshots: seeds and news fixtures', () => {
  const json = JSON.parse(cli(['analyze', '--format', 'json', ...inputs])) as { files: Array<{ path: string }> };
  assert.equal(json.files.length, inputs.length);
  for (const file of json.files) {
    compare(path.join('analyze', path.basename(file.path).replace(/\.txt$/, '.json')), lines(file));
  }
});

test('check snapshot: seeds against seeds/annotations.yaml', () => {
  const json = JSON.parse(cli(['check', 'seeds', '--format', 'json', '--fail-on', 'none'])) as {
    files: Array<{ path: string; findings: object[] }>;
    summary: unknown;
  };
  // One finding per line, with its file; absolute paths made relative to the checkout.
  const findings = json.files.flatMap((f) => f.findings.map((x) => ({ path: f.path, ...x })));
  compare('check-seeds.json', lines({ findings, summary: json.summary }).split(root + path.sep).join(''));
});
