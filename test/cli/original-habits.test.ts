// The original tool's habits (kingbootoshi/codex-orchestrator): --strip-ansi wherever --clean is,
// --json on every command that prints something, and an unknown flag of theirs says what
// replaces it. The tree is the real one of src/program.ts; the built CLI is in args.test.ts.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { ORIGINAL_FLAGS, unknownOptionLine } from '../../src/errors.js';
import { buildProgram } from '../../src/program.js';

/** Every visible command that does something (not a group like `prd`), by its full name. */
function leaves(c: Command, prefix = ''): [string, Command][] {
  return c
    .createHelp()
    .visibleCommands(c)
    .filter((s) => s.name() !== 'help')
    .flatMap((s) => (s.commands.length ? leaves(s, `${prefix}${s.name()} `) : [[`${prefix}${s.name()}`, s] as [string, Command]]));
}

const has = (c: Command, flag: string) => c.options.some((o) => o.long === flag || o.short === flag);

describe('the command tree', () => {
  const commands = leaves(buildProgram());

  it('has --json on every command that prints something', () => {
    expect(commands.length).toBeGreaterThan(15);
    expect(commands.filter(([, c]) => !has(c, '--json')).map(([name]) => name)).toEqual([]);
  });

  it('takes --strip-ansi wherever it takes --clean', () => {
    const clean = commands.filter(([, c]) => has(c, '--clean')).map(([name]) => name);
    expect(clean).toEqual(expect.arrayContaining(['capture', 'output']));
    expect(commands.filter(([, c]) => has(c, '--clean') && !has(c, '--strip-ansi')).map(([name]) => name)).toEqual([]);
  });

  it('takes --parent <session> on jobs', () => {
    const jobs = commands.find(([name]) => name === 'jobs')![1];
    expect(jobs.options.find((o) => o.long === '--parent')!.flags).toBe('--parent <session>');
  });

  it('names, for each replaced flag of the original tool, a command that exists and a replacement it takes', () => {
    for (const [command, flags] of Object.entries(ORIGINAL_FLAGS)) {
      const c = commands.find(([name]) => name === command)?.[1];
      expect(c, command).toBeDefined();
      for (const hint of Object.values(flags)) {
        for (const named of hint.match(/(?<![\w-])--?[a-z][\w-]*/g) ?? []) expect(has(c!, named), `${command}: ${hint}`).toBe(true);
      }
    }
  });
});

describe('unknownOptionLine', () => {
  it('says what replaces a flag of the original tool', () => {
    expect(unknownOptionLine('--fast', 'start', null, [])).toBe("unknown option '--fast' (use -m <model>)");
    expect(unknownOptionLine('--fast=yes', 'start', null, [])).toBe("unknown option '--fast' (use -m <model>)");
    expect(unknownOptionLine('-w', 'start', null, [])).toBe("unknown option '-w' (use --wait)");
    // Before the near miss commander found: the original's meaning wins.
    expect(unknownOptionLine('--fast', 'start', '--follow', [])).toBe("unknown option '--fast' (use -m <model>)");
  });

  it('otherwise passes on the near miss, or names the commands that take the flag', () => {
    expect(unknownOptionLine('--jsn', 'jobs', '--json', [])).toBe("unknown option '--jsn' (did you mean --json?)");
    expect(unknownOptionLine('--limit', 'status', null, ['jobs'])).toBe("unknown option '--limit' for status (an option of jobs)");
    expect(unknownOptionLine('--strip-ansi', 'status', null, ['capture', 'output'])).toBe("unknown option '--strip-ansi' for status (an option of capture, output)");
    expect(unknownOptionLine('--bogus', 'jobs', null, [])).toBe("unknown option '--bogus'");
    expect(unknownOptionLine('--fast', null, null, [])).toBe("unknown option '--fast'");
  });
});
