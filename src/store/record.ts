// The job record: one zod schema, versioned, the single source of truth for a job's state.
import * as z from 'zod';
import { DEFAULT_STARTUP_TIMEOUT_S, REASONING, SANDBOXES } from '../config.js';
import { procRefSchema } from '../proc/identity.js';
import { migrateRecord } from './migrate.js';

export const RECORD_VERSION = 2;

export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'cancelled']);

/**
 * What the agent is doing right now, finer than status. `idle`: no turn runs and `send` starts the
 * next one; `awaiting_approval`: the running turn waits for the user to allow a tool; `ended`:
 * final, the job takes no follow-up.
 */
export const TURN_STATES = ['starting', 'working', 'awaiting_approval', 'idle', 'blocked', 'context_limit', 'ended'] as const;
export type TurnState = (typeof TURN_STATES)[number];

export const ERROR_KINDS = [
  'context_window',
  'unauthorized',
  'server_error',
  'stream_disconnected',
  /** Our runner died or was stopped from outside. */
  'runner',
  /** The agent's own process ended without finishing its turn (a signal, a crash). */
  'agent',
  /** The tmux server or the machine went away under the job. */
  'infrastructure',
  'other',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

const turnSchema = z.object({
  n: z.number().int().positive(),
  /** The agent's own turn id (from its session record). */
  turn_id: z.string().nullable().default(null),
  status: z.enum(['running', 'completed', 'failed', 'aborted']),
  started_at: z.string(),
  completed_at: z.string().nullable(),
  last_message: z.string().nullable(),
  error: z.string().nullable(),
  error_kind: z.enum(ERROR_KINDS).nullable(),
});
export type TurnRecord = z.infer<typeof turnSchema>;

const tokensSchema = z.object({
  input: z.number().nonnegative(),
  cached_input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  reasoning_output: z.number().nonnegative(),
  /** Tokens in the context at the latest request, for context_used_pct. */
  last_context: z.number().nonnegative().nullable(),
  context_window: z.number().positive().nullable(),
});
export type Tokens = z.infer<typeof tokensSchema>;

const recordV2 = z.object({
  version: z.literal(RECORD_VERSION),
  id: z.string().regex(/^[0-9a-f]{8}$/),
  status: z.enum(JOB_STATUSES),
  mode: z.enum(['exec', 'interactive']),
  turn_state: z.enum(TURN_STATES),
  prompt_head: z.string(),
  model: z.string().nullable(),
  reasoning: z.enum(REASONING).nullable(),
  sandbox: z.enum(SANDBOXES),
  cwd: z.string(),
  /** The agent CLI behind the job (src/providers), and its binary. */
  provider: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  agent_bin: z.string(),
  /** The agent's argv at its latest launch as the runner ran it (a prompt argument shown as <prompt>). */
  agent_argv: z.array(z.string()).nullable().default(null),
  tmux_session: z.string(),
  tmux_socket: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  updated_at: z.string(),
  thread_id: z.string().nullable(),
  /** The runner process while it runs (pid and start, so a reused pid never passes for it). */
  runner: procRefSchema.nullable(),
  /** The agent's processes while they run: the launched one first (maybe a launcher), then the agent itself. */
  agent_procs: z.array(procRefSchema),
  exit_code: z.number().int().nullable(),
  inactivity_timeout_minutes: z.number().positive(),
  turns: z.array(turnSchema),
  consumed_turns: z.number().int().nonnegative(),
  tokens: tokensSchema.nullable(),
  /** Absolute paths; views make them relative to cwd. */
  files_modified: z.array(z.string()),
  last_message: z.string().nullable(),
  error: z.string().nullable(),
  error_kind: z.enum(ERROR_KINDS).nullable(),
  /** Why the job stopped or the runner went away, in words. */
  end_reason: z.string().nullable(),
  // Interactive jobs. Defaults keep records written before these fields readable.
  startup_timeout_seconds: z.number().positive().default(DEFAULT_STARTUP_TIMEOUT_S),
  /** User messages Codex has taken into the thread: `send` watches it grow to confirm delivery. */
  user_messages: z.number().int().nonnegative().default(0),
  /** What the screen showed when the job was found blocked (no turn started in time). */
  blocked_screen: z.string().nullable().default(null),
  /** Last sign of work (a turn starting or ending, a message arriving), for the inactivity timeout. */
  last_activity_at: z.string().nullable().default(null),
  /** The Claude session (the "general") that started the job, if any. */
  parent_session: z.string().nullable().default(null),
  // Optional, not defaulted: records written before these fields read back unchanged.
  /** `start --notify-on-complete`: the user's command, run when the job's status leaves running for completed, failed or cancelled. */
  notify_on_complete: z.string().nullable().optional(),
  /** How many times that command was started: once per such change, counted under the job's lock. */
  notify_runs: z.number().int().nonnegative().optional(),
  /** The agent's latest command or file change, in a few words, and when: live status lines show it. */
  last_action: z.object({ at: z.string(), text: z.string() }).nullable().optional(),
});

/** Records written by earlier versions are migrated on read. */
export const recordSchema = z.preprocess(migrateRecord, recordV2);

export type JobRecord = z.infer<typeof recordV2>;

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL.has(status);
}
