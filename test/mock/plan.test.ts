// The product's scripted model (src/mock/plan.ts): the directives selftest sends, side titles and
// the default reply. The test-only directives are covered in mock-plan.test.ts.
import { describe, expect, it } from 'vitest';
import { applyPatchCommand, DIRECTIVES, MAX_SLEEP_MS, planResponse, scriptedPlan } from '../../src/mock/plan.js';
import { call, cmdOf, msg, output, preamble, request, sse, text } from './plan-fixtures.js';

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
  it('knows exactly the directives selftest sends', () => {
    expect(Object.keys(DIRECTIVES).sort()).toEqual(['SAY', 'SLEEP', 'WRITE']);
  });

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

  it('SLEEP delays whatever the rest says', () => {
    const p = planResponse(request('MOCK:SLEEP 1500 MOCK:SAY late'));
    expect(p).toMatchObject({ kind: 'sse', delayMs: 1500 });
    expect(text(p)).toBe('late');
  });

  it('SLEEP caps the delay at 10 minutes and falls back to the default reply', () => {
    const p = planResponse(request('MOCK:SLEEP 99999999'));
    expect(p).toMatchObject({ delayMs: MAX_SLEEP_MS });
    expect(MAX_SLEEP_MS).toBe(600_000);
    expect(text(p)).toBe('ok: MOCK:SLEEP 99999999');
    expect(text(planResponse(request('MOCK:SLEEP 10 just words')))).toBe('ok: just words');
  });

  it('takes the directive from the first MOCK: line only', () => {
    expect(text(planResponse(request('please\nMOCK:SAY first\nMOCK:FAIL 500')))).toBe('first\nMOCK:FAIL 500');
  });

  it.each(['MOCK:RUN echo hi', 'MOCK:FAIL 401', 'MOCK:CUT', 'MOCK:CONTEXT', 'MOCK:HANG'])('answers the test-only %s with the default reply', (m) => {
    expect(text(planResponse(request(m)))).toBe(`ok: ${m}`);
  });

  it('answers a SLEEP whose rest is a test-only directive with the default reply, delayed', () => {
    const p = planResponse(request('MOCK:SLEEP 5 MOCK:HANG'));
    expect(p).toMatchObject({ kind: 'sse', delayMs: 5 });
    expect(text(p)).toBe('ok: MOCK:HANG');
  });
});

describe('planResponse: which message counts', () => {
  it('uses only the newest user message', () => {
    const body = { input: [...preamble, msg('user', 'MOCK:FAIL 500'), msg('assistant', 'MOCK:HANG'), msg('user', 'just chat')] };
    expect(text(planResponse(body))).toBe('ok: just chat');
    const own = { input: [...preamble, msg('user', 'MOCK:SAY older'), msg('assistant', 'MOCK:SAY mine'), msg('user', 'just chat')] };
    expect(text(planResponse(own))).toBe('ok: just chat');
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

describe('scriptedPlan', () => {
  it('answers each request under its own response id, counted per plan', () => {
    const a = scriptedPlan();
    const ids = [a, a, scriptedPlan()].map((p) => sse(p(request('MOCK:SAY x')))[0]!.response!.id);
    expect(ids).toEqual(['resp_mock_1', 'resp_mock_2', 'resp_mock_1']);
  });

  it('uses the directives it is given, and only those', () => {
    const plan = scriptedPlan({ ECHO: (c) => c.say(`echo ${c.arg}`) });
    expect(text(plan(request('MOCK:ECHO hi')))).toBe('echo hi');
    expect(text(plan(request('MOCK:SAY hi')))).toBe('ok: MOCK:SAY hi');
    expect(text(scriptedPlan()(request('MOCK:SAY hi')))).toBe('hi');
  });
});
