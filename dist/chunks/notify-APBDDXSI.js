import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  getProvider
} from "./chunk-3COV7G5I.js";
import "./chunk-L4BQNJLZ.js";
import {
  createContext
} from "./chunk-KGTEZIFD.js";
import {
  isJobId
} from "./chunk-JFBBWCKX.js";
import {
  writeFileAtomic
} from "./chunk-DA3Y2OMY.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-ZF63F73U.js";
import "./chunk-HANBNIMK.js";

// src/commands/notify.ts
async function notifyCommand(ctx, id, payload) {
  try {
    if (!isJobId(id) || !payload) return;
    const c = ctx();
    const r = c.store.tryRead(id);
    if (!r) return;
    const threadId = (await getProvider(r.provider)).notifiedThread(payload);
    if (threadId === null || r.thread_id !== threadId) return;
    writeFileAtomic(`${c.store.layout.jobDir(id)}/notify.json`, JSON.stringify({ thread_id: threadId, at: (/* @__PURE__ */ new Date()).toISOString() }));
  } catch {
  }
}
export {
  createContext,
  notifyCommand
};
