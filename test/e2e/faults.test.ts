// Faults users meet when agents run unattended: a runner killed, a pid that now belongs to another
// process, Codex's launcher or Codex itself killed, the tmux server gone, every process gone as
// after a reboot. Each ends in the true state with the real reason, no process left, nothing of
// the record lost, and (where a thread exists) a job that send continues.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refState } from '../../src/proc/identity.js';
import { currentBoot } from '../../src/proc/table.js';
import { stillRunning } from '../../src/proc/tree.js';
import type { JobRecord } from '../../src/store/record.js';
import { sleep } from '../../src/util/sleep.js';
import { E2E, gone, processesOf, type AwaitJson } from '../support/e2e.js';

interface StatusJson {
  status: string;
  turn_state: string;
  error: string | null;
  error_kind: string | null;
  end_reason: string | null;
  runner_running: boolean;
  accepts_follow_up: boolean;
  turn_log: { n: number; status: string; error: string | null }[];
}


let e: E2E;
beforeAll(async () => {
  e = await E2E.create('faults');
});
afterAll(async () => {
  await e.dispose();
});

let tags = 0;

/** Starts a job whose turn waits on the model for two minutes; `marker` tells its requests apart. */
async function startSlow(extra: string[] = []): Promise<{ id: string; marker: string }> {
  const marker = `slow-${++tags}-${process.pid}`;
  return { id: await e.start(`MOCK:SLEEP 120000 MOCK:SAY never ${marker}`, extra), marker };
}

/** Waits (bounded) until the job's Codex is mid-turn: launcher and agent tracked, thread known, model asked. */
async function busy(job: { id: string; marker: string }): Promise<JobRecord> {
  const asked = (): boolean => e.server.requests.some((q) => JSON.stringify(q.body).includes(job.marker));
  for (let i = 0; i < 600; i++) {
    const r = e.record(job.id);
    if (r.runner && r.agent_procs.length === 2 && r.thread_id && r.turns.at(-1)?.status === 'running' && asked()) return r;
    await sleep(50);
  }
  throw new Error(`job ${job.id} never got busy: ${JSON.stringify(e.record(job.id))}`);
}



async function status(id: string): Promise<StatusJson> {
  return e.json<StatusJson>(['status', id]);
}

/** The facts a fault must never take away. */
function kept(before: JobRecord, after: JobRecord): void {
  expect(after).toMatchObject({
    id: before.id,
    thread_id: before.thread_id,
    prompt_head: before.prompt_head,
    cwd: before.cwd,
    sandbox: before.sandbox,
    created_at: before.created_at,
    started_at: before.started_at,
    parent_session: before.parent_session,
  });
  expect(after.turns.length).toBe(before.turns.length);
  expect(after.files_modified).toEqual(expect.arrayContaining(before.files_modified));
  for (const t of before.turns.filter((x) => x.status !== 'running')) expect(after.turns[t.n - 1]).toEqual(t);
}

/** send continues the job: its next turn (after any not yet read) completes on the same thread. */
async function resumes(id: string, turn: number): Promise<void> {
  const thread = e.record(id).thread_id;
  const sent = await e.cli(['send', id, `MOCK:SAY resumed ${id}`]);
  expect(sent.code, sent.stderr).toBe(0);
  let a: AwaitJson = { outcome: '', exit_code: -1, turn: null, message: null, error: null };
  for (let i = 0; i < turn && a.turn !== turn; i++) {
    const res = await e.cli(['await-turn', id, '--timeout', '90', '--json']);
    a = JSON.parse(res.stdout) as AwaitJson;
  }
  expect(a).toMatchObject({ outcome: 'completed', turn, message: `resumed ${id}` });
  expect(e.record(id).thread_id).toBe(thread);
}

describe('runner faults', () => {
  it('a runner SIGKILLed while another job shares the tmux server: failed with the signal, Codex reaped, send resumes', async () => {
    const otherJob = await startSlow();
    const job = await startSlow();
    const { id } = job;
    const other = otherJob.id;
    const before = await busy(job);
    await busy(otherJob);
    const pids = processesOf(before);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    process.kill(before.runner!.pid, 'SIGKILL');
    // await-turn does not wait for a turn nothing runs any more: it reports the failed turn.
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60'], 4);
    expect(a).toMatchObject({ outcome: 'failed', turn: 1 });
    // tmux may not have the pane's exit signal yet when it already reports the pane dead.
    expect(a.error).toMatch(new RegExp(`runner \\(pid ${before.runner!.pid}\\) (was killed by SIGKILL|died without closing the job); the agent \\(pid .*\\) still ran and was stopped`));
    const s = await status(id);
    expect(s).toMatchObject({ status: 'failed', turn_state: 'idle', error_kind: 'runner', runner_running: false, accepts_follow_up: true });
    expect(await gone(pids)).toEqual([]);
    kept(before, e.record(id));
    expect(e.record(id).agent_procs).toEqual([]);
    // The other job on the same server is untouched.
    expect((await status(other)).status).toBe('running');
    await resumes(id, 2);
    expect((await e.cli(['kill', other])).code).toBe(0);
  });

  it('a record whose runner pid now belongs to an unrelated process: not running, and that process is left alone', async () => {
    const id = await e.start('MOCK:SAY done quickly');
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).code).toBe(0);
    for (let i = 0; i < 300 && e.record(id).runner !== null; i++) await sleep(100);
    // As after a reboot that reused the pid: the record names a live pid started at another time.
    const stranger = spawn('sleep', ['300'], { stdio: 'ignore' });
    try {
      const before = e.store.update(id, (r) => {
        r.runner = { pid: stranger.pid!, start: `${currentBoot()}/1` };
        r.status = 'running';
        r.turn_state = 'working';
        r.turns.push({ n: 2, turn_id: null, status: 'running', started_at: new Date().toISOString(), completed_at: null, last_message: null, error: null, error_kind: null });
      });
      const s = await status(id);
      expect(s).toMatchObject({ status: 'failed', error_kind: 'runner', runner_running: false, accepts_follow_up: true });
      expect(s.turn_log[1]).toMatchObject({ n: 2, status: 'failed' });
      expect(s.end_reason).toMatch(new RegExp(`runner \\(pid ${stranger.pid}\\)`));
      expect(stillRunning([stranger.pid!])).toEqual([stranger.pid]);
      kept({ ...before, turns: before.turns.slice(0, 1) }, { ...e.record(id), turns: e.record(id).turns.slice(0, 1) });
      // await-turn reports the failed turn at once, then that nothing more is coming.
      expect((await e.cli(['await-turn', id, '--timeout', '30'])).code).toBe(4);
      expect((await e.cli(['await-turn', id, '--timeout', '30'])).code).toBe(7);
      await resumes(id, 3);
    } finally {
      stranger.kill('SIGKILL');
    }
  });
});

