import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  cliEntry,
  getProvider
} from "./chunk-2MC4ODVK.js";
import {
  execa
} from "./chunk-L4BQNJLZ.js";
import {
  stillRunning,
  waitFor
} from "./chunk-S5O3TSTX.js";
import {
  JobStore
} from "./chunk-M4M54PVD.js";
import {
  Tmux,
  childEnv,
  ensurePrivateDir
} from "./chunk-VJ7HCNPQ.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import {
  EXIT
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/selftest/selftest.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join3 } from "node:path";

// src/mock/codex-home.ts
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
var MOCK_ENV_KEY = "CODEX_AGENT_MOCK_KEY";
var DEFAULT_MOCK_MODEL = "gpt-5.5";
var tomlString = (s) => JSON.stringify(s);
function mockConfigToml(baseUrl, model, opts = {}) {
  const notices = opts.freshNotices ? [] : [
    // Pre-answers the "Meet GPT-6 Sol" screen that otherwise blocks a fresh TUI.
    "[notice.model_migrations]",
    '"gpt-5.5" = "gpt-6-sol"',
    ""
  ];
  return [
    `model = ${tomlString(model)}`,
    'model_provider = "mock"',
    // No update check: the only reachable host is the mock.
    "check_for_update_on_startup = false",
    "",
    "[model_providers.mock]",
    'name = "mock"',
    `base_url = ${tomlString(baseUrl)}`,
    'wire_api = "responses"',
    `env_key = ${tomlString(MOCK_ENV_KEY)}`,
    "",
    ...notices
  ].join("\n");
}
async function prepareCodexHome(dir, baseUrl, opts = {}) {
  await mkdir(dir, { recursive: true, mode: 448 });
  await chmod(dir, 448);
  await writeFile(join(dir, "config.toml"), mockConfigToml(baseUrl, opts.model ?? DEFAULT_MOCK_MODEL, { freshNotices: opts.freshNotices }), { mode: 384 });
  return { env: { CODEX_HOME: dir, [MOCK_ENV_KEY]: "mock-key" } };
}

// src/mock/server.ts
import { createServer } from "node:http";

