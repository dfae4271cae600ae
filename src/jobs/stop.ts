// Ends a job: Codex with its whole process tree, the runner, and the tmux session.
import type { Context } from '../context.js';
import { isAlive, killTree } from '../proc/tree.js';
import { isTerminal, type JobRecord } from '../store/record.js';
import { currentTurn } from './turn-facts.js';
import { quitCodex } from './tui-control.js';
import { sleep } from '../util/sleep.js';

export interface StopResult {
  record: JobRecord;
  wasActive: boolean;
  sessionClosed: boolean;
  survivors: number[];
}

/**
 * Closes the job's tmux session. Ending the runner ends the session (and, on a private socket,
 * maybe the whole server) at the same moment, so a failed kill-session only counts if the
 * session is still there afterwards.
 */
async function closeSession(ctx: Context, session: string): Promise<boolean> {
  try {
    return await ctx.tmux.killSession(session);
  } catch (err) {
    if (!(await ctx.tmux.hasSession(session).catch(() => true))) return false;
    throw err;
  }
}

export async function stopJob(ctx: Context, id: string, reason: string): Promise<StopResult> {
  const before = ctx.store.read(id);
  const wasActive = !isTerminal(before.status) || currentTurn(before) !== undefined;
  // Mark first: a runner finishing its turn now sees "cancelled" and does not overwrite it.
  const record = ctx.store.update(id, (r) => {
    const now = new Date().toISOString();
    const turn = currentTurn(r);
    if (turn) {
      turn.status = 'aborted';
      turn.completed_at = now;
      turn.error = reason;
    }
    if (wasActive) {
      r.status = 'cancelled';
      r.completed_at = now;
      r.end_reason = reason;
    }
    r.turn_state = 'ended';
  });
  // An idle TUI is asked to quit the way a person would; a busy one (or one that will not) is ended below.
  const atComposer = before.turns.length > 0 && before.turn_state !== 'blocked' && !currentTurn(before);
  if (before.mode === 'interactive' && wasActive && atComposer && before.codex_pid !== null && isAlive(before.codex_pid)) {
    await quitCodex(ctx, before.tmux_session, id);
    for (let i = 0; i < 50 && isAlive(before.codex_pid); i++) await sleep(100);
  }
  const survivors: number[] = [];
  for (const pid of [before.codex_pid, before.runner_pid]) {
    if (pid !== null && pid !== process.pid && isAlive(pid)) survivors.push(...(await killTree(pid, { graceMs: 3_000 })).remaining);
  }
  const sessionClosed = await closeSession(ctx, before.tmux_session);
  const final = ctx.store.update(id, (r) => {
    r.runner_pid = null;
    r.codex_pid = null;
  });
  return { record: final ?? record, wasActive, sessionClosed, survivors };
}
