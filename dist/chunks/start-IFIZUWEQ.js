import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  followLine,
  followTurns,
  writeLine
} from "./chunk-JDL6TKIR.js";
import {
  liveLinesForTerminal,
  liveWait,
  reportOne
} from "./chunk-JKX6KSMV.js";
import {
  awaitTurn
} from "./chunk-DHOPXCWF.js";
import "./chunk-XCO3FMNT.js";
import {
  TOKEN_ESTIMATE_RULE,
  assertFitsAgent,
  assertTuiText,
  composePrompt,
  estimateTokens
} from "./chunk-WMZPVRGX.js";
import {
  readStdin
} from "./chunk-WJOI5DET.js";
import {
  exactUtf8
} from "./chunk-HJ75533M.js";
import {
  ensureRunner
} from "./chunk-DITUKYKV.js";
import "./chunk-DAQF2G3N.js";
import {
  waitForRecord
} from "./chunk-DUHJPF4X.js";
import {
  cliEntry,
  getProvider
} from "./chunk-2MRD3TQ6.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-ZSNYBF77.js";
import "./chunk-74XVLTZ3.js";
import "./chunk-C6ITA7PZ.js";
import "./chunk-HC7AZ2XU.js";
import "./chunk-H22OVSBO.js";
import {
  createContext,
  sessionName
} from "./chunk-ZSL5RDRM.js";
import {
  RECORD_VERSION,
  newId
} from "./chunk-66JJZEQN.js";
import {
  DEFAULT_STARTUP_TIMEOUT_S,
  checkSessionId,
  childEnv
} from "./chunk-7SM3KLY2.js";
import {
  emit,
  forPeople
} from "./chunk-USXZDTZA.js";
import {
  DEFAULT_PROVIDER
} from "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import {
  AgentError,
  UsageError
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/start.ts
import { statSync as statSync4 } from "node:fs";
import { resolve } from "node:path";

// src/jobs/after-start.ts
var WAIT_DEFAULT_S = 1800;
var FOLLOW_DEFAULT_S = 3600;
function checkAfterStart(opts) {
  if (opts.wait && opts.follow) throw new UsageError("--wait and --follow: give one of them (--wait prints the answer; --follow a line per turn)");
  if ((opts.wait || opts.follow) && opts.dryRun) throw new UsageError(`--${opts.wait ? "wait" : "follow"} has nothing to wait for with --dry-run`);
  if (opts.timeout !== void 0 && !opts.wait && !opts.follow) throw new UsageError("--timeout goes with --wait or --follow");
}
async function waitAfterStart(c, id, opts) {
  if (!opts.json) writeLine(`Job started: ${id}`);
  const live = liveLinesForTerminal();
  let payload;
  try {
    payload = await awaitTurn(c, id, (opts.timeout ?? WAIT_DEFAULT_S) * 1e3, liveWait(live));
  } finally {
    live?.clear();
  }
  reportOne(payload, opts.json);
}
async function followAfterStart(c, payload, opts, render) {
  writeLine(opts.json ? JSON.stringify(payload) : render(payload).replace(/\n$/, ""));
  const code = await followTurns(c, payload.id, {
    timeoutMs: (opts.timeout ?? FOLLOW_DEFAULT_S) * 1e3,
    from: 0,
    onEvent: (ev) => writeLine(opts.json ? JSON.stringify(ev) : followLine(ev))
  });
  if (code !== 0) process.exitCode = code;
}

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

