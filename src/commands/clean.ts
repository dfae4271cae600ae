// `clean [--days N]`: removes finished jobs older than N days and orphaned codex-agent sessions.
import type { Context } from '../context.js';
import { stopJob } from '../jobs/stop.js';
import { currentTurn, isFinal } from '../jobs/lifecycle.js';
import { reconcile } from '../jobs/reconcile.js';
import { isJobId } from '../store/ids.js';
import { removeDeadSocket, tmuxSocketPath } from '../util/tmux-socket.js';
import { emit } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

/** `clean`. */
export async function cleanCommand(ctx: () => Context, opts: { days?: number; includeIdle?: boolean; json?: boolean }): Promise<void> {
  const c = ctx();
  // A read-only root: one line, before anything is stopped. A full one passes: removing frees space.
  c.store.assertWritable('clean removed nothing');
  const cutoff = Date.now() - (opts.days ?? 7) * 86_400_000;
  const removed: string[] = [];
  const kept: string[] = [];
  const corrupt: string[] = [];
  for (const id of c.store.allIds()) {
    let r;
    try {
      r = c.store.tryRead(id);
    } catch {
      corrupt.push(id); // never delete what we cannot read
      continue;
    }
    if (!r) continue;
    r = await reconcile(c, r);
    if (currentTurn(r) || r.runner !== null || r.status === 'pending') continue;
    if (Date.parse(r.completed_at ?? r.created_at) > cutoff) continue;
    if (!isFinal(r) && !opts.includeIdle) {
      kept.push(id);
      continue;
    }
    await stopJob(c, id, 'cleaned');
    removed.push(id);
  }
  c.store.deleteMany(removed);
  // Folders of job creates that crashed before they were renamed into place (never listed).
  const unfinished = c.store.removeStaleCreates();
  const closed: string[] = [];
  for (const s of await c.tmux.listSessions()) {
    if (!s.name.startsWith('codex-agent-')) continue;
    const id = s.name.slice('codex-agent-'.length);
    let orphan = !isJobId(id);
    if (!orphan) {
      try {
        const r = c.store.tryRead(id);
        orphan = r === null || (r.status === 'cancelled' && r.runner === null);
      } catch {
        orphan = false;
      }
    }
    if (orphan && (await c.tmux.killSession(s.name))) closed.push(s.name);
  }
  // The configured private socket's file, once its server has gone (tmux leaves it behind).
  const socketFile = c.tmux.socket === undefined ? null : tmuxSocketPath(c.tmux.socket, c.env);
  const removedSocket = socketFile !== null && (await removeDeadSocket(socketFile)) ? socketFile : null;
  emit(opts.json, { removed_jobs: removed, kept_idle_jobs: kept, closed_sessions: closed, unreadable_jobs: corrupt, removed_socket: removedSocket, removed_unfinished_creates: unfinished }, (p) =>
    [
      `Removed ${p.removed_jobs.length} ended job(s); closed ${p.closed_sessions.length} orphaned session(s).`,
      ...(p.kept_idle_jobs.length ? [`Kept ${p.kept_idle_jobs.length} idle job(s) that send could still continue (--include-idle removes them).`] : []),
      ...p.unreadable_jobs.map((id) => `kept ${id}: its record is corrupt (inspect it, or delete ${id} --force)`),
      ...(p.removed_unfinished_creates ? [`Removed ${p.removed_unfinished_creates} folder(s) of job creates that never finished.`] : []),
      ...(p.removed_socket ? [`Removed the dead tmux socket file ${p.removed_socket} (no server answered on it).`] : []),
    ].join('\n'),
  );
}
