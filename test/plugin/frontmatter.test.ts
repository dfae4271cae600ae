// The plugin's markdown (commands/, agents/, skills/): frontmatter that Claude Code accepts,
// skills that stay small and link only to files that exist, and every `codex-agent ...` they
// tell Claude to run being a real subcommand with real options of the CLI: the command tree of
// src/program.ts, the one the CLI runs, walked in-process.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Command } from 'commander';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildProgram } from '../../src/program.js';
import {
  checkMention,
  cliMentions,
  commandTree,
  flagsOf,
  pluginFiles,
  positionals,
  rawFrontmatter,
  relativeLinks,
  ROOT,
  shellCommands,
  splitMarkdown,
  toolEntries,
  unquotedRiskyValues,
  type CommandNode,
} from './support-plugin.js';

const files = pluginFiles();
const rel = (p: string) => relative(ROOT, p);
const read = (p: string) => readFileSync(p, 'utf8');
const body = (p: string) => matter(read(p)).content;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const tools = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const commandSchema = z
  .object({
    description: z.string().min(1),
    'argument-hint': z.string().min(1).optional(),
    'allowed-tools': tools.optional(),
    model: z.string().min(1).optional(),
    'disable-model-invocation': z.boolean().optional(),
  })
  .strict();

const agentSchema = z
  .object({
    name: z.string().regex(KEBAB),
    description: z.string().min(1),
    tools,
    model: z.enum(['sonnet', 'opus', 'haiku', 'inherit']),
    color: z.string().min(1).optional(),
  })
  .strict();

const skillSchema = z
  .object({
    name: z.string().regex(KEBAB).max(64),
    description: z.string().min(1).max(1536),
    'allowed-tools': tools.optional(),
  })
  .strict();

// Commands that write files (the PRD); every other command only runs the CLI and reads.
const WRITING_COMMANDS = new Set(['prd']);
const COMMAND_TOOLS = new Set(['Bash(codex-agent:*)', 'Read', 'Glob', 'Grep', 'Write', 'Edit']);
const AGENT_TOOLS = new Set(['Bash', 'Read', 'Glob', 'Grep']);

describe('plugin markdown files', () => {
  it('has the commands, agent and skill this plugin ships', () => {
    expect(files.commands.map((p) => basename(p)).sort()).toEqual(
      ['codex-await.md', 'codex-kill.md', 'codex-send.md', 'codex-start.md', 'codex-status.md', 'prd.md'].sort(),
    );
    expect(files.agents.map((p) => basename(p))).toContain('codex-dispatcher.md');
    expect(files.skills.map(rel)).toContain(join('skills', 'codex-orchestrator', 'SKILL.md'));
    for (const p of [...files.commands, ...files.agents, ...files.skills]) expect(statSync(p).isFile(), rel(p)).toBe(true);
  });

  it('quotes every frontmatter value that Claude Code would reject unquoted', () => {
    for (const p of [...files.commands, ...files.agents, ...files.skills]) {
      const lines = rawFrontmatter(read(p));
      expect(lines, `${rel(p)} has no frontmatter`).not.toBeNull();
      expect(unquotedRiskyValues(lines!), rel(p)).toEqual([]);
    }
  });
});

