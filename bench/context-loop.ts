// The context bill: the standard loop as the original tool taught it (start 3 agents, await-turn
// each, then `jobs --json`), run for real and counted in bytes, as Claude's Bash tool sees it:
// stdout and stderr piped, both read, and the plugin's session hook having tagged the general
// (CODEX_AGENT_PARENT_SESSION), so every job carries it. `npm run bench -- loop` reports it;
// test/e2e/context-bill.test.ts asserts it. The tasks are realistic in length: a first line as a
// general writes it, then the scripted model's directive (MOCK:REPORT: write a file, answer).
import { execa } from 'execa';
import { applyPatchCommand, type Directive } from '../src/mock/plan.js';

/** The original tool's total for the same loop (its jobs --json carried nulls for tokens, files and summary). */
export const ORIGINAL_LOOP_BYTES = 2_363;

/** The general: a Claude Code session id, as the plugin's SessionStart hook exports it. */
export const LOOP_SESSION = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/**
 * `MOCK:REPORT <relpath> <answer>`: the agent writes <answer> to <relpath> with apply_patch (a
 * file change Codex records), then answers <answer>.
 */
export const REPORT: Directive = (c) => {
  const m = /^(\S+)[ \t]+(.+)$/.exec(c.arg);
  if (!m) return c.fallback();
  if (c.toolOutput !== null) return c.say(m[2]!);
  return c.exec(applyPatchCommand(m[1]!, m[2]!));
};

export type AnswerLength = 'one-line' | '400-char';

interface Task {
  /** What a general writes. */
  brief: string;
  file: string;
  oneLine: string;
  long: string;
}

const TASKS: Task[] = [
  {
    brief: 'Audit src/auth/ for injection and session-fixation bugs; write each finding with file:line and a suggested fix to docs/audit/auth.md.',
    file: 'docs/audit/auth.md',
    oneLine: 'Found 2 issues: raw SQL concatenation in src/auth/login.ts:42 and no session rotation on login.',
    long:
      'Found 2 issues in src/auth. First, src/auth/login.ts:42 builds the lookup by concatenating the email into SQL; use the ' +
      'parameterised helper in src/db/query.ts. Second, the session id is not rotated after login (src/auth/session.ts:88), so ' +
      'a pre-login id survives; call regenerate() before setting userId. Both fixes are small and written up with diffs in ' +
      'docs/audit/auth.md; nothing else changes yet.',
  },
  {
    brief: 'Find the N+1 queries in src/db/repositories/ and fix them with batched loads; run npm test and report what changed and the query counts.',
    file: 'src/db/repositories/orders.ts',
    oneLine: 'Batched the order-items lookup in orders.ts (41 queries down to 2 per page); npm test passes, 212 tests.',
    long:
      'Fixed the N+1 in src/db/repositories/orders.ts: listOrders loaded items one order at a time, 41 queries for a page of ' +
      '40. It now collects the order ids, loads all items with one WHERE order_id IN (...) query and groups them in memory, so ' +
      'a page costs 2 queries. customers.ts and invoices.ts already batch. npm test passes (212 tests); I added a test counting ' +
      'queries for a 40-order page. No new deps.',
  },
  {
    brief: 'Add input validation to src/api/users.ts (email format, name length 1-80, role enum) with zod, and cover the empty-email case in tests.',
    file: 'src/api/users.ts',
    oneLine: 'Validated email, name (1-80 chars) and role with zod in src/api/users.ts; added 3 tests, all pass.',
    long:
      'Added a zod schema to src/api/users.ts: email must parse as an address, name is trimmed and 1-80 characters, role is ' +
      'admin, editor, or viewer. createUser and updateUser now answer 400 with the field errors instead of saving bad rows. ' +
      'Added 3 tests in test/api/users.test.ts (empty email, 81-character name, unknown role); the suite passes. The seed data ' +
      'already conforms, so no migration is required.',
  },
];

/** Every long answer is exactly 400 characters; a test would otherwise measure something else. */
for (const t of TASKS) if (t.long.length !== 400) throw new Error(`context-loop: a 400-char answer has ${t.long.length} characters`);

export interface LoopJob {
  prompt: string;
  file: string;
  answer: string;
}

export function loopJobs(length: AnswerLength): LoopJob[] {
  return TASKS.map((t) => {
    const answer = length === 'one-line' ? t.oneLine : t.long;
    return { prompt: `${t.brief}\nMOCK:REPORT ${t.file} ${answer}`, file: t.file, answer };
  });
}

export interface BilledCommand {
  args: string[];
  exit_code: number;
  stdout_bytes: number;
  stderr_bytes: number;
  stdout: string;
}

export interface LoopBill {
  commands: BilledCommand[];
  total_bytes: number;
  ids: string[];
  jobs: LoopJob[];
}

/** How the loop runs codex-agent: the CLI's entry, its environment and the project folder. */
export interface LoopRunner {
  bin: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

async function billed(r: LoopRunner, args: string[], timeoutMs: number): Promise<BilledCommand> {
  // Buffers, not strings: the bill is in bytes, final newline included.
  const res = await execa(process.execPath, [r.bin, ...args], {
    env: { ...r.env, CODEX_AGENT_PARENT_SESSION: LOOP_SESSION },
    extendEnv: false,
    cwd: r.cwd,
    reject: false,
    encoding: 'buffer',
    stripFinalNewline: false,
    timeout: timeoutMs,
  });
  if (res.timedOut) throw new Error(`context loop: codex-agent ${args[0]} did not finish within ${timeoutMs} ms`);
  const stdout = Buffer.from(res.stdout);
  const stderr = Buffer.from(res.stderr);
  return { args, exit_code: res.exitCode ?? -1, stdout_bytes: stdout.length, stderr_bytes: stderr.length, stdout: stdout.toString('utf8') };
}

/** Runs the loop once, in `r.cwd`, with a fresh state root; fails on any non-zero exit. */
export async function runLoop(r: LoopRunner, length: AnswerLength): Promise<LoopBill> {
  const jobs = loopJobs(length);
  const commands: BilledCommand[] = [];
  const ok = (c: BilledCommand): BilledCommand => {
    commands.push(c);
    if (c.exit_code !== 0) throw new Error(`context loop: codex-agent ${c.args[0]} exited ${c.exit_code}: ${c.stdout.slice(0, 300)}`);
    return c;
  };
  const ids: string[] = [];
  for (const j of jobs) {
    const c = ok(await billed(r, ['start', j.prompt], 60_000));
    const m = /^Job started: ([0-9a-f]{8})$/m.exec(c.stdout);
    if (!m) throw new Error(`context loop: start printed no job id: ${c.stdout.slice(0, 200)}`);
    ids.push(m[1]!);
  }
  for (const id of ids) ok(await billed(r, ['await-turn', id], 120_000));
  ok(await billed(r, ['jobs', '--json'], 60_000));
  return { commands, total_bytes: commands.reduce((s, c) => s + c.stdout_bytes + c.stderr_bytes, 0), ids, jobs };
}

/** One line per command: what it printed, in bytes. */
export function billLines(bill: LoopBill): string[] {
  return bill.commands.map((c) => {
    const label = c.args[0] === 'start' ? 'start "<task>"' : c.args[0] === 'await-turn' ? 'await-turn <id>' : c.args.join(' ');
    return `${label.padEnd(16)} ${String(c.stdout_bytes + c.stderr_bytes).padStart(5)} B${c.stderr_bytes ? ` (${c.stderr_bytes} on stderr)` : ''}`;
  });
}
