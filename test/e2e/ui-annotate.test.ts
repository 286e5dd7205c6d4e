// UI test for issue 10 (what a person sees), in code-server 4.100.3 + headless Chromium with the
// packaged .vsix: "Annotate this claim" opens the annotations YAML beside the source at the new
// entry with the verdict placeholder selected (unsaved, undoable); typing `verdict: ` offers the
// scale's ratings (Factmark's own completion — there is no YAML extension in code-server); an
// evidence link in a claim hover opens its source with the passage selected; Next Finding moves
// through the findings; a 3 MB document opens without workbench errors and with the diagnostics
// capped (FM901). Screenshots go to test-artifacts/screenshots/.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import * as YAML from 'yaml';
import { launchBrowser, type Browser } from './browser';
import { ensureCodeServer, installVsix, makeProfile, repoRoot, startCodeServer, workbenchUrl, type RunningCodeServer } from './code-server';
import { ensureVsix, seedsCopy } from './vsix';

const SHOTS = path.join(repoRoot(), 'test-artifacts', 'screenshots');

interface CliFinding {
  code: string;
  severity: string;
  message: string;
  start: number;
  end: number;
  line: number;
  column: number;
  data?: { claimId?: string };
}

let tmp: string;
let ws: string;
let server: RunningCodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let seedFile: string;
let fm004: CliFinding;
let evidenceClaim: { line: number; column: number; passage: string; file: string } | undefined;
let yamlOnDisk: string;

async function shot(name: string): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => {
    const g = globalThis as any;  
    const finite = g.document.getAnimations().filter((a: any) => a.effect?.getComputedTiming().iterations !== Infinity);  
    return Promise.all(finite.map((a: { finished: Promise<unknown> }) => a.finished.catch(() => undefined)));
  });
  const file = path.join(SHOTS, name);
  await page.screenshot({ path: file });
  return file;
}

function guarded(slug: string, fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await fn();
    } catch (e) {
      await shot(`failure-annotate-${slug}.png`).catch(() => undefined);
      throw e;
    }
  };
}

async function command(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** The Factmark status bar item shows the active document's counts once it is analysed. */
async function analysed(timeout = 240_000): Promise<void> {
  await page.locator('.statusbar-item').filter({ hasText: /Factmark: [\d,]+ entit/ }).first().waitFor({ timeout });
}

async function quickOpen(name: string): Promise<void> {
  await page.mouse.move(2, 2);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  const tab = page.locator('.tab').filter({ hasText: name }).first();
  if (await tab.count()) {
    await tab.click();
    await page.locator('.tab.active').filter({ hasText: name }).first().waitFor();
    return;
  }
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    const opened = await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    if (opened) break;
    if (attempt === 4) assert.fail('Quick Open (Ctrl+P) did not open');
  }
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active').filter({ hasText: name }).first().waitFor();
}

/** Go to 1-based line:col in the active editor (Ctrl+G). */
async function gotoLineCol(line: number, col: number): Promise<{ x: number; y: number }> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${col}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.locator('.statusbar-item[id="status.editor.selection"]').filter({ hasText: `Ln ${line}, Col ${col}` }).waitFor({ timeout: 10_000 });
  const cursor = page.locator('.editor-group-container.active .monaco-editor .cursors-layer .cursor').first();
  const box = await cursor.boundingBox();
  assert.ok(box, 'the cursor is visible');
  return { x: box.x + 4, y: box.y + box.height / 2 };
}

function selectionStatus(): Promise<string> {
  return page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
}

/** Text of the active editor, from the model through the workbench's accessibility view is not
 *  reachable from the page: read the visible lines instead (enough for what the test checks). */
