import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  JobStore,
  NOT_THE_AGENT,
  isTerminal
} from "./chunk-66JJZEQN.js";
import {
  FILE_MODE,
  Tmux,
  childEnv,
  loadConfig,
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";

// src/util/ansi.ts
var STRING_SEQ = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g;
var CSI = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*(?:[\x40-\x7e]|$)/g;
var OTHER_ESC = /\x1b[\x20-\x2f]*[\x30-\x7e]/g;
var CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
function stripAnsi(text) {
  const noEscapes = text.replace(STRING_SEQ, "").replace(CSI, "").replace(OTHER_ESC, "");
  const lines = noEscapes.replace(/\r+\n/g, "\n").split("\n");
  return lines.map((line) => {
    if (!line.includes("\r")) return line;
    const parts = line.split("\r").filter((p) => p.length > 0);
    return parts[parts.length - 1] ?? "";
  }).join("\n").replace(CONTROL, "");
}
function cleanPaneText(text) {
  const out = [];
  let blanks = 0;
  for (const raw of stripAnsi(text).split("\n")) {
    const line = raw.replace(/[ \t]+$/, "");
    blanks = line === "" ? blanks + 1 : 0;
    if (blanks <= 2) out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

// src/util/one-line.ts
function cut(text, max) {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 2] ?? "") ? max - 2 : max - 1;
  return `${text.slice(0, end)}\u2026`;
}
function oneLine(text, max = Infinity) {
  const flat = stripAnsi(text.replace(/\s+/g, " ")).replace(/\s+/g, " ").trim();
  return cut(flat, max);
}

// src/jobs/lifecycle.ts
function currentTurn(r) {
  const last = r.turns[r.turns.length - 1];
  return last?.status === "running" ? last : void 0;
}
function isFinal(r) {
  return r.status === "cancelled" || r.turn_state === "ended";
}
function canResume(r) {
  return r.turns.length === 0 || r.thread_id !== null;
}
function restingState(r) {
  if (r.status === "cancelled" || !canResume(r)) return "ended";
  return r.turn_state === "context_limit" ? "context_limit" : "idle";
}
function runnerStarted(r, runner, now) {
  r.runner = runner;
  r.end_reason = null;
  if (r.mode === "interactive") {
    r.status = "running";
    r.started_at ??= now;
    r.turn_state = "starting";
    r.blocked_screen = null;
    r.last_activity_at = now;
  } else if (r.turns.length === 0) {
    r.turn_state = "starting";
  }
}
function agentLaunched(r, procs, argv) {
  r.agent_procs = procs;
  r.exit_code = null;
  if (argv) r.agent_argv = argv;
}
function beginTurn(r, now, turnId = null) {
  const stale = currentTurn(r);
  if (stale) closeTurn(r, stale, { status: "aborted", reason: "superseded by a new turn" }, now);
  const turn = {
    n: r.turns.length + 1,
    turn_id: turnId,
    status: "running",
    started_at: now,
    completed_at: null,
    last_message: null,
    error: null,
    error_kind: null
  };
  r.turns.push(turn);
  r.status = "running";
  r.turn_state = "working";
  r.started_at ??= now;
  r.completed_at = null;
  r.error = null;
  r.error_kind = null;
  r.end_reason = null;
  r.blocked_screen = null;
  r.last_activity_at = now;
  return turn;
}
function closeTurn(r, turn, end, now) {
  if (turn.status !== "running") return;
  turn.completed_at = now;
  r.last_activity_at = now;
  const exec = r.mode === "exec";
  switch (end.status) {
    case "completed":
      turn.status = "completed";
      if (end.message !== void 0 && end.message !== null) {
        turn.last_message = end.message;
        r.last_message = end.message;
      }
      r.turn_state = "idle";
      if (exec) r.status = "completed";
      break;
    case "failed":
      turn.status = "failed";
      turn.error = end.error;
      turn.error_kind = end.kind;
      r.error = end.error;
      r.error_kind = end.kind;
      r.turn_state = end.kind === "context_window" ? "context_limit" : "idle";
      if (exec) r.status = "failed";
      break;
    case "aborted":
      turn.status = "aborted";
      turn.error = end.reason;
      r.turn_state = "idle";
      break;
  }
  if (exec) r.completed_at = now;
  if (r.status === "cancelled") r.turn_state = "ended";
  else if (!canResume(r)) {
    r.turn_state = "ended";
    r.end_reason = "the first turn ended before the agent started a thread; nothing to resume";
  }
}
function agentExited(r, exit, now) {
  r.exit_code = exit.code;
  r.agent_procs = [];
  const turn = currentTurn(r);
  if (!turn) return;
  if (r.mode === "interactive" && exit.code === 0 && exit.signal === null) closeTurn(r, turn, { status: "aborted", reason: `${exit.detail} during the turn` }, now);
  else closeTurn(r, turn, { status: "failed", error: `${exit.detail} before the turn finished`, kind: "agent" }, now);
}
function runnerIdle(r) {
  r.runner = null;
  r.agent_procs = [];
  r.turn_state = restingState(r);
}
function processesLost(r, reason, kind, now) {
  const turn = currentTurn(r);
  if (turn) closeTurn(r, turn, { status: "failed", error: reason, kind }, now);
  if (r.status !== "cancelled" && (turn || r.status === "running" || r.status === "pending")) {
    r.status = "failed";
    r.error = reason;
    r.error_kind = kind;
    r.completed_at = now;
  }
  r.runner = null;
  r.agent_procs = [];
  r.end_reason = reason;
  r.turn_state = restingState(r);
}
var runnerGone = (r, reason, now) => processesLost(r, reason, "runner", now);
var agentGone = (r, reason, now) => processesLost(r, reason, "agent", now);
var infrastructureLost = (r, reason, now) => processesLost(r, reason, "infrastructure", now);
function cancelledByUser(r, reason, now) {
  r.status = "cancelled";
  const turn = currentTurn(r);
  if (turn) closeTurn(r, turn, { status: "aborted", reason }, now);
  r.completed_at = now;
  r.end_reason = reason;
  r.turn_state = "ended";
}
function killNoted(r, reason, at) {
  if (isFinal(r)) return;
  const last = r.turns[r.turns.length - 1];
  if (last?.status === "failed" && last.completed_at !== null && last.completed_at >= at) {
    last.status = "aborted";
    last.error = reason;
    last.error_kind = null;
    r.error = null;
    r.error_kind = null;
  }
  cancelledByUser(r, reason, at);
}
function processesStopped(r) {
  r.runner = null;
  r.agent_procs = [];
}
function blocked(r, screen) {
  r.turn_state = "blocked";
  r.blocked_screen = screen;
}
function approvalAsked(r, now) {
  if (!currentTurn(r) || isFinal(r)) return;
  r.turn_state = "awaiting_approval";
  r.last_activity_at = now;
}
function approvalSettled(r) {
  if (r.turn_state === "awaiting_approval" && currentTurn(r)) r.turn_state = "working";
}
function ended(r, reason, now) {
  const turn = currentTurn(r);
  if (turn) closeTurn(r, turn, { status: "aborted", reason }, now);
  if (r.status === "running" || r.status === "pending") {
    r.status = "completed";
    r.completed_at = now;
  }
  r.runner = null;
  r.agent_procs = [];
  r.end_reason = reason;
  r.turn_state = "ended";
}
function closedIdle(r, reason, now) {
  if (r.status === "running") {
    r.status = "completed";
    r.completed_at = now;
  }
  r.runner = null;
  r.agent_procs = [];
  r.end_reason = reason;
  r.turn_state = restingState(r);
}

// src/jobs/notify-command.ts
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, writeSync } from "node:fs";
import { isAbsolute } from "node:path";
function notifyRun(r, home) {
  if (!r.notify_on_complete) return null;
  const error = r.status === "failed" ? r.error ?? r.end_reason ?? "" : r.status === "cancelled" ? r.end_reason ?? "" : "";
  return { id: r.id, status: r.status, error, command: r.notify_on_complete, cwd: r.cwd, home };
}
function notifyEnv(base, run) {
  const [markName, markValue] = NOT_THE_AGENT.split("=");
  return {
    ...childEnv(base),
    CODEX_AGENT_HOME: run.home,
    CODEX_AGENT_JOB_ID: run.id,
    CODEX_AGENT_STATUS: run.status,
    CODEX_AGENT_ERROR: run.error,
    [markName]: markValue
  };
}
function userShell(env, exists = existsSync) {
  const shell = env.SHELL?.trim();
  return shell && isAbsolute(shell) && exists(shell) ? shell : "/bin/sh";
}
function startNotifyCommand(run, baseEnv, logPath) {
  const fd = openSync(logPath, "a", FILE_MODE);
  try {
    writeSync(fd, `[${(/* @__PURE__ */ new Date()).toISOString()}] job ${run.id} ${run.status}: ${run.command}
`);
    const child = spawn("/bin/sh", ["-c", '"$@" &', "sh", userShell(baseEnv), "-c", run.command], {
      cwd: existsSync(run.cwd) ? run.cwd : run.home,
      env: notifyEnv(baseEnv, run),
      detached: true,
      stdio: ["ignore", fd, fd]
    });
    child.on("error", () => void 0);
    child.unref();
  } finally {
    closeSync(fd);
  }
}

