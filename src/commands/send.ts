// `send <id> "<message>"`: a follow-up turn. Exec jobs resume their Codex thread; while a turn
// runs, the message waits in the job's queue and runs right after it. `/quit` closes the agent.
import type { Context } from '../context.js';
import { AgentError, UsageError } from '../errors.js';
import { ensureRunner } from '../jobs/launch.js';
import { currentTurn, ended, isFinal } from '../jobs/lifecycle.js';
import { isQuitMessage } from '../jobs/quit.js';
import { reconcile } from '../jobs/reconcile.js';
import { quitTui, sendToTui } from '../jobs/tui-send.js';
import { enqueue, pending } from '../store/queue.js';
import { assertFitsAgent } from '../prompt/message-limit.js';
import { assertTuiText } from '../prompt/tui-text.js';
import { getProvider } from '../providers/index.js';
import { readStdin } from '../util/stdin.js';
import { emit } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** `send <id> <message>`. */
export async function sendCommand(ctx: () => Context, idArg: string, message: string, opts: { json?: boolean }): Promise<void> {
  const c = ctx();
  const id = c.store.resolve(idArg);
  const text = message === '-' ? await readStdin({ what: 'the message', maxBytes: MAX_MESSAGE_BYTES }) : message;
  if (text.trim() === '') throw new UsageError('the message is empty');
  if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) throw new UsageError('the message is larger than 10 MiB');
  const record = c.store.read(id);
  const interactive = record.mode === 'interactive';
  if (isQuitMessage(text)) {
    const q = interactive ? await quitTui(c, id) : await quitExec(c, id);
    emit(opts.json, { ...q, quit: true }, (p) =>
      p.already_ended
        ? `Job ${p.id} had already ended (${p.status}).`
        : 'closes_after_turn' in p && p.closes_after_turn
          ? `Job ${p.id} closes after its running turn${p.queued > 1 ? ` and ${p.queued - 1} queued message(s)` : ''}; nothing was sent to the model.`
          : `Closed ${p.id} (${p.status})${'signalled' in p && p.signalled ? '; the agent did not take /quit, so it was ended by SIGTERM' : ''}; it takes no more follow-ups.`,
    );
    return;
  }
  // Refused here, not by the agent after the message was queued or typed in.
  const provider = await getProvider(record.provider);
  assertFitsAgent(text, provider.maxMessageChars, 'the message', provider.label);
  if (interactive) {
    assertTuiText(text, 'the message', provider.label);
    // Typed into the approval question, the message would answer it and be lost.
    if (c.store.read(id).turn_state === 'awaiting_approval') throw new AgentError(`job ${id} waits for a tool approval; a message now would answer it and be lost: interrupt ${id} declines it (or answer it on its screen: attach ${id})`);
    emit(opts.json, await sendToTui(c, id, text), (p) =>
      p.reopened
        ? `Sent to ${p.id}: its agent was reopened on the same thread and a new turn started.`
        : p.held_by_codex
          ? `Sent to ${p.id}: Codex holds it to steer the running turn at its next tool call (interrupt ${p.id} sends it now).`
          : p.steered
            ? `Sent to ${p.id}: it steers the running turn.`
            : `Sent to ${p.id}: a new turn started.`,
    );
    return;
  }
  emit(opts.json, await send(c, id, text), (p) =>
    p.runner_started
      ? `Sent to ${p.id}: runs now as a resumed turn.`
      : p.busy
        ? `Queued for ${p.id}: runs after the current turn (${p.queued} waiting).`
        : `Sent to ${p.id}: runs now.`,
  );
}

export interface SendPayload {
  id: string;
  queued: number;
  busy: boolean;
  runner_started: boolean;
}

function refuseEnded(r: { id: string; status: string; end_reason: string | null; thread_id: string | null }): never {
  if (r.status === 'cancelled') throw new AgentError(`job ${r.id} was cancelled; start a new job instead`);
  throw new AgentError(`job ${r.id} has ended (${r.end_reason ?? r.status}); start a new job instead`);
}

export async function send(c: Context, id: string, text: string): Promise<SendPayload> {
  // The true state first: a dead runner's orphaned Codex is ended before anything resumes its thread.
  const current = await reconcile(c, c.store.read(id));
  if (isFinal(current)) refuseEnded(current);
  let runnerAlive = false;
  let busy = false;
  c.store.update(id, (d) => {
    if (isFinal(d)) refuseEnded(d);
    // A runner leaves only under this lock, after finding the queue empty: it will see this message.
    runnerAlive = d.runner !== null;
    busy = currentTurn(d) !== undefined || d.turns.length === 0;
    enqueue(c.store.layout, id, text);
  });
  let runnerStarted = false;
  if (!runnerAlive) runnerStarted = (await ensureRunner(c, id)).started;
  return { id, queued: pending(c.store.layout, id).length, busy, runner_started: runnerStarted };
}

export interface ExecQuit {
  id: string;
  already_ended: boolean;
  status: string;
  closes_after_turn: boolean;
  queued: number;
}

/** `/quit` on an exec job: an idle one ends now; a busy one after its queue, by its runner. Never sent to the model. */
export async function quitExec(c: Context, id: string): Promise<ExecQuit> {
  const current = await reconcile(c, c.store.read(id));
  if (isFinal(current)) return { id, already_ended: true, status: current.status, closes_after_turn: false, queued: 0 };
  let later = false;
  const r = c.store.update(id, (d) => {
    if (d.runner !== null) {
      enqueue(c.store.layout, id, '/quit');
      later = true;
    } else ended(d, 'closed by /quit', new Date().toISOString());
  });
  return { id, already_ended: false, status: r.status, closes_after_turn: later, queued: later ? pending(c.store.layout, id).length : 0 };
}
