// `await-turn <id> [<id> ...]`: blocks until a job's next unconsumed turn ends and prints its
// answer; with several jobs, the first (--any) or every one (--all); with --mine, this Claude
// session's jobs that are running or have an unread turn.
import { checkSessionId } from '../config.js';
import type { Context } from '../context.js';
import { EXIT, TimeoutError, UsageError } from '../errors.js';
import { awaitTurn, timeoutMessage, waitTurns, type AwaitPayload } from '../jobs/await-many.js';
import { allExitCode, labelledText, notCompletedLine, reportOne } from '../jobs/await-render.js';
import { liveLinesForTerminal, liveWait } from '../jobs/live-line.js';
import { nextTurn } from '../jobs/next-turn.js';
import { pending } from '../store/queue.js';
import { emit } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';
export { awaitTurn, type AwaitPayload } from '../jobs/await-many.js';

export interface AwaitTurnOptions {
  /** Seconds, its default applied by the caller. */
  timeout: number;
  json?: boolean;
  any?: boolean;
  all?: boolean;
  mine?: boolean;
  parentSession?: string;
}

interface Selection {
  ids: string[];
  /** Results as a list, each labelled by its job: several ids, or --mine. */
  many: boolean;
  mode: 'any' | 'all';
  /** --mine: the session, for the message when it has nothing to wait for. */
  session: string | null;
}

/** `await-turn [ids...]`. */
export async function awaitTurnCommand(ctx: () => Context, idArgs: string[], opts: AwaitTurnOptions): Promise<void> {
  const c = ctx();
  const sel = select(c, idArgs, opts);
  const timeoutMs = opts.timeout * 1000;
  const live = liveLinesForTerminal();
  if (!sel.many) {
    let payload: AwaitPayload;
    try {
      payload = await awaitTurn(c, sel.ids[0]!, timeoutMs, liveWait(live));
    } finally {
      live?.clear();
    }
    reportOne(payload, opts.json);
    return;
  }
  if (sel.ids.length === 0) {
    emit(opts.json, [], () => '');
    if (!opts.json) process.stderr.write(`codex-agent: no job of session ${sel.session} is running or has an unread turn\n`);
    process.exitCode = EXIT.idle;
    return;
  }
  const print = (p: AwaitPayload): void => {
    live?.clear();
    process.stdout.write(`${labelledText(p)}\n`);
  };
  let waited;
  try {
    waited = await waitTurns(c, sel.ids, {
      mode: sel.mode,
      timeoutMs,
      onResult: opts.json ? undefined : print,
      onSkip: opts.json ? undefined : (p) => {
        live?.clear();
        process.stderr.write(`codex-agent: ${p.error} (not waited on)\n`);
      },
      ...liveWait(live),
    });
  } finally {
    live?.clear();
  }
  const { results, timedOut } = waited;
  if (opts.json) emit(true, results, () => '');
  else if (sel.mode === 'any' && results[0]) print(results[0]);
  if (timedOut) throw new TimeoutError(timeoutMessage(timeoutMs, timedOut));
  const code = sel.mode === 'any' ? results[0]!.exit_code : allExitCode(results, sel.ids);
  if (code !== EXIT.ok) {
    const line = notCompletedLine(results);
    if (!opts.json && line) process.stderr.write(`codex-agent: ${line}\n`);
    process.exitCode = code;
  }
}

/** Which jobs to wait on, and how: every combination of ids and flags is checked here. */
function select(c: Context, idArgs: string[], opts: AwaitTurnOptions): Selection {
  if (opts.any && opts.all) throw new UsageError('--any and --all: give one of them (--any: the first to finish a turn; --all: every one)');
  const mine = Boolean(opts.mine) || opts.parentSession !== undefined;
  if (mine) {
    if (idArgs.length > 0) throw new UsageError('give job ids or --mine (--parent-session), not both');
    const session = opts.parentSession !== undefined ? checkSessionId(opts.parentSession, '--parent-session') : c.config.parentSession;
    if (!session) throw new UsageError("--mine needs CODEX_AGENT_PARENT_SESSION (the plugin's SessionStart hook sets it), or --parent-session <id>");
    return { ids: minePending(c, session), many: true, mode: opts.all ? 'all' : 'any', session };
  }
  if (idArgs.length === 0) throw new UsageError('give a job id (several with --any or --all), or --mine');
  const ids = [...new Set(idArgs.map((a) => c.store.resolve(a)))];
  if (ids.length > 1 && !opts.any && !opts.all) {
    throw new UsageError(`${ids.length} jobs given: add --any (return at the first finished turn) or --all (wait for every one)`);
  }
  return { ids, many: ids.length > 1, mode: opts.all ? 'all' : 'any', session: null };
}

/** The session's jobs that are running or have a turn nobody read, oldest first. */
function minePending(c: Context, session: string): string[] {
  const { records } = c.store.list({ limit: 0, all: true, filter: (r) => r.parent_session === session });
  return records
    .filter((r) => ['turn', 'wait'].includes(nextTurn(r, pending(c.store.layout, r.id).length).kind))
    .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0))
    .map((r) => r.id);
}
