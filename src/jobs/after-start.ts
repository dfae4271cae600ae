// What `start --wait` and `start --follow` do once the job is created: wait for its first turn as
// await-turn does (same output, same exit codes), or follow it as `watch --turns` does.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { awaitTurn, type AwaitPayload } from './await-many.js';
import { reportOne } from './await-render.js';
import { followLine, followTurns, writeLine } from './follow-turns.js';
import { liveLinesForTerminal, liveWait } from './live-line.js';

export interface AfterStartOptions {
  wait?: boolean;
  follow?: boolean;
  /** Seconds; only with --wait (default 1800) or --follow (default 3600). */
  timeout?: number;
  dryRun?: boolean;
  json?: boolean;
}

const WAIT_DEFAULT_S = 1800;
const FOLLOW_DEFAULT_S = 3600;

/** The flags that shape what follows the start, checked before anything starts. */
export function checkAfterStart(opts: AfterStartOptions): void {
  if (opts.wait && opts.follow) throw new UsageError('--wait and --follow: give one of them (--wait prints the answer; --follow a line per turn)');
  if ((opts.wait || opts.follow) && opts.dryRun) throw new UsageError(`--${opts.wait ? 'wait' : 'follow'} has nothing to wait for with --dry-run`);
  if (opts.timeout !== undefined && !opts.wait && !opts.follow) throw new UsageError('--timeout goes with --wait or --follow');
}

/**
 * `start --wait`: the job's id line first (the general needs it for send and kill; with --json it
 * is inside the payload), then its first turn as await-turn prints it.
 */
export async function waitAfterStart(c: Context, id: string, opts: AfterStartOptions): Promise<void> {
  if (!opts.json) writeLine(`Job started: ${id}`);
  const live = liveLinesForTerminal();
  let payload: AwaitPayload;
  try {
    payload = await awaitTurn(c, id, (opts.timeout ?? WAIT_DEFAULT_S) * 1000, liveWait(live));
  } finally {
    live?.clear();
  }
  reportOne(payload, opts.json);
}

/**
 * `start --follow`: what start prints (with --json, its payload on one line), then a line at each
 * finished turn and one at the end; the exit code as `watch --turns`.
 */
export async function followAfterStart<P extends { id: string }>(c: Context, payload: P, opts: AfterStartOptions, render: (p: P) => string): Promise<void> {
  writeLine(opts.json ? JSON.stringify(payload) : render(payload).replace(/\n$/, ''));
  const code = await followTurns(c, payload.id, {
    timeoutMs: (opts.timeout ?? FOLLOW_DEFAULT_S) * 1000,
    from: 0,
    onEvent: (ev) => writeLine(opts.json ? JSON.stringify(ev) : followLine(ev)),
  });
  if (code !== 0) process.exitCode = code;
}
