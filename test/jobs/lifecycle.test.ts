// Every named transition of src/jobs/lifecycle.ts, on exec and interactive records: what each one
// changes, and that it leaves the rest alone.
import { describe, expect, it } from 'vitest';
import {
  agentExited,
  agentGone,
  agentLaunched,
  agentProcFound,
  approvalAsked,
  approvalSettled,
  beginTurn,
  blocked,
  canResume,
  cancelledByUser,
  closedIdle,
  closeTurn,
  currentTurn,
  ended,
  infrastructureLost,
  isFinal,
  processesLost,
  processesStopped,
  runnerGone,
  runnerIdle,
  runnerStarted,
  type TurnEnd,
} from '../../src/jobs/lifecycle.js';
import { nextTurn } from '../../src/jobs/next-turn.js';
import type { ProcRef } from '../../src/proc/identity.js';
import { isTerminal, recordSchema, type JobRecord, type TurnRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

const T0 = '2026-11-24T06:00:00.000Z';
const T1 = '2026-11-24T06:05:00.000Z';
const T2 = '2026-11-24T06:10:00.000Z';
const THREAD = '01a20c40-db1c-7b82-ab74-4b787968ea3d';
const RUNNER: ProcRef = { pid: 4242, start: 'boot-a/1000' };
const LAUNCHER: ProcRef = { pid: 4300, start: 'boot-a/1010' };
const AGENT: ProcRef = { pid: 4301, start: 'boot-a/1011' };

function turn(n: number, status: TurnRecord['status'], extra: Partial<TurnRecord> = {}): TurnRecord {
  return {
    n,
    turn_id: null,
    status,
    started_at: T0,
    completed_at: status === 'running' ? null : T0,
    last_message: status === 'completed' ? `answer ${n}` : null,
    error: null,
    error_kind: null,
    ...extra,
  };
}

const exec = (o: Partial<JobRecord> = {}): JobRecord => makeRecord({ mode: 'exec', created_at: T0, updated_at: T0, ...o });
const interactive = (o: Partial<JobRecord> = {}): JobRecord => makeRecord({ mode: 'interactive', created_at: T0, updated_at: T0, ...o });

/** An exec job in the middle of its first turn, with a thread, a runner and the agent's processes. */
function execRunning(o: Partial<JobRecord> = {}): JobRecord {
  const r = exec({ status: 'running', turn_state: 'working', started_at: T0, thread_id: THREAD, runner: RUNNER, agent_procs: [LAUNCHER, AGENT], turns: [turn(1, 'running')], ...o });
  return r;
}

/** An interactive job whose agent is open and works on turn 1. */
function interactiveRunning(o: Partial<JobRecord> = {}): JobRecord {
  return interactive({ status: 'running', turn_state: 'working', started_at: T0, thread_id: THREAD, runner: RUNNER, agent_procs: [LAUNCHER, AGENT], turns: [turn(1, 'running', { turn_id: 't-1' })], ...o });
}

/** The fields a transition changed, with their new values. */
function changes(before: JobRecord, after: JobRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(after) as (keyof JobRecord)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = after[k];
  }
  return out;
}

/** Applies `fn` to a copy and returns what it changed; the record must still be schema-valid. */
function diff(r: JobRecord, fn: (d: JobRecord) => void): Record<string, unknown> {
  const d = structuredClone(r);
  fn(d);
  expect(recordSchema.parse(d)).toEqual(d);
  return changes(r, d);
}

describe('currentTurn', () => {
  it.each<[string, TurnRecord[], number | undefined]>([
    ['no turns', [], undefined],
    ['the last turn runs', [turn(1, 'completed'), turn(2, 'running')], 2],
    ['the last turn completed', [turn(1, 'completed')], undefined],
    ['the last turn failed', [turn(1, 'failed')], undefined],
    ['the last turn was aborted', [turn(1, 'aborted')], undefined],
    ['only an earlier turn claims to run', [turn(1, 'running'), turn(2, 'completed')], undefined],
  ])('%s', (_name, turns, n) => {
    const r = exec({ turns });
    const t = currentTurn(r);
    expect(t?.n).toBe(n);
    if (n !== undefined) expect(t).toBe(r.turns[n - 1]);
  });
});

