// Two OS processes updating one job through JobStore.update must never lose an update, and the
// per-job lock must survive dead holders and wait for live ones.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AgentError } from '../../src/errors.js';
import { JobStore } from '../../src/store/job-store.js';
import { selfRef } from '../../src/proc/identity.js';
import { readLockToken, withLock } from '../../src/store/lock.js';
import { recordSchema } from '../../src/store/record.js';
import { makeRecord, tempDir } from '../support/store-record.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const worker = fileURLToPath(new URL('../support/store-worker.mjs', import.meta.url));
const ID = 'c0ffee01';
const PER_WORKER = 500;

let bundleDir: { dir: string; cleanup: () => void };
let bundle: string;

beforeAll(async () => {
  bundleDir = tempDir('codex-agent-store-bundle-');
  bundle = join(bundleDir.dir, 'store.mjs');
  await build({
    stdin: {
      contents: "export { JobStore } from './src/store/job-store.ts';\nexport { withLock } from './src/store/lock.ts';\n",
      resolveDir: repoRoot,
      sourcefile: 'store-entry.ts',
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // yaml (pulled in through src/config.ts) calls require(); give the ESM bundle one, as scripts/build.mjs does.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
});

afterAll(() => bundleDir?.cleanup());

let home: { dir: string; cleanup: () => void };
let store: JobStore;
const children: ChildProcess[] = [];

beforeEach(() => {
  home = tempDir('codex-agent-store-conc-');
  store = new JobStore(home.dir);
  store.create(makeRecord({ id: ID, status: 'running', turn_state: 'working', runner: selfRef() }), 'the prompt');
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
  }
  home.cleanup();
});

/** Starts `store-worker.mjs hold` and resolves once it holds the lock. */
async function holdLock(lockPath: string, ms: number): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [worker, bundle, 'hold', lockPath, String(ms)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('locked\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`holder exited (${code}) before locking: ${stderr}`)));
  });
  return { child, exited };
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => n === '.lock' || n.endsWith('.tmp'));
}

describe('JobStore.update across processes', () => {
  it('loses none of 2 x 500 concurrent read-modify-write updates', async () => {
    const startAt = String(Date.now() + 700);
    const run = (tag: string) =>
      execa(process.execPath, [worker, bundle, 'append', home.dir, ID, tag, String(PER_WORKER), startAt, '1'], { timeout: 50_000 });
    const [a, b] = await Promise.all([run('p1'), run('p2')]);
    expect(a.stdout.trim()).toBe('done');
    expect(b.stdout.trim()).toBe('done');

    // The record on disk parses and holds every entry exactly once.
    const raw: unknown = JSON.parse(readFileSync(store.layout.recordPath(ID), 'utf8'));
    const record = recordSchema.parse(raw);
    const files = record.files_modified;
    expect(files).toHaveLength(2 * PER_WORKER);
    const expected = ['p1', 'p2'].flatMap((tag) => Array.from({ length: PER_WORKER }, (_, i) => `${tag}-${i}`));
    expect([...files].sort()).toEqual([...expected].sort());
    // Each process's own updates land in its order.
    for (const tag of ['p1', 'p2']) {
      expect(files.filter((f) => f.startsWith(`${tag}-`))).toEqual(expected.filter((f) => f.startsWith(`${tag}-`)));
    }
    // And the two really contended: their updates are interleaved, not one run after the other.
    let switches = 0;
    for (let i = 1; i < files.length; i++) if (files[i]!.slice(0, 2) !== files[i - 1]!.slice(0, 2)) switches++;
    expect(switches).toBeGreaterThan(50);

    // No lock or temp file is left behind, in the job folder or the index.
    expect(readdirSync(store.layout.jobDir(ID)).sort()).toEqual(['prompt.txt', 'queue', 'record.json']);
    expect(leftovers(store.layout.indexDir)).toEqual([]);
  });
});

