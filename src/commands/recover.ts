// `recover`: this general's army after compaction, with the next command for each job.
import type { Context } from '../context.js';
import { visible } from '../errors.js';
import { recoverView, renderRecover, type RecoverView } from '../jobs/recover.js';
import { reconcileAll } from '../jobs/reconcile.js';
import { emit } from './shared.js';
import { generalOf } from './jobs.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

/** Enough history to catch unread results without reading every job ever run. */
const RECOVER_SCAN = 50;

/** `recover`. */
export async function recoverCommand(ctx: () => Context, opts: { parentSession?: string; json?: boolean }): Promise<void> {
  const c = ctx();
  const view = await buildRecover(c, generalOf(c, { parentSession: opts.parentSession, mine: c.config.parentSession !== undefined }) ?? null);
  emit(opts.json, view, renderRecover);
}

/** `write: false` for hooks: look only, change nothing. */
export async function buildRecover(c: Context, session: string | null, opts: { write?: boolean } = {}): Promise<RecoverView> {
  const listed = c.store.list({ limit: RECOVER_SCAN });
  const records = await reconcileAll(c, listed.records, opts);
  // The reason without the record's path: the id says which job it is.
  const corrupt = listed.corrupt.map(({ id, error }) => {
    const prefix = `corrupt job record ${visible(c.store.layout.recordPath(id))}: `;
    return { id, reason: error.startsWith(prefix) ? error.slice(prefix.length) : error };
  });
  return recoverView(records, session, Date.now(), corrupt);
}
