import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  interruptTui
} from "./chunk-FWGQKNBG.js";
import "./chunk-FMO2J572.js";
import "./chunk-KRKK3LCE.js";
import "./chunk-O4WIBB2X.js";
import "./chunk-VEUHQEQ5.js";
import "./chunk-IXKSXM7I.js";
import "./chunk-POHHZGS4.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-ZSNYBF77.js";
import "./chunk-47CZP7IV.js";
import "./chunk-C6ITA7PZ.js";
import "./chunk-E7RBPSEV.js";
import "./chunk-K65BFRVV.js";
import {
  createContext
} from "./chunk-5SWFSGEU.js";
import "./chunk-VTS7YFIR.js";
import "./chunk-PLS6CM4U.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import {
  UsageError
} from "./chunk-4XPRIXJ7.js";
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
