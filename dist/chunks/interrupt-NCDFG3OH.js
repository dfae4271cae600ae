import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  interruptTui
} from "./chunk-34KIRZU7.js";
import "./chunk-GOXCKYDP.js";
import "./chunk-KRKK3LCE.js";
import "./chunk-ELQHHDN6.js";
import "./chunk-UI62Q5QX.js";
import "./chunk-EDIZI5EE.js";
import "./chunk-LUPZHTR5.js";
import "./chunk-D2PQALHR.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-UJEH54KD.js";
import "./chunk-ZSNYBF77.js";
import "./chunk-C6ITA7PZ.js";
import "./chunk-ZLQHJW7P.js";
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
  UsageError
} from "./chunk-665DYP36.js";
import "./chunk-HANBNIMK.js";

// src/commands/interrupt.ts
async function interruptCommand(ctx, idArg, opts) {
  const c = ctx();
  const id = c.store.resolve(idArg);
  if (c.store.read(id).mode !== "interactive") {
    throw new UsageError(`job ${id} runs in exec mode, which has no turn to interrupt; use codex-agent kill ${id}`);
  }
  emit(
    opts.json,
    await interruptTui(c, id),
    (p) => p.interrupted ? `Interrupted turn ${p.turn} of ${p.id}; the agent is waiting for instructions.` : `Job ${p.id} has no running turn.`
  );
}
export {
  createContext,
  interruptCommand
};
