// The SessionStart hook's pure parts: reading Claude's input and shaping what goes back.
import * as z from 'zod';
import { SESSION_ID_RE } from '../config.js';

const inputSchema = z.object({
  session_id: z.string().regex(SESSION_ID_RE),
  source: z.string().optional(),
  hook_event_name: z.string().optional(),
});

export type HookInput = z.infer<typeof inputSchema>;

export function parseHookInput(text: string): HookInput | { error: string } {
  if (text.trim() === '') return { error: 'no hook input on stdin' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'hook input is not JSON' };
  }
  const parsed = inputSchema.safeParse(json);
  if (!parsed.success) return { error: `hook input has no usable ${parsed.error.issues[0]?.path.join('.') || 'fields'}` };
  return parsed.data;
}

/** Sources after which Claude has lost (compact) or may lack (resume) its picture of the army. */
export function wantsRecovery(source: string | undefined): boolean {
  return source === 'compact' || source === 'resume';
}

export function envFileLine(sessionId: string): string {
  // The id matched SESSION_ID_RE, so it needs no quoting in the sourced file.
  return `export CODEX_AGENT_PARENT_SESSION=${sessionId}\n`;
}

export function hookOutput(context: string): string {
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: context } });
}
