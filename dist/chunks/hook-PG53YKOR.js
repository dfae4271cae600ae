import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  buildRecover,
  renderRecover
} from "./chunk-6I5XTO4P.js";
import "./chunk-HE2Y5ESJ.js";
import "./chunk-XCO3FMNT.js";
import {
  getProvider,
  which
} from "./chunk-2MRD3TQ6.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-HC7AZ2XU.js";
import "./chunk-H22OVSBO.js";
import {
  createContext
} from "./chunk-ZSL5RDRM.js";
import "./chunk-66JJZEQN.js";
import {
  SESSION_ID_RE
} from "./chunk-7SM3KLY2.js";
import "./chunk-USXZDTZA.js";
import {
  DEFAULT_PROVIDER
} from "./chunk-GJCWKZOD.js";
import {
  object,
  string
} from "./chunk-R3LRDQ2H.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/hook.ts
import { appendFileSync, readFileSync } from "node:fs";

// src/plugin/session-start.ts
var inputSchema = object({
  session_id: string().regex(SESSION_ID_RE),
  source: string().optional(),
  hook_event_name: string().optional()
});
function parseHookInput(text) {
  if (text.trim() === "") return { error: "no hook input on stdin" };
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: "hook input is not JSON" };
  }
  const parsed = inputSchema.safeParse(json);
  if (!parsed.success) return { error: `hook input has no usable ${parsed.error.issues[0]?.path.join(".") || "fields"}` };
  return parsed.data;
}
function wantsRecovery(source) {
  return source === "compact" || source === "resume";
}
function envFileLine(sessionId) {
  return `export CODEX_AGENT_PARENT_SESSION=${sessionId}
`;
}
function hookOutput(context) {
  return JSON.stringify({ hookSpecificOutput: { hookEventName: "SessionStart", additionalContext: context } });
}

// src/commands/hook.ts
async function sessionStartCommand() {
  let note;
  try {
    note = await sessionStart(process.env);
  } catch (err) {
    note = `codex-agent: SessionStart hook skipped (${err.message.split("\n")[0]})`;
  }
  process.stdout.write(`${hookOutput(note)}
`);
  process.exitCode = 0;
}
async function sessionStart(env) {
  const input = parseHookInput(readStdin());
  const notes = [];
  if (!which("tmux", env.PATH)) notes.push("codex-agent: tmux not found; Codex agents cannot start until it is installed (scripts/install.sh).");
  const agent = await getProvider(DEFAULT_PROVIDER, env);
  if (!agent.locate(env)) notes.push(`codex-agent: ${agent.name} not found; install it with ${agent.installHint}.`);
  if ("error" in input) return [`codex-agent: ${input.error}; jobs started now are not tagged with this session.`, ...notes].join("\n");
  if (env.CLAUDE_ENV_FILE) appendFileSync(env.CLAUDE_ENV_FILE, envFileLine(input.session_id));
  const c = createContext({ ...env, CODEX_AGENT_PARENT_SESSION: input.session_id });
  const view = await buildRecover(c, input.session_id, { write: false });
  if (wantsRecovery(input.source) && (view.items.length > 0 || view.settled > 0)) return [renderRecover(view), ...notes].join("\n");
  const others = view.others_active ? `; ${view.others_active} active job(s) of other sessions` : "";
  const mine = view.items.length ? `${view.items.length} job(s) of this session need attention (codex-agent recover)` : "no Codex jobs of this session yet";
  return [`codex-agent: ${mine}${others}.`, ...notes].join("\n");
}
function readStdin() {
  if (process.stdin.isTTY) return "";
  try {
    return readFileSync(0, "utf8").slice(0, 1e6);
  } catch {
    return "";
  }
}
export {
  sessionStartCommand
};
