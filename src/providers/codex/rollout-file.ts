// Locates a thread's rollout file under $CODEX_HOME/sessions/YYYY/MM/DD/.
import { readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isThreadId(s: string): boolean {
  return UUID_RE.test(s);
}

// Numeric child folders of `dir` with exactly `width` digits, newest (largest) first.
function datedDirsSync(dir: string, width: number): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const re = new RegExp(`^\\d{${width}}$`);
  return names.filter((n) => re.test(n)).sort().reverse();
}

async function datedDirs(dir: string, width: number): Promise<string[]> {
  return datedDirsSync(dir, width);
}

/** Synchronous on purpose: a runner closing a turn reads the rollout's tail at once. */
export function findRolloutFile(codexHome: string, threadId: string): string | null {
  // Refuse anything but a UUID so the id can never steer the path.
  if (!isThreadId(threadId)) return null;
  const suffix = `-${threadId.toLowerCase()}.jsonl`;
  const root = join(codexHome, 'sessions');
  for (const y of datedDirsSync(root, 4)) {
    for (const m of datedDirsSync(join(root, y), 2)) {
      for (const d of datedDirsSync(join(root, y, m), 2)) {
        const day = join(root, y, m, d);
        let files: string[];
        try {
          files = readdirSync(day);
        } catch {
          continue;
        }
        const hit = files.filter((f) => f.startsWith('rollout-') && f.toLowerCase().endsWith(suffix)).sort().at(-1);
        if (hit) return join(day, hit);
      }
    }
  }
  return null;
}

/** Rollout files in the newest `days` day folders, newest folder first. */
export async function recentRolloutFiles(codexHome: string, days = 2): Promise<string[]> {
  const root = join(codexHome, 'sessions');
  const out: string[] = [];
  let seen = 0;
  for (const y of await datedDirs(root, 4)) {
    for (const m of await datedDirs(join(root, y), 2)) {
      for (const d of await datedDirs(join(root, y, m), 2)) {
        if (seen++ >= days) return out;
        const day = join(root, y, m, d);
        try {
          out.push(...(await readdir(day)).filter((f) => f.startsWith('rollout-') && f.endsWith('.jsonl')).map((f) => join(day, f)));
        } catch {
          // Vanished while listing.
        }
      }
    }
  }
  return out;
}
