// The factmark CLI, run as users run it: `node server/bin/factmark.js ...` in a child process.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRoot } from '../support/root';

const ROOT = findRoot();
const BIN = path.join(ROOT, 'server', 'bin', 'factmark.js');
const SEEDS = fs
  .readdirSync(path.join(ROOT, 'seeds'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => `seeds/${f}`);
const ENTITY_TYPES = new Set(['person', 'place', 'organization', 'date', 'number']);

function run(args: string[], cwd = ROOT): SpawnSyncReturns<string> {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-cli-'));
  // Build (or refresh) dist/cli.js once before the parallel-safe runs below.
  const r = run(['--version']);
  assert.equal(r.status, 0, r.stderr);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A folder with a source and an annotations file (fresh per test). */
function fixture(name: string, source: string, yaml: string | null): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'article.txt'), source);
  if (yaml !== null) fs.writeFileSync(path.join(dir, 'annotations.yaml'), yaml);
  return dir;
}

const ARTICLE = [
  'MOSCOW - The ministry said on Tuesday that 4,000 students had enrolled in the program this year.',
  'The mayor opened the new bridge, which cost $12 million, in front of a large crowd.',
  '',
].join('\n');

function annotations(verdict: string, opts: { claimText?: string; evidence?: boolean } = {}): string {
  return [
    '# test fixture',
    'version: 1',
    'sources:',
    '  - id: art',
    '    file: article.txt',
    '    outlet: Test Outlet',
    'claims:',
    '  - id: students',
    `    text: ${JSON.stringify(opts.claimText ?? '4,000 students had enrolled in the program this year')}`,
    '    source: art',
    `    verdict: ${JSON.stringify(verdict)}`,
    '    explanation: The ministry figure counts applications, not enrolments.',
    ...(opts.evidence === false
      ? ['    evidence: []']
      : [
          '    evidence:',
          '      - source: art',
          '        passage: The mayor opened the new bridge',
          '        stance: supports',
        ]),
    '    reviewer: Test Desk',
    '    date: 2025-01-02',
    '',
  ].join('\n');
}

