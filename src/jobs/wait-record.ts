// The one bounded wait on a job's record: woken by the record changing, with a slow poll behind.
import type { JobStore } from '../store/job-store.js';
import type { JobRecord } from '../store/record.js';
import { Waker } from '../util/waker.js';
import { WaitTimeoutError, waitFor } from '../util/wait.js';

const POLL_MS = 250;

/** The record once `done` holds for it, or null when `ms` ran out first. */
export async function waitForRecord(
  store: JobStore,
  id: string,
  ms: number,
  done: (r: JobRecord) => boolean | Promise<boolean>,
): Promise<JobRecord | null> {
  const waker = new Waker([store.layout.jobDir(id)]);
  try {
    return await waitFor(
      async () => {
        const r = store.read(id);
        return (await done(r)) ? r : null;
      },
      { timeoutMs: ms, intervalMs: POLL_MS, maxIntervalMs: POLL_MS, describe: () => '', pause: (t) => waker.wait(t) },
    );
  } catch (err) {
    if (err instanceof WaitTimeoutError) return null;
    throw err;
  } finally {
    waker.close();
  }
}
