// The files `start -f` attaches: read as UTF-8 text, binaries skipped, and no more than a cap in
// all (the files that do not fit are left out whole, and said so). The prompt itself has no cap.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AgentError } from '../errors.js';
import type { Attachment } from './compose.js';

/** Attached files' total size at most, by default: about 64k tokens, room left for the work. */
export const DEFAULT_ATTACH_CAP_BYTES = 256 * 1024;
/** How much of a file decides whether it is binary (as git does). */
const SNIFF_BYTES = 8000;
const NAMES_SHOWN = 10;

export interface Attached {
  files: Attachment[];
  /** What was skipped or left out, one line each. */
  notes: string[];
}

/** Pure: binary when it holds a NUL byte early on or is not valid UTF-8. */
export function isBinary(buf: Buffer): boolean {
  if (buf.subarray(0, SNIFF_BYTES).includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return false;
  } catch {
    return true;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${n} bytes`;
}

/** Pure: "a, b, c and 4 more". */
export function nameList(names: string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return names.length > NAMES_SHOWN ? `${shown} and ${names.length - NAMES_SHOWN} more` : shown;
}

/** Pure: which files fit under the cap, in order: each that still fits goes in, each that does not is left out. */
export function fitUnderCap<T extends { size: number }>(files: T[], capBytes: number): { kept: T[]; left: T[] } {
  const kept: T[] = [];
  const left: T[] = [];
  let used = 0;
  for (const f of files) {
    if (used + f.size <= capBytes) {
      kept.push(f);
      used += f.size;
    } else left.push(f);
  }
  return { kept, left };
}

/** Reads the files (paths relative to cwd, in the order given). */
export function attachFiles(cwd: string, paths: string[], capBytes: number = DEFAULT_ATTACH_CAP_BYTES): Attached {
  const texts: (Attachment & { size: number })[] = [];
  const binaries: string[] = [];
  for (const path of paths) {
    const abs = join(cwd, path);
    let buf: Buffer;
    try {
      // A file over the cap on its own is not read: it cannot go in anyway.
      const size = statSync(abs).size;
      if (size > capBytes) {
        texts.push({ path, text: '', size });
        continue;
      }
      buf = readFileSync(abs);
    } catch (e) {
      throw new AgentError(`-f: cannot read ${path}: ${(e as Error).message}`);
    }
    if (isBinary(buf)) binaries.push(path);
    else texts.push({ path, text: buf.toString('utf8'), size: buf.length });
  }
  const { kept, left } = fitUnderCap(texts, capBytes);
  const notes: string[] = [];
  if (binaries.length > 0) notes.push(`-f: skipped ${binaries.length} binary file(s): ${nameList(binaries)}`);
  if (left.length > 0) {
    const bytes = left.reduce((n, f) => n + f.size, 0);
    notes.push(`-f: left out ${left.length} file(s), ${formatBytes(bytes)}, over the ${formatBytes(capBytes)} cap for attached files: ${nameList(left.map((f) => f.path))}`);
  }
  return { files: kept.map(({ path, text }) => ({ path, text })), notes };
}
