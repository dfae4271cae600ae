// Pure parts of `start --follow` / `watch --turns`: which turns to announce, when a job is done
// and with which status and exit code, and the lines a background shell reads.
import { describe, expect, it } from 'vitest';
import { doneState, finishedTurnsAfter, followLine } from '../../src/jobs/follow-turns.js';
import { agentGone, beginTurn, blocked, cancelledByUser, closeTurn, closedIdle, currentTurn, ended, runnerIdle, runnerStarted } from '../../src/jobs/lifecycle.js';
import type { JobRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

const T0 = '2026-11-24T06:00:00.000Z';
const T1 = '2026-11-24T06:05:00.000Z';
const RUNNER = { pid: 4242, start: 'b/1' };

function execJob(): JobRecord {
  const r = makeRecord({ thread_id: 't-1' });
  runnerStarted(r, RUNNER, T0);
  beginTurn(r, T0);
  return r;
}
function interactiveJob(): JobRecord {
  const r = makeRecord({ mode: 'interactive', thread_id: 't-1' });
  runnerStarted(r, RUNNER, T0);
  beginTurn(r, T0, 'tu-1');
  return r;
}
const complete = (r: JobRecord): void => closeTurn(r, currentTurn(r)!, { status: 'completed', message: 'ok' }, T1);

describe('doneState: exec', () => {
  it('not done while pending, while a turn runs, or while a runner has a message queued', () => {
    expect(doneState(makeRecord(), 0)).toBeNull();
    const r = execJob();
    expect(doneState(r, 0)).toBeNull();
    complete(r);
    expect(doneState(r, 1)).toBeNull();
  });
  it('done when no turn runs or is queued: its status, 0 when completed', () => {
    const r = execJob();
    complete(r);
    expect(doneState(r, 0)).toEqual({ status: 'completed', exitCode: 0 });
    runnerIdle(r);
    expect(doneState(r, 0)).toEqual({ status: 'completed', exitCode: 0 });
    // A queued message with no runner to take it: nothing will run it by itself.
    expect(doneState(r, 1)).toEqual({ status: 'completed', exitCode: 0 });
  });
  it('failed: 4, or 5 when the last turn ran out of context window', () => {
    const r = execJob();
    closeTurn(r, currentTurn(r)!, { status: 'failed', error: 'boom', kind: 'server_error' }, T1);
    expect(doneState(r, 0)).toEqual({ status: 'failed', exitCode: 4 });
    const c = execJob();
    closeTurn(c, currentTurn(c)!, { status: 'failed', error: 'full', kind: 'context_window' }, T1);
    expect(doneState(c, 0)).toEqual({ status: 'failed', exitCode: 5 });
  });
  it('cancelled: 4', () => {
    const r = execJob();
    cancelledByUser(r, 'killed by user', T1);
    expect(doneState(r, 0)).toEqual({ status: 'cancelled', exitCode: 4 });
  });
});

describe('doneState: interactive', () => {
  it('not done while the agent is open, even idle between turns', () => {
    const r = interactiveJob();
    complete(r);
    expect(r.turn_state).toBe('idle');
    expect(doneState(r, 0)).toBeNull();
  });
  it('ended (closed on purpose), closed (inactivity), failed (agent lost), cancelled, blocked', () => {
    const q = interactiveJob();
    ended(q, 'closed by /quit', T1);
    expect(doneState(q, 0)).toEqual({ status: 'ended', exitCode: 0 });
    const i = interactiveJob();
    complete(i);
    closedIdle(i, 'no activity for 60 min', T1);
    expect(doneState(i, 0)).toEqual({ status: 'closed', exitCode: 0 });
    const l = interactiveJob();
    agentGone(l, 'codex was killed', T1);
    expect(doneState(l, 0)).toEqual({ status: 'failed', exitCode: 4 });
    const k = interactiveJob();
    cancelledByUser(k, 'killed by user', T1);
    expect(doneState(k, 0)).toEqual({ status: 'cancelled', exitCode: 4 });
    const b = makeRecord({ mode: 'interactive' });
    runnerStarted(b, RUNNER, T0);
    blocked(b, 'Trust this folder?');
    expect(doneState(b, 0)).toEqual({ status: 'blocked', exitCode: 6 });
  });
});

describe('finishedTurnsAfter and followLine', () => {
  it('the turns above the last announced that are no longer running, in order', () => {
    const r = execJob();
    expect(finishedTurnsAfter(r, 0)).toEqual([]);
    complete(r);
    beginTurn(r, T1);
    expect(finishedTurnsAfter(r, 0).map((t) => t.n)).toEqual([1]);
    complete(r);
    expect(finishedTurnsAfter(r, 0).map((t) => t.n)).toEqual([1, 2]);
    expect(finishedTurnsAfter(r, 1).map((t) => t.n)).toEqual([2]);
    expect(finishedTurnsAfter(r, 2)).toEqual([]);
  });
  it('the two lines', () => {
    expect(followLine({ type: 'turn_complete', id: 'abcd1234', turn: 1, status: 'completed' })).toBe('CODEX_AGENT_TURN_COMPLETE=abcd1234');
    expect(followLine({ type: 'done', id: 'abcd1234', status: 'failed', exit_code: 4 })).toBe('CODEX_AGENT_DONE=abcd1234 status=failed');
  });
});
