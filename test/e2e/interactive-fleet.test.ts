// Interactive agents at scale and at the edges: eight at once, a start-up screen that blocks,
// a long thread past notify's payload limit, and an idle agent closed by the inactivity timeout.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stillRunning, descendants } from '../../src/proc/tree.js';
import { sleep } from '../../src/util/sleep.js';
import { JobStore } from '../../src/store/job-store.js';
import { newestUserText } from '../../src/mock/plan.js';
import { E2E } from '../support/e2e.js';

interface AwaitJson {
  outcome: string;
  turn: number | null;
  message: string | null;
  error: string | null;
}

let e: E2E;
beforeAll(async () => {
  e = await E2E.create('fleet', { freshNotices: true });
});
afterAll(async () => {
  await e.dispose();
});

describe('interactive fleet', () => {
  it('eight interactive jobs at once, each with its own answers', async () => {
    const n = 8;
    const ids = await Promise.all(Array.from({ length: n }, (_, i) => e.start(`MOCK:SAY agent ${i} first`, ['--interactive'])));
    const first = await Promise.all(ids.map((id) => e.json<AwaitJson>(['await-turn', id, '--timeout', '120'])));
    expect(first.map((a) => a.message)).toEqual(ids.map((_, i) => `agent ${i} first`));
    const sent = await Promise.all(ids.map((id, i) => e.cli(['send', id, `MOCK:SAY agent ${i} second`])));
    expect(sent.map((s) => s.code)).toEqual(ids.map(() => 0));
    const second = await Promise.all(ids.map((id) => e.json<AwaitJson>(['await-turn', id, '--timeout', '120'])));
    expect(second.map((a) => [a.turn, a.message])).toEqual(ids.map((_, i) => [2, `agent ${i} second`]));
    const threads = new Set(ids.map((id) => e.record(id).thread_id));
    expect(threads.size).toBe(n);
    await Promise.all(ids.map((id) => e.cli(['kill', id])));
    expect(ids.map((id) => e.record(id).status)).toEqual(ids.map(() => 'cancelled'));
  });

  it('keeps working on a long thread, where notify no longer fires', async () => {
    const id = await e.start('MOCK:SAY short start', ['--interactive']);
    expect((await e.json<AwaitJson>(['await-turn', id, '--timeout', '60'])).message).toBe('short start');
    // notify carries every user message of the thread: past about 129 KB it stops firing.
    const filler = 'x'.repeat(70 * 1024);
    for (const n of [2, 3]) {
      const s = await e.cli(['send', id, '-'], { input: `MOCK:SAY big turn ${n}\n${filler}` });
      expect(s.code, s.stderr).toBe(0);
      const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '120']);
      expect(a.turn).toBe(n);
      expect(a.message?.startsWith(`big turn ${n}`)).toBe(true);
    }
    expect((await e.cli(['send', id, 'MOCK:SAY still here'])).code).toBe(0);
    expect((await e.json<AwaitJson>(['await-turn', id, '--timeout', '60'])).message).toBe('still here');
    await e.cli(['kill', id]);
  });
});

describe('start-up block', () => {
  it('reports blocked, with the screen, when no turn starts in time; kill leaves nothing', async () => {
    // A Codex home with no provider and no login: the TUI waits on its sign-in screen.
    const home = join(e.root, 'no-login-home');
    mkdirSync(home, { mode: 0o700 });
    const state = join(e.root, 'state-blocked');
    mkdirSync(state, { mode: 0o700 });
    writeFileSync(join(state, 'config.yaml'), 'startup_timeout_seconds: 3\n');
    const env = { CODEX_HOME: home, CODEX_AGENT_HOME: state };
    const start = await e.cli(['start', 'MOCK:SAY never', '--interactive', '--json'], { env });
    expect(start.code, start.stderr).toBe(0);
    const id = (JSON.parse(start.stdout) as { id: string }).id;
    const a = await e.cli(['await-turn', id, '--timeout', '60', '--json'], { env });
    expect(a.code).toBe(6);
    const res = JSON.parse(a.stdout) as AwaitJson;
    expect(res.outcome).toBe('blocked');
    expect(res.error).toMatch(/no turn started within 3s; the screen shows: .*Sign in/);
    const s = JSON.parse((await e.cli(['status', id, '--json'], { env })).stdout) as { turn_state: string; blocked_screen: string; status: string };
    expect(s).toMatchObject({ turn_state: 'blocked', status: 'running' });
    expect(s.blocked_screen).toContain('Sign in');
    const text = await e.cli(['status', id], { env });
    expect(text.stdout).toMatch(/blocked: no turn started in time/);
    const send = await e.cli(['send', id, 'hello?'], { env });
    expect(send.code).toBe(1);
    expect(send.stderr).toMatch(/blocked at start-up/);
    const runner = JSON.parse((await e.cli(['status', id, '--json'], { env })).stdout) as { id: string };
    expect(runner.id).toBe(id);
    const rec = JSON.parse((await import('node:fs')).readFileSync(join(state, 'jobs', id, 'record.json'), 'utf8')) as { runner: { pid: number } };
    const tree = [rec.runner.pid, ...(await descendants(rec.runner.pid))];
    expect((await e.cli(['kill', id], { env })).code).toBe(0);
    expect(await stillRunning(tree)).toEqual([]);
  });
});

