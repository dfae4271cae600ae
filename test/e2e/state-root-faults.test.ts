// The state root under faults, with the real CLI, real tmux and the real Codex against the
// scripted model: a root that is full when a job starts, full while an exec turn and an
// interactive turn run (then space comes back), read-only (kill still stops everything, and the
// record catches up once it is writable), and a record corrupted while its runner runs. Full and
// read-only roots are small tmpfs mounts: the tests that need them run as root and are skipped,
// with the reason printed, elsewhere.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readLockToken } from '../../src/store/lock.js';
import type { JobRecord } from '../../src/store/record.js';
import { JobStore } from '../../src/store/job-store.js';
import { noteDirs, removeNotes } from '../../src/store/side-notes.js';
import { sleep } from '../../src/util/sleep.js';
import { E2E, gone, processesOf, type AwaitJson } from '../support/e2e.js';
import { Tmpfs, tmpfsProbe } from '../support/tmpfs.js';

const probe = tmpfsProbe();
const noMount = !probe.ok;
if (noMount) console.log(`state-root-faults: skipping the full and read-only state root tests: ${probe.why}`);

/** The mounts this file made, unmounted in afterAll. */
const mounts: Tmpfs[] = [];
function mount(dir: string, size: string): Tmpfs {
  const m = new Tmpfs(dir, size);
  mounts.push(m);
  return m;
}
/** The job state root's own mount (set when mounting works). */
let root: Tmpfs;

// Each test runs dozens of CLI calls, kills with grace periods and waits for runners: next to a
// second e2e run on a loaded 2-core machine one took over 60 s. A bound such a machine meets.
vi.setConfig({ testTimeout: 300_000 });

let e: E2E;
// Every test starts on a writable root with room, whatever a failed one before it left.
beforeEach(() => {
  if (noMount) return;
  root.writable();
  root.free();
});
beforeAll(async () => {
  e = await E2E.create('stateroot');
  if (!noMount) root = mount(e.stateRoot, '4m');
});
afterAll(async () => {
  if (!e) return;
  // Every job killed while its records can be written, then the mounts go, then the rest.
  for (const m of mounts) {
    try {
      m.writable();
    } catch {
      // Not read-only.
    }
    m.free();
  }
  for (const id of e.store.allIds()) await e.cli(['kill', id]).catch(() => undefined);
  await e.tmux(['kill-server']).catch(() => undefined);
  // Notes a failed test left outside the roots (a passing one sees them written and removed).
  for (const m of mounts) for (const id of new JobStore(m.dir).allIds()) removeNotes(m.dir, id);
  for (const m of mounts.reverse()) {
    try {
      m.dispose();
    } catch (err) {
      console.log(`state-root-faults: could not unmount ${m.dir}: ${String(err)}`);
    }
  }
  await e.dispose();
});

interface StatusJson {
  id: string;
  status: string;
  turn_state: string;
  error: string | null;
  error_kind: string | null;
  end_reason: string | null;
  summary: string | null;
  runner_running: boolean;
}

let tags = 0;
/** A prompt the model answers after `ms`, and the marker that finds its request. */
function slow(ms: number, answer: string): { prompt: string; marker: string } {
  const marker = `${answer}-${++tags}-${process.pid}`;
  return { prompt: `MOCK:SLEEP ${ms} MOCK:SAY ${answer} ${marker}`, marker };
}

/** Waits (bounded) until the job's agent is mid-turn: runner and agent tracked, the model asked. */
async function busy(id: string, marker: string): Promise<JobRecord> {
  const asked = (): boolean => e.server.requests.some((q) => JSON.stringify(q.body).includes(marker));
  for (let i = 0; i < 600; i++) {
    const r = e.record(id);
    if (r.runner && r.agent_procs.length > 0 && r.turns.at(-1)?.status === 'running' && asked()) return r;
    await sleep(50);
  }
  throw new Error(`job ${id} never got busy: ${JSON.stringify(e.record(id))}`);
}

async function screen(id: string): Promise<string> {
  return (await e.tmux(['capture-pane', '-p', '-J', '-S', '-500', '-t', `=codex-agent-${id}:`])).stdout;
}

/** Waits (bounded) until the job's pane shows `text`; fails saying what it showed. */
async function paneShows(id: string, text: string | RegExp): Promise<string> {
  let shown = '';
  for (let i = 0; i < 900; i++) {
    shown = await screen(id);
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return shown;
    await sleep(100);
  }
  throw new Error(`the pane of ${id} never showed ${String(text)}; it shows:\n${shown.slice(-2000)}`);
}