describe('agent faults', () => {
  it("Codex's launcher SIGKILLed, then kill: the native Codex is ended too", async () => {
    const job = await startSlow();
    const { id } = job;
    const before = await busy(job);
    const [launcher, native] = before.agent_procs;
    const pids = processesOf(before);
    process.kill(launcher!.pid, 'SIGKILL');
    for (let i = 0; i < 50 && refState(launcher!) === 'running'; i++) await sleep(100);
    expect(refState(native!)).toBe('running');
    const k = await e.json<{ status: string; was_active: boolean; survivors: number[] }>(['kill', id]);
    expect(k).toMatchObject({ status: 'cancelled', was_active: true, survivors: [] });
    expect(await gone(pids)).toEqual([]);
    expect(refState(native!)).toBe('gone');
    const s = await status(id);
    expect(s).toMatchObject({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user', runner_running: false, accepts_follow_up: false });
    kept(before, e.record(id));
  });

  it('the native Codex SIGKILLed: the turn failed naming the process and the signal; send resumes', async () => {
    const job = await startSlow();
    const { id } = job;
    const before = await busy(job);
    const native = before.agent_procs[1]!;
    const pids = processesOf(before);
    process.kill(native.pid, 'SIGKILL');
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60'], 4);
    expect(a.error).toMatch(new RegExp(`turn 1 failed: codex \\(pid ${native.pid}, launcher ${before.agent_procs[0]!.pid}\\) was killed by SIGKILL before the turn finished`));
    const s = await status(id);
    expect(s).toMatchObject({ status: 'failed', turn_state: 'idle', error_kind: 'agent', accepts_follow_up: true });
    // The reason is the signal, never a stderr line.
    expect(s.error).not.toMatch(/WARNING|PATH aliases|backtrace/);
    expect(await gone(pids)).toEqual([]);
    kept(before, e.record(id));
    await resumes(id, 2);
  });
});

describe('infrastructure faults', () => {
  it('the tmux server killed mid-turn: failed as infrastructure lost, nothing left running, send resumes', async () => {
    const job = await startSlow();
    const { id } = job;
    const before = await busy(job);
    const pids = processesOf(before);
    expect((await e.tmux(['kill-server'])).code).toBe(0);
    expect(await gone(pids)).toEqual([]);
    const s = await status(id);
    expect(s).toMatchObject({ status: 'failed', turn_state: 'idle', error_kind: 'infrastructure', runner_running: false, accepts_follow_up: true });
    expect(s.end_reason).toMatch(/tmux server went away/);
    kept(before, e.record(id));
    await resumes(id, 2);
  });

  it('a reboot (every job process gone at once, the boot changed): both modes failed with the reason, and both resume', async () => {
    const slow = await startSlow();
    const exec = slow.id;
    const tui = await e.start('MOCK:SAY ready', ['--interactive']);
    expect((await e.cli(['await-turn', tui, '--timeout', '60'])).code).toBe(0);
    const before = await busy(slow);
    const tuiBefore = e.record(tui);
    const server = Number((await e.tmux(['display-message', '-p', '#{pid}'])).stdout.trim());
    const pids = [...processesOf(before), ...processesOf(tuiBefore), server];
    // Everything at once, with no chance to clean up: that is what a power cut does.
    for (const p of pids) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    expect(await gone(pids)).toEqual([]);
    // The records as a new boot finds them: written in a boot that is over.
    for (const id of [exec, tui]) {
      e.store.update(id, (r) => {
        for (const ref of [r.runner, ...r.agent_procs]) if (ref?.start) ref.start = `00000000-0000-0000-0000-000000000000/${ref.start.split('/')[1]}`;
      });
    }
    for (const [id, b] of [[exec, before], [tui, tuiBefore]] as const) {
      const s = await status(id);
      expect(s, id).toMatchObject({ status: 'failed', turn_state: 'idle', error_kind: 'infrastructure', runner_running: false, accepts_follow_up: true });
      expect(s.end_reason).toMatch(/the machine restarted/);
      kept(b, e.record(id));
    }
    await resumes(exec, 2);
    // The interactive agent comes back on its thread.
    await resumes(tui, 2);
    expect(e.record(tui).thread_id).toBe(tuiBefore.thread_id);
  });
});
