// A runner told to stop from outside (SIGHUP when its tmux session or server goes, SIGTERM):
// why, in words, from what is left of tmux. Only `kill` cancels a job; anything else leaves it
// failed with the real reason, and resumable.
import type { Context } from '../context.js';
import { killNoted, processesLost, processesStopped } from '../jobs/lifecycle.js';
import { tmuxFor } from '../jobs/reconcile.js';
import { readNotes } from '../store/side-notes.js';
import type { JobRecord } from '../store/record.js';
import type { PaneState } from '../tmux/tmux.js';
import { leaveWords } from './last-words.js';
import { clock, type RecordWriter } from './record-writer.js';

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

/**
 * Records the stop. When the state root cannot take it (full, read-only), the runner's last
 * words keep it, with everything else the runner could not write, for the next look; `say`
 * puts a line about it in the pane.
 */
export async function recordStop(ctx: Context, id: string, sig: string, writer: RecordWriter, say: (line: string) => void): Promise<void> {
  const r = writer.read();
  const panes = await tmuxFor(ctx, r).panes().catch(() => undefined);
  const cause = stopCause(sig, r.tmux_session, panes);
  const at = new Date().toISOString();
  // `kill` that could not record the cancel left a note before it signalled us.
  const kill = readNotes(ctx.store.layout.home, id).kill;
  const edit = (d: JobRecord): void => {
    if (kill) killNoted(d, kill.reason, kill.at);
    // `kill` marked the job cancelled before it signalled us: that stands.
    if (d.status === 'cancelled') processesStopped(d);
    else processesLost(d, cause.reason, cause.kind, at);
  };
  writer.update(edit);
  const outage = writer.blocked;
  if (!outage) return;
  say(leaveWords(ctx.store, id, writer, () => undefined, `${cause.reason}; ${outage.error.message} since ${clock(outage.since)}`));
}
