// The runner's writes while the state root cannot take them: kept in memory, in order, seen by
// the runner's own reads, written together once the root takes them; an unreadable record is no
// write fault and stops the runner once.
import { describe, expect, it } from 'vitest';
import { CorruptRecordError, StateRootError } from '../../src/errors.js';
import { RecordWriter } from '../../src/runner/record-writer.js';
import type { JobStore } from '../../src/store/job-store.js';
import type { JobRecord } from '../../src/store/record.js';
import { beginTurn, closeTurn, currentTurn } from '../../src/jobs/lifecycle.js';
import { makeRecord } from '../support/store-record.js';

/** A store of one record in memory that can be made full, read-only or corrupt. */
class FakeStore {
  record: JobRecord = makeRecord({ id: 'abcd1234', updated_at: '2026-01-01T00:00:00.000Z' });
  fault: 'ENOSPC' | 'EROFS' | 'corrupt' | null = null;
  writes = 0;
  read(): JobRecord {
    if (this.fault === 'corrupt') throw new CorruptRecordError('/s/jobs/abcd1234/record.json', 'not valid JSON');
    return structuredClone(this.record);
  }
  update(_id: string, fn: (r: JobRecord) => void): JobRecord {
    const draft = this.read();
    fn(draft);
    if (this.fault === 'ENOSPC' || this.fault === 'EROFS') throw new StateRootError('/s', this.fault);
    draft.updated_at = new Date(Date.parse(this.record.updated_at) + 1000).toISOString();
    this.writes++;
    this.record = draft;
    return structuredClone(draft);
  }
}

function setup(): { store: FakeStore; writer: RecordWriter; said: string[]; fatal: Error[] } {
  const store = new FakeStore();
  const said: string[] = [];
  const fatal: Error[] = [];
  const writer = new RecordWriter(store as unknown as JobStore, 'abcd1234', { say: (l) => said.push(l), onFatal: (e) => fatal.push(e) });
  return { store, writer, said, fatal };
}

describe('RecordWriter', () => {
  it('writes at once while the root takes writes', () => {
    const { store, writer, said } = setup();
    expect(writer.update((r) => void (r.last_message = 'one')).last_message).toBe('one');
    expect(store.record.last_message).toBe('one');
    expect(writer.blocked).toBeNull();
    expect(said).toEqual([]);
  });

  it('keeps edits in order while the root is full, shows them in its reads, and writes them all in one go once it can', async () => {
    const { store, writer, said } = setup();
    store.fault = 'ENOSPC';
    writer.update((r) => void beginTurn(r, '2026-01-01T00:00:01.000Z'));
    writer.update((r) => void (r.files_modified = ['/w/a.txt']));
    writer.update((r) => closeTurn(r, currentTurn(r)!, { status: 'completed', message: 'the answer' }, '2026-01-01T00:00:02.000Z'));
    expect(writer.blocked?.error.message).toBe('the state root /s is full (ENOSPC)');
    expect(writer.kept).toBe(3);
    // On disk: nothing yet. What the runner knows: all of it.
    expect(store.record.turns).toEqual([]);
    expect(writer.read()).toMatchObject({ status: 'completed', last_message: 'the answer', files_modified: ['/w/a.txt'] });
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^codex-agent: the state root \/s is full \(ENOSPC\) since \d\d:\d\d:\d\d: what happens is kept in memory/);
    // Still full: the bound runs out, nothing is lost.
    expect(await writer.flush(300)).toBe(false);
    expect(writer.kept).toBe(3);
    store.fault = null;
    const writes = store.writes;
    expect(await writer.flush(10_000)).toBe(true);
    expect(store.writes).toBe(writes + 1);
    expect(store.record).toMatchObject({ status: 'completed', last_message: 'the answer', files_modified: ['/w/a.txt'] });
    expect(store.record.turns).toHaveLength(1);
    expect(writer.blocked).toBeNull();
    expect(said[1]).toMatch(/^codex-agent: the state root \/s was full \(ENOSPC\) from \d\d:\d\d:\d\d to \d\d:\d\d:\d\d; the record is up to date again$/);
  });

  it('when() runs a deciding write only once everything kept before it is written', async () => {
    const { store, writer } = setup();
    store.fault = 'EROFS';
    writer.update((r) => void (r.last_message = 'first'));
    const order: string[] = [];
    setTimeout(() => (store.fault = null), 300);
    const res = await writer.when(() => {
      order.push(store.record.last_message ?? 'null');
      return store.update('abcd1234', (r) => void (r.last_message = 'second')).last_message;
    }, 10_000);
    expect(res).toEqual({ ok: true, value: 'second' });
    expect(order).toEqual(['first']);
  });

  it('when() gives up at its bound, and lastWords() is what the runner would have written', async () => {
    const { store, writer } = setup();
    store.fault = 'ENOSPC';
    writer.update((r) => void (r.last_message = 'kept'));
    expect(await writer.when(() => store.update('abcd1234', () => undefined), 200)).toEqual({ ok: false });
    const words = writer.lastWords((r) => void (r.end_reason = 'left'));
    expect(words).toMatchObject({ base_updated_at: '2026-01-01T00:00:00.000Z', record: { last_message: 'kept', end_reason: 'left' } });
  });

  it('a corrupt record is no write fault: onFatal once, and reads fall back to what it knew', () => {
    const { store, writer, fatal } = setup();
    writer.update((r) => void (r.last_message = 'known'));
    store.fault = 'corrupt';
    expect(writer.read().last_message).toBe('known');
    writer.update((r) => void (r.last_message = 'after'));
    writer.check();
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toBeInstanceOf(CorruptRecordError);
    expect(writer.known()?.last_message).toBe('after');
  });
});
