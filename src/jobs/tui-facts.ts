// Pure updates of an interactive job's record from its own thread's rollout records. The rollout is
// the ground truth: turns started, completed, failed and aborted, tokens, files and answers.
import { classifyModelError } from '../codex/exec-events.js';
import type { RolloutEvent, TurnError } from '../codex/rollout.js';
import type { ErrorKind, JobRecord, TurnRecord } from '../store/record.js';
import { beginTurn, closeTurn, currentTurn, isFinal } from './lifecycle.js';
import { applyExecEvent, applyRolloutEvent } from './turn-facts.js';

export function errorKindOf(e: TurnError): ErrorKind {
  if (e.code === 'context_window_exceeded') return 'context_window';
  if (e.httpStatus === 401 || e.httpStatus === 403) return 'unauthorized';
  if (e.code === 'internal_server_error' || (e.httpStatus !== undefined && e.httpStatus >= 500)) return 'server_error';
  return e.message ? classifyModelError(e.message) : 'other';
}

/** The turn a record names; only a record that names none (an abort) means the running one. */
function turnById(r: JobRecord, turnId: string | null): TurnRecord | undefined {
  if (turnId) return r.turns.find((t) => t.turn_id === turnId);
  return currentTurn(r);
}

/** Applies one rollout record of the job's thread. Returns true when the record changed. */
export function applyTuiEvent(r: JobRecord, ev: RolloutEvent, now: string): boolean {
  switch (ev.kind) {
    case 'task_started': {
      // A job that ended (kill, /quit) stays ended, whatever Codex still writes before it stops.
      if (isFinal(r) || r.turns.some((t) => t.turn_id === ev.turnId)) return false;
      beginTurn(r, now, ev.turnId);
      applyRolloutEvent(r, ev);
      return true;
    }
    case 'task_complete': {
      const turn = turnById(r, ev.turnId);
      if (!turn || turn.status !== 'running') return false;
      if (ev.error) {
        closeTurn(r, turn, { status: 'failed', error: ev.error.message ?? ev.error.code, kind: errorKindOf(ev.error) }, now);
      } else {
        closeTurn(r, turn, { status: 'completed', message: ev.lastAgentMessage }, now);
      }
      return true;
    }
    case 'turn_aborted': {
      const turn = turnById(r, ev.turnId);
      if (!turn || turn.status !== 'running') return false;
      closeTurn(r, turn, { status: 'aborted', reason: ev.reason }, now);
      return true;
    }
    case 'user_message':
      r.user_messages += 1;
      r.last_activity_at = now;
      return true;
    case 'agent_message':
      return applyExecEvent(r, { kind: 'agent_message', text: ev.text });
    case 'file_change':
      return applyExecEvent(r, { kind: 'file_change', changes: ev.changes });
    case 'token_count':
      return applyRolloutEvent(r, ev);
    case 'session_meta':
      if (r.thread_id) return false;
      r.thread_id = ev.threadId;
      return true;
    default:
      return false;
  }
}
