// The extension-host suite: runs INSIDE VS Code (desktop via @vscode/test-electron, or code-server
// in headless Chromium), against the packaged extension and a temporary copy of seeds/.
// Expectations come from the workspace's annotations.yaml and the CLI's analysis (the stable
// contract), never from hard-coded article contents. Waits are on events, never fixed sleeps.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as YAML from 'yaml';
import { CLASS_CODE, DEFAULT_SCALE } from '../support/scale';
import {
  activateFactmark,
  cliAnalyze,
  codeOf,
  factmarkDiagnostics,
  fsPathKey,
  hoverText,
  log,
  waitFor,
  withTimeout,
  type CliFile,
  type FactmarkApi,
} from './helpers';

const KNOWN_CODES = new Set([
  'FM001', 'FM002', 'FM003', 'FM004', 'FM005', 'FM006', 'FM007', 'FM008', 'FM009', 'FM010', 'FM011',
  'FM100', 'FM101', 'FM102', 'FM103', 'FM104', 'FM105', 'FM900', 'FM901',
]);

interface YamlClaim {
  id: string;
  text: string;
  source?: string;
  verdict?: string;
  explanation?: string;
}
interface Model {
  scale?: Array<{ id: string; label: string; class: string }>;
  sources?: Array<{ id: string; file: string }>;
  claims?: YamlClaim[];
  entities?: Array<{ id: string; name: string; aliases?: string[] }>;
}

let api: FactmarkApi;
let extensionPath: string;
let wsRoot: string;
let seedUris: vscode.Uri[] = [];
let docs = new Map<string, vscode.TextDocument>();
let analysis = new Map<string, CliFile>();
let yamlUri: vscode.Uri;
let model: Model;

const diagEvents = (): Array<vscode.Event<unknown>> => [
  vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>,
  api.onDidAnalyze as vscode.Event<unknown>,
];

function scale(): Array<{ id: string; label: string; class: string }> {
  return model.scale && model.scale.length ? model.scale : DEFAULT_SCALE;
}

function sourceFile(sourceId: string | undefined): string | undefined {
  const s = model.sources?.find((x) => x.id === sourceId);
  return s ? path.join(wsRoot, s.file) : undefined;
}

function docFor(file: string): vscode.TextDocument {
  const d = docs.get(fsPathKey(file));
  if (!d) throw new Error(`not opened: ${file}`);
  return d;
}

/** A position inside [start,end) of `text` at a word character, avoiding the given spans. */
function innerOffset(text: string, start: number, end: number, avoid: Array<{ start: number; end: number }> = []): number {
  const mid = Math.floor((start + end) / 2);
  const order: number[] = [];
  for (let d = 0; d < end - start; d++) {
    if (mid + d < end) order.push(mid + d);
    if (d > 0 && mid - d >= start) order.push(mid - d);
  }
  for (const o of order) {
    if (/[\p{L}\p{N}]/u.test(text[o]) && !avoid.some((a) => o >= a.start && o < a.end)) return o;
  }
  return mid;
}

/** Claims with a refuted/disputed verdict whose exact text is found in their source. */
function locatedClaims(): Array<{ claim: YamlClaim; file: string; start: number; end: number; cls: string; label: string }> {
  const out = [];
  for (const c of model.claims ?? []) {
    const rating = scale().find((s) => s.id === c.verdict);
    const file = sourceFile(c.source);
    if (!rating || !file || !docs.has(fsPathKey(file))) continue;
    const text = docFor(file).getText();
    const at = text.indexOf(c.text);
    if (at < 0) continue;
    out.push({ claim: c, file, start: at, end: at + c.text.length, cls: rating.class, label: rating.label });
  }
  return out;
}

function overlaps(doc: vscode.TextDocument, d: vscode.Diagnostic, start: number, end: number): boolean {
  return doc.offsetAt(d.range.start) < end && doc.offsetAt(d.range.end) > start;
}

