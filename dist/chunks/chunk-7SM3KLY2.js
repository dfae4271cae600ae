import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  REASONING,
  SANDBOXES
} from "./chunk-GJCWKZOD.js";
import {
  _enum,
  number,
  strictObject,
  string
} from "./chunk-R3LRDQ2H.js";
import {
  STATE_ROOT_CODES,
  StateRootError,
  UsageError,
  shown,
  visible
} from "./chunk-4XPRIXJ7.js";
import {
  __require
} from "./chunk-HANBNIMK.js";

// src/config.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
var fileSchema = strictObject({
  model: string().min(1).optional(),
  reasoning: _enum(REASONING).optional(),
  sandbox: _enum(SANDBOXES).optional(),
  inactivity_timeout_minutes: number().positive().max(7 * 24 * 60).optional(),
  startup_timeout_seconds: number().positive().max(3600).optional(),
  list_limit: number().int().positive().max(1e4).optional(),
  provider: string().optional()
});
var PROVIDER_NAMES = ["codex", "gemini"];
var SOCKET_RE = /^[A-Za-z0-9_.-]{1,64}$/;
var SESSION_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
var DEFAULT_STARTUP_TIMEOUT_S = 30;
function checkSessionId(value, source) {
  const v = value.trim();
  if (!SESSION_ID_RE.test(v)) throw new UsageError(`${source}: invalid session id ${shown(v)} (letters, digits, . _ : -, at most 128)`);
  return v;
}
function loadConfig(env = process.env) {
  const rawHome = env.CODEX_AGENT_HOME?.trim();
  if (rawHome !== void 0 && rawHome !== "" && !isAbsolute(rawHome)) {
    throw new UsageError(`CODEX_AGENT_HOME must be an absolute path, got ${shown(rawHome, 200)}`);
  }
  const home = checkHome(rawHome ? resolve(rawHome) : join(homedir(), ".codex-agent"), Boolean(rawHome));
  const tmuxSocket = env.CODEX_AGENT_TMUX_SOCKET?.trim() || void 0;
  if (tmuxSocket !== void 0 && !SOCKET_RE.test(tmuxSocket)) {
    throw new UsageError(`CODEX_AGENT_TMUX_SOCKET must be a plain socket name (letters, digits, _ . -, at most 64), got ${shown(tmuxSocket)}`);
  }
  const rawSession = env.CODEX_AGENT_PARENT_SESSION?.trim() || void 0;
  const parentSession = rawSession === void 0 ? void 0 : checkSessionId(rawSession, "CODEX_AGENT_PARENT_SESSION");
  return {
    home,
    parentSession,
    tmuxSocket,
    debug: env.CODEX_AGENT_DEBUG === "1",
    defaults: readDefaults(join(home, "config.yaml"))
  };
}
function checkHome(home, named) {
  const what = named ? `CODEX_AGENT_HOME=${visible(home, 200)}` : `the state root ${visible(home, 200)} (CODEX_AGENT_HOME is unset)`;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(home)) throw new UsageError(`CODEX_AGENT_HOME must not contain control characters, got ${shown(home, 200)}`);
  let st;
  try {
    st = statSync(home, { throwIfNoEntry: false });
  } catch (err) {
    const code = err.code;
    if (code === "ENOTDIR") throw new UsageError(`${what}: part of the path is a file, not a folder; point it at a folder, or at a path to create`, { cause: err });
    return home;
  }
  if (st && !st.isDirectory()) throw new UsageError(`${what} is not a folder; point it at a folder, or at a path to create`);
  return home;
}
function parseYaml(text) {
  return __require("../vendor/yaml.cjs").parse(text);
}
function readDefaults(path) {
  const base = { sandbox: "workspace-write", inactivityTimeoutMinutes: 60, startupTimeoutSeconds: DEFAULT_STARTUP_TIMEOUT_S, listLimit: 20 };
  if (!existsSync(path)) return base;
  let doc;
  try {
    doc = parseYaml(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UsageError(`${path}: not valid YAML (${err.message.split("\n")[0]})`, { cause: err });
  }
  if (doc === null || doc === void 0) return base;
  if (typeof doc !== "object" || Array.isArray(doc)) throw new UsageError(`${path}: must be a mapping of settings (key: value lines)`);
  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.map((k) => shown(k)).join(", ");
      throw new UsageError(`${path}: unknown key${issue.keys.length > 1 ? "s" : ""} ${keys} (known: ${Object.keys(fileSchema.shape).join(", ")})`);
    }
    throw new UsageError(`${path}: bad value for ${shown(issue.path.join("."))}: ${issue.message}`);
  }
  const c = parsed.data;
  if (c.provider !== void 0 && !PROVIDER_NAMES.includes(c.provider)) {
    throw new UsageError(`${path}: unknown provider ${shown(c.provider)} (known: ${PROVIDER_NAMES.join(", ")})`);
  }
  return {
    model: c.model,
    reasoning: c.reasoning,
    sandbox: c.sandbox ?? base.sandbox,
    inactivityTimeoutMinutes: c.inactivity_timeout_minutes ?? base.inactivityTimeoutMinutes,
    startupTimeoutSeconds: c.startup_timeout_seconds ?? base.startupTimeoutSeconds,
    listLimit: c.list_limit ?? base.listLimit,
    ...c.provider !== void 0 ? { provider: c.provider } : {}
  };
}

