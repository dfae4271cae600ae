// Test helpers: a complete, schema-valid job record and throwaway state roots.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORD_VERSION, type JobRecord } from '../../src/store/record.js';

export function makeRecord(overrides: Partial<JobRecord> = {}): JobRecord {
  const id = overrides.id ?? 'abcd1234';
  const created = overrides.created_at ?? '2026-01-02T03:04:05.000Z';
  return {
    version: RECORD_VERSION,
    id,
    status: 'pending',
    mode: 'exec',
    turn_state: 'starting',
    prompt_head: 'write notes/hello.txt',
    model: null,
    reasoning: null,
    sandbox: 'workspace-write',
    cwd: '/tmp/rec/w2',
    codex_bin: '/usr/local/bin/codex',
    tmux_session: `codex-agent-${id}`,
    tmux_socket: null,
    created_at: created,
    started_at: null,
    completed_at: null,
    updated_at: created,
    thread_id: null,
    runner_pid: null,
    codex_pid: null,
    exit_code: null,
    inactivity_timeout_minutes: 60,
    turns: [],
    consumed_turns: 0,
    tokens: null,
    files_modified: [],
    last_message: null,
    error: null,
    error_kind: null,
    end_reason: null,
    ...overrides,
  };
}

/** A fresh temp folder; call the returned cleanup in afterEach. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
