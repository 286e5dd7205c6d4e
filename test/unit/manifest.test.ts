// The extension manifest (package.json `contributes`) agrees with the code: the server's token legend
// and setting defaults, the client's commands, the grammar and schema files it points to.
import { DEFAULT_MAX_DIAGNOSTICS } from '../../server/src/lsp/limits';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LEGEND } from '../../server/src/lsp/tokens';
import { DEFAULT_ANNOTATION_GLOBS, DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_FILE_SIZE, HIGHLIGHT_TYPES } from '../../server/src/lsp/settings';
import { DEFAULT_CLAIM_THRESHOLD } from '../../server/src/engine/annotations/worthiness';
import { DEFAULT_ANNOTATION_GLOBS as CLI_GLOBS } from '../../server/src/node/files';
import { RULES } from '../../server/src/node/rules';
import { findRoot } from '../support/root';

const ROOT = findRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const c = pkg.contributes;
const readClient = () =>
  fs
    .readdirSync(path.join(ROOT, 'client', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8'))
    .join('\n');

describe('package.json contributes', () => {
  test('entry point, activation and engine', () => {
    assert.equal(pkg.main, './dist/extension.js');
    for (const e of ['onLanguage:newstext', 'onLanguage:plaintext', 'onLanguage:markdown']) assert.ok(pkg.activationEvents.includes(e), e);
    assert.ok(pkg.activationEvents.some((e: string) => e.startsWith('workspaceContains:') && e.includes('annotations.yaml')));
  });

  test('the newstext language, its configuration and grammar files exist and agree', () => {
    const lang = c.languages.find((l: any) => l.id === 'newstext');
    assert.ok(lang);
    assert.deepEqual(lang.extensions, ['.news', '.newstext']);
    assert.ok(lang.aliases.includes('News text') && lang.aliases.includes('Factmark source'));
    const conf = JSON.parse(fs.readFileSync(path.join(ROOT, lang.configuration), 'utf8'));
    assert.ok(conf.autoClosingPairs.some((p: any) => p.open === '“' && p.close === '”'));
    assert.ok(!conf.autoClosingPairs.some((p: any) => p.open === "'"), 'no auto-closing of apostrophes');
    new RegExp(conf.wordPattern);
    const g = c.grammars.find((x: any) => x.language === 'newstext');
    const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, g.path), 'utf8'));
    assert.equal(g.scopeName, grammar.scopeName);
  });

  test('settings: every key documented, defaults equal the server\'s', () => {
    const props = c.configuration.properties;
    const expected = [
      'factmark.annotations.files',
      'factmark.claims.threshold',
      'factmark.diagnostics.severity',
      'factmark.diagnostics.maxPerDocument',
      'factmark.maxFileSize',
      'factmark.debounceMs',
      'factmark.docsUrl',
      'factmark.highlight.types',
      'factmark.trace.server',
    ];
    assert.deepEqual(Object.keys(props).sort(), [...expected].sort());
    for (const k of expected) {
      assert.ok(typeof props[k].markdownDescription === 'string' && props[k].markdownDescription.length > 40, `${k} description`);
      assert.ok('default' in props[k], `${k} default`);
    }
    assert.deepEqual(props['factmark.annotations.files'].default, DEFAULT_ANNOTATION_GLOBS);
    assert.deepEqual(CLI_GLOBS, DEFAULT_ANNOTATION_GLOBS);
    assert.equal(props['factmark.claims.threshold'].default, DEFAULT_CLAIM_THRESHOLD);
    assert.equal(props['factmark.maxFileSize'].default, DEFAULT_MAX_FILE_SIZE);
    assert.equal(props['factmark.debounceMs'].default, DEFAULT_DEBOUNCE_MS);
    assert.deepEqual(props['factmark.highlight.types'].default, HIGHLIGHT_TYPES);
    assert.deepEqual(props['factmark.highlight.types'].items.enum, [...LEGEND.tokenTypes]);
    assert.deepEqual(c.semanticTokenModifiers.map((m: { id: string }) => m.id), [...LEGEND.tokenModifiers], 'every token modifier contributed, in legend order');
    assert.equal(props['factmark.diagnostics.maxPerDocument'].default, DEFAULT_MAX_DIAGNOSTICS);
    assert.deepEqual(props['factmark.trace.server'].enum, ['off', 'messages', 'verbose']);
    const sev = props['factmark.diagnostics.severity'];
    assert.deepEqual(Object.keys(sev.properties).sort(), RULES.map((r) => r.code).sort(), 'one entry per diagnostic code');
    for (const p of Object.values<any>(sev.properties)) assert.deepEqual(p.enum, ['error', 'warning', 'info', 'hint', 'off']);
    for (const r of RULES) {
      // each code's description states its real default, so the settings UI never misleads
      assert.match(sev.properties[r.code].markdownDescription, new RegExp(`\\(default: ${r.severity}\\)\\.$`), r.code);
    }
    // the server skips a document over the cap entirely (no partial analysis): the description says so
    assert.doesNotMatch(props['factmark.maxFileSize'].markdownDescription, /only up to|truncat/);
    assert.match(props['factmark.maxFileSize'].markdownDescription, /not analysed/);
  });

  test('commands: contributed = registered by the client', () => {
    const src = readClient();
    const registered = [...src.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(c.commands.map((x: any) => x.command).sort(), registered);
    for (const cmd of c.commands) assert.equal(cmd.category, 'Factmark');
  });

  test('semantic tokens: the server legend, each mapped to a distinctly coloured TextMate scope', () => {
    // VS Code's standard types (number…) are used as they are: re-declaring `number` with superType
    // `number` made VS Code's type-hierarchy walk loop until "RangeError: Invalid array length" and
    // froze the workbench ("Extension host unresponsive") on documents with many numbers.
    const STANDARD = ['namespace', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'type', 'parameter', 'variable', 'property', 'enumMember', 'decorator', 'event', 'function', 'method', 'macro', 'label', 'comment', 'string', 'keyword', 'number', 'regexp', 'operator'];
    assert.deepEqual(c.semanticTokenTypes.map((t: any) => t.id), LEGEND.tokenTypes.filter((t) => !STANDARD.includes(t)));
    const byId = new Map<string, any>(c.semanticTokenTypes.map((t: any) => [t.id, t]));
    for (const t of c.semanticTokenTypes) {
      assert.ok(!STANDARD.includes(t.id), `${t.id} is a standard type: do not re-declare it`);
      // the superType chain ends (no cycle), as VS Code walks it without a guard
      const seen = new Set<string>();
      for (let cur: any = t; cur?.superType; cur = byId.get(cur.superType)) {
        assert.ok(!seen.has(cur.id), `superType cycle through ${cur.id}`);
        seen.add(cur.id);
      }
    }
    assert.deepEqual(c.semanticTokenModifiers.map((t: any) => t.id), LEGEND.tokenModifiers);
    for (const t of [...c.semanticTokenTypes, ...c.semanticTokenModifiers]) assert.ok(t.description, t.id);
    for (const t of c.semanticTokenTypes) assert.ok(t.superType, t.id);
    for (const t of LEGEND.tokenTypes) assert.ok(byId.has(t) || STANDARD.includes(t), `${t} is declared or standard`);
    const scopes = c.semanticTokenScopes[0].scopes;
    const firstFallback = LEGEND.tokenTypes.map((t) => {
      assert.ok(Array.isArray(scopes[t]) && scopes[t].length > 0, `scope for ${t}`);
      // the generic scope a theme colours (second entry, after our specific one)
      return scopes[t][1];
    });
    assert.equal(new Set(firstFallback).size, firstFallback.length, `distinct theme scopes: ${firstFallback.join(', ')}`);
  });

  test('YAML validation points at the shipped schema; the demo workspace uses newstext', () => {
    const v = c.yamlValidation[0];
    assert.deepEqual(v.fileMatch, ['annotations.yaml', '*.annotations.yaml']);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, v.url), 'utf8'));
    assert.equal(schema.type, 'object');
    const ws = JSON.parse(fs.readFileSync(path.join(ROOT, 'seeds', '.vscode', 'settings.json'), 'utf8'));
    assert.equal(ws['files.associations']['*.txt'], 'newstext');
  });

  test('README sections the client\'s texts point to exist', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const headings = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].trim()));
    const cited = [...readClient().matchAll(/the README, "([^"]+)"/g)].map((m) => m[1]);
    assert.ok(cited.length > 0);
    for (const h of cited) assert.ok(headings.has(h), `README has a "${h}" section`);
  });

  test('the client only starts the server: no engine imports (only the shared protocol module, which imports nothing)', () => {
    const src = readClient();
    assert.doesNotMatch(src, /from ['"][^'"]*server\/src\/(?!protocol['"])/);
    const protocol = fs.readFileSync(path.join(ROOT, 'server', 'src', 'protocol.ts'), 'utf8');
    assert.doesNotMatch(protocol, /^\s*import\b|require\(/m, 'server/src/protocol.ts is types and constants only');
    assert.match(src, /TransportKind\.ipc/);
    assert.match(src, /dist', 'server\.js'|dist\/server\.js/);
  });
});

describe('workspace trust and virtual workspaces (issue 12)', () => {
  test('package.json declares what runs in Restricted Mode and in virtual workspaces; the client passes trust to the server', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /never edits files/);
    for (const k of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(c.configuration.properties[k], k);
    assert.ok(['limited', false].includes(pkg.capabilities.virtualWorkspaces.supported));
    assert.ok(pkg.capabilities.virtualWorkspaces.description);
    const client = readClient();
    assert.match(client, /trusted: vscode\.workspace\.isTrusted/);
    assert.match(client, /onDidGrantWorkspaceTrust/);
  });
});
