// Listing cost against history size, in-process (the store's list, no process start): 10 active
// jobs beside 0, 1,000 and 10,000 finished ones.
import { performance } from 'node:perf_hooks';
import { selfRef } from '../../src/proc/identity.js';
import { JobStore } from '../../src/store/job-store.js';
import type { SectionData } from '../results.js';
import { brief, stats } from '../stats.js';
import { freshId, record, type FinishedRoot } from '../fixtures.js';

const ACTIVE = 10;

export function benchList(roots: readonly FinishedRoot[], quick: boolean): SectionData['list'] {
  const runs = quick ? 10 : 30;
  const allRuns = quick ? 3 : 5;
  console.log(`jobs listing in-process (${ACTIVE} active jobs, --limit 20; list: ${runs} runs, list --all: ${allRuns} runs):`);
  const me = selfRef();
  const rows: SectionData['list']['rows'] = [];
  for (const root of roots) {
    // Removed again below: any command run on the root later would find these runners dead.
    const store = new JobStore(root.home);
    const active = Array.from({ length: ACTIVE }, () => {
      const id = freshId(store);
      store.create(record(id, 'running', me), 'p');
      return id;
    });
    const limited: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      store.list({ limit: 20 });
      limited.push(performance.now() - t);
      if (i < allRuns) {
        t = performance.now();
        store.list({ limit: 20, all: true });
        all.push(performance.now() - t);
      }
    }
    store.deleteMany(active);
    const row = { finished: root.finished, list_ms: stats(limited), list_all_ms: stats(all) };
    rows.push(row);
    console.log(`  ${String(root.finished).padStart(6)} finished jobs: list ${brief(row.list_ms, 'ms', 2)} · list --all ${brief(row.list_all_ms, 'ms', 1)}`);
  }
  return { active_jobs: ACTIVE, rows };
}