describe('isFinal and canResume', () => {
  it.each<[string, Partial<JobRecord>, boolean]>([
    ['pending', { status: 'pending', turn_state: 'starting' }, false],
    ['running, working', { status: 'running', turn_state: 'working' }, false],
    ['completed, idle', { status: 'completed', turn_state: 'idle' }, false],
    ['failed, idle', { status: 'failed', turn_state: 'idle' }, false],
    ['failed, context_limit', { status: 'failed', turn_state: 'context_limit' }, false],
    ['running, blocked', { status: 'running', turn_state: 'blocked' }, false],
    ['completed, ended', { status: 'completed', turn_state: 'ended' }, true],
    ['failed, ended', { status: 'failed', turn_state: 'ended' }, true],
    ['cancelled, ended', { status: 'cancelled', turn_state: 'ended' }, true],
    ['cancelled, even if the turn state says idle', { status: 'cancelled', turn_state: 'idle' }, true],
  ])('isFinal: %s', (_name, o, final) => {
    expect(isFinal(exec(o))).toBe(final);
    expect(isFinal(interactive(o))).toBe(final);
  });

  it.each<[string, Partial<JobRecord>, boolean]>([
    ['no turn yet, no thread', { turns: [], thread_id: null }, true],
    ['a turn and a thread', { turns: [turn(1, 'completed')], thread_id: THREAD }, true],
    ['a turn but no thread', { turns: [turn(1, 'failed')], thread_id: null }, false],
  ])('canResume: %s', (_name, o, resumable) => {
    expect(canResume(exec(o))).toBe(resumable);
  });
});

describe('runnerStarted', () => {
  it('interactive: the session is open, so the job runs and starts, even before a turn', () => {
    const r = interactive({ status: 'pending', turn_state: 'starting', blocked_screen: 'old screen', end_reason: 'closed after inactivity' });
    expect(diff(r, (d) => runnerStarted(d, RUNNER, T1))).toEqual({
      runner: RUNNER,
      status: 'running',
      started_at: T1,
      blocked_screen: null,
      last_activity_at: T1,
      end_reason: null,
    });
  });

  it('interactive, reopened: keeps when it first started, and goes back to starting', () => {
    const r = interactive({ status: 'completed', turn_state: 'idle', started_at: T0, thread_id: THREAD, turns: [turn(1, 'completed')], consumed_turns: 1, end_reason: 'no activity for 60 min' });
    expect(diff(r, (d) => runnerStarted(d, RUNNER, T2))).toEqual({
      runner: RUNNER,
      status: 'running',
      turn_state: 'starting',
      last_activity_at: T2,
      end_reason: null,
    });
  });

  it('exec, first launch: starting, still pending until its first turn begins', () => {
    const r = exec({ status: 'pending', turn_state: 'starting' });
    expect(diff(r, (d) => runnerStarted(d, RUNNER, T1))).toEqual({ runner: RUNNER });
    // A record that said something else before its first turn is put back to starting.
    const odd = exec({ status: 'pending', turn_state: 'idle' });
    expect(diff(odd, (d) => runnerStarted(d, RUNNER, T1))).toEqual({ runner: RUNNER, turn_state: 'starting' });
  });

  it('exec, resumed for a follow-up: only the runner and a cleared end reason', () => {
    const r = exec({ status: 'completed', turn_state: 'idle', thread_id: THREAD, turns: [turn(1, 'completed')], consumed_turns: 1, completed_at: T0, end_reason: 'earlier runner went away' });
    expect(diff(r, (d) => runnerStarted(d, RUNNER, T1))).toEqual({ runner: RUNNER, end_reason: null });
  });
});

describe('agentLaunched and agentProcFound', () => {
  it('agentLaunched tracks the launched processes and forgets the last exit code', () => {
    const r = exec({ status: 'running', exit_code: 1, agent_procs: [{ pid: 7, start: 'boot-a/5' }] });
    expect(diff(r, (d) => agentLaunched(d, [LAUNCHER]))).toEqual({ agent_procs: [LAUNCHER], exit_code: null });
    expect(diff(r, (d) => agentLaunched(d, []))).toEqual({ agent_procs: [], exit_code: null });
  });

  it('agentProcFound adds the program behind the launcher once, by pid', () => {
    const r = exec({ agent_procs: [LAUNCHER] });
    agentProcFound(r, AGENT);
    expect(r.agent_procs).toEqual([LAUNCHER, AGENT]);
    agentProcFound(r, AGENT);
    agentProcFound(r, { pid: AGENT.pid, start: 'boot-a/9999' });
    agentProcFound(r, { pid: LAUNCHER.pid, start: null });
    expect(r.agent_procs).toEqual([LAUNCHER, AGENT]);
  });
});

