// `capture <id> [lines]` (the last lines of the screen) and `output <id>` (everything it showed).
import type { Context } from '../context.js';
import { captureLines, cleanText, readPaneLog } from '../jobs/pane-text.js';
import { emit } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

/** --clean, or --strip-ansi (the original tool's name for it). */
interface TextOptions {
  clean?: boolean;
  stripAnsi?: boolean;
  json?: boolean;
}

export interface CapturePayload {
  id: string;
  /** Where the text came from: the live pane, or pane.log once the session closed. */
  source: 'tmux' | 'log';
  lines: number;
  clean: boolean;
  text: string;
}

export interface OutputPayload {
  id: string;
  clean: boolean;
  text: string;
}

const DEFAULT_LINES = 50;

/** `capture <id> [lines]`. */
export async function captureCommand(ctx: () => Context, idArg: string, lines: number | undefined, opts: TextOptions): Promise<void> {
  const c = ctx();
  const r = c.store.read(c.store.resolve(idArg));
  const clean = Boolean(opts.clean || opts.stripAnsi);
  const n = lines ?? DEFAULT_LINES;
  const { source, text } = await captureLines(c, r, n, clean);
  emit<CapturePayload>(opts.json, { id: r.id, source, lines: n, clean, text }, (p) => p.text);
}

/** `output <id>`. */
export async function outputCommand(ctx: () => Context, idArg: string, opts: TextOptions): Promise<void> {
  const c = ctx();
  const r = c.store.read(c.store.resolve(idArg));
  const clean = Boolean(opts.clean || opts.stripAnsi);
  const { text } = readPaneLog(c, r.id);
  const payload: OutputPayload = { id: r.id, clean, text: clean ? await cleanText(r, text) : text };
  // The log as it is, byte for byte: no newline added.
  if (!opts.json) process.stdout.write(payload.text);
  else emit(true, payload, () => '');
}
