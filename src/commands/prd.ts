// `prd new "<title>"` writes docs/prds/<slug>.md from the template; `prd list` shows them.
import { relative } from 'node:path';
import { EXIT } from '../errors.js';
import { createPrd, listPrds } from '../prd/files.js';
import { emit } from './shared.js';

/** `prd new <title>`. */
export function prdNewCommand(title: string, opts: { dir?: string; phases?: number; json?: boolean }): void {
  const path = createPrd(opts.dir ?? process.cwd(), title.trim(), opts.phases ?? 3, new Date().toISOString().slice(0, 10));
  emit(opts.json, { path, title: title.trim(), status: 'draft' }, (p) => `PRD written: ${p.path}\nFill in its sections, then: codex-agent start --prd ${p.path} --phase 1`);
}

/** `prd list`. */
export function prdListCommand(opts: { dir?: string; json?: boolean }): void {
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
}
