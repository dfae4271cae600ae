// `capture <id> [lines]` (the last lines of the screen) and `output <id>` (everything it showed).
import type { Context } from '../context.js';
import { captureLines, cleanText, readPaneLog } from '../jobs/pane-text.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

/** `capture <id> [lines]`. */
export async function captureCommand(ctx: () => Context, idArg: string, lines: number | undefined, opts: { clean?: boolean }): Promise<void> {
  const c = ctx();
  const r = c.store.read(c.store.resolve(idArg));
  const { text } = await captureLines(c, r, lines ?? 50, Boolean(opts.clean));
  process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

/** `output <id>`. */
export async function outputCommand(ctx: () => Context, idArg: string, opts: { clean?: boolean }): Promise<void> {
  const c = ctx();
  const r = c.store.read(c.store.resolve(idArg));
  const { text } = readPaneLog(c, r.id);
  process.stdout.write(opts.clean ? await cleanText(r, text) : text);
}
