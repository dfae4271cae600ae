// `send <id> "<message>"`: a follow-up turn. Exec jobs resume their Codex thread; while a turn
// runs, the message waits in the job's queue and runs right after it.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { AgentError, UsageError } from '../errors.js';
import { launchRunner } from '../jobs/launch.js';
import { sendToTui } from '../jobs/tui-send.js';
import { currentTurn } from '../jobs/turn-facts.js';
import { isAlive } from '../proc/tree.js';
import { enqueue, pending } from '../store/queue.js';
import { emit } from './shared.js';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export function registerSend(program: Command, ctx: () => Context): void {
  program
    .command('send')
    .description('send a follow-up: exec jobs queue it as the next turn; interactive jobs get it typed in (steering a running turn)')
    .argument('<id>', 'job id or unique prefix')
    .argument('<message>', 'the message; "-" reads it from stdin')
    .option('--json', 'print JSON')
    .action(async (idArg: string, message: string, opts: { json?: boolean }) => {
      const c = ctx();
      const id = c.store.resolve(idArg);
      const text = message === '-' ? readFileSync(0, 'utf8') : message;
      if (c.store.read(id).mode === 'interactive') {
        emit(opts.json, await sendToTui(c, id, text), (p) =>
          p.held_by_codex
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
    });
}

export interface SendPayload {
  id: string;
  queued: number;
  busy: boolean;
  runner_started: boolean;
}

export async function send(c: Context, id: string, text: string): Promise<SendPayload> {
  if (text.trim() === '') throw new UsageError('the message is empty');
  if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) throw new UsageError('the message is larger than 10 MiB');
  let runnerAlive = false;
  let busy = false;
  const r = c.store.update(id, (d) => {
    if (d.status === 'cancelled') throw new AgentError(`job ${id} was cancelled; start a new job instead`);
    if (d.turns.length > 0 && !d.thread_id && !currentTurn(d)) {
      throw new AgentError(`job ${id} has no Codex thread to resume (its first turn failed before Codex started one)`);
    }
    runnerAlive = d.runner_pid !== null && isAlive(d.runner_pid) && d.turn_state !== 'ended';
    busy = currentTurn(d) !== undefined || d.turns.length === 0;
    // Enqueued under the job lock, so a runner deciding to close sees it.
    enqueue(c.store.layout, id, text);
  });
  let runnerStarted = false;
  if (!runnerAlive) {
    await launchRunner(c, r.id);
    runnerStarted = true;
  }
  return { id, queued: pending(c.store.layout, id).length, busy, runner_started: runnerStarted };
}
