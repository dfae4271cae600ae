// A record can claim a runner that no longer runs: it was killed, it crashed, the tmux server
// went, the machine restarted. Reconcile compares the record with the processes and the tmux
// pane, ends what was orphaned, and records the true state with the real reason.
import { constants } from 'node:os';
import type { Context } from '../context.js';
import { fromEarlierBoot, refState, type ProcRef, type RefState } from '../proc/identity.js';
import { killRefs } from '../proc/tree.js';
import { StateRootError } from '../errors.js';
import { agentMarker } from '../runner/agent-procs.js';
import type { JobRecord } from '../store/record.js';
import { readNotes, removeNotes } from '../store/side-notes.js';
import { Tmux, type PaneState } from '../tmux/tmux.js';
import { sleep } from '../util/sleep.js';
import { catchUp } from './catch-up.js';
import { infrastructureLost, isFinal, runnerGone } from './lifecycle.js';

const START_GRACE_MS = 60_000;
const SECOND_LOOK_MS = 1_000;

/** What was seen of a job's processes and its tmux pane. */
export interface Observed {
  runner: RefState | null;
  runnerFromEarlierBoot: boolean;
  /** The job's pane; 'no-server' when its tmux server does not run; 'unknown' when tmux could not be asked. */
  pane: PaneState | { kind: 'no-server' } | { kind: 'unknown'; why: string };
  /** The agent's tracked processes that still run. */
  liveAgents: ProcRef[];
}

export type Verdict =
  | { kind: 'ok' }
  /**
   * `reap`: what of the job was seen still running. Settling ends every process the record
   * tracks, dead ones included: their pids bound the search for what they left behind.
   */
  | { kind: 'lost'; cause: 'runner' | 'infrastructure'; reason: string; reap: ProcRef[] };

export function signalName(n: number): string {
  const found = Object.entries(constants.signals).find(([, v]) => v === n);
  return found ? found[0] : `signal ${n}`;
}

/** Pure: whether the record still matches reality, and if not, what happened. */
export function assess(r: JobRecord, o: Observed, nowMs: number): Verdict {
  const runner = r.runner;
  if (runner === null) {
    if (r.status === 'pending' && nowMs - Date.parse(r.created_at) > START_GRACE_MS) {
      return { kind: 'lost', cause: 'runner', reason: 'the runner never started', reap: o.liveAgents };
    }
    return { kind: 'ok' };
  }
  const pane = o.pane;
  if (pane.kind === 'unknown') {
    // Without tmux to ask, only the process can be judged: a runner that runs is left alone.
    if (o.runner !== 'gone') return { kind: 'ok' };
    return { kind: 'lost', cause: 'runner', reason: `the runner (pid ${runner.pid}) is gone (tmux could not be asked: ${pane.why})`, reap: o.liveAgents };
  }
  const inPane = pane.kind === 'running' && pane.pid === runner.pid;
  // A runner is alive only as the program of its own pane: a headless one is reaped with the rest.
  if (inPane && (o.runner === 'running' || o.runner === 'unverifiable')) return { kind: 'ok' };
  const reap = [...(o.runner === 'running' ? [runner] : []), ...o.liveAgents];
  const what = `the runner (pid ${runner.pid})`;
  const orphans = o.liveAgents.length ? `; the agent (pid ${o.liveAgents.map((p) => p.pid).join(', ')}) still ran and was stopped` : '';
  if (o.runnerFromEarlierBoot) {
    return { kind: 'lost', cause: 'infrastructure', reason: `the machine restarted: ${what} and the agent are gone`, reap };
  }
  if (pane.kind === 'no-server') {
    return { kind: 'lost', cause: 'infrastructure', reason: `the tmux server went away (killed, crashed or restarted): ${what} is gone${orphans}`, reap };
  }
  let why: string;
  if (pane.kind === 'missing') why = `its tmux session ${r.tmux_session} was closed from outside and ${what} is gone`;
  else if (pane.kind === 'dead' && pane.pid === runner.pid) {
    // tmux may not have the exit status yet when the pane is already dead.
    why =
      pane.signal !== null
        ? `${what} was killed by ${signalName(pane.signal)}`
        : pane.status !== null
          ? `${what} exited (status ${pane.status}) without closing the job`
          : `${what} died without closing the job`;
  } else if (pane.pid === runner.pid) why = `${what} died without closing the job`;
  else why = `${what} is gone (that pid is not the program of its tmux pane any more)`;
  return { kind: 'lost', cause: 'runner', reason: `${why}${orphans}`, reap };
}

/** Whether a record needs a look at processes at all: idle and finished jobs cost nothing. */
export function needsCheck(r: JobRecord): boolean {
  return r.runner !== null || r.status === 'pending';
}

