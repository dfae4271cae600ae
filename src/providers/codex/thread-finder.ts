// Learns which thread an interactive Codex is on: the rollout file its process holds open.
// Side title turns run on other threads and write no rollout, so this names the job's own thread.
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
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

/**
 * Files these processes hold open FOR WRITING: /proc where there is one (Linux), lsof otherwise
 * (macOS). Codex also opens other threads' rollouts read-only (to index its history), so only the
 * writer's file names the process's own thread.
 */
export async function openFilesForWriting(pids: number[]): Promise<string[]> {
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
        const link = `/proc/${pid}/fd/${fd}`;
        // The link's owner-write bit mirrors the open mode: set for O_WRONLY and O_RDWR.
        if ((lstatSync(link).mode & 0o200) !== 0) out.push(readlinkSync(link));
      } catch {
        // Closed while we looked.
      }
    }
  }
  if (procWorked || pids.length === 0) return out;
  const res = await execa('lsof', ['-n', '-P', '-F', 'an', '-p', pids.join(',')], { reject: false, timeout: 10_000, stdin: 'ignore' });
  return writtenFromLsof(`${res.stdout ?? ''}`);
}

/** Pure: paths lsof -F an reports open with write access ("w" or "u"). */
export function writtenFromLsof(output: string): string[] {
  const out: string[] = [];
  let access = '';
  for (const line of output.split('\n')) {
    if (line.startsWith('f')) access = '';
    else if (line.startsWith('a')) access = line.slice(1);
    else if (line.startsWith('n') && (access === 'w' || access === 'u')) out.push(line.slice(1));
  }
  return out;
}

/** The rollout one of these processes writes, skipping threads other jobs already own. */
export async function findOpenRollout(pids: number[], taken: ReadonlySet<string> = new Set()): Promise<string | null> {
  return rolloutPaths(await openFilesForWriting(pids)).find((p) => !taken.has(threadIdOfRollout(p) ?? '')) ?? null;
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
