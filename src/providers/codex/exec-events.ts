// Parser for the JSON lines that `codex exec --json` prints on stdout (Codex 0.169).
import * as z from 'zod';
import { parseJsonLine } from '../../util/json-line.js';
import type { FileChangeKind, Usage } from '../types.js';

export type ExecEvent =
  | { kind: 'thread_started'; threadId: string }
  | { kind: 'turn_started' }
  | { kind: 'agent_message'; text: string }
  | { kind: 'command'; command: string; exitCode: number | null; output: string; status: string }
  | { kind: 'file_change'; changes: { path: string; kind: FileChangeKind }[] }
  | { kind: 'item_started'; itemType: string; command?: string }
  | { kind: 'warning'; message: string }
  | { kind: 'turn_completed'; usage: Usage }
  | { kind: 'turn_failed'; message: string }
  | { kind: 'unknown'; type: string };

const count = z.number().int().nonnegative().catch(0);

const ThreadStarted = z.object({ type: z.literal('thread.started'), thread_id: z.string().min(1) });
const TurnStarted = z.object({ type: z.literal('turn.started') });
const TurnCompleted = z.object({
  type: z.literal('turn.completed'),
  usage: z.object({
    input_tokens: count,
    cached_input_tokens: count,
    output_tokens: count,
    reasoning_output_tokens: count,
  }),
});
const TurnFailed = z.object({ type: z.literal('turn.failed'), error: z.object({ message: z.string() }) });
const TopError = z.object({ type: z.literal('error'), message: z.string() });
const ItemEvent = z.object({
  type: z.enum(['item.started', 'item.updated', 'item.completed']),
  item: z.object({ type: z.string() }).loose(),
});

const AgentMessageItem = z.object({ type: z.literal('agent_message'), text: z.string() });
const CommandItem = z.object({
  type: z.literal('command_execution'),
  command: z.string(),
  aggregated_output: z.string().catch(''),
  exit_code: z.number().int().nullable().catch(null),
  status: z.string().catch(''),
});
const FileChangeItem = z.object({
  type: z.literal('file_change'),
  changes: z.array(z.object({ path: z.string(), kind: z.enum(['add', 'update', 'delete']) })),
});
const ErrorItem = z.object({ type: z.literal('error'), message: z.string() });
const CompletedItem = z.discriminatedUnion('type', [AgentMessageItem, CommandItem, FileChangeItem, ErrorItem]);

function completedItem(item: { type: string }): ExecEvent {
  const r = CompletedItem.safeParse(item);
  if (!r.success) return { kind: 'unknown', type: `item.completed:${item.type}` };
  const it = r.data;
  switch (it.type) {
    case 'agent_message':
      return { kind: 'agent_message', text: it.text };
    case 'command_execution':
      return { kind: 'command', command: it.command, exitCode: it.exit_code, output: it.aggregated_output, status: it.status };
    case 'file_change':
      return { kind: 'file_change', changes: it.changes.map((c) => ({ path: c.path, kind: c.kind })) };
    case 'error':
      return { kind: 'warning', message: it.message };
  }
}

function fromObject(obj: unknown): ExecEvent | null {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return null;
  const type = (obj as { type?: unknown }).type;
  if (typeof type !== 'string') return null;
  const unknown: ExecEvent = { kind: 'unknown', type };
  switch (type) {
    case 'thread.started': {
      const r = ThreadStarted.safeParse(obj);
      return r.success ? { kind: 'thread_started', threadId: r.data.thread_id } : unknown;
    }
    case 'turn.started':
      return TurnStarted.safeParse(obj).success ? { kind: 'turn_started' } : unknown;
    case 'turn.completed': {
      const r = TurnCompleted.safeParse(obj);
      if (!r.success) return unknown;
      const u = r.data.usage;
      return {
        kind: 'turn_completed',
        usage: { input: u.input_tokens, cachedInput: u.cached_input_tokens, output: u.output_tokens, reasoningOutput: u.reasoning_output_tokens },
      };
    }
    case 'turn.failed': {
      const r = TurnFailed.safeParse(obj);
      return r.success ? { kind: 'turn_failed', message: r.data.error.message } : unknown;
    }
    case 'error': {
      // Top-level "error" events are retries and warnings; the turn's fate comes from turn.failed.
      const r = TopError.safeParse(obj);
      return r.success ? { kind: 'warning', message: r.data.message } : unknown;
    }
    case 'item.started':
    case 'item.completed': {
      const r = ItemEvent.safeParse(obj);
      if (!r.success) return unknown;
      const item = r.data.item;
      if (type === 'item.completed') return completedItem(item);
      const command = typeof item.command === 'string' ? item.command : undefined;
      return command === undefined ? { kind: 'item_started', itemType: item.type } : { kind: 'item_started', itemType: item.type, command };
    }
    default:
      return unknown;
  }
}

export function parseExecLine(line: string): ExecEvent | null {
  const obj = parseJsonLine(line);
  return obj === undefined ? null : fromObject(obj);
}

export type ModelErrorClass = 'context_window' | 'unauthorized' | 'server_error' | 'stream_disconnected' | 'other';

// Patterns follow the messages Codex 0.169 prints (see test/fixtures/exec). Ports in URLs can
// contain any digits, so status codes are only matched next to the word "status".
const ERROR_PATTERNS: [ModelErrorClass, RegExp][] = [
  ['context_window', /out of room in the model's context window|context_length_exceeded|context window exceeded/i],
  ['stream_disconnected', /stream disconnected before completion|error decoding response body/i],
  ['unauthorized', /status 40[13]\b|401 Unauthorized|403 Forbidden|invalid_api_key|incorrect api key/i],
  ['server_error', /status 5\d\d\b|experiencing high demand|internal server error|service unavailable|bad gateway|server_error/i],
];

export function classifyModelError(message: string): ModelErrorClass {
  for (const [cls, re] of ERROR_PATTERNS) if (re.test(message)) return cls;
  return 'other';
}
