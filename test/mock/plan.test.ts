import { describe, expect, it } from 'vitest';
import { applyPatchCommand, MAX_SLEEP_MS, planResponse, type Plan } from '../../src/mock/plan.js';

// Request bodies shaped like the ones codex 0.169 sends (developer + environment messages first).
const msg = (role: string, text: string) => ({ type: 'message', role, content: [{ type: 'input_text', text }] });
const preamble = [msg('developer', 'You are Codex...'), msg('user', '<environment_context>\n  <cwd>/w</cwd>\n</environment_context>')];
const request = (text: string, ...after: object[]) => ({ model: 'gpt-5.5', stream: true, input: [...preamble, msg('user', text), ...after] });

const call = (cmd: string) => ({ type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd }), call_id: 'call_1' });
const output = (text: string) => ({ type: 'function_call_output', call_id: 'call_1', output: text });
// What exec_command hands back, header included (recorded from codex 0.169).
const execOutput = (body: string) => `Chunk ID: 09d6c8\nWall time: 0.0000 seconds\nProcess exited with code 0\nOriginal token count: 6\nOutput:\n${body}`;

type Ev = { type: string; item?: Record<string, unknown>; response?: Record<string, unknown> };
function sse(p: Plan): Ev[] {
  expect(p.kind).toBe('sse');
  return (p as { events: Ev[] }).events;
}
function items(p: Plan): Record<string, unknown>[] {
  return sse(p).flatMap((e) => (e.type === 'response.output_item.done' && e.item ? [e.item] : []));
}
function text(p: Plan): string {
  const it = items(p);
  expect(it).toHaveLength(1);
  expect(it[0]).toMatchObject({ type: 'message', role: 'assistant' });
  return (it[0]!.content as { text: string }[])[0]!.text;
}
function cmdOf(p: Plan): string {
  const it = items(p);
  expect(it).toHaveLength(1);
  expect(it[0]).toMatchObject({ type: 'function_call', name: 'exec_command' });
  return (JSON.parse(it[0]!.arguments as string) as { cmd: string }).cmd;
}

describe('planResponse: answer shape', () => {
  it('emits created, one item per output and completed with usage, all under the response id', () => {
    const body = request('MOCK:SAY hello');
    const events = sse(planResponse(body, { responseId: 'resp_42' }));
    expect(events.map((e) => e.type)).toEqual(['response.created', 'response.output_item.done', 'response.completed']);
    expect(events[0]!.response).toEqual({ id: 'resp_42' });
    expect(events[2]!.response!.id).toBe('resp_42');
    const input = Math.ceil(JSON.stringify(body).length / 4);
    expect(events[2]!.response!.usage).toMatchObject({
      input_tokens: input,
      input_tokens_details: { cached_tokens: Math.floor(input / 2) },
      output_tokens_details: { reasoning_tokens: 8 },
    });
  });

  it('grows input tokens with the request', () => {
    const usage = (b: unknown) => (sse(planResponse(b)).at(-1)!.response!.usage as { input_tokens: number; total_tokens: number; output_tokens: number });
    const small = usage(request('hi'));
    const big = usage(request('hi', call('ls'), output('x'.repeat(4000))));
    expect(big.input_tokens - small.input_tokens).toBeGreaterThan(1000);
    expect(big.total_tokens).toBe(big.input_tokens + big.output_tokens);
  });
});

