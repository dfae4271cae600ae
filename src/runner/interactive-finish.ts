// Pure: how an interactive job stands once its agent exited, from how it exited and why.
import { agentExited, agentGone, closedIdle, ended, isFinal, processesStopped, type AgentExit } from '../jobs/lifecycle.js';
import type { JobRecord } from '../store/record.js';

export interface FinishContext {
  /** The runner closed the idle agent, for this reason. */
  closing: string | null;
  /** The last lines of its screen, for a crash's reason. */
  screenTail: string;
}

export function finishInteractive(r: JobRecord, exit: AgentExit, how: FinishContext, now: string): void {
  // Ended before the agent went (kill, or a /quit it did not take): that ending stands.
  const endedBefore = isFinal(r);
  agentExited(r, exit, now);
  if (endedBefore) processesStopped(r);
  // Closed for inactivity: nothing lost, send reopens the thread.
  else if (how.closing) closedIdle(r, how.closing, now);
  // A clean exit nobody here asked for: the agent was quit (send /quit, or a person at its screen).
  else if (exit.code === 0 && exit.signal === null) ended(r, 'the agent was closed (/quit)', now);
  else agentGone(r, `${exit.detail}; the screen shows: ${how.screenTail}`, now);
}
