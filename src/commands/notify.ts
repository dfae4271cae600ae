// `__notify <id> <payload>` (hidden): the agent's turn-complete hook. Only a fast wake-up for the
// job's runner; the session record stays the ground truth. Never fails: the agent must not be
// disturbed by it.
import type { Command } from 'commander';
import { isJobId } from '../store/ids.js';
import type { Context } from '../context.js';
import { writeFileAtomic } from '../store/private-fs.js';
import { getProvider } from '../providers/index.js';

export function registerNotify(program: Command, ctx: () => Context): void {
  program
    .command('__notify', { hidden: true })
    .argument('<id>')
    .argument('[payload]')
    .allowExcessArguments(true)
    .action(async (id: string, payload: string | undefined) => {
      try {
        if (!isJobId(id) || !payload) return;
        const c = ctx();
        const r = c.store.tryRead(id);
        if (!r) return;
        const threadId = (await getProvider(r.provider)).notifiedThread(payload);
        // Side turns (Codex's titles) run on other threads: they wake nobody.
        if (threadId === null || r.thread_id !== threadId) return;
        writeFileAtomic(`${c.store.layout.jobDir(id)}/notify.json`, JSON.stringify({ thread_id: threadId, at: new Date().toISOString() }));
      } catch {
        // Ignored on purpose.
      }
    });
}
