// End-to-end harness: the real CLI (bin/codex-agent), real tmux on a private socket, the real
// Codex CLI, and the suite's own scripted stand-in model on 127.0.0.1. One instance per test file.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { execa } from 'execa';
import { prepareCodexHome } from '../../src/mock/codex-home.js';
import { startModelServer, type ModelServer } from '../../src/mock/server.js';
import { testPlan } from './mock-plan.js';
import { JobStore } from '../../src/store/job-store.js';
import type { JobRecord } from '../../src/store/record.js';
import { Tmux } from '../../src/tmux/tmux.js';
import { childEnv } from '../../src/util/child-env.js';
import { descendants, stillRunning } from '../../src/proc/tree.js';
import { sleep } from '../../src/util/sleep.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A package.json's version as Codex prints it ("0.171.0-linux-x64" -> "0.171.0"). */
function codexPackageVersion(packageJson: string): string {
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string };
  const m = /^\d+\.\d+\.\d+/.exec(version ?? '');
  if (!m) throw new Error(`${packageJson}: no x.y.z version (${String(version)})`);
  return m[0];
}

/**
 * The Codex the end-to-end tests run and the version it must report. CODEX_AGENT_TEST_CODEX_BIN
 * (an absolute path; .ci/run points it at the newest tested Codex) picks the binary, which must
 * belong to an npm @openai/codex package (its launcher bin/codex.js, or a symlink to it): the
 * version comes from that package, not from running the binary, so a launcher that runs another
 * version's native binary fails the health test. Unset: the pinned devDependency's
 * node_modules/.bin/codex, which must be node_modules/@openai/codex's version.
 */
function testCodex(chosen: string | undefined): { bin: string; version: string } {
  if (!chosen) {
    return {
      bin: join(ROOT, 'node_modules', '.bin', 'codex'),
      version: codexPackageVersion(join(ROOT, 'node_modules', '@openai', 'codex', 'package.json')),
    };
  }
  if (!isAbsolute(chosen)) throw new Error(`CODEX_AGENT_TEST_CODEX_BIN must be an absolute path, not ${chosen}`);
  if (!existsSync(chosen)) throw new Error(`CODEX_AGENT_TEST_CODEX_BIN=${chosen} does not exist`);
  for (let dir = dirname(realpathSync(chosen)); dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@openai/codex') {
      return { bin: chosen, version: codexPackageVersion(pkg) };
    }
  }
  throw new Error(`CODEX_AGENT_TEST_CODEX_BIN=${chosen} is not inside an npm @openai/codex package, so its version is unknown`);
}

const testCodexChoice = testCodex(process.env.CODEX_AGENT_TEST_CODEX_BIN);
/** The Codex binary every end-to-end test runs (see testCodex). */
export const CODEX_BIN = testCodexChoice.bin;
/** The version CODEX_BIN must report ("0.169.0"). */
export const CODEX_VERSION = testCodexChoice.version;

/** What `await-turn --json` prints. */
export interface AwaitJson {
  outcome: string;
  exit_code: number;
  turn: number | null;
  message: string | null;
  error: string | null;
}

/** Every process of a job now: the runner and all below it, and the agent's own processes. */
export function processesOf(r: JobRecord): number[] {
  const roots = [...(r.runner ? [r.runner.pid] : []), ...r.agent_procs.map((p) => p.pid)];
  return [...new Set([...roots, ...roots.flatMap((p) => descendants(p))])];
}

