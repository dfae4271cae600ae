import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { finishedRoots } from '../../bench/fixtures.js';
import { JobStore } from '../../src/store/job-store.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-fixtures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('state roots of finished jobs', () => {
  it('holds each size of finished jobs plus the target, newest, each root its own', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const roots = finishedRoots(dir, [0, 3, 7]);
    expect(roots.map((r) => r.finished)).toEqual([0, 3, 7]);
    for (const root of roots) {
      const store = new JobStore(root.home);
      const { records, corrupt } = store.list({ limit: 100, all: true });
      expect(corrupt).toEqual([]);
      expect(records).toHaveLength(root.finished + 1);
      expect(records.every((r) => r.status === 'completed' && r.turn_state === 'idle')).toBe(true);
      // The newest job is the target: what `jobs` lists first and `status` reads.
      expect(store.list({ limit: 1 }).records[0]!.id).toBe(root.target);
      expect(store.read(root.target).last_message).toBe('answer -1');
      expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    }
    expect(new Set(roots.map((r) => r.target)).size).toBe(3);
    expect(() => finishedRoots(join(dir, 'shrinking'), [5, 2])).toThrow('root sizes must grow');
  });
});
