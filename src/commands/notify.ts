// `__notify <id> [payload]` (hidden): the agent's turn-complete hook (Codex: the payload as an
// argument), only a fast wake-up for the job's runner; the session record stays the ground truth.
// `__hook <id>` (hidden): hooks installed for one interactive run (Gemini's AfterAgent and
// Notification) give their payload on stdin: it is appended to the job's hook log, which the
// provider's follower reads, and `{}` is printed (what such a hook must answer). Neither ever
// fails: the agent must not be disturbed by it.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { isJobId } from '../store/ids.js';
import type { Context } from '../context.js';
import { writeFileAtomic } from '../store/private-fs.js';
import { getProvider } from '../providers/index.js';
import { HOOK_LOG } from '../providers/hook-log.js';
import { readAll } from '../util/stdin.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

const MAX_HOOK_PAYLOAD = 4 * 1024 * 1024;
const HOOK_IDLE_MS = 5_000;

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

/** `__hook <id>` (hidden): an agent hook's payload on stdin, appended to the job's hook log; prints `{}`. Exits 0 whatever it is given. */
export async function hookCommand(ctx: () => Context, id: string | undefined): Promise<void> {
  try {
    const text = await readAll(process.stdin, { what: 'the hook payload', maxBytes: MAX_HOOK_PAYLOAD, idleMs: HOOK_IDLE_MS });
    if (id === undefined || !isJobId(id)) return;
    const payload: unknown = JSON.parse(text);
    const c = ctx();
    if (!c.store.tryRead(id)) return;
    // One line, one append (O_APPEND): concurrent hooks never interleave within a line.
    appendFileSync(join(c.store.layout.jobDir(id), HOOK_LOG), `${JSON.stringify(payload)}\n`, { mode: 0o600 });
  } catch {
    // Ignored on purpose.
  } finally {
    process.stdout.write('{}\n');
  }
}
