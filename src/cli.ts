// Entry point: runs the command tree (src/program.ts) and maps every error to one stderr line and
// an exit code.
import { CommanderError } from 'commander';
import { EXIT, describeError } from './errors.js';
import { buildProgram } from './program.js';

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
