import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  formatDuration
} from "./chunk-XCO3FMNT.js";
import {
  lastLines
} from "./chunk-ZSNYBF77.js";
import {
  pending
} from "./chunk-74XVLTZ3.js";
import {
  Waker
} from "./chunk-C6ITA7PZ.js";
import {
  reconcile
} from "./chunk-HC7AZ2XU.js";
import {
  contextUsedPct,
  currentTurn,
  isFinal,
  oneLine,
  relativeFiles
} from "./chunk-ZSL5RDRM.js";
import {
  EXIT,
  TimeoutError
} from "./chunk-4XPRIXJ7.js";

// src/jobs/next-turn.ts
function nextTurn(r, queued) {
  const turn = r.turns.find((t) => t.n > r.consumed_turns && t.status !== "running");
  if (turn) return { kind: "turn", turn, exitCode: turnExitCode(turn) };
  if (r.turn_state === "blocked") {
    const screen = lastLines(r.blocked_screen ?? "", 6);
    return { kind: "blocked", reason: `job ${r.id} is blocked: no turn started within ${r.startup_timeout_seconds}s; the screen shows: ${screen || "(nothing)"}` };
  }
  if (r.turn_state === "awaiting_approval") {
    return {
      kind: "blocked",
      reason: `job ${r.id} waits for a tool approval on its screen: \`codex-agent interrupt ${r.id}\` declines it, or answer it there (\`codex-agent attach ${r.id}\`); then await again`
    };
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

// src/jobs/await-many.ts
var FALLBACK_POLL_MS = 2e3;
var LIVENESS_EVERY_MS = 2e3;
var JobWatch = class {
  constructor(c, id) {
    this.c = c;
    this.id = id;
  }
  c;
  id;
  checkedAt = 0;
  /** The record as last seen. */
  record = null;
  async look() {
    const { c, id } = this;
    let queued = pending(c.store.layout, id).length;
    let r = c.store.read(id);
    let next = nextTurn(r, queued);
    if (next.kind === "wait" ? Date.now() - this.checkedAt >= LIVENESS_EVERY_MS : next.kind === "blocked" || next.kind === "idle") {
      this.checkedAt = Date.now();
      r = await reconcile(c, r);
      next = nextTurn(r, queued);
    }
    if (next.kind === "idle") {
      ({ r, queued } = c.store.locked(id, () => ({ queued: pending(c.store.layout, id).length, r: c.store.read(id) })));
      next = nextTurn(r, queued);
    }
    this.record = r;
    if (next.kind === "turn") return next;
    if (next.kind === "wait") return { kind: "wait" };
    const exitCode = next.kind === "ended" ? EXIT.jobEnded : next.kind === "blocked" ? EXIT.blocked : EXIT.idle;
    return { kind: "verdict", payload: { ...base(r), outcome: next.kind, exit_code: exitCode, turn: null, message: null, error: next.reason } };
  }
  /** Marks the turn read and reports it. */
  take(turn, exitCode) {
    const after = this.c.store.update(this.id, (d) => {
      d.consumed_turns = Math.max(d.consumed_turns, turn.n);
    });
    this.record = after;
    const outcome = turn.status === "completed" ? "completed" : turn.error_kind === "context_window" ? "context_limit" : turn.status;
    return {
      ...base(after),
      outcome,
      exit_code: exitCode,
      turn: turn.n,
      message: turn.last_message,
      error: turn.error === null ? null : `turn ${turn.n} ${turn.status}: ${turn.error}`
    };
  }
};
async function waitTurns(c, ids, opts) {
  const deadline = Date.now() + opts.timeoutMs;
  const waker = new Waker(ids.map((id) => c.store.layout.jobDir(id)));
  const watches = ids.map((id) => new JobWatch(c, id));
  const results = [];
  const settled = /* @__PURE__ */ new Set();
  const skipped = [];
  try {
    for (; ; ) {
      const open = watches.filter((w) => !settled.has(w.id));
      const looks = await Promise.all(open.map((w) => w.look()));
      const fresh = [];
      for (const [i, look] of looks.entries()) {
        const w = open[i];
        if (look.kind === "wait") continue;
        if (look.kind === "turn") {
          const p = w.take(look.turn, look.exitCode);
          if (opts.mode === "any") return { results: [p], timedOut: null };
          settled.add(w.id);
          results.push(p);
          opts.onResult?.(p);
        } else {
          settled.add(w.id);
          if (opts.mode === "any") fresh.push(look.payload);
          else {
            results.push(look.payload);
            opts.onResult?.(look.payload);
          }
        }
      }
      if (opts.mode === "any") {
        skipped.push(...fresh);
        if (settled.size === watches.length) {
          const first = ids.map((id) => skipped.find((p) => p.id === id)).find((p) => p !== void 0);
          for (const p of fresh) if (p !== first) opts.onSkip?.(p);
          return { results: [first], timedOut: null };
        }
        for (const p of fresh) opts.onSkip?.(p);
      } else if (settled.size === watches.length) {
        return { results, timedOut: null };
      }
      const waiting = watches.filter((w) => !settled.has(w.id)).map((w) => w.record);
      const left = deadline - Date.now();
      if (left <= 0) return { results, timedOut: waiting };
      opts.onWait?.(waiting);
      await waker.wait(Math.min(FALLBACK_POLL_MS, opts.tickMs ?? FALLBACK_POLL_MS, left));
    }
  } finally {
    waker.close();
  }
}
async function awaitTurn(c, id, timeoutMs, opts = {}) {
  const { results, timedOut } = await waitTurns(c, [id], { ...opts, mode: "any", timeoutMs });
  if (timedOut) throw new TimeoutError(`timed out after ${Math.round(timeoutMs / 1e3)}s waiting for a turn of job ${id}: ${describe(timedOut[0])}`);
  return results[0];
}
function timeoutMessage(timeoutMs, waiting) {
  const each = waiting.map((r) => `${r.id} (${describe(r)})`).join("; ");
  return `timed out after ${Math.round(timeoutMs / 1e3)}s; still waiting on ${waiting.length} job(s): ${each}`;
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
  const action = turn ? actionInTurn(r, turn) : null;
  if (action) parts.push(`last action: ${action}`);
  if (r.last_message) parts.push(`last message: ${oneLine(r.last_message, 120)}`);
  return parts.join(", ");
}
function actionInTurn(r, turn) {
  const a = r.last_action;
  return a && Date.parse(a.at) >= Date.parse(turn.started_at) ? a.text : null;
}

export {
  nextTurn,
  waitTurns,
  awaitTurn,
  timeoutMessage,
  describe,
  actionInTurn
};
