// `attach <id>` prints the tmux command to watch a job live; `sessions` lists codex-agent sessions.
import type { Context } from '../context.js';
import { AgentError } from '../errors.js';
import { isJobId } from '../store/ids.js';
import { emit } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

/** `attach <id>`: the command as one line of text, or as an argv in JSON. */
export async function attachCommand(ctx: () => Context, idArg: string, opts: { json?: boolean } = {}): Promise<void> {
  const c = ctx();
  const r = c.store.read(c.store.resolve(idArg));
  if (!(await c.tmux.hasSession(r.tmux_session))) {
    throw new AgentError(`job ${r.id} has no live tmux session (status ${r.status}); read it with: codex-agent output ${r.id}`);
  }
  const payload = { id: r.id, tmux_session: r.tmux_session, attach: c.tmux.attachArgv(r.tmux_session) };
  emit(opts.json, payload, (p) => p.attach.join(' '));
}

/** `sessions`. */
export async function sessionsCommand(ctx: () => Context, opts: { json?: boolean }): Promise<void> {
  const c = ctx();
  const sessions = (await c.tmux.listSessions()).filter((s) => s.name.startsWith('codex-agent-'));
  const rows = sessions.map((s) => {
    const id = s.name.slice('codex-agent-'.length);
    let status = 'orphaned';
    if (isJobId(id)) {
      try {
        status = c.store.tryRead(id)?.status ?? 'orphaned';
      } catch {
        status = 'corrupt';
      }
    }
    return { name: s.name, job: isJobId(id) ? id : null, status, created_at: s.createdAt.toISOString(), attached: s.attached };
  });
  emit(opts.json, { sessions: rows }, (p) =>
    p.sessions.length === 0
      ? 'No codex-agent tmux sessions.'
      : p.sessions.map((s) => `${s.name}  ${s.status.padEnd(9)} ${s.attached ? 'attached' : ''}`.trimEnd()).join('\n'),
  );
}
