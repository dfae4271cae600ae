// The real CLI for the bench: bin/codex-agent (the committed dist/) driving a real Codex against
// the scripted model, in a private state root and tmux socket. Helpers shared by the sections.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { prepareCodexHome } from '../src/mock/codex-home.js';
import type { Plan } from '../src/mock/plan.js';
import { startModelServer, type ModelServer } from '../src/mock/server.js';
import { listProcesses, residentBytes } from '../src/proc/table.js';
import { Tmux } from '../src/tmux/tmux.js';
import { waitFor as boundedWait } from '../src/util/wait.js';

export const MB = 1024 * 1024;
/** The Codex every section runs: the pinned devDependency. */
export const CODEX_BIN = 'node_modules/.bin/codex';

/** The product's bounded wait, with the bench's argument order: what, bound, probe, what was seen. */
export function waitFor<T>(what: string, ms: number, probe: () => Promise<T | null> | T | null, seen: () => string, everyMs = 50): Promise<T> {
  return boundedWait(probe, { timeoutMs: ms, intervalMs: everyMs, maxIntervalMs: everyMs, label: what, describe: seen });
}

export interface Real {
  root: string;
  work: string;
  codexHome: string;
  socket: string;
  stateDir: string;
  env: NodeJS.ProcessEnv;
  server: ModelServer;
}

export interface CliResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

export async function cli(real: Real, args: string[], timeoutMs = 60_000): Promise<CliResult> {
  const r = await execa(process.execPath, ['bin/codex-agent', ...args], { env: real.env, reject: false, timeout: timeoutMs });
  if (r.timedOut) throw new Error(`bench: codex-agent ${args.join(' ')} did not finish within ${timeoutMs} ms; stdout: ${r.stdout.slice(-400)} stderr: ${r.stderr.slice(-400)}`);
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

export async function cliOk(real: Real, args: string[], timeoutMs = 60_000): Promise<string> {
  const r = await cli(real, args, timeoutMs);
  if (r.exitCode !== 0) throw new Error(`bench: codex-agent ${args.join(' ')} exited ${r.exitCode}; stdout: ${r.stdout.slice(-400)} stderr: ${r.stderr.slice(-400)}`);
  return r.stdout;
}

export interface StatusJson {
  id: string;
  status: string;
  turn_state: string;
  thread_id: string | null;
  runner_running: boolean;
  tmux_session: string;
  turns: number;
}

export async function status(real: Real, id: string): Promise<StatusJson> {
  return JSON.parse(await cliOk(real, ['status', id, '--json'])) as StatusJson;
}

export function statusLine(s: StatusJson | null): string {
  return s ? `status ${s.status}, turn_state ${s.turn_state}, runner_running ${s.runner_running}, turns ${s.turns}` : '(no status yet)';
}

export async function startJob(real: Real, prompt: string, interactive: boolean, timeoutMs = 60_000): Promise<string> {
  const out = await cliOk(real, ['start', prompt, '-d', real.work, '--json', ...(interactive ? ['--interactive'] : [])], timeoutMs);
  return (JSON.parse(out) as { id: string }).id;
}

export async function awaitTurnOk(real: Real, id: string, expect: string): Promise<void> {
  const out = await cliOk(real, ['await-turn', id, '--timeout', '90'], 100_000);
  if (out.trim() !== expect) throw new Error(`bench: await-turn ${id} answered ${JSON.stringify(out.trim())}, expected ${JSON.stringify(expect)}`);
}

/** Ends jobs with `kill`, a few at a time; what fails is left to the tmux server's end. */
export async function killAll(real: Real, ids: readonly string[], atOnce = 4): Promise<void> {
  const todo = [...ids];
  const worker = async (): Promise<void> => {
    for (let id = todo.shift(); id !== undefined; id = todo.shift()) await cli(real, ['kill', id]).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
}

export async function setUpReal(root: string, plan?: (body: unknown) => Plan): Promise<Real> {
  const server = await startModelServer({ plan });
  const codexHome = join(root, 'codex-home');
  const { env: codexEnv } = await prepareCodexHome(codexHome, server.url);
  const work = join(root, 'work');
  mkdirSync(work, { recursive: true });
  const socket = `codex-agent-bench-${process.pid}-${basename(root)}`;
  const stateDir = join(root, 'state');
  const env = { ...process.env, ...codexEnv, CODEX_AGENT_HOME: stateDir, CODEX_AGENT_TMUX_SOCKET: socket, CODEX_AGENT_CODEX_BIN: CODEX_BIN };
  return { root, work, codexHome, socket, stateDir, env, server };
}

export async function tearDownReal(real: Real): Promise<void> {
  await new Tmux({ socket: real.socket }).killServer().catch(() => false);
  await real.server.close();
}

// ---------------------------------------------------------------------------------------------
// Codex's own record of a turn: the rollout file's task_complete lines

export function rolloutFile(real: Real, threadId: string): string | null {
  const dir = join(real.codexHome, 'sessions');
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return null;
  }
  const hit = names.find((n) => basename(n).startsWith('rollout-') && n.endsWith(`-${threadId}.jsonl`));
  return hit ? join(dir, hit) : null;
}

export interface TaskComplete {
  at: number;
  timestamp: string;
  message: string | null;
}

export function taskCompletes(file: string): TaskComplete[] {
  const out: TaskComplete[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.includes('task_complete')) continue;
    let j: { timestamp?: unknown; type?: unknown; payload?: { type?: unknown; last_agent_message?: unknown } };
    try {
      j = JSON.parse(line) as typeof j;
    } catch {
      continue; // a line still being written
    }
    if (j.type !== 'event_msg' || j.payload?.type !== 'task_complete' || typeof j.timestamp !== 'string') continue;
    const msg = j.payload.last_agent_message;
    out.push({ at: Date.parse(j.timestamp), timestamp: j.timestamp, message: typeof msg === 'string' ? msg : null });
  }
  return out;
}

