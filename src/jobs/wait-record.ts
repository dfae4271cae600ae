// The one bounded wait on a job's record: woken by the record changing, with a slow poll behind.
import type { JobStore } from '../store/job-store.js';
import type { JobRecord } from '../store/record.js';
import { Waker } from '../util/waker.js';

const POLL_MS = 250;

/** The record once `done` holds for it, or null when `ms` ran out first. */
export async function waitForRecord(
  store: JobStore,
  id: string,
  ms: number,
  done: (r: JobRecord) => boolean | Promise<boolean>,
): Promise<JobRecord | null> {
  const waker = new Waker([store.layout.jobDir(id)]);
  const deadline = Date.now() + ms;
  try {
    for (;;) {
      const r = store.read(id);
      if (await done(r)) return r;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await waker.wait(Math.min(POLL_MS, left));
    }
  } finally {
    waker.close();
  }
}
