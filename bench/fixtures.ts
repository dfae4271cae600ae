// State roots holding many finished jobs, written through the store as the CLI writes them, for
// the listing and whole-command sections. Built once per bench run: the 10,000-job root is the
// 1,000-job root copied and topped up, so no record is written twice.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { newJobRecord } from '../src/jobs/new-record.js';
import { newId } from '../src/store/ids.js';
import { JobStore } from '../src/store/job-store.js';
import type { JobRecord } from '../src/store/record.js';
import { fmt } from './stats.js';

export function record(id: string, status: JobRecord['status'], runner: JobRecord['runner']): JobRecord {
  const r = newJobRecord({
    id, mode: 'exec', prompt_head: 'bench', model: null, reasoning: null, sandbox: 'read-only', cwd: '/tmp',
    provider: 'codex', agent_bin: '/bin/false', tmux_socket: null, inactivity_timeout_minutes: 60,
  });
  return { ...r, status, runner, turn_state: status === 'running' ? 'working' : 'idle' };
}

/** A job whose one turn completed with `answer`, as a finished exec job reads. */
export function finishedRecord(id: string, answer: string): JobRecord {
  const now = new Date().toISOString();
  return {
    ...record(id, 'completed', null),
    started_at: now,
    completed_at: now,
    thread_id: `thread-${id}`,
    turns: [{ n: 1, turn_id: null, status: 'completed', started_at: now, completed_at: now, last_message: answer, error: null, error_kind: null }],
    consumed_turns: 1,
    last_message: answer,
  };
}

/** A fresh id, never one the store already holds (8 hex characters collide now and then at 10,000). */
export function freshId(store: JobStore): string {
  for (;;) {
    const id = newId();
    if (!store.exists(id)) return id;
  }
}

function addFinished(store: JobStore, count: number, from: number): void {
  for (let i = 0; i < count; i++) store.create(finishedRecord(freshId(store), `answer ${from + i}`), 'p');
}

export interface FinishedRoot {
  home: string;
  finished: number;
  /** The newest job, finished, answering "answer -1": the one `status` and `await-turn` read. */
  target: string;
}

/**
 * Roots with `sizes` finished jobs (ascending) plus the target job, under `dir`; each size built
 * from the previous one. Prints what it writes.
 */
export function finishedRoots(dir: string, sizes: readonly number[]): FinishedRoot[] {
  const roots: FinishedRoot[] = [];
  /** Finished jobs in the previous root, its target included (copied along, it is one more). */
  let prev: { home: string; jobs: number } | null = null;
  for (const finished of sizes) {
    const home = join(dir, `finished-${finished}`);
    const t = performance.now();
    if (prev) cpSync(prev.home, home, { recursive: true });
    const have = prev?.jobs ?? 0;
    if (have > finished) throw new Error(`bench: root sizes must grow: ${sizes.join(', ')}`);
    const store = new JobStore(home);
    store.init();
    addFinished(store, finished - have, have);
    const target = freshId(store);
    store.create(finishedRecord(target, 'answer -1'), 'p');
    prev = { home, jobs: finished + 1 };
    roots.push({ home, finished, target });
    console.log(`  (${finished} finished jobs on record in ${fmt((performance.now() - t) / 1000, 1)} s)`);
  }
  return roots;
}
