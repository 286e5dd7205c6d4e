// Protocol tests for issue 10 (items 1, 3, 4, 10, 11): "Annotate this claim" as a server command
// (applyEdit + showDocument with the verdict placeholder selected), evidence links that select the
// passage, YAML help from Factmark's own server (completion, hovers, outline, definition, positions
// and hints of YAML errors, the broken-YAML notice), the Claims outline of a source, ClaimReview
// export, and the per-document diagnostics cap (FM901) and valid tokens on a 3 MB document.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyTextEdits, CLIENT_CAPABILITIES, fileUri, LspClient, positionOfText, repoRoot, tempWorkspace } from './harness';

const STORY = [
  'HARBORTON - Mayor Helena Markovic said on Tuesday that the new bridge cost 40 million euros, twice the original estimate.',
  '"We delivered the bridge on time and on budget," Markovic told reporters at City Hall.',
  'The city council voted 7-2 in March 2024 to order an audit of the project, which has cost 12 million euros more than planned.',
  'Council member Tomas Reyes said the audit would be published before the end of the year.',
  'Officials in the neighbouring town of Eastmoor said their own bridge had cost 30 million euros less than the Harborton one.',
  '',
].join('\n');

const ANNOTATIONS = [
  '# Desk annotations for the YAML help tests.',
  '# This comment must survive every edit.',
  'version: 1',
  '',
  'scale:',
  '  - id: "false"',
  '    label: "False"',
  '    value: 1',
  '    class: refuted',
  '    description: The claim is wrong.',
  '  - id: misleading',
  '    label: Misleading',
  '    value: 2',
  '    class: disputed',
  '  - id: "true"',
  '    label: "True"',
  '    value: 3',
  '    class: supported',
  '',
  'sources:',
  '  - id: story',
  '    file: story.txt # the article under review',
  '    outlet: Harborton Herald',
  '    published: 2025-10-15',
  '',
  'entities:',
  '  - id: markovic',
  '    name: Helena Markovic',
  '    type: person',
  '    aliases: [Markovic]',
  '    description: Mayor of Harborton.',
  '',
  'claims:',
  '  - id: on-budget',
  '    text: We delivered the bridge on time and on budget',
  '    source: story',
  '    verdict: "false"',
  '    explanation: The audit found the bridge cost twice the estimate.',
  '    evidence:',
  '      - source: story',
  '        passage: the new bridge cost 40 million euros, twice the original estimate',
  '        stance: contradicts',
  '    status: published',
  '',
  '  - id: audit-vote',
  '    text: The city council voted 7-2 in March 2024 to order an audit of the project',
  '    source: story',
  '    verdict: "true"',
  '    evidence:',
  '      - source: story',
  '        passage: The city council voted 7-2 in March 2024',
  '        stance: supports',
  '    status: draft',
  '',
  'quotes:',
  '  - id: markovic-budget',
  '    speaker: markovic',
  '    text: We delivered the bridge on time and within budget.',
  '',
].join('\n');