describe('commands/*.md', () => {
  it.each(files.commands.map((p) => [rel(p), p]))('%s: frontmatter schema', (_name, p) => {
    const parsed = commandSchema.safeParse(matter(read(p)).data);
    expect(parsed.success ? [] : parsed.error.issues, rel(p)).toEqual([]);
  });

  it.each(files.commands.map((p) => [rel(p), p]))('%s: allowed-tools limited to what it needs', (_name, p) => {
    const fm = commandSchema.parse(matter(read(p)).data);
    const name = basename(p, '.md');
    expect(fm['allowed-tools'], `${name} needs allowed-tools`).toBeDefined();
    const entries = toolEntries(fm['allowed-tools']!);
    for (const e of entries) expect(COMMAND_TOOLS.has(e), `${name}: ${e} is not a tool this plugin's commands need`).toBe(true);
    if (!WRITING_COMMANDS.has(name)) {
      expect(entries.filter((e) => e === 'Write' || e === 'Edit'), `${name} must not write files`).toEqual([]);
    }
    if (cliMentions(body(p)).length > 0) expect(entries, `${name} runs codex-agent`).toContain('Bash(codex-agent:*)');
  });

  it.each(files.commands.map((p) => [rel(p), p]))('%s: uses its arguments and says how', (_name, p) => {
    const { data, content } = matter(read(p));
    const usesArgs = /\$(ARGUMENTS|\d)\b/.test(content);
    expect(usesArgs, `${rel(p)} ignores $ARGUMENTS`).toBe(true);
    expect(typeof data['argument-hint'], `${rel(p)} takes arguments, so it needs argument-hint`).toBe('string');
  });

  it.each(files.commands.map((p) => [rel(p), p]))('%s: !`...` lines are allowed and cannot fail for a missing session tag', (_name, p) => {
    const fm = commandSchema.parse(matter(read(p)).data);
    const entries = toolEntries(fm['allowed-tools'] ?? []);
    const prefixes = entries.flatMap((e) => /^Bash\((.+):\*\)$/.exec(e)?.[1] ?? []);
    for (const m of body(p).matchAll(/!`([^`]+)`/g)) {
      const cmd = m[1]!.trim();
      expect(prefixes.some((pre) => cmd === pre || cmd.startsWith(`${pre} `)), `${rel(p)}: !\`${cmd}\` is not in allowed-tools`).toBe(true);
      // Without CODEX_AGENT_PARENT_SESSION, `jobs --mine` exits 2 and would abort the command.
      expect(cmd, `${rel(p)}: !\`${cmd}\` can fail`).not.toMatch(/--mine/);
    }
  });

  it('each command drives the CLI for its purpose', () => {
    const subs = (name: string) => new Set(cliMentions(body(join(ROOT, 'commands', `${name}.md`))).map((m) => m.args[0]?.text));
    const want: Record<string, string[]> = {
      'codex-start': ['start', 'await-turn', 'jobs'],
      'codex-await': ['await-turn', 'jobs'],
      'codex-status': ['jobs', 'status'],
      'codex-send': ['send', 'await-turn'],
      'codex-kill': ['kill', 'status', 'jobs'],
      prd: ['prd', 'start'],
    };
    for (const [name, list] of Object.entries(want)) for (const s of list) expect(subs(name), `${name} should run codex-agent ${s}`).toContain(s);
    // The lean loop: no ids waits with `await-turn --mine`, not by listing jobs; several ids with
    // one `await-turn ... --all`; never `status` per job.
    const awaitMd = body(join(ROOT, 'commands', 'codex-await.md'));
    const awaits = cliMentions(awaitMd).filter((m) => m.args[0]?.text === 'await-turn');
    expect(awaits.some((m) => flagsOf(m.args).includes('--mine') && positionals(m.args).length === 1)).toBe(true);
    expect(awaits.some((m) => flagsOf(m.args).includes('--all'))).toBe(true);
    expect(subs('codex-await')).not.toContain('status');
    for (const name of ['codex-start', 'codex-await', 'codex-send']) {
      expect(read(join(ROOT, 'commands', `${name}.md`)), `${name} awaits in the background`).toMatch(/run_in_background/);
    }
  });
});

