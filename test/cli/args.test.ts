// The real built CLI (bin/codex-agent -> dist/cli.js): bad input exits 2 with one stderr line,
// nothing is written where it should not be, and exit codes follow src/errors.ts.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORIGINAL_FLAGS } from '../../src/errors.js';
import { buildProgram } from '../../src/program.js';
import { JobStore } from '../../src/store/job-store.js';
import { Tmux } from '../../src/tmux/tmux.js';
import { VERSION } from '../../src/version.js';
import type { JobRecord } from '../../src/store/record.js';
import { liveRunners } from '../support/live-runner.js';
import { makeRecord as baseRecord, tempDir } from '../support/store-record.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repoRoot, 'bin', 'codex-agent');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

// Runners that count as alive: real processes in real panes on a private tmux socket.
const runners = liveRunners('cli-args');
afterAll(async () => {
  await runners.dispose();
  // tmux leaves its socket file behind after kill-server.
  rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, runners.socket), { force: true });
});
/** Every stored record names a private socket: a command that looks at tmux never reaches the user's server. */
const makeRecord = (o: Partial<JobRecord> = {}): JobRecord => baseRecord({ tmux_socket: runners.socket, ...o });

let tmp: { dir: string; cleanup: () => void };
let state: string;
let fakeCodex: string;
let counter = 0;

beforeEach(() => {
  tmp = tempDir('codex-agent-cli-');
  state = join(tmp.dir, 'state');
  fakeCodex = join(tmp.dir, 'fake-codex');
  writeFileSync(fakeCodex, '#!/bin/sh\necho "codex-cli 0.169.0"\n');
  chmodSync(fakeCodex, 0o755);
});
afterEach(() => tmp.cleanup());

async function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('CODEX_AGENT_')) env[k] = v;
  Object.assign(env, {
    CODEX_AGENT_HOME: state,
    CODEX_AGENT_TMUX_SOCKET: `cli-args-${process.pid}-${++counter}`,
    CODEX_AGENT_CODEX_BIN: fakeCodex,
    ...extraEnv,
  });
  const r = await execa(process.execPath, [bin, ...args], { env, extendEnv: false, reject: false, cwd: tmp.dir, timeout: 30_000 });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Exactly one stderr line, prefixed, with no stack trace. */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^codex-agent: /);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('usage errors exit 2 with one line naming the problem', () => {
  const cases: [string[], RegExp][] = [
    [['jobs', '--bogus'], /--bogus/],
    [['start', 'x', '--frobnicate'], /--frobnicate/],
    [['start', 'x', '-r', 'huge'], /--reasoning.*huge/],
    [['start', 'x', '-s', 'yolo'], /--sandbox.*yolo/],
    [['await-turn', 'abcd1234', '--timeout', 'abc'], /--timeout/],
    [['jobs', '--limit', '0'], /--limit/],
    [['jobs', '--limit', 'many'], /--limit/],
    [['clean', '--days', '-1'], /--days.*'-1'/],
    [['status'], /missing required argument 'id'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['start', ''], /prompt is empty/],
    [['start', '   '], /prompt is empty/],
    [['start', 'x', '-d', '/nonexistent'], /-d\/--dir: not a directory: \/nonexistent/],
    [['start', 'x', '-m', 'gpt;rm -rf'], /--model/],
    [['status', '../../etc'], /invalid job id "..\/..\/etc"/],
    [['status', 'ABCDEF12'], /invalid job id/],
    [['send', 'abc', 'hello'], /invalid job id "abc"/],
  ];
  it.each(cases)('%j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe('');
    // Rejected before anything was written: the state root does not even exist.
    expect(existsSync(state)).toBe(false);
  });
});