describe('issue 10: annotate flow, YAML help, commands, large documents', () => {
  let client: LspClient;
  let root: string;
  let deskDir: string;
  let storyUri: string;
  let yamlUri: string;
  let yamlPath: string;
  let initResult: any;
  let yamlVersion = 1;
  /** workspace/applyEdit requests the server sent, answered as applied (and applied to `yamlText`). */
  const applied: any[] = [];
  const shown: any[] = [];
  let yamlText = ANNOTATIONS;

  before(async () => {
    root = tempWorkspace('factmark-yamlux-');
    deskDir = path.join(root, 'desk');
    fs.mkdirSync(deskDir);
    fs.writeFileSync(path.join(deskDir, 'story.txt'), STORY);
    yamlPath = path.join(deskDir, 'annotations.yaml');
    fs.writeFileSync(yamlPath, ANNOTATIONS);
    storyUri = fileUri(path.join(deskDir, 'story.txt'));
    yamlUri = fileUri(yamlPath);

    client = new LspClient(['--stdio']);
    client.settings = { debounceMs: 20, diagnostics: { maxPerDocument: 40 } };
    client.conn.onRequest('workspace/applyEdit', async (params: any) => {
      applied.push(params);
      // apply to the open YAML buffer, as an editor would (not saved)
      const dc = params.edit.documentChanges?.find((c: any) => c.textDocument?.uri === yamlUri);
      const edits = dc?.edits ?? params.edit.changes?.[yamlUri];
      if (edits) {
        yamlText = applyTextEdits(yamlText, edits);
        yamlVersion++;
        await client.notify('textDocument/didChange', { textDocument: { uri: yamlUri, version: yamlVersion }, contentChanges: [{ text: yamlText }] });
      }
      return { applied: true };
    });
    client.conn.onRequest('window/showDocument', (params: any) => {
      shown.push(params);
      return { success: true };
    });
    initResult = await client.request('initialize', {
      processId: process.pid,
      rootUri: fileUri(root),
      capabilities: {
        ...CLIENT_CAPABILITIES,
        workspace: { ...CLIENT_CAPABILITIES.workspace, applyEdit: true },
        window: { showMessage: {}, showDocument: { support: true } },
        textDocument: { ...CLIENT_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport: true } } },
      },
      workspaceFolders: [{ uri: fileUri(deskDir), name: 'desk' }],
    });
    await client.notify('initialized', {});
    const since = client.mark();
    await client.open(yamlUri, ANNOTATIONS, 'yaml', yamlVersion);
    await client.open(storyUri, STORY, 'plaintext', 1);
    await client.analyzed(yamlUri, 1, since);
    await client.analyzed(storyUri, 1, since);
  });

  after(async () => {
    client?.kill();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('announces completion, executeCommand (annotate, export) and didSave', () => {
    const caps = initResult.capabilities;
    assert.ok(caps.completionProvider, 'completion');
    assert.deepEqual([...caps.executeCommandProvider.commands].sort(), ['factmark.server.annotateClaim', 'factmark.server.exportClaimReview']);
    assert.ok(caps.textDocumentSync.save, 'didSave (the broken-YAML notice comes on save)');
  });

  it('evidence links in a claim hover open the source with the passage selected (#Lline,col-Lline,col)', async () => {
    const hover: any = await client.request('textDocument/hover', { textDocument: { uri: storyUri }, position: positionOfText(STORY, 'delivered the bridge') });
    const value: string = hover.contents.value;
    const passage = 'the new bridge cost 40 million euros, twice the original estimate';
    const start = STORY.indexOf(passage);
    const end = start + passage.length;
    // line 1 (1-based), columns 1-based, end exclusive as VS Code's opener reads it
    const expected = `${storyUri}#L1,${start + 1}-L1,${end + 1}`;
    assert.ok(value.includes(`](${expected})`), `link with the passage selection ${expected} in:\n${value}`);
  });

  it('"Annotate this claim" is a command: the entry is applied through workspace/applyEdit and shown with the verdict placeholder selected', async () => {
    const diags = client.diagnostics(storyUri);
    const fm004 = diags.find((d: any) => d.code === 'FM004' && /Eastmoor/.test(STORY.split('\n')[d.range.start.line]));
    assert.ok(fm004, `an FM004 on the Eastmoor sentence: ${JSON.stringify(diags.map((d: any) => [d.code, d.range.start.line]))}`);
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: storyUri },
      range: fm004.range,
      context: { diagnostics: [fm004] },
    });
    const annotate = actions.find((a) => a.title === 'Annotate this claim');
    assert.ok(annotate, actions.map((a) => a.title).join(', '));
    assert.equal(annotate.edit, undefined, 'no edit on the action itself (VS Code would save it: files.refactoring.autoSave)');
    assert.equal(annotate.command.command, 'factmark.server.annotateClaim');

    const before = applied.length;
    const since = client.mark();
    const result: any = await client.request('workspace/executeCommand', { command: annotate.command.command, arguments: annotate.command.arguments });
    assert.equal(result.applied, true, JSON.stringify(result));
    assert.equal(applied.length, before + 1, 'one workspace/applyEdit');
    const edit = applied[applied.length - 1].edit;
    assert.ok(edit.documentChanges?.[0]?.textDocument?.version !== undefined, 'versioned edit of the open buffer');
    // the buffer now holds the entry; comments kept; not saved to disk
    assert.ok(yamlText.startsWith('# Desk annotations for the YAML help tests.\n# This comment must survive every edit.'));
    assert.ok(yamlText.includes('    file: story.txt # the article under review'));
    assert.equal(fs.readFileSync(yamlPath, 'utf8'), ANNOTATIONS, 'the server never writes the file');
    // formatted like the neighbours: a blank line before the new entry
    const lines = yamlText.split('\n');
    const idLine = lines.findIndex((l) => /^ {2}- id: claim-\d+$/.test(l));
    assert.ok(idLine > 0, yamlText);
    assert.equal(lines[idLine - 1], '', `blank line before the new entry:\n${lines.slice(idLine - 3, idLine + 8).join('\n')}`);
    const entry = lines.slice(idLine, idLine + 10).join('\n');
    assert.match(entry, /text: Officials in the neighbouring town of Eastmoor said/);
    // context cut at word boundaries
    const prefix = /prefix: (.*)/.exec(entry)?.[1];
    assert.ok(prefix, entry);
    const prefixValue = JSON.parse(prefix!.startsWith('"') ? prefix! : JSON.stringify(prefix));
    assert.ok(STORY.includes(prefixValue + 'Officials'), `prefix is the text just before: ${prefixValue}`);
    const cut = STORY.indexOf(prefixValue + 'Officials');
    assert.ok(cut === 0 || /\s/.test(STORY[cut - 1]), `prefix starts at a word: "${prefixValue}"`);
    // shown, with the placeholder selected on the new entry
    const show = shown[shown.length - 1];
    assert.equal(show.uri, yamlUri);
    assert.equal(show.takeFocus, true);
    const sel = show.selection;
    const selected = lines[sel.start.line].slice(sel.start.character, sel.end.character);
    assert.match(selected, /^# TODO: verdict \(false \| misleading \| true\), explanation, evidence$/);
    assert.ok(sel.start.line > idLine && sel.start.line < idLine + 10, 'inside the new entry');
    // the YAML with the new entry is valid (a draft without verdict is not an error)
    const yamlDone = await client.analyzed(yamlUri, yamlVersion, since);
    assert.ok(yamlDone);
    assert.deepEqual(client.diagnostics(yamlUri, yamlVersion).filter((d: any) => d.severity === 1), []);
  });

  it('Annotate Claim at Cursor: the sentence around the cursor becomes the entry', async () => {
    const since = client.mark();
    const pos = positionOfText(STORY, 'Tomas Reyes');
    const result: any = await client.request('workspace/executeCommand', {
      command: 'factmark.server.annotateClaim',
      arguments: [{ uri: storyUri, range: { start: pos, end: pos } }],
    });
    assert.equal(result.applied, true, JSON.stringify(result));
    assert.ok(yamlText.includes('text: Council member Tomas Reyes said the audit would be published before the end of the year.'), yamlText);
    await client.analyzed(yamlUri, yamlVersion, since);
  });

  it('the Outline of a source has a Claims section (annotated claims with their verdict, check-worthy ones)', async () => {
    const since = client.mark();
    await client.analyzed(storyUri, null, since).catch(() => undefined);
    const symbols: any[] = await client.request('textDocument/documentSymbol', { textDocument: { uri: storyUri } });
    const claims = symbols.find((s) => s.name === 'Claims');
    assert.ok(claims, symbols.map((s) => s.name).join(', '));
    const budget = claims.children.find((c: any) => /We delivered the bridge/.test(c.name));
    assert.ok(budget, JSON.stringify(claims.children.map((c: any) => c.name)));
    assert.match(budget.detail, /False · on-budget/);
    assert.ok(claims.children.some((c: any) => /not yet|False|True|rated/.test(c.detail)));
  });

  it('YAML completion: keys by position in the structure (from the schema), not already used', async () => {
    // a new key line inside the claim "on-budget" (after its `status:` line)
    const text = yamlText;
    const lines = text.split('\n');
    const at = lines.indexOf('    status: published');
    const withLine = [...lines.slice(0, at + 1), '    ', ...lines.slice(at + 1)].join('\n');
    const list = await completeAt(withLine, { line: at + 1, character: 4 });
    const labels = list.items.map((i: any) => i.label);
    for (const k of ['claimant', 'reviewer', 'date', 'alsoIn', 'url']) assert.ok(labels.includes(k), `${k} in ${labels.join(', ')}`);
    for (const k of ['id', 'text', 'verdict', 'evidence', 'status']) assert.ok(!labels.includes(k), `${k} is already used: ${labels.join(', ')}`);
    const claimant = list.items.find((i: any) => i.label === 'claimant');
    assert.match(claimant.documentation.value, /Entity id of who made the claim/);

    // inside an evidence item
    const ev = lines.indexOf('        stance: contradicts');
    const withEv = [...lines.slice(0, ev + 1), '        ', ...lines.slice(ev + 1)].join('\n');
    const evLabels = (await completeAt(withEv, { line: ev + 1, character: 8 })).items.map((i: any) => i.label);
    assert.ok(evLabels.includes('note') && evLabels.includes('url'), evLabels.join(', '));
    assert.ok(!evLabels.includes('verdict') && !evLabels.includes('passage'), evLabels.join(', '));

    // top level
    const topLabels = (await completeAt(text + 'dis', { line: lines.length - 1, character: 3 })).items.map((i: any) => i.label);
    assert.ok(topLabels.includes('dismissals') && topLabels.includes('publisher'), topLabels.join(', '));
    assert.ok(!topLabels.includes('claims'), 'claims already used');
  });

  it('YAML completion: ids and enums as values (verdict → scale, source → sources, speaker → entities, alsoIn, stance)', async () => {
    const lines = yamlText.split('\n');
    const replaceLine = (i: number, s: string) => [...lines.slice(0, i), s, ...lines.slice(i + 1)].join('\n');
    const verdictLine = lines.indexOf('    verdict: "false"');
    let list = await completeAt(replaceLine(verdictLine, '    verdict: '), { line: verdictLine, character: 13 });
    assert.deepEqual(list.items.map((i: any) => i.label), ['false', 'misleading', 'true']);
    assert.equal(list.items[0].insertText, '"false"', 'quoted so YAML does not read a boolean');
    assert.match(list.items[0].detail, /False — refuted/);

    const speakerLine = lines.indexOf('    speaker: markovic');
    list = await completeAt(replaceLine(speakerLine, '    speaker: ma'), { line: speakerLine, character: 15 });
    assert.deepEqual(list.items.map((i: any) => i.label), ['markovic']);
    assert.match(list.items[0].detail, /Helena Markovic — person/);

    const evSource = lines.indexOf('      - source: story');
    list = await completeAt(replaceLine(evSource, '      - source: '), { line: evSource, character: 16 });
    assert.deepEqual(list.items.map((i: any) => i.label), ['story']);
    assert.match(list.items[0].detail, /Harborton Herald, 2025-10-15/);

    const statusLine = lines.indexOf('    status: published');
    list = await completeAt(replaceLine(statusLine, '    alsoIn: [st'), { line: statusLine, character: 15 });
    assert.deepEqual(list.items.map((i: any) => i.label), ['story']);

    const stance = lines.indexOf('        stance: contradicts');
    list = await completeAt(replaceLine(stance, '        stance: '), { line: stance, character: 16 });
    assert.deepEqual(list.items.map((i: any) => i.label), ['supports', 'contradicts', 'context']);

    const fileLine = lines.indexOf('    file: story.txt # the article under review');
    list = await completeAt(replaceLine(fileLine, '    file: '), { line: fileLine, character: 10 });
    assert.ok(list.items.some((i: any) => i.label === 'story.txt'), JSON.stringify(list.items));
  });

  it('YAML hovers: schema description on a key, what an id points to on a value', async () => {
    const lines = yamlText.split('\n');
    const k = lines.indexOf('    explanation: The audit found the bridge cost twice the estimate.');
    let hover: any = await client.request('textDocument/hover', { textDocument: { uri: yamlUri }, position: { line: k, character: 6 } });
    assert.match(hover.contents.value, /\*\*explanation\*\* — string/);
    assert.match(hover.contents.value, /Why this verdict/);
    const s = lines.indexOf('    speaker: markovic');
    hover = await client.request('textDocument/hover', { textDocument: { uri: yamlUri }, position: { line: s, character: 16 } });
    assert.match(hover.contents.value, /\*\*Helena Markovic\*\* — person/);
    assert.match(hover.contents.value, /Mayor of Harborton/);
    const v = lines.indexOf('    verdict: "false"');
    hover = await client.request('textDocument/hover', { textDocument: { uri: yamlUri }, position: { line: v, character: 15 } });
    assert.match(hover.contents.value, /\*\*False\*\* — rating 1, class \*refuted\*/);
  });

  it('YAML outline (claims, quotes, entities, sources) and go to definition from an id', async () => {
    const symbols: any[] = await client.request('textDocument/documentSymbol', { textDocument: { uri: yamlUri } });
    const names = symbols.map((s) => s.name);
    for (const n of ['Rating scale', 'Sources', 'Entities', 'Claims', 'Quotes']) assert.ok(names.includes(n), names.join(', '));
    const claims = symbols.find((s) => s.name === 'Claims');
    assert.ok(claims.children.some((c: any) => c.name === 'on-budget' && /^False · /.test(c.detail)), JSON.stringify(claims.children));
    const ents = symbols.find((s) => s.name === 'Entities');
    assert.equal(ents.children[0].name, 'Helena Markovic');
    const lines = yamlText.split('\n');
    assert.equal(ents.children[0].selectionRange.start.line, lines.indexOf('  - id: markovic'));

    const s = lines.indexOf('    speaker: markovic');
    const defs: any[] = await client.request('textDocument/definition', { textDocument: { uri: yamlUri }, position: { line: s, character: 15 } });
    assert.ok(defs.some((d) => d.uri === yamlUri && d.range.start.line === lines.indexOf('  - id: markovic')), JSON.stringify(defs));
  });

  it('a bad value repeated elsewhere is reported at its own line (from the node), not an earlier identical one', async () => {
    const text = yamlText.replace('    status: draft', '    status: finished').replace('    status: published', '    status: finished');
    await withYaml(text, async (version) => {
      const diags = client.diagnostics(yamlUri, version).filter((d: any) => /status/.test(d.message));
      const lines = text.split('\n');
      const expected = lines.map((l, i) => (l === '    status: finished' ? i : -1)).filter((i) => i >= 0);
      assert.equal(expected.length, 2);
      assert.deepEqual(diags.map((d: any) => d.range.start.line).sort((a: number, b: number) => a - b), expected);
      for (const d of diags) assert.equal(d.range.start.character, 12);
    });
  });

  it('a too-deep key is reported at its own line with an indentation hint (not a quoting hint on the line above)', async () => {
    const lines = yamlText.split('\n');
    const at = lines.indexOf('    text: The city council voted 7-2 in March 2024 to order an audit of the project');
    const bad = [...lines.slice(0, at), '      text: The city council voted 7-2 in March 2024 to order an audit of the project', ...lines.slice(at + 1)].join('\n');
    await withYaml(bad, async (version) => {
      const fm100 = client.diagnostics(yamlUri, version).filter((d: any) => d.code === 'FM100');
      assert.equal(fm100.length, 1, JSON.stringify(fm100));
      assert.equal(fm100[0].range.start.line, at);
      assert.equal(fm100[0].range.start.character, 6);
      assert.match(fm100[0].message, /`text:` on line \d+ is indented 6 spaces, deeper than `id:` on the line above \(4\)/);
      assert.doesNotMatch(fm100[0].message, /quotes/);
    });
  });

  it('no notification for a transient parse error while typing; one on save when it is still broken', async () => {
    const orig = yamlText;
    const since = client.mark();
    const broken = orig.replace('    explanation: The audit', '    explanation: "The audit');
    await setYaml(broken);
    await setYaml(orig); // fixed before the pause ends
    // wait past the pause: nothing pops up
    await new Promise((r) => setTimeout(r, 4500));
    assert.ok(!client.received.slice(since).some((m) => m.method === 'window/showMessage'), 'no toast for a typo fixed while typing');
    const since2 = client.mark();
    await withYaml(broken, async () => {
      await client.notify('textDocument/didSave', { textDocument: { uri: yamlUri } });
      const msg = await client.waitFor((m) => m.method === 'window/showMessage', 'notice on save', since2, 2000);
      assert.match(msg.params.message, /annotations\.yaml cannot be read \(line \d+/);
    });
  });

  it('Export ClaimReview: JSON-LD from the engine for the annotations in scope', async () => {
    const result: any = await client.request('workspace/executeCommand', { command: 'factmark.server.exportClaimReview', arguments: [{ uri: storyUri }] });
    assert.equal(result.count, 2);
    assert.deepEqual(result.files, [yamlPath]);
    const reviews = JSON.parse(result.json);
    assert.equal(reviews[0]['@type'], 'ClaimReview');
    assert.equal(reviews[0].claimReviewed, 'We delivered the bridge on time and on budget');
    assert.ok(result.skipped >= 1, 'the draft claims without a verdict are left out');
  });

  it('more findings than factmark.diagnostics.maxPerDocument: the most serious are shown plus one FM901 summary', async () => {
    const line = 'Mayor Helena Markovich said the bridge cost 40 million euros. ';
    const big = Array.from({ length: 120 }, (_, i) => `${line}Paragraph ${i + 1}.`).join('\n\n') + '\n';
    const uri = fileUri(path.join(deskDir, 'big.txt'));
    fs.writeFileSync(path.join(deskDir, 'big.txt'), big);
    const since = client.mark();
    await client.open(uri, big, 'plaintext', 1);
    const done = await client.analyzed(uri, 1, since);
    const diags = client.diagnostics(uri, 1);
    assert.equal(diags.length, 41, 'the cap (40) plus the summary');
    const summary = diags.find((d: any) => d.code === 'FM901');
    assert.ok(summary, 'FM901 summary');
    assert.equal(summary.range.start.line, 0);
    assert.match(summary.codeDescription.href, /#fm901$/);
    assert.ok(done.params.findings > 40, `didAnalyze reports the real total: ${done.params.findings}`);
    assert.equal(done.params.shown, 40);
    assert.match(summary.message, new RegExp(`Too many findings: ${done.params.findings} in this document, the 40 most serious are shown`));
  });

  it('semantic tokens on a 3 MB document are sorted, on one line, inside the line and in the legend', async () => {
    const seeds = path.join(repoRoot(), 'seeds');
    const texts = fs.readdirSync(seeds).filter((n) => n.endsWith('.txt')).sort().map((n) => fs.readFileSync(path.join(seeds, n), 'utf8'));
    const parts: string[] = [];
    let n = 0;
    while (n < 3_000_000) {
      for (const t of texts) {
        parts.push(t);
        n += t.length + 2;
      }
    }
    // mixed line ends, as pasted text has them
    const big = parts.map((p, i) => (i % 3 === 1 ? p.replace(/\n/g, '\r\n') : p)).join('\n\n');
    const uri = fileUri(path.join(deskDir, 'huge.txt'));
    const since = client.mark();
    await client.open(uri, big, 'plaintext', 1);
    await client.waitFor((m) => m.method === 'factmark/didAnalyze' && m.params.uri === uri, 'didAnalyze of the 3 MB document', since, 120_000);
    const diags = client.diagnostics(uri, 1);
    assert.ok(diags.length <= 41, `capped: ${diags.length}`);
    const legend = initResult.capabilities.semanticTokensProvider.legend;
    const lines = big.split(/\r\n|\r|\n/);
    for (const range of [undefined, { start: { line: 100, character: 3 }, end: { line: 900, character: 0 } }]) {
      const res: any = await client.request(range ? 'textDocument/semanticTokens/range' : 'textDocument/semanticTokens/full', { textDocument: { uri }, ...(range ? { range } : {}) });
      const data: number[] = res.data;
      assert.ok(data.length > 5 * (range ? 1_000 : 50_000), `many tokens: ${data.length / 5}`);
      assert.equal(data.length % 5, 0);
      let line = 0;
      let char = 0;
      let prevLine = -1;
      let prevEnd = 0;
      for (let i = 0; i < data.length; i += 5) {
        const [dl, dc, len, type, mods] = data.slice(i, i + 5);
        assert.ok(Number.isInteger(dl) && dl >= 0 && Number.isInteger(dc) && dc >= 0 && len > 0, `token ${i / 5}: ${dl},${dc},${len}`);
        line += dl;
        char = dl === 0 ? char + dc : dc;
        assert.ok(line < lines.length && char + len <= lines[line].length, `token ${i / 5} inside line ${line}`);
        assert.ok(line > prevLine || char >= prevEnd, `token ${i / 5} does not overlap or go back`);
        assert.ok(type < legend.tokenTypes.length && mods < 1 << legend.tokenModifiers.length, 'in the legend');
        if (range) assert.ok(line >= range.start.line && line <= range.end.line, 'inside the requested range');
        prevLine = line;
        prevEnd = char + len;
      }
    }
    // the Outline stays small enough for the extension host: at most 300 children per group + "… N more"
    const symbols: any[] = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    let total = 0;
    let capped = 0;
    const walk = (list: any[]) => {
      for (const sym of list) {
        total++;
        if (sym.children) {
          assert.ok(sym.children.length <= 301, `${sym.name}: ${sym.children.length} children`);
          if (/^… [\d,]+ more$/.test(sym.children[sym.children.length - 1]?.name ?? '')) capped++;
          walk(sym.children);
        }
      }
    };
    walk(symbols);
    assert.ok(capped > 0, 'some group was capped');
    assert.ok(total < 5000, `${total} symbols`);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  async function setYaml(text: string): Promise<number> {
    yamlText = text;
    yamlVersion++;
    const since = client.mark();
    await client.notify('textDocument/didChange', { textDocument: { uri: yamlUri, version: yamlVersion }, contentChanges: [{ text }] });
    await client.analyzed(yamlUri, yamlVersion, since);
    return yamlVersion;
  }

  /** Completion on `text` (the buffer is restored afterwards). */
  async function completeAt(text: string, position: { line: number; character: number }): Promise<any> {
    const orig = yamlText;
    await setYaml(text);
    const res: any = await client.request('textDocument/completion', { textDocument: { uri: yamlUri }, position });
    await setYaml(orig);
    return Array.isArray(res) ? { items: res } : res;
  }

  /** Runs `body` on `text` as the YAML buffer, then restores the buffer. */
  async function withYaml(text: string, body: (version: number) => Promise<void>): Promise<void> {
    const orig = yamlText;
    const version = await setYaml(text);
    try {
      await body(version);
    } finally {
      await setYaml(orig);
    }
  }
});
