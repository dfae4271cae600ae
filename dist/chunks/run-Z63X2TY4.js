import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isQuitMessage
} from "./chunk-OASDAWPI.js";
import {
  pasteAllowanceMs,
  quitAgent,
  screenText,
  submitText
} from "./chunk-5B66HU4K.js";
import "./chunk-KRKK3LCE.js";
import {
  takeJobEnv
} from "./chunk-EDLCDCFL.js";
import {
  cliEntry,
  getProvider
} from "./chunk-3COV7G5I.js";
import {
  execa
} from "./chunk-L4BQNJLZ.js";
import {
  lastLines
} from "./chunk-ZSNYBF77.js";
import {
  pending,
  readQueued,
  removeQueued
} from "./chunk-5AGGKBDV.js";
import {
  Waker
} from "./chunk-C6ITA7PZ.js";
import {
  agentMarker,
  exitDetail,
  tmuxFor,
  trackAgent
} from "./chunk-UGPL5WF7.js";
import {
  descendants,
  killRefs
} from "./chunk-HDI4USPI.js";
import {
  agentExited,
  agentGone,
  agentLaunched,
  applyAgentEvent,
  beginTurn,
  blocked,
  closedIdle,
  contextUsedPct,
  createContext,
  currentTurn,
  ended,
  endsTurn,
  isFinal,
  processesLost,
  processesStopped,
  runnerGone,
  runnerIdle,
  runnerStarted
} from "./chunk-KGTEZIFD.js";
import {
  isJobId,
  refState,
  selfRef
} from "./chunk-JFBBWCKX.js";
import {
  childEnv,
  readIfExists,
  writeFileAtomic
} from "./chunk-DA3Y2OMY.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import {
  UsageError
} from "./chunk-ZF63F73U.js";
import "./chunk-HANBNIMK.js";

// src/runner/exec-runner.ts
import { appendFileSync } from "node:fs";

// src/runner/exec-turn.ts
import { createInterface } from "node:readline";
function startExecTurn(bin, args, opts, handlers) {
  const child = execa(bin, args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    input: opts.input,
    reject: false,
    buffer: false,
    // Its own process group, so kill can end Codex and everything it spawned together.
    detached: true,
    stdout: "pipe",
    stderr: "pipe"
  });
  const stderrTail = [];
  const outDone = new Promise((resolve) => {
    const rl = createInterface({ input: child.stdout });
    rl.on("line", (line) => {
      if (line.trim() !== "") handlers.onLine(line, handlers.parse(line));
    });
    rl.on("close", resolve);
  });
  const errDone = new Promise((resolve) => {
    const rl = createInterface({ input: child.stderr });
    rl.on("line", (line) => {
      if (!line.trim()) return;
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
      handlers.onStderr(line);
    });
    rl.on("close", resolve);
  });
  const exited = new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  const done = (async () => {
    const result = await child;
    await Promise.all([outDone, errDone]);
    return { exitCode: result.exitCode ?? null, signal: result.signal ?? null, stderrTail };
  })();
  return { pid: child.pid, exited, done };
}

// src/runner/pane.ts
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
var Pane = class {
  constructor(logPath, out = process.stdout) {
    this.out = out;
    this.fd = openSync(logPath, "a", 384);
  }
  out;
  fd;
  line(text) {
    const data = `${text}
`;
    this.out.write(data);
    writeSync(this.fd, data);
  }
  close() {
    closeSync(this.fd);
  }
};
function takeReplay(layout, id) {
  const path = layout.replayPath(id);
  const text = readIfExists(path);
  if (text !== null) rmSync(path, { force: true });
  return text;
}

