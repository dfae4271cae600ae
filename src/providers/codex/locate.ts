// Finds the Codex binary: CODEX_AGENT_CODEX_BIN, then PATH, then this package's own dependency.
import { locateBin } from '../locate-bin.js';
import type { Located } from '../types.js';

export function locateCodex(explicit: string | undefined, pathVar = process.env.PATH): Located | null {
  return locateBin('codex', 'CODEX_AGENT_CODEX_BIN', explicit, pathVar);
}
