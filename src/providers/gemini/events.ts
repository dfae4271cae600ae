// Parser for the JSON lines `gemini -o stream-json` prints (Gemini CLI 0.61): init, message
// (deltas), tool_use, tool_result, result. Errors are classified here and nowhere else.
import * as z from 'zod';
import type { ErrorKind } from '../../store/record.js';
import { parseJsonLine } from '../../util/json-line.js';
import type { AgentEvent } from '../types.js';

const count = z.number().int().nonnegative().catch(0);
const Init = z.object({ type: z.literal('init'), session_id: z.string().min(1) });
const Message = z.object({ type: z.literal('message'), role: z.string(), content: z.string().catch(''), delta: z.boolean().optional() });
const ToolUse = z.object({ type: z.literal('tool_use'), tool_name: z.string(), tool_id: z.string(), parameters: z.record(z.string(), z.unknown()).catch({}) });
const ToolResult = z.object({
  type: z.literal('tool_result'),
  tool_id: z.string(),
  status: z.string(),
  output: z.string().optional(),
  error: z.object({ type: z.string().catch(''), message: z.string().catch('') }).optional(),
});
const Result = z.object({
  type: z.literal('result'),
  status: z.string(),
  error: z.object({ type: z.string().catch(''), message: z.string().catch('') }).optional(),
  stats: z.object({ input_tokens: count, output_tokens: count, cached: count }).partial().optional(),
});

/** The tools that write the file named by their `file_path`. */
const WRITE_TOOLS = new Set(['write_file', 'replace', 'edit']);
const SHELL_TOOLS = new Set(['run_shell_command']);

/** Pure: the kind of a model error from its message ("[API Error: {"error":{"code":401,...}}]"). */
export function classifyGeminiError(message: string): ErrorKind {
  const code = Number(/"code"\s*:\s*(\d{3})/.exec(message)?.[1] ?? /\b(?:status|code)\s*:?\s*(\d{3})\b/i.exec(message)?.[1] ?? 0);
  if (code === 401 || code === 403 || /UNAUTHENTICATED|PERMISSION_DENIED|API key not valid/i.test(message)) return 'unauthorized';
  if (code >= 500 || /INTERNAL|UNAVAILABLE/.test(message)) return 'server_error';
  if (/token count|exceeds the maximum number of tokens|context window/i.test(message)) return 'context_window';
  // 429 (rate limit, quota) and input errors: no kind of their own; the reason says which.
  return 'other';
}

/** Pure: a short reason from a result error ("[API Error: {json}]" -> "HTTP 401 UNAUTHENTICATED: ..."). */
export function errorReason(message: string): string {
  const m = /^\[API Error: ([\s\S]*)\]$/.exec(message.trim());
  if (m) {
    try {
      const e = (JSON.parse(m[1]!) as { error?: { code?: number; status?: string; message?: string } }).error;
      if (e) {
        const what = e.code === 429 ? 'rate limit or quota' : e.status ?? 'error';
        return `Gemini API HTTP ${e.code ?? '?'} ${what}: ${e.message ?? ''}`.trim();
      }
    } catch {
      // Not JSON inside: the whole text is the reason.
    }
    return `Gemini API error: ${m[1]!.slice(0, 300)}`;
  }
  return message.slice(0, 400);
}

/**
 * Gemini's own exit codes, for a turn that ended with no `result` event (these fail before or
 * outside the stream). Exit codes of API errors (status & 255) come with a result event.
 */
export function exitCodeEvents(code: number | null): AgentEvent[] {
  const known: Record<number, [string, ErrorKind]> = {
    41: ['Gemini: authentication failed (exit 41): check GEMINI_API_KEY and security.auth.selectedType', 'unauthorized'],
    42: ['Gemini: input error (exit 42)', 'other'],
    52: ['Gemini: configuration error (exit 52): check ~/.gemini/settings.json', 'other'],
    53: ['Gemini: turn limit reached (exit 53)', 'other'],
    55: ['Gemini: the folder is not trusted (exit 55)', 'other'],
  };
  const k = code === null ? undefined : known[code];
  return k ? [{ kind: 'turn_failed', turnId: null, error: k[0], errorKind: k[1] }] : [];
}

/**
 * A parser for one turn's lines: assistant deltas add up to the turn's answer, a tool's result
 * is read with the parameters of its call.
 */
export function geminiExecParser(): (line: string) => AgentEvent[] {
  let answer = '';
  const calls = new Map<string, { name: string; params: Record<string, unknown> }>();
  return (line) => {
    const obj = parseJsonLine(line);
    if (obj === null || typeof obj !== 'object') return [];
    const type = (obj as { type?: unknown }).type;
    switch (type) {
      case 'init': {
        const r = Init.safeParse(obj);
        return r.success ? [{ kind: 'thread_started', threadId: r.data.session_id }, { kind: 'turn_started', turnId: null, contextWindow: null }] : [];
      }
      case 'message': {
        const r = Message.safeParse(obj);
        if (!r.success || r.data.role !== 'assistant') return [];
        answer = r.data.delta ? answer + r.data.content : r.data.content;
        return [{ kind: 'agent_message', text: answer }];
      }
      case 'tool_use': {
        const r = ToolUse.safeParse(obj);
        if (!r.success) return [];
        calls.set(r.data.tool_id, { name: r.data.tool_name, params: r.data.parameters });
        // A new answer follows the tool's result.
        answer = '';
        const cmd = r.data.parameters.command;
        if (SHELL_TOOLS.has(r.data.tool_name) && typeof cmd === 'string') return [{ kind: 'command_started', command: cmd }];
        return [];
      }
      case 'tool_result': {
        const r = ToolResult.safeParse(obj);
        if (!r.success) return [];
        const call = calls.get(r.data.tool_id);
        const ok = r.data.status === 'success';
        if (!call) return [];
        const path = call.params.file_path;
        if (WRITE_TOOLS.has(call.name) && typeof path === 'string') {
          return ok ? [{ kind: 'file_change', changes: [{ path, kind: 'update' }] }] : [{ kind: 'warning', message: `${call.name} ${path}: ${r.data.error?.message ?? r.data.output ?? r.data.status}`.slice(0, 400) }];
        }
        const cmd = call.params.command;
        if (SHELL_TOOLS.has(call.name) && typeof cmd === 'string') return [{ kind: 'command', command: cmd, exitCode: ok ? 0 : null, output: r.data.output ?? '' }];
        return ok ? [] : [{ kind: 'warning', message: `${call.name}: ${r.data.error?.message ?? r.data.status}`.slice(0, 400) }];
      }
      case 'result': {
        const r = Result.safeParse(obj);
        if (!r.success) return [];
        const s = r.data.stats;
        const tokens: AgentEvent[] = s
          ? [{ kind: 'tokens', total: { input: s.input_tokens ?? 0, cachedInput: s.cached ?? 0, output: s.output_tokens ?? 0, reasoningOutput: 0 }, lastContext: null, contextWindow: null, perRun: true }]
          : [];
        if (r.data.status === 'success') return [...tokens, { kind: 'turn_completed', turnId: null, message: answer === '' ? null : answer }];
        const message = r.data.error?.message ?? `Gemini ended the turn with status ${r.data.status}`;
        return [...tokens, { kind: 'turn_failed', turnId: null, error: errorReason(message), errorKind: classifyGeminiError(message) }];
      }
      default:
        return [];
    }
  };
}

/** One line on its own (no earlier lines): what the runner's per-turn parser says of it first. */
export function geminiExecLine(line: string): AgentEvent[] {
  return geminiExecParser()(line);
}
