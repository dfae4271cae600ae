// The index that keeps listing O(active + limit): a marker file per active job and an
// append-only log of ids in creation order, read backwards.
import { closeSync, existsSync, fstatSync, openSync, readSync, readdirSync, rmSync } from 'node:fs';
import { appendLine, writeFileAtomic } from './private-fs.js';
import { isJobId } from './ids.js';
import type { Layout } from './layout.js';

export function markActive(layout: Layout, id: string, active: boolean): void {
  const marker = layout.activeMarker(id);
  if (active) {
    if (!existsSync(marker)) writeFileAtomic(marker, '');
  } else {
    rmSync(marker, { force: true });
  }
}

export function activeIds(layout: Layout): string[] {
  try {
    return readdirSync(layout.activeDir).filter(isJobId);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

export function appendHistory(layout: Layout, id: string): void {
  appendLine(layout.historyLog, id);
}

/** Yields ids newest first, reading the log from its end in chunks. */
export function* historyNewestFirst(layout: Layout): Generator<string> {
  let fd: number;
  try {
    fd = openSync(layout.historyLog, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    let pos = fstatSync(fd).size;
    let carry = '';
    const chunk = Buffer.alloc(8192);
    while (pos > 0) {
      const len = Math.min(chunk.length, pos);
      pos -= len;
      readSync(fd, chunk, 0, len, pos);
      const text = chunk.toString('latin1', 0, len) + carry;
      const lines = text.split('\n');
      carry = lines.shift() ?? '';
      for (let i = lines.length - 1; i >= 0; i--) {
        const line = lines[i]!.trim();
        if (isJobId(line)) yield line;
      }
    }
    if (isJobId(carry.trim())) yield carry.trim();
  } finally {
    closeSync(fd);
  }
}

/** Rewrites the log without the given ids (caller holds the index lock). */
export function pruneHistory(layout: Layout, removed: ReadonlySet<string>): void {
  const kept = [...historyNewestFirst(layout)].reverse().filter((id) => !removed.has(id));
  writeFileAtomic(layout.historyLog, kept.length ? `${kept.join('\n')}\n` : '');
}