describe('agents/*.md', () => {
  it.each(files.agents.map((p) => [rel(p), p]))('%s: frontmatter schema, name matches the file', (_name, p) => {
    const parsed = agentSchema.safeParse(matter(read(p)).data);
    expect(parsed.success ? [] : parsed.error.issues, rel(p)).toEqual([]);
    expect(parsed.data?.name).toBe(basename(p, '.md'));
  });

  it.each(files.agents.map((p) => [rel(p), p]))('%s: only forwards work (no editing tools)', (_name, p) => {
    const fm = agentSchema.parse(matter(read(p)).data);
    for (const e of toolEntries(fm.tools)) expect(AGENT_TOOLS.has(e), `${rel(p)}: tool ${e}`).toBe(true);
  });

  it('codex-dispatcher starts, awaits with a bounded timeout, re-awaits on 124 and reads status --json', () => {
    const p = join(ROOT, 'agents', 'codex-dispatcher.md');
    const mentions = cliMentions(body(p));
    const subs = new Set(mentions.map((m) => m.args[0]?.text));
    for (const s of ['start', 'await-turn', 'status']) expect(subs).toContain(s);
    for (const s of ['kill', 'delete', 'clean']) {
      expect(mentions.filter((m) => m.args[0]?.text === s).length, `dispatcher must not run ${s}`).toBe(0);
    }
    const awaits = mentions.filter((m) => m.args[0]?.text === 'await-turn');
    for (const a of awaits) {
      const i = a.args.findIndex((w) => w.text === '--timeout');
      expect(i, `await without --timeout: ${a.source}`).toBeGreaterThan(0);
      // Under the Bash tool's 600 s ceiling, so the call returns 124 instead of being cut off.
      expect(Number(a.args[i + 1]?.text)).toBeLessThan(600);
    }
    expect(mentions.some((m) => m.args[0]?.text === 'status' && flagsOf(m.args).includes('--json'))).toBe(true);
    expect(body(p)).toMatch(/124/);
  });
});

describe('skills/*/SKILL.md', () => {
  it.each(files.skills.map((p) => [rel(p), p]))('%s: frontmatter schema, name matches the folder', (_name, p) => {
    const parsed = skillSchema.safeParse(matter(read(p)).data);
    expect(parsed.success ? [] : parsed.error.issues, rel(p)).toEqual([]);
    expect(parsed.data?.name).toBe(basename(dirname(p)));
  });

  it.each(files.skills.map((p) => [rel(p), p]))('%s: under 500 lines', (_name, p) => {
    expect(read(p).replace(/\n$/, '').split('\n').length).toBeLessThan(500);
  });

  it.each(files.skills.map((p) => [rel(p), p]))('%s: covers the whole loop of the CLI', (_name, p) => {
    const subs = new Set(cliMentions(body(p)).map((m) => m.args[0]?.text));
    for (const s of ['health', 'start', 'await-turn', 'status', 'send', 'interrupt', 'kill', 'jobs', 'recover', 'prd', 'capture', 'attach']) {
      expect(subs, `${rel(p)} never shows codex-agent ${s}`).toContain(s);
    }
    expect(read(p)).toMatch(/run_in_background/);
  });

  it('references sit one level deep, are markdown, and are all linked from SKILL.md', () => {
    for (const ref of files.references) {
      expect(statSync(ref).isFile(), `${rel(ref)} is a folder: keep references one level deep`).toBe(true);
      expect(ref.endsWith('.md'), rel(ref)).toBe(true);
      const skillDir = dirname(dirname(ref));
      const linked = relativeLinks(read(join(skillDir, 'SKILL.md'))).map((t) => resolve(skillDir, t));
      expect(linked, `${rel(ref)} is not linked from SKILL.md`).toContain(ref);
    }
    expect(files.references.length).toBeGreaterThanOrEqual(2);
  });

  it('every relative link in SKILL.md and its references resolves inside the skill, one level deep', () => {
    let checked = 0;
    for (const p of [...files.skills, ...files.references.filter((r) => r.endsWith('.md'))]) {
      const skillDir = basename(p) === 'SKILL.md' ? dirname(p) : dirname(dirname(p));
      for (const target of relativeLinks(read(p))) {
        checked++;
        const abs = resolve(dirname(p), decodeURIComponent(target));
        const inSkill = relative(skillDir, abs);
        expect(inSkill.startsWith('..'), `${rel(p)}: ${target} leaves the skill folder`).toBe(false);
        expect(inSkill.split(sep).length, `${rel(p)}: ${target} is nested deeper than one level`).toBeLessThanOrEqual(2);
        let isFile = false;
        try {
          isFile = statSync(abs).isFile();
        } catch {
          // reported below
        }
        expect(isFile, `${rel(p)}: ${target} does not exist`).toBe(true);
      }
    }
    expect(checked, 'no links found: the link finder is broken').toBeGreaterThanOrEqual(3);
  });

  it('${CLAUDE_PLUGIN_ROOT} paths in commands, agents and skills exist in the plugin', () => {
    for (const p of [...files.commands, ...files.agents, ...files.skills, ...files.references]) {
      for (const m of read(p).matchAll(/\$\{CLAUDE_PLUGIN_ROOT\}\/([\w./-]+)/g)) {
        const target = m[1]!.replace(/[.,;:]+$/, '');
        let exists = false;
        try {
          exists = statSync(join(ROOT, target)).isFile() || statSync(join(ROOT, target)).isDirectory();
        } catch {
          // reported below
        }
        expect(exists, `${rel(p)}: \${CLAUDE_PLUGIN_ROOT}/${target} does not exist`).toBe(true);
      }
    }
  });
});

