import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  pasteAllowanceMs,
  pasteForSubmit,
  quitAgent,
  screenText
} from "./chunk-ECQADHDE.js";
import {
  ensureRunner
} from "./chunk-DITUKYKV.js";
import {
  waitForRecord
} from "./chunk-DUHJPF4X.js";
import {
  getProvider
} from "./chunk-2MRD3TQ6.js";
import {
  lastLines
} from "./chunk-ZSNYBF77.js";
import {
  enqueue
} from "./chunk-74XVLTZ3.js";
import {
  agentMarker,
  reconcile
} from "./chunk-HC7AZ2XU.js";
import {
  killRefs,
  waitFor
} from "./chunk-H22OVSBO.js";
import {
  currentTurn,
  ended,
  isFinal,
  oneLine
} from "./chunk-ZSL5RDRM.js";
import {
  refState,
  withLockAsync
} from "./chunk-66JJZEQN.js";
import {
  AgentError
} from "./chunk-4XPRIXJ7.js";

// src/jobs/tui-send.ts
var CONFIRM_MS = 1e4;
var QUIT_MS = 15e3;
var COMPOSER_MS = 5e3;
var RECORD_LAG_MS = 1500;
function refusal(r) {
  if (isFinal(r)) return `job ${r.id} has ended (${r.end_reason ?? r.status}); start a new job`;
  if (r.turn_state === "blocked") return `job ${r.id} is blocked at start-up; the screen shows: ${lastLines(r.blocked_screen ?? "", 4)}`;
  return null;
}
function assertOpen(r) {
  const why = refusal(r) ?? (r.runner === null ? `job ${r.id} has no open agent (${r.end_reason ?? r.status}); send a message to reopen it` : null);
  if (why) throw new AgentError(why);
}
var waitUntil = (c, id, ms, done) => waitForRecord(c.store, id, ms, done);
async function sendToTui(c, id, text) {
  return withLockAsync(c.store.layout.inputLockPath(id), async () => {
    const current = await reconcile(c, c.store.read(id));
    const why = refusal(current);
    if (why) throw new AgentError(why);
    if (current.runner === null) return reopen(c, current, text);
    const before = c.store.read(id);
    assertOpen(before);
    const provider = await getProvider(before.provider);
    let held = false;
    const taken = async (r) => {
      if (r.user_messages > before.user_messages) return true;
      if (provider.screen.holdsMessage(await screenText(c, before.tmux_session), text)) held = true;
      return held;
    };
    await pasteForSubmit(c.tmux, before.tmux_session, text, c.store.layout.jobDir(id), provider.keys.afterPaste(text));
    await c.tmux.sendKeys(before.tmux_session, ["Enter"]);
    let enterRetried = false;
    const confirmMs = CONFIRM_MS + pasteAllowanceMs(text);
    if (!await waitUntil(c, id, confirmMs, taken)) {
      enterRetried = true;
      await c.tmux.sendKeys(before.tmux_session, ["Enter"]);
      if (!await waitUntil(c, id, confirmMs, taken)) {
        const screen = await screenText(c, before.tmux_session);
        throw new AgentError(`message pasted into job ${id} but ${provider.label} did not take it within ${Math.round(2 * confirmMs / 1e3)}s; screen: ${lastLines(screen, 4)}`);
      }
    }
    const after = c.store.read(id);
    const steered = held || after.user_messages - before.user_messages > after.turns.length - before.turns.length;
    return { id, delivered: true, steered, held_by_codex: held, enter_retried: enterRetried, reopened: false };
  }, { timeoutMs: 6e4 });
}
async function reopen(c, before, text) {
  c.store.update(before.id, () => void enqueue(c.store.layout, before.id, text));
  await ensureRunner(c, before.id);
  const bound = (before.startup_timeout_seconds + 15) * 1e3 + pasteAllowanceMs(text);
  const r = await waitUntil(c, before.id, bound, (x) => x.user_messages > before.user_messages || x.turn_state === "blocked" || x.runner === null && x.updated_at !== before.updated_at);
  if (!r || r.user_messages <= before.user_messages) {
    const now = c.store.read(before.id);
    const screen = await screenText(c, now.tmux_session);
    throw new AgentError(`job ${before.id} was reopened on its thread but the agent did not take the message within ${bound / 1e3}s (${now.turn_state}); screen: ${lastLines(screen, 4)}`);
  }
  return { id: before.id, delivered: true, steered: false, held_by_codex: false, enter_retried: false, reopened: true };
}
async function quitTui(c, id) {
  const current = await reconcile(c, c.store.read(id));
  if (isFinal(current)) return { id, already_ended: true, status: current.status };
  if (current.runner === null) {
    const r = c.store.update(id, (d) => ended(d, "closed by /quit", (/* @__PURE__ */ new Date()).toISOString()));
    return { id, already_ended: false, status: r.status };
  }
  return withLockAsync(c.store.layout.inputLockPath(id), async () => {
    const r = c.store.read(id);
    const provider = await getProvider(r.provider);
    const turn = currentTurn(r);
    if (turn) {
      await c.tmux.sendKeys(r.tmux_session, provider.keys.interrupt).catch(() => void 0);
      await waitUntil(c, id, 5e3, (x) => x.turns[turn.n - 1]?.status !== "running");
    }
    await waitFor(async () => provider.screen.composerReady(await screenText(c, r.tmux_session)), { timeoutMs: COMPOSER_MS, intervalMs: 100, maxIntervalMs: 250, describe: () => "no composer" }).catch(() => void 0);
    await quitAgent(c, provider, r.tmux_session, id);
    let closed = await waitUntil(c, id, QUIT_MS, (x) => x.runner === null || isFinal(x));
    const signalled = !closed;
    if (!closed) closed = await endUntaken(c, id, provider.label);
    if (r.runner) await waitFor(() => refState(r.runner) !== "running", { timeoutMs: 5e3, intervalMs: 20, maxIntervalMs: 100, describe: () => "runner still running" }).catch(() => void 0);
    return { id, already_ended: false, status: closed.status, ...signalled ? { signalled: true } : {} };
  }, { timeoutMs: 6e4 });
}
async function endUntaken(c, id, label) {
  const before = c.store.read(id);
  const screen = oneLine(lastLines(await screenText(c, before.tmux_session), 4));
  const reason = `closed by /quit: ${label} did not take it within ${QUIT_MS / 1e3}s, so it was ended by SIGTERM; its screen showed: ${screen}`;
  const closed = c.store.update(id, (d) => ended(d, reason, (/* @__PURE__ */ new Date()).toISOString()));
  const killed = await killRefs(before.agent_procs, { graceMs: 3e3, marker: agentMarker(id).entry });
  if (killed.remaining.length > 0) throw new AgentError(`job ${id}: ${label} did not take /quit and process(es) ${killed.remaining.join(", ")} outlived SIGKILL; the job is recorded as closed`);
  return closed;
}
async function interruptTui(c, id) {
  return withLockAsync(c.store.layout.inputLockPath(id), async () => {
    assertOpen(await reconcile(c, c.store.read(id)));
    const r = await waitUntil(c, id, RECORD_LAG_MS, (x) => currentTurn(x) !== void 0) ?? c.store.read(id);
    const turn = currentTurn(r);
    if (!turn) return { id, interrupted: false, turn: null };
    const provider = await getProvider(r.provider);
    const ended2 = (x) => x.turns[turn.n - 1]?.status !== "running";
    for (let attempt = 0; attempt < 2; attempt++) {
      await c.tmux.sendKeys(r.tmux_session, provider.keys.interrupt);
      if (await waitUntil(c, id, 5e3, ended2)) return { id, interrupted: true, turn: turn.n };
    }
    const screen = await screenText(c, r.tmux_session);
    throw new AgentError(`turn ${turn.n} of job ${id} did not stop after interrupting twice; screen: ${lastLines(screen, 4)}`);
  }, { timeoutMs: 6e4 });
}

export {
  sendToTui,
  quitTui,
  interruptTui
};