export function tmuxFor(ctx: Context, r: JobRecord): Tmux {
  const socket = r.tmux_socket ?? undefined;
  return socket === ctx.tmux.socket ? ctx.tmux : new Tmux({ socket, bin: ctx.tmux.bin });
}

/** One tmux call per socket, shared by every job checked in one go. */
class PaneSnapshots {
  private readonly cache = new Map<string, Promise<Map<string, PaneState> | null>>();
  constructor(private readonly ctx: Context) {}

  async pane(r: JobRecord): Promise<Observed['pane']> {
    const key = r.tmux_socket ?? '';
    let snap = this.cache.get(key);
    if (!snap) {
      snap = tmuxFor(this.ctx, r).panes();
      this.cache.set(key, snap);
    }
    let panes: Map<string, PaneState> | null;
    try {
      panes = await snap;
    } catch (err) {
      return { kind: 'unknown', why: (err as Error).message };
    }
    if (panes === null) return { kind: 'no-server' };
    return panes.get(r.tmux_session) ?? { kind: 'missing' };
  }
}

async function observe(r: JobRecord, panes: PaneSnapshots): Promise<Observed> {
  return {
    runner: r.runner ? refState(r.runner) : null,
    runnerFromEarlierBoot: r.runner !== null && fromEarlierBoot(r.runner),
    pane: await panes.pane(r),
    liveAgents: r.agent_procs.filter((p) => refState(p) === 'running'),
  };
}

function applyVerdict(d: JobRecord, verdict: Extract<Verdict, { kind: 'lost' }>): void {
  const now = new Date().toISOString();
  if (verdict.cause === 'infrastructure') infrastructureLost(d, verdict.reason, now);
  else runnerGone(d, verdict.reason, now);
}

/**
 * `write: false` only looks (hooks: never kill or write in the host's time): the returned record
 * shows the true state, and the next command that looks records it.
 */
async function settle(ctx: Context, r: JobRecord, panes: PaneSnapshots, write: boolean): Promise<JobRecord> {
  // A final job with nothing running has nothing to settle, notes or not: no look outside the root.
  if (!needsCheck(r) && isFinal(r)) return r;
  // What kill or a runner could not write while the state root was full or read-only (src/store/side-notes.ts).
  const notes = readNotes(ctx.store.layout.home, r.id);
  if (!needsCheck(r) && !notes.kill) return r;
  let verdict: Verdict = { kind: 'ok' };
  if (needsCheck(r)) {
    const first = await observe(r, panes);
    verdict = assess(r, first, Date.now());
    if (verdict.kind !== 'ok' && first.runner === 'running') {
      // The runner itself still runs: it may be leaving on its own, or tmux was slow to answer.
      // Only a second look a moment later, with a fresh tmux answer, condemns it.
      await sleep(SECOND_LOOK_MS);
      const fresh = ctx.store.read(r.id);
      verdict = assess(fresh, await observe(fresh, new PaneSnapshots(ctx)), Date.now());
      if (verdict.kind === 'ok') return fresh;
    }
  }
  // A kill note waits while a runner still runs for the job.
  if (verdict.kind === 'ok' && (r.runner !== null || !notes.kill)) return r;
  const lost = verdict.kind === 'lost' ? (d: JobRecord) => applyVerdict(d, verdict) : null;
  const fix = (d: JobRecord): JobRecord => catchUp(d, notes, (v) => ctx.store.check(v), lost) ?? d;
  if (!write) return fix(structuredClone(r));
  // Nothing may resume the thread while an orphaned agent still writes to it.
  if (verdict.kind === 'lost') await killRefs([...(r.runner ? [r.runner] : []), ...r.agent_procs], { graceMs: 2_000, marker: agentMarker(r.id).entry });
  let caughtUp = false;
  try {
    const written = ctx.store.update(r.id, (d) => {
      // A runner that closed the job itself, or a new one, meanwhile: the record is right already.
      if (d.runner?.pid !== r.runner?.pid || d.runner?.start !== r.runner?.start || d.status !== r.status) return;
      caughtUp = true;
      return fix(d);
    });
    if (caughtUp) removeNotes(ctx.store.layout.home, r.id);
    return written;
  } catch (err) {
    // The root cannot be written yet: the truth is shown now and written by the next look that can.
    if (err instanceof StateRootError) return fix(structuredClone(r));
    throw err;
  }
}

export async function reconcile(ctx: Context, r: JobRecord): Promise<JobRecord> {
  return settle(ctx, r, new PaneSnapshots(ctx), true);
}

export async function reconcileAll(ctx: Context, records: JobRecord[], opts: { write?: boolean } = {}): Promise<JobRecord[]> {
  const panes = new PaneSnapshots(ctx);
  return Promise.all(records.map((r) => settle(ctx, r, panes, opts.write ?? true)));
}
