// The codebase map `start --map` puts into the prompt: the first of these that exists in the job's
// directory.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { exactUtf8 } from '../util/utf8.js';
import type { Attachment } from './compose.js';

export const MAP_CANDIDATES = ['docs/CODEBASE_MAP.md', 'CODEBASE_MAP.md', 'docs/ARCHITECTURE.md'] as const;

/** The map of this directory, or null when there is none; a map that is not UTF-8 is refused, not mangled. */
export function findCodebaseMap(cwd: string): Attachment | null {
  for (const path of MAP_CANDIDATES) {
    const abs = join(cwd, path);
    let buf: Buffer;
    try {
      if (!statSync(abs).isFile()) continue;
      buf = readFileSync(abs);
    } catch {
      // Not there (or unreadable): the next candidate.
      continue;
    }
    return { path, text: exactUtf8(buf, `--map: the codebase map ${path}`) };
  }
  return null;
}

export function noMapNote(cwd: string): string {
  return `--map: no codebase map in ${cwd} (looked for ${MAP_CANDIDATES.join(', ')}); the prompt goes without one`;
}
