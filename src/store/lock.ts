// A lock file per job (and one for the index), shared by the CLI, the runner and hooks.
// O_EXCL creation is atomic on local filesystems; the holder's pid lets a dead holder's lock be broken.
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { AgentError, NotFoundError } from '../errors.js';
import { pidRunning } from '../proc/identity.js';

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

export interface LockOptions {
  timeoutMs?: number;
  /** A lock older than this whose holder we cannot prove alive is considered stale. */
  staleMs?: number;
}

export function withLock<T>(lockPath: string, fn: () => T, opts: LockOptions = {}): T {
  const release = acquire(lockPath, opts);
  try {
    return fn();
  } finally {
    release();
  }
}

/** The same lock for work that awaits while holding it (typing into a job's terminal). */
export async function withLockAsync<T>(lockPath: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  let release: (() => void) | undefined;
  const attempt = lockAttempt(lockPath, opts);
  for (;;) {
    const step = attempt.next();
    if (step.done) {
      release = step.value;
      break;
    }
    await new Promise((r) => setTimeout(r, step.value));
  }
  try {
    return await fn();
  } finally {
    release();
  }
}

function acquire(lockPath: string, opts: LockOptions): () => void {
  const attempt = lockAttempt(lockPath, opts);
  for (;;) {
    const step = attempt.next();
    if (step.done) return step.value;
    sleepSync(step.value);
  }
}

/** Tries to take the lock; yields how long to back off before the next try, returns the release. */
function* lockAttempt(lockPath: string, opts: LockOptions): Generator<number, () => void> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const staleMs = opts.staleMs ?? 30_000;
  const token = `${process.pid} ${Date.now()} ${Math.random().toString(36).slice(2)}`;
  const deadline = Date.now() + timeoutMs;
  let delay = 1;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, token);
      closeSync(fd);
      return () => releaseIfOurs(lockPath, token);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new NotFoundError(`no such folder for lock ${lockPath} (deleted meanwhile?)`, { cause: err });
      if (code !== 'EEXIST') throw err;
    }
    breakIfStale(lockPath, staleMs);
    if (Date.now() > deadline) {
      throw new AgentError(`timed out after ${timeoutMs} ms waiting for lock ${lockPath} (held by ${describeHolder(lockPath)})`);
    }
    yield delay + Math.random() * delay;
    // A short cap keeps a waiter from being starved by a holder that re-takes the lock in a loop.
    delay = Math.min(delay * 2, 8);
  }
}

function releaseIfOurs(lockPath: string, token: string): void {
  try {
    if (readFileSync(lockPath, 'utf8') === token) rmSync(lockPath, { force: true });
  } catch {
    // Already gone (broken as stale by someone else): nothing to release.
  }
}

function breakIfStale(lockPath: string, staleMs: number): void {
  let content: string;
  let mtimeMs: number;
  try {
    content = readFileSync(lockPath, 'utf8');
    mtimeMs = statSync(lockPath).mtimeMs;
  } catch {
    return;
  }
  const pid = Number(content.split(' ')[0]);
  // A zombie holder is dead too: it only waits to be reaped.
  const holderDead = Number.isInteger(pid) && pid > 0 && !pidRunning(pid);
  // An empty file means the holder is between open and write: only its age can condemn it.
  if (holderDead || Date.now() - mtimeMs > staleMs) {
    try {
      if (readFileSync(lockPath, 'utf8') === content) rmSync(lockPath, { force: true });
    } catch {
      // Someone else broke or released it first.
    }
  }
}


function describeHolder(lockPath: string): string {
  try {
    const pid = readFileSync(lockPath, 'utf8').split(' ')[0];
    return `pid ${pid}`;
  } catch {
    return 'nobody now';
  }
}
