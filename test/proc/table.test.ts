// The process table: the pure parsers (/proc/<pid>/stat lines, ps rows) and the live readers,
// against this process, a finished child and a real zombie.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { bootOf, currentBoot, listProcesses, parseProcStat, parsePsRows, pidsWithEnv, readProc, residentBytes, type ProcStat } from '../../src/proc/table.js';
import { waitFor } from '../../src/util/wait.js';

const LINUX = process.platform === 'linux';

/** A stat line as Linux writes it, with `comm` and the fields after it. */
function statLine(pid: number, comm: string, state: string, ppid: number, pgrp: number, session: number, starttime: number): string {
  // tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice num_threads itrealvalue
  const middle = '0 -1 4194304 102 0 0 0 0 0 0 0 20 0 1 0';
  return `${pid} (${comm}) ${state} ${ppid} ${pgrp} ${session} ${middle} ${starttime} 3133440 417 18446744073709551615 94492365361152 0\n`;
}

describe('parseProcStat (pure)', () => {
  it.each<[string, string, ProcStat | null]>([
    [
      'a line copied from /proc/self/stat',
      '23341 (cat) R 23339 23339 22739 0 -1 4194304 102 0 0 0 0 0 0 0 20 0 1 0 186046 3133440 417 18446744073709551615 94492365361152 94492365381033 140722122061088 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94492365397040 94492365398656 94492494012416 140722122066461 140722122066481 140722122066481 140722122067947 0\n',
      { pid: 23341, state: 'R', ppid: 23339, pgrp: 23339, session: 22739, starttime: 186046 },
    ],
    [
      'pid 1 with an underscore name',
      '1 (process_api) S 0 0 0 0 -1 4194560 43732 35829297 0 1117 82 529 38008 16996 20 0 13 0 24 40939520 2712 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0',
      { pid: 1, state: 'S', ppid: 0, pgrp: 0, session: 0, starttime: 24 },
    ],
    ['a name with spaces', statLine(812, 'tmux: server', 'S', 1, 812, 812, 5000), { pid: 812, state: 'S', ppid: 1, pgrp: 812, session: 812, starttime: 5000 }],
    ['a name with ")" and "(" in it', statLine(900, 'a) S 1 2 3 (b', 'R', 899, 900, 700, 123456), { pid: 900, state: 'R', ppid: 899, pgrp: 900, session: 700, starttime: 123456 }],
    ['a name ending in ") "', statLine(901, 'x) ', 'S', 1, 901, 901, 77), { pid: 901, state: 'S', ppid: 1, pgrp: 901, session: 901, starttime: 77 }],
    ['an empty name', statLine(902, '', 'S', 1, 902, 902, 78), { pid: 902, state: 'S', ppid: 1, pgrp: 902, session: 902, starttime: 78 }],
    ['a zombie', statLine(903, 'sleep', 'Z', 902, 902, 902, 79), { pid: 903, state: 'Z', ppid: 902, pgrp: 902, session: 902, starttime: 79 }],
    ['a dead (X) process', statLine(904, 'sleep', 'X', 902, 902, 902, 80), { pid: 904, state: 'X', ppid: 902, pgrp: 902, session: 902, starttime: 80 }],
    ['empty', '', null],
    ['no name', '23341 R 23339 23339 22739 0', null],
    ['no closing parenthesis', '23341 (cat R 23339 23339 22739', null],
    ['cut before the start time', '23341 (cat) R 23339 23339 22739 0 -1 4194304 102 0 0 0 0 0 0 0 20 0 1 0', null],
    ['a pid that is not a number', statLine(1, 'x', 'S', 1, 1, 1, 1).replace(/^1/, 'abc'), null],
    ['a ppid that is not a number', '5 (x) S p 5 5 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0', null],
    ['a start time that is not a number', '5 (x) S 1 5 5 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 soon 0', null],
  ])('%s', (_name, line, expected) => {
    expect(parseProcStat(line)).toEqual(expected);
  });
});

describe('parsePsRows (pure)', () => {
  // lstart is local time; the expected seconds are computed with the local-time Date constructor.
  const at = (y: number, mo: number, d: number, h: number, mi: number, s: number) => new Date(y, mo, d, h, mi, s).getTime() / 1000;

  it('reads pid, ppid, pgid (also as the session), the zombie flag and the start', () => {
    const out = [
      '    1     0     1 Ss   Sun Nov 29 15:34:12 2026',
      '22739 22738 22739 Ss   Sun Nov 29 15:51:50 2026',
      '23001 22739 23001 Z+   Sun Nov 29 15:52:19 2026',
      '23002 22739 23001 R+   Sun Nov 29 15:52:19 2026',
      '',
      'garbage line',
      '  PID  PPID  PGID STAT STARTED',
      '23003     1 23003 S    not a date at all',
    ].join('\n');
    expect(parsePsRows(out, '1732890000')).toEqual([
      { pid: 1, ppid: 0, pgid: 1, sid: 1, zombie: false, start: `1732890000/${at(2026, 10, 29, 15, 34, 12)}` },
      { pid: 22739, ppid: 22738, pgid: 22739, sid: 22739, zombie: false, start: `1732890000/${at(2026, 10, 29, 15, 51, 50)}` },
      { pid: 23001, ppid: 22739, pgid: 23001, sid: 23001, zombie: true, start: `1732890000/${at(2026, 10, 29, 15, 52, 19)}` },
      { pid: 23002, ppid: 22739, pgid: 23001, sid: 23001, zombie: false, start: `1732890000/${at(2026, 10, 29, 15, 52, 19)}` },
      // A start ps prints in a form Date cannot read is kept as text: still equal only to itself.
      { pid: 23003, ppid: 1, pgid: 23003, sid: 23003, zombie: false, start: '1732890000/not a date at all' },
    ]);
  });

  it('gives nothing for empty output', () => {
    expect(parsePsRows('', 'b')).toEqual([]);
    expect(parsePsRows('\n\n', 'b')).toEqual([]);
  });

  it('reads what the real ps prints for this process the same way', () => {
    const text = (() => {
      try {
        return execFileSync('ps', ['-o', 'pid=', '-o', 'ppid=', '-o', 'pgid=', '-o', 'stat=', '-o', 'lstart=', '-p', String(process.pid)], {
          encoding: 'utf8',
          env: { ...process.env, LC_ALL: 'C' },
        });
      } catch {
        return null;
      }
    })();
    if (text === null) return; // no ps on this machine: the pure cases above stand
    const [row] = parsePsRows(text, 'boot');
    expect(row).toMatchObject({ pid: process.pid, ppid: process.ppid, zombie: false });
    expect(row!.start).toMatch(/^boot\/\d+$/);
  });
});

