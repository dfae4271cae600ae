// What a general needs after its context was compacted: its own army, grouped by what to do next.
// Pure over records; other generals' jobs are counted, never listed.
import type { JobRecord } from '../store/record.js';
import { currentTurn, isFinal } from './lifecycle.js';
import { relativeFiles } from './facts.js';
import { formatDuration } from './view.js';
import { oneLine } from '../util/one-line.js';

export type RecoverGroup = 'blocked' | 'running' | 'finished' | 'idle';

export interface RecoverItem {
  id: string;
  group: RecoverGroup;
  mode: JobRecord['mode'];
  status: JobRecord['status'];
  elapsed_ms: number;
  last_answer: string | null;
  files_modified: string[];
  /** Why it failed (the turn's or the job's error): a failed job's reason, else null. */
  reason: string | null;
  next: string;
}

/** A job whose record cannot be read: whose it is is unknown, so every general sees it. */
export interface RecoverCorrupt {
  id: string;
  /** Why the record does not parse. */
  reason: string;
  next: string;
}

export interface RecoverView {
  session: string | null;
  items: RecoverItem[];
  /** Only when there are any: unreadable records, listed with the reason rather than left out. */
  corrupt?: RecoverCorrupt[];
  /** Jobs of this general that are done and already read: not listed. */
  settled: number;
  /** Active jobs of other generals (or untagged): counted only. */
  others_active: number;
}

const TEXT_BUDGET = 2_500;

/** `records` must be reconciled: a runner on record is a runner that runs. `corrupt`: the records that did not parse. */
export function recoverView(records: JobRecord[], session: string | null, nowMs: number, corrupt: { id: string; reason: string }[] = []): RecoverView {
  const view: RecoverView = { session, items: [], settled: 0, others_active: 0 };
  if (corrupt.length > 0) view.corrupt = corrupt.map((c) => ({ id: c.id, reason: c.reason, next: `codex-agent delete ${c.id} --force` }));
  for (const r of records) {
    const mine = session === null ? true : r.parent_session === session;
    const runnerAlive = r.runner !== null;
    if (!mine) {
      if (runnerAlive || currentTurn(r)) view.others_active++;
      continue;
    }
    const group = groupOf(r, runnerAlive);
    if (!group) {
      view.settled++;
      continue;
    }
    view.items.push({
      id: r.id,
      group,
      mode: r.mode,
      status: r.status,
      elapsed_ms: Math.max(0, (r.completed_at && group !== 'running' ? Date.parse(r.completed_at) : nowMs) - Date.parse(r.started_at ?? r.created_at)),
      last_answer: r.last_message,
      files_modified: relativeFiles(r),
      reason: r.status === 'failed' ? (r.error ?? r.end_reason ?? 'failed (no reason recorded)') : null,
      next: nextCommand(r, group),
    });
  }
  const order: RecoverGroup[] = ['blocked', 'finished', 'running', 'idle'];
  view.items.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
  return view;
}

function groupOf(r: JobRecord, runnerAlive: boolean): RecoverGroup | null {
  if (r.turn_state === 'blocked' && runnerAlive) return 'blocked';
  if (r.turns.some((t) => t.n > r.consumed_turns && t.status !== 'running')) return 'finished';
  if (currentTurn(r) || r.status === 'pending') return 'running';
  // Idle with no process is idle too: send continues it. Only what ended is settled.
  if (runnerAlive || !isFinal(r)) return 'idle';
  return null;
}

function nextCommand(r: JobRecord, group: RecoverGroup): string {
  switch (group) {
    case 'blocked':
      return `codex-agent status ${r.id}`;
    case 'finished':
    case 'running':
      return `codex-agent await-turn ${r.id}`;
    case 'idle':
      // A full context window takes no more work well: the hint says so, send still works.
      if (r.turn_state === 'context_limit') return `codex-agent send ${r.id} "<next instruction>"  (context window full: better a new job with a hand-off; or: codex-agent kill ${r.id})`;
      return `codex-agent send ${r.id} "<next instruction>"  (or: codex-agent kill ${r.id})`;
  }
}

const HEADINGS: Record<RecoverGroup, string> = {
  blocked: 'Blocked at start-up (look at the screen):',
  finished: 'Finished since you last looked (read the answer):',
  running: 'Running (await in the background):',
  idle: 'Idle, awaiting instructions:',
};

/** The text for Claude's context, kept under the budget by shortening answers first. */
export function renderRecover(view: RecoverView): string {
  // Answers, file names and reasons give way first; ids and next commands always stay.
  const levels: [number, number, number][] = [[60, 2, 80], [40, 2, 60], [24, 1, 40], [0, 1, 30], [0, 0, 0]];
  for (const [answerLen, fileNames, reasonLen] of levels) {
    const text = renderWith(view, answerLen, fileNames, reasonLen);
    if (text.length <= TEXT_BUDGET) return text;
  }
  return `${renderWith(view, 0, 0, 0).slice(0, TEXT_BUDGET - 1)}…`;
}

function renderWith(view: RecoverView, answerLen: number, fileNames: number, reasonLen: number): string {
  const who = view.session ? `session ${view.session}` : 'all sessions';
  const corrupt = view.corrupt ?? [];
  const unreadable = corrupt.length > 0 ? `, ${corrupt.length} unreadable` : '';
  const lines = [`codex-agent: your Codex army (${who}): ${view.items.length} job(s) need attention, ${view.settled} done and read${unreadable}.`];
  for (const group of ['blocked', 'finished', 'running', 'idle'] as RecoverGroup[]) {
    const items = view.items.filter((i) => i.group === group);
    if (items.length === 0) continue;
    lines.push(HEADINGS[group]);
    for (const i of items) {
      const answer = answerLen > 0 && i.last_answer ? ` "${oneLine(i.last_answer, answerLen)}"` : '';
      const n = i.files_modified.length;
      const files = n === 0 ? '' : fileNames === 0 ? ` ${n} file(s)` : ` files: ${i.files_modified.slice(0, fileNames).join(', ')}${n > fileNames ? ` +${n - fileNames}` : ''}`;
      const reason = reasonLen > 0 && i.reason ? ` [failed: ${oneLine(i.reason, reasonLen)}]` : '';
      lines.push(`- ${i.id} ${i.mode} ${formatDuration(i.elapsed_ms)}${reason}${answer}${files} → ${i.next}`);
    }
  }
  if (corrupt.length > 0) {
    lines.push('Unreadable records (whose job it was is unknown; inspect the file, or delete the job):');
    for (const c of corrupt) lines.push(`- ${c.id} [corrupt: ${oneLine(c.reason, Math.max(reasonLen, 30))}] → ${c.next}`);
  }
  if (view.others_active > 0) lines.push(`(${view.others_active} active job(s) of other sessions not listed; leave them alone.)`);
  return lines.join('\n');
}
