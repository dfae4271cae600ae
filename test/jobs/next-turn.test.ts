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
/** A record's runner is only set while it runs (records are reconciled before nextTurn). */
const RUNNER = { pid: 4242, start: 'boot/100' };
const THREAD = '01a20c40-db1c-7b82-ab74-4b787968ea3d';

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
  ['aborted turn -> exit 4', job({ status: 'cancelled', turn_state: 'ended', turns: [turn(1, 'aborted', { error: 'killed' })] }), 0, { kind: 'turn', n: 1, exitCode: EXIT.jobEnded }],
  [
    'a turn the agent died in (kind agent) -> exit 4',
    job({ status: 'failed', thread_id: THREAD, turns: [turn(1, 'failed', { error: 'codex was killed by SIGKILL before the turn finished', error_kind: 'agent' })] }),
    0,
    { kind: 'turn', n: 1, exitCode: EXIT.jobEnded },
  ],
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
    'an unconsumed turn of a final job still comes first',
    job({ status: 'completed', turn_state: 'ended', end_reason: 'closed by /quit', turns: [turn(1, 'completed')] }),
    0,
    { kind: 'turn', n: 1, exitCode: 0 },
  ],
  [
    'running turn after the consumed one -> wait',
    job({ status: 'running', runner: RUNNER, consumed_turns: 1, turns: [turn(1, 'completed'), turn(2, 'running')] }),
    0,
    { kind: 'wait' },
  ],
  [
    'a running turn on record, even without a runner (not yet reconciled) -> wait',
    job({ status: 'running', runner: null, turn_state: 'working', turns: [turn(1, 'running')] }),
    0,
    { kind: 'wait' },
  ],
  ['pending job, runner not yet up -> wait', job({ status: 'pending', runner: null }), 0, { kind: 'wait' }],
  ['pending job with its runner starting -> wait', job({ status: 'pending', turn_state: 'starting', runner: RUNNER }), 0, { kind: 'wait' }],
  [
    'interactive runner starting the agent again for a queued message -> wait',
    job({ mode: 'interactive', status: 'completed', turn_state: 'starting', thread_id: THREAD, runner: RUNNER, consumed_turns: 1, turns: [turn(1, 'completed')] }),
    0,
    { kind: 'wait' },
  ],
  [
    'live runner with a message queued -> wait for it to take it',
    job({ status: 'completed', turn_state: 'idle', thread_id: THREAD, runner: RUNNER, consumed_turns: 1, turns: [turn(1, 'completed')] }),
    1,
    { kind: 'wait' },
  ],
  [
    'cancelled job, nothing unconsumed -> ended with the reason',
    job({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user', consumed_turns: 1, turns: [turn(1, 'aborted')] }),
    0,
    { kind: 'ended', reason: /^job abcd1234 was cancelled: killed by user; start a new job to go on$/ },
  ],
  [
    'cancelled job, even with messages queued -> ended',
    job({ status: 'cancelled', turn_state: 'ended', end_reason: null }),
    2,
    { kind: 'ended', reason: /^job abcd1234 was cancelled; start a new job to go on$/ },
  ],
  [
    'closed by /quit -> ended',
    job({ status: 'completed', turn_state: 'ended', end_reason: 'closed by /quit', consumed_turns: 1, turns: [turn(1, 'completed')] }),
    1,
    { kind: 'ended', reason: /^job abcd1234 has ended: closed by \/quit; start a new job to go on$/ },
  ],
  [
    'ended with nothing to resume -> ended',
    job({ status: 'failed', turn_state: 'ended', thread_id: null, end_reason: 'the first turn ended before the agent started a thread; nothing to resume', consumed_turns: 1, turns: [turn(1, 'failed')] }),
    0,
    { kind: 'ended', reason: /^job abcd1234 has ended: the first turn ended before the agent started a thread; nothing to resume; start/ },
  ],
  [
    'no runner, nothing queued, every turn read -> idle, naming the end reason',
    job({ status: 'completed', turn_state: 'idle', thread_id: THREAD, runner: null, consumed_turns: 1, turns: [turn(1, 'completed')], end_reason: 'runner closed after inactivity' }),
    0,
    {
      kind: 'idle',
      reason: /^job abcd1234 is idle \(completed: runner closed after inactivity\): no turn is running or queued and every turn was read; send a message to continue$/,
    },
  ],
  [
    'no runner, error but no end reason -> idle naming the error',
    job({ status: 'failed', turn_state: 'idle', thread_id: THREAD, runner: null, consumed_turns: 1, turns: [turn(1, 'failed')], error: 'codex exited' }),
    0,
    { kind: 'idle', reason: /^job abcd1234 is idle \(failed: codex exited\): no turn is running/ },
  ],
  [
    'no runner and nothing said -> idle with the status alone',
    job({ status: 'completed', turn_state: 'idle', thread_id: THREAD, runner: null, consumed_turns: 1, turns: [turn(1, 'completed')] }),
    0,
    { kind: 'idle', reason: /^job abcd1234 is idle \(completed\): no turn is running or queued/ },
  ],
  [
    'a live runner idle between turns, nothing queued -> idle (only a new message makes a turn)',
    job({ mode: 'interactive', status: 'running', turn_state: 'idle', thread_id: THREAD, runner: RUNNER, consumed_turns: 1, turns: [turn(1, 'completed')] }),
    0,
    { kind: 'idle', reason: /^job abcd1234 is idle \(running\): no turn is running or queued and every turn was read; send a message to continue$/ },
  ],
  [
    'at the context limit, read -> idle',
    job({ status: 'failed', turn_state: 'context_limit', thread_id: THREAD, error: 'out of room', consumed_turns: 1, turns: [turn(1, 'failed', { error_kind: 'context_window' })] }),
    0,
    { kind: 'idle', reason: /^job abcd1234 is idle \(failed: out of room\)/ },
  ],
  [
    'queued messages but no runner -> idle, telling to send again',
    job({ status: 'failed', turn_state: 'idle', thread_id: THREAD, runner: null, consumed_turns: 1, turns: [turn(1, 'completed')], end_reason: 'the runner (pid 4242) was killed by SIGKILL' }),
    2,
    { kind: 'idle', reason: /^job abcd1234 has 2 queued message\(s\) but no runner \(the runner \(pid 4242\) was killed by SIGKILL\); send again to run them$/ },
  ],
  [
    'queued messages, no runner, nothing said -> idle without a reason in brackets',
    job({ status: 'completed', turn_state: 'idle', thread_id: THREAD, runner: null, consumed_turns: 1, turns: [turn(1, 'completed')] }),
    1,
    { kind: 'idle', reason: /^job abcd1234 has 1 queued message\(s\) but no runner; send again to run them$/ },
  ],
  [
    'blocked at start-up -> blocked, naming the timeout and the screen lines',
    job({ mode: 'interactive', status: 'running', runner: RUNNER, turn_state: 'blocked', startup_timeout_seconds: 45, blocked_screen: '  Trust this folder?\n\n  › 1. Yes\n    2. No\n' }),
    0,
    { kind: 'blocked', reason: /^job abcd1234 is blocked: no turn started within 45s; the screen shows:   Trust this folder\? \|   › 1\. Yes \|     2\. No$/ },
  ],
  [
    'a tool approval waits -> blocked, naming interrupt and attach',
    job({ mode: 'interactive', status: 'running', runner: RUNNER, turn_state: 'awaiting_approval', turns: [turn(1, 'running')] }),
    0,
    { kind: 'blocked', reason: /^job abcd1234 waits for a tool approval on its screen: `codex-agent interrupt abcd1234` declines it, or answer it there \(`codex-agent attach abcd1234`\); then await again$/ },
  ],
  [
    'blocked with no screen saved -> blocked, "(nothing)"',
    job({ mode: 'interactive', status: 'running', runner: RUNNER, turn_state: 'blocked', blocked_screen: null }),
    0,
    { kind: 'blocked', reason: /^job abcd1234 is blocked: no turn started within 30s; the screen shows: \(nothing\)$/ },
  ],
  [
    'blocked, even with a message queued -> blocked',
    job({ mode: 'interactive', status: 'running', runner: RUNNER, turn_state: 'blocked', blocked_screen: 'x' }),
    3,
    { kind: 'blocked', reason: /the screen shows: x$/ },
  ],
  [
    'an unconsumed finished turn comes before the blocked state',
    job({ mode: 'interactive', status: 'running', runner: RUNNER, turn_state: 'blocked', blocked_screen: 'x', turns: [turn(1, 'completed')] }),
    0,
    { kind: 'turn', n: 1, exitCode: EXIT.ok },
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
    if (next.kind === 'ended' || next.kind === 'blocked' || next.kind === 'idle') expect(next.reason).toMatch(expected.reason!);
  });

  it('a blocked reason keeps only the last 6 non-blank screen lines', () => {
    const screen = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n\n');
    const next = nextTurn(job({ status: 'running', runner: RUNNER, turn_state: 'blocked', blocked_screen: screen }), 0);
    expect(next).toEqual({
      kind: 'blocked',
      reason: 'job abcd1234 is blocked: no turn started within 30s; the screen shows: line 5 | line 6 | line 7 | line 8 | line 9 | line 10',
    });
  });

  it('await-turn maps blocked and idle to their own exit codes, 6 and 7', () => {
    expect(EXIT.blocked).toBe(6);
    expect(EXIT.idle).toBe(7);
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
