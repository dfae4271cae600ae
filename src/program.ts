// The command tree: every command's name, arguments, options and help, declared eagerly; each
// action imports its command's module only when it runs. So `--version`, `--help` and a bad flag
// load commander and nothing else, and each command loads only what it uses: the bundle splits
// along these dynamic imports (scripts/bundle-options.json). src/cli.ts runs this tree; the tests
// walk it in-process.
import { Command, Option } from 'commander';
import { intArg, secondsArg } from './commands/shared.js';
import type { Context } from './context.js';
import { VERSION } from './version.js';
import { DEFAULT_PROVIDER, REASONING, SANDBOXES } from './vocabulary.js';

const AWAIT_TIMEOUT_S = 1800;
const MAX_WAIT_S = 7 * 24 * 3600;

type CtxGetter = () => Context;

export function buildProgram(): Command {
  let ctx: Context | undefined;
  /** An action that loads its command's module and runs it with a job context getter first: the
   * module brings `createContext` along (a separate import of src/context.ts would split the
   * bundle into more, smaller chunks, each a file to load); the context is made on first use. */
  const withCtx =
    <M extends { createContext: () => Context }, A extends unknown[]>(load: () => Promise<M>, pick: (m: M) => (c: CtxGetter, ...args: A) => Promise<void> | void) =>
    async (...args: A): Promise<void> => {
      const m = await load();
      await pick(m)(() => (ctx ??= m.createContext()), ...args);
    };
  /** An action that needs no job context. */
  const plain =
    <M, A extends unknown[]>(load: () => Promise<M>, pick: (m: M) => (...args: A) => Promise<void> | void) =>
    async (...args: A): Promise<void> => {
      await pick(await load())(...args);
    };

  const program = new Command('codex-agent')
    .description('Run OpenAI Codex agents in tmux sessions: start, await, steer, read and stop them.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  program
    .command('start')
    .description('start a Codex agent on a task in its own tmux session')
    .argument('[prompt]', 'the task for the agent; "-" reads it from stdin (optional with --prd)')
    .option('-m, --model <model>', 'model (default: your Codex config)')
    .addOption(new Option('-r, --reasoning <level>', 'reasoning effort').choices(REASONING))
    .addOption(new Option('-s, --sandbox <mode>', 'sandbox (default workspace-write); Gemini agents are read-only unless it is given').choices(SANDBOXES))
    .option('-d, --dir <dir>', 'working directory (default: current)')
    .option('--interactive', 'run the Codex TUI, steerable mid-task with send and interrupt')
    .option('--prd <file>', 'put this PRD into the prompt')
    .option('--phase <n>', 'with --prd: only this implementation phase, plus the shared sections', intArg(1, 99))
    .option('--map', 'put the codebase map into the prompt (docs/CODEBASE_MAP.md, else CODEBASE_MAP.md, else docs/ARCHITECTURE.md, in -d)')
    .option('-f, --file <glob>', 'attach the matching files under -d to the prompt (repeatable, ** spans folders; binaries skipped; 256 KiB in all, the rest left out with a note)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--parent-session <id>', 'tag the job with this Claude session (default $CODEX_AGENT_PARENT_SESSION)')
    .option('--provider <name>', `the agent CLI: codex or gemini (default ${DEFAULT_PROVIDER}, or config.yaml's provider)`)
    .option('--dry-run', 'show what would run, start nothing')
    .option('--wait', 'then wait for the turn to end and print the answer, as await-turn (its output and exit codes)')
    .option('--follow', 'then print CODEX_AGENT_TURN_COMPLETE=<id> at each finished turn and CODEX_AGENT_DONE=<id> status=<status> at the end, as watch --turns')
    .option('--timeout <sec>', `with --wait or --follow: give up after this many seconds (default ${AWAIT_TIMEOUT_S} / 3600)`, secondsArg(MAX_WAIT_S))
    .option(
      '--notify-on-complete <command>',
      "run this shell command (through $SHELL) each time the job's status leaves running for completed, failed or cancelled; it gets CODEX_AGENT_JOB_ID, CODEX_AGENT_STATUS, CODEX_AGENT_ERROR",
    )
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/start.js'), (m) => m.startCommand));

  program
    .command('await-turn')
    .description('wait for the next turn of a job (or of several) to finish and print its last agent message')
    .argument('[ids...]', 'job ids or unique prefixes (several need --any or --all)')
    .option('--any', 'several jobs: return at the first finished turn, labelled by job (a job that cannot produce a turn is noted, not waited on)')
    .option('--all', 'several jobs: print each job\'s result once as it arrives, labelled by job')
    .option('--mine', "no ids: this Claude session's jobs that are running or have an unread turn ($CODEX_AGENT_PARENT_SESSION; --any unless --all)")
    .option('--parent-session <id>', 'no ids: the jobs of this Claude session, as --mine')
    .option('--timeout <sec>', `give up after this many seconds, for the whole wait (default ${AWAIT_TIMEOUT_S})`, secondsArg(MAX_WAIT_S))
    .option('--json', 'print JSON: one job, its result; several or --mine, a list of results')
    .addHelpText(
      'after',
      '\nExit codes: 0 turn completed · 4 job ended, or its turn failed or was aborted · 5 context window exhausted · 6 blocked: at start-up, or a tool approval waits for a person · 7 idle: nothing runs or is queued (send a message first) · 124 timed out. --any: the code of the result returned; --all: 0 when every turn completed, else the code of the first job, in the order given, whose did not.',
    )
    .action(
      withCtx(
        () => import('./commands/await-turn.js'),
        (m) => (c: CtxGetter, ids: string[], opts: { timeout?: number; json?: boolean; any?: boolean; all?: boolean; mine?: boolean; parentSession?: string }) =>
          m.awaitTurnCommand(c, ids, { ...opts, timeout: opts.timeout ?? AWAIT_TIMEOUT_S }),
      ),
    );

  program
    .command('send')
    .description('send a follow-up: exec jobs queue it as the next turn; interactive jobs get it typed in (steering a running turn); "/quit" closes the agent')
    .argument('<id>', 'job id or unique prefix')
    .argument('<message>', 'the message; "-" reads it from stdin')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/send.js'), (m) => m.sendCommand));

  program
    .command('interrupt')
    .description('stop the running turn of an interactive job; the agent stays open for more')
    .argument('<id>', 'job id or unique prefix')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/interrupt.js'), (m) => m.interruptCommand));

  program
    .command('status')
    .description('show one job: state, turns, tokens, files changed and why it failed')
    .argument('<id>', 'job id or unique prefix')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/status.js'), (m) => m.statusCommand));

  program
    .command('jobs')
    .description('list jobs: every active one, then recent finished ones up to --limit in all')
    .option('--all', 'list every job on record')
    .option('--limit <n>', 'jobs to list at most, active ones always included (default 20, config list_limit)', intArg(1, 10_000))
    .option('--mine', 'only jobs of this Claude session ($CODEX_AGENT_PARENT_SESSION)')
    .option('--parent-session <id>', 'only jobs of this Claude session')
    .option('--parent <session>', 'the same as --parent-session')
    .option('--json', 'print JSON: per job its state, tokens, files changed and the gist of its last answer (status --json has every field)')
    .action(withCtx(() => import('./commands/jobs.js'), (m) => m.jobsCommand));

  program
    .command('capture')
    .description('print the last lines of a job\'s screen (live tmux pane, or its log once closed)')
    .argument('<id>', 'job id or unique prefix')
    .argument('[lines]', 'how many lines (default 50)', intArg(1, 100_000))
    .option('--clean', 'strip colours and control sequences')
    .option('--strip-ansi', 'the same as --clean')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/output.js'), (m) => m.captureCommand));

  program
    .command('output')
    .description('print everything a job\'s pane showed, from its log')
    .argument('<id>', 'job id or unique prefix')
    .option('--clean', 'strip colours and control sequences')
    .option('--strip-ansi', 'the same as --clean')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/output.js'), (m) => m.outputCommand));

  program
    .command('attach')
    .description('print the tmux command that attaches to a job\'s session')
    .argument('<id>', 'job id or unique prefix')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/attach.js'), (m) => m.attachCommand));

  program
    .command('sessions')
    .description('list the codex-agent tmux sessions and the job each belongs to')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/attach.js'), (m) => m.sessionsCommand));

  program
    .command('watch')
    .description('stream a job\'s output until no turn is running or queued')
    .argument('<id>', 'job id or unique prefix')
    .option('--turns', 'instead of the output: CODEX_AGENT_TURN_COMPLETE=<id> at each finished turn not yet read, CODEX_AGENT_DONE=<id> status=<status> at the end (one line each, for background shells)')
    .option('--timeout <sec>', 'stop after this many seconds (default 3600)', secondsArg(MAX_WAIT_S))
    .option('--json', 'one JSON object a line: {type:"output",text} ... {type:"end"}; with --turns {type:"turn_complete",id,turn,status} ... {type:"done",id,status,exit_code}')
    .addHelpText('after', '\nExit codes with --turns: 0 done normally · 4 the job failed or was cancelled · 5 its last turn hit the context window · 6 blocked at start-up · 124 timed out')
    .action(withCtx(() => import('./commands/watch.js'), (m) => m.watchCommand));

  program
    .command('kill')
    .description('stop a job: Codex and its whole process tree, and its tmux session')
    .argument('<id>', 'job id or unique prefix')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/kill.js'), (m) => m.killCommand));

  program
    .command('delete')
    .description('delete an ended job and its files (--force: also one that send could still resume)')
    .argument('<id>', 'job id or unique prefix')
    .option('--force', 'also delete a job that is idle and could still take a follow-up')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/kill.js'), (m) => m.deleteCommand));

  program
    .command('clean')
    .description('delete ended jobs older than --days (default 7) and close orphaned codex-agent tmux sessions; idle jobs that send could resume stay unless --include-idle')
    .option('--days <n>', 'age in days (0 removes every ended job)', intArg(0, 36_500))
    .option('--include-idle', 'also delete idle jobs that could still take a follow-up')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/clean.js'), (m) => m.cleanCommand));

  program
    .command('health')
    .description('check that tmux and codex are installed and the state root is writable')
    .option('--json', 'print JSON')
    .action(plain(() => import('./commands/health.js'), (m) => m.healthCommand));

  const prd = program.command('prd').description('product requirement documents under docs/prds/');
  prd
    .command('new')
    .description('write docs/prds/<slug>.md from the PRD template and print its path')
    .argument('<title>', 'the PRD title')
    .option('-d, --dir <dir>', 'project folder (default: current)')
    .option('--phases <n>', 'implementation phases to lay out (default 3)', intArg(1, 20))
    .option('--json', 'print JSON')
    .action(plain(() => import('./commands/prd.js'), (m) => m.prdNewCommand));
  prd
    .command('list')
    .description('list the PRDs in docs/prds/ with their status and phases')
    .option('-d, --dir <dir>', 'project folder (default: current)')
    .option('--json', 'print JSON')
    .action(plain(() => import('./commands/prd.js'), (m) => m.prdListCommand));

  program
    .command('recover')
    .description("this Claude session's Codex jobs after compaction: what runs, what finished, what waits, and what to run next")
    .option('--parent-session <id>', 'the Claude session (default $CODEX_AGENT_PARENT_SESSION; without one, every job)')
    .option('--json', 'print JSON')
    .action(withCtx(() => import('./commands/recover.js'), (m) => m.recoverCommand));

  const hook = program.command('hook', { hidden: true }).description('Claude Code hook entry points');
  hook
    .command('session-start')
    .description('SessionStart: tag this session\'s jobs and restore its view of the army')
    .action(plain(() => import('./commands/hook.js'), (m) => m.sessionStartCommand));

  program
    .command('selftest')
    .alias('demo')
    .description('run a real Codex agent through start, await-turn, send, jobs and kill against a local stand-in model')
    .option('--keep', 'keep the temporary state root for inspection')
    .option('--json', 'print JSON only')
    .action(plain(() => import('./commands/selftest.js'), (m) => m.selftestCommand));

  program
    .command('__run', { hidden: true })
    .argument('<id>')
    .action(withCtx(() => import('./commands/run.js'), (m) => m.runCommand));

  program
    .command('__notify', { hidden: true })
    .argument('[id]')
    .argument('[payload]')
    // Codex calls it with whatever it has: no argument, flag or help word may make it fail.
    .allowExcessArguments(true)
    .allowUnknownOption(true)
    .helpOption(false)
    .action(withCtx(() => import('./commands/notify.js'), (m) => m.notifyCommand));

  program
    .command('__hook', { hidden: true })
    .argument('[id]')
    // An agent's hook (payload on stdin): nothing it is given may make it fail.
    .allowExcessArguments(true)
    .allowUnknownOption(true)
    .helpOption(false)
    .action(withCtx(() => import('./commands/notify.js'), (m) => m.hookCommand));

  // Subcommands inherit the silent error output and the override, so one handler reports.
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ outputError: () => undefined });
  return program;
}
