import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  interruptTui
} from "./chunk-XEMLAKHL.js";
import "./chunk-5B66HU4K.js";
import "./chunk-KRKK3LCE.js";
import "./chunk-ZS4WSQ5A.js";
import "./chunk-EDLCDCFL.js";
import "./chunk-47DRQ2ZK.js";
import "./chunk-3COV7G5I.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-ZSNYBF77.js";
import "./chunk-5AGGKBDV.js";
import "./chunk-C6ITA7PZ.js";
import "./chunk-UGPL5WF7.js";
import "./chunk-HDI4USPI.js";
import {
  createContext
} from "./chunk-KGTEZIFD.js";
import "./chunk-JFBBWCKX.js";
import "./chunk-DA3Y2OMY.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import {
  UsageError
} from "./chunk-ZF63F73U.js";
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
