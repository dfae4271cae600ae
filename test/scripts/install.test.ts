// scripts/install.sh, run for real with bash. Nothing is installed: every run is either --check,
// CODEX_AGENT_INSTALL_DRY_RUN=1, or has a PATH (a temp bin folder) whose package managers and sudo
// are fakes that log and fail, and each test asserts those fakes were never called.
import { accessSync, chmodSync, constants, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import matter from 'gray-matter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODEX_TESTED } from '../../src/providers/codex/provider.js';
import { tempDir } from '../support/store-record.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const script = join(repoRoot, 'scripts', 'install.sh');
const repoBin = join(repoRoot, 'node_modules', '.bin');
const codexPkgVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules', '@openai', 'codex', 'package.json'), 'utf8')) as { version: string })
  .version;
const isRoot = process.getuid?.() === 0;
/** What the script must install: the newest tested Codex, from the one definition of the range. */
const installCodexCmd = `npm install -g @openai/codex@${CODEX_TESTED.max}`;
const testedRange = `${CODEX_TESTED.min}.x-${CODEX_TESTED.max}.x`;
const inRangeNote = `inside the tested range ${testedRange}`;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function which(name: string, pathVar = process.env.PATH ?? ''): string | null {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function need(name: string): string {
  const found = which(name);
  if (!found) throw new Error(`test needs ${name} on PATH`);
  return found;
}

const bash = need('bash');
/** process.env's PATH without node_modules/.bin folders (npx and vitest add this repo's). */
const pathWithoutRepoBin = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((d) => d && !d.includes(`node_modules${'/'}.bin`))
  .join(delimiter);

let tmp: { dir: string; cleanup: () => void };
let counter = 0;
let fakeLog: string;

beforeEach(() => {
  tmp = tempDir('codex-agent-install-');
  fakeLog = join(tmp.dir, 'fake-calls.log');
  mkdirSync(join(tmp.dir, 'codex-home'));
});
afterEach(() => tmp.cleanup());

/** An environment without this project's or Codex's variables, with a private CODEX_HOME and state root. */
function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (k.startsWith('CODEX_AGENT_') || k === 'CODEX_HOME' || k === 'OPENAI_API_KEY' || k === 'CODEX_API_KEY') continue;
    env[k] = v;
  }
  return {
    ...env,
    CODEX_HOME: join(tmp.dir, 'codex-home'),
    CODEX_AGENT_HOME: join(tmp.dir, 'state'),
    CODEX_AGENT_TMUX_SOCKET: `install-test-${process.pid}-${++counter}`,
    ...extra,
  };
}

