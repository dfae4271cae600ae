// Reads a thread's rollout file incrementally: each poll returns the records appended since the last.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { findRolloutFile } from './rollout-file.js';
import { parseRolloutLine, type RolloutEvent } from './rollout.js';

export class RolloutFollower {
  private path: string | null = null;
  private offset = 0;
  private carry: Buffer = Buffer.alloc(0);

  /**
   * `knownPath` skips the search when the caller already knows the file (interactive jobs);
   * `offset` starts reading there (a resumed thread's earlier records are already in the record).
   */
  constructor(private readonly codexHome: string, private readonly threadId: string, knownPath?: string, offset = 0) {
    this.path = knownPath ?? null;
    this.offset = offset;
  }

  get file(): string | null {
    return this.path;
  }

  /** What was appended since the last read ([] while the file does not exist yet). */
  readNew(): RolloutEvent[] {
    this.path ??= findRolloutFile(this.codexHome, this.threadId);
    if (!this.path) return [];
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return [];
    }
    try {
      const size = fstatSync(fd).size;
      if (size <= this.offset) return [];
      const buf = Buffer.alloc(size - this.offset);
      readSync(fd, buf, 0, buf.length, this.offset);
      this.offset = size;
      // Split on the last newline byte so a multi-byte character is never cut in two.
      const all = Buffer.concat([this.carry, buf]);
      const end = all.lastIndexOf(0x0a);
      this.carry = Buffer.from(all.subarray(end + 1));
      const lines = end < 0 ? [] : all.subarray(0, end).toString('utf8').split('\n');
      const events: RolloutEvent[] = [];
      for (const line of lines) {
        const ev = parseRolloutLine(line);
        if (ev) events.push(ev);
      }
      return events;
    } finally {
      closeSync(fd);
    }
  }
}
