// Test helpers: a complete, schema-valid job record and throwaway state roots.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newJobRecord } from '../../src/jobs/new-record.js';
import type { JobRecord } from '../../src/store/record.js';

export function makeRecord(overrides: Partial<JobRecord> = {}): JobRecord {
  const id = overrides.id ?? 'abcd1234';
  const created = overrides.created_at ?? '2026-01-02T03:04:05.000Z';
  const base = newJobRecord(
    {
      id,
      mode: 'exec',
      prompt_head: 'write notes/hello.txt',
      model: null,
      reasoning: null,
      sandbox: 'workspace-write',
      cwd: '/tmp/rec/w2',
      provider: 'codex',
      agent_bin: '/usr/local/bin/codex',
      tmux_socket: null,
      inactivity_timeout_minutes: 60,
    },
    created,
  );
  return { ...base, ...overrides };
}

/** A fresh temp folder; call the returned cleanup in afterEach. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
