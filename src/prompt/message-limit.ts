// The agent's own limit on one message, checked before anything starts or is queued: past it, Codex
// fails the turn (exec) or leaves the TUI holding an error (interactive), after the job was made.
import { UsageError } from '../errors.js';
import { countChars } from './compose.js';

/** One clear line when `text` is longer than the agent takes; `what`: "the prompt", "the message". */
export function assertFitsAgent(text: string, maxChars: number | undefined, what: string, agent: string): void {
  if (maxChars === undefined || text.length <= maxChars) return; // UTF-16 length >= code points
  const n = countChars(text);
  if (n > maxChars) throw new UsageError(`${what} is ${n} characters; ${agent} takes at most ${maxChars} in one message (split the work, or attach less)`);
}