/** The task_complete that answered `answer` (Codex may write it a moment after the turn ended for us). */
export async function taskCompleteOf(real: Real, threadId: string, answer: string, notBefore: number): Promise<TaskComplete> {
  const file = await waitFor(`the rollout file of thread ${threadId}`, 10_000, () => rolloutFile(real, threadId), () => `nothing under ${join(real.codexHome, 'sessions')}`, 100);
  return waitFor(
    `task_complete "${answer}" in ${file}`,
    10_000,
    () => taskCompletes(file).filter((t) => t.message === answer && t.at >= notBefore - 1000).at(-1) ?? null,
    () => `task_complete messages: ${JSON.stringify(taskCompletes(file).slice(-3).map((t) => `${t.timestamp} ${t.message}`))}`,
  );
}

// ---------------------------------------------------------------------------------------------
// await-turn as a process, its exit timed

export interface Exited {
  code: number | null;
  signal: string | null;
  exitAt: number;
  stdout: string;
  stderr: string;
}

/** Starts `await-turn` and notes Date.now() the moment its exit is observed. */
export function spawnAwaitTurn(real: Real, id: string, boundMs: number): { spawnAt: number; exited: Promise<Exited> } {
  const spawnAt = Date.now();
  const child = spawn(process.execPath, ['bin/codex-agent', 'await-turn', id, '--timeout', String(Math.ceil(boundMs / 1000) - 5)], { env: real.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<Exited>((resolve, reject) => {
    const bound = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench: await-turn ${id} had not exited after ${boundMs} ms; its output so far: ${JSON.stringify(stdout.slice(-300))} ${JSON.stringify(stderr.slice(-300))}`));
    }, boundMs);
    child.on('error', (e) => {
      clearTimeout(bound);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      const exitAt = Date.now();
      clearTimeout(bound);
      // Output may still be in the pipes: let them drain before handing it over (the time is taken).
      child.once('close', () => resolve({ code, signal, exitAt, stdout, stderr }));
    });
  });
  return { spawnAt, exited };
}

// ---------------------------------------------------------------------------------------------
// Resident memory: every process of a job's tmux pane, summed; and the tmux server's own

export interface JobMemory {
  id: string;
  /** When the process table was read (Date.now()). */
  at: number;
  paneDead: boolean;
  bytes: number;
  procs: { pid: number; name: string; bytes: number }[];
}

/** What a process of the job is: the runner (the pane's own process), Codex's node launcher, else its command name. */
function procRole(pid: number, panePid: number): string {
  if (pid === panePid) return 'runner';
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    if (comm === 'node' && argv.some((a) => a.endsWith('/.bin/codex') || a.endsWith('/codex.js'))) return 'codex-launcher';
    return comm;
  } catch {
    return '?';
  }
}

export async function jobMemory(real: Real, id: string, session: string): Promise<JobMemory> {
  return (await jobsMemory(real, [{ id, session }])).get(id)!;
}

/**
 * Several jobs' memory from one look at the tmux panes and one at the process table, so a
 * sample of many jobs is taken at nearly one moment. A job whose session is gone is an error.
 */
export async function jobsMemory(real: Real, jobs: readonly { id: string; session: string }[]): Promise<Map<string, JobMemory>> {
  const r = await execa('tmux', ['-L', real.socket, 'list-panes', '-a', '-F', '#{session_name} #{pane_pid} #{pane_dead}'], { reject: false, timeout: 10_000 });
  if (r.exitCode !== 0) throw new Error(`bench: tmux list-panes -a gave ${JSON.stringify(r.stderr)} (exit ${r.exitCode})`);
  const panes = new Map<string, { pid: number; dead: boolean }>();
  for (const line of r.stdout.split('\n')) {
    const m = /^(\S+) (\d+) ([01])$/.exec(line.trim());
    if (m && !panes.has(m[1]!)) panes.set(m[1]!, { pid: Number(m[2]), dead: m[3] === '1' });
  }
  const at = Date.now();
  const children = new Map<number, number[]>();
  for (const p of listProcesses()) {
    if (p.zombie) continue;
    const list = children.get(p.ppid) ?? [];
    list.push(p.pid);
    children.set(p.ppid, list);
  }
  const out = new Map<string, JobMemory>();
  for (const { id, session } of jobs) {
    const pane = panes.get(session);
    if (!pane) throw new Error(`bench: no tmux pane for job ${id} (session ${session}); panes: ${JSON.stringify(r.stdout.slice(0, 400))}`);
    if (pane.dead) {
      out.set(id, { id, at, paneDead: true, bytes: 0, procs: [] });
      continue;
    }
    const procs: JobMemory['procs'] = [];
    const todo = [pane.pid];
    while (todo.length) {
      const pid = todo.pop()!;
      const bytes = residentBytes(pid);
      if (bytes !== null) procs.push({ pid, name: procRole(pid, pane.pid), bytes });
      todo.push(...(children.get(pid) ?? []));
    }
    out.set(id, { id, at, paneDead: false, bytes: procs.reduce((sum, p) => sum + p.bytes, 0), procs });
  }
  return out;
}

/** The tmux server's resident memory (it holds every pane's screen and scrollback), or null. */
export async function tmuxServerBytes(real: Real): Promise<number | null> {
  const r = await execa('tmux', ['-L', real.socket, 'display-message', '-p', '#{pid}'], { reject: false, timeout: 10_000 });
  const pid = Number(r.stdout.trim());
  return r.exitCode === 0 && Number.isInteger(pid) && pid > 0 ? residentBytes(pid) : null;
}
