// Looking at and quitting an interactive job's agent.
import type { Context } from '../context.js';
import type { AgentProvider } from '../providers/types.js';
import { submitText } from '../tmux/tui-input.js';
import { cleanPaneText } from '../util/ansi.js';

/** Quits the agent the way a person would: its quit command on an empty composer. */
export async function quitAgent(ctx: Context, provider: AgentProvider, session: string, id: string): Promise<void> {
  await submitText(ctx.tmux, session, provider.keys.quit, ctx.store.layout.jobDir(id), provider.keys.afterPaste(provider.keys.quit)).catch(() => undefined);
}

/** The visible screen without colours or blank lines, its last 20 lines. */
export async function screenText(ctx: Context, session: string): Promise<string> {
  const text = await ctx.tmux.capturePane(session, {}).catch(() => '');
  return cleanPaneText(text)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-20)
    .join('\n');
}