/** The pids still running after a bounded wait for them to end ([] when all ended). */
export async function gone(pids: number[]): Promise<number[]> {
  for (let i = 0; i < 200 && stillRunning(pids).length > 0; i++) await sleep(100);
  return stillRunning(pids);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class E2E {
  readonly root: string;
  readonly stateRoot: string;
  readonly workDir: string;
  readonly socket: string;
  env: Record<string, string> = {};
  server!: ModelServer;
  store: JobStore;

  private constructor(name: string) {
    this.root = mkdtempSync(join(tmpdir(), `ca-e2e-${name}-`));
    this.stateRoot = join(this.root, 'state');
    this.workDir = join(this.root, 'work');
    mkdirSync(this.workDir);
    this.socket = `ca-e2e-${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    this.store = new JobStore(this.stateRoot);
  }

  static async create(name: string, opts: { freshNotices?: boolean } = {}): Promise<E2E> {
    const e = new E2E(name);
    e.server = await startModelServer({ plan: testPlan() });
    const { env: codexEnv } = await prepareCodexHome(join(e.root, 'codex-home'), e.server.url, { freshNotices: opts.freshNotices });
    const base = childEnv(process.env);
    // No real credentials may reach Codex in tests: only the stand-in model answers.
    for (const k of ['OPENAI_API_KEY', 'CODEX_API_KEY', 'OPENAI_BASE_URL']) delete base[k];
    e.env = {
      ...base,
      ...codexEnv,
      CODEX_AGENT_HOME: e.stateRoot,
      CODEX_AGENT_TMUX_SOCKET: e.socket,
      CODEX_AGENT_CODEX_BIN: CODEX_BIN,
    };
    return e;
  }

  async cli(args: string[], opts: { timeoutS?: number; input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
    const res = await execa(process.execPath, [join(ROOT, 'bin', 'codex-agent'), ...args], {
      env: { ...this.env, ...opts.env },
      extendEnv: false,
      reject: false,
      cwd: this.workDir,
      timeout: (opts.timeoutS ?? 120) * 1000,
      input: opts.input,
    });
    return { code: res.exitCode ?? -1, stdout: `${res.stdout}`, stderr: `${res.stderr}` };
  }

  /**
   * The CLI with arguments given as bytes (a Buffer may hold what is not UTF-8, which node cannot
   * put into argv): bash rebuilds each from `\xHH` escapes passed in the environment, then execs.
   */
  async cliBytes(args: (string | Buffer)[], opts: { input?: string } = {}): Promise<CliResult> {
    const env: Record<string, string> = { ...this.env, NODE_BIN: process.execPath, CLI: join(ROOT, 'bin', 'codex-agent'), N: String(args.length) };
    args.forEach((a, i) => {
      env[`ARG_${i}`] = [...Buffer.from(a)].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
    });
    // A trailing "." keeps newlines at the end of an argument from $(...).
    const script = 'set --; i=0; while [ "$i" -lt "$N" ]; do v="ARG_$i"; a="$(printf "%b." "${!v}")"; set -- "$@" "${a%.}"; i=$((i+1)); done; exec "$NODE_BIN" "$CLI" "$@"';
    const res = await execa('/bin/bash', ['-c', script], { env, extendEnv: false, reject: false, cwd: this.workDir, timeout: 120_000, input: opts.input });
    return { code: res.exitCode ?? -1, stdout: `${res.stdout}`, stderr: `${res.stderr}` };
  }

  async json<T>(args: string[], expectCode = 0): Promise<T> {
    const res = await this.cli([...args, '--json']);
    if (res.code !== expectCode) {
      throw new Error(`codex-agent ${args.join(' ')} exited ${res.code}, expected ${expectCode}: ${res.stderr}${res.stdout}`);
    }
    return JSON.parse(res.stdout) as T;
  }

  /** Starts a job and returns its id, checking the first stdout line. */
  async start(prompt: string, extra: string[] = []): Promise<string> {
    const res = await this.cli(['start', prompt, '-d', this.workDir, ...extra]);
    if (res.code !== 0) throw new Error(`start failed (${res.code}): ${res.stderr}`);
    const first = res.stdout.split('\n')[0] ?? '';
    const m = /^Job started: ([0-9a-f]{8})$/.exec(first);
    if (!m) throw new Error(`unexpected first line: ${first}`);
    return m[1]!;
  }

  record(id: string): JobRecord {
    return this.store.read(id);
  }

  /**
   * Whether the job's pane is dead (its program exited, the pane kept), after a bounded wait: a
   * runner writes the record before it leaves, so the pane dies a moment after the record says so.
   */
  async paneDead(id: string): Promise<boolean> {
    const dead = async (): Promise<boolean> => (await this.tmux(['list-panes', '-t', `=codex-agent-${id}:`, '-F', '#{pane_dead}'])).stdout.trim() === '1';
    for (let i = 0; i < 100 && !(await dead()); i++) await sleep(100);
    return dead();
  }

  async tmux(args: string[]): Promise<CliResult> {
    const res = await execa('tmux', ['-L', this.socket, ...args], { reject: false });
    return { code: res.exitCode ?? -1, stdout: `${res.stdout}`, stderr: `${res.stderr}` };
  }

  /** Where tmux keeps this harness's socket file. */
  get socketFile(): string {
    return join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, this.socket);
  }

  async dispose(): Promise<void> {
    try {
      // Kill every job first so no Codex outlives the test, then the private tmux server.
      for (const id of this.store.allIds()) await this.cli(['kill', id]).catch(() => undefined);
    } finally {
      await new Tmux({ socket: this.socket }).killServer().catch(() => false);
      // tmux leaves the socket file of a server that exited: ours, by its unique name, goes too.
      rmSync(this.socketFile, { force: true });
      await this.server.close();
      rmSync(this.root, { recursive: true, force: true });
    }
  }
}