// src/runner/progress.ts
var MAX = 400;
function progressLine(ev) {
  switch (ev.kind) {
    case "thread_started":
      return `  thread ${ev.threadId}`;
    case "command_started":
      return `  $ ${clip(ev.command)}`;
    case "command":
      return `  $ ${clip(ev.command)}  (exit ${ev.exitCode ?? "?"})${ev.output.trim() ? `
${indent(clip(ev.output.trim(), 1200))}` : ""}`;
    case "file_change":
      return ev.changes.map((c) => `  \u270E ${c.kind} ${c.path}`).join("\n");
    case "agent_message":
      return `  \xBB ${indent(ev.text, "    ").trimStart()}`;
    case "warning":
      return `  ! ${clip(ev.message)}`;
    case "tokens":
      return ev.total ? `  tokens: input ${ev.total.input}, output ${ev.total.output}` : null;
    case "turn_failed":
      return `  \u2717 ${clip(ev.error)}`;
    default:
      return null;
  }
}
function clip(text, max = MAX) {
  return text.length > max ? `${text.slice(0, max)}\u2026` : text;
}
function indent(text, pad = "    ") {
  return text.split("\n").map((l) => pad + l).join("\n");
}

// src/runner/stopped.ts
function stopCause(sig, session, panes) {
  if (panes === null) return { kind: "infrastructure", reason: `the tmux server went away (the runner got ${sig})` };
  if (panes !== void 0 && !panes.has(session)) return { kind: "runner", reason: `the tmux session ${session} was closed from outside (the runner got ${sig})` };
  return { kind: "runner", reason: `the runner was stopped by ${sig}` };
}
async function recordStop(ctx, id, sig) {
  const r = ctx.store.read(id);
  const panes = await tmuxFor(ctx, r).panes().catch(() => void 0);
  const cause = stopCause(sig, r.tmux_session, panes);
  ctx.store.update(id, (d) => {
    if (d.status === "cancelled") processesStopped(d);
    else processesLost(d, cause.reason, cause.kind, (/* @__PURE__ */ new Date()).toISOString());
  });
}

