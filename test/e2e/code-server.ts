// code-server 4.100.3 (VS Code 1.100.3's workbench served to a browser), installed on demand into
// .vscode-test/code-server the way @vscode/test-electron caches VS Code, plus helpers to run it with
// an isolated profile. Recipe: ../shared/docs/real-clients.md, section 1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as http from 'node:http';

export const CODE_SERVER_VERSION = '4.100.3';
/** @vscode/ripgrep version locked by code-server 4.100.3, and the rg release its installer fetches. */
const VSCODE_RIPGREP_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
/** Debian packages code-server's install (native modules, ripgrep) needs. */
export const CODE_SERVER_APT_PACKAGES = ['libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'ripgrep'];

/** The repository root: the nearest folder upwards holding Factmark's package.json. */
export function repoRoot(): string {
  try {
    return findRoot(__dirname);
  } catch {
    return findRoot(process.cwd());
  }
}

function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    // tsc copies package.json into out/ (resolveJsonModule): the root also has tsconfig.json.
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'tsconfig.json'))) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'factmark') return dir;
      } catch {
        /* keep looking */
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`repoRoot: no factmark package.json above ${from}`);
    dir = up;
  }
}

export const cacheDir = (): string => path.join(repoRoot(), '.vscode-test');
export const codeServerDir = (): string => path.join(cacheDir(), 'code-server');
const markerFile = (): string => path.join(codeServerDir(), `.installed-${CODE_SERVER_VERSION}`);
/** code-server's CLI entry (run it with the current Node, which must be Node 20). */
export const codeServerEntry = (): string => path.join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Debian packages from `packages` that are not installed (empty when dpkg is absent: not Debian). */
export function missingDebianPackages(packages: string[]): string[] {
  const probe = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...packages], { encoding: 'utf8' });
  if (probe.error) return [];
  const ok = new Set(
    probe.stdout
      .split('\n')
      .filter((l) => l.endsWith('install ok installed'))
      .map((l) => l.split(' ')[0].replace(/:.*$/, '')),
  );
  return packages.filter((p) => !ok.has(p));
}

function isInstalled(): boolean {
  if (!fs.existsSync(markerFile()) || !fs.existsSync(codeServerEntry())) return false;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(codeServerDir(), 'node_modules', 'code-server', 'package.json'), 'utf8'));
    return pkg.version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here): seed its cache with Debian's rg. */
function seedRipgrepCache(): void {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) throw new Error('ensureCodeServer: ripgrep (rg) is missing; install the Debian package: apt-get install -y ripgrep');
  const arch = os.arch() === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const cache = path.join(os.tmpdir(), `vscode-ripgrep-cache-${VSCODE_RIPGREP_VERSION}`);
  const tarball = path.join(cache, `ripgrep-${RIPGREP_RELEASE}-${arch}.tar.gz`);
  if (fs.existsSync(tarball)) return;
  fs.mkdirSync(cache, { recursive: true });
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-rgpkg-'));
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  const tmp = `${tarball}.${process.pid}.tmp`;
  const tar = spawnSync('tar', ['czf', tmp, '-C', stage, 'rg'], { encoding: 'utf8' });
  fs.rmSync(stage, { recursive: true, force: true });
  if (tar.status !== 0) throw new Error(`ensureCodeServer: could not build the ripgrep cache tarball: ${tar.stderr}`);
  fs.renameSync(tmp, tarball);
}

/** Serialises installs across processes (node --test may run files in parallel). */
async function withLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Stale lock left by a killed process?
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      if (Number.isFinite(holder) && !processAlive(holder)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`ensureCodeServer: timed out waiting for the install lock ${lockDir}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface EnsureOptions {
  /** Where npm's output goes (default: inherited stderr, prefixed). */
  log?: (line: string) => void;
}

/**
 * Installs code-server@4.100.3 into .vscode-test/code-server unless it is already there
 * (then returns at once). Returns the path of code-server's entry script.
 */
export async function ensureCodeServer(opts: EnsureOptions = {}): Promise<string> {
  if (isInstalled()) return codeServerEntry();
  const log = opts.log ?? ((l: string) => process.stderr.write(`[code-server install] ${l}\n`));
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new Error(`ensureCodeServer: code-server ${CODE_SERVER_VERSION} needs Node 20 (this is Node ${process.versions.node})`);
  }
  const missing = missingDebianPackages(CODE_SERVER_APT_PACKAGES);
  if (missing.length) {
    throw new Error(
      `ensureCodeServer: missing Debian packages needed to install code-server: ${missing.join(' ')}\n` +
        `  install them as root: apt-get install -y ${missing.join(' ')}   (or run: bash test/support/setup.sh)`,
    );
  }
  return withLock(path.join(cacheDir(), '.code-server.lock'), async () => {
    if (isInstalled()) return codeServerEntry();
    seedRipgrepCache();
    const dir = codeServerDir();
    fs.mkdirSync(dir, { recursive: true });
    // Own package.json so npm does not walk up into the repository's.
    const pkgJson = path.join(dir, 'package.json');
    if (!fs.existsSync(pkgJson)) {
      fs.writeFileSync(pkgJson, JSON.stringify({ name: 'factmark-code-server-cache', private: true }, null, 2) + '\n');
    }
    log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (about a minute, ~300 MB)`);
    const started = Date.now();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(
      npm,
      ['install', '--prefix', dir, `code-server@${CODE_SERVER_VERSION}`, '--unsafe-perm', '--no-audit', '--no-fund', '--no-save'],
      { cwd: dir, env: { ...process.env, npm_config_yes: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tail: string[] = [];
    const onData = (buf: Buffer) => {
      for (const line of buf.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 60) tail.shift();
        if (/ERR!|error|added \d+ packages/i.test(line)) log(line);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const code: number = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c) => resolve(c ?? 1));
    });
    if (code !== 0 || !fs.existsSync(codeServerEntry())) {
      throw new Error(`ensureCodeServer: npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code}):\n${tail.join('\n')}`);
    }
    fs.writeFileSync(markerFile(), new Date().toISOString() + '\n');
    log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return codeServerEntry();
  });
}

