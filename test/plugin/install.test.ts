// A newcomer's install: add this repository as a marketplace from a local path, install the
// plugin with the real Claude Code CLI, and run the installed copy with nothing but Node — no
// npm install, no build — the way Claude's Bash tool and hooks will.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineClaudeEnv, ROOT, runClaude } from '../support/anthropic-claude.js';

let tmp: string;
let env: Record<string, string>;
let installed: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ca-install-'));
  // A plain git copy of the committed repository: no node_modules, no build output besides dist/.
  const copy = join(tmp, 'codex-orchestrator');
  await execa('git', ['clone', '--quiet', '--no-hardlinks', ROOT, copy]);
  expect(existsSync(join(copy, 'node_modules'))).toBe(false);
  // Claude Code runs `npm ci` in the installed copy; offline and with an empty cache it installs
  // nothing, which is the point: the plugin must work without node_modules, and no test may
  // reach the registry.
  env = offlineClaudeEnv({ home: join(tmp, 'home'), extra: { npm_config_offline: 'true' } });
  const add = await runClaude(['plugin', 'marketplace', 'add', copy], { env, cwd: tmp });
  expect(add.code, add.stderr + add.stdout).toBe(0);
  const inst = await runClaude(['plugin', 'install', 'codex-orchestrator@codex-orchestrator'], { env, cwd: tmp });
  expect(inst.code, inst.stderr + inst.stdout).toBe(0);
  installed = findInstalled(join(tmp, 'home', '.claude', 'plugins'));
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The installed plugin's folder: the one under plugins/ holding .claude-plugin/plugin.json. */
function findInstalled(dir: string, depth = 0): string {
  if (existsSync(join(dir, '.claude-plugin', 'plugin.json')) && existsSync(join(dir, 'bin'))) return dir;
  if (depth > 6) return '';
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    if (!name.isDirectory() || name.name === 'node_modules' || name.name === '.git') continue;
    const hit = findInstalled(join(dir, name.name), depth + 1);
    if (hit) return hit;
  }
  return '';
}

describe('installed from a local marketplace', () => {
  it('is copied with its components and the committed bundle', () => {
    expect(installed).not.toBe('');
    for (const p of ['bin/codex-agent', 'dist/cli.js', 'hooks/hooks.json', 'skills/codex-orchestrator/SKILL.md', 'commands/codex-start.md', 'agents/codex-dispatcher.md']) {
      expect(existsSync(join(installed, p)), p).toBe(true);
    }
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
  });

  it('runs with only Node: version, health, a hook and a dry-run start', async () => {
    const run = (args: string[], input?: string) =>
      execa(join(installed, 'bin', 'codex-agent'), args, {
        env: { PATH: env.PATH!, HOME: env.HOME!, CODEX_AGENT_HOME: join(tmp, 'state'), CLAUDE_PLUGIN_ROOT: installed, CODEX_AGENT_CODEX_BIN: join(ROOT, 'node_modules', '.bin', 'codex') },
        extendEnv: false,
        reject: false,
        input,
      });
    const v = await run(['--version']);
    expect(v.exitCode, v.stderr).toBe(0);
    const h = await run(['health', '--json']);
    expect((JSON.parse(h.stdout) as { checks: { name: string; ok: boolean }[] }).checks.find((c) => c.name === 'state root')?.ok).toBe(true);
    const hook = await run(['hook', 'session-start'], JSON.stringify({ session_id: 'fresh-session', source: 'startup' }));
    expect(hook.exitCode).toBe(0);
    expect(hook.stdout).toContain('no Codex jobs of this session yet');
    const dry = await run(['start', 'hello', '--dry-run', '--json']);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect((JSON.parse(dry.stdout) as { id: string }).id).toMatch(/^[0-9a-f]{8}$/);
  });
});
