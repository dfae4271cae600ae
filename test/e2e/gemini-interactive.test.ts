// Interactive Gemini jobs: the real Gemini TUI (the pinned devDependency) in real tmux against the
// suite's own stand-in of the Gemini API. Turn ends come from the AfterAgent hook the runner
// installs for the run, a waiting approval from the Notification hook.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/util/sleep.js';
import { E2E, gone, processesOf, type AwaitJson } from '../support/e2e.js';
import { GEMINI_BIN, requestsCarrying, withGemini } from '../support/gemini-mock/e2e.js';
import type { GeminiServer } from '../support/gemini-mock/server.js';

let e: E2E;
let api: GeminiServer;
beforeAll(async () => {
  e = await E2E.create('gemini-tui');
  api = await withGemini(e);
});
afterAll(async () => {
  await e.dispose();
  await api.close();
});

const requestsFor = (prompt: string): unknown[] => requestsCarrying(api, prompt);

async function tuiJob(prompt: string, extra: string[] = []): Promise<string> {
  return e.start(prompt, ['--provider', 'gemini', '--interactive', ...extra]);
}

async function waitRecord(id: string, what: string, done: (r: ReturnType<E2E['record']>) => boolean): Promise<void> {
  for (let i = 0; i < 600 && !done(e.record(id)); i++) await sleep(100);
  const r = e.record(id);
  if (!done(r)) throw new Error(`job ${id}: ${what} not seen within 60 s (turn_state ${r.turn_state}, status ${r.status})`);
}