// ---------------------------------------------------------------------------
// Running code-server with an isolated profile.

export interface Profile {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
}

/** Settings that keep walkthroughs/welcome pages, trust prompts and update checks out of the way. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.semanticHighlighting.enabled': true,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'workbench.layoutControl.enabled': false,
};

/** Creates (or reuses) an isolated profile folder with a user settings.json. */
export function makeProfile(root: string, settings: Record<string, unknown> = {}): Profile {
  const p: Profile = {
    root,
    userDataDir: path.join(root, 'data'),
    extensionsDir: path.join(root, 'exts'),
    configFile: path.join(root, 'config.yaml'),
  };
  fs.mkdirSync(path.join(p.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(p.extensionsDir, { recursive: true });
  fs.writeFileSync(p.configFile, ''); // empty: everything is given on the command line
  fs.writeFileSync(
    path.join(p.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2) + '\n',
  );
  return p;
}

/** code-server keeps logs under XDG_DATA_HOME and its default config under XDG_CONFIG_HOME: point
 *  both into the profile so nothing is written to the user's home. */
function profileEnv(p: Profile): NodeJS.ProcessEnv {
  return { ...process.env, XDG_DATA_HOME: path.join(p.root, 'xdg-data'), XDG_CONFIG_HOME: path.join(p.root, 'xdg-config') };
}

function profileArgs(p: Profile): string[] {
  return ['--config', p.configFile, '--user-data-dir', p.userDataDir, '--extensions-dir', p.extensionsDir];
}

/** `code-server --install-extension VSIX` into the profile (replaces an installed copy). */
export function installVsix(p: Profile, vsix: string): void {
  const r = spawnSync(process.execPath, [codeServerEntry(), ...profileArgs(p), '--force', '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120_000,
    env: profileEnv(p),
  });
  if (r.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** A free TCP port on 127.0.0.1, trying `preferred` first, then the next ones, then any. */
export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(port, '127.0.0.1', () => {
        const got = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(got));
      });
    });
  if (preferred) {
    for (let port = preferred; port < preferred + 50; port++) {
      const got = await tryPort(port);
      if (got) return got;
    }
  }
  const any = await tryPort(0);
  if (!any) throw new Error('freePort: no free port on 127.0.0.1');
  return any;
}

export interface RunningCodeServer {
  port: number;
  url: string;
  process: ChildProcess;
  /** Everything code-server printed (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  profile: Profile;
  /** Folder to open (also given as ?folder= by callers that build their own URL). */
  folder?: string;
  port?: number;
  /** Preferred port when `port` is not given: this one or the next free one. */
  preferredPort?: number;
  /** Echo code-server's output here as it arrives. */
  echo?: NodeJS.WritableStream;
  startTimeoutMs?: number;
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** Starts code-server on 127.0.0.1 without auth and resolves once /healthz answers. */
export async function startCodeServer(opts: StartOptions): Promise<RunningCodeServer> {
  const port = opts.port ?? (await freePort(opts.preferredPort));
  const args = [
    codeServerEntry(),
    ...profileArgs(opts.profile),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(opts.folder ? [opts.folder] : []),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    env: profileEnv(opts.profile),
  });
  let out = '';
  const collect = (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    opts.echo?.write(b);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited: number | null | undefined;
  const exitPromise = new Promise<void>((resolve) => child.on('exit', (c) => ((exited = c), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`code-server exited (${exited}) before answering:\n${out}`);
    if ((await get(`${url}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      killTree(child);
      throw new Error(`code-server did not answer ${url}/healthz in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    url,
    process: child,
    output: () => out,
    async stop() {
      if (exited !== undefined) return;
      killTree(child);
      const t = setTimeout(() => killTree(child, 'SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(t);
    },
  };
}

/** Signals the child's process group (code-server forks its extension host etc.). */
function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

// ---------------------------------------------------------------------------
// Headless Chromium (Debian's) through playwright-core.

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
    (p): p is string => !!p && fs.existsSync(p),
  );
  if (!found) {
    throw new Error('Chromium not found: install the Debian package (apt-get install -y chromium) or set CHROMIUM_PATH');
  }
  return found;
}

/** vscode-remote URI of an absolute path on the code-server host, for the workbench `payload`. */
export function remoteUri(port: number, absPath: string): string {
  return `vscode-remote://127.0.0.1:${port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/** Workbench URL opening `folder`, with an optional extension-development/tests payload. */
export function workbenchUrl(
  server: { url: string; port: number },
  folder: string,
  payload?: { extensionDevelopmentPath?: string; extensionTestsPath?: string },
): string {
  let u = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) {
    const pairs: Array<[string, string]> = [];
    if (payload.extensionDevelopmentPath) pairs.push(['extensionDevelopmentPath', remoteUri(server.port, payload.extensionDevelopmentPath)]);
    if (payload.extensionTestsPath) pairs.push(['extensionTestsPath', remoteUri(server.port, payload.extensionTestsPath)]);
    u += `&payload=${encodeURIComponent(JSON.stringify(pairs))}`;
  }
  return u;
}

/** Copies a folder recursively (used for temp copies of seeds/). */
export function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

if (require.main === module && process.argv[2] === 'install') {
  ensureCodeServer().then(
    (entry) => console.log(`code-server ${CODE_SERVER_VERSION}: ${entry}`),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
