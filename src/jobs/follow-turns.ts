// `start --follow` and `watch --turns`: a line at each finished turn and one when the job is done,
// each written on its own, for a background shell (Claude Code's) that reads them as they come:
//   CODEX_AGENT_TURN_COMPLETE=<id>
//   CODEX_AGENT_DONE=<id> status=<status>
import type { Context } from '../context.js';
import { EXIT, TimeoutError } from '../errors.js';
import { pending } from '../store/queue.js';
import type { JobRecord, TurnRecord } from '../store/record.js';
import { Waker } from '../util/waker.js';
import { describe } from './await-many.js';
import { currentTurn, isFinal } from './lifecycle.js';
import { reconcile } from './reconcile.js';

const POLL_MS = 1_000;
const LIVENESS_EVERY_MS = 2_000;

/**
 * How a followed job ended. exec: completed, failed or cancelled (its status). interactive:
 * ended (closed on purpose), cancelled, failed, or closed (after the inactivity timeout; send
 * reopens it). Either: blocked (an agent held at start-up).
 */
export type DoneStatus = 'completed' | 'failed' | 'cancelled' | 'ended' | 'closed' | 'blocked' | 'pending' | 'running';

export type FollowEvent =
  | { type: 'turn_complete'; id: string; turn: number; status: TurnRecord['status'] }
  | { type: 'done'; id: string; status: DoneStatus; exit_code: number };

/** Pure: the job's finished turns numbered above `after`, in order. */
export function finishedTurnsAfter(r: JobRecord, after: number): TurnRecord[] {
  return r.turns.filter((t) => t.n > after && t.status !== 'running');
}

/**
 * Pure: how the job is done, or null while it may still produce a turn. Done: final; blocked; an
 * exec job with no turn running or queued for a runner; an interactive job whose agent closed.
 * `queued` must be read before `r`, and `r.runner` be current.
 */
export function doneState(r: JobRecord, queued: number): { status: DoneStatus; exitCode: number } | null {
  const last = r.turns[r.turns.length - 1];
  const failedCode = last?.error_kind === 'context_window' ? EXIT.contextLimit : EXIT.jobEnded;
  if (r.turn_state === 'blocked') return { status: 'blocked', exitCode: EXIT.blocked };
  if (r.status === 'cancelled') return { status: 'cancelled', exitCode: EXIT.jobEnded };
  if (!isFinal(r)) {
    if (r.status === 'pending' || currentTurn(r)) return null;
    if (r.runner !== null && (r.mode === 'interactive' || queued > 0 || r.turn_state === 'starting')) return null;
  }
  if (r.status === 'failed') return { status: 'failed', exitCode: failedCode };
  if (r.mode === 'exec') return { status: r.status, exitCode: r.status === 'completed' ? EXIT.ok : EXIT.jobEnded };
  return { status: r.turn_state === 'ended' ? 'ended' : 'closed', exitCode: EXIT.ok };
}

/** Pure: the line a background shell reads. */
export function followLine(ev: FollowEvent): string {
  return ev.type === 'turn_complete' ? `CODEX_AGENT_TURN_COMPLETE=${ev.id}` : `CODEX_AGENT_DONE=${ev.id} status=${ev.status}`;
}

/**
 * Follows the job until it is done: each turn numbered above `from` as it finishes, then the end.
 * Returns the exit code (0 done normally; 4 failed or cancelled; 5 its last turn hit the context
 * limit; 6 blocked); throws TimeoutError at the bound.
 */
export async function followTurns(c: Context, id: string, opts: { timeoutMs: number; from: number; onEvent: (ev: FollowEvent) => void }): Promise<number> {
  const deadline = Date.now() + opts.timeoutMs;
  const waker = new Waker([c.store.layout.jobDir(id)]);
  let reported = opts.from;
  let checkedAt = 0;
  try {
    for (;;) {
      // The queue before the record: a message the runner took shows as its turn.
      const queued = pending(c.store.layout, id).length;
      let r = c.store.read(id);
      if (Date.now() - checkedAt >= LIVENESS_EVERY_MS) {
        checkedAt = Date.now();
        r = await reconcile(c, r);
      }
      for (const t of finishedTurnsAfter(r, reported)) {
        opts.onEvent({ type: 'turn_complete', id, turn: t.n, status: t.status });
        reported = t.n;
      }
      const done = doneState(r, queued);
      if (done) {
        opts.onEvent({ type: 'done', id, status: done.status, exit_code: done.exitCode });
        return done.exitCode;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new TimeoutError(`timed out after ${Math.round(opts.timeoutMs / 1000)}s following job ${id}: ${describe(r)}`);
      await waker.wait(Math.min(POLL_MS, left));
    }
  } finally {
    waker.close();
  }
}

/** Writes one line on its own (a pipe's reader sees each as it comes). */
export function writeLine(line: string): void {
  process.stdout.write(`${line}\n`);
}
