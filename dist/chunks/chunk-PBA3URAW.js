import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  beginTurn,
  closeTurn,
  currentTurn,
  isFinal
} from "./chunk-ZLQHJW7P.js";

// src/jobs/facts.ts
import { isAbsolute, relative, sep } from "node:path";
function turnOf(r, turnId) {
  const running = currentTurn(r);
  if (turnId === null) return running;
  return r.turns.find((t) => t.turn_id === turnId) ?? (running?.turn_id === null ? running : void 0);
}
function close(r, turnId, end, now) {
  const turn = turnOf(r, turnId);
  if (!turn || turn.status !== "running") return false;
  closeTurn(r, turn, end, now);
  return true;
}
function applyAgentEvent(r, ev, now) {
  switch (ev.kind) {
    case "thread_started":
      if (r.thread_id !== null) return false;
      r.thread_id = ev.threadId;
      return true;
    case "turn_started": {
      if (isFinal(r) || ev.turnId !== null && r.turns.some((t) => t.turn_id === ev.turnId)) return false;
      const window = ev.contextWindow ? setTokens(r, { contextWindow: ev.contextWindow }) : false;
      const running = currentTurn(r);
      if (running && running.turn_id === null) {
        if (ev.turnId === null) return window;
        running.turn_id = ev.turnId;
        return true;
      }
      if (r.mode === "exec") return window;
      beginTurn(r, now, ev.turnId);
      return true;
    }
    case "turn_completed":
      return close(r, ev.turnId, { status: "completed", message: ev.message }, now);
    case "turn_failed":
      return close(r, ev.turnId, { status: "failed", error: ev.error, kind: ev.errorKind }, now);
    case "turn_aborted":
      return close(r, ev.turnId, { status: "aborted", reason: ev.reason }, now);
    case "user_message":
      r.user_messages += 1;
      r.last_activity_at = now;
      return true;
    case "agent_message": {
      r.last_message = ev.text;
      const turn = currentTurn(r);
      if (turn) turn.last_message = ev.text;
      return true;
    }
    case "file_change":
      return addFiles(r, ev.changes.map((c) => c.path));
    case "tokens":
      if (!ev.total && ev.lastContext === null && !ev.contextWindow) return false;
      return setTokens(r, { total: ev.total, lastContext: ev.lastContext, contextWindow: ev.contextWindow });
    default:
      return false;
  }
}
function endsTurn(ev) {
  return ev.kind === "turn_completed" || ev.kind === "turn_failed" || ev.kind === "turn_aborted";
}
function setTokens(r, u) {
  const t = r.tokens ?? { input: 0, cached_input: 0, output: 0, reasoning_output: 0, last_context: null, context_window: null };
  if (u.total) {
    t.input = u.total.input;
    t.cached_input = u.total.cachedInput;
    t.output = u.total.output;
    t.reasoning_output = u.total.reasoningOutput;
  }
  if (u.lastContext !== void 0 && u.lastContext !== null) t.last_context = u.lastContext;
  if (u.contextWindow) t.context_window = u.contextWindow;
  r.tokens = t;
  return true;
}
function contextUsedPct(t) {
  if (!t || t.last_context === null || !t.context_window) return null;
  return Math.round(t.last_context / t.context_window * 1e3) / 10;
}
function relativeFiles(r) {
  return r.files_modified.map((p) => {
    if (!isAbsolute(p)) return p;
    const rel = relative(r.cwd, p);
    return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? p : rel;
  });
}
function addFiles(r, paths) {
  let changed = false;
  for (const p of paths) {
    if (!r.files_modified.includes(p)) {
      r.files_modified.push(p);
      changed = true;
    }
  }
  return changed;
}

export {
  applyAgentEvent,
  endsTurn,
  contextUsedPct,
  relativeFiles
};
