// Records of version 1, as the previous release wrote them (test/fixtures/records: written by the
// commit before record version 2, through its selftest and a start killed mid-turn), migrated
// on read: bare pids become refs without a start, and an exec job that merely closed is idle.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFinal } from '../../src/jobs/lifecycle.js';
import { nextTurn } from '../../src/jobs/next-turn.js';
import { assess } from '../../src/jobs/reconcile.js';
import { JobStore } from '../../src/store/job-store.js';
import { migrateRecord } from '../../src/store/migrate.js';
import { RECORD_VERSION, recordSchema } from '../../src/store/record.js';
import { tempDir } from '../support/store-record.js';

type Json = Record<string, unknown>;
const fixture = (name: string): Json => JSON.parse(readFileSync(new URL(`../fixtures/records/${name}.json`, import.meta.url), 'utf8')) as Json;
const FIXTURES = ['v1-exec-completed', 'v1-exec-running', 'v1-exec-cancelled', 'v1-interactive-cancelled'] as const;

/** What migration must leave as it was: everything but the version, the pids, the agent's fields and the turn state. */
function untouched(r: Json): Json {
  const { version: _v, runner_pid: _r, codex_pid: _c, runner: _rr, agent_procs: _a, turn_state: _t, codex_bin: _b, agent_bin: _ab, provider: _p, agent_argv: _av, ...rest } = r;
  return rest;
}

describe('the v1 fixtures', () => {
  it.each(FIXTURES)('%s is a version 1 record with bare pids (guards the tests below)', (name) => {
    const r = fixture(name);
    expect(r.version).toBe(1);
    expect(r).toHaveProperty('runner_pid');
    expect(r).toHaveProperty('codex_pid');
    expect(r).not.toHaveProperty('runner');
    expect(r).not.toHaveProperty('agent_procs');
    // Not valid as it stands without migration.
    expect(recordSchema.safeParse({ ...r, version: RECORD_VERSION }).success).toBe(false);
  });
});

describe('migrateRecord (pure)', () => {
  it.each<[string, string, Json]>([
    // The runner closed after its turns: in version 2 that is idle, and send resumes the thread.
    ['an exec job that finished its turns', 'v1-exec-completed', { runner: null, agent_procs: [], turn_state: 'idle' }],
    [
      'an exec job caught mid-turn: both pids become refs that cannot be verified',
      'v1-exec-running',
      { runner: { pid: 22454, start: null }, agent_procs: [{ pid: 22496, start: null }], turn_state: 'working' },
    ],
    ['a cancelled exec job stays ended', 'v1-exec-cancelled', { runner: null, agent_procs: [], turn_state: 'ended' }],
    ['an interactive job stays as it was', 'v1-interactive-cancelled', { runner: null, agent_procs: [], turn_state: 'ended' }],
  ])('%s', (_name, name, expected) => {
    const v1 = fixture(name);
    const before = structuredClone(v1);
    const out = migrateRecord(v1) as Json;
    expect(v1).toEqual(before);
    expect(out).toMatchObject({ version: 2, ...expected });
    expect(out).not.toHaveProperty('runner_pid');
    expect(out).not.toHaveProperty('codex_pid');
    // Version 1 knew only Codex: the job's provider is Codex, its binary the one it had.
    expect(out).toMatchObject({ provider: 'codex', agent_bin: v1.codex_bin, agent_argv: null });
    expect(out).not.toHaveProperty('codex_bin');
    expect(untouched(out)).toEqual(untouched(v1));
    expect(recordSchema.parse(v1)).toEqual(out);
  });

  const completed = fixture('v1-exec-completed');
  it.each<[string, Json, string]>([
    ['a failed exec job with a thread: idle', { ...completed, status: 'failed' }, 'idle'],
    ['an exec job with no thread: nothing to resume, stays ended', { ...completed, thread_id: null }, 'ended'],
    ['a cancelled exec job with a thread: stays ended', { ...completed, status: 'cancelled' }, 'ended'],
    ['an interactive job that ended: stays ended', { ...completed, mode: 'interactive' }, 'ended'],
    ['an exec job that was idle: stays idle', { ...completed, turn_state: 'idle' }, 'idle'],
    ['an exec job at the context limit: stays so', { ...completed, status: 'failed', turn_state: 'context_limit' }, 'context_limit'],
  ])('turn state: %s', (_name, v1, state) => {
    expect((migrateRecord(v1) as Json).turn_state).toBe(state);
  });

  it.each<[string, unknown, unknown, Json]>([
    ['pids of 0 and below are no processes', 0, -5, { runner: null, agent_procs: [] }],
    ['fractional pids are no processes', 1.5, 2.5, { runner: null, agent_procs: [] }],
    ['pids as text are no processes', '123', '456', { runner: null, agent_procs: [] }],
    ['null pids', null, null, { runner: null, agent_procs: [] }],
    ['missing pids', undefined, undefined, { runner: null, agent_procs: [] }],
    ['pid 1 is a process', 1, 2, { runner: { pid: 1, start: null }, agent_procs: [{ pid: 2, start: null }] }],
    ['only the agent', null, 812, { runner: null, agent_procs: [{ pid: 812, start: null }] }],
  ])('%s', (_name, runnerPid, codexPid, expected) => {
    const v1: Json = { ...completed, runner_pid: runnerPid, codex_pid: codexPid };
    if (runnerPid === undefined) delete v1.runner_pid;
    if (codexPid === undefined) delete v1.codex_pid;
    expect(migrateRecord(v1)).toMatchObject(expected);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['text', 'record'],
    ['a number', 2],
    ['an array', [{ version: 1 }]],
  ])('leaves %s alone (the schema reports it)', (_name, value) => {
    expect(migrateRecord(value)).toBe(value);
  });

  it('leaves records of the current version and of unknown versions alone', () => {
    const v2 = migrateRecord(fixture('v1-exec-completed'));
    expect(migrateRecord(v2)).toBe(v2);
    const v9 = { ...completed, version: 9 };
    expect(migrateRecord(v9)).toBe(v9);
    const none = { ...completed, version: undefined };
    expect(migrateRecord(none)).toBe(none);
  });
});

