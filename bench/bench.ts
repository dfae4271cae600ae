// Benchmarks, each reported as median and p95 with n: listing cost against history size, a real
// Codex turn from start to answer, turn wake-up latency as the user waits (exec and interactive),
// the resident memory of an idle job, and how long whole commands take against a bare `node -e 0`;
// and, in bytes, what the standard loop prints into Claude's context (bench/context-loop.ts).
// Run with `npm run bench`; `npm run bench -- wake memory` runs only the named sections (list,
// turn, wake, memory, startup, loop).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { newJobRecord } from '../src/jobs/new-record.js';
import { prepareCodexHome } from '../src/mock/codex-home.js';
import { DIRECTIVES, scriptedPlan, type Plan } from '../src/mock/plan.js';
import { startModelServer, type ModelServer } from '../src/mock/server.js';
import { selfRef } from '../src/proc/identity.js';
import { listProcesses, residentBytes } from '../src/proc/table.js';
import { newId } from '../src/store/ids.js';
import { JobStore } from '../src/store/job-store.js';
import type { JobRecord } from '../src/store/record.js';
import { Tmux } from '../src/tmux/tmux.js';
import { waitFor as boundedWait } from '../src/util/wait.js';
import { billLines, ORIGINAL_LOOP_BYTES, REPORT, runLoop, type AnswerLength } from './context-loop.js';

// ---------------------------------------------------------------------------------------------
// Statistics

interface Stats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Nearest-rank quantile: the smallest sample with at least q of the samples at or below it. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function stats(xs: number[]): Stats {
  if (xs.length === 0) throw new Error('no samples');
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { n: s.length, median, p95: quantile(s, 0.95), min: s[0]!, max: s.at(-1)! };
}

function fmt(x: number, digits: number): string {
  return x.toFixed(digits);
}

function brief(st: Stats, unit: string, digits = 0): string {
  return `median ${fmt(st.median, digits)} ${unit} · p95 ${fmt(st.p95, digits)} ${unit} (n=${st.n})`;
}

function full(st: Stats, unit: string, digits = 0): string {
  return `median ${fmt(st.median, digits)} ${unit} · p95 ${fmt(st.p95, digits)} ${unit} · min ${fmt(st.min, digits)} · max ${fmt(st.max, digits)} (n=${st.n})`;
}

/** The product's bounded wait, with the bench's argument order: what, bound, probe, what was seen. */
function waitFor<T>(what: string, ms: number, probe: () => Promise<T | null> | T | null, seen: () => string, everyMs = 50): Promise<T> {
  return boundedWait(probe, { timeoutMs: ms, intervalMs: everyMs, maxIntervalMs: everyMs, label: what, describe: seen });
}

// ---------------------------------------------------------------------------------------------
// Listing (synthetic records in a private store)

function record(id: string, status: JobRecord['status'], runner: JobRecord['runner']): JobRecord {
  const r = newJobRecord({
    id, mode: 'exec', prompt_head: 'bench', model: null, reasoning: null, sandbox: 'read-only', cwd: '/tmp',
    provider: 'codex', agent_bin: '/bin/false', tmux_socket: null, inactivity_timeout_minutes: 60,
  });
  return { ...r, status, runner, turn_state: status === 'running' ? 'working' : 'idle' };
}

