// What the runner shows in its tmux pane, also appended to pane.log so output outlives the session.
import { closeSync, openSync, writeSync } from 'node:fs';

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
