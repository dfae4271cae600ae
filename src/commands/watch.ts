// `watch <id>`: follows a job's pane output until its current work is done (bounded).
import type { Context } from '../context.js';
import { TimeoutError } from '../errors.js';
import { readPaneLog } from '../jobs/pane-text.js';
import { reconcile } from '../jobs/reconcile.js';
import { currentTurn } from '../jobs/lifecycle.js';
import { pending } from '../store/queue.js';
import { Waker } from '../util/waker.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

/** `watch <id>`. */
export async function watchCommand(ctx: () => Context, idArg: string, opts: { timeout?: number }): Promise<void> {
  const c = ctx();
  const id = c.store.resolve(idArg);
  await follow(c, id, Date.now() + (opts.timeout ?? 3600) * 1000);
}

async function follow(c: Context, id: string, deadline: number): Promise<void> {
  let offset = 0;
  const waker = new Waker([c.store.layout.jobDir(id)]);
  try {
    for (;;) {
      const chunk = readPaneLog(c, id, offset);
      if (chunk.text) process.stdout.write(chunk.text);
      offset = chunk.size;
      const r = await reconcile(c, c.store.read(id));
      // Queued messages count only while a runner runs to take them.
      const busy = r.status === 'pending' || currentTurn(r) !== undefined || (pending(c.store.layout, id).length > 0 && r.runner !== null);
      if (!busy) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new TimeoutError(`watch timed out; job ${id} is still ${r.status} (${r.turn_state})`);
      await waker.wait(Math.min(1_000, left));
    }
  } finally {
    waker.close();
  }
}
