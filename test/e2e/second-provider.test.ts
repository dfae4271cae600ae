// The provider seam is real: a second agent CLI (the scripted agent under test/support, which only
// tests know) runs through the same runners and commands as Codex, in both modes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stillRunning } from '../../src/proc/tree.js';
import { sleep } from '../../src/util/sleep.js';
import { E2E, gone, processesOf, ROOT, type AwaitJson } from '../support/e2e.js';

const AGENT_DIR = join(ROOT, 'test', 'support', 'scripted-agent');

let e: E2E;
beforeAll(async () => {
  e = await E2E.create('scripted');
  const module = join(e.root, 'scripted-provider.mjs');
  await build({ entryPoints: [join(AGENT_DIR, 'provider.ts')], outfile: module, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  // The one registration: the provider module, and where its agent lives and keeps its sessions.
  Object.assign(e.env, { CODEX_AGENT_EXTRA_PROVIDERS: module, SCRIPTED_AGENT_BIN: join(AGENT_DIR, 'agent.mjs'), SCRIPTED_AGENT_HOME: join(e.root, 'scripted-home') });
});
afterAll(async () => {
  await e.dispose();
});

interface JobsJson {
  jobs: { id: string; provider: string; mode: string; status: string; turns: number; files_modified: string[]; summary: string | null }[];
}

async function started(prompt: string, extra: string[] = []): Promise<string> {
  return e.start(prompt, ['--provider', 'scripted', ...extra]);
}

describe('exec', () => {
  it('start, await-turn, send, jobs --json and kill, with the same facts as for Codex', async () => {
    const id = await started('SAY hello from the second provider');
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect(a).toMatchObject({ outcome: 'completed', turn: 1, message: 'hello from the second provider' });
    const r = e.record(id);
    expect(r).toMatchObject({ provider: 'scripted', agent_bin: join(AGENT_DIR, 'agent.mjs') });
    expect(r.agent_argv).toEqual([join(AGENT_DIR, 'agent.mjs'), 'exec', '--cwd', e.workDir]);
    expect(r.thread_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.tokens).toMatchObject({ context_window: 10000 });

    expect((await e.cli(['send', id, 'WRITE notes.txt from a follow-up'])).code).toBe(0);
    const b = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect(b).toMatchObject({ outcome: 'completed', turn: 2, message: 'Wrote notes.txt.' });
    expect(readFileSync(join(e.workDir, 'notes.txt'), 'utf8')).toBe('from a follow-up\n');
    // The follow-up went to the same thread.
    expect(e.record(id).agent_argv).toEqual([join(AGENT_DIR, 'agent.mjs'), 'exec', '--resume', r.thread_id, '--cwd', e.workDir]);

    // status --json: the full view (jobs --json leaves out what the general set, as the provider).
    expect(await e.json<JobsJson['jobs'][number]>(['status', id])).toMatchObject({ provider: 'scripted', mode: 'exec', turns: 2, files_modified: ['notes.txt'], summary: 'Wrote notes.txt.' });
    const k = await e.json<{ status: string }>(['kill', id]);
    expect(k.status).toBe('cancelled');
  });

  it('a failed turn exits 4 with the agent\'s reason; a busy one is killed with nothing left', async () => {
    const failed = await started('FAIL the model is down');
    const a = await e.json<AwaitJson>(['await-turn', failed, '--timeout', '60'], 4);
    expect(a.error).toBe('turn 1 failed: the model is down');
    expect(e.record(failed).error_kind).toBe('server_error');

    const busy = await started('SLEEP 120000 SAY never');
    for (let i = 0; i < 300 && e.record(busy).agent_procs.length === 0; i++) await sleep(50);
    const pids = processesOf(e.record(busy));
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect((await e.json<{ status: string; survivors: number[] }>(['kill', busy]))).toMatchObject({ status: 'cancelled', survivors: [] });
    expect(await gone(pids)).toEqual([]);
  });
});

describe('interactive', () => {
  it('start, await-turn, send, interrupt and /quit through the TUI runner', async () => {
    const id = await started('SAY first answer', ['--interactive']);
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect(a).toMatchObject({ outcome: 'completed', turn: 1, message: 'first answer' });
    expect(e.record(id)).toMatchObject({ provider: 'scripted', mode: 'interactive', status: 'running', turn_state: 'idle' });

    const sent = await e.json<{ steered: boolean; reopened: boolean }>(['send', id, 'SAY typed in']);
    expect(sent).toMatchObject({ steered: false, reopened: false });
    expect(await e.json<AwaitJson>(['await-turn', id, '--timeout', '60'])).toMatchObject({ outcome: 'completed', turn: 2, message: 'typed in' });

    expect((await e.cli(['send', id, 'SLEEP 60000 SAY never'])).code).toBe(0);
    const i = await e.json<{ interrupted: boolean; turn: number }>(['interrupt', id]);
    expect(i).toMatchObject({ interrupted: true, turn: 3 });
    const aborted = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60'], 4);
    expect(aborted).toMatchObject({ outcome: 'aborted', turn: 3 });

    expect(await e.json<JobsJson['jobs'][number]>(['status', id])).toMatchObject({ provider: 'scripted', mode: 'interactive', turns: 3 });

    const pids = processesOf(e.record(id));
    const q = await e.cli(['send', id, '/quit']);
    expect(q.code, q.stderr).toBe(0);
    expect(stillRunning(pids)).toEqual([]);
    expect(e.record(id)).toMatchObject({ status: 'completed', turn_state: 'ended' });
  });

  it('kill ends a busy agent with nothing left', async () => {
    const id = await started('SLEEP 120000 SAY never', ['--interactive']);
    for (let i = 0; i < 300 && e.record(id).turns.length === 0; i++) await sleep(50);
    expect(e.record(id).turns[0]?.status).toBe('running');
    const pids = processesOf(e.record(id));
    expect((await e.json<{ status: string; survivors: number[] }>(['kill', id]))).toMatchObject({ status: 'cancelled', survivors: [] });
    expect(await gone(pids)).toEqual([]);
    expect(e.record(id).turns[0]!.status).toBe('aborted');
  });
});
