// A job whose runner died (machine reboot, tmux server killed) must not look "running" forever.
import type { JobStore } from '../store/job-store.js';
import { isTerminal, type JobRecord } from '../store/record.js';
import { isAlive } from '../proc/tree.js';
import { currentTurn } from './turn-facts.js';

const START_GRACE_MS = 60_000;

/** Pure: why this record no longer matches reality, or null. */
export function staleReason(r: JobRecord, alive: (pid: number) => boolean, nowMs: number): string | null {
  if (r.runner_pid !== null) {
    return alive(r.runner_pid) ? null : `runner (pid ${r.runner_pid}) exited unexpectedly`;
  }
  if (r.status === 'pending' && nowMs - Date.parse(r.created_at) > START_GRACE_MS) return 'runner never started';
  if (r.status === 'running') return 'runner is gone';
  return null;
}

/** Pure: marks the record as its runner being gone. */
export function markRunnerGone(r: JobRecord, reason: string, now: string): void {
  r.runner_pid = null;
  r.codex_pid = null;
  const turn = currentTurn(r);
  if (turn) {
    turn.status = 'failed';
    turn.completed_at = now;
    turn.error = reason;
    turn.error_kind = 'runner';
  }
  if (!isTerminal(r.status) || turn) {
    r.status = 'failed';
    r.error = reason;
    r.error_kind = 'runner';
    r.completed_at = now;
  }
  if (r.turn_state !== 'context_limit') r.turn_state = 'ended';
  r.end_reason = reason;
}

/** Pure: the runner was told to stop (its tmux session closed or was killed): cancel what ran. */
export function markStoppedBySignal(r: JobRecord, sig: string, now: string): void {
  const turn = currentTurn(r);
  if (turn) {
    turn.status = 'aborted';
    turn.completed_at = now;
    turn.error ??= `runner stopped by ${sig}`;
  }
  if (!isTerminal(r.status) || turn) {
    r.status = 'cancelled';
    r.completed_at = now;
    r.end_reason = `runner stopped by ${sig} (tmux session closed or killed)`;
  }
  r.turn_state = 'ended';
  r.runner_pid = null;
  r.codex_pid = null;
}

export function reconcile(store: JobStore, r: JobRecord): JobRecord {
  if (!staleReason(r, isAlive, Date.now())) return r;
  return store.update(r.id, (draft) => {
    const reason = staleReason(draft, isAlive, Date.now());
    if (reason) markRunnerGone(draft, reason, new Date().toISOString());
  });
}
