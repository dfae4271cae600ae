// What the runner shows in its tmux pane, also appended to pane.log so output outlives the session.
import { rmSync } from 'node:fs';
import type { Layout } from '../store/layout.js';
import { appendLine, readIfExists } from '../store/private-fs.js';

const clock = (iso: string): string => iso.slice(11, 19);

/**
 * A log appended line by line that never fails the runner: lines it cannot write (the state root
 * is full or read-only) are counted, and once it can write again a line says what is missing.
 * Each line goes in whole or not at all.
 */
export class AppendLog {
  private missed = 0;
  private since: string | null = null;

  constructor(
    readonly path: string,
    private readonly gap: (lines: number, from: string, to: string) => string,
  ) {}

  /** False when the line could not be written (it is counted as missing). */
  append(line: string): boolean {
    try {
      if (this.missed > 0) {
        appendLine(this.path, this.gap(this.missed, this.since!, new Date().toISOString()));
        this.missed = 0;
        this.since = null;
      }
      appendLine(this.path, line);
      return true;
    } catch {
      this.missed++;
      this.since ??= new Date().toISOString();
      return false;
    }
  }
}

export class Pane {
  private readonly log: AppendLog;
  constructor(
    logPath: string,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {
    this.log = new AppendLog(
      logPath,
      (n, from, to) => `codex-agent: pane.log misses ${n} line(s) from ${clock(from)} to ${clock(to)}: the state root could not take them (the tmux pane showed them)`,
    );
  }

  line(text: string): void {
    this.out.write(`${text}\n`);
    this.log.append(text);
  }

  close(): void {
    // Nothing held open: each line is its own append.
  }
}

/** The screen a runner in this pane showed before (tmux clears it on respawn), once. */
export function takeReplay(layout: Layout, id: string): string | null {
  const path = layout.replayPath(id);
  const text = readIfExists(path);
  if (text !== null) {
    try {
      rmSync(path, { force: true });
    } catch {
      // A read-only root: shown again next time, which is harmless.
    }
  }
  return text;
}
