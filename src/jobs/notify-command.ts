// The user's `start --notify-on-complete` command, started when the job's status leaves running
// for completed, failed or cancelled. It is the user's own shell command, so it runs through
// their shell ($SHELL -c, else /bin/sh) on purpose: the one place this program runs a shell
// string. Detached and never waited for: whoever made the change (a runner, kill, a reconcile)
// goes on at once; the command's output goes to the job's notify-on-complete.log.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { NOT_THE_AGENT } from '../proc/table.js';
import { FILE_MODE } from '../store/private-fs.js';
import type { JobRecord } from '../store/record.js';
import { childEnv } from '../util/child-env.js';

export interface NotifyRun {
  id: string;
  status: JobRecord['status'];
  /** Why it failed (the job's error) or was cancelled (the reason); '' when it completed. */
  error: string;
  command: string;
  cwd: string;
  home: string;
}

/** Pure: what the command is told, from the record whose change starts it. */
export function notifyRun(r: JobRecord, home: string): NotifyRun | null {
  if (!r.notify_on_complete) return null;
  const error = r.status === 'failed' ? (r.error ?? r.end_reason ?? '') : r.status === 'cancelled' ? (r.end_reason ?? '') : '';
  return { id: r.id, status: r.status, error, command: r.notify_on_complete, cwd: r.cwd, home };
}

/** Pure: the command's environment: the caller's, the three facts, and the mark that keeps job reaping off it. */
export function notifyEnv(base: NodeJS.ProcessEnv, run: NotifyRun): Record<string, string> {
  const [markName, markValue] = NOT_THE_AGENT.split('=') as [string, string];
  return {
    ...childEnv(base),
    CODEX_AGENT_HOME: run.home,
    CODEX_AGENT_JOB_ID: run.id,
    CODEX_AGENT_STATUS: run.status,
    CODEX_AGENT_ERROR: run.error,
    [markName]: markValue,
  };
}

/** Pure: the user's login shell when it names one that exists, else /bin/sh. */
export function userShell(env: NodeJS.ProcessEnv, exists: (p: string) => boolean = existsSync): string {
  const shell = env.SHELL?.trim();
  return shell && isAbsolute(shell) && exists(shell) ? shell : '/bin/sh';
}

export function startNotifyCommand(run: NotifyRun, baseEnv: NodeJS.ProcessEnv, logPath: string): void {
  const fd = openSync(logPath, 'a', FILE_MODE);
  try {
    writeSync(fd, `[${new Date().toISOString()}] job ${run.id} ${run.status}: ${run.command}\n`);
    // A short-lived /bin/sh puts the command in the background and exits: the command is then
    // nobody's child, so ending the job's processes (kill, a reap) never ends it with them.
    const child = spawn('/bin/sh', ['-c', '"$@" &', 'sh', userShell(baseEnv), '-c', run.command], {
      cwd: existsSync(run.cwd) ? run.cwd : run.home,
      env: notifyEnv(baseEnv, run),
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    child.on('error', () => undefined);
    child.unref();
  } finally {
    closeSync(fd);
  }
}