function benchList(root: string): void {
  console.log('jobs listing (10 active jobs, --limit 20; list: 30 runs, list --all: 5 runs):');
  const me = selfRef();
  for (const finished of [100, 1_000, 10_000]) {
    const store = new JobStore(join(root, `list-${finished}`));
    for (let i = 0; i < finished; i++) store.create(record(newId(), 'completed', null), 'p');
    for (let i = 0; i < 10; i++) store.create(record(newId(), 'running', me), 'p');
    const limited: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < 30; i++) {
      let t = performance.now();
      store.list({ limit: 20 });
      limited.push(performance.now() - t);
      if (i < 5) {
        t = performance.now();
        store.list({ limit: 20, all: true });
        all.push(performance.now() - t);
      }
    }
    console.log(`  ${String(finished).padStart(6)} finished jobs: list ${brief(stats(limited), 'ms', 2)} · list --all ${brief(stats(all), 'ms', 1)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The real CLI: a real Codex against the mock model, in a private state root and tmux socket

interface Real {
  root: string;
  work: string;
  codexHome: string;
  socket: string;
  env: NodeJS.ProcessEnv;
  server: ModelServer;
}

interface CliResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

async function cli(real: Real, args: string[], timeoutMs = 60_000): Promise<CliResult> {
  const r = await execa(process.execPath, ['bin/codex-agent', ...args], { env: real.env, reject: false, timeout: timeoutMs });
  if (r.timedOut) throw new Error(`bench: codex-agent ${args.join(' ')} did not finish within ${timeoutMs} ms; stdout: ${r.stdout.slice(-400)} stderr: ${r.stderr.slice(-400)}`);
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

async function cliOk(real: Real, args: string[], timeoutMs = 60_000): Promise<string> {
  const r = await cli(real, args, timeoutMs);
  if (r.exitCode !== 0) throw new Error(`bench: codex-agent ${args.join(' ')} exited ${r.exitCode}; stdout: ${r.stdout.slice(-400)} stderr: ${r.stderr.slice(-400)}`);
  return r.stdout;
}

interface StatusJson {
  id: string;
  status: string;
  turn_state: string;
  thread_id: string | null;
  runner_running: boolean;
  tmux_session: string;
  turns: number;
}

async function status(real: Real, id: string): Promise<StatusJson> {
  return JSON.parse(await cliOk(real, ['status', id, '--json'])) as StatusJson;
}

function statusLine(s: StatusJson | null): string {
  return s ? `status ${s.status}, turn_state ${s.turn_state}, runner_running ${s.runner_running}, turns ${s.turns}` : '(no status yet)';
}

async function startJob(real: Real, prompt: string, interactive: boolean): Promise<string> {
  const out = await cliOk(real, ['start', prompt, '-d', real.work, '--json', ...(interactive ? ['--interactive'] : [])]);
  return (JSON.parse(out) as { id: string }).id;
}

async function awaitTurnOk(real: Real, id: string, expect: string): Promise<void> {
  const out = await cliOk(real, ['await-turn', id, '--timeout', '90'], 100_000);
  if (out.trim() !== expect) throw new Error(`bench: await-turn ${id} answered ${JSON.stringify(out.trim())}, expected ${JSON.stringify(expect)}`);
}

async function setUpReal(root: string, plan?: (body: unknown) => Plan): Promise<Real> {
  const server = await startModelServer({ plan });
  const codexHome = join(root, 'codex-home');
  const { env: codexEnv } = await prepareCodexHome(codexHome, server.url);
  const work = join(root, 'work');
  mkdirSync(work, { recursive: true });
  const socket = `codex-agent-bench-${process.pid}`;
  const env = { ...process.env, ...codexEnv, CODEX_AGENT_HOME: join(root, 'state'), CODEX_AGENT_TMUX_SOCKET: socket, CODEX_AGENT_CODEX_BIN: 'node_modules/.bin/codex' };
  return { root, work, codexHome, socket, env, server };
}

async function tearDownReal(real: Real): Promise<void> {
  await new Tmux({ socket: real.socket }).killServer().catch(() => false);
  await real.server.close();
}

async function benchRealTurn(real: Real): Promise<void> {
  const starts: number[] = [];
  const turns: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const id = await startJob(real, `MOCK:SAY bench ${i}`, false);
    const t1 = performance.now();
    await awaitTurnOk(real, id, `bench ${i}`);
    turns.push(performance.now() - t0);
    starts.push(t1 - t0);
    await cli(real, ['kill', id]);
  }
  console.log('real Codex exec turn via tmux:');
  console.log(`  start returns:   ${brief(stats(starts), 'ms')}`);
  console.log(`  start to answer: ${brief(stats(turns), 'ms')}`);
}

// ---------------------------------------------------------------------------------------------
// Turn wake-up latency as the user waits: from Codex writing task_complete to await-turn exiting

const WAKE_TURNS = 20;
const TURN_SLEEP_MS = 1500;
const WAKE_BEFORE_MS = { exec: 1066, interactive: 1708 };
const WAKE_TARGET = { median: 50, p95: 150 };

function rolloutFile(real: Real, threadId: string): string | null {
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

interface TaskComplete {
  at: number;
  timestamp: string;
  message: string | null;
}

function taskCompletes(file: string): TaskComplete[] {
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

interface Exited {
  code: number | null;
  signal: string | null;
  exitAt: number;
  stdout: string;
  stderr: string;
}

/** Starts `await-turn` and notes Date.now() the moment its exit is observed. */
function spawnAwaitTurn(real: Real, id: string, boundMs: number): { spawnAt: number; exited: Promise<Exited> } {
  const spawnAt = Date.now();
  const child = spawn(process.execPath, ['bin/codex-agent', 'await-turn', id, '--timeout', '60'], { env: real.env, stdio: ['ignore', 'pipe', 'pipe'] });
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

interface WakeResult {
  mode: 'exec' | 'interactive';
  latency: Stats;
  /** How long before the turn ended each await-turn was started. */
  lead: Stats;
  send: Stats;
}

async function benchWake(real: Real, mode: 'exec' | 'interactive'): Promise<WakeResult> {
  const id = await startJob(real, `MOCK:SAY first ${mode} turn`, mode === 'interactive');
  try {
    await awaitTurnOk(real, id, `first ${mode} turn`);
    let last: StatusJson | null = null;
    const threadId = await waitFor(`job ${id}'s thread id`, 10_000, async () => (last = await status(real, id)).thread_id, () => statusLine(last), 200);
    const file = await waitFor(`the rollout file of thread ${threadId}`, 10_000, () => rolloutFile(real, threadId), () => `nothing under ${join(real.codexHome, 'sessions')}`, 100);
    const latencies: number[] = [];
    const leads: number[] = [];
    const sends: number[] = [];
    for (let n = 1; n <= WAKE_TURNS; n++) {
      const answer = `turn ${n}`;
      const sendAt = Date.now();
      await cliOk(real, ['send', id, `MOCK:SLEEP ${TURN_SLEEP_MS} MOCK:SAY ${answer}`]);
      sends.push(Date.now() - sendAt);
      const w = spawnAwaitTurn(real, id, 75_000);
      const ex = await w.exited;
      if (ex.code !== 0 || ex.stdout.trim() !== answer) {
        throw new Error(`bench: ${mode} job ${id}, turn ${n}: await-turn exited ${ex.code ?? ex.signal} with ${JSON.stringify(ex.stdout.trim())}, expected 0 with ${JSON.stringify(answer)}; stderr: ${ex.stderr.trim()}`);
      }
      // Codex may write the rollout line a moment after the event that ended the turn for us.
      const done = await waitFor(
        `task_complete "${answer}" in ${file}`,
        10_000,
        () => taskCompletes(file).filter((t) => t.message === answer && t.at >= sendAt - 1000).at(-1) ?? null,
        () => `task_complete messages: ${JSON.stringify(taskCompletes(file).slice(-3).map((t) => `${t.timestamp} ${t.message}`))}`,
      );
      latencies.push(ex.exitAt - done.at);
      leads.push(done.at - w.spawnAt);
    }
    return { mode, latency: stats(latencies), lead: stats(leads), send: stats(sends) };
  } finally {
    await cli(real, ['kill', id]).catch(() => undefined);
  }
}

