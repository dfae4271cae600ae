import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptRecordError, NotFoundError, UsageError } from '../../src/errors.js';
import { appendHistory, historyNewestFirst } from '../../src/store/history.js';
import { JobStore } from '../../src/store/job-store.js';
import { Layout } from '../../src/store/layout.js';
import { enqueue, pending, readQueued, removeQueued } from '../../src/store/queue.js';
import type { JobRecord } from '../../src/store/record.js';
import { makeRecord, tempDir } from '../support/store-record.js';

let tmp: { dir: string; cleanup: () => void };
let home: string;
let store: JobStore;

beforeEach(() => {
  tmp = tempDir('codex-agent-store-');
  home = join(tmp.dir, 'state');
  store = new JobStore(home);
});
afterEach(() => tmp.cleanup());

const mode = (path: string): number => statSync(path).mode & 0o777;

/** Creates a job whose created_at sorts by `n`. */
function createJob(id: string, n: number, overrides: Partial<JobRecord> = {}): JobRecord {
  const created_at = new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  const record = makeRecord({ id, created_at, updated_at: created_at, ...overrides });
  store.create(record, `prompt of ${id}`);
  return record;
}

const finished = { status: 'completed', turn_state: 'idle' } as const;
const active = { status: 'running', turn_state: 'working' } as const;

describe('create / read / update', () => {
  it('round-trips a record and its prompt, and update stamps updated_at', () => {
    const rec = createJob('abcd1234', 1);
    expect(store.read('abcd1234')).toEqual(rec);
    expect(store.readPrompt('abcd1234')).toBe('prompt of abcd1234');
    expect(store.exists('abcd1234')).toBe(true);

    const before = Date.now();
    const next = store.update('abcd1234', (r) => {
      r.status = 'running';
      r.files_modified.push('/tmp/rec/w2/a.txt');
    });
    expect(next.status).toBe('running');
    expect(Date.parse(next.updated_at)).toBeGreaterThanOrEqual(before - 1);
    expect(store.read('abcd1234')).toEqual(next);
    // The function may also return a replacement instead of editing the draft.
    const replaced = store.update('abcd1234', (r) => ({ ...r, last_message: 'replaced' }));
    expect(store.read('abcd1234').last_message).toBe('replaced');
    expect(replaced.files_modified).toEqual(['/tmp/rec/w2/a.txt']);
  });

  it('read throws NotFoundError and tryRead returns null for a job that does not exist', () => {
    expect(store.tryRead('deadbeef')).toBeNull();
    expect(() => store.read('deadbeef')).toThrow(NotFoundError);
    expect(store.exists('deadbeef')).toBe(false);
    // update must not bring a missing (e.g. just cleaned) job back into existence.
    store.init();
    expect(() => store.update('deadbeef', () => undefined)).toThrow();
    expect(existsSync(store.layout.jobDir('deadbeef'))).toBe(false);
  });

  it('refuses to create a second job with a taken id and keeps the first', () => {
    createJob('abcd1234', 1, { prompt_head: 'first' });
    expect(() => createJob('abcd1234', 2, { prompt_head: 'second' })).toThrow();
    expect(store.read('abcd1234').prompt_head).toBe('first');
    expect(store.readPrompt('abcd1234')).toBe('prompt of abcd1234');
  });

  it('rejects an invalid record on create and a schema-breaking edit on update, writing nothing', () => {
    expect(() => store.create({ ...makeRecord({ id: 'abcd1234' }), sandbox: 'yolo' } as unknown as JobRecord, 'p')).toThrow(CorruptRecordError);
    expect(existsSync(store.layout.jobDir('abcd1234'))).toBe(false);

    createJob('abcd1234', 1);
    const bytes = readFileSync(store.layout.recordPath('abcd1234'));
    expect(() =>
      store.update('abcd1234', (r) => {
        (r as { status: string }).status = 'exploded';
      }),
    ).toThrow(/status/);
    expect(readFileSync(store.layout.recordPath('abcd1234')).equals(bytes)).toBe(true);
    expect(existsSync(store.layout.lockPath('abcd1234'))).toBe(false);
  });
});

