// Gemini exec jobs: the real Gemini CLI (the pinned devDependency) in real tmux against the suite's
// own stand-in of the Gemini API, under the same commands as Codex.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/util/sleep.js';
import { E2E, gone, processesOf, type AwaitJson } from '../support/e2e.js';
import { GEMINI_BIN, requestsCarrying, withGemini } from '../support/gemini-mock/e2e.js';
import type { GeminiServer } from '../support/gemini-mock/server.js';

interface View {
  id: string;
  provider?: string;
  status: string;
  sandbox?: string;
  turns: number;
  files_modified: string[];
  summary: string | null;
  error: string | null;
}

let e: E2E;
let api: GeminiServer;
beforeAll(async () => {
  e = await E2E.create('gemini');
  api = await withGemini(e);
});
afterAll(async () => {
  await e.dispose();
  await api.close();
});

const requestsFor = (prompt: string): unknown[] => requestsCarrying(api, prompt);

async function geminiJob(prompt: string, extra: string[] = []): Promise<string> {
  return e.start(prompt, ['--provider', 'gemini', ...extra]);
}

describe('gemini exec', () => {
  it('a turn: the answer, tokens and the session id in the record; start says the agent is read-only', async () => {
    const res = await e.cli(['start', 'SAY hello from gemini', '-d', e.workDir, '--provider', 'gemini']);
    expect(res.code, res.stderr).toBe(0);
    const [first, second] = res.stdout.split('\n');
    const id = /^Job started: ([0-9a-f]{8})$/.exec(first ?? '')![1]!;
    expect(second).toBe('  Gemini agents are read-only unless -s is given');
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '90']);
    expect(a).toMatchObject({ outcome: 'completed', turn: 1, message: 'hello from gemini' });
    const r = e.record(id);
    expect(r).toMatchObject({ provider: 'gemini', sandbox: 'read-only', agent_bin: GEMINI_BIN, status: 'completed' });
    expect(r.thread_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.tokens!.input).toBeGreaterThan(0);
    expect(r.tokens!.output).toBeGreaterThan(0);
    expect(r.agent_argv).toEqual([GEMINI_BIN, '-p', '', '-o', 'stream-json', '--skip-trust', '--approval-mode', 'default']);
    // The prompt reached the model through stdin, under the stand-in's key.
    expect(requestsFor('SAY hello from gemini').length).toBeGreaterThan(0);
    expect(api.requests.every((q) => q.key === 'x')).toBe(true);
    // The run's private home: bounded retries layered over the user's settings, which stay as they were.
    const settings = JSON.parse(readFileSync(join(e.store.layout.jobDir(id), 'gemini-home', '.gemini', 'settings.json'), 'utf8')) as { general: { maxAttempts: number } };
    expect(settings.general.maxAttempts).toBe(3);
    expect(JSON.parse(readFileSync(join(e.root, 'gemini-user', '.gemini', 'settings.json'), 'utf8'))).toEqual({ security: { auth: { selectedType: 'gemini-api-key' } } });

    // --json: the sandbox field says it too; jobs --json and status --json name the provider.
    const j = await e.json<{ sandbox: string; sandbox_note: string }>(['start', 'SAY second job', '-d', e.workDir, '--provider', 'gemini']);
    expect(j).toMatchObject({ sandbox: 'read-only', sandbox_note: 'Gemini agents are read-only unless -s is given' });
    const jobs = await e.json<{ jobs: View[] }>(['jobs']);
    expect(jobs.jobs.find((x) => x.id === id)).toMatchObject({ provider: 'gemini', status: 'completed', turns: 1, summary: 'hello from gemini' });
    expect(await e.json<View>(['status', id])).toMatchObject({ provider: 'gemini', sandbox: 'read-only', turns: 1 });
  });

  it('with -s workspace-write a write_file call writes the file; a read-only job cannot write', async () => {
    const writer = await geminiJob('WRITE notes/out.txt written by gemini', ['-s', 'workspace-write']);
    expect(await e.json<AwaitJson>(['await-turn', writer, '--timeout', '90'])).toMatchObject({ outcome: 'completed', message: 'Wrote notes/out.txt.' });
    expect(readFileSync(join(e.workDir, 'notes', 'out.txt'), 'utf8')).toBe('written by gemini\n');
    expect(e.record(writer)).toMatchObject({ sandbox: 'workspace-write', files_modified: ['notes/out.txt'] });

    const reader = await geminiJob('WRITE forbidden.txt should not exist');
    const a = await e.json<AwaitJson>(['await-turn', reader, '--timeout', '90']);
    expect(a.message).toMatch(/^Could not write forbidden\.txt: Tool "write_file" not found/);
    expect(existsSync(join(e.workDir, 'forbidden.txt'))).toBe(false);
    expect(e.record(reader).files_modified).toEqual([]);
  });

  it('a 401 and a 500 fail the turn with the reason, within a bounded time', async () => {
    const unauthorized = await geminiJob('FAIL 401');
    const a = await e.json<AwaitJson>(['await-turn', unauthorized, '--timeout', '90'], 4);
    expect(a.error).toBe('turn 1 failed: Gemini API HTTP 401 UNAUTHENTICATED: Mock error 401.');
    expect(e.record(unauthorized)).toMatchObject({ status: 'failed', error_kind: 'unauthorized' });

    // Gemini's default would retry for about 230 s; the run's own settings bound it to 3 attempts.
    const server = await geminiJob('FAIL 500');
    const b = await e.json<AwaitJson>(['await-turn', server, '--timeout', '100'], 4);
    expect(b.error).toBe('turn 1 failed: Gemini API HTTP 500 INTERNAL: Mock error 500.');
    expect(e.record(server)).toMatchObject({ status: 'failed', error_kind: 'server_error' });
    expect(requestsFor('FAIL 500')).toHaveLength(3);
  }, 150_000);

  it('Gemini\'s own exit code (41: no API-key auth selected) fails the turn with what it means', async () => {
    const bare = join(e.root, 'gemini-bare');
    mkdirSync(bare);
    const res = await e.cli(['start', 'SAY never', '-d', e.workDir, '--provider', 'gemini'], { env: { GEMINI_CLI_HOME: bare } });
    expect(res.code, res.stderr).toBe(0);
    const id = /^Job started: ([0-9a-f]{8})$/m.exec(res.stdout)![1]!;
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '90'], 4);
    expect(a.error).toBe('turn 1 failed: Gemini: authentication failed (exit 41): check GEMINI_API_KEY and security.auth.selectedType');
    expect(e.record(id)).toMatchObject({ status: 'failed', error_kind: 'unauthorized', exit_code: 41 });
  });

  it('send resumes the session: the model sees the history; the token totals add up both runs', async () => {
    // The first answer is much longer than the second: each run's result counts only that run.
    const FIRST = 'the first answer, deliberately a good deal longer than the second one so that its output tokens outweigh it';
    const id = await geminiJob(`SAY ${FIRST}`);
    await e.json<AwaitJson>(['await-turn', id, '--timeout', '90']);
    const thread = e.record(id).thread_id;
    const before = e.record(id).tokens!;
    expect((await e.cli(['send', id, 'SAY the second answer'])).code).toBe(0);
    expect(await e.json<AwaitJson>(['await-turn', id, '--timeout', '90'])).toMatchObject({ outcome: 'completed', turn: 2, message: 'the second answer' });
    const r = e.record(id);
    expect(r.thread_id).toBe(thread);
    expect(r.agent_argv!.slice(-2)).toEqual(['-r', thread]);
    // The resumed run's request carries the first turn: its prompt, and the model's answer to it.
    const contents = (requestsFor('SAY the second answer').at(-1) as { contents: { role: string; parts: { text?: string }[] }[] }).contents;
    const said = (role: string) => contents.filter((c) => c.role === role).map((c) => c.parts.map((p) => p.text ?? '').join(''));
    expect(said('user').some((t) => t.includes(`SAY ${FIRST}`))).toBe(true);
    expect(said('model')).toContain(FIRST);
    // The totals are the thread's: the second run's usage added to the first's, not in its place.
    const after = r.tokens!;
    expect(after.input).toBeGreaterThan(before.input);
    expect(after.output).toBeGreaterThan(before.output);
  });

  it('kill leaves no Gemini process', async () => {
    const id = await geminiJob('SLEEP 120000 SAY never');
    for (let i = 0; i < 300 && e.record(id).agent_procs.length === 0; i++) await sleep(50);
    // The model call is on its way: Gemini is running, not starting.
    for (let i = 0; i < 300 && requestsFor('SLEEP 120000 SAY never').length === 0; i++) await sleep(50);
    const pids = processesOf(e.record(id));
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(await e.json<{ status: string; survivors: number[] }>(['kill', id])).toMatchObject({ status: 'cancelled', survivors: [] });
    expect(await gone(pids)).toEqual([]);
  });

  it('await-turn --any over one Codex and one Gemini job returns the one that finishes', async () => {
    const codexJob = await e.start('MOCK:SLEEP 60000 MOCK:SAY codex is slow');
    const geminiFast = await geminiJob('SAY gemini was first');
    const res = await e.cli(['await-turn', codexJob, geminiFast, '--any', '--json', '--timeout', '90']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject([{ id: geminiFast, outcome: 'completed', message: 'gemini was first' }]);
    const jobs = await e.json<{ jobs: View[] }>(['jobs']);
    expect(jobs.jobs.find((x) => x.id === codexJob)!.provider).toBeUndefined();
    const codexFast = await e.start('MOCK:SAY codex now first');
    const geminiSlow = await geminiJob('SLEEP 60000 SAY gemini is slow');
    const res2 = await e.cli(['await-turn', geminiSlow, codexFast, '--any', '--json', '--timeout', '90']);
    expect(JSON.parse(res2.stdout)).toMatchObject([{ id: codexFast, outcome: 'completed', message: 'codex now first' }]);
  });


  it('health lists Gemini with its version, inside its tested range', async () => {
    const h = await e.json<{ agents: Record<string, { path: string; version: string; tested_range: string; in_range: boolean }> }>(['health']);
    const version = (JSON.parse(readFileSync(join(GEMINI_BIN, '..', '..', '@google', 'gemini-cli', 'package.json'), 'utf8')) as { version: string }).version;
    expect(h.agents.gemini).toEqual({ path: GEMINI_BIN, source: 'CODEX_AGENT_GEMINI_BIN', version, tested_range: '0.61.x', in_range: true });
  });
});
