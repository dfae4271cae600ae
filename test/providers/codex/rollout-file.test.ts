import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRolloutFile, isThreadId } from '../../../src/providers/codex/rollout-file.js';

const ID = '01a20c40-db1c-7b82-ab74-4b787968ea3d';

describe('findRolloutFile', () => {
  let home: string;
  const put = async (day: string, name: string) => {
    const dir = join(home, 'sessions', ...day.split('/'));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, name), '{}\n');
    return join(dir, name);
  };

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'rollout-file-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('finds the file across years, months and days', async () => {
    await put('2026/11/24', 'rollout-2026-11-24T06-31-22-01a20c40-7d7e-7420-b1eb-94cf4834c6a0.jsonl');
    const want = await put('2025/12/31', `rollout-2025-12-31T23-59-59-${ID}.jsonl`);
    await put('2025/01/02', 'rollout-2025-01-02T00-00-00-aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa.jsonl');
    expect(await findRolloutFile(home, ID)).toBe(want);
  });

  it('prefers the newest day when the id shows up twice', async () => {
    await put('2026/01/09', `rollout-2026-01-09T10-00-00-${ID}.jsonl`);
    const newer = await put('2026/01/10', `rollout-2026-01-10T10-00-00-${ID}.jsonl`);
    expect(await findRolloutFile(home, ID)).toBe(newer);
  });

  it('matches an upper-case id and ignores non-date folders and other files', async () => {
    await put('2026/latest', `rollout-x-${ID}.jsonl`);
    await put('2026/11/24', `notes-${ID}.jsonl`);
    expect(await findRolloutFile(home, ID.toUpperCase())).toBeNull();
    const want = await put('2026/11/24', `rollout-2026-11-24T00-00-00-${ID}.jsonl`);
    expect(await findRolloutFile(home, ID.toUpperCase())).toBe(want);
  });

  it('returns null when there is no sessions folder or no match', async () => {
    expect(await findRolloutFile(home, ID)).toBeNull();
    await put('2026/11/24', 'rollout-2026-11-24T00-00-00-bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb.jsonl');
    expect(await findRolloutFile(home, ID)).toBeNull();
  });

  it.each(['', '../../etc/passwd', `${ID}/../x`, `${ID}.jsonl`, '*', `x${ID}`])('rejects %j without touching the disk', async (bad) => {
    await put('2026/11/24', `rollout-2026-11-24T00-00-00-${ID}.jsonl`);
    expect(isThreadId(bad)).toBe(false);
    expect(await findRolloutFile(home, bad)).toBeNull();
  });
});
