// A job's life, as named pure transitions over its record. Every writer (runners, commands,
// reconcile, hooks) changes status, turn_state, the running turn and the tracked processes only
// through these, under the job's lock.
//
// status:      pending → running → completed | failed | cancelled
// turn_state:  starting, working, awaiting_approval (the turn waits for a tool to be allowed),
//              idle (send starts the next turn), blocked, context_limit,
//              ended (final: the job takes no follow-up)
import type { ProcRef } from '../proc/identity.js';
import type { ErrorKind, JobRecord, TurnRecord } from '../store/record.js';

export function currentTurn(r: JobRecord): TurnRecord | undefined {
  const last = r.turns[r.turns.length - 1];
  return last?.status === 'running' ? last : undefined;
}

/** Final: cancelled, closed on purpose, or nothing to resume. No runner will run for it again. */
export function isFinal(r: JobRecord): boolean {
  return r.status === 'cancelled' || r.turn_state === 'ended';
}

/** Whether a new runner could pick the job up: it never ran a turn, or its thread exists. */
export function canResume(r: JobRecord): boolean {
  return r.turns.length === 0 || r.thread_id !== null;
}

/** The state to rest in once no process runs for the job. */
function restingState(r: JobRecord): JobRecord['turn_state'] {
  if (r.status === 'cancelled' || !canResume(r)) return 'ended';
  return r.turn_state === 'context_limit' ? 'context_limit' : 'idle';
}

/** The runner reported in: it is the job's process from now on. */
export function runnerStarted(r: JobRecord, runner: ProcRef, now: string): void {
  r.runner = runner;
  r.end_reason = null;
  if (r.mode === 'interactive') {
    // The agent's session is open from here: running, even before its first turn.
    r.status = 'running';
    r.started_at ??= now;
    r.turn_state = 'starting';
    r.blocked_screen = null;
    r.last_activity_at = now;
  } else if (r.turns.length === 0) {
    r.turn_state = 'starting';
  }
}

/** The agent's process was launched; `procs` are tracked until it exits, `argv` is what ran. */
export function agentLaunched(r: JobRecord, procs: ProcRef[], argv?: string[]): void {
  r.agent_procs = procs;
  r.exit_code = null;
  if (argv) r.agent_argv = argv;
}

/** One more process of the agent was found (the real program behind a launcher). */
export function agentProcFound(r: JobRecord, ref: ProcRef): void {
  if (!r.agent_procs.some((p) => p.pid === ref.pid)) r.agent_procs.push(ref);
}

