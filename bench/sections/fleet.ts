// Agents started at once: 1, 8 and 16 `start`s launched together (as a general fans out), each
// followed by its own `await-turn`. Per round: the time until every first turn's answer is in
// hand; per job: our overhead beyond Codex's own time (start -> the agent process exists, plus
// Codex's task_complete -> await-turn returns), and the resident memory of the job's processes
// while its turn runs and once it is idle. The scripted model answers each turn after
// TURN_SLEEP_MS, so every job is mid-turn when sampled and every await-turn is waiting.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { newestUserText, TITLE_PROMPT_PREFIX } from '../../src/mock/plan.js';
import { JobStore } from '../../src/store/job-store.js';
import type { JobRecord } from '../../src/store/record.js';
import { waitIdle } from './memory.js';
import { jobsMemory, killAll, MB, spawnAwaitTurn, startJob, taskCompleteOf, tmuxServerBytes, type Exited, type JobMemory, type Real } from '../real.js';
import type { FleetSize, Mode, SectionData } from '../results.js';
import { brief, fmt, stats } from '../stats.js';
import { bootEpochMs, jobTimes, startTokenMs, type JobTimes } from '../timing.js';

export const FLEET_SIZES = [1, 8, 16] as const;
const ROUNDS: Record<number, number> = { 1: 4, 8: 3, 16: 2 };
const TURN_SLEEP_MS = 3_000;
const POLL_MS = 100;

interface Clock {
  bootMs: number;
  hz: number;
}

function clock(): Clock {
  let hz = 100;
  try {
    hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 10_000 }).trim()) || 100;
  } catch {
    // 100 on every Linux we know
  }
  return { bootMs: bootEpochMs(readFileSync('/proc/uptime', 'utf8'), Date.now()), hz };
}

interface JobRun {
  tag: string;
  id: string | null;
  launchAt: number | null;
  /** When the model server got the job's turn request: Codex is up and mid-turn from then on. */
  requestSeen: boolean;
  working: JobMemory | null;
  exited: Exited | null;
  awaitSpawnAt: number | null;
}

interface RoundResult {
  allFirstTurnsMs: number;
  times: JobTimes[];
  workingMb: number[];
  idleMb: number[];
  tmuxWorkingMb: number | null;
  tmuxIdleMb: number | null;
  notes: string[];
}

function tryRead(store: JobStore, id: string): JobRecord | null {
  try {
    return store.tryRead(id);
  } catch {
    return null; // mid-rename on a slow disk: the next poll reads it
  }
}

async function round(real: Real, store: JobStore, clk: Clock, mode: Mode, agents: number, r: number): Promise<RoundResult> {
  const interactive = mode === 'interactive';
  const jobs: JobRun[] = Array.from({ length: agents }, (_, i) => ({
    tag: `fleet ${mode} ${agents}x r${r} j${String(i).padStart(2, '0')}`,
    id: null,
    launchAt: null,
    requestSeen: false,
    working: null,
    exited: null,
    awaitSpawnAt: null,
  }));
  const byTag = new Map(jobs.map((j) => [j.tag, j]));
  let scanned = real.server.requests.length;
  let tmuxWorking: number | null = null;
  const t0 = Date.now();
  const runs = jobs.map(async (j) => {
    j.id = await startJob(real, `MOCK:SLEEP ${TURN_SLEEP_MS} MOCK:SAY ${j.tag}`, interactive, 180_000);
    const w = spawnAwaitTurn(real, j.id, 240_000);
    j.awaitSpawnAt = w.spawnAt;
    j.exited = await w.exited;
    if (j.exited.code !== 0 || j.exited.stdout.trim() !== j.tag) {
      throw new Error(`bench: ${mode} job ${j.id} (${agents} at once): await-turn exited ${j.exited.code ?? j.exited.signal} with ${JSON.stringify(j.exited.stdout.trim())}, expected 0 with ${JSON.stringify(j.tag)}; stderr: ${j.exited.stderr.trim()}`);
    }
  });
  let done = false;
  const all = Promise.allSettled(runs).finally(() => (done = true));
  // While the turns run: note each agent's launch from the record, and sample each job's memory
  // once the model has its request (Codex up, the turn in flight).
  const sampler = (async () => {
    while (!done) {
      for (; scanned < real.server.requests.length; scanned++) {
        const text = newestUserText(real.server.requests[scanned]!.body);
        if (text.trimStart().startsWith(TITLE_PROMPT_PREFIX)) continue;
        const tag = /MOCK:SAY (fleet .+ j\d\d)\s*$/.exec(text)?.[1];
        const j = tag === undefined ? undefined : byTag.get(tag);
        if (j) j.requestSeen = true;
      }
      const due: { j: JobRun; id: string; session: string }[] = [];
      for (const j of jobs) {
        if (j.id === null || j.exited) continue;
        const rec = j.launchAt === null || (j.requestSeen && j.working === null) ? tryRead(store, j.id) : null;
        const first = rec?.agent_procs[0];
        if (j.launchAt === null && first?.start) j.launchAt = startTokenMs(first.start, clk.bootMs, clk.hz);
        if (rec && j.requestSeen && j.working === null) due.push({ j, id: j.id, session: rec.tmux_session });
      }
      if (due.length) {
        // One sample of all that are due; one that fails (a session closing under it) is tried at the next poll.
        const mems = await jobsMemory(real, due).catch(() => null);
        if (mems) for (const d of due) d.j.working = mems.get(d.id)!;
        const server = await tmuxServerBytes(real).catch(() => null);
        if (server !== null) tmuxWorking = Math.max(tmuxWorking ?? 0, server);
      }
      await new Promise((res) => setTimeout(res, POLL_MS));
    }
  })();
  const settled = await all;
  await sampler;
  const ids = jobs.flatMap((j) => (j.id === null ? [] : [j.id]));
  try {
    const failed = settled.find((x): x is PromiseRejectedResult => x.status === 'rejected');
    if (failed) throw failed.reason;
    const notes: string[] = [];
    const times: JobTimes[] = [];
    const workingMb: number[] = [];
    for (const j of jobs) {
      const rec = store.read(j.id!);
      if (j.launchAt === null) throw new Error(`bench: never saw ${mode} job ${j.id}'s agent process in its record (the turn took ${j.exited!.exitAt - t0} ms)`);
      const complete = await taskCompleteOf(real, rec.thread_id ?? '?', j.tag, t0);
      if (j.awaitSpawnAt! > complete.at) notes.push(`${j.id}: its await-turn started ${j.awaitSpawnAt! - complete.at} ms after the turn ended`);
      times.push(jobTimes({ t0, launchAt: j.launchAt, taskCompleteAt: complete.at, answerAt: j.exited!.exitAt }));
      // A sample taken after the turn ended is not "while working".
      if (j.working && j.working.at < complete.at && !j.working.paneDead) workingMb.push(j.working.bytes / MB);
      else notes.push(`${j.id}: no memory sample while its turn ran`);
    }
    const sessions = await waitIdle(real, mode, ids);
    const idle = await jobsMemory(real, ids.map((id) => ({ id, session: sessions.get(id)! })));
    const idleMb = ids.map((id) => idle.get(id)!.bytes / MB);
    const tmuxIdle = await tmuxServerBytes(real);
    return {
      allFirstTurnsMs: Math.max(...jobs.map((j) => j.exited!.exitAt)) - t0,
      times,
      workingMb,
      idleMb,
      tmuxWorkingMb: tmuxWorking === null ? null : tmuxWorking / MB,
      tmuxIdleMb: tmuxIdle === null ? null : tmuxIdle / MB,
      notes,
    };
  } finally {
    await killAll(real, ids);
  }
}

