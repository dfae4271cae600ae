import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  contextUsedPct,
  relativeFiles
} from "./chunk-PBA3URAW.js";

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
    error: r.error
  };
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
  formatDuration
};
