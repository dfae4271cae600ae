// Facts that could not go into the state root when they happened, because it was full or
// read-only: `kill`'s "cancelled by the user", and a runner's last words (what it knew and could
// not write). They are kept outside the root, per user and state root, in the first of a few
// places that takes them ($XDG_RUNTIME_DIR, the temp folder, /tmp, /dev/shm: the last two are
// often another filesystem, or memory), and reconcile writes them into the record once the root
// is writable again, then removes them.
import { chmodSync, existsSync, lstatSync, mkdirSync, rmSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { ProcRef } from '../proc/identity.js';
import { isJobId } from './ids.js';
import { readIfExists, writeFileAtomic } from './private-fs.js';

/** `kill` stopped the job but could not record it. */
export interface KillNote {
  home: string;
  id: string;
  reason: string;
  at: string;
}

/** A runner left without writing what it knew: the record as it would have written it. */
export interface LastWords {
  home: string;
  id: string;
  at: string;
  /** The runner that left them: they apply only while the record still names it. */
  runner: ProcRef | null;
  /** The record's updated_at the runner built on: written over only if nobody wrote since. */
  base_updated_at: string;
  reason: string;
  record: unknown;
}

type Kind = 'kill' | 'last-words';

/** Pure: FNV-1a of the state root's path, so each root has its own folder (no crypto to load). */
export function rootKey(home: string): string {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(resolve(home))) {
    h ^= ch;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function user(): string {
  return String(process.getuid?.() ?? 'user');
}

/** The folders a note may be in, in the order a writer tries them. */
export function noteDirs(home: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const bases = [env.XDG_RUNTIME_DIR, tmpdir(), '/tmp', '/dev/shm'].filter((b): b is string => !!b && isAbsolute(b));
  const key = rootKey(home);
  return [...new Set(bases.map((b) => resolve(b)))].map((b) => join(b, `codex-agent-${user()}`, key));
}

/**
 * A folder of our own, made one level at a time and checked before use: never through a symlink
 * or a folder another user planted in a shared temp folder; private.
 */
function ownDir(dir: string): boolean {
  try {
    for (const d of [join(dir, '..'), dir]) {
      try {
        mkdirSync(d, { mode: 0o700 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      }
      const st = lstatSync(d);
      if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) return false;
      if ((st.mode & 0o777) !== 0o700) chmodSync(d, 0o700);
    }
    return true;
  } catch {
    return false;
  }
}

function notePath(dir: string, id: string, kind: Kind): string {
  if (!isJobId(id)) throw new Error(`refusing to build a path from job id "${id}"`);
  return join(dir, `${id}.${kind}.json`);
}

function leave(home: string, id: string, kind: Kind, note: KillNote | LastWords): string | null {
  const text = `${JSON.stringify({ ...note, home: resolve(note.home) })}\n`;
  for (const dir of noteDirs(home)) {
    if (!ownDir(dir)) continue;
    try {
      const path = notePath(dir, id, kind);
      writeFileAtomic(path, text);
      return path;
    } catch {
      // That place is full or read-only too: the next one.
    }
  }
  return null;
}

/** Leaves kill's note; the path it went to, or null when no place took it. */
export function leaveKillNote(note: KillNote): string | null {
  return leave(note.home, note.id, 'kill', note);
}

/** Leaves a runner's last words; the path they went to, or null when no place took them. */
export function leaveLastWords(words: LastWords): string | null {
  return leave(words.home, words.id, 'last-words', words);
}

function read<T extends { home: string; id: string }>(dirs: string[], home: string, id: string, kind: Kind, valid: (v: Record<string, unknown>) => boolean): T | null {
  for (const dir of dirs) {
    try {
      const text = readIfExists(notePath(dir, id, kind));
      if (text === null) continue;
      const v = JSON.parse(text) as Record<string, unknown>;
      if (v && v.home === resolve(home) && v.id === id && typeof v.at === 'string' && valid(v)) return v as unknown as T;
    } catch {
      // Unreadable or not ours: as if there were none.
    }
  }
  return null;
}

export interface Notes {
  kill: KillNote | null;
  words: LastWords | null;
}

/** The notes left for a job, if any (a few stat calls when there are none). */
export function readNotes(home: string, id: string): Notes {
  const dirs = noteDirs(home).filter((d) => existsSync(d));
  if (dirs.length === 0) return { kill: null, words: null };
  return {
    kill: read<KillNote>(dirs, home, id, 'kill', (v) => typeof v.reason === 'string'),
    words: read<LastWords>(dirs, home, id, 'last-words', (v) => typeof v.base_updated_at === 'string' && typeof v.reason === 'string' && typeof v.record === 'object'),
  };
}

/** Once the record holds what the notes said (or the job is deleted). */
export function removeNotes(home: string, id: string): void {
  for (const dir of noteDirs(home)) {
    if (!existsSync(dir)) continue;
    for (const kind of ['kill', 'last-words'] as const) {
      try {
        rmSync(notePath(dir, id, kind), { force: true });
      } catch {
        // Left behind: a note the record already holds changes nothing when read again.
      }
    }
    try {
      // The root's folder goes with its last note.
      rmdirSync(dir);
    } catch {
      // Notes of other jobs are still in it.
    }
  }
}