export function beginTurn(r: JobRecord, now: string, turnId: string | null = null): TurnRecord {
  // A turn we never saw end (Codex killed mid-turn and resumed) is closed, not left running.
  const stale = currentTurn(r);
  if (stale) closeTurn(r, stale, { status: 'aborted', reason: 'superseded by a new turn' }, now);
  const turn: TurnRecord = {
    n: r.turns.length + 1,
    turn_id: turnId,
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
  r.blocked_screen = null;
  r.last_activity_at = now;
  return turn;
}

export type TurnEnd =
  | { status: 'completed'; message?: string | null }
  | { status: 'failed'; error: string; kind: ErrorKind }
  | { status: 'aborted'; reason: string };

/**
 * Closes a turn the moment the agent says it ended. An exec job's status follows its last turn;
 * an interactive job stays `running` while its agent is open. A context-window failure leaves
 * the job at `context_limit`.
 */
export function closeTurn(r: JobRecord, turn: TurnRecord, end: TurnEnd, now: string): void {
  if (turn.status !== 'running') return;
  turn.completed_at = now;
  r.last_activity_at = now;
  const exec = r.mode === 'exec';
  switch (end.status) {
    case 'completed':
      turn.status = 'completed';
      if (end.message !== undefined && end.message !== null) {
        turn.last_message = end.message;
        r.last_message = end.message;
      }
      r.turn_state = 'idle';
      if (exec) r.status = 'completed';
      break;
    case 'failed':
      turn.status = 'failed';
      turn.error = end.error;
      turn.error_kind = end.kind;
      r.error = end.error;
      r.error_kind = end.kind;
      r.turn_state = end.kind === 'context_window' ? 'context_limit' : 'idle';
      if (exec) r.status = 'failed';
      break;
    case 'aborted':
      turn.status = 'aborted';
      turn.error = end.reason;
      r.turn_state = 'idle';
      break;
  }
  if (exec) r.completed_at = now;
  if (r.status === 'cancelled') r.turn_state = 'ended';
  else if (!canResume(r)) {
    r.turn_state = 'ended';
    r.end_reason = 'the first turn ended before the agent started a thread; nothing to resume';
  }
}

export interface AgentExit {
  code: number | null;
  signal: string | null;
  /** Which process ended and how, in words ("codex (pid 812) was killed by SIGKILL"). */
  detail: string;
}

/** The agent's process exited. A turn it left running failed with how it ended (never stderr noise). */
export function agentExited(r: JobRecord, exit: AgentExit, now: string): void {
  r.exit_code = exit.code;
  r.agent_procs = [];
  const turn = currentTurn(r);
  if (!turn) return;
  // An open agent closed cleanly (interactive /quit) aborts its turn; anything else failed it.
  if (r.mode === 'interactive' && exit.code === 0 && exit.signal === null) closeTurn(r, turn, { status: 'aborted', reason: `${exit.detail} during the turn` }, now);
  else closeTurn(r, turn, { status: 'failed', error: `${exit.detail} before the turn finished`, kind: 'agent' }, now);
}

/** An exec runner leaves with nothing queued: no process stays, and `send` brings one back. */
export function runnerIdle(r: JobRecord): void {
  r.runner = null;
  r.agent_procs = [];
  r.turn_state = restingState(r);
}

/**
 * The job's process went away without closing it: the runner died (`runner`), the agent died
 * under it (`agent`), or the tmux server or the machine went (`infrastructure`). What ran failed
 * with that reason; the job stays resumable when it has a thread.
 */
export function processesLost(r: JobRecord, reason: string, kind: 'runner' | 'agent' | 'infrastructure', now: string): void {
  const turn = currentTurn(r);
  if (turn) closeTurn(r, turn, { status: 'failed', error: reason, kind }, now);
  if (r.status !== 'cancelled' && (turn || r.status === 'running' || r.status === 'pending')) {
    r.status = 'failed';
    r.error = reason;
    r.error_kind = kind;
    r.completed_at = now;
  }
  r.runner = null;
  r.agent_procs = [];
  r.end_reason = reason;
  r.turn_state = restingState(r);
}

export const runnerGone = (r: JobRecord, reason: string, now: string): void => processesLost(r, reason, 'runner', now);
export const agentGone = (r: JobRecord, reason: string, now: string): void => processesLost(r, reason, 'agent', now);
export const infrastructureLost = (r: JobRecord, reason: string, now: string): void => processesLost(r, reason, 'infrastructure', now);

/** `kill`: final. Marked before any signal, so a runner finishing meanwhile does not overwrite it. */
export function cancelledByUser(r: JobRecord, reason: string, now: string): void {
  r.status = 'cancelled';
  const turn = currentTurn(r);
  if (turn) closeTurn(r, turn, { status: 'aborted', reason }, now);
  r.completed_at = now;
  r.end_reason = reason;
  r.turn_state = 'ended';
}

/**
 * `kill` could not record its cancel (read-only or full state root) and left a note at `at`
 * before it signalled. The runner may have seen the agent die of those signals first and failed
 * the turn: a turn that failed at or after the kill was the user's to end, so it is aborted, and
 * the job error it set (beginTurn cleared the previous one) goes with it.
 */
export function killNoted(r: JobRecord, reason: string, at: string): void {
  if (isFinal(r)) return;
  const last = r.turns[r.turns.length - 1];
  if (last?.status === 'failed' && last.completed_at !== null && last.completed_at >= at) {
    last.status = 'aborted';
    last.error = reason;
    last.error_kind = null;
    r.error = null;
    r.error_kind = null;
  }
  cancelledByUser(r, reason, at);
}

/** The processes were ended (by kill): nothing of the job runs any more. */
export function processesStopped(r: JobRecord): void {
  r.runner = null;
  r.agent_procs = [];
}

/** No turn started in time after launch: a start-up screen holds the agent. */
export function blocked(r: JobRecord, screen: string): void {
  r.turn_state = 'blocked';
  r.blocked_screen = screen;
}

/** The running turn waits for the user to allow a tool: a message typed now would answer that question. */
export function approvalAsked(r: JobRecord, now: string): void {
  if (!currentTurn(r) || isFinal(r)) return;
  r.turn_state = 'awaiting_approval';
  r.last_activity_at = now;
}

/** The turn went on (the tool was allowed or declined): working again. A turn's end rests it on its own. */
export function approvalSettled(r: JobRecord): void {
  if (r.turn_state === 'awaiting_approval' && currentTurn(r)) r.turn_state = 'working';
}

/** Closed on purpose (`/quit`): final. */
export function ended(r: JobRecord, reason: string, now: string): void {
  const turn = currentTurn(r);
  if (turn) closeTurn(r, turn, { status: 'aborted', reason }, now);
  if (r.status === 'running' || r.status === 'pending') {
    r.status = 'completed';
    r.completed_at = now;
  }
  r.runner = null;
  r.agent_procs = [];
  r.end_reason = reason;
  r.turn_state = 'ended';
}

/** An idle interactive agent was closed after the inactivity timeout: nothing lost, `send` reopens its thread. */
export function closedIdle(r: JobRecord, reason: string, now: string): void {
  if (r.status === 'running') {
    r.status = 'completed';
    r.completed_at = now;
  }
  r.runner = null;
  r.agent_procs = [];
  r.end_reason = reason;
  r.turn_state = restingState(r);
}
