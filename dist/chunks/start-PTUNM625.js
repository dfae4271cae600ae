import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ensureRunner
} from "./chunk-ELQHHDN6.js";
import "./chunk-UI62Q5QX.js";
import {
  waitForRecord
} from "./chunk-EDIZI5EE.js";
import {
  childEnv
} from "./chunk-LUPZHTR5.js";
import {
  cliEntry,
  getProvider
} from "./chunk-D2PQALHR.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-ZSNYBF77.js";
import "./chunk-C6ITA7PZ.js";
import "./chunk-ZLQHJW7P.js";
import "./chunk-WMGFHZSN.js";
import {
  createContext,
  sessionName
} from "./chunk-ASBKF7PN.js";
import {
  RECORD_VERSION,
  newId
} from "./chunk-YNL5WG5H.js";
import {
  DEFAULT_STARTUP_TIMEOUT_S,
  checkSessionId
} from "./chunk-4MN46AMV.js";
import {
  emit
} from "./chunk-5ISQCS6K.js";
import {
  DEFAULT_PROVIDER
} from "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import {
  AgentError,
  UsageError
} from "./chunk-665DYP36.js";
import "./chunk-HANBNIMK.js";

// src/commands/start.ts
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";

// src/jobs/new-record.ts
function newJobRecord(f, now = (/* @__PURE__ */ new Date()).toISOString()) {
  return {
    version: RECORD_VERSION,
    ...f,
    status: "pending",
    turn_state: "starting",
    tmux_session: sessionName(f.id),
    created_at: now,
    started_at: null,
    completed_at: null,
    updated_at: now,
    thread_id: null,
    agent_argv: null,
    runner: null,
    agent_procs: [],
    exit_code: null,
    turns: [],
    consumed_turns: 0,
    tokens: null,
    files_modified: [],
    last_message: null,
    error: null,
    error_kind: null,
    end_reason: null,
    startup_timeout_seconds: f.startup_timeout_seconds ?? DEFAULT_STARTUP_TIMEOUT_S,
    user_messages: 0,
    blocked_screen: null,
    last_activity_at: null,
    parent_session: f.parent_session ?? null
  };
}

