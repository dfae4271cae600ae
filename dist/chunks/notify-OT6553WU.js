import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readAll
} from "./chunk-WJOI5DET.js";
import "./chunk-HJ75533M.js";
import {
  HOOK_LOG,
  getProvider
} from "./chunk-2MRD3TQ6.js";
import "./chunk-L4BQNJLZ.js";
import {
  createContext
} from "./chunk-ZSL5RDRM.js";
import {
  isJobId
} from "./chunk-66JJZEQN.js";
import {
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/notify.ts
import { appendFileSync } from "node:fs";
import { join } from "node:path";
var MAX_HOOK_PAYLOAD = 4 * 1024 * 1024;
var HOOK_IDLE_MS = 5e3;
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
async function hookCommand(ctx, id) {
  try {
    const text = await readAll(process.stdin, { what: "the hook payload", maxBytes: MAX_HOOK_PAYLOAD, idleMs: HOOK_IDLE_MS });
    if (id === void 0 || !isJobId(id)) return;
    const payload = JSON.parse(text);
    const c = ctx();
    if (!c.store.tryRead(id)) return;
    appendFileSync(join(c.store.layout.jobDir(id), HOOK_LOG), `${JSON.stringify(payload)}
`, { mode: 384 });
  } catch {
  } finally {
    process.stdout.write("{}\n");
  }
}
export {
  createContext,
  hookCommand,
  notifyCommand
};
