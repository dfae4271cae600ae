// `kill <id>` ends a job (cancelled); `delete <id>` removes a finished job's folder.
import type { Context } from '../context.js';
import { AgentError } from '../errors.js';
import { stopJob } from '../jobs/stop.js';
import { currentTurn, isFinal } from '../jobs/lifecycle.js';
import { reconcile } from '../jobs/reconcile.js';
import { emit } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

/** `kill <id>`. */
export async function killCommand(ctx: () => Context, idArg: string, opts: { json?: boolean }): Promise<void> {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const res = await stopJob(c, id, 'killed by user');
  const payload = {
    id,
    status: res.record.status,
    was_active: res.wasActive,
    session_closed: res.sessionClosed,
    survivors: res.survivors,
  };
  emit(opts.json, payload, (p) =>
    p.was_active ? `Killed ${p.id}: status ${p.status}.` : `Job ${p.id} had already ended (${p.status}); nothing of it runs and its session is closed.`,
  );
  if (res.survivors.length) throw new AgentError(`processes survived SIGKILL: ${res.survivors.join(', ')}`);
}

/** `delete <id>`. */
export async function deleteCommand(ctx: () => Context, idArg: string, opts: { force?: boolean; json?: boolean }): Promise<void> {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const r = await reconcile(c, c.store.read(id));
  if (currentTurn(r) || r.status === 'pending') {
    throw new AgentError(`job ${id} is still ${r.status} (${r.turn_state}); run codex-agent kill ${id} first`);
  }
  if (!isFinal(r) && !opts.force) {
    throw new AgentError(`job ${id} is ${r.turn_state} and send could still continue it; kill ${id} first, or delete ${id} --force`);
  }
  await stopJob(c, id, 'deleted');
  c.store.delete(id);
  emit(opts.json, { id, deleted: true, status: r.status, turn_state: r.turn_state }, (p) => `Deleted ${p.id}.`);
}
