import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  describe
} from "./chunk-DHOPXCWF.js";
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
  currentTurn,
  isFinal
} from "./chunk-ZSL5RDRM.js";
import {
  EXIT,
  TimeoutError
} from "./chunk-4XPRIXJ7.js";

// src/jobs/follow-turns.ts
var POLL_MS = 1e3;
var LIVENESS_EVERY_MS = 2e3;
function finishedTurnsAfter(r, after) {
  return r.turns.filter((t) => t.n > after && t.status !== "running");
}
function doneState(r, queued) {
  const last = r.turns[r.turns.length - 1];
  const failedCode = last?.error_kind === "context_window" ? EXIT.contextLimit : EXIT.jobEnded;
  if (r.turn_state === "blocked") return { status: "blocked", exitCode: EXIT.blocked };
  if (r.status === "cancelled") return { status: "cancelled", exitCode: EXIT.jobEnded };
  if (!isFinal(r)) {
    if (r.status === "pending" || currentTurn(r)) return null;
    if (r.runner !== null && (r.mode === "interactive" || queued > 0 || r.turn_state === "starting")) return null;
  }
  if (r.status === "failed") return { status: "failed", exitCode: failedCode };
  if (r.mode === "exec") return { status: r.status, exitCode: r.status === "completed" ? EXIT.ok : EXIT.jobEnded };
  return { status: r.turn_state === "ended" ? "ended" : "closed", exitCode: EXIT.ok };
}
function followLine(ev) {
  return ev.type === "turn_complete" ? `CODEX_AGENT_TURN_COMPLETE=${ev.id}` : `CODEX_AGENT_DONE=${ev.id} status=${ev.status}`;
}
async function followTurns(c, id, opts) {
  const deadline = Date.now() + opts.timeoutMs;
  const waker = new Waker([c.store.layout.jobDir(id)]);
  let reported = opts.from;
  let checkedAt = 0;
  try {
    for (; ; ) {
      const queued = pending(c.store.layout, id).length;
      let r = c.store.read(id);
      if (Date.now() - checkedAt >= LIVENESS_EVERY_MS) {
        checkedAt = Date.now();
        r = await reconcile(c, r);
      }
      for (const t of finishedTurnsAfter(r, reported)) {
        opts.onEvent({ type: "turn_complete", id, turn: t.n, status: t.status });
        reported = t.n;
      }
      const done = doneState(r, queued);
      if (done) {
        opts.onEvent({ type: "done", id, status: done.status, exit_code: done.exitCode });
        return done.exitCode;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new TimeoutError(`timed out after ${Math.round(opts.timeoutMs / 1e3)}s following job ${id}: ${describe(r)}`);
      await waker.wait(Math.min(POLL_MS, left));
    }
  } finally {
    waker.close();
  }
}
function writeLine(line) {
  process.stdout.write(`${line}
`);
}

export {
  followLine,
  followTurns,
  writeLine
};
