// `watch <id>`: follows a job's pane output until its current work is done (bounded); with
// --turns, only a line per finished turn and one at the end, for background shells.
import type { Context } from '../context.js';
import { TimeoutError } from '../errors.js';
import { followLine, followTurns, writeLine } from '../jobs/follow-turns.js';
import { readPaneLog } from '../jobs/pane-text.js';
import { reconcile } from '../jobs/reconcile.js';
import { currentTurn } from '../jobs/lifecycle.js';
import { pending } from '../store/queue.js';
import { Waker } from '../util/waker.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

export interface WatchOptions {
  timeout?: number;
  turns?: boolean;
  json?: boolean;
}

/** `watch <id>`. */
export async function watchCommand(ctx: () => Context, idArg: string, opts: WatchOptions): Promise<void> {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const timeoutMs = (opts.timeout ?? 3600) * 1000;
  if (opts.turns) {
    // From the first turn nobody has read: one that ended just before the watch began is not missed.
    const from = c.store.read(id).consumed_turns;
    const code = await followTurns(c, id, { timeoutMs, from, onEvent: (ev) => writeLine(opts.json ? JSON.stringify(ev) : followLine(ev)) });
    if (code !== 0) process.exitCode = code;
    return;
  }
  await follow(c, id, Date.now() + timeoutMs, Boolean(opts.json));
}

/** The pane's output as it grows; with `json`, one JSON object a line, and a last one with the job's state. */
async function follow(c: Context, id: string, deadline: number, json: boolean): Promise<void> {
  let offset = 0;
  const waker = new Waker([c.store.layout.jobDir(id)]);
  try {
    for (;;) {
      const chunk = readPaneLog(c, id, offset);
      if (chunk.text) process.stdout.write(json ? `${JSON.stringify({ type: 'output', text: chunk.text })}\n` : chunk.text);
      offset = chunk.size;
      const r = await reconcile(c, c.store.read(id));
      // Queued messages count only while a runner runs to take them.
      const busy = r.status === 'pending' || currentTurn(r) !== undefined || (pending(c.store.layout, id).length > 0 && r.runner !== null);
      if (!busy) {
        if (json) writeLine(JSON.stringify({ type: 'end', id, status: r.status, turn_state: r.turn_state }));
        return;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new TimeoutError(`watch timed out; job ${id} is still ${r.status} (${r.turn_state})`);
      await waker.wait(Math.min(1_000, left));
    }
  } finally {
    waker.close();
  }
}
