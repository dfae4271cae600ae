// A stand-in runner for tests of what reads records: a real process in a real tmux pane on a
// private socket, the way a job's runner lives, so liveness checks (pid, start, pane) pass.
import { tmpdir } from 'node:os';
import { refOf, type ProcRef } from '../../src/proc/identity.js';
import { Tmux } from '../../src/tmux/tmux.js';

export interface LiveRunners {
  socket: string;
  /** Starts `codex-agent-<id>` running a long sleep; returns its ref for the record's `runner`. */
  start(id: string): Promise<ProcRef>;
  dispose(): Promise<void>;
}

export function liveRunners(name: string): LiveRunners {
  const socket = `ca-live-${name}-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;
  const tmux = new Tmux({ socket });
  return {
    socket,
    async start(id) {
      const session = `codex-agent-${id}`;
      await tmux.newSession(session, { cwd: tmpdir(), argv: ['sleep', '3600'] });
      const pane = (await tmux.panes())?.get(session);
      if (pane?.kind !== 'running') throw new Error(`no pane for ${session}`);
      const ref = refOf(pane.pid);
      if (!ref) throw new Error(`pane process ${pane.pid} is gone`);
      return ref;
    },
    async dispose() {
      await tmux.killServer().catch(() => false);
    },
  };
}
