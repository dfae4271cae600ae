// Which process a ref means: pid and start, so that a zombie, a reused pid or a process of an
// earlier boot never passes for the one that was tracked.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { fromEarlierBoot, isRunning, pidRunning, procRefSchema, refOf, refState, refStateOf, selfRef, type ProcRef, type RefState } from '../../src/proc/identity.js';
import { currentBoot, listProcesses, readProc } from '../../src/proc/table.js';
import { waitFor } from '../../src/util/wait.js';

describe('refStateOf (pure)', () => {
  const ref = (start: string | null): ProcRef => ({ pid: 812, start });
  it.each<[string, ProcRef, { zombie: boolean; start: string } | null, RefState]>([
    ['the same process runs', ref('boot-a/1000'), { zombie: false, start: 'boot-a/1000' }, 'running'],
    ['no process with that pid', ref('boot-a/1000'), null, 'gone'],
    ['the pid now belongs to another process', ref('boot-a/1000'), { zombie: false, start: 'boot-a/2000' }, 'gone'],
    ['the same pid and tick count, but another boot', ref('boot-a/1000'), { zombie: false, start: 'boot-b/1000' }, 'gone'],
    ['the process exited and waits to be reaped (zombie)', ref('boot-a/1000'), { zombie: true, start: 'boot-a/1000' }, 'gone'],
    ['no start kept (an old record): cannot be verified', ref(null), { zombie: false, start: 'boot-a/1000' }, 'unverifiable'],
    ['no start kept and the pid is a zombie', ref(null), { zombie: true, start: 'boot-a/1000' }, 'gone'],
    ['no start kept and no process', ref(null), null, 'gone'],
  ])('%s', (_name, r, seen, state) => {
    expect(refStateOf(r, seen)).toBe(state);
  });
});

describe('fromEarlierBoot (pure with a boot given)', () => {
  it.each<[string, ProcRef, string, boolean]>([
    ['a start of this boot', { pid: 5, start: 'boot-a/1000' }, 'boot-a', false],
    ['a start of another boot', { pid: 5, start: 'boot-a/1000' }, 'boot-b', true],
    ['no start kept: cannot tell', { pid: 5, start: null }, 'boot-b', false],
    ['this machine’s boot is unknown: cannot tell', { pid: 5, start: 'boot-a/1000' }, 'unknown', false],
    ['macOS-style boot time and ps start', { pid: 5, start: '1732890000/1764431539' }, '1732890000', false],
    ['macOS-style, rebooted since', { pid: 5, start: '1732890000/1764431539' }, '1764000000', true],
  ])('%s', (_name, r, boot, earlier) => {
    expect(fromEarlierBoot(r, boot)).toBe(earlier);
  });

  it('defaults to this machine’s boot: our own ref is of this boot', () => {
    expect(fromEarlierBoot(selfRef())).toBe(false);
    expect(fromEarlierBoot({ pid: process.pid, start: `not-${currentBoot()}/1` })).toBe(true);
  });
});

describe('procRefSchema', () => {
  it.each<[unknown, boolean]>([
    [{ pid: 1, start: 'b/1' }, true],
    [{ pid: 4242, start: null }, true],
    [{ pid: 0, start: 'b/1' }, false],
    [{ pid: -3, start: 'b/1' }, false],
    [{ pid: 1.5, start: 'b/1' }, false],
    [{ pid: 7 }, false],
    [{ pid: '7', start: 'b/1' }, false],
    [{ pid: 7, start: 7 }, false],
  ])('%j valid: %s', (value, ok) => {
    expect(procRefSchema.safeParse(value).success).toBe(ok);
  });
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function start(cmd: string, args: string[]): ChildProcess {
  const c = spawn(cmd, args, { stdio: 'ignore' });
  children.push(c);
  return c;
}

describe('against the live process table', () => {
  it('our own ref: running, of this boot, with the start the table shows', () => {
    const me = selfRef();
    expect(me).toEqual({ pid: process.pid, start: readProc(process.pid)!.start });
    expect(refOf(process.pid)).toEqual(me);
    expect(refState(me)).toBe('running');
    expect(isRunning(me)).toBe(true);
    expect(pidRunning(process.pid)).toBe(true);
  });

  it('a ref with our pid but another start is not us (a reused pid)', () => {
    const other: ProcRef = { pid: process.pid, start: `${currentBoot()}/1` };
    expect(refState(other)).toBe('gone');
    expect(isRunning(other)).toBe(false);
    // Without a start it can only be called unverifiable, never running.
    expect(refState({ pid: process.pid, start: null })).toBe('unverifiable');
    expect(isRunning({ pid: process.pid, start: null })).toBe(false);
  });

  it('a finished child: gone, no ref, not running', async () => {
    const c = start('sleep', ['30']);
    await waitFor(() => refOf(c.pid!), { timeoutMs: 10_000, label: 'child to run', describe: () => '' });
    const ref = refOf(c.pid!)!;
    expect(refState(ref)).toBe('running');
    c.kill('SIGKILL');
    await once(c, 'exit');
    await waitFor(() => refState(ref) === 'gone', { timeoutMs: 10_000, label: 'child ref to be gone', describe: () => refState(ref) });
    expect(refOf(c.pid!)).toBeNull();
    expect(pidRunning(c.pid!)).toBe(false);
  });

  it('a real zombie: pidRunning false, refOf null, its ref gone', async () => {
    const c = start('sh', ['-c', 'sleep 0 & exec sleep 30']);
    const z = await waitFor(() => listProcesses().find((p) => p.ppid === c.pid && p.zombie), {
      timeoutMs: 15_000,
      label: 'a zombie child',
      describe: () => JSON.stringify(listProcesses().filter((p) => p.ppid === c.pid)),
    });
    expect(pidRunning(z.pid)).toBe(false);
    expect(refOf(z.pid)).toBeNull();
    expect(refState({ pid: z.pid, start: z.start })).toBe('gone');
    expect(refState({ pid: z.pid, start: null })).toBe('gone');
    // Its parent runs.
    expect(pidRunning(c.pid!)).toBe(true);
  });

  it('pids that are not pids', () => {
    for (const bad of [0, -1, 1.5]) {
      expect(pidRunning(bad)).toBe(false);
      expect(refOf(bad)).toBeNull();
    }
  });
});
