// The product's Gemini stand-in (src/mock/gemini/server.ts) answering with the tests' plan
// (./plan.ts: the test-only directives too).
import { startGeminiServer as startProductServer, type GeminiServer } from '../../../src/mock/gemini/server.js';
import { geminiPlan } from './plan.js';

export { answerChunks, type GeminiRequest, type GeminiServer } from '../../../src/mock/gemini/server.js';

export function startGeminiServer(): Promise<GeminiServer> {
  return startProductServer({ plan: geminiPlan });
}
