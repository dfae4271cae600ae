import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors.js';
import { nextTurn, turnExitCode, type NextTurn } from '../../src/jobs/next-turn.js';
import type { JobRecord, TurnRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

function turn(n: number, status: TurnRecord['status'], extra: Partial<TurnRecord> = {}): TurnRecord {
  return {
    n,
    turn_id: null,
    status,
    started_at: `2026-11-24T06:3${n}:00.000Z`,
    completed_at: status === 'running' ? null : `2026-11-24T06:3${n}:30.000Z`,
    last_message: status === 'completed' ? `answer ${n}` : null,
    error: null,
    error_kind: null,
    ...extra,
  };
}

const job = (o: Partial<JobRecord>): JobRecord => makeRecord({ id: 'abcd1234', ...o });

type Case = [name: string, record: JobRecord, queued: number, expected: { kind: NextTurn['kind']; n?: number; exitCode?: number; reason?: RegExp }];

const cases: Case[] = [
  ['completed turn -> exit 0', job({ status: 'completed', turns: [turn(1, 'completed')] }), 0, { kind: 'turn', n: 1, exitCode: EXIT.ok }],
  [
    'failed turn -> exit 4',
    job({ status: 'failed', turns: [turn(1, 'failed', { error: 'status 401', error_kind: 'unauthorized' })] }),
    0,
    { kind: 'turn', n: 1, exitCode: EXIT.jobEnded },
  ],
  [
    'context window -> exit 5',
    job({ status: 'failed', turn_state: 'context_limit', turns: [turn(1, 'failed', { error: 'out of room', error_kind: 'context_window' })] }),
    0,
    { kind: 'turn', n: 1, exitCode: EXIT.contextLimit },
  ],
  ['aborted turn -> exit 4', job({ status: 'cancelled', turns: [turn(1, 'aborted', { error: 'killed' })] }), 0, { kind: 'turn', n: 1, exitCode: EXIT.jobEnded }],
  [
    'oldest unconsumed turn first',
    job({ status: 'completed', turns: [turn(1, 'completed'), turn(2, 'failed', { error: 'x', error_kind: 'other' })] }),
    0,
    { kind: 'turn', n: 1, exitCode: 0 },
  ],
  [
    'consumed turns are skipped',
    job({ status: 'failed', consumed_turns: 1, turns: [turn(1, 'completed'), turn(2, 'failed', { error: 'x', error_kind: 'other' })] }),
    0,
    { kind: 'turn', n: 2, exitCode: 4 },
  ],
  [
    'running turn after the consumed one -> wait',
    job({ status: 'running', runner_pid: 4242, consumed_turns: 1, turns: [turn(1, 'completed'), turn(2, 'running')] }),
    0,
    { kind: 'wait' },
  ],
  ['pending job, runner not yet up -> wait', job({ status: 'pending', runner_pid: null }), 0, { kind: 'wait' }],
  [
    'cancelled job, nothing unconsumed -> ended with the reason',
    job({ status: 'cancelled', end_reason: 'killed by user', consumed_turns: 1, turns: [turn(1, 'aborted')] }),
    0,
    { kind: 'ended', reason: /^job abcd1234 was cancelled: killed by user$/ },
  ],
  ['cancelled job, even with messages queued -> ended', job({ status: 'cancelled', end_reason: null }), 2, { kind: 'ended', reason: /^job abcd1234 was cancelled$/ }],
  [
    'runner gone, nothing queued -> ended',
    job({ status: 'completed', runner_pid: null, consumed_turns: 1, turns: [turn(1, 'completed')], end_reason: 'runner closed after inactivity' }),
    0,
    { kind: 'ended', reason: /job abcd1234 is completed with no turn pending \(runner closed after inactivity\); send a message/ },
  ],
  [
    'runner gone, error but no end reason -> ended naming the error',
    job({ status: 'failed', runner_pid: null, consumed_turns: 1, turns: [turn(1, 'failed')], error: 'codex exited' }),
    0,
    { kind: 'ended', reason: /\(codex exited\)/ },
  ],
  [
    'runner gone but a message is queued -> wait for the next runner',
    job({ status: 'completed', runner_pid: null, consumed_turns: 1, turns: [turn(1, 'completed')] }),
    1,
    { kind: 'wait' },
  ],
  [
    'blocked at start-up -> blocked, naming the timeout and the screen lines',
    job({ mode: 'interactive', status: 'running', runner_pid: 4242, turn_state: 'blocked', startup_timeout_seconds: 45, blocked_screen: '  Trust this folder?\n\n  › 1. Yes\n    2. No\n' }),
    0,
    { kind: 'blocked', reason: /^job abcd1234 is blocked: no turn started within 45s; the screen shows:   Trust this folder\? \|   › 1\. Yes \|     2\. No$/ },
  ],
  [
    'blocked with no screen saved -> blocked, "(nothing)"',
    job({ mode: 'interactive', status: 'running', runner_pid: 4242, turn_state: 'blocked', blocked_screen: null }),
    0,
    { kind: 'blocked', reason: /^job abcd1234 is blocked: no turn started within 30s; the screen shows: \(nothing\)$/ },
  ],
  [
    'blocked, even with a message queued -> blocked',
    job({ mode: 'interactive', status: 'running', runner_pid: 4242, turn_state: 'blocked', blocked_screen: 'x' }),
    3,
    { kind: 'blocked', reason: /the screen shows: x$/ },
  ],
  [
    'an unconsumed finished turn comes before the blocked state',
    job({ mode: 'interactive', status: 'running', runner_pid: 4242, turn_state: 'blocked', blocked_screen: 'x', turns: [turn(1, 'completed')] }),
    0,
    { kind: 'turn', n: 1, exitCode: EXIT.ok },
  ],
  [
    'runner alive and idle between turns -> wait',
    job({ status: 'completed', runner_pid: 4242, consumed_turns: 1, turns: [turn(1, 'completed')] }),
    0,
    { kind: 'wait' },
  ],
];

describe('nextTurn', () => {
  it.each(cases)('%s', (_name, record, queued, expected) => {
    const next = nextTurn(record, queued);
    expect(next.kind).toBe(expected.kind);
    if (next.kind === 'turn') {
      expect(next.turn).toBe(record.turns.find((t) => t.n === expected.n));
      expect(next.exitCode).toBe(expected.exitCode);
    }
    if (next.kind === 'ended' || next.kind === 'blocked') expect(next.reason).toMatch(expected.reason!);
  });

  it('a blocked reason keeps only the last 6 non-blank screen lines', () => {
    const screen = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n\n');
    const next = nextTurn(job({ status: 'running', runner_pid: 4242, turn_state: 'blocked', blocked_screen: screen }), 0);
    expect(next).toEqual({
      kind: 'blocked',
      reason: 'job abcd1234 is blocked: no turn started within 30s; the screen shows: line 5 | line 6 | line 7 | line 8 | line 9 | line 10',
    });
  });

  it('await-turn maps blocked to its own exit code, 6', () => {
    expect(EXIT.blocked).toBe(6);
    expect(new Set(Object.values(EXIT)).size).toBe(Object.values(EXIT).length);
  });

  it('does not modify the record', () => {
    const r = job({ status: 'completed', turns: [turn(1, 'completed')] });
    const before = structuredClone(r);
    nextTurn(r, 0);
    expect(r).toEqual(before);
  });
});

describe('turnExitCode', () => {
  it.each([
    [turn(1, 'completed'), 0],
    [turn(1, 'failed', { error_kind: 'context_window' }), 5],
    [turn(1, 'failed', { error_kind: 'server_error' }), 4],
    [turn(1, 'failed', { error_kind: null }), 4],
    [turn(1, 'aborted'), 4],
  ])('%j -> %i', (t, code) => {
    expect(turnExitCode(t)).toBe(code);
  });
});
