import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  execa
} from "./chunk-L4BQNJLZ.js";
import {
  ensurePrivateDir,
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";
import {
  _enum,
  array,
  boolean,
  discriminatedUnion,
  literal,
  number,
  object,
  record,
  string,
  unknown
} from "./chunk-R3LRDQ2H.js";
import {
  UsageError
} from "./chunk-4XPRIXJ7.js";

// src/util/package-root.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var cached;
function packageRoot() {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, "utf8")).name === "codex-orchestrator") return cached = dir;
      } catch {
      }
    }
    dir = dirname(dir);
  }
  throw new Error("cannot find the codex-orchestrator package root");
}
function cliEntry() {
  return join(packageRoot(), "dist", "cli.js");
}

// src/util/which.ts
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join as join2 } from "node:path";
function which(name, pathVar = process.env.PATH) {
  if (name.includes("/")) return isExecutable(name) && isAbsolute(name) ? name : null;
  for (const dir of (pathVar ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join2(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

// src/providers/hook-log.ts
var HOOK_LOG = "agent-hooks.jsonl";

// src/providers/index.ts
import { pathToFileURL } from "node:url";
import { isAbsolute as isAbsolute2 } from "node:path";

// src/providers/codex/provider.ts
import { homedir } from "node:os";
import { join as join5 } from "node:path";

// src/util/line-follower.ts
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
var LineFollower = class {
  /** `offset` starts reading there (records before it are known already). */
  constructor(locate, parse, knownPath, offset = 0) {
    this.locate = locate;
    this.parse = parse;
    this.path = knownPath ?? null;
    this.offset = offset;
  }
  locate;
  parse;
  path;
  offset;
  carry = Buffer.alloc(0);
  get file() {
    return this.path;
  }
  /** What was appended since the last read ([] while the file does not exist yet). */
  readNew() {
    this.path ??= this.locate();
    if (!this.path) return [];
    let fd;
    try {
      fd = openSync(this.path, "r");
    } catch {
      return [];
    }
    try {
      const size = fstatSync(fd).size;
      if (size <= this.offset) return [];
      const buf = Buffer.alloc(size - this.offset);
      readSync(fd, buf, 0, buf.length, this.offset);
      this.offset = size;
      const all = Buffer.concat([this.carry, buf]);
      const end = all.lastIndexOf(10);
      this.carry = Buffer.from(all.subarray(end + 1));
      const lines = end < 0 ? [] : all.subarray(0, end).toString("utf8").split("\n");
      return lines.flatMap((line) => this.parse(line));
    } finally {
      closeSync(fd);
    }
  }
};

// src/providers/file-end.ts
import { statSync as statSync2 } from "node:fs";
function fileEnd(path) {
  if (!path) return null;
  try {
    return { path, size: statSync2(path).size };
  } catch {
    return null;
  }
}

// src/providers/codex/args.ts
function execTurnArgs(spec) {
  const common = ["--json", "--skip-git-repo-check"];
  if (spec.model) common.push("-m", spec.model);
  if (spec.reasoning) common.push("-c", `model_reasoning_effort="${spec.reasoning}"`);
  if (spec.threadId) {
    return ["exec", "resume", spec.threadId, ...common, "-c", `sandbox_mode="${spec.sandbox}"`, "-"];
  }
  return ["exec", ...common, "-s", spec.sandbox, "-C", spec.cwd, "-"];
}
function parseCodexVersion(output) {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  return m ? m[0] : null;
}

// src/util/json-line.ts
function parseJsonLine(line) {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return void 0;
  try {
    return JSON.parse(trimmed);
  } catch {
    return void 0;
  }
}

// src/providers/codex/exec-events.ts
var count = number().int().nonnegative().catch(0);
var ThreadStarted = object({ type: literal("thread.started"), thread_id: string().min(1) });
var TurnStarted = object({ type: literal("turn.started") });
var TurnCompleted = object({
  type: literal("turn.completed"),
  usage: object({
    input_tokens: count,
    cached_input_tokens: count,
    output_tokens: count,
    reasoning_output_tokens: count
  })
});
var TurnFailed = object({ type: literal("turn.failed"), error: object({ message: string() }) });
var TopError = object({ type: literal("error"), message: string() });
var ItemEvent = object({
  type: _enum(["item.started", "item.updated", "item.completed"]),
  item: object({ type: string() }).loose()
});
var AgentMessageItem = object({ type: literal("agent_message"), text: string() });
var CommandItem = object({
  type: literal("command_execution"),
  command: string(),
  aggregated_output: string().catch(""),
  exit_code: number().int().nullable().catch(null),
  status: string().catch("")
});
var FileChangeItem = object({
  type: literal("file_change"),
  changes: array(object({ path: string(), kind: _enum(["add", "update", "delete"]) }))
});
var ErrorItem = object({ type: literal("error"), message: string() });
var CompletedItem = discriminatedUnion("type", [AgentMessageItem, CommandItem, FileChangeItem, ErrorItem]);
function completedItem(item) {
  const r = CompletedItem.safeParse(item);
  if (!r.success) return { kind: "unknown", type: `item.completed:${item.type}` };
  const it = r.data;
  switch (it.type) {
    case "agent_message":
      return { kind: "agent_message", text: it.text };
    case "command_execution":
      return { kind: "command", command: it.command, exitCode: it.exit_code, output: it.aggregated_output, status: it.status };
    case "file_change":
      return { kind: "file_change", changes: it.changes.map((c) => ({ path: c.path, kind: c.kind })) };
    case "error":
      return { kind: "warning", message: it.message };
  }
}
function fromObject(obj) {
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return null;
  const type = obj.type;
  if (typeof type !== "string") return null;
  const unknown2 = { kind: "unknown", type };
  switch (type) {
    case "thread.started": {
      const r = ThreadStarted.safeParse(obj);
      return r.success ? { kind: "thread_started", threadId: r.data.thread_id } : unknown2;
    }
    case "turn.started":
      return TurnStarted.safeParse(obj).success ? { kind: "turn_started" } : unknown2;
    case "turn.completed": {
      const r = TurnCompleted.safeParse(obj);
      if (!r.success) return unknown2;
      const u = r.data.usage;
      return {
        kind: "turn_completed",
        usage: { input: u.input_tokens, cachedInput: u.cached_input_tokens, output: u.output_tokens, reasoningOutput: u.reasoning_output_tokens }
      };
    }
    case "turn.failed": {
      const r = TurnFailed.safeParse(obj);
      return r.success ? { kind: "turn_failed", message: r.data.error.message } : unknown2;
    }
    case "error": {
      const r = TopError.safeParse(obj);
      return r.success ? { kind: "warning", message: r.data.message } : unknown2;
    }
    case "item.started":
    case "item.completed": {
      const r = ItemEvent.safeParse(obj);
      if (!r.success) return unknown2;
      const item = r.data.item;
      if (type === "item.completed") return completedItem(item);
      const command = typeof item.command === "string" ? item.command : void 0;
      return command === void 0 ? { kind: "item_started", itemType: item.type } : { kind: "item_started", itemType: item.type, command };
    }
    default:
      return unknown2;
  }
}
function parseExecLine(line) {
  const obj = parseJsonLine(line);
  return obj === void 0 ? null : fromObject(obj);
}
var ERROR_PATTERNS = [
  ["context_window", /out of room in the model's context window|context_length_exceeded|context window exceeded/i],
  ["stream_disconnected", /stream disconnected before completion|error decoding response body/i],
  ["unauthorized", /status 40[13]\b|401 Unauthorized|403 Forbidden|invalid_api_key|incorrect api key/i],
  ["server_error", /status 5\d\d\b|experiencing high demand|internal server error|service unavailable|bad gateway|server_error/i]
];
function classifyModelError(message) {
  for (const [cls, re] of ERROR_PATTERNS) if (re.test(message)) return cls;
  return "other";
}

// src/providers/codex/rollout.ts
import { fileURLToPath as fileURLToPath2 } from "node:url";
var Line = object({ type: string(), payload: unknown() });
var Typed = object({ type: string() }).loose();
var nullableNumber = number().nullable().optional().catch(null);
var SessionMeta = object({
  id: string(),
  cwd: string(),
  originator: string().catch(""),
  source: unknown()
});
var TaskStarted = object({ turn_id: string(), model_context_window: nullableNumber });
var TaskComplete = object({
  turn_id: string(),
  last_agent_message: string().nullable().optional().catch(null),
  duration_ms: nullableNumber,
  error: object({ message: string().optional(), codex_error_info: unknown() }).nullable().optional().catch(null)
});
var TurnAborted = object({ turn_id: string().nullable().optional().catch(null), reason: string().catch("unknown") });
var RawUsage = object({
  input_tokens: number(),
  cached_input_tokens: number().catch(0),
  output_tokens: number(),
  reasoning_output_tokens: number().catch(0),
  total_tokens: number()
});
var TokenCount = object({
  info: object({
    total_token_usage: RawUsage.nullable().optional().catch(null),
    last_token_usage: RawUsage.nullable().optional().catch(null),
    model_context_window: nullableNumber
  }).nullable().optional().catch(null)
});
var TextParts = array(object({ text: string() }).loose()).catch([]);
var CommandExecution = object({
  command: array(string()),
  cwd: string().nullable().optional().catch(null),
  exit_code: number().int().nullable().optional().catch(null),
  aggregated_output: string().nullable().optional().catch("")
});
var FileChange = object({
  changes: record(string(), object({ type: _enum(["add", "update", "delete"]) }).loose())
});
function usage(u) {
  if (!u) return null;
  return {
    input: u.input_tokens,
    cachedInput: u.cached_input_tokens,
    output: u.output_tokens,
    reasoningOutput: u.reasoning_output_tokens,
    total: u.total_tokens
  };
}
function turnError(e) {
  if (!e) return null;
  const info = e.codex_error_info;
  const out = { code: "unknown" };
  if (typeof info === "string") out.code = info;
  else if (typeof info === "object" && info !== null) {
    const [key, val] = Object.entries(info)[0] ?? [];
    if (key) out.code = key;
    const status = val?.http_status_code;
    if (typeof status === "number") out.httpStatus = status;
  }
  if (e.message !== void 0) out.message = e.message;
  return out;
}
function pathOf(cwd) {
  if (!cwd) return null;
  if (!cwd.startsWith("file://")) return cwd;
  try {
    return fileURLToPath2(cwd);
  } catch {
    return cwd;
  }
}
function itemCompleted(item) {
  const t = Typed.safeParse(item);
  if (!t.success) return { kind: "other", type: "item_completed" };
  const other = { kind: "other", type: `item_completed:${t.data.type}` };
  switch (t.data.type) {
    case "CommandExecution": {
      const r = CommandExecution.safeParse(item);
      if (!r.success) return other;
      return { kind: "command", command: r.data.command, cwd: pathOf(r.data.cwd), exitCode: r.data.exit_code ?? null, output: r.data.aggregated_output ?? "" };
    }
    case "FileChange": {
      const r = FileChange.safeParse(item);
      if (!r.success) return other;
      return { kind: "file_change", changes: Object.entries(r.data.changes).map(([path, c]) => ({ path, kind: c.type })) };
    }
    case "AgentMessage":
    case "UserMessage": {
      const text = TextParts.parse(t.data.content).map((p) => p.text).join("");
      return t.data.type === "AgentMessage" ? { kind: "agent_message", text } : { kind: "user_message", text };
    }
    default:
      return other;
  }
}
function eventMsg(payload) {
  const t = Typed.safeParse(payload);
  if (!t.success) return { kind: "other", type: "event_msg" };
  const type = t.data.type;
  const other = { kind: "other", type };
  switch (type) {
    case "task_started": {
      const r = TaskStarted.safeParse(payload);
      return r.success ? { kind: "task_started", turnId: r.data.turn_id, contextWindow: r.data.model_context_window ?? null } : other;
    }
    case "task_complete": {
      const r = TaskComplete.safeParse(payload);
      if (!r.success) return other;
      return {
        kind: "task_complete",
        turnId: r.data.turn_id,
        lastAgentMessage: r.data.last_agent_message ?? null,
        durationMs: r.data.duration_ms ?? null,
        error: turnError(r.data.error)
      };
    }
    case "turn_aborted": {
      const r = TurnAborted.safeParse(payload);
      return r.success ? { kind: "turn_aborted", turnId: r.data.turn_id ?? null, reason: r.data.reason } : other;
    }
    case "token_count": {
      const r = TokenCount.safeParse(payload);
      if (!r.success) return other;
      const info = r.data.info;
      return {
        kind: "token_count",
        total: usage(info?.total_token_usage),
        last: usage(info?.last_token_usage),
        contextWindow: info?.model_context_window ?? null
      };
    }
    case "item_completed":
      return itemCompleted(t.data.item);
    default:
      return other;
  }
}
function parseRolloutLine(line) {
  const obj = parseJsonLine(line);
  if (obj === void 0) return null;
  const rec = Line.safeParse(obj);
  if (!rec.success) return null;
  const { type, payload } = rec.data;
  if (type === "event_msg") return eventMsg(payload);
  if (type === "session_meta") {
    const r = SessionMeta.safeParse(payload);
    if (!r.success) return { kind: "other", type };
    const src = r.data.source;
    return {
      kind: "session_meta",
      threadId: r.data.id,
      cwd: r.data.cwd,
      originator: r.data.originator,
      source: typeof src === "string" ? src : JSON.stringify(src ?? null)
    };
  }
  const sub = Typed.safeParse(payload);
  return { kind: "other", type: sub.success ? `${type}:${sub.data.type}` : type };
}

// src/providers/codex/events.ts
function errorKindOf(e) {
  if (e.code === "context_window_exceeded") return "context_window";
  if (e.httpStatus === 401 || e.httpStatus === 403) return "unauthorized";
  if (e.code === "internal_server_error" || e.httpStatus !== void 0 && e.httpStatus >= 500) return "server_error";
  return e.message ? classifyModelError(e.message) : "other";
}
function fromExecEvent(ev) {
  switch (ev.kind) {
    case "thread_started":
      return [{ kind: "thread_started", threadId: ev.threadId }];
    case "turn_started":
      return [{ kind: "turn_started", turnId: null, contextWindow: null }];
    case "agent_message":
      return [{ kind: "agent_message", text: ev.text }];
    case "command":
      return [{ kind: "command", command: ev.command, exitCode: ev.exitCode, output: ev.output }];
    case "file_change":
      return [{ kind: "file_change", changes: ev.changes }];
    case "item_started":
      return ev.command === void 0 ? [] : [{ kind: "command_started", command: ev.command }];
    case "warning":
      return [{ kind: "warning", message: ev.message }];
    case "turn_completed":
      return [
        { kind: "tokens", total: ev.usage, lastContext: null, contextWindow: null },
        { kind: "turn_completed", turnId: null, message: null }
      ];
    case "turn_failed":
      return [{ kind: "turn_failed", turnId: null, error: ev.message, errorKind: classifyModelError(ev.message) }];
    default:
      return [];
  }
}
function fromRolloutEvent(ev) {
  switch (ev.kind) {
    case "session_meta":
      return [{ kind: "thread_started", threadId: ev.threadId }];
    case "task_started":
      return [{ kind: "turn_started", turnId: ev.turnId, contextWindow: ev.contextWindow }];
    case "task_complete":
      return ev.error ? [{ kind: "turn_failed", turnId: ev.turnId, error: ev.error.message ?? ev.error.code, errorKind: errorKindOf(ev.error) }] : [{ kind: "turn_completed", turnId: ev.turnId, message: ev.lastAgentMessage }];
    case "turn_aborted":
      return [{ kind: "turn_aborted", turnId: ev.turnId, reason: ev.reason }];
    case "token_count": {
      const total = ev.total && ev.total.total > 0 ? ev.total : null;
      if (!total && !ev.last && !ev.contextWindow) return [];
      return [
        {
          kind: "tokens",
          total: total && { input: total.input, cachedInput: total.cachedInput, output: total.output, reasoningOutput: total.reasoningOutput },
          lastContext: ev.last ? ev.last.total : null,
          contextWindow: ev.contextWindow
        }
      ];
    }
    case "command":
      return [{ kind: "command", command: ev.command.join(" "), exitCode: ev.exitCode, output: ev.output }];
    case "file_change":
      return [{ kind: "file_change", changes: ev.changes }];
    case "agent_message":
      return [{ kind: "agent_message", text: ev.text }];
    case "user_message":
      return [{ kind: "user_message" }];
    default:
      return [];
  }
}
function execLineEvents(line) {
  const ev = parseExecLine(line);
  return ev ? fromExecEvent(ev) : [];
}
function rolloutLineEvents(line) {
  const ev = parseRolloutLine(line);
  return ev ? fromRolloutEvent(ev) : [];
}

// src/providers/locate-bin.ts
import { join as join3, resolve } from "node:path";
function locateBin(command, envName, explicit, pathVar = process.env.PATH) {
  if (explicit) {
    const found = explicit.includes("/") ? isExecutable(resolve(explicit)) ? resolve(explicit) : null : which(explicit, pathVar);
    return found ? { path: found, source: envName } : null;
  }
  const onPath = which(command, pathVar);
  if (onPath) return { path: onPath, source: "PATH" };
  try {
    const bundled = join3(packageRoot(), "node_modules", ".bin", command);
    if (isExecutable(bundled)) return { path: bundled, source: "package" };
  } catch {
  }
  return null;
}

// src/providers/codex/locate.ts
function locateCodex(explicit, pathVar = process.env.PATH) {
  return locateBin("codex", "CODEX_AGENT_CODEX_BIN", explicit, pathVar);
}

// src/providers/codex/toml.ts
function tomlString(value) {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (code < 32 || code === 127) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}
function tomlStringArray(values) {
  return `[${values.map(tomlString).join(",")}]`;
}
function tomlInlineTable(entries) {
  return `{${entries.map(([k, v]) => `${tomlString(k)}=${v}`).join(",")}}`;
}

// src/providers/codex/tui-args.ts
function tuiArgs(spec, prep = []) {
  const args = [...spec.resume ? ["resume"] : [], "--no-alt-screen", "-s", spec.sandbox, "-a", "never", "-C", spec.cwd];
  if (spec.model) args.push("-m", spec.model);
  if (spec.reasoning) args.push("-c", `model_reasoning_effort=${tomlString(spec.reasoning)}`);
  args.push("-c", `projects=${tomlInlineTable([[spec.cwd, '{trust_level="trusted"}']])}`);
  args.push(...prep);
  args.push("-c", `notify=${tomlStringArray(spec.notify)}`);
  const positional = [...spec.resume ? [spec.resume] : [], ...spec.prompt !== void 0 ? [spec.prompt] : []];
  if (positional.length > 0) args.push("--", ...positional);
  return args;
}
function migrationOverrides(pairs) {
  if (pairs.length === 0) return [];
  return ["-c", `notice.model_migrations=${tomlInlineTable(pairs.map(([from, to]) => [from, tomlString(to)]))}`];
}
var MAX_MESSAGE_CHARS = 1048576;
var MAX_ARGV_PROMPT_BYTES = 100 * 1024;
function parseMigrations(modelsJson) {
  let doc;
  try {
    doc = JSON.parse(modelsJson);
  } catch {
    return [];
  }
  if (typeof doc !== "object" || doc === null) return [];
  const models = doc.models;
  if (!Array.isArray(models)) return [];
  const pairs = [];
  for (const m of models) {
    if (typeof m !== "object" || m === null) continue;
    const slug = m.slug;
    const to = m.upgrade?.model;
    if (typeof slug === "string" && typeof to === "string") pairs.push([slug, to]);
  }
  return pairs;
}

// src/providers/codex/migrations.ts
async function migrationNotices(bin, env) {
  const res = await execa(bin, ["debug", "models"], { env, extendEnv: false, reject: false, timeout: 15e3, stdin: "ignore" });
  const pairs = parseMigrations(`${res.stdout ?? ""}`);
  return pairs.length > 0 ? pairs : [["gpt-5.5", "gpt-6-sol"]];
}

// src/providers/codex/rollout-file.ts
import { readdirSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join as join4 } from "node:path";
var UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isThreadId(s) {
  return UUID_RE.test(s);
}
function datedDirsSync(dir, width) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const re = new RegExp(`^\\d{${width}}$`);
  return names.filter((n) => re.test(n)).sort().reverse();
}
async function datedDirs(dir, width) {
  return datedDirsSync(dir, width);
}
function findRolloutFile(codexHome, threadId) {
  if (!isThreadId(threadId)) return null;
  const suffix = `-${threadId.toLowerCase()}.jsonl`;
  const root = join4(codexHome, "sessions");
  for (const y of datedDirsSync(root, 4)) {
    for (const m of datedDirsSync(join4(root, y), 2)) {
      for (const d of datedDirsSync(join4(root, y, m), 2)) {
        const day = join4(root, y, m, d);
        let files;
        try {
          files = readdirSync(day);
        } catch {
          continue;
        }
        const hit = files.filter((f) => f.startsWith("rollout-") && f.toLowerCase().endsWith(suffix)).sort().at(-1);
        if (hit) return join4(day, hit);
      }
    }
  }
  return null;
}
async function recentRolloutFiles(codexHome, days = 2) {
  const root = join4(codexHome, "sessions");
  const out = [];
  let seen = 0;
  for (const y of await datedDirs(root, 4)) {
    for (const m of await datedDirs(join4(root, y), 2)) {
      for (const d of await datedDirs(join4(root, y, m), 2)) {
        if (seen++ >= days) return out;
        const day = join4(root, y, m, d);
        try {
          out.push(...(await readdir(day)).filter((f) => f.startsWith("rollout-") && f.endsWith(".jsonl")).map((f) => join4(day, f)));
        } catch {
        }
      }
    }
  }
  return out;
}

// src/providers/codex/thread-finder.ts
import { lstatSync, readdirSync as readdirSync2, readlinkSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
var ROLLOUT_RE = /rollout-[^/]*?-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/;
function threadIdOfRollout(path) {
  return ROLLOUT_RE.exec(path)?.[1] ?? null;
}
function rolloutPaths(paths) {
  return paths.filter((p) => p.includes("/sessions/") && ROLLOUT_RE.test(p));
}
async function openFilesForWriting(pids) {
  const out = [];
  let procWorked = false;
  for (const pid of pids) {
    let fds;
    try {
      fds = readdirSync2(`/proc/${pid}/fd`);
      procWorked = true;
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = `/proc/${pid}/fd/${fd}`;
        if ((lstatSync(link).mode & 128) !== 0) out.push(readlinkSync(link));
      } catch {
      }
    }
  }
  if (procWorked || pids.length === 0) return out;
  const res = await execa("lsof", ["-n", "-P", "-F", "an", "-p", pids.join(",")], { reject: false, timeout: 1e4, stdin: "ignore" });
  return writtenFromLsof(`${res.stdout ?? ""}`);
}
function writtenFromLsof(output) {
  const out = [];
  let access = "";
  for (const line of output.split("\n")) {
    if (line.startsWith("f")) access = "";
    else if (line.startsWith("a")) access = line.slice(1);
    else if (line.startsWith("n") && (access === "w" || access === "u")) out.push(line.slice(1));
  }
  return out;
}
async function findOpenRollout(pids, taken = /* @__PURE__ */ new Set()) {
  return rolloutPaths(await openFilesForWriting(pids)).find((p) => !taken.has(threadIdOfRollout(p) ?? "")) ?? null;
}
async function findRolloutByContent(codexHome, opts) {
  for (const path of await recentRolloutFiles(codexHome)) {
    const thread = threadIdOfRollout(path);
    if (!thread || opts.taken.has(thread)) continue;
    try {
      if ((await stat(path)).mtimeMs < opts.sinceMs) continue;
      const head = (await readFile(path, "utf8")).split("\n").slice(0, 200);
      let cwdMatches = false;
      for (const line of head) {
        const ev = parseRolloutLine(line);
        if (ev?.kind === "session_meta") cwdMatches = ev.cwd === opts.cwd && ev.originator === "codex-tui";
        if (ev?.kind === "user_message") {
          if (cwdMatches && ev.text.trim() === opts.prompt.trim()) return path;
          break;
        }
      }
    } catch {
    }
  }
  return null;
}

// src/providers/codex/tui-chrome.ts
var PROMPT_RE = /^› /;
var HINT_RE = /for shortcuts|· f2 to view|esc close|enter insert|esc to (cancel|go back)/;
var BAR_LINE_RE = /^ {2}\S/;
var SPINNER_RE = /^• Working \(.*esc to interrupt\)\s*$|^\s*[⠁-⣿] /;
var FOOTER_RE = /^ {2}Worked for \S+(?: \S+)? • \d{1,2}:\d{2}\s*$/;
var TIP_RE = /^ {2}Tip: /;
function stripTuiChrome(text) {
  const lines = text.split("\n");
  const firstPrompt = lines.findIndex((l) => PROMPT_RE.test(l));
  let end = lines.length;
  const lastPrompt = findLastIndex(lines, (l) => PROMPT_RE.test(l));
  if (lastPrompt >= 0) {
    const below = lines.slice(lastPrompt + 1).filter((l) => l.trim() !== "");
    if (below.length <= 4 && below.some((l) => HINT_RE.test(l)) && below.every((l) => BAR_LINE_RE.test(l))) end = lastPrompt;
  }
  let spinner = end - 1;
  while (spinner >= 0 && lines[spinner].trim() === "") spinner--;
  const kept = [];
  for (let i = 0; i < end; i++) {
    const line = lines[i];
    if (i === spinner && SPINNER_RE.test(line)) continue;
    if ((firstPrompt < 0 || i < firstPrompt) && TIP_RE.test(line)) continue;
    if (FOOTER_RE.test(line)) continue;
    kept.push(line);
  }
  const body = kept.join("\n").replace(/\n{3,}/g, "\n\n");
  return /\s$/.test(text) ? body.replace(/\s*$/, "\n") : body;
}
function findLastIndex(items, pred) {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i])) return i;
  return -1;
}

// src/providers/codex/provider.ts
var CODEX_TESTED = { min: "0.169", max: "0.171" };
var CONTENT_SCAN_AFTER_MS = 3e3;
function notifiedThread(payload) {
  try {
    const id = JSON.parse(payload)["thread-id"];
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}
function endsInMention(text) {
  return /(^|\s)[$@]\S*$/.test(text);
}
function showsComposer(screen) {
  return screen.split("\n").some((l) => l.startsWith("\u203A "));
}
function showsPendingSteer(screen, message) {
  const head = (message.split("\n").find((l) => l.trim() !== "") ?? "").trim().slice(0, 40);
  return head !== "" && screen.split("\n").some((l) => l.trimStart().startsWith("\u21B3") && l.includes(head));
}
var codex = {
  name: "codex",
  label: "Codex",
  binEnv: "CODEX_AGENT_CODEX_BIN",
  installHint: "npm install -g @openai/codex",
  tested: CODEX_TESTED,
  locate(env) {
    return locateCodex(env.CODEX_AGENT_CODEX_BIN?.trim() || void 0, env.PATH);
  },
  async version(bin, env) {
    const res = await execa(bin, ["--version"], { env, extendEnv: false, reject: false, timeout: 15e3, stdin: "ignore" });
    return parseCodexVersion(`${res.stdout ?? ""}`);
  },
  home(env) {
    return env.CODEX_HOME || join5(env.HOME || homedir(), ".codex");
  },
  // Codex takes its run's settings as arguments (-c): nothing to add to the environment.
  runEnv: () => ({}),
  execArgs: (spec) => execTurnArgs(spec),
  parseExecLine: execLineEvents,
  async interactivePrep(bin, env) {
    return migrationOverrides(await migrationNotices(bin, env));
  },
  interactiveArgs: (spec, prep) => tuiArgs(spec, prep),
  maxArgvPromptBytes: MAX_ARGV_PROMPT_BYTES,
  maxMessageChars: MAX_MESSAGE_CHARS,
  follow(home, threadId, file, offset) {
    return new LineFollower(() => findRolloutFile(home, threadId), rolloutLineEvents, file, offset);
  },
  sessionEnd: (home, threadId) => fileEnd(findRolloutFile(home, threadId)),
  async findSession(q) {
    let path = await findOpenRollout(q.pids, q.taken);
    if (!path && !q.resume && q.prompt !== null && Date.now() - q.launchedAtMs > CONTENT_SCAN_AFTER_MS) {
      path = await findRolloutByContent(q.home, { sinceMs: q.launchedAtMs - 1e3, cwd: q.cwd, prompt: q.prompt, taken: q.taken });
    }
    if (!path && q.resume) path = findRolloutFile(q.home, q.resume);
    const threadId = path ? threadIdOfRollout(path) : null;
    return path && threadId ? { threadId, path } : null;
  },
  notifiedThread,
  screen: {
    composerReady: showsComposer,
    holdsMessage: showsPendingSteer,
    clean: stripTuiChrome
  },
  keys: { interrupt: ["Escape"], quit: "/quit", afterPaste: (text) => endsInMention(text) ? ["Space"] : [] }
};

// src/providers/gemini/provider.ts
import { mkdtempSync, rmSync } from "node:fs";
import { homedir as homedir3, tmpdir } from "node:os";
import { join as join8 } from "node:path";

// src/providers/gemini/args.ts
function approvalMode(sandbox) {
  if (sandbox === "workspace-write") return "auto_edit";
  if (sandbox === "danger-full-access") return "yolo";
  return "default";
}
function execTurnArgs2(spec) {
  const args = ["-p", "", "-o", "stream-json", "--skip-trust", "--approval-mode", approvalMode(spec.sandbox)];
  if (spec.model) args.push("-m", spec.model);
  if (spec.threadId) args.push("-r", spec.threadId);
  return args;
}
function parseGeminiVersion(output) {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  return m ? m[0] : null;
}

// src/providers/gemini/events.ts
var count2 = number().int().nonnegative().catch(0);
var Init = object({ type: literal("init"), session_id: string().min(1) });
var Message = object({ type: literal("message"), role: string(), content: string().catch(""), delta: boolean().optional() });
var ToolUse = object({ type: literal("tool_use"), tool_name: string(), tool_id: string(), parameters: record(string(), unknown()).catch({}) });
var ToolResult = object({
  type: literal("tool_result"),
  tool_id: string(),
  status: string(),
  output: string().optional(),
  error: object({ type: string().catch(""), message: string().catch("") }).optional()
});
var Result = object({
  type: literal("result"),
  status: string(),
  error: object({ type: string().catch(""), message: string().catch("") }).optional(),
  stats: object({ input_tokens: count2, output_tokens: count2, cached: count2 }).partial().optional()
});
var WRITE_TOOLS = /* @__PURE__ */ new Set(["write_file", "replace", "edit"]);
var SHELL_TOOLS = /* @__PURE__ */ new Set(["run_shell_command"]);
function classifyGeminiError(message) {
  const code = Number(/"code"\s*:\s*(\d{3})/.exec(message)?.[1] ?? /\b(?:status|code)\s*:?\s*(\d{3})\b/i.exec(message)?.[1] ?? 0);
  if (code === 401 || code === 403 || /UNAUTHENTICATED|PERMISSION_DENIED|API key not valid/i.test(message)) return "unauthorized";
  if (code >= 500 || /INTERNAL|UNAVAILABLE/.test(message)) return "server_error";
  if (/token count|exceeds the maximum number of tokens|context window/i.test(message)) return "context_window";
  return "other";
}
function errorReason(message) {
  const m = /^\[API Error: ([\s\S]*)\]$/.exec(message.trim());
  if (m) {
    try {
      const e = JSON.parse(m[1]).error;
      if (e) {
        const what = e.code === 429 ? "rate limit or quota" : e.status ?? "error";
        return `Gemini API HTTP ${e.code ?? "?"} ${what}: ${e.message ?? ""}`.trim();
      }
    } catch {
    }
    return `Gemini API error: ${m[1].slice(0, 300)}`;
  }
  return message.slice(0, 400);
}
function exitCodeEvents(code) {
  const known = {
    41: ["Gemini: authentication failed (exit 41): check GEMINI_API_KEY and security.auth.selectedType", "unauthorized"],
    42: ["Gemini: input error (exit 42)", "other"],
    52: ["Gemini: configuration error (exit 52): check ~/.gemini/settings.json", "other"],
    53: ["Gemini: turn limit reached (exit 53)", "other"],
    55: ["Gemini: the folder is not trusted (exit 55)", "other"]
  };
  const k = code === null ? void 0 : known[code];
  return k ? [{ kind: "turn_failed", turnId: null, error: k[0], errorKind: k[1] }] : [];
}
function geminiExecParser() {
  let answer = "";
  const calls = /* @__PURE__ */ new Map();
  return (line) => {
    const obj = parseJsonLine(line);
    if (obj === null || typeof obj !== "object") return [];
    const type = obj.type;
    switch (type) {
      case "init": {
        const r = Init.safeParse(obj);
        return r.success ? [{ kind: "thread_started", threadId: r.data.session_id }, { kind: "turn_started", turnId: null, contextWindow: null }] : [];
      }
      case "message": {
        const r = Message.safeParse(obj);
        if (!r.success || r.data.role !== "assistant") return [];
        answer = r.data.delta ? answer + r.data.content : r.data.content;
        return [{ kind: "agent_message", text: answer }];
      }
      case "tool_use": {
        const r = ToolUse.safeParse(obj);
        if (!r.success) return [];
        calls.set(r.data.tool_id, { name: r.data.tool_name, params: r.data.parameters });
        answer = "";
        const cmd = r.data.parameters.command;
        if (SHELL_TOOLS.has(r.data.tool_name) && typeof cmd === "string") return [{ kind: "command_started", command: cmd }];
        return [];
      }
      case "tool_result": {
        const r = ToolResult.safeParse(obj);
        if (!r.success) return [];
        const call = calls.get(r.data.tool_id);
        const ok = r.data.status === "success";
        if (!call) return [];
        const path = call.params.file_path;
        if (WRITE_TOOLS.has(call.name) && typeof path === "string") {
          return ok ? [{ kind: "file_change", changes: [{ path, kind: "update" }] }] : [{ kind: "warning", message: `${call.name} ${path}: ${r.data.error?.message ?? r.data.output ?? r.data.status}`.slice(0, 400) }];
        }
        const cmd = call.params.command;
        if (SHELL_TOOLS.has(call.name) && typeof cmd === "string") return [{ kind: "command", command: cmd, exitCode: ok ? 0 : null, output: r.data.output ?? "" }];
        return ok ? [] : [{ kind: "warning", message: `${call.name}: ${r.data.error?.message ?? r.data.status}`.slice(0, 400) }];
      }
      case "result": {
        const r = Result.safeParse(obj);
        if (!r.success) return [];
        const s = r.data.stats;
        const tokens = s ? [{ kind: "tokens", total: { input: s.input_tokens ?? 0, cachedInput: s.cached ?? 0, output: s.output_tokens ?? 0, reasoningOutput: 0 }, lastContext: null, contextWindow: null, perRun: true }] : [];
        if (r.data.status === "success") return [...tokens, { kind: "turn_completed", turnId: null, message: answer === "" ? null : answer }];
        const message = r.data.error?.message ?? `Gemini ended the turn with status ${r.data.status}`;
        return [...tokens, { kind: "turn_failed", turnId: null, error: errorReason(message), errorKind: classifyGeminiError(message) }];
      }
      default:
        return [];
    }
  };
}
function geminiExecLine(line) {
  return geminiExecParser()(line);
}

// src/providers/gemini/locate.ts
var GEMINI_BIN_ENV = "CODEX_AGENT_GEMINI_BIN";
function locateGemini(explicit, pathVar = process.env.PATH) {
  return locateBin("gemini", GEMINI_BIN_ENV, explicit, pathVar);
}

// src/providers/gemini/run-env.ts
import { existsSync as existsSync2, lstatSync as lstatSync2, readdirSync as readdirSync3, readFileSync as readFileSync2, symlinkSync } from "node:fs";
import { homedir as homedir2 } from "node:os";
import { join as join6 } from "node:path";
var MAX_ATTEMPTS = 3;
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function layered(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObj(v) && isObj(out[k]) ? layered(out[k], v) : v;
  return out;
}
function shellCommand(argv) {
  return argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
}
function withRunHooks(settings, hook) {
  const mine = { hooks: [{ type: "command", command: shellCommand(hook), name: "codex-agent" }] };
  const hooks = isObj(settings.hooks) ? { ...settings.hooks } : {};
  for (const event of ["AfterAgent", "Notification"]) hooks[event] = [...Array.isArray(hooks[event]) ? hooks[event] : [], mine];
  return layered({ ...settings, hooks }, { ui: { errorVerbosity: "full" } });
}
function runSettings(userText2, hook) {
  let user = {};
  if (userText2 !== null && userText2.trim() !== "") {
    try {
      user = JSON.parse(userText2);
    } catch {
      return null;
    }
  }
  if (!isObj(user)) return null;
  const run = layered(user, { general: { maxAttempts: MAX_ATTEMPTS } });
  return hook ? withRunHooks(run, hook) : run;
}
function userGeminiDir(env) {
  return join6(env.GEMINI_CLI_HOME || env.HOME || homedir2(), ".gemini");
}
function geminiRunEnv(runDir, env, hook) {
  const user = userGeminiDir(env);
  const home = join6(runDir, "gemini-home");
  const dir = join6(home, ".gemini");
  const tmp = join6(runDir, "tmp");
  ensurePrivateDir(runDir);
  ensurePrivateDir(home);
  ensurePrivateDir(dir);
  ensurePrivateDir(tmp);
  const userSettings = join6(user, "settings.json");
  const settings = runSettings(existsSync2(userSettings) ? readFileSync2(userSettings, "utf8") : null, hook);
  if (hook && settings === null) throw new Error(`${userSettings} is not plain JSON: an interactive Gemini run cannot add its hooks to it`);
  let entries = [];
  try {
    entries = readdirSync3(user);
  } catch {
  }
  for (const name of entries) {
    if (name === "settings.json" && settings !== null) continue;
    const link = join6(dir, name);
    if (exists(link)) continue;
    symlinkSync(join6(user, name), link);
  }
  if (settings !== null) writeFileAtomic(join6(dir, "settings.json"), `${JSON.stringify(settings, null, 2)}
`);
  return {
    GEMINI_CLI_HOME: home,
    // Error reports (gemini-client-error-*.json) go to the job's folder, not the shared temp.
    TMPDIR: tmp,
    // One process: the relauncher ignores SIGTERM and waits for its child.
    GEMINI_CLI_NO_RELAUNCH: "true"
  };
}
function exists(path) {
  try {
    lstatSync2(path);
    return true;
  } catch {
    return false;
  }
}

// src/providers/gemini/session.ts
import { closeSync as closeSync2, existsSync as existsSync3, openSync as openSync2, readdirSync as readdirSync4, readSync as readSync2 } from "node:fs";
import { basename, dirname as dirname2, join as join7 } from "node:path";
var isRec = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var num = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0;
var WRITE_TOOLS2 = /* @__PURE__ */ new Set(["write_file", "replace", "edit"]);
var SHELL_TOOLS2 = /* @__PURE__ */ new Set(["run_shell_command"]);
function userText(content) {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return null;
  const texts = content.filter(isRec).map((p) => typeof p.text === "string" ? p.text : "");
  if (texts.some((t) => t.trimStart().startsWith("<session_context>"))) return null;
  return texts.join("\n");
}
function geminiSessionParser() {
  const total = { input: 0, cachedInput: 0, output: 0, reasoningOutput: 0 };
  const counted = /* @__PURE__ */ new Set();
  return (line) => {
    const obj = parseJsonLine(line);
    if (!isRec(obj) || typeof obj.type !== "string" || typeof obj.id !== "string") return [];
    switch (obj.type) {
      case "user": {
        const text = userText(obj.content);
        if (text === null || text.trim() === "") return [];
        return [{ kind: "user_message" }, { kind: "turn_started", turnId: null, contextWindow: null }];
      }
      case "gemini": {
        if (!isRec(obj.tokens)) return [];
        const out = [];
        const t = obj.tokens;
        if (!counted.has(obj.id)) {
          counted.add(obj.id);
          total.input += num(t.input);
          total.cachedInput += num(t.cached);
          total.output += num(t.output);
          total.reasoningOutput += num(t.thoughts);
          out.push({ kind: "tokens", total: { ...total }, lastContext: num(t.input) || null, contextWindow: null });
        }
        if (typeof obj.content === "string" && obj.content !== "") out.push({ kind: "agent_message", text: obj.content });
        for (const call of Array.isArray(obj.toolCalls) ? obj.toolCalls.filter(isRec) : []) out.push(...toolEvents(call));
        return out;
      }
      case "error": {
        const message = typeof obj.content === "string" ? obj.content : "Gemini reported an error";
        return [{ kind: "turn_failed", turnId: null, error: errorReason(message), errorKind: classifyGeminiError(message) }];
      }
      case "info":
        return obj.content === "Request cancelled." ? [{ kind: "turn_aborted", turnId: null, reason: "interrupted" }] : [];
      default:
        return [];
    }
  };
}
function toolEvents(call) {
  const name = typeof call.name === "string" ? call.name : "";
  const args = isRec(call.args) ? call.args : {};
  const ok = call.status === "success";
  if (WRITE_TOOLS2.has(name) && typeof args.file_path === "string" && ok) return [{ kind: "file_change", changes: [{ path: args.file_path, kind: "update" }] }];
  if (SHELL_TOOLS2.has(name) && typeof args.command === "string" && call.status !== "cancelled") return [{ kind: "command", command: args.command, exitCode: ok ? 0 : null, output: "" }];
  return [];
}
function hookLineEvents(line, threadId) {
  const obj = parseJsonLine(line);
  if (!isRec(obj) || obj.session_id !== threadId) return [];
  if (obj.hook_event_name === "AfterAgent") return [{ kind: "turn_completed", turnId: null, message: null }];
  if (obj.hook_event_name === "Notification" && obj.notification_type === "ToolPermission") return [{ kind: "approval_pending" }];
  return [];
}
function runDirOf(home) {
  return dirname2(dirname2(home));
}
function isRunHome(home) {
  return basename(dirname2(home)) === "gemini-home";
}
var GeminiFollower = class {
  session;
  hooks;
  constructor(home, threadId, file, offset = 0) {
    this.session = new LineFollower(() => findSessionFile(home, threadId), geminiSessionParser(), file, offset);
    const log = join7(runDirOf(home), HOOK_LOG);
    this.hooks = new LineFollower(() => log, (line) => hookLineEvents(line, threadId), log);
  }
  get file() {
    return this.session.file;
  }
  readNew() {
    const hooks = this.hooks.readNew();
    return [...this.session.readNew(), ...hooks];
  }
};
function sessionFiles(home) {
  const root = join7(home, "tmp");
  const out = [];
  let projects = [];
  try {
    projects = readdirSync4(root);
  } catch {
    return [];
  }
  for (const p of projects) {
    const chats = join7(root, p, "chats");
    if (!existsSync3(chats)) continue;
    try {
      for (const f of readdirSync4(chats)) if (f.startsWith("session-") && f.endsWith(".jsonl")) out.push(join7(chats, f));
    } catch {
    }
  }
  return out.sort().reverse();
}
function sessionHeader(firstLine) {
  const obj = parseJsonLine(firstLine);
  if (!isRec(obj) || typeof obj.sessionId !== "string") return null;
  const startMs = typeof obj.startTime === "string" ? Date.parse(obj.startTime) : NaN;
  return { sessionId: obj.sessionId, startMs: Number.isFinite(startMs) ? startMs : 0 };
}
function headOf(path, bytes = 64 * 1024) {
  let fd;
  try {
    fd = openSync2(path, "r");
  } catch {
    return "";
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync2(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync2(fd);
  }
}
function findSessionFile(home, threadId) {
  const short = threadId.slice(0, 8);
  for (const f of sessionFiles(home)) {
    if (!f.endsWith(`-${short}.jsonl`) && !f.includes(short)) continue;
    if (sessionHeader(headOf(f).split("\n")[0] ?? "")?.sessionId === threadId) return f;
  }
  return null;
}
function findRunSession(home, q) {
  if (q.resume) {
    const path = findSessionFile(home, q.resume);
    return path ? { threadId: q.resume, path } : null;
  }
  for (const f of sessionFiles(home)) {
    const text = headOf(f, 1024 * 1024);
    const header = sessionHeader(text.split("\n")[0] ?? "");
    if (!header || header.startMs < q.sinceMs || q.taken.has(header.sessionId)) continue;
    if (q.prompt !== null && !text.includes(JSON.stringify(q.prompt).slice(1, -1).slice(0, 2e3))) continue;
    return { threadId: header.sessionId, path: f };
  }
  return null;
}

// src/providers/gemini/tui.ts
var MAX_ARGV_PROMPT_BYTES2 = 1e5;
function tuiArgs2(spec) {
  const args = [];
  if (spec.prompt !== void 0) args.push("-i", spec.prompt);
  args.push("--skip-trust", "--approval-mode", approvalMode(spec.sandbox));
  if (spec.model) args.push("-m", spec.model);
  if (spec.resume) args.push("-r", spec.resume);
  return args;
}
function showsComposer2(screen) {
  return screen.split("\n").some((l) => /^\s*>\s/.test(l) && /Type your message/.test(l));
}
function stopRetryKeys(screen) {
  const lines = screen.split("\n");
  const keep = lines.findIndex((l) => /\b1\.\s+Keep trying\b/.test(l));
  if (keep < 0 || !lines.slice(keep + 1, keep + 3).some((l) => /\b2\.\s+Stop\b/.test(l))) return null;
  return ["Down", "Enter"];
}

// src/providers/gemini/provider.ts
var GEMINI_TESTED = { min: "0.61", max: "0.61" };
function notifiedSession(payload) {
  try {
    const id = JSON.parse(payload).session_id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}
var NOTHING = { file: null, readNew: () => [] };
var SESSION_SLACK_MS = 2e3;
var gemini = {
  name: "gemini",
  label: "Gemini",
  binEnv: GEMINI_BIN_ENV,
  installHint: "npm install -g @google/gemini-cli",
  tested: GEMINI_TESTED,
  // Read-only unless the general asks for writes explicitly.
  defaultSandbox: "read-only",
  locate(env) {
    return locateGemini(env[GEMINI_BIN_ENV]?.trim() || void 0, env.PATH);
  },
  async version(bin, env) {
    const home = mkdtempSync(join8(tmpdir(), "codex-agent-gemini-version-"));
    try {
      const res = await execa(bin, ["--version"], { env: { ...env, GEMINI_CLI_HOME: home }, extendEnv: false, reject: false, timeout: 15e3, stdin: "ignore" });
      return parseGeminiVersion(`${res.stdout ?? ""}`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
  home(env) {
    return join8(env.GEMINI_CLI_HOME || env.HOME || homedir3(), ".gemini");
  },
  runEnv: (runDir, env, hook) => geminiRunEnv(runDir, env, hook),
  execArgs: (spec) => execTurnArgs2(spec),
  parseExecLine: geminiExecLine,
  execParser: geminiExecParser,
  exitEvents: exitCodeEvents,
  async interactivePrep() {
    return [];
  },
  interactiveArgs: (spec) => tuiArgs2(spec),
  maxArgvPromptBytes: MAX_ARGV_PROMPT_BYTES2,
  // Exec turns carry everything in their stream; only an interactive run (its private home) is followed.
  follow: (home, threadId, file, offset) => isRunHome(home) ? new GeminiFollower(home, threadId, file, offset) : NOTHING,
  sessionEnd: (home, threadId) => fileEnd(findSessionFile(home, threadId)),
  async findSession(q) {
    return findRunSession(q.home, { sinceMs: q.launchedAtMs - SESSION_SLACK_MS, prompt: q.prompt, taken: q.taken, resume: q.resume });
  },
  notifiedThread: notifiedSession,
  screen: {
    composerReady: showsComposer2,
    // Gemini queues a message typed during a turn and runs it after: never held to steer.
    holdsMessage: () => false,
    clean: (text) => text
  },
  // tui-input waits 150 ms after every paste before Enter, the pause Gemini needs.
  keys: { interrupt: ["Escape"], quit: "/quit", afterPaste: () => [] },
  stopRetrying: stopRetryKeys
};

// src/providers/index.ts
var BUILT_IN = [codex, gemini];
var extra;
async function loadExtra(env) {
  const list = env.CODEX_AGENT_EXTRA_PROVIDERS?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  const out = [];
  for (const path of list) {
    if (!isAbsolute2(path)) throw new UsageError(`CODEX_AGENT_EXTRA_PROVIDERS: not an absolute path: ${path}`);
    const mod = await import(pathToFileURL(path).href);
    if (!mod.default?.name) throw new UsageError(`CODEX_AGENT_EXTRA_PROVIDERS: ${path} exports no provider`);
    out.push(mod.default);
  }
  return out;
}
async function allProviders(env = process.env) {
  extra ??= loadExtra(env);
  return [...BUILT_IN, ...await extra];
}
async function getProvider(name, env = process.env) {
  const found = (await allProviders(env)).find((p) => p.name === name);
  if (!found) throw new UsageError(`unknown agent provider "${name.slice(0, 40)}" (known: ${(await allProviders(env)).map((p) => p.name).join(", ")})`);
  return found;
}

export {
  cliEntry,
  which,
  HOOK_LOG,
  allProviders,
  getProvider
};
