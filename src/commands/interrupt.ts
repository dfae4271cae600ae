// `interrupt <id>`: stops an interactive job's current turn (Escape); the agent stays open.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { interruptTui } from '../jobs/tui-send.js';
import { emit } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

/** `interrupt <id>`. */
export async function interruptCommand(ctx: () => Context, idArg: string, opts: { json?: boolean }): Promise<void> {
  const c = ctx();
  const id = c.store.resolve(idArg);
  if (c.store.read(id).mode !== 'interactive') {
    throw new UsageError(`job ${id} runs in exec mode, which has no turn to interrupt; use codex-agent kill ${id}`);
  }
  emit(opts.json, await interruptTui(c, id), (p) =>
    p.interrupted ? `Interrupted turn ${p.turn} of ${p.id}; the agent is waiting for instructions.` : `Job ${p.id} has no running turn.`,
  );
}
