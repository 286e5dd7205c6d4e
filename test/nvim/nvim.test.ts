// Neovim 0.7 (Debian's `neovim`) as a real third-party LSP client: hover and document symbols on a
// seed, then an edit (nvim_buf_set_lines → incremental didChange) reflected in both.
// Skipped only when nvim is absent outside CI; in CI (process.env.CI set) a missing nvim fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copySeeds, repoRoot, serverPath } from '../protocol/harness';

function findNvim(): string | null {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? 'nvim' : null;
}

const nvim = findNvim();
const skip = !nvim && !process.env.CI ? 'nvim is not installed (apt-get install neovim); set CI=1 to make this a failure' : false;

describe('Neovim 0.7 as an LSP client', { skip }, () => {
  it('hover and document symbols answer on a seed, and an edit is reflected in them', async () => {
    assert.ok(nvim, 'nvim must be installed in CI (apt-get install neovim)');
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-nvim-'));
    try {
      const ws = path.join(tmp, 'ws');
      copySeeds(ws);
      const seed = fs.readdirSync(ws).filter((n) => n.endsWith('.txt')).sort()[0];
      const out = path.join(tmp, 'result.json');
      const xdg = path.join(tmp, 'xdg');
      for (const d of ['config', 'data', 'cache', 'state']) fs.mkdirSync(path.join(xdg, d), { recursive: true });
      const script = path.join(repoRoot(), 'test', 'nvim', 'probe.lua');
      const env = {
        ...process.env,
        XDG_CONFIG_HOME: path.join(xdg, 'config'),
        XDG_DATA_HOME: path.join(xdg, 'data'),
        XDG_CACHE_HOME: path.join(xdg, 'cache'),
        XDG_STATE_HOME: path.join(xdg, 'state'),
        FACTMARK_SERVER: serverPath(),
        FACTMARK_FILE: path.join(ws, seed),
        FACTMARK_WORKSPACE: ws,
        FACTMARK_OUT: out,
        FACTMARK_NODE: process.execPath,
      };
      const proc = spawn('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-S', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      proc.stdout.on('data', (d) => (output += d));
      proc.stderr.on('data', (d) => (output += d));
      // Kill timer: a hung headless nvim must not hang the suite.
      const killer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
      const code: number | null = await new Promise((resolve) => proc.on('exit', (c) => resolve(c)));
      clearTimeout(killer);
      const logFile = path.join(xdg, 'cache', 'nvim', 'lsp.log');
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
      assert.ok(fs.existsSync(out), `${version}: no result (exit ${code}). Output: ${output}\nLSP log: ${log}`);
      const r = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.equal(r.ok, true, `${version}: ${r.error}\nsteps: ${r.steps?.join(' → ')}\nLSP log: ${log}`);
      assert.equal(code, 0);

      assert.equal(r.capabilities.hover, true);
      assert.equal(r.capabilities.document_symbol, true);
      assert.ok(r.first.entities > 0 && r.first.quotes > 0, JSON.stringify(r.first));
      assert.ok(r.diagnostics > 0, 'diagnostics reached vim.diagnostic');

      // before the edit
      assert.match(r.before.hover_entity, /\*\*Vladimir Putin\*\*/);
      assert.match(r.before.hover_entity, /Person/);
      assert.match(r.before.hover_quote, /speaker: \*\*Ahmed/);
      const groups = r.before.symbols.map((g: any) => g.name);
      // the source's claims (annotated and check-worthy) come first in the outline
      assert.deepEqual(groups, ['Claims', 'Quotes', 'Entities']);
      const people = r.before.symbols.find((g: any) => g.name === 'Entities').children.find((c: any) => c.name === 'People');
      assert.ok(people.children.includes('Vladimir Putin'), people.children.join(', '));

      // after the edit
      assert.ok(r.edited_version > r.first.version);
      assert.match(r.after.hover_entity, /\*\*Friedrich Merz\*\*/);
      assert.match(r.after.hover_quote, /speaker: \*\*Friedrich Merz\*\*/);
      const group = (name: string) => r.after.symbols.find((g: any) => g.name === name);
      const speakers = group('Quotes').children.map((c: any) => c.name);
      assert.ok(speakers.includes('Friedrich Merz'), speakers.join(', '));
      const peopleAfter = group('Entities').children.find((c: any) => c.name === 'People');
      assert.ok(peopleAfter.children.includes('Friedrich Merz'));
      assert.ok(!people.children.includes('Friedrich Merz'), 'the new name was not there before the edit');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
