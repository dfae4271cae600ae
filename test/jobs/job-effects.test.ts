// What follows a record change, through a real store with the hook createContext installs: the
// signal file of the last finished turn, and the user's --notify-on-complete command, started for
// real through the shell, once per change of the job's status from running to an end.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runEnded, jobEffects } from '../../src/jobs/job-effects.js';
import { beginTurn, cancelledByUser, closeTurn, currentTurn, runnerGone } from '../../src/jobs/lifecycle.js';
import { closedTurn, turnSignal, type TurnSignal } from '../../src/jobs/turn-signal.js';
import { JobStore } from '../../src/store/job-store.js';
import type { JobRecord } from '../../src/store/record.js';
import { sleep } from '../../src/util/sleep.js';
import { makeRecord, tempDir } from '../support/store-record.js';

const T0 = '2026-11-24T06:00:00.000Z';
const T1 = '2026-11-24T06:05:00.000Z';
const ID = 'abcd1234';

let tmp: { dir: string; cleanup: () => void };
let store: JobStore;
let work: string;

beforeEach(() => {
  tmp = tempDir('codex-agent-effects-');
  work = join(tmp.dir, 'work');
  store = new JobStore(join(tmp.dir, 'state'), jobEffects({ ...process.env, SHELL: '/bin/sh' }));
});
afterEach(() => tmp.cleanup());

const mode = (p: string): number => statSync(p).mode & 0o777;
const signal = (): TurnSignal => JSON.parse(readFileSync(store.layout.turnSignalPath(ID), 'utf8')) as TurnSignal;

/** Lines the notify command appended, once `n` are there (bounded: it runs detached). */
async function notified(n: number): Promise<string[]> {
  const file = join(tmp.dir, 'notified.txt');
  const read = (): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  for (let i = 0; i < 200 && read().length < n; i++) await sleep(50);
  return read();
}

function createRunning(over: Partial<JobRecord> = {}): void {
  const r = makeRecord({ id: ID, cwd: tmp.dir, runner: { pid: 4242, start: 'b/1' }, thread_id: 't-1', ...over });
  beginTurn(r, T0);
  store.create(r, 'the prompt');
}

const NOTIFY = `printf '%s|%s|%s|%s|%s\\n' "$CODEX_AGENT_JOB_ID" "$CODEX_AGENT_STATUS" "$CODEX_AGENT_ERROR" "$CODEX_AGENT_NOTIFY" "$PWD" >> ${join('$TMPDIR_UNDER_TEST', 'notified.txt')}`;

describe('the signal file', () => {
  it('holds the last finished turn, rewritten whole (0600) each time a turn closes', () => {
    createRunning();
    expect(existsSync(store.layout.turnSignalPath(ID))).toBe(false);
    store.update(ID, (d) => closeTurn(d, currentTurn(d)!, { status: 'completed', message: 'first answer' }, T1));
    expect(mode(store.layout.turnSignalPath(ID))).toBe(0o600);
    expect(signal()).toEqual({
      id: ID,
      turn: 1,
      status: 'completed',
      job_status: 'completed',
      last_message: 'first answer',
      error: null,
      error_kind: null,
      completed_at: T1,
      tokens: null,
    });
    // A change that closes no turn leaves it alone.
    store.update(ID, (d) => void (d.consumed_turns = 1));
    expect(signal().turn).toBe(1);
    store.update(ID, (d) => void beginTurn(d, T1));
    expect(signal().turn).toBe(1);
    store.update(ID, (d) => {
      d.tokens = { input: 900, cached_input: 0, output: 100, reasoning_output: 0, last_context: 500, context_window: 1000 };
      closeTurn(d, currentTurn(d)!, { status: 'failed', error: 'boom', kind: 'server_error' }, T1);
    });
    expect(signal()).toMatchObject({ turn: 2, status: 'failed', job_status: 'failed', error: 'boom', error_kind: 'server_error', tokens: { input: 900, output: 100, context_used_pct: 50 } });
    // No temp file is left beside it, and the job listing never takes it for a job.
    expect(readdirSync(store.layout.jobsDir).sort()).toEqual([ID, `${ID}.turn-complete`]);
    expect(store.allIds()).toEqual([ID]);
    expect(store.list({ limit: 10, all: true }).records.map((r) => r.id)).toEqual([ID]);
    expect(store.list({ limit: 10, all: true }).corrupt).toEqual([]);
  });

  it('is removed with the job', () => {
    createRunning();
    store.update(ID, (d) => closeTurn(d, currentTurn(d)!, { status: 'completed', message: 'x' }, T1));
    expect(existsSync(store.layout.turnSignalPath(ID))).toBe(true);
    store.delete(ID);
    expect(readdirSync(store.layout.jobsDir)).toEqual([]);
  });

  it('closedTurn: the newest turn a change closed, or one it added already closed', () => {
    const before = makeRecord();
    beginTurn(before, T0);
    const next = structuredClone(before);
    expect(closedTurn(before, next)).toBeNull();
    closeTurn(next, currentTurn(next)!, { status: 'aborted', reason: 'superseded' }, T1);
    beginTurn(next, T1);
    expect(closedTurn(before, next)?.n).toBe(1);
    const after = structuredClone(next);
    closeTurn(after, currentTurn(after)!, { status: 'completed', message: 'two' }, T1);
    expect(closedTurn(next, after)?.n).toBe(2);
    expect(turnSignal(after, after.turns[1]!)).toMatchObject({ id: after.id, turn: 2, status: 'completed', last_message: 'two' });
  });
});

