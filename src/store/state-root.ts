// The one place a failed write becomes "the state root is full / read-only": the store's write
// primitives (files, folders, locks) pass their errors through here, so every command says the
// same one line and exits with the same code, whichever file it was writing.
import { resolve, sep } from 'node:path';
import { STATE_ROOT_CODES, StateRootError, type StateRootCode } from '../errors.js';

/** Every state root this process works in (one in practice; tests make several). */
const roots = new Set<string>();

export function registerStateRoot(home: string): void {
  roots.add(resolve(home));
}

/** The registered state root that holds `path`, the deepest when roots nest. */
function rootOf(path: string): string | null {
  const p = resolve(path);
  let best: string | null = null;
  for (const r of roots) {
    if ((p === r || p.startsWith(r.endsWith(sep) ? r : `${r}${sep}`)) && (best === null || r.length > best.length)) best = r;
  }
  return best;
}

export function isStateRootCode(code: unknown): code is StateRootCode {
  return typeof code === 'string' && Object.hasOwn(STATE_ROOT_CODES, code);
}

/**
 * `err` as a StateRootError when it is a write fault (full, read-only, not writable) of a file
 * under a state root (`path`, else the error's own path); any other error as it was.
 */
export function asStateRootError(err: unknown, path?: string): unknown {
  if (err instanceof StateRootError) return err;
  const e = err as NodeJS.ErrnoException | null;
  if (!e || !isStateRootCode(e.code)) return err;
  const where = path ?? e.path;
  const home = where === undefined ? null : rootOf(where);
  return home === null ? err : new StateRootError(home, e.code, undefined, { cause: err });
}

/** Runs a write; its write faults under a state root come out as StateRootError. */
export function mapWriteErrors<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asStateRootError(err, path);
  }
}
