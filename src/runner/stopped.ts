// A runner told to stop from outside (SIGHUP when its tmux session or server goes, SIGTERM):
// why, in words, from what is left of tmux. Only `kill` cancels a job; anything else leaves it
// failed with the real reason, and resumable.
import type { Context } from '../context.js';
import { processesLost, processesStopped } from '../jobs/lifecycle.js';
import { tmuxFor } from '../jobs/reconcile.js';
import type { PaneState } from '../tmux/tmux.js';

export interface StopCause {
  kind: 'runner' | 'infrastructure';
  reason: string;
}

/** Pure: `panes` is what tmux lists now, null when its server is gone, undefined when it could not be asked. */
export function stopCause(sig: string, session: string, panes: Map<string, PaneState> | null | undefined): StopCause {
  if (panes === null) return { kind: 'infrastructure', reason: `the tmux server went away (the runner got ${sig})` };
  if (panes !== undefined && !panes.has(session)) return { kind: 'runner', reason: `the tmux session ${session} was closed from outside (the runner got ${sig})` };
  return { kind: 'runner', reason: `the runner was stopped by ${sig}` };
}

export async function recordStop(ctx: Context, id: string, sig: string): Promise<void> {
  const r = ctx.store.read(id);
  const panes = await tmuxFor(ctx, r).panes().catch(() => undefined);
  const cause = stopCause(sig, r.tmux_session, panes);
  ctx.store.update(id, (d) => {
    // `kill` marked the job cancelled before it signalled us: that stands.
    if (d.status === 'cancelled') processesStopped(d);
    else processesLost(d, cause.reason, cause.kind, new Date().toISOString());
  });
}
