// Which process a record means: a pid alone is not enough (zombies answer kill(pid, 0), pids are
// reused, a reboot starts the count again), so every process we track is a pid with its start.
import * as z from 'zod';
import { bootOf, currentBoot, readProc, type ProcInfo } from './table.js';

type Seen = Pick<ProcInfo, 'zombie' | 'start'>;

export const procRefSchema = z.object({
  pid: z.number().int().positive(),
  /** The process's start token; null only in records written before it was kept (cannot be verified). */
  start: z.string().nullable(),
});
export type ProcRef = z.infer<typeof procRefSchema>;

/** running: this very process runs; gone: it exited (or the pid now belongs to another); unverifiable: no start kept. */
export type RefState = 'running' | 'gone' | 'unverifiable';

/** Pure over what the process table says about the ref's pid. */
export function refStateOf(ref: ProcRef, info: Seen | null): RefState {
  if (info === null || info.zombie) return 'gone';
  if (ref.start === null) return 'unverifiable';
  return info.start === ref.start ? 'running' : 'gone';
}

export function refState(ref: ProcRef): RefState {
  return refStateOf(ref, readProc(ref.pid));
}

export function isRunning(ref: ProcRef): boolean {
  return refState(ref) === 'running';
}

/** The ref of a live process, or null. */
export function refOf(pid: number): ProcRef | null {
  const info = readProc(pid);
  return info && !info.zombie ? { pid, start: info.start } : null;
}

export function selfRef(): ProcRef {
  return refOf(process.pid) ?? { pid: process.pid, start: null };
}

/** Whether the ref was taken before the machine last started: then nothing of it can still run. */
export function fromEarlierBoot(ref: ProcRef, boot: string = currentBoot()): boolean {
  return ref.start !== null && boot !== 'unknown' && bootOf(ref.start) !== boot;
}

/** A pid that runs and is not a zombie, whoever it is (lock holders, which keep no start). */
export function pidRunning(pid: number): boolean {
  const info = readProc(pid);
  return info !== null && !info.zombie;
}