describe('codex-agent invocations in the markdown', () => {
  const tree = commandTree(buildProgram());
  const all = [...files.commands, ...files.agents, ...files.skills, ...files.references.filter((r) => r.endsWith('.md'))];
  const problemsIn = (t: CommandNode, paths: string[]) => paths.flatMap((p) => cliMentions(body(p)).flatMap((m) => checkMention(m, t).map((x) => `${rel(p)}: ${x}`)));

  it('walks the real command tree, hidden commands and aliases included', () => {
    for (const s of ['start', 'await-turn', 'send', 'interrupt', 'kill', 'status', 'jobs', 'capture', 'output', 'attach', 'watch', 'sessions', 'delete', 'clean', 'health', 'selftest', 'demo', 'recover', 'prd', 'hook', '__run', '__notify']) {
      expect(tree.subcommands.has(s), `the tree lost ${s}`).toBe(true);
    }
    expect([...tree.subcommands.get('prd')!.subcommands.keys()].sort()).toEqual(['list', 'new']);
    expect([...tree.subcommands.get('hook')!.subcommands.keys()]).toEqual(['session-start']);
    expect([...tree.subcommands.get('prd')!.subcommands.get('new')!.options].sort()).toEqual(['--dir', '--json', '--phases', '-d']);
    expect(tree.subcommands.get('start')!.options).toContain('--sandbox');
    expect(tree.subcommands.get('start')!.options).toContain('-s');
    expect(tree.subcommands.get('jobs')!.options).toContain('--mine');
    expect(tree.subcommands.get('await-turn')!.options).toContain('--timeout');
    expect(tree.options).toContain('--version');
    expect(tree.subcommands.has('no-such-command')).toBe(false);
    expect(tree.subcommands.get('status')!.options.has('--mine')).toBe(false);
  });

  it.each(all.map((p) => [rel(p), p]))('%s: every codex-agent command is real', (_name, p) => {
    expect(problemsIn(tree, [p])).toEqual([]);
  });

  it('finds the invocations it checks (the extractor is not silently empty)', () => {
    for (const p of [...files.commands, ...files.agents]) expect(cliMentions(body(p)).length, rel(p)).toBeGreaterThan(0);
    for (const p of files.skills) expect(cliMentions(body(p)).length, rel(p)).toBeGreaterThanOrEqual(15);
  });

  it('fails for the skill once the CLI loses an option or a command it mentions', () => {
    const skill = join(ROOT, 'skills', 'codex-orchestrator', 'SKILL.md');
    expect(problemsIn(tree, [skill])).toEqual([]);

    // `jobs` without --mine: the skill still tells Claude to run `codex-agent jobs --mine`.
    const program = buildProgram();
    const jobs = program.commands.find((c) => c.name() === 'jobs')!;
    const mine = jobs.options.findIndex((o) => o.long === '--mine');
    expect(mine).toBeGreaterThanOrEqual(0);
    (jobs.options as unknown[]).splice(mine, 1);
    const withoutMine = problemsIn(commandTree(program), [skill]);
    expect(withoutMine.length).toBeGreaterThan(0);
    for (const p of withoutMine) expect(p).toMatch(/"jobs" has no option --mine in: codex-agent jobs .*--mine/);

    // No `recover` at all: every mention of it is reported.
    const noRecover = buildProgram();
    (noRecover.commands as unknown[]).splice(noRecover.commands.findIndex((c) => c.name() === 'recover'), 1);
    expect(problemsIn(commandTree(noRecover), [skill])).toContainEqual(expect.stringMatching(/unknown subcommand "recover"/));

    // No `prd list`: the /prd command's mention of it is reported.
    const noList = buildProgram();
    const prd = noList.commands.find((c) => c.name() === 'prd')!;
    (prd.commands as unknown[]).splice(prd.commands.findIndex((c) => c.name() === 'list'), 1);
    expect(problemsIn(commandTree(noList), [join(ROOT, 'commands', 'prd.md')])).toContainEqual(expect.stringMatching(/"prd" needs one of new; got "list"/));
  });
});

