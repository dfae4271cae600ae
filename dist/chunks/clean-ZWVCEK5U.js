import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  stopJob
} from "./chunk-HC6Q5T6I.js";
import "./chunk-5B66HU4K.js";
import "./chunk-KRKK3LCE.js";
import "./chunk-47DRQ2ZK.js";
import "./chunk-3COV7G5I.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-C6ITA7PZ.js";
import {
  reconcile
} from "./chunk-UGPL5WF7.js";
import "./chunk-HDI4USPI.js";
import {
  createContext,
  currentTurn,
  isFinal
} from "./chunk-KGTEZIFD.js";
import {
  isJobId
} from "./chunk-JFBBWCKX.js";
import "./chunk-DA3Y2OMY.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-ZF63F73U.js";
import "./chunk-HANBNIMK.js";

// src/commands/clean.ts
async function cleanCommand(ctx, opts) {
  const c = ctx();
  const cutoff = Date.now() - (opts.days ?? 7) * 864e5;
  const removed = [];
  const kept = [];
  const corrupt = [];
  for (const id of c.store.allIds()) {
    let r;
    try {
      r = c.store.tryRead(id);
    } catch {
      corrupt.push(id);
      continue;
    }
    if (!r) continue;
    r = await reconcile(c, r);
    if (currentTurn(r) || r.runner !== null || r.status === "pending") continue;
    if (Date.parse(r.completed_at ?? r.created_at) > cutoff) continue;
    if (!isFinal(r) && !opts.includeIdle) {
      kept.push(id);
      continue;
    }
    await stopJob(c, id, "cleaned");
    removed.push(id);
  }
  c.store.deleteMany(removed);
  const closed = [];
  for (const s of await c.tmux.listSessions()) {
    if (!s.name.startsWith("codex-agent-")) continue;
    const id = s.name.slice("codex-agent-".length);
    let orphan = !isJobId(id);
    if (!orphan) {
      try {
        const r = c.store.tryRead(id);
        orphan = r === null || r.status === "cancelled" && r.runner === null;
      } catch {
        orphan = false;
      }
    }
    if (orphan && await c.tmux.killSession(s.name)) closed.push(s.name);
  }
  emit(
    opts.json,
    { removed_jobs: removed, kept_idle_jobs: kept, closed_sessions: closed, unreadable_jobs: corrupt },
    (p) => [
      `Removed ${p.removed_jobs.length} ended job(s); closed ${p.closed_sessions.length} orphaned session(s).`,
      ...p.kept_idle_jobs.length ? [`Kept ${p.kept_idle_jobs.length} idle job(s) that send could still continue (--include-idle removes them).`] : [],
      ...p.unreadable_jobs.map((id) => `kept ${id}: its record is corrupt (inspect it by hand)`)
    ].join("\n")
  );
}
export {
  cleanCommand,
  createContext
};
