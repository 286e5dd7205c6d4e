// *Factmark: Compare Sources*: a webview with the event's people, quotes and figures as rows and the
// sources as columns; each cell links to its passage. The data comes from the server
// (factmark/compareSources); the page has a strict Content-Security-Policy (no remote content, one
// nonce'd script and style) and every value is HTML-escaped.
import * as crypto from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface Pos {
  line: number;
  character: number;
}
interface Cell {
  text: string;
  uri: string;
  range: { start: Pos; end: Pos };
  note?: string;
  odd?: boolean;
}
interface Row {
  kind: 'person' | 'place' | 'organization' | 'quote' | 'figure';
  label: string;
  detail: string;
  flag?: string;
  cells: Cell[][];
}
export interface CompareViewModel {
  sources: Array<{ uri: string; label: string }>;
  rows: Row[];
  skipped: number;
  elapsedMs: number;
}

export const COMPARE_REQUEST = 'factmark/compareSources';

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

const SECTIONS: Array<{ title: string; kinds: Row['kind'][] }> = [
  { title: 'People', kinds: ['person'] },
  { title: 'Quotes', kinds: ['quote'] },
  { title: 'Figures', kinds: ['figure'] },
  { title: 'Places and organisations', kinds: ['place', 'organization'] },
];

/** The page for a view model. Cells are numbered; a click posts {open: n} back to the extension. */
export function compareHtml(vm: CompareViewModel, nonce: string, cspSource: string): { html: string; cells: Cell[] } {
  const cells: Cell[] = [];
  const head = vm.sources.map((s) => `<th scope="col" title="${escapeHtml(s.uri)}">${escapeHtml(s.label)}</th>`).join('');
  const body: string[] = [];
  for (const sec of SECTIONS) {
    const rows = vm.rows.filter((r) => sec.kinds.includes(r.kind));
    if (!rows.length) continue;
    body.push(`<tr class="section"><th colspan="${vm.sources.length + 1}" scope="rowgroup">${escapeHtml(sec.title)} (${rows.length})</th></tr>`);
    for (const r of rows) {
      const tds = r.cells
        .map((list) => {
          if (!list.length) return '<td class="none">—</td>';
          const items = list
            .map((c) => {
              const i = cells.push(c) - 1;
              const note = c.note ? ` <span class="note">${escapeHtml(c.note)}</span>` : '';
              const text = c.text.length > 220 ? c.text.slice(0, 219) + '…' : c.text;
              return `<a href="#" class="cell${c.odd ? ' odd' : ''}" data-cell="${i}" title="Open the passage (line ${c.range.start.line + 1})">${escapeHtml(text)}</a>${note}`;
            })
            .join('<br>');
          return `<td>${items}</td>`;
        })
        .join('');
      const flag = r.flag ? ` <span class="flag">${escapeHtml(r.flag)}</span>` : '';
      body.push(`<tr class="${escapeHtml(r.kind)}"><th scope="row"><div class="label">${escapeHtml(r.label)}${flag}</div><div class="detail">${escapeHtml(r.detail)}</div></th>${tds}</tr>`);
    }
  }
  const skipped = vm.skipped ? `<p class="warn">${vm.skipped} more sources were not compared (limit reached).</p>` : '';
  const empty = vm.sources.length < 2 ? '<p class="warn">Open a folder with at least two sources to compare them.</p>' : '';
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compare Sources</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px 24px; }
h1 { font-size: 1.3em; font-weight: 600; margin: 12px 0 4px; }
p.sub { margin: 0 0 10px; opacity: .8; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 5px 7px; vertical-align: top; text-align: left; }
thead th { position: sticky; top: 0; background: var(--vscode-editor-background); z-index: 1; }
th[scope=row] { width: 17%; font-weight: 600; }
tr.section th { background: var(--vscode-sideBarSectionHeader-background, #8882); font-size: .95em; text-transform: uppercase; letter-spacing: .04em; }
.detail { font-weight: normal; opacity: .75; font-size: .9em; margin-top: 2px; }
.flag { display: inline-block; font-weight: 600; font-size: .8em; padding: 0 5px; border-radius: 8px; background: var(--vscode-inputValidation-warningBackground, #fc04); border: 1px solid var(--vscode-inputValidation-warningBorder, #fc0); margin-left: 4px; }
a.cell { color: var(--vscode-textLink-foreground); text-decoration: none; }
a.cell:hover, a.cell:focus { text-decoration: underline; }
a.cell.odd { font-weight: 700; color: var(--vscode-editorWarning-foreground, #c80); }
.note { opacity: .7; font-size: .85em; }
td.none { opacity: .4; text-align: center; }
tr.quote td { font-style: italic; }
.warn { color: var(--vscode-editorWarning-foreground); }
</style></head>
<body>
<h1>Compare Sources</h1>
<p class="sub">${vm.sources.length} sources · ${vm.rows.length} rows · <strong>bold</strong> cells differ from the other sources · click a cell to open the passage</p>
${empty}${skipped}
<table><thead><tr><th scope="col">People, quotes, figures</th>${head}</tr></thead>
<tbody>${body.join('\n')}</tbody></table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const a = e.target.closest('a.cell');
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ open: Number(a.dataset.cell) });
});
</script>
</body></html>`;
  return { html, cells };
}

let panel: vscode.WebviewPanel | undefined;

/** Opens (or refreshes) the comparison view. */
export async function showCompareView(client: LanguageClient): Promise<vscode.WebviewPanel> {
  const vm = await client.sendRequest<CompareViewModel>(COMPARE_REQUEST, {});
  if (!panel) {
    panel = vscode.window.createWebviewPanel('factmark.compare', 'Compare Sources', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    panel.onDidDispose(() => (panel = undefined));
  }
  const nonce = crypto.randomBytes(16).toString('base64');
  const { html, cells } = compareHtml(vm, nonce, panel.webview.cspSource);
  panel.webview.html = html;
  const current = panel;
  const sub = panel.webview.onDidReceiveMessage(async (m: { open?: number }) => {
    const c = typeof m?.open === 'number' ? cells[m.open] : undefined;
    if (!c) return;
    const range = new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(c.uri), { selection: range, viewColumn: vscode.ViewColumn.Beside, preview: true });
  });
  current.onDidDispose(() => sub.dispose());
  (current as vscode.WebviewPanel & { _factmarkSub?: vscode.Disposable })._factmarkSub?.dispose();
  (current as vscode.WebviewPanel & { _factmarkSub?: vscode.Disposable })._factmarkSub = sub;
  current.reveal();
  return current;
}
