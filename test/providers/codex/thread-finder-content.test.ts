// The fallback thread finder (no /proc, no lsof): a real recorded TUI rollout in a fake CODEX_HOME.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRolloutByContent } from '../../../src/providers/codex/thread-finder.js';

const THREAD = '01a20c41-c2e2-78c0-ae0f-b4a4aab724b0';
let home: string;
let file: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'thread-content-'));
  const day = join(home, 'sessions', '2026', '11', '24');
  mkdirSync(day, { recursive: true });
  file = join(day, `rollout-2026-11-24T06-32-40-${THREAD}.jsonl`);
  copyFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'rollout', 'tui-session.jsonl'), file);
  // An older rollout of the same cwd and prompt must lose to the time bound.
  const old = join(day, 'rollout-2026-11-24T05-00-00-01a20c41-0000-7000-8000-000000000000.jsonl');
  copyFileSync(file, old);
  utimesSync(old, new Date('2026-11-24T05:00:00Z'), new Date('2026-11-24T05:00:00Z'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const base = { sinceMs: Date.parse('2026-11-24T06:00:00Z'), cwd: '/tmp/rec/w3', prompt: 'MOCK:SAY hi', taken: new Set<string>() };

describe('findRolloutByContent', () => {
  it('finds the TUI rollout of this cwd whose first user message is the prompt', async () => {
    expect(await findRolloutByContent(home, base)).toBe(file);
  });

  it('ignores threads other jobs own, other prompts, other folders, and files older than the launch', async () => {
    expect(await findRolloutByContent(home, { ...base, taken: new Set([THREAD]) })).toBeNull();
    expect(await findRolloutByContent(home, { ...base, prompt: 'MOCK:SAY something else' })).toBeNull();
    expect(await findRolloutByContent(home, { ...base, cwd: '/tmp/rec/other' })).toBeNull();
    expect(await findRolloutByContent(home, { ...base, sinceMs: Date.now() + 60_000 })).toBeNull();
  });
});
