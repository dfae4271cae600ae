import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  getProvider
} from "./chunk-2MC4ODVK.js";
import "./chunk-L4BQNJLZ.js";
import {
  createContext
} from "./chunk-NAVB3FHF.js";
import {
  isJobId
} from "./chunk-M4M54PVD.js";
import {
  writeFileAtomic
} from "./chunk-VJ7HCNPQ.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/notify.ts
async function notifyCommand(ctx, id, payload) {
  try {
    if (id === void 0 || !isJobId(id) || !payload) return;
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
