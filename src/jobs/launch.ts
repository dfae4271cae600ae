// Starts a job's runner in its own detached tmux session and waits, bounded, until it reports in.
import { AgentError } from '../errors.js';
import type { Context } from '../context.js';
import { writeJobEnv } from '../store/job-env.js';
import type { JobRecord } from '../store/record.js';
import { cliEntry } from '../util/package-root.js';
import { sleep } from '../util/sleep.js';

const REPORT_IN_MS = 15_000;

export async function launchRunner(ctx: Context, id: string): Promise<JobRecord> {
  const { store, tmux } = ctx;
  const record = store.read(id);
  writeJobEnv(store.layout, id, ctx.env);
  // A leftover session of an earlier runner of this job would make new-session fail.
  await tmux.killSession(record.tmux_session);
  try {
    await tmux.newSession(record.tmux_session, {
      cwd: record.cwd,
      argv: [process.execPath, cliEntry(), '__run', id],
      // The runner reads its own pane (interactive jobs), so it needs the socket too.
      env: { CODEX_AGENT_HOME: ctx.config.home, ...(ctx.config.tmuxSocket ? { CODEX_AGENT_TMUX_SOCKET: ctx.config.tmuxSocket } : {}) },
    });
  } catch (err) {
    const reason = `could not start tmux session ${record.tmux_session}: ${(err as Error).message}`;
    store.update(id, (r) => {
      if (r.turns.length === 0) {
        r.status = 'failed';
        r.completed_at = new Date().toISOString();
      }
      r.error = reason;
      r.error_kind = 'runner';
      r.turn_state = 'ended';
    });
    throw new AgentError(reason, undefined, { cause: err });
  }
  const deadline = Date.now() + REPORT_IN_MS;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    const now = store.read(id);
    if (now.runner_pid !== null || now.turns.length > record.turns.length) return now;
    if (Date.now() > deadline || !(await tmux.hasSession(record.tmux_session))) {
      const screen = await tmux.capturePane(record.tmux_session, {}).catch(() => '');
      const seen = screen.trim().split('\n').slice(-3).join(' | ') || 'session gone, nothing on screen';
      throw new AgentError(`runner for job ${id} did not report in within ${REPORT_IN_MS / 1000}s (pane: ${seen})`);
    }
    await sleep(delay);
  }
}
