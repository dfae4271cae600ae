/*
 * The tests' scripted Gemini model: the product's plan (src/mock/gemini/plan.ts: SAY, WRITE,
 * SLEEP, side calls, the default reply) plus the directives only tests send:
 *
 *   FAIL <status>            HTTP <status> (400-599, else 500) with a Google-shaped error
 *
 * They also work after SLEEP (`SLEEP 20 FAIL 503`).
 */
import { GEMINI_DIRECTIVES, geminiPlan as productPlan, type GeminiDirectives, type GeminiPlan } from '../../../src/mock/gemini/plan.js';

export { MAX_SLEEP_MS, fitSchema, hasTools, newestPrompt, sideAnswer, type GeminiPlan } from '../../../src/mock/gemini/plan.js';

const STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };

function httpError(status: number): GeminiPlan {
  return { kind: 'http_error', status, body: { error: { code: status, message: `Mock error ${status}.`, status: STATUS[status] ?? 'UNKNOWN' } } };
}

/** The product's directives and the test-only ones. */
export const TEST_GEMINI_DIRECTIVES: GeminiDirectives = {
  ...GEMINI_DIRECTIVES,
  FAIL(c) {
    const status = Number(/^\d{3}/.exec(c.arg)?.[0] ?? 500);
    return httpError(status >= 400 && status <= 599 ? status : 500);
  },
};

/** The answer to one main request (one with tools), test directives included. */
export function geminiPlan(body: unknown): GeminiPlan {
  return productPlan(body, TEST_GEMINI_DIRECTIVES);
}
