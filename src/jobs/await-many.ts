// Waiting for turns: one job's next unconsumed turn (await-turn <id>, start --wait), or the first
// or every turn of several jobs (await-turn --any / --all), all on one Waker that watches every
// job's folder at once. A job that cannot produce a turn (idle, ended, blocked) is never waited on.
import type { Context } from '../context.js';
import { EXIT, TimeoutError } from '../errors.js';
import { pending } from '../store/queue.js';
import type { JobRecord, TurnRecord } from '../store/record.js';
import { oneLine } from '../util/one-line.js';
import { Waker } from '../util/waker.js';
import { contextUsedPct, relativeFiles } from './facts.js';
import { currentTurn } from './lifecycle.js';
import { nextTurn } from './next-turn.js';
import { reconcile } from './reconcile.js';
import { formatDuration } from './view.js';

const FALLBACK_POLL_MS = 2_000;
/** How often a wait looks at the runner's process and pane, not only at the record. */
const LIVENESS_EVERY_MS = 2_000;

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

type Look = { kind: 'turn'; turn: TurnRecord; exitCode: number } | { kind: 'verdict'; payload: AwaitPayload } | { kind: 'wait' };

/** One job's side of a wait: a look at it now, and taking the turn it has. */
class JobWatch {
  private checkedAt = 0;
  /** The record as last seen. */
  record: JobRecord | null = null;

  constructor(
    private readonly c: Context,
    readonly id: string,
  ) {}

  async look(): Promise<Look> {
    const { c, id } = this;
    // The queue before the record: a message the runner took shows as its turn.
    let queued = pending(c.store.layout, id).length;
    let r = c.store.read(id);
    let next = nextTurn(r, queued);
    // A wait, a block and an idle agent all trust the record's runner: check it still runs (a
    // wait now and then, the others before they are reported).
    if (next.kind === 'wait' ? Date.now() - this.checkedAt >= LIVENESS_EVERY_MS : next.kind === 'blocked' || next.kind === 'idle') {
      this.checkedAt = Date.now();
      r = await reconcile(c, r);
      next = nextTurn(r, queued);
    }
    if (next.kind === 'idle') {
      // Sure before saying so: read both under the job's lock, as the runner changes them.
      ({ r, queued } = c.store.locked(id, () => ({ queued: pending(c.store.layout, id).length, r: c.store.read(id) })));
      next = nextTurn(r, queued);
    }
    this.record = r;
    if (next.kind === 'turn') return next;
    if (next.kind === 'wait') return { kind: 'wait' };
    const exitCode = next.kind === 'ended' ? EXIT.jobEnded : next.kind === 'blocked' ? EXIT.blocked : EXIT.idle;
    return { kind: 'verdict', payload: { ...base(r), outcome: next.kind, exit_code: exitCode, turn: null, message: null, error: next.reason } };
  }

  /** Marks the turn read and reports it. */
  take(turn: TurnRecord, exitCode: number): AwaitPayload {
    const after = this.c.store.update(this.id, (d) => {
      d.consumed_turns = Math.max(d.consumed_turns, turn.n);
    });
    this.record = after;
    const outcome = turn.status === 'completed' ? 'completed' : turn.error_kind === 'context_window' ? 'context_limit' : turn.status;
    return {
      ...base(after),
      outcome: outcome as AwaitPayload['outcome'],
      exit_code: exitCode,
      turn: turn.n,
      message: turn.last_message,
      error: turn.error === null ? null : `turn ${turn.n} ${turn.status}: ${turn.error}`,
    };
  }
}

export interface WaitOptions {
  /** `any`: the first job with a turn; `all`: every job's. */
  mode: 'any' | 'all';
  timeoutMs: number;
  /** `all`: each result as it arrives. */
  onResult?: (p: AwaitPayload) => void;
  /** `any`: a job that cannot produce a turn, left out while others still can. */
  onSkip?: (p: AwaitPayload) => void;
  /** Before each pause: the jobs still waited on, as last seen. */
  onWait?: (waiting: JobRecord[]) => void;
  /** The longest pause between looks (a live display's refresh). */
  tickMs?: number;
}

export interface WaitResult {
  /** In the order they arrived. `any`: one. */
  results: AwaitPayload[];
  /** Set when the bound ran out: the jobs still waited on, as last seen. */
  timedOut: JobRecord[] | null;
}

/**
 * `any` returns the first finished turn among the jobs that can still produce one; a job that
 * cannot is reported through onSkip and not waited on, and when none can, the first of them (in
 * the order given) is the result. `all` returns every job's result, a verdict included.
 */
