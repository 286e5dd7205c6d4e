// Markdown injection in hovers (issue 12 item 7): ids, names, passages, notes and URLs from an
// annotations file are inert. The hover Markdown is rendered with markdown-it (a CommonMark renderer,
// present as a dependency of @vscode/vsce) with raw HTML allowed, so that anything that would become
// markup shows up in the HTML: only http(s) and workspace file: links, no raw HTML, ids whole in code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimHoverMarkdown, quoteDiffMarkdown, worthinessMarkdown } from '../../server/src/engine/annotations/present';
import { mdCode, mdLink, mdText } from '../../server/src/engine/markdown';
import { findingHoverMarkdown } from '../../server/src/lsp/check';
import type { AnnotationsModel } from '../../server/src/engine/annotations/api';
import type { Finding } from '../../server/src/engine/types';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it');
const renderer = new MarkdownIt({ html: true, linkify: false });
// markdown-it refuses javascript: by itself; accept every scheme so the test sees what we emit
renderer.validateLink = () => true;

const EVIL = {
  id: 'c1`](command:workbench.action.terminal.new) `x',
  url: 'https://example.org/a) [click](command:workbench.action.openSettings',
  js: 'javascript:alert(1)',
  cmd: 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D',
  name: '**Bold** <img src=x onerror=alert(1)> [x](command:evil)',
  passage: 'line one\n- [pwn](command:evil)\n> <script>alert(1)</script>\n# heading',
};

function model(): AnnotationsModel {
  return {
    scale: [{ id: 'false', label: 'False <b>x</b>', value: 1, class: 'refuted' }],
    sources: [{ id: 's1', file: 'a.txt', outlet: EVIL.name, url: EVIL.js }],
    entities: [{ id: 'e1', name: EVIL.name, type: 'person', aliases: [] }],
    claims: [
      {
        id: EVIL.id,
        text: 'x',
        verdict: 'false',
        explanation: EVIL.passage,
        claimant: 'e1',
        evidence: [
          { source: 's1', passage: EVIL.passage, stance: 'contradicts', note: EVIL.name },
          { url: EVIL.url, passage: 'p', stance: 'supports' },
          { url: EVIL.cmd, passage: 'p', stance: 'context' },
          { url: EVIL.js, passage: 'p', stance: 'context' },
        ],
        reviewer: EVIL.name,
        date: '2025-01-01',
      },
    ],
    quotes: [],
    dismissals: [],
  } as AnnotationsModel;
}

/** Every href in the rendered HTML, and every tag name. */
function inspect(markdown: string): { hrefs: string[]; tags: string[]; codes: string[] } {
  const html: string = renderer.render(markdown);
  const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
  const tags = [...new Set([...html.matchAll(/<([a-z0-9]+)[\s>]/gi)].map((m) => m[1].toLowerCase()))];
  const codes = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1]);
  return { hrefs, tags, codes };
}

const ALLOWED_TAGS = new Set(['p', 'strong', 'em', 'code', 'a', 'hr', 'blockquote', 'ul', 'li', 's', 'del', 'br']);

function assertInert(markdown: string, opts: { fileLinks?: boolean } = {}): void {
  const { hrefs, tags } = inspect(markdown);
  for (const h of hrefs) assert.match(h, opts.fileLinks ? /^(https?:\/\/|file:\/\/)/ : /^https?:\/\//, `link ${h} in:\n${markdown}`);
  for (const t of tags) assert.ok(ALLOWED_TAGS.has(t), `tag <${t}> in:\n${markdown}`);
}

test('claim hover: hostile ids, names, passages and URLs stay text; only http(s) and workspace file links', () => {
  const m = claimHoverMarkdown(model(), EVIL.id, { sourceLink: () => 'file:///w/a.txt' })!;
  assertInert(m, { fileLinks: true });
  const { hrefs, codes } = inspect(m);
  assert.ok(codes.some((c) => c.includes('command:workbench.action.terminal.new')), 'the id is one code span, whole');
  assert.ok(!hrefs.some((h) => /^(command|javascript):/.test(h)));
  // the URL with a ")" is one link, its parenthesis encoded, not broken out of
  assert.ok(hrefs.includes('https://example.org/a)%20[click](command:workbench.action.openSettings'.replace(/[()\s[\]]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())), hrefs.join('\n'));
});

test('finding hovers (speaker differs, spelling) escape names and ids', () => {
  const f6: Finding = { code: 'FM006', rule: 'quote-speaker', severity: 'warning', message: 'm', start: 0, end: 1, data: { foundSpeaker: EVIL.name, speakerName: EVIL.name, quoteId: EVIL.id } };
  const f7: Finding = { code: 'FM007', rule: 'entity-spelling', severity: 'info', message: 'm', start: 0, end: 1, data: { found: EVIL.name, canonical: EVIL.name, entityId: EVIL.id } };
  const fx: Finding = { code: 'FM104', rule: 'annotations-orphan', severity: 'warning', message: EVIL.passage, start: 0, end: 1 };
  for (const f of [f6, f7, fx]) assertInert(findingHoverMarkdown(f, {} as never, null)!);
  assertInert(worthinessMarkdown({ score: 0.9, reasons: [`contains a number (${EVIL.name})`, `but ${EVIL.passage}`] }, 0.5));
  assertInert(quoteDiffMarkdown(EVIL.name, EVIL.passage));
});

test('helpers: mdText, mdCode, mdLink', () => {
  assert.equal(mdText('a*b_[c](d)'), 'a\\*b\\_\\[c\\]\\(d\\)');
  assert.equal(mdText('Ahmed al-Sharaa, 2025-10-15.'), 'Ahmed al-Sharaa, 2025-10-15.');
  assert.equal(mdCode('audit-vote'), '`audit-vote`');
  assert.equal(mdCode('a`b'), '``a`b``');
  assert.equal(mdCode('`x'), '`` `x ``');
  assert.equal(mdLink('x', 'javascript:alert(1)'), 'x');
  assert.equal(mdLink('x', 'command:foo'), 'x');
  assert.equal(mdLink('x', 'file:///etc/passwd'), 'x', 'file links only when the caller vouches for them');
  assert.equal(mdLink('x', 'file:///w/a.txt', true), '[x](file:///w/a.txt)');
  assert.equal(mdLink('x', 'https://e.org/a b(c)'), '[x](https://e.org/a%20b%28c%29)');
});
