// Ends a job: the agent with its whole process tree (launcher and agent, whichever died first),
// the runner, and the tmux session.
import type { Context } from '../context.js';
import { StateRootError } from '../errors.js';
import { refState } from '../proc/identity.js';
import { killRefs } from '../proc/tree.js';
import { agentMarker } from '../runner/agent-procs.js';
import type { JobRecord } from '../store/record.js';
import { leaveKillNote } from '../store/side-notes.js';
import { cancelledByUser, currentTurn, isFinal, processesStopped } from './lifecycle.js';
import { quitAgent } from './tui-control.js';
import { getProvider } from '../providers/index.js';
import { tmuxFor } from './reconcile.js';
import { waitForRecord } from './wait-record.js';

export interface StopResult {
  record: JobRecord;
  /** False when the job had already ended (final) before. */
  wasActive: boolean;
  sessionClosed: boolean;
  /** Processes still running after SIGKILL. */
  survivors: number[];
  /**
   * Set when the state root could not take the cancel (full, read-only): the job was stopped all
   * the same, and `note` (kept outside the root) has the next look record it; null when no place took it.
   */
  unrecorded: { error: StateRootError; note: string | null } | null;
}

const QUIT_WAIT_MS = 5_000;

/** Closes the job's tmux session. Ending the runner may end the session (or a private server) at the same moment. */
async function closeSession(ctx: Context, r: JobRecord): Promise<boolean> {
  const tmux = tmuxFor(ctx, r);
  try {
    return await tmux.killSession(r.tmux_session);
  } catch (err) {
    if (!(await tmux.hasSession(r.tmux_session).catch(() => true))) return false;
    throw err;
  }
}

/**
 * `kill` (and `delete`, `clean`): cancels whatever is not final yet, then ends every process of
 * the job that still runs. Signals only reach processes that are still the ones we started.
 */
export async function stopJob(ctx: Context, id: string, reason: string): Promise<StopResult> {
  const before = ctx.store.read(id);
  const wasActive = !isFinal(before);
  let record = before;
  let unrecorded: StopResult['unrecorded'] = null;
  if (wasActive) {
    const at = new Date().toISOString();
    try {
      // Mark first: a runner finishing its turn now sees "cancelled" and does not overwrite it.
      record = ctx.store.update(id, (r) => cancelledByUser(r, reason, at));
    } catch (err) {
      if (!(err instanceof StateRootError)) throw err;
      // Signals need no lock and no space: the job is stopped all the same. The note (left before
      // any signal, so the runner reads it too) makes the next look record a cancel, not a crash.
      unrecorded = { error: err, note: leaveKillNote({ home: ctx.store.layout.home, id, reason, at }) };
    }
  }
  // An idle TUI is asked to quit the way a person would; a busy one (or one that will not) is ended below.
  const agentRuns = before.agent_procs.some((p) => refState(p) === 'running');
  const atComposer = before.mode === 'interactive' && before.turns.length > 0 && before.turn_state !== 'blocked' && !currentTurn(before);
  // Unrecorded, the runner could not record the quit either: no use waiting for it.
  if (wasActive && atComposer && agentRuns && !unrecorded) {
    await quitAgent(ctx, await getProvider(before.provider), before.tmux_session, id);
    await waitForRecord(ctx.store, id, QUIT_WAIT_MS, (r) => r.runner === null);
  }
  const now = ctx.store.read(id);
  const refs = [...now.agent_procs, ...(now.runner ? [now.runner] : [])].filter((p) => p.pid !== process.pid);
  const killed = await killRefs(refs, { graceMs: 3_000, marker: agentMarker(id).entry });
  const sessionClosed = await closeSession(ctx, before);
  if (!unrecorded && (now.runner !== null || now.agent_procs.length > 0)) {
    try {
      record = ctx.store.update(id, (r) => processesStopped(r));
    } catch (err) {
      // The cancel is recorded; a record that still names the runner is settled by the next look.
      if (!(err instanceof StateRootError)) throw err;
    }
  } else if (!unrecorded) record = ctx.store.read(id);
  return { record, wasActive, sessionClosed, survivors: killed.remaining, unrecorded };
}
