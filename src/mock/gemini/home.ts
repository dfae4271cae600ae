// A private Gemini user folder for the real Gemini CLI against the stand-in: API-key auth selected
// (else the base-URL variable picks a gateway auth and headless exits 41), no real credentials.
import { join } from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from '../../store/private-fs.js';

/** Variables that would send Gemini elsewhere (Vertex, Code Assist, a real key): dropped. */
export const GEMINI_FOREIGN_ENV = ['GOOGLE_API_KEY', 'GOOGLE_GENAI_USE_VERTEXAI', 'GOOGLE_GENAI_USE_GCA', 'GOOGLE_CLOUD_PROJECT', 'GOOGLE_APPLICATION_CREDENTIALS'] as const;

/** Writes `<home>/.gemini/settings.json`; returns HOME, the stand-in's key and its URL. */
export function prepareGeminiHome(home: string, serverUrl: string): Record<string, string> {
  ensurePrivateDir(home);
  ensurePrivateDir(join(home, '.gemini'));
  writeFileAtomic(join(home, '.gemini', 'settings.json'), `${JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }, null, 2)}\n`);
  return { HOME: home, GEMINI_API_KEY: 'x', GOOGLE_GEMINI_BASE_URL: serverUrl };
}

/** `env` pointed at the stand-in: the private user folder as GEMINI_CLI_HOME (HOME stays, for Codex). */
export function useGeminiStandIn(env: Record<string, string | undefined>, home: string, serverUrl: string): void {
  const { HOME: _home, ...keys } = prepareGeminiHome(home, serverUrl);
  for (const k of GEMINI_FOREIGN_ENV) delete env[k];
  Object.assign(env, keys, { GEMINI_CLI_HOME: home });
}
