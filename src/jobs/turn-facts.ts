// Pure updates of a job record from what Codex reports. The runner applies them under the job lock.
import { isAbsolute, relative, sep } from 'node:path';
import { classifyModelError, type ExecEvent } from '../codex/exec-events.js';
import type { RolloutEvent } from '../codex/rollout.js';
import type { ErrorKind, JobRecord, Tokens, TurnRecord } from '../store/record.js';

export function currentTurn(r: JobRecord): TurnRecord | undefined {
  const last = r.turns[r.turns.length - 1];
  return last?.status === 'running' ? last : undefined;
}

export function beginTurn(r: JobRecord, now: string): TurnRecord {
  const turn: TurnRecord = {
    n: r.turns.length + 1,
    turn_id: null,
    status: 'running',
    started_at: now,
    completed_at: null,
    last_message: null,
    error: null,
    error_kind: null,
  };
  r.turns.push(turn);
  r.status = 'running';
  r.turn_state = 'working';
  r.started_at ??= now;
  r.completed_at = null;
  r.error = null;
  r.error_kind = null;
  r.end_reason = null;
  return turn;
}

/** Applies one `codex exec --json` event. Returns true when the record changed. */
export function applyExecEvent(r: JobRecord, ev: ExecEvent): boolean {
  const turn = currentTurn(r);
  switch (ev.kind) {
    case 'thread_started':
      if (r.thread_id !== null) return false;
      r.thread_id = ev.threadId;
      return true;
    case 'agent_message':
      r.last_message = ev.text;
      if (turn) turn.last_message = ev.text;
      return true;
    case 'file_change':
      return addFiles(r, ev.changes.map((c) => c.path));
    case 'turn_completed':
      // exec reports the thread's running totals.
      r.tokens = {
        ...(r.tokens ?? emptyTokens()),
        input: ev.usage.input,
        cached_input: ev.usage.cachedInput,
        output: ev.usage.output,
        reasoning_output: ev.usage.reasoningOutput,
      };
      return true;
    case 'turn_failed':
      if (turn) {
        turn.error = ev.message;
        turn.error_kind = classifyModelError(ev.message);
      }
      return true;
    default:
      return false;
  }
}

/** Applies a rollout record: the source of live token counts and the context window. */
export function applyRolloutEvent(r: JobRecord, ev: RolloutEvent): boolean {
  if (ev.kind === 'token_count') {
    // Codex writes info-less counts at turn start and on retries: nothing to learn from them.
    if (!ev.total && !ev.last && !ev.contextWindow) return false;
    const t = r.tokens ?? emptyTokens();
    if (ev.total) {
      t.input = ev.total.input;
      t.cached_input = ev.total.cachedInput;
      t.output = ev.total.output;
      t.reasoning_output = ev.total.reasoningOutput;
    }
    if (ev.last) t.last_context = ev.last.total;
    if (ev.contextWindow) t.context_window = ev.contextWindow;
    r.tokens = t;
    return true;
  }
  if (ev.kind === 'task_started' && ev.contextWindow) {
    r.tokens = { ...(r.tokens ?? emptyTokens()), context_window: ev.contextWindow };
    return true;
  }
  return false;
}

export interface TurnOutcome {
  exitCode: number | null;
  completed: boolean;
  failure: string | null;
  now: string;
}

/** Closes the running turn and sets the job's status from how it ended. */
export function finishTurn(r: JobRecord, out: TurnOutcome): void {
  r.exit_code = out.exitCode;
  r.codex_pid = null;
  const turn = currentTurn(r);
  if (r.status === 'cancelled') {
    if (turn) {
      turn.status = 'aborted';
      turn.completed_at = out.now;
      turn.error ??= 'cancelled';
    }
    return;
  }
  r.completed_at = out.now;
  if (out.completed && !out.failure) {
    if (turn) {
      turn.status = 'completed';
      turn.completed_at = out.now;
    }
    r.status = 'completed';
    r.turn_state = 'idle';
    return;
  }
  const message = turn?.error ?? out.failure ?? `codex exited with code ${out.exitCode ?? 'unknown'} before finishing the turn`;
  const kind: ErrorKind = turn?.error_kind ?? (out.failure ? classifyModelError(out.failure) : 'runner');
  if (turn) {
    turn.status = 'failed';
    turn.completed_at = out.now;
    turn.error = message;
    turn.error_kind = kind;
  }
  r.status = 'failed';
  r.error = message;
  r.error_kind = kind;
  r.turn_state = kind === 'context_window' ? 'context_limit' : 'idle';
}

export function contextUsedPct(t: Tokens | null): number | null {
  if (!t || t.last_context === null || !t.context_window) return null;
  return Math.round((t.last_context / t.context_window) * 1000) / 10;
}

export function relativeFiles(r: JobRecord): string[] {
  return r.files_modified.map((p) => {
    if (!isAbsolute(p)) return p;
    const rel = relative(r.cwd, p);
    return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? p : rel;
  });
}

function addFiles(r: JobRecord, paths: string[]): boolean {
  let changed = false;
  for (const p of paths) {
    if (!r.files_modified.includes(p)) {
      r.files_modified.push(p);
      changed = true;
    }
  }
  return changed;
}

function emptyTokens(): Tokens {
  return { input: 0, cached_input: 0, output: 0, reasoning_output: 0, last_context: null, context_window: null };
}