describe('bootOf (pure)', () => {
  it.each([
    ['98340cfa-a3b3-4a10-80e2-d0e398e6ba13/186046', '98340cfa-a3b3-4a10-80e2-d0e398e6ba13'],
    ['1732890000/1764431539', '1732890000'],
    ['a/b/1', 'a/b'],
    ['1732890000/not a date/at all', '1732890000/not a date'],
  ])('%s -> %s', (start, boot) => {
    expect(bootOf(start)).toBe(boot);
  });
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function start(cmd: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess {
  const c = spawn(cmd, args, { stdio: 'ignore', env });
  children.push(c);
  return c;
}

describe('the live table', () => {
  it('currentBoot is the kernel’s boot id on Linux, and stable', () => {
    const boot = currentBoot();
    expect(boot).toBe(currentBoot());
    expect(boot).not.toBe('');
    if (LINUX) expect(boot).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
  });

  it('readProc: this process, with its parent and a start in this boot', () => {
    const me = readProc(process.pid);
    expect(me).toMatchObject({ pid: process.pid, ppid: process.ppid, zombie: false });
    expect(bootOf(me!.start)).toBe(currentBoot());
    if (LINUX) {
      const stat = parseProcStat(readFileSync(`/proc/${process.pid}/stat`, 'utf8'))!;
      expect(me).toEqual({ pid: process.pid, ppid: stat.ppid, pgid: stat.pgrp, sid: stat.session, zombie: false, start: `${currentBoot()}/${stat.starttime}` });
    }
    // The same process read twice is the same start; another process has another.
    expect(readProc(process.pid)!.start).toBe(me!.start);
  });

  it('readProc: null for pids that are not there or not pids', async () => {
    const c = start('true', []);
    await once(c, 'exit');
    // Node reaps its children, so the pid is gone rather than a zombie.
    await waitFor(() => readProc(c.pid!) === null, { timeoutMs: 10_000, label: 'child pid to be reaped', describe: () => JSON.stringify(readProc(c.pid!)) });
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(readProc(bad)).toBeNull();
  });

  it('a real zombie is read as one', async () => {
    // The background `sleep 0` ends first; its parent (the shell, exec'd into `sleep`) never reaps it.
    const c = start('sh', ['-c', 'sleep 0 & exec sleep 30']);
    const zombie = await waitFor(() => listProcesses().find((p) => p.ppid === c.pid && p.zombie), {
      timeoutMs: 15_000,
      label: 'a zombie child',
      describe: () => JSON.stringify(listProcesses().filter((p) => p.ppid === c.pid)),
    });
    expect(readProc(zombie.pid)).toEqual(zombie);
    expect(zombie.start).toMatch(new RegExp(`^${currentBoot()}/`));
  });

  it('listProcesses holds this process and its parent, as readProc reads them', () => {
    const rows = listProcesses();
    expect(rows.find((r) => r.pid === process.pid)).toEqual(readProc(process.pid));
    expect(rows.some((r) => r.pid === process.ppid)).toBe(true);
    expect(new Set(rows.map((r) => r.pid)).size).toBe(rows.length);
  });

  it('residentBytes: this process uses memory; a missing one has none', () => {
    if (!LINUX) {
      expect(residentBytes(process.pid)).toBeNull();
      return;
    }
    expect(residentBytes(process.pid)).toBeGreaterThan(1024 * 1024);
    expect(residentBytes(0)).toBeNull();
  });

  it('pidsWithEnv finds the processes started with a marker, and no others', async () => {
    const marker = `CODEX_AGENT_JOB_ID=t${process.pid}x${Date.now().toString(36)}`;
    const [name, value] = marker.split('=') as [string, string];
    const marked = start('sleep', ['30'], { ...process.env, [name]: value });
    const prefixed = start('sleep', ['30'], { ...process.env, [name]: `${value}0` });
    const plain = start('sleep', ['30']);
    await waitFor(() => [marked, prefixed, plain].every((c) => readProc(c.pid!) !== null), { timeoutMs: 10_000, label: 'children to run', describe: () => '' });
    const found = pidsWithEnv(marker);
    if (!LINUX) {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toContain(marked.pid);
    expect(found).not.toContain(prefixed.pid);
    expect(found).not.toContain(plain.pid);
    expect(found).not.toContain(process.pid);
  });
});
