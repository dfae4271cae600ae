// Each command of the built CLI loads only what it uses: which files of dist/ a real run loads,
// and which sources and packages those files hold (esbuild heads each with a `// <path>` line).
// `--version` and a usage error load commander and nothing else; status, jobs and await-turn no
// YAML, no execa, no gray-matter and no other command; the runner and the hook no other command.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobStore } from '../../src/store/job-store.js';
import { makeRecord, tempDir } from '../support/store-record.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');
const bin = join(root, 'bin', 'codex-agent');
const trace = join(root, 'test', 'support', 'load-trace.mjs');

let tmp: { dir: string; cleanup: () => void };
let state: string;
let runs = 0;
const ID = 'abcd1234';
const NOW = new Date().toISOString();

beforeAll(() => {
  tmp = tempDir('codex-agent-lazy-');
  state = join(tmp.dir, 'state');
  // A finished job whose turn nobody has read yet: await-turn returns it at once.
  new JobStore(state).create(
    makeRecord({
      id: ID,
      status: 'completed',
      turn_state: 'idle',
      started_at: NOW,
      completed_at: NOW,
      thread_id: 't-1',
      turns: [{ n: 1, turn_id: null, status: 'completed', started_at: NOW, completed_at: NOW, last_message: 'the answer', error: null, error_kind: null }],
      last_message: 'the answer',
    }),
    'the prompt',
  );
});
afterAll(() => tmp.cleanup());

interface Loaded {
  code: number | undefined;
  stdout: string;
  stderr: string;
  /** dist/ files the run loaded, relative to dist/. */
  files: string[];
  /** What those files hold: `src/...` paths and `node_modules` package names. */
  sources: Set<string>;
  packages: Set<string>;
}

async function run(args: string[], input?: string, home: string = state): Promise<Loaded> {
  const file = join(tmp.dir, `trace-${++runs}.txt`);
  writeFileSync(file, '');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('CODEX_AGENT_')) env[k] = v;
  Object.assign(env, { CODEX_AGENT_HOME: home, CODEX_AGENT_TMUX_SOCKET: `lazy-load-${process.pid}`, LOAD_TRACE_FILE: file });
  const r = await execa(process.execPath, ['--import', trace, bin, ...args], { env, extendEnv: false, reject: false, cwd: tmp.dir, input, timeout: 30_000 });
  const files = readFileSync(file, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith('file:'))
    .map((u) => fileURLToPath(u))
    .filter((p) => p.startsWith(`${dist}/`))
    .map((p) => p.slice(dist.length + 1));
  const sources = new Set<string>();
  const packages = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/^\/\/ (\S+)$/gm)) {
      const path = m[1]!;
      const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
      if (pkg) packages.add(pkg[1]!);
      else if (path.startsWith('src/')) sources.add(path);
    }
  }
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr), files, sources, packages };
}

const commandsIn = (l: Loaded) => [...l.sources].filter((s) => s.startsWith('src/commands/') && s !== 'src/commands/shared.ts').sort();
const HEAVY = ['yaml', 'execa', 'gray-matter', 'js-yaml'];
const NOT_FOR_RUNNERS = ['yaml', 'gray-matter', 'js-yaml'];

