// Reads a file of lines as it grows: each call returns what was appended since the last, parsed.
// The file may appear later than the follower (`locate` is asked until it answers).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export class LineFollower<T> {
  private path: string | null;
  private offset: number;
  private carry: Buffer = Buffer.alloc(0);

  /** `offset` starts reading there (records before it are known already). */
  constructor(
    private readonly locate: () => string | null,
    private readonly parse: (line: string) => T[],
    knownPath?: string,
    offset = 0,
  ) {
    this.path = knownPath ?? null;
    this.offset = offset;
  }

  get file(): string | null {
    return this.path;
  }

  /** What was appended since the last read ([] while the file does not exist yet). */
  readNew(): T[] {
    this.path ??= this.locate();
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
      return lines.flatMap((line) => this.parse(line));
    } finally {
      closeSync(fd);
    }
  }
}
