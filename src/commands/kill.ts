// `kill <id>` ends a job (cancelled); `delete <id>` removes a finished job's folder.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { AgentError } from '../errors.js';
import { stopJob } from '../jobs/stop.js';
import { currentTurn } from '../jobs/turn-facts.js';
import { isTerminal } from '../store/record.js';
import { emit } from './shared.js';

export function registerKill(program: Command, ctx: () => Context): void {
  program
    .command('kill')
    .description('stop a job: Codex and its whole process tree, and its tmux session')
    .argument('<id>', 'job id or unique prefix')
    .option('--json', 'print JSON')
    .action(async (idArg: string, opts: { json?: boolean }) => {
      const c = ctx();
      const id = c.store.resolve(idArg);
      const res = await stopJob(c, id, 'killed by user');
      const payload = {
        id,
        status: res.record.status,
        was_active: res.wasActive,
        session_closed: res.sessionClosed,
        survivors: res.survivors,
      };
      emit(opts.json, payload, (p) =>
        p.was_active ? `Killed ${p.id}: status ${p.status}.` : `Job ${p.id} had already ended (${p.status}); its session is closed.`,
      );
      if (res.survivors.length) throw new AgentError(`processes survived SIGKILL: ${res.survivors.join(', ')}`);
    });

  program
    .command('delete')
    .description('delete a job and its files (kill it first if it is running)')
    .argument('<id>', 'job id or unique prefix')
    .action(async (idArg: string) => {
      const c = ctx();
      const id = c.store.resolve(idArg);
      const r = c.store.read(id);
      if (!isTerminal(r.status) || currentTurn(r)) {
        throw new AgentError(`job ${id} is still ${r.status}; run codex-agent kill ${id} first`);
      }
      // A finished job may still have an idle runner waiting for follow-ups: close it first.
      await stopJob(c, id, 'deleted');
      c.store.delete(id);
      process.stdout.write(`Deleted ${id}.\n`);
    });
}