describe('inactivity', () => {
  it('closes an idle interactive agent with the reason; send reopens its thread', async () => {
    const state = join(e.root, 'state-idle');
    mkdirSync(state, { mode: 0o700 });
    writeFileSync(join(state, 'config.yaml'), 'inactivity_timeout_minutes: 0.05\n');
    const env = { CODEX_AGENT_HOME: state };
    const store = new JobStore(state);
    const start = await e.cli(['start', 'MOCK:SAY idle soon', '--interactive', '--json'], { env });
    const id = (JSON.parse(start.stdout) as { id: string }).id;
    expect((await e.cli(['await-turn', id, '--timeout', '60'], { env })).code).toBe(0);
    let s = { status: '', turn_state: '', end_reason: '' as string | null };
    for (let i = 0; i < 100; i++) {
      s = JSON.parse((await e.cli(['status', id, '--json'], { env })).stdout) as typeof s;
      if (s.status !== 'running') break;
      await sleep(200);
    }
    expect(s).toMatchObject({ status: 'completed', turn_state: 'idle' });
    expect(s.end_reason).toMatch(/no activity for 0.05 min; agent closed/);
    // No process is left; the pane stays, readable.
    for (let i = 0; i < 50 && store.read(id).runner !== null; i++) await sleep(200);
    expect(await e.paneDead(id)).toBe(true);
    // Nothing runs: await-turn says so at once instead of waiting.
    expect((await e.cli(['await-turn', id, '--timeout', '30'], { env })).code).toBe(7);
    // A message reopens the agent on the same thread, with its history.
    const thread = store.read(id).thread_id;
    const sent = await e.cli(['send', id, 'MOCK:SAY back again', '--json'], { env });
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ reopened: true });
    const a = JSON.parse((await e.cli(['await-turn', id, '--timeout', '60', '--json'], { env })).stdout) as { message: string; turn: number };
    expect(a).toMatchObject({ message: 'back again', turn: 2 });
    expect(store.read(id).thread_id).toBe(thread);
    expect((await e.cli(['kill', id], { env })).code).toBe(0);
  });
});

describe('a prompt too long for argv', () => {
  it('goes in by paste once the composer is up, byte-exact', async () => {
    const filler = Array.from({ length: 1_400 }, (_, i) => `line ${i}: "q" $HOME \`x\` ${'y'.repeat(60)}`).join('\n');
    const prompt = `MOCK:SAY long prompt landed\n${filler}`;
    expect(Buffer.byteLength(prompt)).toBeGreaterThan(100 * 1024);
    const start = await e.cli(['start', '-', '--interactive', '--json'], { input: prompt });
    expect(start.code, start.stderr).toBe(0);
    const id = (JSON.parse(start.stdout) as { id: string }).id;
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '120']);
    expect(a.message?.startsWith('long prompt landed')).toBe(true);
    // The turn's own request: its newest user message is the prompt (a side title request quotes it too).
    const sent = e.server.requests.map((r) => newestUserText(r.body)).find((t) => t.startsWith('MOCK:SAY long prompt landed'));
    expect(sent).toBe(prompt);
    await e.cli(['kill', id]);
  });
});
