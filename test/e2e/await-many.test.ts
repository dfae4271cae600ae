// Waiting on many real Codex exec jobs at once (the scripted model sleeps as told): --any returns
// the fastest, --all prints each result once as it arrives, a job that cannot produce a turn is
// reported at once, --mine picks this session's jobs, a bound says what each job was doing, and
// at a terminal a live line per job gives way to the answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/util/sleep.js';
import { E2E, ROOT, type AwaitJson } from '../support/e2e.js';
import { join } from 'node:path';

let e: E2E;
beforeAll(async () => {
  e = await E2E.create('await-many');
});
afterAll(async () => {
  await e.dispose();
});

type Result = AwaitJson & { id: string };

describe('await-turn on several jobs', () => {
  let slow: string;
  let medium: string;
  let fast: string;

  it('--any returns the first finished turn, labelled by its job, and reads only that one', async () => {
    // Started slowest first and named in that order: the fastest is last in every sense but time.
    slow = await e.start('MOCK:SLEEP 20000 MOCK:SAY slow answer');
    medium = await e.start('MOCK:SLEEP 9000 MOCK:SAY medium answer');
    fast = await e.start('MOCK:SAY fast answer');
    const res = await e.cli(['await-turn', slow, medium, fast, '--any', '--json', '--timeout', '90']);
    expect(res.code, res.stderr).toBe(0);
    const list = JSON.parse(res.stdout) as Result[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: fast, outcome: 'completed', exit_code: 0, turn: 1, message: 'fast answer' });
    // Only the fast job's turn was read.
    expect([e.record(slow).consumed_turns, e.record(medium).consumed_turns, e.record(fast).consumed_turns]).toEqual([0, 0, 1]);
  });

  it('--all prints each job once as it arrives, a job with nothing to come at once; exit code of the first in order that did not complete', async () => {
    const res = await e.cli(['await-turn', slow, medium, fast, '--all', '--timeout', '90']);
    // The fast job was read already: idle (7), reported at once; the others complete.
    expect(res.code, res.stderr).toBe(7);
    const blocks = res.stdout.split(/^(?===)/m).map((b) => b.trim());
    expect(blocks.map((b) => b.split('\n')[0])).toEqual([`== ${fast} idle ==`, `== ${medium} completed · turn 1 ==`, `== ${slow} completed · turn 1 ==`]);
    expect(blocks[0]).toMatch(new RegExp(`job ${fast} is idle`));
    expect(blocks[1]!.split('\n')[1]).toBe('medium answer');
    expect(blocks[2]!.split('\n')[1]).toBe('slow answer');
    expect(res.stderr.trim()).toBe(`codex-agent: 1 of 3 jobs did not complete: ${fast} (idle)`);
  });

  it('--all --json: a list; a failed turn gives the exit code when it comes first in the order given', async () => {
    const failing = await e.start('MOCK:FAIL 401');
    const ok = await e.start('MOCK:SLEEP 1000 MOCK:SAY fine');
    const res = await e.cli(['await-turn', failing, ok, '--all', '--json', '--timeout', '90']);
    expect(res.code, res.stderr).toBe(4);
    expect(res.stderr).toBe('');
    const list = JSON.parse(res.stdout) as Result[];
    expect(list.map((p) => p.id).sort()).toEqual([failing, ok].sort());
    expect(list.find((p) => p.id === ok)).toMatchObject({ outcome: 'completed', exit_code: 0, message: 'fine' });
    expect(list.find((p) => p.id === failing)).toMatchObject({ outcome: 'failed', exit_code: 4 });
    expect(list.find((p) => p.id === failing)!.error).toMatch(/401/);
  });

  it('--any leaves out a job that cannot produce a turn, with a note, and waits for one that can', async () => {
    const next = await e.start('MOCK:SLEEP 1500 MOCK:SAY worth the wait');
    // `slow` was read by --all above: idle.
    const res = await e.cli(['await-turn', slow, next, '--any', '--timeout', '90']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe(`== ${next} completed · turn 1 ==\nworth the wait`);
    expect(res.stderr).toMatch(new RegExp(`^codex-agent: job ${slow} is idle .*\\(not waited on\\)$`));
    // Every job of them idle: the first in the order given is the result, at once.
    const both = await e.cli(['await-turn', slow, next, '--any', '--json', '--timeout', '600']);
    expect(both.code).toBe(7);
    expect((JSON.parse(both.stdout) as Result[]).map((p) => [p.id, p.outcome])).toEqual([[slow, 'idle']]);
  });

  it('one id given twice is one job, with the output of one', async () => {
    const id = await e.start('MOCK:SAY just once');
    const a = await e.json<Result>(['await-turn', id, id, id.slice(0, 6), '--timeout', '60']);
    expect(a).toMatchObject({ id, outcome: 'completed', message: 'just once' });
  });

  it('several ids without --any or --all, or with both: a usage error naming both', async () => {
    const two = await e.cli(['await-turn', slow, fast]);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/^codex-agent: 2 jobs given: add --any .* or --all/);
    const both = await e.cli(['await-turn', slow, fast, '--any', '--all']);
    expect(both.code).toBe(2);
    expect(both.stderr.trim().split('\n')).toHaveLength(1);
    const none = await e.cli(['await-turn']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give a job id .*or --mine/);
    const mixed = await e.cli(['await-turn', slow, '--mine']);
    expect(mixed.code).toBe(2);
  });

  it('--timeout bounds the whole wait and says what each job was still doing', async () => {
    const a = await e.start('MOCK:SLEEP 30000 MOCK:SAY late a');
    const b = await e.start('MOCK:SLEEP 30000 MOCK:SAY late b');
    const res = await e.cli(['await-turn', a, b, '--all', '--timeout', '2']);
    expect(res.code).toBe(124);
    expect(res.stdout).toBe('');
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`timed out after 2s; still waiting on 2 job\\(s\\): ${a} \\(status (running|pending).*; ${b} \\(status (running|pending)`));
    await e.cli(['kill', a]);
    await e.cli(['kill', b]);
  });
});

