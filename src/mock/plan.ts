/*
 * Scripted stand-in for the model behind the OpenAI Responses API: what `selftest` drives a real
 * Codex agent with.
 *
 * The directive is read from the NEWEST user message of the request's `input`
 * (the first line that starts with `MOCK:` decides; first match wins):
 *
 *   MOCK:WRITE <relpath> <content...>  exec_command running an `apply_patch` heredoc
 *                                      that adds <relpath> with <content> (the rest of
 *                                      the message, may span lines); once the tool
 *                                      output comes back: "Wrote <relpath>."
 *   MOCK:SAY <text>                    assistant message exactly <text> (rest of message)
 *   MOCK:SLEEP <ms> [rest]             answer after <ms> (max 10 min) as if the message
 *                                      were <rest> (or the default reply)
 *
 * Without a directive, or with one this plan does not know: a message starting "Generate a
 * concise, single-line task title" (TUI side title turn) gets "Title: <first words of the task>",
 * anything else gets "ok: <first 80 chars of the user text on one line>".
 *
 * More directives are added by passing a larger table (`Directives`) to `planResponse` or
 * `scriptedPlan`; each is a handler given the directive's argument and the request.
 */

/** What the model server does with one request. */
export type Plan =
  | { kind: 'sse'; events: object[]; delayMs?: number }
  | { kind: 'http_error'; status: number; body: object; delayMs?: number }
  | { kind: 'cut'; events: object[]; delayMs?: number }
  | { kind: 'hang' };

/** One directive's request, as its handler sees it. */
export interface DirectiveCall {
  /** Everything after the directive word, later lines included, trailing blanks trimmed. */
  arg: string;
  /** The response id this answer carries. */
  id: string;
  /** The tool result the request ends with, or null when it ends with no tool result. */
  toolOutput: string | null;
  /** An answer that is one assistant message saying `text`. */
  say(text: string): Plan;
  /** An answer that asks Codex to run `cmd` with exec_command. */
  exec(cmd: string): Plan;
  /** The answer to the message as if it held no directive (the default reply). */
  fallback(): Plan;
  /** The answer to `text` as if it were the message; one level only, deeper it is the default reply. */
  nested(text: string): Plan;
}

export type Directive = (call: DirectiveCall) => Plan;
/** Directive handlers by name (the word after `MOCK:`). */
export type Directives = Readonly<Record<string, Directive>>;

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

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

interface Found {
  name: string;
  arg: string; // everything after the directive word, later lines included
}

function findDirective(text: string): Found | null {
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


/** The directives `selftest` sends: WRITE, SAY and SLEEP. */
export const DIRECTIVES: Directives = {
  WRITE(c) {
    const m = /^(\S+)[ \t]?([\s\S]*)$/.exec(c.arg);
    if (!m) return c.fallback();
    const relpath = m[1]!;
    if (c.toolOutput !== null) return c.say(`Wrote ${relpath}.`);
    return c.exec(applyPatchCommand(relpath, m[2]!));
  },
  SAY: (c) => c.say(c.arg),
  SLEEP(c) {
    const m = /^(\d+)[ \t]*([\s\S]*)$/.exec(c.arg);
    if (!m) return c.fallback();
    const ms = Math.min(Number(m[1]), MAX_SLEEP_MS);
    // Nested SLEEPs are not chained: one delay per answer.
    const rest = m[2]! === '' ? c.fallback() : c.nested(m[2]!);
    return rest.kind === 'hang' ? rest : { ...rest, delayMs: ms };
  },
};

function planFor(body: unknown, id: string, text: string, depth: number, directives: Directives): Plan {
  // Title prompts quote the task, which may itself hold a directive.
  if (text.trimStart().startsWith(TITLE_PROMPT_PREFIX)) return defaultPlan(body, id, text);
  const d = findDirective(text);
  const handler = d && Object.hasOwn(directives, d.name) ? directives[d.name] : undefined;
  if (!d || !handler) return defaultPlan(body, id, text);
  return handler({
    arg: d.arg,
    id,
    toolOutput: trailingToolOutput(body),
    say: (t) => sse(body, id, [assistantItem(id, t)]),
    exec: (cmd) => sse(body, id, [execCallItem(id, cmd)]),
    fallback: () => defaultPlan(body, id, text),
    nested: (t) => (depth === 0 ? planFor(body, id, t, depth + 1, directives) : defaultPlan(body, id, t)),
  });
}

export function planResponse(body: unknown, opts: { responseId?: string; directives?: Directives } = {}): Plan {
  const id = opts.responseId ?? 'resp_mock';
  return planFor(body, id, newestUserText(body), 0, opts.directives ?? DIRECTIVES);
}

/** A plan for one model server: `directives` (default: DIRECTIVES), each request under its own response id. */
export function scriptedPlan(directives: Directives = DIRECTIVES): (body: unknown) => Plan {
  let counter = 0;
  return (body) => planResponse(body, { responseId: `resp_mock_${++counter}`, directives });
}
