import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createContext
} from "./chunk-ZSL5RDRM.js";
import {
  isJobId
} from "./chunk-66JJZEQN.js";
import "./chunk-7SM3KLY2.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import {
  AgentError
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/attach.ts
async function attachCommand(ctx, idArg, opts = {}) {
  const c = ctx();
  const r = c.store.read(c.store.resolve(idArg));
  if (!await c.tmux.hasSession(r.tmux_session)) {
    throw new AgentError(`job ${r.id} has no live tmux session (status ${r.status}); read it with: codex-agent output ${r.id}`);
  }
  const payload = { id: r.id, tmux_session: r.tmux_session, attach: c.tmux.attachArgv(r.tmux_session) };
  emit(opts.json, payload, (p) => p.attach.join(" "));
}
async function sessionsCommand(ctx, opts) {
  const c = ctx();
  const sessions = (await c.tmux.listSessions()).filter((s) => s.name.startsWith("codex-agent-"));
  const rows = sessions.map((s) => {
    const id = s.name.slice("codex-agent-".length);
    let status = "orphaned";
    if (isJobId(id)) {
      try {
        status = c.store.tryRead(id)?.status ?? "orphaned";
      } catch {
        status = "corrupt";
      }
    }
    return { name: s.name, job: isJobId(id) ? id : null, status, created_at: s.createdAt.toISOString(), attached: s.attached };
  });
  emit(
    opts.json,
    { sessions: rows },
    (p) => p.sessions.length === 0 ? "No codex-agent tmux sessions." : p.sessions.map((s) => `${s.name}  ${s.status.padEnd(9)} ${s.attached ? "attached" : ""}`.trimEnd()).join("\n")
  );
}
export {
  attachCommand,
  createContext,
  sessionsCommand
};