async function install(args: string[], env: Record<string, string>) {
  const r = await execa(bash, [script, ...args], { env, extendEnv: false, reject: false, timeout: 60_000, stdin: 'ignore' });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

type Tool = 'bash' | 'node' | 'npm' | 'uname' | 'id' | 'tmux' | 'codex';

/**
 * A bin folder holding only the given real tools (symlinks) plus fakes. Fakes named in `loggers`
 * append their argv to fakeLog and exit 97, so a test can prove they were never run.
 */
function makeBin(tools: Tool[], opts: { loggers?: string[]; scripts?: Record<string, string> } = {}): string {
  const bin = join(tmp.dir, `bin-${++counter}`);
  mkdirSync(bin);
  for (const tool of tools) {
    const target = tool === 'codex' ? join(repoBin, 'codex') : need(tool);
    symlinkSync(target, join(bin, tool));
  }
  for (const name of opts.loggers ?? []) {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> '${fakeLog}'\nexit 97\n`);
    chmodSync(join(bin, name), 0o755);
  }
  for (const [name, body] of Object.entries(opts.scripts ?? {})) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

const fakeNonRootId = { id: 'echo 1000' };
const dryRun = { CODEX_AGENT_INSTALL_DRY_RUN: '1' };
/** Lines that are install commands, run or printed. */
const commandLines = (stdout: string) => stdout.split('\n').filter((l) => /^(dry run|running): /.test(l));

/**
 * A copy of this checkout without node_modules (like a plugin install, where dev dependencies are
 * omitted): bin/, dist/, package.json and the script, so codex-agent health finds no Codex of its own.
 */
function bareCheckout(): { script: string; root: string } {
  const root = join(tmp.dir, `checkout-${++counter}`);
  for (const rel of ['bin', 'dist', 'package.json', 'scripts/install.sh']) cpSync(join(repoRoot, rel), join(root, rel), { recursive: true });
  return { script: join(root, 'scripts', 'install.sh'), root };
}

async function installFrom(scriptPath: string, args: string[], env: Record<string, string>) {
  const r = await execa(bash, [scriptPath, ...args], { env, extendEnv: false, reject: false, timeout: 60_000, stdin: 'ignore' });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function expectNoFakeCalls() {
  expect(existsSync(fakeLog) ? readFileSync(fakeLog, 'utf8') : '').toBe('');
}

describe('install.sh --help and bad input', () => {
  it('--help exits 0 and documents the options and test variables', async () => {
    const r = await install(['--help'], baseEnv());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: scripts\/install\.sh \[--check\] \[--only tmux\] \[--help\]/);
    for (const word of ['--check', 'CODEX_AGENT_INSTALL_DRY_RUN=1', 'CODEX_AGENT_INSTALL_UNAME', 'npm install -g @openai/codex', 'nodejs.org']) {
      expect(r.stdout).toContain(word);
    }
    expect(r.stderr).toBe('');
  });

  it('-h works too, even on an unsupported platform', async () => {
    const r = await install(['-h'], baseEnv({ CODEX_AGENT_INSTALL_UNAME: 'FreeBSD' }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage:');
  });

  it('an unknown argument exits 2 with one error line', async () => {
    const r = await install(['--frobnicate'], baseEnv());
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('error: unknown argument: --frobnicate (see --help)');
    expect(r.stdout).toBe('');
  });

  it('CODEX_AGENT_INSTALL_UNAME=FreeBSD: unsupported platform, non-zero exit, nothing run', async () => {
    const bin = makeBin(['bash', 'node', 'npm', 'uname', 'id'], { loggers: ['apt-get', 'brew', 'sudo'] });
    for (const args of [[], ['--check']]) {
      const r = await install(args, baseEnv({ CODEX_AGENT_INSTALL_UNAME: 'FreeBSD', PATH: bin }));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: unsupported platform: FreeBSD\. .*supports Linux and macOS only/);
      expect(r.stdout).toBe('');
    }
    expectNoFakeCalls();
  });
});

describe('install.sh --check on this machine', () => {
  it('with node_modules/.bin on PATH: tmux, node and codex ok, exit 0', async () => {
    const tmuxVersion = (await execa('tmux', ['-V'])).stdout.trim().replace(/^tmux\s+/, '');
    const r = await install(['--check'], baseEnv({ PATH: `${repoBin}${delimiter}${pathWithoutRepoBin}` }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^codex-orchestrator check on Linux; package manager: /);
    expect(r.stdout).toMatch(new RegExp(`^tmux: ok \\(${tmuxVersion.replace(/\./g, '\\.')} at /\\S+/tmux\\)$`, 'm'));
    expect(r.stdout).toMatch(/^node: ok \(v\d+\.\d+\.\d+ at \/\S+\/node; needs >= 20\)$/m);
    expect(r.stdout).toContain(`codex: ok (${codexPkgVersion} at ${join(repoBin, 'codex')}, from PATH; ${inRangeNote})`);
    // No login in the private CODEX_HOME: reported, but not a reason to fail the check.
    expect(r.stdout).toMatch(/^codex login: not logged in \(run: codex login; /m);
    expect(r.stdout).toMatch(/^all present: tmux \S+, node v\d+\S*, codex 0\.\d+\.\d+$/m);
    expect(commandLines(r.stdout)).toEqual([]);
  });

  it('without node_modules/.bin on PATH: codex-agent health finds the package\'s own Codex, so codex is ok, exit 0', async () => {
    const path = pathWithoutRepoBin;
    expect(which('codex', path), 'this test expects no global codex on PATH').toBeNull();
    const r = await install(['--check'], baseEnv({ PATH: path }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tmux: ok \(/m);
    expect(r.stdout).toMatch(/^node: ok \(/m);
    expect(r.stdout).toContain(`codex: ok (${codexPkgVersion} at ${join(repoBin, 'codex')}, from package; ${inRangeNote})`);
    expect(r.stdout).not.toContain('codex: missing');
    expect(r.stdout).toMatch(/^codex login: not logged in /m);
    expect(r.stdout).toMatch(new RegExp(`^all present: tmux \\S+, node v\\S+, codex ${esc(codexPkgVersion)}$`, 'm'));
    expect(commandLines(r.stdout)).toEqual([]);
  });

  it('a checkout without its own Codex and none on PATH: codex missing, names the newest tested version, exit 1', async () => {
    const path = pathWithoutRepoBin;
    expect(which('codex', path), 'this test expects no global codex on PATH').toBeNull();
    const { script: bare } = bareCheckout();
    const r = await installFrom(bare, ['--check'], baseEnv({ PATH: path }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^tmux: ok \(/m);
    expect(r.stdout).toMatch(/^codex: missing \(codex-agent health: not found \(required; see scripts\/install\.sh\)\)$/m);
    expect(r.stdout).toMatch(new RegExp(`^npm: ok \\(\\S+ at /\\S+/npm; installs Codex ${esc(CODEX_TESTED.max)}, the newest tested\\)$`, 'm'));
    expect(r.stdout).not.toContain('codex login');
    expect(r.stdout).toMatch(/^missing or too old: codex \(run scripts\/install\.sh to install\)$/m);
    expect(commandLines(r.stdout)).toEqual([]);
  });

  it('CODEX_AGENT_CODEX_BIN: codex-agent health looks only there, and the script reports what it found', async () => {
    const newer = join(repoRoot, 'node_modules', '@openai', 'codex-0171', 'bin', 'codex.js');
    const newerVersion = (JSON.parse(readFileSync(join(newer, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
    const path = `${repoBin}${delimiter}${pathWithoutRepoBin}`;
    const r = await install(['--check'], baseEnv({ PATH: path, CODEX_AGENT_CODEX_BIN: newer }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`codex: ok (${newerVersion} at ${newer}, from CODEX_AGENT_CODEX_BIN; ${inRangeNote})`);
    const missing = join(tmp.dir, 'no-such-codex');
    const gone = await install(['--check'], baseEnv({ PATH: path, CODEX_AGENT_CODEX_BIN: missing }));
    expect(gone.code).toBe(1);
    expect(gone.stdout).toContain(`codex: missing (codex-agent health: not found (required; see scripts/install.sh); it looks only at CODEX_AGENT_CODEX_BIN=${missing})`);
  });

  it('reports a logged-in Codex (auth.json in CODEX_HOME) as ok', async () => {
    writeFileSync(join(tmp.dir, 'codex-home', 'auth.json'), JSON.stringify({ OPENAI_API_KEY: 'sk-test-not-real' }));
    const r = await install(['--check'], baseEnv({ PATH: `${repoBin}${delimiter}${pathWithoutRepoBin}` }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^codex login: ok$/m);
  });

  it('--check reports a too-old node with its version and installs nothing', async () => {
    const bin = makeBin(['bash', 'uname', 'id', 'tmux'], { loggers: ['apt-get', 'sudo'], scripts: { node: 'echo v18.19.0' } });
    const r = await install(['--check'], baseEnv({ PATH: bin }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^node: too old \\(v18\\.19\\.0 at ${bin}/node; needs >= 20\\)$`, 'm'));
    // codex-agent health finds Codex, and it needs Node.js >= 20: not checked, not counted missing.
    expect(r.stdout).toMatch(/^codex: not checked \(codex-agent health finds Codex, and needs Node\.js >= 20\)$/m);
    expect(r.stdout).toMatch(/^missing or too old: node \(run scripts\/install\.sh to install\)$/m);
    expectNoFakeCalls();
  });
});

