// Hostile input to the built CLI (bin/codex-agent -> dist/): ids, flag values, configuration,
// bytes that are not UTF-8, what Codex's notify hook may pass, corrupt records and dead sockets.
// Each refusal is one clean line with a documented exit code, and nothing is created or changed.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobStore } from '../../src/store/job-store.js';
import type { JobRecord } from '../../src/store/record.js';
import { sleep } from '../../src/util/sleep.js';
import { probeSocket, tmuxSocketPath } from '../../src/util/tmux-socket.js';
import { liveRunners } from '../support/live-runner.js';
import { makeRecord as baseRecord, tempDir } from '../support/store-record.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repoRoot, 'bin', 'codex-agent');

const runners = liveRunners('cli-hostile');
afterAll(() => runners.dispose());
const makeRecord = (o: Partial<JobRecord> = {}): JobRecord => baseRecord({ tmux_socket: runners.socket, ...o });

let tmp: { dir: string; cleanup: () => void };
let state: string;
let fakeCodex: string;
let counter = 0;
beforeEach(() => {
  tmp = tempDir('codex-agent-hostile-');
  state = join(tmp.dir, 'state');
  fakeCodex = join(tmp.dir, 'fake-codex');
  writeFileSync(fakeCodex, '#!/bin/sh\necho "codex-cli 0.169.0"\n');
  chmodSync(fakeCodex, 0o755);
});
afterEach(() => tmp.cleanup());

function baseEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('CODEX_AGENT_')) env[k] = v;
  return { ...env, CODEX_AGENT_HOME: state, CODEX_AGENT_TMUX_SOCKET: `cli-hostile-${process.pid}-${++counter}`, CODEX_AGENT_CODEX_BIN: fakeCodex, ...extra };
}

async function cli(args: string[], opts: { env?: Record<string, string>; input?: string | Buffer } = {}) {
  const r = await execa(process.execPath, [bin, ...args], { env: baseEnv(opts.env ?? {}), extendEnv: false, reject: false, cwd: tmp.dir, timeout: 30_000, input: opts.input });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * The CLI with arguments holding raw bytes: node passes only UTF-8 argv, so bash builds them from
 * printf escapes (`$'\xff'` style, in `bytes`); everything else arrives as environment variables.
 */
async function cliBytes(before: string[], bytes: string, after: string[] = []) {
  const script = 'a=$(printf "$RAW"); set -- "${PRE[@]}"; exec "$NODE" "$BIN" "$@" "$a" "${POST[@]}"';
  const pre = before.map((a, i) => `PRE[${i}]=${JSON.stringify(a)}`).join('; ');
  const post = after.map((a, i) => `POST[${i}]=${JSON.stringify(a)}`).join('; ');
  const r = await execa('/bin/bash', ['-c', ['PRE=()', 'POST=()', pre, post, script].filter(Boolean).join('; ')], {
    env: { ...baseEnv({}), RAW: bytes, NODE: process.execPath, BIN: bin },
    extendEnv: false,
    reject: false,
    cwd: tmp.dir,
    timeout: 30_000,
  });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Exactly one stderr line, prefixed, with no raw control character, no stack, and bounded. */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines, stderr.slice(0, 300)).toHaveLength(1);
  expect(lines[0]).toMatch(/^codex-agent: /);
  expect(lines[0]).not.toMatch(CONTROLS);
  expect(lines[0]!.length).toBeLessThanOrEqual(1_300);
  return lines[0]!;
}

/** Every file under the state root with its bytes: "nothing changed" is this, equal before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = readFileSync(p, 'latin1');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const HOSTILE_IDS: [string, RegExp][] = [
  ['', /^codex-agent: empty job id: /],
  ['/', /^codex-agent: invalid job id "\/": /],
  ['..', /^codex-agent: invalid job id "\.\.": /],
  ['../../etc/passwd', /^codex-agent: invalid job id "\.\.\/\.\.\/etc\/passwd": /],
  ['abcd1234/../x', /^codex-agent: invalid job id "abcd1234\/\.\.\/x": /],
  ['\x1b[31mab\ncd\x07', /^codex-agent: invalid job id "\\x1b\[31mab\\ncd\\x07": /],
  ['a'.repeat(10_240), /^codex-agent: invalid job id "a{40}…": /],
];

/** Every command that takes a job id, as it is called with one. */
const ID_COMMANDS: ((id: string) => string[])[] = [
  (id) => ['status', id],
  (id) => ['send', id, 'hello'],
  (id) => ['interrupt', id],
  (id) => ['capture', id],
  (id) => ['output', id],
  (id) => ['attach', id],
  (id) => ['watch', id, '--timeout', '1'],
  (id) => ['kill', id],
  (id) => ['delete', id, '--force'],
  (id) => ['await-turn', id, '--timeout', '1'],
  (id) => ['await-turn', 'abcd1234', id, '--all', '--timeout', '1'],
];

