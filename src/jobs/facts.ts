// Pure: one fold of neutral agent events into the job record, for both modes and every provider.
// A turn's start and end go through the lifecycle transitions; the rest are facts (answers,
// files, tokens, the thread).
import { isAbsolute, relative, sep } from 'node:path';
import type { AgentEvent, Usage } from '../providers/types.js';
import type { JobRecord, Tokens, TurnRecord } from '../store/record.js';
import { oneLine } from '../util/one-line.js';
import { beginTurn, closeTurn, currentTurn, isFinal, type TurnEnd } from './lifecycle.js';

/** The turn an event names; without a name, the running turn. An exec turn the runner began learns its name here. */
function turnOf(r: JobRecord, turnId: string | null): TurnRecord | undefined {
  const running = currentTurn(r);
  if (turnId === null) return running;
  return r.turns.find((t) => t.turn_id === turnId) ?? (running?.turn_id === null ? running : undefined);
}

function close(r: JobRecord, turnId: string | null, end: TurnEnd, now: string): boolean {
  const turn = turnOf(r, turnId);
  if (!turn || turn.status !== 'running') return false;
  closeTurn(r, turn, end, now);
  return true;
}

/** Applies one event. Returns true when the record changed. */
export function applyAgentEvent(r: JobRecord, ev: AgentEvent, now: string): boolean {
  switch (ev.kind) {
    case 'thread_started':
      if (r.thread_id !== null) return false;
      r.thread_id = ev.threadId;
      return true;
    case 'turn_started': {
      // A job that ended (kill, /quit) stays ended, whatever the agent still writes before it stops.
      if (isFinal(r) || (ev.turnId !== null && r.turns.some((t) => t.turn_id === ev.turnId))) return false;
      const window = ev.contextWindow ? setTokens(r, { contextWindow: ev.contextWindow }) : false;
      const running = currentTurn(r);
      if (running && running.turn_id === null) {
        // The runner began this turn when it gave the agent its message (exec): name it.
        if (ev.turnId === null) return window;
        running.turn_id = ev.turnId;
        return true;
      }
      // Exec turns begin with the runner's message; an interactive agent begins its own.
      if (r.mode === 'exec') return window;
      beginTurn(r, now, ev.turnId);
      return true;
    }
    case 'turn_completed':
      return close(r, ev.turnId, { status: 'completed', message: ev.message }, now);
    case 'turn_failed':
      return close(r, ev.turnId, { status: 'failed', error: ev.error, kind: ev.errorKind }, now);
    case 'turn_aborted':
      return close(r, ev.turnId, { status: 'aborted', reason: ev.reason }, now);
    case 'user_message':
      r.user_messages += 1;
      r.last_activity_at = now;
      return true;
    case 'agent_message': {
      r.last_message = ev.text;
      const turn = currentTurn(r);
      if (turn) turn.last_message = ev.text;
      return true;
    }
    case 'command_started':
      return setAction(r, `$ ${script(ev.command)}`, now);
    case 'command':
      return setAction(r, `$ ${script(ev.command)}${ev.exitCode !== null && ev.exitCode !== 0 ? ` (exit ${ev.exitCode})` : ''}`, now);
    case 'file_change': {
      const fresh = ev.changes.filter((c) => !r.files_modified.includes(c.path));
      const last = fresh[fresh.length - 1];
      if (last) setAction(r, `${last.kind} ${relativeTo(r.cwd, last.path)}`, now);
      return addFiles(r, ev.changes.map((c) => c.path));
    }
    case 'tokens':
      if (!ev.total && ev.lastContext === null && !ev.contextWindow) return false;
      return setTokens(r, { total: ev.total, lastContext: ev.lastContext, contextWindow: ev.contextWindow, perRun: ev.perRun === true });
    default:
      return false;
  }
}

/** The events that end a turn: the runner closes the turn at these, never at the agent's exit. */
export function endsTurn(ev: AgentEvent): boolean {
  return ev.kind === 'turn_completed' || ev.kind === 'turn_failed' || ev.kind === 'turn_aborted';
}

function setTokens(r: JobRecord, u: { total?: Usage | null; lastContext?: number | null; contextWindow?: number | null; perRun?: boolean }): boolean {
  const t: Tokens = r.tokens ?? { input: 0, cached_input: 0, output: 0, reasoning_output: 0, last_context: null, context_window: null };
  if (u.total && u.perRun) {
    // One run's usage (each run reports only its own): the thread's total is the sum.
    t.input += u.total.input;
    t.cached_input += u.total.cachedInput;
    t.output += u.total.output;
    t.reasoning_output += u.total.reasoningOutput;
  } else if (u.total) {
    t.input = u.total.input;
    t.cached_input = u.total.cachedInput;
    t.output = u.total.output;
    t.reasoning_output = u.total.reasoningOutput;
  }
  if (u.lastContext !== undefined && u.lastContext !== null) t.last_context = u.lastContext;
  if (u.contextWindow) t.context_window = u.contextWindow;
  r.tokens = t;
  return true;
}

export function contextUsedPct(t: Tokens | null): number | null {
  if (!t || t.last_context === null || !t.context_window) return null;
  return Math.round((t.last_context / t.context_window) * 1000) / 10;
}

export function relativeFiles(r: JobRecord): string[] {
  return r.files_modified.map((p) => relativeTo(r.cwd, p));
}

/** A path inside `cwd` relative to it; any other as it is. */
function relativeTo(cwd: string, p: string): string {
  if (!isAbsolute(p)) return p;
  const rel = relative(cwd, p);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? p : rel;
}

/** The script of a `bash -lc '<script>'` wrapper (how agents run commands), or the command as it is. */
function script(command: string): string {
  const m = /^(?:\/\S+\/)?(?:ba|z|da)?sh -l?c (.+)$/s.exec(command);
  if (!m) return command;
  const inner = m[1]!;
  return /^'[^']*'$/.test(inner) ? inner.slice(1, -1) : inner;
}

/** What the agent did last, for live status lines: one line, short. */
function setAction(r: JobRecord, text: string, now: string): boolean {
  r.last_action = { at: now, text: oneLine(text, 120) };
  return true;
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
