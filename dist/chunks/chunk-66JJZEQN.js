import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  DEFAULT_STARTUP_TIMEOUT_S,
  DIR_MODE,
  appendLine,
  asStateRootError,
  ensurePrivateDir,
  mapWriteErrors,
  readIfExists,
  registerStateRoot,
  writeAll,
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";
import {
  REASONING,
  SANDBOXES
} from "./chunk-GJCWKZOD.js";
import {
  _enum,
  array,
  literal,
  number,
  object,
  preprocess,
  string
} from "./chunk-R3LRDQ2H.js";
import {
  AgentError,
  CorruptRecordError,
  NotFoundError,
  StateRootError,
  UsageError,
  shown
} from "./chunk-4XPRIXJ7.js";

// src/store/ids.ts
import { createRequire } from "node:module";
var nodeCrypto;
function randomBytes(size) {
  nodeCrypto ??= createRequire(import.meta.url)("node:crypto");
  return nodeCrypto.randomBytes(size);
}
var ID_RE = /^[0-9a-f]{8}$/;
var PREFIX_RE = /^[0-9a-f]{4,8}$/;
function newId() {
  return randomBytes(4).toString("hex");
}
function isJobId(value) {
  return ID_RE.test(value);
}
function checkIdInput(value) {
  if (!PREFIX_RE.test(value)) {
    const why = value === "" ? "empty job id" : `invalid job id ${shown(value)}`;
    throw new UsageError(`${why}: expected 8 lowercase hex characters, or a unique prefix of 4 or more`);
  }
  return value;
}