describe('permissions', () => {
  it('makes folders 0700 and files 0600, even when the state root existed with a wider mode', () => {
    mkdirSync(home, { mode: 0o755 });
    chmodSync(home, 0o755);
    createJob('abcd1234', 1, active);
    enqueue(store.layout, 'abcd1234', 'follow-up');
    const L = store.layout;
    for (const dir of [home, L.jobsDir, L.indexDir, L.activeDir, L.jobDir('abcd1234'), L.queueDir('abcd1234')]) {
      expect({ dir, mode: mode(dir).toString(8) }).toEqual({ dir, mode: '700' });
    }
    const queued = join(L.queueDir('abcd1234'), pending(L, 'abcd1234')[0]!);
    for (const file of [L.promptPath('abcd1234'), L.recordPath('abcd1234'), L.historyLog, L.activeMarker('abcd1234'), queued]) {
      expect({ file, mode: mode(file).toString(8) }).toEqual({ file, mode: '600' });
    }
    // A rewrite (temp file + rename) keeps the record private too.
    store.update('abcd1234', (r) => {
      r.last_message = 'x';
    });
    expect(mode(L.recordPath('abcd1234')).toString(8)).toBe('600');
  });
});

describe('corrupt records', () => {
  const cases: [string, (valid: JobRecord) => string, RegExp][] = [
    ['bad JSON', () => '{"version": 1, "id": "abcd12', /not valid JSON/],
    ['valid JSON failing the schema', (v) => JSON.stringify({ ...v, status: 'exploded' }), /status/],
    ['a record of a later version', (v) => JSON.stringify({ ...v, version: 3 }), /version/],
    ['a record of no version', (v) => JSON.stringify({ ...v, version: undefined }), /version/],
    ['a version 1 record that does not migrate (a pid that is no pid)', (v) => JSON.stringify({ ...v, version: 1, runner: undefined, agent_procs: undefined, runner_pid: 'x', codex_pid: null, status: 'exploded' }), /status/],
  ];
  it.each(cases)('%s: read throws CorruptRecordError naming the path, update leaves the bytes alone', (_name, corrupt, detail) => {
    const valid = createJob('abcd1234', 1);
    const path = store.layout.recordPath('abcd1234');
    writeFileSync(path, corrupt(valid));
    const bytes = readFileSync(path);

    let err: unknown;
    try {
      store.read('abcd1234');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CorruptRecordError);
    expect((err as CorruptRecordError).path).toBe(path);
    expect((err as Error).message).toContain(path);
    expect((err as Error).message).toMatch(detail);
    expect(() => store.tryRead('abcd1234')).toThrow(CorruptRecordError);

    expect(() =>
      store.update('abcd1234', (r) => {
        r.status = 'failed';
      }),
    ).toThrow(CorruptRecordError);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(store.layout.lockPath('abcd1234'))).toBe(false);
  });
});

