import { describe, expect, it } from 'vitest';
import { answerRead, formatDuration, jobListEntry, jobView, SUMMARY_READ, SUMMARY_UNREAD } from '../../src/jobs/view.js';
import type { TurnRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

describe('jobView', () => {
  it('renders a finished job: relative files, truncated prompt and summary, context use', () => {
    const longPrompt = `${'p'.repeat(150)}`;
    const longMessage = `${'m'.repeat(499)}XYZ`;
    const r = makeRecord({
      id: 'abcd1234',
      status: 'completed',
      turn_state: 'idle',
      prompt_head: longPrompt,
      model: 'gpt-5.5',
      reasoning: 'high',
      cwd: '/tmp/rec/w2',
      thread_id: '01a20c40-db1c-7b82-ab74-4b787968ea3d',
      created_at: '2026-11-24T06:00:00.000Z',
      started_at: '2026-11-24T06:00:02.000Z',
      completed_at: '2026-11-24T06:01:32.500Z',
      tokens: { input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: 9848, context_window: 258400 },
      files_modified: ['/tmp/rec/w2/notes/hello.txt', '/etc/hosts'],
      last_message: longMessage,
      turns: [
        { n: 1, turn_id: null, status: 'completed', started_at: '2026-11-24T06:00:02.000Z', completed_at: '2026-11-24T06:01:32.500Z', last_message: longMessage, error: null, error_kind: null },
      ],
    });
    const v = jobView(r, Date.parse('2030-01-01T00:00:00.000Z'));
    expect(v).toEqual({
      id: 'abcd1234',
      status: 'completed',
      mode: 'exec',
      provider: 'codex',
      turn_state: 'idle',
      turns: 1,
      prompt: 'p'.repeat(100),
      model: 'gpt-5.5',
      reasoning: 'high',
      sandbox: 'workspace-write',
      cwd: '/tmp/rec/w2',
      thread_id: '01a20c40-db1c-7b82-ab74-4b787968ea3d',
      elapsed_ms: 90_500,
      created_at: '2026-11-24T06:00:00.000Z',
      started_at: '2026-11-24T06:00:02.000Z',
      completed_at: '2026-11-24T06:01:32.500Z',
      tokens: { input: 19463, output: 126, context_window: 258400, context_used_pct: 3.8 },
      files_modified: ['notes/hello.txt', '/etc/hosts'],
      summary: 'm'.repeat(499) + 'X',
      error: null,
      parent_session: null,
    });
    expect(v.summary).toHaveLength(500);
    // The record keeps the full paths.
    expect(r.files_modified[0]).toBe('/tmp/rec/w2/notes/hello.txt');
  });

  it('measures a running job from its start (or creation) to now, and passes nulls through', () => {
    const pending = makeRecord({ created_at: '2026-11-24T06:00:00.000Z', prompt_head: 'short' });
    const v = jobView(pending, Date.parse('2026-11-24T06:00:05.000Z'));
    expect(v).toMatchObject({ elapsed_ms: 5_000, prompt: 'short', tokens: null, summary: null, turns: 0, files_modified: [] });

    const running = makeRecord({ created_at: '2026-11-24T06:00:00.000Z', started_at: '2026-11-24T06:00:04.000Z', status: 'running' });
    expect(jobView(running, Date.parse('2026-11-24T06:00:05.000Z')).elapsed_ms).toBe(1_000);
    // A clock that went backwards never yields a negative duration.
    expect(jobView(running, Date.parse('2026-11-24T05:00:00.000Z')).elapsed_ms).toBe(0);
  });

  it('reports context_used_pct as null until both sizes are known', () => {
    const r = makeRecord({ tokens: { input: 10, cached_input: 0, output: 2, reasoning_output: 0, last_context: null, context_window: 258400 } });
    expect(jobView(r).tokens).toEqual({ input: 10, output: 2, context_window: 258400, context_used_pct: null });
  });

  it('surfaces the error of a failed job', () => {
    const r = makeRecord({ status: 'failed', error: 'unexpected status 401 Unauthorized', error_kind: 'unauthorized' });
    expect(jobView(r).error).toBe('unexpected status 401 Unauthorized');
  });

  it('names the general that started the job', () => {
    expect(jobView(makeRecord({ parent_session: 'session-a' })).parent_session).toBe('session-a');
  });
});

function turn(n: number, status: TurnRecord['status'], msg: string | null): TurnRecord {
  return { n, turn_id: null, status, started_at: '2026-11-24T06:00:02.000Z', completed_at: status === 'running' ? null : '2026-11-24T06:01:00.000Z', last_message: msg, error: null, error_kind: null };
}

describe('jobListEntry (jobs --json)', () => {
  const answer = `First line of the answer.\n\n${'word '.repeat(80)}end`;
  const finished = makeRecord({
    id: 'abcd1234',
    status: 'completed',
    turn_state: 'idle',
    cwd: '/tmp/rec/w2',
    created_at: '2026-11-24T06:00:00.000Z',
    started_at: '2026-11-24T06:00:02.000Z',
    completed_at: '2026-11-24T06:01:00.000Z',
    tokens: { input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: 9848, context_window: 258400 },
    files_modified: ['/tmp/rec/w2/src/a.ts'],
    last_message: answer,
    turns: [turn(1, 'completed', answer)],
    consumed_turns: 0,
    parent_session: 'session-a',
  });
  const flat = answer.replace(/\s+/g, ' ');

  it('carries state, tokens, files, the gist of the answer and the general, nothing the general set itself', () => {
    expect(jobListEntry(finished, Date.parse('2030-01-01T00:00:00Z'))).toEqual({
      id: 'abcd1234',
      status: 'completed',
      turn_state: 'idle',
      turns: 1,
      elapsed_ms: 58_000,
      tokens: { input: 19463, output: 126, context_used_pct: 3.8 },
      files_modified: ['src/a.ts'],
      summary: `${flat.slice(0, SUMMARY_UNREAD - 1)}…`,
      answer_chars: flat.length,
      error: null,
      parent_session: 'session-a',
    });
  });

  it('shortens an answer an await-turn already returned, and says how long the whole one is', () => {
    const read = { ...finished, consumed_turns: 1 };
    expect(answerRead(read)).toBe(true);
    const e = jobListEntry(read);
    expect(e.summary).toBe(`${flat.slice(0, SUMMARY_READ - 1)}…`);
    expect(e.summary).toHaveLength(SUMMARY_READ);
    expect(e.answer_chars).toBe(flat.length);
    // Short answers are whole, read or not; the length then equals the summary's.
    const short = jobListEntry({ ...read, last_message: 'Done.', turns: [turn(1, 'completed', 'Done.')] });
    expect(short).toMatchObject({ summary: 'Done.', answer_chars: 5 });
    expect(jobListEntry(makeRecord())).toMatchObject({ summary: null, answer_chars: null, tokens: null, turns: 0 });
  });

  it('counts an answer as read by its newest finished turn, not by a turn still running', () => {
    expect(answerRead(makeRecord())).toBe(false);
    const running = { ...finished, consumed_turns: 1, turns: [turn(1, 'completed', 'a'), turn(2, 'running', null)] };
    expect(answerRead(running)).toBe(true);
    const newer = { ...finished, consumed_turns: 1, turns: [turn(1, 'completed', 'a'), turn(2, 'failed', null)] };
    expect(answerRead(newer)).toBe(false);
  });

  it('never cuts an emoji in half', () => {
    const emoji = `${'x'.repeat(SUMMARY_READ - 2)}😀 and more`;
    const e = jobListEntry({ ...finished, consumed_turns: 1, last_message: emoji });
    expect(e.summary).toBe(`${'x'.repeat(SUMMARY_READ - 2)}…`);
    expect(e.summary).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59_400, '59s'],
    [60_000, '1m00s'],
    [90_500, '1m31s'],
    [3_599_000, '59m59s'],
    [3_600_000, '1h00m'],
    [7_380_000, '2h03m'],
  ])('%i ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
