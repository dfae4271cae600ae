// `claude plugin validate --strict` with the real Claude Code CLI: the repo's plugin and marketplace
// manifests pass, and a broken copy fails (so a pass means something).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineClaudeEnv, ROOT, runClaude, type ClaudeResult } from '../support/anthropic-claude.js';

/** What a plugin install copies that validation reads: the manifests and the component folders. */
const PLUGIN_PARTS = ['.claude-plugin', 'commands', 'skills', 'agents', 'hooks', 'bin'];

let tmp: string;
let env: Record<string, string>;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ca-plugin-validate-'));
  env = offlineClaudeEnv({ home: join(tmp, 'home') });
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function validate(target: string, cwd: string): Promise<ClaudeResult> {
  return runClaude(['plugin', 'validate', target, '--strict'], { env, cwd, timeoutMs: 60_000 });
}

function show(r: ClaudeResult): string {
  return `exit ${r.code}\n${r.stdout}\n${r.stderr}`;
}

/** A fresh copy of the plugin, as an install would copy it, with `edit` applied. */
function brokenCopy(name: string, edit: (dir: string) => void): string {
  const dir = join(tmp, name);
  for (const part of PLUGIN_PARTS) {
    if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
  edit(dir);
  return dir;
}

function editJson(file: string, fn: (j: Record<string, unknown>) => void): void {
  const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  fn(j);
  writeFileSync(file, JSON.stringify(j, null, 2));
}

describe('claude plugin validate --strict (real CLI)', () => {
  it('passes the plugin manifest and its components', async () => {
    const r = await validate('.claude-plugin/plugin.json', ROOT);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain('Validating plugin manifest');
    expect(r.stdout).toContain('Validation passed');
    expect(r.stdout).not.toMatch(/Found \d+ (warning|error)/);
  });

  it('passes the marketplace manifest (repo root)', async () => {
    const r = await validate('.', ROOT);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain('Validating marketplace manifest');
    expect(r.stdout).toContain('Validation passed');
    expect(r.stdout).not.toMatch(/Found \d+ (warning|error)/);
  });

  it('passes an unmodified copy (so the failures below come from the edits)', async () => {
    const dir = brokenCopy('pristine', () => {});
    const plugin = await validate('.claude-plugin/plugin.json', dir);
    expect(plugin.code, show(plugin)).toBe(0);
    const market = await validate('.', dir);
    expect(market.code, show(market)).toBe(0);
  });

  const breakages: { name: string; target: string; edit: (dir: string) => void; says: RegExp }[] = [
    {
      name: 'plugin.json without a description (a warning, fatal under --strict)',
      target: '.claude-plugin/plugin.json',
      edit: (d) => editJson(join(d, '.claude-plugin', 'plugin.json'), (j) => void delete j.description),
      says: /description/,
    },
    {
      name: 'plugin.json with author as a string',
      target: '.claude-plugin/plugin.json',
      edit: (d) => editJson(join(d, '.claude-plugin', 'plugin.json'), (j) => void (j.author = 'codex-orchestrator team')),
      says: /author/,
    },
    {
      name: 'hooks.json with a command hook that has no command',
      target: '.claude-plugin/plugin.json',
      edit: (d) =>
        writeFileSync(
          join(d, 'hooks', 'hooks.json'),
          JSON.stringify({ hooks: { SessionStart: [{ matcher: 'startup', hooks: [{ type: 'command' }] }] } }),
        ),
      says: /command/,
    },
    {
      // 2.1.197 also refused an unquoted ": " (frontmatter.test.ts still keeps values quoted);
      // 2.1.332 accepts that, and refuses YAML that does not parse at all.
      name: 'a command whose frontmatter does not parse (an unclosed quote)',
      target: '.claude-plugin/plugin.json',
      edit: (d) => {
        mkdirSync(join(d, 'commands'), { recursive: true });
        writeFileSync(join(d, 'commands', 'zz-broken.md'), '---\ndescription: "Start a job\nallowed-tools: Bash(codex-agent:*)\n---\nRun it.\n');
      },
      says: /frontmatter/i,
    },
    {
      name: 'marketplace.json whose plugin source reaches outside with ../',
      target: '.',
      edit: (d) =>
        editJson(join(d, '.claude-plugin', 'marketplace.json'), (j) => {
          (j.plugins as { source: string }[])[0]!.source = '../elsewhere';
        }),
      says: /source/,
    },
  ];

  it.each(breakages)('fails: $name', async ({ name, target, edit, says }) => {
    const dir = brokenCopy(name.replace(/[^a-z]+/gi, '-').slice(0, 40), edit);
    const r = await validate(target, dir);
    expect(r.code, show(r)).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/Validation failed/);
    expect(r.stdout + r.stderr).toMatch(says);
  });
});