describe('exit codes', () => {
  it('status of an unknown job exits 3', async () => {
    const r = await cli(['status', 'deadbeef']);
    expect(r.code).toBe(3);
    expect(oneLine(r.stderr)).toBe('codex-agent: no job deadbeef');
    expect(existsSync(state)).toBe(false);
  });

  it('an unknown prefix exits 3, an ambiguous one 2', async () => {
    const store = new JobStore(state);
    store.create(makeRecord({ id: 'abcd0001', status: 'completed', turn_state: 'idle' }), 'one');
    store.create(makeRecord({ id: 'abcd0002', status: 'completed', turn_state: 'idle' }), 'two');
    const none = await cli(['status', 'ffff']);
    expect(none.code).toBe(3);
    expect(oneLine(none.stderr)).toMatch(/no job matches "ffff"/);
    const ambiguous = await cli(['status', 'abcd']);
    expect(ambiguous.code).toBe(2);
    expect(oneLine(ambiguous.stderr)).toMatch(/ambiguous/);
  });

  it('a relative CODEX_AGENT_HOME or a bad socket name exits 2', async () => {
    const rel = await cli(['jobs'], { CODEX_AGENT_HOME: 'relative/state' });
    expect(rel.code).toBe(2);
    expect(oneLine(rel.stderr)).toMatch(/CODEX_AGENT_HOME must be an absolute path/);
    const sock = await cli(['jobs'], { CODEX_AGENT_TMUX_SOCKET: 'a/b' });
    expect(sock.code).toBe(2);
    expect(oneLine(sock.stderr)).toMatch(/CODEX_AGENT_TMUX_SOCKET/);
  });

  it('a bad config.yaml exits 2 naming the key', async () => {
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, 'config.yaml'), 'sandbox: yolo\n');
    const bad = await cli(['jobs']);
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/config\.yaml: bad value for "sandbox"/);
    writeFileSync(join(state, 'config.yaml'), 'sandbx: read-only\n');
    const unknown = await cli(['jobs']);
    expect(unknown.code).toBe(2);
    expect(oneLine(unknown.stderr)).toMatch(/unknown key "sandbx"/);
  });

  it('await-turn on a job blocked at start-up exits 6 with the screen, in text and JSON', async () => {
    const store = new JobStore(state);
    store.create(
      makeRecord({
        id: 'b10c0001',
        mode: 'interactive',
        status: 'running',
        turn_state: 'blocked',
        // A live runner, so the job is not reconciled as having lost it.
        runner: await runners.start('b10c0001'),
        startup_timeout_seconds: 20,
        blocked_screen: '  Meet GPT-6 Sol\n\n  › 1. Try new model\n    2. Use existing model\n',
      }),
      'x',
    );
    const text = await cli(['await-turn', 'b10c0001', '--timeout', '5']);
    expect(text.code).toBe(6);
    expect(text.stdout).toBe('');
    expect(oneLine(text.stderr)).toBe(
      'codex-agent: job b10c0001 is blocked: no turn started within 20s; the screen shows:   Meet GPT-6 Sol |   › 1. Try new model |     2. Use existing model',
    );
    const json = await cli(['await-turn', 'b10c0001', '--json', '--timeout', '5']);
    expect(json.code).toBe(6);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ id: 'b10c0001', outcome: 'blocked', exit_code: 6, turn: null, message: null, error: expect.stringContaining('Meet GPT-6 Sol') });
    // Nothing was consumed.
    expect(store.read('b10c0001').consumed_turns).toBe(0);
  });

  it('await-turn on an idle job exits 7 at once: nothing runs or is queued, every turn was read', async () => {
    const store = new JobStore(state);
    store.create(
      makeRecord({
        id: '1d1e0001',
        status: 'completed',
        turn_state: 'idle',
        thread_id: '01a20c40-db1c-7b82-ab74-4b787968ea3d',
        completed_at: '2026-01-02T03:04:09.000Z',
        turns: [{ n: 1, turn_id: null, status: 'completed', started_at: '2026-01-02T03:04:06.000Z', completed_at: '2026-01-02T03:04:09.000Z', last_message: 'done', error: null, error_kind: null }],
        consumed_turns: 1,
      }),
      'x',
    );
    const reason = 'job 1d1e0001 is idle (completed): no turn is running or queued and every turn was read; send a message to continue';
    const text = await cli(['await-turn', '1d1e0001', '--timeout', '30']);
    expect(text.code).toBe(7);
    expect(text.stdout).toBe('');
    expect(oneLine(text.stderr)).toBe(`codex-agent: ${reason}`);
    const json = await cli(['await-turn', '1d1e0001', '--json', '--timeout', '30']);
    expect(json.code).toBe(7);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ id: '1d1e0001', outcome: 'idle', exit_code: 7, turn: null, message: null, error: reason, status: 'completed' });
    expect(store.read('1d1e0001').consumed_turns).toBe(1);
  });

  it('await-turn on a job whose runner is gone hands out the failed turn (exit 4), then says idle (exit 7)', async () => {
    const store = new JobStore(state);
    // The runner was a real process that has exited; its tmux server is gone too.
    const gone = await runners.start('90e00001');
    process.kill(gone.pid, 'SIGKILL');
    const noServer = `${runners.socket}-none`;
    store.create(
      makeRecord({
        id: '90e00001',
        status: 'running',
        turn_state: 'working',
        tmux_socket: noServer,
        thread_id: '01a20c40-db1c-7b82-ab74-4b787968ea3d',
        runner: gone,
        started_at: '2026-01-02T03:04:06.000Z',
        turns: [{ n: 1, turn_id: null, status: 'running', started_at: '2026-01-02T03:04:06.000Z', completed_at: null, last_message: null, error: null, error_kind: null }],
      }),
      'x',
    );
    const reason = `the tmux server went away (killed, crashed or restarted): the runner (pid ${gone.pid}) is gone`;
    const first = await cli(['await-turn', '90e00001', '--json', '--timeout', '30']);
    expect(first.code).toBe(4);
    expect(JSON.parse(first.stdout)).toMatchObject({ id: '90e00001', outcome: 'failed', exit_code: 4, turn: 1, error: `turn 1 failed: ${reason}`, status: 'failed' });
    expect(store.read('90e00001')).toMatchObject({ status: 'failed', error_kind: 'infrastructure', runner: null, turn_state: 'idle', consumed_turns: 1, end_reason: reason });
    const second = await cli(['await-turn', '90e00001', '--timeout', '30']);
    expect(second.code).toBe(7);
    expect(oneLine(second.stderr)).toBe(`codex-agent: job 90e00001 is idle (failed: ${reason}): no turn is running or queued and every turn was read; send a message to continue`);
  });

  it('an internal error is one line, with a stack only under CODEX_AGENT_DEBUG=1', async () => {
    // index/ is a file, so listing fails with ENOTDIR: not an AgentError.
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, 'index'), 'not a folder');
    const plain = await cli(['jobs']);
    expect(plain.code).toBe(1);
    expect(oneLine(plain.stderr)).toMatch(/^codex-agent: internal error: ENOTDIR/);

    const debug = await cli(['jobs'], { CODEX_AGENT_DEBUG: '1' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^codex-agent: internal error: ENOTDIR/);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});