describe('migrated records in use', () => {
  it('a finished v1 exec job is idle: await-turn says so and send may continue it', () => {
    const r = recordSchema.parse(fixture('v1-exec-completed'));
    expect(isFinal(r)).toBe(false);
    expect(nextTurn(r, 0)).toEqual({
      kind: 'idle',
      reason: 'job d9bb2729 is idle (completed): no turn is running or queued and every turn was read; send a message to continue',
    });
  });

  it('a cancelled v1 job is still final', () => {
    for (const name of ['v1-exec-cancelled', 'v1-interactive-cancelled']) {
      const r = recordSchema.parse(fixture(name));
      expect(isFinal(r)).toBe(true);
    }
  });

  it('a v1 runner that still runs as its pane’s program is not taken for lost; one whose pane died is', () => {
    const r = recordSchema.parse(fixture('v1-exec-running'));
    const seen = { runner: 'unverifiable' as const, runnerFromEarlierBoot: false, liveAgents: [] };
    expect(assess(r, { ...seen, pane: { kind: 'running', pid: 22454 } }, Date.now())).toEqual({ kind: 'ok' });
    // With no start kept it is never reaped: a pid alone could name anyone's process by now.
    expect(assess(r, { ...seen, pane: { kind: 'dead', pid: 22454, status: null, signal: 15 } }, Date.now())).toEqual({
      kind: 'lost',
      cause: 'runner',
      reason: 'the runner (pid 22454) was killed by SIGTERM',
      reap: [],
    });
  });
});

describe('JobStore with a v1 record on disk', () => {
  let tmp: { dir: string; cleanup: () => void };
  let store: JobStore;
  beforeEach(() => {
    tmp = tempDir('codex-agent-migrate-');
    store = new JobStore(join(tmp.dir, 'state'));
    // A job folder as the previous release left it: the record written by it, byte for byte.
    const v1 = fixture('v1-exec-completed');
    store.create({ ...recordSchema.parse(v1) }, 'old job');
    writeFileSync(store.layout.recordPath('d9bb2729'), readFileSync(new URL('../fixtures/records/v1-exec-completed.json', import.meta.url)));
  });
  afterEach(() => tmp.cleanup());

  it('reads and lists it migrated, leaving the file alone', () => {
    const bytes = readFileSync(store.layout.recordPath('d9bb2729'));
    expect(store.read('d9bb2729')).toMatchObject({ version: 2, runner: null, agent_procs: [], turn_state: 'idle', status: 'completed', consumed_turns: 2 });
    const listed = store.list({ limit: 10, all: true });
    expect(listed.corrupt).toEqual([]);
    expect(listed.records.map((r) => r.turn_state)).toEqual(['idle']);
    expect(readFileSync(store.layout.recordPath('d9bb2729')).equals(bytes)).toBe(true);
  });

  it('an update writes it back as version 2', () => {
    store.update('d9bb2729', (r) => {
      r.last_message = 'touched';
    });
    const onDisk = JSON.parse(readFileSync(store.layout.recordPath('d9bb2729'), 'utf8')) as Json;
    expect(onDisk).toMatchObject({ version: 2, runner: null, agent_procs: [], turn_state: 'idle', last_message: 'touched' });
    expect(onDisk).not.toHaveProperty('runner_pid');
    expect(onDisk).not.toHaveProperty('codex_pid');
    expect(recordSchema.parse(onDisk)).toEqual(store.read('d9bb2729'));
  });
});