// src/store/private-fs.ts
import { chmodSync, closeSync, existsSync as existsSync2, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync as readFileSync2, renameSync, rmSync, statSync as statSync2, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, basename, join as join2 } from "node:path";

// src/store/state-root.ts
import { resolve as resolve2, sep } from "node:path";
var roots = /* @__PURE__ */ new Set();
function registerStateRoot(home) {
  roots.add(resolve2(home));
}
function rootOf(path) {
  const p = resolve2(path);
  let best = null;
  for (const r of roots) {
    if ((p === r || p.startsWith(r.endsWith(sep) ? r : `${r}${sep}`)) && (best === null || r.length > best.length)) best = r;
  }
  return best;
}
function isStateRootCode(code) {
  return typeof code === "string" && Object.hasOwn(STATE_ROOT_CODES, code);
}
function asStateRootError(err, path) {
  if (err instanceof StateRootError) return err;
  const e = err;
  if (!e || !isStateRootCode(e.code)) return err;
  const where = path ?? e.path;
  const home = where === void 0 ? null : rootOf(where);
  return home === null ? err : new StateRootError(home, e.code, void 0, { cause: err });
}
function mapWriteErrors(path, fn) {
  try {
    return fn();
  } catch (err) {
    throw asStateRootError(err, path);
  }
}

