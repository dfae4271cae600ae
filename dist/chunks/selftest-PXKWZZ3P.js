import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  cliEntry,
  getProvider
} from "./chunk-2MRD3TQ6.js";
import {
  execa
} from "./chunk-L4BQNJLZ.js";
import {
  stillRunning,
  waitFor
} from "./chunk-H22OVSBO.js";
import {
  JobStore
} from "./chunk-66JJZEQN.js";
import {
  Tmux,
  childEnv,
  ensurePrivateDir,
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import {
  EXIT
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/selftest/selftest.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join4 } from "node:path";

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

// src/mock/local-server.ts
import { createServer } from "node:http";

// src/util/http-body.ts
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

// src/mock/local-server.ts
var LOCAL_HOST = "127.0.0.1";
function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
async function readRequest(req) {
  const path = (req.url ?? "/").split("?")[0];
  const raw = await readBody(req);
  try {
    return { path, body: raw === "" ? null : JSON.parse(raw) };
  } catch {
    return { path, body: raw };
  }
}
async function serveLocal(handle, port = 0) {
  const sockets = /* @__PURE__ */ new Set();
  const timers = /* @__PURE__ */ new Map();
  let closing = false;
  const server = createServer((req, res) => {
    handle(req, res, local).catch(() => res.destroy());
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const local = {
    port: 0,
    closing: () => closing,
    wait: (ms) => new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.set(t, resolve);
    }),
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
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, LOCAL_HOST, () => resolve());
  });
  local.port = server.address().port;
  return local;
}

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

// src/mock/server.ts
function frame(event) {
  const name = event.type;
  return `event: ${typeof name === "string" ? name : "message"}
data: ${JSON.stringify(event)}

`;
}
async function startModelServer(opts = {}) {
  const requests = [];
  const plan2 = opts.plan ?? scriptedPlan();
  async function execute(p, res, local2) {
    if (p.kind === "hang") return;
    if (p.delayMs) await local2.wait(p.delayMs);
    if (local2.closing() || res.destroyed) return;
    if (p.kind === "http_error") return sendJson(res, p.status, p.body);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (const e of p.events) res.write(frame(e));
    if (p.kind === "sse") {
      res.end();
      return;
    }
    res.socket?.end();
  }
  async function handle(req, res, local2) {
    const { path, body } = await readRequest(req);
    requests.push({ path, body, at: Date.now() });
    if (req.method !== "POST" || path !== "/v1/responses") {
      return sendJson(res, 404, { error: { message: `No route ${req.method} ${path}`, type: "invalid_request_error", param: null, code: null } });
    }
    let p;
    try {
      p = plan2(body);
    } catch (e) {
      return sendJson(res, 500, { error: { message: `plan failed: ${String(e)}`, type: "server_error", param: null, code: null } });
    }
    await execute(p, res, local2);
  }
  const local = await serveLocal(handle, opts.port);
  return {
    url: `http://${LOCAL_HOST}:${local.port}/v1`,
    port: local.port,
    requests,
    close: local.close
  };
}

// src/mock/gemini/home.ts
import { join as join2 } from "node:path";
var GEMINI_FOREIGN_ENV = ["GOOGLE_API_KEY", "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_GCA", "GOOGLE_CLOUD_PROJECT", "GOOGLE_APPLICATION_CREDENTIALS"];
function prepareGeminiHome(home, serverUrl) {
  ensurePrivateDir(home);
  ensurePrivateDir(join2(home, ".gemini"));
  writeFileAtomic(join2(home, ".gemini", "settings.json"), `${JSON.stringify({ security: { auth: { selectedType: "gemini-api-key" } } }, null, 2)}
`);
  return { HOME: home, GEMINI_API_KEY: "x", GOOGLE_GEMINI_BASE_URL: serverUrl };
}
function useGeminiStandIn(env, home, serverUrl) {
  const { HOME: _home, ...keys } = prepareGeminiHome(home, serverUrl);
  for (const k of GEMINI_FOREIGN_ENV) delete env[k];
  Object.assign(env, keys, { GEMINI_CLI_HOME: home });
}

