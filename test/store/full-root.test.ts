// The store on a state root that is full or read-only (a real tmpfs, so the kernel's own short
// writes and errors are what the code meets): nothing half-written, nothing left behind, one
// StateRootError, and locks that still work on a full disk so deleting can free space.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StateRootError } from '../../src/errors.js';
import { JobStore } from '../../src/store/job-store.js';
import { readLockToken, withLock } from '../../src/store/lock.js';
import { appendLine, writeFileAtomic } from '../../src/store/private-fs.js';
import { enqueue, pending } from '../../src/store/queue.js';
import { makeRecord, tempDir } from '../support/store-record.js';
import { Tmpfs, tmpfsProbe } from '../support/tmpfs.js';

const probe = tmpfsProbe();
if (!probe.ok) console.log(`full-root: skipping the full and read-only state root tests: ${probe.why}`);

let tmp: { dir: string; cleanup: () => void };
let fs: Tmpfs;
let store: JobStore;

beforeAll(() => {
  tmp = tempDir('codex-agent-full-root-');
});
afterAll(() => tmp.cleanup());

/** Every file and folder under `dir` that is not the filler, as relative paths. */
function tree(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}${d.name}`;
    if (rel === 'filler') continue;
    out.push(rel);
    if (d.isDirectory()) out.push(...tree(join(dir, d.name), `${rel}/`));
  }
  return out.sort();
}

describe.skipIf(!probe.ok)('on a full state root', () => {
  beforeEach(() => {
    fs = new Tmpfs(join(tmp.dir, `root-${Math.random().toString(36).slice(2, 8)}`), '256k');
    store = new JobStore(fs.dir);
  });
  afterEach(() => fs.dispose());

  it('create fails whole: one StateRootError, no job folder, no half-built folder, nothing indexed', () => {
    store.init();
    fs.fill();
    const before = tree(fs.dir);
    let err: unknown;
    try {
      store.create(makeRecord({ id: 'abcd1234' }), 'x'.repeat(10_000));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StateRootError);
    expect((err as Error).message).toBe(`the state root ${fs.dir} is full (ENOSPC): the job was not created, and nothing of it was left behind`);
    expect(tree(fs.dir)).toEqual(before);
    expect(store.list({ limit: 20, all: true })).toEqual({ records: [], corrupt: [] });
  });

  it('update fails whole: the record is byte-for-byte what it was, no lock and no temp file stay behind', () => {
    store.create(makeRecord({ id: 'abcd1234' }), 'p');
    const bytes = readFileSync(store.layout.recordPath('abcd1234'));
    fs.fill();
    expect(() =>
      store.update('abcd1234', (r) => {
        r.last_message = 'y'.repeat(20_000);
      }),
    ).toThrow(StateRootError);
    expect(readFileSync(store.layout.recordPath('abcd1234')).equals(bytes)).toBe(true);
    expect(readdirSync(store.layout.jobDir('abcd1234')).sort()).toEqual(['prompt.txt', 'queue', 'record.json']);
    // Space again: the same update goes through.
    fs.free();
    expect(store.update('abcd1234', (r) => void (r.last_message = 'now')).last_message).toBe('now');
  });

  it('a write the disk takes only part of (a short write) never leaves a short file in place', () => {
    mkdirSync(join(fs.dir, 'jobs'));
    const path = join(fs.dir, 'jobs', 'big.json');
    writeFileAtomic(path, 'old');
    fs.fill();
    fs.free();
    // Room for less than the whole: write(2) takes a part and says so; the rest then fails.
    writeFileSync(fs.fillerPath, Buffer.alloc(256 * 1024 - 3 * 4096, 0x61));
    expect(() => writeFileAtomic(path, 'z'.repeat(64 * 1024))).toThrow(StateRootError);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(join(fs.dir, 'jobs'))).toEqual(['big.json']);
  });

  it('appendLine adds a whole line or nothing: the next line never glues onto half of one', () => {
    mkdirSync(join(fs.dir, 'index'));
    const log = join(fs.dir, 'index', 'history.log');
    appendLine(log, 'aaaaaaaa');
    fs.fill();
    expect(() => appendLine(log, 'b'.repeat(8192))).toThrow(StateRootError);
    fs.free();
    appendLine(log, 'cccccccc');
    expect(readFileSync(log, 'utf8')).toBe('aaaaaaaa\ncccccccc\n');
  });

  it('locks work on a full disk (no data block needed), and are never empty', () => {
    store.create(makeRecord({ id: 'abcd1234' }), 'p');
    fs.fill();
    const lock = store.layout.lockPath('abcd1234');
    const seen = withLock(lock, () => readLockToken(lock));
    expect(seen).toMatch(new RegExp(`^${process.pid} \\d+ \\S+$`));
    expect(readLockToken(lock)).toBeNull();
  });

  it('a message to a full root is refused whole: nothing queued', () => {
    store.create(makeRecord({ id: 'abcd1234' }), 'p');
    fs.fill();
    expect(() => store.update('abcd1234', () => void enqueue(store.layout, 'abcd1234', 'm'.repeat(10_000)))).toThrow(StateRootError);
    expect(pending(store.layout, 'abcd1234')).toEqual([]);
    expect(readdirSync(store.layout.queueDir('abcd1234'))).toEqual([]);
  });

  it('deleting works on a full root and frees space; clean may go ahead (assertWritable passes)', () => {
    store.create(makeRecord({ id: 'abcd1234', status: 'completed' }), 'p');
    store.create(makeRecord({ id: 'abcd5678', status: 'completed' }), 'p');
    fs.fill();
    expect(() => store.assertWritable('clean removed nothing')).not.toThrow();
    store.deleteMany(['abcd1234']);
    expect(store.allIds()).toEqual(['abcd5678']);
    expect(store.list({ limit: 20 }).records.map((r) => r.id)).toEqual(['abcd5678']);
  });
});

describe.skipIf(!probe.ok)('on a read-only state root', () => {
  beforeEach(() => {
    fs = new Tmpfs(join(tmp.dir, `ro-${Math.random().toString(36).slice(2, 8)}`), '256k');
    store = new JobStore(fs.dir);
    store.create(makeRecord({ id: 'abcd1234' }), 'p');
    fs.readOnly();
  });
  afterEach(() => fs.dispose());

  it('reads work; create, update, locks and assertWritable fail with one StateRootError', () => {
    expect(store.read('abcd1234').id).toBe('abcd1234');
    expect(store.list({ limit: 20 }).records).toHaveLength(1);
    const ro = `the state root ${fs.dir} is read-only (EROFS)`;
    expect(() => store.create(makeRecord({ id: 'abcd5678' }), 'p')).toThrow(`${ro}: the job was not created, and nothing of it was left behind`);
    expect(() => store.update('abcd1234', () => undefined)).toThrow(new StateRootError(fs.dir, 'EROFS'));
    expect(() => withLock(store.layout.indexLock, () => 1)).toThrow(StateRootError);
    expect(() => store.assertWritable('clean removed nothing')).toThrow(`${ro}: clean removed nothing`);
  });

  it('a brand-new state root under a read-only folder says so (not ENOENT)', () => {
    const fresh = new JobStore(join(fs.dir, 'not-yet'));
    expect(() => fresh.create(makeRecord({ id: 'abcd5678' }), 'p')).toThrow(StateRootError);
  });
});