describe('list', () => {
  // Creation order: f1 f2 a1 f3 f4 a2 f5 f6 (created_at follows it).
  function populate(): void {
    createJob('f0000001', 1, finished);
    createJob('f0000002', 2, finished);
    createJob('a0000001', 3, active);
    createJob('f0000003', 4, finished);
    createJob('f0000004', 5, finished);
    createJob('a0000002', 6, { status: 'pending', turn_state: 'starting' });
    createJob('f0000005', 7, finished);
    createJob('f0000006', 8, { status: 'failed', turn_state: 'idle' });
  }
  const ids = (r: { records: JobRecord[] }) => r.records.map((x) => x.id);

  it('lists active jobs plus the newest finished ones up to the limit, newest first', () => {
    populate();
    expect(ids(store.list({ limit: 4 }))).toEqual(['f0000006', 'f0000005', 'a0000002', 'a0000001']);
    expect(ids(store.list({ limit: 5 }))).toEqual(['f0000006', 'f0000005', 'a0000002', 'f0000004', 'a0000001']);
    // Active jobs are always listed, even beyond the limit.
    expect(ids(store.list({ limit: 1 }))).toEqual(['a0000002', 'a0000001']);
    expect(ids(store.list({ limit: 100 }))).toHaveLength(8);
    expect(ids(store.list({ limit: 1, all: true }))).toEqual([
      'f0000006',
      'f0000005',
      'a0000002',
      'f0000004',
      'f0000003',
      'a0000001',
      'f0000002',
      'f0000001',
    ]);
  });

  it('does not read older finished records: a corrupt old one is only seen with all', () => {
    populate();
    writeFileSync(store.layout.recordPath('f0000001'), 'not json at all');
    const limited = store.list({ limit: 4 });
    expect(limited.corrupt).toEqual([]);
    expect(ids(limited)).toEqual(['f0000006', 'f0000005', 'a0000002', 'a0000001']);

    const everything = store.list({ limit: 4, all: true });
    expect(everything.corrupt).toHaveLength(1);
    expect(everything.corrupt[0]!.id).toBe('f0000001');
    expect(everything.corrupt[0]!.error).toContain(store.layout.recordPath('f0000001'));
    expect(ids(everything)).toHaveLength(7);
  });

  it('reports a corrupt record within the limit instead of hiding it, and counts it', () => {
    populate();
    writeFileSync(store.layout.recordPath('f0000006'), '{}');
    const listed = store.list({ limit: 4 });
    expect(listed.corrupt.map((c) => c.id)).toEqual(['f0000006']);
    expect(ids(listed)).toEqual(['f0000005', 'a0000002', 'a0000001']);
  });

  it('follows status changes: a finished job leaves the active set, a resumed one rejoins it', () => {
    populate();
    store.update('a0000001', (r) => {
      r.status = 'completed';
    });
    expect(existsSync(store.layout.activeMarker('a0000001'))).toBe(false);
    expect(ids(store.list({ limit: 1 }))).toEqual(['a0000002']);

    store.update('f0000001', (r) => {
      r.status = 'running';
    });
    expect(existsSync(store.layout.activeMarker('f0000001'))).toBe(true);
    expect(ids(store.list({ limit: 1 }))).toEqual(['a0000002', 'f0000001']);
  });

  it('lists nothing, creating nothing, when the state root does not exist', () => {
    expect(store.list({ limit: 20 })).toEqual({ records: [], corrupt: [] });
    expect(store.list({ limit: 20, all: true })).toEqual({ records: [], corrupt: [] });
    expect(existsSync(home)).toBe(false);
  });
});

describe('history log', () => {
  it('reads back newest first across chunk boundaries, skipping junk lines', () => {
    const layout = new Layout(home);
    store.init();
    const written: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const id = (0x10000000 + i * 7919).toString(16);
      written.push(id);
      appendHistory(layout, id);
      if (i === 1000) appendHistory(layout, '../../etc/passwd');
    }
    // 4000 ids of 9 bytes span several 8 KiB chunks.
    expect(statSync(layout.historyLog).size).toBeGreaterThan(3 * 8192);
    expect([...historyNewestFirst(layout)]).toEqual(written.reverse());
  });
});

describe('resolve', () => {
  beforeEach(() => {
    createJob('abcd0001', 1);
    createJob('abcd0002', 2);
    createJob('abce0003', 3);
  });

  it('resolves a full id and a unique prefix of 4 or more', () => {
    expect(store.resolve('abcd0001')).toBe('abcd0001');
    expect(store.resolve('abce')).toBe('abce0003');
    expect(store.resolve('abce00')).toBe('abce0003');
    expect(store.resolve('abce0003')).toBe('abce0003');
  });

  it('throws UsageError naming the candidates for an ambiguous prefix', () => {
    expect(() => store.resolve('abcd')).toThrow(UsageError);
    expect(() => store.resolve('abcd')).toThrow(/ambiguous.*abcd0001.*abcd0002|ambiguous.*abcd0002.*abcd0001/);
  });

  it('throws NotFoundError when nothing matches', () => {
    expect(() => store.resolve('ffff')).toThrow(NotFoundError);
    expect(() => store.resolve('abcd0009')).toThrow(NotFoundError);
  });

  it.each(['../x', 'ABCDEF12', 'abc', '12345678/', 'abcd00011', '', 'abcd 001', '../../etc'])(
    'rejects %j with UsageError before touching any file',
    (input) => {
      // A state root that does not exist stays that way.
      const fresh = new JobStore(join(tmp.dir, 'untouched'));
      expect(() => fresh.resolve(input)).toThrow(UsageError);
      expect(existsSync(join(tmp.dir, 'untouched'))).toBe(false);
      // And where listing the jobs folder would fail (it is a file), validation still comes first.
      const trap = join(tmp.dir, 'trap');
      mkdirSync(trap, { recursive: true });
      writeFileSync(join(trap, 'jobs'), '');
      expect(() => new JobStore(trap).resolve(input)).toThrow(UsageError);
    },
  );

  it('never builds a path from an invalid id', () => {
    expect(() => store.layout.recordPath('../abcd0001')).toThrow(/refusing/);
    expect(() => store.layout.activeMarker('ABCD0001')).toThrow(/refusing/);
  });
});