describe('factmark analyze', () => {
  test('JSON contract on the seeds: only JSON on stdout, keys in order, offsets slice the file', () => {
    const r = run(['analyze', '--format', 'json', ...SEEDS]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['files']);
    assert.equal(out.files.length, SEEDS.length);
    let entities = 0;
    let quotes = 0;
    const types = new Set<string>();
    out.files.forEach((f: any, i: number) => {
      assert.equal(f.path, SEEDS[i], 'path as given on the command line');
      assert.deepEqual(Object.keys(f).slice(0, 3), ['path', 'entities', 'quotes']);
      const text = fs.readFileSync(path.join(ROOT, f.path), 'utf8');
      for (const e of f.entities) {
        assert.deepEqual(Object.keys(e).slice(0, 4), ['text', 'type', 'start', 'end']);
        assert.ok(ENTITY_TYPES.has(e.type), `entity type ${e.type}`);
        assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end > e.start && e.end <= text.length);
        assert.equal(text.slice(e.start, e.end), e.text, `${f.path} entity at ${e.start}`);
        types.add(e.type);
      }
      for (const q of f.quotes) {
        assert.deepEqual(Object.keys(q).slice(0, 4), ['text', 'start', 'end', 'speaker']);
        assert.ok(q.speaker === null || (typeof q.speaker === 'string' && q.speaker.length > 0));
        assert.ok(Number.isInteger(q.start) && Number.isInteger(q.end) && q.start >= 0 && q.end >= q.start && q.end <= text.length);
        assert.equal(text.slice(q.start, q.end), q.text, `${f.path} quote at ${q.start}`);
        // spans exclude the marks: the quote text neither starts nor ends with a quote mark
        assert.doesNotMatch(q.text, /^["“”«»]|["“”«»]$/, `quote marks excluded: ${q.text.slice(0, 40)}`);
      }
      entities += f.entities.length;
      quotes += f.quotes.length;
    });
    // Five news articles about a summit: people, places and quoted speech must be found.
    assert.ok(entities > 50, `entities found on the seeds: ${entities}`);
    assert.ok(quotes > 5, `quotes found on the seeds: ${quotes}`);
    for (const t of ['person', 'place']) assert.ok(types.has(t), `type ${t} present`);
  });

  test('npm run --silent factmark -- analyze --format json prints only the JSON', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['run', '--silent', 'factmark', '--', 'analyze', '--format', 'json', SEEDS[0]], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files[0].path, SEEDS[0]);
  });

  test('offsets are UTF-16 code units (astral characters, BOM, CRLF) and folders expand', () => {
    const dir = path.join(tmp, 'utf16');
    fs.mkdirSync(dir, { recursive: true });
    const text =
      '\uFEFF😀🎉 BERLIN - German Chancellor Olaf Scholz said on Monday: “We will send 5,000 helmets.” 𝒳\r\n' +
      '“It is not enough,” said Ukrainian President Volodymyr Zelenskyy in Kyiv on 2 March 2022.\r\n';
    fs.writeFileSync(path.join(dir, 'a.txt'), text);
    fs.writeFileSync(path.join(dir, 'b.md'), '# Notes\n\nThe **United Nations** said 20 people died in Geneva on Friday.\n');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'node_modules', 'skip.txt'), 'Paris');
    const r = run(['analyze', '--format', 'json', dir]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.files.map((f: any) => path.basename(f.path)),
      ['a.txt', 'b.md'],
    );
    for (const f of out.files) {
      const t = fs.readFileSync(f.path, 'utf8');
      for (const x of [...f.entities, ...f.quotes]) assert.equal(t.slice(x.start, x.end), x.text);
    }
    const a = out.files[0];
    assert.ok(a.entities.length > 0 && a.quotes.length > 0, 'the article has entities and quotes');
  });

  test('date entities carry "value": relative dates resolved against sources[].published, --published or the dateline', () => {
    // A seed listed in the annotations (published 2025-10-15, a Wednesday).
    const seed = JSON.parse(run(['analyze', '--format', 'json', 'seeds/000_36b7db209ad6e638.txt']).stdout).files[0];
    const v = (t: string) => seed.entities.find((e: any) => e.type === 'date' && e.text === t)?.value;
    assert.equal(v('Wednesday'), '2025-10-15');
    assert.equal(v('last December'), '2024-12');
    assert.equal(v('earlier this week'), '2025-10-13/2025-10-14');
    assert.ok(seed.entities.filter((e: any) => e.type !== 'date').every((e: any) => !('value' in e)));
    // A file no annotations list: --published sets the reference; without it (no dateline) no value.
    const dir = fixture('published', 'The minister resigned on Friday, 10 months ago.\n', null);
    const file = path.join(dir, 'article.txt');
    const withRef = JSON.parse(run(['analyze', '--format', 'json', '--published', '2024-05-08', file]).stdout).files[0];
    assert.deepEqual(withRef.entities.filter((e: any) => e.type === 'date').map((e: any) => [e.text, e.value]), [['Friday', '2024-05-03'], ['10 months ago', '2023-07']]);
    const without = JSON.parse(run(['analyze', '--format', 'json', file]).stdout).files[0];
    assert.ok(without.entities.every((e: any) => e.value === undefined));
    const bad = run(['analyze', '--published', '15/10/2025', file]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--published must be a date YYYY-MM-DD/);
  });

  test('--format text groups entities by type with counts and lists quotes with line:col', () => {
    const r = run(['analyze', '--format', 'text', SEEDS[0]]);
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    assert.match(out, new RegExp(`^${SEEDS[0].replace(/\./g, '\\.')}: \\d+ entity mentions? \\(\\d+ distinct\\), \\d+ quotes?`));
    const json = JSON.parse(run(['analyze', '--format', 'json', SEEDS[0]]).stdout).files[0];
    const persons = json.entities.filter((e: any) => e.type === 'person').length;
    if (persons) assert.match(out, new RegExp(`^person \\(${persons} mentions?, \\d+ distinct\\)$`, 'm'));
    assert.match(out, new RegExp(`^quotes \\(${json.quotes.length}\\)$`, 'm'));
    for (const line of out.split('\n').filter((l) => /^ {2}\d+:\d+ {2}/.test(l))) {
      assert.match(line, /^ {2}\d+:\d+ {2}.+: “.*”$/);
    }
    assert.throws(() => JSON.parse(out));
  });

  test('bad input: exit 2 with a message on stderr and nothing on stdout', () => {
    for (const args of [['analyze', 'no/such/file.txt'], ['analyze', '--format', 'xml', SEEDS[0]], ['analyze'], ['analyze', '--bogus', SEEDS[0]], ['frobnicate']]) {
      const r = run(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^factmark( analyze)?: /);
    }
  });
});

