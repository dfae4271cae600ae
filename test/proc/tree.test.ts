import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { refOf, type ProcRef } from '../../src/proc/identity.js';
import { readProc } from '../../src/proc/table.js';
import { descendants, killRefs, killTree, planKill, planRefs, stillRunning, type ProcRow } from '../../src/proc/tree.js';
import { waitFor } from '../../src/util/wait.js';

// Parent that starts two grandchildren in their own process groups, so only a
// tree walk (not the parent's group) can reach them. One ignores SIGTERM.
const PARENT = `
const { spawn } = require('node:child_process');
const kid = (code) => spawn(process.execPath, ['-e', code], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
const plain = kid("process.stdout.write('ready\\\\n'); setInterval(() => {}, 1000)");
const stubborn = kid("process.on('SIGTERM', () => {}); process.stdout.write('ready\\\\n'); setInterval(() => {}, 1000)");
let ready = 0;
for (const k of [plain, stubborn]) {
  k.stdout.once('data', () => {
    if (++ready === 2) console.log(JSON.stringify({ plain: plain.pid, stubborn: stubborn.pid }));
  });
}
setInterval(() => {}, 1000);
`;

const started: number[] = [];

afterEach(() => {
  // Never leave strays behind if an assertion failed midway.
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function startTree(): Promise<{ parent: ChildProcess; plain: number; stubborn: number }> {
  const parent = spawn(process.execPath, ['-e', PARENT], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(parent.pid!);
  const [chunk] = (await once(parent.stdout!, 'data')) as [Buffer];
  const { plain, stubborn } = JSON.parse(chunk.toString()) as { plain: number; stubborn: number };
  started.push(plain, stubborn);
  return { parent, plain, stubborn };
}

describe('planKill (pure)', () => {
  const row = (pid: number, ppid: number, pgid = pid): ProcRow => ({ pid, ppid, pgid, zombie: false });

  it('walks nested descendants and adds group members of a group leader', () => {
    const rows = [row(1, 0), row(100, 1), row(101, 100, 100), row(102, 101, 102), row(103, 102, 102), row(200, 1, 100), row(300, 1)];
    const plan = planKill(rows, 100, 999);
    expect(plan.pids.sort()).toEqual([100, 101, 102, 103, 200]);
    expect(plan.groups).toEqual([100]);
  });

  it('never includes our own pid or pid 1, and skips a group we are in', () => {
    const rows = [row(1, 0), row(50, 1, 50), row(60, 50, 50), row(1, 50, 50)];
    const plan = planKill(rows, 50, 60);
    expect(plan.pids).toEqual([50]);
    expect(plan.groups).toEqual([]);
  });

  it('does not group-signal a root that is not a group leader', () => {
    const plan = planKill([row(10, 1, 5), row(11, 10, 5)], 10, 999);
    expect(plan.groups).toEqual([]);
    expect(plan.pids.sort()).toEqual([10, 11]);
  });

  it('refuses pid <= 1, non-integers and ourselves', () => {
    expect(() => planKill([], 1, 999)).toThrow(RangeError);
    expect(() => planKill([], 0, 999)).toThrow(RangeError);
    expect(() => planKill([], -5, 999)).toThrow(RangeError);
    expect(() => planKill([], 2.5, 999)).toThrow(RangeError);
    expect(() => planKill([], 999, 999)).toThrow(RangeError);
  });

  it('killTree rejects the same roots before signalling anything', async () => {
    await expect(killTree(process.pid)).rejects.toThrow(RangeError);
  });
});

describe('planRefs (pure)', () => {
  const B = 'boot-a';
  const row = (pid: number, ppid: number, o: Partial<ProcRow> = {}): ProcRow => ({ pid, ppid, pgid: pid, sid: pid, zombie: false, start: `${B}/${pid * 10}`, ...o });
  const refTo = (r: ProcRow): ProcRef => ({ pid: r.pid, start: r.start! });
  const SELF = 999;
  const sorted = (plan: { pids: number[]; groups: number[] }) => ({ pids: [...plan.pids].sort((a, b) => a - b), groups: [...plan.groups].sort((a, b) => a - b) });

  it('a running ref: it, its descendants and its group (it leads one)', () => {
    const rows = [row(1, 0), row(100, 1), row(101, 100, { pgid: 100, sid: 100 }), row(102, 101, { pgid: 102, sid: 100 }), row(150, 1, { pgid: 100, sid: 100 }), row(200, 1), row(SELF, 1)];
    expect(sorted(planRefs(rows, [refTo(rows[1]!)], SELF))).toEqual({ pids: [100, 101, 102, 150], groups: [100] });
  });

  it('a launcher that died first leaves its session members, started after it, to be killed', () => {
    const launcher: ProcRef = { pid: 100, start: `${B}/1000` };
    const rows = [
      row(1, 0),
      // The agent the launcher started, reparented to pid 1, in the launcher's session, and what it runs.
      row(200, 1, { pgid: 200, sid: 100, start: `${B}/1005` }),
      row(201, 200, { pgid: 200, sid: 100, start: `${B}/1006` }),
      // A child in a session of its own: reached through its parent.
      row(202, 201, { pgid: 202, sid: 202, start: `${B}/1007` }),
      // In that session id but older than the launcher: not its work.
      row(300, 1, { pgid: 300, sid: 100, start: `${B}/900` }),
      // Of another boot: not its work.
      row(400, 1, { pgid: 400, sid: 100, start: `boot-b/2000` }),
      // A zombie member: already ended.
      row(500, 1, { pgid: 500, sid: 100, start: `${B}/1010`, zombie: true }),
      // Another session entirely.
      row(600, 1, { pgid: 600, sid: 600, start: `${B}/1020` }),
      row(SELF, 1, { sid: 100, start: `${B}/1030` }),
    ];
    expect(sorted(planRefs(rows, [launcher], SELF))).toEqual({ pids: [200, 201, 202], groups: [] });
    // The launcher still there as an unreaped zombie counts as dead too.
    const withZombie = [...rows, row(100, 1, { start: `${B}/1000`, zombie: true })];
    expect(sorted(planRefs(withZombie, [launcher], SELF))).toEqual({ pids: [200, 201, 202], groups: [] });
  });

  it('the launcher dead and the agent running: both the agent’s tree and the session are ended', () => {
    const launcher: ProcRef = { pid: 100, start: `${B}/1000` };
    const agent = row(200, 1, { pgid: 200, sid: 100, start: `${B}/1005` });
    const rows = [row(1, 0), agent, row(201, 200, { pgid: 200, sid: 100, start: `${B}/1006` }), row(210, 1, { pgid: 210, sid: 100, start: `${B}/1008` })];
    expect(sorted(planRefs(rows, [launcher, refTo(agent)], SELF))).toEqual({ pids: [200, 201, 210], groups: [200] });
  });

  it('a reused pid is never targeted, nor the session it now leads', () => {
    const old: ProcRef = { pid: 100, start: `${B}/1000` };
    // Pid 100 now names a process that started later: someone else's.
    const rows = [row(1, 0), row(100, 1, { start: `${B}/5000` }), row(101, 100, { sid: 100, start: `${B}/5001` }), row(102, 1, { sid: 100, start: `${B}/5002` })];
    expect(planRefs(rows, [old], SELF)).toEqual({ pids: [], groups: [] });
    // Same for a pid of the same tick count in another boot.
    expect(planRefs(rows, [{ pid: 100, start: `boot-b/5000` }], SELF)).toEqual({ pids: [], groups: [] });
  });

  it('a ref without a start (an old record) is never targeted', () => {
    const rows = [row(1, 0), row(100, 1), row(101, 100, { sid: 100 })];
    expect(planRefs(rows, [{ pid: 100, start: null }], SELF)).toEqual({ pids: [], groups: [] });
  });

  it('never ourselves, never pid 1: not as a ref, a descendant, a group member or a session member', () => {
    const rows = [row(1, 0), row(100, 1), row(SELF, 100, { pgid: 100, sid: 100, start: `${B}/2000` }), row(101, 100, { pgid: 100, sid: 100 })];
    const plan = planRefs(rows, [refTo(rows[1]!), { pid: SELF, start: `${B}/2000` }, { pid: 1, start: `${B}/10` }], SELF);
    expect(plan.pids).not.toContain(SELF);
    expect(plan.pids).not.toContain(1);
    // Its group holds us: only the pids are signalled, never the group.
    expect(sorted(plan)).toEqual({ pids: [100, 101], groups: [] });
    // A dead launcher whose session we are in.
    const dead: ProcRef = { pid: 300, start: `${B}/1000` };
    expect(planRefs([row(1, 0), row(SELF, 1, { sid: 300, start: `${B}/2000` }), row(301, 1, { sid: 300, start: `${B}/2001` })], [dead], SELF)).toEqual({ pids: [301], groups: [] });
  });

  it('marked processes started after the job’s first tracked process are ended with their trees', () => {
    const launcher: ProcRef = { pid: 100, start: `${B}/1000` };
    const rows = [
      row(1, 0),
      row(700, 1, { start: `${B}/1100` }),
      row(701, 700, { start: `${B}/1101` }),
      // Marked, but older than anything of the job: an earlier job's that reused the id? Not ours.
      row(710, 1, { start: `${B}/900` }),
      row(720, 1, { start: `boot-b/1200` }),
      row(730, 1, { start: `${B}/1300`, zombie: true }),
      row(SELF, 1, { start: `${B}/1400` }),
    ];
    expect(sorted(planRefs(rows, [launcher], SELF, [700, 710, 720, 730, 740, SELF]))).toEqual({ pids: [700, 701], groups: [] });
    // With no ref that has a start there is nothing to date them by: none.
    expect(planRefs(rows, [{ pid: 100, start: null }], SELF, [700])).toEqual({ pids: [], groups: [] });
  });

  it('nothing to do for no refs', () => {
    expect(planRefs([row(1, 0), row(100, 1)], [], SELF)).toEqual({ pids: [], groups: [] });
  });
});

describe('real process trees', () => {
  it('descendants finds grandchildren', async () => {
    const { parent, plain, stubborn } = await startTree();
    const found = descendants(parent.pid!);
    expect(found).toEqual(expect.arrayContaining([plain, stubborn]));
    expect(found).not.toContain(parent.pid);
    expect(found).not.toContain(process.pid);
  });

  it('killTree terminates the whole tree and SIGKILLs the SIGTERM-ignorer', async () => {
    const { parent, plain, stubborn } = await startTree();
    const root = parent.pid!;
    const exited = once(parent, 'exit');
    const result = await killTree(root, { graceMs: 3000 });

    // Grandchildren live in other process groups: only the tree walk reaches them.
    expect(result.signalled).toEqual(expect.arrayContaining([root, plain, stubborn]));
    expect(result.survivors).toEqual([stubborn]);
    expect(result.remaining).toEqual([]);
    await exited;
    expect(stillRunning([root, plain, stubborn])).toEqual([]);
  });

  it('reports nothing to escalate when everything obeys SIGTERM', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    started.push(child.pid!);
    const exited = once(child, 'exit');
    const result = await killTree(child.pid!, { graceMs: 5000 });
    // No survivors: nothing was escalated to SIGKILL.
    expect(result).toEqual({ signalled: [child.pid], survivors: [], remaining: [] });
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(signal).toBe('SIGTERM');
  });
});

describe('killRefs on real processes', () => {
  it('ends a launcher’s leftover work after the launcher itself died', async () => {
    // A launcher in a session of its own starts the "agent" in the background, then waits.
    const launcher = spawn('sh', ['-c', 'sleep 3600 & echo $!; read x'], { detached: true, stdio: ['pipe', 'pipe', 'ignore'] });
    started.push(launcher.pid!);
    const [chunk] = (await once(launcher.stdout!, 'data')) as [Buffer];
    const agent = Number(chunk.toString().trim());
    started.push(agent);
    const ref = refOf(launcher.pid!)!;
    expect(ref).not.toBeNull();
    expect(readProc(agent)?.sid).toBe(launcher.pid);
    // The launcher ends first; the agent stays, in the launcher's session.
    launcher.stdin!.end();
    await once(launcher, 'exit');
    await waitFor(() => readProc(launcher.pid!) === null, { timeoutMs: 10_000, label: 'launcher to be reaped', describe: () => JSON.stringify(readProc(launcher.pid!)) });
    expect(stillRunning([agent])).toEqual([agent]);

    const result = await killRefs([ref], { graceMs: 5_000 });
    expect(result).toEqual({ signalled: [agent], survivors: [], remaining: [] });
    expect(stillRunning([agent])).toEqual([]);
  });

  it('leaves alone a process whose pid a ref names with another start', async () => {
    const child = spawn('sleep', ['3600'], { detached: true, stdio: 'ignore' });
    started.push(child.pid!);
    await waitFor(() => refOf(child.pid!), { timeoutMs: 10_000, label: 'child to run', describe: () => '' });
    const notIt: ProcRef = { pid: child.pid!, start: `${refOf(child.pid!)!.start}0` };
    expect(await killRefs([notIt], { graceMs: 1_000 })).toEqual({ signalled: [], survivors: [], remaining: [] });
    expect(stillRunning([child.pid!])).toEqual([child.pid]);
    expect(await killRefs([], { graceMs: 1_000 })).toEqual({ signalled: [], survivors: [], remaining: [] });
  });

  it('ends what carries the job’s marker, found by its environment', async () => {
    const first = spawn('sleep', ['3600'], { detached: true, stdio: 'ignore' });
    started.push(first.pid!);
    const ref = await waitFor(() => refOf(first.pid!), { timeoutMs: 10_000, label: 'first to run', describe: () => '' });
    const marker = `CODEX_AGENT_JOB_ID=k${process.pid}${Date.now().toString(36)}`;
    const stray = spawn('sleep', ['3600'], { detached: true, stdio: 'ignore', env: { ...process.env, CODEX_AGENT_JOB_ID: marker.split('=')[1] } });
    started.push(stray.pid!);
    await waitFor(() => refOf(stray.pid!), { timeoutMs: 10_000, label: 'stray to run', describe: () => '' });
    first.kill('SIGKILL');
    await once(first, 'exit');
    await waitFor(() => readProc(first.pid!) === null, { timeoutMs: 10_000, label: 'first to be reaped', describe: () => '' });

    // Without the marker the stray is not found: it is in a session of its own.
    expect((await killRefs([ref], { graceMs: 1_000 })).signalled).toEqual([]);
    expect(stillRunning([stray.pid!])).toEqual([stray.pid]);
    const result = await killRefs([ref], { graceMs: 5_000, marker });
    if (process.platform !== 'linux') return; // markers are read from /proc
    expect(result).toEqual({ signalled: [stray.pid], survivors: [], remaining: [] });
    expect(stillRunning([stray.pid!])).toEqual([]);
  });
});