describe('--notify-on-complete', () => {
  it('runs the command through the shell once per change from running to an end, with its environment', async () => {
    createRunning({ notify_on_complete: NOTIFY.replace('$TMPDIR_UNDER_TEST', tmp.dir) });
    // Turn 1 completes: running -> completed.
    store.update(ID, (d) => closeTurn(d, currentTurn(d)!, { status: 'completed', message: 'ok' }, T1));
    expect(await notified(1)).toEqual([`${ID}|completed||1|${tmp.dir}`]);
    // completed -> completed (reading the turn) and completed -> running start nothing.
    store.update(ID, (d) => void (d.consumed_turns = 1));
    store.update(ID, (d) => void beginTurn(d, T1));
    // Turn 2: the runner dies under it (a reconcile records it): running -> failed.
    store.update(ID, (d) => runnerGone(d, 'the runner (pid 4242) was killed by SIGKILL', T1));
    const lines = await notified(2);
    expect(lines[1]).toMatch(new RegExp(`^${ID}\\|failed\\|the runner \\(pid 4242\\) was killed by SIGKILL\\|1\\|`));
    // failed -> cancelled is no change from running: nothing more.
    store.update(ID, (d) => cancelledByUser(d, 'killed by user', T1));
    expect(store.read(ID).notify_runs).toBe(2);
    const log = store.layout.notifyLog(ID);
    expect(mode(log)).toBe(0o600);
    expect(readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('['))).toHaveLength(2);
    await sleep(300);
    expect(await notified(2)).toHaveLength(2);
  });

  it('a kill of a running job is a change to cancelled, its reason the error', async () => {
    createRunning({ notify_on_complete: NOTIFY.replace('$TMPDIR_UNDER_TEST', tmp.dir) });
    store.update(ID, (d) => cancelledByUser(d, 'killed by user', T1));
    expect(await notified(1)).toEqual([`${ID}|cancelled|killed by user|1|${tmp.dir}`]);
    expect(store.read(ID).notify_runs).toBe(1);
  });

  it('a job without the command starts nothing and counts nothing', () => {
    createRunning();
    store.update(ID, (d) => closeTurn(d, currentTurn(d)!, { status: 'completed', message: 'ok' }, T1));
    expect(store.read(ID).notify_runs).toBeUndefined();
    expect(existsSync(store.layout.notifyLog(ID))).toBe(false);
  });

  it('runEnded: pending or running to completed, failed or cancelled, and nothing else', () => {
    const r = (status: JobRecord['status']): JobRecord => makeRecord({ status });
    expect(runEnded(r('running'), r('completed'))).toBe(true);
    expect(runEnded(r('running'), r('failed'))).toBe(true);
    expect(runEnded(r('pending'), r('cancelled'))).toBe(true);
    expect(runEnded(r('completed'), r('cancelled'))).toBe(false);
    expect(runEnded(r('running'), r('running'))).toBe(false);
    expect(runEnded(r('completed'), r('running'))).toBe(false);
  });
});
