// Reconcile's catch-up from what was kept outside a state root that could not be written: a
// runner's last words, kill's note.
import { describe, expect, it } from 'vitest';
import { catchUp } from '../../src/jobs/catch-up.js';
import { agentExited, beginTurn, closeTurn, currentTurn } from '../../src/jobs/lifecycle.js';
import type { JobRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

describe('catchUp (pure)', () => {
  const runner = { pid: 4242, start: 'boot/1' };
  const base = (): JobRecord => {
    const r = makeRecord({ id: 'abcd1234', status: 'running', runner, thread_id: 't', updated_at: '2026-01-01T00:00:05.000Z' });
    beginTurn(r, '2026-01-01T00:00:01.000Z');
    return r;
  };
  const check = (v: unknown): JobRecord | null => v as JobRecord;
  const lost = (d: JobRecord): void => {
    d.status = 'failed';
    d.end_reason = 'the runner died';
    d.runner = null;
  };
  const words = (record: JobRecord, at = '2026-01-01T00:00:05.000Z') => ({
    home: '/s',
    id: 'abcd1234',
    at: '2026-01-01T00:00:09.000Z',
    runner,
    base_updated_at: at,
    reason: 'the runner left: the state root /s was full (ENOSPC)',
    record,
  });
  const answered = (): JobRecord => {
    const r = base();
    closeTurn(r, currentTurn(r)!, { status: 'completed', message: 'the answer' }, '2026-01-01T00:00:07.000Z');
    r.runner = null;
    return r;
  };

  it('the runner’s last words replace the record it built on, with why it left', () => {
    const out = catchUp(base(), { kill: null, words: words(answered()) }, check, lost) as JobRecord;
    expect(out).toMatchObject({ status: 'completed', last_message: 'the answer', runner: null, end_reason: 'the runner left: the state root /s was full (ENOSPC)' });
  });

  it('words built on an older record (someone wrote since) are not used: the verdict stands', () => {
    const d = base();
    expect(catchUp(d, { kill: null, words: words(answered(), '2026-01-01T00:00:04.000Z') }, check, lost)).toBeUndefined();
    expect(d).toMatchObject({ status: 'failed', end_reason: 'the runner died' });
  });

  it('a kill note cancels what is not final: the user’s kill, not a crash', () => {
    const d = base();
    expect(catchUp(d, { kill: { home: '/s', id: 'abcd1234', reason: 'killed by user', at: '2026-01-01T00:00:08.000Z' }, words: null }, check, lost)).toBeUndefined();
    expect(d).toMatchObject({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user', runner: null, agent_procs: [] });
    expect(d.turns[0]).toMatchObject({ status: 'aborted', error: 'killed by user' });
  });

  it('words where the kill’s own signals failed the turn first: the turn is the user’s abort, not a crash', () => {
    const killedAt = '2026-01-01T00:00:08.000Z';
    const seen = base();
    agentExited(seen, { code: null, signal: 'SIGTERM', detail: 'codex (pid 1111) was killed by SIGTERM' }, '2026-01-01T00:00:08.200Z');
    const out = catchUp(base(), { kill: { home: '/s', id: 'abcd1234', reason: 'killed by user', at: killedAt }, words: words(seen) }, check, lost) as JobRecord;
    expect(out).toMatchObject({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user', error: null, error_kind: null, runner: null });
    expect(out.turns.at(-1)).toMatchObject({ status: 'aborted', error: 'killed by user', error_kind: null });
  });

  it('a turn that failed before the kill keeps its own failure; the job is still cancelled', () => {
    const seen = base();
    agentExited(seen, { code: 1, signal: null, detail: 'codex (pid 1111) exited with code 1' }, '2026-01-01T00:00:06.000Z');
    const out = catchUp(base(), { kill: { home: '/s', id: 'abcd1234', reason: 'killed by user', at: '2026-01-01T00:00:08.000Z' }, words: words(seen) }, check, lost) as JobRecord;
    expect(out).toMatchObject({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user' });
    expect(out.turns.at(-1)).toMatchObject({ status: 'failed', error: 'codex (pid 1111) exited with code 1 before the turn finished', error_kind: 'agent' });
  });

  it('with no verdict and no kill, nothing changes', () => {
    const d = base();
    expect(catchUp(d, { kill: null, words: words(answered()) }, check, null)).toBeUndefined();
    expect(d).toEqual(base());
  });
});
