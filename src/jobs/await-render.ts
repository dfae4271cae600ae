// How a wait's results read, for await-turn and start --wait (pure but for reportOne). One job:
// its answer, as ever. Several: each result under a line naming its job, one exit code for all.
import { emit } from '../commands/shared.js';
import { EXIT } from '../errors.js';
import type { AwaitPayload } from './await-many.js';

/** One job's result as text: the answer (the reason, when there is none, goes to stderr). */
export function answerText(p: AwaitPayload): string {
  return p.message ?? (p.outcome === 'completed' ? '(the turn ended without a message)' : '');
}

/** One of several jobs' results: a line naming the job and how its turn ended, then what it said. */
export function labelledText(p: AwaitPayload): string {
  const head = `== ${p.id} ${p.outcome}${p.turn !== null ? ` · turn ${p.turn}` : ''} ==`;
  const body = [p.message ?? (p.outcome === 'completed' ? '(the turn ended without a message)' : null), p.exit_code !== EXIT.ok ? p.error : null];
  return [head, ...body.filter((l): l is string => l !== null && l !== '')].join('\n');
}

/**
 * The exit code of `--all`: 0 when every job's turn completed, else the code of the first job,
 * in the order the ids were given, whose did not.
 */
export function allExitCode(results: AwaitPayload[], ids: string[]): number {
  for (const id of ids) {
    const p = results.find((r) => r.id === id);
    if (p && p.exit_code !== EXIT.ok) return p.exit_code;
  }
  return EXIT.ok;
}

/** The stderr line for results that did not all complete; null when they did. */
export function notCompletedLine(results: AwaitPayload[]): string | null {
  const bad = results.filter((p) => p.exit_code !== EXIT.ok);
  if (bad.length === 0) return null;
  if (results.length === 1) return bad[0]!.error;
  return `${bad.length} of ${results.length} jobs did not complete: ${bad.map((p) => `${p.id} (${p.outcome})`).join(', ')}`;
}

/** Prints one job's result as await-turn always has, and sets the exit code. */
export function reportOne(p: AwaitPayload, json: boolean | undefined): void {
  emit(json, p, answerText);
  if (p.exit_code !== EXIT.ok) {
    if (!json) process.stderr.write(`codex-agent: ${p.error}\n`);
    process.exitCode = p.exit_code;
  }
}
