// Ending a process with everything it started, whatever in it died first.
import { waitFor } from '../util/wait.js';
import { refStateOf, type ProcRef } from './identity.js';
import { listProcesses, pidsWithEnv, readProc, type ProcInfo } from './table.js';

export type ProcRow = Pick<ProcInfo, 'pid' | 'ppid' | 'pgid' | 'zombie'> & Partial<Pick<ProcInfo, 'sid' | 'start'>>;

export interface KillPlan {
  /** Roots, their descendants, members of their groups and sessions. */
  pids: number[];
  /** Process groups to signal as a whole (roots that lead one). */
  groups: number[];
}

export interface KillResult {
  /** Pids that accepted the first signal. */
  signalled: number[];
  /** Pids still running after the grace period; these were sent SIGKILL. */
  survivors: number[];
  /** Pids still running even after SIGKILL (e.g. stuck in uninterruptible I/O). */
  remaining: number[];
}

const KILL_WAIT_MS = 2000;

function walk(rows: ProcRow[], root: number): number[] {
  const children = new Map<number, number[]>();
  for (const r of rows) {
    if (r.zombie) continue;
    const list = children.get(r.ppid) ?? [];
    list.push(r.pid);
    children.set(r.ppid, list);
  }
  const seen = new Set<number>([root]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i]!) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return queue.slice(1);
}

export function descendants(pid: number): number[] {
  return walk(listProcesses(), pid);
}

function checkRoot(root: number, self: number): void {
  if (!Number.isInteger(root) || root <= 1 || root === self) {
    throw new RangeError(`refusing to kill process tree rooted at ${root}`);
  }
}

/** Pure planning step of killTree, separate so the safety rules are testable without signals. */
export function planKill(rows: ProcRow[], root: number, self: number = process.pid): KillPlan {
  checkRoot(root, self);
  const set = new Set<number>([root, ...walk(rows, root)]);
  const rootRow = rows.find((r) => r.pid === root);
  const selfRow = rows.find((r) => r.pid === self);
  // Never signal a group we belong to: that would include ourselves.
  const group = rootRow !== undefined && rootRow.pgid === root && selfRow?.pgid !== root;
  if (group) for (const r of rows) if (r.pgid === root && !r.zombie) set.add(r.pid);
  set.delete(self);
  return { pids: [...set].filter((p) => p > 1), groups: group ? [root] : [] };
}

function ticks(start: string | undefined): { boot: string; at: number } | null {
  if (start === undefined) return null;
  const cut = start.lastIndexOf('/');
  const at = Number(start.slice(cut + 1));
  return Number.isFinite(at) ? { boot: start.slice(0, cut), at } : null;
}

/**
 * Pure: what to signal to end the tracked processes. A ref counts only while it is that very
 * process (a reused pid is left alone). A launcher that led its own session may have died first:
 * the members of that session that started after it are still its work, and are ended too.
 */
export function planRefs(rows: ProcRow[], refs: ProcRef[], self: number = process.pid, marked: number[] = []): KillPlan {
  const pids = new Set<number>();
  const groups = new Set<number>();
  const byPid = new Map(rows.map((r) => [r.pid, r]));
  for (const ref of refs) {
    if (ref.pid <= 1 || ref.pid === self) continue;
    const row = byPid.get(ref.pid);
    const state = refStateOf(ref, row ? { zombie: row.zombie, start: row.start ?? '' } : null);
    if (state === 'running') {
      const plan = planKill(rows, ref.pid, self);
      plan.pids.forEach((p) => pids.add(p));
      plan.groups.forEach((g) => groups.add(g));
    }
    const own = ticks(ref.start ?? undefined);
    // Only when the pid is ours or nobody's: a pid that names another process now names its session too.
    if (own === null || state === 'unverifiable' || (row !== undefined && !row.zombie && state !== 'running')) continue;
    for (const r of rows) {
      const t = ticks(r.start);
      if (r.zombie || r.sid !== ref.pid || t === null || t.boot !== own.boot || t.at < own.at) continue;
      pids.add(r.pid);
      walk(rows, r.pid).forEach((p) => pids.add(p));
    }
  }
  // Processes that carry the job's marker and started after the job's first tracked process.
  const earliest = refs.map((r) => ticks(r.start ?? undefined)).filter((t) => t !== null).sort((a, b) => a.at - b.at)[0];
  for (const pid of marked) {
    const row = byPid.get(pid);
    const t = ticks(row?.start);
    if (!row || row.zombie || !earliest || t === null || t.boot !== earliest.boot || t.at < earliest.at) continue;
    pids.add(pid);
    walk(rows, pid).forEach((p) => pids.add(p));
  }
  pids.delete(self);
  return { pids: [...pids].filter((p) => p > 1), groups: [...groups] };
}

/** The subset of pids that still run; zombies count as gone (a non-reaping pid 1 may leave them). */
export function stillRunning(pids: number[]): number[] {
  return pids.filter((p) => {
    const info = readProc(p);
    return info !== null && !info.zombie;
  });
}

function send(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // ESRCH: already gone; EPERM: not ours to kill.
  }
}

/** The pids still running once they all ended or `ms` ran out. */
async function waitGone(pids: number[], ms: number): Promise<number[]> {
  await waitFor(() => stillRunning(pids).length === 0, { timeoutMs: ms, intervalMs: 20, maxIntervalMs: 250, describe: () => '' }).catch(() => undefined);
  return stillRunning(pids);
}

async function execute(plan: KillPlan, opts: { graceMs?: number; signal?: NodeJS.Signals }): Promise<KillResult> {
  const graceMs = opts.graceMs ?? 3000;
  const signal = opts.signal ?? 'SIGTERM';
  const signalled = plan.pids.filter((p) => send(p, signal));
  for (const g of plan.groups) send(-g, signal);
  const survivors = await waitGone(plan.pids, graceMs);
  if (survivors.length === 0) return { signalled, survivors, remaining: [] };
  // Children forked during the grace period are not in the first snapshot; pick them up too.
  const rows = listProcesses();
  const targets = new Set(survivors);
  for (const s of survivors) for (const d of walk(rows, s)) targets.add(d);
  targets.delete(process.pid);
  const list = [...targets].filter((p) => p > 1);
  for (const p of list) send(p, 'SIGKILL');
  for (const g of plan.groups) send(-g, 'SIGKILL');
  const remaining = await waitGone(list, KILL_WAIT_MS);
  return { signalled, survivors, remaining };
}

/**
 * Terminate a process (one we started and still hold) and everything below it. The tree is
 * snapshotted first because children get re-parented once their parent dies.
 */
export async function killTree(pid: number, opts: { graceMs?: number; signal?: NodeJS.Signals } = {}): Promise<KillResult> {
  checkRoot(pid, process.pid);
  return execute(planKill(listProcesses(), pid), opts);
}

/**
 * Terminate tracked processes (pid and start) with their trees; refs that name no live process of
 * ours are skipped. `marker` ("NAME=value" in the environment the agent was started with) also
 * finds what the agent started in sessions of its own, after the agent itself is gone.
 */
export async function killRefs(refs: ProcRef[], opts: { graceMs?: number; marker?: string } = {}): Promise<KillResult> {
  if (refs.length === 0) return { signalled: [], survivors: [], remaining: [] };
  const plan = planRefs(listProcesses(), refs, process.pid, opts.marker ? pidsWithEnv(opts.marker) : []);
  if (plan.pids.length === 0) return { signalled: [], survivors: [], remaining: [] };
  return execute(plan, opts);
}
