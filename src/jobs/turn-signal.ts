// The signal file `$CODEX_AGENT_HOME/jobs/<id>.turn-complete`: the job's last finished turn as
// JSON, for scripts that check a path instead of starting a process. Rewritten whole (temp file
// and rename, 0600) whenever a turn closes, so a reader never sees half of it.
import type { Layout } from '../store/layout.js';
import { writeFileAtomic } from '../store/private-fs.js';
import type { JobRecord, TurnRecord } from '../store/record.js';
import { contextUsedPct } from './facts.js';

export interface TurnSignal {
  id: string;
  turn: number;
  /** The turn's own status: completed, failed or aborted. */
  status: TurnRecord['status'];
  /** The job's status once the turn closed. */
  job_status: JobRecord['status'];
  last_message: string | null;
  error: string | null;
  error_kind: TurnRecord['error_kind'];
  completed_at: string | null;
  tokens: { input: number; output: number; context_used_pct: number | null } | null;
}

/** Pure: the turn that `next` closed and `before` still had running (or never had), the newest; null for none. */
export function closedTurn(before: JobRecord, next: JobRecord): TurnRecord | null {
  for (let i = next.turns.length - 1; i >= 0; i--) {
    const t = next.turns[i]!;
    if (t.status === 'running') continue;
    const was = before.turns.find((b) => b.n === t.n);
    if (!was || was.status === 'running') return t;
  }
  return null;
}

/** Pure: the signal file's content for a closed turn. */
export function turnSignal(r: JobRecord, t: TurnRecord): TurnSignal {
  return {
    id: r.id,
    turn: t.n,
    status: t.status,
    job_status: r.status,
    last_message: t.last_message,
    error: t.error,
    error_kind: t.error_kind,
    completed_at: t.completed_at,
    tokens: r.tokens ? { input: r.tokens.input, output: r.tokens.output, context_used_pct: contextUsedPct(r.tokens) } : null,
  };
}

export function writeTurnSignal(layout: Layout, r: JobRecord, t: TurnRecord): void {
  writeFileAtomic(layout.turnSignalPath(r.id), `${JSON.stringify(turnSignal(r, t))}\n`);
}