describe('hostile ids', () => {
  it('every command that takes an id refuses a malformed one with one clean line, exit 2, and writes nothing', async () => {
    const store = new JobStore(state);
    store.create(makeRecord({ id: 'abcd1234', status: 'completed', turn_state: 'idle' }), 'p');
    const before = snapshot(state);
    for (const make of ID_COMMANDS) {
      const results = await Promise.all(HOSTILE_IDS.map(([id]) => cli(make(id))));
      results.forEach((r, i) => {
        const what = `${make('<id>').join(' ')} with ${JSON.stringify(HOSTILE_IDS[i]![0].slice(0, 20))}`;
        expect(r.code, `${what}: ${r.stderr}`).toBe(2);
        expect(oneLine(r.stderr), what).toMatch(HOSTILE_IDS[i]![1]);
        expect(r.stdout, what).toBe('');
      });
    }
    expect(snapshot(state)).toEqual(before);
  });

  it('a well-formed id that is not there is exit 3 for every command; nothing is created', async () => {
    for (const make of ID_COMMANDS.slice(0, -1)) {
      for (const id of ['deadbeef', 'dead']) {
        const r = await cli(make(id));
        expect(r.code, `${make(id).join(' ')}: ${r.stderr}`).toBe(3);
        expect(oneLine(r.stderr)).toMatch(/^codex-agent: no job (deadbeef|matches "dead")$/);
      }
    }
    expect(existsSync(state)).toBe(false);
  });

  it('the runner entry point refuses a malformed id too', async () => {
    for (const [id] of HOSTILE_IDS) {
      const r = await cli(['__run', id]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toMatch(/invalid job id/);
    }
    expect(existsSync(state)).toBe(false);
  });
});

describe('hostile flag values', () => {
  const BIG = '9'.repeat(10_240);
  const cases: [string[], RegExp][] = [
    [['await-turn', 'abcd1234', '--timeout', '1e3'], /--timeout <sec>' argument '1e3' is invalid/],
    [['await-turn', 'abcd1234', '--timeout', '-1'], /--timeout <sec>' argument '-1' is invalid/],
    [['await-turn', 'abcd1234', '--timeout', 'Infinity'], /--timeout/],
    [['await-turn', 'abcd1234', '--timeout', 'NaN'], /--timeout/],
    [['await-turn', 'abcd1234', '--timeout', '0x10'], /--timeout/],
    [['await-turn', 'abcd1234', '--timeout', ' 5'], /--timeout/],
    [['await-turn', 'abcd1234', '--timeout', '604801'], /--timeout/],
    [['watch', 'abcd1234', '--timeout', BIG], /--timeout <sec>' argument '9{40}…' is invalid/],
    [['jobs', '--limit', BIG], /--limit <n>' argument '9{40}…' is invalid/],
    [['jobs', '--limit', '-5'], /--limit/],
    [['jobs', '--limit', '1.5'], /--limit/],
    [['clean', '--days', '99999999999999999999'], /--days/],
    [['capture', 'abcd1234', 'NaN'], /argument 'lines'/],
    [['capture', 'abcd1234', '0'], /argument 'lines'/],
    [['start', 'x', '--dry-run', '-m', 'gpt$(id);rm -rf /'], /-m\/--model: invalid model name "gpt\$\(id\);rm -rf \/"/],
    [['start', 'x', '--dry-run', '-m', 'm'.repeat(10_240)], /-m\/--model: invalid model name/],
    [['start', 'x', '--dry-run', '-m', 'gpt\x1b[2J'], /invalid model name "gpt\\x1b\[2J"/],
    [['start', 'x', '--dry-run', '--parent-session', 'a b'], /--parent-session: invalid session id "a b"/],
    [['start', 'x', '--dry-run', '--parent-session', '..'], /--parent-session: invalid session id "\.\."/],
    [['start', 'x', '--dry-run', '--parent-session', 's'.repeat(129)], /--parent-session: invalid session id "s{40}…"/],
    [['start', 'x', '--dry-run', '--parent-session', 'x\ny'], /--parent-session: invalid session id "x\\ny"/],
    [['jobs', '--parent', '$(id)'], /--parent: invalid session id "\$\(id\)"/],
    [['recover', '--parent-session', '\x1b]0;t\x07'], /--parent-session: invalid session id "\\x1b\]0;t\\x07"/],
    [['start', 'x', '--dry-run', '--provider', '../../etc/passwd'], /unknown agent provider "\.\.\/\.\.\/etc\/passwd"/],
    [['start', 'x', '--dry-run', '--provider', '\x1b[31m'], /unknown agent provider "\\x1b\[31m"/],
    [['start', 'x', '--dry-run', '-d', '/nonexistent/\x1b[31m'], /-d\/--dir: not a directory: \/nonexistent\/\\x1b\[31m/],
    [['start', 'x', '--dry-run', '--phase', '1'], /--phase goes with --prd/],
    [['start', 'x', '--dry-run', '-r', 'huge\n'], /--reasoning/],
    [['start', 'x', '--frobnicate\x1b'], /unknown option '--frobnicate\\x1b'/],
    [['prd', 'new', 'x', '--phases', '999'], /--phases/],
  ];
  const label = (args: string[]): string => JSON.stringify(args.map((a) => (a.length > 30 ? `${a.slice(0, 12)}…(${a.length})` : a)));
  it.each(cases.map(([args, m]) => [label(args), args, m] as const))('%s: one clean line, exit 2, nothing created', async (_label, args, message) => {
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(2);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe('');
    expect(existsSync(state)).toBe(false);
  });

  // An empty value would silently mean the option's default (-d "" the current folder).
  const empty: string[][] = [
    ['start', 'x', '--dry-run', '-d', ''],
    ['start', 'x', '--dry-run', '-d', '   '],
    ['start', 'x', '--dry-run', '--prd', ''],
    ['start', 'x', '--dry-run', '-f', 'a', '-f', ''],
    ['start', 'x', '--dry-run', '-m', ''],
    ['start', 'x', '--dry-run', '--provider', ''],
    ['start', 'x', '--dry-run', '--parent-session', ''],
    ['start', 'x', '--dry-run', '--notify-on-complete', ''],
    ['jobs', '--parent-session', ''],
    ['await-turn', '--parent-session', ''],
    ['recover', '--parent-session', ''],
    ['prd', 'new', 'x', '-d', ''],
    ['prd', 'list', '-d', ''],
  ];
  it.each(empty.map((args) => [JSON.stringify(args), args] as const))('an empty value is refused, naming the option: %s', async (_label, args) => {
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^codex-agent: (-\w\/)?--[\w-]+: the value is empty; give one, or leave --[\w-]+ out$/);
    expect(existsSync(state)).toBe(false);
    expect(existsSync(join(tmp.dir, 'docs'))).toBe(false);
  });
});

describe('configuration from the environment', () => {
  it('a state root that is a file, or under one, is a configuration error naming the variable (exit 2)', async () => {
    const file = join(tmp.dir, 'a-file');
    writeFileSync(file, 'x');
    for (const [home, tail] of [[file, ' is not a folder'], [join(file, 'state'), ': part of the path is a file']] as const) {
      for (const args of [['jobs'], ['start', 'x'], ['status', 'abcd1234'], ['recover', '--json']]) {
        const r = await cli(args, { env: { CODEX_AGENT_HOME: home } });
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(oneLine(r.stderr)).toContain(`codex-agent: CODEX_AGENT_HOME=${home}${tail}`);
      }
    }
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('bad values from the environment are echoed on one line, escaped', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ CODEX_AGENT_TMUX_SOCKET: 'a\nb' }, /CODEX_AGENT_TMUX_SOCKET must be a plain socket name .*got "a\\nb"$/],
      [{ CODEX_AGENT_PARENT_SESSION: 'x\n\x1b[31my' }, /CODEX_AGENT_PARENT_SESSION: invalid session id "x\\n\\x1b\[31my"/],
      [{ CODEX_AGENT_HOME: '/tmp/x\ny' }, /CODEX_AGENT_HOME must not contain control characters, got "\/tmp\/x\\ny"$/],
      [{ CODEX_AGENT_HOME: 'relative\n/x' }, /CODEX_AGENT_HOME must be an absolute path, got "relative\\n\/x"$/],
    ];
    for (const [env, message] of cases) {
      const r = await cli(['jobs'], { env });
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toMatch(message);
    }
  });

  it('an unknown key in config.yaml is echoed escaped', async () => {
    mkdirSync(state);
    writeFileSync(join(state, 'config.yaml'), '"bad\\u001bkey": 1\n');
    const r = await cli(['jobs']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/unknown key "bad\\x1bkey"/);
  });
});

describe('text that is not UTF-8, and text an interactive agent cannot take', () => {
  it('an argument that is not UTF-8 is refused naming the byte and its offset; a real U+FFFD passes', async () => {
    const bad = await cliBytes(['start', '--dry-run'], 'MOCK:SAY x\\377\\303(y');
    expect(bad.code, bad.stderr).toBe(2);
    expect(oneLine(bad.stderr)).toBe(
      'codex-agent: argument 3 "MOCK:SAY x\uFFFD\uFFFD(y" is not valid UTF-8 (byte 0xff at offset 10): codex-agent takes text and would read U+FFFD in its place; nothing was started or sent (convert it to UTF-8 first)',
    );
    const real = await cliBytes(['start', '--dry-run', '--json'], 'MOCK:SAY x\\357\\277\\275y');
    expect(real.code, real.stderr).toBe(0);
    expect((JSON.parse(real.stdout) as { prompt: string }).prompt).toBe('MOCK:SAY x\uFFFDy');
    expect(existsSync(join(state, 'jobs'))).toBe(false);
  });

  it('send refuses such an argument before anything is queued', async () => {
    const store = new JobStore(state);
    store.create(makeRecord({ id: 'abcd1234', status: 'completed', turn_state: 'idle' }), 'p');
    const before = snapshot(state);
    const r = await cliBytes(['send', 'abcd1234'], 'caf\\351');
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/argument 3 "caf\uFFFD" is not valid UTF-8 \(byte 0xe9 at offset 3\)/);
    expect(snapshot(state)).toEqual(before);
  });

  it('stdin that is not UTF-8 is refused for a prompt and a message', async () => {
    const bytes = Buffer.concat([Buffer.from('MOCK:SAY é then '), Buffer.from([0xc3, 0x28])]);
    const start = await cli(['start', '-', '--dry-run'], { input: bytes });
    expect(start.code).toBe(2);
    expect(oneLine(start.stderr)).toMatch(/^codex-agent: the prompt on stdin is not valid UTF-8 \(byte 0xc3 at offset 17\)/);
    const store = new JobStore(state);
    store.create(makeRecord({ id: 'abcd1234', status: 'completed', turn_state: 'idle' }), 'p');
    const before = snapshot(state);
    const send = await cli(['send', 'abcd1234', '-'], { input: bytes });
    expect(send.code).toBe(2);
    expect(oneLine(send.stderr)).toMatch(/^codex-agent: the message on stdin is not valid UTF-8 \(byte 0xc3 at offset 17\)/);
    expect(snapshot(state)).toEqual(before);
  });

  it('an interactive prompt or message with a character the TUI would drop or change is refused, naming it', async () => {
    const dry = await cli(['start', 'MOCK:SAY a\r\nb', '--interactive', '--dry-run']);
    expect(dry.code).toBe(2);
    expect(oneLine(dry.stderr)).toMatch(/the prompt cannot reach an interactive Codex exactly: carriage return \(\\r\) at character 10 would become a newline/);
    const store = new JobStore(state);
    store.create(makeRecord({ id: 'abcd1234', mode: 'interactive', status: 'running', turn_state: 'idle', runner: await runners.start('abcd1234') }), 'p');
    const before = snapshot(state);
    for (const [text, what] of [['x\x1b[31m', 'ESC \\(\\\\x1b\\) at character 1'], ['ab\x7f', 'DEL \\(\\\\x7f\\) at character 2'], ['\x85', 'control character \\\\x85 at character 0']]) {
      const r = await cli(['send', 'abcd1234', text!]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toMatch(new RegExp(`the message cannot reach an interactive Codex exactly: ${what} would be dropped`));
    }
    expect(snapshot(state)).toEqual(before);
  });
});

describe("Codex's notify hook", () => {
  it('exits 0 silently whatever it is given, and changes no record', async () => {
    const store = new JobStore(state);
    store.create(makeRecord({ id: 'abcd1234', status: 'running', turn_state: 'working', thread_id: 'thread-1' }), 'p');
    const before = snapshot(state);
    const calls: string[][] = [
      [],
      ['abcd1234'],
      ['abcd1234', ''],
      ['abcd1234', 'garbage {'],
      ['abcd1234', '-x'],
      ['abcd1234', '--help'],
      ['abcd1234', '{"thread-id":"another-thread"}'],
      ['abcd1234', JSON.stringify({ 'thread-id': 42 })],
      ['abcd1234', 'x'.repeat(120_000)],
      ['abcd1234', '{"a":1}', 'extra', '--more'],
      ['../../etc', '{"thread-id":"thread-1"}'],
      ['deadbeef', '{"thread-id":"thread-1"}'],
      ['-h'],
    ];
    for (const args of calls) {
      const r = await cli(['__notify', ...args]);
      expect([r.code, r.stdout, r.stderr], JSON.stringify(args).slice(0, 60)).toEqual([0, '', '']);
    }
    expect(snapshot(state)).toEqual(before);
    // A broken configuration does not disturb Codex either.
    expect((await cli(['__notify', 'abcd1234', '{}'], { env: { CODEX_AGENT_HOME: 'relative' } })).code).toBe(0);
    // Its own thread's notify only leaves a wake-up mark beside the record, which stays as it was.
    const r = await cli(['__notify', 'abcd1234', JSON.stringify({ 'thread-id': 'thread-1', 'input-messages': ['y'.repeat(120_000)] })]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    const after = snapshot(state);
    expect(Object.keys(after).filter((k) => !(k in before))).toEqual(['/jobs/abcd1234/notify.json']);
    for (const [k, v] of Object.entries(before)) expect(after[k], k).toBe(v);
  });
});

describe('corrupt records', () => {
  function corruptJob(store: JobStore, id: string, text: string): void {
    store.create(makeRecord({ id, status: 'completed', turn_state: 'idle' }), 'p');
    writeFileSync(store.layout.recordPath(id), text);
  }

  it('recover lists them with the reason and the way out, in text and JSON; jobs names each on one line', async () => {
    const store = new JobStore(state);
    store.create(makeRecord({ id: 'abcd1234', status: 'completed', turn_state: 'idle', turns: [{ n: 1, turn_id: null, status: 'completed', started_at: '2026-01-02T03:04:06.000Z', completed_at: '2026-01-02T03:04:09.000Z', last_message: 'ok', error: null, error_kind: null }], consumed_turns: 0 }), 'p');
    corruptJob(store, 'ffff0001', '{ nope');
    corruptJob(store, 'ffff0002', JSON.stringify({ ...makeRecord({ id: 'ffff0002' }), status: 'exploded\n\x1b[31m' }));
    const json = await cli(['recover', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const view = JSON.parse(json.stdout) as { items: { id: string }[]; corrupt: { id: string; reason: string; next: string }[] };
    expect(view.items.map((i) => i.id)).toEqual(['abcd1234']);
    expect(view.corrupt.map((c) => c.id).sort()).toEqual(['ffff0001', 'ffff0002']);
    const c1 = view.corrupt.find((c) => c.id === 'ffff0001')!;
    expect(c1).toEqual({ id: 'ffff0001', reason: 'not valid JSON', next: 'codex-agent delete ffff0001 --force' });
    expect(view.corrupt.find((c) => c.id === 'ffff0002')!.reason).toMatch(/^status: /);
    const text = await cli(['recover']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/1 job\(s\) need attention, 0 done and read, 2 unreadable\./);
    expect(text.stdout).toContain('- ffff0001 [corrupt: not valid JSON] → codex-agent delete ffff0001 --force');
    expect(text.stdout).not.toMatch(CONTROLS);
    const jobs = await cli(['jobs', '--json']);
    const lines = jobs.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^codex-agent: corrupt job record .*record\.json: /);
    expect(jobs.stderr).not.toMatch(CONTROLS);
  });

  it('delete refuses a corrupt job without --force (exit 1), removes it with --force, and a folder with no record too', async () => {
    const store = new JobStore(state);
    corruptJob(store, 'ffff0001', '{ nope');
    const refused = await cli(['delete', 'ffff0001']);
    expect(refused.code).toBe(1);
    expect(oneLine(refused.stderr)).toBe(
      'codex-agent: job ffff0001 cannot be read (not valid JSON); delete ffff0001 --force removes its folder (record, prompt, logs) after closing its tmux session and ending its processes',
    );
    expect(readFileSync(store.layout.recordPath('ffff0001'), 'utf8')).toBe('{ nope');
    const forced = await cli(['delete', 'ffff', '--force', '--json']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual({ id: 'ffff0001', deleted: true, status: null, turn_state: null, unreadable: 'not valid JSON', session_closed: false, processes_ended: 0, survivors: [] });
    expect(existsSync(store.layout.jobDir('ffff0001'))).toBe(false);

    // A folder that holds no record (a start cut short): by its full id.
    mkdirSync(join(store.layout.jobDir('eeee0001'), 'queue'), { recursive: true });
    expect((await cli(['status', 'eeee0001'])).code).toBe(3);
    const ghost = await cli(['delete', 'eeee0001', '--force']);
    expect(ghost.code, ghost.stderr).toBe(0);
    expect(ghost.stdout).toMatch(/^Deleted eeee0001, whose record could not be read \(missing: the job folder holds no record\): its folder is removed\.$/m);
    expect(existsSync(store.layout.jobDir('eeee0001'))).toBe(false);
  });

  it('delete --force ends what the corrupt record still names (its runner, its tmux session) and what carries the job\'s marker', async () => {
    const store = new JobStore(state);
    const runner = await runners.start('ffff0003');
    // Work the agent left in a session of its own: found only by CODEX_AGENT_JOB_ID in its environment.
    // (detached: a session of its own, as setsid makes it)
    const stray = execa('sleep', ['600'], { env: { ...process.env, CODEX_AGENT_JOB_ID: 'ffff0003' }, reject: false, detached: true });
    for (let i = 0; i < 50 && !readFileSync(`/proc/${stray.pid}/environ`, 'latin1').includes('CODEX_AGENT_JOB_ID=ffff0003'); i++) await sleep(20);
    store.create(makeRecord({ id: 'ffff0003', status: 'running', turn_state: 'working', runner }), 'p');
    // Still JSON, no longer a record: the runner's pid and start can be read from it.
    const raw = JSON.parse(readFileSync(store.layout.recordPath('ffff0003'), 'utf8')) as Record<string, unknown>;
    writeFileSync(store.layout.recordPath('ffff0003'), JSON.stringify({ ...raw, version: 'nope' }));
    const r = await cli(['delete', 'ffff0003', '--force', '--json'], { env: { CODEX_AGENT_TMUX_SOCKET: runners.socket } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'ffff0003', deleted: true, session_closed: true, survivors: [] });
    expect(JSON.parse(r.stdout).processes_ended).toBeGreaterThanOrEqual(2);
    const alive = (pid: number): boolean => {
      try {
        return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && (alive(runner.pid) || alive(stray.pid!)); i++) await sleep(100);
    expect(alive(runner.pid)).toBe(false);
    expect(alive(stray.pid!)).toBe(false);
    await stray;
    expect(existsSync(store.layout.jobDir('ffff0003'))).toBe(false);
  });
});

describe('leftover tmux sockets', () => {
  it("clean removes its configured socket's file once no server answers on it, and leaves a live one", async () => {
    const name = `cli-hostile-dead-${process.pid}`;
    const path = tmuxSocketPath(name)!;
    try {
      // A real private server whose last session ended: tmux exits and leaves the file.
      await execa('tmux', ['-L', name, 'new-session', '-d', '-s', 'brief', 'true']);
      for (let i = 0; i < 100 && (await probeSocket(path)) !== 'dead'; i++) await sleep(50);
      expect(await probeSocket(path)).toBe('dead');
      const r = await cli(['clean', '--json'], { env: { CODEX_AGENT_TMUX_SOCKET: name } });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ removed_socket: path });
      expect(existsSync(path)).toBe(false);
      // Nothing to remove: said so by null.
      expect(JSON.parse((await cli(['clean', '--json'], { env: { CODEX_AGENT_TMUX_SOCKET: name } })).stdout)).toMatchObject({ removed_socket: null });

      // A live server's socket stays (a session that is no job's: clean leaves it open).
      await execa('tmux', ['-L', name, 'new-session', '-d', '-s', 'keep', 'sleep', '600']);
      const l = await cli(['clean', '--json'], { env: { CODEX_AGENT_TMUX_SOCKET: name } });
      expect(JSON.parse(l.stdout)).toMatchObject({ closed_sessions: [], removed_socket: null });
      expect(await probeSocket(path)).toBe('live');
    } finally {
      await execa('tmux', ['-L', name, 'kill-server'], { reject: false });
      rmSync(path, { force: true });
    }
  });
});
