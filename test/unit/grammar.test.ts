// The TextMate grammar for news text (syntaxes/newstext.tmLanguage.json): every regex compiles, every
// include resolves, and the rules mark quotes, numbers, dates, datelines and bylines (and not
// apostrophes). When a code-server install is cached in .vscode-test, the grammar is also run
// through VS Code's own tokenizer (vscode-textmate + Oniguruma).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRoot } from '../support/root';

const ROOT = findRoot();
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'newstext.tmLanguage.json');
const grammar = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
}

function* rules(r: Rule, where: string): Generator<{ rule: Rule; where: string }> {
  yield { rule: r, where };
  for (const [i, p] of (r.patterns ?? []).entries()) yield* rules(p, `${where}/patterns/${i}`);
  for (const key of ['captures', 'beginCaptures', 'endCaptures'] as const) {
    for (const [k, c] of Object.entries(r[key] ?? {})) yield* rules(c, `${where}/${key}/${k}`);
  }
}

function allRules(): Array<{ rule: Rule; where: string }> {
  const out = [...rules({ patterns: grammar.patterns }, '')];
  for (const [k, r] of Object.entries(grammar.repository as Record<string, Rule>)) out.push(...rules(r, `#${k}`));
  return out;
}

/** JS version of a rule's `match` (the constructs used are common to Oniguruma and JS with the u flag). */
function re(key: string, flags = 'gu'): RegExp {
  const r = grammar.repository[key] as Rule;
  assert.ok(r.match, `${key} has a match`);
  return new RegExp(r.match!, flags);
}

function matches(key: string, text: string): string[] {
  return [...text.matchAll(re(key))].map((m) => m[0]);
}

/**
 * Scans `text` with the match-rules of a repository entry the way TextMate does: at each position the
 * earliest match of any rule wins (ties: the first rule), scanning resumes after it. Returns the
 * scoped text of each match: the whole match for a named rule, else its first named capture.
 */
function scan(key: string, text: string): string[] {
  const subs = (grammar.repository[key].patterns as Rule[]).filter((p) => p.match).map((p) => ({ rule: p, re: new RegExp(p.match!, 'gu') }));
  const out: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    let best: { m: RegExpExecArray; rule: Rule } | null = null;
    for (const s of subs) {
      s.re.lastIndex = pos;
      const m = s.re.exec(text);
      if (m && m[0].length > 0 && (!best || m.index < best.m.index)) best = { m, rule: s.rule };
    }
    if (!best) break;
    const { m, rule } = best;
    if (rule.name) out.push(m[0]);
    else {
      const g = Object.keys(rule.captures ?? {}).map(Number).find((n) => rule.captures![n].name && m[n] !== undefined);
      if (g !== undefined) out.push(m[g]);
    }
    pos = m.index + m[0].length;
  }
  return out;
}

