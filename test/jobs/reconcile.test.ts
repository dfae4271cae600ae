// Reconcile: the pure verdict (assess) over what was seen of a job's processes and its tmux pane,
// and the I/O wrappers against real processes and a real tmux server on a private socket.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContext, type Context } from '../../src/context.js';
import { beginTurn } from '../../src/jobs/lifecycle.js';
import { nextTurn } from '../../src/jobs/next-turn.js';
import { assess, needsCheck, reconcile, reconcileAll, signalName, type Observed, type Verdict } from '../../src/jobs/reconcile.js';
import { pidRunning, refOf, type ProcRef } from '../../src/proc/identity.js';
import type { JobRecord } from '../../src/store/record.js';
import { Tmux } from '../../src/tmux/tmux.js';
import { waitFor } from '../../src/util/wait.js';
import { makeRecord, tempDir } from '../support/store-record.js';

/** Where tmux keeps the socket of `tmux -L name`. */
const tmuxSocketPath = (name: string): string => join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, name);

const CREATED = '2026-11-24T06:00:00.000Z';
const createdMs = Date.parse(CREATED);
const RUNNER: ProcRef = { pid: 100, start: 'boot-a/500' };
const AGENT: ProcRef = { pid: 300, start: 'boot-a/510' };
const AGENT2: ProcRef = { pid: 301, start: 'boot-a/511' };

describe('signalName', () => {
  it.each([
    [9, 'SIGKILL'],
    [15, 'SIGTERM'],
    [1, 'SIGHUP'],
    [2, 'SIGINT'],
    [999, 'signal 999'],
  ])('%i -> %s', (n, name) => {
    expect(signalName(n)).toBe(name);
  });
});

describe('needsCheck', () => {
  it.each<[string, Partial<JobRecord>, boolean]>([
    ['a runner on record', { status: 'running', runner: RUNNER }, true],
    ['a finished job that still names a runner', { status: 'completed', runner: RUNNER }, true],
    ['pending, no runner yet', { status: 'pending', runner: null }, true],
    ['running on record but no runner (idle interactive closed)', { status: 'running', runner: null }, false],
    ['completed, idle', { status: 'completed', runner: null }, false],
    ['failed', { status: 'failed', runner: null }, false],
    ['cancelled', { status: 'cancelled', runner: null }, false],
  ])('%s -> %s', (_name, o, expected) => {
    expect(needsCheck(makeRecord(o))).toBe(expected);
  });
});