async function status(id: string, env?: Record<string, string>): Promise<StatusJson> {
  const res = await e.cli(['status', id, '--json'], { env });
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as StatusJson;
}

/** No 0-byte or stray lock in the job's folder: each lock there names a holder. */
function locksWhole(id: string): void {
  const dir = e.store.layout.jobDir(id);
  for (const name of readdirSync(dir).filter((n) => n.endsWith('lock'))) expect(readLockToken(join(dir, name))).toMatch(/^\d+ \d+ \S+$/);
}

/** One line on stderr, nothing on stdout. */
function oneLine(res: { stdout: string; stderr: string }): string {
  expect(res.stdout).toBe('');
  const lines = res.stderr.split('\n').filter((l) => l !== '');
  expect(lines, res.stderr).toHaveLength(1);
  return lines[0]!;
}

describe('a full state root', () => {
  it.skipIf(noMount)('start on a full 64 KiB root: one line, exit 8, no folder left behind; clean removes crashed creates', async () => {
    const small = mount(join(e.root, 'small-root'), '64k');
    const root = small.dir;
    const env = { CODEX_AGENT_HOME: root };
    small.fill();
    const res = await e.cli(['start', 'MOCK:SAY never runs', '-d', e.workDir], { env });
    expect(res.code).toBe(8);
    expect(oneLine(res)).toBe(`codex-agent: the state root ${root} is full (ENOSPC): the job was not created, and nothing of it was left behind`);
    // No job folder, no half-built folder, nothing indexed, no session.
    expect(readdirSync(join(root, 'jobs'))).toEqual([]);
    expect(readdirSync(join(root, 'index', 'active'))).toEqual([]);
    expect(JSON.parse((await e.cli(['jobs', '--all', '--json'], { env })).stdout).jobs).toEqual([]);
    expect((await e.tmux(['list-sessions', '-F', '#{session_name}'])).stdout).not.toMatch(/codex-agent-/);

    // The folder of a create that crashed before its rename (its process is gone) is invisible, and clean removes it.
    small.free();
    const crashed = join(root, 'jobs', '.creating-deadbeef-999999999-abc123');
    mkdirSync(join(crashed, 'queue'), { recursive: true });
    expect(JSON.parse((await e.cli(['jobs', '--all', '--json'], { env })).stdout).jobs).toEqual([]);
    const cleaned = await e.cli(['clean', '--json'], { env });
    expect(cleaned.code, cleaned.stderr).toBe(0);
    expect(JSON.parse(cleaned.stdout)).toMatchObject({ removed_jobs: [], removed_unfinished_creates: 1 });
    expect(existsSync(crashed)).toBe(false);

    // With room again, the same root takes a job.
    const ok = await e.cli(['start', 'MOCK:SAY room again', '-d', e.workDir], { env });
    expect(ok.code, ok.stderr).toBe(0);
    const id = /^Job started: ([0-9a-f]{8})$/m.exec(ok.stdout)![1]!;
    const a = await e.cli(['await-turn', id, '--timeout', '90', '--json'], { env });
    expect(JSON.parse(a.stdout)).toMatchObject({ outcome: 'completed', message: 'room again' });
  });

  it.skipIf(noMount)('an exec turn running when the root fills: the runner keeps the answer, writes it once space returns; send continues', async () => {
    const { prompt, marker } = slow(3_000, 'exec-full');
    const id = await e.start(prompt);
    await busy(id, marker);
    root.fill();
    try {
      // The turn ends while nothing can be written: the runner says so and holds on.
      await paneShows(id, `✓ turn 1 completed`);
      await paneShows(id, /is full \(ENOSPC\) since \d\d:\d\d:\d\d: what happens is kept in memory/);
      // Commands still answer at once (no 0-byte lock to wait out), from the record as it stands.
      const s = await status(id);
      expect(s).toMatchObject({ status: 'running', runner_running: true });
      locksWhole(id);
      // send cannot queue anything: one line, and nothing is queued.
      const sent = await e.cli(['send', id, 'MOCK:SAY not now']);
      expect(sent.code).toBe(8);
      expect(oneLine(sent)).toMatch(new RegExp(`^codex-agent: the state root ${e.stateRoot} is full \\(ENOSPC\\)`));
      expect(readdirSync(e.store.layout.queueDir(id))).toEqual([]);
    } finally {
      root.free();
    }
    // Space is back: the true state, with the answer.
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '90']);
    expect(a).toMatchObject({ outcome: 'completed', turn: 1, message: `exec-full ${marker}` });
    expect(e.record(id)).toMatchObject({ status: 'completed', turn_state: 'idle', last_message: `exec-full ${marker}` });
    const log = readFileSync(e.store.layout.paneLog(id), 'utf8');
    expect(log).toMatch(new RegExp(`the state root ${e.stateRoot} was full \\(ENOSPC\\) from \\d\\d:\\d\\d:\\d\\d to \\d\\d:\\d\\d:\\d\\d; the record is up to date again`));
    const sent = await e.cli(['send', id, 'MOCK:SAY after the outage']);
    expect(sent.code, sent.stderr).toBe(0);
    expect(await e.json<AwaitJson>(['await-turn', id, '--timeout', '90'])).toMatchObject({ outcome: 'completed', turn: 2, message: 'after the outage' });
  });

  it.skipIf(noMount)('an interactive turn running when the root fills: recorded with its answer once space returns, not "working" forever', async () => {
    const { prompt, marker } = slow(3_000, 'tui-full');
    const id = await e.start(prompt, ['--interactive']);
    const before = await busy(id, marker);
    root.fill();
    try {
      // The TUI shows the answer; the record cannot take it yet.
      await paneShows(id, `tui-full ${marker}`);
      await sleep(1_500);
      expect(e.record(id).turns.at(-1)?.status).toBe('running');
      const s = await status(id);
      expect(s).toMatchObject({ status: 'running', runner_running: true });
      locksWhole(id);
    } finally {
      root.free();
    }
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '90']);
    expect(a).toMatchObject({ outcome: 'completed', turn: 1, message: `tui-full ${marker}` });
    expect(await status(id)).toMatchObject({ status: 'running', turn_state: 'idle', runner_running: true });
    // The same runner throughout: it neither died nor was replaced.
    expect(e.record(id).runner).toEqual(before.runner);
    const k = await e.cli(['kill', id]);
    expect(k.code, k.stderr).toBe(0);
  });

  it.skipIf(noMount)('a runner stopped while the root is full leaves its last words: once space returns the record has the answer and why the runner left', async () => {
    const { prompt, marker } = slow(2_000, 'last-words');
    const id = await e.start(prompt);
    const before = await busy(id, marker);
    root.fill();
    try {
      await paneShows(id, `✓ turn 1 completed`);
      await paneShows(id, /kept in memory/);
      process.kill(before.runner!.pid, 'SIGTERM');
      const shown = await paneShows(id, /what the record still lacks is kept in \S+/);
      const kept = /kept in (\S+), and/.exec(shown)![1]!;
      expect(noteDirs(e.stateRoot).some((d) => kept.startsWith(d))).toBe(true);
      expect(await e.paneDead(id)).toBe(true);
      // Not yet writable: the record on disk still says running, and nothing has been lost.
      expect(e.record(id).status).toBe('running');
    } finally {
      root.free();
    }
    const s = await status(id);
    expect(s).toMatchObject({ status: 'completed', turn_state: 'idle', runner_running: false, summary: `last-words ${marker}` });
    expect(s.end_reason).toMatch(/^the runner was stopped by SIGTERM; the state root .* is full \(ENOSPC\) since \d\d:\d\d:\d\d$/);
    expect(await e.json<AwaitJson>(['await-turn', id, '--timeout', '30'])).toMatchObject({ outcome: 'completed', turn: 1, message: `last-words ${marker}` });
    // The words were written and removed.
    for (const dir of noteDirs(e.stateRoot)) expect(existsSync(join(dir, `${id}.last-words.json`))).toBe(false);
    expect(await gone(processesOf(before))).toEqual([]);
  });
});