export async function waitTurns(c: Context, ids: string[], opts: WaitOptions): Promise<WaitResult> {
  const deadline = Date.now() + opts.timeoutMs;
  // Watching before the first read: a change between a read and the next wait is never missed.
  const waker = new Waker(ids.map((id) => c.store.layout.jobDir(id)));
  const watches = ids.map((id) => new JobWatch(c, id));
  const results: AwaitPayload[] = [];
  const settled = new Set<string>();
  const skipped: AwaitPayload[] = [];
  try {
    for (;;) {
      const open = watches.filter((w) => !settled.has(w.id));
      const looks = await Promise.all(open.map((w) => w.look()));
      const fresh: AwaitPayload[] = [];
      for (const [i, look] of looks.entries()) {
        const w = open[i]!;
        if (look.kind === 'wait') continue;
        if (look.kind === 'turn') {
          // Only the turn returned is taken: with `any`, the others stay unread for the next wait.
          const p = w.take(look.turn, look.exitCode);
          if (opts.mode === 'any') return { results: [p], timedOut: null };
          settled.add(w.id);
          results.push(p);
          opts.onResult?.(p);
        } else {
          settled.add(w.id);
          if (opts.mode === 'any') fresh.push(look.payload);
          else {
            results.push(look.payload);
            opts.onResult?.(look.payload);
          }
        }
      }
      if (opts.mode === 'any') {
        skipped.push(...fresh);
        if (settled.size === watches.length) {
          const first = ids.map((id) => skipped.find((p) => p.id === id)).find((p) => p !== undefined)!;
          for (const p of fresh) if (p !== first) opts.onSkip?.(p);
          return { results: [first], timedOut: null };
        }
        for (const p of fresh) opts.onSkip?.(p);
      } else if (settled.size === watches.length) {
        return { results, timedOut: null };
      }
      const waiting = watches.filter((w) => !settled.has(w.id)).map((w) => w.record!);
      const left = deadline - Date.now();
      if (left <= 0) return { results, timedOut: waiting };
      opts.onWait?.(waiting);
      await waker.wait(Math.min(FALLBACK_POLL_MS, opts.tickMs ?? FALLBACK_POLL_MS, left));
    }
  } finally {
    waker.close();
  }
}

/** One job's next unconsumed turn, or why none will come; throws TimeoutError at the bound. */
export async function awaitTurn(c: Context, id: string, timeoutMs: number, opts: Pick<WaitOptions, 'onWait' | 'tickMs'> = {}): Promise<AwaitPayload> {
  const { results, timedOut } = await waitTurns(c, [id], { ...opts, mode: 'any', timeoutMs });
  if (timedOut) throw new TimeoutError(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for a turn of job ${id}: ${describe(timedOut[0]!)}`);
  return results[0]!;
}

/** The one stderr line of a wait on several jobs that ran out. */
export function timeoutMessage(timeoutMs: number, waiting: JobRecord[]): string {
  const each = waiting.map((r) => `${r.id} (${describe(r)})`).join('; ');
  return `timed out after ${Math.round(timeoutMs / 1000)}s; still waiting on ${waiting.length} job(s): ${each}`;
}

function base(r: JobRecord): Pick<AwaitPayload, 'id' | 'status' | 'tokens' | 'files_modified'> {
  return {
    id: r.id,
    status: r.status,
    tokens: r.tokens ? { input: r.tokens.input, output: r.tokens.output, context_used_pct: contextUsedPct(r.tokens) } : null,
    files_modified: relativeFiles(r),
  };
}

/** What a job was doing, for a wait that ran out. */
export function describe(r: JobRecord): string {
  const turn = currentTurn(r);
  const parts = [`status ${r.status}`, `turn_state ${r.turn_state}`];
  if (turn) parts.push(`turn ${turn.n} running for ${formatDuration(Date.now() - Date.parse(turn.started_at))}`);
  const action = turn ? actionInTurn(r, turn) : null;
  if (action) parts.push(`last action: ${action}`);
  if (r.last_message) parts.push(`last message: ${oneLine(r.last_message, 120)}`);
  return parts.join(', ');
}

/** The agent's last action when it belongs to this turn (an earlier turn's is old news). */
export function actionInTurn(r: JobRecord, turn: TurnRecord): string | null {
  const a = r.last_action;
  return a && Date.parse(a.at) >= Date.parse(turn.started_at) ? a.text : null;
}
