import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  contextUsedPct,
  cut,
  oneLine,
  relativeFiles
} from "./chunk-ZSL5RDRM.js";
import {
  DEFAULT_PROVIDER
} from "./chunk-GJCWKZOD.js";

// src/jobs/view.ts
function jobView(r, nowMs = Date.now()) {
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
    tokens: r.tokens ? {
      input: r.tokens.input,
      output: r.tokens.output,
      context_window: r.tokens.context_window,
      context_used_pct: contextUsedPct(r.tokens)
    } : null,
    files_modified: relativeFiles(r),
    summary: r.last_message === null ? null : r.last_message.slice(0, 500),
    error: r.error,
    parent_session: r.parent_session
  };
}
var SUMMARY_UNREAD = 160;
var SUMMARY_READ = 40;
function jobListEntry(r, nowMs = Date.now()) {
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
    ...r.provider !== DEFAULT_PROVIDER ? { provider: r.provider } : {}
  };
}
function answerRead(r) {
  const finished = r.turns.filter((t) => t.status !== "running");
  const last = finished[finished.length - 1];
  return last !== void 0 && last.n <= r.consumed_turns;
}
function formatDuration(ms) {
  const s = Math.round(ms / 1e3);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

export {
  jobView,
  jobListEntry,
  formatDuration
};