describe('the doctrine the plugin teaches', () => {
  const skill = join(ROOT, 'skills', 'codex-orchestrator', 'SKILL.md');
  const templates = join(ROOT, 'skills', 'codex-orchestrator', 'references', 'prompt-templates.md');
  const constraintsBlock = (md: string) => /^CONSTRAINTS\n(?:- .*\n)+/m.exec(md)?.[0];

  it('every codex-agent start the plugin tells Claude to run gives the agent the codebase map', () => {
    const starts = [...files.commands, ...files.agents, ...files.skills, ...files.references]
      .flatMap((p) => cliMentions(body(p)).map((m) => ({ p, m })))
      // A bare `codex-agent start` names the command in prose; anything more launches a job.
      .filter(({ m }) => m.args[0]?.text === 'start' && m.args.length > 1);
    expect(starts.length).toBeGreaterThanOrEqual(6);
    for (const { p, m } of starts) expect(flagsOf(m.args), `${rel(p)}: ${m.source}`).toContain('--map');
  });

  it('the CONSTRAINTS block is the same, word for word, in the skill and the templates, and holds every rule', () => {
    const a = constraintsBlock(read(skill));
    expect(a).toBeDefined();
    expect(constraintsBlock(read(templates))).toBe(a);
    for (const rule of ['simplest valid interpretation', 'read all of it, what it imports and what depends on it', 'conventions', 'Ask nothing the code can answer', 'no UX embellishments']) {
      expect(a, rule).toContain(rule);
    }
    for (const tag of ['CHANGED:', 'WHERE:', 'RISKS:', 'NEXT STEPS:', 'OPEN QUESTIONS:']) {
      expect(read(skill), tag).toContain(`\n${tag}`);
      expect(read(templates), tag).toContain(`\n${tag}`);
    }
  });

  it('the skill\'s loop awaits many jobs in one call and reads the army once, never status per job', () => {
    const mentions = cliMentions(body(skill));
    expect(mentions.some((m) => m.args[0]?.text === 'await-turn' && flagsOf(m.args).includes('--all') && positionals(m.args).length >= 3)).toBe(true);
    expect(mentions.some((m) => m.args[0]?.text === 'jobs' && flagsOf(m.args).includes('--mine') && flagsOf(m.args).includes('--json'))).toBe(true);
    expect(mentions.filter((m) => m.args[0]?.text === 'status' && flagsOf(m.args).includes('--json'))).toEqual([]);
    // The Bash tool's limits, as Claude Code has them: 120 s unless the call sets up to 600000 ms.
    expect(read(skill)).toMatch(/120 seconds/);
    expect(read(skill)).toMatch(/600000/);
  });
});

