// Interactive agents: the real Codex TUI in real tmux against the scripted model. Start-up in an
// untrusted git repository with a fresh Codex home, turns told apart from side title turns,
// byte-exact follow-ups, model failures, interrupt, kill.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLE_PROMPT_PREFIX } from '../../src/mock/plan.js';
import { descendants, stillRunning } from '../../src/proc/tree.js';
import { sleep } from '../../src/util/sleep.js';
import { E2E } from '../support/e2e.js';

interface AwaitJson {
  outcome: string;
  exit_code: number;
  turn: number | null;
  message: string | null;
  error: string | null;
}

let e: E2E;
let repo: string;
beforeAll(async () => {
  e = await E2E.create('tui', { freshNotices: true });
  // An untrusted git repository: the TUI would stop at "Trust this folder?".
  repo = join(e.root, 'repo');
  mkdirSync(repo);
  await execa('git', ['init', '-q', repo]);
});
afterAll(async () => {
  await e.dispose();
});

function newestUserText(body: unknown): string {
  const input = (body as { input?: { role?: string; content?: { type: string; text?: string }[] }[] }).input ?? [];
  for (let i = input.length - 1; i >= 0; i--) {
    const item = input[i]!;
    if (item.role === 'user') return (item.content ?? []).map((c) => c.text ?? '').join('');
  }
  return '';
}

async function startTui(prompt: string): Promise<string> {
  return e.start(prompt, ['--interactive', '-d', repo]);
}

