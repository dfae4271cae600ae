// A lock file per job (and one for the index), shared by the CLI, the runner and hooks.
// The lock is a symlink whose target is the holder's token ("<pid> <ms> <random>"): symlink(2)
// creates it whole or not at all (never a 0-byte lock), fails when it exists, and needs no data
// block, so locks still work on a full disk (clean and delete can free space). Where symlinks are
// not supported, an O_EXCL file holds the token, removed again if its write fails.
import { closeSync, lstatSync, openSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { AgentError, NotFoundError } from '../errors.js';
import { pidRunning } from '../proc/identity.js';
import { writeAll } from './private-fs.js';
import { asStateRootError } from './state-root.js';

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

const TOKEN_RE = /^(\d+) \d+ \S+$/;
/** A lock whose token cannot be read is broken after this (a file lock is empty only between its open and its write). */
const UNREADABLE_GRACE_MS = 2_000;
/** symlink(2) is refused by the filesystem (some network and FAT filesystems): the file fallback. */
const NO_SYMLINK = new Set(['EPERM', 'ENOSYS', 'ENOTSUP', 'EOPNOTSUPP']);

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

/** The holder's token, or null when there is no lock. A file lock (fallback, or an older version's) is read as a file. */
export function readLockToken(lockPath: string): string | null {
  try {
    return readlinkSync(lockPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code !== 'EINVAL') throw err;
  }
  try {
    return readFileSync(lockPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

let symlinks = true;

/** Creates the lock holding `token`; false when someone else holds it. */
function tryCreate(lockPath: string, token: string): boolean {
  if (symlinks) {
    try {
      symlinkSync(token, lockPath);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (!NO_SYMLINK.has(code ?? '')) throw err;
      symlinks = false;
    }
  }
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeAll(fd, Buffer.from(token));
  } catch (err) {
    // Never leave a lock without its token.
    closeSync(fd);
    rmSync(lockPath, { force: true });
    throw err;
  }
  closeSync(fd);
  return true;
}

/** Tries to take the lock; yields how long to back off before the next try, returns the release. */
function* lockAttempt(lockPath: string, opts: LockOptions): Generator<number, () => void> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const staleMs = opts.staleMs ?? 30_000;
  const token = `${process.pid} ${Date.now()} ${Math.random().toString(36).slice(2, 10)}`;
  const deadline = Date.now() + timeoutMs;
  let delay = 1;
  for (;;) {
    try {
      if (tryCreate(lockPath, token)) return () => releaseIfOurs(lockPath, token);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new NotFoundError(`no such folder for lock ${lockPath} (deleted meanwhile?)`, { cause: err });
      throw asStateRootError(err, lockPath);
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
    if (readLockToken(lockPath) === token) rmSync(lockPath, { force: true });
  } catch {
    // Already gone (broken as stale by someone else), or the root turned read-only: a lock of a
    // process that has exited is broken by the next taker at once.
  }
}

/** Pure: whether a lock may be broken, from its token, its age and whether its holder runs. */
export function lockIsStale(token: string, ageMs: number, staleMs: number, holderRuns: (pid: number) => boolean): boolean {
  if (ageMs > staleMs) return true;
  const m = TOKEN_RE.exec(token);
  // A token that cannot be read names no holder: only a moment's grace (a file lock is empty
  // between its open and its write), not the whole stale period.
  if (!m) return ageMs > UNREADABLE_GRACE_MS;
  // A zombie holder is dead too: it only waits to be reaped.
  return !holderRuns(Number(m[1]));
}

function breakIfStale(lockPath: string, staleMs: number): void {
  let token: string | null;
  let mtimeMs: number;
  try {
    token = readLockToken(lockPath);
    mtimeMs = lstatSync(lockPath).mtimeMs;
  } catch {
    return;
  }
  if (token === null) return;
  if (!lockIsStale(token, Date.now() - mtimeMs, staleMs, pidRunning)) return;
  try {
    if (readLockToken(lockPath) === token) rmSync(lockPath, { force: true });
  } catch {
    // Someone else broke or released it first.
  }
}

function describeHolder(lockPath: string): string {
  try {
    const token = readLockToken(lockPath);
    if (token === null) return 'nobody now';
    const m = TOKEN_RE.exec(token);
    return m ? `pid ${m[1]}` : 'a lock file without a readable holder';
  } catch {
    return 'nobody now';
  }
}
