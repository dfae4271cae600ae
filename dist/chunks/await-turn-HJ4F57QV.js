import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  formatDuration
} from "./chunk-5SZMRB7J.js";
import {
  contextUsedPct,
  relativeFiles
} from "./chunk-PBA3URAW.js";
import {
  pending
} from "./chunk-UJEH54KD.js";
import {
  lastLines
} from "./chunk-ZSNYBF77.js";
import {
  Waker
} from "./chunk-C6ITA7PZ.js";
import {
  currentTurn,
  isFinal,
  reconcile
} from "./chunk-ZLQHJW7P.js";
import "./chunk-WMGFHZSN.js";
import {
  createContext
} from "./chunk-ASBKF7PN.js";
import "./chunk-YNL5WG5H.js";
import "./chunk-4MN46AMV.js";
import {
  emit
} from "./chunk-5ISQCS6K.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import {
  EXIT,
  TimeoutError
} from "./chunk-665DYP36.js";
import "./chunk-HANBNIMK.js";

// src/jobs/next-turn.ts
function nextTurn(r, queued) {
  const turn = r.turns.find((t) => t.n > r.consumed_turns && t.status !== "running");
  if (turn) return { kind: "turn", turn, exitCode: turnExitCode(turn) };
  if (r.turn_state === "blocked") {
    const screen = lastLines(r.blocked_screen ?? "", 6);
    return { kind: "blocked", reason: `job ${r.id} is blocked: no turn started within ${r.startup_timeout_seconds}s; the screen shows: ${screen || "(nothing)"}` };
  }
  if (isFinal(r)) {
    const how = r.status === "cancelled" ? "was cancelled" : "has ended";
    return { kind: "ended", reason: `job ${r.id} ${how}${r.end_reason ? `: ${r.end_reason}` : ""}; start a new job to go on` };
  }
  if (currentTurn(r) || r.status === "pending") return { kind: "wait" };
  if (r.runner !== null && (queued > 0 || r.turn_state === "starting")) return { kind: "wait" };
  const why = r.end_reason ?? r.error;
  if (queued > 0) {
    return { kind: "idle", reason: `job ${r.id} has ${queued} queued message(s) but no runner${why ? ` (${why})` : ""}; send again to run them` };
  }
  return {
    kind: "idle",
    reason: `job ${r.id} is idle (${r.status}${why ? `: ${why}` : ""}): no turn is running or queued and every turn was read; send a message to continue`
  };
}
function turnExitCode(t) {
  if (t.status === "completed") return EXIT.ok;
  if (t.error_kind === "context_window") return EXIT.contextLimit;
  return EXIT.jobEnded;
}

// src/commands/await-turn.ts
var FALLBACK_POLL_MS = 2e3;
var LIVENESS_EVERY_MS = 2e3;
async function awaitTurnCommand(ctx, idArg, opts) {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const payload = await awaitTurn(c, id, opts.timeout * 1e3);
  emit(opts.json, payload, (p) => p.message ?? (p.outcome === "completed" ? "(the turn ended without a message)" : ""));
  if (payload.exit_code !== EXIT.ok) {
    if (!opts.json) process.stderr.write(`codex-agent: ${payload.error}
`);
    process.exitCode = payload.exit_code;
  }
}
async function awaitTurn(c, id, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const waker = new Waker([c.store.layout.jobDir(id)]);
  let checkedAt = 0;
  try {
    for (; ; ) {
      let queued = pending(c.store.layout, id).length;
      let r = c.store.read(id);
      let next = nextTurn(r, queued);
      if (next.kind === "wait" ? Date.now() - checkedAt >= LIVENESS_EVERY_MS : next.kind === "blocked" || next.kind === "idle") {
        checkedAt = Date.now();
        r = await reconcile(c, r);
        next = nextTurn(r, queued);
      }
      if (next.kind === "idle") {
        ({ r, queued } = c.store.locked(id, () => ({ queued: pending(c.store.layout, id).length, r: c.store.read(id) })));
        next = nextTurn(r, queued);
      }
      if (next.kind === "turn") {
        const turn = next.turn;
        const after = c.store.update(id, (d) => {
          d.consumed_turns = Math.max(d.consumed_turns, turn.n);
        });
        const outcome = turn.status === "completed" ? "completed" : turn.error_kind === "context_window" ? "context_limit" : turn.status;
        return {
          ...base(after),
          outcome,
          exit_code: next.exitCode,
          turn: turn.n,
          message: turn.last_message,
          error: turn.error === null ? null : `turn ${turn.n} ${turn.status}: ${turn.error}`
        };
      }
      if (next.kind !== "wait") {
        const exitCode = next.kind === "ended" ? EXIT.jobEnded : next.kind === "blocked" ? EXIT.blocked : EXIT.idle;
        return { ...base(r), outcome: next.kind, exit_code: exitCode, turn: null, message: null, error: next.reason };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new TimeoutError(`timed out after ${Math.round(timeoutMs / 1e3)}s waiting for a turn of job ${id}: ${describe(r)}`);
      await waker.wait(Math.min(FALLBACK_POLL_MS, left));
    }
  } finally {
    waker.close();
  }
}
function base(r) {
  return {
    id: r.id,
    status: r.status,
    tokens: r.tokens ? { input: r.tokens.input, output: r.tokens.output, context_used_pct: contextUsedPct(r.tokens) } : null,
    files_modified: relativeFiles(r)
  };
}
function describe(r) {
  const turn = currentTurn(r);
  const parts = [`status ${r.status}`, `turn_state ${r.turn_state}`];
  if (turn) parts.push(`turn ${turn.n} running for ${formatDuration(Date.now() - Date.parse(turn.started_at))}`);
  if (r.last_message) parts.push(`last message: ${r.last_message.replace(/\s+/g, " ").slice(0, 120)}`);
  return parts.join(", ");
}
export {
  awaitTurn,
  awaitTurnCommand,
  createContext
};
