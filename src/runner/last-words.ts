// When the state root cannot take a write (full, read-only) and a runner must leave anyway (it
// was stopped, or waited out its bound), it leaves its last words outside the root: the record as
// it would have written it. `kill` leaves a note the same way. Whoever looks next with a writable
// root (reconcile: status, jobs, await-turn, send, recover) writes the truth from them
// (src/jobs/catch-up.ts).
import { selfRef } from '../proc/identity.js';
import type { JobStore } from '../store/job-store.js';
import { leaveLastWords } from '../store/side-notes.js';
import type { Edit, RecordWriter } from './record-writer.js';

/**
 * Leaves what the runner knows, with `final` (how it ends) applied; returns a line for the pane
 * that says where they went.
 */
export function leaveWords(store: JobStore, id: string, writer: RecordWriter, final: Edit, reason: string): string {
  const words = writer.lastWords(final);
  const path = words
    ? leaveLastWords({ home: store.layout.home, id, at: new Date().toISOString(), runner: selfRef(), base_updated_at: words.base_updated_at, reason, record: words.record })
    : null;
  return path
    ? `codex-agent: ${reason}; what the record still lacks is kept in ${path}, and the next codex-agent command that looks writes it once the state root can be written`
    : `codex-agent: ${reason}; what the record still lacks could not be kept anywhere outside the state root: this pane is all that says it`;
}
