import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  quitAgent
} from "./chunk-5B66HU4K.js";
import {
  waitForRecord
} from "./chunk-47DRQ2ZK.js";
import {
  getProvider
} from "./chunk-3COV7G5I.js";
import {
  agentMarker,
  tmuxFor
} from "./chunk-UGPL5WF7.js";
import {
  killRefs
} from "./chunk-HDI4USPI.js";
import {
  cancelledByUser,
  currentTurn,
  isFinal,
  processesStopped
} from "./chunk-KGTEZIFD.js";
import {
  refState
} from "./chunk-JFBBWCKX.js";

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
  const record = wasActive ? ctx.store.update(id, (r) => cancelledByUser(r, reason, (/* @__PURE__ */ new Date()).toISOString())) : before;
  const agentRuns = before.agent_procs.some((p) => refState(p) === "running");
  const atComposer = before.mode === "interactive" && before.turns.length > 0 && before.turn_state !== "blocked" && !currentTurn(before);
  if (wasActive && atComposer && agentRuns) {
    await quitAgent(ctx, await getProvider(before.provider), before.tmux_session, id);
    await waitForRecord(ctx.store, id, QUIT_WAIT_MS, (r) => r.runner === null);
  }
  const now = ctx.store.read(id);
  const refs = [...now.agent_procs, ...now.runner ? [now.runner] : []].filter((p) => p.pid !== process.pid);
  const killed = await killRefs(refs, { graceMs: 3e3, marker: agentMarker(id).entry });
  const sessionClosed = await closeSession(ctx, before);
  const final = ctx.store.update(id, (r) => processesStopped(r));
  return { record: final ?? record, wasActive, sessionClosed, survivors: killed.remaining };
}

export {
  stopJob
};
