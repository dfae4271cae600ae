import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  killRefs,
  sleep,
  waitFor
} from "./chunk-H22OVSBO.js";
import {
  infrastructureLost,
  isFinal,
  killNoted,
  processesLost,
  processesStopped,
  runnerGone
} from "./chunk-ZSL5RDRM.js";
import {
  fromEarlierBoot,
  listProcesses,
  readNotes,
  refOf,
  refState,
  removeNotes
} from "./chunk-66JJZEQN.js";
import {
  Tmux
} from "./chunk-7SM3KLY2.js";
import {
  StateRootError
} from "./chunk-4XPRIXJ7.js";

// src/runner/agent-procs.ts
import { closeSync, openSync, readSync } from "node:fs";
var FIND_CHILD_MS = 1e4;
function agentMarker(id) {
  return { name: "CODEX_AGENT_JOB_ID", value: id, entry: `CODEX_AGENT_JOB_ID=${id}` };
}
function isScript(head) {
  return head.length >= 2 && head[0] === 35 && head[1] === 33;
}
function isLauncherScript(bin) {
  try {
    const fd = openSync(bin, "r");
    try {
      const head = Buffer.alloc(2);
      readSync(fd, head, 0, 2, 0);
      return isScript(head);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
async function findAgentChild(launcher, stillWanted) {
  const found = await waitFor(
    () => {
      if (!stillWanted()) return { ref: null };
      const child = listProcesses().find((p) => p.ppid === launcher.pid && !p.zombie);
      if (child) return { ref: { pid: child.pid, start: child.start } };
      return refOf(launcher.pid)?.start !== launcher.start ? { ref: null } : null;
    },
    { timeoutMs: FIND_CHILD_MS, intervalMs: 10, maxIntervalMs: 250, describe: () => `no child of launcher ${launcher.pid}` }
  ).catch(() => ({ ref: null }));
  return found.ref;
}
function trackAgent(bin, pid, onFound, stillWanted) {
  const launched = pid === void 0 ? null : refOf(pid);
  onFound(launched ? [launched] : []);
  if (!launched || !isLauncherScript(bin)) return;
  void findAgentChild(launched, stillWanted).then((child) => {
    if (child && stillWanted()) onFound([launched, child]);
  });
}
function exitDetail(name, res, launcherPid, agentPid, agentAliveAtExit, stderrTail = []) {
  const said = stderrTail.filter((l) => /^\s*(error\b|fatal\b|thread '.*' panicked)/i.test(l)).at(-1)?.trim().slice(0, 300);
  const because = said ? ` (${said})` : "";
  const who = agentPid !== void 0 ? `${name} (pid ${agentPid}, launcher ${launcherPid ?? "?"})` : `${name} (pid ${launcherPid ?? "?"})`;
  if (res.signal !== null) {
    return agentAliveAtExit ? `${name}'s launcher (pid ${launcherPid ?? "?"}) was killed by ${res.signal} and ${name} (pid ${agentPid}) then ended${because}` : `${who} was killed by ${res.signal}${because}`;
  }
  return `${who} exited with code ${res.exitCode ?? "unknown"}${because}`;
}

// src/jobs/reconcile.ts
import { constants } from "node:os";

// src/jobs/catch-up.ts
function sameRef(a, b) {
  return a !== null && b !== null && a.pid === b.pid && a.start === b.start;
}
function catchUp(d, notes, check, lost) {
  let r = d;
  const words = notes.words;
  const fromWords = lost !== null && words !== null && sameRef(d.runner, words.runner) && d.updated_at === words.base_updated_at ? check(words.record) : null;
  if (fromWords && fromWords.id === d.id) {
    r = fromWords;
    if (r.status !== "cancelled") r.end_reason = words.reason;
    if (sameRef(r.runner, words.runner)) processesLost(r, words.reason, "runner", words.at);
  }
  if (notes.kill) {
    killNoted(r, notes.kill.reason, notes.kill.at);
    processesStopped(r);
  } else if (r === d && lost) lost(r);
  return r === d ? void 0 : r;
}

// src/jobs/reconcile.ts
var START_GRACE_MS = 6e4;
var SECOND_LOOK_MS = 1e3;
function signalName(n) {
  const found = Object.entries(constants.signals).find(([, v]) => v === n);
  return found ? found[0] : `signal ${n}`;
}
function assess(r, o, nowMs) {
  const runner = r.runner;
  if (runner === null) {
    if (r.status === "pending" && nowMs - Date.parse(r.created_at) > START_GRACE_MS) {
      return { kind: "lost", cause: "runner", reason: "the runner never started", reap: o.liveAgents };
    }
    return { kind: "ok" };
  }
  const pane = o.pane;
  if (pane.kind === "unknown") {
    if (o.runner !== "gone") return { kind: "ok" };
    return { kind: "lost", cause: "runner", reason: `the runner (pid ${runner.pid}) is gone (tmux could not be asked: ${pane.why})`, reap: o.liveAgents };
  }
  const inPane = pane.kind === "running" && pane.pid === runner.pid;
  if (inPane && (o.runner === "running" || o.runner === "unverifiable")) return { kind: "ok" };
  const reap = [...o.runner === "running" ? [runner] : [], ...o.liveAgents];
  const what = `the runner (pid ${runner.pid})`;
  const orphans = o.liveAgents.length ? `; the agent (pid ${o.liveAgents.map((p) => p.pid).join(", ")}) still ran and was stopped` : "";
  if (o.runnerFromEarlierBoot) {
    return { kind: "lost", cause: "infrastructure", reason: `the machine restarted: ${what} and the agent are gone`, reap };
  }
  if (pane.kind === "no-server") {
    return { kind: "lost", cause: "infrastructure", reason: `the tmux server went away (killed, crashed or restarted): ${what} is gone${orphans}`, reap };
  }
  let why;
  if (pane.kind === "missing") why = `its tmux session ${r.tmux_session} was closed from outside and ${what} is gone`;
  else if (pane.kind === "dead" && pane.pid === runner.pid) {
    why = pane.signal !== null ? `${what} was killed by ${signalName(pane.signal)}` : pane.status !== null ? `${what} exited (status ${pane.status}) without closing the job` : `${what} died without closing the job`;
  } else if (pane.pid === runner.pid) why = `${what} died without closing the job`;
  else why = `${what} is gone (that pid is not the program of its tmux pane any more)`;
  return { kind: "lost", cause: "runner", reason: `${why}${orphans}`, reap };
}
function needsCheck(r) {
  return r.runner !== null || r.status === "pending";
}
function tmuxFor(ctx, r) {
  const socket = r.tmux_socket ?? void 0;
  return socket === ctx.tmux.socket ? ctx.tmux : new Tmux({ socket, bin: ctx.tmux.bin });
}
var PaneSnapshots = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  cache = /* @__PURE__ */ new Map();
  async pane(r) {
    const key = r.tmux_socket ?? "";
    let snap = this.cache.get(key);
    if (!snap) {
      snap = tmuxFor(this.ctx, r).panes();
      this.cache.set(key, snap);
    }
    let panes;
    try {
      panes = await snap;
    } catch (err) {
      return { kind: "unknown", why: err.message };
    }
    if (panes === null) return { kind: "no-server" };
    return panes.get(r.tmux_session) ?? { kind: "missing" };
  }
};
async function observe(r, panes) {
  return {
    runner: r.runner ? refState(r.runner) : null,
    runnerFromEarlierBoot: r.runner !== null && fromEarlierBoot(r.runner),
    pane: await panes.pane(r),
    liveAgents: r.agent_procs.filter((p) => refState(p) === "running")
  };
}
function applyVerdict(d, verdict) {
  const now = (/* @__PURE__ */ new Date()).toISOString();
  if (verdict.cause === "infrastructure") infrastructureLost(d, verdict.reason, now);
  else runnerGone(d, verdict.reason, now);
}
async function settle(ctx, r, panes, write) {
  if (!needsCheck(r) && isFinal(r)) return r;
  const notes = readNotes(ctx.store.layout.home, r.id);
  if (!needsCheck(r) && !notes.kill) return r;
  let verdict = { kind: "ok" };
  if (needsCheck(r)) {
    const first = await observe(r, panes);
    verdict = assess(r, first, Date.now());
    if (verdict.kind !== "ok" && first.runner === "running") {
      await sleep(SECOND_LOOK_MS);
      const fresh = ctx.store.read(r.id);
      verdict = assess(fresh, await observe(fresh, new PaneSnapshots(ctx)), Date.now());
      if (verdict.kind === "ok") return fresh;
    }
  }
  if (verdict.kind === "ok" && (r.runner !== null || !notes.kill)) return r;
  const lost = verdict.kind === "lost" ? (d) => applyVerdict(d, verdict) : null;
  const fix = (d) => catchUp(d, notes, (v) => ctx.store.check(v), lost) ?? d;
  if (!write) return fix(structuredClone(r));
  if (verdict.kind === "lost") await killRefs([...r.runner ? [r.runner] : [], ...r.agent_procs], { graceMs: 2e3, marker: agentMarker(r.id).entry });
  let caughtUp = false;
  try {
    const written = ctx.store.update(r.id, (d) => {
      if (d.runner?.pid !== r.runner?.pid || d.runner?.start !== r.runner?.start || d.status !== r.status) return;
      caughtUp = true;
      return fix(d);
    });
    if (caughtUp) removeNotes(ctx.store.layout.home, r.id);
    return written;
  } catch (err) {
    if (err instanceof StateRootError) return fix(structuredClone(r));
    throw err;
  }
}
async function reconcile(ctx, r) {
  return settle(ctx, r, new PaneSnapshots(ctx), true);
}
async function reconcileAll(ctx, records, opts = {}) {
  const panes = new PaneSnapshots(ctx);
  return Promise.all(records.map((r) => settle(ctx, r, panes, opts.write ?? true)));
}

export {
  agentMarker,
  trackAgent,
  exitDetail,
  tmuxFor,
  reconcile,
  reconcileAll
};
