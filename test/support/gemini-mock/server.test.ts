// The Gemini API stand-in: routes, SSE frames with usage, function calls and their follow-up,
// side calls without tools, HTTP errors, delays, and the record of requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitSchema, geminiPlan, newestPrompt } from './plan.js';
import { startGeminiServer, type GeminiServer } from './server.js';

const ctx = { text: '<session_context>\nThis is the Gemini CLI.\n</session_context>' };
const user = (text: string) => ({ role: 'user', parts: [ctx, { text }] });
const tools = [{ functionDeclarations: [{ name: 'write_file' }] }];

let s: GeminiServer;
beforeAll(async () => {
  s = await startGeminiServer();
});
afterAll(async () => {
  await s.close();
});

async function post(call: string, body: object, query = ''): Promise<Response> {
  return fetch(`${s.url}/v1beta/models/${call}${query}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k1' }, body: JSON.stringify(body) });
}

function frames(text: string): { candidates: { content: { parts: Record<string, unknown>[] }; finishReason?: string }[]; usageMetadata?: Record<string, number> }[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((f) => f.startsWith('data: '))
    .map((f) => JSON.parse(f.slice('data: '.length)));
}

describe('plan', () => {
  it('reads the directive from the newest prompt part, not the session context', () => {
    expect(newestPrompt({ contents: [user('SAY old'), { role: 'model', parts: [{ text: 'old' }] }, user('SAY new')] })).toEqual({ prompt: 'SAY new', toolResponse: null });
    expect(geminiPlan({ contents: [user('hello   there\nfriend')] })).toEqual({ kind: 'answer', parts: [{ text: 'ok: hello there friend' }] });
    expect(geminiPlan({ contents: [user('SLEEP 20 SAY late')] })).toEqual({ kind: 'answer', parts: [{ text: 'late' }], delayMs: 20 });
    expect(geminiPlan({ contents: [user('FAIL 777')] })).toMatchObject({ kind: 'http_error', status: 500 });
  });

  it('WRITE asks for write_file, then reports what the functionResponse said', () => {
    const call = { role: 'model', parts: [{ functionCall: { name: 'write_file', args: {} } }] };
    expect(geminiPlan({ contents: [user('WRITE a/b.txt two words')] })).toEqual({ kind: 'answer', parts: [{ functionCall: { name: 'write_file', args: { file_path: 'a/b.txt', content: 'two words\n' } } }] });
    const back = (response: object) => ({ contents: [user('WRITE a/b.txt x'), call, { role: 'user', parts: [{ functionResponse: { name: 'write_file', response } }] }] });
    expect(geminiPlan(back({ output: 'ok' }))).toEqual({ kind: 'answer', parts: [{ text: 'Wrote a/b.txt.' }] });
    expect(geminiPlan(back({ error: 'Tool "write_file" not found.' }))).toEqual({ kind: 'answer', parts: [{ text: 'Could not write a/b.txt: Tool "write_file" not found.' }] });
  });

  it('fits the router\'s JSON schema', () => {
    const schema = { type: 'OBJECT', properties: { complexity_reasoning: { type: 'STRING' }, complexity_score: { type: 'INTEGER' }, model_choice: { type: 'STRING', enum: ['flash', 'pro'] } } };
    expect(fitSchema(schema)).toEqual({ complexity_reasoning: 'scripted', complexity_score: 10, model_choice: 'flash' });
  });
});

describe('server', () => {
  it('streams a scripted answer as SSE chunks with usage, and records the request and its key', async () => {
    const before = s.requests.length;
    const res = await post('gemini-x:streamGenerateContent', { contents: [user('SAY hello world')], tools }, '?alt=sse');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const fs = frames(await res.text());
    expect(fs.map((f) => f.candidates[0]!.content.parts.map((p) => p.text).join('')).join('')).toBe('hello world');
    expect(fs.at(-1)!.candidates[0]!.finishReason).toBe('STOP');
    expect(fs.at(-1)!.usageMetadata).toMatchObject({ promptTokenCount: expect.any(Number), candidatesTokenCount: expect.any(Number) });
    expect(s.requests.slice(before)).toMatchObject([{ call: 'gemini-x:streamGenerateContent', key: 'k1' }]);
    expect(s.mainRequests().at(-1)!.call).toBe('gemini-x:streamGenerateContent');
  });

  it('answers side calls (no tools) with plain answers, never the script', async () => {
    const res = await post('lite:generateContent', { contents: [user('FAIL 500')], generationConfig: { responseMimeType: 'application/json', responseJsonSchema: { type: 'OBJECT', properties: { model_choice: { type: 'STRING', enum: ['m1'] } } } } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { candidates: { content: { parts: { text: string }[] } }[] };
    expect(JSON.parse(body.candidates[0]!.content.parts[0]!.text)).toEqual({ model_choice: 'm1' });
    const summary = await post('lite:generateContent', { contents: [user('Summarize the user\'s primary intent')] });
    expect(((await summary.json()) as { candidates: { content: { parts: { text: string }[] } }[] }).candidates[0]!.content.parts[0]!.text).toBe('A scripted session.');
  });

  it('fails with a Google-shaped HTTP error, and 404s unknown routes', async () => {
    const res = await post('m:streamGenerateContent', { contents: [user('FAIL 401')], tools }, '?alt=sse');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 401, message: 'Mock error 401.', status: 'UNAUTHENTICATED' } });
    expect((await fetch(`${s.url}/v1/other`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('sends a function call as one chunk', async () => {
    const res = await post('m:streamGenerateContent', { contents: [user('WRITE f.txt hi')], tools }, '?alt=sse');
    const fs = frames(await res.text());
    expect(fs).toHaveLength(1);
    expect(fs[0]!.candidates[0]!.content.parts).toEqual([{ functionCall: { name: 'write_file', args: { file_path: 'f.txt', content: 'hi\n' } } }]);
  });
});