suite('Factmark in VS Code', () => {
  suiteSetup(async function () {
    this.timeout(180_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder (a copy of seeds/) must be open');
    wsRoot = folder.uri.fsPath;
    // The suite edits annotations.yaml: refuse to run on the repository's own seeds/.
    const marker = path.join(wsRoot, '..', 'package.json');
    if (fs.existsSync(marker) && /"name":\s*"factmark"/.test(fs.readFileSync(marker, 'utf8'))) {
      throw new Error(`refusing to run on the repository's seeds/ (${wsRoot}); the runners open a temporary copy`);
    }
    const act = await activateFactmark();
    api = act.api;
    extensionPath = act.ext.extensionPath;
    yamlUri = vscode.Uri.file(path.join(wsRoot, 'annotations.yaml'));
    model = YAML.parse(fs.readFileSync(yamlUri.fsPath, 'utf8')) as Model;

    const files = fs
      .readdirSync(wsRoot)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => path.join(wsRoot, f));
    assert.ok(files.length >= 1, `no .txt seeds in ${wsRoot}`);
    seedUris = files.map((f) => vscode.Uri.file(f));
    for (const uri of seedUris) {
      const doc = await vscode.workspace.openTextDocument(uri);
      docs.set(fsPathKey(uri.fsPath), doc);
    }
    for (const f of cliAnalyze(extensionPath, files)) analysis.set(fsPathKey(path.resolve(wsRoot, f.path)), f);
    assert.equal(analysis.size, files.length, 'the CLI analysed every seed');
    // Every seed analysed by the server (the client's readiness signal per document).
    await Promise.all(
      seedUris.map((u) => withTimeout(api.whenAnalyzed(u.toString()), 60_000, `analysis of ${path.basename(u.fsPath)}`)),
    );
  });

  test('activates and exposes its API', () => {
    const ext = vscode.extensions.getExtension('factmark.factmark');
    assert.ok(ext?.isActive, 'extension is active');
    assert.equal(typeof api.onDidAnalyze, 'function');
    assert.equal(typeof api.whenAnalyzed, 'function');
    assert.ok(api.client, 'the language client is exposed');
  });

  test('reports findings with Factmark codes on the seeds', async () => {
    const all = await waitFor(
      'Factmark diagnostics on the seeds',
      () => {
        const per = seedUris.map((u) => factmarkDiagnostics(u));
        return per.some((p) => p.length > 0) ? per : undefined;
      },
      diagEvents(),
    );
    const codes = new Set<string>();
    all.forEach((diags, i) => {
      const doc = docFor(seedUris[i].fsPath);
      for (const d of diags) {
        const code = codeOf(d);
        assert.ok(KNOWN_CODES.has(code), `documented code, got ${code} (${d.message})`);
        assert.ok(d.message.length > 0);
        assert.ok(doc.validateRange(d.range).isEqual(d.range), `range inside the document: ${code} ${d.message}`);
        codes.add(code);
      }
    });
    assert.ok(codes.size >= 2, `several kinds of findings on the seeds, got ${[...codes].join(', ')}`);
  });

  test('refuted and disputed claims from annotations.yaml are reported where they appear', async () => {
    const claims = locatedClaims().filter((c) => CLASS_CODE[c.cls]);
    assert.ok(claims.length > 0, 'annotations.yaml has refuted/disputed claims found verbatim in their sources');
    for (const c of claims) {
      const doc = docFor(c.file);
      const want = CLASS_CODE[c.cls];
      await waitFor(
        `${want} for claim ${c.claim.id} in ${path.basename(c.file)}`,
        () => factmarkDiagnostics(doc.uri).find((d) => codeOf(d) === want && overlaps(doc, d, c.start, c.end)),
        diagEvents(),
        30_000,
        () => factmarkDiagnostics(doc.uri).map((d) => `${codeOf(d)}@${d.range.start.line}`).join(' '),
      );
    }
  });

  test('hover on an entity shows its type and full name', async () => {
    const [file, a] = [...analysis.entries()][0];
    const doc = docFor(file);
    const ent = a.entities.find((e) => e.type === 'person' && /^[\p{L} .-]+$/u.test(e.text) && e.text.length >= 4);
    assert.ok(ent, 'the CLI found a person in the first seed');
    const text = await hoverText(doc.uri, doc.positionAt(innerOffset(doc.getText(), ent.start, ent.end)));
    log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
    assert.match(text, /person/i, `hover names the type: ${text}`);
    const lastWord = ent.text.split(/\s+/).pop()!;
    assert.ok(text.includes(lastWord), `hover names "${ent.text}": ${text}`);
  });

  test('hover on a quote shows its speaker', async () => {
    let found: { file: string; q: CliFile['quotes'][number]; ents: CliFile['entities'] } | undefined;
    for (const [file, a] of analysis) {
      const q = a.quotes.find((x) => x.speaker && x.end - x.start >= 30);
      if (q) {
        found = { file, q, ents: a.entities };
        break;
      }
    }
    assert.ok(found, 'the CLI attributed a quote in the seeds');
    const doc = docFor(found.file);
    const at = innerOffset(doc.getText(), found.q.start, found.q.end, found.ents);
    const text = await hoverText(doc.uri, doc.positionAt(at));
    log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
    assert.ok(text.includes(found.q.speaker!), `quote hover names the speaker "${found.q.speaker}": ${text}`);
  });

  test('hover on an annotated claim shows its verdict', async () => {
    const c = locatedClaims().find((x) => CLASS_CODE[x.cls]) ?? locatedClaims()[0];
    assert.ok(c, 'annotations.yaml has a claim with a verdict found verbatim in its source');
    const doc = docFor(c.file);
    const a = analysis.get(fsPathKey(c.file))!;
    const at = innerOffset(doc.getText(), c.start, c.end, [...a.entities, ...a.quotes]);
    const text = await hoverText(doc.uri, doc.positionAt(at));
    log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
    assert.ok(
      text.toLowerCase().includes(c.label.toLowerCase()) || text.includes(c.claim.verdict!),
      `claim hover shows the verdict "${c.label}": ${text}`,
    );
  });

  test('semantic tokens mark entities and quotes by type', async () => {
    const [file, a] = [...analysis.entries()][0];
    const doc = docFor(file);
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
      'vscode.provideDocumentSemanticTokensLegend',
      doc.uri,
    );
    assert.ok(legend, 'a semantic tokens legend');
    for (const t of ['person', 'place', 'organization', 'date', 'number']) {
      assert.ok(legend.tokenTypes.includes(t), `legend has ${t}: ${legend.tokenTypes.join(',')}`);
    }
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', doc.uri);
    assert.ok(tokens && tokens.data.length > 0, 'tokens for the seed');
    const decoded: Array<{ start: number; end: number; type: string }> = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, len, type] = [tokens.data[i], tokens.data[i + 1], tokens.data[i + 2], tokens.data[i + 3]];
      line += dl;
      char = dl === 0 ? char + dc : dc;
      const start = doc.offsetAt(new vscode.Position(line, char));
      decoded.push({ start, end: start + len, type: legend.tokenTypes[type] });
    }
    const entityHit = a.entities.filter((e) =>
      decoded.some((t) => t.type === e.type && t.start < e.end && t.end > e.start),
    ).length;
    assert.ok(entityHit / a.entities.length > 0.9, `tokens cover the CLI's entities with their types (${entityHit}/${a.entities.length})`);
    if (a.quotes.length) {
      assert.ok(
        decoded.some((t) => t.type === 'quote' && a.quotes.some((q) => t.start >= q.start && t.end <= q.end)),
        'a quote token inside a quote',
      );
    }
  });

  test('document symbols list quotes by speaker and the entities', async () => {
    const entry = [...analysis.entries()].find(([, a]) => a.quotes.some((q) => q.speaker));
    assert.ok(entry, 'a seed with an attributed quote');
    const [file, a] = entry;
    const doc = docFor(file);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(symbols && symbols.length > 0, 'symbols');
    const names: string[] = [];
    const walk = (s: vscode.DocumentSymbol) => {
      names.push(s.name);
      (s.children ?? []).forEach(walk);
    };
    symbols.forEach(walk);
    const speaker = a.quotes.find((q) => q.speaker)!.speaker!;
    assert.ok(names.some((n) => n.includes(speaker)), `a symbol for speaker ${speaker}: ${names.slice(0, 30).join(' | ')}`);
    const person = a.entities.find((e) => e.type === 'person')!;
    const last = person.text.split(/\s+/).pop()!.replace(/['’]s$/, '');
    assert.ok(names.some((n) => n.includes(last)), `a symbol for entity ${person.text}`);
  });

  test('a quick fix edits annotations.yaml, keeps its comments, and undo restores it', async () => {
    const yamlDoc = await vscode.workspace.openTextDocument(yamlUri);
    const before = yamlDoc.getText();
    const comments = before.split('\n').filter((l) => /^\s*#/.test(l));
    // Prefer "add as alias" on an entity-spelling finding; else "dismiss" on any finding.
    let chosen: { uri: vscode.Uri; diag: vscode.Diagnostic; action: vscode.CodeAction } | undefined;
    const tried: string[] = [];
    for (const pref of [/alias/i, /dismiss/i]) {
      for (const uri of seedUris) {
        for (const d of factmarkDiagnostics(uri)) {
          if (pref.source === 'alias' && codeOf(d) !== 'FM007') continue;
          if (tried.length > 40) break;
          const t0 = Date.now();
          const actions =
            (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
              'vscode.executeCodeActionProvider',
              uri,
              d.range,
              undefined,
              100, // resolve the actions: YAML edits are computed on resolve (codeAction/resolve)
            )) ?? [];
          log(`${path.basename(uri.fsPath)} ${codeOf(d)} line ${d.range.start.line + 1}: ${actions.length} action(s) in ${Date.now() - t0} ms`);
          for (const act of actions) {
            if (!(act instanceof vscode.CodeAction) && !('edit' in act)) continue;
            const ca = act as vscode.CodeAction;
            tried.push(ca.title);
            if (pref.test(ca.title) && ca.edit && ca.edit.entries().some(([u]) => u.fsPath === yamlUri.fsPath)) {
              chosen = { uri, diag: d, action: ca };
              break;
            }
          }
          if (chosen) break;
        }
        if (chosen) break;
      }
      if (chosen) break;
    }
    log(`code actions seen: ${[...new Set(tried)].join(' | ')}`);
    assert.ok(chosen, `a quick fix writing to annotations.yaml (code actions seen: ${[...new Set(tried)].join(' | ')})`);
    const { uri, diag, action } = chosen;
    const doc = docFor(uri.fsPath);
    const span = [doc.offsetAt(diag.range.start), doc.offsetAt(diag.range.end)] as const;
    const sameFinding = () =>
      factmarkDiagnostics(uri).find(
        (d) => codeOf(d) === codeOf(diag) && doc.offsetAt(d.range.start) === span[0] && doc.offsetAt(d.range.end) === span[1],
      );

    log(`applying "${action.title}" for ${codeOf(diag)} "${doc.getText(diag.range)}" in ${path.basename(uri.fsPath)}`);
    const editor = await vscode.window.showTextDocument(yamlDoc, { preview: false });
    const changed = waitFor('the YAML buffer to change', () => yamlDoc.getText() !== before, [
      vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>,
    ]);
    assert.equal(await vscode.workspace.applyEdit(action.edit!), true, `applyEdit(${action.title})`);
    await changed;
    const after = yamlDoc.getText();
    assert.ok(yamlDoc.isDirty, 'the edit is in the unsaved buffer');
    if (/alias/i.test(action.title)) assert.ok(after.includes(doc.getText(diag.range)), 'the new alias is in the YAML');
    for (const c of comments) assert.ok(after.includes(c.trim()), `comment kept: ${c.trim()}`);
    assert.doesNotThrow(() => YAML.parse(after), 'still valid YAML');
    log(`YAML buffer changed by ${after.length - before.length} characters; waiting for the finding to go`);
    // The finding goes away: diagnostics refresh from the unsaved YAML buffer.
    await waitFor(`${codeOf(diag)} to disappear after "${action.title}"`, () => !sameFinding(), diagEvents());

    // Undo (the editor's command, as a user would) restores the YAML exactly, and the finding returns.
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    const restored = waitFor('undo to restore annotations.yaml', () => yamlDoc.getText() === before, [
      vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>,
    ]);
    await vscode.commands.executeCommand('undo');
    await restored;
    log('undo restored the YAML; waiting for the finding to return');
    await waitFor(`${codeOf(diag)} to come back after undo`, () => sameFinding(), diagEvents());
  });

  test('diagnostics refresh when the annotations buffer is edited', async () => {
    const target = locatedClaims().find((c) => CLASS_CODE[c.cls]);
    assert.ok(target, 'a refuted/disputed claim to edit');
    const doc = docFor(target.file);
    const code = CLASS_CODE[target.cls];
    const finding = () => factmarkDiagnostics(doc.uri).find((d) => codeOf(d) === code && overlaps(doc, d, target.start, target.end));
    await waitFor(`${code} on claim ${target.claim.id}`, finding, diagEvents());

    // Change the claim's verdict to a supported rating in the (unsaved) YAML buffer.
    const yamlDoc = await vscode.workspace.openTextDocument(yamlUri);
    const original = yamlDoc.getText();
    const ydoc = YAML.parseDocument(original);
    const claims = ydoc.get('claims') as YAML.YAMLSeq<YAML.YAMLMap>;
    const node = claims.items.find((m) => m.get('id') === target.claim.id)!;
    const verdict = node.get('verdict', true) as YAML.Scalar;
    assert.ok(verdict?.range, 'verdict node has a range');
    const supported = scale().find((s) => s.class === 'supported');
    assert.ok(supported, 'the scale has a supported rating');
    const range = new vscode.Range(yamlDoc.positionAt(verdict.range[0]), yamlDoc.positionAt(verdict.range[1]));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(yamlUri, range, supported.id);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    log(`verdict of ${target.claim.id} set to ${supported.id} in the unsaved YAML buffer (dirty: ${yamlDoc.isDirty})`);
    let analyzed = 0;
    const sub = api.onDidAnalyze((e) => {
      analyzed++;
      log(`didAnalyze ${path.basename(vscode.Uri.parse(e.uri).fsPath)} v${e.version}`);
    });
    try {
      await waitFor(`${code} to disappear once the verdict is "${supported.id}"`, () => !finding(), diagEvents(), 45_000, () =>
        `${analyzed} analyses since the edit; ${factmarkDiagnostics(doc.uri).map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).join(' ')}`,
      );
    } finally {
      sub.dispose();
    }

    const back = new vscode.WorkspaceEdit();
    back.replace(yamlUri, new vscode.Range(yamlDoc.positionAt(0), yamlDoc.positionAt(yamlDoc.getText().length)), original);
    assert.equal(await vscode.workspace.applyEdit(back), true);
    await waitFor(`${code} to return with the original verdict`, finding, diagEvents());
  });
});
