// kill ends Codex with its whole process tree and the tmux session; nothing is left running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descendants, stillRunning } from '../../src/proc/tree.js';
import { sleep } from '../../src/util/sleep.js';
import { E2E } from '../support/e2e.js';

let e: E2E;
beforeAll(async () => {
  e = await E2E.create('kill');
});
afterAll(async () => {
  await e.dispose();
});

async function waitForBusyCodex(id: string): Promise<number[]> {
  const asked = e.server.requests.length;
  for (let i = 0; i < 200; i++) {
    const r = e.record(id);
    // The runner, Codex's npm launcher and the native Codex it started, asking the model.
    if (r.runner && r.agent_procs.length === 2 && r.thread_id && e.server.requests.length > asked) {
      return [r.runner.pid, ...(await descendants(r.runner.pid))];
    }
    await sleep(50);
  }
  throw new Error(`job ${id} never had a running Codex: ${JSON.stringify(e.record(id))}`);
}

describe('kill', () => {
  it('stops a busy agent: status cancelled, no process left, tmux session gone', async () => {
    const id = await e.start('MOCK:SLEEP 120000 MOCK:SAY never');
    const tree = await waitForBusyCodex(id);
    expect(tree.length).toBeGreaterThanOrEqual(3); // runner, the codex launcher, the native codex
    const k = await e.json<{ status: string; was_active: boolean; survivors: number[] }>(['kill', id]);
    expect(k).toMatchObject({ status: 'cancelled', was_active: true, survivors: [] });
    expect(await stillRunning(tree)).toEqual([]);
    expect((await e.tmux(['has-session', '-t', `=codex-agent-${id}`])).code).not.toBe(0);
    const r = e.record(id);
    expect(r.turns[0]!.status).toBe('aborted');
    expect(r.end_reason).toBe('killed by user');
    const a = await e.cli(['await-turn', id, '--timeout', '5']);
    expect(a.code).toBe(4);
    expect(a.stderr).toMatch(/turn 1 aborted|cancelled/);
    const listed = await e.json<{ jobs: { id: string; status: string }[] }>(['jobs']);
    expect(listed.jobs.find((j) => j.id === id)?.status).toBe('cancelled');
  });

  it('a runner killed behind our back is reported, not left "running"', async () => {
    const id = await e.start('MOCK:SLEEP 120000 MOCK:SAY never');
    const tree = await waitForBusyCodex(id);
    // Another session keeps the tmux server up, so only this session goes.
    await e.tmux(['new-session', '-d', '-s', 'keeper', 'sleep', '300']);
    // Closing the tmux session by hand: the runner takes Codex down with it.
    expect((await e.tmux(['kill-session', '-t', `=codex-agent-${id}`])).code).toBe(0);
    for (let i = 0; i < 100 && (await stillRunning(tree)).length > 0; i++) await sleep(100);
    expect(await stillRunning(tree)).toEqual([]);
    // Closed from outside, not by kill: failed with that reason, and the thread can go on.
    const s = await e.json<{ status: string; turn_state: string; end_reason: string; error_kind: string }>(['status', id]);
    expect(s).toMatchObject({ status: 'failed', turn_state: 'idle', error_kind: 'runner' });
    expect(s.end_reason).toMatch(/tmux session codex-agent-[0-9a-f]{8} was closed from outside/);
    await e.tmux(['kill-session', '-t', '=keeper']);
  });

  it('delete removes a finished job; clean removes old ones and orphaned sessions', async () => {
    const id = await e.start('MOCK:SAY short');
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).code).toBe(0);
    // Idle, so send could still continue it: delete says so unless forced.
    const refused = await e.cli(['delete', id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/send could still continue it.*--force/);
    const del = await e.cli(['delete', id, '--force']);
    expect(del.code, del.stderr).toBe(0);
    expect(e.store.exists(id)).toBe(false);
    expect((await e.cli(['status', id])).code).toBe(3);
    // An orphan: a codex-agent session with no job behind it.
    await e.tmux(['new-session', '-d', '-s', 'codex-agent-0badc0de', 'sleep', '300']);
    const c = await e.json<{ removed_jobs: string[]; kept_idle_jobs: string[]; closed_sessions: string[] }>(['clean', '--days', '0']);
    expect(c.closed_sessions).toContain('codex-agent-0badc0de');
    // The killed job is final and goes; the one closed from outside can still be resumed and stays.
    expect(c.removed_jobs.length).toBe(1);
    expect(c.kept_idle_jobs.length).toBe(1);
    const left = await e.json<{ jobs: { id: string }[] }>(['jobs', '--all']);
    expect(left.jobs.map((j) => j.id)).toEqual(c.kept_idle_jobs);
    const all = await e.json<{ removed_jobs: string[] }>(['clean', '--days', '0', '--include-idle']);
    expect(all.removed_jobs).toEqual(c.kept_idle_jobs);
    expect((await e.json<{ jobs: unknown[] }>(['jobs', '--all'])).jobs).toEqual([]);
  });
});
