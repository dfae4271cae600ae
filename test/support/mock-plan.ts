/*
 * The tests' scripted model: the product's plan (src/mock/plan.ts: MOCK:WRITE, MOCK:SAY,
 * MOCK:SLEEP, side titles, the default reply) plus the directives only tests send:
 *
 *   MOCK:RUN <shell command>           exec_command with that cmd; once the output comes
 *                                      back: "Ran: <cmd>\n<first line of its output>"
 *   MOCK:FAIL <status>                 HTTP <status> with an OpenAI-shaped JSON error
 *                                      (not 400-599: 500)
 *   MOCK:CUT                           stream dropped before response.completed
 *   MOCK:CONTEXT                       response.failed, code context_length_exceeded
 *   MOCK:HANG                          never answer
 *
 * They also work after MOCK:SLEEP (`MOCK:SLEEP 20 MOCK:FAIL 503`). Start a server with them:
 * `startModelServer({ plan: testPlan() })`.
 */
import { DIRECTIVES, planResponse, scriptedPlan, type Directives, type Plan } from '../../src/mock/plan.js';

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

/** The product's directives and the test-only ones. */
export const TEST_DIRECTIVES: Directives = {
  ...DIRECTIVES,
  RUN(c) {
    if (c.arg === '') return c.fallback();
    if (c.toolOutput !== null) return c.say(`Ran: ${c.arg}\n${firstLine(commandOutputBody(c.toolOutput))}`);
    return c.exec(c.arg);
  },
  FAIL(c) {
    const status = Number(/^\d{3}/.exec(c.arg)?.[0] ?? 500);
    return httpError(status >= 400 && status <= 599 ? status : 500);
  },
  CUT: (c) => ({ kind: 'cut', events: [{ type: 'response.created', response: { id: c.id } }] }),
  CONTEXT: (c) => ({
    kind: 'sse',
    events: [
      { type: 'response.created', response: { id: c.id } },
      {
        type: 'response.failed',
        response: {
          id: c.id,
          status: 'failed',
          error: {
            code: 'context_length_exceeded',
            message: 'Your input exceeds the context window of this model. Please adjust your input and try again.',
          },
        },
      },
    ],
  }),
  HANG: () => ({ kind: 'hang' }),
};

/** The answer to one request under the test plan. */
export function testPlanResponse(body: unknown, opts: { responseId?: string } = {}): Plan {
  return planResponse(body, { ...opts, directives: TEST_DIRECTIVES });
}

/** The plan for one test model server: each request under its own response id. */
export function testPlan(): (body: unknown) => Plan {
  return scriptedPlan(TEST_DIRECTIVES);
}
