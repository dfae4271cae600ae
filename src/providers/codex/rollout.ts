// Parser for Codex rollout lines ($CODEX_HOME/sessions/.../rollout-*.jsonl, Codex 0.169).
// Each line is {timestamp, ordinal, type, payload}; see test/fixtures/rollout for real ones.
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { parseJsonLine } from '../../util/json-line.js';
import type { FileChangeKind } from '../types.js';

export interface Usage {
  input: number;
  cachedInput: number;
  output: number;
  reasoningOutput: number;
  total: number;
}


export interface TurnError {
  code: string;
  httpStatus?: number;
  message?: string;
}

export type RolloutEvent =
  | { kind: 'session_meta'; threadId: string; cwd: string; originator: string; source: string }
  | { kind: 'task_started'; turnId: string; contextWindow: number | null }
  | { kind: 'task_complete'; turnId: string; lastAgentMessage: string | null; durationMs: number | null; error: TurnError | null }
  | { kind: 'turn_aborted'; turnId: string | null; reason: string }
  | { kind: 'token_count'; total: Usage | null; last: Usage | null; contextWindow: number | null }
  | { kind: 'command'; command: string[]; cwd: string | null; exitCode: number | null; output: string }
  | { kind: 'file_change'; changes: { path: string; kind: FileChangeKind }[] }
  | { kind: 'agent_message'; text: string }
  | { kind: 'user_message'; text: string }
  | { kind: 'other'; type: string };

const Line = z.object({ type: z.string(), payload: z.unknown() });
const Typed = z.object({ type: z.string() }).loose();
const nullableNumber = z.number().nullable().optional().catch(null);

const SessionMeta = z.object({
  id: z.string(),
  cwd: z.string(),
  originator: z.string().catch(''),
  source: z.unknown(),
});
const TaskStarted = z.object({ turn_id: z.string(), model_context_window: nullableNumber });
const TaskComplete = z.object({
  turn_id: z.string(),
  last_agent_message: z.string().nullable().optional().catch(null),
  duration_ms: nullableNumber,
  error: z.object({ message: z.string().optional(), codex_error_info: z.unknown() }).nullable().optional().catch(null),
});
const TurnAborted = z.object({ turn_id: z.string().nullable().optional().catch(null), reason: z.string().catch('unknown') });
const RawUsage = z.object({
  input_tokens: z.number(),
  cached_input_tokens: z.number().catch(0),
  output_tokens: z.number(),
  reasoning_output_tokens: z.number().catch(0),
  total_tokens: z.number(),
});
const TokenCount = z.object({
  info: z
    .object({
      total_token_usage: RawUsage.nullable().optional().catch(null),
      last_token_usage: RawUsage.nullable().optional().catch(null),
      model_context_window: nullableNumber,
    })
    .nullable()
    .optional()
    .catch(null),
});
const TextParts = z.array(z.object({ text: z.string() }).loose()).catch([]);
const CommandExecution = z.object({
  command: z.array(z.string()),
  cwd: z.string().nullable().optional().catch(null),
  exit_code: z.number().int().nullable().optional().catch(null),
  aggregated_output: z.string().nullable().optional().catch(''),
});
const FileChange = z.object({
  changes: z.record(z.string(), z.object({ type: z.enum(['add', 'update', 'delete']) }).loose()),
});

function usage(u: z.infer<typeof RawUsage> | null | undefined): Usage | null {
  if (!u) return null;
  return {
    input: u.input_tokens,
    cachedInput: u.cached_input_tokens,
    output: u.output_tokens,
    reasoningOutput: u.reasoning_output_tokens,
    total: u.total_tokens,
  };
}

// codex_error_info is a bare string ("internal_server_error") or a one-key object
// ({"http_connection_failed":{"http_status_code":401}}).
function turnError(e: z.infer<typeof TaskComplete>['error']): TurnError | null {
  if (!e) return null;
  const info = e.codex_error_info;
  const out: TurnError = { code: 'unknown' };
  if (typeof info === 'string') out.code = info;
  else if (typeof info === 'object' && info !== null) {
    const [key, val] = Object.entries(info)[0] ?? [];
    if (key) out.code = key;
    const status = (val as { http_status_code?: unknown } | undefined)?.http_status_code;
    if (typeof status === 'number') out.httpStatus = status;
  }
  if (e.message !== undefined) out.message = e.message;
  return out;
}

