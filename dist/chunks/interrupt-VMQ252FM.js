import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  interruptTui
} from "./chunk-Q6E7EA2G.js";
import "./chunk-ECQADHDE.js";
import "./chunk-DITUKYKV.js";
import "./chunk-DAQF2G3N.js";
import "./chunk-DUHJPF4X.js";
import "./chunk-2MRD3TQ6.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-ZSNYBF77.js";
import "./chunk-74XVLTZ3.js";
import "./chunk-C6ITA7PZ.js";
import "./chunk-HC7AZ2XU.js";
import "./chunk-H22OVSBO.js";
import {
  createContext
} from "./chunk-ZSL5RDRM.js";
import "./chunk-66JJZEQN.js";
import "./chunk-7SM3KLY2.js";
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
