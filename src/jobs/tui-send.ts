// Delivering a message to an interactive job, interrupting its turn and quitting it, with proof
// from the agent's session record: a message counts once the thread records it as a user message.
import type { Context } from '../context.js';
import { AgentError } from '../errors.js';
import { withLockAsync } from '../store/lock.js';
import { enqueue } from '../store/queue.js';
import type { JobRecord } from '../store/record.js';
import { pasteAllowanceMs, pasteForSubmit } from '../tmux/tui-input.js';
import { ensureRunner } from './launch.js';
import { currentTurn, ended, isFinal } from './lifecycle.js';
import { reconcile } from './reconcile.js';
import { quitAgent, screenText } from './tui-control.js';
import { lastLines } from '../util/last-lines.js';
import { getProvider } from '../providers/index.js';
import { waitForRecord } from './wait-record.js';
import { refState } from '../proc/identity.js';
import { waitFor } from '../util/wait.js';
import { killRefs } from '../proc/tree.js';
import { agentMarker } from '../runner/agent-procs.js';
import { oneLine } from '../util/one-line.js';

const CONFIRM_MS = 10_000;
const QUIT_MS = 15_000;
/** How long /quit waits for an empty composer (a just-stopped turn may still be leaving the screen). */
const COMPOSER_MS = 5_000;
/** The runner's slow poll (1 s) plus margin. */
const RECORD_LAG_MS = 1_500;

export interface TuiSendResult {
  id: string;
  delivered: true;
  /** Sent while a turn ran: it steers that turn rather than starting a new one. */
  steered: boolean;
  /** The agent holds a steering message until the model's next tool call or the turn's end. */
  held_by_codex: boolean;
  enter_retried: boolean;
  /** The agent had been closed or lost: the message reopened its thread in a new TUI. */
  reopened: boolean;
}

/** Why a message cannot reach the job at all, or null. */
function refusal(r: JobRecord): string | null {
  if (isFinal(r)) return `job ${r.id} has ended (${r.end_reason ?? r.status}); start a new job`;
  if (r.turn_state === 'blocked') return `job ${r.id} is blocked at start-up; the screen shows: ${lastLines(r.blocked_screen ?? '', 4)}`;
  return null;
}

function assertOpen(r: JobRecord): void {
  const why = refusal(r) ?? (r.runner === null ? `job ${r.id} has no open agent (${r.end_reason ?? r.status}); send a message to reopen it` : null);
  if (why) throw new AgentError(why);
}

const waitUntil = (c: Context, id: string, ms: number, done: (r: JobRecord) => boolean | Promise<boolean>): Promise<JobRecord | null> =>
  waitForRecord(c.store, id, ms, done);

export async function sendToTui(c: Context, id: string, text: string): Promise<TuiSendResult> {
  // One sender at a time, reopening included: a second message then finds the agent open.
  return withLockAsync(c.store.layout.inputLockPath(id), async () => {
    const current = await reconcile(c, c.store.read(id));
    const why = refusal(current);
    if (why) throw new AgentError(why);
    if (current.runner === null) return reopen(c, current, text);
    const before = c.store.read(id);
    assertOpen(before);
    const provider = await getProvider(before.provider);
    let held = false;
    const taken = async (r: JobRecord): Promise<boolean> => {
      if (r.user_messages > before.user_messages) return true;
      // Mid-turn, the agent may show the message as pending until its next tool call: that is delivered too.
      if (provider.screen.holdsMessage(await screenText(c, before.tmux_session), text)) held = true;
      return held;
    };
    await pasteForSubmit(c.tmux, before.tmux_session, text, c.store.layout.jobDir(id), provider.keys.afterPaste(text));
    await c.tmux.sendKeys(before.tmux_session, ['Enter']);
    let enterRetried = false;
    // A long message takes the TUI longer to take in: the bound grows with its size.
    const confirmMs = CONFIRM_MS + pasteAllowanceMs(text);
    if (!(await waitUntil(c, id, confirmMs, taken))) {
      // An Enter that arrived while the TUI was still taking the paste becomes a newline: once more.
      enterRetried = true;
      await c.tmux.sendKeys(before.tmux_session, ['Enter']);
      if (!(await waitUntil(c, id, confirmMs, taken))) {
        const screen = await screenText(c, before.tmux_session);
        throw new AgentError(`message pasted into job ${id} but ${provider.label} did not take it within ${Math.round((2 * confirmMs) / 1000)}s; screen: ${lastLines(screen, 4)}`);
      }
    }
    // Judged after the fact: the record may lag Codex by a poll, but a message that joined a running
    // turn shows as more new user messages than new turns.
    const after = c.store.read(id);
    const steered = held || after.user_messages - before.user_messages > after.turns.length - before.turns.length;
    return { id, delivered: true, steered, held_by_codex: held, enter_retried: enterRetried, reopened: false };
  }, { timeoutMs: 60_000 });
}

/**
 * The agent was closed (idle timeout) or lost (crash, tmux server gone, reboot): the message
 * reopens its thread in a new TUI, and counts once the thread records it.
 */
