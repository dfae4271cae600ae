import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../src/mock/server.js';
import { testPlan } from '../support/mock-plan.js';

interface Reply {
  status: number;
  type: string | undefined;
  text: string;
  complete: boolean; // false when the server dropped the connection mid-body
  error?: string;
}

function send(url: string, opts: { method?: string; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: opts.method ?? 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      const done = (error?: string) =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], text, complete: res.complete, ...(error ? { error } : {}) });
      res.on('end', () => done());
      res.on('error', (e) => done(e.message));
      res.on('aborted', () => done('aborted'));
    });
    req.on('error', (e) => resolve({ status: 0, type: undefined, text: '', complete: false, error: e.message }));
    req.end(opts.body);
  });
}

const body = (text: string) => JSON.stringify({ model: 'gpt-5.5', input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text }] }] });

// Parses "event: NAME\ndata: JSON\n\n" frames and checks the name matches data.type.
function frames(text: string): { type: string; response?: { id?: string; usage?: unknown } }[] {
  return text
    .split('\n\n')
    .filter((f) => f.trim() !== '')
    .map((f) => {
      const m = /^event: (.+)\ndata: (.+)$/.exec(f);
      expect(m, f).not.toBeNull();
      const data = JSON.parse(m![2]!) as { type: string };
      expect(data.type).toBe(m![1]);
      return data;
    });
}

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('startModelServer', () => {
  let server: ModelServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('listens on 127.0.0.1 and streams a scripted answer as SSE', async () => {
    server = await startModelServer();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1`);
    expect(server.port).toBeGreaterThan(0);
    const before = Date.now();
    const r = await send(`${server.url}/responses`, { body: body('MOCK:SAY hi there') });
    expect(r).toMatchObject({ status: 200, type: 'text/event-stream', complete: true });
    const evs = frames(r.text);
    expect(evs.map((e) => e.type)).toEqual(['response.created', 'response.output_item.done', 'response.completed']);
    expect(r.text).toContain('"text":"hi there"');
    // Response ids differ per request so Codex never sees a repeat.
    const second = frames((await send(`${server.url}/responses`, { body: body('again') })).text);
    expect(second[0]!.response!.id).not.toBe(evs[0]!.response!.id);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]).toMatchObject({ path: '/v1/responses', body: JSON.parse(body('MOCK:SAY hi there')) });
    expect(server.requests[0]!.at).toBeGreaterThanOrEqual(before);
  });

  it('answers 404 to anything but POST /v1/responses and still records it', async () => {
    server = await startModelServer();
    const base = `http://127.0.0.1:${server.port}`;
    expect((await send(`${base}/v1/responses`, { method: 'GET' })).status).toBe(404);
    expect((await send(`${base}/v1/models`, { body: '{}' })).status).toBe(404);
    expect((await send(`${base}/responses`, { body: body('x') })).status).toBe(404);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/responses', '/v1/models', '/responses']);
  });

  it('waits delayMs before answering', async () => {
    server = await startModelServer();
    const t0 = Date.now();
    const r = await send(`${server.url}/responses`, { body: body('MOCK:SLEEP 300 MOCK:SAY late') });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(r.text).toContain('"text":"late"');
  });

  it('uses a custom plan and reports a plan that throws as 500', async () => {
    let n = 0;
    server = await startModelServer({
      plan: () => {
        n++;
        if (n === 2) throw new Error('bad plan');
        return { kind: 'http_error', status: 429, body: { error: { message: 'slow down' } } };
      },
    });
    expect((await send(`${server.url}/responses`, { body: '{}' })).status).toBe(429);
    expect((await send(`${server.url}/responses`, { body: '{}' })).status).toBe(500);
  });

  it('records a body that is not JSON as raw text', async () => {
    server = await startModelServer();
    const r = await send(`${server.url}/responses`, { body: 'not json' });
    expect(r.status).toBe(200);
    expect(server.requests[0]!.body).toBe('not json');
  });

  it('can listen on a chosen port', async () => {
    const probe = await startModelServer();
    const port = probe.port;
    await probe.close();
    server = await startModelServer({ port });
    expect(server.port).toBe(port);
    expect((await send(`${server.url}/responses`, { body: body('MOCK:SAY yes') })).status).toBe(200);
  });

  it('closes promptly while a request sleeps', async () => {
    const s = await startModelServer();
    const sleeping = send(`${s.url}/responses`, { body: body('MOCK:SLEEP 600000 MOCK:SAY too late') });
    await waitFor(() => s.requests.length === 1);
    const t0 = Date.now();
    await s.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    const r = await sleeping;
    expect(r.status).toBe(0);
    expect(r.error).toBeDefined();
  });

  it('answers the test-only directives with the default reply', async () => {
    server = await startModelServer();
    const r = await send(`${server.url}/responses`, { body: body('MOCK:FAIL 401') });
    expect(r).toMatchObject({ status: 200, type: 'text/event-stream', complete: true });
    expect(r.text).toContain('"text":"ok: MOCK:FAIL 401"');
  });
});

// The test harness's server (test/support/e2e.ts): the test plan's directives, on the same server.
describe('startModelServer with the test plan', () => {
  let server: ModelServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('streams the product directives and gives each response its own id', async () => {
    server = await startModelServer({ plan: testPlan() });
    const first = frames((await send(`${server.url}/responses`, { body: body('MOCK:SAY hi there') })).text);
    expect(first.map((e) => e.type)).toEqual(['response.created', 'response.output_item.done', 'response.completed']);
    const second = frames((await send(`${server.url}/responses`, { body: body('again') })).text);
    expect(second[0]!.response!.id).not.toBe(first[0]!.response!.id);
  });

  it('sends HTTP errors as JSON', async () => {
    server = await startModelServer({ plan: testPlan() });
    const r = await send(`${server.url}/responses`, { body: body('MOCK:FAIL 401') });
    expect(r.status).toBe(401);
    expect(r.type).toBe('application/json');
    expect(JSON.parse(r.text)).toMatchObject({ error: { code: 'invalid_api_key' } });
  });

  it('cuts the stream after the first events', async () => {
    server = await startModelServer({ plan: testPlan() });
    const r = await send(`${server.url}/responses`, { body: body('MOCK:CUT') });
    expect(r.status).toBe(200);
    expect(r.complete).toBe(false);
    expect(r.text).toContain('event: response.created');
    expect(r.text).not.toContain('response.completed');
  });

  it('closes promptly while a request hangs and another sleeps', async () => {
    const s = await startModelServer({ plan: testPlan() });
    const hung = send(`${s.url}/responses`, { body: body('MOCK:HANG') });
    const sleeping = send(`${s.url}/responses`, { body: body('MOCK:SLEEP 600000') });
    await waitFor(() => s.requests.length === 2);
    const t0 = Date.now();
    await s.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    const [a, b] = await Promise.all([hung, sleeping]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(a.error).toBeDefined();
    // Nothing listens any more.
    expect((await send(`${s.url}/responses`, { body: '{}' })).error).toMatch(/ECONNREFUSED/);
  });
});