async function visibleLines(): Promise<string[]> {
  // the editor renders spaces as no-break spaces
  return (await page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').allInnerTexts()).map((l) => l.replace(/\u00a0/g, ' '));
}

describe('Factmark UI: annotate, YAML help, passage links, findings, large files', { timeout: 25 * 60_000 }, () => {
  before(async () => {
    await ensureCodeServer();
    const vsix = ensureVsix();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-ui-annotate-'));
    ws = seedsCopy(tmp);
    const profile = makeProfile(path.join(tmp, 'profile'), {
      'editor.wordWrap': 'on',
      'editor.fontSize': 14,
      'editor.lineHeight': 20,
      'editor.hover.delay': 200,
      'editor.hover.sticky': true,
      'workbench.reduceMotion': 'on',
      'editor.stickyScroll.enabled': false,
      'files.autoSave': 'off',
      'editor.quickSuggestionsDelay': 10,
    });
    installVsix(profile, vsix);

    const cliJs = path.join(repoRoot(), 'dist', 'cli.js');
    const check = spawnSync(process.execPath, [cliJs, 'check', ws, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8' });
    const report = JSON.parse(check.stdout) as { files: Array<{ path: string; findings: CliFinding[] }> };
    // the seed with an unannotated check-worthy sentence (FM004) and an annotated claim with evidence
    const model = YAML.parse(fs.readFileSync(path.join(ws, 'annotations.yaml'), 'utf8'));
    for (const f of report.files) {
      const fm = f.findings.find((x) => x.code === 'FM004');
      if (!fm) continue;
      const abs = fs.existsSync(path.resolve(ws, f.path)) ? path.resolve(ws, f.path) : path.join(ws, path.basename(f.path));
      const claimF = f.findings.find((x) => {
        const c = (model.claims ?? []).find((k: any) => k.id === x.data?.claimId);  
        return c && (c.evidence ?? []).some((e: any) => e.source && model.sources.find((s: any) => s.id === e.source)?.file);  
      });
      seedFile = abs;
      fm004 = fm;
      if (claimF) {
        const c = model.claims.find((k: any) => k.id === claimF.data?.claimId);  
        const ev = c.evidence.find((e: any) => e.source && model.sources.find((s: any) => s.id === e.source)?.file);  
        const src = model.sources.find((s: any) => s.id === ev.source);  
        evidenceClaim = { line: claimF.line, column: claimF.column + 3, passage: ev.passage, file: src.file };
        break;
      }
    }
    assert.ok(fm004, 'a seed with an FM004 finding');
    yamlOnDisk = fs.readFileSync(path.join(ws, 'annotations.yaml'), 'utf8');
    // a 3 MB document made of the seeds (written before the workbench starts, so Quick Open lists it)
    const texts = fs.readdirSync(ws).filter((n) => n.endsWith('.txt')).sort().map((n) => fs.readFileSync(path.join(ws, n), 'utf8'));
    const parts: string[] = [];
    let size = 0;
    while (size < 3_000_000) {
      for (const t of texts) {
        parts.push(t);
        size += t.length + 2;
      }
    }
    fs.writeFileSync(path.join(ws, 'large-3mb.txt'), parts.join('\n\n'));

    server = await startCodeServer({ profile, folder: ws });
    browser = await launchBrowser({ width: 1600, height: 1000 });
    page = browser.page;
    await page.goto(workbenchUrl(server, ws));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  });

  after(async () => {
    if (browser && process.env.FACTMARK_UI_DEBUG) console.log(browser.console.join('\n'));
    await browser?.close();
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('"Annotate this claim" opens the YAML beside the source at the new entry, placeholder selected, unsaved', guarded('annotate', async () => {
    await quickOpen(path.basename(seedFile));
    await analysed();
    await gotoLineCol(fm004.line, fm004.column + 2);
    const menu = page.locator('.action-widget');
    // The sources' comparison may re-publish the diagnostics right after the first analysis; a
    // quick-fix request that raced it finds none ("No code actions available"): ask again.
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.keyboard.press('Control+.');
      if (await menu.waitFor({ state: 'visible', timeout: 8_000 }).then(() => true, () => false)) break;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1500);
    }
    await menu.waitFor({ state: 'visible', timeout: 20_000 });
    await menu.locator('.monaco-list-row').filter({ hasText: 'Annotate this claim' }).first().waitFor();
    // keyboard, as a person does: move to the action, Enter
    for (let i = 0; i < 10; i++) {
      const focused = await menu.locator('.monaco-list-row.focused').getAttribute('aria-label').catch(() => null);
      if (focused === 'Annotate this claim') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    // the YAML opens in a second editor group, beside the source, and is the active editor
    await page.locator('.editor-group-container.active .tab.active').filter({ hasText: 'annotations.yaml' }).waitFor({ timeout: 60_000 });
    const groups = await page.locator('.editor-group-container').count();
    assert.ok(groups >= 2, `beside the source: ${groups} editor groups`);
    await page.locator('.editor-group-container .tab').filter({ hasText: path.basename(seedFile) }).first().waitFor();
    // the verdict placeholder is selected in the new entry
    await page.locator('.statusbar-item[id="status.editor.selection"]').filter({ hasText: /selected/ }).waitFor({ timeout: 10_000 });
    const status = await selectionStatus();
    const lines = await visibleLines();
    assert.ok(lines.some((l) => /# TODO: verdict/.test(l)), `the new entry is revealed: ${lines.join('\n')}`);
    const scaleIds: string[] = (YAML.parse(yamlOnDisk).scale ?? []).map((r: { id: string }) => r.id);
    const placeholder = `# TODO: verdict (${scaleIds.join(' | ')}), explanation, evidence`;
    const m = /\((\d+) selected\)/.exec(status);
    assert.ok(m && Number(m[1]) === placeholder.length, `the placeholder "${placeholder}" (${placeholder.length}) is selected: ${status}`);
    // unsaved (dirty tab), the file on disk untouched
    await page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ timeout: 5_000 });
    assert.equal(fs.readFileSync(path.join(ws, 'annotations.yaml'), 'utf8'), yamlOnDisk, 'not saved');
    await page.mouse.move(2, 2);
    await shot('10-annotate-claim-beside.png');
  }));

  it('typing "verdict: " over the placeholder offers the scale ratings (Factmark YAML completion)', guarded('yaml-completion', async () => {
    await page.keyboard.type('verdict: ', { delay: 30 });
    const suggest = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    const visible = await suggest.first().waitFor({ timeout: 8_000 }).then(() => true, () => false);
    if (!visible) {
      await page.keyboard.press('Control+Space');
      await suggest.first().waitFor({ timeout: 15_000 });
    }
    const labels = await suggest.allInnerTexts();
    const model = YAML.parse(yamlOnDisk);
    const ids: string[] = (model.scale ?? []).map((s: { id: string }) => s.id);
    for (const id of ids.slice(0, 3)) assert.ok(labels.some((l) => l.startsWith(id)), `${id} offered: ${labels.join(' | ')}`);
    await shot('11-yaml-completion-verdict.png');
    await page.keyboard.press('Escape');
  }));

  it('undo in the YAML removes the entry again', guarded('undo', async () => {
    for (let i = 0; i < 6; i++) {
      const dirty = await page.locator('.editor-group-container.active .tab.active.dirty').count();
      if (!dirty) break;
      await page.keyboard.press('Control+Z');
      await page.waitForTimeout(150); // lets the tab's dirty state repaint between undo steps
    }
    await page.locator('.editor-group-container.active .tab.active:not(.dirty)').filter({ hasText: 'annotations.yaml' }).waitFor({ timeout: 10_000 });
    const lines = await visibleLines();
    assert.ok(!lines.some((l) => /# TODO: verdict/.test(l)), 'the draft entry is gone');
  }));

  it('an evidence link in a claim hover opens the source with the passage selected', guarded('passage-link', async () => {
    if (!evidenceClaim) return;
    await quickOpen(path.basename(seedFile));
    const { x, y } = await gotoLineCol(evidenceClaim.line, evidenceClaim.column);
    await page.mouse.move(x, y, { steps: 3 });
    const hover = page.locator('.monaco-hover:not(.hidden)');
    await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
    const link = hover.locator('a[data-href*="#L"], a[href*="#L"]').first();
    await link.waitFor({ timeout: 15_000 });
    await shot('12-hover-evidence-link.png');
    await link.click();
    const target = path.basename(evidenceClaim.file);
    await page.locator('.tab.active').filter({ hasText: target }).first().waitFor({ timeout: 15_000 });
    const expected = evidenceClaim.passage.length;
    await page.locator('.statusbar-item[id="status.editor.selection"]').filter({ hasText: /selected/ }).waitFor({ timeout: 10_000 });
    const status = await selectionStatus();
    const n = Number(/\((\d+) selected\)/.exec(status)?.[1]);
    assert.ok(Math.abs(n - expected) <= 2, `the passage (${expected} characters) is selected: ${status}`);
    await page.mouse.move(2, 2);
    await shot('13-passage-selected.png');
  }));

  it('Next Finding / Previous Finding move through the findings', guarded('next-finding', async () => {
    await quickOpen(path.basename(seedFile));
    await gotoLineCol(1, 1);
    // The first finding after the cursor: the 1st, or the 2nd when one starts exactly at 1:1.
    await command('Factmark: Next Finding');
    const first = page.locator('.statusbar-item').filter({ hasText: /Factmark: finding [12] of \d+/ }).first();
    await first.waitFor({ timeout: 10_000 });
    const i = Number(/finding (\d+) of/.exec(await first.innerText())![1]);
    await command('Factmark: Next Finding');
    await page.locator('.statusbar-item').filter({ hasText: new RegExp(`Factmark: finding ${i + 1} of \\d+`) }).first().waitFor({ timeout: 10_000 });
    await command('Factmark: Previous Finding');
    await page.locator('.statusbar-item').filter({ hasText: new RegExp(`Factmark: finding ${i} of \\d+`) }).first().waitFor({ timeout: 10_000 });
    assert.match(await selectionStatus(), /selected/);
  }));

  it('a 3 MB document: no workbench errors, Problems capped with an FM901 summary', guarded('large', async () => {
    const consoleBefore = browser!.console.length;
    await quickOpen('large-3mb.txt');
    await analysed(300_000);
    // scroll through it so the viewport (range) tokens are requested and styled
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Control+Home');
    }
    await page.keyboard.press('Control+Shift+M');
    // the summary (filter Problems by its code), then the file's row: the cap (500) plus the summary
    const filter = page.getByPlaceholder(/Filter \(e\.g\./).first();
    await filter.fill('FM901');
    const fm901 = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'Too many findings' }).first();
    await fm901.waitFor({ timeout: 120_000 });
    const summary = await fm901.innerText();
    await shot('14-large-document-fm901.png');
    await filter.fill('large-3mb');
    let rows: string[] = [];
    for (let i = 0; i < 60; i++) {
      rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label') ?? ''} | ${e.textContent ?? ''}`));
      if (rows.some((r) => /large-3mb\.txt/.test(r) && /\b501\b/.test(r))) break;
      await page.waitForTimeout(1000); // polling the virtualised list (bounded)
    }
    assert.ok(rows.some((r) => /large-3mb\.txt/.test(r) && /\b501\b/.test(r)), `500 findings + the FM901 summary listed:\n${rows.slice(0, 3).join('\n')}`);
    await filter.fill('');
    // the status bar still counts every finding
    const status = await page.locator('.statusbar-item').filter({ hasText: /Factmark: [\d,]+ entit/ }).first().innerText();
    const total = Number(/([\d,]+) findings/.exec(status)?.[1].replace(/,/g, ''));
    assert.ok(total > 501, `status bar: ${status}`);
    assert.match(summary, new RegExp(`Too many findings: ${total.toLocaleString('en-US')} in this document, the 500 most serious are shown`));
    const errors = browser!.console.slice(consoleBefore).filter((l) => /RangeError|Invalid array length|unresponsive/i.test(l));
    assert.deepEqual(errors, [], 'no RangeError / unresponsive extension host in the workbench console');
    await page.keyboard.press('Control+Shift+M');
  }));
});
