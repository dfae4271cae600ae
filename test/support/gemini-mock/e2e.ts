// Gemini for an end-to-end harness: the stand-in API on 127.0.0.1, a private Gemini user folder
// (API-key auth selected), the pinned CLI; no real Google credentials reach it.
import { join } from 'node:path';
import type { E2E } from '../e2e.js';
import { ROOT } from '../e2e.js';
import { useGeminiStandIn } from '../../../src/mock/gemini/home.js';
import { startGeminiServer, type GeminiServer } from './server.js';

export const GEMINI_BIN = join(ROOT, 'node_modules', '.bin', 'gemini');

/** Adds Gemini to `e`'s environment; close the returned server after e.dispose(). */
export async function withGemini(e: E2E): Promise<GeminiServer> {
  const server = await startGeminiServer();
  // The user's Gemini folder, without moving HOME for Codex.
  useGeminiStandIn(e.env, join(e.root, 'gemini-user'), server.url);
  e.env.CODEX_AGENT_GEMINI_BIN = GEMINI_BIN;
  return server;
}

/** The bodies of the main requests (with tools) that carry `text` (JSON-escaped, as sent). */
export function requestsCarrying(api: GeminiServer, text: string): unknown[] {
  const needle = JSON.stringify(text).slice(1, -1);
  return api.mainRequests().map((r) => r.body).filter((b) => JSON.stringify(b).includes(needle));
}