describe('factmark help and version', () => {
  test('--help, <cmd> --help and --version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const v = run(['--version']);
    assert.equal(v.status, 0);
    assert.equal(v.stdout.trim(), pkg.version);
    const h = run(['--help']);
    assert.equal(h.status, 0);
    for (const cmd of ['analyze', 'check', 'export']) assert.match(h.stdout, new RegExp(`factmark ${cmd}`));
    for (const cmd of ['analyze', 'check', 'export']) {
      const r = run([cmd, '--help']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Usage: factmark ${cmd}`));
    }
  });
});

describe('factmark check', () => {
  test('refuted claim → exit 1; --fail-on none → 0; compiler-style text output', () => {
    const dir = fixture('refuted', ARTICLE, annotations('false'));
    const r = run(['check', '.', '--severity', 'FM004=off'], dir);
    assert.equal(r.status, 1, r.stderr + r.stdout);
    const line = r.stdout.split('\n').find((l) => l.includes('FM001'));
    assert.ok(line, r.stdout);
    const col = ARTICLE.indexOf('4,000') + 1;
    assert.equal(line!.slice(0, line!.indexOf(': error')), `article.txt:1:${col}`);
    assert.match(line!, /: error FM001 claim-refuted: /);
    // the last line sums up without suggesting the YAML's findings are in a source
    assert.equal(r.stdout.trimEnd().split('\n').pop(), '1 error; 1 source checked against annotations.yaml');
    assert.equal(run(['check', '.', '--fail-on', 'none'], dir).status, 0);
  });

  test('supported claim with evidence → exit 0, and --fail-on lowers the bar', () => {
    const dir = fixture('supported', ARTICLE, annotations('true'));
    const r = run(['check', '--severity', 'FM004=off', 'article.txt'], dir);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.doesNotMatch(r.stdout, /FM00[123]/);
    // An unproven claim is reported (FM003, info): below the default bar, at --fail-on info.
    const dir2 = fixture('unproven', ARTICLE, annotations('unproven'));
    const a = run(['check', '--severity', 'FM004=off', 'article.txt'], dir2);
    assert.equal(a.status, 0, a.stdout);
    assert.match(a.stdout, /FM003 claim-needs-evidence/);
    assert.equal(run(['check', '--severity', 'FM004=off', '--fail-on', 'info', 'article.txt'], dir2).status, 1);
    assert.equal(run(['check', '--severity', 'FM004=off', '--fail-on', 'warning', 'article.txt'], dir2).status, 0);
    // --severity raises it
    assert.equal(run(['check', '--severity', 'FM004=off', '--severity', 'FM003=error', 'article.txt'], dir2).status, 1);
  });

  test('annotations discovered above the given path, and --annotations', () => {
    const dir = fixture('above', ARTICLE, annotations('false'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'other.txt'), 'Nothing to see here.\n');
    // Checking only the sub folder still finds ../annotations.yaml (no FM001 there: other source).
    const r = run(['check', 'sub', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.annotations, ['annotations.yaml']);
    // --annotations with no PATHS checks the sources the file lists.
    const elsewhere = fs.mkdtempSync(path.join(tmp, 'cwd-'));
    const r2 = run(['check', '--annotations', path.join(dir, 'annotations.yaml'), '--format', 'json', '--severity', 'FM004=off'], elsewhere);
    assert.equal(r2.status, 1, r2.stderr);
    const files = JSON.parse(r2.stdout).files;
    const art = files.find((f: any) => f.path.endsWith('article.txt'));
    assert.ok(art, JSON.stringify(files.map((f: any) => f.path)));
    const f = art.findings.find((x: any) => x.code === 'FM001');
    assert.ok(f);
    assert.equal(f.text, '4,000 students had enrolled in the program this year');
    assert.equal(f.line, 1);
    assert.equal(ARTICLE.slice(f.start, f.end), f.text);
  });

  test('bad input → exit 2: unknown option, missing path, unparsable YAML with path:line:col', () => {
    const dir = fixture('bad', ARTICLE, annotations('false'));
    let r = run(['check', '--frobnicate'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^factmark check: unknown option --frobnicate\nUsage: factmark check \[PATHS\.\.\.\]/);
    assert.doesNotMatch(r.stderr, /To specify a positional argument/, "not Node's raw parseArgs text");
    r = run(['check', '--formt', 'json'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown option --formt \(did you mean --format\?\)/);
    r = run(['analyze', '--format'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^factmark analyze: option --format needs a value\nUsage: factmark analyze /);
    r = run(['export', '--claimreview', '--pretty=yes'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^factmark export: option --pretty takes no value\nUsage: factmark export /);
    assert.equal(r.stdout, '');
    r = run(['check', 'missing.txt'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /missing\.txt: no such file or directory/);
    r = run(['check', '--annotations', 'nope.yaml'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nope\.yaml/);
    r = run(['check', '--fail-on', 'sometimes'], dir);
    assert.equal(r.status, 2);
    r = run(['check', '--threshold', '1.5'], dir);
    assert.equal(r.status, 2);
    // A YAML syntax error: reported with its position, exit 2, nothing on stdout.
    fs.writeFileSync(path.join(dir, 'annotations.yaml'), 'version: 1\nsources:\n  - id: art\n    file: [article.txt\n');
    r = run(['check', '.'], dir);
    assert.equal(r.status, 2, r.stdout);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^annotations\.yaml:\d+:\d+: error FM100 annotations-syntax: /m);
  });

  test('bad input: a binary file named on the command line is exit 2 with its position; one found in a folder is skipped with a note', () => {
    const dir = fixture('binary', ARTICLE, null);
    fs.writeFileSync(path.join(dir, 'photo.txt'), Buffer.from([0x47, 0x49, 0x46, 0x0a, 0x38, 0x00, 0x39, 0x61, 0x22, 0x41, 0x42, 0x22]));
    for (const cmd of ['analyze', 'check']) {
      let r = run([cmd, 'photo.txt'], dir);
      assert.equal(r.status, 2, `${cmd}: ${r.stdout}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^factmark: photo\.txt:2:2: not a text file \(NUL byte\)/);
      r = run([cmd, '--format', 'json', '.'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /skipped photo\.txt: a binary file, not text \(NUL byte at 2:2\)/);
      const paths = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path);
      assert.deepEqual(paths, ['article.txt'], 'no findings invented from binary noise');
    }
  });

  test('bad input: an annotations file that is a YAML list is exit 2 with a clear message; a 0-byte one is valid', () => {
    const dir = fixture('list', ARTICLE, '- a\n- b\n');
    let r = run(['check', '.'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^annotations\.yaml:1:1: error FM101 annotations-schema: The annotations file must be a mapping/m);
    fs.writeFileSync(path.join(dir, 'annotations.yaml'), '');
    r = run(['check', '--format', 'json', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).annotations, ['annotations.yaml']);
  });

  test('schema problems in the annotations are findings located in the YAML', () => {
    const yaml = annotations('false').replace('    outlet: Test Outlet\n', '    outlet: Test Outlet\n    colour: blue\n');
    const dir = fixture('schema', ARTICLE, yaml);
    const r = run(['check', '.', '--format', 'json', '--severity', 'FM004=off'], dir);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    const y = out.files.find((f: any) => f.path === 'annotations.yaml');
    const p = y.findings.find((x: any) => x.code === 'FM101');
    assert.ok(p, JSON.stringify(y.findings));
    assert.equal(p.line, yaml.split('\n').findIndex((l) => l.includes('colour')) + 1);
  });

  test('SARIF rules link to the README anchors only under --docs-url; a bad URL is exit 2', () => {
    const dir = fixture('sarif-docs', ARTICLE, annotations('false'));
    const r = run(['check', '--format', 'sarif', '--docs-url', 'https://desk.example.org/factmark/README.md'], dir);
    assert.equal(r.status, 1, r.stderr);
    const driver = JSON.parse(r.stdout).runs[0].tool.driver;
    assert.equal(driver.informationUri, 'https://desk.example.org/factmark/README.md');
    const fm001 = driver.rules.find((x: any) => x.id === 'FM001');
    assert.equal(fm001.helpUri, 'https://desk.example.org/factmark/README.md#fm001');
    const bad = run(['check', '--format', 'sarif', '--docs-url', 'not a url'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--docs-url must be an http\(s\) URL/);
  });

  test('SARIF 2.1.0 for code scanning: schema, rules, results with 1-based UTF-16 regions', () => {
    const dir = fixture('sarif', '“Prelude” 😀 ' + ARTICLE, annotations('false'));
    fs.mkdirSync(path.join(dir, 'news'));
    fs.renameSync(path.join(dir, 'article.txt'), path.join(dir, 'news', 'article.txt'));
    fs.writeFileSync(path.join(dir, 'annotations.yaml'), annotations('false').replace('file: article.txt', 'file: news/article.txt'));
    const r = run(['check', '--format', 'sarif'], dir);
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'factmark');
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    const rules = run0.tool.driver.rules;
    const ids = rules.map((x: any) => x.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids unique');
    for (const rule of rules) {
      assert.match(rule.id, /^FM\d{3}$/);
      assert.ok(rule.shortDescription.text.length > 0);
      assert.equal(rule.helpUri, undefined, 'no made-up documentation links without --docs-url');
      assert.ok(rule.help.text.includes(rule.id));
      assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level));
    }
    assert.ok(run0.results.length > 0);
    const source = fs.readFileSync(path.join(dir, 'news', 'article.txt'), 'utf8');
    let sawFm001 = false;
    for (const res of run0.results) {
      assert.ok(ids.includes(res.ruleId));
      assert.equal(rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note', 'none'].includes(res.level));
      assert.ok(res.message.text.length > 0);
      const loc = res.locations[0].physicalLocation;
      assert.doesNotMatch(loc.artifactLocation.uri, /\\|^\/|^[a-z]+:/i, 'relative uri with forward slashes');
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      const g = loc.region;
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(g[k]) && g[k] >= 1, k);
      assert.ok(g.endLine > g.startLine || (g.endLine === g.startLine && g.endColumn >= g.startColumn));
      if (res.ruleId === 'FM001') {
        sawFm001 = true;
        assert.equal(loc.artifactLocation.uri, 'news/article.txt');
        assert.equal(res.level, 'error');
        // line/column (UTF-16) → offset gives back the claim
        const lines = source.split('\n');
        const offset = lines.slice(0, g.startLine - 1).reduce((n, l) => n + l.length + 1, 0) + g.startColumn - 1;
        const endOffset = lines.slice(0, g.endLine - 1).reduce((n, l) => n + l.length + 1, 0) + g.endColumn - 1;
        assert.equal(source.slice(offset, endOffset), '4,000 students had enrolled in the program this year');
        assert.equal(g.charOffset, offset);
      }
    }
    assert.ok(sawFm001);
    assert.ok(run0.originalUriBaseIds['%SRCROOT%'].uri.startsWith('file:///'));
    assert.ok(run0.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
  });

  test('text output prints the word diff and the full explanation under a finding (wrapped); --brief does not', () => {
    const full = run(['check', 'seeds']);
    const lines = full.stdout.split('\n');
    const fm005 = lines.findIndex((l) => /FM005 .*Sergei Lavrov/.test(l));
    assert.ok(fm005 >= 0, full.stdout);
    assert.equal(lines[fm005 + 1], '    wording: in [-our-] {+the Russian+} capital{+.+}');
    const fm001 = lines.findIndex((l) => / FM001 /.test(l));
    const expl = [];
    for (let i = fm001 + 1; lines[i]?.startsWith('    '); i++) expl.push(lines[i]);
    assert.match(expl.join(' '), /^ {4}explanation: Alexander Novak .* mistranslated the title\.$/);
    assert.ok(expl.length > 1 && expl.every((l) => l.length <= 100), 'wrapped at 100 columns');
    assert.doesNotMatch(full.stdout, /hover for the word diff|…;/);
    const brief = run(['check', 'seeds', '--brief']);
    assert.ok(brief.stdout.split('\n').every((l) => !l.startsWith('    ')));
  });

  test('the seeds: findings reported, same counts in text and JSON', () => {
    const text = run(['check', 'seeds', '--brief']);
    assert.ok(text.status === 0 || text.status === 1, text.stderr);
    const json = run(['check', 'seeds', '--format', 'json']);
    const out = JSON.parse(json.stdout);
    const n = out.files.reduce((s: number, f: any) => s + f.findings.length, 0);
    assert.ok(n > 0, 'the seeds have findings');
    assert.equal(text.stdout.trim().split('\n').length - 1, n);
    assert.equal(text.status, out.summary.error > 0 ? 1 : 0);
  });
});