// src/jobs/facts.ts
import { isAbsolute as isAbsolute2, relative, sep } from "node:path";
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
    case "command_started":
      return setAction(r, `$ ${script(ev.command)}`, now);
    case "command":
      return setAction(r, `$ ${script(ev.command)}${ev.exitCode !== null && ev.exitCode !== 0 ? ` (exit ${ev.exitCode})` : ""}`, now);
    case "file_change": {
      const fresh = ev.changes.filter((c) => !r.files_modified.includes(c.path));
      const last = fresh[fresh.length - 1];
      if (last) setAction(r, `${last.kind} ${relativeTo(r.cwd, last.path)}`, now);
      return addFiles(r, ev.changes.map((c) => c.path));
    }
    case "tokens":
      if (!ev.total && ev.lastContext === null && !ev.contextWindow) return false;
      return setTokens(r, { total: ev.total, lastContext: ev.lastContext, contextWindow: ev.contextWindow, perRun: ev.perRun === true });
    default:
      return false;
  }
}
function endsTurn(ev) {
  return ev.kind === "turn_completed" || ev.kind === "turn_failed" || ev.kind === "turn_aborted";
}
function setTokens(r, u) {
  const t = r.tokens ?? { input: 0, cached_input: 0, output: 0, reasoning_output: 0, last_context: null, context_window: null };
  if (u.total && u.perRun) {
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
  return r.files_modified.map((p) => relativeTo(r.cwd, p));
}
function relativeTo(cwd, p) {
  if (!isAbsolute2(p)) return p;
  const rel = relative(cwd, p);
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute2(rel) ? p : rel;
}
function script(command) {
  const m = /^(?:\/\S+\/)?(?:ba|z|da)?sh -l?c (.+)$/s.exec(command);
  if (!m) return command;
  const inner = m[1];
  return /^'[^']*'$/.test(inner) ? inner.slice(1, -1) : inner;
}
function setAction(r, text, now) {
  r.last_action = { at: now, text: oneLine(text, 120) };
  return true;
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

// src/jobs/turn-signal.ts
function closedTurn(before, next) {
  for (let i = next.turns.length - 1; i >= 0; i--) {
    const t = next.turns[i];
    if (t.status === "running") continue;
    const was = before.turns.find((b) => b.n === t.n);
    if (!was || was.status === "running") return t;
  }
  return null;
}
function turnSignal(r, t) {
  return {
    id: r.id,
    turn: t.n,
    status: t.status,
    job_status: r.status,
    last_message: t.last_message,
    error: t.error,
    error_kind: t.error_kind,
    completed_at: t.completed_at,
    tokens: r.tokens ? { input: r.tokens.input, output: r.tokens.output, context_used_pct: contextUsedPct(r.tokens) } : null
  };
}
function writeTurnSignal(layout, r, t) {
  writeFileAtomic(layout.turnSignalPath(r.id), `${JSON.stringify(turnSignal(r, t))}
`);
}

// src/jobs/job-effects.ts
function runEnded(before, next) {
  return !isTerminal(before.status) && isTerminal(next.status);
}
function jobEffects(env) {
  return (before, next, layout) => {
    const turn = closedTurn(before, next);
    if (turn) {
      try {
        writeTurnSignal(layout, next, turn);
      } catch {
      }
    }
    if (!runEnded(before, next)) return;
    const run = notifyRun(next, layout.home);
    if (!run) return;
    next.notify_runs = (next.notify_runs ?? 0) + 1;
    return () => {
      try {
        startNotifyCommand(run, env, layout.notifyLog(next.id));
      } catch {
      }
    };
  };
}

// src/context.ts
function createContext(env = process.env) {
  const config = loadConfig(env);
  return { config, store: new JobStore(config.home, jobEffects(env)), tmux: new Tmux({ socket: config.tmuxSocket }), env };
}
function sessionName(id) {
  return `codex-agent-${id}`;
}

export {
  cleanPaneText,
  cut,
  oneLine,
  currentTurn,
  isFinal,
  runnerStarted,
  agentLaunched,
  beginTurn,
  agentExited,
  runnerIdle,
  processesLost,
  runnerGone,
  agentGone,
  infrastructureLost,
  cancelledByUser,
  killNoted,
  processesStopped,
  blocked,
  approvalAsked,
  approvalSettled,
  ended,
  closedIdle,
  applyAgentEvent,
  endsTurn,
  contextUsedPct,
  relativeFiles,
  createContext,
  sessionName
};
