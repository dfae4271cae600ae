// Removing a job whose record cannot be read (corrupt, or a folder with none): nothing says what
// of it still runs, so what can be found is ended first — the program of its tmux pane (its
// runner), the processes the record's remains name (pid and start, so never another process),
// every process carrying the job's marker — then its tmux session is closed and its folder goes.
import type { Context } from '../context.js';
import { sessionName } from '../context.js';
import { procRefSchema, refOf, type ProcRef } from '../proc/identity.js';
import { listProcesses, pidsWithEnv } from '../proc/table.js';
import { killRefs } from '../proc/tree.js';
import { agentMarker } from '../runner/agent-procs.js';
import { readIfExists } from '../store/private-fs.js';
import { Tmux } from '../tmux/tmux.js';

export interface UnreadableRemoval {
  id: string;
  /** It had a tmux session, and it is gone now. */
  session_closed: boolean;
  processes_ended: number;
  /** Still running after SIGKILL. */
  survivors: number[];
}

/** Pure: the processes and tmux socket a record's text still names, if it is JSON at all. */
export function remainsOf(text: string | null): { refs: ProcRef[]; socket: string | null | undefined } {
  let doc: unknown;
  try {
    doc = text === null ? null : JSON.parse(text);
  } catch {
    return { refs: [], socket: undefined };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { refs: [], socket: undefined };
  const d = doc as Record<string, unknown>;
  const refs: ProcRef[] = [];
  for (const candidate of [d.runner, ...(Array.isArray(d.agent_procs) ? d.agent_procs : [])]) {
    const ref = procRefSchema.safeParse(candidate);
    // Only refs with a start: a bare pid may name anybody's process by now.
    if (ref.success && ref.data.start !== null) refs.push(ref.data);
  }
  const socket = d.tmux_socket === null ? null : typeof d.tmux_socket === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(d.tmux_socket) ? d.tmux_socket : undefined;
  return { refs, socket };
}

/** This process and its ancestors: a delete run from inside the job's own agent must not end itself. */
function selfAndAncestors(): Set<number> {
  const parent = new Map(listProcesses().map((p) => [p.pid, p.ppid]));
  const out = new Set<number>();
  for (let p: number | undefined = process.pid; p !== undefined && p > 1 && !out.has(p); p = parent.get(p)) out.add(p);
  return out;
}

/** Ends what can be found of the job, then removes its folder. */
export async function removeUnreadable(c: Context, id: string): Promise<UnreadableRemoval> {
  const remains = remainsOf(readIfExists(c.store.layout.recordPath(id)));
  // Its own socket when the record still names it, else the configured one.
  const tmux = remains.socket === undefined || remains.socket === (c.tmux.socket ?? null) ? c.tmux : new Tmux({ socket: remains.socket ?? undefined, bin: c.tmux.bin });
  const session = sessionName(id);
  // The program of its pane is its runner: ended (and waited for) before the folder goes, so
  // nothing of it writes there afterwards.
  const pane = (await tmux.panes().catch(() => null))?.get(session);
  // A live pane only: a dead one's pid may name another process by now.
  const panePid = pane?.kind === 'running' ? pane.pid : null;
  const spare = selfAndAncestors();
  const found = [...pidsWithEnv(agentMarker(id).entry), ...(panePid === null ? [] : [panePid])]
    .filter((p) => !spare.has(p))
    .map(refOf)
    .filter((r): r is ProcRef => r !== null);
  // No marker here: killRefs would find this process's ancestors by it again.
  const killed = await killRefs([...remains.refs, ...found].filter((r) => !spare.has(r.pid)), { graceMs: 3_000 });
  // Ending its program may have ended a session without remain-on-exit already: closed either way.
  await tmux.killSession(session).catch(() => false);
  const sessionClosed = pane !== undefined && !(await tmux.hasSession(session).catch(() => true));
  c.store.delete(id);
  return { id, session_closed: sessionClosed, processes_ended: killed.signalled.length, survivors: killed.remaining };
}
