import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  listProcesses,
  pidsWithEnv,
  readProc,
  refStateOf
} from "./chunk-66JJZEQN.js";

// src/util/sleep.ts
import { setTimeout as delay } from "node:timers/promises";
function sleep(ms) {
  const wait = Number.isFinite(ms) && ms > 0 ? ms : 0;
  return delay(wait).then(() => void 0);
}

// src/util/wait.ts
var WaitTimeoutError = class extends Error {
  constructor(label, timeoutMs, observed) {
    super(`timed out after ${timeoutMs}ms waiting for ${label}; last observed: ${observed}`);
    this.label = label;
    this.timeoutMs = timeoutMs;
    this.observed = observed;
  }
  label;
  timeoutMs;
  observed;
  name = "WaitTimeoutError";
};
async function waitFor(check, opts) {
  const deadline = Date.now() + Math.max(0, opts.timeoutMs);
  const maxInterval = Math.max(1, opts.maxIntervalMs ?? 1e3);
  let interval = Math.min(Math.max(1, opts.intervalMs ?? 50), maxInterval);
  for (; ; ) {
    const value = await check();
    if (value !== void 0 && value !== null && value !== false) return value;
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    await (opts.pause ?? sleep)(Math.min(interval, remaining));
    interval = Math.min(interval * 1.5, maxInterval);
  }
  let observed;
  try {
    observed = await opts.describe();
  } catch (err) {
    observed = `(describe() failed: ${err instanceof Error ? err.message : String(err)})`;
  }
  throw new WaitTimeoutError(opts.label ?? "condition", opts.timeoutMs, observed);
}

// src/proc/tree.ts
var KILL_WAIT_MS = 2e3;
function walk(rows, root) {
  const children = /* @__PURE__ */ new Map();
  for (const r of rows) {
    if (r.zombie) continue;
    const list = children.get(r.ppid) ?? [];
    list.push(r.pid);
    children.set(r.ppid, list);
  }
  const seen = /* @__PURE__ */ new Set([root]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i]) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return queue.slice(1);
}
function descendants(pid) {
  return walk(listProcesses(), pid);
}
function checkRoot(root, self) {
  if (!Number.isInteger(root) || root <= 1 || root === self) {
    throw new RangeError(`refusing to kill process tree rooted at ${root}`);
  }
}
function planKill(rows, root, self = process.pid) {
  checkRoot(root, self);
  const set = /* @__PURE__ */ new Set([root, ...walk(rows, root)]);
  const rootRow = rows.find((r) => r.pid === root);
  const selfRow = rows.find((r) => r.pid === self);
  const group = rootRow !== void 0 && rootRow.pgid === root && selfRow?.pgid !== root;
  if (group) {
    for (const r of rows) if (r.pgid === root && !r.zombie) set.add(r.pid);
  }
  set.delete(self);
  return { pids: [...set].filter((p) => p > 1), groups: group ? [root] : [] };
}
function ticks(start) {
  if (start === void 0) return null;
  const cut = start.lastIndexOf("/");
  const at = Number(start.slice(cut + 1));
  return Number.isFinite(at) ? { boot: start.slice(0, cut), at } : null;
}
function planRefs(rows, refs, self = process.pid, marked = []) {
  const pids = /* @__PURE__ */ new Set();
  const groups = /* @__PURE__ */ new Set();
  const byPid = new Map(rows.map((r) => [r.pid, r]));
  for (const ref of refs) {
    if (ref.pid <= 1 || ref.pid === self) continue;
    const row = byPid.get(ref.pid);
    const state = refStateOf(ref, row ? { zombie: row.zombie, start: row.start ?? "" } : null);
    if (state === "running") {
      const plan = planKill(rows, ref.pid, self);
      plan.pids.forEach((p) => pids.add(p));
      plan.groups.forEach((g) => groups.add(g));
    }
    const own = ticks(ref.start ?? void 0);
    if (own === null || state === "unverifiable" || row !== void 0 && !row.zombie && state !== "running") continue;
    for (const r of rows) {
      const t = ticks(r.start);
      if (r.zombie || r.sid !== ref.pid || t === null || t.boot !== own.boot || t.at < own.at) continue;
      pids.add(r.pid);
      walk(rows, r.pid).forEach((p) => pids.add(p));
    }
  }
  const earliest = refs.map((r) => ticks(r.start ?? void 0)).filter((t) => t !== null).sort((a, b) => a.at - b.at)[0];
  for (const pid of marked) {
    const row = byPid.get(pid);
    const t = ticks(row?.start);
    if (!row || row.zombie || !earliest || t === null || t.boot !== earliest.boot || t.at < earliest.at) continue;
    pids.add(pid);
    walk(rows, pid).forEach((p) => pids.add(p));
  }
  pids.delete(self);
  return { pids: [...pids].filter((p) => p > 1), groups: [...groups] };
}
function stillRunning(pids) {
  return pids.filter((p) => {
    const info = readProc(p);
    return info !== null && !info.zombie;
  });
}
function send(pid, signal) {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
async function waitGone(pids, ms) {
  await waitFor(() => stillRunning(pids).length === 0, { timeoutMs: ms, intervalMs: 20, maxIntervalMs: 250, describe: () => "" }).catch(() => void 0);
  return stillRunning(pids);
}
async function execute(plan, opts) {
  const graceMs = opts.graceMs ?? 3e3;
  const signal = opts.signal ?? "SIGTERM";
  const signalled = plan.pids.filter((p) => send(p, signal));
  for (const g of plan.groups) send(-g, signal);
  const survivors = await waitGone(plan.pids, graceMs);
  if (survivors.length === 0) return { signalled, survivors, remaining: [] };
  const rows = listProcesses();
  const targets = new Set(survivors);
  for (const s of survivors) for (const d of walk(rows, s)) targets.add(d);
  targets.delete(process.pid);
  const list = [...targets].filter((p) => p > 1);
  for (const p of list) send(p, "SIGKILL");
  for (const g of plan.groups) send(-g, "SIGKILL");
  const remaining = await waitGone(list, KILL_WAIT_MS);
  return { signalled, survivors, remaining };
}
async function killRefs(refs, opts = {}) {
  if (refs.length === 0) return { signalled: [], survivors: [], remaining: [] };
  const plan = planRefs(listProcesses(), refs, process.pid, opts.marker ? pidsWithEnv(opts.marker) : []);
  if (plan.pids.length === 0) return { signalled: [], survivors: [], remaining: [] };
  return execute(plan, opts);
}

export {
  sleep,
  WaitTimeoutError,
  waitFor,
  descendants,
  stillRunning,
  killRefs
};
