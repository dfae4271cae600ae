// `recover`: this general's army after compaction, with the next command for each job.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { recoverView, renderRecover, type RecoverView } from '../jobs/recover.js';
import { reconcileAll } from '../jobs/reconcile.js';
import { emit } from './shared.js';
import { generalOf } from './jobs.js';

/** Enough history to catch unread results without reading every job ever run. */
const RECOVER_SCAN = 50;

export function registerRecover(program: Command, ctx: () => Context): void {
  program
    .command('recover')
    .description("this Claude session's Codex jobs after compaction: what runs, what finished, what waits, and what to run next")
    .option('--parent-session <id>', 'the Claude session (default $CODEX_AGENT_PARENT_SESSION; without one, every job)')
    .option('--json', 'print JSON')
    .action(async (opts: { parentSession?: string; json?: boolean }) => {
      const c = ctx();
      const view = await buildRecover(c, generalOf(c, { parentSession: opts.parentSession, mine: c.config.parentSession !== undefined }) ?? null);
      emit(opts.json, view, renderRecover);
    });
}

/** `write: false` for hooks: look only, change nothing. */
export async function buildRecover(c: Context, session: string | null, opts: { write?: boolean } = {}): Promise<RecoverView> {
  const records = await reconcileAll(c, c.store.list({ limit: RECOVER_SCAN }).records, opts);
  return recoverView(records, session, Date.now());
}