// src/mock/gemini/plan.ts
var MAX_SLEEP_MS2 = 10 * 60 * 1e3;
var isRec2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function contents(body) {
  if (!isRec2(body) || !Array.isArray(body.contents)) return [];
  return body.contents.filter(isRec2).map((c) => ({ role: String(c.role ?? ""), parts: Array.isArray(c.parts) ? c.parts.filter(isRec2) : [] }));
}
function promptOf(c) {
  const texts = c.parts.filter((p) => typeof p.text === "string").map((p) => p.text).filter((t) => !t.trimStart().startsWith("<session_context>"));
  return texts.length > 0 ? texts.join("\n") : null;
}
function newestPrompt(body) {
  const cs = contents(body);
  let toolResponse = null;
  for (let i = cs.length - 1; i >= 0; i--) {
    const c = cs[i];
    if (c.role !== "user") continue;
    const fr = c.parts.find((p) => isRec2(p.functionResponse));
    if (fr && toolResponse === null && i === cs.length - 1) toolResponse = fr.functionResponse;
    const prompt = promptOf(c);
    if (prompt !== null) return { prompt, toolResponse };
  }
  return { prompt: "", toolResponse };
}
function hasTools(body) {
  return isRec2(body) && Array.isArray(body.tools) && body.tools.length > 0;
}
var say = (text) => ({ kind: "answer", parts: [{ text }] });
function oneLine2(s) {
  return s.replace(/\s+/g, " ").trim().slice(0, 80);
}
var GEMINI_DIRECTIVES = {
  SAY: (c) => say(c.arg),
  SLEEP(c) {
    const s = /^(\d+)\s*([\s\S]*)$/.exec(c.arg);
    const ms = Math.min(Number(s?.[1] ?? 0), MAX_SLEEP_MS2);
    return { ...c.nested(s?.[2] ?? ""), delayMs: ms };
  },
  WRITE(c) {
    const w = /^(\S+)\s?([\s\S]*)$/.exec(c.arg);
    if (!w) return say("ok: WRITE needs a path");
    const path = w[1];
    if (c.toolResponse) {
      const resp = isRec2(c.toolResponse.response) ? c.toolResponse.response : {};
      return say(resp.error !== void 0 ? `Could not write ${path}: ${String(resp.error)}` : `Wrote ${path}.`);
    }
    return { kind: "answer", parts: [{ functionCall: { name: "write_file", args: { file_path: path, content: `${w[2] ?? ""}
` } } }] };
  }
};
function plan(prompt, toolResponse, directives, depth) {
  const m = /^\s*([A-Z]+)(?:\s+([\s\S]*))?$/.exec(prompt);
  const handler = m ? directives[m[1]] : void 0;
  if (!handler || !Object.hasOwn(directives, m[1])) return say(`ok: ${oneLine2(prompt)}`);
  return handler({
    arg: (m[2] ?? "").trimEnd(),
    toolResponse,
    nested: (text) => depth === 0 && text !== "" ? plan(text, toolResponse, directives, 1) : say(`ok: ${oneLine2(text)}`)
  });
}
function geminiPlan(body, directives = GEMINI_DIRECTIVES) {
  const { prompt, toolResponse } = newestPrompt(body);
  return plan(prompt, toolResponse, directives, 0);
}
function fitSchema(schema) {
  if (!isRec2(schema)) return "scripted";
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (String(schema.type ?? "").toUpperCase()) {
    case "OBJECT": {
      const props = isRec2(schema.properties) ? schema.properties : {};
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fitSchema(v)]));
    }
    case "INTEGER":
    case "NUMBER":
      return 10;
    case "BOOLEAN":
      return false;
    case "ARRAY":
      return [];
    default:
      return "scripted";
  }
}
function sideAnswer(body) {
  const cfg = isRec2(body) && isRec2(body.generationConfig) ? body.generationConfig : {};
  const schema = cfg.responseJsonSchema ?? cfg.responseSchema;
  if (cfg.responseMimeType === "application/json") return say(JSON.stringify(fitSchema(schema)));
  return say("A scripted session.");
}