describe('deleteMany', () => {
  it('removes the folders, the active markers and the history entries', () => {
    createJob('a0000001', 1, finished);
    createJob('a0000002', 2, active);
    createJob('a0000003', 3, finished);
    createJob('a0000004', 4, finished);
    store.deleteMany(['a0000002', 'a0000003']);

    expect(store.allIds().sort()).toEqual(['a0000001', 'a0000004']);
    expect(existsSync(store.layout.jobDir('a0000002'))).toBe(false);
    expect(existsSync(store.layout.activeMarker('a0000002'))).toBe(false);
    expect(readFileSync(store.layout.historyLog, 'utf8')).toBe('a0000001\na0000004\n');
    expect(store.list({ limit: 10 }).records.map((r) => r.id)).toEqual(['a0000004', 'a0000001']);
    expect(readdirSync(store.layout.indexDir).filter((n) => n.endsWith('.tmp') || n === '.lock')).toEqual([]);

    store.delete('a0000001');
    store.delete('a0000004');
    expect(readFileSync(store.layout.historyLog, 'utf8')).toBe('');
    expect(store.list({ limit: 10, all: true })).toEqual({ records: [], corrupt: [] });
  });

  it('does nothing for an empty list', () => {
    createJob('a0000001', 1);
    store.deleteMany([]);
    expect(store.allIds()).toEqual(['a0000001']);
  });
});

describe('queue', () => {
  beforeEach(() => createJob('abcd1234', 1, active));

  /** Reads and removes the oldest message, the way a runner takes it; null when none is queued. */
  function take(L: Layout, id: string): string | null {
    const next = pending(L, id)[0];
    if (next === undefined) return null;
    const text = readQueued(L, id, next);
    removeQueued(L, id, next);
    return text;
  }

  it('hands messages back oldest first, even many within one millisecond', () => {
    const L = store.layout;
    const sent = Array.from({ length: 60 }, (_, i) => `message ${i}`);
    const names = sent.map((m) => enqueue(L, 'abcd1234', m));
    expect(pending(L, 'abcd1234')).toEqual(names);
    expect(new Set(names).size).toBe(60);
    const got: string[] = [];
    for (let m = take(L, 'abcd1234'); m !== null; m = take(L, 'abcd1234')) got.push(m);
    expect(got).toEqual(sent);
    expect(pending(L, 'abcd1234')).toEqual([]);
  });

  it('keeps multi-line text intact and ignores stray files in the queue folder', () => {
    const L = store.layout;
    writeFileSync(join(L.queueDir('abcd1234'), '.0000000000000000-abcdef.msg.1.tmp'), 'half-written');
    writeFileSync(join(L.queueDir('abcd1234'), 'notes.txt'), 'not a message');
    const name = enqueue(L, 'abcd1234', 'line one\nline two\n');
    expect(name).toMatch(/^\d{16}-[0-9a-f]{6}\.msg$/);
    expect(pending(L, 'abcd1234')).toEqual([name]);
    expect(readQueued(L, 'abcd1234', name)).toBe('line one\nline two\n');
    // Reading does not take it; removing does, and removing again is harmless.
    expect(pending(L, 'abcd1234')).toEqual([name]);
    removeQueued(L, 'abcd1234', name);
    removeQueued(L, 'abcd1234', name);
    expect(pending(L, 'abcd1234')).toEqual([]);
    expect(readdirSync(L.queueDir('abcd1234')).sort()).toEqual(['.0000000000000000-abcdef.msg.1.tmp', 'notes.txt']);
  });

  it('reads a message removed meanwhile as an error, not as empty text', () => {
    const L = store.layout;
    const name = enqueue(L, 'abcd1234', 'x');
    removeQueued(L, 'abcd1234', name);
    expect(() => readQueued(L, 'abcd1234', name)).toThrow(/ENOENT/);
  });

  it('never builds a path from a name that is not a queue entry', () => {
    const L = store.layout;
    for (const bad of ['../record.json', 'notes.txt', '0000000000000000-abcdef.msg/../../x', '.0000000000000000-abcdef.msg.1.tmp', '']) {
      expect(() => readQueued(L, 'abcd1234', bad)).toThrow(/refusing/);
      expect(() => removeQueued(L, 'abcd1234', bad)).toThrow(/refusing/);
    }
    expect(existsSync(L.recordPath('abcd1234'))).toBe(true);
  });

  it('has nothing pending for a job without a queue folder', () => {
    expect(pending(store.layout, 'deadbeef')).toEqual([]);
  });
});