describe('the per-job lock', () => {
  it('breaks a lock whose holder pid is dead, without waiting for it to go stale', async () => {
    const dead = execa(process.execPath, ['-e', '']);
    const deadPid = dead.pid!;
    await dead;
    expect(Number.isInteger(deadPid)).toBe(true);
    const lockPath = store.layout.lockPath(ID);
    // A fresh lock (mtime now), so only the dead-holder rule can break it within staleMs (30 s).
    writeFileSync(lockPath, `${deadPid} ${Date.now()} abc123`, { mode: 0o600 });

    // Without the dead-holder rule this would wait out its 15 s timeout (the lock is not stale for 30 s) and throw.
    const after = store.update(ID, (r) => {
      r.last_message = 'after a dead holder';
    });
    expect(after.last_message).toBe('after a dead holder');
    expect(store.read(ID).last_message).toBe('after a dead holder');
    expect(readLockToken(lockPath)).toBeNull();
  });

  it('makes update wait for a live holder that releases within the timeout', async () => {
    const lockPath = store.layout.lockPath(ID);
    const holdMs = 1_200;
    const { exited } = await holdLock(lockPath, holdMs);
    // The holder's token: "<pid> <when it began to lock> <random>"; it lets go holdMs after that at the earliest.
    const token = readLockToken(lockPath)!;
    expect(token).toMatch(/^\d+ \d+ \S+$/);
    const lockedAt = Number(token.split(' ')[1]);

    // Synchronous: blocks this process until the holder lets go.
    const after = store.update(ID, (r) => {
      r.files_modified.push('/tmp/rec/w2/after-wait.txt');
    });
    // It waited for the holder instead of breaking its lock.
    expect(Date.now()).toBeGreaterThanOrEqual(lockedAt + holdMs);
    expect(after.files_modified).toEqual(['/tmp/rec/w2/after-wait.txt']);
    expect(store.read(ID).files_modified).toEqual(['/tmp/rec/w2/after-wait.txt']);
    expect(await exited).toBe(0);
    expect(readLockToken(lockPath)).toBeNull();
  });

  it('times out, naming the holder, instead of breaking a live holder’s lock', async () => {
    const lockPath = store.layout.lockPath(ID);
    const { child, exited } = await holdLock(lockPath, 3_000);
    const held = readLockToken(lockPath)!;
    expect(held.startsWith(`${child.pid} `)).toBe(true);

    let error: unknown;
    try {
      withLock(lockPath, () => 'never', { timeoutMs: 200 });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AgentError);
    expect((error as Error).message).toMatch(/timed out after 200 ms/);
    expect((error as Error).message).toContain(`pid ${child.pid}`);
    // Still the holder's lock: not broken, not released by the loser.
    expect(readLockToken(lockPath)).toBe(held);
    expect(await exited).toBe(0);
    expect(readLockToken(lockPath)).toBeNull();
  });

  it('an empty lock file (no readable holder) is respected for a moment, then broken long before staleMs', () => {
    const lockPath = join(home.dir, 'other.lock');
    writeFileSync(lockPath, '');
    // Fresh and empty: a file lock's holder may be between open and write, so it is respected.
    expect(() => withLock(lockPath, () => 1, { timeoutMs: 150, staleMs: 30_000 })).toThrow(/timed out .* \(held by a lock file without a readable holder\)/);
    expect(readLockToken(lockPath)).toBe('');

    // A few seconds old: nobody is writing it any more; it names no holder to wait for.
    const old = (Date.now() - 5_000) / 1000;
    utimesSync(lockPath, old, old);
    expect(withLock(lockPath, () => 42, { timeoutMs: 2_000, staleMs: 30_000 })).toBe(42);
    expect(readLockToken(lockPath)).toBeNull();
  });

  it('releases the lock when the update function throws, and leaves the record alone', () => {
    const before = readFileSync(store.layout.recordPath(ID), 'utf8');
    expect(() =>
      store.update(ID, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(existsSync(store.layout.lockPath(ID))).toBe(false);
    expect(readFileSync(store.layout.recordPath(ID), 'utf8')).toBe(before);
  });
});
