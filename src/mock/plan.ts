/*
 * Scripted stand-in for the model behind the OpenAI Responses API.
 *
 * The directive is read from the NEWEST user message of the request's `input`
 * (the first line that starts with `MOCK:` decides; first match wins):
 *
 *   MOCK:WRITE <relpath> <content...>  exec_command running an `apply_patch` heredoc
 *                                      that adds <relpath> with <content> (the rest of
 *                                      the message, may span lines); once the tool
 *                                      output comes back: "Wrote <relpath>."
 *   MOCK:RUN <shell command>           exec_command with that cmd; once the output comes
 *                                      back: "Ran: <cmd>\n<first line of its output>"
 *   MOCK:SAY <text>                    assistant message exactly <text> (rest of message)
 *   MOCK:SLEEP <ms> [rest]             answer after <ms> (max 10 min) as if the message
 *                                      were <rest> (or the default reply)
 *   MOCK:FAIL <status>                 HTTP <status> with an OpenAI-shaped JSON error
 *   MOCK:CUT                           stream dropped before response.completed
 *   MOCK:CONTEXT                       response.failed, code context_length_exceeded
 *   MOCK:HANG                          never answer
 *
 * Without a directive: a message starting "Generate a concise, single-line task
 * title" (TUI side title turn) gets "Title: <first words of the task>", anything
 * else gets "ok: <first 80 chars of the user text on one line>".
 */

export type Plan =
  | { kind: 'sse'; events: object[]; delayMs?: number }
  | { kind: 'http_error'; status: number; body: object; delayMs?: number }
  | { kind: 'cut'; events: object[]; delayMs?: number }
  | { kind: 'hang' };

export const MAX_SLEEP_MS = 10 * 60 * 1000;
export const TITLE_PROMPT_PREFIX = 'Generate a concise, single-line task title';

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function inputItems(body: unknown): Rec[] {
  if (!isRec(body) || !Array.isArray(body.input)) return [];
  return body.input.filter(isRec);
}

// Text of a message item; content is either a string or typed parts.
function messageText(item: Rec): string {
  const c = item.content;
  if (typeof c === 'string') return c;
  if (!Array.isArray(c)) return '';
  return c
    .filter(isRec)
    .filter((p) => (p.type === 'input_text' || p.type === 'output_text') && typeof p.text === 'string')
    .map((p) => p.text as string)
    .join('\n');
}

export function newestUserText(body: unknown): string {
  const items = inputItems(body);
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i]!;
    if (it.role === 'user' && (it.type === undefined || it.type === 'message')) return messageText(it);
  }
  return '';
}

// The tool result when the request ends with one, else null.
function trailingToolOutput(body: unknown): string | null {
  const last = inputItems(body).at(-1);
  if (!last || (last.type !== 'function_call_output' && last.type !== 'custom_tool_call_output')) return null;
  const out = last.output;
  if (typeof out === 'string') return out;
  if (Array.isArray(out)) {
    return out
      .filter(isRec)
      .map((p) => (typeof p.text === 'string' ? p.text : ''))
      .join('');
  }
  if (isRec(out) && typeof out.content === 'string') return out.content;
  return '';
}

// exec_command output carries a header ("Process exited with code ..", "Output:"); keep the command's own text.
export function commandOutputBody(raw: string): string {
  const marker = raw.indexOf('\nOutput:\n');
  if (marker >= 0) return raw.slice(marker + '\nOutput:\n'.length);
  if (raw.startsWith('Output:\n')) return raw.slice('Output:\n'.length);
  return raw;
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.trimEnd() ?? '';
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

interface Directive {
  name: string;
  arg: string; // everything after the directive word, later lines included
}

function findDirective(text: string): Directive | null {
  const start = text.search(/(^|\n)\s*MOCK:[A-Z]+/);
  if (start < 0) return null;
  const from = text.slice(start).replace(/^\n?\s*/, '');
  const m = /^MOCK:([A-Z]+)[ \t]*([\s\S]*)$/.exec(from);
  if (!m) return null;
  return { name: m[1]!, arg: m[2]!.replace(/\s+$/, '') };
}

function estimateTokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / 4));
}

function usageFor(body: unknown, outputChars: number): object {
  const input = estimateTokens(JSON.stringify(body ?? null).length);
  const reasoning = 8;
  const output = estimateTokens(outputChars) + reasoning;
  const cached = Math.floor(input / 2);
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: cached },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output,
  };
}

