import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  Waker
} from "./chunk-C6ITA7PZ.js";
import {
  WaitTimeoutError,
  waitFor
} from "./chunk-H22OVSBO.js";

// src/jobs/wait-record.ts
var POLL_MS = 250;
async function waitForRecord(store, id, ms, done) {
  const waker = new Waker([store.layout.jobDir(id)]);
  try {
    return await waitFor(
      async () => {
        const r = store.read(id);
        return await done(r) ? r : null;
      },
      { timeoutMs: ms, intervalMs: POLL_MS, maxIntervalMs: POLL_MS, describe: () => "", pause: (t) => waker.wait(t) }
    );
  } catch (err) {
    if (err instanceof WaitTimeoutError) return null;
    throw err;
  } finally {
    waker.close();
  }
}

export {
  waitForRecord
};