// src/mock/plan.ts
var MAX_SLEEP_MS = 10 * 60 * 1e3;
var TITLE_PROMPT_PREFIX = "Generate a concise, single-line task title";
function isRec(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function inputItems(body) {
  if (!isRec(body) || !Array.isArray(body.input)) return [];
  return body.input.filter(isRec);
}
function messageText(item) {
  const c = item.content;
  if (typeof c === "string") return c;
  if (!Array.isArray(c)) return "";
  return c.filter(isRec).filter((p) => (p.type === "input_text" || p.type === "output_text") && typeof p.text === "string").map((p) => p.text).join("\n");
}
function newestUserText(body) {
  const items = inputItems(body);
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i];
    if (it.role === "user" && (it.type === void 0 || it.type === "message")) return messageText(it);
  }
  return "";
}
function trailingToolOutput(body) {
  const last = inputItems(body).at(-1);
  if (!last || last.type !== "function_call_output" && last.type !== "custom_tool_call_output") return null;
  const out = last.output;
  if (typeof out === "string") return out;
  if (Array.isArray(out)) {
    return out.filter(isRec).map((p) => typeof p.text === "string" ? p.text : "").join("");
  }
  if (isRec(out) && typeof out.content === "string") return out.content;
  return "";
}
function oneLine(s) {
  return s.replace(/\s+/g, " ").trim();
}
function findDirective(text) {
  const start = text.search(/(^|\n)\s*MOCK:[A-Z]+/);
  if (start < 0) return null;
  const from = text.slice(start).replace(/^\n?\s*/, "");
  const m = /^MOCK:([A-Z]+)[ \t]*([\s\S]*)$/.exec(from);
  if (!m) return null;
  return { name: m[1], arg: m[2].replace(/\s+$/, "") };
}
function estimateTokens(chars) {
  return Math.max(1, Math.ceil(chars / 4));
}
function usageFor(body, outputChars) {
  const input = estimateTokens(JSON.stringify(body ?? null).length);
  const reasoning = 8;
  const output = estimateTokens(outputChars) + reasoning;
  const cached = Math.floor(input / 2);
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: cached },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output
  };
}
function assistantItem(id, text) {
  return {
    type: "message",
    id: `msg_${id}`,
    role: "assistant",
    status: "completed",
    content: [{ type: "output_text", text, annotations: [] }]
  };
}
function execCallItem(id, cmd) {
  return {
    type: "function_call",
    id: `fc_${id}`,
    call_id: `call_${id}`,
    name: "exec_command",
    arguments: JSON.stringify({ cmd }),
    status: "completed"
  };
}
function sse(body, responseId, items) {
  const outChars = JSON.stringify(items).length;
  return {
    kind: "sse",
    events: [
      { type: "response.created", response: { id: responseId } },
      ...items.map((item, i) => ({ type: "response.output_item.done", output_index: i, item })),
      { type: "response.completed", response: { id: responseId, usage: usageFor(body, outChars) } }
    ]
  };
}
function heredocTag(lines) {
  let tag = "EOF";
  for (let n = 1; lines.includes(tag); n++) tag = `EOF_${n}`;
  return tag;
}
function applyPatchCommand(relpath, content) {
  const lines = content.split("\n");
  const tag = heredocTag(lines);
  const patch = ["*** Begin Patch", `*** Add File: ${relpath}`, ...lines.map((l) => `+${l}`), "*** End Patch"];
  return [`apply_patch <<'${tag}'`, ...patch, tag].join("\n");
}
function titleFor(text) {
  const marker = text.lastIndexOf("User prompt:");
  const task = marker >= 0 ? text.slice(marker + "User prompt:".length) : text.trim().split("\n").at(-1) ?? "";
  const words = oneLine(task).split(" ").filter(Boolean).slice(0, 5).join(" ");
  return `Title: ${words || "Untitled"}`;
}
function defaultPlan(body, id, text) {
  if (text.trimStart().startsWith(TITLE_PROMPT_PREFIX)) return sse(body, id, [assistantItem(id, titleFor(text))]);
  return sse(body, id, [assistantItem(id, `ok: ${oneLine(text).slice(0, 80)}`)]);
}
var DIRECTIVES = {
  WRITE(c) {
    const m = /^(\S+)[ \t]?([\s\S]*)$/.exec(c.arg);
    if (!m) return c.fallback();
    const relpath = m[1];
    if (c.toolOutput !== null) return c.say(`Wrote ${relpath}.`);
    return c.exec(applyPatchCommand(relpath, m[2]));
  },
  SAY: (c) => c.say(c.arg),
  SLEEP(c) {
    const m = /^(\d+)[ \t]*([\s\S]*)$/.exec(c.arg);
    if (!m) return c.fallback();
    const ms = Math.min(Number(m[1]), MAX_SLEEP_MS);
    const rest = m[2] === "" ? c.fallback() : c.nested(m[2]);
    return rest.kind === "hang" ? rest : { ...rest, delayMs: ms };
  }
};
function planFor(body, id, text, depth, directives) {
  if (text.trimStart().startsWith(TITLE_PROMPT_PREFIX)) return defaultPlan(body, id, text);
  const d = findDirective(text);
  const handler = d && Object.hasOwn(directives, d.name) ? directives[d.name] : void 0;
  if (!d || !handler) return defaultPlan(body, id, text);
  return handler({
    arg: d.arg,
    id,
    toolOutput: trailingToolOutput(body),
    say: (t) => sse(body, id, [assistantItem(id, t)]),
    exec: (cmd) => sse(body, id, [execCallItem(id, cmd)]),
    fallback: () => defaultPlan(body, id, text),
    nested: (t) => depth === 0 ? planFor(body, id, t, depth + 1, directives) : defaultPlan(body, id, t)
  });
}
function planResponse(body, opts = {}) {
  const id = opts.responseId ?? "resp_mock";
  return planFor(body, id, newestUserText(body), 0, opts.directives ?? DIRECTIVES);
}
function scriptedPlan(directives = DIRECTIVES) {
  let counter = 0;
  return (body) => planResponse(body, { responseId: `resp_mock_${++counter}`, directives });
}

