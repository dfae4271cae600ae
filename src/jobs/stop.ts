// Ends a job: the agent with its whole process tree (launcher and agent, whichever died first),
// the runner, and the tmux session.
import type { Context } from '../context.js';
import { refState } from '../proc/identity.js';
import { killRefs } from '../proc/tree.js';
import { agentMarker } from '../runner/agent-procs.js';
import type { JobRecord } from '../store/record.js';
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
  // Mark first: a runner finishing its turn now sees "cancelled" and does not overwrite it.
  const record = wasActive ? ctx.store.update(id, (r) => cancelledByUser(r, reason, new Date().toISOString())) : before;
  // An idle TUI is asked to quit the way a person would; a busy one (or one that will not) is ended below.
  const agentRuns = before.agent_procs.some((p) => refState(p) === 'running');
  const atComposer = before.mode === 'interactive' && before.turns.length > 0 && before.turn_state !== 'blocked' && !currentTurn(before);
  if (wasActive && atComposer && agentRuns) {
    await quitAgent(ctx, await getProvider(before.provider), before.tmux_session, id);
    await waitForRecord(ctx.store, id, QUIT_WAIT_MS, (r) => r.runner === null);
  }
  const now = ctx.store.read(id);
  const refs = [...now.agent_procs, ...(now.runner ? [now.runner] : [])].filter((p) => p.pid !== process.pid);
  const killed = await killRefs(refs, { graceMs: 3_000, marker: agentMarker(id).entry });
  const sessionClosed = await closeSession(ctx, before);
  const final = ctx.store.update(id, (r) => processesStopped(r));
  return { record: final ?? record, wasActive, sessionClosed, survivors: killed.remaining };
}
