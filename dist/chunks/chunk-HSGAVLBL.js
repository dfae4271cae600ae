import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  quitAgent
} from "./chunk-ECQADHDE.js";
import {
  waitForRecord
} from "./chunk-DUHJPF4X.js";
import {
  getProvider
} from "./chunk-2MRD3TQ6.js";
import {
  agentMarker,
  tmuxFor
} from "./chunk-HC7AZ2XU.js";
import {
  killRefs
} from "./chunk-H22OVSBO.js";
import {
  cancelledByUser,
  currentTurn,
  isFinal,
  processesStopped
} from "./chunk-ZSL5RDRM.js";
import {
  leaveKillNote,
  refState
} from "./chunk-66JJZEQN.js";
import {
  StateRootError
} from "./chunk-4XPRIXJ7.js";

// src/jobs/stop.ts
var QUIT_WAIT_MS = 5e3;
async function closeSession(ctx, r) {
  const tmux = tmuxFor(ctx, r);
  try {
    return await tmux.killSession(r.tmux_session);
  } catch (err) {
    if (!await tmux.hasSession(r.tmux_session).catch(() => true)) return false;
    throw err;
  }
}
async function stopJob(ctx, id, reason) {
  const before = ctx.store.read(id);
  const wasActive = !isFinal(before);
  let record = before;
  let unrecorded = null;
  if (wasActive) {
    const at = (/* @__PURE__ */ new Date()).toISOString();
    try {
      record = ctx.store.update(id, (r) => cancelledByUser(r, reason, at));
    } catch (err) {
      if (!(err instanceof StateRootError)) throw err;
      unrecorded = { error: err, note: leaveKillNote({ home: ctx.store.layout.home, id, reason, at }) };
    }
  }
  const agentRuns = before.agent_procs.some((p) => refState(p) === "running");
  const atComposer = before.mode === "interactive" && before.turns.length > 0 && before.turn_state !== "blocked" && !currentTurn(before);
  if (wasActive && atComposer && agentRuns && !unrecorded) {
    await quitAgent(ctx, await getProvider(before.provider), before.tmux_session, id);
    await waitForRecord(ctx.store, id, QUIT_WAIT_MS, (r) => r.runner === null);
  }
  const now = ctx.store.read(id);
  const refs = [...now.agent_procs, ...now.runner ? [now.runner] : []].filter((p) => p.pid !== process.pid);
  const killed = await killRefs(refs, { graceMs: 3e3, marker: agentMarker(id).entry });
  const sessionClosed = await closeSession(ctx, before);
  if (!unrecorded && (now.runner !== null || now.agent_procs.length > 0)) {
    try {
      record = ctx.store.update(id, (r) => processesStopped(r));
    } catch (err) {
      if (!(err instanceof StateRootError)) throw err;
    }
  } else if (!unrecorded) record = ctx.store.read(id);
  return { record, wasActive, sessionClosed, survivors: killed.remaining, unrecorded };
}

export {
  stopJob
};
