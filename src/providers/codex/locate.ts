// Finds the Codex binary: CODEX_AGENT_CODEX_BIN, then PATH, then this package's own dependency.
import { join, resolve } from 'node:path';
import { isExecutable, which } from '../../util/which.js';
import { packageRoot } from '../../util/package-root.js';

export interface CodexLocation {
  path: string;
  source: 'CODEX_AGENT_CODEX_BIN' | 'PATH' | 'package';
}

export function locateCodex(explicit: string | undefined, pathVar = process.env.PATH): CodexLocation | null {
  if (explicit) {
    const found = explicit.includes('/') ? (isExecutable(resolve(explicit)) ? resolve(explicit) : null) : which(explicit, pathVar);
    return found ? { path: found, source: 'CODEX_AGENT_CODEX_BIN' } : null;
  }
  const onPath = which('codex', pathVar);
  if (onPath) return { path: onPath, source: 'PATH' };
  try {
    const bundled = join(packageRoot(), 'node_modules', '.bin', 'codex');
    if (isExecutable(bundled)) return { path: bundled, source: 'package' };
  } catch {
    // No package root (unusual layout): nothing more to try.
  }
  return null;
}
