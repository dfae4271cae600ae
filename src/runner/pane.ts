// What the runner shows in its tmux pane, also appended to pane.log so output outlives the session.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import type { Layout } from '../store/layout.js';
import { readIfExists } from '../store/private-fs.js';

export class Pane {
  private readonly fd: number;
  constructor(logPath: string, private readonly out: NodeJS.WritableStream = process.stdout) {
    this.fd = openSync(logPath, 'a', 0o600);
  }

  line(text: string): void {
    const data = `${text}\n`;
    this.out.write(data);
    writeSync(this.fd, data);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The screen a runner in this pane showed before (tmux clears it on respawn), once. */
export function takeReplay(layout: Layout, id: string): string | null {
  const path = layout.replayPath(id);
  const text = readIfExists(path);
  if (text !== null) rmSync(path, { force: true });
  return text;
}
