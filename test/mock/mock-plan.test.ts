// The tests' scripted model (test/support/mock-plan.ts): the product's plan plus the directives
// only tests send (RUN, FAIL, CUT, CONTEXT, HANG).
import { describe, expect, it } from 'vitest';
import { DIRECTIVES, planResponse } from '../../src/mock/plan.js';
import { TEST_DIRECTIVES, testPlan, testPlanResponse } from '../support/mock-plan.js';
import { call, cmdOf, execOutput, msg, output, preamble, request, sse, text } from './plan-fixtures.js';

describe('testPlanResponse: the product plan underneath', () => {
  it("reuses the product's directives as they are", () => {
    for (const [name, handler] of Object.entries(DIRECTIVES)) expect(TEST_DIRECTIVES[name], name).toBe(handler);
    expect(Object.keys(TEST_DIRECTIVES).sort()).toEqual(['CONTEXT', 'CUT', 'FAIL', 'HANG', 'RUN', 'SAY', 'SLEEP', 'WRITE']);
  });

  it.each([
    request('MOCK:SAY hello'),
    request('MOCK:WRITE notes/a.txt Hello there'),
    request('MOCK:WRITE notes/a.txt Hello there', call('x'), output('Exit code: 0')),
    request('MOCK:SLEEP 1500 MOCK:SAY late'),
    request('Generate a concise, single-line task title of at most 36 characters.\n\nUser prompt:\nMOCK:FAIL 401 now'),
    request('MOCK:NOPE do it'),
    null,
  ])('answers as the product does: %j', (body) => {
    expect(testPlanResponse(body, { responseId: 'r' })).toEqual(planResponse(body, { responseId: 'r' }));
  });

  it('answers each request under its own response id', () => {
    const plan = testPlan();
    const first = sse(plan(request('MOCK:SAY a')))[0]!.response!.id;
    const second = sse(plan(request('MOCK:SAY b')))[0]!.response!.id;
    expect(first).not.toBe(second);
  });
});

describe('testPlanResponse: test-only directives', () => {
  it('RUN runs the command, then quotes the first line of its output', () => {
    expect(cmdOf(testPlanResponse(request('MOCK:RUN echo hi && ls')))).toBe('echo hi && ls');
    const done = testPlanResponse(request('MOCK:RUN echo hi && ls', call('echo hi && ls'), output(execOutput('\nhi\nnotes\n'))));
    expect(text(done)).toBe('Ran: echo hi && ls\nhi');
  });

  it('RUN reads array-shaped tool output too', () => {
    const out = { type: 'function_call_output', call_id: 'c', output: [{ type: 'input_text', text: 'Output:\nfirst\nsecond' }] };
    expect(text(testPlanResponse(request('MOCK:RUN true', out)))).toBe('Ran: true\nfirst');
  });

  it('RUN without a command is the default reply', () => {
    expect(text(testPlanResponse(request('MOCK:RUN')))).toBe('ok: MOCK:RUN');
  });

  it('SLEEP delays whatever the rest says', () => {
    expect(testPlanResponse(request('MOCK:SLEEP 20 MOCK:FAIL 503'))).toMatchObject({ kind: 'http_error', status: 503, delayMs: 20 });
    expect(testPlanResponse(request('MOCK:SLEEP 5 MOCK:CUT'))).toMatchObject({ kind: 'cut', delayMs: 5 });
    expect(testPlanResponse(request('MOCK:SLEEP 5 MOCK:HANG'))).toEqual({ kind: 'hang' });
  });

  it('FAIL answers with an OpenAI-shaped error', () => {
    expect(testPlanResponse(request('MOCK:FAIL 401'))).toEqual({
      kind: 'http_error',
      status: 401,
      body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
    });
    expect(testPlanResponse(request('MOCK:FAIL 500'))).toMatchObject({ status: 500, body: { error: { type: 'server_error' } } });
    expect(testPlanResponse(request('MOCK:FAIL 418'))).toMatchObject({ status: 418, body: { error: { message: 'Mock error 418.' } } });
    expect(testPlanResponse(request('MOCK:FAIL 200'))).toMatchObject({ status: 500 });
  });

  it('CUT sends the start of a response and never completes it', () => {
    const p = testPlanResponse(request('MOCK:CUT'), { responseId: 'r' });
    expect(p).toEqual({ kind: 'cut', events: [{ type: 'response.created', response: { id: 'r' } }] });
  });

  it('CONTEXT fails the response with context_length_exceeded', () => {
    const events = sse(testPlanResponse(request('MOCK:CONTEXT')));
    expect(events.map((e) => e.type)).toEqual(['response.created', 'response.failed']);
    expect(events[1]!.response).toMatchObject({ status: 'failed', error: { code: 'context_length_exceeded' } });
  });

  it('HANG never answers', () => {
    expect(testPlanResponse(request('MOCK:HANG'))).toEqual({ kind: 'hang' });
  });

  it('takes the directive from the first MOCK: line only', () => {
    expect(text(testPlanResponse(request('please\nMOCK:SAY first\nMOCK:FAIL 500')))).toBe('first\nMOCK:FAIL 500');
  });

  it('uses only the newest user message', () => {
    const body = { input: [...preamble, msg('user', 'MOCK:FAIL 500'), msg('assistant', 'MOCK:HANG'), msg('user', 'just chat')] };
    expect(text(testPlanResponse(body))).toBe('ok: just chat');
  });

  it('answers title turns with the title even when the task holds a test-only directive', () => {
    const prompt = 'Generate a concise, single-line task title of at most 36 characters.\n\nUser prompt:\nMOCK:HANG forever and ever more words';
    expect(text(testPlanResponse(request(prompt)))).toBe('Title: MOCK:HANG forever and ever more');
  });
});