describe('newstext grammar: structure', () => {
  test('scope name, file types and the rules the manifest relies on', () => {
    assert.equal(grammar.scopeName, 'text.newstext');
    assert.deepEqual(grammar.fileTypes, ['news', 'newstext']);
    for (const key of ['dateline', 'byline', 'footer', 'quotes', 'dates', 'numbers']) {
      assert.ok(grammar.repository[key], `repository.${key}`);
      assert.ok(grammar.patterns.some((p: Rule) => p.include === `#${key}`), `top-level include #${key}`);
    }
  });

  test('every regex compiles (JS, Unicode mode) and uses no Oniguruma-only syntax', () => {
    let count = 0;
    for (const { rule, where } of allRules()) {
      for (const key of ['match', 'begin', 'end'] as const) {
        const src = rule[key];
        if (src === undefined) continue;
        count++;
        assert.doesNotThrow(() => new RegExp(src, 'u'), `${where}.${key}: ${src}`);
        assert.doesNotMatch(src, /\\[GAzZh]|\(\?>|\(\?~|[*+?}]\+/, `${where}.${key} uses Oniguruma-only syntax`);
      }
    }
    assert.ok(count >= 20, `regex count ${count}`);
  });

  test('every include resolves and every named scope ends in .newstext', () => {
    for (const { rule, where } of allRules()) {
      if (rule.include) {
        assert.match(rule.include, /^#/);
        assert.ok(grammar.repository[rule.include.slice(1)], `${where}: ${rule.include}`);
      }
      if (rule.name) {
        for (const scope of rule.name.split(/\s+/)) assert.match(scope, /\.newstext$/, `${where}: ${scope}`);
        assert.match(rule.name, /^(string|constant|entity|keyword|markup|comment|punctuation|meta|support|variable)\./);
      }
    }
  });
});

describe('newstext grammar: what the rules match (JS engine)', () => {
  test('datelines', () => {
    const d = re('dateline', 'u');
    for (const [line, city] of [
      ['BEIRUT - Syria said', 'BEIRUT'],
      ['CAIRO, Oct 15 (AP) - Egypt', 'CAIRO'],
      ['MOSCOW (Reuters) — The Kremlin', 'MOSCOW'],
      ['WASHINGTON, D.C. – Officials', 'WASHINGTON'],
      ['NEW YORK, Jan. 3, 2024 (AFP) -- Stocks', 'NEW YORK'],
    ]) {
      const m = d.exec(line);
      assert.ok(m, line);
      assert.equal(m![1], city);
    }
    for (const line of ['The minister - who spoke', 'Beirut - lower case', 'A - B', 'He said BEIRUT - no']) assert.equal(d.exec(line), null, line);
  });

  test('bylines and credit lines', () => {
    const b = re('byline', 'u');
    const m = b.exec('By Jane Doe and Ahmed Al-Masri, Reuters');
    assert.ok(m);
    assert.equal(m![2], 'Jane Doe and Ahmed Al-Masri');
    assert.equal(m![4], 'Reuters');
    assert.equal(b.exec('By the end of the week, talks resumed'), null);
    assert.deepEqual(scan('footer', '(Reporting by Maya Gebeily; Editing by Sharon Singleton)').length, 1);
  });

  test('single quotes: partial quotes yes, apostrophes no', () => {
    assert.deepEqual(matches('quote-single-straight', "he wanted to 'redefine' ties"), ["'redefine'"]);
    assert.deepEqual(matches('quote-single-straight', "Assad's forces and the rebels' positions, Russia's bases"), []);
    assert.deepEqual(matches('quote-single-straight', "the 'new Syria's' allies"), ["'new Syria's'"]);
    assert.deepEqual(matches('quote-single-curly', 'a ‘historic’ visit to Russia’s capital'), ['‘historic’']);
    assert.deepEqual(matches('quote-single-curly', 'called it ‘Russia’s ally’ twice'), ['‘Russia’s ally’']);
    assert.deepEqual(matches('quote-single-curly', 'Russia’s and Syria’s ties'), []);
  });

  test('double quotes: begin/end pairs, ending at the paragraph end when unclosed', () => {
    for (const key of ['quote-double-straight', 'quote-double-curly', 'quote-guillemets']) {
      const r = grammar.repository[key] as Rule;
      assert.ok(r.begin && r.end, key);
      assert.match(r.name!, /^string\.quoted\./);
      assert.ok(r.end!.endsWith('|$'), `${key} also ends at the end of the paragraph`);
      assert.equal(new RegExp(r.end!, 'u').exec('quoted words')?.index, 'quoted words'.length, `${key}: unclosed → ends at line end`);
    }
    assert.ok(new RegExp(grammar.repository['quote-double-curly'].end, 'u').exec('key to Syria’s future”')![0] === '”');
  });

  test('numbers', () => {
    const n = (s: string) => scan('numbers', s);
    assert.deepEqual(n('$1.5 billion for 14,000 people, 3.2% and 50km'), ['$1.5 billion', '14,000', '3.2%', '50km']);
    assert.deepEqual(n('the 1990s and the 3rd time'), ['1990s', '3rd']);
    assert.deepEqual(n('two and a half hours, thousands of troops'), ['two', 'thousands']);
    assert.deepEqual(n('COVID19 and A4 paper'), [], 'digits inside words are not numbers');
  });

  test('dates and times', () => {
    const d = (s: string) => scan('dates', s);
    assert.deepEqual(d('on Wednesday, October 15, 2025'), ['Wednesday', 'October 15, 2025']);
    assert.deepEqual(d('on 15 October 2025 and 2025-10-15T09:30Z'), ['15 October 2025', '2025-10-15T09:30Z']);
    assert.deepEqual(d('Oct. 15 at 9:30 a.m. and 14:00 GMT'), ['Oct. 15', '9:30 a.m.', '14:00 GMT']);
    assert.deepEqual(d('yesterday, last year and this week'), ['yesterday', 'last year', 'this week']);
    assert.deepEqual(d('in 2011 and since March 2011'), ['2011', 'March 2011']);
    assert.deepEqual(d('In May, the army may march. March 3 and May 2024'), ['May', 'March 3', 'May 2024']);
  });
});

describe('newstext grammar: VS Code tokenizer (vscode-textmate + Oniguruma)', () => {
  const base = path.join(ROOT, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  const available = fs.existsSync(path.join(base, 'vscode-textmate')) && fs.existsSync(path.join(base, 'vscode-oniguruma', 'release', 'onig.wasm'));

  // `npm test` installs code-server before the unit tests, so in CI this never skips.
  const skip = available ? false : process.env.CI ? false : 'code-server is not installed in .vscode-test (npm test installs it)';
  test('tokenizes a news paragraph with the scopes themes colour', { skip }, async () => {
    assert.ok(available, 'code-server (with vscode-textmate and vscode-oniguruma) is installed in .vscode-test/code-server');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tm = require(path.join(base, 'vscode-textmate'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const onig = require(path.join(base, 'vscode-oniguruma'));
    await onig.loadWASM(fs.readFileSync(path.join(base, 'vscode-oniguruma', 'release', 'onig.wasm')).buffer);
    const registry = new tm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
      loadGrammar: async () => tm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH),
    });
    const g = await registry.loadGrammar('text.newstext');
    const lines = [
      'CAIRO, Oct 15 (AP) - Egypt said on Monday that 1,200 people had fled.',
      'By Jane Doe, Reuters',
      '“We wanted to \'redefine\' ties with Russia’s leaders,” he said in 2011.',
      '“This quote runs on',
      'Assad\'s allies said "no".',
    ];
    let state = tm.INITIAL;
    const tokens: Array<{ line: number; text: string; scopes: string[] }> = [];
    lines.forEach((line, i) => {
      const r = g.tokenizeLine(line, state);
      state = r.ruleStack;
      for (const t of r.tokens) tokens.push({ line: i, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    });
    const scopeOf = (line: number, text: string) => tokens.find((t) => t.line === line && t.text === text)?.scopes.join(' ') ?? '(no token)';
    assert.match(scopeOf(0, 'CAIRO'), /entity\.name\.section\.dateline/);
    assert.match(scopeOf(0, 'Oct 15'), /constant\.language\.date/);
    assert.match(scopeOf(0, 'Monday'), /constant\.language\.date/);
    assert.match(scopeOf(0, '1,200'), /constant\.numeric/);
    assert.match(scopeOf(1, 'Jane Doe'), /entity\.name\.function\.author/);
    assert.match(scopeOf(2, 'redefine'), /string\.quoted\.double\.newstext string\.quoted\.single/);
    assert.match(scopeOf(2, ' ties with Russia’s leaders,'), /string\.quoted\.double/);
    assert.match(scopeOf(2, '2011'), /constant\.language\.date\.year/);
    assert.match(scopeOf(3, 'This quote runs on'), /string\.quoted\.double/);
    // the unclosed quote ended with its paragraph: the next line starts outside any string
    assert.doesNotMatch(scopeOf(4, 'Assad\'s allies said '), /string/);
    assert.match(scopeOf(4, 'no'), /string\.quoted\.double/);
  });
});
