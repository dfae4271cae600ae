// health reports the real tmux and Codex; selftest (the README's main job) passes end to end, with a Gemini round.
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODEX_BIN, CODEX_VERSION, ROOT } from '../support/e2e.js';
import { GEMINI_BIN } from '../support/gemini-mock/e2e.js';

const home = mkdtempSync(join(tmpdir(), 'ca-health-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string>) {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('CODEX_AGENT_')) base[k] = v;
  return execa(process.execPath, [join(ROOT, 'bin', 'codex-agent'), ...args], { env: { ...base, ...env }, extendEnv: false, reject: false, timeout: 120_000 });
}

interface Health {
  ok: boolean;
  tmux: { version: string | null };
  agents: Record<string, { path: string | null; version: string | null; tested_range: string }>;
  checks: { name: string; ok: boolean; warning?: boolean; detail: string }[];
}

describe('health', () => {
  it('finds tmux and the Codex under test (at the version its package names), inside the tested range, and a writable state root', async () => {
    const res = await run(['health', '--json'], { CODEX_AGENT_HOME: join(home, 'a'), CODEX_AGENT_CODEX_BIN: CODEX_BIN });
    expect(res.exitCode).toBe(0);
    const h = JSON.parse(res.stdout) as Health;
    expect(h.ok).toBe(true);
    expect(h.tmux.version).toMatch(/^\d+\.\d+/);
    expect(h.agents.codex).toMatchObject({ path: CODEX_BIN, version: CODEX_VERSION, tested_range: '0.169.x-0.171.x' });
    expect(h.checks.find((c) => c.name === 'codex version')).toMatchObject({ ok: true, warning: false });
    expect(h.checks.map((c) => c.name)).toEqual(['config', 'tmux', 'codex', 'codex version', 'gemini', 'gemini version', 'state root']);
  });

  it('fails, naming the problem, when codex is missing or the config is bad', async () => {
    const missing = await run(['health'], { CODEX_AGENT_HOME: join(home, 'b'), CODEX_AGENT_CODEX_BIN: join(home, 'no-such-codex') });
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toMatch(/^FAIL codex: not found/m);
    const bad = join(home, 'c');
    await execa('mkdir', ['-p', bad]);
    writeFileSync(join(bad, 'config.yaml'), 'sandbox: yolo\n');
    const res = await run(['health', '--json'], { CODEX_AGENT_HOME: bad, CODEX_AGENT_CODEX_BIN: CODEX_BIN });
    expect(res.exitCode).toBe(1);
    const h = JSON.parse(res.stdout) as Health;
    expect(h.checks[0]).toMatchObject({ name: 'config', ok: false });
    expect(h.checks[0]!.detail).toContain('"sandbox"');
  });
});

describe('selftest', () => {
  it('runs a real agent through start, await-turn, send, jobs and kill, and cleans up after itself', async () => {
    const res = await run(['selftest', '--json'], { CODEX_AGENT_CODEX_BIN: CODEX_BIN, CODEX_AGENT_GEMINI_BIN: GEMINI_BIN, CODEX_AGENT_HOME: join(home, 'never-used') });
    const result = JSON.parse(res.stdout) as { ok: boolean; steps: { name: string; ok: boolean; skipped?: boolean; detail: string }[] };
    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(res.exitCode).toBe(0);
    expect(result.steps.map((s) => s.name.split(' ')[0])).toEqual(['health', 'start', 'await-turn', 'send', 'jobs', 'kill', 'interactive:', 'interactive:', 'gemini:']);
    // The Gemini CLI under test is found: its round ran (a real turn against the selftest's own stand-in), not skipped.
    const gemini = result.steps.at(-1)!;
    expect(gemini.skipped).toBeUndefined();
    expect(gemini.detail).toMatch(/^job [0-9a-f]{8}: "Wrote gemini-hello\.txt\.", session [0-9a-f]{8}$/);
    // It ran in its own state root, never the caller's.
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(home, 'never-used'))).toBe(false);
  });
});
