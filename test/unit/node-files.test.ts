// Node helpers shared by the CLI and the server: globs, source and annotations discovery.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { globToRegExp, matchesAny } from '../../server/src/node/glob';
import { findAnnotationFiles, findSourceFiles, InputError, lineCol, lineColMapper } from '../../server/src/node/files';
import { loadAnnotationsFromDisk, listedSources } from '../../server/src/node/annotations';

describe('globToRegExp', () => {
  test('** / * / ? / {a,b} / [..] and base-name patterns', () => {
    const cases: Array<[string, string, boolean]> = [
      ['**/annotations.yaml', 'annotations.yaml', true],
      ['**/annotations.yaml', 'a/b/annotations.yaml', true],
      ['**/annotations.yaml', 'a/b/my-annotations.yaml', false],
      ['**/*.annotations.yaml', 'desk/syria.annotations.yaml', true],
      ['**/*.annotations.yaml', 'desk/annotations.yaml', false],
      ['annotations.yaml', 'deep/in/annotations.yaml', true],
      ['docs/*.md', 'docs/a.md', true],
      ['docs/*.md', 'docs/x/a.md', false],
      ['docs/**', 'docs/x/a.md', true],
      ['**/*.{txt,md}', 'a/b.md', true],
      ['**/*.{txt,md}', 'a/b.markdown', false],
      ['file?.txt', 'file1.txt', true],
      ['file[0-9].txt', 'fileA.txt', false],
      ['file[!0-9].txt', 'fileA.txt', true],
      ['a+b (1).txt', 'a+b (1).txt', true],
    ];
    for (const [glob, p, expected] of cases) assert.equal(globToRegExp(glob).test(p), expected, `${glob} ~ ${p}`);
    assert.ok(matchesAny('.\\x\\annotations.yaml', ['**/annotations.yaml']), 'backslashes and ./ are normalised');
  });
});

describe('discovery', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-files-'));
    const w = (p: string, t = 'x\n') => {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), t);
    };
    fs.mkdirSync(path.join(dir, '.git'));
    w('annotations.yaml', 'version: 1\nsources:\n  - id: a\n    file: news/a.txt\n');
    w('news/a.txt');
    w('news/b.md');
    w('news/c.json');
    w('news/deep/d.markdown');
    w('news/node_modules/pkg/readme.md');
    w('news/.hidden/e.txt');
    w('desk/syria.annotations.yaml', 'version: 1\n');
    w('desk/notes.txt');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('findSourceFiles expands folders (skipping node_modules and hidden folders) and keeps given paths', () => {
    const files = findSourceFiles([path.join(dir, 'news')]).map((f) => path.relative(dir, f.abs).split(path.sep).join('/'));
    assert.deepEqual(files, ['news/a.txt', 'news/b.md', 'news/deep/d.markdown']);
    const explicit = findSourceFiles([path.join(dir, 'news', 'c.json')]);
    assert.equal(explicit.length, 1, 'a file given explicitly is used whatever its extension');
    assert.throws(() => findSourceFiles([path.join(dir, 'missing.txt')]), InputError);
  });

  test('findAnnotationFiles: below a folder, else the nearest folder above (stopping at the repository root)', () => {
    const rel = (ps: string[]) => ps.map((p) => path.relative(dir, p).split(path.sep).join('/'));
    assert.deepEqual(rel(findAnnotationFiles([dir])), ['annotations.yaml', 'desk/syria.annotations.yaml']);
    assert.deepEqual(rel(findAnnotationFiles([path.join(dir, 'desk')])), ['desk/syria.annotations.yaml']);
    assert.deepEqual(rel(findAnnotationFiles([path.join(dir, 'news', 'deep')])), ['annotations.yaml'], 'found above');
    assert.deepEqual(rel(findAnnotationFiles([path.join(dir, 'news', 'a.txt')])), ['annotations.yaml']);
    assert.deepEqual(rel(findAnnotationFiles([dir], ['**/*.annotations.yaml'])), ['desk/syria.annotations.yaml'], 'custom globs');
  });

  test('loadAnnotationsFromDisk parses, resolves listed sources, and reports missing files (FM103)', () => {
    const ann = loadAnnotationsFromDisk(path.join(dir, 'annotations.yaml'));
    assert.ok(ann.model);
    assert.deepEqual(listedSources(ann), [path.join(dir, 'news', 'a.txt')]);
    fs.writeFileSync(path.join(dir, 'desk', 'syria.annotations.yaml'), 'version: 1\nsources:\n  - id: gone\n    file: gone.txt\n');
    const broken = loadAnnotationsFromDisk(path.join(dir, 'desk', 'syria.annotations.yaml'));
    assert.ok(broken.problems.some((p) => p.code === 'FM103' && broken.text.slice(p.start, p.end).includes('gone.txt')), JSON.stringify(broken.problems));
    assert.throws(() => loadAnnotationsFromDisk(path.join(dir, 'nope.yaml')), /cannot read file/);
  });
});

describe('line/column', () => {
  test('1-based, UTF-16 columns, both implementations agree', () => {
    const text = 'ab\n😀c\r\nd';
    const map = lineColMapper(text);
    for (let i = 0; i <= text.length; i++) assert.deepEqual(map(i), lineCol(text, i));
    assert.deepEqual(lineCol(text, 0), { line: 1, col: 1 });
    assert.deepEqual(lineCol(text, 5), { line: 2, col: 3 }, 'after the surrogate pair: column 3');
    assert.deepEqual(lineCol(text, text.length), { line: 3, col: 2 });
  });
});