// src/store/private-fs.ts
var nodeCrypto;
function randomBytes(size) {
  nodeCrypto ??= createRequire(import.meta.url)("node:crypto");
  return nodeCrypto.randomBytes(size);
}
var DIR_MODE = 448;
var FILE_MODE = 384;
function ensurePrivateDir(path) {
  mapWriteErrors(path, () => {
    try {
      mkdirSync(path, { recursive: true, mode: DIR_MODE });
    } catch (err) {
      if (err.code !== "ENOENT" || !existsSync2(dirname(path))) throw err;
      mkdirSync(path, { mode: DIR_MODE });
    }
    if ((statSync2(path).mode & 511) !== DIR_MODE) chmodSync(path, DIR_MODE);
  });
}
function writeAll(fd, buf) {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}
function writeFileAtomic(path, data) {
  const tmp = join2(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(3).toString("hex")}.tmp`);
  let fd;
  try {
    fd = openSync(tmp, "wx", FILE_MODE);
  } catch (err) {
    throw asStateRootError(err, path);
  }
  try {
    writeAll(fd, typeof data === "string" ? Buffer.from(data) : data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw asStateRootError(err, path);
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw asStateRootError(err, path);
  }
}
function readIfExists(path) {
  try {
    return readFileSync2(path, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return null;
    throw err;
  }
}
function appendLine(path, line) {
  mapWriteErrors(path, () => {
    const fd = openSync(path, "a", FILE_MODE);
    try {
      const size = fstatSync(fd).size;
      const buf = Buffer.from(line.endsWith("\n") ? line : `${line}
`);
      let off = 0;
      try {
        while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      } catch (err) {
        try {
          if (off > 0 && fstatSync(fd).size === size + off) ftruncateSync(fd, size);
        } catch {
        }
        throw err;
      }
    } finally {
      closeSync(fd);
    }
  });
}

// src/util/child-env.ts
function childEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== void 0 && k !== "TMUX" && k !== "TMUX_PANE") out[k] = v;
  }
  return out;
}

// src/tmux/tmux.ts
import { rmSync as rmSync2 } from "node:fs";
import { stat } from "node:fs/promises";
import { isAbsolute as isAbsolute2, join as join3 } from "node:path";
var NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
var ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
var NO_SERVER_RE = /no server running|error connecting to|failed to connect to server|server exited unexpectedly|lost server/i;
var NOT_FOUND_RE = /can't find (session|window|pane)/i;
var SERVER_GONE_RE = /no server running|error connecting to .*\(No such file or directory\)|server exited unexpectedly|lost server/i;
var DEFAULT_WIDTH = 220;
var DEFAULT_HEIGHT = 50;
var CALL_TIMEOUT_MS = 15e3;
var TmuxError = class extends Error {
  name = "TmuxError";
  args;
  stderr;
  exitCode;
  constructor(message, details) {
    super(message, { cause: details.cause });
    this.args = details.args;
    this.stderr = details.stderr;
    this.exitCode = details.exitCode;
  }
};
function checkName(kind, name) {
  if (typeof name !== "string" || !NAME_RE.test(name)) {
    throw new TypeError(`invalid tmux ${kind} name: ${JSON.stringify(name)}`);
  }
}
var SEPARATOR = /* @__PURE__ */ Symbol("tmux command separator");
function parsePanes(stdout) {
  const out = /* @__PURE__ */ new Map();
  const num = (v) => /^\d+$/.test(v) ? Number(v) : null;
  for (const line of stdout.split("\n")) {
    const m = /^([01])\t(\d+)\t(\d*)\t(\d*)\t(.*)$/.exec(line);
    if (!m || out.has(m[5])) continue;
    const pid = Number(m[2]);
    out.set(m[5], m[1] === "1" ? { kind: "dead", pid, status: num(m[3]), signal: num(m[4]) } : { kind: "running", pid });
  }
  return out;
}
function parseVersion(v) {
  const m = /(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : null;
}
var Tmux = class {
  socket;
  bin;
  envFlag;
  constructor(opts = {}) {
    if (opts.socket !== void 0) checkName("socket", opts.socket);
    this.socket = opts.socket;
    this.bin = opts.bin ?? "tmux";
  }
  /** Version string such as "3.3a", or null when tmux cannot be run. */
  async version() {
    const r = await this.exec(["-V"]);
    if (!r.ok) return null;
    return r.stdout.trim().replace(/^tmux\s+/, "") || null;
  }
  /**
   * Start a detached session running argv directly. The session ends when the
   * command exits (tmux's default; remain-on-exit is left alone), so read the
   * final output before that or keep the program alive.
   */
  async newSession(name, opts) {
    checkName("session", name);
    const width = opts.width ?? DEFAULT_WIDTH;
    const height = opts.height ?? DEFAULT_HEIGHT;
    for (const n of [width, height]) {
      if (!Number.isInteger(n) || n < 1 || n > 1e4) throw new TypeError(`invalid pane size: ${n}`);
    }
    const launch = await this.launchArgs(opts);
    const args = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), ...launch];
    if (opts.remainOnExit) args.push(SEPARATOR, "set-option", "-w", "-t", `=${name}:`, "remain-on-exit", "on");
    await this.must(args);
  }
  /** Runs a program again in a session's dead pane (tmux refuses a live one), keeping its scrollback. */
  async respawnPane(name, opts) {
    checkName("session", name);
    await this.must(["respawn-pane", "-t", `=${name}:`, ...await this.launchArgs(opts)]);
  }
  /** The "-c cwd [-e VAR=value...] -- argv" part shared by new-session and respawn-pane. */
  async launchArgs(opts) {
    const { argv, cwd } = opts;
    if (!Array.isArray(argv) || argv.length === 0 || argv.some((a) => typeof a !== "string") || argv[0] === "") {
      throw new TypeError("argv must be a non-empty array of strings");
    }
    if (typeof cwd !== "string" || !isAbsolute2(cwd)) throw new TypeError(`cwd must be an absolute path: ${cwd}`);
    const st = await stat(cwd).catch(() => null);
    if (!st?.isDirectory()) throw new TypeError(`cwd is not a directory: ${cwd}`);
    const assignments = Object.entries(opts.env ?? {}).map(([k, v]) => {
      if (!ENV_NAME_RE.test(k)) throw new TypeError(`invalid environment variable name: ${JSON.stringify(k)}`);
      if (typeof v !== "string" || v.includes("\0")) throw new TypeError(`invalid value for ${k}`);
      return `${k}=${v}`;
    });
    const args = ["-c", cwd];
    let command = argv;
    const envFlag = assignments.length > 0 && await this.supportsEnvFlag();
    if (envFlag) for (const a of assignments) args.push("-e", a);
    if (argv.length === 1 || assignments.length > 0 && !envFlag) {
      if (argv[0].includes("=")) throw new TypeError(`program name must not contain "=": ${argv[0]}`);
      command = ["/usr/bin/env", "--", ...envFlag ? [] : assignments, ...argv];
    }
    return [...args, "--", ...command];
  }
  async hasSession(name) {
    checkName("session", name);
    return this.queryOk(["has-session", "-t", `=${name}`]);
  }
  /** Returns false (no throw) when the session or server was not there. */
  async killSession(name) {
    checkName("session", name);
    return this.queryOk(["kill-session", "-t", `=${name}`]);
  }
  async capturePane(name, opts = {}) {
    checkName("session", name);
    const args = ["capture-pane", "-p", "-t", `=${name}:`];
    if (opts.lines !== void 0) {
      if (!Number.isInteger(opts.lines) || opts.lines < 0) throw new TypeError(`invalid lines: ${opts.lines}`);
      args.push("-S", `-${opts.lines}`);
    }
    if (opts.ansi) args.push("-e");
    if (opts.join) args.push("-J");
    return (await this.must(args)).stdout;
  }
  async listSessions() {
    const args = ["list-sessions", "-F", "#{session_created}	#{session_attached}	#{session_name}"];
    const r = await this.exec(args);
    if (!r.ok) {
      if (NO_SERVER_RE.test(r.stderr)) return [];
      throw this.toError(args, r);
    }
    const out = [];
    for (const line of r.stdout.split("\n")) {
      const m = /^(\d+)\t(\d+)\t(.*)$/.exec(line);
      if (!m) continue;
      out.push({ name: m[3], createdAt: new Date(Number(m[1]) * 1e3), attached: Number(m[2]) > 0 });
    }
    return out;
  }
  /**
   * Every session's first pane in one call, or null when no server runs on this socket (it was
   * killed, crashed, or its last session closed).
   */
  async panes() {
    const args = ["list-panes", "-a", "-F", "#{pane_dead}	#{pane_pid}	#{pane_dead_status}	#{pane_dead_signal}	#{session_name}"];
    const r = await this.exec(args);
    if (!r.ok) {
      if (SERVER_GONE_RE.test(r.stderr)) return null;
      if (/no current target/i.test(r.stderr)) return /* @__PURE__ */ new Map();
      throw this.toError(args, r);
    }
    return parsePanes(r.stdout);
  }
  /** PID of the process running in the session's first pane, or null if there is no such session. */
  async panePid(name) {
    checkName("session", name);
    const args = ["list-panes", "-s", "-t", `=${name}:`, "-F", "#{pane_pid}"];
    const r = await this.exec(args);
    if (!r.ok) {
      if (NO_SERVER_RE.test(r.stderr) || NOT_FOUND_RE.test(r.stderr)) return null;
      throw this.toError(args, r);
    }
    const pid = Number.parseInt(r.stdout.split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  }
  /** The argv a user runs to attach to the session. */
  attachArgv(name) {
    checkName("session", name);
    return [this.bin, ...this.socketArgs(), "attach-session", "-t", `=${name}`];
  }
  /** Send key names such as 'Enter', 'Escape', 'C-c' (not literal text). */
  async sendKeys(name, keys) {
    checkName("session", name);
    if (keys.length === 0 || keys.some((k) => typeof k !== "string" || k === "")) {
      throw new TypeError("keys must be non-empty strings");
    }
    await this.must(["send-keys", "-t", `=${name}:`, "--", ...keys]);
  }
  async loadBuffer(bufferName, filePath) {
    checkName("buffer", bufferName);
    if (typeof filePath !== "string" || !isAbsolute2(filePath)) {
      throw new TypeError(`buffer file must be an absolute path: ${filePath}`);
    }
    await this.must(["load-buffer", "-b", bufferName, "--", filePath]);
  }
  /**
   * Paste a buffer into the session's pane. bracketed adds paste markers only
   * if the application enabled bracketed paste mode. tmux turns LF into CR.
   */
  async pasteBuffer(bufferName, target, opts = {}) {
    checkName("buffer", bufferName);
    checkName("session", target);
    const args = ["paste-buffer", "-b", bufferName, "-t", `=${target}:`];
    if (opts.bracketed ?? true) args.push("-p");
    if (opts.deleteAfter ?? true) args.push("-d");
    await this.must(args);
  }
  baseArgs() {
    return ["-u", ...this.socketArgs()];
  }
  socketArgs() {
    return this.socket === void 0 ? [] : ["-L", this.socket];
  }
  supportsEnvFlag() {
    this.envFlag ??= this.version().then((v) => {
      const parsed = v === null ? null : parseVersion(v);
      return parsed === null || parsed[0] > 3 || parsed[0] === 3 && parsed[1] >= 2;
    });
    return this.envFlag;
  }
  /** Ends the whole server of this socket (private sockets only: tests and selftest), and removes its socket file. */
  async killServer() {
    if (this.socket === void 0) throw new TypeError("refusing to kill the default tmux server");
    const killed = await this.queryOk(["kill-server"]);
    const uid = process.getuid?.();
    if (uid !== void 0) rmSync2(join3(process.env.TMUX_TMPDIR || "/tmp", `tmux-${uid}`, this.socket), { force: true });
    return killed;
  }
  /** True on success; false when the target or server is missing; throws otherwise. */
  async queryOk(args) {
    const r = await this.exec(args);
    if (r.ok) return true;
    if (NO_SERVER_RE.test(r.stderr) || NOT_FOUND_RE.test(r.stderr)) return false;
    throw this.toError(args, r);
  }
  async must(args) {
    const r = await this.exec(args);
    if (!r.ok) throw this.toError(args, r);
    return r;
  }
  async exec(args) {
    const full = [...this.baseArgs(), ...args.map((a) => a === SEPARATOR ? ";" : a.endsWith(";") ? `${a.slice(0, -1)}\\;` : a)];
    const { execa } = await import("./execa-DQSPMTIE.js");
    const r = await execa(this.bin, full, { reject: false, stdin: "ignore", timeout: CALL_TIMEOUT_MS });
    const stdout = typeof r.stdout === "string" ? r.stdout : "";
    const stderr = typeof r.stderr === "string" ? r.stderr.trim() : "";
    if (!r.failed) return { ok: true, stdout, stderr };
    return { ok: false, stdout, stderr, exitCode: r.exitCode, error: r };
  }
  toError(args, r) {
    const err = r.error;
    const line = r.stderr.split("\n")[0] ?? "";
    const why = err?.code === "ENOENT" ? `${this.bin} not found` : err?.timedOut === true ? `timed out after ${CALL_TIMEOUT_MS}ms` : line || `exit code ${r.exitCode ?? "unknown"}`;
    return new TmuxError(`tmux ${String(args[0])} failed: ${why}`, {
      args: args.map((a) => a === SEPARATOR ? ";" : a),
      stderr: r.stderr,
      exitCode: r.exitCode,
      cause: r.error
    });
  }
};

export {
  SESSION_ID_RE,
  DEFAULT_STARTUP_TIMEOUT_S,
  checkSessionId,
  loadConfig,
  registerStateRoot,
  asStateRootError,
  mapWriteErrors,
  DIR_MODE,
  FILE_MODE,
  ensurePrivateDir,
  writeAll,
  writeFileAtomic,
  readIfExists,
  appendLine,
  childEnv,
  Tmux
};