// The checkers above must be able to fail: feed them known-bad input.
describe('checker self-tests', () => {
  const cli = new Command('x');
  cli.command('jobs').option('--json').option('-a, --all');
  cli.command('prd').command('new').option('--phases <n>');
  const tree = commandTree(cli);
  const problems = (md: string) => cliMentions(md).flatMap((m) => checkMention(m, tree));

  it('flags unknown subcommands, options and prd actions', () => {
    expect(problems('Run `codex-agent bogus 1234`.')).toHaveLength(1);
    expect(problems('Run `codex-agent jobs --nope`.')).toHaveLength(1);
    expect(problems('Run `codex-agent jobs [--limit N]`.')).toHaveLength(1);
    expect(problems('Run `codex-agent prd make "x"`.')).toHaveLength(1);
    expect(problems('```bash\ncodex-agent jobs \\\n  --all --bad\n```')).toHaveLength(1);
    expect(problems('```bash\necho hi | codex-agent nope\n```')).toHaveLength(1);
  });

  it('accepts real ones and ignores quoted text, heredoc bodies and comments', () => {
    expect(problems('`codex-agent jobs --json --all`, the `codex-agent` CLI, `codex-agent prd new "t" --phases 2`')).toEqual([]);
    expect(problems('```bash\ncodex-agent jobs "$(cat <<\'EOF\'\ncodex-agent bogus --x\nEOF\n)" --json\n```')).toEqual([]);
    expect(problems("```bash\ncodex-agent jobs - <<'EOF'\ncodex-agent bogus\nEOF\ncodex-agent jobs # codex-agent nope\n```")).toEqual([]);
    expect(cliMentions('```bash\ncodex-agent jobs - <<\'EOF\'\ncodex-agent bogus\nEOF\ncodex-agent jobs --all\n```')).toHaveLength(2);
  });

  it('splits shell text the way the markdown uses it', () => {
    expect(shellCommands('a -r low|high b | c').map((c) => c.map((w) => w.text))).toEqual([['a', '-r', 'low|high', 'b'], ['c']]);
    expect(splitMarkdown('x `a` y\n```\nb\n```\n').code).toEqual(['b', 'a']);
  });

  it('walks commander trees: short and long flags, nested, hidden and aliased commands', () => {
    const p = new Command('x').option('-v, --verbose');
    p.command('start').option('-m, --model <m>', 'model, see --other').option('--json');
    p.command('selftest').alias('demo').option('--keep');
    p.command('hook', { hidden: true }).command('session-start');
    const t = commandTree(p);
    expect([...t.options].sort()).toEqual(['--verbose', '-v']);
    expect([...t.subcommands.keys()].sort()).toEqual(['demo', 'hook', 'selftest', 'start']);
    expect([...t.subcommands.get('start')!.options].sort()).toEqual(['--json', '--model', '-m']);
    expect(t.subcommands.get('demo')).toBe(t.subcommands.get('selftest'));
    expect([...t.subcommands.get('hook')!.subcommands.keys()]).toEqual(['session-start']);
  });

  it('rejects bad frontmatter', () => {
    expect(commandSchema.safeParse({ description: 'x', colour: 'red' }).success).toBe(false);
    expect(commandSchema.safeParse({ 'argument-hint': '<id>' }).success).toBe(false);
    expect(agentSchema.safeParse({ name: 'Codex_Dispatcher', description: 'x', tools: 'Bash', model: 'haiku' }).success).toBe(false);
    expect(agentSchema.safeParse({ name: 'a', description: 'x', tools: 'Bash', model: 'gpt' }).success).toBe(false);
    expect(skillSchema.safeParse({ name: 'a', description: 'x'.repeat(1537) }).success).toBe(false);
    expect(unquotedRiskyValues(['allowed-tools: Bash(codex-agent:*)', 'description: a: b', 'argument-hint: [id]', 'description: "ok: quoted"', 'name: fine'])).toHaveLength(3);
    expect(relativeLinks('[a](x.md) [b](https://e.com) [c](#top) `[d](no.md)`\n```\n[e](no.md)\n```')).toEqual(['x.md']);
    expect(toolEntries('Bash(codex-agent:*), Read Grep')).toEqual(['Bash(codex-agent:*)', 'Read', 'Grep']);
  });
});