// src/proc/table.ts
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
function parseProcStat(text) {
  const open = text.indexOf(" (");
  const close = text.lastIndexOf(") ");
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open));
  const f = text.slice(close + 2).trim().split(/\s+/);
  const nums = [f[1], f[2], f[3], f[19]].map(Number);
  if (!Number.isInteger(pid) || f[0] === void 0 || nums.some((n) => !Number.isInteger(n))) return null;
  return { pid, state: f[0], ppid: nums[0], pgrp: nums[1], session: nums[2], starttime: nums[3] };
}
function bootOf(start) {
  const cut = start.lastIndexOf("/");
  return cut < 0 ? "" : start.slice(0, cut);
}
var LINUX = process.platform === "linux";
var bootCache;
function currentBoot() {
  if (bootCache !== void 0) return bootCache;
  try {
    bootCache = LINUX ? readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() : /sec = (\d+)/.exec(execFileSync("sysctl", ["-n", "kern.boottime"], { encoding: "utf8", timeout: 5e3 }))?.[1] ?? "unknown";
  } catch {
    bootCache = "unknown";
  }
  return bootCache;
}
function fromStat(s) {
  return { pid: s.pid, ppid: s.ppid, pgid: s.pgrp, sid: s.session, zombie: s.state === "Z" || s.state === "X", start: `${currentBoot()}/${s.starttime}` };
}
function readLinux(pid) {
  try {
    const s = parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
    return s ? fromStat(s) : null;
  } catch {
    return null;
  }
}
function parsePsRows(stdout, boot) {
  const rows = [];
  for (const line of stdout.split("\n")) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!m) continue;
    const started = Date.parse(m[5]);
    rows.push({
      pid: Number(m[1]),
      ppid: Number(m[2]),
      pgid: Number(m[3]),
      sid: Number(m[3]),
      zombie: m[4].startsWith("Z"),
      start: `${boot}/${Number.isNaN(started) ? m[5] : started / 1e3}`
    });
  }
  return rows;
}
function ps(extra) {
  try {
    const out = execFileSync("ps", [...extra, "-o", "pid=", "-o", "ppid=", "-o", "pgid=", "-o", "stat=", "-o", "lstart="], {
      encoding: "utf8",
      timeout: 1e4,
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, LC_ALL: "C" }
    });
    return parsePsRows(out, currentBoot());
  } catch {
    return [];
  }
}
function readProc(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return LINUX ? readLinux(pid) : ps(["-p", String(pid)])[0] ?? null;
}
function listProcesses() {
  if (!LINUX) return ps(["-A"]);
  const rows = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const row = readLinux(Number(name));
    if (row) rows.push(row);
  }
  return rows;
}
var NOT_THE_AGENT = "CODEX_AGENT_NOTIFY=1";
function pidsWithEnv(entry) {
  if (!LINUX) return [];
  const has = (env, e) => {
    const needle = Buffer.from(`${e}\0`);
    return env.subarray(0, needle.length).equals(needle) || env.includes(Buffer.concat([Buffer.from([0]), needle]));
  };
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`);
      if (has(env, entry) && !has(env, NOT_THE_AGENT)) out.push(Number(name));
    } catch {
    }
  }
  return out;
}

// src/proc/identity.ts
var procRefSchema = object({
  pid: number().int().positive(),
  /** The process's start token; null only in records written before it was kept (cannot be verified). */
  start: string().nullable()
});
function refStateOf(ref, info) {
  if (info === null || info.zombie) return "gone";
  if (ref.start === null) return "unverifiable";
  return info.start === ref.start ? "running" : "gone";
}
function refState(ref) {
  return refStateOf(ref, readProc(ref.pid));
}
function refOf(pid) {
  const info = readProc(pid);
  return info && !info.zombie ? { pid, start: info.start } : null;
}
function selfRef() {
  return refOf(process.pid) ?? { pid: process.pid, start: null };
}
function fromEarlierBoot(ref, boot = currentBoot()) {
  return ref.start !== null && boot !== "unknown" && bootOf(ref.start) !== boot;
}
function pidRunning(pid) {
  const info = readProc(pid);
  return info !== null && !info.zombie;
}

// src/store/migrate.ts
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function fromV1(r) {
  const { runner_pid, codex_pid, codex_bin, ...rest } = r;
  const ref = (pid) => typeof pid === "number" && Number.isInteger(pid) && pid > 0 ? { pid, start: null } : null;
  const runner = ref(runner_pid);
  const agent = ref(codex_pid);
  const resumable = rest.mode === "exec" && rest.status !== "cancelled" && typeof rest.thread_id === "string";
  return {
    ...rest,
    version: 2,
    provider: "codex",
    agent_bin: codex_bin,
    agent_argv: null,
    runner,
    agent_procs: agent ? [agent] : [],
    turn_state: rest.turn_state === "ended" && resumable ? "idle" : rest.turn_state
  };
}
function migrateRecord(value) {
  if (!isObject(value)) return value;
  return value.version === 1 ? fromV1(value) : value;
}

// src/store/record.ts
var RECORD_VERSION = 2;
var JOB_STATUSES = ["pending", "running", "completed", "failed", "cancelled"];
var TERMINAL = /* @__PURE__ */ new Set(["completed", "failed", "cancelled"]);
var TURN_STATES = ["starting", "working", "awaiting_approval", "idle", "blocked", "context_limit", "ended"];
var ERROR_KINDS = [
  "context_window",
  "unauthorized",
  "server_error",
  "stream_disconnected",
  /** Our runner died or was stopped from outside. */
  "runner",
  /** The agent's own process ended without finishing its turn (a signal, a crash). */
  "agent",
  /** The tmux server or the machine went away under the job. */
  "infrastructure",
  "other"
];
var turnSchema = object({
  n: number().int().positive(),
  /** The agent's own turn id (from its session record). */
  turn_id: string().nullable().default(null),
  status: _enum(["running", "completed", "failed", "aborted"]),
  started_at: string(),
  completed_at: string().nullable(),
  last_message: string().nullable(),
  error: string().nullable(),
  error_kind: _enum(ERROR_KINDS).nullable()
});
var tokensSchema = object({
  input: number().nonnegative(),
  cached_input: number().nonnegative(),
  output: number().nonnegative(),
  reasoning_output: number().nonnegative(),
  /** Tokens in the context at the latest request, for context_used_pct. */
  last_context: number().nonnegative().nullable(),
  context_window: number().positive().nullable()
});
var recordV2 = object({
  version: literal(RECORD_VERSION),
  id: string().regex(/^[0-9a-f]{8}$/),
  status: _enum(JOB_STATUSES),
  mode: _enum(["exec", "interactive"]),
  turn_state: _enum(TURN_STATES),
  prompt_head: string(),
  model: string().nullable(),
  reasoning: _enum(REASONING).nullable(),
  sandbox: _enum(SANDBOXES),
  cwd: string(),
  /** The agent CLI behind the job (src/providers), and its binary. */
  provider: string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  agent_bin: string(),
  /** The agent's argv at its latest launch as the runner ran it (a prompt argument shown as <prompt>). */
  agent_argv: array(string()).nullable().default(null),
  tmux_session: string(),
  tmux_socket: string().nullable(),
  created_at: string(),
  started_at: string().nullable(),
  completed_at: string().nullable(),
  updated_at: string(),
  thread_id: string().nullable(),
  /** The runner process while it runs (pid and start, so a reused pid never passes for it). */
  runner: procRefSchema.nullable(),
  /** The agent's processes while they run: the launched one first (maybe a launcher), then the agent itself. */
  agent_procs: array(procRefSchema),
  exit_code: number().int().nullable(),
  inactivity_timeout_minutes: number().positive(),
  turns: array(turnSchema),
  consumed_turns: number().int().nonnegative(),
  tokens: tokensSchema.nullable(),
  /** Absolute paths; views make them relative to cwd. */
  files_modified: array(string()),
  last_message: string().nullable(),
  error: string().nullable(),
  error_kind: _enum(ERROR_KINDS).nullable(),
  /** Why the job stopped or the runner went away, in words. */
  end_reason: string().nullable(),
  // Interactive jobs. Defaults keep records written before these fields readable.
  startup_timeout_seconds: number().positive().default(DEFAULT_STARTUP_TIMEOUT_S),
  /** User messages Codex has taken into the thread: `send` watches it grow to confirm delivery. */
  user_messages: number().int().nonnegative().default(0),
  /** What the screen showed when the job was found blocked (no turn started in time). */
  blocked_screen: string().nullable().default(null),
  /** Last sign of work (a turn starting or ending, a message arriving), for the inactivity timeout. */
  last_activity_at: string().nullable().default(null),
  /** The Claude session (the "general") that started the job, if any. */
  parent_session: string().nullable().default(null),
  // Optional, not defaulted: records written before these fields read back unchanged.
  /** `start --notify-on-complete`: the user's command, run when the job's status leaves running for completed, failed or cancelled. */
  notify_on_complete: string().nullable().optional(),
  /** How many times that command was started: once per such change, counted under the job's lock. */
  notify_runs: number().int().nonnegative().optional(),
  /** The agent's latest command or file change, in a few words, and when: live status lines show it. */
  last_action: object({ at: string(), text: string() }).nullable().optional()
});
var recordSchema = preprocess(migrateRecord, recordV2);
function isTerminal(status) {
  return TERMINAL.has(status);
}

// src/store/lock.ts
import { closeSync, lstatSync, openSync, readFileSync as readFileSync2, readlinkSync, rmSync, symlinkSync } from "node:fs";
var sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms) {
  Atomics.wait(sleepCell, 0, 0, ms);
}
var TOKEN_RE = /^(\d+) \d+ \S+$/;
var UNREADABLE_GRACE_MS = 2e3;
var NO_SYMLINK = /* @__PURE__ */ new Set(["EPERM", "ENOSYS", "ENOTSUP", "EOPNOTSUPP"]);
function withLock(lockPath, fn, opts = {}) {
  const release = acquire(lockPath, opts);
  try {
    return fn();
  } finally {
    release();
  }
}
async function withLockAsync(lockPath, fn, opts = {}) {
  let release;
  const attempt = lockAttempt(lockPath, opts);
  for (; ; ) {
    const step = attempt.next();
    if (step.done) {
      release = step.value;
      break;
    }
    await new Promise((r) => setTimeout(r, step.value));
  }
  try {
    return await fn();
  } finally {
    release();
  }
}
function acquire(lockPath, opts) {
  const attempt = lockAttempt(lockPath, opts);
  for (; ; ) {
    const step = attempt.next();
    if (step.done) return step.value;
    sleepSync(step.value);
  }
}
function readLockToken(lockPath) {
  try {
    return readlinkSync(lockPath);
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT") return null;
    if (code !== "EINVAL") throw err;
  }
  try {
    return readFileSync2(lockPath, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return null;
    throw err;
  }
}
var symlinks = true;
function tryCreate(lockPath, token) {
  if (symlinks) {
    try {
      symlinkSync(token, lockPath);
      return true;
    } catch (err) {
      const code = err.code;
      if (code === "EEXIST") return false;
      if (!NO_SYMLINK.has(code ?? "")) throw err;
      symlinks = false;
    }
  }
  let fd;
  try {
    fd = openSync(lockPath, "wx", 384);
  } catch (err) {
    if (err.code === "EEXIST") return false;
    throw err;
  }
  try {
    writeAll(fd, Buffer.from(token));
  } catch (err) {
    closeSync(fd);
    rmSync(lockPath, { force: true });
    throw err;
  }
  closeSync(fd);
  return true;
}
function* lockAttempt(lockPath, opts) {
  const timeoutMs = opts.timeoutMs ?? 15e3;
  const staleMs = opts.staleMs ?? 3e4;
  const token = `${process.pid} ${Date.now()} ${Math.random().toString(36).slice(2, 10)}`;
  const deadline = Date.now() + timeoutMs;
  let delay = 1;
  for (; ; ) {
    try {
      if (tryCreate(lockPath, token)) return () => releaseIfOurs(lockPath, token);
    } catch (err) {
      const code = err.code;
      if (code === "ENOENT") throw new NotFoundError(`no such folder for lock ${lockPath} (deleted meanwhile?)`, { cause: err });
      throw asStateRootError(err, lockPath);
    }
    breakIfStale(lockPath, staleMs);
    if (Date.now() > deadline) {
      throw new AgentError(`timed out after ${timeoutMs} ms waiting for lock ${lockPath} (held by ${describeHolder(lockPath)})`);
    }
    yield delay + Math.random() * delay;
    delay = Math.min(delay * 2, 8);
  }
}
function releaseIfOurs(lockPath, token) {
  try {
    if (readLockToken(lockPath) === token) rmSync(lockPath, { force: true });
  } catch {
  }
}
function lockIsStale(token, ageMs, staleMs, holderRuns) {
  if (ageMs > staleMs) return true;
  const m = TOKEN_RE.exec(token);
  if (!m) return ageMs > UNREADABLE_GRACE_MS;
  return !holderRuns(Number(m[1]));
}
function breakIfStale(lockPath, staleMs) {
  let token;
  let mtimeMs;
  try {
    token = readLockToken(lockPath);
    mtimeMs = lstatSync(lockPath).mtimeMs;
  } catch {
    return;
  }
  if (token === null) return;
  if (!lockIsStale(token, Date.now() - mtimeMs, staleMs, pidRunning)) return;
  try {
    if (readLockToken(lockPath) === token) rmSync(lockPath, { force: true });
  } catch {
  }
}
function describeHolder(lockPath) {
  try {
    const token = readLockToken(lockPath);
    if (token === null) return "nobody now";
    const m = TOKEN_RE.exec(token);
    return m ? `pid ${m[1]}` : "a lock file without a readable holder";
  } catch {
    return "nobody now";
  }
}

// src/store/side-notes.ts
import { chmodSync, existsSync, lstatSync as lstatSync2, mkdirSync, rmSync as rmSync2, rmdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
function rootKey(home) {
  let h = 2166136261;
  for (const ch of Buffer.from(resolve(home))) {
    h ^= ch;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
function user() {
  return String(process.getuid?.() ?? "user");
}
function noteDirs(home, env = process.env) {
  const bases = [env.XDG_RUNTIME_DIR, tmpdir(), "/tmp", "/dev/shm"].filter((b) => !!b && isAbsolute(b));
  const key = rootKey(home);
  return [...new Set(bases.map((b) => resolve(b)))].map((b) => join(b, `codex-agent-${user()}`, key));
}
function ownDir(dir) {
  try {
    for (const d of [join(dir, ".."), dir]) {
      try {
        mkdirSync(d, { mode: 448 });
      } catch (err) {
        if (err.code !== "EEXIST") return false;
      }
      const st = lstatSync2(d);
      if (!st.isDirectory() || process.getuid && st.uid !== process.getuid()) return false;
      if ((st.mode & 511) !== 448) chmodSync(d, 448);
    }
    return true;
  } catch {
    return false;
  }
}
function notePath(dir, id, kind) {
  if (!isJobId(id)) throw new Error(`refusing to build a path from job id "${id}"`);
  return join(dir, `${id}.${kind}.json`);
}
function leave(home, id, kind, note) {
  const text = `${JSON.stringify({ ...note, home: resolve(note.home) })}
`;
  for (const dir of noteDirs(home)) {
    if (!ownDir(dir)) continue;
    try {
      const path = notePath(dir, id, kind);
      writeFileAtomic(path, text);
      return path;
    } catch {
    }
  }
  return null;
}
function leaveKillNote(note) {
  return leave(note.home, note.id, "kill", note);
}
function leaveLastWords(words) {
  return leave(words.home, words.id, "last-words", words);
}
function read(dirs, home, id, kind, valid) {
  for (const dir of dirs) {
    try {
      const text = readIfExists(notePath(dir, id, kind));
      if (text === null) continue;
      const v = JSON.parse(text);
      if (v && v.home === resolve(home) && v.id === id && typeof v.at === "string" && valid(v)) return v;
    } catch {
    }
  }
  return null;
}
function readNotes(home, id) {
  const dirs = noteDirs(home).filter((d) => existsSync(d));
  if (dirs.length === 0) return { kill: null, words: null };
  return {
    kill: read(dirs, home, id, "kill", (v) => typeof v.reason === "string"),
    words: read(dirs, home, id, "last-words", (v) => typeof v.base_updated_at === "string" && typeof v.reason === "string" && typeof v.record === "object")
  };
}
function removeNotes(home, id) {
  for (const dir of noteDirs(home)) {
    if (!existsSync(dir)) continue;
    for (const kind of ["kill", "last-words"]) {
      try {
        rmSync2(notePath(dir, id, kind), { force: true });
      } catch {
      }
    }
    try {
      rmdirSync(dir);
    } catch {
    }
  }
}

// src/store/job-store.ts
import { existsSync as existsSync3, mkdirSync as mkdirSync2, readFileSync as readFileSync3, readdirSync as readdirSync3, renameSync, rmSync as rmSync4, statSync } from "node:fs";
import { join as join3 } from "node:path";

// src/store/layout.ts
import { join as join2 } from "node:path";
var CREATING_PREFIX = ".creating-";
var Layout = class {
  constructor(home) {
    this.home = home;
    registerStateRoot(home);
  }
  home;
  get jobsDir() {
    return join2(this.home, "jobs");
  }
  get indexDir() {
    return join2(this.home, "index");
  }
  get activeDir() {
    return join2(this.indexDir, "active");
  }
  get historyLog() {
    return join2(this.indexDir, "history.log");
  }
  get indexLock() {
    return join2(this.indexDir, ".lock");
  }
  jobDir(id) {
    if (!isJobId(id)) throw new Error(`refusing to build a path from job id "${id}"`);
    return join2(this.jobsDir, id);
  }
  /** Where a new job's folder is built before it is renamed into place; `tag` keeps two creators apart. */
  creatingDir(id, tag) {
    if (!isJobId(id) || !/^[0-9a-z-]{1,40}$/.test(tag)) throw new Error(`refusing to build a path from job id "${id}"`);
    return join2(this.jobsDir, `${CREATING_PREFIX}${id}-${tag}`);
  }
  /** What the runner last knew, saved when it found the record corrupt (never written over the record). */
  runnerViewPath(id) {
    return join2(this.jobDir(id), "record.runner-view.json");
  }
  recordPath(id) {
    return join2(this.jobDir(id), "record.json");
  }
  lockPath(id) {
    return join2(this.jobDir(id), ".lock");
  }
  /** Held while typing into a job's terminal, so two senders never interleave keystrokes. */
  inputLockPath(id) {
    return join2(this.jobDir(id), ".input-lock");
  }
  /** Held while a runner is launched, so two senders never start two runners. */
  launchLockPath(id) {
    return join2(this.jobDir(id), ".launch-lock");
  }
  promptPath(id) {
    return join2(this.jobDir(id), "prompt.txt");
  }
  paneLog(id) {
    return join2(this.jobDir(id), "pane.log");
  }
  eventsLog(id) {
    return join2(this.jobDir(id), "events.jsonl");
  }
  envPath(id) {
    return join2(this.jobDir(id), "env.json");
  }
  /** What the pane showed when its runner left, printed again by the next runner in that pane. */
  replayPath(id) {
    return join2(this.jobDir(id), "replay.txt");
  }
  /** The user's `--notify-on-complete` command writes its output here. */
  notifyLog(id) {
    return join2(this.jobDir(id), "notify-on-complete.log");
  }
  /**
   * The last finished turn, as JSON, beside the job's folder (not in it) so a script can check one
   * path without a process; never taken for a job (not an id), removed with the job.
   */
  turnSignalPath(id) {
    if (!isJobId(id)) throw new Error(`refusing to build a path from job id "${id}"`);
    return join2(this.jobsDir, `${id}.turn-complete`);
  }
  queueDir(id) {
    return join2(this.jobDir(id), "queue");
  }
  activeMarker(id) {
    if (!isJobId(id)) throw new Error(`refusing to build a path from job id "${id}"`);
    return join2(this.activeDir, id);
  }
};

// src/store/history.ts
import { closeSync as closeSync2, existsSync as existsSync2, fstatSync, openSync as openSync2, readSync, readdirSync as readdirSync2, rmSync as rmSync3 } from "node:fs";
function markActive(layout, id, active) {
  const marker = layout.activeMarker(id);
  if (active) {
    if (!existsSync2(marker)) writeFileAtomic(marker, "");
  } else {
    rmSync3(marker, { force: true });
  }
}
function activeIds(layout) {
  try {
    return readdirSync2(layout.activeDir).filter(isJobId);
  } catch (err) {
    if (err.code === "ENOENT") return [];
    throw err;
  }
}
function appendHistory(layout, id) {
  appendLine(layout.historyLog, id);
}
function* historyNewestFirst(layout) {
  let fd;
  try {
    fd = openSync2(layout.historyLog, "r");
  } catch (err) {
    if (err.code === "ENOENT") return;
    throw err;
  }
  try {
    let pos = fstatSync(fd).size;
    let carry = "";
    const chunk = Buffer.alloc(8192);
    while (pos > 0) {
      const len = Math.min(chunk.length, pos);
      pos -= len;
      readSync(fd, chunk, 0, len, pos);
      const text = chunk.toString("latin1", 0, len) + carry;
      const lines = text.split("\n");
      carry = lines.shift() ?? "";
      for (let i = lines.length - 1; i >= 0; i--) {
        const line = lines[i].trim();
        if (isJobId(line)) yield line;
      }
    }
    if (isJobId(carry.trim())) yield carry.trim();
  } finally {
    closeSync2(fd);
  }
}
function pruneHistory(layout, removed) {
  const kept = [...historyNewestFirst(layout)].reverse().filter((id) => !removed.has(id));
  writeFileAtomic(layout.historyLog, kept.length ? `${kept.join("\n")}
` : "");
}

// src/store/job-store.ts
var JobStore = class {
  constructor(home, onUpdate = null) {
    this.onUpdate = onUpdate;
    this.layout = new Layout(home);
  }
  onUpdate;
  layout;
  init() {
    ensurePrivateDir(this.layout.home);
    ensurePrivateDir(this.layout.jobsDir);
    ensurePrivateDir(this.layout.indexDir);
    ensurePrivateDir(this.layout.activeDir);
  }
  /**
   * A new job, whole or not at all: its folder is built under a temporary name and renamed into
   * place, then indexed; a failure (a full or read-only root) leaves nothing that listing, `jobs`
   * or `clean` must know about.
   */
  create(record, prompt) {
    const nothingLeft = "the job was not created, and nothing of it was left behind";
    try {
      this.init();
    } catch (err) {
      throw err instanceof StateRootError ? err.saying(nothingLeft) : err;
    }
    const valid = this.validate(record, this.layout.recordPath(record.id));
    const final = this.layout.jobDir(valid.id);
    const tmp = this.layout.creatingDir(valid.id, `${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
    try {
      mkdirSync2(tmp, { mode: DIR_MODE });
      ensurePrivateDir(tmp);
      ensurePrivateDir(join3(tmp, "queue"));
      writeFileAtomic(join3(tmp, "prompt.txt"), prompt);
      writeFileAtomic(join3(tmp, "record.json"), serialize(valid));
      renameSync(tmp, final);
    } catch (err) {
      rmSync4(tmp, { recursive: true, force: true });
      const code = err.code;
      if (code === "EEXIST" || code === "ENOTEMPTY") throw new AgentError(`job id ${valid.id} is taken`, void 0, { cause: err });
      const mapped = asStateRootError(err, tmp);
      throw mapped instanceof StateRootError ? mapped.saying(nothingLeft) : mapped;
    }
    try {
      withLock(this.layout.indexLock, () => {
        markActive(this.layout, valid.id, !isTerminal(valid.status));
        appendHistory(this.layout, valid.id);
      });
    } catch (err) {
      rmSync4(final, { recursive: true, force: true });
      try {
        markActive(this.layout, valid.id, false);
      } catch {
      }
      throw err instanceof StateRootError ? err.saying(nothingLeft) : err;
    }
  }
  /**
   * Fails with one StateRootError line, saying `detail`, when nothing can be created in the root
   * (read-only, not writable). A full root passes: deleting still works there, and frees space.
   */
  assertWritable(detail) {
    const probe = join3(this.layout.jobsDir, `.probe-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
    try {
      this.init();
      mapWriteErrors(probe, () => {
        mkdirSync2(probe, { mode: DIR_MODE });
        rmSync4(probe, { recursive: true, force: true });
      });
    } catch (err) {
      if (!(err instanceof StateRootError)) throw err;
      if (err.code === "ENOSPC" || err.code === "EDQUOT") return;
      throw err.saying(detail);
    }
  }
  /**
   * Folders of creates that never finished (their process crashed between mkdir and rename):
   * removed once their creator is gone or they are older than `maxAgeMs`. Returns how many.
   */
  removeStaleCreates(maxAgeMs = 36e5) {
    let names;
    try {
      names = readdirSync3(this.layout.jobsDir).filter((n) => n.startsWith(CREATING_PREFIX));
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      const m = /-(\d+)-[0-9a-z]+$/.exec(name);
      const path = join3(this.layout.jobsDir, name);
      let age = 0;
      try {
        age = Date.now() - statSync(path).mtimeMs;
      } catch {
        continue;
      }
      if (m && !pidRunning(Number(m[1])) || age > maxAgeMs) {
        rmSync4(path, { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }
  exists(id) {
    return isJobId(id) && existsSync3(this.layout.recordPath(id));
  }
  read(id) {
    const record = this.tryRead(id);
    if (!record) throw new NotFoundError(`no job ${id}`);
    return record;
  }
  tryRead(id) {
    const path = this.layout.recordPath(id);
    const text = readIfExists(path);
    if (text === null) return null;
    let json;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new CorruptRecordError(path, "not valid JSON", { cause: err });
    }
    return this.validate(json, path);
  }
  /** Read-modify-write under the job's lock; `fn` edits a copy or returns a replacement. */
  update(id, fn) {
    if (!existsSync3(this.layout.jobDir(id))) throw new NotFoundError(`no job ${id}`);
    const after = [];
    const written = withLock(this.layout.lockPath(id), () => {
      const current = this.read(id);
      const draft = structuredClone(current);
      const next = this.validate(fn(draft) ?? draft, this.layout.recordPath(id));
      next.updated_at = (/* @__PURE__ */ new Date()).toISOString();
      const then = this.onUpdate?.(current, next, this.layout);
      const activates = isTerminal(current.status) && !isTerminal(next.status);
      if (activates) withLock(this.layout.indexLock, () => markActive(this.layout, id, true));
      writeFileAtomic(this.layout.recordPath(id), serialize(next));
      if (then) after.push(then);
      if (!isTerminal(current.status) && isTerminal(next.status)) {
        try {
          withLock(this.layout.indexLock, () => markActive(this.layout, id, false));
        } catch {
        }
      }
      return next;
    });
    for (const f of after) f();
    return written;
  }
  /** Runs `fn` under the job's lock: reads inside see no half-made change of a writer. */
  locked(id, fn) {
    if (!existsSync3(this.layout.jobDir(id))) throw new NotFoundError(`no job ${id}`);
    return withLock(this.layout.lockPath(id), fn);
  }
  /** Resolves a full id or a unique prefix of 4+ characters, like git. */
  resolve(input) {
    checkIdInput(input);
    if (isJobId(input)) {
      if (!this.exists(input)) throw new NotFoundError(`no job ${input}`);
      return input;
    }
    const matches = this.allIds().filter((id) => id.startsWith(input));
    if (matches.length === 0) throw new NotFoundError(`no job matches "${input}"`);
    if (matches.length > 1) {
      throw new UsageError(`job prefix "${input}" is ambiguous: ${matches.slice(0, 5).join(", ")}${matches.length > 5 ? ", \u2026" : ""}`);
    }
    return matches[0];
  }
  allIds() {
    try {
      return readdirSync3(this.layout.jobsDir).filter(isJobId);
    } catch (err) {
      if (err.code === "ENOENT") return [];
      throw err;
    }
  }
  /**
   * Active jobs always, then the most recent finished ones until `limit` jobs in all.
   * Costs O(active + limit) reads; `all` reads every job.
   */
  list(opts) {
    const result = { records: [], corrupt: [] };
    const seen = /* @__PURE__ */ new Set();
    const take = (id) => {
      if (seen.has(id)) return;
      seen.add(id);
      try {
        const r = this.tryRead(id);
        if (r && (!opts.filter || opts.filter(r))) result.records.push(r);
      } catch (err) {
        result.corrupt.push({ id, error: err.message });
      }
    };
    for (const id of activeIds(this.layout)) take(id);
    if (opts.all) {
      for (const id of this.allIds()) take(id);
    } else {
      for (const id of historyNewestFirst(this.layout)) {
        if (result.records.length + result.corrupt.length >= opts.limit) break;
        take(id);
      }
    }
    result.records.sort((a, b) => a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0);
    return result;
  }
  readPrompt(id) {
    return readFileSync3(this.layout.promptPath(id), "utf8");
  }
  delete(id) {
    this.deleteMany([id]);
  }
  /** Removes job folders, then prunes the index once for all of them. */
  deleteMany(ids) {
    if (ids.length === 0) return;
    for (const id of ids) {
      withLock(this.layout.lockPath(id), () => {
        rmSync4(this.layout.turnSignalPath(id), { force: true });
        rmSync4(this.layout.jobDir(id), { recursive: true, force: true });
      });
    }
    for (const id of ids) removeNotes(this.layout.home, id);
    withLock(this.layout.indexLock, () => {
      for (const id of ids) markActive(this.layout, id, false);
      try {
        pruneHistory(this.layout, new Set(ids));
      } catch (err) {
        if (!(err instanceof StateRootError)) throw err;
      }
    });
  }
  /** A record as read from anywhere (a runner's last words), checked against the schema; null if it does not pass. */
  check(value) {
    try {
      return this.validate(value, "(a record kept outside the state root)");
    } catch {
      return null;
    }
  }
  validate(value, path) {
    const parsed = recordSchema.safeParse(value, { jitless: true });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CorruptRecordError(path, `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    }
    return parsed.data;
  }
};
function serialize(record) {
  return `${JSON.stringify(record, null, 2)}
`;
}

export {
  readProc,
  listProcesses,
  NOT_THE_AGENT,
  pidsWithEnv,
  procRefSchema,
  refStateOf,
  refState,
  refOf,
  selfRef,
  fromEarlierBoot,
  RECORD_VERSION,
  isTerminal,
  newId,
  isJobId,
  withLockAsync,
  leaveKillNote,
  leaveLastWords,
  readNotes,
  removeNotes,
  JobStore
};
