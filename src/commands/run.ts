// `__run <id>` (hidden): the runner that lives inside a job's tmux session.
import type { Context } from '../context.js';
import { runnerGone } from '../jobs/lifecycle.js';
import { killRefs } from '../proc/tree.js';
import { agentMarker } from '../runner/agent-procs.js';
import { runExecJob } from '../runner/exec-runner.js';
import { runInteractiveJob } from '../runner/interactive-runner.js';
import { isJobId } from '../store/ids.js';
import { UsageError } from '../errors.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

/** `__run <id>`. */
export async function runCommand(ctx: () => Context, id: string): Promise<void> {
  if (!isJobId(id)) throw new UsageError(`invalid job id "${id}"`);
  const c = ctx();
  // The pane may vanish under us (session killed); a failed write must not crash the runner.
  process.stdout.on('error', () => undefined);
  try {
    const mode = c.store.read(id).mode;
    process.exitCode = mode === 'interactive' ? await runInteractiveJob(c, id) : await runExecJob(c, id);
  } catch (err) {
    // Leave the reason in the record, not only on a screen nobody may be watching.
    const reason = `runner crashed: ${(err as Error).message}`;
    try {
      // Its agent must not run on unwatched, holding the thread.
      const agent = c.store.tryRead(id)?.agent_procs ?? [];
      await killRefs(agent, { graceMs: 2_000, marker: agentMarker(id).entry }).catch(() => undefined);
      c.store.update(id, (r) => runnerGone(r, reason, new Date().toISOString()));
    } catch {
      // The record itself is unreadable: the error below still reaches the pane.
    }
    throw err;
  }
}