// src/runner/exec-runner.ts
var now = () => (/* @__PURE__ */ new Date()).toISOString();
var ROLLOUT_POLL_MS = 1e3;
async function runExecJob(ctx, id) {
  const { store } = ctx;
  const layout = store.layout;
  const env = takeJobEnv(layout, id) ?? childEnv(process.env);
  const provider = await getProvider(store.read(id).provider, env);
  const replay = takeReplay(layout, id);
  if (replay) process.stdout.write(replay);
  const pane = new Pane(layout.paneLog(id));
  let agent = [];
  let stopping = false;
  let stopped = null;
  const onSignal = (sig) => {
    if (stopping) return;
    stopping = true;
    stopped = (async () => {
      await killRefs(agent, { graceMs: 2e3, marker: agentMarker(id).entry }).catch(() => void 0);
      await recordStop(ctx, id, sig).catch(() => void 0);
      process.exit(1);
    })();
  };
  for (const sig of ["SIGHUP", "SIGTERM", "SIGINT"]) process.on(sig, onSignal);
  const record = store.update(id, (r) => runnerStarted(r, selfRef(), now()));
  pane.line(`codex-agent job ${id} \xB7 exec \xB7 ${record.sandbox} \xB7 ${record.cwd}`);
  let closing = `nothing queued; the runner leaves (send ${id} "..." continues the thread)`;
  for (; ; ) {
    const work = takeWork(store, id);
    if (work.kind === "quit") closing = "closed by /quit; the job takes no more follow-ups";
    if (work.kind === "stop") closing = "the job ended";
    if (work.kind !== "turn") break;
    await runTurn(store, id, work.message, { provider, env, pane, track: (refs) => agent = refs, stopping: () => stopping });
    agent = [];
    if (stopped) return stopped;
  }
  pane.line(`codex-agent: ${closing}`);
  pane.close();
  return 0;
}
function takeWork(store, id) {
  let work = { kind: "none" };
  store.update(id, (r) => {
    if (isFinal(r)) {
      processesStopped(r);
      work = { kind: "stop" };
      return;
    }
    if (r.turns.length === 0) {
      work = { kind: "turn", message: store.readPrompt(id) };
      beginTurn(r, now());
      return;
    }
    const next = pending(store.layout, id)[0];
    if (next === void 0) {
      runnerIdle(r);
      return;
    }
    const message = readQueued(store.layout, id, next);
    removeQueued(store.layout, id, next);
    if (isQuitMessage(message)) {
      ended(r, "closed by /quit", now());
      work = { kind: "quit" };
      return;
    }
    beginTurn(r, now());
    work = { kind: "turn", message };
  });
  return work;
}
async function runTurn(store, id, message, io) {
  const { provider } = io;
  const layout = store.layout;
  const started = store.read(id);
  const n = started.turns.length;
  const home = provider.home(io.env);
  io.pane.line(`\u25B6 turn ${n}: ${message.split("\n")[0].slice(0, 160)}`);
  const args = provider.execArgs({ sandbox: started.sandbox, cwd: started.cwd, model: started.model, reasoning: started.reasoning, threadId: started.thread_id });
  const end = started.thread_id ? provider.sessionEnd(home, started.thread_id) : null;
  let follower = started.thread_id ? provider.follow(home, started.thread_id, end?.path, end?.size ?? 0) : null;
  let closed = false;
  let running = true;
  const apply = (events) => {
    if (events.length === 0) return;
    store.update(id, (r) => {
      const at = now();
      for (const ev of events) applyAgentEvent(r, ev, at);
    });
  };
  const marker = agentMarker(id);
  const run = startExecTurn(started.agent_bin, args, { cwd: started.cwd, env: { ...io.env, [marker.name]: marker.value }, input: message }, {
    parse: (line) => provider.parseExecLine(line),
    onLine(raw, events) {
      if (raw.startsWith("{")) appendFileSync(layout.eventsLog(id), `${raw}
`, { mode: 384 });
      for (const ev of events) {
        const line = progressLine(ev);
        if (line) io.pane.line(line);
        if (ev.kind === "thread_started" && !follower) follower = provider.follow(home, ev.threadId);
      }
      if (closed || !events.some(endsTurn)) {
        apply(events);
        return;
      }
      closed = true;
      const all = [...follower?.readNew() ?? [], ...events];
      const preview = structuredClone(store.read(id));
      for (const ev of all) applyAgentEvent(preview, ev, now());
      io.pane.line(turnEndLine(preview, n, id));
      apply(all);
    },
    onStderr(line) {
      io.pane.line(`  [${provider.name}] ${line.slice(0, 400)}`);
    }
  });
  trackAgent(
    started.agent_bin,
    run.pid,
    (refs2) => {
      io.track(refs2);
      store.update(id, (r) => agentLaunched(r, refs2, [started.agent_bin, ...args]));
    },
    () => running
  );
  let stopPolling = () => void 0;
  const poller = (async () => {
    while (running) {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, ROLLOUT_POLL_MS);
        stopPolling = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (!running || closed || !follower) continue;
      try {
        apply(follower.readNew());
      } catch {
      }
    }
  })();
  let agentAliveAtExit = false;
  void run.exited.then(() => {
    const refs2 = store.read(id).agent_procs;
    agentAliveAtExit = refs2.length > 1 && refState(refs2[1]) === "running";
  });
  const result = await run.done;
  running = false;
  stopPolling();
  await poller;
  if (io.stopping()) return;
  const refs = store.read(id).agent_procs;
  await killRefs(refs, { graceMs: 2e3, marker: marker.entry }).catch(() => void 0);
  const detail = exitDetail(provider.label.toLowerCase(), result, run.pid, refs[1]?.pid, agentAliveAtExit, result.stderrTail);
  if (!closed) io.pane.line(`\u2717 turn ${n} failed: ${detail} before the turn finished`);
  const tail = closed || !follower ? [] : follower.readNew();
  store.update(id, (r) => {
    const at = now();
    for (const ev of tail) applyAgentEvent(r, ev, at);
    agentExited(r, { code: result.exitCode, signal: result.signal, detail }, at);
  });
}
function turnEndLine(r, n, id) {
  const turn = r.turns[n - 1];
  if (r.status === "cancelled") return `\u25A0 turn ${n} cancelled`;
  if (turn?.status === "completed") {
    const pct = contextUsedPct(r.tokens);
    return `\u2713 turn ${n} completed${pct !== null ? ` \xB7 context ${pct}% used` : ""}
  follow up: codex-agent send ${id} "..."`;
  }
  return `\u2717 turn ${n} failed: ${turn?.error ?? "unknown error"}`;
}

