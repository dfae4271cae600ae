// `__run <id>` (hidden): the runner that lives inside a job's tmux session.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { runExecJob } from '../runner/exec-runner.js';
import { isJobId } from '../store/ids.js';
import { UsageError } from '../errors.js';

export function registerRun(program: Command, ctx: () => Context): void {
  program
    .command('__run', { hidden: true })
    .argument('<id>')
    .action(async (id: string) => {
      if (!isJobId(id)) throw new UsageError(`invalid job id "${id}"`);
      const c = ctx();
      process.exitCode = await runExecJob(c.config.home, id);
    });
}
