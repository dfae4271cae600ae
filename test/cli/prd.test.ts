// PRDs through the real CLI: prd new / prd list, and start --prd [--phase] (dry run shows the prompt).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const project = mkdtempSync(join(tmpdir(), 'ca-prd-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const cli = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [join(ROOT, 'bin', 'codex-agent'), ...args], {
    cwd: project,
    reject: false,
    env: { CODEX_AGENT_HOME: join(project, '.state'), CODEX_AGENT_CODEX_BIN: join(ROOT, 'node_modules', '.bin', 'codex'), ...env },
  });

describe('prd', () => {
  it('prd new writes docs/prds/<slug>.md from the template and refuses to overwrite it', async () => {
    const r = await cli(['prd', 'new', 'Add a health endpoint', '--phases', '2', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const path = (JSON.parse(r.stdout) as { path: string }).path;
    expect(path).toBe(join(project, 'docs', 'prds', 'add-a-health-endpoint.md'));
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^---\ntitle: Add a health endpoint\nstatus: draft\ncreated: '?\d{4}-\d{2}-\d{2}'?\nphases:\n {2}- Phase 1\n {2}- Phase 2\n---/);
    for (const h of ['## Problem', '## Solution', '## Requirements', '## Implementation Plan', '### Phase 1', '### Phase 2', '## Files to Modify', '## Testing', '## Success Criteria']) {
      expect(text).toContain(h);
    }
    const again = await cli(['prd', 'new', 'Add a health endpoint']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(statSync(path).size).toBe(Buffer.byteLength(text));
  });

  it('prd list shows each PRD, and names the file and key of a malformed one', async () => {
    writeFileSync(join(project, 'docs', 'prds', 'broken.md'), '---\ntitle: Broken\nstatus: someday\ncreated: 2026-11-24\nphases: [a]\n---\n# Broken\n');
    const r = await cli(['prd', 'list', '--json']);
    expect(r.exitCode).toBe(2);
    const out = JSON.parse(r.stdout) as { prds: { path: string; title: string; status: string; phases: string[] }[]; errors: { path: string; error: string }[] };
    expect(out.prds).toEqual([expect.objectContaining({ path: 'docs/prds/add-a-health-endpoint.md', title: 'Add a health endpoint', status: 'draft', phases: ['Phase 1', 'Phase 2'] })]);
    expect(out.errors[0]!.error).toMatch(/broken\.md: frontmatter key "status"/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('start --prd --phase puts the shared sections and that phase into the prompt', async () => {
    const path = join(project, 'docs', 'prds', 'add-a-health-endpoint.md');
    const filled = readFileSync(path, 'utf8')
      .replace('### Phase 1: <!-- name -->\n\n<!-- Scope, steps, and how to know this phase is done. -->', '### Phase 1: Route\n\nAdd GET /health.')
      .replace('### Phase 2: <!-- name -->\n\n<!-- Scope, steps, and how to know this phase is done. -->', '### Phase 2: Checks\n\nCheck the database.');
    writeFileSync(path, filled);
    const r = await cli(['start', 'Keep it small.', '--prd', path, '--phase', '2', '--dry-run', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const prompt = (JSON.parse(r.stdout) as { prompt: string }).prompt;
    expect(prompt.startsWith('Keep it small.\n\nWork from this PRD: "Add a health endpoint"')).toBe(true);
    expect(prompt).toContain('Implement Phase 2 only: "Checks"');
    expect(prompt).toContain('Check the database.');
    expect(prompt).not.toContain('Add GET /health.');
    expect(prompt).toContain('## Success Criteria');
  });

  it('start --prd errors: missing file, missing phase, --phase without --prd', async () => {
    const missing = await cli(['start', '--prd', 'docs/prds/nope.md', '--dry-run']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/--prd: cannot read .*nope\.md/);
    const phase = await cli(['start', '--prd', 'docs/prds/add-a-health-endpoint.md', '--phase', '9', '--dry-run']);
    expect(phase.exitCode).toBe(2);
    expect(phase.stderr).toMatch(/--phase 9: .* \(phases: 1, 2\)/);
    const lonely = await cli(['start', 'x', '--phase', '1', '--dry-run']);
    expect(lonely.exitCode).toBe(2);
    expect(lonely.stderr).toMatch(/--phase goes with --prd/);
  });
});

describe('--parent-session', () => {
  it('rejects a session id that is not an id, before anything is written', async () => {
    const r = await cli(['start', 'x', '--parent-session', '../../etc', '--dry-run']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--parent-session: invalid session id/);
    const env = await cli(['jobs'], { CODEX_AGENT_PARENT_SESSION: 'a b' });
    expect(env.exitCode).toBe(2);
    expect(env.stderr).toMatch(/CODEX_AGENT_PARENT_SESSION: invalid session id/);
  });
});

describe('start -', () => {
  it('reads a multi-line brief with quotes, $ and backticks from stdin, byte for byte', async () => {
    const brief = 'TASK\nFix "it" for $USER `now`.\nSCOPE\nsrc/ only\n';
    const r = await execa(process.execPath, [join(ROOT, 'bin', 'codex-agent'), 'start', '-', '--dry-run', '--json'], {
      cwd: project,
      reject: false,
      input: brief,
      env: { CODEX_AGENT_HOME: join(project, '.state'), CODEX_AGENT_CODEX_BIN: join(ROOT, 'node_modules', '.bin', 'codex') },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { prompt: string }).prompt).toBe(brief);
  });
});
