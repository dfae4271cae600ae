// `await-turn <id>`: blocks until the job's next unconsumed turn ends and prints its answer.
import type { Context } from '../context.js';
import { EXIT, TimeoutError } from '../errors.js';
import { nextTurn } from '../jobs/next-turn.js';
import { reconcile } from '../jobs/reconcile.js';
import { currentTurn } from '../jobs/lifecycle.js';
import { contextUsedPct, relativeFiles } from '../jobs/facts.js';
import { formatDuration } from '../jobs/view.js';
import { pending } from '../store/queue.js';
import type { JobRecord } from '../store/record.js';
import { Waker } from '../util/waker.js';
import { emit } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

const FALLBACK_POLL_MS = 2_000;
/** How often a wait looks at the runner's process and pane, not only at the record. */
const LIVENESS_EVERY_MS = 2_000;

/** `await-turn <id>`: `opts.timeout` in seconds, its default applied by the caller. */
export async function awaitTurnCommand(ctx: () => Context, idArg: string, opts: { timeout: number; json?: boolean }): Promise<void> {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const payload = await awaitTurn(c, id, opts.timeout * 1000);
  emit(opts.json, payload, (p) => p.message ?? (p.outcome === 'completed' ? '(the turn ended without a message)' : ''));
  if (payload.exit_code !== EXIT.ok) {
    if (!opts.json) process.stderr.write(`codex-agent: ${payload.error}\n`);
    process.exitCode = payload.exit_code;
  }
}

export interface AwaitPayload {
  id: string;
  outcome: 'completed' | 'failed' | 'aborted' | 'context_limit' | 'ended' | 'blocked' | 'idle';
  exit_code: number;
  turn: number | null;
  message: string | null;
  error: string | null;
  status: JobRecord['status'];
  tokens: { input: number; output: number; context_used_pct: number | null } | null;
  files_modified: string[];
}

export async function awaitTurn(c: Context, id: string, timeoutMs: number): Promise<AwaitPayload> {
  const deadline = Date.now() + timeoutMs;
  // Watching before the first read: a change between a read and the next wait is never missed.
  const waker = new Waker([c.store.layout.jobDir(id)]);
  let checkedAt = 0;
  try {
    for (;;) {
      // The queue before the record: a message the runner took shows as its turn.
      let queued = pending(c.store.layout, id).length;
      let r = c.store.read(id);
      let next = nextTurn(r, queued);
      // A wait, a block and an idle agent all trust the record's runner: check it still runs (a
      // wait now and then, the others before they are reported).
      if (next.kind === 'wait' ? Date.now() - checkedAt >= LIVENESS_EVERY_MS : next.kind === 'blocked' || next.kind === 'idle') {
        checkedAt = Date.now();
        r = await reconcile(c, r);
        next = nextTurn(r, queued);
      }
      if (next.kind === 'idle') {
        // Sure before saying so: read both under the job's lock, as the runner changes them.
        ({ r, queued } = c.store.locked(id, () => ({ queued: pending(c.store.layout, id).length, r: c.store.read(id) })));
        next = nextTurn(r, queued);
      }
      if (next.kind === 'turn') {
        const turn = next.turn;
        const after = c.store.update(id, (d) => {
          d.consumed_turns = Math.max(d.consumed_turns, turn.n);
        });
        const outcome = turn.status === 'completed' ? 'completed' : turn.error_kind === 'context_window' ? 'context_limit' : turn.status;
        return {
          ...base(after),
          outcome: outcome as AwaitPayload['outcome'],
          exit_code: next.exitCode,
          turn: turn.n,
          message: turn.last_message,
          error: turn.error === null ? null : `turn ${turn.n} ${turn.status}: ${turn.error}`,
        };
      }
      if (next.kind !== 'wait') {
        const exitCode = next.kind === 'ended' ? EXIT.jobEnded : next.kind === 'blocked' ? EXIT.blocked : EXIT.idle;
        return { ...base(r), outcome: next.kind, exit_code: exitCode, turn: null, message: null, error: next.reason };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new TimeoutError(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for a turn of job ${id}: ${describe(r)}`);
      await waker.wait(Math.min(FALLBACK_POLL_MS, left));
    }
  } finally {
    waker.close();
  }
}

function base(r: JobRecord): Pick<AwaitPayload, 'id' | 'status' | 'tokens' | 'files_modified'> {
  return {
    id: r.id,
    status: r.status,
    tokens: r.tokens ? { input: r.tokens.input, output: r.tokens.output, context_used_pct: contextUsedPct(r.tokens) } : null,
    files_modified: relativeFiles(r),
  };
}

function describe(r: JobRecord): string {
  const turn = currentTurn(r);
  const parts = [`status ${r.status}`, `turn_state ${r.turn_state}`];
  if (turn) parts.push(`turn ${turn.n} running for ${formatDuration(Date.now() - Date.parse(turn.started_at))}`);
  if (r.last_message) parts.push(`last message: ${r.last_message.replace(/\s+/g, ' ').slice(0, 120)}`);
  return parts.join(', ');
}
