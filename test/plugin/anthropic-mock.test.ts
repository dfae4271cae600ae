// The Anthropic Messages API stand-in itself: stream and non-stream answers, tool_use, other paths.
import { afterEach, describe, expect, it } from 'vitest';
import { startAnthropicMock, type AnthropicMock, type MockReply } from '../support/anthropic-mock.js';

let mock: AnthropicMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${mock!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'x' },
    body: JSON.stringify(body),
  });
}

/** Parses an SSE body into its events, checking each `event:` name matches the data's type. */
function sseEvents(text: string): { type: string; [k: string]: unknown }[] {
  return text
    .split('\n\n')
    .filter((f) => f.trim())
    .map((frame) => {
      const name = /^event: (.+)$/m.exec(frame)?.[1];
      const data = JSON.parse(/^data: (.+)$/m.exec(frame)![1]!) as { type: string };
      expect(data.type).toBe(name);
      return data;
    });
}

const ask = (stream: boolean) => ({ model: 'claude-test', max_tokens: 10, stream, messages: [{ role: 'user', content: 'hi' }] });

describe('anthropic mock', () => {
  it('answers non-streaming requests with one JSON message and records them', async () => {
    mock = await startAnthropicMock({ respond: () => ({ text: 'hello there' }) });
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await post('/v1/messages?beta=true', ask(false));
    expect(res.status).toBe(200);
    const msg = (await res.json()) as { type: string; model: string; content: unknown[]; stop_reason: string; usage: { output_tokens: number } };
    expect(msg).toMatchObject({ type: 'message', model: 'claude-test', stop_reason: 'end_turn', content: [{ type: 'text', text: 'hello there' }] });
    expect(msg.usage.output_tokens).toBeGreaterThan(0);
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({ method: 'POST', path: '/v1/messages', headers: { 'x-api-key': 'x' } });
    expect(mock.messages()[0]!.messages[0]!.content).toBe('hi');
  });

  it('streams text as SSE in the Messages API event order', async () => {
    mock = await startAnthropicMock({ respond: () => ({ text: 'streamed' }) });
    const res = await post('/v1/messages', ask(true));
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = sseEvents(await res.text());
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[2]).toMatchObject({ index: 0, delta: { type: 'text_delta', text: 'streamed' } });
    expect(events[4]).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: expect.any(Number) } });
  });

  it('replies with a tool_use block, streamed as input_json_delta, stop_reason tool_use', async () => {
    const reply: MockReply = { text: 'running it', toolUse: { name: 'Bash', id: 'toolu_1', input: { command: 'codex-agent jobs' } } };
    mock = await startAnthropicMock({ respond: () => reply });
    const events = sseEvents(await (await post('/v1/messages', ask(true))).text());
    const starts = events.filter((e) => e.type === 'content_block_start');
    expect(starts.map((e) => (e.content_block as { type: string }).type)).toEqual(['text', 'tool_use']);
    expect(starts[1]).toMatchObject({ index: 1, content_block: { id: 'toolu_1', name: 'Bash' } });
    const delta = events.find((e) => (e.delta as { type?: string } | undefined)?.type === 'input_json_delta')!;
    expect(JSON.parse((delta.delta as { partial_json: string }).partial_json)).toEqual({ command: 'codex-agent jobs' });
    expect(events.find((e) => e.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'tool_use' } });

    const plain = (await (await post('/v1/messages', ask(false))).json()) as { content: unknown[]; stop_reason: string };
    expect(plain.stop_reason).toBe('tool_use');
    expect(plain.content).toEqual([
      { type: 'text', text: 'running it' },
      { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'codex-agent jobs' } },
    ]);
  });

  it('passes the request body to respond, and can answer with an API error', async () => {
    mock = await startAnthropicMock({
      respond: (req) => (req.model === 'bad' ? { error: { status: 529, type: 'overloaded_error' } } : { text: 'fine' }),
    });
    const res = await post('/v1/messages', { ...ask(false), model: 'bad' });
    expect(res.status).toBe(529);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('answers start-up probes and other paths harmlessly', async () => {
    mock = await startAnthropicMock();
    expect((await fetch(mock.url, { method: 'HEAD' })).status).toBe(200);
    const count = await post('/v1/messages/count_tokens', ask(false));
    expect(((await count.json()) as { input_tokens: number }).input_tokens).toBeGreaterThan(0);
    const models = (await (await fetch(`${mock.url}/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data[0]!.id).toBeTruthy();
    const other = await post('/api/event_logging/batch', { events: [] });
    expect(other.status).toBe(200);
    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'HEAD /',
      'POST /v1/messages/count_tokens',
      'GET /v1/models',
      'POST /api/event_logging/batch',
    ]);
    expect(mock.messages()).toHaveLength(0);
  });
});
