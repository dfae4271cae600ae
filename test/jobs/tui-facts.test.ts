// applyTuiEvent over a real recorded interactive session (test/fixtures/rollout/tui-session.jsonl):
// a completed turn, an interrupted one, a context-window failure, and a turn after compaction.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRolloutLine, type RolloutEvent, type TurnError } from '../../src/codex/rollout.js';
import { nextTurn } from '../../src/jobs/next-turn.js';
import { cancelledByUser } from '../../src/jobs/lifecycle.js';
import { applyTuiEvent, errorKindOf } from '../../src/jobs/tui-facts.js';
import type { JobRecord } from '../../src/store/record.js';
import { recordSchema } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

const THREAD = '01a20c41-c2e2-78c0-ae0f-b4a4aab724b0';
const T1 = '01a20c41-c305-7b02-b8a3-0ebf9ea8aba2';
const T2 = '01a20c41-dfad-7913-bbbc-84e8539f24e9';
const T3 = '01a20c41-ed68-7f01-b10b-a3be20f92189';
const T4 = '01a20c41-f734-7400-a821-8a30f65c4bc5';
const CONTEXT_MESSAGE = "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.";

/** Each parsed rollout line with its own timestamp, in file order. */
const session: { at: string; ev: RolloutEvent }[] = readFileSync(fileURLToPath(new URL('../fixtures/rollout/tui-session.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => ({ at: (JSON.parse(l) as { timestamp: string }).timestamp, ev: parseRolloutLine(l)! }));

/** An interactive job whose runner just opened the agent; its thread is learnt from the rollout. */
function interactiveJob(): JobRecord {
  return makeRecord({ mode: 'interactive', status: 'running', turn_state: 'starting', runner: { pid: 4242, start: 'boot/1' }, started_at: '2026-11-24T06:32:45.000Z' });
}

/** The same once the rollout's session_meta named the thread (it is the rollout's first record). */
function threadedJob(): JobRecord {
  return { ...interactiveJob(), thread_id: THREAD };
}

/** Replays the session, snapshotting the record after every turn-ending event. */
function replay(r: JobRecord) {
  const ends: { turn_state: JobRecord['turn_state']; error_kind: JobRecord['error_kind']; turns: number; running: boolean }[] = [];
  const changed: boolean[] = [];
  for (const { at, ev } of session) {
    changed.push(applyTuiEvent(r, ev, at));
    if (ev.kind === 'task_complete' || ev.kind === 'turn_aborted') {
      ends.push({ turn_state: r.turn_state, error_kind: r.error_kind, turns: r.turns.length, running: r.turns.some((t) => t.status === 'running') });
    }
  }
  return { ends, changed };
}

describe('applyTuiEvent over the recorded TUI session', () => {
  it('the fixture parses into the events this test relies on', () => {
    const kinds = session.map((s) => s.ev.kind).filter((k) => k !== 'other');
    expect(kinds.filter((k) => k === 'task_started')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'task_complete')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'turn_aborted')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'user_message')).toHaveLength(4);
    expect(kinds[0]).toBe('session_meta');
  });

  it('records four turns: completed, aborted, failed on the context window, completed', () => {
    const r = interactiveJob();
    replay(r);
    expect(r.thread_id).toBe(THREAD);
    expect(r.turns).toEqual([
      { n: 1, turn_id: T1, status: 'completed', started_at: '2026-11-24T06:32:46.089Z', completed_at: '2026-11-24T06:32:46.161Z', last_message: 'hi', error: null, error_kind: null },
      { n: 2, turn_id: T2, status: 'aborted', started_at: '2026-11-24T06:32:53.426Z', completed_at: '2026-11-24T06:32:54.928Z', last_message: null, error: 'interrupted', error_kind: null },
      {
        n: 3,
        turn_id: T3,
        status: 'failed',
        started_at: '2026-11-24T06:32:56.940Z',
        completed_at: '2026-11-24T06:32:56.971Z',
        last_message: null,
        error: CONTEXT_MESSAGE,
        error_kind: 'context_window',
      },
      {
        n: 4,
        turn_id: T4,
        status: 'completed',
        started_at: '2026-11-24T06:32:59.448Z',
        completed_at: '2026-11-24T06:32:59.660Z',
        last_message: 'Ran: echo tui-run\ntui-run',
        error: null,
        error_kind: null,
      },
    ]);
    expect(r).toMatchObject({
      status: 'running',
      turn_state: 'idle',
      user_messages: 4,
      last_message: 'Ran: echo tui-run\ntui-run',
      // The failure of turn 3 belonged to that turn; turn 4 starting cleared it from the job.
      error: null,
      error_kind: null,
      last_activity_at: '2026-11-24T06:32:59.660Z',
      blocked_screen: null,
      files_modified: [],
      started_at: '2026-11-24T06:32:45.000Z',
    });
    // Totals from the last token_count; the context window from task_started/token_count.
    expect(r.tokens).toEqual({ input: 32419, cached_input: 16209, output: 166, reasoning_output: 24, last_context: 11794, context_window: 258400 });
    expect(recordSchema.parse(r)).toEqual(r);
  });

  it('moves turn_state per turn end: idle, idle after the interrupt, context_limit, idle', () => {
    const { ends } = replay(interactiveJob());
    expect(ends).toEqual([
      { turn_state: 'idle', error_kind: null, turns: 1, running: false },
      { turn_state: 'idle', error_kind: null, turns: 2, running: false },
      { turn_state: 'context_limit', error_kind: 'context_window', turns: 3, running: false },
      { turn_state: 'idle', error_kind: null, turns: 4, running: false },
    ]);
  });

  it('is working, with the turn running, between task_started and its end', () => {
    const r = interactiveJob();
    const upTo = session.findIndex((s) => s.ev.kind === 'agent_message');
    for (const { at, ev } of session.slice(0, upTo + 1)) applyTuiEvent(r, ev, at);
    expect(r.turn_state).toBe('working');
    expect(r.turns).toHaveLength(1);
    expect(r.turns[0]).toMatchObject({ turn_id: T1, status: 'running', completed_at: null, last_message: 'hi' });
    expect(r.last_message).toBe('hi');
    expect(r.user_messages).toBe(1);
    expect(r.last_activity_at).toBe('2026-11-24T06:32:46.129Z');
    // What await-turn makes of it: nothing to hand out yet.
    expect(nextTurn(r, 0).kind).toBe('wait');
  });

  it('await-turn hands the turns out in order with exit codes 0, 4, 5, 0', () => {
    const r = interactiveJob();
    replay(r);
    const codes: number[] = [];
    for (let next = nextTurn(r, 0); next.kind === 'turn'; next = nextTurn(r, 0)) {
      codes.push(next.exitCode);
      r.consumed_turns = next.turn.n;
    }
    expect(codes).toEqual([0, 4, 5, 0]);
  });

  it('reports a change for every event it applies and none for the rest', () => {
    const { changed } = replay(interactiveJob());
    session.forEach(({ ev }, i) => {
      const expected = ev.kind !== 'other' && ev.kind !== 'command';
      expect([i, ev.kind, changed[i]]).toEqual([i, ev.kind, expected]);
    });
  });

  it('replaying the turn and session events a second time changes nothing', () => {
    const r = interactiveJob();
    replay(r);
    const before = structuredClone(r);
    for (const { at, ev } of session) {
      if (ev.kind === 'task_started' || ev.kind === 'task_complete' || ev.kind === 'turn_aborted' || ev.kind === 'session_meta') {
        expect(applyTuiEvent(r, ev, at)).toBe(false);
      }
    }
    expect(r).toEqual(before);
  });
});

