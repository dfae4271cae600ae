// The public shapes of a job: the full view (`status --json`, and the text renderings) and the
// lean entry of `jobs --json`, the army at a glance, which a general reads after every await and
// so pays for in context on every loop.
import type { JobRecord } from '../store/record.js';
import { cut, oneLine } from '../util/one-line.js';
import { DEFAULT_PROVIDER } from '../vocabulary.js';
import { contextUsedPct, relativeFiles } from './facts.js';

export interface JobView {
  id: string;
  status: JobRecord['status'];
  mode: JobRecord['mode'];
  /** The agent CLI behind the job. */
  provider: string;
  turn_state: JobRecord['turn_state'];
  turns: number;
  prompt: string;
  model: string | null;
  reasoning: string | null;
  sandbox: string;
  cwd: string;
  thread_id: string | null;
  elapsed_ms: number;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  tokens: { input: number; output: number; context_window: number | null; context_used_pct: number | null } | null;
  files_modified: string[];
  summary: string | null;
  error: string | null;
  /** The Claude session (the general) that started the job, or null. */
  parent_session: string | null;
}

export function jobView(r: JobRecord, nowMs: number = Date.now()): JobView {
  const from = Date.parse(r.started_at ?? r.created_at);
  const to = r.completed_at ? Date.parse(r.completed_at) : nowMs;
  return {
    id: r.id,
    status: r.status,
    mode: r.mode,
    provider: r.provider,
    turn_state: r.turn_state,
    turns: r.turns.length,
    prompt: r.prompt_head.slice(0, 100),
    model: r.model,
    reasoning: r.reasoning,
    sandbox: r.sandbox,
    cwd: r.cwd,
    thread_id: r.thread_id,
    elapsed_ms: Math.max(0, to - from),
    created_at: r.created_at,
    started_at: r.started_at,
    completed_at: r.completed_at,
    tokens: r.tokens
      ? {
          input: r.tokens.input,
          output: r.tokens.output,
          context_window: r.tokens.context_window,
          context_used_pct: contextUsedPct(r.tokens),
        }
      : null,
    files_modified: relativeFiles(r),
    summary: r.last_message === null ? null : r.last_message.slice(0, 500),
    error: r.error,
    parent_session: r.parent_session,
  };
}

/**
 * One job in `jobs --json`. What the general needs to steer: state, progress (tokens, files) and
 * the gist of the last answer. What it set itself (prompt, mode, model, sandbox, folder) and what
 * `status --json` details (thread, times, turn log) are left out.
 */
export interface JobListEntry {
  id: string;
  status: JobRecord['status'];
  turn_state: JobRecord['turn_state'];
  turns: number;
  elapsed_ms: number;
  tokens: { input: number; output: number; context_used_pct: number | null } | null;
  files_modified: string[];
  /**
   * The last answer on one line: up to SUMMARY_UNREAD characters while no await-turn has returned
   * it, SUMMARY_READ once one has (the general has the whole text already); `…` ends a cut one.
   */
  summary: string | null;
  /** The whole answer's length on one line: more than `summary`'s means the summary was cut. */
  answer_chars: number | null;
  error: string | null;
  parent_session: string | null;
  /** Set only for a provider other than the default one: a mixed fleet shows which is which, a Codex-only one pays nothing. */
  provider?: string;
}

export const SUMMARY_UNREAD = 160;
export const SUMMARY_READ = 40;

export function jobListEntry(r: JobRecord, nowMs: number = Date.now()): JobListEntry {
  const v = jobView(r, nowMs);
  const answer = r.last_message === null ? null : oneLine(r.last_message);
  return {
    id: v.id,
    status: v.status,
    turn_state: v.turn_state,
    turns: v.turns,
    elapsed_ms: v.elapsed_ms,
    tokens: v.tokens && { input: v.tokens.input, output: v.tokens.output, context_used_pct: v.tokens.context_used_pct },
    files_modified: v.files_modified,
    summary: answer === null ? null : cut(answer, answerRead(r) ? SUMMARY_READ : SUMMARY_UNREAD),
    answer_chars: answer === null ? null : answer.length,
    error: v.error,
    parent_session: v.parent_session,
    ...(r.provider !== DEFAULT_PROVIDER ? { provider: r.provider } : {}),
  };
}

/** Whether an await-turn has returned the job's newest finished turn (its answer was read). */
export function answerRead(r: JobRecord): boolean {
  const finished = r.turns.filter((t) => t.status !== 'running');
  const last = finished[finished.length - 1];
  return last !== undefined && last.n <= r.consumed_turns;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
