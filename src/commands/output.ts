// `capture <id> [lines]` (the last lines of the screen) and `output <id>` (everything it showed).
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { captureLines, cleanText, readPaneLog } from '../jobs/pane-text.js';
import { intArg } from './shared.js';

export function registerOutput(program: Command, ctx: () => Context): void {
  program
    .command('capture')
    .description('print the last lines of a job\'s screen (live tmux pane, or its log once closed)')
    .argument('<id>', 'job id or unique prefix')
    .argument('[lines]', 'how many lines (default 50)', intArg(1, 100_000))
    .option('--clean', 'strip colours and control sequences')
    .action(async (idArg: string, lines: number | undefined, opts: { clean?: boolean }) => {
      const c = ctx();
      const r = c.store.read(c.store.resolve(idArg));
      const { text } = await captureLines(c, r, lines ?? 50, Boolean(opts.clean));
      process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
    });

  program
    .command('output')
    .description('print everything a job\'s pane showed, from its log')
    .argument('<id>', 'job id or unique prefix')
    .option('--clean', 'strip colours and control sequences')
    .action(async (idArg: string, opts: { clean?: boolean }) => {
      const c = ctx();
      const r = c.store.read(c.store.resolve(idArg));
      const { text } = readPaneLog(c, r.id);
      process.stdout.write(opts.clean ? await cleanText(r, text) : text);
    });
}
