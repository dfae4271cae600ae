// How an interactive job stands once its agent exited: pure, over how it exited and why.
import { describe, expect, it } from 'vitest';
import { beginTurn, cancelledByUser, ended, runnerStarted } from '../../src/jobs/lifecycle.js';
import { finishInteractive } from '../../src/runner/interactive-finish.js';
import type { JobRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

const T0 = '2026-11-24T06:00:00.000Z';
const T1 = '2026-11-24T06:05:00.000Z';
const RUNNER = { pid: 4242, start: 'boot/1' };

/** An open interactive agent on a thread, idle after one turn, or mid-turn. */
function open(midTurn: boolean): JobRecord {
  const r = makeRecord({ mode: 'interactive', thread_id: '01a20c40-db1c-7b82-ab74-4b787968ea3d', agent_procs: [{ pid: 4300, start: 'boot/2' }] });
  runnerStarted(r, RUNNER, T0);
  const t = beginTurn(r, T0, 't-1');
  if (!midTurn) {
    t.status = 'completed';
    t.completed_at = T0;
    r.turn_state = 'idle';
  }
  return r;
}

const clean = { code: 0, signal: null, detail: 'codex (pid 4300) exited with code 0' };
const crash = { code: null, signal: 'SIGKILL', detail: 'codex (pid 4300) was killed by SIGKILL' };

describe('finishInteractive', () => {
  it('closed for inactivity: completed, no process, still resumable with the reason', () => {
    const r = open(false);
    finishInteractive(r, clean, { closing: 'no activity for 60 min; agent closed (send reopens its thread)', screenTail: 'bye' }, T1);
    expect(r).toMatchObject({ status: 'completed', turn_state: 'idle', runner: null, agent_procs: [], exit_code: 0, end_reason: 'no activity for 60 min; agent closed (send reopens its thread)' });
  });

  it('a clean exit nobody here asked for: quit by /quit, final', () => {
    const r = open(false);
    finishInteractive(r, clean, { closing: null, screenTail: 'To continue this session, run codex resume' }, T1);
    expect(r).toMatchObject({ status: 'completed', turn_state: 'ended', runner: null, agent_procs: [], end_reason: 'the agent was closed (/quit)', error: null });
  });

  it('a clean exit mid-turn aborts the turn, then ends the job', () => {
    const r = open(true);
    finishInteractive(r, clean, { closing: null, screenTail: '' }, T1);
    expect(r.turns[0]).toMatchObject({ status: 'aborted', error: 'codex (pid 4300) exited with code 0 during the turn' });
    expect(r).toMatchObject({ status: 'completed', turn_state: 'ended' });
  });

  it('a crash fails the job with which process died and the screen, and keeps it resumable', () => {
    const r = open(true);
    finishInteractive(r, crash, { closing: null, screenTail: 'panic | at main' }, T1);
    expect(r.turns[0]).toMatchObject({ status: 'failed', error: 'codex (pid 4300) was killed by SIGKILL before the turn finished', error_kind: 'agent' });
    expect(r).toMatchObject({
      status: 'failed',
      turn_state: 'idle',
      error_kind: 'agent',
      runner: null,
      agent_procs: [],
      end_reason: 'codex (pid 4300) was killed by SIGKILL; the screen shows: panic | at main',
    });
  });

  it('after kill: stays cancelled and ended, whatever the exit', () => {
    const r = open(true);
    cancelledByUser(r, 'killed by user', T0);
    finishInteractive(r, crash, { closing: null, screenTail: '' }, T1);
    expect(r).toMatchObject({ status: 'cancelled', turn_state: 'ended', runner: null, agent_procs: [], end_reason: 'killed by user' });
    expect(r.turns[0]).toMatchObject({ status: 'aborted', error: 'killed by user' });
  });

  it('closed by a /quit the agent did not take (ended, then signalled): stays completed and ended, with that reason', () => {
    const r = open(false);
    ended(r, 'closed by /quit: Gemini did not take it within 15s, so it was ended by SIGTERM', T0);
    finishInteractive(r, { code: null, signal: 'SIGTERM', detail: 'gemini (pid 4300) was killed by SIGTERM' }, { closing: null, screenTail: '' }, T1);
    expect(r).toMatchObject({ status: 'completed', turn_state: 'ended', runner: null, agent_procs: [], error: null, end_reason: 'closed by /quit: Gemini did not take it within 15s, so it was ended by SIGTERM' });
  });

  it('a first turn that dies before any thread is a crash, not a quiet end: failed, nothing to resume', () => {
    const r = makeRecord({ mode: 'interactive', agent_procs: [{ pid: 4300, start: 'boot/2' }] });
    runnerStarted(r, RUNNER, T0);
    beginTurn(r, T0);
    finishInteractive(r, crash, { closing: null, screenTail: 'boom' }, T1);
    expect(r).toMatchObject({ status: 'failed', turn_state: 'ended', error_kind: 'agent', runner: null, agent_procs: [] });
    expect(r.turns[0]).toMatchObject({ status: 'failed' });
  });
});
