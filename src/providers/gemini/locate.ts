// Finds the Gemini binary: CODEX_AGENT_GEMINI_BIN, then PATH, then this package's own dependency.
import { join, resolve } from 'node:path';
import { isExecutable, which } from '../../util/which.js';
import { packageRoot } from '../../util/package-root.js';
import type { Located } from '../types.js';

export const GEMINI_BIN_ENV = 'CODEX_AGENT_GEMINI_BIN';

export function locateGemini(explicit: string | undefined, pathVar = process.env.PATH): Located | null {
  if (explicit) {
    const found = explicit.includes('/') ? (isExecutable(resolve(explicit)) ? resolve(explicit) : null) : which(explicit, pathVar);
    return found ? { path: found, source: GEMINI_BIN_ENV } : null;
  }
  const onPath = which('gemini', pathVar);
  if (onPath) return { path: onPath, source: 'PATH' };
  try {
    const bundled = join(packageRoot(), 'node_modules', '.bin', 'gemini');
    if (isExecutable(bundled)) return { path: bundled, source: 'package' };
  } catch {
    // No package root (unusual layout): nothing more to try.
  }
  return null;
}
