// The plugin's SessionStart hook, run the way Claude Code runs it: the command from hooks/hooks.json
// with ${CLAUDE_PLUGIN_ROOT} expanded, JSON on stdin, CLAUDE_ENV_FILE set, against a state root
// holding jobs of two generals. It must never break the session: exit 0, a note, within the
// timeout hooks.json gives it. Live runners are real processes in panes on a private tmux socket.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobStore } from '../../src/store/job-store.js';
import type { JobRecord, TurnRecord } from '../../src/store/record.js';
import { liveRunners } from '../support/live-runner.js';
import { makeRecord as baseRecord } from '../support/store-record.js';

const ROOT = join(import.meta.dirname, '..', '..');
const A = '5f0c3c1e-1111-4a4a-9a9a-aaaaaaaaaaaa';
const B = '5f0c3c1e-2222-4b4b-9b9b-bbbbbbbbbbbb';
let tmp: string;
let state: string;
const runners = liveRunners('hooks');
/** Every record names the private socket: the hook and the CLI never look at the user's tmux server. */
const makeRecord = (o: Partial<JobRecord>): JobRecord => baseRecord({ tmux_socket: runners.socket, ...o });

/** hooks.json's command as argv: one double-quoted path with ${CLAUDE_PLUGIN_ROOT}, then plain words; and its timeout in ms. */
function hookCommand(): { argv: string[]; timeoutMs: number } {
  const config = JSON.parse(readFileSync(join(ROOT, 'hooks', 'hooks.json'), 'utf8')) as {
    hooks: { SessionStart: { matcher: string; hooks: { type: string; command: string; timeout: number }[] }[] };
  };
  const entries = config.hooks.SessionStart;
  expect(entries).toHaveLength(1);
  expect(entries[0]!.matcher.split('|').sort()).toEqual(['clear', 'compact', 'resume', 'startup']);
  const { command: cmd, timeout } = entries[0]!.hooks[0]!;
  const m = /^"\$\{CLAUDE_PLUGIN_ROOT\}([^"$`\\]*)"((?: [a-z-]+)*)$/.exec(cmd);
  if (!m) throw new Error(`hook command is not the simple form this test can run: ${cmd}`);
  expect(timeout).toBeGreaterThan(0);
  return { argv: [join(ROOT, m[1]!), ...m[2]!.trim().split(' ')], timeoutMs: timeout * 1000 };
}

function turn(n: number, status: TurnRecord['status'], msg: string): TurnRecord {
  return { n, turn_id: null, status, started_at: '2026-11-24T07:50:00Z', completed_at: status === 'running' ? null : '2026-11-24T07:55:00Z', last_message: msg, error: null, error_kind: null };
}

async function runHook(input: string, env: Record<string, string> = {}) {
  const { argv, timeoutMs } = hookCommand();
  const [bin, ...args] = argv;
  const envFile = join(tmp, `env-${Math.random().toString(36).slice(2)}`);
  const res = await execa(bin!, args, {
    input,
    reject: false,
    timeout: timeoutMs, // the bound Claude Code gives the hook
    env: { CLAUDE_PLUGIN_ROOT: ROOT, CLAUDE_ENV_FILE: envFile, CODEX_AGENT_HOME: state, CODEX_AGENT_TMUX_SOCKET: runners.socket, ...env },
  });
  expect(res.timedOut).toBe(false);
  let envText = '';
  try {
    envText = readFileSync(envFile, 'utf8');
  } catch {
    // Not written.
  }
  return { ...res, envText, context: parseContext(`${res.stdout}`) };
}

function parseContext(stdout: string): string {
  const out = JSON.parse(stdout) as { hookSpecificOutput: { hookEventName: string; additionalContext: string } };
  expect(out.hookSpecificOutput.hookEventName).toBe('SessionStart');
  return out.hookSpecificOutput.additionalContext;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ca-hooks-'));
  state = join(tmp, 'state');
  const store = new JobStore(state);
  const thread = '01a20c40-db1c-7b82-ab74-4b787968ea3d';
  store.create(makeRecord({ id: 'a0000001', parent_session: A, status: 'running', runner: await runners.start('a0000001'), thread_id: thread, turn_state: 'working', turns: [turn(1, 'running', '')] }), 'p');
  // Finished, unread, its runner already left (exec runners leave when nothing is queued).
  store.create(makeRecord({ id: 'a0000002', parent_session: A, status: 'completed', turn_state: 'idle', thread_id: thread, turns: [turn(1, 'completed', 'Added the health endpoint.')], last_message: 'Added the health endpoint.', files_modified: ['/tmp/rec/w2/src/health.ts'] }), 'p');
  store.create(makeRecord({ id: 'b0000001', parent_session: B, status: 'running', runner: await runners.start('b0000001'), thread_id: thread, turn_state: 'working', turns: [turn(1, 'running', '')] }), 'p');
  store.create(makeRecord({ id: 'b0000002', parent_session: B, status: 'running', runner: await runners.start('b0000002'), thread_id: thread, turn_state: 'working', turns: [turn(1, 'running', '')] }), 'p');
});
afterAll(async () => {
  await runners.dispose();
  // tmux leaves its socket file behind after kill-server.
  rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, runners.socket), { force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe('SessionStart hook', () => {
  it('startup: exports the session id for every later Bash command, and says so in one line', async () => {
    const r = await runHook(JSON.stringify({ session_id: A, source: 'startup', hook_event_name: 'SessionStart', cwd: tmp, transcript_path: join(tmp, 't.jsonl') }));
    expect(r.exitCode).toBe(0);
    expect(r.envText).toBe(`export CODEX_AGENT_PARENT_SESSION=${A}\n`);
    // Every request of the session carries this line: nothing after the facts.
    expect(r.context.split('\n')[0]).toBe('codex-agent: 2 job(s) of this session need attention (codex-agent recover); 2 active job(s) of other sessions.');
  });

  it.each(['compact', 'resume'])('%s: lists this general\'s army with next commands, others only counted', async (source) => {
    const r = await runHook(JSON.stringify({ session_id: A, source, hook_event_name: 'SessionStart' }));
    expect(r.exitCode).toBe(0);
    expect(r.envText).toContain(`CODEX_AGENT_PARENT_SESSION=${A}`);
    expect(r.context).toContain(`codex-agent: your Codex army (session ${A})`);
    expect(r.context).toMatch(/- a0000002 exec \S+ "Added the health endpoint\." files: src\/health\.ts → codex-agent await-turn a0000002/);
    expect(r.context).toMatch(/- a0000001 exec \S+ → codex-agent await-turn a0000001/);
    expect(r.context).not.toContain('b000000');
    expect(r.context).toContain('2 active job(s) of other sessions not listed');
  });

  it('the other general sees its own army', async () => {
    const r = await runHook(JSON.stringify({ session_id: B, source: 'compact' }));
    expect(r.context).toContain('b0000001');
    expect(r.context).toContain('b0000002');
    expect(r.context).not.toContain('a000000');
  });

  it.each([
    ['empty stdin', ''],
    ['not JSON', '{{{'],
    ['no session id', JSON.stringify({ source: 'startup' })],
    ['a session id that is not an id', JSON.stringify({ session_id: 'x; rm -rf /', source: 'startup' })],
  ])('%s: exit 0, a one-line note, nothing exported', async (_name, input) => {
    const r = await runHook(input);
    expect(r.exitCode).toBe(0);
    expect(r.envText).toBe('');
    expect(r.context.split('\n')[0]).toMatch(/^codex-agent: .*jobs started now are not tagged/);
  });

  it('an empty or missing state root is fine', async () => {
    const r = await runHook(JSON.stringify({ session_id: A, source: 'compact' }), { CODEX_AGENT_HOME: join(tmp, 'nothing-here') });
    expect(r.exitCode).toBe(0);
    expect(r.context).toMatch(/^codex-agent: no Codex jobs of this session yet/);
  });

  it('a corrupt state root gives a note, not a failure', async () => {
    const bad = join(tmp, 'bad-state');
    mkdirSync(join(bad, 'jobs', 'deadbeef'), { recursive: true });
    mkdirSync(join(bad, 'index', 'active'), { recursive: true });
    writeFileSync(join(bad, 'index', 'active', 'deadbeef'), '');
    writeFileSync(join(bad, 'jobs', 'deadbeef', 'record.json'), '{ not json');
    const r1 = await runHook(JSON.stringify({ session_id: A, source: 'compact' }), { CODEX_AGENT_HOME: bad });
    expect(r1.exitCode).toBe(0);
    expect(r1.context).toMatch(/^codex-agent: /);
    writeFileSync(join(bad, 'config.yaml'), 'nonsense_key: 1\n');
    const r2 = await runHook(JSON.stringify({ session_id: A, source: 'compact' }), { CODEX_AGENT_HOME: bad });
    expect(r2.exitCode).toBe(0);
    expect(r2.context).toMatch(/^codex-agent: SessionStart hook skipped \(.*unknown key "nonsense_key"/);
  });

  it('only looks: a job whose runner died shows as finished with the reason, and nothing is written or stopped', async () => {
    const own = join(tmp, 'state-dead-runner');
    const store = new JobStore(own);
    const runner = await runners.start('d0000001');
    store.create(
      makeRecord({ id: 'd0000001', parent_session: A, status: 'running', runner, thread_id: '01a20c40-db1c-7b82-ab74-4b787968ea3d', turn_state: 'working', turns: [turn(1, 'running', '')] }),
      'p',
    );
    process.kill(runner.pid, 'SIGKILL');
    const bytes = readFileSync(store.layout.recordPath('d0000001'));
    const r = await runHook(JSON.stringify({ session_id: A, source: 'compact' }), { CODEX_AGENT_HOME: own });
    expect(r.exitCode).toBe(0);
    // The failed job carries its reason (in brackets) before the next command.
    expect(r.context).toMatch(/Finished since you last looked[^\n]*\n- d0000001 exec \S+ [^\n]*→ codex-agent await-turn d0000001/);
    expect(readFileSync(store.layout.recordPath('d0000001')).equals(bytes)).toBe(true);
  });

  it('missing tmux and codex are named in the note', async () => {
    const bin = join(tmp, 'only-node');
    mkdirSync(bin, { recursive: true });
    const { symlinkSync } = await import('node:fs');
    symlinkSync(process.execPath, join(bin, 'node'));
    const r = await runHook(JSON.stringify({ session_id: A, source: 'startup' }), { PATH: bin, CODEX_AGENT_CODEX_BIN: join(tmp, 'no-such-codex') });
    expect(r.exitCode).toBe(0);
    expect(r.context).toContain('tmux not found');
    expect(r.context).toContain('codex not found');
    expect(dirname(bin)).toBe(tmp);
  });
});

describe('jobs --mine and recover with the exported session', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    execa(process.execPath, [join(ROOT, 'bin', 'codex-agent'), ...args], { env: { CODEX_AGENT_HOME: state, CODEX_AGENT_TMUX_SOCKET: runners.socket, ...env }, reject: false });

  it('jobs --mine lists only this general\'s jobs', async () => {
    const r = await cli(['jobs', '--mine', '--json'], { CODEX_AGENT_PARENT_SESSION: B });
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(r.stdout) as { jobs: { id: string }[] }).jobs.map((j) => j.id).sort()).toEqual(['b0000001', 'b0000002']);
  });

  it('jobs --mine without a session is a usage error naming the variable', async () => {
    const r = await cli(['jobs', '--mine'], { CODEX_AGENT_PARENT_SESSION: '' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--mine needs CODEX_AGENT_PARENT_SESSION/);
  });

  it('recover --json filters by the session', async () => {
    const r = await cli(['recover', '--json'], { CODEX_AGENT_PARENT_SESSION: A });
    const v = JSON.parse(r.stdout) as { session: string; items: { id: string; group: string }[]; others_active: number };
    expect(v.session).toBe(A);
    expect(v.items.map((i) => i.id).sort()).toEqual(['a0000001', 'a0000002']);
    expect(v.others_active).toBe(2);
  });
});
