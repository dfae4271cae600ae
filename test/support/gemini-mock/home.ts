// A private HOME for the real Gemini CLI against the stand-in: API-key auth selected (else the
// base-URL variable picks a gateway auth and headless exits 41), no real credentials.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function prepareGeminiHome(home: string, serverUrl: string): Record<string, string> {
  mkdirSync(join(home, '.gemini'), { recursive: true, mode: 0o700 });
  writeFileSync(join(home, '.gemini', 'settings.json'), JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }, null, 2));
  return { HOME: home, GEMINI_API_KEY: 'x', GOOGLE_GEMINI_BASE_URL: serverUrl };
}
