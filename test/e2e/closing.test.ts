// Closing and waiting the way users of the original tool expect: `send <id> /quit` closes the
// agent in both modes (and never reaches the model), await-turn on a job that cannot make a turn
// by itself returns at once, and kill ends an idle job for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stillRunning } from '../../src/proc/tree.js';
import type { JobRecord } from '../../src/store/record.js';
import { sleep } from '../../src/util/sleep.js';
import { E2E, gone, processesOf } from '../support/e2e.js';

let e: E2E;
beforeAll(async () => {
  e = await E2E.create('closing');
});
afterAll(async () => {
  await e.dispose();
});

interface StatusJson {
  status: string;
  turn_state: string;
  end_reason: string | null;
  runner_running: boolean;
  accepts_follow_up: boolean;
}



async function settled(id: string): Promise<JobRecord> {
  for (let i = 0; i < 300 && e.record(id).runner !== null; i++) await sleep(100);
  return e.record(id);
}

/** No request the model got carried "/quit" as a message. */
function modelNeverSawQuit(): void {
  for (const q of e.server.requests) expect(JSON.stringify(q.body)).not.toMatch(/"\/quit"|\\n\/quit|"text":"\/quit/);
}

async function isFinalAfterQuit(id: string): Promise<void> {
  const s = await e.json<StatusJson>(['status', id]);
  expect(s).toMatchObject({ turn_state: 'ended', runner_running: false, accepts_follow_up: false });
  expect(s.end_reason).toMatch(/\/quit/);
  const again = await e.cli(['send', id, 'MOCK:SAY more']);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/has ended .*start a new job/);
  const a = await e.cli(['await-turn', id, '--timeout', '30']);
  expect(a.code).toBe(4);
  expect(a.stderr.trim().split('\n')).toHaveLength(1);
}

describe('exec', () => {
  it('await-turn on an idle job returns at once with exit 7 and one line', async () => {
    const id = await e.start('MOCK:SAY idle now');
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).code).toBe(0);
    const a = await e.cli(['await-turn', id, '--timeout', '600']);
    expect(a.code).toBe(7);
    expect(a.stdout).toBe('');
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    expect(a.stderr).toMatch(new RegExp(`job ${id} is idle \\(completed\\).*send a message to continue`));
    const j = await e.json<{ outcome: string; exit_code: number }>(['await-turn', id], 7);
    expect(j).toMatchObject({ outcome: 'idle', exit_code: 7 });
  });

  it('/quit on an idle job closes it, exit 0; nothing reaches the model', async () => {
    const id = await e.start('MOCK:SAY before quitting');
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).code).toBe(0);
    await settled(id);
    const asked = e.server.requests.length;
    const q = await e.cli(['send', id, '/quit']);
    expect(q.code, q.stderr).toBe(0);
    expect(q.stdout).toMatch(new RegExp(`Closed ${id} \\(completed\\)`));
    expect(e.server.requests.length).toBe(asked);
    modelNeverSawQuit();
    await isFinalAfterQuit(id);
  });

  it('/quit while a turn runs closes the job after that turn, and never reaches the model', async () => {
    const id = await e.start('MOCK:SLEEP 2500 MOCK:SAY finished first');
    for (let i = 0; i < 600 && e.record(id).turns.length === 0; i++) await sleep(50);
    const q = await e.json<{ quit: boolean; closes_after_turn: boolean }>(['send', id, '/quit']);
    expect(q).toMatchObject({ quit: true, closes_after_turn: true });
    const a = await e.json<{ outcome: string; message: string }>(['await-turn', id, '--timeout', '60']);
    expect(a).toMatchObject({ outcome: 'completed', message: 'finished first' });
    const before = e.record(id);
    const r = await settled(id);
    expect(r.turns).toHaveLength(1);
    expect(await gone(processesOf(before))).toEqual([]);
    modelNeverSawQuit();
    await isFinalAfterQuit(id);
  });

  it('kill on an idle job ends it: cancelled, its pane closed', async () => {
    const id = await e.start('MOCK:SAY idle, then killed');
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).code).toBe(0);
    await settled(id);
    const k = await e.json<{ status: string; was_active: boolean; survivors: number[] }>(['kill', id]);
    expect(k).toMatchObject({ status: 'cancelled', was_active: true, survivors: [] });
    expect((await e.tmux(['has-session', '-t', `=codex-agent-${id}`])).code).not.toBe(0);
    const s = await e.json<StatusJson>(['status', id]);
    expect(s).toMatchObject({ status: 'cancelled', turn_state: 'ended', accepts_follow_up: false });
    // A second kill says it had ended already and changes nothing.
    const again = await e.cli(['kill', id]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/had already ended \(cancelled\)/);
  });
});

describe('interactive', () => {
  it('await-turn on an idle agent returns at once with exit 7', async () => {
    const id = await e.start('MOCK:SAY tui idle', ['--interactive']);
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).code).toBe(0);
    const a = await e.cli(['await-turn', id, '--timeout', '600']);
    expect(a.code).toBe(7);
    expect(a.stderr).toMatch(new RegExp(`job ${id} is idle \\(running\\)`));
    expect((await e.cli(['kill', id])).code).toBe(0);
  });

  it('/quit closes an idle agent, exit 0: no process left, the pane kept, nothing sent to the model', async () => {
    const id = await e.start('MOCK:SAY ready to quit', ['--interactive']);
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).code).toBe(0);
    const before = e.record(id);
    const pids = processesOf(before);
    const asked = e.server.requests.length;
    const q = await e.cli(['send', id, '/quit']);
    expect(q.code, q.stderr).toBe(0);
    expect(q.stdout).toMatch(new RegExp(`Closed ${id} \\(completed\\)`));
    expect(stillRunning(pids)).toEqual([]);
    expect(e.server.requests.length).toBe(asked);
    modelNeverSawQuit();
    const cap = await e.cli(['capture', id, '200']);
    expect(cap.stdout).toContain('ready to quit');
    await isFinalAfterQuit(id);
  });

  it('/quit while a turn runs stops the turn, then closes the agent', async () => {
    const id = await e.start('MOCK:SLEEP 60000 MOCK:SAY never', ['--interactive']);
    for (let i = 0; i < 600 && e.record(id).turns.length === 0; i++) await sleep(50);
    const pids = processesOf(e.record(id));
    const q = await e.cli(['send', id, '/quit']);
    expect(q.code, q.stderr).toBe(0);
    expect(stillRunning(pids)).toEqual([]);
    const r = e.record(id);
    expect(r.turns[0]!.status).toBe('aborted');
    modelNeverSawQuit();
    const a = await e.cli(['await-turn', id, '--timeout', '30']);
    expect(a.code).toBe(4); // the aborted turn
    await isFinalAfterQuit(id);
  });
});
