// The agent's processes as the runner launches them. An npm-installed `codex` is a Node launcher
// that starts the native program and may die before it: both are tracked, pid and start.
import { closeSync, openSync, readSync } from 'node:fs';
import { refOf, type ProcRef } from '../proc/identity.js';
import { listProcesses } from '../proc/table.js';
import { waitFor } from '../util/wait.js';

const FIND_CHILD_MS = 10_000;

/** In the agent's environment, inherited by everything it starts: how its leftovers are found. */
export function agentMarker(id: string): { name: string; value: string; entry: string } {
  return { name: 'CODEX_AGENT_JOB_ID', value: id, entry: `CODEX_AGENT_JOB_ID=${id}` };
}

/** Pure: a file whose first bytes are "#!" is a script that launches the real program. */
export function isScript(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x23 && head[1] === 0x21;
}

export function isLauncherScript(bin: string): boolean {
  try {
    const fd = openSync(bin, 'r');
    try {
      const head = Buffer.alloc(2);
      readSync(fd, head, 0, 2, 0);
      return isScript(head);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** The launcher's first child (the real agent), waited for with a bound; null when none appears. */
export async function findAgentChild(launcher: ProcRef, stillWanted: () => boolean): Promise<ProcRef | null> {
  const found = await waitFor<{ ref: ProcRef | null }>(
    () => {
      // Nobody waits any more, or the launcher is gone: there is nothing to find.
      if (!stillWanted()) return { ref: null };
      const child = listProcesses().find((p) => p.ppid === launcher.pid && !p.zombie);
      if (child) return { ref: { pid: child.pid, start: child.start } };
      return refOf(launcher.pid)?.start !== launcher.start ? { ref: null } : null;
    },
    { timeoutMs: FIND_CHILD_MS, intervalMs: 10, maxIntervalMs: 250, describe: () => `no child of launcher ${launcher.pid}` },
  ).catch(() => ({ ref: null }));
  return found.ref;
}

/** Tracks a just-spawned agent: its own ref now, the program behind a launcher once it appears. */
export function trackAgent(bin: string, pid: number | undefined, onFound: (refs: ProcRef[]) => void, stillWanted: () => boolean): void {
  const launched = pid === undefined ? null : refOf(pid);
  onFound(launched ? [launched] : []);
  if (!launched || !isLauncherScript(bin)) return;
  void findAgentChild(launched, stillWanted).then((child) => {
    if (child && stillWanted()) onFound([launched, child]);
  });
}

/** Pure: how the agent's process ended, naming the process (`name`: "codex"). */
export function exitDetail(
  name: string,
  res: { exitCode: number | null; signal: string | null },
  launcherPid: number | undefined,
  agentPid: number | undefined,
  agentAliveAtExit: boolean,
  stderrTail: string[] = [],
): string {
  // Stderr is mostly noise (warnings, retries); only a line that says it is an error is kept.
  const said = stderrTail.filter((l) => /^\s*(error\b|fatal\b|thread '.*' panicked)/i.test(l)).at(-1)?.trim().slice(0, 300);
  const because = said ? ` (${said})` : '';
  const who = agentPid !== undefined ? `${name} (pid ${agentPid}, launcher ${launcherPid ?? '?'})` : `${name} (pid ${launcherPid ?? '?'})`;
  if (res.signal !== null) {
    return agentAliveAtExit
      ? `${name}'s launcher (pid ${launcherPid ?? '?'}) was killed by ${res.signal} and ${name} (pid ${agentPid}) then ended${because}`
      : `${who} was killed by ${res.signal}${because}`;
  }
  return `${who} exited with code ${res.exitCode ?? 'unknown'}${because}`;
}