describe('interactive job', () => {
  let id: string;

  it('starts in an untrusted git repo with a fresh Codex home, without blocking or writing trust', async () => {
    id = await startTui('MOCK:SAY first answer');
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect(a).toMatchObject({ outcome: 'completed', turn: 1, message: 'first answer' });
    const config = readFileSync(join(e.root, 'codex-home', 'config.toml'), 'utf8');
    expect(config).not.toContain('trust_level');
    expect(config).not.toContain(repo);
    expect(config).not.toContain('model_migrations');
    // The migration notice did not switch the model either.
    expect((e.server.requests[0]!.body as { model: string }).model).toBe('gpt-5.5');
    const s = await e.json<{ status: string; turn_state: string; mode: string; thread_id: string }>(['status', id]);
    expect(s).toMatchObject({ status: 'running', turn_state: 'idle', mode: 'interactive' });
  });

  it('counts only its own turns: three answers, never a side title turn', async () => {
    for (const n of [2, 3]) {
      const s = await e.cli(['send', id, `MOCK:SAY answer number ${n}`]);
      expect(s.code, s.stderr).toBe(0);
      const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
      expect(a).toMatchObject({ outcome: 'completed', turn: n, message: `answer number ${n}` });
    }
    // The TUI did run side title turns on other threads, and they fired notify...
    const titles = e.server.requests.filter((r) => newestUserText(r.body).startsWith(TITLE_PROMPT_PREFIX));
    expect(titles.length).toBeGreaterThan(0);
    // ...but the job saw exactly its three turns.
    const r = e.record(id);
    expect(r.turns.map((t) => [t.n, t.status, t.last_message])).toEqual([
      [1, 'completed', 'first answer'],
      [2, 'completed', 'answer number 2'],
      [3, 'completed', 'answer number 3'],
    ]);
    expect(r.last_message).toBe('answer number 3');
    // notify woke the runner for the job's own thread only.
    const woke = JSON.parse(readFileSync(join(e.store.layout.jobDir(id), 'notify.json'), 'utf8')) as { thread_id: string };
    expect(woke.thread_id).toBe(r.thread_id);
  });

  it('delivers a 5,000-character multi-line message with quotes and $ byte-exact', async () => {
    const lines: string[] = [];
    for (let i = 0; lines.join('\n').length < 5_000; i++) {
      lines.push(`line ${i}: "double" 'single' $HOME $(whoami) \`date\` \\ back; tab\there é ✓`);
    }
    const body = lines.join('\n').slice(0, 5_000).trimEnd();
    const message = `MOCK:SAY ${body}`;
    const before = e.server.requests.length;
    const s = await e.cli(['send', id, '-'], { input: message });
    expect(s.code, s.stderr).toBe(0);
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect(a.message).toBe(body);
    const sent = e.server.requests.slice(before).map((r) => newestUserText(r.body)).find((t) => t.startsWith('MOCK:SAY line 0'));
    expect(sent).toBe(message);
  });

  it('submits messages that end in a $skill or @file mention (the composer opens a picker there)', async () => {
    for (const [n, text] of [[5, 'costs $HOME'], [6, 'ask @nobody']] as const) {
      const s = await e.cli(['send', id, `MOCK:SAY ${text}`]);
      expect(s.code, s.stderr).toBe(0);
      const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
      expect([a.turn, a.message]).toEqual([n, text]);
    }
  });

  it('reports a 401 turn with exit 4 and a context-window turn with exit 5, and stays open', async () => {
    expect((await e.cli(['send', id, 'MOCK:FAIL 401'])).code).toBe(0);
    const f = await e.cli(['await-turn', id, '--timeout', '60']);
    expect(f.code).toBe(4);
    expect(f.stderr).toMatch(/turn 7 failed: .*401/);
    expect(e.record(id).turns[6]!.error_kind).toBe('unauthorized');

    expect((await e.cli(['send', id, 'MOCK:CONTEXT'])).code).toBe(0);
    const c = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60'], 5);
    expect(c.outcome).toBe('context_limit');
    expect(c.error).toContain('context window');
    const s = await e.json<{ status: string; turn_state: string }>(['status', id]);
    expect(s).toMatchObject({ status: 'running', turn_state: 'context_limit' });
  });

  it('interrupts a running turn; the agent stays open and takes the next message', async () => {
    expect((await e.cli(['send', id, 'MOCK:SLEEP 60000 MOCK:SAY too late'])).code).toBe(0);
    const i = await e.json<{ interrupted: boolean; turn: number }>(['interrupt', id]);
    expect(i).toMatchObject({ interrupted: true, turn: 9 });
    const a = await e.cli(['await-turn', id, '--timeout', '30']);
    expect(a.code).toBe(4);
    expect(a.stderr).toMatch(/turn 9 aborted/);
    expect((await e.cli(['send', id, 'MOCK:SAY after the interrupt'])).code).toBe(0);
    const b = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect(b).toMatchObject({ turn: 10, message: 'after the interrupt' });
  });

  it('steers a running turn when a message is sent mid-turn', async () => {
    expect((await e.cli(['send', id, 'MOCK:SLEEP 3000 MOCK:SAY never shown'])).code).toBe(0);
    for (let i = 0; i < 50 && !e.server.requests.some((r) => newestUserText(r.body).startsWith('MOCK:SLEEP 3000')); i++) await sleep(100);
    const turnsBefore = e.record(id).turns.length;
    const s = await e.json<{ steered: boolean; delivered: boolean }>(['send', id, 'MOCK:SAY steered instead']);
    expect(s).toMatchObject({ steered: true, delivered: true });
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    // The same turn ended with the steering message's answer; the dropped response never showed.
    expect(a).toMatchObject({ turn: turnsBefore, message: 'steered instead' });
  });

  it('a message held to steer is sent at once by interrupt', async () => {
    expect((await e.cli(['send', id, 'MOCK:SLEEP 60000 MOCK:SAY never shown'])).code).toBe(0);
    for (let i = 0; i < 50 && !e.server.requests.some((r) => newestUserText(r.body).startsWith('MOCK:SLEEP 60000')); i++) await sleep(100);
    const s = await e.json<{ steered: boolean; held_by_codex: boolean }>(['send', id, 'MOCK:SAY sent by interrupt']);
    expect(s).toMatchObject({ steered: true, held_by_codex: true });
    expect((await e.cli(['interrupt', id])).code).toBe(0);
    const aborted = await e.cli(['await-turn', id, '--timeout', '30']);
    expect(aborted.code).toBe(4);
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect(a.message).toBe('sent by interrupt');
  });

  it('cleans TUI chrome out of capture and output --clean', async () => {
    const cap = await e.cli(['capture', id, '200', '--clean']);
    expect(cap.code).toBe(0);
    expect(cap.stdout).toContain('› MOCK:SAY answer number 2');
    expect(cap.stdout).toContain('answer number 3');
    expect(cap.stdout).not.toMatch(/for shortcuts|esc to interrupt|Ask Codex to do anything|\u001b\[/);
  });

  it('kill quits the agent: cancelled, no Codex process left, session gone, output kept', async () => {
    const r = e.record(id);
    const tree = [r.runner!.pid, ...(await descendants(r.runner!.pid))];
    expect(tree.length).toBeGreaterThanOrEqual(2);
    const k = await e.json<{ status: string; survivors: number[] }>(['kill', id]);
    expect(k).toMatchObject({ status: 'cancelled', survivors: [] });
    expect(await stillRunning(tree)).toEqual([]);
    expect((await e.tmux(['has-session', '-t', `=codex-agent-${id}`])).code).not.toBe(0);
    const out = await e.cli(['output', id, '--clean']);
    expect(out.stdout).toContain('after the interrupt');
    expect(existsSync(e.store.layout.paneLog(id))).toBe(true);
  });

  it('kill ends a busy agent too', async () => {
    const busy = await startTui('MOCK:SLEEP 60000 MOCK:SAY never');
    for (let i = 0; i < 100 && e.record(busy).turns.length === 0; i++) await sleep(100);
    const r = e.record(busy);
    expect(r.turns[0]?.status).toBe('running');
    const tree = [r.runner!.pid, ...(await descendants(r.runner!.pid))];
    const k = await e.json<{ status: string; survivors: number[] }>(['kill', busy]);
    expect(k).toMatchObject({ status: 'cancelled', survivors: [] });
    expect(await stillRunning(tree)).toEqual([]);
    expect(e.record(busy).turns[0]!.status).toBe('aborted');
  });
});
