// Pure: what await-turn should do given the record. Turns are consumed one at a time, in order.
import { EXIT } from '../errors.js';
import type { JobRecord, TurnRecord } from '../store/record.js';
import { currentTurn } from './turn-facts.js';

export type NextTurn =
  | { kind: 'turn'; turn: TurnRecord; exitCode: number }
  | { kind: 'ended'; reason: string }
  | { kind: 'blocked'; reason: string }
  | { kind: 'wait' };

export function nextTurn(r: JobRecord, queued: number): NextTurn {
  const turn = r.turns.find((t) => t.n > r.consumed_turns && t.status !== 'running');
  if (turn) return { kind: 'turn', turn, exitCode: turnExitCode(turn) };
  if (r.turn_state === 'blocked') {
    const screen = (r.blocked_screen ?? '').split('\n').filter((l) => l.trim()).slice(-6).join(' | ');
    return { kind: 'blocked', reason: `job ${r.id} is blocked: no turn started within ${r.startup_timeout_seconds}s; the screen shows: ${screen || '(nothing)'}` };
  }
  if (r.status === 'cancelled') return { kind: 'ended', reason: `job ${r.id} was cancelled${r.end_reason ? `: ${r.end_reason}` : ''}` };
  const runnerGone = r.runner_pid === null && r.status !== 'pending';
  if (runnerGone && !currentTurn(r) && queued === 0) {
    const why = r.end_reason ?? r.error ?? 'runner closed';
    return { kind: 'ended', reason: `job ${r.id} is ${r.status} with no turn pending (${why}); send a message to continue it` };
  }
  return { kind: 'wait' };
}

export function turnExitCode(t: TurnRecord): number {
  if (t.status === 'completed') return EXIT.ok;
  if (t.error_kind === 'context_window') return EXIT.contextLimit;
  return EXIT.jobEnded;
}