// src/util/http-body.ts
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

// src/mock/server.ts
function frame(event) {
  const name = event.type;
  return `event: ${typeof name === "string" ? name : "message"}
data: ${JSON.stringify(event)}

`;
}
function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
async function startModelServer(opts = {}) {
  const host = "127.0.0.1";
  const requests = [];
  const sockets = /* @__PURE__ */ new Set();
  const timers = /* @__PURE__ */ new Map();
  let closing = false;
  const plan = opts.plan ?? scriptedPlan();
  const wait = (ms) => new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.set(t, resolve);
  });
  async function execute(p, res) {
    if (p.kind === "hang") return;
    if (p.delayMs) await wait(p.delayMs);
    if (closing || res.destroyed) return;
    if (p.kind === "http_error") return sendJson(res, p.status, p.body);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (const e of p.events) res.write(frame(e));
    if (p.kind === "sse") {
      res.end();
      return;
    }
    res.socket?.end();
  }
  async function handle(req, res) {
    const path = (req.url ?? "/").split("?")[0];
    const raw = await readBody(req);
    let body = null;
    try {
      body = raw === "" ? null : JSON.parse(raw);
    } catch {
      body = raw;
    }
    requests.push({ path, body, at: Date.now() });
    if (req.method !== "POST" || path !== "/v1/responses") {
      return sendJson(res, 404, { error: { message: `No route ${req.method} ${path}`, type: "invalid_request_error", param: null, code: null } });
    }
    let p;
    try {
      p = plan(body);
    } catch (e) {
      return sendJson(res, 500, { error: { message: `plan failed: ${String(e)}`, type: "server_error", param: null, code: null } });
    }
    await execute(p, res);
  }
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = server.address().port;
  return {
    url: `http://${host}:${port}/v1`,
    port,
    requests,
    close: () => new Promise((resolve) => {
      closing = true;
      for (const [t, done] of timers) {
        clearTimeout(t);
        done();
      }
      timers.clear();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    })
  };
}