function printWake(results: WakeResult[]): void {
  console.log(`turn wake-up latency as the user waits: rollout task_complete timestamp -> await-turn process exit observed`);
  console.log(`  (await-turn started right after send; each turn is "MOCK:SLEEP ${TURN_SLEEP_MS} MOCK:SAY turn N"; target median <= ${WAKE_TARGET.median} ms, p95 <= ${WAKE_TARGET.p95} ms)`);
  for (const r of results) {
    const met = r.latency.median <= WAKE_TARGET.median && r.latency.p95 <= WAKE_TARGET.p95 ? 'meets target' : 'MISSES target';
    console.log(`  ${r.mode.padEnd(11)} ${full(r.latency, 'ms')} · before: median ${WAKE_BEFORE_MS[r.mode]} ms · ${met}`);
    console.log(`  ${''.padEnd(11)} (await-turn was started ${fmt(r.lead.min, 0)}-${fmt(r.lead.max, 0)} ms before the turn ended; send returned in ${brief(r.send, 'ms')})`);
    if (r.lead.min < 500) console.log(`  ${''.padEnd(11)} WARNING: an await-turn started only ${fmt(r.lead.min, 0)} ms before its turn ended; it may not have been waiting yet`);
  }
}

// ---------------------------------------------------------------------------------------------
// Resident memory of an idle job: every process of the job's tmux pane, summed

