// Finds an agent CLI: the path or name in the provider's own variable, then PATH, then this
// package's own dependency (node_modules/.bin).
import { join, resolve } from 'node:path';
import { isExecutable, which } from '../util/which.js';
import { packageRoot } from '../util/package-root.js';
import type { Located } from './types.js';

/** `command` is the name on PATH and in node_modules/.bin; `envName` the variable `explicit` came from. */
export function locateBin(command: string, envName: string, explicit: string | undefined, pathVar = process.env.PATH): Located | null {
  if (explicit) {
    const found = explicit.includes('/') ? (isExecutable(resolve(explicit)) ? resolve(explicit) : null) : which(explicit, pathVar);
    return found ? { path: found, source: envName } : null;
  }
  const onPath = which(command, pathVar);
  if (onPath) return { path: onPath, source: 'PATH' };
  try {
    const bundled = join(packageRoot(), 'node_modules', '.bin', command);
    if (isExecutable(bundled)) return { path: bundled, source: 'package' };
  } catch {
    // No package root (unusual layout): nothing more to try.
  }
  return null;
}