describe('gemini interactive', () => {
  it('a turn and a follow-up by send: answers, tokens and the session id; the hooks are the run\'s own', async () => {
    const id = await tuiJob('SAY hello from the gemini tui');
    expect(await e.json<AwaitJson>(['await-turn', id, '--timeout', '90'])).toMatchObject({ outcome: 'completed', turn: 1, message: 'hello from the gemini tui' });
    const r = e.record(id);
    expect(r).toMatchObject({ provider: 'gemini', mode: 'interactive', status: 'running', turn_state: 'idle', sandbox: 'read-only' });
    expect(r.thread_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.tokens!.input).toBeGreaterThan(0);
    expect(r.agent_argv).toEqual([GEMINI_BIN, '-i', '<prompt>', '--skip-trust', '--approval-mode', 'default']);
    // The hooks live in the run's private settings; the user's own stay as they were.
    const settings = JSON.parse(readFileSync(join(e.store.layout.jobDir(id), 'gemini-home', '.gemini', 'settings.json'), 'utf8')) as { hooks: Record<string, { hooks: { command: string }[] }[]> };
    expect(settings.hooks.AfterAgent![0]!.hooks[0]!.command).toContain(`'__hook' '${id}'`);
    expect(JSON.parse(readFileSync(join(e.root, 'gemini-user', '.gemini', 'settings.json'), 'utf8')).hooks).toBeUndefined();

    const sent = await e.cli(['send', id, 'SAY the second answer, with "quotes" and $dollars']);
    expect(sent.code, sent.stderr).toBe(0);
    expect(await e.json<AwaitJson>(['await-turn', id, '--timeout', '90'])).toMatchObject({ outcome: 'completed', turn: 2, message: 'the second answer, with "quotes" and $dollars' });
    const after = e.record(id);
    expect(after.thread_id).toBe(r.thread_id);
    expect(after.tokens!.input).toBeGreaterThan(r.tokens!.input);
    expect(after.user_messages).toBe(2);
  }, 150_000);

  it('an approval waits: awaiting_approval, send refused, interrupt declines it; nothing is written', async () => {
    const id = await tuiJob('WRITE approved.txt should not be written');
    await waitRecord(id, 'awaiting_approval', (r) => r.turn_state === 'awaiting_approval');
    expect((await e.json<{ turn_state: string }>(['status', id])).turn_state).toBe('awaiting_approval');
    // await-turn does not sit out its timeout: only a person (or interrupt) can end the wait.
    const waiting = await e.json<AwaitJson>(['await-turn', id, '--timeout', '120'], 6);
    expect(waiting).toMatchObject({ outcome: 'blocked', turn: null });
    expect(waiting.error).toMatch(/waits for a tool approval on its screen: `codex-agent interrupt /);
    const refused = await e.cli(['send', id, 'SAY this would answer the dialog']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim()).toBe(`codex-agent: job ${id} waits for a tool approval; a message now would answer it and be lost: interrupt ${id} declines it (or answer it on its screen: attach ${id})`);
    expect(requestsFor('SAY this would answer the dialog')).toEqual([]);
    expect(await e.json<{ interrupted: boolean; turn: number }>(['interrupt', id])).toMatchObject({ interrupted: true, turn: 1 });
    const r = e.record(id);
    expect(r.turns[0]).toMatchObject({ status: 'aborted', error: 'interrupted' });
    expect(r.turn_state).toBe('idle');
    expect(existsSync(join(e.workDir, 'approved.txt'))).toBe(false);
    expect(await e.json<AwaitJson>(['await-turn', id, '--timeout', '10'], 4)).toMatchObject({ outcome: 'aborted', turn: 1 });
    // The job goes on: the next message is a turn of its own. Gemini drops the declined call from
    // its history and sends both prompts together, so the stand-in (which reads the first
    // directive) asks to write again: the approval waits once more.
    expect((await e.cli(['send', id, 'SAY after the approval'])).code).toBe(0);
    await waitRecord(id, 'a second approval', (x) => x.turns.length === 2 && x.turn_state === 'awaiting_approval');
    expect(requestsFor('SAY after the approval').length).toBeGreaterThan(0);
    expect(e.record(id).user_messages).toBe(2);
    expect(await e.json<{ interrupted: boolean; turn: number }>(['interrupt', id])).toMatchObject({ interrupted: true, turn: 2 });
    expect(existsSync(join(e.workDir, 'approved.txt'))).toBe(false);
  }, 150_000);

  it('a 401 and a 500 end the turn as failed with the reason, within a bounded time', async () => {
    const id = await tuiJob('FAIL 401');
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '90'], 4);
    expect(a.error).toBe('turn 1 failed: Gemini API HTTP 401 UNAUTHENTICATED: Mock error 401.');
    expect(e.record(id)).toMatchObject({ status: 'running', turn_state: 'idle', error_kind: 'unauthorized' });

    // A 5xx would retry without end in the TUI: after the run's 3 attempts the runner stops it.
    expect((await e.cli(['send', id, 'FAIL 500'])).code).toBe(0);
    const b = await e.json<AwaitJson>(['await-turn', id, '--timeout', '90'], 4);
    expect(b.error).toBe('turn 2 failed: Gemini API HTTP 500 INTERNAL: Mock error 500.');
    expect(e.record(id).turns[1]).toMatchObject({ status: 'failed', error_kind: 'server_error' });
    const tries = requestsFor('FAIL 500').length;
    expect(tries).toBeGreaterThanOrEqual(3);
    expect(tries).toBeLessThanOrEqual(6);
  }, 150_000);

  it('interrupt stops a running turn; /quit closes the agent', async () => {
    const id = await tuiJob('SLEEP 120000 SAY never');
    for (let i = 0; i < 600 && requestsFor('SLEEP 120000 SAY never').length === 0; i++) await sleep(100);
    expect(await e.json<{ interrupted: boolean; turn: number }>(['interrupt', id])).toMatchObject({ interrupted: true, turn: 1 });
    expect(e.record(id).turns[0]!.status).toBe('aborted');
    const pids = processesOf(e.record(id));
    const q = await e.json<{ quit: boolean; status: string }>(['send', id, '/quit']);
    expect(q).toMatchObject({ quit: true, status: 'completed' });
    expect(e.record(id)).toMatchObject({ turn_state: 'ended', agent_procs: [] });
    expect(await gone(pids)).toEqual([]);
  }, 150_000);

  it('a /quit the agent does not take (a dialog over its composer) still closes it: ended by SIGTERM, recorded as closed by /quit', async () => {
    const id = await tuiJob('SAY before the dialog');
    await e.json<AwaitJson>(['await-turn', id, '--timeout', '90']);
    const pids = processesOf(e.record(id));
    // A person at the screen opens the settings dialog: typed text and Enter now go to the dialog.
    const session = `codex-agent-${id}`;
    expect((await e.tmux(['send-keys', '-t', `=${session}:`, '-l', '/settings'])).code).toBe(0);
    await sleep(500);
    expect((await e.tmux(['send-keys', '-t', `=${session}:`, 'Enter'])).code).toBe(0);
    for (let i = 0; i < 100 && /Type your message/.test((await e.tmux(['capture-pane', '-p', '-t', `=${session}:`])).stdout); i++) await sleep(100);
    const q = await e.json<{ quit: boolean; status: string; signalled?: boolean }>(['send', id, '/quit']);
    expect(q).toMatchObject({ quit: true, status: 'completed', signalled: true });
    const r = e.record(id);
    expect(r).toMatchObject({ status: 'completed', turn_state: 'ended', runner: null, agent_procs: [], error: null });
    expect(r.end_reason).toMatch(/^closed by \/quit: Gemini did not take it within 15s, so it was ended by SIGTERM; its screen showed: .*Esc to close/);
    expect(r.end_reason).not.toMatch(/\s{2}/);
    expect(await gone(pids)).toEqual([]);
    // Final: a message does not reopen it.
    expect((await e.cli(['send', id, 'SAY more'])).code).not.toBe(0);
  }, 150_000);

  it('__hook: any input, exit 0 and `{}` (what a Gemini hook must print); only a job\'s own log grows', async () => {
    const id = await tuiJob('SAY hook target');
    await e.json<AwaitJson>(['await-turn', id, '--timeout', '90']);
    const log = join(e.store.layout.jobDir(id), 'agent-hooks.jsonl');
    const before = readFileSync(log, 'utf8');
    for (const [args, input] of [[[id], 'garbage {'], [[id], ''], [['deadbeef'], '{"a":1}'], [['../..'], '{}'], [[], '{}'], [[id, '--help', 'x'], 'nope']] as [string[], string][]) {
      const r = await e.cli(['__hook', ...args], { input });
      expect([r.code, r.stdout.trim(), r.stderr], JSON.stringify(args)).toEqual([0, '{}', '']);
    }
    expect(readFileSync(log, 'utf8')).toBe(before);
    // A payload of another session is logged but ends no turn of this one.
    const r = await e.cli(['__hook', id], { input: JSON.stringify({ session_id: 'another', hook_event_name: 'AfterAgent' }) });
    expect([r.code, r.stdout.trim()]).toEqual([0, '{}']);
    expect(readFileSync(log, 'utf8').length).toBeGreaterThan(before.length);
    expect(e.record(id)).toMatchObject({ turn_state: 'idle', turns: [{ status: 'completed' }] });
  }, 150_000);

  it('kill leaves no Gemini process', async () => {
    const id = await tuiJob('SLEEP 120000 SAY never again');
    for (let i = 0; i < 600 && requestsFor('SLEEP 120000 SAY never again').length === 0; i++) await sleep(100);
    const pids = processesOf(e.record(id));
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(await e.json<{ status: string; survivors: number[] }>(['kill', id])).toMatchObject({ status: 'cancelled', survivors: [] });
    expect(await gone(pids)).toEqual([]);
  }, 150_000);
});
