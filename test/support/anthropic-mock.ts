// A scripted local stand-in for the Anthropic Messages API, for running the real Claude Code CLI
// headless (`claude -p`) with ANTHROPIC_BASE_URL pointing here. Listens on 127.0.0.1 only.
//
// - POST /v1/messages: answers with the reply `respond` picks (default: the text "ok"), streamed as
//   SSE (message_start, content_block_start/delta/stop per block, message_delta with stop_reason
//   and usage, message_stop) when the request has `stream: true`, else as one JSON message.
// - POST /v1/messages/count_tokens: a rough token count.
// - GET /v1/models: a one-model list.
// - Any other path (Claude Code's start-up checks and event logging): 200 with `{}`.
// Every request is recorded (path, lower-cased headers, parsed JSON body or raw text) so a test
// can assert on what Claude sent, e.g. the system prompt, the tool list, or a slash command's text.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readBody } from '../../src/util/http-body.js';

/** One request the mock received. `body` is parsed JSON, or the raw text when it is not JSON. */
export interface MockRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What to answer a POST /v1/messages with. */
export type MockReply =
  | { text: string }
  | { toolUse: { name: string; input: Record<string, unknown>; id?: string }; text?: string }
  | { error: { status: number; type?: string; message?: string } };

export interface AnthropicMock {
  /** Base URL for ANTHROPIC_BASE_URL, e.g. http://127.0.0.1:41234 */
  url: string;
  requests: MockRequest[];
  /** The POST /v1/messages requests only, in order. */
  messages(): MessagesRequest[];
  close(): Promise<void>;
}

/** The parts of a Messages API request body the tests look at. */
export interface MessagesRequest {
  model?: string;
  stream?: boolean;
  system?: string | { type: string; text?: string }[];
  messages: { role: string; content: string | { type: string; text?: string; [k: string]: unknown }[] }[];
  tools?: { name: string; description?: string; [k: string]: unknown }[];
  [k: string]: unknown;
}

export interface AnthropicMockOptions {
  /** Picks the reply to each POST /v1/messages; called with the parsed body. Default: text "ok". */
  respond?: (req: MessagesRequest) => MockReply;
}

let idCounter = 0;
const nextId = (prefix: string) => `${prefix}_mock${String(++idCounter).padStart(6, '0')}`;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sse(res: ServerResponse, event: { type: string }): void {
  res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

type Block =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

function blocksOf(reply: MockReply): Block[] {
  if ('error' in reply) return [];
  if ('toolUse' in reply) {
    const blocks: Block[] = [];
    if (reply.text) blocks.push({ type: 'text', text: reply.text });
    const t = reply.toolUse;
    blocks.push({ type: 'tool_use', id: t.id ?? nextId('toolu'), name: t.name, input: t.input });
    return blocks;
  }
  return [{ type: 'text', text: reply.text }];
}

/** Every text fragment of a request: system prompt, message contents (incl. tool results), tool descriptions. */
export function requestText(body: MessagesRequest): string {
  return JSON.stringify({ system: body.system, messages: body.messages, tools: body.tools });
}

export async function startAnthropicMock(opts: AnthropicMockOptions = {}): Promise<AnthropicMock> {
  const requests: MockRequest[] = [];
  const sockets = new Set<Socket>();
  const respond = opts.respond ?? (() => ({ text: 'ok' }));

  function answerMessages(body: MessagesRequest, res: ServerResponse): void {
    const reply = respond(body);
    if ('error' in reply) {
      const { status, type = 'api_error', message = 'mock error' } = reply.error;
      return sendJson(res, status, { type: 'error', error: { type, message } });
    }
    const blocks = blocksOf(reply);
    const stopReason = blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
    const model = typeof body.model === 'string' ? body.model : 'claude-mock';
    const id = nextId('msg');
    const usage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    if (!body.stream) {
      return sendJson(res, 200, { id, type: 'message', role: 'assistant', model, content: blocks, stop_reason: stopReason, stop_sequence: null, usage });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    sse(res, {
      type: 'message_start',
      message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
    } as { type: string });
    blocks.forEach((b, index) => {
      if (b.type === 'text') {
        sse(res, { type: 'content_block_start', index, content_block: { type: 'text', text: '' } } as { type: string });
        sse(res, { type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } } as { type: string });
      } else {
        sse(res, { type: 'content_block_start', index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } } as { type: string });
        sse(res, { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) } } as { type: string });
      }
      sse(res, { type: 'content_block_stop', index } as { type: string });
    });
    sse(res, { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } } as { type: string });
    sse(res, { type: 'message_stop' });
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      /* keep the raw text */
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '');
    requests.push({ method: req.method ?? 'GET', path, headers, body });

    if (req.method === 'POST' && path === '/v1/messages') return answerMessages(body as MessagesRequest, res);
    if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      return sendJson(res, 200, { input_tokens: Math.ceil(raw.length / 4) });
    }
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        data: [{ type: 'model', id: 'claude-mock', display_name: 'Claude Mock', created_at: '2026-01-01T00:00:00Z' }],
        has_more: false,
        first_id: 'claude-mock',
        last_id: 'claude-mock',
      });
    }
    sendJson(res, 200, {});
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { type: 'error', error: { type: 'api_error', message: String(err) } });
      else res.end();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    messages: () => requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages').map((r) => r.body as MessagesRequest),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
