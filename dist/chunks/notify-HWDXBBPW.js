import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  getProvider
} from "./chunk-D2PQALHR.js";
import "./chunk-L4BQNJLZ.js";
import {
  createContext
} from "./chunk-ASBKF7PN.js";
import {
  isJobId
} from "./chunk-YNL5WG5H.js";
import {
  writeFileAtomic
} from "./chunk-4MN46AMV.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-665DYP36.js";
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