// src/runner/interactive-finish.ts
function finishInteractive(r, exit, how, now3) {
  agentExited(r, exit, now3);
  if (r.status === "cancelled") processesStopped(r);
  else if (how.closing) closedIdle(r, how.closing, now3);
  else if (exit.code === 0 && exit.signal === null) ended(r, "the agent was closed (/quit)", now3);
  else agentGone(r, `${exit.detail}; the screen shows: ${how.screenTail}`, now3);
}

// src/runner/interactive-runner.ts
var now2 = () => (/* @__PURE__ */ new Date()).toISOString();
var POLL_MS = 1e3;
var PANE_LOG_EVERY_MS = 2e3;
var BLOCKED_RECHECK_MS = 5e3;
var QUIT_GRACE_MS = 8e3;
var PASTE_RETRY_MS = 1e4;
var InteractiveRun = class {
  constructor(ctx, id, provider, env, launch) {
    this.ctx = ctx;
    this.id = id;
    this.provider = provider;
    this.env = env;
    this.launch = launch;
    this.promptPasted = launch.promptByArgv;
    this.waker = new Waker([ctx.store.layout.jobDir(id)]);
    this.marker = agentMarker(id);
  }
  ctx;
  id;
  provider;
  env;
  launch;
  follower = null;
  agent = [];
  exited = false;
  agentAliveAtExit = false;
  lastPaneLog = 0;
  lastBlockedCheck = 0;
  promptPasted;
  pastedAt = 0;
  /** Set when the runner closes an idle agent: why. */
  closing = null;
  launchedAt = Date.now();
  waker;
  marker;
  get session() {
    return this.launch.record.tmux_session;
  }
  /** Starts the agent in this pane (its terminal is ours) and tracks its processes. */
  start() {
    const { record, args } = this.launch;
    const child = execa(record.agent_bin, args, {
      cwd: record.cwd,
      env: { ...this.env, CODEX_AGENT_HOME: this.ctx.config.home, [this.marker.name]: this.marker.value },
      extendEnv: false,
      stdio: "inherit",
      reject: false
    });
    const shown = [record.agent_bin, ...args.map((a) => a === this.launch.prompt ? "<prompt>" : a)];
    trackAgent(
      record.agent_bin,
      child.pid,
      (refs) => {
        this.agent = refs;
        this.ctx.store.update(this.id, (r) => agentLaunched(r, refs, shown));
      },
      () => !this.exited
    );
    void child.then(() => {
      this.exited = true;
      this.agentAliveAtExit = this.agent.length > 1 && refState(this.agent[1]) === "running";
      this.waker.poke();
    });
    return child;
  }
  get isExited() {
    return this.exited;
  }
  /** Ends the agent and all it started (a signal stops the runner, or it would not quit). */
  async endAgent() {
    await killRefs(this.agent, { graceMs: 2e3, marker: this.marker.entry }).catch(() => void 0);
  }
  /** One look at everything; false once the job is final and the loop should stop. */
  async step(pid) {
    let record = this.ctx.store.read(this.id);
    if (isFinal(record)) return false;
    if (!this.follower) record = await this.discoverSession(pid, record) ?? record;
    record = this.followSession() ?? record;
    await this.deliverPrompt(record);
    record = await this.checkBlocked(record) ?? record;
    await this.closeIfIdle(record);
    if (Date.now() - this.lastPaneLog > PANE_LOG_EVERY_MS) {
      this.lastPaneLog = Date.now();
      await this.savePaneLog();
    }
    return true;
  }
  wait() {
    return this.waker.wait(POLL_MS);
  }
  /** The job's own session record: the one the agent's processes write, not another job's. */
  async discoverSession(pid, record) {
    const { launch, provider } = this;
    const found = await provider.findSession({
      pids: [pid, ...descendants(pid)],
      home: provider.home(this.env),
      cwd: record.cwd,
      prompt: launch.prompt,
      launchedAtMs: this.launchedAt,
      taken: threadsOfOtherJobs(this.ctx, this.id),
      resume: launch.resume
    });
    if (!found) return null;
    const offset = launch.resumeEnd?.path === found.path ? launch.resumeEnd.size : 0;
    this.follower = provider.follow(provider.home(this.env), found.threadId, found.path, offset);
    this.waker.watch(found.path);
    return this.ctx.store.update(this.id, (r) => void applyAgentEvent(r, { kind: "thread_started", threadId: found.threadId }, now2()));
  }
  followSession() {
    const events = this.follower?.readNew() ?? [];
    return events.length > 0 ? this.apply(events) : null;
  }
  apply(events) {
    const at = now2();
    return this.ctx.store.update(this.id, (r) => void events.forEach((ev) => applyAgentEvent(r, ev, at)));
  }
  /** A prompt too long for argv goes in by paste, once the composer is on screen; Enter once more if it did not take. */
  async deliverPrompt(record) {
    const { prompt } = this.launch;
    const tmux = this.ctx.tmux;
    if (!this.promptPasted && prompt !== null && this.provider.screen.composerReady(await screenText(this.ctx, this.session))) {
      await submitText(tmux, this.session, prompt, this.ctx.store.layout.jobDir(this.id), this.provider.keys.afterPaste(prompt)).catch(() => void 0);
      this.promptPasted = true;
      this.pastedAt = Date.now();
    } else if (this.pastedAt && prompt !== null && record.turns.length === this.launch.record.turns.length && Date.now() - this.pastedAt > PASTE_RETRY_MS + pasteAllowanceMs(prompt)) {
      await tmux.sendKeys(this.session, ["Enter"]).catch(() => void 0);
      this.pastedAt = 0;
    }
  }
  noTurnYet(record) {
    return record.turns.length === this.launch.record.turns.length && this.launch.prompt !== null;
  }
  /** No turn started in time after launch: whatever holds the agent is on screen. */
  async checkBlocked(record) {
    const pasting = this.launch.prompt !== null && !this.launch.promptByArgv ? pasteAllowanceMs(this.launch.prompt) : 0;
    const due = Date.now() - this.launchedAt > record.startup_timeout_seconds * 1e3 + pasting && Date.now() - this.lastBlockedCheck > BLOCKED_RECHECK_MS;
    if (!this.noTurnYet(record) || !due) return null;
    this.lastBlockedCheck = Date.now();
    const screen = await screenText(this.ctx, this.session);
    const launched = this.launch.record.turns.length;
    return this.ctx.store.update(this.id, (r) => {
      if (r.turns.length === launched) blocked(r, screen);
    });
  }
  /** An agent idle past the inactivity timeout is quit the way a person would, and ended if it will not go. */
  async closeIfIdle(record) {
    if (currentTurn(record) || this.noTurnYet(record) || this.closing || record.turn_state === "blocked") return;
    const idleSince = Date.parse(record.last_activity_at ?? record.started_at ?? record.created_at);
    if (Date.now() - idleSince <= record.inactivity_timeout_minutes * 6e4) return;
    this.closing = `no activity for ${record.inactivity_timeout_minutes} min; agent closed (send reopens its thread)`;
    await quitAgent(this.ctx, this.provider, this.session, this.id);
    setTimeout(() => {
      if (!this.exited) void this.endAgent();
    }, QUIT_GRACE_MS).unref();
  }
  async savePaneLog() {
    try {
      const text = await this.ctx.tmux.capturePane(this.session, { lines: 1e5 });
      if (text.trim()) writeFileAtomic(this.ctx.store.layout.paneLog(this.id), text);
    } catch {
    }
  }
  /** The agent exited: the last records, then the transition that says how the job stands. */
  async finish(res, launcherPid) {
    this.waker.close();
    await this.endAgent();
    const tail = this.follower?.readNew() ?? [];
    await this.savePaneLog();
    const screen = await screenText(this.ctx, this.session);
    const exit = { exitCode: res.exitCode ?? null, signal: res.signal ?? null };
    const detail = exitDetail(this.provider.label.toLowerCase(), exit, launcherPid, this.agent[1]?.pid, this.agentAliveAtExit);
    this.ctx.store.update(this.id, (r) => {
      const at = now2();
      for (const ev of tail) applyAgentEvent(r, ev, at);
      finishInteractive(r, { code: exit.exitCode, signal: exit.signal, detail }, { closing: this.closing, screenTail: lastLines(screen, 3) }, at);
    });
  }
  stop() {
    this.waker.close();
  }
};
async function prepareLaunch(ctx, id, provider, env) {
  const record = ctx.store.update(id, (r) => runnerStarted(r, selfRef(), now2()));
  const resume = record.turns.length > 0 ? record.thread_id : null;
  const prompt = resume ? takeFirstQueued(ctx, id) : ctx.store.readPrompt(id);
  const resumeEnd = resume ? provider.sessionEnd(provider.home(env), resume) : null;
  const promptByArgv = prompt === null || Buffer.byteLength(prompt) <= provider.maxArgvPromptBytes;
  const args = provider.interactiveArgs(
    {
      sandbox: record.sandbox,
      cwd: record.cwd,
      model: record.model,
      reasoning: record.reasoning,
      notify: [process.execPath, cliEntry(), "__notify", id],
      prompt: prompt !== null && promptByArgv ? prompt : void 0,
      resume: resume ?? void 0
    },
    await provider.interactivePrep(record.agent_bin, env)
  );
  return { record, args, prompt, promptByArgv, resume, resumeEnd };
}
async function runInteractiveJob(ctx, id) {
  const env = takeJobEnv(ctx.store.layout, id) ?? childEnv(process.env);
  const provider = await getProvider(ctx.store.read(id).provider, env);
  const run = new InteractiveRun(ctx, id, provider, env, await prepareLaunch(ctx, id, provider, env));
  process.on("SIGINT", () => void 0);
  const child = run.start();
  let stopped = null;
  const onSignal = (sig) => {
    if (stopped) return;
    run.stop();
    stopped = (async () => {
      await run.endAgent();
      await run.savePaneLog();
      await recordStop(ctx, id, sig).catch(() => void 0);
      process.exit(1);
    })();
  };
  process.on("SIGHUP", onSignal);
  process.on("SIGTERM", onSignal);
  while (!run.isExited && !stopped && await run.step(child.pid)) await run.wait();
  const res = await child;
  if (stopped) return stopped;
  await run.finish(res, child.pid);
  return 0;
}
function takeFirstQueued(ctx, id) {
  let message = null;
  ctx.store.update(id, () => {
    const next = pending(ctx.store.layout, id)[0];
    if (next === void 0) return;
    message = readQueued(ctx.store.layout, id, next);
    removeQueued(ctx.store.layout, id, next);
  });
  return message;
}
function threadsOfOtherJobs(ctx, id) {
  const taken = /* @__PURE__ */ new Set();
  for (const r of ctx.store.list({ limit: 0 }).records) if (r.id !== id && r.thread_id) taken.add(r.thread_id);
  return taken;
}

// src/commands/run.ts
async function runCommand(ctx, id) {
  if (!isJobId(id)) throw new UsageError(`invalid job id "${id}"`);
  const c = ctx();
  process.stdout.on("error", () => void 0);
  try {
    const mode = c.store.read(id).mode;
    process.exitCode = mode === "interactive" ? await runInteractiveJob(c, id) : await runExecJob(c, id);
  } catch (err) {
    const reason = `runner crashed: ${err.message}`;
    try {
      const agent = c.store.tryRead(id)?.agent_procs ?? [];
      await killRefs(agent, { graceMs: 2e3, marker: agentMarker(id).entry }).catch(() => void 0);
      c.store.update(id, (r) => runnerGone(r, reason, (/* @__PURE__ */ new Date()).toISOString()));
    } catch {
    }
    throw err;
  }
}
export {
  createContext,
  runCommand
};
