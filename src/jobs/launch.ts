// Starts a job's runner in its tmux pane and waits, bounded, until it reports in. One launch at a
// time per job, and never while a runner (or an orphaned agent) of the job still runs.
import { AgentError } from '../errors.js';
import type { Context } from '../context.js';
import { writeJobEnv } from '../store/job-env.js';
import { withLockAsync } from '../store/lock.js';
import { writeFileAtomic } from '../store/private-fs.js';
import type { JobRecord } from '../store/record.js';
import { cliEntry } from '../util/package-root.js';
import { waitFor } from '../util/wait.js';
import { processesLost } from './lifecycle.js';
import { reconcile, tmuxFor } from './reconcile.js';
import { lastLines } from '../util/last-lines.js';

const REPORT_IN_MS = 15_000;
const LEAVING_MS = 5_000;

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
    return { record: await launch(ctx, current), started: true };
  }, { timeoutMs: 60_000 });
}

async function launch(ctx: Context, before: JobRecord): Promise<JobRecord> {
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
    // A runner that has just handed the job back may still be leaving its pane: let it go.
    if (pane?.kind === 'running') {
      await waitFor(async () => (pane = (await tmux.panes())?.get(session))?.kind !== 'running', {
        timeoutMs: LEAVING_MS,
        intervalMs: 50,
        maxIntervalMs: 200,
        describe: () => '',
      }).catch(() => undefined);
    }
    if (pane?.kind === 'dead') {
      // The pane of an earlier runner: it shows what happened so far. Respawning clears the
      // visible screen (scrollback stays), so the new runner prints it again first.
      const screen = replayText(await tmux.capturePane(session, { ansi: true }).catch(() => ''));
      if (screen) writeFileAtomic(store.layout.replayPath(id), screen);
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
  // Any write of the runner counts: it may even have run a /quit and left already.
  const reported = (r: JobRecord): boolean => r.runner !== null || r.updated_at !== before.updated_at;
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
  if (seen.record) return seen.record;
  const again = store.read(id);
  if (reported(again)) return again;
  const screen = lastLines(await tmux.capturePane(session, {}).catch(() => ''), 3) || 'session gone, nothing on screen';
  throw new AgentError(`runner for job ${id} did not report in within ${REPORT_IN_MS / 1000}s (pane: ${screen})`);
}