// src/mock/gemini/server.ts
var ROUTE = /^\/v1beta\/models\/([^/:]+):(streamGenerateContent|generateContent)$/;
function answerChunks(plan2, body) {
  const prompt = Math.max(1, Math.ceil(JSON.stringify(body?.contents ?? "").length / 4));
  const out = Math.max(1, Math.ceil(JSON.stringify(plan2.parts).length / 4));
  const usageMetadata = { promptTokenCount: prompt, candidatesTokenCount: out, totalTokenCount: prompt + out };
  const texts = plan2.parts.filter((p) => typeof p.text === "string");
  const chunks = [];
  if (texts.length === 1 && plan2.parts.length === 1) {
    const t = texts[0].text;
    const cut = Math.floor(t.length / 2);
    if (cut > 0) chunks.push({ candidates: [{ content: { role: "model", parts: [{ text: t.slice(0, cut) }] }, index: 0 }] });
    chunks.push({ candidates: [{ content: { role: "model", parts: [{ text: t.slice(cut) }] }, finishReason: "STOP", index: 0 }], usageMetadata });
    return chunks;
  }
  return [{ candidates: [{ content: { role: "model", parts: plan2.parts }, finishReason: "STOP", index: 0 }], usageMetadata }];
}
async function startGeminiServer(opts = {}) {
  const mainPlan = opts.plan ?? ((body) => geminiPlan(body));
  const requests = [];
  async function handle(req, res, local2) {
    const { path, body } = await readRequest(req);
    const m = ROUTE.exec(path);
    const key = req.headers["x-goog-api-key"];
    requests.push({ call: m ? `${m[1]}:${m[2]}` : path, body, key: typeof key === "string" ? key : null, at: Date.now() });
    if (req.method !== "POST" || !m) return sendJson(res, 404, { error: { code: 404, message: `No route ${req.method} ${path}`, status: "NOT_FOUND" } });
    const plan2 = hasTools(body) ? mainPlan(body) : sideAnswer(body);
    if (plan2.delayMs) await local2.wait(plan2.delayMs);
    if (local2.closing() || res.destroyed) return;
    if (plan2.kind === "http_error") return sendJson(res, plan2.status, plan2.body);
    const chunks = answerChunks(plan2, body);
    if (m[2] === "generateContent") {
      const last = chunks[chunks.length - 1];
      return sendJson(res, 200, { candidates: [{ content: { role: "model", parts: plan2.parts }, finishReason: "STOP", index: 0 }], usageMetadata: last.usageMetadata });
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (const c of chunks) res.write(`data: ${JSON.stringify(c)}\r
\r
`);
    res.end();
  }
  const local = await serveLocal(handle);
  return {
    url: `http://${LOCAL_HOST}:${local.port}`,
    port: local.port,
    requests,
    mainRequests: () => requests.filter((r) => hasTools(r.body)),
    close: local.close
  };
}

// src/selftest/steps.ts
import { existsSync, readFileSync } from "node:fs";
import { join as join3 } from "node:path";
var StepFailure = class extends Error {
};
var StepSkipped = class extends Error {
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
  check(expectCode === -1 || res.code === expectCode, `codex-agent ${args[0]} exited ${res.code}: ${res.stderr.trim() || res.stdout.trim()}`);
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
      return `codex ${h.agents.codex?.version}, gemini ${h.agents.gemini?.version ?? "not found"}, ${h.tmux.version}`;
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
      const file = join3(s.t.workDir, "hello.txt");
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
  },
  {
    name: "gemini: one exec turn writes a file (start --provider gemini, await-turn)",
    async run(s) {
      if (s.t.geminiSkip) throw new StepSkipped(s.t.geminiSkip);
      const res = await cli(s.t, ["start", "WRITE gemini-hello.txt Hello from the Gemini selftest", "--provider", "gemini", "-s", "workspace-write", "-d", s.t.workDir, "--json"]);
      check(res.code === 0, `start --provider gemini exited ${res.code}: ${res.stderr.trim()}`);
      const id = JSON.parse(res.stdout).id;
      const a = await cliJson(s.t, ["await-turn", id, "--timeout", "90"], -1);
      check(a.outcome === "completed", `Gemini turn ended ${a.outcome}${a.error ? `: ${a.error}` : ""}`);
      check(a.message === "Wrote gemini-hello.txt.", `unexpected answer: ${a.message}`);
      const file = join3(s.t.workDir, "gemini-hello.txt");
      check(existsSync(file) && readFileSync(file, "utf8").includes("Hello from the Gemini selftest"), "gemini-hello.txt was not written");
      const r = new JobStore(s.t.stateRoot).read(id);
      check(r.provider === "gemini" && r.thread_id !== null && r.tokens !== null, `record: provider ${r.provider}, session ${r.thread_id}, tokens ${JSON.stringify(r.tokens)}`);
      return `job ${id}: "${a.message}", session ${r.thread_id.slice(0, 8)}`;
    }
  }
];

