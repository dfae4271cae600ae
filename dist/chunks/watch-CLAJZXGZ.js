import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readPaneLog
} from "./chunk-5DLF7HRU.js";
import {
  followLine,
  followTurns,
  writeLine
} from "./chunk-JDL6TKIR.js";
import "./chunk-DHOPXCWF.js";
import "./chunk-XCO3FMNT.js";
import "./chunk-2MRD3TQ6.js";
import "./chunk-L4BQNJLZ.js";
import "./chunk-ZSNYBF77.js";
import {
  pending
} from "./chunk-74XVLTZ3.js";
import {
  Waker
} from "./chunk-C6ITA7PZ.js";
import {
  reconcile
} from "./chunk-HC7AZ2XU.js";
import "./chunk-H22OVSBO.js";
import {
  createContext,
  currentTurn
} from "./chunk-ZSL5RDRM.js";
import "./chunk-66JJZEQN.js";
import "./chunk-7SM3KLY2.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import {
  TimeoutError
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/watch.ts
async function watchCommand(ctx, idArg, opts) {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const timeoutMs = (opts.timeout ?? 3600) * 1e3;
  if (opts.turns) {
    const from = c.store.read(id).consumed_turns;
    const code = await followTurns(c, id, { timeoutMs, from, onEvent: (ev) => writeLine(opts.json ? JSON.stringify(ev) : followLine(ev)) });
    if (code !== 0) process.exitCode = code;
    return;
  }
  await follow(c, id, Date.now() + timeoutMs, Boolean(opts.json));
}
async function follow(c, id, deadline, json) {
  let offset = 0;
  const waker = new Waker([c.store.layout.jobDir(id)]);
  try {
    for (; ; ) {
      const chunk = readPaneLog(c, id, offset);
      if (chunk.text) process.stdout.write(json ? `${JSON.stringify({ type: "output", text: chunk.text })}
` : chunk.text);
      offset = chunk.size;
      const r = await reconcile(c, c.store.read(id));
      const busy = r.status === "pending" || currentTurn(r) !== void 0 || pending(c.store.layout, id).length > 0 && r.runner !== null;
      if (!busy) {
        if (json) writeLine(JSON.stringify({ type: "end", id, status: r.status, turn_state: r.turn_state }));
        return;
      }
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