describe('await-turn --mine', () => {
  it("waits on this session's jobs that are running or unread, not another session's", async () => {
    const mineSlow = await e.start('MOCK:SLEEP 8000 MOCK:SAY mine, slow', ['--parent-session', 'general-a']);
    const theirs = await e.start('MOCK:SAY theirs', ['--parent-session', 'general-b']);
    const mineFast = await e.start('MOCK:SLEEP 500 MOCK:SAY mine, fast', ['--parent-session', 'general-a']);
    const first = await e.cli(['await-turn', '--mine', '--json', '--timeout', '90'], { env: { CODEX_AGENT_PARENT_SESSION: 'general-a' } });
    expect(first.code, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as Result[]).map((p) => [p.id, p.message])).toEqual([[mineFast, 'mine, fast']]);
    // The read job is left out the next time; --all takes what remains.
    const rest = await e.cli(['await-turn', '--parent-session', 'general-a', '--all', '--json', '--timeout', '90']);
    expect(rest.code, rest.stderr).toBe(0);
    expect((JSON.parse(rest.stdout) as Result[]).map((p) => p.id)).toEqual([mineSlow]);
    // Nothing left to wait for: said at once.
    const none = await e.cli(['await-turn', '--parent-session', 'general-a', '--timeout', '600']);
    expect(none.code).toBe(7);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe('codex-agent: no job of session general-a is running or has an unread turn');
    expect(e.record(theirs).consumed_turns).toBe(0);
    // Without a session to go by.
    const noSession = await e.cli(['await-turn', '--mine']);
    expect(noSession.code).toBe(2);
    expect(noSession.stderr).toMatch(/--mine needs CODEX_AGENT_PARENT_SESSION/);
  });
});

describe('at a terminal', () => {
  it('one live line per job while it waits, erased before the answers; piped, nothing extra', async () => {
    const a = await e.start('MOCK:SLEEP 5000 MOCK:SAY live answer a');
    const b = await e.start('MOCK:SLEEP 6000 MOCK:SAY live answer b');
    // A real terminal: a tmux pane on the test's private server, kept after its program exits.
    expect((await e.tmux(['new-session', '-d', '-s', 'live', '-x', '160', '-y', '40'])).code).toBe(0);
    expect((await e.tmux(['set-option', '-t', 'live', 'remain-on-exit', 'on'])).code).toBe(0);
    // tmux 3.3+ would keep a copy of a cleared screen in its history; a terminal does not (older tmux lacks the option).
    await e.tmux(['set-option', '-p', '-t', 'live', 'scroll-on-clear', 'off']);
    // A terminal's environment: a UTF-8 locale (without one, tmux mangles the tab-separated lists codex-agent reads).
    const env = ['CODEX_AGENT_HOME', 'CODEX_AGENT_TMUX_SOCKET', 'PATH', 'HOME'].map((k) => `${k}=${e.env[k] ?? ''}`);
    const argv = ['env', '-i', ...env, 'LANG=C.UTF-8', 'TERM=xterm-256color', process.execPath, join(ROOT, 'bin', 'codex-agent'), 'await-turn', a, b, '--all', '--timeout', '90'];
    expect((await e.tmux(['respawn-pane', '-k', '-t', 'live', ...argv])).code).toBe(0);
    const screen = async (): Promise<string> => (await e.tmux(['capture-pane', '-p', '-t', 'live'])).stdout;
    let seen = '';
    for (let i = 0; i < 300 && !/· turn 1 ·/.test(seen); i++) {
      seen = await screen();
      if (!/· turn 1 ·/.test(seen)) await sleep(100);
    }
    // Both jobs, each on its own line: id, elapsed, turn, then what it does.
    expect(seen).toMatch(new RegExp(`^${a} · \\d+s · turn 1 · `, 'm'));
    expect(seen).toMatch(new RegExp(`^${b} · \\d+s · turn 1 · `, 'm'));
    const dead = async (): Promise<boolean> => (await e.tmux(['list-panes', '-t', 'live', '-F', '#{pane_dead}'])).stdout.trim() === '1';
    for (let i = 0; i < 600 && !(await dead()); i++) await sleep(100);
    expect(await dead()).toBe(true);
    // All the pane ever showed, its history included: the answers, and no trace of the live lines.
    const end = (await e.tmux(['capture-pane', '-p', '-S', '-', '-t', 'live'])).stdout;
    expect(end).toContain(`== ${a} completed · turn 1 ==\nlive answer a`);
    expect(end).toContain(`== ${b} completed · turn 1 ==\nlive answer b`);
    expect(end).not.toMatch(/· turn 1 ·/);
    await e.tmux(['kill-session', '-t', 'live']);

    // Piped, the same wait prints the answer and nothing on stderr.
    await e.cli(['send', a, 'MOCK:SLEEP 1500 MOCK:SAY piped']);
    const piped = await e.cli(['await-turn', a, '--timeout', '60']);
    expect(piped).toEqual({ code: 0, stdout: 'piped', stderr: '' });
  });
});