describe('factmark export --claimreview', () => {
  test('prints ClaimReview JSON-LD for every claim with a verdict', () => {
    const r = run(['export', '--claimreview', '--annotations', 'seeds/annotations.yaml', '--base-url', 'https://desk.example/reviews']);
    assert.equal(r.status, 0, r.stderr);
    const reviews = JSON.parse(r.stdout);
    assert.ok(Array.isArray(reviews) && reviews.length >= 15, `reviews: ${reviews.length}`);
    for (const cr of reviews) {
      assert.equal(cr['@type'], 'ClaimReview');
      assert.match(String(cr['@context']), /schema\.org/);
      assert.equal(typeof cr.claimReviewed, 'string');
      const rating = cr.reviewRating;
      assert.equal(rating['@type'], 'Rating');
      assert.ok(rating.worstRating <= rating.ratingValue && rating.ratingValue <= rating.bestRating);
      assert.equal(typeof rating.alternateName, 'string');
      assert.equal(cr.itemReviewed['@type'], 'Claim');
      assert.match(cr.url, /^https:\/\/desk\.example\/reviews/);
    }
  });

  test('needs --claimreview; invalid annotations → exit 2 with position', () => {
    assert.equal(run(['export']).status, 2);
    const dir = fixture('export-bad', ARTICLE, 'claims:\n  - id: x\n    text: "unterminated\n');
    const r = run(['export', '--claimreview'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^annotations\.yaml:\d+:\d+: error FM100/m);
  });
});