// src/selftest/steps.ts
import { existsSync, readFileSync } from "node:fs";
import { join as join2 } from "node:path";
var StepFailure = class extends Error {
};
function check(cond, message) {
  if (!cond) throw new StepFailure(message);
}
async function cli(t, args, timeoutS = 120) {
  const res = await execa(process.execPath, [cliEntry(), ...args], {
    env: t.env,
    extendEnv: false,
    reject: false,
    timeout: timeoutS * 1e3,
    cwd: t.workDir
  });
  return { code: res.exitCode ?? -1, stdout: `${res.stdout}`, stderr: `${res.stderr}` };
}
async function cliJson(t, args, expectCode = 0) {
  const res = await cli(t, [...args, "--json"]);
  check(res.code === expectCode, `codex-agent ${args[0]} exited ${res.code}: ${res.stderr.trim() || res.stdout.trim()}`);
  try {
    return JSON.parse(res.stdout);
  } catch {
    throw new StepFailure(`codex-agent ${args[0]} printed no JSON: ${res.stdout.slice(0, 200)}`);
  }
}
var STEPS = [
  {
    name: "health",
    async run({ t }) {
      const h = await cliJson(t, ["health"]);
      check(h.ok, "health reported problems");
      return `codex ${h.agents.codex?.version}, ${h.tmux.version}`;
    }
  },
  {
    name: "start (exec agent edits a file)",
    async run(s) {
      const res = await cli(s.t, ["start", "MOCK:WRITE hello.txt Hello from the codex-agent selftest", "-d", s.t.workDir]);
      check(res.code === 0, `start exited ${res.code}: ${res.stderr.trim()}`);
      const m = /^Job started: ([0-9a-f]{8})$/m.exec(res.stdout.split("\n")[0] ?? "");
      check(m, `first line was not "Job started: <id>": ${res.stdout.split("\n")[0]}`);
      s.jobId = m[1];
      return `job ${s.jobId}`;
    }
  },
  {
    name: "await-turn (turn 1)",
    async run(s) {
      const a = await cliJson(s.t, ["await-turn", s.jobId, "--timeout", "90"]);
      check(a.outcome === "completed", `turn ended ${a.outcome}`);
      check(a.message === "Wrote hello.txt.", `unexpected answer: ${a.message}`);
      const file = join2(s.t.workDir, "hello.txt");
      check(existsSync(file) && readFileSync(file, "utf8").includes("Hello from the codex-agent selftest"), "hello.txt was not written");
      return `answer "${a.message}", files ${a.files_modified.join(", ")}`;
    }
  },
  {
    name: "send (follow-up turn resumes the thread)",
    async run(s) {
      const res = await cli(s.t, ["send", s.jobId, "MOCK:SAY The second turn is done."]);
      check(res.code === 0, `send exited ${res.code}: ${res.stderr.trim()}`);
      const a = await cliJson(s.t, ["await-turn", s.jobId, "--timeout", "90"]);
      check(a.message === "The second turn is done.", `unexpected answer: ${a.message}`);
      return `answer "${a.message}"`;
    }
  },
  {
    name: "jobs --json",
    async run(s) {
      const j = await cliJson(s.t, ["jobs"]);
      const job = j.jobs.find((x) => x.id === s.jobId);
      check(job, "job missing from jobs --json");
      check(job.turns === 2, `expected 2 turns, saw ${job.turns}`);
      check(job.files_modified.includes("hello.txt"), `files_modified is ${JSON.stringify(job.files_modified)}`);
      check(job.tokens !== null && job.summary, "no tokens or answer recorded");
      return `${job.turns} turns, files ${job.files_modified.join(", ")}, answer "${job.summary}"`;
    }
  },
  {
    name: "kill (a busy agent, no process left)",
    async run(s) {
      const res = await cli(s.t, ["start", "MOCK:SLEEP 120000 MOCK:SAY too late", "-d", s.t.workDir, "--json"]);
      check(res.code === 0, `start exited ${res.code}: ${res.stderr.trim()}`);
      const id = JSON.parse(res.stdout).id;
      s.slowJobId = id;
      const store = new JobStore(s.t.stateRoot);
      const tracked = () => {
        const r = store.read(id);
        return [...r.runner ? [r.runner.pid] : [], ...r.agent_procs.map((p) => p.pid)];
      };
      const pids = await waitFor(() => tracked().length === 3 ? tracked() : null, {
        timeoutMs: 1e4,
        intervalMs: 100,
        maxIntervalMs: 100,
        describe: () => `tracked pids ${tracked().join(", ") || "none"}`
      }).catch(() => tracked());
      check(pids.length === 3, "the slow job never had a running Codex process");
      const k = await cliJson(s.t, ["kill", id]);
      check(k.status === "cancelled", `status after kill is ${k.status}`);
      const left = await stillRunning(pids);
      check(left.length === 0, `processes still alive after kill: ${left.join(", ")}`);
      await cli(s.t, ["kill", s.jobId]);
      return `job ${id} cancelled; runner and codex (pids ${pids.join(", ")}) gone`;
    }
  },
  {
    name: "interactive: the Codex TUI starts and answers",
    async run(s) {
      const res = await cli(s.t, ["start", "MOCK:SAY Hello from the interactive agent.", "--interactive", "-d", s.t.workDir, "--json"]);
      check(res.code === 0, `start --interactive exited ${res.code}: ${res.stderr.trim()}`);
      s.tuiJobId = JSON.parse(res.stdout).id;
      const a = await cliJson(s.t, ["await-turn", s.tuiJobId, "--timeout", "90"]);
      check(a.message === "Hello from the interactive agent.", `unexpected answer: ${a.message}`);
      return `job ${s.tuiJobId}: "${a.message}"`;
    }
  },
  {
    name: "interactive: send, interrupt and kill",
    async run(s) {
      const id = s.tuiJobId;
      const sent = await cli(s.t, ["send", id, 'MOCK:SAY Typed in by bracketed paste: "quotes", $dollars.']);
      check(sent.code === 0, `send exited ${sent.code}: ${sent.stderr.trim()}`);
      const a = await cliJson(s.t, ["await-turn", id, "--timeout", "90"]);
      check(a.message === 'Typed in by bracketed paste: "quotes", $dollars.', `unexpected answer: ${a.message}`);
      const slow = await cli(s.t, ["send", id, "MOCK:SLEEP 60000 MOCK:SAY never"]);
      check(slow.code === 0, `send exited ${slow.code}: ${slow.stderr.trim()}`);
      const i = await cliJson(s.t, ["interrupt", id]);
      check(i.interrupted, "interrupt found no running turn");
      const aborted = await cli(s.t, ["await-turn", id, "--timeout", "30"]);
      check(aborted.code === 4, `await-turn after interrupt exited ${aborted.code}, expected 4`);
      const store = new JobStore(s.t.stateRoot);
      const r = store.read(id);
      const pids = [...r.runner ? [r.runner.pid] : [], ...r.agent_procs.map((p) => p.pid)];
      const k = await cliJson(s.t, ["kill", id]);
      check(k.status === "cancelled", `status after kill is ${k.status}`);
      const left = await stillRunning(pids);
      check(left.length === 0, `processes still alive after kill: ${left.join(", ")}`);
      return `3 turns (one interrupted), then cancelled with no process left`;
    }
  }
];

