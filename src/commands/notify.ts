// `__notify <id> <payload>` (hidden): the agent's turn-complete hook. Only a fast wake-up for the
// job's runner; the session record stays the ground truth. Never fails: the agent must not be
// disturbed by it.
import { isJobId } from '../store/ids.js';
import type { Context } from '../context.js';
import { writeFileAtomic } from '../store/private-fs.js';
import { getProvider } from '../providers/index.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

/** `__notify <id> [payload]`: exits 0 whatever it is given (no id, garbage, an empty or a huge payload). */
export async function notifyCommand(ctx: () => Context, id: string | undefined, payload: string | undefined): Promise<void> {
  try {
    if (id === undefined || !isJobId(id) || !payload) return;
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
}