async function reopen(c: Context, before: JobRecord, text: string): Promise<TuiSendResult> {
  c.store.update(before.id, () => void enqueue(c.store.layout, before.id, text));
  await ensureRunner(c, before.id);
  const bound = (before.startup_timeout_seconds + 15) * 1000 + pasteAllowanceMs(text);
  const r = await waitUntil(c, before.id, bound, (x) => x.user_messages > before.user_messages || x.turn_state === 'blocked' || (x.runner === null && x.updated_at !== before.updated_at));
  if (!r || r.user_messages <= before.user_messages) {
    const now = c.store.read(before.id);
    const screen = await screenText(c, now.tmux_session);
    throw new AgentError(`job ${before.id} was reopened on its thread but the agent did not take the message within ${bound / 1000}s (${now.turn_state}); screen: ${lastLines(screen, 4)}`);
  }
  return { id: before.id, delivered: true, steered: false, held_by_codex: false, enter_retried: false, reopened: true };
}

export interface QuitResult {
  id: string;
  /** Already final before this /quit. */
  already_ended: boolean;
  status: JobRecord['status'];
  /** The agent did not take /quit in time and was ended by a signal instead; set only then. */
  signalled?: true;
}

/** `/quit`: closes the agent the way a person would; nothing reaches the model. Final. */
export async function quitTui(c: Context, id: string): Promise<QuitResult> {
  const current = await reconcile(c, c.store.read(id));
  if (isFinal(current)) return { id, already_ended: true, status: current.status };
  if (current.runner === null) {
    const r = c.store.update(id, (d) => ended(d, 'closed by /quit', new Date().toISOString()));
    return { id, already_ended: false, status: r.status };
  }
  return withLockAsync(c.store.layout.inputLockPath(id), async () => {
    const r = c.store.read(id);
    const provider = await getProvider(r.provider);
    const turn = currentTurn(r);
    // An agent takes no command while a turn runs: stop the turn first.
    if (turn) {
      await c.tmux.sendKeys(r.tmux_session, provider.keys.interrupt).catch(() => undefined);
      await waitUntil(c, id, 5_000, (x) => x.turns[turn.n - 1]?.status !== 'running');
    }
    // Typed into anything but an empty composer (a dialog, text the agent put back) /quit would not quit.
    await waitFor(async () => provider.screen.composerReady(await screenText(c, r.tmux_session)), { timeoutMs: COMPOSER_MS, intervalMs: 100, maxIntervalMs: 250, describe: () => 'no composer' }).catch(() => undefined);
    await quitAgent(c, provider, r.tmux_session, id);
    let closed = await waitUntil(c, id, QUIT_MS, (x) => x.runner === null || isFinal(x));
    const signalled = !closed;
    if (!closed) closed = await endUntaken(c, id, provider.label);
    // Done when nothing of the agent runs any more: the runner writes the record just before it leaves.
    if (r.runner) await waitFor(() => refState(r.runner!) !== 'running', { timeoutMs: 5_000, intervalMs: 20, maxIntervalMs: 100, describe: () => 'runner still running' }).catch(() => undefined);
    return { id, already_ended: false, status: closed.status, ...(signalled ? { signalled: true as const } : {}) };
  }, { timeoutMs: 60_000 });
}

/**
 * /quit was not taken: the agent is ended as kill ends it, the job recorded as closed first so
 * the runner leaves it that way. The reason keeps what the screen showed.
 */
async function endUntaken(c: Context, id: string, label: string): Promise<JobRecord> {
  const before = c.store.read(id);
  const screen = oneLine(lastLines(await screenText(c, before.tmux_session), 4));
  const reason = `closed by /quit: ${label} did not take it within ${QUIT_MS / 1000}s, so it was ended by SIGTERM; its screen showed: ${screen}`;
  const closed = c.store.update(id, (d) => ended(d, reason, new Date().toISOString()));
  const killed = await killRefs(before.agent_procs, { graceMs: 3_000, marker: agentMarker(id).entry });
  if (killed.remaining.length > 0) throw new AgentError(`job ${id}: ${label} did not take /quit and process(es) ${killed.remaining.join(', ')} outlived SIGKILL; the job is recorded as closed`);
  return closed;
}

export interface InterruptResult {
  id: string;
  interrupted: boolean;
  turn: number | null;
}

export async function interruptTui(c: Context, id: string): Promise<InterruptResult> {
  return withLockAsync(c.store.layout.inputLockPath(id), async () => {
    assertOpen(await reconcile(c, c.store.read(id)));
    // The record follows Codex by up to one poll: a turn that just started may not show yet.
    const r = (await waitUntil(c, id, RECORD_LAG_MS, (x) => currentTurn(x) !== undefined)) ?? c.store.read(id);
    const turn = currentTurn(r);
    if (!turn) return { id, interrupted: false, turn: null };
    const provider = await getProvider(r.provider);
    const ended = (x: JobRecord): boolean => x.turns[turn.n - 1]?.status !== 'running';
    for (let attempt = 0; attempt < 2; attempt++) {
      await c.tmux.sendKeys(r.tmux_session, provider.keys.interrupt);
      if (await waitUntil(c, id, 5_000, ended)) return { id, interrupted: true, turn: turn.n };
    }
    const screen = await screenText(c, r.tmux_session);
    throw new AgentError(`turn ${turn.n} of job ${id} did not stop after interrupting twice; screen: ${lastLines(screen, 4)}`);
  }, { timeoutMs: 60_000 });
}