describe('install.sh choosing how to install (dry run)', () => {
  // The real `id` must say root: CI and the developers' machines run as root.
  it.skipIf(!isRoot)('tmux hidden, apt-get present, running as root: apt-get install -y tmux without sudo', async () => {
    const bin = makeBin(['bash', 'node', 'npm', 'uname', 'id', 'codex'], { loggers: ['apt-get', 'sudo'] });
    const r = await install([], baseEnv({ ...dryRun, PATH: bin }));
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/package manager: apt-get, as root$/m);
    expect(r.stdout).toMatch(/^tmux: missing \(not on PATH\)$/m);
    expect(commandLines(r.stdout)).toEqual(['dry run: apt-get update', 'dry run: apt-get install -y tmux']);
    expect(r.stdout).not.toContain('sudo');
    expect(r.stdout).toMatch(/^dry run over: would install tmux; nothing was changed$/m);
    expectNoFakeCalls();
  });

  it.skipIf(!isRoot)('--only tmux (CI, the README): tmux alone, even with node and codex missing, and no health run', async () => {
    const bin = makeBin(['bash', 'uname', 'id'], { loggers: ['apt-get', 'sudo'] });
    const r = await install(['--only', 'tmux'], baseEnv({ ...dryRun, PATH: bin }));
    expect(r.code, r.stderr).toBe(0);
    expect(commandLines(r.stdout)).toEqual(['dry run: apt-get update', 'dry run: apt-get install -y tmux']);
    expect(r.stdout).not.toMatch(/^(node|codex): /m);
    expect(r.stdout).not.toContain('codex-agent health');
    const bad = await install(['--only', 'node'], baseEnv({ PATH: bin }));
    expect(bad.code).toBe(2);
    expectNoFakeCalls();
  });

  it('a non-root user with sudo: the apt-get commands are prefixed with sudo', async () => {
    const bin = makeBin(['bash', 'node', 'npm', 'uname', 'codex'], { loggers: ['apt-get', 'sudo'], scripts: fakeNonRootId });
    const r = await install([], baseEnv({ ...dryRun, PATH: bin }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/package manager: apt-get, with sudo$/m);
    expect(commandLines(r.stdout)).toEqual(['dry run: sudo apt-get update', 'dry run: sudo apt-get install -y tmux']);
    expectNoFakeCalls();
  });

  it('a non-root user without sudo: a clear message and exit 1', async () => {
    const bin = makeBin(['bash', 'node', 'npm', 'uname', 'codex'], { loggers: ['apt-get'], scripts: fakeNonRootId });
    const r = await install([], baseEnv({ ...dryRun, PATH: bin }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: cannot install tmux: apt-get needs root, this user (uid 1000) is not root and sudo is not available');
    expect(r.stderr).toMatch(/^error: not ready: tmux /m);
    expect(commandLines(r.stdout)).toEqual([]);
    expectNoFakeCalls();
  });

  it('only brew (Linux): uses brew, without sudo even for a non-root user', async () => {
    const bin = makeBin(['bash', 'node', 'npm', 'uname', 'codex'], { loggers: ['brew', 'sudo'], scripts: fakeNonRootId });
    const r = await install([], baseEnv({ ...dryRun, PATH: bin }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/package manager: brew$/m);
    expect(commandLines(r.stdout)).toEqual(['dry run: brew install tmux']);
    expectNoFakeCalls();
  });

  it('macOS (CODEX_AGENT_INSTALL_UNAME=Darwin): brew, never apt-get; node from brew, Codex left to a real run', async () => {
    const bin = makeBin(['bash', 'uname', 'id'], { loggers: ['brew', 'apt-get', 'sudo'] });
    const r = await install([], baseEnv({ ...dryRun, CODEX_AGENT_INSTALL_UNAME: 'Darwin', PATH: bin }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^codex-orchestrator install \(dry run: commands are printed, not run\) on Darwin; package manager: brew$/m);
    expect(r.stdout).toMatch(/^node: missing \(not on PATH; needs >= 20\)$/m);
    expect(commandLines(r.stdout)).toEqual(['dry run: brew install tmux', 'dry run: brew install node']);
    // Without Node.js, codex-agent health cannot say whether Codex is there: the dry run says so.
    expect(r.stdout).toMatch(/^codex: not checked \(codex-agent health finds Codex, and needs Node\.js >= 20\)$/m);
    expect(r.stdout).toMatch(/^note: a real run installs Node\.js first, then asks codex-agent health for Codex and, when it finds none, installs the newest tested version with npm install -g @openai\/codex@VERSION$/m);
    expect(r.stdout).toMatch(/^dry run over: would install tmux, node; nothing was changed$/m);
    expectNoFakeCalls();
  });

  it('macOS without brew: points to Homebrew and nodejs.org, exit 1', async () => {
    const bin = makeBin(['bash', 'uname', 'id'], { loggers: ['apt-get', 'sudo'] });
    const r = await install([], baseEnv({ ...dryRun, CODEX_AGENT_INSTALL_UNAME: 'Darwin', PATH: bin }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Homebrew (brew) was not found');
    expect(r.stderr).toContain('https://nodejs.org/');
    expect(r.stderr).toContain('nvm');
    expect(commandLines(r.stdout)).toEqual([]);
    expectNoFakeCalls();
  });

  it('no package manager at all (not even a dry run): a clear message and exit 1', async () => {
    const bin = makeBin(['bash', 'node', 'npm', 'uname', 'id', 'codex'], { loggers: ['sudo'] });
    const r = await install([], baseEnv({ PATH: bin }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/package manager: none found$/m);
    expect(r.stderr).toContain(
      'error: cannot install tmux: no supported package manager found (looked for apt-get, dnf, pacman, apk, brew). Install tmux yourself, then rerun this script',
    );
    expect(r.stderr).toMatch(/^error: not ready: tmux /m);
    expect(commandLines(r.stdout)).toEqual([]);
    expectNoFakeCalls();
  });

  it('node too old and apt-get offers only nodejs 18: refuses with a pointer to nodejs.org / nvm', async () => {
    const aptCache = 'printf "nodejs:\\n  Installed: 18.19.0+dfsg-6~deb12u2\\n  Candidate: 18.19.0+dfsg-6~deb12u2\\n"';
    const bin = makeBin(['bash', 'uname', 'tmux'], {
      loggers: ['apt-get', 'sudo'],
      scripts: { node: 'echo v18.19.0', 'apt-cache': aptCache, id: 'echo 0' },
    });
    const r = await install([], baseEnv({ ...dryRun, PATH: bin }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^node: too old \(v18\.19\.0 at /m);
    expect(r.stderr).toMatch(/^error: apt-get offers nodejs 18\.19\.0\+dfsg-6~deb12u2, older than 20: .*https:\/\/nodejs\.org\/.*nvm/m);
    expect(commandLines(r.stdout)).not.toContain('dry run: apt-get install -y nodejs');
    expectNoFakeCalls();
  });

  it('node missing and apt-get offers nodejs 20: apt-get install -y nodejs; Codex left to a real run', async () => {
    const aptCache = 'printf "nodejs:\\n  Installed: (none)\\n  Candidate: 20.19.2+dfsg-1\\n"';
    const bin = makeBin(['bash', 'uname', 'tmux'], { loggers: ['apt-get', 'sudo'], scripts: { 'apt-cache': aptCache, id: 'echo 0' } });
    const r = await install([], baseEnv({ ...dryRun, PATH: bin }));
    expect(r.code).toBe(0);
    expect(commandLines(r.stdout)).toEqual(['dry run: apt-get update', 'dry run: apt-get install -y nodejs']);
    expect(r.stdout).toMatch(/^codex: not checked \(/m);
    expect(r.stdout).toMatch(/^dry run over: would install node; nothing was changed$/m);
    expectNoFakeCalls();
  });

  it('codex-agent health finds no Codex: npm install -g the newest tested version (the range\'s upper end)', async () => {
    const { script: bare } = bareCheckout();
    const bin = makeBin(['bash', 'node', 'npm', 'uname', 'tmux'], { loggers: ['apt-get', 'sudo'], scripts: { id: 'echo 0' } });
    const r = await installFrom(bare, [], baseEnv({ ...dryRun, PATH: bin }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^codex: missing \(codex-agent health: not found /m);
    expect(commandLines(r.stdout)).toEqual([`dry run: ${installCodexCmd}`]);
    expect(r.stdout).toMatch(/^dry run over: would install codex; nothing was changed$/m);
    // With CODEX_AGENT_CODEX_BIN set, codex-agent uses only that binary: no npm install can help.
    const pinned = await installFrom(bare, [], baseEnv({ ...dryRun, PATH: bin, CODEX_AGENT_CODEX_BIN: join(tmp.dir, 'no-such-codex') }));
    expect(pinned.code).toBe(1);
    expect(pinned.stderr).toContain('error: codex: CODEX_AGENT_CODEX_BIN is set, so codex-agent uses that binary and not an npm install');
    expect(commandLines(pinned.stdout)).toEqual([]);
    expectNoFakeCalls();
  });

  it('a Codex outside the tested range is reported with health\'s verdict and left alone', async () => {
    const bin = makeBin(['bash', 'node', 'npm', 'uname', 'tmux'], {
      loggers: ['apt-get', 'sudo'],
      scripts: { id: 'echo 0', codex: 'echo "codex-cli 0.1.0"' },
    });
    const r = await install([], baseEnv({ ...dryRun, PATH: bin }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`codex: ok (0.1.0 at ${bin}/codex, from PATH; 0.1.0 is outside the tested range ${testedRange}; it may behave differently)`);
    expect(r.stdout).toContain(`note: the newest tested Codex: ${installCodexCmd} (this script leaves a present Codex alone)`);
    expect(commandLines(r.stdout)).toEqual([]);
    expectNoFakeCalls();
  });
});

describe('install.sh running commands (fake package manager)', () => {
  it('runs exactly the printed command, and a failing one stops it with exit 1', async () => {
    // apt-get here is a fake that logs and exits 97: the real run calls it, and nothing is installed.
    const bin = makeBin(['bash', 'node', 'npm', 'uname', 'id', 'codex'], { loggers: ['apt-get', 'sudo'] });
    const r = await install([], baseEnv({ PATH: bin, CODEX_AGENT_INSTALL_UNAME: 'Linux' }));
    expect(r.code).toBe(1);
    expect(commandLines(r.stdout)).toEqual(['running: apt-get update']);
    expect(r.stderr).toContain('error: command failed (exit 97): apt-get update');
    expect(r.stderr).toMatch(/^error: not ready: tmux /m);
    expect(r.stdout).not.toContain('codex-agent health:');
    expect(readFileSync(fakeLog, 'utf8')).toBe('apt-get update\n');
  });
});

describe('install.sh idempotency', () => {
  it('with everything present: two real runs and a dry run all say so, run nothing, exit 0', async () => {
    const bin = makeBin(['bash', 'node', 'npm', 'uname', 'id', 'tmux', 'codex'], { loggers: ['apt-get', 'brew', 'dnf', 'sudo'] });
    const env = baseEnv({ PATH: bin });
    const first = await install([], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^tmux: ok \(/m);
    expect(first.stdout).toMatch(/^node: ok \(/m);
    expect(first.stdout).toMatch(/^codex: ok \(/m);
    expect(first.stdout).toMatch(/^everything is present: tmux \S+, node v\S+, codex \S+; nothing to install$/m);
    expect(first.stdout).toMatch(/^codex-agent health:$/m);
    expect(first.stdout).toMatch(/^healthy$/m);
    expect(commandLines(first.stdout)).toEqual([]);

    const second = await install([], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);

    const dry = await install([], { ...env, ...dryRun });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^everything is present: .*; nothing to install$/m);
    expect(commandLines(dry.stdout)).toEqual([]);

    const check = await install(['--check'], env);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^all present: /m);
    expectNoFakeCalls();
  });
});

describe('install.sh --aliases (user-level /codex-start, /codex-await, /prd)', () => {
  const NAMES = ['codex-start', 'codex-await', 'prd'];
  const MARK = /^---\n# codex-orchestrator alias: [^\n]*\n/;
  /** HOME in the temp dir, and no CLAUDE_CONFIG_DIR: the commands go to ~/.claude/commands. */
  function aliasEnv(extra: Record<string, string> = {}) {
    const env = baseEnv({ HOME: join(tmp.dir, 'home'), ...extra });
    if (!('CLAUDE_CONFIG_DIR' in extra)) delete env.CLAUDE_CONFIG_DIR;
    return env;
  }
  const commandsDir = () => join(tmp.dir, 'home', '.claude', 'commands');
  const pluginCommand = (name: string) => readFileSync(join(repoRoot, 'commands', `${name}.md`), 'utf8');
  const listDir = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

  it('writes the three commands, each the plugin command plus a marker line in its frontmatter; a rerun changes nothing', async () => {
    const r = await install(['--aliases'], aliasEnv());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(listDir(commandsDir())).toEqual(NAMES.map((n) => `${n}.md`).sort());
    for (const name of NAMES) {
      const file = join(commandsDir(), `${name}.md`);
      const text = readFileSync(file, 'utf8');
      expect(text, name).toMatch(MARK);
      // Everything but the marker is the plugin's own command, byte for byte.
      expect(text.replace(/^(---\n)# codex-orchestrator alias: [^\n]*\n/, '$1')).toBe(pluginCommand(name));
      expect(matter(text).data['disable-model-invocation']).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o644);
      expect(r.stdout).toContain(`alias /${name}: written (${file})`);
    }
    expect(r.stdout).toMatch(/^aliases ready: \/codex-start, \/codex-await and \/prd /m);
    const before = NAMES.map((n) => statSync(join(commandsDir(), `${n}.md`)).mtimeMs);
    const again = await install(['--aliases'], aliasEnv());
    expect(again.code).toBe(0);
    for (const name of NAMES) expect(again.stdout).toContain(`alias /${name}: up to date (`);
    expect(NAMES.map((n) => statSync(join(commandsDir(), `${n}.md`)).mtimeMs)).toEqual(before);
    expect(listDir(commandsDir())).toEqual(NAMES.map((n) => `${n}.md`).sort());
  });

  it('updates its own older file, and honours CLAUDE_CONFIG_DIR', async () => {
    const config = join(tmp.dir, 'claude-config');
    const dir = join(config, 'commands');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'prd.md'), '---\n# codex-orchestrator alias: an older version\ndescription: old\n---\nold body\n');
    const r = await install(['--aliases'], aliasEnv({ CLAUDE_CONFIG_DIR: config }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`alias /prd: updated (${join(dir, 'prd.md')})`);
    expect(readFileSync(join(dir, 'prd.md'), 'utf8')).toMatch(/^---\n# codex-orchestrator alias: written by scripts\/install\.sh --aliases/);
    expect(listDir(dir)).toEqual(['codex-await.md', 'codex-start.md', 'prd.md']);
    expect(existsSync(commandsDir())).toBe(false);
  });

  it('refuses to overwrite a file it did not write: one line, exit 1, that file untouched, nothing else written', async () => {
    mkdirSync(commandsDir(), { recursive: true });
    const theirs = join(commandsDir(), 'codex-await.md');
    const content = '---\ndescription: my own await\n---\nDo my thing.\n';
    writeFileSync(theirs, content);
    const mtime = statSync(theirs).mtimeMs;
    const r = await install(['--aliases'], aliasEnv());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toBe(
      `error: not writing the aliases, nothing was changed; not written by this script: ${theirs} (move it away, or keep it and type the /codex-orchestrator:... names)`,
    );
    expect(readFileSync(theirs, 'utf8')).toBe(content);
    expect(statSync(theirs).mtimeMs).toBe(mtime);
    expect(listDir(commandsDir())).toEqual(['codex-await.md']);
  });

  it('a symbolic link is not its own file either, even to a file that looks like one', async () => {
    const real = join(tmp.dir, 'elsewhere.md');
    writeFileSync(real, '---\n# codex-orchestrator alias: looks like ours\n---\n');
    mkdirSync(commandsDir(), { recursive: true });
    symlinkSync(real, join(commandsDir(), 'codex-start.md'));
    const r = await install(['--aliases'], aliasEnv());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`not written by this script: ${join(commandsDir(), 'codex-start.md')} (`);
    const rm = await install(['--aliases', '--remove'], aliasEnv());
    expect(rm.code).toBe(0);
    expect(rm.stdout).toContain('alias /codex-start: left alone (');
    expect(readFileSync(real, 'utf8')).toMatch(/looks like ours/);
  });

  it('--aliases --remove removes only its own files', async () => {
    expect((await install(['--aliases'], aliasEnv())).code).toBe(0);
    const theirs = join(commandsDir(), 'codex-await.md');
    rmSync(theirs);
    const mine = '---\ndescription: my own await\n---\nMine.\n';
    writeFileSync(theirs, mine);
    const other = join(commandsDir(), 'deploy.md');
    writeFileSync(other, '---\ndescription: deploy\n---\nDeploy.\n');
    const r = await install(['--aliases', '--remove'], aliasEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`alias /codex-start: removed (${join(commandsDir(), 'codex-start.md')})`);
    expect(r.stdout).toContain(`alias /prd: removed (`);
    expect(r.stdout).toContain(`alias /codex-await: left alone (${theirs} was not written by this script)`);
    expect(listDir(commandsDir())).toEqual(['codex-await.md', 'deploy.md']);
    expect(readFileSync(theirs, 'utf8')).toBe(mine);
    const again = await install(['--aliases', '--remove'], aliasEnv());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('alias /codex-start: not present (');
  });

  it('a dry run says what it would write or remove and changes nothing', async () => {
    const w = await install(['--aliases'], aliasEnv(dryRun));
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout.split('\n').filter(Boolean)).toEqual(NAMES.map((n) => `dry run: write ${join(commandsDir(), `${n}.md`)}`));
    expect(existsSync(commandsDir())).toBe(false);
    expect((await install(['--aliases'], aliasEnv())).code).toBe(0);
    const r = await install(['--aliases', '--remove'], aliasEnv(dryRun));
    expect(r.stdout).toContain(`dry run: remove ${join(commandsDir(), 'prd.md')}`);
    expect(listDir(commandsDir())).toHaveLength(3);
  });

  it('bad combinations are usage errors (exit 2, one line); --help documents --aliases', async () => {
    for (const [args, msg] of [
      [['--remove'], 'error: --remove goes with --aliases (see --help)'],
      [['--aliases', '--check'], 'error: --aliases takes no other option than --remove (see --help)'],
      [['--aliases', '--only', 'tmux'], 'error: --aliases takes no other option than --remove (see --help)'],
    ] as const) {
      const r = await install([...args], aliasEnv());
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim()).toBe(msg);
    }
    expect(existsSync(join(tmp.dir, 'home'))).toBe(false);
    const help = await install(['--help'], aliasEnv());
    expect(help.stdout).toMatch(/^ {7}scripts\/install\.sh --aliases \[--remove\]$/m);
    expect(help.stdout).toContain('--aliases --remove');
  });
});
