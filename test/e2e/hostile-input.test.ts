// Hostile input against a live army (real tmux, the real Codex CLI, the scripted model): malformed
// ids and flag values to every command change nothing; Codex's notify hook survives garbage, empty
// and huge payloads; a job whose record was corrupted is listed by recover and deleted with its
// processes; and no dead tmux socket file is left behind by a private-socket run.
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyCommand } from '../../src/commands/notify.js';
import { createContext } from '../../src/context.js';
import { sleep } from '../../src/util/sleep.js';
import { probeSocket, tmuxSocketPath } from '../../src/util/tmux-socket.js';
import { E2E, ROOT, gone, processesOf, type AwaitJson } from '../support/e2e.js';

let e: E2E;
let execId: string;
let tuiId: string;
beforeAll(async () => {
  e = await E2E.create('hostile');
  execId = await e.start('MOCK:SAY exec ready');
  tuiId = await e.start('MOCK:SAY tui ready', ['--interactive']);
  for (const id of [execId, tuiId]) expect((await e.json<AwaitJson>(['await-turn', id, '--timeout', '60'])).outcome).toBe('completed');
  // An idle exec job keeps no process: once its runner has left, nothing of it writes.
  for (let i = 0; i < 300 && e.record(execId).runner !== null; i++) await sleep(100);
  expect(await e.paneDead(execId)).toBe(true);
});
afterAll(async () => {
  await e.dispose();
});

const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines, stderr.slice(0, 200)).toHaveLength(1);
  expect(lines[0]).toMatch(/^codex-agent: /);
  expect(lines[0]).not.toMatch(CONTROLS);
  expect(lines[0]!.length).toBeLessThanOrEqual(1_300);
  return lines[0]!;
}

/**
 * What must not change: the files under the state root, every byte of the idle exec job's folder
 * (nothing of it runs), the interactive job's state as the record says it, and the tmux sessions.
 */
async function army(): Promise<unknown> {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p.slice(e.stateRoot.length));
    }
  };
  walk(e.stateRoot);
  const execDir = e.store.layout.jobDir(execId);
  const execBytes = Object.fromEntries(readdirSync(execDir).filter((n) => !statSync(join(execDir, n)).isDirectory()).map((n) => [n, readFileSync(join(execDir, n), 'latin1')]));
  const t = e.record(tuiId);
  const sessions = (await e.tmux(['list-sessions', '-F', '#{session_name}'])).stdout.split('\n').filter(Boolean).sort();
  // The open TUI's runner saves its screen to pane.log now and then: that file may come and change.
  const runnerWrites = (f: string): boolean => f.endsWith('/notify.json') || f === `/jobs/${tuiId}/pane.log`;
  return { files: files.filter((f) => !runnerWrites(f)).sort(), execBytes, tui: [t.status, t.turn_state, t.turns.length, t.user_messages, t.consumed_turns, t.runner], sessions };
}

const HOSTILE_IDS = ['', '/', '..', '../../etc/passwd', `${'abcd'}/../${'x'}`, '\x1b[2J\x1b[31mab\ncd\x07', 'f'.repeat(10_240)];
const ID_COMMANDS: ((id: string) => string[])[] = [
  (id) => ['status', id],
  (id) => ['send', id, 'MOCK:SAY must never arrive'],
  (id) => ['interrupt', id],
  (id) => ['capture', id],
  (id) => ['output', id],
  (id) => ['attach', id],
  (id) => ['watch', id, '--timeout', '1'],
  (id) => ['kill', id],
  (id) => ['delete', id, '--force'],
  (id) => ['await-turn', id, '--timeout', '1'],
];

/** Tests that run dozens of CLI processes one after another: a loaded 2-core machine takes minutes. */
const MANY_CALLS_MS = 600_000;

