// withLockAsync: the job lock held across awaits (typing into a job's terminal), shared with the
// synchronous withLock, waiting without blocking the event loop, and released however fn ends.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentError, NotFoundError } from '../../src/errors.js';
import { lockIsStale, readLockToken, withLock, withLockAsync } from '../../src/store/lock.js';
import { tempDir } from '../support/store-record.js';

let tmp: { dir: string; cleanup: () => void };
let lockPath: string;

beforeEach(() => {
  tmp = tempDir('codex-agent-lock-');
  lockPath = join(tmp.dir, 'job.lock');
});
afterEach(() => tmp.cleanup());

describe('withLockAsync', () => {
  it('returns what fn resolves to and leaves no lock file behind', async () => {
    await expect(withLockAsync(lockPath, async () => 42)).resolves.toBe(42);
    expect(readLockToken(lockPath)).toBeNull();
  });

  it('holds the lock across an await: the file names this process, and withLock cannot take it', async () => {
    await withLockAsync(lockPath, async () => {
      await sleep(20);
      expect(readLockToken(lockPath)!.split(' ')[0]).toBe(String(process.pid));
      await sleep(20);
      // A synchronous taker in this process gives up: the holder is alive (us), so it is not stale.
      expect(() => withLock(lockPath, () => 'taken', { timeoutMs: 50 })).toThrow(/timed out after 50 ms waiting for lock .*job\.lock \(held by pid \d+\)/);
      expect(readLockToken(lockPath)).not.toBeNull();
    });
    expect(readLockToken(lockPath)).toBeNull();
    expect(withLock(lockPath, () => 'taken')).toBe('taken');
  });

  it('a second async caller waits for the first to finish, without blocking the event loop', async () => {
    const log: string[] = [];
    const first = withLockAsync(lockPath, async () => {
      log.push('A in');
      await sleep(150);
      log.push('A out');
      return 'A';
    });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const second = withLockAsync(lockPath, async () => {
      log.push('B in');
      return ticks;
    });
    const [a, ticksWhenB] = await Promise.all([first, second]);
    clearInterval(ticker);
    expect(a).toBe('A');
    // B ran only after A let go; had B blocked the event loop while waiting, A's timer could not
    // have fired to let go, and B would have timed out instead.
    expect(log).toEqual(['A in', 'A out', 'B in']);
    // Timers kept firing while B waited: it backs off with setTimeout, not Atomics.wait.
    expect(ticksWhenB).toBeGreaterThanOrEqual(1);
  });

  it('many concurrent callers run one at a time and lose no read-modify-write update', async () => {
    const counter = join(tmp.dir, 'counter');
    writeFileSync(counter, '0');
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLockAsync(lockPath, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          const n = Number(readFileSync(counter, 'utf8'));
          await sleep(5);
          writeFileSync(counter, String(n + 1));
          inside--;
        }),
      ),
    );
    expect(readFileSync(counter, 'utf8')).toBe('8');
    expect(maxInside).toBe(1);
  });

  it('releases the lock when fn throws after an await, and rethrows the error', async () => {
    const boom = new Error('boom');
    await expect(
      withLockAsync(lockPath, async () => {
        await sleep(10);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(readLockToken(lockPath)).toBeNull();
    // Free at once: a lock left behind would make this time out (it is not stale for 30 s).
    await expect(withLockAsync(lockPath, async () => 'free', { timeoutMs: 5_000 })).resolves.toBe('free');
  });

  it('a waiter released by a throwing holder gets the lock', async () => {
    const order: string[] = [];
    const failing = withLockAsync(lockPath, async () => {
      order.push('holder');
      await sleep(50);
      throw new Error('holder failed');
    });
    const waiter = withLockAsync(lockPath, async () => {
      order.push('waiter');
      return 'ok';
    });
    await expect(failing).rejects.toThrow('holder failed');
    await expect(waiter).resolves.toBe('ok');
    expect(order).toEqual(['holder', 'waiter']);
  });

  it('times out with an AgentError naming the live holder, and does not run fn', async () => {
    writeFileSync(lockPath, `${process.pid} ${Date.now()} other-holder`);
    let ran = false;
    const err = await withLockAsync(
      lockPath,
      async () => {
        ran = true;
      },
      { timeoutMs: 100 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentError);
    expect((err as Error).message).toBe(`timed out after 100 ms waiting for lock ${lockPath} (held by pid ${process.pid})`);
    expect(ran).toBe(false);
    // The live holder's lock is untouched.
    expect(readFileSync(lockPath, 'utf8')).toMatch(/other-holder$/);
  });

  it('waits for a lock held by another live process and takes it once that process lets go', async () => {
    // The child takes the lock file itself (O_EXCL, its pid inside) and removes it after 300 ms.
    const script = `
      const fs = require('node:fs');
      const fd = fs.openSync(process.argv[1], 'wx', 0o600);
      fs.writeSync(fd, process.pid + ' ' + Date.now() + ' child');
      fs.closeSync(fd);
      process.stdout.write('held\\n');
      setTimeout(() => { fs.rmSync(process.argv[1]); process.exit(0); }, 300);
    `;
    const child = spawn(process.execPath, ['-e', script, lockPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    // The child's token says when it took the lock; it lets go 300 ms after that at the earliest.
    const lockedAt = Number(readFileSync(lockPath, 'utf8').split(' ')[1]);
    const seen = await withLockAsync(lockPath, async () => readLockToken(lockPath)!, { timeoutMs: 15_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(lockedAt + 300);
    expect(seen.split(' ')[0]).toBe(String(process.pid));
    await exited;
  });

  it('breaks the lock of a dead holder at once', async () => {
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(lockPath, `${gone.pid} ${Date.now()} dead`);
    // A fresh lock that is not stale for a minute: only the dead-holder rule can free it in time.
    await expect(withLockAsync(lockPath, async () => 'mine', { timeoutMs: 10_000, staleMs: 60_000 })).resolves.toBe('mine');
  });

  it('rejects with NotFoundError when the folder is gone, without running fn', async () => {
    let ran = false;
    const missing = join(tmp.dir, 'no-such-job', 'job.lock');
    await expect(
      withLockAsync(missing, async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(ran).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});

describe('lockIsStale (pure)', () => {
  const alive = (): boolean => true;
  const dead = (): boolean => false;
  it.each<[string, string, number, (pid: number) => boolean, boolean]>([
    ['a live holder, young', '123 1700000000000 abc', 1_000, alive, false],
    ['a dead holder, young: broken at once', '123 1700000000000 abc', 10, dead, true],
    ['a live holder past staleMs', '123 1700000000000 abc', 31_000, alive, true],
    ['no readable holder, a moment old: its writer may be between open and write', '', 500, alive, false],
    ['no readable holder, a few seconds old: broken, not waited on for 30 s', '', 2_500, alive, true],
    ['garbage instead of a token, a few seconds old', 'garbage', 3_000, alive, true],
  ])('%s', (_name, token, age, runs, stale) => {
    expect(lockIsStale(token, age, 30_000, runs)).toBe(stale);
  });
});

describe('the lock itself', () => {
  it('is a symlink holding the token whole: there is never an empty lock', () => {
    withLock(lockPath, () => {
      expect(lstatSync(lockPath).isSymbolicLink()).toBe(true);
      expect(readLockToken(lockPath)).toMatch(new RegExp(`^${process.pid} \\d+ [0-9a-z]+$`));
    });
    expect(readLockToken(lockPath)).toBeNull();
  });

  it('reads a file lock (an older version’s) and respects its live holder', () => {
    writeFileSync(lockPath, `${process.pid} ${Date.now()} file-holder`);
    expect(readLockToken(lockPath)).toMatch(new RegExp(`^${process.pid} \\d+ file-holder$`));
    expect(() => withLock(lockPath, () => 1, { timeoutMs: 50 })).toThrow(/held by pid/);
  });
});
