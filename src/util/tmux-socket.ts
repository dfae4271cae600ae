// The socket file of a private tmux server (CODEX_AGENT_TMUX_SOCKET). tmux leaves it behind when its
// server exits (last session closed, killed, crashed), so dead ones pile up in the socket folder.
// Only ours is ever removed: the configured name, a socket owned by this user that no server answers.
import { lstatSync, unlinkSync, type Stats } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

/** How long a socket may take to answer before it counts as unknown (then it is left alone). */
const PROBE_MS = 2_000;

/** Where tmux keeps the socket `-L name` (TMUX_TMPDIR, else /tmp, then tmux-<uid>), or null without a uid. */
export function tmuxSocketPath(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  return join(env.TMUX_TMPDIR || '/tmp', `tmux-${uid}`, name);
}

/** live: a server accepted; dead: the file is there and nothing listens; none: no file; unknown: no answer in time, or another error. */
export type SocketState = 'live' | 'dead' | 'none' | 'unknown';

export function probeSocket(path: string, timeoutMs: number = PROBE_MS): Promise<SocketState> {
  return new Promise((resolve) => {
    const s = connect({ path });
    const done = (state: SocketState): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => done('unknown'), timeoutMs);
    s.once('connect', () => done('live'));
    s.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED' ? 'dead' : err.code === 'ENOENT' ? 'none' : 'unknown'));
  });
}

function lstat(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Removes the socket file at `path` when it is this user's socket and no server answers on it; true when removed. */
export async function removeDeadSocket(path: string): Promise<boolean> {
  const before = lstat(path);
  if (!before?.isSocket() || before.uid !== process.getuid?.()) return false;
  if ((await probeSocket(path)) !== 'dead') return false;
  // A server started meanwhile binds a new file under the same name: that one stays.
  const now = lstat(path);
  if (!now || now.ino !== before.ino || now.dev !== before.dev) return false;
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}
