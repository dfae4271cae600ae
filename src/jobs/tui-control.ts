// Looking at and quitting an interactive job's TUI.
import type { Context } from '../context.js';
import { submitText } from '../tmux/tui-input.js';
import { cleanPaneText } from '../util/ansi.js';

/** Quits Codex the way a person would: /quit on an empty composer. */
export async function quitCodex(ctx: Context, session: string, id: string): Promise<void> {
  await submitText(ctx.tmux, session, '/quit', ctx.store.layout.jobDir(id)).catch(() => undefined);
}

export async function screenText(ctx: Context, session: string): Promise<string> {
  const text = await ctx.tmux.capturePane(session, {}).catch(() => '');
  return cleanPaneText(text)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-20)
    .join('\n');
}