describe('hostile ids and flag values against a live army', () => {
  it('every id command refuses malformed ids (exit 2) and unknown ones (exit 3) with one clean line, and nothing changes', async () => {
    const before = await army();
    const asked = e.server.requests.length;
    for (const make of ID_COMMANDS) {
      for (const id of HOSTILE_IDS) {
        const r = await e.cli(make(id));
        expect(r.code, `${make('<id>').join(' ')} ${JSON.stringify(id.slice(0, 20))}: ${r.stderr.slice(0, 200)}`).toBe(2);
        expect(oneLine(r.stderr)).toMatch(/^codex-agent: (empty job id|invalid job id ".*"): expected 8 lowercase hex characters/);
      }
      for (const id of ['deadbeef', 'dead']) {
        const r = await e.cli(make(id));
        expect(r.code, make(id).join(' ')).toBe(3);
        expect(oneLine(r.stderr)).toMatch(/^codex-agent: no job (deadbeef|matches "dead")$/);
      }
    }
    // Several ids: a hostile one among real ones stops the whole wait before it starts.
    const many = await e.cli(['await-turn', execId, '..', tuiId, '--all', '--timeout', '1']);
    expect(many.code).toBe(2);
    expect(await army()).toEqual(before);
    expect(e.server.requests.length).toBe(asked);
  }, MANY_CALLS_MS);

  it('hostile flag values to real jobs: one clean line, exit 2, nothing changes', async () => {
    const before = await army();
    const cases: string[][] = [
      ['await-turn', execId, '--timeout', '-1'],
      ['await-turn', execId, '--timeout', 'NaN'],
      ['await-turn', execId, '--timeout', '1e9'],
      ['watch', tuiId, '--timeout', '9'.repeat(10_240)],
      ['capture', tuiId, '0'],
      ['capture', tuiId, '99999999999'],
      ['jobs', '--limit', '-1'],
      ['jobs', '--parent', 'x\x1b[31m'],
      ['clean', '--days', '1.5'],
      ['start', 'MOCK:SAY x', '-d', e.workDir, '-m', 'gpt-5.5;touch /tmp/pwned'],
      ['start', 'MOCK:SAY x', '-d', e.workDir, '-m', '$(id)'],
      ['start', 'MOCK:SAY x', '-d', e.workDir, '--parent-session', '../..'],
      ['start', 'MOCK:SAY x', '-d', ''],
      ['start', 'MOCK:SAY x', '-d', e.workDir, '-s', 'danger-full-access; rm'],
      ['start', 'MOCK:SAY x', '-d', e.workDir, '--timeout', '-5', '--wait'],
      ['start', 'MOCK:SAY x', '-d', e.workDir, '--provider', 'x'.repeat(10_240)],
      ['send', execId, ''],
      ['send', execId, ' \n\t '],
    ];
    for (const args of cases) {
      const r = await e.cli(args);
      expect(r.code, `${args.join(' ').slice(0, 80)}: ${r.stderr.slice(0, 200)}`).toBe(2);
      oneLine(r.stderr);
      expect(r.stdout).toBe('');
    }
    expect(existsSync('/tmp/pwned')).toBe(false);
    expect(await army()).toEqual(before);
  }, MANY_CALLS_MS);
});

