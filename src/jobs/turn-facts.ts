// Pure updates of a job record from what Codex reports (answers, files, tokens). The runner applies
// them under the job lock; how a turn ends goes through the lifecycle transitions.
import { isAbsolute, relative, sep } from 'node:path';
import { classifyModelError, type ExecEvent } from '../codex/exec-events.js';
import type { RolloutEvent } from '../codex/rollout.js';
import type { JobRecord, Tokens } from '../store/record.js';
import { currentTurn, type TurnEnd } from './lifecycle.js';

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

/** How an exec event ends the running turn, if it does: the turn ends when Codex says so, not at its exit. */
export function execTurnEnd(ev: ExecEvent): TurnEnd | null {
  if (ev.kind === 'turn_completed') return { status: 'completed' };
  if (ev.kind === 'turn_failed') return { status: 'failed', error: ev.message, kind: classifyModelError(ev.message) };
  return null;
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
