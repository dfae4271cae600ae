// Pure: a record brought up to date from what was kept outside the state root while it could not
// be written (src/store/side-notes.ts): a runner's last words and kill's note. Reconcile applies it.
import type { ProcRef } from '../proc/identity.js';
import type { JobRecord } from '../store/record.js';
import type { Notes } from '../store/side-notes.js';
import { killNoted, processesLost, processesStopped } from './lifecycle.js';

function sameRef(a: ProcRef | null, b: ProcRef | null): boolean {
  return a !== null && b !== null && a.pid === b.pid && a.start === b.start;
}

/**
 * Pure: the record brought up to date from the notes left while the state root could not be
 * written. `lost` is reconcile's verdict (the runner is gone), null when there is none. The
 * runner's last words replace the record only while it still names that runner and nobody wrote
 * since they were taken; a kill note cancels what is not final yet. Returns a replacement, or
 * edits `d` in place.
 */
export function catchUp(d: JobRecord, notes: Notes, check: (v: unknown) => JobRecord | null, lost: ((d: JobRecord) => void) | null): JobRecord | void {
  let r = d;
  const words = notes.words;
  const fromWords = lost !== null && words !== null && sameRef(d.runner, words.runner) && d.updated_at === words.base_updated_at ? check(words.record) : null;
  if (fromWords && fromWords.id === d.id) {
    r = fromWords;
    // Why the runner left, with the outage; a kill's own reason stands.
    if (r.status !== 'cancelled') r.end_reason = words!.reason;
    // Words always end the runner's part; a record that still names it would claim a runner that left.
    if (sameRef(r.runner, words!.runner)) processesLost(r, words!.reason, 'runner', words!.at);
  }
  if (notes.kill) {
    // The kill came first: the runner went because it was killed, so no crash is recorded.
    killNoted(r, notes.kill.reason, notes.kill.at);
    processesStopped(r);
  } else if (r === d && lost) lost(r);
  return r === d ? undefined : r;
}