describe("Codex's notify hook", () => {
  it('garbage, empty, flag-like and 120 KB payloads: exit 0, silent, nothing changes', async () => {
    const before = await army();
    const payloads: string[][] = [[], [''], ['garbage {'], ['--help'], ['-x', 'y'], ['{"thread-id": 7}'], ['{"thread-id":"not-this-job"}'], ['z'.repeat(120_000)]];
    for (const p of payloads) {
      for (const id of [execId, tuiId, '..', 'deadbeef']) {
        const r = await e.cli(['__notify', id, ...p]);
        expect([r.code, r.stdout, r.stderr], `${id} ${JSON.stringify(p).slice(0, 40)}`).toEqual([0, '', '']);
      }
    }
    expect(await army()).toEqual(before);
  }, MANY_CALLS_MS);

  it('its own thread, 120 KB long: only the wake-up mark; the job goes on as before', async () => {
    const r0 = e.record(tuiId);
    const payload = JSON.stringify({ type: 'agent-turn-complete', 'thread-id': r0.thread_id, 'input-messages': ['m'.repeat(120_000)], 'last-assistant-message': 'x' });
    const r = await e.cli(['__notify', tuiId, payload]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    const mark = JSON.parse(readFileSync(join(e.store.layout.jobDir(tuiId), 'notify.json'), 'utf8')) as { thread_id: string };
    expect(mark.thread_id).toBe(r0.thread_id);
    const r1 = e.record(tuiId);
    expect([r1.status, r1.turn_state, r1.turns.length, r1.consumed_turns]).toEqual([r0.status, r0.turn_state, r0.turns.length, r0.consumed_turns]);
  });

  it('200 KB: one argument that long cannot be passed on Linux (E2BIG), and given in-process it is handled', async () => {
    const huge = JSON.stringify({ 'thread-id': e.record(tuiId).thread_id, 'input-messages': ['m'.repeat(200_000)] });
    if (process.platform === 'linux') {
      // Over MAX_ARG_STRLEN (128 KiB): Codex's own call fails before ours runs (why notify goes quiet on long threads).
      const spawned = await execa(process.execPath, [join(ROOT, 'bin', 'codex-agent'), '__notify', tuiId, huge], { env: e.env, extendEnv: false, reject: false });
      expect((spawned as unknown as { code?: string }).code).toBe('E2BIG');
    }
    const ctx = (): ReturnType<typeof createContext> => createContext(e.env);
    const before = await army();
    for (const p of [huge, `{${'"'.repeat(200_000)}`, 'x'.repeat(200_000)]) await expect(notifyCommand(ctx, execId, p)).resolves.toBeUndefined();
    await expect(notifyCommand(ctx, tuiId, huge)).resolves.toBeUndefined();
    expect(await army()).toEqual(before);
  });
});

describe('a corrupt record', () => {
  it('of a live interactive job: recover lists it with the reason, delete needs --force, then nothing of the job is left', async () => {
    const id = await e.start('MOCK:SAY soon corrupt', ['--interactive']);
    expect((await e.json<AwaitJson>(['await-turn', id, '--timeout', '60'])).outcome).toBe('completed');
    const pids = processesOf(e.record(id));
    expect(pids.length).toBeGreaterThanOrEqual(2);
    // Cut mid-write, as a full disk or a crash of some other writer would leave it.
    writeFileSync(e.store.layout.recordPath(id), '{"id": "truncated');

    const rec = await e.json<{ corrupt?: { id: string; reason: string; next: string }[] }>(['recover']);
    expect(rec.corrupt).toEqual([{ id, reason: 'not valid JSON', next: `codex-agent delete ${id} --force` }]);
    const text = await e.cli(['recover']);
    expect(text.stdout).toContain(`- ${id} [corrupt: not valid JSON] → codex-agent delete ${id} --force`);
    const status = await e.cli(['status', id]);
    expect(status.code).toBe(1);
    expect(oneLine(status.stderr)).toBe(`codex-agent: corrupt job record ${e.store.layout.recordPath(id)}: not valid JSON`);
    const jobs = await e.cli(['jobs', '--json']);
    expect(jobs.code).toBe(0);
    expect(oneLine(jobs.stderr)).toContain(id);

    const refused = await e.cli(['delete', id]);
    expect(refused.code).toBe(1);
    expect(oneLine(refused.stderr)).toMatch(new RegExp(`^codex-agent: job ${id} cannot be read \\(not valid JSON\\); delete ${id} --force removes its folder`));
    expect(existsSync(e.store.layout.jobDir(id))).toBe(true);

    // Whatever the runner did on finding its record unreadable, delete leaves nothing of the job running.
    const del = await e.json<{ id: string; deleted: boolean; session_closed: boolean; survivors: number[] }>(['delete', id, '--force']);
    expect(del).toMatchObject({ id, deleted: true, session_closed: true, survivors: [] });
    expect(await gone(pids)).toEqual([]);
    expect(existsSync(e.store.layout.jobDir(id))).toBe(false);
    expect((await e.tmux(['has-session', '-t', `=codex-agent-${id}`])).code).not.toBe(0);
    // The rest of the army is untouched.
    expect(e.record(tuiId).runner).not.toBeNull();
    expect((await e.json<{ corrupt?: unknown }>(['recover'])).corrupt).toBeUndefined();
  });
});

describe('leftover tmux sockets', () => {
  it("a private socket whose server ended with its last job: clean removes the dead file, never a live one", async () => {
    const socket = `ca-e2e-left-${process.pid}`;
    const path = tmuxSocketPath(socket)!;
    const env = { CODEX_AGENT_TMUX_SOCKET: socket };
    try {
      const s = await e.cli(['start', 'MOCK:SAY on its own server', '-d', e.workDir], { env });
      expect(s.code, s.stderr).toBe(0);
      const id = /Job started: (\w+)/.exec(s.stdout)![1]!;
      expect((await e.cli(['await-turn', id, '--timeout', '60'], { env })).code).toBe(0);
      expect(await probeSocket(path)).toBe('live');
      expect((await e.cli(['kill', id], { env })).code).toBe(0);
      // Its last session closed: tmux exits and leaves the file.
      for (let i = 0; i < 100 && (await probeSocket(path)) !== 'dead'; i++) await sleep(50);
      expect(await probeSocket(path)).toBe('dead');
      const c = await e.json<{ removed_socket: string | null }>(['clean']);
      // The harness's own socket is live (the army runs): it stays.
      expect(c.removed_socket).toBeNull();
      expect(await probeSocket(e.socketFile)).toBe('live');
      const cleaned = await e.cli(['clean', '--json'], { env });
      expect(cleaned.code, cleaned.stderr).toBe(0);
      expect(JSON.parse(cleaned.stdout)).toMatchObject({ removed_socket: path });
      expect(existsSync(path)).toBe(false);
    } finally {
      await execa('tmux', ['-L', socket, 'kill-server'], { reject: false });
      rmSync(path, { force: true });
    }
  });

  it('the test harness leaves no socket file behind', async () => {
    const other = await E2E.create('left');
    const id = await other.start('MOCK:SAY and gone');
    expect((await other.cli(['await-turn', id, '--timeout', '60'])).code).toBe(0);
    expect(await probeSocket(other.socketFile)).toBe('live');
    await other.dispose();
    expect(existsSync(other.socketFile)).toBe(false);
  });
});
