import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  writeJobEnv
} from "./chunk-DAQF2G3N.js";
import {
  cliEntry
} from "./chunk-2MRD3TQ6.js";
import {
  lastLines
} from "./chunk-ZSNYBF77.js";
import {
  pending
} from "./chunk-74XVLTZ3.js";
import {
  reconcile,
  tmuxFor
} from "./chunk-HC7AZ2XU.js";
import {
  waitFor
} from "./chunk-H22OVSBO.js";
import {
  processesLost
} from "./chunk-ZSL5RDRM.js";
import {
  withLockAsync
} from "./chunk-66JJZEQN.js";
import {
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";
import {
  AgentError
} from "./chunk-4XPRIXJ7.js";

// src/jobs/launch.ts
var REPORT_IN_MS = 15e3;
function replayText(captured) {
  const lines = captured.split("\n");
  while (lines.length > 0 && (lines.at(-1).trim() === "" || /^Pane is dead\b/.test(lines.at(-1).replace(/\x1b\[[0-9;]*m/g, "")))) lines.pop();
  return lines.length ? `${lines.join("\n")}
` : "";
}
async function ensureRunner(ctx, id) {
  return withLockAsync(ctx.store.layout.launchLockPath(id), async () => {
    const current = await reconcile(ctx, ctx.store.read(id));
    if (current.runner !== null) return { record: current, started: false };
    if (current.mode === "exec" && current.turns.length > 0 && pending(ctx.store.layout, id).length === 0) return { record: current, started: false };
    return launch(ctx, current);
  }, { timeoutMs: 6e4 });
}
async function launch(ctx, before) {
  const { store } = ctx;
  const id = before.id;
  const session = before.tmux_session;
  const tmux = tmuxFor(ctx, before);
  writeJobEnv(store.layout, id, ctx.env);
  const spec = {
    cwd: before.cwd,
    argv: [process.execPath, cliEntry(), "__run", id],
    // The runner reads its own pane (interactive jobs), so it needs the socket too.
    env: { CODEX_AGENT_HOME: ctx.config.home, ...before.tmux_socket ? { CODEX_AGENT_TMUX_SOCKET: before.tmux_socket } : {} }
  };
  try {
    let pane = (await tmux.panes())?.get(session);
    if (pane?.kind === "running") {
      await waitFor(async () => store.read(id).runner !== null || (pane = (await tmux.panes())?.get(session))?.kind !== "running", {
        timeoutMs: REPORT_IN_MS,
        intervalMs: 50,
        maxIntervalMs: 200,
        describe: () => ""
      }).catch(() => void 0);
      const now = store.read(id);
      if (now.runner !== null) return { record: now, started: false };
    }
    if (pane?.kind === "dead") {
      const screen2 = replayText(await tmux.capturePane(session, { ansi: true }).catch(() => ""));
      try {
        if (screen2) writeFileAtomic(store.layout.replayPath(id), screen2);
      } catch {
      }
      await tmux.respawnPane(session, spec);
    } else {
      if (pane) await tmux.killSession(session);
      await tmux.newSession(session, { ...spec, remainOnExit: true });
    }
  } catch (err) {
    const reason = `could not start tmux session ${session}: ${err.message}`;
    store.update(id, (r) => processesLost(r, reason, "infrastructure", (/* @__PURE__ */ new Date()).toISOString()));
    throw new AgentError(reason, void 0, { cause: err });
  }
  const reported = (r) => r.runner !== null;
  const seen = await waitFor(
    async () => {
      const now = store.read(id);
      if (reported(now)) return { record: now };
      const pane = (await tmux.panes().catch(() => null))?.get(session);
      return pane === void 0 || pane.kind === "dead" ? { record: null } : null;
    },
    { timeoutMs: REPORT_IN_MS, intervalMs: 20, maxIntervalMs: 250, describe: () => "" }
  ).catch(() => ({ record: null }));
  if (seen.record) return { record: seen.record, started: true };
  const again = store.read(id);
  if (reported(again) || again.updated_at !== before.updated_at) return { record: again, started: true };
  const screen = lastLines(await tmux.capturePane(session, {}).catch(() => ""), 3) || "session gone, nothing on screen";
  throw new AgentError(`runner for job ${id} did not report in within ${REPORT_IN_MS / 1e3}s (pane: ${screen})`);
}

export {
  ensureRunner
};
