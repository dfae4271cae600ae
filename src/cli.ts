// Entry point: runs the command tree (src/program.ts) and maps every error to one stderr line and
// an exit code.
import { type Command, CommanderError } from 'commander';
import { EXIT, UsageError, describeError, errorLine, shown, unknownOptionLine } from './errors.js';
import { buildProgram } from './program.js';

export async function main(argv: string[]): Promise<number> {
  const debug = process.env.CODEX_AGENT_DEBUG === '1';
  const program = buildProgram();
  // The hidden entry points (__run, __notify) are called by codex-agent and Codex, not typed.
  const typed = !argv[2]?.startsWith('__');
  if (typed) program.hook('preAction', (_hooked, action) => refuseEmptyOptions(action));
  try {
    // Bytes that are not UTF-8 reach us as U+FFFD: only then are the raw arguments read.
    if (typed && argv.some((a) => a.includes('\uFFFD'))) (await import('./util/argv-text.js')).assertArgvText(argv);
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      process.stderr.write(`codex-agent: ${errorLine(shortenEchoes(usageLine(program, argv.slice(2), err), argv.slice(2)))}\n`);
      return EXIT.usage;
    }
    const { line, exitCode, stack } = describeError(err, debug);
    process.stderr.write(`codex-agent: ${line}\n`);
    if (stack) process.stderr.write(`${stack}\n`);
    return exitCode;
  }
}

/**
 * An option given an empty (or blank) value would silently mean its default (`-d ""` the current
 * folder, `--prd ""` no PRD): refused, naming the option.
 */
function refuseEmptyOptions(action: Command): void {
  for (const o of action.options) {
    const v: unknown = action.getOptionValue(o.attributeName());
    const blank = (x: unknown): boolean => typeof x === 'string' && x.trim() === '';
    if (blank(v) || (Array.isArray(v) && v.some(blank))) {
      const name = [o.short, o.long].filter(Boolean).join('/');
      throw new UsageError(`${name}: the value is empty; give one, or leave ${o.long ?? o.short} out`);
    }
  }
}

/** Commander quotes what it was given: a long argument is cut where it is echoed. */
function shortenEchoes(line: string, args: string[]): string {
  let out = line;
  for (const a of new Set(args)) {
    if (a.length > 60) out = out.split(a).join(shown(a, 40).slice(1, -1));
  }
  return out;
}

/** Commander's message on one line; an unknown option also says what to use instead. */
function usageLine(program: Command, args: string[], err: CommanderError): string {
  const message = err.message.replace(/^error: /, '');
  const unknown = err.code === 'commander.unknownOption' ? /unknown option '([^']+)'/.exec(message) : null;
  if (!unknown) return message.replace(/\s*\n\s*/g, ' ');
  const suggestion = /\(Did you mean (\S+)\?\)/.exec(message)?.[1] ?? null;
  const flag = unknown[1]!.replace(/=.*$/s, '');
  // The command it was given to: the words of argv that name commands, from the top.
  let cmd = program;
  for (const a of args) {
    if (a.startsWith('-')) continue;
    const sub = cmd.commands.find((c) => c.name() === a || c.aliases().includes(a));
    if (!sub) break;
    cmd = sub;
  }
  const path: string[] = [];
  for (let c: Command | null = cmd; c && c !== program; c = c.parent) path.unshift(c.name());
  const elsewhere: string[] = [];
  const walk = (c: Command, prefix: string): void => {
    for (const sub of c.createHelp().visibleCommands(c)) {
      const name = `${prefix}${sub.name()}`;
      if (sub.options.some((o) => o.long === flag || o.short === flag)) elsewhere.push(name);
      walk(sub, `${name} `);
    }
  };
  walk(program, '');
  return unknownOptionLine(flag, path.length ? path.join(' ') : null, suggestion, elsewhere);
}

const code = await main(process.argv);
process.exitCode = code;
