// Delivering a message to an interactive job, and interrupting its turn, with proof from the
// rollout that Codex took it: a message counts once the thread records it as a user message.
import type { Context } from '../context.js';
import { AgentError } from '../errors.js';
import { withLockAsync } from '../store/lock.js';
import type { JobRecord } from '../store/record.js';
import { isTerminal } from '../store/record.js';
import { pasteForSubmit } from '../tmux/tui-input.js';
import { waitForDirChange } from '../util/dir-change.js';
import { screenText } from './tui-control.js';
import { currentTurn } from './turn-facts.js';

const CONFIRM_MS = 10_000;
/** The runner's slow poll (1 s) plus margin. */
const RECORD_LAG_MS = 1_500;

export interface TuiSendResult {
  id: string;
  delivered: true;
  /** Sent while a turn ran: it steers that turn rather than starting a new one. */
  steered: boolean;
  /** Codex holds a steering message until the model's next tool call or the turn's end. */
  held_by_codex: boolean;
  enter_retried: boolean;
}

/** Pure: whether the screen shows the message waiting to steer the turn ("↳ <first line>"). */
export function showsPendingSteer(screen: string, message: string): boolean {
  const head = (message.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 40);
  return head !== '' && screen.split('\n').some((l) => l.trimStart().startsWith('↳') && l.includes(head));
}

function assertLive(r: JobRecord): void {
  if (isTerminal(r.status) || r.runner_pid === null) {
    throw new AgentError(`job ${r.id} is ${r.status} and its agent is closed (${r.end_reason ?? 'no runner'}); start a new job`);
  }
  if (r.turn_state === 'blocked') {
    throw new AgentError(`job ${r.id} is blocked at start-up; the screen shows: ${(r.blocked_screen ?? '').split('\n').slice(-4).join(' | ')}`);
  }
}

async function waitUntil(c: Context, id: string, ms: number, done: (r: JobRecord) => boolean | Promise<boolean>): Promise<JobRecord | null> {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = c.store.read(id);
    if (await done(r)) return r;
    const left = deadline - Date.now();
    if (left <= 0) return null;
    await waitForDirChange(c.store.layout.jobDir(id), Math.min(250, left));
  }
}

export async function sendToTui(c: Context, id: string, text: string): Promise<TuiSendResult> {
  return withLockAsync(c.store.layout.inputLockPath(id), async () => {
    const before = c.store.read(id);
    assertLive(before);
    let held = false;
    const taken = async (r: JobRecord): Promise<boolean> => {
      if (r.user_messages > before.user_messages) return true;
      // Mid-turn, Codex shows the message as pending until the next tool call: that is delivered too.
      if (showsPendingSteer(await screenText(c, before.tmux_session), text)) held = true;
      return held;
    };
    await pasteForSubmit(c.tmux, before.tmux_session, text, c.store.layout.jobDir(id));
    await c.tmux.sendKeys(before.tmux_session, ['Enter']);
    let enterRetried = false;
    if (!(await waitUntil(c, id, CONFIRM_MS, taken))) {
      // An Enter that arrived while the TUI was still taking the paste becomes a newline: once more.
      enterRetried = true;
      await c.tmux.sendKeys(before.tmux_session, ['Enter']);
      if (!(await waitUntil(c, id, CONFIRM_MS, taken))) {
        const screen = await screenText(c, before.tmux_session);
        throw new AgentError(
          `message pasted into job ${id} but Codex did not take it within ${(2 * CONFIRM_MS) / 1000}s; screen: ${screen.split('\n').slice(-4).join(' | ')}`,
        );
      }
    }
    // Judged after the fact: the record may lag Codex by a poll, but a message that joined a running
    // turn shows as more new user messages than new turns.
    const after = c.store.read(id);
    const steered = held || after.user_messages - before.user_messages > after.turns.length - before.turns.length;
    return { id, delivered: true, steered, held_by_codex: held, enter_retried: enterRetried };
  }, { timeoutMs: 60_000 });
}

export interface InterruptResult {
  id: string;
  interrupted: boolean;
  turn: number | null;
}

export async function interruptTui(c: Context, id: string): Promise<InterruptResult> {
  return withLockAsync(c.store.layout.inputLockPath(id), async () => {
    assertLive(c.store.read(id));
    // The record follows Codex by up to one poll: a turn that just started may not show yet.
    const r = (await waitUntil(c, id, RECORD_LAG_MS, (x) => currentTurn(x) !== undefined)) ?? c.store.read(id);
    const turn = currentTurn(r);
    if (!turn) return { id, interrupted: false, turn: null };
    const ended = (x: JobRecord): boolean => x.turns[turn.n - 1]?.status !== 'running';
    for (let attempt = 0; attempt < 2; attempt++) {
      await c.tmux.sendKeys(r.tmux_session, ['Escape']);
      if (await waitUntil(c, id, 5_000, ended)) return { id, interrupted: true, turn: turn.n };
    }
    const screen = await screenText(c, r.tmux_session);
    throw new AgentError(`turn ${turn.n} of job ${id} did not stop after Escape twice; screen: ${screen.split('\n').slice(-4).join(' | ')}`);
  }, { timeoutMs: 60_000 });
}
