import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  stopJob
} from "./chunk-HC6Q5T6I.js";
import "./chunk-5B66HU4K.js";
import "./chunk-KRKK3LCE.js";
import "./chunk-47DRQ2ZK.js";
import "./chunk-3COV7G5I.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-C6ITA7PZ.js";
import {
  reconcile
} from "./chunk-UGPL5WF7.js";
import "./chunk-HDI4USPI.js";
import {
  createContext,
  currentTurn,
  isFinal
} from "./chunk-KGTEZIFD.js";
import "./chunk-JFBBWCKX.js";
import "./chunk-DA3Y2OMY.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import {
  AgentError
} from "./chunk-ZF63F73U.js";
import "./chunk-HANBNIMK.js";

// src/commands/kill.ts
async function killCommand(ctx, idArg, opts) {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const res = await stopJob(c, id, "killed by user");
  const payload = {
    id,
    status: res.record.status,
    was_active: res.wasActive,
    session_closed: res.sessionClosed,
    survivors: res.survivors
  };
  emit(
    opts.json,
    payload,
    (p) => p.was_active ? `Killed ${p.id}: status ${p.status}.` : `Job ${p.id} had already ended (${p.status}); nothing of it runs and its session is closed.`
  );
  if (res.survivors.length) throw new AgentError(`processes survived SIGKILL: ${res.survivors.join(", ")}`);
}
async function deleteCommand(ctx, idArg, opts) {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const r = await reconcile(c, c.store.read(id));
  if (currentTurn(r) || r.status === "pending") {
    throw new AgentError(`job ${id} is still ${r.status} (${r.turn_state}); run codex-agent kill ${id} first`);
  }
  if (!isFinal(r) && !opts.force) {
    throw new AgentError(`job ${id} is ${r.turn_state} and send could still continue it; kill ${id} first, or delete ${id} --force`);
  }
  await stopJob(c, id, "deleted");
  c.store.delete(id);
  emit(opts.json, { id, deleted: true, status: r.status, turn_state: r.turn_state }, (p) => `Deleted ${p.id}.`);
}
export {
  createContext,
  deleteCommand,
  killCommand
};