describe('a read-only state root', () => {
  it.skipIf(noMount)('jobs, status and recover work; start, send and clean say so in one line; kill stops everything, and the record says cancelled once writable', async () => {
    const finished = await e.start('MOCK:SAY finished before');
    expect((await e.cli(['await-turn', finished, '--timeout', '90'])).code).toBe(0);
    const { prompt, marker } = slow(120_000, 'ro-running');
    const id = await e.start(prompt);
    const before = await busy(id, marker);
    const pids = processesOf(before);
    root.readOnly();
    try {
      const listed = await e.cli(['jobs', '--json']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(JSON.parse(listed.stdout).jobs.map((j: { id: string }) => j.id)).toEqual(expect.arrayContaining([id, finished]));
      expect((await status(id)).status).toBe('running');
      const rec = await e.cli(['recover', '--json']);
      expect(rec.code, rec.stderr).toBe(0);

      const line = `the state root ${e.stateRoot} is read-only (EROFS)`;
      const started = await e.cli(['start', 'MOCK:SAY nope', '-d', e.workDir]);
      expect(started.code).toBe(8);
      expect(oneLine(started)).toBe(`codex-agent: ${line}: the job was not created, and nothing of it was left behind`);
      const sent = await e.cli(['send', finished, 'MOCK:SAY nope']);
      expect(sent.code).toBe(8);
      expect(oneLine(sent)).toMatch(new RegExp(`^codex-agent: ${line.replace(/[()]/g, '\\$&')}`));
      const cleaned = await e.cli(['clean', '--days', '0']);
      expect(cleaned.code).toBe(8);
      expect(oneLine(cleaned)).toBe(`codex-agent: ${line}: clean removed nothing`);

      // kill: signals and the session first, no lock needed; the record waits for a writable root.
      const killed = await e.cli(['kill', id, '--json']);
      expect(killed.code, killed.stderr).toBe(0);
      expect(JSON.parse(killed.stdout)).toMatchObject({ id, status: 'cancelled', was_active: true, recorded: false, record_pending: line });
      // Again, as text: one line that says what was done and what waits.
      const text = await e.cli(['kill', id]);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stderr).toBe('');
      expect(text.stdout).toBe(`Killed ${id}: everything of it stopped, but ${line}, so its record says cancelled once the root can be written (the next status, jobs or recover writes it).`);
      expect(await gone(pids)).toEqual([]);
      expect((await e.tmux(['has-session', '-t', `=codex-agent-${id}`])).code).not.toBe(0);
      // Shown as cancelled even now; on disk it cannot change yet.
      expect(await status(id)).toMatchObject({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user', runner_running: false });
      expect(e.record(id).status).toBe('running');
    } finally {
      root.writable();
    }
    // Writable again: the next look records the kill as the user's, not as a crash.
    const s = await status(id);
    expect(s).toMatchObject({ status: 'cancelled', turn_state: 'ended', end_reason: 'killed by user', runner_running: false });
    expect(e.record(id)).toMatchObject({ status: 'cancelled', runner: null, agent_procs: [], end_reason: 'killed by user' });
    expect(e.record(id).turns.at(-1)).toMatchObject({ status: 'aborted', error: 'killed by user' });
    for (const dir of noteDirs(e.stateRoot)) expect(existsSync(join(dir, `${id}.kill.json`))).toBe(false);
    // The finished job is untouched and continues.
    const more = await e.cli(['send', finished, 'MOCK:SAY writable again']);
    expect(more.code, more.stderr).toBe(0);
    expect(await e.json<AwaitJson>(['await-turn', finished, '--timeout', '90'])).toMatchObject({ outcome: 'completed', turn: 2, message: 'writable again' });
  });
});

describe('a record corrupted mid-turn', () => {
  it.each([
    ['exec', [] as string[], (path: string) => writeFileSync(path, '{"version": 2, "id": "trunc')],
    ['interactive', ['--interactive'], (path: string) => writeFileSync(path, 'garbage\u0000\u0001 not json')],
  ])('%s: the runner stops the agent, says why in its pane log, and never writes over the record; status and jobs report it corrupt', async (_mode, extra, corrupt) => {
    const { prompt, marker } = slow(120_000, 'corrupt');
    const id = await e.start(prompt, extra);
    const before = await busy(id, marker);
    const recordPath = e.store.layout.recordPath(id);
    corrupt(recordPath);
    const garbage = readFileSync(recordPath);
    expect(await e.paneDead(id)).toBe(true);
    expect(await gone(processesOf(before))).toEqual([]);
    const log = readFileSync(e.store.layout.paneLog(id), 'utf8');
    expect(log).toContain(`codex-agent: the runner of job ${id} stops: corrupt job record ${recordPath}`);
    expect(log).toContain('The agent was stopped and nothing was written over the record');
    // Reported, never replaced; what the runner knew is beside it.
    expect(readFileSync(recordPath)).toEqual(garbage);
    const view = JSON.parse(readFileSync(e.store.layout.runnerViewPath(id), 'utf8')) as JobRecord;
    expect(view).toMatchObject({ id, thread_id: before.thread_id, status: 'running' });
    const s = await e.cli(['status', id]);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain(`corrupt job record ${recordPath}`);
    const listed = await e.cli(['jobs', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).corrupt).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
    const rec = await e.cli(['recover', '--json']);
    expect(rec.stdout).toContain(id);
    // Out of the way for the rest of the file: a record again, ended.
    writeFileSync(recordPath, `${JSON.stringify({ ...view, status: 'cancelled', turn_state: 'ended', runner: null, agent_procs: [] })}\n`);
  });
});
