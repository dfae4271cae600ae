import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isQuitMessage
} from "./chunk-OASDAWPI.js";
import {
  assertFitsAgent,
  assertTuiText
} from "./chunk-WMZPVRGX.js";
import {
  readStdin
} from "./chunk-WJOI5DET.js";
import "./chunk-HJ75533M.js";
import {
  quitTui,
  sendToTui
} from "./chunk-Q6E7EA2G.js";
import "./chunk-ECQADHDE.js";
import {
  ensureRunner
} from "./chunk-DITUKYKV.js";
import "./chunk-DAQF2G3N.js";
import "./chunk-DUHJPF4X.js";
import {
  getProvider
} from "./chunk-2MRD3TQ6.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-ZSNYBF77.js";
import {
  enqueue,
  pending
} from "./chunk-74XVLTZ3.js";
import "./chunk-C6ITA7PZ.js";
import {
  reconcile
} from "./chunk-HC7AZ2XU.js";
import "./chunk-H22OVSBO.js";
import {
  createContext,
  currentTurn,
  ended,
  isFinal
} from "./chunk-ZSL5RDRM.js";
import "./chunk-66JJZEQN.js";
import "./chunk-7SM3KLY2.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import {
  AgentError,
  UsageError
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/send.ts
var MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
async function sendCommand(ctx, idArg, message, opts) {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const text = message === "-" ? await readStdin({ what: "the message", maxBytes: MAX_MESSAGE_BYTES }) : message;
  if (text.trim() === "") throw new UsageError("the message is empty");
  if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) throw new UsageError("the message is larger than 10 MiB");
  const record = c.store.read(id);
  const interactive = record.mode === "interactive";
  if (isQuitMessage(text)) {
    const q = interactive ? await quitTui(c, id) : await quitExec(c, id);
    emit(
      opts.json,
      { ...q, quit: true },
      (p) => p.already_ended ? `Job ${p.id} had already ended (${p.status}).` : "closes_after_turn" in p && p.closes_after_turn ? `Job ${p.id} closes after its running turn${p.queued > 1 ? ` and ${p.queued - 1} queued message(s)` : ""}; nothing was sent to the model.` : `Closed ${p.id} (${p.status})${"signalled" in p && p.signalled ? "; the agent did not take /quit, so it was ended by SIGTERM" : ""}; it takes no more follow-ups.`
    );
    return;
  }
  const provider = await getProvider(record.provider);
  assertFitsAgent(text, provider.maxMessageChars, "the message", provider.label);
  if (interactive) {
    assertTuiText(text, "the message", provider.label);
    if (c.store.read(id).turn_state === "awaiting_approval") throw new AgentError(`job ${id} waits for a tool approval; a message now would answer it and be lost: interrupt ${id} declines it (or answer it on its screen: attach ${id})`);
    emit(
      opts.json,
      await sendToTui(c, id, text),
      (p) => p.reopened ? `Sent to ${p.id}: its agent was reopened on the same thread and a new turn started.` : p.held_by_codex ? `Sent to ${p.id}: Codex holds it to steer the running turn at its next tool call (interrupt ${p.id} sends it now).` : p.steered ? `Sent to ${p.id}: it steers the running turn.` : `Sent to ${p.id}: a new turn started.`
    );
    return;
  }
  emit(
    opts.json,
    await send(c, id, text),
    (p) => p.runner_started ? `Sent to ${p.id}: runs now as a resumed turn.` : p.busy ? `Queued for ${p.id}: runs after the current turn (${p.queued} waiting).` : `Sent to ${p.id}: runs now.`
  );
}
function refuseEnded(r) {
  if (r.status === "cancelled") throw new AgentError(`job ${r.id} was cancelled; start a new job instead`);
  throw new AgentError(`job ${r.id} has ended (${r.end_reason ?? r.status}); start a new job instead`);
}
async function send(c, id, text) {
  const current = await reconcile(c, c.store.read(id));
  if (isFinal(current)) refuseEnded(current);
  let runnerAlive = false;
  let busy = false;
  c.store.update(id, (d) => {
    if (isFinal(d)) refuseEnded(d);
    runnerAlive = d.runner !== null;
    busy = currentTurn(d) !== void 0 || d.turns.length === 0;
    enqueue(c.store.layout, id, text);
  });
  let runnerStarted = false;
  if (!runnerAlive) runnerStarted = (await ensureRunner(c, id)).started;
  return { id, queued: pending(c.store.layout, id).length, busy, runner_started: runnerStarted };
}
async function quitExec(c, id) {
  const current = await reconcile(c, c.store.read(id));
  if (isFinal(current)) return { id, already_ended: true, status: current.status, closes_after_turn: false, queued: 0 };
  let later = false;
  const r = c.store.update(id, (d) => {
    if (d.runner !== null) {
      enqueue(c.store.layout, id, "/quit");
      later = true;
    } else ended(d, "closed by /quit", (/* @__PURE__ */ new Date()).toISOString());
  });
  return { id, already_ended: false, status: r.status, closes_after_turn: later, queued: later ? pending(c.store.layout, id).length : 0 };
}
export {
  createContext,
  quitExec,
  send,
  sendCommand
};
