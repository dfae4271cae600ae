// A fresh job record: the caller names what the job is, the rest starts empty.
import { DEFAULT_STARTUP_TIMEOUT_S } from '../config.js';
import { RECORD_VERSION, type JobRecord } from '../store/record.js';
import { sessionName } from '../context.js';

export type NewJobFields = Pick<JobRecord, 'id' | 'mode' | 'prompt_head' | 'model' | 'reasoning' | 'sandbox' | 'cwd' | 'provider' | 'agent_bin' | 'tmux_socket' | 'inactivity_timeout_minutes'> &
  Partial<Pick<JobRecord, 'startup_timeout_seconds' | 'parent_session'>>;

export function newJobRecord(f: NewJobFields, now: string = new Date().toISOString()): JobRecord {
  return {
    version: RECORD_VERSION,
    ...f,
    status: 'pending',
    turn_state: 'starting',
    tmux_session: sessionName(f.id),
    created_at: now,
    started_at: null,
    completed_at: null,
    updated_at: now,
    thread_id: null,
    agent_argv: null,
    runner: null,
    agent_procs: [],
    exit_code: null,
    turns: [],
    consumed_turns: 0,
    tokens: null,
    files_modified: [],
    last_message: null,
    error: null,
    error_kind: null,
    end_reason: null,
    startup_timeout_seconds: f.startup_timeout_seconds ?? DEFAULT_STARTUP_TIMEOUT_S,
    user_messages: 0,
    blocked_screen: null,
    last_activity_at: null,
    parent_session: f.parent_session ?? null,
  };
}
