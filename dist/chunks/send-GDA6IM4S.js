import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isQuitMessage
} from "./chunk-OASDAWPI.js";
import {
  quitTui,
  sendToTui
} from "./chunk-34KIRZU7.js";
import "./chunk-GOXCKYDP.js";
import "./chunk-KRKK3LCE.js";
import {
  ensureRunner
} from "./chunk-ELQHHDN6.js";
import "./chunk-UI62Q5QX.js";
import "./chunk-EDIZI5EE.js";
import "./chunk-LUPZHTR5.js";
import "./chunk-D2PQALHR.js";
import "./chunk-L4BQNJLZ.js";
import {
  enqueue,
  pending
} from "./chunk-UJEH54KD.js";
import "./chunk-ZSNYBF77.js";
import "./chunk-C6ITA7PZ.js";
import {
  currentTurn,
  ended,
  isFinal,
  reconcile
} from "./chunk-ZLQHJW7P.js";
import "./chunk-WMGFHZSN.js";
import {
  createContext
} from "./chunk-ASBKF7PN.js";
import "./chunk-YNL5WG5H.js";
import "./chunk-4MN46AMV.js";
import {
  emit
} from "./chunk-5ISQCS6K.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import {
  AgentError,
  UsageError
} from "./chunk-665DYP36.js";
import "./chunk-HANBNIMK.js";

// src/commands/send.ts
import { readFileSync } from "node:fs";
var MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
async function sendCommand(ctx, idArg, message, opts) {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const text = message === "-" ? readFileSync(0, "utf8") : message;
  if (text.trim() === "") throw new UsageError("the message is empty");
  if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) throw new UsageError("the message is larger than 10 MiB");
  const interactive = c.store.read(id).mode === "interactive";
  if (isQuitMessage(text)) {
    const q = interactive ? await quitTui(c, id) : await quitExec(c, id);
    emit(
      opts.json,
      { ...q, quit: true },
      (p) => p.already_ended ? `Job ${p.id} had already ended (${p.status}).` : "closes_after_turn" in p && p.closes_after_turn ? `Job ${p.id} closes after its running turn${p.queued > 1 ? ` and ${p.queued - 1} queued message(s)` : ""}; nothing was sent to the model.` : `Closed ${p.id} (${p.status}); it takes no more follow-ups.`
    );
    return;
  }
  if (interactive) {
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
