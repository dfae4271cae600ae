import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readPaneLog
} from "./chunk-BKB4L6JW.js";
import "./chunk-KRKK3LCE.js";
import "./chunk-D2PQALHR.js";
import "./chunk-L4BQNJLZ.js";
import {
  pending
} from "./chunk-UJEH54KD.js";
import {
  Waker
} from "./chunk-C6ITA7PZ.js";
import {
  currentTurn,
  reconcile
} from "./chunk-ZLQHJW7P.js";
import "./chunk-WMGFHZSN.js";
import {
  createContext
} from "./chunk-ASBKF7PN.js";
import "./chunk-YNL5WG5H.js";
import "./chunk-4MN46AMV.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import {
  TimeoutError
} from "./chunk-665DYP36.js";
import "./chunk-HANBNIMK.js";

// src/commands/watch.ts
async function watchCommand(ctx, idArg, opts) {
  const c = ctx();
  const id = c.store.resolve(idArg);
  await follow(c, id, Date.now() + (opts.timeout ?? 3600) * 1e3);
}
async function follow(c, id, deadline) {
  let offset = 0;
  const waker = new Waker([c.store.layout.jobDir(id)]);
  try {
    for (; ; ) {
      const chunk = readPaneLog(c, id, offset);
      if (chunk.text) process.stdout.write(chunk.text);
      offset = chunk.size;
      const r = await reconcile(c, c.store.read(id));
      const busy = r.status === "pending" || currentTurn(r) !== void 0 || pending(c.store.layout, id).length > 0 && r.runner !== null;
      if (!busy) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new TimeoutError(`watch timed out; job ${id} is still ${r.status} (${r.turn_state})`);
      await waker.wait(Math.min(1e3, left));
    }
  } finally {
    waker.close();
  }
}
export {
  createContext,
  watchCommand
};
