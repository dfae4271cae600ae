import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  interruptTui
} from "./chunk-V65JE6JH.js";
import "./chunk-UHL4BBCX.js";
import "./chunk-KRKK3LCE.js";
import "./chunk-UZUDNZC4.js";
import "./chunk-IXM7XF2M.js";
import "./chunk-NNSLT2XD.js";
import "./chunk-2MC4ODVK.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-ZSNYBF77.js";
import "./chunk-IS5P6XPG.js";
import "./chunk-C6ITA7PZ.js";
import "./chunk-C6MIQNKJ.js";
import "./chunk-S5O3TSTX.js";
import {
  createContext
} from "./chunk-NAVB3FHF.js";
import "./chunk-M4M54PVD.js";
import "./chunk-VJ7HCNPQ.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
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
