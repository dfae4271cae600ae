// Pure arithmetic of the bench's timings: when a process started, from its start token, and what
// of a job's time is ours rather than Codex's.

/**
 * A process's start in epoch ms from its Linux start token ("<boot id>/<clock ticks after boot>",
 * src/proc/table.ts), given when the machine booted (epoch ms) and the clock's ticks per second.
 * Null for a token of another form (macOS keeps seconds, not ticks). Good to one tick (10 ms).
 */
export function startTokenMs(token: string, bootEpochMs: number, ticksPerSecond: number): number | null {
  const m = /\/(\d+)$/.exec(token);
  if (!m) return null;
  return bootEpochMs + (Number(m[1]) / ticksPerSecond) * 1000;
}

/** When the machine booted, in epoch ms, from /proc/uptime's first figure taken at `nowMs`. */
export function bootEpochMs(uptimeText: string, nowMs: number): number {
  const m = /^(\d+(?:\.\d+)?)\s/.exec(`${uptimeText.trim()} `);
  if (!m) throw new Error(`bench: unreadable /proc/uptime: ${JSON.stringify(uptimeText)}`);
  return nowMs - Number(m[1]) * 1000;
}

export interface JobMoments {
  /** The starts were launched (the general ran `start`). */
  t0: number;
  /** The job's agent process (Codex's launcher) started. */
  launchAt: number;
  /** Codex wrote the turn's task_complete. */
  taskCompleteAt: number;
  /** The job's await-turn exited with the answer. */
  answerAt: number;
}

export interface JobTimes {
  /** Ours, before Codex: start, the job's record and tmux session, the runner, the launch. */
  to_launch: number;
  /** Ours, after Codex: noticing the turn's end and handing the answer over. */
  to_answer: number;
  /** Both: what the job costs beyond Codex's own time. */
  overhead: number;
  /** Codex's own: from its process start to task_complete (the model's time included). */
  codex: number;
}

export function jobTimes(m: JobMoments): JobTimes {
  const to_launch = m.launchAt - m.t0;
  const to_answer = m.answerAt - m.taskCompleteAt;
  return { to_launch, to_answer, overhead: to_launch + to_answer, codex: m.taskCompleteAt - m.launchAt };
}
