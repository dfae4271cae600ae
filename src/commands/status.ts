// `status <id>`: one job in detail, including why it failed or ended.
import type { Context } from '../context.js';
import { isFinal } from '../jobs/lifecycle.js';
import { reconcile } from '../jobs/reconcile.js';
import { formatDuration, jobView, type JobView } from '../jobs/view.js';
import { pending } from '../store/queue.js';
import { oneLine } from '../util/one-line.js';
import { emit, forPeople } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

export interface StatusPayload extends JobView {
  error_kind: string | null;
  end_reason: string | null;
  /** For a blocked interactive job: what the screen shows. */
  blocked_screen: string | null;
  exit_code: number | null;
  /** A runner process runs for the job now (checked: pid, start time and tmux pane). */
  runner_running: boolean;
  /** `send` can continue the job (false once it ended: kill, /quit, nothing to resume). */
  accepts_follow_up: boolean;
  tmux_session: string;
  attach: string[];
  queued_messages: number;
  consumed_turns: number;
  turn_log: { n: number; status: string; started_at: string; completed_at: string | null; error: string | null }[];
}

/** `status <id>`. */
export async function statusCommand(ctx: () => Context, idArg: string, opts: { json?: boolean }): Promise<void> {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const r = await reconcile(c, c.store.read(id));
  const payload: StatusPayload = {
    ...jobView(r),
    error_kind: r.error_kind,
    end_reason: r.end_reason,
    blocked_screen: r.turn_state === 'blocked' ? r.blocked_screen : null,
    exit_code: r.exit_code,
    runner_running: r.runner !== null,
    accepts_follow_up: !isFinal(r) && r.turn_state !== 'blocked',
    tmux_session: r.tmux_session,
    attach: c.tmux.attachArgv(r.tmux_session),
    queued_messages: pending(c.store.layout, id).length,
    consumed_turns: r.consumed_turns,
    turn_log: r.turns.map((t) => ({ n: t.n, status: t.status, started_at: t.started_at, completed_at: t.completed_at, error: t.error })),
  };
  emit(opts.json, payload, (p) => renderStatus(p, forPeople()));
}

/** `people`: a person reads it, so the tmux command to watch the job is shown too. */
export function renderStatus(p: StatusPayload, people = true): string {
  const lines = [
    `job ${p.id}: ${p.status} (${p.turn_state}) · ${p.mode} · ${p.turns} turn${p.turns === 1 ? '' : 's'} · ${formatDuration(p.elapsed_ms)}`,
    `  prompt:  ${oneLine(p.prompt)}`,
    `  cwd:     ${oneLine(p.cwd)} · sandbox ${p.sandbox} · model ${p.model ?? 'default'}${p.reasoning ? ` · reasoning ${p.reasoning}` : ''}`,
  ];
  if (p.parent_session) lines.push(`  general: ${p.parent_session}`);
  if (p.thread_id) lines.push(`  thread:  ${p.thread_id}`);
  if (p.tokens) {
    const pct = p.tokens.context_used_pct === null ? '' : ` · context ${p.tokens.context_used_pct}% of ${p.tokens.context_window}`;
    lines.push(`  tokens:  input ${p.tokens.input} · output ${p.tokens.output}${pct}`);
  }
  if (p.files_modified.length) lines.push(`  files:   ${oneLine(p.files_modified.join(', '))}`);
  if (p.summary) lines.push(`  last:    ${oneLine(p.summary, 200)}`);
  if (p.error) lines.push(`  error:   ${oneLine(p.error)}${p.error_kind ? ` [${p.error_kind}]` : ''}`);
  if (p.end_reason && p.end_reason !== p.error) lines.push(`  ${p.accepts_follow_up ? 'note:  ' : 'ended: '}  ${oneLine(p.end_reason)}`);
  if (!p.runner_running && p.accepts_follow_up && p.status !== 'pending') lines.push(`  next:    no process runs; codex-agent send ${p.id} "..." continues it`);
  if (p.blocked_screen) {
    lines.push('  blocked: no turn started in time; the screen shows:');
    for (const l of p.blocked_screen.split('\n')) lines.push(`    | ${l}`);
  }
  if (p.queued_messages) lines.push(`  queued:  ${p.queued_messages} message(s)`);
  if (people) lines.push(`  watch:   ${p.attach.join(' ')}`);
  return lines.join('\n');
}
