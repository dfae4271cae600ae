import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  stopJob
} from "./chunk-HSGAVLBL.js";
import "./chunk-ECQADHDE.js";
import "./chunk-DUHJPF4X.js";
import "./chunk-2MRD3TQ6.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-C6ITA7PZ.js";
import {
  reconcile
} from "./chunk-HC7AZ2XU.js";
import "./chunk-H22OVSBO.js";
import {
  createContext,
  currentTurn,
  isFinal
} from "./chunk-ZSL5RDRM.js";
import {
  isJobId
} from "./chunk-66JJZEQN.js";
import "./chunk-7SM3KLY2.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/util/tmux-socket.ts
import { lstatSync, unlinkSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
var PROBE_MS = 2e3;
function tmuxSocketPath(name, env = process.env) {
  const uid = process.getuid?.();
  if (uid === void 0) return null;
  return join(env.TMUX_TMPDIR || "/tmp", `tmux-${uid}`, name);
}
function probeSocket(path, timeoutMs = PROBE_MS) {
  return new Promise((resolve) => {
    const s = connect({ path });
    const done = (state) => {
      clearTimeout(timer);
      s.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => done("unknown"), timeoutMs);
    s.once("connect", () => done("live"));
    s.once("error", (err) => done(err.code === "ECONNREFUSED" ? "dead" : err.code === "ENOENT" ? "none" : "unknown"));
  });
}
function lstat(path) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
async function removeDeadSocket(path) {
  const before = lstat(path);
  if (!before?.isSocket() || before.uid !== process.getuid?.()) return false;
  if (await probeSocket(path) !== "dead") return false;
  const now = lstat(path);
  if (!now || now.ino !== before.ino || now.dev !== before.dev) return false;
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

// src/commands/clean.ts
async function cleanCommand(ctx, opts) {
  const c = ctx();
  c.store.assertWritable("clean removed nothing");
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
  const unfinished = c.store.removeStaleCreates();
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
  const socketFile = c.tmux.socket === void 0 ? null : tmuxSocketPath(c.tmux.socket, c.env);
  const removedSocket = socketFile !== null && await removeDeadSocket(socketFile) ? socketFile : null;
  emit(
    opts.json,
    { removed_jobs: removed, kept_idle_jobs: kept, closed_sessions: closed, unreadable_jobs: corrupt, removed_socket: removedSocket, removed_unfinished_creates: unfinished },
    (p) => [
      `Removed ${p.removed_jobs.length} ended job(s); closed ${p.closed_sessions.length} orphaned session(s).`,
      ...p.kept_idle_jobs.length ? [`Kept ${p.kept_idle_jobs.length} idle job(s) that send could still continue (--include-idle removes them).`] : [],
      ...p.unreadable_jobs.map((id) => `kept ${id}: its record is corrupt (inspect it, or delete ${id} --force)`),
      ...p.removed_unfinished_creates ? [`Removed ${p.removed_unfinished_creates} folder(s) of job creates that never finished.`] : [],
      ...p.removed_socket ? [`Removed the dead tmux socket file ${p.removed_socket} (no server answered on it).`] : []
    ].join("\n")
  );
}
export {
  cleanCommand,
  createContext
};
