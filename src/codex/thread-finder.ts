// Learns which thread an interactive Codex is on: the rollout file its process holds open.
// Side title turns run on other threads and write no rollout, so this names the job's own thread.
import { readdirSync, readlinkSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { recentRolloutFiles } from './rollout-file.js';
import { parseRolloutLine } from './rollout.js';
import { execa } from 'execa';

const ROLLOUT_RE = /rollout-[^/]*?-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/;

export function threadIdOfRollout(path: string): string | null {
  return ROLLOUT_RE.exec(path)?.[1] ?? null;
}

/** Pure: the rollout files among open-file paths (from /proc or lsof). */
export function rolloutPaths(paths: string[]): string[] {
  // CODEX_HOME may be reached through a symlink (/tmp on macOS), so match the shape, not the prefix.
  return paths.filter((p) => p.includes('/sessions/') && ROLLOUT_RE.test(p));
}

/** Open files of these processes: /proc where there is one (Linux), lsof otherwise (macOS). */
export async function openFiles(pids: number[]): Promise<string[]> {
  const out: string[] = [];
  let procWorked = false;
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
      procWorked = true;
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        out.push(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        // Closed while we looked.
      }
    }
  }
  if (procWorked || pids.length === 0) return out;
  const res = await execa('lsof', ['-n', '-P', '-F', 'n', '-p', pids.join(',')], { reject: false, timeout: 10_000, stdin: 'ignore' });
  for (const line of `${res.stdout ?? ''}`.split('\n')) if (line.startsWith('n')) out.push(line.slice(1));
  return out;
}

export async function findOpenRollout(pids: number[]): Promise<string | null> {
  return rolloutPaths(await openFiles(pids))[0] ?? null;
}

/**
 * Fallback where open files cannot be read: a rollout started after `sinceMs`, by the TUI, in this
 * cwd, whose first user message is the job's prompt. `taken` excludes threads other jobs own.
 */
export async function findRolloutByContent(
  codexHome: string,
  opts: { sinceMs: number; cwd: string; prompt: string; taken: ReadonlySet<string> },
): Promise<string | null> {
  for (const path of await recentRolloutFiles(codexHome)) {
    const thread = threadIdOfRollout(path);
    if (!thread || opts.taken.has(thread)) continue;
    try {
      if ((await stat(path)).mtimeMs < opts.sinceMs) continue;
      const head = (await readFile(path, 'utf8')).split('\n').slice(0, 200);
      let cwdMatches = false;
      for (const line of head) {
        const ev = parseRolloutLine(line);
        if (ev?.kind === 'session_meta') cwdMatches = ev.cwd === opts.cwd && ev.originator === 'codex-tui';
        if (ev?.kind === 'user_message') {
          if (cwdMatches && ev.text.trim() === opts.prompt.trim()) return path;
          break;
        }
      }
    } catch {
      // Unreadable or gone: not ours to claim.
    }
  }
  return null;
}
