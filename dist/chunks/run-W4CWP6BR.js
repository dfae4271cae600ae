import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isQuitMessage
} from "./chunk-OASDAWPI.js";
import {
  pasteAllowanceMs,
  quitAgent,
  screenText,
  submitText
} from "./chunk-ECQADHDE.js";
import {
  takeJobEnv
} from "./chunk-DAQF2G3N.js";
import {
  HOOK_LOG,
  cliEntry,
  getProvider
} from "./chunk-2MRD3TQ6.js";
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
} from "./chunk-74XVLTZ3.js";
import {
  Waker
} from "./chunk-C6ITA7PZ.js";
import {
  agentMarker,
  exitDetail,
  tmuxFor,
  trackAgent
} from "./chunk-HC7AZ2XU.js";
import {
  descendants,
  killRefs,
  sleep
} from "./chunk-H22OVSBO.js";
import {
  agentExited,
  agentGone,
  agentLaunched,
  applyAgentEvent,
  approvalAsked,
  approvalSettled,
  beginTurn,
  blocked,
  closedIdle,
  contextUsedPct,
  createContext,
  currentTurn,
  ended,
  endsTurn,
  isFinal,
  killNoted,
  processesLost,
  processesStopped,
  runnerGone,
  runnerIdle,
  runnerStarted
} from "./chunk-ZSL5RDRM.js";
import {
  isJobId,
  leaveLastWords,
  readNotes,
  refState,
  selfRef
} from "./chunk-66JJZEQN.js";
import {
  appendLine,
  childEnv,
  readIfExists,
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import {
  STATE_ROOT_CODES,
  StateRootError,
  UsageError
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

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

// src/runner/last-words.ts
function leaveWords(store, id, writer, final, reason) {
  const words = writer.lastWords(final);
  const path = words ? leaveLastWords({ home: store.layout.home, id, at: (/* @__PURE__ */ new Date()).toISOString(), runner: selfRef(), base_updated_at: words.base_updated_at, reason, record: words.record }) : null;
  return path ? `codex-agent: ${reason}; what the record still lacks is kept in ${path}, and the next codex-agent command that looks writes it once the state root can be written` : `codex-agent: ${reason}; what the record still lacks could not be kept anywhere outside the state root: this pane is all that says it`;
}

// src/runner/pane.ts
import { rmSync } from "node:fs";
var clock = (iso) => iso.slice(11, 19);
var AppendLog = class {
  constructor(path, gap) {
    this.path = path;
    this.gap = gap;
  }
  path;
  gap;
  missed = 0;
  since = null;
  /** False when the line could not be written (it is counted as missing). */
  append(line) {
    try {
      if (this.missed > 0) {
        appendLine(this.path, this.gap(this.missed, this.since, (/* @__PURE__ */ new Date()).toISOString()));
        this.missed = 0;
        this.since = null;
      }
      appendLine(this.path, line);
      return true;
    } catch {
      this.missed++;
      this.since ??= (/* @__PURE__ */ new Date()).toISOString();
      return false;
    }
  }
};
var Pane = class {
  constructor(logPath, out = process.stdout) {
    this.out = out;
    this.log = new AppendLog(
      logPath,
      (n, from, to) => `codex-agent: pane.log misses ${n} line(s) from ${clock(from)} to ${clock(to)}: the state root could not take them (the tmux pane showed them)`
    );
  }
  out;
  log;
  line(text) {
    this.out.write(`${text}
`);
    this.log.append(text);
  }
  close() {
  }
};
function takeReplay(layout, id) {
  const path = layout.replayPath(id);
  const text = readIfExists(path);
  if (text !== null) {
    try {
      rmSync(path, { force: true });
    } catch {
    }
  }
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

// src/runner/record-writer.ts
var HOLD_UNWRITTEN_MS = 30 * 6e4;
var FIRST_RETRY_MS = 250;
var MAX_RETRY_MS = 5e3;
function clock2(iso) {
  return iso.slice(11, 19);
}
var RecordWriter = class {
  constructor(store, id, hooks) {
    this.store = store;
    this.id = id;
    this.hooks = hooks;
  }
  store;
  id;
  hooks;
  pending = [];
  outage = null;
  last = null;
  nextTry = 0;
  retryMs = FIRST_RETRY_MS;
  fatal = false;
  /** Why writes are being kept, and since when; null while they go through. */
  get blocked() {
    return this.outage;
  }
  get kept() {
    return this.pending.length;
  }
  /** Writes `edit` now, or keeps it for later; returns the record as the runner now knows it. */
  update(edit) {
    this.pending.push(edit);
    if (this.flushNow(this.pending.length > 1)) return this.last;
    return this.view();
  }
  /** The record on disk with every kept edit applied. */
  read() {
    return this.view();
  }
  /** Reads the record only to notice it became unreadable (the runner's periodic look). */
  check() {
    this.view();
  }
  /**
   * One try to write what is kept; `respectBackoff` skips the try until the backoff allows it.
   * True when nothing is kept any more.
   */
  flushNow(respectBackoff = true) {
    if (this.pending.length === 0) return true;
    if (this.fatal) return false;
    if (respectBackoff && Date.now() < this.nextTry) return false;
    const edits = this.pending;
    try {
      this.last = this.store.update(this.id, (r) => {
        for (const e of edits) e(r);
      });
    } catch (err) {
      if (err instanceof StateRootError) {
        this.begin(err);
        return false;
      }
      this.die(err);
      return false;
    }
    this.pending = [];
    this.end();
    return true;
  }
  /** Retries until what is kept is written (true) or `boundMs` has passed (false). */
  async flush(boundMs) {
    const deadline = Date.now() + boundMs;
    for (; ; ) {
      if (this.flushNow(false)) return true;
      if (this.fatal || Date.now() >= deadline) return false;
      await sleep(Math.max(1, Math.min(this.nextTry, deadline) - Date.now()));
    }
  }
  /** Waits (bounded) until `fn` can write, then runs it: for writes that decide what happens next. */
  async when(fn, boundMs) {
    const deadline = Date.now() + boundMs;
    for (; ; ) {
      if (this.fatal) return { ok: false };
      if (this.pending.length === 0 || this.flushNow(false)) {
        try {
          const value = fn();
          this.end();
          return { ok: true, value };
        } catch (err) {
          if (!(err instanceof StateRootError)) {
            this.die(err);
            return { ok: false };
          }
          this.begin(err);
        }
      }
      if (this.fatal || Date.now() >= deadline) return { ok: false };
      await sleep(Math.max(1, Math.min(this.nextTry, deadline) - Date.now()));
    }
  }
  /** What the runner knows without reading the disk: the record as last seen, with the kept edits. */
  known() {
    if (!this.last) return null;
    const v = structuredClone(this.last);
    for (const e of this.pending) e(v);
    return v;
  }
  /** The record the runner would write if it could, with `final` applied: its last words. */
  lastWords(final) {
    try {
      const base = this.store.read(this.id);
      const record = structuredClone(base);
      for (const e of this.pending) e(record);
      final(record);
      return { record, base_updated_at: base.updated_at };
    } catch {
      return null;
    }
  }
  view() {
    let base;
    try {
      base = this.store.read(this.id);
    } catch (err) {
      this.die(err);
      if (this.last) return this.last;
      throw err;
    }
    this.last = base;
    if (this.pending.length === 0) return base;
    const v = structuredClone(base);
    for (const e of this.pending) e(v);
    return v;
  }
  begin(err) {
    this.nextTry = Date.now() + this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    if (this.outage) return;
    this.outage = { since: (/* @__PURE__ */ new Date()).toISOString(), error: err };
    this.hooks.say(`codex-agent: ${err.message} since ${clock2(this.outage.since)}: what happens is kept in memory and written once the record can be written again`);
  }
  end() {
    this.retryMs = FIRST_RETRY_MS;
    this.nextTry = 0;
    if (!this.outage) return;
    const { since, error } = this.outage;
    this.outage = null;
    this.hooks.say(`codex-agent: the state root ${error.home} was ${STATE_ROOT_CODES[error.code]} (${error.code}) from ${clock2(since)} to ${clock2((/* @__PURE__ */ new Date()).toISOString())}; the record is up to date again`);
  }
  die(err) {
    if (this.fatal) return;
    this.fatal = true;
    this.hooks.onFatal(err);
  }
};

// src/runner/stopped.ts
function stopCause(sig, session, panes) {
  if (panes === null) return { kind: "infrastructure", reason: `the tmux server went away (the runner got ${sig})` };
  if (panes !== void 0 && !panes.has(session)) return { kind: "runner", reason: `the tmux session ${session} was closed from outside (the runner got ${sig})` };
  return { kind: "runner", reason: `the runner was stopped by ${sig}` };
}
async function recordStop(ctx, id, sig, writer, say) {
  const r = writer.read();
  const panes = await tmuxFor(ctx, r).panes().catch(() => void 0);
  const cause = stopCause(sig, r.tmux_session, panes);
  const at = (/* @__PURE__ */ new Date()).toISOString();
  const kill = readNotes(ctx.store.layout.home, id).kill;
  const edit = (d) => {
    if (kill) killNoted(d, kill.reason, kill.at);
    if (d.status === "cancelled") processesStopped(d);
    else processesLost(d, cause.reason, cause.kind, at);
  };
  writer.update(edit);
  const outage = writer.blocked;
  if (!outage) return;
  say(leaveWords(ctx.store, id, writer, () => void 0, `${cause.reason}; ${outage.error.message} since ${clock2(outage.since)}`));
}

// src/runner/unreadable.ts
function unreadableRecord(layout, id, err, writer, say) {
  const known = writer.known();
  let saved = null;
  if (known) {
    try {
      saved = layout.runnerViewPath(id);
      writeFileAtomic(saved, `${JSON.stringify(known, null, 2)}
`);
    } catch {
      saved = null;
    }
  }
  say(
    `codex-agent: the runner of job ${id} stops: ${err.message}. The agent was stopped and nothing was written over the record${saved ? `; what the runner last knew of the job is in ${saved}` : ""}. status and jobs report the job as corrupt until its record is restored or the job is deleted.`
  );
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
  const stop = (then) => {
    if (stopping) return;
    stopping = true;
    stopped = (async () => {
      await killRefs(agent, { graceMs: 2e3, marker: agentMarker(id).entry }).catch(() => void 0);
      await then().catch(() => void 0);
      process.exit(1);
    })();
  };
  const writer = new RecordWriter(store, id, {
    say: (line) => pane.line(line),
    // The record was made unreadable under us: the agent must not run on unwatched.
    onFatal: (err) => stop(async () => unreadableRecord(layout, id, err, writer, (line) => pane.line(line)))
  });
  const onSignal = (sig) => stop(() => recordStop(ctx, id, sig, writer, (line) => pane.line(line)));
  for (const sig of ["SIGHUP", "SIGTERM", "SIGINT"]) process.on(sig, onSignal);
  let record;
  try {
    record = store.update(id, (r) => runnerStarted(r, selfRef(), now()));
  } catch (err) {
    if (!(err instanceof StateRootError)) throw err;
    pane.line(`codex-agent: the runner cannot start: ${err.message}; nothing was started, and what is queued stays queued`);
    return 1;
  }
  pane.line(`codex-agent job ${id} \xB7 exec \xB7 ${record.sandbox} \xB7 ${record.cwd}`);
  let closing = `nothing queued; the runner leaves (send ${id} "..." continues the thread)`;
  for (; ; ) {
    const took = await writer.when(() => takeWork(store, id), HOLD_UNWRITTEN_MS);
    if (stopped) return stopped;
    if (!took.ok) {
      const outage = writer.blocked;
      const reason = `the runner left at ${clock2(now())} without writing its last changes: ${outage?.error.message ?? "the state root could not be written"} since ${outage ? clock2(outage.since) : "?"}`;
      pane.line(leaveWords(store, id, writer, (r) => {
        if (isFinal(r)) processesStopped(r);
        else runnerIdle(r);
        r.end_reason = reason;
      }, reason));
      return 1;
    }
    const work = took.value;
    if (work.kind === "quit") closing = "closed by /quit; the job takes no more follow-ups";
    if (work.kind === "stop") closing = "the job ended";
    if (work.kind !== "turn") break;
    await runTurn(store, writer, id, work.message, { provider, env, pane, track: (refs) => agent = refs, stopping: () => stopping });
    agent = [];
    if (stopped) return stopped;
  }
  pane.line(`codex-agent: ${closing}`);
  pane.close();
  return 0;
}
function takeWork(store, id) {
  let work = { kind: "none" };
  let taken;
  store.update(id, (r) => {
    work = { kind: "none" };
    taken = void 0;
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
    taken = next;
    if (isQuitMessage(message)) {
      ended(r, "closed by /quit", now());
      work = { kind: "quit" };
      return;
    }
    beginTurn(r, now());
    work = { kind: "turn", message };
  });
  if (taken !== void 0) removeQueued(store.layout, id, taken);
  return work;
}
async function runTurn(store, writer, id, message, io) {
  const { provider } = io;
  const layout = store.layout;
  const eventsLog = new AppendLog(layout.eventsLog(id), (n2, from, to) => JSON.stringify({ type: "codex-agent.gap", missed_lines: n2, from, to }));
  const started = writer.read();
  const n = started.turns.length;
  const home = provider.home(io.env);
  io.pane.line(`\u25B6 turn ${n}: ${message.split("\n")[0].slice(0, 160)}`);
  const args = provider.execArgs({ sandbox: started.sandbox, cwd: started.cwd, model: started.model, reasoning: started.reasoning, threadId: started.thread_id });
  const end = started.thread_id ? provider.sessionEnd(home, started.thread_id) : null;
  let follower = started.thread_id ? provider.follow(home, started.thread_id, end?.path, end?.size ?? 0) : null;
  let closed = false;
  let running = true;
  const apply = (evs) => {
    if (evs.length === 0) return;
    const at2 = now();
    writer.update((r) => {
      for (const ev of evs) applyAgentEvent(r, ev, at2);
    });
  };
  const marker = agentMarker(id);
  let runEnv;
  try {
    runEnv = provider.runEnv?.(layout.jobDir(id), io.env) ?? {};
  } catch (err) {
    const error = `the ${provider.label} run could not be prepared: ${err.message}`;
    io.pane.line(`\u2717 turn ${n} failed: ${error}`);
    apply([{ kind: "turn_failed", turnId: null, error, errorKind: "other" }]);
    return;
  }
  const parse = provider.execParser?.() ?? ((line) => provider.parseExecLine(line));
  const run = startExecTurn(started.agent_bin, args, { cwd: started.cwd, env: { ...io.env, ...runEnv, [marker.name]: marker.value }, input: message }, {
    parse,
    onLine(raw, events) {
      if (raw.startsWith("{")) eventsLog.append(raw);
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
      const preview = structuredClone(writer.read());
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
      writer.update((r) => agentLaunched(r, refs2, [started.agent_bin, ...args]));
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
      if (!running) continue;
      writer.check();
      writer.flushNow();
      if (closed || !follower) continue;
      try {
        apply(follower.readNew());
      } catch {
      }
    }
  })();
  let agentAliveAtExit = false;
  void run.exited.then(() => {
    const refs2 = writer.read().agent_procs;
    agentAliveAtExit = refs2.length > 1 && refState(refs2[1]) === "running";
  });
  const result = await run.done;
  running = false;
  stopPolling();
  await poller;
  if (io.stopping()) return;
  const refs = writer.read().agent_procs;
  await killRefs(refs, { graceMs: 2e3, marker: marker.entry }).catch(() => void 0);
  const detail = exitDetail(provider.label.toLowerCase(), result, run.pid, refs[1]?.pid, agentAliveAtExit, result.stderrTail);
  const exitEvents = closed ? [] : provider.exitEvents?.(result.exitCode) ?? [];
  const said = exitEvents.find((ev) => ev.kind === "turn_failed");
  if (!closed) io.pane.line(`\u2717 turn ${n} failed: ${said?.kind === "turn_failed" ? `${said.error} (${detail})` : `${detail} before the turn finished`}`);
  const tail = closed ? [] : [...follower?.readNew() ?? [], ...exitEvents];
  const at = now();
  writer.update((r) => {
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

// src/runner/interactive-runner.ts
import { rmSync as rmSync2 } from "node:fs";
import { join } from "node:path";

// src/runner/interactive-finish.ts
function finishInteractive(r, exit, how, now3) {
  const endedBefore = isFinal(r);
  agentExited(r, exit, now3);
  if (endedBefore) processesStopped(r);
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
var RETRY_QUESTION_EVERY_MS = 2e3;
var RETRY_ANSWER_PAUSE_MS = 200;
var InteractiveRun = class {
  constructor(ctx, id, provider, env, launch, writer) {
    this.ctx = ctx;
    this.id = id;
    this.provider = provider;
    this.env = env;
    this.launch = launch;
    this.writer = writer;
    this.promptPasted = launch.promptByArgv;
    this.waker = new Waker([ctx.store.layout.jobDir(id)]);
    this.marker = agentMarker(id);
  }
  ctx;
  id;
  provider;
  env;
  launch;
  writer;
  follower = null;
  agent = [];
  exited = false;
  agentAliveAtExit = false;
  lastPaneLog = 0;
  lastBlockedCheck = 0;
  lastRetryCheck = 0;
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
        this.writer.update((r) => agentLaunched(r, refs, shown));
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
    this.writer.flushNow();
    let record = this.writer.read();
    if (isFinal(record)) return false;
    if (!this.follower) record = await this.discoverSession(pid, record) ?? record;
    record = this.followSession() ?? record;
    await this.deliverPrompt(record);
    record = await this.checkBlocked(record) ?? record;
    await this.stopRetrying(record);
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
    const at = now2();
    return this.writer.update((r) => void applyAgentEvent(r, { kind: "thread_started", threadId: found.threadId }, at));
  }
  followSession() {
    const events = this.follower?.readNew() ?? [];
    return events.length > 0 ? this.apply(events) : null;
  }
  apply(events) {
    const at = now2();
    return this.writer.update(
      (r) => void events.forEach((ev) => {
        if (ev.kind === "approval_pending") return approvalAsked(r, at);
        if (ev.kind !== "warning") approvalSettled(r);
        applyAgentEvent(r, ev, at);
      })
    );
  }
  /**
   * A model call that failed all its attempts: an agent that asks whether to keep retrying is told
   * to stop, so the turn fails with the reason instead of retrying for minutes.
   */
  async stopRetrying(record) {
    if (!this.provider.stopRetrying || !currentTurn(record) || Date.now() - this.lastRetryCheck < RETRY_QUESTION_EVERY_MS) return;
    this.lastRetryCheck = Date.now();
    const keys = this.provider.stopRetrying(await screenText(this.ctx, this.session));
    if (!keys) return;
    for (const key of keys) {
      await this.ctx.tmux.sendKeys(this.session, [key]).catch(() => void 0);
      await sleep(RETRY_ANSWER_PAUSE_MS);
    }
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
    return this.writer.update((r) => {
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
  /**
   * The agent exited: the last records, then the transition that says how the job stands. False
   * when the state root could not take it within the bound: the runner's last words keep it.
   */
  async finish(res, launcherPid, say) {
    this.waker.close();
    await this.endAgent();
    const tail = this.follower?.readNew() ?? [];
    await this.savePaneLog();
    const screen = await screenText(this.ctx, this.session);
    const exit = { exitCode: res.exitCode ?? null, signal: res.signal ?? null };
    const detail = exitDetail(this.provider.label.toLowerCase(), exit, launcherPid, this.agent[1]?.pid, this.agentAliveAtExit);
    const at = now2();
    this.writer.update((r) => {
      for (const ev of tail) applyAgentEvent(r, ev, at);
      finishInteractive(r, { code: exit.exitCode, signal: exit.signal, detail }, { closing: this.closing, screenTail: lastLines(screen, 3) }, at);
    });
    if (await this.writer.flush(HOLD_UNWRITTEN_MS)) return true;
    const outage = this.writer.blocked;
    say(leaveWords(this.ctx.store, this.id, this.writer, () => void 0, `the runner left at ${clock2(now2())} without writing its last changes: ${outage?.error.message ?? "the state root could not be written"} since ${outage ? clock2(outage.since) : "?"}`));
    return false;
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
      notify: notifyArgv(id),
      prompt: prompt !== null && promptByArgv ? prompt : void 0,
      resume: resume ?? void 0
    },
    await provider.interactivePrep(record.agent_bin, env)
  );
  return { record, args, prompt, promptByArgv, resume, resumeEnd };
}
async function runInteractiveJob(ctx, id) {
  const jobEnv = takeJobEnv(ctx.store.layout, id) ?? childEnv(process.env);
  const provider = await getProvider(ctx.store.read(id).provider, jobEnv);
  const env = { ...jobEnv, ...provider.runEnv?.(ctx.store.layout.jobDir(id), jobEnv, [process.execPath, cliEntry(), "__hook", id]) ?? {} };
  rmSync2(join(ctx.store.layout.jobDir(id), HOOK_LOG), { force: true });
  let launch;
  try {
    launch = await prepareLaunch(ctx, id, provider, env);
  } catch (err) {
    if (!(err instanceof StateRootError)) throw err;
    process.stdout.write(`codex-agent: the runner cannot start: ${err.message}; nothing was started, and what is queued stays queued
`);
    return 1;
  }
  const held = [];
  let tuiOpen = true;
  const paneLog = new AppendLog(ctx.store.layout.paneLog(id), (n) => `codex-agent: ${n} line(s) of the runner are missing here: the state root could not take them`);
  const show = (line) => {
    process.stdout.write(`${line}
`);
    paneLog.append(line);
  };
  const say = (line) => {
    if (tuiOpen) held.push(line);
    else show(line);
  };
  const tuiClosed = () => {
    tuiOpen = false;
    for (const line of held.splice(0)) show(line);
  };
  let stopped = null;
  let run = null;
  const stopWith = (then) => {
    if (stopped) return;
    run?.stop();
    stopped = (async () => {
      await run?.endAgent();
      tuiClosed();
      await run?.savePaneLog();
      await Promise.resolve().then(then).catch(() => void 0);
      process.exit(1);
    })();
  };
  const writer = new RecordWriter(ctx.store, id, {
    say,
    // The record was made unreadable under us: the agent must not run on unwatched.
    onFatal: (err) => stopWith(() => unreadableRecord(ctx.store.layout, id, err, writer, say))
  });
  run = new InteractiveRun(ctx, id, provider, env, launch, writer);
  process.on("SIGINT", () => void 0);
  const child = run.start();
  const onSignal = (sig) => stopWith(() => recordStop(ctx, id, sig, writer, say));
  process.on("SIGHUP", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    while (!run.isExited && !stopped && await run.step(child.pid)) await run.wait();
  } catch (err) {
    run.stop();
    await run.endAgent();
    throw err;
  }
  const res = await child;
  if (stopped) return stopped;
  tuiClosed();
  return await run.finish(res, child.pid, say) ? 0 : 1;
}
function notifyArgv(id) {
  return [process.execPath, cliEntry(), "__notify", id];
}
function takeFirstQueued(ctx, id) {
  let message = null;
  let taken;
  ctx.store.update(id, () => {
    const next = pending(ctx.store.layout, id)[0];
    if (next === void 0) return;
    message = readQueued(ctx.store.layout, id, next);
    taken = next;
  });
  if (taken !== void 0) removeQueued(ctx.store.layout, id, taken);
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