describe('assess (pure)', () => {
  const obs = (o: Partial<Observed> = {}): Observed => ({
    runner: 'running',
    runnerFromEarlierBoot: false,
    pane: { kind: 'running', pid: RUNNER.pid },
    liveAgents: [],
    ...o,
  });
  const withRunner = (o: Partial<JobRecord> = {}) => makeRecord({ created_at: CREATED, status: 'running', runner: RUNNER, agent_procs: [AGENT], ...o });
  const lost = (cause: 'runner' | 'infrastructure', reason: string, reap: ProcRef[]): Verdict => ({ kind: 'lost', cause, reason, reap });

  const cases: [string, JobRecord, Observed, number, Verdict][] = [
    ['the runner runs as its pane’s program', withRunner(), obs(), 0, { kind: 'ok' }],
    ['a runner of an old record (no start kept) that is its pane’s program', withRunner({ runner: { pid: 100, start: null } }), obs({ runner: 'unverifiable' }), 0, { kind: 'ok' }],
    ['the agent may die under a live runner: that is the runner’s to report', withRunner(), obs({ liveAgents: [] }), 0, { kind: 'ok' }],
    [
      'the pane died by a signal',
      withRunner(),
      obs({ runner: 'gone', pane: { kind: 'dead', pid: 100, status: null, signal: 9 } }),
      0,
      lost('runner', 'the runner (pid 100) was killed by SIGKILL', []),
    ],
    [
      'the pane’s program exited with a status',
      withRunner(),
      obs({ runner: 'gone', pane: { kind: 'dead', pid: 100, status: 3, signal: null } }),
      0,
      lost('runner', 'the runner (pid 100) exited (status 3) without closing the job', []),
    ],
    [
      'the pane died and tmux knows no status',
      withRunner(),
      obs({ runner: 'gone', pane: { kind: 'dead', pid: 100, status: null, signal: null } }),
      0,
      lost('runner', 'the runner (pid 100) died without closing the job', []),
    ],
    [
      'the session was closed, the agent still runs: it is reaped',
      withRunner({ agent_procs: [AGENT, AGENT2] }),
      obs({ runner: 'gone', pane: { kind: 'missing' }, liveAgents: [AGENT, AGENT2] }),
      0,
      lost('runner', 'its tmux session codex-agent-abcd1234 was closed from outside and the runner (pid 100) is gone; the agent (pid 300, 301) still ran and was stopped', [AGENT, AGENT2]),
    ],
    [
      'a headless runner (its pane runs another program) is reaped with the agent',
      withRunner(),
      obs({ runner: 'running', pane: { kind: 'running', pid: 222 }, liveAgents: [AGENT] }),
      0,
      lost('runner', 'the runner (pid 100) is gone (that pid is not the program of its tmux pane any more); the agent (pid 300) still ran and was stopped', [RUNNER, AGENT]),
    ],
    [
      'a reused pid in the pane is not the runner',
      withRunner(),
      obs({ runner: 'gone', pane: { kind: 'running', pid: 100 } }),
      0,
      lost('runner', 'the runner (pid 100) died without closing the job', []),
    ],
    [
      'a dead pane whose program was another process',
      withRunner(),
      obs({ runner: 'gone', pane: { kind: 'dead', pid: 222, status: 1, signal: null } }),
      0,
      lost('runner', 'the runner (pid 100) is gone (that pid is not the program of its tmux pane any more)', []),
    ],
    [
      'the runner runs but its pane is dead: not the job’s runner any more, reaped',
      withRunner(),
      obs({ runner: 'running', pane: { kind: 'dead', pid: 100, status: 0, signal: null } }),
      0,
      lost('runner', 'the runner (pid 100) exited (status 0) without closing the job', [RUNNER]),
    ],
    [
      'no tmux server',
      withRunner(),
      obs({ runner: 'gone', pane: { kind: 'no-server' } }),
      0,
      lost('infrastructure', 'the tmux server went away (killed, crashed or restarted): the runner (pid 100) is gone', []),
    ],
    [
      'no tmux server, the agent survived it',
      withRunner(),
      obs({ runner: 'gone', pane: { kind: 'no-server' }, liveAgents: [AGENT] }),
      0,
      lost('infrastructure', 'the tmux server went away (killed, crashed or restarted): the runner (pid 100) is gone; the agent (pid 300) still ran and was stopped', [AGENT]),
    ],
    [
      'the machine restarted (before anything about tmux)',
      withRunner(),
      obs({ runner: 'gone', runnerFromEarlierBoot: true, pane: { kind: 'no-server' } }),
      0,
      lost('infrastructure', 'the machine restarted: the runner (pid 100) and the agent are gone', []),
    ],
    ['pending within the start grace', makeRecord({ created_at: CREATED, status: 'pending' }), obs({ runner: null, pane: { kind: 'missing' } }), 59_000, { kind: 'ok' }],
    [
      'pending past the start grace',
      makeRecord({ created_at: CREATED, status: 'pending' }),
      obs({ runner: null, pane: { kind: 'missing' } }),
      61_000,
      lost('runner', 'the runner never started', []),
    ],
    [
      'pending past the grace, an agent it left is reaped',
      makeRecord({ created_at: CREATED, status: 'pending', agent_procs: [AGENT] }),
      obs({ runner: null, pane: { kind: 'missing' }, liveAgents: [AGENT] }),
      61_000,
      lost('runner', 'the runner never started', [AGENT]),
    ],
    ['no runner and not pending: nothing to say', makeRecord({ created_at: CREATED, status: 'running' }), obs({ runner: null, pane: { kind: 'missing' } }), 10_000_000, { kind: 'ok' }],
    ['idle and finished', makeRecord({ created_at: CREATED, status: 'completed', turn_state: 'idle' }), obs({ runner: null, pane: { kind: 'no-server' } }), 10_000_000, { kind: 'ok' }],
  ];

  it.each(cases)('%s', (_name, r, o, afterMs, verdict) => {
    const before = structuredClone(r);
    expect(assess(r, o, createdMs + afterMs)).toEqual(verdict);
    expect(r).toEqual(before);
  });
});

// ---- I/O: real processes, a real tmux server on a private socket ----