describe('beginTurn', () => {
  it('opens turn 1 of a new job: running, working, with everything of a previous end cleared', () => {
    const r = exec({ status: 'pending', turn_state: 'starting', blocked_screen: 'x', end_reason: 'y' });
    const before = structuredClone(r);
    const t = beginTurn(r, T1);
    expect(t).toEqual({ n: 1, turn_id: null, status: 'running', started_at: T1, completed_at: null, last_message: null, error: null, error_kind: null });
    expect(r.turns).toEqual([t]);
    expect(r.turns[0]).toBe(t);
    expect(currentTurn(r)).toBe(t);
    expect(changes(before, r)).toEqual({
      turns: [t],
      status: 'running',
      turn_state: 'working',
      started_at: T1,
      end_reason: null,
      blocked_screen: null,
      last_activity_at: T1,
    });
  });

  it('opens the next turn of a failed job: clears the job-level error and completion, keeps started_at', () => {
    const r = exec({
      status: 'failed',
      turn_state: 'idle',
      started_at: T0,
      completed_at: T1,
      thread_id: THREAD,
      error: 'boom',
      error_kind: 'server_error',
      end_reason: 'the runner went away',
      turns: [turn(1, 'failed', { error: 'boom', error_kind: 'server_error' })],
      consumed_turns: 1,
    });
    const t = beginTurn(r, T2, 'turn-2');
    expect(t).toMatchObject({ n: 2, turn_id: 'turn-2', status: 'running', started_at: T2 });
    expect(r).toMatchObject({ status: 'running', turn_state: 'working', started_at: T0, completed_at: null, error: null, error_kind: null, end_reason: null, last_activity_at: T2 });
    // The failed turn keeps its own record.
    expect(r.turns[0]).toEqual(turn(1, 'failed', { error: 'boom', error_kind: 'server_error' }));
  });

  it('closes a turn it never saw end as aborted before opening the next', () => {
    const r = interactiveRunning();
    beginTurn(r, T2, 't-2');
    expect(r.turns.map((t) => [t.n, t.turn_id, t.status, t.completed_at, t.error])).toEqual([
      [1, 't-1', 'aborted', T2, 'superseded by a new turn'],
      [2, 't-2', 'running', null, null],
    ]);
    expect(r).toMatchObject({ status: 'running', turn_state: 'working', completed_at: null, end_reason: null });
  });

  it('an exec job superseding its first turn before any thread is not left ended', () => {
    const r = execRunning({ thread_id: null });
    beginTurn(r, T2);
    expect(r.turns[0]).toMatchObject({ status: 'aborted', error: 'superseded by a new turn' });
    expect(r).toMatchObject({ status: 'running', turn_state: 'working', end_reason: null, completed_at: null });
    expect(isFinal(r)).toBe(false);
  });
});

