// `kill <id>` ends a job (cancelled); `delete <id>` removes a finished job's folder.
import type { Context } from '../context.js';
import { existsSync } from 'node:fs';
import { AgentError, CorruptRecordError, NotFoundError } from '../errors.js';
import { removeUnreadable } from '../jobs/delete-unreadable.js';
import { isJobId } from '../store/ids.js';
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
    // Unrecorded: the job is stopped, and its record says cancelled once the next look can write it.
    status: res.unrecorded ? 'cancelled' : res.record.status,
    was_active: res.wasActive,
    session_closed: res.sessionClosed,
    survivors: res.survivors,
    /** False when the state root could not take the cancel (full, read-only): it is written later. */
    recorded: res.unrecorded === null,
    ...(res.unrecorded ? { record_pending: res.unrecorded.error.message, note: res.unrecorded.note } : {}),
  };
  emit(opts.json, payload, (p) =>
    !p.recorded
      ? `Killed ${p.id}: everything of it stopped, but ${p.record_pending}, so its record ${p.note ? 'says cancelled once the root can be written (the next status, jobs or recover writes it)' : 'could not be updated, and no note could be kept outside the root: it will read as failed, not cancelled'}.`
      : p.was_active
        ? `Killed ${p.id}: status ${p.status}.`
        : `Job ${p.id} had already ended (${p.status}); nothing of it runs and its session is closed.`,
  );
  if (res.survivors.length) throw new AgentError(`processes survived SIGKILL: ${res.survivors.join(', ')}`);
}

/** `delete <id>`. */
export async function deleteCommand(ctx: () => Context, idArg: string, opts: { force?: boolean; json?: boolean }): Promise<void> {
  const c = ctx();
  const id = resolveForDelete(c, idArg);
  let r;
  try {
    if (!c.store.exists(id)) throw new CorruptRecordError(c.store.layout.recordPath(id), 'missing: the job folder holds no record');
    r = await reconcile(c, c.store.read(id));
  } catch (err) {
    if (err instanceof CorruptRecordError) return deleteUnreadable(c, id, err.detail, opts);
    throw err;
  }
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

/** An id or prefix as `resolve` takes it; a full id also names a job folder that has no record. */
function resolveForDelete(c: Context, idArg: string): string {
  try {
    return c.store.resolve(idArg);
  } catch (err) {
    if (err instanceof NotFoundError && isJobId(idArg) && existsSync(c.store.layout.jobDir(idArg))) return idArg;
    throw err;
  }
}

/** A job whose record cannot be read: only with --force, as nothing says what it was doing. */
async function deleteUnreadable(c: Context, id: string, reason: string, opts: { force?: boolean; json?: boolean }): Promise<void> {
  if (!opts.force) {
    throw new AgentError(`job ${id} cannot be read (${reason}); delete ${id} --force removes its folder (record, prompt, logs) after closing its tmux session and ending its processes`);
  }
  const res = await removeUnreadable(c, id);
  emit(opts.json, { ...res, deleted: true, status: null, turn_state: null, unreadable: reason }, (p) =>
    `Deleted ${p.id}, whose record could not be read (${p.unreadable}): its folder is removed${p.session_closed ? ', its tmux session closed' : ''}${p.processes_ended ? `, ${p.processes_ended} process(es) ended` : ''}.`,
  );
  if (res.survivors.length) throw new AgentError(`processes survived SIGKILL: ${res.survivors.join(', ')}`);
}
