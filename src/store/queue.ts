// Follow-up messages waiting for a job's runner: one file each, taken oldest first.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './private-fs.js';
import type { Layout } from './layout.js';

let nodeCrypto: typeof import('node:crypto') | undefined;
/** node:crypto, loaded on first use: a command that only reads never pays for loading it. */
function randomBytes(size: number): Buffer {
  nodeCrypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return nodeCrypto.randomBytes(size);
}

const NAME_RE = /^\d{16}-[0-9a-f]{6}\.msg$/;

export function enqueue(layout: Layout, id: string, message: string): string {
  // Microsecond-ish stamp keeps order; the random tail keeps two senders from colliding.
  const stamp = BigInt(Math.floor((performance.timeOrigin + performance.now()) * 1000)).toString().padStart(16, '0');
  const name = `${stamp}-${randomBytes(3).toString('hex')}.msg`;
  writeFileAtomic(join(layout.queueDir(id), name), message);
  return name;
}

export function pending(layout: Layout, id: string): string[] {
  try {
    return readdirSync(layout.queueDir(id)).filter((n) => NAME_RE.test(n)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

function queuedPath(layout: Layout, id: string, name: string): string {
  if (!NAME_RE.test(name)) throw new Error(`refusing to build a path from queue entry "${name}"`);
  return join(layout.queueDir(id), name);
}

/** One queued message by the name `pending` gave. */
export function readQueued(layout: Layout, id: string, name: string): string {
  return readFileSync(queuedPath(layout, id, name), 'utf8');
}

export function removeQueued(layout: Layout, id: string, name: string): void {
  rmSync(queuedPath(layout, id, name), { force: true });
}