// src/selftest/selftest.ts
async function runSelftest(opts) {
  const began = Date.now();
  const root = mkdtempSync(join3(tmpdir(), "codex-agent-selftest-"));
  const socket = `codex-agent-selftest-${process.pid}`;
  const server = await startModelServer();
  const steps = [];
  try {
    const stateRoot = join3(root, "state");
    const workDir = join3(root, "work");
    ensurePrivateDir(workDir);
    const { env: codexEnv } = await prepareCodexHome(join3(root, "codex-home"), server.url, { freshNotices: true });
    const codex = (await getProvider("codex")).locate(process.env);
    const env = childEnv(process.env);
    Object.assign(env, codexEnv, {
      CODEX_AGENT_HOME: stateRoot,
      CODEX_AGENT_TMUX_SOCKET: socket,
      ...codex ? { CODEX_AGENT_CODEX_BIN: codex.path } : {}
    });
    const state = { t: { env, stateRoot, workDir } };
    for (const step of STEPS) {
      const t0 = Date.now();
      let result;
      try {
        const detail = await step.run(state);
        result = { name: step.name, ok: true, ms: Date.now() - t0, detail };
      } catch (err) {
        const detail = err instanceof StepFailure ? err.message : `unexpected error: ${err.message}`;
        result = { name: step.name, ok: false, ms: Date.now() - t0, detail };
      }
      steps.push(result);
      opts.onStep?.(result);
      if (!result.ok) break;
    }
  } finally {
    await new Tmux({ socket }).killServer().catch(() => false);
    await server.close();
    if (!opts.keep) rmSync(root, { recursive: true, force: true });
  }
  const ok = steps.length === STEPS.length && steps.every((s) => s.ok);
  return { ok, ms: Date.now() - began, steps, state_root: opts.keep ? join3(root, "state") : null };
}

// src/commands/selftest.ts
async function selftestCommand(opts) {
  const line = (s) => {
    if (!opts.json) process.stdout.write(`${s.ok ? "PASS" : "FAIL"}  ${s.name}  (${(s.ms / 1e3).toFixed(2)}s)  ${s.detail}
`);
  };
  if (!opts.json) process.stdout.write("codex-agent selftest: a real Codex agent against a local stand-in model (no network)\n");
  const result = await runSelftest({ keep: opts.keep, onStep: line });
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}
`);
  else {
    process.stdout.write(`selftest ${result.ok ? "passed" : "FAILED"}: ${result.steps.filter((s) => s.ok).length} of ${result.steps.length} steps in ${(result.ms / 1e3).toFixed(1)}s
`);
    if (result.state_root) process.stdout.write(`state kept in ${result.state_root}
`);
  }
  if (!result.ok) process.exitCode = EXIT.failure;
}
export {
  selftestCommand
};
