// Several agents at once, each with its own answers, files and thread; and a runner that closed
// after inactivity is brought back by send.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/util/sleep.js';
import { E2E } from '../support/e2e.js';

let e: E2E;
beforeAll(async () => {
  e = await E2E.create('par');
});
afterAll(async () => {
  await e.dispose();
});

describe('parallel jobs', () => {
  it('two jobs run side by side and each gets its own answer and file', async () => {
    const [a, b] = await Promise.all([e.start('MOCK:WRITE a.txt alpha'), e.start('MOCK:WRITE b.txt beta')]);
    expect(a).not.toBe(b);
    const [ra, rb] = await Promise.all([
      e.json<{ message: string; files_modified: string[] }>(['await-turn', a, '--timeout', '60']),
      e.json<{ message: string; files_modified: string[] }>(['await-turn', b, '--timeout', '60']),
    ]);
    expect(ra).toMatchObject({ message: 'Wrote a.txt.', files_modified: ['a.txt'] });
    expect(rb).toMatchObject({ message: 'Wrote b.txt.', files_modified: ['b.txt'] });
    expect(readFileSync(join(e.workDir, 'a.txt'), 'utf8')).toBe('alpha\n');
    expect(readFileSync(join(e.workDir, 'b.txt'), 'utf8')).toBe('beta\n');
    expect(e.record(a).thread_id).not.toBe(e.record(b).thread_id);
    const sessions = await e.json<{ sessions: { name: string; job: string }[] }>(['sessions']);
    expect(sessions.sessions.map((s) => s.job).sort()).toEqual([a, b].sort());
  });

  it('an idle job keeps no process; its pane stays readable, and send brings a runner back', async () => {
    const id = await e.start('MOCK:SAY first', ['-s', 'read-only']);
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).code).toBe(0);
    // The runner leaves as soon as nothing is queued (after Codex exits).
    for (let i = 0; i < 300 && e.record(id).runner !== null; i++) await sleep(100);
    const closed = e.record(id);
    expect(closed).toMatchObject({ turn_state: 'idle', runner: null, agent_procs: [], status: 'completed' });
    // The runner writes the record, then leaves: its pane is dead a moment later, and stays.
    expect(await e.paneDead(id)).toBe(true);
    const cap = await e.cli(['capture', id, '--clean']);
    expect(cap.stdout).toContain('✓ turn 1 completed');
    // Nothing runs or waits: await-turn says so at once, with its own exit code.
    const idle = await e.cli(['await-turn', id, '--timeout', '30']);
    expect(idle.code).toBe(7);
    expect(idle.stderr).toMatch(/is idle .*send a message to continue/);
    expect((await e.cli(['send', id, 'MOCK:SAY second'])).code).toBe(0);
    const a = await e.json<{ message: string; turn: number }>(['await-turn', id, '--timeout', '60']);
    expect(a).toMatchObject({ message: 'second', turn: 2 });
    expect(e.record(id).thread_id).toBe(closed.thread_id);
    // The same pane, with what it showed before the runner came back.
    const again = await e.cli(['capture', id, '200', '--clean']);
    expect(again.stdout).toContain('✓ turn 1 completed');
    expect(again.stdout).toContain('▶ turn 2: MOCK:SAY second');
    // The resumed turn keeps the job's sandbox.
    const events = readFileSync(e.store.layout.eventsLog(id), 'utf8');
    expect(events).toContain('"thread.started"');
    const req = JSON.stringify(e.server.requests[e.server.requests.length - 1]!.body);
    expect(req).toContain('read-only');
  });
});

describe('generals', () => {
  it('each Claude session sees its own jobs: start tags them, jobs --mine filters', async () => {
    const a = await e.cli(['start', 'MOCK:SAY for general A', '--json'], { env: { CODEX_AGENT_PARENT_SESSION: 'general-a' } });
    const b = await e.cli(['start', 'MOCK:SAY for general B', '--json', '--parent-session', 'general-b'], { env: { CODEX_AGENT_PARENT_SESSION: 'general-a' } });
    const idA = (JSON.parse(a.stdout) as { id: string }).id;
    const idB = (JSON.parse(b.stdout) as { id: string }).id;
    expect(e.record(idA).parent_session).toBe('general-a');
    expect(e.record(idB).parent_session).toBe('general-b');
    const mine = await e.cli(['jobs', '--mine', '--json'], { env: { CODEX_AGENT_PARENT_SESSION: 'general-a' } });
    expect((JSON.parse(mine.stdout) as { jobs: { id: string }[] }).jobs.map((j) => j.id)).toEqual([idA]);
    for (const id of [idA, idB]) expect((await e.cli(['await-turn', id, '--timeout', '60'])).code).toBe(0);
  });
});
