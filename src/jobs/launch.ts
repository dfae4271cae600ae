// Starts a job's runner in its tmux pane and waits, bounded, until it reports in. One launch at a
// time per job, and never while a runner (or an orphaned agent) of the job still runs.
import { AgentError } from '../errors.js';
import type { Context } from '../context.js';
import { writeJobEnv } from '../store/job-env.js';
import { withLockAsync } from '../store/lock.js';
import { writeFileAtomic } from '../store/private-fs.js';
import { pending } from '../store/queue.js';
import type { JobRecord } from '../store/record.js';
import { cliEntry } from '../util/package-root.js';
import { waitFor } from '../util/wait.js';
import { processesLost } from './lifecycle.js';
import { reconcile, tmuxFor } from './reconcile.js';
import { lastLines } from '../util/last-lines.js';

const REPORT_IN_MS = 15_000;

/** Pure: the visible screen of a dead pane, without tmux's "Pane is dead" line, to show again. */
export function replayText(captured: string): string {
  const lines = captured.split('\n');
  while (lines.length > 0 && (lines.at(-1)!.trim() === '' || /^Pane is dead\b/.test(lines.at(-1)!.replace(/\x1b\[[0-9;]*m/g, '')))) lines.pop();
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export interface Launch {
  record: JobRecord;
  /** False when a runner was already there (another sender launched it first). */
  started: boolean;
}

/** A runner for the job: the one that runs, or a new one in the job's pane. */
export async function ensureRunner(ctx: Context, id: string): Promise<Launch> {
  return withLockAsync(ctx.store.layout.launchLockPath(id), async () => {
    const current = await reconcile(ctx, ctx.store.read(id));
    if (current.runner !== null) return { record: current, started: false };
    // Several senders each saw no runner: the first one's runner may have taken every message and
    // left already. Another would only find nothing to do (and clear the pane to say so).
    if (current.mode === 'exec' && current.turns.length > 0 && pending(ctx.store.layout, id).length === 0) return { record: current, started: false };
    return launch(ctx, current);
  }, { timeoutMs: 60_000 });
}

async function launch(ctx: Context, before: JobRecord): Promise<Launch> {
  const { store } = ctx;
  const id = before.id;
  const session = before.tmux_session;
  const tmux = tmuxFor(ctx, before);
  writeJobEnv(store.layout, id, ctx.env);
  const spec = {
    cwd: before.cwd,
    argv: [process.execPath, cliEntry(), '__run', id],
    // The runner reads its own pane (interactive jobs), so it needs the socket too.
    env: { CODEX_AGENT_HOME: ctx.config.home, ...(before.tmux_socket ? { CODEX_AGENT_TMUX_SOCKET: before.tmux_socket } : {}) },
  };
  try {
    let pane = (await tmux.panes())?.get(session);
    // The pane's program is a runner that has just handed the job back and is leaving, or one
    // another sender launched that has not reported in yet (under load that takes seconds): wait
    // for either. Never kill a runner that reports in: it may be running a turn by then.
    if (pane?.kind === 'running') {
      await waitFor(async () => store.read(id).runner !== null || (pane = (await tmux.panes())?.get(session))?.kind !== 'running', {
        timeoutMs: REPORT_IN_MS,
        intervalMs: 50,
        maxIntervalMs: 200,
        describe: () => '',
      }).catch(() => undefined);
      const now = store.read(id);
      if (now.runner !== null) return { record: now, started: false };
    }
    if (pane?.kind === 'dead') {
      // The pane of an earlier runner: it shows what happened so far. Respawning clears the
      // visible screen (scrollback stays), so the new runner prints it again first.
      const screen = replayText(await tmux.capturePane(session, { ansi: true }).catch(() => ''));
      try {
        if (screen) writeFileAtomic(store.layout.replayPath(id), screen);
      } catch {
        // No room for it: the new runner starts on a cleared screen (the scrollback keeps the old one).
      }
      await tmux.respawnPane(session, spec);
    } else {
      // A leftover session still running something would make new-session fail.
      if (pane) await tmux.killSession(session);
      await tmux.newSession(session, { ...spec, remainOnExit: true });
    }
  } catch (err) {
    const reason = `could not start tmux session ${session}: ${(err as Error).message}`;
    store.update(id, (r) => processesLost(r, reason, 'infrastructure', new Date().toISOString()));
    throw new AgentError(reason, undefined, { cause: err });
  }
  // The runner reports in by naming itself. Other writes do not count while its pane runs: a
  // sender's queued message changes the record too, and a launch taken as done too early lets the
  // next sender find no runner and start a second one.
  const reported = (r: JobRecord): boolean => r.runner !== null;
  const seen = await waitFor<{ record: JobRecord | null }>(
    async () => {
      const now = store.read(id);
      if (reported(now)) return { record: now };
      const pane = (await tmux.panes().catch(() => null))?.get(session);
      // A pane that is gone or dead will not report in: no need to wait out the bound.
      return pane === undefined || pane.kind === 'dead' ? { record: null } : null;
    },
    { timeoutMs: REPORT_IN_MS, intervalMs: 20, maxIntervalMs: 250, describe: () => '' },
  ).catch(() => ({ record: null }));
  if (seen.record) return { record: seen.record, started: true };
  const again = store.read(id);
  // Its pane is dead or gone: a runner that wrote anything ran (it may have run a /quit and left already).
  if (reported(again) || again.updated_at !== before.updated_at) return { record: again, started: true };
  const screen = lastLines(await tmux.capturePane(session, {}).catch(() => ''), 3) || 'session gone, nothing on screen';
  throw new AgentError(`runner for job ${id} did not report in within ${REPORT_IN_MS / 1000}s (pane: ${screen})`);
}