// src/prompt/attach-files.ts
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
var DEFAULT_ATTACH_CAP_BYTES = 256 * 1024;
var SNIFF_BYTES = 8e3;
var NAMES_SHOWN = 10;
function isBinary(buf) {
  if (buf.subarray(0, SNIFF_BYTES).includes(0)) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buf);
    return false;
  } catch {
    return true;
  }
}
function formatBytes(n) {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${n} bytes`;
}
function nameList(names) {
  const shown = names.slice(0, NAMES_SHOWN).join(", ");
  return names.length > NAMES_SHOWN ? `${shown} and ${names.length - NAMES_SHOWN} more` : shown;
}
function fitUnderCap(files, capBytes) {
  const kept = [];
  const left = [];
  let used = 0;
  for (const f of files) {
    if (used + f.size <= capBytes) {
      kept.push(f);
      used += f.size;
    } else left.push(f);
  }
  return { kept, left };
}
function attachFiles(cwd, paths, capBytes = DEFAULT_ATTACH_CAP_BYTES) {
  const texts = [];
  const binaries = [];
  for (const path of paths) {
    const abs = join(cwd, path);
    let buf;
    try {
      const size = statSync(abs).size;
      if (size > capBytes) {
        texts.push({ path, text: "", size });
        continue;
      }
      buf = readFileSync(abs);
    } catch (e) {
      throw new AgentError(`-f: cannot read ${path}: ${e.message}`);
    }
    if (isBinary(buf)) binaries.push(path);
    else texts.push({ path, text: buf.toString("utf8"), size: buf.length });
  }
  const { kept, left } = fitUnderCap(texts, capBytes);
  const notes = [];
  if (binaries.length > 0) notes.push(`-f: skipped ${binaries.length} binary file(s): ${nameList(binaries)}`);
  if (left.length > 0) {
    const bytes = left.reduce((n, f) => n + f.size, 0);
    notes.push(`-f: left out ${left.length} file(s), ${formatBytes(bytes)}, over the ${formatBytes(capBytes)} cap for attached files: ${nameList(left.map((f) => f.path))}`);
  }
  return { files: kept.map(({ path, text }) => ({ path, text })), notes };
}

// src/prompt/codebase-map.ts
import { readFileSync as readFileSync2, statSync as statSync2 } from "node:fs";
import { join as join2 } from "node:path";
var MAP_CANDIDATES = ["docs/CODEBASE_MAP.md", "CODEBASE_MAP.md", "docs/ARCHITECTURE.md"];
function findCodebaseMap(cwd) {
  for (const path of MAP_CANDIDATES) {
    const abs = join2(cwd, path);
    let buf;
    try {
      if (!statSync2(abs).isFile()) continue;
      buf = readFileSync2(abs);
    } catch {
      continue;
    }
    return { path, text: exactUtf8(buf, `--map: the codebase map ${path}`) };
  }
  return null;
}
function noMapNote(cwd) {
  return `--map: no codebase map in ${cwd} (looked for ${MAP_CANDIDATES.join(", ")}); the prompt goes without one`;
}

// src/prompt/find-files.ts
import { readdirSync, realpathSync, statSync as statSync3 } from "node:fs";
import { isAbsolute, join as join3, sep } from "node:path";

// src/prompt/glob.ts
var MAX_BRACE_EXPANSIONS = 256;
function expandBraces(pattern) {
  const open = findBrace(pattern);
  if (!open) return [pattern];
  const { start: start2, end, alternatives } = open;
  const out = [];
  for (const alt of alternatives) {
    for (const p of expandBraces(pattern.slice(0, start2) + alt + pattern.slice(end + 1))) {
      out.push(p);
      if (out.length > MAX_BRACE_EXPANSIONS) throw new Error(`more than ${MAX_BRACE_EXPANSIONS} patterns after expanding braces`);
    }
  }
  return out;
}
function findBrace(p) {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "\\") {
      i++;
      continue;
    }
    if (p[i] !== "{") continue;
    let depth = 0;
    const cuts = [];
    for (let j = i; j < p.length; j++) {
      const c = p[j];
      if (c === "\\") {
        j++;
        continue;
      }
      if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        if (cuts.length === 0) break;
        const bounds = [i, ...cuts, j];
        return { start: i, end: j, alternatives: bounds.slice(0, -1).map((b, k) => p.slice(b + 1, bounds[k + 1])) };
      } else if (c === "," && depth === 1) cuts.push(j);
    }
  }
  return null;
}
function isLiteral(part) {
  return !/[*?[\]{}\\]/.test(part);
}
var escapeRe = (c) => c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
function partSource(part) {
  let out = part.startsWith(".") ? "" : "(?!\\.)";
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === "\\" && i + 1 < part.length) out += escapeRe(part[++i]);
    else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const close = part.indexOf("]", i + 2);
      if (close < 0) {
        out += "\\[";
        continue;
      }
      let body = part.slice(i + 1, close);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      out += `[${negate ? "^/" : ""}${body.replace(/\\/g, "\\\\").replace(/^\]/, "\\]")}]`;
      i = close;
    } else out += escapeRe(c);
  }
  return out;
}
var ANY_PART = "(?!\\.)[^/]+";
function globToRegExp(pattern) {
  const parts = pattern.split("/").filter((p) => p !== "");
  let src = "^";
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part === "**") src += last ? `${ANY_PART}(?:/${ANY_PART})*` : `(?:${ANY_PART}/)*`;
    else src += partSource(part) + (last ? "" : "/");
  });
  return new RegExp(`${src}$`);
}
function splitBase(pattern) {
  const parts = pattern.split("/").filter((p) => p !== "");
  const k = parts.findIndex((p) => !isLiteral(p));
  return k < 0 ? { base: parts, rest: [] } : { base: parts.slice(0, k), rest: parts.slice(k) };
}

// src/prompt/find-files.ts
var SKIPPED_DIRS = /* @__PURE__ */ new Set([".git", "node_modules"]);
var MAX_WALK_ENTRIES = 2e5;
function relativePattern(pattern, cwd, realCwd = cwd) {
  const shown = `-f ${pattern}`;
  if (pattern.trim() === "") throw new UsageError("-f/--file: the pattern is empty");
  let p = pattern;
  if (isAbsolute(p)) {
    const inside = [cwd, realCwd].find((root) => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep));
    if (!inside) throw new UsageError(`${shown}: outside the job's directory ${cwd} (patterns are relative to it, see -d)`);
    p = p.slice(inside.length).replace(/^\/+/, "");
  }
  const parts = p.split("/").filter((x) => x !== "" && x !== ".");
  if (parts.includes("..")) throw new UsageError(`${shown}: ".." is not allowed; patterns stay inside the job's directory ${cwd}`);
  if (parts.length === 0) throw new UsageError(`${shown}: names the job's directory itself; give files or a pattern like "src/**"`);
  return parts.join("/");
}
function findFiles(cwd, patterns) {
  const realCwd = realpathSync(cwd);
  const found = /* @__PURE__ */ new Set();
  for (const pattern of patterns) {
    const rel = relativePattern(pattern, cwd, realCwd);
    let expanded;
    try {
      expanded = expandBraces(rel);
    } catch (e) {
      throw new UsageError(`-f ${pattern}: ${e.message}`);
    }
    let matched = 0;
    for (const p of expanded) {
      for (const f of matchOne(cwd, realCwd, p, pattern)) {
        found.add(f);
        matched++;
      }
    }
    if (matched === 0) throw new UsageError(`-f ${pattern}: no file matches in ${cwd}`);
  }
  return [...found].sort();
}
function staysInside(abs, realCwd) {
  try {
    const real = realpathSync(abs);
    return real === realCwd || real.startsWith(realCwd + sep);
  } catch {
    return false;
  }
}
function kind(abs) {
  try {
    const st = statSync3(abs);
    return st.isFile() ? "file" : st.isDirectory() ? "dir" : null;
  } catch {
    return null;
  }
}
function matchOne(cwd, realCwd, pattern, shown) {
  let { base, rest } = splitBase(pattern);
  if (rest.length === 0) {
    const abs = join3(cwd, ...base);
    const k = staysInside(abs, realCwd) ? kind(abs) : null;
    if (k === "file") return [base.join("/")];
    if (k !== "dir") return [];
    rest = ["**"];
    pattern = [...base, "**"].join("/");
  }
  const re = globToRegExp(pattern);
  const named = new Set(pattern.split("/").filter((p) => isLiteral(p)));
  const dotDirs = rest.some((p) => p.startsWith("."));
  const maxDepth = rest.includes("**") ? Infinity : rest.length;
  const out = [];
  let seen = 0;
  const walk = (relDir, depth) => {
    let entries;
    try {
      entries = readdirSync(join3(cwd, ...relDir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of entries) {
      if (++seen > MAX_WALK_ENTRIES) throw new UsageError(`-f ${shown}: more than ${MAX_WALK_ENTRIES} entries to look through; narrow the pattern`);
      const relParts = [...relDir, d.name];
      const rel = relParts.join("/");
      const abs = join3(cwd, ...relParts);
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        isDir = false;
        isFile = kind(abs) === "file" && staysInside(abs, realCwd);
      }
      if (isFile && re.test(rel)) out.push(rel);
      if (!isDir || depth + 1 >= maxDepth) continue;
      if (SKIPPED_DIRS.has(d.name) && !named.has(d.name)) continue;
      if (d.name.startsWith(".") && !dotDirs) continue;
      walk(relParts, depth + 1);
    }
  };
  const start2 = join3(cwd, ...base);
  if (base.length > 0 && (!staysInside(start2, realCwd) || kind(start2) !== "dir")) return [];
  walk(base, 0);
  return out;
}

// src/prompt/context.ts
function addContext(task, cwd, opts) {
  const notes = [];
  const paths = opts.files && opts.files.length > 0 ? findFiles(cwd, opts.files) : [];
  let map = null;
  if (opts.map) {
    map = findCodebaseMap(cwd);
    if (!map) notes.push(noMapNote(cwd));
  }
  const attached = attachFiles(cwd, paths, opts.capBytes ?? DEFAULT_ATTACH_CAP_BYTES);
  notes.push(...attached.notes);
  return { prompt: composePrompt(task, map, attached.files), notes };
}

// src/commands/start.ts
var MAX_STDIN_PROMPT_BYTES = 64 * 1024 * 1024;
var ARGV_WAIT_MS = 15e3;
async function startCommand(ctx, prompt, opts) {
  checkAfterStart(opts);
  const c = ctx();
  const payload = await start(c, prompt, opts);
  if (opts.wait) return waitAfterStart(c, payload.id, opts);
  if (opts.follow) return followAfterStart(c, payload, opts, renderStart);
  emit(opts.json, payload, renderStart);
}
async function normalize(ctx, promptArg, opts) {
  if (opts.phase !== void 0 && !opts.prd) throw new UsageError("--phase goes with --prd <file>");
  const given = promptArg === "-" ? await readStdin({ what: "the prompt", maxBytes: MAX_STDIN_PROMPT_BYTES }) : promptArg;
  if (!opts.prd && (given ?? "").trim() === "") throw new UsageError("the prompt is empty (give a task, or --prd <file>)");
  const parentSession = opts.parentSession !== void 0 ? checkSessionId(opts.parentSession, "--parent-session") : ctx.config.parentSession ?? null;
  if (opts.model !== void 0 && !/^[A-Za-z0-9._:/-]{1,100}$/.test(opts.model)) {
    throw new UsageError(`-m/--model: invalid model name "${opts.model.slice(0, 40)}"`);
  }
  const cwd = resolve(opts.dir ?? process.cwd());
  let isDir = false;
  try {
    isDir = statSync4(cwd).isDirectory();
  } catch {
  }
  if (!isDir) throw new UsageError(`-d/--dir: not a directory: ${cwd}`);
  const task = opts.prd ? [given?.trim(), await prdText(opts.prd, opts.phase)].filter(Boolean).join("\n\n") : given;
  const { prompt, notes } = addContext(task, cwd, { map: opts.map, files: opts.file });
  const provider = await getProvider(opts.provider ?? ctx.config.defaults.provider ?? DEFAULT_PROVIDER, ctx.env);
  if (opts.interactive && provider.interactive === false) throw new UsageError(`interactive ${provider.label} jobs are not supported yet`);
  const found = provider.locate(ctx.env);
  if (!found) {
    const named = ctx.env[provider.binEnv]?.trim();
    throw new AgentError(named ? `${provider.binEnv}=${named} is not an executable` : `${provider.name} not found on PATH: install it with \`${provider.installHint}\``);
  }
  assertFitsAgent(prompt, provider.maxMessageChars, "the prompt", provider.label);
  if (opts.interactive) assertTuiText(prompt, "the prompt", provider.label);
  const d = ctx.config.defaults;
  return {
    prompt,
    notes,
    mode: opts.interactive ? "interactive" : "exec",
    cwd,
    // A provider's own default (Gemini: read-only) wins over the configured one; only -s overrides it.
    sandbox: opts.sandbox ?? provider.defaultSandbox ?? d.sandbox,
    sandboxNote: opts.sandbox === void 0 && provider.defaultSandbox !== void 0 ? `${provider.label} agents are ${provider.defaultSandbox} unless -s is given` : null,
    model: opts.model ?? d.model ?? null,
    reasoning: opts.reasoning ?? d.reasoning ?? null,
    parentSession,
    provider,
    bin: found.path
  };
}
async function prdText(file, phase) {
  const [{ readPrd }, { prdPrompt }] = await Promise.all([import("./files-PUQ3ORUK.js"), import("./document-HBOOJJ3Y.js")]);
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
    agent: { provider: s.provider.name, path: s.bin, args: [] },
    notes: s.notes,
    ...s.sandboxNote ? { sandbox_note: s.sandboxNote } : {}
  };
  if (!opts.json) for (const n of s.notes) process.stderr.write(`codex-agent: note: ${n}
`);
  if (opts.dryRun) {
    const dry = { prompt: s.prompt, prompt_bytes: Buffer.byteLength(s.prompt), prompt_tokens_estimate: estimateTokens(s.prompt) };
    return { ...payload, agent: { ...payload.agent, args: await dryArgs(ctx, s, id) }, ...dry };
  }
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
  if (opts.notifyOnComplete !== void 0) record.notify_on_complete = opts.notifyOnComplete;
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
      `in tmux session ${p.tmux_session}, cwd ${p.cwd}, sandbox ${p.sandbox}`,
      `prompt:`,
      p.prompt ?? "",
      `prompt size: ${p.prompt_bytes} bytes, about ${p.prompt_tokens_estimate} tokens (${TOKEN_ESTIMATE_RULE})`
    ].join("\n");
  }
  if (!forPeople()) return [`Job started: ${p.id}`, ...p.sandbox_note ? [`  ${p.sandbox_note}`] : []].join("\n");
  return [
    `Job started: ${p.id}`,
    `  mode ${p.mode} \xB7 sandbox ${p.sandbox} \xB7 ${p.model ?? "default model"} \xB7 cwd ${p.cwd}`,
    ...p.sandbox_note ? [`  ${p.sandbox_note}`] : [],
    `  watch:  ${p.attach.join(" ")}`,
    `  await:  codex-agent await-turn ${p.id}`
  ].join("\n");
}
export {
  createContext,
  startCommand
};
