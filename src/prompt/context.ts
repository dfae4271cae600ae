// What `start --map` and `-f` add to the task, read from the job's directory. Notes say what was
// missing, skipped or left out; they never stop the start.
import { attachFiles, DEFAULT_ATTACH_CAP_BYTES } from './attach-files.js';
import { findCodebaseMap, noMapNote } from './codebase-map.js';
import { composePrompt } from './compose.js';
import { findFiles } from './find-files.js';

export interface ContextOptions {
  map?: boolean;
  /** -f patterns, relative to cwd. */
  files?: string[];
  capBytes?: number;
}

export interface ComposedPrompt {
  prompt: string;
  notes: string[];
}

export function addContext(task: string, cwd: string, opts: ContextOptions): ComposedPrompt {
  const notes: string[] = [];
  // Patterns first: a pattern that matches nothing is a usage error, before anything is read.
  const paths = opts.files && opts.files.length > 0 ? findFiles(cwd, opts.files) : [];
  let map = null;
  if (opts.map) {
    map = findCodebaseMap(cwd);
    if (!map) notes.push(noMapNote(cwd));
  }
  const attached = attachFiles(cwd, paths, opts.capBytes ?? DEFAULT_ATTACH_CAP_BYTES);
  notes.push(...attached.notes);
  return { prompt: composePrompt(task, map, attached.files), notes };
}