const socket = `ca-reconcile-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;
const tmux = new Tmux({ socket });
const noServer = `${socket}-none`;
let tmp: { dir: string; cleanup: () => void };
let ctx: Context;
const strays: number[] = [];
let seq = 0;

beforeAll(async () => {
  // A session that keeps the server up whatever the tests close.
  await tmux.newSession('keeper', { cwd: tmpdir(), argv: ['sleep', '3600'] });
});
afterAll(async () => {
  await tmux.killServer().catch(() => false);
  // tmux leaves its socket file behind after kill-server.
  rmSync(tmuxSocketPath(socket), { force: true });
});
beforeEach(() => {
  tmp = tempDir('codex-agent-reconcile-');
  ctx = createContext({ CODEX_AGENT_HOME: join(tmp.dir, 'state'), CODEX_AGENT_TMUX_SOCKET: socket });
});
afterEach(() => {
  for (const pid of strays.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  tmp.cleanup();
});

const nextId = (): string => `e0e0${String(++seq).padStart(4, '0')}`;

/** A job session whose program is `argv`, kept after it exits; returns the program's ref. */
async function paneRunner(id: string, argv: string[]): Promise<ProcRef> {
  const session = `codex-agent-${id}`;
  await tmux.newSession(session, { cwd: tmpdir(), argv, remainOnExit: true });
  const pane = (await tmux.panes())?.get(session);
  if (pane?.kind !== 'running') throw new Error(`no running pane for ${session}: ${JSON.stringify(pane)}`);
  const ref = refOf(pane.pid);
  if (!ref) throw new Error(`pane program ${pane.pid} is gone`);
  return ref;
}

/**
 * Until tmux shows the pane dead with how its program ended. tmux marks a pane dead when its
 * terminal closes and learns the exit status from SIGCHLD; tmux 3.3 was seen to hold that status
 * until another of its children exits, so a throwaway session is started and ends to deliver it.
 */
async function paneDead(id: string): Promise<void> {
  let nudges = 0;
  await waitFor(async () => {
    const pane = (await tmux.panes())?.get(`codex-agent-${id}`);
    if (pane?.kind !== 'dead') return false;
    if (pane.status !== null || pane.signal !== null) return true;
    await tmux.newSession(`nudge-${id}-${++nudges}`, { cwd: tmpdir(), argv: ['sh', '-c', 'exit 0'] });
    return false;
  }, {
    timeoutMs: 15_000,
    label: `pane of ${id} to die`,
    describe: async () => JSON.stringify((await tmux.panes())?.get(`codex-agent-${id}`)),
  });
}

/** A detached long-running process standing in for an agent (or a runner outside its pane). */
function stray(): ProcRef {
  const child = spawn('sleep', ['3600'], { detached: true, stdio: 'ignore' });
  child.unref();
  strays.push(child.pid!);
  const ref = refOf(child.pid!);
  if (!ref) throw new Error('stray process is gone');
  return ref;
}

/** A job mid-turn, stored, whose runner is `runner`. */
function storeRunning(id: string, runner: ProcRef | null, o: Partial<JobRecord> = {}): JobRecord {
  const r = makeRecord({ id, tmux_socket: socket, status: 'running', turn_state: 'working', runner, thread_id: '01a20c40-db1c-7b82-ab74-4b787968ea3d', ...o });
  beginTurn(r, new Date().toISOString());
  ctx.store.create(r, 'p');
  return ctx.store.read(id);
}

describe('reconcile against real processes and tmux', () => {
  it('a runner that is its pane’s program is alive: the record is returned as it is', async () => {
    const id = nextId();
    const runner = await paneRunner(id, ['sleep', '3600']);
    const r = storeRunning(id, runner);
    const out = await reconcile(ctx, r);
    expect(out).toBe(r);
    expect(ctx.store.read(id)).toEqual(r);
  });

  it('a runner killed by a signal: the job fails with that reason, the turn too, and stays resumable', async () => {
    const id = nextId();
    const runner = await paneRunner(id, ['sleep', '3600']);
    const r = storeRunning(id, runner);
    process.kill(runner.pid, 'SIGKILL');
    await paneDead(id);
    const out = await reconcile(ctx, r);
    const reason = `the runner (pid ${runner.pid}) was killed by SIGKILL`;
    expect(out).toMatchObject({ status: 'failed', error: reason, error_kind: 'runner', end_reason: reason, runner: null, agent_procs: [], turn_state: 'idle' });
    expect(out.turns[0]).toMatchObject({ status: 'failed', error: reason, error_kind: 'runner' });
    expect(ctx.store.read(id)).toEqual(out);
    expect(nextTurn(out, 0)).toMatchObject({ kind: 'turn', exitCode: 4 });
    // Reconciled once, it needs no second look.
    expect(needsCheck(out)).toBe(false);
    expect(await reconcile(ctx, out)).toBe(out);
  });

  it('a runner that exited with a status, and an orphaned agent that is stopped', async () => {
    const id = nextId();
    const runner = await paneRunner(id, ['sh', '-c', 'read x; exit 3']);
    const agent = stray();
    const r = storeRunning(id, runner, { agent_procs: [agent] });
    await tmux.sendKeys(`codex-agent-${id}`, ['Enter']);
    await paneDead(id);
    const out = await reconcile(ctx, r);
    expect(out.error).toBe(`the runner (pid ${runner.pid}) exited (status 3) without closing the job; the agent (pid ${agent.pid}) still ran and was stopped`);
    expect(out).toMatchObject({ status: 'failed', error_kind: 'runner', agent_procs: [], runner: null });
    expect(pidRunning(agent.pid)).toBe(false);
  });

  it('a session closed from outside', async () => {
    const id = nextId();
    const runner = await paneRunner(id, ['sleep', '3600']);
    const r = storeRunning(id, runner);
    await tmux.killSession(`codex-agent-${id}`);
    await waitFor(() => !pidRunning(runner.pid), { timeoutMs: 15_000, label: 'pane program to end', describe: () => `pid ${runner.pid}` });
    const out = await reconcile(ctx, r);
    expect(out).toMatchObject({ status: 'failed', error_kind: 'runner', error: `its tmux session codex-agent-${id} was closed from outside and the runner (pid ${runner.pid}) is gone` });
  });

  it('no tmux server on the job’s socket: infrastructure, and a runner still running outside it is reaped', async () => {
    const id = nextId();
    const headless = stray();
    const r = storeRunning(id, headless, { tmux_socket: noServer });
    const out = await reconcile(ctx, r);
    expect(out).toMatchObject({
      status: 'failed',
      error_kind: 'infrastructure',
      error: `the tmux server went away (killed, crashed or restarted): the runner (pid ${headless.pid}) is gone`,
      runner: null,
    });
    expect(pidRunning(headless.pid)).toBe(false);
  });

  it('a pending job past the start grace: the runner never started', async () => {
    const id = nextId();
    ctx.store.create(makeRecord({ id, tmux_socket: socket, created_at: new Date(Date.now() - 5 * 60_000).toISOString() }), 'p');
    const out = await reconcile(ctx, ctx.store.read(id));
    expect(out).toMatchObject({ status: 'failed', error: 'the runner never started', error_kind: 'runner', turn_state: 'idle' });
  });

  it('leaves a record alone that a new runner took over meanwhile', async () => {
    const id = nextId();
    const gone = stray();
    process.kill(gone.pid, 'SIGKILL');
    await waitFor(() => !pidRunning(gone.pid), { timeoutMs: 15_000, label: 'stray to end', describe: () => `pid ${gone.pid}` });
    const stale = storeRunning(id, gone);
    const fresh = await paneRunner(id, ['sleep', '3600']);
    const current = ctx.store.update(id, (d) => {
      d.runner = fresh;
    });
    const out = await reconcile(ctx, stale);
    expect(out).toEqual({ ...current, updated_at: out.updated_at });
    expect(ctx.store.read(id)).toMatchObject({ status: 'running', runner: fresh, error: null });
  });

  it('reconcileAll with write: false shows the true state but writes and kills nothing', async () => {
    const alive = nextId();
    const dead = nextId();
    const aliveRunner = await paneRunner(alive, ['sleep', '3600']);
    const deadRunner = await paneRunner(dead, ['sleep', '3600']);
    const agent = stray();
    const a = storeRunning(alive, aliveRunner);
    const d = storeRunning(dead, deadRunner, { agent_procs: [agent] });
    process.kill(deadRunner.pid, 'SIGTERM');
    await paneDead(dead);

    const [va, vd] = await reconcileAll(ctx, [a, d], { write: false });
    expect(va).toBe(a);
    expect(vd).toMatchObject({ status: 'failed', runner: null, agent_procs: [], error: `the runner (pid ${deadRunner.pid}) was killed by SIGTERM; the agent (pid ${agent.pid}) still ran and was stopped` });
    // Only a view: the record on disk and the orphan are untouched.
    expect(ctx.store.read(dead)).toEqual(d);
    expect(pidRunning(agent.pid)).toBe(true);

    const [wa, wd] = await reconcileAll(ctx, [a, d]);
    expect(wa).toBe(a);
    expect(wd).toMatchObject({ status: 'failed', runner: null, error_kind: 'runner' });
    expect(ctx.store.read(dead)).toEqual(wd);
    expect(pidRunning(agent.pid)).toBe(false);
  });
});
