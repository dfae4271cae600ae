// What follows a change of a job's record, wherever it is made (a runner, kill, a reconcile, a
// send): a closed turn rewrites the job's signal file, and a run that ended starts the user's
// --notify-on-complete command. The store calls this under the job's lock for every write, so
// the process that makes a change is the one that acts on it, once.
import type { UpdateHook } from '../store/job-store.js';
import { isTerminal, type JobRecord } from '../store/record.js';
import { notifyRun, startNotifyCommand } from './notify-command.js';
import { closedTurn, writeTurnSignal } from './turn-signal.js';

/** Pure: the job's status left pending or running for completed, failed or cancelled. */
export function runEnded(before: JobRecord, next: JobRecord): boolean {
  return !isTerminal(before.status) && isTerminal(next.status);
}

/** The store's hook, with the environment a notify command inherits. */
export function jobEffects(env: NodeJS.ProcessEnv): UpdateHook {
  return (before, next, layout) => {
    const turn = closedTurn(before, next);
    if (turn) {
      try {
        writeTurnSignal(layout, next, turn);
      } catch {
        // A convenience copy for scripts: the record, written next, stays the truth.
      }
    }
    if (!runEnded(before, next)) return;
    const run = notifyRun(next, layout.home);
    if (!run) return;
    // Counted in the same write as the change, under the lock: one start per change.
    next.notify_runs = (next.notify_runs ?? 0) + 1;
    return () => {
      try {
        startNotifyCommand(run, env, layout.notifyLog(next.id));
      } catch {
        // The job must not fail for the user's hook; what went wrong is in its log when it got that far.
      }
    };
  };
}
