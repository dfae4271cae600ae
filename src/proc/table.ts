// The process table, with what tells one process from another that later got the same pid: its
// start time, and the boot it started in. Linux reads /proc (no fork); elsewhere `ps`.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** Session id on Linux; the process group where sessions cannot be read (macOS ps). */
  sid: number;
  /** A zombie has exited: it only waits to be reaped, so it counts as dead. */
  zombie: boolean;
  /** "<boot>/<start>": equal only for the same process, never for a reused pid or after a reboot. */
  start: string;
}

export interface ProcStat {
  pid: number;
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** Clock ticks after boot. */
  starttime: number;
}

/** Pure: one /proc/<pid>/stat line. The command name may hold spaces and parentheses. */
export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf(' (');
  const close = text.lastIndexOf(') ');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open));
  const f = text.slice(close + 2).trim().split(/\s+/);
  // After the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime
  // stime cutime cstime priority nice threads itrealvalue starttime (field 22 of the line).
  const nums = [f[1], f[2], f[3], f[19]].map(Number);
  if (!Number.isInteger(pid) || f[0] === undefined || nums.some((n) => !Number.isInteger(n))) return null;
  return { pid, state: f[0], ppid: nums[0]!, pgrp: nums[1]!, session: nums[2]!, starttime: nums[3]! };
}

/** Pure: the boot part of a start token. */
export function bootOf(start: string): string {
  const cut = start.lastIndexOf('/');
  return cut < 0 ? '' : start.slice(0, cut);
}

const LINUX = process.platform === 'linux';
let bootCache: string | undefined;

/** Changes at every boot: Linux's boot id, else the boot time. */
export function currentBoot(): string {
  if (bootCache !== undefined) return bootCache;
  try {
    bootCache = LINUX
      ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
      : (/sec = (\d+)/.exec(execFileSync('sysctl', ['-n', 'kern.boottime'], { encoding: 'utf8', timeout: 5_000 }))?.[1] ?? 'unknown');
  } catch {
    bootCache = 'unknown';
  }
  return bootCache;
}

function fromStat(s: ProcStat): ProcInfo {
  return { pid: s.pid, ppid: s.ppid, pgid: s.pgrp, sid: s.session, zombie: s.state === 'Z' || s.state === 'X', start: `${currentBoot()}/${s.starttime}` };
}

function readLinux(pid: number): ProcInfo | null {
  try {
    const s = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return s ? fromStat(s) : null;
  } catch {
    return null;
  }
}

/** Pure: `ps -o pid= -o ppid= -o pgid= -o stat= -o lstart=` rows (lstart last: it holds spaces). */
export function parsePsRows(stdout: string, boot: string): ProcInfo[] {
  const rows: ProcInfo[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!m) continue;
    const started = Date.parse(m[5]!);
    rows.push({
      pid: Number(m[1]),
      ppid: Number(m[2]),
      pgid: Number(m[3]),
      sid: Number(m[3]),
      zombie: m[4]!.startsWith('Z'),
      start: `${boot}/${Number.isNaN(started) ? m[5] : started / 1000}`,
    });
  }
  return rows;
}

function ps(extra: string[]): ProcInfo[] {
  try {
    const out = execFileSync('ps', [...extra, '-o', 'pid=', '-o', 'ppid=', '-o', 'pgid=', '-o', 'stat=', '-o', 'lstart='], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    return parsePsRows(out, currentBoot());
  } catch {
    return []; // ps exits 1 when the pid is not there
  }
}

/** One process, or null when there is none with that pid. */
export function readProc(pid: number): ProcInfo | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return LINUX ? readLinux(pid) : (ps(['-p', String(pid)])[0] ?? null);
}

/** Every process. */
export function listProcesses(): ProcInfo[] {
  if (!LINUX) return ps(['-A']);
  const rows: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const row = readLinux(Number(name));
    if (row) rows.push(row);
  }
  return rows;
}

/**
 * In the environment of the user's `--notify-on-complete` command (src/jobs/notify-command.ts): it
 * carries the job's id for the user, yet is no process of the agent's, so no marker finds it.
 */
export const NOT_THE_AGENT = 'CODEX_AGENT_NOTIFY=1';

/**
 * Processes whose environment holds `entry` ("NAME=value") and not NOT_THE_AGENT, Linux only ([]
 * elsewhere). Finds the work an agent left behind in sessions of its own after the agent itself died.
 */
export function pidsWithEnv(entry: string): number[] {
  if (!LINUX) return [];
  const has = (env: Buffer, e: string): boolean => {
    const needle = Buffer.from(`${e}\0`);
    return env.subarray(0, needle.length).equals(needle) || env.includes(Buffer.concat([Buffer.from([0]), needle]));
  };
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`);
      if (has(env, entry) && !has(env, NOT_THE_AGENT)) out.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return out;
}

/** Resident memory of a process in bytes (Linux), or null. */
export function residentBytes(pid: number): number | null {
  if (!LINUX) return null;
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
