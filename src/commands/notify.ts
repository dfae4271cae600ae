// `__notify <id> <payload>` (hidden): Codex's notify hook. Only a fast wake-up for the job's runner;
// the rollout stays the ground truth. Never fails: Codex must not be disturbed by it.
import type { Command } from 'commander';
import { isJobId } from '../store/ids.js';
import type { Context } from '../context.js';
import { writeFileAtomic } from '../store/private-fs.js';

export function registerNotify(program: Command, ctx: () => Context): void {
  program
    .command('__notify', { hidden: true })
    .argument('<id>')
    .argument('[payload]')
    .allowExcessArguments(true)
    .action((id: string, payload: string | undefined) => {
      try {
        if (!isJobId(id) || !payload) return;
        const threadId = (JSON.parse(payload) as { 'thread-id'?: unknown })['thread-id'];
        const c = ctx();
        const r = c.store.tryRead(id);
        // Side title turns run on other threads: they wake nobody.
        if (!r || typeof threadId !== 'string' || r.thread_id !== threadId) return;
        writeFileAtomic(`${c.store.layout.jobDir(id)}/notify.json`, JSON.stringify({ thread_id: threadId, at: new Date().toISOString() }));
      } catch {
        // Ignored on purpose.
      }
    });
}
