// Pure: what await-turn should do given the record. Turns are consumed one at a time, in order.
import { EXIT } from '../errors.js';
import type { JobRecord, TurnRecord } from '../store/record.js';
import { currentTurn, isFinal } from './lifecycle.js';
import { lastLines } from '../util/last-lines.js';

export type NextTurn =
  | { kind: 'turn'; turn: TurnRecord; exitCode: number }
  /** Final: no turn will ever come. */
  | { kind: 'ended'; reason: string }
  | { kind: 'blocked'; reason: string }
  /** Nothing runs or waits to run, and every turn was read: only a new message makes a turn. */
  | { kind: 'idle'; reason: string }
  | { kind: 'wait' };

/**
 * `r.runner` must be current (reconciled): a record whose runner is set means a live runner.
 * `queued` must be read before `r`, so a message taken by the runner shows as its turn.
 */
export function nextTurn(r: JobRecord, queued: number): NextTurn {
  const turn = r.turns.find((t) => t.n > r.consumed_turns && t.status !== 'running');
  if (turn) return { kind: 'turn', turn, exitCode: turnExitCode(turn) };
  if (r.turn_state === 'blocked') {
    const screen = lastLines(r.blocked_screen ?? '', 6);
    return { kind: 'blocked', reason: `job ${r.id} is blocked: no turn started within ${r.startup_timeout_seconds}s; the screen shows: ${screen || '(nothing)'}` };
  }
  if (r.turn_state === 'awaiting_approval') {
    // A person must answer the agent's dialog first: waiting would only run into the timeout.
    return {
      kind: 'blocked',
      reason: `job ${r.id} waits for a tool approval on its screen: \`codex-agent interrupt ${r.id}\` declines it, or answer it there (\`codex-agent attach ${r.id}\`); then await again`,
    };
  }
  if (isFinal(r)) {
    const how = r.status === 'cancelled' ? 'was cancelled' : 'has ended';
    return { kind: 'ended', reason: `job ${r.id} ${how}${r.end_reason ? `: ${r.end_reason}` : ''}; start a new job to go on` };
  }
  if (currentTurn(r) || r.status === 'pending') return { kind: 'wait' };
  if (r.runner !== null && (queued > 0 || r.turn_state === 'starting')) return { kind: 'wait' };
  const why = r.end_reason ?? r.error;
  if (queued > 0) {
    return { kind: 'idle', reason: `job ${r.id} has ${queued} queued message(s) but no runner${why ? ` (${why})` : ''}; send again to run them` };
  }
  return {
    kind: 'idle',
    reason: `job ${r.id} is idle (${r.status}${why ? `: ${why}` : ''}): no turn is running or queued and every turn was read; send a message to continue`,
  };
}

export function turnExitCode(t: TurnRecord): number {
  if (t.status === 'completed') return EXIT.ok;
  if (t.error_kind === 'context_window') return EXIT.contextLimit;
  return EXIT.jobEnded;
}
