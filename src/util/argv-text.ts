// Arguments exactly as typed, or refused: Node decodes argv as UTF-8 and puts U+FFFD in place of
// bytes that are not UTF-8, without a word. Only runs when an argument holds U+FFFD (src/cli.ts),
// to tell a real U+FFFD from a replaced byte by the bytes the kernel kept.
import { readFileSync } from 'node:fs';
import { UsageError, shown } from '../errors.js';
import { describeBadByte, firstInvalidUtf8, type BadByte } from './utf8.js';

export type ArgvProblem = { index: number; bad: BadByte } | { index: number; unverifiable: true };

/** This process's arguments as bytes (Linux: /proc/self/cmdline), or null where they cannot be read. */
export function rawArgv(): Buffer[] | null {
  try {
    const raw = readFileSync('/proc/self/cmdline');
    const parts: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === 0) {
        parts.push(raw.subarray(start, i));
        start = i + 1;
      }
    }
    return parts;
  } catch {
    return null;
  }
}

/**
 * Pure: the first of `args` (the user's arguments, after node and the script) that holds U+FFFD
 * where its bytes in `raw` (the whole command line) are not UTF-8; or, when `raw` cannot vouch for
 * them, the first that holds U+FFFD at all.
 */
export function argvProblem(args: string[], raw: Buffer[] | null): ArgvProblem | null {
  // node's own options (execArgv) come before the script: the user's arguments are the last ones.
  const mine = raw && raw.length >= args.length ? raw.slice(raw.length - args.length) : null;
  const matches = mine !== null && mine.every((b, i) => b.toString('utf8') === args[i]);
  for (let i = 0; i < args.length; i++) {
    if (!args[i]!.includes('\uFFFD')) continue;
    if (!matches) return { index: i, unverifiable: true };
    const bad = firstInvalidUtf8(mine[i]!);
    if (bad) return { index: i, bad };
  }
  return null;
}

/** Refuses an argument that was not UTF-8 (`argv`: process.argv). */
export function assertArgvText(argv: string[]): void {
  const args = argv.slice(2);
  const p = argvProblem(args, rawArgv());
  if (!p) return;
  const arg = `argument ${p.index + 1} ${shown(args[p.index]!)}`;
  if ('bad' in p) {
    throw new UsageError(`${arg} is not valid UTF-8 (${describeBadByte(p.bad)}): codex-agent takes text and would read U+FFFD in its place; nothing was started or sent (convert it to UTF-8 first)`);
  }
  throw new UsageError(`${arg} holds U+FFFD, which here cannot be told from bytes that are not UTF-8; give that text on stdin ("-") instead`);
}
