// A runner stopped from outside: why, from what tmux still shows (stopCause, pure), and what
// recordStop writes (only `kill` cancels; anything else fails the job, resumable).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext, type Context } from '../../src/context.js';
import { agentExited, beginTurn, cancelledByUser } from '../../src/jobs/lifecycle.js';
import { leaveKillNote, removeNotes } from '../../src/store/side-notes.js';
import { RecordWriter } from '../../src/runner/record-writer.js';
import { recordStop, stopCause, type StopCause } from '../../src/runner/stopped.js';
import type { PaneState } from '../../src/tmux/tmux.js';
import { Tmux } from '../../src/tmux/tmux.js';
import { makeRecord, tempDir } from '../support/store-record.js';

const SESSION = 'codex-agent-abcd1234';

describe('stopCause (pure)', () => {
  const panes = (entries: [string, PaneState][]) => new Map(entries);
  it.each<[string, string, Map<string, PaneState> | null | undefined, StopCause]>([
    ['no tmux server any more', 'SIGHUP', null, { kind: 'infrastructure', reason: 'the tmux server went away (the runner got SIGHUP)' }],
    [
      'the server runs, the job’s session is gone',
      'SIGHUP',
      panes([['codex-agent-other', { kind: 'running', pid: 5 }]]),
      { kind: 'runner', reason: `the tmux session ${SESSION} was closed from outside (the runner got SIGHUP)` },
    ],
    ['the server runs with no session at all', 'SIGHUP', panes([]), { kind: 'runner', reason: `the tmux session ${SESSION} was closed from outside (the runner got SIGHUP)` }],
    ['the session is still there: someone signalled the runner', 'SIGTERM', panes([[SESSION, { kind: 'running', pid: 4242 }]]), { kind: 'runner', reason: 'the runner was stopped by SIGTERM' }],
    ['the session is there with a dead pane', 'SIGINT', panes([[SESSION, { kind: 'dead', pid: 4242, status: null, signal: 2 }]]), { kind: 'runner', reason: 'the runner was stopped by SIGINT' }],
    ['tmux could not be asked', 'SIGHUP', undefined, { kind: 'runner', reason: 'the runner was stopped by SIGHUP' }],
  ])('%s', (_name, sig, seen, cause) => {
    expect(stopCause(sig, SESSION, seen)).toEqual(cause);
  });
});

describe('recordStop', () => {
  const socket = `ca-stopped-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;
  const tmux = new Tmux({ socket });
  let tmp: { dir: string; cleanup: () => void };
  let ctx: Context;
  beforeEach(() => {
    tmp = tempDir('codex-agent-stopped-');
    ctx = createContext({ CODEX_AGENT_HOME: join(tmp.dir, 'state'), CODEX_AGENT_TMUX_SOCKET: socket });
  });
  afterEach(() => tmp.cleanup());
  afterAll(async () => {
    await tmux.killServer().catch(() => false);
    // tmux leaves its socket file behind after kill-server.
    rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, socket), { force: true });
  });

  function writer(c: Context, id: string): RecordWriter {
    return new RecordWriter(c.store, id, {
      say: () => undefined,
      onFatal: (err) => {
        throw err;
      },
    });
  }

  function storeWorking(id: string, o: Parameters<typeof makeRecord>[0] = {}) {
    const r = makeRecord({ id, tmux_socket: socket, status: 'running', runner: { pid: 4242, start: 'boot/1' }, agent_procs: [{ pid: 4343, start: 'boot/2' }], thread_id: '01a20c40-db1c-7b82-ab74-4b787968ea3d', ...o });
    beginTurn(r, '2026-11-24T06:00:00.000Z');
    ctx.store.create(r, 'p');
    return r;
  }

  it('no server on the job’s socket: the job fails as infrastructure, resumable', async () => {
    storeWorking('5e000001', { tmux_socket: `${socket}-none` });
    await recordStop(ctx, '5e000001', 'SIGHUP', writer(ctx, '5e000001'), () => undefined);
    const r = ctx.store.read('5e000001');
    expect(r).toMatchObject({
      status: 'failed',
      error: 'the tmux server went away (the runner got SIGHUP)',
      error_kind: 'infrastructure',
      end_reason: 'the tmux server went away (the runner got SIGHUP)',
      runner: null,
      agent_procs: [],
      turn_state: 'idle',
    });
    expect(r.turns[0]).toMatchObject({ status: 'failed', error_kind: 'infrastructure' });
  });

  it('the job’s session still there: the runner was stopped by the signal', async () => {
    await tmux.newSession('codex-agent-5e000002', { cwd: tmpdir(), argv: ['sleep', '3600'] });
    storeWorking('5e000002');
    await recordStop(ctx, '5e000002', 'SIGTERM', writer(ctx, '5e000002'), () => undefined);
    expect(ctx.store.read('5e000002')).toMatchObject({ status: 'failed', error: 'the runner was stopped by SIGTERM', error_kind: 'runner', runner: null });
  });

  it('the server runs but the session is gone: closed from outside', async () => {
    await tmux.newSession('keeper', { cwd: tmpdir(), argv: ['sleep', '3600'] }).catch(() => undefined);
    storeWorking('5e000003');
    await recordStop(ctx, '5e000003', 'SIGHUP', writer(ctx, '5e000003'), () => undefined);
    expect(ctx.store.read('5e000003')).toMatchObject({
      status: 'failed',
      error: 'the tmux session codex-agent-5e000003 was closed from outside (the runner got SIGHUP)',
      error_kind: 'runner',
    });
  });

  it('a job `kill` cancelled first stays cancelled: only its processes are cleared', async () => {
    const r = storeWorking('5e000004', { tmux_socket: `${socket}-none` });
    const cancelled = ctx.store.update(r.id, (d) => cancelledByUser(d, 'killed by user', '2026-11-24T06:01:00.000Z'));
    await recordStop(ctx, r.id, 'SIGTERM', writer(ctx, r.id), () => undefined);
    const after = ctx.store.read(r.id);
    expect(after).toEqual({ ...cancelled, runner: null, agent_procs: [], updated_at: after.updated_at });
  });

  it('a kill that could only leave a note, whose signals reached the agent first: the turn is the user’s abort', async () => {
    const r = storeWorking('5e000005', { tmux_socket: `${socket}-none` });
    const home = ctx.store.layout.home;
    expect(leaveKillNote({ home, id: r.id, reason: 'killed by user', at: '2026-11-24T06:01:00.000Z' })).not.toBeNull();
    try {
      const w = writer(ctx, r.id);
      // The runner saw codex die of the kill's SIGTERM before its own SIGTERM arrived.
      w.update((d) => agentExited(d, { code: null, signal: 'SIGTERM', detail: 'codex (pid 4343) was killed by SIGTERM' }, '2026-11-24T06:01:00.300Z'));
      await recordStop(ctx, r.id, 'SIGTERM', w, () => undefined);
      const after = ctx.store.read(r.id);
      expect(after).toMatchObject({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user', error: null, error_kind: null, runner: null, agent_procs: [] });
      expect(after.turns[0]).toMatchObject({ status: 'aborted', error: 'killed by user' });
    } finally {
      removeNotes(home, r.id);
    }
  });
});
