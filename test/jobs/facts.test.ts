// The one fold of neutral agent events into a job record (src/jobs/facts.ts), over real recorded
// Codex output (test/fixtures: exec --json stdout and rollout files, codex 0.169) mapped by the
// codex provider, in both modes: exec (the runner begins each turn) and interactive (the agent does).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyAgentEvent, contextUsedPct, endsTurn, relativeFiles } from '../../src/jobs/facts.js';
import { agentExited, beginTurn, cancelledByUser, currentTurn, ended } from '../../src/jobs/lifecycle.js';
import { nextTurn } from '../../src/jobs/next-turn.js';
import { execLineEvents, fromRolloutEvent, rolloutLineEvents } from '../../src/providers/codex/events.js';
import { geminiExecParser } from '../../src/providers/gemini/events.js';
import type { AgentEvent } from '../../src/providers/types.js';
import { recordSchema, type JobRecord, type TurnRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

function fixtureLines(dir: 'exec' | 'rollout', name: string): string[] {
  return readFileSync(new URL(`../fixtures/${dir}/${name}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}
/** exec --json stdout, line by line, as the provider reads it. */
const execLines = (name: string): AgentEvent[][] => fixtureLines('exec', name).map(execLineEvents);
const execEvents = (name: string): AgentEvent[] => execLines(name).flat();
/** A rollout, line by line, each with its own timestamp. */
const rolloutLines = (name: string): { at: string; events: AgentEvent[] }[] =>
  fixtureLines('rollout', name).map((l) => ({ at: (JSON.parse(l) as { timestamp: string }).timestamp, events: rolloutLineEvents(l) }));
const rolloutEvents = (name: string): AgentEvent[] => rolloutLines(name).flatMap((l) => l.events);
/** Applies a rollout's lines in order, each at its own time. */
function foldRollout(r: JobRecord, lines: { at: string; events: AgentEvent[] }[]): JobRecord {
  for (const { at, events } of lines) for (const ev of events) applyAgentEvent(r, ev, at);
  return r;
}

const T0 = '2026-11-24T06:31:46.000Z';
const T1 = '2026-11-24T06:31:52.000Z';

const MSG_CTX = "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.";
const MSG_401 = 'unexpected status 401 Unauthorized: Incorrect API key provided., url: http://127.0.0.1:38021/v1/responses';
const MSG_403 = 'unexpected status 403 Forbidden: Forbidden., url: http://127.0.0.1:45583/v1/responses';
const MSG_429 = 'exceeded retry limit, last status: 429 Too Many Requests';
const MSG_500 = 'We’re currently experiencing high demand, which may cause temporary errors.';
const MSG_503 = 'unexpected status 503 Service Unavailable: The engine is currently overloaded., url: http://127.0.0.1:45583/v1/responses';
const MSG_CUT = 'stream disconnected before completion: Transport error: network error: error decoding response body';
const MSG_400 = '{"error":{"message":"Bad request.","type":"invalid_request_error","param":null,"code":null}}';
const MSG_PATCH =
  "Ran: apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: notes/hello.txt\n@@\n-Hello from the mock model\n+Hello again from the mock model\n*** Delete File: notes/old.txt\n*** End Patch\nEOF\nExit code: 0";

const WRITE_THREAD = '01a20c40-db1c-7b82-ab74-4b787968ea3d';
const WRITE_TURN = '01a20c40-db2a-7971-a9ea-f75cf76c4bb0';
const HELLO = '/tmp/rec/w2/notes/hello.txt';
const OLD = '/tmp/rec/w2/notes/old.txt';
const NOTHING_TO_RESUME = 'the first turn ended before the agent started a thread; nothing to resume';

function turn(t: Partial<TurnRecord> & Pick<TurnRecord, 'n' | 'status' | 'started_at'>): TurnRecord {
  return { turn_id: null, completed_at: null, last_message: null, error: null, error_kind: null, ...t };
}

/** An exec job whose runner began turn 1 at T0 and launched the agent. */
function runningJob(overrides: Partial<JobRecord> = {}): JobRecord {
  const r = makeRecord({ runner: { pid: 4242, start: 'boot/1' }, agent_procs: [{ pid: 4343, start: 'boot/2' }], ...overrides });
  beginTurn(r, T0);
  return r;
}

/**
 * One exec turn as the runner plays it: begin (unless begun), apply every stdout event of the
 * fixture (the one that ends the turn closes it), then record the agent's exit.
 */
function runTurn(r: JobRecord, fixture: string, exitCode: number): JobRecord {
  if (!currentTurn(r)) beginTurn(r, T0);
  for (const ev of execEvents(fixture)) applyAgentEvent(r, ev, T1);
  agentExited(r, { code: exitCode, signal: null, detail: `codex (pid 4343) exited with code ${exitCode}` }, T1);
  return r;
}

describe('beginTurn: the turns the exec runner begins', () => {
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
    expect(r).toMatchObject({ status: 'failed', error: MSG_401, error_kind: 'unauthorized', completed_at: T1 });
    r.end_reason = 'something';
    const t = beginTurn(r, '2026-11-24T07:00:00.000Z');
    expect(t.n).toBe(2);
    expect(r).toMatchObject({ status: 'running', turn_state: 'working', started_at: T0, completed_at: null, error: null, error_kind: null, end_reason: null });
    // The failed turn keeps its own record.
    expect(r.turns[0]).toEqual(turn({ n: 1, status: 'failed', started_at: T0, completed_at: T1, error: MSG_401, error_kind: 'unauthorized' }));
  });
});

describe('exec mode: recorded exec --json runs folded into the record', () => {
  it('write: thread, file, message and tokens, then completed with exit 0', () => {
    const before = runningJob();
    const r = runTurn(structuredClone(before), 'write', 0);
    expect(r).toEqual({
      ...before,
      status: 'completed',
      turn_state: 'idle',
      thread_id: WRITE_THREAD,
      files_modified: [HELLO],
      last_message: 'Wrote notes/hello.txt.',
      // exec reports the totals only: no last request, no window.
      tokens: { input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: null, context_window: null },
      exit_code: 0,
      agent_procs: [],
      completed_at: T1,
      last_activity_at: T1,
      last_action: { at: T1, text: 'add notes/hello.txt' },
      // exec names no turn.
      turns: [turn({ n: 1, status: 'completed', started_at: T0, completed_at: T1, last_message: 'Wrote notes/hello.txt.' })],
    });
    expect(nextTurn(r, 0)).toEqual({ kind: 'turn', turn: r.turns[0], exitCode: 0 });
  });

  it('patch: records every changed path once, deletions included', () => {
    const r = runTurn(runningJob(), 'patch', 0);
    expect(r.files_modified).toEqual([HELLO, OLD]);
    expect(r.turns).toEqual([turn({ n: 1, status: 'completed', started_at: T0, completed_at: T1, last_message: MSG_PATCH })]);
    expect(r.tokens).toEqual({ input: 19559, cached_input: 9779, output: 192, reasoning_output: 16, last_context: null, context_window: null });
    // Seeing the same change again changes nothing.
    const again = execEvents('patch').find((e) => e.kind === 'file_change')!;
    const after = structuredClone(r);
    expect(applyAgentEvent(r, again, T1)).toBe(false);
    expect(r).toEqual(after);
  });

  const failures: [string, string, string, JobRecord['error_kind'], JobRecord['turn_state'], number][] = [
    ['context', '01a20c41-1e67-7842-883e-7ade42e329b5', MSG_CTX, 'context_window', 'context_limit', 5],
    ['fail-400-context', '01a20c42-e115-7461-abb1-29f018974a45', MSG_CTX, 'context_window', 'context_limit', 5],
    ['fail-401', '01a20c40-ecc7-7251-be6d-e0a75606dc3c', MSG_401, 'unauthorized', 'idle', 4],
    ['fail-403', '01a20c42-e2b8-78f2-96e1-fedfd25236fc', MSG_403, 'unauthorized', 'idle', 4],
    ['fail-429', '01a20c42-e0e6-7af3-81ba-41b464064110', MSG_429, 'other', 'idle', 4],
    ['fail-500', '01a20c40-ecc4-7752-850c-89dcfb76c971', MSG_500, 'server_error', 'idle', 4],
    ['fail-503', '01a20c42-e0ec-7083-b171-e550732ffcbb', MSG_503, 'server_error', 'idle', 4],
    ['cut', '01a20c41-052b-7693-ae96-3cb6c1b32ed3', MSG_CUT, 'stream_disconnected', 'idle', 4],
    ['fail-400', '01a20c42-e217-7993-a5e4-0b270ddf9284', MSG_400, 'other', 'idle', 4],
  ];
  it.each(failures)('%s: the turn fails with the final message and its kind', (fixture, threadId, message, kind, turnState, exit) => {
    const before = runningJob();
    const r = runTurn(structuredClone(before), fixture, 1);
    // The retry warnings ("Reconnecting... n/5") never become the error; no answer, no tokens.
    expect(r).toEqual({
      ...before,
      status: 'failed',
      turn_state: turnState,
      thread_id: threadId,
      error: message,
      error_kind: kind,
      exit_code: 1,
      agent_procs: [],
      completed_at: T1,
      last_activity_at: T1,
      turns: [turn({ n: 1, status: 'failed', started_at: T0, completed_at: T1, error: message, error_kind: kind })],
    });
    expect(nextTurn(r, 0)).toEqual({ kind: 'turn', turn: r.turns[0], exitCode: exit });
  });

  it('warnings change nothing; a command is only the last action, its shell wrapper taken off', () => {
    const r = runningJob();
    const before = structuredClone(r);
    const quiet = [...execEvents('run'), ...execEvents('fail-401')].filter((e) => ['warning', 'command_started', 'command'].includes(e.kind));
    expect(quiet.map((e) => e.kind)).toEqual(['command_started', 'command', 'warning', 'warning', 'warning', 'warning', 'warning', 'warning']);
    expect(quiet.map((ev) => applyAgentEvent(r, ev, T1))).toEqual(quiet.map((ev) => ev.kind !== 'warning'));
    expect(r).toEqual({ ...before, last_action: { at: T1, text: '$ echo hi-from-run; ls notes' } });
  });

  it('the last action: a failed command shows its exit code, a long one is cut to one short line', () => {
    const r = runningJob();
    applyAgentEvent(r, { kind: 'command', command: "/bin/bash -lc 'npm test'", exitCode: 1, output: '' }, T1);
    expect(r.last_action).toEqual({ at: T1, text: '$ npm test (exit 1)' });
    applyAgentEvent(r, { kind: 'command_started', command: `echo ${'x'.repeat(300)}\nsecond line` }, T1);
    expect(r.last_action!.text).toHaveLength(120);
    expect(r.last_action!.text).toMatch(/^\$ echo x+…$/);
    // A path outside the job's folder stays absolute.
    applyAgentEvent(r, { kind: 'file_change', changes: [{ path: '/etc/elsewhere.conf', kind: 'update' }] }, T1);
    expect(r.last_action).toEqual({ at: T1, text: 'update /etc/elsewhere.conf' });
  });

  it("exec's turn.started names no turn: the turn the runner began stays as it was", () => {
    const r = runningJob();
    const before = structuredClone(r);
    const starts = [...execEvents('run'), ...execEvents('fail-401')].filter((e) => e.kind === 'turn_started');
    expect(starts).toEqual([
      { kind: 'turn_started', turnId: null, contextWindow: null },
      { kind: 'turn_started', turnId: null, contextWindow: null },
    ]);
    // (The return value here is true although nothing changed: reported, not asserted.)
    for (const ev of starts) applyAgentEvent(r, ev, T1);
    expect(r).toEqual(before);
  });

  it('resume: a second turn on the same thread keeps the thread and updates the running totals', () => {
    const r = runTurn(runningJob(), 'say', 0);
    expect(r.thread_id).toBe('01a20c40-dd6e-7620-8d26-af85fb04c439');
    beginTurn(r, T1);
    const [threadStarted] = execEvents('resume');
    expect(threadStarted).toEqual({ kind: 'thread_started', threadId: '01a20c40-dd6e-7620-8d26-af85fb04c439' });
    expect(applyAgentEvent(r, threadStarted!, T1)).toBe(false);
    runTurn(r, 'resume', 0);
    expect(r.turns).toEqual([
      turn({ n: 1, status: 'completed', started_at: T0, completed_at: T1, last_message: 'All done here.' }),
      turn({ n: 2, status: 'completed', started_at: T1, completed_at: T1, last_message: 'Resumed and still here.' }),
    ]);
    expect(r).toMatchObject({ status: 'completed', turn_state: 'idle', last_message: 'Resumed and still here.', thread_id: '01a20c40-dd6e-7620-8d26-af85fb04c439' });
    expect(r.tokens).toEqual({ input: 19397, cached_input: 9698, output: 99, reasoning_output: 16, last_context: null, context_window: null });
  });

  it('never replaces a known thread id with another', () => {
    const r = runningJob({ thread_id: 'thread-a' });
    expect(applyAgentEvent(r, { kind: 'thread_started', threadId: 'thread-b' }, T1)).toBe(false);
    expect(r.thread_id).toBe('thread-a');
  });

  it('keeps an agent message that arrives with no running turn on the job only', () => {
    const r = makeRecord({ status: 'completed', turn_state: 'idle' });
    expect(applyAgentEvent(r, { kind: 'agent_message', text: 'late' }, T1)).toBe(true);
    expect(r.last_message).toBe('late');
    expect(r.turns).toEqual([]);
  });

  it('a turn that fails before any thread leaves nothing to resume: the job has ended', () => {
    const r = runningJob();
    // context.jsonl without its thread.started line.
    for (const ev of execLines('context').slice(1).flat()) applyAgentEvent(r, ev, T1);
    expect(r.thread_id).toBeNull();
    expect(r).toMatchObject({ status: 'failed', error: MSG_CTX, error_kind: 'context_window', turn_state: 'ended', end_reason: NOTHING_TO_RESUME, completed_at: T1 });
    expect(r.turns).toEqual([turn({ n: 1, status: 'failed', started_at: T0, completed_at: T1, error: MSG_CTX, error_kind: 'context_window' })]);
    expect(nextTurn(r, 0)).toEqual({ kind: 'turn', turn: r.turns[0], exitCode: 5 });
  });

  it('the runner beginning a turn while one still runs supersedes it; the new turn takes the name', () => {
    const r = runningJob({ thread_id: WRITE_THREAD });
    beginTurn(r, T1);
    expect(applyAgentEvent(r, { kind: 'turn_started', turnId: WRITE_TURN, contextWindow: null }, T1)).toBe(true);
    expect(r.turns).toEqual([
      turn({ n: 1, status: 'aborted', started_at: T0, completed_at: T1, error: 'superseded by a new turn' }),
      turn({ n: 2, turn_id: WRITE_TURN, status: 'running', started_at: T1 }),
    ]);
    expect(r).toMatchObject({ status: 'running', turn_state: 'working' });
  });
});

describe('exec mode: the agent exiting after or during the turn', () => {
  it('an exit after the turn closed only adds the exit code: a failed turn keeps its own error', () => {
    const r = runTurn(runningJob(), 'fail-503', 1);
    expect(r.turns[0]!.error).toBe(MSG_503);
    expect(r).toMatchObject({ status: 'failed', error: MSG_503, error_kind: 'server_error', exit_code: 1, agent_procs: [] });
  });

  it('a turn.completed after the turn already failed changes no outcome (only the token totals)', () => {
    const r = runningJob({ thread_id: 'thread-a' });
    expect(applyAgentEvent(r, { kind: 'turn_failed', turnId: null, error: 'context_length_exceeded', errorKind: 'context_window' }, T1)).toBe(true);
    const [tokens, done] = execLines('write').at(-1)!;
    expect(done).toEqual({ kind: 'turn_completed', turnId: null, message: null });
    expect(applyAgentEvent(r, tokens!, T1)).toBe(true);
    expect(applyAgentEvent(r, done!, T1)).toBe(false);
    expect(currentTurn(r)).toBeUndefined();
    expect(r).toMatchObject({ status: 'failed', error: 'context_length_exceeded', error_kind: 'context_window', turn_state: 'context_limit' });
    expect(r.turns).toEqual([turn({ n: 1, status: 'failed', started_at: T0, completed_at: T1, error: 'context_length_exceeded', error_kind: 'context_window' })]);
    expect(r.tokens).toEqual({ input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: null, context_window: null });
  });

  it('Codex exiting without ending the turn fails it with how it exited, blaming the agent', () => {
    const r = runningJob({ thread_id: 'thread-a' });
    // Every line of the run but the last: turn.completed never came.
    const lines = execLines('write');
    expect(lines.slice(0, -1).flat().some(endsTurn)).toBe(false);
    for (const ev of lines.slice(0, -1).flat()) applyAgentEvent(r, ev, T1);
    agentExited(r, { code: 137, signal: null, detail: 'codex (pid 4343) exited with code 137' }, T1);
    expect(r).toMatchObject({
      status: 'failed',
      thread_id: 'thread-a',
      error: 'codex (pid 4343) exited with code 137 before the turn finished',
      error_kind: 'agent',
      turn_state: 'idle',
      exit_code: 137,
      tokens: null,
    });
    // What the agent did before it died is kept.
    expect(r.files_modified).toEqual([HELLO]);
    expect(r.turns).toEqual([
      turn({
        n: 1,
        status: 'failed',
        started_at: T0,
        completed_at: T1,
        last_message: 'Wrote notes/hello.txt.',
        error: 'codex (pid 4343) exited with code 137 before the turn finished',
        error_kind: 'agent',
      }),
    ]);
  });

  // `kill` marks the job cancelled before it signals anything; the runner may still apply lines.
  it('lines that arrive after kill keep the facts but never reopen or complete the job', () => {
    const r = runningJob();
    const lines = execLines('write');
    for (const ev of lines.slice(0, 4).flat()) applyAgentEvent(r, ev, T1);
    cancelledByUser(r, 'killed by user', T1);
    for (const ev of lines.slice(4).flat()) applyAgentEvent(r, ev, T1);
    expect(applyAgentEvent(r, { kind: 'turn_started', turnId: WRITE_TURN, contextWindow: 258400 }, T1)).toBe(false);
    expect(r).toMatchObject({
      status: 'cancelled',
      turn_state: 'ended',
      end_reason: 'killed by user',
      thread_id: WRITE_THREAD,
      files_modified: [HELLO],
      last_message: 'Wrote notes/hello.txt.',
      error: null,
    });
    expect(r.tokens).toEqual({ input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: null, context_window: null });
    // The kill aborted the turn before the answer came: the answer is the job's only.
    expect(r.turns).toEqual([turn({ n: 1, status: 'aborted', started_at: T0, completed_at: T1, error: 'killed by user' })]);
  });
});

describe('exec mode: the rollout the runner follows', () => {
  it('write: names the turn, takes totals, the last request size and the context window', () => {
    const before = runningJob();
    const r = foldRollout(structuredClone(before), rolloutLines('exec-write'));
    const end = '2026-11-24T06:31:46.885Z';
    expect(r).toEqual({
      ...before,
      status: 'completed',
      turn_state: 'idle',
      thread_id: WRITE_THREAD,
      user_messages: 1,
      files_modified: [HELLO],
      last_message: 'Wrote notes/hello.txt.',
      tokens: { input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: 9848, context_window: 258400 },
      completed_at: end,
      last_activity_at: end,
      last_action: { at: '2026-11-24T06:31:46.863Z', text: 'add notes/hello.txt' },
      turns: [turn({ n: 1, turn_id: WRITE_TURN, status: 'completed', started_at: T0, completed_at: end, last_message: 'Wrote notes/hello.txt.' })],
    });
    expect(contextUsedPct(r.tokens)).toBe(3.8);
  });

  it('context: shows a full context window as 100%, and the job at its context limit', () => {
    const r = foldRollout(runningJob(), rolloutLines('exec-context'));
    expect(r.tokens).toEqual({ input: 0, cached_input: 0, output: 0, reasoning_output: 0, last_context: 258400, context_window: 258400 });
    expect(contextUsedPct(r.tokens)).toBe(100);
    expect(r).toMatchObject({ status: 'failed', turn_state: 'context_limit', error: MSG_CTX, error_kind: 'context_window' });
  });

  const failures: [string, string, string, string, JobRecord['error_kind'], JobRecord['turn_state'], string][] = [
    ['exec-context', '01a20c41-1e67-7842-883e-7ade42e329b5', '01a20c41-1e75-7433-b993-e34477674aac', MSG_CTX, 'context_window', 'context_limit', '2026-11-24T06:32:03.997Z'],
    ['exec-cut', '01a20c41-052b-7693-ae96-3cb6c1b32ed3', '01a20c41-0538-7f60-8b62-2d92b5b37414', MSG_CUT, 'stream_disconnected', 'idle', '2026-11-24T06:32:03.815Z'],
    ['exec-fail-401', '01a20c40-ecc7-7251-be6d-e0a75606dc3c', '01a20c40-ecdc-7b61-924f-f706f0b998eb', MSG_401, 'unauthorized', 'idle', '2026-11-24T06:31:57.359Z'],
    ['exec-fail-500', '01a20c40-ecc4-7752-850c-89dcfb76c971', '01a20c40-ece4-7e73-8336-840fced7a260', MSG_500, 'server_error', 'idle', '2026-11-24T06:32:15.462Z'],
  ];
  it.each(failures)('%s: the named turn fails with the error and its kind', (fixture, threadId, turnId, error, kind, turnState, end) => {
    const r = foldRollout(runningJob(), rolloutLines(fixture));
    expect(r).toMatchObject({ status: 'failed', thread_id: threadId, turn_state: turnState, error, error_kind: kind, completed_at: end, user_messages: 1, last_message: null });
    expect(r.turns).toEqual([turn({ n: 1, turn_id: turnId, status: 'failed', started_at: T0, completed_at: end, error, error_kind: kind })]);
  });

  it('learns the context window from turn_started, and exec totals keep it', () => {
    const r = runningJob();
    const started = rolloutEvents('exec-write').find((e) => e.kind === 'turn_started')!;
    expect(applyAgentEvent(r, started, T0)).toBe(true);
    expect(r.tokens).toEqual({ input: 0, cached_input: 0, output: 0, reasoning_output: 0, last_context: null, context_window: 258400 });
    expect(r.turns).toEqual([turn({ n: 1, turn_id: WRITE_TURN, status: 'running', started_at: T0 })]);
    const [lastOnly] = fromRolloutEvent({ kind: 'token_count', total: null, last: { input: 9000, cachedInput: 0, output: 48, reasoningOutput: 0, total: 9048 }, contextWindow: null });
    expect(applyAgentEvent(r, lastOnly!, T0)).toBe(true);
    for (const ev of execEvents('write')) applyAgentEvent(r, ev, T1);
    expect(r.tokens).toEqual({ input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: 9048, context_window: 258400 });
    // exec's own turn.started (no name) neither renames nor adds a turn; its turn.completed closes the named turn.
    expect(r.turns).toEqual([turn({ n: 1, turn_id: WRITE_TURN, status: 'completed', started_at: T0, completed_at: T1, last_message: 'Wrote notes/hello.txt.' })]);
  });

  it('rollout events other than token counts and turn starts leave the tokens alone', () => {
    const before = runningJob();
    const r = structuredClone(before);
    const others = rolloutLines('exec-patch').map((l) => ({ at: l.at, events: l.events.filter((e) => e.kind !== 'tokens' && e.kind !== 'turn_started') }));
    expect(others.flatMap((l) => l.events).map((e) => e.kind)).toEqual(['thread_started', 'user_message', 'file_change', 'agent_message', 'turn_completed']);
    foldRollout(r, others);
    expect(r.tokens).toBeNull();
    const end = '2026-11-24T06:32:39.753Z';
    // Unnamed, the turn the runner began is the one the turn_completed closes.
    expect(r).toEqual({
      ...before,
      status: 'completed',
      turn_state: 'idle',
      thread_id: '01a20c41-a9af-7622-b6b3-810395aebf2a',
      user_messages: 1,
      files_modified: [OLD, HELLO],
      last_message: MSG_PATCH,
      completed_at: end,
      last_activity_at: end,
      last_action: { at: '2026-11-24T06:32:39.732Z', text: 'update notes/hello.txt' },
      turns: [turn({ n: 1, status: 'completed', started_at: T0, completed_at: end, last_message: MSG_PATCH })],
    });
  });

  it('at the turn end, the rollout tail and then the exec line close the turn once', () => {
    const r = runningJob();
    const stdout = execLines('write');
    for (const ev of stdout.slice(0, -1).flat()) applyAgentEvent(r, ev, T1);
    foldRollout(r, rolloutLines('exec-write'));
    const closed = structuredClone(r);
    const [tokens, done] = stdout.at(-1)!;
    expect(applyAgentEvent(r, tokens!, T1)).toBe(true);
    expect(applyAgentEvent(r, done!, T1)).toBe(false);
    // The same totals again: nothing moved.
    expect(r).toEqual(closed);
    const end = '2026-11-24T06:31:46.885Z';
    expect(r.turns).toEqual([turn({ n: 1, turn_id: WRITE_TURN, status: 'completed', started_at: T0, completed_at: end, last_message: 'Wrote notes/hello.txt.' })]);
    expect(r).toMatchObject({ status: 'completed', turn_state: 'idle', completed_at: end, files_modified: [HELLO], user_messages: 1 });
    expect(r.tokens).toEqual({ input: 19463, cached_input: 9731, output: 126, reasoning_output: 16, last_context: 9848, context_window: 258400 });
  });

  it('a resumed thread: each turn the runner begins is named by its own turn_started', () => {
    const lines = rolloutLines('exec-say-resumed');
    const second = lines.findIndex((l, i) => i > 1 && l.events.some((e) => e.kind === 'turn_started'));
    expect(second).toBe(15);
    const r = makeRecord();
    beginTurn(r, '2026-11-24T06:31:47.300Z');
    foldRollout(r, lines.slice(0, second));
    beginTurn(r, '2026-11-24T06:31:47.600Z');
    foldRollout(r, lines.slice(second));
    expect(r.turns).toEqual([
      turn({
        n: 1,
        turn_id: '01a20c40-dd7a-7a92-9896-4ce1b5b8e1dc',
        status: 'completed',
        started_at: '2026-11-24T06:31:47.300Z',
        completed_at: '2026-11-24T06:31:47.363Z',
        last_message: 'All done here.',
      }),
      turn({
        n: 2,
        turn_id: '01a20c40-de95-7011-a6f1-623e2e9ee304',
        status: 'completed',
        started_at: '2026-11-24T06:31:47.600Z',
        completed_at: '2026-11-24T06:31:47.638Z',
        last_message: 'Resumed and still here.',
      }),
    ]);
    expect(r).toMatchObject({ status: 'completed', turn_state: 'idle', thread_id: '01a20c40-dd6e-7620-8d26-af85fb04c439', user_messages: 2, last_message: 'Resumed and still here.' });
    expect(r.tokens).toEqual({ input: 19397, cached_input: 9698, output: 99, reasoning_output: 16, last_context: 9790, context_window: 258400 });
  });

  it('a turn_started with no turn running begins none (exec turns begin with the runner), but keeps the window', () => {
    const r = runTurn(runningJob(), 'write', 0);
    const idle = structuredClone(r);
    expect(applyAgentEvent(r, { kind: 'turn_started', turnId: 't-new', contextWindow: null }, T1)).toBe(false);
    expect(r).toEqual(idle);
    expect(applyAgentEvent(r, { kind: 'turn_started', turnId: 't-new', contextWindow: 258400 }, T1)).toBe(true);
    expect(r).toEqual({ ...idle, tokens: { ...idle.tokens!, context_window: 258400 } });
  });
});

describe('endsTurn', () => {
  it.each<[AgentEvent, boolean]>([
    [{ kind: 'turn_completed', turnId: null, message: null }, true],
    [{ kind: 'turn_completed', turnId: 't-1', message: 'done' }, true],
    [{ kind: 'turn_failed', turnId: null, error: 'context_length_exceeded', errorKind: 'context_window' }, true],
    [{ kind: 'turn_aborted', turnId: null, reason: 'interrupted' }, true],
    [{ kind: 'warning', message: 'Reconnecting... 1/5 (stream disconnected before completion)' }, false],
    [{ kind: 'agent_message', text: 'done' }, false],
    [{ kind: 'turn_started', turnId: null, contextWindow: null }, false],
    [{ kind: 'thread_started', threadId: 't' }, false],
    [{ kind: 'user_message' }, false],
    [{ kind: 'command_started', command: 'ls' }, false],
    [{ kind: 'command', command: 'ls', exitCode: 0, output: '' }, false],
    [{ kind: 'file_change', changes: [{ path: 'a', kind: 'add' }] }, false],
    [{ kind: 'tokens', total: null, lastContext: 1, contextWindow: null }, false],
  ])('%j -> %s', (ev, ends) => {
    expect(endsTurn(ev)).toBe(ends);
  });

  it('each recorded exec run ends its turn exactly once, at its last event', () => {
    for (const fixture of ['write', 'patch', 'say', 'run', 'resume', 'context', 'fail-400-context', 'cut', 'fail-400', 'fail-401', 'fail-403', 'fail-429', 'fail-500', 'fail-503']) {
      const events = execEvents(fixture);
      const ends = events.flatMap((e, i) => (endsTurn(e) ? [i] : []));
      expect({ fixture, ends }).toEqual({ fixture, ends: [events.length - 1] });
    }
  });

  it('each recorded rollout ends each of its turns once, with its last event', () => {
    const ends = (name: string) => rolloutEvents(name).flatMap((e) => (endsTurn(e) ? [e.kind] : []));
    expect(ends('exec-write')).toEqual(['turn_completed']);
    expect(ends('exec-say-resumed')).toEqual(['turn_completed', 'turn_completed']);
    expect(ends('exec-cut')).toEqual(['turn_failed']);
    expect(ends('tui-session')).toEqual(['turn_completed', 'turn_aborted', 'turn_failed', 'turn_completed']);
    for (const name of ['exec-write', 'exec-patch', 'exec-run', 'exec-say-resumed', 'exec-context', 'exec-cut', 'exec-fail-401', 'exec-fail-500', 'tui-session']) {
      expect([name, endsTurn(rolloutEvents(name).at(-1)!)]).toEqual([name, true]);
    }
  });
});

// ---- interactive mode ----

const THREAD = '01a20c41-c2e2-78c0-ae0f-b4a4aab724b0';
const TU1 = '01a20c41-c305-7b02-b8a3-0ebf9ea8aba2';
const TU2 = '01a20c41-dfad-7913-bbbc-84e8539f24e9';
const TU3 = '01a20c41-ed68-7f01-b10b-a3be20f92189';
const TU4 = '01a20c41-f734-7400-a821-8a30f65c4bc5';

/** Every event of the recorded TUI session, with its line's timestamp, in file order. */
const session: { at: string; ev: AgentEvent }[] = rolloutLines('tui-session').flatMap(({ at, events }) => events.map((ev) => ({ at, ev })));

/** An interactive job whose runner just opened the agent; its thread is learnt from the rollout. */
function interactiveJob(): JobRecord {
  return makeRecord({ mode: 'interactive', status: 'running', turn_state: 'starting', runner: { pid: 4242, start: 'boot/1' }, started_at: '2026-11-24T06:32:45.000Z' });
}

/** The same once the rollout named the thread (it is the rollout's first record). */
function threadedJob(): JobRecord {
  return { ...interactiveJob(), thread_id: THREAD };
}

/** Replays the session, snapshotting the record after every event that ends a turn. */
function replay(r: JobRecord) {
  const ends: { turn_state: JobRecord['turn_state']; error_kind: JobRecord['error_kind']; turns: number; running: boolean }[] = [];
  const changed: boolean[] = [];
  for (const { at, ev } of session) {
    changed.push(applyAgentEvent(r, ev, at));
    if (endsTurn(ev)) ends.push({ turn_state: r.turn_state, error_kind: r.error_kind, turns: r.turns.length, running: r.turns.some((t) => t.status === 'running') });
  }
  return { ends, changed };
}

describe('interactive mode: the recorded TUI session', () => {
  it('the fixture maps to the events this test relies on', () => {
    const kinds = session.map((s) => s.ev.kind);
    const count = (k: AgentEvent['kind']) => kinds.filter((x) => x === k).length;
    expect(kinds[0]).toBe('thread_started');
    expect({
      thread_started: count('thread_started'),
      turn_started: count('turn_started'),
      turn_completed: count('turn_completed'),
      turn_failed: count('turn_failed'),
      turn_aborted: count('turn_aborted'),
      user_message: count('user_message'),
      agent_message: count('agent_message'),
      tokens: count('tokens'),
      command: count('command'),
    }).toEqual({ thread_started: 1, turn_started: 4, turn_completed: 2, turn_failed: 1, turn_aborted: 1, user_message: 4, agent_message: 2, tokens: 8, command: 1 });
    expect(kinds).toHaveLength(24);
  });

  it('records four turns: completed, aborted, failed on the context window, completed', () => {
    const before = interactiveJob();
    const r = structuredClone(before);
    replay(r);
    expect(r).toEqual({
      ...before,
      thread_id: THREAD,
      turns: [
        turn({ n: 1, turn_id: TU1, status: 'completed', started_at: '2026-11-24T06:32:46.089Z', completed_at: '2026-11-24T06:32:46.161Z', last_message: 'hi' }),
        turn({ n: 2, turn_id: TU2, status: 'aborted', started_at: '2026-11-24T06:32:53.426Z', completed_at: '2026-11-24T06:32:54.928Z', error: 'interrupted' }),
        turn({
          n: 3,
          turn_id: TU3,
          status: 'failed',
          started_at: '2026-11-24T06:32:56.940Z',
          completed_at: '2026-11-24T06:32:56.971Z',
          error: MSG_CTX,
          error_kind: 'context_window',
        }),
        turn({
          n: 4,
          turn_id: TU4,
          status: 'completed',
          started_at: '2026-11-24T06:32:59.448Z',
          completed_at: '2026-11-24T06:32:59.660Z',
          last_message: 'Ran: echo tui-run\ntui-run',
        }),
      ],
      // The agent stays open: the job runs on, idle between turns, and is never completed.
      status: 'running',
      turn_state: 'idle',
      completed_at: null,
      user_messages: 4,
      last_message: 'Ran: echo tui-run\ntui-run',
      // The failure of turn 3 belonged to that turn; turn 4 starting cleared it from the job.
      error: null,
      error_kind: null,
      last_activity_at: '2026-11-24T06:32:59.660Z',
      // Its command, without the shell wrapper Codex runs it in.
      last_action: { at: '2026-11-24T06:32:59.626Z', text: '$ echo tui-run' },
      blocked_screen: null,
      files_modified: [],
      started_at: '2026-11-24T06:32:45.000Z',
      // Totals from the last token count; the context window from turn_started and the counts.
      tokens: { input: 32419, cached_input: 16209, output: 166, reasoning_output: 24, last_context: 11794, context_window: 258400 },
    });
    expect(contextUsedPct(r.tokens)).toBe(4.6);
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

  it('is working, with the turn running, between turn_started and its end', () => {
    const r = interactiveJob();
    const upTo = session.findIndex((s) => s.ev.kind === 'agent_message');
    for (const { at, ev } of session.slice(0, upTo + 1)) applyAgentEvent(r, ev, at);
    expect(r.turn_state).toBe('working');
    expect(r.turns).toEqual([turn({ n: 1, turn_id: TU1, status: 'running', started_at: '2026-11-24T06:32:46.089Z', last_message: 'hi' })]);
    expect(r.last_message).toBe('hi');
    expect(r.user_messages).toBe(1);
    expect(r.last_activity_at).toBe('2026-11-24T06:32:46.129Z');
    expect(r.tokens).toEqual({ input: 0, cached_input: 0, output: 0, reasoning_output: 0, last_context: null, context_window: 258400 });
    // What await-turn makes of it: nothing to hand out yet.
    expect(nextTurn(r, 0)).toEqual({ kind: 'wait' });
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

  it('reports a change for every event it applies, the command too (the last action)', () => {
    const { changed } = replay(interactiveJob());
    expect(session.map(({ ev }, i) => [i, ev.kind, changed[i]])).toEqual(session.map(({ ev }, i) => [i, ev.kind, true]));
  });

  it('replaying the turn and thread events a second time changes nothing', () => {
    const r = interactiveJob();
    replay(r);
    const before = structuredClone(r);
    const again = session.filter(({ ev }) => ['thread_started', 'turn_started', 'turn_completed', 'turn_failed', 'turn_aborted'].includes(ev.kind));
    expect(again).toHaveLength(9);
    for (const { at, ev } of again) expect([ev.kind, applyAgentEvent(r, ev, at)]).toEqual([ev.kind, false]);
    expect(r).toEqual(before);
  });
});

describe('interactive mode: events that change nothing', () => {
  const started = (turnId: string): AgentEvent => ({ kind: 'turn_started', turnId, contextWindow: null });
  const complete = (turnId: string, message: string | null = 'done'): AgentEvent => ({ kind: 'turn_completed', turnId, message });
  const NOW = '2026-11-24T07:00:00.000Z';

  it('a repeated turn_started for a known turn id', () => {
    const r = interactiveJob();
    expect(applyAgentEvent(r, started('t-1'), NOW)).toBe(true);
    const before = structuredClone(r);
    expect(applyAgentEvent(r, started('t-1'), '2026-11-24T07:00:05.000Z')).toBe(false);
    expect(r).toEqual(before);
    // Also once that turn has ended.
    expect(applyAgentEvent(r, complete('t-1'), NOW)).toBe(true);
    const after = structuredClone(r);
    expect(applyAgentEvent(r, started('t-1'), NOW)).toBe(false);
    expect(applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: 128000 }, NOW)).toBe(false);
    expect(r).toEqual(after);
  });

  it('turn ends for an unknown turn id, or none, when no turn is running', () => {
    const r = interactiveJob();
    applyAgentEvent(r, started('t-1'), NOW);
    applyAgentEvent(r, complete('t-1', 'first'), NOW);
    const before = structuredClone(r);
    expect(applyAgentEvent(r, complete('t-unknown', 'stray'), NOW)).toBe(false);
    expect(applyAgentEvent(r, { kind: 'turn_failed', turnId: 't-unknown', error: 'boom', errorKind: 'other' }, NOW)).toBe(false);
    expect(applyAgentEvent(r, { kind: 'turn_aborted', turnId: 't-unknown', reason: 'interrupted' }, NOW)).toBe(false);
    expect(applyAgentEvent(r, { kind: 'turn_aborted', turnId: null, reason: 'interrupted' }, NOW)).toBe(false);
    expect(applyAgentEvent(r, { kind: 'turn_completed', turnId: null, message: 'stray' }, NOW)).toBe(false);
    expect(r).toEqual(before);
  });

  it('a turn end for a turn that already ended', () => {
    const r = interactiveJob();
    applyAgentEvent(r, started('t-1'), NOW);
    applyAgentEvent(r, { kind: 'turn_aborted', turnId: 't-1', reason: 'interrupted' }, NOW);
    const before = structuredClone(r);
    expect(applyAgentEvent(r, complete('t-1', 'late'), NOW)).toBe(false);
    expect(applyAgentEvent(r, { kind: 'turn_failed', turnId: 't-1', error: MSG_CTX, errorKind: 'context_window' }, NOW)).toBe(false);
    expect(r).toEqual(before);
  });

  it('thread_started once the thread is known', () => {
    const r = interactiveJob();
    expect(applyAgentEvent(r, { kind: 'thread_started', threadId: THREAD }, NOW)).toBe(true);
    expect(applyAgentEvent(r, { kind: 'thread_started', threadId: '01a20c41-0000-7000-8000-000000000000' }, NOW)).toBe(false);
    expect(r.thread_id).toBe(THREAD);
  });

  it('an info-less token count and events it does not track', () => {
    const r = interactiveJob();
    const before = structuredClone(r);
    expect(applyAgentEvent(r, { kind: 'tokens', total: null, lastContext: null, contextWindow: null }, NOW)).toBe(false);
    expect(applyAgentEvent(r, { kind: 'warning', message: 'Reconnecting... 1/5' }, NOW)).toBe(false);
    expect(r).toEqual(before);
    // A command is tracked only as the last action.
    expect(applyAgentEvent(r, { kind: 'command', command: 'ls', exitCode: 0, output: '' }, NOW)).toBe(true);
    expect(applyAgentEvent(r, { kind: 'command_started', command: 'ls' }, NOW)).toBe(true);
    expect(r).toEqual({ ...before, last_action: { at: NOW, text: '$ ls' } });
  });

  // Only an event that names no turn (an abort without an id) means the running one.
  it('a turn end for an unknown turn id while another turn is running', () => {
    const r = interactiveJob();
    applyAgentEvent(r, started('t-1'), NOW);
    const before = structuredClone(r);
    expect(applyAgentEvent(r, complete('t-other', 'not yours'), NOW)).toBe(false);
    expect(applyAgentEvent(r, { kind: 'turn_aborted', turnId: 't-other', reason: 'interrupted' }, NOW)).toBe(false);
    expect(r).toEqual(before);
  });
});

describe('interactive mode: edge cases', () => {
  const NOW = '2026-11-24T07:00:00.000Z';
  const LATER = '2026-11-24T07:05:00.000Z';

  it('a new turn_started closes a turn that never ended as aborted, and clears a blocked screen', () => {
    const r = threadedJob();
    r.turn_state = 'blocked';
    r.blocked_screen = '› Trust this folder?';
    expect(applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: 258400 }, NOW)).toBe(true);
    expect(r.blocked_screen).toBeNull();
    expect(r.turn_state).toBe('working');
    expect(r.tokens).toEqual({ input: 0, cached_input: 0, output: 0, reasoning_output: 0, last_context: null, context_window: 258400 });
    expect(applyAgentEvent(r, { kind: 'turn_started', turnId: 't-2', contextWindow: null }, LATER)).toBe(true);
    expect(r.turns).toEqual([
      turn({ n: 1, turn_id: 't-1', status: 'aborted', started_at: NOW, completed_at: LATER, error: 'superseded by a new turn' }),
      turn({ n: 2, turn_id: 't-2', status: 'running', started_at: LATER }),
    ]);
    expect(r).toMatchObject({ status: 'running', turn_state: 'working', last_activity_at: LATER });
  });

  it('turn_aborted without a turn id aborts the running turn', () => {
    const r = threadedJob();
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: null }, NOW);
    expect(applyAgentEvent(r, { kind: 'turn_aborted', turnId: null, reason: 'interrupted' }, LATER)).toBe(true);
    expect(r.turns).toEqual([turn({ n: 1, turn_id: 't-1', status: 'aborted', started_at: NOW, completed_at: LATER, error: 'interrupted' })]);
    expect(r).toMatchObject({ status: 'running', turn_state: 'idle', error: null, error_kind: null });
  });

  it('a completed turn without a final message keeps the last one seen', () => {
    const r = threadedJob();
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: null }, NOW);
    applyAgentEvent(r, { kind: 'agent_message', text: 'partial answer' }, NOW);
    applyAgentEvent(r, { kind: 'turn_completed', turnId: 't-1', message: null }, LATER);
    expect(r.turns[0]).toMatchObject({ status: 'completed', last_message: 'partial answer' });
    expect(r.last_message).toBe('partial answer');
  });

  it('a final message replaces the last one seen, on the turn and the job', () => {
    const r = threadedJob();
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: null }, NOW);
    applyAgentEvent(r, { kind: 'agent_message', text: 'partial answer' }, NOW);
    applyAgentEvent(r, { kind: 'turn_completed', turnId: 't-1', message: 'final answer' }, LATER);
    expect(r.turns[0]).toMatchObject({ status: 'completed', last_message: 'final answer' });
    expect(r.last_message).toBe('final answer');
  });

  it('a failed turn that is not about the context window leaves the job idle, with the error kind', () => {
    const r = threadedJob();
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: null }, NOW);
    const [failed] = fromRolloutEvent({
      kind: 'task_complete',
      turnId: 't-1',
      lastAgentMessage: null,
      durationMs: 10,
      error: { code: 'http_connection_failed', httpStatus: 401, message: 'unexpected status 401 Unauthorized' },
    });
    expect(applyAgentEvent(r, failed!, LATER)).toBe(true);
    expect(r.turns[0]).toMatchObject({ status: 'failed', completed_at: LATER, error: 'unexpected status 401 Unauthorized', error_kind: 'unauthorized' });
    // The agent stays open: the job is still running, and not completed.
    expect(r).toMatchObject({ turn_state: 'idle', error: 'unexpected status 401 Unauthorized', error_kind: 'unauthorized', status: 'running', completed_at: null });
  });

  it('a failed turn without a message uses the error code as the message', () => {
    const r = threadedJob();
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: null }, NOW);
    const [failed] = fromRolloutEvent({ kind: 'task_complete', turnId: 't-1', lastAgentMessage: null, durationMs: 10, error: { code: 'internal_server_error' } });
    applyAgentEvent(r, failed!, LATER);
    expect(r.turns[0]).toMatchObject({ status: 'failed', error: 'internal_server_error', error_kind: 'server_error' });
  });

  it('file changes are recorded once each', () => {
    const r = threadedJob();
    const ev: AgentEvent = { kind: 'file_change', changes: [{ path: '/tmp/rec/w2/a.txt', kind: 'add' }] };
    expect(applyAgentEvent(r, ev, NOW)).toBe(true);
    expect(applyAgentEvent(r, ev, NOW)).toBe(false);
    expect(applyAgentEvent(r, { kind: 'file_change', changes: [{ path: '/tmp/rec/w2/a.txt', kind: 'update' }, { path: '/tmp/rec/w2/b.txt', kind: 'delete' }] }, NOW)).toBe(true);
    expect(r.files_modified).toEqual(['/tmp/rec/w2/a.txt', '/tmp/rec/w2/b.txt']);
    // The last action names the newest path that was not changed before, relative to the job's folder.
    expect(r.last_action).toEqual({ at: NOW, text: 'delete b.txt' });
  });

  it('each user message is counted and is activity, turn or no turn', () => {
    const r = threadedJob();
    expect(applyAgentEvent(r, { kind: 'user_message' }, NOW)).toBe(true);
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: null }, NOW);
    expect(applyAgentEvent(r, { kind: 'user_message' }, LATER)).toBe(true);
    expect(r).toMatchObject({ user_messages: 2, last_activity_at: LATER });
    expect(r.turns).toHaveLength(1);
  });

  it('a turn that ends before the thread is known leaves nothing to resume: the job has ended', () => {
    const r = interactiveJob();
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: null }, NOW);
    applyAgentEvent(r, { kind: 'turn_completed', turnId: 't-1', message: 'hi' }, LATER);
    expect(r).toMatchObject({ status: 'running', turn_state: 'ended', end_reason: NOTHING_TO_RESUME });
    expect(nextTurn(r, 0)).toMatchObject({ kind: 'turn', exitCode: 0 });
    // Ended is final: the agent starting another turn does not reopen it.
    expect(applyAgentEvent(r, { kind: 'turn_started', turnId: 't-2', contextWindow: null }, LATER)).toBe(false);
    expect(r.turns).toHaveLength(1);
  });

  it('a context-limit failure leaves the job at its context limit until the next turn starts', () => {
    const r = threadedJob();
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: null }, NOW);
    applyAgentEvent(r, { kind: 'turn_failed', turnId: 't-1', error: MSG_CTX, errorKind: 'context_window' }, NOW);
    expect(r).toMatchObject({ status: 'running', turn_state: 'context_limit', error: MSG_CTX, error_kind: 'context_window' });
    expect(nextTurn(r, 0)).toMatchObject({ kind: 'turn', exitCode: 5 });
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-2', contextWindow: null }, LATER);
    expect(r).toMatchObject({ turn_state: 'working', error: null, error_kind: null });
  });

  // `kill` marks the job cancelled (final) before it signals anything; the runner may still apply
  // the rollout records Codex wrote meanwhile. Nothing of it may bring a final job back.
  it('a turn Codex starts after the job was cancelled does not reopen it', () => {
    const r = threadedJob();
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: null }, NOW);
    cancelledByUser(r, 'killed by user', NOW);
    expect(applyAgentEvent(r, { kind: 'turn_started', turnId: 't-2', contextWindow: 258400 }, LATER)).toBe(false);
    // The end Codex writes for the turn the kill aborted changes nothing either.
    expect(applyAgentEvent(r, { kind: 'turn_completed', turnId: 't-1', message: 'late' }, LATER)).toBe(false);
    expect(applyAgentEvent(r, { kind: 'turn_aborted', turnId: 't-1', reason: 'interrupted' }, LATER)).toBe(false);
    expect(r).toMatchObject({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user', tokens: null });
    expect(r.turns).toEqual([turn({ n: 1, turn_id: 't-1', status: 'aborted', started_at: NOW, completed_at: NOW, error: 'killed by user' })]);
    // The turn the kill aborted is handed out once; then the job says it has ended.
    expect(nextTurn(r, 1)).toMatchObject({ kind: 'turn', turn: { n: 1, status: 'aborted' }, exitCode: 4 });
    r.consumed_turns = 1;
    expect(nextTurn(r, 1)).toMatchObject({ kind: 'ended' });
  });

  it('a turn Codex starts after /quit ended the job does not reopen it', () => {
    const r = threadedJob();
    applyAgentEvent(r, { kind: 'turn_started', turnId: 't-1', contextWindow: null }, NOW);
    applyAgentEvent(r, { kind: 'turn_completed', turnId: 't-1', message: 'done' }, NOW);
    ended(r, 'closed by /quit', NOW);
    const closed = structuredClone(r);
    expect(applyAgentEvent(r, { kind: 'turn_started', turnId: 't-2', contextWindow: null }, LATER)).toBe(false);
    expect(r).toEqual(closed);
    expect(r).toMatchObject({ status: 'completed', turn_state: 'ended', end_reason: 'closed by /quit' });
  });
});

describe('tokens', () => {
  const NOW = '2026-11-24T07:00:00.000Z';

  it('a count with only the window keeps the totals and the last request', () => {
    const r = foldRollout(interactiveJob(), rolloutLines('tui-session'));
    expect(applyAgentEvent(r, { kind: 'tokens', total: null, lastContext: null, contextWindow: 128000 }, NOW)).toBe(true);
    expect(r.tokens).toEqual({ input: 32419, cached_input: 16209, output: 166, reasoning_output: 24, last_context: 11794, context_window: 128000 });
  });

  it('totals alone keep the last request and the window', () => {
    const r = foldRollout(interactiveJob(), rolloutLines('tui-session'));
    expect(applyAgentEvent(r, { kind: 'tokens', total: { input: 1, cachedInput: 2, output: 3, reasoningOutput: 4 }, lastContext: null, contextWindow: null }, NOW)).toBe(true);
    expect(r.tokens).toEqual({ input: 1, cached_input: 2, output: 3, reasoning_output: 4, last_context: 11794, context_window: 258400 });
  });

  it("one run's counts (perRun) add up across follow-ups; running totals still replace them", () => {
    // Gemini's result reports the usage of its own run: the recorded first run, then its resume.
    const r = makeRecord();
    for (const name of ['say', 'resume']) {
      const parse = geminiExecParser();
      const lines = readFileSync(new URL(`../fixtures/gemini/${name}.jsonl`, import.meta.url), 'utf8').split('\n').filter(Boolean);
      for (const ev of lines.flatMap((l) => parse(l))) if (ev.kind === 'tokens') applyAgentEvent(r, ev, NOW);
    }
    expect(r.tokens).toEqual({ input: 263 + 324, cached_input: 0, output: 27 + 26, reasoning_output: 0, last_context: null, context_window: null });
    expect(applyAgentEvent(r, { kind: 'tokens', total: { input: 10, cachedInput: 1, output: 2, reasoningOutput: 3 }, lastContext: null, contextWindow: null, perRun: true }, NOW)).toBe(true);
    expect(r.tokens).toMatchObject({ input: 597, cached_input: 1, output: 55, reasoning_output: 3 });
    // Codex sends the thread's running totals: they replace, never add.
    applyAgentEvent(r, { kind: 'tokens', total: { input: 1000, cachedInput: 0, output: 9, reasoningOutput: 0 }, lastContext: null, contextWindow: null }, NOW);
    expect(r.tokens).toMatchObject({ input: 1000, cached_input: 0, output: 9, reasoning_output: 0 });
  });

  it('a first count that holds only the last request starts the totals at zero', () => {
    const r = makeRecord();
    expect(applyAgentEvent(r, { kind: 'tokens', total: null, lastContext: 9048, contextWindow: null }, NOW)).toBe(true);
    expect(r.tokens).toEqual({ input: 0, cached_input: 0, output: 0, reasoning_output: 0, last_context: 9048, context_window: null });
  });
});

describe('contextUsedPct and relativeFiles', () => {
  it.each([
    [null, null],
    [{ input: 1, cached_input: 0, output: 1, reasoning_output: 0, last_context: null, context_window: 1000 }, null],
    [{ input: 1, cached_input: 0, output: 1, reasoning_output: 0, last_context: 10, context_window: null }, null],
    [{ input: 1, cached_input: 0, output: 1, reasoning_output: 0, last_context: 10, context_window: 0 }, null],
    [{ input: 1, cached_input: 0, output: 1, reasoning_output: 0, last_context: 0, context_window: 1000 }, 0],
    [{ input: 1, cached_input: 0, output: 1, reasoning_output: 0, last_context: 129200, context_window: 258400 }, 50],
    [{ input: 1, cached_input: 0, output: 1, reasoning_output: 0, last_context: 1, context_window: 3 }, 33.3],
  ])('%j -> %j', (tokens, pct) => {
    expect(contextUsedPct(tokens)).toBe(pct);
  });

  it('makes paths under cwd relative and leaves others alone', () => {
    const r = makeRecord({
      cwd: '/tmp/rec/w2',
      files_modified: ['/tmp/rec/w2/notes/hello.txt', '/tmp/rec/w2x/sibling.txt', '/etc/hosts', 'already/relative.txt', '/tmp/rec/w2/a/b/c.ts', '/tmp/rec/w2/../outside.txt', '/tmp/rec'],
    });
    expect(relativeFiles(r)).toEqual(['notes/hello.txt', '/tmp/rec/w2x/sibling.txt', '/etc/hosts', 'already/relative.txt', 'a/b/c.ts', '/tmp/rec/w2/../outside.txt', '/tmp/rec']);
  });

  it('the files of a recorded run, relative to its cwd', () => {
    const r = runTurn(runningJob(), 'patch', 0);
    expect(relativeFiles(r)).toEqual(['notes/hello.txt', 'notes/old.txt']);
  });
});
