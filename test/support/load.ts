// What the load tests check beside the CLI's own output: which processes of a state root still
// run, what the scripted model was asked, and what a Codex thread recorded as user messages.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { newestUserText, TITLE_PROMPT_PREFIX } from '../../src/mock/plan.js';
import type { ModelServer } from '../../src/mock/server.js';
import { findRolloutFile } from '../../src/providers/codex/rollout-file.js';
import { parseRolloutLine } from '../../src/providers/codex/rollout.js';

/**
 * Live processes (not this one) whose environment holds `entry` ("NAME=value"), with their
 * command lines. Linux /proc; a process we may not read is skipped.
 */
export function processesWithEnv(entry: string): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      if (!env.includes(entry)) continue;
      // A zombie only waits to be reaped: it runs nothing.
      if (/\)\s+Z\s/.test(readFileSync(`/proc/${pid}/stat`, 'latin1'))) continue;
      out.push({ pid, cmd: readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim() });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return out;
}

/** How many model requests had `text` in their newest user message (TUI side-title requests left out). */
export function requestsFor(server: ModelServer, text: string): number {
  let n = 0;
  for (const r of server.requests) {
    const newest = newestUserText(r.body);
    if (newest.trimStart().startsWith(TITLE_PROMPT_PREFIX)) continue;
    if (newest.includes(text)) n++;
  }
  return n;
}

/** The texts of a request's user messages, oldest first. */
export function requestUserTexts(body: unknown): string[] {
  const input = (body as { input?: unknown } | null)?.input;
  if (!Array.isArray(input)) return [];
  const texts: string[] = [];
  for (const item of input as { role?: unknown; type?: unknown; content?: unknown }[]) {
    if (item?.role !== 'user' || (item.type !== undefined && item.type !== 'message')) continue;
    const c = item.content;
    if (typeof c === 'string') texts.push(c);
    else if (Array.isArray(c)) texts.push(c.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).join(''));
  }
  return texts;
}

/** The user messages a Codex thread recorded, in order (its rollout file under codexHome). */
export function threadUserMessages(codexHome: string, threadId: string): string[] {
  const file = findRolloutFile(codexHome, threadId);
  if (!file) throw new Error(`no rollout file for thread ${threadId} under ${codexHome}`);
  const texts: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const ev = parseRolloutLine(line);
    if (ev?.kind === 'user_message') texts.push(ev.text);
  }
  return texts;
}

/** JSON.parse that names the command and shows the start of what it could not parse. */
export function parseWhole<T>(what: string, stdout: string): T {
  try {
    return JSON.parse(stdout) as T;
  } catch (err) {
    throw new Error(`${what}: torn or partial JSON (${(err as Error).message}): ${JSON.stringify(stdout.slice(0, 300))}`);
  }
}

/** Median and 95th percentile of a list of numbers (nearest rank). */
export function medianP95(values: number[]): { median: number; p95: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}
