import { execa } from 'execa';
import { sleep } from '../util/sleep.js';

export interface ProcRow {
  pid: number;
  ppid: number;
  pgid: number;
  zombie: boolean;
}

export interface KillPlan {
  /** Root, its descendants and (if root leads a group) its group members. */
  pids: number[];
  /** Whether to also signal the process group -root. */
  group: boolean;
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

/** Whether a process exists (a zombie counts; see stillRunning). EPERM means it exists. */
export function isAlive(pid: number): boolean {
  // kill(0 or negative) would address process groups, never a single process.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Snapshot of all processes. Separate -o flags: BSD ps reads "a=,b=" as one header. */
export async function listProcesses(): Promise<ProcRow[]> {
  const { stdout } = await execa('ps', ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'pgid=', '-o', 'stat='], {
    timeout: 10_000,
    stdin: 'ignore',
  });
  const rows: ProcRow[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s*(\S*)/.exec(line);
    if (m) rows.push({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), zombie: m[4]!.startsWith('Z') });
  }
  return rows;
}

function walk(rows: ProcRow[], root: number): number[] {
  const children = new Map<number, number[]>();
  for (const r of rows) {
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

export async function descendants(pid: number): Promise<number[]> {
  return walk(await listProcesses(), pid);
}

/** Pure planning step of killTree, separate so the safety rules are testable without signals. */
export function planKill(rows: ProcRow[], root: number, self: number = process.pid): KillPlan {
  if (!Number.isInteger(root) || root <= 1 || root === self) {
    throw new RangeError(`refusing to kill process tree rooted at ${root}`);
  }
  const set = new Set<number>([root, ...walk(rows, root)]);
  const rootRow = rows.find((r) => r.pid === root);
  const selfRow = rows.find((r) => r.pid === self);
  const leader = rootRow !== undefined && rootRow.pgid === root;
  // Never signal a group we belong to: that would include ourselves.
  const group = leader && selfRow?.pgid !== root;
  if (group) for (const r of rows) if (r.pgid === root) set.add(r.pid);
  set.delete(self);
  const pids = [...set].filter((p) => p > 1);
  return { pids, group };
}

/** The subset of pids that still run; zombies count as gone (a non-reaping pid 1 may leave them). */
export async function stillRunning(pids: number[]): Promise<number[]> {
  const maybe = pids.filter(isAlive);
  if (maybe.length === 0) return [];
  const rows = new Map((await listProcesses()).map((r) => [r.pid, r]));
  return maybe.filter((p) => {
    const row = rows.get(p);
    return row !== undefined && !row.zombie;
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

async function waitGone(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let interval = 20;
  for (;;) {
    const alive = await stillRunning(pids);
    const left = deadline - Date.now();
    if (alive.length === 0 || left <= 0) return alive;
    await sleep(Math.min(interval, left));
    interval = Math.min(interval * 1.5, 250);
  }
}

/**
 * Terminate a process and everything below it. The tree is snapshotted first
 * because children get re-parented once their parent dies.
 */
export async function killTree(
  pid: number,
  opts: { graceMs?: number; signal?: NodeJS.Signals } = {},
): Promise<KillResult> {
  const graceMs = opts.graceMs ?? 3000;
  const signal = opts.signal ?? 'SIGTERM';
  const plan = planKill(await listProcesses(), pid);
  const signalled = plan.pids.filter((p) => send(p, signal));
  if (plan.group) send(-pid, signal);
  const survivors = await waitGone(plan.pids, graceMs);
  if (survivors.length === 0) return { signalled, survivors, remaining: [] };

  // Children forked during the grace period are not in the snapshot; pick them up too.
  const rows = await listProcesses();
  const finalPlan = new Set(survivors);
  for (const s of survivors) for (const d of walk(rows, s)) finalPlan.add(d);
  finalPlan.delete(process.pid);
  const targets = [...finalPlan].filter((p) => p > 1);
  for (const p of targets) send(p, 'SIGKILL');
  if (plan.group) send(-pid, 'SIGKILL');
  const remaining = await waitGone(targets, KILL_WAIT_MS);
  return { signalled, survivors, remaining };
}
