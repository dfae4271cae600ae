// Runs one exec turn of the agent as a child process and streams its events to the caller.
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import type { AgentEvent } from '../providers/types.js';

export interface ExecTurnResult {
  exitCode: number | null;
  signal: string | null;
  stderrTail: string[];
}

export interface ExecTurnRun {
  pid: number | undefined;
  /** Settles when the spawned process exits (its output may still flow from what it started). */
  exited: Promise<void>;
  /** Settles when the process has exited and its output has ended. */
  done: Promise<ExecTurnResult>;
}

export interface ExecTurnHandlers {
  /** The provider's reading of one stdout line. */
  parse(line: string): AgentEvent[];
  /** Each line as it came, then its events. */
  onLine(raw: string, events: AgentEvent[]): void;
  onStderr(line: string): void;
}

export function startExecTurn(
  bin: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; input: string },
  handlers: ExecTurnHandlers,
): ExecTurnRun {
  const child = execa(bin, args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    input: opts.input,
    reject: false,
    buffer: false,
    // Its own process group, so kill can end Codex and everything it spawned together.
    detached: true,
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const stderrTail: string[] = [];
  const outDone = new Promise<void>((resolve) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      if (line.trim() !== '') handlers.onLine(line, handlers.parse(line));
    });
    rl.on('close', resolve);
  });
  const errDone = new Promise<void>((resolve) => {
    const rl = createInterface({ input: child.stderr! });
    rl.on('line', (line) => {
      if (!line.trim()) return;
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
      handlers.onStderr(line);
    });
    rl.on('close', resolve);
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const done = (async () => {
    const result = await child;
    await Promise.all([outDone, errDone]);
    return { exitCode: result.exitCode ?? null, signal: result.signal ?? null, stderrTail };
  })();
  return { pid: child.pid, exited, done };
}