// src/commands/start.ts
var ARGV_WAIT_MS = 15e3;
async function startCommand(ctx, prompt, opts) {
  emit(opts.json, await start(ctx(), prompt, opts), renderStart);
}
async function normalize(ctx, promptArg, opts) {
  if (opts.phase !== void 0 && !opts.prd) throw new UsageError("--phase goes with --prd <file>");
  const given = promptArg === "-" ? readFileSync(0, "utf8") : promptArg;
  if (!opts.prd && (given ?? "").trim() === "") throw new UsageError("the prompt is empty (give a task, or --prd <file>)");
  const parentSession = opts.parentSession !== void 0 ? checkSessionId(opts.parentSession, "--parent-session") : ctx.config.parentSession ?? null;
  if (opts.model !== void 0 && !/^[A-Za-z0-9._:/-]{1,100}$/.test(opts.model)) {
    throw new UsageError(`-m/--model: invalid model name "${opts.model.slice(0, 40)}"`);
  }
  const cwd = resolve(opts.dir ?? process.cwd());
  let isDir = false;
  try {
    isDir = statSync(cwd).isDirectory();
  } catch {
  }
  if (!isDir) throw new UsageError(`-d/--dir: not a directory: ${cwd}`);
  const prompt = opts.prd ? [given?.trim(), await prdText(opts.prd, opts.phase)].filter(Boolean).join("\n\n") : given;
  const provider = await getProvider(opts.provider ?? DEFAULT_PROVIDER, ctx.env);
  const found = provider.locate(ctx.env);
  if (!found) {
    const named = ctx.env[provider.binEnv]?.trim();
    throw new AgentError(named ? `${provider.binEnv}=${named} is not an executable` : `${provider.name} not found on PATH: install it with \`${provider.installHint}\``);
  }
  const d = ctx.config.defaults;
  return {
    prompt,
    mode: opts.interactive ? "interactive" : "exec",
    cwd,
    sandbox: opts.sandbox ?? d.sandbox,
    model: opts.model ?? d.model ?? null,
    reasoning: opts.reasoning ?? d.reasoning ?? null,
    parentSession,
    provider,
    bin: found.path
  };
}
async function prdText(file, phase) {
  const [{ readPrd }, { prdPrompt }] = await Promise.all([import("./files-E2O6HHH4.js"), import("./document-ZWVM5QBV.js")]);
  return prdPrompt(readPrd(resolve(file)), file, phase);
}
async function dryArgs(ctx, s, id) {
  const launch = { sandbox: s.sandbox, cwd: s.cwd, model: s.model, reasoning: s.reasoning };
  if (s.mode === "exec") return s.provider.execArgs({ ...launch, threadId: null });
  const prep = await s.provider.interactivePrep(s.bin, childEnv(ctx.env));
  const byArgv = Buffer.byteLength(s.prompt) <= s.provider.maxArgvPromptBytes;
  const args = s.provider.interactiveArgs({ ...launch, notify: [process.execPath, cliEntry(), "__notify", id], prompt: byArgv ? s.prompt : void 0 }, prep);
  return args.map((a) => a === s.prompt ? "<prompt>" : a);
}
async function start(ctx, promptArg, opts) {
  const s = await normalize(ctx, promptArg, opts);
  const id = newId();
  const payload = {
    id,
    dry_run: Boolean(opts.dryRun),
    status: "pending",
    mode: s.mode,
    cwd: s.cwd,
    sandbox: s.sandbox,
    model: s.model,
    reasoning: s.reasoning,
    tmux_session: sessionName(id),
    attach: ctx.tmux.attachArgv(sessionName(id)),
    agent: { provider: s.provider.name, path: s.bin, args: [] }
  };
  if (opts.dryRun) return { ...payload, agent: { ...payload.agent, args: await dryArgs(ctx, s, id) }, prompt: s.prompt };
  if (await ctx.tmux.version() === null) throw new AgentError("tmux not found on PATH: install tmux (see scripts/install.sh)");
  const d = ctx.config.defaults;
  const record = newJobRecord({
    id,
    mode: s.mode,
    prompt_head: s.prompt.slice(0, 200),
    model: s.model,
    reasoning: s.reasoning,
    sandbox: s.sandbox,
    cwd: s.cwd,
    provider: s.provider.name,
    agent_bin: s.bin,
    tmux_socket: ctx.config.tmuxSocket ?? null,
    inactivity_timeout_minutes: d.inactivityTimeoutMinutes,
    startup_timeout_seconds: d.startupTimeoutSeconds,
    parent_session: s.parentSession
  });
  ctx.store.create(record, s.prompt);
  const launched = await ensureRunner(ctx, id);
  const ran = await waitForRecord(ctx.store, id, ARGV_WAIT_MS, (r) => r.agent_argv !== null || r.runner === null) ?? launched.record;
  const argv = ran.agent_argv ?? [];
  return { ...payload, status: ran.status, agent: { ...payload.agent, args: argv.slice(1) } };
}
function renderStart(p) {
  if (p.dry_run) {
    return [
      `Dry run: nothing started.`,
      `would run: ${p.agent.path} ${p.agent.args.join(" ")}${p.mode === "exec" ? "  (prompt on stdin)" : ""}`,
      `in tmux session ${p.tmux_session}, cwd ${p.cwd}, sandbox ${p.sandbox}`
    ].join("\n");
  }
  return [
    `Job started: ${p.id}`,
    `  mode ${p.mode} \xB7 sandbox ${p.sandbox} \xB7 ${p.model ?? "default model"} \xB7 cwd ${p.cwd}`,
    `  watch:  ${p.attach.join(" ")}`,
    `  await:  codex-agent await-turn ${p.id}`
  ].join("\n");
}
export {
  createContext,
  startCommand
};
