import { describe, expect, it } from 'vitest';
import { nextTurn } from '../../src/jobs/next-turn.js';
import { markRunnerGone, markStoppedBySignal, staleReason } from '../../src/jobs/reconcile.js';
import { beginTurn } from '../../src/jobs/turn-facts.js';
import type { JobRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

const CREATED = '2026-11-24T06:00:00.000Z';
const createdMs = Date.parse(CREATED);
const NOW = '2026-11-24T07:00:00.000Z';
const alive = (pids: number[]) => (pid: number) => pids.includes(pid);

describe('staleReason', () => {
  const cases: [string, Partial<JobRecord>, number[], number, string | null][] = [
    ['live runner', { status: 'running', runner_pid: 100 }, [100], 0, null],
    ['dead runner', { status: 'running', runner_pid: 100 }, [], 0, 'runner (pid 100) exited unexpectedly'],
    ['dead runner of a finished job that still claims it', { status: 'completed', runner_pid: 100 }, [99], 0, 'runner (pid 100) exited unexpectedly'],
    ['pending within the start grace', { status: 'pending', runner_pid: null }, [], 59_000, null],
    ['pending past the start grace', { status: 'pending', runner_pid: null }, [], 61_000, 'runner never started'],
    ['running with no runner', { status: 'running', runner_pid: null }, [], 0, 'runner is gone'],
    ['finished, runner gone', { status: 'completed', runner_pid: null }, [], 10_000_000, null],
    ['failed, runner gone', { status: 'failed', runner_pid: null }, [], 10_000_000, null],
    ['cancelled, runner gone', { status: 'cancelled', runner_pid: null }, [], 10_000_000, null],
  ];
  it.each(cases)('%s', (_name, o, pids, afterMs, reason) => {
    const r = makeRecord({ created_at: CREATED, ...o });
    expect(staleReason(r, alive(pids), createdMs + afterMs)).toBe(reason);
  });

  it('asks about the runner pid only', () => {
    const asked: number[] = [];
    staleReason(makeRecord({ status: 'running', runner_pid: 100, codex_pid: 200 }), (p) => (asked.push(p), true), createdMs);
    expect(asked).toEqual([100]);
  });
});

describe('markRunnerGone', () => {
  it('fails the running turn and the job, so await-turn gets an answer', () => {
    const r = makeRecord({ created_at: CREATED, runner_pid: 100, codex_pid: 200 });
    beginTurn(r, CREATED);
    markRunnerGone(r, 'runner (pid 100) exited unexpectedly', NOW);
    expect(r).toMatchObject({
      runner_pid: null,
      codex_pid: null,
      status: 'failed',
      error: 'runner (pid 100) exited unexpectedly',
      error_kind: 'runner',
      completed_at: NOW,
      turn_state: 'ended',
      end_reason: 'runner (pid 100) exited unexpectedly',
    });
    expect(r.turns[0]).toMatchObject({ status: 'failed', completed_at: NOW, error: 'runner (pid 100) exited unexpectedly', error_kind: 'runner' });
    const next = nextTurn(r, 0);
    expect(next.kind === 'turn' && next.exitCode).toBe(4);
  });

  it('fails a pending job that never started', () => {
    const r = makeRecord({ created_at: CREATED, status: 'pending', turn_state: 'starting' });
    markRunnerGone(r, 'runner never started', NOW);
    expect(r).toMatchObject({ status: 'failed', error: 'runner never started', error_kind: 'runner', turn_state: 'ended', completed_at: NOW });
    expect(r.turns).toEqual([]);
    expect(nextTurn(r, 0)).toEqual({ kind: 'ended', reason: expect.stringContaining('runner never started') });
  });

  it('keeps a finished job’s outcome, only noting why the runner is gone', () => {
    const r = makeRecord({
      created_at: CREATED,
      status: 'completed',
      turn_state: 'idle',
      completed_at: '2026-11-24T06:30:00.000Z',
      runner_pid: 100,
      turns: [{ n: 1, turn_id: null, status: 'completed', started_at: CREATED, completed_at: '2026-11-24T06:30:00.000Z', last_message: 'done', error: null, error_kind: null }],
      consumed_turns: 1,
    });
    markRunnerGone(r, 'runner (pid 100) exited unexpectedly', NOW);
    expect(r).toMatchObject({ status: 'completed', error: null, error_kind: null, completed_at: '2026-11-24T06:30:00.000Z', turn_state: 'ended', runner_pid: null });
    expect(r.end_reason).toBe('runner (pid 100) exited unexpectedly');
    expect(r.turns[0]!.status).toBe('completed');
  });

  it('keeps context_limit as the turn state so the caller knows to start fresh', () => {
    const r = makeRecord({ status: 'failed', turn_state: 'context_limit', error_kind: 'context_window', error: 'out of room', runner_pid: 100 });
    markRunnerGone(r, 'runner is gone', NOW);
    expect(r).toMatchObject({ turn_state: 'context_limit', status: 'failed', error: 'out of room', error_kind: 'context_window' });
  });

  it('makes the record no longer stale', () => {
    const r = makeRecord({ created_at: CREATED, status: 'running', runner_pid: 100 });
    beginTurn(r, CREATED);
    const reason = staleReason(r, alive([]), Date.parse(NOW))!;
    markRunnerGone(r, reason, NOW);
    expect(staleReason(r, alive([]), Date.parse(NOW))).toBeNull();
  });
});

describe('markStoppedBySignal', () => {
  it('aborts a running turn and cancels the job', () => {
    const r = makeRecord({ status: 'running', runner_pid: 10, codex_pid: 11, turn_state: 'working', turns: [{ n: 1, turn_id: null, status: 'running', started_at: CREATED, completed_at: null, last_message: null, error: null, error_kind: null }] });
    markStoppedBySignal(r, 'SIGHUP', '2026-11-24T07:00:00.000Z');
    expect(r).toMatchObject({ status: 'cancelled', turn_state: 'ended', runner_pid: null, codex_pid: null, completed_at: '2026-11-24T07:00:00.000Z' });
    expect(r.end_reason).toMatch(/runner stopped by SIGHUP/);
    expect(r.turns[0]).toMatchObject({ status: 'aborted', error: 'runner stopped by SIGHUP' });
  });

  it('leaves a finished job finished: an idle runner closing is not a cancellation', () => {
    const r = makeRecord({ status: 'completed', runner_pid: 10, turn_state: 'idle', completed_at: CREATED, turns: [{ n: 1, turn_id: null, status: 'completed', started_at: CREATED, completed_at: CREATED, last_message: 'done', error: null, error_kind: null }] });
    markStoppedBySignal(r, 'SIGTERM', '2026-11-24T07:00:00.000Z');
    expect(r).toMatchObject({ status: 'completed', turn_state: 'ended', runner_pid: null, completed_at: CREATED, end_reason: null });
    expect(r.turns[0]!.status).toBe('completed');
  });
});
