import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExecLine, type ExecEvent } from '../../src/codex/exec-events.js';
import { parseRolloutLine, type RolloutEvent } from '../../src/codex/rollout.js';
import { agentExited, beginTurn, closeTurn, currentTurn } from '../../src/jobs/lifecycle.js';
import { nextTurn } from '../../src/jobs/next-turn.js';
import { applyExecEvent, applyRolloutEvent, contextUsedPct, execTurnEnd, relativeFiles } from '../../src/jobs/turn-facts.js';
import type { JobRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

// Lines recorded from codex 0.169 (see test/fixtures), fed through the real parsers.
function execFixture(name: string): ExecEvent[] {
  const text = readFileSync(new URL(`../fixtures/exec/${name}.jsonl`, import.meta.url), 'utf8');
  return text.split('\n').flatMap((l) => {
    const e = parseExecLine(l);
    return e ? [e] : [];
  });
}
function rolloutFixture(name: string): RolloutEvent[] {
  const text = readFileSync(new URL(`../fixtures/rollout/${name}.jsonl`, import.meta.url), 'utf8');
  return text.split('\n').flatMap((l) => {
    const e = parseRolloutLine(l);
    return e ? [e] : [];
  });
}

const T0 = '2026-11-24T06:31:46.000Z';
const T1 = '2026-11-24T06:31:52.000Z';

function runningJob(overrides: Partial<JobRecord> = {}): JobRecord {
  const r = makeRecord({ runner: { pid: 4242, start: 'boot/1' }, agent_procs: [{ pid: 4343, start: 'boot/2' }], ...overrides });
  beginTurn(r, T0);
  return r;
}

/**
 * One exec turn as the runner plays it: begin, apply every line of the fixture, close the turn
 * at the first event that ends it (execTurnEnd), then record the agent's exit.
 */
function runTurn(r: JobRecord, fixture: string, exitCode: number): JobRecord {
  if (!currentTurn(r)) beginTurn(r, T0);
  let closed = false;
  for (const ev of execFixture(fixture)) {
    applyExecEvent(r, ev);
    const end = closed ? null : execTurnEnd(ev);
    if (!end) continue;
    closed = true;
    closeTurn(r, currentTurn(r)!, end, T1);
  }
  agentExited(r, { code: exitCode, signal: null, detail: `codex (pid 4343) exited with code ${exitCode}` }, T1);
  return r;
}

describe('beginTurn', () => {
  it('opens turn 1 on a new job', () => {
    const r = makeRecord();
    const t = beginTurn(r, T0);
    expect(t).toEqual({ n: 1, turn_id: null, status: 'running', started_at: T0, completed_at: null, last_message: null, error: null, error_kind: null });
    expect(r.turns).toEqual([t]);
    expect(currentTurn(r)).toBe(t);
    expect(r).toMatchObject({ status: 'running', turn_state: 'working', started_at: T0, completed_at: null });
  });

  it('opens the next turn of a failed job, clearing the job-level error but keeping started_at', () => {
    const r = runTurn(makeRecord(), 'fail-401', 1);
    expect(r.status).toBe('failed');
    expect(r.error).not.toBeNull();
    r.end_reason = 'something';
    const t = beginTurn(r, '2026-11-24T07:00:00.000Z');
    expect(t.n).toBe(2);
    expect(r).toMatchObject({ status: 'running', turn_state: 'working', started_at: T0, completed_at: null, error: null, error_kind: null, end_reason: null });
    // The failed turn keeps its own record.
    expect(r.turns[0]).toMatchObject({ n: 1, status: 'failed', error_kind: 'unauthorized' });
  });
});

describe('applyExecEvent over recorded runs', () => {
  it('write: thread, file, message and tokens, then completed with exit 0', () => {
    const r = runTurn(runningJob(), 'write', 0);
    expect(r.thread_id).toBe('01a20c40-db1c-7b82-ab74-4b787968ea3d');
    expect(r.files_modified).toEqual(['/tmp/rec/w2/notes/hello.txt']);
    expect(r.last_message).toBe('Wrote notes/hello.txt.');
    expect(r.tokens).toEqual({ input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: null, context_window: null });
    expect(r).toMatchObject({ status: 'completed', turn_state: 'idle', exit_code: 0, agent_procs: [], completed_at: T1, error: null });
    expect(r.turns).toEqual([
      { n: 1, turn_id: null, status: 'completed', started_at: T0, completed_at: T1, last_message: 'Wrote notes/hello.txt.', error: null, error_kind: null },
    ]);
    expect(nextTurn(r, 0)).toEqual({ kind: 'turn', turn: r.turns[0], exitCode: 0 });
  });

  it('patch: records every changed path once, deletions included', () => {
    const r = runTurn(runningJob(), 'patch', 0);
    expect(r.files_modified).toEqual(['/tmp/rec/w2/notes/hello.txt', '/tmp/rec/w2/notes/old.txt']);
    // Seeing the same change again changes nothing.
    const again = execFixture('patch').find((e) => e.kind === 'file_change')!;
    expect(applyExecEvent(r, again)).toBe(false);
    expect(r.files_modified).toHaveLength(2);
  });

  const failures: [string, string, JobRecord['error_kind'], JobRecord['turn_state'], number][] = [
    ['context', "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.", 'context_window', 'context_limit', 5],
    ['fail-400-context', "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.", 'context_window', 'context_limit', 5],
    ['fail-401', 'unexpected status 401 Unauthorized: Incorrect API key provided., url: http://127.0.0.1:38021/v1/responses', 'unauthorized', 'idle', 4],
    ['fail-500', 'We’re currently experiencing high demand, which may cause temporary errors.', 'server_error', 'idle', 4],
    ['fail-503', 'unexpected status 503 Service Unavailable: The engine is currently overloaded., url: http://127.0.0.1:45583/v1/responses', 'server_error', 'idle', 4],
    ['cut', 'stream disconnected before completion: Transport error: network error: error decoding response body', 'stream_disconnected', 'idle', 4],
    ['fail-400', '{"error":{"message":"Bad request.","type":"invalid_request_error","param":null,"code":null}}', 'other', 'idle', 4],
  ];
  it.each(failures)('%s: the turn fails with the final message and its kind', (fixture, message, kind, turnState, exit) => {
    const r = runTurn(runningJob(), fixture, 1);
    expect(r).toMatchObject({ status: 'failed', error: message, error_kind: kind, turn_state: turnState, exit_code: 1, completed_at: T1 });
    // The retry warnings ("Reconnecting... n/5") never become the error.
    expect(r.turns[0]).toMatchObject({ status: 'failed', error: message, error_kind: kind, completed_at: T1 });
    expect(r.last_message).toBeNull();
    const next = nextTurn(r, 0);
    expect(next.kind === 'turn' && next.exitCode).toBe(exit);
  });

  it('ignores warnings, turn starts, item starts and commands', () => {
    const r = runningJob();
    const before = structuredClone(r);
    const quiet = [...execFixture('run'), ...execFixture('fail-401')].filter((e) =>
      ['warning', 'turn_started', 'item_started', 'command', 'unknown'].includes(e.kind),
    );
    expect(quiet.map((e) => e.kind)).toEqual(expect.arrayContaining(['warning', 'turn_started', 'item_started', 'command']));
    for (const ev of quiet) expect(applyExecEvent(r, ev)).toBe(false);
    expect(r).toEqual(before);
  });

  it('resume: a second turn on the same thread keeps the thread and updates the running totals', () => {
    const r = runTurn(runningJob(), 'say', 0);
    expect(r.thread_id).toBe('01a20c40-dd6e-7620-8d26-af85fb04c439');
    beginTurn(r, T1);
    const [threadStarted] = execFixture('resume');
    expect(applyExecEvent(r, threadStarted!)).toBe(false);
    runTurn(r, 'resume', 0);
    expect(r.turns.map((t) => [t.n, t.status, t.last_message])).toEqual([
      [1, 'completed', 'All done here.'],
      [2, 'completed', 'Resumed and still here.'],
    ]);
    expect(r.last_message).toBe('Resumed and still here.');
    expect(r.tokens).toMatchObject({ input: 19397, cached_input: 9698, output: 99, reasoning_output: 16 });
  });

  it('never replaces a known thread id with another', () => {
    const r = runningJob({ thread_id: 'thread-a' });
    applyExecEvent(r, { kind: 'thread_started', threadId: 'thread-b' });
    expect(r.thread_id).toBe('thread-a');
  });

  it('keeps an agent message that arrives with no running turn on the job only', () => {
    const r = makeRecord({ status: 'completed', turn_state: 'idle' });
    expect(applyExecEvent(r, { kind: 'agent_message', text: 'late' })).toBe(true);
    expect(r.last_message).toBe('late');
    expect(r.turns).toEqual([]);
  });
});

describe('applyRolloutEvent', () => {
  it('takes totals, the last request size and the context window from a recorded rollout', () => {
    const r = runningJob();
    for (const ev of rolloutFixture('exec-write')) applyRolloutEvent(r, ev);
    expect(r.tokens).toEqual({ input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: 9848, context_window: 258400 });
    expect(contextUsedPct(r.tokens)).toBe(3.8);
  });

  it('shows a full context window as 100%', () => {
    const r = runningJob();
    for (const ev of rolloutFixture('exec-context')) applyRolloutEvent(r, ev);
    expect(r.tokens).toMatchObject({ last_context: 258400, context_window: 258400 });
    expect(contextUsedPct(r.tokens)).toBe(100);
  });

  it('learns the context window from task_started, and exec totals keep it', () => {
    const r = runningJob();
    const started = rolloutFixture('exec-write').find((e) => e.kind === 'task_started')!;
    expect(applyRolloutEvent(r, started)).toBe(true);
    expect(r.tokens).toEqual({ input: 0, cached_input: 0, output: 0, reasoning_output: 0, last_context: null, context_window: 258400 });
    applyRolloutEvent(r, { kind: 'token_count', total: null, last: { input: 9000, cachedInput: 0, output: 48, reasoningOutput: 0, total: 9048 }, contextWindow: null });
    for (const ev of execFixture('write')) applyExecEvent(r, ev);
    expect(r.tokens).toEqual({ input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: 9048, context_window: 258400 });
  });

  it('ignores rollout events that carry no token facts', () => {
    const r = runningJob();
    const others = rolloutFixture('exec-patch').filter((e) => e.kind !== 'token_count' && e.kind !== 'task_started');
    expect(others.length).toBeGreaterThan(3);
    for (const ev of others) expect(applyRolloutEvent(r, ev)).toBe(false);
    expect(r.tokens).toBeNull();
  });
});

describe('execTurnEnd', () => {
  it.each<[string, ExecEvent, ReturnType<typeof execTurnEnd>]>([
    ['turn.completed ends the turn as completed', { kind: 'turn_completed', usage: { input: 1, cachedInput: 0, output: 1, reasoningOutput: 0 } }, { status: 'completed' }],
    ['turn.failed on the context window', { kind: 'turn_failed', message: 'context_length_exceeded' }, { status: 'failed', error: 'context_length_exceeded', kind: 'context_window' }],
    [
      'turn.failed, unauthorized',
      { kind: 'turn_failed', message: 'unexpected status 401 Unauthorized: Incorrect API key provided.' },
      { status: 'failed', error: 'unexpected status 401 Unauthorized: Incorrect API key provided.', kind: 'unauthorized' },
    ],
    [
      'turn.failed, stream cut',
      { kind: 'turn_failed', message: 'stream disconnected before completion: boom' },
      { status: 'failed', error: 'stream disconnected before completion: boom', kind: 'stream_disconnected' },
    ],
    ['turn.failed, anything else', { kind: 'turn_failed', message: 'Bad request.' }, { status: 'failed', error: 'Bad request.', kind: 'other' }],
    ['a retry warning does not end it', { kind: 'warning', message: 'Reconnecting... 1/5 (stream disconnected before completion)' }, null],
    ['an answer does not end it', { kind: 'agent_message', text: 'done' }, null],
    ['turn.started does not end it', { kind: 'turn_started' }, null],
    ['thread.started does not end it', { kind: 'thread_started', threadId: 't' }, null],
    ['an unknown event does not end it', { kind: 'unknown', type: 'x' }, null],
  ])('%s', (_name, ev, end) => {
    expect(execTurnEnd(ev)).toEqual(end);
  });

  it('each recorded run ends its turn exactly once, at its last event', () => {
    for (const fixture of ['write', 'patch', 'say', 'run', 'resume', 'context', 'cut', 'fail-401', 'fail-500']) {
      const events = execFixture(fixture);
      const ends = events.map((e) => execTurnEnd(e)).flatMap((e, i) => (e ? [i] : []));
      expect({ fixture, ends }).toEqual({ fixture, ends: [events.length - 1] });
    }
  });
});

describe('the agent exiting after or during the turn', () => {
  it('an exit after the turn closed only adds the exit code: a failed turn keeps its own error', () => {
    const r = runTurn(runningJob(), 'fail-503', 1);
    expect(r.turns[0]!.error).toMatch(/^unexpected status 503/);
    expect(r).toMatchObject({ status: 'failed', error_kind: 'server_error', exit_code: 1, agent_procs: [] });
  });

  it('a turn.completed after the turn already failed changes no outcome (only the token totals)', () => {
    const r = runningJob({ thread_id: 'thread-a' });
    const failed: ExecEvent = { kind: 'turn_failed', message: 'context_length_exceeded' };
    applyExecEvent(r, failed);
    closeTurn(r, currentTurn(r)!, execTurnEnd(failed)!, T1);
    const done: ExecEvent = { kind: 'turn_completed', usage: { input: 5, cachedInput: 1, output: 2, reasoningOutput: 0 } };
    expect(applyExecEvent(r, done)).toBe(true);
    expect(currentTurn(r)).toBeUndefined();
    expect(r).toMatchObject({ status: 'failed', error: 'context_length_exceeded', error_kind: 'context_window', turn_state: 'context_limit' });
    expect(r.tokens).toMatchObject({ input: 5, cached_input: 1, output: 2 });
  });

  it('Codex exiting without ending the turn fails it with how it exited, blaming the agent', () => {
    const r = runningJob({ thread_id: 'thread-a' });
    for (const ev of execFixture('write').filter((e) => !execTurnEnd(e))) applyExecEvent(r, ev);
    agentExited(r, { code: 137, signal: null, detail: 'codex (pid 4343) exited with code 137' }, T1);
    expect(r).toMatchObject({ status: 'failed', error: 'codex (pid 4343) exited with code 137 before the turn finished', error_kind: 'agent', turn_state: 'idle', exit_code: 137 });
    // What the agent did before it died is kept.
    expect(r.files_modified).toEqual(['/tmp/rec/w2/notes/hello.txt']);
    expect(r.turns[0]).toMatchObject({ status: 'failed', last_message: 'Wrote notes/hello.txt.', error_kind: 'agent' });
  });
});

describe('contextUsedPct and relativeFiles', () => {
  it.each([
    [null, null],
    [{ input: 1, cached_input: 0, output: 1, reasoning_output: 0, last_context: null, context_window: 1000 }, null],
    [{ input: 1, cached_input: 0, output: 1, reasoning_output: 0, last_context: 10, context_window: null }, null],
    [{ input: 1, cached_input: 0, output: 1, reasoning_output: 0, last_context: 129200, context_window: 258400 }, 50],
    [{ input: 1, cached_input: 0, output: 1, reasoning_output: 0, last_context: 1, context_window: 3 }, 33.3],
  ])('%j -> %j', (tokens, pct) => {
    expect(contextUsedPct(tokens)).toBe(pct);
  });

  it('makes paths under cwd relative and leaves others alone', () => {
    const r = makeRecord({
      cwd: '/tmp/rec/w2',
      files_modified: ['/tmp/rec/w2/notes/hello.txt', '/tmp/rec/w2x/sibling.txt', '/etc/hosts', 'already/relative.txt', '/tmp/rec/w2/a/b/c.ts'],
    });
    expect(relativeFiles(r)).toEqual(['notes/hello.txt', '/tmp/rec/w2x/sibling.txt', '/etc/hosts', 'already/relative.txt', 'a/b/c.ts']);
  });
});
