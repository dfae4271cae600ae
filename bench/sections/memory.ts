// Resident memory of an idle job: every process of the job's tmux pane, summed, with a few jobs
// of each mode idle at once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Mode, SectionData } from '../results.js';
import { awaitTurnOk, jobMemory, killAll, MB, startJob, status, statusLine, waitFor, type JobMemory, type Real, type StatusJson } from '../real.js';
import { fmt, stats } from '../stats.js';

const JOBS = 4;
export const INTERACTIVE_SETTLE_MS = 3_000;
const BEFORE_MB: Record<Mode, number | null> = { exec: 66, interactive: null };

/** Whether a job has settled idle: exec, its runner left; interactive, the TUI open and idle. */
export function settledIdle(mode: Mode, s: StatusJson): boolean {
  return mode === 'interactive' ? s.status === 'running' && s.turn_state === 'idle' && s.runner_running : !s.runner_running;
}

/** Waits for each job to settle idle; returns each job's tmux session. */
export async function waitIdle(real: Real, mode: Mode, ids: readonly string[]): Promise<Map<string, string>> {
  const sessions = new Map<string, string>();
  for (const id of ids) {
    let last: StatusJson | null = null;
    const s = await waitFor(`${mode} job ${id} to settle idle`, 30_000, async () => {
      last = await status(real, id);
      return settledIdle(mode, last) ? last : null;
    }, () => statusLine(last), 250);
    sessions.set(id, s.tmux_session);
  }
  if (mode === 'interactive') await sleep(INTERACTIVE_SETTLE_MS); // hooks and helpers spawned at the turn's end go away
  return sessions;
}

/** Per kind of process, the median over the jobs of the MB it holds (0 where a job has none). */
function byProcess(jobs: readonly JobMemory[]): Record<string, number> {
  const names = new Set(jobs.flatMap((j) => j.procs.map((p) => p.name)));
  const out: Record<string, number> = {};
  for (const name of [...names].sort()) {
    out[name] = stats(jobs.map((j) => j.procs.filter((p) => p.name === name).reduce((s, p) => s + p.bytes, 0) / MB)).median;
  }
  return out;
}

async function idleOf(real: Real, mode: Mode): Promise<{ data: SectionData['memory']['modes'][number]; jobs: JobMemory[] }> {
  const ids: string[] = [];
  try {
    for (let i = 0; i < JOBS; i++) ids.push(await startJob(real, `MOCK:SAY idle ${mode} ${i}`, mode === 'interactive'));
    for (let i = 0; i < ids.length; i++) await awaitTurnOk(real, ids[i]!, `idle ${mode} ${i}`);
    const sessions = await waitIdle(real, mode, ids);
    const jobs: JobMemory[] = [];
    for (const id of ids) jobs.push(await jobMemory(real, id, sessions.get(id)!));
    return { data: { mode, per_job_mb: stats(jobs.map((j) => j.bytes / MB)), by_process_mb: byProcess(jobs) }, jobs };
  } finally {
    await killAll(real, ids);
  }
}

function printMode(data: SectionData['memory']['modes'][number], jobs: readonly JobMemory[]): void {
  const st = data.per_job_mb;
  const before = BEFORE_MB[data.mode];
  console.log(`  ${data.mode.padEnd(11)} median ${fmt(st.median, 1)} MB per idle job (min ${fmt(st.min, 1)} · max ${fmt(st.max, 1)}, n=${st.n})${before === null ? '' : ` · before: about ${before} MB`}`);
  for (const j of jobs) {
    if (j.paneDead) {
      console.log(`    ${j.id}: 0 MB (pane dead: no process left)`);
      continue;
    }
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

export async function benchMemory(real: Real): Promise<SectionData['memory']> {
  const exec = await idleOf(real, 'exec');
  const interactive = await idleOf(real, 'interactive');
  console.log(`resident memory of an idle job (VmRSS summed over the tmux pane's process and all its descendants; ${JOBS} jobs per mode, all idle at once):`);
  printMode(exec.data, exec.jobs);
  printMode(interactive.data, interactive.jobs);
  return { jobs_per_mode: JOBS, modes: [exec.data, interactive.data] };
}
