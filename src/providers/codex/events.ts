// Pure: Codex's own records (exec events, rollout lines) as neutral agent events.
import type { ErrorKind } from '../../store/record.js';
import type { AgentEvent } from '../types.js';
import { classifyModelError, parseExecLine, type ExecEvent } from './exec-events.js';
import { parseRolloutLine, type RolloutEvent, type TurnError } from './rollout.js';

export function errorKindOf(e: TurnError): ErrorKind {
  if (e.code === 'context_window_exceeded') return 'context_window';
  if (e.httpStatus === 401 || e.httpStatus === 403) return 'unauthorized';
  if (e.code === 'internal_server_error' || (e.httpStatus !== undefined && e.httpStatus >= 500)) return 'server_error';
  return e.message ? classifyModelError(e.message) : 'other';
}

export function fromExecEvent(ev: ExecEvent): AgentEvent[] {
  switch (ev.kind) {
    case 'thread_started':
      return [{ kind: 'thread_started', threadId: ev.threadId }];
    case 'turn_started':
      return [{ kind: 'turn_started', turnId: null, contextWindow: null }];
    case 'agent_message':
      return [{ kind: 'agent_message', text: ev.text }];
    case 'command':
      return [{ kind: 'command', command: ev.command, exitCode: ev.exitCode, output: ev.output }];
    case 'file_change':
      return [{ kind: 'file_change', changes: ev.changes }];
    case 'item_started':
      return ev.command === undefined ? [] : [{ kind: 'command_started', command: ev.command }];
    case 'warning':
      return [{ kind: 'warning', message: ev.message }];
    case 'turn_completed':
      // exec reports the thread's running totals with the turn's end.
      return [
        { kind: 'tokens', total: ev.usage, lastContext: null, contextWindow: null },
        { kind: 'turn_completed', turnId: null, message: null },
      ];
    case 'turn_failed':
      return [{ kind: 'turn_failed', turnId: null, error: ev.message, errorKind: classifyModelError(ev.message) }];
    default:
      return [];
  }
}

export function fromRolloutEvent(ev: RolloutEvent): AgentEvent[] {
  switch (ev.kind) {
    case 'session_meta':
      return [{ kind: 'thread_started', threadId: ev.threadId }];
    case 'task_started':
      return [{ kind: 'turn_started', turnId: ev.turnId, contextWindow: ev.contextWindow }];
    case 'task_complete':
      return ev.error
        ? [{ kind: 'turn_failed', turnId: ev.turnId, error: ev.error.message ?? ev.error.code, errorKind: errorKindOf(ev.error) }]
        : [{ kind: 'turn_completed', turnId: ev.turnId, message: ev.lastAgentMessage }];
    case 'turn_aborted':
      return [{ kind: 'turn_aborted', turnId: ev.turnId, reason: ev.reason }];
    case 'token_count': {
      // Codex writes info-less counts at turn start and on retries, and all-zero totals now and
      // then: nothing to learn from them (zeros would hide the thread's real totals).
      const total = ev.total && ev.total.total > 0 ? ev.total : null;
      if (!total && !ev.last && !ev.contextWindow) return [];
      return [
        {
          kind: 'tokens',
          total: total && { input: total.input, cachedInput: total.cachedInput, output: total.output, reasoningOutput: total.reasoningOutput },
          lastContext: ev.last ? ev.last.total : null,
          contextWindow: ev.contextWindow,
        },
      ];
    }
    case 'command':
      return [{ kind: 'command', command: ev.command.join(' '), exitCode: ev.exitCode, output: ev.output }];
    case 'file_change':
      return [{ kind: 'file_change', changes: ev.changes }];
    case 'agent_message':
      return [{ kind: 'agent_message', text: ev.text }];
    case 'user_message':
      return [{ kind: 'user_message' }];
    default:
      return [];
  }
}

export function execLineEvents(line: string): AgentEvent[] {
  const ev = parseExecLine(line);
  return ev ? fromExecEvent(ev) : [];
}

export function rolloutLineEvents(line: string): AgentEvent[] {
  const ev = parseRolloutLine(line);
  return ev ? fromRolloutEvent(ev) : [];
}