describe('applyTuiEvent no-ops', () => {
  const started = (turnId: string): RolloutEvent => ({ kind: 'task_started', turnId, contextWindow: null });
  const complete = (turnId: string, lastAgentMessage: string | null = 'done'): RolloutEvent => ({ kind: 'task_complete', turnId, lastAgentMessage, durationMs: 5, error: null });
  const NOW = '2026-11-24T07:00:00.000Z';

  it('a repeated task_started for a known turn id', () => {
    const r = interactiveJob();
    expect(applyTuiEvent(r, started('t-1'), NOW)).toBe(true);
    const before = structuredClone(r);
    expect(applyTuiEvent(r, started('t-1'), '2026-11-24T07:00:05.000Z')).toBe(false);
    expect(r).toEqual(before);
    // Also once that turn has ended.
    expect(applyTuiEvent(r, complete('t-1'), NOW)).toBe(true);
    const after = structuredClone(r);
    expect(applyTuiEvent(r, started('t-1'), NOW)).toBe(false);
    expect(r).toEqual(after);
  });

  it('task_complete and turn_aborted for an unknown turn id when no turn is running', () => {
    const r = interactiveJob();
    applyTuiEvent(r, started('t-1'), NOW);
    applyTuiEvent(r, complete('t-1', 'first'), NOW);
    const before = structuredClone(r);
    expect(applyTuiEvent(r, complete('t-unknown', 'stray'), NOW)).toBe(false);
    expect(applyTuiEvent(r, { kind: 'turn_aborted', turnId: 't-unknown', reason: 'interrupted' }, NOW)).toBe(false);
    expect(applyTuiEvent(r, { kind: 'turn_aborted', turnId: null, reason: 'interrupted' }, NOW)).toBe(false);
    expect(r).toEqual(before);
  });

  it('task_complete for a turn that already ended', () => {
    const r = interactiveJob();
    applyTuiEvent(r, started('t-1'), NOW);
    applyTuiEvent(r, { kind: 'turn_aborted', turnId: 't-1', reason: 'interrupted' }, NOW);
    const before = structuredClone(r);
    expect(applyTuiEvent(r, complete('t-1', 'late'), NOW)).toBe(false);
    expect(r).toEqual(before);
  });

  it('session_meta once the thread is known', () => {
    const r = interactiveJob();
    const meta = (id: string): RolloutEvent => ({ kind: 'session_meta', threadId: id, cwd: '/tmp/rec/w3', originator: 'codex-tui', source: 'cli' });
    expect(applyTuiEvent(r, meta(THREAD), NOW)).toBe(true);
    expect(applyTuiEvent(r, meta('01a20c41-0000-7000-8000-000000000000'), NOW)).toBe(false);
    expect(r.thread_id).toBe(THREAD);
  });

  it('an info-less token_count and events it does not track', () => {
    const r = interactiveJob();
    const before = structuredClone(r);
    expect(applyTuiEvent(r, { kind: 'token_count', total: null, last: null, contextWindow: null }, NOW)).toBe(false);
    expect(applyTuiEvent(r, { kind: 'command', command: ['ls'], cwd: null, exitCode: 0, output: '' }, NOW)).toBe(false);
    expect(applyTuiEvent(r, { kind: 'other', type: 'turn_context' }, NOW)).toBe(false);
    expect(r).toEqual(before);
  });

  // Only a record that names no turn (turn_aborted without an id) means the running one.
  it('task_complete for an unknown turn id while another turn is running', () => {
    const r = interactiveJob();
    applyTuiEvent(r, started('t-1'), NOW);
    const before = structuredClone(r);
    expect(applyTuiEvent(r, complete('t-other', 'not yours'), NOW)).toBe(false);
    expect(r).toEqual(before);
  });
});