function assistantItem(id: string, text: string): Rec {
  return {
    type: 'message',
    id: `msg_${id}`,
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

function execCallItem(id: string, cmd: string): Rec {
  return {
    type: 'function_call',
    id: `fc_${id}`,
    call_id: `call_${id}`,
    name: 'exec_command',
    arguments: JSON.stringify({ cmd }),
    status: 'completed',
  };
}

function sse(body: unknown, responseId: string, items: Rec[]): Plan {
  const outChars = JSON.stringify(items).length;
  return {
    kind: 'sse',
    events: [
      { type: 'response.created', response: { id: responseId } },
      ...items.map((item, i) => ({ type: 'response.output_item.done', output_index: i, item })),
      { type: 'response.completed', response: { id: responseId, usage: usageFor(body, outChars) } },
    ],
  };
}

// Heredoc delimiter that no content line can close early.
function heredocTag(lines: string[]): string {
  let tag = 'EOF';
  for (let n = 1; lines.includes(tag); n++) tag = `EOF_${n}`;
  return tag;
}

export function applyPatchCommand(relpath: string, content: string): string {
  const lines = content.split('\n');
  const tag = heredocTag(lines);
  const patch = ['*** Begin Patch', `*** Add File: ${relpath}`, ...lines.map((l) => `+${l}`), '*** End Patch'];
  return [`apply_patch <<'${tag}'`, ...patch, tag].join('\n');
}

const STATUS_TEXT: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Bad request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Forbidden.' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request.' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded.' },
};

function httpError(status: number): Plan {
  const e = STATUS_TEXT[status] ?? { type: 'server_error', code: null, message: `Mock error ${status}.` };
  return { kind: 'http_error', status, body: { error: { message: e.message, type: e.type, param: null, code: e.code } } };
}

function titleFor(text: string): string {
  // Codex 0.169 puts the task after "User prompt:"; fall back to the last line.
  const marker = text.lastIndexOf('User prompt:');
  const task = marker >= 0 ? text.slice(marker + 'User prompt:'.length) : (text.trim().split('\n').at(-1) ?? '');
  const words = oneLine(task).split(' ').filter(Boolean).slice(0, 5).join(' ');
  return `Title: ${words || 'Untitled'}`;
}

function defaultPlan(body: unknown, id: string, text: string): Plan {
  if (text.trimStart().startsWith(TITLE_PROMPT_PREFIX)) return sse(body, id, [assistantItem(id, titleFor(text))]);
  return sse(body, id, [assistantItem(id, `ok: ${oneLine(text).slice(0, 80)}`)]);
}

function planFor(body: unknown, id: string, text: string, depth: number): Plan {
  // Title prompts quote the task, which may itself hold a directive.
  if (text.trimStart().startsWith(TITLE_PROMPT_PREFIX)) return defaultPlan(body, id, text);
  const d = findDirective(text);
  if (!d) return defaultPlan(body, id, text);
  const toolOut = trailingToolOutput(body);
  switch (d.name) {
    case 'WRITE': {
      const m = /^(\S+)[ \t]?([\s\S]*)$/.exec(d.arg);
      if (!m) return defaultPlan(body, id, text);
      const relpath = m[1]!;
      if (toolOut !== null) return sse(body, id, [assistantItem(id, `Wrote ${relpath}.`)]);
      return sse(body, id, [execCallItem(id, applyPatchCommand(relpath, m[2]!))]);
    }
    case 'RUN': {
      if (d.arg === '') return defaultPlan(body, id, text);
      if (toolOut !== null) {
        const line = firstLine(commandOutputBody(toolOut));
        return sse(body, id, [assistantItem(id, `Ran: ${d.arg}\n${line}`)]);
      }
      return sse(body, id, [execCallItem(id, d.arg)]);
    }
    case 'SAY':
      return sse(body, id, [assistantItem(id, d.arg)]);
    case 'SLEEP': {
      const m = /^(\d+)[ \t]*([\s\S]*)$/.exec(d.arg);
      if (!m) return defaultPlan(body, id, text);
      const ms = Math.min(Number(m[1]), MAX_SLEEP_MS);
      // Nested SLEEPs are not chained: one delay per answer.
      const restText = m[2]! === '' ? text : m[2]!;
      const rest = depth === 0 && m[2]! !== '' ? planFor(body, id, restText, depth + 1) : defaultPlan(body, id, restText);
      return rest.kind === 'hang' ? rest : { ...rest, delayMs: ms };
    }
    case 'FAIL': {
      const status = Number(/^\d{3}/.exec(d.arg)?.[0] ?? 500);
      return httpError(status >= 400 && status <= 599 ? status : 500);
    }
    case 'CUT':
      return { kind: 'cut', events: [{ type: 'response.created', response: { id } }] };
    case 'CONTEXT':
      return {
        kind: 'sse',
        events: [
          { type: 'response.created', response: { id } },
          {
            type: 'response.failed',
            response: {
              id,
              status: 'failed',
              error: {
                code: 'context_length_exceeded',
                message: 'Your input exceeds the context window of this model. Please adjust your input and try again.',
              },
            },
          },
        ],
      };
    case 'HANG':
      return { kind: 'hang' };
    default:
      return defaultPlan(body, id, text);
  }
}

export function planResponse(body: unknown, opts: { responseId?: string } = {}): Plan {
  const id = opts.responseId ?? 'resp_mock';
  return planFor(body, id, newestUserText(body), 0);
}