// Command cwd is written as a file:// URL in 0.169.
function pathOf(cwd: string | null | undefined): string | null {
  if (!cwd) return null;
  if (!cwd.startsWith('file://')) return cwd;
  try {
    return fileURLToPath(cwd);
  } catch {
    return cwd;
  }
}

function itemCompleted(item: unknown): RolloutEvent {
  const t = Typed.safeParse(item);
  if (!t.success) return { kind: 'other', type: 'item_completed' };
  const other: RolloutEvent = { kind: 'other', type: `item_completed:${t.data.type}` };
  switch (t.data.type) {
    case 'CommandExecution': {
      const r = CommandExecution.safeParse(item);
      if (!r.success) return other;
      return { kind: 'command', command: r.data.command, cwd: pathOf(r.data.cwd), exitCode: r.data.exit_code ?? null, output: r.data.aggregated_output ?? '' };
    }
    case 'FileChange': {
      const r = FileChange.safeParse(item);
      if (!r.success) return other;
      return { kind: 'file_change', changes: Object.entries(r.data.changes).map(([path, c]) => ({ path, kind: c.type })) };
    }
    case 'AgentMessage':
    case 'UserMessage': {
      const text = TextParts.parse(t.data.content).map((p) => p.text).join('');
      return t.data.type === 'AgentMessage' ? { kind: 'agent_message', text } : { kind: 'user_message', text };
    }
    default:
      return other;
  }
}

function eventMsg(payload: unknown): RolloutEvent {
  const t = Typed.safeParse(payload);
  if (!t.success) return { kind: 'other', type: 'event_msg' };
  const type = t.data.type;
  const other: RolloutEvent = { kind: 'other', type };
  switch (type) {
    case 'task_started': {
      const r = TaskStarted.safeParse(payload);
      return r.success ? { kind: 'task_started', turnId: r.data.turn_id, contextWindow: r.data.model_context_window ?? null } : other;
    }
    case 'task_complete': {
      const r = TaskComplete.safeParse(payload);
      if (!r.success) return other;
      return {
        kind: 'task_complete',
        turnId: r.data.turn_id,
        lastAgentMessage: r.data.last_agent_message ?? null,
        durationMs: r.data.duration_ms ?? null,
        error: turnError(r.data.error),
      };
    }
    case 'turn_aborted': {
      const r = TurnAborted.safeParse(payload);
      return r.success ? { kind: 'turn_aborted', turnId: r.data.turn_id ?? null, reason: r.data.reason } : other;
    }
    case 'token_count': {
      const r = TokenCount.safeParse(payload);
      if (!r.success) return other;
      const info = r.data.info;
      return {
        kind: 'token_count',
        total: usage(info?.total_token_usage),
        last: usage(info?.last_token_usage),
        contextWindow: info?.model_context_window ?? null,
      };
    }
    case 'item_completed':
      return itemCompleted(t.data.item);
    default:
      return other;
  }
}

export function parseRolloutLine(line: string): RolloutEvent | null {
  const obj = parseJsonLine(line);
  if (obj === undefined) return null;
  const rec = Line.safeParse(obj);
  if (!rec.success) return null;
  const { type, payload } = rec.data;
  if (type === 'event_msg') return eventMsg(payload);
  if (type === 'session_meta') {
    const r = SessionMeta.safeParse(payload);
    if (!r.success) return { kind: 'other', type };
    const src = r.data.source;
    return {
      kind: 'session_meta',
      threadId: r.data.id,
      cwd: r.data.cwd,
      originator: r.data.originator,
      source: typeof src === 'string' ? src : JSON.stringify(src ?? null),
    };
  }
  const sub = Typed.safeParse(payload);
  return { kind: 'other', type: sub.success ? `${type}:${sub.data.type}` : type };
}