describe('planResponse: directives', () => {
  it('SAY answers with the text after the directive, inner newlines kept', () => {
    expect(text(planResponse(request('MOCK:SAY  two\nlines \n')))).toBe('two\nlines');
  });

  it('WRITE asks to run apply_patch, then reports the file', () => {
    const first = planResponse(request('MOCK:WRITE notes/a.txt Hello there'));
    expect(cmdOf(first)).toBe("apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: notes/a.txt\n+Hello there\n*** End Patch\nEOF");
    const second = planResponse(request('MOCK:WRITE notes/a.txt Hello there', call('x'), output('Exit code: 0')));
    expect(text(second)).toBe('Wrote notes/a.txt.');
  });

  it('WRITE keeps multi-line content and picks a heredoc tag no line can close', () => {
    expect(applyPatchCommand('f.txt', 'one\nEOF\ntwo')).toBe(
      "apply_patch <<'EOF_1'\n*** Begin Patch\n*** Add File: f.txt\n+one\n+EOF\n+two\n*** End Patch\nEOF_1",
    );
    expect(cmdOf(planResponse(request('MOCK:WRITE f.txt a\nb')))).toContain('+a\n+b\n*** End Patch');
  });

  it('RUN runs the command, then quotes the first line of its output', () => {
    expect(cmdOf(planResponse(request('MOCK:RUN echo hi && ls')))).toBe('echo hi && ls');
    const done = planResponse(request('MOCK:RUN echo hi && ls', call('echo hi && ls'), output(execOutput('\nhi\nnotes\n'))));
    expect(text(done)).toBe('Ran: echo hi && ls\nhi');
  });

  it('RUN reads array-shaped tool output too', () => {
    const out = { type: 'function_call_output', call_id: 'c', output: [{ type: 'input_text', text: 'Output:\nfirst\nsecond' }] };
    expect(text(planResponse(request('MOCK:RUN true', out)))).toBe('Ran: true\nfirst');
  });

  it('SLEEP delays whatever the rest says', () => {
    const p = planResponse(request('MOCK:SLEEP 1500 MOCK:SAY late'));
    expect(p).toMatchObject({ kind: 'sse', delayMs: 1500 });
    expect(text(p)).toBe('late');
    expect(planResponse(request('MOCK:SLEEP 20 MOCK:FAIL 503'))).toMatchObject({ kind: 'http_error', status: 503, delayMs: 20 });
    expect(planResponse(request('MOCK:SLEEP 5 MOCK:CUT'))).toMatchObject({ kind: 'cut', delayMs: 5 });
    expect(planResponse(request('MOCK:SLEEP 5 MOCK:HANG'))).toEqual({ kind: 'hang' });
  });

  it('SLEEP caps the delay at 10 minutes and falls back to the default reply', () => {
    const p = planResponse(request('MOCK:SLEEP 99999999'));
    expect(p).toMatchObject({ delayMs: MAX_SLEEP_MS });
    expect(MAX_SLEEP_MS).toBe(600_000);
    expect(text(p)).toBe('ok: MOCK:SLEEP 99999999');
    expect(text(planResponse(request('MOCK:SLEEP 10 just words')))).toBe('ok: just words');
  });

  it('FAIL answers with an OpenAI-shaped error', () => {
    expect(planResponse(request('MOCK:FAIL 401'))).toEqual({
      kind: 'http_error',
      status: 401,
      body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
    });
    expect(planResponse(request('MOCK:FAIL 500'))).toMatchObject({ status: 500, body: { error: { type: 'server_error' } } });
    expect(planResponse(request('MOCK:FAIL 418'))).toMatchObject({ status: 418, body: { error: { message: 'Mock error 418.' } } });
    expect(planResponse(request('MOCK:FAIL 200'))).toMatchObject({ status: 500 });
  });

  it('CUT sends the start of a response and never completes it', () => {
    const p = planResponse(request('MOCK:CUT'), { responseId: 'r' });
    expect(p).toEqual({ kind: 'cut', events: [{ type: 'response.created', response: { id: 'r' } }] });
  });

  it('CONTEXT fails the response with context_length_exceeded', () => {
    const events = sse(planResponse(request('MOCK:CONTEXT')));
    expect(events.map((e) => e.type)).toEqual(['response.created', 'response.failed']);
    expect(events[1]!.response).toMatchObject({ status: 'failed', error: { code: 'context_length_exceeded' } });
  });

  it('HANG never answers', () => {
    expect(planResponse(request('MOCK:HANG'))).toEqual({ kind: 'hang' });
  });

  it('takes the directive from the first MOCK: line only', () => {
    expect(text(planResponse(request('please\nMOCK:SAY first\nMOCK:FAIL 500')))).toBe('first\nMOCK:FAIL 500');
  });
});

describe('planResponse: which message counts', () => {
  it('uses only the newest user message', () => {
    const body = { input: [...preamble, msg('user', 'MOCK:FAIL 500'), msg('assistant', 'MOCK:HANG'), msg('user', 'just chat')] };
    expect(text(planResponse(body))).toBe('ok: just chat');
  });

  it('answers title turns with the first words of the task, even when the task holds a directive', () => {
    // Text of a real side title request from the TUI.
    const prompt =
      "Generate a concise, single-line task title of at most 36 characters and under five words where possible. Start with an imperative verb. Do not answer the request.\n\nUser prompt:\nMOCK:SLEEP 5000 MOCK:SAY too late for words";
    expect(text(planResponse(request(prompt)))).toBe('Title: MOCK:SLEEP 5000 MOCK:SAY too late');
  });

  it('default reply is one line of at most 80 characters', () => {
    const long = `fix   the\nbug ${'x'.repeat(200)}`;
    const reply = text(planResponse(request(long)));
    expect(reply).toBe(`ok: fix the bug ${'x'.repeat(80 - 'fix the bug '.length)}`);
    expect(text(planResponse(request('MOCK:NOPE do it')))).toBe('ok: MOCK:NOPE do it');
  });

  it.each([null, 'text', 42, {}, { input: 'nope' }, { input: [msg('developer', 'MOCK:HANG')] }])('survives odd body %j', (body) => {
    expect(text(planResponse(body))).toBe('ok: ');
  });
});