// src/selftest/selftest.ts
async function runSelftest(opts) {
  const began = Date.now();
  const root = mkdtempSync(join4(tmpdir(), "codex-agent-selftest-"));
  const socket = `codex-agent-selftest-${process.pid}`;
  const server = await startModelServer();
  let geminiServer = null;
  const steps = [];
  try {
    const stateRoot = join4(root, "state");
    const workDir = join4(root, "work");
    ensurePrivateDir(workDir);
    const { env: codexEnv } = await prepareCodexHome(join4(root, "codex-home"), server.url, { freshNotices: true });
    const codex = (await getProvider("codex")).locate(process.env);
    const env = childEnv(process.env);
    Object.assign(env, codexEnv, {
      CODEX_AGENT_HOME: stateRoot,
      CODEX_AGENT_TMUX_SOCKET: socket,
      ...codex ? { CODEX_AGENT_CODEX_BIN: codex.path } : {}
    });
    const gemini = (await getProvider("gemini")).locate(process.env);
    let geminiSkip = null;
    if (gemini) {
      geminiServer = await startGeminiServer();
      useGeminiStandIn(env, join4(root, "gemini-user"), geminiServer.url);
      env.CODEX_AGENT_GEMINI_BIN = gemini.path;
    } else {
      geminiSkip = "the Gemini CLI was not found (CODEX_AGENT_GEMINI_BIN, gemini on PATH, or this package's dev install); install @google/gemini-cli to cover it";
    }
    const state = { t: { env, stateRoot, workDir, geminiSkip } };
    for (const step of STEPS) {
      const t0 = Date.now();
      let result;
      try {
        const detail = await step.run(state);
        result = { name: step.name, ok: true, ms: Date.now() - t0, detail };
      } catch (err) {
        if (err instanceof StepSkipped) {
          result = { name: step.name, ok: true, skipped: true, ms: Date.now() - t0, detail: `skipped: ${err.message}` };
          steps.push(result);
          opts.onStep?.(result);
          continue;
        }
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
    await geminiServer?.close();
    if (!opts.keep) rmSync(root, { recursive: true, force: true });
  }
  const ok = steps.length === STEPS.length && steps.every((s) => s.ok);
  return { ok, ms: Date.now() - began, steps, state_root: opts.keep ? join4(root, "state") : null };
}

// src/commands/selftest.ts
async function selftestCommand(opts) {
  const line = (s) => {
    if (!opts.json) process.stdout.write(`${!s.ok ? "FAIL" : s.skipped ? "SKIP" : "PASS"}  ${s.name}  (${(s.ms / 1e3).toFixed(2)}s)  ${s.detail}
`);
  };
  if (!opts.json) process.stdout.write("codex-agent selftest: real Codex (and Gemini, when installed) agents against local stand-in models (no network)\n");
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
