// The short command names in the real Claude Code CLI, headless (`claude -p "/codex-start ..."
// --plugin-dir <repo>`), against the suite's Anthropic stand-in. Claude Code answers to plugin
// commands only by their qualified names; `scripts/install.sh --aliases` (run for real, into a
// private HOME) writes user-level commands that answer to /codex-start, /codex-await and /prd,
// and `--aliases --remove` takes them away again.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineClaudeEnv, parsePrintResult, ROOT, runClaude } from '../support/anthropic-claude.js';
import { startAnthropicMock, type MessagesRequest } from '../support/anthropic-mock.js';

const RUN_TIMEOUT_MS = 90_000;
const ALIASES = [
  { name: 'codex-start', args: 'add a health endpoint' },
  { name: 'codex-await', args: 'a1b2c3d4' },
  { name: 'prd', args: 'Health endpoint --phases 2' },
];

let tmp: string;
let home: string;

interface Turn {
  code: number;
  result: string;
  /** Every text block of the user's turn in the first model request. */
  userTexts: string[];
  /** The whole first request, for listing checks. */
  request: string;
}

/** One `claude -p PROMPT` run against the stand-in; what the first model request carried. */
async function ask(prompt: string): Promise<Turn> {
  const mock = await startAnthropicMock({ respond: () => ({ text: 'ok' }) });
  try {
    const env = offlineClaudeEnv({ home, baseUrl: mock.url, extra: { CODEX_AGENT_HOME: join(tmp, 'state') } });
    const claude = await runClaude(['-p', prompt, '--plugin-dir', ROOT, '--output-format', 'json'], { env, cwd: join(tmp, 'work'), timeoutMs: RUN_TIMEOUT_MS });
    expect(claude.timedOut, claude.stderr).toBe(false);
    const first = mock.messages()[0];
    expect(first, `no model request; stdout: ${claude.stdout.slice(0, 500)}`).toBeDefined();
    const userTexts = (first as MessagesRequest).messages
      .filter((m) => m.role === 'user')
      .flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.filter((b) => b.type === 'text').map((b) => b.text ?? '')));
    return { code: claude.code, result: parsePrintResult(claude).result, userTexts, request: JSON.stringify(first) };
  } finally {
    await mock.close();
  }
}

async function installAliases(args: string[]) {
  const r = await execa('bash', [join(ROOT, 'scripts', 'install.sh'), '--aliases', ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, CLAUDE_CONFIG_DIR: join(home, '.claude') },
    extendEnv: false,
    reject: false,
  });
  expect(r.exitCode, r.stderr).toBe(0);
  return r.stdout;
}

/** The plugin command's first body line with the arguments put in, as Claude Code expands it. */
function expandedFirstLine(name: string, args: string): string {
  const body = matter(readFileSync(join(ROOT, 'commands', `${name}.md`), 'utf8')).content.trim();
  return body.split('\n')[0]!.replace('$ARGUMENTS', args);
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ca-aliases-'));
  home = join(tmp, 'home');
  mkdirSync(join(tmp, 'work'), { recursive: true });
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('short command names (real headless Claude Code)', () => {
  it('without the aliases, /codex-start is not a command', async () => {
    const t = await ask('/codex-start add a health endpoint');
    expect(t.code).toBe(0);
    expect(t.userTexts.join('\n')).toMatch(/starts with the slash command \/codex-start, but no command with that name is available/);
  }, RUN_TIMEOUT_MS);

  it('install.sh --aliases: /codex-start, /codex-await and /prd answer with the plugin command\'s own text', async () => {
    expect(await installAliases([])).toMatch(/^aliases ready: /m);
    for (const { name, args } of ALIASES) {
      const t = await ask(`/${name} ${args}`);
      expect(t.code, t.result).toBe(0);
      const all = t.userTexts.join('\n');
      expect(all, `/${name}`).toContain(`<command-name>/${name}</command-name>`);
      expect(all).toContain(`<command-args>${args}</command-args>`);
      expect(all).not.toMatch(/no command with that name is available/);
      // The expanded body is the plugin command's, arguments in, and it drives codex-agent.
      expect(all).toContain(expandedFirstLine(name, args));
      expect(all).toMatch(/codex-agent /);
      expect(all).not.toContain('$ARGUMENTS');
      // The marker is a YAML comment in the frontmatter: the model never sees it.
      expect(t.request).not.toContain('codex-orchestrator alias');
      // disable-model-invocation, like the plugin's: no listing line in any request.
      expect(t.request).not.toContain(`- ${name}: `);
    }
  }, ALIASES.length * RUN_TIMEOUT_MS);

  it('install.sh --aliases --remove: the short names are gone again', async () => {
    expect(await installAliases(['--remove'])).toMatch(/^alias \/codex-start: removed /m);
    const t = await ask('/codex-start add a health endpoint');
    expect(t.userTexts.join('\n')).toMatch(/no command with that name is available/);
  }, RUN_TIMEOUT_MS);
});
