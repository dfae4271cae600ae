// Finds the Gemini binary: CODEX_AGENT_GEMINI_BIN, then PATH, then this package's own dependency.
import { locateBin } from '../locate-bin.js';
import type { Located } from '../types.js';

export const GEMINI_BIN_ENV = 'CODEX_AGENT_GEMINI_BIN';

export function locateGemini(explicit: string | undefined, pathVar = process.env.PATH): Located | null {
  return locateBin('gemini', GEMINI_BIN_ENV, explicit, pathVar);
}