describe('closeTurn', () => {
  type Case = [name: string, end: TurnEnd, turnFields: Partial<TurnRecord>, execJob: Partial<JobRecord>, interactiveJob: Partial<JobRecord>];
  const cases: Case[] = [
    [
      'completed with its final message',
      { status: 'completed', message: 'All done.' },
      { status: 'completed', completed_at: T1, last_message: 'All done.' },
      { status: 'completed', turn_state: 'idle', completed_at: T1, last_message: 'All done.', last_activity_at: T1 },
      { status: 'running', turn_state: 'idle', completed_at: null, last_message: 'All done.', last_activity_at: T1 },
    ],
    [
      'completed, message unknown: keeps what was seen',
      { status: 'completed' },
      { status: 'completed', completed_at: T1, last_message: 'partial' },
      { status: 'completed', turn_state: 'idle', completed_at: T1, last_message: 'partial' },
      { status: 'running', turn_state: 'idle', completed_at: null, last_message: 'partial' },
    ],
    [
      'completed with a null message: keeps what was seen',
      { status: 'completed', message: null },
      { status: 'completed', last_message: 'partial' },
      { status: 'completed', turn_state: 'idle', last_message: 'partial' },
      { status: 'running', turn_state: 'idle', last_message: 'partial' },
    ],
    [
      'failed on the server',
      { status: 'failed', error: 'unexpected status 503', kind: 'server_error' },
      { status: 'failed', completed_at: T1, error: 'unexpected status 503', error_kind: 'server_error' },
      { status: 'failed', turn_state: 'idle', completed_at: T1, error: 'unexpected status 503', error_kind: 'server_error' },
      { status: 'running', turn_state: 'idle', completed_at: null, error: 'unexpected status 503', error_kind: 'server_error' },
    ],
    [
      'failed on the context window: context_limit',
      { status: 'failed', error: 'out of room', kind: 'context_window' },
      { status: 'failed', error: 'out of room', error_kind: 'context_window' },
      { status: 'failed', turn_state: 'context_limit', error: 'out of room', error_kind: 'context_window' },
      { status: 'running', turn_state: 'context_limit', error: 'out of room', error_kind: 'context_window' },
    ],
    [
      'aborted (interrupted)',
      { status: 'aborted', reason: 'interrupted' },
      { status: 'aborted', completed_at: T1, error: 'interrupted', error_kind: null },
      { turn_state: 'idle', completed_at: T1, error: null, error_kind: null },
      { status: 'running', turn_state: 'idle', completed_at: null, error: null, error_kind: null },
    ],
  ];

  it.each(cases)('exec: %s', (_name, end, turnFields, job) => {
    const r = execRunning({ last_message: 'partial' });
    r.turns[0]!.last_message = 'partial';
    closeTurn(r, r.turns[0]!, end, T1);
    expect(r.turns[0]).toMatchObject({ completed_at: T1, ...turnFields });
    expect(r).toMatchObject({ last_activity_at: T1, completed_at: T1, end_reason: null, ...job });
    expect(currentTurn(r)).toBeUndefined();
    // Processes are the runner's business, not the turn's.
    expect(r).toMatchObject({ runner: RUNNER, agent_procs: [LAUNCHER, AGENT] });
  });

  it.each(cases)('interactive: %s', (_name, end, turnFields, _exec, job) => {
    const r = interactiveRunning({ last_message: 'partial' });
    r.turns[0]!.last_message = 'partial';
    closeTurn(r, r.turns[0]!, end, T1);
    expect(r.turns[0]).toMatchObject({ completed_at: T1, ...turnFields });
    expect(r).toMatchObject({ last_activity_at: T1, end_reason: null, ...job });
    expect(r).toMatchObject({ runner: RUNNER, agent_procs: [LAUNCHER, AGENT] });
  });

  it('does nothing to a turn that already ended', () => {
    const r = execRunning({ turns: [turn(1, 'completed', { completed_at: T0 })], status: 'completed', turn_state: 'idle', completed_at: T0 });
    const before = structuredClone(r);
    closeTurn(r, r.turns[0]!, { status: 'failed', error: 'late', kind: 'other' }, T2);
    expect(r).toEqual(before);
  });

  it('a first turn that ends before any thread leaves nothing to resume: ended, with the reason', () => {
    for (const r of [execRunning({ thread_id: null }), interactiveRunning({ thread_id: null })]) {
      closeTurn(r, r.turns[0]!, { status: 'completed', message: 'hi' }, T1);
      expect(r.turn_state).toBe('ended');
      expect(r.end_reason).toBe('the first turn ended before the agent started a thread; nothing to resume');
      expect(isFinal(r)).toBe(true);
    }
  });

  it('an interactive job already cancelled stays cancelled and ended', () => {
    const r = interactiveRunning({ status: 'cancelled', end_reason: 'killed by user' });
    closeTurn(r, r.turns[0]!, { status: 'completed', message: 'late answer' }, T1);
    expect(r).toMatchObject({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user' });
    expect(r.turns[0]).toMatchObject({ status: 'completed', last_message: 'late answer' });
  });

  it('closes the turn it is given and counts the time of the close as activity', () => {
    const r = interactiveRunning({ last_activity_at: T0 });
    const t = r.turns[0]!;
    closeTurn(r, t, { status: 'aborted', reason: 'interrupted' }, T2);
    expect(t.completed_at).toBe(T2);
    expect(r.last_activity_at).toBe(T2);
  });
});

describe('agentExited', () => {
  const exit = (code: number | null, signal: string | null, detail: string) => ({ code, signal, detail });

  it('after the turn already closed: only the exit code, and no process is tracked any more', () => {
    const r = execRunning();
    closeTurn(r, r.turns[0]!, { status: 'completed', message: 'done' }, T1);
    expect(diff(r, (d) => agentExited(d, exit(0, null, 'codex (pid 4300) exited with code 0'), T2))).toEqual({ exit_code: 0, agent_procs: [] });
  });

  it('a turn left running when the agent was killed fails with how it ended, kind agent', () => {
    const r = execRunning();
    agentExited(r, exit(null, 'SIGKILL', 'codex (pid 4301, launcher 4300) was killed by SIGKILL'), T1);
    expect(r.turns[0]).toMatchObject({ status: 'failed', completed_at: T1, error: 'codex (pid 4301, launcher 4300) was killed by SIGKILL before the turn finished', error_kind: 'agent' });
    expect(r).toMatchObject({
      status: 'failed',
      turn_state: 'idle',
      exit_code: null,
      agent_procs: [],
      error: 'codex (pid 4301, launcher 4300) was killed by SIGKILL before the turn finished',
      error_kind: 'agent',
      completed_at: T1,
      // The runner stays: it goes on with the queue, or leaves.
      runner: RUNNER,
    });
    const next = nextTurn(r, 0);
    expect(next.kind === 'turn' && next.exitCode).toBe(4);
  });

  it('a non-zero exit during the turn fails it', () => {
    const r = interactiveRunning();
    agentExited(r, exit(1, null, 'codex (pid 4300) exited with code 1 (error: boom)'), T1);
    expect(r.turns[0]).toMatchObject({ status: 'failed', error: 'codex (pid 4300) exited with code 1 (error: boom) before the turn finished', error_kind: 'agent' });
    expect(r).toMatchObject({ status: 'running', turn_state: 'idle', exit_code: 1, agent_procs: [] });
  });

  it('a clean exit during the turn aborts it, naming the exit', () => {
    const r = interactiveRunning();
    agentExited(r, exit(0, null, 'codex (pid 4300) exited with code 0'), T1);
    expect(r.turns[0]).toMatchObject({ status: 'aborted', completed_at: T1, error: 'codex (pid 4300) exited with code 0 during the turn', error_kind: null });
    expect(r).toMatchObject({ turn_state: 'idle', exit_code: 0, agent_procs: [], error: null });
  });

  // The exec job's status follows its last turn: once no process runs for it, it must not say
  // "running" (it would be listed as active forever).
  it('exec: a clean exit during the turn, then the runner leaving, leaves no job that claims to run', () => {
    const r = execRunning();
    agentExited(r, exit(0, null, 'codex (pid 4300) exited with code 0'), T1);
    // codex exec exits when its turn is over: an exit with no turn end failed the turn, code 0 or not.
    expect(r.turns[0]).toMatchObject({ status: 'failed', error: 'codex (pid 4300) exited with code 0 before the turn finished', error_kind: 'agent' });
    expect(r).toMatchObject({ status: 'failed', error_kind: 'agent' });
    runnerIdle(r);
    expect(r).toMatchObject({ runner: null, agent_procs: [], turn_state: 'idle' });
    expect(isTerminal(r.status)).toBe(true);
  });
});

describe('runnerIdle', () => {
  it.each<[string, Partial<JobRecord>, JobRecord['turn_state']]>([
    ['after a completed turn: idle', { status: 'completed', turn_state: 'idle', thread_id: THREAD, turns: [turn(1, 'completed')] }, 'idle'],
    ['after a failed turn: idle, resumable', { status: 'failed', turn_state: 'idle', thread_id: THREAD, turns: [turn(1, 'failed')] }, 'idle'],
    ['at the context limit: stays context_limit', { status: 'failed', turn_state: 'context_limit', thread_id: THREAD, turns: [turn(1, 'failed', { error_kind: 'context_window' })] }, 'context_limit'],
    ['no thread after a turn: ended', { status: 'failed', turn_state: 'idle', thread_id: null, turns: [turn(1, 'failed')] }, 'ended'],
    ['cancelled: ended', { status: 'cancelled', turn_state: 'idle', thread_id: THREAD, turns: [turn(1, 'aborted')] }, 'ended'],
  ])('%s', (_name, o, state) => {
    const r = exec({ runner: RUNNER, agent_procs: [AGENT], completed_at: T0, ...o });
    const after = structuredClone(r);
    runnerIdle(after);
    expect(after).toMatchObject({ runner: null, agent_procs: [], turn_state: state });
    // Nothing else: the status and the outcome stay as the turn left them.
    const { runner: _r, agent_procs: _a, turn_state: _t, ...rest } = changes(r, after);
    expect(rest).toEqual({});
  });
});

describe('processesLost and its three causes', () => {
  const REASON = 'the runner (pid 4242) was killed by SIGKILL';

  it.each([
    ['runnerGone', 'runner', runnerGone],
    ['agentGone', 'agent', agentGone],
    ['infrastructureLost', 'infrastructure', infrastructureLost],
  ] as const)('%s fails the running turn and the job with kind %s, and stays resumable', (_name, kind, fn) => {
    const r = execRunning();
    fn(r, REASON, T1);
    expect(r.turns[0]).toMatchObject({ status: 'failed', completed_at: T1, error: REASON, error_kind: kind });
    expect(r).toMatchObject({
      status: 'failed',
      error: REASON,
      error_kind: kind,
      completed_at: T1,
      runner: null,
      agent_procs: [],
      end_reason: REASON,
      turn_state: 'idle',
    });
    expect(isFinal(r)).toBe(false);
    const next = nextTurn(r, 0);
    expect(next.kind === 'turn' && next.exitCode).toBe(4);
    // processesLost with the kind is the same transition.
    const same = execRunning();
    processesLost(same, REASON, kind, T1);
    expect(same).toEqual(r);
  });

  it('an interactive job between turns fails with the reason (nothing ran, but the job did)', () => {
    const r = interactive({ status: 'running', turn_state: 'idle', thread_id: THREAD, runner: RUNNER, agent_procs: [AGENT], turns: [turn(1, 'completed')], consumed_turns: 1 });
    expect(diff(r, (d) => agentGone(d, 'codex (pid 4301) was killed by SIGKILL', T1))).toEqual({
      status: 'failed',
      error: 'codex (pid 4301) was killed by SIGKILL',
      error_kind: 'agent',
      completed_at: T1,
      runner: null,
      agent_procs: [],
      end_reason: 'codex (pid 4301) was killed by SIGKILL',
    });
  });

  it('a pending job whose runner never started fails; with no turn it stays resumable', () => {
    const r = exec({ status: 'pending', turn_state: 'starting' });
    runnerGone(r, 'the runner never started', T1);
    expect(r).toMatchObject({ status: 'failed', error: 'the runner never started', error_kind: 'runner', completed_at: T1, turn_state: 'idle', end_reason: 'the runner never started' });
    expect(r.turns).toEqual([]);
    expect(isFinal(r)).toBe(false);
  });

  it('keeps a finished job’s outcome, only noting why its processes went', () => {
    const r = exec({ status: 'completed', turn_state: 'idle', completed_at: T0, thread_id: THREAD, runner: RUNNER, turns: [turn(1, 'completed')], consumed_turns: 1, last_message: 'answer 1' });
    expect(diff(r, (d) => runnerGone(d, REASON, T1))).toEqual({ runner: null, end_reason: REASON });
  });

  it('keeps context_limit, and the context-window error, so the caller knows to start fresh', () => {
    const r = exec({ status: 'failed', turn_state: 'context_limit', thread_id: THREAD, error: 'out of room', error_kind: 'context_window', runner: RUNNER, turns: [turn(1, 'failed', { error_kind: 'context_window' })], completed_at: T0 });
    expect(diff(r, (d) => infrastructureLost(d, 'the tmux server went away', T1))).toEqual({ runner: null, end_reason: 'the tmux server went away' });
  });

  it('a job without a thread after its first turn is ended: nothing to resume', () => {
    const r = execRunning({ thread_id: null });
    runnerGone(r, REASON, T1);
    expect(r).toMatchObject({ status: 'failed', turn_state: 'ended', end_reason: REASON });
    expect(isFinal(r)).toBe(true);
  });

  it('a cancelled job stays cancelled', () => {
    const r = exec({ status: 'cancelled', turn_state: 'ended', completed_at: T0, end_reason: 'killed by user', runner: RUNNER, agent_procs: [AGENT], thread_id: THREAD, turns: [turn(1, 'aborted')] });
    expect(diff(r, (d) => runnerGone(d, REASON, T1))).toEqual({ runner: null, agent_procs: [], end_reason: REASON });
  });
});

describe('cancelledByUser and processesStopped', () => {
  it('kill: aborts the running turn, cancels the job, final; the processes are still tracked until stopped', () => {
    const r = execRunning();
    cancelledByUser(r, 'killed by user', T1);
    expect(r.turns[0]).toMatchObject({ status: 'aborted', completed_at: T1, error: 'killed by user' });
    expect(r).toMatchObject({ status: 'cancelled', completed_at: T1, end_reason: 'killed by user', turn_state: 'ended', runner: RUNNER, agent_procs: [LAUNCHER, AGENT] });
    expect(isFinal(r)).toBe(true);
    expect(diff(r, processesStopped)).toEqual({ runner: null, agent_procs: [] });
  });

  it('kill of an idle job: no turn to close', () => {
    const r = interactive({ status: 'running', turn_state: 'idle', thread_id: THREAD, runner: RUNNER, turns: [turn(1, 'completed')] });
    expect(diff(r, (d) => cancelledByUser(d, 'killed by user', T1))).toEqual({ status: 'cancelled', completed_at: T1, end_reason: 'killed by user', turn_state: 'ended' });
  });

  it('a runner finishing its turn after kill does not overwrite the cancellation', () => {
    const r = execRunning();
    cancelledByUser(r, 'killed by user', T1);
    const t = r.turns[0]!;
    closeTurn(r, t, { status: 'completed', message: 'late' }, T2);
    agentExited(r, { code: null, signal: 'SIGTERM', detail: 'codex (pid 4300) was killed by SIGTERM' }, T2);
    runnerIdle(r);
    expect(r).toMatchObject({ status: 'cancelled', turn_state: 'ended', completed_at: T1, end_reason: 'killed by user', error: null });
    expect(r.turns[0]).toMatchObject({ status: 'aborted', error: 'killed by user' });
  });

  it('processesStopped changes nothing but the processes', () => {
    const r = execRunning();
    expect(diff(r, processesStopped)).toEqual({ runner: null, agent_procs: [] });
  });
});

describe('blocked', () => {
  it('keeps the screen and marks the job blocked, nothing else', () => {
    const r = interactive({ status: 'running', turn_state: 'starting', runner: RUNNER });
    expect(diff(r, (d) => blocked(d, '› Trust this folder?'))).toEqual({ turn_state: 'blocked', blocked_screen: '› Trust this folder?' });
  });
});

describe('ended (/quit)', () => {
  it('closes a running turn as aborted and completes the job: final', () => {
    const r = interactiveRunning();
    ended(r, 'closed by /quit', T1);
    expect(r.turns[0]).toMatchObject({ status: 'aborted', error: 'closed by /quit', completed_at: T1 });
    expect(r).toMatchObject({ status: 'completed', completed_at: T1, runner: null, agent_procs: [], end_reason: 'closed by /quit', turn_state: 'ended' });
    expect(isFinal(r)).toBe(true);
  });

  it('an idle exec job is completed and ended; a failed one keeps its failure', () => {
    const idle = exec({ status: 'completed', turn_state: 'idle', completed_at: T0, thread_id: THREAD, runner: RUNNER, turns: [turn(1, 'completed')] });
    expect(diff(idle, (d) => ended(d, 'closed by /quit', T1))).toEqual({ runner: null, end_reason: 'closed by /quit', turn_state: 'ended' });
    const failed = exec({ status: 'failed', turn_state: 'idle', completed_at: T0, error: 'x', error_kind: 'other', thread_id: THREAD, runner: RUNNER, turns: [turn(1, 'failed')] });
    expect(diff(failed, (d) => ended(d, 'closed by /quit', T1))).toEqual({ runner: null, end_reason: 'closed by /quit', turn_state: 'ended' });
  });

  it('a pending job is completed', () => {
    const r = exec({ status: 'pending', turn_state: 'starting', runner: RUNNER });
    expect(diff(r, (d) => ended(d, 'closed by /quit', T1))).toEqual({ status: 'completed', completed_at: T1, runner: null, end_reason: 'closed by /quit', turn_state: 'ended' });
  });
});

describe('closedIdle (inactivity timeout)', () => {
  it('an idle interactive agent: completed, no process, and still resumable', () => {
    const r = interactive({ status: 'running', turn_state: 'idle', thread_id: THREAD, runner: RUNNER, agent_procs: [LAUNCHER, AGENT], turns: [turn(1, 'completed')], consumed_turns: 1 });
    const after = structuredClone(r);
    closedIdle(after, 'no activity for 60 min', T1);
    expect(changes(r, after)).toEqual({
      status: 'completed',
      completed_at: T1,
      runner: null,
      agent_procs: [],
      end_reason: 'no activity for 60 min',
    });
    expect(isFinal(after)).toBe(false);
    expect(nextTurn(after, 0).kind).toBe('idle');
  });

  it.each<[string, Partial<JobRecord>, Partial<JobRecord>]>([
    ['at the context limit: stays context_limit', { status: 'running', turn_state: 'context_limit', thread_id: THREAD, turns: [turn(1, 'failed')] }, { status: 'completed', turn_state: 'context_limit' }],
    ['failed: keeps failed', { status: 'failed', turn_state: 'idle', completed_at: T0, thread_id: THREAD, turns: [turn(1, 'failed')] }, { status: 'failed', completed_at: T0, turn_state: 'idle' }],
    ['no thread: ended', { status: 'running', turn_state: 'idle', thread_id: null, turns: [turn(1, 'completed')] }, { status: 'completed', turn_state: 'ended' }],
    ['cancelled meanwhile: ended', { status: 'cancelled', turn_state: 'idle', completed_at: T0, thread_id: THREAD, turns: [turn(1, 'completed')] }, { status: 'cancelled', completed_at: T0, turn_state: 'ended' }],
  ])('%s', (_name, o, expected) => {
    const r = interactive({ runner: RUNNER, ...o });
    closedIdle(r, 'no activity for 60 min', T1);
    expect(r).toMatchObject({ runner: null, agent_procs: [], end_reason: 'no activity for 60 min', ...expected });
  });
});

describe('a whole exec job through the transitions', () => {
  it('start, turn, leave idle, resume with a follow-up, fail on the context window', () => {
    const r = exec({ status: 'pending', turn_state: 'starting' });
    runnerStarted(r, RUNNER, T0);
    beginTurn(r, T0);
    agentLaunched(r, [LAUNCHER]);
    agentProcFound(r, AGENT);
    r.thread_id = THREAD;
    closeTurn(r, currentTurn(r)!, { status: 'completed', message: 'first' }, T1);
    agentExited(r, { code: 0, signal: null, detail: 'codex (pid 4301, launcher 4300) exited with code 0' }, T1);
    runnerIdle(r);
    expect(r).toMatchObject({ status: 'completed', turn_state: 'idle', runner: null, agent_procs: [], exit_code: 0, last_message: 'first' });
    expect(nextTurn(r, 0)).toMatchObject({ kind: 'turn', exitCode: 0 });
    r.consumed_turns = 1;
    expect(nextTurn(r, 0).kind).toBe('idle');

    const second: ProcRef = { pid: 5000, start: 'boot-a/2000' };
    runnerStarted(r, second, T2);
    beginTurn(r, T2);
    closeTurn(r, currentTurn(r)!, { status: 'failed', error: 'out of room', kind: 'context_window' }, T2);
    agentExited(r, { code: 1, signal: null, detail: 'codex (pid 5001) exited with code 1' }, T2);
    runnerIdle(r);
    expect(r).toMatchObject({ status: 'failed', turn_state: 'context_limit', runner: null, error_kind: 'context_window', exit_code: 1 });
    expect(r.turns.map((t) => t.status)).toEqual(['completed', 'failed']);
    expect(nextTurn(r, 0)).toMatchObject({ kind: 'turn', exitCode: 5 });
    expect(recordSchema.parse(r)).toEqual(r);
  });
});

describe('approvalAsked and approvalSettled', () => {
  it('a running turn waits for an approval, then works on; its end rests it as usual', () => {
    const r = interactiveRunning();
    expect(diff(r, (d) => approvalAsked(d, T1))).toEqual({ turn_state: 'awaiting_approval', last_activity_at: T1 });
    const waiting = structuredClone(r);
    approvalAsked(waiting, T1);
    expect(diff(waiting, (d) => approvalSettled(d))).toEqual({ turn_state: 'working' });
    expect(diff(waiting, (d) => closeTurn(d, d.turns[0]!, { status: 'aborted', reason: 'interrupted' }, T2))).toMatchObject({ turn_state: 'idle' });
  });

  it('no running turn, or a final job: nothing waits', () => {
    const idle = interactive({ status: 'running', turn_state: 'idle', thread_id: THREAD, runner: RUNNER, turns: [turn(1, 'completed')] });
    expect(diff(idle, (d) => approvalAsked(d, T1))).toEqual({});
    expect(diff(idle, (d) => approvalSettled(d))).toEqual({});
    const cancelled = interactiveRunning({ status: 'cancelled', turn_state: 'ended' });
    expect(diff(cancelled, (d) => approvalAsked(d, T1))).toEqual({});
  });
});
