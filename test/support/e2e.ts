// End-to-end harness: the real CLI (bin/codex-agent), real tmux on a private socket, the real
// Codex CLI, and the suite's own scripted stand-in model on 127.0.0.1. One instance per test file.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { prepareCodexHome } from '../../src/mock/codex-home.js';
import { startModelServer, type ModelServer } from '../../src/mock/server.js';
import { JobStore } from '../../src/store/job-store.js';
import type { JobRecord } from '../../src/store/record.js';
import { Tmux } from '../../src/tmux/tmux.js';
import { childEnv } from '../../src/util/child-env.js';
import { descendants, stillRunning } from '../../src/proc/tree.js';
import { sleep } from '../../src/util/sleep.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CODEX_BIN = join(ROOT, 'node_modules', '.bin', 'codex');

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
    e.server = await startModelServer();
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

  async tmux(args: string[]): Promise<CliResult> {
    const res = await execa('tmux', ['-L', this.socket, ...args], { reject: false });
    return { code: res.exitCode ?? -1, stdout: `${res.stdout}`, stderr: `${res.stderr}` };
  }

  async dispose(): Promise<void> {
    // Kill every job first so no Codex outlives the test, then the private tmux server.
    for (const id of this.store.allIds()) await this.cli(['kill', id]).catch(() => undefined);
    await new Tmux({ socket: this.socket }).killServer().catch(() => false);
    await this.server.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}
