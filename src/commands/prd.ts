// `prd new "<title>"` writes docs/prds/<slug>.md from the template; `prd list` shows them.
import { relative } from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../errors.js';
import { createPrd, listPrds } from '../prd/files.js';
import { emit, intArg } from './shared.js';

export function registerPrd(program: Command): void {
  const prd = program.command('prd').description('product requirement documents under docs/prds/');
  prd
    .command('new')
    .description('write docs/prds/<slug>.md from the PRD template and print its path')
    .argument('<title>', 'the PRD title')
    .option('-d, --dir <dir>', 'project folder (default: current)')
    .option('--phases <n>', 'implementation phases to lay out (default 3)', intArg(1, 20))
    .option('--json', 'print JSON')
    .action((title: string, opts: { dir?: string; phases?: number; json?: boolean }) => {
      const path = createPrd(opts.dir ?? process.cwd(), title.trim(), opts.phases ?? 3, new Date().toISOString().slice(0, 10));
      emit(opts.json, { path, title: title.trim(), status: 'draft' }, (p) => `PRD written: ${p.path}\nFill in its sections, then: codex-agent start --prd ${p.path} --phase 1`);
    });
  prd
    .command('list')
    .description('list the PRDs in docs/prds/ with their status and phases')
    .option('-d, --dir <dir>', 'project folder (default: current)')
    .option('--json', 'print JSON')
    .action((opts: { dir?: string; json?: boolean }) => {
      const root = opts.dir ?? process.cwd();
      const listed = listPrds(root);
      const prds = listed.flatMap((l) =>
        l.prd ? [{ path: relative(root, l.path), title: l.prd.meta.title, status: l.prd.meta.status, created: l.prd.meta.created, phases: l.prd.meta.phases }] : [],
      );
      const errors = listed.flatMap((l) => (l.error ? [{ path: relative(root, l.path), error: l.error }] : []));
      emit(opts.json, { prds, errors }, (p) =>
        p.prds.length === 0 && p.errors.length === 0
          ? 'No PRDs in docs/prds/. Write one with: codex-agent prd new "<title>"'
          : p.prds.map((x) => `${x.status.padEnd(11)} ${x.created}  ${x.title}  (${x.phases.length} phases)  ${x.path}`).join('\n'),
      );
      for (const e of errors) process.stderr.write(`codex-agent: ${e.error}\n`);
      if (errors.length) process.exitCode = EXIT.usage;
    });
}
