// A session record's end as the seam reports it (sessionEnd): its path and its size now.
import { statSync } from 'node:fs';

/** Null when there is no such file, or it went away before it could be measured. */
export function fileEnd(path: string | null): { path: string; size: number } | null {
  if (!path) return null;
  try {
    return { path, size: statSync(path).size };
  } catch {
    return null;
  }
}