describe('what each command of dist/ loads', () => {
  it('--version, --help and a usage error: commander and the command tree, nothing else', async () => {
    for (const args of [['--version'], ['--help'], ['status', '--help'], ['jobs', '--bogus']]) {
      const l = await run(args);
      expect(l.code, `${args.join(' ')}: ${l.stderr}`).toBe(args[1] === '--bogus' ? 2 : 0);
      expect(l.files, args.join(' ')).toContain('cli.js');
      expect([...l.packages], args.join(' ')).toEqual(['commander']);
      expect([...l.sources].sort(), args.join(' ')).toEqual(['src/cli.ts', 'src/commands/shared.ts', 'src/errors.ts', 'src/program.ts', 'src/version.ts', 'src/vocabulary.ts']);
    }
  });

  it('status, jobs and await-turn: no YAML, execa or gray-matter, and no other command', async () => {
    const cases: [string[], string, RegExp][] = [
      [['status', ID], 'src/commands/status.ts', /^job abcd1234: completed/],
      [['status', ID, '--json'], 'src/commands/status.ts', /"id": ?"abcd1234"/],
      [['jobs', '--json'], 'src/commands/jobs.ts', /"jobs": ?\[/],
      [['await-turn', ID], 'src/commands/await-turn.ts', /^the answer$/],
    ];
    for (const [args, command, out] of cases) {
      const l = await run(args);
      expect(l.code, `${args.join(' ')}: ${l.stderr}`).toBe(0);
      expect(l.stdout.trim(), args.join(' ')).toMatch(out);
      expect(commandsIn(l), args.join(' ')).toEqual([command]);
      for (const heavy of HEAVY) expect(l.packages.has(heavy), `${args.join(' ')} loads ${heavy}`).toBe(false);
      // What it does use: the record schema and the store.
      expect(l.packages.has('zod'), args.join(' ')).toBe(true);
      expect(l.sources.has('src/store/job-store.ts'), args.join(' ')).toBe(true);
    }
  });

  it('the runner loads no other command, no YAML and no PRD code', async () => {
    // An invalid id stops it before it runs anything, after its whole static graph loaded.
    const l = await run(['__run', 'nope']);
    expect(l.code).toBe(2);
    expect(l.stderr).toMatch(/invalid job id "nope"/);
    expect(commandsIn(l)).toEqual(['src/commands/run.ts']);
    expect(l.sources.has('src/runner/exec-runner.ts')).toBe(true);
    expect(l.sources.has('src/runner/interactive-runner.ts')).toBe(true);
    for (const heavy of NOT_FOR_RUNNERS) expect(l.packages.has(heavy), `__run loads ${heavy}`).toBe(false);
    expect([...l.sources].filter((s) => s.startsWith('src/prd/') || s.startsWith('src/selftest/') || s.startsWith('src/mock/'))).toEqual([]);
  });

  it('the SessionStart hook loads only the hook and the recover view it shows', async () => {
    const l = await run(['hook', 'session-start'], JSON.stringify({ session_id: 'lazy-session', source: 'startup' }));
    expect(l.code).toBe(0);
    expect(l.stdout).toContain('hookSpecificOutput');
    expect(commandsIn(l).filter((c) => !['src/commands/hook.ts', 'src/commands/recover.ts', 'src/commands/jobs.ts'].includes(c))).toEqual([]);
    expect(commandsIn(l)).toContain('src/commands/hook.ts');
    for (const heavy of NOT_FOR_RUNNERS) expect(l.packages.has(heavy), `the hook loads ${heavy}`).toBe(false);
    // Of the runner's code only what every look at a job uses (its agent's process marker).
    expect([...l.sources].filter((s) => (s.startsWith('src/runner/') && s !== 'src/runner/agent-procs.ts') || s.startsWith('src/prd/') || s.startsWith('src/selftest/'))).toEqual([]);
  });

  it('a config.yaml is read with the YAML parser of dist/vendor/, required only then', async () => {
    const home = join(tmp.dir, 'with-config');
    const store = new JobStore(home);
    for (const id of ['aaaa0001', 'aaaa0002']) store.create(makeRecord({ id, status: 'completed', turn_state: 'idle' }), 'p');
    const count = async () => (JSON.parse((await run(['jobs', '--json'], undefined, home)).stdout) as { jobs: unknown[] }).jobs.length;
    expect(await count()).toBe(2);
    writeFileSync(join(home, 'config.yaml'), '# the default is 20\nlist_limit: 1\n');
    expect(await count()).toBe(1);
    writeFileSync(join(home, 'config.yaml'), 'list_limit: [1\n');
    const bad = await run(['jobs', '--json'], undefined, home);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/config\.yaml: not valid YAML/);
  });

  it('PRD commands do load gray-matter (the detection above can see it)', async () => {
    const l = await run(['prd', 'list']);
    expect(l.code, l.stderr).toBe(0);
    expect(l.packages.has('gray-matter')).toBe(true);
    expect(commandsIn(l)).toEqual(['src/commands/prd.ts']);
  });
});
