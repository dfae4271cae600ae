// The record schema's interactive-mode fields: defaults that keep records written before them
// readable (directly and through JobStore), and the values they refuse.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptRecordError } from '../../src/errors.js';
import { JobStore } from '../../src/store/job-store.js';
import { recordSchema, type JobRecord } from '../../src/store/record.js';
import { makeRecord, tempDir } from '../support/store-record.js';

const NEW_FIELDS = ['startup_timeout_seconds', 'user_messages', 'blocked_screen', 'last_activity_at'] as const;

/** A record as written before interactive mode: none of the new fields, turns without turn_id. */
function oldRecord(): Record<string, unknown> {
  const r = makeRecord({
    id: 'abcd1234',
    status: 'completed',
    turn_state: 'idle',
    turns: [{ n: 1, turn_id: null, status: 'completed', started_at: '2026-01-02T03:04:06.000Z', completed_at: '2026-01-02T03:04:09.000Z', last_message: 'done', error: null, error_kind: null }],
  }) as unknown as Record<string, unknown>;
  const old = structuredClone(r);
  for (const k of NEW_FIELDS) delete old[k];
  for (const t of old.turns as Record<string, unknown>[]) delete t.turn_id;
  return old;
}

describe('recordSchema defaults for the interactive-mode fields', () => {
  it('the old-record helper really lacks them (guards the tests below)', () => {
    const old = oldRecord();
    for (const k of NEW_FIELDS) expect(old).not.toHaveProperty(k);
    expect((old.turns as object[])[0]).not.toHaveProperty('turn_id');
  });

  it('parses a record written without them, filling in the defaults', () => {
    const parsed = recordSchema.parse(oldRecord());
    expect(parsed).toMatchObject({ startup_timeout_seconds: 30, user_messages: 0, blocked_screen: null, last_activity_at: null });
    expect(parsed.turns[0]!.turn_id).toBeNull();
    // Everything else is read as written.
    expect(parsed).toEqual({ ...makeRecord({ id: 'abcd1234', status: 'completed', turn_state: 'idle' }), turns: parsed.turns });
    expect(parsed.turns[0]).toMatchObject({ n: 1, status: 'completed', last_message: 'done' });
  });

  it('keeps values that are present', () => {
    const r: JobRecord = {
      ...makeRecord({ mode: 'interactive' }),
      startup_timeout_seconds: 90,
      user_messages: 3,
      blocked_screen: '› Trust this folder?',
      last_activity_at: '2026-01-02T03:05:00.000Z',
      turns: [{ n: 1, turn_id: '01a20c41-c305-7b02-b8a3-0ebf9ea8aba2', status: 'running', started_at: 'x', completed_at: null, last_message: null, error: null, error_kind: null }],
    };
    expect(recordSchema.parse(r)).toEqual(r);
  });

  it.each<[string, Partial<Record<string, unknown>>]>([
    ['startup_timeout_seconds 0', { startup_timeout_seconds: 0 }],
    ['startup_timeout_seconds negative', { startup_timeout_seconds: -5 }],
    ['startup_timeout_seconds as text', { startup_timeout_seconds: '30' }],
    ['user_messages negative', { user_messages: -1 }],
    ['user_messages fractional', { user_messages: 1.5 }],
    ['blocked_screen not a string', { blocked_screen: 42 }],
    ['last_activity_at not a string', { last_activity_at: false }],
  ])('rejects %s', (_name, patch) => {
    expect(recordSchema.safeParse({ ...makeRecord(), ...patch }).success).toBe(false);
  });

  it('rejects a turn_id that is not a string or null', () => {
    const r = makeRecord({ turns: [{ n: 1, turn_id: null, status: 'running', started_at: 'x', completed_at: null, last_message: null, error: null, error_kind: null }] });
    (r.turns[0] as unknown as Record<string, unknown>).turn_id = 7;
    expect(recordSchema.safeParse(r).success).toBe(false);
  });
});

describe('JobStore with a record written before interactive mode', () => {
  let tmp: { dir: string; cleanup: () => void };
  let store: JobStore;
  beforeEach(() => {
    tmp = tempDir('codex-agent-record-');
    store = new JobStore(join(tmp.dir, 'state'));
    store.create(makeRecord({ id: 'abcd1234', status: 'completed', turn_state: 'idle' }), 'old job');
    writeFileSync(store.layout.recordPath('abcd1234'), `${JSON.stringify(oldRecord(), null, 2)}\n`);
  });
  afterEach(() => tmp.cleanup());

  it('reads and lists it with the defaults, not as corrupt', () => {
    const r = store.read('abcd1234');
    expect(r).toMatchObject({ startup_timeout_seconds: 30, user_messages: 0, blocked_screen: null, last_activity_at: null });
    expect(r.turns[0]!.turn_id).toBeNull();
    const listed = store.list({ limit: 10, all: true });
    expect(listed.corrupt).toEqual([]);
    expect(listed.records.map((j) => j.id)).toEqual(['abcd1234']);
  });

  it('an update writes the defaults out', () => {
    store.update('abcd1234', (r) => {
      r.user_messages += 1;
    });
    const onDisk = JSON.parse(readFileSync(store.layout.recordPath('abcd1234'), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ startup_timeout_seconds: 30, user_messages: 1, blocked_screen: null, last_activity_at: null });
    expect((onDisk.turns as Record<string, unknown>[])[0]).toHaveProperty('turn_id', null);
  });

  it('a record with a bad new field is corrupt, not defaulted', () => {
    writeFileSync(store.layout.recordPath('abcd1234'), JSON.stringify({ ...oldRecord(), user_messages: -3 }));
    expect(() => store.read('abcd1234')).toThrow(CorruptRecordError);
  });
});