describe('applyTuiEvent edge cases', () => {
  const NOW = '2026-11-24T07:00:00.000Z';
  const LATER = '2026-11-24T07:05:00.000Z';

  it('a new task_started closes a turn that never ended as aborted, and clears a blocked screen', () => {
    const r = threadedJob();
    r.turn_state = 'blocked';
    r.blocked_screen = '› Trust this folder?';
    applyTuiEvent(r, { kind: 'task_started', turnId: 't-1', contextWindow: 258400 }, NOW);
    expect(r.blocked_screen).toBeNull();
    expect(r.turn_state).toBe('working');
    expect(r.tokens?.context_window).toBe(258400);
    expect(applyTuiEvent(r, { kind: 'task_started', turnId: 't-2', contextWindow: null }, LATER)).toBe(true);
    expect(r.turns.map((t) => [t.turn_id, t.status, t.completed_at, t.error])).toEqual([
      ['t-1', 'aborted', LATER, 'superseded by a new turn'],
      ['t-2', 'running', null, null],
    ]);
  });

  it('turn_aborted without a turn id aborts the running turn', () => {
    const r = threadedJob();
    applyTuiEvent(r, { kind: 'task_started', turnId: 't-1', contextWindow: null }, NOW);
    expect(applyTuiEvent(r, { kind: 'turn_aborted', turnId: null, reason: 'interrupted' }, LATER)).toBe(true);
    expect(r.turns[0]).toMatchObject({ status: 'aborted', error: 'interrupted', completed_at: LATER });
    expect(r.turn_state).toBe('idle');
  });

  it('a completed turn without a final message keeps the last one seen', () => {
    const r = threadedJob();
    applyTuiEvent(r, { kind: 'task_started', turnId: 't-1', contextWindow: null }, NOW);
    applyTuiEvent(r, { kind: 'agent_message', text: 'partial answer' }, NOW);
    applyTuiEvent(r, { kind: 'task_complete', turnId: 't-1', lastAgentMessage: null, durationMs: null, error: null }, LATER);
    expect(r.turns[0]).toMatchObject({ status: 'completed', last_message: 'partial answer' });
    expect(r.last_message).toBe('partial answer');
  });

  it('a failed turn that is not about the context window leaves the job idle, with the error kind', () => {
    const r = threadedJob();
    applyTuiEvent(r, { kind: 'task_started', turnId: 't-1', contextWindow: null }, NOW);
    const error: TurnError = { code: 'http_connection_failed', httpStatus: 401, message: 'unexpected status 401 Unauthorized' };
    applyTuiEvent(r, { kind: 'task_complete', turnId: 't-1', lastAgentMessage: null, durationMs: 10, error }, LATER);
    expect(r.turns[0]).toMatchObject({ status: 'failed', error: 'unexpected status 401 Unauthorized', error_kind: 'unauthorized' });
    expect(r).toMatchObject({ turn_state: 'idle', error: 'unexpected status 401 Unauthorized', error_kind: 'unauthorized', status: 'running' });
  });

  it('a failed turn without a message uses the error code as the message', () => {
    const r = threadedJob();
    applyTuiEvent(r, { kind: 'task_started', turnId: 't-1', contextWindow: null }, NOW);
    applyTuiEvent(r, { kind: 'task_complete', turnId: 't-1', lastAgentMessage: null, durationMs: 10, error: { code: 'internal_server_error' } }, LATER);
    expect(r.turns[0]).toMatchObject({ status: 'failed', error: 'internal_server_error', error_kind: 'server_error' });
  });

  it('file changes are recorded once each', () => {
    const r = threadedJob();
    const ev: RolloutEvent = { kind: 'file_change', changes: [{ path: '/tmp/rec/w2/a.txt', kind: 'add' }] };
    expect(applyTuiEvent(r, ev, NOW)).toBe(true);
    expect(applyTuiEvent(r, ev, NOW)).toBe(false);
    expect(r.files_modified).toEqual(['/tmp/rec/w2/a.txt']);
  });

  it('a turn that ends before the thread is known leaves nothing to resume: the job has ended', () => {
    const r = interactiveJob();
    applyTuiEvent(r, { kind: 'task_started', turnId: 't-1', contextWindow: null }, NOW);
    applyTuiEvent(r, { kind: 'task_complete', turnId: 't-1', lastAgentMessage: 'hi', durationMs: 5, error: null }, LATER);
    expect(r).toMatchObject({ status: 'running', turn_state: 'ended', end_reason: 'the first turn ended before the agent started a thread; nothing to resume' });
    expect(nextTurn(r, 0)).toMatchObject({ kind: 'turn', exitCode: 0 });
  });

  // `kill` marks the job cancelled (final) before it signals anything; the runner may still apply
  // the rollout records Codex wrote meanwhile. Nothing of it may bring a final job back.
  it('a turn Codex starts after the job was cancelled does not reopen it', () => {
    const r = threadedJob();
    applyTuiEvent(r, { kind: 'task_started', turnId: 't-1', contextWindow: null }, NOW);
    cancelledByUser(r, 'killed by user', NOW);
    applyTuiEvent(r, { kind: 'task_started', turnId: 't-2', contextWindow: null }, LATER);
    expect(r).toMatchObject({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user' });
    expect(r.turns).toHaveLength(1);
    // The turn the kill aborted is handed out once; then the job says it has ended.
    expect(nextTurn(r, 1)).toMatchObject({ kind: 'turn', turn: { n: 1, status: 'aborted' }, exitCode: 4 });
    r.consumed_turns = 1;
    expect(nextTurn(r, 1)).toMatchObject({ kind: 'ended' });
  });
});

describe('errorKindOf', () => {
  it.each<[TurnError, ReturnType<typeof errorKindOf>]>([
    [{ code: 'context_window_exceeded' }, 'context_window'],
    [{ code: 'http_connection_failed', httpStatus: 401 }, 'unauthorized'],
    [{ code: 'http_connection_failed', httpStatus: 403, message: 'forbidden' }, 'unauthorized'],
    [{ code: 'internal_server_error' }, 'server_error'],
    [{ code: 'http_connection_failed', httpStatus: 502 }, 'server_error'],
    [{ code: 'http_connection_failed', httpStatus: 503, message: 'stream disconnected before completion' }, 'server_error'],
    [{ code: 'other', message: 'stream disconnected before completion: error sending request' }, 'stream_disconnected'],
    [{ code: 'other', message: 'unexpected status 401 Unauthorized: Incorrect API key provided' }, 'unauthorized'],
    [{ code: 'http_connection_failed', httpStatus: 429, message: 'rate limited' }, 'other'],
    [{ code: 'other' }, 'other'],
    [{ code: 'unknown', message: '' }, 'other'],
  ])('%j -> %s', (error, kind) => {
    expect(errorKindOf(error)).toBe(kind);
  });
});