function nonEmpty(xs: number[], what: string): number[] {
  if (xs.length === 0) throw new Error(`bench: no samples of ${what}`);
  return xs;
}

async function size(real: Real, store: JobStore, clk: Clock, mode: Mode, agents: number, rounds: number): Promise<FleetSize> {
  const results: RoundResult[] = [];
  for (let r = 0; r < rounds; r++) {
    const res = await round(real, store, clk, mode, agents, r);
    results.push(res);
    console.log(`  ... ${mode}, ${agents} at once, round ${r + 1} of ${rounds}: all first turns in ${fmt(res.allFirstTurnsMs, 0)} ms${res.notes.length ? ` (${res.notes.join('; ')})` : ''}`);
  }
  const times = results.flatMap((x) => x.times);
  const what = `${mode} jobs, ${agents} at once`;
  return {
    agents,
    rounds,
    all_first_turns_ms: stats(results.map((x) => x.allFirstTurnsMs)),
    overhead_ms: stats(times.map((t) => t.overhead)),
    to_launch_ms: stats(times.map((t) => t.to_launch)),
    to_answer_ms: stats(times.map((t) => t.to_answer)),
    codex_ms: stats(times.map((t) => t.codex)),
    working_mb: stats(nonEmpty(results.flatMap((x) => x.workingMb), `working memory of ${what}`)),
    idle_mb: stats(results.flatMap((x) => x.idleMb)),
    tmux_server_working_mb: stats(nonEmpty(results.flatMap((x) => (x.tmuxWorkingMb === null ? [] : [x.tmuxWorkingMb])), `the tmux server's memory with ${what} working`)),
    tmux_server_idle_mb: stats(nonEmpty(results.flatMap((x) => (x.tmuxIdleMb === null ? [] : [x.tmuxIdleMb])), `the tmux server's memory with ${what} idle`)),
  };
}

function printSize(mode: Mode, s: FleetSize): void {
  console.log(`  ${mode} x${s.agents} (${s.rounds} rounds): all first turns ${brief(s.all_first_turns_ms, 'ms')}`);
  console.log(`    overhead per job ${brief(s.overhead_ms, 'ms')} = to launch ${brief(s.to_launch_ms, 'ms')} + to answer ${brief(s.to_answer_ms, 'ms')}; Codex's own ${brief(s.codex_ms, 'ms')}`);
  console.log(`    per job working ${brief(s.working_mb, 'MB', 1)} · idle ${brief(s.idle_mb, 'MB', 1)} · tmux server working ${fmt(s.tmux_server_working_mb.median, 1)} MB, idle ${fmt(s.tmux_server_idle_mb.median, 1)} MB`);
}

export async function benchFleet(real: Real, quick: boolean, modes: readonly Mode[] = ['exec', 'interactive']): Promise<SectionData['fleet']> {
  if (process.platform !== 'linux') throw new Error('bench: the fleet section reads /proc (Linux only)');
  const store = new JobStore(real.stateDir);
  const clk = clock();
  console.log(`agents started at once (${FLEET_SIZES.join(', ')}; each turn "MOCK:SLEEP ${TURN_SLEEP_MS} MOCK:SAY <tag>"; rounds ${FLEET_SIZES.map((n) => (quick ? 1 : ROUNDS[n])).join('/')}):`);
  const out: SectionData['fleet']['modes'] = [];
  for (const mode of modes) {
    const sizes: FleetSize[] = [];
    for (const agents of FLEET_SIZES) {
      const s = await size(real, store, clk, mode, agents, quick ? 1 : ROUNDS[agents]!);
      sizes.push(s);
      printSize(mode, s);
    }
    out.push({ mode, sizes });
  }
  return { turn_sleep_ms: TURN_SLEEP_MS, modes: out };
}