describe('creating a job whole', () => {
  it('builds the folder under a temporary name and renames it into place: nothing else is left in jobs/', () => {
    createJob('abcd1234', 1);
    expect(readdirSync(store.layout.jobsDir)).toEqual(['abcd1234']);
    expect(readdirSync(store.layout.jobDir('abcd1234')).sort()).toEqual(['prompt.txt', 'queue', 'record.json']);
    expect(mode(store.layout.jobDir('abcd1234'))).toBe(0o700);
    expect(mode(store.layout.queueDir('abcd1234'))).toBe(0o700);
  });

  it('takes the job back when it cannot be indexed: no folder that listing would never show', () => {
    store.init();
    // A history log that cannot be appended to (a folder in its place).
    mkdirSync(store.layout.historyLog);
    expect(() => createJob('abcd1234', 1, active)).toThrow();
    expect(readdirSync(store.layout.jobsDir)).toEqual([]);
    expect(existsSync(store.layout.activeMarker('abcd1234'))).toBe(false);
  });

  it('removes the folders of creates that never finished once their process is gone or they are old, and keeps a live one', () => {
    store.init();
    const dead = join(store.layout.jobsDir, '.creating-abcd1234-999999999-abc123');
    const live = store.layout.creatingDir('abcd5678', `${process.pid}-def456`);
    mkdirSync(join(dead, 'queue'), { recursive: true });
    mkdirSync(join(live, 'queue'), { recursive: true });
    writeFileSync(join(dead, 'record.json'), '{}');
    // Invisible to listing all along.
    expect(store.allIds()).toEqual([]);
    expect(store.list({ limit: 10, all: true })).toEqual({ records: [], corrupt: [] });
    expect(store.removeStaleCreates()).toBe(1);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    // An hour-old one goes even if its pid now runs (a reused pid).
    expect(store.removeStaleCreates(0)).toBe(1);
    expect(readdirSync(store.layout.jobsDir)).toEqual([]);
  });

  it('never builds a temporary folder name from an invalid id or tag', () => {
    expect(() => store.layout.creatingDir('../x', '1-a')).toThrow(/refusing/);
    expect(() => store.layout.creatingDir('abcd1234', '../../x')).toThrow(/refusing/);
  });
});

describe('check', () => {
  it('takes a record that passes the schema and gives null for anything else', () => {
    const r = makeRecord({ id: 'abcd1234' });
    expect(store.check(JSON.parse(JSON.stringify(r)))).toEqual(r);
    expect(store.check({ ...r, status: 'exploded' })).toBeNull();
    expect(store.check('garbage')).toBeNull();
  });
});

describe('the active marker follows a status change in the safe order', () => {
  it('a job that becomes active again is marked before its record says so; a finished one after', () => {
    createJob('abcd1234', 1, finished);
    expect(existsSync(store.layout.activeMarker('abcd1234'))).toBe(false);
    store.update('abcd1234', (r) => void Object.assign(r, active));
    expect(existsSync(store.layout.activeMarker('abcd1234'))).toBe(true);
    store.update('abcd1234', (r) => void Object.assign(r, finished));
    expect(existsSync(store.layout.activeMarker('abcd1234'))).toBe(false);
  });
});