const MEMORY_JOBS = 4;
const INTERACTIVE_SETTLE_MS = 3_000;
const MEMORY_BEFORE_MB = { exec: 66, interactive: null as number | null };

interface JobMemory {
  id: string;
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

async function jobMemory(real: Real, id: string, session: string): Promise<JobMemory> {
  const r = await execa('tmux', ['-L', real.socket, 'list-panes', '-t', `=${session}:`, '-F', '#{pane_pid} #{pane_dead}'], { reject: false, timeout: 10_000 });
  const first = r.stdout.trim().split('\n')[0] ?? '';
  const m = /^(\d+) ([01])$/.exec(first);
  if (r.exitCode !== 0 || !m) throw new Error(`bench: tmux list-panes for ${session} gave ${JSON.stringify(r.stdout)} ${JSON.stringify(r.stderr)} (exit ${r.exitCode})`);
  if (m[2] === '1') return { id, paneDead: true, bytes: 0, procs: [] };
  const panePid = Number(m[1]);
  const children = new Map<number, number[]>();
  for (const p of listProcesses()) {
    if (p.zombie) continue;
    const list = children.get(p.ppid) ?? [];
    list.push(p.pid);
    children.set(p.ppid, list);
  }
  const procs: JobMemory['procs'] = [];
  const todo = [panePid];
  while (todo.length) {
    const pid = todo.pop()!;
    const bytes = residentBytes(pid);
    if (bytes !== null) procs.push({ pid, name: procRole(pid, panePid), bytes });
    todo.push(...(children.get(pid) ?? []));
  }
  return { id, paneDead: false, bytes: procs.reduce((s, p) => s + p.bytes, 0), procs };
}

const MB = 1024 * 1024;

async function benchIdleMemory(real: Real, mode: 'exec' | 'interactive'): Promise<JobMemory[]> {
  const interactive = mode === 'interactive';
  const ids: string[] = [];
  try {
    for (let i = 0; i < MEMORY_JOBS; i++) ids.push(await startJob(real, `MOCK:SAY idle ${mode} ${i}`, interactive));
    for (let i = 0; i < ids.length; i++) await awaitTurnOk(real, ids[i]!, `idle ${mode} ${i}`);
    const sessions = new Map<string, string>();
    for (const id of ids) {
      let last: StatusJson | null = null;
      // Exec: the runner leaves by itself once nothing is queued. Interactive: the TUI stays open, idle.
      const settled = (s: StatusJson): boolean => (interactive ? s.status === 'running' && s.turn_state === 'idle' && s.runner_running : !s.runner_running);
      const s = await waitFor(`${mode} job ${id} to settle (${interactive ? 'running, idle, runner up' : 'runner_running false'})`, 30_000, async () => {
        last = await status(real, id);
        return settled(last) ? last : null;
      }, () => statusLine(last), 250);
      sessions.set(id, s.tmux_session);
    }
    if (interactive) await sleep(INTERACTIVE_SETTLE_MS); // hooks and helpers spawned at the turn's end go away
    const out: JobMemory[] = [];
    for (const id of ids) out.push(await jobMemory(real, id, sessions.get(id)!));
    return out;
  } finally {
    for (const id of ids) await cli(real, ['kill', id]).catch(() => undefined);
  }
}

function printMemory(mode: 'exec' | 'interactive', jobs: JobMemory[]): void {
  const st = stats(jobs.map((j) => j.bytes / MB));
  const before = MEMORY_BEFORE_MB[mode];
  console.log(`  ${mode.padEnd(11)} median ${fmt(st.median, 1)} MB per idle job (min ${fmt(st.min, 1)} · max ${fmt(st.max, 1)}, n=${st.n})${before === null ? '' : ` · before: about ${before} MB`}`);
  for (const j of jobs) {
    if (j.paneDead) {
      console.log(`    ${j.id}: 0 MB (pane dead: no process left)`);
      continue;
    }
    // One entry per process name, biggest first.
    const byName = new Map<string, { bytes: number; count: number }>();
    for (const p of j.procs) {
      const e = byName.get(p.name) ?? { bytes: 0, count: 0 };
      e.bytes += p.bytes;
      e.count++;
      byName.set(p.name, e);
    }
    const parts = [...byName].sort((a, b) => b[1].bytes - a[1].bytes).map(([name, e]) => `${name}${e.count > 1 ? ` x${e.count}` : ''} ${fmt(e.bytes / MB, 1)}`);
    console.log(`    ${j.id}: ${fmt(j.bytes / MB, 1)} MB in ${j.procs.length} process${j.procs.length === 1 ? '' : 'es'} (${parts.join(', ')})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Start-up: whole commands as the user runs them (bin/codex-agent on the committed dist/), each
// run a fresh process paired with a bare `node -e 0` just before it, so a drift of the machine
// hits both; a command's cost is what it takes over bare Node.

const STARTUP_RUNS = 40;
const STARTUP_WARMUP = 3;
const STARTUP_FINISHED_JOBS = 10_000;
const STARTUP_TARGET_MS = 40;
/** Median cost over bare Node with the single 1.7 MB bundle, on the machine these numbers were taken on. */
const STARTUP_BEFORE_MS: Record<string, number> = { '--version': 63, status: 68, 'jobs --json': 75, 'await-turn': 71 };

interface StartupCase {
  label: string;
  args: string[];
  /** Runs before each timed run, untimed. */
  prepare?: () => void;
  check: (code: number | null, stdout: string) => boolean;
}

function timeProcess(argv: string[], env: NodeJS.ProcessEnv): { ms: number; code: number | null; stdout: string; stderr: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  return { ms, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function benchStartup(root: string): void {
  const home = join(root, 'startup-state');
  const store = new JobStore(home);
  const now = new Date().toISOString();
  const finished = (id: string, n: number): JobRecord => ({
    ...record(id, 'completed', null),
    started_at: now,
    completed_at: now,
    thread_id: `thread-${id}`,
    turns: [{ n: 1, turn_id: null, status: 'completed', started_at: now, completed_at: now, last_message: `answer ${n}`, error: null, error_kind: null }],
    consumed_turns: 1,
    last_message: `answer ${n}`,
  });
  process.stdout.write(`start-up of whole commands (${STARTUP_FINISHED_JOBS} finished jobs on record; writing them) ...`);
  const t0 = performance.now();
  for (let i = 0; i < STARTUP_FINISHED_JOBS; i++) store.create(finished(newId(), i), 'p');
  // The job await-turn reads: its finished turn is marked unread again before every run.
  const awaited = newId();
  store.create(finished(awaited, -1), 'p');
  console.log(` ${fmt((performance.now() - t0) / 1000, 1)} s`);

  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('CODEX_AGENT_')) env[k] = v;
  env.CODEX_AGENT_HOME = home;
  env.CODEX_AGENT_TMUX_SOCKET = `codex-agent-bench-startup-${process.pid}`;
  const cases: StartupCase[] = [
    { label: '--version', args: ['--version'], check: (code, out) => code === 0 && /^\d+\.\d+\.\d+/.test(out) },
    { label: 'status', args: ['status', awaited], check: (code, out) => code === 0 && out.startsWith(`job ${awaited}: completed`) },
    { label: 'jobs --json', args: ['jobs', '--json'], check: (code, out) => code === 0 && (JSON.parse(out) as { jobs: unknown[] }).jobs.length === 20 },
    {
      label: 'await-turn',
      args: ['await-turn', awaited],
      prepare: () => store.update(awaited, (d) => {
        d.consumed_turns = 0;
      }),
      check: (code, out) => code === 0 && out.trim() === 'answer -1',
    },
  ];
  const bareMs: number[] = [];
  const runs = new Map(cases.map((c): [string, { ms: number[]; over: number[] }] => [c.label, { ms: [], over: [] }]));
  for (let i = 0; i < STARTUP_WARMUP + STARTUP_RUNS; i++) {
    // Each command right after a bare node of its own (the pair's difference is its cost), the
    // order of the commands turning each round.
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(i + k) % cases.length]!;
      const b = timeProcess(['-e', '0'], env);
      c.prepare?.();
      const r = timeProcess(['bin/codex-agent', ...c.args], env);
      if (b.code !== 0 || !c.check(r.code, r.stdout)) {
        throw new Error(`bench: codex-agent ${c.args.join(' ')} exited ${r.code}; stdout: ${r.stdout.slice(0, 300)} stderr: ${r.stderr.slice(0, 300)}`);
      }
      if (i < STARTUP_WARMUP) continue;
      bareMs.push(b.ms);
      runs.get(c.label)!.ms.push(r.ms);
      runs.get(c.label)!.over.push(r.ms - b.ms);
    }
  }
  console.log(`  (each run a fresh process right after a bare \`node -e 0\`, ${STARTUP_RUNS} runs each after ${STARTUP_WARMUP} warm-up rounds; over bare node: the pairs' differences; target: within ${STARTUP_TARGET_MS} ms)`);
  console.log(`  ${'node -e 0'.padEnd(12)} ${brief(stats(bareMs), 'ms', 1)}`);
  for (const c of cases) {
    const { ms, over } = runs.get(c.label)!;
    const o = stats(over);
    const met = o.median <= STARTUP_TARGET_MS ? 'meets target' : 'MISSES target';
    const before = STARTUP_BEFORE_MS[c.label];
    console.log(
      `  ${c.label.padEnd(12)} ${brief(stats(ms), 'ms', 1)} · over bare node: median +${fmt(o.median, 1)} ms, p95 +${fmt(o.p95, 1)} ms · ${met}${before === undefined ? '' : ` · before: median +${before} ms`}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The context bill: the standard loop (start 3 agents, await-turn each, jobs --json), piped as
// Claude's Bash tool runs it, counted in bytes (stdout and stderr); real Codex, scripted model.

/** What this loop printed before compact JSON, the lean start and the lean jobs view (dist of 54148f2). */
const LOOP_BEFORE_BYTES: Record<AnswerLength, number> = { 'one-line': 4_203, '400-char': 6_002 };

async function benchLoop(root: string): Promise<void> {
  const real = await setUpReal(join(root, 'loop'), scriptedPlan({ ...DIRECTIVES, REPORT }));
  try {
    console.log(`context bill of the standard loop (3 x start, 3 x await-turn, jobs --json; stdout+stderr piped, the general's session set; budget ${ORIGINAL_LOOP_BYTES} B, the original tool's):`);
    for (const length of ['one-line', '400-char'] as AnswerLength[]) {
      const project = join(real.root, `project-${length}`);
      mkdirSync(project, { recursive: true });
      const env: Record<string, string | undefined> = { ...real.env, CODEX_AGENT_HOME: join(real.root, `state-${length}`), CODEX_AGENT_CODEX_BIN: join(process.cwd(), 'node_modules', '.bin', 'codex') };
      const bill = await runLoop({ bin: join(process.cwd(), 'bin', 'codex-agent'), env, cwd: project }, length);
      for (const id of bill.ids) await execa(process.execPath, ['bin/codex-agent', 'kill', id], { env, reject: false, timeout: 60_000 });
      const met = bill.total_bytes <= ORIGINAL_LOOP_BYTES ? 'within budget' : 'OVER budget';
      console.log(`  ${length} answers: ${bill.total_bytes} B in all · before: ${LOOP_BEFORE_BYTES[length]} B · ${met}`);
      for (const line of billLines(bill)) console.log(`    ${line}`);
    }
  } finally {
    await tearDownReal(real);
  }
}

// ---------------------------------------------------------------------------------------------

const SECTIONS = ['list', 'turn', 'wake', 'memory', 'startup', 'loop'] as const;
const asked = process.argv.slice(2);
for (const a of asked) if (!(SECTIONS as readonly string[]).includes(a)) throw new Error(`bench: unknown section ${a}; sections: ${SECTIONS.join(', ')}`);
const want = (s: (typeof SECTIONS)[number]): boolean => asked.length === 0 || asked.includes(s);

const root = mkdtempSync(join(tmpdir(), 'codex-agent-bench-data-'));
try {
  if (want('list')) benchList(root);
  if (want('startup')) benchStartup(root);
  if (want('loop')) await benchLoop(root);
  if (want('turn') || want('wake') || want('memory')) {
    const real = await setUpReal(root);
    try {
      if (want('turn')) await benchRealTurn(real);
      if (want('wake')) printWake([await benchWake(real, 'exec'), await benchWake(real, 'interactive')]);
      if (want('memory')) {
        const exec = await benchIdleMemory(real, 'exec');
        const interactive = await benchIdleMemory(real, 'interactive');
        console.log(`resident memory of an idle job (VmRSS summed over the tmux pane's process and all its descendants; ${MEMORY_JOBS} jobs per mode, all idle at once):`);
        printMemory('exec', exec);
        printMemory('interactive', interactive);
      }
    } finally {
      await tearDownReal(real);
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
