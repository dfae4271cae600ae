// Entry point: wires the commands and maps every error to one stderr line and an exit code.
import { Command, CommanderError } from 'commander';
import { createContext, type Context } from './context.js';
import { EXIT, describeError } from './errors.js';
import { registerAttach } from './commands/attach.js';
import { registerAwaitTurn } from './commands/await-turn.js';
import { registerClean } from './commands/clean.js';
import { registerHealth } from './commands/health.js';
import { registerInterrupt } from './commands/interrupt.js';
import { registerJobs } from './commands/jobs.js';
import { registerKill } from './commands/kill.js';
import { registerOutput } from './commands/output.js';
import { registerNotify } from './commands/notify.js';
import { registerPrd } from './commands/prd.js';
import { registerRecover } from './commands/recover.js';
import { registerHook } from './commands/hook.js';
import { registerRun } from './commands/run.js';
import { registerSelftest } from './commands/selftest.js';
import { registerSend } from './commands/send.js';
import { registerStart } from './commands/start.js';
import { registerStatus } from './commands/status.js';
import { registerWatch } from './commands/watch.js';
import { VERSION } from './version.js';

export function buildProgram(): Command {
  let ctx: Context | undefined;
  const getCtx = (): Context => (ctx ??= createContext());
  const program = new Command('codex-agent')
    .description('Run OpenAI Codex agents in tmux sessions: start, await, steer, read and stop them.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  registerStart(program, getCtx);
  registerAwaitTurn(program, getCtx);
  registerSend(program, getCtx);
  registerInterrupt(program, getCtx);
  registerStatus(program, getCtx);
  registerJobs(program, getCtx);
  registerOutput(program, getCtx);
  registerAttach(program, getCtx);
  registerWatch(program, getCtx);
  registerKill(program, getCtx);
  registerClean(program, getCtx);
  registerHealth(program);
  registerPrd(program);
  registerRecover(program, getCtx);
  registerHook(program);
  registerSelftest(program);
  registerRun(program, getCtx);
  registerNotify(program, getCtx);
  // Subcommands inherit the silent error output and the override, so one handler reports.
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ outputError: () => undefined });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const debug = process.env.CODEX_AGENT_DEBUG === '1';
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      process.stderr.write(`codex-agent: ${err.message.replace(/^error: /, '')}\n`);
      return EXIT.usage;
    }
    const { line, exitCode, stack } = describeError(err, debug);
    process.stderr.write(`codex-agent: ${line}\n`);
    if (stack) process.stderr.write(`${stack}\n`);
    return exitCode;
  }
}

const code = await main(process.argv);
process.exitCode = code;
