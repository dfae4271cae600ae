// `interrupt <id>`: stops an interactive job's current turn (Escape); the agent stays open.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { interruptTui } from '../jobs/tui-send.js';
import { emit } from './shared.js';

export function registerInterrupt(program: Command, ctx: () => Context): void {
  program
    .command('interrupt')
    .description('stop the running turn of an interactive job; the agent stays open for more')
    .argument('<id>', 'job id or unique prefix')
    .option('--json', 'print JSON')
    .action(async (idArg: string, opts: { json?: boolean }) => {
      const c = ctx();
      const id = c.store.resolve(idArg);
      if (c.store.read(id).mode !== 'interactive') {
        throw new UsageError(`job ${id} runs in exec mode, which has no turn to interrupt; use codex-agent kill ${id}`);
      }
      emit(opts.json, await interruptTui(c, id), (p) =>
        p.interrupted ? `Interrupted turn ${p.turn} of ${p.id}; the agent is waiting for instructions.` : `Job ${p.id} has no running turn.`,
      );
    });
}