describe('working commands', () => {
  it('start --dry-run --json shows the Codex command and writes nothing', async () => {
    const r = await cli(['start', 'hi', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const p = JSON.parse(r.stdout) as { id: string; dry_run: boolean; cwd: string; sandbox: string; tmux_session: string; agent: { provider: string; path: string; args: string[] } };
    expect(p.id).toMatch(/^[0-9a-f]{8}$/);
    expect(p.dry_run).toBe(true);
    expect(p.cwd).toBe(tmp.dir);
    expect(p.sandbox).toBe('workspace-write');
    expect(p.tmux_session).toBe(`codex-agent-${p.id}`);
    expect(p.agent.path).toBe(fakeCodex);
    expect(p.agent.args).toEqual(['exec', '--json', '--skip-git-repo-check', '-s', 'workspace-write', '-C', tmp.dir, '-']);
    expect(existsSync(join(state, 'jobs'))).toBe(false);
  });

  it('start --interactive --dry-run --json shows the Codex TUI command and writes nothing', async () => {
    const r = await cli(['start', 'x', '--interactive', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const p = JSON.parse(r.stdout) as { id: string; mode: string; dry_run: boolean; status: string; cwd: string; agent: { provider: string; path: string; args: string[] } };
    expect(p).toMatchObject({ mode: 'interactive', dry_run: true, status: 'pending', cwd: tmp.dir });
    expect(p.agent.path).toBe(fakeCodex);
    const args = p.agent.args;
    expect(args.slice(0, 7)).toEqual(['--no-alt-screen', '-s', 'workspace-write', '-a', 'never', '-C', tmp.dir]);
    // Each override is the value after a -c.
    const overrides = args.flatMap((a, i) => (args[i - 1] === '-c' ? [a] : []));
    expect(overrides).toContain(`projects={${JSON.stringify(tmp.dir)}={trust_level="trusted"}}`);
    const notify = overrides.find((o) => o.startsWith('notify='));
    expect(notify).toBeDefined();
    const argv = JSON.parse(notify!.slice('notify='.length)) as string[];
    expect(argv).toEqual([process.execPath, join(repoRoot, 'dist', 'cli.js'), '__notify', p.id]);
    // The prompt is the last argv, after "--" (shown as <prompt>: it is in the payload's own field).
    expect(args.slice(-2)).toEqual(['--', '<prompt>']);
    expect(args.filter((a) => a === '--')).toHaveLength(1);
    expect(existsSync(join(state, 'jobs'))).toBe(false);
  });

  it('start --interactive --dry-run passes model and reasoning as TUI flags', async () => {
    const r = await cli(['start', '--interactive', '--dry-run', '--json', '-m', 'gpt-5.5', '-r', 'low', '-s', 'read-only', '--', '-looks like a flag'], {});
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as { model: string; reasoning: string; sandbox: string; agent: { args: string[] } };
    expect(p).toMatchObject({ model: 'gpt-5.5', reasoning: 'low', sandbox: 'read-only' });
    expect(p.agent.args.slice(0, 11)).toEqual(['--no-alt-screen', '-s', 'read-only', '-a', 'never', '-C', tmp.dir, '-m', 'gpt-5.5', '-c', 'model_reasoning_effort="low"']);
    expect(p.agent.args.slice(-2)).toEqual(['--', '<prompt>']);
  });

  it('start --dry-run passes model, reasoning, sandbox and dir through, and honours config.yaml', async () => {
    const work = join(tmp.dir, 'work');
    mkdirSync(work);
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, 'config.yaml'), 'sandbox: read-only\nmodel: gpt-5.5\n');
    const r = await cli(['start', 'hi', '--dry-run', '--json', '-r', 'high', '-d', work]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as { cwd: string; model: string; reasoning: string; agent: { args: string[] } };
    expect(p).toMatchObject({ cwd: work, model: 'gpt-5.5', reasoning: 'high' });
    expect(p.agent.args).toEqual([
      'exec',
      '--json',
      '--skip-git-repo-check',
      '-m',
      'gpt-5.5',
      '-c',
      'model_reasoning_effort="high"',
      '-s',
      'read-only',
      '-C',
      work,
      '-',
    ]);
    // The flag wins over config.yaml.
    const flag = await cli(['start', 'hi', '--dry-run', '--json', '-s', 'danger-full-access']);
    expect((JSON.parse(flag.stdout) as { sandbox: string }).sandbox).toBe('danger-full-access');
    expect(existsSync(join(state, 'jobs'))).toBe(false);
  });

  it('a missing CODEX_AGENT_CODEX_BIN is a runtime failure (exit 1) naming it', async () => {
    const r = await cli(['start', 'hi', '--dry-run'], { CODEX_AGENT_CODEX_BIN: join(tmp.dir, 'no-such-codex') });
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/CODEX_AGENT_CODEX_BIN=.*no-such-codex is not an executable/);
  });

  it('status and jobs read a stored job; jobs reports a corrupt record without failing', async () => {
    const store = new JobStore(state);
    store.create(
      makeRecord({
        id: 'abcd1234',
        status: 'completed',
        turn_state: 'idle',
        cwd: tmp.dir,
        files_modified: [join(tmp.dir, 'notes', 'hello.txt')],
        last_message: 'Wrote notes/hello.txt.',
        turns: [{ n: 1, turn_id: null, status: 'completed', started_at: '2026-01-02T03:04:06.000Z', completed_at: '2026-01-02T03:04:09.000Z', last_message: 'Wrote notes/hello.txt.', error: null, error_kind: null }],
      }),
      'write notes/hello.txt',
    );
    store.create(makeRecord({ id: 'ffff0000', status: 'failed', turn_state: 'idle' }), 'broken');
    writeFileSync(store.layout.recordPath('ffff0000'), '{ nope');

    const status = await cli(['status', 'abcd', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      id: 'abcd1234',
      status: 'completed',
      turns: 1,
      files_modified: ['notes/hello.txt'],
      summary: 'Wrote notes/hello.txt.',
      queued_messages: 0,
    });

    const jobs = await cli(['jobs', '--json']);
    expect(jobs.code).toBe(0);
    const listed = JSON.parse(jobs.stdout) as { jobs: { id: string }[]; corrupt: { id: string; error: string }[] };
    expect(listed.jobs.map((j) => j.id)).toEqual(['abcd1234']);
    expect(listed.corrupt.map((c) => c.id)).toEqual(['ffff0000']);
    expect(oneLine(jobs.stderr)).toContain(store.layout.recordPath('ffff0000'));
    // The corrupt record was reported, not replaced.
    expect(readFileSync(store.layout.recordPath('ffff0000'), 'utf8')).toBe('{ nope');
  });
});

describe('the original tool\'s habits', () => {
  it('an unknown flag is one line saying what to use: the original tool\'s replacement, the near miss, or the command that takes it', async () => {
    const cases: [string[], string][] = [
      [['jobs', '--jsn'], "codex-agent: unknown option '--jsn' (did you mean --json?)"],
      [['status', 'abcd1234', '--limit', '3'], "codex-agent: unknown option '--limit' for status (an option of jobs)"],
      [['status', 'abcd1234', '--strip-ansi'], "codex-agent: unknown option '--strip-ansi' for status (an option of capture, output)"],
      [['prd', 'list', '--phases', '2'], "codex-agent: unknown option '--phases' for prd list (an option of prd new)"],
    ];
    // The original's start flags that codex-agent does not take (while it does not).
    const start = buildProgram().commands.find((c) => c.name() === 'start')!;
    for (const [flag, hint] of Object.entries(ORIGINAL_FLAGS.start!)) {
      if (!start.options.some((o) => o.long === flag || o.short === flag)) cases.push([['start', 'x', flag], `codex-agent: unknown option '${flag}' (${hint})`]);
    }
    for (const [args, line] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(oneLine(r.stderr), args.join(' ')).toBe(line);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(state)).toBe(false);
  });

  it('capture and output take --strip-ansi as --clean, and --json', async () => {
    const store = new JobStore(state);
    store.create(makeRecord({ id: 'abcd1234', status: 'completed', turn_state: 'idle' }), 'p');
    writeFileSync(store.layout.paneLog('abcd1234'), 'one\n\x1b[1;32mtwo\x1b[0m\nthree\n');

    const clean = await cli(['capture', 'abcd1234', '2', '--clean']);
    expect(clean).toMatchObject({ code: 0, stdout: 'two\nthree' });
    expect((await cli(['capture', 'abcd1234', '2', '--strip-ansi'])).stdout).toBe(clean.stdout);
    expect((await cli(['capture', 'abcd1234', '2'])).stdout).toBe('\x1b[1;32mtwo\x1b[0m\nthree');
    const captured = await cli(['capture', 'abcd1234', '2', '--strip-ansi', '--json']);
    expect(JSON.parse(captured.stdout)).toEqual({ id: 'abcd1234', source: 'log', lines: 2, clean: true, text: 'two\nthree' });
    // Piped: JSON on one line.
    expect(captured.stdout.trim().split('\n')).toHaveLength(1);

    expect((await cli(['output', 'abcd', '--strip-ansi'])).stdout).toBe('one\ntwo\nthree');
    expect(JSON.parse((await cli(['output', 'abcd', '--json'])).stdout)).toEqual({ id: 'abcd1234', clean: false, text: 'one\n\x1b[1;32mtwo\x1b[0m\nthree\n' });
  });

  it('attach and delete take --json', async () => {
    const store = new JobStore(state);
    store.create(makeRecord({ id: 'abcd1234', status: 'running', turn_state: 'idle', runner: await runners.start('abcd1234') }), 'p');
    const attach = await cli(['attach', 'abcd', '--json'], { CODEX_AGENT_TMUX_SOCKET: runners.socket });
    expect(attach.code, attach.stderr).toBe(0);
    const argv = new Tmux({ socket: runners.socket }).attachArgv('codex-agent-abcd1234');
    expect(argv).toContain(runners.socket);
    expect(JSON.parse(attach.stdout)).toEqual({ id: 'abcd1234', tmux_session: 'codex-agent-abcd1234', attach: argv });
    expect((await cli(['attach', 'abcd'], { CODEX_AGENT_TMUX_SOCKET: runners.socket })).stdout).toBe(argv.join(' '));

    store.create(makeRecord({ id: 'dddd0001', status: 'cancelled', turn_state: 'ended' }), 'p');
    const del = await cli(['delete', 'dddd0001', '--json']);
    expect(del.code, del.stderr).toBe(0);
    expect(JSON.parse(del.stdout)).toEqual({ id: 'dddd0001', deleted: true, status: 'cancelled', turn_state: 'ended' });
    expect(store.allIds()).toEqual(['abcd1234']);
  });
});

describe('who owns a job', () => {
  it('jobs and status carry parent_session; --parent filters; the table shows GENERAL only for several generals', async () => {
    const store = new JobStore(state);
    const A = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    store.create(makeRecord({ id: 'aaaa0001', status: 'completed', turn_state: 'idle', parent_session: A, created_at: '2026-01-02T03:04:05.000Z' }), 'audit the auth module');
    store.create(makeRecord({ id: 'aaaa0002', status: 'completed', turn_state: 'idle', parent_session: A, created_at: '2026-01-02T03:04:06.000Z' }), 'fix the N+1 queries');

    const one = await cli(['jobs']);
    expect(one.code).toBe(0);
    expect(one.stdout).not.toContain('GENERAL');
    const listed = JSON.parse((await cli(['jobs', '--json'])).stdout) as { jobs: { id: string; parent_session: string | null }[] };
    expect(listed.jobs.map((j) => j.parent_session)).toEqual([A, A]);
    expect((JSON.parse((await cli(['status', 'aaaa0001', '--json'])).stdout) as { parent_session: string }).parent_session).toBe(A);

    store.create(makeRecord({ id: 'bbbb0001', status: 'completed', turn_state: 'idle', parent_session: null, created_at: '2026-01-02T03:04:07.000Z' }), 'from a shell');
    const two = await cli(['jobs']);
    expect(two.stdout.split('\n')[0]).toMatch(/^ID +GENERAL +STATUS/);
    expect(two.stdout).toMatch(new RegExp(`^aaaa0001  ${A}  completed`, 'm'));
    expect(two.stdout).toMatch(/^bbbb0001  - +completed/m);

    for (const flag of ['--parent', '--parent-session']) {
      const mine = JSON.parse((await cli(['jobs', flag, A, '--json'])).stdout) as { jobs: { id: string }[] };
      expect(mine.jobs.map((j) => j.id).sort(), flag).toEqual(['aaaa0001', 'aaaa0002']);
    }
    const bad = await cli(['jobs', '--parent', 'a b']);
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/--parent: invalid session id/);
  });
});

describe('version', () => {
  it('src/version.ts matches package.json', () => {
    expect(VERSION).toBe(pkg.version);
  });

  it('the built CLI prints it', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});
